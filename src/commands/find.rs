//! `jwtx find`: pull tokens out of logs, HAR files and source trees and print them with
//! where they were, like grep, for the other commands to take (`jwtx find logs/ | cut -f2
//! | jwtx decode`). It walks and reads files exactly as `audit --scan` does
//! (`crate::audit::scan`), and audits nothing.

use std::collections::HashSet;
use std::io::IsTerminal;

use anyhow::Result;
use serde_json::json;

use crate::audit::finder;
use crate::audit::fingerprint::{self, Identity};
use crate::audit::report::Origin;
use crate::audit::scan::{ScanQueue, Subject};
use crate::cli::{FindArgs, Format};
use crate::exit::{Exit, UsageError};
use crate::input::{self, Source};
use crate::output::{ErrorObject, JSON_VERSION, Printer, escape};

/// Subjects taken from the scan at a time.
const BATCH: usize = 4_096;

pub fn run(args: FindArgs, out: &mut Printer) -> Result<Exit> {
    if args.files {
        return list_files(&args, out);
    }
    let paths: Vec<Source> = if args.paths.is_empty() {
        if std::io::stdin().is_terminal() {
            return Err(UsageError(
                "no PATH given and standard input is a terminal; give files or directories, or pipe text in (see --help)".into(),
            )
            .into());
        }
        vec![Source::Stdin]
    } else {
        args.paths.iter().map(Source::from_path).collect()
    };
    let readers: Vec<Option<String>> = args
        .paths
        .iter()
        .map(|p| input::stdin_reader("PATH", Some(p)))
        .collect();
    input::one_stdin_reader(&readers)?;
    let mut queue = ScanQueue::new(&paths, &args.exclude, args.max_decompressed)?;
    for glob in &queue.unmatched_excludes {
        crate::diag!(
            "jwtx: warning: --exclude {} matched no path (globs match paths relative to each searched directory, or as jwtx prints them)",
            escape(&format!("{glob:?}"))
        );
    }
    let json = args.output.format() == Format::Json;
    let mut seen: HashSet<Identity> = HashSet::new();
    let (mut found, mut errors) = (0usize, 0usize);
    let mut subjects = Vec::with_capacity(BATCH);
    loop {
        subjects.clear();
        queue.fill(&mut subjects, BATCH)?;
        if subjects.is_empty() {
            break;
        }
        for subject in subjects.drain(..) {
            let Subject { origin, text, .. } = subject;
            let token = match text {
                Ok(token) => token,
                Err(message) => {
                    errors += 1;
                    report_error(out, json, &origin, &message)?;
                    continue;
                }
            };
            let identity = fingerprint::identity(&token);
            if args.unique && !seen.insert(identity) {
                continue;
            }
            found += 1;
            if json {
                out.json_line(&record(&origin, &token, &identity))?;
            } else {
                out.line(&text_line(&origin, &token))?;
            }
        }
    }
    if queue.skipped.total() > 0 {
        crate::diag!("jwtx: {}", super::audit::skipped_line(&queue.skipped));
    }
    Ok(if errors > 0 {
        Exit::Malformed
    } else if found > 0 {
        Exit::Ok
    } else {
        Exit::Invalid
    })
}

/// `--files`: the files a search would read, one per line.
fn list_files(args: &FindArgs, out: &mut Printer) -> Result<Exit> {
    if args.paths.is_empty() {
        return Err(UsageError("--files needs a PATH to walk".into()).into());
    }
    let walked =
        finder::walk(&args.paths, &args.exclude).map_err(|e| UsageError(format!("{e:#}")))?;
    let mut exit = Exit::Ok;
    for entry in walked.entries {
        match entry {
            Ok(path) => out.line(&escape(&path.display().to_string()))?,
            Err(message) => {
                crate::diag!("jwtx: {}", escape(&message));
                exit = Exit::Malformed;
            }
        }
    }
    Ok(exit)
}

/// `jws` or `jwe`, by the number of segments (the finder keeps 3 or 5).
fn kind(token: &str) -> &'static str {
    if token.bytes().filter(|&b| b == b'.').count() == 4 {
        "jwe"
    } else {
        "jws"
    }
}

/// `PATH:LINE:COLUMN<TAB>TOKEN`, and a third field when the token was inside something
/// (`in base64`, `in gzip`): the second field is always the token.
fn text_line(origin: &Origin, token: &str) -> String {
    let mut line = format!(
        "{}:{}:{}\t{token}",
        escape(&origin.label()),
        origin.line,
        origin.column.unwrap_or(1)
    );
    if let Some(encoding) = &origin.encoding {
        line.push_str("\tin ");
        line.push_str(encoding);
    }
    line
}

fn record(origin: &Origin, token: &str, identity: &Identity) -> serde_json::Value {
    json!({
        "version": JSON_VERSION,
        "type": "token",
        "source": origin.label(),
        "line": origin.line,
        "column": origin.column,
        "kind": kind(token),
        "encoding": origin.encoding,
        "url_parameter": origin.url_parameter,
        "fingerprint": identity.fingerprint(),
        "token": token,
    })
}

/// An input that could not be read: a JSON record with --json (as `audit` writes), a line
/// on standard error otherwise.
fn report_error(out: &mut Printer, json: bool, origin: &Origin, message: &str) -> Result<()> {
    if !json {
        crate::diag!("jwtx: {}", escape(message));
    } else {
        out.json_line(&json!({
            "version": JSON_VERSION,
            "type": "error",
            "source": origin.label(),
            "error": ErrorObject::new(Exit::Malformed, None, message),
        }))?;
    }
    Ok(())
}
