//! Documents on their way to tantivy's indexing threads, bounded by bytes.
//!
//! tantivy queues up to 10,000 documents between `add_document` and its indexing threads,
//! whatever their size. Extraction usually runs ahead of indexing, so that queue stays full: on
//! news articles some 60 MB, on a corpus of long documents gigabytes. Here each document
//! carries a [`Permit`] for its text's bytes, handed back when an indexing thread takes the
//! document up; [`InFlight::admit`] waits while the documents queued hold more than the limit.
//! The wait is bounded: tantivy drains its queue in milliseconds unless an indexing thread
//! died, and then the next `add_document` must get to report the error.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tantivy::TantivyDocument;
use tantivy::schema::document::{Document, Value};

/// Longest a document waits for room before it is queued all the same.
const MAX_WAIT: Duration = Duration::from_secs(1);

/// The bytes of text held by queued documents, and the limit.
#[derive(Debug)]
pub(super) struct InFlight {
    state: Mutex<State>,
    freed: Condvar,
    limit: u64,
}

#[derive(Debug, Default)]
struct State {
    held: u64,
    /// A document waits for room. It is woken once the queue is down to half the limit, not
    /// at every document taken up.
    waiting: bool,
}

impl InFlight {
    pub(super) fn new(limit_bytes: u64) -> Arc<InFlight> {
        Arc::new(InFlight {
            state: Mutex::new(State::default()),
            freed: Condvar::new(),
            limit: limit_bytes,
        })
    }

    /// Wrap `doc` for the queue, once there is room for it (or [`MAX_WAIT`] passed). A
    /// document larger than the limit waits for an empty queue, then goes alone.
    pub(super) fn admit(self: &Arc<InFlight>, doc: TantivyDocument) -> Queued {
        let bytes = text_bytes(&doc);
        let deadline = Instant::now() + MAX_WAIT;
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while state.held > 0 && state.held + bytes > self.limit {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                break;
            };
            state.waiting = true;
            state = self
                .freed
                .wait_timeout(state, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        state.waiting = false;
        state.held += bytes;
        Queued {
            doc,
            _permit: Permit {
                owner: Arc::clone(self),
                bytes,
            },
        }
    }

    /// Bytes held by queued documents now.
    #[cfg(test)]
    fn held(&self) -> u64 {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .held
    }
}

/// The share of the limit one queued document holds, given back when it is dropped.
#[derive(Debug)]
struct Permit {
    owner: Arc<InFlight>,
    bytes: u64,
}

impl Drop for Permit {
    fn drop(&mut self) {
        let owner = &self.owner;
        let mut state = owner.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.held -= self.bytes;
        if state.waiting && state.held <= owner.limit / 2 {
            state.waiting = false;
            owner.freed.notify_one();
        }
    }
}

/// A document in tantivy's queue. tantivy turns it into its own document type when an indexing
/// thread takes it up, which drops the permit.
#[derive(Debug)]
pub(super) struct Queued {
    doc: TantivyDocument,
    _permit: Permit,
}

impl Document for Queued {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }

    fn into_tantivy_document(self) -> TantivyDocument {
        self.doc
    }
}

/// Bytes of the text values of a document (what dominates its size).
fn text_bytes(doc: &TantivyDocument) -> u64 {
    doc.field_values()
        .filter_map(|(_, value)| value.as_str())
        .map(|text| text.len() as u64)
        .sum()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tantivy::schema::{Schema, TEXT};

    use super::*;

    fn doc(text: &str) -> TantivyDocument {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let mut doc = TantivyDocument::default();
        doc.add_text(body, text);
        doc
    }

    #[test]
    fn permits_come_back_when_documents_are_taken_up() {
        let queue = InFlight::new(10);
        let a = queue.admit(doc("abcd"));
        let b = queue.admit(doc("efgh"));
        assert_eq!(queue.held(), 8);
        drop(a.into_tantivy_document());
        assert_eq!(queue.held(), 4);
        drop(b);
        assert_eq!(queue.held(), 0);
    }

    #[test]
    fn a_full_queue_waits_and_an_oversized_document_goes_alone() {
        let queue = InFlight::new(10);
        let first = queue.admit(doc("0123456789"));
        let waiting = std::thread::spawn({
            let queue = Arc::clone(&queue);
            move || queue.admit(doc("a much longer text than the limit"))
        });
        std::thread::sleep(Duration::from_millis(50));
        assert!(!waiting.is_finished(), "admitted past a full queue");
        drop(first);
        let alone = waiting.join().expect("admitted once the queue emptied");
        assert_eq!(queue.held(), 33);
        drop(alone);
        assert_eq!(queue.held(), 0);
    }

    #[test]
    fn a_queue_that_does_not_drain_lets_documents_through_after_a_while() {
        // As when an indexing thread died: the next add_document must report it.
        let queue = InFlight::new(4);
        let _stuck = queue.admit(doc("abcd"));
        let started = Instant::now();
        let _next = queue.admit(doc("efgh"));
        assert!(started.elapsed() >= MAX_WAIT);
        assert_eq!(queue.held(), 8);
    }
}
