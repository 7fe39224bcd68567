//! `jwtx audit`: review tokens, or files where tokens hide, and gate CI on the result.
//! This file reads the arguments, builds the engine (`crate::audit::engine`), feeds it
//! batches from the token list or the scan, and maps the summary to the exit code.

use std::collections::HashSet;
use std::io::Write;
use std::sync::Arc;

use anyhow::{Context, Result};

use crate::audit::checks::{AuditKeys, Config, Profile, Tailor};
use crate::audit::engine::{BATCH, Engine, Pending};
use crate::audit::merge::Merge;
use crate::audit::policy::{Policy, read_baseline};
use crate::audit::registry::{RULES, Severity};
use crate::audit::report::{JsonReport, Report, SarifReport, Summary, TextReport};
use crate::audit::rules::secret::Wordlist;
use crate::audit::scan::{Feed, Skipped};
use crate::cli::{AuditArgs, AuditFormat, AuditProfile, FailOn, KeyLocation};
use crate::commands::{keysource, settings, tailor::AuditTailor};
use crate::exit::{Exit, InputError};
use crate::input::{self, TokenStream};
use crate::outfile::OutFile;
use crate::output::{Printer, escape};
use crate::token::claims::TimePolicy;

/// `--fail-on` when neither the command line nor jwtx.toml sets it.
const DEFAULT_FAIL_ON: FailOn = FailOn::High;
/// `--max-lifetime` when neither the command line nor jwtx.toml sets it: a day.
const DEFAULT_MAX_LIFETIME: u64 = 24 * 60 * 60;

pub fn run(mut args: AuditArgs, out: &mut Printer) -> Result<Exit> {
    let file = settings::load(&args.config)?.map(Arc::new);
    // jwtx.toml's token types and issuer profiles, per token; read before the file's
    // [audit] settings fill in the flags, so it can tell what the command line gave.
    let tailor = AuditTailor::new(file.as_ref(), &args)?.map(Arc::new);
    if let Some(config) = &file {
        settings::apply_audit(&mut args, config);
    }
    if !args.list_rules
        && let Some(jwks) = args.jwks.take()
    {
        return crate::commands::audit_jwks::run(jwks, args, out);
    }
    let schema = match (&args.claims_schema, &file) {
        (Some(path), _) => Some(settings::load_schema(path)?),
        (None, Some(config)) => match config.file.audit.claims_schema.as_ref().or(config
            .file
            .verify
            .claims_schema
            .as_ref())
        {
            Some(path) => Some(settings::load_schema(&config.resolve(path))?),
            None => None,
        },
        (None, None) => None,
    };
    let format = args.format();
    if args.list_rules {
        return list_rules(format, out);
    }
    if !args.merge.is_empty() {
        return merge(&args, format, out);
    }
    // Every input that may read standard input is named before any of them reads it:
    // only one may.
    let scan: Vec<input::Source> = args.scan.iter().map(input::Source::from_path).collect();
    let tokens = if args.scan.is_empty() {
        Some(TokenStream::open(&args.tokens)?)
    } else {
        None
    };
    input::one_stdin_reader(&stdin_readers(&args, tokens.as_ref()))?;

    let mut policy = Policy::new(
        &args.ignore_rule,
        &args.severity,
        match &args.baseline {
            Some(path) => read_baseline(&input::Source::from_path(path))?,
            None => HashSet::new(),
        },
    );
    policy.reveal_secrets = args.reveal_secrets;
    policy.reveal_tokens = args.reveal_tokens;
    policy.paths = settings::path_ignores(file.as_deref())?;
    let key_set = keysource::audit_keys(args.key.as_ref(), &args.remote)?;
    let decryption = keysource::audit_decryption(&args.decrypt)?;
    let mut config = Config::new(
        TimePolicy {
            clock: args.time.clock(),
            leeway: args.time.leeway.unwrap_or(0),
        },
        args.max_lifetime.unwrap_or(DEFAULT_MAX_LIFETIME),
        !args.scan.is_empty() || args.treat_as_leaks,
    );
    config.profile = args.profile.map(|p| match p {
        AuditProfile::AccessToken => Profile::AccessToken,
        AuditProfile::IdToken => Profile::IdToken,
    });
    config.schema = schema;
    if let Some(set) = key_set {
        AuditKeys::of(set).apply(&mut config);
    }
    config.tailor = tailor.clone().map(|t| t as Arc<dyn Tailor>);
    let fail_on = fail_on_level(&args);
    // Held (and any temporary copy deleted on drop) for the whole run.
    let wordlist = args
        .wordlist
        .as_ref()
        .map(|path| Wordlist::open(&input::Source::from_path(path)))
        .transpose()?;
    let mut source = match tokens {
        Some(stream) => Feed::tokens(stream),
        None => Feed::scan(&scan, &args.exclude, args.max_decompressed)?,
    };
    if let Feed::Scan(queue) = &source {
        for glob in &queue.unmatched_excludes {
            crate::diag!(
                "jwtx: warning: --exclude {} matched no path (globs match paths relative to each scanned directory, or as jwtx prints them)",
                escape(&format!("{glob:?}"))
            );
        }
    }

    let color = out.color && args.output.is_none();
    let mut report: Box<dyn Report> = match format {
        AuditFormat::Text => Box::new(TextReport { color }),
        AuditFormat::Json => Box::new(JsonReport::default()),
        AuditFormat::Sarif => Box::new(SarifReport::new()),
    };
    // The report goes to standard output, or whole (or not at all) to --output.
    let mut file = match &args.output {
        Some(path) => Some(OutFile::create(path).map_err(|e| InputError(e.to_string()))?),
        None => None,
    };
    let mut summary = Summary {
        fail_on,
        ..Summary::default()
    };
    let engine = Engine {
        config: &config,
        policy: &policy,
        wordlist: wordlist.as_ref().map(Wordlist::path),
        decryption: decryption.as_ref(),
    };
    let mut subjects = Vec::with_capacity(BATCH);
    let mut pending = Pending::default();
    let mut audit_all = || -> Result<()> {
        loop {
            subjects.clear();
            source.fill(&mut subjects, BATCH)?;
            if let (Some(cookies), Feed::Tokens(..)) = (
                decryption.as_ref().and_then(|d| d.cookies.as_ref()),
                &source,
            ) {
                crate::audit::nested::pick_session_cookies(&mut subjects, &cookies.names);
            }
            let w: &mut dyn Write = match &mut file {
                Some(f) => f,
                None => &mut *out,
            };
            if subjects.is_empty() {
                engine.finish(&mut pending, &mut *report, w, &mut summary)?;
                break;
            }
            engine.audit_batch(&mut subjects, &mut pending, &mut *report, w, &mut summary)?;
        }
        if let Feed::Scan(queue) = &source {
            summary.skipped = queue.skipped;
        }
        if let Some(tailor) = &tailor {
            tailor.keys_loaded()?;
        }
        Ok(())
    };
    if let Err(e) = audit_all() {
        // What went to standard output stays a whole document (an --output file is
        // not written at all).
        if file.is_none() {
            let _ = report.abort(out, &summary, &format!("{e:#}"));
        }
        return Err(e);
    }
    if summary.tokens + summary.ignored_by_path == 0 && summary.errors == 0 && args.scan.is_empty()
    {
        // Nothing was audited: fail without leaving a report behind.
        return Err(InputError("no token found in the input".into()).into());
    }
    match file {
        Some(mut f) => {
            report.finish(&mut f, &summary)?;
            f.commit().map_err(|e| InputError(e.to_string()))?;
        }
        None => {
            report.finish(out, &summary)?;
            out.flush().context("writing to standard output")?;
        }
    }
    if summary.skipped.total() > 0 {
        crate::diag!("jwtx: {}", skipped_line(&summary.skipped));
    }
    if args.output.is_some() {
        // The report went to a file: the CI log still says what happened, and why the
        // gate failed.
        crate::diag!("jwtx: {}", summary.line());
        let failing = summary.failing_rules();
        if !failing.is_empty() {
            let rules: Vec<String> = failing
                .iter()
                .map(|(id, n)| format!("{id} on {n} token{}", if *n == 1 { "" } else { "s" }))
                .collect();
            crate::diag!(
                "jwtx: failing because of {}; the report is in {}",
                rules.join(", "),
                escape(
                    &args
                        .output
                        .as_deref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                )
            );
        }
    }
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

/// `--merge`: the JSON reports of several runs as the report of one, re-emitted in
/// `format` with the policy and the gate of this run.
fn merge(args: &AuditArgs, format: AuditFormat, out: &mut Printer) -> Result<Exit> {
    let reports: Vec<input::Source> = args.merge.iter().map(input::Source::from_path).collect();
    let mut readers: Vec<Option<String>> = args
        .merge
        .iter()
        .map(|path| input::stdin_reader("--merge", Some(path)))
        .collect();
    readers.push(input::stdin_reader("--baseline", args.baseline.as_deref()));
    input::one_stdin_reader(&readers)?;
    let mut policy = Policy::new(
        &args.ignore_rule,
        &args.severity,
        match &args.baseline {
            Some(path) => read_baseline(&input::Source::from_path(path))?,
            None => HashSet::new(),
        },
    );
    policy.reveal_tokens = args.reveal_tokens;
    let mut merged = Merge::default();
    for report in &reports {
        merged.read(report)?;
    }
    let mut summary = Summary {
        fail_on: fail_on_level(args),
        ..Summary::default()
    };
    let color = out.color && args.output.is_none();
    let mut report: Box<dyn Report> = match format {
        AuditFormat::Text => Box::new(TextReport { color }),
        AuditFormat::Json => Box::new(JsonReport::default()),
        AuditFormat::Sarif => Box::new(SarifReport::new()),
    };
    match &args.output {
        Some(path) => {
            let mut f = OutFile::create(path).map_err(|e| InputError(e.to_string()))?;
            merged.write(&policy, &mut *report, &mut f, &mut summary)?;
            report.finish(&mut f, &summary)?;
            f.commit().map_err(|e| InputError(e.to_string()))?;
            crate::diag!("jwtx: {}", summary.line());
        }
        None => {
            merged.write(&policy, &mut *report, out, &mut summary)?;
            report.finish(out, &summary)?;
            out.flush().context("writing to standard output")?;
        }
    }
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

/// The severity `--fail-on` (or jwtx.toml) sets the gate at; `None` never fails.
fn fail_on_level(args: &AuditArgs) -> Option<Severity> {
    match args.fail_on.unwrap_or(DEFAULT_FAIL_ON) {
        FailOn::Critical => Some(Severity::Critical),
        FailOn::High => Some(Severity::High),
        FailOn::Medium => Some(Severity::Medium),
        FailOn::Low => Some(Severity::Low),
        FailOn::Info => Some(Severity::Info),
        FailOn::None => None,
    }
}

/// The stderr line counting the files `--scan` (or `jwtx find`) left unread.
pub(crate) fn skipped_line(skipped: &Skipped) -> String {
    let mut parts = Vec::new();
    if skipped.compressed > 0 {
        parts.push(format!(
            "{} compressed in a format jwtx does not open (only gzip is: decompress them to scan them)",
            skipped.compressed
        ));
    }
    if skipped.decompressed_over_cap > 0 {
        parts.push(format!(
            "{} gzip decompressing to more than --max-decompressed (scanned up to it)",
            skipped.decompressed_over_cap
        ));
    }
    if skipped.unreadable > 0 {
        parts.push(format!("{} unreadable", skipped.unreadable));
    }
    let total = skipped.total();
    format!(
        "--scan skipped {total} file{}: {}",
        if total == 1 { "" } else { "s" },
        parts.join(", ")
    )
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
                    "version": crate::output::JSON_VERSION,
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

/// How each input of the run reads standard input, if it does, as the user named it
/// (`--wordlist -`), for [`input::one_stdin_reader`]: the token list or the scanned paths,
/// then `--key`, `--wordlist` and `--baseline`.
fn stdin_readers(args: &AuditArgs, tokens: Option<&TokenStream>) -> Vec<Option<String>> {
    let mut readers = vec![tokens.and_then(TokenStream::stdin_reader)];
    readers.extend(
        args.scan
            .iter()
            .map(|path| input::stdin_reader("--scan", Some(path))),
    );
    readers.push(input::stdin_reader(
        "--key",
        args.key.as_ref().and_then(KeyLocation::path),
    ));
    readers.push(input::stdin_reader(
        "--decrypt-key",
        args.decrypt.decrypt_key.as_deref(),
    ));
    readers.push(input::stdin_reader(
        "--secret-file",
        args.decrypt.secret_file.as_deref(),
    ));
    readers.push(input::stdin_reader("--wordlist", args.wordlist.as_deref()));
    readers.push(input::stdin_reader("--baseline", args.baseline.as_deref()));
    readers
}
