//! The index: schema, opening and creating it, the parallel writer that keeps it in line with
//! the corpus, and the per-file bookkeeping that makes indexing incremental.
//!
//! An index folder holds tantivy's files and `newsdex.json`, which records the newsdex schema
//! version that wrote it; an index of another version is refused with a hint to rebuild it.

mod bare;
pub(crate) mod budget;
pub mod build;
pub(crate) mod days;
pub(crate) mod folders;
mod inflight;
pub(crate) mod quote_terms;
pub(crate) mod rows;
pub mod schema;
mod sequence;
pub mod sources;
mod spill;
pub mod stats;
pub(crate) mod stem;
pub(crate) mod watch;

use std::path::{Path, PathBuf};

use tantivy::directory::{INDEX_WRITER_LOCK, MmapDirectory};
use tantivy::schema::document::Document;
use tantivy::{Directory, Index, IndexReader, IndexWriter, ReloadPolicy};

use crate::error::{Error, Result};
use schema::{Fields, SCHEMA_VERSION};

/// File in the index folder that records which newsdex schema wrote it.
const VERSION_FILE: &str = "newsdex.json";

/// An open newsdex index.
pub struct NewsIndex {
    pub path: PathBuf,
    pub index: Index,
    pub fields: Fields,
}

impl NewsIndex {
    /// A reader of the index's last commit as it is now, reloaded only when asked to.
    pub(crate) fn reader(&self) -> Result<IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| engine(&self.path, e))
    }

    /// Open an existing index, checking that this newsdex can read it.
    pub fn open(path: &Path) -> Result<NewsIndex> {
        if !path.join("meta.json").is_file() {
            return Err(Error::IndexMissing(path.to_path_buf()));
        }
        check_version(path)?;
        let index = Index::open_in_dir(path).map_err(|source| engine(path, source))?;
        Self::wrap(path, index)
    }

    /// Open the index at `path`, creating it (and the folder) when there is none.
    pub fn open_or_create(path: &Path) -> Result<NewsIndex> {
        if path.join("meta.json").is_file() {
            return Self::open(path);
        }
        std::fs::create_dir_all(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        // The version goes first: a folder with a `meta.json` then always says who wrote it.
        write_version(path)?;
        match Index::create_in_dir(path, schema::schema()) {
            Ok(index) => Self::wrap(path, index),
            // Another process created it meanwhile.
            Err(_) if path.join("meta.json").is_file() => Self::open(path),
            Err(source) => Err(engine(path, source)),
        }
    }

    /// Take the writer lock: fails at once when another process is writing the index.
    pub fn writer<D: Document>(
        &self,
        threads: usize,
        budget_bytes: usize,
    ) -> Result<IndexWriter<D>> {
        self.index
            .writer_with_num_threads(threads, budget_bytes)
            .map_err(|e| engine(&self.path, e))
    }

    fn wrap(path: &Path, index: Index) -> Result<NewsIndex> {
        schema::register_tokenizers(&index);
        let fields = Fields::new(&index.schema()).map_err(|_| Error::IndexVersion {
            path: path.to_path_buf(),
            found: "unknown".to_string(),
            expected: SCHEMA_VERSION,
        })?;
        Ok(NewsIndex {
            path: path.to_path_buf(),
            index,
            fields,
        })
    }
}

/// Wrap a tantivy error with the index it concerns.
pub(crate) fn engine(path: &Path, source: tantivy::TantivyError) -> Error {
    match source {
        tantivy::TantivyError::LockFailure(..) => Error::IndexLocked(path.to_path_buf()),
        source => Error::Engine {
            path: path.to_path_buf(),
            source,
        },
    }
}

fn write_version(path: &Path) -> Result<()> {
    let json = serde_json::json!({ "schema_version": SCHEMA_VERSION });
    let file = path.join(VERSION_FILE);
    std::fs::write(&file, format!("{json}\n")).map_err(|source| Error::Io { path: file, source })
}

fn check_version(path: &Path) -> Result<()> {
    let file = path.join(VERSION_FILE);
    let found = std::fs::read_to_string(&file)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|v| v.get("schema_version").and_then(|n| n.as_u64()));
    match found {
        Some(v) if v == u64::from(SCHEMA_VERSION) => Ok(()),
        other => Err(Error::IndexVersion {
            path: path.to_path_buf(),
            found: other.map_or_else(|| "none".to_string(), |v| v.to_string()),
            expected: SCHEMA_VERSION,
        }),
    }
}

/// Delete the index at `path`, whatever its version, so that a new one can be created there.
///
/// Holds the writer lock meanwhile, so that an index another process is writing is never pulled
/// from under it, and removes only the files tantivy and newsdex write, so that a mistaken
/// `--index` pointing at some other folder loses nothing else.
pub(crate) fn wipe(path: &Path) -> Result<()> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let directory = MmapDirectory::open(path).map_err(|e| Error::Engine {
        path: path.to_path_buf(),
        source: e.into(),
    })?;
    let _lock = directory
        .acquire_lock(&INDEX_WRITER_LOCK)
        .map_err(|_| Error::IndexLocked(path.to_path_buf()))?;
    for entry in std::fs::read_dir(path).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name();
        if is_index_file(&name.to_string_lossy()) {
            std::fs::remove_file(entry.path()).map_err(io)?;
        }
    }
    Ok(())
}

/// Whether a file name is one tantivy or newsdex writes in an index folder (locks excepted).
fn is_index_file(name: &str) -> bool {
    if matches!(
        name,
        "meta.json"
            | ".managed.json"
            | VERSION_FILE
            | crate::roster::store::ROSTER_FILE
            | crate::roster::names::NAMES_FILE
    ) || bare::is_side_file(name)
    {
        return true;
    }
    // Segment files: a 32-digit hex segment id, then an extension (`.idx`, `.123.del`, ...).
    let (id, ext) = name.split_at(name.find('.').unwrap_or(name.len()));
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) && ext.len() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_tantivy_and_newsdex_files_count_as_index_files() {
        for name in [
            "meta.json",
            ".managed.json",
            "newsdex.json",
            "392eede7706b4a28b04d0821678eb25c.fast",
            "392eede7706b4a28b04d0821678eb25c.12.del",
            "bare-18a2b3c4d5e6f708-1f2e.jsonl",
        ] {
            assert!(is_index_file(name), "{name}");
        }
        for name in [
            ".tantivy-writer.lock",
            "notes.txt",
            "392eede7706b4a28b04d0821678eb25c",
            "392eede7706b4a28b04d0821678eb25.fast",
            "zz2eede7706b4a28b04d0821678eb25c.fast",
        ] {
            assert!(!is_index_file(name), "{name}");
        }
    }

    #[test]
    fn wiping_keeps_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let news = NewsIndex::open_or_create(dir.path()).unwrap();
        drop(news);
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        wipe(dir.path()).unwrap();
        assert!(!dir.path().join("meta.json").exists());
        assert!(!dir.path().join(VERSION_FILE).exists());
        assert!(dir.path().join("notes.txt").exists());
    }

    #[test]
    fn an_index_of_another_schema_version_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        drop(NewsIndex::open_or_create(dir.path()).unwrap());
        std::fs::write(dir.path().join(VERSION_FILE), "{\"schema_version\": 1}\n").unwrap();
        match NewsIndex::open(dir.path()) {
            Err(Error::IndexVersion {
                found, expected, ..
            }) => assert_eq!((found.as_str(), expected), ("1", SCHEMA_VERSION)),
            other => panic!("expected a version error, got {:?}", other.err()),
        }
    }
}
