//! Stable identities for reports and baselines: a token's fingerprint (what a report
//! shows instead of the token) and a finding's (what a baseline records).

use sha2::{Digest, Sha256};

use super::checks::Finding;
use crate::token::b64;

/// The first 12 hex digits of the token's SHA-256.
pub fn token(token: &str) -> String {
    identity(token).fingerprint()
}

/// A token's identity: the first 128 bits of its SHA-256. Occurrences of one token are
/// grouped by it (a collision among 2^64 tokens is unlikely).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Identity([u8; 16]);

impl Identity {
    /// The first 12 hex digits, as reports show them.
    pub fn fingerprint(&self) -> String {
        b64::hex(&self.0[..6])
    }
}

/// The identity of a token's text.
pub fn identity(token: &str) -> Identity {
    let digest = Sha256::digest(token.as_bytes());
    let mut id = [0u8; 16];
    id.copy_from_slice(&digest[..16]);
    Identity(id)
}

/// A finding's stable identity: the token, the rule and where in the token.
pub fn finding(token_fp: &str, finding: &Finding) -> String {
    let mut hasher = Sha256::new();
    hasher.update(token_fp.as_bytes());
    hasher.update([0]);
    hasher.update(finding.rule.id.as_bytes());
    hasher.update([0]);
    hasher.update(finding.location.as_deref().unwrap_or("").as_bytes());
    let digest = hasher.finalize();
    b64::encode(&digest[..12])
}
