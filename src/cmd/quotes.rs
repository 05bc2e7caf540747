//! `newsdex quotes`: who said what about a query.

use std::io::Write;

use crate::cli::{Format, QuotesArgs};
use crate::output;
use crate::search::quotes::QuoteRequest;

pub fn run(args: &QuotesArgs) -> anyhow::Result<u8> {
    let request = QuoteRequest {
        query: args.query.clone(),
        filters: super::search::filters(
            args.speaker.as_deref(),
            None,
            args.since.as_deref(),
            args.until.as_deref(),
        )?,
        limit: args.limit,
        offset: args.offset,
    };
    let engine = super::search::open(&args.paths, &args.build)?;
    let results = engine.quotes(&request)?;
    let stdout = std::io::stdout();
    match args.format {
        Format::Json => {
            let mut out = std::io::BufWriter::new(stdout.lock());
            output::quotes::write_json(&mut out, &args.query, &results, request.offset)?;
            out.flush()?;
        }
        Format::Text => {
            let lock = stdout.lock();
            let stream = anstream::AutoStream::new(lock, output::style::choice(args.color));
            let mut out = std::io::BufWriter::new(stream);
            output::quotes::write_text(&mut out, &results)?;
            out.flush()?;
        }
    }
    Ok(if results.quotes.is_empty() {
        super::EXIT_NO_HITS
    } else {
        super::EXIT_OK
    })
}
