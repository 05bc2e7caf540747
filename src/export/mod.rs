//! Exporting articles for engines that span many machines (Quickwit, Elasticsearch, OpenSearch).
//!
//! `newsdex export` writes one [`record::Record`] a line (JSON Lines): the cleaned text and every
//! field the extractor found. The wire type is kept apart from [`crate::article::Article`] so the
//! internal types can change without breaking the files and the mappings users built on it;
//! [`record::FORMAT_VERSION`] names the format.
//!
//! `source` streams records from an index (segment by segment, document by document) or from a
//! corpus (read in parallel, written in order), in memory that does not grow with the corpus.
//! [`mapping`] describes every field of a record once (`mapping::FIELDS`) and derives from that
//! table the Quickwit index config and the Elasticsearch mapping, so the three cannot drift apart.

pub mod mapping;
pub mod record;
pub(crate) mod source;
