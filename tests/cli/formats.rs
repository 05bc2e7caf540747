//! Corpora as they come (issue 18): WARC crawls, CSV and TSV, news-please JSON, compressed
//! files, stray NUL bytes, files of other kinds counted, ignore files and --include/--exclude.
//! Every fixture is written by the test, the WARC files and compressed files included.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::Value;

use crate::common::{Fixture, newsdex};

/// An HTML page as a news site serves it.
fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{title}</title><style>p {{color: red}}</style>\
         </head><body><h1>{title}</h1><p>{body}</p><script>var x = 1;</script></body></html>"
    )
}

/// A WARC record of `kind` for `uri` with `block`.
fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:x>\r\n\
         Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(content_type: &str, body: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n{body}").into_bytes()
}

/// A crawl: a warcinfo record, a request, two pages, an image, a broken record, one more page.
fn crawl() -> Vec<u8> {
    let mut warc =
        b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 9\r\n\r\nsoftware\n\r\n\r\n".to_vec();
    warc.extend(warc_record(
        "request",
        "https://news.example/a",
        b"GET /a HTTP/1.1\r\n\r\n",
    ));
    warc.extend(warc_record(
        "response",
        "https://news.example/a",
        &http(
            "text/html; charset=utf-8",
            &page(
                "Harbour reopens after storm",
                "The harbour at Dunmore reopened on Tuesday, the port authority said.",
            ),
        ),
    ));
    warc.extend(warc_record(
        "response",
        "https://news.example/logo.png",
        &http("image/png", "PNGDATA"),
    ));
    warc.extend(warc_record(
        "response",
        "https://news.example/b",
        &http(
            "text/html",
            &page(
                "Council approves budget",
                "The city council approved the budget by nine votes to four.",
            ),
        ),
    ));
    // A record whose head lost its length: reported, and the next one read.
    warc.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\n\r\ngarbage\r\n\r\n");
    warc.extend(warc_record(
        "response",
        "https://news.example/c",
        &http(
            "text/html",
            &page(
                "Ferry service resumes",
                "Ferries to the islands resumed on Wednesday after a week of gales.",
            ),
        ),
    ));
    warc
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    out.write_all(bytes).unwrap();
    out.finish().unwrap()
}

/// Each record gzipped on its own, as crawlers write `.warc.gz`.
fn gzip_members(records: &[Vec<u8>]) -> Vec<u8> {
    records.iter().flat_map(|r| gzip(r)).collect()
}

fn bzip2(bytes: &[u8]) -> Vec<u8> {
    let mut out = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
    out.write_all(bytes).unwrap();
    out.finish().unwrap()
}

fn xz(bytes: &[u8]) -> Vec<u8> {
    let mut out = liblzma::write::XzEncoder::new(Vec::new(), 6);
    out.write_all(bytes).unwrap();
    out.finish().unwrap()
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::encode_all(bytes, 3).unwrap()
}

/// `newsdex extract PATH --format json`: the articles by id, and stderr.
fn extract(path: &std::path::Path) -> (BTreeMap<String, Value>, String) {
    let output = newsdex()
        .arg("extract")
        .arg(path)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    let articles = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line).unwrap();
            (value["id"].as_str().unwrap_or_default().to_string(), value)
        })
        .collect();
    (articles, stderr)
}

/// `newsdex export --corpus`: the records exported, in order.
fn exported(fx: &Fixture) -> Vec<Value> {
    let output = newsdex()
        .args(["export", "--quiet", "--corpus"])
        .arg(&fx.corpus)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn exported_ids(fx: &Fixture) -> Vec<String> {
    exported(fx)
        .iter()
        .map(|value| value["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The exported record of `id` (with the body, URL and author that `extract` leaves out).
fn record(records: &[Value], id: &str) -> Value {
    records
        .iter()
        .find(|r| r["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("no record {id}"))
}

/// `newsdex index` with these extra arguments: its stderr, after asserting success.
fn index(fx: &Fixture, args: &[&str]) -> String {
    let output = newsdex()
        .arg("index")
        .arg("--corpus")
        .arg(&fx.corpus)
        .arg("--index")
        .arg(&fx.index)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    stderr
}

/// The paths of every indexed article, via `export --index`.
fn indexed(fx: &Fixture) -> Vec<(String, String)> {
    let output = newsdex()
        .args(["export", "--quiet", "--index"])
        .arg(&fx.index)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let mut out: Vec<(String, String)> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line).unwrap();
            (
                value["id"].as_str().unwrap_or_default().to_string(),
                value["path"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_warc_crawl_gives_one_article_per_html_response() {
    let fx = Fixture::empty();
    let warc = fx.write("crawl.warc", crawl());
    let (articles, stderr) = extract(&fx.corpus);
    let ids: Vec<&str> = articles.keys().map(String::as_str).collect();
    assert_eq!(ids, ["crawl.warc#3", "crawl.warc#5", "crawl.warc#7"]);
    assert_eq!(
        articles["crawl.warc#3"]["title"],
        "Harbour reopens after storm"
    );
    assert_eq!(articles["crawl.warc#3"]["published"], "2024-03-05");
    assert!(stderr.contains("crawl.warc: record 6 (byte "), "{stderr}");
    let records = exported(&fx);
    let first = record(&records, "crawl.warc#3");
    assert_eq!(first["url"], "https://news.example/a");
    let body = first["body"].as_str().unwrap();
    assert!(
        body.contains("The harbour at Dunmore reopened on Tuesday"),
        "{body}"
    );
    assert!(!body.contains("var x"), "{body}");
    // A WARC file named on its own reads the same.
    let (alone, _) = extract(&warc);
    assert_eq!(alone.len(), 3);
    assert!(alone.contains_key(&format!("{}#7", warc.display())));
    assert!(stderr.contains("no valid Content-Length"), "{stderr}");
}

#[test]
fn a_gzipped_warc_is_one_source_indexed_and_replaced_whole() {
    let fx = Fixture::empty();
    let records = [
        warc_record(
            "response",
            "https://news.example/a",
            &http(
                "text/html",
                &page("Harbour reopens", "The harbour reopened on Tuesday."),
            ),
        ),
        warc_record(
            "request",
            "https://news.example/a",
            b"GET / HTTP/1.1\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://news.example/b",
            &http(
                "text/html",
                &page("Budget passes", "The council approved the budget."),
            ),
        ),
    ];
    fx.write("crawl.warc.gz", gzip_members(&records));
    fx.write("report.pdf", b"%PDF-1.7\n");
    let stderr = index(&fx, &[]);
    assert!(
        stderr.contains(
            "1 added, 0 updated, 0 removed, 0 unchanged files; read 1 files, indexed 2 articles"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("ignored: 1 .pdf"), "{stderr}");
    assert!(
        stderr.contains("records without article: 1 request"),
        "{stderr}"
    );
    assert_eq!(
        indexed(&fx),
        [
            ("crawl.warc.gz#1".to_string(), "crawl.warc.gz".to_string()),
            ("crawl.warc.gz#3".to_string(), "crawl.warc.gz".to_string()),
        ]
    );
    // The crawl changes: its articles are replaced, not added to.
    fx.write("crawl.warc.gz", gzip_members(&records[2..]));
    let stderr = index(&fx, &[]);
    assert!(stderr.contains("0 added, 1 updated"), "{stderr}");
    assert_eq!(
        indexed(&fx),
        [("crawl.warc.gz#1".to_string(), "crawl.warc.gz".to_string())]
    );
    let stderr = index(&fx, &[]);
    assert!(
        stderr.contains("1 unchanged files; read 0 files"),
        "{stderr}"
    );
}

#[test]
fn csv_and_tsv_columns_by_name_with_quoted_lines_and_a_broken_record() {
    let fx = Fixture::empty();
    fx.write(
        "kaggle/news.csv",
        "id,headline,publish_date,authors,link,content\n\
         n1,Harbour reopens,2024-05-01,\"Jones, A\",https://e.com/1,\"The harbour reopened.\n\nShips came in.\"\n\
         n2,Broken row,2024-05-02\n\
         n3,Budget passes,2024-05-03,,,\"The council approved the budget.\"\n",
    );
    fx.write(
        "kaggle/more.tsv",
        "title\tdate\ttext\nFerries resume\t2024-06-01\tFerries resumed on Wednesday.\n",
    );
    fx.write("kaggle/prices.csv", "item,price\napple,3\n");
    let (articles, stderr) = extract(&fx.corpus);
    let ids: Vec<&str> = articles.keys().map(String::as_str).collect();
    assert_eq!(ids, ["kaggle/more.tsv#1", "n1", "n3"]);
    assert_eq!(articles["n1"]["title"], "Harbour reopens");
    assert_eq!(articles["n1"]["published"], "2024-05-01");
    let n1 = record(&exported(&fx), "n1");
    assert_eq!(n1["author"], "Jones, A");
    assert_eq!(n1["url"], "https://e.com/1");
    assert_eq!(n1["body"], "The harbour reopened.\n\nShips came in.");
    assert_eq!(articles["kaggle/more.tsv#1"]["title"], "Ferries resume");
    assert!(
        stderr.contains("kaggle/news.csv:5: 3 fields where the header has 6"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "kaggle/prices.csv: invalid: no text column (body, text, content or article) in its \
             header: item, price"
        ),
        "{stderr}"
    );
    assert_eq!(exported_ids(&fx), ["kaggle/more.tsv#1", "n1", "n3"]);
}

#[test]
fn news_please_and_schema_org_json() {
    let fx = Fixture::empty();
    fx.write(
        "np/article.json",
        r#"{"authors": ["Ann Lee", "Bo Chan"], "date_publish": "2017-02-14 22:30:00",
            "description": "A lede.", "maintext": "The ferry sailed at dawn, the operator said.",
            "title": "Ferry sails", "url": "https://e.com/ferry", "source_domain": "e.com"}"#,
    );
    fx.write(
        "np/ld.jsonl",
        concat!(
            r#"{"headline": "Budget passes", "datePublished": "2024-05-03", "articleBody": "The council approved it.", "author": {"@type": "Person", "name": "Cy Dee"}}"#,
            "\n",
            r#"{"headline": "No text here"}"#,
            "\n",
            r#"{"title": "Content key", "content": "The content of the article."}"#,
            "\n",
        ),
    );
    let (articles, stderr) = extract(&fx.corpus);
    let article = &articles["np/article.json"];
    assert_eq!(article["title"], "Ferry sails");
    assert_eq!(article["published"], "2017-02-14");
    let records = exported(&fx);
    let full = record(&records, "np/article.json");
    assert_eq!(full["author"], "Ann Lee, Bo Chan");
    assert_eq!(full["url"], "https://e.com/ferry");
    assert_eq!(full["body"], "The ferry sailed at dawn, the operator said.");
    let ld = &articles["np/ld.jsonl#1"];
    assert_eq!(ld["title"], "Budget passes");
    assert_eq!(record(&records, "np/ld.jsonl#1")["author"], "Cy Dee");
    assert_eq!(ld["published"], "2024-05-03");
    assert_eq!(articles["np/ld.jsonl#3"]["title"], "Content key");
    assert!(
        stderr.contains("np/ld.jsonl:2: no article text"),
        "{stderr}"
    );
}

#[test]
fn every_compression_of_every_format_is_read() {
    let fx = Fixture::empty();
    let jsonl = "{\"id\": \"j1\", \"body\": \"The first article.\"}\n{broken\n{\"id\": \"j2\", \"body\": \"The second article.\"}\n";
    fx.write("a.jsonl.zst", zstd(jsonl.as_bytes()));
    fx.write("b.csv.gz", gzip(b"id,text\nc1,A table article.\n"));
    fx.write("c.txt.bz2", bzip2(b"A text headline\n\nA text body.\n"));
    fx.write("d.warc.xz", xz(&crawl()));
    fx.write(
        "e.html.gz",
        gzip(page("A page", "The page's one paragraph of text.").as_bytes()),
    );
    fx.write(
        "f.json.xz",
        xz(br#"{"id": "js", "text": "A JSON article."}"#),
    );
    fx.write("g.jsonl.gz", b"not gzip at all");
    let (articles, stderr) = extract(&fx.corpus);
    let ids: Vec<&str> = articles.keys().map(String::as_str).collect();
    assert_eq!(
        ids,
        [
            "c.txt.bz2",
            "c1",
            "d.warc.xz#3",
            "d.warc.xz#5",
            "d.warc.xz#7",
            "e.html.gz",
            "j1",
            "j2",
            "js"
        ]
    );
    assert_eq!(articles["c.txt.bz2"]["title"], "A text headline");
    assert_eq!(articles["e.html.gz"]["title"], "A page");
    assert!(stderr.contains("a.jsonl.zst:2: invalid JSON"), "{stderr}");
    assert!(stderr.contains("d.warc.xz: record 6 (byte"), "{stderr}");
    assert!(
        stderr.contains("g.jsonl.gz: invalid: cannot decompress"),
        "{stderr}"
    );
    // The index and a corpus export read them all the same.
    let stderr = index(&fx, &[]);
    assert!(stderr.contains("indexed 9 articles"), "{stderr}");
    assert_eq!(indexed(&fx).len(), 9);
    assert_eq!(exported_ids(&fx).len(), 9);
}

#[test]
fn stray_nul_bytes_are_dropped_and_other_kinds_counted() {
    let fx = Fixture::empty();
    fx.write(
        "nul.txt",
        b"Harbour reopens\n\nThe harbour\0 reopened on Tuesday after the storm\0, the port \
          authority said, and the first ships came in at noon.\n",
    );
    fx.write("paper.pdf", b"%PDF-1.7\n1 0 obj\n");
    fx.write("scan.PDF", b"%PDF-1.4\n");
    fx.write("photo.jpg", b"\xFF\xD8\xFF\xE0");
    fx.write("binary.txt", b"%PDF-1.7 saved as text");
    let (articles, stderr) = extract(&fx.corpus);
    let ids: Vec<&str> = articles.keys().map(String::as_str).collect();
    assert_eq!(ids, ["nul.txt"]);
    let body = record(&exported(&fx), "nul.txt")["body"].clone();
    assert!(
        body.as_str()
            .unwrap()
            .contains("The harbour reopened on Tuesday after the storm, the port"),
        "{body}"
    );
    assert!(
        stderr.contains("nul.txt: 2 stray NUL or control bytes dropped"),
        "{stderr}"
    );
    assert!(stderr.contains("binary.txt: binary"), "{stderr}");
    let stderr = index(&fx, &[]);
    assert!(
        stderr.contains("skipped 1 (1 binary), ignored: 1 .jpg, 2 .pdf"),
        "{stderr}"
    );
}

#[test]
fn ignore_files_and_include_exclude_globs_narrow_the_corpus() {
    let fx = Fixture::empty();
    for name in [
        "bbc/README.TXT",
        "bbc/business/001.txt",
        "bbc/sport/001.txt",
        "drafts/x.txt",
        "secret/y.txt",
        "scratch.txt",
    ] {
        fx.write(
            name,
            format!("A headline for {name}\n\nThe body of {name}.\n"),
        );
    }
    fx.write(".gitignore", "drafts/\n");
    fx.write("bbc/.ignore", "sport/\n");
    fx.write(".ignore", "scratch.txt\n");
    index(&fx, &["--exclude", "README.TXT", "--exclude", "secret/"]);
    let paths: Vec<String> = indexed(&fx).into_iter().map(|(_, path)| path).collect();
    assert_eq!(paths, ["bbc/business/001.txt"]);
    // --include keeps only what matches; the vanished files leave the index.
    fx.write("bbc/business/002.csv", "title,body\nT,A table article.\n");
    index(&fx, &["--include", "*.csv"]);
    let paths: Vec<String> = indexed(&fx).into_iter().map(|(_, path)| path).collect();
    assert_eq!(paths, ["bbc/business/002.csv"]);
    // A bad glob is an error before anything is read.
    let output = newsdex()
        .arg("index")
        .arg("--corpus")
        .arg(&fx.corpus)
        .arg("--index")
        .arg(&fx.index)
        .args(["--exclude", "a[b"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--exclude \"a[b\""), "{stderr}");
}
