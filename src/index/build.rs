//! The parallel writer: walk the corpus, read, clean and extract files on a rayon pool, and feed
//! the documents to one tantivy `IndexWriter`, whose own threads do the indexing.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use rayon::prelude::*;
use tantivy::IndexWriter;

use crate::error::{Error, Result};
use crate::ingest::{self, read, walk};

use super::{NewsIndex, engine, schema};

/// Smallest writer memory budget tantivy accepts per indexing thread.
const MIN_MB_PER_THREAD: usize = 16;

/// How to build an index.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub corpus: PathBuf,
    pub index: PathBuf,
    /// Threads for reading and extraction, and for tantivy's indexing.
    pub threads: usize,
    /// Memory budget of the tantivy writer, all threads together.
    pub memory_mb: usize,
}

/// Receives progress while an index is built (the library knows no terminal).
pub trait Progress: Sync {
    /// The walk is done: this many files and bytes are to be read.
    fn begin(&self, _files: u64, _bytes: u64) {}
    /// One more file was read, of this many bytes.
    fn advance(&self, _bytes: u64) {}
    /// Something the user should know (a skipped file, a lossy decoding).
    fn notice(&self, _message: &str) {}
    /// The documents are committed.
    fn finish(&self) {}
}

/// A [`Progress`] that ignores everything.
pub struct Silent;
impl Progress for Silent {}

/// What a build did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BuildReport {
    /// Files read (whether or not they gave articles).
    pub files: u64,
    /// Articles indexed.
    pub indexed: u64,
    /// Files skipped, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Warnings (lossy decoding, broken JSON lines).
    pub warnings: u64,
    /// Bytes read.
    pub bytes: u64,
    pub seconds: f64,
}

impl BuildReport {
    /// Megabytes read per second.
    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds.max(1e-9)
    }

    /// Whether some file could not be read at all (as opposed to being empty or binary).
    pub fn failed(&self) -> bool {
        self.skipped
            .keys()
            .any(|reason| reason.starts_with("unreadable"))
    }

    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }
}

/// Build (or rebuild) the index of a corpus.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
    let start = Instant::now();
    if !options.corpus.is_dir() {
        return Err(Error::Corpus {
            path: options.corpus.clone(),
            reason: "not a folder".to_string(),
        });
    }
    let news = NewsIndex::open_or_create(&options.index)?;
    let threads = options.threads.max(1);
    let budget = options.memory_mb.max(MIN_MB_PER_THREAD * threads) * 1_000_000;
    let mut writer: IndexWriter = news
        .index
        .writer_with_num_threads(threads, budget)
        .map_err(|e| engine(&options.index, e))?;
    writer
        .delete_all_documents()
        .map_err(|e| engine(&options.index, e))?;

    let (files, problems) = walk::files(&options.corpus);
    let total_bytes = files.iter().map(|f| f.size).sum();
    progress.begin(files.len() as u64, total_bytes);
    let skipped: Mutex<BTreeMap<String, u64>> = Mutex::new(BTreeMap::new());
    let count_skip = |reason: String| {
        if let Ok(mut map) = skipped.lock() {
            *map.entry(reason).or_default() += 1;
        }
    };
    let indexed = AtomicU64::new(0);
    let warnings = AtomicU64::new(0);
    for problem in &problems {
        progress.notice(&format!("{}: {}", problem.path.display(), problem.reason));
        match problem.kind {
            walk::ProblemKind::Unreadable => count_skip("unreadable".to_string()),
            walk::ProblemKind::Warning => {
                warnings.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
    let bytes = AtomicU64::new(0);
    let failure: Mutex<Option<tantivy::TantivyError>> = Mutex::new(None);

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Corpus {
            path: options.corpus.clone(),
            reason: format!("cannot start {threads} threads: {e}"),
        })?;
    pool.install(|| {
        files.par_iter().for_each(|file| {
            bytes.fetch_add(file.size, Ordering::Relaxed);
            match read::read_file(file) {
                Err(skip) => {
                    progress.notice(&format!("skipped {}: {skip}", file.relative));
                    count_skip(skip.label().to_string());
                }
                Ok(read) => {
                    for warning in &read.warnings {
                        progress.notice(warning);
                    }
                    warnings.fetch_add(read.warnings.len() as u64, Ordering::Relaxed);
                    for raw in &read.articles {
                        let hash = blake3::hash(raw.text.as_bytes());
                        let article = ingest::prepare(raw);
                        let doc = schema::to_document(&news.fields, &article, &hash.to_hex());
                        match writer.add_document(doc) {
                            Ok(_) => {
                                indexed.fetch_add(1, Ordering::Relaxed);
                            }
                            Err(e) => {
                                if let Ok(mut slot) = failure.lock() {
                                    slot.get_or_insert(e);
                                }
                            }
                        }
                    }
                }
            }
            progress.advance(file.size);
        });
    });
    if let Some(e) = failure.into_inner().ok().flatten() {
        return Err(engine(&options.index, e));
    }
    writer.commit().map_err(|e| engine(&options.index, e))?;
    writer
        .wait_merging_threads()
        .map_err(|e| engine(&options.index, e))?;
    progress.finish();
    Ok(BuildReport {
        files: files.len() as u64,
        indexed: indexed.into_inner(),
        skipped: skipped.into_inner().unwrap_or_default(),
        warnings: warnings.into_inner(),
        bytes: bytes.into_inner(),
        seconds: start.elapsed().as_secs_f64(),
    })
}
