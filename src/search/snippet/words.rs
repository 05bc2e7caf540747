//! Finding the words of a text whose analysed term a query's patterns match.
//!
//! Analysing a whole article (tokenizing and stemming every word) costs more than the search
//! itself, so for the prose tokenizer the finder scans instead. An English (Porter2) stem
//! differs from its lowercased word in at most its last character (`flies`/`fli`,
//! `hoping`/`hope`), except for `dying`, `lying`, `tying` and `vying` (checked on the 263,000
//! distinct words of the Reuters corpus), so every word that can match starts with a key:
//! the stem less its last character (the whole stem if it has one or two letters). Only the
//! words starting with a key are analysed, each distinct word once per query. Other
//! tokenizers, and regex patterns (which have no key), analyse the whole text. Both ways find
//! the same words (see the tests).
//!
//! Long texts are searched for the keys' first two bytes, in every ASCII case, with a SIMD
//! (Teddy) searcher built once per query; short ones (titles) with a byte loop, as the
//! searcher takes longer to build than a title takes to scan.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use tantivy::tokenizer::TextAnalyzer;

use super::clauses::{FieldQuery, Pattern, PatternSet};

/// A word of the text and the patterns its term matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Occurrence {
    /// Byte range of the word in the text.
    pub bytes: Range<usize>,
    pub patterns: PatternSet,
}

/// Finds the words of a field's text that a [`FieldQuery`] looks for.
#[derive(Clone)]
pub(crate) struct WordFinder {
    analyzer: RefCell<TextAnalyzer>,
    exact: HashMap<String, PatternSet>,
    others: Vec<(Pattern, PatternSet)>,
    /// Keys every matching word starts with; `None` when the whole text must be analysed.
    scan: Option<Keys>,
    /// The patterns of each word analysed so far, as it stands in the text.
    seen: RefCell<HashMap<Box<str>, PatternSet, BuildHasherDefault<WordHasher>>>,
}

impl WordFinder {
    /// `words_are_alphanumeric_runs` says that the analyzer splits text into runs of
    /// alphanumeric characters, lowercases and stems them (the `en_stem` tokenizer).
    pub(crate) fn new(
        query: &FieldQuery,
        analyzer: TextAnalyzer,
        words_are_alphanumeric_runs: bool,
    ) -> WordFinder {
        let mut exact: HashMap<String, PatternSet> = HashMap::new();
        let mut others = Vec::new();
        let mut keys = Some(Vec::new());
        for (id, pattern) in query.patterns.iter().enumerate() {
            let bit: PatternSet = 1 << id;
            match pattern {
                Pattern::Exact(term) => {
                    *exact.entry(term.clone()).or_default() |= bit;
                    add_keys(&mut keys, term);
                }
                Pattern::Prefix(prefix) => {
                    others.push((pattern.clone(), bit));
                    add_keys(&mut keys, prefix);
                }
                Pattern::Regex(_) => {
                    others.push((pattern.clone(), bit));
                    keys = None;
                }
            }
        }
        let scan = keys
            .filter(|keys| words_are_alphanumeric_runs && !keys.is_empty())
            .map(Keys::new);
        WordFinder {
            analyzer: RefCell::new(analyzer),
            exact,
            others,
            scan,
            seen: RefCell::new(HashMap::default()),
        }
    }

    /// The patterns an analysed term matches.
    fn classify(&self, term: &str) -> PatternSet {
        let mut set = self.exact.get(term).copied().unwrap_or(0);
        for (pattern, bit) in &self.others {
            if pattern.matches(term) {
                set |= bit;
            }
        }
        set
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.others.is_empty()
    }

    /// The matching words of `text`, in order.
    pub(crate) fn find(&self, text: &str) -> Vec<Occurrence> {
        if self.is_empty() {
            return Vec::new();
        }
        match &self.scan {
            Some(keys) => self.scan(keys, text),
            None => self.analyse(text),
        }
    }

    /// Analyse every word of the text.
    pub(crate) fn analyse(&self, text: &str) -> Vec<Occurrence> {
        let mut analyzer = self.analyzer.borrow_mut();
        let mut stream = analyzer.token_stream(text);
        let mut found = Vec::new();
        while let Some(token) = stream.next() {
            let patterns = self.classify(&token.text);
            if patterns != 0 {
                found.push(Occurrence {
                    bytes: token.offset_from..token.offset_to,
                    patterns,
                });
            }
        }
        found
    }

    fn scan(&self, keys: &Keys, text: &str) -> Vec<Occurrence> {
        let mut found = Vec::new();
        let bytes = text.as_bytes();
        let mut done = 0;
        for start in keys.candidates(bytes) {
            if start < done || !starts_word(text, start) || !keys.start(&bytes[start..]) {
                continue;
            }
            let end = word_end(text, start);
            self.check_word(text, start..end, &mut found);
            done = end;
        }
        if !text.is_ascii() {
            self.scan_accented(text, &mut found);
        }
        found
    }

    /// The words holding a character outside ASCII: the index folds accents, so `Erdoğan` is
    /// the term `erdogan` although it does not start with the key `erdoga`. Added to `found`
    /// (words the keys found are not looked at again), which stays in text order.
    fn scan_accented(&self, text: &str, found: &mut Vec<Occurrence>) {
        let keyed = found.len();
        let bytes = text.as_bytes();
        let mut done = 0;
        while let Some(offset) = bytes[done..].iter().position(|b| !b.is_ascii()) {
            // `done` is a character boundary, so `at` is the first byte of a character.
            let at = done + offset;
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            if !c.is_alphanumeric() {
                done = at + c.len_utf8();
                continue;
            }
            let start = text[..at]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| c.is_alphanumeric())
                .last()
                .map_or(at, |(i, _)| i);
            let end = word_end(text, start);
            if !found[..keyed].iter().any(|o| o.bytes.start == start) {
                self.check_word(text, start..end, found);
            }
            done = end;
        }
        if found.len() > keyed {
            found.sort_by_key(|o| o.bytes.start);
        }
    }

    /// Analyse one word of the text (each distinct word once per query) and keep it if it
    /// matches.
    fn check_word(&self, text: &str, bytes: Range<usize>, found: &mut Vec<Occurrence>) {
        let word = &text[bytes.clone()];
        let mut seen = self.seen.borrow_mut();
        let patterns = match seen.get(word) {
            Some(&patterns) => patterns,
            None => {
                let mut analyzer = self.analyzer.borrow_mut();
                let mut stream = analyzer.token_stream(word);
                let patterns = stream.next().map_or(0, |token| self.classify(&token.text));
                seen.insert(word.into(), patterns);
                patterns
            }
        };
        if patterns != 0 {
            found.push(Occurrence { bytes, patterns });
        }
    }
}

/// FNV-1a, faster than the default SipHash on short words. Crafted collisions could only
/// slow down the snippets of the query they appear in (the map lives for one query).
#[derive(Debug, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> WordHasher {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The beginnings a matching word may have.
#[derive(Debug, Clone)]
struct Keys {
    /// Whether a byte begins some key (in either ASCII case).
    first: [bool; 256],
    keys: Vec<Box<[u8]>>,
    /// The keys' first bytes in every ASCII case.
    heads: Vec<Vec<u8>>,
    /// A SIMD searcher for the heads, built for the first long text (it takes longer to build
    /// than to scan a title with the byte loop); `None` inside when there are too many heads.
    searcher: OnceCell<Option<aho_corasick::packed::Searcher>>,
}

/// Bytes of a key that the SIMD searcher looks for.
const HEAD_BYTES: usize = 2;
/// Texts shorter than this are scanned byte by byte.
const LONG_TEXT: usize = 1024;

impl Keys {
    fn new(keys: Vec<String>) -> Keys {
        let mut first = [false; 256];
        let mut heads: Vec<Vec<u8>> = Vec::new();
        for key in &keys {
            let bytes = key.as_bytes();
            if let Some(&b) = bytes.first() {
                first[usize::from(b.to_ascii_lowercase())] = true;
                first[usize::from(b.to_ascii_uppercase())] = true;
            }
            let mut variants = vec![Vec::new()];
            for &b in bytes.iter().take(HEAD_BYTES) {
                let cases = [b.to_ascii_lowercase(), b.to_ascii_uppercase()];
                let cases = if cases[0] == cases[1] {
                    &cases[..1]
                } else {
                    &cases[..]
                };
                variants = variants
                    .into_iter()
                    .flat_map(|v| {
                        cases.iter().map(move |&c| {
                            let mut v = v.clone();
                            v.push(c);
                            v
                        })
                    })
                    .collect();
            }
            heads.extend(variants);
        }
        heads.sort();
        heads.dedup();
        let keys = keys.into_iter().map(|k| k.into_bytes().into()).collect();
        Keys {
            first,
            keys,
            heads,
            searcher: OnceCell::new(),
        }
    }

    /// The places in `bytes` that may start a key, in order.
    fn candidates<'a>(&'a self, bytes: &'a [u8]) -> Box<dyn Iterator<Item = usize> + 'a> {
        let searcher = if bytes.len() >= LONG_TEXT {
            self.searcher
                .get_or_init(|| {
                    aho_corasick::packed::Config::new()
                        .only_teddy(true)
                        .builder()
                        .extend(&self.heads)
                        .build()
                })
                .as_ref()
        } else {
            None
        };
        match searcher {
            Some(searcher) => Box::new(searcher.find_iter(bytes).map(|m| m.start())),
            None => Box::new(
                bytes
                    .iter()
                    .enumerate()
                    .filter(|&(_, &b)| self.first[usize::from(b)])
                    .map(|(i, _)| i),
            ),
        }
    }

    /// Whether `text` starts with a key, ASCII letters in any case.
    fn start(&self, text: &[u8]) -> bool {
        self.keys.iter().any(|key| {
            text.get(..key.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(key))
        })
    }
}

/// Add the scan key of a stem (or stem prefix) in the case forms a word may take (ASCII
/// letters are matched in any case).
fn add_keys(keys: &mut Option<Vec<String>>, stem: &str) {
    let Some(keys) = keys else { return };
    let length = stem.chars().count();
    // Words of one or two letters are not stemmed, and a longer word never stems to them;
    // the stems of `dying`, `lying`, `tying` and `vying` keep only their first letter.
    let keep = match stem {
        "die" | "lie" | "tie" | "vie" => 1,
        _ if length <= 2 => length,
        _ => length - 1,
    };
    let key: String = stem.chars().take(keep).collect();
    if key.is_empty() {
        return;
    }
    if !key.is_ascii() {
        let mut chars = key.chars();
        let capitalised: String = chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        keys.push(key.to_uppercase());
        keys.push(capitalised);
    }
    keys.push(key);
}

/// Whether a word (a run of alphanumeric characters) starts at byte `at`.
pub(crate) fn starts_word(text: &str, at: usize) -> bool {
    let here = text.get(at..).and_then(|s| s.chars().next());
    if !here.is_some_and(char::is_alphanumeric) {
        return false;
    }
    match at.checked_sub(1).map(|i| text.as_bytes()[i]) {
        None => true,
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        Some(_) => !text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric),
    }
}

/// The end of the run of alphanumeric characters starting at byte `at`.
pub(crate) fn word_end(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or_default();
    let ascii = rest
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    if rest.as_bytes().get(ascii).is_none_or(u8::is_ascii) {
        return at + ascii;
    }
    rest.char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::snippet::samples::{self, MAGNITOGORSK, SEED_000};
    use proptest::prelude::*;

    fn finder(query: &str) -> WordFinder {
        samples::body_query(query).1
    }

    fn words<'t>(text: &'t str, found: &[Occurrence]) -> Vec<&'t str> {
        found.iter().map(|o| &text[o.bytes.clone()]).collect()
    }

    #[test]
    fn stemmed_variants_are_found_in_any_case() {
        let f = finder("flights Russia");
        let text = "Flights resumed; a flight to RUSSIA, Russia's flighty fleet.";
        assert_eq!(
            words(text, &f.find(text)),
            ["Flights", "flight", "RUSSIA", "Russia"]
        );
    }

    #[test]
    fn accented_words_are_found_as_the_index_folds_them() {
        let f = finder("Erdogan Agnès");
        let text = "“Erdoğan” met Agnes; ERDOĞAN’s aide, Erdogan and agnès.";
        assert_eq!(
            words(text, &f.find(text)),
            ["Erdoğan", "Agnes", "ERDOĞAN", "Erdogan", "agnès"]
        );
        assert_eq!(f.find(text), f.analyse(text));
    }

    #[test]
    fn only_whole_words_match() {
        let f = finder("oil");
        let text = "Boil the oil; soil, oils and toil.";
        assert_eq!(words(text, &f.find(text)), ["oil", "oils"]);
    }

    #[test]
    fn scanning_finds_what_analysing_finds_on_real_articles() {
        for query in [
            "direct flights Russia",
            "Ushakov said talks",
            "\"United States\" ready",
            "diplomatic relations embassy",
            "explosion building collapsed dead",
            "rescuers temperatures freezing",
            "\"direct fli\"* \"the offi\"*",
            "dying lying tie",
            "happy flies hoping abilities",
        ] {
            let f = finder(query);
            for text in [samples::body(SEED_000), samples::body(MAGNITOGORSK)] {
                let scanned = f.find(&text);
                assert_eq!(scanned, f.analyse(&text), "{query}");
            }
        }
        let f = finder("flights");
        assert!(f.find(&samples::body(SEED_000)).len() >= 2);
    }

    #[test]
    fn non_ascii_words_are_found_capitalised_too() {
        let f = finder("ушаков");
        let text = "Юрий Ушаков сказал: ушаков";
        assert_eq!(words(text, &f.find(text)), ["Ушаков", "ушаков"]);
    }

    proptest! {
        #[test]
        fn scanning_agrees_with_analysing_on_any_text(
            text in "([a-zA-Z]{1,9}|[ .,’\u{301}éЖж東京🙂İ-]|flights?|Flying|dying|tied|RUSSIA){0,60}",
            query in prop::collection::vec(
                prop::sample::select(vec![
                    "flight", "fly", "die", "tie", "hope", "happy", "russia", "京", "éa", "ж", "ix",
                ]),
                1..4,
            ),
        ) {
            let f = finder(&query.join(" "));
            prop_assert_eq!(f.find(&text), f.analyse(&text));
        }
    }
}
