//! `jwtx audit --merge`: several JSON reports (one per shard of a tree too large for one
//! process) combined into the report one run over the whole tree would have written.
//!
//! The same token found in several shards becomes one token: occurrences summed,
//! locations joined (sorted as the scan walks: by path, then line and column, at most
//! [`MAX_LOCATIONS`]), findings joined by their fingerprints. `token-in-url` is worked out
//! again from the joined locations, since its message counts occurrences. The policy of
//! the merging run (ignored rules, re-ranked severities, the baseline, `--fail-on`) is
//! applied again, so a gate can be set at the merge.
//!
//! Tokens are matched by fingerprint, length and `alg`, also in reports written with
//! `--reveal-tokens` (whose tokens are kept).

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Deserialize;

use super::checks::Finding;
use super::engine::MAX_LOCATIONS;
use super::fingerprint;
use super::policy::{Policy, Suppressed};
use super::registry::{Severity, known_rule};
use super::report::{Audited, Origin, Report, Summary};
use super::rules::exposure::{TOKEN_IN_URL, in_url_message};
use crate::exit::InputError;
use crate::input::Source;
use crate::output::JSON_VERSION;

/// What every line of a JSON report starts with.
#[derive(Deserialize)]
struct Head {
    version: u32,
    #[serde(rename = "type")]
    kind: String,
}

/// A token line: the fields a merge reads.
#[derive(Deserialize)]
struct TokenRecord {
    fingerprint: String,
    length: usize,
    alg: Option<String>,
    occurrences: usize,
    locations: Vec<LocationRecord>,
    findings: Vec<FindingRecord>,
    #[serde(default)]
    token: Option<String>,
    /// Findings the shard's baseline suppressed (absent from earlier jwtx's reports).
    #[serde(default)]
    suppressed: Vec<SuppressedRecord>,
}

#[derive(Deserialize)]
struct SuppressedRecord {
    rule: String,
    fingerprint: String,
}

/// An unreadable input's line.
#[derive(Deserialize)]
struct ErrorLine {
    #[serde(default)]
    source: String,
    #[serde(default)]
    line: usize,
    #[serde(default)]
    column: Option<usize>,
    error: ErrorRecord,
}

/// The summary line: what is not worked out again from the tokens.
#[derive(Deserialize)]
struct SummaryRecord {
    suppressed: usize,
    #[serde(default)]
    ignored_by_path: usize,
    #[serde(default)]
    skipped: SkippedRecord,
}

#[derive(Deserialize)]
struct LocationRecord {
    source: String,
    line: usize,
    column: Option<usize>,
    #[serde(default)]
    url_parameter: Option<String>,
    #[serde(default)]
    encoding: Option<String>,
}

#[derive(Deserialize)]
struct FindingRecord {
    rule: String,
    severity: String,
    message: String,
    location: Option<String>,
}

#[derive(Deserialize)]
struct ErrorRecord {
    message: String,
}

#[derive(Deserialize, Default)]
struct SkippedRecord {
    #[serde(default)]
    compressed: usize,
    #[serde(default)]
    unreadable: usize,
    #[serde(default)]
    decompressed_over_cap: usize,
}

/// How reports name a source, back to the [`Source`] it was.
fn source_of(label: &str) -> Source {
    match label {
        "stdin" => Source::Stdin,
        "argument" => Source::Argument,
        _ => Source::File(PathBuf::from(label)),
    }
}

fn origin_of(l: LocationRecord) -> Origin {
    Origin {
        source: (!l.source.is_empty()).then(|| source_of(&l.source)),
        line: l.line,
        column: l.column,
        url_parameter: l.url_parameter,
        encoding: l.encoding,
    }
}

/// The order a scan walks in: arguments, standard input, then files by path (component
/// by component, as the walker sorts), then line and column.
fn walk_order(o: &Origin) -> (u8, Option<&Path>, usize, usize) {
    let (rank, path) = match &o.source {
        Some(Source::Argument) => (0, None),
        Some(Source::Stdin) => (1, None),
        Some(Source::File(p)) => (2, Some(p.as_path())),
        None => (3, None),
    };
    (rank, path, o.line, o.column.unwrap_or(0))
}

/// A token as merged so far.
struct Merged {
    fingerprint: String,
    text: Option<String>,
    length: usize,
    alg: Option<String>,
    occurrences: usize,
    locations: Vec<Origin>,
    /// By finding fingerprint, in the order first seen.
    findings: Vec<(String, Finding)>,
    /// The findings the shards' baselines suppressed, each once.
    suppressed: Vec<Suppressed>,
}

/// What the reports held.
#[derive(Default)]
pub struct Merge {
    tokens: Vec<Merged>,
    by_key: HashMap<(String, usize, Option<String>), usize>,
    errors: Vec<(Origin, String)>,
    /// The suppressions the reports' summaries count.
    suppressed: usize,
    /// The suppressions their token records name (each once per record).
    listed: usize,
    ignored_by_path: usize,
    skipped: super::scan::Skipped,
}

impl Merge {
    /// Reads one JSON report (JSON Lines as `jwtx audit --format json` writes them).
    pub fn read(&mut self, source: &Source) -> Result<()> {
        let name = source.label();
        let unreadable = |e: io::Error| InputError(format!("cannot read report {name}: {e}"));
        let reader: Box<dyn BufRead> = match source {
            Source::File(path) => Box::new(BufReader::new(File::open(path).map_err(unreadable)?)),
            Source::Stdin => Box::new(io::stdin().lock()),
            Source::Argument => Box::new(io::empty()),
        };
        let mut summaries = 0;
        let (mut counted, mut listed) = (0, 0);
        for (n, line) in reader.lines().enumerate() {
            let line = line.map_err(unreadable)?;
            if line.trim().is_empty() {
                continue;
            }
            let bad = |why: String| {
                InputError(format!(
                    "report {name} line {}: not a jwtx JSON report ({why})",
                    n + 1
                ))
            };
            let value: serde_json::Value =
                serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
            let head: Head = Head::deserialize(&value).map_err(|e| bad(e.to_string()))?;
            if head.version != JSON_VERSION {
                return Err(
                    bad(format!("version {}, expected {JSON_VERSION}", head.version)).into(),
                );
            }
            match head.kind.as_str() {
                "token" => {
                    let record =
                        TokenRecord::deserialize(&value).map_err(|e| bad(e.to_string()))?;
                    listed += record.suppressed.len();
                    self.add_token(record).map_err(bad)?;
                }
                "error" => {
                    let record = ErrorLine::deserialize(&value).map_err(|e| bad(e.to_string()))?;
                    let origin = origin_of(LocationRecord {
                        source: record.source,
                        line: record.line,
                        column: record.column,
                        url_parameter: None,
                        encoding: None,
                    });
                    self.errors.push((origin, record.error.message));
                }
                "summary" => {
                    let record =
                        SummaryRecord::deserialize(&value).map_err(|e| bad(e.to_string()))?;
                    summaries += 1;
                    counted += record.suppressed;
                    self.ignored_by_path += record.ignored_by_path;
                    let s = record.skipped;
                    self.skipped.compressed += s.compressed;
                    self.skipped.unreadable += s.unreadable;
                    self.skipped.decompressed_over_cap += s.decompressed_over_cap;
                }
                "key" => {
                    return Err(bad(
                        "a key-set report (audit --jwks); only token reports are merged".into(),
                    )
                    .into());
                }
                other => return Err(bad(format!("unknown record type {other:?}")).into()),
            }
        }
        if summaries == 0 {
            // A report cut short (a shard that failed midway) must not pass for a whole one.
            return Err(InputError(format!(
                "report {name} has no summary line: it is not a whole jwtx JSON report"
            ))
            .into());
        }
        if listed > counted {
            return Err(InputError(format!(
                "report {name} names {listed} suppressed findings on its tokens but its summary counts {counted}: it is not a whole jwtx JSON report"
            ))
            .into());
        }
        if counted > 0 && listed == 0 {
            crate::diag!(
                "jwtx: warning: report {name} does not name its suppressed findings (an earlier jwtx wrote it): one suppressed in several shards is counted once per shard"
            );
        }
        self.suppressed += counted;
        self.listed += listed;
        Ok(())
    }

    fn add_token(&mut self, record: TokenRecord) -> Result<(), String> {
        // Shards written with and without --reveal-tokens name one token alike.
        let key = (
            record.fingerprint.clone(),
            record.length,
            record.alg.clone(),
        );
        let index = match self.by_key.get(&key) {
            Some(&i) => i,
            None => {
                self.tokens.push(Merged {
                    fingerprint: record.fingerprint.clone(),
                    text: record.token.clone(),
                    length: record.length,
                    alg: record.alg.clone(),
                    occurrences: 0,
                    locations: Vec::new(),
                    findings: Vec::new(),
                    suppressed: Vec::new(),
                });
                self.by_key.insert(key, self.tokens.len() - 1);
                self.tokens.len() - 1
            }
        };
        let merged = &mut self.tokens[index];
        if merged.text.is_none() {
            merged.text.clone_from(&record.token);
        }
        // The shards' summaries counted each suppression once per shard; this token's
        // are counted once, as a single run would (see `write`).
        for s in record.suppressed {
            if !merged
                .suppressed
                .iter()
                .any(|k| k.fingerprint == s.fingerprint)
            {
                merged.suppressed.push(Suppressed {
                    rule: known_rule(&s.rule)?.id,
                    fingerprint: s.fingerprint,
                });
            }
        }
        merged.occurrences += record.occurrences.max(1);
        merged
            .locations
            .extend(record.locations.into_iter().map(origin_of));
        for f in record.findings {
            let rule = known_rule(&f.rule)?;
            if std::ptr::eq(rule, &TOKEN_IN_URL) {
                // Worked out again from the joined locations.
                continue;
            }
            let severity: Severity = f.severity.parse()?;
            let finding = Finding {
                rule,
                severity,
                message: f.message,
                location: f.location,
            };
            // The finding as first reported, before any re-ranking: its identity.
            let id = fingerprint::finding(&merged.fingerprint, &finding);
            if !merged.findings.iter().any(|(known, _)| *known == id) {
                merged.findings.push((id, finding));
            }
        }
        Ok(())
    }

    /// Writes the merged report: each token once, in the order a single scan would have
    /// found them, then the inputs that could not be read.
    pub fn write(
        mut self,
        policy: &Policy,
        report: &mut dyn Report,
        w: &mut dyn Write,
        summary: &mut Summary,
    ) -> Result<()> {
        for t in &mut self.tokens {
            t.locations
                .sort_by(|a, b| walk_order(a).cmp(&walk_order(b)));
            t.locations.truncate(MAX_LOCATIONS);
        }
        fn first(t: &Merged) -> Option<(u8, Option<&Path>, usize, usize)> {
            t.locations.first().map(walk_order)
        }
        self.tokens.sort_by(|a, b| first(a).cmp(&first(b)));
        // What the summaries counted, less what the token records name: suppressions
        // outside token records. Each token's are added back once below.
        summary.suppressed += self.suppressed - self.listed;
        for t in &self.tokens {
            let known = |id: &str| t.suppressed.iter().any(|s| s.fingerprint == id);
            let mut findings: Vec<Finding> = t
                .findings
                .iter()
                .filter(|(id, _)| !known(id))
                .map(|(_, f)| f.clone())
                .collect();
            let in_url: Vec<&Origin> = t
                .locations
                .iter()
                .filter(|o| o.url_parameter.is_some())
                .collect();
            if let Some(parameter) = in_url.first().and_then(|o| o.url_parameter.as_deref()) {
                let finding = Finding {
                    rule: &TOKEN_IN_URL,
                    severity: TOKEN_IN_URL.severity,
                    message: in_url_message(parameter, in_url.len(), t.occurrences),
                    location: None,
                };
                // A shard's baseline that suppressed it suppressed it for every shard.
                if !known(&fingerprint::finding(&t.fingerprint, &finding)) {
                    findings.push(finding);
                }
            }
            let mut applied = policy.apply(&t.fingerprint, findings, summary);
            // The shards' suppressions of rules this run ignores are gone, as in one run.
            let mut suppressed: Vec<Suppressed> = t
                .suppressed
                .iter()
                .filter(|s| !policy.ignores_id(s.rule))
                .cloned()
                .collect();
            summary.suppressed += suppressed.len();
            suppressed.append(&mut applied.suppressed);
            suppressed.sort_unstable_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
            summary.tokens += 1;
            summary.occurrences += t.occurrences;
            let none = Origin::none();
            let (first, others) = match t.locations.split_first() {
                Some((first, others)) => (first, others),
                None => (&none, &[][..]),
            };
            report.token(
                w,
                &Audited {
                    first,
                    others,
                    occurrences: t.occurrences,
                    fingerprint: &t.fingerprint,
                    text: t.text.as_deref(),
                    length: t.length,
                    alg: t.alg.as_deref(),
                    findings: &applied.reported,
                    suppressed: &suppressed,
                },
            )?;
        }
        self.errors
            .sort_by(|(a, _), (b, _)| walk_order(a).cmp(&walk_order(b)));
        for (origin, message) in &self.errors {
            summary.errors += 1;
            report.error(w, origin, message)?;
        }
        summary.skipped = self.skipped;
        summary.ignored_by_path += self.ignored_by_path;
        Ok(())
    }
}
