//! Datelines: the place an article was filed from, at the very start of its body, in capitals
//! (`ANCHORAGE, Alaska (Reuters) -`, `MOSCOW, Feb. 27 -`, `NEW YORK/LONDON (Reuters) -`,
//! `LONDON 1996-08-30`).
//!
//! Only here are ALL-CAPS words read as place names without further evidence: the layout itself
//! says they are one. A dateline city the gazetteer lacks is still reported, title-cased.

use super::gazetteer::Gazetteer;
use super::tokens::Token;
use super::words;

/// A place named in a dateline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DatelinePlace {
    /// Byte span of the surface form in the body.
    pub start: usize,
    pub end: usize,
    /// Gazetteer place, when known.
    pub place: Option<u32>,
    /// Country code for an unknown place, from the region after it (`, Alaska` -> US).
    pub country: Option<&'static str>,
}

/// The places of the dateline at the start of `body`, and the index of the first token after it.
pub(super) fn find(g: &Gazetteer, body: &str, tokens: &[Token]) -> (Vec<DatelinePlace>, usize) {
    let found = find_at(g, body, tokens, 0);
    if !found.0.is_empty() {
        return found;
    }
    // A byline may come first: `Adrian Warner BRUSSELS 1996-08-23`.
    let byline = tokens
        .iter()
        .take(4)
        .take_while(|t| t.capitalised && !t.all_caps && !t.numeric)
        .count();
    if (2..=3).contains(&byline) {
        return find_at(g, body, tokens, byline);
    }
    found
}

/// The dateline that starts at token `first`: city segments in capitals, an optional region,
/// then a date or a dash; its places and the token where the text goes on.
fn find_at(
    g: &Gazetteer,
    body: &str,
    tokens: &[Token],
    first: usize,
) -> (Vec<DatelinePlace>, usize) {
    let Some((segments, i)) = city_segments(body, tokens, first) else {
        return (Vec::new(), 0);
    };
    let Some((region, i)) = region_after(body, tokens, i) else {
        return (Vec::new(), 0);
    };
    let bare = region.is_none() && stands_alone(g, body, tokens, &segments, i);
    if !bare && !terminated(body, tokens, i) {
        return (Vec::new(), 0);
    }
    (places(g, body, tokens, &segments, region), i)
}

/// City segments in capitals from token `i`, separated by `/` (`JERUSALEM/GAZA`): their token
/// ranges and the token after them, or nothing if no word in capitals starts there.
fn city_segments(
    body: &str,
    tokens: &[Token],
    mut i: usize,
) -> Option<(Vec<(usize, usize)>, usize)> {
    let mut segments: Vec<(usize, usize)> = Vec::new(); // token ranges [from, to)
    loop {
        let from = i;
        while i < tokens.len() && i - from < 6 && is_caps_word(&tokens[i], body) {
            if i > from && !name_gap(gap(body, tokens, i)) {
                break;
            }
            i += 1;
        }
        if i == from {
            return None;
        }
        segments.push((from, i));
        if i < tokens.len() && gap(body, tokens, i).trim() == "/" {
            continue;
        }
        return Some((segments, i));
    }
}

/// The region after the cities at token `i` (`, Alaska`, `, British Columbia`, `, Calif.`: a
/// short capitalised run after a comma), if any, and the token after it; nothing if a comma
/// is followed by no capitalised word (and no date).
fn region_after(
    body: &str,
    tokens: &[Token],
    mut i: usize,
) -> Option<(Option<(usize, usize)>, usize)> {
    if i >= tokens.len() || gap(body, tokens, i).trim() != "," || starts_date(body, &tokens[i]) {
        return Some((None, i));
    }
    let from = i;
    while i < tokens.len() && i - from < 4 && tokens[i].capitalised {
        if i > from && !name_gap(gap(body, tokens, i)) {
            break;
        }
        i += 1;
    }
    (i > from).then_some((Some((from, i)), i))
}

/// Whether one city segment ending before token `i` is a dateline without its date
/// (`BANGKOK Thailand has launched...`, the line break lost): a well-known place in capitals,
/// then ordinary capitalised text.
fn stands_alone(
    g: &Gazetteer,
    body: &str,
    tokens: &[Token],
    segments: &[(usize, usize)],
    i: usize,
) -> bool {
    segments.len() == 1
        && tokens.get(i).is_some_and(|t| t.capitalised && !t.all_caps)
        && gap(body, tokens, i).trim().is_empty()
        && {
            let (start, end) = span(body, tokens, segments[0].0, segments[0].1);
            g.caps_form(&normalise(&body[start..end]))
                .is_some_and(|(_, form)| form.places.first().is_some_and(|&p| g.entry(p).major()))
        }
}

/// The places of a dateline: its cities in order, placed in the region's country where they
/// can be, then the region.
fn places(
    g: &Gazetteer,
    body: &str,
    tokens: &[Token],
    segments: &[(usize, usize)],
    region: Option<(usize, usize)>,
) -> Vec<DatelinePlace> {
    let mut places = Vec::new();
    let mut region_country = None;
    if let Some((from, to)) = region {
        let (start, end) = span(body, tokens, from, to);
        if let Some((_, form)) = g
            .form(&body[start..end])
            .or_else(|| g.caps_form(&body[start..end].to_uppercase()))
        {
            let id = form.places[0];
            region_country = g.entry(id).country;
            places.push(DatelinePlace {
                start,
                end,
                place: Some(id),
                country: None,
            });
        }
    }
    for &(from, to) in segments {
        let (start, end) = span(body, tokens, from, to);
        let key = normalise(&body[start..end]);
        let place = g.caps_form(&key).map(|(_, form)| {
            form.places
                .iter()
                .copied()
                .find(|&p| region_country.is_some() && g.entry(p).country == region_country)
                .unwrap_or(form.places[0])
        });
        places.insert(
            places.len().saturating_sub(usize::from(region.is_some())),
            DatelinePlace {
                start,
                end,
                place,
                country: region_country,
            },
        );
    }
    places
}

fn gap<'a>(body: &'a str, tokens: &[Token], i: usize) -> &'a str {
    let before = if i == 0 { 0 } else { tokens[i - 1].end };
    &body[before..tokens[i].start]
}

fn span(body: &str, tokens: &[Token], from: usize, to: usize) -> (usize, usize) {
    let start = tokens[from].start;
    let mut end = tokens[to - 1].end;
    // Keep the period of an abbreviation (`Calif.`, `D.C.`).
    if body[end..].starts_with('.') && tokens[to - 1].end - tokens[to - 1].start <= 5 {
        end += 1;
    }
    (start, end)
}

/// A word of an ALL-CAPS place name (`NEW`, `ST`, `AL-KHOBAR`'s parts, `DO` in `SAO
/// BERNARDO DO CAMPO`).
fn is_caps_word(t: &Token, body: &str) -> bool {
    let word = t.text(body);
    !t.numeric && word.chars().all(|c| !c.is_lowercase()) && word.chars().any(char::is_alphabetic)
}

/// Spacing inside a place name: one space, a hyphen, an abbreviation's period.
fn name_gap(gap: &str) -> bool {
    matches!(gap, " " | "-" | ". " | "." | "'" | "\u{2019}")
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `Feb. 27`, `March 3`: a date after the comma instead of a region.
fn starts_date(body: &str, t: &Token) -> bool {
    words::is_calendar_word(t.text(body))
}

/// What may follow a dateline: `(Reuters) -`, ` - `, `, Feb. 27 -`, a numeric date.
fn terminated(body: &str, tokens: &[Token], i: usize) -> bool {
    let rest_start = if i == 0 { 0 } else { tokens[i - 1].end };
    let rest = body[rest_start..].trim_start_matches([' ', '.', '\t']);
    if let Some(inside) = rest.strip_prefix('(') {
        // (Reuters), (AP), (AFP): a capitalised agency name in brackets.
        return inside.split_once(')').is_some_and(|(agency, _)| {
            agency.len() <= 30 && agency.chars().next().is_some_and(char::is_uppercase)
        });
    }
    if rest.starts_with(['-', '\u{2014}', '\u{2013}']) {
        return true;
    }
    let Some(next) = tokens.get(i) else {
        return false;
    };
    let gap = gap(body, tokens, i);
    // `LONDON 1996-08-30`
    if next.numeric && gap.trim().is_empty() {
        return true;
    }
    // `MOSCOW, Feb. 27 -`
    if gap.trim() == "," && words::is_calendar_word(next.text(body)) {
        return tokens.get(i + 1).is_some_and(|t| t.numeric);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn names(body: &str) -> Vec<(String, Option<&'static str>)> {
        let g = Gazetteer::get();
        let tokens = tokenize(body);
        let (places, _) = find(g, body, &tokens);
        places
            .iter()
            .map(|p| {
                let name = p.place.map_or(body[p.start..p.end].to_string(), |id| {
                    g.entry(id).name.to_string()
                });
                (
                    name,
                    p.place.and_then(|id| g.entry(id).country).or(p.country),
                )
            })
            .collect()
    }

    #[test]
    fn reuters_dateline_with_region() {
        assert_eq!(
            names("ANCHORAGE, Alaska (Reuters) - Oil flowed."),
            [
                ("Anchorage".to_string(), Some("US")),
                ("Alaska".to_string(), Some("US"))
            ]
        );
    }

    #[test]
    fn dateline_with_date_and_several_cities() {
        assert_eq!(
            names("MOSCOW, Feb. 27 - Talks began."),
            [("Moscow".to_string(), Some("RU"))]
        );
        let both = names("NEW YORK/LONDON (Reuters) - Stocks fell.");
        assert_eq!(both.len(), 2);
        assert_eq!(both[1], ("London".to_string(), Some("GB")));
        assert_eq!(
            names("LONDON 1996-08-30 West Indian all-rounder"),
            [("London".to_string(), Some("GB"))]
        );
    }

    #[test]
    fn unknown_dateline_city_is_kept() {
        assert_eq!(
            names("LOST PINES, Texas (Reuters) - A fire."),
            [
                ("LOST PINES".to_string(), Some("US")),
                ("Texas".to_string(), Some("US"))
            ]
        );
    }

    #[test]
    fn dateline_without_its_date() {
        assert_eq!(
            names("BANGKOK Thailand has launched a manhunt."),
            [("Bangkok".to_string(), Some("TH"))]
        );
        assert!(names("NATO Secretary General spoke.").is_empty());
    }

    #[test]
    fn no_dateline_in_ordinary_text() {
        assert!(names("NATO said on Monday it would act.").is_empty());
        assert!(names("The U.S. - the world's largest economy").is_empty());
        assert!(names("US stocks fell.").is_empty());
    }
}
