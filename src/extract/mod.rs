//! Extraction: who is quoted, which places and dates an article mentions, when it was published.
//!
//! Everything runs offline from rules and data compiled into the binary. Each kind of entity has
//! its own module; [`extract`] runs them all on one cleaned article. What `newsdex extract`
//! prints is exactly what `newsdex index` stores.

pub mod dates;
pub(crate) mod lexicon;
pub mod locations;
pub mod pubdate;
pub mod speakers;
pub(crate) mod text;

use chrono::NaiveDate;

use crate::article::Entities;

/// A cleaned article as the extractor sees it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Input<'a> {
    pub title: &'a str,
    /// Cleaned body: paragraphs separated by `"\n\n"`.
    pub body: &'a str,
    /// Publication date from metadata, unparsed (`2019-01-04`, `2019-01-04T10:00:00Z`, ...).
    pub published: Option<&'a str>,
    /// A line of the raw layout that states the publication date.
    pub date_line: Option<&'a str>,
    /// The article's own URL.
    pub url: Option<&'a str>,
    /// Other URLs found in the article.
    pub links: &'a [String],
}

/// What [`extract`] finds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub published: Option<NaiveDate>,
    pub entities: Entities,
}

/// Run every extractor on one article.
pub fn extract(input: &Input) -> Extraction {
    let reference = pubdate::resolve(input);
    // Speakers, places and dates read the same tokens: the text is tokenized once for all.
    let title_tokens = text::tokenize(input.title);
    let body_tokens = text::tokenize(input.body);
    let people = speakers::find_tokenized(input.title, &title_tokens, input.body, &body_tokens);
    let locations = locations::find_tokenized(input.title, &title_tokens, input.body, &body_tokens);
    let entities = Entities {
        speakers: people.speakers,
        organisations: people.organisations,
        persons: people.persons,
        quotes: people.quotes,
        locations,
        dates: dates::find_tokenized(input.body, &body_tokens, &reference),
    };
    Extraction {
        published: reference.published,
        entities,
    }
}
