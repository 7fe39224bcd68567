//! JWK thumbprints (RFC 7638) and their URI form (RFC 9278).

use std::fmt;
use std::str::FromStr;

use serde_json::Value;
use sha2::{Digest, Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

use crate::token::b64;

/// The hash a thumbprint is computed with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThumbprintHash {
    #[default]
    Sha256,
    Sha384,
    Sha512,
}

impl ThumbprintHash {
    /// The hash's name in the IANA "Named Information Hash Algorithm" registry, as
    /// RFC 9278 URIs carry it: `sha-256`, `sha-384`, `sha-512`.
    pub fn name(self) -> &'static str {
        match self {
            ThumbprintHash::Sha256 => "sha-256",
            ThumbprintHash::Sha384 => "sha-384",
            ThumbprintHash::Sha512 => "sha-512",
        }
    }

    fn digest(self, bytes: &[u8]) -> Vec<u8> {
        match self {
            ThumbprintHash::Sha256 => Sha256::digest(bytes).to_vec(),
            ThumbprintHash::Sha384 => Sha384::digest(bytes).to_vec(),
            ThumbprintHash::Sha512 => Sha512::digest(bytes).to_vec(),
        }
    }
}

impl fmt::Display for ThumbprintHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ThumbprintHash {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "sha256" | "sha-256" => Ok(ThumbprintHash::Sha256),
            "sha384" | "sha-384" => Ok(ThumbprintHash::Sha384),
            "sha512" | "sha-512" => Ok(ThumbprintHash::Sha512),
            _ => Err(format!("unknown thumbprint hash {s:?}")),
        }
    }
}

/// The members RFC 7638 §3.2 hashes for each key type, in lexicographic order.
fn required_members(kty: &str) -> Option<&'static [&'static str]> {
    Some(match kty {
        "RSA" => &["e", "kty", "n"],
        "EC" => &["crv", "kty", "x", "y"],
        "OKP" => &["crv", "kty", "x"],
        "oct" => &["k", "kty"],
        _ => return None,
    })
}

/// The RFC 7638 thumbprint of `jwk`, base64url: the hash of its required members,
/// sorted, as JSON without whitespace. `None` for a JWK without them.
pub(super) fn of_jwk(jwk: &Value, hash: ThumbprintHash) -> Option<String> {
    let kty = jwk.get("kty")?.as_str()?;
    of_members(kty, |name| jwk.get(name)?.as_str(), hash)
}

/// The RFC 7638 thumbprint of a key of type `kty` whose members `member` gives. The
/// JSON that is hashed (an HMAC secret's `k` is in it) is built in a wiped buffer.
pub(super) fn of_members<'a>(
    kty: &'a str,
    member: impl Fn(&str) -> Option<&'a str>,
    hash: ThumbprintHash,
) -> Option<String> {
    let names = required_members(kty)?;
    let mut text = Zeroizing::new(String::with_capacity(256));
    text.push('{');
    for (i, &name) in names.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        let value = if name == "kty" { kty } else { member(name)? };
        text.push('"');
        text.push_str(name);
        text.push_str("\":");
        if value
            .chars()
            .any(|c| c == '"' || c == '\\' || c.is_control())
        {
            // Not a key member jwtx writes (those are base64url or curve names).
            text.push_str(&Value::from(value).to_string());
        } else {
            text.push('"');
            text.push_str(value);
            text.push('"');
        }
    }
    text.push('}');
    Some(b64::encode(hash.digest(text.as_bytes())))
}

/// The RFC 9278 URI of a thumbprint.
pub fn thumbprint_uri(hash: ThumbprintHash, thumbprint: &str) -> String {
    format!(
        "urn:ietf:params:oauth:jwk-thumbprint:{}:{thumbprint}",
        hash.name()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// RFC 7638 §3.1's example key and thumbprint.
    #[test]
    fn rfc7638_example() {
        let jwk = json!({
            "kty": "RSA",
            "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            "e": "AQAB",
            "alg": "RS256",
            "kid": "2011-04-29"
        });
        assert_eq!(
            of_jwk(&jwk, ThumbprintHash::Sha256).unwrap(),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
        assert_eq!(
            thumbprint_uri(
                ThumbprintHash::Sha256,
                "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
            ),
            "urn:ietf:params:oauth:jwk-thumbprint:sha-256:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }

    #[test]
    fn hash_names_parse() {
        assert_eq!("sha384".parse(), Ok(ThumbprintHash::Sha384));
        assert_eq!("SHA-512".parse(), Ok(ThumbprintHash::Sha512));
        assert!("md5".parse::<ThumbprintHash>().is_err());
        assert!(
            of_jwk(
                &json!({"kty": "EC", "crv": "P-256"}),
                ThumbprintHash::Sha256
            )
            .is_none()
        );
    }
}
