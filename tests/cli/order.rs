//! The order of hits (`--sort newest|oldest`, `--recency`) and the days articles mention
//! (`--mentions`, `mentions:` in a query).

use predicates::prelude::*;

use crate::common::{Fixture, paths};

const SEED_000: &str = "seeds/000_29dcbb1e78569601.txt";
const SEED_004: &str = "seeds/004_a601677b5c772689.txt";

/// `(id, published, body)`: every article holds "harbour"; `twin-*` hold "lighthouse" in the
/// same words, and `lonely` holds it more often but has no date.
const ARTICLES: &[(&str, Option<&str>, &str)] = &[
    (
        "jan",
        Some("2024-01-10"),
        "The harbour opened for the winter fleet.",
    ),
    (
        "feb",
        Some("2024-02-15"),
        "Fishermen crowded the harbour on a cold morning.",
    ),
    (
        "mar-one",
        Some("2024-03-01"),
        "A storm closed the harbour for a day.",
    ),
    (
        "mar-many",
        Some("2024-03-01"),
        "Harbour, harbour, harbour: the harbour is full.",
    ),
    (
        "undated",
        None,
        "The harbour is old and nobody knows when it was built.",
    ),
    (
        "twin-new",
        Some("2024-03-01"),
        "The lighthouse keeper retires.",
    ),
    (
        "twin-old",
        Some("2024-01-31"),
        "The lighthouse keeper retires.",
    ),
    (
        "lonely",
        None,
        "Lighthouse, lighthouse: the lighthouse keeper of the lighthouse.",
    ),
];

fn fixture() -> Fixture {
    let fx = Fixture::empty();
    let lines: Vec<String> = ARTICLES
        .iter()
        .map(|(id, published, body)| {
            serde_json::json!({"id": id, "title": "Coast news", "published": published, "body": body})
                .to_string()
        })
        .collect();
    fx.write("coast/news.jsonl", lines.join("\n") + "\n");
    fx.indexed()
}

fn ids(hits: &[serde_json::Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn score(hits: &[serde_json::Value], id: &str) -> f64 {
    hits.iter()
        .find(|h| h["id"] == id)
        .and_then(|h| h["score"].as_f64())
        .unwrap_or_else(|| panic!("{id} among the hits"))
}

#[test]
fn newest_and_oldest_order_by_date_with_undated_articles_last() {
    let fx = fixture();
    let (hits, summary) = fx.search_json("harbour", &["--sort", "newest"]);
    assert_eq!(
        ids(&hits),
        ["mar-many", "mar-one", "feb", "jan", "undated"],
        "the same day by relevance"
    );
    assert_eq!(summary["total"], 5);
    let (hits, _) = fx.search_json("harbour", &["--sort", "oldest"]);
    assert_eq!(ids(&hits), ["jan", "feb", "mar-many", "mar-one", "undated"]);
    // Relevance, the default, is another order.
    let (hits, _) = fx.search_json("harbour", &[]);
    assert_eq!(ids(&hits)[0], "mar-many");
    assert_ne!(ids(&hits), ["mar-many", "mar-one", "feb", "jan", "undated"]);
    let (default, _) = fx.search_json("harbour", &["--sort", "relevance"]);
    assert_eq!(ids(&default), ids(&hits));
}

#[test]
fn pages_of_a_date_order_follow_one_another() {
    let fx = fixture();
    for sort in ["newest", "oldest"] {
        let (all, _) = fx.search_json("harbour", &["--sort", sort]);
        let mut paged = Vec::new();
        for offset in ["0", "2", "4"] {
            let (page, summary) = fx.search_json(
                "harbour",
                &["--sort", sort, "--limit", "2", "--offset", offset],
            );
            assert_eq!(summary["total"], 5);
            let ranks: Vec<u64> = page.iter().filter_map(|h| h["rank"].as_u64()).collect();
            let first = offset.parse::<u64>().unwrap() + 1;
            assert_eq!(
                ranks,
                (first..first + page.len() as u64).collect::<Vec<_>>()
            );
            paged.extend(ids(&page));
        }
        assert_eq!(paged, ids(&all), "{sort}");
    }
}

#[test]
fn recency_multiplies_the_score_by_the_decay_of_the_age() {
    let fx = fixture();
    // The twins are one story: each is ranked on its own here.
    let (plain, _) = fx.search_json("lighthouse", &["--articles"]);
    let (new, old) = (score(&plain, "twin-new"), score(&plain, "twin-old"));
    assert!(
        (new - old).abs() < 1e-6,
        "the twins score alike: {new} {old}"
    );
    assert_eq!(
        ids(&plain)[0],
        "lonely",
        "the undated article is the best match"
    );

    for (half_life, days) in [("10d", 10.0), ("2w", 14.0), ("1y", 365.25)] {
        let (hits, _) = fx.search_json("lighthouse", &["--recency", half_life, "--articles"]);
        // twin-new is as new as the newest article: its score is untouched; twin-old is 30
        // days older.
        let (new, old) = (score(&hits, "twin-new"), score(&hits, "twin-old"));
        assert!(
            (new - score(&plain, "twin-new")).abs() < 1e-4,
            "{half_life}"
        );
        let expected = 2f64.powf(-30.0 / days);
        assert!(
            (old / new - expected).abs() < 1e-3,
            "{half_life}: {old}/{new} against {expected}"
        );
        // Undated: its own BM25 score, after every dated article.
        assert_eq!(
            ids(&hits),
            ["twin-new", "twin-old", "lonely"],
            "{half_life}"
        );
        assert!((score(&hits, "lonely") - score(&plain, "lonely")).abs() < 1e-4);
    }
}

#[test]
fn mentions_keeps_the_articles_that_mention_a_day_of_the_span() {
    let fx = Fixture::seeds_and_wikinews(0).indexed();
    for day in [
        "2025-02-27",
        "2025-02",
        "2025",
        "2025-01..2025-03",
        "2025-02-27..",
        "..2025-02-27",
    ] {
        let (hits, _) = fx.search_json("", &["--mentions", day]);
        assert_eq!(paths(&hits), [SEED_004], "--mentions {day}");
        let (hits, _) = fx.search_json(&format!("mentions:{day}"), &[]);
        assert_eq!(paths(&hits), [SEED_004], "mentions:{day}");
    }
    // Seed 000 mentions no such day; with a word, the filter and the field combine.
    let (hits, _) = fx.search_json("talks", &[]);
    assert!(paths(&hits).contains(&SEED_000.to_string()));
    let (hits, _) = fx.search_json("talks", &["--mentions", "2025-02-27"]);
    assert_eq!(paths(&hits), [SEED_004]);
    let (hits, _) = fx.search_json("talks mentions:2025-02-27", &[]);
    assert_eq!(paths(&hits), [SEED_004]);
    let (hits, _) = fx.search_json("talks -mentions:2025-02-27", &[]);
    assert!(!paths(&hits).is_empty() && !paths(&hits).contains(&SEED_004.to_string()));
    // A day nobody mentions.
    fx.search("talks", &["--mentions", "2025-02-26"])
        .assert()
        .code(1);
    fx.search("talks mentions:2019", &[]).assert().code(1);
    // quotes take it too.
    fx.query_cmd("quotes", "talks", &["--mentions", "2025-02-27"])
        .assert()
        .code(0);
    fx.query_cmd("quotes", "talks", &["--mentions", "2019"])
        .assert()
        .code(1);
}

/// stderr is one error line (and at most a hint), naming what was wrong.
fn clean_error(expected: &'static str) -> impl Predicate<str> {
    predicate::str::starts_with("newsdex: error: ")
        .and(predicate::str::contains(expected))
        .and(predicate::str::contains("panicked").not())
        .and(predicate::function(|s: &str| s.lines().count() <= 2))
}

#[test]
fn bad_values_are_refused_with_one_line() {
    let fx = Fixture::seeds_and_wikinews(0).indexed();
    for bad in ["2025-13", "..", "2025-03..2025-01", "soon"] {
        fx.search("talks", &["--mentions", bad])
            .assert()
            .code(2)
            .stderr(clean_error("--mentions"));
        fx.query_cmd("quotes", "talks", &["--mentions", bad])
            .assert()
            .code(2)
            .stderr(clean_error("--mentions"));
    }
    for bad in [
        "mentions:2025-13",
        "mentions:soon",
        "talks mentions:[2025 TO 2026]",
    ] {
        fx.search(bad, &[])
            .assert()
            .code(2)
            .stderr(clean_error("mentions:"));
    }
    for bad in ["30", "0d", "-2w", "3x", "d"] {
        fx.search("talks", &["--recency", bad])
            .assert()
            .code(2)
            .stderr(clean_error("--recency"));
    }
    fx.search("talks", &["--sort", "newest", "--recency", "30d"])
        .assert()
        .code(2)
        .stderr(clean_error("does not go with --sort newest"));
    fx.search("talks", &["--sort", "latest"]).assert().code(2);
}
