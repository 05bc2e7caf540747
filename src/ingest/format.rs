//! Which files hold articles, and in what format: decided by the file name alone.
//!
//! A compression suffix (`.gz`, `.bz2`, `.xz`, `.zst`) is taken off first and the format is read
//! from what is left (`crawl.warc.gz` is gzip-compressed WARC, `a.csv.zst` zstd-compressed CSV). A
//! name without an extension is plain text (the reader decides whether its content is text);
//! any other extension is not an article file, and the walk counts it as ignored.

use std::path::Path;

/// How a file's content is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// `.txt` or no extension: one article.
    Text,
    /// `.json`: one article object, or an array of them.
    Json,
    /// `.jsonl`, `.ndjson`: one article object per line.
    JsonLines,
    /// `.html`, `.htm`, `.xhtml`: one web page.
    Html,
    /// `.warc`: a web crawl, one article per HTML response record.
    Warc,
    /// `.csv` (comma) or `.tsv` (tab) with a header row: one article per record.
    Table(u8),
}

/// How a file is compressed, from its last extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compression {
    None,
    Gzip,
    Bzip2,
    Xz,
    Zstd,
}

impl Format {
    /// Whether the format is a sequence of records that is read one record at a time (the file
    /// may be of any size), rather than a document read whole.
    pub(crate) fn is_records(self) -> bool {
        matches!(self, Format::JsonLines | Format::Warc | Format::Table(_))
    }
}

/// The format and compression of a file by its name, or `None` when its extension is not one
/// of an article file (`report.pdf`, `photo.jpg`).
pub(crate) fn of(path: &Path) -> Option<(Format, Compression)> {
    let name = path.file_name()?.to_str()?;
    let (rest, compression) = match extension(name) {
        Some((rest, ext)) => match ext.to_ascii_lowercase().as_str() {
            "gz" => (rest, Compression::Gzip),
            "bz2" => (rest, Compression::Bzip2),
            "xz" => (rest, Compression::Xz),
            "zst" => (rest, Compression::Zstd),
            _ => (name, Compression::None),
        },
        None => (name, Compression::None),
    };
    let format = match extension(rest) {
        None => Format::Text,
        Some((_, ext)) => match ext.to_ascii_lowercase().as_str() {
            "txt" => Format::Text,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            "html" | "htm" | "xhtml" => Format::Html,
            "warc" => Format::Warc,
            "csv" => Format::Table(b','),
            "tsv" => Format::Table(b'\t'),
            _ => return None,
        },
    };
    Some((format, compression))
}

/// The extension of a file that is not an article file, for counting ignored files: `.pdf`
/// (lower case).
pub(crate) fn ignored_extension(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    match extension(name) {
        Some((_, ext)) => format!(".{}", ext.to_ascii_lowercase()),
        None => "(no extension)".to_string(),
    }
}

/// `name` split before its last extension (`a.b.csv` -> `a.b`, `csv`); `None` without one
/// (a leading dot starts no extension).
fn extension(name: &str) -> Option<(&str, &str)> {
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then_some((stem, ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of_name(name: &str) -> Option<(Format, Compression)> {
        of(Path::new(name))
    }

    #[test]
    fn formats_by_extension_under_any_compression() {
        assert_eq!(of_name("a.txt"), Some((Format::Text, Compression::None)));
        assert_eq!(
            of_name("us-story-id"),
            Some((Format::Text, Compression::None))
        );
        assert_eq!(of_name("b.JSON"), Some((Format::Json, Compression::None)));
        assert_eq!(
            of_name("articles.jsonl.zst"),
            Some((Format::JsonLines, Compression::Zstd))
        );
        assert_eq!(
            of_name("crawl.warc.gz"),
            Some((Format::Warc, Compression::Gzip))
        );
        assert_eq!(
            of_name("a.csv.bz2"),
            Some((Format::Table(b','), Compression::Bzip2))
        );
        assert_eq!(
            of_name("a.tsv.xz"),
            Some((Format::Table(b'\t'), Compression::Xz))
        );
        assert_eq!(
            of_name("page.html.gz"),
            Some((Format::Html, Compression::Gzip))
        );
        assert_eq!(of_name("story.gz"), Some((Format::Text, Compression::Gzip)));
        assert_eq!(of_name("report.pdf"), None);
        assert_eq!(of_name("report.pdf.gz"), None);
        assert_eq!(of_name("v1.2.tar.gz"), None);
    }

    #[test]
    fn ignored_extensions_are_named_in_lower_case() {
        assert_eq!(ignored_extension(Path::new("x/Report.PDF")), ".pdf");
        assert_eq!(ignored_extension(Path::new("a.tar.gz")), ".gz");
    }
}
