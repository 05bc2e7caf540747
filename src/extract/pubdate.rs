//! The publication date: from metadata, a header date line, or the article's own URL; and a
//! lower bound from the dates in the URLs of the articles it links to.
//!
//! Sources are tried from the most to the least direct: metadata says what the publisher
//! recorded, the header line what was printed, and the URL where the article was filed (which
//! can be the next day's folder for a story printed late in the evening). A linked article's
//! date says only that this one came later, so it never becomes the publication date; it
//! still places a bare `Feb. 27` in the right year.

mod parse;
mod url;

use chrono::NaiveDate;

use super::Input;
use super::dates::Reference;

/// What the article says about when it was published.
pub fn resolve(input: &Input) -> Reference {
    let published = input
        .published
        .and_then(parse::metadata)
        .or_else(|| input.date_line.and_then(parse::date_line))
        .or_else(|| input.url.and_then(url::date_in));
    let not_before = if published.is_some() {
        None
    } else {
        latest_link_date(input.links)
    };
    Reference {
        published,
        not_before,
    }
}

/// The newest date found in `links`: the article cannot be older than what it links to.
fn latest_link_date(links: &[String]) -> Option<NaiveDate> {
    links.iter().filter_map(|link| url::date_in(link)).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn metadata_comes_first() {
        let input = Input {
            published: Some("2019-01-04T10:00:00Z"),
            date_line: Some("Sat Jan 5, 2019 1:00am EST"),
            url: Some("https://x.org/2019/01/06/story"),
            ..Input::default()
        };
        assert_eq!(resolve(&input).published, day("2019-01-04"));
    }

    #[test]
    fn header_line_then_own_url() {
        let mut input = Input {
            date_line: Some("Fri Oct 20, 2006 6:15pm EDT"),
            url: Some("http://www.reuters.com/article/2006/10/21/us-story-idUSN2012345620061021"),
            ..Input::default()
        };
        // Printed on the 20th, filed in the 21st's folder: the printed day wins.
        assert_eq!(resolve(&input).published, day("2006-10-20"));
        input.date_line = None;
        assert_eq!(resolve(&input).published, day("2006-10-21"));
        // An unreadable date line falls through to the URL.
        input.date_line = Some("");
        assert_eq!(resolve(&input).published, day("2006-10-21"));
    }

    #[test]
    fn wikinews_date_line() {
        let input = Input {
            date_line: Some("Friday, January 4, 2019"),
            ..Input::default()
        };
        assert_eq!(resolve(&input).published, day("2019-01-04"));
    }

    #[test]
    fn bad_metadata_falls_through() {
        let input = Input {
            published: Some("soon"),
            date_line: Some("Friday, January 4, 2019"),
            ..Input::default()
        };
        assert_eq!(resolve(&input).published, day("2019-01-04"));
    }

    #[test]
    fn linked_articles_only_bound_from_below() {
        let links = vec![
            "https://www.interfax.ru/russia/1030524".to_string(),
            "https://www.themoscowtimes.com/2025/04/11/russia-asked-a88692".to_string(),
            "https://www.themoscowtimes.com/2025/02/28/russian-and-us-officials-a88198".to_string(),
        ];
        let input = Input {
            links: &links,
            ..Input::default()
        };
        let reference = resolve(&input);
        assert_eq!(reference.published, None);
        assert_eq!(reference.not_before, day("2025-04-11"));
    }

    #[test]
    fn nothing_known() {
        assert_eq!(resolve(&Input::default()), Reference::default());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(
            published in "\\PC{0,40}",
            date_line in "\\PC{0,40}",
            url in "(https?://[a-z.]{0,10})?[/0-9\\-_a-z\u{e9}]{0,40}",
            link in "\\PC{0,40}",
        ) {
            let links = vec![link, url.clone()];
            let input = Input {
                published: Some(&published),
                date_line: Some(&date_line),
                url: Some(&url),
                links: &links,
                ..Input::default()
            };
            let _ = resolve(&input);
            let _ = resolve(&Input { published: None, date_line: None, ..input });
        }
    }
}
