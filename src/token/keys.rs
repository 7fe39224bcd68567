//! The one key loader. Keys are recognised by their content, never by a file name:
//! PEM (PKCS#1, PKCS#8, SEC1, SubjectPublicKeyInfo, X.509 certificate), DER, a JWK or
//! a JWKS. The loader keeps the user's original bytes and says what each key is (type,
//! size, curve), because the algorithms a key may serve follow from that alone.

use std::fmt;
use std::sync::OnceLock;

use aws_lc_rs::encoding::{AsDer, PublicKeyX509Der};
use aws_lc_rs::rsa::{KeyPair as RsaKeyPair, KeyPairComponents, PublicKeyComponents};
use aws_lc_rs::signature::{
    self as sig, EcdsaKeyPair, Ed25519KeyPair, KeyPair as _, ParsedPublicKey,
};
use hmac::{Hmac, Mac};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Sha256, Sha384, Sha512};
use spki::ObjectIdentifier;
use spki::der::{Decode, Encode};

use super::alg::{Alg, Family};
use super::b64;
use super::secret::Secret;

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const OID_SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const OID_ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");

/// The smallest RSA modulus jwtx signs or verifies with (RFC 7518 §3.3).
pub const MIN_RSA_BITS: usize = 2048;
/// The largest RSA modulus aws-lc verifies with.
pub const MAX_RSA_BITS: usize = 8192;

/// Why a key cannot be used. Every one of these is exit code 6.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read key {0}")]
    Unreadable(String),
    #[error("not a recognised key: {0}")]
    Unrecognised(String),
    #[error("unsupported key: {0}")]
    Unsupported(String),
    #[error(
        "encrypted private keys are not supported; decrypt it first (openssl pkey -in KEY -out PLAIN)"
    )]
    Encrypted,
    #[error("RSA key is {0} bits; jwtx requires at least {MIN_RSA_BITS}")]
    RsaTooSmall(usize),
    #[error("invalid key: {0}")]
    Invalid(String),
    #[error("{0} is a public key; signing needs the private key")]
    NotPrivate(String),
    #[error("the JWKS holds no usable signature keys")]
    EmptySet,
    #[error("no signature key in the JWKS has kid {0:?}")]
    NoKeyForKid(String),
    #[error("{1} keys in the JWKS have kid {0:?}; jwtx will not guess which one")]
    AmbiguousKid(String, usize),
    #[error("a {key} key cannot be used with {alg}")]
    AlgMismatch { alg: Alg, key: String },
    #[error("HMAC secret is empty")]
    EmptySecret,
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
    fn coordinate_len(self) -> usize {
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

/// Public key material, prepared for verifying many tokens.
enum Public {
    Hmac(Box<HmacKeys>),
    Rsa {
        spki: Vec<u8>,
        parsed: Box<[OnceLock<Option<ParsedPublicKey>>; 6]>,
    },
    Ec(ParsedPublicKey),
    Ed25519(ParsedPublicKey),
}

/// An HMAC secret with its keyed states (the hashed ipad and opad blocks) computed once
/// per algorithm and cloned for each token.
struct HmacKeys {
    secret: Secret,
    hs256: OnceLock<Option<Hmac<Sha256>>>,
    hs384: OnceLock<Option<Hmac<Sha384>>>,
    hs512: OnceLock<Option<Hmac<Sha512>>>,
}

impl HmacKeys {
    fn new(secret: Secret) -> HmacKeys {
        HmacKeys {
            secret,
            hs256: OnceLock::new(),
            hs384: OnceLock::new(),
            hs512: OnceLock::new(),
        }
    }

    /// A fresh copy of the keyed state. HMAC takes keys of any length (RFC 2104 §2),
    /// so the `None` of the crate's general `new_from_slice` never happens.
    fn keyed<M: Mac + hmac::digest::KeyInit + Clone>(
        &self,
        cell: &OnceLock<Option<M>>,
    ) -> Option<M> {
        cell.get_or_init(|| <M as Mac>::new_from_slice(self.secret.expose()).ok())
            .clone()
    }

    /// Whether `tag` is the MAC of `input` (compared in constant time); `None` when
    /// `alg` is not an HMAC algorithm.
    fn verify(&self, alg: Alg, input: &[u8], tag: &[u8]) -> Option<bool> {
        fn check<M: Mac>(mac: Option<M>, input: &[u8], tag: &[u8]) -> bool {
            mac.is_some_and(|mut m| {
                m.update(input);
                m.verify_slice(tag).is_ok()
            })
        }
        Some(match alg {
            Alg::HS256 => check(self.keyed(&self.hs256), input, tag),
            Alg::HS384 => check(self.keyed(&self.hs384), input, tag),
            Alg::HS512 => check(self.keyed(&self.hs512), input, tag),
            _ => return None,
        })
    }

    fn sign(&self, alg: Alg, input: &[u8]) -> Option<Vec<u8>> {
        fn tag<M: Mac>(mac: Option<M>, input: &[u8]) -> Option<Vec<u8>> {
            let mut m = mac?;
            m.update(input);
            Some(m.finalize().into_bytes().to_vec())
        }
        match alg {
            Alg::HS256 => tag(self.keyed(&self.hs256), input),
            Alg::HS384 => tag(self.keyed(&self.hs384), input),
            Alg::HS512 => tag(self.keyed(&self.hs512), input),
            _ => None,
        }
    }
}

/// A key that verifies, with the JWK metadata that restricts it.
pub struct VerifyingKey {
    kind: KeyKind,
    kid: Option<String>,
    /// The JWK's `alg` member: the only algorithm it may serve, when present.
    pinned_alg: Option<String>,
    /// The JWK's `use` member.
    usage: Option<String>,
    key_ops: Option<Vec<String>>,
    public: Public,
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyingKey")
            .field("kind", &self.kind)
            .field("kid", &self.kid)
            .field("alg", &self.pinned_alg)
            .field("use", &self.usage)
            .finish_non_exhaustive()
    }
}

fn rsa_index(alg: Alg) -> Option<(usize, &'static sig::RsaParameters)> {
    Some(match alg {
        Alg::RS256 => (0, &sig::RSA_PKCS1_2048_8192_SHA256),
        Alg::RS384 => (1, &sig::RSA_PKCS1_2048_8192_SHA384),
        Alg::RS512 => (2, &sig::RSA_PKCS1_2048_8192_SHA512),
        Alg::PS256 => (3, &sig::RSA_PSS_2048_8192_SHA256),
        Alg::PS384 => (4, &sig::RSA_PSS_2048_8192_SHA384),
        Alg::PS512 => (5, &sig::RSA_PSS_2048_8192_SHA512),
        _ => return None,
    })
}

impl VerifyingKey {
    pub fn kind(&self) -> KeyKind {
        self.kind
    }
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }
    pub fn pinned_alg(&self) -> Option<&str> {
        self.pinned_alg.as_deref()
    }
    pub fn usage(&self) -> Option<&str> {
        self.usage.as_deref()
    }

    /// Builds a verifying key from an HMAC secret.
    pub fn from_secret(secret: Secret) -> Result<VerifyingKey, KeyError> {
        if secret.is_empty() {
            return Err(KeyError::EmptySecret);
        }
        Ok(VerifyingKey {
            kind: KeyKind::Hmac(secret.len()),
            kid: None,
            pinned_alg: None,
            usage: None,
            key_ops: None,
            public: Public::Hmac(Box::new(HmacKeys::new(secret))),
        })
    }

    /// Whether `tag` is the `alg` HMAC of `input` under `secret`, any secret at all
    /// (the empty one included): for audit, which re-verifies every secret it guesses.
    pub fn hmac_matches(secret: &[u8], alg: Alg, input: &[u8], tag: &[u8]) -> bool {
        HmacKeys::new(Secret::new(secret.to_vec()))
            .verify(alg, input, tag)
            .unwrap_or(false)
    }

    /// Whether the JWK's `use` and `key_ops` allow verifying at all (an `enc` key never
    /// verifies).
    pub fn may_verify(&self) -> bool {
        self.usage.as_deref().is_none_or(|u| u == "sig")
            && self
                .key_ops
                .as_ref()
                .is_none_or(|ops| ops.iter().any(|o| o == "verify"))
    }

    /// Whether this key may verify a token signed with `alg`: the key type allows it,
    /// the JWK's `alg` pin (if any) names it, and its `use`/`key_ops` permit verifying.
    pub fn accepts(&self, alg: Alg) -> bool {
        self.kind.allows(alg)
            && self.pinned_alg.as_deref().is_none_or(|p| p == alg.name())
            && self.usage.as_deref().is_none_or(|u| u == "sig")
            && self
                .key_ops
                .as_ref()
                .is_none_or(|ops| ops.iter().any(|o| o == "verify"))
    }

    /// Checks `signature` over `input` with `alg`. The caller has already decided
    /// that `alg` is allowed; a key that cannot serve it is an error, not a `false`.
    pub fn verify(&self, alg: Alg, input: &[u8], signature: &[u8]) -> Result<bool, KeyError> {
        let mismatch = || KeyError::AlgMismatch {
            alg,
            key: self.kind.to_string(),
        };
        if !self.kind.allows(alg) {
            return Err(mismatch());
        }
        Ok(match &self.public {
            Public::Hmac(keys) => keys.verify(alg, input, signature).ok_or_else(mismatch)?,
            Public::Rsa { spki, parsed } => {
                let (i, params) = rsa_index(alg).ok_or_else(mismatch)?;
                let key = parsed[i]
                    .get_or_init(|| ParsedPublicKey::new(params, spki).ok())
                    .as_ref()
                    .ok_or_else(|| KeyError::Invalid("RSA public key rejected".into()))?;
                key.verify_sig(input, signature).is_ok()
            }
            Public::Ec(key) | Public::Ed25519(key) => key.verify_sig(input, signature).is_ok(),
        })
    }

    /// The SubjectPublicKeyInfo DER, for asymmetric keys.
    pub fn spki_der(&self) -> Option<Vec<u8>> {
        match &self.public {
            Public::Hmac(_) => None,
            Public::Rsa { spki, .. } => Some(spki.clone()),
            Public::Ec(k) | Public::Ed25519(k) => {
                let der: PublicKeyX509Der<'_> = k.as_der().ok()?;
                Some(der.as_ref().to_vec())
            }
        }
    }

    /// The public key as a JWK (RFC 7517), for asymmetric keys.
    pub fn public_jwk(&self) -> Option<Value> {
        let spki_der = self.spki_der()?;
        let info = spki::SubjectPublicKeyInfoRef::try_from(spki_der.as_slice()).ok()?;
        let bits = info.subject_public_key.raw_bytes();
        let mut jwk = match self.kind {
            KeyKind::Rsa(_) => {
                let key = aws_lc_rs::rsa::PublicKey::from_der(bits).ok()?;
                let c = PublicKeyComponents::<Vec<u8>>::from(&key);
                json!({"kty": "RSA", "n": b64::encode(&c.n), "e": b64::encode(&c.e)})
            }
            KeyKind::Ec(curve) => {
                let n = curve.coordinate_len();
                if bits.len() != 1 + 2 * n {
                    return None;
                }
                json!({"kty": "EC", "crv": curve.name(),
                       "x": b64::encode(&bits[1..=n]), "y": b64::encode(&bits[1 + n..])})
            }
            KeyKind::Ed25519 => json!({"kty": "OKP", "crv": "Ed25519", "x": b64::encode(bits)}),
            KeyKind::Hmac(_) => return None,
        };
        if let Some(kid) = &self.kid {
            jwk["kid"] = Value::String(kid.clone());
        }
        Some(jwk)
    }

    /// The RFC 7638 SHA-256 thumbprint of the public key.
    pub fn thumbprint(&self) -> Option<String> {
        let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_value(self.public_jwk()?).ok()?;
        jwk.thumbprint(jsonwebtoken::jwk::ThumbprintHash::SHA256)
            .ok()
    }
}

/// Everything the user's key source held, with the bytes as given.
pub struct KeySet {
    keys: Vec<VerifyingKey>,
    format: KeyFormat,
    original: Vec<u8>,
}

impl fmt::Debug for KeySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeySet")
            .field("format", &self.format)
            .field("keys", &self.keys)
            .finish_non_exhaustive()
    }
}

impl KeySet {
    pub fn from_secret(secret: Secret) -> Result<KeySet, KeyError> {
        Ok(KeySet {
            keys: vec![VerifyingKey::from_secret(secret)?],
            format: KeyFormat::Secret,
            original: Vec::new(),
        })
    }

    /// Loads public (or private, used for their public half) keys from any supported format.
    pub fn load(bytes: &[u8]) -> Result<KeySet, KeyError> {
        let original = bytes.to_vec();
        let (format, keys) = match detect(bytes)? {
            Container::Json(value) => load_json_public(value)?,
            Container::Pem(label, der) => {
                let key = public_from_der(Some(&label), &der)?;
                (KeyFormat::Pem(label), vec![key])
            }
            Container::Der(der) => (KeyFormat::Der, vec![public_from_der(None, &der)?]),
        };
        Ok(KeySet {
            keys,
            format,
            original,
        })
    }

    pub fn keys(&self) -> &[VerifyingKey] {
        &self.keys
    }
    pub fn format(&self) -> &KeyFormat {
        &self.format
    }
    /// The bytes exactly as the user gave them (empty for a secret).
    pub fn original(&self) -> &[u8] {
        &self.original
    }
    pub fn is_set(&self) -> bool {
        self.format == KeyFormat::Jwks
    }

    /// The byte strings a careless verifier might use as an HMAC secret when handed
    /// these public keys (the algorithm-confusion attack): the bytes as given (with and
    /// without a final newline), each key's canonical PEM (likewise), DER and JWK JSON.
    /// Labelled, distinct and non-empty.
    pub fn confusion_secrets(&self) -> Vec<(&'static str, Vec<u8>)> {
        let mut out: Vec<(&'static str, Vec<u8>)> = vec![("file bytes", self.original.clone())];
        if let Some(stripped) = self.original.strip_suffix(b"\n") {
            out.push(("file bytes without the final newline", stripped.to_vec()));
        }
        for key in &self.keys {
            if let Some(der) = key.spki_der() {
                if let Ok(pem) =
                    pem_rfc7468::encode_string("PUBLIC KEY", pem_rfc7468::LineEnding::LF, &der)
                {
                    if let Some(stripped) = pem.strip_suffix('\n') {
                        out.push((
                            "PEM text without the final newline",
                            stripped.as_bytes().to_vec(),
                        ));
                    }
                    out.push(("PEM text", pem.into_bytes()));
                }
                out.push(("DER bytes", der));
            }
            if let Some(jwk) = key.public_jwk() {
                out.push(("JWK JSON", jwk.to_string().into_bytes()));
            }
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|(_, bytes)| !bytes.is_empty() && seen.insert(bytes.clone()));
        out
    }
}

enum Container {
    Json(Value),
    Pem(String, Vec<u8>),
    Der(Vec<u8>),
}

/// Finds the key block in a PEM file that may hold several (`EC PARAMETERS` before
/// an `EC PRIVATE KEY`, a certificate chain...). The first key or certificate wins.
fn first_pem_key(text: &str) -> Result<(String, Vec<u8>), KeyError> {
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let block = &rest[start..];
        let label_end = block[11..]
            .find("-----")
            .ok_or_else(|| KeyError::Unrecognised("PEM header is not closed".into()))?;
        let label = &block[11..11 + label_end];
        let end_marker = format!("-----END {label}-----");
        let end = block.find(&end_marker).ok_or_else(|| {
            KeyError::Unrecognised(format!("PEM block {label:?} has no END line"))
        })? + end_marker.len();
        rest = &block[end..];
        match label {
            "EC PARAMETERS" => continue,
            "ENCRYPTED PRIVATE KEY" => return Err(KeyError::Encrypted),
            _ => {}
        }
        if block[..end].contains("Proc-Type: 4,ENCRYPTED") {
            return Err(KeyError::Encrypted);
        }
        let (label, der) = pem_rfc7468::decode_vec(&block.as_bytes()[..end])
            .map_err(|e| KeyError::Unrecognised(format!("PEM block {label:?}: {e}")))?;
        return Ok((label.to_owned(), der));
    }
    Err(KeyError::Unrecognised("PEM text holds no key".into()))
}

fn detect(bytes: &[u8]) -> Result<Container, KeyError> {
    let trimmed = bytes.trim_ascii();
    if trimmed.is_empty() {
        return Err(KeyError::Unrecognised("the key is empty".into()));
    }
    if trimmed[0] == b'{' {
        let value: Value = serde_json::from_slice(trimmed).map_err(|e| {
            KeyError::Unrecognised(format!("looks like a JWK but is not JSON: {e}"))
        })?;
        return Ok(Container::Json(value));
    }
    if let Ok(text) = std::str::from_utf8(trimmed)
        && text.contains("-----BEGIN ")
    {
        let (label, der) = first_pem_key(text)?;
        return Ok(Container::Pem(label, der));
    }
    if trimmed[0] == 0x30 {
        return Ok(Container::Der(bytes.to_vec()));
    }
    Err(KeyError::Unrecognised(
        "expected PEM, DER, a JWK or a JWKS (for an HMAC secret use --secret, --secret-file or --secret-env)"
            .into(),
    ))
}

fn ec_public(curve: Curve, bytes: &[u8]) -> Result<VerifyingKey, KeyError> {
    let parsed = ParsedPublicKey::new(curve.verification(), bytes)
        .map_err(|e| KeyError::Invalid(format!("EC {} public key: {e}", curve.name())))?;
    Ok(asymmetric(KeyKind::Ec(curve), Public::Ec(parsed)))
}

fn ed_public(bytes: &[u8]) -> Result<VerifyingKey, KeyError> {
    let parsed = ParsedPublicKey::new(&sig::ED25519, bytes)
        .map_err(|e| KeyError::Invalid(format!("Ed25519 public key: {e}")))?;
    Ok(asymmetric(KeyKind::Ed25519, Public::Ed25519(parsed)))
}

fn rsa_bits(n: &[u8]) -> usize {
    let n = match n.iter().position(|&b| b != 0) {
        Some(i) => &n[i..],
        None => return 0,
    };
    n.len() * 8 - n[0].leading_zeros() as usize
}

/// From an RSA public key in PKCS#1 or SPKI DER.
fn rsa_public(der: &[u8]) -> Result<VerifyingKey, KeyError> {
    let key = aws_lc_rs::rsa::PublicKey::from_der(der)
        .map_err(|e| KeyError::Invalid(format!("RSA public key: {e}")))?;
    let components = PublicKeyComponents::<Vec<u8>>::from(&key);
    rsa_from_components(&components)
}

fn rsa_from_components(c: &PublicKeyComponents<Vec<u8>>) -> Result<VerifyingKey, KeyError> {
    let bits = rsa_bits(&c.n);
    if bits < MIN_RSA_BITS {
        return Err(KeyError::RsaTooSmall(bits));
    }
    if bits > MAX_RSA_BITS {
        return Err(KeyError::Unsupported(format!(
            "RSA key is {bits} bits; jwtx verifies with at most {MAX_RSA_BITS}"
        )));
    }
    let spki: PublicKeyX509Der<'_> = c
        .as_der()
        .map_err(|_| KeyError::Invalid("RSA public key components".into()))?;
    Ok(asymmetric(
        KeyKind::Rsa(bits),
        Public::Rsa {
            spki: spki.as_ref().to_vec(),
            parsed: Default::default(),
        },
    ))
}

fn asymmetric(kind: KeyKind, public: Public) -> VerifyingKey {
    VerifyingKey {
        kind,
        kid: None,
        pinned_alg: None,
        usage: None,
        key_ops: None,
        public,
    }
}

fn public_from_spki(der: &[u8]) -> Result<VerifyingKey, KeyError> {
    let info = spki::SubjectPublicKeyInfoRef::try_from(der)
        .map_err(|e| KeyError::Unrecognised(format!("SubjectPublicKeyInfo: {e}")))?;
    let (oid, params) = info
        .algorithm
        .oids()
        .map_err(|e| KeyError::Unrecognised(format!("SubjectPublicKeyInfo: {e}")))?;
    let bits = info.subject_public_key.raw_bytes();
    match oid {
        o if o == OID_RSA => rsa_public(bits),
        o if o == OID_RSA_PSS => Err(KeyError::Unsupported(
            "RSASSA-PSS-only keys (id-RSASSA-PSS); export the key as rsaEncryption".into(),
        )),
        o if o == OID_EC => ec_public(Curve::from_oid(params)?, bits),
        o if o == OID_ED25519 => ed_public(bits),
        o if o == OID_ED448 => Err(KeyError::Unsupported("Ed448 keys".into())),
        o => Err(KeyError::Unsupported(format!("public key algorithm {o}"))),
    }
}

fn public_from_der(label: Option<&str>, der: &[u8]) -> Result<VerifyingKey, KeyError> {
    match label {
        Some("PUBLIC KEY") => public_from_spki(der),
        Some("RSA PUBLIC KEY") => rsa_public(der),
        Some("CERTIFICATE") => public_from_certificate(der),
        Some("RSA PRIVATE KEY" | "PRIVATE KEY" | "EC PRIVATE KEY") => {
            signing_from_der(label, der)?.verifying_key()
        }
        Some(other) => Err(KeyError::Unrecognised(format!(
            "PEM block {other:?} is not a key"
        ))),
        None => public_from_spki(der)
            .or_else(|_| public_from_certificate(der))
            .or_else(|_| rsa_public(der))
            .or_else(|_| signing_from_der(None, der).and_then(|k| k.verifying_key()))
            .map_err(|_| {
                KeyError::Unrecognised("DER data is not a key or certificate jwtx knows".into())
            }),
    }
}

fn public_from_certificate(der: &[u8]) -> Result<VerifyingKey, KeyError> {
    let cert = x509_cert::Certificate::from_der(der)
        .map_err(|e| KeyError::Unrecognised(format!("X.509 certificate: {e}")))?;
    let spki = cert
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(|e| KeyError::Invalid(format!("certificate public key: {e}")))?;
    public_from_spki(&spki)
}

/// JWK members jwtx reads. Unknown members are ignored, as RFC 7517 §4 asks.
#[derive(Deserialize, Default)]
#[serde(default)]
struct JwkFields {
    kty: Option<String>,
    kid: Option<Value>,
    alg: Option<String>,
    #[serde(rename = "use")]
    usage: Option<String>,
    key_ops: Option<Vec<String>>,
    crv: Option<String>,
    k: Option<String>,
    n: Option<String>,
    e: Option<String>,
    x: Option<String>,
    y: Option<String>,
    d: Option<String>,
    p: Option<String>,
    q: Option<String>,
    dp: Option<String>,
    dq: Option<String>,
    qi: Option<String>,
}

fn member(value: &Option<String>, name: &str, kty: &str) -> Result<Vec<u8>, KeyError> {
    let text = value
        .as_deref()
        .ok_or_else(|| KeyError::Invalid(format!("{kty} JWK has no {name:?}")))?;
    b64::decode_lenient(text)
        .map(|(bytes, _)| bytes)
        .ok_or_else(|| KeyError::Invalid(format!("JWK member {name:?} is not base64url")))
}

impl JwkFields {
    fn kty(&self) -> Result<&str, KeyError> {
        self.kty
            .as_deref()
            .ok_or_else(|| KeyError::Invalid("JWK has no \"kty\"".into()))
    }

    fn ec_point(&self, curve: Curve) -> Result<Vec<u8>, KeyError> {
        let x = member(&self.x, "x", "EC")?;
        let y = member(&self.y, "y", "EC")?;
        let n = curve.coordinate_len();
        if x.len() != n || y.len() != n {
            return Err(KeyError::Invalid(format!(
                "EC {} JWK coordinates must be {n} bytes each",
                curve.name()
            )));
        }
        let mut point = Vec::with_capacity(1 + 2 * n);
        point.push(4);
        point.extend_from_slice(&x);
        point.extend_from_slice(&y);
        Ok(point)
    }

    fn public(&self) -> Result<VerifyingKey, KeyError> {
        let mut key = match self.kty()? {
            "oct" => VerifyingKey::from_secret(Secret::new(member(&self.k, "k", "oct")?))?,
            "RSA" => rsa_from_components(&PublicKeyComponents {
                n: strip_zeros(member(&self.n, "n", "RSA")?),
                e: strip_zeros(member(&self.e, "e", "RSA")?),
            })?,
            "EC" => {
                let curve = Curve::from_jwk(self.crv.as_deref())?;
                ec_public(curve, &self.ec_point(curve)?)?
            }
            "OKP" => match self.crv.as_deref() {
                Some("Ed25519") => ed_public(&member(&self.x, "x", "OKP")?)?,
                other => {
                    return Err(KeyError::Unsupported(format!(
                        "OKP curve {:?} (only Ed25519 signs)",
                        other.unwrap_or("")
                    )));
                }
            },
            other => return Err(KeyError::Unsupported(format!("JWK kty {other:?}"))),
        };
        self.annotate(&mut key);
        Ok(key)
    }

    fn annotate(&self, key: &mut VerifyingKey) {
        key.kid = self.kid.as_ref().and_then(Value::as_str).map(str::to_owned);
        key.pinned_alg.clone_from(&self.alg);
        key.usage.clone_from(&self.usage);
        key.key_ops.clone_from(&self.key_ops);
    }

    fn signing(&self) -> Result<SigningKey, KeyError> {
        let kty = self.kty()?;
        if kty != "oct" && self.d.is_none() {
            return Err(KeyError::NotPrivate(format!("this {kty} JWK")));
        }
        let private = match kty {
            "oct" => {
                let secret = Secret::new(member(&self.k, "k", "oct")?);
                if secret.is_empty() {
                    return Err(KeyError::EmptySecret);
                }
                Private::Hmac(secret)
            }
            "RSA" => {
                let get = |v: &Option<String>, name| member(v, name, "RSA").map(strip_zeros);
                let components = KeyPairComponents {
                    public_key: PublicKeyComponents {
                        n: get(&self.n, "n")?,
                        e: get(&self.e, "e")?,
                    },
                    d: get(&self.d, "d")?,
                    p: get(&self.p, "p")?,
                    q: get(&self.q, "q")?,
                    dP: get(&self.dp, "dp")?,
                    dQ: get(&self.dq, "dq")?,
                    qInv: get(&self.qi, "qi")?,
                };
                let bits = rsa_bits(&components.public_key.n);
                if bits < MIN_RSA_BITS {
                    return Err(KeyError::RsaTooSmall(bits));
                }
                let pair = RsaKeyPair::from_components(&components)
                    .map_err(|e| KeyError::Invalid(format!("RSA private JWK: {e}")))?;
                Private::Rsa(pair)
            }
            "EC" => {
                let curve = Curve::from_jwk(self.crv.as_deref())?;
                let d = member(&self.d, "d", "EC")?;
                let pair = EcdsaKeyPair::from_private_key_and_public_key(
                    curve.signing(),
                    &d,
                    &self.ec_point(curve)?,
                )
                .map_err(|e| KeyError::Invalid(format!("EC private JWK: {e}")))?;
                Private::Ec(curve, pair)
            }
            "OKP" => {
                if self.crv.as_deref() != Some("Ed25519") {
                    return Err(KeyError::Unsupported("OKP keys other than Ed25519".into()));
                }
                let d = member(&self.d, "d", "OKP")?;
                let x = member(&self.x, "x", "OKP")?;
                let pair = Ed25519KeyPair::from_seed_and_public_key(&d, &x)
                    .map_err(|e| KeyError::Invalid(format!("Ed25519 private JWK: {e}")))?;
                Private::Ed25519(pair)
            }
            other => return Err(KeyError::Unsupported(format!("JWK kty {other:?}"))),
        };
        Ok(SigningKey {
            kid: self.kid.as_ref().and_then(Value::as_str).map(str::to_owned),
            pinned_alg: self.alg.clone(),
            private,
        })
    }
}

fn strip_zeros(mut bytes: Vec<u8>) -> Vec<u8> {
    let leading = bytes.iter().take_while(|&&b| b == 0).count();
    bytes.drain(..leading.min(bytes.len().saturating_sub(1)));
    bytes
}

fn load_json_public(value: Value) -> Result<(KeyFormat, Vec<VerifyingKey>), KeyError> {
    if let Some(keys) = value.get("keys") {
        let keys = keys
            .as_array()
            .ok_or_else(|| KeyError::Invalid("JWKS \"keys\" is not an array".into()))?;
        // A JWKS may carry keys jwtx cannot use (encryption keys, other curves): skip
        // those, but fail if nothing usable remains.
        let usable: Vec<VerifyingKey> = keys
            .iter()
            .filter_map(|k| serde_json::from_value::<JwkFields>(k.clone()).ok())
            .filter_map(|f| f.public().ok())
            .filter(VerifyingKey::may_verify)
            .collect();
        if usable.is_empty() {
            return Err(KeyError::EmptySet);
        }
        return Ok((KeyFormat::Jwks, usable));
    }
    let fields: JwkFields =
        serde_json::from_value(value).map_err(|e| KeyError::Invalid(format!("JWK: {e}")))?;
    Ok((KeyFormat::Jwk, vec![fields.public()?]))
}

enum Private {
    Hmac(Secret),
    Rsa(RsaKeyPair),
    Ec(Curve, EcdsaKeyPair),
    Ed25519(Ed25519KeyPair),
}

/// A key that signs.
pub struct SigningKey {
    kid: Option<String>,
    pinned_alg: Option<String>,
    private: Private,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("kind", &self.kind())
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    pub fn from_secret(secret: Secret) -> Result<SigningKey, KeyError> {
        if secret.is_empty() {
            return Err(KeyError::EmptySecret);
        }
        Ok(SigningKey {
            kid: None,
            pinned_alg: None,
            private: Private::Hmac(secret),
        })
    }

    /// Loads a private key from PEM, DER or a private JWK.
    pub fn load(bytes: &[u8]) -> Result<SigningKey, KeyError> {
        match detect(bytes)? {
            Container::Json(value) => {
                if value.get("keys").is_some() {
                    return Err(KeyError::Unsupported(
                        "a JWKS cannot sign; give the one private JWK".into(),
                    ));
                }
                let fields: JwkFields = serde_json::from_value(value)
                    .map_err(|e| KeyError::Invalid(format!("JWK: {e}")))?;
                fields.signing()
            }
            Container::Pem(label, der) => signing_from_der(Some(&label), &der),
            Container::Der(der) => signing_from_der(None, &der),
        }
    }

    pub fn kind(&self) -> KeyKind {
        match &self.private {
            Private::Hmac(s) => KeyKind::Hmac(s.len()),
            Private::Rsa(pair) => KeyKind::Rsa(pair.public_modulus_len() * 8),
            Private::Ec(curve, _) => KeyKind::Ec(*curve),
            Private::Ed25519(_) => KeyKind::Ed25519,
        }
    }

    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The JWK's `alg` pin, if the key came as a JWK that has one.
    pub fn pinned_alg(&self) -> Option<&str> {
        self.pinned_alg.as_deref()
    }

    /// The public half, for verifying what this key signed.
    pub fn verifying_key(&self) -> Result<VerifyingKey, KeyError> {
        let rejected =
            |e: aws_lc_rs::error::KeyRejected| KeyError::Invalid(format!("public key: {e}"));
        let mut key = match &self.private {
            Private::Hmac(s) => VerifyingKey {
                kind: KeyKind::Hmac(s.len()),
                kid: None,
                pinned_alg: None,
                usage: None,
                key_ops: None,
                public: Public::Hmac(Box::new(HmacKeys::new(s.clone()))),
            },
            Private::Rsa(pair) => {
                let c = PublicKeyComponents::<Vec<u8>>::from(pair.public_key());
                let spki = c.as_der().map(|d| d.as_ref().to_vec()).unwrap_or_default();
                asymmetric(
                    self.kind(),
                    Public::Rsa {
                        spki,
                        parsed: Default::default(),
                    },
                )
            }
            Private::Ec(curve, pair) => {
                let parsed = ParsedPublicKey::new(curve.verification(), pair.public_key().as_ref())
                    .map_err(rejected)?;
                asymmetric(KeyKind::Ec(*curve), Public::Ec(parsed))
            }
            Private::Ed25519(pair) => {
                let parsed = ParsedPublicKey::new(&sig::ED25519, pair.public_key().as_ref())
                    .map_err(rejected)?;
                asymmetric(KeyKind::Ed25519, Public::Ed25519(parsed))
            }
        };
        key.kid.clone_from(&self.kid);
        Ok(key)
    }

    /// Signs `input` with `alg`. The caller has checked that the key allows `alg`.
    pub fn sign(&self, alg: Alg, input: &[u8]) -> Result<Vec<u8>, KeyError> {
        let mismatch = || KeyError::AlgMismatch {
            alg,
            key: self.kind().to_string(),
        };
        if !self.kind().allows(alg) {
            return Err(mismatch());
        }
        let rng = aws_lc_rs::rand::SystemRandom::new();
        let failed = |what: &str| KeyError::Invalid(format!("{what} signing failed"));
        match &self.private {
            Private::Hmac(secret) => HmacKeys::new(secret.clone())
                .sign(alg, input)
                .ok_or_else(mismatch),
            Private::Rsa(pair) => {
                let padding: &'static dyn sig::RsaEncoding = match alg {
                    Alg::RS256 => &sig::RSA_PKCS1_SHA256,
                    Alg::RS384 => &sig::RSA_PKCS1_SHA384,
                    Alg::RS512 => &sig::RSA_PKCS1_SHA512,
                    Alg::PS256 => &sig::RSA_PSS_SHA256,
                    Alg::PS384 => &sig::RSA_PSS_SHA384,
                    Alg::PS512 => &sig::RSA_PSS_SHA512,
                    _ => return Err(mismatch()),
                };
                let mut out = vec![0; pair.public_modulus_len()];
                pair.sign(padding, &rng, input, &mut out)
                    .map_err(|_| failed("RSA"))?;
                Ok(out)
            }
            Private::Ec(_, pair) => Ok(pair
                .sign(&rng, input)
                .map_err(|_| failed("ECDSA"))?
                .as_ref()
                .to_vec()),
            Private::Ed25519(pair) => Ok(pair.sign(input).as_ref().to_vec()),
        }
    }
}

fn rsa_private(der: &[u8], pkcs8: bool) -> Result<SigningKey, KeyError> {
    let pair = if pkcs8 {
        RsaKeyPair::from_pkcs8(der)
    } else {
        RsaKeyPair::from_der(der)
    };
    let pair = pair.map_err(|e| match e.description_() {
        "TooSmall" => KeyError::RsaTooSmall(rsa_private_bits(der).unwrap_or(0)),
        other => KeyError::Invalid(format!("RSA private key: {other}")),
    })?;
    Ok(SigningKey {
        kid: None,
        pinned_alg: None,
        private: Private::Rsa(pair),
    })
}

/// The modulus size of an RSA private key aws-lc refused, for the error message.
fn rsa_private_bits(der: &[u8]) -> Option<usize> {
    // PKCS#8 wraps the PKCS#1 structure; either way the modulus is the first large
    // INTEGER. Decode generically rather than trusting offsets.
    use spki::der::asn1::UintRef;
    use spki::der::{Reader, SliceReader};
    let inner = pkcs8::PrivateKeyInfoRef::try_from(der)
        .map(|info| info.private_key.as_bytes().to_vec())
        .unwrap_or_else(|_| der.to_vec());
    let mut reader = SliceReader::new(&inner).ok()?;
    reader
        .sequence(|seq| {
            let _version: UintRef<'_> = seq.decode()?;
            let n: UintRef<'_> = seq.decode()?;
            // The other members do not matter here, but must be consumed.
            let rest = seq.remaining_len();
            seq.read_slice(rest)?;
            Ok::<_, spki::der::Error>(rsa_bits(n.as_bytes()))
        })
        .ok()
}

fn ec_private(der: &[u8], curve: Curve, pkcs8: bool) -> Result<SigningKey, KeyError> {
    let pair = if pkcs8 {
        EcdsaKeyPair::from_pkcs8(curve.signing(), der)
    } else {
        EcdsaKeyPair::from_private_key_der(curve.signing(), der)
    };
    let pair = pair.map_err(|e| KeyError::Invalid(format!("EC private key: {e}")))?;
    Ok(SigningKey {
        kid: None,
        pinned_alg: None,
        private: Private::Ec(curve, pair),
    })
}

fn sec1_private(der: &[u8]) -> Result<SigningKey, KeyError> {
    for curve in [Curve::P256, Curve::P384, Curve::P521] {
        if let Ok(key) = ec_private(der, curve, false) {
            return Ok(key);
        }
    }
    Err(KeyError::Unsupported(
        "EC private key on a curve jwtx does not support (P-256, P-384, P-521)".into(),
    ))
}

fn pkcs8_private(der: &[u8]) -> Result<SigningKey, KeyError> {
    let info = pkcs8::PrivateKeyInfoRef::try_from(der)
        .map_err(|e| KeyError::Unrecognised(format!("PKCS#8: {e}")))?;
    let (oid, params) = info
        .algorithm
        .oids()
        .map_err(|e| KeyError::Unrecognised(format!("PKCS#8: {e}")))?;
    match oid {
        o if o == OID_RSA => rsa_private(der, true),
        o if o == OID_EC => ec_private(der, Curve::from_oid(params)?, true),
        o if o == OID_ED25519 => {
            let pair = Ed25519KeyPair::from_pkcs8_maybe_unchecked(der)
                .map_err(|e| KeyError::Invalid(format!("Ed25519 private key: {e}")))?;
            Ok(SigningKey {
                kid: None,
                pinned_alg: None,
                private: Private::Ed25519(pair),
            })
        }
        o if o == OID_ED448 => Err(KeyError::Unsupported("Ed448 keys".into())),
        o => Err(KeyError::Unsupported(format!("private key algorithm {o}"))),
    }
}

fn signing_from_der(label: Option<&str>, der: &[u8]) -> Result<SigningKey, KeyError> {
    match label {
        Some("PRIVATE KEY") => pkcs8_private(der),
        Some("RSA PRIVATE KEY") => rsa_private(der, false),
        Some("EC PRIVATE KEY") => sec1_private(der),
        Some(l @ ("PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE")) => {
            Err(KeyError::NotPrivate(format!("PEM {l:?}")))
        }
        Some(other) => Err(KeyError::Unrecognised(format!(
            "PEM block {other:?} is not a key"
        ))),
        None => pkcs8_private(der)
            .or_else(|_| rsa_private(der, false))
            .or_else(|_| sec1_private(der))
            .map_err(|_| {
                if public_from_der(Some("PUBLIC KEY"), der).is_ok()
                    || public_from_certificate(der).is_ok()
                {
                    KeyError::NotPrivate("this DER key".into())
                } else {
                    KeyError::Unrecognised("DER data is not a private key jwtx knows".into())
                }
            }),
    }
}

#[cfg(test)]
mod tests {
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
            Err(KeyError::Unrecognised(_))
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
