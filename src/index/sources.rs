//! Per-file bookkeeping of incremental indexing: which version of each corpus file the index
//! holds, and what changed in the corpus since.
//!
//! A file's record lives with its articles: every article document carries its source's path,
//! size, modification time, metadata fingerprint and content hash in fast fields (see
//! [`super::schema`]), so the record commits atomically with the documents and a crash can never
//! leave the two out of step. A file that gives no article (empty, binary, header-only) has no
//! document to carry its record; those are listed in the commit payload, which tantivy writes
//! into `meta.json` in the same atomic step. Nothing lives in a side file.
//!
//! A file whose (size, mtime) stamp is the recorded one, and whose `metadata.jsonl` entry (the
//! walk hands it over) is the recorded one, is not read at all. Any other file is read and
//! hashed, and re-indexed only when its content or its metadata differ from the recorded ones
//! (or when its record must be refreshed). A file of records that only grew ([`grown`]) keeps
//! its documents, which carry the record of the version that added them: the largest recorded
//! size is the file's.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::columnar::StrColumn;

use crate::ingest::metadata::FileMeta;
pub use crate::ingest::walk::Stamp;
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher};

/// What the index records of one source file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    #[serde(flatten)]
    pub stamp: Stamp,
    /// Fingerprint of the file's `metadata.jsonl` entry (0: none).
    #[serde(default)]
    pub meta: u64,
    /// Content hash of the file.
    pub hash: String,
}

/// A source file as written into each of its article documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// Path relative to the corpus root.
    pub path: String,
    pub record: Record,
}

/// Content hash of a file, read in pieces (a huge file costs no memory).
pub fn content_hash(path: &Path) -> std::io::Result<String> {
    let mut hasher = blake3::Hasher::new();
    hasher.update_reader(std::fs::File::open(path)?)?;
    Ok(hasher.finalize().to_hex().to_string())
}

/// Whether the file at `path` only grew by appended bytes since `old` was recorded: it has
/// `size` bytes now, more than before, and its first `old.stamp.size` bytes are the recorded
/// ones (they hash to `old.hash`) and end with a line end (where a record of JSON Lines, CSV
/// or WARC ends, so that none was cut by the old end). Gives the content hash of its first
/// `size` bytes, read once for both hashes.
pub fn grown(path: &Path, old: &Record, size: u64) -> std::io::Result<Option<String>> {
    use std::io::{Read, Seek, SeekFrom};
    if old.stamp.size == 0 || old.stamp.size >= size {
        return Ok(None);
    }
    let mut file = std::fs::File::open(path)?;
    // The old end first: a cut record rules an append out before anything is hashed.
    let mut last = [0u8; 1];
    file.seek(SeekFrom::Start(old.stamp.size - 1))?;
    if file.read(&mut last)? != 1 || last[0] != b'\n' {
        return Ok(None);
    }
    file.rewind()?;
    let mut hasher = blake3::Hasher::new();
    let head = std::io::copy(&mut (&mut file).take(old.stamp.size), &mut hasher)?;
    if head != old.stamp.size || hasher.finalize().to_hex().as_str() != old.hash {
        return Ok(None);
    }
    let rest = size - old.stamp.size;
    if std::io::copy(&mut file.take(rest), &mut hasher)? != rest {
        return Ok(None);
    }
    Ok(Some(hasher.finalize().to_hex().to_string()))
}

/// [`content_hash`] of a file's bytes already read.
pub fn hash_bytes(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// Fingerprint of what a `metadata.jsonl` says about a file (0 when it says nothing), so that
/// editing the entry re-indexes the file though its bytes did not change.
pub fn meta_fingerprint(meta: Option<&FileMeta>) -> u64 {
    let Some(meta) = meta else {
        return 0;
    };
    let mut hasher = blake3::Hasher::new();
    for value in [
        &meta.id,
        &meta.title,
        &meta.published,
        &meta.url,
        &meta.author,
    ] {
        match value {
            Some(text) => {
                hasher.update(&(text.len() as u64 + 1).to_le_bytes());
                hasher.update(text.as_bytes());
            }
            None => {
                hasher.update(&0u64.to_le_bytes());
            }
        }
    }
    let bytes = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&bytes.as_bytes()[..8]);
    // 0 means "no entry": keep it for that.
    u64::from_le_bytes(first).max(1)
}

/// The commit payload: the sources recorded without documents.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Payload {
    #[serde(default)]
    bare: BTreeMap<String, Record>,
}

/// Every source the index records, as of its last commit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ledger {
    /// Sources with articles in the index, and how many.
    indexed: HashMap<String, (Record, u64)>,
    /// Sources recorded without documents (kept in the commit payload).
    bare: BTreeMap<String, Record>,
}

impl Ledger {
    /// Read the records of the last commit of `index`.
    pub fn load(index: &Index) -> tantivy::Result<Ledger> {
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        // The caller holds the writer lock, so the payload and the segments are of one commit.
        let payload = index.load_metas()?.payload;
        let mut ledger = Ledger::from_documents(&searcher)?;
        ledger.bare = payload
            .as_deref()
            .and_then(|text| serde_json::from_str::<Payload>(text).ok())
            .unwrap_or_default()
            .bare;
        Ok(ledger)
    }

    fn from_documents(searcher: &Searcher) -> tantivy::Result<Ledger> {
        let mut indexed: HashMap<String, (Record, u64)> = HashMap::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let (Some(sources), Some(hashes)) = (fast.str(super::schema::PATH)?, fast.str("hash")?)
            else {
                continue;
            };
            let sizes = fast.u64("source_size")?;
            let mtimes = fast.i64("source_mtime")?;
            let metas = fast.u64("source_meta")?;
            // Each dictionary is read once, in order: looking terms up one by one costs a
            // block decoding each, seconds over a large corpus.
            let source_names = all_terms(&sources)?;
            let hash_names = all_terms(&hashes)?;
            let mut per_source: HashMap<u64, (Record, u64)> = HashMap::new();
            for doc in segment.doc_ids_alive() {
                let Some(ord) = sources.term_ords(doc).next() else {
                    continue;
                };
                let size = sizes.first(doc).unwrap_or(0);
                if let Some((record, n)) = per_source.get_mut(&ord) {
                    *n += 1;
                    // The documents of a file that grew carry the records of the versions
                    // that added them: the largest is the file's.
                    if size <= record.stamp.size {
                        continue;
                    }
                }
                let hash = hashes
                    .term_ords(doc)
                    .next()
                    .and_then(|o| hash_names.get(o as usize))
                    .cloned()
                    .unwrap_or_default();
                let stamp = Stamp {
                    size,
                    mtime: mtimes.first(doc).unwrap_or(0),
                };
                let meta = metas.first(doc).unwrap_or(0);
                let record = Record { stamp, meta, hash };
                match per_source.get_mut(&ord) {
                    Some((newest, _)) => *newest = record,
                    None => {
                        per_source.insert(ord, (record, 1));
                    }
                }
            }
            for (ord, (record, n)) in per_source {
                let Some(path) = source_names.get(ord as usize) else {
                    continue;
                };
                match indexed.get_mut(path) {
                    Some((newest, total)) => {
                        *total += n;
                        if record.stamp.size > newest.stamp.size {
                            *newest = record;
                        }
                    }
                    None => {
                        indexed.insert(path.clone(), (record, n));
                    }
                }
            }
        }
        Ok(Ledger {
            indexed,
            bare: BTreeMap::new(),
        })
    }

    /// The record of a source, with or without documents.
    pub fn get(&self, path: &str) -> Option<&Record> {
        self.indexed
            .get(path)
            .map(|(record, _)| record)
            .or_else(|| self.bare.get(path))
    }

    /// Articles the index holds of a source.
    pub fn articles_of(&self, path: &str) -> u64 {
        self.indexed.get(path).map_or(0, |(_, n)| *n)
    }

    /// Number of recorded sources.
    pub fn len(&self) -> usize {
        self.indexed.len() + self.bare.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every recorded path.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.indexed
            .keys()
            .chain(self.bare.keys())
            .map(String::as_str)
    }

    /// Articles the index holds.
    pub fn articles(&self) -> u64 {
        self.indexed.values().map(|(_, n)| n).sum()
    }

    /// Drop the record of `path`; true when it had documents, which the caller must delete.
    pub fn forget(&mut self, path: &str) -> bool {
        self.bare.remove(path);
        self.indexed.remove(path).is_some()
    }

    /// Record a source whose `articles` documents were added.
    pub fn insert_indexed(&mut self, path: String, record: Record, articles: u64) {
        self.bare.remove(&path);
        self.indexed.insert(path, (record, articles));
    }

    /// Record a source without documents.
    pub fn insert_bare(&mut self, path: String, record: Record) {
        self.indexed.remove(&path);
        self.bare.insert(path, record);
    }

    /// Forget everything (the index is being rebuilt).
    pub fn clear(&mut self) {
        self.indexed.clear();
        self.bare.clear();
    }

    /// The commit payload that carries the records without documents.
    pub fn payload(&self) -> String {
        let payload = Payload {
            bare: self.bare.clone(),
        };
        serde_json::to_string(&payload).unwrap_or_default()
    }
}

/// Every term of a string column, indexed by term ordinal.
fn all_terms(column: &StrColumn) -> std::io::Result<Vec<String>> {
    let mut terms = Vec::with_capacity(column.num_terms());
    let mut stream = column.dictionary().stream()?;
    while stream.advance() {
        terms.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(terms)
}

/// A corpus file as found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'a> {
    pub path: &'a str,
    pub stamp: Stamp,
    /// Fingerprint of its metadata entry.
    pub meta: u64,
}

/// What to do with a file that must be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// Index into the list of found files.
    pub file: usize,
    /// The recorded version, when the index has one.
    pub recorded: Option<Record>,
    /// Articles the index holds of the recorded version.
    pub articles: u64,
}

/// What changed in the corpus since the last commit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files to read: new ones, and ones whose stamp or metadata entry changed.
    pub read: Vec<Task>,
    /// Files known to be unchanged without reading them.
    pub unchanged: u64,
    /// Recorded sources that are gone, sorted.
    pub vanished: Vec<String>,
}

/// Compare the found files with the ledger. Recorded paths for which `keep` says yes are never
/// counted as vanished (they lie under a folder the walk could not read).
pub fn plan(ledger: &Ledger, found: &[Found<'_>], keep: impl Fn(&str) -> bool) -> Plan {
    let mut plan = Plan::default();
    let mut recorded_found = 0;
    for (file, f) in found.iter().enumerate() {
        let recorded = ledger.get(f.path);
        recorded_found += usize::from(recorded.is_some());
        match recorded {
            Some(record) if record.stamp == f.stamp && record.meta == f.meta => plan.unchanged += 1,
            recorded => plan.read.push(Task {
                file,
                recorded: recorded.cloned(),
                articles: ledger.articles_of(f.path),
            }),
        }
    }
    // Usually every record is found again: then nothing vanished, and no set is needed.
    if recorded_found < ledger.len() {
        let seen: HashSet<&str> = found.iter().map(|f| f.path).collect();
        plan.vanished = ledger
            .paths()
            .filter(|p| !seen.contains(p) && !keep(p))
            .map(str::to_string)
            .collect();
    }
    plan.vanished.sort();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(size: u64, hash: &str) -> Record {
        Record {
            stamp: Stamp { size, mtime: 7 },
            meta: 0,
            hash: hash.to_string(),
        }
    }

    fn found(path: &str, size: u64, meta: u64) -> Found<'_> {
        Found {
            path,
            stamp: Stamp { size, mtime: 7 },
            meta,
        }
    }

    fn ledger() -> Ledger {
        let mut ledger = Ledger::default();
        ledger.insert_indexed("a.txt".into(), record(10, "ha"), 1);
        ledger.insert_indexed("b.jsonl".into(), record(20, "hb"), 3);
        ledger.insert_bare("empty.txt".into(), record(0, "he"));
        ledger.insert_bare("gone.txt".into(), record(5, "hg"));
        ledger.insert_indexed("unreadable/c.txt".into(), record(1, "hc"), 1);
        ledger
    }

    #[test]
    fn unchanged_files_are_not_read_and_changed_or_new_ones_are() {
        let files = [
            found("a.txt", 10, 0),
            found("b.jsonl", 21, 0),
            found("empty.txt", 0, 0),
            found("new.txt", 3, 0),
        ];
        let plan = plan(&ledger(), &files, |p| p.starts_with("unreadable/"));
        assert_eq!(plan.unchanged, 2);
        let read: Vec<(usize, Option<&str>)> = plan
            .read
            .iter()
            .map(|t| (t.file, t.recorded.as_ref().map(|r| r.hash.as_str())))
            .collect();
        assert_eq!(read, vec![(1, Some("hb")), (3, None)]);
        assert_eq!(plan.vanished, vec!["gone.txt".to_string()]);
    }

    #[test]
    fn a_changed_metadata_entry_makes_its_file_be_read() {
        let files = [found("a.txt", 10, 42)];
        let plan = plan(&ledger(), &files, |_| false);
        assert_eq!(plan.unchanged, 0);
        assert_eq!(plan.read.len(), 1);
        assert_eq!(
            plan.vanished,
            vec![
                "b.jsonl".to_string(),
                "empty.txt".to_string(),
                "gone.txt".to_string(),
                "unreadable/c.txt".to_string()
            ]
        );
    }

    #[test]
    fn forgetting_tells_whether_documents_must_be_deleted() {
        let mut ledger = ledger();
        assert_eq!(ledger.articles(), 5);
        assert!(ledger.forget("b.jsonl"));
        assert!(!ledger.forget("empty.txt"));
        assert!(!ledger.forget("never-seen.txt"));
        assert_eq!(ledger.articles(), 2);
        assert!(ledger.get("b.jsonl").is_none());
    }

    #[test]
    fn the_payload_round_trips_the_bare_records_only() {
        let ledger = ledger();
        let payload: Payload = serde_json::from_str(&ledger.payload()).unwrap();
        let paths: Vec<&str> = payload.bare.keys().map(String::as_str).collect();
        assert_eq!(paths, vec!["empty.txt", "gone.txt"]);
        assert_eq!(payload.bare["empty.txt"], record(0, "he"));
    }

    #[test]
    fn metadata_fingerprints_tell_entries_apart() {
        let meta = |title: &str| FileMeta {
            title: Some(title.to_string()),
            ..FileMeta::default()
        };
        assert_eq!(meta_fingerprint(None), 0);
        let a = meta_fingerprint(Some(&meta("A")));
        assert_ne!(a, 0);
        assert_eq!(a, meta_fingerprint(Some(&meta("A"))));
        assert_ne!(a, meta_fingerprint(Some(&meta("B"))));
        assert_ne!(meta_fingerprint(Some(&FileMeta::default())), 0);
        let moved = FileMeta {
            url: Some("A".to_string()),
            ..FileMeta::default()
        };
        assert_ne!(a, meta_fingerprint(Some(&moved)));
    }

    #[test]
    fn hashes_read_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        std::fs::write(&path, "hello").unwrap();
        assert_eq!(
            content_hash(&path).unwrap(),
            blake3::hash(b"hello").to_hex().to_string()
        );
        assert!(content_hash(&dir.path().join("missing")).is_err());
        assert_eq!(hash_bytes(b"hello"), content_hash(&path).unwrap());
    }
}
