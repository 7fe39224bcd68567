//! `jwtx key generate`: a new private key (or HMAC secret) for an algorithm, written
//! where `--out` says, with its public half beside it on `--public-out`.

use anyhow::Result;

use super::{Loaded, check_stdout, commit, jwk_members, layout, open_file, write_key, writes_jwk};
use crate::cli::{KeyFormatArg, KeyGenerateArgs};
use crate::exit::{Exit, UsageError};
use crate::output::Printer;
use crate::token::alg::Family;
use crate::token::keys::KeyLayout;
use crate::token::keys::generate::generate;

pub(super) fn run(args: KeyGenerateArgs, out: &mut Printer) -> Result<Exit> {
    let family = args.alg.family();
    let hmac = family == Family::Hmac;
    let format = args.format.unwrap_or(if hmac {
        KeyFormatArg::Jwk
    } else {
        KeyFormatArg::Pem
    });
    let (layout, as_der) = layout(format, args.der)?;
    check_fits(args.alg.name(), family, layout)?;
    if args.bits.is_some() && family != Family::Rsa {
        return Err(UsageError(format!(
            "--bits is for RSA keys; {} keys have a fixed size",
            args.alg
        ))
        .into());
    }
    if hmac && args.public_out.is_some() {
        return Err(UsageError("an HMAC secret has no public half to --public-out".into()).into());
    }
    if args.public_out.is_some() && args.public_out == args.out.out {
        return Err(UsageError("--out and --public-out name the same file".into()).into());
    }
    let key = Loaded::Private(generate(args.alg, args.bits)?);
    let meta = jwk_members(&args.kid, None, &key, writes_jwk(layout, key.kind()))?;
    let private = key.encode(layout, as_der, &meta)?;

    let Some(public_path) = &args.public_out else {
        write_key(&private, &args.out, out)?;
        return Ok(Exit::Ok);
    };
    let public_layout = if layout == KeyLayout::Jwk {
        KeyLayout::Jwk
    } else {
        KeyLayout::Spki
    };
    let public = key.encode(public_layout, as_der, &meta)?;
    // Both files are prepared (and checked) before either is put in place.
    let public_file = open_file(&public, &args.out, public_path)?;
    match &args.out.out {
        Some(path) => {
            let private_file = open_file(&private, &args.out, path)?;
            commit(private_file, path)?;
            if let Err(err) = commit(public_file, public_path) {
                // Leave no half of a pair behind, unless it replaced an older file.
                if !args.out.force {
                    let _ = std::fs::remove_file(path);
                }
                return Err(err);
            }
        }
        None => {
            check_stdout(&private, &args.out, out)?;
            commit(public_file, public_path)?;
            write_key(&private, &args.out, out)?;
        }
    }
    Ok(Exit::Ok)
}

/// Refuses a format the generated key cannot take, before generating it.
fn check_fits(alg: &str, family: Family, layout: KeyLayout) -> Result<(), UsageError> {
    let fits = match layout {
        KeyLayout::Spki => {
            return Err(UsageError(
                "generate writes the private key; write its public half with --public-out FILE"
                    .into(),
            ));
        }
        KeyLayout::Jwk => true,
        KeyLayout::Base64Url => family == Family::Hmac,
        KeyLayout::Standard | KeyLayout::Pkcs8 => family != Family::Hmac,
        KeyLayout::Pkcs1 => family == Family::Rsa,
        KeyLayout::Sec1 => family == Family::Ec,
    };
    if fits {
        return Ok(());
    }
    let allowed = match family {
        Family::Hmac => "jwk or base64url",
        Family::Rsa => "pem, der, jwk, pkcs8 or pkcs1",
        Family::Ec => "pem, der, jwk, pkcs8 or sec1",
        _ => "pem, der, jwk or pkcs8",
    };
    Err(UsageError(format!("an {alg} key is written as {allowed}")))
}
