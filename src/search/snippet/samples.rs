//! Real article text for the snippet tests: the seeds and Wikinews articles of the bundled
//! corpus, cleaned as the index stores them.

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
