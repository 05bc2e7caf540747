//! Files read in parallel, applied in the order of the walk.
//!
//! The story an article joins depends on the articles given theirs before it, so two builds of
//! one corpus give the same story ids only if they apply the articles in one order. Readers
//! take the chunks of planned files in turn, each with its number, and tag what they send with
//! it; the writer applies the messages chunk by chunk in that order ([`Reorder`]), keeping
//! those that come early. A reader ahead of the chunk being applied may have a bounded number
//! of messages waiting ([`Gate`]), then waits itself, so that memory stays bounded however
//! long one file takes. The reader of the chunk being applied never waits at the gate, so
//! the build always moves on.
//!
//! Readers wait here, so they must not be rayon's workers: a worker waiting in a `join` may
//! take up another task, and one that then waited here for the chunk beneath it on the same
//! stack would wait for ever.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::Duration;

/// How long a waiting reader sleeps before it looks again (a wake-up missed is no hang).
const RECHECK: Duration = Duration::from_millis(100);

/// Where readers wait when they are too far ahead of the writer.
#[derive(Debug)]
pub(super) struct Gate {
    state: Mutex<State>,
    moved: Condvar,
    ahead: usize,
}

#[derive(Debug, Default)]
struct State {
    /// The chunk being applied.
    next: u64,
    /// Messages sent and not applied yet.
    unapplied: usize,
    /// The build is over (done or abandoned): nobody waits any more.
    closed: bool,
    /// Readers waiting.
    waiting: usize,
}

impl Gate {
    /// A gate at which readers ahead wait once `ahead` messages are unapplied.
    pub(super) fn new(ahead: usize) -> Gate {
        Gate {
            state: Mutex::new(State::default()),
            moved: Condvar::new(),
            ahead: ahead.max(1),
        }
    }

    /// Wait until a message of chunk `chunk` may be sent, and count it as sent; `false` once
    /// the gate is closed (nothing is to be sent then).
    pub(super) fn enter(&self, chunk: u64) -> bool {
        let mut state = self.lock();
        while !state.closed && chunk != state.next && state.unapplied >= self.ahead {
            state.waiting += 1;
            state = self
                .moved
                .wait_timeout(state, RECHECK)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
            state.waiting -= 1;
        }
        if state.closed {
            return false;
        }
        state.unapplied += 1;
        true
    }

    /// The writer applied `messages` messages and is now at chunk `next`.
    fn applied(&self, messages: usize, next: u64) {
        let mut state = self.lock();
        state.unapplied = state.unapplied.saturating_sub(messages);
        state.next = next;
        if state.waiting > 0 {
            self.moved.notify_all();
        }
    }

    /// Let every waiting reader go, for good: the build is over.
    pub(super) fn close(&self) {
        self.lock().closed = true;
        self.moved.notify_all();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Closes its gate when dropped: a writer that returns, or a reader that panics, lets the
/// others go.
pub(super) struct Closing<'a> {
    gate: &'a Gate,
    /// Only when the thread panics (a reader that is done leaves the others at work).
    on_panic: bool,
}

impl Closing<'_> {
    /// Close `gate` when dropped.
    pub(super) fn always(gate: &Gate) -> Closing<'_> {
        Closing {
            gate,
            on_panic: false,
        }
    }

    /// Close `gate` if the thread panics.
    pub(super) fn on_panic(gate: &Gate) -> Closing<'_> {
        Closing {
            gate,
            on_panic: true,
        }
    }
}

impl Drop for Closing<'_> {
    fn drop(&mut self) {
        if !self.on_panic || std::thread::panicking() {
            self.gate.close();
        }
    }
}

/// The writer's side: messages put back in the order of their chunks.
#[derive(Debug)]
pub(super) struct Reorder<T> {
    next: u64,
    /// Messages of later chunks, each with whether it ends its chunk.
    early: BTreeMap<u64, VecDeque<(T, bool)>>,
}

impl<T> Reorder<T> {
    pub(super) fn new() -> Reorder<T> {
        Reorder {
            next: 0,
            early: BTreeMap::new(),
        }
    }

    /// Take a message of `chunk` (`ends` when it is the chunk's last) and apply, in order,
    /// every message whose turn has come, telling `gate`.
    pub(super) fn arrive<E>(
        &mut self,
        gate: &Gate,
        chunk: u64,
        message: T,
        ends: bool,
        apply: &mut impl FnMut(T) -> Result<(), E>,
    ) -> Result<(), E> {
        if chunk != self.next {
            self.early
                .entry(chunk)
                .or_default()
                .push_back((message, ends));
            return Ok(());
        }
        let mut applied = 1;
        let mut result = apply(message);
        if ends {
            self.next += 1;
        }
        // A chunk ended: the next ones may be waiting, whole or in part.
        let mut ended = ends;
        while ended && result.is_ok() {
            let Some(waiting) = self.early.remove(&self.next) else {
                break;
            };
            ended = false;
            for (message, ends) in waiting {
                applied += 1;
                result = apply(message);
                if result.is_err() {
                    break;
                }
                if ends {
                    self.next += 1;
                    ended = true;
                }
            }
        }
        gate.applied(applied, self.next);
        result
    }

    /// Messages kept for their turn (none once every chunk ended).
    pub(super) fn early(&self) -> usize {
        self.early.values().map(VecDeque::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    fn apply_all(
        order: &mut Reorder<&'static str>,
        gate: &Gate,
        messages: &[(u64, &'static str, bool)],
    ) -> Vec<&'static str> {
        let mut applied = Vec::new();
        for &(chunk, message, ends) in messages {
            order
                .arrive(gate, chunk, message, ends, &mut |m| {
                    applied.push(m);
                    Ok::<(), ()>(())
                })
                .unwrap();
        }
        applied
    }

    #[test]
    fn messages_are_applied_in_the_order_of_their_chunks() {
        let gate = Gate::new(8);
        let mut order = Reorder::new();
        let applied = apply_all(
            &mut order,
            &gate,
            &[
                (2, "c", true),
                (1, "b1", false),
                (0, "a1", false),
                (1, "b2", true),
                (0, "a2", true),
                (3, "d1", false),
                (3, "d2", true),
            ],
        );
        assert_eq!(applied, ["a1", "a2", "b1", "b2", "c", "d1", "d2"]);
        assert_eq!(order.early(), 0);
        assert_eq!(gate.lock().next, 4);
    }

    #[test]
    fn a_chunk_not_whole_takes_the_rest_of_its_messages_as_they_come() {
        let gate = Gate::new(8);
        let mut order = Reorder::new();
        let applied = apply_all(
            &mut order,
            &gate,
            &[(1, "b1", false), (0, "a", true), (1, "b2", false)],
        );
        assert_eq!(applied, ["a", "b1", "b2"]);
        assert_eq!(gate.lock().next, 1, "chunk 1 has not ended");
    }

    #[test]
    fn an_error_stops_applying_and_is_returned() {
        let gate = Gate::new(8);
        let mut order = Reorder::new();
        let mut applied = Vec::new();
        let mut apply = |m: &'static str| {
            applied.push(m);
            if m == "b" { Err(m) } else { Ok(()) }
        };
        assert_eq!(order.arrive(&gate, 1, "b", true, &mut apply), Ok(()));
        assert_eq!(order.arrive(&gate, 2, "c", true, &mut apply), Ok(()));
        assert_eq!(order.arrive(&gate, 0, "a", true, &mut apply), Err("b"));
        assert_eq!(applied, ["a", "b"]);
    }

    #[test]
    fn a_reader_ahead_waits_until_the_writer_catches_up_and_the_one_at_its_turn_never() {
        let gate = Arc::new(Gate::new(2));
        // Two messages of chunk 3 fill the room of the readers ahead.
        assert!(gate.enter(3));
        assert!(gate.enter(3));
        // The reader of the chunk being applied goes on.
        assert!(gate.enter(0));
        let passed = Arc::new(AtomicBool::new(false));
        let waiter = {
            let (gate, passed) = (Arc::clone(&gate), Arc::clone(&passed));
            std::thread::spawn(move || {
                let entered = gate.enter(3);
                passed.store(true, Ordering::SeqCst);
                entered
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        assert!(!passed.load(Ordering::SeqCst), "a reader ahead waits");
        // The writer applies chunk 0's message and is at chunk 1: still two unapplied.
        gate.applied(1, 1);
        std::thread::sleep(Duration::from_millis(50));
        assert!(!passed.load(Ordering::SeqCst));
        gate.applied(1, 1);
        assert!(waiter.join().unwrap());
    }

    #[test]
    fn closing_lets_waiting_readers_go_without_sending() {
        let gate = Arc::new(Gate::new(1));
        assert!(gate.enter(5));
        let waiter = {
            let gate = Arc::clone(&gate);
            std::thread::spawn(move || gate.enter(5))
        };
        drop(Closing::on_panic(&gate));
        assert!(gate.enter(0), "a reader that is done leaves the gate open");
        drop(Closing::always(&gate));
        assert!(!waiter.join().unwrap());
        assert!(!gate.enter(0), "nothing is sent once closed");
    }
}
