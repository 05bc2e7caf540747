//! The writer's side of stories: each new article joins the story of the earlier article it is
//! most like a version of, or begins one.
//!
//! Earlier articles are looked for among those [`Held`] in memory, by the keys of their
//! sketches ([`Sketch::keys`]): the latest articles of the committed index (by publication
//! day, read from its `sketch` and `story` columns when the first new article of a run comes),
//! and the articles of the run as they are given their stories. They are held within a share
//! of the build's memory budget; when it is full the older half is forgotten, and an article
//! whose earlier version was forgotten begins a story rather than joining it. Versions lie
//! days apart and corpora grow by date, so what is forgotten is rarely wanted, and the index
//! keeps no lookup table of its own (an indexed key per band, a dozen per article, cost a full
//! build more than the rest of the stories together).
//!
//! Among the candidates, the one [`rule::likeness`] rates highest wins. A story found once
//! keeps its id on every later run: the id is written into each version and never changes;
//! two stories are never merged after the fact (their articles would have to be rewritten).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::{DocId, Searcher};

use crate::index::schema;

use super::rule;
use super::sketch::{MAX_KEYS, Sketch};

/// Earlier articles compared per key (the latest that hold it): keys shared by many articles
/// (a daily report's headline) are not worth more comparisons than this.
const PER_KEY: usize = 24;

/// Memory held per article: its sketch and story, and its keys in the lookup.
const HELD_BYTES: usize = std::mem::size_of::<(Sketch, u64)>() + MAX_KEYS * KEY_BYTES;
/// Bytes of a key in [`Held`]'s lookup: its link, and its share of the table of heads.
const KEY_BYTES: usize = 24;
/// No link: the end of a key's chain.
const NONE: u32 = u32::MAX;

/// Gives new articles their story ids.
pub(crate) struct Stories {
    /// The committed index as the run found it, until its latest articles are held.
    committed: Option<Searcher>,
    held: Held,
    /// Scratch: the candidates compared.
    seen: FxHashSet<u32>,
}

/// Articles held for the lookups of later ones: their sketches and stories, and by key the
/// chain of those holding it, latest first.
struct Held {
    articles: Vec<(Sketch, u64)>,
    /// The latest link of each key...
    heads: FxHashMap<u64, u32>,
    /// ...and the links: (article, the key's link before this one, or [`NONE`]).
    links: Vec<(u32, u32)>,
    /// Most articles held.
    most: usize,
}

impl Stories {
    /// Stories over the committed index `searcher` sees (as the run begins), holding articles
    /// in at most `memory` bytes.
    pub(crate) fn new(searcher: Searcher, memory: usize) -> Stories {
        Stories {
            committed: Some(searcher),
            held: Held::new(memory),
            seen: FxHashSet::default(),
        }
    }

    /// The story of a new article: that of the earlier article it is most like a version of,
    /// else a new one begun under its id.
    pub(crate) fn assign(&mut self, article_id: &str, sketch: &Sketch) -> tantivy::Result<u64> {
        if let Some(searcher) = self.committed.take() {
            // Half the room, so that the run's own articles do not push them out at once.
            for (sketch, story) in latest(&searcher, self.held.most / 2)? {
                self.held.hold(&sketch, &sketch.keys(), story);
            }
        }
        let keys = sketch.keys();
        let mut best: Option<(f32, u64)> = None;
        self.seen.clear();
        for key in &keys {
            for at in self.held.holding(*key).take(PER_KEY) {
                if !self.seen.insert(at) {
                    continue;
                }
                let (old, story) = &self.held.articles[at as usize];
                if let Some(l) = rule::likeness(sketch, old)
                    && best.is_none_or(|(b, _)| l > b)
                {
                    best = Some((l, *story));
                }
            }
        }
        let story = best.map_or_else(|| super::new_id(article_id), |(_, story)| story);
        self.held.hold(sketch, &keys, story);
        Ok(story)
    }
}

/// The sketches and stories of the `most` latest articles `searcher` sees (by publication
/// day, undated ones oldest), oldest first.
fn latest(searcher: &Searcher, most: usize) -> tantivy::Result<Vec<(Sketch, u64)>> {
    // (day, segment, document) of the latest, the earliest on top.
    let mut chosen: BinaryHeap<Reverse<(i64, usize, DocId)>> = BinaryHeap::new();
    let segments = searcher.segment_readers();
    for (s, reader) in segments.iter().enumerate() {
        let days = reader.fast_fields().date(schema::PUBLISHED)?;
        for doc in reader.doc_ids_alive() {
            let day = days
                .first(doc)
                .map_or(i64::MIN, |d| d.into_timestamp_secs());
            if chosen.len() < most {
                chosen.push(Reverse((day, s, doc)));
            } else if chosen
                .peek()
                .is_some_and(|Reverse(top)| *top < (day, s, doc))
            {
                chosen.pop();
                chosen.push(Reverse((day, s, doc)));
            }
        }
    }
    let mut chosen: Vec<(i64, usize, DocId)> = chosen.into_iter().map(|Reverse(c)| c).collect();
    chosen.sort_unstable();
    // Each segment's sketches are read in the order of their dictionary, a block at a time.
    let mut found: FxHashMap<(usize, DocId), (Sketch, u64)> = FxHashMap::default();
    for (s, reader) in segments.iter().enumerate() {
        let fast = reader.fast_fields();
        let (Some(sketches), stories) = (fast.bytes(schema::SKETCH)?, fast.u64(schema::STORY)?)
        else {
            continue;
        };
        let mut wanted: Vec<(u64, DocId)> = chosen
            .iter()
            .filter(|(_, segment, _)| *segment == s)
            .filter_map(|(_, _, doc)| Some((sketches.ords().first(*doc)?, *doc)))
            .collect();
        wanted.sort_unstable();
        let ords: Vec<u64> = wanted.iter().map(|(ord, _)| *ord).collect();
        let mut docs = wanted.iter().map(|(_, doc)| *doc);
        sketches
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |bytes| {
                if let Some(doc) = docs.next()
                    && let (Some(sketch), Some(story)) =
                        (Sketch::from_bytes(bytes), stories.first(doc))
                {
                    found.insert((s, doc), (sketch, story));
                }
            })?;
    }
    Ok(chosen
        .iter()
        .filter_map(|(_, s, doc)| found.remove(&(*s, *doc)))
        .collect())
}

impl Held {
    fn new(memory: usize) -> Held {
        Held {
            articles: Vec::new(),
            heads: FxHashMap::default(),
            links: Vec::new(),
            most: (memory / HELD_BYTES).max(1),
        }
    }

    /// The articles holding `key`, latest first.
    fn holding(&self, key: u64) -> impl Iterator<Item = u32> + '_ {
        let mut link = self.heads.get(&key).copied().unwrap_or(NONE);
        std::iter::from_fn(move || {
            let (article, before) = *self.links.get(link as usize)?;
            link = before;
            Some(article)
        })
    }

    /// Hold an article, forgetting the older half of those held when they are too many.
    fn hold(&mut self, sketch: &Sketch, keys: &[u64], story: u64) {
        if self.articles.len() >= self.most {
            let kept = self.articles.split_off(self.articles.len() / 2);
            self.articles.clear();
            self.heads.clear();
            self.links.clear();
            for (sketch, story) in kept {
                self.hold(&sketch, &sketch.keys(), story);
            }
        }
        let at = self.articles.len() as u32;
        for &key in keys {
            let link = self.links.len() as u32;
            let before = self.heads.insert(key, link).unwrap_or(NONE);
            self.links.push((at, before));
        }
        self.articles.push((sketch.clone(), story));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::sketch::tests::{STORY, article};

    fn sketch(n: usize) -> Sketch {
        let url = format!("https://news.example/world/story-{n}");
        Sketch::of(&article(
            &format!("Headline {n}"),
            "",
            "2011-03-04",
            &url,
            STORY,
        ))
    }

    #[test]
    fn held_articles_are_found_by_key_latest_first() {
        let mut held = Held::new(100 * HELD_BYTES);
        for n in 0..3 {
            let s = sketch(n);
            held.hold(&s, &s.keys(), n as u64);
        }
        // The same body: its keys lead to all three, the latest first.
        let key = sketch(9).keys()[3];
        assert_eq!(held.holding(key).collect::<Vec<_>>(), [2, 1, 0]);
        // The headline is the first key: only its own article holds it.
        assert_eq!(held.holding(sketch(1).keys()[0]).collect::<Vec<_>>(), [1]);
        assert_eq!(held.holding(12345).count(), 0);
    }

    #[test]
    fn held_articles_stay_within_memory_forgetting_the_oldest() {
        let mut held = Held::new(4 * HELD_BYTES);
        for n in 0..10 {
            let s = sketch(n);
            held.hold(&s, &s.keys(), n as u64);
            assert!(held.articles.len() <= 4);
        }
        let stories: Vec<u64> = held.articles.iter().map(|(_, story)| *story).collect();
        assert_eq!(stories.last(), Some(&9));
        assert!(
            !stories.contains(&0),
            "the oldest is forgotten: {stories:?}"
        );
        // The links point at the articles now held, and at no forgotten one.
        let key = sketch(9).keys()[3];
        let found: Vec<u64> = held
            .holding(key)
            .map(|at| held.articles[at as usize].1)
            .collect();
        assert_eq!(found, stories.iter().rev().copied().collect::<Vec<_>>());
        assert!(held.links.len() <= 4 * MAX_KEYS);
    }
}
