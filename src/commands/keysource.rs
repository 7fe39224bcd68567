//! Turns the key options (`--key`, `--secret`, `--secret-file`, `--secret-env`,
//! `--prompt-secret`) into the token core's key types. Reading files, the environment
//! and the terminal happens here; what the bytes mean is decided by `token::keys`.

use std::ffi::OsString;
use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::KeyArgs;
use crate::exit::{KeyRefused, UsageError};
use crate::input::{self, Source};
use crate::token::keys::KeyError;
use crate::token::keys::strength::{self, Weakness};
use crate::token::{Alg, KeySet, Secret, SigFailure, SigningKey, Verifier};

/// What `--allow-weak-key` does, for messages that refuse or accept a weak key.
const WEAK_HINT: &str = "pass --allow-weak-key to use it anyway";

const NEED_KEY: &str = "a key is required: --key PATH, --secret, --secret-file PATH, --secret-env VAR or --prompt-secret";

/// How the key options read standard input, if one does (`--key -`), for
/// [`input::one_stdin_reader`].
pub fn stdin_reader(args: &KeyArgs) -> Option<String> {
    input::stdin_reader("--key", args.key.as_deref())
        .or_else(|| input::stdin_reader("--secret-file", args.secret_file.as_deref()))
}

fn read_path(path: &Path) -> Result<Vec<u8>> {
    let source = Source::from_path(path);
    source.read_to_end().map_err(|e| {
        let from = match source {
            Source::Stdin => "from standard input".to_owned(),
            _ => path.display().to_string(),
        };
        KeyError::Unreadable(format!("{from}: {e}")).into()
    })
}

/// `--secret-file` drops one trailing newline (`\n` or `\r\n`), as `echo` adds one.
fn strip_one_newline(mut bytes: Vec<u8>) -> Vec<u8> {
    if bytes.ends_with(b"\r\n") {
        bytes.truncate(bytes.len() - 2);
    } else if bytes.ends_with(b"\n") {
        bytes.pop();
    }
    bytes
}

fn env_bytes(value: OsString) -> Vec<u8> {
    value.into_encoded_bytes()
}

/// The secret's text as given (before `--secret-encoding`), read again where that has no
/// side effect: `--secret`, `--secret-env`, or a `--secret-file` that is a regular file.
/// Standard input, a pipe, a FIFO or the terminal would block or come back empty: `None`.
pub fn reread_secret_text(args: &KeyArgs) -> Option<Vec<u8>> {
    if let Some(value) = &args.secret {
        Some(value.0.as_bytes().to_vec())
    } else if let Some(var) = &args.secret_env {
        std::env::var_os(var).map(env_bytes)
    } else if let Some(path) = args.secret_file.as_deref().filter(|p| {
        !Source::from_path(*p).is_stdin() && std::fs::metadata(p).is_ok_and(|m| m.is_file())
    }) {
        std::fs::read(path).ok().map(strip_one_newline)
    } else {
        None
    }
}

/// The HMAC secret from whichever secret option was given, if any.
pub fn read_secret(args: &KeyArgs) -> Result<Option<Secret>> {
    let given: Vec<u8> = if let Some(value) = &args.secret {
        value.0.as_bytes().to_vec()
    } else if let Some(path) = &args.secret_file {
        strip_one_newline(read_path(path)?)
    } else if let Some(var) = &args.secret_env {
        let value = std::env::var_os(var).ok_or_else(|| {
            KeyError::Unreadable(format!("environment variable {var} is not set"))
        })?;
        env_bytes(value)
    } else if args.prompt_secret {
        rpassword::prompt_password("Secret: ")
            .map_err(|e| {
                KeyError::Unreadable(format!(
                    "cannot prompt for the secret: no terminal ({e}); use --secret-file or --secret-env"
                ))
            })?
            .into_bytes()
    } else {
        return Ok(None);
    };
    let secret = args
        .secret_encoding
        .decode(&given)
        .context("reading the HMAC secret")?;
    Ok(Some(secret))
}

/// The verifying keys: `--key` (any format) or a secret.
pub fn verifying_keys(args: &KeyArgs) -> Result<KeySet> {
    if let Some(path) = &args.key {
        let bytes = read_path(path)?;
        return KeySet::load(&bytes)
            .map_err(explain)
            .with_context(|| format!("key {}", path.display()));
    }
    match read_secret(args)? {
        Some(secret) => Ok(KeySet::from_secret(secret)?),
        None => Err(UsageError(NEED_KEY.into()).into()),
    }
}

/// The signing key, if one was given.
pub fn signing_key(args: &KeyArgs) -> Result<Option<SigningKey>> {
    if let Some(path) = &args.key {
        let bytes = read_path(path)?;
        let key = SigningKey::load(&bytes)
            .map_err(explain)
            .with_context(|| format!("key {}", path.display()))?;
        return Ok(Some(key));
    }
    match read_secret(args)? {
        Some(secret) => Ok(Some(SigningKey::from_secret(secret)?)),
        None => Ok(None),
    }
}

/// A core key error with what the user can do about it, in the command line's terms.
fn explain(err: KeyError) -> anyhow::Error {
    match err {
        KeyError::UnknownFormat => KeyRefused(format!(
            "{err} (for an HMAC secret use --secret, --secret-file or --secret-env)"
        ))
        .into(),
        KeyError::Weak(weakness) => KeyRefused(format!("{weakness}; {WEAK_HINT}")).into(),
        other => other.into(),
    }
}

/// The message for a token whose signature check failed: a weak key says how to
/// accept it.
pub fn sig_failure_message(failure: &SigFailure) -> String {
    match failure {
        SigFailure::WeakKey(weakness) => format!("{weakness}; {WEAK_HINT}"),
        other => other.to_string(),
    }
}

/// The warning line for a weak key used because of `--allow-weak-key`.
pub fn weak_warning(weakness: &Weakness) -> String {
    format!("{weakness}; used because of --allow-weak-key")
}

/// The verifier for `keys`, refusing weak keys unless `--allow-weak-key`, and warning
/// on stderr about each weak key it accepted.
pub fn verifier(keys: KeySet, algs: Vec<Alg>, args: &KeyArgs) -> Result<Verifier> {
    let verifier = Verifier::new(keys, algs, args.allow_weak_key).map_err(explain)?;
    for weakness in verifier.warnings() {
        crate::diag!("jwtx: warning: {}", weak_warning(weakness));
    }
    Ok(verifier)
}

/// Refuses to sign with a key that is weak for `alg`, unless `--allow-weak-key`: then
/// warns on stderr and returns the warning for JSON output.
pub fn signing_strength(key: &SigningKey, alg: Alg, args: &KeyArgs) -> Result<Option<String>> {
    let Some(weakness) = strength::weakness(key.kind(), alg) else {
        return Ok(None);
    };
    if !args.allow_weak_key {
        return Err(explain(KeyError::Weak(weakness)));
    }
    let warning = weak_warning(&weakness);
    crate::diag!("jwtx: warning: {warning}");
    Ok(Some(warning))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_trailing_newline_goes() {
        assert_eq!(strip_one_newline(b"s\n".to_vec()), b"s");
        assert_eq!(strip_one_newline(b"s\r\n".to_vec()), b"s");
        assert_eq!(strip_one_newline(b"s\n\n".to_vec()), b"s\n");
        assert_eq!(strip_one_newline(b"s".to_vec()), b"s");
    }
}
