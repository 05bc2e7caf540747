//! Printing one article (`newsdex show`): readable text, or one JSON object.
//!
//! JSON (one object, documented in the README):
//! `{"id", "path", "title", "url", "published", "speakers", "locations", "countries", "dates",
//! "quotes", "body"}`. `published` and each date's `date` are `YYYY-MM-DD`; a location is
//! `{"name", "country"}` (ISO 3166-1 alpha-2 or null); a date is `{"date", "mentions"}`; a
//! quote is `{"speaker", "text", "range"}`, where `range` is the `[start, end)` pair of
//! character offsets (Unicode scalar values, as in search highlights) of `text` in `body`.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::search::lookup::StoredArticle;

use super::sanitize::{escape_control, one_line};
use super::style;

/// Width of the field names in text output.
const LABEL_WIDTH: usize = 10;

/// An article as JSON.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonArticle {
    pub id: String,
    pub path: String,
    pub title: String,
    pub url: Option<String>,
    pub published: Option<String>,
    pub speakers: Vec<String>,
    pub locations: Vec<JsonPlace>,
    pub countries: Vec<String>,
    pub dates: Vec<JsonDate>,
    pub quotes: Vec<JsonQuote>,
    pub body: String,
}

/// A place named in the article.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonPlace {
    pub name: String,
    pub country: Option<String>,
}

/// A date mentioned in the article, with the words that said it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonDate {
    pub date: String,
    pub mentions: Vec<String>,
}

/// A quote and who said it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JsonQuote {
    pub speaker: String,
    pub text: String,
    /// Character offsets of `text` in the body.
    pub range: [usize; 2],
}

impl JsonArticle {
    pub(crate) fn new(article: &StoredArticle) -> JsonArticle {
        let e = &article.entities;
        let chars = |byte: usize| {
            article
                .body
                .get(..byte)
                .map_or(0, |before| before.chars().count())
        };
        JsonArticle {
            id: article.id.clone(),
            path: article.path.clone(),
            title: article.title.clone(),
            url: article.url.clone(),
            published: article.published.map(|d| d.to_string()),
            speakers: e.speakers.iter().map(|p| p.name.clone()).collect(),
            locations: e
                .locations
                .iter()
                .map(|p| JsonPlace {
                    name: p.name.clone(),
                    country: p.country.clone(),
                })
                .collect(),
            countries: e.countries().into_iter().map(str::to_string).collect(),
            dates: e
                .dates
                .iter()
                .map(|d| JsonDate {
                    date: d.value.to_string(),
                    mentions: d.mentions.clone(),
                })
                .collect(),
            quotes: e
                .quotes
                .iter()
                .map(|q| JsonQuote {
                    speaker: q.speaker.clone(),
                    text: q.text.clone(),
                    range: [chars(q.start), chars(q.end)],
                })
                .collect(),
            body: article.body.clone(),
        }
    }
}

pub(crate) fn write_json(out: &mut impl Write, article: &StoredArticle) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &JsonArticle::new(article))?;
    out.write_all(b"\n")
}

/// The line that says no article has this id or path.
pub(crate) fn missing(key: &str) -> String {
    format!(
        "newsdex: no article with the id or path {:?}",
        one_line(key)
    )
}

pub(crate) fn write_text(out: &mut impl Write, article: &StoredArticle) -> io::Result<()> {
    let (title, label, dim) = (style::TITLE, style::LABEL, style::DIM);
    let shown_title = if article.title.is_empty() {
        "(untitled)"
    } else {
        &article.title
    };
    writeln!(out, "{title}{}{title:#}", one_line(shown_title))?;
    let mut field = |name: &str, value: &str| -> io::Result<()> {
        let pad = LABEL_WIDTH.saturating_sub(name.len());
        writeln!(out, "{label}{name}{label:#}{:pad$} {}", "", one_line(value))
    };
    if article.id != article.path {
        field("id", &article.id)?;
    }
    field("path", &article.path)?;
    if let Some(url) = &article.url {
        field("url", url)?;
    }
    let published = article
        .published
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    field("published", &published)?;
    let e = &article.entities;
    let list = |items: Vec<String>| items.join(", ");
    if !e.speakers.is_empty() {
        field(
            "speakers",
            &list(e.speakers.iter().map(|p| p.name.clone()).collect()),
        )?;
    }
    if !e.locations.is_empty() {
        let places = e.locations.iter().map(|p| match &p.country {
            Some(code) => format!("{} ({code})", p.name),
            None => p.name.clone(),
        });
        field("places", &list(places.collect()))?;
    }
    let countries: Vec<String> = e.countries().into_iter().map(str::to_string).collect();
    if !countries.is_empty() {
        field("countries", &list(countries))?;
    }
    if !e.dates.is_empty() {
        let dates = e.dates.iter().map(|d| match d.mentions.as_slice() {
            [] => d.value.to_string(),
            mentions => format!("{} ({})", d.value, mentions.join(", ")),
        });
        field("dates", &list(dates.collect()))?;
    }
    writeln!(out)?;
    for paragraph in article.body.split("\n\n") {
        writeln!(out, "{}\n", escape_control(paragraph.trim_end()))?;
    }
    if e.quotes.is_empty() {
        return Ok(());
    }
    writeln!(out, "{label}quotes{label:#}")?;
    for (i, quote) in e.quotes.iter().enumerate() {
        writeln!(
            out,
            "{dim}{:>3}.{dim:#} {label}{}{label:#}: {}",
            i + 1,
            one_line(&quote.speaker),
            one_line(&quote.text)
        )?;
    }
    Ok(())
}
