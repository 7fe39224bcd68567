//! Sensitive-data rules: personal data and credentials found in the payload by
//! [`crate::audit::sensitive`].

use crate::audit::checks::{Config, Out, Profile};
use crate::audit::registry::{Rule, Severity};
use crate::audit::sensitive::{self, Confidence, ScanOptions, SensitiveKind};

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
    why: "A claim named like a password or secret holds a value shaped like one: credentials in a bearer token leak to everyone who sees it. A value that does not look like a secret (short, one kind of character) is reported as low; yes/no answers are not reported.",
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

pub static SECRET_STRIPE_KEY: Rule = Rule {
    id: "secret-stripe-key",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "Stripe secret key in the payload",
    why: "A Stripe secret or restricted key (sk_live_, rk_live_) moves money and reads customer data; a test-mode key (sk_test_, rk_test_) is reported as medium.",
    fix: "Remove it and roll the key in the Stripe dashboard now.",
    reference: "CWE-798; Stripe API keys documentation",
};

pub static SECRET_GOOGLE_API_KEY: Rule = Rule {
    id: "secret-google-api-key",
    category: CATEGORY,
    severity: Severity::High,
    title: "Google API key in the payload",
    why: "A Google API key (AIza...) is billed to its project and, unless restricted, calls any API enabled there.",
    fix: "Remove it, then restrict or regenerate the key in the Google Cloud console.",
    reference: "CWE-798",
};

pub static SECRET_GITLAB_TOKEN: Rule = Rule {
    id: "secret-gitlab-token",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "GitLab access token in the payload",
    why: "A GitLab personal access token (glpat-) acts as its user on the GitLab API, repositories and registries.",
    fix: "Remove it and revoke the token in GitLab now.",
    reference: "CWE-798",
};

pub static SECRET_OPENAI_KEY: Rule = Rule {
    id: "secret-openai-key",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "OpenAI API key in the payload",
    why: "An OpenAI API key (sk-proj-, sk-...T3BlbkFJ...) spends its organisation's credit and reads its data.",
    fix: "Remove it and revoke the key in the OpenAI dashboard now.",
    reference: "CWE-798",
};

pub static SECRET_NPM_TOKEN: Rule = Rule {
    id: "secret-npm-token",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "npm access token in the payload",
    why: "An npm access token (npm_) can publish packages as its owner: a supply-chain compromise.",
    fix: "Remove it and revoke the token on npmjs.com now.",
    reference: "CWE-798",
};

pub static SECRET_DATABASE_URL: Rule = Rule {
    id: "secret-database-url",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "Database URL with a password in the payload",
    why: "A connection URL with user information (postgres://user:password@host, mysql, mongodb, redis, amqp...) hands its database or broker to whoever reads the token.",
    fix: "Remove it and change the database password now; give services their connection strings out of band.",
    reference: "CWE-798; RFC 3986 §3.2.1",
};

pub static SECRET_URL_PASSWORD: Rule = Rule {
    id: "secret-url-password",
    category: CATEGORY,
    severity: Severity::High,
    title: "URL with a password in the payload",
    why: "A URL with user information (https://user:password@host, ftp, ssh, smtp...) carries a password in plain text for whoever reads the token; RFC 3986 deprecates the form for that reason.",
    fix: "Remove it and change the password now; send credentials in an Authorization header, out of band.",
    reference: "RFC 3986 §3.2.1; CWE-798",
};

pub static SECRET_BASIC_CREDENTIALS: Rule = Rule {
    id: "secret-basic-credentials",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "HTTP Basic credentials in the payload",
    why: "\"Basic\" and base64 of user:password is a password in plain sight: base64 is an encoding, not a protection.",
    fix: "Remove it and change the password now.",
    reference: "RFC 7617 §2; CWE-522",
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
        SensitiveKind::StripeKey => &SECRET_STRIPE_KEY,
        SensitiveKind::GoogleApiKey => &SECRET_GOOGLE_API_KEY,
        SensitiveKind::GitlabToken => &SECRET_GITLAB_TOKEN,
        SensitiveKind::OpenaiKey => &SECRET_OPENAI_KEY,
        SensitiveKind::NpmToken => &SECRET_NPM_TOKEN,
        SensitiveKind::DatabaseUrl => &SECRET_DATABASE_URL,
        SensitiveKind::UrlPassword => &SECRET_URL_PASSWORD,
        SensitiveKind::BasicCredentials => &SECRET_BASIC_CREDENTIALS,
    }
}

/// Personal data and credentials in the claims. With `--profile id-token`, the
/// standard OpenID Connect claims are what the token is for and are not reported.
pub(crate) fn check(
    claims: &serde_json::Map<String, serde_json::Value>,
    config: &Config,
    out: &mut Out<'_>,
) {
    let options = ScanOptions {
        id_token: config.profile == Some(Profile::IdToken),
    };
    for hit in sensitive::scan_claims(claims, options) {
        let (severity, note) = match hit.confidence {
            Confidence::Strong => (None, ""),
            Confidence::TestMode => (Some(Severity::Medium), " (test mode)"),
            Confidence::NameOnly => (
                Some(Severity::Low),
                " (named like a secret; the value does not look like one)",
            ),
        };
        out.add_at(
            rule_for(hit.kind),
            severity,
            format!(
                "{} at payload.{}: {}{note}",
                hit.kind.describe(),
                hit.path,
                hit.masked
            ),
            Some(format!("payload.{}", hit.path)),
        );
    }
}
