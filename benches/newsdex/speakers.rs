//! Throughput of the speaker, person and quote rules alone, over real article text.
//!
//! Reads up to 8 MiB of articles of the bundled corpus or of `NEWSDEX_BENCH_CORPUS` (see
//! [`crate::common`]), cleans them like `index` does, and measures `speakers::find` in bytes of
//! body per second.

use criterion::{Criterion, Throughput, criterion_group};
use newsdex::extract::speakers;

/// At most this many bytes of text, so that a large corpus still gives a quick bench.
const BUDGET: usize = 8 << 20;

fn bench(c: &mut Criterion) {
    let articles = crate::common::chosen_articles(BUDGET);
    let bytes: usize = articles.iter().map(|(_, body)| body.len()).sum();
    let mut group = c.benchmark_group("speakers");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("find", |b| {
        b.iter(|| {
            let mut found = 0;
            for (title, body) in &articles {
                found += speakers::find(title, body).persons.len();
            }
            found
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
