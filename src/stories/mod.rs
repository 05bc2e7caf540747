//! Stories: the versions of one report (updates, corrections, re-filed or re-headlined copies)
//! share one story id.
//!
//! Every article gets its id when it is indexed, and keeps it: `sketch` says what an
//! article is recognised by (stored with it in the index), `rule` whether a new article is a
//! version of an earlier one, and `assign` finds the earlier articles that may be, in the
//! index and among the articles not committed yet, and gives the new one their story or a new
//! one. Search shows one hit per story, quotes merge across versions, counts may count stories.

pub(crate) mod assign;
pub(crate) mod rule;
pub(crate) mod sketch;

pub(crate) use assign::Stories;
pub use sketch::Sketch;

/// Bits of a story id: ids are shown as `s` and 10 hex digits, which holds them whole.
pub(crate) const ID_BITS: u32 = 40;

/// The id of a story begun by the article of this id (its first version): the same article
/// begins the same id on every build.
pub(crate) fn new_id(article_id: &str) -> u64 {
    let hash = blake3::hash(article_id.as_bytes());
    let mut head = [0u8; 8];
    head.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(head) >> (64 - ID_BITS)
}

/// A story id as users see it (`s0a1b2c3d4e`).
pub(crate) fn display(story: u64) -> String {
    format!("s{story:010x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_shown_whole_and_depend_on_the_first_version_only() {
        let id = new_id("2011/01/03/a.txt");
        assert_eq!(id, new_id("2011/01/03/a.txt"));
        assert_ne!(id, new_id("2011/01/03/b.txt"));
        assert!(id < 1 << ID_BITS);
        assert_eq!(display(0x1f), "s000000001f");
        // Ten hex digits hold every id.
        assert_eq!(display(id).len(), 11);
        assert_eq!(u64::from_str_radix(&display(id)[1..], 16).ok(), Some(id));
    }
}
