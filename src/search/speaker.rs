//! `--speaker NAME`: every article quoting an entity one of whose names matches NAME.
//!
//! NAME is matched against the names of the roster's entities (whole names or words of them
//! in a row, case and accents aside, or an entity's id), and the filter takes every name of
//! every entity found: `--speaker darchiev` finds Alexander Darchiyev's articles too, and
//! `--speaker "Tim Geithner"` all of Timothy Geithner's. A name no entity holds is matched
//! against the speakers' names word by word, as before resolution.

use std::collections::HashSet;
use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery};

use super::quotes::said_by;
use crate::index::schema::Fields;
use crate::roster::{Roster, count};

/// A `--speaker` filter resolved against the roster.
#[derive(Debug, Clone)]
pub struct SpeakerFilter {
    /// What the user typed.
    words: String,
    /// Every name of the entities it matched.
    names: HashSet<String>,
}

impl SpeakerFilter {
    pub fn new(words: &str, roster: &Roster) -> SpeakerFilter {
        let names = roster
            .matching(words)
            .into_iter()
            .flat_map(|e| e.names.iter().cloned())
            .collect();
        SpeakerFilter {
            words: words.to_string(),
            names,
        }
    }

    /// Whether the filter found an entity (else it matches speakers' names word by word).
    pub fn resolved(&self) -> bool {
        !self.names.is_empty()
    }

    /// Whether a speaker's name (as an article gives it) is one the filter wants.
    pub fn said(&self, speaker: &str) -> bool {
        self.names.contains(speaker) || (!self.resolved() && said_by(&self.words, speaker))
    }

    /// The articles quoting any of the names: the range of `speaker_keys` values of each
    /// name's key (whatever its quote count). `None` when no entity matched.
    pub fn query(&self, fields: &Fields) -> Option<Box<dyn Query>> {
        if !self.resolved() {
            return None;
        }
        let mut keys: Vec<u64> = self.names.iter().map(|n| count::key(n)).collect();
        keys.sort_unstable();
        let clauses = keys
            .into_iter()
            .map(|key| {
                let (low, high) = count::key_range(key);
                let term = |value| Term::from_field_u64(fields.speaker_keys, value);
                let range: Box<dyn Query> = Box::new(RangeQuery::new(
                    Bound::Included(term(low)),
                    Bound::Included(term(high)),
                ));
                (Occur::Should, range)
            })
            .collect();
        Some(Box::new(BooleanQuery::new(clauses)))
    }
}
