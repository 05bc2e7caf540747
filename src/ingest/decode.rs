//! Turning a file's bytes into text, and telling text from binary data.
//!
//! UTF-8 is the norm (a byte-order mark is dropped); UTF-16 is read when it starts with its
//! byte-order mark. A file that is not valid UTF-8 is still read, never dropped: when none of
//! its non-ASCII bytes forms a UTF-8 sequence it is a legacy 8-bit file and is decoded as
//! Windows-1252 (a superset of Latin-1's printable range, so `£` in a Latin-1 file comes out
//! as `£`); otherwise it is UTF-8 with a few broken bytes, which become U+FFFD. Either way the
//! caller gets a [`Lossy`] note to warn about.
//!
//! A file is binary when it starts with a known binary signature (PDF, images, archives,
//! compressed data, executables) or when more than one byte in twenty is a control byte; text
//! with a few stray NUL or control bytes is text, and those bytes are dropped (with a note).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How many leading bytes decide whether a file is binary before the rest is read.
pub(crate) const SNIFF_BYTES: usize = 8 * 1024;

/// The text of a file, or why it has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decoded {
    /// Text, with a note when it was not clean UTF-8.
    Text(String, Option<Lossy>),
    /// Nothing but whitespace (or a lone byte-order mark).
    Empty,
    /// NUL bytes or control characters: not text.
    Binary,
}

/// How a file that was not clean UTF-8 was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lossy {
    /// No UTF-8 at all: decoded as Windows-1252 / Latin-1.
    Windows1252,
    /// UTF-8 with this many broken sequences, each replaced by U+FFFD.
    Replaced(usize),
    /// UTF-16 (from its byte-order mark) with broken sequences replaced by U+FFFD.
    Utf16,
    /// This many stray NUL or control bytes dropped.
    Controls(usize),
}

impl std::fmt::Display for Lossy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Lossy::Windows1252 => f.write_str("not UTF-8, read as Windows-1252 (Latin-1)"),
            Lossy::Replaced(1) => f.write_str("1 invalid UTF-8 sequence replaced by U+FFFD"),
            Lossy::Replaced(n) => write!(f, "{n} invalid UTF-8 sequences replaced by U+FFFD"),
            Lossy::Utf16 => f.write_str("invalid UTF-16 replaced by U+FFFD"),
            Lossy::Controls(1) => f.write_str("1 stray NUL or control byte dropped"),
            Lossy::Controls(n) => write!(f, "{n} stray NUL or control bytes dropped"),
        }
    }
}

/// Leading bytes of binary formats that could otherwise pass for text: documents, images,
/// archives and compressed data, executables.
const SIGNATURES: [&[u8]; 17] = [
    b"%PDF-",
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xFF\xD8\xFF",
    b"PK\x03\x04",
    b"\x1F\x8B",
    b"\xFD7zXZ\x00",
    b"\x28\xB5\x2F\xFD",
    b"7z\xBC\xAF\x27\x1C",
    b"Rar!\x1A\x07",
    b"\x7FELF",
    b"\xD0\xCF\x11\xE0",
    b"\xCA\xFE\xBA\xBE",
    b"SQLite format 3\x00",
    b"OggS",
    b"RIFF",
];

/// Whether the first bytes of a file say it is binary. Enough to decide before reading a huge
/// file whole (a 1 GB sparse file is all NUL bytes).
pub(crate) fn looks_binary(head: &[u8]) -> bool {
    if utf16_bom(head).is_some() {
        return false;
    }
    if SIGNATURES.iter().any(|s| head.starts_with(s))
        || head.starts_with(b"BZh") && head.get(4..10) == Some(b"1AY&SY")
    {
        return true;
    }
    // Text holds a few control bytes at most (a stray NUL, a form feed, an escape); compressed
    // or executable data holds about one in ten.
    controls(head) * 20 > head.len()
}

/// The control bytes in `bytes` other than whitespace (NUL included).
fn controls(bytes: &[u8]) -> usize {
    // Branch-free, counted in bytes per chunk of 255 so that it runs on wide SIMD lanes.
    bytes
        .chunks(255)
        .map(|chunk| {
            let count = chunk
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(is_control(b))));
            usize::from(count)
        })
        .sum()
}

fn is_control(b: u8) -> bool {
    let whitespace = (b == b'\t') | (b == b'\n') | (b == b'\r') | (b == 0x0c);
    ((b < 0x20) & !whitespace) | (b == 0x7f)
}

/// Decode the whole content of a file.
pub(crate) fn decode(bytes: Vec<u8>) -> Decoded {
    if let Some(encoding) = utf16_bom(&bytes) {
        let (text, had_errors) = encoding.decode_with_bom_removal(&bytes);
        let note = had_errors.then_some(Lossy::Utf16);
        return text_or_empty(text.into_owned(), note);
    }
    if looks_binary(&bytes[..bytes.len().min(SNIFF_BYTES)]) {
        return Decoded::Binary;
    }
    let strays = controls(&bytes);
    if strays * 20 > bytes.len() {
        return Decoded::Binary;
    }
    let mut bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    let dropped = (strays > 0).then(|| {
        bytes.retain(|&b| !is_control(b));
        Lossy::Controls(strays)
    });
    match String::from_utf8(bytes) {
        Ok(text) => text_or_empty(text, dropped),
        Err(err) => {
            let bytes = err.into_bytes();
            let (good, bad) = count_sequences(&bytes);
            // Legacy 8-bit text has no UTF-8 sequences, or only an accidental one among many
            // stray bytes; UTF-8 text with a few broken bytes has many good sequences.
            if bad > good {
                let (text, _) = WINDOWS_1252.decode_without_bom_handling(&bytes);
                text_or_empty(text.into_owned(), Some(Lossy::Windows1252))
            } else {
                let (text, _) = UTF_8.decode_without_bom_handling(&bytes);
                text_or_empty(text.into_owned(), Some(Lossy::Replaced(bad)))
            }
        }
    }
}

fn utf16_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(UTF_16LE),
        [0xFE, 0xFF, ..] => Some(UTF_16BE),
        _ => None,
    }
}

fn text_or_empty(text: String, note: Option<Lossy>) -> Decoded {
    if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
        Decoded::Empty
    } else {
        Decoded::Text(text, note)
    }
}

/// Valid multi-byte UTF-8 characters and invalid sequences in `bytes`.
fn count_sequences(bytes: &[u8]) -> (usize, usize) {
    let mut good = 0;
    let mut bad = 0;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            bad += 1;
        }
    }
    (good, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Option<Lossy>) {
        match decode(bytes.to_vec()) {
            Decoded::Text(text, note) => (text, note),
            other => panic!("expected text, got {other:?}"),
        }
    }

    #[test]
    fn utf8_is_read_as_is_and_its_bom_dropped() {
        assert_eq!(
            text("Moscow’s envoy".as_bytes()),
            ("Moscow’s envoy".into(), None)
        );
        assert_eq!(text(b"\xEF\xBB\xBFTitle\n"), ("Title\n".into(), None));
    }

    #[test]
    fn latin1_comes_out_right() {
        let (text, note) = text(b"a \xa315.8m signing from Porto, caf\xe9");
        assert_eq!(text, "a £15.8m signing from Porto, café");
        assert_eq!(note, Some(Lossy::Windows1252));
    }

    #[test]
    fn windows_1252_quotes_come_out_right() {
        let (text, _) = text(b"\x93Yes,\x94 he said \x96 twice");
        assert_eq!(text, "“Yes,” he said – twice");
    }

    #[test]
    fn utf8_with_a_broken_byte_keeps_its_good_characters() {
        let (text, note) = text(
            "é and ü and \u{2019}"
                .as_bytes()
                .iter()
                .chain(b" \xff end")
                .copied()
                .collect::<Vec<_>>()
                .as_slice(),
        );
        assert_eq!(text, "é and ü and \u{2019} \u{fffd} end");
        assert_eq!(note, Some(Lossy::Replaced(1)));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Hi there".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(text(&bytes), ("Hi there".into(), None));
    }

    #[test]
    fn empty_and_binary_are_told_apart_from_text() {
        assert_eq!(decode(Vec::new()), Decoded::Empty);
        assert_eq!(decode(b" \n\t\r\n".to_vec()), Decoded::Empty);
        assert_eq!(decode(b"\xEF\xBB\xBF\n".to_vec()), Decoded::Empty);
        assert_eq!(decode(b"te\0\0mo".to_vec()), Decoded::Binary);
        assert_eq!(decode(b"%PDF-1.7\n%text".to_vec()), Decoded::Binary);
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\x01\x02\x03\x04".to_vec()),
            Decoded::Binary
        );
        let mut late_nuls = vec![b'a'; SNIFF_BYTES * 2];
        late_nuls.extend(vec![0; SNIFF_BYTES]);
        assert_eq!(decode(late_nuls), Decoded::Binary);
    }

    #[test]
    fn stray_nul_bytes_are_dropped_from_text() {
        let mut bytes =
            b"Headline\n\nThe minister\0 said on Monday that the talks\0 would go on.".to_vec();
        bytes.extend_from_slice(&[b'x'; 100]);
        let (text, note) = text(&bytes);
        assert!(text.starts_with("Headline\n\nThe minister said on Monday that the talks would"));
        assert_eq!(note, Some(Lossy::Controls(2)));
        assert!(!looks_binary(&bytes));
    }

    #[test]
    fn a_stray_escape_does_not_make_text_binary() {
        let mut bytes = b"Headline\n\n".to_vec();
        bytes.extend_from_slice(&[b'x'; 200]);
        bytes.extend_from_slice(b"\x1b[31mred\x1b[0m\x0c");
        assert!(matches!(
            decode(bytes),
            Decoded::Text(_, Some(Lossy::Controls(2)))
        ));
    }
}
