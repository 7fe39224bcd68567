//! `jwtx decrypt`: compact JWEs in, plaintexts out. Keys come through the one loader
//! (`keysource::decryption_keys`); decryption is `token::jwe::decrypt`. Tokens stream
//! through the shared batch loop, each with its own outcome, reported in input order.

use std::fmt::Write as _;

use anyhow::Result;
use serde_json::{Value, json};

use super::{batch, keysource, origin};
use crate::cli::{DecryptArgs, Format};
use crate::exit::{Exit, UsageError};
use crate::input::{self, Item, TokenStream};
use crate::output::{self, ErrorObject, JSON_VERSION, Printer, Style};
use crate::token::Token;
use crate::token::jwe::{self, DecryptPolicy, JweError, Parts};
use crate::token::keys::DecryptionKey;

/// Tally slot for decrypted tokens.
const DECRYPTED: usize = 0;

struct Context<'a> {
    keys: &'a [DecryptionKey],
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
    let mut stream = TokenStream::open(&args.input.tokens)?;
    input::one_stdin_reader(&[stream.stdin_reader(), keysource::stdin_reader(&args.key)])?;
    let keys = keysource::decryption_keys(&args.key)?;
    let policy = DecryptPolicy {
        algs: args.algs,
        encs: args.encs,
        allow_rsa1_5: args.allow_rsa1_5,
        ..DecryptPolicy::default()
    };
    let ctx = Context {
        keys: &keys,
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

/// The exit code and stable id for a failed decryption.
fn classify(err: &JweError) -> (Exit, &'static str) {
    match err {
        JweError::Malformed(_) => (Exit::Malformed, "malformed"),
        JweError::TooLarge(_) => (Exit::Malformed, "too-large"),
        JweError::Refused(_) => (Exit::Invalid, "refused"),
        JweError::Rsa1_5NotAllowed => (Exit::Invalid, "rsa1_5-not-allowed"),
        JweError::Failed => (Exit::Invalid, "decryption-failed"),
    }
}

fn message(err: &JweError) -> String {
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
    let token = match Token::parse(text) {
        Ok(token) => token,
        Err(e) => {
            return failure(ctx, item, Exit::Malformed, "malformed", &e.to_string(), out);
        }
    };
    let decrypted = Parts::of(&token).and_then(|parts| jwe::decrypt(&parts, ctx.keys, ctx.policy));
    match decrypted {
        Ok(d) => {
            emit(ctx, item, &token, &d, out);
            Exit::Ok
        }
        Err(e) => {
            let (exit, id) = classify(&e);
            failure(ctx, item, exit, id, &message(&e), out)
        }
    }
}

fn emit(
    ctx: &Context<'_>,
    item: &Item<'_>,
    token: &Token,
    d: &jwe::Decrypted,
    out: &mut batch::ChunkOut,
) {
    let plaintext: &[u8] = &d.plaintext;
    match ctx.format {
        Format::Text => {
            out.stdout.extend_from_slice(plaintext);
            if !plaintext.ends_with(b"\n") {
                out.stdout.push(b'\n');
            }
        }
        Format::Json => {
            let key = &ctx.keys[d.key_index];
            let mut record = json!({
                "version": JSON_VERSION,
                "line": item.line,
                "source": item.label,
                "decrypted": true,
                "header": Value::Object(token.header().clone()),
                "alg": d.alg.name(),
                "enc": d.enc.name(),
                "zip": d.compressed,
                "key": {"type": key.kind().to_string(), "kid": key.kid()},
            });
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
