//! Watch mode: keep the index in line with the corpus while files appear, change or vanish.
//!
//! A filesystem watcher (notify, debounced) wakes the [`Indexer`] when anything below the corpus
//! changes, and each wake-up runs one more incremental pass. A pass compares the whole corpus
//! with the index's records rather than trusting the events' paths: it costs one `stat` per
//! unchanged file, and it is right whatever the events were (renames, folders moved in or out,
//! editors' temporary files, events the kernel dropped).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, new_debouncer};

use crate::error::{Error, Result};

use super::build::{BuildReport, Indexer, Progress};

/// How long the corpus must stay quiet before a pass starts (a file being copied in sends many
/// events).
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(500);

/// How often the stop flag is looked at while nothing happens.
const POLL: Duration = Duration::from_millis(100);

/// Index the corpus, then keep indexing its changes until `stop` is set. `on_pass` sees the
/// report of every pass, the first one included. Every pass is committed before the next wait,
/// and a pass under way when `stop` is set commits what it did.
pub(crate) fn watch(
    indexer: &mut Indexer,
    progress: &dyn Progress,
    stop: &AtomicBool,
    mut on_pass: impl FnMut(&BuildReport),
) -> Result<()> {
    let corpus = indexer.options().corpus.clone();
    let root = corpus.canonicalize().unwrap_or_else(|_| corpus.clone());
    let (sender, events) = mpsc::channel::<DebounceEventResult>();
    let failed = |e: notify_debouncer_full::notify::Error| Error::Corpus {
        path: corpus.clone(),
        reason: format!("cannot watch for changes: {e}"),
    };
    let mut debouncer = new_debouncer(DEBOUNCE, None, sender).map_err(failed)?;
    // Watch first, then make the first pass: a change during that pass is not missed.
    debouncer
        .watch(&root, RecursiveMode::Recursive)
        .map_err(failed)?;
    let mut dirty = true;
    while !stop.load(Ordering::Relaxed) {
        if dirty {
            dirty = false;
            let report = indexer.sync(progress, stop)?;
            on_pass(&report);
            continue;
        }
        match events.recv_timeout(POLL) {
            Ok(Ok(batch)) => dirty = batch.iter().any(concerns_corpus),
            Ok(Err(errors)) => {
                for error in errors {
                    progress.notice(&format!("watching {}: {error}", corpus.display()));
                }
                // Events may have been lost: look at everything again.
                dirty = true;
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(Error::Corpus {
                    path: corpus,
                    reason: "the watcher of changes stopped".to_string(),
                });
            }
        }
    }
    debouncer.stop();
    Ok(())
}

/// Whether an event may change what the corpus holds (reads do not; the index never lies
/// inside the corpus, see [`super::folders`]).
fn concerns_corpus(event: &DebouncedEvent) -> bool {
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}
