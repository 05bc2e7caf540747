//! Articles stored as JSON: a `.json` file with one object or an array of objects, and
//! `.jsonl`/`.ndjson` files with one object per line.
//!
//! An article object has its text in `body` (or `text`, `maintext` as news-please writes it,
//! `content`, `article`, `articleBody`; `description` when there is nothing else) and may have
//! `id`, `title` (or `headline`), `published` (or `date`, `date_publish`, `datePublished`,
//! `publish_date`), `url` (or `link`) and `author` (or `authors`); other fields are ignored.
//! Values are taken generously: a numeric id, a body given as an array of paragraphs, a list of
//! authors, an author object with a `name`. A broken line costs that line only: it is reported
//! with its file and line number and the good lines are kept. A JSON Lines file is read line by
//! line ([`stream_json_lines`]), and a JSON array one element at a time
//! ([`stream_json_array`]), so their size costs no memory.

use std::io::{BufRead, Read};

use serde_json::{Map, Value};

use crate::article::RawArticle;

use super::decode::{self, Lossy};
use super::read::{FileArticles, Pieces};

/// The fields that hold an article's text, in order of preference.
const TEXT_FIELDS: [&str; 6] = [
    "body",
    "text",
    "maintext",
    "content",
    "article",
    "articleBody",
];
/// The fields that hold its title.
const TITLE_FIELDS: [&str; 2] = ["title", "headline"];
/// The fields that hold its publication date.
const DATE_FIELDS: [&str; 6] = [
    "published",
    "date",
    "date_publish",
    "datePublished",
    "publish_date",
    "pubDate",
];
/// The fields that hold its URL.
const URL_FIELDS: [&str; 2] = ["url", "link"];
/// The fields that hold its byline.
const AUTHOR_FIELDS: [&str; 3] = ["author", "authors", "byline"];

/// Longest line of a JSON Lines file.
const MAX_LINE_BYTES: u64 = super::read::MAX_FILE_BYTES;

/// Read a `.json` file: one article object or an array of them. A file that is not one JSON
/// value but holds good JSON Lines is read as JSON Lines. `Err` gives why nothing could be read.
pub(crate) fn read_json(relative: &str, text: &str) -> Result<FileArticles, String> {
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
pub(crate) fn read_json_lines(relative: &str, text: &str) -> FileArticles {
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

/// Read a JSON Lines stream line by line into `pieces`; a line that is not UTF-8 is decoded as
/// a file would be ([`decode`]), and counted in one warning.
pub(crate) fn stream_json_lines(relative: &str, mut reader: impl BufRead, pieces: &mut Pieces<'_>) {
    let mut line = Vec::new();
    let mut number = 0usize;
    let mut offset = 0u64;
    let mut lossy: Option<(Lossy, usize)> = None;
    while !pieces.stopped() {
        line.clear();
        let at = offset;
        match (&mut reader)
            .take(MAX_LINE_BYTES)
            .read_until(b'\n', &mut line)
        {
            Ok(0) => break,
            Ok(read) => offset += read as u64,
            Err(err) => {
                pieces.warn(format!("{relative}:{}: reading stopped: {err}", number + 1));
                break;
            }
        }
        number += 1;
        if pieces.already_read(at) {
            continue;
        }
        let text = match std::str::from_utf8(&line) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => match decode::decode(line.clone()) {
                decode::Decoded::Text(text, note) => {
                    if let Some(note) = note {
                        lossy.get_or_insert((note, 0)).1 += 1;
                    }
                    std::borrow::Cow::Owned(text)
                }
                decode::Decoded::Empty => continue,
                decode::Decoded::Binary => {
                    pieces.warn(format!("{relative}:{number}: binary data"));
                    continue;
                }
            },
        };
        let read = object_line(&text).and_then(|object| match object {
            Some(object) => article(&object, relative, &format!("{relative}#{number}")).map(Some),
            None => Ok(None),
        });
        match read {
            Ok(Some(article)) => pieces.push(article),
            Ok(None) => {}
            Err(why) => pieces.warn(format!("{relative}:{number}: {why}")),
        }
    }
    if let Some((note, lines)) = lossy {
        let s = if lines == 1 { "" } else { "s" };
        pieces.warn(format!("{relative}: {lines} line{s}: {note}"));
    }
}

/// Whether the stream holds a JSON array: its first bytes, after a byte order mark (which is
/// passed over) and white space, open one.
pub(crate) fn starts_array(reader: &mut impl BufRead) -> bool {
    let Ok(head) = reader.fill_buf() else {
        return false;
    };
    let bom = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let array = head[bom..]
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'[');
    if array {
        reader.consume(bom);
    }
    array
}

/// Read a JSON array one element at a time into `pieces` (serde_json's deserializer hands each
/// element to a visitor as it is parsed, so the array's size costs no memory). An element that
/// is not an article object is reported with its number; JSON that breaks off or goes wrong
/// part-way keeps the elements before, with a warning. `Err` when not one element could be
/// read.
pub(crate) fn stream_json_array(
    relative: &str,
    reader: impl BufRead,
    pieces: &mut Pieces<'_>,
) -> Result<(), String> {
    let mut items = 0usize;
    let mut de = serde_json::Deserializer::from_reader(reader);
    let read = serde::de::DeserializeSeed::deserialize(
        Elements {
            relative,
            pieces: &mut *pieces,
            items: &mut items,
        },
        &mut de,
    )
    .and_then(|()| de.end());
    match read {
        Ok(()) => Ok(()),
        // Stopped by the sink: the rest of the array was not read.
        Err(_) if pieces.stopped() => Ok(()),
        Err(err) if items == 0 => Err(format!("invalid JSON: {err}")),
        Err(err) => {
            pieces.warn(format!(
                "{relative}: after item {items}: invalid JSON at line {} column {}: {}",
                err.line(),
                err.column(),
                message(&err)
            ));
            Ok(())
        }
    }
}

/// The elements of a JSON array, each turned into an article as it is parsed.
struct Elements<'r, 'p, 'a> {
    relative: &'r str,
    pieces: &'p mut Pieces<'a>,
    items: &'p mut usize,
}

impl<'de> serde::de::DeserializeSeed<'de> for Elements<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Elements<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of article objects")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let relative = self.relative;
        while let Some(item) = seq.next_element::<Value>()? {
            *self.items += 1;
            let n = *self.items;
            let read = match &item {
                Value::Object(object) => article(object, relative, &format!("{relative}#{n}")),
                _ => Err("not a JSON object".to_string()),
            };
            match read {
                Ok(article) => self.pieces.push(article),
                Err(why) => self.pieces.warn(format!("{relative}: item {n}: {why}")),
            }
            if self.pieces.stopped() {
                return Err(serde::de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

/// Parse one line of a JSON Lines file (`Ok(None)` for a blank line).
pub(crate) fn object_line(line: &str) -> Result<Option<Map<String, Value>>, String> {
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

/// The text of a field: a string, a number, an object's `name` (a JSON-LD author), or an array
/// of these joined by `separator`.
pub(crate) fn field(object: &Map<String, Value>, name: &str, separator: &str) -> Option<String> {
    let text = match object.get(name)? {
        Value::Array(items) => items
            .iter()
            .filter_map(scalar)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(separator),
        value => scalar(value)?,
    };
    (!text.is_empty()).then_some(text)
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(object) => object
            .get("name")
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string()),
        _ => None,
    }
}

/// The first of `names` that `object` has, as [`field`] reads it.
fn first_field(object: &Map<String, Value>, names: &[&str], separator: &str) -> Option<String> {
    names.iter().find_map(|name| field(object, name, separator))
}

/// An article from one object of the file `relative`; `default_id` serves when it has no `id`.
fn article(
    object: &Map<String, Value>,
    relative: &str,
    default_id: &str,
) -> Result<RawArticle, String> {
    let text = first_field(object, &TEXT_FIELDS, "\n\n")
        .or_else(|| field(object, "description", "\n\n"))
        .ok_or("no article text (\"body\", \"text\", \"maintext\", \"content\" or \"article\")")?;
    if !super::clean::has_text(&text) {
        return Err("no article text in its text field (links only)".to_string());
    }
    Ok(RawArticle {
        id: field(object, "id", "").unwrap_or_else(|| default_id.to_string()),
        path: relative.to_string(),
        title: first_field(object, &TITLE_FIELDS, " ").unwrap_or_default(),
        text,
        published: first_field(object, &DATE_FIELDS, " "),
        url: first_field(object, &URL_FIELDS, " "),
        author: first_field(object, &AUTHOR_FIELDS, ", "),
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
