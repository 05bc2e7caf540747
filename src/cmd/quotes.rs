//! `newsdex quotes`: who said what about a query.

use crate::cli::QuotesArgs;
use crate::output;
use crate::search::Filters;
use crate::search::quotes::QuoteRequest;

pub(crate) fn run(args: &QuotesArgs) -> anyhow::Result<u8> {
    let (since, until) = super::period(&args.period)?;
    let request = QuoteRequest {
        query: args.query.clone(),
        filters: Filters {
            speaker: args.speaker.clone(),
            location: args.location.clone(),
            path: args.path.clone(),
            since,
            until,
            mentions: super::mentions(args.mentions.as_deref())?,
        },
        limit: args.limit,
        offset: args.offset,
        facets: super::facet_options(&args.facets),
    };
    let engine = super::search::open(&args.paths, &args.build)?;
    let mut results = engine.quotes(&request)?;
    super::draw_timeline(&args.facets, &args.query, results.facets.as_ref())?;
    // Only an empty result is looked into: searches that find something pay nothing.
    if results.found == 0 {
        results.why = engine.why_quotes(&request)?;
    }
    super::print(
        args.format,
        args.color,
        |mut out| output::quotes::write_json(&mut out, &args.query, &results, request.offset),
        |mut out| output::quotes::write_text(&mut out, &results, output::wrap::terminal_width()),
    )?;
    // `--limit 0` asks how many quotes there are, not for quotes.
    let found = if request.limit == 0 {
        results.found > 0
    } else {
        !results.quotes.is_empty()
    };
    Ok(if found {
        super::EXIT_OK
    } else {
        super::EXIT_NO_HITS
    })
}
