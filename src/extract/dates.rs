//! Dates mentioned in the text, normalised to days.
//!
//! `scan` finds the expressions (`Feb. 27`, `April 10, 2025`, `said Wednesday`,
//! `yesterday`); `resolve` places them on the calendar against a [`Reference`]: the
//! publication date, or at least a day the article cannot predate. What cannot be placed
//! (a weekday with no publication date, `Feb. 27` with no reference at all) is left out rather
//! than guessed. Months and years alone are not dates here: only full days are.

mod lexicon;
pub(crate) mod resolve;
pub(crate) mod scan;
mod tokens;
mod windows;

pub use resolve::Reference;

use crate::article::MentionedDate;
use crate::extract::text;

/// Find the dates mentioned in `body`, resolving partial ones against `reference`.
///
/// Dates come in order of first mention, each with its surface forms in order, deduplicated.
pub fn find(body: &str, reference: &Reference) -> Vec<MentionedDate> {
    find_tokenized(body, &text::tokenize(body), reference)
}

/// [`find`] given the tokens of the body (`text::tokenize`), which other extractors share.
pub fn find_tokenized(
    body: &str,
    body_tokens: &[text::Token],
    reference: &Reference,
) -> Vec<MentionedDate> {
    let mut dates: Vec<MentionedDate> = Vec::new();
    for found in scan::scan_tokenized(body, body_tokens) {
        let Some(value) = found.expr.resolve(reference) else {
            continue;
        };
        let mention = body.get(found.start..found.end).unwrap_or_default();
        match dates.iter_mut().find(|d| d.value == value) {
            Some(date) => {
                if !date.mentions.iter().any(|m| m == mention) {
                    date.mentions.push(mention.to_string());
                }
            }
            None => dates.push(MentionedDate {
                value,
                mentions: vec![mention.to_string()],
            }),
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn values(dates: &[MentionedDate]) -> Vec<String> {
        dates.iter().map(|d| d.value.to_string()).collect()
    }

    #[test]
    fn groups_mentions_of_the_same_day() {
        // 2025-06-06 is a Friday: "Wednesday" and "June 4" are the same day.
        let body = "Talks were held on June 4. He said Wednesday that June 4 went well.";
        let dates = find(body, &Reference::published(day("2025-06-06")));
        assert_eq!(dates.len(), 1);
        assert_eq!(dates[0].value, day("2025-06-04"));
        assert_eq!(dates[0].mentions, vec!["June 4", "Wednesday"]);
    }

    #[test]
    fn without_a_reference_only_explicit_years() {
        let body = "On Feb. 27 and on Wednesday, and yesterday, but also on April 10, 2025.";
        let dates = find(body, &Reference::default());
        assert_eq!(values(&dates), vec!["2025-04-10"]);
    }

    #[test]
    fn relative_words_against_publication() {
        let body = "Officials said yesterday the vote is today and results come tomorrow.";
        let dates = find(body, &Reference::published(day("2019-01-01")));
        assert_eq!(
            values(&dates),
            vec!["2018-12-31", "2019-01-01", "2019-01-02"]
        );
    }

    proptest! {
        #[test]
        fn never_panics(body in "\\PC{0,200}", y in 1i32..3000, m in 1u32..=12, d in 1u32..=28) {
            let reference = Reference::published(NaiveDate::from_ymd_opt(y, m, d).unwrap());
            let _ = find(&body, &reference);
            let _ = find(&body, &Reference::default());
        }

        #[test]
        fn never_panics_on_date_like_text(
            body in "([A-Z][a-z]{2,8}|[0-9]{1,4}|[ .,/:\\-]|\u{301}|\u{1F600}|\u{2019}|th|\n\n){0,40}"
        ) {
            let _ = find(&body, &Reference::published(day("2020-02-29")));
        }

        #[test]
        fn never_panics_at_the_ends_of_the_calendar(body in "(Feb\\. 29|Monday|yesterday|tomorrow|Dec\\. 31| ){0,10}") {
            for day in [NaiveDate::MIN, NaiveDate::MAX] {
                let _ = find(&body, &Reference::published(day));
                let bound = Reference { published: None, not_before: Some(day) };
                let _ = find(&body, &bound);
            }
        }

        #[test]
        fn mentions_are_substrings(body in "\\PC{0,200}") {
            for date in find(&body, &Reference::published(day("2020-02-29"))) {
                for mention in &date.mentions {
                    prop_assert!(body.contains(mention.as_str()));
                }
            }
        }
    }
}
