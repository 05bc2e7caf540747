//! Printers: terminal text (with colour) and JSON. They see only result types.

pub mod extract;
