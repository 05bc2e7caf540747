//! Attribution: who a reporting verb gives a statement to.
//!
//! The patterns of news prose, each anchored on a cue word and read within its sentence:
//! `X said`, `X, the Kremlin adviser, said`, `X has also said`, `X was quoted as saying`,
//! `“...,” said X`, `according to X`, `X: “...”`, and `he said` / `she told` resolved to the
//! last person of that gender named before. Organisations that speak (`the Kremlin said`,
//! `the ministry said`) are attributed like people and told apart by their entity class.

use std::ops::Range;

use crate::extract::text::{CAP, Kind, POSSESSIVE, Token};

use super::cluster::Entities;
use super::doc::Doc;
use super::lexicon::{
    self, AUX, BE, CALENDAR, CUE, CUE_INVERTS, HE, NOT_NAME, ORG_NOUN, PREP, ROLE, SHE, STOP,
    TITLE, TITLE_PART,
};
use super::names::{Class, Gender, Mention};

/// One attributed statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Attribution {
    /// Entity index of the speaker.
    pub speaker: usize,
    pub sentence: usize,
    /// The speaker was named here, not reached through a pronoun.
    pub named: bool,
    /// Token of the cue word (`said`, `according`, the colon of `X: “...”`).
    pub cue: usize,
}

/// What stands in the subject position of a cue.
enum Subject {
    Mention(usize),
    Pronoun(Gender, usize),
    OrgNoun(usize),
}

/// Mentions indexed by the token they start and end at.
struct Index {
    starting: Vec<u32>,
    ending: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl Index {
    fn new(tokens: usize, mentions: &[Mention]) -> Self {
        let mut starting = vec![NONE; tokens];
        let mut ending = vec![NONE; tokens];
        for (n, m) in mentions.iter().enumerate() {
            starting[m.run.start] = n as u32;
            ending[m.run.end - 1] = n as u32;
        }
        Index { starting, ending }
    }

    fn ending_at(&self, i: usize) -> Option<usize> {
        self.ending
            .get(i)
            .filter(|&&n| n != NONE)
            .map(|&n| n as usize)
    }

    fn starting_at(&self, i: usize) -> Option<usize> {
        self.starting
            .get(i)
            .filter(|&&n| n != NONE)
            .map(|&n| n as usize)
    }
}

/// Find every attribution in the document.
pub(super) fn find(doc: &Doc, mentions: &[Mention], entities: &mut Entities) -> Vec<Attribution> {
    let index = Index::new(doc.tokens.len(), mentions);
    let mut out = Vec::new();
    let mut quoted = Quoted::new(&doc.quotations);
    let may_be_cue = lexicon::cue_filter();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        if doc.caption[s] {
            continue;
        }
        let range = sentence.tokens.clone();
        for i in range.clone() {
            let Some(rule) = rule_at(doc, &index, mentions, may_be_cue, i, range.start) else {
                continue;
            };
            // A cue inside a quotation is the quoted speaker's claim about someone else
            // (`“Paul Ryan says something that's nonsense”`), not an attribution of the article.
            if quoted.holds(&doc.tokens[i]) {
                continue;
            }
            match rule {
                Rule::Inverted => {
                    // `Said Dorothy Poynter, who grew up with Ali, “We were all so proud.”`
                    if let Some(subject) = subject_after(doc, &index, mentions, i + 1, range.end) {
                        push(doc, mentions, entities, &mut out, subject, s, i);
                    }
                }
                Rule::Verb => {
                    let subjects = cue_subjects(doc, &index, mentions, i, range.start, range.end);
                    for subject in subjects {
                        push(doc, mentions, entities, &mut out, subject, s, i);
                    }
                }
                Rule::AccordingTo => {
                    if let Some(subject) = subject_after(doc, &index, mentions, i + 2, range.end) {
                        push(doc, mentions, entities, &mut out, subject, s, i);
                    }
                }
                Rule::Colon(m) => {
                    // `X wrote on Twitter: “...”`: a name after a preposition is where the words
                    // were put, not who put them there; the speaker is the sentence's subject.
                    let subject = if after_preposition(doc, mentions[m].run.start, range.start) {
                        carrier_subject(doc, mentions, range.start, mentions[m].run.start)
                    } else {
                        Some(Subject::Mention(m))
                    };
                    if let Some(subject) = subject {
                        push(doc, mentions, entities, &mut out, subject, s, i);
                    }
                }
            }
        }
    }
    out
}

/// The pattern a token may anchor, by the first of the rules that fits.
enum Rule {
    /// A capitalised cue opening a sentence (`Said Dorothy Poynter, ...`).
    Inverted,
    /// A lower-case cue verb (`said`, `told`).
    Verb,
    /// `according to`.
    AccordingTo,
    /// A colon after the speaker (mention `m`) and before their words.
    Colon(usize),
}

/// The rule token `i` of the sentence starting at token `start` anchors, if any. Only words and
/// colons carry attributions; most words are ruled out by their flags and classes alone.
#[inline]
fn rule_at(
    doc: &Doc,
    index: &Index,
    mentions: &[Mention],
    may_be_cue: impl Fn(&[u8]) -> bool,
    i: usize,
    start: usize,
) -> Option<Rule> {
    let t = doc.tokens[i];
    if t.kind == Kind::Word {
        if t.is(CAP) {
            if doc.has(i, CUE_INVERTS) && doc.initial_position(i) {
                return Some(Rule::Inverted);
            }
        } else if may_be_cue(&doc.text.as_bytes()[t.start..t.end]) && doc.has(i, CUE) {
            return Some(Rule::Verb);
        }
        return is_according_to(doc, i).then_some(Rule::AccordingTo);
    }
    if !t.is_punct(':') {
        return None;
    }
    let quotation_follows = doc
        .tokens
        .get(i + 1)
        .is_some_and(|n| n.kind == Kind::OpenQuote);
    if quotation_follows
        && i >= start + 2
        && doc.tokens[i - 1].kind == Kind::Word
        && !doc.tokens[i - 1].is(CAP)
        && let Some(m) = index.ending_at(i - 2)
        && mentions[m].class == Class::Person
        && !doc.tokens[i - 2].is(POSSESSIVE)
    {
        // `Kasich resisted: “...”`: a name, one verb, then the quotation.
        return Some(Rule::Colon(m));
    }
    if let Some(m) = i.checked_sub(1).and_then(|p| index.ending_at(p))
        && mentions[m].class != Class::Place
        && !doc.tokens[i - 1].is(POSSESSIVE)
        && (quotation_follows
            || (mentions[m].class == Class::Person && opens_paragraph(doc, mentions[m].run.start)))
    {
        return Some(Rule::Colon(m));
    }
    None
}

fn push(
    doc: &Doc,
    mentions: &[Mention],
    entities: &mut Entities,
    out: &mut Vec<Attribution>,
    subject: Subject,
    sentence: usize,
    cue: usize,
) {
    let (speaker, named) = match subject {
        Subject::Mention(m) => match entities.of_mention.get(m).copied().flatten() {
            Some(e) => (e, true),
            None => return,
        },
        Subject::Pronoun(gender, at) => {
            match resolve_pronoun(doc, mentions, entities, gender, at) {
                Some(e) => (e, false),
                None => return,
            }
        }
        Subject::OrgNoun(i) => {
            let spoken = sole_organisation(entities, out);
            (entities.organisation_for_noun(doc, i, spoken), true)
        }
    };
    let a = Attribution {
        speaker,
        sentence,
        named,
        cue,
    };
    if !out
        .iter()
        .any(|b| b.speaker == speaker && b.sentence == sentence)
    {
        out.push(a);
    }
}

/// The named organisation that all the organisations speaking so far are, if any.
fn sole_organisation(entities: &Entities, out: &[Attribution]) -> Option<usize> {
    let mut orgs = out.iter().map(|a| a.speaker).filter(|&e| {
        let entity = &entities.list[e];
        entity.class == Class::Organisation && !entity.unnamed
    });
    let first = orgs.next()?;
    orgs.all(|e| e == first).then_some(first)
}

/// Whether tokens stand inside a quotation, asked in text order: a cursor over the quotations.
struct Quoted<'q> {
    spans: &'q [Range<usize>],
    /// The first quotation that does not end before the last token asked about.
    next: usize,
}

impl<'q> Quoted<'q> {
    fn new(spans: &'q [Range<usize>]) -> Self {
        Quoted { spans, next: 0 }
    }

    /// Whether `t`, which is not before any token asked about so far, stands inside a
    /// quotation.
    fn holds(&mut self, t: &Token) -> bool {
        while self.next < self.spans.len() && self.spans[self.next].end <= t.start {
            self.next += 1;
        }
        self.spans
            .get(self.next)
            .is_some_and(|q| q.start < t.start && t.end < q.end)
    }
}

/// Whether the name starting at token `at` is the object of a lower-case preposition (`on
/// Twitter`, `via Facebook`, `to the Kremlin`), in the sentence starting at `start`.
fn after_preposition(doc: &Doc, at: usize, start: usize) -> bool {
    // Past an article or a possessive: `on his Facebook`, `in a Telegram`.
    let mut p = at;
    while p > start
        && matches!(
            doc.word(p - 1),
            "the" | "a" | "an" | "his" | "her" | "its" | "their"
        )
    {
        p -= 1;
    }
    p > start && {
        let t = doc.tokens[p - 1];
        t.kind == Kind::Word && !t.is(CAP) && doc.has(p - 1, PREP)
    }
}

/// The subject of a sentence whose statement came through a channel named before `before`:
/// the first person named as a subject (not after a preposition, not a possessive), or a
/// pronoun opening the sentence.
fn carrier_subject(
    doc: &Doc,
    mentions: &[Mention],
    start: usize,
    before: usize,
) -> Option<Subject> {
    let w = doc.word(start);
    if w == "He" && doc.has(start, HE) {
        return Some(Subject::Pronoun(Gender::Male, start));
    }
    if w == "She" && doc.has(start, SHE) {
        return Some(Subject::Pronoun(Gender::Female, start));
    }
    let first = mentions.partition_point(|m| m.run.start < start);
    mentions[first..]
        .iter()
        .enumerate()
        .take_while(|(_, m)| m.run.end <= before)
        .filter(|(_, m)| matches!(m.class, Class::Person | Class::Unknown))
        .filter(|(_, m)| !doc.tokens[m.run.end - 1].is(POSSESSIVE))
        .find(|(_, m)| !after_preposition(doc, m.run.start, start))
        .map(|(n, _)| Subject::Mention(first + n))
}

/// Whether token `i` is the first of a paragraph (`Alex Seitz-Wald: She is right ...`).
fn opens_paragraph(doc: &Doc, i: usize) -> bool {
    i == 0 || doc.tokens[i - 1].kind == Kind::Break
}

fn is_according_to(doc: &Doc, i: usize) -> bool {
    let t = doc.tokens[i];
    t.end - t.start == "according".len()
        && doc.word(i).eq_ignore_ascii_case("according")
        && doc.word(i + 1) == "to"
}

/// Subjects of the cue at `cue`: before it (`X said`), or after it when it follows a quote or
/// a comma (`“...,” said X`).
fn cue_subjects(
    doc: &Doc,
    index: &Index,
    mentions: &[Mention],
    cue: usize,
    start: usize,
    end: usize,
) -> Vec<Subject> {
    if noun_use(doc, index, mentions, cue, start) {
        return reporting_body(doc, index, mentions, cue, start)
            .into_iter()
            .collect();
    }
    let word = doc.word(cue);
    let progressive = word.ends_with("ing");
    let mut k = cue;
    if progressive {
        match progressive_cue(doc, index, mentions, cue, start) {
            Ok(from) => k = from,
            Err(subjects) => return subjects,
        }
    }
    // Walk back over auxiliaries and adverbs: `has also said`, `was quoted as saying`.
    let Before {
        start: k,
        be: saw_be,
        negated,
    } = before_cue(doc, start, k);
    // `is said to`, `was criticised by`: passive, the subject did not speak.
    let passive = saw_be && !progressive && word != "quoted";
    // `did not respond`, `has never said`: no statement was made; `continued to edit`: an
    // action went on.
    let goes_on =
        word.starts_with("continu") && doc.word(cue + 1) == "to" && !doc.has(cue + 2, CUE);
    if passive || negated || goes_on || !call_attributes(doc, cue) {
        return Vec::new();
    }
    if k > start
        && let Some(subject) = subject_before(doc, index, mentions, k - 1, start)
    {
        return subject;
    }
    // `asked by Starnes`: the asker speaks.
    if word == "asked" && doc.word(cue + 1) == "by" {
        return subject_after(doc, index, mentions, cue + 2, end)
            .into_iter()
            .collect();
    }
    // `Emineth became a delegate and said ...`: the verb shares the sentence's subject.
    if k > start && matches!(doc.word(k - 1), "and" | "but") {
        return sentence_subject(doc, index, mentions, start, k - 1)
            .into_iter()
            .collect();
    }
    // Inversion after a quote or a comma: `“...,” said Ushakov`, `..., added the ministry`.
    let inverts = doc.has(cue, CUE_INVERTS)
        && k == cue
        && cue > start
        && matches!(
            doc.tokens[cue - 1].kind,
            Kind::CloseQuote | Kind::Punct(',' | '—')
        );
    if inverts && let Some(subject) = subject_after(doc, index, mentions, cue + 1, end) {
        return vec![subject];
    }
    Vec::new()
}

/// Where to read back from before a cue in `-ing`: before `quoted as` (`was quoted as
/// saying`) or at the cue after a form of *be* (`is saying`). `Err` holds the subjects when
/// there is no reading back: those of the sentence for a clause after a comma (`..., saying`),
/// else none.
fn progressive_cue(
    doc: &Doc,
    index: &Index,
    mentions: &[Mention],
    cue: usize,
    start: usize,
) -> Result<usize, Vec<Subject>> {
    let k = cue;
    // Only `is saying`, `was quoted as saying`.
    if k > start && doc.word(k - 1) == "as" && k >= start + 2 && doc.word(k - 2) == "quoted" {
        return Ok(k - 2);
    }
    if k > start + 1 && doc.tokens[k - 1].is_punct(',') {
        // `Trump ratcheted up his attacks, saying ...`: the clause shares the sentence's
        // subject. Not after a quotation, which has its speaker already (`“...,” Axelrod
        // said, calling ...`), not right after the name (`Rose, reporting for ...`, a
        // description), and not `adding to` (a sum).
        let quoted = doc.tokens[start..k].iter().any(|t| t.is_quote());
        let described = index.ending_at(k - 2).is_some();
        let word = doc.word(cue);
        if quoted || described || !speech_participle(word) || doc.word(cue + 1) == "to" {
            return Err(Vec::new());
        }
        return Err(sentence_subject(doc, index, mentions, start, k - 1)
            .into_iter()
            .collect());
    }
    if !(k > start && doc.has(k - 1, BE)) {
        return Err(Vec::new());
    }
    Ok(k)
}

/// What comes before a cue: where its auxiliaries, adverbs, brackets and time phrases start,
/// and whether a form of *be* or a negation is among them.
struct Before {
    start: usize,
    be: bool,
    negated: bool,
}

/// Walk back from token `k` over at most six auxiliaries, adverbs, brackets and time phrases,
/// not before `start`.
fn before_cue(doc: &Doc, start: usize, mut k: usize) -> Before {
    let mut saw_be = false;
    let mut negated = false;
    let mut steps = 0;
    while k > start && steps < 6 {
        let p = k - 1;
        if doc.tokens[p].kind == Kind::Word && is_aux(doc, p) {
            saw_be |= doc.has(p, BE);
            negated |= negative(doc.word(p));
            k = p;
            steps += 1;
            continue;
        }
        if doc.tokens[p].is_punct(')')
            && let Some(open) = (p.saturating_sub(12).max(start)..p)
                .rev()
                .find(|&q| doc.tokens[q].is_punct('('))
        {
            k = open;
            steps += 1;
            continue;
        }
        if let Some(q) = time_phrase_start(doc, start, p) {
            k = q;
            steps += 1;
            continue;
        }
        break;
    }
    Before {
        start: k,
        be: saw_be,
        negated,
    }
}

/// Participles that report speech when they open a clause after a comma (`..., saying`); the
/// other cues read there as actions (`observing the rescue`, `adding to the lead`).
fn speech_participle(word: &str) -> bool {
    matches!(
        word,
        "saying"
            | "adding"
            | "telling"
            | "noting"
            | "arguing"
            | "insisting"
            | "claiming"
            | "explaining"
            | "warning"
            | "calling"
            | "stating"
            | "writing"
            | "tweeting"
            | "declaring"
            | "citing"
            | "accusing"
            | "urging"
            | "asking"
            | "describing"
            | "stressing"
            | "suggesting"
            | "vowing"
            | "promising"
            | "predicting"
    )
}

/// Whether the cue word at `cue` is used as a noun or an adjective, not as a verb: after a
/// determiner (`an alleged abuse`, `the reported deal`, `her stated aim`), or after a name that
/// follows an indefinite or possessive one (`a Twitter post`, `his Facebook post`).
fn noun_use(doc: &Doc, index: &Index, mentions: &[Mention], cue: usize, start: usize) -> bool {
    if cue <= start {
        return false;
    }
    let determiner = |i: usize| {
        let t = doc.tokens[i];
        t.kind == Kind::Word
            && matches!(
                doc.word(i).to_ascii_lowercase().as_str(),
                "a" | "an" | "the" | "its" | "his" | "her" | "their" | "our" | "my" | "your"
            )
    };
    if determiner(cue - 1) {
        return true;
    }
    let Some(m) = index.ending_at(cue - 1) else {
        return false;
    };
    let at = mentions[m].run.start;
    at > start
        && determiner(at - 1)
        && !doc.word(at - 1).eq_ignore_ascii_case("the")
        && !doc.tokens[cue - 1].is(POSSESSIVE)
}

/// `A Commerce Department report showed ...`: a body named in an indefinite noun phrase that
/// opens the clause (not after a preposition: `In a Facebook post, X said`) is its source,
/// unless the phrase names its author (`a Twitter post by Amy Cook`).
fn reporting_body(
    doc: &Doc,
    index: &Index,
    mentions: &[Mention],
    noun: usize,
    start: usize,
) -> Option<Subject> {
    let m = index.ending_at(noun.checked_sub(1)?)?;
    let mention = &mentions[m];
    let det = mention.run.start.checked_sub(1).filter(|&d| d >= start)?;
    let indefinite = matches!(doc.word(det), "a" | "an" | "A" | "An");
    let after_preposition = det > start && {
        let t = doc.tokens[det - 1];
        t.kind == Kind::Word && doc.has(det - 1, PREP)
    };
    let authored = doc.word(noun + 1) == "by";
    (indefinite && !after_preposition && !authored && mention.class != Class::Place)
        .then_some(Subject::Mention(m))
}

/// `call` attributes only as `called for`, `called on`, `called out` or `called X a ...`, not as
/// a telephone call.
fn call_attributes(doc: &Doc, cue: usize) -> bool {
    let w = doc.word(cue);
    if !w.starts_with("call") {
        return true;
    }
    let next = doc.word(cue + 1);
    if matches!(next, "for" | "on" | "out" | "upon") {
        return true;
    }
    // `called Trump a liar`, `called it a disgrace`, `called the law “much better”`.
    (cue + 2..cue + 8).any(|k| {
        matches!(doc.word(k), "a" | "an")
            || doc.tokens.get(k).is_some_and(|t| t.kind == Kind::OpenQuote)
    })
}

fn is_aux(doc: &Doc, i: usize) -> bool {
    let t = doc.tokens[i];
    if t.is(CAP) && !doc.has(i, AUX) {
        return false;
    }
    let w = doc.word(i);
    doc.has(i, AUX) || (w.len() > 4 && w.ends_with("ly") && !t.is(CAP)) || negative(w)
}

fn negative(w: &str) -> bool {
    matches!(w, "not" | "never") || w.ends_with("n't") || w.ends_with("n’t")
}

/// `on Tuesday`, `in a statement`, `in an interview with Fox`: a short phrase between a
/// subject and its verb, starting with one of a few prepositions. Returns its first token.
fn time_phrase_start(doc: &Doc, start: usize, last: usize) -> Option<usize> {
    let lo = last.saturating_sub(5).max(start);
    for q in (lo..=last).rev() {
        let t = doc.tokens[q];
        let w = doc.word(q);
        if matches!(
            w,
            "on" | "in" | "at" | "during" | "via" | "over" | "late" | "early"
        ) && q < last
        {
            return Some(q);
        }
        let ok = match t.kind {
            Kind::Word => {
                !t.is(CAP) || doc.has(q, AUX) || t.is(CAP) && q > lo && doc.word(q - 1) == "on"
            }
            Kind::Number => true,
            _ => false,
        };
        if !ok {
            return None;
        }
    }
    None
}

/// The subject ending at token `p` (already past auxiliaries).
fn subject_before(
    doc: &Doc,
    index: &Index,
    mentions: &[Mention],
    p: usize,
    start: usize,
) -> Option<Vec<Subject>> {
    let t = doc.tokens[p];
    if let Some(m) = index.ending_at(p)
        && let Some(subjects) = mention_subject(doc, index, mentions, m, start)
    {
        return Some(subjects);
    }
    if t.kind == Kind::Word {
        let w = doc.word(p);
        // `A National Audit Office report says`: the body named before the noun speaks.
        if !t.is(CAP)
            && doc.has(p, CUE)
            && let Some(m) = p.checked_sub(1).and_then(|q| index.ending_at(q))
            && mentions[m].run.start > start
            && matches!(doc.word(mentions[m].run.start - 1), "a" | "an" | "A" | "An")
        {
            return mention_subject(doc, index, mentions, m, start);
        }
        if doc.has(p, HE) && w.eq_ignore_ascii_case("he") {
            return Some(vec![Subject::Pronoun(Gender::Male, p)]);
        }
        if doc.has(p, SHE) && w.eq_ignore_ascii_case("she") {
            return Some(vec![Subject::Pronoun(Gender::Female, p)]);
        }
        // `Petrilli, who thinks ...`: the relative pronoun stands for the name before it.
        if w == "who" && p > start {
            let before = if doc.tokens[p - 1].is_punct(',') {
                p - 1
            } else {
                p
            };
            if let Some(m) = mention_ending_before(doc, index, before, start) {
                return mention_subject(doc, index, mentions, m, start);
            }
            return None;
        }
        if doc.has(p, ORG_NOUN) && !t.is(CAP) && !t.is(POSSESSIVE) && p > start {
            let det = doc.word(p - 1);
            if det.eq_ignore_ascii_case("the") || w == "police" {
                return Some(vec![Subject::OrgNoun(p)]);
            }
        }
        return None;
    }
    // `..., Alexander Darchiev, said`: a name set off by commas right before the verb.
    if t.is_punct(',') && p > start {
        if let Some(m) = mention_ending_before(doc, index, p, start) {
            let run_start = mentions[m].run.start;
            let fenced = run_start == start
                || doc.tokens[run_start - 1].is_punct(',')
                || doc.initial_position(run_start);
            if fenced && let Some(subjects) = mention_subject(doc, index, mentions, m, start) {
                return Some(subjects);
            }
        }
        return appositive_subject(doc, index, mentions, p, start);
    }
    None
}

/// `Ushakov, the Kremlin adviser, said`, `Smith, who ..., said`, `Anne Richards, assistant
/// secretary for population, refugees, and migration, said`: walk back over up to three commas
/// to a name followed by an appositive or a relative clause.
fn appositive_subject(
    doc: &Doc,
    index: &Index,
    mentions: &[Mention],
    comma: usize,
    start: usize,
) -> Option<Vec<Subject>> {
    let lo = comma.saturating_sub(40).max(start);
    let mut commas = 0;
    for q in (lo..comma).rev() {
        let t = doc.tokens[q];
        // A participle belongs to the apposition (`X, speaking to reporters, said`); another
        // finite cue is another clause's.
        let finite_cue =
            t.kind == Kind::Word && doc.has(q, CUE) && !t.is(CAP) && !doc.word(q).ends_with("ing");
        if t.is_quote() || finite_cue {
            return None;
        }
        if !t.is_punct(',') {
            continue;
        }
        commas += 1;
        if commas > 5 {
            return None;
        }
        // What follows the comma must open an appositive, not another name (`X, Y and Z,`).
        let opener = doc.tokens.get(q + 1).is_some_and(|n| match n.kind {
            Kind::Word => {
                !n.is(CAP)
                    || doc.has(q + 1, TITLE | TITLE_PART | STOP)
                    || party_code(doc.word(q + 1))
            }
            Kind::Number => true,
            _ => false,
        });
        if !opener {
            continue;
        }
        if let Some(m) = mention_ending_before(doc, index, q, start) {
            return mention_subject(doc, index, mentions, m, start);
        }
    }
    None
}

/// `R-Wis`, `D-Ariz`, `I-Vt`: a US legislator's party and state.
fn party_code(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 4 && matches!(b[0], b'R' | b'D' | b'I') && b[1] == b'-' && b[2].is_ascii_uppercase()
}

/// The mention that ends right before token `at`, looking past a parenthesis (`Durbin (D-Ill.),`).
fn mention_ending_before(doc: &Doc, index: &Index, at: usize, start: usize) -> Option<usize> {
    let mut p = at.checked_sub(1)?;
    if p < start {
        return None;
    }
    if doc.tokens[p].is_punct(')') {
        let lo = p.saturating_sub(12).max(start);
        p = (lo..p)
            .rev()
            .find(|&q| doc.tokens[q].is_punct('('))?
            .checked_sub(1)?;
        if p < start {
            return None;
        }
    }
    index.ending_at(p)
}

/// The subject a sentence opens with: a name at its start, or right after an opening phrase
/// closed by a comma (`On Sunday, Ushakov ...`), before token `before`.
fn sentence_subject(
    doc: &Doc,
    index: &Index,
    mentions: &[Mention],
    start: usize,
    before: usize,
) -> Option<Subject> {
    let m = index.starting_at(start).or_else(|| {
        let comma = (start..before.min(start + 8)).find(|&q| doc.tokens[q].is_punct(','))?;
        index.starting_at(comma + 1)
    })?;
    let mention = &mentions[m];
    if mention.class != Class::Person
        || mention.run.end > before
        || doc.tokens[mention.run.end - 1].is(POSSESSIVE)
    {
        return None;
    }
    // The name must be the subject: a verb (a lower-case word) or an appositive follows.
    let next = doc.tokens.get(mention.run.end)?;
    // `Trump on Thursday ratcheted up ...`: a day between the name and its verb.
    let dated = doc.word(mention.run.end) == "on" && doc.has(mention.run.end + 1, CALENDAR);
    let verb_follows =
        next.kind == Kind::Word && !next.is(CAP) && (!doc.has(mention.run.end, PREP) || dated);
    (verb_follows || next.is_punct(',')).then_some(Subject::Mention(m))
}

/// A mention as the subject of a verb, with any name coordinated before it (`X and Y said`).
fn mention_subject(
    doc: &Doc,
    index: &Index,
    mentions: &[Mention],
    m: usize,
    start: usize,
) -> Option<Vec<Subject>> {
    let mention = &mentions[m];
    if mention.class == Class::Place || doc.tokens[mention.run.end - 1].is(POSSESSIVE) {
        return None;
    }
    let before = mention.run.start;
    if before > start {
        let p = before - 1;
        let t = doc.tokens[p];
        // `a spokesman for Trump said`: the name is not the subject, unless the preposition
        // is inside a title (`Secretary of State John F. Kerry`).
        let in_title =
            doc.word(p) == "of" && p > start && doc.has(p - 1, TITLE) && doc.tokens[p - 1].is(CAP);
        if t.kind == Kind::Word && doc.has(p, PREP) && !t.is(CAP) && !in_title {
            return None;
        }
        if matches!(doc.word(p), "and" | "&")
            && p > start
            && let Some(other) = index.ending_at(p - 1)
            && mentions[other].class != Class::Place
            && !doc.tokens[p - 1].is(POSSESSIVE)
        {
            return Some(vec![Subject::Mention(other), Subject::Mention(m)]);
        }
    }
    Some(vec![Subject::Mention(m)])
}

/// The subject right after an inverted cue or `according to`: `said Sen. Ted Cruz`,
/// `said former secretary of state Hillary Clinton`, `according to the Kremlin`.
fn subject_after(
    doc: &Doc,
    index: &Index,
    mentions: &[Mention],
    from: usize,
    end: usize,
) -> Option<Subject> {
    let mut k = from;
    let mut skipped = 0;
    // A role word was passed (`a spokesman for ...`): the subject is a person, not what follows.
    let mut nominal = false;
    while k < end && skipped < 6 {
        let t = doc.tokens[k];
        if let Some(m) = index.starting_at(k) {
            let mention = &mentions[m];
            let possessive = doc.tokens[mention.run.end - 1].is(POSSESSIVE);
            // `said NBC’s Ali Vitali`, `said Priorities spokesman Justin Barasky`: a qualifier
            // before the speaker's name.
            let qualifier = possessive || mention.class != Class::Person;
            if qualifier && leads_to_name(doc, index, mention.run.end, end) {
                k = mention.run.end;
                skipped += 1;
                continue;
            }
            if mention.class == Class::Place || possessive || mention.class == Class::Organisation {
                // `said a former spokesman for Ukraine's Foreign Ministry, Oleg Voloshyn`: a
                // nominal subject named in apposition.
                let named = named_in_apposition(doc, index, mentions, mention.run.end, end)
                    .or_else(|| authored_by(doc, index, mentions, mention.run.end, end));
                let org_itself = mention.class == Class::Organisation && !possessive && !nominal;
                return named.or(org_itself.then_some(Subject::Mention(m)));
            }
            return Some(Subject::Mention(m));
        }
        if t.kind != Kind::Word {
            if t.is_punct(',') && skipped > 0 {
                return named_in_apposition(doc, index, mentions, k, end);
            }
            return None;
        }
        // `said Republican political consultant Chris Russell`.
        if t.is(CAP) {
            if doc.has(k, NOT_NAME | TITLE | TITLE_PART) {
                k += 1;
                skipped += 1;
                continue;
            }
            return None;
        }
        let w = doc.word(k);
        if skipped == 0 && w.eq_ignore_ascii_case("he") {
            return Some(Subject::Pronoun(Gender::Male, k));
        }
        if skipped == 0 && w.eq_ignore_ascii_case("she") {
            return Some(Subject::Pronoun(Gender::Female, k));
        }
        if doc.has(k, ORG_NOUN) && k > from && doc.word(k - 1) == "the" {
            let next = doc.tokens.get(k + 1);
            // `the ministry said`, but not `the ministry's spokesman`.
            if !t.is(POSSESSIVE) && next.is_none_or(|n| n.kind != Kind::Word || !n.is(CAP)) {
                return Some(Subject::OrgNoun(k));
            }
        }
        let role = doc.has(k, TITLE | TITLE_PART | ROLE);
        if !(role || matches!(w, "the" | "a" | "an" | "of" | "for")) {
            return None;
        }
        nominal |= role;
        k += 1;
        skipped += 1;
    }
    None
}

/// `..., Oleg Voloshyn,` right after a nominal subject: the person it names.
fn named_in_apposition(
    doc: &Doc,
    index: &Index,
    mentions: &[Mention],
    from: usize,
    end: usize,
) -> Option<Subject> {
    let comma = (from..end.min(from + 3)).find(|&k| doc.tokens[k].is_punct(','))?;
    let m = index.starting_at(comma + 1)?;
    let mention = &mentions[m];
    let closed = doc
        .tokens
        .get(mention.run.end)
        .is_none_or(|t| t.is_punct(',') || t.is_punct('.'));
    (mention.class == Class::Person && closed).then_some(Subject::Mention(m))
}

/// `a Twitter post by Amy Cook`, `a Kremlin statement by Dmitry Peskov`: the person named
/// after `by`, within a few lower-case words of `from`.
fn authored_by(
    doc: &Doc,
    index: &Index,
    mentions: &[Mention],
    from: usize,
    end: usize,
) -> Option<Subject> {
    let by = (from..end.min(from + 4))
        .take_while(|&k| doc.tokens[k].kind == Kind::Word && !doc.tokens[k].is(CAP))
        .find(|&k| doc.word(k) == "by")?;
    let m = index.starting_at(by + 1)?;
    (mentions[m].class == Class::Person).then_some(Subject::Mention(m))
}

/// Whether a name starts at `from`, after at most three role words (`spokesman`, `chief`).
fn leads_to_name(doc: &Doc, index: &Index, from: usize, end: usize) -> bool {
    (from..end.min(from + 4))
        .take_while(|&k| {
            index.starting_at(k).is_some()
                || (doc.tokens[k].kind == Kind::Word
                    && !doc.tokens[k].is(CAP)
                    && doc.has(k, TITLE | TITLE_PART | ROLE))
        })
        .any(|k| index.starting_at(k).is_some())
}

/// The person a `he` or `she` at token `at` refers to: the last person of a compatible gender
/// named in this sentence or the three before it.
fn resolve_pronoun(
    doc: &Doc,
    mentions: &[Mention],
    entities: &Entities,
    gender: Gender,
    at: usize,
) -> Option<usize> {
    let sentence = *doc.sentence_of.get(at)? as usize;
    let earliest = sentence.saturating_sub(3);
    let before = mentions.partition_point(|m| m.run.end <= at);
    for n in (0..before).rev() {
        let m = &mentions[n];
        let s = *doc.sentence_of.get(m.run.start)? as usize;
        if s < earliest {
            return None;
        }
        let Some(e) = entities.of_mention.get(n).copied().flatten() else {
            continue;
        };
        let entity = &entities.list[e];
        if entity.class != Class::Person {
            continue;
        }
        if entity.gender == Gender::Unknown || entity.gender == gender {
            return Some(e);
        }
    }
    None
}
