//! How many threads and how much memory an index build may be given.
//!
//! `--memory-mb` is the build's budget: a quarter of it holds the story sketches of a pass's
//! articles ([`Split::stories_bytes`]), the rest is tantivy's writer's ([`Split::writer_bytes`]).
//! tantivy splits its share evenly between its indexing threads and refuses a share under 15 MB
//! or at or over 4 GiB less 1 MB (its `MEMORY_BUDGET_NUM_BYTES_MIN` and `_MAX`, which it does
//! not export). It says so only once the index folder exists, so the budget is checked here
//! before anything is created: for a given thread count it must lie in [`range`]. The thread
//! count itself is capped, because every thread is an OS thread with its own share of the
//! budget, and a count in the millions would only exhaust the machine.

use std::ops::RangeInclusive;

use crate::error::{Error, Result};

/// Most threads a build (or an export) runs.
pub(crate) const MAX_THREADS: usize = 256;

/// Smallest budget per indexing thread, in MB (tantivy takes 15; one more for rounding).
pub(crate) const MIN_MB_PER_THREAD: usize = 16;

/// The budget when none is given, in MB (raised to the minimum of the thread count).
pub(crate) const DEFAULT_MB: usize = 256;

/// Largest share of the budget tantivy takes per thread, in bytes: it refuses one of
/// `u32::MAX - 1_000_000` bytes or more.
const MAX_BYTES_PER_THREAD: u64 = u32::MAX as u64 - 1_000_000 - 1;

/// The part of the budget that holds story sketches: one in this many bytes.
const STORIES_SHARE: u64 = 4;

/// Bytes of writer budget per MB of the whole budget: what the stories leave.
const WRITER_BYTES_PER_MB: u64 = 1_000_000 - 1_000_000 / STORIES_SHARE;

/// A budget divided between its holders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Split {
    /// tantivy's writer, all its threads together.
    pub writer_bytes: usize,
    /// The sketches of a pass's articles, kept for the story lookups of later ones.
    pub stories_bytes: usize,
}

/// How a budget of `memory_mb` MB is divided.
pub(crate) fn split(memory_mb: usize) -> Split {
    let mb = memory_mb as u64;
    let writer = mb.saturating_mul(WRITER_BYTES_PER_MB);
    let stories = mb.saturating_mul(1_000_000 / STORIES_SHARE);
    Split {
        writer_bytes: usize::try_from(writer).unwrap_or(usize::MAX),
        stories_bytes: usize::try_from(stories).unwrap_or(usize::MAX),
    }
}

/// The budgets, in MB, that `threads` indexing threads (1 to [`MAX_THREADS`]) can take: those
/// whose writer's share gives each thread what tantivy takes.
pub(crate) fn range(threads: usize) -> RangeInclusive<usize> {
    let threads = threads.clamp(1, MAX_THREADS) as u64;
    // Each thread gets `writer_bytes / threads` bytes, rounded down.
    let min_writer = (MIN_MB_PER_THREAD as u64 * 1_000_000).saturating_mul(threads);
    let min = min_writer.div_ceil(WRITER_BYTES_PER_MB);
    let max_writer = (MAX_BYTES_PER_THREAD + 1)
        .saturating_mul(threads)
        .saturating_sub(1);
    let max = max_writer / WRITER_BYTES_PER_MB;
    let mb = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    mb(min)..=mb(max)
}

/// The budget, in MB, of a build that was not given one.
pub(crate) fn default_mb(threads: usize) -> usize {
    DEFAULT_MB.max(*range(threads).start())
}

/// Check that `threads` indexing threads can share `memory_mb` MB.
pub(crate) fn check(threads: usize, memory_mb: usize) -> Result<()> {
    let threads = threads.clamp(1, MAX_THREADS);
    let range = range(threads);
    if range.contains(&memory_mb) {
        return Ok(());
    }
    Err(Error::MemoryBudget {
        memory_mb,
        threads,
        min: *range.start(),
        max: *range.end(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_grows_with_the_threads() {
        assert_eq!(range(1), 22..=5725);
        assert_eq!(range(2), 43..=11450);
        assert_eq!(range(0), range(1));
        assert_eq!(range(usize::MAX), range(MAX_THREADS));
        assert_eq!(range(MAX_THREADS), 5462..=1_465_674);
    }

    /// Each thread's share of the writer's bytes, for a budget of `mb` MB.
    fn share(mb: usize, threads: usize) -> u64 {
        split(mb).writer_bytes as u64 / threads as u64
    }

    #[test]
    fn every_budget_in_range_gives_each_thread_a_share_tantivy_takes() {
        for threads in [1, 2, 3, 7, 8, 64, MAX_THREADS] {
            let (min, max) = (*range(threads).start(), *range(threads).end());
            for mb in [min, max] {
                let share = share(mb, threads);
                assert!(share >= 15_000_000, "{threads} threads, {mb} MB");
                assert!(
                    share < u32::MAX as u64 - 1_000_000,
                    "{threads} threads, {mb} MB"
                );
            }
            assert!(share(min - 1, threads) < 16_000_000, "{threads} threads");
            assert!(
                share(max + 1, threads) >= u32::MAX as u64 - 1_000_000,
                "{threads} threads"
            );
        }
    }

    #[test]
    fn the_writer_and_the_stories_share_the_budget() {
        let Split {
            writer_bytes,
            stories_bytes,
        } = split(256);
        assert_eq!(writer_bytes, 192_000_000);
        assert_eq!(stories_bytes, 64_000_000);
        let huge = split(usize::MAX);
        assert!(huge.writer_bytes > 0 && huge.stories_bytes > 0);
    }

    #[test]
    fn a_budget_out_of_range_is_refused_with_the_range() {
        assert!(check(2, 256).is_ok());
        let message = check(2, 100_000).unwrap_err().to_string();
        assert!(
            message.contains("100000") && message.contains("43 to 11450"),
            "{message}"
        );
        assert!(check(4, 85).is_err());
        assert!(check(4, 86).is_ok());
        assert!(check(1, usize::MAX).is_err());
        assert_eq!(default_mb(1), 256);
        assert_eq!(default_mb(32), 683);
    }
}
