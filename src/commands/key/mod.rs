//! `jwtx key`: the key toolkit. Each subcommand family has its file (`generate`,
//! `convert` for `public` and `convert`, `thumbprint`, `set`); this one holds what they
//! share: reading a key, the JWK members from the flags, and writing a key where it may
//! go (private material never to a terminal by accident, files whole and owner-only).

mod convert;
mod generate;
mod set;
mod thumbprint;

use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::{KeyCommand, KeyCommandArgs, KeyFormatArg, KeyOutArgs, KeySetCommand, KidArgs};
use crate::exit::{Exit, InputError, KeyRefused, UsageError};
use crate::input::Source;
use crate::outfile::{OutFile, OutFileError, OutOptions};
use crate::output::Printer;
use crate::token::keys::{EncodedKey, JwkMembers, KeyError, KeyLayout, ThumbprintHash};
use crate::token::{Alg, KeySet, SigningKey, VerifyingKey};

pub fn run(args: KeyCommandArgs, out: &mut Printer) -> Result<Exit> {
    match args.command {
        KeyCommand::Generate(a) => generate::run(a, out),
        KeyCommand::Public(a) => convert::run_public(a, out),
        KeyCommand::Convert(a) => convert::run_convert(a, out),
        KeyCommand::Thumbprint(a) => thumbprint::run(a, out),
        KeyCommand::Set(a) => match a.command {
            KeySetCommand::Add(a) => set::run_add(a, out),
            KeySetCommand::Remove(a) => set::run_remove(a, out),
            KeySetCommand::List(a) => set::run_list(a, out),
        },
    }
}

/// The bytes of the key file at `path` (`-`: standard input).
fn read_key_file(path: &Path) -> Result<Vec<u8>> {
    let source = Source::from_path(path);
    source.read_to_end().map_err(|e| {
        let from = match source {
            Source::Stdin => "from standard input".to_owned(),
            _ => path.display().to_string(),
        };
        KeyError::Unreadable(format!("{from}: {e}")).into()
    })
}

/// A key as given: private (a private key or an HMAC secret) or public.
enum Loaded {
    Private(SigningKey),
    Public(VerifyingKey),
}

impl Loaded {
    fn kid(&self) -> Option<&str> {
        match self {
            Loaded::Private(key) => key.kid(),
            Loaded::Public(key) => key.kid(),
        }
    }
    fn pinned_alg(&self) -> Option<&str> {
        match self {
            Loaded::Private(key) => key.pinned_alg(),
            Loaded::Public(key) => key.pinned_alg(),
        }
    }
    fn usage(&self) -> Option<&str> {
        match self {
            Loaded::Private(_) => None,
            Loaded::Public(key) => key.usage(),
        }
    }
    fn kind(&self) -> crate::token::KeyKind {
        match self {
            Loaded::Private(key) => key.kind(),
            Loaded::Public(key) => key.kind(),
        }
    }
    fn thumbprint(&self) -> Result<String, KeyError> {
        let unfit = || KeyError::Invalid("the key has no thumbprint".into());
        match self {
            Loaded::Private(key) => key
                .verifying_key()?
                .thumbprint_with(ThumbprintHash::Sha256)
                .ok_or_else(unfit),
            Loaded::Public(key) => key
                .thumbprint_with(ThumbprintHash::Sha256)
                .ok_or_else(unfit),
        }
    }
    fn encode(
        &self,
        layout: KeyLayout,
        der: bool,
        meta: &JwkMembers,
    ) -> Result<EncodedKey, KeyError> {
        match self {
            Loaded::Private(key) => key.encode(layout, der, meta),
            Loaded::Public(key) => key.encode(layout, der, meta),
        }
    }
}

/// The one key of a key set; a JWKS of several keys is refused.
fn one_key(set: KeySet) -> Result<VerifyingKey, KeyError> {
    let count = set.keys().len();
    let mut keys: Vec<VerifyingKey> = set.into_keys();
    match (keys.pop(), count) {
        (Some(key), 1) => Ok(key),
        _ => Err(KeyError::Unsupported(format!(
            "the JWKS holds {count} keys; this command takes one key (see jwtx key set list)"
        ))),
    }
}

/// Reads the key at `path`: as a private key when it is one, else as a public key.
fn load_key(path: &Path) -> Result<Loaded> {
    let bytes = zeroize::Zeroizing::new(read_key_file(path)?);
    let loaded = match SigningKey::load(&bytes) {
        Ok(key) => Ok(Loaded::Private(key)),
        Err(KeyError::NotPrivate(_)) => KeySet::load(&bytes).and_then(one_key).map(Loaded::Public),
        Err(err) => match KeySet::load(&bytes) {
            Ok(set) if set.is_set() => one_key(set).map(Loaded::Public),
            _ => Err(err),
        },
    };
    loaded
        .map_err(explain)
        .with_context(|| format!("key {}", path.display()))
}

/// The public key at `path` (the public half of a private one).
fn load_public(path: &Path) -> Result<VerifyingKey> {
    let bytes = zeroize::Zeroizing::new(read_key_file(path)?);
    KeySet::load(&bytes)
        .and_then(one_key)
        .map_err(explain)
        .with_context(|| format!("key {}", path.display()))
}

/// A core key error, in the command line's terms where that helps.
fn explain(err: KeyError) -> anyhow::Error {
    match err {
        KeyError::UnknownFormat => KeyRefused(format!(
            "{err} (an HMAC secret is read as a JWK: {{\"kty\":\"oct\",\"k\":\"...\"}})"
        ))
        .into(),
        other => other.into(),
    }
}

/// The layout and DER choice `format` and `--der` name.
fn layout(format: KeyFormatArg, der: bool) -> Result<(KeyLayout, bool), UsageError> {
    let (layout, as_der) = match format {
        KeyFormatArg::Pem => (KeyLayout::Standard, der),
        KeyFormatArg::Der => (KeyLayout::Standard, true),
        KeyFormatArg::Jwk => (KeyLayout::Jwk, false),
        KeyFormatArg::Pkcs8 => (KeyLayout::Pkcs8, der),
        KeyFormatArg::Pkcs1 => (KeyLayout::Pkcs1, der),
        KeyFormatArg::Sec1 => (KeyLayout::Sec1, der),
        KeyFormatArg::Spki => (KeyLayout::Spki, der),
        KeyFormatArg::Base64url => (KeyLayout::Base64Url, false),
    };
    if der && matches!(layout, KeyLayout::Jwk | KeyLayout::Base64Url) {
        return Err(UsageError(
            "--der applies to pem, pkcs8, pkcs1, sec1 and spki".into(),
        ));
    }
    Ok((layout, as_der))
}

/// Whether the output is a JWK: for an HMAC secret the standard layout is one.
fn writes_jwk(layout: KeyLayout, kind: crate::token::KeyKind) -> bool {
    layout == KeyLayout::Jwk
        || (layout == KeyLayout::Standard && matches!(kind, crate::token::KeyKind::Hmac(_)))
}

/// The JWK members from the flags, over the key's own (`kid`, `alg`, `use`). The flags
/// are refused when the output is not a JWK; an `alg` must suit the key.
fn jwk_members(kid: &KidArgs, alg: Option<Alg>, key: &Loaded, jwk_out: bool) -> Result<JwkMembers> {
    if !jwk_out && (kid.kid.is_some() || kid.kid_thumbprint || kid.usage.is_some() || alg.is_some())
    {
        return Err(UsageError(
            "--kid, --kid-thumbprint, --use and --alg apply to JWK output (jwk)".into(),
        )
        .into());
    }
    if let Some(alg) = alg
        && !key.kind().allows(alg)
    {
        return Err(KeyError::AlgMismatch {
            alg,
            key: key.kind().to_string(),
        }
        .into());
    }
    let usage = kid.usage.clone().or_else(|| key.usage().map(str::to_owned));
    let kid = match (&kid.kid, kid.kid_thumbprint) {
        (Some(kid), _) => Some(kid.clone()),
        (None, true) => Some(key.thumbprint()?),
        (None, false) => key.kid().map(str::to_owned),
    };
    Ok(JwkMembers {
        kid,
        alg: alg
            .map(|a| a.name().to_owned())
            .or_else(|| key.pinned_alg().map(str::to_owned)),
        usage,
    })
}

/// Options for a key file: owner-only when it is private, never over an existing file
/// without `--force`, never a terminal for private material without the flag.
fn file_options(key: &EncodedKey, out: &KeyOutArgs) -> OutOptions {
    OutOptions {
        private: key.is_private(),
        no_clobber: !out.force,
        refuse_terminal: key.is_private() && !out.unsafe_print_private,
    }
}

/// An output file error, with what to do about it.
fn file_error(err: OutFileError, path: &Path) -> anyhow::Error {
    if err.exists() {
        UsageError(format!(
            "{} exists; pass --force to replace it",
            path.display()
        ))
        .into()
    } else if err.is_terminal() {
        UsageError(format!(
            "{} is a terminal; private key material is not written to a terminal unless --unsafe-print-private is given",
            path.display()
        ))
        .into()
    } else {
        InputError(err.to_string()).into()
    }
}

/// Prepares the file for `key` at `path`, refusing early what commit would refuse.
fn open_file(key: &EncodedKey, out: &KeyOutArgs, path: &Path) -> Result<OutFile> {
    let mut file =
        OutFile::create_with(path, file_options(key, out)).map_err(|e| file_error(e, path))?;
    std::io::Write::write_all(&mut file, key.bytes())
        .map_err(|e| InputError(format!("cannot write {}: {e}", path.display())))?;
    Ok(file)
}

fn commit(file: OutFile, path: &Path) -> Result<()> {
    file.commit().map_err(|e| file_error(e, path))
}

/// Refuses private material for a terminal on standard output, unless asked.
fn check_stdout(key: &EncodedKey, out: &KeyOutArgs, printer: &Printer) -> Result<()> {
    if key.is_private() && !out.unsafe_print_private && printer.is_terminal() {
        return Err(UsageError(
            "refusing to print private key material to a terminal: write it to a file with --out FILE, pipe it, or pass --unsafe-print-private".into(),
        )
        .into());
    }
    Ok(())
}

/// Writes `key` where the user asked: `--out FILE` or standard output.
fn write_key(key: &EncodedKey, out: &KeyOutArgs, printer: &mut Printer) -> Result<()> {
    match &out.out {
        Some(path) => commit(open_file(key, out, path)?, path),
        None => {
            check_stdout(key, out, printer)?;
            printer
                .write_bytes(key.bytes())
                .context("writing to standard output")
        }
    }
}
