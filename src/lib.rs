//! newsdex: full-text search for a growing corpus of news articles.
//!
//! The pipeline runs one way: [`ingest`] walks a corpus folder and reads each file into raw
//! articles, cleans their messy text, and [`extract`] finds who is quoted, where and when;
//! [`index`] writes the resulting [`article::Article`]s into a tantivy index in parallel;
//! [`search`] answers ranked queries with filters and highlighted snippets; [`output`] prints
//! results for terminals and scripts. The binary's subcommands live in [`cmd`].
//!
//! [`export`] streams articles out as JSON Lines, with matching Quickwit and Elasticsearch
//! mappings, for corpora that outgrow one machine.

pub mod article;
pub mod bench;
pub mod cli;
pub mod cmd;
pub mod error;
pub mod export;
pub mod extract;
pub mod help;
pub mod index;
pub mod ingest;
pub mod output;
pub mod roster;
pub mod search;
pub mod stories;

pub use error::{Error, Result};
