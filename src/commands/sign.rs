//! `jwtx sign`: make a token from claims (or any bytes) and print it, and nothing else,
//! on stdout. The algorithm comes from the key unless `--alg` (or a `--from-json`
//! header) names one the key can serve.

use std::io::IsTerminal;

use anyhow::{Context, Result};
use serde_json::{Map, Value, json};

use super::keysource;
use crate::cli::{Assignment, ClaimFlags, Format, SignArgs};
use crate::exit::{Exit, InputError, UsageError};
use crate::input::{self, Source};
use crate::output::JSON_VERSION;
use crate::output::Printer;
use crate::token::claims::{NumericDate, numeric_date_json};
use crate::token::sign::{Signer, sign_compact};
use crate::token::time::{self, Clock};
use crate::token::{Alg, b64};

/// The registered time claims, which must be NumericDates (RFC 7519 §4.1.4-6).
const TIME_CLAIMS: [&str; 3] = ["exp", "nbf", "iat"];

/// What is being signed.
pub(super) enum Body {
    Claims(Map<String, Value>),
    Bytes(Vec<u8>),
}

pub fn run(args: SignArgs, out: &mut Printer) -> Result<Exit> {
    let clock = args.now.unwrap_or_else(Clock::system);
    let reads_stdin = reads_stdin(&args)?;
    let key = keysource::signing_key(&args.key)?;
    let signer = match (&key, args.unsecured) {
        (Some(key), _) => Signer::Key(key),
        (None, true) => Signer::Unsecured,
        (None, false) => {
            return Err(UsageError(
                "a key is required: --key PATH, --secret, --secret-file PATH, --secret-env VAR or --prompt-secret (or --unsecured for an unsigned test token)".into(),
            )
            .into());
        }
    };

    let (mut header, body, from) = read_source(&args, reads_stdin)?;
    let from_json = from == FROM_JSON;
    let requested = match args.alg {
        Some(alg) => Some(alg),
        None => match header.remove("alg") {
            None => None,
            Some(Value::String(name)) => Some(name.parse::<Alg>().map_err(|_| {
                InputError(format!(
                    "--from-json header alg {name:?} is not an algorithm jwtx signs with"
                ))
            })?),
            Some(other) => {
                return Err(
                    InputError(format!("--from-json header alg {other} is not a string")).into(),
                );
            }
        },
    };
    header.remove("alg");
    let alg = signer.choose_alg(requested)?;
    let weak = match &key {
        Some(key) => keysource::signing_strength(key, alg, &args.key)?,
        None => None,
    };

    let payload = match body {
        Body::Claims(mut claims) => {
            apply_claim_flags(&args.claim, &mut claims, clock, from_json)?;
            check_time_claims(&claims, from)?;
            warn_if_invalid_now(&claims, clock.now());
            if args.typ.is_none() && !header.contains_key("typ") {
                header.insert("typ".into(), "JWT".into());
            }
            Body::Claims(claims)
        }
        Body::Bytes(bytes) => {
            if args.claim.any() {
                return Err(UsageError(
                    "--payload-file signs bytes as they are; claim options cannot apply".into(),
                )
                .into());
            }
            Body::Bytes(bytes)
        }
    };
    apply_header_flags(&args, &mut header, key.as_ref().and_then(|k| k.kid()))?;

    let payload_bytes = match &payload {
        Body::Claims(claims) => serde_json::to_vec(claims)?,
        Body::Bytes(bytes) => bytes.clone(),
    };
    let token = sign_compact(&header, &payload_bytes, &signer, alg)?;
    if !reads_stdin
        && keysource::stdin_reader(&args.key).is_none()
        && let Some(what) = input::unread_stdin()
    {
        crate::diag!(
            "jwtx: warning: standard input is {what} and was not read, so nothing in it was signed; give - as CLAIMS to sign the claims in it (claim options apply on top), or redirect it from /dev/null to say it is not for sign"
        );
    }
    match args.output.format() {
        Format::Text => out.line(&token)?,
        Format::Json => {
            let mut header_out = Map::new();
            header_out.insert("alg".into(), alg.name().into());
            header_out.extend(header);
            let payload_json = match payload {
                Body::Claims(claims) => Value::Object(claims),
                Body::Bytes(_) => Value::Null,
            };
            out.json_line(&json!({
                "version": JSON_VERSION,
                "token": token,
                "header": header_out,
                "payload": payload_json,
                "warnings": weak.into_iter().collect::<Vec<_>>(),
            }))?;
        }
    }
    Ok(Exit::Ok)
}

/// The body's sources that read standard input, named as given (`--claims-file -`).
fn body_stdin_readers(args: &SignArgs) -> Vec<Option<String>> {
    vec![
        (args.claims.as_deref() == Some("-")).then(|| "the claims argument -".to_owned()),
        input::stdin_reader("--claims-file", args.claims_file.as_deref()),
        input::stdin_reader("--from-json", args.from_json.as_deref()),
        input::stdin_reader("--payload-file", args.payload_file.as_deref()),
    ]
}

/// Whether the claims are read from standard input: when a claims source names it, or
/// implicitly when nothing else says what to sign (no claims source and no claim
/// option), standard input is not a terminal and the key does not come from it. (So
/// `while read s; do jwtx sign --sub "$s"; done` does not swallow the loop's input.)
/// Two inputs reading standard input are a usage error.
pub(super) fn reads_stdin(args: &SignArgs) -> Result<bool, UsageError> {
    let mut readers = body_stdin_readers(args);
    let named = readers.iter().any(Option::is_some);
    readers.insert(0, keysource::stdin_reader(&args.key));
    input::one_stdin_reader(&readers)?;
    let none_given = args.claims.is_none()
        && args.claims_file.is_none()
        && args.from_json.is_none()
        && args.payload_file.is_none();
    Ok(named
        || (none_given
            && !args.claim.any()
            && readers[0].is_none()
            && !std::io::stdin().is_terminal()))
}

pub(super) fn read_bytes(source: &Source) -> Result<Vec<u8>> {
    source.read_to_end().map_err(|e| match source {
        Source::Stdin => anyhow::Error::new(e).context("reading standard input"),
        _ => InputError(format!("cannot read {source}: {e}")).into(),
    })
}

/// The JSON object in `bytes`. Empty input is an empty claim set only when standard
/// input was read because nothing else was given (`echo -n | jwtx sign`); a claims
/// source the user named that turns out empty is an error, never a silent `{}`.
fn parse_object(bytes: &[u8], what: &str, empty_ok: bool) -> Result<Map<String, Value>> {
    if bytes.trim_ascii().is_empty() {
        if empty_ok {
            return Ok(Map::new());
        }
        return Err(
            InputError(format!("{what} is empty; give {{}} for an empty claim set")).into(),
        );
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(InputError(format!("{what} must be a JSON object")).into()),
        Err(e) => Err(InputError(format!("{what} is not JSON: {e}")).into()),
    }
}

/// What `--from-json` input is called in messages.
const FROM_JSON: &str = "the --from-json input";

/// The header to start from, what to sign, and what it came from (for messages).
pub(super) fn read_source(
    args: &SignArgs,
    reads_stdin: bool,
) -> Result<(Map<String, Value>, Body, &'static str)> {
    if let Some(path) = &args.payload_file {
        let bytes = read_bytes(&Source::from_path(path))?;
        return Ok((Map::new(), Body::Bytes(bytes), "--payload-file"));
    }
    if let Some(path) = &args.from_json {
        let doc = parse_object(&read_bytes(&Source::from_path(path))?, FROM_JSON, false)?;
        let header = match doc.get("header") {
            Some(Value::Object(h)) => h.clone(),
            None => Map::new(),
            Some(_) => {
                return Err(InputError("--from-json \"header\" must be an object".into()).into());
            }
        };
        let body = match (
            doc.get("payload"),
            doc.get("payload_text"),
            doc.get("payload_base64url"),
        ) {
            (Some(Value::Object(claims)), _, _) => Body::Claims(claims.clone()),
            (_, Some(Value::String(text)), _) => Body::Bytes(text.as_bytes().to_vec()),
            (_, _, Some(Value::String(encoded))) => Body::Bytes(
                b64::decode_lenient(encoded)
                    .map(|(bytes, _)| bytes)
                    .ok_or_else(|| {
                        InputError("--from-json payload_base64url is not base64url".into())
                    })?,
            ),
            (None, None, None) => Body::Claims(Map::new()),
            _ => {
                return Err(InputError(
                    "--from-json \"payload\" must be an object (or give payload_text)".into(),
                )
                .into());
            }
        };
        return Ok((header, body, FROM_JSON));
    }
    let from = if args.claims_file.is_some() {
        "the claims file"
    } else if args.claims.as_deref().is_some_and(|t| t != "-") {
        "the CLAIMS argument"
    } else if reads_stdin {
        "the claims on standard input"
    } else {
        "the claims"
    };
    let claims = if let Some(path) = &args.claims_file {
        parse_object(&read_bytes(&Source::from_path(path))?, from, false)?
    } else if let Some(text) = args.claims.as_deref().filter(|t| *t != "-") {
        parse_object(text.as_bytes(), from, false)?
    } else if reads_stdin {
        // `-` names standard input as the claims; without it, stdin is read only
        // because nothing else was given.
        parse_object(&read_bytes(&Source::Stdin)?, from, args.claims.is_none())?
    } else {
        Map::new()
    };
    Ok((Map::new(), Body::Claims(claims), from))
}

/// The claims the options set, each by one option only: two options for one claim
/// (`--exp` and `--claim exp:=...`, two `--claim sub=...`) are a usage error. They
/// override what the claims source (argument, file, standard input, `--from-json`) holds.
pub(super) fn apply_claim_flags(
    flags: &ClaimFlags,
    claims: &mut Map<String, Value>,
    clock: Clock,
    from_json: bool,
) -> Result<()> {
    let mut set = ClaimSetter::default();
    if let Some(iss) = &flags.iss {
        set.claim("iss", "--iss", iss.clone().into())?;
    }
    if let Some(sub) = &flags.sub {
        set.claim("sub", "--sub", sub.clone().into())?;
    }
    match flags.aud.as_slice() {
        [] => {}
        [one] => set.claim("aud", "--aud", one.clone().into())?,
        many => set.claim("aud", "--aud", json!(many))?,
    }
    if let Some(jti) = &flags.jti {
        set.claim("jti", "--jti", jti.clone().into())?;
    }
    if flags.random_jti {
        let mut bytes = [0u8; 16];
        aws_lc_rs::rand::fill(&mut bytes)
            .map_err(|_| anyhow::anyhow!("no randomness for --random-jti"))?;
        set.claim("jti", "--random-jti", b64::encode(bytes).into())?;
    }
    if let Some(exp) = flags.exp {
        let at = exp.at(clock).context("--exp")?;
        set.claim("exp", "--exp", numeric_date_json(at.floor()))?;
    }
    if let Some(nbf) = flags.nbf {
        let at = nbf.at(clock).context("--nbf")?;
        set.claim("nbf", "--nbf", numeric_date_json(at.floor()))?;
    }
    if flags.no_iat {
        set.remove("iat", "--no-iat")?;
    }
    let flags_end = set.values.len();
    for Assignment { name, value, text } in &flags.set {
        if TIME_CLAIMS.contains(&name.as_str())
            && let NumericDate::Invalid(why) = NumericDate::from_value(value)
        {
            return Err(UsageError(format!(
                "--claim {text}: {name} {why}; a registered time claim is a number of Unix seconds: write {name}:=SECONDS{}",
                match name.as_str() {
                    "exp" => ", or use --exp",
                    "nbf" => ", or use --nbf",
                    _ => "",
                }
            ))
            .into());
        }
        set.claim(name, &format!("--claim {text}"), value.clone())?;
    }
    let (by_options, assignments) = set.values.split_at(flags_end);
    for (name, value) in by_options {
        match value {
            Some(value) => claims.insert(name.clone(), value.clone()),
            None => claims.remove(name),
        };
    }
    // iat is now unless --no-iat, or the claims already have one (a --from-json document
    // keeps its claims as given); a --claim iat:=... then replaces it.
    if !flags.no_iat && !from_json && !claims.contains_key("iat") {
        claims.insert("iat".into(), numeric_date_json(clock.now().floor()));
    }
    for (name, value) in assignments {
        if let Some(value) = value {
            claims.insert(name.clone(), value.clone());
        }
    }
    Ok(())
}

/// Claims set (or removed) by options, with the option that set each.
#[derive(Default)]
struct ClaimSetter {
    by: std::collections::HashMap<String, String>,
    values: Vec<(String, Option<Value>)>,
}

impl ClaimSetter {
    fn claim(&mut self, name: &str, option: &str, value: Value) -> Result<(), UsageError> {
        self.record(name, option, Some(value))
    }

    fn remove(&mut self, name: &str, option: &str) -> Result<(), UsageError> {
        self.record(name, option, None)
    }

    fn record(&mut self, name: &str, option: &str, value: Option<Value>) -> Result<(), UsageError> {
        if let Some(first) = self.by.get(name) {
            return Err(UsageError(format!(
                "{first} and {option} both set the claim {name}; give it once"
            )));
        }
        self.by.insert(name.to_owned(), option.to_owned());
        self.values.push((name.to_owned(), value));
        Ok(())
    }
}

/// Refuses a registered time claim (exp, nbf, iat) that is not a NumericDate: a token
/// carrying one is rejected by every verifier. (`--payload-file` signs bytes as they are.)
pub(super) fn check_time_claims(claims: &Map<String, Value>, from: &str) -> Result<(), InputError> {
    for name in TIME_CLAIMS {
        if let NumericDate::Invalid(why) = NumericDate::read(claims, name) {
            return Err(InputError(format!(
                "{name} in {from} {why}: a registered time claim must be a number of Unix seconds (to sign bytes as they are, use --payload-file)"
            )));
        }
    }
    Ok(())
}

/// Warns when the token would be refused the moment it is made: already expired, or
/// never valid (nbf not before exp).
pub(super) fn warn_if_invalid_now(claims: &Map<String, Value>, now: f64) {
    let exp = NumericDate::read(claims, "exp").value();
    let nbf = NumericDate::read(claims, "nbf").value();
    if let Some(exp) = exp
        && now >= exp
    {
        crate::diag!(
            "jwtx: warning: the token is already expired: exp {} is {}",
            time::rfc3339(exp),
            time::relative(exp, now)
        );
    }
    if let (Some(exp), Some(nbf)) = (exp, nbf)
        && nbf >= exp
    {
        crate::diag!(
            "jwtx: warning: the token is never valid: nbf {} is not before exp {}",
            time::rfc3339(nbf),
            time::rfc3339(exp)
        );
    }
}

fn apply_header_flags(
    args: &SignArgs,
    header: &mut Map<String, Value>,
    key_kid: Option<&str>,
) -> Result<()> {
    match args.typ.as_deref() {
        Some("") => {
            header.remove("typ");
        }
        Some(typ) => {
            header.insert("typ".into(), typ.into());
        }
        None => {}
    }
    if let Some(kid) = args.kid.as_deref().or(key_kid)
        && (args.kid.is_some() || !header.contains_key("kid"))
    {
        header.insert("kid".into(), kid.into());
    }
    let mut seen = std::collections::HashSet::new();
    for Assignment { name, value, .. } in &args.header {
        if name == "alg" {
            return Err(
                UsageError("set the algorithm with --alg, not --header alg=...".into()).into(),
            );
        }
        // Two options for one header parameter: say so rather than let one win.
        let flag = match name.as_str() {
            "kid" if args.kid.is_some() => Some("--kid"),
            "typ" if args.typ.is_some() => Some("--typ"),
            _ => None,
        };
        if let Some(flag) = flag {
            return Err(UsageError(format!(
                "{flag} and --header {name}=... both set the header's {name:?}; give one"
            ))
            .into());
        }
        if !seen.insert(name.as_str()) {
            return Err(UsageError(format!(
                "--header {name}=... is given twice; give the header's {name:?} once"
            ))
            .into());
        }
        header.insert(name.clone(), value.clone());
    }
    Ok(())
}
