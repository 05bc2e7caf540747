//! Reading the corpus: walking folders, decoding files, recognising formats and layouts,
//! cleaning raw text.
//!
//! The indexer (and `newsdex extract`) drive it in three steps:
//! 1. [`walk::files`]`(corpus)` lists the candidate files once, in order, each carrying what
//!    its folder's `metadata.jsonl` says about it, plus the problems met on the way;
//! 2. [`read::read_file`]`(&file)`, run in parallel, decodes one file (`decode`) and turns it
//!    into [`RawArticle`]s by format ([`format`]: plain text, `json`, `html`, `warc`,
//!    `table` for CSV and TSV, any of them `compress`ed), or says why it was skipped; files
//!    of records are read record by record and handed on in pieces;
//! 3. [`prepare`]`(&raw)` cleans the text ([`clean`], `layout`) and runs the extractors,
//!    giving the [`Article`] that gets indexed.

pub mod clean;
pub(crate) mod compress;
pub(crate) mod decode;
pub(crate) mod format;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod layout;
pub(crate) mod metadata;
pub mod read;
pub(crate) mod table;
pub mod walk;
pub(crate) mod warc;

use crate::article::{Article, RawArticle};
use crate::extract;
use crate::extract::lexicon;

/// Titles made up from the first sentence are cut to about this many characters.
const MADE_UP_TITLE_CHARS: usize = 80;

/// Clean one raw article and extract its entities.
///
/// The title is the one supplied (metadata, JSON), else the one found in the layout, else
/// the first sentence of the body (shortened at a word boundary), else the file name.
pub fn prepare(raw: &RawArticle) -> Article {
    let supplied = Some(raw.title.trim()).filter(|t| !t.is_empty());
    let cleaned = clean::clean_titled(&raw.text, supplied);
    let title = supplied
        .map(clean::tidy)
        .or_else(|| cleaned.title.clone())
        .or_else(|| first_sentence(&cleaned.body))
        .unwrap_or_else(|| file_name(&raw.path));
    let url = raw.url.clone().or_else(|| cleaned.url.clone());
    let author = raw.author.clone().or_else(|| cleaned.author.clone());
    let extraction = extract::extract(&extract::Input {
        title: &title,
        body: &cleaned.body,
        published: raw.published.as_deref(),
        date_line: cleaned.date_line.as_deref(),
        url: url.as_deref(),
        links: &cleaned.links,
    });
    Article {
        id: raw.id.clone(),
        path: raw.path.clone(),
        title,
        body: cleaned.body,
        published: extraction.published,
        url,
        author,
        links: cleaned.links,
        entities: extraction.entities,
    }
}

/// The first sentence of a body as a title: without its final full stop, and cut at a word
/// boundary (with `…`) when long.
fn first_sentence(body: &str) -> Option<String> {
    let paragraph = body.split("\n\n").next()?.trim();
    if paragraph.is_empty() {
        return None;
    }
    let mut end = paragraph.len();
    for (at, c) in paragraph.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = paragraph[at + 1..].chars().next();
        if next.is_some_and(|n| !n.is_whitespace()) {
            continue;
        }
        // "U.S." or "Feb." is no sentence end (the abbreviation table decides, as extraction's).
        let after = paragraph[at + 1..].trim_start();
        if c == '.' && !lexicon::period_ends_sentence(&paragraph[..at], after) {
            continue;
        }
        end = if c == '.' { at } else { at + 1 };
        break;
    }
    let sentence = &paragraph[..end];
    if sentence.chars().count() <= MADE_UP_TITLE_CHARS {
        return Some(sentence.to_string());
    }
    let limit = sentence
        .char_indices()
        .nth(MADE_UP_TITLE_CHARS)
        .map_or(sentence.len(), |(at, _)| at);
    let cut = sentence[..limit]
        .rfind(char::is_whitespace)
        .unwrap_or(limit);
    let short =
        sentence[..cut].trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    Some(format!("{short}…"))
}

fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(title: &str, text: &str) -> RawArticle {
        RawArticle {
            id: "x/a.txt".into(),
            path: "x/a.txt".into(),
            title: title.into(),
            text: text.into(),
            ..RawArticle::default()
        }
    }

    #[test]
    fn supplied_title_wins_and_leaves_the_body() {
        let article = prepare(&raw("Who pays?", "Who pays?\n\nNobody knows."));
        assert_eq!(article.title, "Who pays?");
        assert_eq!(article.body, "Nobody knows.");
    }

    #[test]
    fn a_kicker_under_a_supplied_title_stays_in_the_body() {
        let article = prepare(&raw(
            "Ferry firm doubles profit",
            "EXCLUSIVE\n\nThe firm said.",
        ));
        assert_eq!(article.title, "Ferry firm doubles profit");
        assert_eq!(article.body, "EXCLUSIVE\n\nThe firm said.");
    }

    #[test]
    fn layout_title() {
        let article = prepare(&raw(
            "",
            "Ad sales boost Time Warner profit\n\nQuarterly profits rose.",
        ));
        assert_eq!(article.title, "Ad sales boost Time Warner profit");
        assert_eq!(article.body, "Quarterly profits rose.");
    }

    #[test]
    fn made_up_title_is_the_first_sentence() {
        let article = prepare(&raw(
            "",
            "U.S. officials met on Feb. 27 in Istanbul. They talked.",
        ));
        assert_eq!(article.title, "U.S. officials met on Feb. 27 in Istanbul");
        let long = "Russian and U.S. officials could meet very soon for another round of talks \
                    aimed at restoring the operations of their diplomatic missions, he said.";
        let article = prepare(&raw("", long));
        assert_eq!(
            article.title,
            "Russian and U.S. officials could meet very soon for another round of talks…"
        );
        assert!(article.title.chars().count() <= MADE_UP_TITLE_CHARS + 1);
    }

    #[test]
    fn no_text_at_all_gives_the_file_name() {
        assert_eq!(prepare(&raw("", "https://e.com/a")).title, "a.txt");
    }
}
