//! Reading and cleaning speed: decoding + format + layout + cleaning, without extraction.
//!
//! The corpus is `corpus/` (the bundled seeds and Wikinews) unless `NEWSDEX_BENCH_CORPUS`
//! names another folder, e.g. the unpacked Reuters corpus:
//!
//! ```text
//! NEWSDEX_BENCH_CORPUS=/tmp/corpora/reuters-news cargo bench -- ingest
//! ```
//!
//! `in-memory` times the work on bytes already read; `from-disk` adds opening and reading each
//! file (warm page cache). Both run on one core, and time is the CPU time of the benchmark
//! thread (from `/proc/thread-self/schedstat` on Linux, wall time elsewhere), so that other
//! work on a shared machine does not count: the MiB/s figures are per core.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, Throughput, criterion_group};
use newsdex::ingest::{clean, read, walk};

fn corpus() -> PathBuf {
    std::env::var_os("NEWSDEX_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"))
}

/// Clean every article of one read file; returns the body bytes (so nothing is optimised out).
fn clean_all(read: &read::FileArticles) -> usize {
    read.articles
        .iter()
        .map(|raw| {
            let title = Some(raw.title.as_str()).filter(|t| !t.is_empty());
            clean::clean_titled(&raw.text, title).body.len()
        })
        .sum()
}

fn bench(c: &mut Criterion<CpuTime>) {
    let root = corpus();
    let (files, _) = walk::files(&root);
    let contents: Vec<(walk::SourceFile, Vec<u8>)> = files
        .into_iter()
        .filter_map(|file| std::fs::read(&file.path).ok().map(|bytes| (file, bytes)))
        .collect();
    let total: usize = contents.iter().map(|(_, bytes)| bytes.len()).sum();
    eprintln!(
        "corpus {}: {} files, {:.1} MB",
        root.display(),
        contents.len(),
        total as f64 / 1e6
    );

    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(total as u64));
    group.sample_size(10);
    group.bench_function("in-memory", |b| {
        b.iter(|| {
            let mut kept = 0;
            for (file, bytes) in &contents {
                if let Ok(read) = read::read_bytes(&file.path, &file.relative, bytes) {
                    kept += clean_all(&read);
                }
            }
            black_box(kept)
        })
    });
    group.bench_function("from-disk", |b| {
        b.iter(|| {
            let mut kept = 0;
            for (file, _) in &contents {
                if let Ok(read) = read::read_file(file) {
                    kept += clean_all(&read);
                }
            }
            black_box(kept)
        })
    });
    group.finish();
}

/// CPU time of the calling thread, where the system tells it; wall time otherwise.
struct CpuTime;

/// The formatter of wall time serves: values are nanoseconds either way.
static WALL: WallTime = WallTime;

fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

impl Measurement for CpuTime {
    type Intermediate = (Option<Duration>, Instant);
    type Value = Duration;

    fn start(&self) -> Self::Intermediate {
        (thread_cpu(), Instant::now())
    }

    fn end(&self, (cpu, wall): Self::Intermediate) -> Duration {
        match (cpu, thread_cpu()) {
            (Some(start), Some(end)) => end.saturating_sub(start),
            _ => wall.elapsed(),
        }
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        WALL.formatter()
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(CpuTime);
    targets = bench
}
