//! A published key set read the way an auditor reads it: every key, every member, nothing
//! refused. The loader (`jwk.rs`) reads each key as it always does; beside its verdict
//! this records the facts a review needs and the loader either enforces or does not
//! care about: which private members are present (their names, never their values), the
//! members that are not what RFC 7517/7518 say they must be, the RSA modulus and
//! exponent, the EC point's coordinates, the first `x5c` certificate and the `x5t`
//! digests. It judges nothing: what is wrong, and how badly, is the audit's call.

use std::collections::HashMap;

use aws_lc_rs::digest;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use spki::der::Decode;

use super::jwk::{jwk_key, strip_zeros};
use super::jwks::PRIVATE_MEMBERS;
use super::roca;
use super::thumbprint::{self, ThumbprintHash};
use super::verifying::{public_from_certificate, rsa_bits};
use super::{KeyError, VerifyingKey};
use crate::token::b64;

/// A key set document, inspected.
#[derive(Debug)]
pub struct InspectedSet {
    /// The document was a single JWK (an object with `kty` and no `keys`), read as a set
    /// of one.
    pub single_jwk: bool,
    pub keys: Vec<InspectedKey>,
}

/// The `kid` member as found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kid {
    Missing,
    Text(String),
    /// Present but not a string (its JSON text).
    NotText(String),
}

impl Kid {
    pub fn text(&self) -> Option<&str> {
        match self {
            Kid::Text(kid) => Some(kid),
            _ => None,
        }
    }
}

/// A member that is not what it must be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberProblem {
    pub member: String,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Required for the key type and absent.
    Missing,
    /// Not the JSON type the member has (a string, an array of strings).
    WrongType(&'static str),
    /// Not base64url at all (or, for `x5c`, not base64).
    NotBase64,
    /// Base64url a strict reader refuses: padding, the standard alphabet, non-canonical
    /// trailing bits.
    NotStrict,
    /// Decodes to nothing.
    Empty,
    /// The same value twice in `key_ops`.
    Repeated(String),
}

/// An RSA key's public numbers.
#[derive(Clone, Debug)]
pub struct RsaFacts {
    /// The modulus, big-endian, without leading zeros.
    pub modulus: Vec<u8>,
    pub bits: usize,
    /// The public exponent, when it fits in 64 bits.
    pub exponent: Option<u64>,
    pub exponent_even: bool,
    pub roca: bool,
}

/// An EC or OKP key's point, as given.
#[derive(Clone, Debug)]
pub struct PointFacts {
    /// Each coordinate given (`x`, and `y` for EC) with its decoded length.
    pub lengths: Vec<(&'static str, usize)>,
    /// The length the curve needs, when jwtx knows the curve.
    pub expected: Option<usize>,
    /// Whether the point is a valid public key on the curve, when jwtx can tell (the
    /// curve is one it implements and the lengths are right).
    pub valid: Option<bool>,
}

/// The first certificate of `x5c` and the `x5t` digests.
#[derive(Clone, Debug, Default)]
pub struct CertificateFacts {
    /// Why `x5c` (or its first entry) cannot be read, when it cannot.
    pub unreadable: Option<String>,
    /// Whether the certificate's public key is the JWK's key (`None` when either key
    /// cannot be read: then `key_problem` says why).
    pub same_key: Option<bool>,
    pub key_problem: Option<String>,
    /// notBefore and notAfter, Unix seconds.
    pub not_before: Option<i64>,
    pub not_after: Option<i64>,
    /// `x5t` (SHA-1) and `x5t#S256` against the certificate: member name, matches.
    pub digests: Vec<(&'static str, bool)>,
}

/// One key of the set.
#[derive(Debug)]
pub struct InspectedKey {
    pub index: usize,
    /// First and last byte of the key's JSON object in the document, when found.
    pub span: Option<(usize, usize)>,
    /// The entry is not a JSON object at all (nothing else below is set).
    pub not_object: bool,
    pub kid: Kid,
    pub kty: Option<String>,
    pub crv: Option<String>,
    pub alg: Option<String>,
    pub usage: Option<String>,
    pub key_ops: Option<Vec<String>>,
    /// The private members present, by name (RFC 7518 §6; an `oct` key's `k`).
    pub private_members: Vec<&'static str>,
    pub problems: Vec<MemberProblem>,
    /// The loader's reading of the key (its `use`, `alg` and `key_ops` not enforced).
    pub key: Result<VerifyingKey, KeyError>,
    pub rsa: Option<RsaFacts>,
    pub point: Option<PointFacts>,
    pub certificate: Option<CertificateFacts>,
    /// The RFC 7638 thumbprint of a public key, from its members even when jwtx cannot
    /// use the key (an X25519 key, another curve); none for an `oct` key, whose
    /// thumbprint would be a hash of its secret.
    pub thumbprint: Option<String>,
    /// A digest of the key material (the public key, or an `oct` key's secret), to tell
    /// whether two keys are the same. Never shown: for a secret it is a hash of it.
    pub material: Option<Material>,
}

/// A digest of a key's material, to tell whether two keys are the same. Its `Debug`
/// shows none of it: for an `oct` key it is a hash of the secret, which a guess at a weak
/// secret could be checked against.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Material([u8; 32]);

impl std::fmt::Debug for Material {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Material(..)")
    }
}

/// Members that hold base64url numbers or octets, per key type.
const B64_MEMBERS: [&str; 11] = ["n", "e", "x", "y", "d", "p", "q", "dp", "dq", "qi", "k"];
/// Members that must be strings.
const STRING_MEMBERS: [&str; 7] = ["kty", "crv", "alg", "use", "x5u", "x5t", "x5t#S256"];

/// Reads a key set document: a JWKS, or a single JWK (a set of one). Errors say why the
/// document is not one, in a phrase that follows "the document is not a key set: ".
pub fn inspect_set(bytes: &[u8]) -> Result<InspectedSet, KeyError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| KeyError::Unrecognised("it is not UTF-8 text".into()))?;
    let value: Value = serde_json::from_str(text)
        .map_err(|e| KeyError::Unrecognised(format!("it is not JSON ({e})")))?;
    let Value::Object(root) = &value else {
        return Err(KeyError::Invalid(format!(
            "it is a JSON {}, not an object with \"keys\"",
            json_kind(&value)
        )));
    };
    let (entries, single) = match root.get("keys") {
        Some(Value::Array(keys)) => (keys.iter().collect::<Vec<_>>(), false),
        Some(other) => {
            return Err(KeyError::Invalid(format!(
                "its \"keys\" is a JSON {}, not an array",
                json_kind(other)
            )));
        }
        None if root.contains_key("kty") => (vec![&value], true),
        None => {
            return Err(KeyError::Invalid(
                "it has neither \"keys\" (a JWKS) nor \"kty\" (a JWK)".into(),
            ));
        }
    };
    let spans = if single {
        vec![(0, text.trim_end().len().saturating_sub(1))]
    } else {
        key_spans(text)
    };
    let keys = entries
        .into_iter()
        .enumerate()
        .map(|(i, jwk)| {
            let mut key = inspect_key(i, jwk);
            key.span = spans.get(i).copied();
            key
        })
        .collect();
    Ok(InspectedSet {
        single_jwk: single,
        keys,
    })
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn inspect_key(index: usize, jwk: &Value) -> InspectedKey {
    let mut key = InspectedKey {
        index,
        span: None,
        not_object: false,
        kid: Kid::Missing,
        kty: None,
        crv: None,
        alg: None,
        usage: None,
        key_ops: None,
        private_members: Vec::new(),
        problems: Vec::new(),
        key: Err(KeyError::Invalid("not a JSON object".into())),
        rsa: None,
        point: None,
        certificate: None,
        thumbprint: None,
        material: None,
    };
    let Value::Object(members) = jwk else {
        key.not_object = true;
        return key;
    };
    let mut problem = |member: &str, problem: Problem| {
        key.problems.push(MemberProblem {
            member: member.to_owned(),
            problem,
        });
    };
    let text = |name: &str| members.get(name).and_then(Value::as_str).map(str::to_owned);
    for name in STRING_MEMBERS.iter().chain(&B64_MEMBERS) {
        if members.get(*name).is_some_and(|v| !v.is_string()) {
            problem(name, Problem::WrongType("a string"));
        }
    }
    let kid = match members.get("kid") {
        None => Kid::Missing,
        Some(Value::String(kid)) => Kid::Text(kid.clone()),
        Some(other) => {
            problem("kid", Problem::WrongType("a string"));
            Kid::NotText(other.to_string())
        }
    };
    let key_ops = match members.get("key_ops") {
        None => None,
        Some(Value::Array(ops)) if ops.iter().all(Value::is_string) => {
            let ops: Vec<String> = ops
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            // Each repeated value once, at its second appearance.
            let mut seen: HashMap<&str, usize> = HashMap::with_capacity(ops.len());
            for op in &ops {
                let count = seen.entry(op.as_str()).or_default();
                *count += 1;
                if *count == 2 {
                    problem("key_ops", Problem::Repeated(op.clone()));
                }
            }
            Some(ops)
        }
        Some(_) => {
            problem("key_ops", Problem::WrongType("an array of strings"));
            None
        }
    };
    let kty = text("kty");
    if members.get("kty").is_none() {
        problem("kty", Problem::Missing);
    }
    // The base64url members: decoded strictly, forgiven leniently, refused when not
    // base64url at all. Private values are decoded only to be checked, then dropped.
    let bytes_of = |name: &'static str, problem: &mut dyn FnMut(&str, Problem)| {
        let text = members.get(name)?.as_str()?;
        match b64::decode_lenient(text) {
            None => {
                problem(name, Problem::NotBase64);
                None
            }
            Some((bytes, leniency)) => {
                if !leniency.is_clean() {
                    problem(name, Problem::NotStrict);
                }
                if bytes.is_empty() {
                    problem(name, Problem::Empty);
                }
                Some(bytes)
            }
        }
    };
    let mut values: Vec<(&'static str, Option<Vec<u8>>)> = Vec::new();
    for name in B64_MEMBERS {
        let value = zeroize::Zeroizing::new(bytes_of(name, &mut problem));
        // Only the public members are kept.
        let public = matches!(name, "n" | "e" | "x" | "y");
        values.push((name, if public { (*value).clone() } else { None }));
    }
    let get = |name: &str| {
        values
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| v.as_deref())
    };
    let required: &[&str] = match kty.as_deref() {
        Some("RSA") => &["n", "e"],
        Some("EC") => &["crv", "x", "y"],
        Some("OKP") => &["crv", "x"],
        Some("oct") => &["k"],
        _ => &[],
    };
    for name in required {
        if !members.contains_key(*name) {
            problem(name, Problem::Missing);
        }
    }
    key.private_members = PRIVATE_MEMBERS
        .iter()
        .copied()
        .filter(|m| members.contains_key(*m))
        .collect();
    key.kid = kid;
    key.kty = kty;
    key.crv = text("crv");
    key.alg = text("alg");
    key.usage = text("use");
    key.key_ops = key_ops;
    key.key = jwk_key(jwk);
    match key.kty.as_deref() {
        Some("RSA") => {
            if let (Some(n), Some(e)) = (get("n"), get("e")) {
                let modulus = strip_zeros(n.to_vec());
                let e = strip_zeros(e.to_vec());
                key.rsa = Some(RsaFacts {
                    bits: rsa_bits(&modulus),
                    roca: roca::is_roca_modulus(&modulus),
                    exponent: (e.len() <= 8)
                        .then(|| e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b))),
                    exponent_even: e.last().is_none_or(|b| b % 2 == 0),
                    modulus,
                });
            }
        }
        Some("EC" | "OKP") => {
            let expected = match key.crv.as_deref() {
                Some("P-256" | "secp256k1" | "Ed25519" | "X25519") => Some(32),
                Some("P-384") => Some(48),
                Some("P-521") => Some(66),
                Some("Ed448") => Some(57),
                Some("X448") => Some(56),
                _ => None,
            };
            let names: &[&'static str] = if key.kty.as_deref() == Some("EC") {
                &["x", "y"]
            } else {
                &["x"]
            };
            let lengths: Vec<(&'static str, usize)> = names
                .iter()
                .filter_map(|&n| get(n).map(|v| (n, v.len())))
                .collect();
            let complete = lengths.len() == names.len();
            let lengths_ok = complete && expected.is_some_and(|e| lengths.iter().all(|l| l.1 == e));
            // jwtx checks the point of the curves it implements.
            let checkable = matches!(
                key.crv.as_deref(),
                Some("P-256" | "P-384" | "P-521" | "Ed25519")
            );
            key.point = Some(PointFacts {
                lengths,
                expected,
                valid: (lengths_ok && checkable).then(|| key.key.is_ok()),
            });
        }
        _ => {}
    }
    if key.kty.as_deref() != Some("oct") {
        key.thumbprint = match &key.key {
            Ok(loaded) => loaded.thumbprint(),
            // Only what RFC 7638 hashes, and only when every required member is usable.
            Err(_) if key.problems.is_empty() => thumbprint::of_jwk(jwk, ThumbprintHash::Sha256),
            Err(_) => None,
        };
    }
    key.material = material(&key, members);
    key.certificate = certificate_facts(members, key.key.as_ref().ok());
    key
}

/// The digest of the key material: the public key's thumbprint input, or an `oct` key's
/// decoded secret.
fn material(key: &InspectedKey, members: &Map<String, Value>) -> Option<Material> {
    let digest: [u8; 32] = match &key.thumbprint {
        Some(thumbprint) => Sha256::digest(thumbprint.as_bytes()).into(),
        None if key.kty.as_deref() != Some("oct") => return None,
        None => {
            let k = members.get("k")?.as_str()?;
            let secret = zeroize::Zeroizing::new(b64::decode_lenient(k)?.0);
            let mut hasher = Sha256::new();
            hasher.update(b"oct\0");
            hasher.update(secret.as_slice());
            hasher.finalize().into()
        }
    };
    Some(Material(digest))
}

fn certificate_facts(
    members: &Map<String, Value>,
    key: Option<&VerifyingKey>,
) -> Option<CertificateFacts> {
    // Without x5c there is no certificate to check an x5t against.
    let x5c = members.get("x5c")?;
    let mut facts = CertificateFacts::default();
    let first = match x5c {
        Value::Array(chain) => chain.first(),
        _ => {
            facts.unreadable = Some("\"x5c\" is not an array".into());
            return Some(facts);
        }
    };
    let Some(first) = first else {
        facts.unreadable = Some("\"x5c\" is empty".into());
        return Some(facts);
    };
    use base64::Engine as _;
    let Some(der) = first
        .as_str()
        .and_then(|c| base64::engine::general_purpose::STANDARD.decode(c).ok())
    else {
        facts.unreadable = Some("x5c[0] is not a base64 string".into());
        return Some(facts);
    };
    let cert = match x509_cert::Certificate::from_der(&der) {
        Ok(cert) => cert,
        Err(e) => {
            facts.unreadable = Some(format!("x5c[0] is not an X.509 certificate ({e})"));
            return Some(facts);
        }
    };
    let validity = cert.tbs_certificate().validity();
    let seconds = |t: x509_cert::time::Time| i64::try_from(t.to_unix_duration().as_secs()).ok();
    facts.not_before = seconds(validity.not_before);
    facts.not_after = seconds(validity.not_after);
    match (public_from_certificate(&der), key) {
        (Ok(cert_key), Some(key)) => {
            facts.same_key = Some(
                cert_key.thumbprint_with(ThumbprintHash::Sha256)
                    == key.thumbprint_with(ThumbprintHash::Sha256),
            );
        }
        (Err(e), _) => facts.key_problem = Some(format!("the certificate's key: {e}")),
        (Ok(_), None) => {}
    }
    for (name, algorithm) in [
        ("x5t", &digest::SHA1_FOR_LEGACY_USE_ONLY),
        ("x5t#S256", &digest::SHA256),
    ] {
        if let Some(given) = members.get(name).and_then(Value::as_str) {
            let expected = b64::encode(digest::digest(algorithm, &der));
            let matches =
                b64::decode_lenient(given).is_some_and(|(bytes, _)| b64::encode(bytes) == expected);
            facts.digests.push((name, matches));
        }
    }
    Some(facts)
}

/// The byte spans of the elements of the top-level `keys` array, in order. The text is
/// JSON already parsed, so this only walks its structure.
fn key_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    // The last string closed at depth 1 (a top-level member name), and whether the
    // `keys` array is open (and at which depth its elements sit).
    let mut last_name: Option<(usize, usize)> = None;
    let mut keys_open = false;
    let mut element_start: Option<usize> = None;
    let mut string_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => {
                    in_string = false;
                    if depth == 1 {
                        last_name = Some((string_start + 1, i));
                    }
                    if keys_open && depth == 2 && element_start.is_none() {
                        spans.push((string_start, i));
                    }
                }
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                string_start = i;
            }
            b'{' | b'[' => {
                if keys_open && depth == 2 && element_start.is_none() {
                    element_start = Some(i);
                }
                if depth == 1 && b == b'[' && last_name.is_some_and(|(s, e)| &text[s..e] == "keys")
                {
                    keys_open = true;
                }
                depth += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if keys_open
                    && depth == 2
                    && let Some(start) = element_start.take()
                {
                    spans.push((start, i));
                }
                if keys_open && depth == 1 {
                    keys_open = false;
                }
            }
            b',' | b':' => {}
            b if b.is_ascii_whitespace() => {}
            _ => {
                // A scalar element of `keys` (a number, true, null): its first byte.
                if keys_open && depth == 2 && element_start.is_none() {
                    let end = bytes[i..]
                        .iter()
                        .position(|c| matches!(c, b',' | b']') || c.is_ascii_whitespace())
                        .map_or(bytes.len() - 1, |p| i + p - 1);
                    if spans.last().is_none_or(|&(_, e)| e < i) {
                        spans.push((i, end));
                    }
                }
            }
        }
    }
    spans
}

/// Where the lines of a document start, to number the lines of many keys without
/// reading the document again for each.
pub struct Lines {
    breaks: Vec<usize>,
}

impl Lines {
    pub fn new(text: &[u8]) -> Lines {
        Lines {
            breaks: memchr::memchr_iter(b'\n', text).collect(),
        }
    }

    /// The 1-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        1 + self.breaks.partition_point(|&b| b < offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_each_key() {
        let text = "{\"other\": [1, {\"x\": 2}],\n \"keys\": [\n  {\"kty\": \"EC\", \"a\": [1, {\"b\": \"}\"}]},\n  7,\n  \"s\"\n ]}";
        let spans = key_spans(text);
        assert_eq!(spans.len(), 3, "{spans:?}");
        assert!(text[spans[0].0..=spans[0].1].starts_with("{\"kty\""));
        assert!(text[spans[0].0..=spans[0].1].ends_with("}]}"));
        assert_eq!(&text[spans[1].0..=spans[1].1], "7");
        assert_eq!(&text[spans[2].0..=spans[2].1], "\"s\"");
        assert_eq!(Lines::new(text.as_bytes()).line_of(spans[1].0), 4);
    }

    #[test]
    fn not_a_set() {
        assert!(inspect_set(b"[]").is_err());
        assert!(inspect_set(b"{\"keys\": {}}").is_err());
        assert!(inspect_set(b"{\"a\": 1}").is_err());
        assert!(inspect_set(b"{").is_err());
        let single = inspect_set(br#"{"kty":"oct","k":"c2VjcmV0"}"#).unwrap();
        assert!(single.single_jwk);
        assert_eq!(single.keys[0].private_members, ["k"]);
        // Neither the secret nor its digest shows in Debug.
        let shown = format!("{single:?}");
        let digest: [u8; 32] = Sha256::digest(b"oct\0secret").into();
        assert_eq!(single.keys[0].material, Some(Material(digest)));
        assert!(
            !shown.contains("secret") && !shown.contains("c2VjcmV0"),
            "{shown}"
        );
        assert!(
            !shown.contains(&format!("{:?}", &digest[..4])[1..10]),
            "{shown}"
        );
    }

    #[test]
    fn members_are_checked_and_private_values_dropped() {
        let set = inspect_set(
            br#"{"keys":[{"kty":"RSA","n":"AQAB=","e":"Aw","d":"!!","kid":5,"key_ops":["verify","verify"]}]}"#,
        )
        .unwrap();
        let key = &set.keys[0];
        assert_eq!(key.kid, Kid::NotText("5".into()));
        let problems: Vec<(&str, &Problem)> = key
            .problems
            .iter()
            .map(|p| (p.member.as_str(), &p.problem))
            .collect();
        assert!(
            problems.contains(&("n", &Problem::NotStrict)),
            "{problems:?}"
        );
        assert!(
            problems.contains(&("d", &Problem::NotBase64)),
            "{problems:?}"
        );
        assert!(problems.contains(&("kid", &Problem::WrongType("a string"))));
        assert!(problems.contains(&("key_ops", &Problem::Repeated("verify".into()))));
        assert_eq!(key.private_members, ["d"]);
        assert_eq!(key.rsa.as_ref().unwrap().exponent, Some(3));
    }
}
