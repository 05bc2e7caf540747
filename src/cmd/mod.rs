//! One module per subcommand: resolve options, call the library, hand results to a printer.

pub mod extract;

use crate::cli::{Cli, Command};

/// Run the command line and return the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Extract(args) => extract::run(&args),
    }
}
