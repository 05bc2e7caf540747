//! Saying why nothing was found: suggestions for misspelled words, per-word counts and
//! `--any`, filters that match nothing, undated articles, a reversed period, `--limit 0`; in
//! text and in the JSON summary (`suggestions`, `why`).

use predicates::prelude::*;
use serde::Deserialize;

use crate::common::{Fixture, paths};
use crate::quotes::quotes_json;
use crate::search::Summary;

/// One entry of the summary's `why` array, as documented; unknown fields are an error.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum Why {
    UnknownWord {
        word: String,
        closest: Vec<Counted>,
    },
    Parts {
        parts: Vec<Counted>,
        apart: Vec<[String; 2]>,
    },
    Filtered {
        articles: u64,
    },
    NotQuoted {
        articles: u64,
    },
    NoSpeaker {
        name: String,
        closest: Vec<Counted>,
    },
    NoLocation {
        name: String,
        closest: Vec<Counted>,
    },
    Dates {
        articles: u64,
        undated: u64,
        earliest: Option<String>,
        latest: Option<String>,
    },
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct Counted {
    value: String,
    articles: u64,
}

fn counted(value: &str, articles: u64) -> Counted {
    Counted {
        value: value.to_string(),
        articles,
    }
}

/// Four dated articles: two about an election (one in its title only as `Election`), an
/// ambassador, a harbour; speakers Gordon Brown, Anna Lind, Tom Brown.
fn news() -> Fixture {
    let fx = Fixture::empty();
    fx.write(
        "feed.jsonl",
        concat!(
            r#"{"id": "a1", "title": "Election called", "published": "2019-05-01", "body": "Prime minister Gordon Brown called an election on Monday in London.\n\n“The election will be held in May,” Brown told reporters in London."}"#,
            "\n",
            r#"{"id": "a2", "title": "Ambassador recalled", "published": "2019-06-01", "body": "The ambassador was recalled from Paris on Friday.\n\n“We have recalled the ambassador for talks,” said Anna Lind, the foreign minister."}"#,
            "\n",
            r#"{"id": "a3", "title": "Harbour reopens", "published": "2020-02-01", "body": "The harbour reopened in Dover on Tuesday after the storm.\n\n“The harbour is open again,” said Tom Brown, the harbour master."}"#,
            "\n",
            r#"{"id": "a4", "title": "Election results", "published": "2020-03-01", "body": "Election results were counted in Leeds overnight. The elections ended with a recount."}"#,
            "\n",
        ),
    );
    fx.indexed()
}

/// A JSON search's summary, parsed strictly, and the exit code.
fn json_summary(fx: &Fixture, query: &str, args: &[&str]) -> (Summary, Option<i32>) {
    let output = fx
        .search(query, &[&["--format", "json"], args].concat())
        .output()
        .expect("run newsdex search");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let last = stdout.lines().last().expect("a summary line");
    let summary = serde_json::from_str(last).unwrap_or_else(|e| panic!("{e}: {last}"));
    (summary, output.status.code())
}

fn text(fx: &Fixture, query: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    fx.search(query, &[&["--color", "never"], args].concat())
        .assert()
}

#[test]
fn a_misspelled_word_gets_the_word_of_the_index_it_is_closest_to() {
    let fx = news();
    text(&fx, "electoin", &[])
        .code(1)
        .stdout(predicate::str::contains(
            "no article has \"electoin\"; closest: election (2 articles)",
        ))
        .stdout(predicate::str::contains("did you mean: election?"));
    let (summary, code) = json_summary(&fx, "electoin", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(summary.suggestions, ["election"]);
    let Some(Why::UnknownWord { word, closest }) = summary.why.first() else {
        panic!("{:?}", summary.why)
    };
    assert_eq!(word, "electoin");
    assert_eq!(closest.first(), Some(&counted("election", 2)));
    // Every unknown word is corrected in the query shown.
    text(&fx, "Electoin ambasador", &[])
        .code(1)
        .stdout(predicate::str::contains(
            "did you mean: election ambassador?",
        ));
}

#[test]
fn numbers_and_phrases_get_no_suggestion() {
    let fx = news();
    let (summary, code) = json_summary(&fx, "20199", &[]);
    assert_eq!(code, Some(1));
    assert!(summary.suggestions.is_empty(), "{summary:?}");
    assert_eq!(
        summary.why,
        [Why::UnknownWord {
            word: "20199".to_string(),
            closest: Vec::new()
        }]
    );
    let (summary, _) = json_summary(&fx, "\"electoin results\"", &[]);
    assert!(summary.suggestions.is_empty(), "{summary:?}");
    text(&fx, "\"electoin results\"", &[])
        .code(1)
        .stdout(predicate::str::contains("did you mean").not());
}

#[test]
fn words_that_never_meet_are_counted_one_by_one() {
    let fx = news();
    text(&fx, "harbour ambassador", &[])
        .code(1)
        .stdout(predicate::str::contains(
            "articles with each word: harbour 1, ambassador 1",
        ))
        .stdout(predicate::str::contains(
            "never in one article: harbour + ambassador",
        ))
        .stdout(predicate::str::contains("--any"));
    let (summary, _) = json_summary(&fx, "harbour ambassador election", &[]);
    assert_eq!(
        summary.why,
        [Why::Parts {
            parts: vec![
                counted("harbour", 1),
                counted("ambassador", 1),
                counted("election", 2)
            ],
            apart: vec![
                ["harbour".to_string(), "ambassador".to_string()],
                ["harbour".to_string(), "election".to_string()],
                ["ambassador".to_string(), "election".to_string()],
            ],
        }]
    );
}

#[test]
fn any_ranks_the_articles_holding_the_most_words_first() {
    let fx = news();
    let (hits, summary) = fx.search_json("election harbour recount", &["--any"]);
    assert_eq!(summary["total"], 3, "{summary}");
    let ranked = paths(&hits);
    assert_eq!(ranked.len(), 3);
    // a4 holds two of the words, a1 and a3 one each.
    assert_eq!(hits[0]["id"], "a4", "{ranked:?}");
    assert!(hits[0]["score"].as_f64() > hits[1]["score"].as_f64());
    let rest: Vec<&str> = hits[1..].iter().filter_map(|h| h["id"].as_str()).collect();
    assert!(rest.contains(&"a1") && rest.contains(&"a3"), "{rest:?}");
    // Excluded words stay excluded.
    let (hits, _) = fx.search_json("election harbour -recount", &["--any"]);
    let ids: Vec<&str> = hits.iter().filter_map(|h| h["id"].as_str()).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(!ids.contains(&"a4"), "{ids:?}");
    // Without --any, all the words are required.
    fx.search("election harbour recount", &[]).assert().code(1);
}

#[test]
fn a_speaker_or_place_no_article_names_gets_the_closest_names() {
    let fx = news();
    text(&fx, "", &["--speaker", "brwn"])
        .code(1)
        .stdout(predicate::str::contains(
            "no speaker matches \"brwn\"; closest: Gordon Brown (1 article), Tom Brown (1)",
        ));
    let (summary, _) = json_summary(
        &fx,
        "election",
        &["--speaker", "brwn", "--location", "pars"],
    );
    assert_eq!(
        summary.why,
        [
            Why::Filtered { articles: 2 },
            Why::NoSpeaker {
                name: "brwn".to_string(),
                closest: vec![counted("Gordon Brown", 1), counted("Tom Brown", 1)],
            },
            Why::NoLocation {
                name: "pars".to_string(),
                closest: vec![counted("Paris", 1)],
            },
        ]
    );
    // A speaker who exists but does not go with the query: only the query's count is told.
    let (summary, _) = json_summary(&fx, "harbour", &["--speaker", "Anna Lind"]);
    assert_eq!(summary.why, [Why::Filtered { articles: 1 }]);
}

#[test]
fn a_date_filter_on_undated_articles_says_they_are_undated() {
    let fx = Fixture::empty();
    fx.write(
        "one.txt",
        "Harbour reopens\n\nThe harbour reopened on Monday.\n",
    );
    fx.write("two.txt", "Storm\n\nA storm closed the harbour.\n");
    let fx = fx.indexed();
    text(&fx, "harbour", &["--since", "2004"])
        .code(1)
        .stdout(predicate::str::contains("all 2 articles are undated"));
    let (summary, _) = json_summary(&fx, "harbour", &["--since", "2004"]);
    assert_eq!(
        summary.why,
        [
            Why::Filtered { articles: 2 },
            Why::Dates {
                articles: 2,
                undated: 2,
                earliest: None,
                latest: None
            }
        ]
    );
}

#[test]
fn a_date_filter_outside_the_dates_says_which_dates_there_are() {
    let fx = news();
    fx.write("undated.txt", "Harbour\n\nThe harbour master spoke.\n");
    let fx = fx.indexed();
    text(&fx, "harbour", &["--since", "2021"])
        .code(1)
        .stdout(predicate::str::contains(
            "1 of 5 articles have no publication date; publication dates run from 2019-05-01 to 2020-03-01",
        ));
}

#[test]
fn a_reversed_period_is_an_error_naming_both_dates() {
    let fx = news();
    for command in ["search", "quotes"] {
        let output = fx
            .query_cmd(command, "election", &["--since", "2020", "--until", "2019"])
            .output()
            .expect("run newsdex");
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert!(output.stdout.is_empty(), "{command}");
        let stderr = String::from_utf8(output.stderr).expect("UTF-8");
        let first = stderr.lines().next().unwrap_or_default();
        assert_eq!(
            first,
            "newsdex: error: --since \"2020\" (2020-01-01) is after --until \"2019\" (2019-12-31)",
            "{command}"
        );
    }
}

#[test]
fn limit_zero_counts_the_matching_articles() {
    let fx = news();
    text(&fx, "election", &["--limit", "0"])
        .code(0)
        .stdout(predicate::str::contains("2 matching articles"))
        .stdout(predicate::str::contains("no hits").not());
    let (summary, code) = json_summary(&fx, "election", &["--limit", "0"]);
    assert_eq!(code, Some(0));
    assert_eq!((summary.total, summary.returned), (2, 0));
    assert!(summary.why.is_empty());
    text(&fx, "zzyzxquux", &["--limit", "0"]).code(1);
    // Quotes too.
    fx.query_cmd("quotes", "harbour", &["--limit", "0", "--color", "never"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 quote found in 1 article"));
}

#[test]
fn quotes_say_why_too() {
    let fx = news();
    let (quotes, summary) = quotes_json(&fx, "electoin", &[]);
    assert!(quotes.is_empty());
    assert_eq!(summary.suggestions, ["election"]);
    let (_, summary) = quotes_json(&fx, "", &["--speaker", "brwn"]);
    assert!(
        matches!(summary.why.as_slice(), [Why::NoSpeaker { name, closest }] if name == "brwn" && closest.len() == 2),
        "{:?}",
        summary.why
    );
    // The words are in an article, but no quote says them all.
    let (_, summary) = quotes_json(&fx, "monday election", &[]);
    assert!(
        summary.why.contains(&Why::NotQuoted { articles: 1 }),
        "{:?}",
        summary.why
    );
    fx.query_cmd("quotes", "electoin", &["--color", "never"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("did you mean: election?"));
}

#[test]
fn the_why_entries_refuse_unknown_fields() {
    let strict = serde_json::from_str::<Why>(r#"{"kind": "filtered", "articles": 1}"#);
    assert_eq!(strict.ok(), Some(Why::Filtered { articles: 1 }));
    let loose = serde_json::from_str::<Why>(r#"{"kind": "filtered", "articles": 1, "x": 2}"#);
    assert!(loose.is_err());
}

#[test]
fn any_is_offered_only_when_the_words_are_apart() {
    let fx = news();
    // Both words in one article, ruled out by a filter: --any would not help.
    text(&fx, "election london", &["--speaker", "Tom Brown"])
        .code(1)
        .stdout(predicate::str::contains(
            "articles with each word: election 2, london 1",
        ))
        .stdout(predicate::str::contains(
            "the query alone matches 1 article; the filters rule it out",
        ))
        .stdout(predicate::str::contains("--any").not());
    // One word in no article: the other's articles are what --any finds.
    text(&fx, "election zzyzxquux", &[])
        .code(1)
        .stdout(predicate::str::contains(
            "articles with each word: election 2, zzyzxquux 0",
        ))
        .stdout(predicate::str::contains("hint: --any"));
}
