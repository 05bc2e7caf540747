//! Streaming records out of an index or out of a corpus, in memory that does not grow with it.
//!
//! From an index, documents are read segment by segment from tantivy's doc store, one at a time.
//! From a corpus, files are read, cleaned and extracted on a thread pool a window at a time and
//! handed on in corpus order, so at most one window of files is held in memory.

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use rayon::prelude::*;
use tantivy::TantivyDocument;
use tantivy::schema::{Field, Value};

use crate::article::Article;
use crate::error::Error;
use crate::index::build::Progress;
use crate::index::engine;
use crate::index::schema::{self, Fields};
use crate::ingest::{self, read, walk};
use crate::search::Engine;
use crate::search::prefix::PathFilter;

use super::record::Record;

/// Files read in parallel before their records are written; bounds memory to this many files
/// per thread.
const FILES_PER_THREAD_IN_FLIGHT: usize = 8;

/// Decompressed doc store blocks kept while reading a segment (reading is sequential).
const STORE_CACHE_BLOCKS: usize = 4;

/// Which publication days to export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Period {
    /// On or after this day.
    pub since: Option<NaiveDate>,
    /// On or before this day.
    pub until: Option<NaiveDate>,
}

impl Period {
    /// Whether an article published on `day` is in the period; an undated article is only in an
    /// unbounded one (as with `search --since/--until`).
    pub(crate) fn contains(&self, day: Option<NaiveDate>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        day.is_some_and(|d| self.since.is_none_or(|s| d >= s) && self.until.is_none_or(|u| d <= u))
    }
}

/// Which articles to export: those of a period, under a folder of the corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Selection {
    pub period: Period,
    /// `--path`: only the articles it keeps.
    pub folder: Option<PathFilter>,
}

impl Selection {
    /// Whether a record is exported; one left out is counted in the report.
    fn takes(&self, record: &Record, report: &mut ExportReport) -> bool {
        if self.folder.as_ref().is_some_and(|f| !f.keeps(&record.path)) {
            report.outside_folder += 1;
            false
        } else if !self
            .period
            .contains(record.published.map(|d| d.date_naive()))
        {
            report.outside_period += 1;
            false
        } else {
            true
        }
    }
}

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ExportReport {
    /// Records handed to the sink.
    pub exported: u64,
    /// Articles left out by the period.
    pub outside_period: u64,
    /// Articles left out by the folder (`--path`).
    pub outside_folder: u64,
    /// Corpus files that gave no article (empty, binary, unreadable).
    pub skipped_files: u64,
    /// Problems that cost part of a file (lossy decoding, a broken JSON line).
    pub warnings: u64,
    pub seconds: f64,
}

/// Stream every live document of an open index (as of its last commit) as a record, segment by
/// segment.
///
/// `sink` receives the records in doc store order; its error stops the export and is returned.
pub(crate) fn from_index<E: From<Error>>(
    index: &Engine,
    selection: &Selection,
    progress: &dyn Progress,
    mut sink: impl FnMut(Record) -> Result<(), E>,
) -> Result<ExportReport, E> {
    let started = Instant::now();
    let news = index.index();
    let path = &news.path;
    let searcher = index.reader().searcher();
    // Indexes written before the schema stored bylines have no such field: their records say null.
    let author = news.index.schema().get_field("author").ok();
    let roster = index.roster()?;
    let mut report = ExportReport::default();
    progress.begin(searcher.num_docs(), 0);
    for segment in searcher.segment_readers() {
        let store = segment
            .get_store_reader(STORE_CACHE_BLOCKS)
            .map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
        for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
            let doc = doc.map_err(|e| engine(path, e))?;
            progress.advance(0);
            let mut record = record_of(&news.fields, author, &doc);
            record.resolve(roster);
            if selection.takes(&record, &mut report) {
                sink(record)?;
                report.exported += 1;
            }
        }
    }
    progress.finish();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The record of a stored document.
fn record_of(fields: &Fields, author: Option<Field>, doc: &TantivyDocument) -> Record {
    let first = |field: Field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let article = Article {
        id: schema::article_id(fields, doc),
        path: first(fields.path).unwrap_or_default(),
        title: first(fields.title).unwrap_or_default(),
        body: first(fields.body).unwrap_or_default(),
        published: doc
            .get_first(fields.published)
            .and_then(|v| v.as_datetime())
            .and_then(schema::datetime_to_day),
        url: first(fields.url),
        author: author.and_then(first),
        links: doc
            .get_all(fields.link)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        entities: schema::stored_entities(fields, doc),
    };
    let mut record = Record::from(article);
    record.story = schema::stored_story(fields, doc).map(crate::stories::display);
    record
}

/// The records of one corpus file, and what to tell the user about it.
struct FileRecords {
    records: Vec<Record>,
    notices: Vec<String>,
    skipped: bool,
    bytes: u64,
}

fn read_records(file: &walk::SourceFile) -> FileRecords {
    match read::read_file(file) {
        Err(skip) => FileRecords {
            records: Vec::new(),
            notices: vec![format!("skipped {}: {skip}", file.relative)],
            skipped: true,
            bytes: file.stamp.size,
        },
        Ok(read) => FileRecords {
            records: read
                .articles
                .iter()
                .map(|raw| Record::from(ingest::prepare(raw)))
                .collect(),
            notices: read.warnings,
            skipped: false,
            bytes: file.stamp.size,
        },
    }
}

/// Read, clean and extract a corpus on `threads` threads and stream its records in corpus order
/// (files sorted by path, articles in file order).
pub(crate) fn from_corpus<E: From<Error>>(
    corpus: &Path,
    threads: usize,
    selection: &Selection,
    progress: &dyn Progress,
    mut sink: impl FnMut(Record) -> Result<(), E>,
) -> Result<ExportReport, E> {
    let started = Instant::now();
    crate::index::folders::check_corpus(corpus)?;
    let threads = threads.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Corpus {
            path: corpus.to_path_buf(),
            reason: format!("cannot start {threads} threads: {e}"),
        })?;
    let (files, problems) = walk::files(corpus);
    let mut report = ExportReport::default();
    for problem in &problems {
        progress.notice(&format!("{}: {}", problem.path.display(), problem.reason));
        match problem.kind {
            walk::ProblemKind::Unreadable => report.skipped_files += 1,
            walk::ProblemKind::Warning => report.warnings += 1,
        }
    }
    progress.begin(files.len() as u64, files.iter().map(|f| f.stamp.size).sum());
    for window in files.chunks(threads * FILES_PER_THREAD_IN_FLIGHT) {
        let done: Vec<FileRecords> = pool.install(|| window.par_iter().map(read_records).collect());
        for file in done {
            for notice in &file.notices {
                progress.notice(notice);
            }
            if file.skipped {
                report.skipped_files += 1;
            } else {
                report.warnings += file.notices.len() as u64;
            }
            for record in file.records {
                if selection.takes(&record, &mut report) {
                    sink(record)?;
                    report.exported += 1;
                }
            }
            progress.advance(file.bytes);
        }
    }
    progress.finish();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Entities, MentionedDate, Person, Place, Quote};
    use crate::index::NewsIndex;
    use crate::index::build::Silent;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn an_unbounded_period_takes_every_article_even_undated_ones() {
        let all = Period::default();
        assert!(all.contains(None));
        assert!(all.contains(Some(day("1900-01-01"))));
    }

    #[test]
    fn a_bounded_period_includes_its_ends_and_leaves_undated_articles_out() {
        let p = Period {
            since: Some(day("2019-02-01")),
            until: Some(day("2019-02-28")),
        };
        assert!(p.contains(Some(day("2019-02-01"))));
        assert!(p.contains(Some(day("2019-02-28"))));
        assert!(!p.contains(Some(day("2019-01-31"))));
        assert!(!p.contains(Some(day("2019-03-01"))));
        assert!(!p.contains(None));
        let open_end = Period {
            since: Some(day("2019-02-01")),
            until: None,
        };
        assert!(open_end.contains(Some(day("2030-01-01"))));
        assert!(!open_end.contains(None));
    }

    fn article(id: &str, published: Option<&str>) -> Article {
        let body = "\"We are ready,\" Jane Smith said in Leeds on Monday.".to_string();
        Article {
            id: id.into(),
            path: format!("{id}.txt"),
            title: format!("Title {id}"),
            published: published.map(day),
            url: Some(format!("https://news.example/{id}")),
            author: Some("Ann".into()),
            links: vec![
                "https://news.example/a".into(),
                "https://news.example/b".into(),
            ],
            entities: Entities {
                speakers: vec![Person {
                    name: "Jane Smith".into(),
                    mentions: vec!["Jane Smith".into()],
                }],
                organisations: vec![],
                persons: vec![Person {
                    name: "Jane Smith".into(),
                    mentions: vec!["Jane Smith".into(), "Smith".into()],
                }],
                locations: vec![Place {
                    name: "Leeds".into(),
                    country: Some("GB".into()),
                    mentions: vec!["Leeds".into()],
                }],
                dates: vec![MentionedDate {
                    value: day("2019-01-07"),
                    mentions: vec!["Monday".into()],
                }],
                quotes: vec![Quote {
                    speaker: "Jane Smith".into(),
                    text: "\"We are ready,\"".into(),
                    start: 0,
                    end: 15,
                }],
            },
            body,
        }
    }

    fn write_index(dir: &Path, articles: &[Article]) -> Engine {
        let news = NewsIndex::open_or_create(dir).unwrap();
        let mut writer: tantivy::IndexWriter =
            news.index.writer_with_num_threads(1, 15_000_000).unwrap();
        for a in articles {
            writer
                .add_document(schema::to_document(
                    &news.fields,
                    a.clone(),
                    &crate::stories::Sketch::of(a),
                    &crate::index::sources::Source {
                        path: a.path.clone(),
                        ..Default::default()
                    },
                ))
                .unwrap();
        }
        writer.commit().unwrap();
        Engine::open(dir).unwrap()
    }

    fn export_index(news: &Engine, period: Period) -> (Vec<Record>, ExportReport) {
        let mut records = Vec::new();
        let selection = Selection {
            period,
            folder: None,
        };
        let report = from_index::<Error>(news, &selection, &Silent, |r| {
            records.push(r);
            Ok(())
        })
        .unwrap();
        (records, report)
    }

    #[test]
    fn an_index_gives_back_every_stored_field_and_entity() {
        let dir = tempfile::tempdir().unwrap();
        let stored = article("a", Some("2019-01-08"));
        let news = write_index(dir.path(), std::slice::from_ref(&stored));
        let (records, report) = export_index(&news, Period::default());
        // The schema stores no byline: the index cannot give it back.
        let mut expected = Record::from(Article {
            author: None,
            ..stored
        });
        expected.resolve(news.roster().unwrap());
        assert!(expected.speakers.iter().all(|s| s.entity.is_some()));
        assert_eq!(records, [expected]);
        assert_eq!(report.exported, 1);
    }

    #[test]
    fn an_index_export_leaves_out_articles_outside_the_period() {
        let dir = tempfile::tempdir().unwrap();
        let news = write_index(
            dir.path(),
            &[
                article("jan", Some("2019-01-08")),
                article("feb", Some("2019-02-08")),
                article("undated", None),
            ],
        );
        let feb = Period {
            since: Some(day("2019-02-01")),
            until: None,
        };
        let (records, report) = export_index(&news, feb);
        assert_eq!(
            records.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["feb"]
        );
        assert_eq!((report.exported, report.outside_period), (1, 2));
    }

    #[test]
    fn a_sink_error_stops_the_export() {
        let dir = tempfile::tempdir().unwrap();
        let news = write_index(dir.path(), &[article("a", None), article("b", None)]);
        let mut calls = 0;
        let result = from_index(&news, &Selection::default(), &Silent, |_| {
            calls += 1;
            Err(Error::Corpus {
                path: "out".into(),
                reason: "closed".into(),
            })
        });
        assert!(result.is_err());
        assert_eq!(calls, 1);
    }
}
