//! `jwtx key public` and `jwtx key convert`: a key read by the loader, written in
//! another format (the public half, for `public`).

use anyhow::Result;

use super::{Loaded, jwk_members, layout, load_key, load_public, write_key, writes_jwk};
use crate::cli::{KeyConvertArgs, KeyFormatArg, KeyPublicArgs};
use crate::exit::{Exit, UsageError};
use crate::output::Printer;
use crate::token::keys::KeyLayout;

pub(super) fn run_public(args: KeyPublicArgs, out: &mut Printer) -> Result<Exit> {
    let format = args.format.unwrap_or(KeyFormatArg::Pem);
    let (layout, as_der) = layout(format, args.der)?;
    let layout = match layout {
        KeyLayout::Standard | KeyLayout::Spki => KeyLayout::Spki,
        KeyLayout::Jwk | KeyLayout::Pkcs1 => layout,
        _ => {
            return Err(UsageError(
                "a public key is written as pem, der, jwk, spki or pkcs1".into(),
            )
            .into());
        }
    };
    let key = Loaded::Public(load_public(&args.key)?);
    if let Loaded::Public(public) = &key
        && matches!(public.kind(), crate::token::KeyKind::Hmac(_))
    {
        return Err(crate::exit::KeyRefused(format!(
            "key {}: an HMAC secret has no public half",
            args.key.display()
        ))
        .into());
    }
    let meta = jwk_members(&args.kid, args.alg, &key, layout == KeyLayout::Jwk)?;
    let encoded = key.encode(layout, as_der, &meta)?;
    write_key(&encoded, &args.out, out)?;
    Ok(Exit::Ok)
}

pub(super) fn run_convert(args: KeyConvertArgs, out: &mut Printer) -> Result<Exit> {
    let (layout, as_der) = layout(args.to, args.der)?;
    let key = load_key(&args.key)?;
    let meta = jwk_members(&args.kid, args.alg, &key, writes_jwk(layout, key.kind()))?;
    let encoded = key.encode(layout, as_der, &meta)?;
    write_key(&encoded, &args.out, out)?;
    Ok(Exit::Ok)
}
