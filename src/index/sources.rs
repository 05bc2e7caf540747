//! Per-file bookkeeping of incremental indexing: which version of each corpus file the index
//! holds, and what changed in the corpus since.
//!
//! A file's record lives with its articles: every article document carries its source's path,
//! size, modification time, metadata fingerprint and content hash in fast fields (see
//! [`super::schema`]), so the record commits atomically with the documents and a crash can never
//! leave the two out of step. A file that gives no article (empty, binary, header-only) has no
//! document to carry its record; those are kept in a side file that the commit names
//! (`super::bare`), written before the commit. The records are read as one stream sorted
//! by path (`Records::stream`) and merged with the walk, which finds the files in the same
//! order (`Join`): no process holds a record per file, however large the corpus.
//!
//! A file whose (size, mtime) stamp is the recorded one, and whose `metadata.jsonl` entry (the
//! walk hands it over) is the recorded one, is not read at all. Any other file is read and
//! hashed, and re-indexed only when its content or its metadata differ from the recorded ones
//! (or when its record must be refreshed). A file of records that only grew (`grown`) keeps
//! its documents, which carry the record of the version that added them: the largest recorded
//! size is the file's.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::columnar::{Column, StrColumn};
use tantivy::fastfield::AliveBitSet;
use tantivy::index::InvertedIndexReader;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::TermMerger;
use tantivy::{DocId, DocSet, Searcher, TERMINATED};

use super::bare::{Bare, Pairs};
use crate::ingest::metadata::FileMeta;
pub(crate) use crate::ingest::walk::Stamp;

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
pub(crate) fn content_hash(path: &Path) -> std::io::Result<String> {
    let mut hasher = blake3::Hasher::new();
    hasher.update_reader(std::fs::File::open(path)?)?;
    Ok(hasher.finalize().to_hex().to_string())
}

/// Whether the file at `path` only grew by appended bytes since `old` was recorded: it has
/// `size` bytes now, more than before, and its first `old.stamp.size` bytes are the recorded
/// ones (they hash to `old.hash`) and end with a line end (where a record of JSON Lines, CSV
/// or WARC ends, so that none was cut by the old end). Gives the content hash of its first
/// `size` bytes, read once for both hashes.
pub(crate) fn grown(path: &Path, old: &Record, size: u64) -> std::io::Result<Option<String>> {
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
pub(crate) fn hash_bytes(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// Fingerprint of what a `metadata.jsonl` says about a file (0 when it says nothing), so that
/// editing the entry re-indexes the file though its bytes did not change.
pub(crate) fn meta_fingerprint(meta: Option<&FileMeta>) -> u64 {
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

/// A recorded source, as [`Records::stream`] gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Recorded {
    /// Path relative to the corpus root.
    pub path: String,
    pub stamp: Stamp,
    /// Fingerprint of its metadata entry.
    pub meta: u64,
    /// Articles the index holds of it (0: a bare file, see [`super::bare`]).
    pub articles: u64,
    hash: RecordedHash,
}

/// Where the content hash of a record is: it is looked up only for the files that are read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum RecordedHash {
    Known(String),
    /// In the hash column of this document of this segment.
    Column {
        segment: usize,
        doc: DocId,
    },
}

/// Every source the index records as of one commit, read as a stream sorted by path: the
/// articles' records from the term dictionaries of the `path` field (sorted, merged across
/// segments) and the bare files' from their side file (sorted too). Nothing is held per file.
pub(crate) struct Records {
    segments: Vec<SegmentRecords>,
    bare: Bare,
}

struct SegmentRecords {
    paths: Arc<InvertedIndexReader>,
    alive: Option<AliveBitSet>,
    sizes: Column<u64>,
    mtimes: Column<i64>,
    metas: Column<u64>,
    hashes: Option<StrColumn>,
}

impl Records {
    /// No records (an index being rebuilt).
    pub(crate) fn none() -> Records {
        Records {
            segments: Vec::new(),
            bare: Bare::None,
        }
    }

    /// The records of the commit `searcher` reads, whose bare records are `bare`.
    pub(crate) fn open(searcher: &Searcher, path: Field, bare: Bare) -> tantivy::Result<Records> {
        let mut segments = Vec::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            segments.push(SegmentRecords {
                paths: segment.inverted_index(path)?,
                alive: segment.alive_bitset().cloned(),
                sizes: fast.u64("source_size")?,
                mtimes: fast.i64("source_mtime")?,
                metas: fast.u64("source_meta")?,
                hashes: fast.str("hash")?,
            });
        }
        Ok(Records { segments, bare })
    }

    /// The bare records.
    pub(crate) fn into_bare(self) -> Bare {
        self.bare
    }

    /// Every record, sorted by path.
    pub(crate) fn stream(&self) -> std::io::Result<RecordStream<'_>> {
        let mut streams = Vec::with_capacity(self.segments.len());
        for segment in &self.segments {
            streams.push(segment.paths.terms().stream()?);
        }
        Ok(RecordStream {
            records: self,
            merger: TermMerger::new(streams),
            indexed: None,
            bare: self.bare.pairs()?.peekable(),
            indexed_done: false,
        })
    }

    /// The whole record of a recorded source (its content hash looked up).
    pub(crate) fn record(&self, recorded: &Recorded) -> std::io::Result<Record> {
        let hash = match &recorded.hash {
            RecordedHash::Known(hash) => hash.clone(),
            RecordedHash::Column { segment, doc } => {
                let column = self.segments.get(*segment).and_then(|s| s.hashes.as_ref());
                let mut bytes = Vec::new();
                if let Some(column) = column
                    && let Some(ord) = column.term_ords(*doc).next()
                {
                    column.dictionary().ord_to_term(ord, &mut bytes)?;
                }
                String::from_utf8_lossy(&bytes).into_owned()
            }
        };
        Ok(Record {
            stamp: recorded.stamp,
            meta: recorded.meta,
            hash,
        })
    }

    /// The record of the path the merger stands on, from its live documents; `None` when all
    /// of them are deleted.
    fn indexed(&self, merger: &TermMerger<'_>) -> std::io::Result<Option<Recorded>> {
        let mut articles = 0u64;
        // The documents of a file that grew carry the records of the versions that added
        // them: the largest is the file's.
        let mut newest: Option<(u64, usize, DocId)> = None;
        for (segment, info) in merger.current_segment_ords_and_term_infos() {
            let Some(seg) = self.segments.get(segment) else {
                continue;
            };
            let mut postings = seg
                .paths
                .read_postings_from_terminfo(&info, IndexRecordOption::Basic)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if seg.alive.as_ref().is_none_or(|alive| alive.is_alive(doc)) {
                    articles += 1;
                    let size = seg.sizes.first(doc).unwrap_or(0);
                    if newest.is_none_or(|(largest, _, _)| size > largest) {
                        newest = Some((size, segment, doc));
                    }
                }
                doc = postings.advance();
            }
        }
        let Some((size, segment, doc)) = newest else {
            return Ok(None);
        };
        let seg = &self.segments[segment];
        Ok(Some(Recorded {
            path: String::from_utf8_lossy(merger.key()).into_owned(),
            stamp: Stamp {
                size,
                mtime: seg.mtimes.first(doc).unwrap_or(0),
            },
            meta: seg.metas.first(doc).unwrap_or(0),
            articles,
            hash: RecordedHash::Column { segment, doc },
        }))
    }
}

/// The records of an index, sorted by path (see [`Records::stream`]).
pub(crate) struct RecordStream<'a> {
    records: &'a Records,
    merger: TermMerger<'a>,
    /// The next record with articles, once read.
    indexed: Option<Recorded>,
    /// No record with articles is left.
    indexed_done: bool,
    bare: std::iter::Peekable<Pairs<'a>>,
}

impl RecordStream<'_> {
    fn next_indexed(&mut self) -> std::io::Result<Option<Recorded>> {
        while self.merger.advance() {
            if let Some(recorded) = self.records.indexed(&self.merger)? {
                return Ok(Some(recorded));
            }
        }
        Ok(None)
    }

    fn next_record(&mut self) -> std::io::Result<Option<Recorded>> {
        loop {
            if self.indexed.is_none() && !self.indexed_done {
                self.indexed = self.next_indexed()?;
                self.indexed_done = self.indexed.is_none();
            }
            let bare_first = match (self.bare.peek(), &self.indexed) {
                (None, _) => false,
                (Some(Err(_)) | Some(Ok(_)), None) | (Some(Err(_)), _) => true,
                (Some(Ok((path, _))), Some(indexed)) => path.as_str() <= indexed.path.as_str(),
            };
            if !bare_first {
                return Ok(self.indexed.take());
            }
            let Some(pair) = self.bare.next() else {
                return Ok(None);
            };
            let (path, record) = pair?;
            // A path both bare and with articles: its articles are the truth.
            if self.indexed.as_ref().is_some_and(|i| i.path == path) {
                continue;
            }
            return Ok(Some(Recorded {
                path,
                stamp: record.stamp,
                meta: record.meta,
                articles: 0,
                hash: RecordedHash::Known(record.hash),
            }));
        }
    }
}

impl Iterator for RecordStream<'_> {
    type Item = std::io::Result<Recorded>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record().transpose()
    }
}

/// The merge of the sorted walk with the sorted records: fed the found files in path order,
/// it tells each one's record and hands over the records no file was found for.
pub(crate) struct Join<'a> {
    stream: std::iter::Peekable<RecordStream<'a>>,
    last: Option<String>,
}

impl<'a> Join<'a> {
    pub(crate) fn new(records: &'a Records) -> std::io::Result<Join<'a>> {
        Ok(Join {
            stream: records.stream()?.peekable(),
            last: None,
        })
    }

    /// The record of the file found at `path`, after handing `unfound` the records of the
    /// paths before it that were not found. A path out of order (which a sorted walk never
    /// gives) has no record: its own went to `unfound` already, so it is read as new.
    pub(crate) fn find(
        &mut self,
        path: &str,
        unfound: &mut dyn FnMut(Recorded),
    ) -> std::io::Result<Option<Recorded>> {
        if self.last.as_deref().is_some_and(|last| last >= path) {
            return Ok(None);
        }
        self.last = Some(path.to_string());
        loop {
            let before = match self.stream.peek() {
                None => return Ok(None),
                Some(Err(_)) => true,
                Some(Ok(recorded)) => recorded.path.as_str() <= path,
            };
            if !before {
                return Ok(None);
            }
            let recorded = match self.stream.next() {
                Some(recorded) => recorded?,
                None => return Ok(None),
            };
            if recorded.path == path {
                return Ok(Some(recorded));
            }
            unfound(recorded);
        }
    }

    /// Hand `unfound` the records after the last file found.
    pub(crate) fn finish(mut self, unfound: &mut dyn FnMut(Recorded)) -> std::io::Result<()> {
        for recorded in self.stream.by_ref() {
            unfound(recorded?);
        }
        Ok(())
    }
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

    fn bare_records(paths: &[&str]) -> Records {
        let map = paths
            .iter()
            .enumerate()
            .map(|(n, p)| (p.to_string(), record(n as u64, &format!("h{n}"))))
            .collect();
        Records {
            segments: Vec::new(),
            bare: Bare::Inline(map),
        }
    }

    #[test]
    fn the_join_finds_records_and_hands_over_the_unfound_in_order() {
        let records = bare_records(&["a.txt", "b/c.txt", "b/d.txt", "e.txt", "z.txt"]);
        let mut join = Join::new(&records).unwrap();
        let mut unfound = Vec::new();
        let mut gone = |r: Recorded| unfound.push(r.path);
        let a = join.find("a.txt", &mut gone).unwrap().unwrap();
        assert_eq!(records.record(&a).unwrap(), record(0, "h0"));
        assert_eq!(a.articles, 0);
        assert!(join.find("b/a-new.txt", &mut gone).unwrap().is_none());
        assert!(join.find("b/d.txt", &mut gone).unwrap().is_some());
        // Out of order: no record, and nothing is lost or found twice.
        assert!(join.find("b/d.txt", &mut gone).unwrap().is_none());
        assert!(join.find("a.txt", &mut gone).unwrap().is_none());
        assert!(join.find("f.txt", &mut gone).unwrap().is_none());
        join.finish(&mut gone).unwrap();
        assert_eq!(unfound, ["b/c.txt", "e.txt", "z.txt"]);
    }

    #[test]
    fn no_records_find_nothing() {
        let records = Records::none();
        let mut join = Join::new(&records).unwrap();
        let mut unfound = 0;
        assert!(join.find("a", &mut |_| unfound += 1).unwrap().is_none());
        join.finish(&mut |_| unfound += 1).unwrap();
        assert_eq!(unfound, 0);
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
