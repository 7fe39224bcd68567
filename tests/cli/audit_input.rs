//! `jwtx audit` takes its inputs the way the other commands do: `--now`, `--leeway` and
//! `--max-lifetime` parsed by the shared value parsers; `-` and the other names of
//! standard input for `--scan`, `--key`, `--wordlist` and `--baseline`; at most one input
//! reading standard input; and reports that name a file called `stdin` or `argument` as
//! a file, never as standard input or an argument.

use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use tempfile::TempDir;

use crate::util::*;

/// The secret on line 3 of tests/fixtures/audit/wordlist.txt, in no built-in list.
const WORDLIST_SECRET: &str = "Tr0ub4dor&3-horse";

fn audit(args: &[&str]) -> assert_cmd::Command {
    let mut cmd = run(["audit", "--now", NOW]);
    cmd.args(args);
    cmd
}

/// An unsecured token: findings of several severities, so the run exits 1.
fn unsecured() -> String {
    sign(&["--unsecured", "--sub", "audit-input"])
}

/// The `"type": "token"` records of a JSON report.
fn token_records(stdout: &[u8]) -> Vec<Value> {
    json_lines(stdout)
        .into_iter()
        .filter(|r| r["type"] == "token")
        .collect()
}

fn rules_of(record: &Value) -> Vec<&str> {
    record["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule id"))
        .collect()
}

/// The first line of a failed command's stderr, and its exit code.
fn first_error_line(cmd: &mut assert_cmd::Command) -> (Option<i32>, String) {
    let output = cmd.output().expect("jwtx runs");
    assert!(output.stdout.is_empty(), "nothing on stdout");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let first = stderr.lines().next().unwrap_or_default().to_owned();
    (output.status.code(), first)
}

// ---- --now, --leeway and --max-lifetime ------------------------------------------------

#[test]
fn time_flags_use_the_shared_parsers() {
    let token = unsecured();
    for (flag, other) in [
        ("--now", "verify"),
        ("--leeway", "verify"),
        ("--max-lifetime", "expiry"),
    ] {
        let (code, line) = first_error_line(run(["audit", flag, "soon", &token]).write_stdin(""));
        let (other_code, other_line) =
            first_error_line(run([other, "--secret", "s", flag, "soon", &token]).write_stdin(""));
        assert_eq!(code, Some(2), "{flag}: a usage error");
        assert_eq!(other_code, Some(2));
        assert_eq!(line, other_line, "{flag}: audit refuses it as {other} does");
        assert!(
            line.contains(&format!("'{flag} <")) && line.contains("\"soon\""),
            "{flag}: clap names the flag and the value: {line}"
        );
    }
    // Parsed with the command line, so even a run that reads no token refuses it.
    run(["audit", "--list-rules", "--max-lifetime", "soon"])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn time_flags_take_effect() {
    // iat 2h before NOW, exp 1h after: a lifetime of 3h.
    let out = run([
        "sign",
        "--unsecured",
        "--now",
        "2025-12-31T22:00:00Z",
        "--exp",
        "3h",
    ])
    .output()
    .unwrap();
    assert!(out.status.success());
    let token = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let lifetime = |max: &str| {
        let out = audit(&["--format", "json", "--max-lifetime", max, &token])
            .output()
            .unwrap();
        let records = token_records(&out.stdout);
        assert_eq!(records.len(), 1);
        rules_of(&records[0]).contains(&"lifetime-too-long")
    };
    assert!(lifetime("10799"), "seconds: 3h is over 10799");
    assert!(!lifetime("10800"), "seconds: 3h is not over 10800");
    assert!(lifetime("2h"));
    assert!(!lifetime("3h"));
    // --now as a date (midnight UTC) and --leeway: expired at 2026-01-01T01:00:00Z.
    let expired = |args: &[&str]| {
        let out = run(["audit", "--format", "json"])
            .args(args)
            .arg(&token)
            .output()
            .unwrap();
        rules_of(&token_records(&out.stdout)[0]).contains(&"expired")
    };
    assert!(!expired(&["--now", "2026-01-01"]));
    assert!(expired(&["--now", "2026-01-01T02:00:00"]));
    assert!(!expired(&[
        "--now",
        "2026-01-01T02:00:00",
        "--leeway",
        "90m"
    ]));
}

// ---- files called stdin or argument -----------------------------------------------------

/// A directory holding files named `stdin` and `argument`, each with one token.
fn confusing_names(token: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    for name in ["stdin", "argument"] {
        std::fs::write(dir.path().join(name), format!("{token}\n")).unwrap();
    }
    dir
}

#[test]
fn scanned_files_named_stdin_or_argument_are_files() {
    let token = unsecured();
    let dir = confusing_names(&token);
    let scan = |format: &str| {
        audit(&["--format", format, "--scan", "stdin", "argument"])
            .current_dir(dir.path())
            .write_stdin(format!("{token}\n"))
            .output()
            .unwrap()
    };
    // JSON: the two files, by a name that cannot be read as standard input (one token
    // found twice: one record, two locations).
    let records = token_records(&scan("json").stdout);
    assert_eq!(records.len(), 1, "{records:?}");
    let mut sources: Vec<_> = records[0]["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["source"].clone())
        .collect();
    sources.sort_by_key(|s| s.to_string());
    assert_eq!(sources, [json!("./argument"), json!("./stdin")]);
    // Text.
    let text = String::from_utf8(scan("text").stdout).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with("./stdin:1:1  token")),
        "{text}"
    );
    assert!(text.contains("also at ./argument:1:1"), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("stdin:")), "{text}");
    // SARIF: physical locations of the two files, relative to the source root.
    let doc: Value = serde_json::from_slice(&scan("sarif").stdout).unwrap();
    let mut uris: Vec<String> = Vec::new();
    for r in doc["runs"][0]["results"].as_array().unwrap() {
        let related = r["relatedLocations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for location in std::iter::once(&r["locations"][0]).chain(&related) {
            let artifact = &location["physicalLocation"]["artifactLocation"];
            assert_eq!(artifact["uriBaseId"], "%SRCROOT%", "{r}");
            uris.push(
                artifact["uri"]
                    .as_str()
                    .expect("a file location")
                    .to_owned(),
            );
        }
    }
    uris.sort();
    uris.dedup();
    assert_eq!(uris, ["argument", "stdin"]);
    // Standard input itself, scanned: `stdin`.
    let out = audit(&["--format", "json", "--scan", "-"])
        .current_dir(dir.path())
        .write_stdin(format!("{token}\n"))
        .output()
        .unwrap();
    assert_eq!(token_records(&out.stdout)[0]["source"], "stdin");
}

#[test]
fn token_files_named_stdin_or_argument_are_files() {
    let token = unsecured();
    let dir = confusing_names(&token);
    let list = |format: &str| {
        audit(&["--format", format, "@stdin", "@argument", &token])
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    // One token in three places: one record, its locations in input order.
    let records = token_records(&list("json").stdout);
    assert_eq!(records.len(), 1, "{records:?}");
    let sources: Vec<_> = records[0]["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["source"].clone())
        .collect();
    assert_eq!(
        sources,
        [json!("./stdin"), json!("./argument"), json!("argument")]
    );
    let text = String::from_utf8(list("text").stdout).unwrap();
    let titles: Vec<&str> = text.lines().filter(|l| l.contains("  token ")).collect();
    assert_eq!(titles.len(), 1, "{text}");
    assert!(titles[0].starts_with("./stdin:1  token"), "{text}");
    assert!(titles[0].ends_with("3 occurrences"), "{text}");
    assert!(
        text.contains("  also at ./argument:1, argument 3\n"),
        "{text}"
    );
    // SARIF: the token files are artifacts; the argument is the ARGUMENTS pseudo-artifact.
    let doc: Value = serde_json::from_slice(&list("sarif").stdout).unwrap();
    let result = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "alg-none")
        .unwrap()
        .clone();
    let name = result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
        .as_str()
        .unwrap();
    assert_eq!(name, "./stdin:1#header.alg");
    let mut artifacts = vec![result["locations"][0]["physicalLocation"].clone()];
    for r in result["relatedLocations"].as_array().unwrap() {
        artifacts.push(r["physicalLocation"].clone());
    }
    let shown: Vec<(String, String, u64)> = artifacts
        .iter()
        .map(|p| {
            (
                p["artifactLocation"]["uri"].as_str().unwrap().to_owned(),
                p["artifactLocation"]["uriBaseId"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                p["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("stdin".into(), "%SRCROOT%".into(), 1),
            ("argument".into(), "%SRCROOT%".into(), 1),
            ("arguments".into(), "ARGUMENTS".into(), 3),
        ]
    );
}

// ---- standard input for --scan, --key, --wordlist and --baseline ------------------------

/// An HS256 token MACed with exactly these key bytes (the key-confusion attack).
fn hs256_with_key(key: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        b64url(json!({"alg": "HS256", "typ": "JWT"}).to_string()),
        b64url(json!({"sub": "user-1", "exp": NOW_UNIX + 3600}).to_string())
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(input.as_bytes());
    format!("{input}.{}", b64url(mac.finalize().into_bytes()))
}

#[test]
fn key_reads_standard_input() {
    let pem = std::fs::read(key("rsa2048.pub.pem")).unwrap();
    let token = hs256_with_key(&pem);
    for name in ["-", "/dev/stdin"] {
        let out = audit(&["--format", "json", "--key", name, &token])
            .write_stdin(pem.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "--key {name}");
        let records = token_records(&out.stdout);
        assert!(
            rules_of(&records[0]).contains(&"key-confusion"),
            "--key {name}: the key came from standard input: {records:?}"
        );
    }
    // Nothing on standard input: a key problem, said as such.
    audit(&["--key", "-", &token])
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicates::str::contains("standard input"));
}

#[test]
fn wordlist_reads_standard_input() {
    let token = sign(&[
        "--secret",
        WORDLIST_SECRET,
        "--allow-weak-key",
        "--exp",
        "1h",
    ]);
    let words = std::fs::read(fixture("audit/wordlist.txt")).unwrap();
    let out = audit(&["--format", "json", "--wordlist", "-", &token])
        .write_stdin(words)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let records = token_records(&out.stdout);
    assert!(
        rules_of(&records[0]).contains(&"hmac-weak-secret"),
        "{records:?}"
    );
}

#[test]
fn baseline_reads_standard_input() {
    let token = unsecured();
    let earlier = audit(&["--format", "json", &token]).output().unwrap();
    let findings = token_records(&earlier.stdout)[0]["findings"]
        .as_array()
        .unwrap()
        .len();
    assert!(findings > 0);
    let out = audit(&[
        "--format",
        "json",
        "--fail-on",
        "info",
        "--baseline",
        "-",
        &token,
    ])
    .write_stdin(earlier.stdout)
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let summary = json_lines(&out.stdout).pop().unwrap();
    assert_eq!(summary["findings"], 0, "{summary}");
    assert_eq!(summary["suppressed"], findings, "{summary}");
}

#[test]
fn every_name_of_standard_input_scans_it() {
    let token = unsecured();
    for name in ["-", "/dev/stdin", "/dev/fd/0"] {
        let out = audit(&["--format", "json", "--scan", name])
            .write_stdin(format!("header {token}\n"))
            .output()
            .unwrap();
        let records = token_records(&out.stdout);
        assert_eq!(records.len(), 1, "--scan {name}");
        assert_eq!(records[0]["source"], "stdin", "--scan {name}");
        assert_eq!(records[0]["column"], 8, "--scan {name}");
        let out = audit(&["--format", "sarif", "--scan", name])
            .write_stdin(format!("header {token}\n"))
            .output()
            .unwrap();
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        for result in doc["runs"][0]["results"].as_array().unwrap() {
            let location = &result["locations"][0];
            // The documented pseudo-artifact for standard input.
            let physical = &location["physicalLocation"];
            assert_eq!(
                physical["artifactLocation"],
                json!({"uri": "stdin", "uriBaseId": "STDIN"}),
                "{location}"
            );
            assert_eq!(physical["region"]["startLine"], 1, "{location}");
            assert_eq!(physical["region"]["startColumn"], 8, "{location}");
            let name = location["logicalLocations"][0]["fullyQualifiedName"]
                .as_str()
                .unwrap();
            assert!(name.starts_with("stdin:1:8#"), "{name}");
        }
    }
}

// ---- one reader of standard input -------------------------------------------------------

#[test]
fn two_readers_of_standard_input_are_a_usage_error() {
    let token = unsecured();
    let cases: [(&[&str], &str, &str); 7] = [
        (
            &["--key", "-"],
            "the tokens (standard input, as no TOKEN is given)",
            "--key -",
        ),
        (
            &["--wordlist", "/dev/stdin", "-"],
            "TOKEN -",
            "--wordlist /dev/stdin",
        ),
        (
            &["--baseline", "-", "@/dev/fd/0"],
            "TOKEN @/dev/fd/0",
            "--baseline -",
        ),
        (
            &["--scan", "-", "--key", "/dev/stdin"],
            "--scan -",
            "--key /dev/stdin",
        ),
        (
            &["--scan", "-", "/dev/fd/0"],
            "--scan -",
            "--scan /dev/fd/0",
        ),
        (
            &["--scan", "-", "--baseline", "-"],
            "--scan -",
            "--baseline -",
        ),
        (
            &["--wordlist", "-", "--baseline", "/proc/self/fd/0", &token],
            "--wordlist -",
            "--baseline /proc/self/fd/0",
        ),
    ];
    for (args, first, second) in cases {
        let message =
            format!("{first} and {second} both read standard input; give one of them as a file");
        audit(args)
            .write_stdin(format!("{token}\n"))
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!("jwtx: {message}\n"));
        // Asked for SARIF, the refusal is the JSON error object.
        let out = audit(&["--format", "sarif"])
            .args(args)
            .write_stdin(format!("{token}\n"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        let error: Value = serde_json::from_slice(&out.stderr).expect("a JSON error object");
        assert_eq!(error["error"]["code"], 2, "{error}");
        assert_eq!(error["error"]["message"], message.as_str(), "{error}");
    }
    // One reader is fine, and so is a second option that reads a file.
    let dir = TempDir::new().unwrap();
    let baseline = dir.path().join("baseline.json");
    std::fs::write(&baseline, "").unwrap();
    audit(&["--scan", "-", "--baseline", baseline.to_str().unwrap()])
        .write_stdin(format!("{token}\n"))
        .assert()
        .code(1);
}
