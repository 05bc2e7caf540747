//! Helpers for tests that run `newsdex index` as a live process: a generated corpus big enough to
//! index for a while, polling for what the process has committed, and signals.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::Fixture;

/// How long a live process may take to show an effect before a test gives up. Generous: the
/// tests run on busy machines; nothing is asserted about speed.
pub const DEADLINE: Duration = Duration::from_secs(120);

/// Words of the generated articles' filler text.
const WORDS: &[&str] = &[
    "market", "minister", "harbour", "council", "river", "report", "season", "village", "engineer",
    "festival", "railway", "budget", "storm", "museum", "election", "factory", "orchard", "bridge",
    "treaty", "vaccine", "airport", "library", "forest", "court",
];

/// What a generated corpus holds.
pub struct Generated {
    /// Every article id.
    pub ids: BTreeSet<String>,
    /// The ids of each JSON Lines file's articles.
    pub files: Vec<Vec<String>>,
}

/// Write `texts` plain-text articles and `feeds` JSON Lines files of `per_feed` articles each.
/// Every article opens with the word `openingmark` and closes with `closingmark`.
pub fn generate(fx: &Fixture, texts: usize, feeds: usize, per_feed: usize) -> Generated {
    let mut ids = BTreeSet::new();
    let mut files = Vec::new();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut body = |n: usize| {
        let mut text = format!("openingmark number {n}.");
        for i in 0..500 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            text.push(' ');
            text.push_str(WORDS[(seed >> 33) as usize % WORDS.len()]);
            if i % 12 == 11 {
                text.push('.');
            }
        }
        text.push_str(" closingmark.");
        text
    };
    for n in 0..texts {
        let path = format!("gen/{:03}/article{n:05}.txt", n / 200);
        fx.write(&path, format!("Generated article {n}\n\n{}\n", body(n)));
        ids.insert(path);
    }
    for f in 0..feeds {
        let mut lines = String::new();
        let mut file_ids = Vec::new();
        for i in 0..per_feed {
            let id = format!("feed{f}-{i}");
            let line = serde_json::json!({
                "id": id,
                "title": format!("Feed {f} item {i}"),
                "body": body(texts + f * per_feed + i),
            });
            lines.push_str(&line.to_string());
            lines.push('\n');
            ids.insert(id.clone());
            file_ids.push(id);
        }
        fx.write(&format!("feeds/feed{f:02}.jsonl"), lines);
        files.push(file_ids);
    }
    Generated { ids, files }
}

/// The arguments of `newsdex index` on the fixture (without `--quiet`, unlike
/// `Fixture::index_cmd`, so that the summary line shows).
pub fn index_args(fx: &Fixture) -> Vec<OsString> {
    vec![
        "index".into(),
        "--corpus".into(),
        fx.corpus.clone().into(),
        "--index".into(),
        fx.index.clone().into(),
    ]
}

/// `newsdex index` on the fixture as a child process, with extra arguments.
pub fn spawn_index(fx: &Fixture, extra: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(index_args(fx))
        .args(extra)
        .env_remove("NO_COLOR")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start newsdex index")
}

/// Wait until `done` holds, polling; false when the deadline passed first.
pub fn eventually(mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    done()
}

/// Segments of the last commit, as `meta.json` lists them (0 before the first commit).
pub fn committed_segments(index: &Path) -> usize {
    std::fs::read_to_string(index.join("meta.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|meta| meta["segments"].as_array().map(Vec::len))
        .unwrap_or(0)
}

/// Send a signal (`INT`, `TERM`) to a child process.
pub fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(child.id().to_string())
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{name} failed");
}

/// A JSON search that never builds the index (unlike `Fixture::search_json`): its hit lines and
/// summary, or `None` when it failed (no index yet, say).
pub fn search(fx: &Fixture, query: &str, args: &[&str]) -> Option<(Vec<Value>, Value)> {
    let output = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .arg("search")
        .arg(query)
        .arg("--index")
        .arg(&fx.index)
        .arg("--corpus")
        .arg(fx.index.join("no-corpus-here"))
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("run newsdex search");
    let mut lines: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let summary = lines.pop()?;
    Some((lines, summary))
}

/// The ids of every article in the index (versions of one story each on its own), sorted,
/// duplicates kept.
pub fn all_ids(fx: &Fixture) -> Vec<String> {
    let (hits, summary) = search(
        fx,
        "",
        &["--articles", "--limit", "1000000", "--snippet-chars", "10"],
    )
    .expect("a search");
    let mut ids: Vec<String> = hits
        .iter()
        .map(|h| h["id"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(summary["total"].as_u64(), Some(ids.len() as u64));
    ids.sort();
    ids
}

/// The number of articles matching a query (0 while there is no index).
pub fn total(fx: &Fixture, query: &str) -> u64 {
    search(fx, query, &["--limit", "1"])
        .and_then(|(_, summary)| summary["total"].as_u64())
        .unwrap_or(0)
}
