//! Throughput of date finding alone: `pubdate::resolve` and `dates::find` over real article text.
//!
//! Reads the bundled corpus (`corpus/`), or the folder named by `NEWSDEX_BENCH_CORPUS` (for
//! instance an unpacked Reuters corpus), at most `NEWSDEX_BENCH_FILES` files (default 5000).

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group};
use newsdex::extract::{Input, dates, pubdate};

fn texts() -> Vec<String> {
    let root = std::env::var_os("NEWSDEX_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    let limit = std::env::var("NEWSDEX_BENCH_FILES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000);
    let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_none_or(|e| e == "txt"))
        .collect();
    paths.truncate(limit);
    paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .collect()
}

fn bench(c: &mut Criterion) {
    let texts = texts();
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
