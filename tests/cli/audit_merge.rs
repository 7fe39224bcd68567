//! Beyond one machine: a tree split into shards (`jwtx find --files | xargs -P`), each
//! audited by its own process to a JSON report, and `audit --merge` combining them gives
//! the report a single run gives, in JSON and in SARIF; the gate is set at the merge.

use std::io::Write as _;
use std::path::Path;
use std::process::Command as Process;

use base64::Engine as _;
use serde_json::Value;

use crate::util::*;

fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn hs(sub: &str, exp: &str) -> String {
    sign(&[
        "--secret",
        "a-secret-long-enough-for-hs256-0123",
        "--sub",
        sub,
        "--exp",
        exp,
    ])
}

/// A tree where tokens repeat across files (so across shards), in URLs in some shards
/// only, inside base64 and gzip, plus an unsecured token and an unreadable file.
fn tree() -> tempfile::TempDir {
    let (live, old, none) = (
        hs("alice", "2h"),
        hs("bob", "-1h"),
        sign(&["--unsecured", "--sub", "carol"]),
    );
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("logs");
    for i in 0..12 {
        let mut text = format!("request {i}\n");
        if i % 3 == 0 {
            text.push_str(&format!("GET /cb?access_token={live} 200\n"));
        }
        if i % 4 == 1 {
            text.push_str(&format!("auth: Bearer {old}\n"));
        }
        if i % 5 == 2 {
            text.push_str(&format!("debug token={none}\n"));
        }
        text.push_str(&format!("header {live}\n"));
        write(&root.join(format!("host-{}/app-{i:02}.log", i % 3)), text);
    }
    let secret = base64::engine::general_purpose::STANDARD.encode(&old);
    write(
        &root.join("k8s/secret.yaml"),
        format!("data:\n  token: {secret}\n"),
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(format!("old line\n{live}\n").as_bytes())
        .unwrap();
    write(&root.join("host-1/app.log.1.gz"), gz.finish().unwrap());
    dir
}

fn bash(dir: &Path, script: &str) -> std::process::Output {
    let bin = Path::new(&jwtx().get_program().to_owned())
        .parent()
        .unwrap()
        .to_owned();
    let out = Process::new("bash")
        .arg("-c")
        .arg(format!("set -euo pipefail\n{script}"))
        .current_dir(dir)
        .env(
            "PATH",
            format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()),
        )
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{script}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn sorted_lines(bytes: &[u8]) -> Vec<String> {
    let mut lines: Vec<String> = String::from_utf8_lossy(bytes)
        .lines()
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

#[test]
fn a_sharded_audit_merged_equals_a_single_run() {
    let dir = tree();
    let p = dir.path();
    let audit = format!("jwtx audit --now {NOW} --fail-on none");
    // Shards of three files, four processes at a time, each writing its own report.
    bash(
        p,
        &format!(
            "mkdir shards\n\
             jwtx find --files logs | xargs -d '\\n' -n 3 -P 4 sh -c \\\n  \
             '{audit} --format json --scan \"$@\" > \"$(mktemp shards/XXXXXX.json)\"' sh\n\
             test \"$(ls shards | wc -l)\" -eq 5"
        ),
    );
    for format in ["json", "sarif", "text"] {
        let single = bash(p, &format!("{audit} --format {format} --scan logs"));
        let merged = bash(
            p,
            &format!("{audit} --format {format} --merge shards/*.json"),
        );
        // Equal modulo ordering; in fact in the same order, the one the walk gives.
        assert_eq!(
            sorted_lines(&merged.stdout),
            sorted_lines(&single.stdout),
            "{format}"
        );
        assert_eq!(
            String::from_utf8_lossy(&merged.stdout),
            String::from_utf8_lossy(&single.stdout),
            "{format}"
        );
    }
    let single = bash(p, &format!("{audit} --format json --scan logs"));
    let records = json_lines(&single.stdout);
    let summary = records.last().unwrap();
    // The tree is what the test means: three tokens, repeated across shards.
    assert_eq!(
        (summary["tokens"].as_u64(), summary["occurrences"].as_u64()),
        (Some(3), Some(23)),
        "{summary}"
    );
    let live: &Value = records.iter().find(|r| r["occurrences"] == 17).unwrap();
    assert!(
        live["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "token-in-url"
                && f["message"]
                    .as_str()
                    .unwrap()
                    .ends_with("(4 of 17 occurrences in URLs)")),
        "{live}"
    );
}

/// A baseline given to every shard suppresses a token's findings once, however many
/// shards found the token: the merged summary and records equal a single run's.
#[test]
fn a_baseline_suppresses_once_across_shards() {
    let dir = tree();
    let p = dir.path();
    let audit = format!("jwtx audit --now {NOW} --fail-on none");
    // The baseline: the live token's findings (it is in most shards, and in URLs).
    let single = bash(p, &format!("{audit} --format json --scan logs"));
    let text = String::from_utf8_lossy(&single.stdout).into_owned();
    let live: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("\"occurrences\":17"))
        .collect();
    assert_eq!(live.len(), 1, "{text}");
    write(&p.join("baseline.json"), format!("{}\n", live[0]));
    let known = serde_json::from_str::<Value>(live[0]).unwrap()["findings"]
        .as_array()
        .unwrap()
        .len();
    assert!(known >= 2, "{}", live[0]);
    bash(
        p,
        &format!(
            "mkdir shards\n\
             jwtx find --files logs | xargs -d '\\n' -n 3 -P 4 sh -c \\\n  \
             '{audit} --baseline baseline.json --format json --scan \"$@\" > \"$(mktemp shards/XXXXXX.json)\"' sh"
        ),
    );
    for format in ["json", "sarif", "text"] {
        let single = bash(
            p,
            &format!("{audit} --baseline baseline.json --format {format} --scan logs"),
        );
        for again in ["", "--baseline baseline.json"] {
            let merged = bash(
                p,
                &format!("{audit} {again} --format {format} --merge shards/*.json"),
            );
            assert_eq!(
                String::from_utf8_lossy(&merged.stdout),
                String::from_utf8_lossy(&single.stdout),
                "{format} {again}"
            );
        }
    }
    // A rule the merge ignores leaves the shards' suppressions of it out too.
    let single = bash(
        p,
        &format!(
            "{audit} --ignore-rule missing-jti --baseline baseline.json --format json --scan logs"
        ),
    );
    let merged = bash(
        p,
        &format!("{audit} --ignore-rule missing-jti --format json --merge shards/*.json"),
    );
    assert_eq!(
        String::from_utf8_lossy(&merged.stdout),
        String::from_utf8_lossy(&single.stdout)
    );
    let single = bash(
        p,
        &format!("{audit} --baseline baseline.json --format json --scan logs"),
    );
    let records = json_lines(&single.stdout);
    // The merge's count does not depend on the order of the reports.
    let reversed = bash(
        p,
        &format!("{audit} --format json --merge $(ls -r shards/*.json)"),
    );
    assert_eq!(
        json_lines(&reversed.stdout).last().unwrap()["suppressed"],
        known
    );
    assert_eq!(records.last().unwrap()["suppressed"], known, "{records:?}");
    // The suppressed findings are named on their token, so the report can serve as the
    // next baseline and still suppress them.
    let token = records.iter().find(|r| r["occurrences"] == 17).unwrap();
    assert_eq!(token["findings"], serde_json::json!([]), "{token}");
    assert_eq!(token["suppressed"].as_array().unwrap().len(), known);
    write(&p.join("next.json"), &single.stdout);
    let next = bash(
        p,
        &format!("{audit} --baseline next.json --format json --scan logs"),
    );
    let next = json_lines(&next.stdout);
    let token = next.iter().find(|r| r["occurrences"] == 17).unwrap();
    assert_eq!(token["findings"], serde_json::json!([]), "{token}");
    assert_eq!(token["suppressed"].as_array().unwrap().len(), known);
}

/// Shards written with and without --reveal-tokens name the same token once.
#[test]
fn revealed_and_plain_shards_join_their_tokens() {
    let dir = tree();
    let p = dir.path();
    let audit = format!("jwtx audit --now {NOW} --fail-on none --format json");
    bash(
        p,
        &format!(
            "{audit} --reveal-tokens --scan logs/host-0 > revealed.json\n\
             {audit} --scan logs/host-1 logs/host-2 logs/k8s > plain.json"
        ),
    );
    let single = json_lines(&bash(p, &format!("{audit} --scan logs")).stdout);
    for order in ["revealed.json plain.json", "plain.json revealed.json"] {
        let merged = json_lines(&bash(p, &format!("{audit} --merge {order}")).stdout);
        let summary = merged.last().unwrap();
        assert_eq!(
            summary["tokens"],
            single.last().unwrap()["tokens"],
            "{order}"
        );
        assert_eq!(
            summary["occurrences"],
            single.last().unwrap()["occurrences"]
        );
        // The live token was revealed by one shard: the merged record keeps it.
        let live = merged.iter().find(|r| r["occurrences"] == 17).unwrap();
        assert!(
            live["token"].as_str().is_some_and(|t| t.starts_with("eyJ")),
            "{live}"
        );
    }
}

#[test]
fn the_gate_and_the_policy_apply_at_the_merge() {
    let dir = tree();
    let p = dir.path();
    bash(
        p,
        &format!(
            "mkdir shards\n\
             jwtx find --files logs | xargs -d '\\n' -n 4 -P 2 sh -c \\\n  \
             'jwtx audit --now {NOW} --format json --fail-on none --scan \"$@\" > \"$(mktemp shards/XXXXXX.json)\"' sh"
        ),
    );
    let reports: Vec<String> = std::fs::read_dir(p.join("shards"))
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    // The default gate (high) fails on the live token; the reason is on stderr with --output.
    let assert = run(["audit", "--merge"])
        .args(&reports)
        .args(["--output", "merged.sarif", "--format", "sarif"])
        .current_dir(p)
        .assert()
        .code(1);
    assert!(
        stderr_of(&assert).contains("failing: findings at or above high"),
        "{}",
        stderr_of(&assert)
    );
    let sarif: Value =
        serde_json::from_slice(&std::fs::read(p.join("merged.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["properties"]["tokens"], 3);
    // Re-ranked and ignored rules, as in a single run.
    let assert = run(["audit", "--merge"])
        .args(&reports)
        .args([
            "--severity",
            "token-exposed=low",
            "--ignore-rule",
            "missing-exp",
            "--fail-on",
            "medium",
            "--json",
        ])
        .current_dir(p)
        .assert()
        .code(1);
    let records = json_lines(&assert.get_output().stdout);
    let rules: Vec<(String, String)> = records
        .iter()
        .flat_map(|r| r["findings"].as_array().cloned().unwrap_or_default())
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        rules
            .iter()
            .all(|(r, s)| r != "missing-exp" && (r != "token-exposed" || s == "low")),
        "{rules:?}"
    );
    run(["audit", "--merge"])
        .args(&reports)
        .args(["--fail-on", "none"])
        .current_dir(p)
        .assert()
        .code(0);
    // Standard input can be one of the reports.
    let one = std::fs::read(&reports[0]).unwrap();
    run(["audit", "--merge", "-", "--fail-on", "none", "--json"])
        .write_stdin(one)
        .assert()
        .code(0);
}

#[test]
fn reports_that_are_not_whole_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let token = sign(&["--unsecured", "--sub", "x"]);
    let assert = run([
        "audit",
        "--now",
        NOW,
        "--treat-as-leaks",
        "--json",
        "--fail-on",
        "none",
        &token,
    ])
    .assert()
    .code(0);
    let whole = assert.get_output().stdout.clone();
    let cut: Vec<u8> = whole.split(|&b| b == b'\n').next().unwrap().to_vec();
    write(&p.join("cut.json"), &cut);
    write(&p.join("text.txt"), "1 token audited\n");
    write(&p.join("whole.json"), &whole);
    // Suppressions named on a token but not counted in the summary.
    let text = String::from_utf8(whole.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut record: Value = serde_json::from_str(lines[0]).unwrap();
    record["suppressed"] = serde_json::json!([{"rule": "missing-iss", "fingerprint": "abc"}]);
    write(
        &p.join("inconsistent.json"),
        format!("{record}\n{}\n", lines[1]),
    );
    for (file, message) in [
        (
            "cut.json",
            "report cut.json has no summary line: it is not a whole jwtx JSON report",
        ),
        (
            "inconsistent.json",
            "report inconsistent.json names 1 suppressed findings on its tokens but its summary counts 0",
        ),
        ("text.txt", "report text.txt line 1: not a jwtx JSON report"),
        ("missing.json", "cannot read report missing.json"),
    ] {
        let assert = run(["audit", "--merge", "whole.json", file])
            .current_dir(p)
            .assert()
            .code(5)
            .stdout("");
        assert!(
            stderr_of(&assert).contains(message),
            "{}",
            stderr_of(&assert)
        );
    }
    // A report from a jwtx that did not name suppressed findings is merged, with a warning.
    let mut summary: Value = serde_json::from_str(lines[1]).unwrap();
    summary["suppressed"] = 2.into();
    write(
        &p.join("earlier.json"),
        format!("{}\n{summary}\n", lines[0]),
    );
    let assert = run([
        "audit",
        "--merge",
        "earlier.json",
        "--json",
        "--fail-on",
        "none",
    ])
    .current_dir(p)
    .assert()
    .code(0);
    assert!(
        stderr_of(&assert)
            .contains("warning: report earlier.json does not name its suppressed findings"),
        "{}",
        stderr_of(&assert)
    );
    let records = json_lines(&assert.get_output().stdout);
    assert_eq!(records.last().unwrap()["suppressed"], 2);
    // --merge takes no tokens and no --scan.
    run(["audit", "--merge", "whole.json", "--scan", "."])
        .current_dir(p)
        .assert()
        .code(2);
    run(["audit", &token, "--merge", "whole.json"])
        .current_dir(p)
        .assert()
        .code(2);
    run(["audit", "--merge", "-", "--baseline", "-"])
        .current_dir(p)
        .assert()
        .code(2);
}
