//! `jwtx sign`: round trips for every algorithm, claim and header options, `--from-json`,
//! unsecured tokens, and stdout carrying exactly one token line.

use predicates::prelude::*;
use serde_json::json;

use crate::util::*;

/// Signs with `signing_key` (a key file, or a secret when it starts with "secret:"),
/// checks the header names `alg`, and verifies with `verifying_key` (same convention).
fn round_trip(alg: &str, signing_key: &str, verifying_key: &str) {
    let key_args = |spec: &str| -> Vec<String> {
        match spec.strip_prefix("secret:") {
            Some(secret) => vec!["--secret".into(), secret.into()],
            None => vec!["--key".into(), key(spec)],
        }
    };
    let mut args = key_args(signing_key);
    args.extend(["--alg".into(), alg.into(), "--sub".into(), "alice".into()]);
    args.extend(["--exp".into(), "1h".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let token = sign(&args);
    assert_eq!(header_of(&token)["alg"], alg);
    assert_eq!(payload_of(&token)["sub"], "alice");

    let assert = run(["verify", "--now", NOW])
        .args(key_args(verifying_key))
        .arg(&token)
        .assert()
        .code(0);
    assert_eq!(
        stdout_of(&assert),
        format!("valid ({alg}; expires in 1h)\n")
    );

    // The same check must fail once the claims are altered: the round trip is real.
    let segments: Vec<&str> = token.split('.').collect();
    let forged = format!(
        "{}.{}.{}",
        segments[0],
        b64url(r#"{"sub":"mallory"}"#),
        segments[2]
    );
    run(["verify", "--now", NOW])
        .args(key_args(verifying_key))
        .arg(&forged)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("signature does not match"));
}

macro_rules! round_trips {
    ($($name:ident: $alg:literal, $signing:literal => $verifying:literal;)*) => {
        $(
            #[test]
            fn $name() {
                round_trip($alg, $signing, $verifying);
            }
        )*
    };
}

round_trips! {
    round_trip_hs256_secret: "HS256", "secret:jwtx-test-secret: 64 bytes, as long as HS512 asks (RFC 7518 3.2)" => "secret:jwtx-test-secret: 64 bytes, as long as HS512 asks (RFC 7518 3.2)";
    round_trip_hs384_secret: "HS384", "secret:jwtx-test-secret: 64 bytes, as long as HS512 asks (RFC 7518 3.2)" => "secret:jwtx-test-secret: 64 bytes, as long as HS512 asks (RFC 7518 3.2)";
    round_trip_hs512_secret: "HS512", "secret:jwtx-test-secret: 64 bytes, as long as HS512 asks (RFC 7518 3.2)" => "secret:jwtx-test-secret: 64 bytes, as long as HS512 asks (RFC 7518 3.2)";
    round_trip_rs256_public_pem: "RS256", "rsa2048.pkcs1.pem" => "rsa2048.pub.pem";
    round_trip_rs384_public_pem: "RS384", "rsa2048.pkcs1.pem" => "rsa2048.pub.pem";
    round_trip_rs512_public_pem: "RS512", "rsa2048.pkcs8.pem" => "rsa2048.pub.pem";
    round_trip_ps256_public_pem: "PS256", "rsa2048.pkcs8.pem" => "rsa2048.pub.pem";
    round_trip_ps384_public_pem: "PS384", "rsa2048.pkcs1.pem" => "rsa2048.pub.pem";
    round_trip_ps512_public_pem: "PS512", "rsa2048.pkcs8.der" => "rsa2048.pub.pem";
    round_trip_es256_public_pem: "ES256", "ec-p256.sec1.pem" => "ec-p256.pub.pem";
    round_trip_es384_public_pem: "ES384", "ec-p384.sec1.pem" => "ec-p384.pub.pem";
    round_trip_es512_public_pem: "ES512", "ec-p521.sec1.pem" => "ec-p521.pub.pem";
    round_trip_eddsa_public_pem: "EdDSA", "ed25519.pem" => "ed25519.pub.pem";

    round_trip_rs256_private_pem: "RS256", "rsa2048.pkcs1.pem" => "rsa2048.pkcs8.pem";
    round_trip_ps512_private_pem: "PS512", "rsa2048.pkcs8.pem" => "rsa2048.pkcs1.pem";
    round_trip_es256_private_pem: "ES256", "ec-p256.pkcs8.pem" => "ec-p256.sec1.pem";
    round_trip_es384_private_pem: "ES384", "ec-p384.sec1.pem" => "ec-p384.pkcs8.pem";
    round_trip_es512_private_pem: "ES512", "ec-p521.pkcs8.pem" => "ec-p521.sec1.pem";
    round_trip_eddsa_private_pem: "EdDSA", "ed25519.pem" => "ed25519.pem";

    round_trip_es256_jwk: "ES256", "rfc7515-a3.ec.jwk" => "rfc7515-a3.ec.pub.jwk";
    round_trip_es512_jwk: "ES512", "rfc7515-a4.ec521.jwk" => "rfc7515-a4.ec521.pub.jwk";
    round_trip_ps256_jwk: "PS256", "rfc7515-a2.rsa.jwk" => "rfc7515-a2.rsa.pub.jwk";
}

#[test]
fn default_alg_follows_the_key() {
    let cases = [
        ("rsa2048.pkcs1.pem", "RS256"),
        ("ec-p256.sec1.pem", "ES256"),
        ("ec-p384.pkcs8.pem", "ES384"),
        ("ec-p521.pkcs8.pem", "ES512"),
        ("ed25519.pem", "EdDSA"),
    ];
    for (file, alg) in cases {
        let token = sign(&["--key", &key(file)]);
        assert_eq!(header_of(&token)["alg"], alg, "key {file}");
    }
    assert_eq!(header_of(&sign(&["--secret", SECRET]))["alg"], "HS256");
}

#[test]
fn stdout_is_exactly_the_token_and_a_newline() {
    let assert = run(["sign", "--now", NOW, "--secret", SECRET, "--sub", "alice"])
        .assert()
        .code(0)
        .stderr("");
    let stdout = stdout_of(&assert);
    assert_is_one_token_line(&stdout);
    assert_eq!(
        payload_of(stdout.trim_end()),
        json!({"sub": "alice", "iat": NOW_UNIX})
    );
}

#[test]
fn json_output_has_version_token_header_and_payload() {
    let assert = run(["sign", "--now", NOW, "--secret", SECRET, "--json"])
        .args(["--sub", "alice"])
        .assert()
        .code(0);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["header"], json!({"alg": "HS256", "typ": "JWT"}));
    assert_eq!(record["payload"], json!({"sub": "alice", "iat": NOW_UNIX}));
    let token = record["token"].as_str().expect("token is a string");
    assert_eq!(payload_of(token), record["payload"]);
    assert_eq!(header_of(token), record["header"]);
}

#[test]
fn claim_key_equals_value_sets_a_string() {
    let token = sign(&["--secret", SECRET, "--claim", "n=5", "--claim", "eq=a=b"]);
    let payload = payload_of(&token);
    assert_eq!(payload["n"], json!("5"));
    assert_eq!(payload["eq"], json!("a=b"));
}

#[test]
fn claim_key_colon_equals_sets_json() {
    let token = sign(&[
        "--secret",
        SECRET,
        "--claim",
        "n:=5",
        "--claim",
        r#"scopes:=["read","write"]"#,
        "-c",
        r#"obj:={"a":true}"#,
    ]);
    let payload = payload_of(&token);
    assert_eq!(payload["n"], json!(5));
    assert_eq!(payload["scopes"], json!(["read", "write"]));
    assert_eq!(payload["obj"], json!({"a": true}));
}

#[test]
fn claim_without_equals_is_a_usage_error() {
    run([
        "sign", "--now", NOW, "--secret", SECRET, "--claim", "novalue",
    ])
    .assert()
    .code(2)
    .stdout("")
    .stderr(predicate::str::contains("novalue"));
}

#[test]
fn claim_with_invalid_json_is_a_usage_error() {
    run([
        "sign", "--now", NOW, "--secret", SECRET, "--claim", "n:=nope",
    ])
    .assert()
    .code(2)
    .stdout("");
}

#[test]
fn iss_sub_and_jti_flags_set_claims() {
    let token = sign(&[
        "--secret",
        SECRET,
        "--iss",
        "https://a.example",
        "--sub",
        "bob",
        "--jti",
        "id-1",
    ]);
    let payload = payload_of(&token);
    assert_eq!(payload["iss"], "https://a.example");
    assert_eq!(payload["sub"], "bob");
    assert_eq!(payload["jti"], "id-1");
}

#[test]
fn aud_once_is_a_string() {
    let token = sign(&["--secret", SECRET, "--aud", "api"]);
    assert_eq!(payload_of(&token)["aud"], json!("api"));
}

#[test]
fn aud_twice_is_an_array() {
    let token = sign(&["--secret", SECRET, "--aud", "api", "--aud", "web"]);
    assert_eq!(payload_of(&token)["aud"], json!(["api", "web"]));
}

#[test]
fn exp_duration_is_relative_to_now() {
    let token = sign(&["--secret", SECRET, "--exp", "15m"]);
    assert_eq!(payload_of(&token)["exp"], json!(NOW_UNIX + 900));
    let token = sign(&["--secret", SECRET, "--exp", "+7d"]);
    assert_eq!(payload_of(&token)["exp"], json!(NOW_UNIX + 7 * 86_400));
}

#[test]
fn exp_absolute_rfc3339() {
    let token = sign(&["--secret", SECRET, "--exp", "2026-02-01T00:00:00Z"]);
    assert_eq!(payload_of(&token)["exp"], json!(1_769_904_000));
    let token = sign(&["--secret", SECRET, "--exp", "2026-02-01T01:00:00+01:00"]);
    assert_eq!(payload_of(&token)["exp"], json!(1_769_904_000));
}

#[test]
fn exp_unix_seconds_is_absolute() {
    let token = sign(&["--secret", SECRET, "--exp", "1767229200"]);
    assert_eq!(payload_of(&token)["exp"], json!(1_767_229_200));
}

#[test]
fn exp_that_is_not_a_time_is_a_usage_error() {
    run(["sign", "--now", NOW, "--secret", SECRET, "--exp", "soon"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--exp"));
}

#[test]
fn nbf_negative_duration_is_in_the_past() {
    let token = sign(&["--secret", SECRET, "--nbf", "-1h"]);
    assert_eq!(payload_of(&token)["nbf"], json!(NOW_UNIX - 3600));
}

#[test]
fn iat_defaults_to_now() {
    let token = sign(&["--secret", SECRET]);
    assert_eq!(payload_of(&token), json!({"iat": NOW_UNIX}));
}

#[test]
fn now_as_unix_seconds_sets_iat() {
    let assert = run(["sign", "--now", "1000", "--secret", SECRET])
        .assert()
        .code(0);
    assert_eq!(
        payload_of(stdout_of(&assert).trim_end()),
        json!({"iat": 1000})
    );
}

#[test]
fn no_iat_leaves_iat_out() {
    let token = sign(&["--secret", SECRET, "--no-iat", "--sub", "a"]);
    assert_eq!(payload_of(&token), json!({"sub": "a"}));
}

#[test]
fn random_jti_is_a_fresh_128_bit_identifier() {
    let first = payload_of(&sign(&["--secret", SECRET, "--random-jti"]))["jti"].clone();
    let second = payload_of(&sign(&["--secret", SECRET, "--random-jti"]))["jti"].clone();
    let first = first.as_str().expect("jti is a string");
    assert_eq!(b64url_decode(first).len(), 16, "jti {first:?}");
    assert_ne!(Some(first), second.as_str());
}

#[test]
fn kid_typ_and_header_flags_set_the_header() {
    let token = sign(&[
        "--secret", SECRET, "--kid", "k1", "--typ", "at+jwt", "--header", "x=y", "--header",
        "n:=[1]",
    ]);
    assert_eq!(
        header_of(&token),
        json!({"alg": "HS256", "typ": "at+jwt", "kid": "k1", "x": "y", "n": [1]})
    );
}

#[test]
fn typ_defaults_to_jwt_and_empty_typ_leaves_it_out() {
    assert_eq!(header_of(&sign(&["--secret", SECRET]))["typ"], "JWT");
    assert_eq!(
        header_of(&sign(&["--secret", SECRET, "--typ", ""])),
        json!({"alg": "HS256"})
    );
}

#[test]
fn header_alg_is_refused_in_favour_of_alg_flag() {
    run([
        "sign",
        "--now",
        NOW,
        "--secret",
        SECRET,
        "--header",
        "alg=HS512",
    ])
    .assert()
    .code(2)
    .stdout("")
    .stderr(predicate::str::contains("--alg"));
}

#[test]
fn kid_defaults_to_the_jwk_kid() {
    let mut jwk: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(key("rfc7515-a3.ec.jwk")).expect("jwk fixture"),
    )
    .expect("jwk is JSON");
    jwk["kid"] = json!("from-jwk");
    let file = temp_file(jwk.to_string());
    let token = sign(&["--key", &path_of(&file)]);
    assert_eq!(header_of(&token)["kid"], "from-jwk");
    let token = sign(&["--key", &path_of(&file), "--kid", "override"]);
    assert_eq!(header_of(&token)["kid"], "override");
}

#[test]
fn alg_the_key_cannot_serve_is_a_key_error() {
    let cases = [
        (vec!["--key", "rsa2048.pkcs8.pem"], "ES256"),
        (vec!["--key", "ec-p256.sec1.pem"], "ES384"),
        (vec!["--key", "ec-p256.sec1.pem"], "HS256"),
        (vec!["--key", "ed25519.pem"], "RS256"),
        (vec!["--secret", SECRET], "RS256"),
    ];
    for (source, alg) in cases {
        let value = if source[0] == "--key" {
            key(source[1])
        } else {
            source[1].to_owned()
        };
        run(["sign", "--now", NOW, source[0], &value, "--alg", alg])
            .assert()
            .code(6)
            .stdout("")
            .stderr(predicate::str::contains(alg));
    }
}

#[test]
fn public_key_cannot_sign() {
    run(["sign", "--now", NOW, "--key", &key("rsa2048.pub.pem")])
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains("public key"));
}

#[test]
fn too_small_rsa_key_cannot_sign() {
    run(["sign", "--now", NOW, "--key", &key("rsa1024.pem")])
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains("2048"));
}

#[test]
fn unsupported_and_encrypted_keys_cannot_sign() {
    for file in ["secp256k1.pem", "rsa2048.encrypted.pem"] {
        run(["sign", "--now", NOW, "--key", &key(file)])
            .assert()
            .code(6)
            .stdout("");
    }
}

#[test]
fn sign_without_a_key_is_a_usage_error() {
    run(["sign", "--now", NOW, "--sub", "a"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("key is required"));
}

#[test]
fn unsecured_makes_an_alg_none_token_with_an_empty_signature() {
    let token = sign(&["--unsecured", "--sub", "a"]);
    assert!(token.ends_with('.'), "signature must be empty: {token}");
    assert_eq!(header_of(&token), json!({"alg": "none", "typ": "JWT"}));
    assert_eq!(payload_of(&token), json!({"sub": "a", "iat": NOW_UNIX}));
}

#[test]
fn unsecured_token_never_verifies() {
    let token = sign(&["--unsecured", "--sub", "a"]);
    run(["verify", "--now", NOW, "--secret", SECRET, &token])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("none"));
}

#[test]
fn unsecured_with_a_key_is_a_usage_error() {
    run(["sign", "--now", NOW, "--unsecured", "--secret", SECRET])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn claims_come_from_standard_input() {
    let assert = run(["sign", "--now", NOW, "--secret", SECRET])
        .write_stdin("{\"sub\":\"from-stdin\",\"n\":1}\n")
        .assert()
        .code(0);
    let stdout = stdout_of(&assert);
    assert_is_one_token_line(&stdout);
    assert_eq!(
        payload_of(stdout.trim_end()),
        json!({"sub": "from-stdin", "n": 1, "iat": NOW_UNIX})
    );
}

#[test]
fn claims_come_from_an_argument() {
    let token = sign(&["--secret", SECRET, r#"{"sub":"arg","iat":5}"#]);
    assert_eq!(payload_of(&token), json!({"sub": "arg", "iat": 5}));
}

#[test]
fn claims_come_from_a_file() {
    let file = temp_file(r#"{"sub":"file"}"#);
    let token = sign(&["--secret", SECRET, "--claims-file", &path_of(&file)]);
    assert_eq!(payload_of(&token), json!({"sub": "file", "iat": NOW_UNIX}));
}

#[test]
fn claims_that_are_not_a_json_object_are_refused() {
    for claims in ["[1,2]", "not json"] {
        run(["sign", "--now", NOW, "--secret", SECRET, claims])
            .assert()
            .code(5)
            .stdout("");
    }
}

#[test]
fn payload_file_signs_the_bytes_verbatim_without_typ() {
    let file = temp_file("any bytes\r\n at all");
    let token = sign(&["--secret", SECRET, "--payload-file", &path_of(&file)]);
    assert_eq!(header_of(&token), json!({"alg": "HS256"}));
    let payload = token.split('.').nth(1).expect("payload segment");
    assert_eq!(b64url_decode(payload), b"any bytes\r\n at all");
    run(["verify", "--now", NOW, "--secret", SECRET, &token])
        .assert()
        .code(0)
        .stdout("valid (HS256; plain JWS payload)\n");
}

#[test]
fn payload_file_refuses_claim_flags() {
    let file = temp_file("bytes");
    run(["sign", "--now", NOW, "--secret", SECRET])
        .args(["--payload-file", &path_of(&file), "--sub", "a"])
        .assert()
        .code(2)
        .stdout("");
}

fn decode_json(token: &str) -> String {
    let assert = run(["decode", "--json", "--now", NOW, token])
        .assert()
        .code(0);
    stdout_of(&assert)
}

#[test]
fn from_json_round_trip_keeps_claims_as_given() {
    let original = sign(&[
        "--secret", SECRET, "--no-iat", "--sub", "alice", "--exp", "1h", "--kid", "k9",
    ]);
    let assert = run(["sign", "--now", "2026-06-01T00:00:00Z", "--secret", SECRET])
        .args(["--from-json", "-"])
        .write_stdin(decode_json(&original))
        .assert()
        .code(0);
    let stdout = stdout_of(&assert);
    assert_is_one_token_line(&stdout);
    let resigned = stdout.trim_end();
    assert_eq!(
        payload_of(resigned),
        json!({"sub": "alice", "exp": NOW_UNIX + 3600}),
        "no new iat, claims unchanged"
    );
    assert_eq!(header_of(resigned), header_of(&original));
    run(["verify", "--now", NOW, "--secret", SECRET, resigned])
        .assert()
        .code(0);
}

#[test]
fn from_json_keeps_the_original_iat() {
    let original = sign(&["--secret", SECRET, "--sub", "alice"]);
    let assert = run(["sign", "--now", "2027-01-01T00:00:00Z", "--secret", SECRET])
        .args(["--from-json", "-"])
        .write_stdin(decode_json(&original))
        .assert()
        .code(0);
    assert_eq!(
        payload_of(stdout_of(&assert).trim_end()),
        json!({"sub": "alice", "iat": NOW_UNIX})
    );
}

#[test]
fn from_json_with_a_header_alg_the_key_cannot_serve_is_a_key_error() {
    let es256 = sign(&["--key", &key("ec-p256.sec1.pem"), "--sub", "bob"]);
    run(["sign", "--now", NOW, "--secret", SECRET, "--from-json", "-"])
        .write_stdin(decode_json(&es256))
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains("ES256"));
}

#[test]
fn from_json_header_alg_is_kept_when_the_key_serves_it() {
    let ps384 = sign(&["--key", &key("rsa2048.pkcs1.pem"), "--alg", "PS384"]);
    let assert = run(["sign", "--now", NOW, "--key", &key("rsa2048.pkcs8.pem")])
        .args(["--from-json", "-"])
        .write_stdin(decode_json(&ps384))
        .assert()
        .code(0);
    assert_eq!(header_of(stdout_of(&assert).trim_end())["alg"], "PS384");
}

#[test]
fn from_json_round_trip_of_a_binary_payload_is_byte_identical() {
    let file = temp_file(b"\xff\xfe\x00bin");
    let original = sign(&["--secret", SECRET, "--payload-file", &path_of(&file)]);
    let assert = run(["sign", "--now", NOW, "--secret", SECRET, "--from-json", "-"])
        .write_stdin(decode_json(&original))
        .assert()
        .code(0);
    assert_eq!(stdout_of(&assert), format!("{original}\n"));
}

#[test]
fn from_json_round_trip_of_a_text_payload_keeps_the_signing_input() {
    let a4 = vector_token("rfc7515_a4_es512");
    let assert = run(["sign", "--now", NOW, "--key", &key("rfc7515-a4.ec521.jwk")])
        .args(["--from-json", "-"])
        .write_stdin(decode_json(&a4))
        .assert()
        .code(0);
    let resigned = stdout_of(&assert);
    let signing_input = |t: &str| t.trim_end().rsplit_once('.').expect("JWS").0.to_owned();
    assert_eq!(signing_input(&resigned), signing_input(&a4));
}

#[test]
fn key_from_stdin_signs_claims_given_as_an_argument() {
    let pem = std::fs::read(key("ec-p256.sec1.pem")).expect("fixture");
    let assert = run(["sign", "--now", NOW, "--key", "-", r#"{"sub":"a"}"#])
        .write_stdin(pem)
        .assert()
        .code(0);
    let token = stdout_of(&assert);
    assert_is_one_token_line(&token);
    run([
        "verify",
        "--now",
        NOW,
        "--key",
        &key("ec-p256.pub.pem"),
        token.trim_end(),
    ])
    .assert()
    .code(0);
}

#[test]
fn key_from_stdin_is_read_when_claims_do_not_use_it() {
    let pem = std::fs::read(key("ec-p256.sec1.pem")).expect("fixture");
    let assert = run(["sign", "--now", NOW, "--key", "-", "--sub", "x"])
        .write_stdin(pem)
        .assert()
        .success();
    let token = stdout_of(&assert);
    assert_is_one_token_line(&token);
    assert_eq!(header_of(token.trim())["alg"], "ES256");
}

#[test]
fn key_and_claims_both_from_stdin_names_the_claims() {
    let pem = std::fs::read(key("ec-p256.sec1.pem")).expect("fixture");
    run(["sign", "--now", NOW, "--key", "-", "-"])
        .write_stdin(pem)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("claims"))
        .stderr(predicate::str::contains("token").not());
}

// What sign signs is checked: one source per claim, NumericDates for the registered
// time claims, no silent 1970, and a warning for a token invalid the moment it is made.

fn sign_cmd(args: &[&str]) -> assert_cmd::Command {
    let mut cmd = run(["sign", "--now", NOW, "--secret", SECRET]);
    cmd.args(args);
    cmd
}

#[test]
fn a_bare_small_number_for_exp_is_refused_not_read_as_1970() {
    for flag in ["--exp", "--nbf"] {
        sign_cmd(&[flag, "3600"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(flag))
            .stderr(predicate::str::contains("3600s"))
            .stderr(predicate::str::contains("1970-01-01T01:00:00Z"));
    }
    // Ten digits and more are Unix seconds, as documented.
    let token = sign(&["--secret", SECRET, "--exp", "1000000000"]);
    assert_eq!(payload_of(&token)["exp"], json!(1_000_000_000));
}

#[test]
fn a_string_for_a_time_claim_in_claim_is_refused() {
    for (assignment, hint) in [
        ("exp=123", "exp:=SECONDS, or use --exp"),
        ("nbf:=\"soon\"", "nbf:=SECONDS, or use --nbf"),
        ("iat:=true", "iat:=SECONDS"),
        ("exp:=1e300", "exp:=SECONDS"),
    ] {
        sign_cmd(&["--claim", assignment])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(hint));
    }
    let token = sign(&["--secret", SECRET, "--claim", "exp:=1767229200.5"]);
    assert_eq!(payload_of(&token)["exp"], json!(1_767_229_200.5));
}

#[test]
fn two_options_for_one_claim_are_a_usage_error_naming_both() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["--claim", "exp:=123", "--exp", "1h"],
            "--exp and --claim exp:=123 both set the claim exp",
        ),
        (
            &["--claim", "sub=a", "--claim", "sub=b"],
            "--claim sub=a and --claim sub=b both set the claim sub",
        ),
        (
            &["--sub", "a", "--claim", "sub=b"],
            "--sub and --claim sub=b both set the claim sub",
        ),
        (
            &["--aud", "a", "--claim", "aud:=[\"b\"]"],
            "--aud and --claim aud:=[\"b\"] both set the claim aud",
        ),
        (
            &["--no-iat", "--claim", "iat:=1767225600"],
            "--no-iat and --claim iat:=1767225600 both set the claim iat",
        ),
        (
            &["--random-jti", "--claim", "jti=x"],
            "--random-jti and --claim jti=x both set the claim jti",
        ),
    ];
    for (args, message) in cases {
        sign_cmd(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn options_override_the_claims_source() {
    let file = temp_file(r#"{"sub":"file","exp":1,"role":"user","iat":"x"}"#);
    let token = sign(&[
        "--secret",
        SECRET,
        "--claims-file",
        &path_of(&file),
        "--sub",
        "flag",
        "--exp",
        "1h",
        "--claim",
        "role=admin",
        "--claim",
        "iat:=1767225600",
    ]);
    assert_eq!(
        payload_of(&token),
        json!({"sub": "flag", "exp": NOW_UNIX + 3600, "role": "admin", "iat": NOW_UNIX})
    );
}

#[test]
fn a_time_claim_in_the_claims_that_is_not_a_numeric_date_is_refused() {
    let file = temp_file(r#"{"exp":"tomorrow"}"#);
    sign_cmd(&["--claims-file", &path_of(&file)])
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::contains(
            "exp in the claims file is a string (\"tomorrow\")",
        ))
        .stderr(predicate::str::contains("--payload-file"));
    sign_cmd(&[r#"{"nbf":[1]}"#])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "nbf in the CLAIMS argument is an array",
        ));
    sign_cmd(&[])
        .write_stdin(r#"{"iat":null}"#)
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "iat in the claims on standard input is null",
        ));
    sign_cmd(&["--from-json", "-"])
        .write_stdin(r#"{"payload":{"exp":"1767229200"}}"#)
        .assert()
        .code(5)
        .stderr(predicate::str::contains("exp in the --from-json input"));
    // --payload-file signs bytes as they are.
    let token = sign(&["--secret", SECRET, "--payload-file", &path_of(&file)]);
    assert_eq!(payload_of(&token), json!({"exp": "tomorrow"}));
}

#[test]
fn a_token_invalid_when_made_is_signed_with_a_warning() {
    let assert = sign_cmd(&["--exp", "-5m", "--nbf", "+1h"]).assert().code(0);
    assert_is_one_token_line(&stdout_of(&assert));
    assert_eq!(
        stderr_of(&assert),
        "jwtx: warning: the token is already expired: exp 2025-12-31T23:55:00Z is 5m ago\n\
         jwtx: warning: the token is never valid: nbf 2026-01-01T01:00:00Z is not before exp 2025-12-31T23:55:00Z\n"
    );
    let assert = sign_cmd(&["--exp", "2h", "--nbf", "2h"]).assert().code(0);
    assert_eq!(
        stderr_of(&assert),
        "jwtx: warning: the token is never valid: nbf 2026-01-01T02:00:00Z is not before exp 2026-01-01T02:00:00Z\n"
    );
    sign_cmd(&["--exp", "1h", "--nbf", "-1m"])
        .assert()
        .code(0)
        .stderr("");
}

#[test]
fn dates_without_an_offset_are_utc() {
    let token = sign(&["--secret", SECRET, "--exp", "2026-12-01"]);
    assert_eq!(payload_of(&token)["exp"], json!(1_796_083_200));
    let token = sign(&["--secret", SECRET, "--nbf", "2026-01-01T10:00:00"]);
    assert_eq!(payload_of(&token)["nbf"], json!(NOW_UNIX + 36_000));
    let assert = run(["sign", "--secret", SECRET, "--now", "2026-01-01"])
        .assert()
        .code(0);
    assert_eq!(
        payload_of(stdout_of(&assert).trim_end()),
        json!({"iat": NOW_UNIX})
    );
    run(["verify", "--now", "2026-01-01T00:30:00", "--secret", SECRET])
        .arg(sign(&["--secret", SECRET, "--exp", "1h"]))
        .assert()
        .code(0)
        .stdout("valid (HS256; expires in 30m)\n");
}

// Standard input that sign does not read is never dropped without a word.

/// `jwtx sign --now NOW --secret SECRET <args>` with `stdin`, outside the test helper's
/// always-piped standard input.
fn sign_with_stdin(args: &[&str], stdin: std::process::Stdio) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_jwtx"))
        .args(["--color", "never", "sign", "--now", NOW, "--secret", SECRET])
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(stdin)
        .output()
        .expect("jwtx runs")
}

const UNREAD: &str = "jwtx: warning: standard input is a pipe and was not read, so nothing in it was signed; give - as CLAIMS to sign the claims in it (claim options apply on top), or redirect it from /dev/null to say it is not for sign\n";

#[test]
fn piped_claims_that_are_not_read_are_warned_about() {
    let assert = sign_cmd(&["--exp", "15m"])
        .write_stdin("{\"sub\":\"x\"}\n")
        .assert()
        .code(0);
    let token = stdout_of(&assert);
    assert_eq!(
        payload_of(token.trim_end()),
        json!({"exp": NOW_UNIX + 900, "iat": NOW_UNIX})
    );
    assert_eq!(stderr_of(&assert), UNREAD);
    // The same with an explicit claims source.
    sign_cmd(&[r#"{"sub":"arg"}"#])
        .write_stdin("{\"sub\":\"x\"}\n")
        .assert()
        .code(0)
        .stderr(UNREAD);
}

#[test]
fn a_file_on_stdin_that_is_not_read_is_warned_about() {
    let file = temp_file("{\"sub\":\"x\"}\n");
    let out = sign_with_stdin(
        &["--sub", "y"],
        std::fs::File::open(file.path()).expect("open").into(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        UNREAD.replace("is a pipe", "is a file")
    );
    // An empty file holds nothing to warn about.
    let empty = temp_file("");
    let out = sign_with_stdin(
        &["--sub", "y"],
        std::fs::File::open(empty.path()).expect("open").into(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn dev_null_and_an_empty_closed_pipe_are_not_warned_about() {
    let out = sign_with_stdin(&["--sub", "y"], std::process::Stdio::null());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    sign_cmd(&["--sub", "y"])
        .write_stdin("")
        .assert()
        .code(0)
        .stderr("");
}

#[test]
fn dash_signs_piped_claims_with_the_options_on_top() {
    let assert = sign_cmd(&["-", "--exp", "15m", "--sub", "flag"])
        .write_stdin("{\"sub\":\"x\",\"role\":\"r\"}\n")
        .assert()
        .code(0)
        .stderr("");
    assert_eq!(
        payload_of(stdout_of(&assert).trim_end()),
        json!({"sub": "flag", "role": "r", "exp": NOW_UNIX + 900, "iat": NOW_UNIX})
    );
}

#[test]
fn two_options_for_one_header_parameter_are_a_usage_error() {
    for (args, names) in [
        (
            &["--kid", "a", "--header", "kid=b"][..],
            "--kid and --header kid",
        ),
        (
            &["--typ", "at+jwt", "--header", "typ=JWT"][..],
            "--typ and --header typ",
        ),
        (
            &["--header", "x5t=a", "--header", "x5t=b"][..],
            "--header x5t=... is given twice",
        ),
    ] {
        run(["sign", "--now", NOW, "--secret", SECRET])
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(names));
    }
    // One of each still works.
    let token = sign(&["--secret", SECRET, "--kid", "a", "--header", "x5t=b"]);
    assert_eq!(header_of(&token)["kid"], "a");
    assert_eq!(header_of(&token)["x5t"], "b");
}

#[cfg(unix)]
#[test]
fn standard_input_spelt_another_way_is_still_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("claims-link");
    std::os::unix::fs::symlink("/dev/stdin", &link).unwrap();
    for claims in ["//dev/stdin", "/dev/./stdin", link.to_str().unwrap()] {
        run([
            "sign",
            "--now",
            NOW,
            "--claims-file",
            claims,
            "--secret-file",
            "-",
        ])
        .write_stdin(format!("{SECRET}\n"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("both read standard input"));
    }
}

#[test]
fn a_named_claims_source_that_is_empty_is_refused() {
    let empty = temp_file("");
    for args in [
        vec!["--claims-file".to_owned(), path_of(&empty)],
        vec!["--claims-file".to_owned(), "/dev/null".to_owned()],
        vec![String::new()],
    ] {
        run(["sign", "--now", NOW, "--secret", SECRET])
            .args(&args)
            .assert()
            .code(5)
            .stdout("")
            .stderr(predicate::str::contains(
                "is empty; give {} for an empty claim set",
            ));
    }
    // An explicit {} is an empty claim set; so is an empty pipe read because nothing
    // else was given.
    sign(&["--secret", SECRET, "{}"]);
    sign(&["--secret", SECRET]);
}

#[test]
fn an_unknown_alg_in_from_json_is_bad_input() {
    let doc = temp_file(r#"{"header":{"alg":"HS999"},"payload":{"sub":"a"}}"#);
    run([
        "sign",
        "--now",
        NOW,
        "--secret",
        SECRET,
        "--from-json",
        &path_of(&doc),
    ])
    .assert()
    .code(5)
    .stderr(predicate::str::contains(
        "--from-json header alg \"HS999\" is not an algorithm jwtx signs with",
    ));
}
