//! Places named in an article, from a gazetteer compiled into the binary.
//!
//! One pass over the words of the title and body: at each capitalised word the longest
//! gazetteer form starting there is looked up (hash lookups over word n-grams, pruned by a
//! prefix set), then its context decides whether it names a place here:
//! - part of a longer proper name is not a place: `Washington Post`, `George Washington`,
//!   `Bank of England`, `Moscow State University`;
//! - after a personal title it is a person (`President Jordan`), and so are its bare mentions
//!   elsewhere in the article (`Michael Jordan ... Jordan scored`);
//! - a common word opening a sentence (`Split`, `Reading`) is not trusted;
//! - ALL-CAPS words count only in an ALL-CAPS stretch (headlines) and for well-known places,
//!   except in the dateline (see `dateline`), where the layout says they are places;
//! - frames name places the gazetteer lacks (`the Turkish city of Istanbul`, `the village of
//!   Novye Atagi`, `Lees Summit, Mo.`), see `frames`.
//!
//! `Place.name` is canonical (`United States` for `U.S.`), `Place.mentions` every surface form.

mod dateline;
mod frames;
pub(crate) mod gazetteer;
mod tokens;
mod words;

use crate::article::Place;
use crate::extract::text;
use gazetteer::{Entry, Form, Gazetteer, Kind};
use tokens::Token;

/// Longest gazetteer form, in words (`Saint Vincent and the Grenadines`).
const MAX_FORM_WORDS: usize = 7;

/// Find the places named in the title and body.
pub fn find(title: &str, body: &str) -> Vec<Place> {
    find_in(
        title,
        &tokens::tokenize(title),
        body,
        &tokens::tokenize(body),
    )
}

/// [`find`] given the tokens of the title and of the body (`text::tokenize`), which other
/// extractors share.
pub fn find_tokenized(
    title: &str,
    title_tokens: &[text::Token],
    body: &str,
    body_tokens: &[text::Token],
) -> Vec<Place> {
    find_in(
        title,
        &tokens::view(title, title_tokens),
        body,
        &tokens::view(body, body_tokens),
    )
}

fn find_in(title: &str, title_tokens: &[Token], body: &str, body_tokens: &[Token]) -> Vec<Place> {
    let g = Gazetteer::get();
    let mut found = Found::default();
    let mode = title_mode(title, title_tokens);
    let teams = team_sport(title);
    let mut headline = Scanner::new(g, title, title_tokens, mode, teams);
    headline.headline = true;
    headline.scan(0, &mut found);
    let (dateline_places, first) = dateline::find(g, body, body_tokens);
    found.part = 1;
    for p in dateline_places {
        let surface = &body[p.start..p.end];
        match p.place {
            Some(id) => found.add_known(g, id, surface, p.start),
            None => found.add_unknown(&title_case(surface), p.country, surface, p.start),
        }
    }
    Scanner::new(g, body, body_tokens, Mode::Prose, teams).scan(first, &mut found);
    found.finish()
}

/// A report on a team sport (`SOCCER - LIVERPOOL HELD AT HOME`): town names there are
/// mostly clubs (`Liverpool beat Chelsea`), places only where a locative word says so.
fn team_sport(title: &str) -> bool {
    let Some((slug, _)) = title.split_once(" - ") else {
        return false;
    };
    matches!(
        slug.trim().to_uppercase().as_str(),
        "SOCCER"
            | "FOOTBALL"
            | "CRICKET"
            | "BASEBALL"
            | "BASKETBALL"
            | "RUGBY UNION"
            | "RUGBY LEAGUE"
            | "RUGBY"
            | "ICE HOCKEY"
            | "HOCKEY"
            | "AMERICAN FOOTBALL"
            | "NFL"
            | "NBA"
            | "NHL"
    )
}

/// How a text's capitalisation can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Ordinary sentences: capitals mark names (and sentence starts).
    Prose,
    /// A headline in Title Case: every word is capitalised, capitals say little.
    TitleCase,
    /// A headline in capitals.
    AllCaps,
}

fn title_mode(text: &str, tokens: &[Token]) -> Mode {
    let words: Vec<&Token> = tokens.iter().filter(|t| !t.numeric).collect();
    if words.is_empty() {
        return Mode::Prose;
    }
    let caps = words.iter().filter(|t| t.all_caps).count();
    if caps * 2 > words.len() {
        return Mode::AllCaps;
    }
    // Short words (`in`, `of`, `for`) stay lower case in Title Case.
    let long: Vec<&&Token> = words.iter().filter(|t| t.text(text).len() > 3).collect();
    let capitalised = long.iter().filter(|t| t.capitalised).count();
    if !long.is_empty() && capitalised * 10 >= long.len() * 9 {
        Mode::TitleCase
    } else {
        Mode::Prose
    }
}

/// Mentions found so far. They are kept apart until the whole article is read, so a later
/// `Michael Jordan` can still veto an earlier bare `Jordan`.
#[derive(Default)]
struct Found {
    mentions: Vec<Mention>,
    /// Forms seen used as a person's name in this article.
    persons: Vec<&'static str>,
    /// Order of the text being scanned (title 0, body 1), then byte offset.
    part: u8,
}

struct Mention {
    at: (u8, usize),
    name: String,
    country: Option<&'static str>,
    surface: String,
    /// The gazetteer form of a bare mention, which a person of that name vetoes.
    form: Option<&'static str>,
}

impl Found {
    fn add_known(&mut self, g: &Gazetteer, id: u32, surface: &str, at: usize) {
        let e = g.entry(id);
        self.add_unknown(e.name, e.country, surface, at);
    }

    fn add_unknown(&mut self, name: &str, country: Option<&'static str>, surface: &str, at: usize) {
        self.mentions.push(Mention {
            at: (self.part, at),
            name: name.to_string(),
            country,
            surface: surface.trim().to_string(),
            form: None,
        });
    }

    /// A bare mention of a gazetteer form; one after a locative word (`in Prague`) stays a
    /// place whoever else bears the name (`Sparta Prague`).
    fn add_form(
        &mut self,
        g: &Gazetteer,
        id: u32,
        form: &'static str,
        surface: &str,
        at: usize,
        locative: bool,
    ) {
        self.add_known(g, id, surface, at);
        if let Some(m) = self.mentions.last_mut() {
            m.form = (!locative).then_some(form);
        }
    }

    /// Places in order of first mention, each with its surface forms.
    fn finish(mut self) -> Vec<Place> {
        self.mentions.sort_by_key(|m| m.at);
        let mut places: Vec<Place> = Vec::new();
        for m in self.mentions {
            if m.form.is_some_and(|f| self.persons.contains(&f)) {
                continue;
            }
            let country = m.country.map(str::to_string);
            match places
                .iter_mut()
                .find(|p| p.name == m.name && p.country == country)
            {
                Some(p) => {
                    if !p.mentions.contains(&m.surface) {
                        p.mentions.push(m.surface);
                    }
                }
                None => places.push(Place {
                    name: m.name,
                    country,
                    mentions: vec![m.surface],
                }),
            }
        }
        places
    }
}

/// A gazetteer form matched at some words.
struct Hit {
    /// Token range [from, to).
    from: usize,
    to: usize,
    /// Byte span of the surface (possessive `'s` excluded, abbreviation period included).
    start: usize,
    end: usize,
    form: &'static str,
    info: &'static Form,
}

struct Scanner<'a> {
    g: &'static Gazetteer,
    text: &'a str,
    tokens: &'a [Token],
    mode: Mode,
    /// Town names are clubs unless a locative word says otherwise (see [`team_sport`]).
    teams: bool,
    /// Scanning the title: headlines string names together without function words.
    headline: bool,
    key: String,
}

impl<'a> Scanner<'a> {
    fn new(
        g: &'static Gazetteer,
        text: &'a str,
        tokens: &'a [Token],
        mode: Mode,
        teams: bool,
    ) -> Self {
        Scanner {
            g,
            text,
            tokens,
            mode,
            teams,
            headline: false,
            key: String::with_capacity(64),
        }
    }

    fn word(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// Text between token `i - 1` and token `i`.
    #[inline]
    fn gap_before(&self, i: usize) -> &'a str {
        let before = if i == 0 { 0 } else { self.tokens[i - 1].end };
        &self.text[before..self.tokens[i].start]
    }

    /// Token `i` is in an ALL-CAPS stretch: a neighbouring word is in capitals too.
    fn caps_context(&self, i: usize) -> bool {
        if !self.tokens[i].all_caps {
            return false;
        }
        if self.mode == Mode::AllCaps {
            return true;
        }
        let neighbour = |j: Option<usize>| {
            j.and_then(|j| self.tokens.get(j))
                .is_some_and(|t| t.all_caps && !t.numeric)
        };
        neighbour(i.checked_sub(1)) || neighbour(Some(i + 1))
    }

    fn scan(&mut self, first: usize, found: &mut Found) {
        let mut i = first;
        // End of the last accepted place (token index), so `U.S. Midwest` is not read as a
        // longer name around `Midwest`.
        let mut last_place_end = usize::MAX;
        while i < self.tokens.len() {
            let t = self.tokens[i];
            if !t.capitalised {
                i += 1;
                continue;
            }
            let caps = self.caps_context(i);
            let Some(hit) = self.longest(i, caps) else {
                if let Some(next) = frames::try_unknown(self, i, found) {
                    i = next;
                } else {
                    i += 1;
                }
                continue;
            };
            let to = hit.to;
            if self.judge(&hit, caps, last_place_end == hit.from, found) {
                last_place_end = to;
                i = to;
            } else {
                // `Lees Summit, Mo.`: a longer unknown name may still be a place.
                i = frames::try_unknown(self, i, found).unwrap_or(to);
            }
        }
    }

    /// Longest form starting at token `i`.
    fn longest(&mut self, i: usize, caps: bool) -> Option<Hit> {
        let g = self.g;
        let mut best = None;
        self.key.clear();
        for j in i..(i + MAX_FORM_WORDS).min(self.tokens.len()) {
            if j > i {
                let gap = self.gap_before(j);
                if gap.len() > 3 || gap.contains(['\n', ',', '(', ')', '"', ';', ':']) {
                    break;
                }
                if gap.chars().all(char::is_whitespace) {
                    self.key.push(' ');
                } else {
                    self.key.push_str(gap);
                }
            }
            let word = self.word(j);
            let t = self.tokens[j];
            let bare = tokens::strip_possessive(word);
            let possessive = bare.len() < word.len();
            self.key.push_str(bare);
            // With the period of an abbreviation first (`U.S.`, `Calif.`), then without.
            let mut matched = None;
            if !possessive && self.text[t.end..].starts_with('.') {
                self.key.push('.');
                matched = g.lookup(&self.key, caps).0.map(|m| (m, 1));
                self.key.pop();
            }
            let (plain, prefix) = g.lookup(&self.key, caps);
            if matched.is_none() {
                matched = plain.map(|m| (m, 0));
            }
            if let Some(((form, info), period)) = matched {
                let end = t.start + bare.len() + period;
                best = Some(Hit {
                    from: i,
                    to: j + 1,
                    start: self.tokens[i].start,
                    end,
                    form,
                    info,
                });
            }
            if possessive || !prefix {
                break;
            }
        }
        best
    }

    /// Decide whether a hit names a place here; record it if so.
    fn judge(&self, hit: &Hit, caps: bool, after_place: bool, found: &mut Found) -> bool {
        let g = self.g;
        let Some(&best_id) = hit.info.places.first() else {
            return false;
        };
        let best = g.entry(best_id);
        let first = self.tokens[hit.from];
        let surface = &self.text[hit.start..hit.end];

        if best.kind == Kind::StateAbbr {
            // `Portland, Ore.`: an abbreviation only right after a capitalised name and a comma.
            let after_town = hit.from > 0
                && self.gap_before(hit.from) == ", "
                && self.tokens[hit.from - 1].capitalised;
            if after_town && !caps {
                found.add_known(g, best_id, surface, hit.start);
            }
            return after_town;
        }
        // In capitals two letters are mostly words (`US` = us), except `UK`.
        if caps
            && (!best.major()
                || hit.info.word
                || hit.info.person
                || surface.len() <= 2 && surface != "UK")
        {
            return false;
        }
        // All-caps words outside capitals text are acronyms (`US` is the form itself).
        if !caps && first.all_caps && !hit.form.chars().all(|c| !c.is_lowercase()) {
            return false;
        }
        let sentence_start = first.sentence_start || self.mode == Mode::TitleCase;
        if sentence_start && hit.info.word {
            return false;
        }
        // A town named like a common word (`Best`, `Bank`) or like something else news
        // writes about (`Olympic`, `Ajax`) needs a locative word before it.
        let minor_town = matches!(best.kind, Kind::City | Kind::Capital) && !best.major();
        if (hit.info.not_place && matches!(best.kind, Kind::City | Kind::Capital)
            || hit.info.word && minor_town)
            && !self.locative_before(hit.from)
        {
            return false;
        }

        let Some(start) = self.word_before(hit, best, caps, after_place, found) else {
            return false;
        };
        // `US$ 2,700`: a currency.
        if self.text[hit.end..].starts_with('$') {
            return false;
        }
        let Some((end, extended)) = self.word_after(hit, best, caps) else {
            return false;
        };
        if self.wants_locative(hit, best) {
            return false;
        }
        let surface = &self.text[start..end];
        if extended || start != hit.start {
            let country = best.country;
            if extended {
                found.add_unknown(surface, country, surface, start);
            } else {
                found.add_unknown(best.name, country, surface, start);
                // The inner form is a mention too (`California` in `Southern California`).
                found.add_known(g, best_id, &self.text[hit.start..hit.end], hit.start);
            }
            return true;
        }
        let id = frames::choose(self, hit).unwrap_or(best_id);
        let locative = self.locative_before(hit.from);
        found.add_form(g, id, hit.form, surface, hit.start, locative);
        true
    }

    /// Where a place mention that passed its own checks starts, after the word before it:
    /// a direction joins it (`Southern California`); a title, a person's given name or an
    /// organisation's first word makes it no place (`None`; a person's name is recorded in
    /// `found.persons`).
    fn word_before(
        &self,
        hit: &Hit,
        best: &Entry,
        caps: bool,
        after_place: bool,
        found: &mut Found,
    ) -> Option<usize> {
        let g = self.g;
        let mut start = hit.start;
        if hit.from > 0 && !after_place {
            let p = hit.from - 1;
            let prev = self.tokens[p];
            let prev_word = self.word(p);
            let gap = self.gap_before(hit.from);
            let joined = tokens::spaced(gap) || gap == ". " && prev.end - prev.start <= 3;
            if joined && prev.capitalised && !caps {
                let bare_prev = prev_word.trim_end_matches('.');
                if words::is_title(bare_prev) {
                    found.persons.push(hit.form);
                    return None;
                }
                if words::is_direction(prev_word) {
                    start = prev.start;
                } else if words::is_function_word(prev_word)
                    || g.demonym(prev_word).is_some()
                    || words::is_group_adjective(prev_word)
                    || prev.all_caps
                    || tokens::strip_possessive(prev_word).len() < prev_word.len()
                    || words::is_place_noun(prev_word)
                    || self.names_major_place(prev_word)
                {
                    // `In Moscow`, `Monday Moscow`, `Pakistani Kashmir`, `Jewish West Bank`,
                    // `BANGKOK Thailand`, `Keane's Atlanta office`, `the Golan Heights Israel
                    // captured`.
                } else if self.mode == Mode::TitleCase || self.headline && best.major() {
                    // Headlines capitalise everything or string names together
                    // (`Yeltsin endorses Lebed Chechnya peace plan`).
                } else if words::is_organisation_prefix(prev_word) {
                    // `Air France`, `Radio Moscow`: an organisation, not a person.
                    return None;
                } else {
                    // `George Washington`: a name ending in the place is a person's.
                    if !self.next_is_name(hit) && !self.headline {
                        found.persons.push(hit.form);
                    }
                    return None;
                }
            }
            // `pro-Israel`, `anti-American`: part of a word.
            if gap == "-" && !prev.capitalised {
                return None;
            }
            // `Stirling v Dundee`: teams.
            if matches!(prev_word, "v" | "vs") && !matches!(best.kind, Kind::Country) {
                return None;
            }
            if prev_word == "of" && tokens::spaced(gap) && p > 0 {
                let head = self.word(p - 1);
                if self.tokens[p - 1].capitalised && words::is_organisation_head(head) {
                    return None;
                }
            }
        }
        Some(start)
    }

    /// Where a place mention ends, after the word after it, and whether that word joined it
    /// (`Gaza Strip`); `None` when the word makes it something else (`Washington Post`,
    /// `Leeds 2`, `London-based`).
    fn word_after(&self, hit: &Hit, best: &Entry, caps: bool) -> Option<(usize, bool)> {
        let mut end = hit.end;
        let mut extended = false;
        if let Some(next) = self.tokens.get(hit.to) {
            let gap = &self.text[hit.end.min(next.start)..next.start];
            let next_word = self.word(hit.to);
            if tokens::spaced(gap) && next.capitalised && !caps && self.mode != Mode::TitleCase {
                if words::is_place_noun(next_word) {
                    end = next.end;
                    extended = true;
                } else if words::is_role_word(next_word)
                    || words::is_calendar_word(next_word)
                    || next.all_caps
                    || best.major() && self.names_major_place(tokens::strip_possessive(next_word))
                {
                    // `U.S. President`, `Moscow Mayor`, `Paris CAC-40`.
                } else if best.kind == Kind::Country {
                    // `U.S. Senate` keeps the country, `Japan Airlines` does not.
                    if words::is_organisation_tail(next_word) {
                        return None;
                    }
                } else {
                    // `Washington Post`, `Moscow State University`, `Jordan Henderson`.
                    return None;
                }
            }
            // `Organisation for Security and Cooperation in Europe (OSCE)`.
            if self.text[hit.end..].starts_with(" (") && self.inside_acronymed_name(hit) {
                return None;
            }
            // `Leeds 2 Chelsea 1`, `Kent 128-1`: a town before a score is a team; not before
            // a larger number (`Hamburg 5,321 up 3.1 pct`).
            let after_number = &self.text[next.end..];
            let larger = (after_number.starts_with(',') || after_number.starts_with('.'))
                && after_number[1..].starts_with(|c: char| c.is_ascii_digit());
            if next.numeric
                && tokens::spaced(gap)
                && !matches!(best.kind, Kind::Country | Kind::Continent)
                && next_word.len() <= 3
                && !larger
            {
                return None;
            }
            if matches!(next_word, "v" | "vs") && !matches!(best.kind, Kind::Country) {
                return None;
            }
            // `London-based`, `U.S.-led`: an adjective, not a mention of the place.
            if gap == "-" && !next.capitalised {
                return None;
            }
        }
        Some((end, extended))
    }

    /// Whether the place needs a locative word before it and has none: venues, towns in sports
    /// text, and minor places named like people.
    fn wants_locative(&self, hit: &Hit, best: &Entry) -> bool {
        // Venues (`Kremlin`, `Lord's`) need a locative word before them: `the Kremlin said`
        // is the government speaking.
        if best.kind == Kind::Venue && !self.locative_before(hit.from) {
            return true;
        }
        if self.teams
            && matches!(best.kind, Kind::City | Kind::Capital | Kind::Admin)
            && !self.locative_before(hit.from)
        {
            return true;
        }
        // A name news text often gives to people needs a locative word.
        if hit.info.person && !best.major() && !self.locative_before(hit.from) {
            return true;
        }
        false
    }

    /// The word alone names a well-known place (`Israel` after `the Golan Heights`).
    fn names_major_place(&self, word: &str) -> bool {
        self.g
            .form(word)
            .and_then(|(_, f)| f.places.first())
            .is_some_and(|&id| {
                let e = self.g.entry(id);
                e.major() && e.kind != Kind::City
            })
    }

    /// The hit is followed by another capitalised name word (`Jordan Henderson`).
    fn next_is_name(&self, hit: &Hit) -> bool {
        self.tokens.get(hit.to).is_some_and(|n| {
            n.capitalised && tokens::spaced(&self.text[hit.end.min(n.start)..n.start])
        })
    }

    /// The hit ends a long capitalised name joined by `of`/`for`/`in`/`and` that an acronym in
    /// brackets follows: the name is an organisation's.
    fn inside_acronymed_name(&self, hit: &Hit) -> bool {
        let after = &self.text[hit.end + 2..];
        let acronym = after.split(')').next().unwrap_or("");
        let is_acronym = acronym.len() >= 2
            && acronym.len() <= 10
            && acronym
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '-' || c == '&');
        if !is_acronym || hit.from < 2 {
            return false;
        }
        let connector = self.word(hit.from - 1);
        matches!(connector, "of" | "for" | "in" | "and" | "on")
            && self.tokens[hit.from - 2].capitalised
    }

    /// A locative word (`in`, `at`, `near`) before token `i`, possibly with `the` or a
    /// possessive between (`at Beijing's Tiananmen Square`).
    fn locative_before(&self, i: usize) -> bool {
        let mut j = i;
        for _ in 0..3 {
            if j == 0 {
                return false;
            }
            j -= 1;
            let w = self.word(j);
            if is_locative_any_case(w) {
                // `according to the Kremlin` cites a source.
                return !(w == "to" && j > 0 && self.word(j - 1).eq_ignore_ascii_case("according"));
            }
            if w != "the" && w != "The" && tokens::strip_possessive(w).len() == w.len() {
                return false;
            }
        }
        false
    }
}

/// [`words::is_locative`] of the word or of its lower case (`In`, `NEAR`). ASCII words, nearly
/// all, are lowered in a buffer on the stack: this runs for several words around most hits.
fn is_locative_any_case(word: &str) -> bool {
    /// Longer than any locative word.
    const MAX_LEN: usize = 16;
    if words::is_locative(word) {
        return true;
    }
    if !word.is_ascii() {
        return words::is_locative(&word.to_lowercase());
    }
    if word.len() > MAX_LEN || !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let mut buffer = [0u8; MAX_LEN];
    let lower = &mut buffer[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(words::is_locative)
}

/// `LOST PINES` -> `Lost Pines`.
fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word_start = true;
    for c in text.chars() {
        if c.is_alphabetic() {
            if word_start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            word_start = false;
        } else {
            out.push(c);
            word_start = c != '\'' && c != '\u{2019}';
        }
    }
    out
}

impl Entry {
    /// For frames: a place of this country, if the form names one.
    fn in_country(&self, country: &str) -> bool {
        self.country == Some(country)
    }
}

#[cfg(test)]
mod tests;
