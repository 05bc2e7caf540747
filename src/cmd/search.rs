//! `newsdex search`: ranked articles with highlighted snippets.

use crate::cli::{BuildArgs, Paths, SearchArgs};
use crate::error::Error;
use crate::output;
use crate::search::{Engine, Filters, Request};

pub fn run(args: &SearchArgs) -> anyhow::Result<u8> {
    let request = request(args)?;
    let engine = open(&args.paths, &args.build)?;
    let mut results = engine.search(&request)?;
    // Only an empty result is looked into: searches that find something pay nothing.
    if results.total == 0 {
        results.why = engine.why(&request)?;
    }
    // `--limit 0` asks how many articles match, not for hits.
    let counting = request.limit == 0;
    super::print(
        args.format,
        args.color,
        |mut out| output::search::write_json(&mut out, &args.query, &results, request.offset),
        |mut out| {
            if counting {
                output::search::write_total(&mut out, &results)
            } else {
                output::search::write_text(&mut out, &results, output::wrap::terminal_width())
            }
        },
    )?;
    let found = if counting {
        results.total > 0
    } else {
        !results.hits.is_empty()
    };
    Ok(if found {
        super::EXIT_OK
    } else {
        super::EXIT_NO_HITS
    })
}

/// Open the index for searching, building it from the corpus first when it is missing.
pub(super) fn open(paths: &Paths, build: &BuildArgs) -> anyhow::Result<Engine> {
    if !paths.index.join("meta.json").exists() && paths.corpus.is_dir() {
        if !build.quiet {
            eprintln!(
                "newsdex: no index at {}; building it from {} first",
                paths.index.display(),
                paths.corpus.display()
            );
        }
        super::index::build_index(paths, build)?;
    }
    Ok(Engine::open(&paths.index)?)
}

/// Resolve the command line into a search request.
fn request(args: &SearchArgs) -> Result<Request, Error> {
    let (since, until) = super::period(&args.period)?;
    let filters = Filters {
        speaker: args.speaker.clone(),
        location: args.location.clone(),
        since,
        until,
    };
    Ok(Request {
        query: args.query.clone(),
        filters,
        limit: args.limit,
        offset: args.offset,
        snippets: true,
        snippet_chars: args.snippet_chars,
        fragments: args.fragments,
        any: args.any,
    })
}
