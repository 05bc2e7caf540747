//! What newsdex says besides its results: warnings about the files asked for only, the manual
//! page and `--help` with examples, exit status and query syntax.

use predicates::prelude::*;

use crate::common::{Fixture, newsdex, stdout_of};

#[test]
fn extract_of_one_file_warns_about_that_file_only() {
    // The folder's metadata.jsonl lists 295 files; only 2 are there.
    let fx = Fixture::seeds_and_wikinews(2);
    let folder = fx.corpus.join("wikinews");
    let file = folder.join("0001-magnitogorsk-apartment-building-collapses-after-explosion-do.txt");
    newsdex()
        .arg("extract")
        .arg(&file)
        .args(["--format", "json"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty())
        // The file still gets its entry of metadata.jsonl.
        .stdout(predicate::str::contains(
            "\"title\":\"Magnitogorsk apartment building collapses after explosion, dozens dead\"",
        ));
    // The whole folder is another matter: its listing names files that are not there.
    newsdex()
        .arg("extract")
        .arg(&folder)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "metadata.jsonl: lists 291 file(s) that are not in the corpus",
        ));
}

#[test]
fn piped_snippets_and_quotes_stay_on_one_line() {
    let fx = Fixture::seeds_and_wikinews(2).indexed();
    let long_line = |stdout: &[u8]| {
        String::from_utf8_lossy(stdout)
            .lines()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
    };
    let search = fx
        .search("direct flights", &["--limit", "1"])
        .output()
        .expect("run newsdex search");
    assert!(long_line(&search.stdout) > 200, "{search:?}");
    let quotes = fx
        .query_cmd("quotes", "process", &["--limit", "1"])
        .env("COLUMNS", "40")
        .output()
        .expect("run newsdex quotes");
    assert!(quotes.status.success(), "{quotes:?}");
    assert!(long_line(&quotes.stdout) > 40, "{quotes:?}");
}
