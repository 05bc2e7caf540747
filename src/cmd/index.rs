//! `newsdex index`: build or update the index of a corpus.

use crate::cli::{BuildArgs, IndexArgs, Paths};
use crate::index::build::{self, BuildOptions, BuildReport};
use crate::output;

pub fn run(args: &IndexArgs) -> anyhow::Result<u8> {
    let report = build_index(&args.paths, &args.build)?;
    Ok(if report.failed() {
        super::EXIT_ERROR
    } else {
        super::EXIT_OK
    })
}

/// Build the index with a progress bar and print the summary line.
pub fn build_index(paths: &Paths, args: &BuildArgs) -> anyhow::Result<BuildReport> {
    let options = BuildOptions {
        corpus: paths.corpus.clone(),
        index: paths.index.clone(),
        threads: args.threads.unwrap_or_else(default_threads),
        memory_mb: args.memory_mb,
    };
    let bar = output::progress::Bar::new(args.quiet);
    let report = build::build(&options, &bar)?;
    if !args.quiet {
        eprintln!("{}", output::index::summary(&report));
    }
    Ok(report)
}

fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
