//! Turns the key options (`--key`, `--secret`, `--secret-file`, `--secret-env`,
//! `--prompt-secret`) into the token core's key types. Reading files, the environment
//! and the terminal happens here; what the bytes mean is decided by `token::keys`.

use std::ffi::OsString;
use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::KeyArgs;
use crate::exit::UsageError;
use crate::input::{self, Source};
use crate::token::keys::KeyError;
use crate::token::{KeySet, Secret, SigningKey};

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
        return KeySet::load(&bytes).with_context(|| format!("key {}", path.display()));
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
        let key = SigningKey::load(&bytes).with_context(|| format!("key {}", path.display()))?;
        return Ok(Some(key));
    }
    match read_secret(args)? {
        Some(secret) => Ok(Some(SigningKey::from_secret(secret)?)),
        None => Ok(None),
    }
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
