//! Folding words for comparison: lower case, accents stripped, curly apostrophes and dashes
//! straightened (`Sánchez` and `SANCHEZ` are one key), as a string, as folded bytes on the
//! stack ([`Folded`]) for table lookups, or as a 64-bit key.

use std::hash::Hasher;

use rustc_hash::FxHasher;

use super::chars::is_combining;
use super::packed;

/// Lowercase `word` into `buf` when it is short ASCII, else into a new string, and call `f`.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if word.len() <= buf.len() && word.is_ascii() {
        let out = &mut buf[..word.len()];
        out.copy_from_slice(word.as_bytes());
        out.make_ascii_lowercase();
        // ASCII in, ASCII out: the bytes are valid UTF-8.
        match std::str::from_utf8(out) {
            Ok(s) => f(s),
            Err(_) => f(&word.to_lowercase()),
        }
    } else {
        f(&word.to_lowercase())
    }
}

/// Lowercase ASCII-folded form of a name part: `Darchiyev` -> `darchiyev`, `Sánchez` -> `sanchez`,
/// curly apostrophes straightened.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match c {
            '’' | '‘' => out.push('\''),
            '‐' | '‑' | '–' | '—' => out.push('-'),
            _ => {
                if let Some(base) = fold_latin(c) {
                    out.push_str(base);
                } else if !is_combining(c) {
                    out.extend(c.to_lowercase());
                }
            }
        }
    }
    out
}

/// A 64-bit key for the folded form of `parts` joined by single spaces (`["New", "York"]` and
/// `"new york"` give the same key): rustc-hash's hash of the [`Folded`] text ([`packed`] when
/// short). Names in one article are linked by it (`names::Key`); word tables are keyed by the
/// folded text itself.
pub fn fold_key<'a>(parts: impl IntoIterator<Item = &'a str>) -> u64 {
    key_of_folded(Folded::of(parts).bytes())
}

/// [`fold_key`] of one word; a short ASCII word, most of them, is lower-cased in its pack.
pub fn fold_key_word(word: &str) -> u64 {
    if word.is_ascii()
        && let Some(packed) = packed::pack(word.as_bytes())
    {
        let mut bytes = packed.to_le_bytes();
        bytes[..packed::MAX_PACKED].make_ascii_lowercase();
        return key_of_packed(u128::from_le_bytes(bytes));
    }
    fold_key([word])
}

fn key_of_folded(bytes: &[u8]) -> u64 {
    match packed::pack(bytes) {
        Some(packed) => key_of_packed(packed),
        None => {
            let mut h = FxHasher::default();
            h.write(bytes);
            h.finish()
        }
    }
}

fn key_of_packed(packed: u128) -> u64 {
    let mut h = FxHasher::default();
    h.write_u128(packed);
    h.finish()
}

/// The folded form of some words joined by single spaces (lower case, accents stripped, curly
/// apostrophes and dashes straightened, as [`fold`]), on the stack while it is short: the key
/// the word tables are looked up by, without allocating.
pub struct Folded {
    buf: [u8; 96],
    len: usize,
    spill: Vec<u8>,
}

impl Default for Folded {
    fn default() -> Self {
        Folded {
            buf: [0; 96],
            len: 0,
            spill: Vec::new(),
        }
    }
}

impl Folded {
    /// `parts` folded and joined by single spaces.
    pub fn of<'a>(parts: impl IntoIterator<Item = &'a str>) -> Folded {
        let mut folded = Folded::default();
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                folded.push(b" ");
            }
            folded.push_folded(part);
        }
        folded
    }

    fn push(&mut self, bytes: &[u8]) {
        if self.spill.is_empty() && self.len + bytes.len() <= self.buf.len() {
            self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
            self.len += bytes.len();
        } else {
            if self.spill.is_empty() {
                self.spill.extend_from_slice(&self.buf[..self.len]);
            }
            self.spill.extend_from_slice(bytes);
        }
    }

    /// The folded text's bytes (UTF-8).
    pub fn bytes(&self) -> &[u8] {
        if self.spill.is_empty() {
            &self.buf[..self.len]
        } else {
            &self.spill
        }
    }

    /// Push `part` lower-cased, accents stripped, curly apostrophes and dashes straightened.
    fn push_folded(&mut self, part: &str) {
        if part.is_ascii() {
            let from = self.bytes().len();
            self.push(part.as_bytes());
            let pushed = if self.spill.is_empty() {
                &mut self.buf[from..self.len]
            } else {
                &mut self.spill[from..]
            };
            pushed.make_ascii_lowercase();
            return;
        }
        for c in part.chars() {
            if c.is_ascii() {
                self.push(&[c.to_ascii_lowercase() as u8]);
                continue;
            }
            match c {
                '’' | '‘' => self.push(b"'"),
                '‐' | '‑' | '–' | '—' => self.push(b"-"),
                _ => {
                    if let Some(base) = fold_latin(c) {
                        self.push(base.as_bytes());
                    } else if !is_combining(c) {
                        for l in c.to_lowercase() {
                            let mut utf8 = [0u8; 4];
                            self.push(l.encode_utf8(&mut utf8).as_bytes());
                        }
                    }
                }
            }
        }
    }
}

/// The ASCII base letters of common accented Latin letters.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => "c",
        'Ď' | 'ď' | 'Đ' | 'đ' | 'Ð' | 'ð' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => "e",
        'Ğ' | 'ğ' => "g",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'İ' | 'ı' => "i",
        'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' | 'ß' => "s",
        'Ť' | 'ť' | 'Ţ' | 'ţ' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => "u",
        'Ý' | 'ý' | 'ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keys_ignore_case_accents_and_length() {
        assert_eq!(fold_key(["New", "York"]), fold_key(["new york"]));
        assert_eq!(fold_key(["Sánchez"]), fold_key(["sanchez"]));
        assert_ne!(fold_key(["newyork"]), fold_key(["new", "york"]));
        let long = "x".repeat(300);
        assert_eq!(
            fold_key([long.as_str()]),
            fold_key([long.to_uppercase().as_str()])
        );
    }

    #[test]
    fn folded_words_are_their_fold() {
        for word in [
            "",
            "a",
            "Ab",
            "ABC",
            "Kiev",
            "Moscow",
            "Ushakov",
            "Darchiyev",
            "Washington",
            "Saint-Petersburg",
            "Ouagadougou-Bobo",
            "New York",
            "São Paulo",
            "O’Brien",
            "Ærø",
        ] {
            let folded = fold(word);
            assert_eq!(Folded::of([word]).bytes(), folded.as_bytes(), "{word}");
            assert_eq!(fold_key([word]), fold_key_word(&folded), "{word}");
        }
        assert_ne!(fold_key(["ab"]), fold_key(["ba"]));
        assert_ne!(fold_key(["abcdefghi"]), fold_key(["abcdefghj"]));
        assert_ne!(fold_key(["a"]), fold_key([""]));
    }

    #[test]
    fn fold_strips_accents_and_case() {
        assert_eq!(fold("Sánchez"), "sanchez");
        assert_eq!(fold("O’Gorman"), "o'gorman");
        assert_eq!(with_lowercase("Kremlin", |w| w.to_string()), "kremlin");
    }
}
