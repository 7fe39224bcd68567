//! Issuer profiles from `jwtx.toml` for `verify`: each token is checked with the keys,
//! algorithms and claim rules of the profile its `iss` selects (or `--profile-name`).
//! A profile's keys are loaded (or fetched) the first time a token needs them.

use std::sync::OnceLock;

use url::Url;

use super::keysource::{self, KeyRing};
use super::settings;
use crate::cli::{KeyArgs, KeyLocation, RemoteArgs};
use crate::config::{Config, IssuerProfile};
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
    pub allow_weak_key: bool,
    pub all_thumbprints: bool,
}

struct Entry<'a> {
    profile: &'a IssuerProfile,
    policy: ClaimPolicy,
    ring: OnceLock<Result<KeyRing, String>>,
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
                };
                Ok(Entry {
                    profile,
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

    /// The keys and claim rules for a token whose `iss` is `iss`.
    pub fn select(&self, iss: Option<&str>) -> Result<(&KeyRing, &ClaimPolicy), Unmatched> {
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
        match entry.ring.get_or_init(|| self.build(entry.profile)) {
            Ok(ring) => Ok((ring, &entry.policy)),
            Err(message) => Err(Unmatched {
                exit: Exit::Key,
                id: "profile-keys",
                message: message.clone(),
            }),
        }
    }

    fn build(&self, profile: &IssuerProfile) -> Result<KeyRing, String> {
        let fail = |e: anyhow::Error| {
            format!(
                "issuer profile {:?} ({}): {e:#}",
                profile.name(),
                self.config.path.display()
            )
        };
        let mut key_args = KeyArgs {
            allow_weak_key: self.overrides.allow_weak_key,
            ..KeyArgs::default()
        };
        let mut remote = RemoteArgs {
            oidc: None,
            timeout: self.remote.timeout,
            ca_file: self.remote.ca_file.clone(),
            allow_http: self.remote.allow_http,
            offline: self.remote.offline,
            refresh_keys: self.remote.refresh_keys,
        };
        if let Some(key) = &profile.key {
            key_args.key = Some(
                match KeyLocation::parse(key).map_err(|e| fail(anyhow::anyhow!(e)))? {
                    KeyLocation::Path(path) => KeyLocation::Path(self.config.resolve(&path)),
                    url @ KeyLocation::Url(_) => url,
                },
            );
        } else if profile.oidc {
            Url::parse(&profile.iss)
                .map_err(|e| fail(anyhow::anyhow!("iss is not a URL ({e})")))?;
            remote.oidc = Some(profile.iss.clone());
        } else if let Some(var) = &profile.secret_env {
            key_args.secret_env = Some(var.clone());
        } else if let Some(path) = &profile.secret_file {
            key_args.secret_file = Some(self.config.resolve(path));
        } else {
            return Err(format!(
                "issuer profile {:?} in {} names no key (key, oidc, secret-env or secret-file), and none was given on the command line",
                profile.name(),
                self.config.path.display()
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
        let algs = if self.overrides.algs.is_empty() {
            profile.algs.clone()
        } else {
            self.overrides.algs.clone()
        };
        let keys = keysource::verifying_keys(&key_args, &remote).map_err(fail)?;
        KeyRing::new(keys, algs, &key_args, self.overrides.all_thumbprints).map_err(fail)
    }
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
