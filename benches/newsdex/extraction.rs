//! Extraction throughput (MB/s, one core) over the bundled corpus's real article text.

use criterion::{Criterion, Throughput, criterion_group};
use newsdex::extract::{self, Input};
use newsdex::ingest::clean;

fn extraction(c: &mut Criterion) {
    let raw = crate::common::raw_articles();
    let cleaned: Vec<(String, clean::Cleaned)> = raw
        .iter()
        .map(|a| (a.title.clone(), clean::clean(&a.text)))
        .collect();
    let bytes: u64 = cleaned.iter().map(|(_, c)| c.body.len() as u64).sum();
    let mut group = c.benchmark_group("extraction");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(20);
    group.bench_function("extract bundled corpus", |b| {
        b.iter(|| {
            for (title, c) in &cleaned {
                let input = Input {
                    title,
                    body: &c.body,
                    published: None,
                    date_line: c.date_line.as_deref(),
                    url: c.url.as_deref(),
                    links: &c.links,
                };
                std::hint::black_box(extract::extract(&input));
            }
        })
    });
    group.throughput(Throughput::Bytes(crate::common::text_bytes(&raw)));
    group.bench_function("clean bundled corpus", |b| {
        b.iter(|| {
            for a in &raw {
                std::hint::black_box(clean::clean(&a.text));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, extraction);
