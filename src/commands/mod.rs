//! One file per subcommand, each with the same shape: `run(args, out) -> Result<Exit>`.
//! Helpers every command shares (the clock, per-token error records) live here.

pub mod audit;
pub mod audit_jwks;
pub mod batch;
pub mod cache;
pub mod completions;
pub mod config;
pub mod decode;
pub mod decrypt;
pub mod denylist;
pub mod encrypt;
pub mod expiry;
pub mod key;
pub mod keysource;
pub mod man;
pub mod profiles;
pub mod settings;
pub mod sign;
pub mod tailor;
pub mod verify;

use anyhow::{Context, Result};
use serde_json::json;

use crate::cli::{Cli, Command, Format};
use crate::exit::Exit;
use crate::input::shape::{self, Shape};
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
        Command::Key(args) => key::run(args, &mut out)?,
        Command::Cache(args) => cache::run(args, &mut out)?,
        Command::Config(args) => config::run(args, &mut out)?,
        Command::Decrypt(args) => decrypt::run(args, &mut out)?,
        Command::Encrypt(args) => encrypt::run(args, &mut out)?,
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

/// For a line that could not be read or parsed as a token, the hint naming the shape
/// it seems to have (a UTF-16 file, a JSON response, a form body, a wrapped token):
/// its stable id and its one-line message. Called on failures only.
pub fn shape_hint(item: &Item<'_>) -> Option<(&'static str, String)> {
    let found = shape::detect(item)?;
    let message = match &found {
        Shape::Utf16 => {
            "the input looks like UTF-16; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)".into()
        }
        Shape::Bom => "the line starts with a byte-order mark (U+FEFF) that is not at the \
                       start of the input; remove it"
            .into(),
        Shape::JsonMember(name) => {
            let path = if name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                format!(".{name}")
            } else {
                format!(".[{}]", serde_json::Value::from(name.as_str()))
            };
            format!(
                "the line is a JSON object with the token in its {} member; \
                 take it out first (jq -r '{path}')",
                serde_json::Value::from(name.as_str())
            )
        }
        Shape::FormField(name) => format!(
            "the line looks like a form body or query string with the token in its \
             \"{name}\" field; pass only the value after \"{name}=\""
        ),
        Shape::SplitToken { first, last } if first == last || item.from == &Source::Argument => {
            "the token seems split across lines; remove the line breaks inside it".into()
        }
        Shape::SplitToken { first, last } => {
            format!("the token seems split across lines {first}-{last}; join them into one line")
        }
    };
    Some((found.id(), message))
}

/// A per-token failure, as a JSON Lines record or one line of text on stderr. A line
/// that is not a token (exit 5) also gets the hint of [`shape_hint`] when it has one.
pub fn report_token_error(
    out: &mut Printer,
    format: Format,
    item: &Item<'_>,
    exit: Exit,
    message: &str,
) -> Result<()> {
    let hint = if exit == Exit::Malformed {
        shape_hint(item)
    } else {
        None
    };
    match format {
        Format::Json => {
            let mut record = json!({
                "version": JSON_VERSION,
                "line": item.line,
                "source": item.label,
                "error": output::ErrorObject::new(exit, None, message),
            });
            if let Some((id, message)) = &hint {
                record["hints"] = json!([{"id": id, "message": message}]);
            }
            out.json_line(&record)?;
        }
        Format::Text => {
            crate::diag!("jwtx: {}: {}", origin(item), output::escape(message));
            if let Some((_, message)) = &hint {
                crate::diag!("jwtx: {}: hint: {}", origin(item), output::escape(message));
            }
        }
    }
    Ok(())
}

pub use crate::output::run_error_json;
