//! Recognising how a text begins: a `-- ` header block (Reuters), a lone title line over a
//! blank line (Wikinews, BBC), a lone date line under the title (Wikinews).
//!
//! These look at the first lines only; [`super::clean`] decides what the rest becomes.

use super::clean::tidy;

/// What a `-- ` header block says: `-- title`, `-- By author`, `-- date`, `-- url`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Header {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date_line: Option<String>,
    pub url: Option<String>,
}

/// How many lines the `-- ` header block at the start of `lines` takes (0 for none). It needs
/// two `--` lines at least, so that prose opening with a dash is not taken for a header.
pub(crate) fn header_len(lines: &[&str]) -> usize {
    let count = lines
        .iter()
        .take_while(|line| line.trim_start().starts_with("--"))
        .count();
    if count < 2 { 0 } else { count }
}

/// The `-- ` header block at the start of `lines`, and how many lines it takes.
pub(crate) fn header(lines: &[&str]) -> Option<(Header, usize)> {
    let count = header_len(lines);
    if count == 0 {
        return None;
    }
    let mut header = Header::default();
    for (n, line) in lines[..count].iter().enumerate() {
        let value = tidy(line.trim_start().trim_start_matches('-'));
        if value.is_empty() {
            continue;
        }
        if n == 0 {
            header.title = Some(value);
        } else if super::clean::starts_with_ignore_case(&value, "by ") {
            header.author = Some(value[3..].trim().to_string());
        } else if super::clean::is_url(&value) {
            header.url.get_or_insert(value);
        } else {
            header.date_line.get_or_insert(value);
        }
    }
    Some((header, count))
}

/// Whether `lines[at]` is a lone title: a short line without sentence-final punctuation (a
/// short question or exclamation will do), with a blank line under it and more text below.
/// When the title is known (metadata, JSON), only a line that repeats it is the title, whatever
/// its punctuation.
pub(crate) fn lone_title(lines: &[&str], at: usize, known: Option<&str>) -> bool {
    let Some(line) = lines.get(at).map(|l| l.trim()) else {
        return false;
    };
    let blank_below = lines.get(at + 1).is_some_and(|l| l.trim().is_empty());
    let text_below = lines.iter().skip(at + 2).any(|l| !l.trim().is_empty());
    if line.is_empty() || !blank_below || !text_below {
        return false;
    }
    if let Some(known) = known {
        // A title from elsewhere says what the first line must be; another short line there is
        // a kicker or a dateline, and stays in the body.
        return tidy(known).eq_ignore_ascii_case(&tidy(line));
    }
    let words = line.split_whitespace().count();
    line.chars().count() <= 200
        && words <= 30
        && !line.starts_with(char::is_lowercase)
        && (!super::clean::ends_sentence(line) || (words <= 12 && is_headline_ending(line)))
        && !line.ends_with(',')
        && !super::clean::is_url(line)
        && !super::clean::is_related(line)
        && !is_date_line(line)
}

/// Headlines may ask or trail off (`What now for Kelly Holmes?`, `Rivals of the £400
/// Apple...`); sentences end with a full stop.
fn is_headline_ending(line: &str) -> bool {
    let line = line.trim_end_matches(['\'', '"', '’', '”']);
    line.ends_with(['?', '!', '…']) || line.ends_with("...")
}

/// Whether `lines[at]` is a date standing alone (blank line or end of text below it).
pub(crate) fn lone_date(lines: &[&str], at: usize) -> bool {
    let alone = lines.get(at + 1).is_none_or(|l| l.trim().is_empty());
    alone && lines.get(at).is_some_and(|l| is_date_line(l))
}

/// Whether a line is nothing but a date: `Friday, January 4, 2019`, `November 24, 2004`,
/// `4 January 2019`, `Jan. 4, 2019`, `2019-01-04`.
pub(crate) fn is_date_line(line: &str) -> bool {
    let line = line.trim();
    if line.len() > 40 {
        return false;
    }
    let tokens: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let mut rest = tokens.as_slice();
    if let [only] = rest {
        return is_iso_date(only);
    }
    if let [first, tail @ ..] = rest
        && is_name(first, &WEEKDAYS)
    {
        rest = tail;
    }
    match rest {
        [a, b, year] => {
            is_year(year)
                && ((is_name(a, &MONTHS) && is_day(b)) || (is_day(a) && is_name(b, &MONTHS)))
        }
        _ => false,
    }
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A full name from `names`, or its first three or four letters (`Wed`, `Sept.`).
fn is_name(token: &str, names: &[&str]) -> bool {
    let token = token.trim_end_matches('.').to_ascii_lowercase();
    token.len() >= 3
        && names.iter().any(|name| name.starts_with(token.as_str()))
        && (token.len() <= 4 || names.contains(&token.as_str()))
}

fn is_day(token: &str) -> bool {
    let digits = token.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &token[digits.len()..];
    matches!(suffix, "" | "st" | "nd" | "rd" | "th")
        && digits.len() <= 2
        && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

fn is_year(token: &str) -> bool {
    token.len() == 4 && token.bytes().all(|b| b.is_ascii_digit())
}

fn is_iso_date(token: &str) -> bool {
    let parts: Vec<&str> = token.split('-').collect();
    matches!(parts.as_slice(), [y, m, d] if is_year(y) && m.len() == 2 && is_day(d)
        && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuters_header_with_and_without_byline() {
        let lines = [
            "-- ICI rejects $14.2 bln Akzo Nobel bid approach",
            "-- By  Foo Yun Chee  and Miyoung Kim",
            "-- Mon Jun 18, 2007 12:38pm EDT",
            "-- http://www.reuters.com/article/2007/06/18/us-ici-akzo-idUSL1818449720070618",
            "",
            " AMSTERDAM/LONDON  (Reuters) - Britain's ...",
        ];
        let Some((header, used)) = header(&lines) else {
            panic!("no header");
        };
        assert_eq!(used, 4);
        assert_eq!(
            header.title.as_deref(),
            Some("ICI rejects $14.2 bln Akzo Nobel bid approach")
        );
        assert_eq!(
            header.author.as_deref(),
            Some("Foo Yun Chee and Miyoung Kim")
        );
        assert_eq!(
            header.date_line.as_deref(),
            Some("Mon Jun 18, 2007 12:38pm EDT")
        );
        assert!(
            header
                .url
                .is_some_and(|u| u.ends_with("idUSL1818449720070618"))
        );

        let lines = [
            "-- Title",
            "--",
            "-- Wed Nov 8, 2006 2:52pm EST",
            "-- http://x.com/a",
        ];
        let Some((no_byline, _)) = super::header(&lines) else {
            panic!("no header");
        };
        assert_eq!(no_byline.author, None);
        assert_eq!(
            no_byline.date_line.as_deref(),
            Some("Wed Nov 8, 2006 2:52pm EST")
        );
    }

    #[test]
    fn one_dash_line_is_not_a_header() {
        assert_eq!(header(&["-- not a header", "Body text."]), None);
    }

    #[test]
    fn lone_title_needs_a_short_unpunctuated_line_over_a_blank() {
        let wikinews = [
            "Iran admits downing Ukrainian jet, cites 'human error'",
            "",
            "Body.",
        ];
        assert!(lone_title(&wikinews, 0, None));
        let question = ["What now for Kelly Holmes?", "", "Body."];
        assert!(lone_title(&question, 0, None));
        assert!(lone_title(
            &["'My memories of Marley...'", "", "Body."],
            0,
            None
        ));
        let sentence = ["This is a sentence.", "", "Body."];
        assert!(!lone_title(&sentence, 0, None));
        assert!(lone_title(&sentence, 0, Some("This is  a sentence.")));
        assert!(!lone_title(&wikinews, 0, Some("Another title")));
        let wrapped = [
            "Russian and U.S. officials could meet for talks aimed at",
            "restoring",
            "",
        ];
        assert!(!lone_title(&wrapped, 0, None));
        assert!(!lone_title(&["Title only", ""], 0, None));
        assert!(!lone_title(
            &["Friday, January 4, 2019", "", "Body."],
            0,
            None
        ));
    }

    #[test]
    fn date_lines() {
        for line in [
            "Friday, January 4, 2019",
            "November 24, 2004",
            "4 January 2019",
            "Sat. Jan. 5, 2019",
            "Sept 21st, 2020",
            "2019-01-04",
        ] {
            assert!(is_date_line(line), "{line}");
        }
        for line in [
            "Friday",
            "January 2019",
            "May the force be with you",
            "Marching 4, 2019",
            "January 32, 2019",
            "2019-13-01",
            "On Friday, January 4, 2019 it rained",
        ] {
            assert!(!is_date_line(line), "{line}");
        }
    }
}
