//! `newsdex completions SHELL`: the shell completion script, generated from the clap definition.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

pub(crate) fn run(args: &CompletionsArgs) -> anyhow::Result<u8> {
    let mut command = Cli::command();
    let name = command.get_name().to_string();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    clap_complete::generate(args.shell, &mut command, name, &mut out);
    out.flush()?;
    Ok(super::EXIT_OK)
}
