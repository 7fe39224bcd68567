//! Issuer profiles from `jwtx.toml` for `verify` and `expiry`: each token is checked with
//! the keys, algorithms and claim rules of the profile its `iss` selects (or
//! `--profile-name`), and with the rules of its token type on top. A profile's keys are
//! loaded (or fetched) the first time a token needs them; `audit` loads them the same
//! way ([`profile_keys`]).

use std::sync::OnceLock;

use url::Url;

use super::keysource::{self, KeyRing};
use super::settings;
use crate::cli::{KeyArgs, KeyLocation, RemoteArgs};
use crate::config::{Config, IssuerProfile, TokenType};
use crate::exit::{Exit, UsageError};
use crate::token::claims::{ClaimPolicy, TimePolicy};
use crate::token::schema::SharedSchema;
use crate::token::time::Clock;
use crate::token::{Alg, SecretEncoding};

/// What the command line says for every token, whatever its profile.
pub struct Overrides {
    pub algs: Vec<Alg>,
    pub issuers: Vec<String>,
    pub audiences: Vec<String>,
    pub subject: Option<String>,
    pub required: Vec<String>,
    pub leeway: Option<u64>,
    pub ignore_exp: bool,
    /// `--claims-schema`, or `[verify]`'s.
    pub schema: Option<SharedSchema>,
    /// `--expect`: values that replace the file's for the same claim.
    pub expected: Vec<(String, serde_json::Value)>,
    pub allow_weak_key: bool,
    pub all_thumbprints: bool,
}

struct Entry<'a> {
    profile: &'a IssuerProfile,
    policy: ClaimPolicy,
    /// The policy for each token type, in the order of `types`.
    typed: Vec<ClaimPolicy>,
    ring: OnceLock<Result<KeyRing, String>>,
}

/// A jwtx.toml token type, with its claims schema loaded.
pub struct TypeRule<'a> {
    pub kind: &'a TokenType,
    pub schema: Option<SharedSchema>,
}

/// The run's token types, their schemas loaded before any token is judged (a
/// `--claims-schema` replaces them).
pub fn type_rules<'a>(
    config: Option<&'a Config>,
    schema_flag: bool,
) -> anyhow::Result<Vec<TypeRule<'a>>> {
    let Some(config) = config else {
        return Ok(Vec::new());
    };
    config
        .file
        .token_types
        .iter()
        .map(|kind| {
            let schema = match (&kind.claims_schema, schema_flag) {
                (Some(path), false) => Some(settings::load_schema(&config.resolve(path))?),
                _ => None,
            };
            Ok(TypeRule { kind, schema })
        })
        .collect()
}

/// `base` for a token of type `rule`: the type's required claims added, its schema (unless
/// the command line gave one) and its max lifetime.
pub fn typed_policy(base: &ClaimPolicy, rule: &TypeRule<'_>) -> ClaimPolicy {
    let mut policy = base.clone();
    for claim in rule.kind.required() {
        if !policy.required.contains(&claim) {
            policy.required.push(claim);
        }
    }
    if let Some(schema) = &rule.schema {
        policy.schema = Some(schema.clone());
    }
    if rule.kind.max_lifetime.is_some() {
        policy.max_lifetime = rule.kind.max_lifetime;
    }
    policy
}

/// Expected claim values from layers, later layers replacing earlier ones claim by claim
/// (`[verify]`, then a profile, then `--expect`).
pub fn merge_expected(
    layers: &[&[(String, serde_json::Value)]],
) -> Vec<(String, serde_json::Value)> {
    let mut merged: Vec<(String, serde_json::Value)> = Vec::new();
    for layer in layers {
        for (claim, value) in *layer {
            match merged.iter_mut().find(|(c, _)| c == claim) {
                Some(slot) => slot.1 = value.clone(),
                None => merged.push((claim.clone(), value.clone())),
            }
        }
    }
    merged
}

/// What a token's profile gives it.
pub struct Chosen<'p> {
    pub ring: &'p KeyRing,
    /// The profile's policy, for a token of no type.
    pub policy: &'p ClaimPolicy,
    /// The profile's policy for each token type.
    pub typed: &'p [ClaimPolicy],
    /// The profile's index in the file.
    pub index: usize,
}

/// The profiles of one run.
pub struct Profiles<'a> {
    config: &'a Config,
    entries: Vec<Entry<'a>>,
    /// `--profile-name`: every token goes to this entry.
    forced: Option<usize>,
    remote: &'a RemoteArgs,
    overrides: Overrides,
}

/// Why a token has no keys to be checked with.
pub struct Unmatched {
    pub exit: Exit,
    pub id: &'static str,
    pub message: String,
}

impl<'a> Profiles<'a> {
    pub fn new(
        config: &'a Config,
        profile_name: Option<&str>,
        schema_flag: bool,
        remote: &'a RemoteArgs,
        clock: Clock,
        overrides: Overrides,
        types: &[TypeRule<'_>],
    ) -> anyhow::Result<Profiles<'a>> {
        let defaults = &config.file.verify;
        let entries = config
            .file
            .issuers
            .iter()
            .map(|profile| {
                // The command line's schema wins, then the profile's, then [verify]'s.
                let schema = match (schema_flag, &profile.claims_schema) {
                    (false, Some(path)) => Some(settings::load_schema(&config.resolve(path))?),
                    _ => overrides.schema.clone(),
                };
                let mut required = overrides.required.clone();
                for claim in defaults.require.iter().chain(&profile.require) {
                    if !required.contains(claim) {
                        required.push(claim.clone());
                    }
                }
                let policy = ClaimPolicy {
                    time: TimePolicy {
                        clock,
                        leeway: overrides
                            .leeway
                            .or(profile.leeway)
                            .or(defaults.leeway)
                            .unwrap_or(0),
                    },
                    issuers: if overrides.issuers.is_empty() {
                        vec![profile.iss.clone()]
                    } else {
                        overrides.issuers.clone()
                    },
                    audiences: if overrides.audiences.is_empty() {
                        profile.aud.clone()
                    } else {
                        overrides.audiences.clone()
                    },
                    subject: overrides.subject.clone(),
                    required,
                    ignore_exp: overrides.ignore_exp,
                    schema,
                    expected: merge_expected(&[
                        &defaults.expect,
                        &profile.expect,
                        &overrides.expected,
                    ]),
                    max_lifetime: None,
                };
                Ok(Entry {
                    profile,
                    typed: types.iter().map(|t| typed_policy(&policy, t)).collect(),
                    policy,
                    ring: OnceLock::new(),
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let forced = match profile_name {
            Some(name) => Some(
                entries
                    .iter()
                    .position(|e| e.profile.name.as_deref() == Some(name) || e.profile.iss == *name)
                    .ok_or_else(|| {
                        UsageError(format!(
                            "--profile-name {name:?}: {} has no such issuer profile ({})",
                            config.path.display(),
                            names(config)
                        ))
                    })?,
            ),
            None => None,
        };
        Ok(Profiles {
            config,
            entries,
            forced,
            remote,
            overrides,
        })
    }

    /// Every policy a token may be judged by.
    pub fn policies(&self) -> impl Iterator<Item = &ClaimPolicy> {
        self.entries
            .iter()
            .flat_map(|e| std::iter::once(&e.policy).chain(&e.typed))
    }

    /// The keys and claim rules for a token whose `iss` is `iss`.
    pub fn select(&self, iss: Option<&str>) -> Result<Chosen<'_>, Unmatched> {
        let index = self.forced.or_else(|| {
            let profile = self.config.profile_for(iss)?;
            self.entries
                .iter()
                .position(|e| std::ptr::eq(e.profile, profile))
        });
        let Some(entry) = index.and_then(|i| self.entries.get(i)) else {
            let which = match iss {
                Some(iss) => format!("iss {:?}", crate::output::escape(iss)),
                None => "a token without iss".to_owned(),
            };
            return Err(Unmatched {
                exit: Exit::Claim,
                id: "no-issuer-profile",
                message: format!(
                    "{which} matches no issuer profile in {} ({}); add one, mark one default = true, or pass --profile-name",
                    self.config.path.display(),
                    names(self.config)
                ),
            });
        };
        let index = index.unwrap_or_default();
        match entry.ring.get_or_init(|| self.build(entry.profile)) {
            Ok(ring) => Ok(Chosen {
                ring,
                policy: &entry.policy,
                typed: &entry.typed,
                index,
            }),
            Err(message) => Err(Unmatched {
                exit: Exit::Key,
                id: "profile-keys",
                message: message.clone(),
            }),
        }
    }

    fn build(&self, profile: &IssuerProfile) -> Result<KeyRing, String> {
        let (key_args, remote) = key_options(
            self.config,
            profile,
            self.remote,
            self.overrides.allow_weak_key,
        )?;
        let fail = |e: anyhow::Error| failure(self.config, profile, e);
        let algs = if self.overrides.algs.is_empty() {
            profile.algs.clone()
        } else {
            self.overrides.algs.clone()
        };
        let keys = keysource::verifying_keys(&key_args, &remote).map_err(fail)?;
        KeyRing::new(keys, algs, &key_args, self.overrides.all_thumbprints).map_err(fail)
    }
}

/// A profile's key problem, as one line naming the profile.
fn failure(config: &Config, profile: &IssuerProfile, e: anyhow::Error) -> String {
    format!(
        "issuer profile {:?} ({}): {e:#}",
        profile.name(),
        config.path.display()
    )
}

/// The key options a profile stands for, as if given on the command line.
fn key_options(
    config: &Config,
    profile: &IssuerProfile,
    given: &RemoteArgs,
    allow_weak_key: bool,
) -> Result<(KeyArgs, RemoteArgs), String> {
    let fail = |e: anyhow::Error| failure(config, profile, e);
    let mut key_args = KeyArgs {
        allow_weak_key,
        ..KeyArgs::default()
    };
    let mut remote = RemoteArgs {
        oidc: None,
        timeout: given.timeout,
        ca_file: given.ca_file.clone(),
        allow_http: given.allow_http,
        offline: given.offline,
        refresh_keys: given.refresh_keys,
    };
    if let Some(key) = &profile.key {
        key_args.key = Some(
            match KeyLocation::parse(key).map_err(|e| fail(anyhow::anyhow!(e)))? {
                KeyLocation::Path(path) => KeyLocation::Path(config.resolve(&path)),
                url @ KeyLocation::Url(_) => url,
            },
        );
    } else if profile.oidc {
        Url::parse(&profile.iss).map_err(|e| fail(anyhow::anyhow!("iss is not a URL ({e})")))?;
        remote.oidc = Some(profile.iss.clone());
    } else if let Some(var) = &profile.secret_env {
        key_args.secret_env = Some(var.clone());
    } else if let Some(path) = &profile.secret_file {
        key_args.secret_file = Some(config.resolve(path));
    } else {
        return Err(format!(
            "issuer profile {:?} in {} names no key (key, oidc, secret-env or secret-file), and none was given on the command line",
            profile.name(),
            config.path.display()
        ));
    }
    if let Some(encoding) = &profile.secret_encoding {
        key_args.secret_encoding = match encoding.as_str() {
            "base64" => SecretEncoding::Base64,
            "base64url" => SecretEncoding::Base64Url,
            "hex" => SecretEncoding::Hex,
            _ => SecretEncoding::Utf8,
        };
    }
    Ok((key_args, remote))
}

/// A profile's key set for `audit` (which judges what a token's key allows rather than
/// verifying it): loaded, or fetched, as `verify` would.
pub fn profile_keys(
    config: &Config,
    profile: &IssuerProfile,
    remote: &RemoteArgs,
) -> Result<crate::token::KeySet, String> {
    let (key_args, remote) = key_options(config, profile, remote, true)?;
    keysource::verifying_keys(&key_args, &remote)
        .map(|keys| keys.set)
        .map_err(|e| failure(config, profile, e))
}

fn names(config: &Config) -> String {
    let names: Vec<String> = config
        .file
        .issuers
        .iter()
        .map(|p| format!("{:?}", p.name()))
        .collect();
    if names.is_empty() {
        "it has none".into()
    } else {
        format!("profiles: {}", names.join(", "))
    }
}
