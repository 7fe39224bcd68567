//! Regressions for problems found by reviewing jwtx with hostile inputs and closed
//! pipes: each test names what once went wrong.

use std::process::{Command as Process, Stdio};

use predicates::prelude::*;
use serde_json::json;

use crate::util::*;

/// Runs a shell pipeline with `jwtx` on PATH; returns (status, stdout, stderr).
fn pipeline(script: &str) -> (Option<i32>, String, String) {
    let dir = assert_cmd::cargo::cargo_bin("jwtx");
    let path = format!(
        "{}:{}",
        dir.parent().expect("dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Process::new("bash")
        .args(["--norc", "--noprofile", "-c", script])
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("bash runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn ignoring_the_empty_secret_rule_keeps_the_weak_secret_search_right() {
    // Once, skipping the empty secret shifted every built-in candidate by one: hits
    // were lost, and a hit on the first entry panicked.
    for secret in ["secret", "your-256-bit-secret"] {
        let token = sign(&["--allow-weak-key", "--secret", secret, "--exp", "1h"]);
        let assert = run([
            "audit",
            "--now",
            NOW,
            "--json",
            "--ignore-rule",
            "hmac-empty-secret",
        ])
        .arg(&token)
        .assert()
        .code(1);
        let records = json_lines(&assert.get_output().stdout);
        let rules: Vec<&str> = records[0]["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|f| f["rule"].as_str())
            .collect();
        assert!(rules.contains(&"hmac-weak-secret"), "{secret}: {rules:?}");
    }
}

#[test]
fn a_closed_stdout_never_turns_a_failure_into_success() {
    // Many forged tokens, output cut short by head: the exit status must not be 0.
    let forged = sign(&["--secret", OTHER_SECRET, "--exp", "1h"]);
    let file = temp_file(format!("{forged}\n").repeat(5000));
    let (status, _, stderr) = pipeline(&format!(
        "set -o pipefail; jwtx verify --json --secret '{SECRET}' --now {NOW} @{} | head -1 > /dev/null",
        path_of(&file)
    ));
    assert_ne!(status, Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_closed_stderr_does_not_panic() {
    // Once this asserted the status of the pipeline's final `echo`, which is always 0.
    // The status that matters is jwtx's own: with stderr gone the diagnostics are lost,
    // but the verdict stands (1, a forged token), never a panic (101) or SIGPIPE (141),
    // which is only for a closed standard output.
    let forged = sign(&["--secret", OTHER_SECRET, "--exp", "1h"]);
    let file = temp_file(format!("{forged}\n").repeat(3000));
    let (_, stdout, stderr) = pipeline(&format!(
        "jwtx verify --secret '{SECRET}' --now {NOW} @{} 2>&1 >/dev/null | head -1 > /dev/null; echo ${{PIPESTATUS[0]}}",
        path_of(&file)
    ));
    let code: i32 = stdout
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("no status: {stderr}"));
    assert_eq!(code, 1, "jwtx exited {code}");
}

#[test]
fn claim_values_that_are_not_strings_are_escaped_too() {
    let token = sign(&[
        "--secret",
        SECRET,
        "--claim",
        &format!("a:={}", json!(["\u{202e}txt.exe", "\u{9b}2J", "\u{7f}"])),
    ]);
    let assert = run(["decode", "--claim", "a"])
        .arg(&token)
        .assert()
        .success();
    let stdout = &assert.get_output().stdout;
    let text = String::from_utf8_lossy(stdout);
    for raw in ['\u{202e}', '\u{9b}', '\u{7f}'] {
        assert!(!text.contains(raw), "{text:?}");
    }
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(text.trim()).expect("still JSON"),
        json!(["\u{202e}txt.exe", "\u{9b}2J", "\u{7f}"])
    );
}

#[test]
fn rsa_keys_above_8192_bits_are_a_key_problem_not_a_bad_signature() {
    let n = b64url([0xffu8; 1040]);
    let jwk = temp_file(json!({"kty": "RSA", "n": n, "e": "AQAB"}).to_string());
    run(["verify", "--key", &path_of(&jwk), "a.b.c"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("8192"));
}

#[test]
fn a_wordlist_from_a_pipe_is_used() {
    let token = sign(&[
        "--allow-weak-key",
        "--secret",
        "pipe-only-s3cret",
        "--exp",
        "1h",
    ]);
    let (status, stdout, stderr) = pipeline(&format!(
        "jwtx audit --now {NOW} --json --wordlist <(printf 'a\\npipe-only-s3cret\\n') {token}"
    ));
    assert_eq!(status, Some(1), "{stderr}");
    assert!(stdout.contains("the wordlist (line 2)"), "{stdout}");
}

#[test]
fn a_wordlist_without_newlines_is_not_read_whole() {
    // A 5 MB line is skipped (no secret is that long); the lines after it still count.
    let mut words = vec![b'x'; 5 << 20];
    words.extend_from_slice(b"\nlong-line-survivor\n");
    let wordlist = temp_file(words);
    let token = sign(&[
        "--allow-weak-key",
        "--secret",
        "long-line-survivor",
        "--exp",
        "1h",
    ]);
    let assert = run([
        "audit",
        "--now",
        NOW,
        "--json",
        "--wordlist",
        &path_of(&wordlist),
    ])
    .arg(&token)
    .assert()
    .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(stdout.contains("the wordlist (line 2)"), "{stdout}");
}

#[test]
fn expiry_refuses_a_payload_it_cannot_read() {
    let token = hs256_over_raw_payload(br#"{"exp":1e400}"#);
    run(["expiry", "--allow-no-exp", "--now", NOW])
        .arg(&token)
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::contains("looks like JSON but is not"));
}

#[test]
fn tokens_inside_header_values_are_masked_in_reports() {
    let inner = sign(&[
        "--allow-weak-key",
        "--secret",
        "inner-secret-x",
        "--sub",
        "victim",
    ]);
    let token = sign(&[
        "--secret",
        SECRET,
        "--header",
        &format!("jku=https://keys.example.com/jwks?access_token={inner}"),
        "--kid",
        &format!("{inner};"),
    ]);
    let assert = run(["audit", "--now", NOW, "--fail-on", "none"])
        .arg(&token)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(
        stdout.contains("header-jku") && stdout.contains("kid-injection"),
        "{stdout}"
    );
    assert!(!stdout.contains(inner.trim()), "{stdout}");
}

#[test]
fn not_yet_valid_is_not_called_expired() {
    let token = sign(&["--secret", SECRET, "--nbf", "+1h", "--exp", "2h"]);
    run(["verify", "--secret", SECRET, "--now", NOW])
        .arg(&token)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("not yet valid"))
        .stderr(predicate::str::contains("expired").not());
    let assert = run(["verify", "--json", "--secret", SECRET, "--now", NOW])
        .arg(&token)
        .assert()
        .code(3);
    assert_eq!(
        one_json_line(&assert.get_output().stdout)["status"],
        "not-yet-valid"
    );
}

#[test]
fn a_jwks_of_encryption_keys_only_is_a_key_problem() {
    let jwks = std::fs::read_to_string(key("jwks.json")).expect("jwks");
    let mut set: serde_json::Value = serde_json::from_str(&jwks).expect("json");
    set["keys"] = json!([set["keys"][3]]);
    assert_eq!(set["keys"][0]["use"], "enc");
    let file = temp_file(set.to_string());
    let token = sign(&["--key", &key("rfc7515-a2.rsa.jwk")]);
    run(["verify", "--key", &path_of(&file)])
        .arg(&token)
        .assert()
        .code(6)
        .stderr(predicate::str::contains("no usable signature keys"));
}

#[test]
fn dev_stdin_counts_as_stdin_for_a_secret() {
    let token = sign(&["--secret", SECRET]);
    run(["verify", "--secret-file", "/dev/stdin"])
        .write_stdin(format!("{token}\n"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("standard input"));
}

#[test]
fn file_names_cannot_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("evil\u{1b}[31mname.txt");
    std::fs::write(&path, "not-a-token\n").expect("write");
    let assert = run(["decode", &format!("@{}", path.display())])
        .assert()
        .code(5);
    let stderr = &assert.get_output().stderr;
    assert!(
        !stderr.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(stderr)
    );
}

#[test]
fn sign_in_a_read_loop_leaves_the_loop_input_alone() {
    let (status, stdout, stderr) = pipeline(&format!(
        "printf 'alice\\nbob\\n' | while read -r who; do jwtx sign --secret '{SECRET}' --now {NOW} --sub \"$who\" | jwtx decode --claim sub; done"
    ));
    assert_eq!(status, Some(0), "{stderr}");
    assert_eq!(stdout, "alice\nbob\n");
}

#[test]
fn output_follows_a_symlink_instead_of_replacing_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real = dir.path().join("real.json");
    let link = dir.path().join("link.json");
    std::fs::write(&real, "old").expect("write");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let token = sign(&["--secret", SECRET, "--exp", "1h"]);
    run([
        "audit",
        "--now",
        NOW,
        "--json",
        "--fail-on",
        "none",
        "--output",
    ])
    .arg(&link)
    .arg(&token)
    .assert()
    .success()
    .stdout("");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    let report = std::fs::read_to_string(&real).expect("report");
    assert!(report.contains("\"type\":\"summary\""), "{report}");
}

#[test]
fn secrets_stay_out_of_the_argument_debug_output() {
    use clap::Parser;
    let cli = jwtx::cli::Cli::try_parse_from(["jwtx", "verify", "--secret", "hunter2-xyz", "t"])
        .expect("parses");
    assert!(!format!("{cli:?}").contains("hunter2-xyz"));
}
