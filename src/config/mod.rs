//! `jwtx.toml`: the settings a team reviews once instead of repeating flags in CI. Found
//! like `rustfmt.toml` (the current directory or the nearest parent, stopping at the
//! repository root), or named by `--config` / `JWTX_CONFIG`; `--no-config` ignores it.
//!
//! The file is strict: an unknown key, a wrong type, a bad duration, an unknown rule id
//! or a literal secret is an error with the file, line and column. Command-line flags
//! override what the file says.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::audit::registry::{self, Severity};
use crate::token::{Alg, time};

/// The file name jwtx looks for.
pub const FILE_NAME: &str = "jwtx.toml";

/// The most `[[audit.ignore-path]]` entries a file may hold.
pub const MAX_IGNORE_PATHS: usize = 64;

/// The whole file.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "jwtx.toml",
    description = "Settings for jwtx verify, expiry and audit"
)]
pub struct ConfigFile {
    /// Defaults for `verify` and `expiry` when no issuer profile says otherwise.
    #[serde(default)]
    pub verify: VerifySettings,
    /// Settings for `audit`.
    #[serde(default)]
    pub audit: AuditSettings,
    /// Issuer profiles: how tokens from each issuer are checked, matched by exact `iss`.
    #[serde(default, rename = "issuer")]
    pub issuers: Vec<IssuerProfile>,
    /// Rules by kind of token, matched by header `typ` or by claim values.
    #[serde(default, rename = "token-type")]
    pub token_types: Vec<TokenType>,
}

/// `[verify]`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VerifySettings {
    /// Clock skew to tolerate on exp, nbf and a future iat (e.g. "30s").
    #[serde(default, deserialize_with = "duration")]
    #[schemars(with = "Option<String>")]
    pub leeway: Option<u64>,
    /// Claims every token must carry.
    #[serde(default)]
    pub require: Vec<String>,
    /// A JSON Schema the claims of every token must match (relative to this file).
    #[serde(default)]
    pub claims_schema: Option<PathBuf>,
    /// Revoked tokens: a file (one jti, whole token or token SHA-256 per line; relative
    /// to this file) or redis://HOST:PORT/DB.
    #[serde(default)]
    pub denylist: Option<String>,
    /// With a Redis denylist: the key template ({jti}, {sha256}, {token}).
    #[serde(default)]
    pub denylist_key: Option<String>,
    /// Claim values every token must carry: claim (a dotted path reaches into objects)
    /// = the JSON value expected.
    #[serde(default, deserialize_with = "expectations")]
    #[schemars(with = "BTreeMap<String, serde_json::Value>")]
    pub expect: Vec<(String, Value)>,
}

/// `[[audit.ignore-path]]`: rules left out for tokens found at some paths (test
/// fixtures, say).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct IgnorePath {
    /// Globs, relative to this file's directory (`tests/fixtures/**`); a glob naming a
    /// directory covers everything below it.
    #[serde(deserialize_with = "globs")]
    pub paths: Vec<String>,
    /// The rule ids ignored there (default: every rule).
    #[serde(default, deserialize_with = "some_rule_ids")]
    #[schemars(with = "Option<Vec<String>>")]
    pub rules: Option<Vec<&'static registry::Rule>>,
}

/// `[audit]`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AuditSettings {
    /// Exit 1 when a finding is at or above this severity ("none" never fails).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    #[serde(deserialize_with = "fail_on")]
    pub fail_on: Option<Option<Severity>>,
    /// Longest acceptable token lifetime before lifetime-too-long (e.g. "1d").
    #[serde(default, deserialize_with = "duration")]
    #[schemars(with = "Option<String>")]
    pub max_lifetime: Option<u64>,
    /// Rule ids to skip everywhere.
    #[serde(default, deserialize_with = "rule_ids")]
    #[schemars(with = "Vec<String>")]
    pub ignore: Vec<&'static registry::Rule>,
    /// Rules to skip for tokens found at some paths: `[[audit.ignore-path]]`.
    #[serde(default, rename = "ignore-path")]
    pub ignore_paths: Vec<IgnorePath>,
    /// Re-ranked rules: rule id = critical, high, medium, low or info.
    #[serde(default, deserialize_with = "severities")]
    #[schemars(with = "BTreeMap<String, String>")]
    pub severity: Vec<(&'static registry::Rule, Severity)>,
    /// With --scan: paths to skip (globs, relative to the scanned directory).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// An earlier `--format json` report whose findings are suppressed (relative to this file).
    #[serde(default)]
    pub baseline: Option<PathBuf>,
    /// A wordlist for the weak-secret search (relative to this file).
    #[serde(default)]
    pub wordlist: Option<PathBuf>,
    /// A JSON Schema the claims should match: others are claims-schema findings
    /// (relative to this file; default: the one in `[verify]`).
    #[serde(default)]
    pub claims_schema: Option<PathBuf>,
}

/// `[[issuer]]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct IssuerProfile {
    /// A name for `--profile-name` and messages (default: the iss).
    #[serde(default)]
    pub name: Option<String>,
    /// The issuer, exactly as tokens carry it in `iss`.
    pub iss: String,
    /// Use this profile for tokens whose iss matches no profile.
    #[serde(default)]
    pub default: bool,
    /// Verification key: a file (relative to this file) or an https:// URL.
    #[serde(default)]
    pub key: Option<String>,
    /// Fetch the keys through OpenID Connect discovery of `iss`.
    #[serde(default)]
    pub oidc: bool,
    /// The HMAC secret, from this environment variable.
    #[serde(default)]
    pub secret_env: Option<String>,
    /// The HMAC secret, from this file (relative to this file).
    #[serde(default)]
    pub secret_file: Option<PathBuf>,
    /// How the secret's text stands for its bytes: utf8, base64, base64url or hex.
    #[serde(default)]
    pub secret_encoding: Option<String>,
    /// Never set: secrets do not belong in a reviewed file.
    #[serde(default)]
    #[schemars(skip)]
    pub secret: Option<toml::Spanned<toml::Value>>,
    /// Algorithms accepted (default: every algorithm the key serves).
    #[serde(default, deserialize_with = "algs")]
    #[schemars(with = "Vec<String>")]
    pub algs: Vec<Alg>,
    /// Accepted audiences: the token must name at least one.
    #[serde(default)]
    pub aud: Vec<String>,
    /// Claims the token must carry.
    #[serde(default)]
    pub require: Vec<String>,
    /// Clock skew to tolerate for this issuer.
    #[serde(default, deserialize_with = "duration")]
    #[schemars(with = "Option<String>")]
    pub leeway: Option<u64>,
    /// A JSON Schema this issuer's token claims must match (relative to this file).
    #[serde(default)]
    pub claims_schema: Option<PathBuf>,
    /// Claim values this issuer's tokens must carry: claim (a dotted path reaches into
    /// objects) = the JSON value expected; added to `[verify]`'s.
    #[serde(default, deserialize_with = "expectations")]
    #[schemars(with = "BTreeMap<String, serde_json::Value>")]
    pub expect: Vec<(String, Value)>,
    /// This issuer's revoked tokens: a file (relative to this file) or redis://HOST:PORT/DB
    /// (default: `[verify]`'s).
    #[serde(default)]
    pub denylist: Option<String>,
    /// With a Redis denylist: the key template ({jti}, {sha256}, {token}).
    #[serde(default)]
    pub denylist_key: Option<String>,
}

impl IssuerProfile {
    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.iss)
    }
}

/// `[[token-type]]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TokenType {
    /// A name for messages ("access", "refresh").
    pub name: String,
    /// Matches tokens whose header `typ` is this (case-insensitive; "application/" ignored).
    #[serde(default)]
    pub typ: Option<String>,
    /// Matches tokens whose claims have these values (claim name = JSON value).
    #[serde(default, rename = "match")]
    #[schemars(with = "BTreeMap<String, serde_json::Value>")]
    pub matches: BTreeMap<String, toml::Value>,
    /// Longest acceptable lifetime (exp - iat) for this kind of token, in `expiry`,
    /// `verify` and `audit`.
    #[serde(default, deserialize_with = "duration")]
    #[schemars(with = "Option<String>")]
    pub max_lifetime: Option<u64>,
    /// Whether `expiry` requires `exp` of this kind of token (default true); true makes
    /// `verify` and `audit` require it too.
    #[serde(default)]
    pub require_exp: Option<bool>,
    /// Claims this kind of token must carry (`jti`, `iat`, a dotted path...), in `verify`
    /// and `audit`.
    #[serde(default)]
    pub require: Vec<String>,
    /// A JSON Schema the claims of this kind of token must match (relative to this
    /// file), in `expiry`, `verify` and `audit`.
    #[serde(default)]
    pub claims_schema: Option<PathBuf>,
    /// The claim profile `audit` checks this kind of token against: access-token
    /// (RFC 9068) or id-token (OpenID Connect).
    #[serde(default, deserialize_with = "audit_profile")]
    #[schemars(with = "Option<AuditProfileName>")]
    pub audit_profile: Option<crate::audit::checks::Profile>,
}

/// The values of `audit-profile`, for the JSON Schema.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum AuditProfileName {
    AccessToken,
    IdToken,
}

impl TokenType {
    /// The claims this kind of token must carry in `verify` and `audit`: `require`,
    /// and `exp` when `require-exp = true`.
    pub fn required(&self) -> Vec<String> {
        let mut required = self.require.clone();
        if self.require_exp == Some(true) && !required.iter().any(|c| c == "exp") {
            required.push("exp".into());
        }
        required
    }
}

impl TokenType {
    /// Whether a token with header `typ` and these claims is of this kind.
    pub fn matches(&self, typ: Option<&str>, claims: &serde_json::Map<String, Value>) -> bool {
        let norm = |t: &str| {
            let t = t.to_ascii_lowercase();
            t.strip_prefix("application/")
                .map(str::to_owned)
                .unwrap_or(t)
        };
        if let Some(want) = &self.typ
            && typ.map(norm) != Some(norm(want))
        {
            return false;
        }
        if self.typ.is_none() && self.matches.is_empty() {
            return false;
        }
        self.matches.iter().all(|(name, want)| {
            claim_at(claims, name).is_some_and(|have| toml_to_json(want) == *have)
        })
    }
}

pub use crate::token::claims::claim_at;

pub fn toml_to_json(value: &toml::Value) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn duration<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let text = String::deserialize(d)?;
    time::parse_duration(&text)
        .map(Some)
        .map_err(|e| serde::de::Error::custom(format!("{text:?} is not a duration ({e})")))
}

fn fail_on<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<Severity>>, D::Error> {
    let text = String::deserialize(d)?;
    if text.eq_ignore_ascii_case("none") {
        return Ok(Some(None));
    }
    text.parse()
        .map(|s| Some(Some(s)))
        .map_err(|e: String| serde::de::Error::custom(format!("{e}, or none")))
}

fn rule_ids<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<&'static registry::Rule>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|id| registry::known_rule(id).map_err(serde::de::Error::custom))
        .collect()
}

fn some_rule_ids<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<&'static registry::Rule>>, D::Error> {
    rule_ids(d).map(Some)
}

fn globs<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let globs = Vec::<String>::deserialize(d)?;
    if globs.is_empty() {
        return Err(serde::de::Error::custom(
            "paths is empty: give at least one glob",
        ));
    }
    for glob in &globs {
        globset::Glob::new(glob)
            .map_err(|e| serde::de::Error::custom(format!("{glob:?} is not a glob ({e})")))?;
    }
    Ok(globs)
}

fn audit_profile<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<crate::audit::checks::Profile>, D::Error> {
    use crate::audit::checks::Profile;
    match String::deserialize(d)?.as_str() {
        "access-token" => Ok(Some(Profile::AccessToken)),
        "id-token" => Ok(Some(Profile::IdToken)),
        other => Err(serde::de::Error::custom(format!(
            "{other:?} is not an audit profile: access-token or id-token"
        ))),
    }
}

/// `expect = { role = "admin", "address.country" = "FR" }`: claim paths and the JSON
/// values expected there. A table inside is a path too (`address = { country = "FR" }`
/// is `address.country`), since TOML reads an unquoted `address.country` key that way.
fn expectations<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, Value)>, D::Error> {
    fn flatten(prefix: &str, table: toml::Table, out: &mut Vec<(String, Value)>) {
        for (key, value) in table {
            let path = if prefix.is_empty() {
                key
            } else {
                format!("{prefix}.{key}")
            };
            match value {
                toml::Value::Table(inner) if !inner.is_empty() => flatten(&path, inner, out),
                other => out.push((path, toml_to_json(&other))),
            }
        }
    }
    let mut out = Vec::new();
    flatten("", toml::Table::deserialize(d)?, &mut out);
    if let Some((path, _)) = out.iter().find(|(path, _)| path.is_empty()) {
        return Err(serde::de::Error::custom(format!(
            "{path:?} is not a claim name"
        )));
    }
    Ok(out)
}

fn severities<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<(&'static registry::Rule, Severity)>, D::Error> {
    BTreeMap::<String, String>::deserialize(d)?
        .iter()
        .map(|(id, level)| {
            let rule = registry::known_rule(id).map_err(serde::de::Error::custom)?;
            let level = level.parse().map_err(serde::de::Error::custom)?;
            Ok((rule, level))
        })
        .collect()
}

fn algs<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Alg>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|name| {
            name.parse::<Alg>()
                .ok()
                .filter(|a| *a != Alg::None)
                .ok_or_else(|| {
                    serde::de::Error::custom(format!("{name:?} is not an algorithm jwtx verifies"))
                })
        })
        .collect()
}

/// A file that cannot be used: where and why, one line.
#[derive(Debug, thiserror::Error)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message)
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// A loaded file, with where it is and where each setting was written.
#[derive(Debug)]
pub struct Config {
    pub path: PathBuf,
    pub file: ConfigFile,
    /// Dotted setting paths (`audit.fail-on`, `issuer[0].key`) and their line.
    pub lines: Vec<(String, usize)>,
}

impl Config {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_owned(),
            at: None,
            message: format!("cannot read it: {e}"),
        })?;
        Config::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let error = |span: Option<Range<usize>>, message: String| ConfigError {
            path: path.to_owned(),
            at: span.map(|s| line_col(text, s.start)),
            message,
        };
        let file: ConfigFile = toml::from_str(text)
            .map_err(|e| error(e.span(), e.message().trim().replace('\n', "; ")))?;
        for profile in &file.issuers {
            if let Some(secret) = &profile.secret {
                return Err(error(
                    Some(secret.span()),
                    "a literal secret does not belong in a reviewed file; use secret-env = \"VAR\" or secret-file = \"PATH\"".into(),
                ));
            }
            let sources = [
                profile.key.is_some(),
                profile.oidc,
                profile.secret_env.is_some(),
                profile.secret_file.is_some(),
            ];
            if sources.iter().filter(|s| **s).count() > 1 {
                return Err(error(
                    None,
                    format!(
                        "issuer {:?} names more than one key source (key, oidc, secret-env, secret-file); give one",
                        profile.name()
                    ),
                ));
            }
            if let Some(encoding) = &profile.secret_encoding
                && !["utf8", "base64", "base64url", "hex"].contains(&encoding.as_str())
            {
                return Err(error(
                    None,
                    format!(
                        "issuer {:?}: secret-encoding {encoding:?} is not utf8, base64, base64url or hex",
                        profile.name()
                    ),
                ));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for profile in &file.issuers {
            if !seen.insert(profile.iss.as_str()) {
                return Err(error(
                    None,
                    format!("two issuer profiles have iss {:?}", profile.iss),
                ));
            }
        }
        if file.issuers.iter().filter(|p| p.default).count() > 1 {
            return Err(error(
                None,
                "more than one issuer profile is the default".into(),
            ));
        }
        // The place of a setting, for checks across settings.
        let lines = setting_lines(text);
        let place = |setting: &str| {
            lines
                .iter()
                .find(|(name, _)| name == setting)
                .map(|(_, line)| (*line, 1))
        };
        for (i, t) in file.token_types.iter().enumerate() {
            if t.typ.is_none() && t.matches.is_empty() {
                return Err(error(
                    None,
                    format!("token-type {:?} matches nothing: give typ or match", t.name),
                ));
            }
            if t.require_exp == Some(false) && t.require.iter().any(|c| c == "exp") {
                return Err(ConfigError {
                    path: path.to_owned(),
                    at: place(&format!("token-type[{i}].require-exp")),
                    message: format!(
                        "token-type {:?} has require-exp = false but requires exp: choose one",
                        t.name
                    ),
                });
            }
        }
        if file.audit.ignore_paths.len() > MAX_IGNORE_PATHS {
            return Err(error(
                None,
                format!(
                    "{} [[audit.ignore-path]] entries; at most {MAX_IGNORE_PATHS}: merge some",
                    file.audit.ignore_paths.len()
                ),
            ));
        }
        Ok(Config {
            path: path.to_owned(),
            lines,
            file,
        })
    }

    /// A path written in the file, relative to the file's directory.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            return path.to_owned();
        }
        self.path
            .parent()
            .map_or_else(|| path.to_owned(), |dir| dir.join(path))
    }

    /// Where a setting was written, as `FILE:LINE`.
    pub fn origin(&self, setting: &str) -> Option<String> {
        self.lines
            .iter()
            .find(|(name, _)| name == setting)
            .map(|(_, line)| format!("{}:{line}", self.path.display()))
    }

    /// The issuer profile for a token's `iss`, or the default one.
    pub fn profile_for(&self, iss: Option<&str>) -> Option<&IssuerProfile> {
        iss.and_then(|iss| self.file.issuers.iter().find(|p| p.iss == iss))
            .or_else(|| self.file.issuers.iter().find(|p| p.default))
    }

    /// The profile named `name` (by `name` or by `iss`).
    pub fn profile_named(&self, name: &str) -> Option<&IssuerProfile> {
        self.file
            .issuers
            .iter()
            .find(|p| p.name.as_deref() == Some(name) || p.iss == name)
    }

    /// The first token type that matches.
    pub fn token_type(
        &self,
        typ: Option<&str>,
        claims: &serde_json::Map<String, Value>,
    ) -> Option<&TokenType> {
        self.file
            .token_types
            .iter()
            .find(|t| t.matches(typ, claims))
    }
}

/// Every key in the file as a dotted path (`issuer[1].aud`), with its line.
fn setting_lines(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let Ok(root) = toml::de::DeTable::parse(text) else {
        return out;
    };
    fn walk(
        prefix: &str,
        table: &toml::de::DeTable<'_>,
        text: &str,
        out: &mut Vec<(String, usize)>,
    ) {
        for (key, value) in table {
            let name = if prefix.is_empty() {
                key.get_ref().to_string()
            } else {
                format!("{prefix}.{}", key.get_ref())
            };
            out.push((name.clone(), line_col(text, key.span().start).0));
            match value.get_ref() {
                toml::de::DeValue::Table(t) => walk(&name, t, text, out),
                toml::de::DeValue::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let toml::de::DeValue::Table(t) = item.get_ref() {
                            let indexed = format!("{name}[{i}]");
                            out.push((indexed.clone(), line_col(text, item.span().start).0));
                            walk(&indexed, t, text, out);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    walk("", root.get_ref(), text, &mut out);
    out
}

/// Where the configuration comes from for this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Discovery {
    /// `--no-config`.
    Disabled,
    /// `--config FILE` or `JWTX_CONFIG`.
    Named(PathBuf),
    /// Look for `jwtx.toml` from the current directory up.
    Search,
}

/// The nearest `jwtx.toml` from `start` upward, stopping after the repository root (a
/// directory holding `.git`).
pub fn find_from(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if d.join(".git").exists() {
            return None;
        }
        dir = d.parent();
    }
    None
}

/// The run's configuration, if any.
pub fn discover(how: &Discovery) -> Result<Option<Config>, ConfigError> {
    let path = match how {
        Discovery::Disabled => return Ok(None),
        Discovery::Named(path) => path.clone(),
        Discovery::Search => {
            let Ok(cwd) = std::env::current_dir() else {
                return Ok(None);
            };
            match find_from(&cwd) {
                Some(path) => path,
                None => return Ok(None),
            }
        }
    };
    Config::load(&path).map(Some)
}

/// The JSON Schema of the file, from the same types that read it.
pub fn json_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(ConfigFile)).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("jwtx.toml"), text)
    }

    #[test]
    fn a_full_file_reads() {
        let config = parse(
            r#"
[verify]
leeway = "30s"

[audit]
fail-on = "medium"
max-lifetime = "7d"
ignore = ["missing-jti"]
severity = { typ-missing = "low" }

[[issuer]]
name = "auth"
iss = "https://auth.example.com"
key = "keys/jwks.json"
algs = ["ES256"]
aud = ["api"]

[[token-type]]
name = "refresh"
match = { token_use = "refresh" }
max-lifetime = "7d"
"#,
        )
        .unwrap();
        assert_eq!(config.file.verify.leeway, Some(30));
        assert_eq!(config.file.audit.fail_on, Some(Some(Severity::Medium)));
        assert_eq!(config.file.audit.max_lifetime, Some(7 * 86_400));
        assert_eq!(config.file.issuers[0].algs, vec![Alg::ES256]);
        assert_eq!(
            config.origin("audit.fail-on").as_deref(),
            Some("jwtx.toml:6")
        );
        assert_eq!(
            config.origin("issuer[0].key").as_deref(),
            Some("jwtx.toml:14")
        );
        let claims: serde_json::Map<String, Value> =
            serde_json::from_str(r#"{"token_use":"refresh"}"#).unwrap();
        assert_eq!(config.token_type(None, &claims).unwrap().name, "refresh");
    }

    #[test]
    fn errors_have_a_line_and_column() {
        let at = |text: &str| {
            let e = parse(text).unwrap_err();
            (e.at, e.message)
        };
        let (place, message) = at("[audit]\nfail-on = \"urgent\"\n");
        assert_eq!(place, Some((2, 11)));
        assert!(message.contains("unknown severity"), "{message}");
        let (place, message) = at("[audit]\nfail_on = \"high\"\n");
        assert_eq!(place, Some((2, 1)));
        assert!(message.contains("unknown field"), "{message}");
        let (place, message) = at("[verify]\nleeway = \"soon\"\n");
        assert_eq!(place.map(|p| p.0), Some(2));
        assert!(message.contains("not a duration"), "{message}");
        let (_, message) = at("[audit]\nignore = [\"no-such-rule\"]\n");
        assert!(message.contains("unknown rule"), "{message}");
        let (place, message) = at("[[issuer]]\niss = \"x\"\nsecret = \"hunter2\"\n");
        assert_eq!(place, Some((3, 10)));
        assert!(message.contains("secret-env"), "{message}");
        assert!(!message.contains("hunter2"));
        assert!(
            at("[[issuer]]\niss = \"x\"\nalgs = [\"none\"]\n")
                .1
                .contains("none")
        );
    }

    #[test]
    fn dotted_claim_paths_reach_into_objects() {
        let claims: serde_json::Map<String, Value> =
            serde_json::from_str(r#"{"address":{"country":"NZ"},"a.b":1}"#).unwrap();
        assert_eq!(
            claim_at(&claims, "address.country"),
            Some(&Value::from("NZ"))
        );
        assert_eq!(claim_at(&claims, "a.b"), Some(&Value::from(1)));
        assert_eq!(claim_at(&claims, "address.city"), None);
    }

    #[test]
    fn discovery_stops_at_the_repository_root() {
        let root = tempfile::tempdir().unwrap();
        let repo = root.path().join("repo");
        let deep = repo.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::create_dir(repo.join(".git")).unwrap();
        std::fs::write(root.path().join(FILE_NAME), "").unwrap();
        assert_eq!(find_from(&deep), None);
        std::fs::write(repo.join("a").join(FILE_NAME), "").unwrap();
        assert_eq!(find_from(&deep), Some(repo.join("a").join(FILE_NAME)));
    }
}
