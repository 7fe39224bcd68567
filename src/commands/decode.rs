//! `jwtx decode`: show header, claims and signature without verifying. Expired and
//! unverified tokens exit 0; the note that nothing was verified goes to stderr.

use anyhow::Result;
use rayon::prelude::*;
use serde_json::{Map, Value, json};

use super::{origin, report_token_error, time_phrase, time_state};
use crate::cli::{DecodeArgs, Format};
use crate::exit::{Exit, InputError};
use crate::input::{Batch, Item, TokenStream};
use crate::output::{self, JSON_VERSION, Printer, Style};
use crate::token::claims::claim_at;
use crate::token::claims::{NumericDate, numeric_date_json};
use crate::token::jwe::{self, DecryptPolicy, Parts};
use crate::token::keys::DecryptionKey;
use crate::token::time::{self, Clock};
use crate::token::{AlgField, ClaimOf, ClaimRead, Form, ParseError, Payload, Token, b64};

/// Time claims shown with readable times.
const TIME_CLAIMS: [&str; 4] = ["exp", "nbf", "iat", "auth_time"];
/// Tokens read, then parsed in parallel, at a time.
const BATCH: usize = 1_024;
/// How deep `cty: JWT` nesting is followed.
const MAX_NESTING: usize = 4;

pub fn run(args: DecodeArgs, out: &mut Printer) -> Result<Exit> {
    let mut stream = TokenStream::open(&args.input.tokens)?;
    stream.interactive();
    let decrypt = match &args.decrypt_key {
        Some(path) => Some(super::keysource::decryption_keys(&crate::cli::KeyArgs {
            key: Some(crate::cli::KeyLocation::Path(path.clone())),
            ..crate::cli::KeyArgs::default()
        })?),
        None => None,
    };
    let mut decoder = Decoder {
        encrypted: false,
        decrypt,
        clock: args.now.unwrap_or_else(Clock::system),
        format: args.output.format(),
        titled: !stream.is_one_argument(),
        claim: args.claim,
        shown: 0,
        unverified: false,
    };
    let mut exit = Exit::Ok;
    let mut batch = Batch::default();
    let mut tokens = 0usize;
    // `--claim` reads only that claim of each token, unless a JWE's content is wanted.
    let claim_only = decoder.claim.clone().filter(|_| decoder.decrypt.is_none());
    while stream.next_batch(BATCH, &mut batch) {
        if let Some(name) = &claim_only {
            let read: Vec<Option<Result<ClaimOf, ParseError>>> = (0..batch.len())
                .into_par_iter()
                .map(|i| batch.get(i).text.ok().map(|t| Token::read_claim(t, name)))
                .collect();
            for (item, read) in batch.iter().zip(read) {
                exit = exit.worst(decoder.show_claim(out, &item, read, name)?);
                tokens += 1;
            }
            if stream.paused() {
                out.flush()?;
            }
            continue;
        }
        // Parsing is most of decode's work: it runs on every core, the printing in order.
        let parsed: Vec<Option<Result<Token, ParseError>>> = (0..batch.len())
            .into_par_iter()
            .map(|i| batch.get(i).text.ok().map(Token::parse))
            .collect();
        for (item, parsed) in batch.iter().zip(parsed) {
            exit = exit.worst(decoder.show(out, &item, parsed)?);
            tokens += 1;
        }
        if stream.paused() {
            out.flush()?;
        }
    }
    if tokens == 0 {
        return Err(InputError("no token found in the input".into()).into());
    }
    if decoder.encrypted {
        crate::diag!("jwtx: note: a JWE's content is encrypted; --decrypt-key KEY shows it");
    }
    if decoder.unverified && decoder.claim.is_none() && decoder.format == Format::Text {
        crate::diag!("jwtx: note: the signature was not verified (use `jwtx verify` with a key)");
    }
    Ok(exit)
}

struct Decoder {
    /// A JWE was shown without its content.
    encrypted: bool,
    /// `--decrypt-key`: JWEs are opened and their content shown too.
    decrypt: Option<Vec<DecryptionKey>>,
    clock: Clock,
    format: Format,
    /// Whether each token gets a title line (more than one token, or from a file).
    titled: bool,
    claim: Option<String>,
    shown: usize,
    unverified: bool,
}

impl Decoder {
    /// Shows one token (`parsed` is its parse, when its text could be read); returns
    /// its exit code.
    fn show(
        &mut self,
        out: &mut Printer,
        item: &Item<'_>,
        parsed: Option<Result<Token, ParseError>>,
    ) -> Result<Exit> {
        let parsed = match (item.text, parsed) {
            (Err(message), _) => {
                report_token_error(out, self.format, item, Exit::Malformed, message)?;
                return Ok(Exit::Malformed);
            }
            (Ok(_), Some(parsed)) => parsed,
            (Ok(text), None) => Token::parse(text),
        };
        let token = match parsed {
            Ok(token) => token,
            Err(e) => {
                report_token_error(out, self.format, item, Exit::Malformed, &e.to_string())?;
                return Ok(Exit::Malformed);
            }
        };
        // In JSON the record lists them; in text, each is a warning.
        if self.format == Format::Text {
            for anomaly in token.anomalies() {
                crate::diag!("jwtx: warning: {}: {anomaly}", origin(item));
            }
        }
        self.unverified |= token.form() == Form::Jws;
        let opened = match (&self.decrypt, token.form()) {
            (Some(keys), Form::Jwe) => {
                let decrypted = Parts::of(&token)
                    .and_then(|parts| jwe::decrypt(&parts, keys, &DecryptPolicy::default()));
                match decrypted {
                    Ok(d) => Some(Opened::read(&d)),
                    Err(e) => {
                        let (exit, _) = super::decrypt::classify(&e);
                        let message =
                            format!("cannot decrypt the JWE: {}", super::decrypt::message(&e));
                        report_token_error(out, self.format, item, exit, &message)?;
                        return Ok(exit);
                    }
                }
            }
            _ => None,
        };
        if let Some(Opened {
            content: Content::Token(inner),
            ..
        }) = &opened
        {
            self.unverified |= inner.form() == Form::Jws;
        }
        if let Some(name) = &self.claim {
            let claims = match &opened {
                Some(Opened {
                    content: Content::Token(inner),
                    ..
                }) => inner.claims(),
                Some(Opened {
                    content: Content::Claims(claims),
                    ..
                }) => Some(claims),
                Some(_) => None,
                None => token.claims(),
            };
            return print_claim(out, self.format, item, claims, name);
        }
        match self.format {
            Format::Json => {
                let mut record = Map::new();
                record.insert("version".into(), JSON_VERSION.into());
                record.insert("line".into(), item.line.into());
                record.insert("source".into(), Value::String(item.label.to_owned()));
                if let Value::Object(view) = token_json(&token, self.clock, 0) {
                    record.extend(view);
                }
                if let Some(opened) = &opened {
                    record.insert("decrypted".into(), opened.json(self.clock));
                }
                out.json_line(&Value::Object(record))?;
            }
            Format::Text => {
                if self.titled {
                    if self.shown > 0 {
                        out.line("")?;
                    }
                    let title = format!("== {} ==", origin(item));
                    out.line(&output::paint(out.color, Style::Title, &title))?;
                }
                print_text(out, &token, self.clock, 0)?;
                if let Some(opened) = &opened {
                    opened.print(out, self.clock)?;
                } else if token.form() == Form::Jwe {
                    self.encrypted = true;
                }
            }
        }
        self.shown += 1;
        Ok(Exit::Ok)
    }
}

impl Decoder {
    /// Shows one claim of a token read by [`Token::read_claim`] (`--claim` without
    /// `--decrypt-key`): as [`Decoder::show`] shows it from the whole token.
    fn show_claim(
        &mut self,
        out: &mut Printer,
        item: &Item<'_>,
        read: Option<Result<ClaimOf, ParseError>>,
        name: &str,
    ) -> Result<Exit> {
        let read = match (item.text, read) {
            (Err(message), _) => {
                report_token_error(out, self.format, item, Exit::Malformed, message)?;
                return Ok(Exit::Malformed);
            }
            (Ok(_), Some(read)) => read,
            (Ok(text), None) => Token::read_claim(text, name),
        };
        let read = match read {
            Ok(read) => read,
            Err(e) => {
                report_token_error(out, self.format, item, Exit::Malformed, &e.to_string())?;
                return Ok(Exit::Malformed);
            }
        };
        if self.format == Format::Text {
            for anomaly in &read.anomalies {
                crate::diag!("jwtx: warning: {}: {anomaly}", origin(item));
            }
        }
        self.unverified |= read.form == Form::Jws;
        match read.claim {
            ClaimRead::Value(value) => print_value(out, self.format, item, name, &value),
            ClaimRead::Absent => {
                let message = format!("claim {name:?} is not present");
                report_token_error(out, self.format, item, Exit::Claim, &message)?;
                Ok(Exit::Claim)
            }
            ClaimRead::NotClaims | ClaimRead::Encrypted => {
                let message = "payload is not a JSON claims set";
                report_token_error(out, self.format, item, Exit::Claim, message)?;
                Ok(Exit::Claim)
            }
        }
    }
}

/// Prints a claim's value: bare in text, a record in JSON.
fn print_value(
    out: &mut Printer,
    format: Format,
    item: &Item<'_>,
    name: &str,
    value: &Value,
) -> Result<Exit> {
    match format {
        Format::Json => out.json_line(&json!({
            "version": JSON_VERSION,
            "line": item.line,
            "source": item.label,
            "claim": name,
            "value": value,
        }))?,
        Format::Text => out.line(&output::bare_value(value))?,
    }
    Ok(Exit::Ok)
}

fn print_claim(
    out: &mut Printer,
    format: Format,
    item: &Item<'_>,
    claims: Option<&Map<String, Value>>,
    name: &str,
) -> Result<Exit> {
    let value = claims.and_then(|c| claim_at(c, name));
    match value {
        Some(v) => print_value(out, format, item, name, v),
        None => {
            let message = match claims {
                Some(_) => format!("claim {name:?} is not present"),
                None => "payload is not a JSON claims set".to_owned(),
            };
            report_token_error(out, format, item, Exit::Claim, &message)?;
            Ok(Exit::Claim)
        }
    }
}

fn times_json(claims: &Map<String, Value>, now: f64) -> Value {
    let mut times = Map::new();
    for name in TIME_CLAIMS {
        let entry = match NumericDate::read(claims, name) {
            NumericDate::Absent => continue,
            NumericDate::Valid(at) => json!({
                "value": numeric_date_json(at),
                "rfc3339": time::rfc3339(at),
                "relative": time::relative(at, now),
                "seconds_from_now": at - now,
                "state": time_state(name, at, now),
            }),
            NumericDate::Invalid(why) => json!({"error": format!("{name} {why}")}),
        };
        times.insert(name.to_owned(), entry);
    }
    Value::Object(times)
}

fn payload_json(token: &Token, map: &mut Map<String, Value>) {
    match token.payload() {
        Payload::Claims(claims) => {
            map.insert("payload".into(), Value::Object(claims.clone()));
        }
        Payload::Bytes(bytes) => {
            map.insert("payload".into(), Value::Null);
            match std::str::from_utf8(bytes) {
                Ok(text) => map.insert("payload_text".into(), text.into()),
                Err(_) => map.insert("payload_base64url".into(), b64::encode(bytes).into()),
            };
        }
        Payload::Encrypted => {
            map.insert("payload".into(), Value::Null);
            map.insert("encrypted".into(), true.into());
        }
    }
}

/// The `{header, payload, signature, ...}` object `decode --json` prints, which
/// `sign --from-json` reads back.
pub fn token_json(token: &Token, clock: Clock, depth: usize) -> Value {
    let mut map = Map::new();
    let form = match token.form() {
        Form::Jws => "jws",
        Form::Jwe => "jwe",
    };
    map.insert("form".into(), form.into());
    map.insert("header".into(), Value::Object(token.header().clone()));
    payload_json(token, &mut map);
    if token.form() == Form::Jws {
        map.insert(
            "signature".into(),
            json!({
                "alg": token.alg().as_str(),
                "length": token.signature().len(),
                "base64url": b64::encode(token.signature()),
                "verified": false,
            }),
        );
    }
    if let Some(claims) = token.claims() {
        map.insert("times".into(), times_json(claims, clock.now()));
    }
    let anomalies: Vec<Value> = token
        .anomalies()
        .iter()
        .map(|a| json!({"id": a.id(), "message": a.to_string()}))
        .collect();
    map.insert("anomalies".into(), Value::Array(anomalies));
    if depth < MAX_NESTING
        && token.form() == Form::Jws
        && let Some(nested) = token.nested()
    {
        let value = match nested {
            Ok(inner) => token_json(&inner, clock, depth + 1),
            Err(e) => json!({"error": e.to_string()}),
        };
        map.insert("nested".into(), value);
    }
    Value::Object(map)
}

fn heading(out: &mut Printer, name: &str, detail: &str) -> Result<()> {
    let name = output::paint(out.color, Style::Heading, name);
    let line = if detail.is_empty() {
        name.into_owned()
    } else {
        format!("{name}  {}", output::paint(out.color, Style::Faint, detail))
    };
    out.line(&line)?;
    Ok(())
}

fn describe_alg(alg: &AlgField) -> String {
    match alg {
        AlgField::Known(a) => a.name().to_owned(),
        AlgField::Unknown(s) => format!("{} (not an algorithm jwtx implements)", output::escape(s)),
        AlgField::NotString(v) => format!("{} (not a string)", output::escape(&v.to_string())),
        AlgField::Missing => "no alg".to_owned(),
    }
}

fn print_text(out: &mut Printer, token: &Token, clock: Clock, depth: usize) -> Result<()> {
    let now = clock.now();
    match token.form() {
        Form::Jws => heading(
            out,
            "Header",
            &format!("JWS, {}", describe_alg(token.alg())),
        )?,
        Form::Jwe => {
            let enc = token.header_str("enc").unwrap_or("?");
            let alg = match token.header_str("alg") {
                Some(a) if a.parse::<jwe::KeyAlg>().is_ok() => output::escape(a).into_owned(),
                Some(a) => format!("{} (not an algorithm jwtx implements)", output::escape(a)),
                None => "no alg".to_owned(),
            };
            let detail = format!(
                "JWE, key management {alg}, content encryption {}",
                output::escape(enc)
            );
            heading(out, "Header", &detail)?;
        }
    }
    out.line(&output::pretty_json(&Value::Object(token.header().clone())))?;
    match token.payload() {
        Payload::Claims(claims) => {
            heading(out, "Payload", "JWT claims")?;
            out.line(&output::pretty_json(&Value::Object(claims.clone())))?;
            print_times(out, claims, now)?;
        }
        Payload::Bytes(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => {
                heading(out, "Payload", &format!("{} bytes of text", bytes.len()))?;
                out.line(&output::escape(text))?;
            }
            Err(_) => {
                heading(
                    out,
                    "Payload",
                    &format!("{} bytes of binary, base64url", bytes.len()),
                )?;
                out.line(&b64::encode(bytes))?;
            }
        },
        Payload::Encrypted => {
            heading(out, "Payload", "encrypted")?;
            out.line("The content is encrypted.")?;
        }
    }
    if token.form() == Form::Jws {
        let sig = token.signature();
        let detail = if sig.is_empty() {
            "none (unsecured token)".to_owned()
        } else {
            format!("{} bytes, not verified", sig.len())
        };
        heading(out, "Signature", &detail)?;
        if !sig.is_empty() {
            out.line(&b64::encode(sig))?;
        }
    }
    if depth < MAX_NESTING
        && token.form() == Form::Jws
        && let Some(nested) = token.nested()
    {
        out.line("")?;
        heading(out, "Nested token", "cty: JWT")?;
        match nested {
            Ok(inner) => print_text(out, &inner, clock, depth + 1)?,
            Err(e) => out.line(&format!("not a token: {e}"))?,
        }
    }
    Ok(())
}

fn print_times(out: &mut Printer, claims: &Map<String, Value>, now: f64) -> Result<()> {
    let mut rows = Vec::new();
    for name in TIME_CLAIMS {
        match NumericDate::read(claims, name) {
            NumericDate::Absent => {}
            NumericDate::Valid(at) => {
                let phrase = time_phrase(name, at, now);
                let phrase = match time_state(name, at, now) {
                    "expired" | "not-yet-valid" => {
                        output::paint(out.color, Style::Bad, &phrase).into_owned()
                    }
                    "valid" => output::paint(out.color, Style::Good, &phrase).into_owned(),
                    _ => phrase,
                };
                rows.push(format!("  {name:<9} {}  {phrase}", time::rfc3339(at)));
            }
            NumericDate::Invalid(why) => {
                let why = output::escape(&why);
                rows.push(format!(
                    "  {name:<9} {}",
                    output::paint(out.color, Style::Warn, &why)
                ));
            }
        }
    }
    if claims.get("exp").is_none() {
        rows.push(format!(
            "  {:<9} {}",
            "exp",
            output::paint(out.color, Style::Warn, "absent: the token never expires")
        ));
    }
    heading(out, "Times", "")?;
    for row in rows {
        out.line(&row)?;
    }
    Ok(())
}

/// What a JWE held, once `--decrypt-key` opened it.
struct Opened {
    alg: String,
    enc: String,
    content: Content,
}

enum Content {
    /// A nested token (`cty: JWT`, or content that parses as one).
    Token(Box<Token>),
    Claims(Map<String, Value>),
    Text(String),
    Binary(Vec<u8>),
}

impl Opened {
    fn read(d: &jwe::Decrypted) -> Opened {
        let bytes: &[u8] = &d.plaintext;
        let content = match std::str::from_utf8(bytes) {
            Ok(text) => match Token::parse(text.trim()) {
                Ok(token) => Content::Token(Box::new(token)),
                Err(_) => match serde_json::from_str::<Value>(text) {
                    Ok(Value::Object(claims)) => Content::Claims(claims),
                    _ => Content::Text(text.to_owned()),
                },
            },
            Err(_) => Content::Binary(bytes.to_vec()),
        };
        Opened {
            alg: d.alg.to_string(),
            enc: d.enc.to_string(),
            content,
        }
    }

    fn json(&self, clock: Clock) -> Value {
        let mut map = Map::new();
        map.insert("alg".into(), self.alg.clone().into());
        map.insert("enc".into(), self.enc.clone().into());
        match &self.content {
            Content::Token(token) => {
                map.insert("token".into(), token_json(token, clock, 1));
            }
            Content::Claims(claims) => {
                map.insert("claims".into(), Value::Object(claims.clone()));
                map.insert("times".into(), times_json(claims, clock.now()));
            }
            Content::Text(text) => {
                map.insert("text".into(), text.clone().into());
            }
            Content::Binary(bytes) => {
                map.insert("base64url".into(), b64::encode(bytes).into());
            }
        }
        Value::Object(map)
    }

    fn print(&self, out: &mut Printer, clock: Clock) -> Result<()> {
        out.line("")?;
        let with = format!(
            "{} / {}",
            output::escape(&self.alg),
            output::escape(&self.enc)
        );
        match &self.content {
            Content::Token(token) => {
                heading(out, "Decrypted token", &with)?;
                print_text(out, token, clock, 1)?;
            }
            Content::Claims(claims) => {
                heading(out, "Decrypted claims", &with)?;
                out.line(&output::pretty_json(&Value::Object(claims.clone())))?;
                print_times(out, claims, clock.now())?;
            }
            Content::Text(text) => {
                heading(out, "Decrypted text", &with)?;
                out.line(&output::escape(text))?;
            }
            Content::Binary(bytes) => {
                heading(out, "Decrypted bytes", &format!("{with}, base64url"))?;
                out.line(&b64::encode(bytes))?;
            }
        }
        Ok(())
    }
}
