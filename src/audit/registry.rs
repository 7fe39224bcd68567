//! The rule registry: every check jwtx audit makes, with a stable id, a default
//! severity, a title, why it matters, how to fix it and a reference. `--list-rules`,
//! the SARIF rule table and the README's table all come from [`RULES`].

use std::fmt;
use std::str::FromStr;

/// How bad a finding is. Ordered: `Info < Low < Medium < High < Critical`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// SARIF `level`.
    pub fn sarif_level(self) -> &'static str {
        match self {
            Severity::Critical | Severity::High => "error",
            Severity::Medium => "warning",
            Severity::Low | Severity::Info => "note",
        }
    }

    /// GitHub code scanning's `security-severity` (a CVSS-like score).
    pub fn security_score(self) -> &'static str {
        match self {
            Severity::Critical => "9.5",
            Severity::High => "8.0",
            Severity::Medium => "5.5",
            Severity::Low => "3.0",
            Severity::Info => "0.0",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::ALL
            .into_iter()
            .find(|v| v.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown severity {s:?} (critical, high, medium, low, info)"))
    }
}

/// One check, as documented.
#[derive(Debug)]
pub struct Rule {
    /// Stable identifier: never renamed, never reused.
    pub id: &'static str,
    pub category: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
    pub reference: &'static str,
}

macro_rules! rule {
    ($id:literal, $cat:literal, $sev:ident, $title:literal, $why:literal, $fix:literal, $ref:literal) => {
        Rule {
            id: $id,
            category: $cat,
            severity: Severity::$sev,
            title: $title,
            why: $why,
            fix: $fix,
            reference: $ref,
        }
    };
}

/// Every rule, grouped by category. Ids are stable; add new rules at the end of
/// their category.
pub static RULES: &[Rule] = &[
    // Algorithm
    rule!(
        "alg-none",
        "algorithm",
        Critical,
        "Unsecured token (alg \"none\")",
        "A token with alg none carries no signature; any library that accepts it lets anyone forge tokens. The check matches none in any letter case, which some libraries have failed to reject.",
        "Never issue unsecured tokens; configure verifiers with an explicit allow-list of signing algorithms.",
        "RFC 8725 §2.1, §3.1; RFC 7518 §3.6; CVE-2015-9235"
    ),
    rule!(
        "empty-signature",
        "algorithm",
        High,
        "Empty signature with a signing algorithm",
        "The header names a signing algorithm but the signature is empty: the token was stripped of its signature, which verifiers with lax handling may accept.",
        "Reject the token; find where it was produced or altered.",
        "RFC 7515 §5.2; RFC 8725 §3.1"
    ),
    rule!(
        "alg-missing",
        "algorithm",
        High,
        "Header has no alg",
        "Without alg the verifier must guess the algorithm, which is how algorithm-confusion attacks start.",
        "Always set alg in the protected header.",
        "RFC 7515 §4.1.1; RFC 8725 §3.1"
    ),
    rule!(
        "alg-not-string",
        "algorithm",
        High,
        "Header alg is not a string",
        "A non-string alg is invalid and is handled differently by different parsers.",
        "Set alg to a registered algorithm name.",
        "RFC 7515 §4.1.1"
    ),
    rule!(
        "alg-unregistered",
        "algorithm",
        Medium,
        "Algorithm is not a registered JWS algorithm",
        "An alg outside the IANA JWS registry (or a misspelt one, such as hs256) means a verifier either rejects the token or does something unspecified with it.",
        "Use a registered algorithm name, with its exact capitalisation.",
        "RFC 7518 §3.1; IANA JSON Web Signature and Encryption Algorithms"
    ),
    rule!(
        "signature-length",
        "algorithm",
        High,
        "Signature length does not fit the algorithm",
        "Each algorithm has a fixed signature length (ES256: 64 bytes as R||S); a different length means a DER-encoded ECDSA signature, a truncated MAC or a tampered token.",
        "Produce JOSE signatures in the format RFC 7518 requires (raw R||S for ECDSA).",
        "RFC 7518 §3.2, §3.4"
    ),
    rule!(
        "ecdsa-psychic-signature",
        "algorithm",
        Critical,
        "ECDSA signature with r or s zero or not below the group order",
        "A valid ECDSA signature has 1 <= r, s < n (the curve's group order). Java 15–18 accepted r = s = 0 for any message (the \"psychic signature\" bug), and verifiers that skip the range check accept the same forgery with r or s equal to n (which is 0 mod n) or above it: such a token is a forgery attempt.",
        "Reject the token; patch Java runtimes (CVE-2022-21449) and any verifier that accepted it, and check 0 < r, s < n before verifying.",
        "CVE-2022-21449; RFC 7518 §3.4"
    ),
    rule!(
        "rsa-key-too-small",
        "algorithm",
        High,
        "RSA key under 2048 bits",
        "The signature length reveals the RSA modulus size; keys under 2048 bits are below what RFC 7518 requires and can be factored by well-resourced attackers.",
        "Sign with RSA keys of 2048 bits or more (or move to ES256/EdDSA).",
        "RFC 7518 §3.3, §3.5; NIST SP 800-131A"
    ),
    // Weak HMAC secrets
    rule!(
        "hmac-empty-secret",
        "secret",
        Critical,
        "HMAC signed with an empty secret",
        "A token MACed with the empty key can be forged by anyone.",
        "Generate a random secret of at least as many bytes as the hash output (32 for HS256) and rotate it.",
        "RFC 7518 §3.2; RFC 8725 §3.5"
    ),
    rule!(
        "hmac-weak-secret",
        "secret",
        Critical,
        "HMAC signed with a guessable secret",
        "The token's HMAC secret was found in a list of known, default or common secrets, so anyone can forge tokens with it.",
        "Replace the secret with at least 32 random bytes, rotate it, and invalidate tokens signed with the old one.",
        "RFC 8725 §3.5; RFC 7518 §3.2"
    ),
    rule!(
        "key-confusion",
        "secret",
        Critical,
        "HMAC signed with the public key (algorithm confusion)",
        "The HS* token verifies when the given public key's bytes are used as the HMAC secret: a verifier that takes alg from the token accepts this forgery.",
        "Pin the algorithm per key in every verifier; never let the token's alg choose the key type.",
        "RFC 8725 §2.1, §3.1; CVE-2016-10555; CVE-2022-29217"
    ),
    // Header injection
    rule!(
        "header-jku",
        "header",
        Medium,
        "Header names a key URL (jku)",
        "A verifier that fetches keys from the token's own jku lets the token's author choose the key. Plain http, IP literals, localhost, private addresses or a host other than the issuer's make it worse.",
        "Ignore jku, or allow only an explicit list of key set URLs.",
        "RFC 7515 §4.1.2; RFC 8725 §3.10"
    ),
    rule!(
        "header-x5u",
        "header",
        Medium,
        "Header names a certificate URL (x5u)",
        "A verifier that fetches the certificate from the token's own x5u lets the token's author choose the key (and can be made to request internal URLs).",
        "Ignore x5u, or allow only an explicit list of URLs.",
        "RFC 7515 §4.1.5; RFC 8725 §3.10"
    ),
    rule!(
        "header-jwk",
        "header",
        High,
        "Header embeds its own key (jwk)",
        "A verifier that trusts the embedded jwk verifies the token with a key of the attacker's choosing (CVE-2018-0114).",
        "Never verify with a key taken from the token; look keys up by kid in a trusted key set.",
        "RFC 7515 §4.1.3; CVE-2018-0114"
    ),
    rule!(
        "header-jwk-private",
        "header",
        Critical,
        "Embedded jwk carries private key members",
        "The header's jwk includes private members (d, p, q...): the private key has leaked to everyone who sees the token.",
        "Revoke the key now, and fix the code that serialises the private key.",
        "RFC 7517 §4; RFC 7515 §4.1.3"
    ),
    rule!(
        "kid-injection",
        "header",
        High,
        "kid shaped like an injection",
        "The kid contains path traversal, SQL or shell metacharacters; verifiers that build file paths, queries or commands from kid are exploitable this way.",
        "Treat kid as an opaque lookup key; match it against known key ids only.",
        "RFC 7515 §4.1.4; RFC 8725 §3.10"
    ),
    rule!(
        "kid-not-string",
        "header",
        Medium,
        "kid is not a string",
        "RFC 7515 defines kid as a string; other types confuse key lookups and can bypass them.",
        "Make kid a string.",
        "RFC 7515 §4.1.4"
    ),
    rule!(
        "header-crit",
        "header",
        Medium,
        "Header marks extensions critical (crit)",
        "A recipient must reject the token unless it understands every extension listed in crit; libraries that ignore crit process tokens with semantics they do not implement.",
        "Use crit only with extensions all recipients implement.",
        "RFC 7515 §4.1.11"
    ),
    rule!(
        "header-b64-false",
        "header",
        Medium,
        "Unencoded payload (b64: false)",
        "With b64 false the signature covers the raw payload; verifiers that do not implement RFC 7797 compute a different signing input, a source of verification mismatches and confusion.",
        "Avoid b64: false unless every recipient implements RFC 7797 and it is listed in crit.",
        "RFC 7797 §3, §6"
    ),
    rule!(
        "header-zip",
        "header",
        Medium,
        "Compression header in a JWS (zip)",
        "zip is defined for JWE only; in a JWS it is meaningless, and compression of attacker-influenced data invites decompression bombs and CRIME-style leaks.",
        "Remove zip from signed tokens.",
        "RFC 7516 §4.1.3; RFC 8725 §3.6"
    ),
    rule!(
        "header-x5c",
        "header",
        Low,
        "Header carries a certificate chain (x5c)",
        "A verifier must validate the chain up to a trusted root before using it; a verifier that simply takes the leaf's key accepts self-signed forgeries.",
        "Validate x5c chains against a pinned trust anchor, or ignore x5c.",
        "RFC 7515 §4.1.6; RFC 8725 §3.10"
    ),
    // Claims
    rule!(
        "missing-exp",
        "claims",
        High,
        "Token never expires (no exp)",
        "A token without exp is valid forever: a leaked token cannot be made to expire.",
        "Issue short-lived tokens with exp, and refresh them.",
        "RFC 7519 §4.1.4; RFC 8725 §3.10"
    ),
    rule!(
        "lifetime-too-long",
        "claims",
        Medium,
        "Lifetime above policy",
        "exp − iat exceeds the maximum lifetime (--max-lifetime, 24h by default); long-lived bearer tokens widen the window for replay after a leak.",
        "Shorten the lifetime; use refresh tokens for long sessions.",
        "RFC 8725 §3.10; OAuth 2.0 Security BCP (RFC 9700) §2.2"
    ),
    rule!(
        "expired",
        "claims",
        Info,
        "Token has expired",
        "The token is past its exp; it should no longer be accepted anywhere, and it may still sit in logs and caches.",
        "Nothing to fix in the token; make sure verifiers check exp.",
        "RFC 7519 §4.1.4"
    ),
    rule!(
        "time-claim-not-numeric",
        "claims",
        Medium,
        "Time claim is not a NumericDate",
        "exp, nbf or iat that is a string, a boolean or out of range is treated differently by different libraries, some of which skip the check entirely.",
        "Write exp, nbf and iat as numbers of seconds since the epoch.",
        "RFC 7519 §2, §4.1.4–4.1.6"
    ),
    rule!(
        "time-claim-milliseconds",
        "claims",
        Medium,
        "Time claim in milliseconds",
        "The value is a plausible date only when read as milliseconds; as seconds it lies tens of thousands of years ahead, so the token effectively never expires.",
        "Write NumericDates in seconds, not milliseconds.",
        "RFC 7519 §2"
    ),
    rule!(
        "time-claims-out-of-order",
        "claims",
        Medium,
        "Time claims out of order",
        "nbf after exp makes the token never valid and iat after exp means it was issued already expired: a clock or issuer bug.",
        "Fix the issuer's clock or its claim computation.",
        "RFC 7519 §4.1.4–4.1.6"
    ),
    rule!(
        "iat-in-future",
        "claims",
        Low,
        "Issued in the future",
        "iat lies beyond now plus leeway: the issuer's clock is ahead, or the token was crafted.",
        "Synchronise the issuer's clock (NTP).",
        "RFC 7519 §4.1.6"
    ),
    rule!(
        "missing-iss",
        "claims",
        Low,
        "No issuer (iss)",
        "Without iss a verifier cannot tell which issuer's keys and rules apply, and tokens from one issuer can be replayed at another.",
        "Set iss, and have verifiers require it.",
        "RFC 7519 §4.1.1; RFC 8725 §3.8"
    ),
    rule!(
        "missing-aud",
        "claims",
        Low,
        "No audience (aud)",
        "Without aud a token issued for one service is accepted by every service that trusts the issuer (token substitution).",
        "Set aud to the intended recipient, and have verifiers require it.",
        "RFC 7519 §4.1.3; RFC 8725 §3.9"
    ),
    rule!(
        "aud-wildcard",
        "claims",
        Medium,
        "Audience is a wildcard",
        "An aud of \"*\" (or containing *) asks every service to accept the token, defeating audience restriction.",
        "Name the intended recipients explicitly.",
        "RFC 7519 §4.1.3; RFC 8725 §3.9"
    ),
    rule!(
        "missing-jti",
        "claims",
        Info,
        "No token identifier (jti)",
        "Without jti, replay detection and revocation lists cannot single out a token.",
        "Set a unique jti when replay protection or revocation matters.",
        "RFC 7519 §4.1.7"
    ),
    rule!(
        "typ-missing",
        "claims",
        Info,
        "No explicit type (typ)",
        "Explicit typing lets verifiers tell kinds of JWT apart and prevents one kind being accepted as another.",
        "Set typ (for example JWT, at+jwt for access tokens).",
        "RFC 8725 §3.11"
    ),
    rule!(
        "typ-unusual",
        "claims",
        Low,
        "Unusual type (typ)",
        "typ is neither JWT nor a media type ending in +jwt, so verifiers that check explicit types will not recognise it.",
        "Use JWT or a registered +jwt media type (at+jwt, secevent+jwt...).",
        "RFC 8725 §3.11; RFC 7519 §5.1"
    ),
    rule!(
        "profile-access-token",
        "claims",
        Medium,
        "Not a valid RFC 9068 access token",
        "With --profile access-token, the token must have typ at+jwt and the claims iss, exp, aud, sub, client_id, iat and jti.",
        "Issue access tokens in the RFC 9068 profile.",
        "RFC 9068 §2.1, §2.2"
    ),
    rule!(
        "profile-id-token",
        "claims",
        Medium,
        "Not a valid OpenID Connect ID token",
        "With --profile id-token, the token must have iss, sub, aud, exp and iat (and azp when it has several audiences).",
        "Issue ID tokens as OpenID Connect Core requires.",
        "OpenID Connect Core 1.0 §2"
    ),
    // Sensitive data
    rule!(
        "pii-email",
        "sensitive",
        Medium,
        "Email address in the payload",
        "JWT payloads are only base64-encoded: anyone holding the token (logs, browser storage, proxies) reads the personal data in it.",
        "Keep personal data out of tokens; reference it by an opaque id, or encrypt the token (JWE).",
        "RFC 8725 §3.12; GDPR Art. 5(1)(c)"
    ),
    rule!(
        "pii-phone",
        "sensitive",
        Medium,
        "Phone number in the payload",
        "JWT payloads are readable by anyone who holds the token.",
        "Keep personal data out of tokens, or encrypt them.",
        "RFC 8725 §3.12"
    ),
    rule!(
        "pii-ssn",
        "sensitive",
        High,
        "US social security number in the payload",
        "A social security number in a bearer token leaks to logs and caches and enables identity theft.",
        "Never put government identifiers in tokens.",
        "RFC 8725 §3.12"
    ),
    rule!(
        "pii-payment-card",
        "sensitive",
        High,
        "Payment card number in the payload",
        "A card number that passes the Luhn check sits in a token readable by anyone holding it, outside PCI DSS controls.",
        "Never put card numbers in tokens; use a payment processor's token instead.",
        "PCI DSS 4.0 Req. 3; RFC 8725 §3.12"
    ),
    rule!(
        "pii-iban",
        "sensitive",
        Medium,
        "Bank account number (IBAN) in the payload",
        "An IBAN passing its mod-97 check is readable by anyone holding the token.",
        "Keep account numbers out of tokens.",
        "ISO 13616; RFC 8725 §3.12"
    ),
    rule!(
        "pii-ip-address",
        "sensitive",
        Low,
        "IP address in the payload",
        "IP addresses are personal data in many jurisdictions and reveal network layout.",
        "Leave IP addresses out of tokens unless a verifier needs them.",
        "GDPR Recital 30; RFC 8725 §3.12"
    ),
    rule!(
        "pii-date-of-birth",
        "sensitive",
        Medium,
        "Date of birth in the payload",
        "A birth date is personal data readable by anyone holding the token.",
        "Keep personal data out of tokens.",
        "RFC 8725 §3.12; OpenID Connect Core §5.1"
    ),
    rule!(
        "pii-postal-address",
        "sensitive",
        Medium,
        "Postal address in the payload",
        "An address is personal data readable by anyone holding the token.",
        "Keep personal data out of tokens.",
        "RFC 8725 §3.12; OpenID Connect Core §5.1.1"
    ),
    rule!(
        "pii-personal-name",
        "sensitive",
        Low,
        "Personal name in the payload",
        "Names are personal data readable by anyone holding the token.",
        "Keep personal data out of access tokens; ID tokens should carry it only when the client asked for it.",
        "RFC 8725 §3.12; OpenID Connect Core §5.1"
    ),
    rule!(
        "secret-password-field",
        "sensitive",
        Critical,
        "Password or secret claim in the payload",
        "A claim named like a password or secret has a value: credentials in a bearer token leak to everyone who sees it.",
        "Remove the credential from the token and rotate it.",
        "RFC 8725 §3.12; CWE-522"
    ),
    rule!(
        "secret-aws-key",
        "sensitive",
        Critical,
        "AWS access key in the payload",
        "An AWS access key id (and perhaps its secret) is embedded in the token.",
        "Remove it and rotate the AWS key now.",
        "CWE-798"
    ),
    rule!(
        "secret-github-token",
        "sensitive",
        Critical,
        "GitHub token in the payload",
        "A GitHub personal access or app token is embedded in the token.",
        "Remove it and revoke the GitHub token now.",
        "CWE-798"
    ),
    rule!(
        "secret-slack-token",
        "sensitive",
        Critical,
        "Slack token or webhook in the payload",
        "A Slack token or incoming-webhook URL is embedded in the token.",
        "Remove it and revoke the Slack token or webhook now.",
        "CWE-798"
    ),
    rule!(
        "secret-private-key",
        "sensitive",
        Critical,
        "Private key in the payload",
        "PEM private key material is embedded in the token.",
        "Remove it and replace the key pair now.",
        "CWE-321"
    ),
    rule!(
        "secret-nested-token",
        "sensitive",
        High,
        "Another token inside the payload",
        "A bearer token inside a token is a credential readable by anyone holding the outer one.",
        "Do not nest bearer tokens in claims; exchange them server-side instead.",
        "RFC 8693 §4; RFC 8725 §3.12"
    ),
    // Format
    rule!(
        "base64-non-strict",
        "format",
        Low,
        "Non-strict base64url",
        "Padding, the standard alphabet or non-zero trailing bits are not allowed in JWS and are handled inconsistently: the same token may verify in one library and not another.",
        "Encode segments as unpadded base64url (RFC 7515 §2).",
        "RFC 7515 §2, §7.1"
    ),
    rule!(
        "duplicate-member",
        "format",
        High,
        "Duplicate JSON member names",
        "When a member name appears twice, parsers disagree on which value wins: a verifier and an application may read different claims from the same token (parser differential).",
        "Reject JSON with duplicate member names.",
        "RFC 7515 §5.2; RFC 8259 §4; RFC 8725 §3.2"
    ),
    rule!(
        "non-utf8-json",
        "format",
        Medium,
        "Header or payload JSON is not UTF-8",
        "Invalid UTF-8 is decoded differently by different libraries (rejected, replaced or passed through).",
        "Produce UTF-8 JSON.",
        "RFC 8259 §8.1; RFC 7515 §2"
    ),
    rule!(
        "malformed-claims",
        "format",
        Medium,
        "Payload looks like JSON but is not",
        "A payload starting like a JSON object that fails to parse is read as claims by some libraries and as raw bytes by others.",
        "Produce valid JSON claims.",
        "RFC 7519 §7.2"
    ),
    rule!(
        "oversized-token",
        "format",
        Low,
        "Oversized token",
        "Tokens above 8 KiB break HTTP header limits of common servers and proxies, and hint at data that does not belong in a token.",
        "Move bulky data out of the token.",
        "RFC 9110 §5.4 (field limits)"
    ),
    rule!(
        "encrypted-token",
        "format",
        Info,
        "Encrypted token (JWE): contents not audited",
        "jwtx does not decrypt JWE, so only the header was reviewed.",
        "Audit the decrypted inner token as well.",
        "RFC 7516"
    ),
    // Keys
    rule!(
        "rsa-roca-key",
        "key",
        Critical,
        "RSA key with the ROCA fingerprint",
        "The RSA modulus (in --key, the embedded jwk or an x5c certificate) was made by the Infineon RSALib prime generator, whose keys can be factored from the public key alone (ROCA): anyone can compute the private key and sign tokens that verify with it.",
        "Replace the key pair with one generated by unaffected software or firmware, revoke the old key, and update the affected TPM or smart-card firmware.",
        "CVE-2017-15361; Nemec et al., The Return of Coppersmith's Attack (ACM CCS 2017)"
    ),
];

/// Looks a rule up by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let mut seen = HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate id {}", r.id);
            assert!(
                r.id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                r.id
            );
            for text in [r.title, r.why, r.fix, r.reference, r.category] {
                assert!(!text.trim().is_empty(), "{} has an empty field", r.id);
            }
        }
    }

    #[test]
    fn severities_parse_and_order() {
        assert_eq!("HIGH".parse::<Severity>(), Ok(Severity::High));
        assert!(Severity::Critical > Severity::High && Severity::Low > Severity::Info);
        assert!("urgent".parse::<Severity>().is_err());
    }
}
