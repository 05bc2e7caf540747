//! Speakers: who is quoted or reported as saying something, the organisations that speak, every
//! person the article names, and the sentences carrying each statement.
//!
//! Rules only, in one pass per stage: `doc` tokenizes and classifies words once, `names`
//! finds capitalised runs and judges them, `cluster` links surnames and spelling variants to
//! full names, `attribution` reads the reporting patterns of news prose, `quotes` widens each
//! statement to its sentences and quotations. Word lists: `data/lexicon/speakers.txt` (with the
//! shared titles and calendar words), places of the compiled gazetteer, given names in
//! `data/names/`, common English words in `data/words/`.
//!
//! Places are told from people by the compiled gazetteer of `extract::locations`: its
//! countries, capitals, regions, seas and large cities (`lexicon::build`, the `PLACE` word class
//! and the multi-word place set behind `lexicon::is_place`).

mod attribution;
mod cluster;
mod doc;
mod lexicon;
mod names;
mod quotes;

use crate::article::{Person, Quote};
use crate::extract::text::{self, Token};

use self::cluster::Entity;
use self::doc::Doc;
use self::names::{Class, Evidence};

/// People and organisations found in one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct People {
    pub speakers: Vec<Person>,
    pub organisations: Vec<Person>,
    pub persons: Vec<Person>,
    pub quotes: Vec<Quote>,
}

/// Find speakers, speaking organisations, named persons and quotes. Quotes point into `body`.
pub fn find(title: &str, body: &str) -> People {
    find_with(title, body, text::tokenize)
}

/// [`find`] given the tokens of the title and of the body (`text::tokenize`), which other
/// extractors share: the tokens of the text read here are made from them rather than by
/// tokenizing it again.
pub fn find_tokenized(
    title: &str,
    title_tokens: &[Token],
    body: &str,
    body_tokens: &[Token],
) -> People {
    find_with(title, body, |text| {
        join_tokens(title, title_tokens, body, body_tokens, text)
            .unwrap_or_else(|| text::tokenize(text))
    })
}

fn find_with(title: &str, body: &str, tokenize: impl FnOnce(&str) -> Vec<Token>) -> People {
    // The title is read with the body (it often names the speaker) but quotes stay in the body.
    let title = title.trim();
    let (text, offset) = if title.is_empty() {
        (std::borrow::Cow::Borrowed(body), 0)
    } else {
        (
            std::borrow::Cow::Owned(format!("{title}\n\n{body}")),
            title.len() + 2,
        )
    };
    let mut doc = Doc::with_tokens(&text, tokenize(&text));
    if offset > 0 && title_case(title) {
        doc.mute_before(offset);
    }
    let mentions = names::find(&doc);
    let mut entities = cluster::build(&doc, &mentions);
    let attributions = attribution::find(&doc, &mentions, &mut entities);

    let list = &entities.list;
    let mut named = vec![false; list.len()];
    for a in &attributions {
        if a.named {
            named[a.speaker] = true;
        }
    }
    let is_person = |e: &Entity| e.class == Class::Person && e.evidence >= Evidence::Shape;
    // A speaker must be a person by more than the shape of the name (a given name, a title, an
    // initial, a role word): `Wells Fargo said`, `Rust Belt` voters and organisations named
    // like people are the commonest false speakers.
    let may_speak = |e: &Entity| is_person(e) && e.evidence == Evidence::Strong;
    let person = |e: &Entity| Person {
        name: e.name(&doc).to_string(),
        mentions: e.mentions(&doc).into_iter().map(String::from).collect(),
    };
    let mut order: Vec<usize> = (0..list.len()).collect();
    order.sort_by_key(|&i| list[i].first);
    let speaking = |i: &&usize| named[**i];
    let speakers: Vec<Person> = order
        .iter()
        .filter(speaking)
        .filter(|&&i| may_speak(&list[i]))
        .map(|&i| person(&list[i]))
        .collect();
    let organisations = order
        .iter()
        .filter(speaking)
        .filter(|&&i| list[i].class == Class::Organisation && !list[i].unnamed)
        .map(|&i| person(&list[i]))
        .collect();
    let persons = order
        .iter()
        .filter(|&&i| is_person(&list[i]) || (named[i] && may_speak(&list[i])))
        .map(|&i| person(&list[i]))
        .collect();
    let speaks = |i: usize| {
        let e = &list[i];
        // `the airline said` with no airline named: a common noun is no named source.
        may_speak(e) || (e.class == Class::Organisation && !e.unnamed)
    };
    let quotes = quotes::spans(&doc, &attributions)
        .into_iter()
        .filter(|s| speaks(s.speaker) && s.bytes.start >= offset)
        .filter_map(|s| {
            let (start, end) = (s.bytes.start - offset, s.bytes.end - offset);
            Some(Quote {
                speaker: list[s.speaker].name(&doc).to_string(),
                text: body.get(start..end)?.to_string(),
                start,
                end,
            })
        })
        .collect();
    People {
        speakers,
        organisations,
        persons,
        quotes,
    }
}

/// The tokens of `text`, which [`find_with`] made of `title` and `body`, from theirs: the
/// title's, a paragraph break, and the body's moved along. `None` where the joined text does
/// not tokenize that way: a title with spaces around it (`find` trims it), or a body that
/// starts with white space (the paragraph break takes it in).
fn join_tokens(
    title: &str,
    title_tokens: &[Token],
    body: &str,
    body_tokens: &[Token],
    text: &str,
) -> Option<Vec<Token>> {
    if title.trim().is_empty() {
        return (text.len() == body.len()).then(|| body_tokens.to_vec());
    }
    let starts_with_space = |s: &str| s.starts_with(|c: char| c.is_whitespace());
    let ends_with_space = |s: &str| s.ends_with(|c: char| c.is_whitespace());
    let offset = title.len() + 2;
    if starts_with_space(title)
        || ends_with_space(title)
        || body.starts_with([' ', '\t', '\r', '\n'])
        || text.len() != offset + body.len()
    {
        return None;
    }
    let mut tokens = Vec::with_capacity(title_tokens.len() + 1 + body_tokens.len());
    tokens.extend_from_slice(title_tokens);
    tokens.push(Token {
        kind: text::Kind::Break,
        start: title.len(),
        end: title.len() + 1,
        flags: text::PARAGRAPH,
    });
    tokens.extend(body_tokens.iter().map(|t| Token {
        start: t.start + offset,
        end: t.end + offset,
        ..*t
    }));
    Some(tokens)
}

/// Whether a title capitalises its words (`Trump Says He Can Declare Emergency`), so that
/// capitals say nothing about names in it.
fn title_case(title: &str) -> bool {
    let mut long = 0;
    let mut capitalised = 0;
    for word in title.split_whitespace() {
        let letters = word.trim_matches(|c: char| !c.is_alphanumeric());
        if letters.chars().count() < 4 {
            continue;
        }
        long += 1;
        if letters.starts_with(char::is_uppercase) {
            capitalised += 1;
        }
    }
    long >= 3 && capitalised * 10 >= long * 8
}

/// What the word lists say of one word next to or inside a name (any case): the questions
/// that resolving names across a corpus ([`crate::roster`]) asks of the same lists.
pub mod words {
    use super::lexicon::{self, Lex};

    fn classes(word: &str) -> Lex {
        lexicon::classify(word, false)
    }

    /// A title or role word that stands before a person's name (`Secretary`, `Dr`, `analyst`).
    pub fn is_title(word: &str) -> bool {
        classes(word) & (lexicon::TITLE | lexicon::HONORIFIC) != 0
    }

    /// A courtesy title that says nothing of a role (`Mr`, `Mrs`, `Dr`).
    pub fn is_honorific(word: &str) -> bool {
        classes(word) & lexicon::HONORIFIC != 0
    }

    /// A surname particle (`de`, `van`, `al`, `bin`).
    pub fn is_particle(word: &str) -> bool {
        classes(word) & lexicon::PARTICLE != 0
    }

    /// A generational suffix (`Jr`, `III`).
    pub fn is_suffix(word: &str) -> bool {
        classes(word) & lexicon::SUFFIX != 0
    }

    /// A word that ends an organisation's name (`Inc`, `Group`, `Bank`, `Brothers`).
    pub fn is_org_head(word: &str) -> bool {
        classes(word) & lexicon::ORG_HEAD != 0
    }
}

#[cfg(test)]
mod tests;
