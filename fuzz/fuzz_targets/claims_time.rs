//! Claim and time checks on a parsed token, as `verify` and `expiry` make them. Input:
//! the token on the first line; the bytes after the newline choose the clock, leeway and
//! policy. The full parse and the fast path's borrowed view must be judged alike.
#![no_main]

use jwtx::commands::{time_phrase, time_state};
use jwtx::token::Token;
use jwtx::token::claims::{
    ClaimFailure, ClaimPolicy, Claims, ExpiryPolicy, ExpiryState, NumericDate, TimeFacts,
    TimePolicy, numeric_date_json,
};
use jwtx::token::strict::{Scratch, Strict};
use jwtx::token::time::{self, Clock};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

/// 2026-01-01T00:00:00Z, the instant the fixtures were made around.
const ANCHOR: f64 = 1_767_225_600.0;
const NAMES: [&str; 8] = [
    "",
    "me",
    "api",
    "sub",
    "exp",
    "fixture",
    "https://issuer.example.com",
    "a",
];

struct Policies {
    claims: ClaimPolicy,
    expiry: ExpiryPolicy,
}

fn policies(u: &mut Unstructured<'_>) -> Result<Policies> {
    let now = ANCHOR + f64::from(u.arbitrary::<i32>()?) + f64::from(u.arbitrary::<u8>()?) / 256.0;
    let time = TimePolicy {
        clock: Clock::at(now),
        leeway: u64::from(u.arbitrary::<u32>()?),
    };
    let names = |u: &mut Unstructured<'_>| -> Result<Vec<String>> {
        let n = u.int_in_range(0..=2)?;
        (0..n).map(|_| Ok(u.choose(&NAMES)?.to_string())).collect()
    };
    let claims = ClaimPolicy {
        time,
        issuers: names(u)?,
        audiences: names(u)?,
        subject: if u.arbitrary()? {
            Some(u.choose(&NAMES)?.to_string())
        } else {
            None
        },
        required: names(u)?,
        ignore_exp: u.arbitrary()?,
        schema: None,
        expected: Vec::new(),
        max_lifetime: None,
    };
    let expiry = ExpiryPolicy {
        time,
        within: u.arbitrary::<Option<u32>>()?.map(u64::from),
        max_lifetime: u.arbitrary::<Option<u32>>()?.map(u64::from),
        allow_no_exp: u.arbitrary()?,
    };
    Ok(Policies { claims, expiry })
}

fn judge<C: Claims + ?Sized>(claims: &C, p: &Policies) -> (Vec<ClaimFailure>, TimeFacts) {
    let failures = p.claims.check(Some(claims));
    let facts = TimeFacts::evaluate(claims, &p.claims.time);
    let report = p.expiry.evaluate(claims);
    assert_eq!(report.facts, facts);
    let invalid = facts.invalid().next().is_some();
    assert_eq!(report.state == ExpiryState::Invalid, invalid);
    if !invalid {
        assert_eq!(report.state == ExpiryState::Expired, facts.expired);
    }
    for f in &report.findings {
        let _ = (f.id, f.weight, f.message.len());
    }
    for f in &failures {
        let _ = (f.id(), f.is_time_window(), f.to_string());
    }
    if p.claims.ignore_exp {
        assert!(
            !failures
                .iter()
                .any(|f| matches!(f, ClaimFailure::Expired { .. }))
        );
    }
    let now = facts.now;
    for (name, date) in [
        ("exp", &facts.exp),
        ("nbf", &facts.nbf),
        ("iat", &facts.iat),
    ] {
        if let NumericDate::Valid(at) = date {
            let _ = (numeric_date_json(*at), time::rfc3339(*at));
            let _ = (time_state(name, *at, now), time_phrase(name, *at, now));
        }
    }
    (failures, facts)
}

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
    let Ok(text) = std::str::from_utf8(&data[..split]) else {
        return;
    };
    let Ok(p) = policies(&mut Unstructured::new(
        data.get(split + 1..).unwrap_or_default(),
    )) else {
        return;
    };
    let Ok(token) = Token::parse(text) else {
        return;
    };
    let Some(tree) = token.claims() else {
        let failures = p.claims.check::<serde_json::Map<_, _>>(None);
        assert!(failures.iter().all(|f| *f == ClaimFailure::NoClaims));
        return;
    };
    let full = judge(tree, &p);
    let mut scratch = Scratch::default();
    if let Some(lean) = Strict::parse(text, &mut scratch)
        .as_ref()
        .and_then(Strict::claims)
    {
        assert_eq!(
            judge(lean, &p),
            full,
            "fast path and full parse judged differently"
        );
    }
});
