//! Walking a corpus folder: the files that may hold articles, with what `metadata.jsonl`
//! says about them.
//!
//! Candidates are the files whose name says they hold articles (`super::format`: `.txt`,
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
//!
//! The walk itself is sequential and depth first, so that files come in the order of their
//! paths and the walk holds only the folders it is in; a few threads list the next folders
//! ahead of it (`listing`: read the folder, follow its links, `stat` its files), at most
//! `LIST_AHEAD` of them. The rules of the ignore files are those of the `ignore` crate's
//! walk, applied by its [`IncrementalIgnore`], which keeps one entry per folder met.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use ignore::overrides::{Override, OverrideBuilder};
use ignore::{IncrementalIgnore, WalkBuilder};

use super::format;
use super::metadata::{self, FileMeta};

mod listing;

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

/// Candidate files of one folder `stat`-ed by the thread that lists it; a larger folder's
/// are `stat`-ed on the rayon pool.
const STAT_CHUNK: usize = 2048;

/// Folders listed ahead of the walk, at most.
const LIST_AHEAD: usize = 64;

/// [`walk`], handing each file and problem to `emit` as it comes, without holding them: the
/// files come sorted by their relative path (as strings compare, so that `a.txt` comes
/// before `a/b.txt`), and a folder that cannot be read comes where its files would have.
/// Gives the count of the files ignored by kind. The folders are listed by as many threads
/// as the rayon pool it runs in has.
pub(crate) fn stream(
    corpus: &Path,
    filter: &Filter,
    emit: &mut dyn FnMut(Found),
) -> BTreeMap<String, u64> {
    stream_with(corpus, filter, rayon::current_num_threads(), emit)
}

/// The ignore rules of a walk of `corpus`: the same as ripgrep's (`.ignore`, `.gitignore` and
/// `.git/info/exclude`, in the folder and its parents, without needing a git repository),
/// with the `--include`/`--exclude` globs.
fn rules(corpus: &Path, overrides: Override) -> WalkBuilder {
    let mut rules = WalkBuilder::new(corpus);
    rules
        .follow_links(true)
        .standard_filters(false)
        .ignore(true)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .parents(true)
        .overrides(overrides);
    rules
}

/// [`stream`] with folders listed by `threads` threads (one: by the walk itself).
pub(crate) fn stream_with(
    corpus: &Path,
    filter: &Filter,
    threads: usize,
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
            walk.load_metadata(parent, emit);
            walk.lone_file_folder = Some(parent.to_path_buf());
        }
        // Named by the user: read whatever its name.
        let path = corpus.to_path_buf();
        let relative = path.to_string_lossy().replace('\\', "/");
        let stamp = Stamp::of(corpus);
        walk.file(path, relative, stamp, emit);
        return walk.finish(emit);
    }
    // Hidden entries are left out by the listings, even when an --include glob names them.
    let matcher = rules(corpus, overrides).build_matchers().pop();
    let Some(matcher) = matcher else {
        return walk.finish(emit);
    };
    let mut folders = Folders {
        corpus,
        matcher,
        stack: Vec::new(),
        pool: None,
        asked: 0,
    };
    std::thread::scope(|scope| {
        if threads > 1 {
            folders.pool = Some(listing::Pool::start(scope, threads));
        }
        folders.enter(corpus.to_path_buf(), listing::list(corpus), &mut walk, emit);
        folders.run(&mut walk, emit);
        // Ends the pool's threads.
        folders.pool = None;
    });
    walk.finish(emit)
}

/// The folders being walked, depth first: the entries left of each, with the listings asked
/// of the pool for the next [`LIST_AHEAD`] folders in the walk's order.
struct Folders<'a> {
    corpus: &'a Path,
    matcher: IncrementalIgnore,
    stack: Vec<Folder>,
    pool: Option<listing::Pool>,
    /// Listings asked of the pool and not taken yet.
    asked: usize,
}

/// A folder being walked.
struct Folder {
    identity: listing::Identity,
    /// What is left to visit, in order.
    left: VecDeque<Visit>,
    /// The entries of `left` already considered for asking their listing.
    considered: usize,
}

/// An entry of a folder that the walk visits.
enum Visit {
    File {
        path: PathBuf,
        stamp: std::io::Result<Stamp>,
    },
    Folder {
        path: PathBuf,
        listing: Option<listing::Ticket>,
    },
    Problem(WalkProblem),
}

impl Folders<'_> {
    fn run(&mut self, walk: &mut Walk, emit: &mut dyn FnMut(Found)) {
        while let Some(folder) = self.stack.last_mut() {
            let Some(visit) = folder.left.pop_front() else {
                self.stack.pop();
                continue;
            };
            folder.considered = folder.considered.saturating_sub(1);
            match visit {
                Visit::File { path, stamp } => {
                    let relative = relative(self.corpus, &path);
                    walk.file(path, relative, stamp, emit);
                }
                Visit::Problem(problem) => emit(Found::Problem(problem)),
                Visit::Folder { path, listing } => {
                    let listing = match listing {
                        Some(ticket) => {
                            self.asked -= 1;
                            ticket.wait()
                        }
                        None => listing::list(&path),
                    };
                    self.enter(path, listing, walk, emit);
                }
            }
        }
    }

    /// Enter the folder at `path`: report a loop or why it cannot be read, or read its
    /// `metadata.jsonl` and keep its entries to visit.
    fn enter(
        &mut self,
        path: PathBuf,
        listing: listing::Listing,
        walk: &mut Walk,
        emit: &mut dyn FnMut(Found),
    ) {
        let unreadable = |path: PathBuf, err: &std::io::Error| WalkProblem {
            path,
            reason: err.to_string(),
            kind: ProblemKind::Unreadable,
        };
        let identity = match listing.identity {
            Ok(identity) => identity,
            Err(err) => return emit(Found::Problem(unreadable(path, &err))),
        };
        if self.stack.iter().any(|f| f.identity == identity) {
            return emit(Found::Problem(WalkProblem {
                path,
                reason: "link loop: folder already visited".to_string(),
                kind: ProblemKind::Warning,
            }));
        }
        walk.load_metadata(&path, emit);
        let mut entries = match listing.entries {
            Ok(entries) => entries,
            Err(err) => return emit(Found::Problem(unreadable(path, &err))),
        };
        if entries.iter().any(listing::Entry::unstamped) {
            entries
                .par_iter_mut()
                .for_each(|entry| listing::stamp(&path, entry));
        }
        let mut left = VecDeque::with_capacity(entries.len());
        for entry in entries {
            let child = path.join(&entry.name);
            let is_folder = matches!(entry.kind, listing::Kind::Folder);
            let relative = child.strip_prefix(self.corpus).unwrap_or(&child);
            if !entry.name.is_empty() && self.matcher.matched(relative, is_folder).is_ignore() {
                continue;
            }
            left.push_back(match entry.kind {
                listing::Kind::Folder => Visit::Folder {
                    path: child,
                    listing: None,
                },
                listing::Kind::File {
                    candidate: true,
                    stamp,
                } => Visit::File {
                    stamp: stamp.unwrap_or_else(|| Stamp::of(&child)),
                    path: child,
                },
                listing::Kind::File { .. } => {
                    if entry.name != metadata::FILE_NAME {
                        *walk
                            .ignored
                            .entry(format::ignored_extension(&child))
                            .or_default() += 1;
                    }
                    continue;
                }
                // An entry that could not be read has no name: it is the folder's problem.
                listing::Kind::Broken(err) if entry.name.is_empty() => {
                    Visit::Problem(unreadable(path.clone(), &err))
                }
                listing::Kind::Broken(err) => Visit::Problem(unreadable(child, &err)),
            });
        }
        self.stack.push(Folder {
            identity,
            left,
            considered: 0,
        });
        self.ask_ahead();
    }

    /// Ask the pool for the listings of the next folders in the walk's order: those left in
    /// the deepest folder first.
    fn ask_ahead(&mut self) {
        let Some(pool) = &self.pool else { return };
        for folder in self.stack.iter_mut().rev() {
            while self.asked < LIST_AHEAD && folder.considered < folder.left.len() {
                if let Some(Visit::Folder { path, listing }) =
                    folder.left.get_mut(folder.considered)
                {
                    *listing = Some(pool.ask(path));
                    self.asked += 1;
                }
                folder.considered += 1;
            }
            if self.asked >= LIST_AHEAD {
                return;
            }
        }
    }
}

/// What the walk holds besides its folders: the metadata of the folders above, the count
/// of ignored files.
#[derive(Default)]
struct Walk {
    ignored: BTreeMap<String, u64>,
    /// Unclaimed `metadata.jsonl` entries by the folder that holds the file.
    metadata: HashMap<PathBuf, metadata::Listing>,
    /// The folder of the corpus when the corpus is one file: its `metadata.jsonl` may list
    /// other files without anything being amiss.
    lone_file_folder: Option<PathBuf>,
}

impl Walk {
    fn load_metadata(&mut self, dir: &Path, emit: &mut dyn FnMut(Found)) {
        let path = dir.join(metadata::FILE_NAME);
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return,
            Err(err) => {
                emit(warning(&path, format!("cannot read: {err}")));
                return;
            }
        };
        let listing = metadata::parse(&text);
        for problem in &listing.problems {
            emit(warning(&path, problem.clone()));
        }
        if !listing.entries.is_empty() {
            self.metadata.insert(dir.to_path_buf(), listing);
        }
    }

    /// Hand over a candidate file, given what its `stat` said (with links followed, of the
    /// file a link points to); nothing when it is gone.
    fn file(
        &mut self,
        path: PathBuf,
        relative: String,
        stamp: std::io::Result<Stamp>,
        emit: &mut dyn FnMut(Found),
    ) {
        let stamp = match stamp {
            Ok(stamp) => stamp,
            // Gone between the listing of its folder and now: not part of the corpus.
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return,
            Err(err) => {
                return emit(Found::Problem(WalkProblem {
                    path,
                    reason: err.to_string(),
                    kind: ProblemKind::Unreadable,
                }));
            }
        };
        let meta = self.claim_metadata(&path);
        emit(Found::File(SourceFile {
            path,
            relative,
            stamp,
            meta,
        }));
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
            emit(warning(
                &path,
                format!(
                    "lists {} file(s) that are not in the corpus: {}{more}",
                    names.len(),
                    shown.join(", ")
                ),
            ));
        }
        self.ignored
    }
}

fn warning(path: &Path, reason: String) -> Found {
    Found::Problem(WalkProblem {
        path: path.to_path_buf(),
        reason,
        kind: ProblemKind::Warning,
    })
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

    /// Every file and problem of a walk by `threads` threads, and the ignored counts.
    fn streamed(root: &Path, filter: &Filter, threads: usize) -> (Vec<String>, Vec<String>) {
        let mut found = Vec::new();
        let ignored = stream_with(root, filter, threads, &mut |f| found.push(format!("{f:?}")));
        let ignored = ignored.iter().map(|(k, n)| format!("{k} {n}")).collect();
        (found, ignored)
    }

    fn write_all(root: &Path, names: &[&str]) -> std::io::Result<()> {
        for name in names {
            let path = root.join(name);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(path, "x")?;
        }
        Ok(())
    }

    #[test]
    fn the_order_is_that_of_the_path_bytes_with_folders_ending_in_a_slash() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        let written = [
            "a.txt",
            "a/b.txt",
            "a-b/c.txt",
            "a0",
            "a/.txt",
            "a.b/c.txt",
            "a/b/c.txt",
            "ab/a.txt",
            "Z.txt",
            "é.txt",
            "e.txt",
            "日本/記事.txt",
            "日本.txt",
            "zz/\u{1F600}.txt",
            "zz/~.txt",
            "a /x.txt",
        ];
        write_all(root, &written)?;
        let (files, problems) = files(root);
        assert!(problems.is_empty(), "{problems:?}");
        let mut expected: Vec<&str> = written.iter().copied().filter(|n| *n != "a/.txt").collect();
        expected.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
        assert_eq!(names(&files), expected);
        assert_eq!(
            &expected[3..7],
            ["a.b/c.txt", "a.txt", "a/b.txt", "a/b/c.txt"]
        );
        Ok(())
    }

    #[test]
    fn a_deep_tree_is_walked_in_order() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        let mut deep = PathBuf::new();
        let mut expected = Vec::new();
        for depth in 0..80 {
            deep.push(format!("d{}", depth % 3));
            for name in ["a.txt", "z.txt"] {
                let rel = deep.join(name);
                expected.push(rel.to_string_lossy().into_owned());
            }
        }
        let names: Vec<&str> = expected.iter().map(String::as_str).collect();
        write_all(root, &names)?;
        for threads in [1, 3] {
            let mut found = Vec::new();
            stream_with(root, &Filter::default(), threads, &mut |f| {
                if let Found::File(file) = f {
                    found.push(file.relative);
                }
            });
            let mut sorted = expected.clone();
            sorted.sort();
            assert_eq!(found, sorted);
        }
        Ok(())
    }

    #[test]
    fn parallel_and_serial_walks_give_the_same_sequence() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        let mut names = Vec::new();
        for a in 0..12 {
            for b in 0..9 {
                names.push(format!("{a}/{b}/story-{a}-{b}.txt"));
                names.push(format!("{a}/{b}.txt"));
                names.push(format!("{a}/{b}/scan.pdf"));
            }
        }
        // More files than one thread `stat`s with its listing.
        for n in 0..(STAT_CHUNK + 10) {
            names.push(format!("big/{n:05}.json"));
        }
        names.push("skip/me.txt".to_string());
        names.push("3/notes.log".to_string());
        names.push("3/ignored.html".to_string());
        names.push(".hidden/x.txt".to_string());
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        write_all(root, &names)?;
        fs::write(root.join(".gitignore"), "skip/\n")?;
        fs::write(root.join("3/.ignore"), "*.html\n")?;
        fs::write(
            root.join("5/metadata.jsonl"),
            "{\"file\": \"2/story-5-2.txt\", \"title\": \"T\"}\n{\"file\": \"gone.txt\"}\nbad\n",
        )?;
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root, root.join("7/loop"))?;
            std::os::unix::fs::symlink(root.join("1"), root.join("link"))?;
            std::os::unix::fs::symlink("nowhere.txt", root.join("2/dangling.txt"))?;
        }
        let filters = [
            Filter::default(),
            Filter {
                include: vec!["*.txt".into(), "*.json".into()],
                exclude: vec!["4/".into()],
            },
        ];
        for filter in &filters {
            let serial = streamed(root, filter, 1);
            for threads in [2, 5] {
                assert_eq!(streamed(root, filter, threads), serial, "{threads} threads");
            }
            let files: Vec<&String> = serial.0.iter().filter(|f| f.starts_with("File")).collect();
            assert!(
                files
                    .iter()
                    .all(|f| !f.contains("skip/") && !f.contains("hidden"))
            );
            assert!(files.iter().any(|f| f.contains("title: Some(\"T\")")));
            assert!(serial.0.iter().any(|f| f.contains("link loop")) == cfg!(unix));
        }
        let (found, ignored) = streamed(root, &filters[0], 2);
        let count = |part: &str| found.iter().filter(|f| f.contains(part)).count();
        let links = if cfg!(unix) { 9 + 9 } else { 0 };
        assert_eq!(count("File("), 12 * 18 + STAT_CHUNK + 10 + links);
        assert_eq!(
            count("ignored.html") + count("notes.log") + count("skip/"),
            0
        );
        assert_eq!(
            ignored,
            [".log 1".to_string(), format!(".pdf {}", 12 * 9 + links / 2)]
        );
        Ok(())
    }

    /// The files the `ignore` crate's own walk keeps, with the rules the walk had before it
    /// listed folders in parallel.
    fn kept_by_ignore_walk(root: &Path, filter: &Filter) -> Vec<String> {
        let overrides = filter.compile(root).expect("globs compile");
        let mut kept: Vec<String> = rules(root, overrides)
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
            .build()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_some_and(|t| !t.is_dir()) && is_candidate(e.path()))
            .map(|e| relative(root, e.path()))
            .collect();
        kept.sort();
        kept
    }

    #[test]
    fn the_ignore_rules_are_those_of_the_ignore_crates_walk() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("corpus");
        write_all(
            &root,
            &[
                "a/keep.txt",
                "a/drop.txt",
                "a/b/drop.txt",
                "a/b/again.txt",
                "a/b/c/deep.json",
                "logs/1.txt",
                "logs/keep/2.txt",
                "repo/x.txt",
                "repo/secret.txt",
                "repo/sub/secret.txt",
                "repo/sub/y.html",
                "tmp.txt",
                "z/tmp.txt",
                "z/y/plain",
            ],
        )?;
        fs::write(dir.path().join(".gitignore"), "above-only.txt\ntmp.txt\n")?;
        fs::write(root.join(".gitignore"), "drop.txt\n/logs/*\n!/logs/keep/\n")?;
        fs::write(root.join("a/b/.ignore"), "!again.txt\n")?;
        fs::write(root.join("a/b/.gitignore"), "again.txt\n*.json\n")?;
        fs::create_dir_all(root.join("repo/.git/info"))?;
        fs::write(root.join("repo/.git/info/exclude"), "secret.txt\n")?;
        fs::write(root.join("repo/sub/.gitignore"), "!secret.txt\n")?;
        let filters = [
            Filter::default(),
            Filter {
                include: vec!["*.txt".into(), "plain".into()],
                exclude: vec!["z/".into()],
            },
            Filter {
                include: vec![],
                exclude: vec!["*.html".into(), "a/b/".into()],
            },
        ];
        assert_eq!(
            kept_by_ignore_walk(&root, &filters[0]),
            [
                "a/b/again.txt",
                "a/keep.txt",
                "logs/keep/2.txt",
                "repo/sub/secret.txt",
                "repo/sub/y.html",
                "repo/x.txt",
                "z/y/plain"
            ]
        );
        for filter in &filters {
            let expected = kept_by_ignore_walk(&root, filter);
            assert!(!expected.is_empty());
            for threads in [1, 2] {
                let mut found = Vec::new();
                stream_with(&root, filter, threads, &mut |f| {
                    if let Found::File(file) = f {
                        found.push(file.relative);
                    }
                });
                assert_eq!(found, expected, "{filter:?}, {threads} threads");
            }
        }
        Ok(())
    }
}
