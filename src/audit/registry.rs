//! The rule registry: every check jwtx audit makes, with a stable id, a default
//! severity, a title, why it matters, how to fix it and a reference. `--list-rules`,
//! the SARIF rule table and the README's table all come from [`RULES`].

use std::fmt;
use std::str::FromStr;

use super::rules::{
    algorithm, claims, encryption, exposure, format, header, key, keyset, policy, secret, sensitive,
};

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

/// Every rule, grouped by category (each category's rules live in its module under
/// [`rules`](super::rules)). Ids are stable; add new rules at the end of their category.
pub static RULES: &[&Rule] = &[
    &algorithm::ALG_NONE,
    &algorithm::EMPTY_SIGNATURE,
    &algorithm::ALG_MISSING,
    &algorithm::ALG_NOT_STRING,
    &algorithm::ALG_UNREGISTERED,
    &algorithm::SIGNATURE_LENGTH,
    &algorithm::ECDSA_PSYCHIC_SIGNATURE,
    &algorithm::RSA_KEY_TOO_SMALL,
    &secret::HMAC_EMPTY_SECRET,
    &secret::HMAC_WEAK_SECRET,
    &secret::KEY_CONFUSION,
    &header::HEADER_JKU,
    &header::HEADER_X5U,
    &header::HEADER_JWK,
    &header::HEADER_JWK_PRIVATE,
    &header::KID_INJECTION,
    &header::KID_NOT_STRING,
    &header::HEADER_CRIT,
    &header::HEADER_B64_FALSE,
    &header::HEADER_ZIP,
    &header::HEADER_X5C,
    &claims::MISSING_EXP,
    &claims::LIFETIME_TOO_LONG,
    &claims::EXPIRED,
    &claims::TIME_CLAIM_NOT_NUMERIC,
    &claims::TIME_CLAIM_MILLISECONDS,
    &claims::TIME_CLAIMS_OUT_OF_ORDER,
    &claims::IAT_IN_FUTURE,
    &claims::MISSING_ISS,
    &claims::MISSING_AUD,
    &claims::AUD_WILDCARD,
    &claims::MISSING_JTI,
    &claims::TYP_MISSING,
    &claims::TYP_UNUSUAL,
    &claims::PROFILE_ACCESS_TOKEN,
    &claims::PROFILE_ID_TOKEN,
    &claims::CLAIMS_SCHEMA,
    &claims::MISSING_IAT,
    &policy::MISSING_REQUIRED_CLAIM,
    &policy::UNKNOWN_ISSUER,
    &policy::UNEXPECTED_CLAIM_VALUE,
    &sensitive::PII_EMAIL,
    &sensitive::PII_PHONE,
    &sensitive::PII_SSN,
    &sensitive::PII_PAYMENT_CARD,
    &sensitive::PII_IBAN,
    &sensitive::PII_IP_ADDRESS,
    &sensitive::PII_DATE_OF_BIRTH,
    &sensitive::PII_POSTAL_ADDRESS,
    &sensitive::PII_PERSONAL_NAME,
    &sensitive::SECRET_PASSWORD_FIELD,
    &sensitive::SECRET_AWS_KEY,
    &sensitive::SECRET_GITHUB_TOKEN,
    &sensitive::SECRET_SLACK_TOKEN,
    &sensitive::SECRET_PRIVATE_KEY,
    &sensitive::SECRET_NESTED_TOKEN,
    &sensitive::SECRET_STRIPE_KEY,
    &sensitive::SECRET_GOOGLE_API_KEY,
    &sensitive::SECRET_GITLAB_TOKEN,
    &sensitive::SECRET_OPENAI_KEY,
    &sensitive::SECRET_NPM_TOKEN,
    &sensitive::SECRET_DATABASE_URL,
    &sensitive::SECRET_URL_PASSWORD,
    &sensitive::SECRET_BASIC_CREDENTIALS,
    &format::BASE64_NON_STRICT,
    &format::DUPLICATE_MEMBER,
    &format::NON_UTF8_JSON,
    &format::MALFORMED_CLAIMS,
    &format::OVERSIZED_TOKEN,
    &format::ENCRYPTED_TOKEN,
    &encryption::JWE_RSA1_5,
    &encryption::JWE_NOT_DECRYPTED,
    &encryption::JWE_UNSIGNED_CONTENT,
    &encryption::SESSION_COOKIE_WEAK_SECRET,
    &key::RSA_ROCA_KEY,
    &exposure::TOKEN_EXPOSED,
    &exposure::TOKEN_IN_URL,
    &keyset::JWKS_PRIVATE_KEY,
    &keyset::JWKS_SYMMETRIC_KEY,
    &keyset::JWKS_RSA_TOO_SMALL,
    &keyset::JWKS_ROCA_KEY,
    &keyset::JWKS_RSA_EXPONENT,
    &keyset::JWKS_INVALID_POINT,
    &keyset::JWKS_UNKNOWN_KEY_TYPE,
    &keyset::JWKS_MALFORMED_MEMBER,
    &keyset::JWKS_DUPLICATE_KID,
    &keyset::JWKS_DUPLICATE_KEY,
    &keyset::JWKS_MISSING_KID,
    &keyset::JWKS_ALG_MISMATCH,
    &keyset::JWKS_USE_CONFLICT,
    &keyset::JWKS_X5C_MISMATCH,
    &keyset::JWKS_X5C_VALIDITY,
    &keyset::JWKS_X5T_MISMATCH,
    &keyset::JWKS_SHARED_MODULUS,
    &keyset::JWKS_KID_REUSED,
    &keyset::JWKS_KID_CHANGED,
    &keyset::JWKS_KEY_ADDED,
    &keyset::JWKS_KEY_REMOVED,
];

/// A rule re-ranked by the user: `ID=LEVEL`.
#[derive(Clone, Copy, Debug)]
pub struct SeverityOverride {
    pub rule: &'static Rule,
    pub level: Severity,
}

impl FromStr for SeverityOverride {
    type Err = String;
    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let (id, level) = spec
            .split_once('=')
            .ok_or_else(|| format!("{spec:?} is not ID=LEVEL"))?;
        Ok(SeverityOverride {
            rule: known_rule(id)?,
            level: level.parse()?,
        })
    }
}

/// Looks up a rule id typed by a user, with an error that says where to find the ids.
pub fn known_rule(id: &str) -> Result<&'static Rule, String> {
    rule(id).ok_or_else(|| format!("unknown rule {id:?} (see jwtx audit --list-rules)"))
}

/// Looks a rule up by id (for ids typed by a user).
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
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
    fn severity_overrides_parse_to_typed_rules() {
        let o: SeverityOverride = "missing-exp=LOW".parse().unwrap();
        assert!(std::ptr::eq(o.rule, &claims::MISSING_EXP));
        assert_eq!(o.level, Severity::Low);
        for bad in [
            "missing-exp",
            "=high",
            "no-such-rule=high",
            "missing-exp=urgent",
            "",
        ] {
            assert!(bad.parse::<SeverityOverride>().is_err(), "{bad:?}");
        }
        assert!(std::ptr::eq(
            known_rule("alg-none").unwrap(),
            &algorithm::ALG_NONE
        ));
        assert!(known_rule("alg_none").is_err());
    }

    #[test]
    fn categories_are_contiguous_in_the_list() {
        // The README and --list-rules group rules by category: each category appears
        // as one run.
        let mut seen: Vec<&str> = Vec::new();
        for r in RULES {
            if seen.last() != Some(&r.category) {
                assert!(
                    !seen.contains(&r.category),
                    "{} splits {}",
                    r.id,
                    r.category
                );
                seen.push(r.category);
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
