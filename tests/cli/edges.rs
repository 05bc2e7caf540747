//! Numbers at the edges: every numeric option of every command, at 0, 1, u64::MAX, a negative
//! number and a word, gives a result or a one-line error naming the option (exit 2), never a
//! panic; and a memory budget the threads cannot share is refused before an index is written.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;

use newsdex::index::build::{self, BuildOptions, Silent};

use crate::common::{Fixture, newsdex};

/// The values every numeric option is tried with.
const VALUES: [&str; 5] = ["0", "1", "18446744073709551615", "-1", "ten"];

/// An index shared by the read-only commands (built once per test binary), and a small query
/// set for `bench`.
struct Shared {
    fx: Fixture,
    queries: PathBuf,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fx = Fixture::seeds_and_wikinews(10).indexed();
        let queries = fx.index.with_file_name("queries.txt");
        std::fs::write(
            &queries,
            "flights\n\"direct flights\" --since 2019\ntalks --speaker ushakov\n",
        )
        .unwrap();
        Shared { fx, queries }
    })
}

/// Where a command finds the index and the corpus.
#[derive(Clone, Copy)]
enum Place {
    /// `--index` and `--corpus`.
    Both,
    /// `--index` only.
    Index,
    /// `--corpus` only.
    Corpus,
}

/// Run `newsdex ARGS OPTION VALUE` on the fixture, and check what it says.
fn check(fx: &Fixture, args: &[&str], place: Place, option: &str, value: &str) {
    let mut cmd = newsdex();
    cmd.args(args).arg(option).arg(value);
    match place {
        Place::Both => cmd
            .arg("--index")
            .arg(&fx.index)
            .arg("--corpus")
            .arg(&fx.corpus),
        Place::Index => cmd.arg("--index").arg(&fx.index),
        Place::Corpus => cmd.arg("--corpus").arg(&fx.corpus),
    };
    let output = cmd
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run newsdex");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let case = format!("{args:?} {option} {value}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{case}: {stderr}"
    );
    match output.status.code() {
        Some(0 | 1) => assert!(!stderr.contains("error"), "{case}: {stderr}"),
        Some(2) => {
            // newsdex's own errors: the error and at most a hint; clap's: one `error:` line
            // (then its usage).
            let first = stderr.lines().next().unwrap_or_default();
            assert!(
                first.starts_with("newsdex: error: ") || first.starts_with("error: "),
                "{case}: {stderr}"
            );
            assert!(
                first.contains(option),
                "{case}: the error names the option: {stderr}"
            );
            let errors = stderr.lines().filter(|l| l.contains("error")).count();
            assert_eq!(errors, 1, "{case}: {stderr}");
            if first.starts_with("newsdex: error: ") {
                assert!(stderr.lines().count() <= 2, "{case}: {stderr}");
            }
        }
        other => panic!("{case}: exit {other:?}: {stderr}"),
    }
}

/// Every option of `options` at every value of [`VALUES`].
fn table(fx: &Fixture, args: &[&str], place: Place, options: &[&str]) {
    for option in options {
        for value in VALUES {
            check(fx, args, place, option, value);
        }
    }
}

/// Options of the commands that build a missing index first (unused here: the index exists).
const BUILD: [&str; 2] = ["--threads", "--memory-mb"];
/// Options of the facets, as `search` and `quotes` take them.
const FACETS: [&str; 2] = ["--per", "--facet-size"];

#[test]
fn search_takes_any_number() {
    let fx = &shared().fx;
    let own = [
        "--limit",
        "--offset",
        "--snippet-chars",
        "--fragments",
        "--exact-stories",
    ];
    table(fx, &["search", "flights"], Place::Both, &own);
    table(fx, &["search", "flights"], Place::Both, &FACETS);
    table(fx, &["search", "flights"], Place::Both, &BUILD);
    for args in [
        &["search", "flights", "--paths"][..],
        &["search", "flights", "--articles", "--sort", "newest"],
        &["search", "flights", "--versions", "--format", "json"],
        &["search", "flights", "--count-by", "stories"],
    ] {
        table(fx, args, Place::Both, &["--limit", "--offset"]);
    }
}

#[test]
fn quotes_take_any_number() {
    let fx = &shared().fx;
    table(
        fx,
        &["quotes", "talks"],
        Place::Both,
        &["--limit", "--offset"],
    );
    table(fx, &["quotes", "talks"], Place::Both, &FACETS);
    table(fx, &["quotes", "talks"], Place::Both, &BUILD);
    let by_speaker = ["quotes", "", "--speaker", "ushakov", "--format", "json"];
    table(fx, &by_speaker, Place::Both, &["--limit", "--offset"]);
}

#[test]
fn speakers_show_stats_bench_and_export_take_any_number() {
    let Shared { fx, queries } = shared();
    table(fx, &["speakers"], Place::Both, &["--limit", "--offset"]);
    table(
        fx,
        &["speakers", "flights"],
        Place::Both,
        &["--limit", "--offset"],
    );
    table(fx, &["speakers"], Place::Both, &BUILD);
    table(fx, &["show", "seeds/none.txt"], Place::Both, &BUILD);
    table(fx, &["stats"], Place::Index, &["--top"]);
    table(
        fx,
        &["stats", "--count-by", "stories"],
        Place::Index,
        &["--top"],
    );
    let queries = queries.to_str().unwrap();
    let bench = ["bench", "--queries", queries];
    table(fx, &bench, Place::Index, &["--limit", "--warmup"]);
    table(
        fx,
        &[&bench[..], &["--iterations", "1"]].concat(),
        Place::Index,
        &["--warmup"],
    );
    table(
        fx,
        &[&bench[..], &["--warmup", "0"]].concat(),
        Place::Index,
        &["--iterations"],
    );
    let speakers = [&bench[..], &["--speakers", "--iterations", "1"]].concat();
    table(fx, &speakers, Place::Index, &["--limit"]);
    let facets = [&bench[..], &["--facets", "--iterations", "1"]].concat();
    table(fx, &facets, Place::Index, &["--limit"]);
    table(fx, &["export", "--quiet"], Place::Corpus, &["--threads"]);
}

#[test]
fn index_takes_any_number() {
    // Its own index: `index` writes.
    let fx = Fixture::seeds_and_wikinews(2).indexed();
    let options = ["--threads", "--memory-mb", "--commit-mb"];
    table(&fx, &["index", "--quiet"], Place::Both, &options);
    table(
        &fx,
        &["index", "--quiet", "--threads", "1"],
        Place::Both,
        &["--memory-mb"],
    );
    table(
        &fx,
        &["index", "--quiet", "--memory-mb", "64"],
        Place::Both,
        &["--threads"],
    );
    // Whatever was refused, the index still answers.
    fx.search("flights", &[]).assert().success();
}

/// The result lines of a JSON answer (the summary left out: it holds the time taken).
fn results(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON lines"))
        .filter(|v| v["type"] != "summary")
        .collect()
}

#[test]
fn the_largest_limit_gives_every_result_and_the_largest_offset_none() {
    let fx = &shared().fx;
    let max = "18446744073709551615";
    for command in [
        &["quotes", "talks"][..],
        &["speakers", ""],
        &["search", "flights"],
    ] {
        let all = fx
            .query_cmd(
                command[0],
                command[1],
                &["--limit", "1000", "--format", "json"],
            )
            .output()
            .unwrap();
        assert!(!results(&all.stdout).is_empty(), "{command:?}");
        let huge = fx
            .query_cmd(
                command[0],
                command[1],
                &["--limit", max, "--format", "json"],
            )
            .assert()
            .code(0)
            .get_output()
            .clone();
        assert_eq!(results(&huge.stdout), results(&all.stdout), "{command:?}");
        for format in ["json", "text"] {
            fx.query_cmd(
                command[0],
                command[1],
                &["--offset", max, "--format", format],
            )
            .assert()
            .code(1)
            .stderr("");
        }
    }
}

/// `newsdex index` on `corpus` into `index`, with extra arguments.
fn index_cmd(corpus: &Path, index: &Path, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = newsdex();
    cmd.arg("index")
        .arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .arg("--quiet")
        .args(args);
    cmd
}

#[test]
fn a_budget_the_threads_cannot_share_is_refused_before_anything_is_written() {
    let fx = Fixture::seeds_and_wikinews(2);
    let message = "newsdex: error: --memory-mb 100000: with 2 indexing threads the budget must \
                   be 43 to 11450 MB\n";
    let output = index_cmd(
        &fx.corpus,
        &fx.index,
        &["--threads", "2", "--memory-mb", "100000"],
    )
    .assert()
    .code(2)
    .get_output()
    .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with(message), "{stderr}");
    assert!(!fx.index.exists(), "no index folder is left behind");
    // The index is missing, not empty: a search says so rather than "no hits".
    newsdex()
        .args(["search", "flights", "--index"])
        .arg(&fx.index)
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with("newsdex: error: no index at"));
    // `search` that would build the missing index refuses the budget before it says it builds.
    let output = fx
        .search("flights", &["--threads", "1", "--memory-mb", "6000"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("newsdex: error: --memory-mb 6000: with 1 indexing thread the budget must be 22 to 5725 MB"),
        "{stderr}"
    );
    assert!(!fx.index.exists());
    // Too little is refused the same way; an empty folder given for the index stays empty.
    std::fs::create_dir(&fx.index).unwrap();
    index_cmd(
        &fx.corpus,
        &fx.index,
        &["--threads", "4", "--memory-mb", "85"],
    )
    .assert()
    .code(2)
    .stderr(predicates::str::contains("must be 86 to 22901 MB"));
    assert_eq!(std::fs::read_dir(&fx.index).unwrap().count(), 0);
    // The ends of the range are taken.
    index_cmd(
        &fx.corpus,
        &fx.index,
        &["--threads", "1", "--memory-mb", "22"],
    )
    .assert()
    .success();
    index_cmd(
        &fx.corpus,
        &fx.index,
        &["--threads", "1", "--memory-mb", "5725", "--rebuild"],
    )
    .assert()
    .success();
    fx.search("flights", &[]).assert().success();
}

#[test]
fn a_first_build_that_stops_before_any_article_leaves_no_index() {
    let fx = Fixture::seeds_and_wikinews(2);
    let options = BuildOptions {
        threads: 1,
        memory_mb: 64,
        ..BuildOptions::new(&fx.corpus, &fx.index)
    };
    let stopped = AtomicBool::new(true);
    let report = build::build_until(&options, &Silent, &stopped).expect("a stopped build");
    assert!(report.interrupted);
    assert_eq!(report.articles, 0);
    assert!(!fx.index.exists(), "the empty index is removed again");
    // An index that holds articles is kept, whatever happens to a later run.
    let built = build::build(&options, &Silent).expect("a build");
    assert!(built.articles > 0);
    let report = build::build_until(&options, &Silent, &stopped).expect("a stopped build");
    assert_eq!(report.articles, built.articles);
    assert!(fx.index.join("meta.json").is_file());
    fx.search("flights", &[]).assert().success();
}
