//! jwtx.toml's finer policy: rules ignored by path in `audit`, expected claim values,
//! token types in `verify` and `audit`, issuer profiles' keys in `audit`, and a denylist
//! per issuer profile; each with the command line's precedence over the file.

use std::path::Path;

use serde_json::Value;

use crate::config::{repo, run_in};
use crate::util::{NOW, SECRET, json_lines, key, sign, stderr_of, stdout_of};

/// The token records of a JSON audit report.
fn token_records(a: &assert_cmd::assert::Assert) -> Vec<Value> {
    json_lines(&a.get_output().stdout)
        .into_iter()
        .filter(|r| r["type"] == "token")
        .collect()
}

fn rules_of(record: &Value) -> Vec<String> {
    record["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f["rule"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn locations_of(record: &Value) -> Vec<String> {
    record["locations"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| l["source"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// An HS256 token MACed with the well-known `secret`, told apart by its subject.
fn weak(sub: &str) -> String {
    sign(&[
        "--secret",
        "secret",
        "--allow-weak-key",
        "--sub",
        sub,
        "--exp",
        "+1h",
    ])
}

#[test]
fn rules_ignored_by_path_drop_only_the_ignored_locations() {
    let dir = repo(
        r#"
[[audit.ignore-path]]
paths = ["tests/fixtures/**"]
rules = ["hmac-weak-secret"]

[[audit.ignore-path]]
paths = ["docs"]
"#,
    );
    let (both, fixture_only, docs_only, docs_and_src) =
        (weak("both"), weak("fixture"), weak("docs"), weak("mixed"));
    write(
        dir.path(),
        "tests/fixtures/a.txt",
        &format!("{both}\n{fixture_only}\n"),
    );
    write(
        dir.path(),
        "src/app.txt",
        &format!("token = {both}\n{docs_and_src}\n"),
    );
    write(
        dir.path(),
        "docs/guide/readme.md",
        &format!("{docs_only}\n{docs_and_src}\n"),
    );
    let scan = |cwd: &Path, target: &str| {
        run_in(
            cwd,
            &[
                "audit",
                "--now",
                NOW,
                "--json",
                "--reveal-tokens",
                "--fail-on",
                "none",
                "--scan",
                target,
            ],
        )
        .success()
    };
    let a = scan(dir.path(), ".");
    let records = token_records(&a);
    assert_eq!(
        records.len(),
        3,
        "the docs-only token is not reported: {records:?}"
    );
    let by_sub = |sub: &str| {
        let token = weak(sub);
        records
            .iter()
            .find(|r| r["token"] == token.as_str())
            .cloned()
            .unwrap_or_else(|| {
                let found: Vec<&Value> = records.iter().map(|r| &r["token"]).collect();
                panic!("no record for {sub} ({token}): {found:?}")
            })
    };
    // Found in a fixture and in src: the weak secret is reported, at both places.
    let record = by_sub("both");
    assert!(
        rules_of(&record).contains(&"hmac-weak-secret".into()),
        "{record}"
    );
    assert_eq!(record["occurrences"], 2, "{record}");
    // Only in a fixture: that rule is dropped, the others stay, and so does the place.
    let record = by_sub("fixture");
    assert!(
        !rules_of(&record).contains(&"hmac-weak-secret".into()),
        "{record}"
    );
    assert!(
        rules_of(&record).contains(&"token-exposed".into()),
        "{record}"
    );
    assert_eq!(locations_of(&record), ["./tests/fixtures/a.txt"]);
    // In docs (every rule ignored) and in src: only the src location is left.
    let record = by_sub("mixed");
    assert_eq!(locations_of(&record), ["./src/app.txt"], "{record}");
    assert_eq!(record["occurrences"], 1, "{record}");
    let summary = json_lines(&a.get_output().stdout)
        .into_iter()
        .find(|r| r["type"] == "summary")
        .expect("summary");
    assert_eq!(summary["tokens"], 3, "{summary}");

    // Globs are relative to the file, whatever directory audit runs in and however the
    // path is spelled; @FILE token lists are matched by their path too.
    let a = scan(&dir.path().join("tests"), "fixtures");
    for record in token_records(&a) {
        assert!(
            !rules_of(&record).contains(&"hmac-weak-secret".into()),
            "{record}"
        );
    }
    let a = run_in(
        &dir.path().join("docs"),
        &[
            "audit",
            "--now",
            NOW,
            "--fail-on",
            "low",
            "@guide/readme.md",
        ],
    )
    .success();
    assert!(
        stdout_of(&a).contains("0 tokens audited, 0 findings"),
        "{}",
        stdout_of(&a)
    );
    assert!(
        stdout_of(&a).contains("2 tokens ignored by path"),
        "{}",
        stdout_of(&a)
    );
    // Without the file, everything is reported.
    let a = run_in(
        dir.path(),
        &[
            "audit",
            "--no-config",
            "--now",
            NOW,
            "--json",
            "--fail-on",
            "none",
            "--scan",
            ".",
        ],
    )
    .success();
    assert_eq!(token_records(&a).len(), 4);
}

#[test]
fn ignore_path_entries_are_strict() {
    for (text, place, words) in [
        (
            "[[audit.ignore-path]]\npaths = [\"a[\"]\n",
            ":2:",
            "not a glob",
        ),
        (
            "[[audit.ignore-path]]\npaths = []\n",
            ":2:",
            "paths is empty",
        ),
        (
            "[[audit.ignore-path]]\npaths = [\"x\"]\nrules = [\"no-such\"]\n",
            ":3:",
            "unknown rule",
        ),
        (
            "[[audit.ignore-path]]\npath = [\"x\"]\n",
            ":2:",
            "unknown field `path`",
        ),
        (
            "[[audit.ignore-path]]\nrules = [\"missing-jti\"]\n",
            ":1:",
            "missing field `paths`",
        ),
    ] {
        let dir = repo(text);
        let a = run_in(dir.path(), &["config", "check"]).code(2);
        let err = stderr_of(&a);
        assert!(
            err.contains(&format!("jwtx.toml{place}")),
            "{text:?}: {err}"
        );
        assert!(err.contains(words), "{text:?}: {err}");
    }
}

/// A repository whose `auth` profile verifies RS256 tokens with a key file, with `extra`
/// appended to the profile.
fn rs256_repo(extra: &str) -> tempfile::TempDir {
    repo(&format!(
        "[[issuer]]\nname = \"auth\"\niss = \"https://auth.example.com\"\nkey = \"{}\"\n{extra}",
        key("rsa2048.pub.pem").replace('\\', "/")
    ))
}

fn rs256(extra: &[&str]) -> String {
    let key = key("rsa2048.pkcs8.pem");
    let mut args = vec!["--key", &key, "--iss", "https://auth.example.com"];
    args.extend_from_slice(extra);
    sign(&args)
}

#[test]
fn profiles_expect_claim_values_and_the_command_line_overrides_them() {
    let dir =
        rs256_repo("expect = { role = \"admin\", \"address.country\" = \"FR\", level = 3 }\n");
    let good = rs256(&[
        "--claim",
        "role=admin",
        "--claim",
        "address:={\"country\":\"FR\"}",
        "--claim",
        "level:=3",
    ]);
    let wrong = rs256(&[
        "--claim",
        "role=user",
        "--claim",
        "address:={\"country\":\"FR\"}",
        "--claim",
        "level:=3",
    ]);
    run_in(dir.path(), &["verify", "--now", NOW, &good]).success();
    let a = run_in(dir.path(), &["verify", "--now", NOW, &wrong]).code(4);
    assert!(
        stderr_of(&a)
            .contains("claim check failed: claim \"role\" is \"user\", expected \"admin\""),
        "{}",
        stderr_of(&a)
    );
    // JSON names the claim, what was expected and what the token holds.
    let a = run_in(dir.path(), &["verify", "--now", NOW, "--json", &wrong]).code(4);
    let record = crate::util::one_json_line(&a.get_output().stdout);
    assert_eq!(record["error"]["id"], "claim-mismatch", "{record}");
    let failure = &record["failures"][0];
    assert_eq!(failure["expected"], "admin", "{record}");
    assert_eq!(failure["actual"], "user", "{record}");
    // Nested paths and missing claims; a number is expected as a number.
    let bare = rs256(&["--claim", "role=admin", "--claim", "level=3"]);
    let a = run_in(dir.path(), &["verify", "--now", NOW, &bare]).code(4);
    let err = stderr_of(&a);
    assert!(
        err.contains("claim \"address.country\" is missing, expected \"FR\""),
        "{err}"
    );
    assert!(
        err.contains("claim \"level\" is \"3\", expected 3"),
        "{err}"
    );
    // --expect replaces the file's value for its claim and adds others.
    run_in(
        dir.path(),
        &["verify", "--now", NOW, "--expect", "role=user", &wrong],
    )
    .success();
    let a = run_in(
        dir.path(),
        &[
            "verify",
            "--now",
            NOW,
            "--expect",
            "role=user",
            "--expect",
            "level:=4",
            &wrong,
        ],
    )
    .code(4);
    assert!(
        stderr_of(&a).contains("claim \"level\" is 3, expected 4"),
        "{}",
        stderr_of(&a)
    );
    // Without the file, --expect alone.
    let a = run_in(
        dir.path(),
        &[
            "verify",
            "--no-config",
            "--now",
            NOW,
            "--key",
            &key("rsa2048.pub.pem"),
            "--expect",
            "address.country=NZ",
            &good,
        ],
    )
    .code(4);
    assert!(
        stderr_of(&a).contains("is \"FR\", expected \"NZ\""),
        "{}",
        stderr_of(&a)
    );
    run_in(
        dir.path(),
        &["verify", "--now", NOW, "--expect", "nothing", &good],
    )
    .code(2);
}

const TYPES: &str = r#"
[[token-type]]
name = "access"
typ = "at+jwt"
max-lifetime = "15m"
require = ["jti"]

[[token-type]]
name = "refresh"
match = { token_use = "refresh" }
max-lifetime = "7d"
require-exp = true
"#;

#[test]
fn verify_applies_the_token_types_lifetimes_and_required_claims() {
    let dir = rs256_repo(TYPES);
    let access = rs256(&["--typ", "at+jwt", "--exp", "+15m", "--jti", "a1"]);
    let refresh = rs256(&["--claim", "token_use=refresh", "--exp", "+7d"]);
    let long_access = rs256(&["--typ", "at+jwt", "--exp", "+7d", "--jti", "a2"]);
    let access_without_jti = rs256(&["--typ", "at+jwt", "--exp", "+15m"]);
    let forever_refresh = {
        let key = key("rsa2048.pkcs8.pem");
        sign(&[
            "--key",
            &key,
            "--iss",
            "https://auth.example.com",
            "--claim",
            "token_use=refresh",
        ])
    };
    run_in(dir.path(), &["verify", "--now", NOW, &access]).success();
    run_in(dir.path(), &["verify", "--now", NOW, &refresh]).success();
    let a = run_in(dir.path(), &["verify", "--now", NOW, &long_access]).code(4);
    assert!(
        stderr_of(&a).contains("lifetime 7d (exp − iat) exceeds the maximum 15m"),
        "{}",
        stderr_of(&a)
    );
    let a = run_in(dir.path(), &["verify", "--now", NOW, &access_without_jti]).code(4);
    assert!(
        stderr_of(&a).contains("required claim \"jti\" is missing"),
        "{}",
        stderr_of(&a)
    );
    let a = run_in(dir.path(), &["verify", "--now", NOW, &forever_refresh]).code(4);
    assert!(
        stderr_of(&a).contains("required claim \"exp\" is missing"),
        "{}",
        stderr_of(&a)
    );
    // The same types apply with a key on the command line.
    run_in(
        dir.path(),
        &[
            "verify",
            "--now",
            NOW,
            "--key",
            &key("rsa2048.pub.pem"),
            &long_access,
        ],
    )
    .code(4);
}

#[test]
fn each_issuer_profile_may_have_its_own_denylist_and_the_flag_wins() {
    let dir = repo(&format!(
        r#"
[verify]
denylist = "revoked.txt"

[[issuer]]
name = "public"
iss = "https://auth.example.com"
key = "{}"

[[issuer]]
name = "internal"
iss = "https://internal.example.com"
secret-env = "INTERNAL_SECRET"
denylist = "lists/internal-revoked.txt"
"#,
        key("rsa2048.pub.pem").replace('\\', "/")
    ));
    write(dir.path(), "revoked.txt", "a\n");
    write(
        dir.path(),
        "lists/internal-revoked.txt",
        "# revoked refresh tokens\nb\n",
    );
    write(dir.path(), "flag.txt", "c\n");
    let public = |jti: &str| rs256(&["--jti", jti]);
    let internal = |jti: &str| {
        sign(&[
            "--secret",
            SECRET,
            "--iss",
            "https://internal.example.com",
            "--jti",
            jti,
        ])
    };
    let verify = |extra: &[&str], token: &str| {
        let mut cmd = crate::util::jwtx();
        cmd.current_dir(dir.path())
            .env("INTERNAL_SECRET", SECRET)
            .args(["--color", "never", "verify", "--now", NOW])
            .args(extra)
            .arg(token);
        cmd.assert()
    };
    // [verify]'s list is the default; the internal profile has its own.
    let a = verify(&[], &public("a")).code(1);
    assert!(stderr_of(&a).contains("revoked.txt"), "{}", stderr_of(&a));
    verify(&[], &public("b")).success();
    verify(&[], &internal("a")).success();
    let a = verify(&[], &internal("b")).code(1);
    assert!(
        stderr_of(&a).contains("internal-revoked.txt"),
        "{}",
        stderr_of(&a)
    );
    // --denylist replaces every list of the file.
    verify(&["--denylist", "flag.txt"], &internal("b")).success();
    verify(&["--denylist", "flag.txt"], &public("a")).success();
    verify(&["--denylist", "flag.txt"], &public("c")).code(1);
    // A profile's list that cannot be read is an error before any token, never a pass.
    std::fs::remove_file(dir.path().join("lists/internal-revoked.txt")).expect("rm");
    let a = verify(&[], &public("z")).code(5);
    assert!(
        stderr_of(&a).contains("internal-revoked.txt"),
        "{}",
        stderr_of(&a)
    );
}
