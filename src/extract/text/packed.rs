//! Short byte strings packed into two machine words, as keys of rustc-hash maps.
//!
//! The word tables (given names, places, stems) are looked up for most words of every article.
//! Keyed by boxed strings, a lookup hashes the bytes, then follows the key's pointer to compare
//! them: one more cache miss a hit, in tables of megabytes. Nearly every word fits in 15 bytes,
//! and such a string packed with its length into 16 bytes is hashed in two multiplications and
//! compared in place, exactly (equal packs are equal strings). Longer strings go to a map of
//! their own, keyed by their bytes.

use rustc_hash::FxHashMap;

use super::{Folded, eights};

/// The longest string [`pack`] takes.
pub(crate) const MAX_PACKED: usize = 15;

/// A string of at most [`MAX_PACKED`] bytes and its length, in two machine words (a map entry
/// of two words and a `u32` takes 24 bytes, where a `u128` would align it to 32).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Packed(u64, u64);

impl Packed {
    /// Sixteen bytes: the string's, zeros, and its length last (the plain way, which the
    /// tests hold [`pack`] to).
    #[cfg(test)]
    fn from_bytes(buf: [u8; 16]) -> Packed {
        let (lo, hi) = buf.split_at(8);
        let word = |half: &[u8]| {
            let mut w = [0u8; 8];
            w.copy_from_slice(half);
            u64::from_le_bytes(w)
        };
        Packed(word(lo), word(hi))
    }
}

/// `bytes` and their length packed, if there are at most [`MAX_PACKED`] of them: two strings
/// have the same pack exactly when they are equal.
#[inline]
pub(crate) fn pack(bytes: &[u8]) -> Option<Packed> {
    let (lo, hi) = words_of(bytes)?;
    Some(Packed(lo, hi | ((bytes.len() as u64) << 56)))
}

/// [`pack`] of an ASCII `word` lower-cased (the [`fold`](super::fold) of a short ASCII word),
/// tested and lower-cased eight bytes at a time ([`eights::within`]).
#[inline]
pub(crate) fn pack_ascii_lowercase(word: &str) -> Option<Packed> {
    let (lo, hi) = words_of(word.as_bytes())?;
    if (lo | hi) & 0x8080_8080_8080_8080 != 0 {
        return None;
    }
    // A capital's high bit, moved down to bit 5, makes it lower case.
    let lower = |x: u64| x | (eights::within(x, b'A', b'Z') >> 2);
    Some(Packed(lower(lo), lower(hi) | ((word.len() as u64) << 56)))
}

/// The bytes of a string of at most [`MAX_PACKED`] bytes as two little-endian words, zero after
/// its end, made in registers: read as at most two overlapping loads, with no copy into a
/// buffer (a copy of a length known only at run time is a call, and reading the buffer back
/// as words stalls on the bytes just written; the tests check it against that plain version).
#[inline]
fn words_of(bytes: &[u8]) -> Option<(u64, u64)> {
    let n = bytes.len();
    Some(match n {
        0 => (0, 0),
        1..=3 => {
            let mut lo = 0u64;
            for (i, &b) in bytes.iter().enumerate() {
                lo |= u64::from(b) << (8 * i);
            }
            (lo, 0)
        }
        // The first four bytes and the last four, shifted into place: where they overlap,
        // both hold the same bytes.
        4..=7 => {
            let first = u64::from(u32::from_le_bytes(head(bytes)));
            let last = u64::from(u32::from_le_bytes(head(&bytes[n - 4..])));
            (first | (last << (8 * (n - 4))), 0)
        }
        8 => (u64::from_le_bytes(head(bytes)), 0),
        // The first eight bytes, and the last eight shifted down to the bytes after them.
        9..=MAX_PACKED => {
            let last = u64::from_le_bytes(head(&bytes[n - 8..]));
            (u64::from_le_bytes(head(bytes)), last >> (8 * (16 - n)))
        }
        _ => return None,
    })
}

/// Whether the string packed in `short` begins the one packed in `long`.
#[inline]
pub(crate) fn is_prefix(short: Packed, long: Packed) -> bool {
    let len = (short.1 >> 56) as u32;
    if len > (long.1 >> 56) as u32 {
        return false;
    }
    // The bytes of `long` up to the length of `short`.
    let keep = |bytes: u32| match bytes {
        0 => 0,
        1..=7 => (1u64 << (8 * bytes)) - 1,
        _ => u64::MAX,
    };
    let lo = long.0 & keep(len);
    let hi = long.1 & keep(len.saturating_sub(8));
    lo == short.0 && hi == short.1 & (u64::MAX >> 8)
}

/// The first `N` bytes of `bytes` (which has at least `N`).
#[inline]
fn head<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(&bytes[..N]);
    out
}

/// The bytes of a [`pack`], in a buffer and its length.
#[inline]
pub(crate) fn unpack(key: Packed) -> ([u8; 16], usize) {
    let mut buf = [0u8; 16];
    buf[..8].copy_from_slice(&key.0.to_le_bytes());
    buf[8..].copy_from_slice(&key.1.to_le_bytes());
    let len = usize::from(buf[MAX_PACKED]).min(MAX_PACKED);
    (buf, len)
}

/// A map from byte strings to `V`: strings of up to [`MAX_PACKED`] bytes [`pack`]ed, longer
/// ones boxed.
#[derive(Debug, Clone)]
pub(crate) struct PackedMap<V> {
    short: FxHashMap<Packed, V>,
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
    pub(crate) fn with_capacity(n: usize) -> Self {
        let mut map = PackedMap::default();
        map.reserve(n);
        map
    }

    /// Room for `n` more short keys.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.short.reserve(n);
    }

    #[inline]
    pub(crate) fn get(&self, key: &[u8]) -> Option<&V> {
        match pack(key) {
            Some(packed) => self.short.get(&packed),
            None => self.long.get(key),
        }
    }

    #[inline]
    pub(crate) fn contains_key(&self, key: &[u8]) -> bool {
        self.get(key).is_some()
    }

    /// The value of the [`Folded`] form of `word`: a short ASCII word, most words, is packed
    /// without going through `Folded`.
    #[inline]
    pub(crate) fn get_folded(&self, word: &str) -> Option<&V> {
        match pack_ascii_lowercase(word) {
            Some(packed) => self.short.get(&packed),
            None => self.get(Folded::of([word]).bytes()),
        }
    }

    /// The value of `key`, inserted by `make` if the key is new.
    pub(crate) fn get_or_insert_with(&mut self, key: &[u8], make: impl FnOnce() -> V) -> &mut V {
        match pack(key) {
            Some(packed) => self.short.entry(packed).or_insert_with(make),
            None => self.long.entry(key.into()).or_insert_with(make),
        }
    }

    pub(crate) fn insert(&mut self, key: &[u8], value: V) {
        match pack(key) {
            Some(packed) => self.short.insert(packed, value),
            None => self.long.insert(key.into(), value),
        };
    }

    /// Call `f` with every key and its value, in no particular order.
    pub(crate) fn for_each(&self, mut f: impl FnMut(&[u8], &V)) {
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
        for word in [
            "",
            "a",
            "Moscow",
            "NEW YORK",
            "fifteen bytes!!",
            "Sánchez",
            "sixteen bytes!!!",
        ] {
            let folded = Folded::of([word]);
            let expected = pack(folded.bytes()).filter(|_| word.is_ascii());
            assert_eq!(pack_ascii_lowercase(word), expected, "{word}");
        }
    }

    /// What [`pack`] does, the plain way: through a buffer.
    fn pack_plain(bytes: &[u8]) -> Option<Packed> {
        if bytes.len() > MAX_PACKED {
            return None;
        }
        let mut buf = [0u8; 16];
        buf[..bytes.len()].copy_from_slice(bytes);
        buf[MAX_PACKED] = bytes.len() as u8;
        Some(Packed::from_bytes(buf))
    }

    /// What [`pack_ascii_lowercase`] does, the plain way.
    fn pack_ascii_lowercase_plain(word: &str) -> Option<Packed> {
        word.is_ascii()
            .then(|| pack_plain(word.to_ascii_lowercase().as_bytes()))
            .flatten()
    }

    #[test]
    fn packing_in_registers_agrees_with_the_plain_way_at_every_length() {
        // Every length, with every byte at every position of it.
        for n in 0..=17 {
            for b in 0..=255u8 {
                for at in 0..n {
                    let mut bytes = vec![b'Q'; n];
                    bytes[at] = b;
                    assert_eq!(pack(&bytes), pack_plain(&bytes), "{bytes:?}");
                    let word = String::from_utf8_lossy(&bytes);
                    assert_eq!(
                        pack_ascii_lowercase(&word),
                        pack_ascii_lowercase_plain(&word),
                        "{word:?}"
                    );
                }
            }
        }
    }

    proptest! {
        #[test]
        fn a_pack_begins_another_exactly_when_its_string_does(
            short in "[ab\\x00]{0,15}",
            long in "[ab\\x00]{0,15}",
        ) {
            let (s, l) = (pack(short.as_bytes()).unwrap(), pack(long.as_bytes()).unwrap());
            prop_assert_eq!(is_prefix(s, l), long.starts_with(&short));
            prop_assert!(is_prefix(s, s));
            let longer = format!("{short}a");
            if let Some(longer) = pack(longer.as_bytes()) {
                prop_assert!(is_prefix(s, longer));
                prop_assert!(!is_prefix(longer, s));
            }
        }

        #[test]
        fn a_packed_map_answers_as_a_plain_map(
            entries in proptest::collection::vec(("[aA\\x00é]{0,20}", 0u8..8), 0..40),
            probes in proptest::collection::vec("[aAÉ\\x00é]{0,20}", 0..40),
        ) {
            let mut ours: PackedMap<u8> = PackedMap::default();
            let mut plain: FxHashMap<Vec<u8>, u8> = FxHashMap::default();
            for (key, value) in &entries {
                *ours.get_or_insert_with(key.as_bytes(), || 0) |= value;
                *plain.entry(key.as_bytes().to_vec()).or_insert(0) |= value;
            }
            for key in &probes {
                prop_assert_eq!(pack_ascii_lowercase(key), pack_ascii_lowercase_plain(key));
            }
            for key in entries.iter().map(|(k, _)| k).chain(&probes) {
                prop_assert_eq!(ours.get(key.as_bytes()), plain.get(key.as_bytes()));
                let folded = Folded::of([key.as_str()]);
                prop_assert_eq!(ours.get_folded(key), plain.get(folded.bytes()));
            }
            let mut seen = FxHashMap::default();
            ours.for_each(|key, &value| {
                seen.insert(key.to_vec(), value);
            });
            prop_assert_eq!(seen, plain);
        }
    }
}
