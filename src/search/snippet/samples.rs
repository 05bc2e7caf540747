//! Real article text for the snippet tests: the seeds and Wikinews articles of the bundled
//! corpus, cleaned as the index stores them.

use tantivy::query_grammar::parse_query;
use tantivy::tokenizer::TextAnalyzer;

use super::clauses::{FieldQuery, Target};
use super::words::WordFinder;
use crate::ingest::clean::clean;

pub const SEED_000: &str = include_str!("../../../corpus/seeds/000_29dcbb1e78569601.txt");
pub const SEED_004: &str = include_str!("../../../corpus/seeds/004_a601677b5c772689.txt");
pub const MAGNITOGORSK: &str = include_str!(
    "../../../corpus/wikinews/0001-magnitogorsk-apartment-building-collapses-after-explosion-do.txt"
);
pub const PELOSI: &str = include_str!(
    "../../../corpus/wikinews/0002-nancy-pelosi-again-elected-speaker-as-116th-u-s-congress-swo.txt"
);

/// The body the index stores for a raw seed article.
pub fn body(raw: &str) -> String {
    clean(raw).body
}

/// The body of a Wikinews article file: its text after the title and date lines.
pub fn wikinews_body(raw: &str) -> String {
    clean(raw.splitn(3, "\n\n").nth(2).unwrap_or_default()).body
}

/// The analyzer of the prose fields.
pub fn en_stem() -> TextAnalyzer {
    crate::index::stem::english()
}

/// The body clauses of a query (every word weighs 1) and their word finder.
pub fn body_query(query: &str) -> (FieldQuery, WordFinder) {
    let ast = parse_query(query).expect("a valid query");
    let mut analyzer = en_stem();
    let target = Target {
        name: "body",
        default: true,
    };
    let q = FieldQuery::new(&ast, target, &mut analyzer);
    let finder = WordFinder::new(&q, analyzer, true);
    (q, finder)
}
