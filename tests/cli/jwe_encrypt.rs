//! `jwtx encrypt`: for every pair node `jose` makes (the recipients and plaintexts of
//! tests/fixtures/jwe/jose/tokens.json), jwtx encrypts and jwtx decrypts it back; the
//! claim options are sign's; a signed token nests with `cty: JWT` and still verifies;
//! and what jwtx will not make (RSA1_5, an unsigned nested token, an algorithm the key
//! cannot serve) is refused with one line. One test hands the tokens to node `jose`
//! (after `npm ci --prefix tests/fixtures/jwe/jose`, which .ci/run does; without it
//! the test says it skipped, and under CI it fails).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::util::*;

/// The key options for a recipient described as tokens.json does.
fn key_args(key: &Value) -> Vec<String> {
    if let Some(file) = key["file"].as_str() {
        vec!["--key".into(), crate::util::key(file)]
    } else if let Some(hex) = key["secretHex"].as_str() {
        vec![
            "--secret".into(),
            hex.into(),
            "--secret-encoding".into(),
            "hex".into(),
        ]
    } else {
        vec![
            "--secret".into(),
            key["secretText"].as_str().unwrap().into(),
        ]
    }
}

struct Made {
    case: Value,
    token: String,
}

/// jwtx encrypts every case's plaintext to its recipient with its alg, enc and zip.
fn encrypt_every_case() -> Vec<Made> {
    let path = fixture("jwe/jose/tokens.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut made = Vec::new();
    for case in file["cases"].as_array().unwrap() {
        let plaintext = temp_file(case["plaintext"].as_str().unwrap());
        let mut args = vec![
            "encrypt".to_owned(),
            "--alg".into(),
            case["alg"].as_str().unwrap().into(),
            "--enc".into(),
            case["enc"].as_str().unwrap().into(),
            "--payload-file".into(),
            path_of(&plaintext),
        ];
        if case["alg"].as_str().unwrap().starts_with("PBES2") {
            args.extend(["--p2c".into(), "1000".into()]);
        }
        if case["zip"] == true {
            args.push("--zip".into());
        }
        args.extend(key_args(&case["key"]));
        let assert = run(&args).assert();
        assert_eq!(
            documented_code(&assert),
            0,
            "{case}: {}",
            stderr_of(&assert)
        );
        let token = stdout_of(&assert).trim_end().to_owned();
        assert_eq!(token.split('.').count(), 5);
        made.push(Made {
            case: case.clone(),
            token,
        });
    }
    made
}

#[test]
fn jwtx_decrypts_what_it_encrypts_for_every_pair() {
    let made = encrypt_every_case();
    let mut by_key: BTreeMap<String, Vec<&Made>> = BTreeMap::new();
    for m in &made {
        by_key.entry(m.case["key"].to_string()).or_default().push(m);
    }
    let mut pairs = std::collections::BTreeSet::new();
    for group in by_key.values() {
        let mut args = vec!["decrypt".to_owned(), "--json".into()];
        args.extend(key_args(&group[0].case["key"]));
        let stdin: String = group.iter().map(|m| format!("{}\n", m.token)).collect();
        let assert = run(&args).write_stdin(stdin).assert();
        assert_eq!(documented_code(&assert), 0, "{}", stderr_of(&assert));
        let records = json_lines(&assert.get_output().stdout);
        assert_eq!(records.len(), group.len());
        for (record, m) in records.iter().zip(group) {
            assert_eq!(record["plaintext"], m.case["plaintext"]);
            assert_eq!(record["alg"], m.case["alg"]);
            assert_eq!(record["enc"], m.case["enc"]);
            assert_eq!(record["zip"], m.case["zip"]);
            pairs.insert((
                m.case["alg"].as_str().unwrap().to_owned(),
                m.case["enc"].as_str().unwrap().to_owned(),
            ));
        }
    }
    assert_eq!(pairs.len(), 18 * 6);
}

/// node `jose` decrypts every token jwtx made. Needs node and
/// `npm ci --prefix tests/fixtures/jwe/jose`.
#[test]
fn jose_decrypts_what_jwtx_encrypts() {
    let modules = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jwe/jose/node_modules");
    if !modules.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "run npm ci --prefix tests/fixtures/jwe/jose (.ci/run does)"
        );
        eprintln!("skipping: npm ci --prefix tests/fixtures/jwe/jose to run it");
        return;
    }
    let made = encrypt_every_case();
    let cases: Vec<Value> = made
        .iter()
        .map(|m| {
            let mut case = m.case.clone();
            case["token"] = Value::String(m.token.clone());
            case
        })
        .collect();
    let input = temp_file(serde_json::to_string(&serde_json::json!({ "cases": cases })).unwrap());
    let script = fixture("jwe/jose/decrypt-jwtx.mjs");
    let output = std::process::Command::new("node")
        .arg(&script)
        .arg(path_of(&input))
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        stdout.trim(),
        format!("jose decrypted {} of {}", made.len(), made.len())
    );
}

#[test]
fn claims_options_are_signs() {
    let assert = run([
        "encrypt",
        "--key",
        &key("rsa2048.pub.pem"),
        "--now",
        "2026-01-01T00:00:00Z",
        "--sub",
        "alice",
        "--aud",
        "api",
        "--exp",
        "1h",
        "-c",
        "role=admin",
        r#"{"scope":"read"}"#,
    ])
    .assert()
    .success();
    let token = stdout_of(&assert).trim_end().to_owned();
    assert_eq!(
        header_of(&token),
        serde_json::json!({"alg": "RSA-OAEP-256", "enc": "A256GCM"})
    );
    let assert = run(["decrypt", "--key", &key("rsa2048.pkcs8.pem"), &token])
        .assert()
        .success();
    let claims: Value = serde_json::from_str(stdout_of(&assert).trim()).unwrap();
    assert_eq!(
        claims,
        serde_json::json!({"scope": "read", "sub": "alice", "aud": "api", "role": "admin",
            "exp": 1767229200, "iat": 1767225600})
    );
}

#[test]
fn an_ec_recipient_defaults_to_ecdh_es_and_the_jwk_kid() {
    let assert = run([
        "encrypt",
        "--key",
        &key("rfc7515-a3.ec.pub.jwk"),
        "--kid",
        "enc-1",
        "--typ",
        "JWT",
        "--no-iat",
        "{}",
    ])
    .assert()
    .success();
    let header = header_of(stdout_of(&assert).trim_end());
    assert_eq!(header["alg"], "ECDH-ES");
    assert_eq!(header["kid"], "enc-1");
    assert_eq!(header["typ"], "JWT");
    assert_eq!(header["epk"]["crv"], "P-256");
}

#[test]
fn a_signed_token_nests_and_still_verifies() {
    let jws = sign(&["--secret-file", "samples/secret.txt", "--sub", "bob"]);
    let assert = run(["encrypt", "--key", &key("x25519.pub.pem"), "--jws", "-"])
        .write_stdin(format!("{jws}\n"))
        .assert()
        .success();
    let token = stdout_of(&assert).trim_end().to_owned();
    assert_eq!(header_of(&token)["cty"], "JWT");
    let assert = run(["decrypt", "--key", &key("x25519.pem"), &token])
        .assert()
        .success();
    let inner = stdout_of(&assert).trim_end().to_owned();
    assert_eq!(inner, jws);
    run(["verify", "--secret-file", "samples/secret.txt", &inner])
        .assert()
        .success();
}

#[test]
fn refusals() {
    let rsa = key("rsa2048.pub.pem");
    let unsigned = sign(&["--unsecured", "--sub", "x"]);
    for (args, code, message) in [
        (
            vec!["--key", &rsa, "--jws", &unsigned],
            5,
            "jwtx: --jws: the token is unsigned (alg none); jwtx nests only signed tokens\n",
        ),
        (
            vec!["--key", &rsa, "--alg", "RSA1_5", "{}"],
            2,
            "jwtx: jwtx does not encrypt with RSA1_5 (RSAES-PKCS1-v1_5, open to padding-oracle attacks); use RSA-OAEP-256\n",
        ),
        (
            vec!["--key", &rsa, "--alg", "A128KW", "{}"],
            2,
            "jwtx: A128KW/A256GCM cannot be used with a RSA 2048-bit key\n",
        ),
        (
            vec!["--secret", "0123456789abcdef0123456789abcdef", "{}"],
            2,
            "jwtx: a 256-bit secret serves several algorithms: choose one with --alg (dir, A256KW, A256GCMKW, or a PBES2 algorithm for a password)\n",
        ),
        (
            vec!["--key", &rsa, "--header", "zip=DEF", "{}"],
            2,
            "jwtx: --header zip=DEF: jwtx writes the header's \"zip\" itself (--alg, --enc, --zip)\n",
        ),
        (
            vec!["--key", &rsa, "--payload-file", "Cargo.toml", "--sub", "x"],
            2,
            "jwtx: --payload-file encrypts bytes as they are; claim options cannot apply\n",
        ),
    ] {
        let mut full = vec!["encrypt"];
        full.extend(args);
        let assert = run(&full).assert().code(code);
        assert_eq!(stdout_of(&assert), "");
        assert_eq!(stderr_of(&assert), message);
    }
}
