//! Printing facets: compact bar charts for people, one JSON object for scripts.
//!
//! JSON: one line `{"type":"facets",...}` ([`JsonFacets`]), written before the summary line of
//! `search` and `quotes`. Text: one section per facet (who, where, countries, when), each
//! entry a bar of Unicode eighth blocks scaled to the largest entry of its section.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::search::facets::{Facets, Interval, Timeline};

use super::sanitize::one_line;
use super::style;

/// Columns of the longest bar.
const BAR_WIDTH: usize = 30;
/// Most characters of a label.
const LABEL_WIDTH: usize = 28;
/// The blocks of one eighth to seven eighths of a cell.
const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// The facets line of JSON output.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonFacets {
    #[serde(rename = "type")]
    pub kind: String,
    /// What the counts count: `articles`, or `stories` (each story once, `--count-by stories`);
    /// the `articles` keys below then count stories.
    pub counted: String,
    pub speakers: Vec<JsonSpeaker>,
    pub locations: Vec<JsonLocation>,
    pub countries: Vec<JsonCountry>,
    pub timeline: JsonTimeline,
}

/// An entity quoted in the matching articles.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonSpeaker {
    pub id: String,
    pub name: String,
    /// `person` or `organisation`.
    pub kind: String,
    pub articles: u64,
    pub quotes: u64,
}

/// A location as the articles write it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonLocation {
    pub name: String,
    pub articles: u64,
}

/// A country code.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonCountry {
    pub code: String,
    pub articles: u64,
}

/// Matching articles per period.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonTimeline {
    /// `day`, `week`, `month` or `year`.
    pub interval: String,
    pub per: Option<u64>,
    pub undated: u64,
    pub points: Vec<JsonPoint>,
}

/// One period.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonPoint {
    /// First day of the period, `YYYY-MM-DD`.
    pub start: String,
    pub articles: u64,
    /// `articles`, or per `per` articles of the index in the period.
    pub value: f64,
}

fn interval_name(interval: Interval) -> &'static str {
    match interval {
        Interval::Day => "day",
        Interval::Week => "week",
        Interval::Month => "month",
        Interval::Year => "year",
    }
}

/// The JSON form of facets.
pub(crate) fn json(facets: &Facets) -> JsonFacets {
    JsonFacets {
        kind: "facets".to_string(),
        counted: if facets.stories {
            "stories"
        } else {
            "articles"
        }
        .to_string(),
        speakers: facets
            .speakers
            .iter()
            .map(|s| JsonSpeaker {
                id: s.id.clone(),
                name: s.name.clone(),
                kind: s.kind.as_str().to_string(),
                articles: s.articles,
                quotes: s.quotes,
            })
            .collect(),
        locations: facets
            .locations
            .iter()
            .map(|l| JsonLocation {
                name: l.value.clone(),
                articles: l.articles,
            })
            .collect(),
        countries: facets
            .countries
            .iter()
            .map(|c| JsonCountry {
                code: c.value.clone(),
                articles: c.articles,
            })
            .collect(),
        timeline: JsonTimeline {
            interval: interval_name(facets.timeline.interval).to_string(),
            per: facets.timeline.per,
            undated: facets.timeline.undated,
            points: facets
                .timeline
                .points
                .iter()
                .map(|p| JsonPoint {
                    start: p.start.to_string(),
                    articles: p.articles,
                    value: p.value,
                })
                .collect(),
        },
    }
}

/// Write the facets line of JSON output.
pub(crate) fn write_json(out: &mut impl Write, facets: &Facets) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &json(facets))?;
    out.write_all(b"\n")
}

/// Write the facets as bar charts (nothing when no article was counted).
pub(crate) fn write_text(out: &mut impl Write, facets: &Facets) -> io::Result<()> {
    if facets.articles == 0 {
        return Ok(());
    }
    let speakers: Vec<(String, f64, String)> = facets
        .speakers
        .iter()
        .map(|s| {
            let quotes = if s.quotes == 1 { "quote" } else { "quotes" };
            (
                one_line(&s.name),
                s.articles as f64,
                format!("{} ({} {quotes})", s.articles, s.quotes),
            )
        })
        .collect();
    if facets.stories {
        let dim = style::DIM;
        writeln!(
            out,
            "{dim}counting stories: {} matching, each once{dim:#}",
            facets.articles
        )?;
    }
    write_section(out, "who", &speakers)?;
    let places = |list: &[crate::search::facets::ValueCount]| -> Vec<(String, f64, String)> {
        list.iter()
            .map(|v| {
                (
                    one_line(&v.value),
                    v.articles as f64,
                    v.articles.to_string(),
                )
            })
            .collect()
    };
    write_section(out, "where", &places(&facets.locations))?;
    write_section(out, "countries", &places(&facets.countries))?;
    write_timeline(out, &facets.timeline)
}

fn write_timeline(out: &mut impl Write, timeline: &Timeline) -> io::Result<()> {
    let rows: Vec<(String, f64, String)> = timeline
        .points
        .iter()
        .map(|p| {
            let label = match timeline.interval {
                Interval::Day | Interval::Week => p.start.format("%Y-%m-%d").to_string(),
                Interval::Month => p.start.format("%Y-%m").to_string(),
                Interval::Year => p.start.format("%Y").to_string(),
            };
            let figure = match timeline.per {
                Some(_) => format!("{:.2} ({})", p.value, p.articles),
                None => p.articles.to_string(),
            };
            (label, p.value, figure)
        })
        .collect();
    let interval = interval_name(timeline.interval);
    let title = match timeline.per {
        Some(per) => format!("when (by {interval}, per {per} articles of the index)"),
        None => format!("when (by {interval})"),
    };
    write_section(out, &title, &rows)?;
    if timeline.undated > 0 {
        let dim = style::DIM;
        writeln!(out, "  {dim}undated: {}{dim:#}", timeline.undated)?;
    }
    Ok(())
}

/// A heading and one bar a row: label, value (the bar's length), figure shown after it.
fn write_section(
    out: &mut impl Write,
    title: &str,
    rows: &[(String, f64, String)],
) -> io::Result<()> {
    let (label_style, bar_style, dim) = (style::LABEL, style::RANK, style::DIM);
    writeln!(out, "{label_style}{title}{label_style:#}")?;
    if rows.is_empty() {
        return writeln!(out, "  {dim}none{dim:#}");
    }
    let labels: Vec<String> = rows.iter().map(|(l, _, _)| truncated(l)).collect();
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let max = rows.iter().map(|(_, v, _)| *v).fold(0.0, f64::max);
    for ((_, value, figure), label) in rows.iter().zip(&labels) {
        let pad = width - label.chars().count();
        let bar = bar(*value, max);
        writeln!(
            out,
            "  {label}{:pad$}  {bar_style}{bar}{bar_style:#} {dim}{figure}{dim:#}",
            ""
        )?;
    }
    Ok(())
}

fn truncated(label: &str) -> String {
    if label.chars().count() <= LABEL_WIDTH {
        return label.to_string();
    }
    let mut out: String = label.chars().take(LABEL_WIDTH - 1).collect();
    out.push('…');
    out
}

/// A bar of `value` on a scale where `max` fills [`BAR_WIDTH`] cells, in eighths of a cell;
/// a value above zero shows at least one eighth.
pub(crate) fn bar(value: f64, max: f64) -> String {
    if !(value > 0.0 && max > 0.0) {
        return String::new();
    }
    let eighths = ((value / max).min(1.0) * (BAR_WIDTH * 8) as f64)
        .round()
        .max(1.0) as usize;
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(EIGHTHS[eighths % 8 - 1]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_in_eighths() {
        assert_eq!(bar(10.0, 10.0).chars().count(), BAR_WIDTH);
        assert_eq!(bar(5.0, 10.0), "█".repeat(BAR_WIDTH / 2));
        assert_eq!(bar(0.0, 10.0), "");
        assert_eq!(bar(1.0, 1000.0), "▏");
        assert_eq!(bar(1.0, 8.0), "███▊");
    }

    #[test]
    fn names_from_articles_are_terminal_safe() {
        use crate::roster::Kind;
        use crate::search::facets::{SpeakerCount, ValueCount};
        let facets = Facets {
            articles: 1,
            stories: false,
            speakers: vec![SpeakerCount {
                id: "e1".into(),
                name: "Evil\u{1b}[31m\u{202e}Name".into(),
                kind: Kind::Person,
                articles: 1,
                quotes: 2,
            }],
            locations: vec![ValueCount {
                value: "Bad\nPlace".into(),
                articles: 1,
            }],
            countries: Vec::new(),
            timeline: Timeline {
                interval: Interval::Year,
                per: None,
                undated: 1,
                points: Vec::new(),
            },
        };
        let mut out = Vec::new();
        write_text(&mut out, &facets).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            !text.contains("Evil\u{1b}") && !text.contains('\u{202e}'),
            "{text}"
        );
        assert!(text.contains("Evil\\u{1b}[31m"), "{text}");
        assert!(text.contains("Bad Place"), "{text}");
        assert!(text.contains("undated: 1"), "{text}");
    }

    #[test]
    fn long_labels_are_cut() {
        let long = "x".repeat(40);
        assert_eq!(truncated(&long).chars().count(), LABEL_WIDTH);
        assert!(truncated(&long).ends_with('…'));
    }
}
