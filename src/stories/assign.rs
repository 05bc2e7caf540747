//! The writer's side of stories: each new article joins the story of the earlier article it is
//! most like a version of, or begins one.
//!
//! Earlier articles are looked for among those [`Held`] in memory, by the keys of their
//! sketches ([`Sketch::keys`]): the latest articles of the committed index (by publication
//! day, read from its `sketch` and `story` columns when the first new article of a run comes),
//! and the articles of the run as they are given their stories. They are held within a share
//! of the build's memory budget; when it is full the older half is forgotten. Versions lie
//! days apart and corpora grow by date, so what is forgotten is rarely wanted, and the index
//! keeps no lookup table of its own (an indexed key per band, a dozen per article, cost a full
//! build more than the rest of the stories together).
//!
//! Copies are the exception: the same agency text on many sites, a feed stored twice, a
//! corpus laid out by site, lie anywhere in the walk. A forgotten article leaves its
//! [`Sketch::copy_key`] and its story behind in [`Copies`], a thirteenth of what holding it
//! took, so an identical copy still finds its story long after the article itself was
//! forgotten: a quarter of the share keeps the copy keys of four times as many articles as
//! the rest holds (at the default budget, about 85,000 held and 400,000 more remembered). A
//! rewritten version of a forgotten article begins a story of its own.
//!
//! Most candidates are ruled out by their [`Brief`] (kind, day, text hash, first bins: 32
//! bytes, which stay in the cache) before their sketch is read ([`rule::ruled_out`]). Among
//! the rest, the one [`rule::likeness`] rates highest wins. A story found once
//! keeps its id on every later run: the id is written into each version and never changes;
//! two stories are never merged after the fact (their articles would have to be rewritten).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::{DocId, Searcher};

use crate::index::schema;

use super::rule;
use super::sketch::{Brief, Key, MAX_KEYS, Sketch};

/// Earlier articles compared per key (the latest that hold it): keys shared by many articles
/// (a daily report's headline) are not worth more comparisons than this.
const PER_KEY: usize = 24;

/// Memory held per article: its sketch and story, its brief, and its keys in the lookup.
const HELD_BYTES: usize =
    std::mem::size_of::<(Sketch, u64)>() + std::mem::size_of::<Brief>() + MAX_KEYS * KEY_BYTES;
/// Memory per forgotten article in [`Copies`]: its key and story (16 bytes), and the map's
/// control byte and spare room.
const COPY_BYTES: usize = 40;
/// The share of the memory kept for [`Copies`]: one part in this many.
const COPIES_SHARE: usize = 4;
/// Bytes of a key in [`Held`]'s lookup: its link (8), and its entry in its slot's table of
/// heads (8, and the table's spare room).
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
/// chain of those holding it, latest first; and the copy keys of those forgotten.
struct Held {
    articles: Vec<(Sketch, u64)>,
    /// The articles' briefs, which rule most candidates out without reading their sketch.
    briefs: Vec<Brief>,
    /// The latest link of each key, a table for each slot of the keys...
    heads: [FxHashMap<u32, u32>; MAX_KEYS],
    /// ...and the links: (article, the key's link before this one, or [`NONE`]).
    links: Vec<(u32, u32)>,
    /// Most articles held.
    most: usize,
    copies: Copies,
}

/// The stories of forgotten articles by their [`Sketch::copy_key`], in two generations: when
/// the newer is full it becomes the older, and the older is forgotten.
struct Copies {
    newer: FxHashMap<u64, u64>,
    older: FxHashMap<u64, u64>,
    /// Most keys of a generation.
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
            // Half the room, so that the run's own articles do not push them out at once; the
            // articles before those leave their copy keys.
            let latest = latest(&searcher, self.held.most / 2, self.held.copies.most * 2)?;
            for (key, story) in latest.copies {
                self.held.copies.remember_key(key, story);
            }
            for (sketch, story) in latest.held {
                self.held.hold(&sketch, &sketch.keys(), story);
            }
        }
        let keys = sketch.keys();
        let mut best: Option<(f32, u64)> = None;
        self.seen.clear();
        for key in &keys {
            for at in self.held.holding(*key).take(PER_KEY) {
                if !self.seen.insert(at) || rule::ruled_out(sketch, &self.held.briefs[at as usize])
                {
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
        // A copy of a forgotten article: its story, which the rule would give it.
        let story = match best {
            Some((_, story)) => story,
            None => self
                .held
                .copies
                .story_of(sketch)
                .unwrap_or_else(|| super::new_id(article_id)),
        };
        self.held.hold(sketch, &keys, story);
        Ok(story)
    }
}

/// What a run starts from in the committed index, each part oldest first.
struct Latest {
    /// The sketches and stories of the latest articles...
    held: Vec<(Sketch, u64)>,
    /// ...and the copy keys and stories of those before them.
    copies: Vec<(u64, u64)>,
}

/// The `held` latest articles `searcher` sees (by publication day, undated ones oldest) and
/// the copy keys of the `copies` before them. Only the held keep their sketch, so memory
/// follows what the run keeps, not what it reads.
fn latest(searcher: &Searcher, held: usize, copies: usize) -> tantivy::Result<Latest> {
    let most = held.saturating_add(copies);
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
    // Articles before `split` in `chosen` leave their copy key, those after it their sketch.
    let split = chosen.len().saturating_sub(held);
    let mut copy_slots: Vec<Option<(u64, u64)>> = vec![None; split];
    let mut held_slots: Vec<Option<(Sketch, u64)>> = vec![None; chosen.len() - split];
    // Each segment's sketches are read in the order of their dictionary, a block at a time.
    for (s, reader) in segments.iter().enumerate() {
        let fast = reader.fast_fields();
        let (Some(sketches), stories) = (fast.bytes(schema::SKETCH)?, fast.u64(schema::STORY)?)
        else {
            continue;
        };
        // (ordinal of the sketch, document, place in `chosen`).
        let mut wanted: Vec<(u64, DocId, usize)> = chosen
            .iter()
            .enumerate()
            .filter(|(_, (_, segment, _))| *segment == s)
            .filter_map(|(at, (_, _, doc))| Some((sketches.ords().first(*doc)?, *doc, at)))
            .collect();
        wanted.sort_unstable();
        let ords: Vec<u64> = wanted.iter().map(|(ord, _, _)| *ord).collect();
        let mut docs = wanted.iter().map(|(_, doc, at)| (*doc, *at));
        sketches
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |bytes| {
                let Some((doc, at)) = docs.next() else {
                    return;
                };
                let (Some(sketch), Some(story)) = (Sketch::from_bytes(bytes), stories.first(doc))
                else {
                    return;
                };
                if at < split {
                    copy_slots[at] = sketch.copy_key().map(|key| (key, story));
                } else {
                    held_slots[at - split] = Some((sketch, story));
                }
            })?;
    }
    Ok(Latest {
        held: held_slots.into_iter().flatten().collect(),
        copies: copy_slots.into_iter().flatten().collect(),
    })
}

impl Held {
    fn new(memory: usize) -> Held {
        let copies = memory / COPIES_SHARE;
        Held {
            articles: Vec::new(),
            briefs: Vec::new(),
            heads: std::array::from_fn(|_| FxHashMap::default()),
            links: Vec::new(),
            most: ((memory - copies) / HELD_BYTES).max(1),
            copies: Copies::new(copies),
        }
    }

    /// The articles holding `key`, latest first.
    fn holding(&self, key: Key) -> impl Iterator<Item = u32> + '_ {
        let mut link = self.heads[key.slot]
            .get(&key.value)
            .copied()
            .unwrap_or(NONE);
        std::iter::from_fn(move || {
            let (article, before) = *self.links.get(link as usize)?;
            link = before;
            Some(article)
        })
    }

    /// Hold an article, forgetting the older half of those held when they are too many.
    fn hold(&mut self, sketch: &Sketch, keys: &[Key], story: u64) {
        if self.articles.len() >= self.most {
            let kept = self.articles.split_off(self.articles.len() / 2);
            for (sketch, story) in &self.articles {
                self.copies.remember(sketch, *story);
            }
            self.articles.clear();
            self.briefs.clear();
            self.heads.iter_mut().for_each(FxHashMap::clear);
            self.links.clear();
            for (sketch, story) in kept {
                self.hold(&sketch, &sketch.keys(), story);
            }
        }
        let at = self.articles.len() as u32;
        for &key in keys {
            let link = self.links.len() as u32;
            let before = self.heads[key.slot].insert(key.value, link).unwrap_or(NONE);
            self.links.push((at, before));
        }
        self.articles.push((sketch.clone(), story));
        self.briefs.push(sketch.brief());
    }
}

impl Copies {
    fn new(memory: usize) -> Copies {
        Copies {
            newer: FxHashMap::default(),
            older: FxHashMap::default(),
            most: (memory / COPY_BYTES / 2).max(1),
        }
    }

    /// Remember the story of a forgotten article (nothing when it has no words).
    fn remember(&mut self, sketch: &Sketch, story: u64) {
        if let Some(key) = sketch.copy_key() {
            self.remember_key(key, story);
        }
    }

    /// Remember the story of a forgotten article by its copy key.
    fn remember_key(&mut self, key: u64, story: u64) {
        if self.newer.len() >= self.most {
            self.older = std::mem::take(&mut self.newer);
        }
        self.newer.insert(key, story);
    }

    /// The story of a forgotten article `sketch` is a copy of, the latest remembered.
    fn story_of(&self, sketch: &Sketch) -> Option<u64> {
        let key = sketch.copy_key()?;
        self.newer
            .get(&key)
            .or_else(|| self.older.get(&key))
            .copied()
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.newer.len() + self.older.len()
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
        // A value held under one slot is not found under another.
        let title = sketch(1).keys()[0];
        let elsewhere = Key {
            slot: 1,
            value: title.value,
        };
        assert_eq!(held.holding(elsewhere).count(), 0);
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

    /// Report `n`: a text no other report shares a shingle with, under a headline, address and
    /// date.
    fn report(n: usize, headline: &str, date: &str) -> crate::article::Article {
        let text: Vec<String> = (0..60).map(|i| format!("w{n}x{i}")).collect();
        article(
            headline,
            "",
            date,
            &format!("https://news.example/world/{headline}-{n}").replace(' ', "-"),
            &format!("LONDON (Reuters) - {}.", text.join(" ")),
        )
    }

    /// An empty index in memory, ready to be written to.
    fn index() -> tantivy::Index {
        let index = tantivy::Index::create_in_ram(schema::schema());
        schema::register_tokenizers(&index);
        index
    }

    /// Stories holding articles in `memory` bytes, over what `index` holds.
    fn stories(index: &tantivy::Index, memory: usize) -> Stories {
        let reader = index.reader().expect("reader");
        Stories::new(reader.searcher(), memory)
    }

    #[test]
    fn a_copy_of_a_forgotten_article_joins_its_story() {
        let mut stories = stories(&index(), 6 * HELD_BYTES);
        assert_eq!(stories.held.most, 4);
        let original = Sketch::of(&report(0, "Ferry terminal to close", "2011-03-04"));
        let story = stories.assign("a/0.txt", &original).expect("assign");
        assert_eq!(story, crate::stories::new_id("a/0.txt"));
        // Other reports push it out of those held.
        for n in 1..=12 {
            let other = Sketch::of(&report(n, &format!("Other news {n}"), "2011-03-05"));
            let own = stories
                .assign(&format!("a/{n}.txt"), &other)
                .expect("assign");
            assert_eq!(own, crate::stories::new_id(&format!("a/{n}.txt")));
        }
        assert!(
            stories.held.articles.iter().all(|(_, s)| *s != story),
            "the original is no longer held"
        );
        // The same text under another headline, address and date, a year later.
        let copy = Sketch::of(&report(0, "Eastmouth ferries: the end", "2012-05-06"));
        assert_eq!(stories.assign("b/0.txt", &copy).expect("assign"), story);
        // Another kind of piece with the same text is not a copy.
        let factbox = Sketch::of(&report(0, "FACTBOX-Ferry terminal to close", "2011-03-04"));
        assert_ne!(stories.assign("c/0.txt", &factbox).expect("assign"), story);
    }

    #[test]
    fn a_copy_of_an_article_of_the_committed_index_beyond_those_held_joins_its_story() {
        // Ten reports committed, a day apart; a run that holds two of them.
        let index = index();
        let fields = schema::Fields::new(&index.schema()).expect("fields");
        let mut writer: tantivy::IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let reports: Vec<Sketch> = (0..10)
            .map(|n| {
                Sketch::of(&report(
                    n,
                    &format!("Report {n}"),
                    &format!("2011-03-{:02}", n + 1),
                ))
            })
            .collect();
        for (n, sketch) in reports.iter().enumerate() {
            let day = chrono::NaiveDate::from_ymd_opt(2011, 3, n as u32 + 1).expect("day");
            let mut doc = tantivy::TantivyDocument::default();
            doc.add_bytes(fields.sketch, &sketch.to_bytes());
            doc.add_u64(fields.story, 100 + n as u64);
            doc.add_date(fields.published, schema::day_to_datetime(day));
            writer.add_document(doc).expect("add");
        }
        writer.commit().expect("commit");
        let mut stories = stories(&index, 6 * HELD_BYTES);
        assert_eq!(stories.held.most / 2, 2);
        // The oldest report, copied under another headline: found among the copies.
        let mut copy = report(0, "Reports revisited", "2012-01-01");
        copy.url = None;
        let story = stories
            .assign("new/0.txt", &Sketch::of(&copy))
            .expect("assign");
        assert_eq!(story, 100);
        assert_eq!(
            stories.held.articles.len(),
            3,
            "two held from the index, and the copy"
        );
        assert_eq!(
            stories.held.copies.len(),
            8,
            "the eight older reports' copy keys"
        );
    }

    #[test]
    fn copies_stay_within_memory_keeping_the_latest() {
        let mut copies = Copies::new(10 * COPY_BYTES);
        assert_eq!(copies.most, 5);
        let sketches: Vec<Sketch> = (0..40)
            .map(|n| Sketch::of(&report(n, "Headline", "2011-03-04")))
            .collect();
        for (n, sketch) in sketches.iter().enumerate() {
            copies.remember(sketch, n as u64);
            assert!(copies.len() <= 10);
        }
        assert_eq!(copies.story_of(&sketches[39]), Some(39));
        assert_eq!(copies.story_of(&sketches[35]), Some(35));
        assert_eq!(copies.story_of(&sketches[0]), None);
        // An article without words leaves nothing.
        copies.remember(&Sketch::of(&crate::article::Article::default()), 99);
        assert_eq!(
            copies.story_of(&Sketch::of(&crate::article::Article::default())),
            None
        );
    }
}
