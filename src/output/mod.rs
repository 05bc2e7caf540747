//! Printers: terminal text (with colour) and JSON. They see only result types.

pub mod bench;
pub mod export;
pub mod extract;
pub mod facets;
pub mod index;
pub mod progress;
pub mod quotes;
pub mod sanitize;
pub mod search;
pub mod show;
pub mod speakers;
pub mod stats;
pub mod style;
pub mod timeline;
pub mod why;
pub mod wrap;
