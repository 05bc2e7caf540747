//! `newsdex stats`: what the index holds.

use std::io::Write;

use crate::cli::{Format, StatsArgs};
use crate::output;
use crate::search::Engine;

pub fn run(args: &StatsArgs) -> anyhow::Result<u8> {
    let engine = Engine::open(&args.index)?;
    let searcher = engine.reader().searcher();
    let stats = crate::index::stats::stats(engine.index(), &searcher, args.top)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => output::stats::write_json(&mut out, &stats)?,
        Format::Text => output::stats::write_text(&mut out, &stats)?,
    }
    out.flush()?;
    Ok(super::EXIT_OK)
}
