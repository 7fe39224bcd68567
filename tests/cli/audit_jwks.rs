//! `jwtx audit --jwks`: published key sets. The sets under tests/fixtures/jwks-audit/
//! (made by generate.py there) each hold keys that must trigger a rule and keys that must
//! not; every jwks-* rule of the registry is triggered by one of them, and the clean set
//! triggers none.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::httpd::{Reply, Request, Server, ca_path};
use crate::util::*;

fn set(name: &str) -> String {
    fixture(&format!("jwks-audit/{name}"))
}

/// Exit code, the key records and the summary of `jwtx audit --json --jwks FILE <extra>`.
fn audit(file: &str, extra: &[&str]) -> (i32, Vec<Value>, Value) {
    let assert = run(["audit", "--now", NOW, "--json", "--jwks", file])
        .args(extra)
        .assert();
    let code = documented_code(&assert);
    let records = json_lines(&assert.get_output().stdout);
    let summary = records
        .iter()
        .find(|r| r["type"] == "summary")
        .cloned()
        .unwrap_or_else(|| panic!("no summary in {records:?}"));
    let keys = records.into_iter().filter(|r| r["type"] == "key").collect();
    (code, keys, summary)
}

/// The (rule, severity) pairs reported on the key with `kid` (the current snapshot's;
/// the last one of a duplicated kid, where the duplicate is reported).
fn fired(keys: &[Value], kid: &str) -> Vec<(String, String)> {
    let key = keys
        .iter()
        .rfind(|k| k["kid"] == kid && k["snapshot"] == "current")
        .unwrap_or_else(|| panic!("no key {kid:?} in {keys:?}"));
    key["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Every key set rule, the set and key that trigger it, at which severity.
const TRIGGERS: &[(&str, &str, &str, &str)] = &[
    ("private.json", "leaked-ec", "jwks-private-key", "critical"),
    ("private.json", "leaked-rsa", "jwks-private-key", "critical"),
    ("private.json", "hmac", "jwks-private-key", "critical"),
    ("private.json", "hmac", "jwks-symmetric-key", "high"),
    ("weak-rsa.json", "rsa-1024", "jwks-rsa-too-small", "high"),
    ("weak-rsa.json", "roca", "jwks-roca-key", "critical"),
    ("weak-rsa.json", "e-3", "jwks-rsa-exponent", "medium"),
    ("weak-rsa.json", "even-e", "jwks-rsa-exponent", "high"),
    ("members.json", "off-curve", "jwks-invalid-point", "high"),
    ("members.json", "short-x", "jwks-invalid-point", "high"),
    (
        "members.json",
        "short-ed25519",
        "jwks-invalid-point",
        "high",
    ),
    ("members.json", "dsa", "jwks-unknown-key-type", "medium"),
    ("members.json", "p-192", "jwks-unknown-key-type", "medium"),
    ("members.json", "bad-n", "jwks-malformed-member", "high"),
    ("members.json", "padded-e", "jwks-malformed-member", "low"),
    (
        "members.json",
        "no-coordinates",
        "jwks-malformed-member",
        "high",
    ),
    ("kids.json", "a", "jwks-duplicate-kid", "high"),
    ("kids.json", "b", "jwks-duplicate-kid", "medium"),
    ("shared-modulus.json", "m3", "jwks-duplicate-key", "low"),
    ("algs.json", "rs256-on-ec", "jwks-alg-mismatch", "high"),
    ("algs.json", "es384-on-p256", "jwks-alg-mismatch", "high"),
    ("algs.json", "unknown-alg", "jwks-alg-mismatch", "medium"),
    ("algs.json", "alg-none", "jwks-alg-mismatch", "high"),
    ("uses.json", "sig-encrypt", "jwks-use-conflict", "medium"),
    ("uses.json", "enc-rs256", "jwks-use-conflict", "medium"),
    ("uses.json", "use-foo", "jwks-use-conflict", "medium"),
    ("uses.json", "op-launch", "jwks-use-conflict", "medium"),
    ("uses.json", "op-sign", "jwks-use-conflict", "low"),
    ("x5c.json", "x5c-other-key", "jwks-x5c-mismatch", "high"),
    ("x5c.json", "x5c-unreadable", "jwks-x5c-mismatch", "high"),
    ("x5c.json", "x5c-expired", "jwks-x5c-expired", "medium"),
    ("x5c.json", "x5t-wrong", "jwks-x5t-mismatch", "medium"),
    ("shared-modulus.json", "m2", "jwks-shared-modulus", "high"),
];

/// Keys beside the triggering ones that must stay clean.
const CLEAN_KEYS: &[(&str, &str)] = &[
    ("private.json", "public-ec"),
    ("weak-rsa.json", "rsa-ok"),
    ("members.json", "point-ok"),
    ("kids.json", "c"),
    ("algs.json", "ps256-ok"),
    ("algs.json", "es512-ok"),
    ("uses.json", "sig-verify-ok"),
    ("x5c.json", "x5c-ok"),
    ("shared-modulus.json", "m1"),
    ("shared-modulus.json", "m4"),
];

#[test]
fn each_rule_fires_on_its_keys_and_not_on_their_neighbours() {
    let mut files: BTreeSet<&str> = TRIGGERS.iter().map(|t| t.0).collect();
    files.extend(CLEAN_KEYS.iter().map(|c| c.0));
    for file in files {
        let (code, keys, _) = audit(&set(file), &["--fail-on", "none"]);
        assert_eq!(code, 0, "{file}");
        for (_, kid, rule, severity) in TRIGGERS.iter().filter(|t| t.0 == file) {
            let found = fired(&keys, kid);
            assert!(
                found.contains(&((*rule).to_owned(), (*severity).to_owned())),
                "{file} {kid}: expected {rule} at {severity}, got {found:?}"
            );
        }
        for (_, kid) in CLEAN_KEYS.iter().filter(|c| c.0 == file) {
            assert_eq!(fired(&keys, kid), Vec::new(), "{file} {kid}");
        }
    }
}

#[test]
fn a_clean_set_triggers_nothing() {
    let (code, keys, summary) = audit(&set("clean.json"), &["--fail-on", "info"]);
    assert_eq!(code, 0);
    assert_eq!(keys.len(), 6);
    for key in &keys {
        assert_eq!(key["findings"], Value::Array(vec![]), "{key}");
        assert!(key["thumbprint"].is_string(), "{key}");
    }
    assert_eq!(summary["findings"], 0);
    assert_eq!(summary["keys"], 6);
    assert_eq!(summary["key_sets"], 1);
}

#[test]
fn every_key_set_rule_has_a_trigger() {
    let assert = run(["audit", "--list-rules", "--json"]).assert().success();
    let rules: BTreeSet<String> = json_lines(&assert.get_output().stdout)
        .iter()
        .filter(|r| r["category"] == "jwks")
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    let mut tested: BTreeSet<String> = TRIGGERS.iter().map(|t| t.2.to_owned()).collect();
    // The ones that need two documents or a lone key are tested below.
    for rule in [
        "jwks-missing-kid",
        "jwks-kid-reused",
        "jwks-kid-changed",
        "jwks-key-added",
        "jwks-key-removed",
    ] {
        tested.insert(rule.to_owned());
    }
    assert_eq!(rules, tested);
}

#[test]
fn a_missing_kid_matters_more_in_a_set_of_several() {
    let (_, keys, _) = audit(&set("kids.json"), &["--fail-on", "none"]);
    let unnamed = keys
        .iter()
        .find(|k| k["kid"].is_null())
        .expect("a key without kid");
    assert_eq!(unnamed["findings"][0]["rule"], "jwks-missing-kid");
    assert_eq!(unnamed["findings"][0]["severity"], "medium");
    let (code, keys, _) = audit(&set("single-nokid.json"), &[]);
    assert_eq!(code, 0, "low is under the default gate");
    assert_eq!(keys[0]["findings"][0]["rule"], "jwks-missing-kid");
    assert_eq!(keys[0]["findings"][0]["severity"], "low");
    // Named keys: no finding.
    let (_, keys, _) = audit(&set("clean.json"), &[]);
    assert!(keys.iter().all(|k| k["findings"] == Value::Array(vec![])));
}

#[test]
fn a_previous_snapshot_shows_reused_renamed_added_and_removed_keys() {
    let (code, keys, summary) = audit(
        &set("rotation-new.json"),
        &["--previous", &set("rotation-old.json")],
    );
    assert_eq!(code, 1, "a reused kid is high");
    let one = |rule: &str, severity: &str| vec![(rule.to_owned(), severity.to_owned())];
    assert_eq!(fired(&keys, "stay"), Vec::new());
    assert_eq!(fired(&keys, "reused"), one("jwks-kid-reused", "high"));
    assert_eq!(fired(&keys, "renamed-new"), one("jwks-kid-changed", "low"));
    assert_eq!(fired(&keys, "fresh"), one("jwks-key-added", "info"));
    let gone: Vec<&Value> = keys
        .iter()
        .filter(|k| k["snapshot"] == "previous")
        .collect();
    assert_eq!(gone.len(), 1, "{keys:?}");
    assert_eq!(gone[0]["kid"], "gone");
    assert!(
        gone[0]["source"]
            .as_str()
            .unwrap()
            .ends_with("rotation-old.json")
    );
    assert_eq!(gone[0]["findings"][0]["rule"], "jwks-key-removed");
    assert_eq!(
        summary["keys"], 4,
        "the previous snapshot's keys are not audited"
    );
    // Without the older snapshot none of this is known.
    let (code, keys, _) = audit(&set("rotation-new.json"), &["--fail-on", "info"]);
    assert_eq!(code, 0);
    assert!(keys.iter().all(|k| k["findings"] == Value::Array(vec![])));
}

/// The private values of private.json: every base64url string of a private member.
fn private_values() -> Vec<String> {
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(set("private.json")).unwrap()).unwrap();
    let mut values = Vec::new();
    for key in doc["keys"].as_array().unwrap() {
        for member in ["d", "p", "q", "dp", "dq", "qi", "k"] {
            if let Some(v) = key[member].as_str() {
                values.push(v.to_owned());
            }
        }
    }
    assert_eq!(values.len(), 8);
    values
}

#[test]
fn private_members_are_critical_and_never_echoed() {
    let values = private_values();
    let dir = tempfile::tempdir().unwrap();
    for format in ["text", "json", "sarif"] {
        let assert = run(["audit", "--now", NOW, "--format", format, "--jwks"])
            .arg(set("private.json"))
            .assert()
            .code(1);
        let out = stdout_of(&assert) + &stderr_of(&assert);
        assert!(out.contains("jwks-private-key"), "{format}: {out}");
        for v in &values {
            // Any 12-character piece of a private value.
            assert!(!out.contains(&v[..12]), "{format} echoes a private value");
        }
        let path = dir.path().join(format!("report.{format}"));
        run(["audit", "--now", NOW, "--format", format, "--jwks"])
            .arg(set("private.json"))
            .arg("--output")
            .arg(&path)
            .assert()
            .code(1);
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.contains("jwks-private-key"));
        assert!(values.iter().all(|v| !written.contains(&v[..12])));
    }
}

#[test]
fn policy_flags_apply_to_key_sets() {
    let file = set("private.json");
    let (code, keys, summary) = audit(
        &file,
        &[
            "--ignore-rule",
            "jwks-private-key",
            "--severity",
            "jwks-symmetric-key=low",
        ],
    );
    assert_eq!(code, 0, "{summary}");
    assert_eq!(
        fired(&keys, "hmac"),
        vec![("jwks-symmetric-key".into(), "low".into())]
    );
    assert_eq!(fired(&keys, "leaked-rsa"), Vec::new());
    // ROCA is critical: --fail-on critical fails; the 1024-bit key alone would not.
    assert_eq!(
        audit(&set("weak-rsa.json"), &["--fail-on", "critical"]).0,
        1
    );
    let (code, _, _) = audit(
        &set("weak-rsa.json"),
        &["--fail-on", "critical", "--ignore-rule", "jwks-roca-key"],
    );
    assert_eq!(code, 0);
    // A baseline made from a report suppresses what it recorded.
    let assert = run([
        "audit",
        "--now",
        NOW,
        "--json",
        "--fail-on",
        "none",
        "--jwks",
    ])
    .arg(&file)
    .assert()
    .success();
    let baseline = temp_file(&assert.get_output().stdout);
    let (code, keys, summary) = audit(&file, &["--baseline", &path_of(&baseline)]);
    assert_eq!(code, 0);
    assert_eq!(summary["suppressed"], 4);
    assert!(keys.iter().all(|k| k["findings"] == Value::Array(vec![])));
    // Each key names what was suppressed, so that report is itself a baseline that
    // still suppresses it.
    let named: usize = keys
        .iter()
        .map(|k| k["suppressed"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(named, 4, "{keys:?}");
    let assert = run(["audit", "--now", NOW, "--json", "--fail-on", "none"])
        .args(["--baseline", &path_of(&baseline), "--jwks", &file])
        .assert()
        .success();
    let next = temp_file(&assert.get_output().stdout);
    let (code, keys, summary) = audit(&file, &["--baseline", &path_of(&next)]);
    assert_eq!((code, &summary["suppressed"]), (0, &Value::from(4)));
    assert!(keys.iter().all(|k| k["findings"] == Value::Array(vec![])));
}

#[test]
fn the_text_report_names_each_key_by_file_line_and_kid() {
    let assert = run(["audit", "--now", NOW, "--jwks"])
        .arg(set("algs.json"))
        .assert()
        .code(1);
    let out = stdout_of(&assert);
    assert!(
        out.contains("algs.json:3  key 1 (kid \"rs256-on-ec\"), EC P-256\n  high      jwks-alg-mismatch        key 1 (kid \"rs256-on-ec\") is an EC P-256 key but its alg RS256 needs an RSA key  [keys[0].alg]\n"),
        "{out}"
    );
    assert!(
        out.ends_with("1 key set audited (6 keys), 4 findings (0 critical, 3 high, 1 medium, 0 low, 0 info); failing: findings at or above high\n"),
        "{out}"
    );
    // Counted by the highest severity the rule reached.
    assert!(
        out.contains("  high      jwks-alg-mismatch        4 keys\n"),
        "{out}"
    );
    assert!(
        !out.contains("ps256-ok"),
        "clean keys are not listed: {out}"
    );
}

#[test]
fn certificates_not_yet_valid_are_reported_at_the_given_instant() {
    let assert = run(["audit", "--now", "2024-06-01", "--json", "--jwks"])
        .arg(set("clean.json"))
        .assert()
        .success();
    let records = json_lines(&assert.get_output().stdout);
    let found = fired(&records, "rsa-2026");
    assert_eq!(found, vec![("jwks-x5c-expired".into(), "medium".into())]);
    let message = records
        .iter()
        .find(|r| r["kid"] == "rsa-2026")
        .map(|r| r["findings"][0]["message"].as_str().unwrap().to_owned())
        .unwrap();
    assert!(
        message.contains("not valid until 2025-01-01T00:00:00Z"),
        "{message}"
    );
    // --leeway covers clock skew at either end of the validity period.
    for (now, leeway, fires) in [
        ("2024-12-31T23:59:00Z", "30s", true),
        ("2024-12-31T23:59:00Z", "2m", false),
        ("2030-01-01T00:01:00Z", "2m", false),
        ("2030-01-01T00:03:00Z", "2m", true),
    ] {
        let assert = run([
            "audit", "--now", now, "--leeway", leeway, "--json", "--jwks",
        ])
        .arg(set("clean.json"))
        .assert()
        .success();
        let found = fired(&json_lines(&assert.get_output().stdout), "rsa-2026");
        assert_eq!(!found.is_empty(), fires, "{now} {leeway}: {found:?}");
    }
}

#[test]
fn sarif_results_point_at_the_key_in_the_file() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jwks-audit");
    let assert = run([
        "audit", "--now", NOW, "--format", "sarif", "--jwks", "x5c.json",
    ])
    .current_dir(&dir)
    .assert()
    .code(1);
    let sarif: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let run0 = &sarif["runs"][0];
    let rules: Vec<&str> = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"jwks-x5c-mismatch"));
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let text = std::fs::read_to_string(dir.join("x5c.json")).unwrap();
    for result in results {
        let physical = &result["locations"][0]["physicalLocation"];
        assert_eq!(physical["artifactLocation"]["uri"], "x5c.json");
        assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let start = physical["region"]["startLine"].as_u64().unwrap() as usize;
        let end = physical["region"]["endLine"].as_u64().unwrap() as usize;
        let kid = result["properties"]["kid"].as_str().unwrap();
        // The key's object spans those lines, and its kid is inside them.
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[start - 1].trim(), "{");
        assert!(lines[end - 1].trim().starts_with('}'));
        assert!(
            lines[start - 1..end]
                .iter()
                .any(|l| l.contains(&format!("\"kid\": \"{kid}\""))),
            "{kid} not within lines {start}-{end}"
        );
        let rule_index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[rule_index], result["ruleId"].as_str().unwrap());
    }
}

#[test]
fn a_single_jwk_is_a_set_of_one() {
    let assert = run(["audit", "--now", NOW, "--jwks"])
        .arg(key("rfc7515-a3.ec.jwk"))
        .assert()
        .code(1);
    let err = stderr_of(&assert);
    assert!(
        err.contains("is a single JWK, not a JWKS: audited as a set of one key"),
        "{err}"
    );
    let out = stdout_of(&assert);
    assert!(out.contains("jwks-private-key"), "{out}");
    assert!(out.contains("[d]"), "{out}");
}

#[test]
fn documents_that_are_not_key_sets_are_one_line_and_exit_5() {
    for (doc, words) in [
        (r#"{"keys":[]}"#, "holds no keys: nothing to audit"),
        ("{\"keys\": [", "is not a key set: it is not JSON"),
        (
            r#"{"issuer":"https://a.example"}"#,
            "neither \"keys\" (a JWKS) nor \"kty\" (a JWK)",
        ),
        (
            r#"{"keys":{}}"#,
            "its \"keys\" is a JSON object, not an array",
        ),
        ("[1]", "is a JSON array"),
    ] {
        let file = temp_file(doc);
        let assert = run(["audit", "--jwks", &path_of(&file)]).assert().code(5);
        let err = stderr_of(&assert);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(words), "{doc}: {err}");
        assert!(stdout_of(&assert).is_empty());
    }
    let assert = run(["audit", "--jwks", "no-such-file.json"])
        .assert()
        .code(5);
    assert!(stderr_of(&assert).contains("cannot read key set no-such-file.json"));
}

#[test]
fn a_key_set_document_over_16_mib_is_refused_before_it_is_parsed() {
    // One modulus of 17 MiB: a file (or standard input) of that size is not a key set
    // anyone publishes, and reading it whole would only cost time and memory.
    let doc = format!(
        r#"{{"keys":[{{"kty":"RSA","e":"AQAB","n":"{}"}}]}}"#,
        "A".repeat(17 * 1024 * 1024)
    );
    let file = temp_file(&doc);
    let assert = run(["audit", "--jwks", &path_of(&file)]).assert().code(5);
    let err = stderr_of(&assert);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("larger than 16 MiB"), "{err}");
    assert!(stdout_of(&assert).is_empty());
    let assert = run(["audit", "--jwks", "-"])
        .write_stdin(doc)
        .assert()
        .code(5);
    assert!(stderr_of(&assert).contains("cannot read key set stdin: larger than 16 MiB"));
}

#[test]
fn jwks_does_not_mix_with_token_inputs() {
    let file = set("clean.json");
    for extra in [
        vec!["some.token.here"],
        vec!["--scan", "."],
        vec!["--key", "k.pem"],
        vec!["--wordlist", "w.txt"],
        vec!["--treat-as-leaks"],
        vec!["--reveal-secrets"],
        vec!["--profile", "id-token"],
    ] {
        let assert = run(["audit", "--jwks", &file])
            .args(&extra)
            .assert()
            .code(2);
        assert!(
            stderr_of(&assert).contains("cannot be used with"),
            "{extra:?}"
        );
    }
    run(["audit", "--previous", &file, "x.y.z"])
        .assert()
        .code(2);
    let assert = run(["audit", "--jwks", "-", "--previous", "-"])
        .assert()
        .code(2);
    assert!(stderr_of(&assert).contains("both read standard input"));
}

#[test]
fn a_key_set_url_is_fetched_raw_private_keys_and_all() {
    let body = std::fs::read(set("private.json")).unwrap();
    let server = Server::https(move |_: &Request| Reply::json(200, body.clone()));
    let url = server.url("/jwks.json");
    let cache = tempfile::tempdir().unwrap();
    let audit_url = |extra: &[&str]| {
        run([
            "audit",
            "--now",
            NOW,
            "--ca-file",
            &ca_path(),
            "--jwks",
            &url,
        ])
        .args(extra)
        .env("JWTX_CACHE_DIR", cache.path())
        .assert()
    };
    let assert = audit_url(&["--format", "sarif"]).code(1);
    let sarif: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "jwks-private-key"));
    for r in results {
        let physical = &r["locations"][0]["physicalLocation"];
        assert_eq!(physical["artifactLocation"]["uri"], url.as_str());
        assert!(physical["region"]["startLine"].as_u64().unwrap() > 1);
    }
    assert_eq!(server.count("/jwks.json"), 1);
    // The cached copy serves --offline.
    let assert = audit_url(&["--offline", "--json"]).code(1);
    assert!(stdout_of(&assert).contains("jwks-private-key"));
    assert_eq!(server.count("/jwks.json"), 1);
    // Nothing cached, --offline: a key problem (6), as for --key URL.
    let empty = tempfile::tempdir().unwrap();
    let assert = run(["audit", "--offline", "--jwks", &url])
        .env("JWTX_CACHE_DIR", empty.path())
        .assert()
        .code(6);
    assert!(stderr_of(&assert).contains("--offline"));
    // Plain http to a public host is refused, as for every key URL.
    run(["audit", "--jwks", "http://keys.invalid/jwks.json"])
        .assert()
        .code(6);
}

/// The `rule_jwks_*` tests of tests/cli/audit.rs (one per registry rule): `id` fires on the
/// keys that trigger it, at the expected severity, and nowhere in the clean set, nor on
/// a set compared with itself.
pub(crate) fn assert_rule(id: &str) {
    let mut cases: Vec<(String, Vec<String>, &str, &str)> = TRIGGERS
        .iter()
        .filter(|t| t.2 == id)
        .map(|&(file, kid, _, severity)| (set(file), Vec::new(), kid, severity))
        .collect();
    let previous = vec!["--previous".to_owned(), set("rotation-old.json")];
    match id {
        "jwks-missing-kid" => {
            // The lone unnamed key: low (tested in a_missing_kid_matters_more...).
            let (_, keys, _) = audit(&set("single-nokid.json"), &[]);
            assert_eq!(keys[0]["findings"][0]["rule"], id);
        }
        "jwks-kid-reused" => cases.push((set("rotation-new.json"), previous, "reused", "high")),
        "jwks-kid-changed" => {
            cases.push((set("rotation-new.json"), previous, "renamed-new", "low"));
        }
        "jwks-key-added" => cases.push((set("rotation-new.json"), previous, "fresh", "info")),
        "jwks-key-removed" => {
            let (_, keys, _) = audit(
                &set("rotation-new.json"),
                &["--previous", &set("rotation-old.json")],
            );
            let gone = keys
                .iter()
                .find(|k| k["snapshot"] == "previous")
                .expect("a removed key");
            assert_eq!(gone["findings"][0]["rule"], id);
        }
        _ => assert!(!cases.is_empty(), "no trigger for {id}"),
    }
    for (file, extra, kid, severity) in &cases {
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        let (_, keys, _) = audit(file, &extra);
        let found = fired(&keys, kid);
        assert!(
            found.contains(&(id.to_owned(), (*severity).to_owned())),
            "{file} {kid}: {id} at {severity} expected, got {found:?}"
        );
    }
    for (file, previous) in [
        ("clean.json", "clean.json"),
        ("rotation-new.json", "rotation-new.json"),
    ] {
        let (_, keys, _) = audit(&set(file), &["--previous", &set(previous)]);
        for key in &keys {
            assert!(
                key["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|f| f["rule"] != id),
                "{id} fired on {file}: {key}"
            );
        }
    }
}

/// Large sets cost linear time: duplicates, shared moduli, kids across snapshots and
/// line numbers are looked up, not found by comparing every key with every earlier one
/// (10,000 keys took minutes), and a long key_ops is checked for
/// repeats in one pass.
#[test]
fn large_key_sets_are_audited_in_linear_time() {
    let dir = tempfile::TempDir::new().unwrap();
    let modulus = |i: usize| {
        let mut n = format!("{i:0>8}").repeat(43);
        n.truncate(342);
        n
    };
    let mut keys: Vec<String> = (0..10_000)
        .map(|i| {
            format!(
                "{{\"kty\":\"RSA\",\"kid\":\"k{}\",\"n\":\"{}\",\"e\":\"AQAB\"}}",
                i % 5_000,
                modulus(i)
            )
        })
        .collect();
    // Another exponent on the first key's modulus; a key with a long key_ops.
    keys.push(format!(
        "{{\"kty\":\"RSA\",\"kid\":\"shared\",\"n\":\"{}\",\"e\":\"AQAD\"}}",
        modulus(0)
    ));
    let ops: Vec<String> = (0..50_000)
        .map(|i| format!("\"op{}\"", i % 25_000))
        .collect();
    keys.push(format!(
        "{{\"kty\":\"oct\",\"kid\":\"ops\",\"k\":\"c2VjcmV0\",\"key_ops\":[{}]}}",
        ops.join(",")
    ));
    let path = dir.path().join("large.json");
    std::fs::write(&path, format!("{{\"keys\":[\n{}\n]}}", keys.join(",\n"))).unwrap();
    let path = path.to_str().unwrap();
    let started = std::time::Instant::now();
    let (code, keys, summary) = audit(path, &["--previous", path, "--fail-on", "none"]);
    let elapsed = started.elapsed();
    assert_eq!(code, 0);
    assert_eq!(summary["keys"], 10_002, "{summary}");
    let shared = keys.iter().find(|k| k["kid"] == "shared").expect("shared");
    assert_eq!(shared["line"], 10_002, "{shared}");
    let rules: Vec<&str> = shared["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"jwks-shared-modulus"), "{rules:?}");
    let second = keys
        .iter()
        .filter(|k| k["kid"] == "k0" && k["snapshot"] == "current")
        .nth(1)
        .expect("the second k0");
    assert!(
        second["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "jwks-duplicate-kid"),
        "{second}"
    );
    let ops = keys.iter().find(|k| k["kid"] == "ops").expect("ops");
    let repeats = ops["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["message"].as_str().unwrap().contains("twice"))
        .count();
    assert_eq!(repeats, 25_000, "each repeated value once");
    assert!(
        elapsed < std::time::Duration::from_secs(60),
        "10,000 keys took {elapsed:?}"
    );
}
