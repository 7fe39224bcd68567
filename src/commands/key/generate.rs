//! `jwtx key generate`: a new private key (or HMAC secret) for an algorithm, written
//! where `--out` says, with its public half beside it on `--public-out`.

use anyhow::Result;
use clap::ValueEnum;
use serde_json::{Value, json};

use super::{Loaded, check_stdout, commit, jwk_members, layout, open_file, write_key, writes_jwk};
use crate::cli::{KeyFormatArg, KeyGenerateArgs};
use crate::exit::{Exit, UsageError};
use crate::output::{JSON_VERSION, Printer};
use crate::token::KeyKind;
use crate::token::alg::Family;
use crate::token::keys::generate::generate;
use crate::token::keys::{EncodedKey, JwkMembers, KeyLayout};

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
    if args.json && args.out.out.is_none() && as_der {
        return Err(UsageError(
            "with --json and no --out the key is a JSON string: write DER to a file with --out FILE"
                .into(),
        )
        .into());
    }
    let key = Loaded::Private(generate(args.alg, args.bits)?);
    let meta = jwk_members(&args.kid, None, &key, writes_jwk(layout, key.kind()))?;
    let private = key.encode(layout, as_der, &meta)?;
    let description = Description {
        args: &args,
        key: &key,
        meta: &meta,
        format,
        der: as_der,
    };

    let Some(public_path) = &args.public_out else {
        // With --json and no --out, the key is printed inside the description.
        if !args.json || args.out.out.is_some() {
            write_key(&private, &args.out, out)?;
        }
        if args.json {
            return description.print(&private, out);
        }
        return Ok(Exit::Ok);
    };
    let public_layout = if layout == KeyLayout::Jwk {
        KeyLayout::Jwk
    } else {
        KeyLayout::Spki
    };
    // The public half from the public key: a private key's JWK would carry "d".
    let public = match &key {
        Loaded::Private(private) => Loaded::Public(private.verifying_key()?),
        Loaded::Public(_) => unreachable!("generate makes private keys"),
    }
    .encode(public_layout, as_der, &meta)?;
    if public.is_private() {
        return Err(UsageError("the public half would hold private key material".into()).into());
    }
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
            if !args.json {
                write_key(&private, &args.out, out)?;
            }
        }
    }
    if args.json {
        return description.print(&private, out);
    }
    Ok(Exit::Ok)
}

/// What `--json` says about the generated key.
struct Description<'a> {
    args: &'a KeyGenerateArgs,
    key: &'a Loaded,
    meta: &'a JwkMembers,
    format: KeyFormatArg,
    der: bool,
}

impl Description<'_> {
    /// Writes the description as one JSON object: the files written, or (without
    /// `--out`) the key itself as its `key` member, which is then private material on
    /// standard output and refused for a terminal unless asked.
    fn print(&self, private: &EncodedKey, out: &mut Printer) -> Result<Exit> {
        let kind = self.key.kind();
        let hmac = matches!(kind, KeyKind::Hmac(_));
        let mut files = Vec::new();
        if let Some(path) = &self.args.out.out {
            files.push(json!({"path": path.display().to_string(), "contents": "private"}));
        }
        if let Some(path) = &self.args.public_out {
            files.push(json!({"path": path.display().to_string(), "contents": "public"}));
        }
        let mut record = json!({
            "version": JSON_VERSION,
            "alg": self.args.alg.name(),
            "kty": kind.kty(),
            "type": kind.to_string(),
            "crv": kind.curve(),
            "bits": kind.bits(),
            "kid": self.meta.kid,
            "use": self.meta.usage,
            // A secret's thumbprint is a hash of the secret: not shown.
            "thumbprint": if hmac { None } else { Some(self.key.thumbprint()?) },
            "format": self.format.to_possible_value().map(|v| v.get_name().to_owned()),
            "der": self.der,
            "files": files,
        });
        if self.args.out.out.is_none() {
            check_stdout(private, &self.args.out, out)?;
            let text = std::str::from_utf8(private.bytes())
                .map_err(|_| UsageError("the key is not text; write it with --out FILE".into()))?;
            record["key"] = Value::String(text.to_owned());
        }
        let line = zeroize::Zeroizing::new(serde_json::to_vec(&record)?);
        out.write_bytes(&line)?;
        out.write_bytes(b"\n")?;
        Ok(Exit::Ok)
    }
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
