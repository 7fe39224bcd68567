//! Key strength: short HMAC secrets (RFC 7518 §3.2), RSA keys under 2048 bits (§3.3),
//! key sets that mix secrets with public keys, and `--allow-weak-key`.

use predicates::prelude::*;
use serde_json::Value;

use crate::util::*;

/// 31 bytes: one short of what HS256 needs.
const SHORT: &str = "thirty-one bytes, one too short";
/// 40 bytes: enough for HS256, not for HS384 or HS512.
const FORTY: &str = "forty bytes: fine for HS256, not HS512!!";

fn token_file(name: &str) -> String {
    fixture(&format!("tokens/{name}"))
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

#[test]
fn lengths_of_the_test_secrets() {
    assert_eq!(SHORT.len(), 31);
    assert_eq!(FORTY.len(), 40);
}

#[test]
fn sign_refuses_a_secret_shorter_than_the_hash() {
    for (secret, alg, bytes, required) in [
        ("x", "HS256", "1 byte;", "32"),
        (SHORT, "HS256", "31 bytes;", "32"),
        (FORTY, "HS384", "40 bytes;", "48"),
        (FORTY, "HS512", "40 bytes;", "64"),
    ] {
        let assert = run(["sign", "--now", NOW, "--secret", secret, "--alg", alg])
            .assert()
            .code(6)
            .stdout("");
        let stderr = stderr_of(&assert);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        for part in [
            bytes,
            &format!("{alg} requires at least {required}"),
            "RFC 7518 §3.2",
            "--allow-weak-key",
        ] {
            assert!(stderr.contains(part), "{part:?} missing from {stderr:?}");
        }
    }
}

#[test]
fn sign_takes_a_secret_of_the_hash_size() {
    let token = sign(&["--secret", FORTY, "--alg", "HS256"]);
    assert_eq!(header_of(&token)["alg"], "HS256");
    sign(&["--secret", SECRET, "--alg", "HS512"]);
}

#[test]
fn allow_weak_key_signs_with_a_warning_and_a_json_entry() {
    let assert = run([
        "sign",
        "--now",
        NOW,
        "--secret",
        "x",
        "--allow-weak-key",
        "--sub",
        "legacy",
    ])
    .assert()
    .code(0);
    let stderr = stderr_of(&assert);
    assert_eq!(
        stderr,
        "jwtx: warning: HMAC secret is 1 byte; HS256 requires at least 32 (RFC 7518 §3.2); used because of --allow-weak-key\n"
    );
    let token = stdout_of(&assert);
    assert_eq!(payload_of(token.trim())["sub"], "legacy");

    let assert = run([
        "sign",
        "--now",
        NOW,
        "--secret",
        "x",
        "--allow-weak-key",
        "--json",
    ])
    .assert()
    .code(0);
    let record: Value = serde_json::from_str(&stdout_of(&assert)).expect("JSON");
    assert_eq!(
        record["warnings"],
        serde_json::json!([
            "HMAC secret is 1 byte; HS256 requires at least 32 (RFC 7518 §3.2); used because of --allow-weak-key"
        ])
    );
    let strong = run(["sign", "--now", NOW, "--secret", SECRET, "--json"])
        .assert()
        .code(0);
    let record: Value = serde_json::from_str(&stdout_of(&strong)).expect("JSON");
    assert_eq!(record["warnings"], serde_json::json!([]));
}

#[test]
fn the_empty_secret_is_refused_even_with_allow_weak_key() {
    for command in ["sign", "verify"] {
        run([
            command,
            "--now",
            NOW,
            "--secret",
            "",
            "--allow-weak-key",
            "t.t.t",
        ])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("empty"));
    }
}

#[test]
fn verify_refuses_a_short_secret_before_reading_tokens() {
    let token = sign(&["--secret", "x", "--allow-weak-key", "--exp", "1h"]);
    let assert = run(["verify", "--now", NOW, "--secret", "x", &token])
        .assert()
        .code(6)
        .stdout("");
    let stderr = stderr_of(&assert);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("1 byte; HS256 requires at least 32 (RFC 7518 §3.2)"));
    assert!(stderr.contains("--allow-weak-key"));
}

#[test]
fn verify_with_allow_weak_key_warns_and_verifies() {
    let token = sign(&["--secret", "x", "--allow-weak-key", "--exp", "1h"]);
    let assert = run([
        "verify",
        "--now",
        NOW,
        "--secret",
        "x",
        "--allow-weak-key",
        &token,
    ])
    .assert()
    .code(0);
    assert_eq!(stdout_of(&assert), "valid (HS256; expires in 1h)\n");
    assert!(stderr_of(&assert).contains("warning: HMAC secret is 1 byte"));

    let assert = run([
        "verify",
        "--now",
        NOW,
        "--secret",
        "x",
        "--allow-weak-key",
        "--json",
        &token,
    ])
    .assert()
    .code(0);
    let record: Value = serde_json::from_str(&stdout_of(&assert)).expect("JSON");
    assert_eq!(record["valid"], true);
    let warnings = record["warnings"].as_array().expect("warnings");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].as_str().unwrap().contains("1 byte"));
    // A full-size key has no warnings member.
    let strong = sign(&["--secret", SECRET, "--exp", "1h"]);
    let assert = run([
        "verify", "--now", NOW, "--secret", SECRET, "--json", &strong,
    ])
    .assert()
    .code(0);
    let record: Value = serde_json::from_str(&stdout_of(&assert)).expect("JSON");
    assert!(record.get("warnings").is_none(), "{record}");
}

#[test]
fn a_secret_long_enough_for_hs256_fails_hs512_tokens_alone() {
    let hs256 = sign(&["--secret", FORTY, "--alg", "HS256", "--exp", "1h"]);
    let hs512 = sign(&[
        "--secret",
        FORTY,
        "--alg",
        "HS512",
        "--allow-weak-key",
        "--exp",
        "1h",
    ]);
    let assert = run(["verify", "--now", NOW, "--secret", FORTY, &hs256, &hs512])
        .assert()
        .code(6);
    assert_eq!(
        stdout_of(&assert),
        "argument 1: valid (HS256; expires in 1h)\n"
    );
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains(
            "argument 2: key problem: HMAC secret is 40 bytes; HS512 requires at least 64"
        ) && stderr.contains("--allow-weak-key"),
        "{stderr}"
    );
    // Narrowed to HS512 with --alg, the key is refused before any token is read.
    run([
        "verify", "--now", NOW, "--secret", FORTY, "--alg", "HS512", &hs256,
    ])
    .assert()
    .code(6)
    .stdout("")
    .stderr(predicate::str::contains(
        "40 bytes; HS512 requires at least 64",
    ));
    run([
        "verify",
        "--now",
        NOW,
        "--secret",
        FORTY,
        "--allow-weak-key",
        &hs512,
    ])
    .assert()
    .code(0);
}

#[test]
fn a_short_oct_jwk_is_refused() {
    // 16 bytes of key: a JWK oct key that once verified HS256.
    let jwk = temp_file(r#"{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODw"}"#);
    let token = sign(&["--key", &path_of(&jwk), "--allow-weak-key", "--exp", "1h"]);
    run(["verify", "--now", NOW, "--key", &path_of(&jwk), &token])
        .assert()
        .code(6)
        .stderr(predicate::str::contains(
            "16 bytes; HS256 requires at least 32",
        ));
    run([
        "verify",
        "--now",
        NOW,
        "--key",
        &path_of(&jwk),
        "--allow-weak-key",
        &token,
    ])
    .assert()
    .code(0);
}

#[test]
fn expiry_refuses_a_short_secret_too() {
    let token = sign(&["--secret", "x", "--allow-weak-key", "--exp", "1h"]);
    run(["expiry", "--now", NOW, "--secret", "x", &token])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("--allow-weak-key"));
    run([
        "expiry",
        "--now",
        NOW,
        "--secret",
        "x",
        "--allow-weak-key",
        &token,
    ])
    .assert()
    .code(0);
}

#[test]
fn rsa_1024_verifies_only_with_allow_weak_key() {
    let token = format!("@{}", token_file("rs256-rsa1024.jwt"));
    for key_file in ["rsa1024.pub.pem", "rsa1024.pem"] {
        let assert = run(["verify", "--now", NOW, "--key", &key(key_file), &token])
            .assert()
            .code(6)
            .stdout("");
        let stderr = stderr_of(&assert);
        assert!(
            stderr.contains("RSA key is 1024 bits; at least 2048 are required (RFC 7518 §3.3)")
                && stderr.contains("--allow-weak-key"),
            "{stderr}"
        );
        let assert = run([
            "verify",
            "--now",
            NOW,
            "--key",
            &key(key_file),
            "--allow-weak-key",
            &token,
        ])
        .assert()
        .code(0);
        assert!(stdout_of(&assert).ends_with("valid (RS256; expires in 1h)\n"));
        assert!(stderr_of(&assert).contains("warning: RSA key is 1024 bits"));
    }
}

#[test]
fn rsa_1024_legacy_mode_serves_rs256_and_rs512_only() {
    let token = format!("@{}", token_file("rs384-rsa1024.jwt"));
    run([
        "verify",
        "--now",
        NOW,
        "--key",
        &key("rsa1024.pub.pem"),
        "--allow-weak-key",
        &token,
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "\"RS384\" is not allowed for this key (allowed: RS256, RS512)",
    ));
}

#[test]
fn rsa_1024_never_signs() {
    for extra in [&[][..], &["--allow-weak-key"][..]] {
        run(["sign", "--now", NOW, "--key", &key("rsa1024.pem")])
            .args(extra)
            .assert()
            .code(6)
            .stdout("")
            .stderr(predicate::str::contains(
                "RSA key is 1024 bits; jwtx signs only with at least 2048",
            ));
    }
}

#[test]
fn a_key_set_mixing_secrets_and_public_keys_is_refused() {
    let pub_jwk: Value =
        serde_json::from_str(&std::fs::read_to_string(key("rfc7515-a3.ec.pub.jwk")).unwrap())
            .unwrap();
    let set = serde_json::json!({"keys": [
        pub_jwk,
        {"kty": "oct", "kid": "hmac", "k": "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}
    ]});
    let file = temp_file(set.to_string());
    let token = sign(&["--secret", SECRET, "--exp", "1h"]);
    let assert = run(["verify", "--now", NOW, "--key", &path_of(&file), &token])
        .assert()
        .code(6)
        .stdout("");
    let stderr = stderr_of(&assert);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("mixes symmetric (oct) keys with public keys"),
        "{stderr}"
    );
    // --allow-weak-key is about size, not this: still refused.
    run([
        "verify",
        "--now",
        NOW,
        "--key",
        &path_of(&file),
        "--allow-weak-key",
        &token,
    ])
    .assert()
    .code(6);
}

#[test]
fn a_jwk_that_cannot_verify_is_a_key_problem() {
    let token = sign(&["--key", &key("rfc7515-a3.ec.jwk"), "--exp", "1h"]);
    let public: Value =
        serde_json::from_str(&std::fs::read_to_string(key("rfc7515-a3.ec.pub.jwk")).unwrap())
            .unwrap();
    for (extra, reason) in [
        (
            serde_json::json!({"use": "enc"}),
            "its \"use\" is \"enc\", not \"sig\"",
        ),
        (
            serde_json::json!({"key_ops": ["encrypt"]}),
            "its \"key_ops\" do not include \"verify\"",
        ),
        (
            serde_json::json!({"alg": "ES521"}),
            "its \"alg\" \"ES521\" is not a signature algorithm for an EC P-256 key",
        ),
    ] {
        let mut jwk = public.clone();
        jwk.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let single = temp_file(jwk.to_string());
        run(["verify", "--now", NOW, "--key", &path_of(&single), &token])
            .assert()
            .code(6)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "this JWK cannot verify signatures: {reason}"
            )));
        jwk["kid"] = "k1".into();
        let set = temp_file(serde_json::json!({"keys": [jwk]}).to_string());
        run(["verify", "--now", NOW, "--key", &path_of(&set), &token])
            .assert()
            .code(6)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "the JWKS holds no usable signature keys (key 1 (kid \"k1\"): {reason})"
            )));
    }
}

#[test]
fn a_roca_key_is_refused_for_verify_whatever_the_flags() {
    let token = sign(&["--secret", SECRET, "--exp", "1h"]);
    for file in [
        "roca/roca-2049.pub.pem",
        "roca/roca-2049.pub.jwk",
        "roca/roca-2049.cert.pem",
    ] {
        for extra in [&[][..], &["--allow-weak-key"][..]] {
            let assert = run(["verify", "--now", NOW, "--key", &key(file)])
                .args(extra)
                .arg(&token)
                .assert()
                .code(6)
                .stdout("");
            let stderr = stderr_of(&assert);
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
            assert!(
                stderr.contains("has the ROCA fingerprint (CVE-2017-15361)"),
                "{file}: {stderr}"
            );
        }
    }
    // A ROCA key in a set spoils the set: its kid is named.
    let roca: Value =
        serde_json::from_str(&std::fs::read_to_string(key("roca/roca-2049.pub.jwk")).unwrap())
            .unwrap();
    let mut roca = roca;
    roca["kid"] = "old-hsm".into();
    let good: Value =
        serde_json::from_str(&std::fs::read_to_string(key("rfc7515-a2.rsa.pub.jwk")).unwrap())
            .unwrap();
    let set = temp_file(serde_json::json!({"keys": [good, roca]}).to_string());
    run(["verify", "--now", NOW, "--key", &path_of(&set), &token])
        .assert()
        .code(6)
        .stderr(predicate::str::contains(
            "kid \"old-hsm\" has the ROCA fingerprint",
        ));
}

#[test]
fn a_forgery_against_a_set_with_one_weak_key_is_a_bad_signature() {
    // The strong key was tried and the signature did not match: that is the answer,
    // not "pass --allow-weak-key".
    let set = temp_file(
        serde_json::json!({"keys": [
            {"kty": "oct", "kid": "weak", "k": "eA"},
            {"kty": "oct", "kid": "strong", "k": "c3Ryb25nLXN0cm9uZy1zdHJvbmctc3Ryb25nLXN0cm9uZyE"}
        ]})
        .to_string(),
    );
    let forged = sign(&["--secret", OTHER_SECRET, "--exp", "1h"]);
    run(["verify", "--now", NOW, "--key", &path_of(&set), &forged])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("signature does not match"));
}

#[test]
fn a_jwk_that_is_not_for_signing_does_not_sign() {
    let private: Value =
        serde_json::from_str(&std::fs::read_to_string(key("rfc7515-a3.ec.jwk")).unwrap()).unwrap();
    for (extra, reason) in [
        (
            serde_json::json!({"use": "enc"}),
            "its \"use\" is \"enc\", not \"sig\"",
        ),
        (
            serde_json::json!({"key_ops": ["verify"]}),
            "its \"key_ops\" do not include \"sign\"",
        ),
    ] {
        let mut jwk = private.clone();
        jwk.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let file = temp_file(jwk.to_string());
        run(["sign", "--now", NOW, "--key", &path_of(&file)])
            .assert()
            .code(6)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "this JWK cannot sign: {reason}"
            )));
    }
    let mut jwk = private;
    jwk["key_ops"] = serde_json::json!(["sign"]);
    let file = temp_file(jwk.to_string());
    sign(&["--key", &path_of(&file)]);
}

#[test]
fn expiry_json_carries_the_weak_key_warning() {
    let token = format!("@{}", token_file("rs256-rsa1024.jwt"));
    let assert = run([
        "expiry",
        "--now",
        NOW,
        "--json",
        "--key",
        &key("rsa1024.pub.pem"),
        "--allow-weak-key",
        &token,
    ])
    .assert()
    .code(0);
    let record: Value = serde_json::from_str(stdout_of(&assert).trim()).expect("JSON");
    assert_eq!(record["verified"], true);
    let warnings = record["warnings"].as_array().expect("warnings");
    assert!(
        warnings[0]
            .as_str()
            .unwrap()
            .contains("RSA key is 1024 bits")
    );
}
