//! Compressed corpus files, decompressed as they are read: gzip (also the many members of a
//! `.warc.gz`), bzip2, xz and zstd.

use std::io::{BufRead, BufReader, Read};

use super::format::Compression;

/// Buffer of the readers handed out: large enough that small reads cost no system call.
const BUFFER_BYTES: usize = 256 * 1024;

/// `raw` decompressed as it is read, buffered.
pub(crate) fn reader<'a>(
    raw: impl Read + Send + 'a,
    compression: Compression,
) -> std::io::Result<Box<dyn BufRead + Send + 'a>> {
    let raw = BufReader::with_capacity(BUFFER_BYTES, raw);
    Ok(match compression {
        Compression::None => Box::new(raw),
        // A `.gz` may hold many members one after the other (each WARC record is one).
        Compression::Gzip => Box::new(BufReader::with_capacity(
            BUFFER_BYTES,
            flate2::bufread::MultiGzDecoder::new(raw),
        )),
        Compression::Bzip2 => Box::new(BufReader::with_capacity(
            BUFFER_BYTES,
            bzip2::bufread::MultiBzDecoder::new(raw),
        )),
        Compression::Xz => Box::new(BufReader::with_capacity(
            BUFFER_BYTES,
            liblzma::bufread::XzDecoder::new_multi_decoder(raw),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            BUFFER_BYTES,
            zstd::stream::read::Decoder::with_buffer(raw)?,
        )),
    })
}

/// `bytes` compressed with `compression`, as the tests' fixtures are.
#[cfg(test)]
pub(crate) fn compress(bytes: &[u8], compression: Compression) -> Vec<u8> {
    use std::io::Write;
    match compression {
        Compression::None => bytes.to_vec(),
        Compression::Gzip => {
            let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            out.write_all(bytes).unwrap();
            out.finish().unwrap()
        }
        Compression::Bzip2 => {
            let mut out = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
            out.write_all(bytes).unwrap();
            out.finish().unwrap()
        }
        Compression::Xz => {
            let mut out = liblzma::write::XzEncoder::new(Vec::new(), 6);
            out.write_all(bytes).unwrap();
            out.finish().unwrap()
        }
        Compression::Zstd => zstd::encode_all(bytes, 3).unwrap(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_compression_comes_back_whole() {
        let text = "Headline\n\nBody of the article.\n".repeat(1000);
        for compression in [
            Compression::None,
            Compression::Gzip,
            Compression::Bzip2,
            Compression::Xz,
            Compression::Zstd,
        ] {
            let packed = compress(text.as_bytes(), compression);
            let mut out = String::new();
            reader(packed.as_slice(), compression)
                .unwrap()
                .read_to_string(&mut out)
                .unwrap();
            assert_eq!(out, text, "{compression:?}");
        }
    }

    #[test]
    fn gzip_members_are_read_one_after_the_other() {
        let mut packed = compress(b"one ", Compression::Gzip);
        packed.extend(compress(b"two", Compression::Gzip));
        let mut out = String::new();
        reader(packed.as_slice(), Compression::Gzip)
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "one two");
    }
}
