//! Header rules: members that let a token choose its own key or smuggle input into a
//! verifier (`jku`, `x5u`, `jwk`, `kid`, `crit`, `b64`, `zip`, `x5c`, `typ`).

use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use serde_json::Value;

use crate::audit::checks::Out;
use crate::audit::registry::{Rule, Severity};
use crate::audit::{finder, sensitive};
use crate::output::escape;
use crate::token::claims::json_kind;
use crate::token::{Form, Token};

const CATEGORY: &str = "header";

pub static HEADER_JKU: Rule = Rule {
    id: "header-jku",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Header names a key URL (jku)",
    why: "A verifier that fetches keys from the token's own jku lets the token's author choose the key. Plain http, IP literals, localhost, private addresses or a host other than the issuer's make it worse.",
    fix: "Ignore jku, or allow only an explicit list of key set URLs.",
    reference: "RFC 7515 §4.1.2; RFC 8725 §3.10",
};

pub static HEADER_X5U: Rule = Rule {
    id: "header-x5u",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Header names a certificate URL (x5u)",
    why: "A verifier that fetches the certificate from the token's own x5u lets the token's author choose the key (and can be made to request internal URLs).",
    fix: "Ignore x5u, or allow only an explicit list of URLs.",
    reference: "RFC 7515 §4.1.5; RFC 8725 §3.10",
};

pub static HEADER_JWK: Rule = Rule {
    id: "header-jwk",
    category: CATEGORY,
    severity: Severity::High,
    title: "Header embeds its own key (jwk)",
    why: "A verifier that trusts the embedded jwk verifies the token with a key of the attacker's choosing (CVE-2018-0114).",
    fix: "Never verify with a key taken from the token; look keys up by kid in a trusted key set.",
    reference: "RFC 7515 §4.1.3; CVE-2018-0114",
};

pub static HEADER_JWK_PRIVATE: Rule = Rule {
    id: "header-jwk-private",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "Embedded jwk carries private key members",
    why: "The header's jwk includes private members (d, p, q...): the private key has leaked to everyone who sees the token.",
    fix: "Revoke the key now, and fix the code that serialises the private key.",
    reference: "RFC 7517 §4; RFC 7515 §4.1.3",
};

pub static KID_INJECTION: Rule = Rule {
    id: "kid-injection",
    category: CATEGORY,
    severity: Severity::High,
    title: "kid shaped like an injection",
    why: "The kid contains path traversal, SQL or shell metacharacters; verifiers that build file paths, queries or commands from kid are exploitable this way.",
    fix: "Treat kid as an opaque lookup key; match it against known key ids only.",
    reference: "RFC 7515 §4.1.4; RFC 8725 §3.10",
};

pub static KID_NOT_STRING: Rule = Rule {
    id: "kid-not-string",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "kid is not a string",
    why: "RFC 7515 defines kid as a string; other types confuse key lookups and can bypass them.",
    fix: "Make kid a string.",
    reference: "RFC 7515 §4.1.4",
};

pub static HEADER_CRIT: Rule = Rule {
    id: "header-crit",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Header marks extensions critical (crit)",
    why: "A recipient must reject the token unless it understands every extension listed in crit; libraries that ignore crit process tokens with semantics they do not implement.",
    fix: "Use crit only with extensions all recipients implement.",
    reference: "RFC 7515 §4.1.11",
};

pub static HEADER_B64_FALSE: Rule = Rule {
    id: "header-b64-false",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Unencoded payload (b64: false)",
    why: "With b64 false the signature covers the raw payload; verifiers that do not implement RFC 7797 compute a different signing input, a source of verification mismatches and confusion.",
    fix: "Avoid b64: false unless every recipient implements RFC 7797 and it is listed in crit.",
    reference: "RFC 7797 §3, §6",
};

pub static HEADER_ZIP: Rule = Rule {
    id: "header-zip",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Compression header in a JWS (zip)",
    why: "zip is defined for JWE only; in a JWS it is meaningless, and compression of attacker-influenced data invites decompression bombs and CRIME-style leaks.",
    fix: "Remove zip from signed tokens.",
    reference: "RFC 7516 §4.1.3; RFC 8725 §3.6",
};

pub static HEADER_X5C: Rule = Rule {
    id: "header-x5c",
    category: CATEGORY,
    severity: Severity::Low,
    title: "Header carries a certificate chain (x5c)",
    why: "A verifier must validate the chain up to a trusted root before using it; a verifier that simply takes the leaf's key accepts self-signed forgeries.",
    fix: "Validate x5c chains against a pinned trust anchor, or ignore x5c.",
    reference: "RFC 7515 §4.1.6; RFC 8725 §3.10",
};

/// A header value as a report may show it: escaped for the terminal, with any token
/// inside it masked (a `jku` or `kid` can carry a whole bearer token).
fn shown(value: &str) -> String {
    let mut text = without_password(value);
    for found in finder::scan_bytes(value.as_bytes()) {
        text = text.replace(&found.text, &sensitive::mask(&found.text));
    }
    escape(&text).into_owned()
}

/// The URL text with the password of its userinfo (`https://user:password@host`)
/// replaced: a report says that credentials are there, never what they are.
fn without_password(text: &str) -> String {
    let hidden = || -> Option<String> {
        let start = text.find("://")? + 3;
        let end = text[start..]
            .find(['/', '\\', '?', '#'])
            .map_or(text.len(), |i| start + i);
        let at = start + text[start..end].rfind('@')?;
        let colon = start + text[start..at].find(':')?;
        Some(format!("{}******{}", &text[..=colon], &text[at..]))
    };
    hidden().unwrap_or_else(|| text.to_owned())
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
    // URL parsers disagree on these, so the host this parser reads may not be the one
    // a client connects to: a backslash (a path separator to WHATWG parsers, part of
    // the userinfo to others) or credentials in the authority.
    if text.contains('\\') {
        worse.push("a backslash, which URL parsers read differently".to_owned());
    }
    if !url.username().is_empty() || url.password().is_some() {
        worse.push("credentials (userinfo) before the host".to_owned());
    }
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

fn url_header(token: &Token, name: &str, rule: &'static Rule, out: &mut Out<'_>) {
    let Some(value) = token.header().get(name) else {
        return;
    };
    let location = Some(format!("header.{name}"));
    let Some(url) = value.as_str() else {
        out.add(
            rule,
            format!("{name} is present but not a string"),
            location,
        );
        return;
    };
    let shown = shown(url);
    let iss = token
        .claims()
        .and_then(|c| c.get("iss"))
        .and_then(Value::as_str);
    let worse = url_concerns(url, iss);
    if worse.is_empty() {
        out.add(rule, format!("{name} points to {shown}"), location);
    } else {
        out.add_at(
            rule,
            Some(Severity::High),
            format!("{name} points to {shown}: {}", worse.join(", ")),
            location,
        );
    }
}

const PRIVATE_JWK_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// What a `kid` holding each pattern looks like, most telling first: path traversal,
/// then SQL, then shell injection (matched ignoring ASCII case).
const KID_PATTERNS: [(&[&str], &str); 3] = [
    (
        &[
            "../", "..\\", "/dev/", "/etc/", "/proc/", "%2e%2e", "file:", "\0",
        ],
        "path traversal",
    ),
    (
        &[
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
        ],
        "SQL injection",
    ),
    (
        &["$(", "`", "&&", "||", ";", "|", "\n", ">", "<"],
        "shell injection",
    ),
];

/// All of [`KID_PATTERNS`] in one automaton: a `kid` is read once, not once a pattern.
static KID_AUTOMATON: LazyLock<(AhoCorasick, Vec<usize>)> = LazyLock::new(|| {
    let (patterns, kinds): (Vec<&str>, Vec<usize>) = KID_PATTERNS
        .iter()
        .enumerate()
        .flat_map(|(kind, (patterns, _))| patterns.iter().map(move |p| (*p, kind)))
        .unzip();
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(patterns)
        .expect("built-in patterns are valid");
    (automaton, kinds)
});

fn kid_injection(kid: &str) -> Option<&'static str> {
    if kid == ".." {
        return Some(KID_PATTERNS[0].1);
    }
    let (automaton, kinds) = &*KID_AUTOMATON;
    automaton
        .find_overlapping_iter(kid)
        .map(|m| kinds[m.pattern().as_usize()])
        .min()
        .map(|kind| KID_PATTERNS[kind].1)
}

pub(crate) fn check(token: &Token, out: &mut Out<'_>) {
    let h = token.header();
    url_header(token, "jku", &HEADER_JKU, out);
    url_header(token, "x5u", &HEADER_X5U, out);
    if let Some(jwk) = h.get("jwk") {
        out.add(
            &HEADER_JWK,
            "the header embeds a jwk to verify with".into(),
            Some("header.jwk".into()),
        );
        let private: Vec<&str> = PRIVATE_JWK_MEMBERS
            .into_iter()
            .filter(|m| jwk.get(m).is_some())
            .collect();
        if !private.is_empty() {
            out.add(
                &HEADER_JWK_PRIVATE,
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
                    &KID_INJECTION,
                    format!("kid {:?} looks like {kind}", shown(kid)),
                    Some("header.kid".into()),
                );
            }
        }
        Some(other) => out.add(
            &KID_NOT_STRING,
            format!("kid is {}", json_kind(other)),
            Some("header.kid".into()),
        ),
        None => {}
    }
    if let Some(crit) = h.get("crit") {
        out.add(
            &HEADER_CRIT,
            format!("crit lists {}", shown(&crit.to_string())),
            Some("header.crit".into()),
        );
    }
    if h.get("b64") == Some(&Value::Bool(false)) {
        out.add(
            &HEADER_B64_FALSE,
            "b64 is false: the payload is signed unencoded".into(),
            Some("header.b64".into()),
        );
    }
    if token.form() == Form::Jws && h.contains_key("zip") {
        out.add(
            &HEADER_ZIP,
            "zip is set on a signed (not encrypted) token".into(),
            Some("header.zip".into()),
        );
    }
    if h.contains_key("x5c") {
        out.add(
            &HEADER_X5C,
            "the header carries a certificate chain".into(),
            Some("header.x5c".into()),
        );
    }
    match h.get("typ").and_then(Value::as_str) {
        None if token.form() == Form::Jws => out.add(
            &super::claims::TYP_MISSING,
            "the header has no typ".into(),
            Some("header.typ".into()),
        ),
        Some(typ) if !usual_typ(typ) => out.add(
            &super::claims::TYP_UNUSUAL,
            format!("typ {:?} is neither JWT nor a +jwt media type", escape(typ)),
            Some("header.typ".into()),
        ),
        _ => {}
    }
}

fn usual_typ(typ: &str) -> bool {
    let t = typ.to_ascii_lowercase();
    let t = t.strip_prefix("application/").unwrap_or(&t);
    t == "jwt" || t.ends_with("+jwt") || t == "jose" || t == "jose+json"
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The reading the automaton replaces: each pattern searched in the lower-cased kid.
    fn one_search_a_pattern(kid: &str) -> Option<&'static str> {
        let lower = kid.to_ascii_lowercase();
        if lower == ".." {
            return Some(KID_PATTERNS[0].1);
        }
        KID_PATTERNS
            .iter()
            .find(|(patterns, _)| patterns.iter().any(|p| lower.contains(p)))
            .map(|(_, kind)| *kind)
    }

    #[test]
    fn kid_injection_names_the_most_telling_kind() {
        for (kid, kind) in [
            ("../../etc/passwd", Some("path traversal")),
            ("FILE:///keys/a", Some("path traversal")),
            ("..", Some("path traversal")),
            ("x' UNION SELECT 'k", Some("SQL injection")),
            ("1; DROP TABLE keys", Some("SQL injection")),
            ("k1; rm -rf /", Some("shell injection")),
            ("$(curl x)", Some("shell injection")),
            ("2024-01-rsa", None),
            ("", None),
        ] {
            assert_eq!(kid_injection(kid), kind, "{kid:?}");
        }
    }

    proptest! {
        #[test]
        fn kid_injection_agrees_with_searching_each_pattern(
            kid in "[a-zA-Z0-9 ./\\\\'\";=|&$(`<>:%\n\0-]{0,16}"
        ) {
            prop_assert_eq!(kid_injection(&kid), one_search_a_pattern(&kid));
        }
    }
}
