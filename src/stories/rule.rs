//! The decision whether a new article is a version of an earlier one's story, from their
//! [`Sketch`]es: how much text they share, and whether their headline, URL, date and byline
//! say they come from one report.
//!
//! Text decides most cases: an update keeps much of the shorter version's text (containment),
//! and the headline, the URL's slug and id and a shared byline weigh in for rewrites that keep
//! less. Three kinds of trap share text without being versions, and are refused first: a piece
//! of another kind (the factbox or instant view beside a news story), an instalment of a
//! factbox, timeline or comments file filed on another day, and anything days apart that is
//! not a copy. A copy stored again (nearly the same text) is a version whatever its date.

use super::sketch::{Brief, Kind, Sketch, days_apart};

/// Estimated Jaccard similarity from which two texts are copies of one another.
const COPY: f32 = 0.9;
/// Days apart beyond which only a copy is a version.
const MAX_DAYS: i32 = 3;
/// Likeness from which a new article is a version.
const SAME: f32 = 0.6;

/// How strongly `new` is a version of the story `old` belongs to; None when it is not the
/// same story.
pub(crate) fn likeness(new: &Sketch, old: &Sketch) -> Option<f32> {
    // A factbox or an instant view beside the news story is a piece of its own.
    if new.kind != old.kind {
        return None;
    }
    let days = days_apart(new.day, old.day).unwrap_or(0);
    let same_text = new.text != 0 && new.text == old.text;
    // Instalments of another day, and anything days apart, are versions only as copies stored
    // again (most candidates are such, and [`ruled_out`] spares reading their sketch).
    if only_copies(new.kind, days) {
        return (same_text || new.jaccard_at_least(old, COPY)).then(|| 2.0 + new.jaccard(old));
    }
    // A copy stored again, whatever its headline.
    let j = new.jaccard(old);
    if j >= COPY || same_text {
        return Some(2.0 + j);
    }
    let c = new.containment(old);
    // A Reuters-style id is reused for a rolling story (a daily market report, a live file),
    // so it says "the same document" only on the same day.
    let same_id = days == 0 && new.url_id != 0 && new.url_id == old.url_id;
    let same_slug = new.slug != 0 && new.slug == old.slug;
    let same_title = new.title != 0 && new.title == old.title;
    let titles = new.title_overlap(old);
    let byline = new.shares_name(old);
    // A rewritten update keeps some of its text; a headline used again over new text (a
    // recurring column, the next day's report of a rolling story) is another story.
    let least = match days {
        0 if same_id => 0.0,
        0 => 0.1,
        _ if same_title => 0.2,
        _ => 0.3,
    };
    if c < least {
        return None;
    }
    let mut score = c;
    if same_id {
        score += 0.5;
    }
    if same_slug {
        score += 0.2;
    }
    if same_title {
        score += 0.2;
    }
    score += 0.2 * titles;
    if byline {
        score += 0.1;
    }
    if days > 1 {
        score -= 0.2;
    }
    (score >= SAME).then_some(score)
}

/// Whether only a copy of a piece of this kind this many days apart is a version of it.
fn only_copies(kind: Kind, days: i32) -> bool {
    days > MAX_DAYS || (kind.has_instalments() && days > 0)
}

/// Whether the article `old` is the brief of is ruled out as a version before its sketch is
/// read: [`likeness`] is then None. Nine in ten of a lookup's candidates are ruled out so (on
/// Reuters, most lie days apart and are not copies), and the briefs are an eighth of the
/// sketches' size, so that their reads stay in the cache.
pub(crate) fn ruled_out(new: &Sketch, old: &Brief) -> bool {
    if new.kind != old.kind {
        return true;
    }
    let days = days_apart(new.day, old.day()).unwrap_or(0);
    let same_text = new.text != 0 && new.text == old.text;
    only_copies(new.kind, days) && !same_text && !new.may_agree(old, COPY)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::stories::sketch::BINS;
    use crate::stories::sketch::tests::{STORY, article, first, update};

    fn sketch(article: &crate::article::Article) -> Sketch {
        Sketch::of(article)
    }

    #[test]
    fn a_version_with_new_wraps_header_and_one_more_paragraph_matches() {
        let (old, new) = (sketch(&first()), sketch(&update()));
        assert!(likeness(&new, &old).is_some());
        assert!(likeness(&old, &new).is_some());
        // A retitled copy at another address still matches on its text.
        let copy = article(
            "Ferry crossings leave Eastmouth town centre",
            "Jane Porter",
            "Tue Mar 4, 2008 3:40pm EDT",
            "http://www.example.com/article/2008/03/04/idUSL0498765420080304",
            STORY,
        );
        assert!(likeness(&sketch(&copy), &old).is_some());
    }

    /// A monthly factbox: the same headline and most items, a new month on top.
    fn factbox(month: &str, date: &str, id: &str) -> crate::article::Article {
        let items = "Boston Fed President Eric Rowland said on the first of the month that \
            policy should stay loose until hiring picks up across the whole country.\n\n\
            Dallas Fed President Rosa Vance told a business lunch that she saw no case for more \
            asset purchases while inflation expectations remained stable.\n\n\
            Chicago Fed President Tom Ebert said in an interview that the labour market was \
            healing more slowly than the committee had projected in its spring forecasts.";
        article(
            "FACTBOX-Fed policymakers' recent comments",
            "",
            date,
            &format!("http://www.example.com/article/us-fed-comments-factbox-id{id}"),
            &format!(
                "(Reuters) - Below are comments from Fed officials in {month}, with the most \
                 recent first.\n\nRichmond Fed President Ann Cole said the economy was growing \
                 at a moderate pace in {month}.\n\n{items}"
            ),
        )
    }

    #[test]
    fn a_different_months_factbox_does_not_match() {
        let march = sketch(&factbox(
            "March",
            "Mon Mar 10, 2008 1:00pm EDT",
            "USN1012345620080310",
        ));
        let july = sketch(&factbox(
            "July",
            "Thu Jul 10, 2008 1:00pm EDT",
            "USN1098765420080710",
        ));
        assert!(march.jaccard(&july) > 0.3, "the trap shares text");
        assert_eq!(likeness(&july, &march), None);
        // The same instalment filed again is the same story.
        let again = sketch(&factbox(
            "March",
            "Mon Mar 10, 2008 4:00pm EDT",
            "USN1012345620080310",
        ));
        assert!(likeness(&again, &march).is_some());
    }

    #[test]
    fn a_companion_piece_is_not_a_version_of_the_news_story() {
        let news = first();
        let lead: Vec<&str> = STORY.split("\n\n").take(2).collect();
        let companion = article(
            "INSTANT VIEW-Eastmouth to close old ferry terminal",
            "",
            "Tue Mar 4, 2008 7:30am EDT",
            "http://www.example.com/article/2008/03/04/us-ferry-view-idUSL0411111120080304",
            &format!(
                "{}\n\nCOMMENTS:\n\nPETER HOLM, ANALYST, NORTH SEA SHIPPING:\n\n\"The new \
                 quay was always going to win. The question is how fast the operators fill it.\"",
                lead.join("\n\n")
            ),
        );
        let (news, companion) = (sketch(&news), sketch(&companion));
        assert!(companion.containment(&news) > 0.5, "the trap shares text");
        assert_eq!(likeness(&companion, &news), None);
    }

    #[test]
    fn the_same_headline_over_new_text_is_another_story() {
        let old = sketch(&first());
        let next_day = article(
            "Eastmouth to close old ferry terminal",
            "Jane Porter",
            "Wed Mar 5, 2008 7:15am EDT",
            "http://www.example.com/article/2008/03/05/us-ferry-terminal-idUSL0512345620080305",
            "(Reuters) - Fishermen in Eastmouth asked the harbour authority for a berth at the \
             new quay, saying the move would leave their boats without a sheltered mooring for \
             the winter storms that regularly close the estuary to small craft.",
        );
        assert_eq!(likeness(&sketch(&next_day), &old), None);
    }

    /// A sketch of `first()` with the given kind, day, text hash and bins.
    fn variant(kind: Kind, day: Option<i32>, text: u32, mins: [u8; BINS]) -> Sketch {
        Sketch {
            kind,
            day,
            text,
            mins,
            ..sketch(&first())
        }
    }

    fn kind() -> impl Strategy<Value = Kind> {
        prop_oneof![Just(Kind::News), Just(Kind::Factbox), Just(Kind::Analysis)]
    }

    /// A bin: one of a few values, so that bins agree often, or empty.
    fn bin() -> impl Strategy<Value = u8> {
        prop_oneof![4 => 0..4u8, 1 => Just(u8::MAX)]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Ruling out from the brief never refuses what the full rule would take: the new
        /// sketch changes a few bins of the old one or many, so that copies, near copies and
        /// strangers all occur, on the same day and days apart.
        #[test]
        fn what_the_brief_rules_out_the_sketch_does_not_match(
            kinds in (kind(), kind()),
            days in (proptest::option::weighted(0.9, 0..12i32), proptest::option::weighted(0.9, 0..12i32)),
            texts in (0..3u32, 0..3u32),
            old_bins in proptest::collection::vec(bin(), BINS),
            changes in prop_oneof![
                proptest::collection::vec((0..BINS, bin()), 0..16),
                proptest::collection::vec((0..BINS, bin()), 0..160),
            ],
        ) {
            let mut old_mins = [0u8; BINS];
            old_mins.copy_from_slice(&old_bins);
            let mut new_mins = old_mins;
            for (at, value) in changes {
                new_mins[at] = value;
            }
            let old = variant(kinds.0, days.0, texts.0, old_mins);
            let new = variant(kinds.1, days.1, texts.1, new_mins);
            if ruled_out(&new, &old.brief()) {
                prop_assert_eq!(likeness(&new, &old), None);
            }
        }
    }

    #[test]
    fn strangers_days_apart_are_ruled_out_from_the_brief_and_copies_are_not() {
        let old = sketch(&first());
        let mut stranger = sketch(&first());
        for (at, bin) in stranger.mins.iter_mut().enumerate() {
            *bin = bin.wrapping_add(1 + at as u8 % 7);
        }
        stranger.text ^= 1;
        stranger.day = old.day.map(|d| d + 30);
        assert!(ruled_out(&stranger, &old.brief()));
        // Nothing else rules it out: the same day, it is compared.
        stranger.day = old.day;
        assert!(!ruled_out(&stranger, &old.brief()));
        // A copy filed again a month later is a version, and is compared.
        let mut copy = sketch(&first());
        copy.day = old.day.map(|d| d + 30);
        assert!(!ruled_out(&copy, &old.brief()));
        assert!(likeness(&copy, &old).is_some());
    }
}
