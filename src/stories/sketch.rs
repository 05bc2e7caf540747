//! What an article's story is recognised by: a MinHash of its body's word shingles, kept in
//! the index as a few bytes, and the lookup keys (bands of the MinHash) that find its earlier
//! versions.

use rustc_hash::FxHasher;
use std::hash::Hasher;

use crate::article::Article;

/// Words a shingle holds.
const SHINGLE: usize = 4;
/// MinHash values kept.
const MINS: usize = 32;
/// MinHash values a band (a lookup key) holds.
const BAND: usize = 4;
/// First byte of the bytes of this version of the sketch.
const VERSION: u8 = 1;

/// What an article's story is recognised by; stored in the index as bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Sketch {
    mins: Vec<u32>,
}

impl Sketch {
    /// The sketch of a cleaned, extracted article.
    pub fn of(article: &Article) -> Sketch {
        let words: Vec<u64> = article
            .body
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| hash(w.to_lowercase().as_bytes()))
            .collect();
        let mut mins = vec![u32::MAX; MINS];
        for shingle in words.windows(SHINGLE.min(words.len().max(1))) {
            let mut h = FxHasher::default();
            for w in shingle {
                h.write_u64(*w);
            }
            let base = h.finish();
            for (i, min) in mins.iter_mut().enumerate() {
                let v = (mix(base ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
                *min = (*min).min(v);
            }
        }
        Sketch { mins }
    }

    /// Compact bytes for the index, and back.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 + 4 * self.mins.len());
        out.push(VERSION);
        for m in &self.mins {
            out.extend_from_slice(&m.to_le_bytes());
        }
        out
    }

    /// `None` when the bytes are not a sketch of this version.
    pub fn from_bytes(bytes: &[u8]) -> Option<Sketch> {
        let (&version, rest) = bytes.split_first()?;
        if version != VERSION || rest.len() != 4 * MINS {
            return None;
        }
        let mins = rest
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Some(Sketch { mins })
    }

    /// Lookup keys: an article's story is looked for among earlier articles that share one.
    pub fn keys(&self) -> Vec<u64> {
        if self.mins.iter().all(|&m| m == u32::MAX) {
            return Vec::new();
        }
        self.mins
            .chunks(BAND)
            .enumerate()
            .map(|(band, mins)| {
                let mut h = FxHasher::default();
                h.write_usize(band);
                for m in mins {
                    h.write_u32(*m);
                }
                h.finish()
            })
            .collect()
    }

    /// The share of MinHash values two sketches agree on: an estimate of their Jaccard.
    pub fn resemblance(&self, other: &Sketch) -> f32 {
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b && **a != u32::MAX)
            .count();
        same as f32 / MINS as f32
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// A 64-bit finaliser (splitmix64), so that the MinHash permutations are independent.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}
