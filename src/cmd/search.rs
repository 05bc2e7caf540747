//! `newsdex search`: ranked articles with highlighted snippets.

use crate::cli::{BuildArgs, Paths, SearchArgs, Sort};
use crate::error::Error;
use crate::output;
use crate::search::order::HalfLife;
use crate::search::{Engine, Filters, Order, Request};

/// Results per page when `--limit` is not given.
const DEFAULT_LIMIT: usize = 10;

pub(crate) fn run(args: &SearchArgs) -> anyhow::Result<u8> {
    let mut request = request(args)?;
    if (args.count || args.list_paths) && args.facets.timeline.is_none() {
        // `--count` and `--paths` print the count or the paths alone: facets would not be
        // shown, so they are not counted (only a `--timeline` picture needs them).
        request.facets = None;
    }
    if args.count {
        // The count alone: no page to fetch, no snippets.
        request.limit = 0;
        request.snippets = false;
    } else if args.list_paths {
        request.limit = args.limit.unwrap_or(usize::MAX);
        request.snippets = false;
    }
    let engine = open(&args.paths, &args.build)?;
    let mut results = engine.search(&request)?;
    super::draw_timeline(&args.facets, &args.query, results.facets.as_ref())?;
    // Only an empty result is looked into: searches that find something pay nothing.
    if results.total == 0 {
        results.why = engine.why(&request)?;
    }
    if args.count || args.list_paths {
        // `--paths` refuses `--format json`: only `--count` writes JSON, the summary line
        // alone (no hit was fetched).
        super::print(
            args.format,
            args.color,
            |mut out| output::search::write_json(&mut out, &args.query, &results, request.offset),
            |mut out| {
                if args.count {
                    output::search::write_count(&mut out, &results)
                } else {
                    output::search::write_paths(&mut out, &results)
                }
            },
        )?;
        let found = if args.count {
            results.total > 0
        } else {
            !results.hits.is_empty()
        };
        return Ok(if found {
            super::EXIT_OK
        } else {
            super::EXIT_NO_HITS
        });
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
///
/// An index the user named (`--index`, `NEWSDEX_INDEX`) is built only from a corpus they named
/// too: otherwise a mistyped index folder is reported, not filled from `./corpus`.
pub(super) fn open(paths: &Paths, build: &BuildArgs) -> anyhow::Result<Engine> {
    let folders = super::paths::Folders::of(paths);
    let missing = !folders.index.join("meta.json").exists();
    if missing && folders.may_build() && folders.corpus.is_dir() {
        crate::index::folders::check(&folders.corpus, &folders.index)?;
        // A bad budget is said before the notice that a build starts.
        super::index::options(paths, build)?;
        if !build.quiet {
            eprintln!(
                "newsdex: no index at {}; building it from {} first",
                folders.index.display(),
                folders.corpus.display()
            );
        }
        super::index::build_index(paths, build)?;
    }
    Ok(Engine::open(&folders.index)?)
}

/// Resolve the command line into a search request.
fn request(args: &SearchArgs) -> Result<Request, Error> {
    let (since, until) = super::period(&args.period)?;
    let filters = Filters {
        speaker: args.speaker.clone(),
        location: args.location.clone(),
        path: args.path.clone(),
        since,
        until,
        mentions: super::mentions(args.mentions.as_deref())?,
    };
    Ok(Request {
        query: args.query.clone(),
        filters,
        limit: args.limit.unwrap_or(DEFAULT_LIMIT),
        offset: args.offset,
        snippets: true,
        snippet_chars: args.snippet_chars,
        fragments: args.fragments,
        any: args.any,
        order: order(args)?,
        facets: super::facet_options(&args.facets),
        versions: args.versions,
        // Paths are of every matching article, like `rg -l`.
        collapse: !args.list_paths && !args.articles,
        exact_stories: args.exact_stories,
    })
}

/// `--sort` and `--recency` as one order; a half-life ranks by relevance, so it does not go
/// with a date order.
fn order(args: &SearchArgs) -> Result<Order, Error> {
    let half_life = args
        .recency
        .as_deref()
        .map(|value| {
            HalfLife::parse(value).map_err(|reason| Error::BadHalfLife {
                value: value.to_string(),
                reason,
            })
        })
        .transpose()?;
    Ok(match (args.sort, half_life) {
        (Sort::Relevance, None) => Order::Relevance,
        (Sort::Relevance, Some(half_life)) => Order::Recency(half_life),
        (Sort::Newest, None) => Order::Newest,
        (Sort::Oldest, None) => Order::Oldest,
        (sort @ (Sort::Newest | Sort::Oldest), Some(_)) => {
            return Err(Error::Incompatible {
                first: format!("--recency {}", args.recency.as_deref().unwrap_or_default()),
                second: format!(
                    "--sort {}",
                    if sort == Sort::Newest {
                        "newest"
                    } else {
                        "oldest"
                    }
                ),
                reason: "a half-life weighs relevance; a date order ignores it",
            });
        }
    })
}
