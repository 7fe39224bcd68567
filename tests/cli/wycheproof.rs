//! C2SP Wycheproof's JSON Web Crypto vectors, copied under tests/fixtures/wycheproof/
//! (source and commit in its README): every case of json_web_signature_test.json and
//! json_web_key_test.json, and every JWS case of json_web_crypto_test.json, runs through
//! `jwtx verify` with its group's key and must end as the vector says. A `valid` case
//! verifies: exit 0 and a "valid (...)" line. An `invalid` case does not: a documented
//! non-zero exit, nothing on stdout, one line on stderr, never a panic; in the key file,
//! where the key itself is what is wrong, that exit is 6 (key problem).
//!
//! Where jwtx and a vector part ways, the case is listed in `UPSTREAM_CONTRADICTIONS`
//! with its reason (each checked against the data): vectors that contradict their own
//! file or the RFCs, where jwtx is right. The test asserts what jwtx does, so that any
//! change shows up here.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

use crate::util::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Suite {
    Signature,
    Key,
    Crypto,
}

impl Suite {
    fn file(self) -> &'static str {
        match self {
            Suite::Signature => "json_web_signature_test.json",
            Suite::Key => "json_web_key_test.json",
            Suite::Crypto => "json_web_crypto_test.json",
        }
    }
}

/// What makes an upstream vector wrong, in a form this test can check.
#[derive(Clone, Copy, Debug)]
enum Evidence {
    /// The key's `alg` pin is the only obstacle: without it the token verifies.
    AlgPinIsTheOnlyObstacle,
    /// The token is byte for byte that of this other case of the file, same key,
    /// labelled the other way.
    SameTokenAs(u32),
    /// A segment holds a character outside the base64url alphabet.
    OutsideBase64url,
}

struct Contradiction {
    suite: Suite,
    tc_id: u32,
    /// jwtx's exit code for the case, asserted.
    jwtx_exit: i32,
    evidence: Evidence,
    /// Why the vector is wrong and jwtx is right.
    why: &'static str,
}

/// Vectors that contradict another vector of their own file or RFC 7515/7517/7518.
/// jwtx's behaviour is right for each; do not bend the verifier to fit them.
const UPSTREAM_CONTRADICTIONS: &[Contradiction] = &[
    Contradiction {
        suite: Suite::Signature,
        tc_id: 346,
        jwtx_exit: 1,
        evidence: Evidence::AlgPinIsTheOnlyObstacle,
        why: "RFC 7520 Figure 20 is a PS384 signature, but the group's key is pinned to \
              \"alg\": \"PS256\". RFC 7517 §4.4 makes `alg` the algorithm the key is meant \
              for, and this file labels tcIds 338 and 340 (PS256 and PS384 tokens against a \
              key pinned to PS512, flag WrongPrimitive) invalid for exactly that. jwtx \
              refuses the algorithm (exit 1); without the pin the token verifies.",
    },
    Contradiction {
        suite: Suite::Signature,
        tc_id: 350,
        jwtx_exit: 1,
        evidence: Evidence::AlgPinIsTheOnlyObstacle,
        why: "Same token and key pin as tcId 346 (the key adds key_ops [\"verify\"]).",
    },
    Contradiction {
        suite: Suite::Signature,
        tc_id: 347,
        jwtx_exit: 6,
        evidence: Evidence::AlgPinIsTheOnlyObstacle,
        why: "RFC 7520 Figure 27 is an ES512 signature, but the P-521 key is pinned to \
              \"ES521\", a name RFC 7518 §3.1 does not register (P-521 with SHA-512 is \
              ES512), and json_web_key_test.json tcId 19 labels a key pinned to ES521 \
              invalid. jwtx refuses a key pinned to an algorithm its type cannot serve \
              (exit 6), as that key-file vector asks; without the pin the token verifies.",
    },
    Contradiction {
        suite: Suite::Signature,
        tc_id: 351,
        jwtx_exit: 6,
        evidence: Evidence::AlgPinIsTheOnlyObstacle,
        why: "Same token and \"ES521\" pin as tcId 347 (the key adds key_ops [\"verify\"]).",
    },
    Contradiction {
        suite: Suite::Signature,
        tc_id: 367,
        jwtx_exit: 0,
        evidence: Evidence::SameTokenAs(357),
        why: "\"invalidBase64Padding\" is byte for byte the token of tcId 357 (ValidMac, \
              valid) under the same key; a verifier's answer depends on token and key only, \
              so both labels cannot hold. The padded form the name describes is refused \
              (exit 5): see `padded_forms_of_the_valid_mac_are_refused`.",
    },
    Contradiction {
        suite: Suite::Signature,
        tc_id: 370,
        jwtx_exit: 0,
        evidence: Evidence::SameTokenAs(357),
        why: "\"invalidBase64PaddingInPayload\": as tcId 367, the token of tcId 357 again.",
    },
    Contradiction {
        suite: Suite::Signature,
        tc_id: 372,
        jwtx_exit: 5,
        evidence: Evidence::OutsideBase64url,
        why: "Labelled valid with a '?' inserted in the header segment, outside the \
              base64url alphabet RFC 7515 §2 and §7.1 require of every segment; this file \
              labels the same insertion invalid in the MAC (361, 362), the header (366) and \
              the payload (369, 371). jwtx refuses the token as malformed (exit 5).",
    },
    Contradiction {
        suite: Suite::Signature,
        tc_id: 373,
        jwtx_exit: 5,
        evidence: Evidence::OutsideBase64url,
        why: "As tcId 372, with the '?' in the payload segment.",
    },
];

/// Key-file cases that are `invalid` because of the token, not the key: the signature
/// was modified, so jwtx's answer is 1 (bad signature), not 6.
const KEY_FILE_TOKEN_CASES: &[u32] = &[3];

/// The JWS algorithm names `--alg` accepts.
const JWS_ALGS: [&str; 13] = [
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
    "ES384", "ES512", "EdDSA",
];

fn load(suite: Suite) -> Value {
    let path = fixture(&format!("wycheproof/{}", suite.file()));
    let text = std::fs::read_to_string(path).expect("wycheproof file");
    let doc: Value = serde_json::from_str(&text).expect("wycheproof file is JSON");
    let count: usize = groups(&doc)
        .iter()
        .map(|g| g["tests"].as_array().expect("tests").len())
        .sum();
    assert_eq!(
        Some(count as u64),
        doc["numberOfTests"].as_u64(),
        "{}: numberOfTests does not match the cases",
        suite.file()
    );
    doc
}

fn groups(doc: &Value) -> &Vec<Value> {
    doc["testGroups"].as_array().expect("testGroups")
}

fn tc_id(case: &Value) -> u32 {
    let id = case["tcId"].as_u64().expect("tcId");
    u32::try_from(id).expect("tcId fits u32")
}

/// The key a verifier is given: the group's public key, or its secret key when there is
/// no public one (`oct`).
fn verifying_key(group: &Value) -> &Value {
    group
        .get("public")
        .or_else(|| group.get("private"))
        .expect("group has a key")
}

/// The JWKs of a JWK or a JWKS.
fn jwks(key: &Value) -> Vec<&Value> {
    match key.get("keys").and_then(Value::as_array) {
        Some(keys) => keys.iter().collect(),
        None => vec![key],
    }
}

/// The token as jwtx receives it: the compact form as is, a JSON serialization as text.
fn token_text(case: &Value) -> Option<String> {
    match case.get("jws")? {
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn header_alg(token: &str) -> Option<String> {
    let header = URL_SAFE_NO_PAD.decode(token.split('.').next()?).ok()?;
    let header: Value = serde_json::from_slice(&header).ok()?;
    header["alg"].as_str().map(str::to_owned)
}

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `jwtx verify` of one token with `key` (written to a temporary file), judging the
/// signature only; `--alg` names the header's algorithm when the key pins none.
fn verify(key: &Value, token: &str) -> Outcome {
    let file = temp_file(key.to_string());
    let mut cmd = run(["verify", "--now", NOW, "--ignore-exp", "--key"]);
    cmd.arg(path_of(&file));
    if jwks(key).iter().all(|k| k.get("alg").is_none())
        && let Some(alg) = header_alg(token).filter(|a| JWS_ALGS.contains(&a.as_str()))
    {
        cmd.args(["--alg", &alg]);
    }
    let assert = cmd.arg("--").arg(token).assert();
    Outcome {
        // -1 when killed by a signal; judged in `Want::mismatch`, so that a panic or an
        // undocumented exit is reported with its tcId.
        code: assert.get_output().status.code().unwrap_or(-1),
        stdout: stdout_of(&assert),
        stderr: stderr_of(&assert),
    }
}

/// A file's JWS cases by tcId: token, whether labelled valid, and the verifying key.
type Tokens<'a> = BTreeMap<u32, (String, bool, &'a Value)>;

/// What the test asserts of one case.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Want {
    Verifies,
    /// Any documented non-zero exit.
    Refused,
    RefusedWith(i32),
}

impl Want {
    fn exit(code: i32) -> Want {
        if code == 0 {
            Want::Verifies
        } else {
            Want::RefusedWith(code)
        }
    }

    /// `None` when the outcome is what this asks for, else what went wrong.
    fn mismatch(self, outcome: &Outcome) -> Option<String> {
        let Outcome {
            code,
            stdout,
            stderr,
        } = outcome;
        let documented = DOCUMENTED_EXIT_CODES.contains(code) && !stderr.contains("panicked");
        let ok = documented
            && match self {
                Want::Verifies => *code == 0 && stdout.starts_with("valid (") && stderr.is_empty(),
                Want::Refused | Want::RefusedWith(_) => {
                    let code_ok = match self {
                        Want::RefusedWith(want) => *code == want,
                        _ => *code != 0,
                    };
                    code_ok
                        && stdout.is_empty()
                        && stderr.ends_with('\n')
                        && stderr.lines().count() == 1
                }
            };
        (!ok).then(|| {
            format!("wanted {self:?}; jwtx exited {code}, stdout {stdout:?}, stderr {stderr:?}")
        })
    }
}

/// How a case was judged, for the tally.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    AsLabelled,
    UpstreamContradiction,
}

/// Runs every case of `suite` and fails with the list of cases that did not end as
/// expected (or as documented above).
fn check_suite(suite: Suite) {
    let doc = load(suite);
    let mut tokens: Tokens<'_> = BTreeMap::new();
    for group in groups(&doc) {
        for case in group["tests"].as_array().expect("tests") {
            if let Some(token) = token_text(case) {
                let valid = case["result"] == "valid";
                tokens.insert(tc_id(case), (token, valid, verifying_key(group)));
            }
        }
    }

    let mut failures = Vec::new();
    let mut tally: BTreeMap<Verdict, usize> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for group in groups(&doc) {
        let key = verifying_key(group);
        for case in group["tests"].as_array().expect("tests") {
            let Some(token) = token_text(case) else {
                // A JWE case of the crypto file: jwtx verifies signatures only.
                assert_eq!(suite, Suite::Crypto, "case without a JWS: {case}");
                assert!(case.get("jwe").is_some(), "case without a JWS: {case}");
                continue;
            };
            let id = tc_id(case);
            seen.insert(id);
            let label = case["result"].as_str().expect("result");
            let right = match (label, suite) {
                ("valid", _) => Want::Verifies,
                ("invalid", Suite::Key) if KEY_FILE_TOKEN_CASES.contains(&id) => {
                    Want::RefusedWith(1)
                }
                ("invalid", Suite::Key) => Want::RefusedWith(6),
                ("invalid", _) => Want::Refused,
                (other, _) => panic!("{} tcId {id}: unknown result {other:?}", suite.file()),
            };

            let mut notes = Vec::new();
            let mut why = None;
            let (verdict, want) = if let Some(c) = UPSTREAM_CONTRADICTIONS
                .iter()
                .find(|c| (c.suite, c.tc_id) == (suite, id))
            {
                notes.extend(check_evidence(c, key, &token, &tokens));
                why = Some(c.why);
                (Verdict::UpstreamContradiction, Want::exit(c.jwtx_exit))
            } else {
                (Verdict::AsLabelled, right)
            };
            if verdict != Verdict::AsLabelled && want == right {
                notes.push(format!(
                    "listed as {verdict:?} but the vector says {label}: a stale entry?"
                ));
            }
            let outcome = verify(key, &token);
            notes.extend(want.mismatch(&outcome));
            if !notes.is_empty()
                && let Some(why) = why
            {
                notes.push(format!(
                    "listed as an upstream contradiction because: {why}"
                ));
            }
            if notes.is_empty() {
                *tally.entry(verdict).or_default() += 1;
            } else {
                failures.push(format!(
                    "tcId {id} ({}, flags {}, group {}, labelled {label}): {}",
                    case["comment"].as_str().unwrap_or_default(),
                    case["flags"],
                    group["comment"].as_str().unwrap_or_default(),
                    notes.join("; ")
                ));
            }
        }
    }

    let listed = UPSTREAM_CONTRADICTIONS
        .iter()
        .map(|c| (c.suite, c.tc_id))
        .chain(KEY_FILE_TOKEN_CASES.iter().map(|&t| (Suite::Key, t)));
    for (s, t) in listed {
        if s == suite && !seen.contains(&t) {
            failures.push(format!("listed tcId {t} is not a JWS case of the file"));
        }
    }
    eprintln!("{}: {tally:?}", suite.file());
    assert!(
        failures.is_empty(),
        "{}: {} case(s) did not end as expected:\n{}",
        suite.file(),
        failures.len(),
        failures.join("\n")
    );
}

/// Checks a contradiction's evidence: the case is listed for the reason it gives.
fn check_evidence(
    c: &Contradiction,
    key: &Value,
    token: &str,
    tokens: &Tokens<'_>,
) -> Option<String> {
    match c.evidence {
        Evidence::AlgPinIsTheOnlyObstacle => {
            let mut unpinned = key.clone();
            match unpinned.get_mut("keys").and_then(Value::as_array_mut) {
                Some(keys) => keys.iter_mut().for_each(strip_alg),
                None => strip_alg(&mut unpinned),
            }
            Want::Verifies
                .mismatch(&verify(&unpinned, token))
                .map(|m| format!("without the key's alg pin: {m}"))
        }
        Evidence::SameTokenAs(other) => match tokens.get(&other) {
            Some((same, valid, same_key))
                if same == token && *same_key == key && *valid != (c.jwtx_exit != 0) =>
            {
                None
            }
            _ => Some(format!(
                "the token and key are not those of tcId {other} with the opposite label"
            )),
        },
        Evidence::OutsideBase64url => token
            .split('.')
            .all(|s| {
                s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            })
            .then(|| "every segment is base64url".to_owned()),
    }
}

fn strip_alg(jwk: &mut Value) {
    if let Some(members) = jwk.as_object_mut() {
        members.remove("alg");
    }
}

#[test]
fn signature_file_cases_end_as_labelled_or_documented() {
    check_suite(Suite::Signature);
}

#[test]
fn key_file_cases_end_as_labelled_or_documented() {
    check_suite(Suite::Key);
}

#[test]
fn crypto_file_jws_cases_end_as_labelled_or_documented() {
    check_suite(Suite::Crypto);
}

/// What tcIds 367 and 370 are named after: the token of tcId 357 with base64 padding in
/// the payload or the signature. jwtx refuses both as malformed (RFC 7515 §2).
#[test]
fn padded_forms_of_the_valid_mac_are_refused() {
    let doc = load(Suite::Signature);
    let (group, case) = groups(&doc)
        .iter()
        .find_map(|g| {
            g["tests"]
                .as_array()?
                .iter()
                .find(|c| tc_id(c) == 357)
                .map(|c| (g, c))
        })
        .expect("tcId 357");
    let token = case["jws"].as_str().expect("jws");
    let key = verifying_key(group);
    assert_eq!(verify(key, token).code, 0, "tcId 357 verifies unpadded");
    let [header, payload, signature]: [&str; 3] = token
        .split('.')
        .collect::<Vec<_>>()
        .try_into()
        .expect("three segments");
    let pad = |s: &str| format!("{s}{}", "=".repeat((4 - s.len() % 4) % 4));
    for padded in [
        format!("{header}.{}.{signature}", pad(payload)),
        format!("{header}.{payload}.{}", pad(signature)),
    ] {
        assert_ne!(padded, token, "the segment needs padding");
        let outcome = verify(key, &padded);
        assert_eq!(Want::RefusedWith(5).mismatch(&outcome), None, "{padded}");
        assert!(outcome.stderr.contains("padding"), "{}", outcome.stderr);
    }
}
