//! Throughput of location extraction alone over real article text.
//!
//! Reads up to 20 MiB of articles of the bundled corpus or of `NEWSDEX_BENCH_CORPUS` (see
//! [`crate::common`]), cleans them once, then times `locations::find` on every article.

use criterion::{Criterion, Throughput, criterion_group};
use newsdex::extract::locations;

const MAX_BYTES: usize = 20 << 20;

fn bench(c: &mut Criterion) {
    let articles = crate::common::chosen_articles(MAX_BYTES);
    let bytes: usize = articles.iter().map(|(t, b)| t.len() + b.len()).sum();
    // Build the gazetteer before timing.
    let _ = locations::find("", "Moscow");
    let mut group = c.benchmark_group("locations");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("find", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|(title, body)| locations::find(title, body).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
