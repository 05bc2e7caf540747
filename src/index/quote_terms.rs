//! The words of an article's quotes, kept as a set of hashed terms in a fast column.
//!
//! `newsdex quotes` looks for the articles whose quotes hold a query's words. Indexing the
//! quotes' text as a field of its own made tantivy tokenize, stem and post a large share of
//! every article twice (news is full of quotes). Instead,
//! each article records the distinct terms of its quotes (analysed like the body, so
//! `flights` is `flight`), each hashed to 32 bits, in a multi-valued fast column. A quote search
//! takes the articles whose body matches and keeps those whose set holds the query's words
//! ([`crate::search::quotes`]); each quote is then checked on its own text, so a hash collision
//! (about one chance in 40 million per word and article) only costs a look at one more article.
//!
//! The commonest words of English in quotes ([`STOP_WORDS`]: `the`, `said`, `is`...) are left
//! out: they are in nearly every set, so they would select nothing, and they make up more than a
//! quarter of the terms. A query's stop words are not looked up either; its quotes are still
//! checked for them one by one. An article whose quotes hold nothing but stop words records
//! [`ONLY_STOP_WORDS`], so that it still counts as an article with quotes.

use std::cell::RefCell;
use std::sync::OnceLock;

use tantivy::tokenizer::TextAnalyzer;

use super::stem;

/// The hash of an analysed term, as the column stores it. The hash function is part of the
/// index format: changing it needs a new schema version.
pub(crate) fn hash(term: &str) -> u64 {
    u64::from(murmurhash32::murmurhash2(term.as_bytes()))
}

/// Words in more than a third of the quote sets of Reuters news, before analysis.
pub(crate) const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he",
    "in", "is", "it", "its", "not", "of", "on", "s", "said", "that", "the", "this", "to", "was",
    "we", "will", "with", "would",
];

/// Recorded alone for an article whose quotes hold only stop words (a term's hash is 32 bits
/// wide, so it is never this).
pub(crate) const ONLY_STOP_WORDS: u64 = u64::MAX;

/// Whether an analysed term's hash is a stop word's.
pub(crate) fn is_stop(hash: u64) -> bool {
    static STOPS: OnceLock<Vec<u64>> = OnceLock::new();
    let stops = STOPS.get_or_init(|| {
        let mut hashes = Vec::new();
        let mut analyzer = stem::english();
        for word in STOP_WORDS {
            let mut stream = analyzer.token_stream(word);
            while let Some(token) = stream.next() {
                hashes.push(self::hash(&token.text));
            }
        }
        hashes.sort_unstable();
        hashes
    });
    stops.binary_search(&hash).is_ok()
}

thread_local! {
    /// One analyzer per thread, so that its stem memo serves every article the thread reads.
    static ANALYZER: RefCell<TextAnalyzer> = RefCell::new(stem::english());
}

/// The hashes of the distinct terms of `texts` but stop words, sorted; [`ONLY_STOP_WORDS`] if
/// that leaves nothing of some texts.
pub(crate) fn of_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<u64> {
    let mut hashes = Vec::new();
    let mut any = false;
    ANALYZER.with_borrow_mut(|analyzer| {
        for text in texts {
            any = true;
            let mut stream = analyzer.token_stream(text);
            while let Some(token) = stream.next() {
                hashes.push(hash(&token.text));
            }
        }
    });
    hashes.sort_unstable();
    hashes.dedup();
    hashes.retain(|&h| !is_stop(h));
    if hashes.is_empty() && any {
        hashes.push(ONLY_STOP_WORDS);
    }
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_analysed_like_the_body_and_counted_once() {
        let set = of_texts(["“Direct flights matter,” he said.", "Flights, flights."]);
        let expected = {
            let mut v: Vec<u64> = ["direct", "flight", "matter"]
                .iter()
                .map(|t| hash(t))
                .collect();
            v.sort_unstable();
            v
        };
        assert_eq!(set, expected);
        assert!(!set.contains(&hash("flights")), "stems, not words");
    }

    #[test]
    fn stop_words_are_left_out_but_quotes_of_nothing_else_still_count() {
        assert!(is_stop(hash("the")) && is_stop(hash("said")) && is_stop(hash("it")));
        assert!(!is_stop(hash("flight")));
        assert_eq!(of_texts(["It is, as it was."]), vec![ONLY_STOP_WORDS]);
        assert_eq!(of_texts(["", " … "]), vec![ONLY_STOP_WORDS]);
        assert!(of_texts([]).is_empty(), "no quotes, no terms");
    }
}
