//! `zip: DEF` (RFC 7516 §4.1.3): raw DEFLATE (RFC 1951), inflated with a hard cap on
//! the output so a compression bomb costs a bounded amount of memory and time.

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use zeroize::Zeroizing;

/// Why inflating failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum InflateError {
    Corrupt(String),
    TooLarge(usize),
}

/// Inflates at most `cap` bytes; more is [`InflateError::TooLarge`].
pub(super) fn inflate(data: &[u8], cap: usize) -> Result<Zeroizing<Vec<u8>>, InflateError> {
    let mut out = Zeroizing::new(Vec::new());
    DeflateDecoder::new(data)
        .take(cap as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| InflateError::Corrupt(e.to_string()))?;
    if out.len() > cap {
        return Err(InflateError::TooLarge(cap));
    }
    Ok(out)
}

pub(super) fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_cap() {
        let text = vec![b'a'; 10_000];
        let packed = deflate(&text);
        assert!(packed.len() < 100);
        assert_eq!(
            inflate(&packed, 10_000).unwrap().as_slice(),
            text.as_slice()
        );
        assert_eq!(inflate(&packed, 9_999), Err(InflateError::TooLarge(9_999)));
        assert!(matches!(
            inflate(b"\xff\xff", 10),
            Err(InflateError::Corrupt(_))
        ));
    }
}
