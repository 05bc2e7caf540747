//! The article reader and cleaner on arbitrary file contents: plain text, JSON, JSON Lines.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use newsdex::ingest::{self, clean, read};

const NAMES: [&str; 5] = ["a.txt", "a.json", "a.jsonl", "a.ndjson", "no-extension"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let Ok(read) = read::read_bytes(Path::new(name), name, bytes) else {
        return;
    };
    for raw in &read.articles {
        let cleaned = clean::clean(&raw.text);
        // Paragraphs are separated by exactly one blank line, each on one line.
        assert!(!cleaned.body.contains("\n\n\n"), "{:?}", cleaned.body);
        for link in &cleaned.links {
            assert!(!link.contains(char::is_whitespace), "{link:?}");
        }
        let article = ingest::prepare(raw);
        assert_eq!(article.path, raw.path);
    }
});
