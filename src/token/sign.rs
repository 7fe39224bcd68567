//! The one signer: compact JWS from a header, payload bytes and a key.

use serde_json::{Map, Value};

use super::alg::Alg;
use super::b64;
use super::keys::{KeyError, SigningKey};

/// What signs: a key, or nothing at all for an unsecured (`alg: none`) token.
pub enum Signer<'a> {
    Key(&'a SigningKey),
    Unsecured,
}

impl Signer<'_> {
    /// The algorithm to sign with: `requested` if the key can serve it, else the key's
    /// JWK `alg` pin, else the key type's default. A request the key cannot serve is a
    /// key problem, never silently replaced.
    pub fn choose_alg(&self, requested: Option<Alg>) -> Result<Alg, KeyError> {
        let key = match self {
            Signer::Unsecured => {
                return match requested {
                    None | Some(Alg::None) => Ok(Alg::None),
                    Some(alg) => Err(KeyError::AlgMismatch {
                        alg,
                        key: "unsecured (no key)".into(),
                    }),
                };
            }
            Signer::Key(key) => key,
        };
        let kind = key.kind();
        let pin = key.pinned_alg().and_then(|p| p.parse::<Alg>().ok());
        let alg = requested.or(pin).unwrap_or_else(|| kind.default_alg());
        let pinned_elsewhere = key.pinned_alg().is_some_and(|p| p != alg.name());
        if !kind.allows(alg) || pinned_elsewhere {
            let key = match key.pinned_alg() {
                Some(p) if kind.allows(alg) => format!("{kind} (JWK pinned to {p})"),
                _ => kind.to_string(),
            };
            return Err(KeyError::AlgMismatch { alg, key });
        }
        Ok(alg)
    }
}

/// Signs and serialises. `header` gets `alg` set to `alg` (first, when it was absent).
pub fn sign_compact(
    header: &Map<String, Value>,
    payload: &[u8],
    signer: &Signer<'_>,
    alg: Alg,
) -> Result<String, KeyError> {
    let mut ordered = Map::with_capacity(header.len() + 1);
    ordered.insert("alg".to_owned(), Value::String(alg.name().to_owned()));
    for (k, v) in header {
        if k != "alg" {
            ordered.insert(k.clone(), v.clone());
        }
    }
    let header_json = serde_json::to_vec(&ordered).unwrap_or_default();
    let mut token = b64::encode(&header_json);
    token.push('.');
    token.push_str(&b64::encode(payload));
    let signature = match signer {
        Signer::Key(key) => key.sign(alg, token.as_bytes())?,
        Signer::Unsecured => Vec::new(),
    };
    token.push('.');
    token.push_str(&b64::encode(&signature));
    Ok(token)
}
