//! HTML pages as articles, end to end: indexed and searched, and through `extract` and
//! `export`: the main text without the page's furniture, and the page's own metadata.

use serde_json::Value;

use crate::common::{Fixture, newsdex};

/// A made-up news page: navigation, an advert, a byline, a caption, related links, comments
/// and a footer around three paragraphs; metadata in JSON-LD and a canonical link.
const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour bridge to close for repairs | The Coastal Gazette</title>
<link rel="canonical" href="https://gazette.example/news/harbour-bridge">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Harbour bridge to close for repairs", "datePublished": "2024-03-05T09:30:00+01:00",
 "author": {"@type": "Person", "name": "Maria Keller"}}</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="advert">Advertisement</div>
<main><article>
<h1>Harbour bridge to close for repairs</h1>
<p class="byline">By Maria Keller</p>
<figure><img src="bridge.jpg"><figcaption>The harbour bridge at dusk. Photo: Gazette archive</figcaption></figure>
<p>The harbour bridge will close to traffic for six weeks from April while engineers replace
corroded cables, the port authority said on Tuesday.</p>
<p>Ferries will run every twenty minutes during the closure, and buses will take the long road
around the bay, adding about a quarter of an hour to the journey into town.</p>
<p>"We cannot wait any longer," said the authority's chief engineer, Tomas Lindqvist, who added
that the cables had not been replaced since the bridge opened in 1971.</p>
<p>Advertisement</p>
</article></main>
<aside><h2>Related stories</h2><ul><li><a href="/a">Port authority raises fees for yachts</a></li>
<li><a href="/b">New ferry enters service next spring</a></li></ul></aside>
<section id="comments"><h2>Comments</h2><p>Sailor42: About time!</p></section>
<footer><p>© 2024 The Coastal Gazette. All rights reserved. Privacy policy. Contact us.</p></footer>
</body></html>"#;

fn fixture() -> Fixture {
    let fx = Fixture::empty();
    fx.write("news/harbour-bridge.html", PAGE);
    fx
}

#[test]
fn an_html_page_is_indexed_and_found_by_its_text() {
    let fx = fixture().indexed();
    let (hits, _) = fx.search_json("corroded cables", &[]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["id"], "news/harbour-bridge.html");
    assert_eq!(hits[0]["title"], "Harbour bridge to close for repairs");
    // The page's furniture is not in the index.
    for furniture in [
        "\"Port authority raises fees\"",
        "Sailor42",
        "\"All rights reserved\"",
    ] {
        fx.search(furniture, &[]).assert().code(1);
    }
}

#[test]
fn extract_gives_the_page_title_and_date() {
    let fx = fixture();
    let output = newsdex()
        .arg("extract")
        .arg(fx.corpus.join("news/harbour-bridge.html"))
        .args(["--format", "json"])
        .output()
        .expect("run newsdex extract");
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let article: Value = serde_json::from_str(stdout.trim()).expect("one JSON line");
    assert_eq!(article["title"], "Harbour bridge to close for repairs");
    let published = article["published"].as_str().unwrap_or_default();
    assert!(published.starts_with("2024-03-05"), "{published}");
}

#[test]
fn export_from_a_corpus_of_pages() {
    let fx = fixture();
    fx.write(
        "latin1.htm",
        encoding_rs::WINDOWS_1252
            .encode(
                "<html><head><meta charset=\"windows-1252\"><title>Caf\u{e9}</title></head><body>\
                 <article><p>Le caf\u{e9} du port rouvre ses portes apr\u{e8}s six mois de \
                 travaux, a annonc\u{e9} son propri\u{e9}taire mardi matin.</p></article></body></html>",
            )
            .0,
    );
    let output = newsdex()
        .arg("export")
        .arg("--corpus")
        .arg(&fx.corpus)
        .arg("--quiet")
        .output()
        .expect("run newsdex export");
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let mut records: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    records.sort_by_key(|r| r["id"].as_str().unwrap_or_default().to_string());
    let ids: Vec<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["latin1.htm", "news/harbour-bridge.html"]);
    let body = records[0]["body"].as_str().expect("a body");
    assert!(body.contains("Le café du port rouvre"), "{body}");
    let published = records[1]["published"].as_str().unwrap_or_default();
    assert!(published.starts_with("2024-03-05"), "{published}");
    assert_eq!(records[1]["author"], "Maria Keller");
    let body = records[1]["body"].as_str().expect("a body");
    assert!(body.starts_with("The harbour bridge will close"), "{body}");
    assert!(body.ends_with("opened in 1971."), "{body}");
    assert_eq!(body.matches("\n\n").count(), 2, "{body}");
    for furniture in [
        "Home",
        "Advertisement",
        "By Maria",
        "dusk",
        "Related",
        "Sailor42",
        "©",
    ] {
        assert!(!body.contains(furniture), "{furniture:?} in {body}");
    }

    assert_eq!(
        records[1]["url"],
        "https://gazette.example/news/harbour-bridge"
    );
}
