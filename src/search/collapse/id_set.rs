//! A set of story ids, for counting the stories of every match of a query.
//!
//! Story ids are bits of a BLAKE3 hash ([`crate::stories::new_id`]), so their own low bits
//! spread them over a table as well as any hash would: [`IdSet`] keeps them by open addressing
//! with linear probing on those bits, in one array of ids. An insert reads one slot, mostly,
//! where a general hash set reads its control bytes and then its entries (counting the stories
//! of a one-word query at 1M articles spent a fifth of its time in such a set). The ids are
//! also listed in the order they came, so that merging the sets of segments reads only ids.

/// An empty slot: no story id has all 64 bits set (ids have [`crate::stories::ID_BITS`]).
const EMPTY: u64 = u64::MAX;
/// Fewest slots of a table.
const LEAST_SLOTS: usize = 16;

/// A set of story ids (see the module's comment).
#[derive(Debug, Clone)]
pub(crate) struct IdSet {
    slots: Vec<u64>,
    ids: Vec<u64>,
}

impl IdSet {
    /// A set that holds `room` ids before it grows.
    pub(crate) fn with_room(room: usize) -> IdSet {
        IdSet {
            slots: vec![EMPTY; slots_for(room)],
            ids: Vec::new(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// Add `id`; whether it was not there yet.
    #[inline]
    pub(crate) fn insert(&mut self, id: u64) -> bool {
        debug_assert_ne!(id, EMPTY);
        if 2 * (self.ids.len() + 1) > self.slots.len() {
            self.grow();
        }
        let (at, found) = self.slot_of(id);
        if !found {
            self.slots[at] = id;
            self.ids.push(id);
        }
        !found
    }

    /// The slot holding `id` (true), or the empty slot where it goes (false).
    #[inline]
    fn slot_of(&self, id: u64) -> (usize, bool) {
        let mask = self.slots.len() - 1;
        let mut at = id as usize & mask;
        loop {
            match self.slots[at] {
                slot if slot == id => return (at, true),
                EMPTY => return (at, false),
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// Keep only the ids `keep` holds to.
    pub(crate) fn retain(&mut self, keep: impl Fn(u64) -> bool) {
        self.ids.retain(|&id| keep(id));
        self.slots.fill(EMPTY);
        self.place_all();
    }

    /// The ids, in the order they came.
    pub(crate) fn iter(&self) -> impl Iterator<Item = u64> + '_ {
        self.ids.iter().copied()
    }

    fn grow(&mut self) {
        self.slots = vec![EMPTY; 2 * self.slots.len()];
        self.place_all();
    }

    /// Put every listed id in the (empty) table.
    fn place_all(&mut self) {
        let mask = self.slots.len() - 1;
        for &id in &self.ids {
            let mut at = id as usize & mask;
            while self.slots[at] != EMPTY {
                at = (at + 1) & mask;
            }
            self.slots[at] = id;
        }
    }
}

/// Slots for `room` ids: a power of two, at most half full.
fn slots_for(room: usize) -> usize {
    room.saturating_mul(2)
        .checked_next_power_of_two()
        .unwrap_or(1 << (usize::BITS - 1))
        .max(LEAST_SLOTS)
}

/// Two sets are equal when they hold the same ids, whatever their tables.
impl PartialEq for IdSet {
    fn eq(&self, other: &IdSet) -> bool {
        self.len() == other.len() && self.iter().all(|id| other.slot_of(id).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn holds_each_id_once_as_a_set_does() {
        // Hashed ids, and ids sharing their low bits (which all probe from one slot).
        let hashed = (0..5_000).map(|i| crate::stories::new_id(&format!("a{i}")));
        let clustered = (0..300u64).map(|i| i << 20);
        let offered: Vec<u64> = hashed.chain(clustered).collect();
        let mut set = IdSet::with_room(10);
        let mut model = BTreeSet::new();
        for &id in offered.iter().chain(&offered) {
            assert_eq!(set.insert(id), model.insert(id), "{id}");
        }
        assert_eq!(set.len(), model.len());
        assert_eq!(set.iter().collect::<BTreeSet<_>>(), model);
        assert!(set.slots.len() >= 2 * set.len(), "at most half full");

        set.retain(|id| id % 3 == 0);
        model.retain(|id| id % 3 == 0);
        assert_eq!(set.iter().collect::<BTreeSet<_>>(), model);
        assert_eq!(set.len(), model.len());
        assert!(!set.insert(*model.iter().next().expect("some kept")));
    }

    #[test]
    fn sets_are_equal_by_their_ids_not_their_tables() {
        let mut small = IdSet::with_room(1);
        let mut large = IdSet::with_room(1_000);
        for id in [7, 3, 1 << 30, 12] {
            small.insert(id);
        }
        for id in [12, 1 << 30, 3, 7] {
            large.insert(id);
        }
        assert_eq!(small, large);
        large.insert(8);
        assert_ne!(small, large);
        assert_eq!(IdSet::with_room(0).iter().count(), 0);
        assert_eq!(slots_for(usize::MAX), 1 << (usize::BITS - 1));
    }
}
