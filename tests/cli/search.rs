//! `newsdex search` end to end: ranking, query syntax, JSON shape, highlights, exit codes.

use crate::common::{Fixture, chars, paths};
use crate::why::Why;
use predicates::prelude::*;
use serde::Deserialize;

const SEED_000: &str = "seeds/000_29dcbb1e78569601.txt";
const SEED_004: &str = "seeds/004_a601677b5c772689.txt";

/// The documented JSON hit line; unknown fields are an error so the contract cannot drift.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Hit {
    #[serde(rename = "type")]
    kind: String,
    rank: usize,
    score: f32,
    id: String,
    path: String,
    title: String,
    title_highlights: Vec<[usize; 2]>,
    published: Option<String>,
    url: Option<String>,
    speakers: Vec<String>,
    locations: Vec<String>,
    snippet: Text,
    fragments: Vec<Text>,
    story: Option<String>,
    versions: usize,
    other_versions: Vec<Hit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Text {
    text: String,
    highlights: Vec<[usize; 2]>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(crate) struct Summary {
    #[serde(rename = "type")]
    pub kind: String,
    pub query: String,
    pub total: usize,
    pub stories: usize,
    pub stories_estimated: bool,
    pub returned: usize,
    pub offset: usize,
    pub elapsed_ms: f64,
    pub suggestions: Vec<String>,
    pub why: Vec<Why>,
}

#[test]
fn a_seed_about_direct_flights_ranks_first() {
    let fx = Fixture::seeds_and_wikinews(40).indexed();
    let (hits, summary) = fx.search_json("direct flights", &[]);
    let ranked = paths(&hits);
    assert!(ranked.len() >= 2, "both seeds match: {ranked:?}");
    let top2: Vec<&str> = ranked.iter().take(2).map(String::as_str).collect();
    assert!(
        top2.contains(&SEED_000) && top2.contains(&SEED_004),
        "{ranked:?}"
    );
    assert_eq!(summary["total"].as_u64(), Some(ranked.len() as u64));
}

#[test]
fn json_lines_follow_the_documented_shape() {
    let fx = Fixture::seeds_and_wikinews(20).indexed();
    let output = fx
        .search("direct flights", &["--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    let (last, hits) = lines.split_last().unwrap();
    for (i, line) in hits.iter().enumerate() {
        let hit: Hit = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert_eq!(hit.kind, "hit");
        assert_eq!(hit.rank, i + 1);
        assert!(hit.score > 0.0);
        assert!(!hit.fragments.is_empty());
    }
    let summary: Summary = serde_json::from_str(last).unwrap();
    assert_eq!(summary.kind, "summary");
    assert_eq!(summary.query, "direct flights");
    assert_eq!(summary.returned, hits.len());
    // Something was found: nothing to explain.
    assert!(summary.suggestions.is_empty() && summary.why.is_empty());
}

#[test]
fn every_highlight_range_covers_a_matching_word() {
    let fx = Fixture::seeds_and_wikinews(40).indexed();
    let (hits, _) = fx.search_json("flights Moscow", &[]);
    assert!(!hits.is_empty());
    let mut seen = 0;
    for value in hits {
        let hit: Hit = serde_json::from_value(value).unwrap();
        for text in hit.fragments.iter().chain([&hit.snippet]) {
            for &range in &text.highlights {
                let word = chars(&text.text, range).to_lowercase();
                assert!(
                    word.starts_with("flight") || word == "moscow",
                    "highlight {range:?} covers {word:?} in {:?}",
                    text.text
                );
                seen += 1;
            }
        }
    }
    assert!(seen > 0, "some words are highlighted");
}

#[test]
fn phrases_exclusions_and_or_follow_the_query_syntax() {
    let fx = Fixture::seeds_and_wikinews(40).indexed();
    let (hits, _) = fx.search_json("\"direct flights\" -Ushakov", &[]);
    assert_eq!(paths(&hits), vec![SEED_004]);
    let (hits, _) = fx.search_json("Ushakov OR Ryabkov", &[]);
    let mut found = paths(&hits);
    found.sort();
    assert_eq!(found, vec![SEED_000, SEED_004]);
    // AND by default: both words must occur.
    let (hits, _) = fx.search_json("Ushakov Ryabkov", &[]);
    assert!(hits.is_empty());
}

#[test]
fn limit_and_offset_page_through_results() {
    let fx = Fixture::seeds_and_wikinews(40).indexed();
    let (all, _) = fx.search_json("Russia", &["--limit", "5"]);
    assert!(all.len() >= 3);
    let (page, summary) = fx.search_json("Russia", &["--limit", "2", "--offset", "1"]);
    assert_eq!(paths(&page), paths(&all)[1..3].to_vec());
    assert_eq!(page[0]["rank"].as_u64(), Some(2));
    assert_eq!(summary["offset"].as_u64(), Some(1));
}

#[test]
fn exit_code_is_one_when_nothing_matches() {
    let fx = Fixture::seeds_and_wikinews(5).indexed();
    fx.search("zzyzxquux", &[]).assert().code(1);
    fx.search("Ushakov", &[]).assert().code(0);
}

#[test]
fn text_output_colours_matches_only_when_asked() {
    let fx = Fixture::seeds_and_wikinews(5).indexed();
    fx.search("Ushakov", &["--color", "always"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\u{1b}["));
    fx.search("Ushakov", &["--color", "never"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\u{1b}[").not())
        .stdout(predicate::str::contains("Ushakov"));
}

#[test]
fn search_builds_a_missing_index_from_the_corpus_first() {
    let fx = Fixture::seeds_and_wikinews(3);
    assert!(!fx.index.exists());
    fx.search("direct flights", &["--quiet"]).assert().success();
    assert!(fx.index.join("meta.json").is_file());
}

#[test]
fn an_article_is_found_by_its_id_whether_or_not_it_is_its_path() {
    let fx = Fixture::seeds_and_wikinews(5);
    fx.write(
        "feed.jsonl",
        concat!(
            r#"{"id": "wire-17", "title": "Harbour reopens", "body": "The harbour reopened on Monday."}"#,
            "\n",
            r#"{"id": "wire-18", "title": "Storm", "body": "A storm closed the harbour on Sunday."}"#,
            "\n"
        ),
    );
    let fx = fx.indexed();
    // A file's article: its id is its path.
    let (hits, _) = fx.search_json(&format!("id:\"{SEED_000}\""), &[]);
    assert_eq!(paths(&hits), [SEED_000]);
    assert_eq!(hits[0]["id"], SEED_000);
    // An article with an id of its own, in a file of several.
    let (hits, _) = fx.search_json("harbour id:wire-17", &[]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["id"], "wire-17");
    assert_eq!(hits[0]["path"], "feed.jsonl");
    let (hits, _) = fx.search_json("harbour -id:wire-17", &[]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["id"], "wire-18");
}
