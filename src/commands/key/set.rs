//! `jwtx key set add|remove|list`: build and edit a JWK Set file. Edits keep the rest
//! of the document as it was and replace the file whole; a set that holds private
//! material is written owner-only.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::json;

use super::{Loaded, jwk_members, load_key, read_key_file};
use crate::cli::{KeySetAddArgs, KeySetListArgs, KeySetRemoveArgs};
use crate::exit::{Exit, InputError, KeyRefused, UsageError};
use crate::outfile::{OutFile, OutOptions};
use crate::output::{self, ErrorObject, JSON_VERSION, Printer};
use crate::token::keys::ThumbprintHash;
use crate::token::keys::jwks::{Jwks, is_private_jwk};

fn read_set(path: &Path) -> Result<Jwks> {
    let bytes = read_key_file(path)?;
    Jwks::parse(&bytes).with_context(|| format!("key set {}", path.display()))
}

fn write_set(set: &Jwks, path: &Path) -> Result<()> {
    let options = OutOptions {
        private: set.keys().iter().any(is_private_jwk),
        ..OutOptions::default()
    };
    let cannot = |e: crate::outfile::OutFileError| InputError(e.to_string());
    let mut file = OutFile::create_with(path, options).map_err(cannot)?;
    std::io::Write::write_all(&mut file, &set.to_bytes())
        .map_err(|e| InputError(format!("cannot write {}: {e}", path.display())))?;
    file.commit().map_err(cannot)?;
    Ok(())
}

pub(super) fn run_add(args: KeySetAddArgs, out: &mut Printer) -> Result<Exit> {
    if crate::input::Source::from_path(&args.jwks).is_stdin() {
        return Err(
            UsageError("the key set to edit must be a file, not standard input".into()).into(),
        );
    }
    let mut set = if args.jwks.exists() {
        read_set(&args.jwks)?
    } else {
        Jwks::new()
    };
    let key = load_key(&args.key)?;
    let meta = jwk_members(&args.kid, args.alg, &key, true)?;
    let Some(kid) = meta.kid.clone() else {
        return Err(UsageError(format!(
            "key {} has no kid; give one with --kid KID or --kid-thumbprint",
            args.key.display()
        ))
        .into());
    };
    let jwk = match &key {
        Loaded::Private(private) if args.allow_private => private.jwk(&meta)?,
        Loaded::Private(_) => {
            return Err(KeyRefused(format!(
                "key {} is private key material, and a published key set must hold public keys only; \
                 add its public half (jwtx key public {} | jwtx key set add {} -) or pass --allow-private",
                args.key.display(),
                args.key.display(),
                args.jwks.display()
            ))
            .into());
        }
        Loaded::Public(public) => public.jwk(&meta)?,
    };
    if is_private_jwk(&jwk) && !args.allow_private {
        return Err(KeyRefused(format!(
            "key {} is an HMAC secret, private key material that a published key set must not hold; pass --allow-private to store it",
            args.key.display()
        ))
        .into());
    }
    set.add(jwk)
        .with_context(|| format!("key set {}", args.jwks.display()))?;
    write_set(&set, &args.jwks)?;
    out.line(&output::escape(&kid))?;
    Ok(Exit::Ok)
}

pub(super) fn run_remove(args: KeySetRemoveArgs, _out: &mut Printer) -> Result<Exit> {
    let mut set = read_set(&args.jwks)?;
    set.remove(&args.kid)
        .with_context(|| format!("key set {}", args.jwks.display()))?;
    write_set(&set, &args.jwks)?;
    Ok(Exit::Ok)
}

pub(super) fn run_list(args: KeySetListArgs, out: &mut Printer) -> Result<Exit> {
    let set = read_set(&args.jwks)?;
    let entries = set.entries();
    if args.json {
        for (i, entry) in entries.iter().enumerate() {
            let mut record = json!({
                "version": JSON_VERSION,
                "index": i + 1,
                "kid": entry.kid(),
                "kty": entry.kty(),
                "type": entry.key.as_ref().ok().map(|k| k.kind().to_string()),
                "alg": entry.alg(),
                "use": entry.usage(),
                "private": entry.is_private(),
                "thumbprint": entry.thumbprint(ThumbprintHash::Sha256),
            });
            if let Err(err) = &entry.key {
                let message = err.to_string();
                record["error"] =
                    serde_json::to_value(ErrorObject::new(Exit::Key, None, &message))?;
            }
            out.json_line(&record)?;
        }
        return Ok(Exit::Ok);
    }
    if entries.is_empty() {
        crate::diag!("jwtx: the key set {} holds no keys", args.jwks.display());
        return Ok(Exit::Ok);
    }
    let cell =
        |v: Option<&str>| v.map_or_else(|| "-".to_owned(), |s| output::escape(s).into_owned());
    let mut rows = vec![[
        "KID".to_owned(),
        "TYPE".to_owned(),
        "ALG".to_owned(),
        "USE".to_owned(),
        "THUMBPRINT".to_owned(),
        "NOTE".to_owned(),
    ]];
    for entry in &entries {
        let (kind, note) = match &entry.key {
            Ok(key) => (key.kind().to_string(), String::new()),
            Err(err) => (
                cell(entry.kty()),
                output::escape(&err.to_string()).into_owned(),
            ),
        };
        let note = match (entry.is_private(), note.is_empty()) {
            (true, true) => "private key material".to_owned(),
            (true, false) => format!("private key material; {note}"),
            (false, _) => note,
        };
        rows.push([
            cell(entry.kid()),
            kind,
            cell(entry.alg()),
            cell(entry.usage()),
            entry
                .thumbprint(ThumbprintHash::Sha256)
                .unwrap_or_else(|| "-".into()),
            note,
        ]);
    }
    // The NOTE column only when a key has a note.
    let columns = if rows.iter().skip(1).any(|r| !r[5].is_empty()) {
        6
    } else {
        5
    };
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    for row in &rows {
        let mut line = String::new();
        for (c, text) in row.iter().take(columns).enumerate() {
            line.push_str(text);
            if c + 1 < columns {
                line.push_str(&" ".repeat(widths[c] - text.chars().count() + 2));
            }
        }
        out.line(line.trim_end())?;
    }
    Ok(Exit::Ok)
}
