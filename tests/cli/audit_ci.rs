//! `jwtx audit` in CI: SARIF that code scanning accepts (a physical location on every
//! result, whatever the input; valid against the SARIF 2.1.0 schema), a summary and the
//! gate's reason on stderr when the report goes to `--output`, `--exclude` globs that
//! take paths as jwtx prints them (and a warning for one that matched nothing), and the
//! files `--scan` skipped, counted.

use serde_json::{Value, json};
use tempfile::TempDir;

use crate::util::*;

/// An unsecured token (alg none, no exp): a critical finding.
fn unsecured(sub: &str) -> String {
    sign(&["--unsecured", "--sub", sub])
}

fn assert_valid_sarif(doc: &Value) {
    let text = std::fs::read_to_string(fixture("schemas/sarif-2.1.0.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::draft202012::new(&schema).expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
}

/// Every result (and related location) has an artifact and a region with a line.
fn assert_physical_locations(doc: &Value) -> Vec<Value> {
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty(), "{doc}");
    let mut artifacts = Vec::new();
    for r in results {
        let related = r["relatedLocations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let locations = r["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1, "{r}");
        for location in locations.iter().chain(&related) {
            let physical = &location["physicalLocation"];
            assert!(
                physical["artifactLocation"]["uri"].is_string(),
                "no artifact: {r}"
            );
            assert!(
                physical["region"]["startLine"]
                    .as_u64()
                    .is_some_and(|l| l >= 1),
                "no region: {r}"
            );
            artifacts.push(physical["artifactLocation"].clone());
        }
    }
    artifacts
}

#[test]
fn every_sarif_result_has_a_physical_location_whatever_the_input() {
    let token = unsecured("a");
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("app.log"), format!("x {token}\n")).unwrap();
    std::fs::write(dir.path().join("tokens.txt"), format!("{token}\n")).unwrap();
    let sarif = |args: &[&str], stdin: &str| -> Value {
        let out = run(["audit", "--now", NOW, "--format", "sarif"])
            .current_dir(dir.path())
            .args(args)
            .write_stdin(stdin.to_owned())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let cases: [(&[&str], &str, Value); 5] = [
        (
            &["--scan", "app.log"],
            "",
            json!({"uri": "app.log", "uriBaseId": "%SRCROOT%"}),
        ),
        (
            &["@tokens.txt"],
            "",
            json!({"uri": "tokens.txt", "uriBaseId": "%SRCROOT%"}),
        ),
        (
            &["-"],
            &format!("{token}\n"),
            json!({"uri": "stdin", "uriBaseId": "STDIN"}),
        ),
        (
            &["--scan", "-"],
            &format!("log {token}\n"),
            json!({"uri": "stdin", "uriBaseId": "STDIN"}),
        ),
        (
            &[token.as_str()],
            "",
            json!({"uri": "arguments", "uriBaseId": "ARGUMENTS"}),
        ),
    ];
    for (args, stdin, artifact) in cases {
        let doc = sarif(args, stdin);
        assert_valid_sarif(&doc);
        let artifacts = assert_physical_locations(&doc);
        assert!(
            artifacts.iter().all(|a| *a == artifact),
            "{args:?}: {artifacts:?}"
        );
        // The pseudo-artifacts are documented in the run itself.
        let bases = &doc["runs"][0]["originalUriBaseIds"];
        assert!(bases["STDIN"]["description"]["text"].is_string(), "{bases}");
    }
    // A token list's lines are regions of its file.
    std::fs::write(
        dir.path().join("tokens.txt"),
        format!("# none\n{token}\n{}\n", unsecured("b")),
    )
    .unwrap();
    let doc = sarif(&["@tokens.txt"], "");
    let mut lines: Vec<u64> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
        })
        .collect();
    lines.dedup();
    assert_eq!(lines, [2, 3]);
}

#[test]
fn sarif_lists_every_occurrence_as_a_related_location() {
    let token = unsecured("a");
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("a.log"), format!("{token}\n{token}\n")).unwrap();
    std::fs::write(dir.path().join("b.log"), format!("  {token}\n")).unwrap();
    let out = run(["audit", "--now", NOW, "--format", "sarif", "--scan", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid_sarif(&doc);
    assert_physical_locations(&doc);
    let result = &doc["runs"][0]["results"][0];
    assert_eq!(result["properties"]["occurrences"], 3);
    let related: Vec<(String, u64, u64)> = result["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let p = &l["physicalLocation"];
            (
                p["artifactLocation"]["uri"].as_str().unwrap().to_owned(),
                p["region"]["startLine"].as_u64().unwrap(),
                p["region"]["startColumn"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(related, [("a.log".into(), 2, 1), ("b.log".into(), 1, 3)]);
}

#[test]
fn with_output_the_summary_and_the_gate_reason_go_to_stderr() {
    let dir = TempDir::new().unwrap();
    let report = dir.path().join("report");
    let report_path = report.to_str().unwrap();
    for format in ["text", "json", "sarif"] {
        let assert = run(["audit", "--now", NOW, "--format", format, "-o", report_path])
            .arg(unsecured("a"))
            .assert()
            .code(1)
            .stdout("");
        let stderr = stderr_of(&assert);
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{format}: {stderr}");
        assert!(
            lines[0].starts_with("jwtx: 1 token audited, ")
                && lines[0].ends_with("; failing: findings at or above high"),
            "{format}: {stderr}"
        );
        assert_eq!(
            lines[1],
            format!(
                "jwtx: failing because of alg-none on 1 token, missing-exp on 1 token; the report is in {report_path}"
            ),
            "{format}"
        );
    }
    // A passing gate: the summary alone.
    let clean = sign(&[
        "--secret", SECRET, "--iss", "i", "--aud", "a", "--jti", "j", "--exp", "1h",
    ]);
    let assert = run(["audit", "--now", NOW, "-o", report_path])
        .arg(clean)
        .assert()
        .code(0)
        .stdout("");
    let stderr = stderr_of(&assert);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("nothing at or above high"), "{stderr}");
    // Without --output, stderr stays quiet: the summary is in the report.
    run(["audit", "--now", NOW, "--format", "json"])
        .arg(unsecured("a"))
        .assert()
        .code(1)
        .stderr("");
}

/// A tree with one token in `a.log` and another in `sub/b.log`.
fn two_files() -> (TempDir, String, String) {
    let dir = TempDir::new().unwrap();
    let (a, b) = (unsecured("a"), unsecured("b"));
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("a.log"), format!("{a}\n")).unwrap();
    std::fs::write(dir.path().join("sub/b.log"), format!("{b}\n")).unwrap();
    (dir, a, b)
}

/// The sources of the token records of a `--format json` scan run in `dir`, and stderr.
fn scanned(dir: &TempDir, args: &[&str]) -> (Vec<String>, String) {
    let assert = run([
        "audit",
        "--now",
        NOW,
        "--format",
        "json",
        "--fail-on",
        "none",
    ])
    .current_dir(dir.path())
    .args(args)
    .assert();
    let sources = json_lines(&assert.get_output().stdout)
        .iter()
        .filter(|r| r["type"] == "token")
        .map(|r| r["source"].as_str().unwrap().to_owned())
        .collect();
    (sources, stderr_of(&assert))
}

#[test]
fn exclude_takes_paths_as_printed() {
    let (dir, _, _) = two_files();
    let (all, _) = scanned(&dir, &["--scan", "."]);
    assert_eq!(all, ["./a.log", "./sub/b.log"]);
    // Copied from the report, with its ./ or without it.
    for glob in ["./sub/b.log", "sub/b.log", "./sub", "sub/"] {
        let (sources, stderr) = scanned(&dir, &["--scan", ".", "--exclude", glob]);
        assert_eq!(sources, ["./a.log"], "--exclude {glob}");
        assert_eq!(stderr, "", "--exclude {glob}");
    }
    // Scanning a subdirectory: its paths print with the directory in front.
    let (sources, _) = scanned(&dir, &["--scan", "sub", "--scan", "a.log"]);
    assert_eq!(sources, ["sub/b.log", "a.log"]);
    let (sources, _) = scanned(&dir, &["--scan", "sub", "--exclude", "sub/b.log"]);
    assert!(sources.is_empty(), "{sources:?}");
    // Relative to the scanned directory, as before.
    let (sources, _) = scanned(&dir, &["--scan", "sub", "--exclude", "b.log"]);
    assert!(sources.is_empty(), "{sources:?}");
    // An absolute path, as printed for an absolute --scan.
    let root = dir.path().to_str().unwrap().to_owned();
    let b = format!("{root}/sub/b.log");
    let (sources, stderr) = scanned(&dir, &["--scan", &root, "--exclude", &b]);
    assert_eq!(sources, [format!("{root}/a.log")]);
    assert_eq!(stderr, "");
}

#[test]
fn an_exclude_that_matched_nothing_is_a_warning() {
    let (dir, _, _) = two_files();
    let (sources, stderr) = scanned(
        &dir,
        &["--scan", ".", "--exclude", "subb/**", "--exclude", "*.log"],
    );
    assert!(sources.is_empty(), "{sources:?}");
    assert_eq!(
        stderr,
        "jwtx: warning: --exclude \"subb/**\" matched no path (globs match paths relative to each scanned directory, or as jwtx prints them)\n"
    );
}

#[test]
fn skipped_files_are_counted_on_stderr_and_in_the_summary() {
    let (dir, a, _) = two_files();
    // A zstd-compressed log (a format jwtx does not open) holding a token, and a path
    // that does not exist.
    let mut zst = vec![0x28, 0xb5, 0x2f, 0xfd];
    zst.extend_from_slice(format!(" {a}\n").as_bytes());
    std::fs::write(dir.path().join("old.log.zst"), &zst).unwrap();
    let assert = run([
        "audit",
        "--now",
        NOW,
        "--format",
        "json",
        "--fail-on",
        "none",
    ])
    .current_dir(dir.path())
    .args(["--scan", ".", "missing.log"])
    .assert()
    .code(5);
    let records = json_lines(&assert.get_output().stdout);
    let summary = records.last().unwrap();
    assert_eq!(
        summary["skipped"],
        json!({"compressed": 1, "unreadable": 1, "decompressed_over_cap": 0})
    );
    assert_eq!(summary["tokens"], 2, "the compressed token is not seen");
    let errors: Vec<&Value> = records.iter().filter(|r| r["type"] == "error").collect();
    assert_eq!(errors.len(), 1, "{records:?}");
    assert!(
        errors[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("missing.log")
    );
    let stderr = stderr_of(&assert);
    assert!(
        stderr.lines().any(|l| l
            == "jwtx: --scan skipped 2 files: 1 compressed in a format jwtx does not open (only gzip is: decompress them to scan them), 1 unreadable"),
        "{stderr}"
    );
    // Nothing skipped: zeros in the summary, nothing on stderr.
    let assert = run([
        "audit",
        "--now",
        NOW,
        "--format",
        "json",
        "--fail-on",
        "none",
    ])
    .current_dir(dir.path())
    .args(["--scan", "sub"])
    .assert()
    .code(0)
    .stderr("");
    let summary = json_lines(&assert.get_output().stdout).pop().unwrap();
    assert_eq!(
        summary["skipped"],
        json!({"compressed": 0, "unreadable": 0, "decompressed_over_cap": 0})
    );
}
