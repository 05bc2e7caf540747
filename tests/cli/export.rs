//! `newsdex export` end to end: the JSON Lines contract, index and corpus sources, periods, the
//! `_bulk` form, errors.

use std::collections::BTreeMap;

use crate::common::{Fixture, newsdex, stdout_of};
use chrono::{DateTime, NaiveDate, Utc};
use predicates::prelude::*;
use serde::Deserialize;

/// The documented record line; unknown fields are an error so the contract cannot drift.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    id: String,
    path: String,
    title: String,
    body: String,
    url: Option<String>,
    links: Vec<String>,
    author: Option<String>,
    published: Option<String>,
    story: Option<String>,
    speakers: Vec<Name>,
    organisations: Vec<Name>,
    persons: Vec<Name>,
    locations: Vec<Location>,
    dates: Vec<DateMention>,
    quotes: Vec<Quote>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Name {
    name: String,
    mentions: Vec<String>,
    entity: Option<String>,
    entity_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Location {
    name: String,
    country: Option<String>,
    mentions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct DateMention {
    value: String,
    mentions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Quote {
    speaker: String,
    text: String,
    start: usize,
    end: usize,
}

fn rfc3339_day(value: &str) -> NaiveDate {
    let at: DateTime<Utc> = DateTime::parse_from_rfc3339(value)
        .unwrap_or_else(|e| panic!("{value:?} is not RFC 3339: {e}"))
        .into();
    assert_eq!(
        at.time(),
        chrono::NaiveTime::MIN,
        "{value} is a day at midnight"
    );
    at.date_naive()
}

fn export(args: &[&str]) -> Vec<Record> {
    stdout_of(&[&["export"], args].concat())
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn index_args(fx: &Fixture) -> Vec<String> {
    vec![
        "--index".into(),
        fx.index.display().to_string(),
        "--quiet".into(),
    ]
}

fn corpus_args(fx: &Fixture) -> Vec<String> {
    vec![
        "--corpus".into(),
        fx.corpus.display().to_string(),
        "--quiet".into(),
    ]
}

fn refs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

fn indexed_articles(fx: &Fixture) -> u64 {
    let output = newsdex()
        .args(["stats", "--format", "json", "--index"])
        .arg(&fx.index)
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    stats["articles"].as_u64().expect("article count")
}

/// Articles with known metadata, as a JSON Lines file: (id, published, title).
const DATED: &[(&str, Option<&str>, &str)] = &[
    ("jan-05", Some("2019-01-05"), "Council meets in Leeds"),
    ("jan-20", Some("2019-01-20T08:30:00Z"), "Flights resume"),
    ("feb-10", Some("2019-02-10"), "Budget passes"),
    ("mar-01", Some("2019-03-01"), "Storm reaches the coast"),
    ("mar-31", Some("2019-03-31"), "Election called"),
    ("next-year", Some("2020-01-01"), "New year"),
    ("undated", None, "An article without a date"),
];

/// The seeds, `wikinews` Wikinews articles, and [`DATED`] in `dated/news.jsonl`.
fn fixture(wikinews: usize) -> Fixture {
    let fx = Fixture::seeds_and_wikinews(wikinews);
    let lines: Vec<String> = DATED
        .iter()
        .map(|(id, published, title)| {
            serde_json::json!({
                "id": id,
                "title": title,
                "published": published,
                "url": format!("https://news.example/{id}"),
                "author": "Ann Reporter",
                "body": format!("{title}. \"We are ready,\" Mayor Jane Smith said in Leeds on Monday."),
            })
            .to_string()
        })
        .collect();
    fx.write("dated/news.jsonl", lines.join("\n") + "\n");
    fx
}

#[test]
fn every_indexed_article_is_one_line_with_every_field() {
    let fx = fixture(20).indexed();
    let records = export(&refs(&index_args(&fx)));
    assert_eq!(records.len() as u64, indexed_articles(&fx));
    assert_eq!(records.len(), 2 + 20 + DATED.len());
    let mut ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), records.len(), "ids are unique");
    for r in &records {
        assert!(!r.body.is_empty(), "{}: cleaned body", r.id);
        assert!(!r.body.contains("\r"), "{}: cleaned body", r.id);
        if let Some(day) = &r.published {
            rfc3339_day(day);
        }
        for d in &r.dates {
            rfc3339_day(&d.value);
        }
        for q in &r.quotes {
            assert_eq!(
                r.body.get(q.start..q.end),
                Some(q.text.as_str()),
                "{}",
                r.id
            );
        }
    }
    for (id, published, title) in DATED {
        let r = records.iter().find(|r| r.id == *id).expect("exported");
        assert_eq!(r.path, "dated/news.jsonl");
        assert_eq!(r.title, *title);
        assert_eq!(
            r.url.as_deref(),
            Some(format!("https://news.example/{id}").as_str())
        );
        let day = published.map(|p| format!("{}T00:00:00Z", &p[..10]));
        assert_eq!(r.published, day, "{id}: the day at midnight UTC");
    }
}

#[test]
fn a_corpus_export_keeps_bylines() {
    let fx = fixture(0);
    let records = export(&refs(&corpus_args(&fx)));
    let dated: Vec<&Record> = records
        .iter()
        .filter(|r| r.path == "dated/news.jsonl")
        .collect();
    assert_eq!(dated.len(), DATED.len());
    assert!(
        dated
            .iter()
            .all(|r| r.author.as_deref() == Some("Ann Reporter"))
    );
}

#[test]
fn a_corpus_exports_the_same_articles_as_its_index() {
    let fx = fixture(12).indexed();
    let by_id = |records: Vec<Record>| -> BTreeMap<String, Record> {
        records
            .into_iter()
            .map(|mut r| {
                // The index does not store bylines; the corpus has them where the source does.
                r.author = None;
                (r.id.clone(), r)
            })
            .collect()
    };
    let mut from_index = by_id(export(&refs(&index_args(&fx))));
    let from_corpus = by_id(export(&refs(&corpus_args(&fx))));
    assert_eq!(from_index.len(), 2 + 12 + DATED.len());
    // Only the index knows the entities and stories across the corpus: every speaker and
    // every article has one there.
    for record in from_index.values_mut() {
        assert!(record.story.is_some(), "{record:?}");
        record.story = None;
        for s in &record.speakers {
            assert!(s.entity.is_some() && s.entity_name.is_some(), "{s:?}");
        }
        for name in record.speakers.iter_mut().chain(&mut record.persons) {
            name.entity = None;
            name.entity_name = None;
        }
        for name in &mut record.organisations {
            name.entity = None;
            name.entity_name = None;
        }
    }
    assert!(
        from_corpus
            .values()
            .all(|r| r.speakers.iter().all(|s| s.entity.is_none()))
    );
    assert_eq!(from_index, from_corpus);
}

#[test]
fn a_corpus_is_written_in_path_order_whatever_the_threads() {
    let fx = Fixture::seeds_and_wikinews(30);
    let paths = |threads: &str| -> Vec<String> {
        let mut args = corpus_args(&fx);
        args.extend(["--threads".to_string(), threads.to_string()]);
        export(&refs(&args)).into_iter().map(|r| r.path).collect()
    };
    let one = paths("1");
    let mut sorted = one.clone();
    sorted.sort();
    assert_eq!(one, sorted);
    assert_eq!(paths("3"), one);
}

#[test]
fn since_and_until_keep_only_articles_published_in_the_period() {
    let fx = fixture(30).indexed();
    let all = export(&refs(&index_args(&fx)));
    let mut days: Vec<NaiveDate> = all
        .iter()
        .filter_map(|r| r.published.as_deref().map(rfc3339_day))
        .collect();
    days.sort();
    let (since, until) = (days[days.len() / 4], days[days.len() * 3 / 4]);
    let expected: Vec<&str> = all
        .iter()
        .filter(|r| {
            r.published
                .as_deref()
                .map(rfc3339_day)
                .is_some_and(|d| d >= since && d <= until)
        })
        .map(|r| r.id.as_str())
        .collect();
    assert!(!expected.is_empty() && expected.len() < all.len());

    let (s, u) = (since.to_string(), until.to_string());
    let mut args = index_args(&fx);
    args.extend(["--since".into(), s.clone(), "--until".into(), u.clone()]);
    let from_index = export(&refs(&args));
    assert_eq!(
        from_index.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        expected
    );

    let mut args = corpus_args(&fx);
    args.extend(["--since".into(), s, "--until".into(), u]);
    let mut from_corpus: Vec<String> = export(&refs(&args)).into_iter().map(|r| r.id).collect();
    let mut expected: Vec<String> = expected.into_iter().map(String::from).collect();
    from_corpus.sort();
    expected.sort();
    assert_eq!(from_corpus, expected);
}

#[test]
fn a_month_or_a_year_covers_the_whole_period() {
    let fx = fixture(0).indexed();
    let ids = |period: &[&str]| -> Vec<String> {
        let mut args = index_args(&fx);
        args.extend(period.iter().map(|s| s.to_string()));
        let mut ids: Vec<String> = export(&refs(&args)).into_iter().map(|r| r.id).collect();
        ids.sort();
        ids
    };
    assert_eq!(
        ids(&["--since", "2019-01", "--until", "2019-01"]),
        ["jan-05", "jan-20"]
    );
    assert_eq!(ids(&["--until", "2019-02"]), ["feb-10", "jan-05", "jan-20"]);
    assert_eq!(ids(&["--since", "2019-03-31"]), ["mar-31", "next-year"]);
    assert_eq!(ids(&["--since", "2020"]), ["next-year"]);
    assert_eq!(ids(&["--since", "2019", "--until", "2019"]).len(), 5);
    assert_eq!(
        ids(&[]).len(),
        2 + DATED.len(),
        "no period: undated articles too"
    );
}

#[test]
fn the_bulk_form_pairs_an_index_action_with_each_article() {
    let fx = Fixture::seeds_and_wikinews(5).indexed();
    let plain = export(&refs(&index_args(&fx)));
    let mut args = index_args(&fx);
    args.push("--elasticsearch-bulk".into());
    let output = newsdex().arg("export").args(&args).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), plain.len() * 2);
    for (pair, record) in lines.chunks(2).zip(&plain) {
        let action: serde_json::Value = serde_json::from_str(pair[0]).unwrap();
        assert_eq!(action, serde_json::json!({ "index": { "_id": record.id } }));
        let doc: Record = serde_json::from_str(pair[1]).unwrap();
        assert_eq!(&doc, record);
    }
}

#[test]
fn the_summary_goes_to_stderr_and_stdout_holds_only_records() {
    let fx = Fixture::seeds_and_wikinews(3).indexed();
    let output = newsdex()
        .arg("export")
        .arg("--index")
        .arg(&fx.index)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("exported 5 articles"), "{stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 5);
    assert!(!stdout.contains("exported"));
}

#[test]
fn a_malformed_date_is_refused_with_a_hint() {
    let fx = Fixture::seeds_and_wikinews(1).indexed();
    newsdex()
        .arg("export")
        .arg("--index")
        .arg(&fx.index)
        .args(["--since", "2019-13"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "newsdex: error: --since \"2019-13\"",
        ))
        .stderr(predicate::str::contains(
            "hint: dates are written YYYY-MM-DD",
        ));
}

#[test]
fn a_missing_index_is_an_error_with_a_hint() {
    let fx = Fixture::empty();
    newsdex()
        .arg("export")
        .arg("--index")
        .arg(&fx.index)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no index at"))
        .stderr(predicate::str::contains("hint: build it with"));
}

#[test]
fn index_and_corpus_are_exclusive_and_definitions_take_no_articles() {
    let fx = Fixture::empty();
    newsdex()
        .arg("export")
        .arg("--index")
        .arg(&fx.index)
        .arg("--corpus")
        .arg(&fx.corpus)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
    newsdex()
        .args(["export", "--quickwit-config", "--elasticsearch-mapping"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
    newsdex()
        .args(["export", "--elasticsearch-mapping", "--since", "2019"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn a_bad_file_in_a_corpus_is_reported_and_the_rest_exported() {
    let fx = Fixture::seeds_and_wikinews(2);
    fx.write("broken/binary.txt", b"\x00\x01\x02 not text");
    let output = newsdex()
        .arg("export")
        .arg("--corpus")
        .arg(&fx.corpus)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("broken/binary.txt"), "{stderr}");
    assert!(stderr.contains("skipped 1 files"), "{stderr}");
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 4);
}
