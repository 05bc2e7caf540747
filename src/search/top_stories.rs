//! The best stories by relevance: the best-scoring version of each of the top stories, found
//! in one pass that keeps stories, not articles.
//!
//! Ranking articles and cutting them into stories afterwards needs many more articles than
//! the page has stories (a story may have dozens of versions), and the more hits a top keeps,
//! the less block-WAND can skip. [`TopStories`] keeps the best version of each story and
//! raises its threshold to the score of the last story it keeps, so that alone it prunes as
//! well as a top of articles of the page's size. A story is among the top of the whole index
//! only if it is among the top of the segment holding its best version, so each segment's top
//! merges into the index's.

use rustc_hash::FxHashSet;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::Weight;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::collapse;
use super::order::Ranked;

/// The best version of each of the `limit` best stories, best first (an article without a
/// story is a story of its own). Ties go to the earlier article, as in tantivy's `TopDocs`.
pub(crate) struct TopStories {
    pub limit: usize,
}

/// A segment's best stories so far.
pub(crate) struct SegmentTopStories {
    segment: SegmentOrdinal,
    stories: Option<Column<u64>>,
    limit: usize,
    /// Articles offered and kept, with their stories: cut down to the best version of the
    /// best `limit` stories whenever it holds twice that.
    kept: Vec<(Score, DocId, Option<u64>)>,
    /// The score of the last of `limit` stories kept: nothing at or below it can enter.
    threshold: Option<Score>,
}

/// Best first; ties to the earlier article.
fn ranking<D: Ord>(a: &(Score, D), b: &(Score, D)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1))
}

/// Keep the first (best) article of each story of `sorted`, up to `limit` stories.
fn first_of_each<T>(sorted: &mut Vec<T>, limit: usize, story: impl Fn(&T) -> Option<u64>) {
    let mut seen = FxHashSet::default();
    let mut kept = 0;
    sorted.retain(|item| {
        let fresh = kept < limit && story(item).is_none_or(|s| seen.insert(s));
        kept += usize::from(fresh);
        fresh
    });
}

impl SegmentTopStories {
    /// Offer an article; answers the new threshold.
    #[inline]
    fn offer(&mut self, doc: DocId, score: Score) -> Score {
        self.offer_of(doc, score, |top| {
            top.stories.as_ref().and_then(|c| c.first(doc))
        })
    }

    /// Offer an article whose story `story` reads (only for an article that may be kept);
    /// answers the new threshold.
    fn offer_of(
        &mut self,
        doc: DocId,
        score: Score,
        story: impl FnOnce(&Self) -> Option<u64>,
    ) -> Score {
        if !self.threshold.is_some_and(|t| score <= t) {
            let story = story(self);
            self.kept.push((score, doc, story));
            if self.kept.len() >= self.limit.saturating_mul(2) {
                self.cut();
            }
        }
        self.threshold()
    }

    /// The score an article must beat to be kept.
    fn threshold(&self) -> Score {
        self.threshold.unwrap_or(Score::MIN)
    }

    /// Cut down to the best version of the best `limit` stories.
    fn cut(&mut self) {
        self.kept
            .sort_unstable_by(|a, b| ranking(&(a.0, a.1), &(b.0, b.1)));
        first_of_each(&mut self.kept, self.limit, |(_, _, story)| *story);
        if self.kept.len() == self.limit {
            self.threshold = self.kept.last().map(|(score, _, _)| *score);
        }
    }
}

impl Collector for TopStories {
    type Fruit = Ranked;
    type Child = SegmentTopStories;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTopStories> {
        Ok(SegmentTopStories {
            segment,
            stories: collapse::story_column(reader),
            limit: self.limit.max(1),
            kept: Vec::new(),
            threshold: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<(Score, DocAddress, Option<u64>)>>,
    ) -> tantivy::Result<Ranked> {
        let mut all: Vec<(Score, DocAddress, Option<u64>)> = fruits.into_iter().flatten().collect();
        all.sort_unstable_by(|a, b| ranking(&(a.0, a.1), &(b.0, b.1)));
        first_of_each(&mut all, self.limit.max(1), |(_, _, story)| *story);
        Ok(all
            .into_iter()
            .map(|(score, address, _)| (score, address))
            .collect())
    }

    /// Alone, the top prunes: the query skips what scores at or below its threshold.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Vec<(Score, DocAddress, Option<u64>)>> {
        let mut top = self.for_segment(segment, reader)?;
        match reader.alive_bitset() {
            Some(alive) => weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
                if alive.is_alive(doc) {
                    top.offer(doc, score)
                } else {
                    top.threshold()
                }
            })?,
            None => weight
                .for_each_pruning(Score::MIN, reader, &mut |doc, score| top.offer(doc, score))?,
        }
        Ok(top.harvest())
    }
}

impl SegmentCollector for SegmentTopStories {
    type Fruit = Vec<(Score, DocAddress, Option<u64>)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.offer(doc, score);
    }

    fn harvest(mut self) -> Self::Fruit {
        self.cut();
        let segment = self.segment;
        self.kept
            .into_iter()
            .map(|(score, doc, story)| (score, DocAddress::new(segment, doc), story))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(limit: usize) -> SegmentTopStories {
        SegmentTopStories {
            segment: 0,
            stories: None,
            limit,
            kept: Vec::new(),
            threshold: None,
        }
    }

    #[test]
    fn a_segment_keeps_the_best_version_of_its_best_stories() {
        let mut top = segment(2);
        for (doc, score, story) in [
            (0, 1.0, Some(7)),
            (1, 5.0, Some(7)),
            (2, 3.0, Some(8)),
            (3, 4.0, None),
            (4, 2.0, Some(9)),
            (5, 3.0, Some(8)),
        ] {
            top.offer_of(doc, score, |_| story);
        }
        assert_eq!(top.threshold, Some(4.0));
        let kept: Vec<(Score, DocAddress)> =
            top.harvest().iter().map(|(s, a, _)| (*s, *a)).collect();
        assert_eq!(
            kept,
            [(5.0, DocAddress::new(0, 1)), (4.0, DocAddress::new(0, 3))]
        );
    }

    #[test]
    fn below_the_threshold_nothing_is_kept() {
        let mut top = segment(1);
        top.offer_of(0, 2.0, |_| Some(1));
        top.offer_of(1, 1.0, |_| Some(2));
        assert_eq!(top.threshold, Some(2.0));
        assert_eq!(top.offer_of(2, 2.0, |_| Some(3)), 2.0);
        assert_eq!(top.offer_of(3, 1.5, |_| Some(4)), 2.0);
        assert_eq!(top.kept.len(), 1, "ties and lower scores stay out");
    }

    #[test]
    fn segments_by_story_give_the_stories_of_all_articles_ranked_at_once() {
        // Pseudo-random articles in three segments: few stories, many versions, tied scores.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for limit in [1, 3, 10, 40] {
            let collector = TopStories { limit };
            let mut all = Vec::new();
            let mut fruits = Vec::new();
            for segment_ord in 0..3 {
                let mut top = segment(limit);
                top.segment = segment_ord;
                for doc in 0..500 {
                    let score = next(50) as Score / 4.0;
                    let story = (next(8) > 0).then(|| next(60));
                    top.offer_of(doc, score, |_| story);
                    all.push((score, DocAddress::new(segment_ord, doc), story));
                }
                fruits.push(top.harvest());
            }
            all.sort_by(|a, b| ranking(&(a.0, a.1), &(b.0, b.1)));
            first_of_each(&mut all, limit, |(_, _, story)| *story);
            let expected: Ranked = all.into_iter().map(|(s, a, _)| (s, a)).collect();
            assert_eq!(
                collector.merge_fruits(fruits).unwrap(),
                expected,
                "limit {limit}"
            );
        }
    }

    #[test]
    fn segments_merge_story_by_story_keeping_the_best_and_the_earliest_on_ties() {
        let collector = TopStories { limit: 2 };
        let a = |segment, doc| DocAddress::new(segment, doc);
        let fruits = vec![
            vec![(3.0, a(0, 4), Some(1)), (2.0, a(0, 1), Some(2))],
            vec![(3.0, a(1, 0), Some(1)), (2.5, a(1, 3), Some(3))],
        ];
        let merged = collector.merge_fruits(fruits).unwrap();
        assert_eq!(merged, [(3.0, a(0, 4)), (2.5, a(1, 3))]);
    }
}
