//! Throughput of a story sketch alone: `Sketch::of` over real articles, read and prepared as
//! `index` prepares them (the sketch is the largest part of what stories add to a build).
//!
//! Reads up to 16 MiB of raw article text of the bundled corpus or of `NEWSDEX_BENCH_CORPUS`
//! (see [`crate::common`]).

use criterion::{Criterion, Throughput, criterion_group};
use newsdex::article::RawArticle;
use newsdex::ingest;
use newsdex::stories::Sketch;

/// At most this many bytes of text, so that a large corpus still gives a quick bench.
const BUDGET: usize = 16 << 20;

fn bench(c: &mut Criterion) {
    let articles: Vec<_> = crate::common::chosen_texts(BUDGET)
        .into_iter()
        .map(|text| {
            ingest::prepare(&RawArticle {
                text,
                ..RawArticle::default()
            })
        })
        .collect();
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    let mut group = c.benchmark_group("stories");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("sketch", |b| {
        b.iter(|| {
            for a in &articles {
                std::hint::black_box(Sketch::of(a));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
