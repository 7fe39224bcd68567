//! The JWK model (RFC 7517): the members jwtx reads, and the keys they make.

use aws_lc_rs::rsa::{KeyPair as RsaKeyPair, KeyPairComponents, PublicKeyComponents};
use aws_lc_rs::signature::{EcdsaKeyPair, Ed25519KeyPair};
use serde::Deserialize;
use serde_json::Value;
use zeroize::Zeroizing;

use super::decrypting::{
    DecryptionKey, EncryptionKey, JweKeyMeta, ec_decrypting, ec_encrypting, rsa_decrypting,
    rsa_encrypting, x25519_decrypting, x25519_encrypting,
};
use super::roca;
use super::signing::{Private, SigningKey};
use super::verifying::{VerifyingKey, ec_public, ed_public, rsa_bits, rsa_from_components};
use super::{Curve, KeyError, KeyFormat, MIN_RSA_BITS};
use crate::token::b64;
use crate::token::secret::Secret;

/// JWK members jwtx reads. Unknown members are ignored, as RFC 7517 §4 asks.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct JwkFields {
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

    pub(super) fn signing(&self) -> Result<SigningKey, KeyError> {
        let kty = self.kty()?;
        // The JWK's own word on what it is for binds signing as it binds verifying.
        if let Some(usage) = self.usage.as_deref().filter(|&u| u != "sig") {
            return Err(KeyError::NotForSigning(format!(
                "its \"use\" is {usage:?}, not \"sig\""
            )));
        }
        if let Some(ops) = &self.key_ops
            && !ops.iter().any(|o| o == "sign")
        {
            return Err(KeyError::NotForSigning(
                "its \"key_ops\" do not include \"sign\"".into(),
            ));
        }
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
                if roca::is_roca_modulus(&components.public_key.n) {
                    return Err(KeyError::Roca("this RSA JWK".into()));
                }
                let bits = rsa_bits(&components.public_key.n);
                if bits < MIN_RSA_BITS {
                    return Err(KeyError::RsaTooSmall {
                        bits,
                        min: MIN_RSA_BITS,
                        purpose: "signs",
                    });
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

impl JwkFields {
    /// The JWK members, or why `jwk` is not a JWK.
    pub(super) fn parse(jwk: &Value) -> Result<JwkFields, KeyError> {
        parse_fields(jwk).map_err(|e| KeyError::Invalid(format!("JWK: {e}")))
    }

    fn jwe_meta(&self) -> JweKeyMeta {
        JweKeyMeta {
            kid: self.kid.as_ref().and_then(Value::as_str).map(str::to_owned),
            pinned_alg: self.alg.clone(),
            usage: self.usage.clone(),
            key_ops: self.key_ops.clone(),
        }
    }

    /// A key that decrypts JWEs: an `oct` key, or a private RSA, EC or X25519 key.
    pub(super) fn decrypting(&self) -> Result<DecryptionKey, KeyError> {
        let kty = self.kty()?;
        let meta = self.jwe_meta();
        if kty != "oct" && self.d.is_none() {
            return Err(KeyError::NotPrivate(format!(
                "this {kty} JWK; decrypting needs the private key"
            )));
        }
        let mut key = match kty {
            "oct" => DecryptionKey::from_secret(Secret::new(member(&self.k, "k", "oct")?))?,
            "RSA" => {
                // The private members are wiped once the key pair is built.
                let get = |v: &Option<String>, name| {
                    member(v, name, "RSA").map(|m| Zeroizing::new(strip_zeros(m)))
                };
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
                let pair = RsaKeyPair::from_components(&components)
                    .map_err(|e| KeyError::Invalid(format!("RSA private JWK: {e}")))?;
                return rsa_decrypting(&pair, meta);
            }
            "EC" => {
                let curve = Curve::from_jwk(self.crv.as_deref())?;
                let d = Zeroizing::new(member(&self.d, "d", "EC")?);
                return ec_decrypting(curve, &d, Some(&self.ec_point(curve)?), meta);
            }
            "OKP" => match self.crv.as_deref() {
                Some("X25519") => {
                    let d = Zeroizing::new(member(&self.d, "d", "OKP")?);
                    let x = member(&self.x, "x", "OKP")?;
                    return x25519_decrypting(&d, Some(&x), meta);
                }
                other => {
                    return Err(KeyError::Unsupported(format!(
                        "OKP curve {:?} cannot decrypt (only X25519 does)",
                        other.unwrap_or("")
                    )));
                }
            },
            other => return Err(KeyError::Unsupported(format!("JWK kty {other:?}"))),
        };
        key.meta = meta;
        Ok(key)
    }

    /// A key that encrypts to a recipient: an `oct` key, or a public (or private) RSA,
    /// EC or X25519 key.
    pub(super) fn encrypting(&self) -> Result<EncryptionKey, KeyError> {
        let meta = self.jwe_meta();
        match self.kty()? {
            "oct" => {
                let mut key =
                    EncryptionKey::from_secret(Secret::new(member(&self.k, "k", "oct")?))?;
                key.meta = meta;
                Ok(key)
            }
            "RSA" => {
                let c = PublicKeyComponents {
                    n: strip_zeros(member(&self.n, "n", "RSA")?),
                    e: strip_zeros(member(&self.e, "e", "RSA")?),
                };
                let spki: aws_lc_rs::encoding::PublicKeyX509Der<'_> =
                    aws_lc_rs::encoding::AsDer::as_der(&c)
                        .map_err(|_| KeyError::Invalid("RSA public key components".into()))?;
                rsa_encrypting(spki.as_ref(), meta)
            }
            "EC" => {
                let curve = Curve::from_jwk(self.crv.as_deref())?;
                ec_encrypting(curve, self.ec_point(curve)?, meta)
            }
            "OKP" => match self.crv.as_deref() {
                Some("X25519") => x25519_encrypting(member(&self.x, "x", "OKP")?, meta),
                other => Err(KeyError::Unsupported(format!(
                    "OKP curve {:?} cannot encrypt (only X25519 does)",
                    other.unwrap_or("")
                ))),
            },
            other => Err(KeyError::Unsupported(format!("JWK kty {other:?}"))),
        }
    }
}

pub(super) fn strip_zeros(mut bytes: Vec<u8>) -> Vec<u8> {
    let leading = bytes.iter().take_while(|&&b| b == 0).count();
    bytes.drain(..leading.min(bytes.len().saturating_sub(1)));
    bytes
}

/// The JWK members jwtx reads, or why `jwk` is not a JWK (in words, not serde's).
fn parse_fields(jwk: &Value) -> Result<JwkFields, String> {
    if !jwk.is_object() {
        return Err("not a JSON object".into());
    }
    serde_json::from_value::<JwkFields>(jwk.clone()).map_err(|e| {
        // serde names the Rust type; say which member is wrong instead.
        let text = e.to_string();
        format!(
            "a member has the wrong type ({})",
            text.split(", expected").next().unwrap_or(&text)
        )
    })
}

/// The key one JWK holds, its `kid`, `alg`, `use` and `key_ops` read but not
/// enforced: for listing and editing a key set, which must see every key in it.
pub(super) fn jwk_key(jwk: &Value) -> Result<VerifyingKey, KeyError> {
    parse_fields(jwk).map_err(KeyError::Invalid)?.public()
}

pub(super) fn load_json_public(value: Value) -> Result<(KeyFormat, Vec<VerifyingKey>), KeyError> {
    if let Some(keys) = value.get("keys") {
        let keys = keys
            .as_array()
            .ok_or_else(|| KeyError::Invalid("JWKS \"keys\" is not an array".into()))?;
        // A JWKS may carry keys jwtx cannot use (encryption keys, other curves): skip
        // those, but fail if nothing usable remains, saying why for each.
        let mut usable = Vec::new();
        let mut reasons = Vec::new();
        for (i, jwk) in keys.iter().enumerate() {
            let kid = jwk.get("kid").and_then(Value::as_str);
            let key = parse_fields(jwk)
                .and_then(|f| f.public().map_err(|e| e.to_string()))
                .and_then(|k| match k.unusable_reason() {
                    None => Ok(k),
                    Some(reason) => Err(reason),
                });
            match key {
                Ok(key) => usable.push(key),
                Err(reason) => reasons.push(match kid {
                    Some(kid) => format!("key {} (kid {kid:?}): {reason}", i + 1),
                    None => format!("key {}: {reason}", i + 1),
                }),
            }
        }
        if usable.is_empty() {
            let mut why = match reasons.len() {
                0 => "it is empty".to_owned(),
                _ => reasons[..reasons.len().min(3)].join("; "),
            };
            if reasons.len() > 3 {
                why.push_str(&format!("; and {} more", reasons.len() - 3));
            }
            return Err(KeyError::EmptySet(why));
        }
        return Ok((KeyFormat::Jwks, usable));
    }
    let fields: JwkFields =
        serde_json::from_value(value).map_err(|e| KeyError::Invalid(format!("JWK: {e}")))?;
    let key = fields.public()?;
    if let Some(reason) = key.unusable_reason() {
        return Err(KeyError::NotForSignatures(reason));
    }
    Ok((KeyFormat::Jwk, vec![key]))
}
