//! Format rules: how the token is encoded (base64, JSON, size, JWE).

use crate::audit::checks::{OVERSIZED, Out};
use crate::audit::registry::{Rule, Severity};
use crate::token::{Anomaly, Token};

const CATEGORY: &str = "format";

pub static BASE64_NON_STRICT: Rule = Rule {
    id: "base64-non-strict",
    category: CATEGORY,
    severity: Severity::Low,
    title: "Non-strict base64url",
    why: "Padding, the standard alphabet or non-zero trailing bits are not allowed in JWS and are handled inconsistently: the same token may verify in one library and not another.",
    fix: "Encode segments as unpadded base64url (RFC 7515 §2).",
    reference: "RFC 7515 §2, §7.1",
};

pub static DUPLICATE_MEMBER: Rule = Rule {
    id: "duplicate-member",
    category: CATEGORY,
    severity: Severity::High,
    title: "Duplicate JSON member names",
    why: "When a member name appears twice, parsers disagree on which value wins: a verifier and an application may read different claims from the same token (parser differential).",
    fix: "Reject JSON with duplicate member names.",
    reference: "RFC 7515 §5.2; RFC 8259 §4; RFC 8725 §3.2",
};

pub static NON_UTF8_JSON: Rule = Rule {
    id: "non-utf8-json",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Header or payload JSON is not UTF-8",
    why: "Invalid UTF-8 is decoded differently by different libraries (rejected, replaced or passed through).",
    fix: "Produce UTF-8 JSON.",
    reference: "RFC 8259 §8.1; RFC 7515 §2",
};

pub static MALFORMED_CLAIMS: Rule = Rule {
    id: "malformed-claims",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Payload looks like JSON but is not",
    why: "A payload starting like a JSON object that fails to parse is read as claims by some libraries and as raw bytes by others.",
    fix: "Produce valid JSON claims.",
    reference: "RFC 7519 §7.2",
};

pub static OVERSIZED_TOKEN: Rule = Rule {
    id: "oversized-token",
    category: CATEGORY,
    severity: Severity::Low,
    title: "Oversized token",
    why: "Tokens above 8 KiB break HTTP header limits of common servers and proxies, and hint at data that does not belong in a token.",
    fix: "Move bulky data out of the token.",
    reference: "RFC 9110 §5.4 (field limits)",
};

pub static ENCRYPTED_TOKEN: Rule = Rule {
    id: "encrypted-token",
    category: CATEGORY,
    severity: Severity::Info,
    title: "Encrypted token (JWE): contents not audited",
    why: "Without the recipient's key, only the JWE's header can be reviewed: the claims inside were not audited.",
    fix: "Audit the content as well: --decrypt-key KEY (or the JWE secret, or --preset with the framework's secret).",
    reference: "RFC 7516",
};

pub(crate) fn check(token: &Token, out: &mut Out<'_>) {
    let mut lax = Vec::new();
    for anomaly in token.anomalies() {
        match anomaly {
            Anomaly::Base64Padding(_)
            | Anomaly::Base64StandardAlphabet(_)
            | Anomaly::Base64NonCanonical(_) => lax.push(anomaly.to_string()),
            Anomaly::DuplicateMember { segment, path } => out.add(
                &DUPLICATE_MEMBER,
                format!(
                    "{} has the member {:?} more than once",
                    segment.name(),
                    path
                ),
                Some(format!("{}.{path}", segment.name())),
            ),
            Anomaly::NonUtf8(s) => out.add(
                &NON_UTF8_JSON,
                format!("{} JSON is not valid UTF-8", s.name()),
                Some(s.name().to_owned()),
            ),
            Anomaly::MalformedClaims(e) => out.add(
                &MALFORMED_CLAIMS,
                format!("payload starts like a JSON object but is not JSON: {e}"),
                Some("payload".into()),
            ),
            Anomaly::AlgMissing => out.add(
                &super::algorithm::ALG_MISSING,
                "the header has no alg".into(),
                Some("header.alg".into()),
            ),
            Anomaly::AlgNotString => out.add(
                &super::algorithm::ALG_NOT_STRING,
                "the header's alg is not a string".into(),
                Some("header.alg".into()),
            ),
        }
    }
    if !lax.is_empty() {
        out.add(&BASE64_NON_STRICT, lax.join("; "), None);
    }
    let len = token.raw().len();
    if len > OVERSIZED {
        out.add(
            &OVERSIZED_TOKEN,
            format!("token is {len} bytes, above {OVERSIZED}"),
            None,
        );
    }
}
