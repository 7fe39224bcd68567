//! The parser's fast path, for verifying large batches. It reads only what verification
//! needs (alg, kid, crit; exp, nbf, iat, iss, sub, aud and the claim names), borrows
//! from reused buffers, and builds no JSON trees. It accepts only tokens the full
//! parser ([`Token::parse`](super::Token::parse)) would read without a single anomaly:
//! anything else (padding, duplicates, invalid UTF-8, a missing or unknown alg, `crit`,
//! five segments...) makes it return `None`, and the caller falls back to the full
//! parser, which then says precisely what is wrong. So the two can never disagree on
//! what verifies.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

use super::alg::Alg;
use super::b64;
use super::claims::{Claims, IdentityClaim, NumericDate, TimeClaim};
use super::json::{Name, Path, Walk};
use super::parse::{AlgField, Form};
use super::verify::Signed;

/// Buffers reused from token to token (one per worker thread).
#[derive(Default)]
pub struct Scratch {
    header: Vec<u8>,
    payload: Vec<u8>,
    signature: Vec<u8>,
}

/// A strictly well-formed compact JWS, as far as verification needs it.
pub struct Strict<'a> {
    alg: AlgField,
    kid: Option<Cow<'a, str>>,
    signing_input: &'a [u8],
    signature: &'a [u8],
    claims: Option<LeanClaims<'a>>,
}

impl<'a> Strict<'a> {
    /// Reads `text` if it is a strictly well-formed JWS with a known signing algorithm;
    /// `None` means "ask the full parser".
    pub fn parse(text: &'a str, scratch: &'a mut Scratch) -> Option<Strict<'a>> {
        let (header, rest) = text.split_once('.')?;
        let (payload, signature) = rest.split_once('.')?;
        if header.is_empty() || signature.contains('.') {
            return None;
        }
        if !b64::decode_strict_into(header.as_bytes(), &mut scratch.header)
            || !b64::decode_strict_into(payload.as_bytes(), &mut scratch.payload)
            || !b64::decode_strict_into(signature.as_bytes(), &mut scratch.signature)
        {
            return None;
        }
        let scratch: &'a Scratch = scratch;
        // Gives up at the first duplicate member name, at any depth.
        let mut walk = Walk::strict();
        let head = read_json(&scratch.header, HeaderSeed { walk: &mut walk })?;
        if head.crit {
            return None;
        }
        let alg = match head.alg?.parse::<Alg>() {
            Ok(Alg::None) | Err(_) => return None,
            Ok(alg) => alg,
        };
        let starts_object = scratch
            .payload
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b'{');
        let claims = if starts_object {
            Some(read_json(&scratch.payload, ClaimsSeed { walk: &mut walk })?)
        } else {
            None
        };
        Some(Strict {
            alg: AlgField::Known(alg),
            kid: head.kid,
            signing_input: &text.as_bytes()[..header.len() + 1 + payload.len()],
            signature: &scratch.signature,
            claims,
        })
    }

    pub fn signed(&self) -> Signed<'_> {
        Signed {
            form: Form::Jws,
            anomalies: &[],
            alg: &self.alg,
            kid: self.kid.as_deref(),
            crit: None,
            signing_input: self.signing_input,
            signature: self.signature,
        }
    }

    pub fn alg(&self) -> &AlgField {
        &self.alg
    }

    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The claims, when the payload is a JSON object.
    pub fn claims(&self) -> Option<&LeanClaims<'a>> {
        self.claims.as_ref()
    }
}

fn read_json<'de, S: DeserializeSeed<'de>>(bytes: &'de [u8], seed: S) -> Option<S::Value> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = seed.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(value)
}

/// The claims verification reads, borrowed from the decoded payload.
pub struct LeanClaims<'a> {
    names: Vec<Cow<'a, str>>,
    exp: NumericDate,
    nbf: NumericDate,
    iat: NumericDate,
    iss: Option<Cow<'a, str>>,
    sub: Option<Cow<'a, str>>,
    aud: Vec<Cow<'a, str>>,
}

impl Claims for LeanClaims<'_> {
    fn date(&self, which: TimeClaim) -> NumericDate {
        match which {
            TimeClaim::Exp => self.exp.clone(),
            TimeClaim::Nbf => self.nbf.clone(),
            TimeClaim::Iat => self.iat.clone(),
        }
    }
    fn identity(&self, which: IdentityClaim) -> Option<&str> {
        match which {
            IdentityClaim::Iss => self.iss.as_deref(),
            IdentityClaim::Sub => self.sub.as_deref(),
        }
    }
    fn audiences(&self) -> Vec<&str> {
        self.aud.iter().map(|a| a.as_ref()).collect()
    }
    fn contains(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }
}

/// Reads an object's members, dropping their values, its names checked for duplicates.
fn skip_map<'de, A: MapAccess<'de>>(walk: &mut Walk<'de>, map: A) -> Result<(), A::Error> {
    walk.skip().visit_map(map)
}

fn skip_seq<'de, A: SeqAccess<'de>>(walk: &mut Walk<'de>, seq: A) -> Result<(), A::Error> {
    walk.skip().visit_seq(seq)
}

/// A string value borrowed, or `None` for any other (still validated) value.
struct MaybeStr<'w, 'de> {
    walk: &'w mut Walk<'de>,
}

impl<'de> DeserializeSeed<'de> for MaybeStr<'_, 'de> {
    type Value = Option<Cow<'de, str>>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MaybeStr<'_, 'de> {
    type Value = Option<Cow<'de, str>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_owned())))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        skip_seq(self.walk, seq).map(|()| None)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        skip_map(self.walk, map).map(|()| None)
    }
}

/// A time claim, judged exactly as [`NumericDate::from_value`] judges the full tree.
struct Date<'w, 'de> {
    walk: &'w mut Walk<'de>,
}

impl<'de> DeserializeSeed<'de> for Date<'_, 'de> {
    type Value = NumericDate;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Date<'_, 'de> {
    type Value = NumericDate;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(NumericDate::from_value(&Value::Number(v.into())))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(NumericDate::from_value(&Value::Number(v.into())))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        let n = Number::from_f64(v).ok_or_else(|| E::custom("not a finite number"))?;
        Ok(NumericDate::from_value(&Value::Number(n)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(NumericDate::from_value(&Value::String(v.to_owned())))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(NumericDate::from_value(&Value::Bool(v)))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(NumericDate::from_value(&Value::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        skip_seq(self.walk, seq)?;
        Ok(NumericDate::from_value(&Value::Array(Vec::new())))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        skip_map(self.walk, map)?;
        Ok(NumericDate::from_value(&Value::Object(
            serde_json::Map::new(),
        )))
    }
}

/// `aud`: one string, or the strings of an array.
struct Audiences<'w, 'de> {
    walk: &'w mut Walk<'de>,
}

impl<'de> DeserializeSeed<'de> for Audiences<'_, 'de> {
    type Value = Vec<Cow<'de, str>>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Audiences<'_, 'de> {
    type Value = Vec<Cow<'de, str>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(vec![Cow::Borrowed(v)])
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(vec![Cow::Owned(v.to_owned())])
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = seq.next_element_seed(MaybeStr {
            walk: &mut *self.walk,
        })? {
            out.extend(item);
        }
        Ok(out)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        skip_map(self.walk, map).map(|()| Vec::new())
    }
}

struct Head<'a> {
    alg: Option<Cow<'a, str>>,
    kid: Option<Cow<'a, str>>,
    crit: bool,
}

struct HeaderSeed<'w, 'de> {
    walk: &'w mut Walk<'de>,
}

impl<'de> DeserializeSeed<'de> for HeaderSeed<'_, 'de> {
    type Value = Head<'de>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for HeaderSeed<'_, 'de> {
    type Value = Head<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let walk = self.walk;
        let mut object = walk.open();
        let mut head = Head {
            alg: None,
            kid: None,
            crit: false,
        };
        while let Some(Name(name)) = map.next_key::<Name<'de>>()? {
            match name.as_ref() {
                "alg" => {
                    head.alg = map.next_value_seed(MaybeStr { walk: &mut *walk })?;
                    if head.alg.is_none() {
                        return Err(A::Error::custom("alg is not a string"));
                    }
                }
                "kid" => head.kid = map.next_value_seed(MaybeStr { walk: &mut *walk })?,
                "crit" => {
                    head.crit = true;
                    map.next_value_seed(walk.skip())?;
                }
                _ => map.next_value_seed(walk.skip())?,
            }
            walk.member(&mut object, name, &Path::Root)?;
        }
        walk.close(object);
        Ok(head)
    }
}

struct ClaimsSeed<'w, 'de> {
    walk: &'w mut Walk<'de>,
}

impl<'de> DeserializeSeed<'de> for ClaimsSeed<'_, 'de> {
    type Value = LeanClaims<'de>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ClaimsSeed<'_, 'de> {
    type Value = LeanClaims<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let walk = self.walk;
        let mut object = walk.open();
        let mut claims = LeanClaims {
            names: Vec::with_capacity(8),
            exp: NumericDate::Absent,
            nbf: NumericDate::Absent,
            iat: NumericDate::Absent,
            iss: None,
            sub: None,
            aud: Vec::new(),
        };
        while let Some(Name(name)) = map.next_key::<Name<'de>>()? {
            match name.as_ref() {
                "exp" => claims.exp = map.next_value_seed(Date { walk: &mut *walk })?,
                "nbf" => claims.nbf = map.next_value_seed(Date { walk: &mut *walk })?,
                "iat" => claims.iat = map.next_value_seed(Date { walk: &mut *walk })?,
                "iss" => claims.iss = map.next_value_seed(MaybeStr { walk: &mut *walk })?,
                "sub" => claims.sub = map.next_value_seed(MaybeStr { walk: &mut *walk })?,
                "aud" => claims.aud = map.next_value_seed(Audiences { walk: &mut *walk })?,
                _ => map.next_value_seed(walk.skip())?,
            }
            walk.member(&mut object, name.clone(), &Path::Root)?;
            claims.names.push(name);
        }
        walk.close(object);
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::Token;

    fn both(text: &str) -> (Option<bool>, bool) {
        let mut scratch = Scratch::default();
        let strict = Strict::parse(text, &mut scratch).map(|s| s.claims().is_some());
        let full_clean = Token::parse(text).is_ok_and(|t| t.anomalies().is_empty());
        (strict, full_clean)
    }

    fn token(header: &str, payload: &str) -> String {
        format!("{}.{}.AAAA", b64::encode(header), b64::encode(payload))
    }

    #[test]
    fn reads_clean_tokens() {
        let text = token(
            r#"{"alg":"HS256","kid":"k1"}"#,
            r#"{"exp":10,"aud":["a","b"],"iss":"me"}"#,
        );
        let mut scratch = Scratch::default();
        let strict = Strict::parse(&text, &mut scratch).unwrap();
        assert_eq!(strict.kid(), Some("k1"));
        let claims = strict.claims().unwrap();
        assert_eq!(claims.date(TimeClaim::Exp), NumericDate::Valid(10.0));
        assert_eq!(claims.audiences(), ["a", "b"]);
        assert_eq!(claims.identity(IdentityClaim::Iss), Some("me"));
        assert!(claims.contains("aud") && !claims.contains("sub"));
    }

    #[test]
    fn defers_whatever_the_full_parser_would_flag() {
        let cases = [
            token(r#"{"alg":"HS256","alg":"HS256"}"#, "{}"),
            token(r#"{"alg":"HS256"}"#, r#"{"a":{"b":1,"b":2}}"#),
            token(r#"{"alg":"none"}"#, "{}"),
            token(r#"{"alg":"HS256","crit":["x"]}"#, "{}"),
            token(r#"{"typ":"JWT"}"#, "{}"),
            token(r#"{"alg":"HS256"}"#, "{not json"),
            format!("{}=.e30.AAAA", b64::encode(r#"{"alg":"HS256"}"#)),
        ];
        for case in cases {
            assert_eq!(both(&case).0, None, "{case}");
        }
    }

    #[test]
    fn long_objects_are_checked_at_every_depth() {
        // Past 16 members a walk checks names through a set: a duplicate there is still
        // found, at the top and nested, and a long clean object is read.
        let members =
            |n: usize| -> Vec<String> { (0..n).map(|i| format!(r#""m{i}":{i}"#)).collect() };
        let clean = format!("{{{}}}", members(100).join(","));
        let mut top = members(40);
        top.push(r#""m3":0"#.to_owned());
        let top = format!("{{{}}}", top.join(","));
        let nested = format!(r#"{{"exp":10,"org":{top}}}"#);
        let header = r#"{"alg":"HS256"}"#;
        assert_eq!(both(&token(header, &clean)), (Some(true), true));
        for payload in [top, nested] {
            assert_eq!(both(&token(header, &payload)), (None, false), "{payload}");
        }
    }

    #[test]
    fn time_claims_are_judged_like_the_full_parser() {
        let text = token(
            r#"{"alg":"HS256"}"#,
            r#"{"exp":"soon","nbf":1e300,"iat":1.5}"#,
        );
        let mut scratch = Scratch::default();
        let strict = Strict::parse(&text, &mut scratch).unwrap();
        let lean = strict.claims().unwrap();
        let full = Token::parse(&text).unwrap();
        let tree = full.claims().unwrap();
        for which in [TimeClaim::Exp, TimeClaim::Nbf, TimeClaim::Iat] {
            assert_eq!(lean.date(which), tree.date(which));
        }
    }

    #[test]
    fn plain_payloads_have_no_claims() {
        let text = token(r#"{"alg":"ES512"}"#, "Payload");
        assert_eq!(both(&text), (Some(false), true));
    }

    mod properties {
        use proptest::prelude::*;
        use proptest::sample::select;

        use super::*;
        use crate::token::ClaimRead;

        const HEADER_NAMES: &[&str] = &["alg", "alg", "kid", "typ", "crit", r"\u0061lg", "x5u"];
        const HEADER_VALUES: &[&str] = &[
            r#""HS256""#,
            r#""RS256""#,
            r#""ES256""#,
            r#""EdDSA""#,
            r#""none""#,
            r#""hs256""#,
            r#""k1""#,
            r#""\ud800""#,
            r#"["b64"]"#,
            r#"{"a":1,"a":2}"#,
            "1",
            "null",
        ];
        const CLAIM_NAMES: &[&str] = &[
            "exp",
            "nbf",
            "iat",
            "aud",
            "iss",
            "sub",
            "jti",
            r"e\u0078p",
            "x",
        ];
        const CLAIM_VALUES: &[&str] = &[
            "1",
            "1e3",
            "-0",
            "1.5",
            "1e300",
            "1e400",
            "253402300800",
            "-62135596801",
            r#""1""#,
            r#""api""#,
            r#""\ud800""#,
            r#"["a","b"]"#,
            r#"["a",1,{"b":2,"b":3}]"#,
            r#"[[[{"x":[1,{"y":null}]}]]]"#,
            "{}",
            "true",
            "null",
        ];

        /// A JSON object with members drawn from `names` and `values` (duplicates
        /// and escaped names included).
        fn object(
            names: &'static [&'static str],
            values: &'static [&'static str],
        ) -> impl Strategy<Value = String> {
            prop::collection::vec((select(names), select(values)), 0..5).prop_map(|members| {
                let members: Vec<String> = members
                    .iter()
                    .map(|(name, value)| format!("\"{name}\":{value}"))
                    .collect();
                format!("{{{}}}", members.join(","))
            })
        }

        fn header() -> impl Strategy<Value = Vec<u8>> {
            prop_oneof![
                6 => object(HEADER_NAMES, HEADER_VALUES).prop_map(String::into_bytes),
                1 => select(&[
                    r#" {"alg":"EdDSA"} "#,
                    r#"{"alg":"HS256"} x"#,
                    "\u{feff}{\"alg\":\"HS256\"}",
                    r#"["alg"]"#,
                    r#"{"alg":"HS256""#,
                ][..])
                .prop_map(|s| s.as_bytes().to_vec()),
                1 => prop::collection::vec(any::<u8>(), 0..24),
            ]
        }

        fn payload() -> impl Strategy<Value = Vec<u8>> {
            prop_oneof![
                6 => object(CLAIM_NAMES, CLAIM_VALUES).prop_map(String::into_bytes),
                1 => select(&["Payload", "", r#"{"iss":"x"}}"#, " {} ", "{not json", "\u{c}{}"][..])
                    .prop_map(|s| s.as_bytes().to_vec()),
                1 => (object(CLAIM_NAMES, CLAIM_VALUES), any::<prop::sample::Index>()).prop_map(
                    |(text, at)| {
                        // Invalid UTF-8 somewhere in an otherwise plausible claims set.
                        let mut bytes = text.into_bytes();
                        bytes.insert(at.index(bytes.len() + 1), 0xff);
                        bytes
                    }
                ),
                1 => prop::collection::vec(any::<u8>(), 0..24),
            ]
        }

        /// A compact token, sometimes with its encoding damaged.
        fn text() -> impl Strategy<Value = String> {
            (
                header(),
                payload(),
                select(&["", "AAAA", "AA==", "A", "_-_-", "QR"][..]),
                0..8u8,
                any::<prop::sample::Index>(),
            )
                .prop_map(|(header, payload, signature, damage, at)| {
                    let mut text = format!(
                        "{}.{}.{signature}",
                        b64::encode(header),
                        b64::encode(payload)
                    );
                    let at = at.index(text.len() + 1);
                    match damage {
                        0 => text.insert(at, '='),
                        1 => text = text.replacen('-', "+", 1),
                        2 => text = text.replacen('_', "/", 1),
                        3 => text.insert(at, '.'),
                        4 => text.push('.'),
                        _ => {}
                    }
                    text
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(1000))]

            /// Differential: whenever the fast path accepts a token, the full parser
            /// accepts it without anomalies and reads the same alg, kid and claims.
            #[test]
            fn fast_path_never_accepts_what_the_full_parser_flags(text in text()) {
                let mut scratch = Scratch::default();
                let Some(strict) = Strict::parse(&text, &mut scratch) else {
                    return Ok(());
                };
                let full = Token::parse(&text);
                prop_assert!(full.is_ok(), "{:?}", full.err());
                let full = full.unwrap();
                prop_assert!(full.anomalies().is_empty(), "{:?}", full.anomalies());
                prop_assert_eq!(strict.alg(), full.alg());
                prop_assert_eq!(strict.kid(), full.kid());
                prop_assert!(full.header().get("crit").is_none());
                prop_assert_eq!(strict.signed().signing_input, full.signing_input());
                prop_assert_eq!(strict.signed().signature, full.signature());
                match (strict.claims(), full.claims()) {
                    (Some(lean), Some(tree)) => {
                        for which in [TimeClaim::Exp, TimeClaim::Nbf, TimeClaim::Iat] {
                            prop_assert_eq!(lean.date(which), tree.date(which));
                        }
                        prop_assert_eq!(lean.audiences(), tree.audiences());
                        for which in [IdentityClaim::Iss, IdentityClaim::Sub] {
                            prop_assert_eq!(lean.identity(which), tree.identity(which));
                        }
                        for name in tree.keys() {
                            prop_assert!(lean.contains(name), "{}", name);
                        }
                    }
                    (None, None) => {}
                    (lean, tree) => prop_assert!(
                        false,
                        "claims {} vs {}",
                        lean.is_some(),
                        tree.is_some()
                    ),
                }
            }

            /// The converse, which keeps the fast path useful: a small token the full
            /// parser reads cleanly, with a signing alg and no `crit`, takes the fast path.
            #[test]
            fn fast_path_takes_every_clean_signed_token(text in text()) {
                let Ok(full) = Token::parse(&text) else {
                    return Ok(());
                };
                let signed = full.form() == Form::Jws
                    && full.anomalies().is_empty()
                    && full.alg().known().is_some_and(|alg| alg != Alg::None)
                    && full.header().get("crit").is_none();
                let mut scratch = Scratch::default();
                prop_assert_eq!(Strict::parse(&text, &mut scratch).is_some(), signed);
            }

            /// `decode --claim`'s reading agrees with the full parser on every text:
            /// the same refusal, form and anomalies, and the claim `claim_at` finds.
            #[test]
            fn claim_reading_agrees_with_the_full_parser(
                text in text(),
                name in select(&["exp", "x", "aud", "aud.1", "aud.2.b", "x.y", "sub", ""][..]),
            ) {
                let full = Token::parse(&text);
                let read = Token::read_claim(&text, name);
                let (full, read) = match (full, read) {
                    (Err(a), Err(b)) => {
                        prop_assert_eq!(a, b);
                        return Ok(());
                    }
                    (Ok(full), Ok(read)) => (full, read),
                    (full, read) => {
                        prop_assert!(false, "{:?} vs {:?}", full.err(), read.err());
                        unreachable!()
                    }
                };
                prop_assert_eq!(full.form(), read.form);
                prop_assert_eq!(full.anomalies(), &read.anomalies[..]);
                let expected = match (full.form(), full.claims()) {
                    (Form::Jwe, _) => ClaimRead::Encrypted,
                    (_, None) => ClaimRead::NotClaims,
                    (_, Some(claims)) => match crate::token::claims::claim_at(claims, name) {
                        Some(value) => ClaimRead::Value(value.clone()),
                        None => ClaimRead::Absent,
                    },
                };
                prop_assert_eq!(expected, read.claim);
            }
        }
    }
}
