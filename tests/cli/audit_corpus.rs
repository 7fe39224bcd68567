//! The labelled corpus of audit's detectors (tests/fixtures/audit-corpus/*.jsonl, made
//! and described by scripts/audit_corpus.py): every case's token goes through one
//! `jwtx audit --format json` run per profile, and the rules reported must be exactly
//! the case's expected set (and the expected severities, where a case names them).
//! The test prints precision and recall per rule (`--nocapture` shows the table) and
//! fails on any mismatch, naming the cases.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use crate::util::*;

/// The fixed signature of every corpus token: it verifies with no key, and the ES256
/// header keeps the weak-secret search (HS only) out of the run.
const SIGNATURE: [u8; 64] = [0x5a; 64];

struct Case {
    id: String,
    claims: Map<String, Value>,
    omit: Vec<String>,
    profile: Option<String>,
    expect: BTreeSet<String>,
    severities: BTreeMap<String, String>,
}

fn strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .map(|v| v.as_str().expect("a string").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn load() -> Vec<Case> {
    let dir = fixture("audit-corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the corpus directory")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a corpus file");
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let case: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", file.display(), n + 1));
            let severities = case["severities"]
                .as_object()
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().expect("a severity").to_owned()))
                        .collect()
                })
                .unwrap_or_default();
            cases.push(Case {
                id: case["id"].as_str().expect("an id").to_owned(),
                claims: case["claims"].as_object().expect("claims").clone(),
                omit: strings(case.get("omit")),
                profile: case["profile"].as_str().map(str::to_owned),
                expect: strings(case.get("expect")).into_iter().collect(),
                severities,
            });
        }
    }
    cases
}

/// The case's claims over the clean base, signed with the fixed signature.
fn token_of(case: &Case) -> String {
    let mut claims = json!({
        "iss": "https://issuer.example.com",
        "sub": "user-1",
        "aud": "api",
        "iat": NOW_UNIX,
        "exp": NOW_UNIX + 3600,
        "jti": case.id,
    })
    .as_object()
    .expect("an object")
    .clone();
    for name in &case.omit {
        claims.remove(name);
    }
    claims.extend(case.claims.clone());
    let header = json!({"alg": "ES256", "typ": "JWT"});
    compact(
        &header.to_string(),
        &Value::Object(claims).to_string(),
        &SIGNATURE,
    )
}

/// Rule → severity reported for each of `cases`, from one audit run.
fn audit_all(cases: &[&Case], profile: Option<&str>) -> Vec<BTreeMap<String, String>> {
    let tokens: String = cases.iter().map(|c| token_of(c) + "\n").collect();
    let file = temp_file(tokens);
    let list = format!("@{}", path_of(&file));
    let mut args = vec![
        "audit",
        "--now",
        NOW,
        "--no-config",
        "--format",
        "json",
        "--fail-on",
        "none",
    ];
    if let Some(profile) = profile {
        args.extend(["--profile", profile]);
    }
    args.push(&list);
    let assert = run(args).assert().code(0);
    let mut fired = vec![BTreeMap::new(); cases.len()];
    for record in json_lines(&assert.get_output().stdout) {
        if record["type"] != "token" {
            continue;
        }
        for location in record["locations"].as_array().expect("locations") {
            let line = location["line"].as_u64().expect("a line") as usize;
            for finding in record["findings"].as_array().expect("findings") {
                fired[line - 1].insert(
                    finding["rule"].as_str().expect("a rule").to_owned(),
                    finding["severity"].as_str().expect("a severity").to_owned(),
                );
            }
        }
    }
    fired
}

#[test]
fn corpus_findings_match_their_labels() {
    let cases = load();
    assert!(cases.len() >= 300, "the corpus has {} cases", cases.len());
    let ids: BTreeSet<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), cases.len(), "case ids must be unique");
    let profiles: BTreeSet<Option<&str>> = cases.iter().map(|c| c.profile.as_deref()).collect();
    let mut fired: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); cases.len()];
    for profile in profiles {
        let indices: Vec<usize> = (0..cases.len())
            .filter(|&i| cases[i].profile.as_deref() == profile)
            .collect();
        let group: Vec<&Case> = indices.iter().map(|&i| &cases[i]).collect();
        for (i, found) in indices.into_iter().zip(audit_all(&group, profile)) {
            fired[i] = found;
        }
    }

    let rules: BTreeSet<&str> = cases
        .iter()
        .flat_map(|c| c.expect.iter().map(String::as_str))
        .chain(fired.iter().flat_map(|f| f.keys().map(String::as_str)))
        .collect();
    println!(
        "{} cases, {} expecting no finding",
        cases.len(),
        cases.iter().filter(|c| c.expect.is_empty()).count()
    );
    println!(
        "{:28} {:>5} {:>4} {:>4} {:>4} {:>9} {:>7}",
        "rule", "cases", "TP", "FP", "FN", "precision", "recall"
    );
    let ratio = |num: usize, den: usize| {
        if den == 0 {
            "-".to_owned()
        } else {
            format!("{:.3}", num as f64 / den as f64)
        }
    };
    for rule in &rules {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for (case, found) in cases.iter().zip(&fired) {
            match (case.expect.contains(*rule), found.contains_key(*rule)) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                (false, false) => {}
            }
        }
        println!(
            "{rule:28} {:>5} {tp:>4} {fp:>4} {fn_:>4} {:>9} {:>7}",
            tp + fn_,
            ratio(tp, tp + fp),
            ratio(tp, tp + fn_)
        );
    }

    let mut wrong = Vec::new();
    for (case, found) in cases.iter().zip(&fired) {
        let got: BTreeSet<String> = found.keys().cloned().collect();
        if got != case.expect {
            wrong.push(format!(
                "{}: expected {:?}, got {:?}",
                case.id, case.expect, got
            ));
        }
        for (rule, severity) in &case.severities {
            if found.get(rule).is_some_and(|s| s != severity) {
                wrong.push(format!(
                    "{}: {rule} expected at {severity}, got {:?}",
                    case.id,
                    found.get(rule)
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} corpus cases disagree with their labels:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
