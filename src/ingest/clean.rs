//! Cleaning raw article text into continuous prose.
//!
//! Raw news text arrives hard-wrapped, with URL-only lines, "Related article:" paragraphs
//! dropped into the middle of sentences, header lines (`-- title`, `-- By author`, `-- Fri Oct
//! 20, 2006 6:15pm EDT`, `-- url`) or a lone title and date line, and (Reuters) paragraphs run
//! together with two spaces. [`clean`] separates the header from the body, joins wrapped lines
//! into one line per paragraph, keeps URL lines apart as links, drops related-article
//! paragraphs, rejoins a sentence that was split around what it removed, and splits
//! run-together paragraphs.
//!
//! A line that ends with a hyphen keeps it: in the corpora every such break is a compound
//! (`long-` / `awaited`, `broker-` / `dealer`) or a suspended hyphen (`medium- and heavy-duty`),
//! never a word hyphenated for wrapping, so the halves are joined with no space (or with one
//! before `and`/`or`/`to`).

use std::collections::HashSet;
use std::sync::LazyLock;

use memchr::memmem::Finder;

use super::layout;

/// Searchers built once: building one costs more than a search through a short paragraph.
static DOUBLE_SPACE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("  "));
static OPEN_SPACE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("( "));
static SPACE_CLOSE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" )"));
static FULL_STOP_SPACE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(". "));

/// The readable parts of a raw text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// Title found in the layout (a `-- ` header line, or a lone first line before a blank line).
    pub title: Option<String>,
    pub author: Option<String>,
    /// A line that states the publication date (`Fri Oct 20, 2006 6:15pm EDT` from a `-- `
    /// header line, `Friday, January 4, 2019` standing alone under a title), as found.
    pub date_line: Option<String>,
    /// A `-- http...` header line.
    pub url: Option<String>,
    /// Paragraphs separated by one blank line (`"\n\n"`), each on a single line.
    pub body: String,
    /// URLs that stood on lines of their own, in order, deduplicated.
    pub links: Vec<String>,
}

/// A line of this many bytes or more is a paragraph of its own when it ends a sentence: hard
/// wraps are far shorter, so such a line was never wrapped.
const LONG_LINE: usize = 150;

/// Split the header from the body and clean the body.
pub fn clean(text: &str) -> Cleaned {
    clean_titled(text, None)
}

/// [`clean`], knowing the title from elsewhere (metadata): a first line that repeats it is the
/// title whatever its punctuation.
pub fn clean_titled(text: &str, known_title: Option<&str>) -> Cleaned {
    let lines: Vec<&str> = lines(text).collect();
    let mut out = Cleaned::default();
    let mut at = 0;
    let run_together = if let Some((header, used)) = layout::header(&lines) {
        at = used;
        out.title = header.title;
        out.author = header.author;
        out.date_line = header.date_line;
        out.url = header.url;
        true
    } else {
        false
    };
    at = skip_blank(&lines, at);
    if out.title.is_none() && layout::lone_title(&lines, at, known_title) {
        out.title = Some(tidy(lines[at]));
        at = skip_blank(&lines, at + 1);
    }
    if out.date_line.is_none() && layout::lone_date(&lines, at) {
        out.date_line = Some(tidy(lines[at]));
        at = skip_blank(&lines, at + 1);
    }
    let paragraphs = rejoin(paragraphs(&lines[at..], &mut out.links));
    let mut body = String::with_capacity(text.len());
    for item in paragraphs.iter().flat_map(|p| split_items(p)) {
        let split = run_together || has_single_spaced_sentences(item);
        for part in split_run_together(item, split) {
            let start = body.len();
            if start > 0 {
                body.push_str("\n\n");
            }
            let empty = body.len();
            tidy_spaces(part, &mut body);
            if body.len() == empty {
                body.truncate(start);
            }
        }
    }
    out.body = body;
    out
}

/// Whether a text holds anything that [`clean`] would keep as body: a line after any header
/// block that is not blank, not a URL and not a related-article pointer.
pub(crate) fn has_text(text: &str) -> bool {
    let lines: Vec<&str> = lines(text).collect();
    lines[layout::header_len(&lines)..].iter().any(|line| {
        let line = line.trim();
        !line.is_empty() && !is_url(line) && !is_related(line)
    })
}

/// The lines of a text, whatever its line ends: `\n`, `\r\n` or a lone `\r`.
pub(crate) fn lines(text: &str) -> Lines<'_> {
    Lines { rest: text }
}

/// Iterator of [`lines`].
pub(crate) struct Lines<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        let bytes = self.rest.as_bytes();
        let Some(end) = memchr::memchr2(b'\n', b'\r', bytes) else {
            return Some(std::mem::take(&mut self.rest));
        };
        let skip = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
        let line = &self.rest[..end];
        self.rest = &self.rest[end + skip..];
        Some(line)
    }
}

/// Whether a (trimmed) line is a URL and nothing else.
pub(crate) fn is_url(line: &str) -> bool {
    let line = line
        .strip_prefix('<')
        .and_then(|l| l.strip_suffix('>'))
        .unwrap_or(line);
    ["http://", "https://", "www."]
        .iter()
        .any(|scheme| starts_with_ignore_case(line, scheme))
        && line.len() > 8
        && !line.contains(char::is_whitespace)
}

/// Whether a (trimmed) line opens a pointer to another article ("Related article: ...").
pub(crate) fn is_related(line: &str) -> bool {
    const OPENERS: [&str; 6] = [
        "related article:",
        "related articles:",
        "related:",
        "read more:",
        "read also:",
        "see also:",
    ];
    OPENERS
        .iter()
        .any(|opener| starts_with_ignore_case(line, opener))
}

/// Whether `text` starts with the ASCII `prefix`, in any case.
pub(crate) fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Whether text ends a sentence: `.`, `!`, `?`, `:`, `;`, `…` or their full-width forms (`。`,
/// `！`, `？`), perhaps inside closing quotes or brackets.
pub(crate) fn ends_sentence(text: &str) -> bool {
    let text = text.trim_end_matches(|c: char| c.is_whitespace() || is_closing(c));
    text.ends_with(['.', '!', '?', ':', ';', '…', '。', '！', '？'])
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '」' | '』')
}

fn skip_blank(lines: &[&str], mut at: usize) -> usize {
    while lines.get(at).is_some_and(|l| l.trim().is_empty()) {
        at += 1;
    }
    at
}

/// A paragraph as assembled from lines, before tidying.
struct Paragraph {
    text: String,
    /// URL lines or a related-article paragraph stood between it and the one before.
    after_removed: bool,
}

/// Join the lines of each blank-line-separated block into one paragraph, leaving out URL
/// lines (collected into `links`) and related-article paragraphs.
fn paragraphs(lines: &[&str], links: &mut Vec<String>) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut last_line_long = false;
    let mut current_is_item = false;
    let mut removed = false;
    // The last line of a related-article paragraph being dropped, while its title may wrap.
    let mut related: Option<&str> = None;
    // The links so far as a set: searching the list for each URL line is quadratic, and a
    // file of a million URL lines would take hours.
    let mut seen: HashSet<String> = links.iter().cloned().collect();
    let flush = |current: &mut String, removed: &mut bool, out: &mut Vec<Paragraph>| {
        if !current.is_empty() {
            out.push(Paragraph {
                text: std::mem::take(current),
                after_removed: std::mem::take(removed),
            });
        }
    };
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            related = None;
            flush(&mut current, &mut removed, &mut out);
            continue;
        }
        if let Some(previous) = related {
            if continues_title(previous, line) {
                related = Some(line);
                continue;
            }
            related = None;
        }
        if is_url(line) {
            if seen.insert(line.to_string()) {
                links.push(line.to_string());
            }
            removed |= current.is_empty();
            continue;
        }
        if is_related(line) {
            related = Some(line);
            removed |= current.is_empty();
            continue;
        }
        let item = list_item(line, &current, current_is_item);
        if item || (last_line_long && ends_sentence(&current)) {
            flush(&mut current, &mut removed, &mut out);
        }
        if current.is_empty() {
            current_is_item = item;
        }
        join_line(&mut current, line);
        last_line_long = line.len() >= LONG_LINE;
    }
    flush(&mut current, &mut removed, &mut out);
    out
}

/// Whether `line` opens a list item: `* `, `• ` always; `- ` or `– ` only where a paragraph
/// or an item may end (otherwise it is a dash wrapped to the start of a line).
fn list_item(line: &str, current: &str, current_is_item: bool) -> bool {
    if let Some(rest) = line.strip_prefix(['*', '•', '·', '▪']) {
        return rest.starts_with(' ');
    }
    ["- ", "– "].iter().any(|marker| line.starts_with(marker))
        && (current.is_empty() || current_is_item || ends_sentence(current))
}

/// The items of a paragraph that is a list run together on one line (`* CEO says X * CFO
/// says Y`), split before each marker like the one it opens with.
fn split_items(paragraph: &str) -> Vec<&str> {
    let Some(marker) = ["* ", "• "].into_iter().find(|m| paragraph.starts_with(m)) else {
        return vec![paragraph];
    };
    let separator = format!(" {marker}");
    let finder = memchr::memmem::Finder::new(separator.as_bytes());
    let mut items = Vec::new();
    let mut start = 0;
    // Separators may share their spaces (`* * * x` is three items): each search starts one
    // byte after the last match, not after its end.
    let mut from = 0;
    while let Some(found) = finder.find(&paragraph.as_bytes()[from..]) {
        let at = from + found;
        if at > start {
            items.push(&paragraph[start..at]);
            start = at + 1;
        }
        from = at + 1;
    }
    items.push(&paragraph[start..]);
    items
}

/// Whether `line` carries on the wrapped title of a related-article line ending in `previous`:
/// the title has not ended a sentence and the line reads like a title, not like prose.
fn continues_title(previous: &str, line: &str) -> bool {
    const SMALL: [&str; 16] = [
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "is", "of", "on", "or", "the",
        "to", "with",
    ];
    if ends_sentence(previous) || is_url(line) || line.starts_with(char::is_lowercase) {
        return false;
    }
    let (mut capital, mut words) = (0, 0);
    for word in line.split_whitespace() {
        let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() || SMALL.contains(&word.to_lowercase().as_str()) {
            continue;
        }
        words += 1;
        if word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
            capital += 1;
        }
    }
    words > 0 && capital * 3 >= words * 2
}

/// Append a wrapped line to a paragraph.
fn join_line(paragraph: &mut String, line: &str) {
    if paragraph.is_empty() {
        paragraph.push_str(line);
        return;
    }
    let mut tail = paragraph.chars().rev();
    let hyphenated = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic);
    let next_word = line.split_whitespace().next().unwrap_or("");
    let suspended = matches!(next_word, "and" | "or" | "nor" | "to");
    if !(hyphenated && line.starts_with(char::is_alphabetic) && !suspended) {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

/// Merge a paragraph into the one before when a sentence runs across them: the first does
/// not end a sentence and the second goes on in lower case (or, after removed material, with
/// a number: "between 2016 and" / URLs / "2018 in response").
fn rejoin(paragraphs: Vec<Paragraph>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(paragraphs.len());
    for paragraph in paragraphs {
        let first = paragraph.text.chars().next();
        let goes_on = first.is_some_and(char::is_lowercase)
            || (paragraph.after_removed && first.is_some_and(|c| c.is_ascii_digit()));
        match out.last_mut() {
            Some(previous) if goes_on && !ends_sentence(previous) && !previous.ends_with('-') => {
                previous.push(' ');
                previous.push_str(&paragraph.text);
            }
            _ => out.push(paragraph.text),
        }
    }
    out
}

/// Whether a paragraph has sentences separated by a single space: then two spaces after a
/// sentence mean a paragraph break, not a typing habit.
fn has_single_spaced_sentences(paragraph: &str) -> bool {
    let bytes = paragraph.as_bytes();
    FULL_STOP_SPACE.find_iter(bytes).any(|at| {
        bytes
            .get(at + 2)
            .is_some_and(|b| b.is_ascii_uppercase() || *b == b'"')
    })
}

/// The paragraphs run together in `paragraph`: split after a sentence end followed by two or
/// more spaces and a capital, a digit or a quote (`...on Monday.  One possibility`). Not before
/// a bracket: that is a ticker after an abbreviation (`Cisco Systems Inc.  (CSCO.O)`).
fn split_run_together(paragraph: &str, split: bool) -> Vec<&str> {
    if !split {
        return vec![paragraph];
    }
    let bytes = paragraph.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    for gap in DOUBLE_SPACE.find_iter(bytes) {
        if gap < start {
            continue; // inside a longer run of spaces already handled
        }
        let after = paragraph[gap..]
            .find(|c: char| c != ' ')
            .map_or(paragraph.len(), |n| gap + n);
        let before = &paragraph[start..gap];
        let opens = paragraph[after..].starts_with(|c: char| {
            c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'')
        });
        if opens && ends_sentence(before) && !before.trim_end().ends_with([':', ';']) {
            parts.push(before);
            start = after;
        }
    }
    parts.push(&paragraph[start..]);
    parts
}

/// `text` trimmed, with each run of spaces or tabs reduced to one space, and none just inside
/// brackets (Reuters writes tickers as `( AKZO.AS )`): how titles and paragraphs are tidied.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    tidy_spaces(text, &mut out);
    out
}

/// Append `text` tidied as by [`tidy`].
///
/// Most of a paragraph needs no change, so this jumps from one place that does to the next
/// with SIMD searches and copies the stretches between them whole.
fn tidy_spaces(text: &str, out: &mut String) {
    const NONE: usize = usize::MAX;
    let text = text.trim();
    let bytes = text.as_bytes();
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | 0x0b | 0x0c);
    type Search = fn(&[u8]) -> Option<usize>;
    let finders: [Search; 4] = [
        |b| DOUBLE_SPACE.find(b),
        |b| OPEN_SPACE.find(b),
        |b| SPACE_CLOSE.find(b),
        |b| memchr::memchr3(b'\t', 0x0b, 0x0c, b),
    ];
    // Where each pattern next occurs; searched again only once the cursor has passed it.
    let mut next = finders.map(|find| find(bytes).unwrap_or(NONE));
    let mut start = 0;
    while let Some(at) = next.iter().copied().min().filter(|&at| at != NONE) {
        let mut run = if bytes[at] == b'(' { at + 1 } else { at };
        while run > start && is_space(bytes[run - 1]) {
            run -= 1;
        }
        let mut end = run;
        while end < bytes.len() && is_space(bytes[end]) {
            end += 1;
        }
        out.push_str(&text[start..run]);
        if !text[..run].ends_with('(') && bytes.get(end) != Some(&b')') {
            out.push(' ');
        }
        start = end;
        for (found, find) in next.iter_mut().zip(&finders) {
            if *found < end {
                *found = find(&bytes[end..]).map_or(NONE, |p| p + end);
            }
        }
    }
    out.push_str(&text[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> String {
        clean(text).body
    }

    #[test]
    fn hard_wrapped_lines_become_one_line_paragraphs() {
        let text = " First line of a\nwrapped paragraph.\n\nSecond\nparagraph here.\n";
        assert_eq!(
            body(text),
            "First line of a wrapped paragraph.\n\nSecond paragraph here."
        );
    }

    #[test]
    fn cr_and_crlf_line_ends() {
        let crlf = "Title\r\n\r\nOne\r\ntwo.\r\n\r\nThree.\r\n";
        let cr = "Title\r\rOne\rtwo.\r\rThree.\r";
        for text in [crlf, cr] {
            let cleaned = clean(text);
            assert_eq!(cleaned.title.as_deref(), Some("Title"));
            assert_eq!(cleaned.body, "One two.\n\nThree.");
        }
    }

    #[test]
    fn url_lines_become_links_and_a_split_sentence_is_rejoined() {
        let text = "properties that were seized in response to alleged election\n\n\
                    https://www.interfax.ru/russia/1030524\nhttps://www.interfax.ru/russia/1030524\n\
                    https://example.com/b\n\n\ninterference.\n\nNext paragraph.";
        let cleaned = clean(text);
        assert_eq!(
            cleaned.body,
            "properties that were seized in response to alleged election interference.\n\nNext paragraph."
        );
        assert_eq!(
            cleaned.links,
            [
                "https://www.interfax.ru/russia/1030524",
                "https://example.com/b"
            ]
        );
    }

    #[test]
    fn a_split_number_is_rejoined_only_across_removed_material() {
        let text = "between 2016 and\n\nhttps://e.com/x\n\n2018 in response.";
        assert_eq!(body(text), "between 2016 and 2018 in response.");
        let text = "Intro.\n\nResults by year\n\n2018 was a good year.";
        assert_eq!(
            body(text),
            "Intro.\n\nResults by year\n\n2018 was a good year."
        );
    }

    #[test]
    fn related_article_paragraphs_are_dropped_even_when_their_title_wraps() {
        let text = "He spoke.\n\nRelated article: ‘The Fight for Souls and Minds’: Alex Jones, George Galloway, Errol Musk and\n\
                    More Attend Far-Right Forum of the Future in Moscow\n\nRussia first raised it.";
        assert_eq!(body(text), "He spoke.\n\nRussia first raised it.");
    }

    #[test]
    fn a_related_line_inside_a_paragraph_does_not_eat_the_prose_after_it() {
        let text = "The talks were held in\nRelated article: Kremlin Says Talks Are Off\nthe Turkish city of Istanbul.";
        assert_eq!(
            body(text),
            "The talks were held in the Turkish city of Istanbul."
        );
        let text = "He spoke.\nRelated: Kremlin Says Talks Are Off\nThe talks were held in the Turkish city of Istanbul on Monday.";
        assert_eq!(
            body(text),
            "He spoke. The talks were held in the Turkish city of Istanbul on Monday."
        );
    }

    #[test]
    fn title_and_date_lines_leave_the_body() {
        let text = "Magnitogorsk apartment building collapses after explosion, dozens dead\n\n\
                    Friday, January 4, 2019\n\nAn apartment building collapsed on Monday.\n\nSecond.";
        let cleaned = clean(text);
        assert_eq!(
            cleaned.title.as_deref(),
            Some("Magnitogorsk apartment building collapses after explosion, dozens dead")
        );
        assert_eq!(
            cleaned.date_line.as_deref(),
            Some("Friday, January 4, 2019")
        );
        assert_eq!(
            cleaned.body,
            "An apartment building collapsed on Monday.\n\nSecond."
        );
    }

    #[test]
    fn a_first_sentence_is_not_a_title() {
        let cleaned = clean("Officials met on Tuesday.\n\nThey talked.");
        assert_eq!(cleaned.title, None);
        assert_eq!(cleaned.body, "Officials met on Tuesday.\n\nThey talked.");
    }

    #[test]
    fn a_known_title_is_recognised_whatever_its_punctuation() {
        let cleaned = clean_titled("Who pays?\n\nNobody knows.", Some("Who pays?"));
        assert_eq!(cleaned.title.as_deref(), Some("Who pays?"));
        assert_eq!(cleaned.body, "Nobody knows.");
    }

    #[test]
    fn reuters_header_and_run_together_paragraphs() {
        let text = "-- Analysts widen 2008 loss estimates\n--\n-- Mon Aug 4, 2008 1:55pm EDT\n\
                    -- http://www.reuters.com/article/2008/08/04/x\n\n \n\n \
                    NEW YORK  (Reuters) - Shares of Tyco ( TYC.N ) rose. \n\n  \
                    The automaker lost $51 \nbillion.  Most analysts believe it will have \n\
                    cash issues, he said.  \"We agree,\" she said. Fine.  Cisco Systems Inc.  \
                    ( CSCO.O ) rose.\n";
        let cleaned = clean(text);
        assert_eq!(
            cleaned.title.as_deref(),
            Some("Analysts widen 2008 loss estimates")
        );
        assert_eq!(cleaned.author, None);
        assert_eq!(
            cleaned.date_line.as_deref(),
            Some("Mon Aug 4, 2008 1:55pm EDT")
        );
        assert_eq!(
            cleaned.url.as_deref(),
            Some("http://www.reuters.com/article/2008/08/04/x")
        );
        assert_eq!(
            cleaned.body,
            "NEW YORK (Reuters) - Shares of Tyco (TYC.N) rose.\n\n\
             The automaker lost $51 billion.\n\n\
             Most analysts believe it will have cash issues, he said.\n\n\
             \"We agree,\" she said. Fine.\n\nCisco Systems Inc. (CSCO.O) rose."
        );
    }

    #[test]
    fn two_spaces_as_a_typing_habit_do_not_split_paragraphs() {
        let text = "First sentence.  Second sentence.  Third one.";
        assert_eq!(body(text), "First sentence. Second sentence. Third one.");
    }

    #[test]
    fn line_end_hyphens_are_kept_and_joined() {
        let text = "a long-\nawaited offering of help-\nwanted ads for medium-\nand heavy-duty trucks,\n\
                    a 4.5 billion -- \nor more -- deal";
        assert_eq!(
            body(text),
            "a long-awaited offering of help-wanted ads for medium- and heavy-duty trucks, \
             a 4.5 billion -- or more -- deal"
        );
    }

    #[test]
    fn sentence_ends_are_found_inside_closing_marks_and_in_full_width() {
        for text in [
            "It closed.",
            "He said: \"It closed.\"  ",
            "(It closed!)",
            "Wait…",
            "港口关闭了。",
            "真的吗？」",
        ] {
            assert!(ends_sentence(text), "{text:?}");
        }
        for text in ["It closed", "He said \"no\"", "Port of call »", ""] {
            assert!(!ends_sentence(text), "{text:?}");
        }
    }

    #[test]
    fn long_lines_ending_a_sentence_are_paragraphs_of_their_own() {
        let first = format!("{}ends here.", "word ".repeat(40));
        let text = format!("{first}\nNext paragraph.\nwrapped on.");
        assert_eq!(
            body(&text),
            format!("{first}\n\nNext paragraph. wrapped on.")
        );
    }

    #[test]
    fn list_items_are_paragraphs_of_their_own() {
        let text = "The suit alleges that the firms:\n - manipulated nicotine levels\n - targeted \
                    teenagers with\nadvertising\n\n * CEO says credit\n   markets worsened\n \
                    * CFO says cuts came * CFO says more\n\nThe company - which\n- as we know - lost.";
        assert_eq!(
            body(text),
            "The suit alleges that the firms:\n\n- manipulated nicotine levels\n\n\
             - targeted teenagers with advertising\n\n* CEO says credit markets worsened\n\n\
             * CFO says cuts came\n\n* CFO says more\n\nThe company - which - as we know - lost."
        );
    }

    #[test]
    fn markers_that_share_their_spaces_are_items_each_and_cleaning_twice_keeps_them() {
        let once = body("* \n* \n* \nMonday, January 0, 0000");
        assert_eq!(once, "*\n\n*\n\n* Monday, January 0, 0000");
        let again = clean_titled(&format!("Title\n\n{once}"), Some("Title")).body;
        assert_eq!(again, once);
    }

    #[test]
    fn tidy_spaces_collapses_runs_and_brackets() {
        let cases = [
            ("a  b\tc \t d", "a b c d"),
            ("Acme ( WID.N )  rose", "Acme (WID.N) rose"),
            ("( x )", "(x)"),
            ("(\tx\t)", "(x)"),
            ("  both ends  ", "both ends"),
            ("a \x0c b", "a b"),
            ("no change here", "no change here"),
            ("é  ü ( ß )", "é ü (ß)"),
        ];
        for (text, tidy) in cases {
            let mut out = String::new();
            tidy_spaces(text, &mut out);
            assert_eq!(out, tidy, "{text:?}");
        }
    }

    #[test]
    fn lines_splits_on_every_line_end() {
        let found: Vec<&str> = lines("a\nb\r\nc\rd\r\n\ne").collect();
        assert_eq!(found, ["a", "b", "c", "d", "", "e"]);
        assert_eq!(lines("").count(), 0);
        assert_eq!(lines("x\n").collect::<Vec<_>>(), ["x"]);
    }

    #[test]
    fn urls() {
        assert!(is_url("https://t.me/youlistenedmayak/37666"));
        assert!(is_url("<http://x.org/a>"));
        assert!(is_url("www.example.com/a"));
        assert!(!is_url("https://x.org/a and more"));
        assert!(!is_url("http://"));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Lines in the shapes that the corpora hold, so that the cleaner's branches all run.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("  ".to_string()),
            "[a-zA-Z ,.;:?!'\"“”()-]{0,90}",
            "https?://[a-z.]{1,12}/[a-z0-9/]{0,20}",
            "Related article: [A-Za-z ]{0,40}",
            "-- [A-Za-z0-9 :,]{0,30}",
            "[*•-] [a-zA-Z ]{0,30}",
            "(Monday|Friday), (January|May) [0-9]{1,2}, [0-9]{4}",
            "\\PC{0,40}",
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(line(), 0..30),
            prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        )
            .prop_map(|(lines, end)| lines.join(end))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn never_panics_on_any_text(text in "\\PC*|(?s).*") {
            let _ = clean(&text);
            let _ = has_text(&text);
        }

        #[test]
        fn body_is_one_line_per_paragraph_without_url_lines(text in text()) {
            let cleaned = clean(&text);
            let body = &cleaned.body;
            prop_assert!(!body.contains('\r'));
            for paragraph in body.split("\n\n").filter(|_| !body.is_empty()) {
                prop_assert!(!paragraph.is_empty(), "empty paragraph in {body:?}");
                prop_assert!(!paragraph.contains('\n'), "line break in {paragraph:?}");
                prop_assert_eq!(paragraph.trim(), paragraph);
                prop_assert!(!is_url(paragraph), "URL paragraph {paragraph:?}");
                prop_assert!(!paragraph.contains("  "), "double space in {paragraph:?}");
            }
            for link in &cleaned.links {
                prop_assert!(is_url(link));
                prop_assert!(!body.contains(link.as_str()));
            }
        }

        #[test]
        fn tidy_spaces_matches_a_plain_word_join(text in "[a-z()é \t\x0b\x0c]{0,60}") {
            let mut expected = String::new();
            for word in text.split([' ', '\t', '\x0b', '\x0c']).filter(|w| !w.is_empty()) {
                if !expected.is_empty() && !expected.ends_with('(') && !word.starts_with(')') {
                    expected.push(' ');
                }
                expected.push_str(word);
            }
            let mut out = String::new();
            tidy_spaces(&text, &mut out);
            prop_assert_eq!(out, expected);
        }

        #[test]
        fn cleaning_is_stable(text in text()) {
            // A cleaned body cleaned again loses nothing (no title or header lines in it).
            let once = clean(&text).body;
            prop_assume!(!once.is_empty());
            // A second date line under the first stays in the body, then goes as a date line.
            prop_assume!(!layout::is_date_line(once.split("\n\n").next().unwrap_or("")));
            let twice = clean_titled(&format!("Title\n\n{once}"), Some("Title")).body;
            prop_assert_eq!(once, twice);
        }
    }
}
