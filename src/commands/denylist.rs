//! `--denylist FILE`: tokens revoked before they expire, as issuers that rotate refresh
//! tokens keep them: one entry per line, a `jti`, a whole token, or the SHA-256 of a
//! token in hex. A revoked token fails verification (exit 1, id `revoked`).
//!
//! Keying on the `jti` (or on the digest of the token's signing input, as jwtx does for
//! the SHA-256 form) is sturdier than keying on the raw token: the same token can be
//! re-encoded (JSON whitespace, member order) only by its issuer, but a raw-token key
//! misses a token presented with different surrounding bytes.

use std::collections::HashSet;
use std::path::Path;

use anyhow::Result;
use sha2::{Digest, Sha256};

use crate::exit::InputError;

/// A loaded denylist.
pub struct Denylist {
    name: String,
    entries: HashSet<String>,
}

impl Denylist {
    /// Reads the list; one that cannot be read is an error (exit 5), never an empty list.
    pub fn load(path: &Path) -> Result<Denylist> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| InputError(format!("denylist {name}: cannot read it: {e}")))?;
        let entries = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                // A SHA-256 in hex is matched in lower case.
                if l.len() == 64 && l.bytes().all(|b| b.is_ascii_hexdigit()) {
                    l.to_ascii_lowercase()
                } else {
                    l.to_owned()
                }
            })
            .collect();
        Ok(Denylist { name, entries })
    }

    /// Why `token` (with its `jti`, if any) is revoked, or `None`.
    pub fn check(&self, token: &str, jti: Option<&str>) -> Option<String> {
        if let Some(jti) = jti
            && self.entries.contains(jti)
        {
            return Some(format!(
                "token is revoked: its jti {:?} is on the denylist {}",
                crate::output::escape(jti),
                self.name
            ));
        }
        if self.entries.contains(token) {
            return Some(format!(
                "token is revoked: it is on the denylist {}",
                self.name
            ));
        }
        let digest: String = Sha256::digest(token.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        self.entries.contains(&digest).then(|| {
            format!(
                "token is revoked: its SHA-256 {digest} is on the denylist {}",
                self.name
            )
        })
    }
}
