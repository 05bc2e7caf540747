//! One hit per story: the best version of each matching story, with its other matching
//! versions counted.
//!
//! Every matching article's story is counted in the same pass as the hits ([`StoryCounts`],
//! from the `story` fast column), which gives the number of matching stories and each story's
//! matching versions. The page is then cut from the ranked articles, keeping the first (best)
//! of each story: when the articles asked for hold too few stories, more are asked for.

use std::sync::{Arc, Mutex};

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::index::schema;

/// Matching articles per story, by story id.
pub(crate) type Versions = FxHashMap<u64, u32>;

/// Counts the matching articles of each story.
pub(crate) struct StoryCounts;

pub(crate) struct SegmentStoryCounts {
    stories: Option<Column<u64>>,
    counts: Versions,
}

impl Collector for StoryCounts {
    type Fruit = Versions;
    type Child = SegmentStoryCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentStoryCounts {
            stories: story_column(segment),
            counts: Versions::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Versions>) -> tantivy::Result<Versions> {
        let mut all = fruits.into_iter();
        let mut merged = all.next().unwrap_or_default();
        for fruit in all {
            for (story, n) in fruit {
                *merged.entry(story).or_default() += n;
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentStoryCounts {
    type Fruit = Versions;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(story) = self.stories.as_ref().and_then(|c| c.first(doc)) {
            *self.counts.entry(story).or_default() += 1;
        }
    }

    fn harvest(self) -> Versions {
        self.counts
    }
}

/// A segment's story column (`None`: no article of it has a story).
fn story_column(segment: &SegmentReader) -> Option<Column<u64>> {
    segment
        .fast_fields()
        .column_opt::<u64>(schema::STORY)
        .ok()
        .flatten()
}

/// The story of each ranked article (`None` for one without a story, which stands alone).
pub(crate) fn stories_of(searcher: &Searcher, ranked: &[(Score, DocAddress)]) -> Vec<Option<u64>> {
    let columns: Vec<Option<Column<u64>>> = searcher
        .segment_readers()
        .iter()
        .map(story_column)
        .collect();
    ranked
        .iter()
        .map(|(_, address)| {
            columns
                .get(address.segment_ord as usize)?
                .as_ref()?
                .first(address.doc_id)
        })
        .collect()
}

/// The positions in `stories` (ranked articles' stories) of the best article of each story,
/// for the stories ranked `offset` to `offset + limit`; and whether the ranked articles held
/// that many stories.
pub(crate) fn page(stories: &[Option<u64>], offset: usize, limit: usize) -> (Vec<usize>, bool) {
    let mut seen = FxHashSet::default();
    let firsts: Vec<usize> = stories
        .iter()
        .enumerate()
        .filter(|(_, story)| story.is_none_or(|s| seen.insert(s)))
        .map(|(i, _)| i)
        .take(offset.saturating_add(limit))
        .collect();
    let complete = firsts.len() >= offset.saturating_add(limit);
    (firsts.into_iter().skip(offset).collect(), complete)
}

/// Passes on to `inner` only the first matching article of each story (the first collected),
/// so that what `inner` counts are stories, each with the values of that version; with
/// `stories` false, every article.
pub struct FirstOfStory<C> {
    pub inner: C,
    /// The stories already passed on, shared by the segments (`None`: pass every article).
    seen: Option<Seen>,
}

/// The stories passed on so far.
type Seen = Arc<Mutex<FxHashSet<u64>>>;

impl<C> FirstOfStory<C> {
    pub fn new(inner: C, stories: bool) -> FirstOfStory<C> {
        FirstOfStory {
            inner,
            seen: stories.then(Arc::default),
        }
    }
}

pub struct SegmentFirstOfStory<S> {
    inner: S,
    stories: Option<(Column<u64>, Seen)>,
    firsts: Vec<DocId>,
}

impl<C: Collector> Collector for FirstOfStory<C> {
    type Fruit = C::Fruit;
    type Child = SegmentFirstOfStory<C::Child>;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentFirstOfStory {
            inner: self.inner.for_segment(ord, segment)?,
            stories: self
                .seen
                .as_ref()
                .and_then(|seen| Some((story_column(segment)?, Arc::clone(seen)))),
            firsts: Vec::new(),
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

impl<S: SegmentCollector> SegmentCollector for SegmentFirstOfStory<S> {
    type Fruit = S::Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        match &self.stories {
            None => self.inner.collect(doc, score),
            Some((column, seen)) => {
                let first = match column.first(doc) {
                    Some(story) => seen.lock().map_or(true, |mut s| s.insert(story)),
                    None => true,
                };
                if first {
                    self.inner.collect(doc, score);
                }
            }
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let Some((column, seen)) = &self.stories else {
            self.inner.collect_block(docs);
            return;
        };
        self.firsts.clear();
        if let Ok(mut seen) = seen.lock() {
            for &doc in docs {
                if column.first(doc).is_none_or(|story| seen.insert(story)) {
                    self.firsts.push(doc);
                }
            }
        }
        self.inner.collect_block(&self.firsts);
    }

    fn harvest(self) -> S::Fruit {
        self.inner.harvest()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_keeps_the_best_version_of_each_story() {
        let stories = [Some(1), Some(1), Some(2), None, Some(2), Some(3), None];
        assert_eq!(page(&stories, 0, 3), (vec![0, 2, 3], true));
        assert_eq!(page(&stories, 2, 3), (vec![3, 5, 6], true));
        assert_eq!(page(&stories, 3, 3), (vec![5, 6], false));
        assert_eq!(page(&stories, 9, 3), (vec![], false));
    }
}
