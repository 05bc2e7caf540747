//! Turning what a date expression says into a calendar day, given when the article appeared.

use chrono::{Datelike, Days, NaiveDate, Weekday};

pub(crate) use super::lexicon::Tense;

/// What is known about when an article was published: the anchor for partial dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reference {
    /// The publication date, when metadata, a header line or the article's own URL gives it.
    pub published: Option<NaiveDate>,
    /// A day the article cannot predate: the newest date in the URLs of articles it links to.
    pub not_before: Option<NaiveDate>,
}

impl Reference {
    /// A reference with a known publication date.
    pub fn published(day: NaiveDate) -> Reference {
        Reference {
            published: Some(day),
            not_before: None,
        }
    }

    /// The day a month and day without a year are read against: the publication date, else the
    /// lower bound (the article appeared on or after it, so it is the best guess of "now" there is).
    fn year_anchor(&self) -> Option<NaiveDate> {
        self.published.or(self.not_before)
    }
}

/// Which way a weekday points from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// The latest such day on or before publication (`said Wednesday`).
    OnOrBefore,
    /// Strictly before (`last Wednesday` in an article of a Wednesday is a week back).
    Before,
    /// The first such day on or after publication (`will meet Monday`).
    OnOrAfter,
    /// Strictly after (`next Monday`).
    After,
}

/// A date expression as written, before it is placed on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expr {
    /// A complete date (`April 10, 2025`, `2025-04-10`).
    Full(NaiveDate),
    /// A month and day without a year (`Feb. 27`), maybe with the weekday it was said to be
    /// and the tense of the verb it goes with (`the year ended March 31`).
    MonthDay {
        month: u32,
        day: u32,
        weekday: Option<Weekday>,
        tense: Option<Tense>,
    },
    /// A weekday (`Wednesday`, `last Wednesday`).
    Weekday(Weekday, Direction),
    /// Days from publication (`yesterday` = -1).
    Offset(i64),
}

impl Expr {
    /// The day this expression names, if `reference` is enough to tell.
    pub(crate) fn resolve(self, reference: &Reference) -> Option<NaiveDate> {
        match self {
            Expr::Full(day) => Some(day),
            Expr::MonthDay {
                month,
                day,
                weekday,
                tense,
            } => nearest_year(month, day, weekday, tense, reference.year_anchor()?),
            Expr::Weekday(weekday, direction) => {
                Some(weekday_from(reference.published?, weekday, direction))
            }
            Expr::Offset(days) => add_days(reference.published?, days),
        }
    }
}

/// The `month`/`day` nearest to `anchor`: news is mostly about the recent past and the near
/// future, so a bare `Dec. 15` in an article of November is next month, and in one of
/// February it is the December just gone. A weekday given with it (`Saturday, April 25`)
/// picks the year it fits, when one of the near years does; a verb in the past (`ended
/// March 31`) or the future (`due June 1`) picks the year on that side of `anchor`.
fn nearest_year(
    month: u32,
    day: u32,
    weekday: Option<Weekday>,
    tense: Option<Tense>,
    anchor: NaiveDate,
) -> Option<NaiveDate> {
    let candidates = (anchor.year() - 1..=anchor.year() + 1)
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day));
    let distance = |d: &NaiveDate| (*d - anchor).num_days().abs();
    if let Some(w) = weekday {
        let fitting = candidates
            .clone()
            .filter(|d| d.weekday() == w)
            .min_by_key(distance);
        if fitting.is_some() {
            return fitting;
        }
    }
    let nearest = candidates.clone().min_by_key(distance)?;
    // Within a couple of months the nearest year is right whatever the verb: `extended to
    // Nov. 20` written on Nov. 2 is this month, and tense cues are too rough to overrule that.
    if distance(&nearest) <= TENSE_OVERRULES_AFTER_DAYS {
        return Some(nearest);
    }
    let on_its_side = match tense {
        Some(Tense::Past) if nearest > anchor => candidates.filter(|d| *d <= anchor).max(),
        Some(Tense::Future) if nearest < anchor => candidates.filter(|d| *d >= anchor).min(),
        _ => None,
    };
    Some(on_its_side.unwrap_or(nearest))
}

/// How far from the anchor the nearest year must be before a verb's tense may move it.
const TENSE_OVERRULES_AFTER_DAYS: i64 = 60;

fn weekday_from(published: NaiveDate, weekday: Weekday, direction: Direction) -> NaiveDate {
    let today = i64::from(published.weekday().num_days_from_monday());
    let target = i64::from(weekday.num_days_from_monday());
    let back = (today - target).rem_euclid(7);
    let ahead = (target - today).rem_euclid(7);
    let offset = match direction {
        Direction::OnOrBefore => -back,
        Direction::Before if back == 0 => -7,
        Direction::Before => -back,
        Direction::OnOrAfter => ahead,
        Direction::After if ahead == 0 => 7,
        Direction::After => ahead,
    };
    // A week either way from a valid date stays valid except at the ends of chrono's range.
    add_days(published, offset).unwrap_or(published)
}

fn add_days(day: NaiveDate, offset: i64) -> Option<NaiveDate> {
    let magnitude = Days::new(offset.unsigned_abs());
    if offset < 0 {
        day.checked_sub_days(magnitude)
    } else {
        day.checked_add_days(magnitude)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn on(published: &str) -> Reference {
        Reference::published(day(published))
    }

    #[test]
    fn month_day_takes_the_nearest_year() {
        let md = |month, d| Expr::MonthDay {
            month,
            day: d,
            weekday: None,
            tense: None,
        };
        assert_eq!(
            md(2, 27).resolve(&on("2025-04-11")),
            Some(day("2025-02-27"))
        );
        // Early November: December is ahead, in the same year; January is next year.
        assert_eq!(
            md(12, 15).resolve(&on("1989-11-02")),
            Some(day("1989-12-15"))
        );
        assert_eq!(md(1, 2).resolve(&on("1989-11-02")), Some(day("1990-01-02")));
        // Early January: late December is the one just gone.
        assert_eq!(
            md(12, 28).resolve(&on("2019-01-04")),
            Some(day("2018-12-28"))
        );
    }

    #[test]
    fn a_weekday_given_with_the_date_picks_its_year() {
        let expr = Expr::MonthDay {
            month: 4,
            day: 25,
            weekday: Some(Weekday::Sat),
            tense: None,
        };
        // Nearest alone would give 1997-04-25, a Friday; the Saturday is 1998-04-25.
        assert_eq!(expr.resolve(&on("1997-09-01")), Some(day("1998-04-25")));
    }

    #[test]
    fn the_tense_of_the_verb_picks_the_side() {
        let md = |month, d, tense| Expr::MonthDay {
            month,
            day: d,
            weekday: None,
            tense,
        };
        let r = on("1989-11-01");
        // Nearest alone: March 31 of next year (150 days) rather than this year's (215).
        assert_eq!(md(3, 31, None).resolve(&r), Some(day("1990-03-31")));
        assert_eq!(
            md(3, 31, Some(Tense::Past)).resolve(&r),
            Some(day("1989-03-31"))
        );
        let r = on("1989-10-26");
        assert_eq!(md(6, 1, None).resolve(&r), Some(day("1989-06-01")));
        assert_eq!(
            md(6, 1, Some(Tense::Future)).resolve(&r),
            Some(day("1990-06-01"))
        );
        // A tense that agrees with the nearest year changes nothing.
        assert_eq!(
            md(10, 20, Some(Tense::Past)).resolve(&r),
            Some(day("1989-10-20"))
        );
        // Nor does one that disagrees with a date a few weeks away.
        assert_eq!(
            md(11, 20, Some(Tense::Past)).resolve(&r),
            Some(day("1989-11-20"))
        );
    }

    #[test]
    fn february_29_only_in_leap_years() {
        let expr = Expr::MonthDay {
            month: 2,
            day: 29,
            weekday: None,
            tense: None,
        };
        assert_eq!(expr.resolve(&on("2024-06-01")), Some(day("2024-02-29")));
        assert_eq!(expr.resolve(&on("2022-06-01")), None);
    }

    #[test]
    fn said_wednesday_is_the_latest_wednesday_on_or_before_publication() {
        use Direction::*;
        // 2025-06-04 is a Wednesday, 2025-06-06 a Friday.
        for (published, direction, expected) in [
            ("2025-06-06", OnOrBefore, "2025-06-04"),
            ("2025-06-04", OnOrBefore, "2025-06-04"),
            ("2025-06-04", Before, "2025-05-28"),
            ("2025-06-04", OnOrAfter, "2025-06-04"),
            ("2025-06-04", After, "2025-06-11"),
            ("2025-06-06", OnOrAfter, "2025-06-11"),
        ] {
            let expr = Expr::Weekday(Weekday::Wed, direction);
            assert_eq!(
                expr.resolve(&on(published)),
                Some(day(expected)),
                "{direction:?} from {published}"
            );
        }
    }

    #[test]
    fn relative_days() {
        let r = on("2019-01-01");
        assert_eq!(Expr::Offset(-1).resolve(&r), Some(day("2018-12-31")));
        assert_eq!(Expr::Offset(1).resolve(&r), Some(day("2019-01-02")));
    }

    #[test]
    fn a_lower_bound_anchors_years_but_not_days() {
        let r = Reference {
            published: None,
            not_before: Some(day("2025-04-11")),
        };
        let md = Expr::MonthDay {
            month: 4,
            day: 10,
            weekday: None,
            tense: None,
        };
        assert_eq!(md.resolve(&r), Some(day("2025-04-10")));
        assert_eq!(
            Expr::Weekday(Weekday::Tue, Direction::OnOrBefore).resolve(&r),
            None
        );
        assert_eq!(Expr::Offset(0).resolve(&r), None);
    }

    #[test]
    fn nothing_but_full_dates_without_a_reference() {
        let r = Reference::default();
        let md = Expr::MonthDay {
            month: 2,
            day: 27,
            weekday: None,
            tense: None,
        };
        assert_eq!(md.resolve(&r), None);
        assert_eq!(
            Expr::Full(day("2025-04-10")).resolve(&r),
            Some(day("2025-04-10"))
        );
    }
}
