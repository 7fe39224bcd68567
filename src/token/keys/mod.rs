//! The one key loader. Keys are recognised by their content, never by a file name:
//! PEM (PKCS#1, PKCS#8, SEC1, SubjectPublicKeyInfo, X.509 certificate), DER, a JWK or
//! a JWKS. The loader keeps the user's original bytes and says what each key is (type,
//! size, curve), because the algorithms a key may serve follow from that alone.

use std::fmt;

use aws_lc_rs::signature as sig;
use spki::ObjectIdentifier;

use super::alg::{Alg, Family};

mod container;
pub mod decrypting;
mod export;
pub mod generate;
mod hmac;
pub mod inspect;
mod jwk;
pub mod jwks;
pub mod roca;
mod signing;
pub mod strength;
mod thumbprint;
mod verifying;

pub use decrypting::{DecryptionKey, EncryptionKey, JweKeyKind};
pub use export::{EncodedKey, JwkMembers, KeyLayout};
pub use signing::SigningKey;
pub use strength::Weakness;
pub use thumbprint::{ThumbprintHash, thumbprint_uri};
pub use verifying::{KeySet, VerifyingKey};

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const OID_SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const OID_ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");

pub use strength::{MIN_LEGACY_RSA_BITS, MIN_RSA_BITS};
/// The largest RSA modulus aws-lc verifies with.
pub const MAX_RSA_BITS: usize = 8192;

/// Why a key cannot be used. Every one of these is exit code 6.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read key {0}")]
    Unreadable(String),
    #[error("not a recognised key: {0}")]
    Unrecognised(String),
    /// Bytes in none of the key formats (perhaps an HMAC secret given as a key).
    #[error("not a recognised key: expected PEM, DER, a JWK or a JWKS")]
    UnknownFormat,
    #[error("unsupported key: {0}")]
    Unsupported(String),
    #[error(
        "encrypted private keys are not supported; decrypt it first (openssl pkey -in KEY -out PLAIN)"
    )]
    Encrypted,
    #[error("RSA key is {bits} bits; jwtx {purpose} only with at least {min}")]
    RsaTooSmall {
        bits: usize,
        min: usize,
        purpose: &'static str,
    },
    /// A key that is weak for the algorithm and was not explicitly accepted.
    #[error("{0}")]
    Weak(Weakness),
    /// An RSA modulus with the ROCA fingerprint: its private key can be computed.
    #[error(
        "{0} has the ROCA fingerprint (CVE-2017-15361): its private key can be computed from the public key; jwtx will not use it"
    )]
    Roca(String),
    #[error(
        "the key set mixes symmetric (oct) keys with public keys, the shape algorithm-confusion attacks exploit; keep HMAC secrets and public keys in separate sets"
    )]
    MixedSet,
    #[error("invalid key: {0}")]
    Invalid(String),
    #[error("{0} is a public key; signing needs the private key")]
    NotPrivate(String),
    #[error("the JWKS holds no usable signature keys ({0})")]
    EmptySet(String),
    #[error("this JWK cannot verify signatures: {0}")]
    NotForSignatures(String),
    #[error("this JWK cannot sign: {0}")]
    NotForSigning(String),
    #[error("no signature key in the JWKS has kid {0:?}")]
    NoKeyForKid(String),
    #[error("{1} keys in the JWKS have kid {0:?}; jwtx will not guess which one")]
    AmbiguousKid(String, usize),
    #[error("{alg} cannot be used with this key ({key})")]
    AlgMismatch { alg: Alg, key: String },
    #[error("HMAC secret is empty")]
    EmptySecret,
    /// A key set edit that would break the set: a second key with a kid, the same key
    /// twice, secrets beside public keys.
    #[error("{0}")]
    SetConflict(String),
}

/// A named elliptic curve jwtx supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    pub fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }
    fn alg(self) -> Alg {
        match self {
            Curve::P256 => Alg::ES256,
            Curve::P384 => Alg::ES384,
            Curve::P521 => Alg::ES512,
        }
    }
    pub fn coordinate_len(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }
    fn from_oid(oid: Option<ObjectIdentifier>) -> Result<Curve, KeyError> {
        match oid {
            Some(o) if o == OID_P256 => Ok(Curve::P256),
            Some(o) if o == OID_P384 => Ok(Curve::P384),
            Some(o) if o == OID_P521 => Ok(Curve::P521),
            Some(o) if o == OID_SECP256K1 => Err(KeyError::Unsupported(
                "secp256k1 (ES256K) keys are not supported".into(),
            )),
            Some(o) => Err(KeyError::Unsupported(format!("EC curve {o}"))),
            None => Err(KeyError::Unsupported("EC key without a named curve".into())),
        }
    }
    fn from_jwk(crv: Option<&str>) -> Result<Curve, KeyError> {
        match crv {
            Some("P-256") => Ok(Curve::P256),
            Some("P-384") => Ok(Curve::P384),
            Some("P-521") => Ok(Curve::P521),
            Some(other) => Err(KeyError::Unsupported(format!("EC curve {other:?}"))),
            None => Err(KeyError::Invalid("EC JWK has no \"crv\"".into())),
        }
    }
    fn verification(self) -> &'static sig::EcdsaVerificationAlgorithm {
        match self {
            Curve::P256 => &sig::ECDSA_P256_SHA256_FIXED,
            Curve::P384 => &sig::ECDSA_P384_SHA384_FIXED,
            Curve::P521 => &sig::ECDSA_P521_SHA512_FIXED,
        }
    }
    fn signing(self) -> &'static sig::EcdsaSigningAlgorithm {
        match self {
            Curve::P256 => &sig::ECDSA_P256_SHA256_FIXED_SIGNING,
            Curve::P384 => &sig::ECDSA_P384_SHA384_FIXED_SIGNING,
            Curve::P521 => &sig::ECDSA_P521_SHA512_FIXED_SIGNING,
        }
    }
}

/// What a key is, which decides the algorithms it may serve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// An HMAC secret of this many bytes.
    Hmac(usize),
    /// An RSA key with a modulus of this many bits.
    Rsa(usize),
    Ec(Curve),
    Ed25519,
}

impl KeyKind {
    /// The algorithms this key may serve: the only source of the allowed set.
    pub fn allowed_algs(self) -> &'static [Alg] {
        match self {
            KeyKind::Hmac(_) => &[Alg::HS256, Alg::HS384, Alg::HS512],
            // The crypto library verifies keys under 2048 bits only in these two legacy modes.
            KeyKind::Rsa(bits) if bits < MIN_RSA_BITS => &[Alg::RS256, Alg::RS512],
            KeyKind::Rsa(_) => &[
                Alg::RS256,
                Alg::RS384,
                Alg::RS512,
                Alg::PS256,
                Alg::PS384,
                Alg::PS512,
            ],
            KeyKind::Ec(Curve::P256) => &[Alg::ES256],
            KeyKind::Ec(Curve::P384) => &[Alg::ES384],
            KeyKind::Ec(Curve::P521) => &[Alg::ES512],
            KeyKind::Ed25519 => &[Alg::EdDSA],
        }
    }

    pub fn allows(self, alg: Alg) -> bool {
        self.allowed_algs().contains(&alg)
    }

    /// The algorithm `sign` uses when the user names none.
    pub fn default_alg(self) -> Alg {
        match self {
            KeyKind::Hmac(_) => Alg::HS256,
            KeyKind::Rsa(_) => Alg::RS256,
            KeyKind::Ec(c) => c.alg(),
            KeyKind::Ed25519 => Alg::EdDSA,
        }
    }

    pub fn family(self) -> Family {
        match self {
            KeyKind::Hmac(_) => Family::Hmac,
            KeyKind::Rsa(_) => Family::Rsa,
            KeyKind::Ec(_) => Family::Ec,
            KeyKind::Ed25519 => Family::Ed25519,
        }
    }

    /// The JWK `kty` for this kind.
    pub fn kty(self) -> &'static str {
        match self {
            KeyKind::Hmac(_) => "oct",
            KeyKind::Rsa(_) => "RSA",
            KeyKind::Ec(_) => "EC",
            KeyKind::Ed25519 => "OKP",
        }
    }

    /// Key size in bits (the curve order size for EC).
    pub fn bits(self) -> usize {
        match self {
            KeyKind::Hmac(bytes) => bytes * 8,
            KeyKind::Rsa(bits) => bits,
            KeyKind::Ec(Curve::P256) => 256,
            KeyKind::Ec(Curve::P384) => 384,
            KeyKind::Ec(Curve::P521) => 521,
            KeyKind::Ed25519 => 256,
        }
    }

    /// "an HMAC secret", "an EC P-256 key"...: every kind's name starts with a vowel sound.
    pub fn with_article(self) -> String {
        match self {
            KeyKind::Hmac(_) => format!("an {self}"),
            _ => format!("an {self} key"),
        }
    }

    pub fn curve(self) -> Option<&'static str> {
        match self {
            KeyKind::Ec(c) => Some(c.name()),
            KeyKind::Ed25519 => Some("Ed25519"),
            _ => None,
        }
    }
}

impl fmt::Display for KeyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyKind::Hmac(_) => f.write_str("HMAC secret"),
            KeyKind::Rsa(bits) => write!(f, "RSA {bits}-bit"),
            KeyKind::Ec(c) => write!(f, "EC {}", c.name()),
            KeyKind::Ed25519 => f.write_str("Ed25519"),
        }
    }
}

/// The container a key came in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyFormat {
    /// PEM, with its label (`PUBLIC KEY`, `RSA PRIVATE KEY`, `CERTIFICATE`...).
    Pem(String),
    Der,
    Jwk,
    Jwks,
    Secret,
}

impl fmt::Display for KeyFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyFormat::Pem(label) => write!(f, "PEM ({label})"),
            KeyFormat::Der => f.write_str("DER"),
            KeyFormat::Jwk => f.write_str("JWK"),
            KeyFormat::Jwks => f.write_str("JWKS"),
            KeyFormat::Secret => f.write_str("secret"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::verifying::rsa_bits;
    use super::*;

    const ES256_SPKI_PEM: &str = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEf83OJ3D2xF1Bg8vub9tLe1gHMzV7\n6e8Tus9uPHvRVEXH8UTNG72bfocs3+257rn0s2ldbqkLJK2KRiMohYjlrQ==\n-----END PUBLIC KEY-----\n";

    #[test]
    fn pem_and_jwk_give_the_same_key() {
        let pem = KeySet::load(ES256_SPKI_PEM.as_bytes()).unwrap();
        let jwk = KeySet::load(
            br#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#,
        )
        .unwrap();
        assert_eq!(pem.keys()[0].kind(), KeyKind::Ec(Curve::P256));
        assert_eq!(pem.keys()[0].spki_der(), jwk.keys()[0].spki_der());
        assert_eq!(pem.keys()[0].public_jwk(), jwk.keys()[0].public_jwk());
        assert_eq!(pem.format(), &KeyFormat::Pem("PUBLIC KEY".into()));
        assert_eq!(pem.original(), ES256_SPKI_PEM.as_bytes());
    }

    #[test]
    fn allowed_algorithms_follow_the_key() {
        assert_eq!(KeyKind::Ec(Curve::P521).allowed_algs(), &[Alg::ES512]);
        assert!(!KeyKind::Rsa(2048).allows(Alg::HS256));
        assert!(!KeyKind::Hmac(32).allows(Alg::None));
    }

    #[test]
    fn garbage_is_unrecognised() {
        assert!(matches!(
            KeySet::load(b"hello"),
            Err(KeyError::UnknownFormat)
        ));
        assert!(matches!(KeySet::load(b""), Err(KeyError::Unrecognised(_))));
        assert!(matches!(
            KeySet::load(b"{\"kty\":1"),
            Err(KeyError::Unrecognised(_))
        ));
    }

    #[test]
    fn rsa_bits_counts_the_modulus() {
        assert_eq!(rsa_bits(&[0, 0x80, 0]), 16);
        assert_eq!(rsa_bits(&[0x01]), 1);
    }
}
