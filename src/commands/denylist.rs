//! `--denylist`: tokens revoked before they expire, as issuers that rotate refresh tokens
//! keep them. A revoked token fails verification (exit 1, id `revoked`) once its
//! signature checks out, so a forgery is still reported as a forgery.
//!
//! - A file: one entry per line, a `jti`, a whole token, or the SHA-256 of a token in
//!   hex; `#` starts a comment.
//! - Redis (`redis://HOST:PORT/DB`): a token is revoked when the key the template makes
//!   for it exists (`--denylist-key`, default `revoked:{jti}`; also `{sha256}` and
//!   `{token}`). Each batch of tokens costs one pipelined round trip.
//!
//! Keying on the raw token is the weakest choice: the same claims can be presented with
//! other bytes (a different signature encoding from the issuer, whitespace, padding), so
//! prefer `jti` or the digest the issuer recorded. A list that cannot be read or reached
//! is an error (exit 5), never a pass.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use anyhow::Result;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::exit::InputError;
use crate::input::Batch;
use crate::token::b64;

/// How long a Redis connection, or one lookup round trip, may take.
const REDIS_TIMEOUT: Duration = Duration::from_secs(5);

/// The default Redis key template.
pub const DEFAULT_KEY: &str = "revoked:{jti}";

/// A loaded denylist.
pub enum Denylist {
    File {
        name: String,
        entries: HashSet<String>,
    },
    Redis {
        name: String,
        template: String,
        connection: Mutex<redis::Connection>,
    },
}

/// What one batch's lookups found: the keys that exist.
#[derive(Default)]
pub struct Found(HashSet<String>);

fn sha256_hex(token: &str) -> String {
    b64::hex(Sha256::digest(token.as_bytes()))
}

/// A token's `jti`, read straight from its payload (before, and whatever, the full
/// checks say).
fn jti_of(token: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Jti {
        jti: Option<String>,
    }
    let payload = token.split('.').nth(1)?;
    let (bytes, _) = b64::decode_lenient(payload)?;
    serde_json::from_slice::<Jti>(&bytes).ok()?.jti
}

/// `redis://user:password@host` shown without its credentials.
fn redacted(spec: &str) -> String {
    url::Url::parse(spec).map_or_else(
        |_| spec.to_owned(),
        |url| crate::remote::http::redacted(&url),
    )
}

impl Denylist {
    /// Opens `spec`: a `redis://` or `rediss://` URL, else a file path.
    pub fn open(spec: &str, template: Option<&str>) -> Result<Denylist> {
        if spec.starts_with("redis://") || spec.starts_with("rediss://") {
            return Denylist::redis(spec, template.unwrap_or(DEFAULT_KEY));
        }
        Denylist::file(Path::new(spec))
    }

    fn file(path: &Path) -> Result<Denylist> {
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
        Ok(Denylist::File { name, entries })
    }

    fn redis(spec: &str, template: &str) -> Result<Denylist> {
        let name = redacted(spec);
        if !["{jti}", "{sha256}", "{token}"]
            .iter()
            .any(|p| template.contains(p))
        {
            return Err(crate::exit::UsageError(format!(
                "--denylist-key {template:?} names no {{jti}}, {{sha256}} or {{token}}: every token would map to the same key"
            ))
            .into());
        }
        let unreachable =
            |e: redis::RedisError| InputError(format!("denylist {name}: cannot reach it: {e}"));
        let client = redis::Client::open(spec).map_err(|e| {
            InputError(format!(
                "denylist {name}: not a Redis URL jwtx can use ({e})"
            ))
        })?;
        let connection = client
            .get_connection_with_timeout(REDIS_TIMEOUT)
            .map_err(unreachable)?;
        connection
            .set_read_timeout(Some(REDIS_TIMEOUT))
            .and_then(|()| connection.set_write_timeout(Some(REDIS_TIMEOUT)))
            .map_err(unreachable)?;
        Ok(Denylist::Redis {
            name,
            template: template.to_owned(),
            connection: Mutex::new(connection),
        })
    }

    /// The Redis key for `token`, if the template can be filled in.
    fn key(template: &str, token: &str, jti: Option<&str>) -> Option<String> {
        let mut key = template.to_owned();
        if key.contains("{jti}") {
            key = key.replace("{jti}", jti?);
        }
        if key.contains("{sha256}") {
            key = key.replace("{sha256}", &sha256_hex(token));
        }
        Some(key.replace("{token}", token))
    }

    /// Looks up every token of `batch` at once (Redis); nothing to do for a file.
    pub fn prefetch(&self, batch: &Batch) -> Result<Found> {
        let Denylist::Redis {
            name,
            template,
            connection,
        } = self
        else {
            return Ok(Found::default());
        };
        let needs_jti = template.contains("{jti}");
        let mut keys: Vec<String> = (0..batch.len())
            .filter_map(|i| {
                let token = batch.get(i).text.ok()?;
                let jti = if needs_jti { jti_of(token) } else { None };
                Denylist::key(template, token, jti.as_deref())
            })
            .collect();
        keys.sort_unstable();
        keys.dedup();
        if keys.is_empty() {
            return Ok(Found::default());
        }
        let mut pipe = redis::pipe();
        for key in &keys {
            pipe.cmd("EXISTS").arg(key);
        }
        let mut connection = connection.lock().unwrap_or_else(|p| p.into_inner());
        let exists: Vec<i64> = pipe
            .query(&mut *connection)
            .map_err(|e| InputError(format!("denylist {name}: lookup failed: {e}")))?;
        Ok(Found(
            keys.into_iter()
                .zip(exists)
                .filter(|(_, n)| *n > 0)
                .map(|(k, _)| k)
                .collect(),
        ))
    }

    /// Why `token` (with its `jti`, if any) is revoked, or `None`.
    pub fn check(&self, found: &Found, token: &str, jti: Option<&str>) -> Option<String> {
        match self {
            Denylist::Redis { name, template, .. } => {
                let key = Denylist::key(template, token, jti)?;
                found.0.contains(&key).then(|| {
                    let shown = if template.contains("{token}") {
                        "its key".to_owned()
                    } else {
                        format!("key {:?}", crate::output::escape(&key))
                    };
                    format!("token is revoked: {shown} exists in the denylist {name}")
                })
            }
            Denylist::File { name, entries } => {
                if let Some(jti) = jti
                    && entries.contains(jti)
                {
                    return Some(format!(
                        "token is revoked: its jti {:?} is on the denylist {name}",
                        crate::output::escape(jti)
                    ));
                }
                if entries.contains(token) {
                    return Some(format!("token is revoked: it is on the denylist {name}"));
                }
                let digest = sha256_hex(token);
                entries.contains(&digest).then(|| {
                    format!("token is revoked: its SHA-256 {digest} is on the denylist {name}")
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_template() {
        assert_eq!(
            Denylist::key("revoked:{jti}", "a.b.c", Some("j1")).as_deref(),
            Some("revoked:j1")
        );
        assert_eq!(Denylist::key("revoked:{jti}", "a.b.c", None), None);
        assert_eq!(
            Denylist::key("rt:{sha256}", "abc", None).as_deref(),
            Some("rt:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        );
        assert_eq!(
            Denylist::key("{token}", "a.b.c", None).as_deref(),
            Some("a.b.c")
        );
    }

    #[test]
    fn passwords_stay_out_of_names() {
        assert_eq!(
            redacted("redis://:hunter2@127.0.0.1:6379/0"),
            "redis://127.0.0.1:6379/0"
        );
    }
}
