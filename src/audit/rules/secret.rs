//! Secret rules: HMAC tokens anyone can forge (the empty secret, a guessable secret,
//! the public key's bytes used as the secret).

use crate::audit::checks::{Config, Out};
use crate::audit::registry::{Rule, Severity};
use crate::token::Token;
use crate::token::alg::Family;

const CATEGORY: &str = "secret";

pub static HMAC_EMPTY_SECRET: Rule = Rule {
    id: "hmac-empty-secret",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "HMAC signed with an empty secret",
    why: "A token MACed with the empty key can be forged by anyone.",
    fix: "Generate a random secret of at least as many bytes as the hash output (32 for HS256) and rotate it.",
    reference: "RFC 7518 §3.2; RFC 8725 §3.5",
};

pub static HMAC_WEAK_SECRET: Rule = Rule {
    id: "hmac-weak-secret",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "HMAC signed with a guessable secret",
    why: "The token's HMAC secret was found in a list of known, default or common secrets, so anyone can forge tokens with it.",
    fix: "Replace the secret with at least 32 random bytes, rotate it, and invalidate tokens signed with the old one.",
    reference: "RFC 8725 §3.5; RFC 7518 §3.2",
};

pub static KEY_CONFUSION: Rule = Rule {
    id: "key-confusion",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "HMAC signed with the public key (algorithm confusion)",
    why: "The HS* token verifies when the given public key's bytes are used as the HMAC secret: a verifier that takes alg from the token accepts this forgery.",
    fix: "Pin the algorithm per key in every verifier; never let the token's alg choose the key type.",
    reference: "RFC 8725 §2.1, §3.1; CVE-2016-10555; CVE-2022-29217",
};

pub(crate) fn key_confusion(token: &Token, config: &Config, out: &mut Out<'_>) {
    let Some(alg) = token.alg().known() else {
        return;
    };
    if alg.family() != Family::Hmac {
        return;
    }
    for (label, key) in &config.confusion_keys {
        if key
            .verify(alg, token.signing_input(), token.signature())
            .unwrap_or(false)
        {
            out.add(
                &KEY_CONFUSION,
                format!("the {alg} signature verifies with the public key's {label} as the HMAC secret: a forged token"),
                Some("signature".into()),
            );
            return;
        }
    }
}
