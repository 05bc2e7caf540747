//! `newsdex index` keeps an index in line with a changing corpus: new files are added, changed
//! ones replaced, vanished ones deleted, unchanged ones not even read; `--rebuild` starts over,
//! also over an index written by an incompatible newsdex.

use std::collections::BTreeSet;
use std::time::{Duration, SystemTime};

use crate::common::{Fixture, newsdex};
use crate::live::{all_ids as ids, total};
use predicates::prelude::*;

const SEED_000: &str = "seeds/000_29dcbb1e78569601.txt";

/// Run `newsdex index --quiet` and assert success.
fn index(fx: &Fixture, extra: &[&str]) {
    fx.index_cmd().args(extra).assert().success();
}

/// Run `newsdex index` with `extra` options (not quiet), assert success, and return the
/// summary line.
pub(crate) fn index_summary(fx: &Fixture, extra: &[&str]) -> String {
    let output = newsdex()
        .args(crate::live::index_args(fx))
        .args(extra)
        .output()
        .expect("run newsdex index");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    stderr
        .lines()
        .rfind(|l| l.contains(" added, "))
        .unwrap_or_else(|| panic!("no summary line in {stderr:?}"))
        .to_string()
}

/// Set a file's modification time, so that a rewrite within the same clock tick still shows.
fn age(path: &std::path::Path, seconds: u64) {
    let file = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open file");
    let when = SystemTime::now() - Duration::from_secs(seconds);
    file.set_modified(when).expect("set mtime");
}

#[test]
fn new_changed_and_vanished_files_are_applied_in_one_pass() {
    let fx = Fixture::seeds_and_wikinews(4);
    fx.write(
        "feeds/day1.jsonl",
        concat!(
            r#"{"id":"feed-1","title":"Alpha","body":"The harbour of Quillport reopened."}"#,
            "\n",
            r#"{"id":"feed-2","title":"Beta","body":"Quillport fishermen returned."}"#,
            "\n",
            r#"{"id":"feed-3","title":"Gamma","body":"Quillport celebrated."}"#,
            "\n"
        ),
    );
    let first = index_summary(&fx, &[]);
    assert!(
        first.contains("7 added, 0 updated, 0 removed, 0 unchanged"),
        "{first}"
    );
    assert_eq!(total(&fx, "quillport"), 3);
    assert_eq!(total(&fx, "ushakov"), 1);
    let before = ids(&fx);
    assert_eq!(before.len(), 9);

    // One new file, one changed text file, one changed JSON Lines file (3 articles -> 1), one
    // removed file.
    fx.write(
        "new/story.txt",
        "Zebrafinch sightings rose sharply this spring.\n",
    );
    let seed = fx.write(
        SEED_000,
        "Direct flights are replaced by a zeppelinline service.\n",
    );
    age(&seed, 3600);
    fx.write(
        "feeds/day1.jsonl",
        r#"{"id":"feed-1","title":"Alpha","body":"Quillport closed again."}"#,
    );
    let gone = before
        .iter()
        .find(|id| id.starts_with("wikinews/"))
        .expect("a wikinews article")
        .clone();
    std::fs::remove_file(fx.corpus.join(&gone)).expect("remove a file");

    let second = index_summary(&fx, &[]);
    assert!(
        second.contains("1 added, 2 updated, 1 removed, 4 unchanged files; read 3 files"),
        "{second}"
    );
    let after = ids(&fx);
    assert_eq!(after.len(), 7, "{after:?}");
    assert!(!after.contains(&gone));
    assert!(after.contains(&"new/story.txt".to_string()));
    assert!(!after.contains(&"feed-2".to_string()));
    assert_eq!(total(&fx, "quillport"), 1);
    assert_eq!(total(&fx, "zeppelinline"), 1);
    assert_eq!(total(&fx, "zebrafinch"), 1);
    // The seed's old text went with its old version.
    assert_eq!(total(&fx, "ushakov"), 0);
}

#[test]
fn an_unchanged_corpus_is_not_read_again() {
    let fx = Fixture::seeds_and_wikinews(5).indexed();
    let again = index_summary(&fx, &[]);
    assert!(
        again.contains("0 added, 0 updated, 0 removed, 7 unchanged files; read 0 files"),
        "{again}"
    );
    // A touched file is read and found unchanged; its new stamp is recorded, so the next run
    // reads nothing again.
    age(&fx.corpus.join(SEED_000), 7200);
    let touched = index_summary(&fx, &[]);
    assert!(touched.contains("0 added, 0 updated, 0 removed, 7 unchanged files; read 1 files"));
    let quiet = index_summary(&fx, &[]);
    assert!(quiet.contains("7 unchanged files; read 0 files"), "{quiet}");
    assert_eq!(ids(&fx).len(), 7);
}

#[test]
fn files_without_articles_are_remembered_and_their_changes_seen() {
    let fx = Fixture::seeds_and_wikinews(1);
    fx.write("empty.txt", "");
    let first = index_summary(&fx, &[]);
    assert!(
        first.contains("4 added") && first.contains("1 empty"),
        "{first}"
    );
    let again = index_summary(&fx, &[]);
    assert!(again.contains("4 unchanged files; read 0 files"), "{again}");

    let filled = fx.write("empty.txt", "Now the file tells of a kookaburrax.\n");
    age(&filled, 60);
    let third = index_summary(&fx, &[]);
    assert!(third.contains("0 added, 1 updated"), "{third}");
    assert_eq!(total(&fx, "kookaburrax"), 1);
}

#[test]
fn a_changed_metadata_entry_re_indexes_the_file_it_describes() {
    let fx = Fixture::seeds_and_wikinews(3).indexed();
    let metadata = fx.corpus.join("wikinews/metadata.jsonl");
    let text = std::fs::read_to_string(&metadata).expect("read metadata");
    // A new title for the first article only; an entry for a missing file changes nothing.
    let retitled = text.replacen(
        "\"title\": \"Magnitogorsk apartment building collapses",
        "\"title\": \"Wombatword apartment building collapses",
        1,
    );
    assert_ne!(retitled, text);
    std::fs::write(
        &metadata,
        retitled + "{\"file\": \"none.txt\", \"title\": \"Nothing\"}\n",
    )
    .expect("write metadata");
    let summary = index_summary(&fx, &[]);
    assert!(
        summary.contains("0 added, 1 updated, 0 removed, 4 unchanged files; read 1 files"),
        "{summary}"
    );
    assert_eq!(total(&fx, "title:wombatword"), 1);
    let again = index_summary(&fx, &[]);
    assert!(again.contains("5 unchanged files; read 0 files"), "{again}");
}

#[test]
fn rebuild_starts_over() {
    let fx = Fixture::seeds_and_wikinews(3).indexed();
    let before = ids(&fx);
    let summary = index_summary(&fx, &["--rebuild"]);
    assert!(
        summary.contains("5 added, 0 updated, 0 removed, 0 unchanged"),
        "{summary}"
    );
    assert_eq!(ids(&fx), before);
    index(&fx, &[]);
}

#[test]
fn an_index_of_an_incompatible_version_is_refused_until_rebuilt() {
    let fx = Fixture::seeds_and_wikinews(3).indexed();
    std::fs::write(fx.index.join("newsdex.json"), "{\"schema_version\": 1}\n").expect("write");
    let refused = || {
        predicate::str::contains("incompatible newsdex (schema version 1").and(
            predicate::str::contains("hint: rebuild it with `newsdex index --rebuild`"),
        )
    };
    fx.search("flights", &[]).assert().code(2).stderr(refused());
    fx.index_cmd().assert().code(2).stderr(refused());
    newsdex()
        .args(["stats", "--index"])
        .arg(&fx.index)
        .assert()
        .code(2)
        .stderr(refused());

    let summary = index_summary(&fx, &["--rebuild"]);
    assert!(summary.contains("5 added"), "{summary}");
    fx.search("flights", &[]).assert().success();
}

#[test]
fn rebuild_replaces_an_index_with_an_old_schema() {
    let fx = Fixture::seeds_and_wikinews(2);
    // An index as an older newsdex wrote it: another schema, version 1, plus a file of the
    // user's that must survive.
    std::fs::create_dir_all(&fx.index).expect("create index dir");
    let mut schema = tantivy::schema::Schema::builder();
    let body = schema.add_text_field("body", tantivy::schema::TEXT);
    let old = tantivy::Index::create_in_dir(&fx.index, schema.build()).expect("old index");
    let mut writer: tantivy::IndexWriter = old.writer(15_000_000).expect("writer");
    writer
        .add_document(tantivy::doc!(body => "an old article"))
        .expect("add");
    writer.commit().expect("commit");
    drop(writer);
    std::fs::write(fx.index.join("newsdex.json"), "{\"schema_version\": 1}\n").expect("write");
    std::fs::write(fx.index.join("README"), "my notes").expect("write");

    fx.index_cmd()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--rebuild"));
    let summary = index_summary(&fx, &["--rebuild"]);
    assert!(summary.contains("4 added"), "{summary}");
    assert_eq!(ids(&fx).len(), 4);
    assert!(fx.index.join("README").is_file());
    let again = index_summary(&fx, &[]);
    assert!(again.contains("4 unchanged files; read 0 files"), "{again}");
}

#[test]
fn ids_stay_unique_over_many_passes() {
    let fx = Fixture::seeds_and_wikinews(2).indexed();
    for round in 0..3u64 {
        let path = fx.write(SEED_000, format!("Edit {round} about quetzalcoatlus.\n"));
        age(&path, 100 + round);
        index(&fx, &[]);
    }
    let all = ids(&fx);
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(all.len(), unique.len());
    assert_eq!(all.len(), 4);
    assert_eq!(total(&fx, "quetzalcoatlus"), 1);
}
