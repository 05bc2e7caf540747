//! Articles in CSV and TSV files with a header row, one article per record, read one record
//! at a time (a file of any size costs no memory).
//!
//! Columns are found by name, whatever their case and order: the text in `body`, `text`,
//! `content`, `article` (or `maintext`), the title in `title` or `headline`, the date in `date`,
//! `published`, `publish_date` (or `date_publish`, `datePublished`), the byline in `author` or
//! `authors`, the URL in `url` or `link`, the id in `id`. Quoted fields may span lines. A
//! file without a text column gives nothing, with an error that names the columns it has; a
//! broken record (a field count that differs from the header's, a text that is not UTF-8) is
//! reported with its file and line, and the others are read. An article's id is its `id`
//! column, else the file's path and the record's number (`news.csv#3` for the third record
//! under the header).

use std::io::BufRead;

use crate::article::RawArticle;

use super::decode::{self, Decoded};
use super::read::{Pieces, Skip};

const TEXT_COLUMNS: [&str; 6] = [
    "body",
    "text",
    "content",
    "article",
    "maintext",
    "articlebody",
];
const TITLE_COLUMNS: [&str; 2] = ["title", "headline"];
const DATE_COLUMNS: [&str; 6] = [
    "date",
    "published",
    "publish_date",
    "date_publish",
    "datepublished",
    "pubdate",
];
const AUTHOR_COLUMNS: [&str; 3] = ["author", "authors", "byline"];
const URL_COLUMNS: [&str; 2] = ["url", "link"];
const ID_COLUMNS: [&str; 1] = ["id"];

/// Where each field of an article is in a record.
#[derive(Debug, Default)]
struct Columns {
    text: usize,
    title: Option<usize>,
    date: Option<usize>,
    author: Option<usize>,
    url: Option<usize>,
    id: Option<usize>,
}

impl Columns {
    /// The columns of a header row, or why it has no text column.
    fn of(header: &[String]) -> Result<Columns, String> {
        let find = |names: &[&str]| {
            names.iter().find_map(|name| {
                header
                    .iter()
                    .position(|h| h.trim().eq_ignore_ascii_case(name))
            })
        };
        let Some(text) = find(&TEXT_COLUMNS) else {
            let shown: Vec<&str> = header.iter().take(12).map(|h| h.trim()).collect();
            return Err(format!(
                "no text column (body, text, content or article) in its header: {}",
                shown.join(", ")
            ));
        };
        Ok(Columns {
            text,
            title: find(&TITLE_COLUMNS),
            date: find(&DATE_COLUMNS),
            author: find(&AUTHOR_COLUMNS),
            url: find(&URL_COLUMNS),
            id: find(&ID_COLUMNS),
        })
    }
}

/// Read the CSV (or, with a tab `delimiter`, TSV) stream `reader` of the file `relative` into
/// `pieces`. `Err` when it has no header or no text column.
pub(crate) fn read_table(
    relative: &str,
    delimiter: u8,
    reader: impl BufRead,
    pieces: &mut Pieces<'_>,
) -> Result<(), Skip> {
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(reader);
    let mut record = csv::ByteRecord::new();
    let header = match csv.read_byte_record(&mut record) {
        Ok(true) => fields(&record).map_err(|why| Skip::Invalid(format!("header: {why}")))?,
        Ok(false) => return Err(Skip::Empty),
        Err(err) => return Err(Skip::Invalid(format!("header: {}", message(&err)))),
    };
    let columns = Columns::of(&header).map_err(Skip::Invalid)?;
    let mut number = 0u64;
    while !pieces.stopped() {
        let line = csv.position().line();
        let at = csv.position().byte();
        match csv.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                let fatal = matches!(err.kind(), csv::ErrorKind::Io(_));
                if fatal || !pieces.already_read(at) {
                    pieces.warn(format!("{relative}:{line}: {}", message(&err)));
                }
                if fatal {
                    return Ok(());
                }
                number += 1;
                continue;
            }
        }
        number += 1;
        if pieces.already_read(at) {
            continue;
        }
        if record.iter().all(|f| f.trim_ascii().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            pieces.warn(format!(
                "{relative}:{line}: {} fields where the header has {}",
                record.len(),
                header.len()
            ));
            continue;
        }
        let values = match fields(&record) {
            Ok(values) => values,
            Err(why) => {
                pieces.warn(format!("{relative}:{line}: {why}"));
                continue;
            }
        };
        match article(&columns, values, relative, number) {
            Ok(article) => pieces.push(article),
            Err(why) => pieces.warn(format!("{relative}:{line}: {why}")),
        }
    }
    Ok(())
}

/// A record's fields as text: UTF-8, or a legacy 8-bit encoding as a file would be read.
fn fields(record: &csv::ByteRecord) -> Result<Vec<String>, String> {
    record
        .iter()
        .map(|field| match std::str::from_utf8(field) {
            Ok(text) => Ok(text.to_string()),
            Err(_) => match decode::decode(field.to_vec()) {
                Decoded::Text(text, _) => Ok(text),
                Decoded::Empty => Ok(String::new()),
                Decoded::Binary => Err("binary data in a field".to_string()),
            },
        })
        .collect()
}

fn article(
    columns: &Columns,
    mut values: Vec<String>,
    relative: &str,
    number: u64,
) -> Result<RawArticle, String> {
    let mut take = |at: Option<usize>| {
        at.map(|at| std::mem::take(&mut values[at]).trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let text = take(Some(columns.text)).ok_or("empty text column")?;
    if !super::clean::has_text(&text) {
        return Err("no article text in the text column (links only)".to_string());
    }
    Ok(RawArticle {
        id: take(columns.id).unwrap_or_else(|| format!("{relative}#{number}")),
        path: relative.to_string(),
        title: take(columns.title).unwrap_or_default(),
        text,
        published: take(columns.date),
        url: take(columns.url),
        author: take(columns.author),
    })
}

/// The csv crate's message without its position (the caller gives the line).
fn message(err: &csv::Error) -> String {
    match err.kind() {
        csv::ErrorKind::Io(io) => format!("reading stopped: {io}"),
        csv::ErrorKind::Utf8 { err, .. } => format!("not UTF-8: {err}"),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read::FileArticles;

    fn read(text: &str, delimiter: u8) -> Result<FileArticles, Skip> {
        let mut all = FileArticles::default();
        let mut sink = |piece: FileArticles| {
            all.extend(piece);
            true
        };
        let mut pieces = Pieces::new(&mut sink);
        read_table("news.csv", delimiter, text.as_bytes(), &mut pieces)?;
        pieces.finish();
        Ok(all)
    }

    #[test]
    fn columns_by_name_and_quoted_fields_over_lines() {
        let text = "ID,Headline,publish_date,Authors,Link,Content,extra\n\
                    a1,Ferry firm doubles profit,2024-05-01,\"Jones, A\",https://e.com/1,\"First line.\n\nSecond, quoted \"\"line\"\".\",x\n\
                    ,Second,2024-05-02,,,Another body.,y\n";
        let Ok(read) = read(text, b',') else {
            panic!("not read");
        };
        assert_eq!(read.warnings, Vec::<String>::new());
        let first = &read.articles[0];
        assert_eq!(first.id, "a1");
        assert_eq!(first.title, "Ferry firm doubles profit");
        assert_eq!(first.text, "First line.\n\nSecond, quoted \"line\".");
        assert_eq!(first.published.as_deref(), Some("2024-05-01"));
        assert_eq!(first.author.as_deref(), Some("Jones, A"));
        assert_eq!(first.url.as_deref(), Some("https://e.com/1"));
        assert_eq!(read.articles[1].id, "news.csv#2");
    }

    #[test]
    fn tabs_separate_tsv() {
        let Ok(read) = read("title\ttext\nT\tThe body.\n", b'\t') else {
            panic!("not read");
        };
        assert_eq!(read.articles[0].title, "T");
        assert_eq!(read.articles[0].text, "The body.");
    }

    #[test]
    fn no_text_column_names_the_columns() {
        let Err(Skip::Invalid(why)) = read("title,date\nA,2024\n", b',') else {
            panic!("read");
        };
        assert_eq!(
            why,
            "no text column (body, text, content or article) in its header: title, date"
        );
    }

    #[test]
    fn a_broken_record_is_reported_by_line_and_the_others_kept() {
        let text = "title,body\nA,First.\nB,Second.,extra\n\"C\",\"Third\nover two lines.\"\nD,\n";
        let Ok(read) = read(text, b',') else {
            panic!("not read");
        };
        let titles: Vec<&str> = read.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["A", "C"]);
        assert_eq!(read.articles[1].id, "news.csv#3");
        assert_eq!(
            read.warnings,
            [
                "news.csv:3: 3 fields where the header has 2",
                "news.csv:6: empty text column"
            ]
        );
    }
}
