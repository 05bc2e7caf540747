//! The tokens date patterns read, as a view of the shared tokens ([`text::tokenize`]).
//!
//! Date expressions are short runs of words, numbers and a few punctuation marks, so the matcher
//! needs only three facts per token: its kind, where it is, and whether it touches the token
//! before it (`2025-02-27` is one date, `2025 - 02` is not). Its tokens are finer than the
//! shared ones: a word is letters only, a number ASCII digits only, and every other mark is a
//! token of its own, so a shared token that joins parts (`2025-02-27`, `4th`, `Feb.`'s `Feb`
//! stays whole, `Russia's`) is split at its marks. White space and line breaks come from the
//! shared tokens ([`text::SPACE_BEFORE`], [`text::Kind::Break`]): the text between tokens is
//! not read again. Only the shared tokens of a window of text around a likely date are viewed,
//! into a buffer the caller reuses.

use std::ops::Range;

use crate::extract::text;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Letters: ASCII letters and any alphabetic Unicode character.
    Word,
    /// ASCII digits.
    Number,
    /// One punctuation character, or a symbol that is neither letter, digit nor space. Curly
    /// quotes and dashes are normalised to their ASCII look-alikes so rules need not list both.
    Punct(char),
}

/// One token of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Whether white space separates this token from the previous one.
    pub spaced: bool,
    /// Whether a paragraph break (a blank line) separates it from the previous one.
    pub paragraph: bool,
}

impl Token {
    pub(super) fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub(super) fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// What the tokens viewed so far leave pending for the next one.
#[derive(Debug, Clone, Copy)]
pub(super) struct Gap {
    /// White space (or the start of the view) since the last token.
    spaced: bool,
    /// Line breaks since the last token (a paragraph break counts two).
    newlines: u32,
}

impl Default for Gap {
    /// At the start of a view: the first token counts as spaced.
    fn default() -> Self {
        Gap {
            spaced: true,
            newlines: 0,
        }
    }
}

/// Add the tokens of `shared`, a run of the shared tokens of `text`, to `tokens`; `gap` says
/// what lies between the last token viewed and the run, and is left saying what follows it.
pub(super) fn extend(text: &str, shared: &[text::Token], gap: &mut Gap, tokens: &mut Vec<Token>) {
    for t in shared {
        if t.kind == text::Kind::Break {
            gap.newlines += if t.is(text::PARAGRAPH) { 2 } else { 1 };
            gap.spaced = true;
            continue;
        }
        // The possessive `'s` a shared word leaves out is a mark and a word here.
        let end = if t.is(text::POSSESSIVE) {
            text::after_possessive(text, t.end)
        } else {
            t.end
        };
        split(
            text,
            t.start..end,
            gap.spaced || t.is(text::SPACE_BEFORE),
            gap.newlines >= 2,
            tokens,
        );
        *gap = Gap {
            spaced: false,
            newlines: 0,
        };
    }
}

/// Push the tokens of `text[range]`, one shared token (which holds no white space): letters,
/// ASCII digits, and each other character alone. The first is `spaced` and after a
/// `paragraph` break as given.
fn split(
    text: &str,
    range: Range<usize>,
    mut spaced: bool,
    mut paragraph: bool,
    tokens: &mut Vec<Token>,
) {
    let bytes = text.as_bytes();
    let mut i = range.start;
    while i < range.end {
        let b = bytes[i];
        let start = i;
        let kind = if b.is_ascii_alphabetic() {
            i = skip_word(text, i + 1, range.end);
            Kind::Word
        } else if b.is_ascii_digit() {
            i += 1;
            while i < range.end && bytes[i].is_ascii_digit() {
                i += 1;
            }
            Kind::Number
        } else if b.is_ascii() {
            i += 1;
            Kind::Punct(char::from(b))
        } else {
            let c = text[i..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            i += c.len_utf8();
            if c.is_alphabetic() {
                i = skip_word(text, i, range.end);
                Kind::Word
            } else {
                Kind::Punct(ascii_look_alike(c))
            }
        };
        tokens.push(Token {
            kind,
            start,
            end: i,
            spaced,
            paragraph,
        });
        spaced = false;
        paragraph = false;
    }
}

/// The end of the word that continues at byte `i`, at most `end`.
fn skip_word(text: &str, mut i: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    while i < end {
        let b = bytes[i];
        if b.is_ascii_alphabetic() {
            i += 1;
        } else if b.is_ascii() {
            break;
        } else {
            match text.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) if is_letter(c) => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i.min(end)
}

/// Whether `c` is a letter; the typographic punctuation block is ruled out before the
/// (slower) Unicode table is consulted, since curly quotes and dashes are most of the
/// non-ASCII characters in English news.
fn is_letter(c: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphabetic()
}

fn ascii_look_alike(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        extend(
            text,
            &text::tokenize(text),
            &mut Gap::default(),
            &mut tokens,
        );
        tokens
    }

    fn kinds(text: &str) -> Vec<(Kind, &str, bool)> {
        all(text)
            .iter()
            .map(|t| (t.kind, t.text(text), t.spaced))
            .collect()
    }

    #[test]
    fn splits_words_numbers_and_punctuation() {
        assert_eq!(
            kinds("Feb. 27, 2025-02-27"),
            vec![
                (Kind::Word, "Feb", true),
                (Kind::Punct('.'), ".", false),
                (Kind::Number, "27", true),
                (Kind::Punct(','), ",", false),
                (Kind::Number, "2025", true),
                (Kind::Punct('-'), "-", false),
                (Kind::Number, "02", false),
                (Kind::Punct('-'), "-", false),
                (Kind::Number, "27", false),
            ]
        );
    }

    #[test]
    fn accented_letters_stay_inside_words() {
        // "Marché" must not read as the month "March" followed by something.
        assert_eq!(kinds("Marché"), vec![(Kind::Word, "Marché", true)]);
    }

    #[test]
    fn curly_quotes_become_ascii_and_nbsp_is_space() {
        let text = "Russia\u{2019}s\u{a0}Monday";
        let tokens = kinds(text);
        assert_eq!(tokens[1], (Kind::Punct('\''), "\u{2019}", false));
        assert_eq!(tokens[3], (Kind::Word, "Monday", true));
    }

    #[test]
    fn shared_words_are_split_at_their_marks() {
        assert_eq!(
            kinds("the 4th B52 O’Brien’s"),
            vec![
                (Kind::Word, "the", true),
                (Kind::Number, "4", true),
                (Kind::Word, "th", false),
                (Kind::Word, "B", true),
                (Kind::Number, "52", false),
                (Kind::Word, "O", true),
                (Kind::Punct('\''), "’", false),
                (Kind::Word, "Brien", false),
                (Kind::Punct('\''), "’", false),
                (Kind::Word, "s", false),
            ]
        );
        assert_eq!(
            kinds("''Yes''"),
            vec![
                (Kind::Punct('\''), "'", true),
                (Kind::Punct('\''), "'", false),
                (Kind::Word, "Yes", false),
                (Kind::Punct('\''), "'", false),
                (Kind::Punct('\''), "'", false),
            ]
        );
    }

    #[test]
    fn marks_paragraph_breaks() {
        let tokens = all("one\ntwo\n\nthree\n \u{a0}\nfour\r\n\r\nfive");
        let breaks: Vec<bool> = tokens.iter().map(|t| t.paragraph).collect();
        assert_eq!(breaks, vec![false, false, true, true, true]);
    }
}
