pub mod rule;
pub mod sketch;
