//! HMAC secrets. The bytes live in [`Secret`], whose `Debug` and `Display` never show
//! them and which wipes them when dropped.

use std::fmt;
use std::str::FromStr;

use base64::Engine as _;
use zeroize::Zeroizing;

use super::b64;

/// Secret key bytes. Formatting prints `(redacted)`, never the value or its length.
#[derive(Clone)]
pub struct Secret(Zeroizing<Vec<u8>>);

impl Secret {
    pub fn new(bytes: Vec<u8>) -> Secret {
        Secret(Zeroizing::new(bytes))
    }
    /// The bytes, for the HMAC and nothing else.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(redacted)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(redacted)")
    }
}

/// How the text a user gives stands for the secret's bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SecretEncoding {
    /// The text's own bytes.
    #[default]
    Utf8,
    /// Standard base64, padded or not.
    Base64,
    /// Base64url, padded or not.
    Base64Url,
    /// Hexadecimal, either case.
    Hex,
}

impl FromStr for SecretEncoding {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "utf8" | "utf-8" => Ok(SecretEncoding::Utf8),
            "base64" => Ok(SecretEncoding::Base64),
            "base64url" => Ok(SecretEncoding::Base64Url),
            "hex" => Ok(SecretEncoding::Hex),
            _ => Err(format!("unknown secret encoding {s:?}")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error("secret is not valid {0}")]
    Invalid(&'static str),
    #[error("secret is empty")]
    Empty,
}

impl SecretEncoding {
    /// Turns what the user gave into the secret's bytes.
    pub fn decode(self, given: &[u8]) -> Result<Secret, SecretError> {
        let bytes = match self {
            SecretEncoding::Utf8 => given.to_vec(),
            SecretEncoding::Base64 => {
                let text = given.trim_ascii();
                let unpadded = trim_padding(text);
                base64::engine::general_purpose::STANDARD_NO_PAD
                    .decode(unpadded)
                    .map_err(|_| SecretError::Invalid("base64"))?
            }
            SecretEncoding::Base64Url => {
                let unpadded = trim_padding(given.trim_ascii());
                b64::URL_SAFE
                    .decode(unpadded)
                    .map_err(|_| SecretError::Invalid("base64url"))?
            }
            SecretEncoding::Hex => {
                decode_hex(given.trim_ascii()).ok_or(SecretError::Invalid("hex"))?
            }
        };
        if bytes.is_empty() {
            return Err(SecretError::Empty);
        }
        Ok(Secret::new(bytes))
    }
}

fn trim_padding(bytes: &[u8]) -> &[u8] {
    let end = bytes.iter().rposition(|&b| b != b'=').map_or(0, |i| i + 1);
    &bytes[..end]
}

fn decode_hex(text: &[u8]) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    text.chunks(2)
        .map(|pair| {
            let hi = (pair[0] as char).to_digit(16)?;
            let lo = (pair[1] as char).to_digit(16)?;
            Some((hi * 16 + lo) as u8)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_never_shows_the_secret() {
        let s = Secret::new(b"hunter2".to_vec());
        assert!(!format!("{s:?}").contains("hunter2"));
        assert!(!format!("{s}").contains("hunter2"));
    }

    #[test]
    fn encodings_decode() {
        let hex = SecretEncoding::Hex.decode(b"00ff10\n").unwrap();
        assert_eq!(hex.expose(), [0, 255, 16]);
        let b64 = SecretEncoding::Base64.decode(b"+/8=").unwrap();
        assert_eq!(b64.expose(), [0xfb, 0xff]);
        let b64u = SecretEncoding::Base64Url.decode(b"-_8").unwrap();
        assert_eq!(b64u.expose(), [0xfb, 0xff]);
        assert!(SecretEncoding::Hex.decode(b"0g").is_err());
        assert!(matches!(
            SecretEncoding::Utf8.decode(b""),
            Err(SecretError::Empty)
        ));
    }
}
