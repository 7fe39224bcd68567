//! `jwtx audit`: `jku` and `x5u` judged by the host a client would really connect to.
//! URLs are read by the WHATWG URL Standard (as browsers and HTTP clients read them),
//! so the classic confusions (backslash, userinfo, IPv6 and numeric IPv4 literals,
//! trailing dots, percent-encoding, IDN) cannot hide a private address behind a
//! harmless-looking name.

use serde_json::{Value, json};

use crate::util::*;

const ISS: &str = "https://auth.example.com";

/// A token whose header carries `member: url`, issued by `ISS`.
fn token_with(member: &str, url: &str) -> String {
    let header = json!({"alg": "ES256", "typ": "JWT", member: url}).to_string();
    let claims = json!({"iss": ISS, "sub": "user-1", "aud": "api", "iat": NOW_UNIX,
                        "exp": NOW_UNIX + 3600, "jti": "id-1"})
    .to_string();
    compact(&header, &claims, &[0x5a; 64])
}

/// The finding `rule` reports for the token (`jwtx audit --json`).
fn finding(token: &str, rule: &str) -> Value {
    let assert = run(["audit", "--now", NOW, "--json", token]).assert();
    let records = json_lines(&assert.get_output().stdout);
    records
        .iter()
        .filter(|r| r["type"] == "token")
        .flat_map(|r| r["findings"].as_array().cloned().unwrap_or_default())
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("{rule} not reported for {token}: {records:?}"))
}

/// Each URL, the severity it must get, words its message must contain and words it
/// must not.
struct Case {
    url: &'static str,
    severity: &'static str,
    says: &'static [&'static str],
    never: &'static [&'static str],
}

const PRIVATE: &str = "a local or private address";
const LITERAL: &str = "an IP literal";
const OTHER_HOST: &str = "a host other than the issuer's";

const CASES: &[Case] = &[
    // The issuer's own host over https: the rule's default severity.
    Case {
        url: "https://auth.example.com/keys",
        severity: "medium",
        says: &[],
        never: &[PRIVATE, LITERAL, OTHER_HOST],
    },
    // Backslash: for http(s) it ends the authority, so the host is 10.0.0.8 and
    // "@auth.example.com/keys" is path.
    Case {
        url: "https://10.0.0.8\\@auth.example.com/keys",
        severity: "high",
        says: &[LITERAL, PRIVATE, OTHER_HOST],
        never: &[],
    },
    // Userinfo: everything before the last @ of the authority is credentials.
    Case {
        url: "https://auth.example.com@10.0.0.8/keys",
        severity: "high",
        says: &[LITERAL, PRIVATE, OTHER_HOST],
        never: &[],
    },
    Case {
        url: "https://user:pass@127.0.0.1/keys",
        severity: "high",
        says: &[LITERAL, PRIVATE],
        never: &[],
    },
    // A public host with an @ only in the path is not userinfo.
    Case {
        url: "https://auth.example.com/keys@10.0.0.8",
        severity: "medium",
        says: &[],
        never: &[PRIVATE, LITERAL],
    },
    // IPv6 literals: loopback, link-local, unique local, IPv4-mapped loopback.
    Case {
        url: "https://[::1]/keys",
        severity: "high",
        says: &[LITERAL, PRIVATE],
        never: &[],
    },
    Case {
        url: "https://[fe80::1]/keys",
        severity: "high",
        says: &[LITERAL, PRIVATE],
        never: &[],
    },
    Case {
        url: "https://[fd12:3456::1]/keys",
        severity: "high",
        says: &[LITERAL, PRIVATE],
        never: &[],
    },
    Case {
        url: "https://[::ffff:127.0.0.1]/keys",
        severity: "high",
        says: &[LITERAL, PRIVATE],
        never: &[],
    },
    Case {
        url: "https://[::ffff:10.1.2.3]/keys",
        severity: "high",
        says: &[LITERAL, PRIVATE],
        never: &[],
    },
    // A public IPv6 literal is a literal, not a private address.
    Case {
        url: "https://[2001:db8::1]/keys",
        severity: "high",
        says: &[LITERAL],
        never: &[PRIVATE],
    },
    // Numeric IPv4 spellings: decimal, octal, hex, shortened.
    Case {
        url: "http://2130706433/",
        severity: "high",
        says: &["plain http", LITERAL, PRIVATE, "reads as 127.0.0.1"],
        never: &[],
    },
    Case {
        url: "http://0177.0.0.1/",
        severity: "high",
        says: &[LITERAL, PRIVATE, "reads as 127.0.0.1"],
        never: &[],
    },
    Case {
        url: "https://0x7f.1/keys",
        severity: "high",
        says: &[LITERAL, PRIVATE, "reads as 127.0.0.1"],
        never: &[],
    },
    Case {
        url: "https://0xa000008/keys",
        severity: "high",
        says: &[LITERAL, PRIVATE, "reads as 10.0.0.8"],
        never: &[],
    },
    // Trailing dots: the fully qualified form of the same name.
    Case {
        url: "https://localhost./keys",
        severity: "high",
        says: &[PRIVATE],
        never: &[LITERAL],
    },
    Case {
        url: "https://auth.example.com./keys",
        severity: "medium",
        says: &[],
        never: &[OTHER_HOST],
    },
    Case {
        url: "https://127.0.0.1./keys",
        severity: "high",
        says: &[LITERAL, PRIVATE],
        never: &[],
    },
    // Percent-encoding in the host is decoded before the host is read.
    Case {
        url: "https://%6c%6f%63%61%6c%68%6f%73%74/keys",
        severity: "high",
        says: &[PRIVATE, "reads as localhost"],
        never: &[],
    },
    Case {
        url: "https://%31%30.0.0.8/keys",
        severity: "high",
        says: &[LITERAL, PRIVATE, "reads as 10.0.0.8"],
        never: &[],
    },
    // IDN: full-width letters map to ASCII; a Cyrillic look-alike is another host.
    Case {
        url: "https://\u{ff4c}\u{ff4f}\u{ff43}\u{ff41}\u{ff4c}\u{ff48}\u{ff4f}\u{ff53}\u{ff54}/keys",
        severity: "high",
        says: &[PRIVATE, "reads as localhost"],
        never: &[],
    },
    Case {
        url: "https://\u{0430}uth.example.com/keys",
        severity: "high",
        says: &[OTHER_HOST, "reads as xn--"],
        never: &[PRIVATE],
    },
    Case {
        url: "https://xn--uth-5cd.example.com/keys",
        severity: "high",
        says: &[OTHER_HOST],
        never: &[PRIVATE],
    },
    // Invalid punycode is no URL a client would fetch.
    Case {
        url: "https://xn--ssuer-2ve.example.com/keys",
        severity: "high",
        says: &["not a valid URL"],
        never: &[],
    },
    // Non-https and unparseable URLs keep their findings.
    Case {
        url: "http://auth.example.com/keys",
        severity: "high",
        says: &["plain http"],
        never: &[OTHER_HOST],
    },
    Case {
        url: "ftp://auth.example.com/keys",
        severity: "high",
        says: &["scheme \"ftp\""],
        never: &[],
    },
    Case {
        url: "file:///etc/jwks.json",
        severity: "high",
        says: &["scheme \"file\""],
        never: &[],
    },
    Case {
        url: "/.well-known/jwks.json",
        severity: "high",
        says: &["not an absolute URL"],
        never: &[],
    },
    Case {
        url: "https://exa mple.com/keys",
        severity: "high",
        says: &["not a valid URL"],
        never: &[],
    },
];

fn check(member: &str, rule: &str) {
    for case in CASES {
        let f = finding(&token_with(member, case.url), rule);
        let message = f["message"].as_str().expect("message");
        assert_eq!(
            f["severity"], case.severity,
            "{member} {:?}: {message}",
            case.url
        );
        assert_eq!(f["location"], format!("header.{member}"));
        for word in case.says {
            assert!(
                message.contains(word),
                "{member} {:?}: {message:?} lacks {word:?}",
                case.url
            );
        }
        for word in case.never {
            assert!(
                !message.contains(word),
                "{member} {:?}: {message:?} has {word:?}",
                case.url
            );
        }
    }
}

#[test]
fn jku_is_judged_by_the_host_a_client_connects_to() {
    check("jku", "header-jku");
}

#[test]
fn x5u_is_judged_by_the_host_a_client_connects_to() {
    check("x5u", "header-x5u");
}

#[test]
fn backslash_before_userinfo_is_the_private_ip_not_the_issuer() {
    let f = finding(
        &token_with("jku", "https://10.0.0.8\\@auth.example.com/keys"),
        "header-jku",
    );
    assert_eq!(f["severity"], "high");
    assert_eq!(
        f["message"],
        "jku points to https://10.0.0.8\\@auth.example.com/keys: a backslash, which URL \
         parsers read differently, an IP literal, a local or private address, a host other \
         than the issuer's (auth.example.com)"
    );
}

#[test]
fn parser_confusions_on_the_issuers_own_host_are_high() {
    // WHATWG reads the issuer's host here; other clients read 10.0.0.8 (the part after
    // the @) or send credentials: high either way, never "points to" the issuer.
    for (url, reason) in [
        (
            "https://auth.example.com\\@10.0.0.8/keys",
            "a backslash, which URL parsers read differently",
        ),
        (
            "https://user:pw@auth.example.com/keys",
            "credentials (userinfo) before the host",
        ),
        (
            "https://user@auth.example.com/keys",
            "credentials (userinfo) before the host",
        ),
    ] {
        let f = finding(&token_with("jku", url), "header-jku");
        assert_eq!(f["severity"], "high", "{url}");
        assert!(f["message"].as_str().unwrap().contains(reason), "{f}");
    }
}

#[test]
fn a_password_in_a_key_url_is_never_shown() {
    let secret = "s3cr3tJ-9x";
    for member in ["jku", "x5u"] {
        let url = format!("https://user:{secret}@keys.example.net/jwks");
        let token = token_with(member, &url);
        for format in ["text", "json", "sarif"] {
            let assert = run([
                "audit",
                "--now",
                NOW,
                "--fail-on",
                "none",
                "--format",
                format,
            ])
            .arg(&token)
            .assert()
            .code(0);
            let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
            assert!(!out.contains(secret), "{member} {format}: {out}");
            assert!(
                out.contains("user:******@keys.example.net"),
                "{member} {format}: {out}"
            );
        }
    }
}
