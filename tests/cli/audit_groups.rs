//! `jwtx audit` reports each token once, however often it occurs: with its occurrence
//! count and its locations (all of them in JSON and SARIF, the first few in text), and a
//! per-rule summary at the end of the text report.

use serde_json::Value;
use tempfile::TempDir;

use crate::util::*;

/// An HS256 token with no exp and no iss, MACed with the well-known `secret`: several
/// findings, and the weak-secret search has something to find.
fn weak_token() -> String {
    sign(&["--secret", "secret", "--allow-weak-key", "--sub", "u"])
}

/// A HAR-like file using `token` `n` times, one request per line.
fn har(token: &str, n: usize) -> String {
    (0..n)
        .map(|i| format!("{{\"url\":\"/api/{i}\",\"authorization\":\"Bearer {token}\"}}\n"))
        .collect()
}

fn records_of(assert: &assert_cmd::assert::Assert) -> Vec<Value> {
    json_lines(&assert.get_output().stdout)
}

#[test]
fn one_token_used_300_times_is_one_record_with_300_locations() {
    let token = weak_token();
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("session.har"), har(&token, 300)).unwrap();
    let assert = run(["audit", "--now", NOW, "--format", "json", "--scan", "."])
        .current_dir(dir.path())
        .assert()
        .code(1);
    let records = records_of(&assert);
    assert_eq!(records.len(), 2, "one token record and the summary");
    let record = &records[0];
    assert_eq!(record["occurrences"], 300);
    let locations = record["locations"].as_array().unwrap();
    assert_eq!(locations.len(), 300);
    assert_eq!(locations[0]["line"], 1);
    assert_eq!(locations[299]["line"], 300);
    assert_eq!(
        record["line"], 1,
        "the first occurrence stays the record's own"
    );
    let rules: Vec<&str> = record["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    // Each rule once, not once per occurrence.
    let mut unique = rules.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), rules.len(), "{rules:?}");
    assert!(rules.contains(&"hmac-weak-secret"), "{rules:?}");
    let summary = &records[1];
    assert_eq!(summary["tokens"], 1);
    assert_eq!(summary["occurrences"], 300);
    assert_eq!(summary["findings"], rules.len());
    assert_eq!(summary["by_rule"]["hmac-weak-secret"], 1, "{summary}");
    assert_eq!(summary["by_rule"]["token-exposed"], 1, "{summary}");

    // Text: one block, the first few other locations, the count.
    let assert = run(["audit", "--now", NOW, "--scan", "."])
        .current_dir(dir.path())
        .assert()
        .code(1);
    let text = stdout_of(&assert);
    let titles: Vec<&str> = text.lines().filter(|l| l.contains("  token ")).collect();
    assert_eq!(titles.len(), 1, "{text}");
    assert!(titles[0].starts_with("./session.har:1:"), "{text}");
    assert!(titles[0].ends_with(", 300 occurrences"), "{text}");
    let also = text.lines().find(|l| l.starts_with("  also at ")).unwrap();
    assert!(also.contains("./session.har:2:"), "{also}");
    assert!(also.contains("./session.har:4:"), "{also}");
    assert!(!also.contains("./session.har:5:"), "{also}");
    assert!(also.ends_with(" and 296 more"), "{also}");
    let last = text.lines().last().unwrap();
    assert!(
        last.starts_with("1 token audited (300 occurrences), "),
        "{last}"
    );
}

#[test]
fn repeats_in_a_token_list_are_grouped_across_sources() {
    let a = weak_token();
    let b = sign(&["--unsecured", "--sub", "b"]);
    let list = temp_file(format!("{a}\n{b}\n{a}\nnot a token\n{a}\nnot a token\n"));
    let at = format!("@{}", path_of(&list));
    let assert = run([
        "audit",
        "--now",
        NOW,
        "--format",
        "json",
        "--fail-on",
        "none",
    ])
    .args([at.as_str(), a.as_str()])
    .assert();
    let records = records_of(&assert);
    let tokens: Vec<&Value> = records.iter().filter(|r| r["type"] == "token").collect();
    assert_eq!(tokens.len(), 2, "{records:?}");
    assert_eq!(tokens[0]["occurrences"], 4);
    let lines: Vec<(String, u64)> = tokens[0]["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["source"].as_str().unwrap().to_owned(),
                l["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let file = path_of(&list);
    assert_eq!(
        lines,
        [
            (file.clone(), 1),
            (file.clone(), 3),
            (file.clone(), 5),
            ("argument".to_owned(), 2)
        ]
    );
    assert_eq!(tokens[1]["occurrences"], 1);
    // Lines that are not tokens stay errors, one per line.
    let errors: Vec<&Value> = records.iter().filter(|r| r["type"] == "error").collect();
    assert_eq!(errors.len(), 2, "{records:?}");
    let summary = records.last().unwrap();
    assert_eq!(summary["tokens"], 2);
    assert_eq!(summary["occurrences"], 5);
    assert_eq!(summary["errors"], 2);
}

#[test]
fn the_text_report_ends_with_a_per_rule_summary() {
    let a = weak_token();
    let b = sign(&["--unsecured", "--sub", "b"]);
    let assert = run(["audit", "--now", NOW, "--fail-on", "none"])
        .args([a.as_str(), b.as_str(), a.as_str()])
        .assert()
        .code(0);
    let text = stdout_of(&assert);
    let tail: Vec<&str> = text.lines().skip_while(|l| *l != "Rules:").collect();
    assert!(!tail.is_empty(), "{text}");
    // Most severe first; each rule with the number of tokens it fired on.
    assert!(
        tail[1].starts_with("  critical  alg-none ") && tail[1].ends_with(" 1 token"),
        "{text}"
    );
    assert!(
        tail[2].starts_with("  critical  hmac-weak-secret ") && tail[2].ends_with(" 1 token"),
        "{text}"
    );
    let missing_exp = tail
        .iter()
        .find(|l| l.contains(" missing-exp "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(missing_exp.ends_with(" 2 tokens"), "{missing_exp}");
    let last = tail.last().unwrap();
    assert!(
        last.starts_with("2 tokens audited (3 occurrences), "),
        "{last}"
    );
}

#[test]
fn the_baseline_matches_grouped_findings() {
    let token = weak_token();
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("a.log"), har(&token, 3)).unwrap();
    let first = run(["audit", "--now", NOW, "--format", "json", "--scan", "."])
        .current_dir(dir.path())
        .assert()
        .code(1);
    std::fs::write(dir.path().join("b.log"), har(&token, 2)).unwrap();
    let again = run(["audit", "--now", NOW, "--format", "json", "--scan", "."])
        .current_dir(dir.path())
        .args(["--baseline", "-"])
        .write_stdin(first.get_output().stdout.clone())
        .assert()
        .code(0);
    let summary = records_of(&again).pop().unwrap();
    assert_eq!(summary["findings"], 0, "{summary}");
    assert_eq!(summary["occurrences"], 5, "{summary}");
}
