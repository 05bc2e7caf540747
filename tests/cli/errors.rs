//! Bad input gets one clear line on stderr, exit code 2, and never a panic or a backtrace.

use crate::common::{Fixture, newsdex};
use predicates::prelude::*;

/// stderr is short, names the problem, and shows no panic or debug formatting.
fn clean_error(expected: &'static str) -> impl Predicate<str> {
    predicate::str::contains(expected)
        .and(predicate::str::starts_with("newsdex: error: "))
        .and(predicate::str::contains("panicked").not())
        .and(predicate::str::contains("RUST_BACKTRACE").not())
        .and(predicate::function(|s: &str| s.lines().count() <= 2))
}

#[test]
fn unknown_field_is_named() {
    let fx = Fixture::seeds_and_wikinews(2).indexed();
    fx.search("author:smith", &[])
        .assert()
        .code(2)
        .stderr(clean_error("unknown field `author`"));
}

#[test]
fn unbalanced_quote_is_reported() {
    let fx = Fixture::seeds_and_wikinews(2).indexed();
    fx.search("\"direct flights", &[])
        .assert()
        .code(2)
        .stderr(clean_error("unclosed quote `\"` at character 1"));
}

#[test]
fn bad_since_date_is_reported() {
    let fx = Fixture::seeds_and_wikinews(2).indexed();
    for bad in ["2025-13", "yesterday", "2025-02-30"] {
        fx.search("flights", &["--since", bad])
            .assert()
            .code(2)
            .stderr(clean_error("--since"));
    }
}

#[test]
fn missing_index_is_reported_with_a_hint() {
    let fx = Fixture::empty();
    newsdex()
        .args([
            "search",
            "flights",
            "--corpus",
            "/nonexistent/corpus",
            "--index",
        ])
        .arg(&fx.index)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no index at").and(predicate::str::contains("hint:")));
}

#[test]
fn missing_corpus_is_reported() {
    let fx = Fixture::empty();
    newsdex()
        .args([
            "index",
            "--quiet",
            "--corpus",
            "/nonexistent/corpus",
            "--index",
        ])
        .arg(&fx.index)
        .assert()
        .code(2)
        .stderr(clean_error("/nonexistent/corpus"));
}

#[test]
fn an_index_held_by_another_writer_is_refused_and_left_intact() {
    let fx = Fixture::seeds_and_wikinews(3).indexed();
    let index = tantivy::Index::open_in_dir(&fx.index).unwrap();
    let writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
    fx.index_cmd()
        .assert()
        .code(2)
        .stderr(clean_error("being written by another newsdex process"));
    drop(writer);
    fx.search("Ushakov", &[]).assert().success();
}
