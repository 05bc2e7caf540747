//! Walking a corpus folder: the files that may hold articles, with what `metadata.jsonl`
//! says about them.
//!
//! Candidates are the files whose name says they hold articles ([`super::format`]: `.txt`,
//! JSON, HTML, WARC, CSV, TSV, compressed or not, and files without an extension, whose content
//! the reader judges); files of other kinds (`.pdf`, images) are counted by extension, hidden
//! files and folders (`.git`) and `metadata.jsonl` itself are left out. `.ignore` and
//! `.gitignore` files are honoured as ripgrep honours them (the `ignore` crate; a `.gitignore`
//! also outside a git repository), and so are the `--include`/`--exclude` globs of a
//! [`Filter`]. Symbolic links are followed, so a corpus assembled from links works; a link loop
//! is reported once and costs nothing. Each folder's
//! `metadata.jsonl` is read once, when the walk enters the folder, and its entries ride along
//! on the [`SourceFile`]s they describe, so the parallel readers never touch it. The walk's
//! one `stat` of each file gives its [`Stamp`], which incremental indexing compares with the
//! index's records before deciding to read anything.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use ignore::overrides::{Override, OverrideBuilder};
use ignore::{DirEntry, WalkBuilder};

use super::format;
use super::metadata::{self, FileMeta};

/// Globs that narrow a corpus, as gitignore lines are written (`README.TXT`, `*.csv`,
/// `drafts/`): a file is read when it matches an `include` glob (or there is none) and no
/// `exclude` glob.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

impl Filter {
    /// The globs compiled for a walk of `root`, or the first bad one and why.
    pub fn compile(&self, root: &Path) -> Result<Override, String> {
        let mut builder = OverrideBuilder::new(root);
        for glob in &self.include {
            builder
                .add(glob)
                .map_err(|e| format!("--include {glob:?}: {}", glob_error(&e)))?;
        }
        for glob in &self.exclude {
            builder
                .add(&format!("!{glob}"))
                .map_err(|e| format!("--exclude {glob:?}: {}", glob_error(&e)))?;
        }
        builder.build().map_err(|e| glob_error(&e))
    }
}

fn glob_error(err: &ignore::Error) -> String {
    match err {
        ignore::Error::Glob { err, .. } => err.clone(),
        other => other.to_string(),
    }
}

/// What a walk found.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    pub files: Vec<SourceFile>,
    pub problems: Vec<WalkProblem>,
    /// Files whose kind holds no article (`.pdf`), counted by extension (`".pdf"`).
    pub ignored: BTreeMap<String, u64>,
}

/// A file that may hold articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    pub path: PathBuf,
    /// Path relative to the corpus root, with `/` separators (the path as given when the
    /// corpus is a single file).
    pub relative: String,
    pub stamp: Stamp,
    /// What a `metadata.jsonl` in this folder or above says about the file.
    pub meta: Option<FileMeta>,
}

/// Size and modification time of a file: the quick check that spares reading it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    /// Nanoseconds since 1970 (negative before).
    pub mtime: i64,
}

impl Stamp {
    /// The stamp of a file on disk.
    pub fn of(path: &Path) -> std::io::Result<Stamp> {
        std::fs::metadata(path).map(|meta| Stamp::from_metadata(&meta))
    }

    fn from_metadata(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            size: meta.len(),
            mtime: meta.modified().map(nanos_since_epoch).unwrap_or(0),
        }
    }
}

fn nanos_since_epoch(time: SystemTime) -> i64 {
    let clamp = |n: u128| i64::try_from(n).unwrap_or(i64::MAX);
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => clamp(after.as_nanos()),
        Err(before) => -clamp(before.duration().as_nanos()),
    }
}

/// Something the walk met that the user should hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkProblem {
    pub path: PathBuf,
    pub reason: String,
    pub kind: ProblemKind,
}

/// Whether a [`WalkProblem`] cost articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// A file or folder could not be read or entered: count it as skipped (unreadable).
    Unreadable,
    /// Nothing was lost but the user should know (a link loop, a broken `metadata.jsonl`
    /// line, metadata for a file that is not there): count it as a warning.
    Warning,
}

/// List the candidate files below `corpus` (or `corpus` itself when it is a file), sorted by
/// path, and the problems met on the way.
pub fn files(corpus: &Path) -> (Vec<SourceFile>, Vec<WalkProblem>) {
    let walked = walk(corpus, &Filter::default());
    (walked.files, walked.problems)
}

/// [`files`], narrowed by `filter` (whose globs must [`Filter::compile`]; a bad glob is a
/// problem of the walk), with the count of the files ignored by kind.
pub(crate) fn walk(corpus: &Path, filter: &Filter) -> Walked {
    let mut walked = Walked::default();
    walked.ignored = stream(corpus, filter, &mut |found| match found {
        Found::File(file) => walked.files.push(file),
        Found::Problem(problem) => walked.problems.push(problem),
    });
    walked
}

/// What [`stream`] hands over.
#[derive(Debug)]
pub(crate) enum Found {
    File(SourceFile),
    Problem(WalkProblem),
}

/// Files stat-ed at once, on the rayon pool.
const STAT_CHUNK: usize = 2048;

/// [`walk`], handing each file and problem to `emit` as it comes, without holding them: the
/// files come sorted by their relative path (as strings compare, so that `a.txt` comes
/// before `a/b.txt`), and a folder that cannot be read comes where its files would have.
/// Gives the count of the files ignored by kind.
pub(crate) fn stream(
    corpus: &Path,
    filter: &Filter,
    emit: &mut dyn FnMut(Found),
) -> BTreeMap<String, u64> {
    let mut walk = Walk::default();
    let overrides = match filter.compile(corpus) {
        Ok(overrides) => overrides,
        Err(reason) => {
            emit(Found::Problem(WalkProblem {
                path: corpus.to_path_buf(),
                reason,
                kind: ProblemKind::Unreadable,
            }));
            return walk.finish(emit);
        }
    };
    if corpus.is_file() {
        // A lone file still gets the metadata of its folder, whose other entries are about
        // files that were not asked for.
        if let Some(parent) = corpus.parent() {
            walk.load_metadata(parent);
            walk.lone_file_folder = Some(parent.to_path_buf());
        }
    }
    let entries = WalkBuilder::new(corpus)
        .follow_links(true)
        .sort_by_file_path(path_order)
        .standard_filters(false)
        .ignore(true)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .parents(true)
        .overrides(overrides)
        // Hidden files stay out even when an --include glob names them.
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry))
        .build();
    // The folders are listed (and their metadata read) in one pass; the files are stat-ed
    // in chunks on the rayon pool, which is most of a walk's time on a large corpus.
    for entry in entries {
        match entry {
            Ok(entry) if entry.file_type().is_some_and(|t| t.is_dir()) => {
                walk.load_metadata(entry.path())
            }
            Ok(entry) if entry.depth() == 0 || is_candidate(entry.path()) => {
                walk.pending.push(Pending::Candidate(entry));
                walk.candidates += 1;
                if walk.candidates >= STAT_CHUNK {
                    walk.flush(corpus, emit);
                }
            }
            Ok(entry) => {
                if entry.file_name() != metadata::FILE_NAME {
                    *walk
                        .ignored
                        .entry(format::ignored_extension(entry.path()))
                        .or_default() += 1;
                }
            }
            Err(err) => {
                let kind = if is_loop(&err) {
                    ProblemKind::Warning
                } else {
                    ProblemKind::Unreadable
                };
                walk.pending.push(Pending::Problem(WalkProblem {
                    path: error_path(&err).unwrap_or(corpus).to_path_buf(),
                    reason: io_reason(&err),
                    kind,
                }));
            }
        }
    }
    walk.flush(corpus, emit);
    walk.finish(emit)
}

/// The order of the walk: that of the paths as strings. Names compare as they are, except
/// where one is the other's beginning followed by a character before `/` (`a` and `a.txt`):
/// there a folder's files (`a/...`) come after the other.
fn path_order(a: &Path, b: &Path) -> Ordering {
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let (an, bn) = (name(a), name(b));
    let (ab, bb) = (an.as_bytes(), bn.as_bytes());
    let common = ab.len().min(bb.len());
    if ab[..common] != bb[..common] || ab.len() == bb.len() {
        return ab.cmp(bb);
    }
    let (short, long) = if ab.len() < bb.len() {
        (a, bb)
    } else {
        (b, ab)
    };
    let short_first = if long[common] < b'/' && short.is_dir() {
        Ordering::Greater
    } else {
        Ordering::Less
    };
    if ab.len() < bb.len() {
        short_first
    } else {
        short_first.reverse()
    }
}

/// An entry met by the walk, held until its chunk of files is stat-ed.
enum Pending {
    Candidate(DirEntry),
    Problem(WalkProblem),
}

/// What the walk holds: the entries of the chunk not stat-ed yet, and the metadata of the
/// folders above.
#[derive(Default)]
struct Walk {
    pending: Vec<Pending>,
    /// Candidates in `pending`.
    candidates: usize,
    ignored: BTreeMap<String, u64>,
    /// Unclaimed `metadata.jsonl` entries by the folder that holds the file.
    metadata: HashMap<PathBuf, metadata::Listing>,
    /// The folder of the corpus when the corpus is one file: its `metadata.jsonl` may list
    /// other files without anything being amiss.
    lone_file_folder: Option<PathBuf>,
}

impl Walk {
    /// Stat the pending candidates on the rayon pool and hand everything pending over, in
    /// order.
    fn flush(&mut self, corpus: &Path, emit: &mut dyn FnMut(Found)) {
        let pending = std::mem::take(&mut self.pending);
        self.candidates = 0;
        let stats: Vec<Option<Result<std::fs::Metadata, ignore::Error>>> = pending
            .par_iter()
            .map(|p| match p {
                Pending::Candidate(entry) => Some(entry.metadata()),
                Pending::Problem(_) => None,
            })
            .collect();
        for (pending, stat) in pending.into_iter().zip(stats) {
            match (pending, stat) {
                (Pending::Candidate(entry), Some(stat)) => {
                    if let Some(found) = self.file(corpus, &entry, stat) {
                        emit(found);
                    }
                }
                (Pending::Problem(problem), _) => emit(Found::Problem(problem)),
                (Pending::Candidate(_), None) => {}
            }
        }
    }

    fn load_metadata(&mut self, dir: &Path) {
        let path = dir.join(metadata::FILE_NAME);
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return,
            Err(err) => {
                self.warn(&path, format!("cannot read: {err}"));
                return;
            }
        };
        let listing = metadata::parse(&text);
        for problem in &listing.problems {
            self.warn(&path, problem.clone());
        }
        if !listing.entries.is_empty() {
            self.metadata.insert(dir.to_path_buf(), listing);
        }
    }

    /// A candidate file, given what its `stat` said (with links followed, of the file a link
    /// points to); `None` when it is gone.
    fn file(
        &mut self,
        corpus: &Path,
        entry: &DirEntry,
        stat: Result<std::fs::Metadata, ignore::Error>,
    ) -> Option<Found> {
        let path = entry.path();
        let explicit = entry.depth() == 0;
        let stamp = match stat {
            Ok(meta) => Stamp::from_metadata(&meta),
            // Gone between the listing of its folder and now: not part of the corpus.
            Err(err) if io_kind(&err) == Some(std::io::ErrorKind::NotFound) => return None,
            Err(err) => {
                return Some(Found::Problem(WalkProblem {
                    path: path.to_path_buf(),
                    reason: io_reason(&err),
                    kind: ProblemKind::Unreadable,
                }));
            }
        };
        let relative = if explicit {
            path.to_string_lossy().replace('\\', "/")
        } else {
            relative(corpus, path)
        };
        let meta = self.claim_metadata(path);
        Some(Found::File(SourceFile {
            path: path.to_path_buf(),
            relative,
            stamp,
            meta,
        }))
    }

    /// Take the metadata entry for `path` from the nearest folder above it that lists it.
    fn claim_metadata(&mut self, path: &Path) -> Option<FileMeta> {
        if self.metadata.is_empty() {
            return None;
        }
        for dir in path.ancestors().skip(1) {
            let Some(listing) = self.metadata.get_mut(dir) else {
                continue;
            };
            let Ok(inner) = path.strip_prefix(dir) else {
                continue;
            };
            let key = inner.to_string_lossy().replace('\\', "/");
            if let Some(meta) = listing.entries.remove(&key) {
                return Some(meta);
            }
        }
        None
    }

    fn warn(&mut self, path: &Path, reason: String) {
        self.pending.push(Pending::Problem(WalkProblem {
            path: path.to_path_buf(),
            reason,
            kind: ProblemKind::Warning,
        }));
    }

    /// Warn of the metadata entries no file claimed; gives the count of ignored files.
    fn finish(mut self, emit: &mut dyn FnMut(Found)) -> BTreeMap<String, u64> {
        let mut leftovers: Vec<(PathBuf, Vec<String>)> = self
            .metadata
            .drain()
            .filter(|(dir, listing)| {
                !listing.entries.is_empty() && self.lone_file_folder.as_ref() != Some(dir)
            })
            .map(|(dir, listing)| {
                let mut names: Vec<String> = listing.entries.into_keys().collect();
                names.sort();
                (dir.join(metadata::FILE_NAME), names)
            })
            .collect();
        leftovers.sort();
        for (path, names) in leftovers {
            let shown: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
            let more = if names.len() > 3 { ", ..." } else { "" };
            self.warn(
                &path,
                format!(
                    "lists {} file(s) that are not in the corpus: {}{more}",
                    names.len(),
                    shown.join(", ")
                ),
            );
        }
        for pending in std::mem::take(&mut self.pending) {
            if let Pending::Problem(problem) = pending {
                emit(Found::Problem(problem));
            }
        }
        self.ignored
    }
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry
        .file_name()
        .to_str()
        .is_some_and(|name| name.starts_with('.'))
}

fn is_candidate(path: &Path) -> bool {
    if path.file_name().and_then(|n| n.to_str()) == Some(metadata::FILE_NAME) {
        return false;
    }
    format::of(path).is_some()
}

fn relative(corpus: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(corpus).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}

/// The error inside the `ignore` crate's wrappers (path, depth).
fn inner(err: &ignore::Error) -> &ignore::Error {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => inner(err),
        other => other,
    }
}

fn is_loop(err: &ignore::Error) -> bool {
    matches!(inner(err), ignore::Error::Loop { .. })
}

fn io_kind(err: &ignore::Error) -> Option<std::io::ErrorKind> {
    err.io_error().map(std::io::Error::kind)
}

/// The path an error is about.
fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

/// The walk error without its path (the caller prints the path).
fn io_reason(err: &ignore::Error) -> String {
    if is_loop(err) {
        return "link loop: folder already visited".to_string();
    }
    match err.io_error() {
        Some(io) => io.to_string(),
        None => inner(err).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn names(files: &[SourceFile]) -> Vec<&str> {
        files.iter().map(|f| f.relative.as_str()).collect()
    }

    #[test]
    fn keeps_article_extensions_and_files_without_one() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        fs::create_dir_all(root.join("20061020"))?;
        fs::create_dir_all(root.join(".git"))?;
        for name in [
            "a.txt",
            "b.JSON",
            "c.jsonl",
            "d.ndjson",
            "e.md",
            "f.png",
            "g.html",
            "h.HTM",
            ".hidden.txt",
            "20061020/us-story-idUSN2012",
            ".git/HEAD",
        ] {
            fs::write(root.join(name), "x")?;
        }
        fs::write(root.join("metadata.jsonl"), "")?;
        let (files, problems) = files(root);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            names(&files),
            [
                "20061020/us-story-idUSN2012",
                "a.txt",
                "b.JSON",
                "c.jsonl",
                "d.ndjson",
                "g.html",
                "h.HTM"
            ]
        );
        assert!(files.iter().all(|f| f.stamp.size == 1));
        assert!(files.iter().all(|f| f.stamp.mtime > 0));
        Ok(())
    }

    #[test]
    fn files_come_sorted_as_their_paths_are_as_strings() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        for name in [
            "a/b.txt",
            "a.txt",
            "a-b.txt",
            "a b.txt",
            "ab.txt",
            "a/c/d.txt",
            "a/c.txt",
        ] {
            if let Some(parent) = Path::new(name).parent() {
                fs::create_dir_all(root.join(parent))?;
            }
            fs::write(root.join(name), "x")?;
        }
        let (files, problems) = files(root);
        assert!(problems.is_empty(), "{problems:?}");
        let found = names(&files);
        let mut sorted = found.clone();
        sorted.sort();
        assert_eq!(found, sorted);
        assert_eq!(found.len(), 7);
        Ok(())
    }

    #[test]
    fn metadata_reaches_the_files_it_lists() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        fs::create_dir_all(root.join("wikinews/deeper"))?;
        // Sorted before metadata.jsonl, so the walk must load it before the files.
        fs::write(root.join("wikinews/0001-a.txt"), "A\n\nBody.")?;
        fs::write(root.join("wikinews/deeper/0002-b.txt"), "B\n\nBody.")?;
        fs::write(root.join("wikinews/0003-c.txt"), "C\n\nBody.")?;
        fs::write(
            root.join("wikinews/metadata.jsonl"),
            concat!(
                r#"{"file": "0001-a.txt", "title": "Title A", "published": "2019-01-04"}"#,
                "\n",
                r#"{"file": "deeper/0002-b.txt", "title": "Title B"}"#,
                "\n",
                r#"{"file": "gone.txt", "title": "Gone"}"#,
                "\nnot json\n",
            ),
        )?;
        let (files, problems) = files(root);
        let a = &files[0];
        assert_eq!(a.relative, "wikinews/0001-a.txt");
        let meta = a.meta.as_ref();
        assert_eq!(meta.and_then(|m| m.title.as_deref()), Some("Title A"));
        assert_eq!(
            meta.and_then(|m| m.published.as_deref()),
            Some("2019-01-04")
        );
        assert_eq!(files[1].meta, None);
        assert_eq!(files[2].relative, "wikinews/deeper/0002-b.txt");
        assert_eq!(
            files[2].meta.as_ref().and_then(|m| m.title.as_deref()),
            Some("Title B")
        );
        let reasons: Vec<&str> = problems.iter().map(|p| p.reason.as_str()).collect();
        assert_eq!(problems.len(), 2, "{reasons:?}");
        assert!(problems.iter().all(|p| p.kind == ProblemKind::Warning));
        assert!(
            reasons[0].starts_with("line 4: invalid JSON"),
            "{reasons:?}"
        );
        assert!(reasons[1].contains("gone.txt"), "{reasons:?}");
        Ok(())
    }

    #[test]
    fn a_single_file_gets_its_folders_metadata() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("story.txt");
        fs::write(&file, "Body text.")?;
        fs::write(dir.path().join("other.txt"), "Other text.")?;
        // The entries of the other files, there or not, are no concern of this one.
        fs::write(
            dir.path().join("metadata.jsonl"),
            concat!(
                r#"{"file": "story.txt", "title": "The story"}"#,
                "\n",
                r#"{"file": "other.txt", "title": "Another"}"#,
                "\n",
                r#"{"file": "gone.txt", "title": "Gone"}"#,
            ),
        )?;
        let (files, problems) = files(&file);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].relative, file.to_string_lossy());
        assert_eq!(
            files[0].meta.as_ref().and_then(|m| m.title.as_deref()),
            Some("The story")
        );
        Ok(())
    }

    #[test]
    fn a_stamp_is_size_and_modification_time() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("f.txt");
        fs::write(&path, "hello")?;
        let stamp = Stamp::of(&path)?;
        assert_eq!(stamp.size, 5);
        assert!(stamp.mtime > 0);
        let (files, _) = files(dir.path());
        assert_eq!(files[0].stamp, stamp);
        assert!(Stamp::of(&dir.path().join("missing")).is_err());
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_a_loop_is_a_warning() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        fs::create_dir_all(root.join("real"))?;
        fs::write(root.join("real/a.txt"), "text")?;
        std::os::unix::fs::symlink(root.join("real/a.txt"), root.join("linked.txt"))?;
        std::os::unix::fs::symlink(root, root.join("real/loop"))?;
        let (files, problems) = files(root);
        assert_eq!(names(&files), ["linked.txt", "real/a.txt"]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind, ProblemKind::Warning);
        Ok(())
    }
}
