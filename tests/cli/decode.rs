//! `jwtx decode`: text and JSON views, `--claim`, plain and nested payloads, JWE, and
//! escaping of whatever a token's author put in it.

use predicates::prelude::*;
use serde_json::json;

use crate::util::*;

fn decode(token: &str) -> assert_cmd::Command {
    let mut cmd = run(["decode", "--now", NOW]);
    cmd.arg(token);
    cmd
}

fn decode_json_record(token: &str) -> serde_json::Value {
    let assert = decode(token).arg("--json").assert().code(0);
    one_json_line(&assert.get_output().stdout)
}

#[test]
fn text_shows_header_payload_times_and_signature() {
    let token = sign(&["--secret", SECRET, "--sub", "alice", "--exp", "15m"]);
    let assert = decode(&token).assert().code(0);
    let stdout = stdout_of(&assert);
    assert!(times_row(&stdout, "exp").contains("2026-01-01T00:15:00Z  expires in 15m"));
    for expected in [
        "Header  JWS, HS256",
        "\"alg\": \"HS256\"",
        "\"typ\": \"JWT\"",
        "Payload  JWT claims",
        "\"sub\": \"alice\"",
        "Signature  32 bytes, not verified",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
    assert!(stderr_of(&assert).contains("not verified"));
}

#[test]
fn expired_token_shows_how_long_ago_and_exits_0() {
    // exp 3h 2m before NOW.
    let token = sign(&["--secret", SECRET, "--exp", "-3h2m"]);
    decode(&token)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "exp       2025-12-31T20:58:00Z  expired 3h 2m ago",
        ));
}

#[test]
fn expired_vector_shows_years_and_days_ago() {
    decode(&vector_token("rfc7515_a1_hs256"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "2011-03-22T18:43:00Z  expired 14y 288d ago",
        ));
}

/// The "Times" row for `claim` in decode's text output.
fn times_row(stdout: &str, claim: &str) -> String {
    let prefix = format!("  {claim:<9} ");
    stdout
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no {claim} row in:\n{stdout}"))
        .to_owned()
}

#[test]
fn expired_exactly_now_is_not_phrased_as_future() {
    // Regression: at exactly exp, decode said "expired in 0s" and verify "(in 0s)".
    let token = sign(&["--secret", SECRET, "--exp", "0s"]);
    let stdout = stdout_of(&decode(&token).assert().code(0));
    let row = times_row(&stdout, "exp");
    assert!(row.contains("2026-01-01T00:00:00Z  expired"), "{row}");
    assert!(!row.contains(" in "), "{row}");
    run(["verify", "--now", NOW, "--secret", SECRET, &token])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("(in 0s)").not());
}

#[test]
fn not_yet_valid_token_shows_when() {
    // Regression: this read "not valid until in 2h".
    let token = sign(&["--secret", SECRET, "--nbf", "+2h"]);
    let stdout = stdout_of(&decode(&token).assert().code(0));
    let row = times_row(&stdout, "nbf");
    assert!(row.contains("2026-01-01T02:00:00Z"), "{row}");
    assert!(row.contains("valid") && row.contains("2h"), "{row}");
    assert!(!row.contains("until in "), "{row}");
}

#[test]
fn token_without_exp_says_it_never_expires() {
    decode(&sign(&["--secret", SECRET]))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("absent: the token never expires"));
}

#[test]
fn json_has_header_payload_signature_and_times() {
    let token = sign(&["--secret", SECRET, "--sub", "alice", "--exp", "-1h"]);
    let record = decode_json_record(&token);
    assert_eq!(record["line"], 1);
    assert_eq!(record["source"], "argument");
    assert_eq!(record["form"], "jws");
    assert_eq!(record["header"], json!({"alg": "HS256", "typ": "JWT"}));
    assert_eq!(
        record["payload"],
        json!({"sub": "alice", "exp": NOW_UNIX - 3600, "iat": NOW_UNIX})
    );
    let signature = &record["signature"];
    assert_eq!(signature["alg"], "HS256");
    assert_eq!(signature["length"], 32);
    assert_eq!(signature["verified"], false);
    assert_eq!(
        signature["base64url"],
        token.rsplit('.').next().expect("signature")
    );
    let exp = &record["times"]["exp"];
    assert_eq!(exp["value"], NOW_UNIX - 3600);
    assert_eq!(exp["rfc3339"], "2025-12-31T23:00:00Z");
    assert_eq!(exp["relative"], "1h ago");
    assert_eq!(exp["seconds_from_now"], -3600.0);
    assert_eq!(exp["state"], "expired");
    assert_eq!(record["times"]["iat"]["rfc3339"], "2026-01-01T00:00:00Z");
    assert_eq!(record["anomalies"], json!([]));
}

#[test]
fn json_times_state_for_a_valid_exp() {
    let record = decode_json_record(&sign(&["--secret", SECRET, "--exp", "2h"]));
    assert_eq!(record["times"]["exp"]["state"], "valid");
    assert_eq!(record["times"]["exp"]["relative"], "in 2h");
}

#[test]
fn json_reports_a_malformed_time_claim() {
    // sign refuses such a claim; --payload-file signs the bytes as they are.
    let token = hs256_over_raw_payload(br#"{"exp":"tomorrow"}"#);
    let record = decode_json_record(&token);
    let error = record["times"]["exp"]["error"]
        .as_str()
        .expect("error text");
    assert!(error.contains("string"), "{error}");
}

#[test]
fn claim_prints_the_bare_value() {
    let token = sign(&["--secret", SECRET, "--sub", "alice"]);
    decode(&token)
        .args(["--claim", "sub"])
        .assert()
        .code(0)
        .stdout("alice\n");
}

#[test]
fn claim_prints_non_strings_as_json() {
    let token = sign(&[
        "--secret",
        SECRET,
        "--claim",
        r#"scopes:=["read","write"]"#,
        "--claim",
        "n:=42",
    ]);
    decode(&token)
        .args(["--claim", "scopes"])
        .assert()
        .code(0)
        .stdout("[\"read\",\"write\"]\n");
    decode(&token)
        .args(["--claim", "iat"])
        .assert()
        .code(0)
        .stdout(format!("{NOW_UNIX}\n"));
}

#[test]
fn claim_follows_a_dotted_path() {
    let token = sign(&[
        "--secret",
        SECRET,
        "--claim",
        r#"user:={"name":"ann","roles":["a","b"]}"#,
    ]);
    decode(&token)
        .args(["--claim", "user.name"])
        .assert()
        .code(0)
        .stdout("ann\n");
    decode(&token)
        .args(["--claim", "user.roles.1"])
        .assert()
        .code(0)
        .stdout("b\n");
}

#[test]
fn claim_name_with_dots_is_found_first() {
    decode(&vector_token("rfc7515_a1_hs256"))
        .args(["--claim", "http://example.com/is_root"])
        .assert()
        .code(0)
        .stdout("true\n");
}

#[test]
fn missing_claim_exits_4() {
    let token = sign(&["--secret", SECRET, "--sub", "alice"]);
    decode(&token)
        .args(["--claim", "email"])
        .assert()
        .code(4)
        .stdout("")
        .stderr(predicate::str::contains("\"email\""));
}

#[test]
fn claim_with_json_is_a_versioned_record_per_token() {
    let token = sign(&["--secret", SECRET, "--sub", "alice"]);
    let assert = decode(&token)
        .args(["--claim", "sub", "--json"])
        .assert()
        .code(0);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["line"], 1);
    assert_eq!(record["claim"], "sub");
    assert_eq!(record["value"], "alice");
}

#[test]
fn missing_claim_with_json_is_an_error_record() {
    let token = sign(&["--secret", SECRET]);
    let assert = decode(&token)
        .args(["--claim", "email", "--json"])
        .assert()
        .code(4);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["line"], 1);
    assert_eq!(record["error"]["code"], 4);
    assert_eq!(record["error"]["kind"], "claim");
}

#[test]
fn claim_of_a_plain_payload_exits_4() {
    decode(&vector_token("rfc7515_a4_es512"))
        .args(["--claim", "sub"])
        .assert()
        .code(4)
        .stdout("");
}

#[test]
fn plain_text_payload_shows_as_text() {
    let assert = decode(&vector_token("rfc7515_a4_es512")).assert().code(0);
    let stdout = stdout_of(&assert);
    assert!(
        stdout.contains("Payload  7 bytes of text\nPayload\n"),
        "{stdout}"
    );
    assert!(stdout.contains("Signature  132 bytes"), "{stdout}");
}

#[test]
fn plain_text_payload_in_json() {
    let record = decode_json_record(&vector_token("rfc7515_a4_es512"));
    assert_eq!(record["payload"], json!(null));
    assert_eq!(record["payload_text"], "Payload");
    assert_eq!(record["header"], json!({"alg": "ES512"}));
    assert!(record.get("times").is_none());
}

#[test]
fn binary_payload_shows_as_base64url() {
    let token = hs256_over_raw_payload(b"\xff\xfe\x00binary");
    let assert = decode(&token).assert().code(0);
    let stdout = stdout_of(&assert);
    assert!(stdout.contains("9 bytes of binary, base64url"), "{stdout}");
    assert!(stdout.contains(&b64url(b"\xff\xfe\x00binary")), "{stdout}");
    let record = decode_json_record(&token);
    assert_eq!(record["payload_base64url"], b64url(b"\xff\xfe\x00binary"));
}

/// A token whose payload is another token, with `cty: JWT`.
fn nested_token() -> String {
    let inner = sign(&["--secret", SECRET, "--sub", "inner-subject"]);
    let file = temp_file(&inner);
    sign(&[
        "--secret",
        SECRET,
        "--payload-file",
        &path_of(&file),
        "--header",
        "cty=JWT",
    ])
}

#[test]
fn nested_token_is_decoded_in_text() {
    let assert = decode(&nested_token()).assert().code(0);
    let stdout = stdout_of(&assert);
    let nested = stdout
        .split_once("Nested token  cty: JWT\n")
        .unwrap_or_else(|| panic!("no nested section in:\n{stdout}"))
        .1;
    assert!(nested.contains("Payload  JWT claims"), "{nested}");
    assert!(nested.contains("\"sub\": \"inner-subject\""), "{nested}");
}

#[test]
fn nested_token_is_decoded_in_json() {
    let record = decode_json_record(&nested_token());
    assert_eq!(record["header"]["cty"], "JWT");
    assert_eq!(record["nested"]["form"], "jws");
    assert_eq!(record["nested"]["payload"]["sub"], "inner-subject");
    assert_eq!(record["nested"]["header"]["typ"], "JWT");
}

fn jwe() -> String {
    format!(
        "{}..{}.{}.{}",
        b64url(r#"{"alg":"dir","enc":"A256GCM"}"#),
        b64url("twelve bytes"),
        b64url("ciphertext"),
        b64url("sixteen byte tag")
    )
}

#[test]
fn jwe_shows_its_header_and_says_encrypted() {
    let assert = decode(&jwe()).assert().code(0);
    let stdout = stdout_of(&assert);
    assert!(stdout.contains("JWE"), "{stdout}");
    assert!(stdout.contains("\"enc\": \"A256GCM\""), "{stdout}");
    assert!(stdout.contains("encrypted"), "{stdout}");
    assert!(!stdout.contains("Signature"), "{stdout}");
}

#[test]
fn jwe_in_json() {
    let record = decode_json_record(&jwe());
    assert_eq!(record["form"], "jwe");
    assert_eq!(record["header"], json!({"alg": "dir", "enc": "A256GCM"}));
    assert_eq!(record["encrypted"], true);
    assert_eq!(record["payload"], json!(null));
}

#[test]
fn unsecured_token_decodes_with_no_signature() {
    let token = sign(&["--unsecured", "--sub", "a"]);
    decode(&token)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Signature  none (unsecured token)",
        ));
}

#[test]
fn decode_does_not_check_the_signature() {
    let token = sign(&["--secret", OTHER_SECRET, "--sub", "a"]);
    let (signing_input, _) = token.rsplit_once('.').expect("three segments");
    decode(&format!("{signing_input}.AAAA"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"sub\": \"a\""))
        .stderr(predicate::str::contains("not verified"));
}

#[test]
fn terminal_controls_in_claims_are_escaped_in_text() {
    let token = sign(&[
        "--secret",
        SECRET,
        "--claim",
        "name=\u{1b}[31mred\u{1b}[0m",
        "--claim",
        "file=evil\u{202e}txt.exe",
        "--claim",
        "bell=\u{7}",
        "--claim",
        "csi=\u{9b}2J",
        "--claim",
        "\u{1b}[2Jkey=x",
    ]);
    let assert = decode(&token).assert().code(0);
    let stdout = &assert.get_output().stdout;
    assert!(!stdout.contains(&0x1b), "raw ESC on stdout");
    assert!(!stdout.contains(&0x07), "raw BEL on stdout");
    let text = String::from_utf8(stdout.clone()).expect("UTF-8");
    for raw in ['\u{202e}', '\u{9b}'] {
        assert!(!text.contains(raw), "raw {raw:?} on stdout");
    }
    assert!(text.contains(r"\u001b[31mred"), "{text}");
    assert!(text.contains(r"evil\u202etxt.exe"), "{text}");
}

#[test]
fn terminal_controls_in_a_bare_claim_are_escaped() {
    let token = sign(&[
        "--secret",
        SECRET,
        "--claim",
        "name=\u{1b}]0;pwned\u{7}ok\u{202e}",
    ]);
    let assert = decode(&token).args(["--claim", "name"]).assert().code(0);
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).expect("UTF-8");
    assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{7}'));
    assert!(!stdout.contains('\u{202e}'));
    assert!(stdout.contains("pwned"), "{stdout}");
}

#[test]
fn terminal_controls_in_a_plain_payload_are_escaped() {
    let token = hs256_over_raw_payload("hi \u{1b}[2J there \u{202e}".as_bytes());
    let assert = decode(&token).assert().code(0);
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).expect("UTF-8");
    assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{202e}'));
    assert!(stdout.contains("there"), "{stdout}");
}

#[test]
fn terminal_controls_in_header_alg_and_enc_are_escaped() {
    let jws = compact(r#"{"alg":"\u001b[2J\u202e"}"#, "{}", b"sig");
    let jwe = format!(
        "{}..{}.{}.{}",
        b64url(r#"{"alg":"\u001b[2J","enc":"\u202e\u009b"}"#),
        b64url("iv"),
        b64url("ct"),
        b64url("tag")
    );
    for token in [jws, jwe] {
        let assert = decode(&token).assert().code(0);
        let stdout = String::from_utf8(assert.get_output().stdout.clone()).expect("UTF-8");
        for raw in ['\u{1b}', '\u{202e}', '\u{9b}'] {
            assert!(!stdout.contains(raw), "raw {raw:?} in:\n{stdout}");
        }
    }
}

#[test]
fn invalid_utf8_payload_is_shown_with_a_warning() {
    let token = hs256_over_raw_payload(b"{\"sub\":\"a\xff\xfeb\"}");
    let assert = decode(&token)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("warning").and(predicate::str::contains("UTF-8")));
    let stdout = stdout_of(&assert);
    assert!(
        stdout.contains("\"sub\": \"a\u{fffd}\u{fffd}b\""),
        "{stdout}"
    );
    let record = decode_json_record(&token);
    assert_eq!(record["anomalies"][0]["id"], "non-utf8");
}

#[test]
fn base64_padding_is_a_warning_not_an_error() {
    let token = format!("{}=", sign(&["--secret", SECRET, "--sub", "a"]));
    decode(&token)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"sub\": \"a\""))
        .stderr(predicate::str::contains("warning").and(predicate::str::contains("padding")));
    let record = decode_json_record(&token);
    assert_eq!(record["anomalies"][0]["id"], "base64-padding");
}

#[test]
fn duplicate_member_is_a_warning_and_the_last_one_shows() {
    let token = hs256_over_raw_payload(br#"{"sub":"alice","sub":"admin"}"#);
    decode(&token)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"sub\": \"admin\""))
        .stderr(predicate::str::contains("duplicate member \"sub\""));
    let record = decode_json_record(&token);
    assert_eq!(record["anomalies"][0]["id"], "duplicate-member");
}

#[test]
fn claim_over_a_stream_reads_each_token_as_a_whole_decode_would() {
    // Duplicates at any depth are warned about and the last value shows; a JWE, a
    // plain payload, a token without the claim and a malformed line each say why.
    let tokens = [
        hs256_over_raw_payload(br#"{"sub":"alice","org":{"id":1,"id":2},"sub":"admin"}"#),
        jwe(),
        hs256_over_raw_payload(br#"{"aud":["a","b"]}"#),
        "not-a-token".to_owned(),
        vector_token("rfc7515_a4_es512"),
        hs256_over_raw_payload(br#"{"s\u0075b":"escaped","list":[{"x":1,"x":2}]}"#),
    ];
    let assert = run(["decode", "--now", NOW, "--claim", "sub"])
        .write_stdin(tokens.join("\n"))
        .assert()
        .code(5);
    let out = assert.get_output();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "admin\nescaped\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "line 1: payload has duplicate member \"org.id\"",
        "line 1: payload has duplicate member \"sub\"",
        "line 2: payload is not a JSON claims set",
        "line 3: claim \"sub\" is not present",
        "line 4: not a JWT",
        "line 5: payload is not a JSON claims set",
        "line 6: payload has duplicate member \"list.0.x\"",
    ] {
        assert!(stderr.contains(expected), "{expected} not in:\n{stderr}");
    }
    let first = stderr.find("org.id").unwrap();
    assert!(first < stderr.find("member \"sub\"").unwrap(), "{stderr}");
}

#[test]
fn malformed_token_exits_5() {
    decode("a.b")
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::contains("segments"));
    decode(&compact("[1]", "{}", b"s"))
        .assert()
        .code(5)
        .stderr(predicate::str::contains("not an object"));
}

#[test]
fn malformed_token_json_error_record() {
    let assert = decode("a.b").arg("--json").assert().code(5);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["line"], 1);
    assert_eq!(record["source"], "argument");
    assert_eq!(record["error"]["code"], 5);
    assert_eq!(record["error"]["kind"], "malformed");
    assert!(record["error"]["message"].is_string());
}

#[test]
fn bad_now_is_a_usage_error() {
    run(["decode", "--now", "soon", &sign(&["--secret", SECRET])])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--now"));
}

#[test]
fn vector_header_with_crlf_decodes_exactly() {
    let vector = vector("rfc7515_a1_hs256");
    let record = decode_json_record(vector["token"].as_str().expect("token"));
    let header: serde_json::Value =
        serde_json::from_str(vector["header_decoded"].as_str().expect("header")).expect("JSON");
    let payload: serde_json::Value =
        serde_json::from_str(vector["payload_decoded"].as_str().expect("payload")).expect("JSON");
    assert_eq!(record["header"], header);
    assert_eq!(record["payload"], payload);
    assert_eq!(record["times"]["exp"]["value"], VECTOR_EXP);
    assert_eq!(
        record["signature"]["length"],
        vector["signature_length_bytes"]
    );
}

#[test]
fn colour_only_when_asked() {
    let token = sign(&["--secret", SECRET, "--exp", "-1h"]);
    let coloured = jwtx()
        .args(["--color", "always", "decode", "--now", NOW, &token])
        .assert()
        .code(0);
    assert!(coloured.get_output().stdout.contains(&0x1b), "no colour");
    let plain = jwtx()
        .args(["decode", "--now", NOW, &token])
        .assert()
        .code(0);
    assert!(
        !plain.get_output().stdout.contains(&0x1b),
        "colour despite NO_COLOR"
    );
}
