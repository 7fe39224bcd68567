//! Keys that verify: public keys (and the public half of private ones), prepared once
//! for many tokens, and the key set a user's key source holds.

use std::fmt;
use std::sync::OnceLock;

use aws_lc_rs::encoding::{AsDer, PublicKeyX509Der};
use aws_lc_rs::rsa::PublicKeyComponents;
use aws_lc_rs::signature::{self as sig, ParsedPublicKey};
use serde_json::{Value, json};
use spki::der::{Decode, Encode};

use super::container::{Container, detect};
use super::hmac::HmacKeys;
use super::jwk::load_json_public;
use super::roca;
use super::signing::{rsa_private_public_components, signing_from_der};
use super::thumbprint::{self, ThumbprintHash};
use super::{
    Curve, KeyError, KeyFormat, KeyKind, MAX_RSA_BITS, MIN_LEGACY_RSA_BITS, MIN_RSA_BITS, OID_EC,
    OID_ED448, OID_ED25519, OID_RSA, OID_RSA_PSS,
};
use crate::token::alg::Alg;
use crate::token::b64;
use crate::token::secret::Secret;

/// Public key material, prepared for verifying many tokens.
pub(super) enum Public {
    Hmac(Box<HmacKeys>),
    Rsa {
        spki: Vec<u8>,
        parsed: Box<[OnceLock<Option<ParsedPublicKey>>; 6]>,
    },
    Ec(ParsedPublicKey),
    Ed25519(ParsedPublicKey),
}

/// A key that verifies, with the JWK metadata that restricts it.
pub struct VerifyingKey {
    pub(super) kind: KeyKind,
    pub(super) kid: Option<String>,
    /// The JWK's `alg` member: the only algorithm it may serve, when present.
    pub(super) pinned_alg: Option<String>,
    /// The JWK's `use` member.
    pub(super) usage: Option<String>,
    pub(super) key_ops: Option<Vec<String>>,
    pub(super) public: Public,
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

/// The aws-lc parameters for `alg` with an RSA key of `bits`, and the cache slot of
/// the key parsed for them.
fn rsa_index(alg: Alg, bits: usize) -> Option<(usize, &'static sig::RsaParameters)> {
    if bits < MIN_RSA_BITS {
        return match alg {
            Alg::RS256 => Some((0, &sig::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY)),
            Alg::RS512 => Some((2, &sig::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY)),
            _ => None,
        };
    }
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

    /// Why the JWK's metadata rules out verifying signatures with this key, if it does.
    pub fn unusable_reason(&self) -> Option<String> {
        if let Some(usage) = self.usage.as_deref().filter(|&u| u != "sig") {
            return Some(format!("its \"use\" is {usage:?}, not \"sig\""));
        }
        if let Some(ops) = &self.key_ops
            && !ops.iter().any(|o| o == "verify")
        {
            return Some("its \"key_ops\" do not include \"verify\"".into());
        }
        if let Some(pin) = self.pinned_alg.as_deref()
            && !self.kind.allowed_algs().iter().any(|a| a.name() == pin)
        {
            return Some(format!(
                "its \"alg\" {pin:?} is not a signature algorithm for {}",
                self.kind.with_article()
            ));
        }
        None
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
                let (i, params) = rsa_index(alg, self.kind.bits()).ok_or_else(mismatch)?;
                let key = parsed[i]
                    .get_or_init(|| ParsedPublicKey::new(params, spki).ok())
                    .as_ref()
                    .ok_or_else(|| KeyError::Invalid("RSA public key rejected".into()))?;
                key.verify_sig(input, signature).is_ok()
            }
            Public::Ec(key) | Public::Ed25519(key) => key.verify_sig(input, signature).is_ok(),
        })
    }

    /// Whether this is an RSA key whose modulus has the ROCA fingerprint.
    pub fn is_roca(&self) -> bool {
        matches!(self.kind, KeyKind::Rsa(_))
            && self
                .spki_der()
                .and_then(|der| roca::spki_modulus(&der))
                .is_some_and(|n| roca::is_roca_modulus(&n))
    }

    /// A short description for messages: its kind and, if it has one, its kid.
    pub fn describe(&self) -> String {
        match &self.kid {
            Some(kid) => format!("the {} key with kid {kid:?}", self.kind),
            None => format!("the {} key", self.kind),
        }
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

    /// The public key as a JWK (RFC 7517), for asymmetric keys, with its kid.
    pub fn public_jwk(&self) -> Option<Value> {
        let mut jwk = self.bare_public_jwk()?;
        if let Some(kid) = &self.kid {
            jwk["kid"] = Value::String(kid.clone());
        }
        Some(jwk)
    }

    /// The public key's JWK members only (no kid, alg or use), for asymmetric keys.
    pub(super) fn bare_public_jwk(&self) -> Option<Value> {
        let spki_der = self.spki_der()?;
        let info = spki::SubjectPublicKeyInfoRef::try_from(spki_der.as_slice()).ok()?;
        let bits = info.subject_public_key.raw_bytes();
        Some(match self.kind {
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
        })
    }

    /// An HMAC key's secret.
    pub(super) fn hmac_secret(&self) -> Option<&Secret> {
        match &self.public {
            Public::Hmac(keys) => Some(keys.secret()),
            _ => None,
        }
    }

    /// The RFC 7638 SHA-256 thumbprint of the public key (`None` for an HMAC secret,
    /// whose thumbprint would be a hash of the secret).
    pub fn thumbprint(&self) -> Option<String> {
        self.bare_public_jwk()?;
        self.thumbprint_with(ThumbprintHash::Sha256)
    }

    /// The RFC 7638 thumbprint with `hash`: of the public key's JWK, or of an HMAC
    /// secret's `oct` JWK.
    pub fn thumbprint_with(&self, hash: ThumbprintHash) -> Option<String> {
        match self.hmac_secret() {
            Some(secret) => {
                let k = zeroize::Zeroizing::new(b64::encode(secret.expose()));
                thumbprint::of_members("oct", |name| (name == "k").then_some(k.as_str()), hash)
            }
            None => thumbprint::of_jwk(&self.bare_public_jwk()?, hash),
        }
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
    pub fn into_keys(self) -> Vec<VerifyingKey> {
        self.keys
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
}

pub(super) fn ec_public(curve: Curve, bytes: &[u8]) -> Result<VerifyingKey, KeyError> {
    let parsed = ParsedPublicKey::new(curve.verification(), bytes)
        .map_err(|e| KeyError::Invalid(format!("EC {} public key: {e}", curve.name())))?;
    Ok(asymmetric(KeyKind::Ec(curve), Public::Ec(parsed)))
}

pub(super) fn ed_public(bytes: &[u8]) -> Result<VerifyingKey, KeyError> {
    let parsed = ParsedPublicKey::new(&sig::ED25519, bytes)
        .map_err(|e| KeyError::Invalid(format!("Ed25519 public key: {e}")))?;
    Ok(asymmetric(KeyKind::Ed25519, Public::Ed25519(parsed)))
}

pub(super) fn rsa_bits(n: &[u8]) -> usize {
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

pub(super) fn rsa_from_components(
    c: &PublicKeyComponents<Vec<u8>>,
) -> Result<VerifyingKey, KeyError> {
    let bits = rsa_bits(&c.n);
    if bits < MIN_LEGACY_RSA_BITS {
        return Err(KeyError::RsaTooSmall {
            bits,
            min: MIN_LEGACY_RSA_BITS,
            purpose: "verifies",
        });
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

pub(super) fn asymmetric(kind: KeyKind, public: Public) -> VerifyingKey {
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

pub(super) fn public_from_der(label: Option<&str>, der: &[u8]) -> Result<VerifyingKey, KeyError> {
    match label {
        Some("PUBLIC KEY") => public_from_spki(der),
        Some("RSA PUBLIC KEY") => rsa_public(der),
        Some("CERTIFICATE") => public_from_certificate(der),
        Some("RSA PRIVATE KEY" | "PRIVATE KEY" | "EC PRIVATE KEY") => {
            match signing_from_der(label, der) {
                Ok(key) => key.verifying_key(),
                // Too small to sign with can still verify, when weak keys are accepted.
                Err(KeyError::RsaTooSmall { .. }) => rsa_private_public_components(der)
                    .ok_or_else(|| KeyError::Invalid("RSA private key".into()))
                    .and_then(|c| rsa_from_components(&c)),
                Err(e) => Err(e),
            }
        }
        Some(other) => Err(KeyError::Unrecognised(format!(
            "PEM block {other:?} is not a key"
        ))),
        None => public_from_spki(der)
            .or_else(|_| public_from_certificate(der))
            .or_else(|_| rsa_public(der))
            .or_else(|_| signing_from_der(None, der).and_then(|k| k.verifying_key()))
            .or_else(|_| {
                rsa_private_public_components(der)
                    .ok_or_else(|| KeyError::Invalid("RSA private key".into()))
                    .and_then(|c| rsa_from_components(&c))
            })
            .map_err(|_| {
                KeyError::Unrecognised("DER data is not a key or certificate jwtx knows".into())
            }),
    }
}

pub(super) fn public_from_certificate(der: &[u8]) -> Result<VerifyingKey, KeyError> {
    let cert = x509_cert::Certificate::from_der(der)
        .map_err(|e| KeyError::Unrecognised(format!("X.509 certificate: {e}")))?;
    let spki = cert
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(|e| KeyError::Invalid(format!("certificate public key: {e}")))?;
    public_from_spki(&spki)
}
