//! The per-token checks: what they need ([`Config`]), what they produce ([`Finding`])
//! and [`check`], which runs every rule module's checks on one parsed token. The rules
//! and their checks live under [`rules`](super::rules); the weak-secret search runs
//! separately, over a whole batch of tokens (see [`rules::secret`](super::rules::secret)).

use std::sync::Arc;

use super::registry::{Rule, Severity};
use super::rules::{
    algorithm, claims, encryption, exposure, format, header, key, policy, secret, sensitive,
};
use crate::token::claims::TimePolicy;
use crate::token::{Form, KeySet, Token, Verifier, VerifyingKey};

/// Tokens above this size are reported as oversized.
pub const OVERSIZED: usize = 8 * 1024;
/// The default `--max-lifetime`: 24 hours.
pub const DEFAULT_MAX_LIFETIME: u64 = 24 * 3600;

/// The claim profile `--profile` checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// RFC 9068 JWT access tokens.
    AccessToken,
    /// OpenID Connect ID tokens.
    IdToken,
}

/// What the checks need besides the token.
#[derive(Clone)]
pub struct Config {
    pub time: TimePolicy,
    pub max_lifetime: u64,
    pub profile: Option<Profile>,
    /// `--key`: HMAC keys made from the public key's bytes, with a label each.
    pub confusion_keys: Arc<[(String, VerifyingKey)]>,
    /// `--key`: a description of each RSA key whose modulus has the ROCA fingerprint.
    pub roca_keys: Arc<[String]>,
    /// Whether the tokens are leaks (`--scan`, `--treat-as-leaks`): each is then a
    /// `token-exposed` finding.
    pub exposed: bool,
    /// `--key` or `--oidc`, when it makes a verifier: exposed tokens that verify with it
    /// are critical.
    pub verifier: Option<Arc<Verifier>>,
    /// `--claims-schema`: claims that do not match are `claims-schema` findings.
    pub schema: Option<crate::token::schema::SharedSchema>,
    /// Claims the token must carry (a dotted path reaches into objects), each with what
    /// requires it (`token type "access"`): `missing-required-claim`.
    pub required: Vec<(String, String)>,
    /// Claim values the token must hold, each with what expects it:
    /// `unexpected-claim-value`.
    pub expected: Vec<(String, serde_json::Value, String)>,
    /// Why no issuer profile takes this token's `iss`: `unknown-issuer`.
    pub unknown_issuer: Option<String>,
    /// Adjusts the config to each token (jwtx.toml's token types and issuer profiles).
    pub tailor: Option<Arc<dyn Tailor>>,
}

/// Settings that depend on the token, such as the rules of its kind and the keys of its
/// issuer.
pub trait Tailor: Send + Sync {
    /// `base` adjusted for `token`, or `None` when nothing changes.
    fn tailor(&self, token: &Token, base: &Config) -> Option<Config>;
}

/// What the checks make of a key set (`--key`, `--oidc`, an issuer profile's keys).
#[derive(Clone)]
pub struct AuditKeys {
    confusion: Arc<[(String, VerifyingKey)]>,
    roca: Arc<[String]>,
    verifier: Option<Arc<Verifier>>,
}

impl AuditKeys {
    pub fn of(set: KeySet) -> AuditKeys {
        AuditKeys {
            confusion: super::confusion::confusion_keys(&set).into(),
            roca: key::roca_keys(&set).into(),
            // Weak keys are accepted here: whether a leaked token verifies is what
            // matters (their weakness is reported by other rules). A set verify would
            // refuse (a ROCA key, secrets mixed with public keys) checks nothing.
            verifier: Verifier::new(set, Vec::new(), true).ok().map(Arc::new),
        }
    }

    /// Makes `config` check with these keys.
    pub fn apply(&self, config: &mut Config) {
        config.confusion_keys = self.confusion.clone();
        config.roca_keys = self.roca.clone();
        config.verifier = self.verifier.clone();
    }
}

impl Config {
    /// What the checks need, with no keys, schema or per-token settings.
    pub fn new(time: TimePolicy, max_lifetime: u64, exposed: bool) -> Config {
        Config {
            time,
            max_lifetime,
            profile: None,
            confusion_keys: Arc::new([]),
            roca_keys: Arc::new([]),
            exposed,
            verifier: None,
            schema: None,
            required: Vec::new(),
            expected: Vec::new(),
            unknown_issuer: None,
            tailor: None,
        }
    }
}

/// One thing wrong with one token.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    /// Where in the token: `header.kid`, `payload.user.email`, `signature`.
    pub location: Option<String>,
}

/// Where checks put their findings.
pub(crate) struct Out<'a> {
    findings: &'a mut Vec<Finding>,
}

impl Out<'_> {
    /// Collects findings into `findings`.
    pub(crate) fn new(findings: &mut Vec<Finding>) -> Out<'_> {
        Out { findings }
    }

    /// Reports `rule` at its registry severity.
    pub(crate) fn add(&mut self, rule: &'static Rule, message: String, location: Option<String>) {
        self.add_at(rule, None, message, location);
    }

    /// Reports `rule`, at `severity` when the check knows the case is worse.
    pub(crate) fn add_at(
        &mut self,
        rule: &'static Rule,
        severity: Option<Severity>,
        message: String,
        location: Option<String>,
    ) {
        self.findings.push(Finding {
            rule,
            severity: severity.unwrap_or(rule.severity),
            message,
            location,
        });
    }
}

/// Runs every per-token check, with the config tailored to the token.
pub fn check(token: &Token, config: &Config) -> Vec<Finding> {
    match config.tailor.as_ref().and_then(|t| t.tailor(token, config)) {
        Some(tailored) => check_with(token, &tailored),
        None => check_with(token, config),
    }
}

fn check_with(token: &Token, config: &Config) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut out = Out {
        findings: &mut findings,
    };
    exposure::check(token, config, &mut out);
    format::check(token, &mut out);
    if token.form() == Form::Jwe {
        out.add(
            &format::ENCRYPTED_TOKEN,
            "token is a JWE; only its header was audited".into(),
            None,
        );
        encryption::check(token, &mut out);
    } else {
        algorithm::check(token, &mut out);
        secret::key_confusion(token, config, &mut out);
    }
    header::check(token, &mut out);
    key::check(token, config, &mut out);
    if let Some(claims) = token.claims() {
        claims::check(token, claims, config, &mut out);
        policy::check(claims, config, &mut out);
        sensitive::check(claims, config, &mut out);
    }
    findings
}
