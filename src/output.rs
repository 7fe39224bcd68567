//! Writing results: stdout carries data only, through a buffered [`Printer`]; colour
//! only when allowed; and text that came from a token is escaped before it reaches a
//! terminal, so a crafted claim cannot move the cursor, recolour or reorder the screen.
//! This is the one module that touches the standard streams (clippy.toml enforces it).
#![allow(clippy::disallowed_methods, clippy::print_stdout, clippy::print_stderr)]

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, BufWriter, IsTerminal, Stdout, Write};

use colored::Colorize as _;
use serde::Serialize;
use serde_json::Value;

use crate::cli::ColorChoice;
use crate::exit::Exit;

/// The version every JSON object jwtx prints carries.
pub const JSON_VERSION: u32 = 1;

/// The `error` member of every JSON error record, run-level or per token:
/// `{code, kind, id?, message}`.
#[derive(Serialize)]
pub struct ErrorObject<'a> {
    pub code: u8,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    pub message: &'a str,
}

impl<'a> ErrorObject<'a> {
    pub fn new(exit: Exit, id: Option<&'a str>, message: &'a str) -> ErrorObject<'a> {
        ErrorObject {
            code: exit.code(),
            kind: exit.kind(),
            id,
            message,
        }
    }
}

/// The JSON object for a run-level error, printed on stderr when JSON was asked for.
pub fn run_error_json(exit: Exit, message: &str) -> Value {
    serde_json::json!({
        "version": JSON_VERSION,
        "error": ErrorObject::new(exit, None, message),
    })
}

/// What a piece of text means, which decides its colour on a terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Valid, in time: green.
    Good,
    /// Invalid, expired, a serious finding: red.
    Bad,
    /// The most serious: bold red.
    Critical,
    /// Expiring soon, not yet valid, a medium finding: yellow.
    Warn,
    /// Neutral information (no expiry, a low finding): cyan.
    Info,
    /// Least important: dimmed.
    Faint,
    /// A title: bold.
    Title,
    /// A section heading: bold cyan.
    Heading,
}

/// `text` in the colour of `style` when `color` is on (see [`color_enabled`]), as it
/// is otherwise. The one place jwtx colours anything.
pub fn paint(color: bool, style: Style, text: &str) -> Cow<'_, str> {
    if !color {
        return Cow::Borrowed(text);
    }
    let painted = match style {
        Style::Good => text.green(),
        Style::Bad => text.red(),
        Style::Critical => text.bold().red(),
        Style::Warn => text.yellow(),
        Style::Info => text.cyan(),
        Style::Faint => text.dimmed(),
        Style::Title => text.bold(),
        Style::Heading => text.bold().cyan(),
    };
    Cow::Owned(painted.to_string())
}

/// Writes one diagnostic line to stderr. Unlike `eprintln!`, it never panics: when
/// stderr is gone (a closed pipe), the diagnostic is simply lost.
#[macro_export]
macro_rules! diag {
    ($($arg:tt)*) => {
        $crate::output::diag_line(format_args!($($arg)*))
    };
}

/// The body of [`diag!`]: one line to stderr, errors ignored.
pub fn diag_line(args: std::fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stderr(), "{args}");
}

/// Writes text that already ends in newlines to stderr, never panicking.
pub fn diag_raw(text: &str) {
    let _ = io::stderr().write_all(text.as_bytes());
}

/// Decides colour once: `always`, `never`, or `auto` = stdout is a terminal and
/// `NO_COLOR` is unset or empty (<https://no-color.org>).
pub fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Buffered standard output. Dropped or flushed at the end of a run.
pub struct Printer {
    out: BufWriter<Stdout>,
    pub color: bool,
}

impl Printer {
    pub fn new(color: bool) -> Printer {
        colored::control::set_override(color);
        Printer {
            out: BufWriter::with_capacity(1 << 16, io::stdout()),
            color,
        }
    }

    /// Whether standard output is a terminal (where private key material must not go
    /// unless the user insists).
    pub fn is_terminal(&self) -> bool {
        io::stdout().is_terminal()
    }

    pub fn write_str(&mut self, s: &str) -> io::Result<()> {
        self.out.write_all(s.as_bytes())
    }

    pub fn write_bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)
    }

    pub fn line(&mut self, s: &str) -> io::Result<()> {
        self.out.write_all(s.as_bytes())?;
        self.out.write_all(b"\n")
    }

    /// One compact JSON object and a newline (a JSON Lines record).
    pub fn json_line(&mut self, value: &Value) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, value)?;
        self.out.write_all(b"\n")
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl Write for Printer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.out.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Whether a character from a token must not reach the terminal raw: C0 and C1
/// controls, DEL, and the bidirectional formatting characters (CVE-2021-42574).
fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            | '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// Escapes control, ANSI and bidi characters as `\u{..}` (and `\n`, `\t`, `\r`).
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_dangerous) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_dangerous(c) => {
                let _ = write!(out, "\\u{{{:04x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Pretty JSON for a terminal: serde_json's escaping plus `\uXXXX` for the characters
/// JSON allows raw but a terminal must not see (bidi overrides, C1 controls).
pub fn pretty_json(value: &Value) -> String {
    terminal_safe_json(serde_json::to_string_pretty(value).unwrap_or_default())
}

/// Compact JSON, escaped for a terminal like [`pretty_json`].
pub fn compact_json(value: &Value) -> String {
    terminal_safe_json(value.to_string())
}

fn terminal_safe_json(text: String) -> String {
    if !text.chars().any(is_dangerous_in_json) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_dangerous_in_json(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

fn is_dangerous_in_json(c: char) -> bool {
    // serde_json already escapes U+0000..U+001F; newlines here are its own formatting.
    c != '\n' && is_dangerous(c)
}

/// A claim value for `--claim`: strings bare (like `jq -r`), anything else as JSON.
pub fn bare_value(value: &Value) -> String {
    match value {
        Value::String(s) => escape(s).into_owned(),
        other => compact_json(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls() {
        assert_eq!(escape("plain"), "plain");
        assert_eq!(escape("a\u{1b}[31mred"), "a\\u{001b}[31mred");
        assert_eq!(escape("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(escape("two\nlines"), "two\\nlines");
    }

    #[test]
    fn bare_values_escape_inside_arrays_and_keys() {
        let v = serde_json::json!({"\u{202e}k": ["\u{9b}2J", "\u{7f}"]});
        let text = bare_value(&v);
        assert!(!text.contains('\u{202e}') && !text.contains('\u{9b}') && !text.contains('\u{7f}'));
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
    }

    #[test]
    fn pretty_json_escapes_bidi() {
        let v = serde_json::json!({"name": "evil\u{202e}txt.exe"});
        let text = pretty_json(&v);
        assert!(text.contains("\\u202e"));
        assert!(!text.contains('\u{202e}'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
