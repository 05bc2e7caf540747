//! Cleaning raw article text into continuous prose.
//!
//! Raw news text arrives hard-wrapped, with URL-only lines, "Related article:" paragraphs
//! dropped into the middle of sentences, and header lines (`-- title`, `-- By author`,
//! `-- Fri Oct 20, 2006 6:15pm EDT`, `-- url`). [`clean`] separates the header from the body,
//! joins wrapped lines into paragraphs, keeps URL lines apart as links, and rejoins a sentence
//! that was split around the material it removed.

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

/// Split the header from the body and clean the body.
pub fn clean(text: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let mut lines = text.lines().peekable();
    // `-- ` header lines (Reuters layout).
    while let Some(line) = lines.peek() {
        let line = line.trim();
        let Some(value) = line.strip_prefix("-- ").or_else(|| line.strip_prefix("--")) else {
            if line.is_empty() && out.title.is_some() {
                lines.next();
                continue;
            }
            break;
        };
        let value = value.trim();
        if out.title.is_none() {
            out.title = Some(value.to_string());
        } else if let Some(author) = value.strip_prefix("By ") {
            out.author = Some(author.trim().to_string());
        } else if is_url(value) {
            out.url = Some(value.to_string());
        } else if out.date_line.is_none() {
            out.date_line = Some(value.to_string());
        }
        lines.next();
    }
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        if is_url(line) {
            if !out.links.iter().any(|l| l == line) {
                out.links.push(line.to_string());
            }
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    out.body = paragraphs.join("\n\n");
    out
}

fn is_url(line: &str) -> bool {
    (line.starts_with("http://") || line.starts_with("https://"))
        && !line.contains(char::is_whitespace)
}
