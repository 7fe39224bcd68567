//! Encryption rules: what a JWE's header says about its protection (RSA1_5), and, when
//! `--decrypt-key` or `--preset` opens it, what is inside: content nobody signed, a token
//! the key does not open, and a framework session cookie sealed under a guessable secret.
//! The findings of the decrypted inner token itself are the ordinary rules', attributed
//! to the inner layer by [`crate::audit::nested`].

use crate::audit::checks::Out;
use crate::audit::registry::{Rule, Severity};
use crate::token::jwe::KeyAlg;
use crate::token::{Form, Token};

const CATEGORY: &str = "encryption";

pub static JWE_RSA1_5: Rule = Rule {
    id: "jwe-rsa1-5",
    category: CATEGORY,
    severity: Severity::High,
    title: "JWE key management with RSA1_5 (RSAES-PKCS1-v1_5)",
    why: "RSAES-PKCS1-v1_5 padding invites Bleichenbacher padding-oracle attacks: a recipient whose errors or timing tell a bad padding from a bad tag lets an attacker decrypt content keys. RFC 8725 asks for RSA-OAEP instead.",
    fix: "Encrypt with RSA-OAEP-256 (or ECDH-ES); refuse RSA1_5 in every recipient.",
    reference: "RFC 7518 §4.2; RFC 8725 §3.2",
};

pub static JWE_NOT_DECRYPTED: Rule = Rule {
    id: "jwe-not-decrypted",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "JWE not opened by the given key or secret",
    why: "audit was given a key (--decrypt-key, a secret or --preset) to look inside JWEs, and this one did not decrypt with it, so its content was not audited: a token for another recipient, a rotated key, or a changed token.",
    fix: "Audit it with the recipient's current key, or re-rank the rule (--severity jwe-not-decrypted=high) to gate on it.",
    reference: "RFC 7516 §5.2",
};

pub static JWE_UNSIGNED_CONTENT: Rule = Rule {
    id: "jwe-unsigned-content",
    category: CATEGORY,
    severity: Severity::High,
    title: "Public-key JWE whose content is not signed",
    why: "Anyone holding the recipient's public key can encrypt to it, so encryption alone says nothing about who made the claims: a recipient that accepts unsigned content from a public-key JWE accepts forgeries (the pac4j class of bug, CVE-2021-44878).",
    fix: "Sign the claims (a nested JWS, cty JWT) before encrypting, and make recipients verify the inner signature.",
    reference: "RFC 7519 §11.2; RFC 8725 §2.3; CVE-2021-44878",
};

pub static SESSION_COOKIE_WEAK_SECRET: Rule = Rule {
    id: "session-cookie-weak-secret",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "Framework session cookie sealed under a guessable secret",
    why: "Auth.js, NextAuth.js and Auth0's SDKs derive the cookie's encryption key from one application secret (AUTH_SECRET, NEXTAUTH_SECRET, AUTH0_SECRET). This cookie decrypts under a secret from a list of known, default or common secrets, so anyone can read every session and forge new ones.",
    fix: "Set the secret to at least 32 random bytes (openssl rand -base64 32), rotate it, and end every session made under the old one.",
    reference: "RFC 8725 §3.5; RFC 5869",
};

/// The header rules of a JWE, whatever key the run has.
pub(crate) fn check(token: &Token, out: &mut Out<'_>) {
    if token.form() != Form::Jwe {
        return;
    }
    if token.alg().as_str() == Some(KeyAlg::Rsa1_5.name()) {
        out.add(
            &JWE_RSA1_5,
            "the content key is encrypted with RSA1_5 (RSAES-PKCS1-v1_5 padding)".into(),
            Some("header.alg".into()),
        );
    }
}
