//! newsdex's criterion benches, in one binary so that they are compiled and linked once:
//! `cargo bench` runs them all, `cargo bench -- NAME` the groups whose id matches NAME
//! (`extraction`, `indexing`, `query set`, `ingest`, `dates`, `locations`, `speakers`, `stories`).
//!
//! Throughputs are per core where a bench says so; the side-by-side comparison with other
//! engines and the incremental re-run figures are the scripts beside this folder
//! (`benches/side_by_side.py`, `benches/incremental.py`).

mod common;

mod dates;
mod extraction;
mod indexing;
mod ingest;
mod locations;
mod query;
mod speakers;
mod stories;

criterion::criterion_main!(
    extraction::benches,
    indexing::benches,
    query::benches,
    ingest::benches,
    dates::benches,
    locations::benches,
    speakers::benches,
    stories::benches,
);
