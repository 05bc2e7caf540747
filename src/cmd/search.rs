//! `newsdex search`: ranked articles with highlighted snippets.

use std::io::Write;

use crate::cli::{Format, SearchArgs};
use crate::error::Error;
use crate::output;
use crate::search::period::{self, End};
use crate::search::{Engine, Filters, Request};

pub fn run(args: &SearchArgs) -> anyhow::Result<u8> {
    let request = request(args)?;
    if !args.paths.index.join("meta.json").exists() && args.paths.corpus.is_dir() {
        if !args.build.quiet {
            eprintln!(
                "newsdex: no index at {}; building it from {} first",
                args.paths.index.display(),
                args.paths.corpus.display()
            );
        }
        super::index::build_index(&args.paths, &args.build)?;
    }
    let engine = Engine::open(&args.paths.index)?;
    let results = engine.search(&request)?;
    let stdout = std::io::stdout();
    match args.format {
        Format::Json => {
            let mut out = std::io::BufWriter::new(stdout.lock());
            output::search::write_json(&mut out, &args.query, &results, request.offset)?;
            out.flush()?;
        }
        Format::Text => {
            let lock = stdout.lock();
            let stream = anstream::AutoStream::new(lock, output::style::choice(args.color));
            let mut out = std::io::BufWriter::new(stream);
            output::search::write_text(&mut out, &results)?;
            out.flush()?;
        }
    }
    Ok(if results.hits.is_empty() {
        super::EXIT_NO_HITS
    } else {
        super::EXIT_OK
    })
}

/// Resolve the command line into a search request.
fn request(args: &SearchArgs) -> Result<Request, Error> {
    let filters = Filters {
        speaker: args.speaker.clone(),
        location: args.location.clone(),
        since: period::option("--since", args.since.as_deref(), End::First)?,
        until: period::option("--until", args.until.as_deref(), End::Last)?,
    };
    Ok(Request {
        query: args.query.clone(),
        filters,
        limit: args.limit,
        offset: args.offset,
        snippets: true,
        snippet_chars: args.snippet_chars,
    })
}
