//! `jwtx expiry` (alias `exp`): is the token still good, and for how long? Judges time
//! with the same core code as `verify`, optionally after verifying the signature.

use std::fmt::Write as _;

use anyhow::Result;
use serde_json::{Map, Value, json};

use super::keysource::KeyRing;
use super::profiles::{Overrides, Profiles};
use super::{batch, keysource, origin, settings, time_phrase};
use crate::cli::{ExpiryArgs, Format};
use crate::cli::{KeyArgs, KeyLocation};
use crate::config::TokenType;
use crate::exit::Exit;
use crate::input::{self, Item, TokenStream};
use crate::output::{self, ErrorObject, JSON_VERSION, Printer, Style};
use crate::token::claims::{
    CLOCK_SKEW_MAX, ExpiryFinding, ExpiryPolicy, ExpiryReport, ExpiryState, NumericDate,
    TimePolicy, Weight, numeric_date_json,
};
use crate::token::jwe::{self, DecryptPolicy, Parts};
use crate::token::keys::DecryptionKey;
use crate::token::schema::SharedSchema;
use crate::token::{Anomaly, Form, SigFailure, Token, time};

/// Tally slots, in summary order.
const STATES: [ExpiryState; 6] = [
    ExpiryState::Valid,
    ExpiryState::Expiring,
    ExpiryState::Expired,
    ExpiryState::NotYetValid,
    ExpiryState::NoExpiry,
    ExpiryState::Invalid,
];
const ERRORS: usize = STATES.len();

fn slot(state: ExpiryState) -> usize {
    STATES.iter().position(|&s| s == state).unwrap_or(ERRORS)
}

struct Context<'a> {
    policy: &'a ExpiryPolicy,
    /// With --oidc: the issuer whose keys verified, which the token must name.
    issuer: Option<&'a str>,
    /// jwtx.toml's token types, each with its policy and schema, tried in order.
    types: &'a [(&'a TokenType, ExpiryPolicy, Option<SharedSchema>)],
    /// `--claims-schema` (or jwtx.toml's), for tokens no type gives one.
    schema: Option<&'a SharedSchema>,
    keys: Option<&'a KeyRing>,
    /// `--decrypt-key`: JWEs are opened and the signed token inside is judged.
    decrypt: Option<&'a [DecryptionKey]>,
    /// jwtx.toml's issuer profiles, when no key was given on the command line.
    profiles: Option<&'a Profiles<'a>>,
    format: Format,
    titled: bool,
    color: bool,
}

pub fn run(mut args: ExpiryArgs, out: &mut Printer) -> Result<Exit> {
    let config = settings::load(&args.config)?;
    if let Some(config) = &config {
        settings::apply_expiry(&mut args, config);
    }
    let policy = ExpiryPolicy {
        time: TimePolicy {
            clock: args.time.clock(),
            leeway: args.time.leeway.unwrap_or(0),
        },
        within: args.within,
        max_lifetime: args.max_lifetime,
        allow_no_exp: args.allow_no_exp,
    };
    let mut stream = TokenStream::open(&args.input.tokens)?;
    input::one_stdin_reader(&[stream.stdin_reader(), keysource::stdin_reader(&args.key)])?;
    let decryption_keys = match &args.decrypt_key {
        Some(path) => Some(keysource::decryption_keys(&KeyArgs {
            key: Some(KeyLocation::Path(path.clone())),
            ..KeyArgs::default()
        })?),
        None => None,
    };
    let mut issuer = None;
    let ring = if args.key.given() || args.remote.oidc.is_some() {
        let keys = keysource::verifying_keys(&args.key, &args.remote)?;
        issuer = keys.issuer.clone();
        Some(KeyRing::new(keys, args.algs.clone(), &args.key, false)?)
    } else {
        None
    };
    // A token type's limits apply where the command line set none.
    let schema = settings::run_schema(args.claims_schema.as_deref(), config.as_ref())?;
    // No key on the command line: jwtx.toml's issuer profiles verify each token.
    let profiles = match &config {
        Some(config) if ring.is_none() && !config.file.issuers.is_empty() => Some(Profiles::new(
            config,
            None,
            args.claims_schema.is_some(),
            &args.remote,
            args.time.clock(),
            Overrides {
                algs: args.algs.clone(),
                issuers: Vec::new(),
                audiences: Vec::new(),
                subject: None,
                required: Vec::new(),
                leeway: args.time.leeway,
                ignore_exp: false,
                schema: None,
                expected: Vec::new(),
                allow_weak_key: args.key.allow_weak_key,
                all_thumbprints: false,
            },
            &[],
        )?),
        _ => None,
    };
    let mut types: Vec<(&TokenType, ExpiryPolicy, Option<SharedSchema>)> = Vec::new();
    for (config, t) in config
        .iter()
        .flat_map(|c| c.file.token_types.iter().map(move |t| (c, t)))
    {
        let mut typed = policy.clone();
        if args.max_lifetime.is_none() {
            typed.max_lifetime = t.max_lifetime;
        }
        if !args.allow_no_exp
            && let Some(required) = t.require_exp
        {
            typed.allow_no_exp = !required;
        }
        let typed_schema = match (&args.claims_schema, &t.claims_schema) {
            (None, Some(path)) => Some(settings::load_schema(&config.resolve(path))?),
            _ => schema.clone(),
        };
        types.push((t, typed, typed_schema));
    }
    let ctx = Context {
        policy: &policy,
        issuer: issuer.as_deref(),
        types: &types,
        schema: schema.as_ref(),
        keys: ring.as_ref(),
        profiles: profiles.as_ref(),
        decrypt: decryption_keys.as_deref(),
        format: args.output.format(),
        titled: !stream.is_one_argument(),
        color: out.color,
    };
    let header = (ctx.titled && ctx.format == Format::Text).then(|| {
        format!(
            "{:>6}  {:<13} {:<24} {:<14} {:<10} {}\n",
            "LINE", "STATE", "EXP", "REMAINING", "LIFETIME", "NOTES"
        )
    });
    let totals = batch::run(
        &mut stream,
        out,
        header.as_deref(),
        |_: &mut (), item, chunk| check(&ctx, item, chunk),
    )?;
    if ctx.titled && ctx.format == Format::Text {
        let mut summary = String::new();
        for (i, state) in STATES.iter().enumerate() {
            let _ = write!(
                summary,
                "{} {}, ",
                totals.tally[i],
                state.name().replace('-', " ")
            );
        }
        let _ = write!(summary, "{} unreadable", totals.tally[ERRORS]);
        out.line(&summary)?;
    }
    if ring.is_none() && profiles.is_none() && ctx.format == Format::Text {
        out.flush()?;
        crate::diag!(
            "jwtx: note: the claims were not verified (give a key to verify the signature first)"
        );
    }
    Ok(totals.exit)
}

fn check(ctx: &Context<'_>, item: &Item<'_>, chunk: &mut batch::ChunkOut) -> Exit {
    let text = match item.text {
        Ok(text) => text,
        Err(message) => return error(ctx, item, Exit::Malformed, "unreadable", message, chunk),
    };
    let token = match Token::parse(text) {
        Ok(token) => token,
        Err(e) => {
            return error(
                ctx,
                item,
                Exit::Malformed,
                "malformed",
                &e.to_string(),
                chunk,
            );
        }
    };
    // --decrypt-key: the signed token inside a JWE is the one judged, and only a signed
    // one (anyone can encrypt claims to a public key).
    if let Some(keys) = ctx.decrypt
        && token.form() == Form::Jwe
    {
        let decrypted = Parts::of(&token)
            .and_then(|parts| jwe::decrypt(&parts, keys, &DecryptPolicy::default()));
        let plaintext = match decrypted {
            Ok(d) => d.plaintext,
            Err(e) => {
                let (exit, id) = super::decrypt::classify(&e);
                let message = format!("cannot decrypt the JWE: {}", super::decrypt::message(&e));
                return error(ctx, item, exit, id, &message, chunk);
            }
        };
        let inner = std::str::from_utf8(&plaintext)
            .ok()
            .and_then(|t| Token::parse(t.trim()).ok())
            .filter(|t| t.form() == Form::Jws);
        let Some(inner) = inner.filter(|t| {
            t.signed()
                .alg
                .as_str()
                .is_some_and(|a| !a.eq_ignore_ascii_case("none"))
        }) else {
            let message = "the JWE decrypted, but its content is not a signed JWS; only a signed token inside is judged (anyone can encrypt claims to a public key)";
            return error(ctx, item, Exit::Invalid, "inner-not-signed", message, chunk);
        };
        return check_token(ctx, item, &inner, chunk);
    }
    check_token(ctx, item, &token, chunk)
}

/// The checks once the token to judge is known (the token itself, or the one inside a
/// JWE).
fn check_token(
    ctx: &Context<'_>,
    item: &Item<'_>,
    token: &Token,
    chunk: &mut batch::ChunkOut,
) -> Exit {
    if let Some(malformed) = token
        .anomalies()
        .iter()
        .find(|a| matches!(a, Anomaly::MalformedClaims(_)))
    {
        // No claims can be read, so nothing can be said about time.
        return error(
            ctx,
            item,
            Exit::Malformed,
            "malformed",
            &malformed.to_string(),
            chunk,
        );
    }
    // With a key, verification refuses such a token in one line; in JSON the record
    // carries them. Otherwise, say what was forgiven.
    if ctx.keys.is_none() && ctx.profiles.is_none() && ctx.format == Format::Text {
        for anomaly in token.anomalies() {
            let _ = writeln!(chunk.stderr, "jwtx: warning: {}: {anomaly}", origin(item));
        }
    }
    if token.form() == Form::Jwe {
        let message = "token is a JWE: its claims are encrypted";
        return error(ctx, item, Exit::Malformed, "encrypted", message, chunk);
    }
    // Why the key that verified the token is weak, when --allow-weak-key let it.
    let mut warnings = Vec::new();
    let keys = match (ctx.keys, ctx.profiles) {
        (Some(keys), _) => Some(keys),
        (None, Some(profiles)) => {
            let iss = token
                .claims()
                .and_then(|c| c.get("iss"))
                .and_then(Value::as_str);
            match profiles.select(iss) {
                Ok(chosen) => Some(chosen.ring),
                Err(why) => return error(ctx, item, why.exit, why.id, &why.message, chunk),
            }
        }
        (None, None) => None,
    };
    if let Some(keys) = keys {
        match keys.verify(&token.signed()) {
            (ring, Ok(index)) => {
                if let Some(w) = token
                    .signed()
                    .alg
                    .known()
                    .and_then(|a| ring.verifier.weakness(index, a))
                {
                    warnings.push(keysource::weak_warning(&w));
                }
            }
            (_, Err(f)) => {
                let exit = Exit::for_sig_failure(&f);
                let mut message = keysource::sig_failure_message(&f);
                if let (SigFailure::NoKeyForKid(_), Some(note)) = (&f, keys.refetch_note()) {
                    message = format!("{message} ({note})");
                }
                return error(ctx, item, exit, f.id(), &message, chunk);
            }
        }
    }
    let empty = Map::new();
    let claims = token.claims().unwrap_or(&empty);
    if let Some(issuer) = ctx.issuer {
        let iss = claims.get("iss").and_then(Value::as_str);
        if iss != Some(issuer) {
            let message = match iss {
                Some(iss) => format!(
                    "claim check failed: iss is {:?}, expected {issuer:?} (--oidc)",
                    output::escape(iss)
                ),
                None => format!("claim check failed: no iss, expected {issuer:?} (--oidc)"),
            };
            return error(ctx, item, Exit::Claim, "iss", &message, chunk);
        }
    }
    let typ = token.header().get("typ").and_then(Value::as_str);
    let (policy, schema) = ctx
        .types
        .iter()
        .find(|(t, _, _)| t.matches(typ, claims))
        .map_or((ctx.policy, ctx.schema), |(_, p, s)| (p, s.as_ref()));
    if let Some(schema) = schema {
        let violations = schema.0.check(claims);
        if !violations.is_empty() {
            let list: Vec<String> = violations.iter().map(ToString::to_string).collect();
            let message = format!("claims do not match the claims schema: {}", list.join("; "));
            return error(ctx, item, Exit::Claim, "claims-schema", &message, chunk);
        }
    }
    let report = policy.evaluate(claims);
    let exit = match report.weight() {
        Weight::Claim => Exit::Claim,
        Weight::Window => Exit::Expired,
        Weight::Note => Exit::Ok,
    };
    chunk.tally[slot(report.state)] += 1;
    match ctx.format {
        Format::Json => json_record(ctx, item, token, &report, exit, &warnings, chunk),
        Format::Text if ctx.titled => table_row(ctx, item, &report, chunk),
        Format::Text => block(ctx, &report, token.claims().is_some(), chunk),
    }
    exit
}

/// A finding's message, with the option that would accept it where one exists.
fn finding_message(finding: &ExpiryFinding, report: &ExpiryReport) -> String {
    match (finding.id, finding.weight) {
        ("no-expiry", Weight::Claim) => {
            format!("{} (--allow-no-exp accepts that)", finding.message)
        }
        // A miss the size of a clock skew: the leeway that accepts every time window.
        ("expired" | "not-yet-valid" | "issued-in-future", Weight::Window) => {
            match report
                .facts
                .leeway_needed()
                .filter(|&n| n <= CLOCK_SKEW_MAX)
            {
                Some(n) => format!("{}; --leeway {n}s accepts that", finding.message),
                None => finding.message.clone(),
            }
        }
        _ => finding.message.clone(),
    }
}

fn paint(ctx: &Context<'_>, state: ExpiryState, text: &str) -> String {
    let style = match state {
        ExpiryState::Valid => Style::Good,
        ExpiryState::Expiring | ExpiryState::NotYetValid => Style::Warn,
        ExpiryState::NoExpiry => Style::Info,
        ExpiryState::Expired | ExpiryState::Invalid => Style::Bad,
    };
    output::paint(ctx.color, style, text).into_owned()
}

fn date_phrase(name: &str, date: &NumericDate, now: f64) -> Option<String> {
    match date {
        NumericDate::Absent => None,
        NumericDate::Invalid(why) => Some(output::escape(why).into_owned()),
        NumericDate::Valid(at) => Some(format!(
            "{}  {}",
            time::rfc3339(*at),
            time_phrase(name, *at, now)
        )),
    }
}

fn block(ctx: &Context<'_>, report: &ExpiryReport, has_claims: bool, chunk: &mut batch::ChunkOut) {
    let now = report.facts.now;
    let mut text = String::new();
    let state = paint(ctx, report.state, report.state.name());
    let _ = writeln!(text, "{:<9} {state}", "state");
    for (name, date) in [
        ("exp", &report.facts.exp),
        ("nbf", &report.facts.nbf),
        ("iat", &report.facts.iat),
    ] {
        if let Some(phrase) = date_phrase(name, date, now) {
            let facts = &report.facts;
            // Outside its window, yet accepted: the leeway did that.
            let within = match (name, date.value()) {
                ("exp", Some(at)) => now >= at && !facts.expired,
                ("nbf", Some(at)) => now < at && !facts.not_yet_valid,
                ("iat", Some(at)) => at > now && !facts.issued_in_future,
                _ => false,
            };
            let tail = if within { ", within leeway" } else { "" };
            let _ = writeln!(text, "{name:<9} {phrase}{tail}");
        }
    }
    if report.facts.exp == NumericDate::Absent {
        let _ = writeln!(text, "{:<9} none: the token never expires", "exp");
    }
    if let Some(age) = report.age {
        let _ = writeln!(text, "{:<9} {}", "age", signed_span(age));
    }
    if let Some(lifetime) = report.lifetime {
        let _ = writeln!(text, "{:<9} {}", "lifetime", signed_span(lifetime));
    }
    if !has_claims {
        let _ = writeln!(text, "{:<9} the payload is not a JWT claims set", "note");
    }
    for finding in &report.findings {
        let _ = writeln!(text, "{:<9} {}", "note", finding_message(finding, report));
    }
    chunk.stdout.extend_from_slice(text.as_bytes());
}

fn signed_span(seconds: f64) -> String {
    if seconds < 0.0 {
        format!("-{}", time::span(seconds))
    } else {
        time::span(seconds)
    }
}

fn table_row(
    ctx: &Context<'_>,
    item: &Item<'_>,
    report: &ExpiryReport,
    chunk: &mut batch::ChunkOut,
) {
    let now = report.facts.now;
    let exp = match &report.facts.exp {
        NumericDate::Valid(at) => time::rfc3339(*at),
        NumericDate::Absent => "-".to_owned(),
        NumericDate::Invalid(_) => "invalid".to_owned(),
    };
    let remaining = report
        .facts
        .exp
        .value()
        .map_or_else(|| "-".to_owned(), |at| time::relative(at, now));
    let lifetime = report.lifetime.map_or_else(|| "-".to_owned(), signed_span);
    let notes: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.id != report.state.name())
        .map(|f| f.id.to_owned())
        .collect();
    // Pad before painting, so escape codes do not upset the alignment.
    let state = paint(ctx, report.state, &format!("{:<13}", report.state.name()));
    let line = format!(
        "{:>6}  {state} {exp:<24} {remaining:<14} {lifetime:<10} {}",
        item.line,
        notes.join(", ")
    );
    chunk.stdout.extend_from_slice(line.trim_end().as_bytes());
    chunk.stdout.push(b'\n');
}

fn date_json(date: &NumericDate, now: f64) -> Value {
    match date {
        NumericDate::Absent => Value::Null,
        NumericDate::Valid(at) => json!({
            "value": numeric_date_json(*at),
            "rfc3339": time::rfc3339(*at),
            "relative": time::relative(*at, now),
        }),
        NumericDate::Invalid(why) => json!({"error": why}),
    }
}

fn json_record(
    ctx: &Context<'_>,
    item: &Item<'_>,
    token: &Token,
    report: &ExpiryReport,
    exit: Exit,
    warnings: &[String],
    chunk: &mut batch::ChunkOut,
) {
    let has_claims = token.claims().is_some();
    let anomalies: Vec<Value> = token
        .anomalies()
        .iter()
        .map(|a| json!({"id": a.id(), "message": a.to_string()}))
        .collect();
    let now = report.facts.now;
    let findings: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let weight = match f.weight {
                Weight::Note => "note",
                Weight::Window => "window",
                Weight::Claim => "claim",
            };
            json!({"id": f.id, "weight": weight, "message": finding_message(f, report)})
        })
        .collect();
    let record = json!({
        "version": JSON_VERSION,
        "line": item.line,
        "source": item.label,
        "state": report.state.name(),
        "code": exit.code(),
        "verified": ctx.keys.is_some() || ctx.profiles.is_some(),
        "claims": has_claims,
        "now": numeric_date_json(now),
        "exp": date_json(&report.facts.exp, now),
        "nbf": date_json(&report.facts.nbf, now),
        "iat": date_json(&report.facts.iat, now),
        "remaining": report.remaining,
        "age": report.age,
        "lifetime": report.lifetime,
        "findings": findings,
        "anomalies": anomalies,
    });
    let mut record = record;
    if !warnings.is_empty() {
        record["warnings"] = warnings.into();
    }
    let _ = serde_json::to_writer(&mut chunk.stdout, &record);
    chunk.stdout.push(b'\n');
}

fn error(
    ctx: &Context<'_>,
    item: &Item<'_>,
    exit: Exit,
    id: &str,
    message: &str,
    chunk: &mut batch::ChunkOut,
) -> Exit {
    chunk.tally[ERRORS] += 1;
    // A line that is not a token may have a known shape (JSON, UTF-16, wrapped...).
    let hint = if matches!(id, "unreadable" | "malformed") {
        super::shape_hint(item)
    } else {
        None
    };
    match ctx.format {
        Format::Json => {
            let mut record = json!({
                "version": JSON_VERSION,
                "line": item.line,
                "source": item.label,
                "error": ErrorObject::new(exit, Some(id), message),
            });
            if let Some((id, message)) = &hint {
                record["hints"] = json!([{"id": id, "message": message}]);
            }
            let _ = serde_json::to_writer(&mut chunk.stdout, &record);
            chunk.stdout.push(b'\n');
        }
        Format::Text => {
            let prefix = if ctx.titled {
                format!("{}: ", origin(item))
            } else {
                String::new()
            };
            let _ = writeln!(chunk.stderr, "jwtx: {prefix}{}", output::escape(message));
            if let Some((_, message)) = &hint {
                let _ = writeln!(
                    chunk.stderr,
                    "jwtx: {prefix}hint: {}",
                    output::escape(message)
                );
            }
        }
    }
    exit
}
