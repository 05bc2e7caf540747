//! The article: the one type every stage shares.
//!
//! `ingest` turns a file into [`RawArticle`]s (text still messy, metadata as found), `clean`
//! gives the readable body, `extract` fills [`Entities`], and `index` stores the resulting
//! [`Article`]. Search results and `extract` output are built from these types.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An article as read from the corpus, before cleaning and extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    /// Unique id: the JSON `id` when given, else the path relative to the corpus
    /// (with `#N` for the N-th line of a JSON Lines file).
    pub id: String,
    /// Path of the file it came from, relative to the corpus root when possible.
    pub path: String,
    /// Title as supplied by metadata or the file layout (may be empty).
    pub title: String,
    /// The text as found: hard wraps, URL lines and header lines included.
    pub text: String,
    /// Publication date string from metadata or JSON (`published` / `date`), unparsed.
    pub published: Option<String>,
    /// The article's own URL, from metadata or JSON.
    pub url: Option<String>,
    /// Byline from metadata or JSON.
    pub author: Option<String>,
}

/// A cleaned, extracted article: what gets indexed and what `extract` prints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub path: String,
    pub title: String,
    /// Continuous prose: paragraphs separated by a blank line, no URL lines, no
    /// "Related article:" paragraphs, no header lines.
    pub body: String,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// URLs found on lines of their own in the raw text, in order, deduplicated.
    pub links: Vec<String>,
    pub entities: Entities,
}

/// What the extractor found in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entities {
    /// People who are quoted or whose statements are reported.
    pub speakers: Vec<Person>,
    /// Organisations that speak ("the Kremlin said"), kept apart from people.
    pub organisations: Vec<Person>,
    /// Every person named in the article, quoted or not.
    pub persons: Vec<Person>,
    pub locations: Vec<Place>,
    /// Dates mentioned in the text, normalised to days.
    pub dates: Vec<MentionedDate>,
    /// Quoted or reported statements with who said them.
    pub quotes: Vec<Quote>,
}

impl Entities {
    /// The distinct country codes of the places, sorted.
    pub fn countries(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self
            .locations
            .iter()
            .filter_map(|p| p.country.as_deref())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    /// How many quotes the article gives the speaker of this (canonical) name.
    pub fn quotes_by(&self, name: &str) -> usize {
        self.quotes.iter().filter(|q| q.speaker == name).count()
    }
}

/// A named entity (person or organisation) with every surface form it was seen as.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Canonical (longest, most complete) name.
    pub name: String,
    /// Surface forms in order of first appearance, deduplicated.
    pub mentions: Vec<String>,
}

/// A place named in the article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Canonical name (`United States` for `U.S.`).
    pub name: String,
    /// ISO 3166-1 alpha-2 code of the country it lies in (or is).
    pub country: Option<String>,
    /// Surface forms in order of first appearance, deduplicated.
    pub mentions: Vec<String>,
}

/// A date mentioned in the text, resolved to a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionedDate {
    pub value: NaiveDate,
    /// Surface forms (`Feb. 27`, `Wednesday`), deduplicated.
    pub mentions: Vec<String>,
}

/// A statement attributed to a speaker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Canonical name of the speaker (a person's or an organisation's).
    pub speaker: String,
    /// The sentence(s) carrying the statement, as in the body. (The index stores quotes
    /// without it, as it is `body[start..end]`: an empty text is left out of the JSON.)
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Byte range of `text` in the article body.
    pub start: usize,
    pub end: usize,
}
