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
fn the_new_keys_are_strict_and_shown() {
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
        (
            "[[token-type]]\nname = \"a\"\ntyp = \"JWT\"\naudit-profile = \"refresh\"\n",
            ":4:",
            "not an audit profile",
        ),
        (
            "[[token-type]]\nname = \"a\"\ntyp = \"JWT\"\nrequire = \"jti\"\n",
            ":4:",
            "invalid type",
        ),
        (
            "[[token-type]]\nname = \"a\"\ntyp = \"JWT\"\nrequire-exp = false\nrequire = [\"exp\"]\n",
            ":4:1:",
            "require-exp = false but requires exp",
        ),
        ("[verify]\nexpect = [\"role\"]\n", ":2:", "invalid type"),
        (
            "[[issuer]]\niss = \"x\"\ndenylst = \"r.txt\"\n",
            ":3:",
            "unknown field `denylst`",
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
        assert_eq!(err.lines().count(), 1, "{text:?}: {err}");
    }
    let dir = repo(
        "[verify]\nexpect = { role = \"admin\" }\n\n[[audit.ignore-path]]\npaths = [\"tests/**\"]\n\n[[issuer]]\niss = \"https://a.example.com\"\nkey = \"k.pem\"\ndenylist = \"revoked.txt\"\n\n[issuer.expect]\naddress = { country = \"FR\" }\n",
    );
    let a = run_in(dir.path(), &["config", "show"]).success();
    let out = stdout_of(&a);
    for line in [
        "verify.expect.\"role\" = \"admin\"  # ",
        "audit.ignore-path[0] = [\"tests/**\"] ignores every rule  # ",
        "issuer.\"https://a.example.com\".expect.\"address.country\" = \"FR\"  # ",
        "issuer.\"https://a.example.com\".denylist = \"revoked.txt\"  # ",
    ] {
        assert!(out.contains(line), "{line}: {out}");
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
    // Keys on the command line replace a profile's keys, not its issuer's revocations.
    let a = verify(&["--secret", SECRET], &internal("b")).code(1);
    assert!(
        stderr_of(&a).contains("internal-revoked.txt"),
        "{}",
        stderr_of(&a)
    );
    verify(&["--secret", SECRET], &internal("a")).success();
    let rsa = key("rsa2048.pub.pem");
    verify(&["--key", &rsa], &public("a")).code(1);
    verify(&["--key", &rsa], &public("b")).success();
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

/// The findings of each token of a JSON audit, by rule: (rule, severity, message).
fn findings_of(a: &assert_cmd::assert::Assert) -> Vec<Vec<(String, String, String)>> {
    token_records(a)
        .iter()
        .map(|r| {
            r["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| {
                    let s = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
                    (s("rule"), s("severity"), s("message"))
                })
                .collect()
        })
        .collect()
}

fn has(findings: &[(String, String, String)], rule: &str) -> bool {
    findings.iter().any(|(r, _, _)| r == rule)
}

#[test]
fn audit_judges_each_token_by_its_types_rules_and_flags_win() {
    let dir = rs256_repo(&format!(
        "{TYPES}audit-profile = \"id-token\"\n\n[audit]\nmax-lifetime = \"1d\"\n"
    ));
    let access = rs256(&["--typ", "at+jwt", "--exp", "+7d"]);
    let refresh = rs256(&[
        "--claim",
        "token_use=refresh",
        "--exp",
        "+7d",
        "--jti",
        "r1",
    ]);
    let other = rs256(&["--exp", "+7d", "--jti", "o1"]);
    let audit = |extra: &[&str]| {
        let mut args = vec!["audit", "--now", NOW, "--json", "--fail-on", "none"];
        args.extend_from_slice(extra);
        args.extend([access.as_str(), refresh.as_str(), other.as_str()]);
        let a = run_in(dir.path(), &args).success();
        findings_of(&a)
    };
    let found = audit(&[]);
    let (access_f, refresh_f, other_f) = (&found[0], &found[1], &found[2]);
    // The access type: 15m, a jti required; [audit]'s day for a token of no type.
    let lifetime = access_f.iter().find(|(r, _, _)| r == "lifetime-too-long");
    assert!(
        lifetime.is_some_and(|(_, _, m)| m.contains("above the 15m policy")),
        "{access_f:?}"
    );
    assert!(
        access_f
            .iter()
            .any(|(r, _, m)| r == "missing-required-claim"
                && m == "token type \"access\" requires claim \"jti\", which is missing"),
        "{access_f:?}"
    );
    // The refresh type: a week is fine, and it is checked as an ID token.
    assert!(!has(refresh_f, "lifetime-too-long"), "{refresh_f:?}");
    assert!(has(refresh_f, "profile-id-token"), "{refresh_f:?}");
    assert!(has(other_f, "lifetime-too-long"), "{other_f:?}");
    assert!(!has(other_f, "profile-id-token"), "{other_f:?}");
    // The command line wins over the types.
    let found = audit(&["--max-lifetime", "30d", "--profile", "access-token"]);
    assert!(
        found.iter().all(|f| !has(f, "lifetime-too-long")),
        "{found:?}"
    );
    assert!(
        found.iter().all(|f| has(f, "profile-access-token")),
        "{found:?}"
    );
    assert!(!has(&found[1], "profile-id-token"), "{found:?}");
}

#[test]
fn audit_uses_each_issuers_keys_and_reports_unknown_issuers() {
    let dir = repo(&format!(
        r#"
[[issuer]]
name = "auth"
iss = "https://auth.example.com"
key = "{}"
require = ["sub"]

[[issuer]]
name = "internal"
iss = "https://internal.example.com"
secret-env = "INTERNAL_SECRET"
"#,
        key("rsa2048.pub.pem").replace('\\', "/")
    ));
    let genuine = rs256(&["--sub", "u", "--exp", "+1h"]);
    let internal = sign(&[
        "--secret",
        SECRET,
        "--iss",
        "https://internal.example.com",
        "--exp",
        "+1h",
    ]);
    // HS256 MACed with the auth issuer's public key file: a forgery by key confusion.
    let forged = sign(&[
        "--secret-file",
        &key("rsa2048.pub.pem"),
        "--alg",
        "HS256",
        "--iss",
        "https://auth.example.com",
        "--sub",
        "u",
        "--exp",
        "+1h",
    ]);
    let stranger = sign(&[
        "--secret",
        SECRET,
        "--iss",
        "https://stranger.example.com",
        "--exp",
        "+1h",
    ]);
    let audit = |env: Option<&str>, extra: &[&str]| {
        let mut cmd = crate::util::jwtx();
        cmd.current_dir(dir.path())
            .args([
                "--color",
                "never",
                "audit",
                "--now",
                NOW,
                "--json",
                "--fail-on",
                "none",
            ])
            .args(["--treat-as-leaks"])
            .args(extra)
            .args([&genuine, &internal, &forged, &stranger]);
        if let Some(secret) = env {
            cmd.env("INTERNAL_SECRET", secret);
        }
        cmd.assert()
    };
    let a = audit(Some(SECRET), &[]).success();
    let found = findings_of(&a);
    let exposed = |f: &[(String, String, String)]| {
        f.iter()
            .find(|(r, _, _)| r == "token-exposed")
            .map(|(_, s, m)| (s.clone(), m.clone()))
            .unwrap_or_default()
    };
    // Each issuer's own keys: the genuine tokens verify, so their leak is critical.
    for i in [0, 1] {
        let (severity, message) = exposed(&found[i]);
        assert_eq!(severity, "critical", "{message}");
        assert!(message.contains("verifies with the given key"), "{message}");
    }
    assert!(has(&found[2], "key-confusion"), "{:?}", found[2]);
    assert!(!has(&found[0], "missing-required-claim"), "{:?}", found[0]);
    assert!(
        found[3].iter().any(|(r, _, m)| r == "unknown-issuer"
            && m.starts_with("iss \"https://stranger.example.com\" matches no issuer profile")),
        "{:?}",
        found[3]
    );
    assert!(!has(&found[0], "unknown-issuer"), "{:?}", found[0]);
    // --key wins over the profiles' keys.
    let a = audit(Some(SECRET), &["--key", &key("ec-p256.pub.pem")]).success();
    let found = findings_of(&a);
    assert!(
        exposed(&found[0]).1.contains("does not verify"),
        "{:?}",
        found[0]
    );
    assert!(!has(&found[2], "key-confusion"), "{:?}", found[2]);
    // A profile whose keys cannot be loaded fails the run (exit 6), naming it.
    let a = audit(None, &[]).code(6);
    assert!(
        stderr_of(&a).contains("issuer profile \\\"internal\\\""),
        "{}",
        stderr_of(&a)
    );
    assert!(
        stderr_of(&a).contains("INTERNAL_SECRET"),
        "{}",
        stderr_of(&a)
    );
}

#[test]
fn a_place_where_only_rules_ignored_everywhere_remain_is_left_out() {
    let dir = repo(
        r#"
[audit]
ignore = ["token-exposed", "missing-iss", "missing-aud", "missing-jti"]

[[audit.ignore-path]]
paths = ["fixtures"]
rules = ["hmac-weak-secret"]
"#,
    );
    write(dir.path(), "fixtures/a.txt", &format!("{}\n", weak("f")));
    let a = run_in(dir.path(), &["audit", "--now", NOW, "--scan", "."]).success();
    assert!(
        stdout_of(&a).contains("0 tokens audited, 0 findings"),
        "{}",
        stdout_of(&a)
    );
    assert!(
        stdout_of(&a).contains("1 token ignored by path"),
        "{}",
        stdout_of(&a)
    );
}

#[test]
fn expected_integers_above_2_pow_53_are_compared_exactly() {
    // Through f64 these two tenant ids are the same number.
    let dir = rs256_repo("expect = { tenant = 9007199254740993 }\n");
    let other = rs256(&["--claim", "tenant:=9007199254740992"]);
    let a = run_in(dir.path(), &["verify", "--now", NOW, &other]).code(4);
    assert!(
        stderr_of(&a).contains("claim \"tenant\" is 9007199254740992, expected 9007199254740993"),
        "{}",
        stderr_of(&a)
    );
    let float = rs256(&["--claim", "tenant:=9007199254740992.0"]);
    run_in(dir.path(), &["verify", "--now", NOW, &float]).code(4);
    let same = rs256(&["--claim", "tenant:=9007199254740993"]);
    run_in(dir.path(), &["verify", "--now", NOW, &same]).success();
}

/// An issuer's keys that cannot be read fail the audit (exit 6) after its results were
/// written: the SARIF on standard output is still one valid document, whose invocation
/// failed with the error, and an --output file is not written.
#[test]
fn sarif_stays_a_document_when_profile_keys_fail_after_the_results() {
    let dir = repo(
        "[[issuer]]\nname = \"auth\"\niss = \"https://auth.example.com\"\nkey = \"missing.pem\"\n",
    );
    let token = rs256(&[]);
    let a = run_in(
        dir.path(),
        &[
            "audit",
            "--now",
            NOW,
            "--format",
            "sarif",
            "--fail-on",
            "none",
            &token,
        ],
    )
    .code(6);
    assert!(stderr_of(&a).contains("missing.pem"), "{}", stderr_of(&a));
    let text = stdout_of(&a);
    let doc: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("not one JSON document ({e}): {text}"));
    crate::audit::assert_valid_sarif(&doc);
    let run = &doc["runs"][0];
    assert!(!run["results"].as_array().unwrap().is_empty(), "{run}");
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false, "{run}");
    assert!(
        invocation["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("missing.pem"),
        "{invocation}"
    );
    run_in(
        dir.path(),
        &[
            "audit",
            "--now",
            NOW,
            "--format",
            "sarif",
            "--fail-on",
            "none",
            "-o",
            "r.sarif",
            &token,
        ],
    )
    .code(6);
    assert!(!dir.path().join("r.sarif").exists());
    // A run that succeeds says so.
    let a = run_in(
        dir.path(),
        &[
            "audit",
            "--now",
            NOW,
            "--format",
            "sarif",
            "--fail-on",
            "none",
            "--no-config",
            &token,
        ],
    )
    .success();
    let doc: Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    crate::audit::assert_valid_sarif(&doc);
    assert_eq!(
        doc["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}
