//! Words of a text with their byte spans and the facts place matching needs about them:
//! capitalised, ALL CAPS, first word of a sentence.
//!
//! A word is a run of letters and digits, with apostrophes inside it (`Lord's`, `O'Hare`).
//! Periods and hyphens are not part of words: `U.S.` is `U`, `S` and `Chester-le-Street` is
//! three words, and gazetteer names are looked up as slices of the text spanning several words.

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

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Words whose period does not end a sentence (`U.S. forces`, `Mr. Jordan`, `St. Louis`).
fn is_abbreviation(word: &str) -> bool {
    word.chars().count() == 1
        || matches!(
            word,
            "Mr" | "Mrs" | "Ms" | "Dr" | "St" | "Mt" | "Ft" | "Gen" | "Sen" | "Rep" | "Gov" | "Lt"
                | "Col" | "Capt" | "Sgt" | "Prof" | "Jr" | "Sr" | "No" | "Co" | "Corp" | "Inc"
                | "Ltd" | "Jan" | "Feb" | "Mar" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept"
                | "Oct" | "Nov" | "Dec" | "vs" | "Rev" | "Adm" | "Maj" | "Cpl" | "Pvt" | "Messrs"
        )
}

/// Split `text` into words.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut chars = text.char_indices().peekable();
    // Whether a sentence may start at the next word.
    let mut boundary = true;
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            match c {
                '.' => {
                    let after_abbreviation = tokens
                        .last()
                        .is_some_and(|t: &Token| t.end == start && is_abbreviation(t.text(text)));
                    boundary |= !after_abbreviation;
                }
                '!' | '?' | ':' | ';' | '\n' => boundary = true,
                // Opening punctuation keeps a pending boundary; other punctuation does not
                // start a sentence by itself.
                _ => {}
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut upper = usize::from(c.is_uppercase());
        let mut lower = usize::from(c.is_lowercase());
        let mut digits = usize::from(c.is_ascii_digit());
        let mut letters = usize::from(c.is_alphabetic());
        while let Some(&(i, d)) = chars.peek() {
            if is_word_char(d) {
                upper += usize::from(d.is_uppercase());
                lower += usize::from(d.is_lowercase());
                digits += usize::from(d.is_ascii_digit());
                letters += usize::from(d.is_alphabetic());
                end = i + d.len_utf8();
                chars.next();
                continue;
            }
            // An apostrophe followed by a letter stays inside the word.
            if is_apostrophe(d) && text[i + d.len_utf8()..].chars().next().is_some_and(char::is_alphabetic) {
                end = i + d.len_utf8();
                chars.next();
                continue;
            }
            break;
        }
        tokens.push(Token {
            start,
            end,
            capitalised: c.is_uppercase(),
            all_caps: upper >= 2 && lower == 0,
            numeric: digits > 0 && letters == 0,
            sentence_start: boundary,
        });
        boundary = false;
    }
    tokens
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
            ["U", "S", "troops", "at", "Lord's", "Chester", "le", "Street"]
        );
    }

    #[test]
    fn marks_sentence_starts_and_caps() {
        let text = "He left. \"Split is nice,\" NEW YORK said";
        let t = tokenize(text);
        assert!(t[0].sentence_start);
        assert!(!t[1].sentence_start);
        assert!(t[2].sentence_start && t[2].capitalised, "after a period and a quote");
        assert!(!t[3].sentence_start);
        assert!(t[5].all_caps && t[6].all_caps && !t[0].all_caps);
    }

    #[test]
    fn numbers_are_numeric() {
        let t = tokenize("Leeds 2 Chelsea 1996");
        assert!(t[1].numeric && t[3].numeric && !t[0].numeric);
    }
}
