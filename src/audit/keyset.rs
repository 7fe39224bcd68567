//! `audit --jwks`: a published key set through the same policy, fingerprints, summary
//! and reports as tokens. The token core inspects the document, the key set rules
//! ([`rules::keyset`](super::rules::keyset)) judge it, and each key goes to the report
//! as one subject with its findings.

use std::io::{self, Write};

use super::policy::Policy;
use super::report::{AuditedKey, Report, SetSource, Summary};
use super::rules::keyset::{self, describe_kind};
use crate::token::claims::TimePolicy;
use crate::token::keys::inspect::{InspectedKey, InspectedSet, Lines};

/// A key set document and what the token core found in it.
pub struct SetDocument<'a> {
    pub source: &'a SetSource,
    /// The document's bytes, for line numbers.
    pub text: &'a [u8],
    pub set: &'a InspectedSet,
}

/// Audits `current` (against `previous`, when given) at the policy's instant and hands
/// each key with its findings to `report`.
pub fn audit(
    current: &SetDocument<'_>,
    previous: Option<&SetDocument<'_>>,
    time: &TimePolicy,
    policy: &Policy,
    report: &mut dyn Report,
    w: &mut dyn Write,
    summary: &mut Summary,
) -> io::Result<()> {
    let found = keyset::check(current.set, previous.map(|p| p.set), time);
    summary.key_sets += 1;
    let lines = Lines::new(current.text);
    for (key, findings) in current.set.keys.iter().zip(found.keys) {
        summary.keys += 1;
        emit(
            current, &lines, key, false, findings, policy, report, w, summary,
        )?;
    }
    if let Some(previous) = previous {
        let lines = Lines::new(previous.text);
        for (key, findings) in previous.set.keys.iter().zip(found.previous) {
            if !findings.is_empty() {
                emit(
                    previous, &lines, key, true, findings, policy, report, w, summary,
                )?;
            }
        }
    }
    Ok(())
}

/// The identity a key's findings are fingerprinted under: its thumbprint, or where it
/// sits when it has none (a secret's thumbprint would be a hash of the secret).
fn subject(key: &InspectedKey, thumbprint: Option<&str>) -> String {
    match thumbprint {
        Some(t) => format!("jwk:{t}"),
        None => format!("jwks:{}:{}", key.index, key.kid.text().unwrap_or_default()),
    }
}

#[allow(clippy::too_many_arguments)]
fn emit(
    doc: &SetDocument<'_>,
    lines: &Lines,
    key: &InspectedKey,
    previous: bool,
    findings: Vec<super::checks::Finding>,
    policy: &Policy,
    report: &mut dyn Report,
    w: &mut dyn Write,
    summary: &mut Summary,
) -> io::Result<()> {
    let thumbprint = key.thumbprint.clone();
    let identity = subject(key, thumbprint.as_deref());
    let applied = policy.apply(&identity, findings, summary);
    let kind = describe_kind(key);
    report.key(
        w,
        &AuditedKey {
            source: doc.source,
            previous,
            index: key.index,
            lines: key
                .span
                .map(|(start, end)| (lines.line_of(start), lines.line_of(end))),
            kid: key.kid.text(),
            kind: &kind,
            thumbprint: thumbprint.as_deref(),
            findings: &applied.reported,
            suppressed: &applied.suppressed,
        },
    )
}
