//! `jwtx key generate` and the rules every key command writes by: private material
//! never on a terminal by accident, files whole, owner-only and never over an existing
//! file without --force; sizes as RFC 7518 asks.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command as Process;

use rexpect::session::spawn_command;
use serde_json::Value;

use crate::util::{b64url_decode, run, stderr_of, stdout_of};

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

fn mode(path: &str) -> u32 {
    std::fs::metadata(path).expect("file").permissions().mode() & 0o777
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn private_files_are_owner_only_and_public_ones_are_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let private = path(dir.path(), "key.pem");
    let public = path(dir.path(), "key.pub.pem");
    run([
        "key",
        "generate",
        "--alg",
        "ES256",
        "--out",
        &private,
        "--public-out",
        &public,
    ])
    .assert()
    .success()
    .stdout("");
    assert_eq!(mode(&private), 0o600);
    assert_eq!(mode(&public), 0o644);
    let text = std::fs::read_to_string(&private).expect("key");
    assert!(text.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{text}");
    let text = std::fs::read_to_string(&public).expect("public key");
    assert!(text.starts_with("-----BEGIN PUBLIC KEY-----\n"), "{text}");
    let secret = path(dir.path(), "secret.jwk");
    run(["key", "generate", "--alg", "HS256", "--out", &secret])
        .assert()
        .success();
    assert_eq!(mode(&secret), 0o600);
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let private = path(dir.path(), "key.pem");
    std::fs::write(&private, "keep me").expect("write");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let assert = run(["key", "generate", "--alg", "EdDSA", "--out", &private])
        .assert()
        .code(2)
        .stdout("");
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("exists; pass --force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&private).expect("kept"), "keep me");
    run([
        "key", "generate", "--alg", "EdDSA", "--out", &private, "--force",
    ])
    .assert()
    .success();
    assert!(
        std::fs::read_to_string(&private)
            .expect("new")
            .contains("PRIVATE KEY")
    );
    assert_eq!(mode(&private), 0o600, "a replaced file becomes owner-only");
    assert_eq!(entries(dir.path()), ["key.pem"]);
}

#[test]
fn a_refused_pair_leaves_no_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let public = path(dir.path(), "pub.pem");
    std::fs::write(&public, "old").expect("write");
    let private = path(dir.path(), "new.pem");
    run([
        "key",
        "generate",
        "--alg",
        "ES384",
        "--out",
        &private,
        "--public-out",
        &public,
    ])
    .assert()
    .code(2);
    assert_eq!(
        entries(dir.path()),
        ["pub.pem"],
        "no private key without its public half"
    );
    assert_eq!(std::fs::read_to_string(&public).expect("kept"), "old");
    // A directory that does not exist: an I/O error (5), and nothing written.
    let nowhere = path(dir.path(), "missing/key.pem");
    run(["key", "generate", "--alg", "ES256", "--out", &nowhere])
        .assert()
        .code(5);
    assert_eq!(entries(dir.path()), ["pub.pem"]);
}

#[test]
fn hmac_secrets_have_the_hashs_full_size() {
    for (alg, bytes) in [("HS256", 32), ("HS384", 48), ("HS512", 64)] {
        let assert = run(["key", "generate", "--alg", alg]).assert().success();
        let jwk: Value = serde_json::from_str(&stdout_of(&assert)).expect("a JWK");
        assert_eq!(jwk["kty"], "oct");
        assert_eq!(jwk["alg"], alg);
        let k = b64url_decode(jwk["k"].as_str().expect("k"));
        assert_eq!(k.len(), bytes, "{alg}");
        let assert = run(["key", "generate", "--alg", alg, "--format", "base64url"])
            .assert()
            .success();
        let text = stdout_of(&assert);
        assert_eq!(b64url_decode(text.trim_end()).len(), bytes);
    }
    // Two secrets are never the same.
    let one = stdout_of(
        &run(["key", "generate", "--alg", "HS256"])
            .assert()
            .success(),
    );
    let two = stdout_of(
        &run(["key", "generate", "--alg", "HS256"])
            .assert()
            .success(),
    );
    assert_ne!(one, two);
}

#[test]
fn sizes_and_formats_that_do_not_fit_are_usage_errors() {
    for args in [
        &["--alg", "RS256", "--bits", "1024"][..],
        &["--alg", "RS256", "--bits", "2047"],
        &["--alg", "RS256", "--bits", "5000"],
        &["--alg", "ES256", "--bits", "2048"],
        &["--alg", "ES256", "--format", "pkcs1"],
        &["--alg", "RS256", "--format", "sec1"],
        &["--alg", "EdDSA", "--format", "base64url"],
        &["--alg", "HS256", "--format", "pem"],
        &["--alg", "HS256", "--public-out", "x"],
        &["--alg", "ES256", "--format", "spki"],
        &["--alg", "ES256", "--kid", "k1"],
        &["--alg", "ES256", "--format", "jwk", "--der"],
        &["--alg", "none"],
    ] {
        let assert = run(["key", "generate"])
            .args(args)
            .assert()
            .code(2)
            .stdout("");
        assert!(!stderr_of(&assert).is_empty(), "{args:?}");
    }
    let assert = run(["key", "generate", "--alg", "RS256", "--bits", "1024"])
        .assert()
        .code(2);
    assert!(stderr_of(&assert).contains("under 2048 bits are refused"));
}

#[test]
fn rsa_bits_are_honoured_and_jwks_carry_kid_alg_and_use() {
    let assert = run([
        "key",
        "generate",
        "--alg",
        "PS256",
        "--bits",
        "3072",
        "--format",
        "jwk",
        "--kid-thumbprint",
        "--use",
        "sig",
    ])
    .assert()
    .success();
    let jwk: Value = serde_json::from_str(&stdout_of(&assert)).expect("a JWK");
    assert_eq!(b64url_decode(jwk["n"].as_str().expect("n")).len(), 384);
    assert_eq!(jwk["alg"], "PS256");
    assert_eq!(jwk["use"], "sig");
    for member in ["d", "p", "q", "dp", "dq", "qi"] {
        assert!(jwk[member].is_string(), "{member}");
    }
    let file = crate::util::temp_file(jwk.to_string());
    let thumbprint = stdout_of(
        &run(["key", "thumbprint", &crate::util::path_of(&file)])
            .assert()
            .success(),
    );
    assert_eq!(jwk["kid"].as_str().expect("kid"), thumbprint.trim_end());
}

/// Runs jwtx with a pseudo-terminal as its standard output: what it showed, and its
/// exit code (which a shell around it reports on the terminal).
fn on_terminal(args: &[&str]) -> (String, i32) {
    let mut cmd = Process::new("sh");
    cmd.args(["-c", "\"$@\"; echo \"[exit $?]\"", "sh"])
        .arg(assert_cmd::cargo::cargo_bin("jwtx"))
        .args(args)
        .env("NO_COLOR", "1");
    let mut session = spawn_command(cmd, Some(30_000)).expect("spawn on a pty");
    let shown = session.exp_eof().expect("jwtx exits");
    let (shown, code) = shown
        .trim_end()
        .rsplit_once("[exit ")
        .unwrap_or_else(|| panic!("no exit status in {shown:?}"));
    let code = code.trim_end_matches(']').parse().expect("an exit code");
    (shown.to_owned(), code)
}

#[test]
fn private_material_reaches_a_terminal_only_when_asked() {
    for args in [
        &["key", "generate", "--alg", "ES256"][..],
        &["key", "generate", "--alg", "HS256"],
        &[
            "key",
            "convert",
            &crate::util::key("ec-p256.pkcs8.pem"),
            "--to",
            "jwk",
        ],
        &["key", "generate", "--alg", "EdDSA", "--out", "/dev/stdout"],
    ] {
        let (shown, code) = on_terminal(args);
        assert_eq!(code, 2, "{args:?}: {shown}");
        assert!(
            !shown.contains("PRIVATE KEY") && !shown.contains("\"d\""),
            "{shown}"
        );
        assert!(shown.contains("--unsafe-print-private"), "{shown}");
    }
    let (shown, code) = on_terminal(&[
        "key",
        "generate",
        "--alg",
        "ES256",
        "--unsafe-print-private",
    ]);
    assert_eq!(code, 0);
    assert!(shown.contains("-----BEGIN PRIVATE KEY-----"), "{shown}");
    // Public keys print anywhere.
    let (shown, code) = on_terminal(&["key", "public", &crate::util::key("ec-p256.pkcs8.pem")]);
    assert_eq!(code, 0);
    assert!(shown.contains("-----BEGIN PUBLIC KEY-----"), "{shown}");
}

#[test]
fn every_key_subcommand_has_its_man_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for page in [
        "key",
        "key-generate",
        "key-public",
        "key-convert",
        "key-thumbprint",
        "key-set",
        "key-set-add",
        "key-set-remove",
        "key-set-list",
    ] {
        let committed = std::fs::read(root.join(format!("man/jwtx-{page}.1"))).expect(page);
        let assert = run(["man", page]).assert().success();
        assert_eq!(assert.get_output().stdout, committed, "{page}");
    }
    let page = std::fs::read_to_string(root.join("man/jwtx-key-generate.1")).expect("page");
    assert!(
        page.contains("unsafe\\-print\\-private"),
        "the flags are in the page"
    );
}

#[test]
fn the_public_half_of_a_jwk_holds_no_private_member() {
    let dir = tempfile::tempdir().expect("tempdir");
    for alg in ["ES256", "RS256", "EdDSA"] {
        let private = path(dir.path(), &format!("{alg}.jwk"));
        let public = path(dir.path(), &format!("{alg}.pub.jwk"));
        run([
            "key", "generate", "--alg", alg, "--format", "jwk", "--kid", "k1",
        ])
        .args(["--out", &private, "--public-out", &public])
        .assert()
        .success();
        let jwk: Value = serde_json::from_str(&std::fs::read_to_string(&public).unwrap()).unwrap();
        for member in ["d", "p", "q", "dp", "dq", "qi"] {
            assert!(
                jwk.get(member).is_none(),
                "{alg}: public JWK has {member}: {jwk}"
            );
        }
        assert_eq!(jwk["kid"], "k1");
        assert_eq!(jwk["alg"], alg);
        assert_ne!(
            mode(&public),
            0o600,
            "{alg}: the public half is not private"
        );
        let private_jwk: Value =
            serde_json::from_str(&std::fs::read_to_string(&private).unwrap()).unwrap();
        assert!(private_jwk.get("d").is_some());
    }
}

#[test]
fn json_describes_the_key_and_the_files_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let private = path(dir.path(), "k.jwk");
    let public = path(dir.path(), "k.pub.jwk");
    let assert = run(["key", "generate", "--alg", "ES384", "--format", "jwk"])
        .args([
            "--kid-thumbprint",
            "--out",
            &private,
            "--public-out",
            &public,
            "--json",
        ])
        .assert()
        .success();
    let out = stdout_of(&assert);
    assert_eq!(out.lines().count(), 1, "{out}");
    let d: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(d["alg"], "ES384");
    assert_eq!(d["kty"], "EC");
    assert_eq!(d["crv"], "P-384");
    assert_eq!(d["bits"], 384);
    assert_eq!(d["format"], "jwk");
    // The kid is the thumbprint, and both are the public key's.
    let thumbprint = run(["key", "thumbprint", &public]).assert().success();
    assert_eq!(d["thumbprint"], stdout_of(&thumbprint).trim());
    assert_eq!(d["kid"], d["thumbprint"]);
    assert_eq!(d["files"][0]["path"], private.as_str());
    assert_eq!(d["files"][0]["contents"], "private");
    assert_eq!(d["files"][1]["path"], public.as_str());
    assert_eq!(d["files"][1]["contents"], "public");
    assert!(d.get("key").is_none());
    let jwk = std::fs::read_to_string(&private).unwrap();
    let secret: Value = serde_json::from_str(&jwk).unwrap();
    assert!(
        !out.contains(secret["d"].as_str().unwrap()),
        "private material in {out}"
    );

    // RSA: bits; no --out: the key is the JSON's "key" (standard output is a pipe).
    let assert = run([
        "key", "generate", "--alg", "PS256", "--bits", "3072", "--json",
    ])
    .assert()
    .success();
    let d: Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(
        (d["kty"].as_str(), d["bits"].as_u64()),
        (Some("RSA"), Some(3072))
    );
    assert!(d["crv"].is_null());
    assert_eq!(d["files"], Value::Array(vec![]));
    let pem = d["key"].as_str().unwrap();
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
    let key_file = crate::util::temp_file(pem);
    let thumbprint = run(["key", "thumbprint", &crate::util::path_of(&key_file)])
        .assert()
        .success();
    assert_eq!(d["thumbprint"], stdout_of(&thumbprint).trim());

    // An HMAC secret: no thumbprint (it would be a hash of the secret).
    let secret_file = path(dir.path(), "s.jwk");
    let assert = run([
        "key",
        "generate",
        "--alg",
        "HS512",
        "--out",
        &secret_file,
        "--json",
    ])
    .assert()
    .success();
    let d: Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(
        (d["kty"].as_str(), d["bits"].as_u64()),
        (Some("oct"), Some(512))
    );
    assert!(d["thumbprint"].is_null());
    let k: Value = serde_json::from_str(&std::fs::read_to_string(&secret_file).unwrap()).unwrap();
    assert!(!stdout_of(&assert).contains(k["k"].as_str().unwrap()));

    // DER cannot be a JSON string.
    let assert = run(["key", "generate", "--alg", "ES256", "--der", "--json"])
        .assert()
        .code(2);
    assert!(stderr_of(&assert).contains("--out FILE"));
}
