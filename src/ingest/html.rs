//! HTML pages: the article's main text and metadata.
//!
//! The page is decoded by its byte-order mark, else its `<meta charset>` (or `http-equiv`
//! content type), else as UTF-8 with broken bytes replaced. The main text is found by
//! [`dom_smoothie`], a port of Mozilla's Readability: it scores the page's blocks by their
//! text, links and class names and keeps the best one with its siblings. Before it runs,
//! elements that are never article prose are removed (figure captions, bylines, share and
//! newsletter boxes, `aside`, `nav`, forms); after, lines that are page furniture rather than
//! prose are dropped ("Advertisement", a lone "By ..." byline or date line, "Image copyright").
//!
//! Metadata: the title, author and publication date come from JSON-LD (`headline`,
//! `author`, `datePublished`), else the meta tags (OpenGraph `article:published_time`, Dublin
//! Core, `author`), else `itemprop` or `<time datetime>`; the URL is the page's
//! `<link rel=canonical>`, else the JSON-LD or OpenGraph URL. The date is kept as written and
//! parsed later (`extract::pubdate`).
//!
//! The extractor was chosen by measurement on real news pages (article text against the
//! true text, word 4-grams; see BENCHMARKS.md): trafilatura ports score a little higher
//! unaided but run at a fifth of the speed.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use encoding_rs::{Encoding, UTF_8};

use crate::article::RawArticle;

use super::clean;
use super::decode;
use super::read::Skip;

/// How far into the page a `<meta charset>` is looked for (the HTML standard says 1024 bytes;
/// real pages put it later behind long comments and scripts).
const CHARSET_SNIFF_BYTES: usize = 4096;

/// Elements removed before the main text is looked for: never article prose (scripts stay
/// until dom_smoothie has read the JSON-LD in them).
const NOT_PROSE: &str = "style, noscript, template, nav, aside, button, \
    select, figcaption";

/// Elements removed when they are short or mostly links: a class that names them as page
/// furniture (a wrapper's class can say "share" too, so long prose is kept).
const FURNITURE_CLASSES: &str = "[class*=caption], [class*=byline], [class*=share], \
    [class*=social], [class*=newsletter], [class*=related], [class*=promo]";

/// A furniture element with at least this much text and few links is kept.
const FURNITURE_MAX_CHARS: usize = 400;

/// The article of one HTML page: body text (paragraphs separated by a blank line), title,
/// published (date string as found, e.g. ISO 8601), author, url (canonical).
pub(crate) fn read_html(relative: &str, bytes: &[u8]) -> Result<RawArticle, Skip> {
    if decode::looks_binary(&bytes[..bytes.len().min(decode::SNIFF_BYTES)])
        && Encoding::for_bom(bytes).is_none()
    {
        return Err(Skip::Binary);
    }
    let html = decode_page(bytes);
    if html.trim().is_empty() {
        return Err(Skip::Empty);
    }
    let page = extract(&html);
    if !clean::has_text(&page.body) {
        return Err(Skip::NoText);
    }
    Ok(RawArticle {
        id: relative.to_string(),
        path: relative.to_string(),
        title: page.title,
        text: page.body,
        published: page.published,
        url: page.url,
        author: page.author,
    })
}

/// What one page gives.
#[derive(Debug, Clone, Default, PartialEq)]
struct Page {
    title: String,
    body: String,
    published: Option<String>,
    author: Option<String>,
    url: Option<String>,
}

/// The page's text: by its byte-order mark, else its declared charset, else UTF-8 (lossily).
fn decode_page(bytes: &[u8]) -> String {
    let declared = declared_charset(&bytes[..bytes.len().min(CHARSET_SNIFF_BYTES)])
        // A page cannot declare UTF-16 in ASCII bytes: it is read as UTF-8 (as browsers do).
        .map(|e| {
            if e.is_single_byte() || e == UTF_8 {
                e
            } else {
                UTF_8
            }
        })
        .unwrap_or(UTF_8);
    // `decode` lets a byte-order mark override the declared encoding.
    let (text, _, _) = declared.decode(bytes);
    text.into_owned()
}

/// The encoding named by `<meta charset=X>` or `<meta http-equiv=Content-Type content="...;
/// charset=X">` in the head of a page.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let after = tag[c + b"charset".len()..].trim_ascii_start();
            let Some(rest) = after.strip_prefix(b"=").map(<[u8]>::trim_ascii_start) else {
                from = end;
                continue;
            };
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let label_end = rest
                .iter()
                .position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b' ' | b'>'))
                .unwrap_or(rest.len());
            if let Some(encoding) = Encoding::for_label(&rest[..label_end]) {
                return Some(encoding);
            }
        }
        from = end;
    }
    None
}

/// The article text and metadata of a page.
fn extract(html: &str) -> Page {
    let document = Document::from(html);
    let canonical = canonical_url(&document);
    let fallback_date = fallback_date(&document);
    let og_url = meta_content(&document, "meta[property='og:url']");
    document.select(NOT_PROSE).remove();
    remove_furniture(&document);
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let Ok(mut readability) = Readability::with_document(document, None, Some(config)) else {
        return Page::default();
    };
    let Ok(article) = readability.parse() else {
        return Page::default();
    };
    let title = clean::tidy(&article.title);
    let author = article
        .byline
        .as_deref()
        .map(byline_name)
        .filter(|a| !a.is_empty() && !a.contains("://"));
    let furniture = Known {
        title: &title,
        author: author.as_deref(),
    };
    let body = prose(&article.text_content, &furniture);
    Page {
        title,
        body,
        published: article.published_time.or(fallback_date),
        author,
        url: canonical
            .or(article.url.filter(|u| is_web_url(u)))
            .or(og_url.filter(|u| is_web_url(u))),
    }
}

/// Remove the elements of [`FURNITURE_CLASSES`] that are short or mostly links.
fn remove_furniture(document: &Document) {
    let found = document.select(FURNITURE_CLASSES);
    for node in found.nodes() {
        let text = node.text();
        let chars = text.trim().chars().count();
        let linked: usize = dom_query::Selection::from(*node)
            .select("a")
            .nodes()
            .iter()
            .map(|a| a.text().trim().chars().count())
            .sum();
        if chars < FURNITURE_MAX_CHARS || linked * 2 > chars {
            node.remove_from_parent();
        }
    }
}

fn is_web_url(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

/// `<link rel=canonical href>` when it is an absolute web address.
fn canonical_url(document: &Document) -> Option<String> {
    let links = document.select("link[rel]");
    links
        .nodes()
        .iter()
        .filter(|link| {
            link.attr("rel").is_some_and(|rel| {
                rel.split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
            })
        })
        .filter_map(|link| link.attr("href"))
        .map(|href| href.trim().to_string())
        .find(|href| is_web_url(href))
}

fn meta_content(document: &Document, selector: &str) -> Option<String> {
    let found = document.select(selector);
    found
        .nodes()
        .iter()
        .filter_map(|node| node.attr("content"))
        .map(|content| content.trim().to_string())
        .find(|content| !content.is_empty())
}

/// A publication date the page states outside JSON-LD and the usual meta tags:
/// `itemprop=datePublished`, a `<meta name=date>`-like tag, or the first `<time datetime>`.
fn fallback_date(document: &Document) -> Option<String> {
    meta_content(
        document,
        "meta[itemprop=datePublished], meta[name=date], meta[name='publish-date'], \
         meta[name=pubdate], meta[name='publication_date'], meta[name='sailthru.date'], \
         meta[property='og:published_time']",
    )
    .or_else(|| {
        let times = document.select("[itemprop=datePublished][datetime], time[datetime]");
        times
            .nodes()
            .iter()
            .filter_map(|t| t.attr("datetime"))
            .map(|d| d.trim().to_string())
            .find(|d| !d.is_empty())
    })
}

/// A byline without its "By" and trailing date or site.
fn byline_name(byline: &str) -> String {
    let byline = clean::tidy(byline);
    let name = strip_by(&byline);
    let name = name.split(['|', '\n']).next().unwrap_or(name).trim();
    if is_date_line(name) || name.ends_with(':') {
        return String::new();
    }
    name.to_string()
}

fn strip_by(line: &str) -> &str {
    let trimmed = line.trim();
    for prefix in ["By ", "by ", "BY ", "Posted by ", "Written by "] {
        if let Some(rest) = trimmed.strip_prefix(prefix) {
            return rest.trim();
        }
    }
    trimmed
}

/// What the page's metadata says, to recognise it when the text repeats it.
#[derive(Default)]
struct Known<'a> {
    title: &'a str,
    author: Option<&'a str>,
}

/// A paragraph this short that stands in the text more than once and ends no sentence is a
/// repeated widget (share buttons, a photo credit), not prose.
const REPEATED_MAX_WORDS: usize = 8;

/// The text's paragraphs, one line each, separated by a blank line, without the lines that
/// are page furniture.
fn prose(text: &str, known: &Known) -> String {
    let lines: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect();
    let mut seen = std::collections::HashMap::<&str, usize>::new();
    for line in &lines {
        if line.split_whitespace().count() <= REPEATED_MAX_WORDS && !clean::ends_sentence(line) {
            *seen.entry(line.as_str()).or_default() += 1;
        }
    }
    let mut out = String::with_capacity(text.len());
    for line in &lines {
        let repeated = seen.get(line.as_str()).is_some_and(|&n| n > 1);
        if repeated || is_furniture(line, known.title, known.author) {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(line);
    }
    out
}

/// Words that stand alone on a line only as page furniture.
const FURNITURE: &[&str] = &[
    "advertisement",
    "advert",
    "ad",
    "sponsored",
    "sponsored content",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "continue reading",
    "continue reading the main story",
    "read more",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "sharing is caring!",
    "comments",
    "comment",
    "related",
    "related news",
    "related articles",
    "related stories",
    "subscribe",
    "sign up",
    "tweet",
    "email",
    "print",
    "view comments",
    "don't miss",
    "see also",
    "more on this",
    "more from",
    "recommended",
    "trending",
    "you may also like",
    "highlights",
    "getty images",
    "loading content",
    "about the author",
];

/// Line starts that mark captions, credits and calls to action.
const FURNITURE_STARTS: &[&str] = &[
    "image copyright",
    "image caption",
    "media caption",
    "image source",
    "credit...",
    "photo credit",
    "photograph:",
    "(image:",
    "click here to",
    "follow us on",
    "sign up for",
    "subscribe to",
    "view author archive",
    "email the author",
    "this post may contain affiliate",
    "like this story? share",
    "(image credit:",
    "image credit:",
    "photo:",
    "фото:",
    "foto:",
    "related:",
    "see more:",
    "read more:",
    "read also:",
    "also on ",
    "also:",
    "more great ",
    "copyright",
    "©",
];

/// Phrases that mark a line as a site's legal footer wherever they stand.
const FURNITURE_ANYWHERE: &[&str] = &["all rights reserved", "this slideshow requires javascript"];

fn is_furniture(line: &str, title: &str, author: Option<&str>) -> bool {
    let lower = line.to_lowercase();
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '!' && c != '\'');
    if FURNITURE.contains(&bare)
        || FURNITURE_STARTS.iter().any(|s| lower.starts_with(s))
        || FURNITURE_ANYWHERE.iter().any(|s| lower.contains(s))
        || is_gallery_counter(&lower)
    {
        return true;
    }
    if !title.is_empty() && line == title {
        return true;
    }
    let words = line.split_whitespace().count();
    if words <= 12 && !clean::ends_sentence(line) {
        // "By Jane Smith", "By Jane Smith - 11/18/19 11:04 PM EST", "Jane Smith" (the author).
        if (line.starts_with("By ") || line.starts_with("by ") || line.starts_with("BY "))
            && words <= 10
        {
            return true;
        }
        if author.is_some_and(|a| !a.is_empty() && line.eq_ignore_ascii_case(a)) {
            return true;
        }
        // Not the signature of an embedded post: "— Name (@handle) November 18, 2019".
        if is_date_line(line) && !line.starts_with(['—', '-', '–']) && !line.contains("(@") {
            return true;
        }
    }
    false
}

/// `Image 2 of 5`, `Image 1 of / 8`: a slideshow's counter.
fn is_gallery_counter(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().filter(|w| *w != "/").collect();
    matches!(
        words.as_slice(),
        [kind, n, "of", m] if matches!(*kind, "image" | "photo" | "picture" | "slide")
            && n.bytes().all(|b| b.is_ascii_digit())
            && m.bytes().all(|b| b.is_ascii_digit())
    )
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A short line that states when the page was published or updated: a year with a month name
/// or a clock time, and few other words (`Published 10:02 AM EST Nov 19, 2019`).
fn is_date_line(line: &str) -> bool {
    let has_year = line
        .split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")));
    let slashed = line.split_whitespace().any(|w| {
        let parts: Vec<&str> = w.split(['/', '.']).collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    });
    if !has_year && !slashed {
        return false;
    }
    let lower = line.to_lowercase();
    let month = lower
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m)) && w.len() <= 9);
    let clock = line.split_whitespace().any(|w| {
        let mut parts = w.split(':');
        matches!(
            (parts.next(), parts.next()),
            (Some(h), Some(m)) if !h.is_empty() && h.len() <= 2 && h.bytes().all(|b| b.is_ascii_digit())
                && m.len() >= 2 && m.as_bytes()[..2].iter().all(u8::is_ascii_digit)
        )
    });
    month || clock || slashed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, body: &str) -> String {
        format!("<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>")
    }

    const PROSE: &str = "<p>The council voted on Tuesday to close the old bridge to cars, after \
        engineers found cracks in two of its three spans during a routine inspection.</p>\
        <p>Residents who cross it every day said the decision would add twenty minutes to their \
        commute, and shop owners on the east bank feared for their trade.</p>\
        <p>The mayor said a replacement would be designed next year and built within three \
        years, paid for by a regional grant and a loan from the national bank.</p>";

    fn read(html: &str) -> RawArticle {
        match read_html("a/page.html", html.as_bytes()) {
            Ok(article) => article,
            Err(skip) => panic!("skipped: {skip}"),
        }
    }

    #[test]
    fn boilerplate_is_dropped() {
        let html = page(
            "<title>Bridge closes | The Gazette</title>",
            &format!(
                "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>\
                 <div class='ad'>Advertisement</div>\
                 <article><h1>Bridge closes</h1><p class='byline'>By Jane Smith</p>\
                 <figure><img src='x.jpg'><figcaption>The bridge in 2019. Photo: J. Doe</figcaption></figure>\
                 {PROSE}<p>Advertisement</p></article>\
                 <aside><h3>Related stories</h3><ul><li><a href='/a'>Another bridge story that is long</a></li></ul></aside>\
                 <section class='comments'><p>First! Great article, thanks.</p></section>\
                 <footer><p>Copyright 2024 The Gazette. All rights reserved.</p></footer>"
            ),
        );
        let article = read(&html);
        assert!(
            article.text.starts_with("The council voted"),
            "{}",
            article.text
        );
        assert!(
            article.text.ends_with("the national bank."),
            "{}",
            article.text
        );
        assert_eq!(article.text.matches("\n\n").count(), 2, "{}", article.text);
        for gone in [
            "Home",
            "Advertisement",
            "Jane Smith",
            "Photo",
            "Related",
            "First!",
            "Copyright",
        ] {
            assert!(!article.text.contains(gone), "{gone} in {}", article.text);
        }
        assert_eq!(
            (article.id.as_str(), article.path.as_str()),
            ("a/page.html", "a/page.html")
        );
    }

    #[test]
    fn json_ld_metadata_wins() {
        let head = r#"<title>Site title</title>
            <meta property="article:published_time" content="2020-01-01T00:00:00Z">
            <script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
              "headline": "Bridge closes to cars", "datePublished": "2024-03-05T09:30:00+01:00",
              "author": {"@type": "Person", "name": "Jane Smith"}, "url": "https://gazette.example/ld"}</script>
            <link rel="canonical" href="https://gazette.example/news/bridge">"#;
        let article = read(&page(head, &format!("<article>{PROSE}</article>")));
        assert_eq!(article.title, "Bridge closes to cars");
        assert_eq!(
            article.published.as_deref(),
            Some("2024-03-05T09:30:00+01:00")
        );
        assert_eq!(article.author.as_deref(), Some("Jane Smith"));
        assert_eq!(
            article.url.as_deref(),
            Some("https://gazette.example/news/bridge")
        );
    }

    #[test]
    fn opengraph_and_meta_tags() {
        let head = r#"<meta property="og:title" content="Bridge closes">
            <meta property="article:published_time" content="2024-03-05T09:30:00Z">
            <meta name="author" content="Jane Smith">
            <meta property="og:url" content="https://gazette.example/og">"#;
        let article = read(&page(head, &format!("<article>{PROSE}</article>")));
        assert_eq!(article.title, "Bridge closes");
        assert_eq!(article.published.as_deref(), Some("2024-03-05T09:30:00Z"));
        assert_eq!(article.author.as_deref(), Some("Jane Smith"));
        assert_eq!(article.url.as_deref(), Some("https://gazette.example/og"));
    }

    #[test]
    fn time_element_gives_the_date() {
        let body = format!("<article><time datetime=\"2023-11-18\">18 Nov</time>{PROSE}</article>");
        let article = read(&page("<title>T</title>", &body));
        assert_eq!(article.published.as_deref(), Some("2023-11-18"));
        assert_eq!(article.url, None);
    }

    #[test]
    fn declared_charset_is_honoured() {
        let text = "<p>Le conseil a voté mardi la fermeture du vieux pont aux voitures, après que \
            des ingénieurs ont trouvé des fissures dans deux de ses trois travées.</p>\
            <p>Les riverains qui le traversent chaque jour disent que la décision ajoutera vingt \
            minutes à leur trajet, et les commerçants de la rive est craignent pour leur café.</p>";
        let html = page(
            "<meta charset=\"iso-8859-1\"><title>Pont</title>",
            &format!("<article>{text}</article>"),
        );
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&html);
        let Ok(article) = read_html("p.html", &bytes) else {
            panic!("skipped")
        };
        assert!(article.text.contains("a voté mardi"), "{}", article.text);
        assert!(article.text.contains("leur café."), "{}", article.text);
        // http-equiv, and a byte-order mark that overrides a wrong declaration.
        let html = page(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">",
            &format!("<article>{text}</article>"),
        );
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&html);
        assert!(read_html("p.html", &bytes).is_ok_and(|a| a.text.contains("voté")));
        let mut utf8 = b"\xEF\xBB\xBF".to_vec();
        utf8.extend_from_slice(html.as_bytes());
        assert!(read_html("p.html", &utf8).is_ok_and(|a| a.text.contains("voté")));
        // No declaration: UTF-8.
        let html = page("", &format!("<article>{text}</article>"));
        assert!(read_html("p.html", html.as_bytes()).is_ok_and(|a| a.text.contains("voté")));
    }

    #[test]
    fn charset_declarations() {
        let label = |head: &str| declared_charset(head.as_bytes()).map(Encoding::name);
        assert_eq!(label("<meta charset=\"ISO-8859-1\">"), Some("windows-1252"));
        assert_eq!(label("<META CHARSET=koi8-r>"), Some("KOI8-R"));
        assert_eq!(
            label("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"),
            Some("Shift_JIS")
        );
        assert_eq!(label("<meta charset><meta charset='gbk'>"), Some("GBK"));
        assert_eq!(label("<meta name=\"x\" content=\"y\">"), None);
    }

    #[test]
    fn pages_without_text_are_skipped() {
        assert_eq!(read_html("e.html", b"  \n"), Err(Skip::Empty));
        assert_eq!(
            read_html(
                "e.html",
                b"<html><head><title>Nothing</title></head><body></body></html>"
            ),
            Err(Skip::NoText)
        );
        assert_eq!(
            read_html("b.html", b"\x00\x01\x02\x03binary\x00\x00"),
            Err(Skip::Binary)
        );
    }

    #[test]
    fn furniture_lines() {
        for line in [
            "Advertisement",
            "ADVERTISEMENT",
            "Share this article",
            "By Jane Smith - 11/18/19 11:04 PM EST",
            "Published 10:02 AM EST Nov 19, 2019",
            "Updated on: November 19, 2019 / 10:07 AM / CBS News",
            "Image copyright Getty Images",
        ] {
            assert!(is_furniture(line, "", None), "{line}");
        }
        for line in [
            "The vote was held on November 19, 2019.",
            "By the end of the year the bridge will reopen, the mayor said.",
            "Residents were angry",
        ] {
            assert!(!is_furniture(line, "", None), "{line}");
        }
        assert!(is_furniture("Jane Smith", "", Some("Jane Smith")));
    }

    #[test]
    fn never_panics_on_broken_markup() {
        for html in [
            "<",
            "<html><body><p>unclosed",
            "<meta charset=>",
            "<meta charset",
            "<<<>>>",
        ] {
            let _ = read_html("x.html", html.as_bytes());
        }
    }
}
