//! Policy rules: what a repository's jwtx.toml asks of its tokens beyond the general
//! rules, by the token's kind (`[[token-type]]`) and its issuer (`[[issuer]]`).

use serde_json::{Map, Value};

use crate::audit::checks::{Config, Out};
use crate::audit::registry::{Rule, Severity};
use crate::token::claims::{claim_at, json_kind, same_value, shown};

const CATEGORY: &str = "policy";

pub static MISSING_REQUIRED_CLAIM: Rule = Rule {
    id: "missing-required-claim",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "A claim the policy requires is missing",
    why: "jwtx.toml requires this claim of the token's kind or issuer (a jti for revocation, an iat for lifetimes, a tenant for routing...); services that rely on it misbehave or fail open without it.",
    fix: "Issue the claim, or correct require in the token type or issuer profile.",
    reference: "RFC 7519 §4; jwtx.toml [[token-type]] and [[issuer]] require",
};

pub static UNKNOWN_ISSUER: Rule = Rule {
    id: "unknown-issuer",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Issuer has no profile in the policy",
    why: "The token's iss is none of the issuers jwtx.toml describes: verify refuses it, and it may come from an issuer nobody reviewed (a staging or test issuer, or a forged one).",
    fix: "Add an [[issuer]] profile for it, mark one default = true, or find out where the token came from.",
    reference: "RFC 8725 §3.8; jwtx.toml [[issuer]]",
};

pub static UNEXPECTED_CLAIM_VALUE: Rule = Rule {
    id: "unexpected-claim-value",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "A claim holds a value the policy does not expect",
    why: "jwtx.toml expects this value of the claim for the token's issuer (a role, a tenant, a token use): verify refuses the token, and a service that trusts the claim may grant what it should not.",
    fix: "Issue the expected value, or correct expect in the issuer profile or [verify].",
    reference: "RFC 7519 §4; jwtx.toml [[issuer]] and [verify] expect",
};

pub(crate) fn check(claims: &Map<String, Value>, config: &Config, out: &mut Out<'_>) {
    for (claim, by) in &config.required {
        if claim_at(claims, claim).is_none() {
            out.add(
                &MISSING_REQUIRED_CLAIM,
                format!("{by} requires claim {:?}, which is missing", shown(claim)),
                Some(format!("payload.{claim}")),
            );
        }
    }
    for (claim, expected, by) in &config.expected {
        let found = claim_at(claims, claim);
        if !found.is_some_and(|v| same_value(v, expected)) {
            let expected = shown(&expected.to_string()).into_owned();
            let message = match found {
                // Say what kind of value it is, not the value: it could be anything.
                Some(v) => format!(
                    "{by} expects claim {:?} to be {expected}; it is {} that differs",
                    shown(claim),
                    json_kind(v)
                ),
                None => format!(
                    "{by} expects claim {:?} to be {expected}; it is missing",
                    shown(claim)
                ),
            };
            out.add(
                &UNEXPECTED_CLAIM_VALUE,
                message,
                Some(format!("payload.{claim}")),
            );
        }
    }
    if let Some(why) = &config.unknown_issuer {
        out.add(&UNKNOWN_ISSUER, why.clone(), Some("payload.iss".into()));
    }
}
