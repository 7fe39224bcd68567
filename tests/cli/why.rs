//! `jwtx verify` says why a token does not verify: the key a `kid` selected, the kids a
//! set holds, the key that would have verified, a DER-encoded ECDSA signature, a secret
//! read the wrong way; and, with several keys, which one verified.

use serde_json::{Value, json};

use crate::util::*;

/// A public JWK fixture with `kid` (and any other members) added.
fn jwk(file: &str, extra: Value) -> Value {
    let text = std::fs::read_to_string(key(file)).expect("jwk fixture");
    let mut jwk: Value = serde_json::from_str(&text).expect("jwk fixture is JSON");
    for (k, v) in extra.as_object().expect("object") {
        jwk[k] = v.clone();
    }
    jwk
}

/// RSA "rsa" (RFC 7515 A.2), EC P-256 "ec" (A.3) and EC P-521 "ec-521" (A.4).
fn mixed_set() -> tempfile::NamedTempFile {
    let set = json!({"keys": [
        jwk("rfc7515-a2.rsa.pub.jwk", json!({"kid": "rsa"})),
        jwk("rfc7515-a3.ec.pub.jwk", json!({"kid": "ec"})),
        jwk("rfc7515-a4.ec521.pub.jwk", json!({"kid": "ec-521"})),
    ]});
    temp_file(set.to_string())
}

fn oct(secret: &str, kid: &str) -> Value {
    json!({"kty": "oct", "k": b64url(secret), "kid": kid})
}

fn verify_with(set: &tempfile::NamedTempFile, token: &str, json: bool) -> assert_cmd::Command {
    let mut cmd = run(["verify", "--now", NOW, "--key"]);
    cmd.arg(path_of(set)).arg(token);
    if json {
        cmd.arg("--json");
    }
    cmd
}

fn hints(record: &Value) -> Vec<(String, String)> {
    record["hints"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|h| {
                    (
                        h["id"].as_str().expect("id").to_owned(),
                        h["message"].as_str().expect("message").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

// ---- the kid selects a key of another type --------------------------------------

#[test]
fn kid_naming_a_key_of_another_type_names_that_key_and_only_its_algorithms() {
    let token = sign(&["--key", &key("rfc7515-a2.rsa.jwk"), "--kid", "ec"]);
    let set = mixed_set();
    let assert = verify_with(&set, &token, false).assert().code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains(
            "algorithm \"RS256\" is not allowed for the key with kid \"ec\" (EC P-256; it allows: ES256)"
        ),
        "{stderr}"
    );
    for other in ["RS384", "PS256", "ES512"] {
        assert!(!stderr.contains(other), "lists {other}: {stderr}");
    }
    // The RSA key in the set verifies it: the kid is the mistake.
    assert!(
        stderr.contains("hint: the RSA 2048-bit key with kid \"rsa\" verifies this token"),
        "{stderr}"
    );

    let assert = verify_with(&set, &token, true).assert().code(1);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["error"]["id"], "alg-not-allowed");
    assert_eq!(record["error"]["code"], 1);
    assert!(
        record["error"]["message"]
            .as_str()
            .unwrap()
            .ends_with("(EC P-256; it allows: ES256)")
    );
    let hints = hints(&record);
    assert_eq!(hints.len(), 1, "{hints:?}");
    assert_eq!(hints[0].0, "other-key-verifies");
}

#[test]
fn kid_naming_a_pinned_key_lists_only_its_pin() {
    let set = temp_file(
        json!({"keys": [
            jwk("rfc7515-a2.rsa.pub.jwk", json!({"kid": "rsa", "alg": "RS256"})),
            jwk("rfc7515-a3.ec.pub.jwk", json!({"kid": "ec"})),
        ]})
        .to_string(),
    );
    let token = sign(&[
        "--key",
        &key("rfc7515-a2.rsa.jwk"),
        "--kid",
        "rsa",
        "--alg",
        "PS256",
    ]);
    let assert = verify_with(&set, &token, false).assert().code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("for the key with kid \"rsa\" (RSA 2048-bit; it allows: RS256)"),
        "{stderr}"
    );
    assert!(!stderr.contains("ES256"), "{stderr}");
}

#[test]
fn a_single_key_still_lists_what_it_allows() {
    let token = sign(&["--key", &key("rfc7515-a3.ec.jwk")]);
    let assert = run(["verify", "--now", NOW, "--key", &key("rsa1024.pub.pem")])
        .arg("--allow-weak-key")
        .arg(&token)
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("\"ES256\" is not allowed for this key (allowed: RS256, RS512)"),
        "{stderr}"
    );
}

// ---- the kid is not in the set --------------------------------------------------

#[test]
fn unknown_kid_lists_the_kids_in_the_set() {
    let token = sign(&["--key", &key("rfc7515-a3.ec.jwk"), "--kid", "ec-2"]);
    let set = mixed_set();
    let assert = verify_with(&set, &token, false).assert().code(6);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("hint: kids in the key set: \"rsa\", \"ec\", \"ec-521\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: the EC P-256 key with kid \"ec\" verifies this token"),
        "{stderr}"
    );

    let assert = verify_with(&set, &token, true).assert().code(6);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["error"]["id"], "no-key-for-kid");
    let ids: Vec<String> = hints(&record).into_iter().map(|h| h.0).collect();
    assert_eq!(ids, ["known-kids", "other-key-verifies"]);
}

#[test]
fn unknown_kid_that_no_key_verifies_only_lists_the_kids() {
    let token = sign(&["--key", &key("ec-p256.pkcs8.pem"), "--kid", "elsewhere"]);
    let set = mixed_set();
    let assert = verify_with(&set, &token, true).assert().code(6);
    let record = one_json_line(&assert.get_output().stdout);
    let hints = hints(&record);
    assert_eq!(hints.len(), 1, "{hints:?}");
    assert_eq!(hints[0].0, "known-kids");
}

#[test]
fn the_list_of_kids_is_capped_and_escaped() {
    let mut keys: Vec<Value> = (0..12)
        .map(|i| oct(&format!("{SECRET}{i}"), &format!("k{i}")))
        .collect();
    keys[0]["kid"] = json!("\u{1b}[31mred\u{202e}");
    let set = temp_file(json!({ "keys": keys }).to_string());
    let token = sign(&["--secret", SECRET, "--kid", "missing"]);
    let assert = verify_with(&set, &token, false).assert().code(6);
    let stderr = stderr_of(&assert);
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{202e}'),
        "{stderr}"
    );
    assert!(stderr.contains("\"k9\" and 2 more"), "{stderr}");
    assert!(!stderr.contains("\"k10\""), "{stderr}");
}

#[test]
fn wrong_kid_of_the_same_type_names_the_key_that_verifies() {
    let other = "a second HMAC secret for jwtx tests, 32+ bytes";
    let set = temp_file(json!({"keys": [oct(SECRET, "a"), oct(other, "b")]}).to_string());
    let token = sign(&["--secret", other, "--kid", "a"]);
    let assert = verify_with(&set, &token, false).assert().code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("invalid: signature does not match"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: the HMAC secret with kid \"b\" verifies this token"),
        "{stderr}"
    );
    // A forgery gets no such hint.
    let forged = sign(&["--secret", OTHER_SECRET, "--kid", "a"]);
    let assert = verify_with(&set, &forged, true).assert().code(1);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["error"]["id"], "bad-signature");
    assert!(record.get("hints").is_none(), "{record}");
}

// ---- DER-encoded ECDSA signatures -----------------------------------------------

/// `SEQUENCE { INTEGER r, INTEGER s }` for a fixed-size r||s.
fn to_der(fixed: &[u8]) -> Vec<u8> {
    let int = |v: &[u8]| {
        let start = v.iter().position(|&b| b != 0).unwrap_or(v.len() - 1);
        let mut v = v[start..].to_vec();
        if v[0] & 0x80 != 0 {
            v.insert(0, 0);
        }
        let mut out = vec![0x02, v.len() as u8];
        out.extend(v);
        out
    };
    let (r, s) = fixed.split_at(fixed.len() / 2);
    let mut body = int(r);
    body.extend(int(s));
    let mut out = vec![0x30];
    if body.len() >= 0x80 {
        out.push(0x81);
    }
    out.push(body.len() as u8);
    out.extend(body);
    out
}

fn with_signature(token: &str, signature: &[u8]) -> String {
    let (input, _) = token.rsplit_once('.').expect("compact");
    format!("{input}.{}", b64url(signature))
}

#[test]
fn der_encoded_ecdsa_signature_is_named() {
    for (private, public) in [
        ("rfc7515-a3.ec.jwk", "rfc7515-a3.ec.pub.jwk"),
        ("rfc7515-a4.ec521.jwk", "rfc7515-a4.ec521.pub.jwk"),
    ] {
        let token = sign(&["--key", &key(private)]);
        let (_, sig) = token.rsplit_once('.').unwrap();
        let der_token = with_signature(&token, &to_der(&b64url_decode(sig)));
        let assert = run(["verify", "--now", NOW, "--key", &key(public)])
            .arg(&der_token)
            .assert()
            .code(1);
        let stderr = stderr_of(&assert);
        assert!(stderr.contains("signature does not match"), "{stderr}");
        assert!(
            stderr.contains("hint: the signature is DER-encoded")
                && stderr.contains("converted to r||s, it verifies"),
            "{public}: {stderr}"
        );
        let assert = run(["verify", "--now", NOW, "--json", "--key", &key(public)])
            .arg(&der_token)
            .assert()
            .code(1);
        let record = one_json_line(&assert.get_output().stdout);
        assert_eq!(hints(&record)[0].0, "der-signature");
    }
}

#[test]
fn der_signature_that_does_not_verify_converted_says_so() {
    // A DER signature by another P-256 key.
    let token = sign(&["--key", &key("ec-p256.pkcs8.pem")]);
    let (_, sig) = token.rsplit_once('.').unwrap();
    let der_token = with_signature(&token, &to_der(&b64url_decode(sig)));
    let assert = run([
        "verify",
        "--now",
        NOW,
        "--key",
        &key("rfc7515-a3.ec.pub.jwk"),
    ])
    .arg(&der_token)
    .assert()
    .code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("DER-encoded") && stderr.contains("even converted it does not verify"),
        "{stderr}"
    );
    // A fixed-size signature that merely fails gets no DER hint.
    let plain = run([
        "verify",
        "--now",
        NOW,
        "--key",
        &key("rfc7515-a3.ec.pub.jwk"),
    ])
    .arg(&token)
    .assert()
    .code(1);
    assert!(
        !stderr_of(&plain).contains("hint:"),
        "{}",
        stderr_of(&plain)
    );
}

// ---- a secret read the wrong way ------------------------------------------------

#[test]
fn secret_needing_another_encoding_names_the_flag_and_never_the_secret() {
    // The text is base64; the issuer signed with the decoded bytes.
    let text = b64url(SECRET).replace('-', "+").replace('_', "/");
    for (encoding, text) in [("base64", text), ("hex", hex(SECRET))] {
        let token = sign(&["--secret", &text, "--secret-encoding", encoding]);
        let assert = run(["verify", "--now", NOW, "--secret", &text])
            .arg(&token)
            .assert()
            .code(1);
        let stderr = stderr_of(&assert);
        assert!(
            stderr.contains(&format!(
                "hint: the secret verifies this token when read with --secret-encoding {encoding}"
            )),
            "{stderr}"
        );
        assert!(
            !stderr.contains(&text) && !stderr.contains(SECRET),
            "{stderr}"
        );
        let assert = run(["verify", "--now", NOW, "--json", "--secret", &text])
            .arg(&token)
            .assert()
            .code(1);
        let out = stdout_of(&assert);
        assert!(!out.contains(&text) && !out.contains(SECRET));
        let record = one_json_line(out.as_bytes());
        assert_eq!(hints(&record)[0].0, "secret-reading");
    }
}

fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn secret_given_decoded_when_it_is_plain_text_names_utf8() {
    let text = hex(SECRET);
    let token = sign(&["--secret", &text]);
    let assert = run([
        "verify",
        "--now",
        NOW,
        "--secret-encoding",
        "hex",
        "--secret",
        &text,
    ])
    .arg(&token)
    .assert()
    .code(1);
    assert!(
        stderr_of(&assert).contains("read with --secret-encoding utf8"),
        "{}",
        stderr_of(&assert)
    );
}

#[test]
fn secret_file_with_trailing_whitespace_says_to_remove_it() {
    let token = sign(&["--secret", SECRET]);
    let file = temp_file(format!("{SECRET} \n\n"));
    let assert = run(["verify", "--now", NOW, "--secret-file", &path_of(&file)])
        .arg(&token)
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("without the trailing whitespace in the secret file"),
        "{stderr}"
    );
    assert!(!stderr.contains(SECRET), "{stderr}");
}

#[test]
fn a_plainly_wrong_secret_gets_no_hint() {
    let token = sign(&["--secret", SECRET]);
    let assert = run(["verify", "--now", NOW, "--secret", OTHER_SECRET])
        .arg(&token)
        .assert()
        .code(1);
    assert!(!stderr_of(&assert).contains("hint:"));
}

// ---- which key verified ---------------------------------------------------------

#[test]
fn valid_line_names_the_key_when_there_are_several() {
    let token = sign(&["--key", &key("rfc7515-a3.ec.jwk"), "--kid", "ec"]);
    let set = mixed_set();
    let assert = verify_with(&set, &token, false).assert().code(0);
    assert!(
        stdout_of(&assert).starts_with("valid (ES256; key kid \"ec\"; "),
        "{}",
        stdout_of(&assert)
    );
    // Without kids: the thumbprint.
    let token = sign(&["--key", &key("rfc7515-a3.ec.jwk")]);
    let assert = run([
        "verify",
        "--now",
        NOW,
        "--key",
        &key("jwks-two-p256-nokid.json"),
    ])
    .arg(&token)
    .assert()
    .code(0);
    let stdout = stdout_of(&assert);
    let json = run([
        "verify",
        "--now",
        NOW,
        "--json",
        "--key",
        &key("jwks-two-p256-nokid.json"),
    ])
    .arg(&token)
    .assert()
    .code(0);
    let thumbprint = one_json_line(&json.get_output().stdout)["key"]["thumbprint"]
        .as_str()
        .expect("thumbprint")
        .to_owned();
    assert!(
        stdout.starts_with(&format!("valid (ES256; key thumbprint {thumbprint}; ")),
        "{stdout}"
    );
    // One key: nothing to say.
    let assert = run([
        "verify",
        "--now",
        NOW,
        "--key",
        &key("rfc7515-a3.ec.pub.jwk"),
    ])
    .arg(&token)
    .assert()
    .code(0);
    assert!(
        !stdout_of(&assert).contains("key "),
        "{}",
        stdout_of(&assert)
    );
}

#[test]
fn a_reading_that_makes_a_weak_secret_says_so() {
    // 32 hex digits: 16 bytes decoded, too short for HS256.
    let text = "00112233445566778899aabbccddeeff";
    let token = sign(&[
        "--secret",
        text,
        "--secret-encoding",
        "hex",
        "--allow-weak-key",
    ]);
    let assert = run(["verify", "--now", NOW, "--secret", text])
        .arg(&token)
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("--secret-encoding hex (but then HMAC secret is 16 bytes")
            && stderr.contains("pass --allow-weak-key as well"),
        "{stderr}"
    );
}

#[test]
fn a_secret_from_standard_input_is_not_read_twice() {
    let text = hex(SECRET);
    let token = sign(&["--secret", &text, "--secret-encoding", "hex"]);
    let assert = run(["verify", "--now", NOW, "--secret-file", "-"])
        .arg(&token)
        .write_stdin(text.clone())
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("signature does not match"), "{stderr}");
    assert!(!stderr.contains("hint:"), "{stderr}");
}

#[test]
fn a_secret_from_a_fifo_is_not_read_twice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("secret");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let text = hex(SECRET);
    let token = sign(&["--secret", &text, "--secret-encoding", "hex"]);
    let writer = {
        let (fifo, text) = (fifo.clone(), text.clone());
        // Opening for writing waits for jwtx to open it for reading; one writer, once.
        std::thread::spawn(move || std::fs::write(fifo, text).expect("write the fifo"))
    };
    let assert = run(["verify", "--now", NOW, "--secret-file"])
        .arg(&fifo)
        .arg(&token)
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(1);
    writer.join().expect("writer");
    assert!(
        !stderr_of(&assert).contains("hint:"),
        "{}",
        stderr_of(&assert)
    );
}

#[test]
fn hints_carry_the_token_origin_in_a_stream() {
    let other = "a second HMAC secret for jwtx tests, 32+ bytes";
    let set = temp_file(json!({"keys": [oct(SECRET, "a"), oct(other, "b")]}).to_string());
    let good = sign(&["--secret", SECRET, "--kid", "a"]);
    let wrong = sign(&["--secret", other, "--kid", "a"]);
    let assert = run(["verify", "--now", NOW, "--key", &path_of(&set), "-"])
        .write_stdin(format!("{good}\n{wrong}\n"))
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("jwtx: line 2: invalid: signature does not match\njwtx: line 2: hint: the HMAC secret with kid \"b\""),
        "{stderr}"
    );
    assert!(
        stdout_of(&assert).starts_with("line 1: valid (HS256; key kid \"a\"; "),
        "{}",
        stdout_of(&assert)
    );
}
