//! Small closed word classes that decide whether a gazetteer hit is a place: personal titles
//! (`President Jordan` is a person), direction words (`Southern California`), nouns that make a
//! name a place (`Jordan River`, `Hebei Province`), heads of organisation names
//! (`Bank of England`), words that introduce a location (`in`, `near`).
//!
//! The words are data: the shared lists of [`lexicon`] and the sections of
//! `data/lexicon/locations.txt`, parsed once.

use std::sync::LazyLock;

use crate::extract::lexicon::{self, Words};

pub(super) use lexicon::{is_calendar_word, is_function_word, is_organisation_tail, is_title};

/// A section of `data/lexicon/locations.txt`, parsed on first use.
macro_rules! class {
    ($name:literal) => {{
        static WORDS: Words =
            LazyLock::new(|| lexicon::section(lexicon::LOCATIONS, $name).collect());
        &WORDS
    }};
}

/// Capitalised adjectives of religion or group before a place (`Jewish West Bank
/// settlements`, `Moslem North Caucasus`).
pub(super) fn is_group_adjective(word: &str) -> bool {
    class!("group_adjective").contains(word)
}

/// Capitalised words that start organisation names built on a place (`Air France`, `Radio
/// Moscow`, `Team USA`).
pub(super) fn is_organisation_prefix(word: &str) -> bool {
    class!("organisation_prefix").contains(word)
}

/// Direction and size words that make a larger or smaller place of a place
/// (`Southern California`, `Greater London`, `North Caucasus`).
pub(super) fn is_direction(word: &str) -> bool {
    class!("direction").contains(word)
}

/// Capitalised nouns after a name that make it a place (`Jordan River`, `Tiananmen Square`).
pub(super) fn is_place_noun(word: &str) -> bool {
    class!("place_noun").contains(word)
}

/// Lower-case nouns that say the name before them is a place (`Hakkari province`).
pub(super) fn is_place_noun_lower(word: &str) -> bool {
    class!("place_noun_lower").contains(word)
}

/// Lower-case nouns of settlements and areas in frames like `the city of X`, `the Turkish port
/// of X`, `the Chechen capital Grozny`.
pub(super) fn is_settlement_noun(word: &str) -> bool {
    class!("settlement_noun").contains(word)
}

/// Heads of organisation names built as `X of <place>` (`Bank of England`, `University of
/// London`): the place there is part of the organisation's name.
pub(super) fn is_organisation_head(word: &str) -> bool {
    class!("organisation_head").contains(word)
}

/// Words after a place that leave it a place: roles (`U.S. President`, `Moscow Mayor`).
pub(super) fn is_role_word(word: &str) -> bool {
    class!("role_word").contains(word)
}

/// Lower-case words after which a capitalised name is a location (`in Hove`, `near Sikhin`).
pub(super) fn is_locative(word: &str) -> bool {
    class!("locative").contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_do_not_overlap_where_it_matters() {
        for w in ["President", "Mr", "King"] {
            assert!(is_title(w) && !is_function_word(w) && !is_direction(w));
        }
        assert!(is_direction("Southern") && !is_title("Southern"));
        assert!(is_place_noun("River") && is_organisation_head("Bank"));
        assert!(is_locative("in") && !is_locative("said"));
        assert!(is_calendar_word("Feb") && is_function_word("Monday"));
    }
}
