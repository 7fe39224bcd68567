//! `jwtx key` against the outside world. The keys under tests/fixtures/keytool were
//! made by openssl, and expected.json holds their JWKs as node's crypto exports them and
//! their thumbprints as the `jose` package computes them (tests/fixtures/keytool/
//! generate.sh made both; no node is needed here). jwtx's JWKs must equal node's
//! member for member (so node, which reads its own exports, reads jwtx's), its
//! thumbprints must equal jose's, and openssl must read every PEM and DER jwtx writes
//! back to the very same key.

use std::path::Path;
use std::process::Command as Process;

use serde_json::Value;

use crate::util::{fixture, run, stdout_of};

fn keytool(name: &str) -> String {
    fixture(&format!("keytool/{name}"))
}

fn expected() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(keytool("expected.json")).expect("expected.json");
    let value: Value = serde_json::from_str(&text).expect("expected.json is JSON");
    value["keys"].as_object().expect("keys").clone()
}

fn json_stdout(args: &[&str]) -> Value {
    let assert = run(args).assert().success();
    serde_json::from_str(&stdout_of(&assert)).expect("a JWK on stdout")
}

#[test]
fn every_fixture_is_listed_in_expected_json() {
    let expected = expected();
    assert!(expected.len() >= 26, "{}", expected.len());
    for name in expected.keys() {
        assert!(Path::new(&keytool(name)).exists(), "{name}");
    }
}

#[test]
fn jwks_equal_nodes_export() {
    for (name, want) in expected() {
        let path = keytool(&name);
        let converted = json_stdout(&["key", "convert", &path, "--to", "jwk"]);
        let whole = if want["private_jwk"].is_null() {
            &want["public_jwk"]
        } else {
            &want["private_jwk"]
        };
        assert_eq!(&converted, whole, "key convert {name} --to jwk");
        if !want["public_jwk"].is_null() {
            let public = json_stdout(&["key", "public", &path, "--format", "jwk"]);
            assert_eq!(public, want["public_jwk"], "key public {name} --format jwk");
        }
    }
}

#[test]
fn thumbprints_equal_joses() {
    for (name, want) in expected() {
        let path = keytool(&name);
        for hash in ["sha256", "sha384", "sha512"] {
            let assert = run(["key", "thumbprint", "--hash", hash, &path])
                .assert()
                .success();
            let expected = want["thumbprints"][hash].as_str().expect("thumbprint");
            assert_eq!(stdout_of(&assert), format!("{expected}\n"), "{name} {hash}");
        }
        let assert = run(["key", "thumbprint", "--uri", &path])
            .assert()
            .success();
        let sha256 = want["thumbprints"]["sha256"].as_str().expect("thumbprint");
        assert_eq!(
            stdout_of(&assert),
            format!("urn:ietf:params:oauth:jwk-thumbprint:sha-256:{sha256}\n")
        );
    }
}

#[test]
fn public_pem_and_der_equal_openssls_bytes() {
    let read = |name: &str| std::fs::read(keytool(name)).expect("fixture");
    for base in ["rsa2048", "ec-p256", "ec-p384", "ec-p521", "ed25519"] {
        let private = keytool(&format!("{base}.pkcs8.pem"));
        let pem = run(["key", "public", &private]).assert().success();
        assert_eq!(
            pem.get_output().stdout,
            read(&format!("{base}.spki.pem")),
            "{base}"
        );
        if base != "ed25519" {
            let der = run(["key", "public", &private, "--der"]).assert().success();
            assert_eq!(der.get_output().stdout, read(&format!("{base}.spki.der")));
        }
    }
    let pkcs1 = run([
        "key",
        "public",
        &keytool("rsa2048.pkcs1.der"),
        "--format",
        "pkcs1",
    ])
    .assert()
    .success();
    assert_eq!(pkcs1.get_output().stdout, read("rsa2048.pkcs1.pub.pem"));
    // PKCS#8 and PKCS#1 have one DER encoding for an RSA key: openssl's, byte for byte.
    for (from, to, args) in [
        (
            "rsa2048.pkcs1.pem",
            "rsa2048.pkcs8.pem",
            ["--to", "pkcs8", ""],
        ),
        (
            "rsa2048.pkcs8.pem",
            "rsa2048.pkcs1.pem",
            ["--to", "pkcs1", ""],
        ),
        (
            "rsa2048.pkcs8.pem",
            "rsa2048.pkcs8.der",
            ["--to", "pkcs8", "--der"],
        ),
        (
            "rsa2048.pkcs8.der",
            "rsa2048.pkcs1.der",
            ["--to", "pkcs1", "--der"],
        ),
    ] {
        let args: Vec<&str> = args.into_iter().filter(|a| !a.is_empty()).collect();
        let out = run(["key", "convert", &keytool(from)])
            .args(&args)
            .assert()
            .success();
        assert_eq!(out.get_output().stdout, read(to), "{from} {args:?}");
    }
}

/// openssl, which the suite needs (CONTRIBUTING.md; .ci/run installs it): without it
/// these checks fail rather than pass unchecked.
fn openssl() -> Process {
    let found = Process::new("openssl").arg("version").output().is_ok();
    assert!(
        found,
        "openssl is needed for the key tool cross-checks (apt-get install openssl)"
    );
    Process::new("openssl")
}

/// The SPKI PEM openssl derives from the key file at `path`.
fn openssl_public_pem(path: &Path, der: bool, public: bool, pkcs1_public: bool) -> Vec<u8> {
    let mut cmd = openssl();
    if pkcs1_public {
        cmd.args(["rsa", "-RSAPublicKey_in"]);
    } else {
        cmd.arg("pkey");
        if public {
            cmd.arg("-pubin");
        }
    }
    cmd.args(["-inform", if der { "DER" } else { "PEM" }, "-pubout", "-in"])
        .arg(path);
    let out = cmd.output().expect("openssl runs");
    assert!(
        out.status.success(),
        "openssl cannot read {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn openssl_reads_every_pem_and_der_jwtx_writes() {
    openssl();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut checked = 0;
    for base in ["rsa2048", "ec-p256", "ec-p384", "ec-p521", "ed25519"] {
        let source = keytool(&format!("{base}.pkcs8.pem"));
        let spki = std::fs::read(keytool(&format!("{base}.spki.pem"))).expect("spki");
        let mut forms = vec![
            ("pem", false),
            ("der", false),
            ("pkcs8", false),
            ("spki", true),
        ];
        match base {
            "rsa2048" => forms.extend([("pkcs1", false), ("pkcs1-public", true)]),
            "ed25519" => {}
            _ => forms.push(("sec1", false)),
        }
        for (form, public) in forms {
            for der in [false, true] {
                let out = dir.path().join(format!("{base}.{form}.{der}"));
                let (command, to) = match form {
                    "pkcs1-public" => ("public", "pkcs1"),
                    _ => ("convert", form),
                };
                let mut cmd = run(["key", command, &source, "--to", to, "--out"]);
                cmd.arg(&out);
                if der && form != "der" {
                    cmd.arg("--der");
                }
                cmd.assert().success();
                let is_der = der || form == "der";
                let derived = openssl_public_pem(&out, is_der, public, form == "pkcs1-public");
                assert_eq!(derived, spki, "{base} {form} der={is_der}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 50);
}

#[test]
fn thumbprint_json_names_the_hash_and_the_uri() {
    let want = &expected()["ec-p384.spki.pem"]["thumbprints"]["sha384"];
    let want = want.as_str().expect("thumbprint");
    let assert = run([
        "key",
        "thumbprint",
        "--json",
        "--hash",
        "sha384",
        &keytool("ec-p384.spki.pem"),
    ])
    .assert()
    .success();
    let record = crate::util::one_json_line(&assert.get_output().stdout);
    assert_eq!(record["thumbprint"], want);
    assert_eq!(record["hash"], "sha-384");
    assert_eq!(
        record["uri"],
        format!("urn:ietf:params:oauth:jwk-thumbprint:sha-384:{want}")
    );
    assert_eq!(record["kty"], "EC");
    assert!(record["kid"].is_null());
    // A bad key in JSON mode: the error is a JSON object on stderr.
    let assert = run(["key", "thumbprint", "--json", "/nonexistent.pem"])
        .assert()
        .code(6)
        .stdout("");
    let error: Value = serde_json::from_slice(&assert.get_output().stderr).expect("JSON");
    assert_eq!(error["error"]["kind"], "key");
}
