//! `jwtx verify`: every exit code, every key format and secret source, and the JSON
//! records.

use predicates::prelude::*;
use serde_json::json;

use crate::util::*;

/// An HS256 token signed with [`SECRET`] at [`NOW`], with extra sign arguments.
fn hs256(extra: &[&str]) -> String {
    let mut args = vec!["--secret", SECRET];
    args.extend_from_slice(extra);
    sign(&args)
}

fn verify_secret(token: &str) -> assert_cmd::Command {
    let mut cmd = run(["verify", "--now", NOW, "--secret", SECRET]);
    cmd.arg(token);
    cmd
}

fn verify_key(file: &str, token: &str) -> assert_cmd::Command {
    let mut cmd = run(["verify", "--now", NOW, "--key"]);
    cmd.arg(key(file)).arg(token);
    cmd
}

// ---- 0: valid ----------------------------------------------------------------------

#[test]
fn valid_token_exits_0_and_says_so_on_stdout() {
    let token = hs256(&["--exp", "1h"]);
    verify_secret(&token)
        .assert()
        .code(0)
        .stdout("valid (HS256; expires in 1h)\n");
}

#[test]
fn valid_json_record_has_alg_key_and_expiry() {
    let token = hs256(&["--exp", "1h", "--kid", "k1"]);
    let assert = verify_secret(&token).arg("--json").assert().code(0);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["valid"], true);
    assert_eq!(record["status"], "valid");
    assert_eq!(record["line"], 1);
    assert_eq!(record["source"], "argument");
    assert_eq!(record["alg"], "HS256");
    assert_eq!(record["kid"], "k1");
    assert_eq!(record["key"]["kind"], "HMAC secret");
    assert_eq!(record["exp"], NOW_UNIX + 3600);
    assert_eq!(record["expires_in"], 3600.0);
}

#[test]
fn token_without_exp_is_valid() {
    let token = hs256(&["--sub", "a"]);
    verify_secret(&token)
        .assert()
        .code(0)
        .stdout("valid (HS256; no expiry)\n");
}

// ---- 1: verification failed ----------------------------------------------------------

#[test]
fn wrong_secret_is_a_bad_signature() {
    let token = sign(&["--secret", OTHER_SECRET, "--sub", "a"]);
    verify_secret(&token)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("signature does not match"));
}

#[test]
fn tampered_payload_is_a_bad_signature() {
    let token = hs256(&["--sub", "alice"]);
    let parts: Vec<&str> = token.split('.').collect();
    let forged = format!("{}.{}.{}", parts[0], b64url(r#"{"sub":"admin"}"#), parts[2]);
    verify_secret(&forged).assert().code(1).stdout("");
}

#[test]
fn rsa_token_does_not_verify_with_another_rsa_key() {
    let token = sign(&["--key", &key("rsa2048.pkcs1.pem")]);
    verify_key("rfc7515-a2.rsa.pub.pem", &token)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("signature does not match"));
}

#[test]
fn bad_signature_json_record() {
    let token = sign(&["--secret", OTHER_SECRET]);
    let assert = verify_secret(&token).arg("--json").assert().code(1);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["valid"], false);
    assert_eq!(record["status"], "invalid");
    assert_eq!(record["line"], 1);
    assert_eq!(record["error"]["code"], 1);
    assert_eq!(record["error"]["kind"], "invalid");
    assert_eq!(record["error"]["id"], "bad-signature");
    assert!(assert.get_output().stderr.is_empty());
}

#[test]
fn alg_outside_alg_flag_is_not_allowed() {
    let token = sign(&["--key", &key("rsa2048.pkcs1.pem"), "--alg", "RS256"]);
    verify_key("rsa2048.pub.pem", &token)
        .args(["--alg", "PS256"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not allowed"));
    verify_key("rsa2048.pub.pem", &token)
        .args(["--alg", "PS256", "--alg", "RS256"])
        .assert()
        .code(0);
}

#[test]
fn alg_of_another_family_is_not_allowed() {
    let token = sign(&["--key", &key("ec-p256.sec1.pem")]);
    verify_key("rsa2048.pub.pem", &token)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not allowed"));
}

#[test]
fn alg_none_never_verifies() {
    let token = compact(r#"{"alg":"none"}"#, r#"{"sub":"admin"}"#, b"");
    verify_secret(&token)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("unsecured"));
}

#[test]
fn alg_none_in_another_letter_case_never_verifies() {
    for alg in ["NONE", "None", "nOnE"] {
        let header = format!(r#"{{"alg":"{alg}"}}"#);
        let token = compact(&header, r#"{"sub":"admin"}"#, b"");
        verify_secret(&token).assert().code(1).stdout("");
    }
}

#[test]
fn alg_none_with_a_signature_never_verifies() {
    let token = compact(r#"{"alg":"none"}"#, r#"{"sub":"admin"}"#, b"whatever");
    verify_key("rsa2048.pub.pem", &token).assert().code(1);
}

#[test]
fn hs256_token_keyed_with_the_rsa_public_key_is_rejected() {
    // The classic key-confusion attack: HMAC over the token with the bytes of the
    // public key file as the secret, hoping the verifier lets the token pick HS256.
    let pem = std::fs::read(key("rsa2048.pub.pem")).expect("public key fixture");
    let hex: String = pem.iter().map(|b| format!("{b:02x}")).collect();
    let token = sign(&[
        "--secret",
        &hex,
        "--secret-encoding",
        "hex",
        "--sub",
        "admin",
    ]);
    // The forgery is a genuine HMAC with those bytes...
    run([
        "verify",
        "--now",
        NOW,
        "--secret-encoding",
        "hex",
        "--secret",
        &hex,
        &token,
    ])
    .assert()
    .code(0);
    // ...and it must still fail against the RSA key, whatever its form.
    for file in ["rsa2048.pub.pem", "rsa2048.cert.pem", "rsa2048.pub.der"] {
        verify_key(file, &token)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains("HS256").and(predicate::str::contains("not allowed")));
    }
}

// ---- 2: usage errors ---------------------------------------------------------------

#[test]
fn verify_without_a_key_is_a_usage_error() {
    let token = hs256(&[]);
    run(["verify", "--now", NOW, &token])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("key is required"));
}

#[test]
fn two_key_sources_are_a_usage_error() {
    let token = hs256(&[]);
    run(["verify", "--now", NOW, "--secret", SECRET])
        .args(["--key", &key("rsa2048.pub.pem"), &token])
        .assert()
        .code(2)
        .stdout("");
    run(["verify", "--now", NOW, "--secret", SECRET])
        .args(["--secret-env", "JWT_SECRET_UNUSED", &token])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn key_from_stdin_while_tokens_come_from_stdin_is_a_usage_error() {
    let token = hs256(&[]);
    run(["verify", "--now", NOW, "--key", "-"])
        .write_stdin(format!("{token}\n"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("standard input"));
}

#[test]
fn secret_file_from_stdin_while_tokens_come_from_stdin_is_a_usage_error() {
    let token = hs256(&[]);
    run(["verify", "--now", NOW, "--secret-file", "-", "-"])
        .write_stdin(format!("{token}\n"))
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn key_from_stdin_with_token_argument_works() {
    let token = sign(&["--key", &key("ec-p256.sec1.pem"), "--exp", "1h"]);
    let pem = std::fs::read(key("ec-p256.pub.pem")).expect("fixture");
    run(["verify", "--now", NOW, "--key", "-", &token])
        .write_stdin(pem)
        .assert()
        .code(0)
        .stdout("valid (ES256; expires in 1h)\n");
}

#[test]
fn key_from_stdin_with_tokens_from_a_file_works() {
    let token = sign(&["--key", &key("ec-p256.sec1.pem")]);
    let tokens = temp_file(format!("{token}\n"));
    let pem = std::fs::read(key("ec-p256.pub.pem")).expect("fixture");
    let path = path_of(&tokens);
    run(["verify", "--now", NOW, "--key", "-", &format!("@{path}")])
        .write_stdin(pem)
        .assert()
        .code(0)
        .stdout(format!("{path}:1: valid (ES256; no expiry)\n"));
}

#[test]
fn bad_now_is_a_usage_error() {
    let token = hs256(&[]);
    for now in ["yesterday", "", "2026-13-01T00:00:00Z", "1e300"] {
        run(["verify", "--secret", SECRET, "--now", now, &token])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("--now"));
    }
}

#[test]
fn bad_leeway_is_a_usage_error() {
    let token = hs256(&[]);
    verify_secret(&token)
        .args(["--leeway", "soon"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--leeway"));
}

#[test]
fn unknown_alg_flag_is_a_usage_error() {
    let token = hs256(&[]);
    verify_secret(&token)
        .args(["--alg", "none"])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn run_level_error_is_one_json_object_on_stderr_with_json() {
    let token = hs256(&[]);
    let assert = run(["verify", "--json", "--now", NOW, &token])
        .assert()
        .code(2)
        .stdout("");
    let stderr = stderr_of(&assert);
    let record: serde_json::Value = serde_json::from_str(stderr.trim_end())
        .unwrap_or_else(|e| panic!("stderr is not one JSON object ({e}): {stderr}"));
    assert_eq!(record["version"], 1);
    assert_eq!(record["error"]["code"], 2);
    assert_eq!(record["error"]["kind"], "usage");
    assert!(record.get("line").is_none(), "run-level error has no line");
}

// ---- 3: expired or not yet valid ---------------------------------------------------

/// A token that expires at NOW + 1h.
fn expiring_in_an_hour() -> String {
    hs256(&["--exp", "1h", "--no-iat"])
}

#[test]
fn one_second_before_exp_is_valid() {
    run([
        "verify",
        "--secret",
        SECRET,
        "--now",
        "2026-01-01T00:59:59Z",
    ])
    .arg(expiring_in_an_hour())
    .assert()
    .code(0)
    .stdout("valid (HS256; expires in 1s)\n");
}

#[test]
fn exactly_at_exp_is_expired() {
    run([
        "verify",
        "--secret",
        SECRET,
        "--now",
        "2026-01-01T01:00:00Z",
    ])
    .arg(expiring_in_an_hour())
    .assert()
    .code(3)
    .stdout("")
    .stderr(predicate::str::contains("expired"));
}

#[test]
fn leeway_widens_the_exp_boundary() {
    let token = expiring_in_an_hour();
    run([
        "verify",
        "--secret",
        SECRET,
        "--now",
        "2026-01-01T01:00:00Z",
    ])
    .args(["--leeway", "1", &token])
    .assert()
    .code(0);
    run([
        "verify",
        "--secret",
        SECRET,
        "--now",
        "2026-01-01T01:00:01Z",
    ])
    .args(["--leeway", "1", &token])
    .assert()
    .code(3);
    run([
        "verify",
        "--secret",
        SECRET,
        "--now",
        "2026-01-01T01:00:59Z",
    ])
    .args(["--leeway", "1m", &token])
    .assert()
    .code(0);
}

#[test]
fn ignore_exp_accepts_an_expired_token() {
    run([
        "verify",
        "--secret",
        SECRET,
        "--now",
        "2026-01-01T02:00:00Z",
    ])
    .args(["--ignore-exp", &expiring_in_an_hour()])
    .assert()
    .code(0)
    .stdout(predicate::str::contains("expired 1h ago, ignored"));
}

#[test]
fn expired_json_record() {
    let assert = run(["verify", "--json", "--secret", SECRET])
        .args(["--now", "2026-01-01T03:00:00Z", &expiring_in_an_hour()])
        .assert()
        .code(3);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["valid"], false);
    assert_eq!(record["status"], "expired");
    assert_eq!(record["error"]["code"], 3);
    assert_eq!(record["error"]["id"], "expired");
    assert_eq!(record["failures"][0]["id"], "expired");
}

#[test]
fn before_nbf_is_not_yet_valid() {
    let token = hs256(&["--nbf", "+1h"]);
    verify_secret(&token)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("not valid before"));
    run([
        "verify",
        "--secret",
        SECRET,
        "--now",
        "2026-01-01T01:00:00Z",
        &token,
    ])
    .assert()
    .code(0);
    verify_secret(&token)
        .args(["--leeway", "1h"])
        .assert()
        .code(0);
}

#[test]
fn iat_in_the_future_is_not_yet_valid() {
    let token = run(["sign", "--now", "2026-01-01T00:10:00Z", "--secret", SECRET])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let token = String::from_utf8(token).expect("utf8");
    verify_secret(token.trim_end())
        .assert()
        .code(3)
        .stderr(predicate::str::contains("future"));
    verify_secret(token.trim_end())
        .args(["--leeway", "10m"])
        .assert()
        .code(0);
}

// ---- 4: claim checks ---------------------------------------------------------------

#[test]
fn iss_mismatch_is_a_claim_failure() {
    let token = hs256(&["--iss", "https://a.example"]);
    verify_secret(&token)
        .args(["--iss", "https://b.example"])
        .assert()
        .code(4)
        .stdout("")
        .stderr(predicate::str::contains(
            "iss is \"https://a.example\", expected \"https://b.example\"",
        ));
}

#[test]
fn iss_is_repeatable_and_any_matches() {
    let token = hs256(&["--iss", "https://a.example"]);
    verify_secret(&token)
        .args(["--iss", "https://b.example", "--iss", "https://a.example"])
        .assert()
        .code(0);
}

#[test]
fn missing_iss_fails_an_iss_check() {
    verify_secret(&hs256(&[]))
        .args(["--iss", "https://a.example"])
        .assert()
        .code(4);
}

#[test]
fn aud_string_must_match() {
    let token = hs256(&["--aud", "api"]);
    verify_secret(&token)
        .args(["--aud", "api"])
        .assert()
        .code(0);
    verify_secret(&token)
        .args(["--aud", "web"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("aud is \"api\", expected \"web\""));
}

#[test]
fn aud_array_must_name_one_accepted_audience() {
    let token = hs256(&["--aud", "api", "--aud", "web"]);
    verify_secret(&token)
        .args(["--aud", "web"])
        .assert()
        .code(0);
    verify_secret(&token)
        .args(["--aud", "other"])
        .assert()
        .code(4);
}

#[test]
fn aud_flag_is_repeatable() {
    let token = hs256(&["--aud", "api"]);
    verify_secret(&token)
        .args(["--aud", "other", "--aud", "api"])
        .assert()
        .code(0);
    verify_secret(&token)
        .args(["--aud", "other", "--aud", "more"])
        .assert()
        .code(4);
}

#[test]
fn missing_aud_fails_an_aud_check() {
    verify_secret(&hs256(&[]))
        .args(["--aud", "api"])
        .assert()
        .code(4);
}

#[test]
fn sub_must_match() {
    let token = hs256(&["--sub", "alice"]);
    verify_secret(&token)
        .args(["--sub", "alice"])
        .assert()
        .code(0);
    verify_secret(&token)
        .args(["--sub", "bob"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "sub is \"alice\", expected \"bob\"",
        ));
}

#[test]
fn required_claim_must_be_present() {
    let token = hs256(&["--sub", "alice"]);
    verify_secret(&token)
        .args(["--require", "sub"])
        .assert()
        .code(0);
    verify_secret(&token)
        .args(["--require", "sub", "--require", "jti"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("\"jti\""));
}

#[test]
fn string_exp_is_a_claim_failure() {
    // sign refuses such claims; --payload-file signs the bytes as they are.
    let token = hs256_over_raw_payload(br#"{"exp":"1767229200"}"#);
    verify_secret(&token)
        .assert()
        .code(4)
        .stderr(predicate::str::contains("exp"));
}

#[test]
fn huge_float_exp_is_a_claim_failure() {
    let token = hs256_over_raw_payload(br#"{"exp":1e300}"#);
    verify_secret(&token)
        .assert()
        .code(4)
        .stderr(predicate::str::contains("out of range"));
}

#[test]
fn non_numeric_nbf_is_a_claim_failure() {
    let token = hs256_over_raw_payload(br#"{"nbf":true}"#);
    verify_secret(&token).assert().code(4);
}

#[test]
fn fractional_exp_is_a_valid_numeric_date() {
    let exp = format!("exp:={}.5", NOW_UNIX + 60);
    verify_secret(&hs256(&["--claim", &exp])).assert().code(0);
}

#[test]
fn claim_failure_outranks_expiry_in_one_token() {
    let token = hs256(&["--exp", "-1h", "--iss", "https://a.example"]);
    let assert = verify_secret(&token)
        .args(["--json", "--iss", "https://b.example"])
        .assert()
        .code(4);
    let record = one_json_line(&assert.get_output().stdout);
    let ids: Vec<&str> = record["failures"]
        .as_array()
        .expect("failures array")
        .iter()
        .map(|f| f["id"].as_str().expect("id"))
        .collect();
    assert!(
        ids.contains(&"issuer-mismatch") && ids.contains(&"expired"),
        "{ids:?}"
    );
}

#[test]
fn claim_checks_on_a_plain_payload_fail() {
    let file = temp_file("Payload");
    let token = sign(&["--secret", SECRET, "--payload-file", &path_of(&file)]);
    verify_secret(&token).assert().code(0);
    verify_secret(&token)
        .args(["--sub", "alice"])
        .assert()
        .code(4);
}

// ---- 5: malformed tokens -----------------------------------------------------------

#[test]
fn two_segments_are_malformed() {
    let token = hs256(&[]);
    let two = token.rsplit_once('.').expect("three segments").0;
    verify_secret(two)
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::contains("segments"));
}

#[test]
fn bad_base64_is_malformed() {
    let token = hs256(&[]);
    let parts: Vec<&str> = token.split('.').collect();
    for bad in [
        format!("{}.{}!.{}", parts[0], parts[1], parts[2]),
        format!("{}.A.{}", parts[0], parts[2]),
    ] {
        verify_secret(&bad).assert().code(5).stdout("");
    }
}

#[test]
fn header_that_is_not_json_is_malformed() {
    let token = format!("{}.{}.AAAA", b64url("not json"), b64url("{}"));
    verify_secret(&token)
        .assert()
        .code(5)
        .stderr(predicate::str::contains("header is not JSON"));
}

#[test]
fn header_that_is_a_json_array_is_malformed() {
    let token = compact(r#"["alg","HS256"]"#, "{}", b"sig");
    verify_secret(&token).assert().code(5);
}

#[test]
fn header_without_alg_is_malformed() {
    let token = compact(r#"{"typ":"JWT"}"#, "{}", b"sig");
    verify_secret(&token).assert().code(5);
}

#[test]
fn base64_padding_is_refused() {
    // 32-byte HMAC: 43 base64url characters, so '=' padding is a possible anomaly.
    let token = format!("{}=", hs256(&[]));
    verify_secret(&token)
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::contains("padding"));
}

#[test]
fn standard_base64_alphabet_is_refused() {
    let token = hs256(&["--sub", "a"]);
    let (signing_input, _) = token.rsplit_once('.').expect("three segments");
    // "+/+/" is standard base64 (base64url would spell the same bytes "-_-_").
    let forced = format!("{signing_input}.+/+/");
    verify_secret(&forced)
        .assert()
        .code(5)
        .stderr(predicate::str::contains("'+' or '/'"));
}

#[test]
fn duplicate_payload_member_is_refused() {
    let token = hs256_over_raw_payload(br#"{"sub":"alice","sub":"admin"}"#);
    verify_secret(&token)
        .assert()
        .code(5)
        .stderr(predicate::str::contains("duplicate"));
}

#[test]
fn duplicate_header_member_is_refused() {
    let token = compact(r#"{"alg":"none","alg":"HS256"}"#, "{}", b"sig");
    verify_secret(&token)
        .assert()
        .code(5)
        .stderr(predicate::str::contains("duplicate"));
}

#[test]
fn duplicate_member_spelled_with_an_escape_is_refused() {
    // "\u0073ub" is "sub": the names are equal once the JSON is read.
    let token = hs256_over_raw_payload(br#"{"sub":"alice","\u0073ub":"admin"}"#);
    verify_secret(&token)
        .assert()
        .code(5)
        .stderr(predicate::str::contains("duplicate"));
}

#[test]
fn duplicate_member_nested_in_a_claim_is_refused() {
    let token = hs256_over_raw_payload(br#"{"user":{"role":"user","role":"admin"}}"#);
    verify_secret(&token).assert().code(5);
}

#[test]
fn payload_with_many_members_verifies_and_duplicates_among_them_do_not() {
    let members: Vec<String> = (0..100).map(|i| format!("\"k{i}\":{i}")).collect();
    let payload = format!("{{{}}}", members.join(","));
    let token = hs256_over_raw_payload(payload.as_bytes());
    verify_secret(&token)
        .args(["--require", "k99"])
        .assert()
        .code(0);
    let duplicated = format!("{{{},\"k3\":0}}", members.join(","));
    verify_secret(&hs256_over_raw_payload(duplicated.as_bytes()))
        .assert()
        .code(5);
}

#[test]
fn critical_header_extensions_are_refused() {
    // RFC 7515 §4.1.11: a verifier must reject extensions it does not understand.
    let token = hs256(&["--header", r#"crit:=["exp"]"#]);
    verify_secret(&token).assert().failure().stdout("");
}

#[test]
fn invalid_utf8_payload_is_refused() {
    let token = hs256_over_raw_payload(b"{\"sub\":\"a\xff\xfeb\"}");
    verify_secret(&token)
        .assert()
        .code(5)
        .stderr(predicate::str::contains("UTF-8"));
}

#[test]
fn jwe_is_refused_as_malformed() {
    let jwe = format!(
        "{}..{}.{}.{}",
        b64url(r#"{"alg":"dir","enc":"A256GCM"}"#),
        b64url("twelve bytes"),
        b64url("ciphertext"),
        b64url("sixteen byte tag")
    );
    verify_secret(&jwe)
        .assert()
        .code(5)
        .stderr(predicate::str::contains("JWE"));
}

#[test]
fn malformed_json_record() {
    let assert = verify_secret("a.b").arg("--json").assert().code(5);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["line"], 1);
    assert_eq!(record["valid"], false);
    assert_eq!(record["error"]["code"], 5);
    assert_eq!(record["error"]["kind"], "malformed");
}

#[test]
fn token_text_in_failure_messages_is_escaped() {
    let evil = "evil\u{202e}\u{1b}[2J";
    let by_iss = hs256(&["--iss", evil]);
    let by_kid = sign(&["--key", &key("rfc7515-a3.ec.jwk"), "--kid", evil]);
    let runs = [
        verify_secret(&by_iss)
            .args(["--iss", "good"])
            .assert()
            .code(4),
        verify_key("jwks.json", &by_kid).assert().code(6),
    ];
    for assert in runs {
        let stderr = stderr_of(&assert);
        assert!(stderr.contains("evil"), "{stderr}");
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{202e}'),
            "{stderr:?}"
        );
    }
}

// ---- 6: key problems ---------------------------------------------------------------

#[test]
fn unreadable_key_file_is_a_key_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.pem");
    run(["verify", "--now", NOW, "--key"])
        .arg(&missing)
        .arg(hs256(&[]))
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains("missing.pem"));
}

#[test]
fn garbage_key_is_a_key_error() {
    let token = hs256(&[]);
    for garbage in [
        &b"hello, world\n"[..],
        b"",
        b"{\"kty\":",
        b"\x30\x03\x02\x01",
    ] {
        let file = temp_file(garbage);
        run(["verify", "--now", NOW, "--key", &path_of(&file), &token])
            .assert()
            .code(6)
            .stdout("");
    }
}

#[test]
fn rsa1024_keys_are_too_small() {
    let token = sign(&["--key", &key("rsa2048.pkcs1.pem")]);
    for file in ["rsa1024.pub.pem", "rsa1024.pem"] {
        verify_key(file, &token)
            .assert()
            .code(6)
            .stdout("")
            .stderr(predicate::str::contains("2048"));
    }
}

#[test]
fn rsa1024_public_key_error_names_its_size() {
    verify_key(
        "rsa1024.pub.pem",
        &sign(&["--key", &key("rsa2048.pkcs1.pem")]),
    )
    .assert()
    .code(6)
    .stderr(predicate::str::contains("1024 bits"));
}

#[test]
fn rsa1024_private_key_error_names_its_size() {
    // Regression: a 1024-bit PKCS#1 private key was reported as "RSA key is 0 bits".
    verify_key("rsa1024.pem", &sign(&["--key", &key("rsa2048.pkcs1.pem")]))
        .assert()
        .code(6)
        .stderr(predicate::str::contains("1024 bits"));
    run(["sign", "--now", NOW, "--key", &key("rsa1024.pem")])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("1024 bits"));
}

#[test]
fn key_problem_for_one_token_is_a_json_record() {
    let token = sign(&["--key", &key("rfc7515-a3.ec.jwk"), "--kid", "dup"]);
    let assert = verify_key("jwks-duplicate-kid.json", &token)
        .arg("--json")
        .assert()
        .code(6);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["valid"], false);
    assert_eq!(record["status"], "key");
    assert_eq!(record["error"]["code"], 6);
    assert_eq!(record["error"]["id"], "ambiguous-kid");
}

#[test]
fn secp256k1_key_is_unsupported() {
    verify_key("secp256k1.pem", &hs256(&[]))
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains("unsupported"));
}

#[test]
fn encrypted_pem_is_a_key_error() {
    verify_key("rsa2048.encrypted.pem", &hs256(&[]))
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains("encrypted"));
}

#[test]
fn forcing_an_alg_the_key_cannot_serve_is_a_key_error() {
    let token = sign(&["--key", &key("rsa2048.pkcs1.pem")]);
    verify_key("rsa2048.pub.pem", &token)
        .args(["--alg", "ES256"])
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains("ES256"));
    run([
        "verify", "--now", NOW, "--secret", SECRET, "--alg", "RS256", &token,
    ])
    .assert()
    .code(6);
}

#[test]
fn jwks_without_the_tokens_kid_is_a_key_error() {
    let token = sign(&["--key", &key("rfc7515-a2.rsa.jwk"), "--kid", "nope"]);
    verify_key("jwks.json", &token)
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains("\"nope\""));
}

#[test]
fn ambiguous_kid_is_a_key_error() {
    let token = sign(&["--key", &key("rfc7515-a3.ec.jwk"), "--kid", "dup"]);
    verify_key("jwks-duplicate-kid.json", &token)
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains("\"dup\""));
}

#[test]
fn duplicate_kid_of_another_key_type_is_not_ambiguous() {
    // jwks-duplicate-kid.json has two P-256 keys and one RSA key named "dup": an RS256
    // token can only mean the RSA one.
    let token = sign(&["--key", &key("rfc7515-a2.rsa.jwk"), "--kid", "dup"]);
    verify_key("jwks-duplicate-kid.json", &token)
        .assert()
        .code(0);
}

#[test]
fn kid_of_an_unusable_jwks_key_is_a_key_error() {
    // x-1 is an X25519 key: skipped when the JWKS is loaded.
    let token = sign(&["--key", &key("rfc7515-a3.ec.jwk"), "--kid", "x-1"]);
    verify_key("jwks.json", &token).assert().code(6);
}

#[test]
fn secret_problems_are_key_errors() {
    let token = hs256(&[]);
    run(["verify", "--now", NOW, "--secret", "", &token])
        .assert()
        .code(6);
    run([
        "verify",
        "--now",
        NOW,
        "--secret",
        "zz",
        "--secret-encoding",
        "hex",
        &token,
    ])
    .assert()
    .code(6);
    run([
        "verify",
        "--now",
        NOW,
        "--secret-env",
        "JWTX_TEST_SURELY_UNSET",
        &token,
    ])
    .assert()
    .code(6)
    .stderr(predicate::str::contains("JWTX_TEST_SURELY_UNSET"));
}

// ---- key formats ---------------------------------------------------------------------

/// Signs with `signing` and checks that `verifying` accepts the token.
fn verifies_with(signing: &str, verifying: &str) {
    let token = sign(&["--key", &key(signing), "--exp", "1h"]);
    let alg = header_of(&token)["alg"].as_str().expect("alg").to_owned();
    verify_key(verifying, &token)
        .assert()
        .code(0)
        .stdout(format!("valid ({alg}; expires in 1h)\n"));
}

macro_rules! key_formats {
    ($($name:ident: $signing:literal => $verifying:literal;)*) => {
        $(
            #[test]
            fn $name() {
                verifies_with($signing, $verifying);
            }
        )*
    };
}

key_formats! {
    rsa_pkcs1_public_pem: "rsa2048.pkcs1.pem" => "rsa2048.pub.pkcs1.pem";
    rsa_spki_pem: "rsa2048.pkcs1.pem" => "rsa2048.pub.pem";
    rsa_spki_der: "rsa2048.pkcs1.pem" => "rsa2048.pub.der";
    rsa_certificate_pem: "rsa2048.pkcs1.pem" => "rsa2048.cert.pem";
    rsa_certificate_der: "rsa2048.pkcs1.pem" => "rsa2048.cert.der";
    rsa_pkcs1_private_pem: "rsa2048.pkcs8.pem" => "rsa2048.pkcs1.pem";
    rsa_pkcs8_private_pem: "rsa2048.pkcs1.pem" => "rsa2048.pkcs8.pem";
    rsa_pkcs8_private_der: "rsa2048.pkcs1.pem" => "rsa2048.pkcs8.der";
    ec_spki_pem: "ec-p256.sec1.pem" => "ec-p256.pub.pem";
    ec_spki_der: "ec-p256.sec1.pem" => "ec-p256.pub.der";
    ec_certificate_pem: "ec-p256.sec1.pem" => "ec-p256.cert.pem";
    ec_sec1_private_pem_with_parameters_block: "ec-p256.pkcs8.pem" => "ec-p256.sec1.pem";
    ec_pkcs8_private_pem: "ec-p256.sec1.pem" => "ec-p256.pkcs8.pem";
    ec_sec1_private_der: "ec-p256.pkcs8.pem" => "ec-p256.sec1.der";
    ec_p384_sec1_private_pem: "ec-p384.pkcs8.pem" => "ec-p384.sec1.pem";
    ec_p521_pkcs8_private_pem: "ec-p521.sec1.pem" => "ec-p521.pkcs8.pem";
    ed25519_public_pem: "ed25519.pem" => "ed25519.pub.pem";
    rsa_public_jwk: "rfc7515-a2.rsa.jwk" => "rfc7515-a2.rsa.pub.jwk";
    ec_public_jwk: "rfc7515-a3.ec.jwk" => "rfc7515-a3.ec.pub.jwk";
    ec_p521_public_jwk: "rfc7515-a4.ec521.jwk" => "rfc7515-a4.ec521.pub.jwk";
    rsa_private_jwk: "rfc7515-a2.rsa.jwk" => "rfc7515-a2.rsa.jwk";
    jwk_public_key_as_pem: "rfc7515-a2.rsa.jwk" => "rfc7515-a2.rsa.pub.pem";
}

fn verifies_in_jwks(signing: &str, kid: &str, jwks: &str) {
    let token = sign(&["--key", &key(signing), "--kid", kid]);
    let assert = verify_key(jwks, &token).arg("--json").assert().code(0);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["kid"], kid);
    assert_eq!(record["key"]["kid"], kid);
}

#[test]
fn jwks_selects_the_rsa_key_by_kid() {
    verifies_in_jwks("rfc7515-a2.rsa.jwk", "rsa-1", "jwks.json");
}

#[test]
fn jwks_selects_the_p256_key_by_kid() {
    verifies_in_jwks("rfc7515-a3.ec.jwk", "ec-1", "jwks.json");
}

#[test]
fn jwks_selects_the_p521_key_by_kid() {
    verifies_in_jwks("rfc7515-a4.ec521.jwk", "ec-521", "jwks.json");
}

#[test]
fn jwks_kid_of_a_key_of_another_curve_is_refused() {
    let token = sign(&["--key", &key("rfc7515-a3.ec.jwk"), "--kid", "ec-521"]);
    verify_key("jwks.json", &token).assert().code(1).stdout("");
}

#[test]
fn jwks_alg_pin_restricts_its_key() {
    // rsa-1 carries "alg": "RS256".
    let token = sign(&[
        "--key",
        &key("rfc7515-a2.rsa.jwk"),
        "--kid",
        "rsa-1",
        "--alg",
        "PS256",
    ]);
    verify_key("jwks.json", &token).assert().code(1);
}

#[test]
fn jwks_without_kid_tries_every_compatible_key() {
    for signing in ["rfc7515-a2.rsa.jwk", "rfc7515-a3.ec.jwk"] {
        let token = sign(&["--key", &key(signing)]);
        verify_key("jwks-nokid.json", &token).assert().code(0);
        verify_key("jwks.json", &token).assert().code(0);
    }
}

#[test]
fn jwks_without_kid_finds_the_second_key_of_the_same_type() {
    // jwks-two-p256-nokid.json: the RFC 7515 A.3 key first, ec-p256 second.
    // The valid line names each key by its thumbprint, so the two lines differ.
    let mut lines = Vec::new();
    for signing in ["rfc7515-a3.ec.jwk", "ec-p256.sec1.pem"] {
        let token = sign(&["--key", &key(signing), "--exp", "1h"]);
        let assert = verify_key("jwks-two-p256-nokid.json", &token)
            .assert()
            .code(0);
        let line = stdout_of(&assert);
        assert!(
            line.starts_with("valid (ES256; key thumbprint ")
                && line.ends_with("; expires in 1h)\n"),
            "{line}"
        );
        lines.push(line);
    }
    assert_ne!(lines[0], lines[1]);
}

#[test]
fn jwks_encryption_key_is_never_used_by_kid() {
    // enc-1 is the same RSA key as rsa-1, but with "use": "enc": no signature key has
    // that kid, which is a key problem.
    let token = sign(&["--key", &key("rfc7515-a2.rsa.jwk"), "--kid", "enc-1"]);
    verify_key("jwks.json", &token)
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains("enc-1"));
}

#[test]
fn jwks_encryption_key_is_never_used_without_kid() {
    // Without a kid a PS256 token could only verify with enc-1 (rsa-1 is pinned to
    // RS256), and an encryption key must never verify.
    let token = sign(&["--key", &key("rfc7515-a2.rsa.jwk"), "--alg", "PS256"]);
    verify_key("jwks-nokid.json", &token).assert().code(0);
    verify_key("jwks.json", &token).assert().code(1).stdout("");
}

#[test]
fn oct_jwk_verifies_hmac() {
    let token = vector_token("rfc7515_a1_hs256");
    run([
        "verify",
        "--now",
        BEFORE_VECTOR_EXP,
        "--key",
        &key("rfc7515-a1.oct.jwk"),
    ])
    .arg(&token)
    .assert()
    .code(0)
    .stdout("valid (HS256; expires in 1s)\n");
}

#[test]
fn secret_flag_verifies_hmac() {
    verify_secret(&hs256(&[])).assert().code(0);
}

#[test]
fn secret_file_drops_one_trailing_newline() {
    let token = hs256(&[]);
    for ending in ["\n", "\r\n", ""] {
        let file = temp_file(format!("{SECRET}{ending}"));
        run([
            "verify",
            "--now",
            NOW,
            "--secret-file",
            &path_of(&file),
            &token,
        ])
        .assert()
        .code(0);
    }
    let file = temp_file(format!("{SECRET}\n\n"));
    run([
        "verify",
        "--now",
        NOW,
        "--secret-file",
        &path_of(&file),
        &token,
    ])
    .assert()
    .code(1);
}

#[test]
fn secret_file_from_stdin_with_token_argument() {
    run(["verify", "--now", NOW, "--secret-file", "-", &hs256(&[])])
        .write_stdin(format!("{SECRET}\n"))
        .assert()
        .code(0);
}

#[test]
fn secret_env_reads_the_variable() {
    run([
        "verify",
        "--now",
        NOW,
        "--secret-env",
        "JWTX_TEST_SECRET",
        &hs256(&[]),
    ])
    .env("JWTX_TEST_SECRET", SECRET)
    .assert()
    .code(0);
    run([
        "verify",
        "--now",
        NOW,
        "--secret-env",
        "JWTX_TEST_SECRET",
        &hs256(&[]),
    ])
    .env("JWTX_TEST_SECRET", OTHER_SECRET)
    .assert()
    .code(1);
}

/// The RFC 7515 A.1 secret (64 binary bytes) in several encodings.
fn a1_secret_hex() -> String {
    vector("rfc7515_a1_hs256")["key_secret_hex"]
        .as_str()
        .expect("hex secret")
        .to_owned()
}

fn a1_secret_bytes() -> Vec<u8> {
    let hex = a1_secret_hex();
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
        .collect()
}

fn verify_a1_with_secret(secret: &str, encoding: &str) -> assert_cmd::assert::Assert {
    run(["verify", "--now", BEFORE_VECTOR_EXP, "--secret", secret])
        .args(["--secret-encoding", encoding])
        .arg(vector_token("rfc7515_a1_hs256"))
        .assert()
}

#[test]
fn secret_encoding_hex() {
    verify_a1_with_secret(&a1_secret_hex(), "hex").code(0);
    verify_a1_with_secret(&a1_secret_hex().to_uppercase(), "hex").code(0);
}

#[test]
fn secret_encoding_base64url() {
    let encoded = b64url(a1_secret_bytes());
    verify_a1_with_secret(&encoded, "base64url").code(0);
    // The same text read as UTF-8 is another key.
    verify_a1_with_secret(&encoded, "utf8").code(1);
}

#[test]
fn secret_encoding_base64() {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(a1_secret_bytes());
    assert!(encoded.contains('+') || encoded.contains('/') || encoded.ends_with('='));
    verify_a1_with_secret(&encoded, "base64").code(0);
}

#[test]
fn secret_encoding_applies_to_secret_file() {
    let file = temp_file(format!("{}\n", a1_secret_hex()));
    run([
        "verify",
        "--now",
        BEFORE_VECTOR_EXP,
        "--secret-file",
        &path_of(&file),
    ])
    .args(["--secret-encoding", "hex"])
    .arg(vector_token("rfc7515_a1_hs256"))
    .assert()
    .code(0);
}

#[test]
fn valid_output_names_the_key_thumbprint_for_asymmetric_keys() {
    let token = sign(&["--key", &key("rfc7515-a2.rsa.jwk")]);
    let from_pem = verify_key("rfc7515-a2.rsa.pub.pem", &token)
        .arg("--json")
        .assert()
        .code(0);
    let from_jwk = verify_key("rfc7515-a2.rsa.pub.jwk", &token)
        .arg("--json")
        .assert()
        .code(0);
    let a = one_json_line(&from_pem.get_output().stdout);
    let b = one_json_line(&from_jwk.get_output().stdout);
    assert!(a["key"]["thumbprint"].is_string());
    assert_eq!(a["key"]["thumbprint"], b["key"]["thumbprint"]);
    assert_eq!(a["key"]["kind"], json!("RSA 2048-bit"));
}
