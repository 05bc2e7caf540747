//! Counting and listing matches (`search --count`, `search --paths`), keeping one folder
//! (`--path`, `path:` prefixes), and `quotes --location`.

use crate::common::{Fixture, paths};
use predicates::prelude::*;

const SEED_000: &str = "seeds/000_29dcbb1e78569601.txt";
const SEED_004: &str = "seeds/004_a601677b5c772689.txt";

fn stdout(cmd: &mut assert_cmd::Command, code: i32) -> String {
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(code), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn count_prints_the_number_of_matches_alone() {
    let fx = Fixture::seeds_and_wikinews(20).indexed();
    let (_, summary) = fx.search_json("Russia", &[]);
    let total = summary["total"].as_u64().unwrap();
    assert!(total > 2, "{summary}");
    assert_eq!(
        stdout(&mut fx.search("Russia", &["--count"]), 0),
        format!("{total}\n")
    );
    assert_eq!(
        stdout(&mut fx.search("\"direct flights\"", &["--count"]), 0),
        "2\n"
    );
    assert_eq!(
        stdout(&mut fx.search("quetzalcoatlus", &["--count"]), 1),
        "0\n"
    );
}

#[test]
fn count_in_json_is_the_summary_line_alone() {
    let fx = Fixture::seeds_and_wikinews(5).indexed();
    for (query, total, code) in [("\"direct flights\"", 2, 0), ("quetzalcoatlus", 0, 1)] {
        let out = stdout(
            &mut fx.search(query, &["--count", "--format", "json"]),
            code,
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 1, "{out}");
        let summary: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(summary["type"], "summary");
        assert_eq!(summary["query"], query);
        assert_eq!(summary["total"], total);
        assert_eq!(summary["returned"], 0);
    }
}

#[test]
fn paths_lists_every_match_in_rank_order_unless_limited() {
    let fx = Fixture::seeds_and_wikinews(20).indexed();
    let (hits, summary) = fx.search_json("the OR a", &["--limit", "1000"]);
    let ranked = paths(&hits);
    assert!(ranked.len() > 10, "more than a page: {summary}");
    let listed = stdout(&mut fx.search("the OR a", &["--paths"]), 0);
    assert_eq!(listed.lines().collect::<Vec<_>>(), ranked);
    let first3 = stdout(&mut fx.search("the OR a", &["--paths", "--limit", "3"]), 0);
    assert_eq!(first3.lines().collect::<Vec<_>>(), ranked[..3]);
    let paged = stdout(
        &mut fx.search("the OR a", &["--paths", "--limit", "2", "--offset", "1"]),
        0,
    );
    assert_eq!(paged.lines().collect::<Vec<_>>(), ranked[1..3]);
    assert_eq!(
        stdout(&mut fx.search("quetzalcoatlus", &["--paths"]), 1),
        ""
    );
}

#[test]
fn paths_names_a_file_of_several_matches_once() {
    let fx = Fixture::empty();
    fx.write(
        "feed.jsonl",
        "{\"body\": \"Harbour strike in Rotterdam.\"}\n{\"body\": \"Second harbour strike.\"}\n",
    );
    fx.write("other.txt", "A harbour elsewhere.\n");
    let fx = fx.indexed();
    let listed = stdout(&mut fx.search("harbour", &["--paths"]), 0);
    let mut lines: Vec<&str> = listed.lines().collect();
    lines.sort_unstable();
    assert_eq!(lines, ["feed.jsonl", "other.txt"]);
}

#[test]
fn paths_and_count_refuse_what_they_cannot_print() {
    let fx = Fixture::seeds_and_wikinews(0).indexed();
    fx.search("flights", &["--paths", "--format", "json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--format"));
    fx.search("flights", &["--paths", "--count"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

/// A corpus with folders whose names start alike.
fn folders() -> Fixture {
    let fx = Fixture::seeds_and_wikinews(3);
    fx.write(
        "sport/a.txt",
        "Cup final\n\nThe harbour team won the cup.\n",
    );
    fx.write("sport/inner/b.txt", "League\n\nThe harbour team lost.\n");
    fx.write("sports-extra/c.txt", "Extra\n\nA harbour regatta.\n");
    fx.write("sport.txt", "Loose\n\nA harbour note.\n");
    fx.indexed()
}

fn sorted_paths(fx: &Fixture, query: &str, args: &[&str]) -> Vec<String> {
    let (hits, _) = fx.search_json(query, &[&["--limit", "100"], args].concat());
    let mut found = paths(&hits);
    found.sort();
    found
}

#[test]
fn path_keeps_the_articles_under_a_folder() {
    let fx = folders();
    for folder in ["sport", "sport/", "./sport"] {
        assert_eq!(
            sorted_paths(&fx, "harbour", &["--path", folder]),
            ["sport/a.txt", "sport/inner/b.txt"],
            "--path {folder}"
        );
    }
    assert_eq!(
        sorted_paths(&fx, "", &["--path", "sport/inner"]),
        ["sport/inner/b.txt"]
    );
    assert_eq!(
        sorted_paths(&fx, "", &["--path", "sport.txt"]),
        ["sport.txt"]
    );
    // Ending with `*`, a plain prefix.
    assert_eq!(
        sorted_paths(&fx, "harbour", &["--path", "sport*"]),
        [
            "sport.txt",
            "sport/a.txt",
            "sport/inner/b.txt",
            "sports-extra/c.txt"
        ]
    );
    assert_eq!(
        sorted_paths(&fx, "", &["--path", "seeds"]),
        [SEED_000, SEED_004]
    );
    // Nothing there: exit 1.
    fx.search("harbour", &["--path", "spor"]).assert().code(1);
    // Text output and the other filters.
    fx.search("harbour", &["--path", "sport/inner", "--color", "never"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("sport/inner/b.txt")
                .and(predicate::str::contains("sport/a.txt").not()),
        );
    assert_eq!(
        sorted_paths(
            &fx,
            "Istanbul",
            &["--path", "seeds", "--location", "Tehran"]
        ),
        [SEED_004]
    );
}

#[test]
fn path_prefixes_work_in_the_query() {
    let fx = folders();
    assert_eq!(
        sorted_paths(&fx, "path:sport/*", &[]),
        ["sport/a.txt", "sport/inner/b.txt"]
    );
    assert_eq!(
        sorted_paths(&fx, "harbour path:sport*", &[]),
        [
            "sport.txt",
            "sport/a.txt",
            "sport/inner/b.txt",
            "sports-extra/c.txt"
        ]
    );
    assert_eq!(
        sorted_paths(&fx, "harbour -path:sport*", &[]),
        Vec::<String>::new()
    );
    assert_eq!(
        sorted_paths(&fx, r#"path:"sport/inner"*"#, &[]),
        ["sport/inner/b.txt"]
    );
    assert_eq!(
        sorted_paths(&fx, "flights path:seeds/00*", &[]),
        [SEED_000, SEED_004]
    );
    // An id is also looked for in the path, prefixes included.
    assert_eq!(sorted_paths(&fx, "id:seeds/004*", &[]), [SEED_004]);
    // Exact paths still work, and a prefix is no phrase: nothing else needed.
    assert_eq!(sorted_paths(&fx, "path:sport.txt", &[]), ["sport.txt"]);
    fx.search("path:sport/*", &["--count"])
        .assert()
        .success()
        .stdout("2\n");
    fx.search("path:nowhere/*", &["--count"])
        .assert()
        .code(1)
        .stdout("0\n");
}

#[test]
fn quotes_keep_a_folder_and_a_place() {
    let fx = Fixture::seeds_and_wikinews(20).indexed();
    let quote_paths = |args: &[&str]| -> Vec<String> {
        let out = stdout(
            &mut fx.query_cmd(
                "quotes",
                "talks",
                &[&["--format", "json", "--limit", "50"], args].concat(),
            ),
            0,
        );
        let mut lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        lines.pop();
        let mut found: Vec<String> = lines
            .iter()
            .map(|q| q["path"].as_str().unwrap().to_string())
            .collect();
        found.sort();
        found.dedup();
        found
    };
    let all = quote_paths(&[]);
    assert!(
        all.iter().any(|p| p == SEED_000) && all.iter().any(|p| p == SEED_004),
        "{all:?}"
    );
    assert_eq!(quote_paths(&["--location", "Tehran"]), [SEED_004]);
    assert_eq!(
        quote_paths(&["--path", "seeds", "--location", "tehran"]),
        [SEED_004]
    );
    assert!(
        quote_paths(&["--path", "seeds"])
            .iter()
            .all(|p| p.starts_with("seeds/"))
    );
    // In the query too; an excluded folder leaves out its articles, not every quote.
    let quotes_in = |query: &str| -> Vec<String> {
        let out = stdout(
            &mut fx.query_cmd("quotes", query, &["--format", "json", "--limit", "50"]),
            0,
        );
        let mut found: Vec<String> = out
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|q| q["path"].as_str().map(str::to_string))
            .collect();
        found.sort();
        found.dedup();
        found
    };
    assert_eq!(quotes_in("talks path:seeds/*"), [SEED_000, SEED_004]);
    let elsewhere = quotes_in("talks -path:seeds/*");
    assert!(!elsewhere.is_empty(), "other articles' quotes stay");
    assert!(
        elsewhere.iter().all(|p| !p.starts_with("seeds/")),
        "{elsewhere:?}"
    );
    assert_eq!(elsewhere.len() + 2, all.len(), "{elsewhere:?} {all:?}");
    // Text output, and nothing found with a place no article names.
    fx.query_cmd(
        "quotes",
        "talks",
        &["--location", "Tehran", "--color", "never"],
    )
    .assert()
    .success()
    .stdout(predicate::str::contains(SEED_004).and(predicate::str::contains(SEED_000).not()));
    fx.query_cmd("quotes", "talks", &["--location", "Atlantis"])
        .assert()
        .code(1);
}

#[test]
fn export_keeps_a_folder_from_the_index_and_from_the_corpus() {
    let fx = Fixture::seeds_and_wikinews(3).indexed();
    for source in ["--index", "--corpus"] {
        let dir = if source == "--index" {
            &fx.index
        } else {
            &fx.corpus
        };
        let output = crate::common::newsdex()
            .args(["export", "--path", "seeds/", source])
            .arg(dir)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let mut exported: Vec<String> = String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let record: serde_json::Value = serde_json::from_str(l).unwrap();
                record["path"].as_str().unwrap().to_string()
            })
            .collect();
        exported.sort();
        assert_eq!(exported, [SEED_000, SEED_004], "{source}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.contains("exported 2 articles (3 outside --path)"),
            "{stderr}"
        );
    }
    crate::common::newsdex()
        .args(["export", "--quickwit-config", "--path", "seeds"])
        .assert()
        .code(2);
}
