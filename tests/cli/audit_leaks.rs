//! `jwtx audit --scan` as a leak scanner: a token found in a file is itself a finding
//! (`token-exposed`, ranked by what it allows), a token in a URL query string or fragment
//! is another (`token-in-url`), and tokens given directly are not leaks unless
//! `--treat-as-leaks` says so.

use serde_json::Value;
use tempfile::TempDir;

use crate::util::*;

/// An ES256 token signed with the P-256 fixture key, with these extra sign flags.
fn es256(extra: &[&str]) -> String {
    let private = key("ec-p256.pkcs8.pem");
    let mut args = vec!["--key", private.as_str()];
    args.extend_from_slice(&["--iss", "https://issuer.example.com", "--sub", "user-1"]);
    args.extend_from_slice(extra);
    sign(&args)
}

/// Writes `files` (name, contents) into a new directory.
fn tree(files: &[(&str, String)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// `audit --now NOW --format json <args>` run in `dir`: exit code and records.
fn scan_json(dir: &TempDir, args: &[&str]) -> (i32, Vec<Value>) {
    let assert = run(["audit", "--now", NOW, "--format", "json"])
        .current_dir(dir.path())
        .args(args)
        .assert();
    (
        documented_code(&assert),
        json_lines(&assert.get_output().stdout),
    )
}

/// The findings of `rule` across the token records.
fn findings_of<'a>(records: &'a [Value], rule: &str) -> Vec<&'a Value> {
    records
        .iter()
        .filter(|r| r["type"] == "token")
        .flat_map(|r| r["findings"].as_array().unwrap())
        .filter(|f| f["rule"] == rule)
        .collect()
}

fn message(finding: &Value) -> &str {
    finding["message"].as_str().unwrap()
}

#[test]
fn a_live_token_in_a_file_is_high_and_says_until_when() {
    let token = es256(&["--exp", "2h"]);
    let dir = tree(&[("app.js", format!("const API_TOKEN = \"{token}\";\n"))]);
    let (code, records) = scan_json(&dir, &["--scan", "."]);
    assert_eq!(code, 1, "high fails the default gate: {records:?}");
    let exposed = findings_of(&records, "token-exposed");
    assert_eq!(exposed.len(), 1, "{records:?}");
    assert_eq!(exposed[0]["severity"], "high");
    let text = message(exposed[0]);
    assert!(
        text.contains("valid until 2026-01-01T02:00:00Z (in 2h)"),
        "{text}"
    );
    assert!(text.contains("signature not checked"), "{text}");
}

#[test]
fn a_live_token_that_verifies_with_the_key_is_critical() {
    let token = es256(&["--exp", "2h"]);
    let dir = tree(&[("app.log", format!("token={token}\n"))]);
    let good = key("ec-p256.pub.pem");
    let (_, records) = scan_json(&dir, &["--scan", ".", "--key", &good]);
    let exposed = findings_of(&records, "token-exposed");
    assert_eq!(exposed[0]["severity"], "critical", "{records:?}");
    assert!(message(exposed[0]).contains("verifies with the given key"));
    // Another issuer's key: still live by its claims, but not shown to verify.
    let other = key("ec-p384.pub.pem");
    let (_, records) = scan_json(&dir, &["--scan", ".", "--key", &other]);
    let exposed = findings_of(&records, "token-exposed");
    assert_eq!(exposed[0]["severity"], "high", "{records:?}");
    assert!(message(exposed[0]).contains("does not verify with the given key"));
}

#[test]
fn expired_and_unverifiable_tokens_rank_low_and_info() {
    let expired = es256(&["--exp", "-1h"]);
    let none = sign(&["--unsecured", "--sub", "x", "--exp", "1h"]);
    let dir = tree(&[
        ("a.log", format!("old {expired}\n")),
        ("b.log", format!("test {none}\n")),
    ]);
    let (_, records) = scan_json(&dir, &["--scan", ".", "--fail-on", "none"]);
    let exposed = findings_of(&records, "token-exposed");
    assert_eq!(exposed.len(), 2, "{records:?}");
    assert_eq!(exposed[0]["severity"], "low");
    assert!(
        message(exposed[0]).contains("expired 2025-12-31T23:00:00Z (1h ago)"),
        "{}",
        message(exposed[0])
    );
    assert_eq!(exposed[1]["severity"], "info");
    assert!(message(exposed[1]).contains("can never verify"));
}

#[test]
fn a_token_valid_later_or_forever_is_high() {
    let later = es256(&["--nbf", "1h", "--exp", "3h"]);
    let forever = es256(&[]);
    let dir = tree(&[("a.txt", format!("{later}\n{forever}\n"))]);
    let (_, records) = scan_json(&dir, &["--scan", ".", "--fail-on", "none"]);
    let exposed = findings_of(&records, "token-exposed");
    assert_eq!(exposed.len(), 2, "{records:?}");
    assert!(
        exposed.iter().all(|f| f["severity"] == "high"),
        "{exposed:?}"
    );
    assert!(message(exposed[0]).contains("becomes valid 2026-01-01T01:00:00Z"));
    assert!(message(exposed[1]).contains("forever (no exp)"));
}

#[test]
fn tokens_given_directly_are_leaks_only_when_asked() {
    let token = es256(&["--exp", "2h"]);
    let file = temp_file(format!("{token}\n"));
    let at_file = format!("@{}", path_of(&file));
    let dir = TempDir::new().unwrap();
    let exposed = |args: &[&str]| {
        let assert = run(["audit", "--now", NOW, "--format", "json"])
            .args(args)
            .write_stdin(format!("{token}\n"))
            .assert();
        findings_of(&json_lines(&assert.get_output().stdout), "token-exposed").len()
    };
    for input in [token.as_str(), at_file.as_str(), "-"] {
        assert_eq!(exposed(&[input]), 0, "{input}");
        assert_eq!(exposed(&["--treat-as-leaks", input]), 1, "{input}");
    }
    // --treat-as-leaks is for token lists: --scan already treats what it finds as leaks.
    run(["audit", "--treat-as-leaks", "--scan", "."])
        .current_dir(dir.path())
        .assert()
        .code(2);
}

#[test]
fn token_in_url_names_the_parameter_query_or_fragment() {
    let a = es256(&["--exp", "1h", "--jti", "a"]);
    let b = es256(&["--exp", "1h", "--jti", "b"]);
    let c = es256(&["--exp", "1h", "--jti", "c"]);
    let d = es256(&["--exp", "1h", "--jti", "d"]);
    let dir = tree(&[(
        "access.log",
        format!(
            "GET /api?access_token={a} HTTP/1.1\n\
             Location: https://app.example.com/cb#state=x&id_token={b}\n\
             redirect=https%3A%2F%2Fapp%2Fcb%3Fid_token%3D{c}\n\
             Authorization: Bearer {d}\n"
        ),
    )]);
    let (_, records) = scan_json(&dir, &["--scan", "."]);
    let in_url = findings_of(&records, "token-in-url");
    let messages: Vec<&str> = in_url.iter().map(|f| message(f)).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].contains("query string as the access_token parameter"));
    assert!(messages[1].contains("as the id_token parameter"));
    assert!(messages[2].contains("query string as the id_token parameter"));
    assert!(in_url.iter().all(|f| f["severity"] == "medium"));
    // --ignore-rule applies to it like any rule.
    let (_, records) = scan_json(&dir, &["--scan", ".", "--ignore-rule", "token-in-url"]);
    assert!(findings_of(&records, "token-in-url").is_empty());
}
