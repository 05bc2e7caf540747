//! The writer's side of stories: each new article joins the story of the earlier article it is
//! most like a version of, or begins one.
//!
//! Earlier articles are looked for by the keys of their sketches ([`Sketch::keys`]) in two
//! places: the committed index (the `story_keys` field is indexed; the `sketch` and `story`
//! fast columns give what is compared), and the articles of this run not committed yet, held
//! in memory until the next commit. So the memory held is bounded by a commit's batch, not by
//! the corpus, and a story found once keeps its id on every later run: the id is written into
//! each version and never changes. Among the candidates, the one [`rule::likeness`] rates
//! highest wins; two stories are never merged after the fact (their articles would have to be
//! rewritten).

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::columnar::{BytesColumn, Column};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Searcher, TERMINATED, Term};

use crate::index::schema::{self, Fields};

use super::rule;
use super::sketch::Sketch;

/// Earlier articles compared per key and place: keys shared by many articles (a daily
/// report's headline) are not worth more comparisons than this.
const PER_KEY: usize = 24;

/// Gives new articles their story ids.
pub struct Stories {
    fields: Fields,
    /// The committed index as of the last commit, with each segment's columns.
    segments: Vec<SegmentColumns>,
    /// The articles given a story since the last commit: their sketches and stories...
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
    /// Stories over the committed index `searcher` sees.
    pub fn new(fields: Fields, searcher: &Searcher) -> tantivy::Result<Stories> {
        let mut stories = Stories {
            fields,
            segments: Vec::new(),
            pending: Vec::new(),
            by_key: FxHashMap::default(),
            buffer: Vec::new(),
        };
        stories.committed(searcher)?;
        Ok(stories)
    }

    /// The articles assigned so far are committed and `searcher` sees them: look them up
    /// there from now on.
    pub fn committed(&mut self, searcher: &Searcher) -> tantivy::Result<()> {
        self.segments = searcher
            .segment_readers()
            .iter()
            .map(|reader| {
                let fast = reader.fast_fields();
                Ok(SegmentColumns {
                    keys: reader.inverted_index(self.fields.story_keys)?,
                    sketches: fast.bytes(schema::SKETCH)?,
                    stories: fast.u64(schema::STORY)?,
                    reader: reader.clone(),
                })
            })
            .collect::<tantivy::Result<_>>()?;
        self.pending.clear();
        self.by_key.clear();
        Ok(())
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
                let mut taken = 0;
                while postings.doc() != TERMINATED && taken < PER_KEY {
                    let doc = postings.doc();
                    postings.advance();
                    if segment.reader.is_deleted(doc) || !compared.insert((s, doc)) {
                        continue;
                    }
                    taken += 1;
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
