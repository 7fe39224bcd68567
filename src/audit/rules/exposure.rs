//! Exposure rules: a token found where it should not be. `token-exposed` judges what an
//! attacker holding the token could do with it (its severity follows that);
//! `token-in-url` flags the occurrences that sit in a URL's query string or fragment.
//! Both apply to leaks: tokens found by `--scan`, or any token with `--treat-as-leaks`.

use crate::audit::checks::{Config, Out};
use crate::audit::registry::{Rule, Severity};
use crate::token::claims::{NumericDate, TimeFacts};
use crate::token::{Alg, Form, Token, time};

const CATEGORY: &str = "exposure";

pub static TOKEN_EXPOSED: Rule = Rule {
    id: "token-exposed",
    category: CATEGORY,
    severity: Severity::High,
    title: "Token exposed in a scanned file",
    why: "A bearer token is usable by whoever reads it: one left in a log, a HAR file, a configuration or source file can be replayed until it expires. The severity follows what it allows: critical when it verifies with the given key and is still valid, high when its claims make it valid now or later, low when it has expired, info when it can never verify (alg none, no signature).",
    fix: "Revoke the token (or rotate the key that signed it if it cannot be revoked), remove it from the file and its history, and stop whatever wrote it there from logging tokens.",
    reference: "RFC 6750 §5.2, §5.3; RFC 8725 §3.10; CWE-532",
};

pub static TOKEN_IN_URL: Rule = Rule {
    id: "token-in-url",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Token in a URL query string or fragment",
    why: "A token passed as a URL parameter (?access_token=, #id_token=) ends up in server and proxy logs, browser history and Referer headers, where anyone who reads them can replay it.",
    fix: "Send tokens in the Authorization header (or a POST body), use the authorization code flow instead of tokens in the fragment, and scrub query strings from logs.",
    reference: "RFC 6750 §2.3, §5.3; RFC 9700 (OAuth 2.0 Security BCP) §2.1.2, §4.3",
};

/// `token-exposed`, when the run treats its tokens as leaks.
pub(crate) fn check(token: &Token, config: &Config, out: &mut Out<'_>) {
    if !config.exposed {
        return;
    }
    let (severity, message) = exposure(token, config);
    out.add_at(&TOKEN_EXPOSED, Some(severity), message, None);
}

/// What holding this token allows, as a severity and a sentence.
fn exposure(token: &Token, config: &Config) -> (Severity, String) {
    if token.form() == Form::Jwe {
        return (
            Severity::Medium,
            "exposed encrypted token (JWE): its claims are sealed, so whether it is still valid cannot be told".into(),
        );
    }
    if token.alg().known() == Some(Alg::None) || token.signature().is_empty() {
        return (
            Severity::Info,
            "exposed token that can never verify (unsecured: alg none or no signature); harmless unless a verifier accepts unsigned tokens".into(),
        );
    }
    let Some(claims) = token.claims() else {
        return (
            Severity::Medium,
            "exposed token whose payload is not a claims set: whether it is still valid cannot be told".into(),
        );
    };
    let facts = TimeFacts::evaluate(claims, &config.time);
    let verified = config
        .verifier
        .as_ref()
        .map(|v| v.verify(&token.signed()).is_ok());
    let key = match verified {
        Some(true) => "its signature verifies with the given key",
        Some(false) => "its signature does not verify with the given key",
        None => "signature not checked (give --key or --oidc to check it)",
    };
    if facts.expired {
        let e = facts.exp.value().unwrap_or_default();
        return (
            Severity::Low,
            format!(
                "exposed expired token: expired {} ({}); {key}",
                time::rfc3339(e),
                time::relative(e, facts.now)
            ),
        );
    }
    if facts.invalid().next().is_some() {
        return (
            Severity::Medium,
            format!(
                "exposed token with a malformed time claim: verifiers disagree on whether it is valid; {key}"
            ),
        );
    }
    let until = match facts.exp {
        NumericDate::Valid(e) => format!(
            "until {} ({})",
            time::rfc3339(e),
            time::relative(e, facts.now)
        ),
        _ => "forever (no exp)".to_owned(),
    };
    let state = if facts.not_yet_valid {
        let n = facts.nbf.value().unwrap_or_default();
        format!(
            "becomes valid {} ({}) and stays valid {until}",
            time::rfc3339(n),
            time::relative(n, facts.now)
        )
    } else {
        format!("valid {until}")
    };
    match verified {
        Some(true) => (
            Severity::Critical,
            format!("exposed live token, {state}; {key}: anyone holding it can use it"),
        ),
        _ => (
            Severity::High,
            format!("exposed live token, {state}; {key}"),
        ),
    }
}

/// The `token-in-url` message for a token found `in_url` times out of `occurrences`,
/// the first time as the value of `parameter` (`?access_token`, `#id_token`).
pub fn in_url_message(parameter: &str, in_url: usize, occurrences: usize) -> String {
    let (delimiter, name) = parameter.split_at(1);
    let part = match delimiter {
        "#" => "fragment",
        "?" => "query string",
        _ => "query string or fragment",
    };
    let mut message = format!("token passed in a URL {part} as the {name} parameter");
    if occurrences > 1 {
        message.push_str(&format!(" ({in_url} of {occurrences} occurrences in URLs)"));
    }
    message
}
