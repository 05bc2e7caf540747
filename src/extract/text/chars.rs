//! Unicode character classes for the tokenizers, cached per block of code points.
//!
//! `char::is_alphanumeric` and friends answer ASCII at once but look anything else up in
//! compressed tables: several hundred instructions for a Devanagari or Cyrillic letter, and
//! the tokenizers ask about every character of a word. Here each block of 128 code points of
//! the Basic Multilingual Plane is classified once, on first use, through the standard library
//! itself (so the answers are exactly `char`'s), and then answered by one table read.

use std::sync::OnceLock;

/// `char::is_alphabetic`.
const ALPHA: u8 = 1;
/// `char::is_numeric`.
const NUMERIC: u8 = 1 << 1;
/// `char::is_uppercase`.
const UPPER: u8 = 1 << 2;
/// `char::is_lowercase`.
const LOWER: u8 = 1 << 3;
/// `char::is_whitespace`.
const SPACE: u8 = 1 << 4;

const BLOCK: usize = 128;
const BLOCKS: usize = 0x1_0000 / BLOCK;

static TABLE: [OnceLock<[u8; BLOCK]>; BLOCKS] = [const { OnceLock::new() }; BLOCKS];

fn compute(c: char) -> u8 {
    let mut class = 0;
    if c.is_alphabetic() {
        class |= ALPHA;
    }
    if c.is_numeric() {
        class |= NUMERIC;
    }
    if c.is_uppercase() {
        class |= UPPER;
    }
    if c.is_lowercase() {
        class |= LOWER;
    }
    if c.is_whitespace() {
        class |= SPACE;
    }
    class
}

/// The class bits of `c`.
#[inline]
fn class(c: char) -> u8 {
    let code = c as usize;
    if code >= 0x1_0000 {
        return compute(c);
    }
    let block = TABLE[code / BLOCK].get_or_init(|| {
        let base = (code / BLOCK * BLOCK) as u32;
        std::array::from_fn(|k| char::from_u32(base + k as u32).map_or(0, compute))
    });
    block[code % BLOCK]
}

/// `c.is_alphanumeric()`.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    class(c) & (ALPHA | NUMERIC) != 0
}

/// `c.is_alphabetic()`.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    class(c) & ALPHA != 0
}

/// `c.is_numeric()`.
#[inline]
pub(crate) fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    class(c) & NUMERIC != 0
}

/// `c.is_uppercase()`.
#[inline]
pub(crate) fn is_uppercase(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    class(c) & UPPER != 0
}

/// `c.is_lowercase()`.
#[inline]
pub(crate) fn is_lowercase(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    class(c) & LOWER != 0
}

/// `c.is_whitespace()`.
#[inline]
pub(crate) fn is_whitespace(c: char) -> bool {
    if c.is_ascii() {
        // `char::is_whitespace` on ASCII: space, \t, \n, \x0B, \x0C, \r.
        return matches!(c, ' ' | '\t'..='\r');
    }
    class(c) & SPACE != 0
}

/// A combining mark (accents written after their letter, `e\u{301}`): part of the word it
/// follows, and dropped when words are folded.
pub(crate) fn is_combining(c: char) -> bool {
    c >= '\u{300}'
        && matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_agrees_with_char() {
        let sample = (0..0x3_0000u32)
            .step_by(7)
            .chain(0..0x3000)
            .chain([
                0x0B, 0x0C, 0x85, 0xA0, 0x2028, 0x1_D400, 0x1_F600, 0x10_FFFF,
            ])
            .filter_map(char::from_u32);
        for c in sample {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lowercase(c), c.is_lowercase(), "{c:?}");
            assert_eq!(is_whitespace(c), c.is_whitespace(), "{c:?}");
        }
    }
}
