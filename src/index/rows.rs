//! Reading a fast column for a block of articles at once.
//!
//! A column's values sit behind a dynamic call; reading them article by article pays it once
//! a value. [`Rows`] finds the rows of a whole block of articles first, then fetches their
//! values in one call, each beside the article it belongs to, in buffers kept from block to
//! block.

use std::fmt::Debug;

use tantivy::DocId;
use tantivy::columnar::{Column, RowId};

/// Buffers for the values of a block of articles.
#[derive(Debug, Default)]
pub(crate) struct Rows<T> {
    docs: Vec<DocId>,
    rows: Vec<RowId>,
    values: Vec<T>,
}

impl<T> Rows<T>
where
    T: Copy + Default + PartialOrd + Debug + Send + Sync + 'static,
{
    pub(crate) fn new() -> Rows<T> {
        Rows {
            docs: Vec::new(),
            rows: Vec::new(),
            values: Vec::new(),
        }
    }

    /// The values of the articles `docs` (in increasing order) and, at the same positions, the
    /// article each belongs to: an article with no value is absent, one with several repeats.
    pub(crate) fn read(&mut self, column: &Column<T>, docs: &[DocId]) -> (&[DocId], &[T]) {
        self.docs.clear();
        self.rows.clear();
        column.row_ids_for_docs(docs, &mut self.docs, &mut self.rows);
        self.values.clear();
        self.values.resize(self.rows.len(), T::default());
        column.values.get_vals(&self.rows, &mut self.values);
        (&self.docs, &self.values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{FAST, INDEXED, Schema};
    use tantivy::{Index, TantivyDocument};

    /// Reading a block gives what reading article by article gives.
    #[test]
    fn a_block_reads_as_its_articles_do() {
        let mut builder = Schema::builder();
        let field = builder.add_u64_field("n", FAST | INDEXED);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..300u64 {
            let mut doc = TantivyDocument::new();
            for v in 0..(i % 4) {
                doc.add_u64(field, i * 10 + v);
            }
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let segment = searcher.segment_reader(0);
        let column = segment.fast_fields().u64("n").unwrap();
        let block: Vec<DocId> = (0..300).filter(|d| d % 3 != 1).collect();
        let mut rows = Rows::new();
        let (docs, values) = rows.read(&column, &block);
        let read: Vec<(DocId, u64)> = docs.iter().copied().zip(values.iter().copied()).collect();
        let one_by_one: Vec<(DocId, u64)> = block
            .iter()
            .flat_map(|&d| column.values_for_doc(d).map(move |v| (d, v)))
            .collect();
        assert!(read.len() > 200);
        assert_eq!(read, one_by_one);
    }
}
