//! The words place matching reads, as a view of the shared tokens ([`text::tokenize`]) with
//! the facts it needs about each: capitalised, ALL CAPS, numeric, first word of a sentence.
//!
//! A word here is a run of letters and digits, with apostrophes inside it (`Lord's`, `O'Hare`).
//! Periods and hyphens are not part of words: `U.S.` is `U`, `S` and `Chester-le-Street` is
//! three words, and gazetteer names are looked up as slices of the text spanning several words.
//! Most shared tokens are such a word as they stand; the few that join parts (`U.S`,
//! `Jean-Claude`, `10:30`, `Russia's`) are split at their inner marks. The text between tokens
//! is never read again: the shared tokens name the line breaks and the punctuation that ends a
//! sentence.

use crate::extract::text::{self, chars};

/// One word of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    /// First character is an upper-case letter.
    pub capitalised: bool,
    /// Two or more letters, all upper case (`NEW`, `U` is not).
    pub all_caps: bool,
    /// Only digits.
    pub numeric: bool,
    /// First word of a paragraph or of a sentence (after `.`, `!`, `?`, `:`, `;` or a line
    /// break, opening quotes and brackets skipped).
    pub sentence_start: bool,
}

impl Token {
    pub(super) fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Words whose period does not end a sentence (`U.S. forces`, `Mr. Jordan`, `St. Louis`): every
/// abbreviation of the shared table, also those after which a sentence may end (`Inc.`), as
/// the scan cannot look at the word after the period.
fn is_abbreviation(word: &str) -> bool {
    crate::extract::lexicon::abbreviation(word).is_some()
}

/// Byte classes of ASCII text, so the scan costs one table lookup per byte.
const OTHER: u8 = 0;
const WORD: u8 = 1;
const STOP: u8 = 2;
const PERIOD: u8 = 3;
const WIDE: u8 = 4;

const CLASSES: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c >= 0x80 {
            WIDE
        } else if c.is_ascii_alphanumeric() {
            WORD
        } else if matches!(c, b'!' | b'?' | b':' | b';' | b'\n') {
            STOP
        } else if c == b'.' {
            PERIOD
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// The words of `text`, tokenized here; callers that hold the shared tokens use [`view`].
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    view(text, &text::tokenize(text))
}

/// The words of `text` from its tokens as [`text::tokenize`] split it.
///
/// Only line breaks and the punctuation that ends sentences matter between words, and the
/// shared tokens already name them. A shared word that joins parts (`U.S`, `10:30`,
/// `Jean-Claude`, and the possessive `'s` it leaves out) is split by [`Words::step`].
pub(super) fn view(text: &str, shared: &[text::Token]) -> Vec<Token> {
    // A shared token mostly makes at most one word (punctuation none), so this rarely grows.
    let mut words = Words::new(text, shared.len());
    // End of the last word: a word may run past its shared token (`Russia's`).
    let mut done = 0;
    for t in shared {
        if t.end <= done {
            continue;
        }
        match t.kind {
            // Most words: the shared token is the word, and its flags say the rest.
            text::Kind::Word | text::Kind::Number
                if t.is(text::PLAIN) && !t.is(text::POSSESSIVE) && t.start >= done =>
            {
                let capitalised = t.is(text::CAP);
                let numeric = t.kind == text::Kind::Number
                    && text.as_bytes()[t.start..t.end]
                        .iter()
                        .all(u8::is_ascii_digit);
                words.push(Token {
                    start: t.start,
                    end: t.end,
                    capitalised,
                    all_caps: capitalised && t.is(text::UPPER),
                    numeric,
                    sentence_start: false,
                });
                done = t.end;
            }
            text::Kind::Word | text::Kind::Number => {
                let end = if t.is(text::POSSESSIVE) {
                    text::after_possessive(text, t.end)
                } else {
                    t.end
                };
                let mut i = t.start.max(done);
                while i < end {
                    i = words.step(i);
                }
                done = i;
            }
            text::Kind::Break | text::Kind::Punct('!' | '?' | ':' | ';') => words.boundary = true,
            text::Kind::Punct('.') => words.period(t.start),
            _ => {}
        }
    }
    words.tokens
}

/// Words found so far, and whether a sentence may start at the next one.
struct Words<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    boundary: bool,
}

impl<'a> Words<'a> {
    fn new(text: &'a str, capacity: usize) -> Self {
        Words {
            text,
            tokens: Vec::with_capacity(capacity),
            boundary: true,
        }
    }

    /// A period at byte `i`: the end of a sentence unless it ends an abbreviation.
    fn period(&mut self, i: usize) {
        let text = self.text;
        let after_abbreviation = self
            .tokens
            .last()
            .is_some_and(|t: &Token| t.end == i && is_abbreviation(t.text(text)));
        self.boundary |= !after_abbreviation;
    }

    /// Read the text of a shared word at byte `i` (a char boundary): one of its parts, or one
    /// mark between them. Returns where to go on.
    fn step(&mut self, mut i: usize) -> usize {
        let text = self.text;
        let bytes = text.as_bytes();
        let first = match CLASSES[usize::from(bytes[i])] {
            WORD => char::from(bytes[i]),
            STOP => {
                self.boundary = true;
                return i + 1;
            }
            PERIOD => {
                self.period(i);
                return i + 1;
            }
            WIDE => {
                let (c, width) = char_at(text, i);
                if !chars::is_alphanumeric(c) {
                    // Opening quotes keep a pending boundary; other punctuation does not start
                    // a sentence by itself.
                    return i + width;
                }
                c
            }
            _ => return i + 1,
        };
        let start = i;
        loop {
            // ASCII letters and digits, the bulk of news text, without decoding.
            while i < bytes.len() && CLASSES[usize::from(bytes[i])] == WORD {
                i += 1;
            }
            // Other ASCII characters but the apostrophe end the word.
            match bytes.get(i) {
                None => break,
                Some(&b) if b < 0x80 && b != b'\'' => break,
                Some(_) => {}
            }
            let (d, w) = char_at(text, i);
            if !d.is_ascii() && chars::is_alphanumeric(d) {
                i += w;
            } else if is_apostrophe(d)
                && i + w < bytes.len()
                && chars::is_alphabetic(char_at(text, i + w).0)
            {
                // An apostrophe followed by a letter stays inside the word.
                i += w;
            } else {
                break;
            }
        }
        let word = &text[start..i];
        // Only capitalised words and numbers need a closer look; most words are lower case.
        let capitalised = chars::is_uppercase(first);
        let all_caps = capitalised && {
            let mut upper = 0;
            !word.chars().any(|ch| {
                upper += usize::from(chars::is_uppercase(ch));
                chars::is_lowercase(ch)
            }) && upper >= 2
        };
        let numeric = first.is_ascii_digit() && word.bytes().all(|b| b.is_ascii_digit());
        self.push(Token {
            start,
            end: i,
            capitalised,
            all_caps,
            numeric,
            sentence_start: false,
        });
        i
    }

    /// Add a word; it starts a sentence if a boundary is pending.
    fn push(&mut self, mut word: Token) {
        word.sentence_start = self.boundary;
        self.tokens.push(word);
        self.boundary = false;
    }
}

/// The character at byte `i` (a char boundary) and its width, with an ASCII fast path.
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (char::from(b), 1);
    }
    let c = text[i..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

/// The text between two tokens is plain spacing (no line break).
pub(super) fn spaced(gap: &str) -> bool {
    !gap.is_empty() && gap.bytes().all(|b| b == b' ' || b == b'\t')
}

/// Strip a possessive `'s` / `’s` from the end of a word.
pub(super) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_abbreviations_and_hyphens_but_keeps_apostrophes() {
        assert_eq!(
            words("U.S. troops at Lord's, Chester-le-Street"),
            [
                "U", "S", "troops", "at", "Lord's", "Chester", "le", "Street"
            ]
        );
    }

    #[test]
    fn marks_sentence_starts_and_caps() {
        let text = "He left. \"Split is nice,\" NEW YORK said";
        let t = tokenize(text);
        assert!(t[0].sentence_start);
        assert!(!t[1].sentence_start);
        assert!(
            t[2].sentence_start && t[2].capitalised,
            "after a period and a quote"
        );
        assert!(!t[3].sentence_start);
        assert!(t[5].all_caps && t[6].all_caps && !t[0].all_caps);
    }

    #[test]
    fn shared_words_are_split_at_their_inner_marks() {
        let text = "At 10:30 a.m. Mr. Jordan met AT&T in 1,000 places; Russia’s envoy";
        assert_eq!(
            words(text),
            [
                "At",
                "10",
                "30",
                "a",
                "m",
                "Mr",
                "Jordan",
                "met",
                "AT",
                "T",
                "in",
                "1",
                "000",
                "places",
                "Russia’s",
                "envoy"
            ]
        );
        let t = tokenize(text);
        // After `:` a sentence may start; after the abbreviation `Mr.` it does not.
        assert!(t[0].sentence_start && t[2].sentence_start && !t[6].sentence_start);
        assert!(
            !t[13].sentence_start && t[14].sentence_start,
            "after a semicolon"
        );
        let text = "Cafe\u{301}'s menu and rock'n'roll\n\nNEW PARAGRAPH!";
        assert_eq!(
            words(text),
            [
                "Cafe",
                "s",
                "menu",
                "and",
                "rock'n'roll",
                "NEW",
                "PARAGRAPH"
            ]
        );
        assert!(tokenize(text)[5].sentence_start);
    }

    proptest::proptest! {
        #[test]
        fn words_are_in_order_and_inside_the_text(
            text in "([A-Za-z]{1,6}|[0-9]{1,3}|[ .,:;!?'’\"\n\\-&/]|\u{301}|é|É|\u{a0}|\\PC){0,40}"
        ) {
            let mut end = 0;
            for word in tokenize(&text) {
                proptest::prop_assert!(end <= word.start && word.start < word.end);
                proptest::prop_assert!(text.get(word.start..word.end).is_some());
                end = word.end;
            }
        }
    }

    #[test]
    fn numbers_are_numeric() {
        let t = tokenize("Leeds 2 Chelsea 1996");
        assert!(t[1].numeric && t[3].numeric && !t[0].numeric);
    }
}
