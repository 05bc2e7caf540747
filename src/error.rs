//! Typed errors of the library: the user's mistakes apart from internal faults.

use std::path::PathBuf;

/// An error newsdex reports to its user.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No index at the given place.
    #[error("no index at {}", .0.display())]
    IndexMissing(PathBuf),
    /// Another process holds the index writer lock.
    #[error("index {} is being written by another newsdex process", .0.display())]
    IndexLocked(PathBuf),
    /// The index was written by an incompatible version of newsdex.
    #[error("index {} was written by an incompatible newsdex (schema version {found}, this one reads {expected})", .path.display())]
    IndexVersion {
        path: PathBuf,
        found: String,
        expected: u32,
    },
    /// The index folder holds something other than a newsdex index (or is a file).
    #[error("index folder {}: {reason}", .path.display())]
    NotAnIndex { path: PathBuf, reason: String },
    /// The index folder is the corpus folder or lies inside it.
    #[error("index {} {reason} {}", .index.display(), .corpus.display())]
    IndexInCorpus {
        index: PathBuf,
        corpus: PathBuf,
        reason: &'static str,
    },
    /// The corpus folder cannot be used.
    #[error("corpus {}: {reason}", .path.display())]
    Corpus { path: PathBuf, reason: String },
    /// The query cannot be parsed or names something unknown.
    #[error("query {query:?}: {reason}")]
    Query { query: String, reason: String },
    /// `newsdex show PATH` where the file holds several articles.
    #[error("{path:?} is the path of {count} articles")]
    SeveralArticles {
        path: String,
        count: usize,
        /// The first of their ids.
        ids: Vec<String>,
    },
    /// A filter value the user gave is malformed (`--since 2024-13`).
    #[error("{option} {value:?}: {reason}")]
    BadOption {
        option: &'static str,
        value: String,
        reason: String,
    },
    /// The index writer's memory budget (`--memory-mb`) is more or less than its threads can
    /// share.
    #[error(
        "--memory-mb {memory_mb}: with {threads} indexing thread{} the budget must be {min} to {max} MB",
        if *.threads == 1 { "" } else { "s" }
    )]
    MemoryBudget {
        memory_mb: usize,
        threads: usize,
        min: usize,
        max: usize,
    },
    /// Two options that ask for different things (`--recency` with `--sort newest`).
    #[error("{first} does not go with {second}: {reason}")]
    Incompatible {
        first: String,
        second: String,
        reason: &'static str,
    },
    /// `--since` falls after `--until`: no day is in the period.
    #[error("--since {since:?} ({since_day}) is after --until {until:?} ({until_day})")]
    ReversedPeriod {
        since: String,
        since_day: chrono::NaiveDate,
        until: String,
        until_day: chrono::NaiveDate,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The search engine failed.
    #[error("index {}: {source}", .path.display())]
    Engine {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
}

impl Error {
    /// A hint the user can act on, where one helps.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::IndexMissing(path) => Some(format!(
                "build it with `newsdex index --index {} --corpus DIR`",
                path.display()
            )),
            Error::NotAnIndex { .. } => {
                Some("give --index a new or empty folder, or an existing newsdex index".to_string())
            }
            Error::IndexInCorpus { .. } => Some(
                "keep the index outside the corpus folder: its files are not articles".to_string(),
            ),
            Error::IndexLocked(_) => Some(
                "wait for the other `newsdex index` to finish; searches keep working meanwhile"
                    .to_string(),
            ),
            Error::IndexVersion { .. } => {
                Some("rebuild it with `newsdex index --rebuild`".to_string())
            }
            Error::Query { reason, .. } if reason.starts_with("unknown field") => Some(format!(
                "fields: {}",
                crate::search::query::QUERY_FIELDS.join(", ")
            )),
            Error::Query { reason, .. } if reason.contains("quote") => {
                Some("close the phrase with a second `\"`".to_string())
            }
            Error::MemoryBudget { .. } => Some(format!(
                "each indexing thread takes {} to {} MB; --threads changes their number",
                crate::index::budget::MIN_MB_PER_THREAD,
                crate::index::budget::range(1).end()
            )),
            Error::ReversedPeriod { .. } => Some("swap the two dates".to_string()),
            Error::SeveralArticles { ids, count, .. } => Some(format!(
                "show one by its id: {}{}",
                ids.join(", "),
                if *count > ids.len() { ", …" } else { "" }
            )),
            Error::BadOption {
                option: "--recency",
                ..
            } => Some("a half-life is a number and a unit: 30d, 2w, 6m or 1y".to_string()),
            Error::BadOption {
                option: "--mentions",
                ..
            } => Some("dates are written YYYY-MM-DD, YYYY-MM or YYYY, spans FROM..TO".to_string()),
            Error::BadOption { .. } => {
                Some("dates are written YYYY-MM-DD, YYYY-MM or YYYY".to_string())
            }
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
