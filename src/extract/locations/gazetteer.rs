//! The place-name tables compiled into the binary (`data/gazetteer/`, derived from GeoNames,
//! CC BY 4.0, by `data/gazetteer/build.py`), parsed once on first use.
//!
//! A *form* is a surface string (`U.S.`, `Britain`, `Kiev`) naming one or more places, best
//! first: the table lists places by kind (countries first) then population, so `Moscow` names
//! the Russian capital before the town in Idaho.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
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
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
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
pub type FxMap<K, V> = HashMap<K, V, Fx>;
pub type FxSet<K> = HashSet<K, Fx>;

/// The parsed tables.
pub struct Gazetteer {
    pub places: Vec<Entry>,
    forms: FxMap<&'static str, Form>,
    /// Proper word prefixes of multi-word forms (`New`, `New York` for `New York City`).
    prefixes: FxSet<&'static str>,
    /// Upper-cased forms, for ALL-CAPS text (`NEW YORK` -> `New York`).
    caps: FxMap<String, &'static str>,
    caps_prefixes: FxSet<String>,
    demonyms: FxMap<&'static str, &'static str>,
}

impl Gazetteer {
    pub fn get() -> &'static Gazetteer {
        static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::parse(PLACES, DEMONYMS));
        &GAZETTEER
    }

    /// Parse the tables; malformed lines are skipped (the data is generated and tested).
    pub fn parse(places: &'static str, demonyms: &'static str) -> Gazetteer {
        let mut g = Gazetteer {
            places: Vec::new(),
            forms: FxMap::default(),
            prefixes: FxSet::default(),
            caps: FxMap::default(),
            caps_prefixes: FxSet::default(),
            demonyms: FxMap::default(),
        };
        for line in places.lines().filter(|l| !l.starts_with('#')) {
            let mut cells = line.split('\t');
            let (Some(name), Some(cc), Some(kind), Some(pop), Some(surfaces)) =
                (cells.next(), cells.next(), cells.next(), cells.next(), cells.next())
            else {
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
                let form = g.forms.entry(surface).or_default();
                form.places.push(id);
                form.word |= flags.contains('w');
                form.person |= flags.contains('p');
                form.not_place |= flags.contains('n');
            }
        }
        let surfaces: Vec<&'static str> = g.forms.keys().copied().collect();
        for surface in surfaces {
            let words = tokens::tokenize(surface);
            for w in words.iter().take(words.len().saturating_sub(1)) {
                g.prefixes.insert(&surface[..w.end]);
                g.caps_prefixes.insert(surface[..w.end].to_uppercase());
            }
            let upper = surface.to_uppercase();
            // Several forms may share an upper-case spelling: keep the one naming the best place.
            let best = |s: &str| g.forms.get(s).and_then(|f| f.places.first().copied());
            match g.caps.get(&upper) {
                Some(&other) if best(other) <= best(surface) => {}
                _ => {
                    g.caps.insert(upper, surface);
                }
            }
        }
        for line in demonyms.lines().filter(|l| !l.starts_with('#')) {
            if let Some((demonym, cc)) = line.split_once('\t') {
                g.demonyms.insert(demonym, cc);
            }
        }
        g
    }

    /// The form spelled exactly `key`.
    pub fn form(&self, key: &str) -> Option<(&'static str, &Form)> {
        self.forms.get_key_value(key).map(|(k, f)| (*k, f))
    }

    /// The form spelled `key` in upper case (`NEW YORK`).
    pub fn caps_form(&self, key: &str) -> Option<(&'static str, &Form)> {
        self.caps.get(key).and_then(|surface| self.form(surface))
    }

    /// Some longer form starts with `key`.
    pub fn is_prefix(&self, key: &str, caps: bool) -> bool {
        if caps {
            self.caps_prefixes.contains(key)
        } else {
            self.prefixes.contains(key)
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
            assert_eq!((best.name, best.country), ("United States", Some("US")), "{alias}");
        }
        let (_, britain) = g.form("Britain").expect("Britain");
        assert_eq!(g.entry(britain.places[0]).country, Some("GB"));
    }

    #[test]
    fn the_capital_comes_before_the_small_town() {
        let g = Gazetteer::get();
        let (_, moscow) = g.form("Moscow").expect("Moscow");
        assert_eq!(g.entry(moscow.places[0]).country, Some("RU"));
        assert!(moscow.places.iter().any(|&p| g.entry(p).country == Some("US")));
    }

    #[test]
    fn caps_and_prefixes() {
        let g = Gazetteer::get();
        assert_eq!(g.caps_form("NEW YORK").map(|(s, _)| s), Some("New York"));
        assert!(g.is_prefix("New", false) && g.is_prefix("NEW", true));
        assert!(!g.is_prefix("Moscow", false));
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
