//! Applies `jwtx.toml` (see `crate::config`) to a command's arguments: what the command
//! line gave wins, the file fills in the rest, built-in defaults come last.

use anyhow::Result;

use crate::audit::paths::PathIgnores;
use crate::audit::registry::{Severity, SeverityOverride};
use crate::cli::{AuditArgs, ConfigArgs, ExpiryArgs, FailOn};
use crate::config::{self, Config};
use crate::exit::UsageError;
use crate::token::schema::{ClaimsSchema, SharedSchema};

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

/// `[[audit.ignore-path]]`: rules ignored for tokens found at paths matching globs
/// relative to the file's directory.
pub fn path_ignores(config: Option<&Config>) -> Result<PathIgnores> {
    let Some(config) = config else {
        return Ok(PathIgnores::default());
    };
    let entries = &config.file.audit.ignore_paths;
    if entries.is_empty() {
        return Ok(PathIgnores::default());
    }
    let cwd = std::env::current_dir()
        .map_err(|e| UsageError(format!("cannot read the current directory: {e}")))?;
    let base = config.resolve(std::path::Path::new("."));
    PathIgnores::new(
        &base,
        &cwd,
        entries.iter().map(|e| {
            (
                e.paths.as_slice(),
                e.rules
                    .as_ref()
                    .map(|rules| rules.iter().map(|r| r.id).collect()),
            )
        }),
    )
    .map_err(|e| UsageError(format!("{}: audit.ignore-path: {e}", config.path.display())).into())
}

/// `[verify]` defaults into `expiry`'s arguments.
pub fn apply_expiry(args: &mut ExpiryArgs, config: &Config) {
    if args.time.leeway.is_none() {
        args.time.leeway = config.file.verify.leeway;
    }
}

/// Reads and compiles a claims schema, before any token is judged; a file that is not
/// JSON or not a schema is a usage error naming the file.
pub fn load_schema(path: &std::path::Path) -> Result<SharedSchema> {
    let name = path.display();
    let text = std::fs::read(path)
        .map_err(|e| UsageError(format!("claims schema {name}: cannot read it: {e}")))?;
    let value: serde_json::Value = serde_json::from_slice(&text)
        .map_err(|e| UsageError(format!("claims schema {name}: not JSON ({e})")))?;
    let schema =
        ClaimsSchema::new(&value).map_err(|e| UsageError(format!("claims schema {name}: {e}")))?;
    Ok(SharedSchema(std::sync::Arc::new(schema)))
}

/// The claims schema for a run: `--claims-schema`, else jwtx.toml's `[verify]` one.
pub fn run_schema(
    flag: Option<&std::path::Path>,
    config: Option<&Config>,
) -> Result<Option<SharedSchema>> {
    match (
        flag,
        config.and_then(|c| c.file.verify.claims_schema.as_ref().map(|p| c.resolve(p))),
    ) {
        (Some(path), _) => load_schema(path).map(Some),
        (None, Some(path)) => load_schema(&path).map(Some),
        (None, None) => Ok(None),
    }
}
