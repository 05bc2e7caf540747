//! Finding date expressions in text: the patterns of news prose, and the guards that keep
//! names (`Black Friday`, `USA Today`), numbers (`May 27,000`) and URLs out.
//!
//! Most of a text holds no date, so the scan runs in two steps. A fast pass over the bytes
//! stops only at capitalised words that can start a date (a month or weekday name), at numbers
//! followed by something date-like (`27 February`, `2025-02-27`, `10 days`), and at a few
//! lowercase words found with a substring search (`yesterday`, `ago`). Only around those is a
//! window of text tokenized, and the patterns tried on its tokens.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use chrono::{NaiveDate, Weekday};
use memchr::memmem;

use super::lexicon::{self, Calendar, Tense};
use super::resolve::{Direction, Expr};
use super::tokens::{Kind, Token};
use super::windows::Windows;
use crate::extract::text::eights;

/// A date expression found in the text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
}

/// Bytes of context tokenized before a possible date: enough for the verb that sets its tense
/// ([`CLAUSE`] tokens back) and for `the day before yesterday`.
const WINDOW_BEFORE: usize = 120;
/// Bytes tokenized after its start: enough for `Saturday, 25 February 2025` and a clause.
const WINDOW_AFTER: usize = 90;

/// Every date expression in `text`, in order.
pub fn scan(text: &str) -> Vec<Found> {
    let mut hits = Vec::new();
    let mut windows = Windows::new(text);
    let mut covered = 0;
    for start in candidates(text) {
        if start < covered {
            continue;
        }
        if let Some(hit) = match_at(text, start, &mut windows) {
            covered = hit.end;
            hits.push(hit);
        }
    }
    finish(hits)
}

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
fn candidates(text: &str) -> Vec<usize> {
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
fn next_capital_or_digit(bytes: &[u8], from: usize) -> Option<usize> {
    eights::find(bytes, from, eights::capital_or_digit, |b| {
        b.is_ascii_uppercase() || b.is_ascii_digit()
    })
}

/// The first date in `text` that states its year (`Fri Oct 20, 2006 6:15pm EDT` -> 2006-10-20).
pub fn first_full_date(text: &str) -> Option<NaiveDate> {
    scan(text).into_iter().find_map(|f| match f.expr {
        Expr::Full(day) => Some(day),
        _ => None,
    })
}

/// Whether a capitalised ASCII word, which ends at byte `end` of `bytes`, can be where a date
/// expression is anchored.
fn may_start_date(word: &str, bytes: &[u8], end: usize) -> bool {
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
fn day_may_follow(bytes: &[u8], end: usize) -> bool {
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
fn date_may_follow(bytes: &[u8], start: usize, end: usize) -> bool {
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
fn ago_follows(rest: &[u8]) -> bool {
    let spaces = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let rest = &rest[spaces..];
    if rest.first().is_some_and(|&b| b >= 0x80) {
        return true;
    }
    rest.starts_with(b"ago") && rest.get(3).is_none_or(|b| !b.is_ascii_alphabetic())
}

/// Whether digits at `start..end` open `YYYY-M-D` or `D-M-YYYY` (any one of `-`, `/`, `.`).
fn numeric_shape(bytes: &[u8], start: usize, end: usize) -> bool {
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

/// A date expression found at byte `start`, if the patterns match there.
fn match_at(text: &str, start: usize, windows: &mut Windows) -> Option<Spanned> {
    let from = window_start(text, start);
    let to = window_end(text, start);
    let window = windows.tokens(from..to);
    // A candidate inside a longer word (`Marché`, `xMonday`) starts no token.
    let i = window.binary_search_by_key(&start, |t| t.start).ok()?;
    let scanner = Scanner {
        text,
        tokens: window,
    };
    let hit = match window[i].kind {
        Kind::Word => scanner.at_word(i),
        Kind::Number => scanner.at_number(i),
        Kind::Punct(_) => None,
    }?;
    Some(Spanned {
        start: window[hit.first].start,
        end: window[hit.next - 1].end,
        what: hit.what,
    })
}

/// Where to start tokenizing for a candidate at `start`: some way back, at a word boundary.
fn window_start(text: &str, start: usize) -> usize {
    let mut from = start.saturating_sub(WINDOW_BEFORE);
    if from == 0 {
        return 0;
    }
    let bytes = text.as_bytes();
    while from < start && !bytes[from].is_ascii_whitespace() {
        from += 1;
    }
    from
}

/// Where to stop tokenizing for a candidate at `start`: some way on, at a word boundary.
fn window_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut to = (start + WINDOW_AFTER).min(bytes.len());
    while to < bytes.len() && !bytes[to].is_ascii_whitespace() {
        to += 1;
    }
    to
}

/// Give numeric dates their day/month order.
fn finish(hits: Vec<Spanned>) -> Vec<Found> {
    // One writer keeps one convention: a `20/10/2006` anywhere in the text says that its
    // `04/10/2006` is the 4th of October; otherwise the American month-first order holds.
    let day_first = hits.iter().any(|h| {
        matches!(h.what, Pending::Numeric { first, second, dotted: false, .. }
            if first > 12 && second <= 12)
    });
    hits.into_iter()
        .filter_map(|hit| {
            let expr = match hit.what {
                Pending::Expr(expr) => expr,
                Pending::Numeric {
                    first,
                    second,
                    year,
                    dotted,
                } => {
                    let (month, day) = if dotted || first > 12 || (day_first && second <= 12) {
                        (second, first)
                    } else {
                        (first, second)
                    };
                    Expr::Full(NaiveDate::from_ymd_opt(year, month, day)?)
                }
            };
            Some(Found {
                start: hit.start,
                end: hit.end,
                expr,
            })
        })
        .collect()
}

/// How far back a weekday looks for the verb it goes with (`will meet Bush on Thursday`).
const CLAUSE: usize = 12;

/// How far back a month and day look: only a verb right before it (`the year ended March 31`,
/// `a record set on Aug. 6`) overrides the nearest year, not a `said` a clause away.
const GOVERNING_VERB: usize = 3;

/// A match in window token indices.
struct Hit {
    first: usize,
    next: usize,
    what: Pending,
}

/// A match in text byte offsets, before numeric dates are given their day/month order.
struct Spanned {
    start: usize,
    end: usize,
    what: Pending,
}

enum Pending {
    Expr(Expr),
    /// `10/20/2006` or `20/10/2006`: which number is the day is decided once the whole text
    /// has been seen.
    Numeric {
        first: u32,
        second: u32,
        year: i32,
        dotted: bool,
    },
}

/// The patterns, run on the tokens of one window.
struct Scanner<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl Scanner<'_> {
    fn at_word(&self, i: usize) -> Option<Hit> {
        let word = self.word(i)?;
        let first = *word.as_bytes().first()?;
        if first.is_ascii_uppercase() {
            if let Some(hit) = self.month_day(i, None) {
                return Some(hit);
            }
            if let Some(weekday) = lexicon::weekday(word) {
                return self.weekday(i, weekday);
            }
        }
        if matches!(first, b'y' | b'Y' | b't' | b'T')
            && let Some(hit) = self.relative_day(i, word)
        {
            return Some(hit);
        }
        if word == "ago" && i >= 2 {
            return self.ago(i - 2, lexicon::count(self.word(i - 2)?)?);
        }
        None
    }

    fn at_number(&self, i: usize) -> Option<Hit> {
        let (value, len) = self.number(i)?;
        if self.inside_number(i) {
            return None;
        }
        match len {
            4 => self.iso(i, value),
            1 | 2 => self
                .numeric(i, value)
                .or_else(|| self.day_month(i, None))
                .or_else(|| self.ago(i, value)),
            _ => None,
        }
    }

    /// `Feb. 27`, `February 27th`, `April 10, 2025`, `Oct 20, 2006`.
    fn month_day(&self, i: usize, weekday: Option<(usize, Weekday)>) -> Option<Hit> {
        let word = self.word(i)?;
        let month = lexicon::month(word)?;
        let mut j = i + 1;
        if lexicon::is_abbreviated_month(word) && self.punct_at(j, '.') && !self.spaced(j) {
            j += 1;
        }
        if !self.spaced(j) {
            return None;
        }
        let day = self.day_number(j)?;
        j = self.after_ordinal(j + 1);
        if self.continues_number(j) {
            return None;
        }
        let (year, next) = self.year_after(j);
        let first = weekday.map_or(i, |(w, _)| w);
        self.date_hit(first, next, year, month, day, weekday.map(|(_, w)| w))
    }

    /// `27 February`, `27 Feb. 2025`, `the 27th of February`.
    fn day_month(&self, i: usize, weekday: Option<(usize, Weekday)>) -> Option<Hit> {
        let day = self.day_number(i)?;
        let mut j = self.after_ordinal(i + 1);
        if self.word(j) == Some("of") {
            j += 1;
        }
        let word = self.word(j)?;
        let month = lexicon::month(word)?;
        if !self.spaced(j) {
            return None;
        }
        j += 1;
        if lexicon::is_abbreviated_month(word) && self.punct_at(j, '.') && !self.spaced(j) {
            j += 1;
        }
        let (year, next) = self.year_after(j);
        let first = weekday.map_or(i, |(w, _)| w);
        self.date_hit(first, next, year, month, day, weekday.map(|(_, w)| w))
    }

    fn date_hit(
        &self,
        first: usize,
        next: usize,
        year: Option<i32>,
        month: u32,
        day: u32,
        weekday: Option<Weekday>,
    ) -> Option<Hit> {
        let expr = match year {
            Some(year) => Expr::Full(NaiveDate::from_ymd_opt(year, month, day)?),
            None => {
                // Reject days no year has (`Feb. 30`) right away.
                NaiveDate::from_ymd_opt(2000, month, day)?;
                Expr::MonthDay {
                    month,
                    day,
                    weekday,
                    tense: self.tense_before(first, GOVERNING_VERB),
                }
            }
        };
        Some(Hit {
            first,
            next,
            what: Pending::Expr(expr),
        })
    }

    /// A year after a day (`, 2025` or ` 2025`): the year and the token after it, or no year
    /// and `j` unchanged.
    fn year_after(&self, j: usize) -> (Option<i32>, usize) {
        let k = if self.punct_at(j, ',') { j + 1 } else { j };
        match self.number(k) {
            Some((year, 4))
                if self.spaced(k)
                    && (1000..3000).contains(&year)
                    && !self.continues_number(k + 1) =>
            {
                (i32::try_from(year).ok(), k + 1)
            }
            _ => (None, j),
        }
    }

    /// `2025-02-27`, `2025/02/27`, but not inside a path (`/2025/04/11/`).
    fn iso(&self, i: usize, year: u32) -> Option<Hit> {
        let sep = self.separator(i + 1)?;
        let (month, _) = self.short_number(i + 2)?;
        if !self.punct_at(i + 3, sep) || self.spaced(i + 3) {
            return None;
        }
        let (day, _) = self.short_number(i + 4)?;
        if self.touches(i + 5) && !self.punct_at(i + 5, '.') && !self.punct_at(i + 5, ',') {
            // `2025-02-27T10:00` is fine, `2025/02/27/slug` and `2025-02-273` are not.
            let t_suffix = self.word(i + 5).is_some_and(|w| w.starts_with('T'));
            if !t_suffix {
                return None;
            }
        }
        if sep == '/' && self.prev_touches_punct(i, '/') {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
        Some(Hit {
            first: i,
            next: i + 5,
            what: Pending::Expr(Expr::Full(date)),
        })
    }

    /// `10/20/2006`, `20.10.2006`: numbers joined by one separator, ending in a 4-digit year.
    fn numeric(&self, i: usize, first: u32) -> Option<Hit> {
        let sep = self
            .separator(i + 1)
            .or_else(|| (self.punct_at(i + 1, '.') && !self.spaced(i + 1)).then_some('.'))?;
        let (second, _) = self.short_number(i + 2)?;
        if !self.punct_at(i + 3, sep) || self.spaced(i + 3) {
            return None;
        }
        let (year, len) = self.number(i + 4)?;
        if len != 4 || self.spaced(i + 4) || !(1000..3000).contains(&year) {
            return None;
        }
        if self.touches(i + 5) && (self.punct_at(i + 5, sep) || self.number(i + 5).is_some()) {
            return None;
        }
        if self.prev_touches_punct(i, sep) {
            return None;
        }
        Some(Hit {
            first: i,
            next: i + 5,
            what: Pending::Numeric {
                first,
                second,
                year: i32::try_from(year).ok()?,
                dotted: sep == '.',
            },
        })
    }

    fn weekday(&self, i: usize, weekday: Weekday) -> Option<Hit> {
        let before = self.word_before(i);
        if before.is_some_and(lexicon::names_a_day) {
            return None;
        }
        if self.word(i + 1).is_some_and(lexicon::titles_a_day) && self.spaced(i + 1) {
            return None;
        }
        if before == Some("on") && matches!(self.word_before(i - 1), Some("Mail" | "Independent")) {
            return None;
        }
        // `Friday, Feb. 27` / `Friday Oct. 13` / `Saturday, 25 April`: one date.
        let j = if self.punct_at(i + 1, ',') {
            i + 2
        } else {
            i + 1
        };
        if let Some(hit) = self
            .month_day(j, Some((i, weekday)))
            .or_else(|| self.day_month(j, Some((i, weekday))))
        {
            return Some(hit);
        }
        let lower_before = before.map(str::to_ascii_lowercase);
        let (first, direction) = match lower_before.as_deref() {
            Some("last" | "previous") => (i - 1, Direction::Before),
            Some("next") => (i - 1, Direction::After),
            Some("coming") if self.word_before(i - 1) == Some("this") => (i - 2, Direction::After),
            Some("coming") => (i - 1, Direction::After),
            // `this Friday` is mostly the coming one, unless the clause is told in the past
            // (`This Sunday, Zapata crossed the Channel`).
            Some("this") => match self
                .tense_before(i - 1, CLAUSE)
                .or_else(|| self.tense_after(i, CLAUSE))
            {
                Some(Tense::Past) => (i - 1, Direction::OnOrBefore),
                _ => (i - 1, Direction::OnOrAfter),
            },
            // Recurring days and days counted from some other event are not one calendar day.
            Some("every" | "each" | "following" | "a" | "any") => return None,
            _ => match self
                .tense_before(i, CLAUSE)
                .or_else(|| self.tense_after(i, CLAUSE))
            {
                Some(Tense::Future) => (i, Direction::OnOrAfter),
                _ => (i, Direction::OnOrBefore),
            },
        };
        Some(Hit {
            first,
            next: i + 1,
            what: Pending::Expr(Expr::Weekday(weekday, direction)),
        })
    }

    /// `yesterday`, `today`, `tonight`, `tomorrow`, `the day before yesterday`.
    fn relative_day(&self, i: usize, word: &str) -> Option<Hit> {
        let mut offset = lexicon::relative_day(word)?;
        // A capital in mid-sentence makes it a name: `USA Today`, `VOA Today`; so does a
        // capitalised word after it in quotes: `the "Tonight Show"`.
        if word.as_bytes()[0].is_ascii_uppercase() {
            let quoted = i > 0 && self.tokens[i - 1].kind == Kind::Punct('"');
            let title_goes_on = self
                .word(i + 1)
                .is_some_and(|w| w.as_bytes()[0].is_ascii_uppercase());
            if !self.starts_sentence(i) || (quoted && title_goes_on) {
                return None;
            }
        }
        // `the world of today`, `the people of tomorrow` are times of life, not days.
        if offset >= 0 && self.word_before(i) == Some("of") {
            return None;
        }
        let mut first = i;
        let around = match offset {
            -1 => Some("before"),
            1 => Some("after"),
            _ => None,
        };
        if i >= 2
            && around.is_some()
            && self.word_before(i) == around
            && self.word_before(i - 1) == Some("day")
        {
            offset *= 2;
            let the = self
                .word_before(i - 2)
                .is_some_and(|w| w.eq_ignore_ascii_case("the"));
            first = if the { i - 3 } else { i - 2 };
        }
        Some(Hit {
            first,
            next: i + 1,
            what: Pending::Expr(Expr::Offset(offset)),
        })
    }

    /// `10 days ago`, `a day ago`: whole days back from publication. Weeks ago are left out:
    /// `two weeks ago` is rarely meant to the day.
    fn ago(&self, i: usize, count: u32) -> Option<Hit> {
        if self.word(i + 2) != Some("ago") || !(1..=60).contains(&count) {
            return None;
        }
        if !matches!(self.word(i + 1)?, "day" | "days") {
            return None;
        }
        Some(Hit {
            first: i,
            next: i + 3,
            what: Pending::Expr(Expr::Offset(-i64::from(count))),
        })
    }

    /// The tense of the clause that token `i` sits in, from the nearest cue among the `reach`
    /// tokens before it.
    fn tense_before(&self, i: usize, reach: usize) -> Option<Tense> {
        let back = (i.saturating_sub(reach)..i).rev();
        self.first_cue(back, |j| self.tokens[j + 1].paragraph)
    }

    /// The tense of the clause that token `i` opens (`On Wednesday, Eurostat will publish`),
    /// from the first cue among the `reach` tokens after it.
    fn tense_after(&self, i: usize, reach: usize) -> Option<Tense> {
        let on = i + 1..(i + 1 + reach).min(self.tokens.len());
        self.first_cue(on, |j| self.tokens[j].paragraph)
    }

    /// The first tense cue among the tokens `order`, which stops at the end of the sentence or
    /// where `breaks_before(j)` says a paragraph ends.
    fn first_cue(
        &self,
        order: impl Iterator<Item = usize>,
        breaks_before: impl Fn(usize) -> bool,
    ) -> Option<Tense> {
        for j in order {
            if breaks_before(j) {
                return None;
            }
            match self.tokens[j].kind {
                Kind::Punct('.' | '!' | '?' | ';') => return None,
                Kind::Word => {
                    if let Some(tense) = self.cue(j) {
                        return Some(tense);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The tense the word at `j` signals where it stands.
    fn cue(&self, j: usize) -> Option<Tense> {
        let word = self.word(j)?;
        let before = self.word_before(j);
        let tense = match word {
            // `set to resume`, `set for Monday`, but `a record set on Aug. 6`.
            "set" if matches!(self.word(j + 1), Some("to" | "for")) => Tense::Future,
            "set" => Tense::Past,
            // `is to resume trading Tuesday`.
            "to" if matches!(before, Some("is" | "are")) => Tense::Future,
            _ => lexicon::tense(word)?,
        };
        match tense {
            // `will be held Monday`: a participle after `be` has no tense of its own.
            Tense::Past if matches!(before, Some("be" | "being")) => None,
            // `had been due to expire Friday`, `had planned to`: a plan that lies in the past.
            Tense::Future
                if before == Some("had")
                    || (before == Some("been") && self.word_before(j - 1) == Some("had")) =>
            {
                Some(Tense::Past)
            }
            tense => Some(tense),
        }
    }

    fn starts_sentence(&self, i: usize) -> bool {
        if i == 0 || self.tokens[i].paragraph {
            return true;
        }
        matches!(
            self.tokens[i - 1].kind,
            Kind::Punct('.' | '!' | '?' | '"' | '\'' | ':' | '(' | '_' | '-' | '`')
        )
    }

    // Token helpers: all return `None`/`false` past the end of the text.

    fn word(&self, i: usize) -> Option<&str> {
        let token = self.tokens.get(i)?;
        (token.kind == Kind::Word).then(|| token.text(self.text))
    }

    /// The word right before token `i`, if the token before it is a word.
    fn word_before(&self, i: usize) -> Option<&str> {
        self.word(i.checked_sub(1)?)
    }

    fn number(&self, i: usize) -> Option<(u32, usize)> {
        let token = self.tokens.get(i)?;
        if token.kind != Kind::Number {
            return None;
        }
        let digits = token.text(self.text);
        if digits.len() > 9 {
            return None;
        }
        Some((digits.parse().ok()?, digits.len()))
    }

    /// A one- or two-digit number touching the token before it (the parts of `2025-02-27`).
    fn short_number(&self, i: usize) -> Option<(u32, usize)> {
        let (value, len) = self.number(i)?;
        (len <= 2 && !self.spaced(i)).then_some((value, len))
    }

    /// A day of the month: 1 to 31, at most two digits.
    fn day_number(&self, i: usize) -> Option<u32> {
        match self.number(i)? {
            (day, 1 | 2) if (1..=31).contains(&day) => Some(day),
            _ => None,
        }
    }

    /// The token after an ordinal suffix (`27th`), or `j` if there is none.
    fn after_ordinal(&self, j: usize) -> usize {
        match self.word(j) {
            Some("st" | "nd" | "rd" | "th") if !self.spaced(j) => j + 1,
            _ => j,
        }
    }

    /// Whether the number before token `j` goes on (`27,000`, `27.5`, `27:30`, `27%`).
    fn continues_number(&self, j: usize) -> bool {
        if !self.touches(j) {
            return false;
        }
        let digits_follow = self.number(j + 1).is_some() && !self.spaced(j + 1);
        match self.tokens[j].kind {
            Kind::Punct(',' | '.' | '/' | '-' | ':') => digits_follow,
            Kind::Punct('%') | Kind::Number => true,
            _ => false,
        }
    }

    /// Whether a number at `i` is the tail of a longer figure (`1.27 February`, `3,2025`).
    fn inside_number(&self, i: usize) -> bool {
        if i == 0 || self.spaced(i) {
            return false;
        }
        match self.tokens[i - 1].kind {
            Kind::Punct(',' | '.' | ':') => i >= 2 && self.number(i - 2).is_some(),
            Kind::Word | Kind::Number => true,
            _ => false,
        }
    }

    /// A `-` or `/` touching the tokens on both sides.
    fn separator(&self, i: usize) -> Option<char> {
        let token = self.tokens.get(i)?;
        match token.kind {
            Kind::Punct(c @ ('-' | '/')) if !token.spaced => Some(c),
            _ => None,
        }
    }

    fn punct_at(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is_punct(c))
    }

    /// Whether token `i` exists and no space separates it from the one before.
    fn touches(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| !t.spaced)
    }

    /// Whether white space comes before token `i` (true past the end).
    fn spaced(&self, i: usize) -> bool {
        self.tokens.get(i).is_none_or(|t| t.spaced)
    }

    fn prev_touches_punct(&self, i: usize, c: char) -> bool {
        i > 0 && !self.spaced(i) && self.punct_at(i - 1, c)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn capitals_and_digits_are_found_eight_bytes_at_a_time(
            text in "([a-z .,]{0,12}|[A-Z0-9]|[@\\[`{/:]|\u{e9}|\u{c9}|\u{2019}){0,30}",
            from in 0usize..8,
        ) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let expected = bytes[from..]
                .iter()
                .position(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                .map(|p| from + p);
            prop_assert_eq!(next_capital_or_digit(bytes, from), expected);
        }

        #[test]
        fn months_passed_over_match_nothing(
            text in "(Feb|March|Sept|May|Monday|[.,x]|[ \n]|\u{a0}|\u{e9}|[0-9]{1,4}){0,16}"
        ) {
            let bytes = text.as_bytes();
            for at in 0..bytes.len() {
                if !bytes[at].is_ascii_uppercase() || at > 0 && bytes[at - 1].is_ascii_alphabetic() {
                    continue;
                }
                let end = at + bytes[at..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
                if lexicon::month(&text[at..end]).is_some() && !day_may_follow(bytes, end) {
                    prop_assert!(match_at(&text, at, &mut Windows::new(&text)).is_none(), "{}", at);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn numbers_passed_over_match_nothing(
            text in "([0-9]{1,4}( |\n|\u{a0})(day|days|Feb|February|of|x)( |\n|\u{a0}|,)(ago|agony|2025|x)[ .,]?){1,4}"
        ) {
            let bytes = text.as_bytes();
            for at in 0..bytes.len() {
                let inside = at > 0 && (bytes[at - 1].is_ascii_alphanumeric());
                if !bytes[at].is_ascii_digit() || inside {
                    continue;
                }
                let end = at + bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
                // What a word after one white space used to let through.
                let word_after = bytes.get(end).is_some_and(|b| b" \t\n\r".contains(b)) && {
                    let rest = &bytes[end + 1..];
                    let len = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
                    let w = &text[end + 1..end + 1 + len];
                    w == "day" || w == "days" || lexicon::month(w).is_some()
                };
                if word_after && !date_may_follow(bytes, at, end) {
                    prop_assert!(match_at(&text, at, &mut Windows::new(&text)).is_none(), "{}", at);
                }
            }
        }
    }

    #[test]
    fn numbers_before_words_are_candidates_only_as_days() {
        assert_eq!(candidates("3 days ago and 10 days later"), [0, 7]);
        assert_eq!(
            candidates("in 2008 February, 27 February, 100 days ago"),
            [18, 40]
        );
        assert_eq!(candidates("2 days\u{a0}ago"), [0, 8]);
    }

    #[test]
    fn a_month_is_a_candidate_only_with_a_day_after_it() {
        assert_eq!(candidates("on Feb. 27 and March 3"), [3, 15]);
        assert_eq!(candidates("in March, May and Sept\u{a0}4"), [18]);
        assert_eq!(candidates("in March 2025"), [3]);
        assert_eq!(candidates("Marché 27"), [0]);
    }

    fn exprs(text: &str) -> Vec<(&str, Expr)> {
        scan(text)
            .into_iter()
            .map(|f| (&text[f.start..f.end], f.expr))
            .collect()
    }

    /// Each text holds exactly one date expression: this mention, read as this.
    fn each_finds(cases: &[(&str, &str, Expr)]) {
        for &(text, mention, expr) in cases {
            assert_eq!(exprs(text), vec![(mention, expr)], "{text}");
        }
    }

    fn finds_nothing(texts: &[&str]) {
        for text in texts {
            assert_eq!(exprs(text), vec![], "{text}");
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn full(s: &str) -> Expr {
        Expr::Full(day(s))
    }

    fn md(month: u32, day: u32) -> Expr {
        Expr::MonthDay {
            month,
            day,
            weekday: None,
            tense: None,
        }
    }

    fn wd(weekday: Weekday, direction: Direction) -> Expr {
        Expr::Weekday(weekday, direction)
    }

    #[test]
    fn month_day_forms() {
        each_finds(&[
            ("on Feb. 27 in", "Feb. 27", md(2, 27)),
            ("on February 27th.", "February 27th", md(2, 27)),
            ("Sept. 3", "Sept. 3", md(9, 3)),
            ("on 27 February", "27 February", md(2, 27)),
            ("the 27th of February", "27th of February", md(2, 27)),
        ]);
    }

    #[test]
    fn explicit_years() {
        each_finds(&[
            ("April 10, 2025", "April 10, 2025", full("2025-04-10")),
            ("27 Feb 2025", "27 Feb 2025", full("2025-02-27")),
            ("27 Feb. 2025,", "27 Feb. 2025", full("2025-02-27")),
            ("on 2025-02-27.", "2025-02-27", full("2025-02-27")),
            (
                "Fri Oct 20, 2006 6:15pm",
                "Oct 20, 2006",
                full("2006-10-20"),
            ),
            ("27.02.2025", "27.02.2025", full("2025-02-27")),
        ]);
    }

    #[test]
    fn numbers_that_are_not_days() {
        finds_nothing(&[
            "May 2025 was warm",
            "in March 27,000 people",
            "by May 5.5 percent",
            "Feb. 30",
            "may 5",
            "the 1.27 February figure",
            // Fractions, scores and versions have no four-digit year.
            "won 3/4 of 10/12 votes, v1.2.3",
            // URL paths.
            "see example.com/2025/04/11/story",
            "see /2025/04/11",
        ]);
    }

    #[test]
    fn numeric_dates_follow_the_text_convention() {
        let values = |text| -> Vec<Expr> { exprs(text).into_iter().map(|f| f.1).collect() };
        assert_eq!(
            values("on 10/20/2006 and 04/10/2006"),
            vec![full("2006-10-20"), full("2006-04-10")]
        );
        assert_eq!(
            values("on 20/10/2006 and 04/10/2006"),
            vec![full("2006-10-20"), full("2006-10-04")]
        );
    }

    #[test]
    fn weekdays_and_their_direction() {
        use Direction::*;
        each_finds(&[
            (
                "Ushakov said Wednesday",
                "Wednesday",
                wd(Weekday::Wed, OnOrBefore),
            ),
            (
                "a call last Wednesday",
                "last Wednesday",
                wd(Weekday::Wed, Before),
            ),
            (
                "They meet next Monday",
                "next Monday",
                wd(Weekday::Mon, After),
            ),
            (
                "They will meet on Monday",
                "Monday",
                wd(Weekday::Mon, OnOrAfter),
            ),
            (
                "a deal set to close Monday",
                "Monday",
                wd(Weekday::Mon, OnOrAfter),
            ),
            (
                "On Friday, Eurostat will publish",
                "Friday",
                wd(Weekday::Fri, OnOrAfter),
            ),
            (
                "On Friday, both companies posted",
                "Friday",
                wd(Weekday::Fri, OnOrBefore),
            ),
            (
                "They meet this Friday",
                "this Friday",
                wd(Weekday::Fri, OnOrAfter),
            ),
            (
                "This Sunday, Zapata crossed",
                "This Sunday",
                wd(Weekday::Sun, OnOrBefore),
            ),
            // The nearest cue wins: the statement was made Wednesday, about the future.
            (
                "Talks will go on, he said Wednesday",
                "Wednesday",
                wd(Weekday::Wed, OnOrBefore),
            ),
        ]);
    }

    #[test]
    fn tense_cues_in_context() {
        use Direction::*;
        let ended = Expr::MonthDay {
            month: 3,
            day: 31,
            weekday: None,
            tense: Some(Tense::Past),
        };
        each_finds(&[
            // A plan that lay in the past.
            (
                "It had been due to expire Friday.",
                "Friday",
                wd(Weekday::Fri, OnOrBefore),
            ),
            // A participle after `be` does not make the clause past.
            (
                "The vote will be held on Monday.",
                "Monday",
                wd(Weekday::Mon, OnOrAfter),
            ),
            (
                "He and Arafat meet separately Monday.",
                "Monday",
                wd(Weekday::Mon, OnOrAfter),
            ),
            // A verb right before a month and day is kept to choose its year...
            ("in the year ended March 31.", "March 31", ended),
            // ...but not a `said` a clause away.
            (
                "He said talks could resume on Feb. 27.",
                "Feb. 27",
                md(2, 27),
            ),
        ]);
    }

    #[test]
    fn weekday_with_a_date_is_one_date() {
        let saturday_april_25 = Expr::MonthDay {
            month: 4,
            day: 25,
            weekday: Some(Weekday::Sat),
            tense: None,
        };
        let friday_oct_13 = Expr::MonthDay {
            month: 10,
            day: 13,
            weekday: Some(Weekday::Fri),
            tense: None,
        };
        each_finds(&[
            (
                "on Saturday, April 25: The",
                "Saturday, April 25",
                saturday_april_25,
            ),
            ("Friday Oct. 13 alone", "Friday Oct. 13", friday_oct_13),
        ]);
    }

    #[test]
    fn named_days_are_not_dates() {
        finds_nothing(&[
            "shoppers on Black Friday",
            "after Super Tuesday",
            "the Sunday Times reported",
            "told the Mail on Sunday",
            "open every Monday",
            "on Mondays",
            "on monday",
        ]);
    }

    #[test]
    fn relative_days() {
        each_finds(&[
            ("said yesterday", "yesterday", Expr::Offset(-1)),
            ("Today, he", "Today", Expr::Offset(0)),
            ("due tomorrow.", "tomorrow", Expr::Offset(1)),
            ("tonight", "tonight", Expr::Offset(0)),
            (
                "the day before yesterday",
                "the day before yesterday",
                Expr::Offset(-2),
            ),
            (
                "Yesterday New York's governor",
                "Yesterday",
                Expr::Offset(-1),
            ),
            ("10 days ago", "10 days ago", Expr::Offset(-10)),
            ("two days ago", "two days ago", Expr::Offset(-2)),
            ("a day ago", "a day ago", Expr::Offset(-1)),
        ]);
        finds_nothing(&[
            "told USA Today and VOA Today",
            "the people of tomorrow",
            "on the \"Tonight Show\" during",
            "two weeks ago",
            "a year ago",
            "todays",
        ]);
    }

    #[test]
    fn first_full_date_reads_header_lines() {
        for (line, expected) in [
            ("Fri Oct 20, 2006 6:15pm EDT", Some(day("2006-10-20"))),
            ("Friday, January 4, 2019", Some(day("2019-01-04"))),
            ("Fri, 04 Jan 2019 10:00:00 +0000", Some(day("2019-01-04"))),
            ("Friday, January 4", None),
        ] {
            assert_eq!(first_full_date(line), expected, "{line}");
        }
    }
}
