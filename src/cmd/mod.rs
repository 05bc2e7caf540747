//! One module per subcommand: resolve options, call the library, hand results to a printer.

pub mod extract;
pub mod index;
pub mod search;
pub mod stats;

use crate::cli::{Cli, Command};

/// Run the command line and return the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Index(args) => index::run(&args),
        Command::Search(args) => search::run(&args),
        Command::Stats(args) => stats::run(&args),
        Command::Extract(args) => extract::run(&args),
    }
}
