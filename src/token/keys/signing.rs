//! Keys that sign: private keys from PKCS#8, PKCS#1, SEC1 or a private JWK, and HMAC
//! secrets.

use std::fmt;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeyPair as RsaKeyPair, PublicKeyComponents};
use aws_lc_rs::signature::{
    self as sig, EcdsaKeyPair, Ed25519KeyPair, KeyPair as _, ParsedPublicKey,
};

use super::container::{Container, detect};
use super::hmac::HmacKeys;
use super::jwk::JwkFields;
use super::roca;
use super::verifying::{
    Public, VerifyingKey, asymmetric, public_from_certificate, public_from_der, rsa_bits,
};
use super::{Curve, KeyError, KeyKind, MIN_RSA_BITS, OID_EC, OID_ED448, OID_ED25519, OID_RSA};
use crate::token::alg::Alg;
use crate::token::secret::Secret;

pub(super) enum Private {
    Hmac(Secret),
    Rsa(RsaKeyPair),
    Ec(Curve, EcdsaKeyPair),
    Ed25519(Ed25519KeyPair),
}

/// A key that signs.
pub struct SigningKey {
    pub(super) kid: Option<String>,
    pub(super) pinned_alg: Option<String>,
    pub(super) private: Private,
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
    // Judge the size from the key itself, before the crypto library sees it, so the
    // message never depends on that library's error text.
    if let Some(public) = rsa_private_public_components(der) {
        if roca::is_roca_modulus(&public.n) {
            return Err(KeyError::Roca("this RSA key".into()));
        }
        let bits = rsa_bits(&public.n);
        if bits < MIN_RSA_BITS {
            return Err(KeyError::RsaTooSmall {
                bits,
                min: MIN_RSA_BITS,
                purpose: "signs",
            });
        }
    }
    let pair = if pkcs8 {
        RsaKeyPair::from_pkcs8(der)
    } else {
        RsaKeyPair::from_der(der)
    };
    let pair = pair.map_err(|e| KeyError::Invalid(format!("RSA private key: {e}")))?;
    Ok(SigningKey {
        kid: None,
        pinned_alg: None,
        private: Private::Rsa(pair),
    })
}

/// The public half (n, e) of an RSA private key in PKCS#1 or PKCS#8 DER, read without
/// validating the private part: for verifying with the public half of a key that is
/// too small to sign with.
pub(super) fn rsa_private_public_components(der: &[u8]) -> Option<PublicKeyComponents<Vec<u8>>> {
    use spki::der::asn1::UintRef;
    use spki::der::{Reader, SliceReader};
    // PKCS#8 wraps the PKCS#1 structure: version, n, e, then the private members.
    let inner = match pkcs8::PrivateKeyInfoRef::try_from(der) {
        Ok(info) if info.algorithm.oid == OID_RSA => info.private_key.as_bytes().to_vec(),
        Ok(_) => return None,
        Err(_) => der.to_vec(),
    };
    let mut reader = SliceReader::new(&inner).ok()?;
    reader
        .sequence(|seq| {
            let _version: UintRef<'_> = seq.decode()?;
            let n: UintRef<'_> = seq.decode()?;
            let e: UintRef<'_> = seq.decode()?;
            // The other members do not matter here, but must be consumed.
            let rest = seq.remaining_len();
            seq.read_slice(rest)?;
            Ok::<_, spki::der::Error>(PublicKeyComponents {
                n: n.as_bytes().to_vec(),
                e: e.as_bytes().to_vec(),
            })
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

pub(super) fn signing_from_der(label: Option<&str>, der: &[u8]) -> Result<SigningKey, KeyError> {
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
