//! Keys for JWE: private keys and secrets that decrypt, and the public keys (or secrets)
//! that encrypt to them. Read by the same container detection and JWK model as signature
//! keys; what a key is (oct of a size, RSA, EC on a curve, X25519) decides the JWE
//! algorithms it may serve, and a JWK's `use`, `key_ops` and `alg` narrow that further.

use std::fmt;

use aws_lc_rs::agreement::{self, PrivateKey as AgreementKey};
use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der};
use aws_lc_rs::rsa::{KeyPair as RsaKeyPair, PrivateDecryptingKey, PublicEncryptingKey};

use super::container::{Container, detect};
use super::jwk::JwkFields;
use super::signing::rsa_private_public_components;
use super::verifying::rsa_bits;
use super::{Curve, KeyError, MAX_RSA_BITS, MIN_RSA_BITS, OID_EC, OID_RSA, roca};
use crate::token::jwe::{Enc, KeyAlg, KeyFamily};
use crate::token::secret::Secret;

const OID_X25519: spki::ObjectIdentifier = spki::ObjectIdentifier::new_unwrap("1.3.101.110");

/// What a JWE key is: the only input to the set of algorithms it may serve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JweKeyKind {
    /// A symmetric key (or password) of this many bytes.
    Oct(usize),
    /// An RSA key with a modulus of this many bits.
    Rsa(usize),
    Ec(Curve),
    X25519,
}

impl fmt::Display for JweKeyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JweKeyKind::Oct(n) => write!(f, "{}-bit symmetric", n * 8),
            JweKeyKind::Rsa(bits) => write!(f, "RSA {bits}-bit"),
            JweKeyKind::Ec(c) => write!(f, "EC {}", c.name()),
            JweKeyKind::X25519 => f.write_str("X25519"),
        }
    }
}

impl JweKeyKind {
    /// Whether the key type allows `alg` (and, for `dir`, `enc`). RSA1_5 is never
    /// allowed here; the caller opts into it.
    pub fn allows(self, alg: KeyAlg, enc: Enc) -> bool {
        match (self, alg.family()) {
            (JweKeyKind::Oct(n), KeyFamily::Oct) => match alg {
                KeyAlg::Dir => n == enc.cek_len(),
                _ => alg.wrap_key_len() == Some(n),
            },
            (JweKeyKind::Oct(n), KeyFamily::Password) => n > 0,
            (JweKeyKind::Rsa(bits), KeyFamily::Rsa) => bits >= MIN_RSA_BITS,
            (JweKeyKind::Ec(_) | JweKeyKind::X25519, KeyFamily::Ecdh) => true,
            _ => false,
        }
    }

    /// The key-management algorithms this key may serve (RSA1_5 aside).
    pub fn allowed_algs(self) -> Vec<KeyAlg> {
        KeyAlg::ALL
            .into_iter()
            .filter(|&a| a != KeyAlg::Rsa1_5 && Enc::ALL.iter().any(|&e| self.allows(a, e)))
            .collect()
    }
}

/// The JWK metadata that restricts a key.
#[derive(Clone, Debug, Default)]
pub struct JweKeyMeta {
    pub kid: Option<String>,
    /// The JWK's `alg`: the one algorithm the key may serve, when present.
    pub pinned_alg: Option<String>,
    /// The JWK's `use`.
    pub usage: Option<String>,
    pub key_ops: Option<Vec<String>>,
}

impl JweKeyMeta {
    /// Why the metadata rules out decrypting (or encrypting) `alg`/`enc`, if it does.
    pub fn refusal(&self, alg: KeyAlg, enc: Enc, decrypting: bool) -> Option<String> {
        if let Some(usage) = self.usage.as_deref().filter(|&u| u != "enc") {
            return Some(format!("its \"use\" is {usage:?}, not \"enc\""));
        }
        if let Some(ops) = &self.key_ops {
            let wanted: &[&str] = match (decrypting, alg) {
                (true, KeyAlg::Dir) => &["decrypt"],
                (true, _) => &["unwrapKey", "deriveKey", "deriveBits", "decrypt"],
                (false, KeyAlg::Dir) => &["encrypt"],
                (false, _) => &["wrapKey", "deriveKey", "deriveBits", "encrypt"],
            };
            if !ops.iter().any(|o| wanted.contains(&o.as_str())) {
                return Some(format!(
                    "its \"key_ops\" include none of {}",
                    wanted.join(", ")
                ));
            }
        }
        if let Some(pin) = self.pinned_alg.as_deref() {
            // A `dir` key may name its content encryption instead (RFC 7520 §5.8 does).
            let ok = pin == alg.name() || (alg == KeyAlg::Dir && pin == enc.name());
            if !ok {
                return Some(format!("its \"alg\" is {pin:?}"));
            }
        }
        None
    }
}

/// Private key material that decrypts.
pub enum DecryptionMaterial {
    Oct(Secret),
    Rsa(PrivateDecryptingKey),
    Ec(Curve, AgreementKey),
    X25519(AgreementKey),
}

/// A key that decrypts JWEs.
pub struct DecryptionKey {
    pub(super) kind: JweKeyKind,
    pub(super) meta: JweKeyMeta,
    pub(super) material: DecryptionMaterial,
}

impl fmt::Debug for DecryptionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecryptionKey")
            .field("kind", &self.kind)
            .field("kid", &self.meta.kid)
            .field("alg", &self.meta.pinned_alg)
            .finish_non_exhaustive()
    }
}

/// Public key material (or a secret) that encrypts.
pub enum EncryptionMaterial {
    Oct(Secret),
    Rsa(PublicEncryptingKey),
    /// The uncompressed point.
    Ec(Curve, Vec<u8>),
    X25519(Vec<u8>),
}

/// A key that encrypts JWEs to a recipient.
pub struct EncryptionKey {
    pub(super) kind: JweKeyKind,
    pub(super) meta: JweKeyMeta,
    pub(super) material: EncryptionMaterial,
}

impl fmt::Debug for EncryptionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncryptionKey")
            .field("kind", &self.kind)
            .field("kid", &self.meta.kid)
            .finish_non_exhaustive()
    }
}

pub(crate) fn agreement_alg(curve: Curve) -> &'static agreement::Algorithm {
    match curve {
        Curve::P256 => &agreement::ECDH_P256,
        Curve::P384 => &agreement::ECDH_P384,
        Curve::P521 => &agreement::ECDH_P521,
    }
}

impl DecryptionKey {
    /// A symmetric key or password.
    pub fn from_secret(secret: Secret) -> Result<DecryptionKey, KeyError> {
        if secret.is_empty() {
            return Err(KeyError::EmptySecret);
        }
        Ok(DecryptionKey {
            kind: JweKeyKind::Oct(secret.len()),
            meta: JweKeyMeta::default(),
            material: DecryptionMaterial::Oct(secret),
        })
    }

    /// Loads decryption keys from PEM, DER, a private JWK or a JWKS (every key in it
    /// that can decrypt; the others are skipped, and none at all is an error).
    pub fn load(bytes: &[u8]) -> Result<Vec<DecryptionKey>, KeyError> {
        match detect(bytes)? {
            Container::Json(value) => {
                if let Some(keys) = value.get("keys") {
                    let keys = keys
                        .as_array()
                        .ok_or_else(|| KeyError::Invalid("JWKS \"keys\" is not an array".into()))?;
                    let mut usable = Vec::new();
                    let mut reasons = Vec::new();
                    for (i, jwk) in keys.iter().enumerate() {
                        match JwkFields::parse(jwk).and_then(|f| f.decrypting()) {
                            Ok(key) if key.meta.usage.as_deref().is_none_or(|u| u == "enc") => {
                                usable.push(key);
                            }
                            Ok(_) => {
                                reasons.push(format!("key {}: its \"use\" is not \"enc\"", i + 1))
                            }
                            Err(e) => reasons.push(format!("key {}: {e}", i + 1)),
                        }
                    }
                    if usable.is_empty() {
                        let why = if reasons.is_empty() {
                            "it is empty".to_owned()
                        } else {
                            reasons[..reasons.len().min(3)].join("; ")
                        };
                        return Err(KeyError::Unsupported(format!(
                            "the JWKS holds no decryption keys ({why})"
                        )));
                    }
                    return Ok(usable);
                }
                Ok(vec![JwkFields::parse(&value)?.decrypting()?])
            }
            Container::Pem(label, der) => Ok(vec![decrypting_from_der(Some(&label), &der)?]),
            Container::Der(der) => Ok(vec![decrypting_from_der(None, &der)?]),
        }
    }

    pub fn kind(&self) -> JweKeyKind {
        self.kind
    }
    pub fn kid(&self) -> Option<&str> {
        self.meta.kid.as_deref()
    }
    pub fn meta(&self) -> &JweKeyMeta {
        &self.meta
    }
    pub fn material(&self) -> &DecryptionMaterial {
        &self.material
    }

    /// The key that encrypts to this one: its public half, or the same secret.
    pub fn encryption_key(&self) -> Result<EncryptionKey, KeyError> {
        let failed = || KeyError::Invalid("cannot compute the public key".into());
        let material = match &self.material {
            DecryptionMaterial::Oct(s) => EncryptionMaterial::Oct(s.clone()),
            DecryptionMaterial::Rsa(k) => EncryptionMaterial::Rsa(k.public_key()),
            DecryptionMaterial::Ec(c, k) => EncryptionMaterial::Ec(
                *c,
                k.compute_public_key()
                    .map_err(|_| failed())?
                    .as_ref()
                    .to_vec(),
            ),
            DecryptionMaterial::X25519(k) => EncryptionMaterial::X25519(
                k.compute_public_key()
                    .map_err(|_| failed())?
                    .as_ref()
                    .to_vec(),
            ),
        };
        Ok(EncryptionKey {
            kind: self.kind,
            meta: self.meta.clone(),
            material,
        })
    }
}

impl EncryptionKey {
    pub fn from_secret(secret: Secret) -> Result<EncryptionKey, KeyError> {
        DecryptionKey::from_secret(secret)?.encryption_key()
    }

    /// Loads the recipient's key: a public key (SPKI PEM or DER, a public JWK), or a
    /// private key, whose public half is used.
    pub fn load(bytes: &[u8]) -> Result<EncryptionKey, KeyError> {
        match detect(bytes)? {
            Container::Json(value) => {
                if value.get("keys").is_some() {
                    return Err(KeyError::Unsupported(
                        "a JWKS names no single recipient; give the one JWK to encrypt to".into(),
                    ));
                }
                JwkFields::parse(&value)?.encrypting()
            }
            Container::Pem(label, der) => encrypting_from_der(Some(&label), &der),
            Container::Der(der) => encrypting_from_der(None, &der),
        }
    }

    pub fn kind(&self) -> JweKeyKind {
        self.kind
    }
    pub fn kid(&self) -> Option<&str> {
        self.meta.kid.as_deref()
    }
    pub fn meta(&self) -> &JweKeyMeta {
        &self.meta
    }
    pub fn material(&self) -> &EncryptionMaterial {
        &self.material
    }
}

fn rsa_size_checks(n: &[u8]) -> Result<usize, KeyError> {
    if roca::is_roca_modulus(n) {
        return Err(KeyError::Roca("this RSA key".into()));
    }
    let bits = rsa_bits(n);
    if bits < MIN_RSA_BITS {
        return Err(KeyError::RsaTooSmall {
            bits,
            min: MIN_RSA_BITS,
            purpose: "decrypts",
        });
    }
    if bits > MAX_RSA_BITS {
        return Err(KeyError::Unsupported(format!(
            "RSA key is {bits} bits; jwtx decrypts with at most {MAX_RSA_BITS}"
        )));
    }
    Ok(bits)
}

/// An RSA decryption key from a key pair already built (from PKCS#1 or JWK members).
pub(super) fn rsa_decrypting(
    pair: &RsaKeyPair,
    meta: JweKeyMeta,
) -> Result<DecryptionKey, KeyError> {
    let pkcs8: Pkcs8V1Der<'_> = pair
        .as_der()
        .map_err(|_| KeyError::Invalid("RSA private key".into()))?;
    rsa_decrypting_pkcs8(pkcs8.as_ref(), meta)
}

fn rsa_decrypting_pkcs8(pkcs8: &[u8], meta: JweKeyMeta) -> Result<DecryptionKey, KeyError> {
    if let Some(public) = rsa_private_public_components(pkcs8) {
        rsa_size_checks(&public.n)?;
    }
    let key = PrivateDecryptingKey::from_pkcs8(pkcs8)
        .map_err(|e| KeyError::Invalid(format!("RSA private key: {e}")))?;
    Ok(DecryptionKey {
        kind: JweKeyKind::Rsa(key.key_size_bits()),
        meta,
        material: DecryptionMaterial::Rsa(key),
    })
}

/// An EC decryption key from its scalar, checked against the public point when given.
pub(super) fn ec_decrypting(
    curve: Curve,
    d: &[u8],
    point: Option<&[u8]>,
    meta: JweKeyMeta,
) -> Result<DecryptionKey, KeyError> {
    let key = AgreementKey::from_private_key(agreement_alg(curve), d)
        .map_err(|e| KeyError::Invalid(format!("EC {} private key: {e}", curve.name())))?;
    if let Some(point) = point {
        let public = key
            .compute_public_key()
            .map_err(|_| KeyError::Invalid("EC private key".into()))?;
        if public.as_ref() != point {
            return Err(KeyError::Invalid(
                "the EC JWK's \"d\" does not match its \"x\" and \"y\"".into(),
            ));
        }
    }
    Ok(DecryptionKey {
        kind: JweKeyKind::Ec(curve),
        meta,
        material: DecryptionMaterial::Ec(curve, key),
    })
}

pub(super) fn x25519_decrypting(
    d: &[u8],
    x: Option<&[u8]>,
    meta: JweKeyMeta,
) -> Result<DecryptionKey, KeyError> {
    let key = AgreementKey::from_private_key(&agreement::X25519, d)
        .map_err(|e| KeyError::Invalid(format!("X25519 private key: {e}")))?;
    if let Some(x) = x {
        let public = key
            .compute_public_key()
            .map_err(|_| KeyError::Invalid("X25519 private key".into()))?;
        if public.as_ref() != x {
            return Err(KeyError::Invalid(
                "the X25519 JWK's \"d\" does not match its \"x\"".into(),
            ));
        }
    }
    Ok(DecryptionKey {
        kind: JweKeyKind::X25519,
        meta,
        material: DecryptionMaterial::X25519(key),
    })
}

pub(super) fn rsa_encrypting(
    spki_or_pkcs1: &[u8],
    meta: JweKeyMeta,
) -> Result<EncryptionKey, KeyError> {
    let key = PublicEncryptingKey::from_der(spki_or_pkcs1)
        .map_err(|e| KeyError::Invalid(format!("RSA public key: {e}")))?;
    let bits = key.key_size_bits();
    if bits < MIN_RSA_BITS {
        return Err(KeyError::RsaTooSmall {
            bits,
            min: MIN_RSA_BITS,
            purpose: "encrypts",
        });
    }
    Ok(EncryptionKey {
        kind: JweKeyKind::Rsa(bits),
        meta,
        material: EncryptionMaterial::Rsa(key),
    })
}

pub(super) fn ec_encrypting(
    curve: Curve,
    point: Vec<u8>,
    meta: JweKeyMeta,
) -> Result<EncryptionKey, KeyError> {
    // Parsing checks the point is on the curve.
    agreement::ParsedPublicKey::try_from(&agreement::UnparsedPublicKey::new(
        agreement_alg(curve),
        &point,
    ))
    .map_err(|_| {
        KeyError::Invalid(format!(
            "EC {} public key is not on the curve",
            curve.name()
        ))
    })?;
    Ok(EncryptionKey {
        kind: JweKeyKind::Ec(curve),
        meta,
        material: EncryptionMaterial::Ec(curve, point),
    })
}

pub(super) fn x25519_encrypting(x: Vec<u8>, meta: JweKeyMeta) -> Result<EncryptionKey, KeyError> {
    if x.len() != 32 {
        return Err(KeyError::Invalid(
            "X25519 public key must be 32 bytes".into(),
        ));
    }
    Ok(EncryptionKey {
        kind: JweKeyKind::X25519,
        meta,
        material: EncryptionMaterial::X25519(x),
    })
}

fn pkcs8_decrypting(der: &[u8]) -> Result<DecryptionKey, KeyError> {
    let info = pkcs8::PrivateKeyInfoRef::try_from(der)
        .map_err(|e| KeyError::Unrecognised(format!("PKCS#8: {e}")))?;
    let (oid, params) = info
        .algorithm
        .oids()
        .map_err(|e| KeyError::Unrecognised(format!("PKCS#8: {e}")))?;
    let meta = JweKeyMeta::default();
    match oid {
        o if o == OID_RSA => rsa_decrypting_pkcs8(der, meta),
        o if o == OID_EC => {
            let curve = Curve::from_oid(params)?;
            let key = AgreementKey::from_private_key_der(agreement_alg(curve), der)
                .map_err(|e| KeyError::Invalid(format!("EC private key: {e}")))?;
            Ok(DecryptionKey {
                kind: JweKeyKind::Ec(curve),
                meta,
                material: DecryptionMaterial::Ec(curve, key),
            })
        }
        o if o == OID_X25519 => {
            // The private key is an OCTET STRING holding the 32-byte scalar (RFC 8410 §7).
            let inner = info.private_key.as_bytes();
            match inner {
                [0x04, 0x20, d @ ..] if d.len() == 32 => x25519_decrypting(d, None, meta),
                _ => Err(KeyError::Invalid("X25519 private key".into())),
            }
        }
        o => Err(KeyError::Unsupported(format!(
            "private key algorithm {o} cannot decrypt"
        ))),
    }
}

fn sec1_decrypting(der: &[u8]) -> Result<DecryptionKey, KeyError> {
    for curve in [Curve::P256, Curve::P384, Curve::P521] {
        if let Ok(key) = AgreementKey::from_private_key_der(agreement_alg(curve), der) {
            return Ok(DecryptionKey {
                kind: JweKeyKind::Ec(curve),
                meta: JweKeyMeta::default(),
                material: DecryptionMaterial::Ec(curve, key),
            });
        }
    }
    Err(KeyError::Unsupported(
        "EC private key on a curve jwtx does not support (P-256, P-384, P-521)".into(),
    ))
}

fn pkcs1_decrypting(der: &[u8]) -> Result<DecryptionKey, KeyError> {
    if let Some(public) = rsa_private_public_components(der) {
        rsa_size_checks(&public.n)?;
    }
    let pair = RsaKeyPair::from_der(der)
        .map_err(|e| KeyError::Invalid(format!("RSA private key: {e}")))?;
    rsa_decrypting(&pair, JweKeyMeta::default())
}

fn decrypting_from_der(label: Option<&str>, der: &[u8]) -> Result<DecryptionKey, KeyError> {
    match label {
        Some("PRIVATE KEY") => pkcs8_decrypting(der),
        Some("RSA PRIVATE KEY") => pkcs1_decrypting(der),
        Some("EC PRIVATE KEY") => sec1_decrypting(der),
        Some(l @ ("PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE")) => Err(KeyError::NotPrivate(
            format!("PEM {l:?}; decrypting needs the private key"),
        )),
        Some(other) => Err(KeyError::Unrecognised(format!(
            "PEM block {other:?} is not a key"
        ))),
        None => pkcs8_decrypting(der)
            .or_else(|_| pkcs1_decrypting(der))
            .or_else(|_| sec1_decrypting(der))
            .map_err(|_| KeyError::Unrecognised("DER data is not a private key jwtx knows".into())),
    }
}

fn encrypting_from_spki(der: &[u8]) -> Result<EncryptionKey, KeyError> {
    let info = spki::SubjectPublicKeyInfoRef::try_from(der)
        .map_err(|e| KeyError::Unrecognised(format!("SubjectPublicKeyInfo: {e}")))?;
    let (oid, params) = info
        .algorithm
        .oids()
        .map_err(|e| KeyError::Unrecognised(format!("SubjectPublicKeyInfo: {e}")))?;
    let bits = info.subject_public_key.raw_bytes();
    let meta = JweKeyMeta::default();
    match oid {
        o if o == OID_RSA => rsa_encrypting(der, meta),
        o if o == OID_EC => ec_encrypting(Curve::from_oid(params)?, bits.to_vec(), meta),
        o if o == OID_X25519 => x25519_encrypting(bits.to_vec(), meta),
        o => Err(KeyError::Unsupported(format!(
            "public key algorithm {o} cannot encrypt"
        ))),
    }
}

fn encrypting_from_der(label: Option<&str>, der: &[u8]) -> Result<EncryptionKey, KeyError> {
    match label {
        Some("PUBLIC KEY") => encrypting_from_spki(der),
        Some("RSA PUBLIC KEY") => rsa_encrypting(der, JweKeyMeta::default()),
        Some(_) => decrypting_from_der(label, der)?.encryption_key(),
        None => {
            encrypting_from_spki(der).or_else(|_| decrypting_from_der(None, der)?.encryption_key())
        }
    }
}
