//! Printing `newsdex speakers`.
//!
//! JSON: one object per entity (`"type": "speaker"`), most quoted first, then one summary
//! object (`"type": "summary"`). Text: rank, articles, quotes, display name and kind, then the
//! other names the entity was seen under.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::search::speakers::SpeakerResults;

use super::sanitize::one_line;
use super::style::{DIM, LABEL, RANK, TITLE};

/// One entity, as a JSON line.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonSpeaker {
    #[serde(rename = "type")]
    pub kind_of_line: String,
    pub id: String,
    pub name: String,
    pub names: Vec<String>,
    pub kind: String,
    pub articles: u64,
    pub quotes: u64,
}

/// The closing JSON line.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonSpeakersSummary {
    #[serde(rename = "type")]
    pub kind_of_line: String,
    pub query: String,
    /// Articles matching the query and filters.
    pub articles: usize,
    /// Speakers quoted in them.
    pub total: usize,
    pub returned: usize,
    pub offset: usize,
    pub elapsed_ms: f64,
}

pub(crate) fn write_json(
    out: &mut impl Write,
    query: &str,
    results: &SpeakerResults,
    offset: usize,
) -> io::Result<()> {
    for s in &results.speakers {
        let line = JsonSpeaker {
            kind_of_line: "speaker".to_string(),
            id: s.id.clone(),
            name: s.name.clone(),
            names: s.names.clone(),
            kind: s.kind.as_str().to_string(),
            articles: s.articles,
            quotes: s.quotes,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    let summary = JsonSpeakersSummary {
        kind_of_line: "summary".to_string(),
        query: query.to_string(),
        articles: results.articles,
        total: results.total,
        returned: results.speakers.len(),
        offset,
        elapsed_ms: results.took.as_secs_f64() * 1e3,
    };
    serde_json::to_writer(&mut *out, &summary)?;
    out.write_all(b"\n")
}

pub(crate) fn write_text(
    out: &mut impl Write,
    results: &SpeakerResults,
    offset: usize,
) -> io::Result<()> {
    if !results.speakers.is_empty() {
        writeln!(
            out,
            "{DIM}{:>4}  {:>8}  {:>7}  speaker{DIM:#}",
            "", "articles", "quotes"
        )?;
    }
    for (i, s) in results.speakers.iter().enumerate() {
        let kind = match s.kind {
            crate::roster::Kind::Person => "",
            crate::roster::Kind::Organisation => " (organisation)",
        };
        writeln!(
            out,
            "{RANK}{:>4}{RANK:#}  {:>8}  {:>7}  {TITLE}{}{TITLE:#}{LABEL}{kind}{LABEL:#}",
            offset.saturating_add(i + 1),
            s.articles,
            s.quotes,
            one_line(&s.name),
        )?;
        let others: Vec<String> = s.names.iter().skip(1).map(|n| one_line(n)).collect();
        if !others.is_empty() {
            writeln!(out, "{:>25}{DIM}also {}{DIM:#}", "", others.join(", "))?;
        }
    }
    let shown = results.speakers.len();
    let summary = match (shown, results.total) {
        (_, 0) => format!(
            "no speaker quoted in {} matching article{}",
            results.articles,
            plural(results.articles)
        ),
        // With `--limit 0`, the count alone.
        (n, total) if (n == total || n == 0) && offset == 0 => format!(
            "{total} speaker{} quoted in {} matching article{}",
            plural(total),
            results.articles,
            plural(results.articles)
        ),
        (0, total) => format!(
            "{total} speaker{} quoted in {} matching article{}, none after the first {offset}",
            plural(total),
            results.articles,
            plural(results.articles)
        ),
        (n, total) => format!(
            "{}-{} of {total} speakers quoted in {} matching article{}",
            offset.saturating_add(1),
            offset.saturating_add(n),
            results.articles,
            plural(results.articles)
        ),
    };
    writeln!(out, "{DIM}{summary}{DIM:#}")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
