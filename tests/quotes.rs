//! `newsdex quotes` end to end: the JSON shape, what a query needs, and (once the extractor
//! finds the seeds' quotes) who said what, ranked, and `search --speaker` preferring quotes.

mod common;

use common::{Fixture, chars};
use predicates::prelude::*;
use serde::Deserialize;

/// The documented JSON quote line; unknown fields are an error so the contract cannot drift.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Quote {
    #[serde(rename = "type")]
    kind: String,
    rank: usize,
    score: f32,
    speaker: String,
    text: String,
    highlights: Vec<[usize; 2]>,
    published: Option<String>,
    title: String,
    path: String,
    id: String,
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Summary {
    #[serde(rename = "type")]
    kind: String,
    query: String,
    articles: usize,
    found: usize,
    returned: usize,
    offset: usize,
    elapsed_ms: f64,
}

fn quotes_cmd(fx: &Fixture, query: &str, args: &[&str]) -> assert_cmd::Command {
    fx.query_cmd("quotes", query, args)
}

/// Run a JSON quote search: its quote lines and its summary.
fn quotes_json(fx: &Fixture, query: &str, args: &[&str]) -> (Vec<Quote>, Summary) {
    let output = quotes_cmd(fx, query, &[&["--format", "json"], args].concat())
        .output()
        .expect("run newsdex quotes");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let mut lines: Vec<&str> = stdout.lines().collect();
    let last = lines.pop().expect("a summary line");
    let summary: Summary = serde_json::from_str(last).unwrap_or_else(|e| panic!("{e}: {last}"));
    let quotes = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (quotes, summary)
}

#[test]
fn words_or_a_speaker_are_needed() {
    let fx = Fixture::seeds_and_wikinews(2).indexed();
    quotes_cmd(&fx, "", &[])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no words to look for"));
}

#[test]
fn json_lines_follow_the_documented_shape() {
    let fx = Fixture::seeds_and_wikinews(20).indexed();
    let (quotes, summary) = quotes_json(&fx, "said", &["--limit", "3"]);
    assert_eq!(summary.kind, "summary");
    assert_eq!(summary.query, "said");
    assert_eq!(summary.returned, quotes.len());
    assert!(summary.found >= quotes.len() && quotes.len() <= 3);
    for (i, quote) in quotes.iter().enumerate() {
        assert_eq!(quote.kind, "quote");
        assert_eq!(quote.rank, i + 1);
        for &range in &quote.highlights {
            assert_eq!(chars(&quote.text, range).to_lowercase(), "said");
        }
    }
}
