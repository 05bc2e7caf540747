//! `newsdex show`: one article by id or path, as text and as the documented JSON object.

use crate::common::{Fixture, chars, newsdex};
use predicates::prelude::*;
use serde::Deserialize;

const SEED_000: &str = "seeds/000_29dcbb1e78569601.txt";
const SEED_004: &str = "seeds/004_a601677b5c772689.txt";

/// The documented JSON object; unknown fields are an error so the contract cannot drift.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Article {
    id: String,
    path: String,
    title: String,
    url: Option<String>,
    published: Option<String>,
    speakers: Vec<String>,
    locations: Vec<Place>,
    countries: Vec<String>,
    dates: Vec<Date>,
    quotes: Vec<Quote>,
    body: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Place {
    name: String,
    country: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Date {
    date: String,
    mentions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Quote {
    speaker: String,
    text: String,
    range: [usize; 2],
}

fn show(fx: &Fixture, key: &str, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = newsdex();
    cmd.arg("show")
        .arg(key)
        .arg("--index")
        .arg(&fx.index)
        .arg("--corpus")
        .arg(&fx.corpus)
        .args(args);
    cmd
}

fn show_json(fx: &Fixture, key: &str) -> Article {
    let output = show(fx, key, &["--format", "json"]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "one JSON object: {stdout}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[test]
fn an_article_by_its_path_shows_its_text_fields_and_quotes() {
    let fx = Fixture::seeds_and_wikinews(2).indexed();
    let output = show(&fx, SEED_000, &["--color", "never"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("The United States does not appear ready"),
        "{first}"
    );
    for expected in [
        &format!("path       {SEED_000}"),
        "published  undated",
        "speakers   Yuri Ushakov",
        "Istanbul (TR)",
        "countries  RU, TR, UA, US",
        "Russian and U.S. diplomats held two rounds of talks in Istanbul",
        "quotes\n",
        "Yuri Ushakov: “I hope the process will continue,” Ushakov said.",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    // The id is the path: not shown twice.
    assert!(!text.contains("\nid "), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when piped");
}

#[test]
fn json_follows_the_documented_shape() {
    let fx = Fixture::seeds_and_wikinews(3).indexed();
    let seed = show_json(&fx, SEED_004);
    assert_eq!((seed.id.as_str(), seed.path.as_str()), (SEED_004, SEED_004));
    assert!(
        seed.title.starts_with("Russian and U.S. officials"),
        "{}",
        seed.title
    );
    assert!(seed.speakers.iter().any(|s| s == "Sergei Ryabkov"));
    assert!(
        seed.locations
            .iter()
            .any(|p| p.name == "Tehran" && p.country.as_deref() == Some("IR")),
        "{:?}",
        seed.locations
    );
    let mut sorted = seed.countries.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(seed.countries, sorted);
    assert!(seed.countries.contains(&"IR".to_string()));
    assert!(
        seed.dates
            .iter()
            .any(|d| d.date == "2025-02-27" && d.mentions.iter().any(|m| m.contains("Feb. 27"))),
        "{:?}",
        seed.dates
    );
    assert!(!seed.quotes.is_empty());
    for quote in &seed.quotes {
        assert!(!quote.speaker.is_empty());
        // `range` is character offsets of the quote in the body.
        assert_eq!(chars(&seed.body, quote.range), quote.text, "{quote:?}");
    }
    assert!(seed.body.contains("Sergei Ryabkov"));

    // A Wikinews article has its date and URL from the metadata.
    let wikinews = "wikinews/0001-magnitogorsk-apartment-building-collapses-after-explosion-do.txt";
    let article = show_json(&fx, wikinews);
    assert_eq!(article.published.as_deref(), Some("2019-01-04"));
    assert!(
        article
            .url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://en.wikinews.org/")),
        "{:?}",
        article.url
    );
}

#[test]
fn an_article_of_a_json_lines_file_is_shown_by_its_id() {
    let fx = Fixture::empty();
    fx.write(
        "feed/day.jsonl",
        concat!(
            r#"{"id": "reuters-1", "title": "Grain deal", "body": "Talks in Ankara went on."}"#,
            "\n",
            r#"{"title": "Port reopens", "body": "The port of Odesa reopened."}"#,
            "\n",
        ),
    );
    let fx = fx.indexed();
    let first = show_json(&fx, "reuters-1");
    assert_eq!(
        (first.title.as_str(), first.path.as_str()),
        ("Grain deal", "feed/day.jsonl")
    );
    let second = show_json(&fx, "feed/day.jsonl#2");
    assert_eq!(second.title, "Port reopens");
    show(&fx, "feed/day.jsonl#2", &["--color", "never"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "id         feed/day.jsonl#2\npath       feed/day.jsonl\n",
        ));
    // The file's path names two articles: the error lists their ids.
    show(&fx, "feed/day.jsonl", &[])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("\"feed/day.jsonl\" is the path of 2 articles").and(
                predicate::str::contains("hint: show one by its id: feed/day.jsonl#2, reuters-1\n"),
            ),
        );
}

#[test]
fn a_path_may_start_with_dot_slash() {
    let fx = Fixture::seeds_and_wikinews(0).indexed();
    assert_eq!(show_json(&fx, &format!("./{SEED_000}")).path, SEED_000);
}

#[test]
fn an_unknown_article_is_named_and_exits_1() {
    let fx = Fixture::seeds_and_wikinews(0).indexed();
    for format in ["text", "json"] {
        show(&fx, "seeds/nope.txt", &["--format", format])
            .assert()
            .code(1)
            .stdout("")
            .stderr("newsdex: no article with the id or path \"seeds/nope.txt\"\n");
    }
}

#[test]
fn article_text_is_made_safe_for_the_terminal() {
    let fx = Fixture::empty();
    // JSON, as a text file with escape characters is skipped as binary.
    fx.write(
        "hostile.json",
        r#"{"id": "h1", "title": "Title with \u001b[31mred\u001b[0m ink", "body": "Body \u001b]0;pwned\u0007 and \u202ereversed text here."}"#,
    );
    let fx = fx.indexed();
    let output = show(&fx, "h1", &["--color", "always"]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("\\u{1b}[31mred"), "{text}");
    assert!(text.contains("\\u{202e}reversed"), "{text}");
    assert!(
        !text.contains('\u{202e}') && !text.contains('\u{7}'),
        "{text}"
    );
    // Raw escapes only where newsdex colours (SGR `ESC [ ... m`), never the article's own.
    assert!(
        !text.contains("\u{1b}]0;") && !text.contains("\u{1b}[31mred"),
        "{text}"
    );
    assert!(text.contains('\u{1b}'), "--color always colours");
    // JSON keeps the text exact.
    let article = show_json(&fx, "h1");
    assert!(
        article.body.contains("\u{1b}]0;pwned\u{7}"),
        "{:?}",
        article.body
    );
}

#[test]
fn show_needs_an_index_that_exists() {
    let fx = Fixture::seeds_and_wikinews(0);
    newsdex()
        .arg("show")
        .arg(SEED_000)
        .arg("--index")
        .arg(&fx.index)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no index at").and(predicate::str::contains("hint:")));
    assert!(!fx.index.exists());
}
