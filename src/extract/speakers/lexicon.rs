//! The word tables behind person, organisation and attribution rules: one lookup per word gives
//! every class the word belongs to, as bit flags.
//!
//! Built once (`LazyLock`) from the shared lexicon (`data/lexicon/speakers.txt`, the rule lists,
//! one `[section]` per class, with the titles and calendar words every rule shares), the given
//! names of `data/names/`, the common words of `data/words/` and the places of the compiled
//! gazetteer that are large or well known enough to tell a person from a place.

use std::sync::LazyLock;

use crate::extract::lexicon::{self, sections};
use crate::extract::locations::gazetteer::{Entry, Gazetteer, Kind};
use crate::extract::text::Folded;
use crate::extract::text::packed::PackedMap;

/// Word classes, as bits of a `u32`.
pub(super) type Lex = u32;

/// Common words that start sentences and headlines but are not names (`The`, `But`, `Officials`).
pub(super) const STOP: Lex = 1;
/// Titles and roles that say the name after them is a person (`President`, `Sen.`, `coach`).
pub(super) const TITLE: Lex = 1 << 1;
/// Words that only build titles (`Foreign`, `Deputy`, `Former`, `State` in `Secretary of State`).
pub(super) const TITLE_PART: Lex = 1 << 2;
/// Honorifics kept in a surface form (`Mr.`, `Mrs.`, `Dr.`).
pub(super) const HONORIFIC: Lex = 1 << 3;
/// Last words of organisation names (`Party`, `Ministry`, `Corp`, `Post`).
pub(super) const ORG_HEAD: Lex = 1 << 4;
/// Organisations known by one word (`Kremlin`, `Reuters`, `Pentagon`).
pub(super) const ORG_NAME: Lex = 1 << 5;
/// Lower-case nouns for organisations that speak (`the ministry said`, `police said`).
pub(super) const ORG_NOUN: Lex = 1 << 6;
/// Words that make a capitalised run a place or a thing (`Road`, `River`, `Cup`, `Day`).
pub(super) const PLACE_WORD: Lex = 1 << 7;
/// Capitalised words that are never part of a person's name (months, days, demonyms).
pub(super) const NOT_NAME: Lex = 1 << 8;
/// Given names, by the gender they are most common for.
pub(super) const GIVEN_M: Lex = 1 << 9;
pub(super) const GIVEN_F: Lex = 1 << 10;
pub(super) const GIVEN: Lex = GIVEN_M | GIVEN_F;
/// Lower-case particles inside names (`van`, `de`, `bin`, `al`).
pub(super) const PARTICLE: Lex = 1 << 11;
/// Name suffixes (`Jr.`, `III`).
pub(super) const SUFFIX: Lex = 1 << 12;
pub(super) const HE: Lex = 1 << 13;
pub(super) const SHE: Lex = 1 << 14;
/// Verbs that attribute speech, writing or a stance to their subject (`said`, `believes`).
pub(super) const CUE: Lex = 1 << 15;
/// Cue verbs that also come before their subject (`“...,” said Ushakov`).
pub(super) const CUE_INVERTS: Lex = 1 << 16;
/// Auxiliaries and adverbs that may stand between a subject and its cue verb.
pub(super) const AUX: Lex = 1 << 17;
/// Prepositions: a name after one is not the subject of the verb that follows.
pub(super) const PREP: Lex = 1 << 18;
/// Forms of `be` (`is said to`, `was quoted`).
pub(super) const BE: Lex = 1 << 19;
/// Lower-case role nouns right before a name (`adviser Yuri Ushakov`, `striker`).
pub(super) const ROLE: Lex = 1 << 20;
/// Days of the week and months.
pub(super) const CALENDAR: Lex = 1 << 21;
/// Relative or demonstrative words that open a clause (`who`, `which`).
pub(super) const RELATIVE: Lex = 1 << 22;
/// Common English words (`home`, `health`, `tigers`), from `data/words/common-en.txt`.
pub(super) const COMMON: Lex = 1 << 23;
/// Places named by one word (`Moscow`); longer names are checked with [`is_place`].
pub(super) const PLACE: Lex = 1 << 24;
/// Countries named by one word (`England`, `Kenya`).
pub(super) const COUNTRY: Lex = 1 << 25;

/// Given names, from US Social Security baby-name counts and a hand-written supplement.
const GIVEN_SSA: &str = include_str!("../../../data/names/given-ssa.tsv");
const GIVEN_INTERNATIONAL: &str = include_str!("../../../data/names/given-international.tsv");

/// Common English words, one a line.
const COMMON_WORDS: &str = include_str!("../../../data/words/common-en.txt");

/// The word lists, one `[section]` per class.
const WORDS: &str = lexicon::SPEAKERS;

/// Tables keyed by the folded text of words ([`Folded`]: lower case, accents stripped), so
/// that `Sánchez` and `SANCHEZ` are one key. Function words and the rule lists sit in a small
/// table every word is looked up in; the large lists (common words, given names) only matter
/// for capitalised words and sit apart, so that the lookups of ordinary words stay in cache.
struct Tables {
    /// Bit filter over the shapes of the cue words (see [`cue_shape`]): most words are ruled
    /// out without a table lookup.
    cue_shapes: Box<[u64; CUE_SHAPE_WORDS]>,
    words: PackedMap<Lex>,
    /// The name lists and, merged in, the rule lists: a capitalised word is looked up once.
    names: PackedMap<Lex>,
    places: PackedMap<()>,
    /// The first words of the places named by more than one word (`new` of `New York`): most
    /// runs of words start with none of them, and are ruled out by this lookup before their
    /// words are folded together.
    place_heads: PackedMap<()>,
}

/// The table key of `parts` joined by single spaces.
fn key<'a>(parts: impl IntoIterator<Item = &'a str>) -> Folded {
    Folded::of(parts)
}

static TABLES: LazyLock<Tables> = LazyLock::new(build);

/// The tables, from the word lists, the given names and the gazetteer.
fn build() -> Tables {
    let words = word_classes();
    let mut names = name_classes();
    let (places, place_heads) = add_places(&mut names);
    // A capitalised word is looked up in both tables: keep its rule classes with its name ones.
    words.for_each(|word, &lex| *names.get_or_insert_with(word, || 0) |= lex);
    Tables {
        cue_shapes: cue_shapes(),
        words,
        names,
        places,
        place_heads,
    }
}

/// The rule classes of words, from the sections of the word list and the shared lexicon.
fn word_classes() -> PackedMap<Lex> {
    let mut words: PackedMap<Lex> = PackedMap::with_capacity(8192);
    let mut add = |word: &str, flag: Lex| {
        *words.get_or_insert_with(key([word]).bytes(), || 0) |= flag;
    };
    for (section, list) in sections(WORDS) {
        let flag = match section {
            "stop_words" => STOP,
            "titles" => TITLE,
            "title_parts" => TITLE_PART,
            "honorifics" => HONORIFIC | TITLE,
            "org_heads" => ORG_HEAD,
            "org_names" => ORG_NAME,
            "org_nouns" => ORG_NOUN,
            "place_words" => PLACE_WORD,
            "not_names" => NOT_NAME,
            "particles" => PARTICLE,
            "suffixes" => SUFFIX,
            "he" => HE,
            "she" => SHE,
            "cue_forms" => CUE,
            "cue_inverting" => CUE | CUE_INVERTS,
            "aux_words" => AUX,
            "prepositions" => PREP,
            "roles" => ROLE,
            "be_words" => BE,
            "relatives" => RELATIVE,
            "cue_verbs" => {
                for verb in list {
                    for form in inflect(verb) {
                        add(&form, CUE);
                    }
                }
                continue;
            }
            _ => 0,
        };
        for w in list {
            add(w, flag);
        }
    }
    for w in lexicon::titles() {
        add(w, TITLE);
    }
    for w in lexicon::calendar_words() {
        add(w, CALENDAR);
    }
    words
}

/// Common words and given names with their genders.
fn name_classes() -> PackedMap<Lex> {
    let mut names: PackedMap<Lex> = PackedMap::with_capacity(65536);
    for w in COMMON_WORDS.lines().filter(|l| !l.starts_with('#')) {
        *names.get_or_insert_with(key([w.trim()]).bytes(), || 0) |= COMMON;
    }
    for text in [GIVEN_SSA, GIVEN_INTERNATIONAL] {
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(name), Some(gender)) = (parts.next(), parts.next()) else {
                continue;
            };
            let flag = match gender.trim() {
                "m" => GIVEN_M,
                "f" => GIVEN_F,
                "mf" => GIVEN,
                _ => 0,
            };
            *names.get_or_insert_with(key([name]).bytes(), || 0) |= flag;
        }
    }
    names
}

/// Mark the gazetteer's known areas and countries in `names`; returns the known areas' forms
/// and the first words of those of several words.
fn add_places(names: &mut PackedMap<Lex>) -> (PackedMap<()>, PackedMap<()>) {
    let gazetteer = Gazetteer::get();
    let mut places: PackedMap<()> = PackedMap::default();
    let mut place_heads: PackedMap<()> = PackedMap::default();
    gazetteer.for_each_form(|surface, form| {
        if !form
            .places
            .iter()
            .any(|&id| known_area(gazetteer.entry(id)))
        {
            return;
        }
        places.insert(key([surface]).bytes(), ());
        if let Some((head, _)) = surface.split_once(' ') {
            place_heads.insert(key([head]).bytes(), ());
        }
    });
    places.for_each(|place, ()| *names.get_or_insert_with(place, || 0) |= PLACE);
    gazetteer.for_each_form(|surface, form| {
        if form
            .places
            .iter()
            .any(|&id| gazetteer.entry(id).kind == Kind::Country)
        {
            *names.get_or_insert_with(key([surface]).bytes(), || 0) |= COUNTRY;
        }
    });
    (places, place_heads)
}

/// The shapes of every cue form ([`cue_shape`]), one bit each.
fn cue_shapes() -> Box<[u64; CUE_SHAPE_WORDS]> {
    let mut cue_shapes = Box::new([0u64; CUE_SHAPE_WORDS]);
    for (section, list) in sections(WORDS) {
        let forms: Vec<String> = match section {
            "cue_forms" | "cue_inverting" => list.iter().map(|w| w.to_string()).collect(),
            "cue_verbs" => list.iter().flat_map(|v| inflect(v)).collect(),
            _ => continue,
        };
        for form in forms {
            let bit = cue_shape(form.as_bytes());
            cue_shapes[bit / 64] |= 1 << (bit % 64);
        }
    }
    cue_shapes
}

/// Whether a gazetteer place is one a person's name is unlikely to be mistaken for: a country,
/// continent, capital, first-level division, region or sea, or a city of at least
/// [`KNOWN_CITY`] people. Small towns share their names with people too often (`Lincoln`,
/// `Florence, Ala.`), and venues and state abbreviations are no names of areas.
fn known_area(place: &Entry) -> bool {
    match place.kind {
        Kind::Country | Kind::Continent | Kind::Capital | Kind::Admin | Kind::Region => true,
        Kind::Water => true,
        Kind::City => place.population >= KNOWN_CITY,
        Kind::Mountain | Kind::Venue | Kind::StateAbbr => false,
    }
}

/// The population from which a city counts as well known.
const KNOWN_CITY: u64 = 200_000;

/// The `-s`, `-ed` and `-ing` forms of a regular verb (`argue` -> `argues`, `argued`, `arguing`).
fn inflect(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string()];
    let (s, ed, ing) = if let Some(stem) = base.strip_suffix('e') {
        (format!("{base}s"), format!("{base}d"), format!("{stem}ing"))
    } else if let Some(stem) = base
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        (
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{base}ing"),
        )
    } else if base.ends_with("ss") || base.ends_with("sh") || base.ends_with("ch") {
        (
            format!("{base}es"),
            format!("{base}ed"),
            format!("{base}ing"),
        )
    } else if matches!(base, "rip" | "slam" | "admit" | "quip" | "plan" | "stop") {
        let last = &base[base.len() - 1..];
        (
            format!("{base}s"),
            format!("{base}{last}ed"),
            format!("{base}{last}ing"),
        )
    } else {
        (
            format!("{base}s"),
            format!("{base}ed"),
            format!("{base}ing"),
        )
    };
    out.extend([s, ed, ing]);
    out
}

/// The classes of `word` (any case). Given names and common words are only looked for when
/// `capitalised`, the only case where they matter.
pub(super) fn classify(word: &str, capitalised: bool) -> Lex {
    let tables = &*TABLES;
    let table = if capitalised {
        &tables.names
    } else {
        &tables.words
    };
    let lex = table.get_folded(word).copied().unwrap_or(0);
    // Most words hold no apostrophe: looked for by bytes (`’` by its lead byte), not by chars.
    if lex != 0 || !word.bytes().any(|b| b == b'\'' || b == 0xE2) {
        return lex;
    }
    // Contractions of common words: `I’ll`, `We’re`, `That’s`.
    match word.split_once(['\'', '’']) {
        Some((head, tail)) if tail.len() <= 2 => {
            tables.words.get_folded(head).copied().unwrap_or(0) & STOP
        }
        _ => 0,
    }
}

const CUE_SHAPE_WORDS: usize = 1024;

/// A word's shape for the cue filter: its length and its first two and last bytes, mixed into
/// one of `64 * CUE_SHAPE_WORDS` bits.
fn cue_shape(b: &[u8]) -> usize {
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return 0;
    };
    let second = b.get(1).copied().unwrap_or(0);
    let mixed = (b.len() as u32)
        .wrapping_mul(0x9E37_79B1)
        .wrapping_add(u32::from(first) << 16 | u32::from(second) << 8 | u32::from(last))
        .wrapping_mul(0x85EB_CA6B);
    (mixed >> 16) as usize % (64 * CUE_SHAPE_WORDS)
}

/// A test of whether a lower-case word (its bytes) can be a cue verb at all; `false` rules it
/// out cheaply. The tables are reached once, when the test is made, not on every word.
pub(super) fn cue_filter() -> impl Fn(&[u8]) -> bool + Copy {
    let shapes = &TABLES.cue_shapes;
    move |word| {
        let bit = cue_shape(word);
        shapes[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// Whether the words `parts` (any case, accents or not) name a known place.
pub(super) fn is_place<'a, P>(parts: P) -> bool
where
    P: IntoIterator<Item = &'a str>,
    P::IntoIter: Clone,
{
    let tables = &*TABLES;
    let parts = parts.into_iter();
    let mut words = parts.clone();
    // Parts never hold a space, so the folded first part of a match is the folded text before
    // the first space of the place: a first word that starts no place rules the run out.
    if let (Some(first), Some(_)) = (words.next(), words.next())
        && tables.place_heads.get_folded(first).is_none()
    {
        return false;
    }
    tables.places.contains_key(Folded::of(parts).bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_combine() {
        assert!(classify("said", false) & CUE_INVERTS != 0);
        assert!(classify("Argued", true) & CUE != 0);
        assert!(classify("criticizing", false) & CUE != 0);
        assert!(classify("Yuri", true) & GIVEN_M != 0);
        assert!(classify("Hillary", true) & GIVEN_F != 0);
        assert!(classify("Kremlin", true) & ORG_NAME != 0);
        assert!(classify("The", true) & STOP != 0);
        assert!(classify("Home", true) & (COMMON | STOP) == COMMON);
        assert_eq!(classify("I’ll", true), STOP);
        assert_eq!(classify("Ushakov", true), 0);
    }

    #[test]
    fn the_cue_filter_keeps_every_cue() {
        let may_be_cue = cue_filter();
        for w in ["said", "told", "tweeted", "criticizing", "quoted", "denies"] {
            assert!(may_be_cue(w.as_bytes()), "{w}");
        }
        assert!(!may_be_cue(b"the"));
    }

    #[test]
    fn inflections_follow_spelling() {
        assert_eq!(inflect("deny"), ["deny", "denies", "denied", "denying"]);
        assert_eq!(
            inflect("stress"),
            ["stress", "stresses", "stressed", "stressing"]
        );
        assert_eq!(inflect("slam"), ["slam", "slams", "slammed", "slamming"]);
    }

    #[test]
    fn only_known_areas_tell_places_from_people() {
        let city = |population| Entry {
            name: "X",
            country: None,
            kind: Kind::City,
            population,
        };
        assert!(known_area(&city(KNOWN_CITY)) && !known_area(&city(KNOWN_CITY - 1)));
        assert!(known_area(&Entry {
            kind: Kind::Water,
            ..city(0)
        }));
        assert!(!known_area(&Entry {
            kind: Kind::Venue,
            ..city(10_000_000)
        }));
    }

    #[test]
    fn places_are_folded() {
        assert!(is_place(["Moscow"]));
        assert!(is_place(["United", "States"]));
        assert!(is_place(["Bogotá"]));
        assert!(!is_place(["Ushakov"]));
        assert!(is_place(["new", "YORK"]));
        assert!(!is_place(["New", "Ushakov"]));
        assert!(!is_place(["Ushakov", "York"]));
    }
}
