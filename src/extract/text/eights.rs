//! Byte searches that test eight bytes at a time, as one `u64` (no SIMD instructions needed):
//! most of a news text is lower-case letters and spaces, so a search for the next capital or
//! the end of a word usually skips a whole word per step.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = ONES * 0x80;

/// The high bit of each byte of `x` that lies in `lo..=hi` (both ASCII).
#[inline]
pub(crate) fn within(x: u64, lo: u8, hi: u8) -> u64 {
    let low7 = x & !HIGH;
    let from_lo = low7 + ONES * (0x80 - u64::from(lo));
    let past_hi = low7 + ONES * (0x7F - u64::from(hi));
    from_lo & !past_hi & !x & HIGH
}

/// The high bit of each ASCII letter or digit of `x`.
#[inline]
pub(crate) fn alphanumeric(x: u64) -> u64 {
    // Setting bit 5 takes upper-case letters, and nothing else, onto lower-case ones.
    within(x | (ONES * 0x20), b'a', b'z') | within(x, b'0', b'9')
}

/// The high bit of each ASCII capital or digit of `x`.
#[inline]
pub(crate) fn capital_or_digit(x: u64) -> u64 {
    within(x, b'A', b'Z') | within(x, b'0', b'9')
}

/// The high bit of each byte of `x` that belongs to a word as story sketches count words: an
/// ASCII letter or digit, or any byte outside ASCII (a byte of a letter of another script).
#[inline]
pub(crate) fn word_byte(x: u64) -> u64 {
    // As `within`, without its test of the high bit: bytes outside ASCII count anyway. No
    // byte's sum carries into the next (the largest is 0x7F + 0x50).
    let low7 = x & !HIGH;
    let folded = low7 | (ONES * 0x20);
    let letter =
        (folded + ONES * (0x80 - u64::from(b'a'))) & !(folded + ONES * (0x7F - u64::from(b'z')));
    let digit =
        (low7 + ONES * (0x80 - u64::from(b'0'))) & !(low7 + ONES * (0x7F - u64::from(b'9')));
    (letter | digit | x) & HIGH
}

/// `x` with its ASCII capitals lowered, its other bytes as they are.
#[inline]
pub(crate) fn ascii_lowercase(x: u64) -> u64 {
    // A capital's high bit, two places down, is the bit that lowers it.
    x | (within(x, b'A', b'Z') >> 2)
}

/// How many bytes of `x`, from its first, `hits` marks in a row (0 to 8).
#[inline]
pub(crate) fn run(hits: u64) -> usize {
    ((!hits & HIGH).trailing_zeros() / 8) as usize
}

/// The eight bytes of `bytes` from `at` as a little-endian `u64`, zeros past the end.
#[inline]
pub(crate) fn load(bytes: &[u8], at: usize) -> u64 {
    let mut eight = [0u8; 8];
    match bytes.get(at..at + 8) {
        Some(chunk) => eight.copy_from_slice(chunk),
        None => {
            let tail = bytes.get(at..).unwrap_or_default();
            eight[..tail.len()].copy_from_slice(tail);
        }
    }
    u64::from_le_bytes(eight)
}

/// The first byte at or after `from` that `hits` marks (it is given eight bytes as a
/// little-endian `u64` and sets the high bit of each byte it takes), and `one` takes when the
/// last bytes are tested one by one.
#[inline]
pub(crate) fn find(
    bytes: &[u8],
    from: usize,
    hits: impl Fn(u64) -> u64,
    one: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let found = hits(u64::from_le_bytes(word)) & HIGH;
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let at = bytes.get(i..)?.iter().position(|&b| one(b))?;
    Some(i + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_value_is_classed_as_one_at_a_time() {
        for b in 0..=255u8 {
            let x = u64::from_le_bytes([b; 8]);
            let set = |m: u64| m != 0;
            assert_eq!(set(alphanumeric(x)), b.is_ascii_alphanumeric(), "{b:#x}");
            assert_eq!(
                set(capital_or_digit(x)),
                b.is_ascii_uppercase() || b.is_ascii_digit(),
                "{b:#x}"
            );
        }
    }

    #[test]
    fn word_bytes_and_lowering_agree_with_one_byte_at_a_time() {
        for b in 0..=255u8 {
            let x = u64::from_le_bytes([b; 8]);
            let word = b.is_ascii_alphanumeric() || b >= 0x80;
            assert_eq!(word_byte(x), if word { HIGH } else { 0 }, "{b:#x}");
            assert_eq!(ascii_lowercase(x), ONES * u64::from(b.to_ascii_lowercase()));
        }
    }

    #[test]
    fn runs_and_loads_stop_at_the_first_miss_and_the_end() {
        let text = b"Ab3 de";
        assert_eq!(run(word_byte(load(text, 0))), 3);
        assert_eq!(run(word_byte(load(text, 3))), 0);
        // Past the end are zeros, which no word holds.
        assert_eq!(run(word_byte(load(text, 4))), 2);
        assert_eq!(load(text, 6), 0);
        assert_eq!(load(text, 60), 0);
        assert_eq!(run(word_byte(load(b"abcdefghij", 1))), 8);
    }

    #[test]
    fn finds_the_first_hit_in_the_words_and_in_the_tail() {
        let text = b"abcdefghijklmnopQrs";
        let capital = |b: u8| b.is_ascii_uppercase() || b.is_ascii_digit();
        assert_eq!(find(text, 0, capital_or_digit, capital), Some(16));
        assert_eq!(find(text, 17, capital_or_digit, capital), None);
        assert_eq!(find(b"ab9", 0, capital_or_digit, capital), Some(2));
    }
}
