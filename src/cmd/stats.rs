//! `newsdex stats`: what the index holds.

use std::io::Write;

use crate::cli::{Format, StatsArgs};
use crate::index::stats::Count;
use crate::output;
use crate::search::Engine;
use crate::search::speakers::SpeakerRequest;

pub fn run(args: &StatsArgs) -> anyhow::Result<u8> {
    let engine = Engine::open(&args.index)?;
    let searcher = engine.reader().searcher();
    let mut request = SpeakerRequest::new("");
    request.limit = args.top;
    let speakers = engine
        .speakers(&request)?
        .speakers
        .into_iter()
        .map(|s| Count {
            value: s.name,
            articles: s.articles,
        })
        .collect();
    let stats = crate::index::stats::stats(engine.index(), &searcher, args.top, speakers)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => output::stats::write_json(&mut out, &stats)?,
        Format::Text => output::stats::write_text(&mut out, &stats)?,
    }
    out.flush()?;
    Ok(super::EXIT_OK)
}
