//! The writer's side of stories: each new article joins the story of the earlier article it is
//! most like a version of, or begins one.
//!
//! Earlier articles are looked for by the keys of their sketches ([`Sketch::keys`]) in two
//! places: the index as it was when the run began (the `story_keys` field is indexed; the
//! `sketch` and `story` fast columns give what is compared), and the articles of this run,
//! held in memory (their sketches, about 300 bytes each, up to [`MAX_HELD`] articles: a run
//! that adds more forgets the earlier ones, which then begin stories rather than join them).
//! Reading a sketch back from the index costs a block decompression, so the articles of the
//! run, which most lookups of a full build are about, are never read back. A story found once
//! keeps its id on every later run: the id is written into each version and never changes. Among the candidates, the one [`rule::likeness`] rates
//! highest wins; two stories are never merged after the fact (their articles would have to be
//! rewritten).

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::columnar::{BytesColumn, Column};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Searcher, TERMINATED, Term};

use crate::index::schema::{self, Fields};

use super::rule;
use super::sketch::Sketch;

/// Earlier articles compared per key and place (the latest that hold it): keys shared by many
/// articles (a daily report's headline) are not worth more comparisons than this.
const PER_KEY: usize = 24;

/// Articles of one run whose sketches are held for the lookups of the later ones.
const MAX_HELD: usize = 500_000;

/// Gives new articles their story ids.
pub struct Stories {
    fields: Fields,
    /// The committed index as the run found it, with each segment's columns.
    segments: Vec<SegmentColumns>,
    /// The articles given a story in this run: their sketches and stories...
    pending: Vec<(Sketch, u64)>,
    /// ...and, by key, the positions of those holding it (latest last).
    by_key: FxHashMap<u64, Vec<u32>>,
    /// Scratch for reading sketches.
    buffer: Vec<u8>,
}

/// What a committed segment answers with.
struct SegmentColumns {
    keys: std::sync::Arc<tantivy::InvertedIndexReader>,
    sketches: Option<BytesColumn>,
    stories: Column<u64>,
    reader: tantivy::SegmentReader,
}

impl Stories {
    /// Stories over the committed index `searcher` sees (as the run begins).
    pub fn new(fields: Fields, searcher: &Searcher) -> tantivy::Result<Stories> {
        let segments = searcher
            .segment_readers()
            .iter()
            .map(|reader| {
                let fast = reader.fast_fields();
                Ok(SegmentColumns {
                    keys: reader.inverted_index(fields.story_keys)?,
                    sketches: fast.bytes(schema::SKETCH)?,
                    stories: fast.u64(schema::STORY)?,
                    reader: reader.clone(),
                })
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(Stories {
            fields,
            segments,
            pending: Vec::new(),
            by_key: FxHashMap::default(),
            buffer: Vec::new(),
        })
    }

    /// The story of a new article: that of the earlier article it is most like a version of,
    /// else a new one begun under its id.
    pub fn assign(&mut self, article_id: &str, sketch: &Sketch) -> tantivy::Result<u64> {
        let keys = sketch.keys();
        let mut best: Option<(f32, u64)> = None;
        let mut consider = |likeness: Option<f32>, story: u64| {
            if let Some(l) = likeness
                && best.is_none_or(|(b, _)| l > b)
            {
                best = Some((l, story));
            }
        };

        let mut seen: FxHashSet<u32> = FxHashSet::default();
        for key in &keys {
            for &at in self
                .by_key
                .get(key)
                .into_iter()
                .flatten()
                .rev()
                .take(PER_KEY)
            {
                if seen.insert(at) {
                    let (old, story) = &self.pending[at as usize];
                    consider(rule::likeness(sketch, old), *story);
                }
            }
        }

        let mut compared: FxHashSet<(usize, DocId)> = FxHashSet::default();
        for key in &keys {
            let term = Term::from_field_u64(self.fields.story_keys, *key);
            for (s, segment) in self.segments.iter().enumerate() {
                let Some(mut postings) = segment
                    .keys
                    .read_postings(&term, IndexRecordOption::Basic)?
                else {
                    continue;
                };
                // The latest articles holding the key: versions lie close in time, and a key
                // many articles share (a daily report's headline) is read to its end.
                let mut latest = std::collections::VecDeque::with_capacity(PER_KEY);
                while postings.doc() != TERMINATED {
                    let doc = postings.doc();
                    postings.advance();
                    if segment.reader.is_deleted(doc) {
                        continue;
                    }
                    if latest.len() == PER_KEY {
                        latest.pop_front();
                    }
                    latest.push_back(doc);
                }
                for doc in latest {
                    if !compared.insert((s, doc)) {
                        continue;
                    }
                    let (Some(old), Some(story)) = (
                        segment.sketch(doc, &mut self.buffer)?,
                        segment.stories.first(doc),
                    ) else {
                        continue;
                    };
                    consider(rule::likeness(sketch, &old), story);
                }
            }
        }

        let story = best.map_or_else(|| super::new_id(article_id), |(_, story)| story);
        if self.pending.len() >= MAX_HELD {
            self.pending.clear();
            self.by_key.clear();
        }
        let at = self.pending.len() as u32;
        for key in keys {
            self.by_key.entry(key).or_default().push(at);
        }
        self.pending.push((sketch.clone(), story));
        Ok(story)
    }
}

impl SegmentColumns {
    /// The sketch stored with a document, when it has one of this version.
    fn sketch(&self, doc: DocId, buffer: &mut Vec<u8>) -> std::io::Result<Option<Sketch>> {
        let Some(column) = &self.sketches else {
            return Ok(None);
        };
        let Some(ord) = column.ords().first(doc) else {
            return Ok(None);
        };
        buffer.clear();
        column.ord_to_bytes(ord, buffer)?;
        Ok(Sketch::from_bytes(buffer))
    }
}
