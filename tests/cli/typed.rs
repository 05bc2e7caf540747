//! Queries as people type them: punctuation inside words, curly quotes, accents and case, in
//! the query and in the filters, on both sides of the index.

use newsdex::search::quotes::QuoteRequest;
use newsdex::search::{Engine, Request};
use proptest::prelude::*;

use crate::common::{Fixture, paths};

/// Articles whose words carry the punctuation and accents people type.
fn punctuated() -> Fixture {
    let fx = Fixture::empty();
    fx.write(
        "obrien.txt",
        "Senator O'Brien speaks\n\n\"We will not build Trump's wall,\" Senator Pat O'Brien said on \
         Tuesday. It's the third time the U.S. Senate voted on it, a $5bn plan.\n",
    );
    fx.write(
        "erdogan.txt",
        "Erdoğan visits Ankara\n\nRecep Tayyip Erdoğan met Agnès Callamard in Ankara. \
         \u{201C}Our doors are open,\u{201D} Erdoğan said. The #MeToo movement and @UN officials \
         joined AT&T executives.\n",
    );
    fx.write(
        "plain.txt",
        "Brien Wall report\n\nA report about walls and senators by Pat Brien, without any \
         apostrophe. Erdogan is spelled here without accents, in Istanbul.\n",
    );
    fx.indexed()
}

fn found(fx: &Fixture, query: &str, args: &[&str]) -> Vec<String> {
    let (hits, summary) = fx.search_json(query, args);
    assert_eq!(summary["type"], "summary", "{query}: {summary}");
    let mut found = paths(&hits);
    found.sort();
    found
}

#[test]
fn apostrophes_and_punctuation_in_words_are_searched_as_typed() {
    let fx = punctuated();
    for (query, expected) in [
        ("O'Brien", vec!["obrien.txt"]),
        ("O\u{2019}Brien", vec!["obrien.txt"]),
        ("Trump's wall", vec!["obrien.txt"]),
        ("it's", vec!["obrien.txt"]),
        ("U.S. senate", vec!["obrien.txt"]),
        ("$5bn", vec!["obrien.txt"]),
        ("#MeToo", vec!["erdogan.txt"]),
        ("@UN officials", vec!["erdogan.txt"]),
        ("AT&T", vec!["erdogan.txt"]),
        ("doors & open", vec!["erdogan.txt"]),
        ("\u{201C}doors are open\u{201D}", vec!["erdogan.txt"]),
        ("senator OR", vec![]),
    ] {
        assert_eq!(found(&fx, query, &[]), expected, "{query}");
    }
}

#[test]
fn quotes_take_apostrophes_too() {
    let fx = punctuated();
    fx.query_cmd("quotes", "Trump's wall", &[])
        .assert()
        .success()
        .stdout(predicates::str::contains("O'Brien"));
    // "We will not" holds no apostrophe, but the quote of `don't`-style words must parse.
    fx.query_cmd("quotes", "won't", &[]).assert().code(1);
}

#[test]
fn unbalanced_quotes_and_parentheses_are_named() {
    let fx = punctuated();
    for (query, names) in [
        ("\"direct flights", "unclosed quote `\"` at character 1"),
        ("(talks OR flights", "unclosed `(` at character 1"),
        ("talks)", "`)` at character 6 closes nothing"),
    ] {
        let output = fx.search(query, &[]).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{query}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or_default();
        assert!(first.contains(names), "{query}: {stderr}");
    }
    let output = fx.search("&", &[]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("punctuation alone"));
}

#[test]
fn accents_and_case_are_folded_in_text_names_and_places() {
    let fx = punctuated();
    let both = vec!["erdogan.txt", "plain.txt"];
    assert_eq!(found(&fx, "Erdogan", &[]), both);
    assert_eq!(found(&fx, "ERDOĞAN", &[]), both);
    assert_eq!(found(&fx, "Agnes Callamard", &[]), vec!["erdogan.txt"]);
    assert_eq!(found(&fx, "\"agnès callamard\"", &[]), vec!["erdogan.txt"]);
    // A phrase still matches its words in their order.
    assert!(found(&fx, "\"callamard agnes\"", &[]).is_empty());
    assert_eq!(
        found(&fx, "", &["--speaker", "erdogan"]),
        vec!["erdogan.txt"]
    );
    assert_eq!(
        found(&fx, "visits", &["--speaker", "Erdoğan"]),
        vec!["erdogan.txt"]
    );
    assert_eq!(
        found(&fx, "", &["--location", "ANKARA"]),
        vec!["erdogan.txt"]
    );
    fx.query_cmd("quotes", "doors", &["--speaker", "erdogan"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Erdoğan"));
}

#[test]
fn an_accented_word_is_highlighted_for_a_plain_query() {
    let fx = punctuated();
    let (hits, _) = fx.search_json("erdogan callamard", &[]);
    let fragment = &hits[0]["fragments"][0];
    let text = fragment["text"].as_str().expect("fragment text");
    let chars: Vec<char> = text.chars().collect();
    let lit: Vec<String> = fragment["highlights"]
        .as_array()
        .expect("highlights")
        .iter()
        .map(|r| {
            let (start, end) = (r[0].as_u64().unwrap_or(0), r[1].as_u64().unwrap_or(0));
            chars[start as usize..end as usize].iter().collect()
        })
        .collect();
    assert!(lit.iter().any(|w| w == "Erdoğan"), "{lit:?} in {text}");
    assert!(lit.iter().any(|w| w == "Callamard"), "{lit:?} in {text}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Whatever punctuation a query holds, it runs, or its one-line error names a character
    /// of the query and where it stands (or the unknown field it names).
    #[test]
    fn every_typed_query_runs_or_names_what_is_wrong(
        query in "([a-zA-Z]{1,6}|[ '’\"“”()\\-+&/#@$.,:;!?*^~\\[\\]{}<>=|%\\\\]|AND|OR|NOT|title:|ğ|é){0,12}"
    ) {
        thread_local! {
            static ENGINE: (Fixture, Engine) = {
                let fx = punctuated();
                let engine = Engine::open(&fx.index).expect("the index opens");
                (fx, engine)
            };
        }
        ENGINE.with(|(_, engine)| {
            for outcome in [
                engine.search(&Request::new(query.clone())).map(|_| ()),
                engine.quotes(&QuoteRequest::new(query.clone())).map(|_| ()),
            ] {
                if let Err(error) = outcome {
                    let message = error.to_string();
                    prop_assert!(!message.contains('\n'), "{query:?}: {message}");
                    let named = message.contains("at character")
                        || message.contains("unknown field")
                        || message.contains("not supported")
                        || message.contains("punctuation alone")
                        || message.contains("no words to look for")
                        || message.contains("only excluded words");
                    prop_assert!(named, "{query:?}: {message}");
                }
            }
            Ok(())
        })?;
    }
}

#[test]
fn a_word_ending_in_a_star_finds_the_words_it_begins() {
    let fx = punctuated();
    assert_eq!(found(&fx, "erdo*", &[]), vec!["erdogan.txt", "plain.txt"]);
    assert_eq!(found(&fx, "Senat*", &[]), vec!["obrien.txt", "plain.txt"]);
    assert_eq!(found(&fx, "speaker:erd*", &[]), vec!["erdogan.txt"]);
    assert!(found(&fx, "zzq*", &[]).is_empty());
    let (hits, _) = fx.search_json("callam*", &[]);
    let fragment = &hits[0]["fragments"][0];
    assert!(
        !fragment["highlights"]
            .as_array()
            .expect("highlights")
            .is_empty(),
        "{fragment}"
    );
}
