//! The place-name tables compiled into the binary (`data/gazetteer/`, derived from GeoNames,
//! CC BY 4.0, by `data/gazetteer/build.py`), parsed once on first use.
//!
//! A *form* is a surface string (`U.S.`, `Britain`, `Kiev`) naming one or more places, best
//! first: the table lists places by kind (countries first) then population, so `Moscow` names
//! the Russian capital before the town in Idaho.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::tokens;

const PLACES: &str = include_str!("../../../data/gazetteer/places.tsv");
const DEMONYMS: &str = include_str!("../../../data/gazetteer/demonyms.tsv");

/// What kind of place an entry is; the kind decides how much context a match needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Country,
    Continent,
    Capital,
    Admin,
    Region,
    Water,
    Mountain,
    City,
    Venue,
    /// `Calif.`, `N.J.`, `TX`: trusted only right after `Town, `.
    StateAbbr,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "country" => Kind::Country,
            "continent" => Kind::Continent,
            "capital" => Kind::Capital,
            "admin" => Kind::Admin,
            "region" => Kind::Region,
            "water" => Kind::Water,
            "mountain" => Kind::Mountain,
            "city" => Kind::City,
            "venue" => Kind::Venue,
            "stateabbr" => Kind::StateAbbr,
            _ => return None,
        })
    }
}

/// One place of the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub name: &'static str,
    pub country: Option<&'static str>,
    pub kind: Kind,
    pub population: u64,
}

impl Entry {
    /// Well known enough to be trusted on its own, even in ALL-CAPS text.
    pub fn major(&self) -> bool {
        match self.kind {
            Kind::City => self.population >= 100_000,
            Kind::Venue | Kind::StateAbbr => false,
            _ => true,
        }
    }
}

/// A surface form and the places it may name, best first.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub places: Vec<u32>,
    /// News text mostly uses the word in lower case (`Split`, `Reading`, `Nice`).
    pub word: bool,
    /// News text often puts a personal title before it (`Mr. Jordan`).
    pub person: bool,
    /// News text uses the word a lot, hardly ever as a location (`Olympic`, `Ajax`): a town
    /// of that name is not what it means.
    pub not_place: bool,
}

/// FxHash: the gazetteer's keys are short strings, hashed once per capitalised word.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let word = rest
                .iter()
                .rev()
                .fold(0u64, |acc, &b| acc << 8 | u64::from(b));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.write(&[byte]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Fx = BuildHasherDefault<FxHasher>;

/// A Bloom filter over the lookup keys: most capitalised words of news text name no place,
/// and this answers for them before the hash map, whose entries are scattered over megabytes.
///
/// It is *blocked*: the three bits of a key lie in one 64-bit word, so a test reads one cache
/// line. At 128 KiB (about 12 bits a key) it keeps about 1% false positives while staying
/// small enough to live in the L2 cache between articles; a test that misses the cache is
/// most of what a lookup costs.
struct Bloom(Vec<u64>);

impl Bloom {
    /// log2 of the number of 64-bit words.
    const WORD_BITS: u32 = 14;

    fn new() -> Bloom {
        Bloom(vec![0; 1 << Self::WORD_BITS])
    }

    /// The word of `key` and the mask of its three bits, all from the well-mixed high bits of
    /// the hash (FxHash's low bits depend only on the low bits of the input).
    #[inline]
    fn position(key: &str) -> (usize, u64) {
        let hash = Fx::default().hash_one(key);
        let word = (hash >> (64 - Self::WORD_BITS)) as usize;
        let bit = |shift: u32| 1u64 << ((hash >> shift) & 63);
        (word, bit(44) | bit(38) | bit(32))
    }

    fn insert(&mut self, key: &str) {
        let (word, mask) = Self::position(key);
        self.0[word] |= mask;
    }

    #[inline]
    fn may_contain(&self, key: &str) -> bool {
        let (word, mask) = Self::position(key);
        self.0[word] & mask == mask
    }
}
pub type FxMap<K, V> = HashMap<K, V, Fx>;

/// What a lookup key is: a form, the start of longer forms, or both.
#[derive(Debug, Clone, Default)]
pub struct Slot {
    pub form: Option<Form>,
    /// Some longer form starts with this key (`New` for `New York`).
    pub prefix: bool,
}

#[derive(Debug, Clone, Copy, Default)]
struct CapsSlot {
    surface: Option<&'static str>,
    prefix: bool,
}

/// The parsed tables.
pub struct Gazetteer {
    pub places: Vec<Entry>,
    /// Forms and proper word prefixes of multi-word forms, in one map so that each step of
    /// the longest-match scan costs one lookup.
    slots: FxMap<&'static str, Slot>,
    /// Upper-cased forms and prefixes, for ALL-CAPS text (`NEW YORK` -> `New York`).
    caps: FxMap<String, CapsSlot>,
    bloom: Bloom,
    caps_bloom: Bloom,
    demonyms: FxMap<&'static str, &'static str>,
}

impl Gazetteer {
    pub fn get() -> &'static Gazetteer {
        static GAZETTEER: LazyLock<Gazetteer> =
            LazyLock::new(|| Gazetteer::parse(PLACES, DEMONYMS));
        &GAZETTEER
    }

    /// Parse the tables; malformed lines are skipped (the data is generated and tested).
    pub fn parse(places: &'static str, demonyms: &'static str) -> Gazetteer {
        let mut g = Gazetteer {
            places: Vec::new(),
            slots: FxMap::default(),
            caps: FxMap::default(),
            bloom: Bloom::new(),
            caps_bloom: Bloom::new(),
            demonyms: FxMap::default(),
        };
        for line in places.lines().filter(|l| !l.starts_with('#')) {
            let mut cells = line.split('\t');
            let (Some(name), Some(cc), Some(kind), Some(pop), Some(surfaces)) = (
                cells.next(),
                cells.next(),
                cells.next(),
                cells.next(),
                cells.next(),
            ) else {
                continue;
            };
            let Some(kind) = Kind::parse(kind) else {
                continue;
            };
            let id = g.places.len() as u32;
            g.places.push(Entry {
                name,
                country: (cc != "-").then_some(cc),
                kind,
                population: pop.parse().unwrap_or(0),
            });
            for cell in surfaces.split('|') {
                let (surface, flags) = cell.rsplit_once('/').unwrap_or((cell, ""));
                if surface.is_empty() {
                    continue;
                }
                let form = g
                    .slots
                    .entry(surface)
                    .or_default()
                    .form
                    .get_or_insert_with(Form::default);
                form.places.push(id);
                form.word |= flags.contains('w');
                form.person |= flags.contains('p');
                form.not_place |= flags.contains('n');
            }
        }
        let surfaces: Vec<&'static str> = g
            .slots
            .iter()
            .filter(|(_, slot)| slot.form.is_some())
            .map(|(k, _)| *k)
            .collect();
        // Each surface and its prefixes have an upper-case key: room for (nearly) all at once.
        g.caps.reserve(surfaces.len());
        for surface in surfaces {
            // Most surfaces are one plain word (`Moscow`), which has no proper prefix.
            let one_word = surface.bytes().all(|b| b.is_ascii_alphanumeric());
            let words = if one_word {
                Vec::new()
            } else {
                tokens::tokenize(surface)
            };
            for w in words.iter().take(words.len().saturating_sub(1)) {
                g.slots.entry(&surface[..w.end]).or_default().prefix = true;
                g.caps
                    .entry(surface[..w.end].to_uppercase())
                    .or_default()
                    .prefix = true;
            }
            let best = |s: &str| {
                g.slots
                    .get(s)
                    .and_then(|slot| slot.form.as_ref())
                    .and_then(|f| f.places.first().copied())
            };
            // Several forms may share an upper-case spelling: keep the one naming the best place.
            let upper = surface.to_uppercase();
            let keep = match g.caps.get(&upper).and_then(|c| c.surface) {
                Some(other) => best(other) > best(surface),
                None => true,
            };
            if keep {
                g.caps.entry(upper).or_default().surface = Some(surface);
            }
        }
        for line in demonyms.lines().filter(|l| !l.starts_with('#')) {
            if let Some((demonym, cc)) = line.split_once('\t') {
                g.demonyms.insert(demonym, cc);
            }
        }
        for key in g.slots.keys() {
            g.bloom.insert(key);
        }
        for key in g.caps.keys() {
            g.caps_bloom.insert(key);
        }
        g
    }

    /// The form spelled exactly `key`.
    pub fn form(&self, key: &str) -> Option<(&'static str, &Form)> {
        self.slots
            .get_key_value(key)
            .and_then(|(k, slot)| slot.form.as_ref().map(|f| (*k, f)))
    }

    /// The form spelled `key` in upper case (`NEW YORK`).
    pub fn caps_form(&self, key: &str) -> Option<(&'static str, &Form)> {
        self.caps
            .get(key)
            .and_then(|c| c.surface)
            .and_then(|surface| self.form(surface))
    }

    /// The form spelled `key` (in upper case if `caps`), and whether longer forms start with it.
    pub fn lookup(&self, key: &str, caps: bool) -> (Option<(&'static str, &Form)>, bool) {
        let bloom = if caps { &self.caps_bloom } else { &self.bloom };
        if !bloom.may_contain(key) {
            return (None, false);
        }
        if caps {
            match self.caps.get(key) {
                Some(c) => (c.surface.and_then(|s| self.form(s)), c.prefix),
                None => (None, false),
            }
        } else {
            match self.slots.get_key_value(key) {
                Some((k, slot)) => (slot.form.as_ref().map(|f| (*k, f)), slot.prefix),
                None => (None, false),
            }
        }
    }

    /// Country code of a demonym (`Turkish` -> `TR`).
    pub fn demonym(&self, word: &str) -> Option<&'static str> {
        self.demonyms.get(word).copied()
    }

    pub fn entry(&self, id: u32) -> &Entry {
        &self.places[id as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_name_their_country() {
        let g = Gazetteer::get();
        for alias in ["U.S.", "America", "United States"] {
            let (_, form) = g.form(alias).unwrap_or_else(|| panic!("{alias} missing"));
            let best = g.entry(form.places[0]);
            assert_eq!(
                (best.name, best.country),
                ("United States", Some("US")),
                "{alias}"
            );
        }
        let (_, britain) = g.form("Britain").expect("Britain");
        assert_eq!(g.entry(britain.places[0]).country, Some("GB"));
    }

    #[test]
    fn the_capital_comes_before_the_small_town() {
        let g = Gazetteer::get();
        let (_, moscow) = g.form("Moscow").expect("Moscow");
        assert_eq!(g.entry(moscow.places[0]).country, Some("RU"));
        assert!(
            moscow
                .places
                .iter()
                .any(|&p| g.entry(p).country == Some("US"))
        );
    }

    #[test]
    fn caps_and_prefixes() {
        let g = Gazetteer::get();
        assert_eq!(g.caps_form("NEW YORK").map(|(s, _)| s), Some("New York"));
        assert!(g.lookup("New", false).1 && g.lookup("NEW", true).1);
        let (moscow, prefix) = g.lookup("Moscow", false);
        assert!(moscow.is_some() && !prefix);
        assert_eq!(g.lookup("Notaplace", false).0.map(|(s, _)| s), None);
        assert_eq!(g.demonym("Turkish"), Some("TR"));
        assert_eq!(g.demonym("Saudi"), Some("SA"));
    }

    #[test]
    fn every_line_parses() {
        let g = Gazetteer::get();
        let lines = PLACES.lines().filter(|l| !l.starts_with('#')).count();
        assert_eq!(g.places.len(), lines);
    }
}
