//! `newsdex index`: bring the index in line with the corpus, once or (`--watch`) until stopped.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;

use crate::cli::{BuildArgs, IndexArgs, Paths};
use crate::index::budget;
use crate::index::build::{self, BuildOptions, BuildReport, Indexer};
use crate::index::watch;
use crate::ingest::walk;
use crate::output;

pub(crate) fn run(args: &IndexArgs) -> anyhow::Result<u8> {
    let mut options = options(&args.paths, &args.build)?;
    options.rebuild = args.rebuild;
    options.commit_bytes = args.commit_mb.saturating_mul(1_000_000).max(1);
    options.filter = walk::Filter {
        include: args.include.clone(),
        exclude: args.exclude.clone(),
    };
    // A bad glob is the user's mistake: said before anything is read.
    options
        .filter
        .compile(&options.corpus)
        .map_err(|why| anyhow::anyhow!("bad glob: {why}"))?;
    let stop = interrupted()?;
    let bar = output::progress::Bar::new(args.build.quiet);
    let quiet = args.build.quiet;
    if args.watch {
        let mut indexer = Indexer::open(&options)?;
        let mut first = true;
        let watched = watch::watch(&mut indexer, &bar, &stop, |report| {
            if !quiet && (first || report.changed() || report.interrupted) {
                eprintln!("{}", output::index::summary(report));
            }
            if first && !quiet {
                eprintln!(
                    "newsdex: watching {} for changes (Ctrl-C to stop)",
                    options.corpus.display()
                );
            }
            first = false;
        });
        if let Err(e) = watched {
            // The error says what went wrong; a failed clean-up would only hide it.
            let _ = indexer.discard_if_new();
            return Err(e.into());
        }
        indexer.close()?;
        return Ok(super::EXIT_OK);
    }
    let report = build::build_until(&options, &bar, &stop)?;
    if !quiet {
        eprintln!("{}", output::index::summary(&report));
    } else if report.interrupted {
        eprintln!("newsdex: interrupted: run `newsdex index` again to finish");
    }
    Ok(if report.interrupted {
        super::EXIT_INTERRUPTED
    } else if report.failed() {
        super::EXIT_ERROR
    } else {
        super::EXIT_OK
    })
}

/// Build or update the index with a progress bar and print the summary line (for `search` on a
/// missing index).
pub(crate) fn build_index(paths: &Paths, args: &BuildArgs) -> anyhow::Result<BuildReport> {
    let bar = output::progress::Bar::new(args.quiet);
    let report = build::build(&options(paths, args)?, &bar)?;
    if !args.quiet {
        eprintln!("{}", output::index::summary(&report));
    }
    Ok(report)
}

/// The build the options ask for; a memory budget the threads cannot share is refused here,
/// before anything is written.
pub(super) fn options(paths: &Paths, args: &BuildArgs) -> anyhow::Result<BuildOptions> {
    let folders = super::paths::Folders::of(paths);
    let mut options = BuildOptions::new(folders.corpus, folders.index);
    if let Some(threads) = args.threads {
        options.threads = threads;
    }
    options.memory_mb = args
        .memory_mb
        .unwrap_or_else(|| budget::default_mb(options.threads));
    budget::check(options.threads, options.memory_mb)?;
    Ok(options)
}

/// A flag set by Ctrl-C (SIGINT) or SIGTERM, so that indexing commits what it did and stops.
fn interrupted() -> anyhow::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed))
        .context("installing the Ctrl-C handler")?;
    Ok(stop)
}
