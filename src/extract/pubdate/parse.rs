//! Reading a publication date written out in metadata or a header line.

use chrono::NaiveDate;

use crate::extract::dates::scan;

/// The day a metadata date states: `2019-01-04`, RFC 3339 (`2019-01-04T10:00:00-05:00`),
/// `2019-01-04 10:00:00`, `2019/01/04`, `20190104`, or a written date (`January 4, 2019`,
/// `Fri, 04 Jan 2019 10:00:00 +0000`).
///
/// The day is the one printed, not converted to UTC: a desk's local date is what its readers
/// and the header line call the publication date.
pub(super) fn metadata(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    leading_iso(value).or_else(|| scan::first_full_date(value))
}

/// The day a header line states (`Fri Oct 20, 2006 6:15pm EDT`, `Friday, January 4, 2019`).
pub(super) fn date_line(line: &str) -> Option<NaiveDate> {
    let line = line.trim();
    leading_iso(line).or_else(|| scan::first_full_date(line))
}

/// `YYYY-MM-DD` or `YYYY/MM/DD` or `YYYYMMDD` at the start, followed by nothing, a time or a
/// space.
fn leading_iso(value: &str) -> Option<NaiveDate> {
    let bytes = value.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let (date, rest) = if bytes.len() >= 10
        && (0..4).all(digit)
        && matches!(bytes[4], b'-' | b'/')
        && bytes[7] == bytes[4]
        && digit(5)
        && digit(6)
        && digit(8)
        && digit(9)
    {
        let format = if bytes[4] == b'-' {
            "%Y-%m-%d"
        } else {
            "%Y/%m/%d"
        };
        (
            NaiveDate::parse_from_str(&value[..10], format).ok()?,
            &bytes[10..],
        )
    } else if bytes.len() >= 8 && (0..8).all(digit) {
        (
            NaiveDate::parse_from_str(&value[..8], "%Y%m%d").ok()?,
            &bytes[8..],
        )
    } else {
        return None;
    };
    match rest.first() {
        None | Some(b'T' | b't' | b' ' | b'_') => Some(date),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn metadata_forms() {
        for value in [
            "2019-01-04",
            " 2019-01-04 ",
            "2019-01-04T10:00:00Z",
            "2019-01-04T23:30:00-05:00",
            "2019-01-04 10:00:00",
            "2019/01/04",
            "20190104",
            "20190104T100000Z",
            "January 4, 2019",
            "4 January 2019",
            "Fri, 04 Jan 2019 10:00:00 +0000",
            "Friday, January 4, 2019",
        ] {
            assert_eq!(metadata(value), day("2019-01-04"), "{value}");
        }
    }

    #[test]
    fn metadata_that_is_no_date() {
        for value in [
            "",
            "unknown",
            "2019-13-04",
            "2019-01",
            "January 2019",
            "201901041",
        ] {
            assert_eq!(metadata(value), None, "{value}");
        }
    }

    #[test]
    fn header_lines() {
        assert_eq!(date_line("Fri Oct 20, 2006 6:15pm EDT"), day("2006-10-20"));
        assert_eq!(date_line("Mon Oct 23, 2006 3:51am EDT"), day("2006-10-23"));
        assert_eq!(date_line("Friday, January 4, 2019"), day("2019-01-04"));
        assert_eq!(date_line(""), None);
    }
}
