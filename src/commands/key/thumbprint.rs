//! `jwtx key thumbprint`: a key's RFC 7638 thumbprint, or its RFC 9278 URI.

use anyhow::Result;
use serde_json::json;

use super::load_public;
use crate::cli::{KeyThumbprintArgs, ThumbprintHashArg};
use crate::exit::{Exit, KeyRefused};
use crate::output::{JSON_VERSION, Printer};
use crate::token::keys::{ThumbprintHash, thumbprint_uri};

pub(super) fn run(args: KeyThumbprintArgs, out: &mut Printer) -> Result<Exit> {
    let hash = match args.hash {
        ThumbprintHashArg::Sha256 => ThumbprintHash::Sha256,
        ThumbprintHashArg::Sha384 => ThumbprintHash::Sha384,
        ThumbprintHashArg::Sha512 => ThumbprintHash::Sha512,
    };
    let key = load_public(&args.key)?;
    let thumbprint = key.thumbprint_with(hash).ok_or_else(|| {
        KeyRefused(format!(
            "key {}: it has no JWK thumbprint",
            args.key.display()
        ))
    })?;
    let uri = thumbprint_uri(hash, &thumbprint);
    if args.json {
        out.json_line(&json!({
            "version": JSON_VERSION,
            "kty": key.kind().kty(),
            "kid": key.kid(),
            "hash": hash.name(),
            "thumbprint": thumbprint,
            "uri": uri,
        }))?;
    } else if args.uri {
        out.line(&uri)?;
    } else {
        out.line(&thumbprint)?;
    }
    Ok(Exit::Ok)
}
