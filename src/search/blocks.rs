//! Handing a collector the matching articles in blocks when the search gives them one by one.
//!
//! A scored search (the hits) calls its collectors once an article; a collector that reads fast
//! columns does better a block at a time (see [`crate::index::rows`]). [`Blocks`] keeps the
//! articles of a segment until it holds a block, then passes the block on, so that such a
//! collector can count in the same pass as the hits instead of running the query again.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Articles passed on at once.
const BLOCK: usize = 64;

/// `inner`, given the articles in blocks of up to [`BLOCK`] (scores are not passed on).
pub(super) struct Blocks<C>(pub C);

pub(super) struct SegmentBlocks<S> {
    inner: S,
    block: Vec<DocId>,
}

impl<C: Collector> Collector for Blocks<C> {
    type Fruit = C::Fruit;
    type Child = SegmentBlocks<C::Child>;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentBlocks {
            inner: self.0.for_segment(ord, segment)?,
            block: Vec::with_capacity(BLOCK),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<Self::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<C::Fruit> {
        self.0.merge_fruits(fruits)
    }
}

impl<S: SegmentCollector> SegmentCollector for SegmentBlocks<S> {
    type Fruit = S::Fruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.block.push(doc);
        if self.block.len() == BLOCK {
            self.inner.collect_block(&self.block);
            self.block.clear();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        if !self.block.is_empty() {
            self.inner.collect_block(&self.block);
            self.block.clear();
        }
        self.inner.collect_block(docs);
    }

    fn harvest(mut self) -> S::Fruit {
        if !self.block.is_empty() {
            self.inner.collect_block(&self.block);
        }
        self.inner.harvest()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::Count;
    use tantivy::query::AllQuery;
    use tantivy::schema::{FAST, Schema};
    use tantivy::{Index, TantivyDocument};

    /// Records the blocks it is given.
    struct Seen;
    struct SegmentSeen(Vec<Vec<DocId>>);

    impl Collector for Seen {
        type Fruit = Vec<Vec<DocId>>;
        type Child = SegmentSeen;
        fn for_segment(
            &self,
            _: SegmentOrdinal,
            _: &SegmentReader,
        ) -> tantivy::Result<SegmentSeen> {
            Ok(SegmentSeen(Vec::new()))
        }
        fn requires_scoring(&self) -> bool {
            false
        }
        fn merge_fruits(&self, fruits: Vec<Vec<Vec<DocId>>>) -> tantivy::Result<Self::Fruit> {
            Ok(fruits.into_iter().flatten().collect())
        }
    }

    impl SegmentCollector for SegmentSeen {
        type Fruit = Vec<Vec<DocId>>;
        fn collect(&mut self, doc: DocId, _: Score) {
            self.0.push(vec![doc]);
        }
        fn collect_block(&mut self, docs: &[DocId]) {
            self.0.push(docs.to_vec());
        }
        fn harvest(self) -> Self::Fruit {
            self.0
        }
    }

    /// Every article once, in order, in full blocks but the last.
    #[test]
    fn articles_one_by_one_arrive_in_blocks() {
        let mut builder = Schema::builder();
        let n = builder.add_u64_field("n", FAST);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..150u64 {
            let mut doc = TantivyDocument::new();
            doc.add_u64(n, i);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        // Count needs no scores, but the tuple's first member is asked one article at a time
        // through the scored path when paired with a collector that does.
        let blocks = searcher
            .search(&AllQuery, &(Blocks(Seen), Count))
            .unwrap()
            .0;
        let mut segment = SegmentBlocks {
            inner: SegmentSeen(Vec::new()),
            block: Vec::new(),
        };
        for doc in 0..150 {
            segment.collect(doc, 1.0);
        }
        let one_by_one = segment.harvest();
        let sizes: Vec<usize> = one_by_one.iter().map(Vec::len).collect();
        assert_eq!(sizes, [64, 64, 22]);
        let all: Vec<DocId> = one_by_one.into_iter().flatten().collect();
        assert_eq!(all, (0..150).collect::<Vec<_>>());
        let through_search: Vec<DocId> = blocks.into_iter().flatten().collect();
        assert_eq!(through_search, (0..150).collect::<Vec<_>>());
    }
}
