//! Dates in URLs: `/2025/04/11/slug`, `/2025-04-11/`, `...-20250411.html`.

use chrono::{Datelike, NaiveDate};

/// The first date in the path or query of `url`, if any.
///
/// Only plausible publication dates count: a year from 1990 to 2099, and a real month and day.
/// Eight-digit runs count only on their own (`20250411`), not inside longer ids.
pub(super) fn date_in(url: &str) -> Option<NaiveDate> {
    let path = path_of(url);
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let run = &path[start..i];
        let found = match run.len() {
            4 => separated(run, &path[i..]),
            8 => compact(run),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The part of `url` after the host (the whole string if it has no scheme).
fn path_of(url: &str) -> &str {
    match url.find("://") {
        Some(scheme) => {
            let rest = &url[scheme + 3..];
            rest.find('/').map_or("", |slash| &rest[slash..])
        }
        None => url,
    }
}

/// `2025` followed by `/04/11`, `-04-11` or `_04_11`.
fn separated(year: &str, rest: &str) -> Option<NaiveDate> {
    let sep = *rest.as_bytes().first()?;
    if !matches!(sep, b'/' | b'-' | b'_' | b'.') {
        return None;
    }
    let mut parts = rest[1..].splitn(3, char::from(sep));
    let month = short_number(parts.next()?)?;
    let day_part = parts.next()?;
    let digits = day_part.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let day = short_number(&day_part[..digits])?;
    plausible(NaiveDate::from_ymd_opt(year.parse().ok()?, month, day)?)
}

fn compact(run: &str) -> Option<NaiveDate> {
    let year = run[..4].parse().ok()?;
    let month = run[4..6].parse().ok()?;
    let day = run[6..].parse().ok()?;
    plausible(NaiveDate::from_ymd_opt(year, month, day)?)
}

fn short_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn plausible(date: NaiveDate) -> Option<NaiveDate> {
    (1990..2100).contains(&date.year()).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn slash_separated_paths() {
        assert_eq!(
            date_in("https://www.themoscowtimes.com/2025/04/11/russia-asked-a88692"),
            day("2025-04-11")
        );
        assert_eq!(
            date_in("http://www.reuters.com/article/2006/10/23/businesspro-idUSL2381113120061023"),
            day("2006-10-23")
        );
    }

    #[test]
    fn dashed_and_compact_forms() {
        assert_eq!(
            date_in("https://x.org/news/2019-01-04/story"),
            day("2019-01-04")
        );
        assert_eq!(
            date_in("https://x.org/story-20250411.html"),
            day("2025-04-11")
        );
        assert_eq!(date_in("https://x.org/a/?d=2025_4_1"), day("2025-04-01"));
    }

    #[test]
    fn no_dates_in_ids_hosts_or_months() {
        assert_eq!(date_in("https://www.interfax.ru/russia/1030524"), None);
        assert_eq!(date_in("https://x.org/2025/04/slug"), None);
        assert_eq!(date_in("https://x.org/id2381113120061023"), None);
        assert_eq!(date_in("https://20250411.example.com/"), None);
        assert_eq!(date_in("https://x.org/1234/56/78"), None);
        assert_eq!(date_in("https://x.org/1800/01/01"), None);
        assert_eq!(date_in(""), None);
    }
}
