//! Typed errors of the library: the user's mistakes apart from internal faults.
//!
//! Each variant carries what its hint needs, and [`Error::hint`] chooses the hint by variant,
//! never by the text of a message. This module depends on no other of the crate, so every
//! module can return its errors.

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
    #[error("query {query:?}: {problem}")]
    Query {
        query: String,
        problem: QueryProblem,
    },
    /// `newsdex show PATH` where the file holds several articles.
    #[error("{path:?} is the path of {count} articles")]
    SeveralArticles {
        path: String,
        count: usize,
        /// The first of their ids.
        ids: Vec<String>,
    },
    /// A value the user gave an option is malformed, and no hint helps.
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
    /// A date option's value is no date (`--since 2024-13`).
    #[error("{option} {value:?}: {reason}")]
    BadDate {
        option: &'static str,
        value: String,
        reason: String,
    },
    /// A span option's value is no span of days (`--mentions 2025-02-30`).
    #[error("{option} {value:?}: {reason}")]
    BadSpan {
        option: &'static str,
        value: String,
        reason: String,
    },
    /// `--recency` is no half-life (`--recency 3x`).
    #[error("--recency {value:?}: {reason}")]
    BadHalfLife { value: String, reason: String },
    /// A line of a `bench` query file cannot be read; `line` counts from 1 (0: the whole file).
    #[error("--queries {:?}: {problem}", format!("{}:{}", .path.display(), .line))]
    BadQueryFile {
        path: PathBuf,
        line: usize,
        problem: QueryFileProblem,
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
            Error::Query { problem, .. } => problem.hint(),
            Error::MemoryBudget {
                threads, min, max, ..
            } => Some(format!(
                "each indexing thread takes {} to {} MB; --threads changes their number",
                min / (*threads).max(1),
                max / (*threads).max(1)
            )),
            Error::ReversedPeriod { .. } => Some("swap the two dates".to_string()),
            Error::SeveralArticles { ids, count, .. } => Some(format!(
                "show one by its id: {}{}",
                ids.join(", "),
                if *count > ids.len() { ", …" } else { "" }
            )),
            Error::BadDate { .. } => Some(DATE_FORMS.to_string()),
            Error::BadSpan { .. } => Some(SPAN_FORMS.to_string()),
            Error::BadHalfLife { .. } => {
                Some("a half-life is a number and a unit: 30d, 2w, 6m or 1y".to_string())
            }
            Error::BadQueryFile { problem, .. } => problem.hint(),
            Error::Corpus { .. }
            | Error::BadOption { .. }
            | Error::Incompatible { .. }
            | Error::Io { .. }
            | Error::Engine { .. } => None,
        }
    }
}

/// How dates are written, for the hints of date options.
const DATE_FORMS: &str = "dates are written YYYY-MM-DD, YYYY-MM or YYYY";

/// How spans of days are written, for the hints of span options.
const SPAN_FORMS: &str = "dates are written YYYY-MM-DD, YYYY-MM or YYYY, spans FROM..TO";

/// What is wrong with a query.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryProblem {
    /// Punctuation alone (`&`, `--`): nothing to look for.
    #[error("nothing to look for: punctuation alone is not searched")]
    OnlyPunctuation,
    /// A quote search with neither words nor a speaker.
    #[error("no words to look for: give some, or a --speaker")]
    NoWords,
    /// An opening parenthesis without its closing one; `at` counts characters from 1.
    #[error("unclosed `(` at character {at}")]
    UnclosedParenthesis { at: usize },
    /// A closing parenthesis that closes nothing.
    #[error("`)` at character {at} closes nothing")]
    StrayParenthesis { at: usize },
    /// A phrase opened by `quote` and never closed.
    #[error("unclosed quote `{quote}` at character {at}")]
    UnclosedQuote { quote: char, at: usize },
    /// An odd number of `"` in the query as the engine reads it.
    #[error("unbalanced quote")]
    UnbalancedQuotes,
    /// Parentheses nested deeper than `limit`.
    #[error("parentheses nested more than {limit} deep")]
    TooDeep { limit: usize },
    /// `field:` names no field a query may name; `known` are those it may.
    #[error("unknown field `{field}`")]
    UnknownField {
        field: String,
        known: &'static [&'static str],
    },
    /// What the query asks of a field cannot be done (`title:*`).
    #[error("not supported: {0}")]
    Unsupported(String),
    /// Any other reason the search engine's parser gives, in words.
    #[error("{0}")]
    Other(String),
}

impl QueryProblem {
    /// A hint the user can act on, where one helps.
    pub fn hint(&self) -> Option<String> {
        match self {
            QueryProblem::UnknownField { known, .. } => {
                Some(format!("fields: {}", known.join(", ")))
            }
            QueryProblem::UnclosedQuote { .. } | QueryProblem::UnbalancedQuotes => {
                Some("close the phrase with a second `\"`".to_string())
            }
            QueryProblem::OnlyPunctuation
            | QueryProblem::NoWords
            | QueryProblem::UnclosedParenthesis { .. }
            | QueryProblem::StrayParenthesis { .. }
            | QueryProblem::TooDeep { .. }
            | QueryProblem::Unsupported(_)
            | QueryProblem::Other(_) => None,
        }
    }
}

/// What is wrong with a line of a `bench` query file (or with the whole file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryFileProblem {
    /// The file holds no query, only blank and comment lines.
    #[error("no query in the file")]
    NoQuery,
    /// The options after the query cannot be read (an unknown option, a missing value); the
    /// reason names it.
    #[error("{reason}")]
    Options {
        reason: String,
        /// The options a query line may have.
        known: &'static [&'static str],
    },
    /// `--since` or `--until` is no date.
    #[error("{0}")]
    BadDate(String),
    /// `--mentions` is no span of days.
    #[error("{0}")]
    BadSpan(String),
}

impl QueryFileProblem {
    /// A hint the user can act on, where one helps.
    pub fn hint(&self) -> Option<String> {
        match self {
            QueryFileProblem::NoQuery => {
                Some("write one query a line, filters after ` --`".to_string())
            }
            QueryFileProblem::Options { known, .. } => {
                Some(format!("a query line takes {}", known.join(", ")))
            }
            QueryFileProblem::BadDate(_) => Some(DATE_FORMS.to_string()),
            QueryFileProblem::BadSpan(_) => Some(SPAN_FORMS.to_string()),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_hints_follow_the_problem_not_the_words_of_the_query() {
        let query = |problem: QueryProblem| Error::Query {
            query: "quote unknown field".to_string(),
            problem,
        };
        let unknown = query(QueryProblem::UnknownField {
            field: "author".to_string(),
            known: &["title", "body"],
        });
        assert_eq!(
            unknown.to_string(),
            "query \"quote unknown field\": unknown field `author`"
        );
        assert_eq!(unknown.hint().as_deref(), Some("fields: title, body"));
        let quote = query(QueryProblem::UnclosedQuote {
            quote: '“', at: 3
        });
        assert_eq!(
            quote.hint().as_deref(),
            Some("close the phrase with a second `\"`")
        );
        // A syntax error whose text quotes the word "quote" is no unclosed quote.
        let other = query(QueryProblem::Other("syntax error: quote :)".to_string()));
        assert_eq!(other.hint(), None);
        assert_eq!(
            query(QueryProblem::UnclosedParenthesis { at: 1 }).hint(),
            None
        );
    }

    #[test]
    fn option_hints_follow_the_kind_of_value() {
        let date = Error::BadDate {
            option: "--since",
            value: "2024-13".to_string(),
            reason: "there is no month 13".to_string(),
        };
        assert_eq!(
            date.to_string(),
            "--since \"2024-13\": there is no month 13"
        );
        assert_eq!(date.hint().as_deref(), Some(DATE_FORMS));
        let span = Error::BadSpan {
            option: "--mentions",
            value: "x".to_string(),
            reason: "r".to_string(),
        };
        assert_eq!(span.hint().as_deref(), Some(SPAN_FORMS));
        let recency = Error::BadHalfLife {
            value: "3x".to_string(),
            reason: "r".to_string(),
        };
        assert_eq!(recency.to_string(), "--recency \"3x\": r");
        assert!(recency.hint().unwrap_or_default().contains("half-life"));
        let other = Error::BadOption {
            option: "--limit",
            value: "x".to_string(),
            reason: "r".to_string(),
        };
        assert_eq!(other.hint(), None, "no date hint for a number");
    }

    #[test]
    fn a_bad_query_file_names_its_line() {
        let unknown = Error::BadQueryFile {
            path: PathBuf::from("q.txt"),
            line: 2,
            problem: QueryFileProblem::Options {
                reason: "unknown option --colour".to_string(),
                known: &["--speaker", "--since"],
            },
        };
        assert_eq!(
            unknown.to_string(),
            "--queries \"q.txt:2\": unknown option --colour"
        );
        assert_eq!(
            unknown.hint().as_deref(),
            Some("a query line takes --speaker, --since")
        );
    }
}
