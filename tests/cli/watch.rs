//! `newsdex index --watch` indexes files as they appear, change and vanish, and stops cleanly
//! on Ctrl-C (SIGINT) or SIGTERM with everything committed.
#![cfg(unix)]

use crate::common::Fixture;
use crate::live::{all_ids, eventually, signal, spawn_index, total};

#[test]
fn watching_follows_new_changed_and_removed_files_until_interrupted() {
    let fx = Fixture::seeds_and_wikinews(2);
    let watcher = spawn_index(&fx, &["--watch"]);
    assert!(eventually(|| total(&fx, "ushakov") == 1), "first pass");

    let path = fx.write("incoming/today.txt", "Pangolinword sightings are up.\n");
    assert!(eventually(|| total(&fx, "pangolinword") == 1), "new file");

    std::fs::write(&path, "Axolotlword sightings are down, it turns out.\n").expect("rewrite");
    assert!(
        eventually(|| total(&fx, "axolotlword") == 1 && total(&fx, "pangolinword") == 0),
        "changed file"
    );

    fx.write(
        "incoming/feed.jsonl",
        "{\"id\":\"w-1\",\"body\":\"Capybaraword one.\"}\n{\"id\":\"w-2\",\"body\":\"Capybaraword two.\"}\n",
    );
    std::fs::remove_file(&path).expect("remove");
    assert!(
        eventually(|| total(&fx, "capybaraword") == 2 && total(&fx, "axolotlword") == 0),
        "new feed, removed file"
    );

    signal(&watcher, "INT");
    let output = watcher.wait_with_output().expect("wait for the watcher");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("watching"), "{stderr}");

    // Everything was committed and the lock released: a new run finds nothing to do.
    let again = fx.index_cmd().output().expect("index again");
    assert!(again.status.success());
    let ids = all_ids(&fx);
    assert!(ids.contains(&"w-1".to_string()) && ids.contains(&"w-2".to_string()));
    assert!(!ids.contains(&"incoming/today.txt".to_string()));
    assert_eq!(ids.len(), 6);
}

#[test]
fn sigterm_commits_and_exits_cleanly() {
    let fx = Fixture::seeds_and_wikinews(1);
    let watcher = spawn_index(&fx, &["--watch", "--quiet"]);
    assert!(eventually(|| total(&fx, "ushakov") == 1), "first pass");
    fx.write("late.txt", "Numbatword arrives late.\n");
    assert!(eventually(|| total(&fx, "numbatword") == 1));
    signal(&watcher, "TERM");
    let output = watcher.wait_with_output().expect("wait for the watcher");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    fx.index_cmd().assert().success();
    assert_eq!(total(&fx, "numbatword"), 1);
}
