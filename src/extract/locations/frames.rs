//! Frames that say a capitalised name is a place even when the gazetteer lacks it, and pick
//! among same-named places:
//! - `the Turkish city of Istanbul`, `the Chechen capital Grozny`, `the village of Novye Atagi`;
//! - `Hakkari province`;
//! - `Lees Summit, Mo.`, `Silver Spring, Maryland`: a name before a state or province.

use super::gazetteer::Kind;
use super::{Found, Hit, Scanner, tokens, words};

/// Longest unknown place name, in words.
const MAX_UNKNOWN_WORDS: usize = 4;

/// If token `i` starts an unknown place name that a frame vouches for, record it and return
/// the index of the token after it.
pub(super) fn try_unknown(s: &Scanner, i: usize, found: &mut Found) -> Option<usize> {
    let to = name_end(s, i);
    // The frames first: they are rare, the word classes below cost more to check.
    let settlement = settlement_frame(s, i);
    let noun_after = settlement.is_none()
        && s.mode == super::Mode::Prose
        && (place_noun_after(s, to) || ends_in_place_noun(s, i, to) && s.locative_before(i));
    let region = if settlement.is_none() && !noun_after {
        region_after(s, to)
    } else {
        None
    };
    if settlement.is_none() && !noun_after && region.is_none() {
        return None;
    }
    let first = s.word(i);
    if s.tokens[i].all_caps && s.mode != super::Mode::AllCaps
        || words::is_title(first)
        || words::is_function_word(first)
        || words::is_direction(first)
        || s.g.demonym(first).is_some()
    {
        return None;
    }
    let start = s.tokens[i].start;
    let end = start + tokens::strip_possessive(&s.text[start..s.tokens[to - 1].end]).len();
    let surface = &s.text[start..end];
    if let Some(country) = settlement {
        found.add_unknown(surface, country, surface, start);
        return Some(to);
    }
    if noun_after {
        found.add_unknown(surface, None, surface, start);
        return Some(to);
    }
    let (region, region_surface) = region?;
    found.add_unknown(surface, s.g.entry(region).country, surface, start);
    let region_start = s.tokens[to].start;
    found.add_known(s.g, region, region_surface, region_start);
    let region_end = region_start + region_surface.len();
    Some(
        to + s.tokens[to..]
            .iter()
            .take_while(|t| t.start < region_end)
            .count(),
    )
}

/// Capitalised words from `i` joined by single spaces, hyphens or name particles
/// (`Novye Atagi`, `Bou Haroun`, `Sao Bernardo do Campo`).
fn name_end(s: &Scanner, i: usize) -> usize {
    let mut to = i + 1;
    while to < s.tokens.len() && to - i < MAX_UNKNOWN_WORDS {
        let gap = s.gap_before(to);
        if !(tokens::spaced(gap) || gap == "-")
            || tokens::strip_possessive(s.word(to - 1)) != s.word(to - 1)
        {
            break;
        }
        let t = s.tokens[to];
        // `Kieran Murray LAS CRUCES`: a byline and a dateline do not make one name.
        if t.all_caps != s.tokens[i].all_caps {
            break;
        }
        if t.capitalised && !words::is_function_word(s.word(to)) {
            to += 1;
        } else if matches!(
            s.word(to),
            "al" | "el" | "de" | "do" | "da" | "le" | "la" | "du" | "di"
        ) && s.tokens.get(to + 1).is_some_and(|n| n.capitalised)
        {
            to += 2;
        } else {
            break;
        }
    }
    to.min(s.tokens.len())
}

/// `the [Turkish] city of X`, `the Chechen capital X`: the country of the demonym, if any.
fn settlement_frame(s: &Scanner, i: usize) -> Option<Option<&'static str>> {
    if i < 2 {
        return None;
    }
    let mut j = i - 1;
    let mut with_of = false;
    if s.word(j) == "of" {
        with_of = true;
        j = j.checked_sub(1)?;
    }
    if !words::is_settlement_noun(s.word(j)) {
        return None;
    }
    // Up to three words back to `the`/`a`, collecting a demonym on the way.
    let mut country = None;
    let mut demonym_seen = false;
    for k in (j.saturating_sub(4)..j).rev() {
        let w = s.word(k);
        if matches!(w, "the" | "The" | "a" | "A" | "an" | "An") {
            // `the capital X` without `of` is too loose (`the capital Monday`) unless a
            // demonym qualifies it.
            return (with_of || demonym_seen).then_some(country);
        }
        if let Some(cc) = s.g.demonym(w) {
            country = Some(cc);
            demonym_seen = true;
        } else if s.tokens[k].capitalised && !words::is_direction(w) {
            return None;
        }
    }
    None
}

/// `Grace Road`, `Tiananmen Square`: a name whose last word is a capitalised place noun.
fn ends_in_place_noun(s: &Scanner, i: usize, to: usize) -> bool {
    to >= i + 2 && words::is_place_noun(s.word(to - 1))
}

/// `X province`, `X region`.
fn place_noun_after(s: &Scanner, to: usize) -> bool {
    to < s.tokens.len()
        && tokens::spaced(s.gap_before(to))
        && words::is_place_noun_lower(s.word(to))
}

/// `X, Maryland`, `X, Mo.`, `X, British Columbia`: a name before a state or province, then the
/// end of the phrase. Returns the region and its surface.
fn region_after<'t>(s: &Scanner<'t>, to: usize) -> Option<(u32, &'t str)> {
    if to >= s.tokens.len() || s.gap_before(to) != ", " || !s.tokens[to].capitalised {
        return None;
    }
    let g = s.g;
    // The candidate region is the text itself from token `to` through token `j`, gaps and all.
    let region_start = s.tokens[to].start;
    for j in to..(to + 3).min(s.tokens.len()) {
        if j > to
            && !tokens::spaced(s.gap_before(j))
            && s.gap_before(j) != "."
            && s.gap_before(j) != ". "
        {
            break;
        }
        let t = s.tokens[j];
        let key = &s.text[region_start..t.end];
        let form = s.text[t.end..]
            .starts_with('.')
            .then(|| g.form(&s.text[region_start..t.end + 1]))
            .flatten()
            .or_else(|| g.form(key));
        if let Some((surface, form)) = form {
            let e = g.entry(form.places[0]);
            if matches!(e.kind, Kind::Admin | Kind::StateAbbr) {
                let end = region_start + surface.len();
                let rest = &s.text[end..];
                if rest.is_empty() || rest.starts_with([',', '.', ';', ')', ' ', '\n']) {
                    return Some((form.places[0], &s.text[region_start..end]));
                }
            }
        }
    }
    None
}

/// Among places sharing a form, the one a frame points at: `the Turkish city of Istanbul`,
/// `Moscow, Idaho`.
pub(super) fn choose(s: &Scanner, hit: &Hit) -> Option<u32> {
    if hit.info.places.len() < 2 {
        return None;
    }
    let country = settlement_frame(s, hit.from)
        .flatten()
        .or_else(|| region_after(s, hit.to).and_then(|(region, _)| s.g.entry(region).country))?;
    hit.info
        .places
        .iter()
        .copied()
        .find(|&p| s.g.entry(p).in_country(country))
}
