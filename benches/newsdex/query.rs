//! Query latency over the default query set, with and without snippets, and with facets
//! (speakers, locations, countries and timeline of every match; and with `per`).

use criterion::{Criterion, criterion_group};
use newsdex::bench::queries;
use newsdex::index::build::{self, BuildOptions, Silent};
use newsdex::search::facets::FacetOptions;
use newsdex::search::{Engine, Request};

fn query(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = BuildOptions {
        threads: 2,
        ..BuildOptions::new(crate::common::corpus(), dir.path().join("index"))
    };
    build::build(&options, &Silent).expect("index builds");
    let engine = Engine::open(&options.index).expect("index opens");
    let set = queries::parse(queries::DEFAULT_QUERIES, newsdex::cli::QueryLineArgs::read)
        .expect("default queries parse");
    let mut group = c.benchmark_group("query set, top 10");
    for snippets in [false, true] {
        let requests: Vec<_> = set.iter().map(|q| q.request(10, snippets)).collect();
        let name = if snippets {
            "with snippets"
        } else {
            "without snippets"
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                for request in &requests {
                    std::hint::black_box(engine.search(request).expect("query runs"));
                }
            })
        });
    }
    for per in [None, Some(1000)] {
        let facets = FacetOptions {
            per,
            ..FacetOptions::default()
        };
        let requests: Vec<_> = set
            .iter()
            .map(|q| Request {
                facets: Some(facets),
                ..q.request(10, false)
            })
            .collect();
        let name = match per {
            None => "with facets",
            Some(_) => "with facets per 1000",
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                for request in &requests {
                    std::hint::black_box(engine.search(request).expect("query runs"));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, query);
