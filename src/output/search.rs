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
pub(crate) const ELLIPSIS: &str = " … ";

/// One search hit as JSON.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonHit {
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
    /// The story the article is a version of.
    pub story: Option<String>,
    /// Matching articles of that story, this one included.
    pub versions: usize,
    /// With `--versions`, the story's other matching versions (hits of the same shape), best
    /// first; else empty.
    pub other_versions: Vec<JsonHit>,
}

/// A text with highlight ranges.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonText {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

/// The last line of JSON output.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonSummary {
    #[serde(rename = "type")]
    pub kind: String,
    pub query: String,
    /// Matching articles in all.
    pub total: usize,
    /// Matching stories in all (each hit is the best version of one): exact, or an estimate
    /// when `stories_estimated` (see `search::collapse`).
    pub stories: usize,
    /// Whether `stories` is an estimate (more stories matched than are counted exactly).
    pub stories_estimated: bool,
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
pub(crate) fn pairs(ranges: &[Range<usize>]) -> Vec<[usize; 2]> {
    ranges.iter().map(|r| [r.start, r.end]).collect()
}

/// Join fragments with [`ELLIPSIS`], shifting their highlights.
pub(crate) fn joined(fragments: &[Fragment]) -> Fragment {
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

pub(crate) fn write_json(
    out: &mut impl Write,
    query: &str,
    results: &Results,
    offset: usize,
) -> io::Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *out, &json_hit(hit))?;
        out.write_all(b"\n")?;
    }
    if let Some(facets) = &results.facets {
        super::facets::write_json(out, facets)?;
    }
    let summary = JsonSummary {
        kind: "summary".to_string(),
        query: query.to_string(),
        total: results.total,
        stories: results.stories,
        stories_estimated: results.stories_estimated,
        returned: results.hits.len(),
        offset,
        elapsed_ms: results.timings.total().as_secs_f64() * 1e3,
        suggestions: results.why.suggestions.clone(),
        why: why::json(&results.why),
    };
    serde_json::to_writer(&mut *out, &summary)?;
    out.write_all(b"\n")
}

/// One hit as JSON.
fn json_hit(hit: &Hit) -> JsonHit {
    let snippet = joined(&hit.fragments);
    JsonHit {
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
        story: hit.story.clone(),
        versions: hit.versions,
        other_versions: hit.other_versions.iter().map(json_hit).collect(),
    }
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
            stories_of_articles(results)
        )
    }
}

/// "12 stories (15 articles)", "about 12,300 stories (91,925 articles)" when the stories are
/// estimated, or "12" when each article is a story of its own.
fn stories_of_articles(results: &Results) -> String {
    if results.stories_estimated {
        format!(
            "{} ({})",
            about_stories(results.stories),
            plural(results.total, "article")
        )
    } else if results.stories == results.total {
        results.total.to_string()
    } else {
        format!(
            "{} ({})",
            plural(results.stories, "story"),
            plural(results.total, "article")
        )
    }
}

/// An estimated number of stories, to the three figures it is good for: "about 12,300
/// stories".
fn about_stories(estimate: usize) -> String {
    let mut rounded = estimate;
    let mut unit = 1;
    while rounded >= 1000 {
        rounded /= 10;
        unit *= 10;
    }
    // Round half up at the figure dropped last.
    let kept = (estimate + unit / 2) / unit * unit;
    match kept {
        1 => "about 1 story".to_string(),
        _ => format!("about {} stories", thousands(kept)),
    }
}

/// `12300` as "12,300".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn plural(n: usize, one: &str) -> String {
    match (n, one) {
        (1, _) => format!("1 {one}"),
        (_, "story") => format!("{n} stories"),
        _ => format!("{n} {one}s"),
    }
}

/// `search --count`: the number of matching articles, alone on its line.
pub(crate) fn write_count(out: &mut impl Write, results: &Results) -> io::Result<()> {
    writeln!(out, "{}", results.total)
}

/// `search --paths`: the paths of the hits, one a line, each once, in rank order.
pub(crate) fn write_paths(out: &mut impl Write, results: &Results) -> io::Result<()> {
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
    write!(out, "{title:#}  {dim}score {:.2}", hit.score)?;
    match hit.versions {
        0 | 1 => writeln!(out, "{dim:#}")?,
        2 => writeln!(out, " · +1 version{dim:#}")?,
        n => writeln!(out, " · +{} versions{dim:#}", n - 1)?,
    }
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
    for version in &hit.other_versions {
        write_version(out, version)?;
    }
    writeln!(out)
}

/// Another version of a hit's story (`--versions`): its title, date and path, indented.
fn write_version(out: &mut impl Write, version: &Hit) -> io::Result<()> {
    let dim = style::DIM;
    write!(out, "       {dim}·{dim:#} ")?;
    write_highlighted(out, &version.title, &version.title_highlights)?;
    let date = version
        .published
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    writeln!(
        out,
        "  {dim}{date} · {} · score {:.2}{dim:#}",
        one_line(&version.path),
        version.score
    )
}

/// The summary of a search asked for no hits (`--limit 0`): how many articles match.
pub(crate) fn write_total(out: &mut impl Write, results: &Results) -> io::Result<()> {
    if let Some(facets) = &results.facets {
        super::facets::write_text(out, facets)?;
    }
    let ms = results.timings.total().as_secs_f64() * 1e3;
    let dim = style::DIM;
    let matching = match (results.total, results.stories) {
        (articles, _) if results.stories_estimated => {
            format!(
                "{} matching ({articles} articles)",
                about_stories(results.stories)
            )
        }
        (1, _) => "1 matching article".to_string(),
        (articles, stories) if stories == articles => format!("{articles} matching articles"),
        (articles, 1) => format!("1 matching story ({articles} articles)"),
        (articles, stories) => format!("{stories} matching stories ({articles} articles)"),
    };
    writeln!(out, "{dim}{matching} ({ms:.1} ms){dim:#}")?;
    why::write_text(out, &results.why, AnyHint::Offer)
}

/// Write `text` on one line, escaped, with the character ranges in `highlights` coloured.
pub(crate) fn write_highlighted(
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
