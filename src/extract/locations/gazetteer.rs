//! The place-name tables compiled into the binary (`data/gazetteer/`, derived from GeoNames,
//! CC BY 4.0, by `data/gazetteer/build.py`), parsed once on first use.
//!
//! A *form* is a surface string (`U.S.`, `Britain`, `Kiev`) naming one or more places, best
//! first: the table lists places by kind (countries first) then population, so `Moscow` names
//! the Russian capital before the town in Idaho.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::tokens;
use crate::extract::text::packed::PackedMap;

const PLACES: &str = include_str!("../../../data/gazetteer/places.tsv");
const DEMONYMS: &str = include_str!("../../../data/gazetteer/demonyms.tsv");

/// What kind of place an entry is; the kind decides how much context a match needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
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
pub(crate) struct Entry {
    pub name: &'static str,
    pub country: Option<&'static str>,
    pub kind: Kind,
    pub population: u64,
}

impl Entry {
    /// Well known enough to be trusted on its own, even in ALL-CAPS text.
    pub(crate) fn major(&self) -> bool {
        match self.kind {
            Kind::City => self.population >= 100_000,
            Kind::Venue | Kind::StateAbbr => false,
            _ => true,
        }
    }
}

/// A surface form and the places it may name, best first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Form {
    pub places: Vec<u32>,
    /// News text mostly uses the word in lower case (`Split`, `Reading`, `Nice`).
    pub word: bool,
    /// News text often puts a personal title before it (`Mr. Jordan`).
    pub person: bool,
    /// News text uses the word a lot, hardly ever as a location (`Olympic`, `Ajax`): a town
    /// of that name is not what it means.
    pub not_place: bool,
}

/// What a lookup key is: a form, the start of longer forms, or both.
#[derive(Debug, Clone, Default)]
pub(crate) struct Slot {
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
pub(crate) struct Gazetteer {
    pub places: Vec<Entry>,
    /// Forms and proper word prefixes of multi-word forms, each with its spelling, in one map
    /// so that each step of the longest-match scan costs one lookup.
    slots: PackedMap<(&'static str, Slot)>,
    /// Upper-cased forms and prefixes, for ALL-CAPS text (`NEW YORK` -> `New York`).
    caps: PackedMap<CapsSlot>,
    demonyms: FxHashMap<&'static str, &'static str>,
}

impl Gazetteer {
    pub(crate) fn get() -> &'static Gazetteer {
        static GAZETTEER: LazyLock<Gazetteer> =
            LazyLock::new(|| Gazetteer::parse(PLACES, DEMONYMS));
        &GAZETTEER
    }

    /// Parse the tables; malformed lines are skipped (the data is generated and tested).
    pub(crate) fn parse(places: &'static str, demonyms: &'static str) -> Gazetteer {
        let mut g = Gazetteer {
            places: Vec::new(),
            slots: PackedMap::default(),
            caps: PackedMap::default(),
            demonyms: FxHashMap::default(),
        };
        let in_order = g.read_places(places);
        // Each surface and its prefixes have an upper-case key: room for (nearly) all at once.
        g.caps.reserve(in_order.len());
        for surface in in_order {
            g.add_prefixes(surface);
            g.add_caps(surface);
        }
        g.read_demonyms(demonyms);
        g
    }

    /// Read the places table into entries and their forms; returns the surfaces in table
    /// order: where several share an upper-case spelling and name the same best place (`The
    /// Netherlands`, `the Netherlands`), the first one is kept.
    fn read_places(&mut self, places: &'static str) -> Vec<&'static str> {
        let mut in_order: Vec<&'static str> = Vec::new();
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
            let id = self.places.len() as u32;
            self.places.push(Entry {
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
                let form = self
                    .slots
                    .get_or_insert_with(surface.as_bytes(), || (surface, Slot::default()))
                    .1
                    .form
                    .get_or_insert_with(|| {
                        in_order.push(surface);
                        Form::default()
                    });
                form.places.push(id);
                form.word |= flags.contains('w');
                form.person |= flags.contains('p');
                form.not_place |= flags.contains('n');
            }
        }
        in_order
    }

    /// Mark the proper word prefixes of a multi-word surface (`New` of `New York`), so that
    /// the longest-match scan goes on past them.
    fn add_prefixes(&mut self, surface: &'static str) {
        // Most surfaces are one plain word (`Moscow`), which has no proper prefix.
        let one_word = surface.bytes().all(|b| b.is_ascii_alphanumeric());
        let words = if one_word {
            Vec::new()
        } else {
            tokens::tokenize(surface)
        };
        for w in words.iter().take(words.len().saturating_sub(1)) {
            let prefix = &surface[..w.end];
            self.slots
                .get_or_insert_with(prefix.as_bytes(), || (prefix, Slot::default()))
                .1
                .prefix = true;
            self.caps
                .get_or_insert_with(prefix.to_uppercase().as_bytes(), CapsSlot::default)
                .prefix = true;
        }
    }

    /// Give the surface its upper-case key (`NEW YORK`), unless a form naming a better place
    /// has it already.
    fn add_caps(&mut self, surface: &'static str) {
        let best = |s: &str| {
            self.slots
                .get(s.as_bytes())
                .and_then(|(_, slot)| slot.form.as_ref())
                .and_then(|f| f.places.first().copied())
        };
        // Several forms may share an upper-case spelling: keep the one naming the best place.
        let upper = surface.to_uppercase();
        let keep = match self.caps.get(upper.as_bytes()).and_then(|c| c.surface) {
            Some(other) => best(other) > best(surface),
            None => true,
        };
        if keep {
            self.caps
                .get_or_insert_with(upper.as_bytes(), CapsSlot::default)
                .surface = Some(surface);
        }
    }

    fn read_demonyms(&mut self, demonyms: &'static str) {
        for line in demonyms.lines().filter(|l| !l.starts_with('#')) {
            if let Some((demonym, cc)) = line.split_once('\t') {
                self.demonyms.insert(demonym, cc);
            }
        }
    }

    /// The form spelled exactly `key`.
    pub(crate) fn form(&self, key: &str) -> Option<(&'static str, &Form)> {
        self.slots
            .get(key.as_bytes())
            .and_then(|(k, slot)| slot.form.as_ref().map(|f| (*k, f)))
    }

    /// The form spelled `key` in upper case (`NEW YORK`).
    pub(crate) fn caps_form(&self, key: &str) -> Option<(&'static str, &Form)> {
        self.caps
            .get(key.as_bytes())
            .and_then(|c| c.surface)
            .and_then(|surface| self.form(surface))
    }

    /// The form spelled `key` (in upper case if `caps`), and whether longer forms start with it.
    pub(crate) fn lookup(&self, key: &str, caps: bool) -> (Option<(&'static str, &Form)>, bool) {
        if caps {
            match self.caps.get(key.as_bytes()) {
                Some(c) => (c.surface.and_then(|s| self.form(s)), c.prefix),
                None => (None, false),
            }
        } else {
            match self.slots.get(key.as_bytes()) {
                Some((k, slot)) => (slot.form.as_ref().map(|f| (*k, f)), slot.prefix),
                None => (None, false),
            }
        }
    }

    /// Call `f` with every surface form and what it names, in no particular order.
    pub(crate) fn for_each_form(&self, mut f: impl FnMut(&'static str, &Form)) {
        self.slots.for_each(|_, (surface, slot)| {
            if let Some(form) = &slot.form {
                f(surface, form);
            }
        });
    }

    /// Country code of a demonym (`Turkish` -> `TR`).
    pub(crate) fn demonym(&self, word: &str) -> Option<&'static str> {
        self.demonyms.get(word).copied()
    }

    pub(crate) fn entry(&self, id: u32) -> &Entry {
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
