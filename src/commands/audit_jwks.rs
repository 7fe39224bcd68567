//! `jwtx audit --jwks FILE|URL [--previous FILE|URL]`: review a published key set. This
//! file reads the documents (files, standard input, or URLs through the remote-keys
//! client and its cache), hands them to the token core's inspection and the audit's key
//! set rules (`crate::audit::keyset`), and writes the report as `audit` does for tokens.

use std::collections::HashSet;
use std::io::Write;

use anyhow::{Context, Result};

use crate::audit::keyset::{self, SetDocument};
use crate::audit::policy::{Policy, read_baseline};
use crate::audit::registry::Severity;
use crate::audit::report::{JsonReport, Report, SarifReport, SetSource, Summary, TextReport};
use crate::cli::{AuditArgs, AuditFormat, FailOn, KeyLocation};
use crate::commands::keysource;
use crate::exit::{Exit, InputError};
use crate::input::{self, Source};
use crate::outfile::OutFile;
use crate::output::{Printer, escape};
use crate::token::claims::TimePolicy;
use crate::token::keys::inspect::{InspectedSet, inspect_set};

/// A key set document as read, and what it came to.
struct Read {
    source: SetSource,
    text: Vec<u8>,
    set: InspectedSet,
}

impl Read {
    fn document(&self) -> SetDocument<'_> {
        SetDocument {
            source: &self.source,
            text: &self.text,
            set: &self.set,
        }
    }
}

/// The largest key set document read from a file or standard input (a URL's body is
/// capped at 1 MiB by the client): real sets are a few KiB, and a document of gigabytes
/// would only cost time and memory.
const MAX_DOCUMENT: u64 = 16 * 1024 * 1024;

/// Reads and inspects the key set at `location`. A document that cannot be read, is not
/// a key set, or holds no key is one error line and exit 5; a URL that cannot be
/// fetched, exit 6 (as for `--key URL`).
fn read(location: &KeyLocation, what: &str, args: &AuditArgs) -> Result<Read> {
    let (source, text) = match location {
        KeyLocation::Url(url) => (
            SetSource::Url(url.to_string()),
            keysource::fetch_key_set_document(url, &args.remote)?.into_bytes(),
        ),
        KeyLocation::Path(path) => {
            let source = Source::from_path(path);
            let text = source.read_at_most(MAX_DOCUMENT).map_err(|e| {
                InputError(format!(
                    "cannot read {what} {}: {e}",
                    escape(&source.label())
                ))
            })?;
            (SetSource::Input(source), text)
        }
    };
    let name = escape(&source.label()).into_owned();
    let set = inspect_set(&text)
        .map_err(|e| InputError(format!("{what} {name} is not a key set: {}", plain(&e))))?;
    if set.keys.is_empty() {
        return Err(InputError(format!("{what} {name} holds no keys: nothing to audit")).into());
    }
    Ok(Read { source, text, set })
}

/// A core key error's reason, without its "invalid key:" prefix.
fn plain(err: &crate::token::KeyError) -> String {
    use crate::token::KeyError;
    match err {
        KeyError::Invalid(why) | KeyError::Unrecognised(why) => why.clone(),
        other => other.to_string(),
    }
}

pub fn run(location: KeyLocation, args: AuditArgs, out: &mut Printer) -> Result<Exit> {
    input::one_stdin_reader(&[
        input::stdin_reader("--jwks", location.path()),
        input::stdin_reader(
            "--previous",
            args.previous.as_ref().and_then(KeyLocation::path),
        ),
        input::stdin_reader("--baseline", args.baseline.as_deref()),
    ])?;
    let current = read(&location, "key set", &args)?;
    let previous = args
        .previous
        .as_ref()
        .map(|p| read(p, "previous key set", &args))
        .transpose()?;
    if current.set.single_jwk {
        crate::diag!(
            "jwtx: {} is a single JWK, not a JWKS: audited as a set of one key",
            escape(&current.source.label())
        );
    }
    let policy = Policy::new(
        &args.ignore_rule,
        &args.severity,
        match &args.baseline {
            Some(path) => read_baseline(&Source::from_path(path))?,
            None => HashSet::new(),
        },
    );
    let fail_on = match args.fail_on.unwrap_or(FailOn::High) {
        FailOn::Critical => Some(Severity::Critical),
        FailOn::High => Some(Severity::High),
        FailOn::Medium => Some(Severity::Medium),
        FailOn::Low => Some(Severity::Low),
        FailOn::Info => Some(Severity::Info),
        FailOn::None => None,
    };
    let mut report: Box<dyn Report> = match args.format() {
        AuditFormat::Text => Box::new(TextReport {
            color: out.color && args.output.is_none(),
        }),
        AuditFormat::Json => Box::new(JsonReport::default()),
        AuditFormat::Sarif => Box::new(SarifReport::new()),
    };
    let mut summary = Summary {
        fail_on,
        ..Summary::default()
    };
    // Certificate validity is judged at --now, with --leeway for clock skew.
    let time = TimePolicy {
        clock: args.time.clock(),
        leeway: args.time.leeway.unwrap_or(0),
    };
    // The report goes to standard output, or whole (or not at all) to --output.
    let mut file = match &args.output {
        Some(path) => Some(OutFile::create(path).map_err(|e| InputError(e.to_string()))?),
        None => None,
    };
    {
        let w: &mut dyn Write = match &mut file {
            Some(f) => f,
            None => out,
        };
        keyset::audit(
            &current.document(),
            previous.as_ref().map(Read::document).as_ref(),
            &time,
            &policy,
            &mut *report,
            w,
            &mut summary,
        )?;
        report.finish(w, &summary)?;
    }
    match file {
        Some(f) => {
            f.commit().map_err(|e| InputError(e.to_string()))?;
            crate::diag!("jwtx: {}", summary.line());
            let failing: Vec<String> = summary
                .failing_rules()
                .iter()
                .map(|(id, n)| format!("{id} on {n} key{}", if *n == 1 { "" } else { "s" }))
                .collect();
            if !failing.is_empty() {
                crate::diag!(
                    "jwtx: failing because of {}; the report is in {}",
                    failing.join(", "),
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
        None => out.flush().context("writing to standard output")?,
    }
    Ok(if summary.failed {
        Exit::Invalid
    } else {
        Exit::Ok
    })
}
