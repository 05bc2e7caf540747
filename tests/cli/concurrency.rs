//! Indexing while the world goes on: a killed `newsdex index` loses at most its last batch and
//! never half a file; searches see the last commit while an index runs; a second writer is
//! refused at once and changes nothing.
#![cfg(unix)]

use std::collections::BTreeSet;

use crate::common::Fixture;
use crate::live::{
    all_ids, committed_segments, eventually, generate, index_args, signal, spawn_index, total,
};
use predicates::prelude::*;

#[test]
fn a_killed_index_run_leaves_whole_articles_and_the_next_run_finishes_the_job() {
    let fx = Fixture::empty();
    let corpus = generate(&fx, 3000, 12, 40);
    // Commit every megabyte: many batches, so that the kill lands between two of them.
    let mut indexer = spawn_index(&fx, &["--commit-mb", "1", "--threads", "2", "--quiet"]);
    let committed = eventually(|| committed_segments(&fx.index) > 0);
    indexer.kill().expect("SIGKILL the indexer");
    let status = indexer.wait().expect("reap the indexer");
    assert!(committed, "no commit appeared");
    assert!(
        !status.success(),
        "the indexer finished before it was killed"
    );

    // The index opens and holds a part of the corpus, made of whole articles and whole files.
    let ids = all_ids(&fx);
    assert!(!ids.is_empty());
    assert!(
        ids.len() < corpus.ids.len(),
        "the kill landed after the last commit: make the corpus bigger"
    );
    let unique: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate articles");
    assert!(unique.is_subset(&corpus.ids));
    for file in &corpus.files {
        let present = file.iter().filter(|id| unique.contains(*id)).count();
        assert!(
            present == 0 || present == file.len(),
            "{present} of the {} articles of one JSON Lines file",
            file.len()
        );
    }
    let n = ids.len() as u64;
    assert_eq!(total(&fx, "openingmark"), n);
    assert_eq!(total(&fx, "closingmark"), n);

    // The next run finishes the job: every article once.
    fx.index_cmd().assert().success();
    let ids = all_ids(&fx);
    assert_eq!(ids, corpus.ids.iter().cloned().collect::<Vec<_>>());
    assert_eq!(total(&fx, "closingmark"), corpus.ids.len() as u64);
}

#[test]
fn searches_stats_and_bench_see_the_last_commit_while_an_index_runs() {
    let fx = Fixture::empty();
    let corpus = generate(&fx, 3000, 0, 0);
    let indexer = spawn_index(&fx, &["--commit-mb", "1", "--threads", "2", "--quiet"]);
    assert!(eventually(|| committed_segments(&fx.index) > 0));

    let seen = total(&fx, "openingmark");
    assert!(seen > 0);
    fx.search("openingmark", &["--format", "json"])
        .assert()
        .success();
    crate::common::newsdex()
        .args(["stats", "--format", "json", "--index"])
        .arg(&fx.index)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"articles\""));

    let queries = fx.corpus.join("..").join("queries.txt");
    std::fs::write(&queries, "openingmark\nclosingmark market\n").expect("write queries");
    crate::common::newsdex()
        .args(["bench", "--iterations", "1", "--warmup", "0", "--index"])
        .arg(&fx.index)
        .arg("--queries")
        .arg(&queries)
        .assert()
        .success();

    let output = indexer.wait_with_output().expect("wait for the indexer");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(total(&fx, "openingmark"), corpus.ids.len() as u64);
}

#[test]
fn a_second_writer_is_refused_at_once_and_changes_nothing() {
    let fx = Fixture::seeds_and_wikinews(3);
    // A watching index holds the writer lock for as long as it runs.
    let watcher = spawn_index(&fx, &["--watch", "--quiet"]);
    assert!(eventually(|| total(&fx, "ushakov") == 1));
    let meta = std::fs::read(fx.index.join("meta.json")).expect("read meta.json");
    let before = all_ids(&fx);

    for extra in [&[][..], &["--rebuild"][..]] {
        crate::common::newsdex()
            .args(index_args(&fx))
            .args(extra)
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains(format!(
                    "newsdex: error: index {} is being written by another newsdex process",
                    fx.index.display()
                ))
                .and(predicate::str::contains("hint:")),
            );
    }
    // The watcher has nothing to do, so whatever changed would be the refused runs' doing.
    assert_eq!(
        std::fs::read(fx.index.join("meta.json")).expect("read meta.json"),
        meta
    );
    assert_eq!(all_ids(&fx), before);
    signal(&watcher, "INT");
    let output = watcher.wait_with_output().expect("wait for the watcher");
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn ctrl_c_commits_what_was_done_and_the_next_run_finishes() {
    let fx = Fixture::empty();
    let corpus = generate(&fx, 3000, 4, 30);
    let indexer = spawn_index(&fx, &["--commit-mb", "1", "--threads", "2"]);
    assert!(eventually(|| committed_segments(&fx.index) > 0));
    signal(&indexer, "INT");
    let output = indexer.wait_with_output().expect("wait for the indexer");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // 130 (128 + SIGINT), as shells and ripgrep report an interrupted run, after the commit.
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");

    let ids = all_ids(&fx);
    assert!(!ids.is_empty() && ids.len() < corpus.ids.len());
    fx.index_cmd().assert().success();
    assert_eq!(all_ids(&fx), corpus.ids.iter().cloned().collect::<Vec<_>>());
}
