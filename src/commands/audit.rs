//! `jwtx audit`: review tokens, or files where tokens hide, and gate CI on the result.
//! Tokens are audited in bounded batches: per-token rules run in parallel, then the
//! weak-secret search goes candidate-major over every HS token of the batch, then the
//! batch is reported in input order.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{clock, leeway};
use crate::audit::checks::{self, Config, Finding, Profile};
use crate::audit::finder;
use crate::audit::registry::{self, RULES, Rule, Severity};
use crate::audit::report::{
    Audited, JsonReport, Origin, Report, Reported, SarifReport, Summary, TextReport,
};
use crate::audit::rules::secret;
use crate::audit::sensitive;
use crate::audit::weak::{self, Encoding, Search, Target};
use crate::cli::{AuditArgs, AuditFormat, AuditProfile, FailOn};
use crate::exit::{Exit, InputError, UsageError};
use crate::input::{Batch, Line, TokenStream, read_line_bounded};
use crate::output::{Printer, escape};
use crate::token::claims::TimePolicy;
use crate::token::keys::KeyError;
use crate::token::{Alg, AlgField, KeySet, Token, VerifyingKey, b64, roca, time};

/// Tokens audited per batch (and HS tokens per pass over a wordlist).
const BATCH: usize = 16_384;
/// Wordlist bytes read per chunk of candidates.
const WORDLIST_CHUNK: usize = 4 << 20;
/// Longer wordlist lines are skipped (no secret worth guessing is that long).
const MAX_CANDIDATE: usize = 4096;
/// HS tokens with a longer signing input are not searched for weak secrets: the cost
/// grows with the token, and such tokens are already reported as oversized.
const MAX_SEARCHED_INPUT: usize = 64 * 1024;

/// What turns findings into the report: ignored rules, re-ranked rules, the baseline.
struct Policy {
    ignored: HashSet<&'static str>,
    overrides: HashMap<&'static str, Severity>,
    baseline: HashSet<String>,
    reveal_secrets: bool,
    reveal_tokens: bool,
}

/// A token waiting to be audited.
struct Subject {
    origin: Origin,
    text: Result<String, String>,
    /// The parse already made while scanning (scan candidates are kept only if they
    /// parse), so a token is never parsed twice.
    parsed: Option<Token>,
}

pub fn run(args: AuditArgs, out: &mut Printer) -> Result<Exit> {
    let format = args.format();
    if args.list_rules {
        return list_rules(format, out);
    }
    let policy = Policy {
        ignored: ignored_rules(&args.ignore_rule)?,
        overrides: severity_overrides(&args.severity)?,
        baseline: match &args.baseline {
            Some(path) => read_baseline(path)?,
            None => HashSet::new(),
        },
        reveal_secrets: args.reveal_secrets,
        reveal_tokens: args.reveal_tokens,
    };
    let clock = clock(args.time.now.as_deref())?;
    let key_set = match &args.key {
        Some(path) => Some(load_key(path)?),
        None => None,
    };
    let config = Config {
        time: TimePolicy {
            clock,
            leeway: leeway(&args.time.leeway)?,
        },
        max_lifetime: time::parse_duration(&args.max_lifetime).context("--max-lifetime")?,
        profile: args.profile.map(|p| match p {
            AuditProfile::AccessToken => Profile::AccessToken,
            AuditProfile::IdToken => Profile::IdToken,
        }),
        confusion_keys: key_set.as_ref().map(confusion_keys).unwrap_or_default(),
        roca_keys: key_set.as_ref().map(roca_keys).unwrap_or_default(),
    };
    let fail_on = match args.fail_on {
        FailOn::Critical => Some(Severity::Critical),
        FailOn::High => Some(Severity::High),
        FailOn::Medium => Some(Severity::Medium),
        FailOn::Low => Some(Severity::Low),
        FailOn::Info => Some(Severity::Info),
        FailOn::None => None,
    };
    // The wordlist is read once per batch of tokens: a pipe or a FIFO could only be
    // read once, so such a wordlist is first copied to a temporary file.
    // Held (and deleted on drop) for the whole run.
    let mut _wordlist_copy: Option<tempfile::NamedTempFile> = None;
    let wordlist = match &args.wordlist {
        Some(path) => {
            let unreadable =
                |e: io::Error| InputError(format!("cannot read wordlist {}: {e}", path.display()));
            let mut file = File::open(path).map_err(unreadable)?;
            if file.metadata().map_err(unreadable)?.is_file() {
                Some(path.clone())
            } else {
                let mut copy = tempfile::NamedTempFile::new().map_err(unreadable)?;
                io::copy(&mut file, copy.as_file_mut()).map_err(unreadable)?;
                let copied = copy.path().to_owned();
                _wordlist_copy = Some(copy);
                Some(copied)
            }
        }
        None => None,
    };
    let mut source = if args.scan.is_empty() {
        Source::Tokens(TokenStream::open(&args.tokens)?, Batch::default())
    } else {
        Source::Scan(ScanQueue::new(&args.scan, &args.exclude)?)
    };

    let color = out.color && args.output.is_none();
    let mut report: Box<dyn Report> = match format {
        AuditFormat::Text => Box::new(TextReport { color }),
        AuditFormat::Json => Box::new(JsonReport),
        AuditFormat::Sarif => Box::new(SarifReport::new()),
    };
    let mut sink = Sink::open(args.output.as_deref())?;
    let mut summary = Summary {
        fail_on,
        ..Summary::default()
    };
    let engine = Engine {
        config: &config,
        policy: &policy,
        wordlist: wordlist.as_deref(),
    };
    let mut subjects = Vec::with_capacity(BATCH);
    loop {
        subjects.clear();
        source.fill(&mut subjects, BATCH)?;
        if subjects.is_empty() {
            break;
        }
        engine.audit_batch(&mut subjects, &mut *report, sink.writer(out), &mut summary)?;
    }
    if summary.tokens == 0 && summary.errors == 0 && args.scan.is_empty() {
        // Nothing was audited: fail without leaving a report behind.
        return Err(InputError("no token found in the input".into()).into());
    }
    report.finish(sink.writer(out), &summary)?;
    sink.commit(out)?;
    let mut exit = if summary.failed {
        Exit::Invalid
    } else {
        Exit::Ok
    };
    if summary.errors > 0 {
        exit = exit.worst(Exit::Malformed);
    }
    Ok(exit)
}

fn list_rules(format: AuditFormat, out: &mut Printer) -> Result<Exit> {
    match format {
        AuditFormat::Text => {
            out.line(&format!(
                "{:<26} {:<9} {:<10} TITLE",
                "ID", "SEVERITY", "CATEGORY"
            ))?;
            for r in RULES {
                out.line(&format!(
                    "{:<26} {:<9} {:<10} {}",
                    r.id,
                    r.severity.name(),
                    r.category,
                    r.title
                ))?;
            }
        }
        AuditFormat::Json | AuditFormat::Sarif => {
            for r in RULES {
                out.json_line(&serde_json::json!({
                    "version": crate::audit::report::JSON_VERSION,
                    "id": r.id,
                    "category": r.category,
                    "severity": r.severity.name(),
                    "title": r.title,
                    "why": r.why,
                    "fix": r.fix,
                    "reference": r.reference,
                }))?;
            }
        }
    }
    Ok(Exit::Ok)
}

fn known_rule(id: &str) -> Result<&'static str, UsageError> {
    registry::rule(id)
        .map(|r| r.id)
        .ok_or_else(|| UsageError(format!("unknown rule {id:?} (see jwtx audit --list-rules)")))
}

fn ignored_rules(ids: &[String]) -> Result<HashSet<&'static str>> {
    Ok(ids
        .iter()
        .map(|id| known_rule(id))
        .collect::<Result<_, _>>()?)
}

fn severity_overrides(specs: &[String]) -> Result<HashMap<&'static str, Severity>> {
    let mut map = HashMap::new();
    for spec in specs {
        let (id, level) = spec
            .split_once('=')
            .ok_or_else(|| UsageError(format!("--severity {spec:?} is not ID=LEVEL")))?;
        let level = level.parse::<Severity>().map_err(UsageError)?;
        map.insert(known_rule(id)?, level);
    }
    Ok(map)
}

/// The finding fingerprints recorded in an earlier `--format json` report.
fn read_baseline(path: &Path) -> Result<HashSet<String>> {
    let file = File::open(path)
        .map_err(|e| InputError(format!("cannot read baseline {}: {e}", path.display())))?;
    let mut set = HashSet::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line =
            line.map_err(|e| InputError(format!("cannot read baseline {}: {e}", path.display())))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = serde_json::from_str(&line).map_err(|e| {
            InputError(format!(
                "baseline {} line {}: not a jwtx JSON report ({e})",
                path.display(),
                n + 1
            ))
        })?;
        for f in record["findings"].as_array().into_iter().flatten() {
            if let Some(fp) = f["fingerprint"].as_str() {
                set.insert(fp.to_owned());
            }
        }
    }
    Ok(set)
}

/// The byte strings a careless verifier might use as the HMAC secret when handed this
/// public key: the file as given, the canonical PEM (with and without its final
/// newline), the DER and the JWK.
fn confusion_keys(set: &KeySet) -> Vec<(String, VerifyingKey)> {
    set.confusion_secrets()
        .into_iter()
        .filter_map(|(label, secret)| {
            VerifyingKey::from_secret(crate::token::Secret::new(secret))
                .ok()
                .map(|k| (label.to_owned(), k))
        })
        .collect()
}

/// `--key`, loaded once for the confusion and ROCA checks.
fn load_key(path: &Path) -> Result<KeySet> {
    let bytes = std::fs::read(path)
        .map_err(|e| KeyError::Unreadable(format!("{}: {e}", path.display())))?;
    KeySet::load(&bytes).with_context(|| format!("key {}", path.display()))
}

/// The RSA keys of `--key` whose modulus has the ROCA fingerprint, described.
fn roca_keys(set: &KeySet) -> Vec<String> {
    set.keys()
        .iter()
        .filter(|k| {
            k.spki_der()
                .and_then(|der| roca::spki_modulus(&der))
                .is_some_and(|n| roca::is_roca_modulus(&n))
        })
        .map(|k| match k.kid() {
            Some(kid) => format!("RSA key (kid {:?})", escape(kid)),
            None => "RSA key".to_owned(),
        })
        .collect()
}

/// Where subjects come from: a token list, or files scanned for tokens.
enum Source {
    Tokens(TokenStream, Batch),
    Scan(ScanQueue),
}

impl Source {
    fn fill(&mut self, subjects: &mut Vec<Subject>, max: usize) -> Result<()> {
        match self {
            Source::Tokens(stream, batch) => {
                if stream.next_batch(max, batch) {
                    for item in batch.iter() {
                        subjects.push(Subject {
                            origin: Origin {
                                source: item.source.to_owned(),
                                line: item.line,
                                column: None,
                                file: false,
                            },
                            text: item.text.map(str::to_owned).map_err(str::to_owned),
                            parsed: None,
                        });
                    }
                }
                Ok(())
            }
            Source::Scan(queue) => queue.fill(subjects, max),
        }
    }
}

/// Files (and standard input) still to scan.
struct ScanQueue {
    paths: std::collections::VecDeque<Result<PathBuf, String>>,
    stdin: bool,
    /// Subjects found but not yet handed out.
    ready: std::collections::VecDeque<Subject>,
}

/// Files scanned in parallel at a time.
const FILES_AT_ONCE: usize = 64;

impl ScanQueue {
    fn new(paths: &[PathBuf], excludes: &[String]) -> Result<ScanQueue> {
        let stdin = paths.iter().any(|p| p.as_os_str() == "-");
        let files: Vec<PathBuf> = paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .cloned()
            .collect();
        let walked = if files.is_empty() {
            Vec::new()
        } else {
            finder::walk(&files, excludes).map_err(|e| UsageError(format!("{e:#}")))?
        };
        Ok(ScanQueue {
            paths: walked.into(),
            stdin,
            ready: Default::default(),
        })
    }

    fn fill(&mut self, subjects: &mut Vec<Subject>, max: usize) -> Result<()> {
        while subjects.len() < max {
            if let Some(s) = self.ready.pop_front() {
                subjects.push(s);
                continue;
            }
            if self.stdin {
                self.stdin = false;
                let found = scan_one(None);
                self.ready.extend(found);
                continue;
            }
            if self.paths.is_empty() {
                break;
            }
            let n = self.paths.len().min(FILES_AT_ONCE);
            let group: Vec<Result<PathBuf, String>> = self.paths.drain(..n).collect();
            let found: Vec<Vec<Subject>> = group
                .into_par_iter()
                .map(|entry| match entry {
                    Ok(path) => scan_one(Some(&path)),
                    Err(message) => vec![Subject {
                        origin: Origin {
                            source: String::new(),
                            line: 0,
                            column: None,
                            file: false,
                        },
                        text: Err(message),
                        parsed: None,
                    }],
                })
                .collect();
            self.ready.extend(found.into_iter().flatten());
        }
        Ok(())
    }
}

/// Scans one file (or stdin) and keeps the candidates the token parser accepts.
fn scan_one(path: Option<&Path>) -> Vec<Subject> {
    let source = path.map_or_else(|| "stdin".to_owned(), |p| p.display().to_string());
    let reader: Box<dyn Read> = match path {
        Some(p) => match File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                return vec![Subject {
                    origin: Origin {
                        source: source.clone(),
                        line: 0,
                        column: None,
                        file: true,
                    },
                    text: Err(format!("cannot read {source}: {e}")),
                    parsed: None,
                }];
            }
        },
        None => Box::new(io::stdin()),
    };
    let mut subjects = Vec::new();
    let result = finder::scan_reader(reader, |found| {
        if let Ok(token) = Token::parse(&found.text) {
            subjects.push(Subject {
                origin: Origin {
                    source: source.clone(),
                    line: found.line,
                    column: Some(found.column),
                    file: path.is_some(),
                },
                text: Ok(found.text),
                parsed: Some(token),
            });
        }
    });
    if let Err(e) = result {
        subjects.push(Subject {
            origin: Origin {
                source: source.clone(),
                line: 0,
                column: None,
                file: path.is_some(),
            },
            text: Err(format!("cannot read {source}: {e}")),
            parsed: None,
        });
    }
    subjects
}

/// Report output: stdout; or for `--output`, a temporary file renamed over the target
/// only once the whole report is written (so a failed run leaves no partial report).
/// A symlink is followed and its target replaced; a FIFO or device, which cannot be
/// replaced, gets the whole report in one go at the end.
enum Sink {
    Stdout,
    File {
        temp: BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
        permissions: Option<std::fs::Permissions>,
    },
    Special {
        buffer: Vec<u8>,
        path: PathBuf,
    },
}

impl Sink {
    fn open(path: Option<&Path>) -> Result<Sink> {
        let Some(path) = path else {
            return Ok(Sink::Stdout);
        };
        let cannot = |e: io::Error| InputError(format!("cannot write {}: {e}", path.display()));
        // Follow a symlink to what it names; a dangling one is written through.
        let target = match std::fs::canonicalize(path) {
            Ok(real) => real,
            Err(_) => path.to_owned(),
        };
        let permissions = match std::fs::metadata(&target) {
            Ok(meta) if meta.is_dir() => {
                return Err(InputError(format!(
                    "cannot write {}: it is a directory",
                    path.display()
                ))
                .into());
            }
            Ok(meta) if !meta.is_file() => {
                return Ok(Sink::Special {
                    buffer: Vec::new(),
                    path: target,
                });
            }
            Ok(meta) => Some(meta.permissions()),
            Err(_) => None,
        };
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let temp = tempfile::NamedTempFile::new_in(dir).map_err(cannot)?;
        Ok(Sink::File {
            temp: BufWriter::new(temp),
            path: target,
            permissions,
        })
    }

    fn writer<'a>(&'a mut self, out: &'a mut Printer) -> &'a mut dyn Write {
        match self {
            Sink::Stdout => out,
            Sink::File { temp, .. } => temp,
            Sink::Special { buffer, .. } => buffer,
        }
    }

    fn commit(self, out: &mut Printer) -> Result<()> {
        match self {
            Sink::Stdout => out.flush().context("writing to standard output"),
            Sink::File {
                temp,
                path,
                permissions,
            } => {
                let cannot =
                    |e: io::Error| InputError(format!("cannot write {}: {e}", path.display()));
                let temp = temp.into_inner().map_err(|e| cannot(e.into_error()))?;
                // A replaced file keeps its mode; a new report gets the usual 0644 rather
                // than the temporary file's 0600.
                match permissions {
                    Some(p) => temp.as_file().set_permissions(p).map_err(cannot)?,
                    None => set_new_file_permissions(temp.as_file()).map_err(cannot)?,
                }
                temp.persist(&path).map_err(|e| cannot(e.error))?;
                Ok(())
            }
            Sink::Special { buffer, path } => {
                let cannot =
                    |e: io::Error| InputError(format!("cannot write {}: {e}", path.display()));
                let mut file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(&path)
                    .map_err(cannot)?;
                file.write_all(&buffer).map_err(cannot)?;
                file.flush().map_err(cannot)?;
                Ok(())
            }
        }
    }
}

#[cfg(unix)]
fn set_new_file_permissions(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_new_file_permissions(_file: &File) -> io::Result<()> {
    Ok(())
}

struct Engine<'a> {
    config: &'a Config,
    policy: &'a Policy,
    wordlist: Option<&'a Path>,
}

/// A parsed subject with its findings so far.
struct Checked {
    token: Token,
    fingerprint: String,
    findings: Vec<Finding>,
}

impl Engine<'_> {
    fn audit_batch(
        &self,
        subjects: &mut [Subject],
        report: &mut dyn Report,
        w: &mut dyn Write,
        summary: &mut Summary,
    ) -> Result<()> {
        let mut checked: Vec<Option<Result<Checked, String>>> = subjects
            .par_iter_mut()
            .map(|s| {
                Some(match &s.text {
                    Ok(text) => match s.parsed.take().map_or_else(|| Token::parse(text), Ok) {
                        Ok(token) => Ok(Checked {
                            fingerprint: fingerprint(text),
                            findings: checks::check(&token, self.config),
                            token,
                        }),
                        Err(e) => Err(e.to_string()),
                    },
                    Err(message) => Err(message.clone()),
                })
            })
            .collect();
        self.weak_secrets(&mut checked)?;
        for (subject, entry) in subjects.iter().zip(checked) {
            match entry {
                Some(Ok(c)) => self.emit(subject, c, report, w, summary)?,
                Some(Err(message)) => {
                    summary.errors += 1;
                    report.error(w, &subject.origin, &message)?;
                }
                None => {}
            }
        }
        Ok(())
    }

    fn emit(
        &self,
        subject: &Subject,
        checked: Checked,
        report: &mut dyn Report,
        w: &mut dyn Write,
        summary: &mut Summary,
    ) -> Result<()> {
        summary.tokens += 1;
        let mut reported = Vec::with_capacity(checked.findings.len());
        for mut finding in checked.findings {
            if self.policy.ignored.contains(finding.rule.id) {
                continue;
            }
            if let Some(&level) = self.policy.overrides.get(finding.rule.id) {
                finding.severity = level;
            }
            let fp = finding_fingerprint(&checked.fingerprint, &finding);
            if self.policy.baseline.contains(&fp) {
                summary.suppressed += 1;
                continue;
            }
            summary.count(finding.severity);
            reported.push(Reported {
                finding,
                fingerprint: fp,
            });
        }
        // Most severe first; the registry's order among equals.
        reported.sort_by_key(|r| {
            let index = RULES.iter().position(|x| x.id == r.finding.rule.id);
            (std::cmp::Reverse(r.finding.severity), index)
        });
        let alg = checked.token.alg().as_str().map(str::to_owned);
        let text = subject.text.as_deref().ok();
        report.token(
            w,
            &Audited {
                origin: &subject.origin,
                fingerprint: &checked.fingerprint,
                text: text.filter(|_| self.policy.reveal_tokens),
                length: text.map_or(0, str::len),
                alg: alg.as_deref(),
                findings: &reported,
            },
        )?;
        Ok(())
    }

    /// Runs the weak-secret search over every HS token of the batch: the empty secret,
    /// the built-in list, then the wordlist, each hit re-verified by the token core.
    fn weak_secrets(&self, checked: &mut [Option<Result<Checked, String>>]) -> Result<()> {
        let empty_on = !self.policy.ignored.contains(secret::HMAC_EMPTY_SECRET.id);
        let weak_on = !self.policy.ignored.contains(secret::HMAC_WEAK_SECRET.id);
        if !empty_on && !weak_on {
            return Ok(());
        }
        let targets: Vec<Target> = checked
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let c = c.as_ref()?.as_ref().ok()?;
                let alg = c.token.alg().known()?;
                if c.token.signing_input().len() > MAX_SEARCHED_INPUT {
                    return None;
                }
                Target::new(i, alg, c.token.signing_input(), c.token.signature())
            })
            .collect();
        if targets.is_empty() {
            return Ok(());
        }
        let mut search = Search::new(targets);
        if empty_on {
            for hit in search.offer(&[""]) {
                self.record_secret(
                    checked,
                    hit.target,
                    b"",
                    &secret::HMAC_EMPTY_SECRET,
                    "the empty secret",
                );
            }
        }
        if !weak_on {
            return Ok(());
        }
        let builtin = &*weak::BUILTIN;
        let base = search.offered();
        for hit in search.offer(builtin) {
            let secret = builtin[hit.candidate - base].as_bytes();
            self.record_candidate(checked, hit, secret, "the built-in list");
        }
        let Some(path) = self.wordlist else {
            return Ok(());
        };
        let file = File::open(path)
            .map_err(|e| InputError(format!("cannot read wordlist {}: {e}", path.display())))?;
        let mut reader = BufReader::with_capacity(1 << 20, file);
        let unreadable =
            |e: io::Error| InputError(format!("cannot read wordlist {}: {e}", path.display()));
        // One arena of candidates, about WORDLIST_CHUNK bytes at a time, with each
        // candidate's range and line number: no allocation per candidate.
        let mut arena: Vec<u8> = Vec::with_capacity(WORDLIST_CHUNK + MAX_CANDIDATE);
        let mut ranges: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
        let mut line = Vec::with_capacity(256);
        let mut number = 0usize;
        while search.pending() {
            arena.clear();
            ranges.clear();
            while arena.len() < WORDLIST_CHUNK {
                match read_line_bounded(&mut reader, &mut line, MAX_CANDIDATE)
                    .map_err(unreadable)?
                {
                    Line::Eof => break,
                    Line::TooLong => number += 1,
                    Line::Read => {
                        number += 1;
                        let text = line.strip_suffix(b"\n").unwrap_or(&line);
                        let text = text.strip_suffix(b"\r").unwrap_or(text);
                        let start = arena.len();
                        arena.extend_from_slice(text);
                        ranges.push((start..arena.len(), number));
                    }
                }
            }
            if ranges.is_empty() {
                break;
            }
            let lines: Vec<&[u8]> = ranges.iter().map(|(r, _)| &arena[r.clone()]).collect();
            let base = search.offered();
            for hit in search.offer(&lines) {
                let i = hit.candidate - base;
                let from = format!("the wordlist (line {})", ranges[i].1);
                self.record_candidate(checked, hit, lines[i], &from);
            }
        }
        Ok(())
    }

    fn record_candidate(
        &self,
        checked: &mut [Option<Result<Checked, String>>],
        hit: weak::Hit,
        text: &[u8],
        from: &str,
    ) {
        let secret: Vec<u8> = match hit.encoding {
            Encoding::Text => text.to_vec(),
            Encoding::Base64Decoded => {
                let mut decoded = Vec::new();
                if !weak::decode_base64(text, &mut decoded) {
                    return;
                }
                decoded
            }
        };
        let shown = String::from_utf8_lossy(text);
        let shown = if self.policy.reveal_secrets {
            format!("{:?}", escape(&shown))
        } else {
            sensitive::mask(&shown)
        };
        let how = match hit.encoding {
            Encoding::Text => "as text".to_owned(),
            Encoding::Base64Decoded => "base64-decoded".to_owned(),
        };
        let description = format!("{shown} from {from}, {how}");
        self.record_secret(
            checked,
            hit.target,
            &secret,
            &secret::HMAC_WEAK_SECRET,
            &description,
        );
    }

    /// Re-verifies a guessed secret through the token core and, if it holds, adds the
    /// finding to its token.
    fn record_secret(
        &self,
        checked: &mut [Option<Result<Checked, String>>],
        target: usize,
        secret: &[u8],
        rule: &'static Rule,
        description: &str,
    ) {
        let Some(Some(Ok(c))) = checked.get_mut(target) else {
            return;
        };
        let AlgField::Known(alg) = *c.token.alg() else {
            return;
        };
        if !matches!(alg, Alg::HS256 | Alg::HS384 | Alg::HS512)
            || !VerifyingKey::hmac_matches(
                secret,
                alg,
                c.token.signing_input(),
                c.token.signature(),
            )
        {
            return;
        }
        c.findings.push(Finding {
            rule,
            severity: rule.severity,
            message: format!(
                "the {alg} signature verifies with {description}: anyone can forge tokens"
            ),
            location: Some("signature".into()),
        });
    }
}

/// The first 12 hex digits of the token's SHA-256.
fn fingerprint(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    let mut hex = String::with_capacity(12);
    for b in &digest[..6] {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// A finding's stable identity: the token, the rule and where in the token.
fn finding_fingerprint(token_fp: &str, finding: &Finding) -> String {
    let mut hasher = Sha256::new();
    hasher.update(token_fp.as_bytes());
    hasher.update([0]);
    hasher.update(finding.rule.id.as_bytes());
    hasher.update([0]);
    hasher.update(finding.location.as_deref().unwrap_or("").as_bytes());
    let digest = hasher.finalize();
    b64::encode(&digest[..12])
}
