//! `jwtx verify`: check signatures and claims for one token or a stream of them.
//! Tokens are read in batches, checked in parallel chunks (each worker reusing its own
//! buffers, and taking the parser's fast path for well-formed tokens) and reported in
//! input order. The run's exit code is the most serious per-token outcome.

use std::fmt::Write as _;
use std::sync::OnceLock;

use anyhow::Result;
use serde::Serialize;

use super::denylist::{Denylist, Found};
use super::keysource::{KeyRing, Ring};
use super::profiles::{self, Overrides, Profiles, TypeRule};
use super::{batch, keysource, origin, settings};
use crate::cli::KeyLocation;
use crate::cli::{Format, KeyArgs, VerifyArgs};
use crate::config::Config;
use crate::exit::Exit;
use crate::input::{self, Item, TokenStream};
use crate::output::{self, ErrorObject, JSON_VERSION, Printer, Style};
use crate::token::claims::{
    CLOCK_SKEW_MAX, ClaimFailure, ClaimPolicy, Claims, IdentityClaim, TimeClaim, TimePolicy,
    numeric_date_json,
};
use crate::token::jwe::{self, DecryptPolicy, Parts};
use crate::token::keys::DecryptionKey;
use crate::token::keys::strength;
use crate::token::parse::Form;
use crate::token::strict::{Scratch, Strict};
use crate::token::verify::{Hint, Signed};
use crate::token::{KeyKind, Secret, SecretEncoding, SigFailure, Token, time};
use std::path::Path;

/// Tally slot for valid tokens.
const VALID: usize = 0;

/// The keys and claim rules tokens are checked with: one set for the run, or the
/// jwtx.toml issuer profile each token's iss selects.
enum Choice<'a> {
    /// The keys, the policy, and the policy for each token type.
    One(&'a KeyRing, &'a ClaimPolicy, &'a [ClaimPolicy]),
    Profiles(&'a Profiles<'a>),
}

/// The run's denylists: `--denylist`, or `[verify]`'s and the issuer profiles' own.
struct Denylists {
    lists: Vec<Denylist>,
    /// The list for tokens checked without a profile (or whose profile has none).
    default: Option<usize>,
    /// Each issuer profile's list, by the profile's index in the file.
    by_profile: Vec<Option<usize>>,
    /// Each profile's `iss` and whether it is the default, by the same index: with keys
    /// from the command line the profiles no longer choose the keys, but a token of a
    /// profile's issuer is still checked against that profile's list.
    issuers: Vec<(String, bool)>,
}

impl Denylists {
    /// The list for tokens of the profile at `index`: its own, else the default (and
    /// `--denylist`, which replaces them all, is the default).
    fn for_profile(&self, index: usize) -> Option<usize> {
        match self.by_profile.get(index) {
            Some(own) => *own,
            None => self.default,
        }
    }

    /// The list for a token whose `iss` is `iss`, when no profile was chosen for it:
    /// the list of the profile its `iss` names (or of the default profile), else the
    /// default.
    fn for_iss(&self, iss: Option<&str>) -> Option<usize> {
        let profile = iss
            .and_then(|iss| self.issuers.iter().position(|(p, _)| p == iss))
            .or_else(|| self.issuers.iter().position(|(_, default)| *default));
        match profile {
            Some(index) => self.for_profile(index),
            None => self.default,
        }
    }

    /// Opens every list before any token is read: one that cannot be read or reached is
    /// an error, never a pass. The command line's list replaces the file's.
    fn open(args: &VerifyArgs, config: Option<&Config>) -> Result<Denylists> {
        let mut out = Denylists {
            lists: Vec::new(),
            default: None,
            by_profile: Vec::new(),
            issuers: Vec::new(),
        };
        if let Some(spec) = &args.denylist {
            out.lists
                .push(Denylist::open(spec, args.denylist_key.as_deref())?);
            out.default = Some(0);
            return Ok(out);
        }
        let Some(config) = config else {
            return Ok(out);
        };
        // (spec as opened, template) of each list, so a list named twice is opened once.
        let mut opened: Vec<(String, Option<String>)> = Vec::new();
        let mut open = |spec: &str, template: Option<&str>| -> Result<usize> {
            let spec = if spec.starts_with("redis://") || spec.starts_with("rediss://") {
                spec.to_owned()
            } else {
                config
                    .resolve(Path::new(spec))
                    .to_string_lossy()
                    .into_owned()
            };
            let template = template.map(str::to_owned);
            if let Some(i) = opened.iter().position(|o| o.0 == spec && o.1 == template) {
                return Ok(i);
            }
            out.lists.push(Denylist::open(&spec, template.as_deref())?);
            opened.push((spec, template));
            Ok(opened.len() - 1)
        };
        let defaults = &config.file.verify;
        let key = args.denylist_key.as_deref();
        if let Some(spec) = &defaults.denylist {
            out.default = Some(open(spec, key.or(defaults.denylist_key.as_deref()))?);
        }
        // Opened whether or not the profiles choose the keys: `--key` replaces a
        // profile's keys, not the revocations of its issuer.
        for profile in &config.file.issuers {
            let own = match &profile.denylist {
                Some(spec) => Some(open(
                    spec,
                    key.or(profile.denylist_key.as_deref())
                        .or(defaults.denylist_key.as_deref()),
                )?),
                None => out.default,
            };
            out.by_profile.push(own);
            out.issuers.push((profile.iss.clone(), profile.default));
        }
        Ok(out)
    }
}

struct Context<'a> {
    choice: Choice<'a>,
    /// The full parser's claims tree is needed (dotted required claims, a schema, a
    /// denylist that matches on jti, expected values, token types).
    needs_tree: bool,
    /// jwtx.toml's token types, in order: the first that matches a token applies.
    types: &'a [TypeRule<'a>],
    denylists: &'a Denylists,
    /// `--decrypt-key`: JWEs are opened first and the signed token inside is verified.
    decrypt: Option<&'a [DecryptionKey]>,
    format: Format,
    titled: bool,
    color: bool,
    key_args: &'a KeyArgs,
    /// Other readings of the HMAC secret, built on the first bad signature only.
    readings: OnceLock<Vec<(Reading, Secret)>>,
}

pub fn run(args: VerifyArgs, out: &mut Printer) -> Result<Exit> {
    let clock = args.time.clock();
    let mut stream = TokenStream::open(&args.input.tokens)?;
    input::one_stdin_reader(&[stream.stdin_reader(), keysource::stdin_reader(&args.key)])?;
    let config = settings::load(&args.config)?;
    let json = args.output.format() == Format::Json;
    let defaults = config.as_ref().map(|c| &c.file.verify);
    let mut required = args.require.clone();
    for claim in defaults.map(|d| d.require.as_slice()).unwrap_or_default() {
        if !required.contains(claim) {
            required.push(claim.clone());
        }
    }
    // Keys named on the command line win; otherwise jwtx.toml's issuer profiles decide.
    let use_profiles = !args.key.given()
        && args.remote.oidc.is_none()
        && config.as_ref().is_some_and(|c| !c.file.issuers.is_empty());
    let decryption_keys = match &args.decrypt_key {
        Some(path) => Some(keysource::decryption_keys(&KeyArgs {
            key: Some(KeyLocation::Path(path.clone())),
            ..KeyArgs::default()
        })?),
        None => None,
    };
    let schema = settings::run_schema(args.claims_schema.as_deref(), config.as_ref())?;
    let flag_expected: Vec<(String, serde_json::Value)> = args
        .expect
        .iter()
        .map(|a| (a.name.clone(), a.value.clone()))
        .collect();
    let types = profiles::type_rules(config.as_ref(), args.claims_schema.is_some())?;
    let lists = Denylists::open(&args, config.as_ref())?;
    let single: Option<(KeyRing, ClaimPolicy, Vec<ClaimPolicy>)> = if use_profiles {
        None
    } else {
        let keys = keysource::verifying_keys(&args.key, &args.remote)?;
        // --oidc requires the issuer it named, unless --iss says otherwise.
        let issuers = match (&keys.issuer, args.iss.is_empty()) {
            (Some(issuer), true) => vec![issuer.clone()],
            _ => args.iss.clone(),
        };
        // Key thumbprints appear in JSON records, and in the text `valid` line when
        // several keys could have verified; other runs skip computing them.
        let ring = KeyRing::new(keys, args.algs.clone(), &args.key, json)?;
        let leeway = args
            .time
            .leeway
            .or(defaults.and_then(|d| d.leeway))
            .unwrap_or(0);
        let policy = ClaimPolicy {
            time: TimePolicy { clock, leeway },
            issuers,
            audiences: args.aud.clone(),
            subject: args.sub.clone(),
            required: required.clone(),
            ignore_exp: args.ignore_exp,
            schema: schema.clone(),
            expected: profiles::merge_expected(&[
                defaults.map(|d| d.expect.as_slice()).unwrap_or_default(),
                &flag_expected,
            ]),
            max_lifetime: None,
        };
        let typed = types
            .iter()
            .map(|t| profiles::typed_policy(&policy, t))
            .collect();
        Some((ring, policy, typed))
    };
    let profiles = match (&config, use_profiles) {
        (Some(config), true) => Some(Profiles::new(
            config,
            args.profile_name.as_deref(),
            args.claims_schema.is_some(),
            &args.remote,
            clock,
            Overrides {
                algs: args.algs.clone(),
                issuers: args.iss.clone(),
                audiences: args.aud.clone(),
                subject: args.sub.clone(),
                required: args.require.clone(),
                leeway: args.time.leeway,
                ignore_exp: args.ignore_exp,
                schema: schema.clone(),
                expected: flag_expected,
                allow_weak_key: args.key.allow_weak_key,
                all_thumbprints: json,
            },
            &types,
        )?),
        _ => None,
    };
    let choice = match (&single, &profiles) {
        (Some((ring, policy, typed)), _) => Choice::One(ring, policy, typed),
        (None, Some(profiles)) => Choice::Profiles(profiles),
        (None, None) => unreachable!("either keys or profiles were set up above"),
    };
    // The fast path keeps only top-level claim names: dotted required claims, expected
    // values, claims schemas, token types and denylists need the whole tree.
    let tree = |p: &ClaimPolicy| {
        p.schema.is_some() || !p.expected.is_empty() || p.required.iter().any(|c| c.contains('.'))
    };
    let needs_tree = !lists.lists.is_empty()
        || !types.is_empty()
        || match &choice {
            Choice::One(_, policy, _) => tree(policy),
            Choice::Profiles(profiles) => profiles.policies().any(tree),
        };
    let ctx = Context {
        choice,
        needs_tree,
        types: &types,
        denylists: &lists,
        decrypt: decryption_keys.as_deref(),
        format: args.output.format(),
        titled: !stream.is_one_argument(),
        color: out.color,
        key_args: &args.key,
        readings: OnceLock::new(),
    };

    let totals = batch::run_prepared(
        &mut stream,
        out,
        None,
        |batch| {
            lists
                .lists
                .iter()
                .map(|list| list.prefetch(batch))
                .collect::<Result<Vec<Found>>>()
        },
        |scratch: &mut Scratch, found: &Vec<Found>, item, chunk| {
            let exit = check(&ctx, scratch, found, item, chunk);
            if exit == Exit::Ok {
                chunk.tally[VALID] += 1;
            }
            exit
        },
    )?;
    if totals.total > 1 && ctx.format == Format::Text {
        out.flush()?;
        let valid = totals.tally[VALID];
        crate::diag!(
            "jwtx: {} tokens: {valid} valid, {} not",
            totals.total,
            totals.total - valid
        );
    }
    Ok(totals.exit)
}

fn check(
    ctx: &Context<'_>,
    scratch: &mut Scratch,
    found: &[Found],
    item: &Item<'_>,
    out: &mut batch::ChunkOut,
) -> Exit {
    let text = match item.text {
        Ok(text) => text,
        Err(message) => {
            let hints = shape_hints(item);
            return failure_with_hints(
                ctx,
                item,
                Exit::Malformed,
                "unreadable",
                message,
                &[],
                &hints,
                out,
            );
        }
    };
    if let Some(keys) = ctx.decrypt
        && text.bytes().filter(|&b| b == b'.').count() == 4
    {
        return nested(ctx, keys, found, item, text, out);
    }
    if !ctx.needs_tree
        && let Some(strict) = Strict::parse(text, scratch)
    {
        return judge(
            ctx,
            found,
            item,
            &strict.signed(),
            None,
            strict.claims(),
            out,
        );
    }
    match Token::parse(text) {
        Ok(token) => judge(
            ctx,
            found,
            item,
            &token.signed(),
            token.header_str("typ"),
            token.claims(),
            out,
        ),
        Err(e) => failure_with_hints(
            ctx,
            item,
            Exit::Malformed,
            "malformed",
            &e.to_string(),
            &[],
            &shape_hints(item),
            out,
        ),
    }
}

/// A JWE given with `--decrypt-key`: decrypt it, then judge the signed token inside.
/// Fails closed: content that is not a compact JWS with a real signature algorithm is
/// refused, whatever it says (anyone can encrypt claims to a public key).
fn nested(
    ctx: &Context<'_>,
    keys: &[DecryptionKey],
    found: &[Found],
    item: &Item<'_>,
    text: &str,
    out: &mut batch::ChunkOut,
) -> Exit {
    let outer = match Token::parse(text) {
        Ok(token) => token,
        Err(e) => {
            let message = e.to_string();
            return failure_with_hints(
                ctx,
                item,
                Exit::Malformed,
                "malformed",
                &message,
                &[],
                &[],
                out,
            );
        }
    };
    let decrypted =
        Parts::of(&outer).and_then(|parts| jwe::decrypt(&parts, keys, &DecryptPolicy::default()));
    let plaintext = match decrypted {
        Ok(d) => d.plaintext,
        Err(e) => {
            let (exit, id) = super::decrypt::classify(&e);
            let message = format!("cannot decrypt the JWE: {}", super::decrypt::message(&e));
            return failure_with_hints(ctx, item, exit, id, &message, &[], &[], out);
        }
    };
    let refuse = |why: &str, out: &mut batch::ChunkOut| {
        let message = format!(
            "the JWE decrypted, but {why}; only a signed token inside is verified (anyone can encrypt claims to a public key)"
        );
        failure_with_hints(
            ctx,
            item,
            Exit::Invalid,
            "inner-not-signed",
            &message,
            &[],
            &[],
            out,
        )
    };
    let Ok(inner_text) = std::str::from_utf8(&plaintext) else {
        return refuse("its content is not text", out);
    };
    let inner_text = inner_text.trim();
    let inner = match Token::parse(inner_text) {
        Ok(token) if token.form() == Form::Jws => token,
        Ok(_) => return refuse("its content is another JWE", out),
        Err(_) => return refuse("its content is not a compact JWS", out),
    };
    let signed = inner.signed();
    if signed
        .alg
        .as_str()
        .is_none_or(|a| a.eq_ignore_ascii_case("none"))
    {
        return refuse("the token inside is unsecured (alg none)", out);
    }
    judge(
        ctx,
        found,
        item,
        &signed,
        inner.header_str("typ"),
        inner.claims(),
        out,
    )
}

/// The input-shape hint for a line that is not a token, if it has a known shape.
fn shape_hints(item: &Item<'_>) -> Vec<HintItem> {
    super::shape_hint(item)
        .map(|(id, message)| HintItem { id, message })
        .into_iter()
        .collect()
}

/// Judges one token; `typ` is its header's (read only when there are token types).
fn judge<C: Claims>(
    ctx: &Context<'_>,
    found: &[Found],
    item: &Item<'_>,
    signed: &Signed<'_>,
    typ: Option<&str>,
    claims: Option<&C>,
    out: &mut batch::ChunkOut,
) -> Exit {
    let (keys, base, typed, denylist) = match &ctx.choice {
        Choice::One(keys, policy, typed) => (
            *keys,
            *policy,
            *typed,
            ctx.denylists
                .for_iss(claims.and_then(|c| c.identity(IdentityClaim::Iss))),
        ),
        Choice::Profiles(profiles) => {
            match profiles.select(claims.and_then(|c| c.identity(IdentityClaim::Iss))) {
                Ok(chosen) => (
                    chosen.ring,
                    chosen.policy,
                    chosen.typed,
                    ctx.denylists.for_profile(chosen.index),
                ),
                Err(why) => {
                    return failure_with_hints(
                        ctx,
                        item,
                        why.exit,
                        why.id,
                        &why.message,
                        &[],
                        &[],
                        out,
                    );
                }
            }
        }
    };
    let (ring, verdict) = keys.verify(signed);
    let key_index = match verdict {
        Ok(index) => index,
        Err(f) => {
            let exit = Exit::for_sig_failure(&f);
            let message = keysource::sig_failure_message(&f);
            let readings = ctx.readings.get_or_init(|| secret_readings(ctx));
            let mut hints: Vec<HintItem> = ring
                .verifier
                .diagnose(signed, &f, readings)
                .iter()
                .map(|h| HintItem {
                    id: h.id(),
                    message: hint_message(ctx, ring, signed, h, readings),
                })
                .collect();
            if let (SigFailure::NoKeyForKid(_), Some(note)) = (&f, keys.refetch_note()) {
                hints.push(HintItem {
                    id: "keys-refetched",
                    message: note.to_owned(),
                });
            }
            return failure_with_hints(ctx, item, exit, f.id(), &message, &[], &hints, out);
        }
    };
    // The first token type that matches adds its rules.
    let policy = claims
        .and_then(|c| c.object())
        .and_then(|object| ctx.types.iter().position(|t| t.kind.matches(typ, object)))
        .and_then(|i| typed.get(i))
        .unwrap_or(base);
    if let (Some(index), Ok(text)) = (denylist, item.text)
        && let (Some(denylist), Some(found)) = (ctx.denylists.lists.get(index), found.get(index))
    {
        let jti = claims
            .and_then(|c| c.object())
            .and_then(|m| m.get("jti"))
            .and_then(serde_json::Value::as_str);
        if let Some(why) = denylist.check(found, text, jti) {
            return failure_with_hints(ctx, item, Exit::Invalid, "revoked", &why, &[], &[], out);
        }
    }
    let failures = policy.check(claims);
    if let Some(primary) = most_serious(&failures) {
        let exit = if primary.is_time_window() {
            Exit::Expired
        } else {
            Exit::Claim
        };
        let hints: Vec<HintItem> = leeway_hint(&failures).into_iter().collect();
        return failure_with_hints(
            ctx,
            item,
            exit,
            primary.id(),
            &primary.to_string(),
            &failures,
            &hints,
            out,
        );
    }
    let exp = claims.and_then(|c| c.date(TimeClaim::Exp).value());
    valid(
        ctx,
        ring,
        policy,
        item,
        signed,
        claims.is_some(),
        exp,
        key_index,
        out,
    );
    Exit::Ok
}

/// A non-time failure outranks expiry (4 > 3); otherwise the first found.
fn most_serious(failures: &[ClaimFailure]) -> Option<&ClaimFailure> {
    failures
        .iter()
        .find(|f| !f.is_time_window())
        .or_else(|| failures.first())
}

/// When the time claims fail by a little only (clock skew between issuer and
/// verifier), the smallest `--leeway` that accepts all of them.
fn leeway_hint(failures: &[ClaimFailure]) -> Option<HintItem> {
    let needed = failures
        .iter()
        .filter_map(ClaimFailure::leeway_needed)
        .max()
        .filter(|&n| n <= CLOCK_SKEW_MAX)?;
    let parts: Vec<String> = failures
        .iter()
        .filter_map(|f| match *f {
            ClaimFailure::Expired { exp, now } => {
                Some(format!("exp passed {} ago", time::span(now - exp)))
            }
            ClaimFailure::NotYetValid { nbf, now } => {
                Some(format!("nbf is {} in the future", time::span(nbf - now)))
            }
            ClaimFailure::IssuedInFuture { iat, now } => {
                Some(format!("iat is {} in the future", time::span(iat - now)))
            }
            _ => None,
        })
        .collect();
    Some(HintItem {
        id: "leeway",
        message: format!(
            "{}, which a small clock skew explains: --leeway {needed}s would accept {}",
            parts.join(" and "),
            if parts.len() == 1 { "it" } else { "them" },
        ),
    })
}

/// The expected and actual values of a claim check, for JSON records.
fn expected_actual(
    failure: &ClaimFailure,
) -> (Option<serde_json::Value>, Option<serde_json::Value>) {
    use serde_json::Value;
    let one_or_many = |items: &[String]| match items {
        [one] => Value::from(one.as_str()),
        many => Value::from(many.to_vec()),
    };
    match failure {
        ClaimFailure::Issuer { expected, found } => {
            (Some(one_or_many(expected)), found.text().map(Value::from))
        }
        ClaimFailure::Audience {
            expected, found, ..
        } => (
            Some(one_or_many(expected)),
            (!found.is_empty()).then(|| one_or_many(found)),
        ),
        ClaimFailure::Subject { expected, found } => (
            Some(Value::from(expected.as_str())),
            found.text().map(Value::from),
        ),
        ClaimFailure::Value {
            expected, found, ..
        } => (Some(expected.clone()), found.clone()),
        _ => (None, None),
    }
}

#[derive(Serialize)]
struct KeyRecord<'a> {
    kind: String,
    kid: Option<&'a str>,
    thumbprint: Option<&'a str>,
}

#[derive(Serialize)]
struct ValidRecord<'a> {
    version: u32,
    line: usize,
    source: &'a str,
    valid: bool,
    status: &'static str,
    alg: &'a str,
    kid: Option<&'a str>,
    key: KeyRecord<'a>,
    exp: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_in: Option<f64>,
    /// Why the key that verified this token is weak, when `--allow-weak-key` let it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

#[allow(clippy::too_many_arguments)]
fn valid(
    ctx: &Context<'_>,
    ring: &Ring,
    policy: &ClaimPolicy,
    item: &Item<'_>,
    signed: &Signed<'_>,
    has_claims: bool,
    exp: Option<f64>,
    key_index: usize,
    out: &mut batch::ChunkOut,
) {
    let alg = signed.alg.as_str().unwrap_or_default();
    let now = policy.time.clock.now();
    match ctx.format {
        Format::Json => {
            let key = &ring.verifier.keys().keys()[key_index];
            let record = ValidRecord {
                version: JSON_VERSION,
                line: item.line,
                source: item.label,
                valid: true,
                status: "valid",
                alg,
                kid: signed.kid,
                key: KeyRecord {
                    kind: key.kind().to_string(),
                    kid: key.kid(),
                    thumbprint: ring.thumbprints[key_index].as_deref(),
                },
                exp: exp.map(numeric_date_json),
                expires_in: exp.map(|e| e - now),
                warnings: signed
                    .alg
                    .known()
                    .and_then(|a| ring.verifier.weakness(key_index, a))
                    .map(|w| vec![keysource::weak_warning(&w)])
                    .unwrap_or_default(),
            };
            let _ = serde_json::to_writer(&mut out.stdout, &record);
            out.stdout.push(b'\n');
        }
        Format::Text => {
            let mut line = String::with_capacity(64);
            if ctx.titled {
                line.push_str(&origin(item));
                line.push_str(": ");
            }
            line.push_str(&output::paint(ctx.color, Style::Good, "valid"));
            let _ = write!(line, " ({alg}; ");
            // With several keys, say which one verified.
            if ring.verifier.keys().keys().len() > 1 {
                let key = &ring.verifier.keys().keys()[key_index];
                match key.kid() {
                    Some(kid) => {
                        let _ = write!(line, "key kid {}; ", output::escape(&format!("{kid:?}")));
                    }
                    None => match &ring.thumbprints[key_index] {
                        Some(t) => {
                            let _ = write!(line, "key thumbprint {t}; ");
                        }
                        None => {
                            let _ = write!(line, "key #{}; ", key_index + 1);
                        }
                    },
                }
            }
            match exp {
                Some(exp) if now >= exp => {
                    line.push_str("expired ");
                    time::write_relative(&mut line, exp, now);
                    // Leeway accepts it on its own; otherwise --ignore-exp did.
                    if now < exp + policy.time.leeway as f64 {
                        line.push_str(", within leeway");
                    } else {
                        line.push_str(", ignored");
                    }
                }
                Some(exp) => {
                    line.push_str("expires ");
                    time::write_relative(&mut line, exp, now);
                }
                None if has_claims => line.push_str("no expiry"),
                None => line.push_str("plain JWS payload"),
            }
            line.push_str(")\n");
            out.stdout.extend_from_slice(line.as_bytes());
        }
    }
}

#[derive(Serialize)]
struct FailureItem {
    id: &'static str,
    message: String,
    /// What the check asked for (`--iss`, `--aud`, `--sub`, `--expect`).
    #[serde(skip_serializing_if = "Option::is_none")]
    expected: Option<serde_json::Value>,
    /// What the token holds there (a string for iss, aud and sub).
    #[serde(skip_serializing_if = "Option::is_none")]
    actual: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct FailureRecord<'a> {
    version: u32,
    line: usize,
    source: &'a str,
    valid: bool,
    status: &'a str,
    error: ErrorObject<'a>,
    failures: Vec<FailureItem>,
    #[serde(skip_serializing_if = "<[HintItem]>::is_empty")]
    hints: &'a [HintItem],
}

#[derive(Serialize)]
struct HintItem {
    id: &'static str,
    message: String,
}

/// Another way to read the secret the user gave, and the fix that selects it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Reading {
    Encoding(SecretEncoding),
    Trimmed,
}

/// The secret text as given, re-read where that has no side effect (`--secret`,
/// `--secret-env`, a `--secret-file` that is a regular file), decoded every other
/// way that differs from the one used. Never printed; only the fix is named.
fn secret_readings(ctx: &Context<'_>) -> Vec<(Reading, Secret)> {
    let args = ctx.key_args;
    if args.key.is_some() {
        return Vec::new();
    }
    let Some(given) = keysource::reread_secret_text(args) else {
        return Vec::new();
    };
    let used = args.secret_encoding;
    let used_bytes = used.decode(&given).ok();
    let mut out: Vec<(Reading, Secret)> = Vec::new();
    let mut push = |reading: Reading, secret: Secret| {
        let same = |s: &Secret| s.expose() == secret.expose();
        if secret.is_empty()
            || used_bytes.as_ref().is_some_and(same)
            || out.iter().any(|(_, s)| same(s))
        {
            return;
        }
        out.push((reading, secret));
    };
    let trimmed = given.trim_ascii_end();
    if trimmed.len() != given.len()
        && let Ok(secret) = used.decode(trimmed)
    {
        push(Reading::Trimmed, secret);
    }
    for encoding in [
        SecretEncoding::Utf8,
        SecretEncoding::Base64,
        SecretEncoding::Base64Url,
        SecretEncoding::Hex,
    ] {
        if encoding != used
            && let Ok(secret) = encoding.decode(&given)
        {
            push(Reading::Encoding(encoding), secret);
        }
    }
    out
}

fn encoding_name(encoding: SecretEncoding) -> &'static str {
    match encoding {
        SecretEncoding::Utf8 => "utf8",
        SecretEncoding::Base64 => "base64",
        SecretEncoding::Base64Url => "base64url",
        SecretEncoding::Hex => "hex",
    }
}

/// A diagnosis in the command line's terms.
fn hint_message(
    ctx: &Context<'_>,
    ring: &Ring,
    signed: &Signed<'_>,
    hint: &Hint,
    readings: &[(Reading, Secret)],
) -> String {
    let keys = ring.verifier.keys().keys();
    let noun = |kind: KeyKind| match kind {
        KeyKind::Hmac(_) => kind.to_string(),
        _ => format!("{kind} key"),
    };
    match hint {
        Hint::KnownKids { kids, .. } if kids.is_empty() => {
            "no key in the key set has a kid".to_owned()
        }
        Hint::KnownKids { kids, more } => {
            let list: Vec<String> = kids.iter().map(|k| format!("{k:?}")).collect();
            let mut text = format!("kids in the key set: {}", list.join(", "));
            if *more > 0 {
                let _ = write!(text, " and {more} more");
            }
            text
        }
        Hint::OtherKeyVerifies { index } => {
            let key = &keys[*index];
            match (key.kid(), key.thumbprint()) {
                (Some(kid), _) => format!(
                    "the {} with kid {kid:?} verifies this token: its kid header is wrong",
                    noun(key.kind())
                ),
                (None, Some(t)) => format!(
                    "the {} with thumbprint {t} (no kid) verifies this token: its kid header is wrong",
                    noun(key.kind())
                ),
                (None, None) => format!(
                    "key #{} in the set ({}) verifies this token: its kid header is wrong",
                    index + 1,
                    key.kind()
                ),
            }
        }
        Hint::DerSignature { verifies } => format!(
            "the signature is DER-encoded (an ASN.1 SEQUENCE of r and s, as Java, .NET and cloud KMS signers produce); JOSE needs the fixed-size r||s form (RFC 7518 section 3.4){}",
            if *verifies {
                ": converted to r||s, it verifies, so the issuer must convert it"
            } else {
                ", and even converted it does not verify with this key"
            }
        ),
        Hint::SecretReading(i) => {
            let Some((reading, secret)) = readings.get(*i) else {
                return "another reading of the secret verifies this token".to_owned();
            };
            let mut text = match reading {
                Reading::Encoding(e) => format!(
                    "the secret verifies this token when read with --secret-encoding {}",
                    encoding_name(*e)
                ),
                Reading::Trimmed if ctx.key_args.secret_file.is_some() => {
                    "the secret verifies this token without the trailing whitespace in the secret file: remove it".to_owned()
                }
                Reading::Trimmed => {
                    "the secret verifies this token without its trailing whitespace or newline: remove it".to_owned()
                }
            };
            if !ctx.key_args.allow_weak_key
                && let Some(alg) = signed.alg.known()
                && let Some(w) = strength::weakness(KeyKind::Hmac(secret.len()), alg)
            {
                let _ = write!(text, " (but then {w}; pass --allow-weak-key as well)");
            }
            text
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn failure_with_hints(
    ctx: &Context<'_>,
    item: &Item<'_>,
    exit: Exit,
    id: &str,
    message: &str,
    failures: &[ClaimFailure],
    hints: &[HintItem],
    out: &mut batch::ChunkOut,
) -> Exit {
    match ctx.format {
        Format::Json => {
            let record = FailureRecord {
                version: JSON_VERSION,
                line: item.line,
                source: item.label,
                valid: false,
                // Time-window failures say which (expired, not-yet-valid...).
                status: if exit == Exit::Expired {
                    id
                } else {
                    exit.kind()
                },
                error: ErrorObject::new(exit, Some(id), message),
                failures: failures
                    .iter()
                    .map(|f| {
                        let (expected, actual) = expected_actual(f);
                        FailureItem {
                            id: f.id(),
                            message: f.to_string(),
                            expected,
                            actual,
                        }
                    })
                    .collect(),
                hints,
            };
            let _ = serde_json::to_writer(&mut out.stdout, &record);
            out.stdout.push(b'\n');
        }
        Format::Text => {
            let status = match (exit, id) {
                (Exit::Invalid, _) => "invalid",
                (Exit::Expired, "not-yet-valid") => "not yet valid",
                (Exit::Expired, "issued-in-future") => "issued in the future",
                (Exit::Expired, _) => "expired",
                (Exit::Claim, _) => "claim check failed",
                (Exit::Malformed, _) => "malformed",
                _ => "key problem",
            };
            let status = output::paint(ctx.color, Style::Bad, status);
            let prefix = if ctx.titled {
                format!("{}: ", origin(item))
            } else {
                String::new()
            };
            let _ = writeln!(
                out.stderr,
                "jwtx: {prefix}{status}: {}",
                output::escape(message)
            );
            // Every other failed check on a line of its own, primary first.
            let primary = failures.iter().position(|f| f.id() == id);
            for (i, other) in failures.iter().enumerate() {
                if Some(i) != primary {
                    let _ = writeln!(
                        out.stderr,
                        "jwtx: {prefix}also: {}",
                        output::escape(&other.to_string())
                    );
                }
            }
            for hint in hints {
                let _ = writeln!(
                    out.stderr,
                    "jwtx: {prefix}hint: {}",
                    output::escape(&hint.message)
                );
            }
        }
    }
    exit
}
