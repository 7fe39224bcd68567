//! Writing keys out: PKCS#8, PKCS#1, SEC1 and SubjectPublicKeyInfo, as PEM (RFC 7468)
//! or DER, and JWKs (RFC 7517, RFC 7518 §6, RFC 8037). Private material is built in
//! buffers that are wiped when dropped, and an [`EncodedKey`] never shows its bytes
//! in debug output.

use std::fmt;

use aws_lc_rs::encoding::{AsBigEndian, AsDer, EcPrivateKeyBin, EcPrivateKeyRfc5915Der};
use aws_lc_rs::encoding::{Curve25519SeedBin, Pkcs8V1Der};
use serde_json::{Map, Value};
use spki::der::asn1::UintRef;
use spki::der::{Reader, SliceReader};
use zeroize::Zeroizing;

use super::signing::{Private, SigningKey};
use super::verifying::VerifyingKey;
use super::{KeyError, KeyKind, OID_RSA};
use crate::token::b64;

/// The structure a key is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyLayout {
    /// The usual container: PKCS#8 for a private key, SubjectPublicKeyInfo for a
    /// public one (a JWK for an HMAC secret).
    Standard,
    /// PKCS#8 (RFC 5208/5958) `PRIVATE KEY`.
    Pkcs8,
    /// PKCS#1 (RFC 8017) `RSA PRIVATE KEY` or `RSA PUBLIC KEY`: RSA only.
    Pkcs1,
    /// SEC 1 / RFC 5915 `EC PRIVATE KEY`: EC private keys only.
    Sec1,
    /// SubjectPublicKeyInfo (RFC 5280) `PUBLIC KEY`: the public half.
    Spki,
    /// A JWK.
    Jwk,
    /// An HMAC secret's bytes as base64url text.
    Base64Url,
}

impl KeyLayout {
    fn name(self) -> &'static str {
        match self {
            KeyLayout::Standard => "the standard container",
            KeyLayout::Pkcs8 => "PKCS#8",
            KeyLayout::Pkcs1 => "PKCS#1",
            KeyLayout::Sec1 => "SEC 1",
            KeyLayout::Spki => "SubjectPublicKeyInfo",
            KeyLayout::Jwk => "a JWK",
            KeyLayout::Base64Url => "base64url text",
        }
    }
}

/// The members a written JWK carries beside the key itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JwkMembers {
    pub kid: Option<String>,
    pub alg: Option<String>,
    /// The `use` member.
    pub usage: Option<String>,
}

/// A key written out: the bytes of a file (PEM and JWK text end with a newline).
pub struct EncodedKey {
    bytes: Zeroizing<Vec<u8>>,
    private: bool,
}

impl EncodedKey {
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
    /// Whether the bytes hold private key material (a private key or an HMAC secret).
    pub fn is_private(&self) -> bool {
        self.private
    }
    fn new(bytes: Zeroizing<Vec<u8>>, private: bool) -> EncodedKey {
        EncodedKey { bytes, private }
    }
}

impl fmt::Debug for EncodedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.private {
            f.write_str("EncodedKey(private, redacted)")
        } else {
            f.debug_tuple("EncodedKey")
                .field(&String::from_utf8_lossy(&self.bytes))
                .finish()
        }
    }
}

fn failed(what: &str) -> KeyError {
    KeyError::Invalid(format!("cannot encode the {what}"))
}

fn unfit(layout: KeyLayout, kind: KeyKind, why: &str) -> KeyError {
    KeyError::Unsupported(format!(
        "{} cannot hold {}{why}",
        layout.name(),
        kind.with_article()
    ))
}

/// DER `der` under `label`, as PEM text or as it is.
fn armor(label: &str, der: &[u8], as_der: bool) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    if as_der {
        return Ok(Zeroizing::new(der.to_vec()));
    }
    let text = pem_rfc7468::encode_string(label, pem_rfc7468::LineEnding::LF, der)
        .map_err(|_| failed("PEM"))?;
    Ok(Zeroizing::new(text.into_bytes()))
}

/// One JWK member: its name and its value as JSON text.
type Member = (&'static str, Zeroizing<String>);

fn b64_member(name: &'static str, bytes: &[u8]) -> Member {
    let encoded = Zeroizing::new(b64::encode(bytes));
    let mut text = Zeroizing::new(String::with_capacity(encoded.len() + 2));
    text.push('"');
    text.push_str(&encoded);
    text.push('"');
    (name, text)
}

fn text_member(name: &'static str, text: &str) -> Member {
    (name, Zeroizing::new(Value::from(text).to_string()))
}

fn add_metadata(members: &mut Vec<Member>, meta: &JwkMembers) {
    if let Some(usage) = &meta.usage {
        members.push(text_member("use", usage));
    }
    if let Some(alg) = &meta.alg {
        members.push(text_member("alg", alg));
    }
    if let Some(kid) = &meta.kid {
        members.push(text_member("kid", kid));
    }
}

/// A JWK's text, pretty-printed with a final newline, built in a wiped buffer.
fn jwk_text(members: &[Member]) -> Zeroizing<Vec<u8>> {
    let size: usize = members.iter().map(|(n, v)| n.len() + v.len() + 8).sum();
    let mut out = Zeroizing::new(Vec::with_capacity(size + 4));
    out.extend_from_slice(b"{\n");
    for (i, (name, value)) in members.iter().enumerate() {
        out.extend_from_slice(b"  \"");
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"\": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(if i + 1 < members.len() { b",\n" } else { b"\n" });
    }
    out.extend_from_slice(b"}\n");
    out
}

/// A JWK as a JSON value (for a key set); the caller owns what it holds.
fn jwk_value(members: &[Member]) -> Result<Value, KeyError> {
    let mut map = Map::new();
    for (name, value) in members {
        let value: Value = serde_json::from_str(value).map_err(|_| failed("JWK"))?;
        map.insert((*name).to_owned(), value);
    }
    Ok(Value::Object(map))
}

/// The public JWK members of `key` (not its metadata), in the order RFC 7517's
/// examples use.
fn public_members(key: &VerifyingKey) -> Result<Vec<Member>, KeyError> {
    let jwk = match key.kind() {
        KeyKind::Hmac(_) => {
            let secret = key.hmac_secret().ok_or_else(|| failed("secret"))?;
            return Ok(vec![
                text_member("kty", "oct"),
                b64_member("k", secret.expose()),
            ]);
        }
        _ => key.bare_public_jwk().ok_or_else(|| failed("public key"))?,
    };
    let names: &[&'static str] = match key.kind() {
        KeyKind::Rsa(_) => &["kty", "n", "e"],
        KeyKind::Ec(_) => &["kty", "crv", "x", "y"],
        _ => &["kty", "crv", "x"],
    };
    names
        .iter()
        .map(|&name| {
            let value = jwk.get(name).ok_or_else(|| failed("public key"))?;
            Ok((name, Zeroizing::new(value.to_string())))
        })
        .collect()
}

/// The members of an RSA private key in PKCS#1 DER (RFC 8017 A.1.2), after the
/// version: n, e, d, p, q, dP, dQ, qInv.
fn pkcs1_private_members(der: &[u8]) -> Option<Vec<Zeroizing<Vec<u8>>>> {
    let mut reader = SliceReader::new(der).ok()?;
    reader
        .sequence(|seq| {
            let _version: UintRef<'_> = seq.decode()?;
            let mut out = Vec::with_capacity(8);
            for _ in 0..8 {
                let n: UintRef<'_> = seq.decode()?;
                out.push(Zeroizing::new(n.as_bytes().to_vec()));
            }
            let rest = seq.remaining_len();
            seq.read_slice(rest)?;
            Ok::<_, spki::der::Error>(out)
        })
        .ok()
}

/// The PKCS#1 RSAPrivateKey inside an RSA PKCS#8 document.
fn pkcs1_from_pkcs8(pkcs8: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let info = pkcs8::PrivateKeyInfoRef::try_from(pkcs8).ok()?;
    (info.algorithm.oid == OID_RSA).then(|| Zeroizing::new(info.private_key.as_bytes().to_vec()))
}

impl SigningKey {
    /// The PKCS#8 DER of an asymmetric private key.
    fn pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>, KeyError> {
        let der = match &self.private {
            Private::Hmac(_) => return Err(unfit(KeyLayout::Pkcs8, self.kind(), "")),
            Private::Rsa(pair) => {
                let der: Pkcs8V1Der<'_> = pair.as_der().map_err(|_| failed("RSA key"))?;
                der.as_ref().to_vec()
            }
            Private::Ec(_, pair) => pair
                .to_pkcs8v1()
                .map_err(|_| failed("EC key"))?
                .as_ref()
                .to_vec(),
            Private::Ed25519(pair) => pair
                .to_pkcs8v1()
                .map_err(|_| failed("Ed25519 key"))?
                .as_ref()
                .to_vec(),
        };
        Ok(Zeroizing::new(der))
    }

    /// The private members of this key's JWK (the public ones come first).
    fn private_members(&self) -> Result<Vec<Member>, KeyError> {
        let mut members = public_members(&self.verifying_key()?)?;
        match &self.private {
            Private::Hmac(_) => {}
            Private::Rsa(_) => {
                let pkcs1 =
                    pkcs1_from_pkcs8(&self.pkcs8_der()?).ok_or_else(|| failed("RSA key"))?;
                let values = pkcs1_private_members(&pkcs1).ok_or_else(|| failed("RSA key"))?;
                // n and e are already there; d, p, q, dp, dq, qi follow.
                for (name, value) in ["d", "p", "q", "dp", "dq", "qi"]
                    .into_iter()
                    .zip(&values[2..])
                {
                    members.push(b64_member(name, value));
                }
            }
            Private::Ec(_, pair) => {
                let d: EcPrivateKeyBin<'_> = pair
                    .private_key()
                    .as_be_bytes()
                    .map_err(|_| failed("EC key"))?;
                members.push(b64_member("d", d.as_ref()));
            }
            Private::Ed25519(pair) => {
                let seed: Curve25519SeedBin<'_> = pair
                    .seed()
                    .and_then(|s| s.as_be_bytes())
                    .map_err(|_| failed("Ed25519 key"))?;
                members.push(b64_member("d", seed.as_ref()));
            }
        }
        Ok(members)
    }

    /// This private key in `layout`, as DER when `as_der` (for the DER layouts), with
    /// `meta` in a JWK. [`KeyLayout::Spki`] writes the public half.
    pub fn encode(
        &self,
        layout: KeyLayout,
        as_der: bool,
        meta: &JwkMembers,
    ) -> Result<EncodedKey, KeyError> {
        let kind = self.kind();
        let private = |bytes| Ok(EncodedKey::new(bytes, true));
        match (layout, &self.private) {
            (KeyLayout::Jwk, _) | (KeyLayout::Standard, Private::Hmac(_)) => {
                let mut members = self.private_members()?;
                add_metadata(&mut members, meta);
                private(jwk_text(&members))
            }
            (KeyLayout::Base64Url, Private::Hmac(secret)) => {
                let mut text = Zeroizing::new(b64::encode(secret.expose()).into_bytes());
                text.push(b'\n');
                private(text)
            }
            (KeyLayout::Base64Url, _) => Err(unfit(layout, kind, "; it holds HMAC secrets")),
            (KeyLayout::Spki, _) => self.verifying_key()?.encode(layout, as_der, meta),
            (KeyLayout::Standard | KeyLayout::Pkcs8, _) => {
                private(armor("PRIVATE KEY", &self.pkcs8_der()?, as_der)?)
            }
            (KeyLayout::Pkcs1, Private::Rsa(_)) => {
                let pkcs1 =
                    pkcs1_from_pkcs8(&self.pkcs8_der()?).ok_or_else(|| failed("RSA key"))?;
                private(armor("RSA PRIVATE KEY", &pkcs1, as_der)?)
            }
            (KeyLayout::Pkcs1, _) => Err(unfit(layout, kind, "; it holds RSA keys")),
            (KeyLayout::Sec1, Private::Ec(_, pair)) => {
                let der: EcPrivateKeyRfc5915Der<'_> =
                    pair.private_key().as_der().map_err(|_| failed("EC key"))?;
                private(armor("EC PRIVATE KEY", der.as_ref(), as_der)?)
            }
            (KeyLayout::Sec1, _) => Err(unfit(layout, kind, "; it holds EC private keys")),
        }
    }

    /// This key as a private JWK value, for a key set.
    pub fn jwk(&self, meta: &JwkMembers) -> Result<Value, KeyError> {
        let mut members = self.private_members()?;
        add_metadata(&mut members, meta);
        jwk_value(&members)
    }
}

impl VerifyingKey {
    /// This public key (an HMAC secret: as a JWK or base64url only) in `layout`, as DER
    /// when `as_der`, with `meta` in a JWK.
    pub fn encode(
        &self,
        layout: KeyLayout,
        as_der: bool,
        meta: &JwkMembers,
    ) -> Result<EncodedKey, KeyError> {
        let kind = self.kind();
        let hmac = matches!(kind, KeyKind::Hmac(_));
        match layout {
            KeyLayout::Jwk => {
                let mut members = public_members(self)?;
                add_metadata(&mut members, meta);
                Ok(EncodedKey::new(jwk_text(&members), hmac))
            }
            KeyLayout::Standard if hmac => self.encode(KeyLayout::Jwk, as_der, meta),
            KeyLayout::Base64Url => {
                let secret = self
                    .hmac_secret()
                    .ok_or_else(|| unfit(layout, kind, "; it holds HMAC secrets"))?;
                let mut text = Zeroizing::new(b64::encode(secret.expose()).into_bytes());
                text.push(b'\n');
                Ok(EncodedKey::new(text, true))
            }
            _ if hmac => Err(unfit(layout, kind, "; an HMAC secret is written as a JWK")),
            KeyLayout::Standard | KeyLayout::Spki => {
                let der = self.spki_der().ok_or_else(|| failed("public key"))?;
                Ok(EncodedKey::new(armor("PUBLIC KEY", &der, as_der)?, false))
            }
            KeyLayout::Pkcs1 if matches!(kind, KeyKind::Rsa(_)) => {
                let der = self.spki_der().ok_or_else(|| failed("public key"))?;
                let info = spki::SubjectPublicKeyInfoRef::try_from(der.as_slice())
                    .map_err(|_| failed("public key"))?;
                let pkcs1 = info.subject_public_key.raw_bytes();
                Ok(EncodedKey::new(
                    armor("RSA PUBLIC KEY", pkcs1, as_der)?,
                    false,
                ))
            }
            KeyLayout::Pkcs1 => Err(unfit(layout, kind, "; it holds RSA keys")),
            KeyLayout::Pkcs8 | KeyLayout::Sec1 => Err(KeyError::NotPrivate(format!(
                "{} (which {} holds)",
                kind.with_article(),
                layout.name()
            ))),
        }
    }

    /// This key as a JWK value (public members, or an HMAC secret's `k`), for a key set.
    pub fn jwk(&self, meta: &JwkMembers) -> Result<Value, KeyError> {
        let mut members = public_members(self)?;
        add_metadata(&mut members, meta);
        jwk_value(&members)
    }
}

/// The public components of an RSA key, for tests of the PKCS#1 reader.
#[cfg(test)]
fn rsa_components(key: &SigningKey) -> Option<aws_lc_rs::rsa::PublicKeyComponents<Vec<u8>>> {
    use aws_lc_rs::signature::KeyPair as _;
    match &key.private {
        Private::Rsa(pair) => Some(aws_lc_rs::rsa::PublicKeyComponents::<Vec<u8>>::from(
            pair.public_key(),
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::Alg;
    use crate::token::keys::KeySet;
    use crate::token::keys::generate::generate;

    #[test]
    fn every_layout_loads_back_as_the_same_key() {
        for alg in [Alg::ES256, Alg::ES384, Alg::ES512, Alg::EdDSA, Alg::RS256] {
            let key = generate(alg, None).unwrap();
            let spki = key.verifying_key().unwrap().spki_der().unwrap();
            let meta = JwkMembers::default();
            for layout in [
                KeyLayout::Standard,
                KeyLayout::Pkcs8,
                KeyLayout::Pkcs1,
                KeyLayout::Sec1,
                KeyLayout::Jwk,
            ] {
                for as_der in [false, true] {
                    let Ok(out) = key.encode(layout, as_der, &meta) else {
                        assert!(
                            matches!(
                                (layout, alg),
                                (
                                    KeyLayout::Pkcs1,
                                    Alg::ES256 | Alg::ES384 | Alg::ES512 | Alg::EdDSA
                                ) | (KeyLayout::Sec1, Alg::RS256 | Alg::EdDSA)
                            ),
                            "{alg} {layout:?}"
                        );
                        continue;
                    };
                    assert!(out.is_private());
                    let back = SigningKey::load(out.bytes()).unwrap();
                    assert_eq!(
                        back.verifying_key().unwrap().spki_der().unwrap(),
                        spki,
                        "{alg} {layout:?}"
                    );
                }
            }
            let public = key.encode(KeyLayout::Spki, false, &meta).unwrap();
            assert!(!public.is_private());
            let set = KeySet::load(public.bytes()).unwrap();
            assert_eq!(set.keys()[0].spki_der().unwrap(), spki);
        }
    }

    #[test]
    fn rsa_private_members_match_the_public_key() {
        let key = generate(Alg::PS256, None).unwrap();
        let pkcs1 = pkcs1_from_pkcs8(&key.pkcs8_der().unwrap()).unwrap();
        let values = pkcs1_private_members(&pkcs1).unwrap();
        let public = rsa_components(&key).unwrap();
        assert_eq!(values[0].as_slice(), public.n.as_slice());
        assert_eq!(values[1].as_slice(), public.e.as_slice());
    }

    #[test]
    fn private_bytes_stay_out_of_debug() {
        let key = generate(Alg::HS256, None).unwrap();
        let out = key
            .encode(KeyLayout::Jwk, false, &JwkMembers::default())
            .unwrap();
        let shown = format!("{out:?}");
        assert!(
            shown.contains("redacted") && !shown.contains("\"k\""),
            "{shown}"
        );
    }
}
