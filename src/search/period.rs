//! Date filters as users write them: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, and spans of them
//! (`FROM..TO`, either end optional).

use chrono::{Datelike, NaiveDate};

use crate::error::Error;

/// Which end of a period a date filter stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// `--since 2025-02` means from 2025-02-01.
    First,
    /// `--until 2025-02` means up to 2025-02-28.
    Last,
}

/// Parse a day, month or year into the first or last day it covers.
pub fn parse(value: &str, end: End) -> Result<NaiveDate, String> {
    let value = value.trim();
    let parts: Vec<&str> = value.split('-').collect();
    let number = |s: &str, what: &str| -> Result<u32, String> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("{what} {s:?} is not a number"));
        }
        s.parse::<u32>()
            .map_err(|_| format!("{what} {s:?} is out of range"))
    };
    let (year, month, day) = match parts.as_slice() {
        [y] => (number(y, "year")?, None, None),
        [y, m] => (number(y, "year")?, Some(number(m, "month")?), None),
        [y, m, d] => (
            number(y, "year")?,
            Some(number(m, "month")?),
            Some(number(d, "day")?),
        ),
        _ => return Err("expected YYYY-MM-DD, YYYY-MM or YYYY".to_string()),
    };
    if parts[0].len() != 4 {
        return Err("the year must have four digits".to_string());
    }
    let year = i32::try_from(year).map_err(|_| "year out of range".to_string())?;
    match (month, day) {
        (None, _) => Ok(match end {
            End::First => NaiveDate::from_ymd_opt(year, 1, 1),
            End::Last => NaiveDate::from_ymd_opt(year, 12, 31),
        }
        .ok_or("year out of range")?),
        (Some(m), None) => {
            let first = NaiveDate::from_ymd_opt(year, m, 1)
                .ok_or_else(|| format!("there is no month {m}"))?;
            Ok(match end {
                End::First => first,
                End::Last => last_of_month(first),
            })
        }
        (Some(m), Some(d)) => NaiveDate::from_ymd_opt(year, m, d)
            .ok_or_else(|| format!("there is no day {year:04}-{m:02}-{d:02}")),
    }
}

/// The value of a date option (`--since`, `--until`) as the day it stands for.
pub fn option(
    option: &'static str,
    value: Option<&str>,
    end: End,
) -> Result<Option<NaiveDate>, Error> {
    value
        .map(|v| {
            parse(v, end).map_err(|reason| Error::BadDate {
                option,
                value: v.to_string(),
                reason,
            })
        })
        .transpose()
}

/// `--since` and `--until` as the days they stand for; a period that ends before it starts is
/// refused, naming both dates.
pub(crate) fn range(
    since: Option<&str>,
    until: Option<&str>,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), Error> {
    let first = option("--since", since, End::First)?;
    let last = option("--until", until, End::Last)?;
    if let (Some(since_day), Some(until_day)) = (first, last)
        && since_day > until_day
    {
        return Err(Error::ReversedPeriod {
            since: since.unwrap_or_default().to_string(),
            since_day,
            until: until.unwrap_or_default().to_string(),
            until_day,
        });
    }
    Ok((first, last))
}

/// A span of days, either end open: what `--mentions` and `mentions:` take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days {
    /// The first day of the span; `None`: from the earliest.
    pub first: Option<NaiveDate>,
    /// The last day of the span; `None`: up to the latest.
    pub last: Option<NaiveDate>,
}

/// Parse a span: one day, month or year (all its days), or `FROM..TO` with either end optional
/// (`2025-01..2025-03` is January to March, `2025-02..` from February 2025 on).
pub fn days(value: &str) -> Result<Days, String> {
    let value = value.trim();
    let Some((from, to)) = value.split_once("..") else {
        return Ok(Days {
            first: Some(parse(value, End::First)?),
            last: Some(parse(value, End::Last)?),
        });
    };
    let end = |text: &str, end| {
        let text = text.trim();
        (!text.is_empty()).then(|| parse(text, end)).transpose()
    };
    let (first, last) = (end(from, End::First)?, end(to, End::Last)?);
    if first.is_none() && last.is_none() {
        return Err("give a date on at least one side of `..`".to_string());
    }
    if let (Some(first), Some(last)) = (first, last)
        && first > last
    {
        return Err(format!("the span ends ({last}) before it starts ({first})"));
    }
    Ok(Days { first, last })
}

fn last_of_month(first: NaiveDate) -> NaiveDate {
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn periods_cover_whole_days_months_and_years() {
        assert_eq!(parse("2025-02-27", End::First), Ok(day("2025-02-27")));
        assert_eq!(parse("2025-02", End::First), Ok(day("2025-02-01")));
        assert_eq!(parse("2025-02", End::Last), Ok(day("2025-02-28")));
        assert_eq!(parse("2024-02", End::Last), Ok(day("2024-02-29")));
        assert_eq!(parse("2024-12", End::Last), Ok(day("2024-12-31")));
        assert_eq!(parse("2019", End::First), Ok(day("2019-01-01")));
        assert_eq!(parse("2019", End::Last), Ok(day("2019-12-31")));
    }

    #[test]
    fn malformed_dates_are_refused_with_a_reason() {
        for bad in [
            "2025-13",
            "2025-02-30",
            "25-02-01",
            "yesterday",
            "2025-1-x",
            "",
            "2025--01",
        ] {
            assert!(parse(bad, End::First).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn spans_cover_whole_periods_and_may_be_open() {
        let span = |first: Option<&str>, last: Option<&str>| Days {
            first: first.map(day),
            last: last.map(day),
        };
        let both = |a, b| span(Some(a), Some(b));
        assert_eq!(days("2025-02-27"), Ok(both("2025-02-27", "2025-02-27")));
        assert_eq!(days("2025-02"), Ok(both("2025-02-01", "2025-02-28")));
        assert_eq!(days("2025"), Ok(both("2025-01-01", "2025-12-31")));
        assert_eq!(
            days("2025-01..2025-03"),
            Ok(both("2025-01-01", "2025-03-31"))
        );
        assert_eq!(days("2025-02.."), Ok(span(Some("2025-02-01"), None)));
        assert_eq!(days("..2024"), Ok(span(None, Some("2024-12-31"))));
        for bad in [
            "..",
            "2025-13",
            "2025..2024",
            "x..2025",
            "2025-02-30..",
            "2025...2026",
        ] {
            assert!(days(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn a_period_may_be_one_month_but_not_end_before_it_starts() {
        assert_eq!(
            range(Some("2020-05"), Some("2020-05")).ok(),
            Some((Some(day("2020-05-01")), Some(day("2020-05-31"))))
        );
        assert!(range(Some("2020"), None).is_ok());
        let err = range(Some("2020"), Some("2019")).expect_err("reversed");
        assert_eq!(
            err.to_string(),
            "--since \"2020\" (2020-01-01) is after --until \"2019\" (2019-12-31)"
        );
    }
}
