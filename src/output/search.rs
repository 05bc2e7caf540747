//! Printing search results: coloured text for people, JSON Lines for scripts.
//!
//! JSON: one object per hit (`"type": "hit"`), then one summary object (`"type": "summary"`).
//! The format is documented in the README and checked by tests.
//!
//! Highlight ranges are `[start, end)` pairs of **character offsets** (Unicode scalar values,
//! what Python's `str` and JavaScript's `Array.from(text)` index; not bytes, not UTF-16 code
//! units) into the text they belong to: `title_highlights` into `title`, each fragment's
//! `highlights` into that fragment's `text`, and `snippet.highlights` into `snippet.text`.
//! Each range covers one word that matched the query (a word of a phrase only where the
//! whole phrase occurs; never an excluded word). A fragment's text is a piece of the body
//! with its white space collapsed to single spaces; `snippet` joins the fragments, best
//! first, with `" … "`.

use std::io::{self, Write};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::search::snippet::Fragment;
use crate::search::{Hit, Results};

use super::sanitize::one_line;
use super::why::{self, AnyHint, JsonWhy};
use super::{style, wrap};

/// Separator between fragments of one snippet.
pub const ELLIPSIS: &str = " … ";

/// One search hit as JSON.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonHit {
    #[serde(rename = "type")]
    pub kind: String,
    pub rank: usize,
    pub score: f32,
    pub id: String,
    pub path: String,
    pub title: String,
    pub title_highlights: Vec<[usize; 2]>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub speakers: Vec<String>,
    pub locations: Vec<String>,
    /// All fragments joined with `" … "`, with highlights into that text.
    pub snippet: JsonText,
    /// The fragments one by one, best first.
    pub fragments: Vec<JsonText>,
}

/// A text with highlight ranges.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonText {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

/// The last line of JSON output.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonSummary {
    #[serde(rename = "type")]
    pub kind: String,
    pub query: String,
    /// Matching articles in all.
    pub total: usize,
    /// Hits printed.
    pub returned: usize,
    pub offset: usize,
    pub elapsed_ms: f64,
    /// Queries to try instead, best first (see [`super::why`]); empty when something was found.
    pub suggestions: Vec<String>,
    /// Why nothing was found (see [`super::why`]); empty when something was found.
    pub why: Vec<JsonWhy>,
}

/// Ranges as `[start, end]` pairs, the JSON form.
pub fn pairs(ranges: &[Range<usize>]) -> Vec<[usize; 2]> {
    ranges.iter().map(|r| [r.start, r.end]).collect()
}

/// Join fragments with [`ELLIPSIS`], shifting their highlights.
pub fn joined(fragments: &[Fragment]) -> Fragment {
    let mut out = Fragment::default();
    let mut offset = 0;
    for (i, fragment) in fragments.iter().enumerate() {
        if i > 0 {
            out.text.push_str(ELLIPSIS);
            offset += ELLIPSIS.chars().count();
        }
        out.text.push_str(&fragment.text);
        out.highlights.extend(
            fragment
                .highlights
                .iter()
                .map(|r| r.start + offset..r.end + offset),
        );
        offset += fragment.text.chars().count();
    }
    out
}

pub fn write_json(
    out: &mut impl Write,
    query: &str,
    results: &Results,
    offset: usize,
) -> io::Result<()> {
    for hit in &results.hits {
        let snippet = joined(&hit.fragments);
        let line = JsonHit {
            kind: "hit".to_string(),
            rank: hit.rank,
            score: hit.score,
            id: hit.id.clone(),
            path: hit.path.clone(),
            title: hit.title.clone(),
            title_highlights: pairs(&hit.title_highlights),
            published: hit.published.map(|d| d.to_string()),
            url: hit.url.clone(),
            speakers: hit.speakers.clone(),
            locations: hit.locations.clone(),
            snippet: JsonText {
                text: snippet.text,
                highlights: pairs(&snippet.highlights),
            },
            fragments: hit
                .fragments
                .iter()
                .map(|f| JsonText {
                    text: f.text.clone(),
                    highlights: pairs(&f.highlights),
                })
                .collect(),
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    if let Some(facets) = &results.facets {
        super::facets::write_json(out, facets)?;
    }
    let summary = JsonSummary {
        kind: "summary".to_string(),
        query: query.to_string(),
        total: results.total,
        returned: results.hits.len(),
        offset,
        elapsed_ms: results.timings.total().as_secs_f64() * 1e3,
        suggestions: results.why.suggestions.clone(),
        why: why::json(&results.why),
    };
    serde_json::to_writer(&mut *out, &summary)?;
    out.write_all(b"\n")
}

/// Write the hits and a closing line; on a terminal of `width` columns, snippets are broken
/// between words to fit it (`None`: one line each, for pipes).
pub fn write_text(out: &mut impl Write, results: &Results, width: Option<usize>) -> io::Result<()> {
    for hit in &results.hits {
        write_hit(out, hit, width)?;
    }
    if let Some(facets) = &results.facets {
        super::facets::write_text(out, facets)?;
    }
    let shown = results.hits.len();
    let first = results.hits.first().map_or(0, |h| h.rank);
    let ms = results.timings.total().as_secs_f64() * 1e3;
    let dim = style::DIM;
    if shown == 0 {
        writeln!(
            out,
            "{dim}no hits among {} matching articles ({ms:.1} ms){dim:#}",
            results.total
        )?;
        why::write_text(out, &results.why, AnyHint::Offer)
    } else {
        writeln!(
            out,
            "{dim}hits {first}-{} of {} ({ms:.1} ms){dim:#}",
            first + shown - 1,
            results.total
        )
    }
}

/// `search --count`: the number of matching articles, alone on its line.
pub fn write_count(out: &mut impl Write, results: &Results) -> io::Result<()> {
    writeln!(out, "{}", results.total)
}

/// `search --paths`: the paths of the hits, one a line, each once, in rank order.
pub fn write_paths(out: &mut impl Write, results: &Results) -> io::Result<()> {
    let mut seen = rustc_hash::FxHashSet::default();
    for hit in &results.hits {
        if seen.insert(hit.path.as_str()) {
            writeln!(out, "{}", one_line(&hit.path))?;
        }
    }
    Ok(())
}

fn write_hit(out: &mut impl Write, hit: &Hit, width: Option<usize>) -> io::Result<()> {
    let (rank, title, dim, label) = (style::RANK, style::TITLE, style::DIM, style::LABEL);
    write!(out, "{rank}{:>3}.{rank:#} {title}", hit.rank)?;
    let shown_title = if hit.title.is_empty() {
        "(untitled)"
    } else {
        &hit.title
    };
    write_highlighted(out, shown_title, &hit.title_highlights)?;
    writeln!(out, "{title:#}  {dim}score {:.2}{dim:#}", hit.score)?;
    let date = hit
        .published
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    writeln!(out, "     {dim}{date} · {}{dim:#}", one_line(&hit.path))?;
    if !hit.speakers.is_empty() {
        writeln!(
            out,
            "     {label}speakers{label:#}  {}",
            one_line(&hit.speakers.join(", "))
        )?;
    }
    if !hit.locations.is_empty() {
        writeln!(
            out,
            "     {label}places{label:#}    {}",
            one_line(&hit.locations.join(", "))
        )?;
    }
    let snippet = joined(&hit.fragments);
    if !snippet.text.is_empty() {
        wrap::write_wrapped(out, &snippet.text, &snippet.highlights, "     ", width)?;
    }
    writeln!(out)
}

/// The summary of a search asked for no hits (`--limit 0`): how many articles match.
pub fn write_total(out: &mut impl Write, results: &Results) -> io::Result<()> {
    if let Some(facets) = &results.facets {
        super::facets::write_text(out, facets)?;
    }
    let ms = results.timings.total().as_secs_f64() * 1e3;
    let dim = style::DIM;
    let articles = match results.total {
        1 => "1 matching article".to_string(),
        n => format!("{n} matching articles"),
    };
    writeln!(out, "{dim}{articles} ({ms:.1} ms){dim:#}")?;
    why::write_text(out, &results.why, AnyHint::Offer)
}

/// Write `text` on one line, escaped, with the character ranges in `highlights` coloured.
pub fn write_highlighted(
    out: &mut impl Write,
    text: &str,
    highlights: &[Range<usize>],
) -> io::Result<()> {
    let m = style::MATCH;
    let mut chars = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let byte_offsets: Vec<usize> = chars.by_ref().collect();
    let at = |c: usize| byte_offsets.get(c).copied().unwrap_or(text.len());
    let mut done = 0;
    for r in highlights {
        let (start, end) = (at(r.start).max(done), at(r.end).max(done));
        write!(out, "{}", one_line(&text[done..start]))?;
        write!(out, "{m}{}{m:#}", one_line(&text[start..end]))?;
        done = end;
    }
    write!(out, "{}", one_line(&text[done..]))
}
