//! JWE algorithm names: key management (`alg`, RFC 7518 §4) and content encryption
//! (`enc`, RFC 7518 §5), with the sizes each one fixes.

use std::fmt;
use std::str::FromStr;

/// A key-management algorithm (the JWE header's `alg`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyAlg {
    Dir,
    A128Kw,
    A192Kw,
    A256Kw,
    A128GcmKw,
    A192GcmKw,
    A256GcmKw,
    RsaOaep,
    RsaOaep256,
    RsaOaep384,
    RsaOaep512,
    /// RSAES-PKCS1-v1_5: decrypted only when the caller asks for it (RFC 7518 §4.2).
    Rsa1_5,
    EcdhEs,
    EcdhEsA128Kw,
    EcdhEsA192Kw,
    EcdhEsA256Kw,
    Pbes2Hs256A128Kw,
    Pbes2Hs384A192Kw,
    Pbes2Hs512A256Kw,
}

/// The kind of key a key-management algorithm needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyFamily {
    /// A symmetric key of a fixed size (dir's size comes from `enc`).
    Oct,
    Rsa,
    /// An EC (P-256, P-384, P-521) or X25519 key.
    Ecdh,
    /// A password, any length.
    Password,
}

impl KeyAlg {
    pub const ALL: [KeyAlg; 19] = [
        KeyAlg::Dir,
        KeyAlg::A128Kw,
        KeyAlg::A192Kw,
        KeyAlg::A256Kw,
        KeyAlg::A128GcmKw,
        KeyAlg::A192GcmKw,
        KeyAlg::A256GcmKw,
        KeyAlg::RsaOaep,
        KeyAlg::RsaOaep256,
        KeyAlg::RsaOaep384,
        KeyAlg::RsaOaep512,
        KeyAlg::Rsa1_5,
        KeyAlg::EcdhEs,
        KeyAlg::EcdhEsA128Kw,
        KeyAlg::EcdhEsA192Kw,
        KeyAlg::EcdhEsA256Kw,
        KeyAlg::Pbes2Hs256A128Kw,
        KeyAlg::Pbes2Hs384A192Kw,
        KeyAlg::Pbes2Hs512A256Kw,
    ];

    pub fn name(self) -> &'static str {
        match self {
            KeyAlg::Dir => "dir",
            KeyAlg::A128Kw => "A128KW",
            KeyAlg::A192Kw => "A192KW",
            KeyAlg::A256Kw => "A256KW",
            KeyAlg::A128GcmKw => "A128GCMKW",
            KeyAlg::A192GcmKw => "A192GCMKW",
            KeyAlg::A256GcmKw => "A256GCMKW",
            KeyAlg::RsaOaep => "RSA-OAEP",
            KeyAlg::RsaOaep256 => "RSA-OAEP-256",
            KeyAlg::RsaOaep384 => "RSA-OAEP-384",
            KeyAlg::RsaOaep512 => "RSA-OAEP-512",
            KeyAlg::Rsa1_5 => "RSA1_5",
            KeyAlg::EcdhEs => "ECDH-ES",
            KeyAlg::EcdhEsA128Kw => "ECDH-ES+A128KW",
            KeyAlg::EcdhEsA192Kw => "ECDH-ES+A192KW",
            KeyAlg::EcdhEsA256Kw => "ECDH-ES+A256KW",
            KeyAlg::Pbes2Hs256A128Kw => "PBES2-HS256+A128KW",
            KeyAlg::Pbes2Hs384A192Kw => "PBES2-HS384+A192KW",
            KeyAlg::Pbes2Hs512A256Kw => "PBES2-HS512+A256KW",
        }
    }

    pub fn family(self) -> KeyFamily {
        match self {
            KeyAlg::Dir
            | KeyAlg::A128Kw
            | KeyAlg::A192Kw
            | KeyAlg::A256Kw
            | KeyAlg::A128GcmKw
            | KeyAlg::A192GcmKw
            | KeyAlg::A256GcmKw => KeyFamily::Oct,
            KeyAlg::RsaOaep
            | KeyAlg::RsaOaep256
            | KeyAlg::RsaOaep384
            | KeyAlg::RsaOaep512
            | KeyAlg::Rsa1_5 => KeyFamily::Rsa,
            KeyAlg::EcdhEs | KeyAlg::EcdhEsA128Kw | KeyAlg::EcdhEsA192Kw | KeyAlg::EcdhEsA256Kw => {
                KeyFamily::Ecdh
            }
            KeyAlg::Pbes2Hs256A128Kw | KeyAlg::Pbes2Hs384A192Kw | KeyAlg::Pbes2Hs512A256Kw => {
                KeyFamily::Password
            }
        }
    }

    /// The AES key-wrap key size in bytes, for the algorithms that wrap the CEK with AES
    /// (AES-KW or AES-GCM), directly or after a KDF.
    pub fn wrap_key_len(self) -> Option<usize> {
        match self {
            KeyAlg::A128Kw
            | KeyAlg::A128GcmKw
            | KeyAlg::EcdhEsA128Kw
            | KeyAlg::Pbes2Hs256A128Kw => Some(16),
            KeyAlg::A192Kw
            | KeyAlg::A192GcmKw
            | KeyAlg::EcdhEsA192Kw
            | KeyAlg::Pbes2Hs384A192Kw => Some(24),
            KeyAlg::A256Kw
            | KeyAlg::A256GcmKw
            | KeyAlg::EcdhEsA256Kw
            | KeyAlg::Pbes2Hs512A256Kw => Some(32),
            _ => None,
        }
    }
}

impl fmt::Display for KeyAlg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for KeyAlg {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        KeyAlg::ALL
            .into_iter()
            .find(|a| a.name() == s)
            .ok_or_else(|| format!("unknown JWE key-management algorithm {s:?}"))
    }
}

/// A content-encryption algorithm (the JWE header's `enc`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Enc {
    A128Gcm,
    A192Gcm,
    A256Gcm,
    A128CbcHs256,
    A192CbcHs384,
    A256CbcHs512,
}

impl Enc {
    pub const ALL: [Enc; 6] = [
        Enc::A128Gcm,
        Enc::A192Gcm,
        Enc::A256Gcm,
        Enc::A128CbcHs256,
        Enc::A192CbcHs384,
        Enc::A256CbcHs512,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Enc::A128Gcm => "A128GCM",
            Enc::A192Gcm => "A192GCM",
            Enc::A256Gcm => "A256GCM",
            Enc::A128CbcHs256 => "A128CBC-HS256",
            Enc::A192CbcHs384 => "A192CBC-HS384",
            Enc::A256CbcHs512 => "A256CBC-HS512",
        }
    }

    /// The content-encryption key size in bytes (for CBC-HMAC, MAC key and AES key together).
    pub fn cek_len(self) -> usize {
        match self {
            Enc::A128Gcm => 16,
            Enc::A192Gcm => 24,
            Enc::A256Gcm | Enc::A128CbcHs256 => 32,
            Enc::A192CbcHs384 => 48,
            Enc::A256CbcHs512 => 64,
        }
    }

    pub fn iv_len(self) -> usize {
        if self.is_gcm() { 12 } else { 16 }
    }

    pub fn tag_len(self) -> usize {
        match self {
            Enc::A128Gcm | Enc::A192Gcm | Enc::A256Gcm | Enc::A128CbcHs256 => 16,
            Enc::A192CbcHs384 => 24,
            Enc::A256CbcHs512 => 32,
        }
    }

    pub fn is_gcm(self) -> bool {
        matches!(self, Enc::A128Gcm | Enc::A192Gcm | Enc::A256Gcm)
    }
}

impl fmt::Display for Enc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Enc {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Enc::ALL
            .into_iter()
            .find(|e| e.name() == s)
            .ok_or_else(|| format!("unknown JWE content-encryption algorithm {s:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for alg in KeyAlg::ALL {
            assert_eq!(alg.name().parse::<KeyAlg>(), Ok(alg));
        }
        for enc in Enc::ALL {
            assert_eq!(enc.name().parse::<Enc>(), Ok(enc));
        }
        assert!("RSA-OAEP-1".parse::<KeyAlg>().is_err());
    }
}
