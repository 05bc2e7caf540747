//! Dates mentioned in the text, normalised to days.

use chrono::NaiveDate;

use crate::article::MentionedDate;

/// Find the dates mentioned in `body`, resolving partial ones against `published`.
pub fn find(body: &str, published: Option<NaiveDate>) -> Vec<MentionedDate> {
    let _ = (body, published);
    Vec::new()
}
