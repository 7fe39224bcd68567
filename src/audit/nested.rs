//! Audit both layers of a JWE (`audit --decrypt-key`, a JWE secret, or `--preset` with
//! the framework's secret): the JWE's own header is audited as every token is, then the
//! JWE is opened and its content audited too: a nested token (JWS, or an unsecured
//! one) with every per-token rule and the weak-secret search, or bare claims with the
//! claim rules. The inner layer's findings are attributed to it: their location starts
//! with `inner` (`inner.header.alg`, `inner.payload.exp`) and their message with
//! `inner token:`. A JWE the key does not open is a `jwe-not-decrypted` finding, not an
//! error: a scan meets tokens made for other recipients, and the report still says why.

use serde_json::{Map, Value};

use super::checks::{Config, Finding, Out};
use super::rules::encryption::{JWE_NOT_DECRYPTED, JWE_UNSIGNED_CONTENT};
use super::rules::exposure::TOKEN_EXPOSED;
use super::rules::format::ENCRYPTED_TOKEN;
use super::rules::{claims, sensitive};
use crate::token::jwe::presets::{self, Preset};
use crate::token::jwe::{self, DecryptPolicy, KeyAlg, KeyFamily, Parts};
use crate::token::keys::DecryptionKey;
use crate::token::{Alg, Form, Secret, Token};

/// How the run opens JWEs.
pub struct Decryption {
    /// `--decrypt-key` or a JWE secret (empty with `--preset`).
    pub keys: Vec<DecryptionKey>,
    pub policy: DecryptPolicy,
    /// `--preset`: the framework, its secret when given, and the cookie names.
    pub cookies: Option<Cookies>,
}

/// A framework's session cookies (`--preset`).
pub struct Cookies {
    pub preset: Preset,
    /// The application's secret, when the run was given it: cookies are then opened.
    /// Without it only the weak-secret search runs.
    pub secret: Option<Secret>,
    /// The cookie names the key is derived for (Auth.js salts with the name).
    pub names: Vec<String>,
}

/// Opens `token` when it is a JWE the run can open. Findings about the opening go to
/// `findings` (the JWE's own): `jwe-not-decrypted` when it does not open, and, once it
/// does, `encrypted-token` is withdrawn (the content is audited), bare claims are
/// audited here and their findings attributed to the inner layer, and unsigned content
/// under a public-key algorithm is `jwe-unsigned-content`. Returns the nested token,
/// for the caller to audit with every per-token rule.
pub fn open(
    token: &Token,
    config: &Config,
    decryption: &Decryption,
    findings: &mut Vec<Finding>,
) -> Option<Token> {
    if token.form() != Form::Jwe {
        return None;
    }
    let plaintext = match decrypt(token, decryption)? {
        Ok(plaintext) => plaintext,
        Err(why) => {
            findings.push(Finding {
                rule: &JWE_NOT_DECRYPTED,
                severity: JWE_NOT_DECRYPTED.severity,
                message: format!("not decrypted, so its content was not audited: {why}"),
                location: None,
            });
            return None;
        }
    };
    findings.retain(|f| !std::ptr::eq(f.rule, &ENCRYPTED_TOKEN));
    let public_key = token
        .alg()
        .as_str()
        .and_then(|a| a.parse::<KeyAlg>().ok())
        .is_some_and(|a| matches!(a.family(), KeyFamily::Rsa | KeyFamily::Ecdh));
    let text = std::str::from_utf8(&plaintext).ok()?;
    if let Ok(inner) = Token::parse(text.trim()) {
        let unsigned = inner.form() == Form::Jws
            && (inner.alg().known() == Some(Alg::None) || inner.signature().is_empty());
        if public_key && unsigned {
            findings.push(unsigned_content(token, "an unsecured token (alg none)"));
        }
        return Some(inner);
    }
    if let Ok(Value::Object(claims)) = serde_json::from_str::<Value>(text) {
        if public_key {
            findings.push(unsigned_content(token, "bare claims"));
        }
        findings.extend(
            claim_findings(token, &claims, config)
                .into_iter()
                .map(inner),
        );
    }
    None
}

/// The plaintext, the reason it did not decrypt, or `None` when the run has no way to
/// open this JWE (a preset without its secret).
fn decrypt(
    token: &Token,
    decryption: &Decryption,
) -> Option<Result<zeroize::Zeroizing<Vec<u8>>, String>> {
    let parts = match Parts::of(token) {
        Ok(parts) => parts,
        Err(e) => return Some(Err(e.to_string())),
    };
    if let Some(cookies) = &decryption.cookies {
        let secret = cookies.secret.as_ref()?;
        return Some(
            presets::decrypt_cookie(&parts, cookies.preset, secret, &cookies.names)
                .map(|opened| opened.decrypted.plaintext)
                .map_err(|e| e.to_string()),
        );
    }
    if decryption.keys.is_empty() {
        return None;
    }
    Some(
        jwe::decrypt(&parts, &decryption.keys, &decryption.policy)
            .map(|d| d.plaintext)
            .map_err(|e| match e {
                jwe::JweError::Rsa1_5NotAllowed => {
                    format!("{e}; pass --allow-rsa1-5 to audit its content")
                }
                other => other.to_string(),
            }),
    )
}

fn unsigned_content(token: &Token, what: &str) -> Finding {
    let alg = token.alg().as_str().unwrap_or_default();
    Finding {
        rule: &JWE_UNSIGNED_CONTENT,
        severity: JWE_UNSIGNED_CONTENT.severity,
        message: format!(
            "the {alg} JWE holds {what}: anyone with the recipient's public key could have made it"
        ),
        location: Some("payload".into()),
    }
}

/// The claim rules over claims a JWE carries bare (its header stands for theirs).
fn claim_findings(token: &Token, claims_set: &Map<String, Value>, config: &Config) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut out = Out::new(&mut findings);
    claims::check(token, claims_set, config, &mut out);
    sensitive::check(claims_set, config, &mut out);
    findings
}

/// The findings of a nested token, as its own audit made them, for its JWE's report:
/// without `token-exposed` (the JWE's exposure is the one that counts), attributed to
/// the inner layer.
pub fn inner_findings(findings: Vec<Finding>) -> impl Iterator<Item = Finding> {
    findings
        .into_iter()
        .filter(|f| !std::ptr::eq(f.rule, &TOKEN_EXPOSED))
        .map(inner)
}

/// Attributes a finding to the inner layer.
fn inner(mut finding: Finding) -> Finding {
    finding.location = Some(match finding.location {
        Some(location) => format!("inner.{location}"),
        None => "inner".to_owned(),
    });
    finding.message = format!("inner token: {}", finding.message);
    finding
}

/// With `--preset`, an input line may be a cookie list as a browser sends it (`Cookie:
/// name=value; ...`): each such subject becomes its session cookie's value, chunks
/// joined, as `jwtx decrypt --preset` reads it. A line naming none of the session
/// cookies is an error for that line; a bare token is left as it is.
pub fn pick_session_cookies(subjects: &mut [super::scan::Subject], names: &[String]) {
    for subject in subjects {
        let Ok(text) = &subject.text else {
            continue;
        };
        if !text.contains('=') {
            continue;
        }
        subject.parsed = None;
        subject.text = presets::session_value(text, names).map(|found| found.value);
    }
}
