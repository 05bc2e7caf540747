//! `newsdex extract` end to end on dates: the publication date from each source, and the dates
//! the seed articles mention.

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const SEED_000: &str = "000_29dcbb1e78569601.txt";
const SEED_004: &str = "004_a601677b5c772689.txt";

/// Run `newsdex extract --format json` on `path` and key the output lines by id.
fn extract(path: &Path) -> Vec<Value> {
    let output = cargo_bin_cmd!("newsdex")
        .args(["extract", "--format", "json"])
        .arg(path)
        .output()
        .expect("running newsdex");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

fn by_id<'a>(articles: &'a [Value], id: &str) -> &'a Value {
    articles
        .iter()
        .find(|a| a["id"].as_str().is_some_and(|i| i.ends_with(id)))
        .unwrap_or_else(|| panic!("no article {id}"))
}

/// `(value, mentions)` pairs of an article's dates.
fn dates(article: &Value) -> Vec<(String, Vec<String>)> {
    let list = article["dates"].as_array().expect("a dates list");
    list.iter()
        .map(|d| {
            let value = d["value"].as_str().expect("a value").to_string();
            let mentions = d["mentions"]
                .as_array()
                .expect("mentions")
                .iter()
                .map(|m| m.as_str().expect("a mention").to_string())
                .collect();
            (value, mentions)
        })
        .collect()
}

fn seeds_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    for name in [SEED_000, SEED_004] {
        std::fs::copy(fixtures.join(name), dir.path().join(name)).expect("copying a seed");
    }
    dir
}

#[test]
fn seed_004_takes_its_years_from_the_linked_articles() {
    let dir = seeds_dir();
    let articles = extract(&dir.path().join(SEED_004));
    let article = by_id(&articles, SEED_004);
    // Its links are dated 2025-02-28 and 2025-04-11: they bound the publication date from
    // below without becoming it.
    assert_eq!(article["published"], Value::Null);
    let owned = |v: &str, m: &[&str]| (v.to_string(), m.iter().map(|s| s.to_string()).collect());
    // `said Tuesday` and `last Wednesday` need the publication day itself: left out.
    assert_eq!(
        dates(article),
        vec![
            owned("2025-02-27", &["Feb. 27"]),
            owned("2025-04-10", &["April 10"]),
            owned("2025-02-18", &["Feb. 18"]),
        ]
    );
}

#[test]
fn seed_000_has_no_date_source_so_nothing_is_resolved() {
    let dir = seeds_dir();
    let articles = extract(dir.path());
    let article = by_id(&articles, SEED_000);
    assert_eq!(article["published"], Value::Null);
    // `Feb. 27`, `April 10` and `Wednesday` are there, but no year or day to place them.
    assert_eq!(dates(article), vec![]);
}

#[test]
fn publication_date_from_metadata_header_line_and_url() {
    let dir = tempfile::tempdir().expect("temp dir");
    let jsonl = dir.path().join("articles.jsonl");
    let lines = [
        // Metadata in RFC 3339: the day as printed, not converted to UTC.
        r#"{"id": "meta", "body": "The board met Friday.", "published": "2019-01-04T23:30:00-05:00"}"#,
        // A `-- ` header: the printed day, not the next day's URL folder.
        r#"{"id": "header", "body": "-- Markets slip\n-- By A. Writer\n-- Fri Oct 20, 2006 11:55pm EDT\n-- http://example.com/article/2006/10/21/markets-idUS20061021\n\nStocks fell yesterday, traders said."}"#,
        // Only the article's own URL.
        r#"{"id": "url", "body": "Talks resume today.", "url": "https://example.com/2025/04/11/talks"}"#,
        // Only a linked article's URL: a lower bound, never the publication date.
        r#"{"id": "link", "body": "Talks began on Feb. 27 and went on Tuesday.\n\nhttps://example.com/2025/04/11/earlier-story\n\nMore talks are due."}"#,
    ];
    std::fs::write(&jsonl, lines.join("\n")).expect("writing input");
    let articles = extract(&jsonl);
    let published = |id| by_id(&articles, id)["published"].clone();
    assert_eq!(published("meta"), "2019-01-04");
    assert_eq!(published("header"), "2006-10-20");
    assert_eq!(published("url"), "2025-04-11");
    assert_eq!(published("link"), Value::Null);

    let values = |id| -> Vec<String> {
        dates(by_id(&articles, id))
            .into_iter()
            .map(|d| d.0)
            .collect()
    };
    // 2019-01-04 was a Friday.
    assert_eq!(values("meta"), vec!["2019-01-04"]);
    assert_eq!(values("header"), vec!["2006-10-19"]);
    assert_eq!(values("url"), vec!["2025-04-11"]);
    assert_eq!(values("link"), vec!["2025-02-27"]);
}
