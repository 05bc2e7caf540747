//! What newsdex says besides its results: warnings about the files asked for only, the manual
//! page and `--help` with examples, exit status and query syntax.

use predicates::prelude::*;

use crate::common::{Fixture, newsdex, stdout_of};

#[test]
fn extract_of_one_file_warns_about_that_file_only() {
    // The folder's metadata.jsonl lists 295 files; only 2 are there.
    let fx = Fixture::seeds_and_wikinews(2);
    let folder = fx.corpus.join("wikinews");
    let file = folder.join("0001-magnitogorsk-apartment-building-collapses-after-explosion-do.txt");
    newsdex()
        .arg("extract")
        .arg(&file)
        .args(["--format", "json"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty())
        // The file still gets its entry of metadata.jsonl.
        .stdout(predicate::str::contains(
            "\"title\":\"Magnitogorsk apartment building collapses after explosion, dozens dead\"",
        ));
    // The whole folder is another matter: its listing names files that are not there.
    newsdex()
        .arg("extract")
        .arg(&folder)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "metadata.jsonl: lists 291 file(s) that are not in the corpus",
        ));
}

#[test]
fn piped_snippets_and_quotes_stay_on_one_line() {
    let fx = Fixture::seeds_and_wikinews(2).indexed();
    let long_line = |stdout: &[u8]| {
        String::from_utf8_lossy(stdout)
            .lines()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
    };
    let search = fx
        .search("direct flights", &["--limit", "1"])
        .output()
        .expect("run newsdex search");
    assert!(long_line(&search.stdout) > 200, "{search:?}");
    let quotes = fx
        .query_cmd("quotes", "process", &["--limit", "1"])
        .env("COLUMNS", "40")
        .output()
        .expect("run newsdex quotes");
    assert!(quotes.status.success(), "{quotes:?}");
    assert!(long_line(&quotes.stdout) > 40, "{quotes:?}");
}

#[test]
fn the_man_page_has_examples_query_syntax_and_exit_status() {
    let page = stdout_of(&["man"]);
    let sections: Vec<&str> = page.lines().filter(|l| l.starts_with(".SH")).collect();
    for wanted in [
        ".SH EXAMPLES",
        ".SH \"QUERY SYNTAX\"",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(sections.contains(&wanted), "{wanted} in {sections:?}");
    }
    // The exit codes, the fields and the folding rules are spelt out (roff escapes `-`).
    for text in [
        "130",
        "interrupted",
        "country, path, url, id",
        "Erdoğan",
        "O\\*(AqBrien",
    ] {
        assert!(page.contains(text), "the man page lacks {text:?}");
    }
    // The pages of search and quotes carry their own examples.
    let fx = Fixture::empty();
    let dir = fx.corpus.join("man");
    newsdex()
        .arg("man")
        .arg("--dir")
        .arg(&dir)
        .assert()
        .success();
    for name in ["search", "quotes"] {
        let text = std::fs::read_to_string(dir.join(format!("newsdex-{name}.1")))
            .unwrap_or_else(|e| panic!("newsdex-{name}.1: {e}"));
        assert!(text.contains(".SH EXAMPLES"), "newsdex-{name}.1");
        assert!(
            text.contains(&format!("newsdex {name} ")),
            "newsdex-{name}.1"
        );
        assert!(text.contains(".SH \"EXIT STATUS\""), "newsdex-{name}.1");
    }
}

/// `newsdex ARGS` on a wide screen (clap wraps help to `COLUMNS`), asserting success: stdout.
fn help(args: &[&str]) -> String {
    let output = newsdex()
        .args(args)
        .env("COLUMNS", "200")
        .output()
        .expect("run newsdex");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8 help")
}

#[test]
fn help_shows_examples_and_long_help_the_query_syntax_and_exit_status() {
    let short = help(&["search", "-h"]);
    assert!(
        short.contains("Examples:\n  newsdex search 'direct flights'\n"),
        "{short}"
    );
    assert!(short.contains("newsdex search --help"), "{short}");
    let long = help(&["search", "--help"]);
    for text in [
        "Examples:\n  newsdex search 'direct flights'",
        "Query syntax:",
        "\"direct flights\"~2",
        "fields: title, body, speaker, location,",
        "Exit status:\n  0    results found",
        "130  interrupted",
    ] {
        assert!(long.contains(text), "search --help lacks {text:?}:\n{long}");
    }
    let quotes = help(&["quotes", "--help"]);
    assert!(
        quotes.contains("Examples:\n  newsdex quotes talks"),
        "{quotes}"
    );
    assert!(quotes.contains("Query syntax:"), "{quotes}");
    let top = help(&["--help"]);
    assert!(top.contains("Examples:\n  newsdex index"), "{top}");
    assert!(top.contains("Exit status:"), "{top}");
}
