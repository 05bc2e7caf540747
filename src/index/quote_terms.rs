//! The words of an article's quotes, kept as a set of hashed terms in a fast column.
//!
//! `newsdex quotes` looks for the articles whose quotes hold a query's words. Indexing the
//! quotes' text as a field of its own made tantivy tokenize, stem and post a large share of
//! every article twice (news is full of quotes): 14% of the CPU time of a full build. Instead,
//! each article records the distinct terms of its quotes (analysed like the body, so
//! `flights` is `flight`), each hashed to 32 bits, in a multi-valued fast column. A quote search
//! takes the articles whose body matches and keeps those whose set holds the query's words
//! ([`crate::search::quotes`]); each quote is then checked on its own text, so a hash collision
//! (about one chance in 40 million per word and article) only costs a look at one more article.

use std::cell::RefCell;

use tantivy::tokenizer::TextAnalyzer;

use super::stem;

/// The hash of an analysed term, as the column stores it. The hash function is part of the
/// index format: changing it needs a new schema version.
pub fn hash(term: &str) -> u64 {
    u64::from(murmurhash32::murmurhash2(term.as_bytes()))
}

thread_local! {
    /// One analyzer per thread, so that its stem memo serves every article the thread reads.
    static ANALYZER: RefCell<TextAnalyzer> = RefCell::new(stem::english());
}

/// The hashes of the distinct terms of `texts`, sorted.
pub fn of_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<u64> {
    let mut hashes = Vec::new();
    ANALYZER.with_borrow_mut(|analyzer| {
        for text in texts {
            let mut stream = analyzer.token_stream(text);
            while let Some(token) = stream.next() {
                hashes.push(hash(&token.text));
            }
        }
    });
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_analysed_like_the_body_and_counted_once() {
        let set = of_texts(["“Direct flights matter,” he said.", "Flights, flights."]);
        let expected = {
            let mut v: Vec<u64> = ["direct", "flight", "matter", "he", "said"]
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
    fn no_text_gives_no_terms() {
        assert!(of_texts([]).is_empty());
        assert!(of_texts(["", " … "]).is_empty());
    }
}
