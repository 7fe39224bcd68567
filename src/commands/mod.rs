//! One file per subcommand, each with the same shape: `run(args, out) -> Result<Exit>`.
//! Helpers every command shares (the clock, per-token error records) live here.

pub mod audit;
pub mod batch;
pub mod completions;
pub mod decode;
pub mod expiry;
pub mod keysource;
pub mod man;
pub mod sign;
pub mod verify;

use anyhow::{Context, Result};
use serde_json::json;

use crate::cli::{Cli, Command, Format};
use crate::exit::Exit;
use crate::input::{Item, Source};
use crate::output::{self, JSON_VERSION, Printer};
use crate::token::time;

pub fn run(cli: Cli) -> Result<Exit> {
    let mut out = Printer::new(output::color_enabled(cli.color));
    let exit = match cli.command {
        Command::Decode(args) => decode::run(args, &mut out)?,
        Command::Verify(args) => verify::run(args, &mut out)?,
        Command::Sign(args) => sign::run(args, &mut out)?,
        Command::Expiry(args) => expiry::run(args, &mut out)?,
        Command::Audit(args) => audit::run(args, &mut out)?,
        Command::Completions(args) => completions::run(args, &mut out)?,
        Command::Man(args) => man::run(args, &mut out)?,
    };
    out.flush().context("writing to standard output")?;
    Ok(exit)
}

/// How a time claim stands at `now`: expired, valid, not-yet-valid, future or past.
pub fn time_state(name: &str, at: f64, now: f64) -> &'static str {
    match name {
        "exp" if now >= at => "expired",
        "exp" => "valid",
        "nbf" if now < at => "not-yet-valid",
        "nbf" => "valid",
        _ if at > now => "future",
        _ => "past",
    }
}

/// A time claim's relative phrase: "expires in 14m", "expired 3h 2m ago", "issued 5m ago".
pub fn time_phrase(name: &str, at: f64, now: f64) -> String {
    let rel = time::relative(at, now);
    match (name, time_state(name, at, now)) {
        (_, "expired") => format!("expired {rel}"),
        ("exp", _) => format!("expires {rel}"),
        (_, "not-yet-valid") => format!("not yet valid: valid {rel}"),
        ("nbf", _) => format!("became valid {rel}"),
        ("iat", "future") => format!("issued {rel}, in the future"),
        ("iat", _) => format!("issued {rel}"),
        _ => rel,
    }
}

/// Where a token came from, for text output: `line 3 of tokens.txt`, `argument 2`.
pub fn origin(item: &Item<'_>) -> String {
    match item.from {
        Source::Argument => format!("argument {}", item.line),
        Source::Stdin => format!("line {}", item.line),
        Source::File(_) => format!("{}:{}", output::escape(item.label), item.line),
    }
}

/// A per-token failure, as a JSON Lines record or one line of text on stderr.
pub fn report_token_error(
    out: &mut Printer,
    format: Format,
    item: &Item<'_>,
    exit: Exit,
    message: &str,
) -> Result<()> {
    match format {
        Format::Json => out.json_line(&json!({
            "version": JSON_VERSION,
            "line": item.line,
            "source": item.label,
            "error": output::ErrorObject::new(exit, None, message),
        }))?,
        Format::Text => {
            crate::diag!("jwtx: {}: {}", origin(item), output::escape(message));
        }
    }
    Ok(())
}

pub use crate::output::run_error_json;
