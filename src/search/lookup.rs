//! One article by its id or its path, with everything the index keeps of it (`newsdex show`).
//!
//! The key is looked up as an id first, then as a path relative to the corpus (as results
//! show it). A path is the id of most articles, but a JSON Lines file holds several: its path
//! then names all of them, and the error tells their ids rather than picking one at random.

use chrono::NaiveDate;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, TantivyDocument, Term};

use super::Engine;
use crate::article::Entities;
use crate::error::{Error, Result};
use crate::index::{engine, schema};

/// Ids listed when a path holds several articles...
const LISTED_IDS: usize = 5;
/// ...chosen among this many.
const FETCHED: usize = 64;

/// An article as stored in the index.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    pub id: String,
    pub path: String,
    pub title: String,
    /// The cleaned text.
    pub body: String,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    /// Speakers, places, mentioned dates and quotes (with their text) as extracted.
    pub entities: Entities,
}

impl Engine {
    /// The article whose id, or else path, is `key` (`./` in front and `\` are forgiven);
    /// `None` when there is none.
    pub fn article(&self, key: &str) -> Result<Option<StoredArticle>> {
        let fields = &self.news.fields;
        let trimmed = key.trim();
        let key = super::prefix::corpus_relative(trimmed);
        let mut tries = vec![(fields.id, trimmed)];
        if key != trimmed {
            tries.push((fields.id, key.as_str()));
        }
        tries.push((fields.path, key.as_str()));
        for (field, wanted) in tries {
            let (count, docs) = self.docs_with(field, wanted)?;
            match docs.as_slice() {
                [] => continue,
                [doc] if count == 1 => return Ok(Some(self.stored(doc))),
                _ => {
                    let mut ids: Vec<String> = docs
                        .iter()
                        .map(|doc| schema::article_id(fields, doc))
                        .collect();
                    // Index order is not the file's (threads share the work): the line
                    // number of `file#N` ids, else the id, orders them.
                    ids.sort_by(|a, b| line_order(a).cmp(&line_order(b)));
                    ids.truncate(LISTED_IDS);
                    return Err(Error::SeveralArticles {
                        path: wanted.to_string(),
                        count,
                        ids,
                    });
                }
            }
        }
        Ok(None)
    }

    /// How many documents hold `value` in a raw field, and (some of) those documents.
    fn docs_with(&self, field: Field, value: &str) -> Result<(usize, Vec<TantivyDocument>)> {
        let path = &self.news.path;
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        );
        // Enough of a file's articles to list the first ids of a sample.
        let collector = (TopDocs::with_limit(FETCHED).order_by_score(), Count);
        let (top, count) = searcher
            .search(&query, &collector)
            .map_err(|e| engine(path, e))?;
        let mut addresses: Vec<DocAddress> = top.into_iter().map(|(_, a)| a).collect();
        addresses.sort_unstable();
        let docs = addresses
            .into_iter()
            .map(|a| searcher.doc(a).map_err(|e| engine(path, e)))
            .collect::<Result<_>>()?;
        Ok((count, docs))
    }

    fn stored(&self, doc: &TantivyDocument) -> StoredArticle {
        let f = &self.news.fields;
        StoredArticle {
            id: schema::article_id(f, doc),
            path: schema::stored_text(doc, f.path),
            title: schema::stored_text(doc, f.title),
            body: schema::stored_text(doc, f.body),
            url: schema::stored_optional_text(doc, f.url),
            published: schema::stored_published(f, doc),
            entities: schema::stored_entities(f, doc),
        }
    }
}

/// Sort key of an id: `a.jsonl#2` before `a.jsonl#10`.
fn line_order(id: &str) -> (&str, u64) {
    match id.rsplit_once('#').map(|(head, n)| (head, n.parse())) {
        Some((head, Ok(n))) => (head, n),
        _ => (id, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_lines_sort_by_line_number() {
        let mut ids = vec!["f.jsonl#10", "f.jsonl#2", "own", "f.jsonl#1"];
        ids.sort_by(|a, b| line_order(a).cmp(&line_order(b)));
        assert_eq!(ids, ["f.jsonl#1", "f.jsonl#2", "f.jsonl#10", "own"]);
    }
}
