//! `jwtx expiry` (alias `exp`): every state and exit code at a fixed instant, the
//! boundaries of exp, nbf, iat, leeway and --within, --max-lifetime, malformed time
//! claims, batches (table, summary, JSON Lines) and verification with a key first.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use crate::util::*;

/// The `exp` most tokens here carry: one hour after [`NOW`] (2026-01-01T01:00:00Z).
const EXP: i64 = NOW_UNIX + 3600;

/// The stderr note of a run without a key.
const NOT_VERIFIED: &str = "not verified";

/// An HS256 token signed with [`SECRET`] at [`NOW`] (so iat = NOW unless `--no-iat`).
fn token(extra: &[&str]) -> String {
    let mut args = vec!["--secret", SECRET];
    args.extend_from_slice(extra);
    sign(&args)
}

/// A token whose only time claim is `exp` (Unix seconds).
fn exp_only(exp: i64) -> String {
    token(&["--no-iat", "--exp", &exp.to_string()])
}

/// `jwtx expiry --now <now>` (Unix seconds or RFC 3339).
fn expiry(now: impl ToString) -> Command {
    let mut cmd = run(["expiry", "--now"]);
    cmd.arg(now.to_string());
    cmd
}

/// Runs `cmd --json`, asserts the exit code and a documented one, and returns the
/// single record.
fn record(cmd: &mut Command, code: i32) -> Value {
    let assert = cmd.arg("--json").assert();
    assert_eq!(
        documented_code(&assert),
        code,
        "stderr: {}",
        stderr_of(&assert)
    );
    one_json_line(&assert.get_output().stdout)
}

/// The ids of a record's findings.
fn finding_ids(record: &Value) -> Vec<String> {
    record["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .map(|f| f["id"].as_str().expect("finding id").to_owned())
        .collect()
}

/// The state of `token` at `now` with `extra` arguments, asserting the exit code.
fn state(now: i64, token: &str, extra: &[&str], code: i32) -> String {
    let r = record(expiry(now).args(extra).arg(token), code);
    assert_eq!(r["code"], code, "{r}");
    r["state"].as_str().expect("state").to_owned()
}

/// Table rows (stdout less its header and summary lines).
fn rows(stdout: &str) -> Vec<&str> {
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() >= 2, "no header and summary: {stdout:?}");
    lines[1..lines.len() - 1].to_vec()
}

/// (line number, state) of every table row.
fn line_states(stdout: &str) -> Vec<(u64, String)> {
    rows(stdout)
        .iter()
        .map(|row| {
            let mut words = row.split_whitespace();
            let line = words.next().expect("line").parse().expect("line number");
            (line, words.next().expect("state").to_owned())
        })
        .collect()
}

/// Asserts the table's header names the columns in order and every row's fields start
/// exactly under their header label.
fn assert_aligned(stdout: &str) {
    let header = stdout.lines().next().expect("header");
    let labels = ["LINE", "STATE", "EXP", "REMAINING", "LIFETIME", "NOTES"];
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        labels,
        "{header:?}"
    );
    let start = |label: &str| {
        header
            .find(&format!(" {label}"))
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("no {label} in {header:?}"))
    };
    let line_end = header.find("LINE").expect("LINE") + "LINE".len();
    let starts: Vec<usize> = labels[1..].iter().map(|l| start(l)).collect();
    for row in rows(stdout) {
        let bytes = row.as_bytes();
        assert!(
            bytes.len() > line_end && bytes[line_end - 1].is_ascii_digit(),
            "line number not right-aligned under LINE: {row:?}\n{header:?}"
        );
        // Every column but the last (NOTES, which may be empty) holds a value.
        for (i, &s) in starts.iter().enumerate().take(starts.len() - 1) {
            assert!(
                bytes.len() > s && bytes[s - 1] == b' ' && bytes[s] != b' ',
                "column {} does not start at {s}: {row:?}\n{header:?}",
                labels[i + 1]
            );
            let end = starts[i + 1];
            assert!(
                bytes.get(end - 1).is_none_or(|&b| b == b' '),
                "column {} runs into the next: {row:?}\n{header:?}",
                labels[i + 1]
            );
        }
    }
}

/// Asserts no token, nor its payload or signature segment, appears in `text`.
fn assert_no_token_text(text: &str, tokens: &[&str]) {
    for token in tokens {
        assert!(!text.contains(token), "token echoed: {text}");
        for segment in token.split('.').skip(1).filter(|s| s.len() > 8) {
            assert!(!text.contains(segment), "token segment echoed: {text}");
        }
    }
}

// ---- 0: valid ----------------------------------------------------------------------

#[test]
fn valid_token_shows_every_time_claim_age_and_lifetime() {
    // exp in 14m 3s, nbf 1m ago, iat 5m ago.
    let token = token(&[
        "--exp",
        &(NOW_UNIX + 843).to_string(),
        "--nbf",
        &(NOW_UNIX - 60).to_string(),
        "--claim",
        &format!("iat:={}", NOW_UNIX - 300),
    ]);
    expiry(NOW)
        .arg(&token)
        .assert()
        .code(0)
        .stdout(
            "state     valid\n\
             exp       2026-01-01T00:14:03Z  expires in 14m 3s\n\
             nbf       2025-12-31T23:59:00Z  became valid 1m ago\n\
             iat       2025-12-31T23:55:00Z  issued 5m ago\n\
             age       5m\n\
             lifetime  19m 3s\n",
        )
        .stderr(predicate::str::contains(NOT_VERIFIED));
}

#[test]
fn valid_json_record_carries_dates_and_seconds() {
    let token = token(&[
        "--exp",
        &(NOW_UNIX + 843).to_string(),
        "--nbf",
        &(NOW_UNIX - 60).to_string(),
        "--claim",
        &format!("iat:={}", NOW_UNIX - 300),
    ]);
    let r = record(expiry(NOW).arg(&token), 0);
    assert_eq!(r["line"], 1);
    assert_eq!(r["state"], "valid");
    assert_eq!(r["code"], 0);
    assert_eq!(r["exp"]["value"], NOW_UNIX + 843);
    assert_eq!(r["exp"]["rfc3339"], "2026-01-01T00:14:03Z");
    assert_eq!(r["exp"]["relative"], "in 14m 3s");
    assert_eq!(r["nbf"]["value"], NOW_UNIX - 60);
    assert_eq!(r["nbf"]["rfc3339"], "2025-12-31T23:59:00Z");
    assert_eq!(r["nbf"]["relative"], "1m ago");
    assert_eq!(r["iat"]["value"], NOW_UNIX - 300);
    assert_eq!(r["iat"]["rfc3339"], "2025-12-31T23:55:00Z");
    assert_eq!(r["iat"]["relative"], "5m ago");
    assert!(r["remaining"].is_number() && r["age"].is_number() && r["lifetime"].is_number());
    assert_eq!(r["remaining"].as_f64(), Some(843.0));
    assert_eq!(r["age"].as_f64(), Some(300.0));
    assert_eq!(r["lifetime"].as_f64(), Some(1143.0));
    assert_eq!(r["findings"], Value::Array(vec![]));
}

#[test]
fn format_json_is_the_same_as_json() {
    let token = token(&["--exp", "1h"]);
    let short = expiry(NOW).args(["--json", &token]).assert().code(0);
    let long = expiry(NOW)
        .args(["--format", "json", &token])
        .assert()
        .code(0);
    assert_eq!(stdout_of(&short), stdout_of(&long));
    assert_eq!(one_json_line(&long.get_output().stdout)["state"], "valid");
}

#[test]
fn exp_alias_runs_expiry() {
    let token = exp_only(EXP);
    run(["exp", "--now", NOW, &token])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("state     valid\n"));
    run(["exp", "--now", &(EXP + 1).to_string(), &token])
        .assert()
        .code(3)
        .stdout(predicate::str::starts_with("state     expired\n"));
}

#[test]
fn now_as_rfc3339_and_as_unix_seconds_agree() {
    let token = exp_only(EXP);
    let a = expiry("2026-01-01T00:59:59Z")
        .args(["--json", &token])
        .assert()
        .code(0);
    let b = expiry(EXP - 1).args(["--json", &token]).assert().code(0);
    assert_eq!(stdout_of(&a), stdout_of(&b));
    assert_eq!(
        one_json_line(&a.get_output().stdout)["remaining"].as_f64(),
        Some(1.0)
    );
}

// ---- 3: expired, not yet valid, expiring -------------------------------------------

#[test]
fn expired_token_exits_3_and_says_how_long_ago() {
    let token = exp_only(NOW_UNIX - 7505);
    expiry(NOW).arg(&token).assert().code(3).stdout(
        "state     expired\n\
             exp       2025-12-31T21:54:55Z  expired 2h 5m ago\n\
             note      token expired at 2025-12-31T21:54:55Z (2h 5m ago)\n",
    );
    let r = record(expiry(NOW).arg(&token), 3);
    assert_eq!(r["state"], "expired");
    assert_eq!(r["remaining"].as_f64(), Some(-7505.0));
    assert_eq!(r["exp"]["relative"], "2h 5m ago");
    assert_eq!(r["findings"][0]["id"], "expired");
    assert_eq!(r["findings"][0]["weight"], "window");
    assert!(
        r["findings"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("expired")),
        "{r}"
    );
}

#[test]
fn not_yet_valid_token_exits_3() {
    let token = token(&["--nbf", "+1h", "--exp", "2h"]);
    expiry(NOW).arg(&token).assert().code(3).stdout(
        predicate::str::starts_with("state     not-yet-valid\n")
            .and(predicate::str::contains(
                "nbf       2026-01-01T01:00:00Z  not yet valid: valid in 1h\n",
            ))
            .and(predicate::str::contains("not valid before")),
    );
    let r = record(expiry(NOW).arg(&token), 3);
    assert_eq!(r["state"], "not-yet-valid");
    assert_eq!(finding_ids(&r), ["not-yet-valid"]);
    assert_eq!(r["findings"][0]["weight"], "window");
}

#[test]
fn expiring_within_the_window_exits_3() {
    let token = token(&["--exp", "5m"]);
    expiry(NOW)
        .args(["--within", "10m", &token])
        .assert()
        .code(3)
        .stdout(
            predicate::str::starts_with("state     expiring\n")
                .and(predicate::str::contains("in 5m"))
                .and(predicate::str::contains("within 10m")),
        );
    let r = record(expiry(NOW).args(["--within", "10m", &token]), 3);
    assert_eq!(r["state"], "expiring");
    assert_eq!(r["remaining"].as_f64(), Some(300.0));
    assert_eq!(finding_ids(&r), ["expiring"]);
    assert_eq!(r["findings"][0]["weight"], "window");
    // Without --within the same token is simply valid.
    assert_eq!(state(NOW_UNIX, &token, &[], 0), "valid");
}

// ---- boundaries --------------------------------------------------------------------

#[test]
fn exactly_at_exp_is_expired_and_one_second_before_is_valid() {
    let token = exp_only(EXP);
    assert_eq!(state(EXP, &token, &[], 3), "expired");
    assert_eq!(state(EXP - 1, &token, &[], 0), "valid");
    expiry(EXP)
        .arg(&token)
        .assert()
        .code(3)
        .stdout(predicate::str::starts_with("state     expired\n"));
    expiry(EXP - 1)
        .arg(&token)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "2026-01-01T01:00:00Z  expires in 1s",
        ));
}

#[test]
fn leeway_widens_exp_up_to_but_not_including_exp_plus_leeway() {
    let token = exp_only(EXP);
    assert_eq!(state(EXP + 60, &token, &["--leeway", "60"], 3), "expired");
    assert_eq!(state(EXP + 59, &token, &["--leeway", "60"], 0), "valid");
    assert_eq!(state(EXP + 59, &token, &["--leeway", "1m"], 0), "valid");
    assert_eq!(state(EXP + 60, &token, &["--leeway", "1m"], 3), "expired");
    // The default leeway is 0.
    assert_eq!(state(EXP, &token, &[], 3), "expired");
}

#[test]
fn exactly_at_nbf_is_valid_and_one_second_before_is_not() {
    let nbf = NOW_UNIX + 600;
    let token = token(&["--no-iat", "--nbf", &nbf.to_string(), "--exp", "2h"]);
    assert_eq!(state(nbf, &token, &[], 0), "valid");
    assert_eq!(state(nbf - 1, &token, &[], 3), "not-yet-valid");
    // Leeway widens nbf: nbf − leeway is valid, one second earlier is not.
    assert_eq!(state(nbf - 60, &token, &["--leeway", "60"], 0), "valid");
    assert_eq!(
        state(nbf - 61, &token, &["--leeway", "60"], 3),
        "not-yet-valid"
    );
}

#[test]
fn within_edge_exactly_the_window_left_is_valid_one_second_less_is_expiring() {
    let token = exp_only(EXP);
    assert_eq!(state(EXP - 600, &token, &["--within", "10m"], 0), "valid");
    assert_eq!(
        state(EXP - 599, &token, &["--within", "10m"], 3),
        "expiring"
    );
    assert_eq!(state(EXP - 600, &token, &["--within", "600"], 0), "valid");
    assert_eq!(
        state(EXP - 599, &token, &["--within", "600"], 3),
        "expiring"
    );
    // At exp it is expired, not expiring.
    assert_eq!(state(EXP, &token, &["--within", "10m"], 3), "expired");
}

#[test]
fn leeway_does_not_widen_within() {
    let token = exp_only(EXP);
    let lw = ["--leeway", "60", "--within", "10m"];
    // The window is measured from exp itself, not from exp + leeway.
    assert_eq!(state(EXP - 600, &token, &lw, 0), "valid");
    assert_eq!(state(EXP - 599, &token, &lw, 3), "expiring");
    // Past exp but inside the leeway: not expired, but expiring when --within is given.
    let r = record(expiry(EXP + 30).args(lw).arg(&token), 3);
    assert_eq!(r["state"], "expiring");
    assert_eq!(r["remaining"].as_f64(), Some(-30.0));
    assert!(!finding_ids(&r).contains(&"expired".to_owned()), "{r}");
    assert_eq!(
        state(EXP + 30, &token, &["--leeway", "60", "--within", "20s"], 3),
        "expiring"
    );
    assert_eq!(state(EXP + 30, &token, &["--leeway", "60"], 0), "valid");
    assert_eq!(state(EXP + 60, &token, &lw, 3), "expired");
}

#[test]
fn iat_in_the_future_beyond_leeway_exits_3_with_issued_in_future() {
    let iat = NOW_UNIX + 1;
    let token = token(&["--exp", "1h", "--claim", &format!("iat:={iat}")]);
    let r = record(expiry(NOW).arg(&token), 3);
    assert_eq!(finding_ids(&r), ["issued-in-future"]);
    assert_eq!(r["findings"][0]["weight"], "window");
    assert_eq!(r["age"].as_f64(), Some(-1.0));
    expiry(NOW)
        .arg(&token)
        .assert()
        .code(3)
        .stdout(predicate::str::contains("issued in the future"));
    // iat exactly now, and iat exactly now + leeway, are fine.
    assert_eq!(state(iat, &token, &[], 0), "valid");
    assert_eq!(state(NOW_UNIX, &token_with_iat(NOW_UNIX), &[], 0), "valid");
    let far = token_with_iat(NOW_UNIX + 60);
    assert_eq!(state(NOW_UNIX, &far, &["--leeway", "60"], 0), "valid");
    let farther = token_with_iat(NOW_UNIX + 61);
    let r = record(expiry(NOW).args(["--leeway", "60", &farther]), 3);
    assert_eq!(finding_ids(&r), ["issued-in-future"]);
}

fn token_with_iat(iat: i64) -> String {
    token(&["--exp", "1h", "--claim", &format!("iat:={iat}")])
}

#[test]
fn iat_in_the_future_is_not_reported_as_valid() {
    let token = token_with_iat(NOW_UNIX + 100);
    let r = record(expiry(NOW).arg(&token), 3);
    assert_ne!(r["state"], "valid", "{r}");
    let assert = expiry(NOW).args([&token, &token]).assert().code(3);
    let stdout = stdout_of(&assert);
    assert!(stdout.contains("0 valid"), "{stdout}");
}

// ---- 4: no exp, lifetime, malformed time claims ------------------------------------

#[test]
fn token_without_exp_says_so_and_exits_4() {
    let token = token(&["--sub", "alice"]);
    expiry(NOW).arg(&token).assert().code(4).stdout(
        predicate::str::starts_with("state     no-expiry\n")
            .and(predicate::str::contains(
                "exp       none: the token never expires",
            ))
            .and(predicate::str::contains("--allow-no-exp")),
    );
    let r = record(expiry(NOW).arg(&token), 4);
    assert_eq!(r["state"], "no-expiry");
    assert_eq!(r["exp"], Value::Null);
    assert_eq!(r["remaining"], Value::Null);
    assert_eq!(r["lifetime"], Value::Null);
    assert_eq!(r["age"].as_f64(), Some(0.0));
    assert_eq!(finding_ids(&r), ["no-expiry"]);
    assert_eq!(r["findings"][0]["weight"], "claim");
}

#[test]
fn allow_no_exp_accepts_a_token_without_exp() {
    let token = token(&["--sub", "alice"]);
    expiry(NOW)
        .args(["--allow-no-exp", &token])
        .assert()
        .code(0)
        .stdout(
            predicate::str::starts_with("state     no-expiry\n")
                .and(predicate::str::contains("never expires")),
        );
    let r = record(expiry(NOW).args(["--allow-no-exp", &token]), 0);
    assert_eq!(r["state"], "no-expiry");
    assert_eq!(r["findings"][0]["id"], "no-expiry");
    assert_eq!(r["findings"][0]["weight"], "note");
    // --allow-no-exp changes nothing for a token that has exp.
    assert_eq!(
        state(EXP, &exp_only(EXP), &["--allow-no-exp"], 3),
        "expired"
    );
}

#[test]
fn max_lifetime_over_equal_and_under() {
    let token = token(&["--exp", "1h"]);
    let r = record(expiry(NOW).args(["--max-lifetime", "59m", &token]), 4);
    assert_eq!(r["lifetime"].as_f64(), Some(3600.0));
    assert_eq!(finding_ids(&r), ["lifetime-exceeded"]);
    assert_eq!(r["findings"][0]["weight"], "claim");
    expiry(NOW)
        .args(["--max-lifetime", "3599", &token])
        .assert()
        .code(4)
        .stdout(predicate::str::contains(
            "lifetime 1h (exp − iat) exceeds the maximum 59m 59s",
        ));
    let r = record(expiry(NOW).args(["--max-lifetime", "1h", &token]), 0);
    assert_eq!(r["state"], "valid");
    assert_eq!(r["findings"], Value::Array(vec![]));
    expiry(NOW)
        .args(["--max-lifetime", "3600", &token])
        .assert()
        .code(0);
    expiry(NOW)
        .args(["--max-lifetime", "2h", &token])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("lifetime  1h\n"));
}

#[test]
fn max_lifetime_without_iat_exits_4() {
    let token = exp_only(EXP);
    let r = record(expiry(NOW).args(["--max-lifetime", "1h", &token]), 4);
    assert_eq!(r["state"], "valid");
    assert_eq!(r["lifetime"], Value::Null);
    assert_eq!(r["age"], Value::Null);
    assert_eq!(finding_ids(&r), ["lifetime-unknown"]);
    expiry(NOW)
        .args(["--max-lifetime", "1h", &token])
        .assert()
        .code(4)
        .stdout(predicate::str::contains("without both iat and exp"));
    // Without --max-lifetime a missing iat is fine.
    expiry(NOW).arg(&token).assert().code(0);
}

#[test]
fn lifetime_over_the_maximum_outranks_expired() {
    let token = token(&["--exp", "1h"]);
    let r = record(expiry(EXP).args(["--max-lifetime", "10m", &token]), 4);
    assert_eq!(r["state"], "expired");
    assert_eq!(finding_ids(&r), ["expired", "lifetime-exceeded"]);
}

#[test]
fn time_claims_that_are_not_numeric_dates_are_invalid_and_exit_4() {
    let cases = [
        ("exp", r#""soon""#, "is a string"),
        ("exp", "1e300", "out of range"),
        ("exp", "-1e300", "out of range"),
        ("exp", "true", "is a boolean"),
        ("exp", "null", "is null"),
        ("exp", "[1767229200]", "is an array"),
        ("exp", "{}", "is an object"),
        ("nbf", r#""yesterday""#, "is a string"),
        ("iat", "false", "is a boolean"),
    ];
    for (claim, json, why) in cases {
        // sign refuses such a claim; --payload-file signs the bytes as they are.
        let payload = if claim == "exp" {
            format!(r#"{{"{claim}":{json}}}"#)
        } else {
            format!(r#"{{"{claim}":{json},"exp":{EXP}}}"#)
        };
        let token = hs256_over_raw_payload(payload.as_bytes());
        let r = record(expiry(NOW).arg(&token), 4);
        assert_eq!(r["state"], "invalid", "{claim}:={json}: {r}");
        assert_eq!(r["code"], 4);
        assert!(
            r[claim]["error"].as_str().is_some_and(|e| e.contains(why)),
            "{claim}:={json}: {r}"
        );
        assert_eq!(r["findings"][0]["id"], "invalid-time-claim", "{r}");
        assert_eq!(r["findings"][0]["weight"], "claim", "{r}");
        let message = r["findings"][0]["message"].as_str().expect("message");
        assert!(message.contains(&format!("\"{claim}\"")), "{message}");
        let assert = expiry(NOW).arg(&token).assert();
        assert_eq!(documented_code(&assert), 4);
        let stdout = stdout_of(&assert);
        assert!(
            stdout.starts_with("state     invalid\n") && stdout.contains(why),
            "{claim}:={json}: {stdout}"
        );
    }
}

#[test]
fn invalid_time_claim_outranks_expiry_and_suppresses_lifetime_unknown() {
    // An expired exp does not hide a malformed nbf; no lifetime-unknown on top of it.
    let token =
        hs256_over_raw_payload(format!(r#"{{"exp":{},"nbf":"x"}}"#, NOW_UNIX - 10).as_bytes());
    let r = record(expiry(NOW).args(["--max-lifetime", "1h", &token]), 4);
    assert_eq!(r["state"], "invalid");
    assert_eq!(finding_ids(&r), ["invalid-time-claim"]);
}

#[test]
fn fractional_exp_is_a_valid_numeric_date() {
    let token = token(&["--no-iat", "--claim", &format!("exp:={EXP}.5")]);
    let r = record(expiry(EXP).arg(&token), 0);
    assert_eq!(r["state"], "valid");
    assert_eq!(r["exp"]["value"].as_f64(), Some(EXP as f64 + 0.5));
    assert_eq!(r["exp"]["rfc3339"], "2026-01-01T01:00:00.500Z");
    assert_eq!(r["remaining"].as_f64(), Some(0.5));
    assert_eq!(state(EXP + 1, &token, &[], 3), "expired");
}

#[test]
fn nbf_after_exp_is_noted() {
    let token = token(&["--no-iat", "--exp", "1h", "--nbf", "2h"]);
    let r = record(expiry(NOW).arg(&token), 3);
    assert_eq!(r["state"], "not-yet-valid");
    assert_eq!(finding_ids(&r), ["not-yet-valid", "nbf-after-exp"]);
    assert_eq!(r["findings"][1]["weight"], "note");
    expiry(NOW)
        .arg(&token)
        .assert()
        .code(3)
        .stdout(predicate::str::contains(
            "note      nbf is after exp: the token is never valid\n",
        ));
    // Between the two it is expired, still with the note.
    let r = record(expiry(NOW_UNIX + 5400).arg(&token), 3);
    assert_eq!(r["state"], "expired");
    assert!(finding_ids(&r).contains(&"nbf-after-exp".to_owned()), "{r}");
    // In a table the note is named in NOTES.
    let assert = expiry(NOW).args([&token, &token]).assert().code(3);
    let stdout = stdout_of(&assert);
    assert!(rows(&stdout)[0].ends_with("nbf-after-exp"), "{stdout}");
}

#[test]
fn iat_after_exp_is_noted() {
    let token = token(&["--exp", &(NOW_UNIX - 60).to_string()]);
    let r = record(expiry(NOW).arg(&token), 3);
    assert_eq!(r["state"], "expired");
    assert_eq!(r["lifetime"].as_f64(), Some(-60.0));
    assert_eq!(finding_ids(&r), ["expired", "iat-after-exp"]);
    assert_eq!(r["findings"][1]["weight"], "note");
}

#[test]
fn plain_payload_is_judged_as_having_no_claims() {
    let token = hs256_over_raw_payload(b"hello");
    let assert = expiry(NOW).arg(&token).assert();
    assert_eq!(documented_code(&assert), 4);
    let stdout = stdout_of(&assert);
    assert!(stdout.contains("not a JWT claims set"), "{stdout}");
    assert!(stdout.starts_with("state     no-expiry\n"), "{stdout}");
    let r = record(expiry(NOW).args(["--allow-no-exp", &token]), 0);
    assert_eq!(r["claims"], false);
}

// ---- 5: malformed ------------------------------------------------------------------

#[test]
fn malformed_token_exits_5_with_a_message_on_stderr() {
    expiry(NOW)
        .arg("a.b")
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::contains("not a JWT"));
    let r = record(expiry(NOW).arg("a.b"), 5);
    assert_eq!(r["line"], 1);
    assert_eq!(r["error"]["code"], 5);
    assert_eq!(r["error"]["kind"], "malformed");
}

#[test]
fn jwe_is_malformed_for_expiry() {
    let jwe = format!(
        "{}..{}.{}.{}",
        b64url(r#"{"alg":"dir","enc":"A256GCM"}"#),
        b64url("twelve bytes"),
        b64url("ciphertext"),
        b64url("sixteen byte tag")
    );
    expiry(NOW)
        .arg(&jwe)
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::contains("JWE"));
}

#[test]
fn no_token_in_the_input_exits_5() {
    expiry(NOW)
        .write_stdin("\n\n")
        .assert()
        .code(5)
        .stderr(predicate::str::contains("no token"));
}

// ---- 2: usage ----------------------------------------------------------------------

#[test]
fn bad_durations_and_instants_are_usage_errors() {
    let token = exp_only(EXP);
    for (flag, value) in [
        ("--within", "soon"),
        ("--max-lifetime", "long"),
        ("--leeway", "a bit"),
        ("--now", "tomorrow"),
    ] {
        run(["expiry", "--now", NOW, flag, value, &token])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(flag));
    }
    expiry(NOW)
        .args(["--json", "--format", "text", &token])
        .assert()
        .code(2)
        .stdout("");
}

// ---- batches -----------------------------------------------------------------------

/// Tokens in every state, as lines of input (line 3 malformed, line 5 blank), for
/// `--within 10m` at [`NOW`].
fn mixed_batch() -> (String, Vec<String>) {
    let tokens = vec![
        token(&["--exp", "1h"]),                      // 1 valid
        exp_only(NOW_UNIX - 3600),                    // 2 expired
        token(&["--sub", "alice"]),                   // 4 no-expiry
        token(&["--exp", "5m"]),                      // 6 expiring
        token(&["--nbf", "+1h", "--exp", "2h"]),      // 7 not-yet-valid
        hs256_over_raw_payload(br#"{"exp":"soon"}"#), // 8 invalid
    ];
    let input = format!(
        "{}\n{}\nnot.a\n{}\n\n{}\n{}\n{}\n",
        tokens[0], tokens[1], tokens[2], tokens[3], tokens[4], tokens[5]
    );
    (input, tokens)
}

#[test]
fn batch_from_stdin_is_a_table_in_input_order_with_a_summary() {
    let (input, tokens) = mixed_batch();
    let assert = expiry(NOW)
        .args(["--within", "10m"])
        .write_stdin(input)
        .assert()
        .code(5);
    let stdout = stdout_of(&assert);
    let stderr = stderr_of(&assert);
    assert_eq!(
        line_states(&stdout),
        [
            (1, "valid".to_owned()),
            (2, "expired".to_owned()),
            (4, "no-expiry".to_owned()),
            (6, "expiring".to_owned()),
            (7, "not-yet-valid".to_owned()),
            (8, "invalid".to_owned()),
        ],
        "{stdout}"
    );
    assert_eq!(
        stdout.lines().last(),
        Some(
            "1 valid, 1 expiring, 1 expired, 1 not yet valid, 1 no expiry, 1 invalid, \
             1 unreadable"
        ),
        "{stdout}"
    );
    assert_aligned(&stdout);
    let rows = rows(&stdout);
    assert!(
        rows[0].contains("2026-01-01T01:00:00Z     in 1h"),
        "{stdout}"
    );
    assert!(rows[1].contains("1h ago"), "{stdout}");
    assert!(rows[2].contains(" -  "), "{stdout}");
    assert!(rows[5].contains("invalid-time-claim"), "{stdout}");
    assert_no_token_text(
        &stdout,
        &tokens.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    // The malformed line is reported on stderr, by its line number; the others still are
    // reported on stdout.
    assert!(stderr.contains("line 3: not a JWT"), "{stderr}");
    assert!(stderr.contains(NOT_VERIFIED), "{stderr}");
    assert!(!stdout.contains("not.a"), "{stdout}");
}

#[test]
fn batch_without_the_malformed_line_exits_with_the_worst_token() {
    let (_, tokens) = mixed_batch();
    // valid, expired, no-expiry, expiring, not-yet-valid, invalid → 4
    expiry(NOW)
        .args(["--within", "10m"])
        .args(&tokens)
        .assert()
        .code(4);
    // One expired and one without exp: 4 wins over 3.
    let assert = expiry(NOW).args([&tokens[1], &tokens[2]]).assert().code(4);
    assert_eq!(
        line_states(&stdout_of(&assert)),
        [(1, "expired".to_owned()), (2, "no-expiry".to_owned())]
    );
    // Expired and expiring and valid: 3.
    expiry(NOW)
        .args(["--within", "10m", &tokens[0], &tokens[3], &tokens[1]])
        .assert()
        .code(3);
    // Valid and (allowed) no-expiry: 0.
    let assert = expiry(NOW)
        .args(["--allow-no-exp", &tokens[0], &tokens[2]])
        .assert()
        .code(0);
    assert!(
        stdout_of(&assert).ends_with("\n1 valid, 0 expiring, 0 expired, 0 not yet valid, 1 no expiry, 0 invalid, 0 unreadable\n"),
        "{}",
        stdout_of(&assert)
    );
}

#[test]
fn batch_as_json_lines_has_one_record_per_token_line() {
    let (input, _) = mixed_batch();
    let assert = expiry(NOW)
        .args(["--within", "10m", "--json"])
        .write_stdin(input)
        .assert()
        .code(5);
    let records = json_lines(&assert.get_output().stdout);
    let lines: Vec<u64> = records
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [1, 2, 3, 4, 6, 7, 8]);
    let states: Vec<&str> = records
        .iter()
        .map(|r| r["state"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        states,
        [
            "valid",
            "expired",
            "-",
            "no-expiry",
            "expiring",
            "not-yet-valid",
            "invalid"
        ]
    );
    let codes: Vec<u64> = records
        .iter()
        .map(|r| r["code"].as_u64().or(r["error"]["code"].as_u64()).unwrap())
        .collect();
    assert_eq!(codes, [0, 3, 5, 4, 3, 3, 4]);
    assert_eq!(records[2]["error"]["kind"], "malformed");
    assert!(records.iter().all(|r| r["source"] == "stdin"));
    assert_eq!(records[0]["remaining"].as_f64(), Some(3600.0));
    assert_eq!(records[1]["remaining"].as_f64(), Some(-3600.0));
    assert_eq!(records[4]["lifetime"].as_f64(), Some(300.0));
    // stdout is only the records, each saying "verified": false; no note on stderr.
    assert!(
        records
            .iter()
            .all(|r| r["verified"] == false || r.get("error").is_some())
    );
    assert!(!stderr_of(&assert).contains(NOT_VERIFIED));
}

#[test]
fn tokens_from_a_file_keep_their_line_numbers_and_name_the_file_in_json() {
    let valid = exp_only(EXP);
    let expired = exp_only(NOW_UNIX - 1);
    let file = temp_file(format!("{expired}\n\n{valid}\n"));
    let path = path_of(&file);
    let assert = expiry(NOW).arg(format!("@{path}")).assert().code(3);
    let stdout = stdout_of(&assert);
    assert_eq!(
        line_states(&stdout),
        [(1, "expired".to_owned()), (3, "valid".to_owned())]
    );
    assert_aligned(&stdout);
    assert_no_token_text(&stdout, &[&valid, &expired]);
    let records = json_lines(
        &expiry(NOW)
            .args(["--json", &format!("@{path}")])
            .assert()
            .code(3)
            .get_output()
            .stdout,
    );
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["line"], 3);
    assert_eq!(records[1]["source"], path);
}

#[test]
fn several_arguments_are_reported_in_order() {
    let a = exp_only(EXP);
    let b = exp_only(NOW_UNIX + 60);
    let c = exp_only(NOW_UNIX - 60);
    let assert = expiry(NOW)
        .args(["--within", "5m", &c, &a, &b])
        .assert()
        .code(3);
    let stdout = stdout_of(&assert);
    assert_eq!(
        line_states(&stdout),
        [
            (1, "expired".to_owned()),
            (2, "valid".to_owned()),
            (3, "expiring".to_owned()),
        ]
    );
    assert_aligned(&stdout);
    assert_no_token_text(&stdout, &[&a, &b, &c]);
}

#[test]
fn single_token_from_stdin_is_a_table_too() {
    let token = exp_only(EXP);
    let assert = expiry(NOW)
        .write_stdin(format!("Bearer {token}\n"))
        .assert()
        .code(0);
    let stdout = stdout_of(&assert);
    assert_eq!(line_states(&stdout), [(1, "valid".to_owned())]);
    assert_no_token_text(&stdout, &[&token]);
    expiry(NOW)
        .arg("-")
        .write_stdin(format!("{token}\n"))
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("  LINE  STATE"));
}

#[test]
fn table_stays_aligned_with_a_fractional_exp() {
    let whole = exp_only(EXP);
    let fractional = token(&["--no-iat", "--claim", &format!("exp:={EXP}.5")]);
    let assert = expiry(NOW).args([&whole, &fractional]).assert().code(0);
    assert_aligned(&stdout_of(&assert));
}

#[test]
fn stdout_holds_only_data_and_the_unverified_note_is_on_stderr() {
    let token = exp_only(EXP);
    let assert = expiry(NOW).arg(&token).assert().code(0);
    let stdout = stdout_of(&assert);
    let stderr = stderr_of(&assert);
    assert!(!stdout.contains("verified"), "{stdout}");
    assert!(stderr.contains(NOT_VERIFIED), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // In a table and in JSON Lines too.
    let assert = expiry(NOW).args([&token, &token]).assert().code(0);
    assert!(!stdout_of(&assert).contains("verified"));
    assert!(stderr_of(&assert).contains(NOT_VERIFIED));
    let r = record(expiry(NOW).arg(&token), 0);
    assert_eq!(r["verified"], false);
}

#[test]
fn unverified_claims_of_a_forged_token_are_still_inspected() {
    // Without a key nothing checks the signature: a token with a garbage signature is
    // judged on its claims (and the run says it did not verify them).
    let forged = compact(
        r#"{"alg":"HS256"}"#,
        &format!(r#"{{"exp":{EXP}}}"#),
        b"not a signature",
    );
    expiry(NOW)
        .arg(&forged)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("state     valid\n"))
        .stderr(predicate::str::contains(NOT_VERIFIED));
    let none = compact(r#"{"alg":"none"}"#, &format!(r#"{{"exp":{EXP}}}"#), b"");
    expiry(EXP)
        .arg(&none)
        .assert()
        .code(3)
        .stdout(predicate::str::starts_with("state     expired\n"))
        .stderr(predicate::str::contains(NOT_VERIFIED));
}

#[test]
fn relative_phrases_read_expires_in_and_expired_ago() {
    expiry(NOW)
        .arg(exp_only(NOW_UNIX + 843))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("expires in 14m 3s"));
    expiry(NOW)
        .arg(exp_only(NOW_UNIX - 7505))
        .assert()
        .code(3)
        .stdout(predicate::str::contains("expired 2h 5m ago"));
}

// ---- with a key: verify first --------------------------------------------------------

#[test]
fn with_a_secret_a_good_signature_proceeds_to_the_time_judgement() {
    let valid = exp_only(EXP);
    expiry(NOW)
        .args(["--secret", SECRET, &valid])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("state     valid\n"))
        .stderr("");
    expiry(EXP)
        .args(["--secret", SECRET, &valid])
        .assert()
        .code(3)
        .stdout(predicate::str::starts_with("state     expired\n"))
        .stderr("");
    let r = record(
        expiry(NOW).args(["--secret", SECRET, "--within", "2h", &valid]),
        3,
    );
    assert_eq!(r["state"], "expiring");
    assert_eq!(r["verified"], true);
    let no_exp = token(&["--sub", "a"]);
    expiry(NOW)
        .args(["--secret", SECRET, &no_exp])
        .assert()
        .code(4);
}

#[test]
fn with_a_secret_a_bad_signature_exits_1() {
    let wrong = sign(&["--secret", OTHER_SECRET, "--exp", "1h"]);
    expiry(NOW)
        .args(["--secret", SECRET, &wrong])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("signature does not match"));
    let r = record(expiry(NOW).args(["--secret", SECRET, &wrong]), 1);
    assert_eq!(r["error"]["code"], 1);
    assert_eq!(r["error"]["kind"], "invalid");
    assert_eq!(r["error"]["id"], "bad-signature");
    assert_eq!(r["state"], Value::Null);
    // A bad signature is not excused by the token also being expired.
    expiry(NOW_UNIX + 7200)
        .args(["--secret", SECRET, &wrong])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn with_a_secret_a_tampered_payload_exits_1() {
    let token = exp_only(NOW_UNIX - 60);
    let parts: Vec<&str> = token.split('.').collect();
    let later = b64url(format!(r#"{{"exp":{EXP}}}"#));
    let forged = format!("{}.{later}.{}", parts[0], parts[2]);
    expiry(NOW).arg(&forged).assert().code(0);
    expiry(NOW)
        .args(["--secret", SECRET, &forged])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn with_a_key_alg_none_exits_1() {
    let none = compact(r#"{"alg":"none"}"#, &format!(r#"{{"exp":{EXP}}}"#), b"");
    expiry(NOW)
        .args(["--secret", SECRET, &none])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("unsecured"));
    expiry(NOW)
        .args(["--key", &key("rsa2048.pub.pem"), &none])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn with_a_key_the_signature_is_checked_like_verify() {
    let rsa = sign(&["--key", &key("rsa2048.pkcs1.pem"), "--exp", "1h"]);
    let r = record(
        expiry(NOW).args(["--key", &key("rsa2048.pub.pem"), &rsa]),
        0,
    );
    assert_eq!(r["state"], "valid");
    assert_eq!(r["verified"], true);
    expiry(EXP)
        .args(["--key", &key("rsa2048.pub.pem"), &rsa])
        .assert()
        .code(3)
        .stderr("");
    // The wrong key type for the token's algorithm is a verification failure.
    expiry(NOW)
        .args(["--secret", SECRET, &rsa])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not allowed"));
    // So is an algorithm outside --alg.
    expiry(NOW)
        .args(["--key", &key("rsa2048.pub.pem"), "--alg", "PS256", &rsa])
        .assert()
        .code(1);
}

#[test]
fn with_an_unusable_key_exits_6() {
    let token = exp_only(EXP);
    expiry(NOW)
        .args(["--key", &key("rsa1024.pub.pem"), &token])
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains("1024"));
    let garbage = temp_file("hello, world\n");
    expiry(NOW)
        .args(["--key", &path_of(&garbage), &token])
        .assert()
        .code(6)
        .stdout("");
    let dir = tempfile::tempdir().expect("temp dir");
    expiry(NOW)
        .arg("--key")
        .arg(dir.path().join("missing.pem"))
        .arg(&token)
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains("missing.pem"));
    let rsa = sign(&["--key", &key("rsa2048.pkcs1.pem")]);
    expiry(NOW)
        .args(["--key", &key("rsa2048.pub.pem"), "--alg", "ES256", &rsa])
        .assert()
        .code(6)
        .stdout("");
}

#[test]
fn with_a_jwks_a_missing_kid_exits_6() {
    let token = sign(&[
        "--key",
        &key("rfc7515-a2.rsa.jwk"),
        "--kid",
        "nope",
        "--exp",
        "1h",
    ]);
    expiry(NOW)
        .args(["--key", &key("jwks.json"), &token])
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains("\"nope\""));
}

#[test]
fn with_a_key_a_duplicate_exp_is_malformed() {
    let token = hs256_over_raw_payload(format!(r#"{{"exp":1,"exp":{EXP}}}"#).as_bytes());
    expiry(NOW)
        .args(["--secret", SECRET, &token])
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::contains("duplicate"));
}

#[test]
fn key_from_stdin_while_tokens_come_from_stdin_is_a_usage_error() {
    let token = exp_only(EXP);
    expiry(NOW)
        .args(["--key", "-"])
        .write_stdin(format!("{token}\n"))
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn batch_exit_code_is_the_most_serious_outcome() {
    // With a JWKS: 1 (bad signature) > 6 (no key for kid) > 5 (malformed) >
    // 4 (no exp) > 3 (expired) > 0 (valid).
    let jwk = key("rfc7515-a2.rsa.jwk");
    let valid = sign(&["--key", &jwk, "--kid", "rsa-1", "--exp", "1h"]);
    let expired = sign(&["--key", &jwk, "--kid", "rsa-1", "--exp", "-1h"]);
    let no_exp = sign(&["--key", &jwk, "--kid", "rsa-1"]);
    let malformed = "a.b".to_owned();
    let no_key = sign(&["--key", &jwk, "--kid", "nope", "--exp", "1h"]);
    let bad_sig = sign(&[
        "--key",
        &key("rsa2048.pkcs1.pem"),
        "--kid",
        "rsa-1",
        "--exp",
        "1h",
    ]);
    let all = [valid, expired, no_exp, malformed, no_key, bad_sig];
    for (n, code) in [(6, 1), (5, 6), (4, 5), (3, 4), (2, 3), (1, 0)] {
        let input: String = all[..n].iter().map(|t| format!("{t}\n")).collect();
        let assert = expiry(NOW)
            .args(["--key", &key("jwks.json")])
            .arg("-")
            .write_stdin(input.clone())
            .assert();
        assert_eq!(
            documented_code(&assert),
            code,
            "first {n} tokens: {}",
            stderr_of(&assert)
        );
        // Every token that verified is still in the table, in order.
        let expected: Vec<(u64, String)> = ["valid", "expired", "no-expiry"]
            .iter()
            .take(n)
            .enumerate()
            .map(|(i, s)| (i as u64 + 1, (*s).to_owned()))
            .collect();
        let stdout = stdout_of(&assert);
        assert_eq!(line_states(&stdout), expected, "{stdout}");
        assert!(!stderr_of(&assert).contains(NOT_VERIFIED));
        let records = json_lines(
            &expiry(NOW)
                .args(["--key", &key("jwks.json"), "--json"])
                .write_stdin(input)
                .assert()
                .code(code)
                .get_output()
                .stdout,
        );
        assert_eq!(records.len(), n);
    }
}
