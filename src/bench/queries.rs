//! Query sets for `newsdex bench`: one query a line, with optional filters after ` --`.
//!
//! ```text
//! "direct flights"
//! talks --speaker ushakov --since 2025
//! ```
//!
//! The option words of a line are read by the command-line parser (see `ReadOptions`), so
//! that a line takes its options as `search` does; this module reads their dates.

use std::path::Path;

use crate::error::{Error, QueryFileProblem, Result};
use crate::search::period::{self, End};
use crate::search::{Filters, Request};

/// The query set shipped in `benches/queries.txt`, used when no file is given.
pub const DEFAULT_QUERIES: &str = include_str!("../../benches/queries.txt");

/// The kind of a query, for per-kind figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One word, or words joined by OR.
    Terms,
    /// Several required words.
    And,
    /// At least one quoted phrase.
    Phrase,
    /// Any query with a filter.
    Filtered,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Terms, Kind::And, Kind::Phrase, Kind::Filtered];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Terms => "terms",
            Kind::And => "and",
            Kind::Phrase => "phrase",
            Kind::Filtered => "filtered",
        }
    }
}

/// One query of a query set.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchQuery {
    /// The line of the query set, filters and all.
    pub line: String,
    pub query: String,
    pub filters: Filters,
    pub kind: Kind,
}

impl BenchQuery {
    /// The search request this query stands for.
    pub fn request(&self, limit: usize, snippets: bool) -> Request {
        Request {
            filters: self.filters.clone(),
            limit,
            snippets,
            ..Request::new(self.query.clone())
        }
    }
}

/// The options of a query line as written, dates not yet read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineOptions {
    pub speaker: Option<String>,
    pub location: Option<String>,
    pub path: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub mentions: Option<String>,
}

/// Reads the option words of a line (`["--location", "New", "York"]`), or says why it cannot:
/// `newsdex::cli::QueryLineArgs::read`, the command line's parser.
pub(crate) type ReadOptions = fn(&[&str]) -> std::result::Result<LineOptions, String>;

/// Read a query set from a file.
pub(crate) fn load(path: &Path, read: ReadOptions) -> Result<Vec<BenchQuery>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&text, read).map_err(|(line, problem)| Error::BadQueryFile {
        path: path.to_path_buf(),
        line,
        problem,
    })
}

/// The options a line of a query set may have after its query.
pub(crate) const LINE_OPTIONS: &[&str] = &[
    "--speaker",
    "--location",
    "--path",
    "--since",
    "--until",
    "--mentions",
];

/// Parse a query set; errors carry the 1-based line number (0: the whole file).
pub fn parse(
    text: &str,
    read: ReadOptions,
) -> std::result::Result<Vec<BenchQuery>, (usize, QueryFileProblem)> {
    let mut queries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        queries.push(parse_line(line, read).map_err(|reason| (n + 1, reason))?);
    }
    if queries.is_empty() {
        return Err((0, QueryFileProblem::NoQuery));
    }
    Ok(queries)
}

fn parse_line(line: &str, read: ReadOptions) -> std::result::Result<BenchQuery, QueryFileProblem> {
    let (query, options) = match line.find(" --") {
        Some(at) => (line[..at].trim(), line[at..].trim()),
        None if line.starts_with("--") => ("", line),
        None => (line, ""),
    };
    let words: Vec<&str> = options.split_whitespace().collect();
    let options = read(&words).map_err(|reason| QueryFileProblem::Options {
        reason,
        known: LINE_OPTIONS,
    })?;
    let date = |value: Option<String>, end| {
        value
            .map(|v| period::parse(&v, end).map_err(QueryFileProblem::BadDate))
            .transpose()
    };
    let filters = Filters {
        speaker: options.speaker,
        location: options.location,
        path: options.path,
        since: date(options.since, End::First)?,
        until: date(options.until, End::Last)?,
        mentions: options
            .mentions
            .map(|v| period::days(&v).map_err(QueryFileProblem::BadSpan))
            .transpose()?,
    };
    let kind = if !filters.is_empty() {
        Kind::Filtered
    } else if query.contains('"') {
        Kind::Phrase
    } else if query.split_whitespace().filter(|w| *w != "OR").count() > 1 && !query.contains(" OR ")
    {
        Kind::And
    } else {
        Kind::Terms
    };
    Ok(BenchQuery {
        line: line.to_string(),
        query: query.to_string(),
        filters,
        kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::QueryLineArgs;

    fn parse(text: &str) -> std::result::Result<Vec<BenchQuery>, (usize, QueryFileProblem)> {
        super::parse(text, QueryLineArgs::read)
    }

    #[test]
    fn kinds_are_recognised() {
        let set = parse("oil\noil prices\n\"oil prices\"\noil OR gas\noil --since 2020\n").unwrap();
        let kinds: Vec<Kind> = set.iter().map(|q| q.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Terms,
                Kind::And,
                Kind::Phrase,
                Kind::Terms,
                Kind::Filtered
            ]
        );
    }

    #[test]
    fn filters_follow_the_query() {
        let set =
            parse("talks --speaker Yuri Ushakov --location New York --since 2025-02").unwrap();
        let q = &set[0];
        assert_eq!(q.query, "talks");
        assert_eq!(q.filters.speaker.as_deref(), Some("Yuri Ushakov"));
        assert_eq!(q.filters.location.as_deref(), Some("New York"));
        assert_eq!(q.filters.since, "2025-02-01".parse().ok());
        let set = parse("talks --mentions 2025-01..2025-02").unwrap();
        let mentions = set[0].filters.mentions.expect("a span");
        assert_eq!(mentions.first, "2025-01-01".parse().ok());
        assert_eq!(mentions.last, "2025-02-28".parse().ok());
        assert_eq!(set[0].kind, Kind::Filtered);
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(parse("# c\noil\nx --since 2025-13").unwrap_err().0, 3);
        assert_eq!(parse("x --colour red").unwrap_err().0, 1);
        assert!(parse("# nothing\n").is_err());
    }

    #[test]
    fn each_kind_of_bad_line_has_its_own_problem_and_hint() {
        let problem = |text: &str| parse(text).unwrap_err().1;
        let unknown = problem("x --colour red");
        assert!(
            matches!(unknown, QueryFileProblem::Options { .. }),
            "{unknown:?}"
        );
        assert_eq!(unknown.to_string(), "unknown option --colour");
        let hint = unknown.hint().expect("a hint");
        assert!(
            hint.contains("--speaker") && !hint.contains("YYYY"),
            "{hint}"
        );
        let missing = problem("x --speaker");
        assert_eq!(missing.to_string(), "--speaker needs a value");
        assert!(!missing.hint().unwrap_or_default().contains("YYYY"));
        let date = problem("x --until 2025-13");
        assert!(matches!(date, QueryFileProblem::BadDate(_)), "{date:?}");
        assert!(date.hint().expect("a hint").contains("YYYY-MM-DD"));
        let span = problem("x --mentions 2025-02-30");
        assert!(matches!(span, QueryFileProblem::BadSpan(_)), "{span:?}");
        assert!(span.hint().expect("a hint").contains("FROM..TO"));
        assert_eq!(problem("# nothing\n"), QueryFileProblem::NoQuery);
    }

    #[test]
    fn the_shipped_query_set_parses_and_has_every_kind() {
        let set = parse(DEFAULT_QUERIES).unwrap();
        for kind in Kind::ALL {
            assert!(set.iter().any(|q| q.kind == kind), "{kind:?}");
        }
    }
}
