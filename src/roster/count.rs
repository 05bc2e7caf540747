//! Counting the articles and quotes of each entity among the articles a query matches.
//!
//! Every article keeps the keys of its speakers in an indexed fast column (`speaker_keys`): a
//! name's key (48 bits of its hash) and, in the low 16 bits, how many quotes the article gives
//! it. `--speaker` looks up the range of values of each name's key ([`key_range`]).
//! [`SpeakerTally`] reads that column for each matching article and adds it to the entity each
//! key belongs to, counting an article once per entity however many of its names it uses.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::store::Roster;
use crate::article::Entities;
use crate::index::schema::SPEAKER_KEYS;

/// Bits of a column value that hold the quote count.
const QUOTE_BITS: u32 = 16;

/// The key of a name: 48 bits of its hash. Part of the index format.
pub fn key(name: &str) -> u64 {
    let hash = blake3::hash(name.as_bytes());
    let mut bytes = [0u8; 8];
    bytes[2..].copy_from_slice(&hash.as_bytes()[..6]);
    u64::from_be_bytes(bytes)
}

/// The smallest and largest column values of a name's key, whatever its quote count.
pub fn key_range(key: u64) -> (u64, u64) {
    (
        key << QUOTE_BITS,
        key << QUOTE_BITS | ((1 << QUOTE_BITS) - 1),
    )
}

/// The column values of an article: one per speaking person or organisation.
pub fn speaker_keys(entities: &Entities) -> Vec<u64> {
    entities
        .speakers
        .iter()
        .chain(&entities.organisations)
        .map(|p| {
            let quotes = entities.quotes_by(&p.name);
            key(&p.name) << QUOTE_BITS | quotes.min(u16::MAX as usize) as u64
        })
        .collect()
}

/// Articles and quotes of one entity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub articles: u64,
    pub quotes: u64,
}

/// Counts per entity (its position in the roster).
pub type Tallies = FxHashMap<u32, Tally>;

/// A collector of the [`Tally`] of every entity quoted in the matching articles.
pub struct SpeakerTally {
    keys: Arc<FxHashMap<u64, u32>>,
    entities: usize,
}

impl SpeakerTally {
    pub fn new(roster: &Roster) -> SpeakerTally {
        SpeakerTally {
            keys: roster.keys(),
            entities: roster.entities.len(),
        }
    }
}

impl Collector for SpeakerTally {
    type Fruit = Tallies;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        Ok(SegmentTally {
            column: segment.fast_fields().u64(SPEAKER_KEYS)?,
            keys: Arc::clone(&self.keys),
            tallies: vec![Tally::default(); self.entities],
            seen: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tallies>) -> tantivy::Result<Tallies> {
        let mut all = Tallies::default();
        for fruit in fruits {
            for (entity, t) in fruit {
                let sum = all.entry(entity).or_default();
                sum.articles += t.articles;
                sum.quotes += t.quotes;
            }
        }
        Ok(all)
    }
}

/// [`SpeakerTally`] on one segment.
pub struct SegmentTally {
    column: Column<u64>,
    keys: Arc<FxHashMap<u64, u32>>,
    /// By entity: a dense table, as a query may match most of the index.
    tallies: Vec<Tally>,
    /// The entities of the article being read.
    seen: Vec<u32>,
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tallies;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.seen.clear();
        for value in self.column.values_for_doc(doc) {
            let Some(&entity) = self.keys.get(&(value >> QUOTE_BITS)) else {
                continue;
            };
            let Some(tally) = self.tallies.get_mut(entity as usize) else {
                continue;
            };
            tally.quotes += value & ((1 << QUOTE_BITS) - 1);
            if !self.seen.contains(&entity) {
                self.seen.push(entity);
                tally.articles += 1;
            }
        }
    }

    fn harvest(self) -> Tallies {
        self.tallies
            .into_iter()
            .enumerate()
            .filter(|(_, t)| t.articles > 0)
            .map(|(i, t)| (i as u32, t))
            .collect()
    }
}
