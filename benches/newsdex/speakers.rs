//! Throughput of the speaker, person and quote rules alone, over real article text.
//!
//! Reads every `.txt` file under `NEWSDEX_BENCH_CORPUS` (for instance an unpacked Reuters
//! corpus) or, by default, the bundled `corpus/` folder, cleans each file like `index` does, and
//! measures `speakers::find` in bytes of body per second.

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group};
use newsdex::extract::speakers;
use newsdex::ingest::clean;

/// At most this many bytes of text, so that a large corpus still gives a quick bench.
const BUDGET: usize = 8 << 20;

fn texts() -> Vec<(String, String)> {
    let root = std::env::var_os("NEWSDEX_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_none_or(|x| x == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    let mut total = 0;
    for path in files {
        let Ok(raw) = std::fs::read(&path) else {
            continue;
        };
        let cleaned = clean::clean(&String::from_utf8_lossy(&raw));
        total += cleaned.body.len();
        out.push((cleaned.title.unwrap_or_default(), cleaned.body));
        if total >= BUDGET {
            break;
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let articles = texts();
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
