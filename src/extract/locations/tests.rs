//! Rules of the location extractor, one test each, and the seed articles.

use super::*;

fn names(title: &str, body: &str) -> Vec<String> {
    find(title, body).into_iter().map(|p| p.name).collect()
}

#[test]
fn finds_a_country() {
    assert_eq!(names("", "Talks were held in Turkey."), ["Turkey"]);
}
