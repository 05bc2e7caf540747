//! newsdex: full-text search for a growing corpus of news articles.
//!
//! The pipeline runs one way: `ingest` walks a corpus folder and reads each file into raw
//! articles, cleans their messy text, and `extract` finds who is quoted, where and when; `index`
//! writes the resulting `article::Article`s into a tantivy index in parallel; `search` answers
//! ranked queries with filters and highlighted snippets; `output` prints results for terminals
//! and scripts. The binary's subcommands live in `cmd`. `export` streams articles out as JSON
//! Lines, with matching Quickwit and Elasticsearch mappings, for corpora that outgrow one
//! machine.
//!
//! # The public surface
//!
//! newsdex is a program, not a library for others: the crate is public only for what lives
//! outside `src/` and calls into it. Everything else is `pub(crate)`, so that moving it needs
//! no thought about callers elsewhere.
//! - The binary (`src/main.rs`): [`cli::Cli`], [`cmd::run`] and the helpers that turn its
//!   outcome into a message and an exit code, and [`Error`] for its hint.
//! - The criterion benches (`benches/newsdex/`): the stages one by one, as the binary runs them:
//!   walking, reading and cleaning ([`ingest`]), the extractors ([`extract`]), building an index
//!   ([`index::build`]) and the bench queries run against it ([`bench::queries`], [`search`]).
//! - The fuzz targets (`fuzz/`): building an index in memory ([`index::schema`],
//!   [`stories::Sketch`]), queries, filters and the roster ([`search`], [`roster`]), snippets
//!   and the printers of untrusted text ([`output::search`], [`output::sanitize`]).
//! - The integration tests (`tests/`) beyond those: the build's progress notices, index
//!   statistics, `why` diagnoses and their printers, and the export record and mappings
//!   ([`export`]), where a property is easier to state on the library than on the binary.
//!
//! Modules of several files open only the files this needs; the rest of each is private.

pub mod article;
pub mod bench;
pub mod cli;
pub mod cmd;
mod error;
pub mod export;
pub mod extract;
mod help;
pub mod index;
pub mod ingest;
pub mod output;
pub mod roster;
pub mod search;
pub mod stories;

pub use error::{Error, QueryProblem, Result};
