//! A file of records that only grew by appended records has only those read on the next
//! `index` (with the ids a whole read gives them); any other change reads it all again, and an
//! interrupted run loses and duplicates nothing.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use newsdex::index::build::{self, BuildOptions, Progress, Silent};

use crate::common::{Fixture, newsdex};
use crate::live::{all_ids, total};

/// Run `newsdex index` (not quiet), assert success, and return the summary line.
fn index_summary(fx: &Fixture) -> String {
    crate::incremental::index_summary(fx, &[])
}

fn line(n: usize, word: &str) -> String {
    format!(
        "{}\n",
        serde_json::json!({
            "title": format!("Report {n}"),
            "body": format!("The {word} harbour of Quillport saw ship number {n} come in."),
            "date": "2024-05-01",
        })
    )
}

fn append(fx: &Fixture, relative: &str, text: &str) {
    let mut file = std::fs::File::options()
        .append(true)
        .open(fx.corpus.join(relative))
        .expect("open for appending");
    file.write_all(text.as_bytes()).expect("append");
}

#[test]
fn appended_json_lines_are_the_only_ones_read() {
    let fx = Fixture::empty();
    fx.write(
        "feed.jsonl",
        format!("{}{}", line(1, "old"), line(2, "old")),
    );
    let first = index_summary(&fx);
    assert!(first.contains("indexed 2 articles"), "{first}");
    append(&fx, "feed.jsonl", &format!("\n{}", line(4, "new")));
    let second = index_summary(&fx);
    assert!(
        second.contains("1 updated") && second.contains("indexed 1 article"),
        "{second}"
    );
    assert!(second.contains("(3 in the index)"), "{second}");
    // The blank line counts: the new record is line 4, as a whole read numbers it.
    assert_eq!(
        all_ids(&fx),
        ["feed.jsonl#1", "feed.jsonl#2", "feed.jsonl#4"]
    );
    assert_eq!(total(&fx, "old"), 2);
    assert_eq!(total(&fx, "new"), 1);
    // Nothing changed: nothing read.
    let third = index_summary(&fx);
    assert!(third.contains("indexed 0 articles"), "{third}");
    // Another append goes on from there.
    append(&fx, "feed.jsonl", &line(5, "newer"));
    let fourth = index_summary(&fx);
    assert!(fourth.contains("indexed 1 article"), "{fourth}");
    let grown = [
        "feed.jsonl#1",
        "feed.jsonl#2",
        "feed.jsonl#4",
        "feed.jsonl#5",
    ];
    assert_eq!(all_ids(&fx), grown);
    // The same as a full read.
    newsdex()
        .args(crate::live::index_args(&fx))
        .args(["--rebuild", "--quiet"])
        .assert()
        .success();
    assert_eq!(all_ids(&fx), grown);
}

#[test]
fn an_edit_in_the_old_bytes_reads_the_whole_file_again() {
    let fx = Fixture::empty();
    fx.write(
        "feed.jsonl",
        format!("{}{}", line(1, "old"), line(2, "old")),
    );
    index_summary(&fx);
    // Same length, one word changed, and a record appended.
    let path = fx.corpus.join("feed.jsonl");
    let text = std::fs::read_to_string(&path).expect("read back");
    let edited = text.replacen("old", "odd", 1) + &line(3, "new");
    std::fs::write(&path, edited).expect("rewrite");
    let summary = index_summary(&fx);
    assert!(summary.contains("indexed 3 articles"), "{summary}");
    assert_eq!(total(&fx, "old"), 1);
    assert_eq!(total(&fx, "odd"), 1);
    assert_eq!(all_ids(&fx).len(), 3);
    // A truncated file is read again too.
    std::fs::write(&path, line(1, "short")).expect("truncate");
    let summary = index_summary(&fx);
    assert!(
        summary.contains("indexed 1 article") && summary.contains("(1 in the index)"),
        "{summary}"
    );
    assert_eq!(total(&fx, "old"), 0);
}

#[test]
fn a_csv_file_that_grew_keeps_its_header_mapping() {
    let fx = Fixture::empty();
    // Columns in an unusual order: the appended record is read with the header's mapping.
    fx.write(
        "news.csv",
        "date,body,title\n2024-05-01,\"The old harbour,\nof Quillport.\",First\n",
    );
    index_summary(&fx);
    append(
        &fx,
        "news.csv",
        "2024-05-02,The new ferry of Quillport.,Second\n",
    );
    let summary = index_summary(&fx);
    assert!(summary.contains("indexed 1 article"), "{summary}");
    assert_eq!(all_ids(&fx), ["news.csv#1", "news.csv#2"]);
    let (hits, _) = fx.search_json("ferry", &[]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["title"], "Second");
    assert_eq!(hits[0]["id"], "news.csv#2");
}

#[test]
fn a_warc_file_that_grew_has_its_new_records_read() {
    let fx = Fixture::empty();
    let record = |uri: &str, words: &str| {
        let page = format!(
            "<html><head><title>{words}</title></head><body><p>{words} in the harbour of \
             Quillport, where ships came in all day long.</p></body></html>"
        );
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{page}",
            page.len()
        );
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n\
             WARC-Date: 2024-05-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
             Content-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        )
    };
    fx.write("crawl.warc", record("https://e.com/1", "Old news"));
    index_summary(&fx);
    append(&fx, "crawl.warc", &record("https://e.com/2", "Fresh news"));
    let summary = index_summary(&fx);
    assert!(summary.contains("indexed 1 article"), "{summary}");
    assert_eq!(all_ids(&fx), ["crawl.warc#1", "crawl.warc#2"]);
}

/// Stops the build as soon as the first articles were handed to the index.
struct StopAtFirst<'a>(&'a AtomicBool);

impl Progress for StopAtFirst<'_> {
    fn indexed(&self, articles: u64) {
        if articles > 0 {
            self.0.store(true, Ordering::Relaxed);
        }
    }
}

#[test]
fn an_interrupted_append_run_loses_and_duplicates_nothing() {
    let fx = Fixture::empty();
    let old: String = (1..=3).map(|n| line(n, "old")).collect();
    fx.write("feed.jsonl", &old);
    let options = BuildOptions {
        threads: 1,
        memory_mb: 64,
        ..BuildOptions::new(&fx.corpus, &fx.index)
    };
    build::build(&options, &Silent).expect("a build");
    // More appended records than one piece holds, so that the run stops part-way.
    let new: String = (4..=1000).map(|n| line(n, "new")).collect();
    append(&fx, "feed.jsonl", &new);
    let stop = AtomicBool::new(false);
    let report =
        build::build_until(&options, &StopAtFirst(&stop), &stop).expect("an interrupted build");
    assert!(report.interrupted);
    let report = build::build(&options, &Silent).expect("the next build");
    assert_eq!(report.articles, 1000);
    let found = all_ids(&fx);
    let mut unique = found.clone();
    unique.dedup();
    assert_eq!(found.len(), 1000);
    assert_eq!(unique.len(), 1000);
    assert_eq!(total(&fx, "old"), 3);
    assert_eq!(total(&fx, "new"), 997);
}
