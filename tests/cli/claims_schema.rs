//! --claims-schema: a JSON Schema the claims must match, in verify and expiry, from the
//! command line or jwtx.toml.

use serde_json::Value;

use crate::util::{NOW, SECRET, fixture, path_of, run, sign, temp_file};

fn token(claims: &[&str]) -> String {
    let mut args = vec!["--secret", SECRET, "--exp", "+1h"];
    for c in claims {
        args.push("--claim");
        args.push(c);
    }
    sign(&args)
}

fn good() -> String {
    token(&["userId=u-1", "email=ada@example.com", "role=admin"])
}

#[test]
fn a_matching_token_verifies_and_each_violation_is_named() {
    let schema = fixture("schemas/user.json");
    run([
        "verify",
        "--now",
        NOW,
        "--secret",
        SECRET,
        "--claims-schema",
        &schema,
        &good(),
    ])
    .assert()
    .success();
    let bad = token(&[
        "userId:=7",
        "email=not-an-email",
        "role=superuser",
        "session=nope",
    ]);
    let a = run([
        "verify",
        "--now",
        NOW,
        "--secret",
        SECRET,
        "--claims-schema",
        &schema,
        &bad,
    ])
    .assert()
    .code(4);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    for pointer in ["/role:", "/email:", "/userId:", "/session:"] {
        assert!(err.contains(pointer), "{pointer} missing: {err}");
    }
    assert!(err.contains("superuser"), "{err}");
    // JSON lists every violation.
    let a = run([
        "verify",
        "--now",
        NOW,
        "--secret",
        SECRET,
        "--claims-schema",
        &schema,
        "--json",
        &bad,
    ])
    .assert()
    .code(4);
    let record: Value = serde_json::from_slice(&a.get_output().stdout).expect("JSON");
    let failures = record["failures"].as_array().expect("failures");
    assert_eq!(failures.len(), 4, "{record}");
    assert!(
        failures.iter().all(|f| f["id"] == "claims-schema"),
        "{record}"
    );
}

#[test]
fn in_a_batch_only_failing_tokens_fail() {
    let schema = fixture("schemas/user.json");
    let missing = token(&["userId=u-2"]);
    let a = run([
        "verify",
        "--now",
        NOW,
        "--secret",
        SECRET,
        "--claims-schema",
        &schema,
    ])
    .write_stdin(format!("{}\n{missing}\n{}\n", good(), good()))
    .assert()
    .code(4);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains("3 tokens: 2 valid, 1 not"), "{err}");
    assert!(err.contains("line 2"), "{err}");
}

#[test]
fn a_broken_schema_is_refused_before_any_token() {
    let not_json = temp_file("{ nope");
    let not_schema = temp_file(r#"{"type": 12}"#);
    for (file, why) in [
        (&not_json, "not JSON"),
        (&not_schema, "not a valid JSON Schema"),
    ] {
        let path = path_of(file);
        let a = run([
            "verify",
            "--now",
            NOW,
            "--secret",
            SECRET,
            "--claims-schema",
            &path,
            &good(),
        ])
        .assert()
        .code(2);
        let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
        assert!(err.contains(&path) && err.contains(why), "{err}");
    }
}

#[test]
fn expiry_checks_the_schema_too() {
    let schema = fixture("schemas/user.json");
    run(["expiry", "--now", NOW, "--claims-schema", &schema, &good()])
        .assert()
        .success();
    let a = run([
        "expiry",
        "--now",
        NOW,
        "--claims-schema",
        &schema,
        &token(&["role=root"]),
    ])
    .assert()
    .code(4);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains("/role:"), "{err}");
}

#[test]
fn audit_reports_schema_violations_as_findings() {
    let schema = fixture("schemas/user.json");
    let bad = token(&["userId=u-1", "email=ada@example.com", "role=superuser"]);
    let findings = |extra: &[&str], token: &str| -> Vec<Value> {
        let mut args = vec!["audit", "--now", NOW, "--json", "--fail-on", "none"];
        args.extend_from_slice(extra);
        args.push(token);
        let a = run(args).assert().success();
        String::from_utf8_lossy(&a.get_output().stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .flat_map(|v| v["findings"].as_array().cloned().unwrap_or_default())
            .filter(|f| f["rule"] == "claims-schema")
            .collect()
    };
    let found = findings(&["--claims-schema", &schema], &bad);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["severity"], "medium");
    assert_eq!(found[0]["location"], "payload.role");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("superuser")
    );
    assert!(findings(&["--claims-schema", &schema], &good()).is_empty());
    assert!(findings(&[], &bad).is_empty(), "no schema, no finding");
    let ranked = findings(
        &[
            "--claims-schema",
            &schema,
            "--severity",
            "claims-schema=high",
        ],
        &bad,
    );
    assert_eq!(ranked[0]["severity"], "high");
}
