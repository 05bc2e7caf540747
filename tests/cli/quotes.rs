//! `newsdex quotes` end to end: the JSON shape, what a query needs, who said what in the seed
//! articles, ranked, and `search --speaker` preferring the speaker's quotes.

use crate::common::{Fixture, chars};
use crate::why::Why;
use predicates::prelude::*;
use serde::Deserialize;

/// The documented JSON quote line; unknown fields are an error so the contract cannot drift.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(crate) struct Quote {
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
    pub occurrences: usize,
    first: Option<String>,
    last: Option<String>,
    pub articles: Vec<Occurrence>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(crate) struct Occurrence {
    id: String,
    pub path: String,
    title: String,
    published: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(crate) struct Summary {
    #[serde(rename = "type")]
    pub kind: String,
    pub query: String,
    pub articles: usize,
    pub articles_read: usize,
    pub found: usize,
    pub found_exact: bool,
    pub found_articles: usize,
    pub returned: usize,
    pub returned_articles: usize,
    pub offset: usize,
    pub elapsed_ms: f64,
    pub suggestions: Vec<String>,
    pub why: Vec<Why>,
}

fn quotes_cmd(fx: &Fixture, query: &str, args: &[&str]) -> assert_cmd::Command {
    fx.query_cmd("quotes", query, args)
}

/// Run a JSON quote search: its quote lines and its summary.
pub(crate) fn quotes_json(fx: &Fixture, query: &str, args: &[&str]) -> (Vec<Quote>, Summary) {
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

// The tests below rely on the extractor finding the seed articles' quotes (Ryabkov's and
// Ushakov's).

const SEED_000: &str = "seeds/000_29dcbb1e78569601.txt";
const SEED_004: &str = "seeds/004_a601677b5c772689.txt";

#[test]
fn the_seeds_quotes_say_who_said_what() {
    let fx = Fixture::seeds_and_wikinews(20).indexed();
    let (quotes, summary) = quotes_json(&fx, "\"direct flights\"", &[]);
    assert!(summary.found >= 1);
    let ryabkov = quotes
        .iter()
        .find(|q| q.speaker == "Sergei Ryabkov")
        .unwrap_or_else(|| panic!("Ryabkov spoke of direct flights: {quotes:?}"));
    assert_eq!(ryabkov.path, SEED_004);
    assert!(ryabkov.text.contains("direct flights"), "{}", ryabkov.text);
    let lit: Vec<String> = ryabkov
        .highlights
        .iter()
        .map(|&r| chars(&ryabkov.text, r))
        .collect();
    assert_eq!(lit, ["direct", "flights"]);
}

#[test]
fn a_speaker_filter_lists_only_their_quotes() {
    let fx = Fixture::seeds_and_wikinews(20).indexed();
    let (quotes, _) = quotes_json(&fx, "", &["--speaker", "ushakov"]);
    assert!(quotes.len() >= 2, "{quotes:?}");
    assert!(quotes.iter().all(|q| q.speaker == "Yuri Ushakov"));
    assert!(quotes.iter().all(|q| q.path == SEED_000));
    assert!(
        quotes
            .iter()
            .any(|q| q.text.contains("I hope the process will continue"))
    );
    let (quotes, _) = quotes_json(&fx, "hope", &["--speaker", "Ryabkov"]);
    assert!(!quotes.is_empty());
    assert!(quotes.iter().all(|q| q.speaker == "Sergei Ryabkov"));
}

#[test]
fn an_excluded_word_rules_out_quotes_not_their_article() {
    let fx = Fixture::seeds_and_wikinews(0).indexed();
    // Ryabkov's article speaks of discussions, in another of his quotes too; this one does not.
    let (quotes, summary) = quotes_json(&fx, "instructions -discussions", &[]);
    assert_eq!(summary.articles, 1, "{quotes:?}");
    assert!(
        quotes
            .iter()
            .any(|q| q.speaker == "Sergei Ryabkov" && q.text.contains("We receive instructions")),
        "{quotes:?}"
    );
    assert!(quotes.iter().all(|q| !q.text.contains("discussions")));
}

#[test]
fn a_short_quote_saying_the_word_ranks_above_a_long_one() {
    let fx = Fixture::seeds_and_wikinews(0).indexed();
    let (quotes, _) = quotes_json(&fx, "hope", &[]);
    let speakers: Vec<&str> = quotes.iter().map(|q| q.speaker.as_str()).collect();
    assert_eq!(speakers, ["Yuri Ushakov", "Sergei Ryabkov"], "{quotes:?}");
    assert!(quotes[0].score > quotes[1].score);
}

#[test]
fn search_with_a_speaker_shows_their_quotes() {
    let fx = Fixture::seeds_and_wikinews(20).indexed();
    let (quotes, _) = quotes_json(&fx, "", &["--speaker", "Ushakov"]);
    let (hits, _) = fx.search_json("Moscow", &["--speaker", "Ushakov", "--fragments", "1"]);
    assert_eq!(crate::common::paths(&hits), [SEED_000]);
    let fragment = hits[0]["fragments"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let opening = |text: &str| text.chars().take(40).collect::<String>();
    assert!(
        quotes
            .iter()
            .any(|q| fragment.starts_with(&opening(&q.text))),
        "{fragment:?} starts no Ushakov quote"
    );
}

/// An article by `title` where John Smith and Mary Jones speak: `smith` and `jones` are their
/// quotes (empty: none).
fn council_article(title: &str, smith: &[&str], jones: &[&str]) -> String {
    let mut text = format!(
        "{title}\n\nSPRINGFIELD — The city council met on Monday to discuss the budget.\n\n"
    );
    for quote in smith {
        text.push_str(&format!("\"{quote},\" said John Smith, the mayor.\n\n"));
    }
    for quote in jones {
        text.push_str(&format!(
            "\"{quote},\" said Mary Jones, a council member.\n\n"
        ));
    }
    text
}

#[test]
fn the_summary_counts_the_quotes_listed_and_the_articles_they_come_from() {
    let fx = Fixture::empty();
    fx.write(
        "a.txt",
        council_article(
            "Budget talks",
            &[
                "The budget is sound and we will balance it",
                "The budget has no hole in it",
            ],
            &[],
        ),
    );
    // Smith speaks here and the budget is quoted, but not by him.
    fx.write(
        "b.txt",
        council_article(
            "Taxes",
            &["Taxes will not rise this year"],
            &["The budget is a disgrace"],
        ),
    );
    let fx = fx.indexed();
    let args = ["--speaker", "smith", "--color", "never"];
    quotes_cmd(&fx, "budget", &args)
        .assert()
        .success()
        .stdout(predicate::str::contains("\n2 quotes from 1 article ("));

    let (quotes, summary) = quotes_json(&fx, "budget", &args[..2]);
    assert_eq!(quotes.len(), 2);
    assert_eq!(
        (
            summary.returned,
            summary.returned_articles,
            summary.found,
            summary.found_articles
        ),
        (2, 1, 2, 1),
        "{summary:?}"
    );
    // Both articles may hold Smith's budget quotes, and both were read.
    assert_eq!((summary.articles, summary.articles_read), (2, 2));
    assert!(summary.found_exact);

    // A page of one says which quote it shows among those found.
    quotes_cmd(
        &fx,
        "budget",
        &[&args[..], &["--limit", "1", "--offset", "1"]].concat(),
    )
    .assert()
    .success()
    .stdout(predicate::str::contains(
        "\n1 quote from 1 article, showing 2-2 of 2 quotes found in 1 article (",
    ));
}

#[test]
fn quotes_found_in_some_of_the_matching_articles_are_counted_as_a_lower_bound() {
    let fx = Fixture::empty();
    // More matching articles than the fewest a quote search reads.
    // Each says something else: the same words in two articles would be one quote.
    for i in 0..40 {
        fx.write(
            &format!("{i:02}.txt"),
            council_article(
                &format!("Budget talks {i}"),
                &[&format!(
                    "The budget is sound and we will balance it in {} years",
                    i + 2
                )],
                &[],
            ),
        );
    }
    let fx = fx.indexed();
    let (quotes, summary) = quotes_json(&fx, "budget", &["--limit", "2"]);
    assert_eq!(quotes.len(), 2);
    assert_eq!(summary.articles, 40, "{summary:?}");
    assert!(summary.articles_read < 40, "{summary:?}");
    assert!(!summary.found_exact);
    assert_eq!(summary.found, summary.articles_read);
    quotes_cmd(&fx, "budget", &["--limit", "2", "--color", "never"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "\n2 quotes from 2 articles, showing 1-2 of at least {n} quotes found in {n} \
             articles; only {n} of the 40 matching articles were read, a larger --limit reads more (",
            n = summary.articles_read
        )));
    // Asking for all of them reads them all.
    let (_, all) = quotes_json(&fx, "budget", &["--limit", "40"]);
    assert!(all.found_exact, "{all:?}");
    assert_eq!((all.found, all.returned, all.articles_read), (40, 40, 40));
}
