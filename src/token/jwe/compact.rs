//! The five parts of a compact JWE (RFC 7516 §7.1), read from a token the one parser has
//! already accepted: its protected header, and the other four parts decoded strictly
//! (a token with base64 anomalies is refused before it gets here).

use serde_json::{Map, Value};

use super::JweError;
use crate::token::b64;
use crate::token::parse::{Form, Token};

/// A compact JWE, split and decoded.
pub struct Parts<'a> {
    pub header: &'a Map<String, Value>,
    /// The protected header exactly as received: the content's additional authenticated data.
    pub aad: &'a str,
    pub encrypted_key: Vec<u8>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
    pub tag: Vec<u8>,
}

impl<'a> Parts<'a> {
    /// The parts of `token`, which must be a JWE the parser found nothing wrong with.
    pub fn of(token: &'a Token) -> Result<Parts<'a>, JweError> {
        if token.form() != Form::Jwe {
            return Err(JweError::Malformed(
                "not a JWE: a JWE has 5 dot-separated parts, this token has 3 (a signed JWS)"
                    .into(),
            ));
        }
        if let Some(anomaly) = token.anomalies().first() {
            return Err(JweError::Malformed(format!("malformed JWE: {anomaly}")));
        }
        let raw = token.raw();
        let mut split = raw.split('.');
        let aad = split.next().unwrap_or_default();
        let mut next = |what: &str| {
            let mut out = Vec::new();
            if b64::decode_strict_into(split.next().unwrap_or_default().as_bytes(), &mut out) {
                Ok(out)
            } else {
                Err(JweError::Malformed(format!("the {what} is not base64url")))
            }
        };
        let encrypted_key = next("encrypted key")?;
        let iv = next("initialization vector")?;
        let ciphertext = next("ciphertext")?;
        let tag = next("authentication tag")?;
        Ok(Parts {
            header: token.header(),
            aad,
            encrypted_key,
            iv,
            ciphertext,
            tag,
        })
    }
}
