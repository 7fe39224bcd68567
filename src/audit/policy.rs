//! What turns findings into the report: ignored rules (everywhere, or by path), re-ranked
//! rules, the baseline of findings already known, and what a report may reveal.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader};

use anyhow::Result;
use serde::Serialize;
use serde_json::Value;

use super::checks::Finding;
use super::fingerprint;
use super::paths::PathIgnores;
use super::registry::RULES;
use super::registry::{Rule, Severity, SeverityOverride};
use super::report::{Reported, Summary};
use crate::exit::InputError;
use crate::input::Source;

/// One subject's findings after [`Policy::apply`].
pub struct Applied {
    /// What the report shows.
    pub reported: Vec<Reported>,
    /// The findings the baseline suppressed, by fingerprint: a report records them so
    /// that `audit --merge` counts a token's suppressed findings once, whatever the number
    /// of shards it was found in, and a report used as a baseline still suppresses them.
    pub suppressed: Vec<Suppressed>,
}

/// A finding the baseline suppressed, as a JSON report names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    pub rule: &'static str,
    pub fingerprint: String,
}

pub struct Policy {
    ignored: HashSet<&'static str>,
    overrides: HashMap<&'static str, Severity>,
    /// Finding fingerprints to suppress.
    baseline: HashSet<String>,
    /// Show found HMAC secrets in full.
    pub reveal_secrets: bool,
    /// Show whole tokens instead of their fingerprints.
    pub reveal_tokens: bool,
    /// Rules ignored where tokens were found (jwtx.toml's `[[audit.ignore-path]]`).
    pub paths: PathIgnores,
}

impl Policy {
    /// Applies the policy to one subject's findings (ignored rules, re-ranked severities,
    /// the baseline, by fingerprints made from `identity`), counts what is left in
    /// `summary`, and returns it most severe first, in the registry's order among equals,
    /// with the sorted fingerprints of the findings the baseline suppressed.
    pub fn apply(&self, identity: &str, findings: Vec<Finding>, summary: &mut Summary) -> Applied {
        let mut reported = Vec::with_capacity(findings.len());
        let mut suppressed = Vec::new();
        for mut finding in findings {
            if self.ignores(finding.rule) {
                continue;
            }
            if let Some(level) = self.severity(finding.rule) {
                finding.severity = level;
            }
            let fp = fingerprint::finding(identity, &finding);
            if self.in_baseline(&fp) {
                summary.suppressed += 1;
                suppressed.push(Suppressed {
                    fingerprint: fp,
                    rule: finding.rule.id,
                });
                continue;
            }
            summary.count(finding.severity);
            reported.push(Reported {
                finding,
                fingerprint: fp,
            });
        }
        summary.count_rules(&reported);
        reported.sort_by_key(|r| {
            let index = RULES.iter().position(|x| x.id == r.finding.rule.id);
            (std::cmp::Reverse(r.finding.severity), index)
        });
        suppressed.sort_unstable_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
        Applied {
            reported,
            suppressed,
        }
    }

    pub fn new(
        ignored: &[&'static Rule],
        overrides: &[SeverityOverride],
        baseline: HashSet<String>,
    ) -> Policy {
        Policy {
            ignored: ignored.iter().map(|r| r.id).collect(),
            // The last override of a rule wins.
            overrides: overrides.iter().map(|o| (o.rule.id, o.level)).collect(),
            baseline,
            reveal_secrets: false,
            reveal_tokens: false,
            paths: PathIgnores::default(),
        }
    }

    /// Whether findings of `rule` are left out of the report.
    pub fn ignores(&self, rule: &Rule) -> bool {
        self.ignores_id(rule.id)
    }

    /// Whether findings of the rule with this id are left out of the report.
    pub fn ignores_id(&self, id: &str) -> bool {
        self.ignored.contains(id)
    }

    /// The severity `rule` was re-ranked to, if it was.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        self.overrides.get(rule.id).copied()
    }

    /// Whether a finding with this fingerprint was recorded in the baseline.
    pub fn in_baseline(&self, fingerprint: &str) -> bool {
        self.baseline.contains(fingerprint)
    }
}

/// The finding fingerprints recorded in an earlier `--format json` report, read from a
/// file or standard input.
pub fn read_baseline(source: &Source) -> Result<HashSet<String>> {
    let name = source.label();
    let unreadable = |e: std::io::Error| InputError(format!("cannot read baseline {name}: {e}"));
    let reader: Box<dyn BufRead> = match source {
        Source::File(path) => Box::new(BufReader::new(File::open(path).map_err(unreadable)?)),
        Source::Stdin => Box::new(std::io::stdin().lock()),
        Source::Argument => Box::new(std::io::empty()),
    };
    let mut set = HashSet::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(unreadable)?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = serde_json::from_str(&line).map_err(|e| {
            InputError(format!(
                "baseline {name} line {}: not a jwtx JSON report ({e})",
                n + 1
            ))
        })?;
        for f in record["findings"].as_array().into_iter().flatten() {
            if let Some(fp) = f["fingerprint"].as_str() {
                set.insert(fp.to_owned());
            }
        }
        // What that report's own baseline suppressed is still known.
        for s in record["suppressed"].as_array().into_iter().flatten() {
            if let Some(fp) = s["fingerprint"].as_str() {
                set.insert(fp.to_owned());
            }
        }
    }
    Ok(set)
}
