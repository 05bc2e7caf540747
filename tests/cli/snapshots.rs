//! Snapshots of what users read: the text output and the messages of each command, on the
//! bundled seeds and a few Wikinews articles. Temp paths and timings are filtered out; review
//! a change with `cargo insta review` (or `INSTA_UPDATE=always cargo test` and `git diff`).

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
        settings.add_filter(&regex_escape(&root), "[TEMP]");
        settings.add_filter(&regex_escape(env!("CARGO_MANIFEST_DIR")), "[REPO]");
        settings.add_filter(r"\d+(\.\d+)? ?(ms|µs|s)\b", "[ELAPSED]");
        // Segments depend on how many threads wrote the index.
        settings.add_filter(r"segments +\d+", "segments   [N]");
        settings.add_filter(r"\d+(\.\d+)? (MB|kB|KB|KiB|MiB)(/s)?", "[SIZE]");
        settings.bind(|| insta::assert_snapshot!($name, text));
    }};
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$#&-~".contains(c);
            special.then_some('\\').into_iter().chain([c])
        })
        .collect()
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
