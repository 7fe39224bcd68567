//! `jwtx audit` takes its inputs the way the other commands do: `--now`, `--leeway` and
//! `--max-lifetime` parsed by the shared value parsers; and reports that name a file
//! called `stdin` or `argument` as a file, never as standard input or an argument.

use serde_json::{Value, json};
use tempfile::TempDir;

use crate::util::*;

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
    // JSON: the two files, by a name that cannot be read as standard input.
    let records = token_records(&scan("json").stdout);
    let mut sources: Vec<_> = records.iter().map(|r| r["source"].clone()).collect();
    sources.sort_by_key(|s| s.to_string());
    assert_eq!(sources, [json!("./argument"), json!("./stdin")]);
    // Text.
    let text = String::from_utf8(scan("text").stdout).unwrap();
    for name in ["./stdin:1:1  token", "./argument:1:1  token"] {
        assert!(
            text.lines().any(|l| l.starts_with(name)),
            "{name} in:\n{text}"
        );
    }
    assert!(!text.lines().any(|l| l.starts_with("stdin:")), "{text}");
    // SARIF: physical locations of the two files, relative to the source root.
    let doc: Value = serde_json::from_slice(&scan("sarif").stdout).unwrap();
    let mut uris: Vec<String> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let artifact = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(artifact["uriBaseId"], "%SRCROOT%", "{r}");
            artifact["uri"]
                .as_str()
                .expect("a file location")
                .to_owned()
        })
        .collect();
    uris.dedup();
    uris.sort();
    assert_eq!(uris, ["argument", "stdin"]);
    // Standard input itself, scanned: `stdin`, with no physical location.
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
    let records = token_records(&list("json").stdout);
    let sources: Vec<_> = records.iter().map(|r| r["source"].clone()).collect();
    assert_eq!(
        sources,
        [json!("./stdin"), json!("./argument"), json!("argument")]
    );
    let text = String::from_utf8(list("text").stdout).unwrap();
    let titles: Vec<&str> = text.lines().filter(|l| l.contains("  token ")).collect();
    assert_eq!(titles.len(), 3, "{text}");
    assert!(titles[0].starts_with("./stdin:1  token"), "{text}");
    assert!(titles[1].starts_with("./argument:1  token"), "{text}");
    assert!(titles[2].starts_with("argument 3  token"), "{text}");
    let doc: Value = serde_json::from_slice(&list("sarif").stdout).unwrap();
    let mut names: Vec<String> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "alg-none")
        .map(|r| {
            r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "./argument:1#header.alg",
            "./stdin:1#header.alg",
            "argument 3#header.alg"
        ]
    );
}
