//! `jwtx audit`: ECDSA signatures whose r or s lies outside 1..n (the curve's group
//! order), the CVE-2022-21449 family, in the raw R||S form JWS uses and in DER; and
//! real signatures made by `jwtx sign`, which must not be flagged.

use serde_json::{Value, json};

use crate::util::*;

const RULE: &str = "ecdsa-psychic-signature";

/// The group orders of P-256, P-384 and P-521 (SEC 2), big-endian hex.
const N_P256: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
const N_P384: &str = "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973";
const N_P521: &str = "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409";

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

/// `value` plus one, big-endian, same width (no order here ends in 0xff).
fn plus_one(value: &[u8]) -> Vec<u8> {
    let mut v = value.to_vec();
    let last = v.len() - 1;
    v[last] += 1;
    v
}

/// `value` minus one, big-endian, same width (no order here ends in 0x00).
fn minus_one(value: &[u8]) -> Vec<u8> {
    let mut v = value.to_vec();
    let last = v.len() - 1;
    v[last] -= 1;
    v
}

fn token(alg: &str, signature: &[u8]) -> String {
    let header = json!({"alg": alg, "typ": "JWT"}).to_string();
    let claims = json!({"iss": "https://issuer.example.com", "sub": "user-1", "aud": "api",
                        "iat": NOW_UNIX, "exp": NOW_UNIX + 3600, "jti": "id-1"})
    .to_string();
    compact(&header, &claims, signature)
}

/// The findings of `jwtx audit --json` for one token.
fn findings(token: &str) -> Vec<Value> {
    let assert = run(["audit", "--now", NOW, "--json", token]).assert();
    let records = json_lines(&assert.get_output().stdout);
    let record = records
        .iter()
        .find(|r| r["type"] == "token")
        .unwrap_or_else(|| panic!("no token record for {token}: {records:?}"));
    record["findings"].as_array().expect("findings").clone()
}

fn range_finding(token: &str) -> Option<Value> {
    findings(token).into_iter().find(|f| f["rule"] == RULE)
}

fn assert_flagged(token: &str, message_part: &str) {
    let finding = range_finding(token)
        .unwrap_or_else(|| panic!("{RULE} not reported for {token}: {:?}", findings(token)));
    assert_eq!(finding["severity"], "critical", "{finding}");
    assert_eq!(finding["location"], "signature", "{finding}");
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.contains(message_part),
        "{message:?} lacks {message_part:?}"
    );
}

fn assert_not_flagged(token: &str) {
    assert!(
        range_finding(token).is_none(),
        "{RULE} reported for {token}: {:?}",
        findings(token)
    );
}

/// Raw JWS form: r || s, each exactly as wide as the order.
fn raw(r: &[u8], s: &[u8]) -> Vec<u8> {
    [r, s].concat()
}

/// A DER INTEGER for a non-negative big-endian magnitude.
fn der_integer(value: &[u8]) -> Vec<u8> {
    let mut v: Vec<u8> = value.iter().copied().skip_while(|&b| b == 0).collect();
    if v.is_empty() || v[0] & 0x80 != 0 {
        v.insert(0, 0);
    }
    let mut out = vec![0x02, v.len() as u8];
    out.extend(v);
    out
}

/// DER `SEQUENCE { r, s }`, with the long length form when the body needs it (P-521).
fn der(r: &[u8], s: &[u8]) -> Vec<u8> {
    let body = [der_integer(r), der_integer(s)].concat();
    let mut out = vec![0x30];
    if body.len() >= 0x80 {
        out.push(0x81);
    }
    out.push(body.len() as u8);
    out.extend(body);
    out
}

const CURVES: [(&str, &str); 3] = [("ES256", N_P256), ("ES384", N_P384), ("ES512", N_P521)];

#[test]
fn r_or_s_equal_to_the_order_is_flagged_raw() {
    for (alg, n) in CURVES {
        let n = hex(n);
        let width = n.len();
        let one = {
            let mut v = vec![0u8; width];
            v[width - 1] = 1;
            v
        };
        assert_flagged(&token(alg, &raw(&n, &one)), "r equal to the group order n");
        assert_flagged(&token(alg, &raw(&one, &n)), "s equal to the group order n");
        assert_flagged(
            &token(alg, &raw(&n, &n)),
            "r equal to the group order n and s equal to the group order n",
        );
    }
}

#[test]
fn r_or_s_above_the_order_is_flagged_raw() {
    for (alg, n) in CURVES {
        let n = hex(n);
        let mut one = vec![0u8; n.len()];
        *one.last_mut().unwrap() = 1;
        assert_flagged(
            &token(alg, &raw(&plus_one(&n), &one)),
            "r above the group order n",
        );
        assert_flagged(
            &token(alg, &raw(&one, &plus_one(&n))),
            "s above the group order n",
        );
        // All ones is above every one of these orders.
        let max = vec![0xff; n.len()];
        assert_flagged(&token(alg, &raw(&one, &max)), "s above the group order n");
    }
}

#[test]
fn in_range_components_are_not_flagged() {
    for (alg, n) in CURVES {
        let n = hex(n);
        let below = minus_one(&n);
        assert_not_flagged(&token(alg, &raw(&below, &below)));
        let mut small = vec![0u8; n.len()];
        *small.last_mut().unwrap() = 7;
        assert_not_flagged(&token(alg, &raw(&small, &below)));
    }
}

#[test]
fn der_signatures_out_of_range_are_flagged() {
    for (alg, n) in CURVES {
        let n = hex(n);
        let one = [1u8];
        assert_flagged(&token(alg, &der(&n, &one)), "r equal to the group order n");
        assert_flagged(&token(alg, &der(&one, &n)), "s equal to the group order n");
        assert_flagged(
            &token(alg, &der(&plus_one(&n), &one)),
            "r above the group order n",
        );
        assert_flagged(&token(alg, &der(&[0], &[0])), "r and s equal to zero");
        assert_not_flagged(&token(alg, &der(&minus_one(&n), &one)));
    }
}

#[test]
fn der_signature_with_a_negative_integer_is_flagged() {
    // INTEGER 0x80 without the leading zero is -128.
    let sig = [0x30, 0x06, 0x02, 0x01, 0x80, 0x02, 0x01, 0x01];
    assert_flagged(&token("ES256", &sig), "r negative");
}

#[test]
fn real_signatures_are_not_flagged() {
    for (alg, key_name) in [
        ("ES256", "ec-p256.pkcs8.pem"),
        ("ES384", "ec-p384.pkcs8.pem"),
        ("ES512", "ec-p521.pkcs8.pem"),
    ] {
        let signed = sign(&["--key", &key(key_name), "--alg", alg, "--sub", "user-1"]);
        assert_not_flagged(&signed);
    }
}
