//! Counting the articles and quotes of each entity among the articles a query matches.
//!
//! Every article keeps the keys of its speakers in an indexed fast column (`speaker_keys`): a
//! name's key (48 bits of its hash) and, in the low 16 bits, how many quotes the article gives
//! it. `--speaker` looks up the range of values of each name's key ([`key_range`]).
//! [`SpeakerTally`] reads that column for each matching article and adds it to the entity each
//! key belongs to, counting an article once per entity however many of its names it uses.

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::store::Roster;
use crate::article::Entities;
use crate::index::rows::Rows;
use crate::index::schema::SPEAKER_KEYS;

/// Bits of a column value that hold the quote count.
const QUOTE_BITS: u32 = 16;

/// The key of a name: 48 bits of its hash. Part of the index format.
pub(crate) fn key(name: &str) -> u64 {
    let hash = blake3::hash(name.as_bytes());
    let mut bytes = [0u8; 8];
    bytes[2..].copy_from_slice(&hash.as_bytes()[..6]);
    u64::from_be_bytes(bytes)
}

/// The smallest and largest column values of a name's key, whatever its quote count.
pub(crate) fn key_range(key: u64) -> (u64, u64) {
    (
        key << QUOTE_BITS,
        key << QUOTE_BITS | ((1 << QUOTE_BITS) - 1),
    )
}

/// The column values of an article: one per speaking person or organisation.
pub(crate) fn speaker_keys(entities: &Entities) -> Vec<u64> {
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

/// Counts per entity (its position in the roster), of the entities counted only.
pub(crate) type Tallies = Vec<(u32, Tally)>;

/// A collector of the [`Tally`] of every entity quoted in the matching articles.
///
/// Each segment counts into a table with a slot per entity (a query may match most of the
/// index); the tables of finished segments are cleared and kept for the next ones.
pub struct SpeakerTally {
    keys: Arc<FxHashMap<u64, u32>>,
    entities: usize,
    spare: Arc<Mutex<Vec<Vec<Slot>>>>,
}

impl SpeakerTally {
    pub fn new(roster: &Roster) -> SpeakerTally {
        SpeakerTally {
            keys: roster.keys(),
            entities: roster.entities.len(),
            spare: Arc::default(),
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
        let spare = self.spare.lock().ok().and_then(|mut s| s.pop());
        Ok(SegmentTally {
            column: segment.fast_fields().u64(SPEAKER_KEYS)?,
            keys: Arc::clone(&self.keys),
            slots: spare.unwrap_or_else(|| vec![Slot::default(); self.entities]),
            counted: Vec::new(),
            rows: Rows::new(),
            entities: Vec::new(),
            spare: Arc::clone(&self.spare),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tallies>) -> tantivy::Result<Tallies> {
        if fruits.len() <= 1 {
            return Ok(fruits.into_iter().next().unwrap_or_default());
        }
        let mut sums = vec![Tally::default(); self.entities];
        let mut counted = Vec::new();
        for (entity, t) in fruits.into_iter().flatten() {
            let Some(sum) = sums.get_mut(entity as usize) else {
                continue;
            };
            if sum.articles == 0 {
                counted.push(entity);
            }
            sum.articles += t.articles;
            sum.quotes += t.quotes;
        }
        Ok(counted.into_iter().map(|e| (e, sums[e as usize])).collect())
    }
}

/// An entity's counts in one segment.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    articles: u32,
    /// The last article counted, plus one (0: none yet).
    last: u32,
    quotes: u64,
}

/// [`SpeakerTally`] on one segment.
pub struct SegmentTally {
    column: Column<u64>,
    keys: Arc<FxHashMap<u64, u32>>,
    /// By entity.
    slots: Vec<Slot>,
    /// The entities with a count, in the order first counted.
    counted: Vec<u32>,
    rows: Rows<u64>,
    /// The entity of each value of the block being read (`u32::MAX`: none).
    entities: Vec<u32>,
    spare: Arc<Mutex<Vec<Vec<Slot>>>>,
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tallies;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.collect_block(&[doc]);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let (docs, values) = self.rows.read(&self.column, docs);
        // The entities of the whole block first: lookups independent of one another wait for
        // memory together, not one after the other.
        self.entities.clear();
        self.entities.extend(values.iter().map(|&value| {
            self.keys
                .get(&(value >> QUOTE_BITS))
                .copied()
                .unwrap_or(u32::MAX)
        }));
        for ((&doc, &value), &entity) in docs.iter().zip(values).zip(&self.entities) {
            let Some(slot) = self.slots.get_mut(entity as usize) else {
                continue;
            };
            if slot.articles == 0 {
                self.counted.push(entity);
            }
            slot.quotes += value & ((1 << QUOTE_BITS) - 1);
            // An article names an entity once however many of its names it uses.
            if slot.last != doc + 1 {
                slot.last = doc + 1;
                slot.articles += 1;
            }
        }
    }

    fn harvest(mut self) -> Tallies {
        let tallies = self
            .counted
            .iter()
            .map(|&e| {
                let slot = std::mem::take(&mut self.slots[e as usize]);
                let tally = Tally {
                    articles: u64::from(slot.articles),
                    quotes: slot.quotes,
                };
                (e, tally)
            })
            .collect();
        if let Ok(mut spare) = self.spare.lock() {
            spare.push(self.slots);
        }
        tallies
    }
}
