//! Printing quotes: coloured text for people, JSON Lines for scripts.
//!
//! JSON: one object per quote (`"type": "quote"`), then one summary object
//! (`"type": "summary"`). `highlights` are `[start, end)` pairs of character offsets (Unicode
//! scalar values) into `text`, as in search results.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::search::quotes::{QuoteHit, QuoteResults};

use super::sanitize::one_line;
use super::search::{pairs, write_highlighted};
use super::style;
use super::why::{self, AnyHint, JsonWhy};

/// One quote as JSON.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonQuote {
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
}

/// The last line of JSON output.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonQuotesSummary {
    #[serde(rename = "type")]
    pub kind: String,
    pub query: String,
    /// Articles whose quotes match the query and the filters.
    pub articles: usize,
    /// Matching quotes found in the best of those articles (at least `returned`).
    pub found: usize,
    /// Quotes printed.
    pub returned: usize,
    pub offset: usize,
    pub elapsed_ms: f64,
    /// Queries to try instead, best first (see [`super::why`]); empty when something was found.
    pub suggestions: Vec<String>,
    /// Why nothing was found (see [`super::why`]); empty when something was found.
    pub why: Vec<JsonWhy>,
}

pub fn write_json(
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
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    let summary = JsonQuotesSummary {
        kind: "summary".to_string(),
        query: query.to_string(),
        articles: results.articles,
        found: results.found,
        returned: results.quotes.len(),
        offset,
        elapsed_ms: results.timings.total().as_secs_f64() * 1e3,
        suggestions: results.why.suggestions.clone(),
        why: why::json(&results.why),
    };
    serde_json::to_writer(&mut *out, &summary)?;
    out.write_all(b"\n")
}

pub fn write_text(out: &mut impl Write, results: &QuoteResults) -> io::Result<()> {
    for quote in &results.quotes {
        write_quote(out, quote)?;
    }
    let ms = results.timings.total().as_secs_f64() * 1e3;
    let dim = style::DIM;
    match (results.quotes.first(), results.quotes.last()) {
        (Some(first), Some(last)) => writeln!(
            out,
            "{dim}quotes {}-{} of {} found in {} articles ({ms:.1} ms){dim:#}",
            first.rank, last.rank, results.found, results.articles
        ),
        _ if results.found > 0 => writeln!(
            out,
            "{dim}{} quotes found in {} articles ({ms:.1} ms){dim:#}",
            results.found, results.articles
        ),
        _ => {
            writeln!(
                out,
                "{dim}no quotes among {} matching articles ({ms:.1} ms){dim:#}",
                results.articles
            )?;
            why::write_text(out, &results.why, AnyHint::Omit)
        }
    }
}

fn write_quote(out: &mut impl Write, quote: &QuoteHit) -> io::Result<()> {
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
    write!(out, "     ")?;
    write_highlighted(out, &quote.text, &quote.highlights)?;
    writeln!(out)?;
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
    writeln!(out)
}
