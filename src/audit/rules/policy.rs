//! Policy rules: what a repository's jwtx.toml asks of its tokens beyond the general
//! rules, by the token's kind (`[[token-type]]`) and its issuer (`[[issuer]]`).

use serde_json::{Map, Value};

use crate::audit::checks::{Config, Out};
use crate::audit::registry::{Rule, Severity};
use crate::token::claims::{claim_at, shown};

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
    if let Some(why) = &config.unknown_issuer {
        out.add(&UNKNOWN_ISSUER, why.clone(), Some("payload.iss".into()));
    }
}
