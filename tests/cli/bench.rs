//! `newsdex bench`: the report's shape and consistency on a real index.

use crate::common::{Fixture, newsdex};
use predicates::prelude::*;

/// The JSON report of `newsdex bench ARGS --format json` over `queries` on the fixture's index;
/// the run must succeed.
fn bench_json(fx: &Fixture, queries: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let output = newsdex()
        .arg("bench")
        .args(args)
        .args(["--format", "json", "--index"])
        .arg(&fx.index)
        .arg("--queries")
        .arg(queries)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn bench_reports_every_kind_with_ordered_percentiles() {
    let fx = Fixture::seeds_and_wikinews(30).indexed();
    let queries = fx.write(
        "../queries.txt",
        "# kinds\nflights\ndirect flights\n\"direct flights\"\ntalks --since 2019\n",
    );
    let report = bench_json(&fx, &queries, &["--iterations", "3"]);
    assert_eq!(report["overall"]["latency"]["count"], 12);
    assert_eq!(report["cold"]["latency"]["count"], 4);
    let kinds: Vec<&str> = report["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["terms", "and", "phrase", "filtered"]);
    for group in report["kinds"].as_array().unwrap() {
        let l = &group["latency"];
        let f = |k: &str| l[k].as_f64().unwrap();
        assert_eq!(l["count"], 3);
        assert!(f("min_ms") <= f("p50_ms") && f("p50_ms") <= f("p90_ms"));
        assert!(f("p90_ms") <= f("p99_ms") && f("p99_ms") <= f("max_ms"));
        assert!(f("qps") > 0.0);
    }
    assert_eq!(report["index"]["docs"], 32);
}

/// `bench` on an index of one article with a query file holding `lines`.
fn bench_with_queries(lines: &str) -> assert_cmd::assert::Assert {
    let fx = Fixture::seeds_and_wikinews(1).indexed();
    let queries = fx.write("../queries.txt", lines);
    newsdex()
        .args(["bench", "--index"])
        .arg(&fx.index)
        .arg("--queries")
        .arg(&queries)
        .assert()
}

#[test]
fn a_bad_query_file_names_the_line() {
    bench_with_queries("oil\nx --since 2025-13\n")
        .code(2)
        .stderr(predicate::str::contains("queries.txt:2"));
}

#[test]
fn an_unknown_option_in_a_query_file_gets_the_options_as_hint_not_the_date_forms() {
    bench_with_queries("oil\nx --colour red\n")
        .code(2)
        .stderr(predicate::str::contains(
            "queries.txt:2\": unknown option --colour",
        ))
        .stderr(predicate::str::contains(
            "hint: a query line takes --speaker",
        ))
        .stderr(predicate::str::contains("YYYY").not());
}

#[test]
fn bench_times_speakers_on_request() {
    let fx = Fixture::seeds_and_wikinews(30).indexed();
    let queries = fx.write("../queries.txt", "talks\n\"direct flights\"\n");
    let report = bench_json(&fx, &queries, &["--speakers", "--iterations", "2"]);
    assert_eq!(report["speakers"], true);
    assert_eq!(report["overall"]["latency"]["count"], 4);
    assert!(report["overall"]["split"]["search_ms"].as_f64().unwrap() > 0.0);
    assert_eq!(
        report["overall"]["split"]["snippets_ms"].as_f64(),
        Some(0.0)
    );
}

#[test]
fn bench_facets_reports_what_they_add_to_each_query() {
    let fx = Fixture::seeds_and_wikinews(30).indexed();
    let queries = fx.write("../queries.txt", "talks\nflights --since 2019\n");
    let report = bench_json(&fx, &queries, &["--facets", "--iterations", "3"]);
    assert_eq!(report["facets"], true);
    let costs = report["facet_costs"].as_array().unwrap();
    let lines: Vec<&str> = costs.iter().map(|c| c["query"].as_str().unwrap()).collect();
    assert_eq!(lines, ["talks", "flights --since 2019"]);
    let docs = report["index"]["docs"].as_f64().unwrap();
    for c in costs {
        let f = |k: &str| c[k].as_f64().unwrap();
        assert_eq!(c["without"]["count"], 3);
        assert_eq!(c["with"]["count"], 3);
        assert!(f("matches") > 0.0, "{c}");
        assert!((f("share") - f("matches") / docs).abs() < 1e-9);
        let added =
            c["with"]["p50_ms"].as_f64().unwrap() - c["without"]["p50_ms"].as_f64().unwrap();
        assert!((f("added_p50_ms") - added).abs() < 1e-9);
    }
    // Without --facets, no such list.
    let report = bench_json(&fx, &queries, &["--iterations", "1"]);
    assert_eq!(report["facet_costs"].as_array().map(Vec::len), Some(0));
}

#[test]
fn bench_facets_text_shows_the_added_latency() {
    let fx = Fixture::seeds_and_wikinews(10).indexed();
    let queries = fx.write("../queries.txt", "talks\n");
    newsdex()
        .args(["bench", "--facets", "--iterations", "2", "--index"])
        .arg(&fx.index)
        .arg("--queries")
        .arg(&queries)
        .assert()
        .success()
        .stdout(predicate::str::contains("what facets add"))
        .stdout(predicate::str::contains("added p50"));
}
