//! `jwtx decrypt`: RFC 7516 Appendix A through the binary, every key form the loader
//! reads, the token-stream conventions shared with verify, JSON output, exit codes, and
//! hostile tokens (one line on stderr, the documented code, no panic, no hang).
//! Tokens for the round trips are made by the token core's encryption (`jwtx encrypt`
//! lands separately); decryption is always the real binary.

use std::time::{Duration, Instant};

use jwtx::token::jwe::{self, Enc, EncryptSpec, KeyAlg};
use jwtx::token::keys::EncryptionKey;
use jwtx::token::secret::Secret;
use serde_json::{Value, json};

use crate::util::*;

fn rfc(name: &str) -> (String, String, String) {
    let dir = "jwe/rfc7516";
    (
        fixture(&format!("{dir}/{name}.jwk")),
        std::fs::read_to_string(fixture(&format!("{dir}/{name}.jwe")))
            .unwrap()
            .trim()
            .to_owned(),
        std::fs::read_to_string(fixture(&format!("{dir}/{name}.txt"))).unwrap(),
    )
}

#[test]
fn rfc7516_appendix_a_decrypts() {
    for (name, extra) in [("a1", None), ("a2", Some("--allow-rsa1-5")), ("a3", None)] {
        let (key, token, plaintext) = rfc(name);
        let mut args = vec!["decrypt", "--key", &key, &token];
        args.extend(extra);
        let assert = run(&args).assert().success();
        assert_eq!(stdout_of(&assert), format!("{plaintext}\n"), "{name}");
        assert_eq!(stderr_of(&assert), "", "{name}");
    }
}

#[test]
fn rsa1_5_needs_the_flag() {
    let (key, token, _) = rfc("a2");
    let assert = run(["decrypt", "--key", &key, &token]).assert().code(1);
    assert_eq!(stdout_of(&assert), "");
    assert_eq!(
        stderr_of(&assert),
        "jwtx: not decrypted: the token uses RSA1_5 (RSAES-PKCS1-v1_5), which jwtx decrypts only when explicitly allowed; pass --allow-rsa1-5 to decrypt it\n"
    );
}

fn encrypt_to(recipient: &EncryptionKey, alg: KeyAlg, enc: Enc, plaintext: &[u8]) -> String {
    let mut spec = EncryptSpec::new(alg, enc);
    spec.p2c = 2000;
    jwe::encrypt(plaintext, recipient, &spec).unwrap()
}

fn public(path: &str) -> EncryptionKey {
    EncryptionKey::load(&std::fs::read(key(path)).unwrap()).unwrap()
}

#[test]
fn every_private_key_form_decrypts() {
    let claims = br#"{"sub":"alice"}"#;
    let cases = [
        ("rsa2048.pub.pem", "rsa2048.pkcs1.pem", KeyAlg::RsaOaep256),
        ("rsa2048.pub.pem", "rsa2048.pkcs8.pem", KeyAlg::RsaOaep),
        ("rsa2048.pub.der", "rsa2048.pkcs8.der", KeyAlg::RsaOaep512),
        ("ec-p256.pub.pem", "ec-p256.sec1.pem", KeyAlg::EcdhEs),
        ("ec-p256.pub.pem", "ec-p256.pkcs8.pem", KeyAlg::EcdhEsA128Kw),
        ("ec-p384.pub.pem", "ec-p384.sec1.pem", KeyAlg::EcdhEsA192Kw),
        ("ec-p521.pub.pem", "ec-p521.pkcs8.pem", KeyAlg::EcdhEsA256Kw),
        ("x25519.pub.pem", "x25519.pem", KeyAlg::EcdhEs),
        ("x25519.pub.pem", "x25519.pem", KeyAlg::EcdhEsA256Kw),
    ];
    for (public_key, private_key, alg) in cases {
        for enc in [Enc::A256Gcm, Enc::A128CbcHs256] {
            let token = encrypt_to(&public(public_key), alg, enc, claims);
            let assert = run(["decrypt", "--key", &key(private_key), &token])
                .assert()
                .success();
            assert_eq!(
                stdout_of(&assert),
                "{\"sub\":\"alice\"}\n",
                "{private_key} {alg} {enc}"
            );
        }
    }
}

#[test]
fn secrets_decrypt_dir_key_wrap_and_pbes2() {
    let cases: [(&str, &[&str], KeyAlg, Enc); 5] = [
        (
            "00112233445566778899aabbccddeeff",
            &["--secret-encoding", "hex"],
            KeyAlg::A128Kw,
            Enc::A128Gcm,
        ),
        (
            "000102030405060708090a0b0c0d0e0f1011121314151617",
            &["--secret-encoding", "hex"],
            KeyAlg::A192GcmKw,
            Enc::A192CbcHs384,
        ),
        (
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\
             202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
            &["--secret-encoding", "hex"],
            KeyAlg::Dir,
            Enc::A256CbcHs512,
        ),
        (
            "correct horse battery staple",
            &[],
            KeyAlg::Pbes2Hs256A128Kw,
            Enc::A128Gcm,
        ),
        (
            "correct horse battery staple",
            &[],
            KeyAlg::Pbes2Hs512A256Kw,
            Enc::A256Gcm,
        ),
    ];
    for (secret, encoding, alg, enc) in cases {
        let bytes = if encoding.is_empty() {
            secret.as_bytes().to_vec()
        } else {
            (0..secret.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&secret[i..i + 2], 16).unwrap())
                .collect()
        };
        let recipient = EncryptionKey::from_secret(Secret::new(bytes)).unwrap();
        let token = encrypt_to(&recipient, alg, enc, b"plain text");
        let mut args = vec!["decrypt", "--secret", secret];
        args.extend(encoding);
        args.push(&token);
        let assert = run(&args).assert().success();
        assert_eq!(stdout_of(&assert), "plain text\n", "{alg} {enc}");
    }
}

#[test]
fn json_output_shows_header_plaintext_claims_and_key() {
    let token = encrypt_to(
        &public("ec-p256.pub.pem"),
        KeyAlg::EcdhEs,
        Enc::A256Gcm,
        br#"{"sub":"alice","n":1}"#,
    );
    let assert = run([
        "decrypt",
        "--json",
        "--key",
        &key("ec-p256.pkcs8.pem"),
        &token,
    ])
    .assert()
    .success();
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["decrypted"], true);
    assert_eq!(record["alg"], "ECDH-ES");
    assert_eq!(record["enc"], "A256GCM");
    assert_eq!(record["zip"], false);
    assert_eq!(record["header"]["alg"], "ECDH-ES");
    assert_eq!(record["header"]["epk"]["crv"], "P-256");
    assert_eq!(record["plaintext"], "{\"sub\":\"alice\",\"n\":1}");
    assert_eq!(record["claims"], json!({"sub": "alice", "n": 1}));
    assert_eq!(record["key"], json!({"type": "EC P-256", "kid": null}));
}

#[test]
fn json_output_keeps_binary_plaintext_as_base64url() {
    let recipient = EncryptionKey::from_secret(Secret::new(vec![3; 16])).unwrap();
    let token = encrypt_to(
        &recipient,
        KeyAlg::A128Kw,
        Enc::A128Gcm,
        &[0xff, 0x00, 0xfe],
    );
    let assert = run([
        "decrypt",
        "--json",
        "--secret",
        &"03".repeat(16),
        "--secret-encoding",
        "hex",
        &token,
    ])
    .assert()
    .success();
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["plaintext"], Value::Null);
    assert_eq!(record["plaintext_base64url"], "_wD-");
}

#[test]
fn many_tokens_keep_their_order_and_the_worst_outcome_wins() {
    let (key_a3, a3, _) = rfc("a3");
    let (_, a1, _) = rfc("a1");
    let input = format!("{a3}\nnot-a-token\nBearer {a3}\n{a1}\n");
    let assert = run(["decrypt", "--key", &key_a3])
        .write_stdin(input)
        .assert()
        .code(1);
    assert_eq!(
        stdout_of(&assert),
        "Live long and prosper.\nLive long and prosper.\n"
    );
    assert_eq!(
        stderr_of(&assert),
        "jwtx: line 2: malformed: not a JWT: expected 3 dot-separated segments (JWS) or 5 (JWE), found 1\n\
         jwtx: line 4: not decrypted: RSA-OAEP/A256GCM cannot be used with a 128-bit symmetric key\n\
         jwtx: 4 tokens: 2 decrypted, 2 not\n"
    );
}

#[test]
fn alg_and_enc_narrow_what_the_key_allows() {
    let (key_a3, a3, _) = rfc("a3");
    run([
        "decrypt",
        "--key",
        &key_a3,
        "--alg",
        "A128KW",
        "--enc",
        "A128CBC-HS256",
        &a3,
    ])
    .assert()
    .success();
    let assert = run(["decrypt", "--key", &key_a3, "--enc", "A256GCM", &a3])
        .assert()
        .code(1);
    assert_eq!(
        stderr_of(&assert),
        "jwtx: not decrypted: A128CBC-HS256 is not among the allowed content encryptions\n"
    );
    let assert = run(["decrypt", "--key", &key_a3, "--alg", "dir", &a3])
        .assert()
        .code(1);
    assert_eq!(
        stderr_of(&assert),
        "jwtx: not decrypted: A128KW is not among the allowed algorithms\n"
    );
    run(["decrypt", "--key", &key_a3, "--alg", "A512KW", &a3])
        .assert()
        .code(2);
}

#[test]
fn a_wrong_key_and_a_tampered_token_fail_alike() {
    let (key_a3, a3, _) = rfc("a3");
    let other = temp_file(r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA"}"#);
    let assert = run(["decrypt", "--key", &path_of(&other), &a3])
        .assert()
        .code(1);
    let wrong_key = stderr_of(&assert);
    assert_eq!(
        wrong_key,
        "jwtx: not decrypted: decryption failed: wrong key, or the token was changed\n"
    );
    let mut parts: Vec<String> = a3.split('.').map(str::to_owned).collect();
    let mut tag = b64url_decode(&parts[4]);
    tag[3] ^= 0x10;
    parts[4] = b64url(&tag);
    let assert = run(["decrypt", "--key", &key_a3, &parts.join(".")])
        .assert()
        .code(1);
    assert_eq!(stderr_of(&assert), wrong_key);
}

#[test]
fn key_problems_exit_6_and_usage_problems_exit_2() {
    let (_, a3, _) = rfc("a3");
    let public_only = run(["decrypt", "--key", &key("rsa2048.pub.pem"), &a3])
        .assert()
        .code(6);
    assert!(
        stderr_of(&public_only).contains("decrypting needs the private key"),
        "{}",
        stderr_of(&public_only)
    );
    let small = run(["decrypt", "--key", &key("rsa1024.pem"), &a3])
        .assert()
        .code(6);
    assert!(
        stderr_of(&small).contains("1024 bits"),
        "{}",
        stderr_of(&small)
    );
    let ed = run(["decrypt", "--key", &key("ed25519.pem"), &a3])
        .assert()
        .code(6);
    assert!(
        stderr_of(&ed).contains("cannot decrypt"),
        "{}",
        stderr_of(&ed)
    );
    let sig_jwks = run(["decrypt", "--key", &key("jwks.json"), &a3])
        .assert()
        .code(6);
    assert!(
        stderr_of(&sig_jwks).contains("no decryption keys"),
        "{}",
        stderr_of(&sig_jwks)
    );
    run(["decrypt", &a3]).assert().code(2);
    run(["decrypt", "--allow-weak-key", "--secret", "x", &a3])
        .assert()
        .code(2);
    run(["decrypt", "--key", "https://example.com/jwks.json", &a3])
        .assert()
        .code(2);
}

#[test]
fn a_use_sig_key_never_decrypts() {
    let (_, a3, _) = rfc("a3");
    let sig = temp_file(r#"{"kty":"oct","k":"GawgguFyGrWKav7AX4VKUg","use":"sig"}"#);
    let assert = run(["decrypt", "--key", &path_of(&sig), &a3])
        .assert()
        .code(1);
    assert_eq!(
        stderr_of(&assert),
        "jwtx: not decrypted: the 128-bit symmetric key cannot decrypt A128KW: its \"use\" is \"sig\", not \"enc\"\n"
    );
}

fn with_header(token: &str, header: &Value) -> String {
    let mut parts: Vec<&str> = token.split('.').collect();
    let encoded = b64url(header.to_string());
    parts[0] = &encoded;
    parts.join(".")
}

/// One line on stderr, nothing on stdout, the expected documented code, quickly.
fn refused(args: &[&str], code: i32) -> String {
    let started = Instant::now();
    let assert = run(args).assert();
    let elapsed = started.elapsed();
    assert_eq!(documented_code(&assert), code, "{}", stderr_of(&assert));
    assert_eq!(stdout_of(&assert), "");
    let stderr = stderr_of(&assert);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
    stderr
}

#[test]
fn hostile_tokens_get_one_line_and_their_code() {
    let (key_a3, a3, _) = rfc("a3");
    let parts: Vec<&str> = a3.split('.').collect();
    // Truncated: a part missing, a part cut short.
    refused(&["decrypt", "--key", &key_a3, &parts[..4].join(".")], 5);
    let short_iv = [parts[0], parts[1], "AxY8DCtDaGls", parts[3], parts[4]].join(".");
    assert!(
        refused(&["decrypt", "--key", &key_a3, &short_iv], 5)
            .contains("initialization vector is 9 bytes; A128CBC-HS256 uses 16")
    );
    let short_tag = [parts[0], parts[1], parts[2], parts[3], "U0m_YmjN04DJ"].join(".");
    assert!(
        refused(&["decrypt", "--key", &key_a3, &short_tag], 5)
            .contains("authentication tag is 9 bytes")
    );
    let empty_ct = [parts[0], parts[1], parts[2], "", parts[4]].join(".");
    refused(&["decrypt", "--key", &key_a3, &empty_ct], 1);
    // A signed JWS is not a JWE.
    let jws = "eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo";
    assert!(refused(&["decrypt", "--key", &key_a3, jws], 5).contains("not a JWE"));
    // Unknown and critical header members.
    let crit = with_header(
        &a3,
        &json!({"alg": "A128KW", "enc": "A128CBC-HS256", "crit": ["x"], "x": 1}),
    );
    refused(&["decrypt", "--key", &key_a3, &crit], 1);
    let zip = with_header(
        &a3,
        &json!({"alg": "A128KW", "enc": "A128CBC-HS256", "zip": "GZ"}),
    );
    refused(&["decrypt", "--key", &key_a3, &zip], 5);
}

#[test]
fn a_pbes2_count_of_2_pow_31_is_refused_at_once() {
    let recipient = EncryptionKey::from_secret(Secret::new(b"password".to_vec())).unwrap();
    let token = encrypt_to(&recipient, KeyAlg::Pbes2Hs256A128Kw, Enc::A128Gcm, b"x");
    let mut header = header_of(&token);
    header["p2c"] = json!(2_147_483_648u64);
    let hostile = with_header(&token, &header);
    let stderr = refused(&["decrypt", "--secret", "password", &hostile], 5);
    assert_eq!(
        stderr,
        "jwtx: malformed: header \"p2c\" is 2147483648; jwtx refuses more than 1000000 PBES2 iterations\n"
    );
}

#[test]
fn an_ephemeral_key_off_the_curve_is_refused() {
    let token = encrypt_to(
        &public("ec-p256.pub.pem"),
        KeyAlg::EcdhEsA128Kw,
        Enc::A128Gcm,
        b"x",
    );
    let mut header = header_of(&token);
    // x = 1, y = 1 is not a point of P-256.
    let one = b64url([[0u8; 31].as_slice(), &[1]].concat());
    header["epk"]["x"] = json!(one);
    header["epk"]["y"] = json!(one);
    let hostile = with_header(&token, &header);
    let stderr = refused(
        &["decrypt", "--key", &key("ec-p256.pkcs8.pem"), &hostile],
        1,
    );
    assert_eq!(
        stderr,
        "jwtx: not decrypted: the ephemeral public key is not a valid P-256 point (off the curve, or of low order)\n"
    );
    // A P-384 ephemeral key against a P-256 recipient.
    header["epk"]["crv"] = json!("P-384");
    let hostile = with_header(&token, &header);
    refused(
        &["decrypt", "--key", &key("ec-p256.pkcs8.pem"), &hostile],
        1,
    );
}

#[test]
fn a_zip_bomb_is_a_clear_error() {
    let recipient = EncryptionKey::from_secret(Secret::new(vec![5; 32])).unwrap();
    let mut spec = EncryptSpec::new(KeyAlg::Dir, Enc::A256Gcm);
    spec.compress = true;
    let bomb = jwe::encrypt(&vec![b'A'; 16 << 20], &recipient, &spec).unwrap();
    assert!(bomb.len() < 40_000, "{}", bomb.len());
    let secret = "0505050505050505050505050505050505050505050505050505050505050505";
    let stderr = refused(
        &[
            "decrypt",
            "--secret",
            secret,
            "--secret-encoding",
            "hex",
            &bomb,
        ],
        5,
    );
    assert_eq!(
        stderr,
        "jwtx: malformed: the compressed plaintext inflates past 1048576 bytes; refused as a compression bomb\n"
    );
    // Under the cap, zip DEF inflates.
    spec.compress = true;
    let small = jwe::encrypt(b"squeezed", &recipient, &spec).unwrap();
    let assert = run([
        "decrypt",
        "--secret",
        secret,
        "--secret-encoding",
        "hex",
        &small,
    ])
    .assert()
    .success();
    assert_eq!(stdout_of(&assert), "squeezed\n");
}
