//! Inputs shared by the criterion benches: the bundled corpus, read and cleaned once.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use newsdex::article::RawArticle;
use newsdex::ingest::{read, walk};

/// The bundled corpus.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Every raw article of the bundled corpus.
pub fn raw_articles() -> Vec<RawArticle> {
    let (files, _) = walk::files(&corpus());
    files
        .iter()
        .filter_map(|f| read::read_file(f).ok())
        .flat_map(|r| r.articles)
        .collect()
}

/// Bytes of text of the given articles.
pub fn text_bytes(articles: &[RawArticle]) -> u64 {
    articles.iter().map(|a| a.text.len() as u64).sum()
}
