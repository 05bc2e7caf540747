//! How many threads and how much memory an index build may be given.
//!
//! tantivy splits the writer's memory budget evenly between its indexing threads and refuses a
//! share under 15 MB or at or over 4 GiB less 1 MB (its `MEMORY_BUDGET_NUM_BYTES_MIN` and
//! `_MAX`, which it does not export). It says so only once the index folder exists, so the
//! budget is checked here before anything is created: for a given thread count it must lie in
//! [`range`]. The thread count itself is capped, because every thread is an OS thread with its
//! own share of the budget, and a count in the millions would only exhaust the machine.

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

/// The budgets, in MB, that `threads` indexing threads (1 to [`MAX_THREADS`]) can take.
pub(crate) fn range(threads: usize) -> RangeInclusive<usize> {
    let threads = threads.clamp(1, MAX_THREADS);
    let min = MIN_MB_PER_THREAD.saturating_mul(threads);
    // Each thread gets `budget / threads` bytes, rounded down.
    let max_bytes = (MAX_BYTES_PER_THREAD + 1)
        .saturating_mul(threads as u64)
        .saturating_sub(1);
    let max = usize::try_from(max_bytes / 1_000_000).unwrap_or(usize::MAX);
    min..=max
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
        assert_eq!(range(1), 16..=4293);
        assert_eq!(range(2), 32..=8587);
        assert_eq!(range(0), range(1));
        assert_eq!(range(usize::MAX), range(MAX_THREADS));
        assert_eq!(range(MAX_THREADS), 4096..=1_099_255);
    }

    #[test]
    fn every_budget_in_range_gives_each_thread_a_share_tantivy_takes() {
        for threads in [1, 2, 3, 7, 8, 64, MAX_THREADS] {
            for mb in [*range(threads).start(), *range(threads).end()] {
                let share = (mb as u64 * 1_000_000) / threads as u64;
                assert!(share >= 15_000_000, "{threads} threads, {mb} MB");
                assert!(
                    share < u32::MAX as u64 - 1_000_000,
                    "{threads} threads, {mb} MB"
                );
            }
            let above = *range(threads).end() as u64 + 1;
            let share = (above * 1_000_000) / threads as u64;
            assert!(share >= u32::MAX as u64 - 1_000_000, "{threads} threads");
        }
    }

    #[test]
    fn a_budget_out_of_range_is_refused_with_the_range() {
        assert!(check(2, 256).is_ok());
        let message = check(2, 100_000).unwrap_err().to_string();
        assert!(
            message.contains("100000") && message.contains("32 to 8587"),
            "{message}"
        );
        assert!(check(4, 63).is_err());
        assert!(check(1, usize::MAX).is_err());
        assert_eq!(default_mb(1), 256);
        assert_eq!(default_mb(32), 512);
    }
}
