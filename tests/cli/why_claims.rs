//! `jwtx verify` says which claim checks failed, all of them, with the expected value
//! beside the token's; and, with `jwtx expiry`, when a time claim misses by a clock
//! skew, which `--leeway` would accept it, and when leeway accepted one, says so.

use serde_json::{Value, json};

use crate::util::*;

/// A token over exactly these claims, HS256 with [`SECRET`].
fn token(claims: Value) -> String {
    sign(&["--secret", SECRET, &claims.to_string()])
}

fn verify(token: &str, flags: &[&str]) -> assert_cmd::Command {
    let mut cmd = run(["verify", "--now", NOW, "--secret", SECRET]);
    cmd.args(flags).arg(token);
    cmd
}

fn verify_at(now: i64, token: &str, flags: &[&str]) -> assert_cmd::Command {
    let mut cmd = run(["verify", "--secret", SECRET, "--now"]);
    cmd.arg(now.to_string()).args(flags).arg(token);
    cmd
}

fn failures(record: &Value) -> &Vec<Value> {
    record["failures"].as_array().expect("failures array")
}

#[test]
fn issuer_mismatch_shows_expected_beside_actual() {
    let t = token(json!({"iss": "https://auth.example.com/"}));
    let assert = verify(&t, &["--iss", "https://auth.example.com"])
        .assert()
        .code(4);
    assert_eq!(
        stderr_of(&assert),
        "jwtx: claim check failed: iss is \"https://auth.example.com/\", expected \"https://auth.example.com\"\n"
    );
}

#[test]
fn every_failed_check_is_reported_in_text_primary_first() {
    let t = token(json!({
        "iss": "https://auth.example.com/",
        "aud": ["web", "mobile"],
        "sub": "bob",
    }));
    let assert = verify(
        &t,
        &[
            "--iss",
            "https://auth.example.com",
            "--aud",
            "api",
            "--aud",
            "admin",
            "--sub",
            "alice",
            "--require",
            "jti",
        ],
    )
    .assert()
    .code(4);
    let stderr = stderr_of(&assert);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "jwtx: claim check failed: required claim \"jti\" is missing",
            "jwtx: also: iss is \"https://auth.example.com/\", expected \"https://auth.example.com\"",
            "jwtx: also: aud is [\"web\", \"mobile\"], expected one of \"api\", \"admin\"",
            "jwtx: also: sub is \"bob\", expected \"alice\"",
        ],
        "{stderr}"
    );
}

#[test]
fn every_failed_check_is_in_json_with_expected_and_actual() {
    let t = token(json!({"iss": "https://a.example", "aud": "web", "exp": NOW_UNIX - 3600}));
    let assert = verify(
        &t,
        &[
            "--json",
            "--iss",
            "https://b.example",
            "--aud",
            "api",
            "--sub",
            "alice",
        ],
    )
    .assert()
    .code(4);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["error"]["id"], "issuer-mismatch");
    assert_eq!(
        record["error"]["message"],
        "iss is \"https://a.example\", expected \"https://b.example\""
    );
    let list = failures(&record);
    let ids: Vec<&str> = list.iter().map(|f| f["id"].as_str().expect("id")).collect();
    assert_eq!(
        ids,
        [
            "issuer-mismatch",
            "audience-mismatch",
            "subject-mismatch",
            "expired"
        ]
    );
    assert_eq!(list[0]["expected"], "https://b.example");
    assert_eq!(list[0]["actual"], "https://a.example");
    assert_eq!(list[1]["message"], "aud is \"web\", expected \"api\"");
    assert_eq!(list[1]["expected"], "api");
    assert_eq!(list[1]["actual"], "web");
    assert_eq!(list[2]["message"], "sub is missing, expected \"alice\"");
    assert_eq!(list[2]["expected"], "alice");
    assert!(list[2].get("actual").is_none(), "{}", list[2]);
    assert!(list[3].get("expected").is_none(), "{}", list[3]);
    // An hour past exp is no clock skew: no leeway is suggested.
    assert!(record.get("hints").is_none(), "{record}");
}

#[test]
fn audience_array_and_missing_audience() {
    let array = token(json!({"aud": ["web", "mobile"]}));
    let assert = verify(&array, &["--json", "--aud", "api", "--aud", "admin"])
        .assert()
        .code(4);
    let record = one_json_line(&assert.get_output().stdout);
    let f = &failures(&record)[0];
    assert_eq!(f["expected"], json!(["api", "admin"]));
    assert_eq!(f["actual"], json!(["web", "mobile"]));

    let none = token(json!({"sub": "bob"}));
    let assert = verify(&none, &["--aud", "api"]).assert().code(4);
    assert_eq!(
        stderr_of(&assert),
        "jwtx: claim check failed: aud is missing, expected \"api\"\n"
    );
    let number = token(json!({"aud": 7, "iss": ["x"]}));
    let assert = verify(&number, &["--aud", "api", "--iss", "x"])
        .assert()
        .code(4);
    assert_eq!(
        stderr_of(&assert),
        "jwtx: claim check failed: iss is not a string, expected \"x\"\n\
         jwtx: also: aud names no string audience, expected \"api\"\n"
    );
}

#[test]
fn token_values_are_escaped_and_cut_short() {
    let hostile = format!("\u{1b}]0;owned\u{7}\u{202e}{}", "a".repeat(5000));
    let t = token(json!({"sub": hostile, "aud": [hostile, "x"]}));
    let assert = verify(&t, &["--sub", "alice", "--aud", "api"])
        .assert()
        .code(4);
    let stderr = stderr_of(&assert);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(!stderr.contains('\u{202e}'), "{stderr:?}");
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    for line in stderr.lines() {
        assert!(line.len() < 400, "{line}");
        assert!(line.contains('…'), "{line}");
    }
    assert!(stderr.contains("expected \"alice\""), "{stderr}");
}

#[test]
fn claim_failure_still_outranks_expiry_and_expiry_is_listed() {
    let t = token(json!({"sub": "bob", "exp": NOW_UNIX - 3600}));
    let assert = verify(&t, &["--sub", "alice"]).assert().code(4);
    let stderr = stderr_of(&assert);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert_eq!(
        lines[0],
        "jwtx: claim check failed: sub is \"bob\", expected \"alice\""
    );
    assert!(
        lines[1].starts_with("jwtx: also: token expired at "),
        "{stderr}"
    );
}

#[test]
fn several_tokens_keep_their_source_on_every_line() {
    let a = token(json!({"sub": "bob", "iss": "x"}));
    let file = temp_file(format!("{a}\n"));
    let assert = run(["verify", "--now", NOW, "--secret", SECRET])
        .args(["--sub", "alice", "--iss", "y"])
        .arg(format!("@{}", path_of(&file)))
        .assert()
        .code(4);
    let stderr = stderr_of(&assert);
    let failures: Vec<&str> = stderr.lines().filter(|l| !l.contains("tokens:")).collect();
    assert_eq!(failures.len(), 2, "{stderr}");
    let prefix = failures[0]
        .strip_suffix("claim check failed: iss is \"x\", expected \"y\"")
        .expect("primary line");
    assert_eq!(
        failures[1],
        format!("{prefix}also: sub is \"bob\", expected \"alice\"")
    );
}

/// The smallest leeway that accepts the token, and one second less that does not.
fn accepted_with(now: i64, t: &str, seconds: u64) {
    verify_at(now, t, &["--leeway", &format!("{seconds}s")])
        .assert()
        .code(0);
    verify_at(now, t, &["--leeway", &format!("{}s", seconds - 1)])
        .assert()
        .code(3);
}

#[test]
fn nbf_slightly_ahead_suggests_the_smallest_leeway() {
    let t = token(json!({"nbf": NOW_UNIX + 30, "exp": NOW_UNIX + 3600}));
    let assert = verify(&t, &[]).assert().code(3);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.starts_with("jwtx: not yet valid: token not valid before "),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(
            "jwtx: hint: nbf is 30s in the future, which a small clock skew explains: --leeway 30s would accept it\n"
        ),
        "{stderr}"
    );
    accepted_with(NOW_UNIX, &t, 30);

    let assert = verify(&t, &["--json"]).assert().code(3);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["status"], "not-yet-valid");
    assert_eq!(record["hints"][0]["id"], "leeway");
    assert!(
        record["hints"][0]["message"]
            .as_str()
            .expect("message")
            .contains("--leeway 30s"),
        "{record}"
    );
}

#[test]
fn iat_and_nbf_ahead_together_take_the_larger_leeway() {
    let t = token(json!({"iat": NOW_UNIX + 2, "nbf": NOW_UNIX + 45}));
    let assert = verify(&t, &[]).assert().code(3);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains(
            "jwtx: hint: nbf is 45s in the future and iat is 2s in the future, which a small clock skew explains: --leeway 45s would accept them\n"
        ),
        "{stderr}"
    );
    accepted_with(NOW_UNIX, &t, 45);
}

#[test]
fn exp_just_passed_suggests_leeway_one_past_the_gap() {
    let t = token(json!({"exp": NOW_UNIX}));
    let now = NOW_UNIX + 30;
    let assert = verify_at(now, &t, &[]).assert().code(3);
    assert!(
        stderr_of(&assert).contains("hint: exp passed 30s ago, which a small clock skew explains: --leeway 31s would accept it"),
        "{}",
        stderr_of(&assert)
    );
    accepted_with(now, &t, 31);
}

#[test]
fn no_leeway_hint_beyond_five_minutes() {
    let t = token(json!({"nbf": NOW_UNIX + 301}));
    let assert = verify(&t, &[]).assert().code(3);
    assert!(
        !stderr_of(&assert).contains("hint"),
        "{}",
        stderr_of(&assert)
    );
    let t = token(json!({"nbf": NOW_UNIX + 300}));
    let assert = verify(&t, &[]).assert().code(3);
    assert!(
        stderr_of(&assert).contains("--leeway 300s"),
        "{}",
        stderr_of(&assert)
    );
}

#[test]
fn expired_within_leeway_says_so_and_ignore_exp_says_ignored() {
    let t = token(json!({"exp": NOW_UNIX - 30}));
    let within = verify(&t, &["--leeway", "1m"]).assert().code(0);
    assert_eq!(
        stdout_of(&within),
        "valid (HS256; expired 30s ago, within leeway)\n"
    );
    let ignored = verify(&t, &["--ignore-exp"]).assert().code(0);
    assert_eq!(
        stdout_of(&ignored),
        "valid (HS256; expired 30s ago, ignored)\n"
    );
    let beyond = verify(&t, &["--leeway", "10s", "--ignore-exp"])
        .assert()
        .code(0);
    assert_eq!(
        stdout_of(&beyond),
        "valid (HS256; expired 30s ago, ignored)\n"
    );
}

fn expiry_at(now: i64, t: &str, flags: &[&str]) -> assert_cmd::Command {
    let mut cmd = run(["expiry", "--now"]);
    cmd.arg(now.to_string()).args(flags).arg(t);
    cmd
}

#[test]
fn expiry_names_the_leeway_and_says_within_leeway() {
    let t = token(json!({"exp": NOW_UNIX, "nbf": NOW_UNIX - 100, "iat": NOW_UNIX - 100}));
    let late = expiry_at(NOW_UNIX + 30, &t, &[]).assert().code(3);
    assert!(
        stdout_of(&late).contains(
            "note      token expired at 2026-01-01T00:00:00Z (30s ago); --leeway 31s accepts that\n"
        ),
        "{}",
        stdout_of(&late)
    );
    let accepted = expiry_at(NOW_UNIX + 30, &t, &["--leeway", "31s"])
        .assert()
        .code(0);
    let stdout = stdout_of(&accepted);
    assert!(stdout.starts_with("state     valid\n"), "{stdout}");
    assert!(
        stdout.contains("exp       2026-01-01T00:00:00Z  expired 30s ago, within leeway\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("note"), "{stdout}");

    let early = expiry_at(NOW_UNIX - 120, &t, &["--json"]).assert().code(3);
    let record = one_json_line(&early.get_output().stdout);
    assert_eq!(record["findings"][0]["id"], "not-yet-valid");
    assert!(
        record["findings"][0]["message"]
            .as_str()
            .expect("message")
            .ends_with("; --leeway 20s accepts that"),
        "{record}"
    );
    // Ten minutes early is no clock skew.
    let far = expiry_at(NOW_UNIX - 700, &t, &[]).assert().code(3);
    assert!(!stdout_of(&far).contains("--leeway"), "{}", stdout_of(&far));
}
