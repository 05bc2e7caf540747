//! A web page as an article: a minimal reading (tags dropped, the `<title>` as title) until the
//! main-text extractor takes its place.

use crate::article::RawArticle;

use super::read::Skip;

/// The article in the HTML page `bytes` of the file `relative`.
pub fn read_html(relative: &str, bytes: &[u8]) -> Result<RawArticle, Skip> {
    let page = String::from_utf8_lossy(bytes);
    let mut text = String::with_capacity(page.len() / 2);
    let mut title = String::new();
    let mut rest: &str = &page;
    let mut skipping: Option<String> = None;
    let mut in_title = false;
    while let Some(open) = rest.find('<') {
        let before = &rest[..open];
        if skipping.is_none() {
            if in_title {
                title.push_str(before);
            } else {
                text.push_str(before);
            }
        }
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = rest[open + 1..open + close].to_ascii_lowercase();
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .find(|s| !s.is_empty());
        match (tag.starts_with('/'), name) {
            (false, Some(n @ ("script" | "style" | "noscript"))) => skipping = Some(n.to_string()),
            (true, Some(n)) if skipping.as_deref() == Some(n) => skipping = None,
            (false, Some("title")) => in_title = true,
            (true, Some("title")) => in_title = false,
            (_, Some("p" | "div" | "br" | "h1" | "h2" | "h3" | "li" | "article")) => {
                text.push_str("\n\n")
            }
            _ => {}
        }
        rest = &rest[open + close + 1..];
    }
    if skipping.is_none() {
        text.push_str(rest);
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    if !super::clean::has_text(&text) {
        return Err(Skip::NoText);
    }
    Ok(RawArticle {
        id: relative.to_string(),
        path: relative.to_string(),
        title: title.trim().to_string(),
        text,
        ..RawArticle::default()
    })
}
