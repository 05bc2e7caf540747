//! `metadata.jsonl`: what a folder says about its files.
//!
//! A corpus folder may hold a `metadata.jsonl` whose lines describe files beside it (or below
//! it): `{"file": "0001-x.txt", "title": "...", "published": "2019-01-04", "url": "..."}`, with
//! optional `author` and `id`. The walk loads each one once, when it enters the folder, and
//! hands every listed file its [`FileMeta`]; the reader then prefers these values to what it
//! finds in the file. Unknown fields (`licence`, `genre`) are ignored.

use std::collections::HashMap;

use super::json;

/// The name of the file that describes a folder's articles.
pub(crate) const FILE_NAME: &str = "metadata.jsonl";

/// What `metadata.jsonl` says about one file. Empty values are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileMeta {
    pub id: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
}

/// A parsed `metadata.jsonl`: entries by file path relative to its folder (`/` separators),
/// and the lines that could not be used, as `line N: why`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Listing {
    pub entries: HashMap<String, FileMeta>,
    pub problems: Vec<String>,
}

/// Parse the text of a `metadata.jsonl`.
pub(crate) fn parse(text: &str) -> Listing {
    let mut listing = Listing::default();
    for (n, line) in super::clean::lines(text).enumerate() {
        let object = match json::object_line(line) {
            Ok(Some(object)) => object,
            Ok(None) => continue,
            Err(why) => {
                listing.problems.push(format!("line {}: {why}", n + 1));
                continue;
            }
        };
        let Some(file) =
            json::field(&object, "file", "").or_else(|| json::field(&object, "path", ""))
        else {
            listing
                .problems
                .push(format!("line {}: no \"file\" field", n + 1));
            continue;
        };
        let key = file.trim_start_matches("./").replace('\\', "/");
        listing.entries.insert(
            key,
            FileMeta {
                id: json::field(&object, "id", ""),
                title: json::field(&object, "title", " "),
                published: json::field(&object, "published", " ")
                    .or_else(|| json::field(&object, "date", " ")),
                url: json::field(&object, "url", " "),
                author: json::field(&object, "author", ", "),
            },
        );
    }
    listing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikinews_lines_give_title_date_and_url() {
        let listing = parse(concat!(
            r#"{"file": "0001-a.txt", "title": "Magnitogorsk apartment building collapses", "published": "2019-01-04", "url": "https://en.wikinews.org/wiki/M", "licence": "CC BY 2.5", "genre": "news"}"#,
            "\n\n",
            r#"{"file": "sub/0002-b.txt", "title": "Second", "date": "2019-01-05"}"#,
            "\n"
        ));
        assert!(listing.problems.is_empty(), "{:?}", listing.problems);
        let first = &listing.entries["0001-a.txt"];
        assert_eq!(
            first.title.as_deref(),
            Some("Magnitogorsk apartment building collapses")
        );
        assert_eq!(first.published.as_deref(), Some("2019-01-04"));
        assert_eq!(first.url.as_deref(), Some("https://en.wikinews.org/wiki/M"));
        assert_eq!(
            listing.entries["sub/0002-b.txt"].published.as_deref(),
            Some("2019-01-05")
        );
    }

    #[test]
    fn broken_lines_are_reported_with_their_number() {
        let listing = parse("{\"file\": \"a.txt\"}\n{\"file\": \n[1]\n{\"title\": \"x\"}\n");
        assert_eq!(listing.entries.len(), 1);
        assert_eq!(listing.problems.len(), 3);
        assert!(listing.problems[0].starts_with("line 2: invalid JSON"));
        assert_eq!(listing.problems[1], "line 3: not a JSON object");
        assert_eq!(listing.problems[2], "line 4: no \"file\" field");
    }
}
