//! Articles stored as JSON: a `.json` file with one object or an array of objects, and
//! `.jsonl`/`.ndjson` files with one object per line.
//!
//! An article object has its text in `body` (or `text`) and may have `id`, `title`,
//! `published` (or `date`), `url` and `author`; other fields are ignored. Values are taken
//! generously: a numeric id, a body given as an array of paragraphs, a list of authors. A broken
//! line costs that line only: it is reported with its file and line number and the good lines
//! are kept.

use serde_json::{Map, Value};

use crate::article::RawArticle;

use super::read::FileArticles;

/// Read a `.json` file: one article object or an array of them. A file that is not one JSON
/// value but holds good JSON Lines is read as JSON Lines. `Err` gives why nothing could be read.
pub fn read_json(relative: &str, text: &str) -> Result<FileArticles, String> {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => {
            let lines = read_json_lines(relative, text);
            if !lines.articles.is_empty() {
                return Ok(lines);
            }
            return Err(format!("invalid JSON: {err}"));
        }
    };
    let mut out = FileArticles::default();
    match value {
        Value::Object(object) => match article(&object, relative, relative) {
            Ok(article) => out.articles.push(article),
            Err(why) => out.warnings.push(format!("{relative}: {why}")),
        },
        Value::Array(items) => {
            for (n, item) in items.iter().enumerate() {
                let id = format!("{relative}#{}", n + 1);
                let read = match item {
                    Value::Object(object) => article(object, relative, &id),
                    _ => Err("not a JSON object".to_string()),
                };
                match read {
                    Ok(article) => out.articles.push(article),
                    Err(why) => out
                        .warnings
                        .push(format!("{relative}: item {}: {why}", n + 1)),
                }
            }
        }
        _ => return Err("not a JSON object or array of objects".to_string()),
    }
    Ok(out)
}

/// Read a JSON Lines file: one article object per line; blank lines are allowed.
pub fn read_json_lines(relative: &str, text: &str) -> FileArticles {
    let mut out = FileArticles::default();
    for (n, line) in super::clean::lines(text).enumerate() {
        let number = n + 1;
        let read = object_line(line).and_then(|object| match object {
            Some(object) => article(&object, relative, &format!("{relative}#{number}")).map(Some),
            None => Ok(None),
        });
        match read {
            Ok(Some(article)) => out.articles.push(article),
            Ok(None) => {}
            Err(why) => out.warnings.push(format!("{relative}:{number}: {why}")),
        }
    }
    out
}

/// Parse one line of a JSON Lines file (`Ok(None)` for a blank line).
pub fn object_line(line: &str) -> Result<Option<Map<String, Value>>, String> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(None);
    }
    match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(object)) => Ok(Some(object)),
        Ok(_) => Err("not a JSON object".to_string()),
        Err(err) => Err(format!(
            "invalid JSON at column {}: {}",
            err.column(),
            message(&err)
        )),
    }
}

/// The text of a field: a string, a number, or an array of strings joined by `separator`.
pub fn field(object: &Map<String, Value>, name: &str, separator: &str) -> Option<String> {
    let text = match object.get(name)? {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(separator),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// An article from one object of the file `relative`; `default_id` serves when it has no `id`.
fn article(
    object: &Map<String, Value>,
    relative: &str,
    default_id: &str,
) -> Result<RawArticle, String> {
    let text = field(object, "body", "\n\n")
        .or_else(|| field(object, "text", "\n\n"))
        .ok_or("no \"body\" or \"text\"")?;
    if !super::clean::has_text(&text) {
        return Err("no article text in \"body\" or \"text\" (links only)".to_string());
    }
    Ok(RawArticle {
        id: field(object, "id", "").unwrap_or_else(|| default_id.to_string()),
        path: relative.to_string(),
        title: field(object, "title", " ").unwrap_or_default(),
        text,
        published: field(object, "published", " ").or_else(|| field(object, "date", " ")),
        url: field(object, "url", " "),
        author: field(object, "author", ", "),
    })
}

/// serde_json's message without its ` at line 1 column 5` (the caller says where).
fn message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rsplit_once(" at line ") {
        Some((message, _)) => message.to_string(),
        None => text,
    }
}
