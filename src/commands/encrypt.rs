//! `jwtx encrypt`: claims (built as `sign` builds them), any bytes, or a signed token
//! (nested, `cty: JWT`) into one compact JWE for the recipient's key, printed alone on
//! stdout. The key decides which algorithms may be used; encryption is
//! `token::jwe::encrypt`.

use anyhow::Result;
use serde_json::{Map, Value, json};

use super::keysource;
use super::sign::{self, Body};
use crate::cli::{Assignment, EncryptArgs, Format, OutputArgs, SignArgs};
use crate::exit::{Exit, InputError, UsageError};
use crate::input::{self, Source};
use crate::output::{JSON_VERSION, Printer};
use crate::token::jwe::{self, DEFAULT_P2C, EncryptSpec, JweError, KeyAlg};
use crate::token::keys::{EncryptionKey, JweKeyKind};
use crate::token::parse::{Form, Token};
use crate::token::time::Clock;

/// Header members jwtx writes itself: the algorithms, compression and what key
/// management puts there.
const RESERVED: [&str; 9] = ["alg", "enc", "zip", "epk", "apu", "apv", "iv", "tag", "p2s"];

pub fn run(args: EncryptArgs, out: &mut Printer) -> Result<Exit> {
    let clock = args.now.unwrap_or_else(Clock::system);
    let EncryptArgs {
        claims,
        claims_file,
        payload_file,
        jws,
        claim,
        alg,
        enc,
        zip,
        p2c,
        kid,
        typ,
        header: assignments,
        key,
        now,
        output,
    } = args;
    let format = output.format();
    // The claims are built by sign's own code, from sign's own options.
    let claim_args = SignArgs {
        claims,
        claims_file,
        from_json: None,
        payload_file,
        claim,
        kid: None,
        typ: None,
        header: Vec::new(),
        alg: None,
        key,
        unsecured: false,
        now,
        output: OutputArgs {
            format: Format::Text,
            json: false,
        },
    };

    let mut header = Map::new();
    let (plaintext, claims_out) = match &jws {
        Some(given) => {
            if claim_args.claim.any() || claim_args.claim.no_iat {
                return Err(UsageError(
                    "--jws encrypts the signed token as it is; claim options cannot apply".into(),
                )
                .into());
            }
            input::one_stdin_reader(&[
                (given == "-").then(|| "--jws -".to_owned()),
                keysource::stdin_reader(&claim_args.key),
            ])?;
            header.insert("cty".into(), "JWT".into());
            (nested_token(given)?.into_bytes(), Value::Null)
        }
        None => {
            let reads_stdin = sign::reads_stdin(&claim_args)?;
            let (_, body, from) = sign::read_source(&claim_args, reads_stdin)?;
            match body {
                Body::Claims(mut claims) => {
                    sign::apply_claim_flags(&claim_args.claim, &mut claims, clock, false)?;
                    sign::check_time_claims(&claims, from)?;
                    sign::warn_if_invalid_now(&claims, clock.now());
                    (serde_json::to_vec(&claims)?, Value::Object(claims))
                }
                Body::Bytes(bytes) => {
                    if claim_args.claim.any() || claim_args.claim.no_iat {
                        return Err(UsageError(
                            "--payload-file encrypts bytes as they are; claim options cannot apply"
                                .into(),
                        )
                        .into());
                    }
                    (bytes, Value::Null)
                }
            }
        }
    };

    let recipient = keysource::encryption_key(&claim_args.key)?;
    let alg = match alg {
        Some(alg) => alg,
        None => default_alg(&recipient)?,
    };
    if alg == KeyAlg::Rsa1_5 {
        return Err(UsageError(
            "jwtx does not encrypt with RSA1_5 (RSAES-PKCS1-v1_5, open to padding-oracle attacks); use RSA-OAEP-256".into(),
        )
        .into());
    }
    if let Some(kid) = kid {
        header.insert("kid".into(), kid.into());
    } else if let Some(kid) = recipient.kid() {
        header.insert("kid".into(), kid.into());
    }
    if let Some(typ) = typ {
        header.insert("typ".into(), typ.into());
    }
    for Assignment { name, value, text } in assignments {
        if RESERVED.contains(&name.as_str()) {
            return Err(UsageError(format!(
                "--header {text}: jwtx writes the header's {name:?} itself (--alg, --enc, --zip)"
            ))
            .into());
        }
        if header.insert(name.clone(), value).is_some() {
            return Err(UsageError(format!(
                "--header {text}: the header's {name:?} is already set"
            ))
            .into());
        }
    }
    let spec = EncryptSpec {
        alg,
        enc,
        compress: zip,
        p2c: p2c.unwrap_or(DEFAULT_P2C),
        header,
    };
    let token = jwe::encrypt(&plaintext, &recipient, &spec).map_err(|e| match e {
        JweError::Refused(why) => anyhow::Error::new(UsageError(why)),
        other => anyhow::Error::new(other),
    })?;
    match format {
        Format::Text => out.line(&token)?,
        Format::Json => {
            let protected = token.split('.').next().unwrap_or_default();
            let header: Value = crate::token::b64::decode_lenient(protected)
                .and_then(|(bytes, _)| serde_json::from_slice(&bytes).ok())
                .unwrap_or(Value::Null);
            out.json_line(&json!({
                "version": JSON_VERSION,
                "token": token,
                "header": header,
                "claims": claims_out,
                "key": {"type": recipient.kind().to_string(), "kid": recipient.kid()},
            }))?;
        }
    }
    Ok(Exit::Ok)
}

/// The key-management algorithm for a recipient key when `--alg` is not given.
fn default_alg(key: &EncryptionKey) -> Result<KeyAlg> {
    match key.kind() {
        JweKeyKind::Rsa(_) => Ok(KeyAlg::RsaOaep256),
        JweKeyKind::Ec(_) | JweKeyKind::X25519 => Ok(KeyAlg::EcdhEs),
        JweKeyKind::Oct(n) => Err(UsageError(format!(
            "a {}-bit secret serves several algorithms: choose one with --alg (dir, A{}KW, A{}GCMKW, or a PBES2 algorithm for a password)",
            n * 8,
            n * 8,
            n * 8
        ))
        .into()),
    }
}

/// The signed token `--jws` names (the token, `@FILE` or `-`), checked to be a JWS that
/// is actually signed: an unsigned token inside a JWE is what nested-token attacks are
/// made of.
fn nested_token(given: &str) -> Result<String> {
    let text = if given == "-" {
        let bytes = sign::read_bytes(&Source::Stdin)?;
        String::from_utf8(bytes)
            .map_err(|_| InputError("the token on standard input is not UTF-8".into()))?
    } else if let Some(path) = given.strip_prefix('@') {
        let bytes = sign::read_bytes(&Source::from_path(std::path::Path::new(path)))?;
        String::from_utf8(bytes).map_err(|_| InputError(format!("{path} is not UTF-8")))?
    } else {
        given.to_owned()
    };
    let text = input::clean_token(&text).to_owned();
    let token = Token::parse(&text).map_err(|e| InputError(format!("--jws: {e}")))?;
    if token.form() != Form::Jws {
        return Err(InputError("--jws takes a signed token (JWS, three parts)".into()).into());
    }
    let alg = token
        .header()
        .get("alg")
        .and_then(Value::as_str)
        .unwrap_or("");
    if alg.eq_ignore_ascii_case("none") || token.signature().is_empty() {
        return Err(InputError(
            "--jws: the token is unsigned (alg none); jwtx nests only signed tokens".into(),
        )
        .into());
    }
    Ok(text)
}
