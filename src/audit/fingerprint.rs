//! Stable identities for reports and baselines: a token's fingerprint (what a report
//! shows instead of the token) and a finding's (what a baseline records).

use sha2::{Digest, Sha256};

use super::checks::Finding;
use crate::token::b64;

/// The first 12 hex digits of the token's SHA-256.
pub fn token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    let mut hex = String::with_capacity(12);
    for b in &digest[..6] {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
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
