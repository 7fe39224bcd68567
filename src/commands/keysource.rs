//! Turns the key options (`--key`, `--secret`, `--secret-file`, `--secret-env`,
//! `--prompt-secret`, `--oidc`) into the token core's key types. Reading files, the
//! environment and the terminal, and fetching URLs (through `crate::remote`), happens
//! here; what the bytes mean is decided by `token::keys`.

use std::ffi::OsString;
use std::path::Path;
use std::sync::OnceLock;

use anyhow::{Context, Result};
use url::Url;

use crate::audit::nested::{Cookies, Decryption};
use crate::cli::{AuditDecryptArgs, KeyArgs, KeyLocation, RemoteArgs};
use crate::exit::{KeyRefused, UsageError};
use crate::input::{self, Source};
use crate::remote::{self, Cache, Client, Expect, Mode, Origin, Refetch, Transport};
use crate::token::jwe::DecryptPolicy;
use crate::token::keys::KeyError;
use crate::token::keys::strength::{self, Weakness};
use crate::token::keys::{DecryptionKey, EncryptionKey};
use crate::token::verify::Signed;
use crate::token::{Alg, KeySet, Secret, SigFailure, SigningKey, Verifier};

/// What `--allow-weak-key` does, for messages that refuse or accept a weak key.
const WEAK_HINT: &str = "pass --allow-weak-key to use it anyway";

const NEED_KEY: &str = "a key is required: --key PATH|URL, --oidc ISSUER, --secret, --secret-file PATH, --secret-env VAR or --prompt-secret";

/// How the key options read standard input, if one does (`--key -`), for
/// [`input::one_stdin_reader`].
pub fn stdin_reader(args: &KeyArgs) -> Option<String> {
    input::stdin_reader("--key", args.key.as_ref().and_then(KeyLocation::path))
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

/// The verifying keys and where they came from.
pub struct Keys {
    pub set: KeySet,
    /// For keys from a URL: how to ask for them again when a kid is missing.
    remote: Option<Remote>,
    /// With `--oidc`: the issuer tokens must name.
    pub issuer: Option<String>,
}

/// A key set's URL and the client that fetched it.
struct Remote {
    client: Client,
    url: Url,
}

/// The verifying keys: `--key` (a file, standard input or a URL), `--oidc`, or a secret.
pub fn verifying_keys(args: &KeyArgs, remote: &RemoteArgs) -> Result<Keys> {
    if let Some(issuer) = &remote.oidc {
        let client = client(remote);
        let discovery = remote::oidc::discover(&client, issuer)?;
        warn_all(&discovery.warnings);
        let url = discovery.value.jwks_uri;
        let set = fetch_keys(&client, &url)?;
        return Ok(Keys {
            set,
            remote: Some(Remote { client, url }),
            issuer: Some(issuer.clone()),
        });
    }
    match &args.key {
        Some(KeyLocation::Url(url)) => {
            let client = client(remote);
            let set = fetch_keys(&client, url)?;
            Ok(Keys {
                set,
                remote: Some(Remote {
                    client,
                    url: url.clone(),
                }),
                issuer: None,
            })
        }
        Some(KeyLocation::Path(path)) => {
            let bytes = read_path(path)?;
            let set = KeySet::load(&bytes)
                .map_err(explain)
                .with_context(|| format!("key {}", path.display()))?;
            Ok(Keys {
                set,
                remote: None,
                issuer: None,
            })
        }
        None => match read_secret(args)? {
            Some(secret) => Ok(Keys {
                set: KeySet::from_secret(secret)?,
                remote: None,
                issuer: None,
            }),
            None => Err(UsageError(NEED_KEY.into()).into()),
        },
    }
}

/// The public keys `audit` checks tokens against (`--key` or `--oidc`), if any.
pub fn audit_keys(key: Option<&KeyLocation>, remote: &RemoteArgs) -> Result<Option<KeySet>> {
    match (key, &remote.oidc) {
        (None, None) => Ok(None),
        (Some(KeyLocation::Path(path)), _) => {
            let source = Source::from_path(path);
            let name = match source {
                Source::Stdin => "from standard input".to_owned(),
                _ => source.label(),
            };
            let bytes = source
                .read_to_end()
                .map_err(|e| KeyError::Unreadable(format!("{name}: {e}")))?;
            Ok(Some(
                KeySet::load(&bytes).with_context(|| format!("key {name}"))?,
            ))
        }
        (Some(KeyLocation::Url(_)), _) | (None, Some(_)) => {
            let args = KeyArgs {
                key: key.cloned(),
                ..KeyArgs::default()
            };
            Ok(Some(verifying_keys(&args, remote)?.set))
        }
    }
}

/// The key set document at `url` as the server sent it (through the cache, by the
/// remote-key options), unparsed: `audit --jwks` reads every key in it, private ones
/// included, where the loader would refuse or filter them.
pub fn fetch_key_set_document(url: &Url, remote: &RemoteArgs) -> Result<String> {
    let client = client(remote);
    let raw = |body: &str| Ok(body.to_owned());
    let doc = client.get(
        url,
        &Expect {
            what: KEY_SET,
            accept: KEY_SET_ACCEPT,
            parse: &raw,
        },
    )?;
    warn_all(&doc.warnings);
    Ok(doc.value)
}

/// The client for a run's fetches, from the remote-key options.
fn client(args: &RemoteArgs) -> Client {
    let mode = if args.offline {
        Mode::Offline
    } else if args.refresh_keys {
        Mode::Refresh
    } else {
        Mode::Normal
    };
    let cache = Cache::locate();
    if cache.is_none() {
        crate::diag!(
            "jwtx: warning: no cache directory is known (no home directory); set JWTX_CACHE_DIR to keep fetched keys"
        );
    }
    // SSL_CERT_FILE, as OpenSSL-based tools read it, when --ca-file is not given; an
    // empty value is no value.
    let ca_file = args.ca_file.clone().or_else(|| {
        std::env::var_os("SSL_CERT_FILE")
            .filter(|v| !v.is_empty())
            .map(std::path::PathBuf::from)
    });
    Client::new(
        Transport::new(args.timeout, args.allow_http, ca_file),
        mode,
        cache,
    )
}

const KEY_SET: &str = "a key set (JWKS, JWK or PEM)";
const KEY_SET_ACCEPT: &str = "application/jwk-set+json, application/jwk+json, application/json;q=0.9, application/x-pem-file;q=0.8, */*;q=0.1";

fn parse_key_set(body: &str) -> Result<KeySet, String> {
    KeySet::load(body.as_bytes()).map_err(|e| e.to_string())
}

fn key_set_expect() -> Expect<'static, KeySet> {
    Expect {
        what: KEY_SET,
        accept: KEY_SET_ACCEPT,
        parse: &parse_key_set,
    }
}

/// The key set at `url`, from the cache or the network.
fn fetch_keys(client: &Client, url: &Url) -> Result<KeySet> {
    let doc = client.get(url, &key_set_expect())?;
    warn_all(&doc.warnings);
    Ok(doc.value)
}

fn warn_all(warnings: &[String]) {
    for warning in warnings {
        crate::diag!("jwtx: warning: {warning}");
    }
}

/// The signing key, if one was given.
pub fn signing_key(args: &KeyArgs) -> Result<Option<SigningKey>> {
    if let Some(location) = &args.key {
        let path = match location {
            KeyLocation::Path(path) => path,
            KeyLocation::Url(url) => {
                return Err(UsageError(format!(
                    "--key {url}: signing needs a private key from a file; key URLs serve public keys for verifying"
                ))
                .into());
            }
        };
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

/// The decryption keys: `--key` (a private key file, or a JWKS of them) or a secret.
pub fn decryption_keys(args: &KeyArgs) -> Result<Vec<DecryptionKey>> {
    if let Some(location) = &args.key {
        let path = match location {
            KeyLocation::Path(path) => path,
            KeyLocation::Url(url) => {
                return Err(UsageError(format!(
                    "--key {url}: decrypting needs a private key from a file; key URLs serve public keys"
                ))
                .into());
            }
        };
        let bytes = read_path(path)?;
        return DecryptionKey::load(&bytes)
            .map_err(explain)
            .with_context(|| format!("key {}", path.display()));
    }
    match read_secret(args)? {
        Some(secret) => Ok(vec![DecryptionKey::from_secret(secret)?]),
        None => Err(UsageError(
            "a key is required: --key PATH (a private key, JWK or JWKS), --secret, --secret-file PATH, --secret-env VAR or --prompt-secret".into(),
        )
        .into()),
    }
}

/// The recipient's key for `jwtx encrypt`: a key file (its public half when it is
/// private) or a secret.
pub fn encryption_key(args: &KeyArgs) -> Result<EncryptionKey> {
    if let Some(location) = &args.key {
        let path = match location {
            KeyLocation::Path(path) => path,
            KeyLocation::Url(url) => {
                return Err(UsageError(format!(
                    "--key {url}: encrypting reads the recipient's key from a file"
                ))
                .into());
            }
        };
        let bytes = read_path(path)?;
        return EncryptionKey::load(&bytes)
            .map_err(explain)
            .with_context(|| format!("key {}", path.display()));
    }
    match read_secret(args)? {
        Some(secret) => Ok(EncryptionKey::from_secret(secret)?),
        None => Err(UsageError(
            "a recipient key is required: --key PATH (a public or private key, or a JWK), --secret, --secret-file PATH, --secret-env VAR or --prompt-secret".into(),
        )
        .into()),
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
        SigFailure::Encrypted => format!(
            "{failure}; verify --decrypt-key KEY opens it and verifies the signed token inside (jwtx decrypt shows its content)"
        ),
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

/// A verifier and the thumbprints of its keys (computed once, when they will be shown).
pub struct Ring {
    pub verifier: Verifier,
    pub thumbprints: Vec<Option<String>>,
}

impl Ring {
    fn new(verifier: Verifier, all_thumbprints: bool) -> Ring {
        let several = verifier.keys().keys().len() > 1;
        let thumbprints = verifier
            .keys()
            .keys()
            .iter()
            .map(|k| {
                (all_thumbprints || several)
                    .then(|| k.thumbprint())
                    .flatten()
            })
            .collect();
        Ring {
            verifier,
            thumbprints,
        }
    }
}

/// The keys a run verifies with. For keys from a URL, a token whose kid is not in the
/// set makes jwtx ask the server again, once per run (and at most once a minute per
/// URL, across runs), in case the issuer rotated its keys.
pub struct KeyRing {
    primary: Ring,
    remote: Option<Remote>,
    algs: Vec<Alg>,
    allow_weak: bool,
    all_thumbprints: bool,
    refreshed: OnceLock<Refreshed>,
}

/// What asking again came to.
enum Refreshed {
    /// A new set to try as well, and what happened, for messages.
    New(Ring, String),
    /// Nothing new to try, and why.
    Nothing(String),
}

impl KeyRing {
    /// The ring for `keys`, refusing weak keys unless `--allow-weak-key`; thumbprints
    /// for every key when `all_thumbprints`, else only when the set has several.
    pub fn new(
        keys: Keys,
        algs: Vec<Alg>,
        args: &KeyArgs,
        all_thumbprints: bool,
    ) -> Result<KeyRing> {
        let verifier = verifier(keys.set, algs.clone(), args)?;
        Ok(KeyRing {
            primary: Ring::new(verifier, all_thumbprints),
            remote: keys.remote,
            algs,
            allow_weak: args.allow_weak_key,
            all_thumbprints,
            refreshed: OnceLock::new(),
        })
    }

    pub fn primary(&self) -> &Ring {
        &self.primary
    }

    /// Verifies `signed`; the ring that decided, with the key's index or the failure.
    pub fn verify(&self, signed: &Signed<'_>) -> (&Ring, Result<usize, SigFailure>) {
        match self.primary.verifier.verify(signed) {
            Err(SigFailure::NoKeyForKid(kid)) if self.remote.is_some() => {
                match self.refreshed.get_or_init(|| self.refresh()) {
                    Refreshed::New(ring, _) => (ring, ring.verifier.verify(signed)),
                    Refreshed::Nothing(_) => (&self.primary, Err(SigFailure::NoKeyForKid(kid))),
                }
            }
            other => (&self.primary, other),
        }
    }

    /// After a kid was missing from a fetched set: whether jwtx asked again, and how
    /// that went.
    pub fn refetch_note(&self) -> Option<&str> {
        match self.refreshed.get()? {
            Refreshed::New(_, note) | Refreshed::Nothing(note) => Some(note),
        }
    }

    fn refresh(&self) -> Refreshed {
        let Some(Remote { client, url }) = &self.remote else {
            return Refreshed::Nothing(String::new());
        };
        let doc = match client.refetch(url, &key_set_expect()) {
            Ok(Refetch::Done(doc)) => doc,
            Ok(Refetch::Cooldown(age)) => {
                return Refreshed::Nothing(format!(
                    "not fetched again: {url} was checked {} ago, and jwtx asks at most once every {}s",
                    remote::ago(age),
                    remote::cache::REFETCH_COOLDOWN
                ));
            }
            Ok(Refetch::Offline) => {
                return Refreshed::Nothing(format!(
                    "not fetched again because of --offline; {url} may have rotated its keys"
                ));
            }
            Err(e) => return Refreshed::Nothing(format!("fetching the keys again failed: {e}")),
        };
        warn_all(&doc.warnings);
        match doc.origin {
            Origin::Network => {}
            Origin::Revalidated => {
                return Refreshed::Nothing(format!(
                    "fetched {url} again: the key set is unchanged"
                ));
            }
            Origin::Cache | Origin::Stale => {
                return Refreshed::Nothing(format!(
                    "could not fetch {url} again; the cached key set was used"
                ));
            }
        }
        match Verifier::new(doc.value, self.algs.clone(), self.allow_weak) {
            Ok(verifier) => Refreshed::New(
                Ring::new(verifier, self.all_thumbprints),
                format!("fetched {url} again: the kid is not in the new key set either"),
            ),
            Err(e) => Refreshed::Nothing(format!(
                "fetched {url} again, but its keys cannot be used: {e}"
            )),
        }
    }
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

/// `audit`'s decryption options as the audit engine takes them: `--decrypt-key` or a JWE
/// secret opens JWEs; `--preset` names a framework whose cookies get the framework
/// secret search, and opens them too when its secret is given. `None` without any.
pub fn audit_decryption(args: &AuditDecryptArgs) -> Result<Option<Decryption>> {
    let key_args = KeyArgs {
        key: args.decrypt_key.clone().map(KeyLocation::Path),
        secret: args.secret.clone(),
        secret_file: args.secret_file.clone(),
        secret_env: args.secret_env.clone(),
        prompt_secret: args.prompt_secret,
        secret_encoding: args.secret_encoding,
        allow_weak_key: false,
    };
    let policy = DecryptPolicy {
        allow_rsa1_5: args.allow_rsa1_5,
        ..DecryptPolicy::default()
    };
    if let Some(preset) = args.preset {
        let secret = read_secret(&key_args)?;
        if secret.as_ref().is_some_and(Secret::is_empty) {
            return Err(UsageError("the framework secret is empty".into()).into());
        }
        let names = match &args.cookie_name {
            Some(name) => vec![name.clone()],
            None => preset
                .cookie_names()
                .iter()
                .map(|n| (*n).to_owned())
                .collect(),
        };
        return Ok(Some(Decryption {
            keys: Vec::new(),
            policy,
            cookies: Some(Cookies {
                preset,
                secret,
                names,
            }),
        }));
    }
    if key_args.key.is_none() && no_secret_given(&key_args) {
        return Ok(None);
    }
    Ok(Some(Decryption {
        keys: decryption_keys(&key_args)?,
        policy,
        cookies: None,
    }))
}

/// Whether none of the secret options was given.
fn no_secret_given(args: &KeyArgs) -> bool {
    args.secret.is_none()
        && args.secret_file.is_none()
        && args.secret_env.is_none()
        && !args.prompt_secret
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
