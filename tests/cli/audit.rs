//! `jwtx audit`: one test per registry rule (a token that triggers it and a near miss
//! that must not), the rule list, every input (arguments, @FILE, stdin, --scan), the
//! weak-secret search, what reports may and may not show (tokens, secrets, personal
//! data), the controls (--ignore-rule, --severity, --baseline, --fail-on) and the three
//! report formats (text, JSON Lines, SARIF validated against the 2.1.0 schema).

use std::collections::BTreeSet;

use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tempfile::TempDir;

use crate::util::*;

/// A random-looking HMAC secret that is in no list.
const STRONG: &str = "k7Qz9vR2mX4pL8wN1sT6yB3cF5hJ0dGe";
/// The issuer of the clean tokens.
const ISS: &str = "https://issuer.example.com";
/// A signature that verifies with no key: 64 bytes, the length of an ES256 signature
/// (the clean header is ES256, so that tokens made for other rules do not pay for the
/// weak-secret search, which only runs on HS tokens).
const FAKE_SIG: [u8; 64] = [0x5a; 64];
/// The secret in tests/fixtures/audit/wordlist.txt (line 3), in no built-in list.
const WORDLIST_SECRET: &str = "Tr0ub4dor&3-horse";

/// Every rule id the registry must have (the issue's list, in registry order).
const RULE_IDS: [&str; 98] = [
    "alg-none",
    "empty-signature",
    "alg-missing",
    "alg-not-string",
    "alg-unregistered",
    "signature-length",
    "ecdsa-psychic-signature",
    "rsa-key-too-small",
    "hmac-empty-secret",
    "hmac-weak-secret",
    "key-confusion",
    "header-jku",
    "header-x5u",
    "header-jwk",
    "header-jwk-private",
    "kid-injection",
    "kid-not-string",
    "header-crit",
    "header-b64-false",
    "header-zip",
    "header-x5c",
    "missing-exp",
    "lifetime-too-long",
    "expired",
    "time-claim-not-numeric",
    "time-claim-milliseconds",
    "time-claims-out-of-order",
    "iat-in-future",
    "missing-iss",
    "missing-aud",
    "aud-wildcard",
    "missing-jti",
    "typ-missing",
    "typ-unusual",
    "profile-access-token",
    "profile-id-token",
    "claims-schema",
    "missing-iat",
    "missing-required-claim",
    "unknown-issuer",
    "unexpected-claim-value",
    "pii-email",
    "pii-phone",
    "pii-ssn",
    "pii-payment-card",
    "pii-iban",
    "pii-ip-address",
    "pii-date-of-birth",
    "pii-postal-address",
    "pii-personal-name",
    "secret-password-field",
    "secret-aws-key",
    "secret-github-token",
    "secret-slack-token",
    "secret-private-key",
    "secret-nested-token",
    "secret-stripe-key",
    "secret-google-api-key",
    "secret-gitlab-token",
    "secret-openai-key",
    "secret-npm-token",
    "secret-database-url",
    "secret-url-password",
    "secret-basic-credentials",
    "base64-non-strict",
    "duplicate-member",
    "non-utf8-json",
    "malformed-claims",
    "oversized-token",
    "encrypted-token",
    "jwe-rsa1-5",
    "jwe-not-decrypted",
    "jwe-unsigned-content",
    "session-cookie-weak-secret",
    "rsa-roca-key",
    "token-exposed",
    "token-in-url",
    "jwks-private-key",
    "jwks-symmetric-key",
    "jwks-rsa-too-small",
    "jwks-roca-key",
    "jwks-rsa-exponent",
    "jwks-invalid-point",
    "jwks-unknown-key-type",
    "jwks-malformed-member",
    "jwks-duplicate-kid",
    "jwks-duplicate-key",
    "jwks-missing-kid",
    "jwks-alg-mismatch",
    "jwks-use-conflict",
    "jwks-x5c-mismatch",
    "jwks-x5c-expired",
    "jwks-x5t-mismatch",
    "jwks-shared-modulus",
    "jwks-kid-reused",
    "jwks-kid-changed",
    "jwks-key-added",
    "jwks-key-removed",
];

/// RFC 7516 appendix A.1: a compact JWE (RSA-OAEP, A256GCM).
const JWE_RFC7516_A1: &str = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iGdXKHzg.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ";

// ---- helpers -------------------------------------------------------------------------

/// `jwtx --color never audit --now NOW <args>` with empty stdin.
fn audit(args: &[&str]) -> assert_cmd::Command {
    let mut cmd = run(["audit", "--now", NOW]);
    cmd.args(args);
    cmd
}

/// Runs `audit --format json <args>`: the documented exit code and the JSON Lines.
fn audit_json(args: &[&str]) -> (i32, Vec<Value>) {
    let assert = audit(&["--format", "json"]).args(args).assert();
    let code = documented_code(&assert);
    (code, json_lines(&assert.get_output().stdout))
}

/// The `"type": "token"` records.
fn token_records(records: &[Value]) -> Vec<&Value> {
    records.iter().filter(|r| r["type"] == "token").collect()
}

/// The last record, which must be the summary.
fn summary_of(records: &[Value]) -> &Value {
    let last = records.last().expect("at least the summary record");
    assert_eq!(last["type"], "summary", "the last record is the summary");
    last
}

/// Rule ids of a token record's findings, in report order.
fn rules_of(record: &Value) -> Vec<String> {
    record["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("token record without findings array: {record}"))
        .iter()
        .map(|f| f["rule"].as_str().expect("finding rule").to_owned())
        .collect()
}

/// Audits one token as JSON; asserts it was parsed (one token record, no error record)
/// and returns the exit code and that record.
fn audit_one(token: &str, extra: &[&str]) -> (i32, Value) {
    let mut args = extra.to_vec();
    args.push(token);
    let (code, records) = audit_json(&args);
    let tokens = token_records(&records);
    assert_eq!(
        tokens.len(),
        1,
        "expected one audited token for {token:?}, got {records:?}"
    );
    assert_eq!(summary_of(&records)["errors"], 0, "{records:?}");
    (code, tokens[0].clone())
}

/// Asserts `rule` is reported for `token` and returns the finding.
fn assert_rule(rule: &str, token: &str, extra: &[&str]) -> Value {
    let (_, record) = audit_one(token, extra);
    record["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == rule)
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "rule {rule}: not reported for the triggering token {token} {extra:?}; got {:?}",
                rules_of(&record)
            )
        })
}

/// Asserts `rule` is not reported for `token` (which must still be audited).
fn assert_no_rule(rule: &str, token: &str, extra: &[&str]) {
    let (_, record) = audit_one(token, extra);
    let rules = rules_of(&record);
    assert!(
        !rules.iter().any(|r| r == rule),
        "rule {rule}: reported for the near miss {token} {extra:?}; got {rules:?}"
    );
}

/// Asserts the finding has this severity.
fn assert_severity(rule: &str, finding: &Value, severity: &str) {
    assert_eq!(
        finding["severity"], severity,
        "rule {rule}: wrong severity in {finding}"
    );
}

/// A clean claims set: issuer, subject, audience, 1h lifetime issued now, jti.
fn clean_claims() -> Value {
    json!({
        "iss": ISS,
        "sub": "user-1",
        "aud": "api",
        "iat": NOW_UNIX,
        "exp": NOW_UNIX + 3600,
        "jti": "id-1",
    })
}

fn clean_header() -> Value {
    json!({"alg": "ES256", "typ": "JWT"})
}

fn hs256_header() -> Value {
    json!({"alg": "HS256", "typ": "JWT"})
}

/// `base` with the members of `changes` set; a `null` change removes the member.
fn merged(base: Value, changes: Value) -> Value {
    let mut map = match base {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    };
    let Value::Object(changes) = changes else {
        panic!("changes must be an object");
    };
    for (k, v) in changes {
        if v.is_null() {
            map.remove(&k);
        } else {
            map.insert(k, v);
        }
    }
    Value::Object(map)
}

/// The clean claims with changes.
fn claims(changes: Value) -> Value {
    merged(clean_claims(), changes)
}

/// The clean header with changes.
fn header(changes: Value) -> Value {
    merged(clean_header(), changes)
}

/// A token with this header and these claims and a signature that matches no key.
fn forged(header: &Value, claims: &Value) -> String {
    forged_sig(header, claims, &FAKE_SIG)
}

fn forged_sig(header: &Value, claims: &Value, sig: &[u8]) -> String {
    compact(&header.to_string(), &claims.to_string(), sig)
}

/// A clean token whose claims got `changes` (fake signature).
fn with_claims(changes: Value) -> String {
    forged(&clean_header(), &claims(changes))
}

/// A clean token whose header got `changes` (fake signature).
fn with_header(changes: Value) -> String {
    forged(&header(changes), &clean_claims())
}

/// An HS256 token MACed with exactly these key bytes.
fn hs256_with_key(header: &Value, claims: &Value, key: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        b64url(header.to_string()),
        b64url(claims.to_string())
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(input.as_bytes());
    format!("{input}.{}", b64url(mac.finalize().into_bytes()))
}

/// A clean token signed by `jwtx sign` with this HMAC secret (and extra sign flags).
fn signed_clean(secret: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "--secret",
        secret,
        "--iss",
        ISS,
        "--sub",
        "user-1",
        "--aud",
        "api",
        "--exp",
        "1h",
        "--jti",
        "id-1",
        "--allow-weak-key",
    ];
    args.extend_from_slice(extra);
    sign(&args)
}

/// An unsecured token (alg none) signed by jwtx, with findings of several severities.
fn unsecured(sub: &str) -> String {
    sign(&["--unsecured", "--sub", sub])
}

/// First 12 hex digits of the token's SHA-256.
fn sha256_12(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// stdout as text, and stderr, of a finished command.
fn outputs(assert: &assert_cmd::assert::Assert) -> (String, String) {
    (stdout_of(assert), stderr_of(assert))
}

/// Whole report of `audit --format FMT <args>` (stdout) with its exit code.
fn report(format: &str, args: &[&str]) -> (i32, String) {
    let assert = audit(&["--format", format]).args(args).assert();
    let code = documented_code(&assert);
    (code, stdout_of(&assert))
}

fn sarif(args: &[&str]) -> (i32, Value) {
    let (code, text) = report("sarif", args);
    let doc: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("SARIF output is not one JSON document ({e}): {text}"));
    (code, doc)
}

/// Asserts `doc` validates against the SARIF 2.1.0 schema.
pub(crate) fn assert_valid_sarif(doc: &Value) {
    let text = std::fs::read_to_string(fixture("schemas/sarif-2.1.0.schema.json"))
        .expect("read the SARIF schema");
    let schema: Value = serde_json::from_str(&text).expect("the SARIF schema is JSON");
    let validator = jsonschema::draft202012::new(&schema).expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
}

/// The rule ids in `--list-rules --format json`.
fn registry_ids() -> Vec<String> {
    let assert = run(["audit", "--list-rules", "--format", "json"])
        .assert()
        .code(0);
    json_lines(&assert.get_output().stdout)
        .iter()
        .map(|r| r["id"].as_str().expect("rule id").to_owned())
        .collect()
}

// ---- a clean token has no findings ---------------------------------------------------

#[test]
fn clean_tokens_have_no_findings_and_exit_0() {
    for token in [
        forged(&clean_header(), &clean_claims()),
        signed_clean(STRONG, &[]),
    ] {
        let (code, record) = audit_one(&token, &["--fail-on", "info"]);
        assert_eq!(
            rules_of(&record),
            Vec::<String>::new(),
            "clean token {token}"
        );
        assert_eq!(code, 0);
    }
}

// ---- algorithm -----------------------------------------------------------------------

#[test]
fn rule_alg_none() {
    for alg in ["none", "NONE", "nOnE", "None"] {
        let token = forged_sig(&header(json!({"alg": alg})), &clean_claims(), b"");
        let finding = assert_rule("alg-none", &token, &[]);
        assert_severity("alg-none", &finding, "critical");
    }
    assert_rule("alg-none", &unsecured("a"), &[]);
    assert_no_rule("alg-none", &with_header(json!({})), &[]);
}

#[test]
fn rule_empty_signature() {
    let token = forged_sig(&clean_header(), &clean_claims(), b"");
    assert_severity(
        "empty-signature",
        &assert_rule("empty-signature", &token, &[]),
        "high",
    );
    let hs = forged_sig(&hs256_header(), &clean_claims(), b"");
    assert_rule("empty-signature", &hs, &[]);
    assert_no_rule("empty-signature", &with_header(json!({})), &[]);
}

#[test]
fn rule_alg_missing() {
    let token = forged(&json!({"typ": "JWT"}), &clean_claims());
    assert_severity(
        "alg-missing",
        &assert_rule("alg-missing", &token, &[]),
        "high",
    );
    assert_no_rule("alg-missing", &with_header(json!({})), &[]);
}

#[test]
fn rule_alg_not_string() {
    for alg in [json!(256), json!(["HS256"]), json!(null)] {
        let mut h = clean_header();
        h["alg"] = alg;
        assert_rule("alg-not-string", &forged(&h, &clean_claims()), &[]);
    }
    assert_no_rule("alg-not-string", &with_header(json!({})), &[]);
    assert_no_rule(
        "alg-not-string",
        &forged(&json!({"typ": "JWT"}), &clean_claims()),
        &[],
    );
}

#[test]
fn rule_alg_unregistered() {
    for alg in ["hs256", "HS999", "RSA256"] {
        let finding = assert_rule("alg-unregistered", &with_header(json!({"alg": alg})), &[]);
        assert_severity("alg-unregistered", &finding, "medium");
    }
    assert_no_rule("alg-unregistered", &with_header(json!({})), &[]);
    // Registered in the IANA registry, even if jwtx does not implement it.
    let es256k = forged_sig(&header(json!({"alg": "ES256K"})), &clean_claims(), &[1; 64]);
    assert_no_rule("alg-unregistered", &es256k, &[]);
}

#[test]
fn rule_signature_length() {
    let short = forged_sig(&hs256_header(), &clean_claims(), &[0x5a; 20]);
    assert_severity(
        "signature-length",
        &assert_rule("signature-length", &short, &[]),
        "high",
    );
    let es_der_like = forged_sig(&header(json!({"alg": "ES256"})), &clean_claims(), &[1; 70]);
    assert_rule("signature-length", &es_der_like, &[]);
    assert_no_rule("signature-length", &with_header(json!({})), &[]);
    let es_raw = forged_sig(&header(json!({"alg": "ES256"})), &clean_claims(), &[1; 64]);
    assert_no_rule("signature-length", &es_raw, &[]);
}

#[test]
fn rule_ecdsa_psychic_signature() {
    let es256 = header(json!({"alg": "ES256"}));
    let raw_zero = forged_sig(&es256, &clean_claims(), &[0; 64]);
    assert_severity(
        "ecdsa-psychic-signature",
        &assert_rule("ecdsa-psychic-signature", &raw_zero, &[]),
        "critical",
    );
    // DER SEQUENCE { INTEGER 0, INTEGER 0 }: 30 06 02 01 00 02 01 00.
    assert_eq!(
        b64url_decode("MAYCAQACAQA"),
        [0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00]
    );
    let der_zero = format!(
        "{}.{}.MAYCAQACAQA",
        b64url(es256.to_string()),
        b64url(clean_claims().to_string())
    );
    assert_rule("ecdsa-psychic-signature", &der_zero, &[]);
    let nonzero = forged_sig(&es256, &clean_claims(), &[1; 64]);
    assert_no_rule("ecdsa-psychic-signature", &nonzero, &[]);
}

#[test]
fn rule_rsa_key_too_small() {
    let rs256 = header(json!({"alg": "RS256"}));
    let small = forged_sig(&rs256, &clean_claims(), &[7; 128]);
    let finding = assert_rule("rsa-key-too-small", &small, &[]);
    assert_severity("rsa-key-too-small", &finding, "high");
    let big = forged_sig(&rs256, &clean_claims(), &[7; 256]);
    assert_no_rule("rsa-key-too-small", &big, &[]);
    let real = sign(&["--key", &key("rsa2048.pkcs1.pem"), "--exp", "1h"]);
    assert_no_rule("rsa-key-too-small", &real, &[]);
}

// ---- weak HMAC secrets -----------------------------------------------------------------

#[test]
fn rule_hmac_empty_secret() {
    let token = hs256_with_key(&hs256_header(), &clean_claims(), b"");
    let finding = assert_rule("hmac-empty-secret", &token, &[]);
    assert_severity("hmac-empty-secret", &finding, "critical");
    assert_no_rule("hmac-empty-secret", &signed_clean(STRONG, &[]), &[]);
    assert_no_rule(
        "hmac-empty-secret",
        &hs256_with_key(&hs256_header(), &clean_claims(), b"x"),
        &[],
    );
}

#[test]
fn rule_hmac_weak_secret() {
    for secret in ["secret", "your-256-bit-secret", "Password123"] {
        let token = signed_clean(secret, &[]);
        let finding = assert_rule("hmac-weak-secret", &token, &[]);
        assert_severity("hmac-weak-secret", &finding, "critical");
        let message = finding["message"].as_str().unwrap();
        assert!(
            message.contains("built-in list"),
            "rule hmac-weak-secret: {secret}: {message}"
        );
    }
    assert_no_rule("hmac-weak-secret", &signed_clean(STRONG, &[]), &[]);
}

#[test]
fn rule_hmac_weak_secret_base64_decoded_candidate() {
    // "password" is a listed secret and valid base64: MAC with the bytes it decodes to.
    let token = signed_clean("password", &["--secret-encoding", "base64"]);
    let finding = assert_rule("hmac-weak-secret", &token, &[]);
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.contains("base64-decoded"),
        "rule hmac-weak-secret: {message}"
    );
    // A listed secret that is itself base64 (the Nacos default key).
    let nacos = signed_clean(
        "VGhpc0lzTXlDdXN0b21TZWNyZXRLZXkwMTIzNDU2Nzg=",
        &["--secret-encoding", "base64"],
    );
    assert_rule("hmac-weak-secret", &nacos, &[]);
    // Near miss: a strong secret's base64 form is in no list.
    let near = signed_clean(
        "azdRejl2UjJtWDRwTDh3TjFzVDZ5QjNjRjVoSjBkR2U=",
        &["--secret-encoding", "base64"],
    );
    assert_no_rule("hmac-weak-secret", &near, &[]);
}

#[test]
fn rule_key_confusion() {
    let path = key("rsa2048.pub.pem");
    let pem = std::fs::read(&path).expect("read the public key");
    assert!(pem.ends_with(b"\n"), "the fixture ends with a newline");
    let whole = hs256_with_key(&hs256_header(), &clean_claims(), &pem);
    let finding = assert_rule("key-confusion", &whole, &["--key", &path]);
    assert_severity("key-confusion", &finding, "critical");
    let trimmed = hs256_with_key(&hs256_header(), &clean_claims(), &pem[..pem.len() - 1]);
    assert_rule("key-confusion", &trimmed, &["--key", &path]);
    // Near misses: no --key, another key, a token MACed with a real secret.
    assert_no_rule("key-confusion", &whole, &[]);
    assert_no_rule("key-confusion", &whole, &["--key", &key("ec-p256.pub.pem")]);
    assert_no_rule(
        "key-confusion",
        &signed_clean(STRONG, &[]),
        &["--key", &path],
    );
}

// ---- header ---------------------------------------------------------------------------

/// Key URLs relative to the clean issuer (https://issuer.example.com) and the severity
/// each must get.
const URL_CASES: [(&str, &str); 8] = [
    ("https://issuer.example.com/.well-known/jwks.json", "medium"),
    ("http://issuer.example.com/.well-known/jwks.json", "high"),
    ("https://203.0.113.5/jwks.json", "high"),
    ("https://[2001:db8::1]/jwks.json", "high"),
    ("https://localhost/jwks.json", "high"),
    ("https://10.0.0.1/jwks.json", "high"),
    ("https://192.168.1.10/jwks.json", "high"),
    ("https://attacker.example.net/jwks.json", "high"),
];

fn url_header_rule(member: &str, rule: &str) {
    for (url, severity) in URL_CASES {
        let token = with_header(json!({ member: url }));
        let finding = assert_rule(rule, &token, &[]);
        assert_eq!(
            finding["severity"], severity,
            "rule {rule}: {member} {url} should be {severity}: {finding}"
        );
        assert_eq!(finding["location"], format!("header.{member}"));
    }
    assert_no_rule(rule, &with_header(json!({})), &[]);
}

#[test]
fn rule_header_jku() {
    url_header_rule("jku", "header-jku");
}

#[test]
fn rule_header_x5u() {
    url_header_rule("x5u", "header-x5u");
}

#[test]
fn rule_header_jwk() {
    let public = json!({"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"});
    let finding = assert_rule("header-jwk", &with_header(json!({"jwk": public})), &[]);
    assert_severity("header-jwk", &finding, "high");
    assert_no_rule("header-jwk", &with_header(json!({})), &[]);
}

#[test]
fn rule_header_jwk_private() {
    let public = json!({"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"});
    let private = merged(
        public.clone(),
        json!({"d": "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}),
    );
    let finding = assert_rule(
        "header-jwk-private",
        &with_header(json!({"jwk": private})),
        &[],
    );
    assert_severity("header-jwk-private", &finding, "critical");
    assert_no_rule(
        "header-jwk-private",
        &with_header(json!({"jwk": public})),
        &[],
    );
}

#[test]
fn rule_kid_injection() {
    for kid in ["../../dev/null", "' OR '1'='1", "$(reboot)"] {
        let finding = assert_rule("kid-injection", &with_header(json!({"kid": kid})), &[]);
        assert_severity("kid-injection", &finding, "high");
    }
    for kid in ["key-2024-01", "2f1c9e0a-7b7e-4b5e-9a43-0c2b8f3d1e55", "k1"] {
        assert_no_rule("kid-injection", &with_header(json!({"kid": kid})), &[]);
    }
}

#[test]
fn rule_kid_not_string() {
    for kid in [json!(7), json!({"id": 1}), json!(["k1"])] {
        let finding = assert_rule("kid-not-string", &with_header(json!({"kid": kid})), &[]);
        assert_severity("kid-not-string", &finding, "medium");
    }
    assert_no_rule("kid-not-string", &with_header(json!({"kid": "7"})), &[]);
}

#[test]
fn rule_header_crit() {
    let finding = assert_rule("header-crit", &with_header(json!({"crit": ["exp"]})), &[]);
    assert_severity("header-crit", &finding, "medium");
    assert_no_rule("header-crit", &with_header(json!({})), &[]);
}

#[test]
fn rule_header_b64_false() {
    let finding = assert_rule(
        "header-b64-false",
        &with_header(json!({"b64": false, "crit": ["b64"]})),
        &[],
    );
    assert_severity("header-b64-false", &finding, "medium");
    assert_no_rule("header-b64-false", &with_header(json!({"b64": true})), &[]);
}

#[test]
fn rule_header_zip() {
    let finding = assert_rule("header-zip", &with_header(json!({"zip": "DEF"})), &[]);
    assert_severity("header-zip", &finding, "medium");
    assert_no_rule("header-zip", &with_header(json!({})), &[]);
    // zip is defined for JWE: an encrypted token may carry it.
    let rest = JWE_RFC7516_A1.split_once('.').unwrap().1;
    let jwe = format!(
        "{}.{rest}",
        b64url(r#"{"alg":"RSA-OAEP","enc":"A256GCM","zip":"DEF"}"#)
    );
    assert_no_rule("header-zip", &jwe, &[]);
}

#[test]
fn rule_header_x5c() {
    let finding = assert_rule(
        "header-x5c",
        &with_header(json!({"x5c": ["MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"]})),
        &[],
    );
    assert_severity("header-x5c", &finding, "low");
    assert_no_rule("header-x5c", &with_header(json!({})), &[]);
}

// ---- claims ---------------------------------------------------------------------------

#[test]
fn rule_missing_exp() {
    let finding = assert_rule("missing-exp", &with_claims(json!({"exp": null})), &[]);
    assert_severity("missing-exp", &finding, "high");
    assert_no_rule("missing-exp", &with_claims(json!({})), &[]);
}

#[test]
fn rule_lifetime_too_long() {
    // Default policy: 24h.
    let day_and_hour = with_claims(json!({"exp": NOW_UNIX + 25 * 3600}));
    let finding = assert_rule("lifetime-too-long", &day_and_hour, &[]);
    assert_severity("lifetime-too-long", &finding, "medium");
    let one_day = with_claims(json!({"exp": NOW_UNIX + 24 * 3600}));
    assert_no_rule("lifetime-too-long", &one_day, &[]);
    // --max-lifetime 1h.
    let two_hours = with_claims(json!({"exp": NOW_UNIX + 2 * 3600}));
    assert_no_rule("lifetime-too-long", &two_hours, &[]);
    assert_rule("lifetime-too-long", &two_hours, &["--max-lifetime", "1h"]);
    let one_hour = with_claims(json!({"exp": NOW_UNIX + 3600}));
    assert_no_rule("lifetime-too-long", &one_hour, &["--max-lifetime", "1h"]);
}

#[test]
fn rule_expired() {
    let token = with_claims(json!({"iat": NOW_UNIX - 7200, "exp": NOW_UNIX - 3600}));
    let finding = assert_rule("expired", &token, &[]);
    assert_severity("expired", &finding, "info");
    let (code, _) = audit_one(&token, &[]);
    assert_eq!(code, 0, "expired is info: below the default --fail-on high");
    assert_no_rule("expired", &with_claims(json!({})), &[]);
}

#[test]
fn rule_time_claim_not_numeric() {
    for changes in [
        json!({"exp": (NOW_UNIX + 3600).to_string()}),
        json!({"nbf": true}),
        json!({"iat": "yesterday"}),
    ] {
        let finding = assert_rule("time-claim-not-numeric", &with_claims(changes), &[]);
        assert_severity("time-claim-not-numeric", &finding, "medium");
    }
    assert_no_rule(
        "time-claim-not-numeric",
        &with_claims(json!({"nbf": NOW_UNIX})),
        &[],
    );
}

#[test]
fn rule_time_claim_milliseconds() {
    let token = with_claims(json!({"exp": 1_767_225_600_000_i64}));
    let finding = assert_rule("time-claim-milliseconds", &token, &[]);
    assert_severity("time-claim-milliseconds", &finding, "medium");
    assert_no_rule("time-claim-not-numeric", &token, &[]);
    assert_no_rule("time-claim-milliseconds", &with_claims(json!({})), &[]);
}

#[test]
fn rule_time_claims_out_of_order() {
    let nbf_after_exp = with_claims(json!({"nbf": NOW_UNIX + 7200}));
    let finding = assert_rule("time-claims-out-of-order", &nbf_after_exp, &[]);
    assert_severity("time-claims-out-of-order", &finding, "medium");
    let iat_after_exp = with_claims(json!({"iat": NOW_UNIX - 100, "exp": NOW_UNIX - 200}));
    assert_rule("time-claims-out-of-order", &iat_after_exp, &[]);
    let in_order = with_claims(json!({"nbf": NOW_UNIX}));
    assert_no_rule("time-claims-out-of-order", &in_order, &[]);
}

#[test]
fn rule_iat_in_future() {
    let token = with_claims(json!({"iat": NOW_UNIX + 3600, "exp": NOW_UNIX + 7200}));
    let finding = assert_rule("iat-in-future", &token, &[]);
    assert_severity("iat-in-future", &finding, "low");
    assert_no_rule("iat-in-future", &with_claims(json!({})), &[]);
    // Within the leeway.
    let a_minute_ahead = with_claims(json!({"iat": NOW_UNIX + 60}));
    assert_rule("iat-in-future", &a_minute_ahead, &[]);
    assert_no_rule("iat-in-future", &a_minute_ahead, &["--leeway", "2m"]);
}

#[test]
fn rule_missing_iss() {
    let finding = assert_rule("missing-iss", &with_claims(json!({"iss": null})), &[]);
    assert_severity("missing-iss", &finding, "low");
    assert_no_rule("missing-iss", &with_claims(json!({})), &[]);
}

#[test]
fn rule_missing_aud() {
    let finding = assert_rule("missing-aud", &with_claims(json!({"aud": null})), &[]);
    assert_severity("missing-aud", &finding, "low");
    assert_no_rule("missing-aud", &with_claims(json!({})), &[]);
    assert_no_rule(
        "missing-aud",
        &with_claims(json!({"aud": ["api", "web"]})),
        &[],
    );
}

#[test]
fn rule_aud_wildcard() {
    for aud in [json!("*"), json!(["api", "*"])] {
        let finding = assert_rule("aud-wildcard", &with_claims(json!({"aud": aud})), &[]);
        assert_severity("aud-wildcard", &finding, "medium");
    }
    assert_no_rule("aud-wildcard", &with_claims(json!({"aud": "api"})), &[]);
}

#[test]
fn rule_missing_jti() {
    let finding = assert_rule("missing-jti", &with_claims(json!({"jti": null})), &[]);
    assert_severity("missing-jti", &finding, "info");
    assert_no_rule("missing-jti", &with_claims(json!({})), &[]);
}

#[test]
fn rule_missing_iat() {
    let finding = assert_rule("missing-iat", &with_claims(json!({"iat": null})), &[]);
    assert_severity("missing-iat", &finding, "low");
    assert_no_rule("missing-iat", &with_claims(json!({})), &[]);
}

#[test]
fn lifetime_without_iat_is_judged_from_nbf_or_now() {
    // Ten years and no iat: leaving iat out must not slip past the policy.
    let ten_years = with_claims(json!({"iat": null, "exp": NOW_UNIX + 10 * 365 * 86_400}));
    let finding = assert_rule("lifetime-too-long", &ten_years, &[]);
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("exp − now"), "{message}");
    assert!(
        message.starts_with("lifetime (exp − now, without iat or nbf) is 10y"),
        "{message}"
    );
    // From nbf when there is one: valid since a week ago for another hour is too long.
    let from_nbf = with_claims(json!({"iat": null, "nbf": NOW_UNIX - 7 * 86_400}));
    let finding = assert_rule("lifetime-too-long", &from_nbf, &[]);
    assert!(finding["message"].as_str().unwrap().contains("exp − nbf"));
    // An hour left of a token without iat or nbf is within a day's policy, but missing-iat.
    let short = with_claims(json!({"iat": null}));
    assert_no_rule("lifetime-too-long", &short, &[]);
    assert_rule("missing-iat", &short, &[]);
    // A string iat does not count as an iat either.
    let string_iat = with_claims(json!({"iat": "yesterday", "exp": NOW_UNIX + 30 * 86_400}));
    assert_rule("lifetime-too-long", &string_iat, &[]);
}

#[test]
fn id_token_profile_expects_oidc_claims_and_no_jti() {
    let id_token = with_claims(json!({
        "jti": null,
        "email": "jane@example.com",
        "phone_number": "+1 (425) 555-1212",
        "name": "Jane Doe",
        "given_name": "Jane",
        "family_name": "Doe",
        "birthdate": "1990-04-01",
        "picture": "https://example.com/jane.jpg",
        "address": {"street_address": "1 Main St", "locality": "Springfield"},
    }));
    let (_, record) = audit_one(&id_token, &["--profile", "id-token"]);
    assert_eq!(rules_of(&record), Vec::<String>::new(), "{record}");
    let (_, record) = audit_one(&id_token, &[]);
    let rules = rules_of(&record);
    for rule in [
        "missing-jti",
        "pii-email",
        "pii-phone",
        "pii-personal-name",
        "pii-date-of-birth",
        "pii-postal-address",
    ] {
        assert!(rules.iter().any(|r| r == rule), "{rule} in {rules:?}");
    }
    // One finding per address object, not one per member.
    let postal = record["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "pii-postal-address")
        .count();
    assert_eq!(postal, 1);
}

#[test]
fn secret_names_need_secret_values_to_be_critical() {
    assert_no_rule(
        "secret-password-field",
        &with_claims(json!({"secret_santa": "yes"})),
        &[],
    );
    let finding = assert_rule(
        "secret-password-field",
        &with_claims(json!({"secret_santa": "Bob"})),
        &[],
    );
    assert_severity("secret-password-field", &finding, "low");
    let finding = assert_rule(
        "secret-password-field",
        &with_claims(json!({"db_password": "Zx9-qL4m!pW2"})),
        &[],
    );
    assert_severity("secret-password-field", &finding, "critical");
}

#[test]
fn rule_typ_missing() {
    let token = forged(&json!({"alg": "ES256"}), &clean_claims());
    let finding = assert_rule("typ-missing", &token, &[]);
    assert_severity("typ-missing", &finding, "info");
    assert_no_rule("typ-missing", &with_header(json!({})), &[]);
}

#[test]
fn rule_typ_unusual() {
    for typ in ["foo", "application/json", "JWS"] {
        let finding = assert_rule("typ-unusual", &with_header(json!({"typ": typ})), &[]);
        assert_severity("typ-unusual", &finding, "low");
    }
    for typ in ["at+jwt", "application/at+jwt", "JWT", "jwt", "secevent+jwt"] {
        assert_no_rule("typ-unusual", &with_header(json!({"typ": typ})), &[]);
    }
}

#[test]
fn rule_profile_access_token() {
    let plain = with_claims(json!({}));
    let finding = assert_rule(
        "profile-access-token",
        &plain,
        &["--profile", "access-token"],
    );
    assert_severity("profile-access-token", &finding, "medium");
    assert_no_rule("profile-access-token", &plain, &[]);
    let rfc9068 = forged(
        &header(json!({"typ": "at+jwt"})),
        &claims(json!({"client_id": "client-1"})),
    );
    assert_no_rule(
        "profile-access-token",
        &rfc9068,
        &["--profile", "access-token"],
    );
    // typ at+jwt is required.
    let untyped = forged(&clean_header(), &claims(json!({"client_id": "client-1"})));
    assert_rule(
        "profile-access-token",
        &untyped,
        &["--profile", "access-token"],
    );
}

#[test]
fn rule_profile_id_token() {
    let no_sub = with_claims(json!({"sub": null}));
    let finding = assert_rule("profile-id-token", &no_sub, &["--profile", "id-token"]);
    assert_severity("profile-id-token", &finding, "medium");
    assert_no_rule("profile-id-token", &no_sub, &[]);
    let two_audiences = with_claims(json!({"aud": ["api", "web"]}));
    assert_rule(
        "profile-id-token",
        &two_audiences,
        &["--profile", "id-token"],
    );
    let with_azp = with_claims(json!({"aud": ["api", "web"], "azp": "web"}));
    assert_no_rule("profile-id-token", &with_azp, &["--profile", "id-token"]);
    assert_no_rule(
        "profile-id-token",
        &with_claims(json!({})),
        &["--profile", "id-token"],
    );
}

#[test]
fn rule_claims_schema() {
    let schema = crate::util::temp_file(
        r#"{"type":"object","properties":{"role":{"enum":["admin","user"]}}}"#,
    );
    let path = crate::util::path_of(&schema);
    let superuser = with_claims(json!({"role": "superuser"}));
    let finding = assert_rule("claims-schema", &superuser, &["--claims-schema", &path]);
    assert_severity("claims-schema", &finding, "medium");
    assert_eq!(finding["location"], "payload.role");
    assert_no_rule(
        "claims-schema",
        &with_claims(json!({"role": "user"})),
        &["--claims-schema", &path],
    );
    assert_no_rule("claims-schema", &superuser, &[]);
}

// ---- policy (jwtx.toml) ----------------------------------------------------------------

#[test]
fn rule_missing_required_claim() {
    let config = crate::util::temp_file(
        "[[token-type]]\nname = \"refresh\"\nmatch = { token_use = \"refresh\" }\nrequire = [\"tenant.id\"]\n",
    );
    let config = ["--config", &crate::util::path_of(&config)];
    let without = with_claims(json!({"token_use": "refresh"}));
    let finding = assert_rule("missing-required-claim", &without, &config);
    assert_severity("missing-required-claim", &finding, "medium");
    assert_eq!(finding["location"], "payload.tenant.id");
    assert_no_rule(
        "missing-required-claim",
        &with_claims(json!({"token_use": "refresh", "tenant": {"id": "t1"}})),
        &config,
    );
    assert_no_rule("missing-required-claim", &without, &[]);
}

#[test]
fn rule_unknown_issuer() {
    let config = crate::util::temp_file(format!(
        "[[issuer]]\niss = \"https://a.example.com\"\nkey = {:?}\n",
        key("ec-p256.pub.pem")
    ));
    let config = ["--config", &crate::util::path_of(&config)];
    let stranger = with_claims(json!({"iss": "https://b.example.com"}));
    let finding = assert_rule("unknown-issuer", &stranger, &config);
    assert_severity("unknown-issuer", &finding, "medium");
    assert_no_rule(
        "unknown-issuer",
        &with_claims(json!({"iss": "https://a.example.com"})),
        &config,
    );
    assert_no_rule("unknown-issuer", &stranger, &[]);
}

#[test]
fn rule_unexpected_claim_value() {
    let config = crate::util::temp_file(format!(
        "[[issuer]]\niss = \"https://a.example.com\"\nkey = {:?}\nexpect = {{ role = \"reader\", \"org.id\" = 7 }}\n",
        key("ec-p256.pub.pem")
    ));
    let config = ["--config", &crate::util::path_of(&config)];
    let admin =
        with_claims(json!({"iss": "https://a.example.com", "role": "admin", "org": {"id": 7}}));
    let finding = assert_rule("unexpected-claim-value", &admin, &config);
    assert_severity("unexpected-claim-value", &finding, "medium");
    assert_eq!(finding["location"], "payload.role");
    assert!(
        !finding["message"]
            .as_str()
            .unwrap_or_default()
            .contains("admin"),
        "{finding}"
    );
    assert_no_rule(
        "unexpected-claim-value",
        &with_claims(json!({"iss": "https://a.example.com", "role": "reader", "org": {"id": 7.0}})),
        &config,
    );
    assert_no_rule("unexpected-claim-value", &admin, &[]);
}

// ---- sensitive data ---------------------------------------------------------------------

/// Asserts `rule` fires for the claims `hit` and not for `miss`, at the expected
/// severity and location.
fn sensitive_rule(rule: &str, severity: &str, hit: Value, location: &str, miss: Value) {
    let finding = assert_rule(rule, &with_claims(hit), &[]);
    assert_severity(rule, &finding, severity);
    assert_eq!(
        finding["location"], location,
        "rule {rule}: location of {finding}"
    );
    assert_no_rule(rule, &with_claims(miss), &[]);
}

#[test]
fn rule_pii_email() {
    sensitive_rule(
        "pii-email",
        "medium",
        json!({"email": "jane.doe@example.com"}),
        "payload.email",
        json!({"email": "jane.doe at example dot com"}),
    );
}

#[test]
fn rule_pii_phone() {
    sensitive_rule(
        "pii-phone",
        "medium",
        json!({"phone_number": "+14155552671"}),
        "payload.phone_number",
        json!({"phone_number": "n/a"}),
    );
}

#[test]
fn rule_pii_ssn() {
    sensitive_rule(
        "pii-ssn",
        "high",
        json!({"ssn": "123-45-6789"}),
        "payload.ssn",
        json!({"ssn": "000-45-6789"}),
    );
}

#[test]
fn rule_pii_payment_card() {
    sensitive_rule(
        "pii-payment-card",
        "high",
        json!({"card": "4111111111111111"}),
        "payload.card",
        json!({"card": "4111111111111112"}),
    );
}

#[test]
fn rule_pii_iban() {
    sensitive_rule(
        "pii-iban",
        "medium",
        json!({"iban": "GB82WEST12345698765432"}),
        "payload.iban",
        json!({"iban": "GB83WEST12345698765432"}),
    );
}

#[test]
fn rule_pii_ip_address() {
    sensitive_rule(
        "pii-ip-address",
        "low",
        json!({"ip": "203.0.113.7"}),
        "payload.ip",
        json!({"app_version": "1.2.3.4"}),
    );
}

#[test]
fn rule_pii_date_of_birth() {
    sensitive_rule(
        "pii-date-of-birth",
        "medium",
        json!({"birthdate": "1990-04-01"}),
        "payload.birthdate",
        json!({"start_date": "1990-04-01"}),
    );
}

#[test]
fn rule_pii_postal_address() {
    sensitive_rule(
        "pii-postal-address",
        "medium",
        json!({"address": {"street_address": "1 Main St", "locality": "Springfield"}}),
        "payload.address",
        json!({"wallet": {"address": "0x52908400098527886E0F7030069857D2E4169EE7"}}),
    );
}

#[test]
fn rule_pii_personal_name() {
    sensitive_rule(
        "pii-personal-name",
        "low",
        json!({"given_name": "Jane"}),
        "payload.given_name",
        json!({"org": {"name": "Acme Corporation"}}),
    );
}

#[test]
fn rule_secret_password_field() {
    sensitive_rule(
        "secret-password-field",
        "critical",
        json!({"password": "hunter2"}),
        "payload.password",
        json!({"password_hint": "name of the first pet"}),
    );
}

#[test]
fn rule_secret_aws_key() {
    sensitive_rule(
        "secret-aws-key",
        "critical",
        json!({"aws": "AKIAIOSFODNN7EXAMPLE"}),
        "payload.aws",
        json!({"aws": "AKIAIOSFODNN7EXAMPL"}),
    );
}

#[test]
fn rule_secret_github_token() {
    // Built at run time so that the source holds no token-shaped literal.
    let token = format!("ghp_{}", "a1B2".repeat(9));
    sensitive_rule(
        "secret-github-token",
        "critical",
        json!({ "gh": token }),
        "payload.gh",
        json!({"gh": "ghp_short"}),
    );
}

#[test]
fn rule_secret_slack_token() {
    let token = format!("xoxb-{}-{}", "1234567890", "abcdefghij");
    sensitive_rule(
        "secret-slack-token",
        "critical",
        json!({ "slack": token }),
        "payload.slack",
        json!({"slack": "xoxb-short"}),
    );
}

#[test]
fn rule_secret_private_key() {
    let pem = std::fs::read_to_string(key("ec-p256.pkcs8.pem")).expect("read the key");
    let public = std::fs::read_to_string(key("ec-p256.pub.pem")).expect("read the key");
    sensitive_rule(
        "secret-private-key",
        "critical",
        json!({ "pk": pem }),
        "payload.pk",
        json!({ "pk": public }),
    );
}

#[test]
fn rule_secret_nested_token() {
    let inner = signed_clean(STRONG, &[]);
    let header_only = inner.split('.').next().unwrap().to_owned();
    sensitive_rule(
        "secret-nested-token",
        "high",
        json!({ "upstream": inner }),
        "payload.upstream",
        json!({ "upstream": header_only }),
    );
}

#[test]
fn rule_secret_stripe_key() {
    let live = format!("{}_live_{}", "sk", "4eC39HqLyjWDarjtT1zdp7dc");
    sensitive_rule(
        "secret-stripe-key",
        "critical",
        json!({ "note": format!("billing uses {live}") }),
        "payload.note",
        json!({ "note": format!("{}_live_{}", "pk", "4eC39HqLyjWDarjtT1zdp7dc") }),
    );
    let test = format!("{}_test_{}", "rk", "4eC39HqLyjWDarjtT1zdp7dc");
    let finding = assert_rule("secret-stripe-key", &with_claims(json!({ "k": test })), &[]);
    assert_severity("secret-stripe-key", &finding, "medium");
}

#[test]
fn rule_secret_google_api_key() {
    let key = format!("{}{}", "AIza", "SyD-9tSrke72PouQMnMX-a_s4oZ3a1b2c3d");
    sensitive_rule(
        "secret-google-api-key",
        "high",
        json!({ "maps": key }),
        "payload.maps",
        json!({ "maps": format!("{}{}", "AIza", "SyD-9tSrke72PouQ") }),
    );
}

#[test]
fn rule_secret_gitlab_token() {
    let token = format!("{}-{}", "glpat", "xY1_-xY1_-xY1_-xY1_-");
    sensitive_rule(
        "secret-gitlab-token",
        "critical",
        json!({ "ci": token }),
        "payload.ci",
        json!({ "ci": format!("{}-{}", "glpat", "xY1_-xY1_-") }),
    );
}

/// Triggers repeated through one long value (the token a line may hold is 1 MiB) are
/// read once each, not once per trigger to the end of the value (or back to its start,
/// for addresses): that took minutes for such a token, in any log `audit --scan` reads.
#[test]
fn repeated_credential_triggers_take_linear_time() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("tokens.txt");
    let mut lines = String::new();
    for (start, trigger) in [
        ("", "glpat-"),
        ("", "AIza-"),
        ("", "sk-proj-"),
        ("", "=eyJ"),
        ("", "eyJ.="),
        // Addresses in a URL's authority (user information and host): none is one.
        ("x://", "a@bb.cc;"),
    ] {
        let mut value = format!("{start}{}", trigger.repeat(120_000 / trigger.len()));
        // A real key at the end of the run is still found.
        value.push_str(&format!(" {}-{}", "glpat", "xY1_-xY1_-xY1_-xY1_-"));
        lines.push_str(&with_claims(json!({ "note": value })));
        lines.push('\n');
    }
    std::fs::write(&path, lines).unwrap();
    let started = std::time::Instant::now();
    let (_, records) = audit_json(&["--fail-on", "none", &format!("@{}", path.display())]);
    let elapsed = started.elapsed();
    let tokens = token_records(&records);
    assert_eq!(tokens.len(), 6, "{records:?}");
    for token in tokens {
        assert!(
            rules_of(token).contains(&"secret-gitlab-token".to_owned()),
            "{token}"
        );
    }
    assert!(
        elapsed < std::time::Duration::from_secs(30),
        "six 160 KB tokens took {elapsed:?}"
    );
}

#[test]
fn rule_secret_openai_key() {
    let key = format!("sk-{}T3BlbkFJ{}", "a1B2".repeat(5), "c3D4".repeat(5));
    sensitive_rule(
        "secret-openai-key",
        "critical",
        json!({ "llm": key }),
        "payload.llm",
        json!({ "llm": format!("sk-{}", "a1B2".repeat(12)) }),
    );
}

#[test]
fn rule_secret_npm_token() {
    let token = format!("{}_{}", "npm", "a1B2c3".repeat(6));
    sensitive_rule(
        "secret-npm-token",
        "critical",
        json!({ "registry": token }),
        "payload.registry",
        json!({ "registry": "npm_config_registry" }),
    );
}

#[test]
fn rule_secret_database_url() {
    sensitive_rule(
        "secret-database-url",
        "critical",
        json!({"dsn": "postgres://app:s3cr3t-Pa55@db.internal:5432/orders"}),
        "payload.dsn",
        json!({"dsn": "postgres://app:${DB_PASSWORD}@db.internal:5432/orders"}),
    );
}

#[test]
fn rule_secret_url_password() {
    sensitive_rule(
        "secret-url-password",
        "high",
        json!({"feed": "https://deploy:Zq8x2-kLm4@git.example.com/team/app.git"}),
        "payload.feed",
        json!({"feed": "https://deploy:${GIT_TOKEN}@git.example.com/team/app.git"}),
    );
    // A database URL is the other rule's, not both.
    let token = with_claims(json!({"dsn": "postgres://app:s3cr3t-Pa55@db.internal/orders"}));
    assert_no_rule("secret-url-password", &token, &[]);
}

#[test]
fn rule_secret_basic_credentials() {
    sensitive_rule(
        "secret-basic-credentials",
        "critical",
        json!({"upstream": "Basic YWxhZGRpbjpvcGVuc2VzYW1l"}),
        "payload.upstream",
        json!({"plan": "Basic plan"}),
    );
}

#[test]
fn quiet_claims_produce_no_sensitive_findings() {
    let token = with_claims(json!({
        "scope": "openid email",
        "amr": ["pwd"],
        "email_verified": true,
    }));
    let (code, record) = audit_one(&token, &["--fail-on", "info"]);
    let rules = rules_of(&record);
    assert!(
        !rules
            .iter()
            .any(|r| r.starts_with("pii-") || r.starts_with("secret-")),
        "quiet claims reported as sensitive: {rules:?}"
    );
    assert_eq!(rules, Vec::<String>::new());
    assert_eq!(code, 0);
}

#[test]
fn sensitive_values_are_masked_in_every_format() {
    let raw = [
        "jane.doe@example.com",
        "123-45-6789",
        "4111111111111111",
        "GB82WEST12345698765432",
    ];
    let token = with_claims(json!({
        "email": raw[0],
        "ssn": raw[1],
        "card": raw[2],
        "iban": raw[3],
    }));
    for format in ["text", "json", "sarif"] {
        let assert = audit(&["--format", format, &token]).assert().code(1);
        let (stdout, stderr) = outputs(&assert);
        for rule in ["pii-email", "pii-ssn", "pii-payment-card", "pii-iban"] {
            assert!(stdout.contains(rule), "{format}: {rule} missing: {stdout}");
        }
        for value in raw {
            assert!(
                !stdout.contains(value) && !stderr.contains(value),
                "{format}: the raw value {value} appears in the report: {stdout}"
            );
        }
        for masked in ["ja******", "12******", "41******", "GB******"] {
            assert!(
                stdout.contains(masked),
                "{format}: mask {masked} missing: {stdout}"
            );
        }
        // Not even a longer prefix of the value.
        for prefix in ["jane", "123-4", "41111", "GB82"] {
            assert!(!stdout.contains(prefix), "{format}: {prefix} shown");
        }
    }
}

// ---- format ---------------------------------------------------------------------------

#[test]
fn rule_base64_non_strict() {
    let clean = with_claims(json!({}));
    let sig_len = clean.rsplit('.').next().unwrap().len();
    let padded_sig = format!("{clean}{}", "=".repeat((4 - sig_len % 4) % 4));
    assert!(padded_sig.ends_with('='));
    let finding = assert_rule("base64-non-strict", &padded_sig, &[]);
    assert_severity("base64-non-strict", &finding, "low");
    // A padded payload segment: pick claims whose segment needs padding.
    let padded_payload = (0..4)
        .map(|n| claims(json!({"pad": "x".repeat(n)})))
        .map(|c| b64url(c.to_string()))
        .find(|p| p.len() % 4 != 0)
        .map(|p| {
            let pad = "=".repeat(4 - p.len() % 4);
            format!(
                "{}.{p}{pad}.{}",
                b64url(clean_header().to_string()),
                b64url(FAKE_SIG)
            )
        })
        .expect("some payload needs padding");
    assert_rule("base64-non-strict", &padded_payload, &[]);
    assert_no_rule("base64-non-strict", &clean, &[]);
}

#[test]
fn rule_duplicate_member() {
    let payload = format!(
        r#"{{"iss":"{ISS}","sub":"user-1","sub":"admin","aud":"api","iat":{NOW_UNIX},"exp":{},"jti":"id-1"}}"#,
        NOW_UNIX + 3600
    );
    let token = compact(&clean_header().to_string(), &payload, &FAKE_SIG);
    let finding = assert_rule("duplicate-member", &token, &[]);
    assert_severity("duplicate-member", &finding, "high");
    let header = r#"{"alg":"ES256","typ":"JWT","alg":"none"}"#;
    let dup_header = compact(header, &clean_claims().to_string(), &FAKE_SIG);
    assert_rule("duplicate-member", &dup_header, &[]);
    assert_no_rule(
        "duplicate-member",
        &with_claims(json!({"sub2": "admin"})),
        &[],
    );
}

#[test]
fn rule_non_utf8_json() {
    let payload = |name: &[u8]| {
        let mut bytes = format!(
            r#"{{"iss":"{ISS}","aud":"api","jti":"id-1","iat":{NOW_UNIX},"exp":{},"sub":""#,
            NOW_UNIX + 3600
        )
        .into_bytes();
        bytes.extend_from_slice(name);
        bytes.extend_from_slice(b"\"}");
        format!(
            "{}.{}.{}",
            b64url(clean_header().to_string()),
            b64url(bytes),
            b64url(FAKE_SIG)
        )
    };
    let finding = assert_rule("non-utf8-json", &payload(b"jos\xe9"), &[]);
    assert_severity("non-utf8-json", &finding, "medium");
    assert_no_rule("non-utf8-json", &payload("josé".as_bytes()), &[]);
}

#[test]
fn rule_malformed_claims() {
    let token = compact(
        &clean_header().to_string(),
        r#"{"iss":"https://issuer.example.com","#,
        &FAKE_SIG,
    );
    let finding = assert_rule("malformed-claims", &token, &[]);
    assert_severity("malformed-claims", &finding, "medium");
    // A payload that does not look like JSON is just not claims.
    let opaque = compact(&clean_header().to_string(), "hello world", &FAKE_SIG);
    assert_no_rule("malformed-claims", &opaque, &[]);
    assert_no_rule("malformed-claims", &with_claims(json!({})), &[]);
}

#[test]
fn rule_oversized_token() {
    let big = with_claims(json!({"data": "a".repeat(7000)}));
    assert!(big.len() > 8 * 1024, "{}", big.len());
    let finding = assert_rule("oversized-token", &big, &[]);
    assert_severity("oversized-token", &finding, "low");
    let fits = with_claims(json!({"data": "a".repeat(5000)}));
    assert!(fits.len() < 8 * 1024, "{}", fits.len());
    assert_no_rule("oversized-token", &fits, &[]);
}

#[test]
fn rule_encrypted_token() {
    let (_, record) = audit_one(JWE_RFC7516_A1, &[]);
    assert_eq!(
        rules_of(&record),
        ["encrypted-token"],
        "rule encrypted-token: a JWE gets exactly this finding"
    );
    assert_eq!(record["findings"][0]["severity"], "info");
    assert_no_rule("encrypted-token", &with_claims(json!({})), &[]);
}

#[test]
fn rule_rsa_roca_key() {
    // More cases (embedded jwk, x5c chains, near misses) in audit_roca.rs.
    let roca = key("roca/roca-2049.pub.pem");
    let finding = assert_rule("rsa-roca-key", &with_header(json!({})), &["--key", &roca]);
    assert_severity("rsa-roca-key", &finding, "critical");
    assert_no_rule(
        "rsa-roca-key",
        &with_header(json!({})),
        &["--key", &key("rsa2048.pub.pem")],
    );
}

#[test]
fn rule_token_exposed() {
    // Only for leaks: a token given directly is not one, unless --treat-as-leaks. More
    // cases (--scan, --key, expired, unsecured) in audit_leaks.rs.
    let live = with_claims(json!({}));
    assert_no_rule("token-exposed", &live, &[]);
    let finding = assert_rule("token-exposed", &live, &["--treat-as-leaks"]);
    assert_severity("token-exposed", &finding, "high");
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.contains("valid until 2026-01-01T01:00:00Z"),
        "{message}"
    );
    let expired = with_claims(json!({"iat": NOW_UNIX - 7200, "exp": NOW_UNIX - 3600}));
    let finding = assert_rule("token-exposed", &expired, &["--treat-as-leaks"]);
    assert_severity("token-exposed", &finding, "low");
}

#[test]
fn rule_token_in_url() {
    // Known only from where --scan found the token; more cases in audit_leaks.rs.
    let dir = TempDir::new().unwrap();
    let in_url = with_claims(json!({"jti": "in-url"}));
    let in_header = with_claims(json!({"jti": "in-header"}));
    std::fs::write(
        dir.path().join("access.log"),
        format!("GET /cb?access_token={in_url} HTTP/1.1\nAuthorization: Bearer {in_header}\n"),
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let (_, records) = audit_json(&["--scan", path]);
    let tokens = token_records(&records);
    assert_eq!(tokens.len(), 2, "{records:?}");
    let finding = tokens[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "token-in-url")
        .cloned()
        .unwrap_or_else(|| panic!("no token-in-url: {:?}", rules_of(tokens[0])));
    assert_severity("token-in-url", &finding, "medium");
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("access_token"), "{message}");
    assert!(
        !rules_of(tokens[1]).contains(&"token-in-url".to_owned()),
        "{records:?}"
    );
}

// ---- encryption (more in tests/cli/jwe_audit.rs) ----------------------------------------

fn rfc7516(name: &str) -> String {
    std::fs::read_to_string(fixture(&format!("jwe/rfc7516/{name}")))
        .unwrap()
        .trim()
        .to_owned()
}

#[test]
fn rule_jwe_rsa1_5() {
    let finding = assert_rule("jwe-rsa1-5", &rfc7516("a2.jwe"), &[]);
    assert_eq!(finding["location"], "header.alg");
    assert_no_rule("jwe-rsa1-5", JWE_RFC7516_A1, &[]);
}

#[test]
fn rule_jwe_not_decrypted() {
    let other = fixture("jwe/rfc7516/a2.jwk");
    let finding = assert_rule(
        "jwe-not-decrypted",
        JWE_RFC7516_A1,
        &["--decrypt-key", &other],
    );
    assert_severity("jwe-not-decrypted", &finding, "medium");
    let own = fixture("jwe/rfc7516/a1.jwk");
    assert_no_rule(
        "jwe-not-decrypted",
        JWE_RFC7516_A1,
        &["--decrypt-key", &own],
    );
    // Without a key nothing is tried.
    assert_no_rule("jwe-not-decrypted", JWE_RFC7516_A1, &[]);
}

#[test]
fn rule_jwe_unsigned_content() {
    let assert = run([
        "encrypt",
        "--key",
        &key("rsa2048.pub.pem"),
        r#"{"sub":"alice"}"#,
    ])
    .assert()
    .success();
    let jwe = stdout_of(&assert).trim().to_owned();
    let private = key("rsa2048.pkcs8.pem");
    assert_rule("jwe-unsigned-content", &jwe, &["--decrypt-key", &private]);
    // Text content (RFC 7516 A.1's) is no claims set.
    let own = fixture("jwe/rfc7516/a1.jwk");
    assert_no_rule(
        "jwe-unsigned-content",
        JWE_RFC7516_A1,
        &["--decrypt-key", &own],
    );
}

#[test]
fn rule_session_cookie_weak_secret() {
    let weak: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("cookies/weak.json")).unwrap())
            .unwrap();
    let cookie = weak["cookies"][0]["value"].as_str().unwrap();
    let finding = assert_rule(
        "session-cookie-weak-secret",
        cookie,
        &["--preset", "authjs"],
    );
    assert_severity("session-cookie-weak-secret", &finding, "critical");
    let strong: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("cookies/cookies.json")).unwrap())
            .unwrap();
    let cookie = strong["cookies"]["authjs"]["value"].as_str().unwrap();
    assert_no_rule(
        "session-cookie-weak-secret",
        cookie,
        &["--preset", "authjs"],
    );
}

// ---- --list-rules ---------------------------------------------------------------------

#[test]
fn list_rules_json_is_the_whole_registry() {
    let assert = run(["audit", "--list-rules", "--format", "json"])
        .assert()
        .code(0);
    assert!(assert.get_output().stderr.is_empty());
    let records = json_lines(&assert.get_output().stdout);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, RULE_IDS, "registry ids (and order)");
    for r in &records {
        for field in ["id", "severity", "title", "why", "fix", "reference"] {
            assert!(
                r[field].as_str().is_some_and(|s| !s.trim().is_empty()),
                "rule {}: {field} missing or empty in {r}",
                r["id"]
            );
        }
        assert!(
            ["critical", "high", "medium", "low", "info"]
                .contains(&r["severity"].as_str().unwrap()),
            "rule {}: severity {}",
            r["id"],
            r["severity"]
        );
    }
}

#[test]
fn list_rules_text_prints_every_id() {
    let assert = run(["audit", "--list-rules"]).assert().code(0);
    let stdout = stdout_of(&assert);
    let first_words: BTreeSet<&str> = stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    for id in RULE_IDS {
        assert!(
            first_words.contains(id),
            "rule {id} missing from --list-rules:\n{stdout}"
        );
    }
    // A header line plus one line per rule.
    assert_eq!(stdout.lines().count(), RULE_IDS.len() + 1, "{stdout}");
}

// Key set rules (audit --jwks): sets and keys in tests/cli/audit_jwks.rs.

#[test]
fn rule_jwks_private_key() {
    crate::audit_jwks::assert_rule("jwks-private-key");
}

#[test]
fn rule_jwks_symmetric_key() {
    crate::audit_jwks::assert_rule("jwks-symmetric-key");
}

#[test]
fn rule_jwks_rsa_too_small() {
    crate::audit_jwks::assert_rule("jwks-rsa-too-small");
}

#[test]
fn rule_jwks_roca_key() {
    crate::audit_jwks::assert_rule("jwks-roca-key");
}

#[test]
fn rule_jwks_rsa_exponent() {
    crate::audit_jwks::assert_rule("jwks-rsa-exponent");
}

#[test]
fn rule_jwks_invalid_point() {
    crate::audit_jwks::assert_rule("jwks-invalid-point");
}

#[test]
fn rule_jwks_unknown_key_type() {
    crate::audit_jwks::assert_rule("jwks-unknown-key-type");
}

#[test]
fn rule_jwks_malformed_member() {
    crate::audit_jwks::assert_rule("jwks-malformed-member");
}

#[test]
fn rule_jwks_duplicate_kid() {
    crate::audit_jwks::assert_rule("jwks-duplicate-kid");
}

#[test]
fn rule_jwks_duplicate_key() {
    crate::audit_jwks::assert_rule("jwks-duplicate-key");
}

#[test]
fn rule_jwks_missing_kid() {
    crate::audit_jwks::assert_rule("jwks-missing-kid");
}

#[test]
fn rule_jwks_alg_mismatch() {
    crate::audit_jwks::assert_rule("jwks-alg-mismatch");
}

#[test]
fn rule_jwks_use_conflict() {
    crate::audit_jwks::assert_rule("jwks-use-conflict");
}

#[test]
fn rule_jwks_x5c_mismatch() {
    crate::audit_jwks::assert_rule("jwks-x5c-mismatch");
}

#[test]
fn rule_jwks_x5c_expired() {
    crate::audit_jwks::assert_rule("jwks-x5c-expired");
}

#[test]
fn rule_jwks_x5t_mismatch() {
    crate::audit_jwks::assert_rule("jwks-x5t-mismatch");
}

#[test]
fn rule_jwks_shared_modulus() {
    crate::audit_jwks::assert_rule("jwks-shared-modulus");
}

#[test]
fn rule_jwks_kid_reused() {
    crate::audit_jwks::assert_rule("jwks-kid-reused");
}

#[test]
fn rule_jwks_kid_changed() {
    crate::audit_jwks::assert_rule("jwks-kid-changed");
}

#[test]
fn rule_jwks_key_added() {
    crate::audit_jwks::assert_rule("jwks-key-added");
}

#[test]
fn rule_jwks_key_removed() {
    crate::audit_jwks::assert_rule("jwks-key-removed");
}

#[test]
fn every_registry_rule_has_a_rule_test() {
    let source = include_str!("audit.rs");
    for id in registry_ids() {
        let name = format!("fn rule_{}(", id.replace('-', "_"));
        assert!(
            source.contains(&name),
            "rule {id}: no `{name}` test in tests/cli/audit.rs"
        );
    }
}

// ---- inputs ---------------------------------------------------------------------------

#[test]
fn tokens_as_arguments() {
    let a = unsecured("arg-a");
    let b = signed_clean(STRONG, &[]);
    let (code, records) = audit_json(&[&a, &b]);
    assert_eq!(code, 1);
    let tokens = token_records(&records);
    assert_eq!(tokens.len(), 2);
    for (i, (record, token)) in tokens.iter().zip([&a, &b]).enumerate() {
        assert_eq!(record["source"], "argument");
        assert_eq!(record["line"], i + 1);
        assert_eq!(record["fingerprint"], sha256_12(token));
    }
    assert!(rules_of(tokens[0]).contains(&"alg-none".to_owned()));
    assert!(rules_of(tokens[1]).is_empty());
}

#[test]
fn tokens_from_a_file() {
    let path = fixture("audit/tokens.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let (code, records) = audit_json(&[&format!("@{path}")]);
    assert_eq!(code, 1);
    let tokens = token_records(&records);
    assert_eq!(tokens.len(), 2, "{records:?}");
    assert_eq!(tokens[0]["source"], path.as_str());
    assert_eq!(tokens[0]["line"], 1);
    assert_eq!(tokens[0]["fingerprint"], sha256_12(lines[0]));
    assert!(rules_of(tokens[0]).contains(&"alg-none".to_owned()));
    // Line 2 is blank.
    assert_eq!(tokens[1]["line"], 3);
    assert_eq!(tokens[1]["fingerprint"], sha256_12(lines[2]));
    assert!(rules_of(tokens[1]).contains(&"hmac-weak-secret".to_owned()));
}

#[test]
fn tokens_from_stdin() {
    let a = unsecured("stdin-a");
    let b = with_claims(json!({}));
    for args in [&["--format", "json"][..], &["--format", "json", "-"][..]] {
        let assert = audit(args)
            .write_stdin(format!("{a}\n{b}\n"))
            .assert()
            .code(1);
        let records = json_lines(&assert.get_output().stdout);
        let tokens = token_records(&records);
        assert_eq!(tokens.len(), 2, "{args:?}");
        assert!(tokens.iter().all(|t| t["source"] == "stdin"));
        assert_eq!(tokens[0]["line"], 1);
        assert_eq!(tokens[1]["line"], 2);
        assert_eq!(tokens[0]["fingerprint"], sha256_12(&a));
    }
}

/// A directory tree to scan, in a temporary directory that is also `HOME` (so no
/// user's global gitignore applies).
struct Tree {
    dir: TempDir,
    /// Line 2, column 12 of tree/sub/config.py.
    config: String,
    /// Unsigned (ends with '.'), line 2, column 9 of tree/sub/notes.md (after "π → see ").
    unsigned: String,
    /// In tree/ignored/secret.txt (ignored/ is in .gitignore).
    ignored: String,
    /// In tree/app.log (*.log is in .gitignore).
    log: String,
    /// Line 1, column 12 of tree/vendor/lib.js.
    vendor: String,
    /// Line 3, column 7 of tree/lookalikes.txt, after lines that only look like tokens.
    real: String,
}

impl Tree {
    fn new() -> Tree {
        let dir = TempDir::new().expect("temp dir");
        let root = dir.path().join("tree");
        let tree = Tree {
            config: sign(&[
                "--allow-weak-key",
                "--secret",
                "secret",
                "--sub",
                "scan-config",
            ]),
            unsigned: unsecured("scan-unsigned"),
            ignored: sign(&[
                "--allow-weak-key",
                "--secret",
                "secret",
                "--sub",
                "scan-ignored",
            ]),
            log: sign(&[
                "--allow-weak-key",
                "--secret",
                "secret",
                "--sub",
                "scan-log",
            ]),
            vendor: sign(&[
                "--allow-weak-key",
                "--secret",
                "secret",
                "--sub",
                "scan-vendor",
            ]),
            real: sign(&[
                "--allow-weak-key",
                "--secret",
                "secret",
                "--sub",
                "scan-real",
            ]),
            dir,
        };
        assert!(tree.unsigned.ends_with('.'));
        let write = |rel: &str, bytes: &[u8]| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        };
        write(".gitignore", b"ignored/\n*.log\n");
        // Sorted first: a binary file with NUL bytes, invalid UTF-8 and a token start.
        let mut binary = vec![0u8, 1, 2, 0xff, 0xfe, 0, 0x80, b'\n'];
        binary.extend_from_slice(b"eyJhbGciOiJIUzI1NiJ9\0\0");
        binary.extend((0..=255u8).cycle().take(4096));
        write("a.bin", &binary);
        write("app.log", format!("token {}\n", tree.log).as_bytes());
        write(
            "ignored/secret.txt",
            format!("{}\n", tree.ignored).as_bytes(),
        );
        write(
            "lookalikes.txt",
            format!(
                "{}\nhost eyeglasses.example.com.au and eyJhbGciOiJIUzI1NiJ9garbage.eyJ4.eHl6\nreal: {}\n",
                // A header segment of `{"alg":"HS` (not JSON), then two more segments.
                "eyJhbGciOiJIUw.eyJzdWIiOiJ4In0.c2ln",
                tree.real
            )
            .as_bytes(),
        );
        write(
            "sub/config.py",
            format!("line one\n  token = \"{}\"\n", tree.config).as_bytes(),
        );
        write(
            "sub/notes.md",
            format!("x\nπ → see {}.\n", tree.unsigned).as_bytes(),
        );
        write(
            "vendor/lib.js",
            format!("const t = '{}';\n", tree.vendor).as_bytes(),
        );
        tree
    }

    /// `jwtx audit` run in the temporary directory, which is also HOME.
    fn audit(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = audit(args);
        cmd.current_dir(self.dir.path())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path());
        cmd
    }

    /// `--format json --scan tree <args>`: exit code and records.
    fn scan_json(&self, args: &[&str]) -> (i32, Vec<Value>) {
        let assert = self
            .audit(&["--format", "json", "--scan", "tree"])
            .args(args)
            .assert();
        let code = documented_code(&assert);
        (code, json_lines(&assert.get_output().stdout))
    }
}

/// (source, line, column, fingerprint) of every token record.
fn positions(records: &[Value]) -> Vec<(String, u64, u64, String)> {
    token_records(records)
        .iter()
        .map(|r| {
            (
                r["source"].as_str().unwrap().to_owned(),
                r["line"].as_u64().unwrap(),
                r["column"]
                    .as_u64()
                    .unwrap_or_else(|| panic!("scan record without a column: {r}")),
                r["fingerprint"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn scan_reports_file_line_and_column() {
    let tree = Tree::new();
    let (code, records) = tree.scan_json(&[]);
    assert_eq!(code, 1);
    let expected = vec![
        (
            "tree/lookalikes.txt".to_owned(),
            3,
            7,
            sha256_12(&tree.real),
        ),
        (
            "tree/sub/config.py".to_owned(),
            2,
            12,
            sha256_12(&tree.config),
        ),
        (
            "tree/sub/notes.md".to_owned(),
            2,
            9,
            sha256_12(&tree.unsigned),
        ),
        (
            "tree/vendor/lib.js".to_owned(),
            1,
            12,
            sha256_12(&tree.vendor),
        ),
    ];
    let mut found = positions(&records);
    found.sort();
    assert_eq!(found, expected, "{records:?}");
    assert_eq!(summary_of(&records)["tokens"], 4);
}

#[test]
fn scan_honours_gitignore() {
    let tree = Tree::new();
    let (_, records) = tree.scan_json(&[]);
    let fingerprints: Vec<String> = positions(&records).into_iter().map(|p| p.3).collect();
    for (what, token) in [
        ("ignored/secret.txt", &tree.ignored),
        ("app.log", &tree.log),
    ] {
        assert!(
            !fingerprints.contains(&sha256_12(token)),
            "the token in gitignored {what} was reported: {records:?}"
        );
        assert!(
            !records
                .iter()
                .any(|r| r["source"].as_str().is_some_and(|s| s.ends_with(what))),
            "{what} was scanned"
        );
        // The token is findable when the file is named directly.
        let assert = tree
            .audit(&["--format", "json", "--scan", &format!("tree/{what}")])
            .assert()
            .code(1);
        let direct = json_lines(&assert.get_output().stdout);
        let direct: Vec<String> = positions(&direct).into_iter().map(|p| p.3).collect();
        assert_eq!(direct, [sha256_12(token)], "{what} scanned directly");
    }
}

#[test]
fn scan_exclude_glob_skips_paths() {
    let tree = Tree::new();
    let (_, all) = tree.scan_json(&[]);
    let vendor_fp = sha256_12(&tree.vendor);
    assert!(positions(&all).iter().any(|p| p.3 == vendor_fp));
    let (code, records) = tree.scan_json(&["--exclude", "vendor/**"]);
    assert_eq!(code, 1);
    let found = positions(&records);
    assert!(
        !found
            .iter()
            .any(|p| p.3 == vendor_fp || p.0.contains("vendor")),
        "excluded vendor/ was scanned: {found:?}"
    );
    assert_eq!(found.len(), 3, "only vendor/ is excluded: {found:?}");
    let (code, records) = tree.scan_json(&["--exclude", "*.md", "--exclude", "sub/config.py"]);
    assert_eq!(code, 1);
    let sources: Vec<String> = positions(&records).into_iter().map(|p| p.0).collect();
    assert_eq!(sources, ["tree/lookalikes.txt", "tree/vendor/lib.js"]);
}

#[test]
fn scan_takes_several_paths() {
    let tree = Tree::new();
    let assert = tree
        .audit(&[
            "--format",
            "json",
            "--scan",
            "tree/vendor",
            "tree/sub/config.py",
        ])
        .assert()
        .code(1);
    let records = json_lines(&assert.get_output().stdout);
    let found: Vec<(String, String)> = positions(&records)
        .into_iter()
        .map(|p| (p.0, p.3))
        .collect();
    assert_eq!(
        found,
        [
            ("tree/vendor/lib.js".to_owned(), sha256_12(&tree.vendor)),
            ("tree/sub/config.py".to_owned(), sha256_12(&tree.config)),
        ],
        "the paths in the order given"
    );
}

#[test]
fn scan_catches_unsigned_tokens_ending_in_a_dot() {
    let tree = Tree::new();
    let (_, records) = tree.scan_json(&[]);
    let fp = sha256_12(&tree.unsigned);
    let record = token_records(&records)
        .into_iter()
        .find(|r| r["fingerprint"] == fp.as_str())
        .unwrap_or_else(|| panic!("the unsigned token was not found: {records:?}"));
    assert_eq!(
        record["length"],
        tree.unsigned.len(),
        "with its trailing dot"
    );
    assert!(rules_of(record).contains(&"alg-none".to_owned()));
}

#[test]
fn scan_survives_a_binary_file() {
    let tree = Tree::new();
    let (code, records) = tree.scan_json(&[]);
    assert_eq!(code, 1, "findings, not an input error");
    assert!(!records.iter().any(|r| r["type"] == "error"), "{records:?}");
    assert_eq!(summary_of(&records)["errors"], 0);
    // Files after it (in path order) were still scanned.
    assert!(
        positions(&records)
            .iter()
            .any(|p| p.0 == "tree/vendor/lib.js")
    );
    // A binary file named on its own is no error either.
    let assert = tree
        .audit(&["--format", "json", "--scan", "tree/a.bin"])
        .assert();
    let code = documented_code(&assert);
    let records = json_lines(&assert.get_output().stdout);
    assert_eq!(code, 0, "{records:?}");
    assert_eq!(summary_of(&records)["errors"], 0);
}

#[test]
fn scan_skips_strings_that_look_like_tokens_but_do_not_parse() {
    let tree = Tree::new();
    let (_, records) = tree.scan_json(&[]);
    let from_file: Vec<_> = positions(&records)
        .into_iter()
        .filter(|p| p.0 == "tree/lookalikes.txt")
        .collect();
    assert_eq!(
        from_file,
        [(
            "tree/lookalikes.txt".to_owned(),
            3,
            7,
            sha256_12(&tree.real)
        )],
        "only the real token of lookalikes.txt"
    );
    assert!(!records.iter().any(|r| r["type"] == "error"));
}

#[test]
fn scan_stdin() {
    let unsigned = unsecured("scan-stdin");
    let text = format!("log line\nuser said: see {unsigned}. bye\n");
    let assert = audit(&["--format", "json", "--scan", "-"])
        .write_stdin(text)
        .assert()
        .code(1);
    let records = json_lines(&assert.get_output().stdout);
    let tokens = token_records(&records);
    assert_eq!(tokens.len(), 1, "{records:?}");
    assert_eq!(tokens[0]["source"], "stdin");
    assert_eq!(tokens[0]["line"], 2);
    assert_eq!(tokens[0]["column"], 16);
    assert_eq!(tokens[0]["length"], unsigned.len());
    assert!(rules_of(tokens[0]).contains(&"alg-none".to_owned()));
    // Text with no token: nothing to report, and that is not an error for --scan.
    let assert = audit(&["--format", "json", "--scan", "-"])
        .write_stdin("nothing to see here\n")
        .assert()
        .code(0);
    let records = json_lines(&assert.get_output().stdout);
    assert_eq!(summary_of(&records)["tokens"], 0);
}

// ---- weak secrets: wordlist, masking ---------------------------------------------------

#[test]
fn wordlist_finds_a_secret_outside_the_builtin_list() {
    let token = signed_clean(WORDLIST_SECRET, &[]);
    assert_no_rule("hmac-weak-secret", &token, &[]);
    let wordlist = fixture("audit/wordlist.txt");
    let finding = assert_rule("hmac-weak-secret", &token, &["--wordlist", &wordlist]);
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.contains("wordlist") && message.contains("line 3"),
        "rule hmac-weak-secret: the wordlist and its line: {message}"
    );
    assert!(!message.contains("built-in"), "{message}");
}

#[test]
fn found_secrets_are_masked_unless_revealed() {
    let token = signed_clean(WORDLIST_SECRET, &[]);
    let wordlist = fixture("audit/wordlist.txt");
    for format in ["text", "json", "sarif"] {
        let (code, out) = report(format, &["--wordlist", &wordlist, &token]);
        assert_eq!(code, 1, "{format}");
        assert!(out.contains("hmac-weak-secret"), "{format}: {out}");
        assert!(
            !out.contains(WORDLIST_SECRET) && !out.contains("Tr0"),
            "{format}: more than 2 characters of the secret shown: {out}"
        );
        assert!(out.contains("Tr******"), "{format}: {out}");
        let (code, out) = report(
            format,
            &["--wordlist", &wordlist, "--reveal-secrets", &token],
        );
        assert_eq!(code, 1);
        assert!(
            out.contains(WORDLIST_SECRET),
            "{format}: --reveal-secrets: {out}"
        );
    }
    // Built-in list too.
    let builtin = signed_clean("your-256-bit-secret", &[]);
    let (_, out) = report("json", &[&builtin]);
    assert!(!out.contains("your-256-bit-secret") && out.contains("yo******"));
}

#[test]
fn ignore_rule_hmac_weak_secret_turns_the_search_off() {
    let wordlist = fixture("audit/wordlist.txt");
    for token in [
        signed_clean(WORDLIST_SECRET, &[]),
        signed_clean("secret", &[]),
    ] {
        let (code, record) = audit_one(
            &token,
            &["--wordlist", &wordlist, "--ignore-rule", "hmac-weak-secret"],
        );
        assert!(rules_of(&record).is_empty(), "{record}");
        assert_eq!(code, 0);
    }
}

// ---- tokens are credentials ----------------------------------------------------------

/// A token with findings: alg none.
fn findings_token() -> String {
    unsecured("credential")
}

#[test]
fn reports_never_contain_the_whole_token() {
    let token = findings_token();
    for format in ["text", "json", "sarif"] {
        let assert = audit(&["--format", format, &token]).assert().code(1);
        let (stdout, stderr) = outputs(&assert);
        assert!(stdout.contains(&sha256_12(&token)), "{format}: {stdout}");
        assert!(
            !stdout.contains(&token) && !stderr.contains(&token),
            "{format}: the whole token is in the report: {stdout}"
        );
    }
    // Scanned files too (SARIF snippets).
    let tree = Tree::new();
    for format in ["text", "json", "sarif"] {
        let assert = tree
            .audit(&["--format", format, "--scan", "tree"])
            .assert()
            .code(1);
        let (stdout, _) = outputs(&assert);
        for token in [&tree.config, &tree.unsigned, &tree.vendor] {
            assert!(!stdout.contains(token.as_str()), "{format}: {stdout}");
        }
    }
}

#[test]
fn reveal_tokens_prints_the_whole_token_in_text_and_json() {
    let token = findings_token();
    for format in ["text", "json"] {
        let (code, out) = report(format, &["--reveal-tokens", &token]);
        assert_eq!(code, 1);
        assert!(out.contains(&token), "{format}: {out}");
    }
    let (_, records) = audit_json(&["--reveal-tokens", &token]);
    assert_eq!(token_records(&records)[0]["token"], token.as_str());
}

#[test]
fn reveal_tokens_puts_scanned_tokens_in_sarif() {
    let tree = Tree::new();
    let assert = tree
        .audit(&["--format", "sarif", "--reveal-tokens", "--scan", "tree"])
        .assert()
        .code(1);
    let out = stdout_of(&assert);
    assert!(out.contains(&tree.config), "{out}");
}

#[test]
fn reveal_tokens_puts_argument_tokens_in_sarif() {
    let token = findings_token();
    let (code, out) = report("sarif", &["--reveal-tokens", &token]);
    assert_eq!(code, 1);
    assert!(out.contains(&token), "{out}");
}

#[test]
fn tokens_are_named_by_origin_and_fingerprint() {
    let token = findings_token();
    let fp = sha256_12(&token);
    assert_eq!(fp.len(), 12);
    assert!(fp.bytes().all(|b| b.is_ascii_hexdigit()));
    let (_, text) = report("text", &[&token]);
    assert!(
        text.lines()
            .next()
            .is_some_and(|l| l.starts_with(&format!("argument 1  token {fp}"))),
        "{text}"
    );
    let (_, records) = audit_json(&[&token]);
    assert_eq!(token_records(&records)[0]["fingerprint"], fp.as_str());
    assert_eq!(token_records(&records)[0]["source"], "argument");
    let (_, doc) = sarif(&[&token]);
    for result in doc["runs"][0]["results"].as_array().unwrap() {
        assert_eq!(result["properties"]["token"], fp.as_str());
        assert!(result["message"]["text"].as_str().unwrap().contains(&fp));
    }
    // stdin: "line N".
    let assert = audit(&[])
        .write_stdin(format!("{}\n{token}\n", with_claims(json!({}))))
        .assert()
        .code(1);
    assert!(
        stdout_of(&assert).contains(&format!("line 2  token {fp}")),
        "{}",
        stdout_of(&assert)
    );
}

// ---- controls -------------------------------------------------------------------------

#[test]
fn ignore_rule_drops_the_rule() {
    let token = with_claims(json!({"exp": null}));
    let (code, record) = audit_one(&token, &[]);
    assert_eq!(code, 1);
    assert!(rules_of(&record).contains(&"missing-exp".to_owned()));
    let (code, record) = audit_one(&token, &["--ignore-rule", "missing-exp"]);
    assert!(!rules_of(&record).contains(&"missing-exp".to_owned()));
    assert_eq!(code, 0, "nothing at or above high is left");
}

#[test]
fn ignore_rule_with_an_unknown_id_is_a_usage_error() {
    let token = with_claims(json!({}));
    audit(&["--ignore-rule", "no-such-rule", &token])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("no-such-rule"));
}

#[test]
fn severity_reranks_a_rule() {
    let token = with_claims(json!({"exp": null}));
    let (code, record) = audit_one(&token, &["--severity", "missing-exp=low"]);
    let finding = &record["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "missing-exp")
        .cloned()
        .expect("missing-exp");
    assert_eq!(finding["severity"], "low");
    assert_eq!(code, 0);
    let clean = with_claims(json!({"iss": null}));
    let (code, record) = audit_one(&clean, &["--severity", "missing-iss=critical"]);
    assert_eq!(record["findings"][0]["rule"], "missing-iss");
    assert_eq!(record["findings"][0]["severity"], "critical");
    assert_eq!(code, 1);
    let (code, records) = audit_json(&["--severity", "missing-iss=critical", &clean]);
    assert_eq!(code, 1);
    assert_eq!(summary_of(&records)["by_severity"]["critical"], 1);
    assert_eq!(summary_of(&records)["by_severity"]["low"], 0);
}

#[test]
fn severity_with_a_bad_id_or_level_is_a_usage_error() {
    let token = with_claims(json!({}));
    for spec in [
        "missing-exp=urgent",
        "no-such-rule=high",
        "missing-exp",
        "=high",
    ] {
        audit(&["--severity", spec, &token])
            .assert()
            .code(2)
            .stdout("");
    }
}

#[test]
fn baseline_suppresses_recorded_findings() {
    let dir = TempDir::new().unwrap();
    let base = dir.path().join("baseline.json");
    let base = base.to_str().unwrap();
    let old = findings_token();
    audit(&[
        "--format",
        "json",
        "--fail-on",
        "info",
        "--output",
        base,
        &old,
    ])
    .assert()
    .code(1)
    .stdout("");
    let recorded = json_lines(&std::fs::read(base).unwrap());
    let n = token_records(&recorded)[0]["findings"]
        .as_array()
        .unwrap()
        .len();
    assert!(n >= 3, "{recorded:?}");

    let (code, records) = audit_json(&["--baseline", base, "--fail-on", "info", &old]);
    assert_eq!(code, 0, "everything is in the baseline: {records:?}");
    assert!(rules_of(token_records(&records)[0]).is_empty());
    let summary = summary_of(&records);
    assert_eq!(summary["suppressed"], n);
    assert_eq!(summary["findings"], 0);
    assert_eq!(summary["failed"], false);
    let (code, text) = report("text", &["--baseline", base, "--fail-on", "info", &old]);
    assert_eq!(code, 0);
    assert!(text.contains(&format!("{n} suppressed")), "{text}");

    // A new token's findings are not in the baseline.
    let new = unsecured("new");
    let (code, records) = audit_json(&["--baseline", base, &old, &new]);
    assert_eq!(code, 1);
    assert!(rules_of(token_records(&records)[1]).contains(&"alg-none".to_owned()));
    assert_eq!(summary_of(&records)["suppressed"], n);
}

/// A token whose worst finding is medium (header-crit).
fn medium_token() -> String {
    with_header(json!({"crit": ["exp"]}))
}

#[test]
fn fail_on_thresholds() {
    let medium = medium_token();
    let info_only = forged(&json!({"alg": "ES256"}), &clean_claims()); // typ-missing
    let critical = findings_token();
    let cases = [
        (&medium, "critical", 0),
        (&medium, "high", 0),
        (&medium, "medium", 1),
        (&medium, "low", 1),
        (&medium, "info", 1),
        (&medium, "none", 0),
        (&info_only, "low", 0),
        (&info_only, "info", 1),
        (&info_only, "none", 0),
        (&critical, "critical", 1),
        (&critical, "none", 0),
    ];
    for (token, level, expected) in cases {
        let (code, records) = audit_json(&["--fail-on", level, token]);
        assert_eq!(code, expected, "--fail-on {level} for {records:?}");
        let summary = summary_of(&records);
        assert_eq!(summary["failed"], expected == 1, "--fail-on {level}");
        if level != "none" {
            assert_eq!(summary["fail_on"], level);
        }
    }
    // The default is high.
    assert_eq!(audit_json(&[&medium]).0, 0);
    let high = with_claims(json!({"exp": null}));
    assert_eq!(audit_json(&[&high]).0, 1);
    audit(&["--fail-on", "urgent", &medium]).assert().code(2);
}

#[test]
fn unreadable_input_is_exit_5_unless_something_fails() {
    let fine = with_claims(json!({}));
    let assert = audit(&["--format", "json"])
        .write_stdin(format!("not-a-token\n{fine}\n"))
        .assert()
        .code(5);
    let records = json_lines(&assert.get_output().stdout);
    let error = records
        .iter()
        .find(|r| r["type"] == "error")
        .expect("an error record");
    assert_eq!(error["line"], 1);
    assert_eq!(summary_of(&records)["errors"], 1);
    assert_eq!(summary_of(&records)["tokens"], 1);
    // A failing finding wins over the unreadable line.
    audit(&[])
        .write_stdin(format!("not-a-token\n{}\n", findings_token()))
        .assert()
        .code(1);
    // Text: the unreadable line is on stderr.
    audit(&[])
        .write_stdin(format!("not-a-token\n{fine}\n"))
        .assert()
        .code(5)
        .stderr(predicates::str::contains("line 1"));
}

#[test]
fn an_empty_token_list_is_exit_5() {
    audit(&[]).write_stdin("").assert().code(5);
    audit(&[]).write_stdin("\n\n").assert().code(5);
    let empty = temp_file("");
    audit(&[&format!("@{}", path_of(&empty))]).assert().code(5);
}

// ---- output ---------------------------------------------------------------------------

#[test]
fn text_groups_findings_by_token_and_ends_with_a_summary() {
    let a = findings_token();
    let b = medium_token();
    let clean = with_claims(json!({}));
    let (code, text) = report("text", &[&a, &clean, &b]);
    assert_eq!(code, 1);
    let blocks: Vec<&str> = text.trim_end().split("\n\n").collect();
    assert_eq!(blocks.len(), 3, "two token blocks and the summary: {text}");
    assert!(blocks[0].starts_with(&format!("argument 1  token {}", sha256_12(&a))));
    assert!(blocks[0].contains("alg-none"));
    assert!(!blocks[0].contains("header-crit"));
    assert!(blocks[1].starts_with(&format!("argument 3  token {}", sha256_12(&b))));
    assert!(blocks[1].contains("header-crit"));
    assert!(!blocks[1].contains("alg-none"));
    for block in &blocks[..2] {
        for line in block.lines().skip(1) {
            assert!(line.starts_with("  "), "findings are indented: {line:?}");
        }
    }
    let last = text.lines().last().unwrap();
    assert!(
        last.starts_with("3 tokens audited, ") && last.contains("failing"),
        "summary line: {last:?}"
    );
    assert!(text.ends_with('\n'));
}

#[test]
fn json_lines_records() {
    let a = findings_token();
    let clean = with_claims(json!({}));
    let (code, records) = audit_json(&[&a, &clean]);
    assert_eq!(code, 1);
    assert_eq!(records.len(), 3, "two tokens then the summary");
    for (i, token) in [&a, &clean].into_iter().enumerate() {
        let r = &records[i];
        assert_eq!(r["version"], 1);
        assert_eq!(r["type"], "token");
        assert_eq!(r["fingerprint"], sha256_12(token));
        assert_eq!(r["length"], token.len());
        assert!(r.get("token").is_none(), "no token without --reveal-tokens");
    }
    let findings = records[0]["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    let keys: BTreeSet<&str> = [
        "rule",
        "severity",
        "title",
        "message",
        "location",
        "fingerprint",
    ]
    .into_iter()
    .collect();
    for f in findings {
        let have: BTreeSet<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(have, keys, "{f}");
        assert!(RULE_IDS.contains(&f["rule"].as_str().unwrap()));
        assert!(!f["fingerprint"].as_str().unwrap().is_empty());
    }
    let alg_none = &findings[0];
    assert_eq!(alg_none["rule"], "alg-none", "most severe first");
    assert_eq!(alg_none["title"], "Unsecured token (alg \"none\")");
    assert_eq!(alg_none["location"], "header.alg");
    assert_eq!(records[1]["findings"], json!([]));
    let s = &records[2];
    assert_eq!(s["type"], "summary");
    assert_eq!(s["tokens"], 2);
    assert_eq!(s["findings"], findings.len());
    let by: u64 = ["critical", "high", "medium", "low", "info"]
        .iter()
        .map(|k| s["by_severity"][k].as_u64().unwrap())
        .sum();
    assert_eq!(by, findings.len() as u64);
    assert_eq!(s["suppressed"], 0);
    assert_eq!(s["errors"], 0);
    assert_eq!(s["fail_on"], "high");
    assert_eq!(s["failed"], true);
}

#[test]
fn output_writes_the_whole_report_to_the_file() {
    let dir = TempDir::new().unwrap();
    let token = findings_token();
    for format in ["text", "json", "sarif"] {
        let path = dir.path().join(format!("report.{format}"));
        let p = path.to_str().unwrap();
        audit(&["--format", format, "--output", p, &token])
            .assert()
            .code(1)
            .stdout("");
        let written = std::fs::read_to_string(&path).expect("the report file");
        let (_, expected) = report(format, &[&token]);
        assert_eq!(
            written, expected,
            "{format}: the file holds the whole report"
        );
    }
}

#[test]
fn run_level_failure_creates_no_output_file() {
    let dir = TempDir::new().unwrap();
    let token = findings_token();
    let missing = dir.path().join("missing");
    let missing = missing.to_str().unwrap();
    for (flag, code) in [("--baseline", 5), ("--key", 6), ("--wordlist", 5)] {
        let out = dir.path().join(format!("report{flag}.json"));
        audit(&[
            "--format",
            "json",
            "--output",
            out.to_str().unwrap(),
            flag,
            missing,
            &token,
        ])
        .assert()
        .code(code)
        .stdout("");
        assert!(!out.exists(), "{flag}: the report file was created");
    }
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(names.is_empty(), "no temporary file left behind: {names:?}");
}

#[test]
fn empty_token_list_creates_no_output_file() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("report.json");
    audit(&["--format", "json", "--output", out.to_str().unwrap()])
        .write_stdin("")
        .assert()
        .code(5);
    assert!(!out.exists(), "the report file was created");
}

// ---- SARIF ----------------------------------------------------------------------------

#[test]
fn sarif_validates_and_lists_every_rule() {
    let tokens = [
        findings_token(),
        medium_token(),
        with_claims(json!({"email": "jane.doe@example.com"})),
    ];
    let args: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let (code, doc) = sarif(&args);
    assert_eq!(code, 1);
    assert_valid_sarif(&doc);
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    let rule_ids: Vec<String> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(rule_ids, registry_ids(), "one SARIF rule per registry id");
    assert!(
        run["columnKind"].is_string(),
        "columnKind: {}",
        run["columnKind"]
    );
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let (_, records) = audit_json(&args);
    let json_count: usize = token_records(&records)
        .iter()
        .map(|r| r["findings"].as_array().unwrap().len())
        .sum();
    assert_eq!(results.len(), json_count, "one result per finding");
    for result in results {
        let id = result["ruleId"].as_str().unwrap();
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rule_ids[index], id, "ruleIndex points at the rule");
        let fps = result["partialFingerprints"]
            .as_object()
            .unwrap_or_else(|| panic!("result without partialFingerprints: {result}"));
        assert!(
            !fps.is_empty()
                && fps
                    .values()
                    .all(|v| v.as_str().is_some_and(|s| !s.is_empty()))
        );
    }
    assert!(results.iter().any(|r| r["ruleId"] == "pii-email"));
}

#[test]
fn sarif_without_findings_validates() {
    let (code, doc) = sarif(&[&with_claims(json!({}))]);
    assert_eq!(code, 0);
    assert_valid_sarif(&doc);
    assert_eq!(doc["runs"][0]["results"], json!([]));
}

#[test]
fn sarif_scan_results_have_physical_locations() {
    let tree = Tree::new();
    let assert = tree
        .audit(&["--format", "sarif", "--scan", "tree"])
        .assert()
        .code(1);
    let doc: Value = serde_json::from_str(&stdout_of(&assert)).expect("SARIF is JSON");
    assert_valid_sarif(&doc);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let expected = [
        ("tree/sub/config.py", 2, 12, &tree.config),
        ("tree/sub/notes.md", 2, 9, &tree.unsigned),
        ("tree/vendor/lib.js", 1, 12, &tree.vendor),
        ("tree/lookalikes.txt", 3, 7, &tree.real),
    ];
    for (uri, line, column, token) in expected {
        let fp = sha256_12(token);
        let mine: Vec<&Value> = results
            .iter()
            .filter(|r| r["properties"]["token"] == fp.as_str())
            .collect();
        assert!(!mine.is_empty(), "no SARIF result for {uri}");
        for r in mine {
            let physical = &r["locations"][0]["physicalLocation"];
            assert_eq!(
                physical["artifactLocation"]["uri"], uri,
                "relative uri: {physical}"
            );
            assert_eq!(physical["region"]["startLine"], line, "{uri}: {physical}");
            assert_eq!(
                physical["region"]["startColumn"], column,
                "{uri}: {physical}"
            );
        }
    }
    // The expected columns are where the tokens really are, in code points.
    for (rel, line, column, token) in expected {
        let text = std::fs::read_to_string(tree.dir.path().join(rel)).unwrap();
        let text_line = text.lines().nth(line - 1).unwrap();
        let at = text_line.find(token.as_str()).expect("token on its line");
        assert_eq!(text_line[..at].chars().count() + 1, column, "{rel}");
    }
}
