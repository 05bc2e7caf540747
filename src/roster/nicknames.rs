//! Short and formal forms of English given names: whether `Tim` and `Timothy`, `Bob` and
//! `Robert`, `Bill` and `Will` can name one person.
//!
//! The table is `data/names/nicknames.csv`, derived by `data/names/fetch_nicknames.py` from the
//! hand-curated `names.csv` of the PyPI package `nicknames` 1.0.1 (Carlton Northern, Nick Crews
//! and contributors; Apache-2.0, see `data/names/NICKNAMES-LICENSE`), less its initials and its
//! pairs of names of opposite sexes. Each row says that a name has a nickname.
//!
//! Two names are the same given name when they are equal, when a row pairs them (either way
//! round), or when both are nicknames of one longer name (`bill` and `will` of `william`). Two
//! names that merely share a nickname are not: `alex` does not make `alexander` and `alexandra`
//! one, nor `fred` `frederick` and `alfred`. A false merge is worse than a split, so the
//! relation goes no further than that one step.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// `name,nickname` rows after `#` comments and a header line.
const TABLE: &str = include_str!("../../data/names/nicknames.csv");

/// For each name in the table, the other names it is the same given name as, sorted.
static VARIANTS: LazyLock<FxHashMap<&'static str, Box<[&'static str]>>> = LazyLock::new(build);

/// Whether the given names `a` and `b` (lowercase, ASCII-folded: `"tim"`, `"timothy"`) can be
/// one person's: equal, one a nickname of the other, or both nicknames of one longer name.
/// Symmetric; a name the table lacks is the same only as itself.
pub(crate) fn same_given(a: &str, b: &str) -> bool {
    a == b || variants(a).binary_search(&b).is_ok()
}

/// The names other than `given` (lowercase, ASCII-folded) that [`same_given`] accepts with it,
/// sorted; empty for a name the table lacks.
pub(crate) fn variants(given: &str) -> &'static [&'static str] {
    VARIANTS.get(given).map_or(&[], |names| names)
}

fn build() -> FxHashMap<&'static str, Box<[&'static str]>> {
    let mut nicknames: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    let rows = TABLE
        .lines()
        .filter(|line| !line.starts_with('#'))
        .skip(1)
        .filter_map(|line| line.split_once(','));
    for (name, nickname) in rows {
        nicknames.entry(name).or_default().push(nickname);
    }

    let mut variants: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    for (&name, names) in &nicknames {
        for &nickname in names {
            variants.entry(name).or_default().push(nickname);
            variants.entry(nickname).or_default().push(name);
        }
    }
    // Nicknames of one name that is longer than both: a fuller form they share. Without the
    // length check the table's rows that go from a short form to a full one (`bill` has the
    // nickname `robert`, and `william`) would make `robert` and `william` one.
    for (&formal, names) in &nicknames {
        for &a in names {
            for &b in names {
                if a != b && formal.len() > a.len().max(b.len()) {
                    variants.entry(a).or_default().push(b);
                }
            }
        }
    }
    variants
        .into_iter()
        .map(|(name, mut names)| {
            names.sort_unstable();
            names.dedup();
            (name, names.into_boxed_slice())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_formal_forms_are_one_given_name() {
        let pairs = [
            ("tim", "timothy"),
            ("ken", "kenneth"),
            ("bob", "robert"),
            ("bernie", "bernard"),
            ("jamie", "james"),
            ("hank", "henry"),
            ("jim", "james"),
            ("bill", "william"),
            ("dick", "richard"),
            ("mike", "michael"),
            ("jeff", "jeffrey"),
            ("jeff", "geoffrey"),
            ("ben", "benjamin"),
            ("jack", "john"),
            ("ted", "edward"),
            ("peggy", "margaret"),
            ("nick", "nicholas"),
            ("steve", "stephen"),
            ("steve", "steven"),
        ];
        for (short, formal) in pairs {
            assert!(same_given(short, formal), "{short} / {formal}");
            assert!(same_given(formal, short), "{formal} / {short}");
        }
    }

    #[test]
    fn two_nicknames_of_one_longer_name_are_one_given_name() {
        assert!(same_given("bill", "will"));
        assert!(same_given("will", "bill"));
        assert!(same_given("ken", "kenny"));
        assert!(same_given("kenny", "kenneth"));
    }

    #[test]
    fn names_that_share_a_nickname_stay_apart() {
        let apart = [
            ("alexander", "alexandra"),
            ("frederick", "alfred"),
            ("benjamin", "bernard"),
            ("benjamin", "benedict"),
            ("ben", "bernard"),
            ("bernie", "ben"),
            ("john", "james"),
            ("robert", "william"),
            ("james", "benjamin"),
            ("stephen", "steven"),
            ("jeffrey", "geoffrey"),
        ];
        for (a, b) in apart {
            assert!(!same_given(a, b), "{a} / {b}");
            assert!(!same_given(b, a), "{b} / {a}");
        }
    }

    #[test]
    fn names_of_opposite_sexes_stay_apart() {
        // Rows of the upstream table that the generator leaves out.
        assert!(!same_given("alexandra", "alex"));
        assert!(!same_given("louis", "louise"));
        assert!(!same_given("paul", "polly"));
    }

    #[test]
    fn a_name_the_table_lacks_is_the_same_only_as_itself() {
        assert!(same_given("barack", "barack"));
        assert!(!same_given("barack", "barry"));
        assert!(variants("barack").is_empty());
        assert!(variants("").is_empty());
    }

    #[test]
    fn every_row_of_the_table_holds_and_the_relation_is_symmetric() {
        let rows: Vec<(&str, &str)> = TABLE
            .lines()
            .filter(|line| !line.starts_with('#'))
            .skip(1)
            .map(|line| line.split_once(',').expect("name,nickname"))
            .collect();
        assert!(rows.len() > 2000, "{} rows", rows.len());
        for (name, nickname) in rows {
            assert!(same_given(name, nickname), "{name} / {nickname}");
        }
        for (&name, names) in VARIANTS.iter() {
            assert!(names.is_sorted(), "{name}");
            assert!(!names.contains(&name), "{name}");
            for &other in names {
                assert!(same_given(other, name), "{other} / {name}");
            }
        }
    }
}
