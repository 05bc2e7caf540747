//! One hit per story: the best version of each matching story, with its other matching
//! versions counted.
//!
//! A collapsed search asks three questions, each as cheaply as it allows:
//!
//! - **Totals** ([`StoryTally`]): the matching articles and their stories, over every match.
//!   Stories are counted exactly while there are at most [`EXACT_STORIES`] of them; beyond,
//!   they are estimated by distinct sampling: story ids are the leading bits of a BLAKE3 hash
//!   (see [`crate::stories`]), so the stories whose id falls in the lowest 1/2^k of the id
//!   space are a uniform sample of all stories, whichever articles match. The tally keeps the
//!   matching stories of the sample, halving its share of the id space whenever it holds more
//!   than the limit, and the estimate is their number times 2^k (its relative standard error
//!   is about 1/sqrt(the number kept), under 1.5% at the default). The results say when the
//!   number is an estimate.
//! - **The page**: by relevance, the top stories, each by its best version
//!   ([`super::top_stories`]). A query of one word is ranked alone, so that tantivy can skip
//!   whole blocks of postings that cannot enter the top (block-WAND), after the totals were
//!   counted in a pass without scores; any other query scores every match anyway, and is
//!   ranked in the same pass as the totals. By date, the top articles are cut into stories
//!   keeping the first version of each ([`page`]); when they hold too few stories, more are
//!   ranked.
//! - **Versions** ([`versions_of`]): the matching versions of the page's stories only, by a
//!   search of the query within those stories (the `story` field is indexed).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use crate::index::schema;
use crate::stories::ID_BITS;

mod id_set;

use id_set::IdSet;

/// Matching stories counted exactly up to this many; more are estimated (`--exact-stories`).
pub(crate) const EXACT_STORIES: usize = 10_000;

/// Matching articles per story, by story id.
pub(crate) type Versions = FxHashMap<u64, u32>;

/// How many articles and stories match a query.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Tally {
    /// Matching articles, exactly.
    pub articles: usize,
    /// Matching stories (articles without a story not counted), exact or estimated.
    pub stories: usize,
    /// Whether `stories` is an estimate (more stories matched than were counted exactly).
    pub estimated: bool,
}

/// Counts the matching articles and their stories (see the module's comment); `exact` is the
/// most stories counted exactly, and the size of the sample beyond.
pub(crate) struct StoryTally {
    exact: usize,
    /// The highest level a segment's sample has come to: the merged sample's is at least that,
    /// so the other segments need not keep the ids it leaves out.
    level: Arc<AtomicU32>,
}

impl StoryTally {
    pub(crate) fn new(exact: usize) -> StoryTally {
        StoryTally {
            exact,
            level: Arc::default(),
        }
    }
}

/// A segment's count of articles and its sample of their stories.
pub(crate) struct SegmentStoryTally {
    stories: Option<Column<u64>>,
    articles: usize,
    sample: Sample,
    /// The level of the segments' samples (see [`StoryTally`]).
    level: Arc<AtomicU32>,
    /// The stories of a block of documents, read at once.
    block: Vec<Option<u64>>,
}

/// The distinct matching stories whose id is in the lowest 1/2^`level` of the id space, at
/// most `capacity` of them: the lowest level that holds them all.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sample {
    capacity: usize,
    level: u32,
    /// Ids kept below it (exclusive).
    bound: u64,
    /// The kept ids. (A set: a story's versions repeat its id, and sorting the ids offered
    /// as they came took a quarter of a one-word query's time.)
    ids: IdSet,
}

impl Sample {
    fn new(capacity: usize) -> Sample {
        Sample::with_room(capacity, 0)
    }

    /// A sample with room for `room` ids made up front (growing the set as ids come rehashes
    /// them again and again).
    fn with_room(capacity: usize, room: usize) -> Sample {
        let capacity = capacity.max(1);
        let room = room.min(capacity.saturating_add(1));
        Sample {
            capacity,
            level: 0,
            bound: bound_at(0),
            ids: IdSet::with_room(room),
        }
    }

    /// Tell the samples of the other segments the level this one came to (the highest is
    /// kept in `level`), and rise to theirs: the merged sample leaves out what they leave out.
    /// Mostly a read: the shared level is written only when this sample passed it.
    fn share(&mut self, level: &AtomicU32) {
        let shared = level.load(Ordering::Relaxed);
        if self.level > shared {
            level.fetch_max(self.level, Ordering::Relaxed);
        } else {
            self.rise_to(shared);
        }
    }

    /// Keep only the ids of `level`'s share of the id space, when that is smaller.
    fn rise_to(&mut self, level: u32) {
        if level > self.level {
            self.keep_level(level.min(ID_BITS));
            self.shrink();
        }
    }

    /// Keep `story` if it is in the sample's share of the id space.
    #[inline]
    fn offer(&mut self, story: u64) {
        if story < self.bound && self.ids.insert(story) && self.ids.len() > self.capacity {
            self.shrink();
        }
    }

    /// While more than `capacity` ids are kept, halve the share of the id space kept.
    fn shrink(&mut self) {
        while self.ids.len() > self.capacity && self.level < ID_BITS {
            self.keep_level(self.level + 1);
        }
    }

    /// Keep the ids of `level`'s share of the id space only.
    fn keep_level(&mut self, level: u32) {
        self.level = level;
        self.bound = bound_at(level);
        let bound = self.bound;
        self.ids.retain(|id| id < bound);
    }

    /// One sample of the stories of several samples of the same capacity.
    fn merge(mut samples: Vec<Sample>, capacity: usize) -> Sample {
        let Some(level) = samples.iter().map(|s| s.level).max() else {
            return Sample::new(capacity);
        };
        // The others are added to the largest.
        let largest = (0..samples.len())
            .max_by_key(|&i| samples[i].ids.len())
            .unwrap_or(0);
        let mut merged = samples.swap_remove(largest);
        merged.capacity = capacity.max(1);
        merged.rise_to(level);
        for sample in samples {
            for id in sample.ids.iter() {
                merged.offer(id);
            }
        }
        merged
    }

    /// The number of stories the sample stands for, and whether that is an estimate.
    fn count(&self) -> (usize, bool) {
        let kept = self.ids.len();
        if self.level == 0 {
            return (kept, false);
        }
        let scaled = (kept as f64 * (self.level as f64).exp2()).round();
        (scaled as usize, true)
    }
}

/// The ids a sample at `level` keeps are those below this: the lowest 1/2^`level` of the id
/// space.
fn bound_at(level: u32) -> u64 {
    if level == 0 {
        u64::MAX
    } else {
        1u64 << (ID_BITS - level)
    }
}

impl Collector for StoryTally {
    type Fruit = Tally;
    type Child = SegmentStoryTally;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentStoryTally {
            stories: story_column(segment),
            articles: 0,
            sample: Sample::with_room(self.exact, segment.num_docs() as usize),
            level: Arc::clone(&self.level),
            block: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(usize, Sample)>) -> tantivy::Result<Tally> {
        let articles = fruits.iter().map(|(n, _)| n).sum();
        let samples = fruits.into_iter().map(|(_, sample)| sample).collect();
        let (stories, estimated) = Sample::merge(samples, self.exact).count();
        Ok(Tally {
            articles,
            stories,
            estimated,
        })
    }
}

/// Matches between two looks at the level the other segments' samples came to.
const SHARE_EVERY: usize = 64;

impl SegmentStoryTally {
    fn share_level(&mut self) {
        self.sample.share(&self.level);
    }
}

impl SegmentCollector for SegmentStoryTally {
    type Fruit = (usize, Sample);

    fn collect(&mut self, doc: DocId, _: Score) {
        self.articles += 1;
        if self.articles.is_multiple_of(SHARE_EVERY) {
            self.share_level();
        }
        if let Some(story) = self.stories.as_ref().and_then(|c| c.first(doc)) {
            self.sample.offer(story);
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.articles += docs.len();
        let Some(column) = &self.stories else {
            return;
        };
        self.block.clear();
        self.block.resize(docs.len(), None);
        column.first_vals(docs, &mut self.block);
        self.share_level();
        for story in self.block.iter().flatten() {
            self.sample.offer(*story);
        }
    }

    fn harvest(self) -> (usize, Sample) {
        (self.articles, self.sample)
    }
}

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

/// The matching versions of each of `stories` (the stories of a page): `query` searched again
/// within just those stories.
pub(crate) fn versions_of(
    searcher: &Searcher,
    query: &dyn Query,
    story: Field,
    stories: &[u64],
) -> tantivy::Result<Versions> {
    if stories.is_empty() {
        return Ok(Versions::default());
    }
    searcher.search(&within_stories(query, story, stories), &StoryCounts)
}

/// `query` within the articles of `stories`, through the `story` field's postings; the stories
/// only filter, so the articles keep the scores `query` gives them.
pub(crate) fn within_stories(query: &dyn Query, story: Field, stories: &[u64]) -> BooleanQuery {
    // A term query per story: a page holds few, and a `TermSetQuery` walks the whole
    // dictionary of story ids in every segment (a sixth of a one-word query's time at 1M).
    let each: Vec<Box<dyn Query>> = stories
        .iter()
        .map(|&id| {
            let term = Term::from_field_u64(story, id);
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>
        })
        .collect();
    let in_stories: Box<dyn Query> = Box::new(ConstScoreQuery::new(
        Box::new(BooleanQuery::union(each)),
        0.0,
    ));
    BooleanQuery::intersection(vec![query.box_clone(), in_stories])
}

/// A segment's story column (`None`: no article of it has a story).
pub(crate) fn story_column(segment: &SegmentReader) -> Option<Column<u64>> {
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

    /// Story ids spread over the id space like the hashes they are.
    fn ids(n: u64) -> impl Iterator<Item = u64> {
        (0..n).map(|i| crate::stories::new_id(&format!("article {i}")))
    }

    fn counted(capacity: usize, offered: impl Iterator<Item = u64>) -> (usize, bool) {
        let mut sample = Sample::new(capacity);
        for id in offered {
            sample.offer(id);
        }
        sample.count()
    }

    #[test]
    fn stories_are_exact_up_to_the_capacity_whatever_the_repeats() {
        // Each story three times over, its versions apart.
        let stories: Vec<u64> = ids(500).collect();
        let offered = stories.iter().chain(&stories).chain(&stories).copied();
        assert_eq!(counted(500, offered.clone()), (500, false));
        assert_eq!(counted(10_000, offered), (500, false));
        assert_eq!(counted(4, std::iter::empty()), (0, false));
    }

    #[test]
    fn more_stories_than_the_capacity_are_estimated_closely() {
        let stories: Vec<u64> = ids(100_000).collect();
        let offered = stories.iter().chain(&stories).copied();
        let (estimate, estimated) = counted(EXACT_STORIES, offered);
        assert!(estimated);
        // The standard error is about 1.4% at this sample's size: 5% is over three of them.
        let error = (estimate as f64 - 100_000.0).abs() / 100_000.0;
        assert!(error < 0.05, "{estimate} for 100000 stories");
    }

    #[test]
    fn samples_of_segments_merge_into_the_sample_of_all() {
        let stories: Vec<u64> = ids(3_000).collect();
        let mut segments = Vec::new();
        // Three segments, each with two thirds of the stories: they overlap.
        for part in 0..3 {
            let mut sample = Sample::new(256);
            for (i, &id) in stories.iter().enumerate() {
                if i % 3 != part {
                    sample.offer(id);
                }
            }
            segments.push(sample);
        }
        let mut whole = Sample::new(256);
        stories.iter().for_each(|&id| whole.offer(id));
        assert_eq!(Sample::merge(segments, 256), whole);
        let exact = vec![Sample::new(256), whole.clone()];
        assert_eq!(Sample::merge(exact, 256).count(), whole.count());
        assert_eq!(Sample::merge(Vec::new(), 256).count(), (0, false));
    }

    #[test]
    fn samples_sharing_their_level_merge_as_samples_apart() {
        let stories: Vec<u64> = ids(20_000).collect();
        for capacity in [1, 100, 1_000, 10_000, 30_000] {
            // Four segments of uneven sizes (all the stories, and every 11th, 21st and 31st),
            // overlapping, offered in turns as threads would.
            let share = AtomicU32::new(0);
            let mut shared: Vec<Sample> = (0..4).map(|_| Sample::new(capacity)).collect();
            let mut apart = shared.clone();
            for (i, &id) in stories.iter().enumerate() {
                for segment in 0..4 {
                    if i.is_multiple_of(1 + 10 * segment) {
                        shared[segment].offer(id);
                        apart[segment].offer(id);
                        if i.is_multiple_of(64) {
                            shared[segment].share(&share);
                        }
                    }
                }
            }
            let levels = |samples: &[Sample]| samples.iter().map(|s| s.level).collect::<Vec<_>>();
            assert!(
                capacity >= 10_000 || levels(&shared) != levels(&apart),
                "the levels were shared at {capacity}"
            );
            assert_eq!(
                Sample::merge(shared, capacity),
                Sample::merge(apart, capacity),
                "{capacity}"
            );
        }
    }

    #[test]
    fn a_page_keeps_the_best_version_of_each_story() {
        let stories = [Some(1), Some(1), Some(2), None, Some(2), Some(3), None];
        assert_eq!(page(&stories, 0, 3), (vec![0, 2, 3], true));
        assert_eq!(page(&stories, 2, 3), (vec![3, 5, 6], true));
        assert_eq!(page(&stories, 3, 3), (vec![5, 6], false));
        assert_eq!(page(&stories, 9, 3), (vec![], false));
    }
}
