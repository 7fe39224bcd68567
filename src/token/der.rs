//! The one DER reader jwtx needs: an ECDSA signature as `SEQUENCE { r INTEGER, s INTEGER }`
//! (what Java, .NET and cloud KMS produce instead of JOSE's fixed r||s). Used by verify's
//! diagnosis and by audit's signature rules.

/// The contents of the two INTEGERs of a DER `SEQUENCE { r, s }`, as encoded (sign byte
/// included, not checked for minimal form); nothing may follow them. `None` when `sig`
/// is not that shape.
pub fn ecdsa_parts(sig: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&tag, rest) = sig.split_first()?;
    if tag != 0x30 {
        return None;
    }
    let (body, after) = length_and_contents(rest)?;
    if !after.is_empty() {
        return None;
    }
    let (r, body) = integer(body)?;
    let (s, body) = integer(body)?;
    body.is_empty().then_some((r, s))
}

/// Splits `input` (a DER length then contents) into the contents and what follows.
/// Short form, or long form with one or two length bytes: enough for any ECDSA
/// signature.
fn length_and_contents(input: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&first, rest) = input.split_first()?;
    let (len, rest) = match first {
        0..=0x7f => (usize::from(first), rest),
        0x81 => (usize::from(*rest.first()?), rest.get(1..)?),
        0x82 => {
            let bytes = rest.get(..2)?;
            (
                (usize::from(bytes[0]) << 8) | usize::from(bytes[1]),
                rest.get(2..)?,
            )
        }
        _ => return None,
    };
    (rest.len() >= len).then(|| rest.split_at(len))
}

/// A non-empty DER INTEGER's contents and what follows it.
fn integer(input: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    if tag != 0x02 {
        return None;
    }
    let (value, after) = length_and_contents(rest)?;
    (!value.is_empty()).then_some((value, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_integers_and_nothing_else() {
        let der = [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0x80];
        assert_eq!(ecdsa_parts(&der), Some((&[1u8][..], &[0u8, 0x80][..])));
        // Trailing byte, wrong tag, empty integer, length past the end.
        assert_eq!(ecdsa_parts(&[0x30, 0x06, 2, 1, 1, 2, 1, 1, 0]), None);
        assert_eq!(ecdsa_parts(&[0x31, 0x06, 2, 1, 1, 2, 1, 1]), None);
        assert_eq!(ecdsa_parts(&[0x30, 0x05, 2, 0, 2, 1, 1]), None);
        assert_eq!(ecdsa_parts(&[0x30, 0x08, 2, 1, 1, 2, 1, 1]), None);
        // Long-form lengths (P-521 signatures need them).
        let mut long = vec![0x30, 0x81, 0x86, 0x02, 0x41];
        long.extend([0x11; 0x41]);
        long.extend([0x02, 0x41]);
        long.extend([0x22; 0x41]);
        let (r, s) = ecdsa_parts(&long).expect("long form");
        assert_eq!((r.len(), s.len()), (0x41, 0x41));
    }
}
