//! jwtx.toml: discovery, strictness with places, precedence of flags over the file,
//! issuer profiles in verify, token types in expiry, audit settings, and the schema.

use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

use crate::util::{NOW, SECRET, jwtx, key, sign};

/// A repository (a directory with `.git`) holding `jwtx.toml` with `text`.
pub(crate) fn repo(text: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join(".git")).expect(".git");
    std::fs::write(dir.path().join("jwtx.toml"), text).expect("write");
    dir
}

/// `jwtx ARGS` run in `dir`.
pub(crate) fn run_in(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    let mut cmd = jwtx();
    cmd.current_dir(dir).arg("--color").arg("never").args(args);
    cmd.assert()
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

const TWO_ISSUERS: &str = r#"
[[issuer]]
name = "public"
iss = "https://auth.example.com"
key = "keys/public.pem"
aud = ["api"]

[[issuer]]
name = "internal"
iss = "https://internal.example.com"
secret-env = "INTERNAL_SECRET"
"#;

fn two_issuers() -> TempDir {
    let dir = repo(TWO_ISSUERS);
    std::fs::create_dir(dir.path().join("keys")).expect("mkdir");
    std::fs::copy(key("rsa2048.pub.pem"), dir.path().join("keys/public.pem")).expect("copy");
    dir
}

fn rs256(iss: &str, aud: &str) -> String {
    sign(&[
        "--key",
        &key("rsa2048.pkcs8.pem"),
        "--iss",
        iss,
        "--aud",
        aud,
        "--exp",
        "+1h",
    ])
}

fn hs256(iss: &str) -> String {
    sign(&["--secret", SECRET, "--iss", iss, "--exp", "+1h"])
}

#[test]
fn each_token_is_checked_by_its_issuers_profile() {
    let dir = two_issuers();
    let tokens = format!(
        "{}\n{}\n{}\n{}\n",
        rs256("https://auth.example.com", "api"),
        hs256("https://internal.example.com"),
        rs256("https://auth.example.com", "other"),
        hs256("https://unknown.example.com"),
    );
    std::fs::write(dir.path().join("tokens.txt"), tokens).expect("write");
    let mut cmd = jwtx();
    let a = cmd
        .current_dir(dir.path().join("keys"))
        .env("INTERNAL_SECRET", SECRET)
        .args(["--color", "never", "verify", "--now", NOW, "@../tokens.txt"])
        .assert()
        .code(4);
    let out = stdout(&a);
    let err = stderr(&a);
    assert!(out.contains("../tokens.txt:1: valid (RS256"), "{out}");
    assert!(out.contains("../tokens.txt:2: valid (HS256"), "{out}");
    assert!(err.contains(":3: claim check failed: aud"), "{err}");
    assert!(
        err.contains("iss \"https://unknown.example.com\" matches no issuer profile"),
        "{err}"
    );
    assert!(err.contains("profiles: \"public\", \"internal\""), "{err}");
}

#[test]
fn flags_override_the_file() {
    let dir = two_issuers();
    let token = rs256("https://auth.example.com", "other");
    // --aud on the command line replaces the profile's audiences.
    run_in(
        dir.path(),
        &["verify", "--now", NOW, "--aud", "other", &token],
    )
    .success();
    // A key on the command line replaces the profiles altogether.
    run_in(
        dir.path(),
        &[
            "verify",
            "--now",
            NOW,
            "--key",
            &key("rsa2048.pub.pem"),
            &token,
        ],
    )
    .success();
    // --profile-name sends every token to one profile.
    let a = run_in(
        dir.path(),
        &["verify", "--now", NOW, "--profile-name", "internal", &token],
    )
    .code(6);
    assert!(stderr(&a).contains("INTERNAL_SECRET"), "{}", stderr(&a));
    let a = run_in(
        dir.path(),
        &["verify", "--now", NOW, "--profile-name", "nope", &token],
    )
    .code(2);
    assert!(stderr(&a).contains("no such issuer profile"));
    // --no-config ignores the file: no key at all is a usage error.
    run_in(dir.path(), &["verify", "--no-config", "--now", NOW, &token]).code(2);
}

#[test]
fn leeway_comes_from_the_flag_then_the_profile_then_verify_defaults() {
    let dir = repo(&format!(
        "[verify]\nleeway = \"2m\"\n\n[[issuer]]\niss = \"https://a.example.com\"\nkey = \"{}\"\n",
        key("rsa2048.pub.pem")
    ));
    let token = sign(&[
        "--key",
        &key("rsa2048.pkcs8.pem"),
        "--iss",
        "https://a.example.com",
        "--exp",
        "-90s",
    ]);
    let a = run_in(dir.path(), &["verify", "--now", NOW, &token]).success();
    assert!(stdout(&a).contains("within leeway"), "{}", stdout(&a));
    run_in(
        dir.path(),
        &["verify", "--now", NOW, "--leeway", "0", &token],
    )
    .code(3);
}

#[test]
fn discovery_walks_up_to_the_repository_root_and_no_further() {
    let dir = two_issuers();
    let deep = dir.path().join("a/b/c");
    std::fs::create_dir_all(&deep).expect("mkdir");
    let a = run_in(&deep, &["config", "show"]).success();
    assert!(stdout(&a).contains("issuer.\"internal\".keys = secret from $INTERNAL_SECRET"));
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(outside.path().join("repo")).expect("mkdir");
    std::fs::create_dir(outside.path().join("repo/.git")).expect(".git");
    std::fs::write(
        outside.path().join("jwtx.toml"),
        "[verify]\nleeway = \"1m\"\n",
    )
    .expect("write");
    let a = run_in(&outside.path().join("repo"), &["config", "show"]).success();
    assert!(stderr(&a).contains("no jwtx.toml applies here"));
    // JWTX_CONFIG names a file wherever it is.
    let mut cmd = jwtx();
    let a = cmd
        .current_dir(outside.path().join("repo"))
        .env("JWTX_CONFIG", outside.path().join("jwtx.toml"))
        .args(["config", "show"])
        .assert()
        .success();
    assert!(
        stdout(&a).contains("verify.leeway = \"1m\""),
        "{}",
        stdout(&a)
    );
}

#[test]
fn config_show_says_where_each_setting_came_from() {
    let dir = repo("[audit]\nfail-on = \"low\"\nseverity = { missing-exp = \"info\" }\n");
    let a = run_in(dir.path(), &["config", "show"]).success();
    let out = stdout(&a);
    assert!(out.contains("audit.fail-on = \"low\"  # "), "{out}");
    assert!(out.contains("jwtx.toml:2"), "{out}");
    assert!(
        out.contains("audit.max-lifetime = \"1day\"  # default"),
        "{out}"
    );
    assert!(
        out.contains("audit.severity.missing-exp = \"info\""),
        "{out}"
    );
}

#[test]
fn every_error_has_its_file_line_and_column() {
    for (text, place, words) in [
        (
            "[audit]\nfail-on = \"urgent\"\n",
            ":2:11:",
            "unknown severity",
        ),
        (
            "[verify]\nleway = \"1m\"\n",
            ":2:1:",
            "unknown field `leway`",
        ),
        ("[verify]\nleeway = \"soon\"\n", ":2:", "not a duration"),
        ("[verify]\nleeway = 30\n", ":2:", "invalid type"),
        (
            "[audit]\nignore = [\"no-such-rule\"]\n",
            ":2:",
            "unknown rule",
        ),
        (
            "[[issuer]]\niss = \"x\"\nsecret = \"hunter2\"\n",
            ":3:10:",
            "a literal secret does not belong",
        ),
        (
            "[[issuer]]\niss = \"x\"\nalgs = [\"none\"]\n",
            ":3:",
            "not an algorithm",
        ),
        ("[verify\n", ":1:", ""),
    ] {
        let dir = repo(text);
        let a = run_in(dir.path(), &["config", "check"]).code(2);
        let err = stderr(&a);
        assert!(
            err.contains(&format!("jwtx.toml{place}")),
            "{text:?}: {err}"
        );
        assert!(err.contains(words), "{text:?}: {err}");
        assert!(!err.contains("hunter2"), "the secret was printed: {err}");
        assert_eq!(err.lines().count(), 1, "{text:?}: {err}");
        // Every command that reads the file refuses it the same way.
        run_in(dir.path(), &["verify", "--secret", SECRET, "x.y.z"]).code(2);
        run_in(dir.path(), &["audit", "x.y.z"]).code(2);
    }
    let dir = repo("");
    run_in(dir.path(), &["config", "check"]).success();
    run_in(dir.path(), &["config", "check", "missing.toml"]).code(2);
}

#[test]
fn token_types_set_per_kind_lifetimes_in_expiry() {
    let dir = repo(
        "[[token-type]]\nname = \"access\"\ntyp = \"at+jwt\"\nmax-lifetime = \"15m\"\n\n[[token-type]]\nname = \"refresh\"\nmatch = { token_use = \"refresh\" }\nmax-lifetime = \"7d\"\n",
    );
    let access = sign(&["--secret", SECRET, "--typ", "at+jwt", "--exp", "+15m"]);
    let refresh = sign(&[
        "--secret",
        SECRET,
        "--claim",
        "token_use=refresh",
        "--exp",
        "+7d",
    ]);
    let long_access = sign(&["--secret", SECRET, "--typ", "at+jwt", "--exp", "+7d"]);
    run_in(dir.path(), &["expiry", "--now", NOW, &access]).success();
    run_in(dir.path(), &["expiry", "--now", NOW, &refresh]).success();
    let a = run_in(dir.path(), &["expiry", "--now", NOW, &long_access]).code(4);
    assert!(
        stdout(&a).contains("lifetime 7d (exp − iat) exceeds the maximum 15m"),
        "{}",
        stdout(&a)
    );
    // The flag wins over the type.
    run_in(
        dir.path(),
        &[
            "expiry",
            "--now",
            NOW,
            "--max-lifetime",
            "30d",
            &long_access,
        ],
    )
    .success();
}

#[test]
fn audit_reads_its_settings_and_flags_win() {
    let token = sign(&["--secret", SECRET, "--exp", "+1h"]);
    let findings = |dir: &Path, extra: &[&str]| -> (Option<i32>, Vec<String>) {
        let mut args = vec!["audit", "--now", NOW, "--json"];
        args.extend_from_slice(extra);
        args.push(&token);
        let a = run_in(dir, &args);
        let code = a.get_output().status.code();
        let rules = stdout(&a)
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .flat_map(|v| {
                v["findings"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|f| f["rule"].as_str().unwrap_or_default().to_owned())
            })
            .collect();
        (code, rules)
    };
    let plain = repo("");
    let (code, rules) = findings(plain.path(), &[]);
    assert!(rules.iter().any(|r| r == "missing-jti"), "{rules:?}");
    assert_eq!(code, Some(0));
    let strict = repo("[audit]\nfail-on = \"low\"\nignore = [\"missing-iss\"]\n");
    let (code, rules) = findings(strict.path(), &[]);
    assert!(!rules.iter().any(|r| r == "missing-iss"), "{rules:?}");
    assert_eq!(code, Some(1), "fail-on low from the file");
    let (code, _) = findings(strict.path(), &["--fail-on", "none"]);
    assert_eq!(code, Some(0), "the flag wins");
}

#[test]
fn the_committed_schema_matches_the_code() {
    let committed: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/jwtx.schema.json"),
        )
        .expect("docs/jwtx.schema.json"),
    )
    .expect("JSON");
    let a = jwtx().args(["config", "schema"]).assert().success();
    let generated: Value = serde_json::from_str(&stdout(&a)).expect("JSON");
    assert_eq!(
        committed, generated,
        "regenerate with: cargo run -- config schema > docs/jwtx.schema.json"
    );
    // The sample file validates against it.
    let sample: Value = serde_json::to_value(
        toml::from_str::<toml::Value>(
            &std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/jwtx.toml"),
            )
            .expect("samples/jwtx.toml"),
        )
        .expect("TOML"),
    )
    .expect("JSON");
    let validator = jsonschema::validator_for(&generated).expect("a valid schema");
    assert!(
        validator.is_valid(&sample),
        "samples/jwtx.toml does not match the schema"
    );
}

#[test]
fn required_claims_may_be_dotted_paths() {
    let dir = repo(&format!(
        "[[issuer]]\niss = \"https://a.example.com\"\nkey = \"{}\"\nrequire = [\"address.country\"]\n",
        key("rsa2048.pub.pem")
    ));
    let with = sign(&[
        "--key",
        &key("rsa2048.pkcs8.pem"),
        "--iss",
        "https://a.example.com",
        "--claim",
        "address:={\"country\":\"NZ\"}",
        "--exp",
        "+1h",
    ]);
    let without = sign(&[
        "--key",
        &key("rsa2048.pkcs8.pem"),
        "--iss",
        "https://a.example.com",
        "--claim",
        "address:={\"city\":\"Wellington\"}",
        "--exp",
        "+1h",
    ]);
    run_in(dir.path(), &["verify", "--now", NOW, &with]).success();
    let a = run_in(dir.path(), &["verify", "--now", NOW, &without]).code(4);
    assert!(stderr(&a).contains("address.country"), "{}", stderr(&a));
    // The same from the command line, without a file.
    run_in(
        dir.path(),
        &[
            "verify",
            "--no-config",
            "--now",
            NOW,
            "--key",
            &key("rsa2048.pub.pem"),
            "--require",
            "address.country",
            &without,
        ],
    )
    .code(4);
}

#[test]
fn expiry_verifies_with_the_issuer_profiles_too() {
    let dir = two_issuers();
    let good = rs256("https://auth.example.com", "api");
    let forged = sign(&[
        "--key",
        &key("ec-p256.pkcs8.pem"),
        "--iss",
        "https://auth.example.com",
        "--exp",
        "+1h",
    ]);
    let a = run_in(dir.path(), &["expiry", "--now", NOW, &good]).success();
    assert!(!stderr(&a).contains("not verified"), "{}", stderr(&a));
    run_in(dir.path(), &["expiry", "--now", NOW, &forged]).code(1);
    let a = run_in(
        dir.path(),
        &["expiry", "--now", NOW, &hs256("https://nobody.example.com")],
    )
    .code(4);
    assert!(
        stderr(&a).contains("matches no issuer profile"),
        "{}",
        stderr(&a)
    );
}
