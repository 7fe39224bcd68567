//! Key management (RFC 7518 §4): how the content-encryption key (CEK) reaches the
//! recipient. Unwrapping takes the recipient's key and the header; wrapping makes a
//! fresh CEK (or derives one) and the header members the recipient will need.

use std::num::NonZeroU32;

use aws_lc_rs::aead::{self, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::agreement::{self, PrivateKey as AgreementKey, UnparsedPublicKey};
use aws_lc_rs::rsa::{
    OAEP_SHA1_MGF1SHA1, OAEP_SHA256_MGF1SHA256, OAEP_SHA384_MGF1SHA384, OAEP_SHA512_MGF1SHA512,
    OaepAlgorithm, OaepPrivateDecryptingKey, OaepPublicEncryptingKey, Pkcs1PrivateDecryptingKey,
};
use aws_lc_rs::{digest, pbkdf2};
use serde_json::{Map, Value, json};
use zeroize::Zeroizing;

use super::alg::{Enc, KeyAlg};
use super::{JweError, aeskw};
use crate::token::b64;
use crate::token::keys::decrypting::{DecryptionMaterial, EncryptionMaterial};
use crate::token::keys::{Curve, DecryptionKey, EncryptionKey};

/// The largest PBES2 `p2c` jwtx accepts in a token: above it, a token could make every
/// decryption attempt cost seconds of CPU (RFC 7518 §4.8.1.2 recommends at least 1000).
pub const MAX_P2C: u32 = 1_000_000;
/// The `p2c` jwtx uses when it encrypts with PBES2.
pub const DEFAULT_P2C: u32 = 310_000;

type Cek = Zeroizing<Vec<u8>>;

fn oaep(alg: KeyAlg) -> &'static OaepAlgorithm {
    match alg {
        KeyAlg::RsaOaep => &OAEP_SHA1_MGF1SHA1,
        KeyAlg::RsaOaep256 => &OAEP_SHA256_MGF1SHA256,
        KeyAlg::RsaOaep384 => &OAEP_SHA384_MGF1SHA384,
        _ => &OAEP_SHA512_MGF1SHA512,
    }
}

fn pbkdf2_alg(alg: KeyAlg) -> pbkdf2::Algorithm {
    match alg {
        KeyAlg::Pbes2Hs256A128Kw => pbkdf2::PBKDF2_HMAC_SHA256,
        KeyAlg::Pbes2Hs384A192Kw => pbkdf2::PBKDF2_HMAC_SHA384,
        _ => pbkdf2::PBKDF2_HMAC_SHA512,
    }
}

fn gcm_kw_alg(len: usize) -> &'static aead::Algorithm {
    match len {
        16 => &aead::AES_128_GCM,
        24 => &aead::AES_192_GCM,
        _ => &aead::AES_256_GCM,
    }
}

/// A base64url header member, required.
fn b64_member(header: &Map<String, Value>, name: &str) -> Result<Vec<u8>, JweError> {
    let text = header
        .get(name)
        .ok_or_else(|| JweError::Malformed(format!("header has no \"{name}\"")))?
        .as_str()
        .ok_or_else(|| JweError::Malformed(format!("header \"{name}\" is not a string")))?;
    let mut out = Vec::new();
    if !b64::decode_strict_into(text.as_bytes(), &mut out) {
        return Err(JweError::Malformed(format!(
            "header \"{name}\" is not base64url"
        )));
    }
    Ok(out)
}

fn optional_b64(header: &Map<String, Value>, name: &str) -> Result<Vec<u8>, JweError> {
    if header.contains_key(name) {
        b64_member(header, name)
    } else {
        Ok(Vec::new())
    }
}

/// The Concat KDF of NIST SP 800-56A §5.8.1 as RFC 7518 §4.6.2 profiles it (SHA-256).
pub(super) fn concat_kdf(z: &[u8], alg_id: &str, apu: &[u8], apv: &[u8], len: usize) -> Cek {
    let mut out = Zeroizing::new(Vec::with_capacity(len + 32));
    let mut counter: u32 = 1;
    while out.len() < len {
        let mut ctx = digest::Context::new(&digest::SHA256);
        ctx.update(&counter.to_be_bytes());
        ctx.update(z);
        for field in [alg_id.as_bytes(), apu, apv] {
            ctx.update(&(field.len() as u32).to_be_bytes());
            ctx.update(field);
        }
        ctx.update(&((len as u32) * 8).to_be_bytes());
        out.extend_from_slice(ctx.finish().as_ref());
        counter += 1;
    }
    out.truncate(len);
    out
}

/// The algorithm ID and length the ECDH-ES KDF derives for (RFC 7518 §4.6.2).
fn ecdh_target(alg: KeyAlg, enc: Enc) -> (&'static str, usize) {
    match alg.wrap_key_len() {
        Some(n) => (alg.name(), n),
        None => (enc.name(), enc.cek_len()),
    }
}

fn coordinate(jwk: &Map<String, Value>, name: &str, len: usize) -> Result<Vec<u8>, JweError> {
    let bytes = b64_member(jwk, name).map_err(|_| {
        JweError::Refused(format!(
            "the ephemeral key's \"{name}\" is missing or not base64url"
        ))
    })?;
    if bytes.len() != len {
        return Err(JweError::Refused(format!(
            "the ephemeral key's \"{name}\" is {} bytes, not {len}",
            bytes.len()
        )));
    }
    Ok(bytes)
}

/// The ephemeral public key from `epk`, as bytes aws-lc parses, on the recipient's curve.
fn ephemeral_point(
    header: &Map<String, Value>,
    key: &DecryptionMaterial,
) -> Result<Vec<u8>, JweError> {
    let epk = header
        .get("epk")
        .ok_or_else(|| JweError::Malformed("header has no \"epk\" (ephemeral public key)".into()))?
        .as_object()
        .ok_or_else(|| JweError::Malformed("header \"epk\" is not an object".into()))?;
    let kty = epk.get("kty").and_then(Value::as_str);
    let crv = epk.get("crv").and_then(Value::as_str);
    match key {
        DecryptionMaterial::Ec(curve, _) => {
            if kty != Some("EC") || crv != Some(curve.name()) {
                return Err(JweError::Refused(format!(
                    "the ephemeral key is not an EC {} key, as the recipient's key is",
                    curve.name()
                )));
            }
            let n = curve.coordinate_len();
            let mut point = vec![4];
            point.extend(coordinate(epk, "x", n)?);
            point.extend(coordinate(epk, "y", n)?);
            Ok(point)
        }
        DecryptionMaterial::X25519(_) => {
            if kty != Some("OKP") || crv != Some("X25519") {
                return Err(JweError::Refused(
                    "the ephemeral key is not an X25519 key, as the recipient's key is".into(),
                ));
            }
            coordinate(epk, "x", 32)
        }
        _ => Err(JweError::Failed),
    }
}

fn agree(
    private: &AgreementKey,
    peer: &[u8],
    curve: &str,
    alg_id: &str,
    apu: &[u8],
    apv: &[u8],
    len: usize,
) -> Result<Cek, JweError> {
    let peer = UnparsedPublicKey::new(private.algorithm(), peer);
    agreement::agree(
        private,
        peer,
        JweError::Refused(format!(
            "the ephemeral public key is not a valid {curve} point (off the curve, or of low order)"
        )),
        |z| Ok(concat_kdf(z, alg_id, apu, apv, len)),
    )
}

/// Recovers the CEK. Every failure that could tell an attacker something about the key
/// is [`JweError::Failed`]; RSA1_5 never fails here at all (RFC 7518 §4.2: a padding
/// error yields a random CEK, so the content's tag check fails like any wrong key).
pub(super) fn unwrap_cek(
    alg: KeyAlg,
    enc: Enc,
    key: &DecryptionKey,
    header: &Map<String, Value>,
    encrypted_key: &[u8],
    max_p2c: u32,
) -> Result<Cek, JweError> {
    let material = key.material();
    let secret = match material {
        DecryptionMaterial::Oct(s) => Some(s.expose()),
        _ => None,
    };
    let need_empty = |what: &str| {
        if encrypted_key.is_empty() {
            Ok(())
        } else {
            Err(JweError::Malformed(format!(
                "the encrypted key must be empty with {what}"
            )))
        }
    };
    let checked = |cek: Cek| {
        if cek.len() == enc.cek_len() {
            Ok(cek)
        } else {
            Err(JweError::Failed)
        }
    };
    match alg {
        KeyAlg::Dir => {
            need_empty("dir")?;
            let s = secret.ok_or(JweError::Failed)?;
            checked(Zeroizing::new(s.to_vec()))
        }
        KeyAlg::A128Kw | KeyAlg::A192Kw | KeyAlg::A256Kw => {
            let s = secret.ok_or(JweError::Failed)?;
            checked(aeskw::unwrap(s, encrypted_key).map_err(|_| JweError::Failed)?)
        }
        KeyAlg::A128GcmKw | KeyAlg::A192GcmKw | KeyAlg::A256GcmKw => {
            let s = secret.ok_or(JweError::Failed)?;
            let iv = b64_member(header, "iv")?;
            let tag = b64_member(header, "tag")?;
            if iv.len() != 12 {
                return Err(JweError::Malformed(format!(
                    "header \"iv\" is {} bytes; AES-GCM key wrapping uses 12",
                    iv.len()
                )));
            }
            if tag.len() != 16 {
                return Err(JweError::Malformed(format!(
                    "header \"tag\" is {} bytes; AES-GCM key wrapping uses 16",
                    tag.len()
                )));
            }
            let kek = LessSafeKey::new(
                UnboundKey::new(gcm_kw_alg(s.len()), s).map_err(|_| JweError::Failed)?,
            );
            let nonce = Nonce::try_assume_unique_for_key(&iv).map_err(|_| JweError::Failed)?;
            let mut buf = Zeroizing::new(encrypted_key.to_vec());
            buf.extend_from_slice(&tag);
            let n = kek
                .open_in_place(nonce, Aad::empty(), &mut buf)
                .map_err(|_| JweError::Failed)?
                .len();
            buf.truncate(n);
            checked(buf)
        }
        KeyAlg::RsaOaep | KeyAlg::RsaOaep256 | KeyAlg::RsaOaep384 | KeyAlg::RsaOaep512 => {
            let DecryptionMaterial::Rsa(private) = material else {
                return Err(JweError::Failed);
            };
            let oaep_key =
                OaepPrivateDecryptingKey::new(private.clone()).map_err(|_| JweError::Failed)?;
            let mut out = Zeroizing::new(vec![0; oaep_key.min_output_size()]);
            let n = oaep_key
                .decrypt(oaep(alg), encrypted_key, &mut out, None)
                .map_err(|_| JweError::Failed)?
                .len();
            out.truncate(n);
            checked(out)
        }
        KeyAlg::Rsa1_5 => {
            let DecryptionMaterial::Rsa(private) = material else {
                return Err(JweError::Failed);
            };
            // RFC 7518 §4.2 / RFC 3218 §2.3.2: decide on a random CEK first, and use it
            // whenever the padding or the length is wrong, with no different error.
            let mut random = Zeroizing::new(vec![0; enc.cek_len()]);
            aws_lc_rs::rand::fill(&mut random).map_err(|_| JweError::Failed)?;
            let pkcs1 =
                Pkcs1PrivateDecryptingKey::new(private.clone()).map_err(|_| JweError::Failed)?;
            let mut out = Zeroizing::new(vec![0; pkcs1.min_output_size()]);
            let n = pkcs1
                .decrypt(encrypted_key, &mut out)
                .map_or(0, |plain| plain.len());
            if n == enc.cek_len() {
                out.truncate(n);
                Ok(out)
            } else {
                Ok(random)
            }
        }
        KeyAlg::EcdhEs | KeyAlg::EcdhEsA128Kw | KeyAlg::EcdhEsA192Kw | KeyAlg::EcdhEsA256Kw => {
            let point = ephemeral_point(header, material)?;
            let apu = optional_b64(header, "apu")?;
            let apv = optional_b64(header, "apv")?;
            let (alg_id, len) = ecdh_target(alg, enc);
            let (private, curve) = match material {
                DecryptionMaterial::Ec(c, k) => (k, c.name()),
                DecryptionMaterial::X25519(k) => (k, "X25519"),
                _ => return Err(JweError::Failed),
            };
            let derived = agree(private, &point, curve, alg_id, &apu, &apv, len)?;
            if alg == KeyAlg::EcdhEs {
                need_empty("ECDH-ES")?;
                return checked(derived);
            }
            checked(aeskw::unwrap(&derived, encrypted_key).map_err(|_| JweError::Failed)?)
        }
        KeyAlg::Pbes2Hs256A128Kw | KeyAlg::Pbes2Hs384A192Kw | KeyAlg::Pbes2Hs512A256Kw => {
            let s = secret.ok_or(JweError::Failed)?;
            let count = p2c(header, max_p2c)?;
            let p2s = b64_member(header, "p2s")?;
            if p2s.len() < 8 {
                return Err(JweError::Malformed(format!(
                    "header \"p2s\" is {} bytes; RFC 7518 §4.8.1.1 asks for at least 8",
                    p2s.len()
                )));
            }
            let kek = pbes2_key(alg, s, &p2s, count);
            checked(aeskw::unwrap(&kek, encrypted_key).map_err(|_| JweError::Failed)?)
        }
    }
}

/// The PBES2 iteration count, refused before any work when it is out of bounds.
fn p2c(header: &Map<String, Value>, max: u32) -> Result<NonZeroU32, JweError> {
    let value = header
        .get("p2c")
        .ok_or_else(|| JweError::Malformed("header has no \"p2c\" (PBES2 count)".into()))?;
    let count = value.as_u64().ok_or_else(|| {
        JweError::Malformed(format!("header \"p2c\" is not a positive integer: {value}"))
    })?;
    if count > u64::from(max) {
        return Err(JweError::Malformed(format!(
            "header \"p2c\" is {count}; jwtx refuses more than {max} PBES2 iterations"
        )));
    }
    u32::try_from(count)
        .ok()
        .and_then(NonZeroU32::new)
        .ok_or_else(|| JweError::Malformed("header \"p2c\" is 0".into()))
}

fn pbes2_key(alg: KeyAlg, password: &[u8], p2s: &[u8], count: NonZeroU32) -> Cek {
    // RFC 7518 §4.8.1.1: the salt is the algorithm name, a zero byte, then p2s.
    let mut salt = alg.name().as_bytes().to_vec();
    salt.push(0);
    salt.extend_from_slice(p2s);
    let mut kek = Zeroizing::new(vec![0; alg.wrap_key_len().unwrap_or(32)]);
    pbkdf2::derive(pbkdf2_alg(alg), count, &salt, password, &mut kek);
    kek
}

/// A CEK and what the recipient needs to recover it.
pub(super) struct Wrapped {
    pub cek: Cek,
    pub encrypted_key: Vec<u8>,
    /// Header members the key management adds (epk, iv and tag, p2s and p2c).
    pub header: Map<String, Value>,
}

fn random(len: usize) -> Result<Cek, JweError> {
    let mut bytes = Zeroizing::new(vec![0; len]);
    aws_lc_rs::rand::fill(&mut bytes).map_err(|_| JweError::Failed)?;
    Ok(bytes)
}

fn epk_jwk(curve: Option<Curve>, public: &[u8]) -> Value {
    match curve {
        Some(c) => {
            let n = c.coordinate_len();
            json!({"kty": "EC", "crv": c.name(),
                   "x": b64::encode(&public[1..=n]), "y": b64::encode(&public[1 + n..])})
        }
        None => json!({"kty": "OKP", "crv": "X25519", "x": b64::encode(public)}),
    }
}

/// Makes (or derives) the CEK for `enc` and wraps it for the recipient `key`.
/// `header` holds what the caller will put in the protected header (apu, apv, p2c).
pub(super) fn wrap_cek(
    alg: KeyAlg,
    enc: Enc,
    key: &EncryptionKey,
    header: &Map<String, Value>,
    p2c_count: u32,
) -> Result<Wrapped, JweError> {
    let material = key.material();
    let secret = match material {
        EncryptionMaterial::Oct(s) => Some(s.expose()),
        _ => None,
    };
    let mut added = Map::new();
    let failed = || JweError::Refused(format!("{alg} cannot encrypt with this key"));
    let (cek, encrypted_key) = match alg {
        KeyAlg::Dir => (
            Zeroizing::new(secret.ok_or_else(failed)?.to_vec()),
            Vec::new(),
        ),
        KeyAlg::A128Kw | KeyAlg::A192Kw | KeyAlg::A256Kw => {
            let cek = random(enc.cek_len())?;
            let wrapped = aeskw::wrap(secret.ok_or_else(failed)?, &cek).map_err(|_| failed())?;
            (cek, wrapped)
        }
        KeyAlg::A128GcmKw | KeyAlg::A192GcmKw | KeyAlg::A256GcmKw => {
            let s = secret.ok_or_else(failed)?;
            let cek = random(enc.cek_len())?;
            let iv = random(12)?;
            let kek =
                LessSafeKey::new(UnboundKey::new(gcm_kw_alg(s.len()), s).map_err(|_| failed())?);
            let nonce = Nonce::try_assume_unique_for_key(&iv).map_err(|_| failed())?;
            let mut buf = cek.to_vec();
            let tag = kek
                .seal_in_place_separate_tag(nonce, Aad::empty(), &mut buf)
                .map_err(|_| failed())?;
            added.insert("iv".into(), b64::encode(&iv).into());
            added.insert("tag".into(), b64::encode(tag.as_ref()).into());
            (cek, buf)
        }
        KeyAlg::RsaOaep | KeyAlg::RsaOaep256 | KeyAlg::RsaOaep384 | KeyAlg::RsaOaep512 => {
            let EncryptionMaterial::Rsa(public) = material else {
                return Err(failed());
            };
            let oaep_key = OaepPublicEncryptingKey::new(public.clone()).map_err(|_| failed())?;
            let cek = random(enc.cek_len())?;
            let mut out = vec![0; oaep_key.ciphertext_size()];
            let n = oaep_key
                .encrypt(oaep(alg), &cek, &mut out, None)
                .map_err(|_| failed())?
                .len();
            out.truncate(n);
            (cek, out)
        }
        KeyAlg::Rsa1_5 => {
            return Err(JweError::Refused(
                "jwtx does not encrypt with RSA1_5 (RFC 7518 §4.2 padding-oracle risk); use RSA-OAEP-256".into(),
            ));
        }
        KeyAlg::EcdhEs | KeyAlg::EcdhEsA128Kw | KeyAlg::EcdhEsA192Kw | KeyAlg::EcdhEsA256Kw => {
            let (agreement_alg, curve, peer) = match material {
                EncryptionMaterial::Ec(c, point) => (
                    crate::token::keys::decrypting::agreement_alg(*c),
                    Some(*c),
                    point,
                ),
                EncryptionMaterial::X25519(x) => (&agreement::X25519, None, x),
                _ => return Err(failed()),
            };
            let ephemeral = AgreementKey::generate(agreement_alg).map_err(|_| failed())?;
            let public = ephemeral.compute_public_key().map_err(|_| failed())?;
            let apu = optional_b64(header, "apu")?;
            let apv = optional_b64(header, "apv")?;
            let (alg_id, len) = ecdh_target(alg, enc);
            let name = curve.map_or("X25519", Curve::name);
            let derived = agree(&ephemeral, peer, name, alg_id, &apu, &apv, len)?;
            added.insert("epk".into(), epk_jwk(curve, public.as_ref()));
            if alg == KeyAlg::EcdhEs {
                (derived, Vec::new())
            } else {
                let cek = random(enc.cek_len())?;
                let wrapped = aeskw::wrap(&derived, &cek).map_err(|_| failed())?;
                (cek, wrapped)
            }
        }
        KeyAlg::Pbes2Hs256A128Kw | KeyAlg::Pbes2Hs384A192Kw | KeyAlg::Pbes2Hs512A256Kw => {
            let s = secret.ok_or_else(failed)?;
            let count = NonZeroU32::new(p2c_count)
                .ok_or_else(|| JweError::Refused("a PBES2 count of 0".into()))?;
            let p2s = random(16)?;
            let kek = pbes2_key(alg, s, &p2s, count);
            let cek = random(enc.cek_len())?;
            let wrapped = aeskw::wrap(&kek, &cek).map_err(|_| failed())?;
            added.insert("p2s".into(), b64::encode(&p2s).into());
            added.insert("p2c".into(), count.get().into());
            (cek, wrapped)
        }
    };
    if cek.len() != enc.cek_len() {
        return Err(JweError::Refused(format!(
            "{alg} with a {}-byte key cannot make a {} key ({} bytes)",
            cek.len(),
            enc,
            enc.cek_len()
        )));
    }
    Ok(Wrapped {
        cek,
        encrypted_key,
        header: added,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7518 Appendix C: ECDH-ES Concat KDF for A128GCM.
    #[test]
    fn rfc7518_c_concat_kdf() {
        let z = [
            158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49,
            110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
        ];
        let key = concat_kdf(&z, "A128GCM", b"Alice", b"Bob", 16);
        assert_eq!(b64::encode(key.as_slice()), "VqqN6vgjbSBcIijNcacQGg");
    }

    #[test]
    fn p2c_is_bounded_before_any_work() {
        let header = |v: Value| {
            let mut m = Map::new();
            m.insert("p2c".into(), v);
            m
        };
        assert!(p2c(&header(json!(2_147_483_648u64)), MAX_P2C).is_err());
        assert!(p2c(&header(json!(0)), MAX_P2C).is_err());
        assert!(p2c(&header(json!(-1)), MAX_P2C).is_err());
        assert!(p2c(&header(json!(1.5)), MAX_P2C).is_err());
        assert_eq!(p2c(&header(json!(4096)), MAX_P2C).unwrap().get(), 4096);
    }
}
