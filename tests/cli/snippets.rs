//! Snippets end to end: phrase-accurate highlights, fragment count and shape, the lead when
//! the body does not match, titles, and character offsets in any script.

use crate::common::{Fixture, bundled_corpus};
use serde_json::{Value, json};

const SEED_000: &str = "seeds/000_29dcbb1e78569601.txt";

/// The text of a JSON `[start, end]` range (character offsets) in `text`.
fn chars(text: &str, range: &Value) -> String {
    let at = |i: usize| range[i].as_u64().unwrap_or_default() as usize;
    crate::common::chars(text, [at(0), at(1)])
}

/// The hit of the article at `path`.
fn hit_at<'h>(hits: &'h [Value], path: &str) -> &'h Value {
    hits.iter()
        .find(|h| h["path"] == path)
        .unwrap_or_else(|| panic!("{path} is among the hits"))
}

/// The highlighted words of each fragment of a hit.
fn lit(hit: &Value) -> Vec<Vec<String>> {
    hit["fragments"]
        .as_array()
        .map(|fragments| {
            fragments
                .iter()
                .map(|f| {
                    let text = f["text"].as_str().unwrap_or_default();
                    f["highlights"]
                        .as_array()
                        .map(|h| h.iter().map(|r| chars(text, r)).collect())
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default()
}

fn fragment_texts(hit: &Value) -> Vec<String> {
    hit["fragments"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|f| f["text"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// A Wikinews article of the bundled corpus as one JSON line, with its title and date.
fn wikinews_line(file: &str, title: &str, published: &str) -> String {
    let raw = std::fs::read_to_string(bundled_corpus().join("wikinews").join(file))
        .expect("a bundled Wikinews article");
    // The file holds the title, a blank line, the date line, a blank line, then the body.
    let body = raw.splitn(3, "\n\n").nth(2).unwrap_or_default();
    json!({ "id": file, "title": title, "published": published, "body": body }).to_string()
}

fn pelosi() -> String {
    wikinews_line(
        "0002-nancy-pelosi-again-elected-speaker-as-116th-u-s-congress-swo.txt",
        "Nancy Pelosi again elected Speaker as 116th U.S. Congress sworn in",
        "2019-01-04",
    )
}

fn magnitogorsk() -> String {
    wikinews_line(
        "0001-magnitogorsk-apartment-building-collapses-after-explosion-do.txt",
        "Magnitogorsk apartment building collapses after explosion, dozens dead",
        "2019-01-04",
    )
}

#[test]
fn a_phrase_is_lit_only_where_it_occurs() {
    let fx = Fixture::seeds_and_wikinews(40).indexed();
    let (hits, _) = fx.search_json("\"direct flights\"", &[]);
    let seed = hit_at(&hits, SEED_000);
    let words: Vec<String> = lit(seed).concat();
    assert_eq!(words, ["direct", "flights", "direct", "flights"]);
    // The seed's "direct talks" is shown nowhere as a match.
    for text in fragment_texts(seed) {
        assert!(!text.contains("first direct talks"), "{text}");
    }
    // Words apart: each is lit wherever it occurs in the fragments.
    let (hits, _) = fx.search_json("direct flights", &["--fragments", "3"]);
    let seed = hit_at(&hits, SEED_000);
    let directs = lit(seed).concat().iter().filter(|w| *w == "direct").count();
    let shown = fragment_texts(seed).concat().matches("direct").count();
    assert_eq!(directs, shown);
}

#[test]
fn excluded_and_other_field_words_are_never_lit() {
    let fx = Fixture::empty();
    fx.write("news.jsonl", format!("{}\n{}\n", pelosi(), magnitogorsk()));
    let fx = fx.indexed();
    let (hits, _) = fx.search_json("Pelosi -Trump", &[]);
    assert!(hits.is_empty(), "the Pelosi article names Trump");
    let (hits, _) = fx.search_json("Speaker -explosion title:Congress", &[]);
    assert_eq!(hits.len(), 1);
    let words = lit(&hits[0]).concat();
    assert!(!words.is_empty());
    assert!(words.iter().all(|w| w == "Speaker"), "{words:?}");
    let title = hits[0]["title"].as_str().unwrap_or_default();
    let title_words: Vec<String> = hits[0]["title_highlights"]
        .as_array()
        .map(|h| h.iter().map(|r| chars(title, r)).collect())
        .unwrap_or_default();
    assert_eq!(title_words, ["Speaker", "Congress"]);
}

#[test]
fn fragments_come_as_many_as_asked_and_join_into_the_snippet() {
    let fx = Fixture::seeds_and_wikinews(10).indexed();
    for n in [1, 3] {
        let (hits, _) = fx.search_json("Russia", &["--fragments", &n.to_string()]);
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|h| fragment_texts(h).len() <= n));
        let seed = hit_at(&hits, SEED_000);
        assert_eq!(fragment_texts(seed).len(), n, "the seed names Russia often");
        assert_eq!(
            seed["snippet"]["text"].as_str().unwrap_or_default(),
            fragment_texts(seed).join(" … ")
        );
        let snippet_words: Vec<String> = seed["snippet"]["highlights"]
            .as_array()
            .map(|h| {
                let text = seed["snippet"]["text"].as_str().unwrap_or_default();
                h.iter().map(|r| chars(text, r)).collect()
            })
            .unwrap_or_default();
        assert_eq!(snippet_words, lit(seed).concat());
    }
    let (hits, _) = fx.search_json("Russia", &["--fragments", "0"]);
    assert!(hits.iter().all(|h| fragment_texts(h).is_empty()));
}

#[test]
fn fragments_are_about_the_asked_length_and_cut_between_words() {
    let fx = Fixture::seeds_and_wikinews(40).indexed();
    let (hits, _) = fx.search_json("Moscow", &["--snippet-chars", "90"]);
    assert!(hits.len() >= 2);
    for hit in &hits {
        for text in fragment_texts(hit) {
            let length = text.chars().count();
            assert!((20..=180).contains(&length), "{length}: {text}");
            assert!(!text.starts_with(' ') && !text.ends_with(' '));
        }
    }
}

#[test]
fn a_title_only_or_filter_only_hit_shows_the_lead() {
    let fx = Fixture::empty();
    fx.write("news.jsonl", format!("{}\n{}\n", pelosi(), magnitogorsk()));
    let fx = fx.indexed();
    let (hits, _) = fx.search_json("sworn", &[]);
    assert_eq!(hits.len(), 1, "only the title says sworn");
    let lead = "Nancy Pelosi yesterday resumed the office of Speaker of the House, being voted \
                into the position by the incoming 116th United States Congress.";
    assert_eq!(fragment_texts(&hits[0]), [lead]);
    assert_eq!(lit(&hits[0]), [Vec::<String>::new()]);
    let title = hits[0]["title"].as_str().unwrap_or_default();
    assert_eq!(chars(title, &hits[0]["title_highlights"][0]), "sworn");

    let (hits, _) = fx.search_json("", &["--since", "2019-01"]);
    assert_eq!(hits.len(), 2);
    for hit in &hits {
        let texts = fragment_texts(hit);
        assert_eq!(texts.len(), 1);
        assert!(texts[0].ends_with('.'), "a whole lead sentence: {texts:?}");
    }
}

#[test]
fn offsets_are_characters_in_any_script() {
    let fx = Fixture::empty();
    let body = "Юрий Ушаков 🙂 заявил, что 東京 flights resume. Naïve cafe\u{301} owners cheered the \
                flights; 👍🏽 Ушаков smiled.";
    let line = json!({ "id": "u1", "title": "Рейсы 🛫 flights", "body": body });
    fx.write("unicode.jsonl", format!("{line}\n"));
    let fx = fx.indexed();
    let (hits, _) = fx.search_json("ушаков flights", &[]);
    assert_eq!(hits.len(), 1);
    let words = lit(&hits[0]).concat();
    assert_eq!(words, ["Ушаков", "flights", "flights", "Ушаков"]);
    let title = hits[0]["title"].as_str().unwrap_or_default();
    assert_eq!(chars(title, &hits[0]["title_highlights"][0]), "flights");
}
