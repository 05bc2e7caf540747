//! Integration tests: the `newsdex` binary run as a user runs it, on temporary corpora and indexes.
//!
//! One test binary with a module per area, so the crate and its dependencies are linked once
//! rather than once per file.

mod common;
mod live;

mod append;
mod bench;
mod completions;
mod concurrency;
mod edges;
mod errors;
mod export;
mod extract_dates;
mod facets;
mod filters;
mod formats;
mod hostile;
mod html;
mod incremental;
mod ingest;
mod listing;
mod mappings;
mod messages;
mod order;
mod paths;
mod quotes;
mod search;
mod show;
mod snapshots;
mod snippets;
mod speakers;
mod stories;
mod typed;
mod watch;
mod why;
