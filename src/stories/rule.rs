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

use super::sketch::Sketch;

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
    let days = new.days_apart(old).unwrap_or(0);
    let same_text = new.text != 0 && new.text == old.text;
    // Instalments of another day, and anything days apart, are versions only as copies stored
    // again (most candidates are such: the check stops at the first bins that rule it out).
    if days > MAX_DAYS || (new.kind.has_instalments() && days > 0) {
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

#[cfg(test)]
mod tests {
    use super::*;
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
}
