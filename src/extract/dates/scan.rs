//! Finding date expressions in text: the patterns of news prose, and the guards that keep
//! names (`Black Friday`, `USA Today`), numbers (`May 27,000`) and URLs out.
//!
//! Most of a text holds no date, so the scan runs in two steps. A fast pass over the bytes
//! stops only at capitalised words that can start a date (a month or weekday name), at numbers
//! followed by something date-like (`27 February`, `2025-02-27`, `10 days`), and at a few
//! lowercase words found with a substring search (`yesterday`, `ago`). Only around those are
//! the shared tokens of a window of text viewed as date tokens ([`super::tokens`]), and the
//! patterns tried on them.

mod candidates;
mod patterns;
mod peek;
mod tense;

use chrono::NaiveDate;

use super::resolve::Expr;
use super::tokens::{Kind, Token};
use super::windows::Windows;
use crate::extract::text;
use candidates::candidates;

/// A date expression found in the text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
}

/// Bytes of context viewed before a possible date: enough for the verb that sets its tense
/// ([`CLAUSE`] tokens back) and for `the day before yesterday`.
const WINDOW_BEFORE: usize = 120;
/// Bytes viewed after its start: enough for `Saturday, 25 February 2025` and a clause.
const WINDOW_AFTER: usize = 90;

/// Every date expression in `text`, in order.
pub(crate) fn scan(text: &str) -> Vec<Found> {
    scan_tokenized(text, &text::tokenize(text))
}

/// [`scan`] given the shared tokens of `text` ([`text::tokenize`]).
pub(crate) fn scan_tokenized(text: &str, shared: &[text::Token]) -> Vec<Found> {
    let mut hits = Vec::new();
    let mut windows = Windows::new(text, shared);
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

/// The first date in `text` that states its year (`Fri Oct 20, 2006 6:15pm EDT` -> 2006-10-20).
pub(crate) fn first_full_date(text: &str) -> Option<NaiveDate> {
    scan(text).into_iter().find_map(|f| match f.expr {
        Expr::Full(day) => Some(day),
        _ => None,
    })
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

/// Where to start viewing tokens for a candidate at `start`: some way back, at a word boundary.
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

/// Where to stop viewing tokens for a candidate at `start`: some way on, at a word boundary.
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

#[cfg(test)]
mod tests {
    use chrono::Weekday;
    use proptest::prelude::*;

    use super::super::lexicon::{self, Tense};
    use super::super::resolve::Direction;
    use super::candidates::{date_may_follow, day_may_follow, next_capital_or_digit};
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
            let shared = text::tokenize(&text);
            for at in 0..bytes.len() {
                if !bytes[at].is_ascii_uppercase() || at > 0 && bytes[at - 1].is_ascii_alphabetic() {
                    continue;
                }
                let end = at + bytes[at..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
                if lexicon::month(&text[at..end]).is_some() && !day_may_follow(bytes, end) {
                    prop_assert!(match_at(&text, at, &mut Windows::new(&text, &shared)).is_none(), "{}", at);
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
            let shared = text::tokenize(&text);
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
                    prop_assert!(match_at(&text, at, &mut Windows::new(&text, &shared)).is_none(), "{}", at);
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
