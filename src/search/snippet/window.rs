//! Choosing the fragments of a text to show: windows of about the asked number of
//! characters around the best groups of matches, starting at a sentence start where one is
//! near, ending at a sentence end or between words, never overlapping; windows that touch
//! merge into one.
//!
//! A window scores `Σ weight × (1 + ln count)` over the distinct clauses it holds, so that a
//! window with more of the query's words (and rarer ones) beats one that repeats a word, and
//! a phrase (weighing all its words) beats its words apart. Clauses met inside a preferred
//! range (a speaker's quotes) count double.

use std::ops::Range;

use super::bounds::{
    back, forward, joined_end, sentence_end_within, sentence_start_before, text_start,
    word_end_before, word_start_after,
};
use super::matches::{Matches, Unit};

/// Bonus of a window that starts at a sentence start.
const SENTENCE_START_BONUS: f32 = 1.1;
/// Factor of a clause found in a preferred range.
const PREFERRED_BOOST: f32 = 2.0;
/// Windows separated by fewer characters than this, or by no word, merge.
const MERGE_GAP_CHARS: usize = 20;
/// How many of the best rough candidates are measured exactly at each pick.
const CANDIDATES: usize = 2;

/// How many fragments of what length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Fragments at most.
    pub fragments: usize,
    /// Characters a fragment aims at.
    pub chars: usize,
}

/// A chosen window: bytes of the text, and its score.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Window {
    pub bytes: Range<usize>,
    pub score: f32,
}

/// The windows of `text` to show, best first. Without matches: the lead, or the start of
/// the preferred ranges when there are some.
pub(crate) fn choose(
    text: &str,
    matches: &Matches,
    weights: &[f32],
    preferred: &[Range<usize>],
    shape: Shape,
) -> Vec<Window> {
    let chars = shape.chars.max(1);
    if shape.fragments == 0 || text.trim().is_empty() {
        return Vec::new();
    }
    if matches.is_empty() {
        return without_matches(text, preferred, chars, shape.fragments);
    }
    let scorer = Scorer {
        units: &matches.units,
        weights,
        preferred,
    };
    let mut anchors = rough_ranking(text, &scorer, chars);
    let mut picked: Vec<Window> = Vec::new();
    let mut cache: Vec<Option<Window>> = vec![None; matches.units.len()];
    // Windows that merge count as one: pick until enough stand apart.
    while merge(text, picked.clone()).len() < shape.fragments {
        let covered = |unit: &Unit| {
            picked
                .iter()
                .any(|w| unit.span.start < w.bytes.end && w.bytes.start < unit.span.end)
        };
        anchors.retain(|&i| !covered(&matches.units[i]));
        let mut best: Option<Window> = None;
        for &i in anchors.iter().take(CANDIDATES) {
            let unit = &matches.units[i];
            let stale = cache[i].as_ref().is_none_or(|w| {
                picked
                    .iter()
                    .any(|p| w.bytes.start < p.bytes.end && p.bytes.start < w.bytes.end)
            });
            if stale {
                let (lo, hi) = gap(&picked, &unit.span, text.len());
                cache[i] = Some(scorer.window(text, &unit.span, lo, hi, chars));
            }
            if let Some(window) = &cache[i]
                && best.as_ref().is_none_or(|b| window.score > b.score)
            {
                best = Some(window.clone());
            }
        }
        match best {
            Some(window) => picked.push(window),
            None => break,
        }
    }
    merge(text, picked)
}

fn without_matches(
    text: &str,
    preferred: &[Range<usize>],
    chars: usize,
    fragments: usize,
) -> Vec<Window> {
    let starts: Vec<usize> = if preferred.is_empty() {
        vec![text_start(text)]
    } else {
        let mut ranges = preferred.to_vec();
        ranges.sort_by_key(|r| r.start);
        ranges
            .iter()
            .filter(|r| r.start < text.len() && text.is_char_boundary(r.start))
            .map(|r| {
                let floor = back(text, r.start, chars / 2, 0);
                sentence_start_before(text, r.start, floor)
                    .unwrap_or_else(|| word_start_after(text, r.start, text.len()))
            })
            .take(fragments)
            .collect()
    };
    let mut windows: Vec<Window> = Vec::new();
    for start in starts {
        if windows.iter().any(|w| w.bytes.contains(&start)) {
            continue;
        }
        let end = window_end(text, start, start, text.len(), chars).0;
        if end > start {
            windows.push(Window {
                bytes: start..end,
                score: 0.0,
            });
        }
    }
    merge(text, windows)
}

/// The free stretch of text around `span` between the windows already picked.
fn gap(picked: &[Window], span: &Range<usize>, len: usize) -> (usize, usize) {
    let lo = picked
        .iter()
        .map(|w| w.bytes.end)
        .filter(|&end| end <= span.start)
        .max()
        .unwrap_or(0);
    let hi = picked
        .iter()
        .map(|w| w.bytes.start)
        .filter(|&start| start >= span.end)
        .min()
        .unwrap_or(len);
    (lo, hi)
}

/// Where a window starting at `start` ends: the last sentence end in its second half, else
/// after the last whole word within `chars`; never before `must_reach`. Also whether it ends
/// a sentence.
fn window_end(
    text: &str,
    start: usize,
    must_reach: usize,
    hi: usize,
    chars: usize,
) -> (usize, bool) {
    let limit = forward(text, start, chars, hi).max(must_reach);
    let half = forward(text, start, chars / 2, limit);
    let from = half.max(must_reach).saturating_sub(1).max(start);
    match sentence_end_within(text, from, limit) {
        Some(end) if end >= must_reach => (joined_end(text, end), true),
        _ => (
            joined_end(text, word_end_before(text, limit, must_reach)),
            false,
        ),
    }
}

/// Unit indexes, best rough window first: each unit with the units in the `chars` bytes
/// after a quarter window of lead-in (bytes stand in for characters here).
fn rough_ranking(text: &str, scorer: &Scorer, chars: usize) -> Vec<usize> {
    let units = scorer.units;
    let lead_in = chars / 4;
    let mut scored: Vec<(f32, usize)> = Vec::with_capacity(units.len());
    let mut counts = vec![0u32; scorer.weights.len()];
    let mut first = 0;
    for (i, unit) in units.iter().enumerate() {
        let start = unit.span.start.saturating_sub(lead_in);
        let end = (start + chars).min(text.len()).max(unit.span.end);
        while units[first].span.start < start {
            first += 1;
        }
        let inside = units[first..]
            .iter()
            .take_while(|u| u.span.start < end)
            .filter(|u| u.span.end <= end);
        scored.push((scorer.score(inside, &mut counts), i));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

struct Scorer<'a> {
    units: &'a [Unit],
    weights: &'a [f32],
    preferred: &'a [Range<usize>],
}

impl Scorer<'_> {
    fn score<'u>(&self, units: impl Iterator<Item = &'u Unit> + Clone, counts: &mut [u32]) -> f32 {
        let mut boosted = 0u128;
        for unit in units.clone() {
            if let Some(count) = counts.get_mut(unit.clause) {
                *count += 1;
            }
            if unit.clause < 128 && self.in_preferred(&unit.span) {
                boosted |= 1 << unit.clause;
            }
        }
        let mut score = 0.0;
        for unit in units {
            let Some(count) = counts.get_mut(unit.clause) else {
                continue;
            };
            if *count == 0 {
                continue;
            }
            let weight = self.weights.get(unit.clause).copied().unwrap_or(1.0);
            let boost = if unit.clause < 128 && boosted & (1 << unit.clause) != 0 {
                PREFERRED_BOOST
            } else {
                1.0
            };
            let repeats = if *count == 1 {
                1.0
            } else {
                1.0 + (*count as f32).ln()
            };
            score += weight * boost * repeats;
            *count = 0;
        }
        score
    }

    fn in_preferred(&self, span: &Range<usize>) -> bool {
        self.preferred
            .iter()
            .any(|r| r.start <= span.start && span.end <= r.end)
    }

    /// The window around `span` within `lo..hi`, scored.
    fn window(
        &self,
        text: &str,
        span: &Range<usize>,
        lo: usize,
        hi: usize,
        chars: usize,
    ) -> Window {
        let floor = back(text, span.start, chars.saturating_mul(3) / 4, lo);
        let fits = |s: &usize| {
            text.get(*s..span.end)
                .is_some_and(|t| t.chars().count() <= chars)
        };
        // A quote of the preferred speaker is shown from its start when it fits.
        let quote = self
            .preferred
            .iter()
            .find(|r| r.start <= span.start && span.end <= r.end && r.start >= lo)
            .map(|r| r.start)
            .filter(|s| text.is_char_boundary(*s) && fits(s));
        let sentence =
            quote.or_else(|| sentence_start_before(text, span.start, floor).filter(fits));
        let start = sentence.unwrap_or_else(|| {
            let lead_in = back(text, span.start, chars / 4, lo);
            word_start_after(text, lead_in, span.start)
        });
        let (end, _) = window_end(text, start, span.end, hi, chars);
        let first = self.units.partition_point(|u| u.span.start < start);
        let inside = self.units[first..]
            .iter()
            .take_while(|u| u.span.start < end)
            .filter(|u| u.span.end <= end);
        let mut counts = vec![0u32; self.weights.len()];
        let mut score = self.score(inside, &mut counts);
        if sentence.is_some() {
            score *= SENTENCE_START_BONUS;
        }
        Window {
            bytes: start..end,
            score,
        }
    }
}

/// Merge windows that overlap or nearly touch; best first.
fn merge(text: &str, mut windows: Vec<Window>) -> Vec<Window> {
    windows.sort_by_key(|w| w.bytes.start);
    let mut merged: Vec<Window> = Vec::with_capacity(windows.len());
    for window in windows {
        if let Some(last) = merged.last_mut() {
            let between = text
                .get(last.bytes.end..window.bytes.start)
                .unwrap_or_default();
            // A character takes at most 4 bytes: a longer gap need not be counted.
            let short =
                between.len() < 4 * MERGE_GAP_CHARS && between.chars().count() < MERGE_GAP_CHARS;
            let touches = window.bytes.start <= last.bytes.end
                || short
                || !between.chars().any(char::is_alphanumeric);
            if touches {
                last.bytes.end = last.bytes.end.max(window.bytes.end);
                last.score = last.score.max(window.score);
                continue;
            }
        }
        merged.push(window);
    }
    merged.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.bytes.start.cmp(&b.bytes.start))
    });
    merged
}
