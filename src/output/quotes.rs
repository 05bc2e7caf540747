//! Printing quotes: coloured text for people, JSON Lines for scripts.
//!
//! JSON: one object per quote (`"type": "quote"`), then one summary object
//! (`"type": "summary"`). `highlights` are `[start, end)` pairs of character offsets (Unicode
//! scalar values) into `text`, as in search results.
//!
//! The counts of the summary (text and JSON) say what was listed, then what more was found:
//! quotes are looked for in the best matching articles only, so unless every matching article
//! was read (`found_exact`), `found` is a lower bound and the text says "at least".

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::search::quotes::{QuoteHit, QuoteResults};

use super::sanitize::one_line;
use super::search::pairs;
use super::why::{self, AnyHint, JsonWhy};
use super::{style, wrap};

/// One quote as JSON.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonQuote {
    #[serde(rename = "type")]
    pub kind: String,
    pub rank: usize,
    pub score: f32,
    /// Canonical name of who said it.
    pub speaker: String,
    /// The statement as in the article's body.
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
    /// Publication date of the article (YYYY-MM-DD).
    pub published: Option<String>,
    pub title: String,
    pub path: String,
    pub id: String,
    pub url: Option<String>,
    /// Articles read that hold the same words said by the same speaker (this one included):
    /// copies and versions of a story, or the quote taken up again.
    pub occurrences: usize,
    /// Earliest and latest publication day of those articles (YYYY-MM-DD).
    pub first: Option<String>,
    pub last: Option<String>,
    /// Those articles, this one first.
    pub articles: Vec<JsonOccurrence>,
}

/// An article that holds a quote.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonOccurrence {
    pub id: String,
    pub path: String,
    pub title: String,
    pub published: Option<String>,
}

/// The last line of JSON output.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonQuotesSummary {
    #[serde(rename = "type")]
    pub kind: String,
    pub query: String,
    /// Articles that may hold matching quotes: the query's words are among the words of their
    /// quotes, and they pass the filters.
    pub articles: usize,
    /// The best of those articles, whose quotes were read one by one.
    pub articles_read: usize,
    /// Matching quotes found in the articles read (at least `returned`).
    pub found: usize,
    /// Whether every matching article was read, so that `found` counts every matching quote;
    /// when false, `found` is a lower bound (a larger `--limit` reads more articles).
    pub found_exact: bool,
    /// Articles holding the quotes found.
    pub found_articles: usize,
    /// Quotes printed.
    pub returned: usize,
    /// Articles the quotes printed come from.
    pub returned_articles: usize,
    pub offset: usize,
    pub elapsed_ms: f64,
    /// Queries to try instead, best first (see [`super::why`]); empty when something was found.
    pub suggestions: Vec<String>,
    /// Why nothing was found (see [`super::why`]); empty when something was found.
    pub why: Vec<JsonWhy>,
}

pub(crate) fn write_json(
    out: &mut impl Write,
    query: &str,
    results: &QuoteResults,
    offset: usize,
) -> io::Result<()> {
    for quote in &results.quotes {
        let line = JsonQuote {
            kind: "quote".to_string(),
            rank: quote.rank,
            score: quote.score,
            speaker: quote.speaker.clone(),
            text: quote.text.clone(),
            highlights: pairs(&quote.highlights),
            published: quote.published.map(|d| d.to_string()),
            title: quote.title.clone(),
            path: quote.path.clone(),
            id: quote.id.clone(),
            url: quote.url.clone(),
            occurrences: quote.occurrences.len(),
            first: quote.span().map(|(first, _)| first.to_string()),
            last: quote.span().map(|(_, last)| last.to_string()),
            articles: quote
                .occurrences
                .iter()
                .map(|o| JsonOccurrence {
                    id: o.id.clone(),
                    path: o.path.clone(),
                    title: o.title.clone(),
                    published: o.published.map(|d| d.to_string()),
                })
                .collect(),
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    if let Some(facets) = &results.facets {
        super::facets::write_json(out, facets)?;
    }
    let summary = JsonQuotesSummary {
        kind: "summary".to_string(),
        query: query.to_string(),
        articles: results.articles,
        articles_read: results.read,
        found: results.found,
        found_exact: results.exhaustive(),
        found_articles: results.found_articles,
        returned: results.quotes.len(),
        returned_articles: returned_articles(&results.quotes),
        offset,
        elapsed_ms: results.timings.total().as_secs_f64() * 1e3,
        suggestions: results.why.suggestions.clone(),
        why: why::json(&results.why),
    };
    serde_json::to_writer(&mut *out, &summary)?;
    out.write_all(b"\n")
}

/// Write the quotes and a closing line; on a terminal of `width` columns, quotes are broken
/// between words to fit it (`None`: one line each, for pipes).
pub(crate) fn write_text(
    out: &mut impl Write,
    results: &QuoteResults,
    width: Option<usize>,
) -> io::Result<()> {
    for quote in &results.quotes {
        write_quote(out, quote, width)?;
    }
    if let Some(facets) = &results.facets {
        super::facets::write_text(out, facets)?;
    }
    let ms = results.timings.total().as_secs_f64() * 1e3;
    let dim = style::DIM;
    writeln!(out, "{dim}{} ({ms:.1} ms){dim:#}", summary(results))?;
    if results.quotes.is_empty() && results.found == 0 {
        why::write_text(out, &results.why, AnyHint::Omit)?;
    }
    Ok(())
}

/// The closing line: what was listed, from how many articles; what more was found; and, when
/// not every matching article was read, that the count of quotes found is a lower bound.
///
/// `10 quotes from 9 articles, showing 1-10 of at least 46 quotes found in 27 articles; only
/// 30 of the 42 matching articles were read, a larger --limit reads more`
pub(crate) fn summary(results: &QuoteResults) -> String {
    let at_least = if results.exhaustive() {
        ""
    } else {
        "at least "
    };
    let found = || {
        format!(
            "{at_least}{} found in {}",
            plural(results.found, "quote"),
            plural(results.found_articles, "article")
        )
    };
    let mut line = match (results.quotes.first(), results.quotes.last()) {
        (Some(first), Some(last)) => {
            let shown = results.quotes.len();
            let mut line = format!(
                "{} from {}",
                plural(shown, "quote"),
                plural(returned_articles(&results.quotes), "article")
            );
            if shown < results.found {
                line.push_str(&format!(
                    ", showing {}-{} of {}",
                    first.rank,
                    last.rank,
                    found()
                ));
            }
            line
        }
        // None listed (`--limit 0`, or an `--offset` past the end): how many there are.
        _ if results.found > 0 => found(),
        _ if results.exhaustive() => format!(
            "no quotes among {}",
            plural(results.articles, "matching article")
        ),
        _ => {
            return format!(
                "no quotes in the {} read of {}, a larger --limit reads more",
                results.read,
                plural(results.articles, "matching article")
            );
        }
    };
    if !results.exhaustive() {
        line.push_str(&format!(
            "; only {} of the {} were read, a larger --limit reads more",
            results.read,
            plural(results.articles, "matching article")
        ));
    }
    line
}

/// How many articles the quotes come from.
fn returned_articles(quotes: &[QuoteHit]) -> usize {
    let mut ids: Vec<&str> = quotes.iter().map(|q| q.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

/// `1 quote`, `2 quotes`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn write_quote(out: &mut impl Write, quote: &QuoteHit, width: Option<usize>) -> io::Result<()> {
    let (rank, label, dim) = (style::RANK, style::LABEL, style::DIM);
    write!(
        out,
        "{rank}{:>3}.{rank:#} {label}{}{label:#}",
        quote.rank,
        one_line(&quote.speaker)
    )?;
    // Without query words every quote scores 0: no score to show.
    if quote.score > 0.0 {
        write!(out, "  {dim}score {:.2}{dim:#}", quote.score)?;
    }
    writeln!(out)?;
    wrap::write_wrapped(out, &quote.text, &quote.highlights, "     ", width)?;
    let date = quote
        .published
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    let title = if quote.title.is_empty() {
        "(untitled)"
    } else {
        &quote.title
    };
    writeln!(
        out,
        "     {dim}{date} · {} · {}{dim:#}",
        one_line(title),
        one_line(&quote.path)
    )?;
    if quote.occurrences.len() > 1 {
        let span = match quote.span() {
            Some((first, last)) if first != last => format!(", {first} to {last}"),
            Some((day, _)) => format!(", {day}"),
            None => String::new(),
        };
        writeln!(
            out,
            "     {dim}said in {} articles{span}{dim:#}",
            quote.occurrences.len()
        )?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Timings;

    /// Results listing quotes from rank `first` on, from the articles `ids` (one per quote).
    fn results(first: usize, ids: &[&str]) -> QuoteResults {
        let quotes = (first..)
            .zip(ids)
            .map(|(rank, id)| QuoteHit {
                rank,
                score: 1.0,
                speaker: "Tony Blair".to_string(),
                text: "Iraq.".to_string(),
                highlights: Vec::new(),
                published: None,
                title: String::new(),
                path: format!("{id}.txt"),
                id: id.to_string(),
                url: None,
                occurrences: Vec::new(),
            })
            .collect();
        QuoteResults {
            articles: 13,
            read: 13,
            found: 8,
            found_articles: 8,
            quotes,
            timings: Timings::default(),
            why: Default::default(),
            facets: None,
        }
    }

    #[test]
    fn everything_listed_is_counted_as_listed() {
        let ids = ["a", "b", "c", "d", "e", "f", "g", "h"];
        let all = results(1, &ids);
        assert_eq!(summary(&all), "8 quotes from 8 articles");
        let one = QuoteResults {
            found: 1,
            found_articles: 1,
            ..results(1, &["a"])
        };
        assert_eq!(summary(&one), "1 quote from 1 article");
    }

    #[test]
    fn more_found_than_shown_says_which_are_shown() {
        let page = QuoteResults {
            found: 21,
            found_articles: 15,
            ..results(11, &["a", "a", "b"])
        };
        assert_eq!(
            summary(&page),
            "3 quotes from 2 articles, showing 11-13 of 21 quotes found in 15 articles"
        );
    }

    #[test]
    fn a_count_from_some_of_the_articles_is_a_lower_bound() {
        let partial = QuoteResults {
            articles: 42,
            read: 30,
            found: 46,
            found_articles: 27,
            ..results(1, &["a", "b"])
        };
        assert_eq!(
            summary(&partial),
            "2 quotes from 2 articles, showing 1-2 of at least 46 quotes found in 27 articles; \
             only 30 of the 42 matching articles were read, a larger --limit reads more"
        );
        let none = QuoteResults {
            found: 0,
            found_articles: 0,
            ..results(1, &[])
        };
        assert_eq!(summary(&none), "no quotes among 13 matching articles");
        let none_read = QuoteResults {
            articles: 42,
            read: 30,
            ..none
        };
        assert_eq!(
            summary(&none_read),
            "no quotes in the 30 read of 42 matching articles, a larger --limit reads more"
        );
    }

    #[test]
    fn a_page_past_the_end_says_how_many_there_are() {
        let past = results(1, &[]);
        assert_eq!(summary(&past), "8 quotes found in 8 articles");
    }
}
