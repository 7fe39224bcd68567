//! Making keys: private keys from aws-lc's generator (the library jwtx signs with) and
//! HMAC secrets of the hash's full size (RFC 7518 §3.2) from the system's random
//! source.

use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use aws_lc_rs::rsa::{KeyPair as RsaKeyPair, KeySize};
use aws_lc_rs::signature::{EcdsaKeyPair, Ed25519KeyPair};

use super::signing::{Private, SigningKey};
use super::{Curve, KeyError, MIN_RSA_BITS, strength};
use crate::token::alg::{Alg, Family};
use crate::token::secret::Secret;

/// The RSA sizes jwtx generates, in bits; the first is the default.
pub const RSA_SIZES: [usize; 4] = [2048, 3072, 4096, 8192];

fn failed(what: &str) -> KeyError {
    KeyError::Invalid(format!("generating the {what} failed"))
}

/// A new key for `alg`: an RSA key of `rsa_bits` (default 2048), the curve's EC key,
/// an Ed25519 key, or an HMAC secret as long as the algorithm's hash. The key's `alg`
/// is pinned to `alg`.
pub fn generate(alg: Alg, rsa_bits: Option<usize>) -> Result<SigningKey, KeyError> {
    if rsa_bits.is_some() && alg.family() != Family::Rsa {
        return Err(KeyError::Unsupported(format!(
            "a size in bits is for RSA keys; {alg} keys have a fixed size"
        )));
    }
    let private = match alg.family() {
        Family::Hmac => {
            let len = strength::min_secret_bytes(alg).ok_or_else(|| failed("secret"))?;
            let mut bytes = vec![0u8; len];
            SystemRandom::new()
                .fill(&mut bytes)
                .map_err(|_| failed("secret"))?;
            Private::Hmac(Secret::new(bytes))
        }
        Family::Rsa => {
            let bits = rsa_bits.unwrap_or(RSA_SIZES[0]);
            let size = match bits {
                2048 => KeySize::Rsa2048,
                3072 => KeySize::Rsa3072,
                4096 => KeySize::Rsa4096,
                8192 => KeySize::Rsa8192,
                b if b < MIN_RSA_BITS => {
                    return Err(KeyError::RsaTooSmall {
                        bits: b,
                        min: MIN_RSA_BITS,
                        purpose: "generates keys",
                    });
                }
                b => {
                    return Err(KeyError::Unsupported(format!(
                        "RSA keys of {b} bits; jwtx generates 2048, 3072, 4096 or 8192"
                    )));
                }
            };
            Private::Rsa(RsaKeyPair::generate(size).map_err(|_| failed("RSA key"))?)
        }
        Family::Ec => {
            let curve = match alg {
                Alg::ES256 => Curve::P256,
                Alg::ES384 => Curve::P384,
                _ => Curve::P521,
            };
            let pair = EcdsaKeyPair::generate(curve.signing()).map_err(|_| failed("EC key"))?;
            Private::Ec(curve, pair)
        }
        Family::Ed25519 => {
            Private::Ed25519(Ed25519KeyPair::generate().map_err(|_| failed("Ed25519 key"))?)
        }
        Family::Unsecured => {
            return Err(KeyError::Unsupported(
                "alg none has no key to generate".into(),
            ));
        }
    };
    Ok(SigningKey {
        kid: None,
        pinned_alg: Some(alg.name().to_owned()),
        private,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::keys::KeyKind;

    #[test]
    fn every_algorithm_gets_a_key_that_signs_and_verifies() {
        for alg in Alg::SIGNED {
            let key = generate(alg, None).unwrap();
            assert!(key.kind().allows(alg), "{alg}: {}", key.kind());
            let signature = key.sign(alg, b"input").unwrap();
            let public = key.verifying_key().unwrap();
            assert!(public.verify(alg, b"input", &signature).unwrap(), "{alg}");
        }
    }

    #[test]
    fn secrets_are_as_long_as_the_hash() {
        for (alg, len) in [(Alg::HS256, 32), (Alg::HS384, 48), (Alg::HS512, 64)] {
            assert_eq!(generate(alg, None).unwrap().kind(), KeyKind::Hmac(len));
        }
        let a = generate(Alg::HS256, None).unwrap();
        let b = generate(Alg::HS256, None).unwrap();
        assert_ne!(
            a.verifying_key()
                .unwrap()
                .thumbprint_with(Default::default()),
            b.verifying_key()
                .unwrap()
                .thumbprint_with(Default::default())
        );
    }

    #[test]
    fn rsa_sizes() {
        assert_eq!(
            generate(Alg::RS256, Some(3072)).unwrap().kind(),
            KeyKind::Rsa(3072)
        );
        assert!(matches!(
            generate(Alg::RS256, Some(1024)),
            Err(KeyError::RsaTooSmall { bits: 1024, .. })
        ));
        assert!(generate(Alg::RS256, Some(2047)).is_err());
        assert!(generate(Alg::RS256, Some(2049)).is_err());
        assert!(generate(Alg::ES256, Some(2048)).is_err());
        assert!(generate(Alg::None, None).is_err());
    }
}
