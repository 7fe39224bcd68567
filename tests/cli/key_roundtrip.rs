//! Round trips: a key `jwtx key generate` makes signs with `jwtx sign`, and its public
//! half, written by `jwtx key public` in every format, verifies with `jwtx verify`;
//! `jwtx key convert` between formats keeps the key.

use std::path::Path;

use crate::util::{NOW, key, run, sign};

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

/// The formats `generate` writes a private key of `alg` in, with --der where it applies.
fn private_formats(alg: &str) -> Vec<(&'static str, bool)> {
    let mut formats = vec![
        ("pem", false),
        ("der", false),
        ("jwk", false),
        ("pkcs8", true),
    ];
    match alg {
        a if a.starts_with("RS") || a.starts_with("PS") => {
            formats.extend([("pkcs1", false), ("pkcs1", true)]);
        }
        a if a.starts_with("ES") => formats.extend([("sec1", false), ("sec1", true)]),
        _ => {}
    }
    formats
}

/// The formats `public` writes an `alg` key's public half in.
fn public_formats(alg: &str) -> Vec<(&'static str, bool)> {
    let mut formats = vec![
        ("pem", false),
        ("der", false),
        ("jwk", false),
        ("spki", true),
    ];
    if alg.starts_with("RS") || alg.starts_with("PS") {
        formats.extend([("pkcs1", false), ("pkcs1", true)]);
    }
    formats
}

fn verify(key: &str, alg: &str, token: &str) {
    run(["verify", "--now", NOW, "--alg", alg, "--key", key, token])
        .assert()
        .success();
}

#[test]
fn generated_keys_sign_and_their_public_halves_verify_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut verified = 0;
    for alg in ["ES256", "ES384", "ES512", "EdDSA", "RS256", "PS384"] {
        for (format, der) in private_formats(alg) {
            let private = path(dir.path(), &format!("{alg}.{format}.{der}"));
            let mut generate = run(["key", "generate", "--alg", alg, "--format", format]);
            generate.args(["--out", &private]);
            if der {
                generate.arg("--der");
            }
            generate.assert().success();
            let token = sign(&["--key", &private, "--alg", alg, "--sub", "round-trip"]);
            for (public_format, public_der) in public_formats(alg) {
                let public = path(
                    dir.path(),
                    &format!("{alg}.{format}.{der}.pub.{public_format}.{public_der}"),
                );
                let mut cmd = run(["key", "public", &private, "--format", public_format]);
                cmd.args(["--out", &public]);
                if public_der {
                    cmd.arg("--der");
                }
                cmd.assert().success();
                verify(&public, alg, &token);
                verified += 1;
            }
        }
    }
    assert_eq!(
        verified,
        3 * 6 * 4 + 4 * 4 + 2 * 6 * 6,
        "every pair was checked"
    );
}

#[test]
fn generated_secrets_sign_and_verify_as_a_jwk_and_as_base64url() {
    let dir = tempfile::tempdir().expect("tempdir");
    for alg in ["HS256", "HS384", "HS512"] {
        let jwk = path(dir.path(), &format!("{alg}.jwk"));
        run(["key", "generate", "--alg", alg, "--out", &jwk])
            .assert()
            .success();
        let token = sign(&["--key", &jwk, "--sub", "secret"]);
        assert_eq!(
            crate::util::header_of(&token)["alg"],
            alg,
            "the JWK's alg is used"
        );
        verify(&jwk, alg, &token);
        let text = path(dir.path(), &format!("{alg}.b64"));
        run(["key", "convert", &jwk, "--to", "base64url", "--out", &text])
            .assert()
            .success();
        run([
            "verify",
            "--now",
            NOW,
            "--secret-file",
            &text,
            "--secret-encoding",
            "base64url",
            &token,
        ])
        .assert()
        .success();
    }
}

#[test]
fn convert_keeps_the_key_through_every_private_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    for alg in ["ES384", "RS256", "EdDSA"] {
        let start = path(dir.path(), &format!("{alg}.start.pem"));
        run(["key", "generate", "--alg", alg, "--out", &start])
            .assert()
            .success();
        let thumbprint = |key: &str| {
            let assert = run(["key", "thumbprint", key]).assert().success();
            crate::util::stdout_of(&assert)
        };
        let want = thumbprint(&start);
        let mut previous = start.clone();
        for (i, (format, der)) in private_formats(alg).into_iter().enumerate() {
            let next = path(dir.path(), &format!("{alg}.{i}"));
            let mut cmd = run(["key", "convert", &previous, "--to", format, "--out", &next]);
            if der {
                cmd.arg("--der");
            }
            cmd.assert().success();
            assert_eq!(thumbprint(&next), want, "{alg} via {format} der={der}");
            // Still private: it signs.
            sign(&["--key", &next, "--sub", "chain"]);
            previous = next;
        }
    }
}

#[test]
fn convert_reads_whatever_the_loader_reads() {
    // A certificate's public key, a JWK's kid and alg kept, a JWKS of one key.
    let assert = run(["key", "convert", &key("rsa2048.cert.pem"), "--to", "spki"])
        .assert()
        .success();
    let spki = std::fs::read(key("rsa2048.pub.pem")).expect("fixture");
    assert_eq!(assert.get_output().stdout, spki);
    let assert = run(["key", "convert", &key("rfc7515-a3.ec.jwk"), "--to", "jwk"])
        .assert()
        .success();
    let jwk: serde_json::Value =
        serde_json::from_str(&crate::util::stdout_of(&assert)).expect("JWK");
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(key("rfc7515-a3.ec.jwk")).expect("fixture"))
            .expect("JWK");
    for member in ["kty", "crv", "x", "y", "d"] {
        assert_eq!(jwk[member], original[member], "{member}");
    }
    let one = std::fs::read_to_string(key("rfc7515-a3.ec.pub.jwk")).expect("fixture");
    let set = crate::util::temp_file(format!("{{\"keys\":[{one}]}}"));
    let from_set = run([
        "key",
        "public",
        &crate::util::path_of(&set),
        "--format",
        "jwk",
    ])
    .assert()
    .success();
    let from_jwk = run([
        "key",
        "public",
        &key("rfc7515-a3.ec.pub.jwk"),
        "--format",
        "jwk",
    ])
    .assert()
    .success();
    assert_eq!(from_set.get_output().stdout, from_jwk.get_output().stdout);
    // What it cannot read or write, with the documented codes.
    for (args, code, says) in [
        (
            vec!["convert", &key("rsa2048.encrypted.pem"), "--to", "jwk"],
            6,
            "openssl pkey",
        ),
        (
            vec!["convert", &key("jwks.json"), "--to", "jwk"],
            6,
            "keys; this command takes one key",
        ),
        (
            vec!["convert", &key("rsa2048.pub.pem"), "--to", "pkcs8"],
            6,
            "public key",
        ),
        (
            vec!["convert", &key("ec-p256.pkcs8.pem"), "--to", "pkcs1"],
            6,
            "PKCS#1 cannot hold",
        ),
        (
            vec!["convert", &key("rsa2048.pkcs8.pem"), "--to", "sec1"],
            6,
            "SEC 1 cannot hold",
        ),
        (
            vec!["public", &key("rfc7515-a1.oct.jwk")],
            6,
            "no public half",
        ),
        (
            vec!["public", &key("ec-p256.pkcs8.pem"), "--format", "sec1"],
            2,
            "public key is written as",
        ),
        (
            vec!["public", &key("ec-p256.pkcs8.pem"), "--kid", "k"],
            2,
            "apply to JWK output",
        ),
        (vec!["public", "/nonexistent/key.pem"], 6, "cannot read key"),
        (
            vec!["thumbprint", &key("jwks.json")],
            6,
            "this command takes one key",
        ),
    ] {
        let assert = run(["key"]).args(&args).assert().code(code).stdout("");
        let stderr = crate::util::stderr_of(&assert);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}
