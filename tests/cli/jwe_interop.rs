//! Interoperability: JWEs made by node `jose` (tests/fixtures/jwe/jose/tokens.json, made
//! by generate.mjs beside it) for every key-management and content-encryption pair jose
//! makes, RSA-OAEP to -512, ECDH-ES on P-256, P-384, P-521 and X25519, AES key wrap,
//! AES-GCM key wrap, dir and PBES2, and for each recipient one token with `zip: DEF`.
//! jwtx decrypts each, reading all the tokens for one key from standard input in one
//! run, and prints every plaintext in order.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::util::*;

#[test]
fn jwtx_decrypts_every_jose_token() {
    let path = fixture("jwe/jose/tokens.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut by_key: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for case in file["cases"].as_array().unwrap() {
        by_key
            .entry(case["key"].to_string())
            .or_default()
            .push(case);
    }
    let mut pairs = std::collections::BTreeSet::new();
    let mut compressed = std::collections::BTreeSet::new();
    for cases in by_key.values() {
        let key = &cases[0]["key"];
        let mut args = vec!["decrypt".to_owned()];
        if let Some(file) = key["file"].as_str() {
            args.extend(["--key".into(), crate::util::key(file)]);
        } else if let Some(hex) = key["secretHex"].as_str() {
            args.extend([
                "--secret".into(),
                hex.into(),
                "--secret-encoding".into(),
                "hex".into(),
            ]);
        } else {
            let text = key["secretText"].as_str().unwrap();
            args.extend(["--secret".into(), text.into()]);
        }
        let stdin: String = cases
            .iter()
            .map(|c| format!("{}\n", c["token"].as_str().unwrap()))
            .collect();
        let assert = run(&args).write_stdin(stdin).assert();
        assert_eq!(documented_code(&assert), 0, "{key}: {}", stderr_of(&assert));
        let expected: String = cases
            .iter()
            .map(|c| format!("{}\n", c["plaintext"].as_str().unwrap()))
            .collect();
        assert_eq!(stdout_of(&assert), expected, "{key}");
        for c in cases {
            pairs.insert((c["alg"].as_str().unwrap(), c["enc"].as_str().unwrap()));
            if c["zip"] == true {
                compressed.insert(c["alg"].as_str().unwrap());
            }
        }
    }
    // Every algorithm jwtx encrypts with (RSA1_5 aside) with every content encryption.
    assert_eq!(pairs.len(), 18 * 6);
    // And zip: DEF tokens with each of those algorithms.
    assert_eq!(compressed.len(), 18);
}
