//! Published test vectors (RFC 7515 Appendix A, RFC 7519 §3.1): each verifies as its
//! `expected` field says with every key form it ships, and RS256 signing reproduces
//! the RFC's token byte for byte.

use predicates::prelude::*;
use serde_json::Value;

use crate::util::*;

/// The key arguments a vector ships: its JWK, its PEM and its hex secret, each kept
/// alive as a temporary file where needed.
fn key_forms(vector: &Value) -> Vec<(String, Vec<String>, Option<tempfile::NamedTempFile>)> {
    let mut forms = Vec::new();
    if let Some(jwk) = vector.get("key_jwk").filter(|v| v.is_object()) {
        let file = temp_file(jwk.to_string());
        let args = vec!["--key".to_owned(), path_of(&file)];
        forms.push(("key_jwk".to_owned(), args, Some(file)));
    }
    if let Some(pem) = vector.get("key_pem").and_then(Value::as_str) {
        let file = temp_file(pem);
        let args = vec!["--key".to_owned(), path_of(&file)];
        forms.push(("key_pem".to_owned(), args, Some(file)));
    }
    if let Some(hex) = vector.get("key_secret_hex").and_then(Value::as_str) {
        let args = ["--secret", hex, "--secret-encoding", "hex"].map(str::to_owned);
        forms.push(("key_secret_hex".to_owned(), args.to_vec(), None));
    }
    forms
}

fn check_vector(name: &str) {
    let vector = vector(name);
    let token = vector["token"].as_str().expect("token");
    let alg = vector["alg"].as_str().expect("alg");
    match vector["expected"].as_str().expect("expected") {
        "valid-signature" => {
            let forms = key_forms(&vector);
            assert!(!forms.is_empty(), "{name}: no key to verify with");
            let has_exp = vector["payload_decoded"]
                .as_str()
                .and_then(|p| serde_json::from_str::<Value>(p).ok())
                .is_some_and(|p| p.get("exp").is_some());
            for (form, args, _file) in &forms {
                let assert = run(["verify", "--now", BEFORE_VECTOR_EXP])
                    .args(args)
                    .arg(token)
                    .assert();
                let stdout = stdout_of(&assert);
                assert.code(0);
                assert!(
                    stdout.starts_with(&format!("valid ({alg};")),
                    "{name} with {form}: {stdout}"
                );
                let later = run(["verify", "--now", AT_VECTOR_EXP])
                    .args(args)
                    .arg(token)
                    .assert();
                if has_exp {
                    later.code(3).stderr(predicate::str::contains("expired"));
                } else {
                    later.code(0);
                }
            }
        }
        "invalid" => {
            for args in [
                vec!["--secret".to_owned(), SECRET.to_owned()],
                vec!["--key".to_owned(), key("rfc7515-a2.rsa.pub.pem")],
                vec!["--key".to_owned(), key("jwks.json")],
            ] {
                run(["verify", "--now", BEFORE_VECTOR_EXP])
                    .args(&args)
                    .arg(token)
                    .assert()
                    .code(1)
                    .stdout("");
            }
        }
        other => panic!("{name}: unknown expectation {other:?}; teach this test about it"),
    }
}

macro_rules! vectors {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_vector(stringify!($name));
            }
        )*

        /// Every file in tests/fixtures/vectors has a test above.
        #[test]
        fn every_vector_file_is_checked() {
            let mut checked = vec![$(stringify!($name)),*];
            checked.sort_unstable();
            let files: Vec<String> = vector_files()
                .iter()
                .map(|p| p.file_stem().expect("stem").to_string_lossy().into_owned())
                .collect();
            assert_eq!(files, checked);
        }
    };
}

vectors! {
    rfc7515_a1_hs256,
    rfc7515_a2_rs256,
    rfc7515_a3_es256,
    rfc7515_a4_es512,
    rfc7515_a5_none,
    rfc7519_s3_1_hs256,
}

#[test]
fn rs256_signing_reproduces_the_rfc7515_a2_token() {
    let vector = vector("rfc7515_a2_rs256");
    let payload = temp_file(vector["payload_decoded"].as_str().expect("payload"));
    let token = sign(&[
        "--payload-file",
        &path_of(&payload),
        "--key",
        &key("rfc7515-a2.rsa.jwk"),
    ]);
    assert_eq!(token, vector["token"].as_str().expect("token"));
}

#[test]
fn rs256_signing_is_deterministic_with_the_private_jwk_from_the_vector() {
    let vector = vector("rfc7515_a2_rs256");
    let jwk = temp_file(vector["private_key_jwk"].to_string());
    let payload = temp_file(vector["payload_decoded"].as_str().expect("payload"));
    let args = [
        "--payload-file",
        &path_of(&payload),
        "--key",
        &path_of(&jwk),
    ];
    assert_eq!(sign(&args), sign(&args));
    assert_eq!(sign(&args), vector["token"].as_str().expect("token"));
}

#[test]
fn ecdsa_resigning_of_a3_is_randomised_but_valid() {
    let vector = vector("rfc7515_a3_es256");
    let payload = temp_file(vector["payload_decoded"].as_str().expect("payload"));
    let args = [
        "--payload-file",
        &path_of(&payload),
        "--key",
        &key("rfc7515-a3.ec.jwk"),
    ];
    let (first, second) = (sign(&args), sign(&args));
    assert_ne!(first, second, "ECDSA signatures are randomised");
    let signing_input = vector["token"]
        .as_str()
        .expect("token")
        .rsplit_once('.')
        .expect("three segments")
        .0;
    for token in [first, second] {
        assert!(token.starts_with(signing_input));
        run([
            "verify",
            "--now",
            BEFORE_VECTOR_EXP,
            "--key",
            &key("rfc7515-a3.ec.pub.pem"),
        ])
        .arg(&token)
        .assert()
        .code(0);
    }
}

#[test]
fn a4_plain_payload_verifies_with_the_jwks() {
    run(["verify", "--now", NOW, "--key", &key("jwks.json")])
        .arg(vector_token("rfc7515_a4_es512"))
        .assert()
        .code(0)
        .stdout("valid (ES512; key kid \"ec-521\"; plain JWS payload)\n");
}

#[test]
fn a4_signature_does_not_verify_with_another_p521_key() {
    run(["verify", "--now", NOW, "--key", &key("ec-p521.pub.pem")])
        .arg(vector_token("rfc7515_a4_es512"))
        .assert()
        .code(1);
}

#[test]
fn a5_unsecured_token_decodes_but_never_verifies() {
    let token = vector_token("rfc7515_a5_none");
    run(["decode", "--now", BEFORE_VECTOR_EXP, &token])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("none (unsecured token)"));
    run([
        "verify",
        "--now",
        BEFORE_VECTOR_EXP,
        "--secret",
        SECRET,
        "--json",
        &token,
    ])
    .assert()
    .code(1)
    .stdout(predicate::str::contains("\"unsecured\""));
}

#[test]
fn a1_verifies_with_the_secret_read_as_utf8_only_if_encoded_correctly() {
    // The A.1 secret is binary: its hex text used as a UTF-8 secret is another key.
    let hex = vector("rfc7515_a1_hs256")["key_secret_hex"]
        .as_str()
        .expect("hex")
        .to_owned();
    run(["verify", "--now", BEFORE_VECTOR_EXP, "--secret", &hex])
        .arg(vector_token("rfc7515_a1_hs256"))
        .assert()
        .code(1);
}
