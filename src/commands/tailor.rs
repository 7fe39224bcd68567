//! jwtx.toml's per-token settings for `audit`: a token of a `[[token-type]]` is judged
//! with that type's max lifetime, required claims, claims schema and audit profile, and a
//! token whose `iss` selects an `[[issuer]]` profile with that profile's keys (loaded,
//! or fetched, once per profile, the first time a token needs them), required claims
//! claims schema and expected claim values. A token whose `iss` no profile takes is an
//! `unknown-issuer`.
//!
//! The command line wins: `--key`/`--oidc` replace the profiles' keys, `--max-lifetime`,
//! `--profile` and `--claims-schema` the types' and profiles' own.

use std::sync::{Arc, OnceLock};

use anyhow::Result;
use serde_json::Value;

use super::profiles;
use super::settings;
use crate::audit::checks::{AuditKeys, Config as Checks, Tailor};
use crate::cli::{AuditArgs, RemoteArgs};
use crate::config::Config;
use crate::exit::KeyRefused;
use crate::token::Token;
use crate::token::schema::SharedSchema;

pub struct AuditTailor {
    config: Arc<Config>,
    remote: RemoteArgs,
    /// No `--key` or `--oidc`: the profiles' keys are used.
    profile_keys: bool,
    /// What the command line set, which the file's types do not replace (a
    /// `--claims-schema` leaves the schemas below empty).
    flag_max_lifetime: bool,
    flag_profile: bool,
    /// Each token type's schema and each profile's, loaded before any token is judged.
    type_schemas: Vec<Option<SharedSchema>>,
    profile_schemas: Vec<Option<SharedSchema>>,
    /// Each profile's keys, once a token needed them.
    keys: Vec<OnceLock<Result<AuditKeys, String>>>,
}

impl AuditTailor {
    /// The tailor for a run, when the file has token types or issuer profiles. Call it
    /// before the file's `[audit]` settings are applied to `args`.
    pub fn new(config: Option<&Arc<Config>>, args: &AuditArgs) -> Result<Option<AuditTailor>> {
        let Some(config) = config else {
            return Ok(None);
        };
        let file = &config.file;
        if file.token_types.is_empty() && file.issuers.is_empty() {
            return Ok(None);
        }
        let flag_schema = args.claims_schema.is_some();
        let load = |path: &Option<std::path::PathBuf>| -> Result<Option<SharedSchema>> {
            match (path, flag_schema) {
                (Some(path), false) => settings::load_schema(&config.resolve(path)).map(Some),
                _ => Ok(None),
            }
        };
        Ok(Some(AuditTailor {
            remote: RemoteArgs {
                oidc: None,
                timeout: args.remote.timeout,
                ca_file: args.remote.ca_file.clone(),
                allow_http: args.remote.allow_http,
                offline: args.remote.offline,
                refresh_keys: args.remote.refresh_keys,
            },
            profile_keys: args.key.is_none() && args.remote.oidc.is_none(),
            flag_max_lifetime: args.max_lifetime.is_some(),
            flag_profile: args.profile.is_some(),
            type_schemas: file
                .token_types
                .iter()
                .map(|t| load(&t.claims_schema))
                .collect::<Result<_>>()?,
            profile_schemas: file
                .issuers
                .iter()
                .map(|p| load(&p.claims_schema))
                .collect::<Result<_>>()?,
            keys: file.issuers.iter().map(|_| OnceLock::new()).collect(),
            config: Arc::clone(config),
        }))
    }

    /// Fails (exit 6) when a profile's keys were needed and could not be loaded: the
    /// tokens of that issuer were audited without them.
    pub fn keys_loaded(&self) -> Result<()> {
        let failed: Vec<&str> = self
            .keys
            .iter()
            .filter_map(|k| k.get()?.as_ref().err().map(String::as_str))
            .collect();
        match failed.as_slice() {
            [] => Ok(()),
            many => Err(KeyRefused(format!(
                "{}; the tokens of that issuer were audited without its keys",
                many.join("; ")
            ))
            .into()),
        }
    }
}

impl Tailor for AuditTailor {
    fn tailor(&self, token: &Token, base: &Checks) -> Option<Checks> {
        let claims = token.claims()?;
        let file = &self.config.file;
        let kind = file
            .token_types
            .iter()
            .position(|t| t.matches(token.header_str("typ"), claims));
        let iss = claims.get("iss").and_then(Value::as_str);
        let profile = self
            .config
            .profile_for(iss)
            .and_then(|p| file.issuers.iter().position(|q| std::ptr::eq(p, q)));
        let unknown = profile.is_none() && !file.issuers.is_empty() && iss.is_some();
        if kind.is_none() && profile.is_none() && !unknown {
            return None;
        }
        let mut tailored = base.clone();
        tailored.tailor = None;
        if let Some(i) = profile {
            let p = &file.issuers[i];
            let by = format!("issuer profile {:?}", p.name());
            require(&mut tailored, p.require.iter().cloned(), &by);
            tailored.expected = profiles::merge_expected(&[&file.verify.expect, &p.expect])
                .into_iter()
                .map(|(claim, value)| {
                    let by = if p.expect.iter().any(|(c, _)| *c == claim) {
                        by.clone()
                    } else {
                        "[verify]".to_owned()
                    };
                    (claim, value, by)
                })
                .collect();
            if let Some(schema) = &self.profile_schemas[i] {
                tailored.schema = Some(schema.clone());
            }
            if self.profile_keys
                && let Ok(keys) = self.keys[i].get_or_init(|| {
                    profiles::profile_keys(&self.config, p, &self.remote).map(AuditKeys::of)
                })
            {
                keys.apply(&mut tailored);
            }
        } else if let Some(iss) = iss.filter(|_| unknown) {
            let names: Vec<String> = file
                .issuers
                .iter()
                .map(|p| format!("{:?}", p.name()))
                .collect();
            tailored.unknown_issuer = Some(format!(
                "iss {:?} matches no issuer profile in {} (profiles: {})",
                crate::token::claims::shown(iss),
                self.config.path.display(),
                names.join(", ")
            ));
        }
        if let Some(k) = kind {
            let t = &file.token_types[k];
            let by = format!("token type {:?}", t.name);
            require(&mut tailored, t.required(), &by);
            if let Some(schema) = &self.type_schemas[k] {
                tailored.schema = Some(schema.clone());
            }
            if !self.flag_max_lifetime
                && let Some(max) = t.max_lifetime
            {
                tailored.max_lifetime = max;
            }
            if !self.flag_profile && t.audit_profile.is_some() {
                tailored.profile = t.audit_profile;
            }
        }
        Some(tailored)
    }
}

/// Adds required claims, each once (the first to require it is named).
fn require(config: &mut Checks, claims: impl IntoIterator<Item = String>, by: &str) {
    for claim in claims {
        if !config.required.iter().any(|(c, _)| *c == claim) {
            config.required.push((claim, by.to_owned()));
        }
    }
}
