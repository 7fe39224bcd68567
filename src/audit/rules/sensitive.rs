//! Sensitive-data rules: personal data and credentials found in the payload by
//! [`crate::audit::sensitive`].

use crate::audit::checks::Out;
use crate::audit::registry::{Rule, Severity};
use crate::audit::sensitive::{self, SensitiveKind};

const CATEGORY: &str = "sensitive";

pub static PII_EMAIL: Rule = Rule {
    id: "pii-email",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Email address in the payload",
    why: "JWT payloads are only base64-encoded: anyone holding the token (logs, browser storage, proxies) reads the personal data in it.",
    fix: "Keep personal data out of tokens; reference it by an opaque id, or encrypt the token (JWE).",
    reference: "RFC 8725 §3.12; GDPR Art. 5(1)(c)",
};

pub static PII_PHONE: Rule = Rule {
    id: "pii-phone",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Phone number in the payload",
    why: "JWT payloads are readable by anyone who holds the token.",
    fix: "Keep personal data out of tokens, or encrypt them.",
    reference: "RFC 8725 §3.12",
};

pub static PII_SSN: Rule = Rule {
    id: "pii-ssn",
    category: CATEGORY,
    severity: Severity::High,
    title: "US social security number in the payload",
    why: "A social security number in a bearer token leaks to logs and caches and enables identity theft.",
    fix: "Never put government identifiers in tokens.",
    reference: "RFC 8725 §3.12",
};

pub static PII_PAYMENT_CARD: Rule = Rule {
    id: "pii-payment-card",
    category: CATEGORY,
    severity: Severity::High,
    title: "Payment card number in the payload",
    why: "A card number that passes the Luhn check sits in a token readable by anyone holding it, outside PCI DSS controls.",
    fix: "Never put card numbers in tokens; use a payment processor's token instead.",
    reference: "PCI DSS 4.0 Req. 3; RFC 8725 §3.12",
};

pub static PII_IBAN: Rule = Rule {
    id: "pii-iban",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Bank account number (IBAN) in the payload",
    why: "An IBAN passing its mod-97 check is readable by anyone holding the token.",
    fix: "Keep account numbers out of tokens.",
    reference: "ISO 13616; RFC 8725 §3.12",
};

pub static PII_IP_ADDRESS: Rule = Rule {
    id: "pii-ip-address",
    category: CATEGORY,
    severity: Severity::Low,
    title: "IP address in the payload",
    why: "IP addresses are personal data in many jurisdictions and reveal network layout.",
    fix: "Leave IP addresses out of tokens unless a verifier needs them.",
    reference: "GDPR Recital 30; RFC 8725 §3.12",
};

pub static PII_DATE_OF_BIRTH: Rule = Rule {
    id: "pii-date-of-birth",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Date of birth in the payload",
    why: "A birth date is personal data readable by anyone holding the token.",
    fix: "Keep personal data out of tokens.",
    reference: "RFC 8725 §3.12; OpenID Connect Core §5.1",
};

pub static PII_POSTAL_ADDRESS: Rule = Rule {
    id: "pii-postal-address",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Postal address in the payload",
    why: "An address is personal data readable by anyone holding the token.",
    fix: "Keep personal data out of tokens.",
    reference: "RFC 8725 §3.12; OpenID Connect Core §5.1.1",
};

pub static PII_PERSONAL_NAME: Rule = Rule {
    id: "pii-personal-name",
    category: CATEGORY,
    severity: Severity::Low,
    title: "Personal name in the payload",
    why: "Names are personal data readable by anyone holding the token.",
    fix: "Keep personal data out of access tokens; ID tokens should carry it only when the client asked for it.",
    reference: "RFC 8725 §3.12; OpenID Connect Core §5.1",
};

pub static SECRET_PASSWORD_FIELD: Rule = Rule {
    id: "secret-password-field",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "Password or secret claim in the payload",
    why: "A claim named like a password or secret has a value: credentials in a bearer token leak to everyone who sees it.",
    fix: "Remove the credential from the token and rotate it.",
    reference: "RFC 8725 §3.12; CWE-522",
};

pub static SECRET_AWS_KEY: Rule = Rule {
    id: "secret-aws-key",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "AWS access key in the payload",
    why: "An AWS access key id (and perhaps its secret) is embedded in the token.",
    fix: "Remove it and rotate the AWS key now.",
    reference: "CWE-798",
};

pub static SECRET_GITHUB_TOKEN: Rule = Rule {
    id: "secret-github-token",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "GitHub token in the payload",
    why: "A GitHub personal access or app token is embedded in the token.",
    fix: "Remove it and revoke the GitHub token now.",
    reference: "CWE-798",
};

pub static SECRET_SLACK_TOKEN: Rule = Rule {
    id: "secret-slack-token",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "Slack token or webhook in the payload",
    why: "A Slack token or incoming-webhook URL is embedded in the token.",
    fix: "Remove it and revoke the Slack token or webhook now.",
    reference: "CWE-798",
};

pub static SECRET_PRIVATE_KEY: Rule = Rule {
    id: "secret-private-key",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "Private key in the payload",
    why: "PEM private key material is embedded in the token.",
    fix: "Remove it and replace the key pair now.",
    reference: "CWE-321",
};

pub static SECRET_NESTED_TOKEN: Rule = Rule {
    id: "secret-nested-token",
    category: CATEGORY,
    severity: Severity::High,
    title: "Another token inside the payload",
    why: "A bearer token inside a token is a credential readable by anyone holding the outer one.",
    fix: "Do not nest bearer tokens in claims; exchange them server-side instead.",
    reference: "RFC 8693 §4; RFC 8725 §3.12",
};

fn rule_for(kind: SensitiveKind) -> &'static Rule {
    match kind {
        SensitiveKind::Email => &PII_EMAIL,
        SensitiveKind::Phone => &PII_PHONE,
        SensitiveKind::Ssn => &PII_SSN,
        SensitiveKind::PaymentCard => &PII_PAYMENT_CARD,
        SensitiveKind::Iban => &PII_IBAN,
        SensitiveKind::IpAddress => &PII_IP_ADDRESS,
        SensitiveKind::DateOfBirth => &PII_DATE_OF_BIRTH,
        SensitiveKind::PostalAddress => &PII_POSTAL_ADDRESS,
        SensitiveKind::PersonalName => &PII_PERSONAL_NAME,
        SensitiveKind::PasswordField => &SECRET_PASSWORD_FIELD,
        SensitiveKind::AwsKey => &SECRET_AWS_KEY,
        SensitiveKind::GithubToken => &SECRET_GITHUB_TOKEN,
        SensitiveKind::SlackToken => &SECRET_SLACK_TOKEN,
        SensitiveKind::PrivateKey => &SECRET_PRIVATE_KEY,
        SensitiveKind::NestedToken => &SECRET_NESTED_TOKEN,
    }
}

/// Personal data and credentials in the claims.
pub(crate) fn check(claims: &serde_json::Map<String, serde_json::Value>, out: &mut Out<'_>) {
    for hit in sensitive::scan_claims(claims) {
        out.add(
            rule_for(hit.kind),
            format!(
                "{} at payload.{}: {}",
                hit.kind.describe(),
                hit.path,
                hit.masked
            ),
            Some(format!("payload.{}", hit.path)),
        );
    }
}
