//! Names in running text: runs of capitalised words, with titles stripped off the front, each
//! judged a person, an organisation, a place or not yet known from its words and its context.
//!
//! `Russia’s Deputy Foreign Minister Sergei Ryabkov` gives the place `Russia` and the titled
//! person `Sergei Ryabkov`; `the Kremlin` an organisation; a lone `Ushakov` stays unknown until
//! [`super::cluster`] links it to `Yuri Ushakov`.

use std::hash::Hasher;
use std::ops::Range;

use rustc_hash::FxHasher;

use crate::extract::text::{CAP, DOT, HYPHEN, Kind, POSSESSIVE, Token, UPPER, fold, fold_key_word};

use super::doc::Doc;
use super::lexicon::{
    self, CALENDAR, COMMON, COUNTRY, CUE, GIVEN, GIVEN_F, GIVEN_M, HONORIFIC, NOT_NAME, ORG_HEAD,
    ORG_NAME, PARTICLE, PLACE, PLACE_WORD, ROLE, STOP, SUFFIX, TITLE, TITLE_PART,
};

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Person,
    Organisation,
    Place,
    /// A capitalised word or two with no evidence either way (a bare surname, a team).
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    Male,
    Female,
    Unknown,
}

/// How sure the person reading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Evidence {
    /// Nothing but capitals.
    None,
    /// Two or more name-like capitalised words.
    Shape,
    /// A title, an honorific, a given name, an initial or a role word before it.
    Strong,
}

/// One name as it stands in the text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Mention {
    /// Tokens of the whole capitalised run, titles included.
    pub run: Range<usize>,
    /// Tokens of the name itself.
    pub name: Range<usize>,
    /// Byte range of the surface form (the name, with an honorific such as `Mr.` kept).
    pub surface: Range<usize>,
    pub class: Class,
    pub evidence: Evidence,
    pub gender: Gender,
    /// The name starts where every word is capitalised (sentence start, after a quote).
    pub initial: bool,
    /// Number of word tokens in the name.
    pub parts: usize,
}

impl Mention {
    #[cfg(test)]
    pub fn surface<'a>(&self, doc: &Doc<'a>) -> &'a str {
        doc.text.get(self.surface.clone()).unwrap_or("")
    }
}

/// What links a name to others: keys of its folded given name, surname and whole form (see
/// [`fold_key`]), without the suffixes `Jr.`, `III`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Key {
    pub given: u64,
    pub surname: u64,
    pub whole: u64,
    /// Number of name words.
    pub parts: usize,
    /// Token of the surname, to spell it out when comparing transliterations.
    pub surname_token: usize,
    /// Byte length and [`initial`] of the surname: spellings of one surname agree on the
    /// initial and differ by at most two bytes, which rules most pairs out without reading them.
    pub surname_len: usize,
    pub surname_initial: Option<char>,
    /// Token of the given name.
    pub given_token: usize,
}

/// The first letter of a word, ASCII lower-cased.
pub(super) fn initial(word: &str) -> Option<char> {
    word.chars().next().map(|c| c.to_ascii_lowercase())
}

/// The linking key of a mention.
pub(super) fn key(doc: &Doc, m: &Mention) -> Key {
    let mut buf = [0usize; MAX_RUN];
    let mut n = 0;
    for i in m.name.clone() {
        if doc.tokens[i].kind == Kind::Word && n < MAX_RUN {
            buf[n] = i;
            n += 1;
        }
    }
    while n > 1 && doc.has(buf[n - 1], SUFFIX) {
        n -= 1;
    }
    let ws = &buf[..n.max(1)];
    let (first, last) = (ws[0], ws[ws.len() - 1]);
    let given = fold_key_word(doc.word(first));
    let (surname, whole) = if ws.len() == 1 {
        (given, given)
    } else {
        let surname = fold_key_word(doc.word(last));
        (surname, whole_key(doc, ws, given, surname))
    };
    let surname_word = doc.word(last);
    Key {
        given,
        surname,
        whole,
        parts: n,
        surname_token: last,
        surname_len: surname_word.len(),
        surname_initial: initial(surname_word),
        given_token: first,
    }
}

/// The key of a name of two or more words `ws`, whose first and last words have the keys
/// `given` and `surname`: the keys of its words combined. Words hold no spaces, so this tells
/// names apart exactly as the [`fold_key`] of their words would, without folding them again.
fn whole_key(doc: &Doc, ws: &[usize], given: u64, surname: u64) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write_u64(given);
    for &i in &ws[1..ws.len() - 1] {
        hasher.write_u64(fold_key_word(doc.word(i)));
    }
    hasher.write_u64(surname);
    hasher.finish()
}

/// Runs longer than this are cut: no name has more words.
const MAX_RUN: usize = 12;

/// Find every name in the document, in text order.
pub(super) fn find(doc: &Doc) -> Vec<Mention> {
    let mut out = Vec::new();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        if doc.shouting(s) {
            continue;
        }
        let mut i = sentence.tokens.start;
        let end = sentence.tokens.end;
        while i < end {
            if !starts_run(doc, i) {
                i += 1;
                continue;
            }
            let j = extend_run(doc, i, end);
            // `Gloria La RivaImage:`: a name glued to its credit label is cut short; leave it.
            let glued = j < end && doc.glued_credit(j);
            if !glued && let Some(m) = judge(doc, i..j) {
                out.push(m);
            }
            i = j.max(i + 1);
        }
    }
    out
}

/// A capitalised word (or `al-Assad`) that is not a sentence-initial common word.
fn starts_run(doc: &Doc, i: usize) -> bool {
    name_word(doc, i) && (!doc.initial_stop(i) || opens_place(doc, i))
}

/// `New York`, `New Zealand` at the start of a sentence: the common word belongs to a place.
fn opens_place(doc: &Doc, i: usize) -> bool {
    i + 1 < doc.tokens.len()
        && name_word(doc, i + 1)
        && (lexicon::is_place([doc.word(i), doc.word(i + 1)])
            || demonym_of(doc.word(i + 1), |stem| {
                lexicon::is_place([doc.word(i), stem])
            }))
}

/// Whether `word` is a demonym (`Yorker`, `Texan`, `Brazilian`, `Canadian`) of a place that
/// `is_place` accepts given the word's stem (`York`, `Texas`, `Brazil`, `Canada`).
fn demonym_of(word: &str, is_place: impl Fn(&str) -> bool) -> bool {
    const SUFFIXES: [&str; 5] = ["ians", "ian", "ers", "er", "n"];
    let Some(first) = word.chars().next() else {
        return false;
    };
    if !first.is_uppercase() || word.len() < 5 {
        return false;
    }
    SUFFIXES.iter().any(|suffix| {
        let Some(stem) = word.strip_suffix(suffix) else {
            return false;
        };
        if stem.len() < 3 {
            return false;
        }
        is_place(stem)
            || ["a", "s", "e"]
                .iter()
                .any(|end| is_place(&format!("{stem}{end}")))
    })
}

/// The number of words at the front of `ws` that name a place or its people (`Hong Kong`,
/// `New Yorker`, `Texan`), when a name of at least two words follows them.
fn place_prefix(doc: &Doc, ws: &[usize]) -> usize {
    let word = |n: usize| doc.word(ws[n]);
    let demonym =
        |n: usize| !doc.has(ws[n], GIVEN) && demonym_of(word(n), |stem| lexicon::is_place([stem]));
    for len in [3, 2] {
        if ws.len() < len + 2 {
            continue;
        }
        let head = &ws[..len];
        let last = word(len - 1);
        if lexicon::is_place(head.iter().map(|&i| doc.word(i)))
            || demonym_of(last, |stem| {
                let mut parts: Vec<&str> = head[..len - 1].iter().map(|&i| doc.word(i)).collect();
                parts.push(stem);
                lexicon::is_place(parts)
            })
        {
            return len;
        }
    }
    usize::from(ws.len() >= 3 && demonym(0))
}

#[inline(always)]
fn name_word(doc: &Doc, i: usize) -> bool {
    let t = doc.tokens[i];
    if t.kind != Kind::Word {
        return false;
    }
    if !t.is(HYPHEN) {
        return t.is(CAP);
    }
    hyphenated_name_word(doc, t)
}

/// [`name_word`] for a word with a hyphen in it.
fn hyphenated_name_word(doc: &Doc, t: Token) -> bool {
    let w = t.text(doc.text);
    if t.is(CAP) {
        // `Obama-era`, `Trump-backed`: adjectives built on a name.
        if let Some((_, last)) = w.rsplit_once('-') {
            return !last.starts_with(|c: char| c.is_lowercase()) || w.contains("-le-");
        }
        return true;
    }
    // `al-Assad`, `el-Sisi`, `bin-Salman` (but not `pro-Israel`, `anti-Trump`).
    w.split_once('-').is_some_and(|(head, rest)| {
        matches!(
            head,
            "al" | "el"
                | "ad"
                | "as"
                | "ash"
                | "at"
                | "an"
                | "ar"
                | "az"
                | "bin"
                | "ibn"
                | "abu"
                | "ben"
                | "de"
                | "da"
                | "di"
                | "du"
                | "le"
                | "la"
                | "van"
                | "von"
        ) && rest.starts_with(char::is_uppercase)
    })
}

/// End (exclusive) of the run of name words starting at `i`.
fn extend_run(doc: &Doc, i: usize, end: usize) -> usize {
    let mut j = i;
    let end = end.min(i + MAX_RUN);
    while j < end {
        let t = doc.tokens[j];
        // `Ross Perot Image: Allan Warren.`: a credit label ends the name it captions.
        if name_word(doc, j) && !doc.credit_label(j) {
            // `Larry Fine NEW YORK`, `PCT GB Haitai`: a change between capitals and mixed
            // case splits a byline from a dateline or a table header from a name.
            if j > i && shouting_word(doc, j) != shouting_word(doc, j - 1) && !doc.has(j, SUFFIX) {
                break;
            }
            j += 1;
            if t.is(POSSESSIVE) {
                break;
            }
            // `U.S. President`, `Joseph R. Biden`, `Mr. Trump`: the period of an abbreviation
            // inside a sentence does not end the run.
            if t.is(DOT) && j + 1 < end && doc.tokens[j].is_punct('.') && name_word(doc, j + 1) {
                j += 1;
            }
            continue;
        }
        // `Ludwig van Beethoven`, `Osama bin Laden`, `Joost van der Westhuizen`.
        if j > i && lower_particle(doc, j) {
            let mut k = j + 1;
            while k < end && lower_particle(doc, k) {
                k += 1;
            }
            if k < end && doc.tokens[k].kind == Kind::Word && doc.tokens[k].is(CAP) {
                j = k;
                continue;
            }
        }
        break;
    }
    j
}

fn lower_particle(doc: &Doc, i: usize) -> bool {
    doc.has(i, PARTICLE) && !doc.tokens[i].is(CAP)
}

/// A word in capitals that is more than an initial or a period-separated abbreviation.
fn shouting_word(doc: &Doc, i: usize) -> bool {
    let t = doc.tokens[i];
    t.is(UPPER) && t.end - t.start >= 3 && !doc.word(i).contains('.')
}

/// Word tokens of a token range, in `buf`.
fn words<'b>(doc: &Doc, r: Range<usize>, buf: &'b mut [usize; MAX_RUN]) -> &'b [usize] {
    let mut n = 0;
    for i in r {
        if doc.tokens[i].kind == Kind::Word && n < MAX_RUN {
            buf[n] = i;
            n += 1;
        }
    }
    &buf[..n]
}

/// Whether the words at `ws` name a known place.
fn is_place_run(doc: &Doc, ws: &[usize]) -> bool {
    match ws {
        [one] => doc.has(*one, PLACE),
        _ => lexicon::is_place(ws.iter().map(|&i| doc.word(i))),
    }
}

fn is_initial(doc: &Doc, i: usize) -> bool {
    let t = doc.tokens[i];
    t.is(CAP) && t.is(DOT) && t.end - t.start == 1
}

fn is_acronym(doc: &Doc, i: usize) -> bool {
    let t = doc.tokens[i];
    t.is(UPPER) && !doc.has(i, SUFFIX)
}

fn is_place_word(doc: &Doc, i: usize) -> bool {
    doc.has(i, PLACE)
}

/// Common in a name's place only when standing for itself: a common word that is not an initial.
fn common(doc: &Doc, i: usize) -> bool {
    doc.has(i, STOP) && !doc.has(i, GIVEN | PARTICLE) && !is_initial(doc, i)
}

/// Decide what the run `r` names: a place or an organisation as a whole (see [`run_class`]),
/// or, once titles and qualifiers are stripped off its front ([`strip_front`]) and a weekday or
/// country off its end ([`trim_back`]), a person or something unknown.
fn judge(doc: &Doc, r: Range<usize>) -> Option<Mention> {
    let mut buf = [0; MAX_RUN];
    let ws = words(doc, r.clone(), &mut buf);
    let &first = ws.first()?;
    let make = |name: &[usize], surface_start: usize, class, evidence, gender| {
        let (&a, &b) = (name.first()?, name.last()?);
        Some(Mention {
            run: r.clone(),
            name: a..b + 1,
            surface: surface_start..doc.tokens[b].end,
            class,
            evidence,
            gender,
            initial: doc.initial_position(a),
            parts: name.len(),
        })
    };
    if let Some(class) = run_class(doc, ws) {
        return make(
            ws,
            doc.tokens[first].start,
            class,
            Evidence::None,
            Gender::Unknown,
        );
    }
    let Front {
        k,
        titled,
        honorific,
    } = strip_front(doc, r.start, ws);
    let name = trim_back(doc, &ws[k..]);
    let (&nfirst, &nlast) = (name.first()?, name.last()?);
    let surface_start = doc.tokens[honorific.unwrap_or(nfirst)].start;
    // `Governor ... Texas` may be a place after a title, `Mr. Guerrero` never is.
    if k > 0 && honorific.is_none() && is_place_run(doc, name) {
        return make(
            name,
            doc.tokens[nfirst].start,
            Class::Place,
            Evidence::None,
            Gender::Unknown,
        );
    }
    let gender = gender_of(doc, nfirst, honorific);
    let given_first = doc.has(nfirst, GIVEN) && name.len() >= 2 && !doc.tokens[nfirst].is(DOT);
    // `the Vice President`, `the Speaker`: a title alone names no one in particular.
    if holds_a_non_name(doc, name, given_first, titled)
        || (name.len() == 1 && doc.has(nfirst, TITLE | TITLE_PART | ROLE))
    {
        return None;
    }
    if doc.has(nlast, PLACE_WORD) && !titled && !given_pair(doc, name, false) {
        return None;
    }
    if name.len() == 1 && doc.has(nfirst, ORG_HEAD) && !titled {
        return make(
            name,
            doc.tokens[nfirst].start,
            Class::Organisation,
            Evidence::None,
            Gender::Unknown,
        );
    }
    let (class, evidence) = person_evidence(doc, r.clone(), name, titled, given_first);
    make(name, surface_start, class, evidence, gender)
}

/// What the whole run `ws` names when it reads as a place (`San Bernardino`), an organisation
/// (`Foreign Ministry`, `NATO`) or a foreign title (`Der Spiegel`), if it does.
fn run_class(doc: &Doc, ws: &[usize]) -> Option<Class> {
    let (&first, &last) = (ws.first()?, ws.last()?);
    // `San Bernardino`, `Los Hijos`, `Fort Worth`: place-name openers.
    let place_opener = ws.len() >= 2
        && matches!(
            doc.word(first),
            "San"
                | "Santa"
                | "Sao"
                | "São"
                | "Los"
                | "Las"
                | "Fort"
                | "Port"
                | "Lake"
                | "Mount"
                | "Saint"
        );
    if place_opener || is_place_run(doc, ws) {
        return Some(Class::Place);
    }
    // Organisations: `Foreign Ministry`, `Washington Post`, `Kremlin`, `NATO`, and
    // `Priorities USA`, `Principles PAC` (an acronym at the end).
    let org = (ws.len() >= 2 && doc.has(last, ORG_HEAD) && !given_pair(doc, ws, true))
        || (ws.len() >= 2 && is_acronym(doc, last) && !doc.has(first, GIVEN))
        || (ws.len() == 1 && doc.has(first, ORG_NAME))
        || (ws.len() == 1 && is_acronym(doc, first));
    if org {
        return Some(Class::Organisation);
    }
    // `Le Matin`, `Der Spiegel`, `El Al`: a foreign article and one word name a title or a firm.
    if ws.len() == 2
        && doc.tokens[first].is(CAP)
        && matches!(
            doc.word(first),
            "Le" | "La" | "Les" | "Der" | "Die" | "Das" | "Il" | "El"
        )
    {
        return Some(Class::Unknown);
    }
    None
}

/// Where a name starts in a run once titles and qualifiers are stripped off its front.
struct Front {
    /// The name's first word in the run's words.
    k: usize,
    /// A title was stripped (`President`, `Chancellor of the Exchequer`).
    titled: bool,
    /// The honorific right before the name (`Mr.`, `Dr`), part of its surface.
    honorific: Option<usize>,
}

/// Strip titles and qualifiers off the front of the run `ws`, which starts at token `start`:
/// everything up to the last title that has a name after it (`Judicial Watch President Tom
/// Fitton`), then qualifiers (`U.S.`, `Foreign`), places and their people (`Hong Kong Carrie
/// Lam`).
fn strip_front(doc: &Doc, start: usize, ws: &[usize]) -> Front {
    let initial = doc.initial_position(ws[0]);
    let mut k = (0..ws.len() - 1)
        .rev()
        .find(|&n| doc.has(ws[n], TITLE) && !ambiguous_title(doc, ws[n], ws[n + 1]))
        .map_or(0, |p| p + 1);
    // `Chancellor of the Exchequer Gordon Brown`, `Chief Executive of Hong Kong Carrie Lam`:
    // after `TITLE of (the)`, what comes before a given name still belongs to the title.
    if k == 0
        && let Some(g) = title_object_end(doc, start, ws)
    {
        k = g;
    }
    let mut titled = k > 0;
    let mut honorific: Option<usize> = (k > 0 && doc.has(ws[k - 1], HONORIFIC)).then(|| ws[k - 1]);
    while k + 1 < ws.len() {
        // `Hong Kong Carrie Lam`, `New Yorker Dick Morris`: a place or its people before a name.
        let place_words = place_prefix(doc, &ws[k..]);
        if place_words > 0 {
            k += place_words;
            honorific = None;
            continue;
        }
        let i = ws[k];
        let place = is_place_word(doc, i);
        let strip = (doc.has(i, TITLE) && !ambiguous_title(doc, i, ws[k + 1]))
            || doc.has(i, TITLE_PART | NOT_NAME | ORG_NAME | ROLE)
            || is_acronym(doc, i)
            || place
            || (k == 0 && initial && common_opener(doc, i));
        // A given name starts the name whatever else the word can be (`Will`, `Mark`); a
        // given name that is also a place does so before one more word (`Milan Kucan`, but
        // `Florida Marlins`, `Sofia Newsroom`).
        let given = doc.has(i, GIVEN) && !doc.has(i, TITLE | HONORIFIC);
        let keeps = given
            && if k > 0 {
                true
            } else {
                place && ws.len() == 2 && person_like_last(doc, ws[1])
            };
        // `New York City Public Advocate Trish James`, `United Nations Nikki Haley`: right after
        // a word that builds titles (`Public`; not a title itself: `Dr Meerjady Sabrina Flora`;
        // not a demonym: `Australian Hew Raymond Griffiths`), or a plural, one more unknown word
        // before a given name and a surname ends what stands before the name.
        let title_end = !strip
            && !given
            && !titled
            && k > 0
            && ((doc.has(ws[k - 1], TITLE_PART) && !doc.has(ws[k - 1], NOT_NAME))
                || plural_noun(doc.word(i)))
            && k + 2 < ws.len()
            && doc.has(ws[k + 1], GIVEN)
            && !doc.has(ws[k + 1], STOP | NOT_NAME | TITLE);
        if title_end {
            k += 1;
            honorific = None;
            continue;
        }
        if !strip || keeps {
            break;
        }
        if doc.has(i, TITLE) && !ambiguous_title(doc, i, ws[k + 1]) {
            titled = true;
        }
        honorific = if doc.has(i, HONORIFIC) { Some(i) } else { None };
        k += 1;
    }
    Front {
        k,
        titled,
        honorific,
    }
}

/// `name` without a weekday (`Jose Miguel Insulza Monday`: the day it happened) or, after a
/// full name, a country (`Mohammad Akam England`, a results line) at its end.
fn trim_back<'a>(doc: &Doc, mut name: &'a [usize]) -> &'a [usize] {
    while name.len() >= 2
        && name
            .last()
            .is_some_and(|&i| doc.has(i, CALENDAR) && weekday(doc.word(i)))
    {
        name = &name[..name.len() - 1];
    }
    // `Mohammad Akam England` (a results line): a country after a full name is not part of it.
    if name.len() >= 3
        && doc.has(name[0], GIVEN)
        && name.last().is_some_and(|&i| doc.has(i, COUNTRY))
    {
        name = &name[..name.len() - 1];
    }
    name
}

/// A calendar word or demonym is never part of a name, except last after a given name
/// (`Theresa May`) or first when it is a given name (`Jan Kroslak`); a common word only after
/// a given name or a title (`Peter Such`).
fn holds_a_non_name(doc: &Doc, name: &[usize], given_first: bool, titled: bool) -> bool {
    name.iter().enumerate().any(|(n, &i)| {
        if doc.has(i, NOT_NAME) {
            let month = doc.has(i, CALENDAR);
            let last_after_given = given_first && n + 1 == name.len() && n > 0;
            let given_itself = n == 0 && given_first;
            !(month && (last_after_given || given_itself))
        } else if common(doc, i) {
            !(given_first || titled)
        } else {
            false
        }
    })
}

/// The class and evidence of the person's name `name` found in the run `r`: strong with a
/// title, a given name, an initial or a role or age beside it; by its shape for two or more
/// capitalised words that read as no phrase, club or table header, outside forms and listings.
fn person_evidence(
    doc: &Doc,
    r: Range<usize>,
    name: &[usize],
    titled: bool,
    given_first: bool,
) -> (Class, Evidence) {
    let (nfirst, nlast) = (name[0], name[name.len() - 1]);
    let role_before = r.start > 0 && {
        let p = r.start - 1;
        doc.has(p, ROLE) && !doc.tokens[p].is(CAP)
    };
    let strong = titled
        || role_after(doc, r.end)
        || given_first
        || (name.len() >= 2 && is_initial(doc, nfirst))
        || role_before
        || age_after(doc, r.end);
    // In a form or listing (`PAYING AGENT: WesBanco Bank Fairmont`) every value is capitalised.
    let listing = doc
        .sentence_of
        .get(r.start)
        .is_some_and(|&s| doc.listing.get(s as usize) == Some(&true));
    // A given name standing alone in mid-sentence (`Willie`, `Svetlana`) names a person.
    let lone_given = name.len() == 1
        && !listing
        && doc.has(nfirst, GIVEN)
        && !doc.tokens[nfirst].is(DOT)
        && !doc.initial_position(nfirst)
        && !doc.has(nfirst, STOP | NOT_NAME | ORG_HEAD | PLACE_WORD | TITLE)
        && !is_place_word(doc, nfirst);
    // Without a given name or a title, capitalised words make a name only if they do not read
    // as a phrase of common words (`Home Health`), a club and its city (`Hansa Rostock`) or a
    // table header (`W D L`).
    let phrase = name
        .iter()
        .all(|&i| doc.has(i, COMMON) || is_initial(doc, i))
        && !is_initial(doc, nfirst);
    let club = is_place_word(doc, nlast) && !doc.has(nfirst, GIVEN);
    let header = name
        .iter()
        .all(|&i| doc.tokens[i].end - doc.tokens[i].start == 1 && !doc.tokens[i].is(DOT));
    let shape = name.len() >= 2 && !phrase && !club && !header && !listing;
    let evidence = if strong {
        Evidence::Strong
    } else if shape || lone_given {
        Evidence::Shape
    } else {
        Evidence::None
    };
    // `its Mercedes Smart range`, `their Toyota Prius`: after a possessive, capitals name a
    // thing of the owner's, not a person.
    let owned = r.start > 0
        && matches!(
            doc.word(r.start - 1),
            "its" | "their" | "our" | "my" | "your" | "his"
        );
    let class = if evidence == Evidence::None || owned {
        Class::Unknown
    } else {
        Class::Person
    };
    let evidence = if owned { Evidence::None } else { evidence };
    (class, evidence)
}

/// Titles that are also ordinary words (`Major League`, `General Motors`, `Chief Executive`):
/// titles only when abbreviated or followed by a given name or an initial.
fn ambiguous_title(doc: &Doc, title: usize, next: usize) -> bool {
    let ambiguous = matches!(
        fold(doc.word(title)).as_str(),
        "major"
            | "general"
            | "justice"
            | "chief"
            | "first"
            | "private"
            | "marshal"
            | "grand"
            | "sister"
            | "father"
            | "bishop"
            | "judge"
            | "king"
            | "queen"
            | "prince"
            | "lord"
            | "lady"
            | "speaker"
            | "leader"
            | "host"
            | "star"
            | "player"
            | "coach"
            | "captain"
    );
    ambiguous
        && !doc.tokens[title].is(DOT)
        && !doc.has(next, GIVEN | TITLE)
        && !is_initial(doc, next)
}

fn weekday(w: &str) -> bool {
    matches!(
        w,
        "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
    )
}

/// Where the name starts in a run `ws` (starting at token `start`) that follows `TITLE of` or
/// `TITLE of the`: at the first given name that has a surname after it, when no word before it
/// is a given name.
fn title_object_end(doc: &Doc, start: usize, ws: &[usize]) -> Option<usize> {
    let mut p = start.checked_sub(1)?;
    if doc.word(p) == "the" {
        p = p.checked_sub(1)?;
    }
    if doc.word(p) != "of" || p == 0 || !doc.has(p - 1, TITLE) {
        return None;
    }
    let g = ws
        .iter()
        .position(|&i| doc.has(i, GIVEN) && !doc.has(i, STOP | NOT_NAME | TITLE))?;
    // Not a word of a place (`the New York Public Library`) nor a name ending as a body does.
    let place = (0..g).any(|a| lexicon::is_place(ws[a..=g].iter().map(|&i| doc.word(i))));
    let last = ws[ws.len() - 1];
    let body = doc.has(last, ORG_HEAD | PLACE_WORD);
    (g >= 1 && g + 1 < ws.len() && !place && !body).then_some(g)
}

/// A plural common noun (`Nations`, `Affairs`), never a given name.
fn plural_noun(w: &str) -> bool {
    w.len() > 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
}

/// Whether a word after a given-name-or-place can be a surname: not a plural (`Marlins`) and
/// not a word of organisations or places (`Newsroom`, `Center`).
fn person_like_last(doc: &Doc, i: usize) -> bool {
    let w = doc.word(i);
    let plural = w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("is") && !w.ends_with("us");
    !plural && !doc.has(i, ORG_HEAD | PLACE_WORD | NOT_NAME | STOP)
}

/// A sentence-initial word that is capitalised only because it opens the sentence: a common
/// word, a verb form (`Asked`, `Continued`, `Asserting`) or an adverb (`Earlier`).
fn common_opener(doc: &Doc, i: usize) -> bool {
    if is_initial(doc, i) {
        return false;
    }
    if doc.has(i, STOP | CUE) {
        return true;
    }
    if doc.has(i, GIVEN) {
        return false;
    }
    let w = doc.word(i);
    w.len() > 4 && (w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ly"))
}

/// `John Wall`, `Anthony Hill`: a given name and one more word name a person even when that
/// word is an organisation head or a place word, unless it is one that never ends a surname
/// (`Bank`, `Street`). `org` picks the organisation heads to check, else the place words.
fn given_pair(doc: &Doc, ws: &[usize], org: bool) -> bool {
    ws.len() == 2 && doc.has(ws[0], GIVEN) && !doc.has(ws[0], STOP | NOT_NAME) && {
        let head = fold(doc.word(ws[1]));
        let never = if org {
            matches!(
                head.as_str(),
                "party"
                    | "ministry"
                    | "department"
                    | "corp"
                    | "inc"
                    | "ltd"
                    | "university"
                    | "news"
                    | "times"
                    | "post"
                    | "committee"
                    | "council"
                    | "foundation"
                    | "institute"
                    | "bank"
                    | "group"
                    | "house"
                    | "center"
                    | "centre"
                    | "newsroom"
            )
        } else {
            matches!(
                head.as_str(),
                "street"
                    | "road"
                    | "avenue"
                    | "square"
                    | "river"
                    | "lake"
                    | "island"
                    | "islands"
                    | "county"
                    | "park"
                    | "bridge"
                    | "airport"
                    | "stadium"
                    | "station"
                    | "bay"
                    | "valley"
                    | "beach"
                    | "mountain"
                    | "mountains"
                    | "province"
                    | "region"
                    | "city"
                    | "prison"
                    | "course"
                    | "day"
                    | "night"
                    | "week"
                    | "year"
                    | "cup"
            )
        };
        !never
    }
}

/// `Ushakov, the Kremlin adviser,`, `Estrada, the chairman`: an apposition naming a role.
fn role_after(doc: &Doc, end: usize) -> bool {
    if !doc.tokens.get(end).is_some_and(|t| t.is_punct(',')) {
        return false;
    }
    let det = doc.word(end + 1);
    if !matches!(det, "the" | "a" | "an" | "its" | "his" | "her" | "their") {
        return false;
    }
    (end + 2..end + 6).any(|k| {
        doc.tokens
            .get(k)
            .is_some_and(|t| t.kind == Kind::Word && !t.is(CAP))
            && doc.has(k, ROLE)
    })
}

/// `Chris Adams, 123,` or `Smith, 45,`: a number right after a name in commas is an age or a
/// score, both said of people.
fn age_after(doc: &Doc, end: usize) -> bool {
    let t = |i: usize| doc.tokens.get(i);
    matches!(t(end), Some(c) if c.is_punct(','))
        && matches!(t(end + 1), Some(n) if n.kind == Kind::Number && n.end - n.start <= 3)
        && matches!(t(end + 2), Some(c) if c.is_punct(',') || c.is_punct('.'))
}

fn gender_of(doc: &Doc, first: usize, honorific: Option<usize>) -> Gender {
    if let Some(h) = honorific {
        match fold(doc.word(h)).as_str() {
            "mr" | "mister" | "sir" | "lord" => return Gender::Male,
            "mrs" | "ms" | "miss" | "dame" | "lady" | "mme" => return Gender::Female,
            _ => {}
        }
    }
    let l = doc.lex(first);
    match (l & GIVEN_M != 0, l & GIVEN_F != 0) {
        (true, false) => Gender::Male,
        (false, true) => Gender::Female,
        _ => Gender::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, Class)> {
        let doc = Doc::new(text);
        find(&doc)
            .iter()
            .map(|m| (m.surface(&doc).to_string(), m.class))
            .collect()
    }

    #[test]
    fn titles_and_places_come_off_the_front() {
        let found = names("Russia’s Deputy Foreign Minister Sergei Ryabkov said Tuesday.");
        assert_eq!(
            found,
            [
                ("Russia".to_string(), Class::Place),
                ("Sergei Ryabkov".to_string(), Class::Person)
            ]
        );
        let found = names("He met U.S. Secretary of State Marco Rubio in Riyadh.");
        assert!(found.contains(&("Marco Rubio".to_string(), Class::Person)));
    }

    #[test]
    fn honorifics_stay_in_the_surface_form() {
        let found = names("Later, Mr. Trump spoke.");
        assert_eq!(found, [("Mr. Trump".to_string(), Class::Person)]);
    }

    #[test]
    fn organisations_by_head_word_name_or_acronym() {
        let found = names("The Washington Post and the Kremlin asked NATO.");
        assert_eq!(
            found,
            [
                ("Washington Post".to_string(), Class::Organisation),
                ("Kremlin".to_string(), Class::Organisation),
                ("NATO".to_string(), Class::Organisation)
            ]
        );
    }

    #[test]
    fn sentence_initial_common_words_are_not_names() {
        let found = names("But Officials met. The talks ended.");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_lone_surname_waits_for_linking() {
        let found = names("Later that day Ushakov confirmed it.");
        assert_eq!(found, [("Ushakov".to_string(), Class::Unknown)]);
    }

    #[test]
    fn initials_particles_and_given_names_make_people() {
        let found = names("P. Simmons and Osama bin Laden met Theresa May.");
        assert_eq!(
            found,
            [
                ("P. Simmons".to_string(), Class::Person),
                ("Osama bin Laden".to_string(), Class::Person),
                ("Theresa May".to_string(), Class::Person)
            ]
        );
    }

    #[test]
    fn headlines_in_capitals_are_skipped() {
        assert!(names("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP").is_empty());
    }
}
