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
    fn finds_the_first_hit_in_the_words_and_in_the_tail() {
        let text = b"abcdefghijklmnopQrs";
        let capital = |b: u8| b.is_ascii_uppercase() || b.is_ascii_digit();
        assert_eq!(find(text, 0, capital_or_digit, capital), Some(16));
        assert_eq!(find(text, 17, capital_or_digit, capital), None);
        assert_eq!(find(b"ab9", 0, capital_or_digit, capital), Some(2));
    }
}
