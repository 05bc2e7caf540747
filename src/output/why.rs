//! Printing why a search found nothing ([`Diagnosis`]): lines under the summary for people,
//! `suggestions` and `why` in the JSON summary for scripts.
//!
//! JSON: `suggestions` is an array of queries to try instead (the query with each word no
//! article holds replaced by the closest word of the index), best first. `why` is an array of
//! objects, each with a `kind` and the fields of that kind:
//! - `unknown_word`: `word` (as typed, lowercased) is in no article; `closest`: the closest
//!   words of the index, best first.
//! - `parts`: the parts of an all-words query with the articles holding each (`parts`), and
//!   `apart`: the pairs of parts no article holds together.
//! - `filtered`: the query alone matches `articles` articles; the filters rule them all out.
//! - `not_quoted` (quotes): `articles` articles hold the words, but none of their quotes
//!   (by the speaker asked for) says them all.
//! - `no_speaker` / `no_location`: no article names a speaker / place `name`; `closest`: the
//!   closest names.
//! - `dates` (a date filter is on): `articles` in the index, `undated` of them without a
//!   publication date, and the `earliest` and `latest` publication dates (null when none).
//!
//! A list of words or names (`closest`, `parts`) holds objects `{"value", "articles"}`.
//! Both arrays are empty when something was found.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::search::why::{Counted, Diagnosis, Reason};

use super::sanitize::one_line;
use super::style;

/// A word or name with the number of articles holding it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonCount {
    pub value: String,
    pub articles: u64,
}

/// One reason in the `why` array of a JSON summary.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum JsonWhy {
    UnknownWord {
        word: String,
        closest: Vec<JsonCount>,
    },
    Parts {
        parts: Vec<JsonCount>,
        apart: Vec<[String; 2]>,
    },
    Filtered {
        articles: u64,
    },
    NotQuoted {
        articles: u64,
    },
    NoSpeaker {
        name: String,
        closest: Vec<JsonCount>,
    },
    NoLocation {
        name: String,
        closest: Vec<JsonCount>,
    },
    Dates {
        articles: u64,
        undated: u64,
        earliest: Option<String>,
        latest: Option<String>,
    },
}

fn counts(list: &[Counted]) -> Vec<JsonCount> {
    list.iter()
        .map(|c| JsonCount {
            value: c.value.clone(),
            articles: c.articles,
        })
        .collect()
}

/// The `why` array of a JSON summary.
pub(crate) fn json(diagnosis: &Diagnosis) -> Vec<JsonWhy> {
    diagnosis
        .reasons
        .iter()
        .map(|reason| match reason {
            Reason::UnknownWord { word, closest } => JsonWhy::UnknownWord {
                word: word.clone(),
                closest: counts(closest),
            },
            Reason::Parts { parts, apart } => JsonWhy::Parts {
                parts: counts(parts),
                apart: apart.clone(),
            },
            Reason::Filtered { articles } => JsonWhy::Filtered {
                articles: *articles,
            },
            Reason::NotQuoted { articles } => JsonWhy::NotQuoted {
                articles: *articles,
            },
            Reason::NoSpeaker { name, closest } => JsonWhy::NoSpeaker {
                name: name.clone(),
                closest: counts(closest),
            },
            Reason::NoLocation { name, closest } => JsonWhy::NoLocation {
                name: name.clone(),
                closest: counts(closest),
            },
            Reason::Dates {
                articles,
                undated,
                earliest,
                latest,
            } => JsonWhy::Dates {
                articles: *articles,
                undated: *undated,
                earliest: earliest.map(|d| d.to_string()),
                latest: latest.map(|d| d.to_string()),
            },
        })
        .collect()
}

/// Whether the printed lines may point to `search --any`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnyHint {
    Offer,
    Omit,
}

/// The lines that say why nothing was found, one reason a line.
pub fn write_text(out: &mut impl Write, diagnosis: &Diagnosis, any: AnyHint) -> io::Result<()> {
    for reason in &diagnosis.reasons {
        match reason {
            Reason::UnknownWord { word, closest } => {
                write!(out, "no article has {:?}", one_line(word))?;
                write_closest(out, closest)?;
            }
            Reason::Parts { parts, apart } => write_parts(out, parts, apart, any)?,
            Reason::Filtered { articles: 1 } => writeln!(
                out,
                "the query alone matches 1 article; the filters rule it out"
            )?,
            Reason::Filtered { articles } => writeln!(
                out,
                "the query alone matches {articles} articles; the filters rule them all out"
            )?,
            Reason::NotQuoted { articles: 1 } => writeln!(
                out,
                "1 article holds the words, but none of its quotes says them all"
            )?,
            Reason::NotQuoted { articles } => writeln!(
                out,
                "{articles} articles hold the words, but none of their quotes says them all"
            )?,
            Reason::NoSpeaker { name, closest } => {
                write!(out, "no speaker matches {:?}", one_line(name))?;
                write_closest(out, closest)?;
            }
            Reason::NoLocation { name, closest } => {
                write!(out, "no place matches {:?}", one_line(name))?;
                write_closest(out, closest)?;
            }
            Reason::Dates {
                articles,
                undated,
                earliest,
                latest,
            } => write_dates(out, *articles, *undated, *earliest, *latest)?,
        }
    }
    for suggestion in &diagnosis.suggestions {
        writeln!(out, "did you mean: {}?", one_line(suggestion))?;
    }
    Ok(())
}

/// The articles holding each part of the query, the parts never found together, and (when
/// some parts are found, but not all in one article) the hint of `--any`.
fn write_parts(
    out: &mut impl Write,
    parts: &[Counted],
    apart: &[[String; 2]],
    any: AnyHint,
) -> io::Result<()> {
    write!(out, "articles with each word:")?;
    for (i, part) in parts.iter().enumerate() {
        let sep = if i == 0 { " " } else { ", " };
        write!(out, "{sep}{} {}", one_line(&part.value), part.articles)?;
    }
    writeln!(out)?;
    if !apart.is_empty() {
        let pairs: Vec<String> = apart
            .iter()
            .map(|[a, b]| format!("{} + {}", one_line(a), one_line(b)))
            .collect();
        writeln!(out, "never in one article: {}", pairs.join(", "))?;
    }
    // `--any` helps when some words are found, but not all in one article.
    let some = parts.iter().any(|p| p.articles > 0);
    let split = !apart.is_empty() || parts.iter().any(|p| p.articles == 0);
    if any == AnyHint::Offer && some && split {
        let hint = style::LABEL;
        writeln!(
            out,
            "{hint}hint:{hint:#} --any lists the articles with the most of the words first"
        )?;
    }
    Ok(())
}

/// The publication dates the index holds, for a date filter that keeps nothing.
fn write_dates(
    out: &mut impl Write,
    articles: u64,
    undated: u64,
    earliest: Option<NaiveDate>,
    latest: Option<NaiveDate>,
) -> io::Result<()> {
    if articles == 0 {
        return writeln!(out, "the index holds no articles");
    }
    if articles == undated {
        return writeln!(
            out,
            "all {articles} articles are undated: a date filter keeps none of them"
        );
    }
    if undated > 0 {
        write!(
            out,
            "{undated} of {} have no publication date; ",
            articles_count(articles)
        )?;
    }
    if let (Some(earliest), Some(latest)) = (earliest, latest) {
        writeln!(out, "publication dates run from {earliest} to {latest}")
    } else {
        writeln!(out)
    }
}

/// `; closest: a (3 articles), b (1)` and the end of the line.
fn write_closest(out: &mut impl Write, closest: &[Counted]) -> io::Result<()> {
    for (i, c) in closest.iter().enumerate() {
        let lead = if i == 0 { "; closest: " } else { ", " };
        let articles = if i == 0 {
            articles_count(c.articles)
        } else {
            c.articles.to_string()
        };
        write!(out, "{lead}{} ({articles})", one_line(&c.value))?;
    }
    writeln!(out)
}

fn articles_count(n: u64) -> String {
    if n == 1 {
        "1 article".to_string()
    } else {
        format!("{n} articles")
    }
}
