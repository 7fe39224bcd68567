//! A JWK Set (RFC 7517 §5) being read or edited. The document is kept as given: keys
//! jwtx cannot use, members it does not know and their order all survive an edit.
//! Each key is read by the one key loader, leniently (its `use`, `key_ops` and `alg`
//! are reported, not enforced), so a listing shows every key in the set.

use serde_json::{Map, Value};

use super::jwk::jwk_key;
use super::{KeyError, KeyKind, ThumbprintHash, VerifyingKey};

/// The JWK members that hold private key material (RFC 7518 §6.2.2, §6.3.2, §6.4;
/// RFC 8037 §2).
pub(super) const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// A JWKS document.
pub struct Jwks {
    root: Map<String, Value>,
}

impl std::fmt::Debug for Jwks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jwks")
            .field("keys", &self.keys().len())
            .finish_non_exhaustive()
    }
}

/// One key of a set, as read by the loader.
pub struct SetEntry<'a> {
    pub jwk: &'a Value,
    /// The key, or why the loader cannot read it.
    pub key: Result<VerifyingKey, KeyError>,
}

impl SetEntry<'_> {
    pub fn kid(&self) -> Option<&str> {
        self.jwk.get("kid").and_then(Value::as_str)
    }
    pub fn kty(&self) -> Option<&str> {
        self.jwk.get("kty").and_then(Value::as_str)
    }
    pub fn alg(&self) -> Option<&str> {
        self.jwk.get("alg").and_then(Value::as_str)
    }
    pub fn usage(&self) -> Option<&str> {
        self.jwk.get("use").and_then(Value::as_str)
    }
    /// Whether the JWK carries private key material.
    pub fn is_private(&self) -> bool {
        is_private_jwk(self.jwk)
    }
    pub fn thumbprint(&self, hash: ThumbprintHash) -> Option<String> {
        self.key.as_ref().ok()?.thumbprint_with(hash)
    }
}

/// Whether a JWK carries private key material (an `oct` key's `k` included).
pub fn is_private_jwk(jwk: &Value) -> bool {
    PRIVATE_MEMBERS.iter().any(|m| jwk.get(m).is_some())
}

impl Default for Jwks {
    fn default() -> Self {
        Jwks::new()
    }
}

impl Jwks {
    /// An empty set: `{"keys": []}`.
    pub fn new() -> Jwks {
        let mut root = Map::new();
        root.insert("keys".into(), Value::Array(Vec::new()));
        Jwks { root }
    }

    /// Reads a JWKS: a JSON object whose `keys` member is an array of objects.
    pub fn parse(bytes: &[u8]) -> Result<Jwks, KeyError> {
        let value: Value = serde_json::from_slice(bytes.trim_ascii())
            .map_err(|e| KeyError::Unrecognised(format!("the JWKS is not JSON: {e}")))?;
        let Value::Object(root) = value else {
            return Err(KeyError::Invalid("a JWKS is a JSON object".into()));
        };
        match root.get("keys") {
            Some(Value::Array(keys)) => {
                if let Some(i) = keys.iter().position(|k| !k.is_object()) {
                    return Err(KeyError::Invalid(format!(
                        "JWKS key {} is not a JSON object",
                        i + 1
                    )));
                }
            }
            Some(_) => return Err(KeyError::Invalid("JWKS \"keys\" is not an array".into())),
            None => {
                return Err(KeyError::Invalid(
                    "not a JWKS: it has no \"keys\" member".into(),
                ));
            }
        }
        Ok(Jwks { root })
    }

    pub fn keys(&self) -> &[Value] {
        match self.root.get("keys") {
            Some(Value::Array(keys)) => keys,
            _ => &[],
        }
    }

    fn keys_mut(&mut self) -> &mut Vec<Value> {
        let keys = self
            .root
            .entry("keys")
            .or_insert_with(|| Value::Array(Vec::new()));
        if !keys.is_array() {
            *keys = Value::Array(Vec::new());
        }
        match keys {
            Value::Array(keys) => keys,
            _ => unreachable!("just made an array"),
        }
    }

    /// Every key, read by the loader.
    pub fn entries(&self) -> Vec<SetEntry<'_>> {
        self.keys()
            .iter()
            .map(|jwk| SetEntry {
                jwk,
                key: jwk_key(jwk),
            })
            .collect()
    }

    /// Adds `jwk` (which the loader must read) at the end. Refuses a kid the set
    /// already has, a key it already holds under another kid, and an HMAC secret
    /// beside public keys or a public key beside secrets (the shape
    /// algorithm-confusion attacks exploit).
    pub fn add(&mut self, jwk: Value) -> Result<(), KeyError> {
        let key = jwk_key(&jwk)?;
        let kid = jwk.get("kid").and_then(Value::as_str);
        let thumbprint = key.thumbprint_with(ThumbprintHash::Sha256);
        let symmetric = matches!(key.kind(), KeyKind::Hmac(_));
        for entry in self.entries() {
            if let (Some(new), Some(old)) = (kid, entry.kid())
                && new == old
            {
                return Err(KeyError::SetConflict(format!(
                    "the set already has a key with kid {new:?}"
                )));
            }
            let Ok(old) = &entry.key else { continue };
            if thumbprint.is_some() && old.thumbprint_with(ThumbprintHash::Sha256) == thumbprint {
                return Err(KeyError::SetConflict(match entry.kid() {
                    Some(old_kid) => {
                        format!("the set already holds this key, with kid {old_kid:?}")
                    }
                    None => "the set already holds this key".into(),
                }));
            }
            if matches!(old.kind(), KeyKind::Hmac(_)) != symmetric {
                return Err(KeyError::SetConflict(
                    "a set must not mix HMAC secrets (oct keys) with public keys: the shape algorithm-confusion attacks exploit".into(),
                ));
            }
        }
        self.keys_mut().push(jwk);
        Ok(())
    }

    /// Removes the key with `kid` and returns it.
    pub fn remove(&mut self, kid: &str) -> Result<Value, KeyError> {
        let keys = self.keys_mut();
        let matching: Vec<usize> = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| k.get("kid").and_then(Value::as_str) == Some(kid))
            .map(|(i, _)| i)
            .collect();
        match matching.as_slice() {
            [] => Err(KeyError::SetConflict(format!(
                "the set has no key with kid {kid:?}"
            ))),
            [i] => Ok(keys.remove(*i)),
            several => Err(KeyError::AmbiguousKid(kid.to_owned(), several.len())),
        }
    }

    /// The document as pretty-printed JSON with a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut text = serde_json::to_vec_pretty(&self.root).unwrap_or_default();
        text.push(b'\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::Alg;
    use crate::token::keys::JwkMembers;
    use crate::token::keys::generate::generate;

    fn public_jwk(alg: Alg, kid: Option<&str>) -> Value {
        let meta = JwkMembers {
            kid: kid.map(str::to_owned),
            ..JwkMembers::default()
        };
        generate(alg, None)
            .unwrap()
            .verifying_key()
            .unwrap()
            .jwk(&meta)
            .unwrap()
    }

    #[test]
    fn add_list_remove() {
        let mut set = Jwks::new();
        set.add(public_jwk(Alg::ES256, Some("a"))).unwrap();
        set.add(public_jwk(Alg::EdDSA, Some("b"))).unwrap();
        assert!(matches!(
            set.add(public_jwk(Alg::ES384, Some("a"))),
            Err(KeyError::SetConflict(_))
        ));
        let again = set.keys()[0].clone();
        let mut renamed = again.clone();
        renamed["kid"] = "c".into();
        assert!(set.add(renamed).is_err(), "the same key twice");
        let secret = generate(Alg::HS256, None)
            .unwrap()
            .jwk(&JwkMembers::default())
            .unwrap();
        assert!(set.add(secret).is_err(), "a secret beside public keys");
        let entries = set.entries();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].kid(), Some("b"));
        assert!(!entries[0].is_private());
        set.remove("a").unwrap();
        assert!(set.remove("a").is_err());
        let back = Jwks::parse(&set.to_bytes()).unwrap();
        assert_eq!(back.keys().len(), 1);
    }

    #[test]
    fn unknown_members_and_unusable_keys_survive() {
        let text = br#"{"keys":[{"kty":"OKP","crv":"X25519","x":"AAAA","kid":"enc"}],"extra":1}"#;
        let mut set = Jwks::parse(text).unwrap();
        assert!(set.entries()[0].key.is_err());
        set.add(public_jwk(Alg::ES256, Some("sig"))).unwrap();
        let back: Value = serde_json::from_slice(&set.to_bytes()).unwrap();
        assert_eq!(back["extra"], 1);
        assert_eq!(back["keys"][0]["crv"], "X25519");
    }

    #[test]
    fn not_a_set() {
        assert!(Jwks::parse(b"[]").is_err());
        assert!(Jwks::parse(b"{\"kty\":\"EC\"}").is_err());
        assert!(Jwks::parse(b"{\"keys\":[1]}").is_err());
    }
}
