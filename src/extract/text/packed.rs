//! Short byte strings as `u128` keys of rustc-hash maps.
//!
//! The word tables (given names, places, stems) are looked up for most words of every article.
//! Keyed by boxed strings, a lookup hashes the bytes, then follows the key's pointer to compare
//! them: one more cache miss a hit, in tables of megabytes. Nearly every word fits in 15 bytes,
//! and such a string packed with its length into a `u128` is hashed in two multiplications and
//! compared in place, exactly (equal packs are equal strings). Longer strings go to a map of
//! their own, keyed by their bytes.

use rustc_hash::FxHashMap;

/// The longest string [`pack`] takes.
pub const MAX_PACKED: usize = 15;

/// `bytes` and their length in one `u128`, if there are at most [`MAX_PACKED`] of them: two
/// strings have the same pack exactly when they are equal.
#[inline]
pub fn pack(bytes: &[u8]) -> Option<u128> {
    if bytes.len() > MAX_PACKED {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..bytes.len()].copy_from_slice(bytes);
    buf[MAX_PACKED] = bytes.len() as u8;
    Some(u128::from_le_bytes(buf))
}

/// The bytes of a [`pack`], in a buffer and its length.
#[inline]
pub fn unpack(key: u128) -> ([u8; 16], usize) {
    let buf = key.to_le_bytes();
    let len = usize::from(buf[MAX_PACKED]).min(MAX_PACKED);
    (buf, len)
}

/// A map from byte strings to `V`: strings of up to [`MAX_PACKED`] bytes [`pack`]ed, longer
/// ones boxed.
#[derive(Debug, Clone)]
pub struct PackedMap<V> {
    short: FxHashMap<u128, V>,
    long: FxHashMap<Box<[u8]>, V>,
}

impl<V> Default for PackedMap<V> {
    fn default() -> Self {
        PackedMap {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        }
    }
}

impl<V> PackedMap<V> {
    /// An empty map with room for `n` short keys.
    pub fn with_capacity(n: usize) -> Self {
        let mut map = PackedMap::default();
        map.reserve(n);
        map
    }

    /// Room for `n` more short keys.
    pub fn reserve(&mut self, n: usize) {
        self.short.reserve(n);
    }

    #[inline]
    pub fn get(&self, key: &[u8]) -> Option<&V> {
        match pack(key) {
            Some(packed) => self.short.get(&packed),
            None => self.long.get(key),
        }
    }

    #[inline]
    pub fn contains_key(&self, key: &[u8]) -> bool {
        self.get(key).is_some()
    }

    /// The value of `key`, inserted by `make` if the key is new.
    pub fn get_or_insert_with(&mut self, key: &[u8], make: impl FnOnce() -> V) -> &mut V {
        match pack(key) {
            Some(packed) => self.short.entry(packed).or_insert_with(make),
            None => self.long.entry(key.into()).or_insert_with(make),
        }
    }

    pub fn insert(&mut self, key: &[u8], value: V) {
        match pack(key) {
            Some(packed) => self.short.insert(packed, value),
            None => self.long.insert(key.into(), value),
        };
    }

    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Call `f` with every key and its value, in no particular order.
    pub fn for_each(&self, mut f: impl FnMut(&[u8], &V)) {
        for (&packed, value) in &self.short {
            let (buf, len) = unpack(packed);
            f(&buf[..len], value);
        }
        for (key, value) in &self.long {
            f(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn packs_are_equal_exactly_when_strings_are() {
        let words: [&[u8]; 8] = [
            b"",
            b"\0",
            b"\0\0",
            b"a",
            b"a\0",
            b"fifteen bytes!!",
            b"fifteen bytes!?",
            "Sánchez".as_bytes(),
        ];
        for a in words {
            let (buf, len) = unpack(pack(a).unwrap());
            assert_eq!(&buf[..len], a);
            for b in words {
                assert_eq!(pack(a) == pack(b), a == b, "{a:?} {b:?}");
            }
        }
        assert_eq!(pack(b"sixteen bytes!!!"), None);
    }

    proptest! {
        #[test]
        fn a_packed_map_answers_as_a_plain_map(
            entries in proptest::collection::vec(("[a\\x00é]{0,20}", 0u8..8), 0..40),
            probes in proptest::collection::vec("[a\\x00é]{0,20}", 0..40),
        ) {
            let mut ours: PackedMap<u8> = PackedMap::default();
            let mut plain: FxHashMap<Vec<u8>, u8> = FxHashMap::default();
            for (key, value) in &entries {
                *ours.get_or_insert_with(key.as_bytes(), || 0) |= value;
                *plain.entry(key.as_bytes().to_vec()).or_insert(0) |= value;
            }
            prop_assert_eq!(ours.len(), plain.len());
            for key in entries.iter().map(|(k, _)| k).chain(&probes) {
                prop_assert_eq!(ours.get(key.as_bytes()), plain.get(key.as_bytes()));
            }
            let mut seen = FxHashMap::default();
            ours.for_each(|key, &value| {
                seen.insert(key.to_vec(), value);
            });
            prop_assert_eq!(seen, plain);
        }
    }
}
