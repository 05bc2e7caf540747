//! Throughput of date finding alone: `pubdate::resolve` and `dates::find` over real article text.
//!
//! Reads up to 16 MiB of raw article text of the bundled corpus or of `NEWSDEX_BENCH_CORPUS`
//! (see [`crate::common`]).

use criterion::{Criterion, Throughput, criterion_group};
use newsdex::extract::{Input, dates, pubdate};

/// At most this many bytes of text, so that a large corpus still gives a quick bench.
const BUDGET: usize = 16 << 20;

fn bench(c: &mut Criterion) {
    let texts = crate::common::chosen_texts(BUDGET);
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("dates");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("pubdate+find", |b| {
        b.iter(|| {
            let mut found = 0;
            for text in &texts {
                // Header-like metadata as the cleaner hands it over.
                let input = Input {
                    body: text,
                    date_line: Some("Fri Oct 20, 2006 6:15pm EDT"),
                    ..Input::default()
                };
                let reference = pubdate::resolve(&input);
                found += dates::find(text, &reference).len();
            }
            found
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
