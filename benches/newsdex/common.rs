//! Inputs shared by the criterion benches: the bundled corpus, read and cleaned once, or for the
//! per-part extraction benches the folder named by `NEWSDEX_BENCH_CORPUS` (for instance an
//! unpacked Reuters corpus).

use std::path::{Path, PathBuf};

use newsdex::article::RawArticle;
use newsdex::ingest::{clean, read, walk};

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

/// `NEWSDEX_BENCH_CORPUS`, or the bundled corpus.
fn chosen_corpus() -> PathBuf {
    std::env::var_os("NEWSDEX_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(corpus)
}

/// The raw text of the chosen corpus's articles, in path order, until `max_bytes` are read.
pub fn chosen_texts(max_bytes: usize) -> Vec<String> {
    let (files, _) = walk::files(&chosen_corpus());
    let mut total = 0;
    files
        .iter()
        .filter_map(|f| read::read_file(f).ok())
        .flat_map(|r| r.articles)
        .map(|a| a.text)
        .take_while(|text| {
            let within = total < max_bytes;
            total += text.len();
            within
        })
        .collect()
}

/// Title and cleaned body of the chosen corpus's articles, until `max_bytes` of text are read.
pub fn chosen_articles(max_bytes: usize) -> Vec<(String, String)> {
    chosen_texts(max_bytes)
        .iter()
        .map(|text| {
            let cleaned = clean::clean(text);
            (cleaned.title.unwrap_or_default(), cleaned.body)
        })
        .collect()
}
