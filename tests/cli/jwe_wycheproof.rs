//! C2SP Wycheproof's JWE vectors (`tests/fixtures/wycheproof/json_web_encryption_test.json`,
//! source in that directory's README), every case through `jwtx decrypt` with its
//! group's private key: a `valid` case prints its expected plaintext and exits 0; an
//! `invalid` case is refused with a documented non-zero code, one line on stderr and
//! nothing on stdout, never a panic. RSA1_5 groups run with `--allow-rsa1-5`, as a
//! caller who needs them would. The file's `rfc_7520` groups are RFC 7520 §5's examples.

use serde_json::Value;

use crate::util::*;

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn every_wycheproof_jwe_case_ends_as_the_vector_says() {
    let path = fixture("wycheproof/json_web_encryption_test.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let (mut valid, mut invalid, mut rfc7520) = (0, 0, 0);
    for group in file["testGroups"].as_array().unwrap() {
        let key = temp_file(group["private"].to_string());
        let rsa1_5 = group["private"]["alg"] == "RSA1_5";
        for case in group["tests"].as_array().unwrap() {
            let id = case["tcId"].as_u64().unwrap();
            // A JSON-serialised JWE is given as an object; jwtx reads compact tokens only.
            let token = match &case["jwe"] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let mut args = vec!["decrypt".to_owned(), "--key".into(), path_of(&key)];
            if rsa1_5 {
                args.push("--allow-rsa1-5".into());
            }
            args.push(token);
            let assert = run(&args).assert();
            let code = documented_code(&assert);
            let output = assert.get_output();
            match case["result"].as_str().unwrap() {
                "valid" => {
                    let mut expected = hex(case["pt"].as_str().unwrap());
                    if !expected.ends_with(b"\n") {
                        expected.push(b'\n');
                    }
                    assert_eq!(code, 0, "tcId {id}: {}", stderr_of(&assert));
                    assert_eq!(output.stdout, expected, "tcId {id}");
                    valid += 1;
                    if group["comment"] == "rfc_7520" {
                        rfc7520 += 1;
                    }
                }
                _ => {
                    assert_ne!(code, 0, "tcId {id} ({}) decrypted", case["comment"]);
                    assert!(output.stdout.is_empty(), "tcId {id}");
                    assert_eq!(stderr_of(&assert).lines().count(), 1, "tcId {id}");
                    invalid += 1;
                }
            }
        }
    }
    assert_eq!(
        valid + invalid,
        file["numberOfTests"].as_u64().unwrap() as usize
    );
    assert!(rfc7520 >= 8, "{rfc7520} RFC 7520 cases");
    eprintln!("wycheproof JWE: {valid} valid decrypted, {invalid} invalid refused");
}
