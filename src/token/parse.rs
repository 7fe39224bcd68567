//! The one token parser. Every command reads tokens through [`Token::parse`]: it reads
//! compact JWS (3 segments) and JWE (5 segments) leniently and returns the token with the
//! list of [`Anomaly`]s it had to forgive, so `verify` can refuse them, `decode` can warn
//! about them and `audit` can report them, all from one reading.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::alg::Alg;
use super::b64::{self, Leniency};
use super::json;
use super::verify::Signed;

/// Which part of a compact token something refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    Header,
    Payload,
    Signature,
    EncryptedKey,
    Iv,
    Ciphertext,
    Tag,
}

impl Segment {
    pub fn name(self) -> &'static str {
        match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
            Segment::EncryptedKey => "encrypted key",
            Segment::Iv => "initialization vector",
            Segment::Ciphertext => "ciphertext",
            Segment::Tag => "authentication tag",
        }
    }
}

/// Something the parser forgave. Tokens with anomalies decode, but never verify.
#[derive(Clone, Debug, PartialEq)]
pub enum Anomaly {
    Base64Padding(Segment),
    Base64StandardAlphabet(Segment),
    Base64NonCanonical(Segment),
    DuplicateMember {
        segment: Segment,
        path: String,
    },
    NonUtf8(Segment),
    /// The payload starts like a JSON object but is not valid JSON.
    MalformedClaims(String),
    AlgMissing,
    AlgNotString,
}

impl Anomaly {
    /// A stable identifier, used in JSON output and by the audit rules.
    pub fn id(&self) -> &'static str {
        match self {
            Anomaly::Base64Padding(_) => "base64-padding",
            Anomaly::Base64StandardAlphabet(_) => "base64-standard-alphabet",
            Anomaly::Base64NonCanonical(_) => "base64-non-canonical",
            Anomaly::DuplicateMember { .. } => "duplicate-member",
            Anomaly::NonUtf8(_) => "non-utf8",
            Anomaly::MalformedClaims(_) => "malformed-claims",
            Anomaly::AlgMissing => "alg-missing",
            Anomaly::AlgNotString => "alg-not-string",
        }
    }
}

impl fmt::Display for Anomaly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Anomaly::Base64Padding(s) => write!(f, "{} uses base64 padding '='", s.name()),
            Anomaly::Base64StandardAlphabet(s) => {
                write!(f, "{} uses '+' or '/' instead of base64url", s.name())
            }
            Anomaly::Base64NonCanonical(s) => {
                write!(f, "{} has non-zero trailing base64 bits", s.name())
            }
            Anomaly::DuplicateMember { segment, path } => {
                write!(f, "{} has duplicate member {path:?}", segment.name())
            }
            Anomaly::NonUtf8(s) => write!(f, "{} JSON is not valid UTF-8", s.name()),
            Anomaly::MalformedClaims(e) => write!(f, "payload looks like JSON but is not: {e}"),
            Anomaly::AlgMissing => f.write_str("header has no \"alg\""),
            Anomaly::AlgNotString => f.write_str("header \"alg\" is not a string"),
        }
    }
}

/// Why a text is not a token at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParseError {
    #[error("empty token")]
    Empty,
    #[error("not a JWT: expected 3 dot-separated segments (JWS) or 5 (JWE), found {0}")]
    SegmentCount(usize),
    #[error("not a JWT: character {0:?} at position {1} cannot appear in a compact token")]
    BadCharacter(char, usize),
    #[error("{0} segment is empty")]
    EmptySegment(&'static str),
    #[error("{0} segment is not base64url")]
    NotBase64(&'static str),
    #[error("header is not JSON: {0}")]
    HeaderNotJson(String),
    #[error("header is JSON but not an object")]
    HeaderNotObject,
}

/// The header's `alg`, as found.
#[derive(Clone, Debug, PartialEq)]
pub enum AlgField {
    Known(Alg),
    /// A string jwtx does not implement (or a JWE key-management algorithm).
    Unknown(String),
    NotString(Value),
    Missing,
}

impl AlgField {
    pub fn known(&self) -> Option<Alg> {
        match self {
            AlgField::Known(a) => Some(*a),
            _ => None,
        }
    }

    /// The `alg` as text, when it is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            AlgField::Known(a) => Some(a.name()),
            AlgField::Unknown(s) => Some(s),
            _ => None,
        }
    }
}

/// Compact serialisation kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Jws,
    Jwe,
}

/// The payload, as far as jwtx can see it.
#[derive(Clone, Debug, PartialEq)]
pub enum Payload {
    /// A JSON object: a JWT claims set.
    Claims(Map<String, Value>),
    /// Anything else: a plain JWS payload (RFC 7515 §A.4 signs the text `Payload`).
    Bytes(Vec<u8>),
    /// A JWE: the content is encrypted and jwtx does not decrypt.
    Encrypted,
}

/// A parsed compact token. The raw text is kept: signatures are checked over the
/// segments exactly as received, never over re-serialised JSON.
#[derive(Clone, Debug)]
pub struct Token {
    raw: String,
    form: Form,
    /// Shared with the tokens of the same header read on the same thread.
    header: Arc<Map<String, Value>>,
    alg: AlgField,
    payload: Payload,
    payload_bytes: Vec<u8>,
    signature: Vec<u8>,
    signing_input_len: usize,
    anomalies: Vec<Anomaly>,
}

/// The bytes a compact token may hold: base64url, the dot, and the padding and
/// standard-alphabet characters the parser forgives.
const TOKEN_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] =
            c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'=' | b'+' | b'/');
        b += 1;
    }
    table
};

/// Whether a byte may appear in a compact token, as comparisons the compiler turns into
/// vector code (a table lookup per byte does not vectorise).
fn token_byte(b: u8) -> bool {
    let letter = (b | 0x20).wrapping_sub(b'a') < 26;
    let digit = b.wrapping_sub(b'0') < 10;
    letter
        | digit
        | (b == b'-')
        | (b == b'_')
        | (b == b'.')
        | (b == b'=')
        | (b == b'+')
        | (b == b'/')
}

fn check_characters(text: &str) -> Result<(), ParseError> {
    // Whole blocks are checked branch-free; only a block that fails is searched.
    let clean = text
        .as_bytes()
        .chunks(64)
        .all(|block| block.iter().fold(true, |ok, &b| ok & token_byte(b)));
    if clean {
        return Ok(());
    }
    match text.bytes().position(|b| !TOKEN_BYTES[usize::from(b)]) {
        // Every byte before `i` is ASCII, so `i` starts a character.
        Some(i) => Err(ParseError::BadCharacter(
            text[i..].chars().next().unwrap_or('\u{FFFD}'),
            i,
        )),
        None => Ok(()),
    }
}

fn decode_segment(
    text: &str,
    segment: Segment,
    anomalies: &mut Vec<Anomaly>,
) -> Result<Vec<u8>, ParseError> {
    let (bytes, leniency) =
        b64::decode_lenient(text).ok_or(ParseError::NotBase64(segment.name()))?;
    note_leniency(leniency, segment, anomalies);
    Ok(bytes)
}

/// Checks a segment's base64 as [`decode_segment`] does, without keeping its bytes.
fn check_segment(
    text: &str,
    segment: Segment,
    anomalies: &mut Vec<Anomaly>,
) -> Result<(), ParseError> {
    let leniency = b64::check_lenient(text).ok_or(ParseError::NotBase64(segment.name()))?;
    note_leniency(leniency, segment, anomalies);
    Ok(())
}

fn note_leniency(leniency: Leniency, segment: Segment, anomalies: &mut Vec<Anomaly>) {
    if leniency.padding {
        anomalies.push(Anomaly::Base64Padding(segment));
    }
    if leniency.standard_alphabet {
        anomalies.push(Anomaly::Base64StandardAlphabet(segment));
    }
    if leniency.non_canonical {
        anomalies.push(Anomaly::Base64NonCanonical(segment));
    }
}

/// Parses JSON, forgiving invalid UTF-8 (replaced with U+FFFD) and noting it.
fn parse_json(
    bytes: &[u8],
    segment: Segment,
    anomalies: &mut Vec<Anomaly>,
) -> Result<Value, serde_json::Error> {
    read_json(bytes, segment, anomalies, |b| {
        json::parse(b).map(|text| (text.value, text.duplicates))
    })
}

/// Reads JSON with `read` (which returns what it read and the duplicate member
/// paths), forgiving invalid UTF-8 (replaced with U+FFFD) and noting it and the
/// duplicates as anomalies.
fn read_json<T>(
    bytes: &[u8],
    segment: Segment,
    anomalies: &mut Vec<Anomaly>,
    read: impl Fn(&[u8]) -> Result<(T, Vec<String>), serde_json::Error>,
) -> Result<T, serde_json::Error> {
    let (value, duplicates) = match read(bytes) {
        Ok(read) => read,
        Err(err) => match std::str::from_utf8(bytes) {
            Ok(_) => return Err(err),
            Err(_) => {
                let lossy = String::from_utf8_lossy(bytes);
                let read = read(lossy.as_bytes())?;
                anomalies.push(Anomaly::NonUtf8(segment));
                read
            }
        },
    };
    for path in duplicates {
        anomalies.push(Anomaly::DuplicateMember { segment, path });
    }
    Ok(value)
}

fn read_alg(header: &Map<String, Value>, anomalies: &mut Vec<Anomaly>) -> AlgField {
    match header.get("alg") {
        None => {
            anomalies.push(Anomaly::AlgMissing);
            AlgField::Missing
        }
        Some(Value::String(s)) => match s.parse::<Alg>() {
            Ok(alg) => AlgField::Known(alg),
            Err(_) => AlgField::Unknown(s.clone()),
        },
        Some(other) => {
            anomalies.push(Anomaly::AlgNotString);
            AlgField::NotString(other.clone())
        }
    }
}

/// A header as read from its segment: its members and what reading them forgave.
struct Header {
    members: Arc<Map<String, Value>>,
    anomalies: Vec<Anomaly>,
}

/// Headers kept per thread, and the longest segment kept: a batch of tokens from one
/// issuer repeats a handful of headers, read once each.
const HEADERS_CACHED: usize = 256;
const HEADER_CACHED_LEN: usize = 512;

thread_local! {
    static HEADERS: RefCell<HashMap<Box<str>, Rc<Header>>> = RefCell::new(HashMap::new());
}

/// Reads a header segment (from this thread's cache when it was read before).
fn read_header(segment: &str) -> Result<Rc<Header>, ParseError> {
    let cacheable = segment.len() <= HEADER_CACHED_LEN;
    if cacheable && let Some(hit) = HEADERS.with(|c| c.borrow().get(segment).cloned()) {
        return Ok(hit);
    }
    let mut anomalies = Vec::new();
    let bytes = decode_segment(segment, Segment::Header, &mut anomalies)?;
    let members = match parse_json(&bytes, Segment::Header, &mut anomalies) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err(ParseError::HeaderNotObject),
        Err(e) => return Err(ParseError::HeaderNotJson(e.to_string())),
    };
    let header = Rc::new(Header {
        members: Arc::new(members),
        anomalies,
    });
    if cacheable {
        HEADERS.with(|c| {
            let mut cache = c.borrow_mut();
            if cache.len() >= HEADERS_CACHED {
                cache.clear();
            }
            cache.insert(segment.into(), Rc::clone(&header));
        });
    }
    Ok(header)
}

/// A compact token read as far as every reading goes: characters, segments, the
/// header, and for a JWE the other segments' base64.
struct Compact<'a> {
    form: Form,
    parts: [&'a str; 5],
    header: Arc<Map<String, Value>>,
    alg: AlgField,
    anomalies: Vec<Anomaly>,
}

impl<'a> Compact<'a> {
    fn read(text: &'a str) -> Result<Compact<'a>, ParseError> {
        if text.is_empty() {
            return Err(ParseError::Empty);
        }
        check_characters(text)?;
        // At most five segments are kept; more is an error that only needs the count.
        let mut parts = [""; 5];
        let mut count = 0;
        let mut rest = text;
        loop {
            let (part, next) = match memchr::memchr(b'.', rest.as_bytes()) {
                Some(i) => (&rest[..i], Some(&rest[i + 1..])),
                None => (rest, None),
            };
            if let Some(slot) = parts.get_mut(count) {
                *slot = part;
            }
            count += 1;
            match next {
                Some(next) => rest = next,
                None => break,
            }
        }
        let mut anomalies = Vec::new();
        let form = match count {
            3 => Form::Jws,
            5 => Form::Jwe,
            n => return Err(ParseError::SegmentCount(n)),
        };
        if parts[0].is_empty() {
            return Err(ParseError::EmptySegment("header"));
        }
        let header = read_header(parts[0])?;
        anomalies.extend_from_slice(&header.anomalies);
        let header = Arc::clone(&header.members);
        let alg = match form {
            Form::Jws => read_alg(&header, &mut anomalies),
            Form::Jwe => match header.get("alg") {
                Some(Value::String(s)) => AlgField::Unknown(s.clone()),
                Some(v) => AlgField::NotString(v.clone()),
                None => AlgField::Missing,
            },
        };
        if form == Form::Jwe {
            let segments = [
                Segment::EncryptedKey,
                Segment::Iv,
                Segment::Ciphertext,
                Segment::Tag,
            ];
            for (text, segment) in parts[1..].iter().zip(segments) {
                check_segment(text, segment, &mut anomalies)?;
            }
        }
        Ok(Compact {
            form,
            parts,
            header,
            alg,
            anomalies,
        })
    }

    /// A JWS's payload and signature bytes.
    fn payload_and_signature(&mut self) -> Result<(Vec<u8>, Vec<u8>), ParseError> {
        let payload = decode_segment(self.parts[1], Segment::Payload, &mut self.anomalies)?;
        let signature = decode_segment(self.parts[2], Segment::Signature, &mut self.anomalies)?;
        Ok((payload, signature))
    }
}

/// One claim of a token, read by [`Token::read_claim`].
#[derive(Clone, Debug, PartialEq)]
pub enum ClaimRead {
    /// The claim's value.
    Value(Value),
    /// The payload is a claims set without this claim.
    Absent,
    /// The payload is not a JSON claims set.
    NotClaims,
    /// The token is a JWE: its claims are encrypted.
    Encrypted,
}

/// A token read for one claim (`decode --claim`): the same checks and anomalies as
/// [`Token::parse`], without building the claims set.
#[derive(Clone, Debug)]
pub struct ClaimOf {
    pub form: Form,
    pub anomalies: Vec<Anomaly>,
    pub claim: ClaimRead,
}

impl Token {
    /// Parses one compact token. The text must already be trimmed of surrounding
    /// whitespace and any `Bearer ` prefix (see `input`).
    pub fn parse(text: &str) -> Result<Token, ParseError> {
        let mut compact = Compact::read(text)?;
        if compact.form == Form::Jwe {
            return Ok(Token {
                raw: text.to_owned(),
                form: compact.form,
                header: compact.header,
                alg: compact.alg,
                payload: Payload::Encrypted,
                payload_bytes: Vec::new(),
                signature: Vec::new(),
                signing_input_len: 0,
                anomalies: compact.anomalies,
            });
        }
        let (payload_bytes, signature) = compact.payload_and_signature()?;
        let payload = read_payload(&payload_bytes, &mut compact.anomalies);
        Ok(Token {
            raw: text.to_owned(),
            form: compact.form,
            signing_input_len: compact.parts[0].len() + 1 + compact.parts[1].len(),
            header: compact.header,
            alg: compact.alg,
            payload,
            payload_bytes,
            signature,
            anomalies: compact.anomalies,
        })
    }

    /// Reads one claim of a compact token, as [`claims::claim_at`] finds it in the
    /// claims set [`Token::parse`] would build (the top-level member `name`, else the
    /// dotted path), but building only that member: `decode --claim` over many tokens
    /// reads each payload once and allocates little. The token is accepted and refused,
    /// and its anomalies found, exactly as by [`Token::parse`].
    ///
    /// [`claims::claim_at`]: super::claims::claim_at
    pub fn read_claim(text: &str, name: &str) -> Result<ClaimOf, ParseError> {
        let mut compact = Compact::read(text)?;
        let claim = if compact.form == Form::Jwe {
            ClaimRead::Encrypted
        } else {
            let anomalies = &mut compact.anomalies;
            let payload = decode_segment(compact.parts[1], Segment::Payload, anomalies)?;
            check_segment(compact.parts[2], Segment::Signature, anomalies)?;
            read_claim_from(&payload, name, anomalies)
        };
        Ok(ClaimOf {
            form: compact.form,
            anomalies: compact.anomalies,
            claim,
        })
    }
    pub fn raw(&self) -> &str {
        &self.raw
    }
    pub fn form(&self) -> Form {
        self.form
    }
    pub fn header(&self) -> &Map<String, Value> {
        &self.header
    }
    pub fn alg(&self) -> &AlgField {
        &self.alg
    }
    pub fn payload(&self) -> &Payload {
        &self.payload
    }
    /// The decoded payload bytes exactly as signed.
    pub fn payload_bytes(&self) -> &[u8] {
        &self.payload_bytes
    }
    /// The claims, when the payload is a JSON object.
    pub fn claims(&self) -> Option<&Map<String, Value>> {
        match &self.payload {
            Payload::Claims(c) => Some(c),
            _ => None,
        }
    }
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }
    /// `BASE64URL(header) || '.' || BASE64URL(payload)`, as received.
    pub fn signing_input(&self) -> &[u8] {
        &self.raw.as_bytes()[..self.signing_input_len]
    }
    pub fn anomalies(&self) -> &[Anomaly] {
        &self.anomalies
    }
    /// A header member as a string, if present and a string.
    pub fn header_str(&self, name: &str) -> Option<&str> {
        self.header.get(name).and_then(Value::as_str)
    }
    pub fn kid(&self) -> Option<&str> {
        self.header_str("kid")
    }

    /// The parts the verifier reads.
    pub fn signed(&self) -> Signed<'_> {
        Signed {
            form: self.form,
            anomalies: &self.anomalies,
            alg: &self.alg,
            kid: self.kid(),
            crit: self.header.get("crit"),
            signing_input: self.signing_input(),
            signature: &self.signature,
        }
    }

    /// The token carried as payload when the header says `cty: JWT` (RFC 7519 §5.2).
    pub fn nested(&self) -> Option<Result<Token, ParseError>> {
        let cty = self.header_str("cty")?;
        if !cty.eq_ignore_ascii_case("JWT") {
            return None;
        }
        let text = std::str::from_utf8(&self.payload_bytes).ok()?.trim();
        Some(Token::parse(text))
    }
}

/// Whether a payload is meant as a claims set: its first non-blank byte opens an object.
fn looks_like_object(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{')
}

fn read_payload(bytes: &[u8], anomalies: &mut Vec<Anomaly>) -> Payload {
    if !looks_like_object(bytes) {
        return Payload::Bytes(bytes.to_vec());
    }
    match parse_json(bytes, Segment::Payload, anomalies) {
        Ok(Value::Object(claims)) => Payload::Claims(claims),
        Ok(_) => Payload::Bytes(bytes.to_vec()),
        Err(e) => {
            anomalies.push(Anomaly::MalformedClaims(e.to_string()));
            Payload::Bytes(bytes.to_vec())
        }
    }
}

/// The claim `name` of a payload, read as [`read_payload`] reads it.
fn read_claim_from(bytes: &[u8], name: &str, anomalies: &mut Vec<Anomaly>) -> ClaimRead {
    if !looks_like_object(bytes) {
        return ClaimRead::NotClaims;
    }
    // The member itself, and the first step of its dotted path.
    let first = name.split('.').next().unwrap_or(name);
    let names = [name, first];
    let names = if first == name {
        &names[..1]
    } else {
        &names[..]
    };
    let found = read_json(bytes, Segment::Payload, anomalies, |b| {
        json::find_members(b, names).map(|m| (m.values, m.duplicates))
    });
    let mut values = match found {
        Ok(values) => values,
        Err(e) => {
            anomalies.push(Anomaly::MalformedClaims(e.to_string()));
            return ClaimRead::NotClaims;
        }
    };
    if let Some(value) = values[0].take() {
        return ClaimRead::Value(value);
    }
    let Some(mut value) = values.get_mut(1).and_then(Option::take) else {
        return ClaimRead::Absent;
    };
    for step in name.split('.').skip(1) {
        let next = match &mut value {
            Value::Object(map) => map.swap_remove(step),
            Value::Array(items) => match step.parse::<usize>() {
                Ok(i) if i < items.len() => Some(items.swap_remove(i)),
                _ => None,
            },
            _ => None,
        };
        match next {
            Some(next) => value = next,
            None => return ClaimRead::Absent,
        }
    }
    ClaimRead::Value(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC7515_A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    #[test]
    fn parses_rfc7515_a1() {
        let t = Token::parse(RFC7515_A1).unwrap();
        assert_eq!(t.alg(), &AlgField::Known(Alg::HS256));
        assert_eq!(t.claims().unwrap()["iss"], "joe");
        assert_eq!(t.signature().len(), 32);
        assert!(t.anomalies().is_empty());
        assert!(t.signing_input().ends_with(b"fQ"));
    }

    #[test]
    fn plain_payload_is_kept_as_bytes() {
        let t = Token::parse("eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AAAA").unwrap();
        assert_eq!(t.payload(), &Payload::Bytes(b"Payload".to_vec()));
    }

    #[test]
    fn segment_count_is_checked() {
        assert_eq!(Token::parse("a.b"), Err(ParseError::SegmentCount(2)));
        assert_eq!(Token::parse("a.b.c.d"), Err(ParseError::SegmentCount(4)));
    }

    #[test]
    fn whitespace_inside_is_refused() {
        assert!(matches!(
            Token::parse("eyJhbGciOiJub25lIn0. e30."),
            Err(ParseError::BadCharacter(' ', _))
        ));
    }

    #[test]
    fn missing_alg_is_an_anomaly() {
        // {"typ":"JWT"}.{}
        let t = Token::parse("eyJ0eXAiOiJKV1QifQ.e30.").unwrap();
        assert_eq!(t.alg(), &AlgField::Missing);
        assert_eq!(t.anomalies(), &[Anomaly::AlgMissing]);
    }

    impl PartialEq for Token {
        fn eq(&self, other: &Self) -> bool {
            self.raw == other.raw
        }
    }
}
