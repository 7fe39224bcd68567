//! The checks behind the registry's rules. Each reads the token core's parse of one
//! token (its anomalies included) and emits findings for rule ids in
//! [`RULES`](super::registry::RULES). The weak-secret search runs separately, over a
//! whole batch of tokens (see `weak`).

use std::net::{Ipv4Addr, Ipv6Addr};

use serde_json::{Map, Value};

use super::registry::{Rule, Severity, rule};
use super::sensitive::{self, SensitiveKind};
use crate::output::escape;
use crate::token::claims::{Claims, IdentityClaim, NumericDate, TimeFacts, TimePolicy};
use crate::token::{Alg, AlgField, Anomaly, Form, Token, VerifyingKey, roca, time};

/// Tokens above this size are reported as oversized.
pub const OVERSIZED: usize = 8 * 1024;
/// The default `--max-lifetime`: 24 hours.
pub const DEFAULT_MAX_LIFETIME: u64 = 24 * 3600;

/// The claim profile `--profile` checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// RFC 9068 JWT access tokens.
    AccessToken,
    /// OpenID Connect ID tokens.
    IdToken,
}

/// What the checks need besides the token.
pub struct Config {
    pub time: TimePolicy,
    pub max_lifetime: u64,
    pub profile: Option<Profile>,
    /// `--key`: HMAC keys made from the public key's bytes, with a label each.
    pub confusion_keys: Vec<(String, VerifyingKey)>,
    /// `--key`: a description of each RSA key whose modulus has the ROCA fingerprint.
    pub roca_keys: Vec<String>,
}

/// One thing wrong with one token.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    /// Where in the token: `header.kid`, `payload.user.email`, `signature`.
    pub location: Option<String>,
}

struct Out<'a> {
    findings: &'a mut Vec<Finding>,
}

impl Out<'_> {
    fn add(&mut self, id: &str, message: String, location: Option<String>) {
        self.add_at(id, None, message, location);
    }

    fn add_at(
        &mut self,
        id: &str,
        severity: Option<Severity>,
        message: String,
        location: Option<String>,
    ) {
        // An id missing from the registry is a bug the registry tests catch; never panic.
        if let Some(rule) = rule(id) {
            self.findings.push(Finding {
                rule,
                severity: severity.unwrap_or(rule.severity),
                message,
                location,
            });
        }
    }
}

/// Runs every per-token check.
pub fn check(token: &Token, config: &Config) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut out = Out {
        findings: &mut findings,
    };
    format(token, &mut out);
    if token.form() == Form::Jwe {
        out.add(
            "encrypted-token",
            "token is a JWE; only its header was audited".into(),
            None,
        );
    } else {
        algorithm(token, &mut out);
        key_confusion(token, config, &mut out);
    }
    header(token, &mut out);
    roca(token, config, &mut out);
    if let Some(claims) = token.claims() {
        claim_checks(token, claims, config, &mut out);
        for hit in sensitive::scan_claims(claims) {
            out.add(
                sensitive_rule(hit.kind),
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
    findings
}

fn sensitive_rule(kind: SensitiveKind) -> &'static str {
    match kind {
        SensitiveKind::Email => "pii-email",
        SensitiveKind::Phone => "pii-phone",
        SensitiveKind::Ssn => "pii-ssn",
        SensitiveKind::PaymentCard => "pii-payment-card",
        SensitiveKind::Iban => "pii-iban",
        SensitiveKind::IpAddress => "pii-ip-address",
        SensitiveKind::DateOfBirth => "pii-date-of-birth",
        SensitiveKind::PostalAddress => "pii-postal-address",
        SensitiveKind::PersonalName => "pii-personal-name",
        SensitiveKind::PasswordField => "secret-password-field",
        SensitiveKind::AwsKey => "secret-aws-key",
        SensitiveKind::GithubToken => "secret-github-token",
        SensitiveKind::SlackToken => "secret-slack-token",
        SensitiveKind::PrivateKey => "secret-private-key",
        SensitiveKind::NestedToken => "secret-nested-token",
    }
}

fn format(token: &Token, out: &mut Out<'_>) {
    let mut lax = Vec::new();
    for anomaly in token.anomalies() {
        match anomaly {
            Anomaly::Base64Padding(_)
            | Anomaly::Base64StandardAlphabet(_)
            | Anomaly::Base64NonCanonical(_) => lax.push(anomaly.to_string()),
            Anomaly::DuplicateMember { segment, path } => out.add(
                "duplicate-member",
                format!(
                    "{} has the member {:?} more than once",
                    segment.name(),
                    path
                ),
                Some(format!("{}.{path}", segment.name())),
            ),
            Anomaly::NonUtf8(s) => out.add(
                "non-utf8-json",
                format!("{} JSON is not valid UTF-8", s.name()),
                Some(s.name().to_owned()),
            ),
            Anomaly::MalformedClaims(e) => out.add(
                "malformed-claims",
                format!("payload starts like a JSON object but is not JSON: {e}"),
                Some("payload".into()),
            ),
            Anomaly::AlgMissing => out.add(
                "alg-missing",
                "the header has no alg".into(),
                Some("header.alg".into()),
            ),
            Anomaly::AlgNotString => out.add(
                "alg-not-string",
                "the header's alg is not a string".into(),
                Some("header.alg".into()),
            ),
        }
    }
    if !lax.is_empty() {
        out.add("base64-non-strict", lax.join("; "), None);
    }
    let len = token.raw().len();
    if len > OVERSIZED {
        out.add(
            "oversized-token",
            format!("token is {len} bytes, above {OVERSIZED}"),
            None,
        );
    }
}

/// JWS algorithm names registered with IANA that jwtx does not implement.
const OTHER_REGISTERED: [&str; 3] = ["ES256K", "Ed25519", "Ed448"];

fn algorithm(token: &Token, out: &mut Out<'_>) {
    let sig = token.signature();
    let alg = match token.alg() {
        AlgField::Known(Alg::None) => {
            out.add(
                "alg-none",
                "alg is \"none\": the token is unsecured".into(),
                Some("header.alg".into()),
            );
            return;
        }
        AlgField::Unknown(s) if s.eq_ignore_ascii_case("none") => {
            out.add(
                "alg-none",
                format!("alg is {:?}, a letter-case variant of none", escape(s)),
                Some("header.alg".into()),
            );
            return;
        }
        AlgField::Unknown(s) => {
            if !OTHER_REGISTERED.contains(&s.as_str()) {
                out.add(
                    "alg-unregistered",
                    format!("alg {:?} is not a registered JWS algorithm", escape(s)),
                    Some("header.alg".into()),
                );
            }
            if sig.is_empty() {
                out.add(
                    "empty-signature",
                    format!("alg is {:?} but the signature is empty", escape(s)),
                    Some("signature".into()),
                );
            }
            return;
        }
        AlgField::Known(alg) => *alg,
        AlgField::Missing | AlgField::NotString(_) => return,
    };
    if sig.is_empty() {
        out.add(
            "empty-signature",
            format!("alg is {alg} but the signature is empty"),
            Some("signature".into()),
        );
        return;
    }
    if let Some(expected) = alg.fixed_signature_len()
        && sig.len() != expected
    {
        let der = alg.family() == crate::token::alg::Family::Ec && sig[0] == 0x30;
        let hint = if der {
            " (it looks DER-encoded; JOSE uses raw R||S)"
        } else {
            ""
        };
        out.add(
            "signature-length",
            format!(
                "{alg} signatures are {expected} bytes, this one is {}{hint}",
                sig.len()
            ),
            Some("signature".into()),
        );
    }
    if alg.family() == crate::token::alg::Family::Ec
        && let Some(problem) = ecdsa_out_of_range(alg, sig)
    {
        out.add(
            "ecdsa-psychic-signature",
            format!("ECDSA signature has {problem} (CVE-2022-21449)"),
            Some("signature".into()),
        );
    }
    if matches!(
        alg,
        Alg::RS256 | Alg::RS384 | Alg::RS512 | Alg::PS256 | Alg::PS384 | Alg::PS512
    ) && sig.len() < 256
    {
        out.add(
            "rsa-key-too-small",
            format!(
                "the {}-byte signature means a {}-bit RSA key",
                sig.len(),
                sig.len() * 8
            ),
            Some("signature".into()),
        );
    }
}

/// The order n of the curve behind each ECDSA algorithm, big-endian (SEC 2 §2.4.2,
/// §2.5.1, §2.6.1). A valid signature has 1 <= r, s < n.
fn group_order(alg: Alg) -> Option<&'static [u8]> {
    const P256: [u8; 32] = [
        0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63,
        0x25, 0x51,
    ];
    const P384: [u8; 48] = [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37,
        0x2d, 0xdf, 0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc,
        0xc5, 0x29, 0x73,
    ];
    const P521: [u8; 66] = [
        0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xfa, 0x51, 0x86, 0x87, 0x83, 0xbf, 0x2f, 0x96, 0x6b, 0x7f, 0xcc, 0x01,
        0x48, 0xf7, 0x09, 0xa5, 0xd0, 0x3b, 0xb5, 0xc9, 0xb8, 0x89, 0x9c, 0x47, 0xae, 0xbb, 0x6f,
        0xb7, 0x1e, 0x91, 0x38, 0x64, 0x09,
    ];
    match alg {
        Alg::ES256 => Some(&P256),
        Alg::ES384 => Some(&P384),
        Alg::ES512 => Some(&P521),
        _ => None,
    }
}

/// Where one ECDSA signature component stands against the range 1..n.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Component {
    InRange,
    Zero,
    Negative,
    EqualToOrder,
    AboveOrder,
}

impl Component {
    /// Classifies a big-endian magnitude (leading zeros allowed) against `order`.
    fn of(value: &[u8], order: &[u8]) -> Component {
        let value = strip_leading_zeros(value);
        if value.is_empty() {
            return Component::Zero;
        }
        let order = strip_leading_zeros(order);
        match value.len().cmp(&order.len()).then_with(|| value.cmp(order)) {
            std::cmp::Ordering::Less => Component::InRange,
            std::cmp::Ordering::Equal => Component::EqualToOrder,
            std::cmp::Ordering::Greater => Component::AboveOrder,
        }
    }

    fn describe(self) -> Option<&'static str> {
        match self {
            Component::InRange => None,
            Component::Zero => Some("equal to zero"),
            Component::Negative => Some("negative"),
            Component::EqualToOrder => Some("equal to the group order n"),
            Component::AboveOrder => Some("above the group order n"),
        }
    }
}

fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

/// What is wrong with r and s, if either lies outside 1..n: in raw R||S form, or as a
/// DER `SEQUENCE { r, s }` (a DER signature is already reported for its length).
fn ecdsa_out_of_range(alg: Alg, sig: &[u8]) -> Option<String> {
    let order = group_order(alg)?;
    let (r, s) = if Some(sig.len()) == alg.fixed_signature_len() {
        let (r, s) = sig.split_at(sig.len() / 2);
        (Component::of(r, order), Component::of(s, order))
    } else {
        let (r, s) = der_signature(sig)?;
        let classify = |v: &[u8]| match v.first() {
            Some(b) if b & 0x80 != 0 => Component::Negative,
            _ => Component::of(v, order),
        };
        (classify(r), classify(s))
    };
    if r == Component::Zero && s == Component::Zero {
        return Some("r and s equal to zero".to_owned());
    }
    let parts: Vec<String> = [("r", r), ("s", s)]
        .into_iter()
        .filter_map(|(name, c)| c.describe().map(|d| format!("{name} {d}")))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" and "))
}

/// The two INTEGERs of a DER `SEQUENCE { r, s }`; nothing may follow them.
fn der_signature(sig: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&tag, rest) = sig.split_first()?;
    if tag != 0x30 {
        return None;
    }
    let (body, after) = der_length(rest)?;
    if !after.is_empty() {
        return None;
    }
    let (r, body) = der_integer(body)?;
    let (s, body) = der_integer(body)?;
    body.is_empty().then_some((r, s))
}

/// Splits `input` (a DER length then contents) into the contents and what follows.
/// Short form, or long form with one or two length bytes: enough for any ECDSA
/// signature.
fn der_length(input: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&first, rest) = input.split_first()?;
    let (len, rest) = match first {
        0..=0x7f => (first as usize, rest),
        0x81 => (*rest.first()? as usize, rest.get(1..)?),
        0x82 => {
            let bytes = rest.get(..2)?;
            (
                usize::from(bytes[0]) << 8 | usize::from(bytes[1]),
                &rest[2..],
            )
        }
        _ => return None,
    };
    if rest.len() < len {
        return None;
    }
    Some(rest.split_at(len))
}

fn der_integer(input: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    if tag != 0x02 {
        return None;
    }
    let (value, after) = der_length(rest)?;
    if value.is_empty() {
        return None;
    }
    Some((value, after))
}

fn key_confusion(token: &Token, config: &Config, out: &mut Out<'_>) {
    let Some(alg) = token.alg().known() else {
        return;
    };
    if alg.family() != crate::token::alg::Family::Hmac {
        return;
    }
    for (label, key) in &config.confusion_keys {
        if key
            .verify(alg, token.signing_input(), token.signature())
            .unwrap_or(false)
        {
            out.add(
                "key-confusion",
                format!("the {alg} signature verifies with the public key's {label} as the HMAC secret: a forged token"),
                Some("signature".into()),
            );
            return;
        }
    }
}

/// A header value as a report may show it: escaped for the terminal, with any token
/// inside it masked (a `jku` or `kid` can carry a whole bearer token).
fn shown(value: &str) -> String {
    let mut text = value.to_owned();
    for found in super::finder::scan_bytes(value.as_bytes()) {
        text = text.replace(&found.text, &sensitive::mask(&found.text));
    }
    escape(&text).into_owned()
}

/// A URL read the way browsers and HTTP clients read it (the WHATWG URL Standard):
/// backslashes, userinfo, decimal, octal and hex IPv4, percent-encoding and IDN are
/// resolved as a verifier fetching it would resolve them.
fn parse_url(text: &str) -> Option<url::Url> {
    url::Url::parse(text).ok()
}

/// The host as compared between URLs: a domain without its trailing dot.
fn host_key(host: &url::Host<&str>) -> String {
    match host {
        url::Host::Domain(d) => d.trim_end_matches('.').to_ascii_lowercase(),
        other => other.to_string(),
    }
}

fn local_name(domain: &str) -> bool {
    let d = domain.trim_end_matches('.').to_ascii_lowercase();
    d == "localhost"
        || d.ends_with(".localhost")
        || d.ends_with(".local")
        || d.ends_with(".internal")
}

fn private_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_broadcast()
        || a == 0
        // Shared address space (carrier-grade NAT), RFC 6598.
        || (a == 100 && (b & 0xc0) == 64)
}

fn private_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return private_v4(v4);
    }
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        // Unique local fc00::/7, link-local fe80::/10, deprecated site-local fec0::/10.
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || (first & 0xffc0) == 0xfec0
}

/// What makes a key URL worse than a plain https URL on the issuer's host.
fn url_concerns(text: &str, iss: Option<&str>) -> Vec<String> {
    let url = match url::Url::parse(text) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            return vec!["not an absolute URL".to_owned()];
        }
        Err(e) => return vec![format!("not a valid URL ({e})")],
    };
    let mut worse = Vec::new();
    match url.scheme() {
        "https" => {}
        "http" => worse.push("plain http".to_owned()),
        other => worse.push(format!("scheme {other:?}")),
    }
    let Some(host) = url.host() else {
        return worse;
    };
    let (literal, local) = match host {
        url::Host::Domain(d) => (false, local_name(d)),
        url::Host::Ipv4(ip) => (true, private_v4(ip)),
        url::Host::Ipv6(ip) => (true, private_v6(ip)),
    };
    if literal {
        worse.push("an IP literal".to_owned());
    }
    if local {
        worse.push("a local or private address".to_owned());
    }
    // The host a client connects to is not spelt out in the text (octal or decimal
    // IPv4, percent-encoding, Unicode mapped by IDNA): say what it reads as.
    let serialized = host.to_string();
    if !text.to_ascii_lowercase().contains(&serialized) {
        worse.push(format!("a host that reads as {}", escape(&serialized)));
    }
    let iss_host = iss
        .and_then(parse_url)
        .and_then(|u| u.host().map(|h| host_key(&h)));
    if let Some(iss_host) = iss_host
        && iss_host != host_key(&host)
    {
        worse.push(format!(
            "a host other than the issuer's ({})",
            escape(&iss_host)
        ));
    }
    worse
}

fn url_header(token: &Token, name: &str, id: &str, out: &mut Out<'_>) {
    let Some(value) = token.header().get(name) else {
        return;
    };
    let location = Some(format!("header.{name}"));
    let Some(url) = value.as_str() else {
        out.add(id, format!("{name} is present but not a string"), location);
        return;
    };
    let shown = shown(url);
    let iss = token
        .claims()
        .and_then(|c| c.get("iss"))
        .and_then(Value::as_str);
    let worse = url_concerns(url, iss);
    if worse.is_empty() {
        out.add(id, format!("{name} points to {shown}"), location);
    } else {
        out.add_at(
            id,
            Some(Severity::High),
            format!("{name} points to {shown}: {}", worse.join(", ")),
            location,
        );
    }
}

const PRIVATE_JWK_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

fn kid_injection(kid: &str) -> Option<&'static str> {
    let lower = kid.to_ascii_lowercase();
    let traversal = [
        "../", "..\\", "/dev/", "/etc/", "/proc/", "%2e%2e", "file:", "\0",
    ];
    if traversal.iter().any(|p| lower.contains(p)) || lower == ".." {
        return Some("path traversal");
    }
    let sql = [
        "' or ",
        "'or'",
        "\" or ",
        "union select",
        "union all select",
        "';",
        "' --",
        "'--",
        "1=1",
        "sleep(",
        "; drop ",
    ];
    if sql.iter().any(|p| lower.contains(p)) {
        return Some("SQL injection");
    }
    let shell = ["$(", "`", "&&", "||", ";", "|", "\n", ">", "<"];
    if shell.iter().any(|p| lower.contains(p)) {
        return Some("shell injection");
    }
    None
}

fn header(token: &Token, out: &mut Out<'_>) {
    let h = token.header();
    url_header(token, "jku", "header-jku", out);
    url_header(token, "x5u", "header-x5u", out);
    if let Some(jwk) = h.get("jwk") {
        out.add(
            "header-jwk",
            "the header embeds a jwk to verify with".into(),
            Some("header.jwk".into()),
        );
        let private: Vec<&str> = PRIVATE_JWK_MEMBERS
            .into_iter()
            .filter(|m| jwk.get(m).is_some())
            .collect();
        if !private.is_empty() {
            out.add(
                "header-jwk-private",
                format!(
                    "the embedded jwk has private members: {}",
                    private.join(", ")
                ),
                Some("header.jwk".into()),
            );
        }
    }
    match h.get("kid") {
        Some(Value::String(kid)) => {
            if let Some(kind) = kid_injection(kid) {
                out.add(
                    "kid-injection",
                    format!("kid {:?} looks like {kind}", shown(kid)),
                    Some("header.kid".into()),
                );
            }
        }
        Some(other) => out.add(
            "kid-not-string",
            format!("kid is {}", crate::token::claims::json_kind(other)),
            Some("header.kid".into()),
        ),
        None => {}
    }
    if let Some(crit) = h.get("crit") {
        out.add(
            "header-crit",
            format!("crit lists {}", shown(&crit.to_string())),
            Some("header.crit".into()),
        );
    }
    if h.get("b64") == Some(&Value::Bool(false)) {
        out.add(
            "header-b64-false",
            "b64 is false: the payload is signed unencoded".into(),
            Some("header.b64".into()),
        );
    }
    if token.form() == Form::Jws && h.contains_key("zip") {
        out.add(
            "header-zip",
            "zip is set on a signed (not encrypted) token".into(),
            Some("header.zip".into()),
        );
    }
    if h.contains_key("x5c") {
        out.add(
            "header-x5c",
            "the header carries a certificate chain".into(),
            Some("header.x5c".into()),
        );
    }
    match h.get("typ").and_then(Value::as_str) {
        None if token.form() == Form::Jws => out.add(
            "typ-missing",
            "the header has no typ".into(),
            Some("header.typ".into()),
        ),
        Some(typ) if !usual_typ(typ) => out.add(
            "typ-unusual",
            format!("typ {:?} is neither JWT nor a +jwt media type", escape(typ)),
            Some("header.typ".into()),
        ),
        _ => {}
    }
}

const ROCA: &str = "has the ROCA fingerprint (CVE-2017-15361): its private key can be computed from the public key";

/// RSA moduli with the ROCA fingerprint: in `--key`, in the embedded `jwk`, in each
/// `x5c` certificate.
fn roca(token: &Token, config: &Config, out: &mut Out<'_>) {
    for key in &config.roca_keys {
        out.add("rsa-roca-key", format!("the --key {key} {ROCA}"), None);
    }
    let h = token.header();
    if let Some(jwk) = h.get("jwk")
        && jwk.get("kty").and_then(Value::as_str) == Some("RSA")
        && let Some((n, _)) = jwk
            .get("n")
            .and_then(Value::as_str)
            .and_then(crate::token::b64::decode_lenient)
        && roca::is_roca_modulus(&n)
    {
        out.add(
            "rsa-roca-key",
            format!("the embedded jwk's RSA modulus {ROCA}"),
            Some("header.jwk.n".into()),
        );
    }
    let Some(chain) = h.get("x5c").and_then(Value::as_array) else {
        return;
    };
    for (i, cert) in chain.iter().enumerate() {
        use base64::Engine as _;
        let Some(der) = cert
            .as_str()
            .and_then(|c| base64::engine::general_purpose::STANDARD.decode(c).ok())
        else {
            continue;
        };
        if roca::certificate_modulus(&der).is_some_and(|n| roca::is_roca_modulus(&n)) {
            out.add(
                "rsa-roca-key",
                format!("the RSA modulus of certificate x5c[{i}] {ROCA}"),
                Some(format!("header.x5c[{i}]")),
            );
        }
    }
}

fn usual_typ(typ: &str) -> bool {
    let t = typ.to_ascii_lowercase();
    let t = t.strip_prefix("application/").unwrap_or(&t);
    t == "jwt" || t.ends_with("+jwt") || t == "jose" || t == "jose+json"
}

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

fn claim_checks(token: &Token, claims: &Map<String, Value>, config: &Config, out: &mut Out<'_>) {
    let facts = TimeFacts::evaluate(claims, &config.time);
    for (name, why) in facts.invalid() {
        let location = Some(format!("payload.{name}"));
        if in_milliseconds(claims, name) {
            let ms = claims.get(name).and_then(Value::as_f64).unwrap_or_default();
            out.add(
                "time-claim-milliseconds",
                format!(
                    "{name} reads as {} only in milliseconds",
                    time::rfc3339((ms / 1000.0).floor())
                ),
                location,
            );
        } else {
            // Say what the value is, not what it says: it could be anything, even PII.
            let kind = claims
                .get(name)
                .map_or("missing", crate::token::claims::json_kind);
            let detail = if kind == "a number" {
                why.to_owned()
            } else {
                format!("is {kind}, not a NumericDate")
            };
            out.add(
                "time-claim-not-numeric",
                format!("{name} {detail}"),
                location,
            );
        }
    }
    let (exp, nbf, iat) = (facts.exp.value(), facts.nbf.value(), facts.iat.value());
    if facts.exp == NumericDate::Absent {
        out.add(
            "missing-exp",
            "the token has no exp and never expires".into(),
            Some("payload.exp".into()),
        );
    }
    if let (Some(e), Some(i)) = (exp, iat)
        && e - i > config.max_lifetime as f64
    {
        out.add(
            "lifetime-too-long",
            format!(
                "lifetime (exp − iat) is {}, above the {} policy",
                time::span(e - i),
                time::span(config.max_lifetime as f64)
            ),
            Some("payload.exp".into()),
        );
    }
    if facts.expired
        && let Some(e) = exp
    {
        out.add(
            "expired",
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
            "time-claims-out-of-order",
            "nbf is after exp: the token is never valid".into(),
            Some("payload.nbf".into()),
        );
    }
    if let (Some(i), Some(e)) = (iat, exp)
        && i > e
    {
        out.add(
            "time-claims-out-of-order",
            "iat is after exp: issued already expired".into(),
            Some("payload.iat".into()),
        );
    }
    if facts.issued_in_future
        && let Some(i) = iat
    {
        out.add(
            "iat-in-future",
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
            "missing-iss",
            "the token names no issuer".into(),
            Some("payload.iss".into()),
        );
    }
    let audiences = claims.audiences();
    if !claims.contains_key("aud") {
        out.add(
            "missing-aud",
            "the token names no audience".into(),
            Some("payload.aud".into()),
        );
    } else if audiences.iter().any(|a| a.contains('*')) {
        out.add(
            "aud-wildcard",
            "aud is a wildcard".into(),
            Some("payload.aud".into()),
        );
    }
    if !claims.contains_key("jti") {
        out.add(
            "missing-jti",
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
                    "profile-access-token",
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
                    "profile-id-token",
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
