//! verify --decrypt-key: a JWE around a signed token is opened, then the token inside is
//! verified as usual; content that is not a signed JWS fails closed.

use crate::util::{NOW, key, run, sign};

fn encrypt(args: &[&str]) -> String {
    let out = run(["encrypt", "--key", &key("rsa2048.pub.pem")])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8").trim().to_owned()
}

fn signed() -> String {
    sign(&[
        "--key",
        &key("ec-p256.pkcs8.pem"),
        "--sub",
        "alice",
        "--exp",
        "+1h",
    ])
}

fn verify(token: &str) -> assert_cmd::assert::Assert {
    run([
        "verify",
        "--now",
        NOW,
        "--decrypt-key",
        &key("rsa2048.pkcs8.pem"),
        "--key",
        &key("ec-p256.pub.pem"),
        token,
    ])
    .assert()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

#[test]
fn a_nested_token_is_decrypted_then_verified() {
    let jwe = encrypt(&["--jws", &signed()]);
    let a = verify(&jwe).success();
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.starts_with("valid (ES256"), "{out}");
    // Plain signed tokens still verify in the same run.
    verify(&signed()).success();
}

#[test]
fn a_forged_inner_token_fails_as_a_forgery() {
    let forged = sign(&["--key", &key("ec-p384.pkcs8.pem"), "--exp", "+1h"]);
    let jwe = encrypt(&["--jws", &forged]);
    let a = verify(&jwe).code(1);
    assert!(stderr(&a).contains("not allowed"), "{}", stderr(&a));
}

#[test]
fn unsigned_content_fails_closed() {
    // An attacker encrypts an unsecured token to the server's public key.
    let unsecured = run(["sign", "--unsecured", "--now", NOW, "--sub", "admin"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let file = crate::util::temp_file(&unsecured);
    let jwe = encrypt(&["--payload-file", &crate::util::path_of(&file)]);
    let a = verify(&jwe).code(1);
    assert!(
        stderr(&a).contains("unsecured (alg none)"),
        "{}",
        stderr(&a)
    );
    // Claims that are not a token at all.
    let file = crate::util::temp_file(r#"{"sub":"admin"}"#);
    let jwe = encrypt(&["--payload-file", &crate::util::path_of(&file)]);
    let a = verify(&jwe).code(1);
    assert!(stderr(&a).contains("not a compact JWS"), "{}", stderr(&a));
}

#[test]
fn a_wrong_decryption_key_and_no_decryption_key_say_so() {
    let jwe = encrypt(&["--jws", &signed()]);
    let a = run([
        "verify",
        "--now",
        NOW,
        "--decrypt-key",
        &key("ec-p256.pkcs8.pem"),
        "--key",
        &key("ec-p256.pub.pem"),
        &jwe,
    ])
    .assert()
    .failure();
    assert!(
        stderr(&a).contains("cannot decrypt the JWE"),
        "{}",
        stderr(&a)
    );
    let a = run([
        "verify",
        "--now",
        NOW,
        "--key",
        &key("ec-p256.pub.pem"),
        &jwe,
    ])
    .assert()
    .code(5);
    assert!(stderr(&a).contains("--decrypt-key"), "{}", stderr(&a));
}

#[test]
fn expiry_opens_a_jwe_too() {
    let jwe = encrypt(&["--jws", &signed()]);
    let a = run([
        "expiry",
        "--now",
        NOW,
        "--decrypt-key",
        &key("rsa2048.pkcs8.pem"),
        "--key",
        &key("ec-p256.pub.pem"),
        &jwe,
    ])
    .assert()
    .success();
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.contains("expires in 1h"), "{out}");
    let file = crate::util::temp_file(r#"{"sub":"admin","exp":4102444800}"#);
    let bare = encrypt(&["--payload-file", &crate::util::path_of(&file)]);
    let a = run([
        "expiry",
        "--now",
        NOW,
        "--decrypt-key",
        &key("rsa2048.pkcs8.pem"),
        &bare,
    ])
    .assert()
    .code(1);
    assert!(stderr(&a).contains("not a signed JWS"), "{}", stderr(&a));
}

#[test]
fn decode_shows_both_layers() {
    let jwe = encrypt(&["--jws", &signed()]);
    let a = run([
        "decode",
        "--now",
        NOW,
        "--decrypt-key",
        &key("rsa2048.pkcs8.pem"),
        &jwe,
    ])
    .assert()
    .success();
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(
        out.contains("Header  JWE, key management RSA-OAEP-256"),
        "{out}"
    );
    assert!(
        out.contains("Decrypted token  RSA-OAEP-256 / A256GCM"),
        "{out}"
    );
    assert!(out.contains("\"sub\": \"alice\""), "{out}");
    let a = run([
        "decode",
        "--decrypt-key",
        &key("rsa2048.pkcs8.pem"),
        "--json",
        &jwe,
    ])
    .assert()
    .success();
    let record: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).expect("JSON");
    assert_eq!(record["form"], "jwe");
    assert_eq!(record["decrypted"]["token"]["payload"]["sub"], "alice");
    let a = run([
        "decode",
        "--decrypt-key",
        &key("rsa2048.pkcs8.pem"),
        "--claim",
        "sub",
        &jwe,
    ])
    .assert()
    .success();
    assert_eq!(String::from_utf8_lossy(&a.get_output().stdout), "alice\n");
    // Without the key: the header, and a note on how to see the rest.
    let a = run(["decode", &jwe]).assert().success();
    assert!(stderr(&a).contains("--decrypt-key"), "{}", stderr(&a));
    // A wrong key: one line and the decryption's exit code.
    let a = run(["decode", "--decrypt-key", &key("ec-p256.pkcs8.pem"), &jwe])
        .assert()
        .failure();
    assert!(
        stderr(&a).contains("cannot decrypt the JWE"),
        "{}",
        stderr(&a)
    );
}
