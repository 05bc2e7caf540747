//! Words of a text with their byte spans and the facts place matching needs about them:
//! capitalised, ALL CAPS, first word of a sentence.
//!
//! A word is a run of letters and digits, with apostrophes inside it (`Lord's`, `O'Hare`).
//! Periods and hyphens are not part of words: `U.S.` is `U`, `S` and `Chester-le-Street` is
//! three words, and gazetteer names are looked up as slices of the text spanning several words.

use crate::extract::text::chars;

/// One word of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
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
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Words whose period does not end a sentence (`U.S. forces`, `Mr. Jordan`, `St. Louis`).
fn is_abbreviation(word: &str) -> bool {
    word.chars().count() == 1
        || super::words::is_month_abbreviation(word)
        || matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "St"
                | "Mt"
                | "Ft"
                | "Gen"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Lt"
                | "Col"
                | "Capt"
                | "Sgt"
                | "Prof"
                | "Jr"
                | "Sr"
                | "No"
                | "Co"
                | "Corp"
                | "Inc"
                | "Ltd"
                | "vs"
                | "Rev"
                | "Adm"
                | "Maj"
                | "Cpl"
                | "Pvt"
                | "Messrs"
        )
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

/// Split `text` into words.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 6);
    // Whether a sentence may start at the next word.
    let mut boundary = true;
    let mut i = 0;
    while i < bytes.len() {
        let first = match CLASSES[usize::from(bytes[i])] {
            WORD => char::from(bytes[i]),
            STOP => {
                boundary = true;
                i += 1;
                continue;
            }
            PERIOD => {
                let after_abbreviation = tokens
                    .last()
                    .is_some_and(|t: &Token| t.end == i && is_abbreviation(t.text(text)));
                boundary |= !after_abbreviation;
                i += 1;
                continue;
            }
            WIDE => {
                let (c, width) = char_at(text, i);
                if !chars::is_alphanumeric(c) {
                    // Opening quotes keep a pending boundary; other punctuation does not start
                    // a sentence by itself.
                    i += width;
                    continue;
                }
                c
            }
            _ => {
                i += 1;
                continue;
            }
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
        tokens.push(Token {
            start,
            end: i,
            capitalised,
            all_caps,
            numeric,
            sentence_start: boundary,
        });
        boundary = false;
    }
    tokens
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
pub fn spaced(gap: &str) -> bool {
    !gap.is_empty() && gap.bytes().all(|b| b == b' ' || b == b'\t')
}

/// Strip a possessive `'s` / `’s` from the end of a word.
pub fn strip_possessive(word: &str) -> &str {
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
    fn numbers_are_numeric() {
        let t = tokenize("Leeds 2 Chelsea 1996");
        assert!(t[1].numeric && t[3].numeric && !t[0].numeric);
    }
}
