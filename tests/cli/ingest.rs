//! Reading and cleaning the corpus, end to end: the real binary on corpora built in temp
//! folders (every format and layout, skipped files, warnings), and the cleaned seeds.
//!
//! Fixtures are the two seed articles and two Wikinews articles (CC BY 2.5, see
//! `tests/fixtures/wikinews/ATTRIBUTION.md`); every other text here is made up.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use newsdex::article::Article;
use newsdex::ingest::{self, read, walk};
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Read and prepare every article under `dir` through the library, by relative path.
fn prepare_all(dir: &Path) -> BTreeMap<String, Article> {
    let (files, problems) = walk::files(dir);
    assert!(problems.is_empty(), "{problems:?}");
    let mut out = BTreeMap::new();
    for file in &files {
        let read = read::read_file(file).unwrap_or_else(|skip| panic!("{}: {skip}", file.relative));
        for raw in &read.articles {
            out.insert(raw.id.clone(), ingest::prepare(raw));
        }
    }
    out
}

/// `newsdex extract DIR --format json`: the articles by id, and stderr.
fn extract(dir: &Path) -> (BTreeMap<String, Value>, String) {
    let output = assert_cmd::cargo::cargo_bin_cmd!("newsdex")
        .arg("extract")
        .arg(dir)
        .args(["--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run newsdex: {e}"));
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut articles = BTreeMap::new();
    for line in stdout.lines() {
        let value: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let id = value["id"].as_str().unwrap_or_default().to_string();
        articles.insert(id, value);
    }
    (
        articles,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
    }
    fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn ids(articles: &BTreeMap<String, Value>) -> Vec<&str> {
    articles.keys().map(String::as_str).collect()
}

fn title<'a>(articles: &'a BTreeMap<String, Value>, id: &str) -> &'a str {
    articles[id]["title"].as_str().unwrap_or_default()
}

/// Every paragraph is one line of prose ending a sentence; no URL, no related-article
/// pointer, no header line is left.
fn assert_continuous_prose(body: &str) {
    assert!(!body.is_empty());
    for paragraph in body.split("\n\n") {
        assert!(!paragraph.is_empty(), "empty paragraph in {body:?}");
        assert!(!paragraph.contains('\n'), "line break inside {paragraph:?}");
        assert_eq!(paragraph.trim(), paragraph);
        assert!(!paragraph.contains("  "), "double space in {paragraph:?}");
        let end = paragraph.trim_end_matches(['”', '"', '’']);
        assert!(
            end.ends_with(['.', '?', '!']),
            "paragraph ends mid-sentence: {paragraph:?}"
        );
    }
    assert!(!body.contains("http"), "URL left in the body");
    assert!(!body.to_lowercase().contains("related article"));
}

#[test]
fn seeds_read_as_continuous_prose() {
    let articles = prepare_all(&fixtures("seeds"));
    assert_eq!(articles.len(), 2);
    for article in articles.values() {
        assert_continuous_prose(&article.body);
    }

    let seed = &articles["004_a601677b5c772689.txt"];
    assert!(seed.body.contains(
        "properties that were seized between 2016 and 2018 in response to alleged election \
         interference.\n\nRussia first raised the possibility"
    ));
    assert!(
        !seed.body.contains("Far-Right Forum"),
        "related-article title left"
    );
    assert_eq!(
        seed.links,
        [
            "https://www.interfax.ru/russia/1030524",
            "https://www.themoscowtimes.com/2025/04/11/russia-asked-us-to-lift-sanctions-from-aeroflot-lavrov-says-a88692",
            "https://www.themoscowtimes.com/2025/02/28/russian-and-us-officials-discussed-restoring-embassy-staff-direct-flights-at-istanbul-talks-a88198",
        ]
    );
    assert_eq!(
        seed.title,
        "Russian and U.S. officials could meet “very soon” for another round of talks…"
    );

    let seed = &articles["000_29dcbb1e78569601.txt"];
    assert!(seed.body.contains(
        "was now heading back to the United States.\n\n“I hope the process will continue,” \
         Ushakov said. “We’ll see.”\n\nOn Sunday, Ushakov said"
    ));
    assert!(
        !seed.body.contains("Coup Attempt"),
        "related-article title left"
    );
    assert_eq!(seed.links, ["https://t.me/youlistenedmayak/37666"]);
}

#[test]
fn seed_layout_through_the_binary() {
    let (articles, stderr) = extract(&fixtures("seeds"));
    assert_eq!(
        ids(&articles),
        ["000_29dcbb1e78569601.txt", "004_a601677b5c772689.txt"]
    );
    assert!(title(&articles, "000_29dcbb1e78569601.txt").starts_with("The United States does not"));
    assert_eq!(stderr, "");
}

#[test]
fn wikinews_title_date_line_and_metadata() -> TestResult {
    let dir = tempfile::tempdir()?;
    for entry in fs::read_dir(fixtures("wikinews"))? {
        let path = entry?.path();
        if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
            fs::copy(&path, dir.path().join(name))?;
        }
    }
    let (articles, stderr) = extract(dir.path());
    assert_eq!(stderr, "");
    let id = "0061-nickey-iyambo-former-vice-president-of-namibia-dies-aged-82.txt";
    assert_eq!(articles.len(), 2);
    assert_eq!(
        title(&articles, id),
        "Nickey Iyambo, former vice-president of Namibia, dies aged 82"
    );
    assert_eq!(articles[id]["published"], "2019-05-21");

    let prepared = prepare_all(dir.path());
    let body = &prepared[id].body;
    assert!(body.starts_with("Nickey Iyambo, former vice-president of Namibia, died on Sunday"));
    assert!(
        !body.contains("Tuesday, May 21, 2019"),
        "date line left in the body"
    );
    assert_eq!(
        prepared[id].url.as_deref(),
        Some(
            "https://en.wikinews.org/wiki/Nickey_Iyambo,_former_vice-president_of_Namibia,_dies_aged_82"
        )
    );
    assert_continuous_prose(body);
    Ok(())
}

#[test]
fn title_over_blank_line_without_metadata() -> TestResult {
    let dir = tempfile::tempdir()?;
    write(
        dir.path(),
        "business/001.txt",
        "Made-up ferry firm doubles profit\n\nThe ferry firm said on Monday that profit doubled.\n\nIts shares rose 3%.\n",
    );
    write(
        dir.path(),
        "business/002.txt",
        "Can the ferry firm keep growing?\n\nAnalysts are not sure.\n",
    );
    let (articles, _) = extract(dir.path());
    assert_eq!(
        title(&articles, "business/001.txt"),
        "Made-up ferry firm doubles profit"
    );
    assert_eq!(
        title(&articles, "business/002.txt"),
        "Can the ferry firm keep growing?"
    );
    let prepared = prepare_all(dir.path());
    assert_eq!(
        prepared["business/001.txt"].body,
        "The ferry firm said on Monday that profit doubled.\n\nIts shares rose 3%."
    );
    Ok(())
}

#[test]
fn dash_header_layout_in_files_without_extension() -> TestResult {
    let dir = tempfile::tempdir()?;
    let text = "-- Made-up widget maker ( WID.N ) beats forecasts\n\
                -- By  Ann Example  and Bo Sample\n\
                -- Tue Oct 24, 2006 6:15pm EDT\n\
                -- http://www.example.com/article/2006/10/24/widgets\n\n \n\n \
                SPRINGFIELD  (Newswire) - Widget maker Acme Corp ( WID.N ) said on Tuesday its\n\
                profit rose.  Analysts had expected a fall, said one\n\
                analyst.  \"We are pleased,\" the chief executive said.\n";
    write(dir.path(), "20061024/us-widgets-idUSN2420061024", text);
    let (articles, _) = extract(dir.path());
    let id = "20061024/us-widgets-idUSN2420061024";
    assert_eq!(
        title(&articles, id),
        "Made-up widget maker (WID.N) beats forecasts"
    );
    let prepared = prepare_all(dir.path());
    let article = &prepared[id];
    assert_eq!(article.author.as_deref(), Some("Ann Example and Bo Sample"));
    assert_eq!(
        article.url.as_deref(),
        Some("http://www.example.com/article/2006/10/24/widgets")
    );
    assert_eq!(
        article.body,
        "SPRINGFIELD (Newswire) - Widget maker Acme Corp (WID.N) said on Tuesday its profit rose.\n\n\
         Analysts had expected a fall, said one analyst.\n\n\
         \"We are pleased,\" the chief executive said."
    );
    Ok(())
}

#[test]
fn json_lines_keep_good_lines_and_report_bad_ones_with_line_numbers() -> TestResult {
    let dir = tempfile::tempdir()?;
    let lines = [
        r#"{"id": "a-1", "title": "First", "body": "The first body.", "published": "2024-05-01", "url": "https://example.com/1", "author": "A. Writer"}"#,
        r#"{"title": "Broken", "body": "cut off"#,
        "",
        r#"{"text": "Second body, no title. It has two sentences.", "date": "2024-05-02T10:00:00Z"}"#,
        r#"{"title": "No text"}"#,
    ];
    write(dir.path(), "feed.jsonl", lines.join("\n"));
    write(
        dir.path(),
        "more.ndjson",
        "{\"body\": \"Windows line ends.\"}\r\n{\"body\": \"Second.\"}\r\n",
    );
    let (articles, stderr) = extract(dir.path());
    assert_eq!(
        ids(&articles),
        ["a-1", "feed.jsonl#4", "more.ndjson#1", "more.ndjson#2"]
    );
    assert_eq!(title(&articles, "a-1"), "First");
    assert_eq!(articles["a-1"]["published"], "2024-05-01");
    assert_eq!(articles["feed.jsonl#4"]["published"], "2024-05-02");
    assert_eq!(title(&articles, "feed.jsonl#4"), "Second body, no title");
    assert!(
        stderr.contains("feed.jsonl:2: invalid JSON at column"),
        "{stderr}"
    );
    assert!(
        stderr.contains("feed.jsonl:5: no article text (\"body\", \"text\""),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    Ok(())
}

#[test]
fn json_files_hold_an_object_or_an_array() -> TestResult {
    let dir = tempfile::tempdir()?;
    write(
        dir.path(),
        "one.json",
        r#"{"title": "Only one", "body": "Its body."}"#,
    );
    write(
        dir.path(),
        "many.json",
        r#"[{"id": 17, "body": "A."}, {"title": "B", "text": ["Para one.", "Para two."]}]"#,
    );
    write(dir.path(), "broken.json", r#"{"title": "Broken", "body": "#);
    let (articles, stderr) = extract(dir.path());
    assert_eq!(ids(&articles), ["17", "many.json#2", "one.json"]);
    assert_eq!(title(&articles, "one.json"), "Only one");
    assert!(
        stderr.contains("broken.json: invalid: invalid JSON"),
        "{stderr}"
    );
    let prepared = prepare_all_ok(dir.path());
    assert_eq!(prepared["many.json#2"].body, "Para one.\n\nPara two.");
    Ok(())
}

/// [`prepare_all`] for corpora with skipped files.
fn prepare_all_ok(dir: &Path) -> BTreeMap<String, Article> {
    let (files, _) = walk::files(dir);
    files
        .iter()
        .filter_map(|file| read::read_file(file).ok())
        .flat_map(|read| read.articles)
        .map(|raw| (raw.id.clone(), ingest::prepare(&raw)))
        .collect()
}

#[test]
fn legacy_encodings_are_decoded_with_a_warning_naming_the_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    write(
        dir.path(),
        "sport/199.txt",
        b"Club signs striker\n\nThe \xa315.8m signing from Porto was caf\xe9 owner\x92s son.\n",
    );
    write(
        dir.path(),
        "broken-utf8.txt",
        "Caf\u{e9} owner\u{2019}s son\n\nHe said \u{201c}hi\u{201d} "
            .bytes()
            .chain(*b"\xff.\n")
            .collect::<Vec<u8>>(),
    );
    let (articles, stderr) = extract(dir.path());
    assert_eq!(articles.len(), 2);
    assert!(
        stderr.contains("sport/199.txt: not UTF-8, read as Windows-1252"),
        "{stderr}"
    );
    assert!(
        stderr.contains("broken-utf8.txt: 1 invalid UTF-8 sequence replaced"),
        "{stderr}"
    );
    let prepared = prepare_all(dir.path());
    assert_eq!(
        prepared["sport/199.txt"].body,
        "The £15.8m signing from Porto was café owner’s son."
    );
    assert_eq!(prepared["broken-utf8.txt"].title, "Café owner’s son");
    Ok(())
}

#[test]
fn cr_and_crlf_line_ends() -> TestResult {
    let dir = tempfile::tempdir()?;
    let text = "Harbour reopens\n\nThe harbour\nreopened on Friday.\n\nhttps://example.com/x\n\nShips returned.\n";
    write(dir.path(), "crlf.txt", text.replace('\n', "\r\n"));
    write(dir.path(), "cr.txt", text.replace('\n', "\r"));
    let prepared = prepare_all(dir.path());
    for id in ["cr.txt", "crlf.txt"] {
        assert_eq!(prepared[id].title, "Harbour reopens");
        assert_eq!(
            prepared[id].body,
            "The harbour reopened on Friday.\n\nShips returned."
        );
        assert_eq!(prepared[id].links, ["https://example.com/x"]);
    }
    Ok(())
}

#[test]
fn skipped_and_ignored_files() -> TestResult {
    let dir = tempfile::tempdir()?;
    write(dir.path(), "good.txt", "A headline\n\nA body.\n");
    write(dir.path(), "empty.txt", "");
    write(dir.path(), "blank.txt", " \n\r\n\t\n");
    write(dir.path(), "image", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    write(dir.path(), "nul.txt", b"text with a \0 byte\n");
    write(
        dir.path(),
        "20061020/header-only",
        "-- Title only\n--\n-- Fri Oct 20, 2006 6:15pm EDT\n-- http://example.com/a\n\n \n\n",
    );
    write(dir.path(), "notes.md", "# not an article\n");
    write(dir.path(), "photo.png", b"\x89PNG");
    write(dir.path(), ".hidden.txt", "Hidden\n\nText.\n");
    let (articles, stderr) = extract(dir.path());
    assert_eq!(ids(&articles), ["good.txt"]);
    let mut skipped: Vec<&str> = stderr
        .lines()
        .filter_map(|line| line.strip_prefix("newsdex: skipped "))
        .collect();
    skipped.sort();
    let root = dir.path().display().to_string();
    let expected: Vec<String> = [
        ("20061020/header-only", "no text (header or links only)"),
        ("blank.txt", "empty"),
        ("empty.txt", "empty"),
        ("image", "binary"),
        ("nul.txt", "binary"),
    ]
    .iter()
    .map(|(name, why)| format!("{root}/{name}: {why}"))
    .collect();
    assert_eq!(skipped, expected);
    Ok(())
}

#[test]
fn index_summary_counts_skips_by_reason_and_warnings() -> TestResult {
    let corpus = tempfile::tempdir()?;
    let index = tempfile::tempdir()?;
    write(corpus.path(), "a.txt", "A headline\n\nA body.\n");
    write(corpus.path(), "b.txt", b"Latin\n\n\xa3 sign.\n");
    write(
        corpus.path(),
        "feed.jsonl",
        "{\"body\": \"One.\"}\nnot json\n{\"body\": \"Two.\"}\n",
    );
    write(corpus.path(), "empty.txt", "");
    write(corpus.path(), "bin", b"\0\0\0");
    write(corpus.path(), "header", "-- T\n-- By X\n");
    write(
        corpus.path(),
        "metadata.jsonl",
        "{\"file\": \"a.txt\", \"title\": \"Meta\"}\n{broken\n",
    );
    let output = assert_cmd::cargo::cargo_bin_cmd!("newsdex")
        .arg("index")
        .arg("--corpus")
        .arg(corpus.path())
        .arg("--index")
        .arg(index.path().join("idx"))
        .output()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "6 added, 0 updated, 0 removed, 0 unchanged files; read 6 files, indexed 4 articles \
             (4 in the index), skipped 3 (1 binary, 1 empty, 1 no text), 3 warnings"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("metadata.jsonl: line 2: invalid JSON"),
        "{stderr}"
    );
    assert!(stderr.contains("feed.jsonl:2: invalid JSON"), "{stderr}");
    Ok(())
}

/// A corpus built to hurt (issue 7): every file is either read or skipped with its reason,
/// once, and huge files are never read whole.
#[cfg(unix)]
#[test]
fn hostile_corpus_is_read_or_skipped_file_by_file() -> TestResult {
    use std::os::unix::fs::{PermissionsExt, symlink};

    let dir = tempfile::tempdir()?;
    let root = dir.path();
    write(
        root,
        "latin1.txt",
        b"Caf\xe9 reopens\n\nThe caf\xe9 reopened.\n",
    );
    write(
        root,
        "broken.txt",
        b"Headline\n\nGood text \xff\xfe more text.\n",
    );
    write(root, "nul.txt", b"Headline\n\nText\0with NUL.\n");
    // 50 MB on one line.
    write(root, "one-line.txt", "word ".repeat(10_000_000));
    // 1 GiB of nothing, and 1 GiB + 1 that starts with text: neither is read whole.
    fs::File::create(root.join("sparse.txt"))?.set_len(read::MAX_FILE_BYTES)?;
    let huge = root.join("huge.txt");
    fs::write(&huge, "Huge\n\n".to_string() + &"text ".repeat(2000))?;
    fs::OpenOptions::new()
        .write(true)
        .open(&huge)?
        .set_len(read::MAX_FILE_BYTES + 1)?;
    for n in 0..2000 {
        write(root, &format!("empties/{n:04}.txt"), "");
    }
    let deep: PathBuf = (0..100).map(|n| format!("d{n}")).collect();
    write(
        root,
        &deep.join("deep.txt").to_string_lossy(),
        "Deep\n\nDown here.\n",
    );
    symlink(root, root.join("loop"))?;
    symlink(root.join("missing.txt"), root.join("dangling.txt"))?;
    let _socket = std::os::unix::net::UnixListener::bind(root.join("socket"))?;
    write(root, "locked.txt", "Locked\n\nText.\n");
    fs::set_permissions(root.join("locked.txt"), fs::Permissions::from_mode(0o000))?;
    let locked_readable = fs::read(root.join("locked.txt")).is_ok(); // root reads anything
    write(root, "vanishing.txt", "Gone\n\nSoon.\n");

    let (files, problems) = walk::files(root);
    fs::remove_file(root.join("vanishing.txt"))?;
    let mut outcome: BTreeMap<String, String> = BTreeMap::new();
    for file in &files {
        let result = match read::read_file(file) {
            Ok(read) => format!(
                "{} article(s), {} warning(s)",
                read.articles.len(),
                read.warnings.len()
            ),
            Err(skip) => skip.label().to_string(),
        };
        assert!(
            outcome.insert(file.relative.clone(), result).is_none(),
            "{} twice",
            file.relative
        );
    }
    assert_eq!(files.len(), 2000 + 10);
    assert!(
        outcome
            .keys()
            .filter(|k| k.starts_with("empties/"))
            .all(|k| outcome[k] == "empty")
    );
    assert_eq!(outcome["latin1.txt"], "1 article(s), 1 warning(s)");
    assert_eq!(outcome["broken.txt"], "1 article(s), 1 warning(s)");
    // One stray NUL in a text is dropped, with a warning (issue 18).
    assert_eq!(outcome["nul.txt"], "1 article(s), 1 warning(s)");
    assert_eq!(outcome["one-line.txt"], "1 article(s), 0 warning(s)");
    assert_eq!(outcome["sparse.txt"], "binary");
    assert_eq!(outcome["huge.txt"], "too large");
    assert_eq!(
        outcome[&deep.join("deep.txt").to_string_lossy().into_owned()],
        "1 article(s), 0 warning(s)"
    );
    let locked = if locked_readable {
        "1 article(s), 0 warning(s)"
    } else {
        "unreadable"
    };
    assert_eq!(outcome["locked.txt"], locked);
    assert_eq!(outcome["vanishing.txt"], "unreadable");

    // The loop and the dangling link are reported once each; the socket is no file.
    let mut reported: Vec<(String, walk::ProblemKind)> = problems
        .iter()
        .map(|p| {
            (
                p.path
                    .strip_prefix(root)
                    .unwrap_or(&p.path)
                    .display()
                    .to_string(),
                p.kind,
            )
        })
        .collect();
    reported.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        reported,
        [
            ("dangling.txt".to_string(), walk::ProblemKind::Unreadable),
            ("loop".to_string(), walk::ProblemKind::Warning),
        ]
    );

    // The long line is cleaned as one paragraph of single spaces.
    let one_line = files.iter().find(|f| f.relative == "one-line.txt");
    let read = read::read_file(one_line.ok_or("one-line.txt not listed")?)?;
    let cleaned = newsdex::ingest::clean::clean(&read.articles[0].text);
    assert_eq!(cleaned.body.len(), 50_000_000 - 1);
    Ok(())
}

#[test]
fn an_empty_corpus_gives_nothing_and_no_problem() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (files, problems) = walk::files(dir.path());
    assert!(files.is_empty());
    assert!(problems.is_empty());
    let (articles, stderr) = extract(dir.path());
    assert!(articles.is_empty());
    assert_eq!(stderr, "");
    Ok(())
}

#[cfg(unix)]
#[test]
fn file_names_with_escapes_reach_stderr_escaped() -> TestResult {
    let dir = tempfile::tempdir()?;
    write(
        dir.path(),
        "evil\u{1b}[31m\u{202e}.jsonl",
        "{\"body\": \"ok.\"}\n{broken\n",
    );
    write(dir.path(), "bell\u{7}.txt", "");
    let (articles, stderr) = extract(dir.path());
    assert_eq!(articles.len(), 1);
    assert!(
        !stderr.contains(['\u{1b}', '\u{202e}', '\u{7}']),
        "{stderr:?}"
    );
    assert!(
        stderr.contains("evil\\u{1b}[31m\\u{202e}.jsonl:2: invalid JSON"),
        "{stderr}"
    );
    assert!(stderr.contains("bell\\u{7}.txt: empty"), "{stderr}");
    Ok(())
}

#[test]
fn a_missing_path_is_an_error() -> TestResult {
    let dir = tempfile::tempdir()?;
    let output = assert_cmd::cargo::cargo_bin_cmd!("newsdex")
        .arg("extract")
        .arg(dir.path().join("nowhere"))
        .output()?;
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("newsdex: error: ") && stderr.contains("nowhere"),
        "{stderr}"
    );
    Ok(())
}
