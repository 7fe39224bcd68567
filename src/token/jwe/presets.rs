//! Web frameworks' encrypted session cookies: the key each framework derives from its
//! secret with HKDF-SHA256 (RFC 5869), and the cookie jar those cookies arrive in
//! (a `Cookie:` header, `name=value` pairs, chunks `name.0`, `name.1`...).
//!
//! The constants were read in the frameworks' own code (npm, December 2026):
//! - `@auth/core` 0.41.3 `jwt.js` (`encode`, `decode`, `getDerivedEncryptionKey`, `getToken`):
//!   `dir` + `A256CBC-HS512` (decode also accepts `A256GCM`); key = HKDF-SHA256(ikm =
//!   secret, salt = cookie name, info = `"Auth.js Generated Encryption Key (<salt>)"`),
//!   64 bytes for A256CBC-HS512 and 32 for A256GCM; the header's `kid` is the RFC 7638
//!   thumbprint of `{"kty":"oct","k":<key>}` hashed with SHA-(8 x key bytes), so SHA-512
//!   for the 64-byte key and SHA-256 for the 32-byte one. Cookie names
//!   `authjs.session-token` and `__Secure-authjs.session-token`; `lib/utils/cookie.js`
//!   chunks long values as `name.0`, `name.1`...
//! - `next-auth` 4.24.15 `jwt/index.js`: `dir` + `A256GCM`, no `kid`; key =
//!   HKDF-SHA256(secret, salt = "", info = "NextAuth.js Generated Encryption Key", 32)
//!   (a non-empty salt appends `" (<salt>)"` to the info; `getToken` passes none). Cookie
//!   names `next-auth.session-token` and `__Secure-next-auth.session-token`.
//! - `@auth0/nextjs-auth0` 4.30.0 `dist/server/cookies.js` and `express-openid-connect`
//!   3.4.0 `lib/crypto.js`: `dir` + `A256GCM`, key = HKDF-SHA256(secret, salt = "",
//!   info = "JWE CEK", 32). Cookie names `__session` (nextjs-auth0 v4, chunks
//!   `__session__0`...) and `appSession` (express-openid-connect and nextjs-auth0 v3,
//!   chunks `appSession.0`...).

use std::fmt;
use std::str::FromStr;

use aws_lc_rs::hkdf;
use serde_json::Value;
use sha2::{Digest, Sha256, Sha512};
use zeroize::Zeroizing;

use super::{DecryptPolicy, Decrypted, Enc, JweError, KeyAlg, Parts};
use crate::token::b64;
use crate::token::keys::DecryptionKey;
use crate::token::secret::Secret;

/// A framework whose session cookies jwtx knows how to open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// Auth.js v5 (`@auth/core`, `next-auth` v5).
    AuthJs,
    /// NextAuth.js v4 (`next-auth` 4.x).
    NextAuthV4,
    /// Auth0's SDKs (`@auth0/nextjs-auth0`, `express-openid-connect`).
    Auth0,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Preset::AuthJs, Preset::NextAuthV4, Preset::Auth0];

    pub fn name(self) -> &'static str {
        match self {
            Preset::AuthJs => "authjs",
            Preset::NextAuthV4 => "nextauth-v4",
            Preset::Auth0 => "auth0",
        }
    }

    /// The framework's name, for messages.
    pub fn title(self) -> &'static str {
        match self {
            Preset::AuthJs => "Auth.js v5",
            Preset::NextAuthV4 => "NextAuth.js v4",
            Preset::Auth0 => "Auth0 SDK",
        }
    }

    /// The session cookie names the framework uses by default.
    pub fn cookie_names(self) -> &'static [&'static str] {
        match self {
            Preset::AuthJs => &["authjs.session-token", "__Secure-authjs.session-token"],
            Preset::NextAuthV4 => &[
                "next-auth.session-token",
                "__Secure-next-auth.session-token",
            ],
            Preset::Auth0 => &["__session", "appSession"],
        }
    }

    /// The content encryptions the framework's decoder accepts.
    pub fn encs(self) -> &'static [Enc] {
        match self {
            Preset::AuthJs => &[Enc::A256CbcHs512, Enc::A256Gcm],
            Preset::NextAuthV4 | Preset::Auth0 => &[Enc::A256Gcm],
        }
    }

    /// Whether the derived key depends on the cookie name (Auth.js salts with it).
    pub fn salted_by_cookie_name(self) -> bool {
        self == Preset::AuthJs
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Preset {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Preset::ALL
            .into_iter()
            .find(|p| p.name() == s)
            .ok_or_else(|| format!("unknown preset {s:?}"))
    }
}

struct OkmLen(usize);

impl hkdf::KeyType for OkmLen {
    fn len(&self) -> usize {
        self.0
    }
}

/// HKDF-SHA256 (RFC 5869) of `len` bytes. An empty salt is HMAC's all-zero key, as the
/// RFC and the frameworks' HKDF implementations have it.
/// `None` only for an output over HKDF-SHA256's 8160 bytes (jwtx asks for 32 or 64).
fn hkdf_sha256(ikm: &[u8], salt: &[u8], info: &[u8], len: usize) -> Option<Zeroizing<Vec<u8>>> {
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(ikm);
    let mut out = Zeroizing::new(vec![0u8; len]);
    let info = [info];
    let okm = prk.expand(&info, OkmLen(len)).ok()?;
    okm.fill(&mut out).ok()?;
    Some(out)
}

/// The content-encryption key `preset` derives from `secret` for a cookie named
/// `cookie_name` (used by Auth.js only) and content encryption `enc`.
pub fn derive_key(
    preset: Preset,
    secret: &[u8],
    cookie_name: &str,
    enc: Enc,
) -> Result<Secret, CookieError> {
    let key = match preset {
        Preset::AuthJs => {
            let info = format!("Auth.js Generated Encryption Key ({cookie_name})");
            hkdf_sha256(
                secret,
                cookie_name.as_bytes(),
                info.as_bytes(),
                enc.cek_len(),
            )
        }
        Preset::NextAuthV4 => hkdf_sha256(secret, b"", b"NextAuth.js Generated Encryption Key", 32),
        Preset::Auth0 => hkdf_sha256(secret, b"", b"JWE CEK", 32),
    };
    key.map(|k| Secret::new(k.to_vec()))
        .ok_or_else(|| CookieError::Refused("the HKDF key derivation failed".into()))
}

/// The RFC 7638 thumbprint Auth.js puts in the `kid`: of the `oct` JWK of `key`, hashed
/// with SHA-512 for a 64-byte key and SHA-256 for a 32-byte one.
pub fn authjs_kid(key: &Secret) -> String {
    let mut json = Zeroizing::new(String::with_capacity(128));
    json.push_str("{\"k\":\"");
    json.push_str(&Zeroizing::new(b64::encode(key.expose())));
    json.push_str("\",\"kty\":\"oct\"}");
    if key.len() == 64 {
        b64::encode(Sha512::digest(json.as_bytes()))
    } else {
        b64::encode(Sha256::digest(json.as_bytes()))
    }
}

/// Why a cookie does not open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CookieError {
    /// The token itself is at fault (malformed, a compression bomb).
    #[error(transparent)]
    Jwe(JweError),
    /// The header is not what the framework writes.
    #[error("{0}")]
    Refused(String),
    /// Every derivation was tried and none decrypted: what was tried, and the likely
    /// cause; `cookie_name_suspect` when the cookie name (the salt) may be the culprit.
    #[error("{tried}; {cause}")]
    NotDecrypted {
        tried: String,
        cause: String,
        cookie_name_suspect: bool,
    },
}

/// An opened session cookie.
#[derive(Debug)]
pub struct OpenedCookie {
    pub decrypted: Decrypted,
    /// The cookie name whose salt derived the key (Auth.js only).
    pub cookie_name: Option<String>,
    /// The header's `kid`, when it matched the derived key's thumbprint.
    pub kid: Option<String>,
}

/// Decrypts a session cookie the way `preset`'s framework does, trying each of
/// `cookie_names` as the salt where the framework salts with it.
pub fn decrypt_cookie(
    parts: &Parts<'_>,
    preset: Preset,
    secret: &Secret,
    cookie_names: &[String],
) -> Result<OpenedCookie, CookieError> {
    let header = parts.header;
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("");
    let enc_name = header.get("enc").and_then(Value::as_str).unwrap_or("");
    let kid = header.get("kid").and_then(Value::as_str);
    if alg != KeyAlg::Dir.name() {
        return Err(CookieError::Refused(format!(
            "the token's alg is {alg:?}; {} session cookies use \"dir\"",
            preset.title()
        )));
    }
    let enc = match enc_name.parse::<Enc>() {
        Ok(enc) if preset.encs().contains(&enc) => enc,
        _ => {
            let allowed: Vec<&str> = preset.encs().iter().map(|e| e.name()).collect();
            let mut message = format!(
                "the token's enc is {enc_name:?}; {} session cookies use {}",
                preset.title(),
                allowed.join(" or ")
            );
            if enc_name == Enc::A256CbcHs512.name() && preset != Preset::AuthJs {
                message.push_str(
                    " (dir with A256CBC-HS512 and a kid is an Auth.js v5 cookie: try the authjs preset)",
                );
            }
            return Err(CookieError::Refused(message));
        }
    };
    let policy = DecryptPolicy {
        algs: vec![KeyAlg::Dir],
        encs: vec![enc],
        ..DecryptPolicy::default()
    };
    let salts: Vec<&str> = if preset.salted_by_cookie_name() {
        cookie_names.iter().map(String::as_str).collect()
    } else {
        vec![""]
    };
    let mut kid_matched: Option<&str> = None;
    for &salt in &salts {
        let key = derive_key(preset, secret.expose(), salt, enc)?;
        if let (Preset::AuthJs, Some(kid)) = (preset, kid) {
            if authjs_kid(&key) != kid {
                continue;
            }
            kid_matched = Some(salt);
        }
        let keys = [DecryptionKey::from_secret(key)
            .map_err(|_| CookieError::Refused("the framework secret is empty".into()))?];
        match super::decrypt(parts, &keys, &policy) {
            Ok(decrypted) => {
                return Ok(OpenedCookie {
                    decrypted,
                    cookie_name: preset.salted_by_cookie_name().then(|| salt.to_owned()),
                    kid: kid.map(str::to_owned),
                });
            }
            Err(JweError::Failed) => {}
            Err(JweError::Refused(why)) => return Err(CookieError::Refused(why)),
            Err(other) => return Err(CookieError::Jwe(other)),
        }
    }
    Err(not_decrypted(
        parts,
        preset,
        secret,
        enc,
        &salts,
        kid,
        kid_matched,
    ))
}

/// What was tried and the most likely reason it failed.
fn not_decrypted(
    parts: &Parts<'_>,
    preset: Preset,
    secret: &Secret,
    enc: Enc,
    salts: &[&str],
    kid: Option<&str>,
    kid_matched: Option<&str>,
) -> CookieError {
    let tried = if preset.salted_by_cookie_name() {
        let names: Vec<String> = salts.iter().map(|s| format!("{s:?}")).collect();
        format!(
            "not decrypted as an {} cookie (dir/{enc}, HKDF-SHA256 salted with the cookie name {})",
            preset.title(),
            names.join(" or ")
        )
    } else {
        format!(
            "not decrypted as a {} cookie (dir/{enc}, HKDF-SHA256 with an empty salt)",
            preset.title()
        )
    };
    // The same secret under another framework's derivation: a cookie given to the
    // wrong preset says so instead of blaming the secret.
    for other in Preset::ALL.into_iter().filter(|&p| p != preset) {
        if !other.encs().contains(&enc) {
            continue;
        }
        let other_salts: Vec<&str> = if other.salted_by_cookie_name() {
            other.cookie_names().to_vec()
        } else {
            vec![""]
        };
        for salt in other_salts {
            let Ok(key) = derive_key(other, secret.expose(), salt, enc).and_then(|key| {
                DecryptionKey::from_secret(key).map_err(|_| CookieError::Refused(String::new()))
            }) else {
                continue;
            };
            let policy = DecryptPolicy {
                algs: vec![KeyAlg::Dir],
                encs: vec![enc],
                ..DecryptPolicy::default()
            };
            if super::decrypt(parts, &[key], &policy).is_ok() {
                return CookieError::NotDecrypted {
                    tried,
                    cause: format!(
                        "it is a {} cookie under the same secret: use the {} preset",
                        other.title(),
                        other.name()
                    ),
                    cookie_name_suspect: false,
                };
            }
        }
    }
    let cause = match (preset, kid, kid_matched) {
        (Preset::AuthJs, Some(_), Some(name)) => format!(
            "the kid matches the key derived for {name:?}, so the secret and cookie name are right: the token was changed"
        ),
        (Preset::AuthJs, Some(kid), None) => format!(
            "its kid {kid} is the thumbprint of none of the derived keys: a wrong secret, or a cookie name other than those tried"
        ),
        (Preset::AuthJs, None, _) => "its header has no kid, which Auth.js v5 always writes: a NextAuth v4 or Auth0 cookie (try those presets), or a wrong secret".to_owned(),
        (_, Some(_), _) => "its header has a kid, which Auth.js v5 writes and this framework does not: try the authjs preset, or check the secret".to_owned(),
        _ => "most likely a wrong secret, or a cookie of another framework".to_owned(),
    };
    let cookie_name_suspect = preset.salted_by_cookie_name() && kid_matched.is_none();
    CookieError::NotDecrypted {
        tried,
        cause,
        cookie_name_suspect,
    }
}

/// A session cookie's value found in what the user gave.
#[derive(Debug, PartialEq, Eq)]
pub struct CookieValue {
    /// The cookie's name, when the input named it.
    pub name: Option<String>,
    pub value: String,
    /// How many chunks were joined (0: the cookie was not chunked).
    pub chunks: usize,
}

/// Finds the session cookie in `text`: a compact JWE on its own, or a cookie list
/// (`name=value; name=value`, optionally after `Cookie:`) holding one of `names`,
/// whole or in chunks (`name.0`, `name.1`..., or `name__0`... as `@auth0/nextjs-auth0`
/// v4 writes them), which are joined in index order.
pub fn session_value(text: &str, names: &[String]) -> Result<CookieValue, String> {
    let text = text.trim();
    let list = match text.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("cookie:") => text[7..].trim_start(),
        _ => text,
    };
    if !list.contains('=') {
        return Ok(CookieValue {
            name: None,
            value: text.to_owned(),
            chunks: 0,
        });
    }
    let pairs: Vec<(&str, &str)> = list
        .split(';')
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            Some((name.trim(), value.trim().trim_matches('"')))
        })
        .collect();
    for name in names {
        let whole = pairs.iter().find(|(n, _)| n == name).map(|&(_, v)| v);
        let mut chunks: Vec<(usize, &str)> = pairs
            .iter()
            .filter_map(|&(n, v)| {
                let rest = n.strip_prefix(name.as_str())?;
                let index = rest.strip_prefix('.').or_else(|| rest.strip_prefix("__"))?;
                if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                Some((index.parse().ok()?, v))
            })
            .collect();
        match (whole, chunks.is_empty()) {
            (None, true) => continue,
            (Some(value), true) => {
                return Ok(CookieValue {
                    name: Some(name.clone()),
                    value: value.to_owned(),
                    chunks: 0,
                });
            }
            (Some(_), false) => {
                return Err(format!(
                    "the cookies hold {name} both whole and in chunks; give one or the other"
                ));
            }
            (None, false) => {
                chunks.sort_by_key(|&(i, _)| i);
                for (expected, &(index, _)) in chunks.iter().enumerate() {
                    if index != expected {
                        return Err(format!(
                            "chunk {expected} of {name} is missing (chunks are numbered from 0 with no gaps)"
                        ));
                    }
                }
                return Ok(CookieValue {
                    name: Some(name.clone()),
                    value: chunks.iter().map(|&(_, v)| v).collect(),
                    chunks: chunks.len(),
                });
            }
        }
    }
    let seen: Vec<&str> = pairs.iter().map(|&(n, _)| n).collect();
    Err(format!(
        "no session cookie named {} among the cookies given ({})",
        names.join(" or "),
        if seen.is_empty() {
            "none".to_owned()
        } else {
            seen.join(", ")
        }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn hkdf_matches_rfc5869_test_case_1() {
        let ikm = [0x0b; 22];
        let salt: Vec<u8> = (0x00..=0x0c).collect();
        let info: Vec<u8> = (0xf0..=0xf9).collect();
        let okm = hkdf_sha256(&ikm, &salt, &info, 42).unwrap();
        assert_eq!(
            hex(&okm),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        );
    }

    #[test]
    fn hkdf_empty_salt_matches_rfc5869_test_case_3() {
        let okm = hkdf_sha256(&[0x0b; 22], b"", b"", 42).unwrap();
        assert_eq!(
            hex(&okm),
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
        );
    }

    #[test]
    fn authjs_key_size_follows_enc() {
        let cbc = derive_key(
            Preset::AuthJs,
            b"s",
            "authjs.session-token",
            Enc::A256CbcHs512,
        )
        .unwrap();
        let gcm = derive_key(Preset::AuthJs, b"s", "authjs.session-token", Enc::A256Gcm).unwrap();
        assert_eq!((cbc.len(), gcm.len()), (64, 32));
        // Different salts, different keys.
        let other = derive_key(
            Preset::AuthJs,
            b"s",
            "__Secure-authjs.session-token",
            Enc::A256Gcm,
        )
        .unwrap();
        assert_ne!(gcm.expose(), other.expose());
        assert_eq!(authjs_kid(&cbc).len(), 86);
        assert_eq!(authjs_kid(&gcm).len(), 43);
    }

    /// Auth.js also accepts A256GCM (a 32-byte key, its kid a SHA-256 thumbprint), and a
    /// cookie without a kid, as its `decode` does.
    #[test]
    fn authjs_gcm_cookies_with_and_without_kid() {
        use crate::token::Token;
        use crate::token::keys::EncryptionKey;
        let secret = Secret::new(b"a secret".to_vec());
        let name = "authjs.session-token";
        let key = derive_key(Preset::AuthJs, secret.expose(), name, Enc::A256Gcm).unwrap();
        let kid = authjs_kid(&key);
        let recipient = EncryptionKey::from_secret(key).unwrap();
        for with_kid in [true, false] {
            let mut spec = super::super::EncryptSpec::new(KeyAlg::Dir, Enc::A256Gcm);
            if with_kid {
                spec.header.insert("kid".into(), kid.clone().into());
            }
            let text = super::super::encrypt(br#"{"sub":"x"}"#, &recipient, &spec).unwrap();
            let token = Token::parse(&text).unwrap();
            let parts = Parts::of(&token).unwrap();
            let names = [name.to_owned()];
            let opened = decrypt_cookie(&parts, Preset::AuthJs, &secret, &names).unwrap();
            assert_eq!(&opened.decrypted.plaintext[..], br#"{"sub":"x"}"#);
            assert_eq!(opened.cookie_name.as_deref(), Some(name));
            assert_eq!(opened.kid.is_some(), with_kid);
            let wrong = Secret::new(b"another".to_vec());
            let err = decrypt_cookie(&parts, Preset::AuthJs, &wrong, &names).unwrap_err();
            assert!(matches!(err, CookieError::NotDecrypted { .. }), "{err}");
        }
    }

    #[test]
    fn cookie_lists_and_chunks() {
        let names = vec!["a.session".to_owned(), "b".to_owned()];
        let bare = session_value(" x.y.z.w.v ", &names).unwrap();
        assert_eq!((bare.name, bare.value.as_str()), (None, "x.y.z.w.v"));
        let whole = session_value("Cookie: theme=dark; b=abc", &names).unwrap();
        assert_eq!(
            (whole.name.as_deref(), whole.value.as_str(), whole.chunks),
            (Some("b"), "abc", 0)
        );
        let joined = session_value("a.session.1=def; other=1; a.session.0=abc", &names).unwrap();
        assert_eq!((joined.value.as_str(), joined.chunks), ("abcdef", 2));
        let auth0 = session_value("b__1=2; b__0=1", &names).unwrap();
        assert_eq!(auth0.value, "12");
        assert!(
            session_value("a.session.0=x; a.session.2=y", &names)
                .unwrap_err()
                .contains("chunk 1 of a.session is missing")
        );
        assert!(session_value("b=1; b.0=2", &names).is_err());
        assert!(
            session_value("theme=dark", &names)
                .unwrap_err()
                .contains("(theme)")
        );
    }
}
