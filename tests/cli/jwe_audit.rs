//! `jwtx audit` of JWEs: the header rules (RSA1_5), and with `--decrypt-key`, a JWE
//! secret or `--preset` with the framework's secret, the content too, its findings
//! attributed to the inner layer (`inner.` locations, `inner token:` messages); a JWE
//! the key does not open is a `jwe-not-decrypted` finding. With `--preset`, the framework
//! secret is searched among weak secrets: cookies made by the frameworks' own packages
//! under guessable secrets (tests/fixtures/cookies/weak.json, from generate-weak.mjs) are
//! found from the built-in list and from `--wordlist`, and the secret is masked.

use serde_json::Value;

use crate::util::*;

fn encrypt(args: &[&str]) -> String {
    let assert = run(["encrypt", "--now", NOW]).args(args).assert();
    assert_eq!(documented_code(&assert), 0, "{}", stderr_of(&assert));
    stdout_of(&assert).trim().to_owned()
}

/// `audit --format json` of the tokens; the exit code and the token records.
fn audit(args: &[&str]) -> (i32, Vec<Value>) {
    let assert = run(["audit", "--now", NOW, "--format", "json"])
        .args(args)
        .assert();
    let code = documented_code(&assert);
    let records = json_lines(&assert.get_output().stdout);
    assert!(
        records.iter().all(|r| r["type"] != "error"),
        "{records:?} {}",
        stderr_of(&assert)
    );
    let tokens = records
        .into_iter()
        .filter(|r| r["type"] == "token")
        .collect();
    (code, tokens)
}

fn findings(record: &Value) -> Vec<(String, String, String)> {
    record["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["location"].as_str().unwrap_or("").to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn rules(record: &Value) -> Vec<String> {
    findings(record).into_iter().map(|f| f.0).collect()
}

fn rsa_jwe_of_signed_hs256() -> String {
    // An HS256 token signed with a guessable secret, then encrypted to an RSA key.
    let inner = sign(&[
        "--secret",
        "secret",
        "--allow-weak-key",
        "--sub",
        "alice",
        "--iss",
        "https://issuer.example.com",
        "--aud",
        "api",
        "--exp",
        "+1h",
    ]);
    encrypt(&["--key", &key("rsa2048.pub.pem"), "--jws", &inner])
}

#[test]
fn the_inner_token_is_audited_with_every_rule_and_attributed() {
    let jwe = rsa_jwe_of_signed_hs256();
    // Without the key: the header only.
    let (code, tokens) = audit(&[&jwe]);
    assert_eq!(code, 0);
    assert_eq!(rules(&tokens[0]), ["encrypted-token"]);
    // With it: the nested token's findings, the weak-secret search included.
    let (code, tokens) = audit(&["--decrypt-key", &key("rsa2048.pkcs8.pem"), &jwe]);
    assert_eq!(code, 1, "a weak inner HMAC secret fails the default gate");
    let found = findings(&tokens[0]);
    assert!(!found.iter().any(|f| f.0 == "encrypted-token"), "{found:?}");
    let weak = found.iter().find(|f| f.0 == "hmac-weak-secret").unwrap();
    assert_eq!(weak.1, "inner.signature");
    assert!(weak.2.starts_with("inner token: "), "{}", weak.2);
    assert!(
        !weak.2.contains("\"secret\""),
        "the secret is masked: {}",
        weak.2
    );
    let jti = found.iter().find(|f| f.0 == "missing-jti").unwrap();
    assert_eq!(jti.1, "inner.payload.jti");
    // A signed inner token is not unsigned content.
    assert!(!found.iter().any(|f| f.0 == "jwe-unsigned-content"));
    // The report's alg is the JWE's.
    assert_eq!(tokens[0]["alg"], "RSA-OAEP-256");
}

#[test]
fn the_text_report_names_the_inner_layer() {
    let jwe = rsa_jwe_of_signed_hs256();
    let assert = run([
        "audit",
        "--now",
        NOW,
        "--decrypt-key",
        &key("rsa2048.pkcs8.pem"),
        &jwe,
    ])
    .assert()
    .code(1);
    let out = stdout_of(&assert);
    assert!(out.contains("[inner.signature]"), "{out}");
    assert!(
        out.contains("inner token: the HS256 signature verifies"),
        "{out}"
    );
}

#[test]
fn bare_claims_and_unsecured_tokens_in_a_public_key_jwe_are_unsigned_content() {
    let claims = encrypt(&["--key", &key("rsa2048.pub.pem"), r#"{"sub":"alice"}"#]);
    let (code, tokens) = audit(&["--decrypt-key", &key("rsa2048.pkcs8.pem"), &claims]);
    assert_eq!(code, 1);
    let found = findings(&tokens[0]);
    assert!(
        found.iter().any(|f| f.0 == "jwe-unsigned-content"),
        "{found:?}"
    );
    let exp = found.iter().find(|f| f.0 == "missing-exp").unwrap();
    assert_eq!(exp.1, "inner.payload.exp");

    let unsecured = temp_file("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.");
    let jwe = encrypt(&[
        "--key",
        &key("ec-p256.pub.pem"),
        "--payload-file",
        &path_of(&unsecured),
    ]);
    let (code, tokens) = audit(&["--decrypt-key", &key("ec-p256.pkcs8.pem"), &jwe]);
    assert_eq!(code, 1);
    let found = findings(&tokens[0]);
    assert!(
        found.iter().any(|f| f.0 == "jwe-unsigned-content"),
        "{found:?}"
    );
    let none = found.iter().find(|f| f.0 == "alg-none").unwrap();
    assert_eq!(none.1, "inner.header.alg");
}

#[test]
fn symmetric_jwes_open_with_the_secret_options() {
    let secret = "0123456789abcdef0123456789abcdef";
    let jwe = encrypt(&["--secret", secret, "--alg", "dir", r#"{"sub":"alice"}"#]);
    let assert = run([
        "audit",
        "--now",
        NOW,
        "--format",
        "json",
        "--secret-env",
        "JWE_KEY",
        &jwe,
    ])
    .env("JWE_KEY", secret)
    .assert();
    let records = json_lines(&assert.get_output().stdout);
    let found = findings(&records[0]);
    // Only a secret holder can make a dir JWE: bare claims are not a forgery risk.
    assert!(
        !found.iter().any(|f| f.0 == "jwe-unsigned-content"),
        "{found:?}"
    );
    assert!(
        found.iter().any(|f| f.1 == "inner.payload.exp"),
        "{found:?}"
    );
}

#[test]
fn a_jwe_the_key_does_not_open_is_a_medium_finding() {
    let jwe = rsa_jwe_of_signed_hs256();
    let wrong = key("rsa2048.pkcs8.pem").replace("rsa2048.pkcs8", "ec-p256.pkcs8");
    let (code, tokens) = audit(&["--decrypt-key", &wrong, &jwe]);
    assert_eq!(code, 0, "below the default --fail-on high");
    let found = findings(&tokens[0]);
    let miss = found.iter().find(|f| f.0 == "jwe-not-decrypted").unwrap();
    assert!(miss.2.contains("cannot be used with"), "{}", miss.2);
    assert!(found.iter().any(|f| f.0 == "encrypted-token"));
    let (code, _) = audit(&["--decrypt-key", &wrong, "--fail-on", "medium", &jwe]);
    assert_eq!(code, 1);
}

#[test]
fn rsa1_5_is_flagged_and_opens_only_when_allowed() {
    let token = std::fs::read_to_string(fixture("jwe/rfc7516/a2.jwe")).unwrap();
    let token = token.trim();
    let (code, tokens) = audit(&[token]);
    assert_eq!(code, 1, "jwe-rsa1-5 is high");
    assert!(rules(&tokens[0]).contains(&"jwe-rsa1-5".to_owned()));
    let jwk = fixture("jwe/rfc7516/a2.jwk");
    let (_, tokens) = audit(&["--decrypt-key", &jwk, token]);
    let found = findings(&tokens[0]);
    let miss = found.iter().find(|f| f.0 == "jwe-not-decrypted").unwrap();
    assert!(miss.2.contains("--allow-rsa1-5"), "{}", miss.2);
    let (_, tokens) = audit(&["--decrypt-key", &jwk, "--allow-rsa1-5", token]);
    let found = rules(&tokens[0]);
    assert!(found.contains(&"jwe-rsa1-5".to_owned()), "{found:?}");
    assert!(
        !found.contains(&"jwe-not-decrypted".to_owned()),
        "{found:?}"
    );
    assert!(!found.contains(&"encrypted-token".to_owned()), "{found:?}");
}

#[test]
fn a_repeated_jwe_is_opened_once_and_grouped() {
    let jwe = rsa_jwe_of_signed_hs256();
    let list = temp_file(format!("{jwe}\n{jwe}\n{jwe}\n"));
    let (_, tokens) = audit(&[
        "--decrypt-key",
        &key("rsa2048.pkcs8.pem"),
        &format!("@{}", path_of(&list)),
    ]);
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0]["occurrences"], 3);
}

fn weak_cookies() -> Value {
    let text = std::fs::read_to_string(fixture("cookies/weak.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn framework_cookies_under_a_listed_secret_are_critical() {
    let file = weak_cookies();
    let secret = file["builtin"].as_str().unwrap();
    let mut seen = 0;
    for c in file["cookies"].as_array().unwrap() {
        if c["source"] != "builtin" {
            continue;
        }
        let preset = c["preset"].as_str().unwrap();
        let value = c["value"].as_str().unwrap();
        let (code, tokens) = audit(&["--preset", preset, value]);
        assert_eq!(code, 1, "{c}");
        let found = findings(&tokens[0]);
        let weak = found
            .iter()
            .find(|f| f.0 == "session-cookie-weak-secret")
            .unwrap_or_else(|| panic!("{c}: {found:?}"));
        assert!(
            weak.2
                .contains("from the built-in list (documentation and tutorial secrets)"),
            "{}",
            weak.2
        );
        assert!(!weak.2.contains(secret), "masked: {}", weak.2);
        assert!(weak.2.contains("ke******"), "{}", weak.2);
        if preset == "authjs" {
            let name = c["cookie_name"].as_str().unwrap();
            assert!(
                weak.2.contains(&format!("cookie name {name}")),
                "{}",
                weak.2
            );
        }
        seen += 1;
    }
    assert_eq!(seen, 5);
}

#[test]
fn framework_cookie_secrets_come_from_the_wordlist_and_show_with_reveal() {
    let file = weak_cookies();
    let secret = file["wordlist"].as_str().unwrap();
    let wordlist = temp_file(format!("nope\nstill-not\n{secret}\n"));
    let mut seen = 0;
    for c in file["cookies"].as_array().unwrap() {
        if c["source"] != "wordlist" {
            continue;
        }
        let preset = c["preset"].as_str().unwrap();
        let value = c["value"].as_str().unwrap();
        // Not in the built-in list.
        let (code, tokens) = audit(&["--preset", preset, value]);
        assert_eq!(code, 0, "{c}");
        assert_eq!(rules(&tokens[0]), ["encrypted-token"]);
        let (_, tokens) = audit(&[
            "--preset",
            preset,
            "--wordlist",
            &path_of(&wordlist),
            "--reveal-secrets",
            value,
        ]);
        let found = findings(&tokens[0]);
        let weak = found
            .iter()
            .find(|f| f.0 == "session-cookie-weak-secret")
            .unwrap_or_else(|| panic!("{c}: {found:?}"));
        assert!(weak.2.contains("from the wordlist (line 3)"), "{}", weak.2);
        assert!(weak.2.contains(&format!("{secret:?}")), "{}", weak.2);
        seen += 1;
    }
    assert_eq!(seen, 5);
}

#[test]
fn a_cookie_under_a_strong_secret_opens_with_it_and_is_not_weak() {
    let text = std::fs::read_to_string(fixture("cookies/cookies.json")).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    let secret = file["secret"].as_str().unwrap();
    let value = file["cookies"]["nextauth_v4"]["value"].as_str().unwrap();
    let (code, tokens) = audit(&["--preset", "nextauth-v4", "--secret", secret, value]);
    assert_eq!(code, 0);
    let found = findings(&tokens[0]);
    assert!(!found.iter().any(|f| f.0 == "session-cookie-weak-secret"));
    assert!(!found.iter().any(|f| f.0 == "encrypted-token"));
    let email = found.iter().find(|f| f.0 == "pii-email").unwrap();
    assert_eq!(email.1, "inner.payload.email");
    // The wrong framework: not opened, and said so.
    let (_, tokens) = audit(&["--preset", "auth0", "--secret", secret, value]);
    let found = findings(&tokens[0]);
    let miss = found.iter().find(|f| f.0 == "jwe-not-decrypted").unwrap();
    assert!(miss.2.contains("use the nextauth-v4 preset"), "{}", miss.2);
}
