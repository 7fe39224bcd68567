//! Applies `jwtx.toml` (see `crate::config`) to a command's arguments: what the command
//! line gave wins, the file fills in the rest, built-in defaults come last.

use anyhow::Result;

use crate::audit::registry::{Severity, SeverityOverride};
use crate::cli::{AuditArgs, ConfigArgs, ExpiryArgs, FailOn};
use crate::config::{self, Config};
use crate::exit::UsageError;

/// The run's configuration, if a file applies; a broken file is a usage error (exit 2)
/// with its place.
pub fn load(args: &ConfigArgs) -> Result<Option<Config>> {
    config::discover(&args.discovery()).map_err(|e| UsageError(e.to_string()).into())
}

fn fail_on(level: Option<Severity>) -> FailOn {
    match level {
        Some(Severity::Critical) => FailOn::Critical,
        Some(Severity::High) => FailOn::High,
        Some(Severity::Medium) => FailOn::Medium,
        Some(Severity::Low) => FailOn::Low,
        Some(Severity::Info) => FailOn::Info,
        None => FailOn::None,
    }
}

/// `[audit]` into `audit`'s arguments. Lists (ignored rules, excludes) add to what
/// the command line gave; a `--severity` for a rule wins over the file's.
pub fn apply_audit(args: &mut AuditArgs, config: &Config) {
    let file = &config.file.audit;
    if args.fail_on.is_none() {
        args.fail_on = file.fail_on.map(fail_on);
    }
    if args.max_lifetime.is_none() {
        args.max_lifetime = file.max_lifetime;
    }
    if args.time.leeway.is_none() {
        args.time.leeway = config.file.verify.leeway;
    }
    for rule in &file.ignore {
        if !args.ignore_rule.iter().any(|r| std::ptr::eq(*r, *rule)) {
            args.ignore_rule.push(rule);
        }
    }
    // The last override of a rule wins: the file's first, then the command line's.
    let mut overrides: Vec<SeverityOverride> = file
        .severity
        .iter()
        .map(|&(rule, level)| SeverityOverride { rule, level })
        .collect();
    overrides.append(&mut args.severity);
    args.severity = overrides;
    args.exclude.extend(file.exclude.iter().cloned());
    if args.baseline.is_none() {
        args.baseline = file.baseline.as_ref().map(|p| config.resolve(p));
    }
    if args.wordlist.is_none() {
        args.wordlist = file.wordlist.as_ref().map(|p| config.resolve(p));
    }
}

/// `[verify]` defaults into `expiry`'s arguments.
pub fn apply_expiry(args: &mut ExpiryArgs, config: &Config) {
    if args.time.leeway.is_none() {
        args.time.leeway = config.file.verify.leeway;
    }
}
