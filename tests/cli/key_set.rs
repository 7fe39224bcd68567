//! `jwtx key set add|remove|list`: building a JWKS that `jwtx verify` uses, refusing
//! what would break or leak it, and listing it as text and JSON Lines.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use serde_json::Value;

use crate::util::{NOW, json_lines, key, run, sign, stderr_of, stdout_of};

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

fn keys_of(jwks: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(jwks).expect("jwks");
    let value: Value = serde_json::from_str(&text).expect("JSON");
    value["keys"].as_array().expect("keys").clone()
}

fn generate(dir: &Path, alg: &str) -> String {
    let private = path(dir, &format!("{alg}.pem"));
    run(["key", "generate", "--alg", alg, "--out", &private])
        .assert()
        .success();
    private
}

#[test]
fn a_built_set_verifies_tokens_by_kid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let jwks = path(dir.path(), "jwks.json");
    let es = generate(dir.path(), "ES256");
    let ed = generate(dir.path(), "EdDSA");
    let es_public = path(dir.path(), "es.pub.pem");
    run(["key", "public", &es, "--out", &es_public])
        .assert()
        .success();
    let added = run([
        "key", "set", "add", &jwks, &es_public, "--kid", "es-1", "--alg", "ES256",
    ])
    .assert()
    .success();
    assert_eq!(stdout_of(&added), "es-1\n");
    // From standard input, with the thumbprint as kid.
    let ed_public = stdout_of(
        &run(["key", "public", &ed, "--format", "jwk"])
            .assert()
            .success(),
    );
    let added = run([
        "key",
        "set",
        "add",
        &jwks,
        "-",
        "--kid-thumbprint",
        "--use",
        "sig",
    ])
    .write_stdin(ed_public)
    .assert()
    .success();
    let ed_kid = stdout_of(&added).trim_end().to_owned();
    let thumbprint = stdout_of(&run(["key", "thumbprint", &ed]).assert().success());
    assert_eq!(ed_kid, thumbprint.trim_end());
    let keys = keys_of(&jwks);
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0]["kid"], "es-1");
    assert_eq!(keys[0]["alg"], "ES256");
    assert_eq!(keys[1]["use"], "sig");
    assert!(
        keys.iter().all(|k| k.get("d").is_none()),
        "public keys only"
    );
    assert_eq!(
        std::fs::metadata(&jwks).expect("jwks").permissions().mode() & 0o777,
        0o644
    );

    let token = sign(&["--key", &ed, "--kid", &ed_kid, "--sub", "set"]);
    run(["verify", "--now", NOW, "--key", &jwks, &token])
        .assert()
        .success();
    let token = sign(&["--key", &es, "--kid", "es-1", "--sub", "set"]);
    run(["verify", "--now", NOW, "--key", &jwks, &token])
        .assert()
        .success();

    run(["key", "set", "remove", &jwks, "es-1"])
        .assert()
        .success()
        .stdout("");
    assert_eq!(keys_of(&jwks).len(), 1);
    run(["verify", "--now", NOW, "--key", &jwks, &token])
        .assert()
        .code(6);
    let assert = run(["key", "set", "remove", &jwks, "es-1"])
        .assert()
        .code(6);
    assert!(stderr_of(&assert).contains("no key with kid \"es-1\""));
}

#[test]
fn duplicates_mixtures_and_keys_without_kid_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let jwks = path(dir.path(), "jwks.json");
    let public = key("ec-p256.pub.pem");
    run(["key", "set", "add", &jwks, &public, "--kid", "a"])
        .assert()
        .success();
    let before = std::fs::read(&jwks).expect("jwks");
    for (args, code, says) in [
        (
            vec![key("ec-p384.pub.pem"), "--kid".into(), "a".into()],
            6,
            "already has a key with kid \"a\"",
        ),
        (
            vec![public.clone(), "--kid".into(), "b".into()],
            6,
            "already holds this key, with kid \"a\"",
        ),
        (vec![key("ec-p384.pub.pem")], 2, "has no kid"),
        (
            vec![
                key("rfc7515-a1.oct.jwk"),
                "--kid".into(),
                "h".into(),
                "--allow-private".into(),
            ],
            6,
            "must not mix",
        ),
        (
            vec![
                key("ec-p384.pub.pem"),
                "--kid".into(),
                "c".into(),
                "--alg".into(),
                "RS256".into(),
            ],
            6,
            "RS256 cannot be used",
        ),
    ] {
        let assert = run(["key", "set", "add", &jwks])
            .args(&args)
            .assert()
            .code(code);
        let stderr = stderr_of(&assert);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert_eq!(
            std::fs::read(&jwks).expect("jwks"),
            before,
            "unchanged after {args:?}"
        );
    }
}

#[test]
fn private_keys_go_in_only_when_asked_and_then_owner_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let jwks = path(dir.path(), "jwks.json");
    let private = key("ec-p256.pkcs8.pem");
    let assert = run(["key", "set", "add", &jwks, &private, "--kid", "p"])
        .assert()
        .code(6)
        .stdout("");
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("public keys only"), "{stderr}");
    assert!(stderr.contains("--allow-private"), "{stderr}");
    assert!(!Path::new(&jwks).exists(), "no set was written");
    let secret = path(dir.path(), "secret.jwk");
    run(["key", "generate", "--alg", "HS256", "--out", &secret])
        .assert()
        .success();
    run(["key", "set", "add", &jwks, &secret, "--kid", "s"])
        .assert()
        .code(6);
    run([
        "key",
        "set",
        "add",
        &jwks,
        &private,
        "--kid",
        "p",
        "--allow-private",
    ])
    .assert()
    .success();
    assert!(keys_of(&jwks)[0]["d"].is_string());
    assert_eq!(
        std::fs::metadata(&jwks).expect("jwks").permissions().mode() & 0o777,
        0o600
    );
    let list = run(["key", "set", "list", &jwks]).assert().success();
    assert!(stdout_of(&list).contains("private key material"));
}

#[test]
fn list_shows_every_key_as_text_and_json() {
    let jwks = crate::util::temp_file(
        r#"{"keys":[
          {"kty":"EC","crv":"P-256","kid":"one","alg":"ES256","use":"sig",
           "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"},
          {"kty":"OKP","crv":"X25519","kid":"enc","use":"enc","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}
        ]}"#,
    );
    let jwks = crate::util::path_of(&jwks);
    let assert = run(["key", "set", "list", &jwks]).assert().success();
    let text = stdout_of(&assert);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("KID  "), "{text}");
    let thumbprint = stdout_of(
        &run(["key", "thumbprint", &key("rfc7515-a3.ec.pub.jwk")])
            .assert()
            .success(),
    );
    let one: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(
        one,
        ["one", "EC", "P-256", "ES256", "sig", thumbprint.trim_end()]
    );
    assert!(
        lines[2].starts_with("enc ") && lines[2].contains("X25519"),
        "{text}"
    );

    let assert = run(["key", "set", "list", "--json", &jwks])
        .assert()
        .success();
    let records = json_lines(&assert.get_output().stdout);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["kid"], "one");
    assert_eq!(records[0]["type"], "EC P-256");
    assert_eq!(records[0]["thumbprint"], thumbprint.trim_end());
    assert_eq!(records[0]["private"], false);
    assert!(records[0].get("error").is_none());
    assert_eq!(records[1]["kty"], "OKP");
    assert_eq!(records[1]["error"]["code"], 6);
}

#[test]
fn a_file_that_is_not_a_set_is_a_key_error() {
    let not_a_set = crate::util::temp_file(r#"{"kty":"EC"}"#);
    for command in [&["list"][..], &["remove"]] {
        let mut args = vec!["key", "set"];
        args.extend(command);
        args.push(crate::util::path_of(&not_a_set).leak());
        if command == ["remove"] {
            args.push("k");
        }
        run(&args).assert().code(6);
    }
    run(["key", "set", "list", "/nonexistent/jwks.json"])
        .assert()
        .code(6);
}
