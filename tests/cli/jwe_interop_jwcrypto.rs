//! Interoperability with a second implementation, Python `jwcrypto` (pinned in
//! tests/fixtures/jwe/jwcrypto/requirements.txt): jwtx decrypts the committed JWEs
//! jwcrypto made (tokens.json, from generate.py beside it) for every key-management and
//! content-encryption pair jwcrypto makes, RSA1_5 included; and jwcrypto decrypts what
//! jwtx encrypts for every pair both make. The second test runs the Python named by
//! `JWTX_JWCRYPTO_PYTHON` (.ci/run sets it to its virtual environment's), else `python3`
//! when it can import jwcrypto; without one it says it skipped, and under CI it fails.
//! jwcrypto has no RSA-OAEP-384 or RSA-OAEP-512 (node jose covers them,
//! tests/cli/jwe_interop.rs), and jwtx never encrypts RSA1_5.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::util::*;

fn cases() -> Vec<Value> {
    let path = fixture("jwe/jwcrypto/tokens.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    file["cases"].as_array().unwrap().clone()
}

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

#[test]
fn jwtx_decrypts_every_jwcrypto_token() {
    let cases = cases();
    let mut by_key: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for case in &cases {
        by_key
            .entry(case["key"].to_string())
            .or_default()
            .push(case);
    }
    let mut pairs = BTreeSet::new();
    let mut compressed = BTreeSet::new();
    for group in by_key.values() {
        let mut args = vec!["decrypt".to_owned()];
        args.extend(key_args(&group[0]["key"]));
        if group.iter().any(|c| c["alg"] == "RSA1_5") {
            args.push("--allow-rsa1-5".into());
        }
        let stdin: String = group
            .iter()
            .map(|c| format!("{}\n", c["token"].as_str().unwrap()))
            .collect();
        let assert = run(&args).write_stdin(stdin).assert();
        assert_eq!(
            documented_code(&assert),
            0,
            "{}: {}",
            group[0]["key"],
            stderr_of(&assert)
        );
        let expected: String = group
            .iter()
            .map(|c| format!("{}\n", c["plaintext"].as_str().unwrap()))
            .collect();
        assert_eq!(stdout_of(&assert), expected, "{}", group[0]["key"]);
        for c in group {
            pairs.insert((c["alg"].as_str().unwrap(), c["enc"].as_str().unwrap()));
            if c["zip"] == true {
                compressed.insert(c["alg"].as_str().unwrap());
            }
        }
    }
    // RSA1_5, RSA-OAEP, RSA-OAEP-256, 4 ECDH-ES, 6 AES key wraps, 3 PBES2 and dir, each
    // with the six content encryptions, and zip: DEF with each.
    assert_eq!(pairs.len(), 17 * 6);
    assert_eq!(compressed.len(), 17);
}

#[test]
fn rsa1_5_from_jwcrypto_needs_the_flag() {
    let case = cases().into_iter().find(|c| c["alg"] == "RSA1_5").unwrap();
    let mut args = vec!["decrypt".to_owned()];
    args.extend(key_args(&case["key"]));
    args.push(case["token"].as_str().unwrap().to_owned());
    let assert = run(&args).assert();
    assert_eq!(documented_code(&assert), 1);
    assert!(stderr_of(&assert).contains("--allow-rsa1-5"));
}

/// The Python that can import jwcrypto, if there is one.
fn python_with_jwcrypto() -> Option<String> {
    let candidates = std::env::var("JWTX_JWCRYPTO_PYTHON")
        .ok()
        .into_iter()
        .chain(std::iter::once("python3".to_owned()));
    for python in candidates {
        let ok = std::process::Command::new(&python)
            .args(["-c", "import jwcrypto.jwe"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return Some(python);
        }
    }
    None
}

#[test]
fn jwcrypto_decrypts_what_jwtx_encrypts() {
    let Some(python) = python_with_jwcrypto() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "jwcrypto is missing: .ci/run installs tests/fixtures/jwe/jwcrypto/requirements.txt and sets JWTX_JWCRYPTO_PYTHON"
        );
        eprintln!(
            "skipping: pip install -r tests/fixtures/jwe/jwcrypto/requirements.txt (or set JWTX_JWCRYPTO_PYTHON) to run it"
        );
        return;
    };
    let mut made = Vec::new();
    let mut pairs = BTreeSet::new();
    for mut case in cases().into_iter().filter(|c| c["alg"] != "RSA1_5") {
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
            // jwcrypto refuses counts above its own cap (16384 in 1.5).
            args.extend(["--p2c".into(), "2000".into()]);
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
        pairs.insert((
            case["alg"].as_str().unwrap().to_owned(),
            case["enc"].as_str().unwrap().to_owned(),
        ));
        case["token"] = Value::String(stdout_of(&assert).trim().to_owned());
        made.push(case);
    }
    assert_eq!(pairs.len(), 16 * 6);
    let input = temp_file(serde_json::to_string(&serde_json::json!({ "cases": made })).unwrap());
    let output = std::process::Command::new(&python)
        .arg(fixture("jwe/jwcrypto/decrypt-jwtx.py"))
        .arg(path_of(&input))
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        stdout.trim(),
        format!("jwcrypto decrypted {} of {}", made.len(), made.len()),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
