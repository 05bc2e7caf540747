//! The export wire format: one JSON object a line, documented and versioned.
//!
//! ```json
//! {"id":"wikinews/123.txt","path":"wikinews/123.txt","title":"...","body":"...",
//!  "url":"https://...","links":["https://..."],"author":null,
//!  "published":"2019-02-27T00:00:00Z","story":"s3f09a1c2b4",
//!  "speakers":[{"name":"Yuri Ushakov","mentions":["Yuri Ushakov","Ushakov"],
//!               "entity":"e4a5acfe746","entity_name":"Yuri Ushakov"}],
//!  "organisations":[{"name":"Kremlin","mentions":["the Kremlin"],
//!                    "entity":"e3ab680dc3f","entity_name":"Kremlin"}],
//!  "persons":[{"name":"Yuri Ushakov","mentions":["Yuri Ushakov","Ushakov"],
//!              "entity":"e4a5acfe746","entity_name":"Yuri Ushakov"}],
//!  "locations":[{"name":"Moscow","country":"RU","mentions":["Moscow"]}],
//!  "dates":[{"value":"2019-02-26T00:00:00Z","mentions":["Tuesday"]}],
//!  "quotes":[{"speaker":"Yuri Ushakov","text":"...","start":120,"end":210}]}
//! ```
//!
//! Rules that hold for every line:
//! - every key is always present; a missing value is `null` (`url`, `author`, `published`,
//!   `country`) or `[]`;
//! - dates are RFC 3339 timestamps in UTC; newsdex knows days, so the time is always midnight;
//! - `start`/`end` of a quote are byte offsets of its text in `body`;
//! - names are canonical (the longest, most complete form); `mentions` lists the surface forms
//!   in the order they first appear;
//! - `entity` and `entity_name` are the id and display name of the person or organisation the
//!   name was resolved to across the corpus (see `newsdex speakers`), the same in every article
//!   that names them; `null` when exporting a corpus without its index, or for a name no entity
//!   holds (a common noun: `the police said`).
//! - `story` is the id of the story the article is a version of (updates, corrections and
//!   copies of one report share it; see `newsdex search --versions`); `null` when exporting a
//!   corpus without its index.
//!
//! Adding a key is a compatible change; renaming, removing or retyping one bumps
//! [`FORMAT_VERSION`].

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::article::{Article, MentionedDate, Person, Place, Quote};
use crate::roster::Roster;

/// Version of the export format (see the module documentation for what bumps it).
pub const FORMAT_VERSION: u32 = 1;

/// One exported article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Unique id: the JSON `id` when the source gave one, else the path in the corpus.
    pub id: String,
    /// Path of the source file relative to the corpus (`#N` marks the N-th line of a JSON Lines file).
    pub path: String,
    pub title: String,
    /// Cleaned text: paragraphs separated by a blank line.
    pub body: String,
    /// The article's own URL.
    pub url: Option<String>,
    /// URLs that stood on lines of their own in the source text.
    pub links: Vec<String>,
    /// Byline.
    pub author: Option<String>,
    /// Publication day (midnight UTC).
    pub published: Option<DateTime<Utc>>,
    /// The story the article is a version of: the versions of one report share it.
    pub story: Option<String>,
    /// People quoted or whose statements are reported.
    pub speakers: Vec<Name>,
    /// Organisations that speak ("the Kremlin said").
    pub organisations: Vec<Name>,
    /// Every person named, quoted or not.
    pub persons: Vec<Name>,
    pub locations: Vec<Location>,
    /// Dates mentioned in the text.
    pub dates: Vec<DateMention>,
    pub quotes: Vec<QuoteRecord>,
}

/// A person or organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Name {
    pub name: String,
    pub mentions: Vec<String>,
    /// Id of the entity the name resolves to.
    pub entity: Option<String>,
    /// Display name of that entity.
    pub entity_name: Option<String>,
}

/// A place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub name: String,
    /// ISO 3166-1 alpha-2 code of the country the place lies in (or is).
    pub country: Option<String>,
    pub mentions: Vec<String>,
}

/// A date mentioned in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateMention {
    /// The day (midnight UTC).
    pub value: DateTime<Utc>,
    pub mentions: Vec<String>,
}

/// A statement and who made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteRecord {
    /// Canonical name of the speaker (a person's or an organisation's).
    pub speaker: String,
    pub text: String,
    /// Byte offset of `text` in `body`.
    pub start: u64,
    /// Byte offset just past `text` in `body`.
    pub end: u64,
}

impl Record {
    /// Fill in the entities of its speakers, organisations and persons.
    pub fn resolve(&mut self, roster: &Roster) {
        let names = self
            .speakers
            .iter_mut()
            .chain(&mut self.organisations)
            .chain(&mut self.persons);
        for name in names {
            if let Some(entity) = roster.entity(&name.name) {
                name.entity = Some(entity.id.clone());
                name.entity_name = Some(entity.name().to_string());
            }
        }
    }
}

/// Midnight UTC of a day: how the wire format writes days.
pub(crate) fn midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN).and_utc()
}

impl From<Article> for Record {
    fn from(article: Article) -> Record {
        let e = article.entities;
        Record {
            id: article.id,
            path: article.path,
            title: article.title,
            body: article.body,
            url: article.url,
            links: article.links,
            author: article.author,
            published: article.published.map(midnight),
            story: None,
            speakers: e.speakers.into_iter().map(Name::from).collect(),
            organisations: e.organisations.into_iter().map(Name::from).collect(),
            persons: e.persons.into_iter().map(Name::from).collect(),
            locations: e.locations.into_iter().map(Location::from).collect(),
            dates: e.dates.into_iter().map(DateMention::from).collect(),
            quotes: e.quotes.into_iter().map(QuoteRecord::from).collect(),
        }
    }
}

impl From<Person> for Name {
    fn from(p: Person) -> Name {
        Name {
            name: p.name,
            mentions: p.mentions,
            entity: None,
            entity_name: None,
        }
    }
}

impl From<Place> for Location {
    fn from(p: Place) -> Location {
        Location {
            name: p.name,
            country: p.country,
            mentions: p.mentions,
        }
    }
}

impl From<MentionedDate> for DateMention {
    fn from(d: MentionedDate) -> DateMention {
        DateMention {
            value: midnight(d.value),
            mentions: d.mentions,
        }
    }
}

impl From<Quote> for QuoteRecord {
    fn from(q: Quote) -> QuoteRecord {
        QuoteRecord {
            speaker: q.speaker,
            text: q.text,
            start: q.start as u64,
            end: q.end as u64,
        }
    }
}

impl Record {
    /// A record with every field filled and every list non-empty.
    ///
    /// Written with full struct literals on purpose: a field added to the wire type does not
    /// compile until it is filled here, and the tests that walk this record then check that the
    /// mappings cover the new field.
    pub fn example() -> Record {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).map(midnight);
        let name = |name: &str, mentions: &[&str]| Name {
            name: name.to_string(),
            mentions: mentions.iter().map(|m| m.to_string()).collect(),
            entity: Some("e4a5acfe746".to_string()),
            entity_name: Some(name.to_string()),
        };
        let body = "Yuri Ushakov said on Tuesday that talks in Moscow went well.".to_string();
        Record {
            id: "wikinews/example.txt".to_string(),
            path: "wikinews/example.txt".to_string(),
            title: "Talks in Moscow".to_string(),
            url: Some("https://en.wikinews.org/wiki/Example".to_string()),
            links: vec!["https://en.wikinews.org/wiki/Related".to_string()],
            author: Some("A. Reporter".to_string()),
            published: day(2019, 2, 27),
            story: Some("s3f09a1c2b4".to_string()),
            speakers: vec![name("Yuri Ushakov", &["Yuri Ushakov", "Ushakov"])],
            organisations: vec![name("Kremlin", &["the Kremlin"])],
            persons: vec![name("Yuri Ushakov", &["Yuri Ushakov", "Ushakov"])],
            locations: vec![Location {
                name: "Moscow".to_string(),
                country: Some("RU".to_string()),
                mentions: vec!["Moscow".to_string()],
            }],
            dates: day(2019, 2, 26)
                .map(|value| DateMention {
                    value,
                    mentions: vec!["Tuesday".to_string()],
                })
                .into_iter()
                .collect(),
            quotes: vec![QuoteRecord {
                speaker: "Yuri Ushakov".to_string(),
                text: body.clone(),
                start: 0,
                end: body.len() as u64,
            }],
            body,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Entities;

    #[test]
    fn days_are_written_as_rfc3339_midnight_utc() {
        let record = Record::example();
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(json["published"], "2019-02-27T00:00:00Z");
        assert_eq!(json["dates"][0]["value"], "2019-02-26T00:00:00Z");
    }

    #[test]
    fn missing_values_are_null_not_absent() {
        let record = Record::from(Article::default());
        let json = serde_json::to_value(&record).unwrap();
        for key in ["url", "author", "published"] {
            assert!(json[key].is_null(), "{key}");
            assert!(json.as_object().unwrap().contains_key(key), "{key}");
        }
    }

    #[test]
    fn an_article_keeps_every_extracted_field() {
        let article = Article {
            id: "a".into(),
            path: "p.txt".into(),
            title: "T".into(),
            body: "\"Hi,\" Bob said in Paris.".into(),
            published: NaiveDate::from_ymd_opt(2020, 1, 2),
            url: Some("https://x.test/a".into()),
            author: Some("Ann".into()),
            links: vec!["https://x.test/b".into()],
            entities: Entities {
                speakers: vec![Person {
                    name: "Bob".into(),
                    mentions: vec!["Bob".into()],
                }],
                organisations: vec![Person {
                    name: "ACME".into(),
                    mentions: vec!["ACME".into()],
                }],
                persons: vec![Person {
                    name: "Bob".into(),
                    mentions: vec!["Bob".into()],
                }],
                locations: vec![Place {
                    name: "Paris".into(),
                    country: Some("FR".into()),
                    mentions: vec!["Paris".into()],
                }],
                dates: vec![MentionedDate {
                    value: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
                    mentions: vec!["yesterday".into()],
                }],
                quotes: vec![Quote {
                    speaker: "Bob".into(),
                    text: "\"Hi,\"".into(),
                    start: 0,
                    end: 5,
                }],
            },
        };
        let record = Record::from(article);
        assert_eq!(
            record.published,
            NaiveDate::from_ymd_opt(2020, 1, 2).map(midnight)
        );
        assert_eq!(record.speakers[0].name, "Bob");
        assert_eq!(record.organisations[0].name, "ACME");
        assert_eq!(record.persons[0].mentions, ["Bob"]);
        assert_eq!(record.locations[0].country.as_deref(), Some("FR"));
        assert_eq!(record.dates[0].mentions, ["yesterday"]);
        assert_eq!((record.quotes[0].start, record.quotes[0].end), (0, 5));
        assert_eq!(record.author.as_deref(), Some("Ann"));
        assert_eq!(record.links, ["https://x.test/b"]);
    }

    #[test]
    fn records_round_trip_through_json() {
        let record = Record::example();
        let line = serde_json::to_string(&record).unwrap();
        assert!(!line.contains('\n'));
        let back: Record = serde_json::from_str(&line).unwrap();
        assert_eq!(back, record);
    }
}
