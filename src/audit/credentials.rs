//! Credentials recognised by their format, whatever the claim that holds them: Stripe
//! keys, Google API keys, GitLab tokens, OpenAI keys, npm tokens, database URLs with a
//! password, `Basic` credentials and compact JWTs inside text.
//!
//! One Aho-Corasick pass over the value finds every trigger (`sk_live_`, `AIza`,
//! `glpat-`, `://`, `eyJ`...); only then does a hand-written check read the bytes around
//! it. A value with no trigger costs that one pass and no allocation. Each format is
//! taken tight, so that look-alikes stay quiet:
//!
//! * A trigger must start a word: `desk_live_...`, `xAIza...` and `mynpm_...` are not
//!   keys. The key's body must end a word too (the next character is outside its
//!   alphabet), so a longer run is not a key with extra text glued on.
//! * Stripe: `sk_live_`, `rk_live_` (and `_test_`, reported lower) with 24 to 247
//!   alphanumerics. Publishable keys (`pk_live_`) are public by design and stay quiet.
//! * Google API keys: `AIza` and exactly 35 of `[A-Za-z0-9_-]`.
//! * GitLab personal access tokens: `glpat-` and exactly 20 of `[A-Za-z0-9_-]`, or the
//!   routable form (27 to 300 such characters, `.`, then nine lower-case alphanumerics).
//! * OpenAI: `sk-` with 20 alphanumerics, the marker `T3BlbkFJ` and 20 more (legacy),
//!   or `sk-proj-` / `sk-svcacct-` / `sk-admin-` and a body of `[A-Za-z0-9_-]` holding
//!   the marker with at least 20 characters on each side.
//! * npm: `npm_` and exactly 36 alphanumerics.
//! * Database URLs: a scheme of a database or broker (`postgres`, `postgresql`,
//!   `mysql`, `mariadb`, `mongodb`, `mongodb+srv`, `redis`, `rediss`, `amqp`, `amqps`,
//!   `mssql`, `sqlserver`), user information with a non-empty password, and a host.
//!   Placeholders are not passwords: `${VAR}`, `{{var}}`, `<password>`, `[password]`,
//!   `%s`, runs of `*` or `x`, and the words `password`, `pass`, `passwd`, `pwd`,
//!   `secret`.
//! * `Basic` credentials: `Basic ` (or `basic `) and standard base64 that decodes to
//!   printable UTF-8 holding a `:` (RFC 7617 `user:password`).
//! * JWTs: a run starting `eyJ` that the token core reads as a compact JWS or JWE (a
//!   sentence's final `.` is not part of it).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use base64::Engine as _;

use super::sensitive::SensitiveKind;

/// What a trigger starts.
#[derive(Clone, Copy)]
enum Format {
    StripeLive,
    StripeTest,
    Google,
    Gitlab,
    Openai,
    Npm,
    Url,
    Basic,
    Jwt,
}

/// The triggers, each with the format it starts.
const TRIGGERS: &[(&str, Format)] = &[
    ("sk_live_", Format::StripeLive),
    ("rk_live_", Format::StripeLive),
    ("sk_test_", Format::StripeTest),
    ("rk_test_", Format::StripeTest),
    ("AIza", Format::Google),
    ("glpat-", Format::Gitlab),
    ("sk-", Format::Openai),
    ("npm_", Format::Npm),
    ("://", Format::Url),
    ("Basic ", Format::Basic),
    ("basic ", Format::Basic),
    ("eyJ", Format::Jwt),
];

static AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // A DFA: the triggers are few and short, and most values searched are short too.
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(TRIGGERS.iter().map(|(t, _)| t))
        .expect("built-in triggers are valid")
});

/// The OpenAI key marker: base64 of "OpenAI".
const OPENAI_MARKER: &[u8] = b"T3BlbkFJ";

/// Schemes whose URLs carry database or broker credentials.
const DATABASE_SCHEMES: &[&str] = &[
    "postgres",
    "postgresql",
    "mysql",
    "mariadb",
    "mongodb",
    "mongodb+srv",
    "redis",
    "rediss",
    "amqp",
    "amqps",
    "mssql",
    "sqlserver",
];

/// Passwords in documentation and templates, not credentials.
const PLACEHOLDER_PASSWORDS: &[&str] = &[
    "password",
    "pass",
    "passwd",
    "pwd",
    "secret",
    "token",
    "your_password",
    "your-password",
    "yourpassword",
];

/// One credential found in a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found<'a> {
    pub kind: SensitiveKind,
    /// The matched text (to be masked before it is shown).
    pub fragment: &'a str,
    /// A test-mode key (Stripe `sk_test_`): reported below the rule's severity.
    pub test_mode: bool,
}

/// Calls `found` for each credential in `value`, in order of position.
pub fn scan(value: &str, mut found: impl FnMut(Found<'_>)) {
    let bytes = value.as_bytes();
    // The end of the last credential: a trigger inside it (a JWT's payload also starts
    // `eyJ`) is part of it, not another one.
    let mut covered = 0;
    let mut runs = KeyRuns::default();
    for m in AUTOMATON.find_iter(value) {
        let (start, end) = (m.start(), m.end());
        if start < covered {
            continue;
        }
        let format = TRIGGERS[m.pattern().as_usize()].1;
        let hit = match format {
            Format::StripeLive | Format::StripeTest => {
                body_after(bytes, start, end, is_alnum, 24..=247, is_word)
                    .map(|stop| (SensitiveKind::StripeKey, start, stop))
            }
            Format::Google => google(bytes, start, end, &mut runs)
                .map(|stop| (SensitiveKind::GoogleApiKey, start, stop)),
            Format::Gitlab => gitlab(bytes, start, end, &mut runs)
                .map(|stop| (SensitiveKind::GitlabToken, start, stop)),
            Format::Openai => openai(bytes, start, end, &mut runs)
                .map(|stop| (SensitiveKind::OpenaiKey, start, stop)),
            Format::Npm => body_after(bytes, start, end, is_alnum, 36..=36, is_word)
                .map(|stop| (SensitiveKind::NpmToken, start, stop)),
            Format::Url => url_with_password(value, start),
            Format::Basic => {
                basic(bytes, start, end).map(|stop| (SensitiveKind::BasicCredentials, start, stop))
            }
            Format::Jwt => jwt(value, start).map(|stop| (SensitiveKind::NestedToken, start, stop)),
        };
        if let Some((kind, from, stop)) = hit {
            covered = stop;
            found(Found {
                kind,
                fragment: &value[from..stop],
                test_mode: matches!(format, Format::StripeTest),
            });
        }
    }
}

fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// `[A-Za-z0-9_-]`: the alphabet of base64url and of most API keys.
fn is_key_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// `[A-Za-z0-9_]`.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether the trigger at `start` begins a word (no letter or digit right before it).
fn starts_word(bytes: &[u8], start: usize) -> bool {
    start == 0 || !bytes[start - 1].is_ascii_alphanumeric()
}

/// Length of the run of `class` bytes from `from`.
fn run(bytes: &[u8], from: usize, class: fn(u8) -> bool) -> usize {
    bytes[from..].iter().take_while(|&&b| class(b)).count()
}

/// Runs of `[A-Za-z0-9_-]` already measured. Triggers can sit inside one run
/// (`glpat-glpat-...`, `AIza-AIza-...`): they share its end, so the run is read once,
/// not once per trigger, and a value made of repeated triggers costs linear time.
#[derive(Default)]
struct KeyRuns {
    /// Key characters from the first position to the run's end (the byte there, if
    /// any, is not a key character).
    span: Option<(usize, usize)>,
    /// The last OpenAI marker of that run that has 20 characters after it, once found.
    marker: Option<Option<usize>>,
}

impl KeyRuns {
    /// The end of the run of key characters that `from` is in (or starts).
    fn end(&mut self, bytes: &[u8], from: usize) -> usize {
        if let Some((first, end)) = self.span
            && (first..=end).contains(&from)
        {
            return end;
        }
        let end = from + run(bytes, from, is_key_char);
        self.span = Some((from, end));
        self.marker = None;
        end
    }

    /// The start of the last OpenAI marker with at least 20 key characters after it in
    /// the run last measured.
    fn last_marker(&mut self, bytes: &[u8]) -> Option<usize> {
        let (first, end) = self.span?;
        *self.marker.get_or_insert_with(|| {
            let limit = end.saturating_sub(20);
            (first < limit)
                .then(|| memchr::memmem::rfind(&bytes[first..limit], OPENAI_MARKER))
                .flatten()
                .map(|i| first + i)
        })
    }
}

/// The end of a key made of the trigger and a body of `class` bytes whose length is in
/// `lengths`, when the trigger starts a word and no `glued` byte follows the body.
fn body_after(
    bytes: &[u8],
    start: usize,
    end: usize,
    class: fn(u8) -> bool,
    lengths: std::ops::RangeInclusive<usize>,
    glued: fn(u8) -> bool,
) -> Option<usize> {
    if !starts_word(bytes, start) {
        return None;
    }
    let len = run(bytes, end, class);
    let stop = end + len;
    let glued_after = bytes.get(stop).is_some_and(|&b| glued(b));
    (lengths.contains(&len) && !glued_after).then_some(stop)
}

/// `AIza` and 35 key characters.
fn google(bytes: &[u8], start: usize, end: usize, runs: &mut KeyRuns) -> Option<usize> {
    if !starts_word(bytes, start) {
        return None;
    }
    // The run ends where a key character no longer follows: nothing is glued after it.
    let stop = runs.end(bytes, end);
    (stop - end == 35).then_some(stop)
}

fn gitlab(bytes: &[u8], start: usize, end: usize, runs: &mut KeyRuns) -> Option<usize> {
    if !starts_word(bytes, start) {
        return None;
    }
    let stop = runs.end(bytes, end);
    let len = stop - end;
    let after = bytes.get(stop).copied();
    if len == 20 {
        // A sentence's final '.' may follow; a dotted continuation may not.
        let dotted = after == Some(b'.') && bytes.get(stop + 1).is_some_and(|&b| is_key_char(b));
        return (!dotted).then_some(stop);
    }
    if (27..=300).contains(&len) && after == Some(b'.') {
        // Routable: base64 payload, '.', two characters of length and seven of CRC.
        let tail = run(bytes, stop + 1, |b| {
            b.is_ascii_digit() || b.is_ascii_lowercase()
        });
        let end_of_token = stop + 1 + tail;
        let glued = bytes.get(end_of_token).is_some_and(|&b| is_key_char(b));
        return (tail == 9 && !glued).then_some(end_of_token);
    }
    None
}

fn openai(bytes: &[u8], start: usize, end: usize, runs: &mut KeyRuns) -> Option<usize> {
    if !starts_word(bytes, start) {
        return None;
    }
    let rest = &bytes[end..];
    let project = [&b"proj-"[..], b"svcacct-", b"admin-"]
        .into_iter()
        .find(|p| rest.starts_with(p));
    match project {
        Some(prefix) => {
            let body_start = end + prefix.len();
            let stop = runs.end(bytes, body_start);
            // A marker with 20 characters on each side: the last one with 20 after it
            // is the one most likely to have 20 before.
            let marked = runs
                .last_marker(bytes)
                .is_some_and(|m| m >= body_start + 20 && m + OPENAI_MARKER.len() + 20 <= stop);
            marked.then_some(stop)
        }
        None => {
            let len = run(bytes, end, is_alnum);
            let stop = end + len;
            let legacy = len == 48 && &bytes[end + 20..end + 28] == OPENAI_MARKER;
            (legacy && !bytes.get(stop).is_some_and(|&b| is_key_char(b))).then_some(stop)
        }
    }
}

/// The span of a database URL with a password around the `://` at `sep`.
/// A URL whose authority holds a password (`scheme://user:password@host`), from the
/// `://` at `sep`: a database or broker URL, or any other.
fn url_with_password(value: &str, sep: usize) -> Option<(SensitiveKind, usize, usize)> {
    let bytes = value.as_bytes();
    let scheme_start = sep
        - bytes[..sep]
            .iter()
            .rev()
            .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
            .count();
    let scheme = &value[scheme_start..sep];
    // RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
    if !scheme.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let kind = if DATABASE_SCHEMES
        .iter()
        .any(|s| s.eq_ignore_ascii_case(scheme))
    {
        SensitiveKind::DatabaseUrl
    } else {
        SensitiveKind::UrlPassword
    };
    let authority_start = sep + 3;
    // The authority ends where a URL in text ends: `,`, `;`, `|`, `&` and brackets
    // are allowed in userinfo but in practice separate the URL from what follows
    // (`https://example.com,mailto:ops@example.com` holds no password).
    let authority_len = bytes[authority_start..]
        .iter()
        .take_while(|&&b| {
            !b.is_ascii_whitespace()
                && !matches!(
                    b,
                    b'/' | b'?'
                        | b'#'
                        | b'"'
                        | b'\''
                        | b'<'
                        | b'>'
                        | b'`'
                        | b','
                        | b';'
                        | b'|'
                        | b'&'
                        | b'('
                        | b')'
                        | b'{'
                        | b'}'
                        | b'\\'
                )
        })
        .count();
    let authority = &value[authority_start..authority_start + authority_len];
    let (userinfo, host) = authority.rsplit_once('@')?;
    let (_, password) = userinfo.split_once(':')?;
    if !is_host(host) || is_placeholder_password(password) {
        return None;
    }
    Some((kind, scheme_start, authority_start + authority_len))
}

/// `host[:port]`: a registered name or IPv4 address, or an IPv6 literal in brackets.
fn is_host(text: &str) -> bool {
    let (host_ok, port) = match text.strip_prefix('[') {
        Some(rest) => {
            let Some((ip, port)) = rest.split_once(']') else {
                return false;
            };
            let ip_ok = !ip.is_empty()
                && ip
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || matches!(b, b':' | b'.'));
            (ip_ok, port)
        }
        None => {
            let (name, port) = text.split_at(text.find(':').unwrap_or(text.len()));
            let name_ok = !name.is_empty()
                && name.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~' | b'%')
                });
            (name_ok, port)
        }
    };
    host_ok
        && (port.is_empty()
            || port
                .strip_prefix(':')
                .is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_digit())))
}

/// A password that is a template or a documentation stand-in, as a whole: `${DB_PASS}`,
/// `$DB_PASS`, `%s`, `%(password)s`, `%DB_PASS%`, `{password}`, `<password>`, `[password]`,
/// `****`, `xxxx`, `...`, or a word such as `password`. A real password that merely
/// starts with `$` or `%` (percent-encoded) is not one.
fn is_placeholder_password(password: &str) -> bool {
    let enclosed = |open: char, close: char| {
        password.len() >= 2 && password.starts_with(open) && password.ends_with(close)
    };
    let identifier = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    };
    password.is_empty()
        || enclosed('{', '}')
        || enclosed('<', '>')
        || enclosed('[', ']')
        || password.strip_prefix('$').is_some_and(|rest| {
            identifier(rest)
                || (rest.starts_with('{') && rest.ends_with('}'))
                || (rest.starts_with('(') && rest.ends_with(')'))
        })
        || password == "%s"
        || (password.starts_with("%(") && password.ends_with(")s"))
        || (enclosed('%', '%') && identifier(&password[1..password.len() - 1]))
        || password.bytes().all(|b| b == b'*')
        || password.bytes().all(|b| b == b'.')
        || password.bytes().all(|b| b == b'x' || b == b'X')
        || PLACEHOLDER_PASSWORDS
            .iter()
            .any(|p| p.eq_ignore_ascii_case(password))
}

fn basic(bytes: &[u8], start: usize, end: usize) -> Option<usize> {
    if !starts_word(bytes, start) {
        return None;
    }
    let body = run(bytes, end, |b| {
        b.is_ascii_alphanumeric() || b == b'+' || b == b'/'
    });
    let padding = bytes[end + body..]
        .iter()
        .take(2)
        .take_while(|&&b| b == b'=')
        .count();
    let stop = end + body + padding;
    if body < 4 || bytes.get(stop).is_some_and(|&b| is_alnum(b) || b == b'=') {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(&bytes[end..end + body])
        .ok()?;
    let text = std::str::from_utf8(&decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    let printable = !text.chars().any(char::is_control);
    (printable && text.len() >= 3 && !(user.is_empty() && password.is_empty())).then_some(stop)
}

/// The end of a compact JWS or JWE starting at `start`, as the token core reads it.
fn jwt(value: &str, start: usize) -> Option<usize> {
    let bytes = value.as_bytes();
    if start > 0 && (is_key_char(bytes[start - 1]) || bytes[start - 1] == b'.') {
        return None;
    }
    let len = compact_shape(bytes, start)?;
    let whole = &value[start..start + len];
    let trimmed = whole.trim_end_matches('.');
    [whole, trimmed]
        .into_iter()
        .find(|candidate| is_compact_token(candidate))
        .map(|candidate| start + candidate.len())
}

/// The length of the run of token bytes (`[A-Za-z0-9_-]`, `.`, `=`) from `start`, or
/// `None` as soon as the run cannot hold a compact token however it ends: a `=` inside
/// a segment, three `=` ending one, or a sixth segment. Reading stops at the first flaw,
/// and a later trigger in the same run sits after a `=` inside a segment, which is such
/// a flaw: every byte is read once, however many `eyJ` a long value repeats.
fn compact_shape(bytes: &[u8], start: usize) -> Option<usize> {
    let (mut dots, mut padding) = (0, 0);
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'.' => {
                dots += 1;
                padding = 0;
            }
            b'=' => {
                padding += 1;
                if padding > 2 {
                    return None;
                }
            }
            b if is_key_char(b) => {
                if padding > 0 || dots > 4 {
                    return None;
                }
            }
            _ => break,
        }
        i += 1;
    }
    Some(i - start)
}

/// Three or five segments of base64url (each with at most two `=` of padding at its
/// end) that the token core parses.
fn is_compact_token(candidate: &str) -> bool {
    let segments = candidate.split('.').count();
    (segments == 3 || segments == 5)
        && candidate.split('.').all(|s| {
            let unpadded = s.trim_end_matches('=');
            !unpadded.contains('=') && s.len() - unpadded.len() <= 2
        })
        && crate::token::Token::parse(candidate).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use SensitiveKind as K;

    fn found(value: &str) -> Vec<(SensitiveKind, String, bool)> {
        let mut all = Vec::new();
        scan(value, |f| {
            all.push((f.kind, f.fragment.to_owned(), f.test_mode))
        });
        all
    }

    fn kinds(value: &str) -> Vec<SensitiveKind> {
        found(value).into_iter().map(|(k, _, _)| k).collect()
    }

    /// Keys are assembled at run time so the source holds no key-shaped literal.
    fn key(prefix: &str, body: &str, n: usize) -> String {
        format!("{prefix}{}", body.repeat(n))
    }

    #[test]
    fn triggers_inside_one_run_are_each_judged() {
        let body = "xY1_-xY1_-xY1_-xY1_-";
        // The outer trigger's body is 26 characters, the inner one's 20.
        assert_eq!(
            found(&format!("glpat-glpat-{body}")),
            [(K::GitlabToken, format!("glpat-{body}"), false)]
        );
        let google = format!("AIza{}", "SyD-9tSrke72PouQMnMX-a_s4oZ3a1b2c3d");
        assert_eq!(kinds(&format!("AIza-{google}")), [K::GoogleApiKey]);
        let project = format!("sk-proj-{}T3BlbkFJ{}", "a1B2".repeat(5), "c3D4".repeat(5));
        assert_eq!(kinds(&format!("sk-proj-{project}")), [K::OpenaiKey,]);
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
        assert_eq!(kinds(&format!("=eyJ={jwt}")), [K::NestedToken]);
        assert_eq!(kinds(&format!("{jwt}.{jwt}")), []);
    }

    #[test]
    fn repeated_triggers_are_read_once() {
        // Reading to the end of the run after each trigger would take hours here.
        let started = std::time::Instant::now();
        for trigger in ["glpat-", "AIza-", "sk-proj-", "=eyJ", "eyJ.=", "eyJ."] {
            let value = trigger.repeat((4 << 20) / trigger.len());
            assert!(found(&value).is_empty(), "{trigger}");
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn stripe() {
        let live = key("sk_live_", "4eC39HqLyjWD", 2);
        assert_eq!(found(&live), [(K::StripeKey, live.clone(), false)]);
        let restricted = key("rk_live_", "a1B2c3D4", 12);
        assert_eq!(kinds(&restricted), [K::StripeKey]);
        let test = key("sk_test_", "4eC39HqLyjWD", 2);
        assert_eq!(found(&test), [(K::StripeKey, test.clone(), true)]);
        assert_eq!(kinds(&format!("key={live};")), [K::StripeKey]);
        for quiet in [
            key("pk_live_", "4eC39HqLyjWD", 2),        // publishable
            key("sk_live_", "4eC39HqLyjW", 2),         // 22 characters
            key("desk_live_", "4eC39HqLyjWD", 2),      // glued prefix
            key("sk_live_", "4eC39HqLyjWD", 2) + "_x", // glued suffix
            "sk_live_".to_owned(),
            key("sk_live_", "ab-cd", 6),
        ] {
            assert!(kinds(&quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn google() {
        let k = key("AIza", "SyD-9tSrke72PouQMnMX", 1) + "-a_s4oZ3a1b2c3d";
        assert_eq!(k.len(), 39);
        assert_eq!(kinds(&k), [K::GoogleApiKey]);
        assert_eq!(kinds(&format!("?key={k}&x=1")), [K::GoogleApiKey]);
        for quiet in [
            k[..38].to_owned(),
            format!("{k}Z"),
            format!("x{k}"),
            "AIzaSy".to_owned(),
        ] {
            assert!(kinds(&quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn gitlab() {
        let pat = key("glpat-", "xY1_-", 4);
        assert_eq!(kinds(&pat), [K::GitlabToken]);
        assert_eq!(kinds(&format!("token {pat}.")), [K::GitlabToken]);
        let routable = format!("{}.01{}", key("glpat-", "aB3", 10), "0abc123");
        assert_eq!(kinds(&routable), [K::GitlabToken]);
        for quiet in [
            key("glpat-", "xY1_-", 3),
            key("glpat-", "xY1_-", 5),
            format!("{pat}.tail"),
            format!("{}.01{}", key("glpat-", "aB3", 10), "0ABC123"),
            format!("my{pat}"),
        ] {
            assert!(kinds(&quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn openai() {
        let legacy = format!("sk-{}T3BlbkFJ{}", "a1B2".repeat(5), "c3D4".repeat(5));
        assert_eq!(kinds(&legacy), [K::OpenaiKey]);
        let project = format!(
            "sk-proj-{}T3BlbkFJ{}",
            "a_B-2".repeat(15),
            "c3D4".repeat(16)
        );
        assert_eq!(kinds(&project), [K::OpenaiKey]);
        assert_eq!(kinds(&format!("Bearer {project}")), [K::OpenaiKey]);
        for quiet in [
            format!("sk-{}", "a1B2".repeat(12)), // no marker
            format!("sk-{}T3BlbkFJ{}", "a1B2".repeat(4), "c3D4".repeat(5)), // 16 before
            format!("sk-{}T3BlbkFJ{}", "a1B2".repeat(5), "c3D4".repeat(6)), // 24 after
            format!("sk-proj-{}", "a_B-2".repeat(30)), // no marker
            format!("sk-proj-abcT3BlbkFJ{}", "c3D4".repeat(16)), // 3 before
            format!("task-{}T3BlbkFJ{}", "a1B2".repeat(5), "c3D4".repeat(5)),
            "sk-learn".to_owned(),
        ] {
            assert!(kinds(&quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn npm() {
        let token = key("npm_", "a1B2c3", 6);
        assert_eq!(kinds(&token), [K::NpmToken]);
        for quiet in [
            key("npm_", "a1B2c3", 5),
            key("npm_", "a1B2c3", 7),
            key("xnpm_", "a1B2c3", 6),
            "npm_config_cache".to_owned(),
        ] {
            assert!(kinds(&quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn database_urls() {
        for url in [
            "postgres://app:s3cr3t-Pa55@db.internal:5432/orders",
            "postgresql://app:s3cr3t@10.0.0.5/orders?sslmode=require",
            "mysql://root:hunter22@localhost:3306/app",
            "mongodb+srv://svc:Zq8x!2@cluster0.example.mongodb.net/db",
            "redis://:r3dis-pass@cache:6379/0",
            "amqps://guest:g7Hk2@mq.example.com/vhost",
        ] {
            assert_eq!(kinds(url), [K::DatabaseUrl], "{url}");
        }
        assert_eq!(
            found("DATABASE_URL=\"jdbc:postgresql://u:pw1234@h/db\" end"),
            [(K::DatabaseUrl, "postgresql://u:pw1234@h".to_owned(), false)]
        );
        for quiet in [
            "postgres://app@db.internal/orders",
            "postgres://db.internal:5432/orders",
            "postgres://app:@db.internal/orders",
            "postgres://app:${DB_PASSWORD}@db/orders",
            "postgres://app:<password>@db/orders",
            "postgres://user:password@localhost/db",
            "mysql://root:****@localhost/app",
            "postgres://app:s3cr3t@/orders",
            "see postgres docs: postgres://host/db",
        ] {
            assert!(kinds(quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn urls_with_a_password() {
        for url in [
            "https://deploy:Zq8x2-kLm4@git.example.com/team/app.git",
            "ftp://backup:7hG2kP9q@files.internal/nightly",
            "smtp://mailer:aB3dE5fG@smtp.example.net:587",
            "see https://svc:r4nd0m-Pw@api.internal/v1 for the feed",
            "HTTP://u:pw1234@h",
        ] {
            assert_eq!(kinds(url), [K::UrlPassword], "{url}");
        }
        assert_eq!(
            found("callback=\"https://bot:s3cr3t@hooks.internal/x\""),
            [(
                K::UrlPassword,
                "https://bot:s3cr3t@hooks.internal".to_owned(),
                false
            )]
        );
        for url in [
            "https://u:%21s3cr3tX@h.example.net",
            "https://u:$3cr3tX@h.example.net",
            "https://svc:Zq8x2kLm4@[2001:db8::1]:8443/x",
            "https://svc:Zq8x2kLm4@10.0.0.7:8080",
        ] {
            assert_eq!(kinds(url), [K::UrlPassword], "{url}");
        }
        for quiet in [
            "links: https://example.com,mailto:security@example.com",
            "https://example.com;mailto:ops@example.com",
            "https://example.com|contact:ops@example.com",
            "https://docs.example.com:443&user:bob@example.org",
            "[docs](https://example.com),[mail](mailto:ops@example.com)",
            "https://u:$DB_PASSWORD@h.example.net",
            "https://u:${TOKEN}@h.example.net",
            "https://u:$(cat pw)@h.example.net",
            "https://u:%s@h.example.net",
            "https://u:%(password)s@h.example.net",
            "https://u:%DB_PASS%@h.example.net",
            "https://u:{password}@h.example.net",
            "https://u:[password]@h.example.net",
            "https://u:...@h.example.net",
            "https://u:YOUR_PASSWORD@h.example.net",
            "https://u:s3cr3t@h.example.net:http",
            "https://u:s3cr3t@bad!host",
            "https://example.com/a:b@c",
            "https://user@example.com/",
            "ssh://git@github.com/org/repo.git",
            "https://user:@example.com/",
            "https://user:password@example.com/",
            "https://user:pass@example.com/",
            "https://user:${TOKEN}@example.com/",
            "https://user:<token>@example.com/",
            "https://user:s3cr3t@/path",
            "https://api.example.com:8443/v1",
            "http://[::1]:8080/health",
            "1http://u:s3cr3t@h",
            "://u:s3cr3t@h",
        ] {
            assert!(kinds(quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn basic_credentials() {
        // "aladdin:opensesame"
        assert_eq!(
            kinds("Basic YWxhZGRpbjpvcGVuc2VzYW1l"),
            [K::BasicCredentials]
        );
        assert_eq!(
            kinds("Authorization: basic amRvZTpwdw=="), // "jdoe:pw"
            [K::BasicCredentials]
        );
        for quiet in [
            "Basic plan",
            "Basic dGVzdA==", // "test": no colon
            "BasicYWxhZGRpbjpvcGVuc2VzYW1l",
            "Basic realm=\"api\"",
            "a Basic tier",
            "Basic Og==",                      // ":" alone
            "Basic YWxhZGRpbjpvcGVuc2VzYW1lx", // not base64
        ] {
            assert!(kinds(quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn jwt_in_text() {
        let jws = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";
        assert_eq!(kinds(jws), [K::NestedToken]);
        assert_eq!(
            found(&format!("upstream said: Bearer {jws}.")),
            [(K::NestedToken, jws.to_owned(), false)]
        );
        for quiet in [
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0".to_owned(),
            format!("x{jws}"),
            "eyJub3QganNvbg.a.b".to_owned(),
            format!("{jws}.more.parts.here"),
        ] {
            assert!(kinds(&quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn no_trigger_no_finding() {
        for quiet in ["", "plain text", "sk", "://", "eyJ", "Basic ", "AIza"] {
            assert!(kinds(quiet).is_empty(), "{quiet}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_around_the_triggers_is_safe(
            before in ".{0,8}",
            trigger in proptest::sample::select(TRIGGERS.iter().map(|(t, _)| *t).collect::<Vec<_>>()),
            after in "[A-Za-z0-9_.:/@=+é -]{0,80}",
        ) {
            let value = format!("{before}{trigger}{after}");
            scan(&value, |f| {
                assert!(value.contains(f.fragment));
            });
        }
    }
}
