//! `jwtx audit`: RSA moduli with the ROCA fingerprint (CVE-2017-15361) in `--key`, in
//! an embedded `jwk` and in `x5c` certificates. The vulnerable keys come from the ROCA
//! detector's test data (tests/fixtures/keys/roca/README.md).

use serde_json::{Value, json};

use crate::util::*;

const RULE: &str = "rsa-roca-key";

fn token_with_header(extra: Value) -> String {
    let mut header = json!({"alg": "RS256", "typ": "JWT"});
    for (k, v) in extra.as_object().expect("object") {
        header[k] = v.clone();
    }
    let claims = json!({"iss": "https://issuer.example.com", "sub": "user-1", "aud": "api",
                        "iat": NOW_UNIX, "exp": NOW_UNIX + 3600, "jti": "id-1"});
    compact(&header.to_string(), &claims.to_string(), &[7; 256])
}

/// Exit code and the ROCA findings of `jwtx audit --json <extra> <token>`.
fn roca_findings(token: &str, extra: &[&str]) -> (i32, Vec<Value>) {
    let assert = run(["audit", "--now", NOW, "--json"])
        .args(extra)
        .arg(token)
        .assert();
    let code = documented_code(&assert);
    let records = json_lines(&assert.get_output().stdout);
    let tokens: Vec<&Value> = records.iter().filter(|r| r["type"] == "token").collect();
    assert_eq!(tokens.len(), 1, "{records:?}");
    let found = tokens[0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == RULE)
        .cloned()
        .collect();
    (code, found)
}

/// The base64 DER of a PEM certificate fixture, as `x5c` carries it.
fn x5c_entry(name: &str) -> String {
    let pem = std::fs::read_to_string(key(name)).expect("certificate fixture");
    pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

fn jwk(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(key(name)).expect("JWK fixture"))
        .expect("JWK JSON")
}

fn assert_one_critical(found: &[Value], location: Option<&str>, words: &str) {
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["severity"], "critical", "{found:?}");
    match location {
        Some(l) => assert_eq!(found[0]["location"], l, "{found:?}"),
        None => assert!(found[0]["location"].is_null(), "{found:?}"),
    }
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains(words), "{message:?} lacks {words:?}");
    assert!(message.contains("CVE-2017-15361"), "{message:?}");
}

#[test]
fn a_roca_key_given_with_key_is_flagged_on_every_token() {
    let token = token_with_header(json!({}));
    let (code, found) = roca_findings(&token, &["--key", &key("roca/roca-2049.pub.pem")]);
    assert_one_critical(&found, None, "the --key RSA key");
    assert_eq!(code, 1);
    let (_, found) = roca_findings(&token, &["--key", &key("roca/roca-2049.pub.jwk")]);
    assert_one_critical(&found, None, "the --key RSA key");
    let (_, found) = roca_findings(&token, &["--key", &key("roca/roca-2050.cert.pem")]);
    assert_one_critical(&found, None, "the --key RSA key");
}

#[test]
fn ordinary_keys_given_with_key_are_not_flagged() {
    let token = token_with_header(json!({}));
    for name in [
        "rsa2048.pub.pem",
        "rsa2048.cert.pem",
        "jwks.json",
        "ec-p256.pub.pem",
    ] {
        let (_, found) = roca_findings(&token, &["--key", &key(name)]);
        assert!(found.is_empty(), "{name}: {found:?}");
    }
}

#[test]
fn a_roca_modulus_in_the_embedded_jwk_is_flagged() {
    let token = token_with_header(json!({"jwk": jwk("roca/roca-2049.pub.jwk")}));
    let (code, found) = roca_findings(&token, &[]);
    assert_one_critical(&found, Some("header.jwk.n"), "embedded jwk");
    assert_eq!(code, 1);
    let ordinary = token_with_header(json!({"jwk": jwk("rfc7515-a2.rsa.pub.jwk")}));
    assert!(roca_findings(&ordinary, &[]).1.is_empty());
}

#[test]
fn a_roca_modulus_in_an_x5c_certificate_is_flagged() {
    for name in ["roca/roca-2049.cert.pem", "roca/roca-2050.cert.pem"] {
        let token = token_with_header(json!({"x5c": [x5c_entry(name)]}));
        let (_, found) = roca_findings(&token, &[]);
        assert_one_critical(&found, Some("header.x5c[0]"), "certificate x5c[0]");
    }
    // Found further down a chain, at its index.
    let chain =
        json!({"x5c": [x5c_entry("rsa2048.cert.pem"), x5c_entry("roca/roca-2049.cert.pem")]});
    let (_, found) = roca_findings(&token_with_header(chain), &[]);
    assert_one_critical(&found, Some("header.x5c[1]"), "certificate x5c[1]");
    for name in ["rsa2048.cert.pem", "ec-p256.cert.pem"] {
        let token = token_with_header(json!({"x5c": [x5c_entry(name)]}));
        assert!(roca_findings(&token, &[]).1.is_empty(), "{name}");
    }
    // Not base64, not a certificate: nothing to judge, no crash.
    let junk = token_with_header(json!({"x5c": ["%%%", "AAAA", 7]}));
    assert!(roca_findings(&junk, &[]).1.is_empty());
}
