//! Reading one file into raw articles, by format: plain text, JSON, JSON Lines.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::article::RawArticle;

use super::walk::SourceFile;

/// Files larger than this are skipped rather than read whole into memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// How many leading bytes decide whether a file is binary before the rest is read.
const SNIFF_BYTES: u64 = 8 * 1024;

/// Why a file gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    Empty,
    Binary,
    /// Larger than [`MAX_FILE_BYTES`] (the size in bytes).
    TooLarge(u64),
    Unreadable(String),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Empty => f.write_str("empty"),
            Skip::Binary => f.write_str("binary"),
            Skip::TooLarge(size) => write!(
                f,
                "too large ({} MB, the limit is {} MB)",
                size / 1_000_000,
                MAX_FILE_BYTES / 1_000_000
            ),
            Skip::Unreadable(why) => write!(f, "unreadable: {why}"),
        }
    }
}

/// The articles of one file and what went wrong on the way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileArticles {
    pub articles: Vec<RawArticle>,
    /// Problems that cost nothing or part of the file (lossy decoding, a broken JSON line).
    pub warnings: Vec<String>,
}

/// Read `file` into raw articles.
pub fn read_file(file: &SourceFile) -> Result<FileArticles, Skip> {
    let unreadable = |e: std::io::Error| Skip::Unreadable(e.to_string());
    let mut handle = File::open(&file.path).map_err(unreadable)?;
    // Look at the start first: a huge binary (or sparse) file is never read whole.
    let mut bytes = Vec::new();
    (&mut handle)
        .take(SNIFF_BYTES)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.contains(&0) {
        return Err(Skip::Binary);
    }
    let size = handle.metadata().map_or(file.size, |m| m.len());
    if size > MAX_FILE_BYTES {
        return Err(Skip::TooLarge(size));
    }
    // The file may grow while it is read: never take more than the limit.
    handle
        .take(MAX_FILE_BYTES + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Skip::TooLarge(bytes.len() as u64));
    }
    read_bytes(&file.path, &file.relative, &bytes)
}

/// Turn the bytes of a file into raw articles (the part of [`read_file`] that needs no disk).
pub fn read_bytes(path: &Path, relative: &str, bytes: &[u8]) -> Result<FileArticles, Skip> {
    let _ = path;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Skip::Empty);
    }
    if bytes.contains(&0) {
        return Err(Skip::Binary);
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    if matches!(ext.as_deref(), Some("jsonl" | "ndjson" | "json")) {
        return Ok(read_json_lines(relative, &text));
    }
    Ok(FileArticles {
        articles: vec![RawArticle {
            id: relative.to_string(),
            path: relative.to_string(),
            text,
            ..RawArticle::default()
        }],
        warnings: Vec::new(),
    })
}

fn read_json_lines(relative: &str, text: &str) -> FileArticles {
    let mut out = FileArticles::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                out.warnings
                    .push(format!("{relative}:{}: not a JSON object: {e}", n + 1));
                continue;
            }
        };
        let field = |name: &str| value.get(name).and_then(|v| v.as_str()).map(str::to_string);
        let Some(body) = field("body").or_else(|| field("text")) else {
            out.warnings
                .push(format!("{relative}:{}: no \"body\" or \"text\"", n + 1));
            continue;
        };
        let id = field("id").unwrap_or_else(|| format!("{relative}#{}", n + 1));
        out.articles.push(RawArticle {
            id,
            path: relative.to_string(),
            title: field("title").unwrap_or_default(),
            text: body,
            published: field("published").or_else(|| field("date")),
            url: field("url"),
            author: field("author"),
        });
    }
    out
}
