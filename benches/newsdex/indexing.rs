//! Indexing throughput (MB/s): walk, read, clean, extract and index the bundled corpus.

use criterion::{Criterion, Throughput, criterion_group};
use newsdex::index::build::{self, BuildOptions, Silent};

fn indexing(c: &mut Criterion) {
    let corpus = crate::common::corpus();
    let bytes = crate::common::text_bytes(&crate::common::raw_articles());
    let mut group = c.benchmark_group("indexing");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.bench_function("index bundled corpus", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("temp dir"),
            |dir| {
                let options = BuildOptions::new(corpus.clone(), dir.path().join("index"));
                build::build(&options, &Silent).expect("index builds")
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, indexing);
