//! `newsdex bench`: query latency over a query set.

use std::io::Write;

use crate::bench::{self, BenchOptions, queries};
use crate::cli::{BenchArgs, Format, QueryLineArgs};
use crate::output;
use crate::search::Engine;

pub(crate) fn run(args: &BenchArgs) -> anyhow::Result<u8> {
    let queries = match &args.queries {
        Some(path) => queries::load(path, QueryLineArgs::read)?,
        None => queries::parse(queries::DEFAULT_QUERIES, QueryLineArgs::read).map_err(
            |(line, reason)| anyhow::anyhow!("built-in query set, line {line}: {reason}"),
        )?,
    };
    let options = BenchOptions {
        iterations: args.iterations.max(1),
        warmup: args.warmup,
        limit: args.limit,
        snippets: !args.no_snippets,
        speakers: args.speakers,
        facets: args.facets,
        articles: args.articles,
    };
    let engine = Engine::open(&args.index)?;
    let report = bench::run(&engine, &queries, &options)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => output::bench::write_json(&mut out, &report)?,
        Format::Text => output::bench::write_text(&mut out, &report)?,
    }
    out.flush()?;
    Ok(super::EXIT_OK)
}
