//! A tokenizer for date finding: words, digit runs and punctuation, with byte spans.
//!
//! Date expressions are short runs of words, numbers and a few punctuation marks, so the matcher
//! needs only three facts per token: its kind, where it is, and whether it touches the token
//! before it (`2025-02-27` is one date, `2025 - 02` is not). Only a window of text around a
//! likely date is tokenized, into a buffer the caller reuses.

use std::ops::Range;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
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
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Whether white space separates this token from the previous one.
    pub spaced: bool,
    /// Whether a paragraph break (a blank line) separates it from the previous one.
    pub paragraph: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// Split `text[range]` into `tokens` (cleared first), with spans in `text`'s offsets.
/// `range` must start and end on character boundaries; the first token counts as spaced.
pub fn tokenize(text: &str, range: Range<usize>, tokens: &mut Vec<Token>) {
    tokens.clear();
    extend(text, range, tokens);
}

/// [`tokenize`] without clearing `tokens`: the tokens of `text[range]` are added after them.
pub fn extend(text: &str, range: Range<usize>, tokens: &mut Vec<Token>) {
    let bytes = &text.as_bytes()[..range.end.min(text.len())];
    let mut i = range.start;
    let mut spaced = true;
    let mut newlines = 0u32;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        let kind = if b.is_ascii_alphabetic() {
            i = skip_word(text, i + 1, bytes.len());
            Kind::Word
        } else if b.is_ascii_digit() {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            Kind::Number
        } else if b.is_ascii() {
            i += 1;
            if b.is_ascii_whitespace() {
                spaced = true;
                newlines += u32::from(b == b'\n');
                continue;
            }
            Kind::Punct(char::from(b))
        } else {
            let c = text[i..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            i += c.len_utf8();
            if c.is_whitespace() {
                spaced = true;
                continue;
            }
            if c.is_alphabetic() {
                i = skip_word(text, i, bytes.len());
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
            paragraph: newlines >= 2,
        });
        spaced = false;
        newlines = 0;
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
        tokenize(text, 0..text.len(), &mut tokens);
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
    fn tokenizes_a_window_with_absolute_spans() {
        let text = "said Monday that";
        let mut tokens = Vec::new();
        tokenize(text, 5..11, &mut tokens);
        assert_eq!(tokens.len(), 1);
        assert_eq!((tokens[0].start, tokens[0].end), (5, 11));
        assert_eq!(tokens[0].text(text), "Monday");
    }

    #[test]
    fn marks_paragraph_breaks() {
        let tokens = all("one\ntwo\n\nthree");
        let breaks: Vec<bool> = tokens.iter().map(|t| t.paragraph).collect();
        assert_eq!(breaks, vec![false, false, true]);
    }
}
