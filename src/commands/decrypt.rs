//! `jwtx decrypt`: compact JWEs in, plaintexts out. Keys come through the one loader
//! (`keysource::decryption_keys`); decryption is `token::jwe::decrypt`. Tokens stream
//! through the shared batch loop, each with its own outcome, reported in input order.
//! With `--preset`, each token is a framework's session cookie (bare, or picked from a
//! cookie list and its chunks joined) and the key comes from the framework's secret
//! (`token::jwe::presets`).

use std::fmt::Write as _;

use anyhow::Result;
use serde_json::{Value, json};

use super::{batch, keysource, origin};
use crate::cli::{DecryptArgs, Format};
use crate::exit::{Exit, UsageError};
use crate::input::{self, Item, TokenStream};
use crate::output::{self, ErrorObject, JSON_VERSION, Printer, Style};
use crate::token::Secret;
use crate::token::Token;
use crate::token::jwe::presets::{self, CookieError, OpenedCookie, Preset};
use crate::token::jwe::{self, DecryptPolicy, JweError, Parts};
use crate::token::keys::DecryptionKey;

/// Tally slot for decrypted tokens.
const DECRYPTED: usize = 0;

/// A framework preset, its secret and the cookie names to look for (and, for Auth.js,
/// to salt with).
struct Cookies {
    preset: Preset,
    secret: Secret,
    names: Vec<String>,
}

struct Context<'a> {
    keys: &'a [DecryptionKey],
    cookies: Option<&'a Cookies>,
    policy: &'a DecryptPolicy,
    format: Format,
    titled: bool,
    color: bool,
}

pub fn run(args: DecryptArgs, out: &mut Printer) -> Result<Exit> {
    if args.key.allow_weak_key {
        return Err(UsageError(
            "--allow-weak-key does not apply to decrypt: jwtx decrypts with RSA keys of 2048 bits or more, and any secret of the size the algorithm needs".into(),
        )
        .into());
    }
    let tokens = match args.preset {
        Some(_) => cookie_arguments(args.input.tokens),
        None => args.input.tokens,
    };
    let mut stream = TokenStream::open(&tokens)?;
    input::one_stdin_reader(&[stream.stdin_reader(), keysource::stdin_reader(&args.key)])?;
    let cookies = match args.preset {
        Some(preset) => {
            let secret = keysource::read_secret(&args.key)?.ok_or_else(|| {
                UsageError(format!(
                    "--preset {preset} needs the framework's secret: --secret-env VAR (AUTH_SECRET, NEXTAUTH_SECRET, AUTH0_SECRET...), --secret-file PATH, --secret or --prompt-secret"
                ))
            })?;
            if secret.is_empty() {
                return Err(UsageError("the framework secret is empty".into()).into());
            }
            let names = match args.cookie_name {
                Some(name) => vec![name],
                None => preset
                    .cookie_names()
                    .iter()
                    .map(|n| (*n).to_owned())
                    .collect(),
            };
            Some(Cookies {
                preset,
                secret,
                names,
            })
        }
        None => None,
    };
    let keys = match cookies {
        Some(_) => Vec::new(),
        None => keysource::decryption_keys(&args.key)?,
    };
    let policy = DecryptPolicy {
        algs: args.algs,
        encs: args.encs,
        allow_rsa1_5: args.allow_rsa1_5,
        ..DecryptPolicy::default()
    };
    let ctx = Context {
        keys: &keys,
        cookies: cookies.as_ref(),
        policy: &policy,
        format: args.output.format(),
        titled: !stream.is_one_argument(),
        color: out.color,
    };
    let totals = batch::run(&mut stream, out, None, |_: &mut (), item, chunk| {
        let exit = check(&ctx, item, chunk);
        if exit == Exit::Ok {
            chunk.tally[DECRYPTED] += 1;
        }
        exit
    })?;
    if totals.total > 1 && ctx.format == Format::Text {
        out.flush()?;
        let done = totals.tally[DECRYPTED];
        crate::diag!(
            "jwtx: {} tokens: {done} decrypted, {} not",
            totals.total,
            totals.total - done
        );
    }
    Ok(totals.exit)
}

/// Several `name=value` arguments are one cookie list, so that the chunks of a session
/// cookie given one per argument are joined.
fn cookie_arguments(tokens: Vec<String>) -> Vec<String> {
    let pairs = tokens.len() > 1
        && tokens.iter().all(|t| {
            !t.starts_with('@') && t != "-" && t.split_once('=').is_some_and(|(n, _)| !n.is_empty())
        });
    if pairs {
        vec![tokens.join("; ")]
    } else {
        tokens
    }
}

/// The exit code and stable id for a failed decryption.
pub(super) fn classify(err: &JweError) -> (Exit, &'static str) {
    match err {
        JweError::Malformed(_) => (Exit::Malformed, "malformed"),
        JweError::TooLarge(_) => (Exit::Malformed, "too-large"),
        JweError::Refused(_) => (Exit::Invalid, "refused"),
        JweError::Rsa1_5NotAllowed => (Exit::Invalid, "rsa1_5-not-allowed"),
        JweError::Failed => (Exit::Invalid, "decryption-failed"),
    }
}

pub(super) fn message(err: &JweError) -> String {
    match err {
        JweError::Rsa1_5NotAllowed => format!("{err}; pass --allow-rsa1-5 to decrypt it"),
        other => other.to_string(),
    }
}

fn check(ctx: &Context<'_>, item: &Item<'_>, out: &mut batch::ChunkOut) -> Exit {
    let text = match item.text {
        Ok(text) => text,
        Err(why) => return failure(ctx, item, Exit::Malformed, "unreadable", why, out),
    };
    if let Some(cookies) = ctx.cookies {
        return check_cookie(ctx, cookies, item, text, out);
    }
    let token = match Token::parse(text) {
        Ok(token) => token,
        Err(e) => {
            return failure(ctx, item, Exit::Malformed, "malformed", &e.to_string(), out);
        }
    };
    let decrypted = Parts::of(&token).and_then(|parts| jwe::decrypt(&parts, ctx.keys, ctx.policy));
    match decrypted {
        Ok(d) => {
            emit(ctx, item, &token, &d, None, out);
            Exit::Ok
        }
        Err(e) => {
            let (exit, id) = classify(&e);
            failure(ctx, item, exit, id, &message(&e), out)
        }
    }
}

/// One session cookie: find it in the input, derive the framework's key, decrypt.
fn check_cookie(
    ctx: &Context<'_>,
    cookies: &Cookies,
    item: &Item<'_>,
    text: &str,
    out: &mut batch::ChunkOut,
) -> Exit {
    let found = match presets::session_value(text, &cookies.names) {
        Ok(found) => found,
        Err(why) => return failure(ctx, item, Exit::Malformed, "no-session-cookie", &why, out),
    };
    let token = match Token::parse(&found.value) {
        Ok(token) => token,
        Err(e) => {
            return failure(ctx, item, Exit::Malformed, "malformed", &e.to_string(), out);
        }
    };
    let names = match &found.name {
        Some(name) => std::slice::from_ref(name),
        None => cookies.names.as_slice(),
    };
    let opened = Parts::of(&token)
        .map_err(CookieError::Jwe)
        .and_then(|parts| presets::decrypt_cookie(&parts, cookies.preset, &cookies.secret, names));
    match opened {
        Ok(opened) => {
            let note = CookieNote {
                preset: cookies.preset,
                opened: &opened,
                chunks: found.chunks,
            };
            emit(ctx, item, &token, &opened.decrypted, Some(&note), out);
            Exit::Ok
        }
        Err(CookieError::Jwe(e)) => {
            let (exit, id) = classify(&e);
            failure(ctx, item, exit, id, &message(&e), out)
        }
        Err(e @ CookieError::Refused(_)) => {
            failure(ctx, item, Exit::Invalid, "refused", &e.to_string(), out)
        }
        Err(e @ CookieError::NotDecrypted { .. }) => {
            let mut message = e.to_string();
            if let CookieError::NotDecrypted {
                cookie_name_suspect: true,
                ..
            } = e
            {
                message.push_str(" (--cookie-name NAME sets the name the app uses)");
            }
            failure(ctx, item, Exit::Invalid, "decryption-failed", &message, out)
        }
    }
}

/// What a preset found, for the report.
struct CookieNote<'a> {
    preset: Preset,
    opened: &'a OpenedCookie,
    chunks: usize,
}

impl CookieNote<'_> {
    fn text(&self) -> String {
        let mut line = format!("{} session cookie", self.preset.title());
        if let Some(name) = &self.opened.cookie_name {
            let _ = write!(line, "; key derived for cookie name {name}");
        }
        if let Some(kid) = &self.opened.kid {
            let _ = write!(line, "; kid {kid} matches it");
        }
        if self.chunks > 0 {
            let _ = write!(line, "; {} chunks joined", self.chunks);
        }
        line
    }

    fn json(&self) -> Value {
        json!({
            "name": self.preset.name(),
            "cookie_name": self.opened.cookie_name,
            "kid": self.opened.kid,
            "chunks": self.chunks,
        })
    }
}

fn emit(
    ctx: &Context<'_>,
    item: &Item<'_>,
    token: &Token,
    d: &jwe::Decrypted,
    note: Option<&CookieNote<'_>>,
    out: &mut batch::ChunkOut,
) {
    let plaintext: &[u8] = &d.plaintext;
    match ctx.format {
        Format::Text => {
            if let Some(note) = note {
                let prefix = if ctx.titled {
                    format!("{}: ", origin(item))
                } else {
                    String::new()
                };
                let _ = writeln!(out.stderr, "jwtx: {prefix}{}", output::escape(&note.text()));
            }
            out.stdout.extend_from_slice(plaintext);
            if !plaintext.ends_with(b"\n") {
                out.stdout.push(b'\n');
            }
        }
        Format::Json => {
            let mut record = json!({
                "version": JSON_VERSION,
                "line": item.line,
                "source": item.label,
                "decrypted": true,
                "header": Value::Object(token.header().clone()),
                "alg": d.alg.name(),
                "enc": d.enc.name(),
                "zip": d.compressed,
            });
            match (note, ctx.keys.get(d.key_index)) {
                (Some(note), _) => record["preset"] = note.json(),
                (None, Some(key)) => {
                    record["key"] = json!({"type": key.kind().to_string(), "kid": key.kid()});
                }
                (None, None) => {}
            }
            match std::str::from_utf8(plaintext) {
                Ok(text) => {
                    record["plaintext"] = Value::String(text.to_owned());
                    if let Ok(Value::Object(claims)) = serde_json::from_str::<Value>(text) {
                        record["claims"] = Value::Object(claims);
                    }
                }
                Err(_) => {
                    record["plaintext"] = Value::Null;
                    record["plaintext_base64url"] =
                        Value::String(crate::token::b64::encode(plaintext));
                }
            }
            let _ = serde_json::to_writer(&mut out.stdout, &record);
            out.stdout.push(b'\n');
        }
    }
}

fn failure(
    ctx: &Context<'_>,
    item: &Item<'_>,
    exit: Exit,
    id: &str,
    message: &str,
    out: &mut batch::ChunkOut,
) -> Exit {
    match ctx.format {
        Format::Json => {
            let record = json!({
                "version": JSON_VERSION,
                "line": item.line,
                "source": item.label,
                "decrypted": false,
                "error": ErrorObject::new(exit, Some(id), message),
            });
            let _ = serde_json::to_writer(&mut out.stdout, &record);
            out.stdout.push(b'\n');
        }
        Format::Text => {
            let status = match exit {
                Exit::Invalid => "not decrypted",
                Exit::Malformed => "malformed",
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
        }
    }
    exit
}
