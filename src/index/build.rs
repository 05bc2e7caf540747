//! The writer: bring the index in line with the corpus.
//!
//! A pass walks the corpus, compares it with what the index records ([`sources`]), reads, cleans
//! and extracts the new and changed files on several threads, and feeds their documents to the
//! one tantivy `IndexWriter`, which lives on the calling thread, in the order of the walk
//! (`sequence`: the stories articles join depend on it), together with the deletions of
//! changed and vanished files. The documents on their way hold a bounded amount of memory:
//! files read ahead are counted, and so are the bytes queued for tantivy (`inflight`). It
//! commits in batches (by bytes read and by time), each batch holding whole files: a crash or a
//! kill loses at most the last batch, never half a file, and the next pass finishes the job.
//! A file of records (WARC, CSV, JSON Lines, anything compressed) is read as a stream and its
//! articles travel in pieces (`read::read_pieces`), so that one huge file holds no more memory
//! than a few small ones; no commit falls between the pieces of a file, and a file left
//! half-read by an interruption has its documents deleted, to be read again next time. A file
//! of records that only grew by appended records keeps its documents and has only the new
//! records read (`read::read_appended`); interrupted, it is read whole next time.
//! The writer lock is held from `Indexer::open` to the end, so a second writer is refused at
//! once, while searches keep reading the last commit.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::{IndexWriter, TantivyDocument, Term};

use crate::article::RawArticle;
use crate::error::{Error, Result};
use crate::ingest::read::{self, Skip};
use crate::ingest::{self, walk};
use crate::stories::{Sketch, Stories};

use super::bare::{self, Bare};
use super::inflight::{InFlight, Queued};
use super::sequence::{self, Gate, Reorder};
use super::sources::{self, Join, Record, Recorded, Records, Source};
use super::spill::Spill;
use super::{NewsIndex, budget, engine, schema};

/// Files read ahead of the writer (bounds the memory held by extracted documents).
const READ_AHEAD: usize = 256;

/// Files a reader hands the writer at once: one message (and at most one wake-up of the writer)
/// per batch instead of per file. (Documents go to tantivy one by one: its queue holds 10,000
/// messages, which bounds the memory it holds only as long as a message is one document.)
const FILES_PER_MESSAGE: usize = 8;

/// Messages of read files the writer has not applied: as many in the channel (where the
/// chunk being applied comes) as kept by the writer for their turn ([`sequence`]), so that
/// with [`FILES_PER_MESSAGE`] at most [`READ_AHEAD`] files, or as many pieces of files of
/// records, are on their way.
const MESSAGES_AHEAD: usize = READ_AHEAD / FILES_PER_MESSAGE / 2;

/// Bytes of text queued for tantivy's indexing threads: a second or two of their work.
const IN_FLIGHT_BYTES: u64 = 32_000_000;

/// How to build an index.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub corpus: PathBuf,
    pub index: PathBuf,
    /// Threads for reading and extraction, and for tantivy's indexing (1 to
    /// `budget::MAX_THREADS`).
    pub threads: usize,
    /// Memory budget of the build, within `budget::range` of the threads: tantivy's writer
    /// and the story lookup of a pass's articles share it (`budget::split`).
    pub memory_mb: usize,
    /// Throw the index away (whatever its version) and index the whole corpus again.
    pub rebuild: bool,
    /// Commit once this many bytes of files were read since the last commit...
    pub commit_bytes: u64,
    /// ...or once this much time passed, whichever comes first.
    pub commit_interval: Duration,
    /// Which files of the corpus to read (`--include`, `--exclude`).
    pub filter: walk::Filter,
}

impl BuildOptions {
    /// Options with the defaults: all cores, 256 MB (or the least the threads take), a commit
    /// every 128 MB or 30 seconds.
    pub fn new(corpus: impl Into<PathBuf>, index: impl Into<PathBuf>) -> BuildOptions {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(budget::MAX_THREADS);
        BuildOptions {
            corpus: corpus.into(),
            index: index.into(),
            threads,
            memory_mb: budget::default_mb(threads),
            rebuild: false,
            // Each commit flushes small segments that must be merged later: frequent commits
            // (every 5 seconds or 64 MB) cost a full build much more CPU than these.
            commit_bytes: 128_000_000,
            commit_interval: Duration::from_secs(30),
            filter: walk::Filter::default(),
        }
    }
}

/// Receives progress while an index is built (the library knows no terminal).
pub trait Progress: Sync {
    /// The corpus is compared with the index: this many files and bytes are to be read.
    fn begin(&self, _files: u64, _bytes: u64) {}
    /// One more file was read, of this many bytes.
    fn advance(&self, _bytes: u64) {}
    /// This many more articles went into the index.
    fn indexed(&self, _articles: u64) {}
    /// Something the user should know (a skipped file, a lossy decoding).
    fn notice(&self, _message: &str) {}
    /// The pass is over and committed.
    fn finish(&self) {}
}

/// A [`Progress`] that ignores everything.
pub struct Silent;
impl Progress for Silent {}

/// What a pass did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BuildReport {
    /// Files new since the last commit.
    pub added: u64,
    /// Files whose content changed: their articles were replaced.
    pub updated: u64,
    /// Files gone from the corpus: their articles were deleted.
    pub removed: u64,
    /// Files whose content is the recorded one.
    pub unchanged: u64,
    /// Files read (whether or not they gave articles).
    pub files: u64,
    /// Articles indexed (added or replaced).
    pub indexed: u64,
    /// Articles in the index after the pass.
    pub articles: u64,
    /// Files skipped, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Warnings (lossy decoding, broken JSON lines).
    pub warnings: u64,
    /// Files whose kind holds no article, by extension (`".pdf"`).
    pub ignored: BTreeMap<String, u64>,
    /// Records that hold no article by their kind (WARC request or metadata records), by kind.
    pub passed_over: BTreeMap<String, u64>,
    /// Bytes read.
    pub bytes: u64,
    /// Commits made.
    pub commits: u64,
    /// The pass was stopped early (its work so far is committed).
    pub interrupted: bool,
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

    /// Whether the pass changed the index.
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0 || self.indexed > 0
    }

    fn skip(&mut self, reason: String) {
        *self.skipped.entry(reason).or_default() += 1;
    }
}

/// Build or update the index of a corpus in one pass.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
    build_until(options, progress, &AtomicBool::new(false))
}

/// [`build`], stopping early (and committing what was done) once `stop` is set.
pub fn build_until(
    options: &BuildOptions,
    progress: &dyn Progress,
    stop: &AtomicBool,
) -> Result<BuildReport> {
    let mut indexer = Indexer::open(options)?;
    let report = match indexer.sync(progress, stop) {
        Ok(report) => report,
        Err(e) => {
            // The error says what went wrong; a failed clean-up would only hide it.
            let _ = indexer.discard_if_new();
            return Err(e);
        }
    };
    if report.articles == 0 && (report.interrupted || report.failed()) {
        indexer.discard_if_new()?;
    } else {
        indexer.close()?;
    }
    Ok(report)
}

/// An index open for writing: holds the writer lock until closed or dropped.
pub(crate) struct Indexer {
    news: NewsIndex,
    writer: IndexWriter<Queued>,
    /// What the documents queued for `writer` hold.
    in_flight: Arc<InFlight>,
    options: BuildOptions,
    pool: rayon::ThreadPool,
    /// The index was emptied for a rebuild and its records are not to be trusted yet.
    cleared: bool,
    /// This run created the index (see [`Created`]).
    created: Option<Created>,
}

/// An index the running build created. A first build that fails, or stops before any article
/// is in, removes it again ([`Indexer::discard_if_new`]): an empty index left behind would
/// answer every search with "no hits" instead of saying that there is no index.
#[derive(Debug, Clone, Copy)]
struct Created {
    /// The index folder did not exist either.
    folder: bool,
}

impl Created {
    /// Remove the index files this run wrote (and the folder, if it made it).
    fn discard(self, path: &Path) -> Result<()> {
        if path.is_dir() {
            super::wipe(path)?;
        }
        if self.folder {
            for lock in [".tantivy-writer.lock", ".tantivy-meta.lock"] {
                let _ = std::fs::remove_file(path.join(lock));
            }
            // Only an empty folder goes: anything else in it is not ours.
            let _ = std::fs::remove_dir(path);
        }
        Ok(())
    }
}

impl Indexer {
    /// Open (or create, or with `rebuild` recreate) the index and take its writer lock.
    pub(crate) fn open(options: &BuildOptions) -> Result<Indexer> {
        let threads = options.threads.clamp(1, budget::MAX_THREADS);
        // tantivy checks the budget only once the index exists: an index it then refused to
        // write would be left behind empty.
        budget::check(threads, options.memory_mb)?;
        super::folders::check(&options.corpus, &options.index)?;
        let path = &options.index;
        let budget = budget::split(options.memory_mb).writer_bytes;
        let mut cleared = false;
        if options.rebuild && path.join("meta.json").is_file() {
            match NewsIndex::open(path) {
                // A readable index is emptied in the first commit: until then searches see the
                // old one.
                Ok(_) => cleared = true,
                Err(Error::IndexVersion { .. } | Error::Engine { .. }) => super::wipe(path)?,
                Err(e) => return Err(e),
            }
        }
        let created = (!path.join("meta.json").is_file()).then(|| Created {
            folder: !path.exists(),
        });
        let start = || -> Result<(NewsIndex, IndexWriter<Queued>, rayon::ThreadPool)> {
            let news = NewsIndex::open_or_create(path)?;
            let writer = news.writer(threads, budget)?;
            if cleared {
                writer.delete_all_documents().map_err(|e| engine(path, e))?;
            }
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| Error::Corpus {
                    path: options.corpus.clone(),
                    reason: format!("cannot start {threads} threads: {e}"),
                })?;
            Ok((news, writer, pool))
        };
        let (news, writer, pool) = match start() {
            Ok(started) => started,
            Err(e) => {
                if let Some(created) = created {
                    // The error says what went wrong; a failed clean-up would hide it.
                    let _ = created.discard(path);
                }
                return Err(e);
            }
        };
        // Side files of bare records that no commit names (an interrupted run's).
        let payload = news
            .index
            .load_metas()
            .map_err(|e| engine(path, e))?
            .payload;
        bare::remove_unnamed(path, payload.as_deref()).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        Ok(Indexer {
            news,
            writer,
            in_flight: InFlight::new(IN_FLIGHT_BYTES),
            options: options.clone(),
            pool,
            cleared,
            created,
        })
    }

    /// Give up: roll back what is not committed and release the writer lock, and if this run
    /// created the index and none of its articles was committed, remove the index again.
    pub(crate) fn discard_if_new(self) -> Result<()> {
        let Indexer {
            news,
            writer,
            created,
            ..
        } = self;
        drop(writer);
        let Some(created) = created else {
            return Ok(());
        };
        let empty = news.index.load_metas().map_or(true, |metas| {
            metas.segments.iter().all(|s| s.num_docs() == 0)
        });
        let path = news.path.clone();
        drop(news);
        if empty {
            created.discard(&path)?;
        }
        Ok(())
    }

    pub(crate) fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Bring the index in line with the corpus: one pass, committed. Once `stop` is set, no
    /// more files are read, and what was done is committed.
    pub(crate) fn sync(
        &mut self,
        progress: &dyn Progress,
        stop: &AtomicBool,
    ) -> Result<BuildReport> {
        let start = Instant::now();
        let mut report = BuildReport::default();
        let survey = self.survey(progress, &mut report)?;
        self.apply(survey, progress, stop, &mut report)?;
        self.cleared = false;
        let payload = self
            .news
            .index
            .load_metas()
            .map_err(|e| engine(&self.news.path, e))?
            .payload;
        bare::remove_unnamed(&self.news.path, payload.as_deref()).map_err(|source| Error::Io {
            path: self.news.path.clone(),
            source,
        })?;
        // The speakers of the committed articles, resolved across the corpus.
        crate::roster::store::update(&self.news.path, &self.news.index)?;
        progress.finish();
        report.seconds = start.elapsed().as_secs_f64();
        Ok(report)
    }

    /// The records of the last commit.
    fn records(&self) -> Result<Records> {
        let path = &self.news.path;
        let reader = self.news.reader()?;
        // The writer lock is held, so the payload and the segments are of one commit.
        let payload = self
            .news
            .index
            .load_metas()
            .map_err(|e| engine(path, e))?
            .payload;
        let bare = Bare::of_commit(path, payload.as_deref());
        Records::open(&reader.searcher(), self.news.fields.path, bare).map_err(|e| engine(path, e))
    }

    /// Compare the corpus with the index's records, without reading any file: the walk (on
    /// the pool) and the records come in the same order and are merged as they come, and
    /// what is to be done is written down in bounded memory.
    fn survey(&self, progress: &dyn Progress, report: &mut BuildReport) -> Result<Survey> {
        let corpus = &self.options.corpus;
        super::folders::check_corpus(corpus)?;
        let records = if self.cleared {
            Records::none()
        } else {
            self.records()?
        };
        let dir = &self.news.path;
        let io = |source| Error::Io {
            path: dir.clone(),
            source,
        };
        let mut planner = Planner {
            kept: Vec::new(),
            vanished: Spill::new(dir),
            error: None,
        };
        let mut reads = Spill::new(dir);
        let mut bytes = 0;
        let (sender, receiver) = mpsc::sync_channel::<Vec<walk::Found>>(WALK_AHEAD);
        let (filter, pool) = (&self.options.filter, &self.pool);
        let merged = std::thread::scope(|scope| -> std::io::Result<()> {
            let walker = scope.spawn(move || {
                let mut chunk = Vec::with_capacity(WALK_CHUNK);
                let ignored = pool.install(|| {
                    walk::stream(corpus, filter, &mut |found| {
                        chunk.push(found);
                        if chunk.len() >= WALK_CHUNK {
                            // The merge stopped on an error: the walk just finishes.
                            let _ = sender.send(std::mem::take(&mut chunk));
                        }
                    })
                });
                let _ = sender.send(chunk);
                ignored
            });
            // Owned here, so that an early return lets a walk blocked on a full channel end.
            let receiver = receiver;
            let mut join = Join::new(&records)?;
            for found in receiver.iter().flatten() {
                let file = match found {
                    walk::Found::File(file) => file,
                    walk::Found::Problem(problem) => {
                        planner.walk_problem(corpus, &problem, progress, report);
                        continue;
                    }
                };
                let meta = sources::meta_fingerprint(file.meta.as_ref());
                match join.find(&file.relative, &mut |gone| planner.unfound(gone))? {
                    Some(recorded) if recorded.stamp == file.stamp && recorded.meta == meta => {
                        report.unchanged += 1
                    }
                    recorded => {
                        let task = Task {
                            articles: recorded.as_ref().map_or(0, |r| r.articles),
                            recorded: recorded.map(|r| records.record(&r)).transpose()?,
                        };
                        bytes += file.stamp.size;
                        reads.push(Planned { file, task })?;
                    }
                }
                if let Some(error) = planner.error.take() {
                    return Err(error);
                }
            }
            join.finish(&mut |gone| planner.unfound(gone))?;
            match walker.join() {
                Ok(ignored) => report.ignored = ignored,
                Err(panic) => std::panic::resume_unwind(panic),
            }
            planner.error.take().map_or(Ok(()), Err)
        });
        merged.map_err(io)?;
        Ok(Survey {
            bare: records.into_bare(),
            reads,
            vanished: planner.vanished,
            bytes,
        })
    }

    /// Carry a survey's plan out: delete what vanished, read what is new or changed on the
    /// pool, and write it here, committing in batches of whole files.
    fn apply(
        &mut self,
        survey: Survey,
        progress: &dyn Progress,
        stop: &AtomicBool,
        report: &mut BuildReport,
    ) -> Result<()> {
        let Survey {
            bare,
            reads,
            vanished,
            bytes,
        } = survey;
        let dir = self.news.path.clone();
        let io = |source| Error::Io {
            path: dir.clone(),
            source,
        };
        progress.begin(reads.len(), bytes);
        let stories_memory = budget::split(self.options.memory_mb).stories_bytes;
        let mut batch = Batch::new(
            &self.news,
            self.cleared,
            Arc::clone(&self.in_flight),
            stories_memory,
            bare,
        )?;
        batch.remove_vanished(&mut self.writer, &self.news, vanished, report)?;
        let mut reads = reads.into_items().map_err(io)?;
        let chunks = std::iter::from_fn(move || {
            let chunk: Vec<std::io::Result<Planned>> =
                reads.by_ref().take(FILES_PER_MESSAGE).collect();
            (!chunk.is_empty()).then_some(chunk)
        });
        let spill_error: Mutex<Option<std::io::Error>> = Mutex::new(None);

        let (sender, receiver) = mpsc::sync_channel::<Message>(MESSAGES_AHEAD);
        let abandoned = AtomicBool::new(false);
        let gate = Gate::new(MESSAGES_AHEAD);
        // The chunks of planned files, numbered in the order of the walk.
        let chunks = Mutex::new(chunks.enumerate());
        let (news, pool, writer, options) =
            (&self.news, &self.pool, &mut self.writer, &self.options);
        let readers = Readers {
            news,
            pool,
            stop,
            abandoned: &abandoned,
            spill_error: &spill_error,
            gate: &gate,
        };
        std::thread::scope(|scope| -> Result<()> {
            let (readers, chunks) = (&readers, &chunks);
            for _ in 0..pool.current_num_threads() {
                let sender = sender.clone();
                scope.spawn(move || {
                    // A reader that panics lets the others go; the scope passes the panic on.
                    let _closing = sequence::Closing::on_panic(readers.gate);
                    loop {
                        let next = chunks.lock().map(|mut chunks| chunks.next());
                        let Ok(Some((number, planned))) = next else {
                            break;
                        };
                        readers.read(number as u64, planned, &sender);
                    }
                });
            }
            drop(sender);
            // However the writer leaves, no reader is left waiting for it.
            let _closing = sequence::Closing::always(&gate);
            let mut order = Reorder::new();
            let mut apply = |outcomes: Vec<Outcome>| -> Result<()> {
                for outcome in outcomes {
                    if outcome.last {
                        progress.advance(outcome.size);
                    }
                    batch.apply(writer, news, outcome, report, progress)?;
                    if batch.due(options) {
                        batch.commit(writer, news)?;
                    }
                }
                Ok(())
            };
            for message in receiver {
                order.arrive(
                    &gate,
                    message.chunk,
                    message.outcomes,
                    message.ends,
                    &mut apply,
                )?;
            }
            debug_assert!(
                order.early() == 0
                    || abandoned.load(Ordering::Relaxed)
                    || stop.load(Ordering::Relaxed)
            );
            Ok(())
        })?;

        if let Some(e) = spill_error.into_inner().ok().flatten() {
            return Err(io(e));
        }
        report.interrupted = stop.load(Ordering::Relaxed);
        if batch.pending {
            batch.commit(writer, news)?;
        }
        report.commits = batch.commits;
        let reader = news.reader()?;
        report.articles = reader.searcher().num_docs();
        Ok(())
    }

    /// Let merges finish and release the writer lock.
    pub(crate) fn close(self) -> Result<()> {
        let path = self.news.path.clone();
        self.writer
            .wait_merging_threads()
            .map_err(|e| engine(&path, e))
    }
}

/// Found files handed from the walk to the merge at once.
const WALK_CHUNK: usize = 256;

/// Chunks of found files the walk may be ahead of the merge.
const WALK_AHEAD: usize = 16;

/// What a pass found before reading anything.
struct Survey {
    /// The records of files without documents, as of the last commit.
    bare: Bare,
    /// Files to read: new ones, and ones whose stamp or metadata entry changed.
    reads: Spill<Planned>,
    /// Recorded sources that are gone.
    vanished: Spill<Gone>,
    /// Bytes of the files to read.
    bytes: u64,
}

/// A file to read.
#[derive(Serialize, Deserialize)]
struct Planned {
    file: walk::SourceFile,
    task: Task,
}

/// What to do with a file that must be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Task {
    /// The recorded version, when the index has one.
    recorded: Option<Record>,
    /// Articles the index holds of the recorded version (0 with a record: a bare file).
    articles: u64,
}

/// A recorded source that is gone from the corpus.
#[derive(Serialize, Deserialize)]
struct Gone {
    path: String,
    /// It has documents to delete (else it is a bare file).
    documents: bool,
}

/// Takes the records the walk did not find.
struct Planner {
    /// Folders the walk could not read: their records are kept.
    kept: Vec<String>,
    vanished: Spill<Gone>,
    error: Option<std::io::Error>,
}

impl Planner {
    /// Report what the walk could not do; records under a folder it could not read are kept,
    /// not taken for vanished (the problem comes before them).
    fn walk_problem(
        &mut self,
        corpus: &Path,
        problem: &walk::WalkProblem,
        progress: &dyn Progress,
        report: &mut BuildReport,
    ) {
        progress.notice(&format!("{}: {}", problem.path.display(), problem.reason));
        match problem.kind {
            walk::ProblemKind::Unreadable => {
                report.skip("unreadable".to_string());
                self.kept.push(relative(corpus, &problem.path));
            }
            walk::ProblemKind::Warning => report.warnings += 1,
        }
    }

    fn unfound(&mut self, recorded: Recorded) {
        if self.kept.iter().any(|k| under(&recorded.path, k)) {
            return;
        }
        let gone = Gone {
            documents: recorded.articles > 0,
            path: recorded.path,
        };
        if let Err(e) = self.vanished.push(gone) {
            self.error.get_or_insert(e);
        }
    }
}

/// What the threads that read files share.
struct Readers<'a> {
    news: &'a NewsIndex,
    /// Where the many articles of a file (the pages of a crawl, the records of a feed) are
    /// read and converted in parallel. Only that work runs on it: a reader may wait.
    pool: &'a rayon::ThreadPool,
    /// Ctrl-C or SIGTERM: stop reading.
    stop: &'a AtomicBool,
    /// The writer failed and returns its error, or the plan could not be read back: finish
    /// quickly.
    abandoned: &'a AtomicBool,
    /// The first error reading the plan back.
    spill_error: &'a Mutex<Option<std::io::Error>>,
    /// Keeps the readers ahead of the writer within bounds.
    gate: &'a Gate,
}

/// What a reader sends the writer: outcomes of a chunk of planned files, in their order.
struct Message {
    /// The chunk's number, in the order of the walk.
    chunk: u64,
    outcomes: Vec<Outcome>,
    /// The chunk's last message.
    ends: bool,
}

impl Readers<'_> {
    /// Read chunk `chunk` of the planned files and send what comes of them to the writer: the
    /// files read whole together, each piece of a file of records on its own, and last a
    /// message that ends the chunk.
    fn read(
        &self,
        chunk: u64,
        planned: Vec<std::io::Result<Planned>>,
        sender: &SyncSender<Message>,
    ) {
        let send = |outcomes: Vec<Outcome>, ends: bool| {
            let message = Message {
                chunk,
                outcomes,
                ends,
            };
            if !self.gate.enter(chunk) || sender.send(message).is_err() {
                self.abandoned.store(true, Ordering::Relaxed);
            }
        };
        let mut outcomes = Vec::with_capacity(planned.len());
        for planned in planned {
            if self.stop.load(Ordering::Relaxed) || self.abandoned.load(Ordering::Relaxed) {
                break;
            }
            let planned = match planned {
                Ok(planned) => planned,
                Err(e) => {
                    self.abandoned.store(true, Ordering::Relaxed);
                    if let Ok(mut slot) = self.spill_error.lock() {
                        slot.get_or_insert(e);
                    }
                    break;
                }
            };
            let file = &planned.file;
            process(self.news, self.pool, file, &planned.task, &mut |outcome| {
                if outcome.first && outcome.last {
                    outcomes.push(outcome);
                    return true;
                }
                // A piece of a file of records travels on its own, after what was gathered
                // before it.
                if !outcomes.is_empty() {
                    send(std::mem::take(&mut outcomes), false);
                }
                send(vec![outcome], false);
                !self.stop.load(Ordering::Relaxed) && !self.abandoned.load(Ordering::Relaxed)
            });
        }
        send(outcomes, true);
    }
}

/// The writer's side of a pass: what is not committed yet.
struct Batch {
    pending: bool,
    /// Files of records whose first pieces were applied and whose last is still to come, with
    /// their documents so far: no commit until they are whole.
    open: HashMap<String, u64>,
    in_flight: Arc<InFlight>,
    bytes: u64,
    since: Instant,
    commits: u64,
    /// Gives the new articles their stories, looked up in the index as the pass found it and
    /// among the pass's own articles.
    stories: Stories,
    /// The bare records as the pass found them...
    bare: Bare,
    /// ...less the paths that changed or vanished since...
    bare_gone: HashSet<String>,
    /// ...with those of the files read since that gave no article.
    bare_new: BTreeMap<String, Record>,
    /// The side file of the pass's last commit.
    bare_written: Option<String>,
}

impl Batch {
    fn new(
        news: &NewsIndex,
        pending: bool,
        in_flight: Arc<InFlight>,
        stories_memory: usize,
        bare: Bare,
    ) -> Result<Batch> {
        let reader = news.reader()?;
        let stories = Stories::new(reader.searcher(), stories_memory);
        Ok(Batch {
            pending,
            open: HashMap::new(),
            in_flight,
            bytes: 0,
            since: Instant::now(),
            commits: 0,
            stories,
            bare,
            bare_gone: HashSet::new(),
            bare_new: BTreeMap::new(),
            bare_written: None,
        })
    }

    fn due(&self, options: &BuildOptions) -> bool {
        self.pending
            && self.open.is_empty()
            && (self.bytes >= options.commit_bytes
                || self.since.elapsed() >= options.commit_interval)
    }

    /// Delete the record of `path`: its documents, if it has any, or its bare record.
    fn forget(
        &mut self,
        writer: &mut IndexWriter<Queued>,
        news: &NewsIndex,
        path: &str,
        documents: bool,
        bare: bool,
    ) {
        if documents {
            writer.delete_term(Term::from_field_text(news.fields.path, path));
        }
        if bare {
            self.bare_gone.insert(path.to_string());
        }
        self.bare_new.remove(path);
        self.pending = true;
    }

    /// Delete the records of the sources that vanished from the corpus.
    fn remove_vanished(
        &mut self,
        writer: &mut IndexWriter<Queued>,
        news: &NewsIndex,
        vanished: Spill<Gone>,
        report: &mut BuildReport,
    ) -> Result<()> {
        let io = |source| Error::Io {
            path: news.path.clone(),
            source,
        };
        for gone in vanished.into_items().map_err(io)? {
            let gone = gone.map_err(io)?;
            self.forget(writer, news, &gone.path, gone.documents, !gone.documents);
            report.removed += 1;
        }
        Ok(())
    }

    /// Apply what was read of one file (or one piece of it): its old documents go with its
    /// first piece, its new ones come, in this batch, and its record comes with its last piece.
    fn apply(
        &mut self,
        writer: &mut IndexWriter<Queued>,
        news: &NewsIndex,
        outcome: Outcome,
        report: &mut BuildReport,
        progress: &dyn Progress,
    ) -> Result<()> {
        if outcome.last {
            report.bytes += outcome.size;
            self.bytes += outcome.size;
        }
        if outcome.first {
            self.first_piece(writer, news, &outcome, report, progress);
        }
        let Read::Content(Source { path, record }) = outcome.result else {
            // An unreadable or unchanged file comes in one piece, the first, counted above.
            return Ok(());
        };
        match outcome.articles {
            Articles::Skipped(skip) => {
                if outcome.appended.is_some() {
                    self.forget(writer, news, &path, true, false);
                }
                progress.notice(&format!("skipped {path}: {skip}"));
                report.skip(skip.label().to_string());
                self.open.remove(&path);
                self.bare_new.insert(path, record);
            }
            Articles::Abandoned => {
                // Half a file is not kept: with no record, the next pass reads it again (a
                // file that grew, all of it).
                self.forget(writer, news, &path, true, false);
                self.open.remove(&path);
            }
            Articles::Documents {
                docs,
                warnings,
                passed_over,
            } => {
                for warning in &warnings {
                    progress.notice(warning);
                }
                report.warnings += warnings.len() as u64;
                for (kind, n) in passed_over {
                    *report.passed_over.entry(kind).or_default() += n;
                }
                let n = self.add_documents(writer, news, docs)?;
                report.indexed += n;
                progress.indexed(n);
                let so_far = self.open.remove(&path).unwrap_or(0) + n;
                let total = so_far + outcome.appended.unwrap_or(0);
                if !outcome.last {
                    self.open.insert(path, so_far);
                } else if total == 0 {
                    self.bare_new.insert(path, record);
                }
            }
        }
        Ok(())
    }

    /// What the first piece of a file says of the whole: that it could not be read, or is
    /// unchanged, or how it compares with its record; and the file's old documents (or bare
    /// record) go, unless it only grew.
    fn first_piece(
        &mut self,
        writer: &mut IndexWriter<Queued>,
        news: &NewsIndex,
        outcome: &Outcome,
        report: &mut BuildReport,
        progress: &dyn Progress,
    ) {
        let source = match &outcome.result {
            Read::Unreadable(why) => {
                progress.notice(&format!("skipped {}: unreadable: {why}", outcome.path));
                report.skip("unreadable".to_string());
                return;
            }
            Read::Same => {
                report.files += 1;
                report.unchanged += 1;
                return;
            }
            Read::Content(source) => source,
        };
        report.files += 1;
        if outcome.appended.is_some() {
            // Its old documents stay; the appended records come in.
            report.updated += 1;
            self.pending = true;
            return;
        }
        match &outcome.recorded {
            None => report.added += 1,
            Some(old) if old.hash != source.record.hash || old.meta != source.record.meta => {
                report.updated += 1
            }
            Some(_) => report.unchanged += 1,
        }
        let (documents, bare) = (outcome.articles_before > 0, outcome.recorded.is_some());
        self.forget(writer, news, &source.path, documents, bare && !documents);
    }

    /// Give each new document its story and hand it to the writer; how many there were.
    fn add_documents(
        &mut self,
        writer: &mut IndexWriter<Queued>,
        news: &NewsIndex,
        docs: Vec<(TantivyDocument, Sketch)>,
    ) -> Result<u64> {
        let n = docs.len() as u64;
        for (mut doc, sketch) in docs {
            let id = schema::article_id(&news.fields, &doc);
            let story = self
                .stories
                .assign(&id, &sketch)
                .map_err(|e| engine(&news.path, e))?;
            doc.add_u64(news.fields.story, story);
            if let Err(e) = writer.add_document(self.in_flight.admit(doc)) {
                // An indexing thread failed (a full disk, say). Joining the threads, as
                // preparing a commit does, gives its own error, which says why.
                let cause = writer.prepare_commit().err().unwrap_or(e);
                return Err(engine(&news.path, cause));
            }
        }
        Ok(n)
    }

    /// Commit, with the side file of the records of files without documents written first
    /// and named by the payload.
    fn commit(&mut self, writer: &mut IndexWriter<Queued>, news: &NewsIndex) -> Result<()> {
        let io = |source| Error::Io {
            path: news.path.clone(),
            source,
        };
        let mut prepared = writer.prepare_commit().map_err(|e| engine(&news.path, e))?;
        let payload = self
            .bare
            .commit_payload(&news.path, &self.bare_gone, &self.bare_new)
            .map_err(io)?;
        prepared.set_payload(&payload);
        prepared.commit().map_err(|e| engine(&news.path, e))?;
        // The side file of the pass's previous commit is named by no commit any more (that
        // of the commit the pass started from is still read, until the pass ends).
        let written = Bare::of_commit(&news.path, Some(&payload)).file_name();
        if let Some(old) = self.bare_written.take()
            && written.as_deref() != Some(&old)
            && self.bare.file_name().as_deref() != Some(&old)
        {
            let _ = std::fs::remove_file(news.path.join(old));
        }
        self.bare_written = written;
        self.pending = false;
        self.bytes = 0;
        self.since = Instant::now();
        self.commits += 1;
        Ok(())
    }
}

/// One file, or one piece of a file of records, read and extracted, on its way to the writer.
struct Outcome {
    path: String,
    size: u64,
    recorded: Option<Record>,
    /// Articles the index holds of the recorded version.
    articles_before: u64,
    result: Read,
    articles: Articles,
    /// The first piece of the file (a file read whole is one piece, first and last).
    first: bool,
    /// The last piece of the file.
    last: bool,
    /// The file only grew by appended records, which these are: the index keeps this many
    /// articles of its recorded version.
    appended: Option<u64>,
}

enum Read {
    /// The file could not be read: its old documents stay.
    Unreadable(String),
    /// Same content and stamp as recorded: nothing to do.
    Same,
    /// Content to (re-)index under this record.
    Content(Source),
}

enum Articles {
    Skipped(Skip),
    Documents {
        /// The documents, each with its story sketch (its story is given by the writer).
        docs: Vec<(TantivyDocument, Sketch)>,
        warnings: Vec<String>,
        passed_over: BTreeMap<String, u64>,
    },
    /// Reading stopped part-way through a file of records (an interruption): the documents of
    /// its earlier pieces are to be deleted.
    Abandoned,
}

impl Articles {
    fn documents(
        news: &NewsIndex,
        pool: &rayon::ThreadPool,
        read: ingest::read::FileArticles,
        source: &Source,
    ) -> Articles {
        let convert = |raw: &RawArticle| {
            let article = ingest::prepare(raw);
            let sketch = Sketch::of(&article);
            let doc = schema::to_document(&news.fields, article, &sketch, source);
            (doc, sketch)
        };
        Articles::Documents {
            // The articles of one file of records are many: they are converted on the pool.
            docs: match read.articles.as_slice() {
                few @ ([] | [_]) => few.iter().map(convert).collect(),
                many => pool.install(|| many.par_iter().map(convert).collect()),
            },
            warnings: read.warnings,
            passed_over: read.passed_over,
        }
    }
}

/// Hash, and (when it changed) read, clean, extract and convert one file, handing what comes
/// of it to `emit`: once, or piece by piece for a file of records, while `emit` answers `true`.
fn process(
    news: &NewsIndex,
    pool: &rayon::ThreadPool,
    file: &walk::SourceFile,
    task: &Task,
    emit: &mut dyn FnMut(Outcome) -> bool,
) {
    let stamp = file.stamp;
    let mut outcome = Outcome {
        path: file.relative.clone(),
        size: stamp.size,
        recorded: task.recorded.clone(),
        articles_before: task.articles,
        result: Read::Same,
        articles: Articles::Documents {
            docs: Vec::new(),
            warnings: Vec::new(),
            passed_over: BTreeMap::new(),
        },
        first: true,
        last: true,
        appended: None,
    };
    let meta = sources::meta_fingerprint(file.meta.as_ref());
    let grown = grown_by(file, task, meta);
    let streamed = read::is_streamed(file);
    // A document is read once, for its hash and (when that changed) for its articles. A file
    // not read whole (too large, binary, or a stream of records) is hashed as it streams by.
    let loaded = if streamed {
        Err(Skip::Empty)
    } else {
        read::load(file)
    };
    let hash = match content_hash(file, &loaded, grown.as_ref()) {
        Ok(hash) => hash,
        Err(why) => {
            outcome.result = Read::Unreadable(why);
            emit(outcome);
            return;
        }
    };
    let record = Record { stamp, meta, hash };
    // The same content under a new stamp is indexed again all the same, to record the stamp:
    // otherwise the file would be read and hashed on every pass.
    if task.recorded.as_ref() == Some(&record) {
        emit(outcome);
        return;
    }
    let source = Source {
        path: file.relative.clone(),
        record,
    };
    if streamed {
        process_pieces(news, pool, file, task, &source, grown.as_ref(), emit);
        return;
    }
    outcome.articles = match loaded.and_then(|bytes| read::parse(file, bytes)) {
        Err(skip) => Articles::Skipped(skip),
        Ok(read) => Articles::documents(news, pool, read, &source),
    };
    outcome.result = Read::Content(source);
    emit(outcome);
}

/// The recorded size and the new hash of a file of records that only grew since its record
/// (same metadata, its recorded bytes unchanged): it is hashed once, and only its new records
/// are read.
fn grown_by(file: &walk::SourceFile, task: &Task, meta: u64) -> Option<(u64, String)> {
    match &task.recorded {
        Some(old) if old.meta == meta && read::can_resume(file) => {
            sources::grown(&file.path, old, file.stamp.size)
                .ok()
                .flatten()
                .map(|hash| (old.stamp.size, hash))
        }
        _ => None,
    }
}

/// The hash of a file's content: the one found for a file that grew, else that of the bytes
/// loaded, else (a file not loaded whole) of the file read as a stream; or why it cannot be read.
fn content_hash(
    file: &walk::SourceFile,
    loaded: &Result<Vec<u8>, Skip>,
    grown: Option<&(u64, String)>,
) -> Result<String, String> {
    match (loaded, grown) {
        (_, Some((_, hash))) => Ok(hash.clone()),
        (Ok(bytes), _) => Ok(sources::hash_bytes(bytes)),
        (Err(Skip::Unreadable(why)), _) => Err(why.clone()),
        (Err(_), _) => sources::content_hash(&file.path).map_err(|e| e.to_string()),
    }
}

/// Read a file of records piece by piece (only its appended records, when it `grown`),
/// handing each piece to `emit` while it answers `true`; the last piece says it is the last.
fn process_pieces(
    news: &NewsIndex,
    pool: &rayon::ThreadPool,
    file: &walk::SourceFile,
    task: &Task,
    source: &Source,
    grown: Option<&(u64, String)>,
    emit: &mut dyn FnMut(Outcome) -> bool,
) {
    // Each piece is held back until the next one comes, so that the last can say it is.
    let mut held: Option<Outcome> = None;
    let mut sent = false;
    let mut go_on = true;
    let piece = |articles: Articles, first: bool| Outcome {
        path: file.relative.clone(),
        size: file.stamp.size,
        recorded: task.recorded.clone(),
        articles_before: task.articles,
        result: Read::Content(source.clone()),
        articles,
        first,
        last: false,
        appended: grown.map(|_| task.articles),
    };
    let mut sink = |read| {
        if let Some(before) = held.take() {
            sent = true;
            go_on = emit(before);
        }
        held = Some(piece(Articles::documents(news, pool, read, source), !sent));
        go_on
    };
    let read = match grown {
        Some((from, _)) => read::read_appended(file, *from, Some(pool), &mut sink),
        None => read::read_pieces(file, Some(pool), &mut sink),
    };
    let last = match (read, held) {
        (Err(skip), _) => Some(piece(Articles::Skipped(skip), true)),
        (Ok(()), Some(held)) if go_on => Some(held),
        // Stopped part-way: what was sent is taken back, and nothing if nothing was.
        (Ok(()), _) => sent.then(|| piece(Articles::Abandoned, false)),
    };
    if let Some(mut last) = last {
        last.last = true;
        emit(last);
    }
}

/// Whether `path` is `prefix` or lies below it (corpus-relative paths; `""` is the root).
fn under(path: &str, prefix: &str) -> bool {
    prefix.is_empty()
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// `path` relative to `corpus`, with `/` separators.
pub(super) fn relative(corpus: &Path, path: &Path) -> String {
    path.strip_prefix(corpus)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lie_under_their_folders_only() {
        assert!(under("a/b.txt", "a"));
        assert!(under("a", "a"));
        assert!(under("x.txt", ""));
        assert!(!under("ab/c.txt", "a"));
    }
}
