//! `newsdex stats`: what the index holds.

use std::io::Write;

use crate::cli::{CountBy, Format, StatsArgs};
use chrono::Datelike;
use tantivy::query::AllQuery;

use crate::index::stats::{Count, Stats};
use crate::output;
use crate::search::Engine;
use crate::search::facets::{FacetOptions, Interval};
use crate::search::speakers::SpeakerRequest;

pub(crate) fn run(args: &StatsArgs) -> anyhow::Result<u8> {
    let engine = Engine::open(&args.index)?;
    let searcher = engine.reader().searcher();
    let mut request = SpeakerRequest::new("");
    request.limit = args.top;
    let speakers = engine.speakers(&request)?.speakers;
    let speakers = counts(speakers.into_iter().map(|s| (s.name, s.articles)));
    let mut stats = crate::index::stats::stats(engine.index(), &searcher, args.top, speakers)?;
    if args.count_by == CountBy::Stories {
        by_story(&engine, &mut stats, args.top)?;
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => output::stats::write_json(&mut out, &stats)?,
        Format::Text => output::stats::write_text(&mut out, &stats)?,
    }
    out.flush()?;
    Ok(super::EXIT_OK)
}

/// Count the lists of `stats` by story: the facets of every article, each story once.
fn by_story(engine: &Engine, stats: &mut Stats, top: usize) -> anyhow::Result<()> {
    let options = FacetOptions {
        interval: Some(Interval::Year),
        top,
        stories: true,
        ..FacetOptions::default()
    };
    let facets = engine.facets(&AllQuery, &options)?;
    stats.stories = Some(facets.articles);
    stats.speakers = counts(facets.speakers.into_iter().map(|s| (s.name, s.articles)));
    stats.locations = facets.locations;
    let mut years: Vec<Count> = facets
        .timeline
        .points
        .iter()
        .filter(|p| p.articles > 0)
        .map(|p| Count {
            value: p.start.year().to_string(),
            articles: p.articles,
        })
        .collect();
    years.reverse();
    years.truncate(top);
    stats.years = years;
    stats.undated = facets.timeline.undated;
    Ok(())
}

/// Names and their article counts as `stats` lists them.
fn counts(named: impl Iterator<Item = (String, u64)>) -> Vec<Count> {
    named
        .map(|(value, articles)| Count { value, articles })
        .collect()
}
