//! The audit engine: groups the occurrences of each token, runs the per-token checks
//! over the tokens new in a batch in parallel, then the weak-secret search over every new
//! HS token of the batch, then applies the policy (ignored rules, re-ranked severities,
//! the baseline) and reports each token once, with its occurrences, in the order of
//! their first occurrence.
//!
//! # Grouping and memory
//!
//! A token seen again costs a hash and a lookup: it is added to its group, never parsed
//! or checked again. Groups wait in a queue, by first occurrence, until
//! [`PENDING_MAX`] newer tokens have arrived or the input ends, and are then reported
//! and forgotten. So a run holds at most about `PENDING_MAX + BATCH` groups, each with at
//! most [`MAX_LOCATIONS`] locations (the count stays exact); a token that comes back
//! after its group was reported starts a new group and is reported again.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Write;
use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;

use super::checks::{self, Config, Finding};
use super::cookie::{self, CookieSearch};
use super::fingerprint::{self, Identity};
use super::nested::{self, Decryption};
use super::paths::Mask;
use super::policy::Policy;
use super::report::{Audited, Origin, Report, Summary};
use super::rules::exposure::{TOKEN_IN_URL, in_url_message};
use super::rules::secret::{SecretSearch, Suspect};
use super::scan::Subject;
use crate::token::Token;

/// Tokens audited per batch (and HS tokens per pass over a wordlist).
pub const BATCH: usize = 1_024;

/// Groups held back before the oldest is reported.
pub const PENDING_MAX: usize = 16_384;

/// Locations kept per token (its occurrence count is exact beyond it).
pub const MAX_LOCATIONS: usize = 1_000;

/// What an audit run needs besides its tokens.
pub struct Engine<'a> {
    pub config: &'a Config,
    pub policy: &'a Policy,
    /// `--wordlist`, as a regular file the search may read once per batch.
    pub wordlist: Option<&'a Path>,
    /// `--decrypt-key`, a JWE secret or `--preset`: JWEs are opened and their content
    /// audited too (see [`nested`]).
    pub decryption: Option<&'a Decryption>,
}

/// One token and where it was seen.
struct Group {
    fingerprint: String,
    /// The token, only with `--reveal-tokens`.
    text: Option<String>,
    length: usize,
    alg: Option<String>,
    findings: Vec<Finding>,
    /// The first occurrence (kept inline: most tokens occur once), then the others, up
    /// to [`MAX_LOCATIONS`] in all.
    first: Origin,
    others: Vec<Origin>,
    occurrences: usize,
    /// Occurrences as the value of a URL parameter, and the first such parameter.
    in_url: usize,
    parameter: Option<String>,
    /// With rules ignored by path: each distinct mask of the token's locations, with
    /// its occurrence count and first location (so the count stays exact beyond
    /// [`MAX_LOCATIONS`]).
    masks: Vec<(Mask, usize, Origin)>,
}

impl Group {
    /// Counts an occurrence under its path mask (only when rules are ignored by path).
    fn add_mask(&mut self, mask: Mask, origin: &Origin) {
        match self.masks.iter_mut().find(|(m, _, _)| *m == mask) {
            Some((_, count, _)) => *count += 1,
            None => self.masks.push((mask, 1, origin.clone())),
        }
    }

    fn add(&mut self, origin: Origin) {
        self.occurrences += 1;
        if let Some(p) = &origin.url_parameter {
            self.in_url += 1;
            self.parameter.get_or_insert_with(|| p.clone());
        }
        if self.occurrences == 1 {
            self.first = origin;
        } else if self.others.len() + 1 < MAX_LOCATIONS {
            self.others.push(origin);
        }
    }
}

/// A report entry waiting its turn. Groups are boxed: the queue holds up to
/// [`PENDING_MAX`] entries and its spare capacity should cost a pointer each, not a
/// group.
enum Entry {
    Token(Box<Group>),
    /// A token that could not be parsed (each occurrence reported), or an input that
    /// could not be read.
    Error(Vec<Origin>, String),
    /// A token added in the current batch, not yet checked.
    Unchecked(Box<Group>),
}

/// Hashes an [`Identity`], itself a cryptographic hash, by taking 8 of its bytes.
#[derive(Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes.iter().take(8) {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
}

/// Tokens seen and not yet reported, by identity, in order of first occurrence.
#[derive(Default)]
pub struct Pending {
    by_identity: HashMap<Identity, u64, BuildHasherDefault<IdentityHasher>>,
    queue: VecDeque<(Option<Identity>, Entry)>,
    /// The sequence number of `queue[0]`.
    first: u64,
}

impl Pending {
    /// Queues an entry; returns its sequence number.
    fn push(&mut self, identity: Option<Identity>, entry: Entry) -> u64 {
        let seq = self.first + self.queue.len() as u64;
        if let Some(id) = identity {
            self.by_identity.insert(id, seq);
        }
        self.queue.push_back((identity, entry));
        seq
    }

    fn at_mut(&mut self, seq: u64) -> Option<&mut Entry> {
        let index = usize::try_from(seq.checked_sub(self.first)?).ok()?;
        self.queue.get_mut(index).map(|(_, e)| e)
    }

    fn get_mut(&mut self, identity: &Identity) -> Option<&mut Entry> {
        let seq = *self.by_identity.get(identity)?;
        self.at_mut(seq)
    }

    fn pop(&mut self) -> Option<Entry> {
        let (identity, entry) = self.queue.pop_front()?;
        if let Some(id) = identity
            && self.by_identity.get(&id) == Some(&self.first)
        {
            self.by_identity.remove(&id);
        }
        self.first += 1;
        Some(entry)
    }
}

/// What a report needs of a checked token: its `alg` and its findings.
type Verdict = (Option<String>, Vec<Finding>);

/// A new token's parse and findings so far.
struct Checked {
    token: Token,
    findings: Vec<Finding>,
    /// A JWE's decrypted nested token and its own findings, attributed to the JWE once
    /// the weak-secret search has had them.
    inner: Option<(Token, Vec<Finding>)>,
}

impl Engine<'_> {
    /// Adds one batch: groups its occurrences, audits the tokens new in it, and reports
    /// the oldest groups beyond [`PENDING_MAX`].
    pub fn audit_batch(
        &self,
        subjects: &mut [Subject],
        pending: &mut Pending,
        report: &mut dyn Report,
        w: &mut dyn Write,
        summary: &mut Summary,
    ) -> Result<()> {
        let identities: Vec<Option<Identity>> = subjects
            .par_iter()
            .map(|s| s.text.as_deref().ok().map(fingerprint::identity))
            .collect();
        // Group: a known token gains an occurrence; a new one gets an unchecked entry.
        let mut new = Vec::new();
        let paths = &self.policy.paths;
        // The last path's mask: a file's tokens arrive together.
        let mut last: Option<(Option<crate::input::Source>, Mask)> = None;
        for (i, (subject, identity)) in subjects.iter_mut().zip(&identities).enumerate() {
            let origin = std::mem::replace(&mut subject.origin, Origin::none());
            let mask = (!paths.is_empty()).then(|| match &last {
                Some((source, mask)) if *source == origin.source => *mask,
                _ => {
                    let mask = paths.mask(&origin);
                    last = Some((origin.source.clone(), mask));
                    mask
                }
            });
            let Some(id) = identity else {
                let message = subject.text.as_ref().err().cloned().unwrap_or_default();
                pending.push(None, Entry::Error(vec![origin], message));
                continue;
            };
            match pending.get_mut(id) {
                Some(Entry::Token(group) | Entry::Unchecked(group)) => {
                    if let Some(mask) = mask {
                        group.add_mask(mask, &origin);
                    }
                    group.add(origin);
                }
                Some(Entry::Error(origins, _)) => origins.push(origin),
                None => {
                    let text = subject.text.as_deref().unwrap_or_default();
                    let mut group = Group {
                        fingerprint: id.fingerprint(),
                        text: self.policy.reveal_tokens.then(|| text.to_owned()),
                        length: text.len(),
                        ..Group::placeholder()
                    };
                    if let Some(mask) = mask {
                        group.add_mask(mask, &origin);
                    }
                    group.add(origin);
                    let seq = pending.push(Some(*id), Entry::Unchecked(Box::new(group)));
                    new.push((i, seq));
                }
            }
        }
        // Audit the new tokens (parsed once: --scan hands over the parse it made).
        let parsed: Vec<Option<Token>> = new
            .iter()
            .map(|&(i, _)| subjects[i].parsed.take())
            .collect();
        let subjects = &*subjects;
        let mut checked: Vec<Option<Result<Checked, String>>> = new
            .par_iter()
            .zip(parsed)
            .map(|(&(i, _), parsed)| {
                let text = subjects[i].text.as_deref().unwrap_or_default();
                Some(match parsed.map_or_else(|| Token::parse(text), Ok) {
                    Ok(token) => Ok(self.check(token)),
                    Err(e) => Err(e.to_string()),
                })
            })
            .collect();
        self.weak_secrets(&mut checked)?;
        // Keep what the reports need; the tokens are freed by the threads that made them.
        let verdicts: Vec<Result<Verdict, String>> = checked
            .into_par_iter()
            .map(|c| match c {
                Some(Ok(mut c)) => {
                    if let Some((_, inner)) = c.inner {
                        c.findings.extend(nested::inner_findings(inner));
                    }
                    Ok((c.token.alg().as_str().map(str::to_owned), c.findings))
                }
                Some(Err(message)) => Err(message),
                None => Err("not audited".into()),
            })
            .collect();
        for (&(_, seq), verdict) in new.iter().zip(verdicts) {
            let Some(entry) = pending.at_mut(seq) else {
                continue;
            };
            let Entry::Unchecked(group) = entry else {
                continue;
            };
            let mut group = std::mem::replace(&mut **group, Group::placeholder());
            *entry = match verdict {
                Ok((alg, findings)) => {
                    group.alg = alg;
                    group.findings = findings;
                    Entry::Token(Box::new(group))
                }
                Err(message) => {
                    let mut origins = vec![group.first];
                    origins.append(&mut group.others);
                    Entry::Error(origins, message)
                }
            };
        }
        while pending.queue.len() > PENDING_MAX {
            if let Some(entry) = pending.pop() {
                self.emit(entry, report, w, summary)?;
            }
        }
        Ok(())
    }

    /// Reports every group still waiting.
    pub fn finish(
        &self,
        pending: &mut Pending,
        report: &mut dyn Report,
        w: &mut dyn Write,
        summary: &mut Summary,
    ) -> Result<()> {
        while let Some(entry) = pending.pop() {
            self.emit(entry, report, w, summary)?;
        }
        Ok(())
    }

    fn emit(
        &self,
        entry: Entry,
        report: &mut dyn Report,
        w: &mut dyn Write,
        summary: &mut Summary,
    ) -> Result<()> {
        let group = match entry {
            Entry::Token(group) => *group,
            Entry::Error(origins, message) => {
                for origin in &origins {
                    summary.errors += 1;
                    report.error(w, origin, &message)?;
                }
                return Ok(());
            }
            // Every entry is checked before any is emitted.
            Entry::Unchecked(..) => return Ok(()),
        };
        let mut group = group;
        let mut findings = std::mem::take(&mut group.findings);
        if let Some(parameter) = &group.parameter {
            findings.push(Finding {
                rule: &TOKEN_IN_URL,
                severity: TOKEN_IN_URL.severity,
                message: in_url_message(parameter, group.in_url, group.occurrences),
                location: None,
            });
        }
        if !group.masks.is_empty() && !self.ignore_by_path(&mut group, &mut findings) {
            summary.ignored_by_path += 1;
            return Ok(());
        }
        summary.tokens += 1;
        summary.occurrences += group.occurrences;
        let applied = self.policy.apply(&group.fingerprint, findings, summary);
        report.token(
            w,
            &Audited {
                first: &group.first,
                others: &group.others,
                occurrences: group.occurrences,
                fingerprint: &group.fingerprint,
                text: group.text.as_deref(),
                length: group.length,
                alg: group.alg.as_deref(),
                findings: &applied.reported,
                suppressed: &applied.suppressed,
            },
        )?;
        Ok(())
    }

    /// The per-token checks of a new token, and of what is inside it when it is a JWE
    /// the run can open.
    fn check(&self, token: Token) -> Checked {
        let mut findings = checks::check(&token, self.config);
        let inner = self
            .decryption
            .and_then(|d| nested::open(&token, self.config, d, &mut findings))
            .map(|inner| {
                let found = checks::check(&inner, self.config);
                (inner, found)
            });
        Checked {
            token,
            findings,
            inner,
        }
    }

    /// Runs the weak-secret searches: HMAC secrets over every HS token of the batch
    /// (nested ones included), framework secrets over its session cookies.
    /// Applies the rules ignored by path: drops each finding ignored at every location
    /// of its token, and each location where everything about the token is ignored.
    /// Returns false when no location is left (the token is not reported).
    fn ignore_by_path(&self, group: &mut Group, findings: &mut Vec<Finding>) -> bool {
        let paths = &self.policy.paths;
        let rules: Vec<&'static super::registry::Rule> = findings
            .iter()
            .map(|f| f.rule)
            .filter(|r| !self.policy.ignores(r))
            .collect();
        // Nothing about the token is reported at a location that ignores every rule, or
        // every rule it has findings for (beyond those ignored everywhere).
        let silent = |mask: Mask| {
            paths.ignores_all(mask)
                || (!rules.is_empty() && rules.iter().all(|r| paths.ignores(mask, r)))
        };
        if group.masks.iter().all(|(mask, _, _)| silent(*mask)) {
            return false;
        }
        findings.retain(|f| {
            !group
                .masks
                .iter()
                .all(|(mask, _, _)| paths.ignores(*mask, f.rule))
        });
        group.occurrences -= group
            .masks
            .iter()
            .filter(|(mask, _, _)| silent(*mask))
            .map(|(_, count, _)| count)
            .sum::<usize>();
        let mut kept: Vec<Origin> =
            std::iter::once(std::mem::replace(&mut group.first, Origin::none()))
                .chain(std::mem::take(&mut group.others))
                .filter(|o| !silent(paths.mask(o)))
                .collect();
        if kept.is_empty() {
            // Every kept location was silent, but some beyond the kept ones are not.
            if let Some((_, _, origin)) = group.masks.iter().find(|(mask, _, _)| !silent(*mask)) {
                kept.push(origin.clone());
            }
        }
        let mut kept = kept.into_iter();
        group.first = kept.next().unwrap_or_else(Origin::none);
        group.others = kept.collect();
        true
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
        let mut suspects: Vec<Suspect<'_>> = Vec::new();
        for c in checked.iter_mut().filter_map(|c| c.as_mut()?.as_mut().ok()) {
            suspects.push(Suspect {
                token: &c.token,
                findings: &mut c.findings,
            });
            if let Some((token, findings)) = &mut c.inner {
                suspects.push(Suspect { token, findings });
            }
        }
        search.run(&mut suspects)?;
        self.cookie_secrets(checked)
    }

    /// The framework-secret search over the batch's session cookies (`--preset`).
    fn cookie_secrets(&self, checked: &mut [Option<Result<Checked, String>>]) -> Result<()> {
        let Some(cookies) = self.decryption.and_then(|d| d.cookies.as_ref()) else {
            return Ok(());
        };
        if self
            .policy
            .ignores(&super::rules::encryption::SESSION_COOKIE_WEAK_SECRET)
        {
            return Ok(());
        }
        let search = CookieSearch {
            preset: cookies.preset,
            cookie_names: &cookies.names,
            reveal: self.policy.reveal_secrets,
            wordlist: self.wordlist,
        };
        let mut suspects: Vec<cookie::Suspect<'_>> = checked
            .iter_mut()
            .filter_map(|c| c.as_mut()?.as_mut().ok())
            .map(|c| cookie::Suspect {
                token: &c.token,
                findings: &mut c.findings,
            })
            .collect();
        search.run(&mut suspects)
    }
}

impl Group {
    fn placeholder() -> Group {
        Group {
            fingerprint: String::new(),
            text: None,
            length: 0,
            alg: None,
            findings: Vec::new(),
            first: Origin::none(),
            others: Vec::new(),
            occurrences: 0,
            in_url: 0,
            parameter: None,
            masks: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(n: usize) -> Entry {
        Entry::Token(Box::new(Group {
            occurrences: n,
            ..Group::placeholder()
        }))
    }

    fn occurrences(entry: Option<&mut Entry>) -> Option<usize> {
        match entry? {
            Entry::Token(g) => Some(g.occurrences),
            _ => None,
        }
    }

    #[test]
    fn pending_finds_tokens_until_they_are_reported() {
        let (a, b) = (fingerprint::identity("a"), fingerprint::identity("b"));
        let mut pending = Pending::default();
        assert_eq!(pending.push(Some(a), group(1)), 0);
        assert_eq!(pending.push(None, Entry::Error(Vec::new(), "x".into())), 1);
        assert_eq!(pending.push(Some(b), group(2)), 2);
        assert_eq!(occurrences(pending.get_mut(&a)), Some(1));
        assert_eq!(occurrences(pending.get_mut(&b)), Some(2));
        assert!(matches!(pending.pop(), Some(Entry::Token(_))));
        // Reported: a later occurrence of `a` starts a new group.
        assert!(pending.get_mut(&a).is_none());
        assert_eq!(occurrences(pending.get_mut(&b)), Some(2));
        assert_eq!(pending.push(Some(a), group(3)), 3);
        assert!(matches!(pending.pop(), Some(Entry::Error(..))));
        assert_eq!(occurrences(pending.pop().as_mut()), Some(2));
        assert!(pending.get_mut(&b).is_none());
        assert_eq!(occurrences(pending.get_mut(&a)), Some(3));
        assert_eq!(occurrences(pending.at_mut(3)), Some(3));
        assert!(pending.at_mut(2).is_none());
    }

    #[test]
    fn a_group_keeps_a_bounded_number_of_locations_and_an_exact_count() {
        let mut g = Group::placeholder();
        for line in 1..=MAX_LOCATIONS + 5 {
            let mut origin = Origin::none();
            origin.line = line;
            origin.url_parameter = (line % 2 == 0).then(|| "?access_token".to_owned());
            g.add(origin);
        }
        assert_eq!(g.occurrences, MAX_LOCATIONS + 5);
        assert_eq!(g.first.line, 1);
        assert_eq!(g.others.len(), MAX_LOCATIONS - 1);
        assert_eq!(g.in_url, (MAX_LOCATIONS + 5) / 2);
        assert_eq!(g.parameter.as_deref(), Some("?access_token"));
    }
}
