//! Reading one file into raw articles, by format: plain text, JSON, JSON Lines.

use std::path::Path;

use crate::article::RawArticle;

use super::walk::SourceFile;

/// Why a file gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    Empty,
    Binary,
    Unreadable(String),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Empty => f.write_str("empty"),
            Skip::Binary => f.write_str("binary"),
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
    let bytes = std::fs::read(&file.path).map_err(|e| Skip::Unreadable(e.to_string()))?;
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
