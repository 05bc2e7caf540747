//! `search --facets` and `quotes --facets`: the counts equal an independent pass over `export`
//! output, the timeline adds up, `--per` divides by the whole index, and the JSON shape.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Deserialize;

use crate::common::{Fixture, stdout_of};

/// The documented facets line; unknown fields are an error so the contract cannot drift.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonFacets {
    #[serde(rename = "type")]
    kind: String,
    counted: String,
    speakers: Vec<Speaker>,
    locations: Vec<Location>,
    countries: Vec<Country>,
    timeline: Timeline,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Speaker {
    id: String,
    name: String,
    kind: String,
    articles: u64,
    quotes: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Location {
    name: String,
    articles: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Country {
    code: String,
    articles: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Timeline {
    interval: String,
    per: Option<u64>,
    undated: u64,
    points: Vec<Point>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Point {
    start: String,
    articles: u64,
    value: f64,
}

/// Every JSON line of `newsdex SUBCOMMAND QUERY --format json ARGS`.
fn json_lines(
    fx: &Fixture,
    subcommand: &str,
    query: &str,
    args: &[&str],
) -> Vec<serde_json::Value> {
    let output = fx
        .query_cmd(subcommand, query, &[&["--format", "json"], args].concat())
        .output()
        .expect("run newsdex");
    String::from_utf8(output.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// The facets line and the summary line, checking that they come last, in that order.
fn facets_and_summary(lines: &[serde_json::Value]) -> (JsonFacets, serde_json::Value) {
    let n = lines.len();
    assert!(n >= 2, "{lines:?}");
    assert_eq!(lines[n - 1]["type"], "summary");
    let facets: JsonFacets = serde_json::from_value(lines[n - 2].clone()).expect("facets shape");
    assert_eq!(facets.kind, "facets");
    assert!(lines[..n - 2].iter().all(|l| l["type"] != "facets"));
    (facets, lines[n - 1].clone())
}

/// What an independent pass over `export` counts for a set of articles.
#[derive(Debug, Default)]
struct Expected {
    articles: u64,
    undated: u64,
    /// Entity id -> (articles, quotes).
    speakers: HashMap<String, (u64, u64)>,
    locations: HashMap<String, u64>,
    countries: HashMap<String, u64>,
    /// Publication day -> articles.
    days: BTreeMap<String, u64>,
}

fn expected(fx: &Fixture, paths: &BTreeSet<String>) -> Expected {
    let index = fx.index.to_str().unwrap();
    let mut out = Expected::default();
    for line in stdout_of(&["export", "--index", index]).lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("a record");
        if !paths.contains(record["path"].as_str().unwrap()) {
            continue;
        }
        out.articles += 1;
        match record["published"].as_str() {
            Some(at) => *out.days.entry(at[..10].to_string()).or_default() += 1,
            None => out.undated += 1,
        }
        let quotes = record["quotes"].as_array().unwrap();
        let mut entities: BTreeMap<String, u64> = BTreeMap::new();
        for group in ["speakers", "organisations"] {
            for name in record[group].as_array().unwrap() {
                let Some(entity) = name["entity"].as_str() else {
                    continue;
                };
                let said = quotes
                    .iter()
                    .filter(|q| q["speaker"] == name["name"])
                    .count() as u64;
                *entities.entry(entity.to_string()).or_default() += said;
            }
        }
        for (entity, said) in entities {
            let sum = out.speakers.entry(entity).or_default();
            sum.0 += 1;
            sum.1 += said;
        }
        let mut places = BTreeSet::new();
        let mut countries = BTreeSet::new();
        for place in record["locations"].as_array().unwrap() {
            places.insert(place["name"].as_str().unwrap().to_string());
            if let Some(code) = place["country"].as_str() {
                countries.insert(code.to_string());
            }
        }
        for place in places {
            *out.locations.entry(place).or_default() += 1;
        }
        for code in countries {
            *out.countries.entry(code).or_default() += 1;
        }
    }
    out
}

/// The listed entries have their independent counts, and no entry left out has more.
fn check_top(facet: &str, listed: &[(String, u64)], all: &HashMap<String, u64>) {
    assert_eq!(listed.len(), all.len().min(10), "{facet}: {listed:?}");
    for (key, n) in listed {
        assert_eq!(all.get(key), Some(n), "{facet} {key}");
    }
    let shown: BTreeSet<&String> = listed.iter().map(|(k, _)| k).collect();
    let least = listed.iter().map(|(_, n)| *n).min().unwrap_or(0);
    for (key, n) in all {
        assert!(
            shown.contains(key) || *n <= least,
            "{facet}: {key} ({n}) left out"
        );
    }
}

fn search_paths(fx: &Fixture, query: &str, args: &[&str]) -> BTreeSet<String> {
    let output = fx
        .search(query, &[&["--paths"], args].concat())
        .output()
        .expect("run newsdex");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// The facets of `query` with `filters` equal an independent pass over `export` output for
/// the articles `--paths` lists: every count, and every day of the timeline.
fn check_facets_against_export(fx: &Fixture, query: &str, filters: &[&str]) {
    let paths = search_paths(fx, query, filters);
    assert!(!paths.is_empty(), "{query} {filters:?} matches something");
    let lines = json_lines(
        fx,
        "search",
        query,
        &[&["--facets", "--limit", "3"], filters].concat(),
    );
    let (facets, summary) = facets_and_summary(&lines);
    let want = expected(fx, &paths);
    assert!(
        !facets.speakers.is_empty() && !facets.locations.is_empty(),
        "{query} {filters:?}"
    );
    assert!(!facets.countries.is_empty() && !facets.timeline.points.is_empty());
    assert_eq!(summary["total"].as_u64(), Some(want.articles), "{query}");

    let speakers: Vec<(String, u64)> = facets
        .speakers
        .iter()
        .map(|s| (s.id.clone(), s.articles))
        .collect();
    let articles: HashMap<String, u64> = want
        .speakers
        .iter()
        .map(|(k, v)| (k.clone(), v.0))
        .collect();
    check_top("speakers", &speakers, &articles);
    for s in &facets.speakers {
        assert_eq!(s.quotes, want.speakers[&s.id].1, "quotes of {}", s.name);
        assert!(["person", "organisation"].contains(&s.kind.as_str()));
    }
    let locations: Vec<(String, u64)> = facets
        .locations
        .iter()
        .map(|l| (l.name.clone(), l.articles))
        .collect();
    check_top("locations", &locations, &want.locations);
    let countries: Vec<(String, u64)> = facets
        .countries
        .iter()
        .map(|c| (c.code.clone(), c.articles))
        .collect();
    check_top("countries", &countries, &want.countries);

    // The timeline: every dated match in one period, the undated apart.
    let t = &facets.timeline;
    assert_eq!(t.undated, want.undated, "{query}");
    let dated: u64 = t.points.iter().map(|p| p.articles).sum();
    assert_eq!(dated, want.articles - want.undated, "{query}");
    assert_eq!(t.per, None);
    for p in &t.points {
        assert_eq!(p.value, p.articles as f64);
    }
    let first = want.days.keys().next().unwrap();
    let last = want.days.keys().next_back().unwrap();
    assert!(t.points[0].start.as_str() <= first.as_str());
    assert!(t.points.last().unwrap().start.as_str() <= last.as_str());

    // By day, each day's count is the independent one.
    let lines = json_lines(
        fx,
        "search",
        query,
        &[&["--interval", "day", "--limit", "0"], filters].concat(),
    );
    let (facets, _) = facets_and_summary(&lines);
    let days: BTreeMap<String, u64> = facets
        .timeline
        .points
        .iter()
        .filter(|p| p.articles > 0)
        .map(|p| (p.start.clone(), p.articles))
        .collect();
    assert_eq!(days, want.days, "{query} {filters:?}");
}

#[test]
fn facet_counts_equal_an_independent_pass_over_export() {
    let fx = Fixture::seeds_and_wikinews(30).indexed();
    let cases: &[(&str, &[&str])] = &[
        ("said", &[]),
        ("trump", &["--since", "2019-01-15"]),
        ("said", &["--location", "united states"]),
        ("president OR minister", &["--until", "2019-02-01"]),
        ("said", &["--speaker", "trump"]),
        ("said", &["--path", "wikinews"]),
        ("", &["--speaker", "trump", "--since", "2019-01-01"]),
    ];
    for (query, filters) in cases {
        check_facets_against_export(&fx, query, filters);
    }
}

/// Articles removed from the corpus stay in the index's segments, marked deleted, until they
/// are merged away: the facets count the live articles only.
#[test]
fn facets_leave_out_deleted_articles() {
    let fx = Fixture::seeds_and_wikinews(30).indexed();
    let mut names: Vec<_> = std::fs::read_dir(fx.corpus.join("wikinews"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    for gone in names.iter().step_by(3) {
        std::fs::remove_file(gone).unwrap();
    }
    fx.index_cmd().assert().success();
    check_facets_against_export(&fx, "said", &[]);
    check_facets_against_export(&fx, "said", &["--since", "2019-01-15"]);
}

#[test]
fn facet_size_sets_the_entries_of_each_facet() {
    let fx = Fixture::seeds_and_wikinews(30).indexed();
    let (ten, _) = facets_and_summary(&json_lines(&fx, "search", "said", &["--facets"]));
    // --facet-size implies --facets.
    let (three, _) = facets_and_summary(&json_lines(&fx, "search", "said", &["--facet-size", "3"]));
    assert!(ten.locations.len() > 3 && ten.speakers.len() > 3);
    let names = |f: &JsonFacets| -> (Vec<String>, Vec<String>, Vec<String>) {
        (
            f.speakers.iter().map(|s| s.id.clone()).collect(),
            f.locations.iter().map(|l| l.name.clone()).collect(),
            f.countries.iter().map(|c| c.code.clone()).collect(),
        )
    };
    let (s10, l10, c10) = names(&ten);
    let (s3, l3, c3) = names(&three);
    assert_eq!(s3, s10[..3]);
    assert_eq!(l3, l10[..3]);
    assert_eq!(c3, c10[..c10.len().min(3)]);
    assert_eq!(three.timeline.points.len(), ten.timeline.points.len());
    fx.search("said", &["--facet-size", "0"]).assert().code(2);
}

#[test]
fn count_and_paths_print_no_facets() {
    let fx = Fixture::seeds_and_wikinews(30).indexed();
    let lines = json_lines(&fx, "search", "said", &["--count", "--facets"]);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["type"], "summary");
    let count = stdout_of(&[
        "search",
        "said",
        "--index",
        fx.index.to_str().unwrap(),
        "--count",
        "--facets",
    ]);
    assert!(count.trim().parse::<u64>().is_ok(), "{count}");
    let with = search_paths(&fx, "said", &["--facets"]);
    assert_eq!(with, search_paths(&fx, "said", &[]));
    let output = fx
        .search("said", &["--paths", "--facets"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains("when (by") && !text.contains('█'), "{text}");
    // A picture asked for is still drawn.
    let picture = fx.index.parent().unwrap().join("t.svg");
    fx.search(
        "said",
        &["--paths", "--timeline", picture.to_str().unwrap()],
    )
    .assert()
    .success();
    assert!(picture.is_file());
}

#[test]
fn the_timeline_is_continuous_in_the_interval_asked_for() {
    let fx = Fixture::seeds_and_wikinews(30).indexed();
    let (facets, _) =
        facets_and_summary(&json_lines(&fx, "search", "said", &["--interval", "month"]));
    let t = facets.timeline;
    assert_eq!(t.interval, "month");
    let months: Vec<&str> = t.points.iter().map(|p| p.start.as_str()).collect();
    assert!(months.iter().all(|m| m.ends_with("-01")), "{months:?}");
    for pair in months.windows(2) {
        let (y0, m0): (i32, u32) = (
            pair[0][..4].parse().unwrap(),
            pair[0][5..7].parse().unwrap(),
        );
        let (y1, m1): (i32, u32) = (
            pair[1][..4].parse().unwrap(),
            pair[1][5..7].parse().unwrap(),
        );
        assert_eq!(y1 * 12 + m1 as i32, y0 * 12 + m0 as i32 + 1, "{months:?}");
    }
    let (facets, _) =
        facets_and_summary(&json_lines(&fx, "search", "said", &["--interval", "week"]));
    let weeks: Vec<chrono::NaiveDate> = facets
        .timeline
        .points
        .iter()
        .map(|p| p.start.parse().unwrap())
        .collect();
    assert!(weeks.len() > 2);
    for pair in weeks.windows(2) {
        assert_eq!((pair[1] - pair[0]).num_days(), 7);
    }
    assert!(
        weeks
            .iter()
            .all(|w| chrono::Datelike::weekday(w) == chrono::Weekday::Mon)
    );
}

/// Articles in `corpus/news.jsonl`: (id, published, whether it says "harbour").
const TINY: &[(&str, Option<&str>, bool)] = &[
    ("a", Some("2020-02-01"), true),
    ("b", Some("2020-05-01"), false),
    ("c", Some("2020-07-01"), false),
    ("d", Some("2020-12-31"), false),
    ("e", Some("2022-03-01"), true),
    ("f", Some("2022-04-01"), false),
    ("g", None, true),
    ("h", None, false),
];

fn tiny() -> Fixture {
    let fx = Fixture::empty();
    let lines: Vec<String> = TINY
        .iter()
        .map(|(id, published, harbour)| {
            let word = if *harbour { "harbour" } else { "meadow" };
            serde_json::json!({
                "id": id,
                "title": format!("Story {id}"),
                "published": published,
                "body": format!("A story about the {word}."),
            })
            .to_string()
        })
        .collect();
    fx.write("news.jsonl", lines.join("\n") + "\n");
    fx.indexed()
}

#[test]
fn per_divides_by_the_articles_of_the_index_in_each_period() {
    let fx = tiny();
    let lines = json_lines(
        &fx,
        "search",
        "harbour",
        &["--interval", "year", "--per", "100"],
    );
    let (facets, summary) = facets_and_summary(&lines);
    assert_eq!(summary["total"], 3);
    let t = facets.timeline;
    assert_eq!(
        (t.interval.as_str(), t.per, t.undated),
        ("year", Some(100), 1)
    );
    let points: Vec<(&str, u64, f64)> = t
        .points
        .iter()
        .map(|p| (p.start.as_str(), p.articles, p.value))
        .collect();
    // 2020: 1 of 4 articles; 2021: none of none; 2022: 1 of 2.
    assert_eq!(
        points,
        [
            ("2020-01-01", 1, 25.0),
            ("2021-01-01", 0, 0.0),
            ("2022-01-01", 1, 50.0)
        ]
    );
    // Without --per the values are the counts.
    let (facets, _) = facets_and_summary(&json_lines(
        &fx,
        "search",
        "harbour",
        &["--interval", "year"],
    ));
    let values: Vec<f64> = facets.timeline.points.iter().map(|p| p.value).collect();
    assert_eq!(values, [1.0, 0.0, 1.0]);
}

#[test]
fn per_and_interval_imply_facets_and_per_must_be_positive() {
    let fx = tiny();
    let lines = json_lines(&fx, "search", "harbour", &["--per", "10"]);
    facets_and_summary(&lines);
    fx.search("harbour", &["--per", "0"]).assert().code(2);
    fx.search("harbour", &["--interval", "fortnight"])
        .assert()
        .code(2);
    // No facets line unless asked for.
    let lines = json_lines(&fx, "search", "harbour", &[]);
    assert!(lines.iter().all(|l| l["type"] != "facets"));
}

#[test]
fn text_facets_are_bar_charts_under_the_hits() {
    let fx = Fixture::seeds_and_wikinews(30).indexed();
    let output = fx
        .search("said", &["--facets", "--color", "never", "--limit", "2"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "no colour with --color never");
    let who = text.find("\nwho\n").expect("a who section");
    let where_ = text.find("\nwhere\n").expect("a where section");
    let countries = text.find("\ncountries\n").expect("a countries section");
    let when = text.find("\nwhen (by ").expect("a when section");
    assert!(who < where_ && where_ < countries && countries < when);
    assert!(text[..who].contains("  1. "), "hits come first");
    assert!(text.contains('█'));
    assert!(
        text.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("hits 1-2 of")
    );
    let coloured = fx
        .search("said", &["--facets", "--color", "always", "--limit", "1"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(coloured.stdout)
            .unwrap()
            .contains("\u{1b}[32m█")
    );
}

#[test]
fn quotes_facets_count_the_articles_that_may_hold_matching_quotes() {
    let fx = Fixture::seeds_and_wikinews(30).indexed();
    let lines = json_lines(&fx, "quotes", "said", &["--facets", "--limit", "2"]);
    let (facets, summary) = facets_and_summary(&lines);
    let articles = summary["articles"].as_u64().unwrap();
    assert!(articles > 0);
    let dated: u64 = facets.timeline.points.iter().map(|p| p.articles).sum();
    assert_eq!(dated + facets.timeline.undated, articles);
    for s in &facets.speakers {
        assert!(s.articles <= articles);
    }
    // Filters apply: every counted article quotes the speaker asked for.
    let lines = json_lines(&fx, "quotes", "", &["--speaker", "trump", "--facets"]);
    let (facets, summary) = facets_and_summary(&lines);
    let top = &facets.speakers[0];
    assert_eq!(top.name, "Donald Trump");
    assert_eq!(Some(top.articles), summary["articles"].as_u64());
}

#[test]
fn bench_reports_facets_as_a_kind_of_its_own() {
    let fx = Fixture::seeds_and_wikinews(30).indexed();
    let queries = fx.write("../queries.txt", "talks\n\"direct flights\"\nsaid\n");
    let index = fx.index.to_str().unwrap();
    let queries = queries.to_str().unwrap();
    let args = ["bench", "--facets", "--iterations", "2", "--format", "json"];
    let out = stdout_of(&[&args[..], &["--index", index, "--queries", queries]].concat());
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["facets"], true);
    let kinds = report["kinds"].as_array().unwrap();
    let facets = kinds
        .iter()
        .find(|k| k["name"] == "facets")
        .expect("a facets kind");
    assert_eq!(facets["queries"], 3);
    assert_eq!(facets["latency"]["count"], 6);
    // The plain searches are still what `overall` times.
    assert_eq!(report["overall"]["latency"]["count"], 6);
}

#[test]
fn no_match_gives_empty_facets_in_json_and_none_in_text() {
    let fx = tiny();
    let (facets, summary) =
        facets_and_summary(&json_lines(&fx, "search", "volcano", &["--facets"]));
    assert_eq!(summary["total"], 0);
    assert!(facets.speakers.is_empty() && facets.locations.is_empty());
    assert!(facets.timeline.points.is_empty());
    assert_eq!(facets.timeline.undated, 0);
    let output = fx.search("volcano", &["--facets"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains("when (by"), "{text}");
}

#[test]
fn the_timeline_is_drawn_as_a_picture_by_the_file_s_extension() {
    let fx = Fixture::seeds_and_wikinews(30).indexed();
    let dir = fx.index.parent().expect("a temp folder").to_path_buf();
    for name in ["timeline.svg", "timeline.png"] {
        let path = dir.join(name);
        fx.search(
            "people",
            &["--timeline", path.to_str().expect("UTF-8"), "--limit", "1"],
        )
        .assert()
        .success();
        let bytes = std::fs::read(&path).expect("the picture is written");
        if name.ends_with(".svg") {
            let svg = String::from_utf8(bytes).expect("SVG text");
            assert!(
                svg.starts_with("<svg") && svg.contains("people"),
                "{svg:.200}"
            );
        } else {
            assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 2000);
        }
    }
    let bad = dir.join("timeline.jpg");
    fx.search("people", &["--timeline", bad.to_str().expect("UTF-8")])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("timeline.jpg"))
        .stderr(predicates::str::contains(".svg"));
    assert!(!bad.exists());
}
