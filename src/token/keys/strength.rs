//! Key strength: the sizes under which a key is weak (RFC 7518 §3.2 and §3.3). Weak
//! keys are refused unless the caller explicitly accepts them. Keys broken by
//! construction are refused whatever the caller says: empty secrets and RSA moduli under
//! 1024 bits by the loader, ROCA moduli (see [`super::roca`]) by the verifier and the
//! signing-key loader.

use std::fmt;

use super::KeyKind;
use crate::token::alg::Alg;

/// The smallest RSA modulus jwtx signs with, and verifies with by default (RFC 7518 §3.3).
pub const MIN_RSA_BITS: usize = 2048;
/// The smallest RSA modulus jwtx ever verifies with, and only when weak keys are accepted.
pub const MIN_LEGACY_RSA_BITS: usize = 1024;

/// Why a key is weak for an algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weakness {
    /// An HMAC secret shorter than the output of the algorithm's hash (RFC 7518 §3.2).
    ShortSecret {
        alg: Alg,
        bytes: usize,
        required: usize,
    },
    /// An RSA modulus under 2048 bits (RFC 7518 §3.3).
    SmallRsa { bits: usize },
}

impl fmt::Display for Weakness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Weakness::ShortSecret {
                alg,
                bytes,
                required,
            } => write!(
                f,
                "HMAC secret is {bytes} byte{}; {alg} requires at least {required} (RFC 7518 §3.2)",
                if bytes == 1 { "" } else { "s" },
                alg = alg.name(),
            ),
            Weakness::SmallRsa { bits } => write!(
                f,
                "RSA key is {bits} bits; at least {MIN_RSA_BITS} are required (RFC 7518 §3.3)"
            ),
        }
    }
}

/// The shortest HMAC secret `alg` may use: the size of its hash output.
pub fn min_secret_bytes(alg: Alg) -> Option<usize> {
    match alg {
        Alg::HS256 => Some(32),
        Alg::HS384 => Some(48),
        Alg::HS512 => Some(64),
        _ => None,
    }
}

/// Whether a key of `kind` is weak when used with `alg`.
pub fn weakness(kind: KeyKind, alg: Alg) -> Option<Weakness> {
    match kind {
        KeyKind::Hmac(bytes) => {
            let required = min_secret_bytes(alg)?;
            (bytes < required).then_some(Weakness::ShortSecret {
                alg,
                bytes,
                required,
            })
        }
        KeyKind::Rsa(bits) => (bits < MIN_RSA_BITS).then_some(Weakness::SmallRsa { bits }),
        KeyKind::Ec(_) | KeyKind::Ed25519 => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_must_be_as_long_as_the_hash() {
        assert_eq!(weakness(KeyKind::Hmac(32), Alg::HS256), None);
        assert_eq!(
            weakness(KeyKind::Hmac(31), Alg::HS256),
            Some(Weakness::ShortSecret {
                alg: Alg::HS256,
                bytes: 31,
                required: 32
            })
        );
        assert!(weakness(KeyKind::Hmac(48), Alg::HS384).is_none());
        assert!(weakness(KeyKind::Hmac(48), Alg::HS512).is_some());
        assert_eq!(
            weakness(KeyKind::Hmac(1), Alg::HS256).unwrap().to_string(),
            "HMAC secret is 1 byte; HS256 requires at least 32 (RFC 7518 §3.2)"
        );
    }

    #[test]
    fn rsa_under_2048_bits_is_weak() {
        assert!(weakness(KeyKind::Rsa(2048), Alg::RS256).is_none());
        assert_eq!(
            weakness(KeyKind::Rsa(1024), Alg::PS256),
            Some(Weakness::SmallRsa { bits: 1024 })
        );
    }
}
