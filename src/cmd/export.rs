//! `newsdex export`: every article as JSON Lines, or the Quickwit/Elasticsearch definitions for them.

use std::io::{self, Write};

use anyhow::Context;

use crate::cli::ExportArgs;
use crate::export::mapping;
use crate::export::record::Record;
use crate::export::source::{self, Period, Selection};
use crate::output;
use crate::search::Engine;
use crate::search::prefix::PathFilter;

pub(crate) fn run(args: &ExportArgs) -> anyhow::Result<u8> {
    let stdout = io::stdout();
    if args.quickwit_config {
        let yaml = mapping::quickwit_yaml().context("writing the Quickwit config")?;
        stdout.lock().write_all(yaml.as_bytes())?;
        return Ok(super::EXIT_OK);
    }
    if args.elasticsearch_mapping {
        let mut out = stdout.lock();
        serde_json::to_writer_pretty(&mut out, &mapping::elasticsearch_mapping())?;
        out.write_all(b"\n")?;
        return Ok(super::EXIT_OK);
    }
    let (since, until) = super::period(&args.period)?;
    let selection = Selection {
        period: Period { since, until },
        folder: args.path.as_deref().and_then(PathFilter::new),
    };
    let mut out = io::BufWriter::new(stdout.lock());
    let bulk = args.elasticsearch_bulk;
    let write = |record: Record| -> anyhow::Result<()> {
        if bulk {
            output::export::write_bulk(&mut out, &record)
        } else {
            output::export::write_line(&mut out, &record)
        }
        .context("writing the export")
    };
    let report = match &args.corpus {
        Some(corpus) => {
            let bar = output::progress::Bar::exporting(args.quiet, "files");
            let threads = args.threads.unwrap_or_else(|| {
                std::thread::available_parallelism()
                    .map_or(1, |n| n.get())
                    .min(crate::index::budget::MAX_THREADS)
            });
            source::from_corpus(corpus, threads, &selection, &bar, write)?
        }
        None => {
            let path = super::paths::index_or_default(args.index.as_ref());
            let index = Engine::open(&path)?;
            let bar = output::progress::Bar::exporting(args.quiet, "articles");
            source::from_index(&index, &selection, &bar, write)?
        }
    };
    out.flush().context("writing the export")?;
    if !args.quiet {
        eprintln!("{}", output::export::summary(&report));
    }
    Ok(super::EXIT_OK)
}
