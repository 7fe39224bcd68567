//! The JWE core against published examples (RFC 7516 Appendix A), round trips over every
//! algorithm pair, and hostile tokens.

use aws_lc_rs::agreement;
use aws_lc_rs::encoding::{AsBigEndian, AsDer, Curve25519SeedBin, Pkcs8V1Der};
use aws_lc_rs::rsa::{KeySize, PrivateDecryptingKey};
use serde_json::json;

use super::*;
use crate::token::Token;
use crate::token::secret::Secret;

/// The RFC 7516 Appendix A fixtures, compiled in (the core's tests read no files).
fn fixture(name: &str) -> String {
    macro_rules! files {
        ($($file:literal),*) => {
            match name {
                $($file => include_str!(concat!("../../../tests/fixtures/jwe/rfc7516/", $file)),)*
                other => panic!("no fixture {other}"),
            }
        };
    }
    files!(
        "a1.jwk", "a1.jwe", "a1.txt", "a2.jwk", "a2.jwe", "a2.txt", "a3.jwk", "a3.jwe", "a3.txt"
    )
    .to_owned()
}

fn open(
    token: &str,
    keys: &[DecryptionKey],
    policy: &DecryptPolicy,
) -> Result<Decrypted, JweError> {
    let token = Token::parse(token.trim()).map_err(|e| JweError::Malformed(e.to_string()))?;
    decrypt(&Parts::of(&token)?, keys, policy)
}

fn rfc(name: &str, policy: &DecryptPolicy) -> Result<Decrypted, JweError> {
    let keys = DecryptionKey::load(fixture(&format!("{name}.jwk")).as_bytes()).unwrap();
    open(&fixture(&format!("{name}.jwe")), &keys, policy)
}

#[test]
fn rfc7516_a1_rsa_oaep_a256gcm() {
    let out = rfc("a1", &DecryptPolicy::default()).unwrap();
    assert_eq!((out.alg, out.enc), (KeyAlg::RsaOaep, Enc::A256Gcm));
    assert_eq!(out.plaintext.as_slice(), fixture("a1.txt").as_bytes());
}

#[test]
fn rfc7516_a2_rsa1_5_only_when_allowed() {
    assert_eq!(
        rfc("a2", &DecryptPolicy::default()).unwrap_err(),
        JweError::Rsa1_5NotAllowed
    );
    let policy = DecryptPolicy {
        allow_rsa1_5: true,
        ..DecryptPolicy::default()
    };
    let out = rfc("a2", &policy).unwrap();
    assert_eq!(out.plaintext.as_slice(), fixture("a2.txt").as_bytes());
}

#[test]
fn rfc7516_a2_bad_padding_looks_like_any_wrong_key() {
    // A changed RSA block fails its padding check; the error is the same as for a wrong key.
    let token = fixture("a2.jwe");
    let parts: Vec<&str> = token.trim().split('.').collect();
    let mut key = crate::token::b64::decode_lenient(parts[1]).unwrap().0;
    key[5] ^= 0x40;
    let changed = [
        parts[0],
        &crate::token::b64::encode(&key),
        parts[2],
        parts[3],
        parts[4],
    ]
    .join(".");
    let keys = DecryptionKey::load(fixture("a2.jwk").as_bytes()).unwrap();
    let policy = DecryptPolicy {
        allow_rsa1_5: true,
        ..DecryptPolicy::default()
    };
    assert_eq!(
        open(&changed, &keys, &policy).unwrap_err(),
        JweError::Failed
    );
}

#[test]
fn rfc7516_a3_a128kw_a128cbc_hs256() {
    let out = rfc("a3", &DecryptPolicy::default()).unwrap();
    assert_eq!((out.alg, out.enc), (KeyAlg::A128Kw, Enc::A128CbcHs256));
    assert_eq!(out.plaintext.as_slice(), fixture("a3.txt").as_bytes());
}

#[test]
fn narrowing_by_alg_and_enc() {
    let policy = DecryptPolicy {
        algs: vec![KeyAlg::A256Kw],
        ..DecryptPolicy::default()
    };
    assert!(matches!(rfc("a3", &policy), Err(JweError::Refused(_))));
    let policy = DecryptPolicy {
        encs: vec![Enc::A256Gcm],
        ..DecryptPolicy::default()
    };
    assert!(matches!(rfc("a3", &policy), Err(JweError::Refused(_))));
}

/// A decryption key of every kind the loader reads, loaded as a user would give it.
fn keys_for(family: KeyFamily) -> Vec<DecryptionKey> {
    match family {
        KeyFamily::Oct | KeyFamily::Password => [16usize, 24, 32, 48, 64]
            .iter()
            .map(|&n| DecryptionKey::from_secret(Secret::new((0..n as u8).collect())).unwrap())
            .collect(),
        KeyFamily::Rsa => {
            let key = PrivateDecryptingKey::generate(KeySize::Rsa2048).unwrap();
            let der: Pkcs8V1Der<'_> = key.as_der().unwrap();
            DecryptionKey::load(der.as_ref()).unwrap()
        }
        KeyFamily::Ecdh => {
            let mut keys = Vec::new();
            for alg in [
                &agreement::ECDH_P256,
                &agreement::ECDH_P384,
                &agreement::ECDH_P521,
            ] {
                let key = agreement::PrivateKey::generate(alg).unwrap();
                let der: Pkcs8V1Der<'_> = key.as_der().unwrap();
                keys.extend(DecryptionKey::load(der.as_ref()).unwrap());
            }
            let key = agreement::PrivateKey::generate(&agreement::X25519).unwrap();
            let seed: Curve25519SeedBin<'_> = key.as_be_bytes().unwrap();
            let public = key.compute_public_key().unwrap();
            let jwk = json!({"kty": "OKP", "crv": "X25519",
                "d": crate::token::b64::encode(seed.as_ref()),
                "x": crate::token::b64::encode(public.as_ref())});
            keys.extend(DecryptionKey::load(jwk.to_string().as_bytes()).unwrap());
            keys
        }
    }
}

#[test]
fn every_algorithm_pair_round_trips_for_every_key_that_allows_it() {
    let mut pairs = 0;
    for family in [KeyFamily::Oct, KeyFamily::Rsa, KeyFamily::Ecdh] {
        let keys = keys_for(family);
        for key in &keys {
            let recipient = key.encryption_key().unwrap();
            for alg in KeyAlg::ALL {
                for enc in Enc::ALL {
                    if alg == KeyAlg::Rsa1_5 || !key.kind().allows(alg, enc) {
                        continue;
                    }
                    let mut spec = EncryptSpec::new(alg, enc);
                    spec.p2c = 1000;
                    spec.compress = pairs % 2 == 0;
                    let token = encrypt(b"{\"sub\":\"round trip\"}", &recipient, &spec)
                        .unwrap_or_else(|e| panic!("{alg}/{enc} with {}: {e}", key.kind()));
                    let out = open(&token, std::slice::from_ref(key), &DecryptPolicy::default())
                        .unwrap_or_else(|e| panic!("{alg}/{enc} with {}: {e}", key.kind()));
                    assert_eq!(out.plaintext.as_slice(), b"{\"sub\":\"round trip\"}");
                    assert_eq!(
                        (out.alg, out.enc, out.compressed),
                        (alg, enc, spec.compress)
                    );
                    pairs += 1;
                }
            }
        }
    }
    // dir 6, AES-KW 18, AES-GCM-KW 18, PBES2 3 x 5 secrets x 6, RSA-OAEP 24 and
    // ECDH-ES 4 x 4 curves x 6: every (alg, enc) pair but RSA1_5's, with every key kind.
    assert_eq!(pairs, 6 + 18 + 18 + 90 + 24 + 96);
}

#[test]
fn the_key_type_decides_not_the_header() {
    let oct = DecryptionKey::from_secret(Secret::new(vec![1; 16])).unwrap();
    let rsa = keys_for(KeyFamily::Rsa);
    let token = encrypt(
        b"x",
        &rsa[0].encryption_key().unwrap(),
        &EncryptSpec::new(KeyAlg::RsaOaep256, Enc::A128Gcm),
    )
    .unwrap();
    // The header names RSA-OAEP-256; a symmetric key is not tried, whatever it holds.
    assert!(matches!(
        open(&token, &[oct], &DecryptPolicy::default()),
        Err(JweError::Refused(_))
    ));
}

#[test]
fn a_sig_key_never_decrypts() {
    let jwk = json!({"kty": "oct", "k": "GawgguFyGrWKav7AX4VKUg", "use": "sig"});
    let keys = DecryptionKey::load(jwk.to_string().as_bytes()).unwrap();
    let err = open(&fixture("a3.jwe"), &keys, &DecryptPolicy::default()).unwrap_err();
    assert!(
        matches!(&err, JweError::Refused(why) if why.contains("\"use\"")),
        "{err}"
    );
}

fn dir_key() -> DecryptionKey {
    DecryptionKey::from_secret(Secret::new(vec![9; 32])).unwrap()
}

fn dir_token(compress: bool, plaintext: &[u8]) -> String {
    let mut spec = EncryptSpec::new(KeyAlg::Dir, Enc::A256Gcm);
    spec.compress = compress;
    encrypt(plaintext, &dir_key().encryption_key().unwrap(), &spec).unwrap()
}

fn with_part(token: &str, index: usize, value: &str) -> String {
    let mut parts: Vec<&str> = token.split('.').collect();
    parts[index] = value;
    parts.join(".")
}

#[test]
fn hostile_tokens_are_refused_without_panicking() {
    let keys = [dir_key()];
    let policy = DecryptPolicy::default();
    let good = dir_token(false, b"hello");
    assert_eq!(
        open(&good, &keys, &policy).unwrap().plaintext.as_slice(),
        b"hello"
    );
    let parts: Vec<&str> = good.split('.').collect();
    // Truncated: fewer parts, or parts cut short.
    assert!(open(&parts[..4].join("."), &keys, &policy).is_err());
    assert!(matches!(
        open(&with_part(&good, 2, "AAAA"), &keys, &policy),
        Err(JweError::Malformed(_))
    ));
    assert!(matches!(
        open(&with_part(&good, 4, "AAAA"), &keys, &policy),
        Err(JweError::Malformed(_))
    ));
    // A changed tag or ciphertext.
    let mut tag = crate::token::b64::decode_lenient(parts[4]).unwrap().0;
    tag[0] ^= 1;
    let tampered = with_part(&good, 4, &crate::token::b64::encode(&tag));
    assert_eq!(
        open(&tampered, &keys, &policy).unwrap_err(),
        JweError::Failed
    );
    // dir with an encrypted key.
    assert!(matches!(
        open(&with_part(&good, 1, "AAAA"), &keys, &policy),
        Err(JweError::Malformed(_))
    ));
    // Unknown algorithms and members.
    for header in [
        json!({"alg": "dir"}),
        json!({"alg": "dir", "enc": "A256GCM", "zip": "GZIP"}),
        json!({"alg": "dir", "enc": "A256GCM", "crit": ["exp"], "exp": 1}),
        json!({"alg": "none", "enc": "A256GCM"}),
        json!({"alg": "dir", "enc": 7}),
    ] {
        let token = with_part(&good, 0, &crate::token::b64::encode(header.to_string()));
        assert!(open(&token, &keys, &policy).is_err(), "{header}");
    }
}

#[test]
fn a_zip_bomb_stops_at_the_cap() {
    let keys = [dir_key()];
    let bomb = dir_token(true, &vec![0u8; 4 << 20]);
    assert!(bomb.len() < 20_000);
    assert_eq!(
        open(&bomb, &keys, &DecryptPolicy::default()).unwrap_err(),
        JweError::TooLarge(MAX_INFLATED)
    );
    let roomy = DecryptPolicy {
        max_inflated: 8 << 20,
        ..DecryptPolicy::default()
    };
    assert_eq!(open(&bomb, &keys, &roomy).unwrap().plaintext.len(), 4 << 20);
}

#[test]
fn an_absurd_p2c_is_refused_before_any_work() {
    let password = DecryptionKey::from_secret(Secret::new(b"correct horse".to_vec())).unwrap();
    let mut spec = EncryptSpec::new(KeyAlg::Pbes2Hs256A128Kw, Enc::A128Gcm);
    spec.p2c = 1000;
    let token = encrypt(b"x", &password.encryption_key().unwrap(), &spec).unwrap();
    let header = Token::parse(&token).unwrap().header().clone();
    let mut hostile = header.clone();
    hostile.insert("p2c".into(), json!(2_147_483_648u64));
    let token = with_part(
        &token,
        0,
        &crate::token::b64::encode(Value::Object(hostile).to_string()),
    );
    let started = std::time::Instant::now();
    let err = open(&token, &[password], &DecryptPolicy::default()).unwrap_err();
    assert!(
        matches!(&err, JweError::Malformed(why) if why.contains("p2c")),
        "{err}"
    );
    assert!(started.elapsed().as_millis() < 500);
}

#[test]
fn an_ephemeral_key_off_the_curve_is_refused() {
    let keys = keys_for(KeyFamily::Ecdh);
    let p256 = &keys[0];
    let token = encrypt(
        b"x",
        &p256.encryption_key().unwrap(),
        &EncryptSpec::new(KeyAlg::EcdhEs, Enc::A128Gcm),
    )
    .unwrap();
    let mut header = Token::parse(&token).unwrap().header().clone();
    // (1, 1) is not on P-256.
    let one = crate::token::b64::encode([[0u8; 31].as_slice(), &[1]].concat());
    header.insert(
        "epk".into(),
        json!({"kty": "EC", "crv": "P-256", "x": one, "y": one}),
    );
    let token = with_part(
        &token,
        0,
        &crate::token::b64::encode(Value::Object(header.clone()).to_string()),
    );
    let err = open(
        &token,
        std::slice::from_ref(p256),
        &DecryptPolicy::default(),
    )
    .unwrap_err();
    assert!(
        matches!(&err, JweError::Refused(why) if why.contains("not a valid P-256 point")),
        "{err}"
    );
    // An ephemeral key on another curve.
    header.insert(
        "epk".into(),
        json!({"kty": "EC", "crv": "P-384", "x": one, "y": one}),
    );
    let token = with_part(
        &token,
        0,
        &crate::token::b64::encode(Value::Object(header).to_string()),
    );
    assert!(matches!(
        open(
            &token,
            std::slice::from_ref(p256),
            &DecryptPolicy::default()
        ),
        Err(JweError::Refused(_))
    ));
}

#[test]
fn keys_print_no_secrets() {
    let key = DecryptionKey::from_secret(Secret::new(b"hunter2hunter2hu".to_vec())).unwrap();
    assert!(!format!("{key:?}").contains("hunter2"));
    assert!(!format!("{:?}", key.encryption_key().unwrap()).contains("hunter2"));
}

#[test]
fn a_low_order_x25519_ephemeral_key_is_refused() {
    let keys = keys_for(KeyFamily::Ecdh);
    let x25519 = keys
        .iter()
        .find(|k| k.kind() == JweKeyKind::X25519)
        .unwrap();
    let token = encrypt(
        b"x",
        &x25519.encryption_key().unwrap(),
        &EncryptSpec::new(KeyAlg::EcdhEs, Enc::A128Gcm),
    )
    .unwrap();
    let mut header = Token::parse(&token).unwrap().header().clone();
    // The point 0 has order 1: the shared secret would be all zeros (RFC 7748 §6.1).
    header.insert(
        "epk".into(),
        json!({"kty": "OKP", "crv": "X25519", "x": crate::token::b64::encode([0u8; 32])}),
    );
    let token = with_part(
        &token,
        0,
        &crate::token::b64::encode(Value::Object(header).to_string()),
    );
    let err = open(
        &token,
        std::slice::from_ref(x25519),
        &DecryptPolicy::default(),
    )
    .unwrap_err();
    assert!(
        matches!(&err, JweError::Refused(why) if why.contains("X25519")),
        "{err}"
    );
}

#[test]
fn a_jwks_decrypts_with_the_key_its_kid_names() {
    let set = json!({"keys": [
        {"kty": "oct", "kid": "one", "k": "AAAAAAAAAAAAAAAAAAAAAA"},
        {"kty": "oct", "kid": "sig", "use": "sig", "k": "GawgguFyGrWKav7AX4VKUg"},
        {"kty": "oct", "kid": "two", "use": "enc", "k": "GawgguFyGrWKav7AX4VKUg"},
    ]});
    let keys = DecryptionKey::load(set.to_string().as_bytes()).unwrap();
    // The signature key is left out of the set.
    assert_eq!(keys.len(), 2);
    // RFC 7516 A.3 has no kid: every key that may is tried, and the second one works.
    let out = open(&fixture("a3.jwe"), &keys, &DecryptPolicy::default()).unwrap();
    assert_eq!(keys[out.key_index].kid(), Some("two"));
    // With a kid that a key carries, only that key is tried: a token for "two" that
    // names "one" fails, though "two" would have decrypted it.
    let recipient = keys[1].encryption_key().unwrap();
    let mut spec = EncryptSpec::new(KeyAlg::A128Kw, Enc::A128Gcm);
    let token = encrypt(b"for two", &recipient, &spec).unwrap();
    assert_eq!(header_kid(&token), Some("two".to_owned()));
    assert_eq!(
        open(&token, &keys, &DecryptPolicy::default())
            .unwrap()
            .key_index,
        1
    );
    spec.header.insert("kid".into(), json!("one"));
    let misnamed = encrypt(b"for two", &recipient, &spec).unwrap();
    assert_eq!(header_kid(&misnamed), Some("one".to_owned()));
    assert_eq!(
        open(&misnamed, &keys, &DecryptPolicy::default()).unwrap_err(),
        JweError::Failed
    );
}

fn header_kid(token: &str) -> Option<String> {
    Token::parse(token).unwrap().kid().map(str::to_owned)
}
