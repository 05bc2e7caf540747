//! The fast pass of the date scan: the byte offsets where a date may start, found without
//! tokenizing (capitalised month and weekday names, digit runs with something date-like after
//! them, and a few lowercase anchors).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use memchr::memmem;

use super::super::lexicon::{self, Calendar};
use crate::extract::text::eights;

/// Lowercase words that anchor a date; their capitalised forms are found with the other
/// capitalised words.
const LOWERCASE_ANCHORS: [&str; 5] = ["yesterday", "today", "tonight", "tomorrow", "ago"];

/// One automaton for the anchors, so that the text is searched once for all of them. No
/// anchor is a part of another, so each occurrence standing alone is found.
static ANCHOR_SEARCH: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(LOWERCASE_ANCHORS)
        .ok()
});

/// Byte offsets where a date expression may start, in order: capitalised words that name a
/// month, a weekday or a relative day, digit runs with something date-like after them, and the
/// lowercase anchors. Lowercase words are never looked at one by one: they are most of the
/// text and, but for the anchors, never start a date.
pub(super) fn candidates(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let Some(next) = next_capital_or_digit(bytes, i) else {
            break;
        };
        i = next;
        let b = bytes[i];
        let start = i;
        let inside_word = start > 0 && bytes[start - 1].is_ascii_alphabetic();
        i += 1;
        if b.is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if !inside_word && date_may_follow(bytes, start, i) {
                out.push(start);
            }
        } else {
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            if !inside_word && may_start_date(&text[start..i], bytes, i) {
                out.push(start);
            }
        }
    }
    let before_lowercase = out.len();
    let alone = |at: usize, end: usize| {
        (at == 0 || !bytes[at - 1].is_ascii_alphabetic())
            && bytes.get(end).is_none_or(|b| !b.is_ascii_alphabetic())
    };
    match ANCHOR_SEARCH.as_ref() {
        Some(search) => out.extend(
            search
                .find_iter(bytes)
                .filter(|m| alone(m.start(), m.end()))
                .map(|m| m.start()),
        ),
        None => {
            for anchor in LOWERCASE_ANCHORS {
                for at in memmem::find_iter(bytes, anchor) {
                    if alone(at, at + anchor.len()) {
                        out.push(at);
                    }
                }
            }
        }
    }
    if out.len() > before_lowercase {
        out.sort_unstable();
    }
    out
}

/// The first ASCII capital or digit at or after byte `from`. Eight bytes are tested at once:
/// most of a text is lower-case letters and spaces.
pub(super) fn next_capital_or_digit(bytes: &[u8], from: usize) -> Option<usize> {
    eights::find(bytes, from, eights::capital_or_digit, |b| {
        b.is_ascii_uppercase() || b.is_ascii_digit()
    })
}

/// Whether a capitalised ASCII word, which ends at byte `end` of `bytes`, can be where a date
/// expression is anchored.
pub(super) fn may_start_date(word: &str, bytes: &[u8], end: usize) -> bool {
    match word.as_bytes()[0] {
        b'A' | b'D' | b'F' | b'J' | b'M' | b'N' | b'O' | b'S' | b'W' => {
            match lexicon::calendar(word) {
                // A month anchors only `Feb. 27` and the like (`27 Feb` is anchored at 27).
                Some(Calendar::Month(_)) => day_may_follow(bytes, end),
                Some(Calendar::Weekday(_)) => true,
                None => false,
            }
        }
        b'T' => lexicon::weekday(word).is_some() || lexicon::relative_day(word).is_some(),
        b'Y' => lexicon::relative_day(word).is_some(),
        _ => false,
    }
}

/// Whether a day may follow a month name that ends at byte `end` (`Feb. 27`, `March 3`): its
/// period, then white space and a digit. Where a byte beyond ASCII comes first (`Marché`, a
/// no-break space) the patterns decide.
pub(super) fn day_may_follow(bytes: &[u8], end: usize) -> bool {
    let mut j = end;
    if bytes.get(j) == Some(&b'.') {
        j += 1;
    }
    match bytes.get(j) {
        Some(&b) if b >= 0x80 => return true,
        Some(b) if b.is_ascii_whitespace() => {}
        _ => return false,
    }
    while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
        j += 1;
    }
    bytes
        .get(j)
        .is_some_and(|&b| b >= 0x80 || b.is_ascii_digit())
}

/// Whether a digit run `bytes[start..end]` may be part of a date, judging by the bytes around
/// it: `2025-02-27`, `10/20/2006` and `27.02.2025` by their shape, `27th` by its suffix, and
/// `27 February` or `10 days ago` by the word after it. Prices, decimals and fractions
/// (`20.5`, `3/4`) are dismissed here without being tokenized.
pub(super) fn date_may_follow(bytes: &[u8], start: usize, end: usize) -> bool {
    let Some(&next) = bytes.get(end) else {
        return false;
    };
    let after = bytes.get(end + 1).copied().unwrap_or(b' ');
    match next {
        b'-' | b'/' | b'.' => numeric_shape(bytes, start, end),
        b's' | b'n' | b'r' | b't' => matches!(
            (next, after),
            (b's', b't') | (b'n', b'd') | (b'r', b'd') | (b't', b'h')
        ),
        b' ' | b'\t' | b'\n' | b'\r' => {
            // A word after a number makes a date only after a day of one or two digits:
            // `27 February`, `10 days ago`.
            if end - start > 2 {
                return false;
            }
            let rest = &bytes[end + 1..];
            let len = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            let word = &rest[..len];
            if word == b"day" || word == b"days" {
                return ago_follows(&rest[len..]);
            }
            std::str::from_utf8(word).is_ok_and(|w| lexicon::month(w).is_some())
        }
        _ => false,
    }
}

/// Whether `ago` comes next in `rest`, after white space (`10 days ago`). Where a byte beyond
/// ASCII comes first (a no-break space) the patterns decide.
pub(super) fn ago_follows(rest: &[u8]) -> bool {
    let spaces = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let rest = &rest[spaces..];
    if rest.first().is_some_and(|&b| b >= 0x80) {
        return true;
    }
    rest.starts_with(b"ago") && rest.get(3).is_none_or(|b| !b.is_ascii_alphabetic())
}

/// Whether digits at `start..end` open `YYYY-M-D` or `D-M-YYYY` (any one of `-`, `/`, `.`).
pub(super) fn numeric_shape(bytes: &[u8], start: usize, end: usize) -> bool {
    let sep = bytes[end];
    let digits_from = |i: usize| {
        bytes.get(i..).map_or(0, |rest| {
            rest.iter().take_while(|b| b.is_ascii_digit()).count()
        })
    };
    let second = digits_from(end + 1);
    let third_at = end + 1 + second;
    if bytes.get(third_at) != Some(&sep) {
        return false;
    }
    let third = digits_from(third_at + 1);
    match end - start {
        4 => (1..=2).contains(&second) && (1..=2).contains(&third),
        1 | 2 => (1..=2).contains(&second) && third == 4,
        _ => false,
    }
}
