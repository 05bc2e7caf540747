//! Hostile input: broken, huge and strange files, terminal tricks in article text, absurd queries,
//! a full disk. newsdex finishes, keeps every article it can read, names each file it skips
//! once, never writes control characters to a terminal raw, and never panics.
//!
//! Corpora are built in temp dirs by the tests themselves; the checks run through the library
//! where they need to see inside a build (the notices, a file deleted mid-run) and through the
//! binary where the exit code and the terminal output are the point.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::common::{Fixture, newsdex};
use newsdex::index::build::{self, BuildOptions, BuildReport, Progress};
use newsdex::search::{Engine, Request};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Helpers

/// A [`Progress`] that records every notice, and can act between the walk and the reads.
#[derive(Default)]
struct Recorder {
    notices: Mutex<Vec<String>>,
    /// Run when the walk is done, before any file is read.
    on_begin: Option<Box<dyn Fn() + Sync>>,
}

impl Progress for Recorder {
    fn begin(&self, _files: u64, _bytes: u64) {
        if let Some(act) = &self.on_begin {
            act();
        }
    }

    fn notice(&self, message: &str) {
        self.notices.lock().unwrap().push(message.to_string());
    }
}

impl Recorder {
    fn notices(&self) -> Vec<String> {
        self.notices.lock().unwrap().clone()
    }

    /// How many notices name this file (by its path relative to the corpus).
    fn naming(&self, relative: &str) -> usize {
        self.notices().iter().filter(|n| names(n, relative)).count()
    }
}

/// Whether a message names `relative` as a whole path (`a.txt` is not named by `aa.txt`).
fn names(message: &str, relative: &str) -> bool {
    message.match_indices(relative).any(|(at, _)| {
        let before = message[..at].chars().next_back();
        let after = message[at + relative.len()..].chars().next();
        before.is_none_or(|c| c == ' ' || c == '/')
            && after.is_none_or(|c| c == ':' || c == ' ' || c == ',')
    })
}

fn options(corpus: &Path, index: &Path) -> BuildOptions {
    BuildOptions {
        corpus: corpus.to_path_buf(),
        index: index.to_path_buf(),
        threads: 2,
        memory_mb: 64,
        ..BuildOptions::new(corpus, index)
    }
}

fn build_with(fx: &Fixture, recorder: &Recorder) -> BuildReport {
    build::build(&options(&fx.corpus, &fx.index), recorder).expect("the build finishes")
}

/// Paths of the articles matching `query` (all of them, up to 1000).
fn matching(engine: &Engine, query: &str) -> Vec<String> {
    let mut request = Request::new(query);
    request.limit = 1000;
    request.snippets = false;
    engine
        .search(&request)
        .unwrap_or_else(|e| panic!("search {query:?}: {e}"))
        .hits
        .into_iter()
        .map(|h| h.path)
        .collect()
}

/// Whether this process can read a file whatever its permissions say (root can).
fn permissions_are_bypassed(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("permission-probe");
    fs::write(&probe, "x").unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::read(&probe).is_ok();
    fs::remove_file(&probe).unwrap();
    readable
}

/// A deterministic stream of made-up words (xorshift), so big corpora compress poorly and
/// every run builds the same ones.
struct Words(u64);

impl Words {
    fn next_word(&mut self) -> String {
        let mut word = String::new();
        for _ in 0..(4 + self.step() % 7) {
            word.push(char::from(b'a' + (self.step() % 26) as u8));
        }
        word
    }

    fn step(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// About `bytes` bytes of sentences, as paragraphs.
    fn text(&mut self, bytes: usize) -> String {
        let mut text = String::with_capacity(bytes + 64);
        while text.len() < bytes {
            for _ in 0..12 {
                text.push_str(&self.next_word());
                text.push(' ');
            }
            text.push_str("said the minister.\n");
            if self.step().is_multiple_of(5) {
                text.push('\n');
            }
        }
        text
    }
}

/// `newsdex index` without `--quiet`: the notices and the summary on stderr.
fn index_with_notices(fx: &Fixture) -> std::process::Output {
    newsdex()
        .arg("index")
        .arg("--corpus")
        .arg(&fx.corpus)
        .arg("--index")
        .arg(&fx.index)
        .output()
        .unwrap()
}

/// stderr of a failed or finished run: no panic, no backtrace, no debug formatting.
fn assert_no_panic(stderr: &str) {
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
    assert!(!stderr.contains("Os {"), "debug-formatted error: {stderr}");
}

/// Terminal text holds no raw control, escape or bidi character beyond the colour sequences
/// newsdex writes itself (`ESC [ digits ; m`) and line ends.
fn assert_terminal_safe(output: &str) {
    let unsafe_char = |c: char| c != '\n' && newsdex::output::sanitize::is_unsafe(c);
    let mut rest = output;
    while let Some(at) = rest.find('\u{1b}') {
        assert!(
            !rest[..at].chars().any(unsafe_char),
            "raw control: {output:?}"
        );
        let sgr = rest[at + 1..].strip_prefix('[').and_then(|s| {
            let end = s.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
            s[end..].strip_prefix('m')
        });
        rest = sgr.unwrap_or_else(|| panic!("raw escape sequence: {output:?}"));
    }
    assert!(!rest.chars().any(unsafe_char), "raw control: {output:?}");
}

// ---------------------------------------------------------------------------------------------
// Hostile corpora

/// Every kind of broken file at once; each readable article is found by its own marker word,
/// each skipped file is named in exactly one notice.
#[test]
fn a_hostile_corpus_keeps_every_readable_article_and_names_each_skip_once() {
    use std::os::unix::fs::{PermissionsExt, symlink};

    let fx = Fixture::empty();
    let c = &fx.corpus;
    let mut readable: Vec<(&str, &str)> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();

    fx.write(
        "ok/plain.txt",
        "Markerplain: the mayor said the bridge would reopen.\n",
    );
    readable.push(("markerplain", "ok/plain.txt"));
    fx.write(
        "ok/invalid-utf8.txt",
        b"Markerinvalid said \xff\xfe\xc3( the minister on Monday.\n",
    );
    readable.push(("markerinvalid", "ok/invalid-utf8.txt"));
    fx.write(
        "ok/latin1.txt",
        b"Markerlatin: a caf\xe9 in Z\xfcrich reopened, said Fran\xe7ois.\n",
    );
    readable.push(("markerlatin", "ok/latin1.txt"));
    fx.write(
        "ok/crlf-and-controls.txt",
        "Markercontrol\r\nA line\u{b}with\u{c}odd\u{1b}[31m controls.\r\n",
    );
    readable.push(("markercontrol", "ok/crlf-and-controls.txt"));
    let deep: PathBuf = std::iter::repeat_n("d", 300).collect();
    let deep_file = format!("ok/{}/deep.txt", deep.display());
    fx.write(&deep_file, "Markerdeep at the bottom of 300 folders.\n");
    readable.push(("markerdeep", &deep_file));
    fx.write(
        "ok/lines.jsonl",
        concat!(
            r#"{"id": "j1", "title": "First", "body": "Markerjsonone: the first line is fine."}"#,
            "\n",
            r#"{"id": "j2", "body": "an unterminated string"#,
            "\n",
            "[1, 2, 3]\n",
            "\n",
            r#"{"id": "j4", "text": "Markerjsontwo: text instead of body."}"#,
            "\n",
            r#"{"id": "j5", "title": "a title but no text"}"#,
            "\n",
            r#"{"id": "j6", "body": "Markerjsonnul: a NUL \u0000 escaped inside JSON."}"#,
            "\n",
        ),
    );
    readable.push(("markerjsonone", "ok/lines.jsonl"));
    readable.push(("markerjsontwo", "ok/lines.jsonl"));
    readable.push(("markerjsonnul", "ok/lines.jsonl"));

    fx.write("bad/nul.txt", b"Markernul text\0\0\0 with NUL bytes\n");
    skipped.push("bad/nul.txt".to_string());
    // 1 GB of holes: all NUL bytes, known as binary from its first kilobytes.
    File::create(c.join("bad/sparse-1g.txt"))
        .unwrap()
        .set_len(1_000_000_000)
        .unwrap();
    skipped.push("bad/sparse-1g.txt".to_string());
    // Text at the start, then holes past the size limit: refused without being read whole.
    let mut huge = File::create(c.join("bad/huge.txt")).unwrap();
    huge.write_all(b"Markerhuge text that goes on and on\n")
        .unwrap();
    huge.set_len(newsdex::ingest::read::MAX_FILE_BYTES + 1)
        .unwrap();
    skipped.push("bad/huge.txt".to_string());
    for i in 0..2000 {
        let name = format!("empty/{i:04}.txt");
        fx.write(&name, if i % 2 == 0 { "" } else { " \n\t\n" });
        skipped.push(name);
    }
    // A link loop and a dangling link: costs nothing, stops nothing.
    fs::create_dir_all(c.join("links")).unwrap();
    symlink("..", c.join("links/loop")).unwrap();
    symlink("nowhere.txt", c.join("links/dangling.txt")).unwrap();
    // A file without read permission (root reads it anyway).
    let locked = fx.write("locked.txt", "Markerlocked: a secret article.\n");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let root = permissions_are_bypassed(c.parent().unwrap());
    if root {
        readable.push(("markerlocked", "locked.txt"));
    } else {
        skipped.push("locked.txt".to_string());
    }
    // A file deleted after the walk listed it and before it is read.
    let gone = fx.write("gone.txt", "Markergone: listed, then deleted.\n");
    skipped.push("gone.txt".to_string());

    let recorder = Recorder {
        on_begin: Some(Box::new(move || fs::remove_file(&gone).unwrap())),
        ..Recorder::default()
    };
    let report = build_with(&fx, &recorder);
    let notices = recorder.notices();

    let articles: BTreeSet<&str> = readable.iter().map(|(marker, _)| *marker).collect();
    assert_eq!(report.indexed, articles.len() as u64, "{notices:#?}");
    let engine = Engine::open(&fx.index).unwrap();
    for (marker, path) in &readable {
        assert_eq!(
            matching(&engine, marker),
            vec![path.to_string()],
            "{marker}"
        );
    }
    for marker in ["markernul", "markerhuge", "markergone"] {
        assert!(matching(&engine, marker).is_empty(), "{marker}");
    }
    for path in &skipped {
        assert_eq!(
            recorder.naming(path),
            1,
            "{path} is named once in {notices:#?}"
        );
    }
    for (_, path) in &readable {
        // Lossy reads are warned about: broken lines, encodings, control bytes dropped.
        let warned = [
            "ok/lines.jsonl",
            "ok/invalid-utf8.txt",
            "ok/latin1.txt",
            "ok/crlf-and-controls.txt",
        ];
        if !warned.contains(path) {
            assert_eq!(recorder.naming(path), 0, "{path} is not a problem");
        }
    }
    // Broken JSON lines are reported by file and line; the good lines are indexed above.
    for line in [2, 3, 6] {
        let at = format!("ok/lines.jsonl:{line}:");
        let n = notices.iter().filter(|n| n.contains(&at)).count();
        assert_eq!(n, 1, "line {line} reported once in {notices:#?}");
    }
    assert!(report.skipped_total() >= skipped.len() as u64, "{report:?}");
    // The deleted file could not be read: like ripgrep, that makes the run a failure (exit 2).
    assert!(report.failed(), "{report:?}");
}

#[test]
fn a_50_mb_line_is_indexed_whole() {
    let fx = Fixture::empty();
    let mut words = Words(0x5eed);
    let mut line = String::from("Markerstart ");
    while line.len() < 50_000_000 {
        line.push_str(&words.next_word());
        line.push(' ');
    }
    line.push_str("Markerend.");
    fx.write("long/one-line.txt", &line);
    fx.write("long/short.txt", "Markershort: a normal article.\n");
    let recorder = Recorder::default();
    let report = build_with(&fx, &recorder);
    assert_eq!(report.indexed, 2, "{:?}", recorder.notices());
    let engine = Engine::open(&fx.index).unwrap();
    for marker in ["markerstart", "markerend"] {
        assert_eq!(matching(&engine, marker), vec!["long/one-line.txt"]);
    }
    // A search with snippets on the huge body answers too.
    let results = engine.search(&Request::new("markerend")).unwrap();
    assert_eq!(results.hits.len(), 1);
}

/// A file of URL lines: each is kept once as a link, at a cost that grows with the file (the
/// links were once searched one by one for every line, which took hours on a million lines).
#[test]
fn two_hundred_thousand_url_lines_are_kept_as_links() {
    let mut text = String::from("A short article about links.\n\n");
    for i in 0..200_000 {
        text.push_str(&format!("https://example.org/story/{i}\n"));
    }
    text.push_str("https://example.org/story/7\n");
    let cleaned = newsdex::ingest::clean::clean(&text);
    assert_eq!(cleaned.links.len(), 200_000);
    assert_eq!(cleaned.links[7], "https://example.org/story/7");
    assert!(cleaned.body.contains("about links"), "{}", cleaned.body);
}

#[test]
fn an_empty_corpus_gives_an_empty_index_and_searches_find_nothing() {
    let fx = Fixture::empty();
    let output = fx.index_cmd().output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let output = fx.search("anything", &[]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "no hits: exit 1");
    assert_no_panic(&String::from_utf8_lossy(&output.stderr));
    let stats = crate::common::stdout_of(&["stats", "--index", fx.index.to_str().unwrap()]);
    assert!(stats.contains("articles   0"), "{stats}");
    let output = index_with_notices(&fx);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("indexed 0 articles"), "{stderr}");
}

/// Through the binary: the summary and the exit code, each skipped file named once on stderr.
#[test]
fn index_names_each_skipped_file_once_and_exits_like_ripgrep() {
    let fx = Fixture::seeds_and_wikinews(2);
    fx.write("bad/binary.txt", b"\x7fELF\0\0\0\x01\x02");
    fx.write("bad/empty.txt", "");
    fx.write("bad/blank", "\n\n   \n");
    fx.write(
        "bad/lines.jsonl",
        "{\"body\": \"Good line.\"}\n{\"body\": broken\n",
    );
    let output = index_with_notices(&fx);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_no_panic(&stderr);
    assert_eq!(
        output.status.code(),
        Some(0),
        "nothing unreadable: {stderr}"
    );
    for name in ["bad/binary.txt", "bad/empty.txt", "bad/blank"] {
        let n = stderr.lines().filter(|l| names(l, name)).count();
        assert_eq!(n, 1, "{name} named once in {stderr}");
    }
    assert!(stderr.contains("bad/lines.jsonl:2:"), "{stderr}");
    let summary = stderr.lines().last().unwrap_or_default();
    assert!(summary.contains("indexed 5 articles"), "{stderr}");
    assert!(summary.contains("skipped 3"), "{summary}");
    fx.search("Good line", &[]).assert().code(0);

    // A file nobody may read fails the run (exit 2) after indexing the rest; root reads it.
    use std::os::unix::fs::PermissionsExt;
    let locked = fx.write("locked.txt", "Markerlocked: kept from prying eyes.\n");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let root = permissions_are_bypassed(&fx.corpus);
    let output = fx.index_cmd().output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_no_panic(&stderr);
    if root {
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        fx.search("markerlocked", &[]).assert().code(0);
    } else {
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        fx.search("markerlocked", &[]).assert().code(1);
    }
    fx.search("Good line", &[]).assert().code(0);
}

// ---------------------------------------------------------------------------------------------
// Terminal safety

const EVIL_TITLE: &str = "Evil \u{1b}[2J\u{1b}]0;pwned\u{7} title \u{202e}desrever\u{202c}";
const EVIL_BODY: &str = "Markerevil body: clear \u{1b}[2J screen, bell \u{7}, return \r \
     overwrite, isolate \u{2067}tfel\u{2069}, mark \u{200f} and a C1 \u{9b}31m. \
     \"We will \u{1b}[2J clear\u{202e} everything before Friday,\" said Yuri Ushakov, the \
     Kremlin adviser.";

fn evil_fixture() -> Fixture {
    let fx = Fixture::empty();
    let line = serde_json::json!({
        "id": "evil\u{1b}[31m",
        "title": EVIL_TITLE,
        "body": EVIL_BODY,
        "published": "2024-05-01",
    });
    fx.write("evil.jsonl", format!("{line}\n"));
    fx.write(
        "evil\u{1b}[31mname.txt",
        format!("{EVIL_TITLE}\n\n{EVIL_BODY}\n"),
    );
    fx.write("empty\u{1b}]0;x\u{7}.txt", "");
    fx
}

#[test]
fn article_text_never_reaches_the_terminal_raw() {
    let fx = evil_fixture();
    let output = index_with_notices(&fx);
    assert!(output.status.success());
    assert_terminal_safe(&String::from_utf8(output.stderr).unwrap());

    // Both evil articles are one story: each is shown on its own.
    for color in ["always", "never"] {
        let output = fx
            .search("markerevil", &["--color", color, "--articles"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_terminal_safe(&stdout);
        assert!(stdout.contains("\\u{1b}[2J"), "shown escaped: {stdout}");
        assert!(stdout.contains("\\u{202e}"), "shown escaped: {stdout}");
        if color == "never" {
            assert!(!stdout.contains('\u{1b}'), "{stdout}");
        }
    }

    for color in ["always", "never"] {
        let output = fx
            .query_cmd("quotes", "clear", &["--color", color])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "a quote is found");
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_terminal_safe(&stdout);
        // The quote is said in both evil articles and listed once, with the text and path of
        // either: each holds an escape character, shown escaped.
        assert!(stdout.contains("\\u{1b}"), "shown escaped: {stdout}");
    }

    for path in [fx.corpus.join("evil.jsonl"), fx.corpus.clone()] {
        let output = newsdex().arg("extract").arg(&path).output().unwrap();
        assert!(output.status.success());
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_terminal_safe(&stdout);
        assert!(stdout.contains("\\u{1b}"), "{stdout}");
        assert_terminal_safe(&String::from_utf8(output.stderr).unwrap());
    }

    let output = newsdex()
        .args(["stats", "--index"])
        .arg(&fx.index)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_terminal_safe(&String::from_utf8(output.stdout).unwrap());
}

/// Zero-width, word-joiner, byte-order-mark, soft-hyphen and tag characters hide text from a
/// reader: terminal output drops them, JSON keeps them.
#[test]
fn invisible_characters_never_reach_the_terminal() {
    let fx = Fixture::empty();
    let title = "Hidden\u{200B} ad\u{200D}min\u{2060} title\u{FEFF}";
    let body = "Markerinvisible body with a soft\u{AD}hyphen and a tagged \
         note\u{E0068}\u{E0069}\u{E007F}.\n\n\"We hide\u{200C} nothing,\" said Yuri Ushakov.";
    fx.write("invisible.txt", format!("{title}\n\n{body}\n"));
    let fx = fx.indexed();
    let invisible = |text: &str| {
        text.chars()
            .find(|&c| newsdex::output::sanitize::is_invisible(c))
    };
    for args in [
        vec!["search", "markerinvisible"],
        vec!["quotes", "nothing"],
        vec!["show", "invisible.txt"],
    ] {
        let output = newsdex()
            .args(&args)
            .arg("--index")
            .arg(&fx.index)
            .arg("--corpus")
            .arg(&fx.corpus)
            .args(["--color", "never"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_eq!(invisible(&stdout), None, "{args:?}: {stdout:?}");
        assert!(stdout.contains("Hidden admin title"), "{args:?}: {stdout}");
    }
    let (hits, _) = fx.search_json("markerinvisible", &[]);
    assert_eq!(hits[0]["title"], title, "JSON keeps the text exact");
}

#[test]
fn json_output_keeps_article_text_exact() {
    let fx = evil_fixture().indexed();
    let (hits, _) = fx.search_json("markerevil", &["--articles"]);
    let from_jsonl = hits
        .iter()
        .find(|h| h["path"] == "evil.jsonl")
        .expect("the JSON Lines article");
    assert_eq!(from_jsonl["title"], EVIL_TITLE);
    assert_eq!(from_jsonl["id"], "evil\u{1b}[31m");

    let output = newsdex()
        .args(["extract", "--format", "json"])
        .arg(fx.corpus.join("evil.jsonl"))
        .output()
        .unwrap();
    let line: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(line["title"], EVIL_TITLE);
}

#[test]
fn stats_and_search_printers_escape_hostile_values() {
    use newsdex::index::stats::{Count, Stats};
    let evil = |s: &str| Count {
        value: format!("{s}\u{1b}[31m\u{202e}\u{7}\r\n"),
        articles: 1,
    };
    let stats = Stats {
        index: "idx\u{1b}]0;t\u{7}".to_string(),
        articles: 1,
        segments: 1,
        size_bytes: 1,
        speakers: vec![evil("Ushakov")],
        locations: vec![evil("Moscow")],
        years: vec![evil("2025")],
        undated: 0,
        stories: None,
    };
    let mut out = Vec::new();
    newsdex::output::stats::write_text(&mut out, &stats).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_terminal_safe(&text);
    assert!(text.contains("Ushakov\\u{1b}[31m\\u{202e}\\u{7}"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// Queries

/// A fixture index shared by the query tests (built once per test binary).
fn query_fixture() -> &'static Fixture {
    static FIXTURE: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    FIXTURE.get_or_init(|| Fixture::seeds_and_wikinews(30).indexed())
}

#[test]
fn absurd_queries_and_options_get_a_clear_error_or_an_empty_result() {
    let fx = query_fixture();
    let long_query = "flights ".repeat(12_000);
    // Tens of thousands of levels overflowed tantivy's recursive parser (an abort).
    let nested = format!("{}flights{}", "(".repeat(60_000), ")".repeat(60_000));
    let unclosed = "(".repeat(120_000);
    let shallow = format!("{}flights{}", "(".repeat(60), ")".repeat(60));
    let cases: Vec<(String, Vec<&str>)> = vec![
        (long_query, vec![]),
        (nested, vec![]),
        (unclosed, vec![]),
        (shallow, vec![]),
        ("NOT ".repeat(20_000), vec![]),
        ("flights OR ".repeat(10_000), vec![]),
        (format!("{}flights", "+".repeat(100_000)), vec![]),
        ("AND".into(), vec![]),
        ("OR".into(), vec![]),
        ("NOT".into(), vec![]),
        ("-".into(), vec![]),
        ("+".into(), vec![]),
        (":".into(), vec![]),
        ("title:".into(), vec![]),
        ("\"\"".into(), vec![]),
        ("*".into(), vec![]),
        ("~".into(), vec![]),
        ("^".into(), vec![]),
        ("flights^999999999999".into(), vec![]),
        ("\"direct flights\"~4294967296".into(), vec![]),
        ("title:[a TO".into(), vec![]),
        ("published:[2019 TO 2020]".into(), vec![]),
        ("author:smith".into(), vec![]),
        ("flights -\"flights moscow\"".into(), vec![]),
        ("entities:x".into(), vec![]),
        ("\u{1}\u{1b}[31m\u{202e}".into(), vec![]),
        ("title:*".into(), vec![]),
        ("speaker:*".into(), vec![]),
        ("flights".into(), vec!["--limit", "0"]),
        ("flights".into(), vec!["--offset", "18446744073709551615"]),
        ("flights".into(), vec!["--limit", "18446744073709551615"]),
        (
            "flights".into(),
            vec![
                "--limit",
                "18446744073709551615",
                "--offset",
                "18446744073709551615",
            ],
        ),
        ("flights".into(), vec!["--snippet-chars", "0"]),
        ("flights".into(), vec!["--fragments", "0"]),
        (
            "flights".into(),
            vec!["--fragments", "18446744073709551615"],
        ),
        (
            "flights".into(),
            vec!["--snippet-chars", "18446744073709551615"],
        ),
        ("flights".into(), vec!["--since", "99999"]),
        ("flights".into(), vec!["--since", "0000"]),
        ("flights".into(), vec!["--until", "9999-12-31"]),
        ("flights".into(), vec!["--since", "0001-01-01"]),
        ("flights".into(), vec!["--since", "2025-02-30"]),
        ("flights".into(), vec!["--since", "4294967296"]),
        (
            "flights".into(),
            vec!["--since", "2025-06", "--until", "2025-01"],
        ),
        ("flights".into(), vec!["--speaker", ""]),
        ("flights".into(), vec!["--speaker", "\"(*"]),
        ("flights".into(), vec!["--location", "\u{1b}[31m"]),
        ("".into(), vec!["--limit", "1"]),
    ];
    let mut tried = 0;
    for (query, args) in &cases {
        for format in ["text", "json"] {
            let output = fx
                .search(query, &[args.as_slice(), &["--format", format]].concat())
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            let shown: String = query.chars().take(40).collect();
            assert_no_panic(&stderr);
            match output.status.code() {
                Some(0 | 1) => assert!(stderr.is_empty(), "{shown:?} {args:?}: {stderr}"),
                Some(2) => {
                    assert!(
                        stderr.starts_with("newsdex: error: ") && stderr.lines().count() <= 2,
                        "{shown:?} {args:?}: {stderr}"
                    );
                    assert!(stderr.len() < 600, "a short message: {stderr}");
                    assert_terminal_safe(&stderr);
                }
                other => panic!("{shown:?} {args:?}: exit {other:?}: {stderr}"),
            }
            tried += 1;
        }
    }
    assert_eq!(tried, cases.len() * 2);
}

#[test]
fn limit_zero_and_a_huge_offset_give_no_hits_but_the_total() {
    let fx = query_fixture();
    let (hits, summary) = fx.search_json("flights", &[]);
    assert!(!hits.is_empty());
    let total = summary["total"].as_u64().unwrap();
    for args in [
        ["--limit", "0"],
        ["--offset", "18446744073709551615"],
        ["--offset", "1000000000"],
    ] {
        let (hits, summary) = fx.search_json("flights", &args);
        assert!(hits.is_empty(), "{args:?}");
        assert_eq!(summary["total"].as_u64(), Some(total), "{args:?}");
    }
    let (hits, _) = fx.search_json("flights", &["--limit", "18446744073709551615"]);
    assert_eq!(hits.len() as u64, total);
}

/// Excluding a phrase whose words occur, but not together, used to stop debug builds on a
/// tantivy assertion; the answer must be the article, as release builds give it.
#[test]
fn excluding_a_phrase_that_does_not_occur_keeps_the_article() {
    let fx = Fixture::empty();
    fx.write(
        "fire.txt",
        "Five teenage girls died in a fire at an escape room in Koszalin, Poland.\n",
    );
    fx.write("other.txt", "Girls won the match.\n");
    let fx = fx.indexed();
    let engine = Engine::open(&fx.index).unwrap();
    let mut both = matching(&engine, r#"girls -"room escape""#);
    both.sort();
    assert_eq!(both, vec!["fire.txt", "other.txt"]);
    assert_eq!(
        matching(&engine, r#"girls -"escape room""#),
        vec!["other.txt"]
    );
}

/// Pieces random queries are made of: words of the corpus, operators, syntax, junk.
fn query_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "flights", "Moscow", "Ushakov", "building", "explosion", "said", "the", "Kremlin",
            "fire", "police", "2019", "U.S.",
        ])
        .prop_map(str::to_string),
        3 => prop::sample::select(vec![
            "AND", "OR", "NOT", "-", "+", "(", ")", "\"", ":", "*", "~", "^", "~2", "^2.5",
            "[", "]", "{", "}", " TO ", "title:", "body:", "speaker:", "location:",
            "country:", "path:", "url:", "id:", "date:", "published:", "hash:", "link:",
            "author:", "IN [", "\\", "'", "/", "!", "?", "&&", "||",
        ])
        .prop_map(str::to_string),
        1 => "\\PC{0,12}",
        1 => ".{0,6}",
    ]
}

fn random_query() -> impl Strategy<Value = String> {
    prop::collection::vec((query_piece(), prop::bool::ANY), 0..14).prop_map(|pieces| {
        pieces
            .into_iter()
            .map(|(piece, space)| if space { format!("{piece} ") } else { piece })
            .collect()
    })
}

fn random_day() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        "[0-9]{4}(-[0-9]{1,2}(-[0-9]{1,2})?)?",
        "\\PC{0,10}",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Thousands of random queries with filters against a real index: a result that keeps its
    /// promises, or a user error; never a panic, never an internal fault.
    #[test]
    fn random_queries_with_filters_never_fail_inside(
        query in random_query(),
        speaker in prop::option::of(prop_oneof![Just("Ushakov".to_string()), "\\PC{0,8}"]),
        location in prop::option::of(prop_oneof![Just("Moscow".to_string()), "\\PC{0,8}"]),
        since in random_day(),
        until in random_day(),
        limit in prop_oneof![0usize..20, Just(usize::MAX)],
        offset in prop_oneof![0usize..40, Just(usize::MAX)],
        snippets in prop::bool::ANY,
    ) {
        static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
        let engine = ENGINE.get_or_init(|| Engine::open(&query_fixture().index).unwrap());
        use newsdex::search::period::{self, End};
        let since = period::option("--since", since.as_deref(), End::First);
        let until = period::option("--until", until.as_deref(), End::Last);
        let (Ok(since), Ok(until)) = (since, until) else {
            return Ok(());
        };
        let request = Request {
            filters: newsdex::search::Filters { speaker, location, path: None, since, until, mentions: None },
            limit,
            offset,
            snippets,
            ..Request::new(query.clone())
        };
        match engine.search(&request) {
            Ok(results) => {
                prop_assert!(results.hits.len() <= limit);
                prop_assert!(results.hits.len() <= results.total);
                for (i, hit) in results.hits.iter().enumerate() {
                    prop_assert_eq!(hit.rank, offset + i + 1);
                    for fragment in &hit.fragments {
                        let chars = fragment.text.chars().count();
                        prop_assert!(fragment.highlights.iter().all(|r| r.start <= r.end && r.end <= chars));
                    }
                    let chars = hit.title.chars().count();
                    prop_assert!(hit.title_highlights.iter().all(|r| r.start <= r.end && r.end <= chars));
                }
            }
            Err(newsdex::Error::Query { .. }) => {}
            Err(other) => prop_assert!(false, "{query:?}: internal error {other}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Properties of the other entry points (the reader and cleaner have theirs in `ingest`)

fn text_with_tricks() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => "[A-Za-z]{1,10}",
            2 => prop::sample::select(vec![
                " ", "\n", "\n\n", "\r\n", "\t", ".", ",", "\"", "\u{201c}", "\u{201d}", " said ",
                " told reporters", "Yuri Ushakov", "Moscow", "U.S.", "Feb. 27", "2019-01-04",
                "\u{1b}[31m", "\u{202e}", "\u{0}", "\u{7}", "\u{9b}", "https://x.org/a", "-- ",
            ])
            .prop_map(str::to_string),
            1 => "\\PC{0,8}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// Cleaning plus extraction on any raw article: never a panic, and every quote points at
    /// its own text in the body.
    #[test]
    fn prepare_never_panics_and_quotes_point_into_the_body(
        title in text_with_tricks(),
        text in text_with_tricks(),
        published in prop::option::of("\\PC{0,12}|[0-9]{4}-[0-9]{2}-[0-9]{2}"),
        url in prop::option::of("\\PC{0,20}"),
    ) {
        let raw = newsdex::article::RawArticle {
            id: "a".to_string(),
            path: "a.txt".to_string(),
            title,
            text,
            published,
            url,
            author: None,
        };
        let article = newsdex::ingest::prepare(&raw);
        for quote in &article.entities.quotes {
            prop_assert_eq!(article.body.get(quote.start..quote.end), Some(quote.text.as_str()));
        }
    }

    /// The printers never let a control, escape or bidi character through, whatever the text.
    #[test]
    fn search_text_output_is_terminal_safe(
        title in text_with_tricks(),
        body in text_with_tricks(),
        path in text_with_tricks(),
        speaker in text_with_tricks(),
        cut in 0usize..80,
    ) {
        use newsdex::search::snippet;
        let lead = snippet::Fragment {
            text: body.chars().take(cut).collect(),
            highlights: vec![0..cut.min(2), cut.min(2)..cut.min(3)],
        };
        let title_chars = title.chars().count();
        let results = newsdex::search::Results {
            total: 1,
            stories: 1,
            stories_estimated: false,
            hits: vec![newsdex::search::Hit {
                rank: 1,
                score: 1.0,
                id: path.clone(),
                path,
                title,
                title_highlights: vec![0..title_chars.min(3), title_chars..title_chars],
                published: None,
                url: None,
                speakers: vec![speaker.clone()],
                locations: vec![speaker],
                fragments: vec![lead],
                story: None,
                versions: 1,
                other_versions: Vec::new(),
            }],
            timings: Default::default(),
            why: Default::default(),
            facets: None,
        };
        let mut out = Vec::new();
        newsdex::output::search::write_text(&mut out, &results, None).unwrap();
        assert_terminal_safe(&String::from_utf8(out).unwrap());
    }

    /// Why nothing was found quotes what the user typed and names from articles: as safe.
    #[test]
    fn why_text_output_is_terminal_safe(
        word in text_with_tricks(),
        name in text_with_tricks(),
    ) {
        use newsdex::search::why::{Counted, Diagnosis, Reason};
        let count = |value: &str| Counted { value: value.to_string(), articles: 1 };
        let diagnosis = Diagnosis {
            suggestions: vec![word.clone()],
            reasons: vec![
                Reason::UnknownWord { word: word.clone(), closest: vec![count(&name)] },
                Reason::Parts { parts: vec![count(&word), count(&name)], apart: vec![[word.clone(), name.clone()]] },
                Reason::NoSpeaker { name: word.clone(), closest: vec![count(&name)] },
                Reason::NoLocation { name: name.clone(), closest: vec![count(&word)] },
            ],
        };
        let mut out = Vec::new();
        newsdex::output::why::write_text(&mut out, &diagnosis, newsdex::output::why::AnyHint::Offer).unwrap();
        assert_terminal_safe(&String::from_utf8(out).unwrap());
    }

    #[test]
    fn sanitised_text_is_terminal_safe_and_one_line(text in text_with_tricks()) {
        use newsdex::output::sanitize;
        let escaped = sanitize::escape_control(&text);
        prop_assert!(!escaped.chars().any(|c| c != '\n' && c != '\t' && sanitize::is_unsafe(c)));
        let line = sanitize::one_line(&text);
        prop_assert!(!line.chars().any(|c| c.is_control() || sanitize::is_unsafe(c)));
    }

    #[test]
    fn date_options_parse_or_refuse(value in "\\PC{0,12}|[0-9]{1,6}(-[0-9]{1,3}){0,3}") {
        use newsdex::search::period::{self, End};
        if let (Ok(first), Ok(last)) = (period::parse(&value, End::First), period::parse(&value, End::Last)) {
            prop_assert!(first <= last);
        }
    }

    #[test]
    fn char_ranges_stay_inside_the_text(
        text in "\\PC{0,40}",
        ranges in prop::collection::vec((0usize..200, 0usize..200), 0..5),
    ) {
        use newsdex::search::snippet::to_char_ranges;
        // Byte ranges as tantivy gives them: on character boundaries.
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let at = |i: usize| boundaries[i % boundaries.len()];
        let ranges: Vec<_> = ranges.into_iter().map(|(a, b)| at(a).min(at(b))..at(a).max(at(b))).collect();
        let chars = text.chars().count();
        for r in to_char_ranges(&text, &ranges) {
            prop_assert!(r.start <= r.end && r.end <= chars);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Resources

/// Run newsdex with `args`, sampling its anonymous memory (heap, not mapped index files) until
/// it exits; give back its exit code, stderr and the largest sample in bytes.
fn run_measured(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, u64) {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut text).unwrap();
        text
    });
    while child.try_wait().unwrap().is_none() {
        let anon = fs::read_to_string(&status_file)
            .ok()
            .and_then(|status| {
                let line = status.lines().find(|l| l.starts_with("RssAnon:"))?;
                line.split_whitespace().nth(1)?.parse::<u64>().ok()
            })
            .unwrap_or(0);
        peak = peak.max(anon * 1024);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let code = child.wait().unwrap().code();
    (code, reader.join().unwrap(), peak)
}

/// A corpus larger than the writer's memory budget, with a 1 GB sparse file and one over the
/// size limit among its files: the heap stays near the budget, nothing is read whole.
#[test]
fn indexing_more_than_the_memory_budget_keeps_the_heap_bounded() {
    // The least two threads take.
    const BUDGET_MB: u64 = 43;
    let fx = Fixture::empty();
    let mut words = Words(0xb0d9e7);
    let mut corpus_bytes = 0;
    for i in 0..800 {
        let text = words.text(60_000);
        corpus_bytes += text.len() as u64;
        fx.write(&format!("big/{i:04}.txt"), text);
    }
    assert!(corpus_bytes > BUDGET_MB * 1_000_000);
    File::create(fx.corpus.join("sparse-1g.txt"))
        .unwrap()
        .set_len(1_000_000_000)
        .unwrap();
    let mut huge = File::create(fx.corpus.join("huge.txt")).unwrap();
    huge.write_all(b"Text first, then a hole past the size limit.\n")
        .unwrap();
    huge.set_len(newsdex::ingest::read::MAX_FILE_BYTES + 1)
        .unwrap();

    let budget = BUDGET_MB.to_string();
    let args: Vec<&std::ffi::OsStr> = vec![
        "index".as_ref(),
        "--corpus".as_ref(),
        fx.corpus.as_os_str(),
        "--index".as_ref(),
        fx.index.as_os_str(),
        "--threads".as_ref(),
        "2".as_ref(),
        "--memory-mb".as_ref(),
        budget.as_ref(),
    ];
    let (code, stderr, peak) = run_measured(&args);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("indexed 800 articles"), "{stderr}");
    // The budget, tantivy's queue of documents waiting for its indexing threads, the files
    // being read, and the program itself; far below the 1 GB the sparse file would take.
    let bound = (BUDGET_MB + 250) * 1_000_000;
    assert!(
        peak < bound,
        "peak heap {} MB for a {} MB corpus, budget {BUDGET_MB} MB",
        peak / 1_000_000,
        corpus_bytes / 1_000_000
    );
}

/// A small filesystem of its own, mounted while the value lives (needs root and loop devices).
struct SmallDisk {
    mount: PathBuf,
    _dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(megabytes: u64) -> Option<SmallDisk> {
        use std::process::{Command, Stdio};
        let dir = tempfile::tempdir().ok()?;
        let image = dir.path().join("disk.img");
        let mount = dir.path().join("mnt");
        fs::create_dir(&mount).ok()?;
        File::create(&image)
            .ok()?
            .set_len(megabytes * 1_000_000)
            .ok()?;
        let quiet = |cmd: &mut Command| {
            cmd.stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        let made = quiet(Command::new("mkfs.ext4").arg("-q").arg(&image));
        let mounted = made
            && quiet(
                Command::new("mount")
                    .args(["-o", "loop"])
                    .arg(&image)
                    .arg(&mount),
            );
        mounted.then_some(SmallDisk { mount, _dir: dir })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(&self.mount)
            .status();
    }
}

/// The disk fills up while a rebuild writes: the run fails with one clear line, and the index
/// keeps answering from its last commit.
#[test]
fn a_full_disk_leaves_the_last_committed_index_usable() {
    let fx = Fixture::empty();
    fx.write(
        "first.txt",
        "Markercommitted: the article of the first build.\n",
    );
    // A loop-mounted 4 MB filesystem when this runs as root; otherwise the same failure comes
    // from a file size limit (RLIMIT_FSIZE, with SIGXFSZ ignored so writes fail with EFBIG).
    let disk = SmallDisk::mount(4);
    let index = match &disk {
        Some(disk) => disk.mount.join("index"),
        None => fx.index.clone(),
    };
    let run = |limited: bool| {
        let mut cmd = std::process::Command::new("sh");
        let limit = if limited && disk.is_none() {
            "trap '' XFSZ; ulimit -f 2048; "
        } else {
            ""
        };
        cmd.arg("-c")
            .arg(format!("{limit}exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_newsdex"))
            .args(["index", "--quiet", "--threads", "2", "--corpus"])
            .arg(&fx.corpus)
            .arg("--index")
            .arg(&index);
        cmd.output().unwrap()
    };
    let first = run(false);
    assert!(first.status.success(), "{first:?}");

    let mut words = Words(0xd15c);
    for i in 0..40 {
        fx.write(&format!("more/{i:03}.txt"), words.text(250_000));
    }
    let output = run(true);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_no_panic(&stderr);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("newsdex: error: "), "{stderr}");
    if disk.is_some() {
        assert!(stderr.contains("No space left on device"), "{stderr}");
    }

    let engine = Engine::open(&index).expect("the last commit opens");
    assert_eq!(matching(&engine, "markercommitted"), vec!["first.txt"]);
    let output = newsdex()
        .args(["search", "markercommitted", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
}
