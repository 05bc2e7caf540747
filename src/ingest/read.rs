//! Reading one file into raw articles: decoding its bytes, recognising its format (plain text,
//! JSON, JSON Lines, HTML) and applying what `metadata.jsonl` says about it.
//!
//! A file either gives articles, perhaps with warnings (lossy decoding, broken JSON lines), or
//! is skipped for one [`Skip`] reason. Nothing here panics on what a file contains.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, Read};
use std::path::Path;

use crate::article::RawArticle;

use super::decode::{self, Decoded};
use super::format::{self, Compression, Format};
use super::metadata::FileMeta;
use super::walk::SourceFile;
use super::{clean, compress, html, json, table, warc};

/// Files larger than this are skipped rather than read whole into memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Why a file gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Nothing but whitespace.
    Empty,
    /// NUL bytes or control characters: not text.
    Binary,
    /// Text with no article in it: header lines or URLs only.
    NoText,
    /// Larger than [`MAX_FILE_BYTES`] (the size in bytes).
    TooLarge(u64),
    /// A `.json` file that is not JSON (the parser's message).
    Invalid(String),
    /// The file could not be opened or read (the system's message).
    Unreadable(String),
}

impl Skip {
    /// A short fixed name for counting skips by reason (`"binary"`, `"unreadable"`).
    pub fn label(&self) -> &'static str {
        match self {
            Skip::Empty => "empty",
            Skip::Binary => "binary",
            Skip::NoText => "no text",
            Skip::TooLarge(_) => "too large",
            Skip::Invalid(_) => "invalid",
            Skip::Unreadable(_) => "unreadable",
        }
    }
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Empty => f.write_str("empty"),
            Skip::Binary => f.write_str("binary"),
            Skip::NoText => f.write_str("no text (header or links only)"),
            Skip::TooLarge(size) => write!(
                f,
                "too large ({} MB, the limit is {} MB)",
                size / 1_000_000,
                MAX_FILE_BYTES / 1_000_000
            ),
            Skip::Invalid(why) => write!(f, "invalid: {why}"),
            Skip::Unreadable(why) => write!(f, "unreadable: {why}"),
        }
    }
}

impl std::error::Error for Skip {}

/// The articles of one file (or of a piece of it) and what went wrong on the way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileArticles {
    pub articles: Vec<RawArticle>,
    /// Problems that cost nothing or part of the file, each naming the file (and line or
    /// record): lossy decoding, a broken JSON line, CSV record or WARC record, an object
    /// without text.
    pub warnings: Vec<String>,
    /// Records that hold no article by their kind, counted by kind (WARC request, metadata
    /// and non-HTML response records).
    pub passed_over: BTreeMap<String, u64>,
}

impl FileArticles {
    /// Add what `piece` holds.
    pub fn extend(&mut self, piece: FileArticles) {
        self.articles.extend(piece.articles);
        self.warnings.extend(piece.warnings);
        for (kind, n) in piece.passed_over {
            *self.passed_over.entry(kind).or_default() += n;
        }
    }
}

/// Articles in one piece of a file of records.
pub(crate) const PIECE_ARTICLES: usize = 256;

/// Bytes of article text in one piece of a file of records.
pub(crate) const PIECE_BYTES: usize = 16 << 20;

/// A file of records read in pieces: what has been read is handed on every
/// [`PIECE_ARTICLES`] articles or [`PIECE_BYTES`] of text, so that a file of any size holds
/// a bounded amount of memory.
pub(crate) struct Pieces<'a> {
    sink: &'a mut dyn FnMut(FileArticles) -> bool,
    piece: FileArticles,
    bytes: usize,
    stopped: bool,
    /// Records that start before this byte offset were read by an earlier pass.
    from: u64,
    /// Where pages are read in parallel; without one, on the pool of the calling thread.
    pool: Option<&'a rayon::ThreadPool>,
}

impl<'a> Pieces<'a> {
    /// Pieces handed to `sink`, which answers whether to read on.
    pub(crate) fn new(sink: &'a mut dyn FnMut(FileArticles) -> bool) -> Pieces<'a> {
        Pieces {
            sink,
            piece: FileArticles::default(),
            bytes: 0,
            stopped: false,
            from: 0,
            pool: None,
        }
    }

    /// The same pieces with their pages read in parallel on `pool`.
    pub(crate) fn on(self, pool: Option<&'a rayon::ThreadPool>) -> Pieces<'a> {
        Pieces { pool, ..self }
    }

    /// Run `work`, whose parallel parts go to this reading's pool.
    pub(crate) fn in_pool<R: Send>(&self, work: impl FnOnce() -> R + Send) -> R {
        match self.pool {
            Some(pool) => pool.install(work),
            None => work(),
        }
    }

    /// Pieces of the records that start at byte `from` or later: the file grew by appended
    /// records since an earlier pass read its first `from` bytes.
    pub(crate) fn resuming(sink: &'a mut dyn FnMut(FileArticles) -> bool, from: u64) -> Pieces<'a> {
        Pieces {
            from,
            ..Pieces::new(sink)
        }
    }

    /// The byte offset from which records are read ([`Pieces::resuming`]; 0 for a whole file).
    pub(crate) fn resumes_at(&self) -> u64 {
        self.from
    }

    /// Whether the record that starts at byte `offset` was read by an earlier pass: the readers
    /// count it (so that the records after it keep their numbers) but neither read nor report
    /// it.
    pub(crate) fn already_read(&self, offset: u64) -> bool {
        offset < self.from
    }

    /// Whether the sink asked to stop reading: the readers stop at the next record.
    pub(crate) fn stopped(&self) -> bool {
        self.stopped
    }

    pub(crate) fn push(&mut self, article: RawArticle) {
        self.bytes += article.text.len();
        self.piece.articles.push(article);
        if self.piece.articles.len() >= PIECE_ARTICLES || self.bytes >= PIECE_BYTES {
            self.flush();
        }
    }

    pub(crate) fn warn(&mut self, warning: String) {
        self.piece.warnings.push(warning);
    }

    /// Count a record that holds no article by its kind.
    pub(crate) fn pass_over(&mut self, kind: String) {
        *self.piece.passed_over.entry(kind).or_default() += 1;
    }

    fn flush(&mut self) {
        self.stopped |= !(self.sink)(std::mem::take(&mut self.piece));
        self.bytes = 0;
    }

    /// Hand on the last piece.
    pub(crate) fn finish(&mut self) {
        self.flush();
    }

    /// Hand on the articles of a whole document in one piece.
    fn hand_on(&mut self, read: FileArticles) {
        self.stopped |= !(self.sink)(read);
    }
}

/// The format and compression of `path` by its name; a file named on the command line with
/// another extension is read as text.
fn kind(path: &Path) -> (Format, Compression) {
    format::of(path).unwrap_or((Format::Text, Compression::None))
}

/// Whether `file` is read as a stream of records or decompressed as it is read (rather than
/// [`load`]ed whole): [`read_pieces`] reads it, and may hand its articles on in several pieces.
/// A `.json` file is one: a JSON array is read one element at a time.
pub(crate) fn is_streamed(file: &SourceFile) -> bool {
    let (format, compression) = kind(&file.path);
    format.is_records() || format == Format::Json || compression != Compression::None
}

/// Whether `file` can be read from where an earlier pass stopped once records were appended
/// to it ([`read_appended`]): an uncompressed file of records (JSON Lines, CSV, TSV, WARC).
pub(crate) fn can_resume(file: &SourceFile) -> bool {
    let (format, compression) = kind(&file.path);
    format.is_records() && compression == Compression::None
}

/// Read `file` into raw articles, with the metadata the walk found for it.
pub fn read_file(file: &SourceFile) -> Result<FileArticles, Skip> {
    let mut all = FileArticles::default();
    read_pieces(file, None, &mut |piece| {
        all.extend(piece);
        true
    })?;
    Ok(all)
}

/// Read `file` into raw articles handed to `sink` as they are read: once for a document, in
/// pieces of at most [`PIECE_ARTICLES`] for a file of records ([`is_streamed`]), until `sink`
/// answers `false`. `Err` says why the file gave nothing (and comes before any piece); a file
/// that breaks off part-way keeps what was read, with a warning.
pub(crate) fn read_pieces(
    file: &SourceFile,
    pool: Option<&rayon::ThreadPool>,
    sink: &mut dyn FnMut(FileArticles) -> bool,
) -> Result<(), Skip> {
    if !is_streamed(file) {
        sink(load(file).and_then(|bytes| parse(file, bytes))?);
        return Ok(());
    }
    let (format, compression) = kind(&file.path);
    let unreadable = |e: std::io::Error| Skip::Unreadable(e.to_string());
    let handle = File::open(&file.path).map_err(unreadable)?;
    let reader = compress::reader(handle, compression).map_err(unreadable)?;
    read_stream(
        format,
        compression,
        &file.relative,
        file.meta.as_ref(),
        reader,
        &mut Pieces::new(sink).on(pool),
    )
}

/// Read the records appended to a file of records ([`can_resume`]) after its first `from`
/// bytes, which an earlier pass read, up to the size the walk found (`file.stamp`): `sink`
/// gets the articles of the records that start at `from` or later, with the ids and numbers a
/// read of the whole file gives them (the records before are counted, not read). `from` must
/// be where a record starts.
pub(crate) fn read_appended(
    file: &SourceFile,
    from: u64,
    pool: Option<&rayon::ThreadPool>,
    sink: &mut dyn FnMut(FileArticles) -> bool,
) -> Result<(), Skip> {
    let (format, compression) = kind(&file.path);
    let unreadable = |e: std::io::Error| Skip::Unreadable(e.to_string());
    let handle = File::open(&file.path).map_err(unreadable)?;
    let reader = compress::reader(handle.take(file.stamp.size), compression).map_err(unreadable)?;
    read_stream(
        format,
        compression,
        &file.relative,
        file.meta.as_ref(),
        reader,
        &mut Pieces::resuming(sink, from).on(pool),
    )
}

/// The bytes of `file`. A large file that starts like a binary one is not read whole
/// ([`Skip::Binary`]), nor one over [`MAX_FILE_BYTES`] ([`Skip::TooLarge`]).
pub(crate) fn load(file: &SourceFile) -> Result<Vec<u8>, Skip> {
    let unreadable = |e: std::io::Error| Skip::Unreadable(e.to_string());
    let mut handle = File::open(&file.path).map_err(unreadable)?;
    // The size from the walk saves a system call per file; the reads below are bounded
    // whatever the file has become since.
    let sniff = decode::SNIFF_BYTES as u64;
    let mut bytes =
        Vec::with_capacity(usize::try_from(file.stamp.size.min(sniff) + 1).unwrap_or(0));
    if file.stamp.size > sniff {
        // Look at the start first: a huge binary (or sparse) file is never read whole.
        (&mut handle)
            .take(sniff)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        if decode::looks_binary(&bytes) {
            return Err(Skip::Binary);
        }
        if file.stamp.size > MAX_FILE_BYTES {
            return Err(Skip::TooLarge(file.stamp.size));
        }
        bytes.reserve(usize::try_from(file.stamp.size + 1).unwrap_or(0) - bytes.len());
    }
    handle
        .take(MAX_FILE_BYTES + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Skip::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Turn the bytes [`load`]ed from `file` into raw articles.
pub(crate) fn parse(file: &SourceFile, bytes: Vec<u8>) -> Result<FileArticles, Skip> {
    let (format, _) = kind(&file.path);
    read_contents(format, &file.relative, file.meta.as_ref(), bytes)
}

/// Turn the bytes of a file into raw articles (the part of [`read_file`] that needs no disk);
/// `path` decides the format by its name, `relative` names the file in ids and warnings.
pub fn read_bytes(path: &Path, relative: &str, bytes: &[u8]) -> Result<FileArticles, Skip> {
    let (format, compression) = kind(path);
    if !format.is_records() && format != Format::Json && compression == Compression::None {
        return read_contents(format, relative, None, bytes.to_vec());
    }
    let reader = compress::reader(bytes, compression)
        .map_err(|e| Skip::Invalid(format!("cannot decompress: {e}")))?;
    let mut all = FileArticles::default();
    let mut sink = |piece| {
        all.extend(piece);
        true
    };
    read_stream(
        format,
        compression,
        relative,
        None,
        reader,
        &mut Pieces::new(&mut sink),
    )?;
    Ok(all)
}

/// Read a stream (decompressed as it goes) of the given format into `sink`.
fn read_stream(
    format: Format,
    compression: Compression,
    relative: &str,
    meta: Option<&FileMeta>,
    mut reader: Box<dyn BufRead + Send + '_>,
    pieces: &mut Pieces<'_>,
) -> Result<(), Skip> {
    // The first bytes tell an empty file, a binary one and one that does not decompress.
    let head = match reader.fill_buf() {
        Ok(head) => head,
        Err(err) if compression != Compression::None => {
            return Err(Skip::Invalid(format!("cannot decompress: {err}")));
        }
        Err(err) => return Err(Skip::Unreadable(err.to_string())),
    };
    if head.is_empty() {
        return Err(Skip::Empty);
    }
    if format != Format::Warc && decode::looks_binary(&head[..head.len().min(decode::SNIFF_BYTES)])
    {
        return Err(Skip::Binary);
    }
    if format == Format::Json && json::starts_array(&mut reader) {
        json::stream_json_array(relative, reader, pieces).map_err(Skip::Invalid)?;
        pieces.finish();
        return Ok(());
    }
    if !format.is_records() {
        // A document is read whole, up to the limit, wherever its bytes come from.
        let mut bytes = Vec::new();
        let read = reader
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Skip::Invalid(format!("cannot decompress: {e}")))?;
        if read as u64 > MAX_FILE_BYTES {
            return Err(Skip::TooLarge(read as u64));
        }
        pieces.hand_on(read_contents(format, relative, meta, bytes)?);
        return Ok(());
    }
    match format {
        Format::Warc => warc::read_warc(relative, reader, pieces),
        Format::Table(delimiter) => table::read_table(relative, delimiter, reader, pieces)?,
        _ => json::stream_json_lines(relative, reader, pieces),
    }
    pieces.finish();
    Ok(())
}

fn read_contents(
    format: Format,
    relative: &str,
    meta: Option<&FileMeta>,
    bytes: Vec<u8>,
) -> Result<FileArticles, Skip> {
    if format == Format::Html {
        // The page decodes its own bytes (its charset may be declared in it).
        let mut article = html::read_html(relative, &bytes)?;
        if let Some(meta) = meta {
            apply(meta, &mut article, relative);
        }
        return Ok(FileArticles {
            articles: vec![article],
            ..FileArticles::default()
        });
    }
    let (text, lossy) = match decode::decode(bytes) {
        Decoded::Text(text, lossy) => (text, lossy),
        Decoded::Empty => return Err(Skip::Empty),
        Decoded::Binary => return Err(Skip::Binary),
    };
    let mut read = match format {
        Format::Text => {
            if !clean::has_text(&text) {
                return Err(Skip::NoText);
            }
            FileArticles {
                articles: vec![RawArticle {
                    id: relative.to_string(),
                    path: relative.to_string(),
                    text,
                    ..RawArticle::default()
                }],
                ..FileArticles::default()
            }
        }
        Format::Json => json::read_json(relative, &text).map_err(Skip::Invalid)?,
        // Files of records are streamed ([`read_stream`]), never read as one document.
        Format::Html | Format::JsonLines | Format::Warc | Format::Table(_) => {
            return Err(Skip::Invalid("a file of records read as a document".into()));
        }
    };
    if let Some(lossy) = lossy {
        read.warnings.insert(0, format!("{relative}: {lossy}"));
    }
    // Metadata describes a file, so it can only speak for a file that is one article.
    if let (Some(meta), [article]) = (meta, read.articles.as_mut_slice()) {
        apply(meta, article, relative);
    }
    Ok(read)
}

/// Fill an article from its file's metadata: the metadata wins over what the file says.
fn apply(meta: &FileMeta, article: &mut RawArticle, relative: &str) {
    if let Some(id) = &meta.id
        && article.id == relative
    {
        article.id.clone_from(id);
    }
    if let Some(title) = &meta.title {
        article.title.clone_from(title);
    }
    let or_keep = |meta: &Option<String>, found: &mut Option<String>| {
        if meta.is_some() {
            found.clone_from(meta);
        }
    };
    or_keep(&meta.published, &mut article.published);
    or_keep(&meta.url, &mut article.url);
    or_keep(&meta.author, &mut article.author);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, bytes: &[u8]) -> Result<FileArticles, Skip> {
        read_bytes(Path::new(name), name, bytes)
    }

    #[test]
    fn a_text_file_is_one_article_with_its_raw_text() {
        let text = "Title here\n\nBody line one\nline two.\n";
        let Ok(read) = read("a/b.txt", text.as_bytes()) else {
            panic!("not read");
        };
        assert_eq!(read.warnings, Vec::<String>::new());
        assert_eq!(read.articles.len(), 1);
        let article = &read.articles[0];
        assert_eq!(
            (article.id.as_str(), article.path.as_str()),
            ("a/b.txt", "a/b.txt")
        );
        assert_eq!(article.text, text);
    }

    #[test]
    fn files_without_an_extension_are_text() {
        let Ok(read) = read("20061020/us-story-id", b"-- T\n-- By A\n\nBody.") else {
            panic!("not read");
        };
        assert_eq!(read.articles.len(), 1);
    }

    #[test]
    fn skip_reasons() {
        assert_eq!(read("e.txt", b""), Err(Skip::Empty));
        assert_eq!(read("e.txt", b"  \n\r\n"), Err(Skip::Empty));
        assert_eq!(read("b.txt", b"GIF89a\0\0\x01"), Err(Skip::Binary));
        let header_only = b"-- Title\n-- By  Someone\n-- Mon Jun 18, 2007 12:38pm EDT\n-- http://www.reuters.com/article/x\n\n \n\n";
        assert_eq!(read("r", header_only), Err(Skip::NoText));
        assert_eq!(
            read("u.txt", b"https://example.com/a\n\nhttps://example.com/b\n"),
            Err(Skip::NoText)
        );
        let pointers = b"Related article: Elsewhere\n\nhttps://example.com/b\n";
        assert_eq!(read("p.txt", pointers), Err(Skip::NoText));
        let Ok(links_only) = read("l.jsonl", b"{\"body\": \"https://example.com/a\"}\n") else {
            panic!("not read");
        };
        assert!(links_only.articles.is_empty());
        assert_eq!(
            links_only.warnings,
            ["l.jsonl:1: no article text in its text field (links only)"]
        );
        assert!(matches!(
            read("bad.json", b"{\"body\": "),
            Err(Skip::Invalid(_))
        ));
        assert_eq!(Skip::NoText.label(), "no text");
        assert_eq!(Skip::Unreadable("x".into()).label(), "unreadable");
    }

    #[test]
    fn latin1_is_read_with_a_warning_naming_the_file() {
        let Ok(read) = read("sport/199.txt", b"Mutu\n\nA \xa315.8m signing.") else {
            panic!("not read");
        };
        assert_eq!(read.articles[0].text, "Mutu\n\nA £15.8m signing.");
        assert_eq!(read.warnings.len(), 1);
        assert!(
            read.warnings[0].starts_with("sport/199.txt: not UTF-8"),
            "{:?}",
            read.warnings
        );
    }

    #[test]
    fn json_lines_keep_good_lines_and_report_bad_ones_by_number() {
        let text = concat!(
            r#"{"id": "x1", "title": "One", "body": "First body.", "published": "2024-05-01", "url": "https://e.com/1", "author": "A. Writer"}"#,
            "\n",
            r#"{"title": "Two", "text": "Second body.", "date": "2024-05-02"}"#,
            "\n\n",
            "{\"body\": \"cut off\n",
            r#"{"title": "no text"}"#,
            "\n",
            r#"{"id": 7, "body": ["Para one.", "Para two."], "author": ["A", "B"]}"#,
            "\n",
        );
        let Ok(read) = read("feed.jsonl", text.as_bytes()) else {
            panic!("not read");
        };
        let ids: Vec<&str> = read.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["x1", "feed.jsonl#2", "7"]);
        let first = &read.articles[0];
        assert_eq!(first.title, "One");
        assert_eq!(first.text, "First body.");
        assert_eq!(first.published.as_deref(), Some("2024-05-01"));
        assert_eq!(first.url.as_deref(), Some("https://e.com/1"));
        assert_eq!(first.author.as_deref(), Some("A. Writer"));
        assert_eq!(read.articles[1].published.as_deref(), Some("2024-05-02"));
        assert_eq!(read.articles[2].text, "Para one.\n\nPara two.");
        assert_eq!(read.articles[2].author.as_deref(), Some("A, B"));
        assert!(read.articles.iter().all(|a| a.path == "feed.jsonl"));
        assert_eq!(read.warnings.len(), 2, "{:?}", read.warnings);
        assert!(
            read.warnings[0].starts_with("feed.jsonl:4: invalid JSON"),
            "{:?}",
            read.warnings
        );
        assert_eq!(
            read.warnings[1],
            "feed.jsonl:5: no article text (\"body\", \"text\", \"maintext\", \"content\" or \"article\")"
        );
    }

    #[test]
    fn ndjson_with_crlf_line_ends() {
        let Ok(read) = read("f.NDJSON", b"{\"body\": \"a\"}\r\n{\"body\": \"b\"}\r\n") else {
            panic!("not read");
        };
        assert_eq!(read.articles.len(), 2);
        assert_eq!(read.articles[1].id, "f.NDJSON#2");
    }

    #[test]
    fn json_holds_one_object_or_an_array() {
        let Ok(one) = read("one.json", br#"{"title": "T", "body": "B."}"#) else {
            panic!("not read");
        };
        assert_eq!(one.articles.len(), 1);
        assert_eq!(one.articles[0].id, "one.json");
        let Ok(many) = read(
            "many.json",
            br#"[{"body": "A."}, 3, {"id": "k", "text": "B."}]"#,
        ) else {
            panic!("not read");
        };
        let ids: Vec<&str> = many.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["many.json#1", "k"]);
        assert_eq!(many.warnings, ["many.json: item 2: not a JSON object"]);
        // JSON Lines saved as .json are still read.
        let Ok(lines) = read("lines.json", b"{\"body\": \"A.\"}\n{\"body\": \"B.\"}\n") else {
            panic!("not read");
        };
        assert_eq!(lines.articles.len(), 2);
    }

    #[test]
    fn a_json_array_that_breaks_off_keeps_its_elements_before() {
        let Ok(broken) = read("a.json", b" \n[{\"body\": \"A.\"}, {\"body\": \"B") else {
            panic!("not read");
        };
        assert_eq!(broken.articles.len(), 1);
        assert_eq!(broken.articles[0].id, "a.json#1");
        assert!(
            broken.warnings[0].starts_with("a.json: after item 1: invalid JSON at line 2"),
            "{:?}",
            broken.warnings
        );
        assert!(matches!(read("b.json", b"[{\"bo"), Err(Skip::Invalid(_))));
        let Ok(empty) = read("c.json", b"\xEF\xBB\xBF[]") else {
            panic!("not read");
        };
        assert!(empty.articles.is_empty() && empty.warnings.is_empty());
    }

    #[test]
    fn a_resumed_read_gives_the_records_after_the_offset_with_their_numbers() {
        let old = "{\"body\": \"A.\"}\nbroken\n\n";
        let text = format!("{old}{{\"body\": \"B.\"}}\n");
        let mut all = FileArticles::default();
        let mut sink = |piece| {
            all.extend(piece);
            true
        };
        let reader = compress::reader(text.as_bytes(), Compression::None).unwrap();
        let mut pieces = Pieces::resuming(&mut sink, old.len() as u64);
        read_stream(
            Format::JsonLines,
            Compression::None,
            "f.jsonl",
            None,
            reader,
            &mut pieces,
        )
        .unwrap();
        let ids: Vec<&str> = all.articles.iter().map(|a| a.id.as_str()).collect();
        // Line 2's warning was given by the earlier read.
        assert_eq!((ids, all.warnings.len()), (vec!["f.jsonl#4"], 0));
    }

    #[test]
    fn metadata_overrides_what_the_file_says() {
        let meta = FileMeta {
            title: Some("Meta title".into()),
            published: Some("2019-01-04".into()),
            url: Some("https://en.wikinews.org/wiki/X".into()),
            ..FileMeta::default()
        };
        let Ok(read) = read_contents(
            Format::Text,
            "w/1.txt",
            Some(&meta),
            b"Meta title\n\nBody.".to_vec(),
        ) else {
            panic!("not read");
        };
        let article = &read.articles[0];
        assert_eq!(article.title, "Meta title");
        assert_eq!(article.published.as_deref(), Some("2019-01-04"));
        assert_eq!(
            article.url.as_deref(),
            Some("https://en.wikinews.org/wiki/X")
        );
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn never_panics_on_any_bytes(
            bytes in prop::collection::vec(any::<u8>(), 0..3000),
            name in prop::sample::select(vec!["a.txt", "a.json", "a.jsonl", "a.ndjson", "noext", "a.html"]),
        ) {
            let _ = read_bytes(Path::new(name), name, &bytes);
        }

        #[test]
        fn every_good_json_line_is_kept_and_every_bad_one_reported(
            lines in prop::collection::vec((any::<bool>(), "[a-zA-Z][a-zA-Z ]{0,40}"), 1..40),
        ) {
            let mut text = String::new();
            let mut bad_lines = Vec::new();
            for (n, (good, words)) in lines.iter().enumerate() {
                if *good {
                    text.push_str(&serde_json::json!({ "body": words }).to_string());
                } else {
                    text.push_str(&format!("{{\"body\": \"{words}"));
                    bad_lines.push(format!("f.jsonl:{}:", n + 1));
                }
                text.push('\n');
            }
            let read = read_bytes(Path::new("f.jsonl"), "f.jsonl", text.as_bytes());
            let good = lines.iter().filter(|(good, _)| *good).count();
            match read {
                Ok(read) => {
                    prop_assert_eq!(read.articles.len(), good);
                    prop_assert_eq!(read.warnings.len(), bad_lines.len());
                    for (warning, prefix) in read.warnings.iter().zip(&bad_lines) {
                        prop_assert!(warning.starts_with(prefix.as_str()), "{warning} / {prefix}");
                    }
                }
                Err(skip) => prop_assert!(false, "skipped: {skip}"),
            }
        }

        #[test]
        fn legacy_8bit_text_is_never_lost(text in "([A-Za-z]{1,8}[£éüñ€“”–]?[a-z ]){1,30}") {
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
            // Each non-ASCII character is followed by an ASCII one, so the bytes never form UTF-8
            // by chance (`é£–` encodes as the bytes of `飖`: no reader can tell those apart).
            prop_assume!(bytes.utf8_chunks().all(|chunk| chunk.valid().is_ascii()));
            let read = read_bytes(Path::new("a.txt"), "a.txt", &bytes);
            match read {
                Ok(read) => prop_assert_eq!(&read.articles[0].text, &text),
                Err(skip) => prop_assert!(false, "skipped: {skip}"),
            }
        }
    }
}
