//! Base64url as JWS uses it (RFC 7515 §2): URL-safe alphabet, no padding, canonical
//! trailing bits. Decoding is strict first and lenient second, so the parser can read
//! a sloppy token and still report exactly what was wrong with it.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// The one engine that encodes: unpadded base64url.
pub const URL_SAFE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

/// Accepts padding and non-canonical trailing bits; used only after `URL_SAFE` refused.
const URL_SAFE_LAX: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

pub fn encode(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE.encode(bytes)
}

/// Lower-case hexadecimal, for digests shown or used as names.
pub fn hex(bytes: impl AsRef<[u8]>) -> String {
    use std::fmt::Write as _;
    let bytes = bytes.as_ref();
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Strict base64url decoding into `out` (cleared first). False when `s` is not strict.
pub fn decode_strict_into(s: &[u8], out: &mut Vec<u8>) -> bool {
    out.clear();
    URL_SAFE.decode_vec(s, out).is_ok()
}

/// What a lenient decode had to forgive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Leniency {
    /// Trailing `=` padding.
    pub padding: bool,
    /// `+` or `/` from the standard alphabet.
    pub standard_alphabet: bool,
    /// Unused low bits in the last character were not zero (the encoding is malleable).
    pub non_canonical: bool,
}

impl Leniency {
    pub fn is_clean(&self) -> bool {
        *self == Leniency::default()
    }
}

/// Decodes strict base64url, or failing that forgives padding, the standard alphabet
/// and non-canonical trailing bits, saying which. `None` when it is not base64 at all.
pub fn decode_lenient(s: &str) -> Option<(Vec<u8>, Leniency)> {
    if let Ok(bytes) = URL_SAFE.decode(s) {
        return Some((bytes, Leniency::default()));
    }
    let mut leniency = Leniency {
        standard_alphabet: s.bytes().any(|b| b == b'+' || b == b'/'),
        ..Leniency::default()
    };
    let trimmed = s.trim_end_matches('=');
    leniency.padding = trimmed.len() != s.len();
    let normalised: String = trimmed
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    if let Ok(bytes) = URL_SAFE.decode(&normalised) {
        return Some((bytes, leniency));
    }
    let bytes = URL_SAFE_LAX.decode(&normalised).ok()?;
    leniency.non_canonical = true;
    Some((bytes, leniency))
}

/// What [`decode_lenient`] would forgive in `s`, without keeping the bytes: strict
/// base64url is recognised without decoding. `None` when it is not base64 at all.
pub fn check_lenient(s: &str) -> Option<Leniency> {
    let bytes = s.as_bytes();
    let sextet = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    };
    let alphabet = bytes.chunks(64).all(|block| {
        block.iter().fold(true, |ok, &c| {
            let letter = (c | 0x20).wrapping_sub(b'a') < 26;
            let digit = c.wrapping_sub(b'0') < 10;
            ok & (letter | digit | (c == b'-') | (c == b'_'))
        })
    });
    let strict = alphabet && bytes.len() % 4 != 1 && {
        // The bits of the last character past the last whole byte must be zero.
        let unused = match bytes.len() % 4 {
            2 => 0b1111,
            3 => 0b11,
            _ => 0,
        };
        bytes
            .last()
            .and_then(|&c| sextet(c))
            .is_none_or(|v| v & unused == 0)
    };
    if strict {
        return Some(Leniency::default());
    }
    decode_lenient(s).map(|(_, leniency)| leniency)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_input_is_clean() {
        let (bytes, leniency) = decode_lenient("eyJhbGciOiJub25lIn0").unwrap();
        assert_eq!(bytes, br#"{"alg":"none"}"#);
        assert!(leniency.is_clean());
    }

    #[test]
    fn padding_and_alphabet_are_forgiven_and_reported() {
        let (bytes, leniency) = decode_lenient("-_8=").unwrap();
        assert_eq!(bytes, [0xfb, 0xff]);
        assert!(leniency.padding && !leniency.standard_alphabet);
        let (bytes, leniency) = decode_lenient("+/8").unwrap();
        assert_eq!(bytes, [0xfb, 0xff]);
        assert!(leniency.standard_alphabet && !leniency.padding);
    }

    #[test]
    fn non_canonical_trailing_bits_are_reported() {
        // "QR" decodes to "A" with a stray low bit; canonical is "QQ".
        let (bytes, leniency) = decode_lenient("QR").unwrap();
        assert_eq!(bytes, b"A");
        assert!(leniency.non_canonical);
    }

    #[test]
    fn garbage_is_refused() {
        assert!(decode_lenient("a.b").is_none());
        assert!(decode_lenient("A").is_none());
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// Checking says what decoding says, on any text of base64-ish characters.
            #[test]
            fn checking_agrees_with_decoding(text in "[A-Za-z0-9_=+/.-]{0,12}") {
                prop_assert_eq!(check_lenient(&text), decode_lenient(&text).map(|(_, l)| l));
            }

            #[test]
            fn encoding_round_trips_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..96)) {
                let text = encode(&bytes);
                prop_assert!(!text.contains(['=', '+', '/']));
                let mut strict = Vec::new();
                prop_assert!(decode_strict_into(text.as_bytes(), &mut strict));
                prop_assert_eq!(&strict, &bytes);
                prop_assert_eq!(decode_lenient(&text), Some((bytes, Leniency::default())));
            }

            #[test]
            fn sloppy_encodings_decode_to_the_same_bytes_and_say_why(
                bytes in prop::collection::vec(any::<u8>(), 1..96),
                padded in any::<bool>(),
                standard in any::<bool>(),
            ) {
                let clean = encode(&bytes);
                let mut text = if standard { clean.replace('-', "+").replace('_', "/") } else { clean.clone() };
                if padded {
                    text.push_str(&"=".repeat((4 - clean.len() % 4) % 4));
                }
                let (decoded, leniency) = decode_lenient(&text).expect("still base64");
                prop_assert_eq!(decoded, bytes);
                prop_assert_eq!(leniency.padding, text.ends_with('='));
                prop_assert_eq!(leniency.standard_alphabet, text.contains(['+', '/']));
                prop_assert!(!leniency.non_canonical);
                prop_assert_eq!(decode_strict_into(text.as_bytes(), &mut Vec::new()), text == clean);
            }

            /// Whatever the lenient decoder accepts without complaint is the canonical
            /// encoding of what it decoded.
            #[test]
            fn a_clean_decode_is_canonical(text in "[A-Za-z0-9_=+/-]{0,24}") {
                if let Some((bytes, leniency)) = decode_lenient(&text) {
                    prop_assert_eq!(leniency.is_clean(), encode(&bytes) == text);
                }
            }
        }
    }
}
