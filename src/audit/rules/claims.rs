//! Claim rules: lifetimes, time claims, identity claims and the `--profile` checks.

use serde_json::{Map, Value};

use crate::audit::checks::{Config, Out, Profile};
use crate::audit::registry::{Rule, Severity};
use crate::token::claims::{Claims, IdentityClaim, NumericDate, TimeFacts, json_kind};
use crate::token::{Token, time};

const CATEGORY: &str = "claims";

pub static MISSING_EXP: Rule = Rule {
    id: "missing-exp",
    category: CATEGORY,
    severity: Severity::High,
    title: "Token never expires (no exp)",
    why: "A token without exp is valid forever: a leaked token cannot be made to expire.",
    fix: "Issue short-lived tokens with exp, and refresh them.",
    reference: "RFC 7519 §4.1.4; RFC 8725 §3.10",
};

pub static LIFETIME_TOO_LONG: Rule = Rule {
    id: "lifetime-too-long",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Lifetime above policy",
    why: "exp − iat exceeds the maximum lifetime (--max-lifetime, 24h by default); long-lived bearer tokens widen the window for replay after a leak. Without iat, the lifetime is at least exp − nbf, or what remains of it (exp − now), and is judged by that.",
    fix: "Shorten the lifetime; use refresh tokens for long sessions.",
    reference: "RFC 8725 §3.10; OAuth 2.0 Security BCP (RFC 9700) §2.2",
};

pub static EXPIRED: Rule = Rule {
    id: "expired",
    category: CATEGORY,
    severity: Severity::Info,
    title: "Token has expired",
    why: "The token is past its exp; it should no longer be accepted anywhere, and it may still sit in logs and caches.",
    fix: "Nothing to fix in the token; make sure verifiers check exp.",
    reference: "RFC 7519 §4.1.4",
};

pub static TIME_CLAIM_NOT_NUMERIC: Rule = Rule {
    id: "time-claim-not-numeric",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Time claim is not a NumericDate",
    why: "exp, nbf or iat that is a string, a boolean or out of range is treated differently by different libraries, some of which skip the check entirely.",
    fix: "Write exp, nbf and iat as numbers of seconds since the epoch.",
    reference: "RFC 7519 §2, §4.1.4–4.1.6",
};

pub static TIME_CLAIM_MILLISECONDS: Rule = Rule {
    id: "time-claim-milliseconds",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Time claim in milliseconds",
    why: "The value is a plausible date only when read as milliseconds; as seconds it lies tens of thousands of years ahead, so the token effectively never expires.",
    fix: "Write NumericDates in seconds, not milliseconds.",
    reference: "RFC 7519 §2",
};

pub static TIME_CLAIMS_OUT_OF_ORDER: Rule = Rule {
    id: "time-claims-out-of-order",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Time claims out of order",
    why: "nbf after exp makes the token never valid and iat after exp means it was issued already expired: a clock or issuer bug.",
    fix: "Fix the issuer's clock or its claim computation.",
    reference: "RFC 7519 §4.1.4–4.1.6",
};

pub static IAT_IN_FUTURE: Rule = Rule {
    id: "iat-in-future",
    category: CATEGORY,
    severity: Severity::Low,
    title: "Issued in the future",
    why: "iat lies beyond now plus leeway: the issuer's clock is ahead, or the token was crafted.",
    fix: "Synchronise the issuer's clock (NTP).",
    reference: "RFC 7519 §4.1.6",
};

pub static MISSING_ISS: Rule = Rule {
    id: "missing-iss",
    category: CATEGORY,
    severity: Severity::Low,
    title: "No issuer (iss)",
    why: "Without iss a verifier cannot tell which issuer's keys and rules apply, and tokens from one issuer can be replayed at another.",
    fix: "Set iss, and have verifiers require it.",
    reference: "RFC 7519 §4.1.1; RFC 8725 §3.8",
};

pub static MISSING_AUD: Rule = Rule {
    id: "missing-aud",
    category: CATEGORY,
    severity: Severity::Low,
    title: "No audience (aud)",
    why: "Without aud a token issued for one service is accepted by every service that trusts the issuer (token substitution).",
    fix: "Set aud to the intended recipient, and have verifiers require it.",
    reference: "RFC 7519 §4.1.3; RFC 8725 §3.9",
};

pub static AUD_WILDCARD: Rule = Rule {
    id: "aud-wildcard",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Audience is a wildcard",
    why: "An aud of \"*\" (or containing *) asks every service to accept the token, defeating audience restriction.",
    fix: "Name the intended recipients explicitly.",
    reference: "RFC 7519 §4.1.3; RFC 8725 §3.9",
};

pub static CLAIMS_SCHEMA: Rule = Rule {
    id: "claims-schema",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Claims do not match the claims schema",
    why: "The token carries claims its services do not expect (a missing member, a wrong type, a value outside its set, a malformed email or URI): code that trusts the schema may misread them.",
    fix: "Issue tokens whose claims match the schema (--claims-schema, or claims-schema in jwtx.toml), or correct the schema.",
    reference: "JSON Schema 2020-12; RFC 7519 §4",
};

pub static MISSING_JTI: Rule = Rule {
    id: "missing-jti",
    category: CATEGORY,
    severity: Severity::Info,
    title: "No token identifier (jti)",
    why: "Without jti, replay detection and revocation lists cannot single out a token.",
    fix: "Set a unique jti when replay protection or revocation matters.",
    reference: "RFC 7519 §4.1.7",
};

pub static TYP_MISSING: Rule = Rule {
    id: "typ-missing",
    category: CATEGORY,
    severity: Severity::Info,
    title: "No explicit type (typ)",
    why: "Explicit typing lets verifiers tell kinds of JWT apart and prevents one kind being accepted as another.",
    fix: "Set typ (for example JWT, at+jwt for access tokens).",
    reference: "RFC 8725 §3.11",
};

pub static TYP_UNUSUAL: Rule = Rule {
    id: "typ-unusual",
    category: CATEGORY,
    severity: Severity::Low,
    title: "Unusual type (typ)",
    why: "typ is neither JWT nor a media type ending in +jwt, so verifiers that check explicit types will not recognise it.",
    fix: "Use JWT or a registered +jwt media type (at+jwt, secevent+jwt...).",
    reference: "RFC 8725 §3.11; RFC 7519 §5.1",
};

pub static PROFILE_ACCESS_TOKEN: Rule = Rule {
    id: "profile-access-token",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Not a valid RFC 9068 access token",
    why: "With --profile access-token, the token must have typ at+jwt and the claims iss, exp, aud, sub, client_id, iat and jti.",
    fix: "Issue access tokens in the RFC 9068 profile.",
    reference: "RFC 9068 §2.1, §2.2",
};

pub static PROFILE_ID_TOKEN: Rule = Rule {
    id: "profile-id-token",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Not a valid OpenID Connect ID token",
    why: "With --profile id-token, the token must have iss, sub, aud, exp and iat (and azp when it has several audiences).",
    fix: "Issue ID tokens as OpenID Connect Core requires.",
    reference: "OpenID Connect Core 1.0 §2",
};

pub static MISSING_IAT: Rule = Rule {
    id: "missing-iat",
    category: CATEGORY,
    severity: Severity::Low,
    title: "No issue time (iat)",
    why: "Without iat a verifier cannot tell a token's age or lifetime, so a maximum-lifetime policy cannot hold it; jwtx judges the lifetime from nbf or from now instead.",
    fix: "Set iat to the time of issue.",
    reference: "RFC 7519 §4.1.6; RFC 8725 §3.10",
};

fn is_access_token_typ(typ: Option<&str>) -> bool {
    typ.is_some_and(|t| {
        let t = t.to_ascii_lowercase();
        t == "at+jwt" || t == "application/at+jwt"
    })
}

/// A time claim's raw value in the millisecond range (2001–2286 read as milliseconds).
fn in_milliseconds(claims: &Map<String, Value>, name: &str) -> bool {
    claims
        .get(name)
        .and_then(Value::as_f64)
        .is_some_and(|v| (1.0e12..1.0e13).contains(&v))
}

pub(crate) fn check(
    token: &Token,
    claims: &Map<String, Value>,
    config: &Config,
    out: &mut Out<'_>,
) {
    if let Some(schema) = &config.schema {
        for failure in schema.0.check(claims) {
            if let crate::token::claims::ClaimFailure::Schema { pointer, message } = failure {
                let location = match pointer.trim_start_matches('/') {
                    "" => "payload".to_owned(),
                    path => format!("payload.{}", path.replace('/', ".")),
                };
                out.add(
                    &CLAIMS_SCHEMA,
                    format!("{pointer}: {message}"),
                    Some(location),
                );
            }
        }
    }
    let facts = TimeFacts::evaluate(claims, &config.time);
    for (name, why) in facts.invalid() {
        let location = Some(format!("payload.{name}"));
        if in_milliseconds(claims, name) {
            let ms = claims.get(name).and_then(Value::as_f64).unwrap_or_default();
            out.add(
                &TIME_CLAIM_MILLISECONDS,
                format!(
                    "{name} reads as {} only in milliseconds",
                    time::rfc3339((ms / 1000.0).floor())
                ),
                location,
            );
        } else {
            // Say what the value is, not what it says: it could be anything, even PII.
            let kind = claims.get(name).map_or("missing", json_kind);
            let detail = if kind == "a number" {
                why.to_owned()
            } else {
                format!("is {kind}, not a NumericDate")
            };
            out.add(
                &TIME_CLAIM_NOT_NUMERIC,
                format!("{name} {detail}"),
                location,
            );
        }
    }
    let (exp, nbf, iat) = (facts.exp.value(), facts.nbf.value(), facts.iat.value());
    if facts.exp == NumericDate::Absent {
        out.add(
            &MISSING_EXP,
            "the token has no exp and never expires".into(),
            Some("payload.exp".into()),
        );
    }
    if facts.iat == NumericDate::Absent {
        out.add(
            &MISSING_IAT,
            "the token has no iat: its age and lifetime are unknown".into(),
            Some("payload.iat".into()),
        );
    }
    // Without a numeric iat the lifetime is at least exp − nbf, and at least what
    // remains of it: leaving iat out must not slip past the policy.
    let lifetime = match (exp, iat, nbf) {
        (Some(e), Some(i), _) => Some((e - i, "exp − iat")),
        (Some(e), None, Some(n)) => Some((e - n, "exp − nbf, without iat")),
        (Some(e), None, None) => Some((e - facts.now, "exp − now, without iat or nbf")),
        (None, _, _) => None,
    };
    if let Some((span, how)) = lifetime
        && span > config.max_lifetime as f64
    {
        out.add(
            &LIFETIME_TOO_LONG,
            format!(
                "lifetime ({how}) is {}, above the {} policy",
                time::span(span),
                time::span(config.max_lifetime as f64)
            ),
            Some("payload.exp".into()),
        );
    }
    if facts.expired
        && let Some(e) = exp
    {
        out.add(
            &EXPIRED,
            format!(
                "expired {} ({})",
                time::rfc3339(e),
                time::relative(e, facts.now)
            ),
            Some("payload.exp".into()),
        );
    }
    if let (Some(n), Some(e)) = (nbf, exp)
        && n > e
    {
        out.add(
            &TIME_CLAIMS_OUT_OF_ORDER,
            "nbf is after exp: the token is never valid".into(),
            Some("payload.nbf".into()),
        );
    }
    if let (Some(i), Some(e)) = (iat, exp)
        && i > e
    {
        out.add(
            &TIME_CLAIMS_OUT_OF_ORDER,
            "iat is after exp: issued already expired".into(),
            Some("payload.iat".into()),
        );
    }
    if facts.issued_in_future
        && let Some(i) = iat
    {
        out.add(
            &IAT_IN_FUTURE,
            format!(
                "iat {} is {}",
                time::rfc3339(i),
                time::relative(i, facts.now)
            ),
            Some("payload.iat".into()),
        );
    }
    if claims.identity(IdentityClaim::Iss).is_none() {
        out.add(
            &MISSING_ISS,
            "the token names no issuer".into(),
            Some("payload.iss".into()),
        );
    }
    let audiences = claims.audiences();
    if !claims.contains_key("aud") {
        out.add(
            &MISSING_AUD,
            "the token names no audience".into(),
            Some("payload.aud".into()),
        );
    } else if audiences.iter().any(|a| a.contains('*')) {
        out.add(
            &AUD_WILDCARD,
            "aud is a wildcard".into(),
            Some("payload.aud".into()),
        );
    }
    // An ID token need not carry a jti (OpenID Connect Core §2).
    if !claims.contains_key("jti") && config.profile != Some(Profile::IdToken) {
        out.add(
            &MISSING_JTI,
            "the token has no jti".into(),
            Some("payload.jti".into()),
        );
    }
    match config.profile {
        Some(Profile::AccessToken) => {
            let mut missing: Vec<&str> = ["iss", "exp", "aud", "sub", "client_id", "iat", "jti"]
                .into_iter()
                .filter(|c| !claims.contains_key(*c))
                .collect();
            if !is_access_token_typ(token.header_str("typ")) {
                missing.insert(0, "typ at+jwt");
            }
            if !missing.is_empty() {
                out.add(
                    &PROFILE_ACCESS_TOKEN,
                    format!(
                        "missing for an RFC 9068 access token: {}",
                        missing.join(", ")
                    ),
                    None,
                );
            }
        }
        Some(Profile::IdToken) => {
            let mut missing: Vec<&str> = ["iss", "sub", "aud", "exp", "iat"]
                .into_iter()
                .filter(|c| !claims.contains_key(*c))
                .collect();
            if audiences.len() > 1 && !claims.contains_key("azp") {
                missing.push("azp (several audiences)");
            }
            if !missing.is_empty() {
                out.add(
                    &PROFILE_ID_TOKEN,
                    format!(
                        "missing for an OpenID Connect ID token: {}",
                        missing.join(", ")
                    ),
                    None,
                );
            }
        }
        None => {}
    }
}
