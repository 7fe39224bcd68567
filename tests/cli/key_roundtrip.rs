//! Round trips: a key `jwtx key generate` makes signs with `jwtx sign`, and its public
//! half, written by `jwtx key public` in every format, verifies with `jwtx verify`;
//! `jwtx key convert` between formats keeps the key.

use std::path::Path;

use crate::util::{NOW, run, sign};

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
