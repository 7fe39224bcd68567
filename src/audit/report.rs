//! Audit reports: text for people, JSON Lines for scripts, SARIF 2.1.0 for code
//! scanning. A report never prints a whole token unless asked (`--reveal-tokens`): it
//! names each by where it came from and a short fingerprint.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Value, json};

use super::checks::Finding;
use super::policy::Suppressed;
use super::registry::{RULES, Severity};
use super::scan::Skipped;
use crate::exit::Exit;
use crate::input::Source;
use crate::output::{self, ErrorObject, JSON_VERSION, Style, escape};

/// Where a token was found.
#[derive(Clone, Debug)]
pub struct Origin {
    /// An argument, standard input or a file; `None` for a path of a scan that could not
    /// be read (its message names it).
    pub source: Option<Source>,
    pub line: usize,
    /// With --scan: the 1-based column, in Unicode code points.
    pub column: Option<usize>,
    /// With --scan: the URL parameter the token was the value of (`?access_token`).
    pub url_parameter: Option<String>,
    /// With --scan: what the token was found inside, outermost first (`gzip`,
    /// `utf-16le`, `base64`): lines and columns count in the text inside the file's
    /// compression and encoding, at the base64 run the token was encoded in.
    pub encoding: Option<String>,
}

impl Origin {
    /// No origin (what is left after an origin was moved out).
    pub fn none() -> Origin {
        Origin {
            source: None,
            line: 0,
            column: None,
            url_parameter: None,
            encoding: None,
        }
    }

    /// How reports name the source ([`Source::label`]: a file called `stdin` is
    /// `./stdin`); empty when there is none.
    pub fn label(&self) -> String {
        self.source.as_ref().map(Source::label).unwrap_or_default()
    }

    pub fn describe(&self) -> String {
        let label = escape(&self.label()).into_owned();
        if self.line == 0 {
            return label;
        }
        let at = match (&self.source, self.column) {
            (_, Some(col)) => format!("{label}:{}:{col}", self.line),
            (Some(Source::Argument), None) => format!("argument {}", self.line),
            (Some(Source::Stdin), None) => format!("line {}", self.line),
            (_, None) => format!("{label}:{}", self.line),
        };
        match &self.encoding {
            Some(encoding) => format!("{at} (in {encoding})"),
            None => at,
        }
    }
}

/// A finding after `--severity`, with its stable fingerprint.
#[derive(Clone, Debug)]
pub struct Reported {
    pub finding: Finding,
    pub fingerprint: String,
}

/// One audited token, as reports see it.
pub struct Audited<'a> {
    /// Where it was first seen.
    pub first: &'a Origin,
    /// Where else (at most [`MAX_LOCATIONS`](super::engine::MAX_LOCATIONS) - 1).
    pub others: &'a [Origin],
    /// How many times it was seen (at least `1 + others.len()`).
    pub occurrences: usize,
    /// First 12 hex digits of the token's SHA-256.
    pub fingerprint: &'a str,
    /// The whole token, only with `--reveal-tokens`.
    pub text: Option<&'a str>,
    pub length: usize,
    pub alg: Option<&'a str>,
    pub findings: &'a [Reported],
    /// Its findings the baseline suppressed, sorted by fingerprint.
    pub suppressed: &'a [Suppressed],
}

/// Where a key set came from (`audit --jwks`): a file or standard input, or a URL.
#[derive(Clone, Debug)]
pub enum SetSource {
    Input(Source),
    Url(String),
}

impl SetSource {
    /// How reports name it: the path as given, `stdin`, or the URL.
    pub fn label(&self) -> String {
        match self {
            SetSource::Input(source) => source.label(),
            SetSource::Url(url) => url.clone(),
        }
    }
}

/// One audited key of a key set, as reports see it.
pub struct AuditedKey<'a> {
    pub source: &'a SetSource,
    /// A key of the `--previous` snapshot (reported when it is gone from the set).
    pub previous: bool,
    /// Its position in the set's `keys`, from 0.
    pub index: usize,
    /// The first and last lines of its JSON object in the document.
    pub lines: Option<(usize, usize)>,
    pub kid: Option<&'a str>,
    /// What it is: `RSA 2048-bit`, `EC P-256`, or the kty as given.
    pub kind: &'a str,
    /// RFC 7638 thumbprint of a public key (never of a secret).
    pub thumbprint: Option<&'a str>,
    pub findings: &'a [Reported],
    /// Its findings the baseline suppressed, sorted by fingerprint.
    pub suppressed: &'a [Suppressed],
}

impl AuditedKey<'_> {
    /// `jwks.json:3`, `https://…/jwks.json:3`: where the key starts.
    fn place(&self) -> String {
        let label = escape(&self.source.label()).into_owned();
        match self.lines {
            Some((start, _)) => format!("{label}:{start}"),
            None => label,
        }
    }

    /// `key 2 (kid "a")`.
    fn name(&self) -> String {
        match self.kid {
            Some(kid) => format!("key {} (kid {:?})", self.index + 1, escape(kid)),
            None => format!("key {}", self.index + 1),
        }
    }
}

/// How one rule fired over a run.
#[derive(Clone, Copy, Debug, Default)]
pub struct RuleCount {
    /// Tokens it was reported on.
    pub tokens: usize,
    /// Tokens it was reported on at or above `--fail-on`.
    pub failing: usize,
    /// The highest severity it was reported at.
    pub highest: Option<Severity>,
}

/// Counts for the end of a report.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Distinct tokens reported.
    pub tokens: usize,
    /// Their occurrences.
    pub occurrences: usize,
    pub findings: usize,
    /// Per rule (indexed like [`RULES`]).
    pub by_rule: Vec<RuleCount>,
    /// Indexed like [`Severity::ALL`] (critical first).
    pub by_severity: [usize; 5],
    pub suppressed: usize,
    /// Tokens left out because every place they were found ignores them (jwtx.toml's
    /// `[[audit.ignore-path]]`).
    pub ignored_by_path: usize,
    pub errors: usize,
    /// Files `--scan` left unread.
    pub skipped: Skipped,
    pub fail_on: Option<Severity>,
    pub failed: bool,
    /// Key sets audited (`audit --jwks`); then the subjects are keys, not tokens.
    pub key_sets: usize,
    /// Keys audited in them.
    pub keys: usize,
}

impl Summary {
    /// Counts the rules reported on one token (each rule once).
    pub fn count_rules(&mut self, reported: &[Reported]) {
        if self.by_rule.is_empty() {
            self.by_rule = vec![RuleCount::default(); RULES.len()];
        }
        // (rule index, at or above the gate), each once per token.
        let mut seen: Vec<(usize, bool)> = Vec::with_capacity(reported.len());
        for r in reported {
            let Some(i) = RULES.iter().position(|x| std::ptr::eq(*x, r.finding.rule)) else {
                continue;
            };
            let failing = self.fail_on.is_some_and(|f| r.finding.severity >= f);
            let entry = &mut self.by_rule[i];
            entry.highest = entry.highest.max(Some(r.finding.severity));
            match seen.iter_mut().find(|(j, _)| *j == i) {
                Some((_, was_failing)) => {
                    if failing && !*was_failing {
                        *was_failing = true;
                        entry.failing += 1;
                    }
                }
                None => {
                    seen.push((i, failing));
                    entry.tokens += 1;
                    entry.failing += usize::from(failing);
                }
            }
        }
    }

    /// The rules that fired, most severe first (the registry's order among equals):
    /// id, tokens, highest severity.
    pub fn rules_fired(&self) -> Vec<(&'static str, usize, Severity)> {
        let mut fired: Vec<(usize, usize, Severity)> = self
            .by_rule
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((i, c.tokens, c.highest?)))
            .filter(|&(_, n, _)| n > 0)
            .collect();
        fired.sort_by_key(|&(i, _, s)| (std::cmp::Reverse(s), i));
        fired
            .into_iter()
            .map(|(i, n, s)| (RULES[i].id, n, s))
            .collect()
    }

    /// The one-line summary the text report ends with (also written to standard error
    /// when the report goes to `--output`).
    pub fn line(&self) -> String {
        use std::fmt::Write as _;
        let counts: Vec<String> = Severity::ALL
            .iter()
            .enumerate()
            .map(|(i, sev)| format!("{} {}", self.by_severity[i], sev.name()))
            .collect();
        let mut line = if self.key_sets > 0 {
            format!(
                "{} key set{} audited ({} key{})",
                self.key_sets,
                if self.key_sets == 1 { "" } else { "s" },
                self.keys,
                if self.keys == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{} token{} audited",
                self.tokens,
                if self.tokens == 1 { "" } else { "s" }
            )
        };
        if self.occurrences != self.tokens {
            let _ = write!(line, " ({} occurrences)", self.occurrences);
        }
        let _ = write!(
            line,
            ", {} finding{} ({})",
            self.findings,
            if self.findings == 1 { "" } else { "s" },
            counts.join(", ")
        );
        if self.suppressed > 0 {
            let _ = write!(line, "; {} suppressed by the baseline", self.suppressed);
        }
        if self.ignored_by_path > 0 {
            let _ = write!(
                line,
                "; {} token{} ignored by path",
                self.ignored_by_path,
                if self.ignored_by_path == 1 { "" } else { "s" }
            );
        }
        if self.errors > 0 {
            let _ = write!(line, "; {} unreadable", self.errors);
        }
        match self.fail_on {
            Some(level) if self.failed => {
                let _ = write!(line, "; failing: findings at or above {level}");
            }
            Some(level) => {
                let _ = write!(line, "; nothing at or above {level}");
            }
            None => {}
        }
        line
    }

    /// Why the gate failed: the rules reported at or above `--fail-on`, with the number
    /// of tokens each fired on (empty when it did not fail).
    pub fn failing_rules(&self) -> Vec<(&'static str, usize)> {
        if !self.failed {
            return Vec::new();
        }
        self.rules_fired()
            .into_iter()
            .filter_map(|(id, _, _)| {
                let i = RULES.iter().position(|r| r.id == id)?;
                let n = self.by_rule[i].failing;
                (n > 0).then_some((id, n))
            })
            .collect()
    }

    /// What the per-rule counts count: tokens, or keys of a key set.
    pub fn subject(&self) -> &'static str {
        if self.key_sets > 0 { "key" } else { "token" }
    }

    pub fn count(&mut self, severity: Severity) {
        self.findings += 1;
        if let Some(i) = Severity::ALL.iter().position(|&s| s == severity) {
            self.by_severity[i] += 1;
        }
        if self.fail_on.is_some_and(|f| severity >= f) {
            self.failed = true;
        }
    }
}

/// One stderr line for an unreadable input.
fn error_line(origin: &Origin, message: &str) -> String {
    let label = origin.label();
    if label.is_empty() || message.contains(label.as_str()) && origin.line == 0 {
        format!("jwtx: {}", escape(message))
    } else {
        format!("jwtx: {}: {}", origin.describe(), escape(message))
    }
}

pub trait Report {
    fn token(&mut self, w: &mut dyn Write, token: &Audited<'_>) -> io::Result<()>;
    /// A token or input that could not be read.
    fn error(&mut self, w: &mut dyn Write, origin: &Origin, message: &str) -> io::Result<()>;
    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()>;
    /// The run failed after the report began (`message` says why; the command then
    /// exits with the failure's code). A document format closes what it has written, so
    /// standard output holds a whole document; line formats have nothing to close.
    fn abort(&mut self, _w: &mut dyn Write, _summary: &Summary, _message: &str) -> io::Result<()> {
        Ok(())
    }
    /// One key of a key set (`audit --jwks`).
    fn key(&mut self, w: &mut dyn Write, key: &AuditedKey<'_>) -> io::Result<()>;
}

fn severity_counts(summary: &Summary) -> Value {
    let mut map = serde_json::Map::new();
    for (i, s) in Severity::ALL.iter().enumerate() {
        map.insert(s.name().to_owned(), summary.by_severity[i].into());
    }
    Value::Object(map)
}

fn skipped_json(skipped: &Skipped) -> Value {
    json!({
        "compressed": skipped.compressed,
        "unreadable": skipped.unreadable,
        "decompressed_over_cap": skipped.decompressed_over_cap,
    })
}

fn rule_counts(summary: &Summary) -> Value {
    let mut map = serde_json::Map::new();
    for (id, tokens, _) in summary.rules_fired() {
        map.insert(id.to_owned(), tokens.into());
    }
    Value::Object(map)
}

/// Findings grouped by token, severity colours on a terminal, a summary at the end.
pub struct TextReport {
    pub color: bool,
}

impl TextReport {
    /// One line per finding, then the blank line that ends a token's or a key's block.
    fn findings(&self, w: &mut dyn Write, findings: &[Reported]) -> io::Result<()> {
        for r in findings {
            let f = &r.finding;
            let severity = self.paint(f.severity, &format!("{:<8}", f.severity.name()));
            let at = f
                .location
                .as_deref()
                .map(|l| format!("  [{}]", escape(l)))
                .unwrap_or_default();
            writeln!(
                w,
                "  {severity}  {:<24} {}{at}",
                f.rule.id,
                escape(&f.message)
            )?;
        }
        writeln!(w)
    }

    fn paint(&self, severity: Severity, text: &str) -> String {
        let style = match severity {
            Severity::Critical => Style::Critical,
            Severity::High => Style::Bad,
            Severity::Medium => Style::Warn,
            Severity::Low => Style::Info,
            Severity::Info => Style::Faint,
        };
        output::paint(self.color, style, text).into_owned()
    }
}

/// Occurrences the text report lists after the first.
const TEXT_LOCATIONS: usize = 3;

impl Report for TextReport {
    fn token(&mut self, w: &mut dyn Write, t: &Audited<'_>) -> io::Result<()> {
        if t.findings.is_empty() {
            return Ok(());
        }
        let alg = t
            .alg
            .map(|a| format!(", {}", escape(a)))
            .unwrap_or_default();
        let repeated = if t.occurrences > 1 {
            format!(", {} occurrences", t.occurrences)
        } else {
            String::new()
        };
        writeln!(
            w,
            "{}  token {}{alg}, {} bytes{repeated}",
            t.first.describe(),
            t.fingerprint,
            t.length
        )?;
        if t.occurrences > 1 {
            let also: Vec<String> = t
                .others
                .iter()
                .take(TEXT_LOCATIONS)
                .map(Origin::describe)
                .collect();
            let more = t.occurrences - 1 - also.len();
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            writeln!(w, "  also at {}{more}", also.join(", "))?;
        }
        if let Some(text) = t.text {
            writeln!(w, "  {}", escape(text))?;
        }
        self.findings(w, t.findings)
    }

    fn key(&mut self, w: &mut dyn Write, k: &AuditedKey<'_>) -> io::Result<()> {
        if k.findings.is_empty() {
            return Ok(());
        }
        let previous = if k.previous {
            " (previous snapshot)"
        } else {
            ""
        };
        writeln!(
            w,
            "{}  {}, {}{previous}",
            k.place(),
            k.name(),
            escape(k.kind)
        )?;
        self.findings(w, k.findings)
    }

    fn error(&mut self, _w: &mut dyn Write, origin: &Origin, message: &str) -> io::Result<()> {
        crate::diag!("{}", error_line(origin, message));
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        let fired = s.rules_fired();
        if !fired.is_empty() {
            writeln!(w, "Rules:")?;
            let subject = s.subject();
            for (id, tokens, severity) in fired {
                let shown = self.paint(severity, &format!("{:<8}", severity.name()));
                writeln!(
                    w,
                    "  {shown}  {id:<24} {tokens} {subject}{}",
                    if tokens == 1 { "" } else { "s" }
                )?;
            }
        }
        writeln!(w, "{}", s.line())
    }
}

/// JSON Lines: one object per token (with its findings), one per unreadable input,
/// then one summary object.
#[derive(Default)]
pub struct JsonReport {
    /// One record, written out whole: serialising into memory is faster than many
    /// small writes through `dyn Write`.
    line: Vec<u8>,
}

impl JsonReport {
    fn write_line(&mut self, w: &mut dyn Write, record: &impl Serialize) -> io::Result<()> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, record)?;
        self.line.push(b'\n');
        w.write_all(&self.line)
    }
}

/// A token's JSON record (serialised straight from borrowed data: one per token, so
/// it is on the hot path of large runs).
#[derive(Serialize)]
struct TokenRecord<'a> {
    version: u32,
    #[serde(rename = "type")]
    kind: &'static str,
    source: String,
    line: usize,
    column: Option<usize>,
    fingerprint: &'a str,
    length: usize,
    alg: Option<&'a str>,
    occurrences: usize,
    locations: Vec<LocationRecord<'a>>,
    findings: Vec<FindingRecord<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    suppressed: &'a [Suppressed],
}

/// One occurrence: source, line, column and, for a token in a URL, its parameter.
#[derive(Serialize)]
struct LocationRecord<'a> {
    source: String,
    line: usize,
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url_parameter: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'a str>,
}

impl LocationRecord<'_> {
    fn of(o: &Origin) -> LocationRecord<'_> {
        LocationRecord {
            source: o.label(),
            line: o.line,
            column: o.column,
            url_parameter: o.url_parameter.as_deref(),
            encoding: o.encoding.as_deref(),
        }
    }
}

/// A finding in a token record.
#[derive(Serialize)]
struct FindingRecord<'a> {
    rule: &'static str,
    severity: &'static str,
    title: &'static str,
    message: &'a str,
    location: Option<&'a str>,
    fingerprint: &'a str,
}

impl FindingRecord<'_> {
    fn of(r: &Reported) -> FindingRecord<'_> {
        FindingRecord {
            rule: r.finding.rule.id,
            severity: r.finding.severity.name(),
            title: r.finding.rule.title,
            message: &r.finding.message,
            location: r.finding.location.as_deref(),
            fingerprint: &r.fingerprint,
        }
    }
}

/// A key's JSON record (`audit --jwks`).
#[derive(Serialize)]
struct KeyRecord<'a> {
    version: u32,
    #[serde(rename = "type")]
    kind: &'static str,
    source: String,
    snapshot: &'static str,
    index: usize,
    line: Option<usize>,
    end_line: Option<usize>,
    kid: Option<&'a str>,
    key_type: &'a str,
    thumbprint: Option<&'a str>,
    findings: Vec<FindingRecord<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    suppressed: &'a [Suppressed],
}

impl Report for JsonReport {
    fn key(&mut self, w: &mut dyn Write, k: &AuditedKey<'_>) -> io::Result<()> {
        let record = KeyRecord {
            version: JSON_VERSION,
            kind: "key",
            source: k.source.label(),
            snapshot: if k.previous { "previous" } else { "current" },
            index: k.index,
            line: k.lines.map(|l| l.0),
            end_line: k.lines.map(|l| l.1),
            kid: k.kid,
            key_type: k.kind,
            thumbprint: k.thumbprint,
            findings: k.findings.iter().map(FindingRecord::of).collect(),
            suppressed: k.suppressed,
        };
        self.write_line(w, &record)
    }

    fn token(&mut self, w: &mut dyn Write, t: &Audited<'_>) -> io::Result<()> {
        let first = t.first;
        let record = TokenRecord {
            version: JSON_VERSION,
            kind: "token",
            source: first.label(),
            line: first.line,
            column: first.column,
            fingerprint: t.fingerprint,
            length: t.length,
            alg: t.alg,
            occurrences: t.occurrences,
            locations: std::iter::once(first)
                .chain(t.others)
                .map(LocationRecord::of)
                .collect(),
            findings: t.findings.iter().map(FindingRecord::of).collect(),
            token: t.text,
            suppressed: t.suppressed,
        };
        self.write_line(w, &record)
    }

    fn error(&mut self, w: &mut dyn Write, origin: &Origin, message: &str) -> io::Result<()> {
        let record = json!({
            "version": JSON_VERSION,
            "type": "error",
            "source": origin.label(),
            "line": origin.line,
            "column": origin.column,
            "error": ErrorObject::new(Exit::Malformed, None, message),
        });
        self.write_line(w, &record)
    }

    fn finish(&mut self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        let mut record = json!({
            "version": JSON_VERSION,
            "type": "summary",
            "tokens": s.tokens,
            "occurrences": s.occurrences,
            "findings": s.findings,
            "by_rule": rule_counts(s),
            "by_severity": severity_counts(s),
            "suppressed": s.suppressed,
            "ignored_by_path": s.ignored_by_path,
            "errors": s.errors,
            "skipped": skipped_json(&s.skipped),
            "fail_on": s.fail_on.map(Severity::name),
            "failed": s.failed,
        });
        if s.key_sets > 0 {
            record["key_sets"] = s.key_sets.into();
            record["keys"] = s.keys.into();
        }
        serde_json::to_writer(&mut *w, &record)?;
        writeln!(w)
    }
}

/// SARIF 2.1.0: every rule in the registry, one result per finding of each token, with
/// the token's first occurrence as its location and the others as related locations.
/// Results are written as they come, so memory does not grow with the number of tokens:
/// the document's head goes out with the first result (or at the end), and the run's
/// `invocations` (whether it succeeded) and `properties` (the summary) come after its
/// `results`. A run that fails after the first result still ends the document, as an
/// unsuccessful invocation with the error as its notification.
#[derive(Default)]
pub struct SarifReport {
    /// The head has been written.
    started: bool,
    /// Results written so far.
    results: usize,
    /// One result, pretty-printed before it is indented into the document.
    buf: Vec<u8>,
}

impl SarifReport {
    pub fn new() -> SarifReport {
        SarifReport::default()
    }

    /// Writes the document up to the opening of `results`, once.
    fn start(&mut self, w: &mut dyn Write) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let head = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "jwtx",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": sarif_rules(),
                }},
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {
                    "STDIN": {"description": {"text": "jwtx's standard input, not a file: lines count from the start of the input"}},
                    "ARGUMENTS": {"description": {"text": "tokens given on jwtx's command line, not a file: line N is the Nth token argument"}},
                },
                "results": [],
            }],
        });
        let text = serde_json::to_string_pretty(&head)?;
        // `"results": []` is the run's last member: write up to and including its `[`.
        let open = text
            .rfind("\"results\": []")
            .map_or(text.len(), |i| i + "\"results\": [".len());
        w.write_all(&text.as_bytes()[..open])
    }

    /// Writes one result, indented as the document's other members are.
    fn write_result(&mut self, w: &mut dyn Write, result: &impl Serialize) -> io::Result<()> {
        self.buf.clear();
        serde_json::to_writer_pretty(&mut self.buf, result)?;
        let separator = if self.results == 0 { "\n" } else { ",\n" };
        self.results += 1;
        w.write_all(separator.as_bytes())?;
        w.write_all(INDENT.as_bytes())?;
        // JSON strings hold no raw line breaks, so every one starts a line of the value.
        let mut rest = &self.buf[..];
        while let Some(i) = memchr::memchr(b'\n', rest) {
            w.write_all(&rest[..=i])?;
            w.write_all(INDENT.as_bytes())?;
            rest = &rest[i + 1..];
        }
        w.write_all(rest)
    }
}

/// How deep a result sits in the document (`runs[0].results[i]`), in serde_json's
/// two-space pretty printing.
const INDENT: &str = "        ";

/// `alg-none` → `AlgNone`, the SARIF rule `name`.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn sarif_rules() -> Vec<Value> {
    RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": pascal_case(r.id),
                "shortDescription": {"text": r.title},
                "fullDescription": {"text": r.why},
                "help": {
                    "text": format!("{}\n\nReference: {}", r.fix, r.reference),
                    "markdown": format!("{}\n\n**Fix:** {}\n\n**Reference:** {}", r.why, r.fix, r.reference),
                },
                "defaultConfiguration": {"level": r.severity.sarif_level()},
                "properties": {
                    "tags": ["security", r.category],
                    "precision": "high",
                    "problem.severity": r.severity.sarif_level(),
                    "security-severity": r.severity.security_score(),
                },
            })
        })
        .collect()
}

/// A path as a relative URI with forward slashes.
fn uri(path: &str) -> String {
    let trimmed = path.strip_prefix("./").unwrap_or(path);
    trimmed
        .replace('\\', "/")
        .split('/')
        .map(percent_encode)
        .collect::<Vec<_>>()
        .join("/")
}

fn percent_encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The SARIF `physicalLocation` of one occurrence: the file and the region (line, and
/// the columns when --scan found the token), or a pseudo-artifact for standard input
/// (`stdin` under the base id `STDIN`) and for arguments (`arguments` under
/// `ARGUMENTS`, the line being the argument's position).
fn physical_location<'a>(o: &Origin, length: usize, snippet: &'a str) -> SarifPhysical<'a> {
    SarifPhysical {
        artifact_location: SarifArtifact::of(o.source.as_ref()),
        region: SarifRegion {
            start_line: o.line.max(1),
            snippet: SarifText { text: snippet },
            start_column: o.column,
            end_column: o.column.map(|column| column + length),
            // Lines count in the decoded text; the columns are where the encoded run starts.
            message: o.encoding.as_ref().map(|encoding| SarifText {
                text: format!("inside {encoding}"),
            }),
        },
    }
}

/// The SARIF `artifactLocation` of a source, as a JSON value.
fn artifact_location(source: Option<&Source>) -> Value {
    serde_json::to_value(SarifArtifact::of(source)).unwrap_or(Value::Null)
}

/// A SARIF result on a token, serialised straight from borrowed data (one per finding,
/// so it is on the hot path of large runs).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifTokenResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: SarifText<String>,
    locations: [SarifLocation<'a>; 1],
    partial_fingerprints: SarifFingerprints<'a>,
    properties: SarifTokenProperties<'a>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    related_locations: &'a [SarifRelated<'a>],
}

#[derive(Serialize)]
struct SarifText<T> {
    text: T,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    physical_location: &'a SarifPhysical<'a>,
    logical_locations: [SarifLogical<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLogical<'a> {
    name: &'a str,
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifPhysical<'a> {
    artifact_location: SarifArtifact,
    region: SarifRegion<'a>,
}

/// The SARIF `artifactLocation` of a source: a file (relative to `%SRCROOT%`, or a
/// `file://` URI), or the pseudo-artifacts `stdin` and `arguments`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifArtifact {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

impl SarifArtifact {
    fn of(source: Option<&Source>) -> SarifArtifact {
        let (uri, uri_base_id) = match source {
            Some(Source::File(path)) => {
                let path = path.display().to_string();
                if path.starts_with('/') {
                    (format!("file://{}", uri(&path)), None)
                } else {
                    (uri(&path), Some("%SRCROOT%"))
                }
            }
            Some(Source::Stdin) => ("stdin".to_owned(), Some("STDIN")),
            Some(Source::Argument) | None => ("arguments".to_owned(), Some("ARGUMENTS")),
        };
        SarifArtifact { uri, uri_base_id }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion<'a> {
    start_line: usize,
    snippet: SarifText<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<SarifText<String>>,
}

#[derive(Serialize)]
struct SarifFingerprints<'a> {
    #[serde(rename = "jwtxFinding/v1")]
    finding: &'a str,
}

#[derive(Serialize)]
struct SarifTokenProperties<'a> {
    severity: &'static str,
    token: &'a str,
    occurrences: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRelated<'a> {
    id: usize,
    physical_location: SarifPhysical<'a>,
    message: SarifText<&'static str>,
}

impl Report for SarifReport {
    /// One result per finding: the key set document (a file, or the URL) as artifact and
    /// the key's lines as region.
    fn key(&mut self, w: &mut dyn Write, k: &AuditedKey<'_>) -> io::Result<()> {
        let artifact = match k.source {
            SetSource::Input(source) => artifact_location(Some(source)),
            SetSource::Url(url) => json!({"uri": url}),
        };
        let name = k.name();
        let mut region = json!({"snippet": {"text": format!("{name}, {}", k.kind)}});
        if let Some((start, end)) = k.lines {
            region["startLine"] = start.into();
            region["endLine"] = end.into();
        } else {
            region["startLine"] = 1.into();
        }
        for r in k.findings {
            let f = &r.finding;
            let rule_index = RULES.iter().position(|x| x.id == f.rule.id).unwrap_or(0);
            let member = f
                .location
                .clone()
                .unwrap_or_else(|| format!("keys[{}]", k.index));
            let mut result = json!({
                "ruleId": f.rule.id,
                "ruleIndex": rule_index,
                "level": f.severity.sarif_level(),
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {"artifactLocation": artifact, "region": region},
                    "logicalLocations": [{
                        "name": member,
                        "fullyQualifiedName": format!("{}#{member}", k.source.label()),
                        "kind": "member",
                    }],
                }],
                "partialFingerprints": {"jwtxFinding/v1": r.fingerprint},
                "properties": {
                    "severity": f.severity.name(),
                    "snapshot": if k.previous { "previous" } else { "current" },
                },
            });
            if let Some(kid) = k.kid {
                result["properties"]["kid"] = kid.into();
            }
            if let Some(thumbprint) = k.thumbprint {
                result["properties"]["thumbprint"] = thumbprint.into();
            }
            self.start(w)?;
            self.write_result(w, &result)?;
        }
        Ok(())
    }

    fn token(&mut self, w: &mut dyn Write, t: &Audited<'_>) -> io::Result<()> {
        let snippet = match t.text {
            Some(text) => text.to_owned(),
            None => format!("token sha256:{}", t.fingerprint),
        };
        let first = t.first;
        let physical = physical_location(first, t.length, &snippet);
        // The other occurrences of the same token, for every result on it.
        let related: Vec<SarifRelated<'_>> = t
            .others
            .iter()
            .enumerate()
            .map(|(i, o)| SarifRelated {
                id: i + 1,
                physical_location: physical_location(o, t.length, &snippet),
                message: SarifText {
                    text: "another occurrence of the same token",
                },
            })
            .collect();
        let described = first.describe();
        for r in t.findings {
            let f = &r.finding;
            let rule_index = RULES.iter().position(|x| x.id == f.rule.id).unwrap_or(0);
            let name = f.location.as_deref().unwrap_or("token");
            let result = SarifTokenResult {
                rule_id: f.rule.id,
                rule_index,
                level: f.severity.sarif_level(),
                message: SarifText {
                    text: format!("{} ({})", f.message, snippet),
                },
                locations: [SarifLocation {
                    physical_location: &physical,
                    logical_locations: [SarifLogical {
                        name,
                        fully_qualified_name: format!("{described}#{name}"),
                        kind: "member",
                    }],
                }],
                partial_fingerprints: SarifFingerprints {
                    finding: &r.fingerprint,
                },
                properties: SarifTokenProperties {
                    severity: f.severity.name(),
                    token: t.fingerprint,
                    occurrences: t.occurrences,
                },
                related_locations: &related,
            };
            self.start(w)?;
            self.write_result(w, &result)?;
        }
        Ok(())
    }

    fn error(&mut self, _w: &mut dyn Write, origin: &Origin, message: &str) -> io::Result<()> {
        crate::diag!("{}", error_line(origin, message));
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        self.close(w, s, json!({"executionSuccessful": true}))
    }

    fn abort(&mut self, w: &mut dyn Write, s: &Summary, message: &str) -> io::Result<()> {
        if !self.started {
            // Nothing written: the error alone says what happened.
            return Ok(());
        }
        let invocation = json!({
            "executionSuccessful": false,
            "toolExecutionNotifications": [{
                "level": "error",
                "message": {"text": message},
            }],
        });
        self.close(w, s, invocation)
    }
}

impl SarifReport {
    /// Ends `results` and the document: the run's invocation and its summary.
    fn close(&mut self, w: &mut dyn Write, s: &Summary, invocation: Value) -> io::Result<()> {
        self.start(w)?;
        let properties = json!({
            "keySets": s.key_sets,
            "keys": s.keys,
            "tokens": s.tokens,
            "occurrences": s.occurrences,
            "findings": s.findings,
            "suppressed": s.suppressed,
            "skipped": skipped_json(&s.skipped),
            "failed": s.failed,
        });
        let properties = serde_json::to_string_pretty(&properties)?.replace('\n', "\n      ");
        let invocations = serde_json::to_string_pretty(&[invocation])?.replace('\n', "\n      ");
        if self.results > 0 {
            w.write_all(b"\n      ")?;
        }
        write!(
            w,
            "],\n      \"invocations\": {invocations},\n      \"properties\": {properties}\n    }}\n  ]\n}}\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("./logs/app log.txt"), "logs/app%20log.txt");
        assert_eq!(uri("src\\main.rs"), "src/main.rs");
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal_case("alg-none"), "AlgNone");
    }
}
