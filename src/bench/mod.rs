//! `newsdex bench`: query latency over a query set, through the same code path as `search`.
//!
//! A warm-up pass runs every query once and is reported apart (the cold figures); then each
//! query runs `iterations` times. Latencies come from [`crate::search::Timings`], taken with a
//! monotonic clock around the engine's stages only, so printing is never timed. With
//! `speakers`, each query is asked of `newsdex speakers` instead (who is quoted in the
//! articles it matches), timed whole as its search stage. With `facets`, each search runs a
//! second time with its facets (who, where, when over every match), reported as the kind
//! `facets`, and query by query beside the same query without them (`FacetCost`: what
//! facets add to that query, and the share of the index it matches).

pub mod queries;

use std::time::Duration;

use serde::Serialize;

use crate::error::Result;
use crate::search::facets::FacetOptions;
use crate::search::speakers::SpeakerRequest;
use crate::search::{Engine, Request, Timings};
pub(crate) use queries::{BenchQuery, Kind};

/// How to run a benchmark.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BenchOptions {
    pub iterations: usize,
    pub warmup: usize,
    pub limit: usize,
    pub snippets: bool,
    /// Time `speakers` (who is quoted in the matching articles) instead of `search`.
    pub speakers: bool,
    /// Also time each search with its facets, reported as a kind of its own (`facets`).
    pub facets: bool,
    /// Rank every matching article on its own instead of one hit per story (`search
    /// --articles`), to see what grouping by story costs.
    pub articles: bool,
}

/// Latency distribution of a set of samples.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Latency {
    pub count: usize,
    pub min_ms: f64,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub mean_ms: f64,
    /// Queries per second at the mean latency, one query at a time.
    pub qps: f64,
}

impl Latency {
    /// Summarise samples (nearest-rank percentiles).
    pub(crate) fn of(samples: &[Duration]) -> Latency {
        if samples.is_empty() {
            return Latency::default();
        }
        let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        ms.sort_by(f64::total_cmp);
        let rank = |p: f64| {
            let i = ((p / 100.0) * ms.len() as f64).ceil() as usize;
            ms[i.clamp(1, ms.len()) - 1]
        };
        let mean = ms.iter().sum::<f64>() / ms.len() as f64;
        Latency {
            count: ms.len(),
            min_ms: ms[0],
            p50_ms: rank(50.0),
            p90_ms: rank(90.0),
            p99_ms: rank(99.0),
            max_ms: ms[ms.len() - 1],
            mean_ms: mean,
            qps: if mean > 0.0 { 1e3 / mean } else { 0.0 },
        }
    }
}

/// Mean time per query of each stage.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Split {
    pub parse_ms: f64,
    pub search_ms: f64,
    pub fetch_ms: f64,
    pub snippets_ms: f64,
}

impl Split {
    fn of(timings: &[Timings]) -> Split {
        let n = timings.len().max(1) as f64;
        let mean = |f: fn(&Timings) -> Duration| {
            timings.iter().map(|t| f(t).as_secs_f64()).sum::<f64>() * 1e3 / n
        };
        Split {
            parse_ms: mean(|t| t.parse),
            search_ms: mean(|t| t.search),
            fetch_ms: mean(|t| t.fetch),
            snippets_ms: mean(|t| t.snippets),
        }
    }
}

/// Figures for one group of queries (one kind, or all).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Group {
    pub name: String,
    pub queries: usize,
    pub latency: Latency,
    pub split: Split,
}

/// What facets add to one query: its latency without them and with them, over the same
/// iterations.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct FacetCost {
    pub query: String,
    /// Articles it matches, and their share of the index's articles.
    pub matches: u64,
    pub share: f64,
    pub without: Latency,
    pub with: Latency,
    /// `with` less `without`, at the median and at the 99th percentile.
    pub added_p50_ms: f64,
    pub added_p99_ms: f64,
}

/// What was measured.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct IndexInfo {
    pub path: String,
    pub docs: u64,
    pub segments: usize,
    pub size_bytes: u64,
}

/// The result of a benchmark run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct BenchReport {
    pub index: IndexInfo,
    pub iterations: usize,
    pub warmup: usize,
    pub limit: usize,
    pub snippets: bool,
    /// `speakers` was timed, not `search`.
    pub speakers: bool,
    /// Each search was timed with its facets too: the `facets` kind.
    pub facets: bool,
    /// The warm-up pass: each query's first run on a freshly opened index.
    pub cold: Group,
    /// Per query kind, in the order terms, and, phrase, filtered (kinds with no query left out).
    pub kinds: Vec<Group>,
    pub overall: Group,
    /// With `facets`, each query's latency without and with its facets (else empty).
    pub facet_costs: Vec<FacetCost>,
}

/// Run the benchmark.
pub(crate) fn run(
    engine: &Engine,
    queries: &[BenchQuery],
    options: &BenchOptions,
) -> Result<BenchReport> {
    let requests: Vec<(Kind, Request)> = queries
        .iter()
        .map(|q| {
            let mut request = q.request(options.limit, options.snippets);
            request.collapse = !options.articles;
            (q.kind, request)
        })
        .collect();
    let faceted: Vec<Request> = if options.facets && !options.speakers {
        requests
            .iter()
            .map(|(_, r)| Request {
                facets: Some(FacetOptions::default()),
                ..r.clone()
            })
            .collect()
    } else {
        Vec::new()
    };
    let cold = warm_up(engine, &requests, &faceted, options)?;
    let samples = measure(engine, &requests, &faceted, options)?;

    let count = |kind: Kind| queries.iter().filter(|q| q.kind == kind).count();
    let mut kinds: Vec<Group> = samples
        .by_kind
        .iter()
        .filter(|(k, _)| count(*k) > 0)
        .map(|(k, samples)| group(k.name(), count(*k), samples))
        .collect();
    if !faceted.is_empty() {
        kinds.push(group("facets", faceted.len(), &samples.facets));
    }
    let all: Vec<Timings> = samples.by_kind.into_iter().flat_map(|(_, s)| s).collect();
    let searcher = engine.reader().searcher();
    let docs = searcher.num_docs();
    Ok(BenchReport {
        index: IndexInfo {
            path: engine.index().path.display().to_string(),
            docs,
            segments: searcher.segment_readers().len(),
            size_bytes: crate::index::stats::folder_size(&engine.index().path),
        },
        iterations: options.iterations,
        warmup: options.warmup,
        limit: options.limit,
        snippets: options.snippets,
        speakers: options.speakers,
        facets: !faceted.is_empty(),
        cold: group("cold", queries.len(), &cold),
        kinds,
        overall: group("overall", queries.len(), &all),
        facet_costs: facet_costs(queries, samples.per_query, docs),
    })
}

/// The timings of one run of `request`: of `search`, or of `speakers` (timed whole, as its
/// search stage) when `speakers` is asked for.
fn time(engine: &Engine, request: &Request, speakers: bool) -> Result<Timings> {
    if !speakers {
        return Ok(engine.search(request)?.timings);
    }
    let asked = SpeakerRequest {
        filters: request.filters.clone(),
        limit: request.limit,
        ..SpeakerRequest::new(request.query.clone())
    };
    Ok(Timings {
        search: engine.speakers(&asked)?.took,
        ..Timings::default()
    })
}

/// The warm-up passes, and the timings of the first (the cold figures); the faceted searches
/// are warmed up once, untimed.
fn warm_up(
    engine: &Engine,
    requests: &[(Kind, Request)],
    faceted: &[Request],
    options: &BenchOptions,
) -> Result<Vec<Timings>> {
    let mut cold = Vec::new();
    for pass in 0..options.warmup {
        for (_, request) in requests {
            let timings = time(engine, request, options.speakers)?;
            if pass == 0 {
                cold.push(timings);
            }
        }
    }
    for _ in 0..options.warmup.min(1) {
        for request in faceted {
            engine.search(request)?;
        }
    }
    Ok(cold)
}

/// What the timed iterations gathered.
struct Samples {
    /// Per query kind, in [`Kind::ALL`]'s order.
    by_kind: Vec<(Kind, Vec<Timings>)>,
    /// Of the searches with facets.
    facets: Vec<Timings>,
    /// Per query, with facets: the latencies without and with them, and the matches.
    per_query: Vec<(Vec<Duration>, Vec<Duration>, u64)>,
}

/// The timed iterations: each runs every query once, then every faceted search once.
fn measure(
    engine: &Engine,
    requests: &[(Kind, Request)],
    faceted: &[Request],
    options: &BenchOptions,
) -> Result<Samples> {
    let mut samples = Samples {
        by_kind: Kind::ALL.iter().map(|&k| (k, Vec::new())).collect(),
        facets: Vec::new(),
        per_query: vec![(Vec::new(), Vec::new(), 0); faceted.len()],
    };
    for _ in 0..options.iterations {
        for (i, (kind, request)) in requests.iter().enumerate() {
            let timings = time(engine, request, options.speakers)?;
            if let Some((without, _, _)) = samples.per_query.get_mut(i) {
                without.push(timings.total());
            }
            if let Some((_, of_kind)) = samples.by_kind.iter_mut().find(|(k, _)| k == kind) {
                of_kind.push(timings);
            }
        }
        for (request, (_, with, matches)) in faceted.iter().zip(&mut samples.per_query) {
            let results = engine.search(request)?;
            with.push(results.timings.total());
            *matches = results.total as u64;
            samples.facets.push(results.timings);
        }
    }
    Ok(samples)
}

/// The figures of a group of queries from their timings.
fn group(name: &str, queries: usize, samples: &[Timings]) -> Group {
    Group {
        name: name.to_string(),
        queries,
        latency: Latency::of(&samples.iter().map(Timings::total).collect::<Vec<_>>()),
        split: Split::of(samples),
    }
}

/// What facets add to each query, from its latencies without and with them and its matches
/// among the index's `docs` articles.
fn facet_costs(
    queries: &[BenchQuery],
    per_query: Vec<(Vec<Duration>, Vec<Duration>, u64)>,
    docs: u64,
) -> Vec<FacetCost> {
    queries
        .iter()
        .zip(per_query)
        .map(|(q, (without, with, matches))| {
            let (without, with) = (Latency::of(&without), Latency::of(&with));
            FacetCost {
                query: q.line.clone(),
                matches,
                share: if docs > 0 {
                    matches as f64 / docs as f64
                } else {
                    0.0
                },
                added_p50_ms: with.p50_ms - without.p50_ms,
                added_p99_ms: with.p99_ms - without.p99_ms,
                without,
                with,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let samples: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let l = Latency::of(&samples);
        assert_eq!((l.count, l.min_ms, l.max_ms), (100, 1.0, 100.0));
        assert_eq!((l.p50_ms, l.p90_ms, l.p99_ms), (50.0, 90.0, 99.0));
        assert!((l.mean_ms - 50.5).abs() < 1e-9);
        assert!((l.qps - 1000.0 / 50.5).abs() < 1e-9);
    }

    #[test]
    fn one_sample_is_every_percentile() {
        let l = Latency::of(&[Duration::from_micros(1500)]);
        assert_eq!(
            (l.p50_ms, l.p99_ms, l.min_ms, l.max_ms),
            (1.5, 1.5, 1.5, 1.5)
        );
        assert_eq!(Latency::of(&[]), Latency::default());
    }
}
