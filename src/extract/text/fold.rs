//! Folding words for comparison: lower case, accents stripped, curly apostrophes and dashes
//! straightened (`Sánchez` and `SANCHEZ` are one key), as a string, as folded bytes on the
//! stack ([`Folded`]) for table lookups, or as a 64-bit key.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

use super::chars::is_combining;
use super::packed;

/// Lowercase ASCII-folded form of a name part: `Darchiyev` -> `darchiyev`, `Sánchez` -> `sanchez`,
/// `Ștefănescu` -> `stefanescu`, curly apostrophes straightened (see [`fold_char`]).
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold_char(c, |f| out.push(f));
        }
    }
    out
}

/// The folded form of a non-ASCII character, a character at a time: curly apostrophes and
/// dashes straightened; a letter of the Latin script lower-cased to its ASCII base letters,
/// by its Unicode compatibility decomposition (NFKD: `ș` is `s` and a comma below, `ệ` is `e`
/// and two marks) without the marks, and by `deunicode` for the letters that decompose into
/// none (`ł`, `ø`, `đ`, `ß`, `æ`); a combining mark dropped. Letters of other scripts are only
/// lower-cased (`й` stays apart from `и`).
pub(super) fn fold_char(c: char, mut push: impl FnMut(char)) {
    match c {
        '’' | '‘' => push('\''),
        '‐' | '‑' | '–' | '—' => push('-'),
        c if is_latin(c) => unicode_normalization::char::decompose_compatible(c, |d| {
            if d.is_ascii() {
                push(d.to_ascii_lowercase());
            } else if is_combining(d) {
            } else if let Some(ascii) = latin_letter_in_ascii(d) {
                ascii.chars().for_each(|a| push(a.to_ascii_lowercase()));
            } else {
                d.to_lowercase().for_each(&mut push);
            }
        }),
        c if is_combining(c) => {}
        c => c.to_lowercase().for_each(push),
    }
}

/// Whether `c` is a letter (or ligature) of the blocks of the Latin script beyond ASCII.
fn is_latin(c: char) -> bool {
    matches!(c as u32,
        0x00C0..=0x024F // Latin-1 letters, Latin Extended-A and -B
        | 0x1E00..=0x1EFF // Latin Extended Additional (Vietnamese)
        | 0x2C60..=0x2C7F // Latin Extended-C
        | 0xA720..=0xA7FF // Latin Extended-D
        | 0xFB00..=0xFB06 // Latin ligatures (`ﬁ`)
        | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A // full-width letters
    ) && c.is_alphabetic()
}

/// `deunicode`'s ASCII letters for a Latin letter that has no decomposition (`ł` -> `l`,
/// `ß` -> `ss`), if they are letters.
fn latin_letter_in_ascii(c: char) -> Option<&'static str> {
    deunicode::deunicode_char(c)
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphabetic()) && is_latin(c))
}

/// A 64-bit key for the folded form of `parts` joined by single spaces (`["New", "York"]` and
/// `"new york"` give the same key): rustc-hash's hash of the [`Folded`] text ([`packed`] when
/// short). Names in one article are linked by it (`names::Key`); word tables are keyed by the
/// folded text itself.
pub(crate) fn fold_key<'a>(parts: impl IntoIterator<Item = &'a str>) -> u64 {
    key_of_folded(Folded::of(parts).bytes())
}

/// [`fold_key`] of one word; a short ASCII word, most of them, is lower-cased in its pack.
pub(crate) fn fold_key_word(word: &str) -> u64 {
    match packed::pack_ascii_lowercase(word) {
        Some(packed) => key_of_packed(packed),
        None => fold_key([word]),
    }
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

fn key_of_packed(packed: packed::Packed) -> u64 {
    let mut h = FxHasher::default();
    packed.hash(&mut h);
    h.finish()
}

/// The folded form of some words joined by single spaces (lower case, accents stripped, curly
/// apostrophes and dashes straightened, as [`fold`]), on the stack while it is short: the key
/// the word tables are looked up by, without allocating.
pub(crate) struct Folded {
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
    #[inline]
    pub(crate) fn of<'a>(parts: impl IntoIterator<Item = &'a str>) -> Folded {
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
    pub(crate) fn bytes(&self) -> &[u8] {
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
            let mut utf8 = [0u8; 4];
            fold_char(c, |f| self.push(f.encode_utf8(&mut utf8).as_bytes()));
        }
    }
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
    fn fold_strips_the_marks_of_every_latin_alphabet() {
        for (word, folded) in [
            // Romanian: comma below (`ș` `ț`) and the older cedilla (`ş` `ţ`), `ă` `â` `î`.
            ("Ștefănescu", "stefanescu"),
            ("ȚIRIAC", "tiriac"),
            ("Şerban Ţurcanu", "serban turcanu"),
            ("Brâncuși", "brancusi"),
            ("Cîmpina", "cimpina"),
            // Slovak, Czech.
            ("Ľubomír Ĺudovít", "lubomir ludovit"),
            ("Dvořák", "dvorak"),
            // Polish `ł`, which decomposes into nothing.
            ("Łukasz Wałęsa", "lukasz walesa"),
            // German.
            ("Straße", "strasse"),
            ("Müller", "muller"),
            // Scandinavian.
            ("Søren Ålborg", "soren alborg"),
            ("Ærø", "aero"),
            // Vietnamese: stacked marks, the horn (`ơ` `ư`) and `đ`.
            ("Nguyễn Tấn Dũng", "nguyen tan dung"),
            ("Trương Đặng", "truong dang"),
            ("Phạm Bình Minh", "pham binh minh"),
            // Turkish dotted and dotless i, Icelandic, a ligature.
            ("İstanbul Işık", "istanbul isik"),
            ("Þórður", "thordur"),
            ("ﬁnance", "finance"),
            // Letters of other scripts keep their marks: only their case is folded.
            ("Йошкар-Ола", "йошкар-ола"),
        ] {
            assert_eq!(fold(word), folded, "{word}");
            assert_eq!(Folded::of([word]).bytes(), folded.as_bytes(), "{word}");
        }
        // A mark written after its letter goes as the precomposed letter's does.
        assert_eq!(fold("s\u{326}tefa\u{306}nescu"), "stefanescu");
    }

    #[test]
    fn fold_strips_accents_and_case() {
        assert_eq!(fold("Sánchez"), "sanchez");
        assert_eq!(fold("O’Gorman"), "o'gorman");
    }
}
