//! Claim checks (RFC 7519 §4.1) against an injected [`Clock`]: `exp`, `nbf`, `iat` with
//! leeway, and `iss`, `aud`, `sub` and required claims. `verify` and `expiry` both
//! judge time through [`TimeFacts`], so they can never disagree.

use std::fmt;

use serde_json::{Map, Value};

use super::time::{self, Clock, MAX_SECONDS, MIN_SECONDS};

/// A time claim as found in the payload.
#[derive(Clone, Debug, PartialEq)]
pub enum NumericDate {
    Absent,
    Valid(f64),
    /// Present but not a usable NumericDate; the text says why.
    Invalid(String),
}

/// What the claim checks read from a claims set. Implemented by the parsed JSON object
/// and by the fast path's borrowed view, so both are judged by the same code.
pub trait Claims {
    /// A time claim: `exp`, `nbf` or `iat`.
    fn date(&self, which: TimeClaim) -> NumericDate;
    /// `iss` or `sub`, when it is a string.
    fn identity(&self, which: IdentityClaim) -> Option<&str>;
    /// The audiences named by `aud` (a string or an array of strings).
    fn audiences(&self) -> Vec<&str>;
    fn contains(&self, name: &str) -> bool;
    /// The whole claims object, where the representation keeps it (a claims schema
    /// needs it; the fast path's lean claims do not).
    fn object(&self) -> Option<&Map<String, Value>> {
        None
    }
}

/// The time claims every check reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeClaim {
    Exp,
    Nbf,
    Iat,
}

impl TimeClaim {
    pub fn name(self) -> &'static str {
        match self {
            TimeClaim::Exp => "exp",
            TimeClaim::Nbf => "nbf",
            TimeClaim::Iat => "iat",
        }
    }
}

/// The string claims `--iss` and `--sub` check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityClaim {
    Iss,
    Sub,
}

impl Claims for Map<String, Value> {
    fn date(&self, which: TimeClaim) -> NumericDate {
        NumericDate::read(self, which.name())
    }
    fn identity(&self, which: IdentityClaim) -> Option<&str> {
        let name = match which {
            IdentityClaim::Iss => "iss",
            IdentityClaim::Sub => "sub",
        };
        self.get(name).and_then(Value::as_str)
    }
    fn audiences(&self) -> Vec<&str> {
        match self.get("aud") {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }
    fn contains(&self, name: &str) -> bool {
        claim_at(self, name).is_some()
    }
    fn object(&self) -> Option<&Map<String, Value>> {
        Some(self)
    }
}

/// A claim by name, or by dotted path into objects (`address.country`) when no claim
/// has the whole name (a number indexes an array: `roles.0`), as `decode --claim` reads
/// it.
pub fn claim_at<'a>(claims: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    if let Some(v) = claims.get(name) {
        return Some(v);
    }
    let mut parts = name.split('.');
    let mut value = claims.get(parts.next()?)?;
    for part in parts {
        value = match value {
            Value::Object(map) => map.get(part)?,
            Value::Array(items) => items.get(part.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(value)
}

impl NumericDate {
    pub fn read(claims: &Map<String, Value>, name: &str) -> NumericDate {
        match claims.get(name) {
            None => NumericDate::Absent,
            Some(v) => NumericDate::from_value(v),
        }
    }

    /// Judges a present claim value.
    pub fn from_value(value: &Value) -> NumericDate {
        match value {
            Value::Number(n) => match n.as_f64() {
                Some(v) if v.is_finite() && (MIN_SECONDS..=MAX_SECONDS).contains(&v) => {
                    NumericDate::Valid(v)
                }
                _ => NumericDate::Invalid(format!("{n} is out of range for a date")),
            },
            Value::String(s) => {
                NumericDate::Invalid(format!("is a string ({s:?}), not a NumericDate"))
            }
            other => NumericDate::Invalid(format!("is {}, not a NumericDate", json_kind(other))),
        }
    }

    pub fn value(&self) -> Option<f64> {
        match self {
            NumericDate::Valid(v) => Some(*v),
            _ => None,
        }
    }
}

/// A NumericDate for JSON output: an integer when it has no fraction.
pub fn numeric_date_json(secs: f64) -> Value {
    if secs.fract() == 0.0 && secs.abs() < 9.0e15 {
        Value::from(secs as i64)
    } else {
        Value::from(secs)
    }
}

pub fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// When time checks are made, and how much clock skew they forgive.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimePolicy {
    pub clock: Clock,
    /// Seconds of tolerance on `exp`, `nbf` and a future `iat`.
    pub leeway: u64,
}

/// What the time claims say at the policy's instant.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeFacts {
    pub exp: NumericDate,
    pub nbf: NumericDate,
    pub iat: NumericDate,
    pub now: f64,
    /// now ≥ exp + leeway (RFC 7519 §4.1.4: the token must be used before exp).
    pub expired: bool,
    /// now < nbf − leeway.
    pub not_yet_valid: bool,
    /// iat > now + leeway.
    pub issued_in_future: bool,
}

impl TimeFacts {
    pub fn evaluate(claims: &(impl Claims + ?Sized), policy: &TimePolicy) -> TimeFacts {
        let now = policy.clock.now();
        let leeway = policy.leeway as f64;
        let exp = claims.date(TimeClaim::Exp);
        let nbf = claims.date(TimeClaim::Nbf);
        let iat = claims.date(TimeClaim::Iat);
        TimeFacts {
            expired: exp.value().is_some_and(|e| now >= e + leeway),
            not_yet_valid: nbf.value().is_some_and(|n| now < n - leeway),
            issued_in_future: iat.value().is_some_and(|i| i > now + leeway),
            exp,
            nbf,
            iat,
            now,
        }
    }

    /// The smallest leeway, in whole seconds, under which every time window here
    /// passes (`exp` included); `None` when they all pass already.
    pub fn leeway_needed(&self) -> Option<u64> {
        let now = self.now;
        let value = |d: &NumericDate| d.value().unwrap_or_default();
        [
            self.expired.then(|| ClaimFailure::Expired {
                exp: value(&self.exp),
                now,
            }),
            self.not_yet_valid.then(|| ClaimFailure::NotYetValid {
                nbf: value(&self.nbf),
                now,
            }),
            self.issued_in_future.then(|| ClaimFailure::IssuedInFuture {
                iat: value(&self.iat),
                now,
            }),
        ]
        .iter()
        .flatten()
        .filter_map(ClaimFailure::leeway_needed)
        .max()
    }

    /// The time claims that are present but malformed, by name.
    pub fn invalid(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [("exp", &self.exp), ("nbf", &self.nbf), ("iat", &self.iat)]
            .into_iter()
            .filter_map(|(name, d)| match d {
                NumericDate::Invalid(why) => Some((name, why.as_str())),
                _ => None,
            })
    }
}

/// The largest miss of a time window, in seconds, that is still read as clock skew
/// between issuer and verifier (and so worth a leeway); beyond it the token is
/// simply expired or early.
pub const CLOCK_SKEW_MAX: u64 = 5 * 60;

/// What `verify` asks of the claims, beyond the signature.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimPolicy {
    pub time: TimePolicy,
    /// Accepted issuers; empty means any.
    pub issuers: Vec<String>,
    /// Accepted audiences; the token must name at least one. Empty means any.
    pub audiences: Vec<String>,
    pub subject: Option<String>,
    pub required: Vec<String>,
    /// Skip `exp` (a signature-only check); `nbf` and `iat` still apply.
    pub ignore_exp: bool,
    /// A JSON Schema the claims must match.
    pub schema: Option<super::schema::SharedSchema>,
    /// Claim values the token must carry: a claim (or dotted path, as [`claim_at`]
    /// reads it) and the JSON value expected there.
    pub expected: Vec<(String, Value)>,
    /// The longest acceptable lifetime (exp − iat), in seconds.
    pub max_lifetime: Option<u64>,
}

/// One way the claims fail the policy.
#[derive(Clone, Debug, PartialEq)]
pub enum ClaimFailure {
    Expired {
        exp: f64,
        now: f64,
    },
    NotYetValid {
        nbf: f64,
        now: f64,
    },
    IssuedInFuture {
        iat: f64,
        now: f64,
    },
    InvalidTime {
        claim: &'static str,
        why: String,
    },
    /// A required claim is absent; the name is what was expected.
    Missing(String),
    Issuer {
        /// The accepted issuers.
        expected: Vec<String>,
        found: Found,
    },
    Audience {
        /// The accepted audiences; the token must name one.
        expected: Vec<String>,
        /// The string audiences the token names.
        found: Vec<String>,
        /// Whether the token has an `aud` member at all.
        present: bool,
    },
    Subject {
        expected: String,
        found: Found,
    },
    /// Claim checks were asked for but the payload is not a JSON object.
    NoClaims,
    /// The claims do not match the claims schema: where (a JSON pointer) and why.
    Schema {
        pointer: String,
        message: String,
    },
    /// A claim does not hold the value expected of it (absent: `found` is `None`).
    Value {
        claim: String,
        expected: Value,
        found: Option<Value>,
    },
    /// exp − iat is above the policy's maximum (`None`: it cannot be known without
    /// both).
    Lifetime {
        lifetime: Option<f64>,
        max: u64,
    },
}

impl ClaimFailure {
    /// Expiry-type failures (exit 3) against every other claim failure (exit 4).
    pub fn is_time_window(&self) -> bool {
        matches!(
            self,
            ClaimFailure::Expired { .. }
                | ClaimFailure::NotYetValid { .. }
                | ClaimFailure::IssuedInFuture { .. }
        )
    }

    /// The smallest leeway, in whole seconds, under which this time-window failure
    /// would pass; `None` for every other failure.
    pub fn leeway_needed(&self) -> Option<u64> {
        // Saturating casts: the differences are positive for a failure.
        match *self {
            // Expired while now ≥ exp + leeway.
            ClaimFailure::Expired { exp, now } => Some((now - exp).floor() as u64 + 1),
            // Not yet valid while now < nbf − leeway.
            ClaimFailure::NotYetValid { nbf, now } => Some((nbf - now).ceil() as u64),
            // Issued in the future while iat > now + leeway.
            ClaimFailure::IssuedInFuture { iat, now } => Some((iat - now).ceil() as u64),
            _ => None,
        }
    }

    pub fn id(&self) -> &'static str {
        match self {
            ClaimFailure::Expired { .. } => "expired",
            ClaimFailure::NotYetValid { .. } => "not-yet-valid",
            ClaimFailure::IssuedInFuture { .. } => "issued-in-future",
            ClaimFailure::InvalidTime { .. } => "invalid-time-claim",
            ClaimFailure::Missing(_) => "missing-claim",
            ClaimFailure::Issuer { .. } => "issuer-mismatch",
            ClaimFailure::Audience { .. } => "audience-mismatch",
            ClaimFailure::Subject { .. } => "subject-mismatch",
            ClaimFailure::NoClaims => "no-claims",
            ClaimFailure::Schema { .. } => "claims-schema",
            ClaimFailure::Value { .. } => "claim-mismatch",
            ClaimFailure::Lifetime {
                lifetime: Some(_), ..
            } => "lifetime-exceeded",
            ClaimFailure::Lifetime { lifetime: None, .. } => "lifetime-unknown",
        }
    }
}

impl fmt::Display for ClaimFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClaimFailure::Expired { exp, now } => write!(
                f,
                "token expired at {} ({})",
                time::rfc3339(*exp),
                time::relative(*exp, *now)
            ),
            ClaimFailure::NotYetValid { nbf, now } => write!(
                f,
                "token not valid before {} ({})",
                time::rfc3339(*nbf),
                time::relative(*nbf, *now)
            ),
            ClaimFailure::IssuedInFuture { iat, now } => write!(
                f,
                "token issued in the future at {} ({})",
                time::rfc3339(*iat),
                time::relative(*iat, *now)
            ),
            ClaimFailure::InvalidTime { claim, why } => write!(f, "claim {claim:?} {why}"),
            ClaimFailure::Missing(name) => {
                write!(f, "required claim {:?} is missing", shown(name))
            }
            ClaimFailure::Issuer { expected, found } => {
                write!(f, "iss {found}, expected {}", one_of(expected))
            }
            ClaimFailure::Audience {
                expected,
                found,
                present,
            } => {
                f.write_str("aud ")?;
                match found.as_slice() {
                    [] if *present => f.write_str("names no string audience")?,
                    [] => f.write_str("is missing")?,
                    [one] => write!(f, "is {:?}", shown(one))?,
                    many => {
                        f.write_str("is [")?;
                        for (i, a) in many.iter().take(SHOWN_ITEMS).enumerate() {
                            if i > 0 {
                                f.write_str(", ")?;
                            }
                            write!(f, "{:?}", shown(a))?;
                        }
                        if many.len() > SHOWN_ITEMS {
                            write!(f, ", and {} more", many.len() - SHOWN_ITEMS)?;
                        }
                        f.write_str("]")?;
                    }
                }
                write!(f, ", expected {}", one_of(expected))
            }
            ClaimFailure::Subject { expected, found } => {
                write!(f, "sub {found}, expected {:?}", shown(expected))
            }
            ClaimFailure::NoClaims => {
                f.write_str("payload is not a JSON claims set, so claims cannot be checked")
            }
            ClaimFailure::Schema { pointer, message } => {
                write!(f, "{}: {}", shown(pointer), shown(message))
            }
            ClaimFailure::Value {
                claim,
                expected,
                found,
            } => {
                let expected = shown_json(expected);
                match found {
                    Some(found) => write!(
                        f,
                        "claim {:?} is {}, expected {expected}",
                        shown(claim),
                        shown_json(found)
                    ),
                    None => write!(
                        f,
                        "claim {:?} is missing, expected {expected}",
                        shown(claim)
                    ),
                }
            }
            ClaimFailure::Lifetime {
                lifetime: Some(lifetime),
                max,
            } => write!(
                f,
                "lifetime {} (exp − iat) exceeds the maximum {}",
                time::span(*lifetime),
                time::span(*max as f64)
            ),
            ClaimFailure::Lifetime {
                lifetime: None,
                max,
            } => write!(
                f,
                "lifetime cannot be known without both iat and exp (the maximum is {})",
                time::span(*max as f64)
            ),
        }
    }
}

/// What a token holds for `iss` or `sub`.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    Absent,
    /// Present but not a string.
    NotAString,
    Text(String),
}

impl Found {
    fn read(claims: &(impl Claims + ?Sized), which: IdentityClaim) -> Found {
        let name = match which {
            IdentityClaim::Iss => "iss",
            IdentityClaim::Sub => "sub",
        };
        match claims.identity(which) {
            Some(text) => Found::Text(text.to_owned()),
            None if claims.contains(name) => Found::NotAString,
            None => Found::Absent,
        }
    }

    /// The value, when it is a string.
    pub fn text(&self) -> Option<&str> {
        match self {
            Found::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// Completes "iss …" / "sub …": `is "x"`, `is missing`, `is not a string`.
impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Absent => f.write_str("is missing"),
            Found::NotAString => f.write_str("is not a string"),
            Found::Text(t) => write!(f, "is {:?}", shown(t)),
        }
    }
}

/// The longest claim value shown in a message, in characters; values come from the
/// token, so a hostile one cannot flood the report.
pub const SHOWN_CHARS: usize = 80;
/// The most audiences of a token listed in a message.
const SHOWN_ITEMS: usize = 5;

/// `text`, cut to [`SHOWN_CHARS`] with an ellipsis when longer.
pub fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(SHOWN_CHARS) {
        None => std::borrow::Cow::Borrowed(text),
        Some((end, _)) => std::borrow::Cow::Owned(format!("{}…", &text[..end])),
    }
}

/// A JSON value as compact JSON, cut like [`shown`].
fn shown_json(value: &Value) -> String {
    shown(&value.to_string()).into_owned()
}

/// Whether a claim holds the value expected: JSON equality, with numbers compared by
/// value (`1` and `1.0` are the same number).
pub fn same_value(found: &Value, expected: &Value) -> bool {
    match (found, expected) {
        (Value::Number(a), Value::Number(b)) => same_number(a, b),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_value(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| b.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => found == expected,
    }
}

/// Numbers by exact value. Integers are compared as integers: through `f64` two IDs
/// above 2^53 that differ in their last digits would be equal. An integer equals a
/// float only when the float is exactly that integer.
fn same_number(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    let integer = |n: &serde_json::Number| {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    };
    let exact = |i: i128, f: Option<f64>| {
        // 2^127 as f64: floats at or beyond it saturate when cast.
        const LIMIT: f64 = 1.7014118346046923e38;
        f.is_some_and(|f| f.fract() == 0.0 && f.abs() < LIMIT && f as i128 == i)
    };
    match (integer(a), integer(b)) {
        (Some(x), Some(y)) => x == y,
        (Some(i), None) => exact(i, b.as_f64()),
        (None, Some(i)) => exact(i, a.as_f64()),
        (None, None) => a.as_f64() == b.as_f64(),
    }
}

/// `"a"`, or `one of "a", "b"`.
fn one_of(expected: &[String]) -> String {
    let quoted: Vec<String> = expected.iter().map(|e| format!("{:?}", shown(e))).collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        _ => format!("one of {}", quoted.join(", ")),
    }
}

impl ClaimPolicy {
    /// True when the policy checks anything besides time.
    fn checks_identity(&self) -> bool {
        !self.issuers.is_empty()
            || !self.audiences.is_empty()
            || self.subject.is_some()
            || !self.required.is_empty()
            || self.schema.is_some()
            || !self.expected.is_empty()
            || self.max_lifetime.is_some()
    }

    /// Every way `claims` fail this policy; empty when they pass. A plain JWS payload
    /// (not a claims set) passes unless the policy asks about claims.
    pub fn check<C: Claims + ?Sized>(&self, claims: Option<&C>) -> Vec<ClaimFailure> {
        let Some(claims) = claims else {
            return if self.checks_identity() {
                vec![ClaimFailure::NoClaims]
            } else {
                Vec::new()
            };
        };
        let mut failures = Vec::new();
        let facts = TimeFacts::evaluate(claims, &self.time);
        for (claim, why) in facts.invalid() {
            if claim == "exp" && self.ignore_exp {
                continue;
            }
            failures.push(ClaimFailure::InvalidTime {
                claim,
                why: why.to_owned(),
            });
        }
        for name in &self.required {
            if !claims.contains(name) {
                failures.push(ClaimFailure::Missing(name.clone()));
            }
        }
        if !self.issuers.is_empty() {
            let found = claims.identity(IdentityClaim::Iss);
            if !found.is_some_and(|i| self.issuers.iter().any(|x| x == i)) {
                failures.push(ClaimFailure::Issuer {
                    expected: self.issuers.clone(),
                    found: Found::read(claims, IdentityClaim::Iss),
                });
            }
        }
        if !self.audiences.is_empty() {
            let found = claims.audiences();
            if !found.iter().any(|a| self.audiences.iter().any(|x| x == a)) {
                failures.push(ClaimFailure::Audience {
                    expected: self.audiences.clone(),
                    found: found.into_iter().map(str::to_owned).collect(),
                    present: claims.contains("aud"),
                });
            }
        }
        if let Some(expected) = &self.subject
            && claims.identity(IdentityClaim::Sub) != Some(expected.as_str())
        {
            failures.push(ClaimFailure::Subject {
                expected: expected.clone(),
                found: Found::read(claims, IdentityClaim::Sub),
            });
        }
        if !self.expected.is_empty() {
            match claims.object() {
                Some(object) => {
                    for (claim, expected) in &self.expected {
                        let found = claim_at(object, claim);
                        if !found.is_some_and(|v| same_value(v, expected)) {
                            failures.push(ClaimFailure::Value {
                                claim: claim.clone(),
                                expected: expected.clone(),
                                found: found.cloned(),
                            });
                        }
                    }
                }
                // Fail closed, as for a schema.
                None => failures.push(ClaimFailure::Value {
                    claim: self.expected[0].0.clone(),
                    expected: self.expected[0].1.clone(),
                    found: None,
                }),
            }
        }
        if let Some(max) = self.max_lifetime {
            match (facts.exp.value(), facts.iat.value()) {
                (Some(exp), Some(iat)) if exp - iat > max as f64 => {
                    failures.push(ClaimFailure::Lifetime {
                        lifetime: Some(exp - iat),
                        max,
                    });
                }
                (Some(_), Some(_)) => {}
                // A malformed exp or iat is reported as such already.
                _ if facts.invalid().next().is_none() => {
                    failures.push(ClaimFailure::Lifetime {
                        lifetime: None,
                        max,
                    });
                }
                _ => {}
            }
        }
        if let Some(schema) = &self.schema {
            match claims.object() {
                Some(object) => failures.extend(schema.0.check(object)),
                // Fail closed: a schema that could not look is not a schema that passed.
                None => failures.push(ClaimFailure::Schema {
                    pointer: "/".into(),
                    message: "the claims were not available to the schema check".into(),
                }),
            }
        }
        if facts.expired && !self.ignore_exp {
            failures.push(ClaimFailure::Expired {
                exp: facts.exp.value().unwrap_or_default(),
                now: facts.now,
            });
        }
        if facts.not_yet_valid {
            failures.push(ClaimFailure::NotYetValid {
                nbf: facts.nbf.value().unwrap_or_default(),
                now: facts.now,
            });
        }
        if facts.issued_in_future {
            failures.push(ClaimFailure::IssuedInFuture {
                iat: facts.iat.value().unwrap_or_default(),
                now: facts.now,
            });
        }
        failures
    }
}

/// What `jwtx expiry` asks: is the token usable now, for how long, and does its
/// lifetime fit policy. Time is judged by [`TimeFacts`], exactly as `verify` judges it.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpiryPolicy {
    pub time: TimePolicy,
    /// A token valid now but expiring within this many seconds is "expiring". Leeway
    /// does not widen this window.
    pub within: Option<u64>,
    /// The longest acceptable exp − iat, in seconds.
    pub max_lifetime: Option<u64>,
    /// Whether a token without `exp` is acceptable.
    pub allow_no_exp: bool,
}

/// The one-word answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpiryState {
    Valid,
    Expiring,
    Expired,
    NotYetValid,
    NoExpiry,
    /// A time claim is not a NumericDate, so the token cannot be judged.
    Invalid,
}

impl ExpiryState {
    pub fn name(self) -> &'static str {
        match self {
            ExpiryState::Valid => "valid",
            ExpiryState::Expiring => "expiring",
            ExpiryState::Expired => "expired",
            ExpiryState::NotYetValid => "not-yet-valid",
            ExpiryState::NoExpiry => "no-expiry",
            ExpiryState::Invalid => "invalid",
        }
    }
}

/// How much a finding weighs: a time-window problem (exit 3), a claim problem (exit 4),
/// or a note that changes nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weight {
    Note,
    Window,
    Claim,
}

/// One thing `expiry` has to say beyond the state.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpiryFinding {
    pub id: &'static str,
    pub weight: Weight,
    pub message: String,
}

/// Everything `expiry` reports about one token.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpiryReport {
    pub facts: TimeFacts,
    pub state: ExpiryState,
    /// exp − now (negative once past).
    pub remaining: Option<f64>,
    /// now − iat.
    pub age: Option<f64>,
    /// exp − iat.
    pub lifetime: Option<f64>,
    pub findings: Vec<ExpiryFinding>,
}

impl ExpiryReport {
    /// The heaviest finding's weight.
    pub fn weight(&self) -> Weight {
        self.findings
            .iter()
            .map(|f| f.weight)
            .max()
            .unwrap_or(Weight::Note)
    }
}

impl ExpiryPolicy {
    pub fn evaluate(&self, claims: &(impl Claims + ?Sized)) -> ExpiryReport {
        let facts = TimeFacts::evaluate(claims, &self.time);
        let now = facts.now;
        let exp = facts.exp.value();
        let nbf = facts.nbf.value();
        let iat = facts.iat.value();
        let mut findings = Vec::new();
        let mut add = |id, weight, message: String| {
            findings.push(ExpiryFinding {
                id,
                weight,
                message,
            })
        };

        for (claim, why) in facts.invalid() {
            add(
                "invalid-time-claim",
                Weight::Claim,
                format!("claim {claim:?} {why}"),
            );
        }
        let remaining = exp.map(|e| e - now);
        let lifetime = match (exp, iat) {
            (Some(e), Some(i)) => Some(e - i),
            _ => None,
        };
        let age = iat.map(|i| now - i);

        let invalid = facts.invalid().next().is_some();
        let state = if invalid {
            ExpiryState::Invalid
        } else if facts.expired {
            ExpiryState::Expired
        } else if facts.not_yet_valid || facts.issued_in_future {
            ExpiryState::NotYetValid
        } else if facts.exp == NumericDate::Absent {
            ExpiryState::NoExpiry
        } else if remaining.is_some_and(|r| self.within.is_some_and(|w| r < w as f64)) {
            ExpiryState::Expiring
        } else {
            ExpiryState::Valid
        };

        match state {
            ExpiryState::Expired => add(
                "expired",
                Weight::Window,
                ClaimFailure::Expired {
                    exp: exp.unwrap_or_default(),
                    now,
                }
                .to_string(),
            ),
            ExpiryState::NotYetValid if facts.not_yet_valid => add(
                "not-yet-valid",
                Weight::Window,
                ClaimFailure::NotYetValid {
                    nbf: nbf.unwrap_or_default(),
                    now,
                }
                .to_string(),
            ),
            // Issued in the future: reported below.
            ExpiryState::NotYetValid => {}
            ExpiryState::Expiring => {
                let exp = exp.unwrap_or_default();
                let message = if exp <= now {
                    format!(
                        "token passed its exp {} and is valid only within the leeway",
                        time::relative(exp, now)
                    )
                } else {
                    format!(
                        "token expires {}, within {}",
                        time::relative(exp, now),
                        time::span(self.within.unwrap_or_default() as f64)
                    )
                };
                add("expiring", Weight::Window, message);
            }
            ExpiryState::NoExpiry if !self.allow_no_exp => add(
                "no-expiry",
                Weight::Claim,
                "token has no exp and never expires".into(),
            ),
            ExpiryState::NoExpiry => add(
                "no-expiry",
                Weight::Note,
                "token has no exp and never expires".into(),
            ),
            ExpiryState::Valid | ExpiryState::Invalid => {}
        }
        if facts.issued_in_future {
            add(
                "issued-in-future",
                Weight::Window,
                ClaimFailure::IssuedInFuture {
                    iat: iat.unwrap_or_default(),
                    now,
                }
                .to_string(),
            );
        }
        if let (Some(n), Some(e)) = (nbf, exp)
            && n > e
        {
            add(
                "nbf-after-exp",
                Weight::Note,
                "nbf is after exp: the token is never valid".into(),
            );
        }
        if let (Some(i), Some(e)) = (iat, exp)
            && i > e
        {
            add(
                "iat-after-exp",
                Weight::Note,
                "iat is after exp: the token was issued already expired".into(),
            );
        }
        if let Some(max) = self.max_lifetime {
            match lifetime {
                Some(l) if l > max as f64 => add(
                    "lifetime-exceeded",
                    Weight::Claim,
                    format!(
                        "lifetime {} (exp − iat) exceeds the maximum {}",
                        time::span(l),
                        time::span(max as f64)
                    ),
                ),
                Some(_) => {}
                None if !invalid => add(
                    "lifetime-unknown",
                    Weight::Claim,
                    "lifetime cannot be known without both iat and exp".into(),
                ),
                None => {}
            }
        }
        ExpiryReport {
            facts,
            state,
            remaining,
            age,
            lifetime,
            findings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn policy(now: f64, leeway: u64) -> ClaimPolicy {
        ClaimPolicy {
            time: TimePolicy {
                clock: Clock::at(now),
                leeway,
            },
            issuers: vec![],
            audiences: vec![],
            subject: None,
            required: vec![],
            ignore_exp: false,
            schema: None,
            expected: vec![],
            max_lifetime: None,
        }
    }

    #[test]
    fn expected_values_and_lifetimes_are_claim_failures() {
        let claims: Map<String, Value> = serde_json::from_str(
            r#"{"role":"user","level":2,"address":{"country":"FR"},"iat":0,"exp":3600}"#,
        )
        .unwrap();
        let mut p = policy(10.0, 0);
        p.expected = vec![
            ("role".into(), Value::from("admin")),
            ("level".into(), serde_json::json!(2.0)),
            ("address.country".into(), Value::from("FR")),
            ("team".into(), Value::from("core")),
        ];
        p.max_lifetime = Some(60);
        let failures = p.check(Some(&claims));
        let shown: Vec<String> = failures.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "claim \"role\" is \"user\", expected \"admin\"",
                "claim \"team\" is missing, expected \"core\"",
                "lifetime 1h (exp − iat) exceeds the maximum 1m",
            ]
        );
        assert!(failures.iter().all(|f| !f.is_time_window()));
        assert_eq!(failures[0].id(), "claim-mismatch");
        assert_eq!(failures[2].id(), "lifetime-exceeded");
        let no_iat: Map<String, Value> = serde_json::from_str(r#"{"exp":3600}"#).unwrap();
        p.expected.clear();
        assert_eq!(p.check(Some(&no_iat))[0].id(), "lifetime-unknown");
    }

    #[test]
    fn expected_numbers_are_compared_exactly() {
        let same = |a: &str, b: &str| {
            same_value(
                &serde_json::from_str(a).unwrap(),
                &serde_json::from_str(b).unwrap(),
            )
        };
        assert!(same("1", "1.0"));
        assert!(same("-3", "-3"));
        assert!(same("9007199254740993", "9007199254740993"));
        assert!(same("18446744073709551615", "18446744073709551615"));
        // Equal as f64, different numbers.
        assert!(!same("9007199254740992", "9007199254740993"));
        assert!(!same("9007199254740992.0", "9007199254740993"));
        assert!(!same("18446744073709551615", "18446744073709551614"));
        assert!(!same("1.5", "1"));
        assert!(!same("[9007199254740992]", "[9007199254740993]"));
        assert!(same("0.5", "0.5"));
        assert!(!same("1e300", "1"));
    }

    fn claims(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn expired_exactly_at_exp() {
        let c = claims(json!({"exp": 100}));
        assert!(policy(99.0, 0).check(Some(&c)).is_empty());
        assert_eq!(policy(100.0, 0).check(Some(&c))[0].id(), "expired");
        assert!(policy(104.0, 5).check(Some(&c)).is_empty());
        assert_eq!(policy(105.0, 5).check(Some(&c))[0].id(), "expired");
    }

    #[test]
    fn fractional_dates_are_valid_and_strings_are_not() {
        let c = claims(json!({"exp": 100.5, "nbf": "yesterday"}));
        let failures = policy(50.0, 0).check(Some(&c));
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].id(), "invalid-time-claim");
        let huge = claims(json!({"exp": 1e300}));
        assert_eq!(
            policy(0.0, 0).check(Some(&huge))[0].id(),
            "invalid-time-claim"
        );
    }

    #[test]
    fn audience_may_be_a_string_or_an_array() {
        let mut p = policy(0.0, 0);
        p.audiences = vec!["api".into()];
        assert!(p.check(Some(&claims(json!({"aud": "api"})))).is_empty());
        assert!(
            p.check(Some(&claims(json!({"aud": ["x", "api"]}))))
                .is_empty()
        );
        assert_eq!(
            p.check(Some(&claims(json!({"aud": ["x"]}))))[0].id(),
            "audience-mismatch"
        );
    }

    #[test]
    fn every_failed_check_is_reported_with_what_was_expected() {
        let mut p = policy(0.0, 0);
        p.issuers = vec!["https://auth.example.com".into()];
        p.audiences = vec!["api".into(), "web".into()];
        p.subject = Some("alice".into());
        p.required = vec!["jti".into()];
        let c = claims(json!({"iss": "https://auth.example.com/", "aud": ["x", "y"], "sub": 7}));
        let text: Vec<String> = p.check(Some(&c)).iter().map(|f| f.to_string()).collect();
        assert_eq!(
            text,
            [
                "required claim \"jti\" is missing",
                "iss is \"https://auth.example.com/\", expected \"https://auth.example.com\"",
                "aud is [\"x\", \"y\"], expected one of \"api\", \"web\"",
                "sub is not a string, expected \"alice\"",
            ]
        );
        let none = p.check(Some(&claims(json!({"aud": 3, "jti": "j"}))));
        let text: Vec<String> = none.iter().map(|f| f.to_string()).collect();
        assert_eq!(
            text,
            [
                "iss is missing, expected \"https://auth.example.com\"",
                "aud names no string audience, expected one of \"api\", \"web\"",
                "sub is missing, expected \"alice\"",
            ]
        );
    }

    #[test]
    fn token_values_are_cut_short() {
        let mut p = policy(0.0, 0);
        p.subject = Some("alice".into());
        let long = "é".repeat(500);
        let failures = p.check(Some(&claims(json!({ "sub": long }))));
        let text = failures[0].to_string();
        assert!(
            text.contains(&format!("\"{}…\"", "é".repeat(SHOWN_CHARS))),
            "{text}"
        );
        assert!(text.chars().count() < SHOWN_CHARS + 40, "{text}");
    }

    #[test]
    fn leeway_needed_is_the_smallest_that_passes() {
        for (c, now) in [
            (json!({"exp": 100}), 100.0),
            (json!({"exp": 100}), 130.5),
            (json!({"nbf": 100}), 70.0),
            (json!({"nbf": 100.5}), 70.0),
            (json!({"iat": 100}), 58.2),
        ] {
            let c = claims(c);
            let failures = policy(now, 0).check(Some(&c));
            let needed = failures[0].leeway_needed().expect("a time failure");
            assert!(
                policy(now, needed).check(Some(&c)).is_empty(),
                "{c:?} {needed}"
            );
            assert!(
                !policy(now, needed - 1).check(Some(&c)).is_empty(),
                "{c:?} {needed}"
            );
            let facts = TimeFacts::evaluate(&c, &policy(now, 0).time);
            assert_eq!(facts.leeway_needed(), Some(needed));
        }
        let both = claims(json!({"nbf": 100, "iat": 140}));
        let facts = TimeFacts::evaluate(&both, &policy(90.0, 0).time);
        assert_eq!(facts.leeway_needed(), Some(50));
    }

    #[test]
    fn no_exp_passes_unless_required() {
        let c = claims(json!({"sub": "a"}));
        assert!(policy(0.0, 0).check(Some(&c)).is_empty());
        let mut p = policy(0.0, 0);
        p.required = vec!["exp".into()];
        assert_eq!(p.check(Some(&c))[0].id(), "missing-claim");
    }
}

#[cfg(test)]
mod expiry_tests {
    use super::*;
    use serde_json::json;

    fn policy(now: f64) -> ExpiryPolicy {
        ExpiryPolicy {
            time: TimePolicy {
                clock: Clock::at(now),
                leeway: 0,
            },
            within: Some(600),
            max_lifetime: None,
            allow_no_exp: false,
        }
    }

    fn state(claims: Value, now: f64) -> ExpiryState {
        policy(now).evaluate(claims.as_object().unwrap()).state
    }

    #[test]
    fn states() {
        assert_eq!(state(json!({"exp": 2000}), 1000.0), ExpiryState::Valid);
        assert_eq!(state(json!({"exp": 2000}), 1401.0), ExpiryState::Expiring);
        assert_eq!(state(json!({"exp": 2000}), 1400.0), ExpiryState::Valid);
        assert_eq!(state(json!({"exp": 2000}), 2000.0), ExpiryState::Expired);
        assert_eq!(
            state(json!({"exp": 2000, "nbf": 1500}), 1000.0),
            ExpiryState::NotYetValid
        );
        assert_eq!(state(json!({}), 1000.0), ExpiryState::NoExpiry);
        assert_eq!(state(json!({"exp": "x"}), 1000.0), ExpiryState::Invalid);
    }

    #[test]
    fn lifetime_policy() {
        let mut p = policy(1000.0);
        p.max_lifetime = Some(3600);
        let long = p.evaluate(json!({"iat": 0, "exp": 7200}).as_object().unwrap());
        assert_eq!(long.lifetime, Some(7200.0));
        assert_eq!(long.weight(), Weight::Claim);
        let unknown = p.evaluate(json!({"exp": 7200}).as_object().unwrap());
        assert!(unknown.findings.iter().any(|f| f.id == "lifetime-unknown"));
    }
}
