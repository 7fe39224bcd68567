//! `jwtx verify`: check signatures and claims for one token or a stream of them.
//! Tokens are checked in parallel batches and reported in input order; the run's exit
//! code is the most serious per-token outcome.

use anyhow::Result;
use colored::Colorize;
use rayon::prelude::*;
use serde_json::{Value, json};

use super::{JSON_VERSION, clock, keysource, leeway, origin};
use crate::cli::{Format, VerifyArgs};
use crate::exit::Exit;
use crate::input::{Item, TokenStream};
use crate::output::{self, Printer};
use crate::token::claims::{ClaimFailure, ClaimPolicy, NumericDate, TimePolicy, numeric_date_json};
use crate::token::{Token, Verifier, time};

/// Tokens read and checked per batch: bounds memory, amortises the thread hand-off.
const BATCH: usize = 4096;
/// Below this many tokens a batch is checked on the calling thread.
const PARALLEL_FROM: usize = 64;

struct Outcome {
    exit: Exit,
    /// Text for stdout (JSON record, or the valid line), or for stderr (text failures).
    rendered: String,
}

struct Context<'a> {
    verifier: &'a Verifier,
    policy: &'a ClaimPolicy,
    format: Format,
    titled: bool,
    thumbprints: &'a [Option<String>],
}

pub fn run(args: VerifyArgs, out: &mut Printer) -> Result<Exit> {
    let clock = clock(args.time.now.as_deref())?;
    let leeway = leeway(&args.time.leeway)?;
    let mut stream = TokenStream::open(&args.input.tokens)?;
    let keys = keysource::verifying_keys(&args.key, stream.uses_stdin())?;
    let verifier = Verifier::new(keys, args.algs)?;
    let policy = ClaimPolicy {
        time: TimePolicy { clock, leeway },
        issuers: args.iss,
        audiences: args.aud,
        subject: args.sub,
        required: args.require,
        ignore_exp: args.ignore_exp,
    };
    let thumbprints: Vec<Option<String>> = verifier
        .keys()
        .keys()
        .iter()
        .map(|k| k.thumbprint())
        .collect();
    let ctx = Context {
        verifier: &verifier,
        policy: &policy,
        format: args.output.format(),
        titled: !(args.input.tokens.len() == 1
            && !args.input.tokens[0].starts_with('@')
            && args.input.tokens[0] != "-"),
        thumbprints: &thumbprints,
    };

    let mut exit = Exit::Ok;
    let mut total = 0usize;
    let mut valid = 0usize;
    let mut batch = Vec::with_capacity(BATCH);
    while stream.next_batch(BATCH, &mut batch) {
        let outcomes: Vec<Outcome> = if batch.len() >= PARALLEL_FROM {
            batch.par_iter().map(|item| check(&ctx, item)).collect()
        } else {
            batch.iter().map(|item| check(&ctx, item)).collect()
        };
        for outcome in outcomes {
            total += 1;
            exit = exit.worst(outcome.exit);
            if outcome.exit == Exit::Ok {
                valid += 1;
            }
            if ctx.format == Format::Text && outcome.exit != Exit::Ok {
                out.flush()?;
                eprintln!("{}", outcome.rendered);
            } else {
                out.write_str(&outcome.rendered)?;
            }
        }
    }
    if total > 1 {
        out.flush()?;
        eprintln!("jwtx: {total} tokens: {valid} valid, {} not", total - valid);
    }
    Ok(exit)
}

fn check(ctx: &Context<'_>, item: &Item) -> Outcome {
    let token = match &item.text {
        Ok(text) => Token::parse(text),
        Err(message) => return failure(ctx, item, Exit::Malformed, "unreadable", message, &[]),
    };
    let token = match token {
        Ok(token) => token,
        Err(e) => return failure(ctx, item, Exit::Malformed, "malformed", &e.to_string(), &[]),
    };
    let key_index = match ctx.verifier.verify(&token) {
        Ok(index) => index,
        Err(f) => {
            let exit = Exit::for_sig_failure(&f);
            return failure(ctx, item, exit, f.id(), &f.to_string(), &[]);
        }
    };
    let failures = ctx.policy.check(token.claims());
    if let Some(primary) = most_serious(&failures) {
        let exit = claim_exit(primary);
        return failure(
            ctx,
            item,
            exit,
            primary.id(),
            &primary.to_string(),
            &failures,
        );
    }
    valid(ctx, item, &token, key_index)
}

fn claim_exit(f: &ClaimFailure) -> Exit {
    if f.is_time_window() {
        Exit::Expired
    } else {
        Exit::Claim
    }
}

fn most_serious(failures: &[ClaimFailure]) -> Option<&ClaimFailure> {
    failures
        .iter()
        .find(|f| !f.is_time_window())
        .or_else(|| failures.first())
}

fn valid(ctx: &Context<'_>, item: &Item, token: &Token, key_index: usize) -> Outcome {
    let alg = token.alg().as_str().unwrap_or_default();
    let now = ctx.policy.time.clock.now();
    let exp = token
        .claims()
        .map(|c| NumericDate::read(c, "exp"))
        .and_then(|d| d.value());
    let key = &ctx.verifier.keys().keys()[key_index];
    let rendered = match ctx.format {
        Format::Json => {
            let mut record = json!({
                "version": JSON_VERSION,
                "line": item.line,
                "source": &*item.source,
                "valid": true,
                "status": "valid",
                "alg": alg,
                "kid": token.kid(),
                "key": {
                    "kind": key.kind().to_string(),
                    "kid": key.kid(),
                    "thumbprint": ctx.thumbprints[key_index],
                },
                "exp": exp.map(numeric_date_json),
            });
            if let Some(exp) = exp {
                record["expires_in"] = json!(exp - now);
            }
            let mut line = record.to_string();
            line.push('\n');
            line
        }
        Format::Text => {
            let expiry = match exp {
                Some(exp) if ctx.policy.ignore_exp && now >= exp => {
                    format!("expired {}, ignored", time::relative(exp, now))
                }
                Some(exp) => format!("expires {}", time::relative(exp, now)),
                None if token.claims().is_some() => "no expiry".to_owned(),
                None => "plain JWS payload".to_owned(),
            };
            let prefix = if ctx.titled {
                format!("{}: ", origin(item))
            } else {
                String::new()
            };
            format!("{prefix}{} ({alg}; {expiry})\n", "valid".green())
        }
    };
    Outcome {
        exit: Exit::Ok,
        rendered,
    }
}

fn failure(
    ctx: &Context<'_>,
    item: &Item,
    exit: Exit,
    id: &str,
    message: &str,
    failures: &[ClaimFailure],
) -> Outcome {
    let rendered = match ctx.format {
        Format::Json => {
            let all: Vec<Value> = failures
                .iter()
                .map(|f| json!({"id": f.id(), "message": f.to_string()}))
                .collect();
            let mut line = json!({
                "version": JSON_VERSION,
                "line": item.line,
                "source": &*item.source,
                "valid": false,
                "status": exit.kind(),
                "error": {"code": exit.code(), "kind": exit.kind(), "id": id, "message": message},
                "failures": all,
            })
            .to_string();
            line.push('\n');
            line
        }
        Format::Text => {
            let prefix = if ctx.titled {
                format!("{}: ", origin(item))
            } else {
                String::new()
            };
            let status = match exit {
                Exit::Invalid => "invalid",
                Exit::Expired => "expired",
                Exit::Claim => "claim check failed",
                Exit::Malformed => "malformed",
                _ => "key problem",
            };
            format!(
                "jwtx: {prefix}{}: {}",
                status.red(),
                output::escape(message)
            )
        }
    };
    Outcome { exit, rendered }
}
