//! Snapshots of what users read: the text output and the messages of each command, on the
//! bundled seeds and a few Wikinews articles. Temp paths, the repository's path, timings and
//! sizes are filtered out, and colour is off; review a change with `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test` and `git diff`). CI never writes snapshots (`.ci/run`
//! sets `INSTA_UPDATE=no`): a changed output fails there.

use std::sync::OnceLock;

use assert_cmd::Command;

use crate::common::Fixture;

/// One indexed fixture for all the snapshots (they only read it), written by one thread so
/// that equal scores always come in the same order.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let fx = Fixture::seeds_and_wikinews(6);
        fx.index_cmd().args(["--threads", "1"]).assert().success();
        fx
    })
}

/// What a user sees of a run: the exit code, stdout and stderr, with the fixture's temp folder
/// and timings replaced by placeholders.
fn seen(mut cmd: Command) -> String {
    let output = cmd.env("NO_COLOR", "1").output().expect("newsdex runs");
    format!(
        "exit code: {}\n--- stdout\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("none".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Snapshot a run, with the filters every snapshot needs.
macro_rules! snapshot {
    ($name:expr, $cmd:expr) => {{
        let text = seen($cmd);
        let root = fixture()
            .corpus
            .parent()
            .expect("the fixture has a folder")
            .display()
            .to_string();
        let mut settings = insta::Settings::clone_current();
        settings.add_filter(&regex::escape(&root), "[TEMP]");
        settings.add_filter(&regex::escape(env!("CARGO_MANIFEST_DIR")), "[REPO]");
        settings.add_filter(r"\d+(\.\d+)? ?(ms|µs|s)\b", "[ELAPSED]");
        // Segments depend on how many threads wrote the index.
        settings.add_filter(r"segments +\d+", "segments   [N]");
        settings.add_filter(r"\d+(\.\d+)? (MB|kB|KB|KiB|MiB)(/s)?", "[SIZE]");
        settings.bind(|| insta::assert_snapshot!($name, text));
    }};
}

#[test]
fn search_hits() {
    let fx = fixture();
    snapshot!(
        "search_hits",
        fx.search("\"direct flights\"", &["--limit", "2", "--color", "never"])
    );
}

#[test]
fn search_with_an_apostrophe_and_accents() {
    let fx = fixture();
    snapshot!(
        "search_apostrophe",
        fx.search("Russia's talks", &["--limit", "1", "--color", "never"])
    );
    snapshot!(
        "search_speaker_folded",
        fx.search(
            "",
            &[
                "--speaker",
                "DARCHIEV",
                "--fragments",
                "0",
                "--color",
                "never"
            ]
        )
    );
}

#[test]
fn query_errors() {
    let fx = fixture();
    snapshot!("error_unclosed_quote", fx.search("\"direct flights", &[]));
    snapshot!("error_unclosed_parenthesis", fx.search("(talks OR", &[]));
    snapshot!("error_closing_parenthesis", fx.search("talks :)", &[]));
    snapshot!("error_punctuation_alone", fx.search("&", &[]));
    snapshot!("error_unknown_field", fx.search("author:smith", &[]));
}

#[test]
fn quotes_of_a_speaker() {
    let fx = fixture();
    snapshot!(
        "quotes_ushakov",
        fx.query_cmd("quotes", "", &["--speaker", "ushakov", "--color", "never"])
    );
}

#[test]
fn stats_of_the_fixture() {
    let fx = fixture();
    let mut cmd = crate::common::newsdex();
    cmd.arg("stats").arg("--index").arg(&fx.index);
    snapshot!("stats", cmd);
}

#[test]
fn extract_of_a_seed() {
    let mut cmd = crate::common::newsdex();
    cmd.arg("extract")
        .arg(crate::common::bundled_corpus().join("seeds/000_29dcbb1e78569601.txt"));
    snapshot!("extract_seed_000", cmd);
}

#[test]
fn speakers_of_the_fixture() {
    let fx = fixture();
    snapshot!(
        "speakers_all",
        fx.query_cmd("speakers", "", &["--limit", "8", "--color", "never"])
    );
    snapshot!(
        "speakers_on_talks",
        fx.query_cmd(
            "speakers",
            "talks",
            &["--kind", "person", "--color", "never"]
        )
    );
}

#[test]
fn nothing_found() {
    let fx = fixture();
    snapshot!(
        "search_nothing_found",
        fx.search("zzyzx", &["--color", "never"])
    );
}

#[test]
fn option_errors() {
    let fx = fixture();
    snapshot!(
        "error_bad_date",
        fx.search("talks", &["--since", "2024-13"])
    );
    snapshot!(
        "error_reversed_period",
        fx.search("talks", &["--since", "2025", "--until", "2024"])
    );
    snapshot!(
        "error_bad_mentions",
        fx.search("talks", &["--mentions", "2025-02-30"])
    );
    snapshot!(
        "error_bad_recency",
        fx.search("talks", &["--recency", "3x"])
    );
    snapshot!(
        "error_quotes_without_words",
        fx.query_cmd("quotes", "", &[])
    );
    snapshot!(
        "error_unknown_option",
        fx.search("talks", &["--colour", "never"])
    );
}

#[test]
fn file_errors() {
    let fx = fixture();
    let root = fx.corpus.parent().expect("the fixture has a folder");
    let mut cmd = crate::common::newsdex();
    cmd.arg("stats").arg("--index").arg(root.join("nowhere"));
    snapshot!("error_missing_index", cmd);
    snapshot!(
        "error_unknown_article",
        fx.query_cmd("show", "seeds/no_such_article.txt", &[])
    );
    let mut cmd = crate::common::newsdex();
    cmd.arg("extract").arg(root.join("no_such_file.txt"));
    snapshot!("error_extract_missing_file", cmd);
}

#[test]
fn bench_query_file_errors() {
    let fx = fixture();
    let root = fx.corpus.parent().expect("the fixture has a folder");
    let bench = |name: &str, text: &str| {
        let queries = root.join(name);
        std::fs::write(&queries, text).expect("write the query file");
        let mut cmd = crate::common::newsdex();
        cmd.arg("bench")
            .arg("--index")
            .arg(&fx.index)
            .arg("--queries")
            .arg(queries);
        cmd
    };
    snapshot!(
        "error_bench_bad_date",
        bench("bad-date.txt", "oil\nx --since 2025-13\n")
    );
    snapshot!(
        "error_bench_unknown_option",
        bench("unknown-option.txt", "oil\nx --colour red\n")
    );
}

#[test]
fn show_an_article() {
    let fx = fixture();
    snapshot!(
        "show_seed_000",
        fx.query_cmd(
            "show",
            "seeds/000_29dcbb1e78569601.txt",
            &["--color", "never"]
        )
    );
}
