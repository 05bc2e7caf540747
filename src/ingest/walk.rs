//! Walking a corpus folder and choosing the files that may hold articles.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// A file that may hold articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: PathBuf,
    /// Path relative to the corpus root, with `/` separators.
    pub relative: String,
    pub size: u64,
}

/// Something the walk could not enter or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkProblem {
    pub path: PathBuf,
    pub reason: String,
}

/// List the candidate files below `corpus`, sorted by path, and the problems met on the way.
pub fn files(corpus: &Path) -> (Vec<SourceFile>, Vec<WalkProblem>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for entry in WalkDir::new(corpus).sort_by_file_name() {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.path();
                if !is_candidate(path) {
                    continue;
                }
                let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                found.push(SourceFile {
                    relative: relative(corpus, path),
                    path: path.to_path_buf(),
                    size,
                });
            }
            Ok(_) => {}
            Err(err) => problems.push(WalkProblem {
                path: err.path().unwrap_or(corpus).to_path_buf(),
                reason: err.to_string(),
            }),
        }
    }
    (found, problems)
}

fn is_candidate(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') || name == "metadata.jsonl" {
        return false;
    }
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => matches!(
            ext.to_ascii_lowercase().as_str(),
            "txt" | "json" | "jsonl" | "ndjson"
        ),
    }
}

fn relative(corpus: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(corpus).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}
