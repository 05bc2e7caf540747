//! Throughput of location extraction alone over real article text.
//!
//! Reads the bundled Wikinews articles (`corpus/wikinews`), or up to 20 MB of `.txt` files
//! under `$NEWSDEX_BENCH_CORPUS` when set (e.g. an unpacked Reuters corpus), cleans them once,
//! then times `locations::find` on every article.

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group};
use newsdex::extract::locations;
use newsdex::ingest::clean;

const MAX_BYTES: usize = 20 << 20;

fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            text_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn articles() -> Vec<(String, String)> {
    let dir = std::env::var_os("NEWSDEX_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/wikinews"));
    let mut files = Vec::new();
    text_files(&dir, &mut files);
    let mut out = Vec::new();
    let mut total = 0;
    for file in files {
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let cleaned = clean::clean(&text);
        total += cleaned.body.len();
        out.push((cleaned.title.unwrap_or_default(), cleaned.body));
        if total >= MAX_BYTES {
            break;
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let articles = articles();
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
