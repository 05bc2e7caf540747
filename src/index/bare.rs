//! The records of the corpus files that gave no article (empty, binary, header-only: "bare"
//! files), which have no document to carry them (see [`super::sources`]).
//!
//! They live in a side file of the index folder, `bare-<id>.jsonl`: one record a line, sorted by
//! path, read as a stream by the writer only (a search never opens it, and no process holds
//! them all). The commit payload names the side file of its commit. A side file is written and
//! synced before the commit that names it and never changed afterwards, so that the records of
//! one commit and its documents always go together: a crash before the commit leaves the last
//! commit naming its own file, still there. Files that no commit names any more (an earlier
//! commit's, or an interrupted run's) are removed once a writer holds the lock.
//!
//! Indexes written by earlier versions kept these records in the payload itself (`{"bare": {...}}`);
//! they are read from there until the next commit moves them to a side file.

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::sources::Record;

const PREFIX: &str = "bare-";
const SUFFIX: &str = ".jsonl";

/// The commit payload.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Payload {
    /// The records themselves (indexes written by earlier versions).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    bare: BTreeMap<String, Record>,
    /// The side file that holds them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bare_file: Option<String>,
}

/// One line of a side file.
#[derive(Debug, Serialize, Deserialize)]
struct Line {
    path: String,
    #[serde(flatten)]
    record: Record,
}

/// The bare records of one commit.
#[derive(Debug, Default)]
pub(crate) enum Bare {
    #[default]
    None,
    /// Held in the payload (indexes written by earlier versions).
    Inline(BTreeMap<String, Record>),
    /// In this side file.
    File(PathBuf),
}

/// Sorted `(path, record)` pairs.
pub(super) type Pairs<'a> = Box<dyn Iterator<Item = io::Result<(String, Record)>> + Send + 'a>;

impl Bare {
    /// The records named by the payload of a commit of the index in `dir`.
    pub(crate) fn of_commit(dir: &Path, payload: Option<&str>) -> Bare {
        let payload: Payload = payload
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_default();
        match payload.bare_file {
            Some(name) if is_side_file(&name) => Bare::File(dir.join(name)),
            _ if !payload.bare.is_empty() => Bare::Inline(payload.bare),
            _ => Bare::None,
        }
    }

    /// The name of its side file, if it has one.
    pub(super) fn file_name(&self) -> Option<String> {
        match self {
            Bare::File(path) => path.file_name().map(|n| n.to_string_lossy().into_owned()),
            _ => None,
        }
    }

    /// The records, sorted by path.
    pub(crate) fn pairs(&self) -> io::Result<Pairs<'_>> {
        match self {
            Bare::None => Ok(Box::new(std::iter::empty())),
            Bare::Inline(map) => Ok(Box::new(
                map.iter()
                    .map(|(path, record)| Ok((path.clone(), record.clone()))),
            )),
            Bare::File(path) => {
                let file = File::open(path)?;
                let name = path.display().to_string();
                Ok(Box::new(BufReader::new(file).lines().enumerate().map(
                    move |(n, line)| {
                        let line: Line = serde_json::from_str(&line?).map_err(|e| {
                            io::Error::new(
                                io::ErrorKind::InvalidData,
                                format!("{name}: line {}: {e}", n + 1),
                            )
                        })?;
                        Ok((line.path, line.record))
                    },
                )))
            }
        }
    }

    /// The payload of a commit whose bare records are these, less the paths in `gone`, with
    /// `new` (which win): writes and syncs a new side file in `dir` unless nothing changed.
    pub(crate) fn commit_payload(
        &self,
        dir: &Path,
        gone: &HashSet<String>,
        new: &BTreeMap<String, Record>,
    ) -> io::Result<String> {
        let keep = match self {
            Bare::File(_) if gone.is_empty() && new.is_empty() => self.file_name(),
            Bare::None if new.is_empty() => None,
            _ => write(dir, self.pairs()?, gone, new)?,
        };
        let payload = Payload {
            bare: BTreeMap::new(),
            bare_file: keep,
        };
        serde_json::to_string(&payload).map_err(io::Error::other)
    }
}

/// Write the merged records to a new side file; `None` when there are none.
fn write(
    dir: &Path,
    old: Pairs<'_>,
    gone: &HashSet<String>,
    new: &BTreeMap<String, Record>,
) -> io::Result<Option<String>> {
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    let mut out = BufWriter::new(&mut file);
    let mut new_records = new.iter().peekable();
    let mut lines = 0u64;
    let mut put = |out: &mut BufWriter<_>, path: &str, record: &Record| -> io::Result<()> {
        let line = Line {
            path: path.to_string(),
            record: record.clone(),
        };
        serde_json::to_writer(&mut *out, &line).map_err(io::Error::other)?;
        lines += 1;
        out.write_all(b"\n")
    };
    for pair in old {
        let (path, record) = pair?;
        while let Some((p, r)) = new_records.next_if(|(p, _)| p.as_str() < path.as_str()) {
            put(&mut out, p, r)?;
        }
        if gone.contains(&path) || new.contains_key(&path) {
            continue;
        }
        put(&mut out, &path, &record)?;
    }
    for (p, r) in new_records {
        put(&mut out, p, r)?;
    }
    out.flush()?;
    drop(out);
    if lines == 0 {
        return Ok(None);
    }
    file.as_file().sync_all()?;
    let name = format!("{PREFIX}{}{SUFFIX}", unique());
    file.persist_noclobber(dir.join(&name))
        .map_err(|e| e.error)?;
    // The new name must be on disk before the commit that names it.
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    Ok(Some(name))
}

/// A name unlikely to have been used: the time in nanoseconds and the process id.
fn unique() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{nanos:x}-{:x}", std::process::id())
}

/// Whether a file name is that of a side file.
pub(super) fn is_side_file(name: &str) -> bool {
    name.strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_suffix(SUFFIX))
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'))
}

/// Remove the side files in `dir` that the payload does not name (the caller holds the writer
/// lock).
pub(super) fn remove_unnamed(dir: &Path, payload: Option<&str>) -> io::Result<()> {
    let named = Bare::of_commit(dir, payload).file_name();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name();
        let name = name.to_string_lossy();
        if is_side_file(&name) && named.as_deref() != Some(&*name) {
            match std::fs::remove_file(dir.join(&*name)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::sources::Stamp;

    fn record(size: u64) -> Record {
        Record {
            stamp: Stamp { size, mtime: 1 },
            meta: 0,
            hash: format!("h{size}"),
        }
    }

    fn paths(bare: &Bare) -> Vec<String> {
        bare.pairs().unwrap().map(|p| p.unwrap().0).collect()
    }

    #[test]
    fn a_side_file_merges_old_and_new_records_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let old: BTreeMap<String, Record> = [("b", 1), ("d", 2), ("f", 3)]
            .into_iter()
            .map(|(p, s)| (p.to_string(), record(s)))
            .collect();
        let old = Bare::Inline(old);
        let gone: HashSet<String> = ["d".to_string()].into();
        let new: BTreeMap<String, Record> = [("a", 4), ("f", 5), ("g", 6)]
            .into_iter()
            .map(|(p, s)| (p.to_string(), record(s)))
            .collect();
        let payload = old.commit_payload(dir.path(), &gone, &new).unwrap();
        assert!(!payload.contains("\"bare\""), "{payload}");
        let bare = Bare::of_commit(dir.path(), Some(&payload));
        assert!(matches!(bare, Bare::File(_)));
        assert_eq!(paths(&bare), ["a", "b", "f", "g"]);
        let f: Vec<Record> = bare
            .pairs()
            .unwrap()
            .map(|p| p.unwrap())
            .filter(|(p, _)| p == "f")
            .map(|(_, r)| r)
            .collect();
        assert_eq!(f, [record(5)]);
        // Nothing changed: the same file is named again, and nothing is written.
        let again = bare
            .commit_payload(dir.path(), &HashSet::new(), &BTreeMap::new())
            .unwrap();
        assert_eq!(again, payload);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn no_records_no_side_file_and_unnamed_ones_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let first = Bare::None
            .commit_payload(
                dir.path(),
                &HashSet::new(),
                &[("a".to_string(), record(1))].into(),
            )
            .unwrap();
        let second = Bare::of_commit(dir.path(), Some(&first))
            .commit_payload(dir.path(), &["a".to_string()].into(), &BTreeMap::new())
            .unwrap();
        assert!(matches!(
            Bare::of_commit(dir.path(), Some(&second)),
            Bare::None
        ));
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        remove_unnamed(dir.path(), Some(&first)).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        remove_unnamed(dir.path(), Some(&second)).unwrap();
        let left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["notes.txt"]);
    }

    #[test]
    fn the_payload_of_older_indexes_is_read() {
        let payload = r#"{"bare":{"empty.txt":{"size":0,"mtime":7,"meta":0,"hash":"he"}}}"#;
        let bare = Bare::of_commit(Path::new("."), Some(payload));
        assert_eq!(paths(&bare), ["empty.txt"]);
        assert!(matches!(
            Bare::of_commit(Path::new("."), Some("not json")),
            Bare::None
        ));
        // A payload may not point outside the index folder.
        let sneaky = r#"{"bare_file":"../bare-1.jsonl"}"#;
        assert!(matches!(
            Bare::of_commit(Path::new("."), Some(sneaky)),
            Bare::None
        ));
    }
}
