//! The audit engine: runs the per-token checks over a batch in parallel, then the
//! weak-secret search over every HS token of the batch, then applies the policy
//! (ignored rules, re-ranked severities, the baseline) and reports the batch in input
//! order.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;

use super::checks::{self, Config, Finding};
use super::fingerprint;
use super::policy::Policy;
use super::registry::RULES;
use super::report::{Audited, Report, Reported, Summary};
use super::rules::exposure::{TOKEN_IN_URL, in_url_message};
use super::rules::secret::{SecretSearch, Suspect};
use super::scan::Subject;
use crate::token::Token;

/// Tokens audited per batch (and HS tokens per pass over a wordlist).
pub const BATCH: usize = 16_384;

/// What an audit run needs besides its tokens.
pub struct Engine<'a> {
    pub config: &'a Config,
    pub policy: &'a Policy,
    /// `--wordlist`, as a regular file the search may read once per batch.
    pub wordlist: Option<&'a Path>,
}

/// A parsed subject with its findings so far.
struct Checked {
    token: Token,
    fingerprint: String,
    findings: Vec<Finding>,
}

impl Engine<'_> {
    /// Audits one batch and reports it, in input order.
    pub fn audit_batch(
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
                            fingerprint: fingerprint::token(text),
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
        let mut findings = checked.findings;
        if let Some(parameter) = &subject.origin.url_parameter {
            findings.push(Finding {
                rule: &TOKEN_IN_URL,
                severity: TOKEN_IN_URL.severity,
                message: in_url_message(parameter, 1, 1),
                location: None,
            });
        }
        let mut reported = Vec::with_capacity(findings.len());
        for mut finding in findings {
            if self.policy.ignores(finding.rule) {
                continue;
            }
            if let Some(level) = self.policy.severity(finding.rule) {
                finding.severity = level;
            }
            let fp = fingerprint::finding(&checked.fingerprint, &finding);
            if self.policy.in_baseline(&fp) {
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

    /// Runs the weak-secret search over every HS token of the batch.
    fn weak_secrets(&self, checked: &mut [Option<Result<Checked, String>>]) -> Result<()> {
        let search = SecretSearch {
            empty: !self
                .policy
                .ignores(&super::rules::secret::HMAC_EMPTY_SECRET),
            weak: !self.policy.ignores(&super::rules::secret::HMAC_WEAK_SECRET),
            reveal: self.policy.reveal_secrets,
            wordlist: self.wordlist,
        };
        let mut suspects: Vec<Suspect<'_>> = checked
            .iter_mut()
            .filter_map(|c| c.as_mut()?.as_mut().ok())
            .map(|c| Suspect {
                token: &c.token,
                findings: &mut c.findings,
            })
            .collect();
        search.run(&mut suspects)
    }
}
