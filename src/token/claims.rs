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

impl NumericDate {
    pub fn read(claims: &Map<String, Value>, name: &str) -> NumericDate {
        match claims.get(name) {
            None => NumericDate::Absent,
            Some(Value::Number(n)) => match n.as_f64() {
                Some(v) if v.is_finite() && (MIN_SECONDS..=MAX_SECONDS).contains(&v) => {
                    NumericDate::Valid(v)
                }
                _ => NumericDate::Invalid(format!("{n} is out of range for a date")),
            },
            Some(Value::String(s)) => {
                NumericDate::Invalid(format!("is a string ({s:?}), not a NumericDate"))
            }
            Some(other) => {
                NumericDate::Invalid(format!("is {}, not a NumericDate", json_kind(other)))
            }
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
    pub fn evaluate(claims: &Map<String, Value>, policy: &TimePolicy) -> TimeFacts {
        let now = policy.clock.now();
        let leeway = policy.leeway as f64;
        let exp = NumericDate::read(claims, "exp");
        let nbf = NumericDate::read(claims, "nbf");
        let iat = NumericDate::read(claims, "iat");
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
    Missing(String),
    Issuer {
        found: Option<String>,
    },
    Audience {
        found: Vec<String>,
    },
    Subject {
        found: Option<String>,
    },
    /// Claim checks were asked for but the payload is not a JSON object.
    NoClaims,
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
            ClaimFailure::Missing(name) => write!(f, "required claim {name:?} is missing"),
            ClaimFailure::Issuer { found: Some(iss) } => {
                write!(f, "issuer {iss:?} is not an accepted issuer")
            }
            ClaimFailure::Issuer { found: None } => f.write_str("token has no issuer (iss)"),
            ClaimFailure::Audience { found } if found.is_empty() => {
                f.write_str("token has no audience (aud)")
            }
            ClaimFailure::Audience { found } => {
                write!(f, "audience {found:?} names none of the accepted audiences")
            }
            ClaimFailure::Subject { found: Some(sub) } => {
                write!(f, "subject {sub:?} is not the expected subject")
            }
            ClaimFailure::Subject { found: None } => f.write_str("token has no subject (sub)"),
            ClaimFailure::NoClaims => {
                f.write_str("payload is not a JSON claims set, so claims cannot be checked")
            }
        }
    }
}

/// The audiences a token names: `aud` may be one string or an array of strings.
pub fn audiences(claims: &Map<String, Value>) -> Vec<String> {
    match claims.get("aud") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

impl ClaimPolicy {
    /// True when the policy checks anything besides time.
    fn checks_identity(&self) -> bool {
        !self.issuers.is_empty()
            || !self.audiences.is_empty()
            || self.subject.is_some()
            || !self.required.is_empty()
    }

    /// Every way `claims` fail this policy; empty when they pass. A plain JWS payload
    /// (not a claims set) passes unless the policy asks about claims.
    pub fn check(&self, claims: Option<&Map<String, Value>>) -> Vec<ClaimFailure> {
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
            if !claims.contains_key(name) {
                failures.push(ClaimFailure::Missing(name.clone()));
            }
        }
        let string_claim = |name| claims.get(name).and_then(Value::as_str).map(str::to_owned);
        if !self.issuers.is_empty() {
            let found = string_claim("iss");
            if !found.as_ref().is_some_and(|i| self.issuers.contains(i)) {
                failures.push(ClaimFailure::Issuer { found });
            }
        }
        if !self.audiences.is_empty() {
            let found = audiences(claims);
            if !found.iter().any(|a| self.audiences.contains(a)) {
                failures.push(ClaimFailure::Audience { found });
            }
        }
        if let Some(expected) = &self.subject {
            let found = string_claim("sub");
            if found.as_ref() != Some(expected) {
                failures.push(ClaimFailure::Subject { found });
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
        }
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
    fn no_exp_passes_unless_required() {
        let c = claims(json!({"sub": "a"}));
        assert!(policy(0.0, 0).check(Some(&c)).is_empty());
        let mut p = policy(0.0, 0);
        p.required = vec!["exp".into()];
        assert_eq!(p.check(Some(&c))[0].id(), "missing-claim");
    }
}
