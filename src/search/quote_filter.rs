//! The collector of quote searches: it keeps the articles whose quotes hold the query's words,
//! read from the quote terms column ([`crate::index::quote_terms`]), and hands them to the
//! collector it wraps.
//!
//! The test is made on the whole set of an article's quote terms, so it lets through every
//! article with a quote that satisfies the query, and some more: the words of a phrase are
//! required but not their order, prefixes and regular expressions are assumed present (the
//! body query has checked them against the article), and exclusions are left to the quotes
//! themselves (an article may hold a quote with the excluded word and one without).

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentReader};

use super::snippet::clauses::{FieldQuery, Pattern, Tree};
use crate::index::{quote_terms, schema};

/// What an article's quote terms must hold: for each clause of the query, the hashes of its
/// exact words (less stop words), and the boolean shape over the clauses.
#[derive(Debug, Clone)]
pub(super) struct QuoteTerms {
    clauses: Vec<Vec<u64>>,
    tree: Tree,
}

impl QuoteTerms {
    /// The test for the quote-field part of a query.
    pub(super) fn new(query: &FieldQuery) -> QuoteTerms {
        let clauses = query
            .clauses
            .iter()
            .map(|clause| {
                clause
                    .words
                    .iter()
                    .filter_map(|&(_, id)| match query.patterns.get(id) {
                        Some(Pattern::Exact(term)) => Some(quote_terms::hash(term)),
                        _ => None,
                    })
                    // Stop words are not in the sets: the quotes are checked for them.
                    .filter(|&hash| !quote_terms::is_stop(hash))
                    .collect()
            })
            .collect();
        QuoteTerms {
            clauses,
            tree: query.tree.clone(),
        }
    }

    /// Whether an article with these quote term hashes may hold a quote that satisfies the
    /// query (an article without quotes holds none).
    pub(super) fn may_hold(&self, set: &[u64]) -> bool {
        !set.is_empty()
            && self.tree.holds(&|i, excluded| {
                !excluded
                    && self
                        .clauses
                        .get(i)
                        .is_some_and(|hashes| hashes.iter().all(|h| set.contains(h)))
            })
    }
}

/// A collector that passes on only the documents [`QuoteTerms::may_hold`] lets through.
pub(super) struct QuoteFilter<C> {
    terms: QuoteTerms,
    inner: C,
}

impl<C> QuoteFilter<C> {
    pub(super) fn new(terms: QuoteTerms, inner: C) -> QuoteFilter<C> {
        QuoteFilter { terms, inner }
    }
}

impl<C: Collector> Collector for QuoteFilter<C> {
    type Fruit = C::Fruit;
    type Child = QuoteFilterSegment<C::Child>;

    fn for_segment(&self, local_id: u32, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        Ok(QuoteFilterSegment {
            terms: self.terms.clone(),
            column: reader.fast_fields().u64(schema::QUOTE_TERMS)?,
            set: Vec::new(),
            inner: self.inner.for_segment(local_id, reader)?,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<Self::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<C::Fruit> {
        self.inner.merge_fruits(fruits)
    }
}

/// [`QuoteFilter`] on one segment.
pub(super) struct QuoteFilterSegment<S> {
    terms: QuoteTerms,
    column: Column<u64>,
    /// The quote terms of the document at hand (reused from document to document).
    set: Vec<u64>,
    inner: S,
}

impl<S: SegmentCollector> SegmentCollector for QuoteFilterSegment<S> {
    type Fruit = S::Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.set.clear();
        self.set.extend(self.column.values_for_doc(doc));
        if self.terms.may_hold(&self.set) {
            self.inner.collect(doc, score);
        }
    }

    fn harvest(self) -> S::Fruit {
        self.inner.harvest()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::snippet::{self, clauses::Target};

    fn terms(query: &str) -> QuoteTerms {
        let ast = snippet::parse(query).expect("a query");
        let target = Target {
            name: "body",
            default: true,
        };
        let mut analyzer = crate::index::stem::english();
        QuoteTerms::new(&FieldQuery::new(&ast, target, &mut analyzer))
    }

    fn set(words: &str) -> Vec<u64> {
        quote_terms::of_texts([words])
    }

    #[test]
    fn every_required_word_must_be_in_the_quotes() {
        let quotes = set("We hope the direct flights resume");
        assert!(terms("flights").may_hold(&quotes));
        assert!(terms("hope flight").may_hold(&quotes), "stems match");
        assert!(!terms("hope talks").may_hold(&quotes));
        assert!(terms("hope OR talks").may_hold(&quotes));
        assert!(!terms("talks").may_hold(&[]), "no quotes, no match");
    }

    #[test]
    fn stop_words_are_left_to_the_quotes() {
        let quotes = set("We hope the direct flights resume");
        assert!(terms("the flights").may_hold(&quotes));
        assert!(!terms("the talks").may_hold(&quotes));
        assert!(terms("said").may_hold(&set("It is, as it was, he said.")));
    }

    #[test]
    fn phrases_need_their_words_and_prefixes_pass() {
        let quotes = set("flights will resume, direct or not");
        assert!(
            terms("\"direct flights\"").may_hold(&quotes),
            "order is left to the quotes"
        );
        assert!(!terms("\"direct talks\"").may_hold(&quotes));
        assert!(
            terms("\"will resu\"*").may_hold(&quotes),
            "a prefix is assumed present"
        );
        assert!(
            !terms("\"won't resu\"*").may_hold(&quotes),
            "not its exact words"
        );
    }

    #[test]
    fn exclusions_are_left_to_the_quotes() {
        let quotes = set("We hope the direct flights resume");
        assert!(terms("hope -flights").may_hold(&quotes));
    }

    #[test]
    fn other_fields_do_not_count() {
        let quotes = set("We hope the direct flights resume");
        assert!(terms("speaker:ushakov hope").may_hold(&quotes));
    }
}
