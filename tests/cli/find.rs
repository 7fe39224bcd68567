//! `jwtx find`: tokens pulled out of files, directories and standard input, printed with
//! where they were (grep-like text or JSON Lines), for the other commands to take; the
//! same walk and skip rules as `audit --scan`; exit 0 found, 1 none, 2 usage, 5 unreadable.

use std::path::Path;

use base64::Engine as _;
use serde_json::Value;

use crate::util::*;

fn hs(sub: &str) -> String {
    sign(&[
        "--secret",
        "a-secret-long-enough-for-hs256-0123",
        "--sub",
        sub,
    ])
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn prints_each_token_with_its_location_and_walks_like_audit_scan() {
    let (a, b) = (hs("alice"), hs("bob"));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("logs/app.log"),
        format!("GET /cb?access_token={a}\nok\n  auth {b} and {a}\n"),
    );
    write(&root.join("logs/ignored.log"), format!("{b}\n"));
    write(&root.join("logs/.gitignore"), "ignored.log\n");
    write(
        &root.join("src/config.js"),
        format!("const API_TOKEN = \"{b}\";\n"),
    );
    write(&root.join("src/vendor/lib.js"), format!("{a}\n"));
    let assert = run(["find", "logs", "src", "--exclude", "vendor/"])
        .current_dir(root)
        .assert()
        .code(0)
        .stderr("");
    assert_eq!(
        stdout_of(&assert),
        format!(
            "logs/app.log:1:22\t{a}\nlogs/app.log:3:8\t{b}\nlogs/app.log:3:{}\t{a}\nsrc/config.js:1:20\t{b}\n",
            8 + b.len() + 5
        )
    );
    // --unique: each token once, where first found.
    let assert = run(["find", "--unique", "logs", "src"])
        .current_dir(root)
        .assert()
        .code(0);
    let lines: Vec<String> = stdout_of(&assert).lines().map(str::to_owned).collect();
    assert_eq!(
        lines,
        [
            format!("logs/app.log:1:22\t{a}"),
            format!("logs/app.log:3:8\t{b}")
        ]
    );
    // --files: what a search reads, one per line.
    let assert = run(["find", "--files", "logs", "src", "--exclude", "vendor/"])
        .current_dir(root)
        .assert()
        .code(0);
    assert_eq!(
        stdout_of(&assert),
        "logs/.gitignore\nlogs/app.log\nsrc/config.js\n"
    );
}

#[test]
fn json_lines_carry_kind_encoding_and_fingerprint() {
    let a = hs("alice");
    let dir = tempfile::tempdir().unwrap();
    let secret = base64::engine::general_purpose::STANDARD.encode(&a);
    write(
        &dir.path().join("secret.yaml"),
        format!("kind: Secret\ndata:\n  token: {secret}\n"),
    );
    let assert = run(["find", "--json", "secret.yaml", "-"])
        .current_dir(dir.path())
        .write_stdin(format!("x={a}\n"))
        .assert()
        .code(0);
    let records = json_lines(&assert.get_output().stdout);
    assert_eq!(records.len(), 2, "{records:?}");
    // Standard input is read first, as audit --scan reads it.
    assert_eq!(records[0]["source"], "stdin");
    assert_eq!(records[0]["encoding"], Value::Null);
    assert_eq!(records[1]["source"], "secret.yaml");
    assert_eq!(
        (records[1]["line"].as_u64(), records[1]["column"].as_u64()),
        (Some(3), Some(10))
    );
    assert_eq!(records[1]["encoding"], "base64");
    for r in &records {
        assert_eq!(r["type"], "token");
        assert_eq!(r["kind"], "jws");
        assert_eq!(r["token"], a.as_str());
        assert_eq!(r["fingerprint"].as_str().unwrap().len(), 12);
    }
    assert_eq!(records[0]["fingerprint"], records[1]["fingerprint"]);
}

#[test]
fn feeds_the_other_commands() {
    let a = hs("alice");
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("app.log"),
        format!("Authorization: Bearer {a}\n"),
    );
    // The recipe the help gives: jwtx find logs/ | cut -f2 | jwtx decode
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' find . | cut -f2 | '{}' decode --claim sub",
            jwtx().get_program().to_string_lossy(),
            jwtx().get_program().to_string_lossy()
        ))
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "alice\n");
}

#[test]
fn exit_codes_follow_grep() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("plain.txt"),
        "no token here, only eyJ and a.b.c\n",
    );
    // Nothing found: 1, nothing printed.
    run(["find", "plain.txt"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stdout("")
        .stderr("");
    run(["find"])
        .write_stdin("nothing\n")
        .assert()
        .code(1)
        .stdout("");
    // Something found and a path that cannot be read: 5, what was found is printed.
    let a = hs("alice");
    write(&dir.path().join("t.txt"), format!("{a}\n"));
    let assert = run(["find", "t.txt", "missing.txt"])
        .current_dir(dir.path())
        .assert()
        .code(5);
    assert_eq!(stdout_of(&assert), format!("t.txt:1:1\t{a}\n"));
    assert!(
        stderr_of(&assert).contains("missing.txt"),
        "{}",
        stderr_of(&assert)
    );
    // Usage: 2.
    run(["find", "--files"]).assert().code(2);
    run(["find", "--max-decompressed", "lots", "."])
        .assert()
        .code(2);
    run(["find", "-", "/dev/stdin"])
        .write_stdin("x")
        .assert()
        .code(2);
}
