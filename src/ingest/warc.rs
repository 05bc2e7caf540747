//! Web crawls in WARC files (WARC/1.0 and 1.1, as Common Crawl's CC-NEWS and `wget --warc-file`
//! write them): every HTTP response record with an HTML payload is an article.
//!
//! The file is read one record at a time, so its size costs no memory: a response worth
//! reading (up to [`MAX_RECORD_BYTES`]) is held until its page is read, and any other block
//! streams past. The pages, a few dozen at a time, go to [`super::html::read_html`] on the
//! rayon pool (one crawl file keeps every core busy), and their articles come out in the file's
//! order. A page's URL and date, when the page gives none, come from the record's
//! `WARC-Target-URI` and `WARC-Date`. Its id is the file's
//! path and the record's number (`crawl.warc.gz#12`). Records of other kinds (request, metadata,
//! warcinfo...) and responses that are not HTML pages are passed over and counted. A broken
//! record (a head that is not WARC, a missing length) is reported with its number and byte
//! offset, and reading goes on at the next record.
//!
//! The `warc` crate reads each block line by line into a new megabyte buffer and cannot go on
//! after a broken record, hence this small reader.

use std::io::{BufRead, Read};

use rayon::prelude::*;

use super::read::Pieces;
use crate::article::RawArticle;

/// Largest record block read into memory; larger ones are passed over ("too large").
pub(crate) const MAX_RECORD_BYTES: u64 = 64 << 20;

/// Longest line of a record's head.
const MAX_LINE_BYTES: u64 = 64 * 1024;

/// Most header lines in a record's head.
const MAX_HEADERS: usize = 1024;

/// One record's head, with the block when it was read.
#[derive(Debug, Default)]
struct Record {
    /// 1 for the first record of the file.
    number: u64,
    /// Byte offset of its head in the (decompressed) file.
    offset: u64,
    kind: String,
    target: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
    length: u64,
}

/// Why a record could not be read.
#[derive(Debug)]
enum Broken {
    /// The record is unusable but the file can be read on: its number, byte offset, and why.
    Record(u64, u64, String),
    /// Reading the file failed: nothing more can be read.
    Io(std::io::Error),
}

/// The records of a WARC stream, one after the other.
struct Records<R> {
    reader: R,
    /// Bytes consumed so far.
    offset: u64,
    number: u64,
    /// A line read ahead while looking for the next record after a broken one.
    pending: Option<Vec<u8>>,
}

impl<R: BufRead> Records<R> {
    fn new(reader: R) -> Records<R> {
        Records {
            reader,
            offset: 0,
            number: 0,
            pending: None,
        }
    }

    /// One line, with its end (empty at the end of the stream).
    fn line(&mut self) -> std::io::Result<Vec<u8>> {
        if let Some(line) = self.pending.take() {
            return Ok(line);
        }
        let mut line = Vec::new();
        (&mut self.reader)
            .take(MAX_LINE_BYTES)
            .read_until(b'\n', &mut line)?;
        self.offset += line.len() as u64;
        Ok(line)
    }

    /// The next record's head (`Ok(None)` at the end of the stream); its block is next in the
    /// stream, to be read with [`Records::block`] or passed over with [`Records::skip`].
    fn next_head(&mut self) -> Result<Option<Record>, Broken> {
        // Blank lines end the block before; anything else before a version line is garbage.
        let mut garbage = None;
        let (start, version_line) = loop {
            let start = self.offset - self.pending.as_ref().map_or(0, |l| l.len() as u64);
            let line = self.line().map_err(Broken::Io)?;
            if line.is_empty() {
                return Ok(None);
            }
            if line.starts_with(b"WARC/") {
                break (start, line);
            }
            if garbage.is_none() && !line.trim_ascii().is_empty() {
                garbage = Some(start);
            }
        };
        self.number += 1;
        if let Some(at) = garbage {
            // The garbage counts as a broken record of its own; this one is read next.
            self.pending = Some(version_line);
            return Err(Broken::Record(
                self.number,
                at,
                "not a WARC record (no WARC/ version line)".into(),
            ));
        }
        let mut record = Record {
            number: self.number,
            offset: start,
            ..Record::default()
        };
        let mut length = None;
        let mut headers = 0;
        loop {
            let line = self.line().map_err(Broken::Io)?;
            if line.is_empty() {
                return Err(Broken::Record(
                    record.number,
                    record.offset,
                    "cut off in its head".into(),
                ));
            }
            if line.trim_ascii().is_empty() {
                break;
            }
            headers += 1;
            if headers > MAX_HEADERS || line.last() != Some(&b'\n') {
                return Err(self.resync(&record, "head too long"));
            }
            let text = String::from_utf8_lossy(&line);
            let Some((name, value)) = text.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => record.kind = value.to_ascii_lowercase(),
                "warc-target-uri" => {
                    // WARC/1.0 as some tools write it: `<http://...>`.
                    let uri = value.trim_start_matches('<').trim_end_matches('>');
                    record.target = Some(uri.to_string());
                }
                "warc-date" => record.date = Some(value),
                "content-type" => record.content_type = Some(value),
                "content-length" => length = value.parse::<u64>().ok(),
                _ => {}
            }
        }
        match length {
            Some(length) => {
                record.length = length;
                Ok(Some(record))
            }
            None => Err(self.resync(&record, "no valid Content-Length")),
        }
    }

    /// Look for the next version line after a broken head: the record's block cannot be
    /// measured, so the next record is found by its first line.
    fn resync(&mut self, record: &Record, why: &str) -> Broken {
        loop {
            let line = match self.line() {
                Ok(line) => line,
                Err(err) => return Broken::Io(err),
            };
            if line.is_empty() {
                break;
            }
            if line.starts_with(b"WARC/") {
                self.pending = Some(line);
                break;
            }
        }
        Broken::Record(record.number, record.offset, why.to_string())
    }

    /// The block of `record`, read whole.
    fn block(&mut self, record: &Record) -> Result<Vec<u8>, Broken> {
        let mut block = Vec::with_capacity(usize::try_from(record.length).unwrap_or(0));
        let read = (&mut self.reader)
            .take(record.length)
            .read_to_end(&mut block)
            .map_err(Broken::Io)?;
        self.offset += read as u64;
        if (read as u64) < record.length {
            return Err(Broken::Record(
                record.number,
                record.offset,
                "cut off in its block".into(),
            ));
        }
        Ok(block)
    }

    /// Pass the block of `record` over.
    fn skip(&mut self, record: &Record) -> Result<(), Broken> {
        let read = std::io::copy(
            &mut (&mut self.reader).take(record.length),
            &mut std::io::sink(),
        )
        .map_err(Broken::Io)?;
        self.offset += read;
        if read < record.length {
            return Err(Broken::Record(
                record.number,
                record.offset,
                "cut off in its block".into(),
            ));
        }
        Ok(())
    }
}

/// Response records gathered before their pages are read together, in parallel.
const PAGES_AT_ONCE: usize = 64;
/// Most bytes of response blocks gathered before they are read.
const PAGE_BYTES_AT_ONCE: usize = 16 << 20;

/// Read the WARC stream `reader` of the file `relative` into `pieces`.
///
/// The stream is read a [`Batch`] of response records at a time; the pages of one batch are
/// turned into articles on the rayon pool while the next batch is read, so that one large
/// crawl keeps every core busy. What comes of them reaches `pieces` in the file's order.
pub(crate) fn read_warc(relative: &str, reader: impl BufRead + Send, pieces: &mut Pieces<'_>) {
    let mut records = Records::new(reader);
    let from = pieces.resumes_at();
    let mut batch = Batch::gather(&mut records, relative, from);
    loop {
        let (pages, next) = pieces.in_pool(|| {
            if batch.last {
                (batch.read(relative), None)
            } else {
                let (pages, next) = rayon::join(
                    || batch.read(relative),
                    || Batch::gather(&mut records, relative, from),
                );
                (pages, Some(next))
            }
        });
        for page in batch.noted.drain(..).chain(pages) {
            match page {
                Page::Article(article) => pieces.push(article),
                Page::PassedOver(kind) => pieces.pass_over(kind),
                Page::Broken(warning) => pieces.warn(warning),
            }
        }
        match next {
            Some(next) if !pieces.stopped() => batch = next,
            _ => return,
        }
    }
}

/// Response records read from the stream, whose pages are still to be read, and what the
/// other records came to.
struct Batch {
    responses: Vec<(Record, Vec<u8>)>,
    /// Records passed over or broken, in the order they came.
    noted: Vec<Page>,
    /// Whether the stream ended (or broke off) after these.
    last: bool,
}

impl Batch {
    /// Read records until enough responses are gathered or the stream ends; records that start
    /// before byte `from` were read by an earlier pass and are passed by unread.
    fn gather(records: &mut Records<impl BufRead>, relative: &str, from: u64) -> Batch {
        let mut batch = Batch {
            responses: Vec::new(),
            noted: Vec::new(),
            last: false,
        };
        let mut bytes = 0;
        while batch.responses.len() < PAGES_AT_ONCE && bytes < PAGE_BYTES_AT_ONCE {
            let record = match records.next_head() {
                Ok(Some(record)) => record,
                Ok(None) => {
                    batch.last = true;
                    break;
                }
                Err(Broken::Record(number, offset, why)) => {
                    if offset >= from {
                        batch.noted.push(Page::Broken(format!(
                            "{relative}: record {number} (byte {offset}): {why}"
                        )));
                    }
                    continue;
                }
                Err(Broken::Io(err)) => {
                    batch.noted.push(Page::Broken(format!(
                        "{relative}: reading stopped at byte {}: {err}",
                        records.offset
                    )));
                    batch.last = true;
                    break;
                }
            };
            let wanted = record.kind == "response"
                && record
                    .content_type
                    .as_deref()
                    .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
            let (number, offset) = (record.number, record.offset);
            let outcome = if offset < from {
                match records.skip(&record) {
                    Err(Broken::Io(err)) => Err(Broken::Io(err)),
                    _ => Ok(()),
                }
            } else if !wanted {
                let kind = if record.kind.is_empty() {
                    "untyped".to_string()
                } else {
                    record.kind.clone()
                };
                batch.noted.push(Page::PassedOver(kind));
                records.skip(&record)
            } else if record.length > MAX_RECORD_BYTES {
                batch
                    .noted
                    .push(Page::PassedOver("too large response".to_string()));
                records.skip(&record)
            } else {
                records.block(&record).map(|block| {
                    bytes += block.len();
                    batch.responses.push((record, block));
                })
            };
            match outcome {
                Ok(()) => {}
                Err(Broken::Record(number, offset, why)) => batch.noted.push(Page::Broken(
                    format!("{relative}: record {number} (byte {offset}): {why}"),
                )),
                Err(Broken::Io(err)) => {
                    batch.noted.push(Page::Broken(format!(
                        "{relative}: reading stopped in record {number} (byte {offset}): {err}"
                    )));
                    batch.last = true;
                    break;
                }
            }
        }
        batch
    }

    /// What the gathered pages come to, in order, read in parallel.
    fn read(&self, relative: &str) -> Vec<Page> {
        self.responses
            .par_iter()
            .map(|(record, block)| response(relative, record, block))
            .collect()
    }
}

/// What came of one response record.
enum Page {
    Article(RawArticle),
    /// A response without an article, by its kind.
    PassedOver(String),
    /// A response that could not be read: the warning.
    Broken(String),
}

/// The article of one response record, or why it has none.
fn response(relative: &str, record: &Record, block: &[u8]) -> Page {
    let payload = match http::payload(block) {
        Ok(http::Payload::Html(body)) => body,
        Ok(http::Payload::NotHtml) => return Page::PassedOver("non-HTML response".to_string()),
        Ok(http::Payload::NotSuccess) => return Page::PassedOver("error or redirect".to_string()),
        Err(why) => {
            return Page::Broken(format!(
                "{relative}: record {} (byte {}): {why}",
                record.number, record.offset
            ));
        }
    };
    match super::html::read_html(relative, &payload) {
        Ok(mut article) => {
            article.id = format!("{relative}#{}", record.number);
            article.path = relative.to_string();
            if article.url.is_none() {
                article.url.clone_from(&record.target);
            }
            if article.published.is_none() {
                article.published.clone_from(&record.date);
            }
            Page::Article(article)
        }
        Err(skip) => Page::PassedOver(format!("page with {}", skip.label())),
    }
}

/// The HTTP message in a response record's block.
mod http {
    use std::io::Read;

    /// Largest page after its content encoding is undone.
    const MAX_PAGE_BYTES: u64 = super::MAX_RECORD_BYTES;

    pub(super) enum Payload {
        /// The page's bytes, unchunked and decompressed.
        Html(Vec<u8>),
        /// A successful response that is not a web page (an image, a script).
        NotHtml,
        /// Not a success (a redirect, an error page).
        NotSuccess,
    }

    /// The payload of the HTTP response `block`, or why it cannot be read.
    pub(super) fn payload(block: &[u8]) -> Result<Payload, String> {
        let mut headers = [httparse::EMPTY_HEADER; 128];
        let mut response = httparse::Response::new(&mut headers);
        let head = match response.parse(block) {
            Ok(httparse::Status::Complete(head)) => head,
            Ok(httparse::Status::Partial) => return Err("HTTP head cut off".into()),
            Err(err) => return Err(format!("invalid HTTP head: {err}")),
        };
        let status = response.code.unwrap_or(0);
        if !(200..300).contains(&status) {
            return Ok(Payload::NotSuccess);
        }
        let header = |name: &str| {
            response
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
        };
        let body = &block[head..];
        let html = match header("content-type") {
            Some(kind) => kind.contains("html"),
            None => looks_like_html(body),
        };
        if !html {
            return Ok(Payload::NotHtml);
        }
        let body = match header("transfer-encoding") {
            Some(coding) if coding.contains("chunked") => unchunk(body),
            _ => body.to_vec(),
        };
        match header("content-encoding").as_deref().map(str::trim) {
            None | Some("" | "identity") => Ok(Payload::Html(body)),
            Some(coding @ ("gzip" | "x-gzip" | "deflate")) => {
                let mut page = Vec::new();
                let read = if coding == "deflate" {
                    flate2::read::ZlibDecoder::new(body.as_slice())
                        .take(MAX_PAGE_BYTES)
                        .read_to_end(&mut page)
                } else {
                    flate2::read::MultiGzDecoder::new(body.as_slice())
                        .take(MAX_PAGE_BYTES)
                        .read_to_end(&mut page)
                };
                read.map_err(|e| format!("{coding} payload: {e}"))?;
                Ok(Payload::Html(page))
            }
            // The crawler kept a compression this reader does not undo (br, zstd): the bytes
            // are no page.
            Some(_) => Ok(Payload::NotHtml),
        }
    }

    fn looks_like_html(body: &[u8]) -> bool {
        let start = &body[..body.len().min(512)];
        let start = String::from_utf8_lossy(start).to_ascii_lowercase();
        let start = start.trim_start();
        start.starts_with("<!doctype html") || start.starts_with("<html")
    }

    /// A chunked body's data: as much as the chunks give (the payload of a crawl is what the
    /// server sent, cut or not).
    fn unchunk(mut body: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(body.len());
        while let Some(end) = memchr::memchr(b'\n', body) {
            let size_text = String::from_utf8_lossy(&body[..end]);
            let size_text = size_text.split(';').next().unwrap_or("").trim();
            let Ok(size) = usize::from_str_radix(size_text, 16) else {
                break;
            };
            body = &body[end + 1..];
            if size == 0 {
                break;
            }
            let take = size.min(body.len());
            out.extend_from_slice(&body[..take]);
            body = &body[take..];
            body = body.strip_prefix(b"\r\n").unwrap_or(body);
        }
        out
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn chunked_bodies_are_joined() {
            assert_eq!(
                unchunk(b"5\r\nHello\r\n7;x=1\r\n, world\r\n0\r\n\r\n"),
                b"Hello, world"
            );
        }

        #[test]
        fn statuses_and_types() {
            let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>x</p>";
            assert!(matches!(payload(page), Ok(Payload::Html(b)) if b == b"<p>x</p>"));
            let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
            assert!(matches!(payload(image), Ok(Payload::NotHtml)));
            let moved = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
            assert!(matches!(payload(moved), Ok(Payload::NotSuccess)));
            assert!(payload(b"garbage\r\n\r\n").is_err());
        }
    }
}

/// A WARC file as a test writes one: `(type, target URI, HTTP block)` records.
#[cfg(test)]
pub(crate) fn write_warc(records: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (kind, uri, block) in records {
        out.extend_from_slice(
            format!(
                "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
                 WARC-Date: 2024-03-05T10:00:00Z\r\n\
                 Content-Type: application/http; msgtype={kind}\r\n\
                 Content-Length: {}\r\n\r\n",
                block.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read::FileArticles;

    fn read(bytes: &[u8]) -> FileArticles {
        let mut all = FileArticles::default();
        let mut sink = |piece: FileArticles| {
            all.extend(piece);
            true
        };
        let mut pieces = Pieces::new(&mut sink);
        read_warc("c.warc", bytes, &mut pieces);
        pieces.finish();
        all
    }

    const PAGE: &[u8] =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<title>T</title><p>The body.</p>";

    #[test]
    fn pages_become_articles_and_other_records_are_counted() {
        let warc = write_warc(&[
            ("request", "https://e.com/a", b"GET /a HTTP/1.1\r\n\r\n"),
            ("response", "<https://e.com/a>", PAGE),
            ("metadata", "https://e.com/a", b"fetchTimeMs: 3"),
        ]);
        let read = read(&warc);
        assert_eq!(read.warnings, Vec::<String>::new());
        assert_eq!(read.articles.len(), 1);
        let article = &read.articles[0];
        assert_eq!(article.id, "c.warc#2");
        assert_eq!(article.path, "c.warc");
        assert_eq!(article.url.as_deref(), Some("https://e.com/a"));
        assert_eq!(article.published.as_deref(), Some("2024-03-05T10:00:00Z"));
        let kinds: Vec<(&str, u64)> = read
            .passed_over
            .iter()
            .map(|(k, n)| (k.as_str(), *n))
            .collect();
        assert_eq!(kinds, [("metadata", 1), ("request", 1)]);
    }

    #[test]
    fn broken_records_are_reported_and_the_rest_read() {
        let mut warc = b"junk before\r\n".to_vec();
        warc.extend(write_warc(&[("response", "https://e.com/a", PAGE)]));
        warc.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\n");
        warc.extend(write_warc(&[("response", "https://e.com/b", PAGE)]));
        // Cut off in its block.
        let cut = write_warc(&[("response", "https://e.com/c", PAGE)]);
        warc.extend_from_slice(&cut[..cut.len() - 20]);
        let read = read(&warc);
        let ids: Vec<&str> = read.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["c.warc#2", "c.warc#4"]);
        assert_eq!(read.warnings.len(), 3, "{:?}", read.warnings);
        assert_eq!(
            read.warnings[0],
            "c.warc: record 1 (byte 0): not a WARC record (no WARC/ version line)"
        );
        assert!(
            read.warnings[1].starts_with("c.warc: record 3 (byte ")
                && read.warnings[1].ends_with("no valid Content-Length"),
            "{:?}",
            read.warnings
        );
        assert!(
            read.warnings[2].starts_with("c.warc: record 5 (byte "),
            "{:?}",
            read.warnings
        );
    }
}
