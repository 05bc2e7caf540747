//! The newsdex binary: parse the command line, run it, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;
use newsdex::cli::Cli;

/// Indexing allocates and frees small strings by the million (tokens, documents, extraction
/// results) on several threads at once: mimalloc's per-thread heaps serve that faster than the
/// system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match newsdex::cmd::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) if newsdex::cmd::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("newsdex: error: {}", newsdex::cmd::one_line(&err));
            if let Some(hint) = err.downcast_ref::<newsdex::Error>().and_then(|e| e.hint()) {
                eprintln!("hint: {hint}");
            }
            ExitCode::from(newsdex::cmd::EXIT_ERROR)
        }
    }
}
