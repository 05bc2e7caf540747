//! The names of a whole corpus with what its articles say of each: the input of resolution,
//! summed from the `names` column of every live article.

use std::collections::HashMap;

use tantivy::{Searcher, SegmentReader};

use super::sighting::{Cue, Role, Sighting};
use crate::index::schema::NAMES;
use crate::index::stats::for_each_value;

/// What the corpus says of one name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameStats {
    /// Articles quoting the name as a person.
    pub speaker: u64,
    /// Articles quoting the name as an organisation.
    pub organisation: u64,
    /// Articles naming it without quoting it.
    pub named: u64,
    pub quotes: u64,
    /// Articles writing it as a company is written.
    pub company_cues: u64,
    /// Articles writing it as a person is written.
    pub person_cues: u64,
    /// Titles written before it, with their article counts.
    pub titles: HashMap<String, u64>,
}

impl NameStats {
    /// Articles that name it at all.
    pub fn articles(&self) -> u64 {
        self.speaker + self.organisation + self.named
    }

    /// Articles that quote it.
    pub fn speaking(&self) -> u64 {
        self.speaker + self.organisation
    }

    fn add(&mut self, s: &Sighting, articles: u64) {
        match s.role {
            Role::Speaker => self.speaker += articles,
            Role::Organisation => self.organisation += articles,
            Role::Named => self.named += articles,
        }
        self.quotes += u64::from(s.quotes) * articles;
        match s.cue {
            Cue::Organisation => self.company_cues += articles,
            Cue::Person => self.person_cues += articles,
            Cue::None => {}
        }
        if !s.title.is_empty() {
            *self.titles.entry(s.title.to_string()).or_insert(0) += articles;
        }
    }
}

/// Every name of the corpus.
pub(crate) type NameTable = HashMap<String, NameStats>;

/// Sum the `names` column of every live article.
pub fn read(searcher: &Searcher) -> tantivy::Result<NameTable> {
    let mut table = NameTable::new();
    for segment in searcher.segment_readers() {
        add_segment(segment, &mut table)?;
    }
    Ok(table)
}

fn add_segment(segment: &SegmentReader, table: &mut NameTable) -> tantivy::Result<()> {
    for_each_value(segment, NAMES, |value, n| {
        if let Some(sighting) = Sighting::decode(value) {
            match table.get_mut(sighting.name) {
                Some(stats) => stats.add(&sighting, n),
                None => {
                    let mut stats = NameStats::default();
                    stats.add(&sighting, n);
                    table.insert(sighting.name.to_string(), stats);
                }
            }
        }
    })
}
