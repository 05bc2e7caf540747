//! Printers: terminal text (with colour) and JSON. They see only result types.

pub(crate) mod bench;
pub(crate) mod export;
pub(crate) mod extract;
pub(crate) mod facets;
pub(crate) mod index;
pub(crate) mod progress;
pub(crate) mod quotes;
pub mod sanitize;
pub mod search;
pub(crate) mod show;
pub(crate) mod speakers;
pub mod stats;
pub(crate) mod style;
pub(crate) mod timeline;
pub mod why;
pub(crate) mod wrap;
