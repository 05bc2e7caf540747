//! The date patterns, tried on the tokens of a window around a candidate: month and day,
//! day and month, ISO and numeric dates, weekdays, relative days and `... ago`.

use chrono::{NaiveDate, Weekday};

use super::super::lexicon::{self, Tense};
use super::super::resolve::{Direction, Expr};
use super::super::tokens::Kind;
use super::{Hit, Pending, Scanner};

/// How far back a weekday looks for the verb it goes with (`will meet Bush on Thursday`).
const CLAUSE: usize = 12;

/// How far back a month and day look: only a verb right before it (`the year ended March 31`,
/// `a record set on Aug. 6`) overrides the nearest year, not a `said` a clause away.
const GOVERNING_VERB: usize = 3;

impl Scanner<'_> {
    pub(super) fn at_word(&self, i: usize) -> Option<Hit> {
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

    pub(super) fn at_number(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn month_day(&self, i: usize, weekday: Option<(usize, Weekday)>) -> Option<Hit> {
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
    pub(super) fn day_month(&self, i: usize, weekday: Option<(usize, Weekday)>) -> Option<Hit> {
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

    pub(super) fn date_hit(
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
    pub(super) fn year_after(&self, j: usize) -> (Option<i32>, usize) {
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
    pub(super) fn iso(&self, i: usize, year: u32) -> Option<Hit> {
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
    pub(super) fn numeric(&self, i: usize, first: u32) -> Option<Hit> {
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

    pub(super) fn weekday(&self, i: usize, weekday: Weekday) -> Option<Hit> {
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
    pub(super) fn relative_day(&self, i: usize, word: &str) -> Option<Hit> {
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
    pub(super) fn ago(&self, i: usize, count: u32) -> Option<Hit> {
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
}
