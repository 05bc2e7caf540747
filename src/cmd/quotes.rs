//! `newsdex quotes`: who said what about a query.

use crate::cli::QuotesArgs;
use crate::output;
use crate::search::Filters;
use crate::search::quotes::QuoteRequest;

pub fn run(args: &QuotesArgs) -> anyhow::Result<u8> {
    let (since, until) = super::period(&args.period)?;
    let request = QuoteRequest {
        query: args.query.clone(),
        filters: Filters {
            speaker: args.speaker.clone(),
            location: args.location.clone(),
            path: args.path.clone(),
            since,
            until,
        },
        limit: args.limit,
        offset: args.offset,
    };
    let engine = super::search::open(&args.paths, &args.build)?;
    let results = engine.quotes(&request)?;
    super::print(
        args.format,
        args.color,
        |mut out| output::quotes::write_json(&mut out, &args.query, &results, request.offset),
        |mut out| output::quotes::write_text(&mut out, &results),
    )?;
    Ok(if results.quotes.is_empty() {
        super::EXIT_NO_HITS
    } else {
        super::EXIT_OK
    })
}
