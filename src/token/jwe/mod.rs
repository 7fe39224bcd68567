//! JWE (RFC 7516) in compact form: decrypt and encrypt, bytes in, bytes out. The
//! recipient's key decides which algorithms may be used (RFC 7518 §4 and §5); the header
//! only says which of those the sender picked. One file per job: `alg` names the
//! algorithms, `compact` reads the five parts, `management` gets the CEK to and from the
//! recipient, `content` encrypts the content, `aeskw` is AES key wrap and `zip` inflates.

use serde_json::{Map, Value};
use zeroize::Zeroizing;

mod aeskw;
pub mod alg;
mod compact;
mod content;
pub mod management;
pub mod presets;
mod zip;

pub use alg::{Enc, KeyAlg, KeyFamily};
pub use compact::Parts;
pub use management::{DEFAULT_P2C, MAX_P2C};

use crate::token::b64;
use crate::token::keys::{DecryptionKey, EncryptionKey, JweKeyKind};

/// The default cap on a decompressed (`zip: DEF`) plaintext: 1 MiB.
pub const MAX_INFLATED: usize = 1 << 20;

/// Why a JWE does not decrypt.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JweError {
    /// Not a well-formed JWE: parts, lengths, header members.
    #[error("{0}")]
    Malformed(String),
    /// The token asks for something the key, or the caller, does not allow, or carries
    /// an ephemeral key that is not acceptable.
    #[error("{0}")]
    Refused(String),
    /// RSA1_5, which decrypts only when the caller has explicitly allowed it.
    #[error(
        "the token uses RSA1_5 (RSAES-PKCS1-v1_5), which jwtx decrypts only when explicitly allowed"
    )]
    Rsa1_5NotAllowed,
    /// The key did not decrypt it: a wrong key, or a changed token. Deliberately vague.
    #[error("decryption failed: wrong key, or the token was changed")]
    Failed,
    /// The plaintext inflates past the cap.
    #[error("the compressed plaintext inflates past {0} bytes; refused as a compression bomb")]
    TooLarge(usize),
}

/// What the caller allows.
#[derive(Clone, Debug)]
pub struct DecryptPolicy {
    /// Only these key-management algorithms (empty: all the key allows).
    pub algs: Vec<KeyAlg>,
    /// Only these content encryptions (empty: all).
    pub encs: Vec<Enc>,
    /// Decrypt RSA1_5 (with the RFC 7518 §4.2 countermeasure).
    pub allow_rsa1_5: bool,
    pub max_p2c: u32,
    pub max_inflated: usize,
}

impl Default for DecryptPolicy {
    fn default() -> Self {
        DecryptPolicy {
            algs: Vec::new(),
            encs: Vec::new(),
            allow_rsa1_5: false,
            max_p2c: MAX_P2C,
            max_inflated: MAX_INFLATED,
        }
    }
}

/// A decrypted JWE.
pub struct Decrypted {
    pub alg: KeyAlg,
    pub enc: Enc,
    /// Whether the plaintext was `zip: DEF` compressed.
    pub compressed: bool,
    /// Which of the keys given decrypted it.
    pub key_index: usize,
    pub plaintext: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for Decrypted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Decrypted")
            .field("alg", &self.alg)
            .field("enc", &self.enc)
            .field("key_index", &self.key_index)
            .finish_non_exhaustive()
    }
}

fn header_name<T: std::str::FromStr<Err = String>>(
    header: &Map<String, Value>,
    member: &str,
) -> Result<T, JweError> {
    match header.get(member) {
        None => Err(JweError::Malformed(format!("header has no \"{member}\""))),
        Some(Value::String(s)) => s.parse::<T>().map_err(JweError::Refused),
        Some(other) => Err(JweError::Malformed(format!(
            "header \"{member}\" is not a string: {other}"
        ))),
    }
}

/// Whether a key of this kind may decrypt `alg`/`enc` (RSA1_5 only when allowed).
fn key_allows(key_kind: JweKeyKind, alg: KeyAlg, enc: Enc, allow_rsa1_5: bool) -> bool {
    if alg == KeyAlg::Rsa1_5 {
        return allow_rsa1_5 && key_kind.allows(KeyAlg::RsaOaep, enc);
    }
    key_kind.allows(alg, enc)
}

/// Decrypts a compact JWE with the first of `keys` that may and does. The token's `kid`,
/// when a key carries the same one, narrows the keys tried.
pub fn decrypt(
    parts: &Parts<'_>,
    keys: &[DecryptionKey],
    policy: &DecryptPolicy,
) -> Result<Decrypted, JweError> {
    let header = parts.header;
    let alg: KeyAlg = header_name(header, "alg")?;
    let enc: Enc = header_name(header, "enc")?;
    if let Some(crit) = header.get("crit") {
        return Err(JweError::Refused(format!(
            "the header marks extensions as critical ({crit}); jwtx understands none"
        )));
    }
    if !policy.algs.is_empty() && !policy.algs.contains(&alg) {
        return Err(JweError::Refused(format!(
            "{alg} is not among the allowed algorithms"
        )));
    }
    if !policy.encs.is_empty() && !policy.encs.contains(&enc) {
        return Err(JweError::Refused(format!(
            "{enc} is not among the allowed content encryptions"
        )));
    }
    if alg == KeyAlg::Rsa1_5 && !policy.allow_rsa1_5 {
        return Err(JweError::Rsa1_5NotAllowed);
    }
    let compressed = match header.get("zip") {
        None => false,
        Some(Value::String(z)) if z == "DEF" => true,
        Some(other) => {
            return Err(JweError::Malformed(format!(
                "header \"zip\" is {other}; only \"DEF\" is defined"
            )));
        }
    };
    if parts.iv.len() != enc.iv_len() {
        return Err(JweError::Malformed(format!(
            "the initialization vector is {} bytes; {enc} uses {}",
            parts.iv.len(),
            enc.iv_len()
        )));
    }
    if parts.tag.len() != enc.tag_len() {
        return Err(JweError::Malformed(format!(
            "the authentication tag is {} bytes; {enc} uses {}",
            parts.tag.len(),
            enc.tag_len()
        )));
    }

    let mut candidates: Vec<usize> = Vec::new();
    let mut refusals: Vec<String> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        if !key_allows(key.kind(), alg, enc, policy.allow_rsa1_5) {
            refusals.push(format!(
                "{alg}/{enc} cannot be used with a {} key",
                key.kind()
            ));
        } else if let Some(why) = key.meta().refusal(alg, enc, true) {
            refusals.push(format!(
                "the {} key cannot decrypt {alg}: {why}",
                key.kind()
            ));
        } else {
            candidates.push(i);
        }
    }
    if let Some(kid) = header.get("kid").and_then(Value::as_str) {
        let matching: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| keys[i].kid() == Some(kid))
            .collect();
        if !matching.is_empty() {
            candidates = matching;
        }
    }
    if candidates.is_empty() {
        refusals.dedup();
        return Err(JweError::Refused(
            refusals
                .first()
                .cloned()
                .unwrap_or_else(|| "no key to decrypt with".into()),
        ));
    }

    let mut last = JweError::Failed;
    for i in candidates {
        let cek = match management::unwrap_cek(
            alg,
            enc,
            &keys[i],
            header,
            &parts.encrypted_key,
            policy.max_p2c,
        ) {
            Ok(cek) => cek,
            Err(JweError::Failed) => continue,
            Err(JweError::Refused(why)) => {
                last = JweError::Refused(why);
                continue;
            }
            Err(other) => return Err(other),
        };
        let Ok(plain) = content::decrypt(
            enc,
            &cek,
            &parts.iv,
            parts.aad.as_bytes(),
            &parts.ciphertext,
            &parts.tag,
        ) else {
            continue;
        };
        let plaintext = if compressed {
            zip::inflate(&plain, policy.max_inflated).map_err(|e| match e {
                zip::InflateError::TooLarge(cap) => JweError::TooLarge(cap),
                zip::InflateError::Corrupt(why) => {
                    JweError::Malformed(format!("the plaintext does not inflate (zip DEF): {why}"))
                }
            })?
        } else {
            plain
        };
        return Ok(Decrypted {
            alg,
            enc,
            compressed,
            key_index: i,
            plaintext,
        });
    }
    Err(last)
}

/// How to encrypt.
#[derive(Clone, Debug)]
pub struct EncryptSpec {
    pub alg: KeyAlg,
    pub enc: Enc,
    /// Compress the plaintext with DEFLATE first (`zip: DEF`).
    pub compress: bool,
    /// The PBES2 iteration count.
    pub p2c: u32,
    /// Further protected-header members (kid, typ, cty, apu, apv...).
    pub header: Map<String, Value>,
}

impl EncryptSpec {
    pub fn new(alg: KeyAlg, enc: Enc) -> EncryptSpec {
        EncryptSpec {
            alg,
            enc,
            compress: false,
            p2c: DEFAULT_P2C,
            header: Map::new(),
        }
    }
}

/// Encrypts `plaintext` to `key` as a compact JWE.
pub fn encrypt(
    plaintext: &[u8],
    key: &EncryptionKey,
    spec: &EncryptSpec,
) -> Result<String, JweError> {
    let (alg, enc) = (spec.alg, spec.enc);
    if alg != KeyAlg::Rsa1_5 && !key.kind().allows(alg, enc) {
        return Err(JweError::Refused(format!(
            "{alg}/{enc} cannot be used with a {} key",
            key.kind()
        )));
    }
    if let Some(why) = key.meta().refusal(alg, enc, false) {
        return Err(JweError::Refused(format!(
            "the key cannot encrypt {alg}: {why}"
        )));
    }
    let wrapped = management::wrap_cek(alg, enc, key, &spec.header, spec.p2c)?;
    let mut header = Map::new();
    header.insert("alg".into(), alg.name().into());
    header.insert("enc".into(), enc.name().into());
    if spec.compress {
        header.insert("zip".into(), "DEF".into());
    }
    if let Some(kid) = key.kid() {
        header.insert("kid".into(), kid.into());
    }
    for (name, value) in spec.header.iter().chain(wrapped.header.iter()) {
        header.insert(name.clone(), value.clone());
    }
    let protected = b64::encode(Value::Object(header).to_string());
    let body = if spec.compress {
        Zeroizing::new(zip::deflate(plaintext))
    } else {
        Zeroizing::new(plaintext.to_vec())
    };
    let sealed = content::encrypt(enc, &wrapped.cek, protected.as_bytes(), &body)
        .map_err(|_| JweError::Refused("content encryption failed".into()))?;
    Ok(format!(
        "{protected}.{}.{}.{}.{}",
        b64::encode(&wrapped.encrypted_key),
        b64::encode(&sealed.iv),
        b64::encode(&sealed.ciphertext),
        b64::encode(&sealed.tag)
    ))
}

#[cfg(test)]
mod tests;
