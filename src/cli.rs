//! The command-line definition: the single source of `--help`, the completions and the
//! man pages. Options shared by several commands are `Args` groups flattened in.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::builder::{PossibleValuesParser, TypedValueParser as _};
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use crate::exit::{EXIT_CODES_HELP, UsageError};
use crate::token::time::{self, Clock, TimeSpec};
use crate::token::{Alg, SecretEncoding};

const ABOUT: &str = "Decode, verify, sign, inspect and audit JSON Web Tokens";

const LONG_ABOUT: &str = "\
jwtx decodes, verifies, signs, inspects the expiry of, and audits JSON Web Tokens.

Tokens come as arguments, as @FILE (one per line), or on standard input (one per line).
A `Bearer ` prefix or a whole `Authorization: Bearer ...` line is accepted. Data goes to
standard output; every diagnostic goes to standard error.";

#[derive(Debug, Parser)]
#[command(
    name = "jwtx",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = EXIT_CODES_HELP,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// When to use colour: auto (only on a terminal, and not when NO_COLOR is set),
    /// always or never
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands. Their arguments are built only for the one being run (`defer`),
/// which keeps start-up cheap (`jwtx decode TOKEN` should start as fast as it can).
/// (So the shared `Args` groups below carry `//` comments: a doc comment on a
/// flattened group would become the command's description.)
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Show a token's header, claims and signature, without verifying it
    #[command(after_help = DECODE_EXAMPLES)]
    Decode(DecodeArgs),
    /// Verify tokens' signatures and claims against a key, a JWKS or a secret
    #[command(after_help = VERIFY_EXAMPLES)]
    Verify(VerifyArgs),
    /// Create a signed token from claims
    #[command(long_about = SIGN_LONG_ABOUT, after_help = SIGN_EXAMPLES)]
    Sign(SignArgs),
    /// Is the token still good, and for how long? Check exp, nbf, iat and lifetime
    #[command(visible_alias = "exp", after_help = EXPIRY_EXAMPLES)]
    Expiry(ExpiryArgs),
    /// Review tokens (or files where tokens hide) for security problems
    #[command(after_help = AUDIT_EXAMPLES)]
    Audit(AuditArgs),
    /// Find tokens in files, directories or standard input and print where they are
    #[command(after_help = FIND_EXAMPLES)]
    Find(FindArgs),
    /// Make, convert and fingerprint keys, and build key sets (JWKS)
    #[command(after_help = KEY_EXAMPLES, subcommand_required = true)]
    Key(KeyCommandArgs),
    /// Show or empty the cache of keys fetched from URLs
    #[command(after_help = CACHE_EXAMPLES)]
    Cache(CacheArgs),
    /// Show or check the jwtx.toml settings verify, expiry and audit read
    #[command(after_help = CONFIG_EXAMPLES)]
    Config(ConfigCommandArgs),
    /// Decrypt JWEs (encrypted tokens) with a private key or a secret, and print the plaintext
    #[command(after_help = DECRYPT_EXAMPLES)]
    Decrypt(DecryptArgs),
    /// Encrypt claims, bytes or a signed token into a JWE for a recipient's key
    #[command(after_help = ENCRYPT_EXAMPLES)]
    Encrypt(EncryptArgs),
    /// Print a shell completion script
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print a man page (roff), for jwtx or one of its commands
    #[command(after_help = MAN_EXAMPLES)]
    Man(ManArgs),
}

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  source <(jwtx completions bash)
  jwtx completions zsh > ~/.zfunc/_jwtx
  jwtx completions fish > ~/.config/fish/completions/jwtx.fish";

const CACHE_EXAMPLES: &str = "\
Examples:
  jwtx cache list
  jwtx cache clear https://auth.example.com/.well-known/jwks.json
  jwtx cache dir

Documents fetched by --key URL and --oidc are kept here, one file per URL, readable by
the owner only. The directory is JWTX_CACHE_DIR, else the platform's user cache
directory (on Linux $XDG_CACHE_HOME/jwtx or ~/.cache/jwtx).";

#[derive(Debug, Args)]
pub struct CacheArgs {
    #[command(subcommand)]
    pub action: CacheAction,
}

#[derive(Debug, Subcommand)]
pub enum CacheAction {
    /// List the cached documents: URL, age, freshness, validators
    List {
        /// One JSON object per document (JSON Lines)
        #[arg(long)]
        json: bool,
    },
    /// Remove cached documents: every one, or those of the URLs given
    Clear {
        /// URLs to forget (all when none is given)
        #[arg(value_name = "URL")]
        urls: Vec<String>,
    },
    /// Print the cache directory
    Dir,
}

const CONFIG_EXAMPLES: &str = "\
Examples:
  jwtx config show
  jwtx config check ci/jwtx.toml
  jwtx config schema > jwtx.schema.json

jwtx looks for jwtx.toml in the current directory and its parents, up to the repository
root (a directory holding .git); --config FILE or JWTX_CONFIG names one, --no-config
ignores it. Flags given on the command line override the file.";

// Where jwtx.toml comes from, for the commands that read it.
#[derive(Debug, Args, Default, Clone)]
pub struct ConfigArgs {
    /// Read settings from this file instead of looking for jwtx.toml
    #[arg(
        long,
        value_name = "FILE",
        env = "JWTX_CONFIG",
        conflicts_with = "no_config"
    )]
    pub config: Option<PathBuf>,
    /// Ignore any jwtx.toml
    #[arg(long)]
    pub no_config: bool,
}

impl ConfigArgs {
    pub fn discovery(&self) -> crate::config::Discovery {
        use crate::config::Discovery;
        if self.no_config {
            Discovery::Disabled
        } else if let Some(path) = &self.config {
            Discovery::Named(path.clone())
        } else {
            Discovery::Search
        }
    }
}

#[derive(Debug, Args)]
pub struct ConfigCommandArgs {
    #[command(subcommand)]
    pub action: ConfigAction,
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the effective settings and where each came from
    Show {
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Check a file: exit 0 when it is valid, 2 with its errors
    Check {
        /// The file to check (default: the one jwtx would read here)
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Print the JSON Schema of jwtx.toml, for editors
    Schema,
}

const MAN_EXAMPLES: &str = "\
Examples:
  jwtx man | man -l -
  jwtx man verify | man -l -
  jwtx man audit > ~/.local/share/man/man1/jwtx-audit.1";

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (the jwtx page without one)
    #[arg(value_name = "COMMAND", value_parser = ["decode", "verify", "sign", "expiry", "audit", "find", "key", "key-generate", "key-public", "key-convert", "key-thumbprint", "key-set", "key-set-add", "key-set-remove", "key-set-list", "cache", "cache-list", "cache-clear", "cache-dir", "config", "config-show", "config-check", "config-schema", "decrypt", "encrypt", "completions", "man"])]
    pub command: Option<String>,
}

const DECODE_EXAMPLES: &str = "\
Examples:
  jwtx decode \"$TOKEN\"
  jwtx decode --json \"$TOKEN\" | jq .payload.sub
  jwtx decode --claim exp @tokens.txt
  pbpaste | jwtx decode";

const VERIFY_EXAMPLES: &str = "\
Examples:
  jwtx verify --key jwks.json \"$TOKEN\"
  jwtx verify --oidc https://accounts.google.com --aud my-client-id \"$ID_TOKEN\"
  jwtx verify --key https://auth.example.com/.well-known/jwks.json \"$TOKEN\"
  jwtx verify --secret-env JWT_SECRET --aud api --iss https://auth.example.com @tokens.txt
  jwtx verify --json --key public.pem < tokens.txt | jq -c 'select(.valid | not)'

Exit codes: 0 valid, 1 bad signature or algorithm, 2 usage, 3 expired or not yet valid,
4 claim check failed, 5 malformed token, 6 key problem; with several tokens the most
serious wins (1 > 6 > 5 > 4 > 3 > 0).";

const SIGN_LONG_ABOUT: &str = "\
Create a signed token from claims.

The claims come from one source: the CLAIMS argument, --claims-file, --from-json,
or standard input (given as -, or read implicitly when it is a pipe or a file and
neither a claims source nor a claim option is given). The claim options (--iss, --sub,
--aud, --jti, --random-jti, --exp, --nbf, --no-iat, --claim) then override what the
source holds; two options for one claim (--exp and --claim exp:=..., or two --claim
sub=...) are a usage error. iat is set to now unless --no-iat, the source has one, or
the input is --from-json (whose claims are kept as given).

Standard input is read only as said above, so `jwtx sign --sub \"$s\"` in a `while read`
loop leaves the loop's input alone. When sign does not read it but it is a pipe or a file
that may hold something (not a terminal, /dev/null, an empty file or a pipe closed
empty), a warning on standard error says so: nothing piped in is dropped silently. Give
- as CLAIMS to sign piped claims with options on top, or redirect standard input from
/dev/null to say it is not for sign.

The registered time claims exp, nbf and iat must be NumericDates (JSON numbers of Unix
seconds): anything else is refused, as every verifier would reject it. --payload-file
signs its bytes as they are, unchecked. A token that is already expired, or whose nbf is
not before its exp, is still signed, with a warning on standard error.

Exit codes: 0 signed; 2 usage error (including a time claim given to --claim that is
not a number); 5 unreadable claims, claims that are not a JSON object, or a time claim in
them that is not a NumericDate; 6 key problem.";

const SIGN_EXAMPLES: &str = "\
Examples:
  jwtx sign --secret-env JWT_SECRET --sub alice --exp 15m
  jwtx sign --key private.pem --kid k1 --claim role=admin --claim 'scopes:=[\"read\",\"write\"]'
  jwtx decode --json \"$T\" | jq '.payload.role = \"admin\"' | jwtx sign --from-json - --key private.pem";

const EXPIRY_EXAMPLES: &str = "\
Examples:
  jwtx expiry \"$TOKEN\"
  jwtx expiry --within 10m --key jwks.json \"$DEPLOY_TOKEN\" || echo 'renew the token'
  jwtx expiry --max-lifetime 1h --json @issued.txt | jq -c 'select(.state != \"valid\")'

Exit codes: 0 valid now; 3 expired, not yet valid, or expiring within --within;
4 no exp (unless --allow-no-exp), lifetime over --max-lifetime or unknown, or a time
claim that is not a NumericDate; with a key, verification failures exit as in verify.";

const AUDIT_EXAMPLES: &str = "\
Examples:
  jwtx audit \"$TOKEN\"
  jwtx audit --scan . --exclude 'tests/fixtures/**' --fail-on high
  jwtx audit --scan logs/ --format sarif --output jwtx.sarif
  jwtx audit --wordlist rockyou.txt --key public.pem @issued.txt
  jwtx audit --list-rules
  jwtx audit --jwks https://auth.example.com/.well-known/jwks.json --previous jwks-last-week.json

--jwks audits a published key set (a JWKS, or a single JWK as a set of one) instead of
tokens: it cannot be combined with tokens, --scan, --key, --oidc, --wordlist or the
token-only options (--profile, --max-lifetime, --claims-schema, --reveal-*).

Exit codes: 0 no finding at or above --fail-on (default high); 1 a finding at or above it;
2 usage error (including two inputs reading standard input); 5 unreadable input (with
--jwks: a document that is not JSON, not a key set, or an empty set); 6 unusable --key,
or a key set URL that cannot be fetched.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable text
    Text,
    /// JSON Lines: one object per token per line
    Json,
}

// `--format` and its short form `--json`.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text, value_name = "FORMAT")]
    pub format: Format,
    /// Short for --format json
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

impl OutputArgs {
    pub fn format(&self) -> Format {
        if self.json { Format::Json } else { self.format }
    }
}

// Where tokens come from.
#[derive(Debug, Args)]
pub struct TokenArgs {
    /// Tokens: a token, @FILE (one token per line), or - for standard input (the default)
    #[arg(value_name = "TOKEN")]
    pub tokens: Vec<String>,
}

/// A command-line value that is a secret: its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Redacted(pub String);

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("(redacted)")
    }
}

fn redacted(value: &str) -> Result<Redacted, std::convert::Infallible> {
    Ok(Redacted(value.to_owned()))
}

fn alg_parser() -> impl clap::builder::TypedValueParser<Value = Alg> {
    PossibleValuesParser::new([
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
        "ES384", "ES512", "EdDSA",
    ])
    .try_map(|s| s.parse::<Alg>())
}

fn encoding_parser() -> impl clap::builder::TypedValueParser<Value = SecretEncoding> {
    PossibleValuesParser::new(["utf8", "base64", "base64url", "hex"])
        .try_map(|s| s.parse::<SecretEncoding>())
}

// The key or secret, shared by every command that checks or makes signatures.
#[derive(Debug, Args, Default)]
pub struct KeyArgs {
    /// Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin.
    /// To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)
    #[arg(short, long, value_name = "PATH|URL", group = "key_source", value_parser = KeyLocation::parse)]
    pub key: Option<KeyLocation>,
    /// HMAC secret given on the command line (visible to other local users in the
    /// process list; prefer --secret-file, --secret-env or --prompt-secret)
    #[arg(long, value_name = "SECRET", group = "key_source", value_parser = redacted)]
    pub secret: Option<Redacted>,
    /// Read the HMAC secret from a file, less one trailing newline (\n or \r\n); - reads stdin
    #[arg(long, value_name = "PATH", group = "key_source")]
    pub secret_file: Option<PathBuf>,
    /// Read the HMAC secret from an environment variable
    #[arg(long, value_name = "VAR", group = "key_source")]
    pub secret_env: Option<String>,
    /// Ask for the HMAC secret on the terminal, without echo
    #[arg(long, group = "key_source")]
    pub prompt_secret: bool,
    /// How the secret's text stands for its bytes (applies to every secret source)
    #[arg(long, value_parser = encoding_parser(), default_value = "utf8", value_name = "ENCODING")]
    pub secret_encoding: SecretEncoding,
    /// Use a key below the safe size anyway, with a warning: an HMAC secret shorter than
    /// its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits
    #[arg(long)]
    pub allow_weak_key: bool,
}

/// Where a key is: a file (or `-` for standard input), or a URL to fetch it from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyLocation {
    Path(PathBuf),
    Url(url::Url),
}

impl KeyLocation {
    /// `https://...` or `http://...` (any letter case) is a URL; anything else a path
    /// (`./https:/x` names such a file).
    pub fn parse(text: &str) -> Result<KeyLocation, String> {
        let scheme = text.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
        match scheme.as_deref() {
            Some("https" | "http") => url::Url::parse(text)
                .map(KeyLocation::Url)
                .map_err(|e| format!("{text:?} is not a valid URL ({e})")),
            _ => Ok(KeyLocation::Path(PathBuf::from(text))),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            KeyLocation::Path(p) => Some(p),
            KeyLocation::Url(_) => None,
        }
    }
}

impl std::fmt::Display for KeyLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyLocation::Path(p) => write!(f, "{}", p.display()),
            KeyLocation::Url(u) => write!(f, "{u}"),
        }
    }
}

/// The help heading of the options about fetching keys.
const REMOTE: &str = "Keys from a URL";

// Keys from a URL: OpenID Connect discovery, and how fetching and the cache behave.
#[derive(Debug, Args, Default)]
pub struct RemoteArgs {
    /// OpenID Connect issuer: verify with the keys its discovery document publishes
    /// (ISSUER/.well-known/openid-configuration), and require the token's iss to be
    /// exactly ISSUER (in verify, --iss overrides that)
    #[arg(long, value_name = "ISSUER", group = "key_source", help_heading = REMOTE,
          value_parser = parse_issuer)]
    pub oidc: Option<String>,
    /// Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s;
    /// connecting alone is limited to 5s
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_timeout, help_heading = REMOTE)]
    pub timeout: Duration,
    /// Trust the CA certificates in this PEM file instead of the built-in web PKI roots
    /// (SSL_CERT_FILE in the environment does the same)
    #[arg(long, value_name = "FILE", help_heading = REMOTE)]
    pub ca_file: Option<PathBuf>,
    /// Allow plain http:// key URLs to hosts other than this machine (loopback is always
    /// allowed); a redirect from https to http is refused regardless
    #[arg(long, help_heading = REMOTE)]
    pub allow_http: bool,
    /// Use only cached copies of fetched keys, whatever their age; never the network
    #[arg(long, conflicts_with = "refresh_keys", help_heading = REMOTE)]
    pub offline: bool,
    /// Fetch keys from their URL even when the cached copy is fresh
    #[arg(long, help_heading = REMOTE)]
    pub refresh_keys: bool,
}

/// An issuer for `--oidc`: a URL jwtx could fetch discovery from, kept as typed (the
/// token's iss must equal it exactly).
fn parse_issuer(text: &str) -> Result<String, String> {
    crate::remote::oidc::issuer_url(text).map(|_| text.to_owned())
}

/// A timeout: a duration of at least one second (`10s`, `1m`).
fn parse_timeout(text: &str) -> Result<Duration, String> {
    let seconds = time::parse_duration(text).map_err(|e| e.to_string())?;
    if seconds == 0 {
        return Err("a timeout of 0 would fail every fetch; give at least 1s".into());
    }
    Ok(Duration::from_secs(seconds))
}

impl KeyArgs {
    pub fn given(&self) -> bool {
        self.key.is_some()
            || self.secret.is_some()
            || self.secret_file.is_some()
            || self.secret_env.is_some()
            || self.prompt_secret
    }
}

/// `KEY=VALUE` (a string) or `KEY:=JSON` (any JSON value), as given to `--claim` and
/// `--header`, parsed once when the command line is read.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub name: String,
    pub value: serde_json::Value,
    /// The assignment as given, for messages.
    pub text: String,
}

/// Parses an [`Assignment`] (the httpie convention: `=` for strings, `:=` for JSON).
pub fn parse_assignment(text: &str) -> Result<Assignment, UsageError> {
    let eq = text
        .find('=')
        .ok_or_else(|| UsageError(format!("{text:?} is not KEY=VALUE or KEY:=JSON")))?;
    let (name, value) = (&text[..eq], &text[eq + 1..]);
    let (name, value) = match name.strip_suffix(':') {
        Some(name) => (
            name,
            serde_json::from_str(value)
                .map_err(|e| UsageError(format!("{name}:= needs a JSON value ({e})")))?,
        ),
        None => (name, serde_json::Value::String(value.to_owned())),
    };
    if name.is_empty() {
        return Err(UsageError(format!("{text:?} has no name before '='")));
    }
    Ok(Assignment {
        name: name.to_owned(),
        value,
        text: text.to_owned(),
    })
}

// The instant checks are made at, and the clock skew they tolerate; parsed once.
#[derive(Debug, Args)]
pub struct ClockArgs {
    /// Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and
    /// time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds
    #[arg(long, value_name = "TIME", value_parser = Clock::parse)]
    pub now: Option<Clock>,
    /// Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m)
    /// [default: 0, or what jwtx.toml says]
    #[arg(long, value_name = "DURATION", value_parser = time::parse_duration)]
    pub leeway: Option<u64>,
}

impl ClockArgs {
    /// `--now`, or the system clock.
    pub fn clock(&self) -> Clock {
        self.now.unwrap_or_else(Clock::system)
    }
}

#[derive(Debug, Args)]
pub struct DecodeArgs {
    #[command(flatten)]
    pub input: TokenArgs,
    /// Print only this claim's value (strings unquoted); a dotted path reaches into objects
    #[arg(long, value_name = "NAME")]
    pub claim: Option<String>,
    /// Evaluate relative times at this instant instead of the clock: RFC 3339, a date or a
    /// date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds
    #[arg(long, value_name = "TIME", value_parser = Clock::parse)]
    pub now: Option<Clock>,
    /// Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) and show what is inside
    /// too (a nested token, claims or bytes); nothing is verified
    #[arg(long, value_name = "PATH")]
    pub decrypt_key: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub input: TokenArgs,
    #[command(flatten)]
    pub key: KeyArgs,
    #[command(flatten)]
    pub remote: RemoteArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// With jwtx.toml: check every token against this issuer profile (its name or iss)
    /// instead of the one its iss selects
    #[arg(long, value_name = "NAME")]
    pub profile_name: Option<String>,
    /// Accept only this algorithm (repeatable); by default every algorithm the key serves
    #[arg(long = "alg", value_parser = alg_parser(), value_name = "ALG", action = ArgAction::Append)]
    pub algs: Vec<Alg>,
    /// Require this issuer (repeatable: any of them)
    #[arg(long, value_name = "ISS", action = ArgAction::Append)]
    pub iss: Vec<String>,
    /// Require this audience (repeatable: the token must name at least one)
    #[arg(long, value_name = "AUD", action = ArgAction::Append)]
    pub aud: Vec<String>,
    /// Require this subject
    #[arg(long, value_name = "SUB")]
    pub sub: Option<String>,
    /// Require this claim to be present (repeatable); a dotted path reaches into objects
    /// (address.country)
    #[arg(long, value_name = "CLAIM", action = ArgAction::Append)]
    pub require: Vec<String>,
    /// Require this claim value (repeatable): CLAIM=VALUE for a string, CLAIM:=JSON for
    /// any JSON value; a dotted path reaches into objects; replaces jwtx.toml's
    /// expectation for the same claim
    #[arg(long, value_name = "CLAIM=VALUE", action = ArgAction::Append, value_parser = parse_assignment)]
    pub expect: Vec<Assignment>,
    /// Do not check exp: a signature-only check (nbf and iat still apply)
    #[arg(long)]
    pub ignore_exp: bool,
    /// Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) first, then verify the
    /// signed token inside with the verification key; a JWE whose content is not a
    /// signed JWS (an unsecured alg none token, say) fails with exit 1
    #[arg(long, value_name = "PATH")]
    pub decrypt_key: Option<PathBuf>,
    /// Fail revoked tokens with exit 1 (id revoked): a FILE (one jti, whole token or token
    /// SHA-256 in hex per line) or redis://HOST:PORT/DB (see --denylist-key)
    #[arg(long, value_name = "FILE|URL")]
    pub denylist: Option<String>,
    /// With a Redis denylist: the key that marks a token revoked; {jti}, {sha256} (of the
    /// token) and {token} are filled in [default: revoked:{jti}]
    #[arg(long, value_name = "TEMPLATE", requires = "denylist")]
    pub denylist_key: Option<String>,
    /// Check the claims against this JSON Schema (2020-12 by default; format asserted:
    /// email, date-time, uri, uuid...): every violation fails the token with exit 4
    #[arg(long, value_name = "FILE")]
    pub claims_schema: Option<PathBuf>,
    #[command(flatten)]
    pub time: ClockArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

// `jwtx decrypt`: its examples, its arguments and the JWE algorithm names it takes.
const DECRYPT_EXAMPLES: &str = "\
Examples:
  jwtx decrypt --key private.pem \"$JWE\"
  jwtx decrypt --key enc.jwk --alg RSA-OAEP-256 --enc A256GCM @tokens.txt
  jwtx decrypt --secret-env JWE_KEY --secret-encoding base64url --json \"$JWE\" | jq .claims
  jwtx decrypt --preset authjs --secret-env AUTH_SECRET \"$COOKIE\"
  jwtx decrypt --preset auth0 --secret-env AUTH0_SECRET 'Cookie: __session__0=...; __session__1=...'

With --preset, a token may also be a cookie list (name=value; name=value, after
\"Cookie:\" or not): the session cookie is picked from it by name, and its chunks (name.0,
name.1..., or name__0... as @auth0/nextjs-auth0 4 writes them) are joined in index
order. Several name=value arguments are read as one cookie list. Auth.js salts its key
with the cookie name: without one in the input, authjs.session-token and
__Secure-authjs.session-token are tried, and the one that matched is reported on stderr
(and in --json).

Text output is each plaintext followed by a newline (unless it ends with one); --json
gives the protected header, the plaintext (and its claims when it is a JSON object) and
the algorithms and key used. A zip:DEF plaintext is inflated up to 1 MiB, no further.

Exit codes: 0 decrypted; 1 not decrypted (wrong key or a changed token, which jwtx does
not tell apart; an algorithm the key or --alg/--enc does not allow; RSA1_5 without
--allow-rsa1-5; an unacceptable ephemeral key); 2 usage; 5 malformed token (parts,
lengths, header members, a PBES2 p2c over 1000000, a compression bomb; with --preset,
no session cookie in a cookie list); 6 key problem.
With several tokens the most serious wins (1 > 6 > 5 > 0).";

fn key_alg_parser() -> impl clap::builder::TypedValueParser<Value = crate::token::jwe::KeyAlg> {
    PossibleValuesParser::new(crate::token::jwe::KeyAlg::ALL.map(|a| a.name()))
        .try_map(|s| s.parse::<crate::token::jwe::KeyAlg>())
}

fn enc_parser() -> impl clap::builder::TypedValueParser<Value = crate::token::jwe::Enc> {
    PossibleValuesParser::new(crate::token::jwe::Enc::ALL.map(|e| e.name()))
        .try_map(|s| s.parse::<crate::token::jwe::Enc>())
}

#[derive(Debug, Args)]
// The shared key options, in JWE's terms; --allow-weak-key has no meaning here.
#[command(
    mut_arg("key", |a| a.value_name("PATH").help("Decryption key file: a private PEM or DER key (RSA, EC P-256/P-384/P-521, X25519), a private or oct JWK, or a JWKS of them; - reads stdin")),
    mut_arg("secret", |a| a.help("The JWE secret on the command line: a dir or AES key-wrap key of the algorithm's size, or a PBES2 password (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)")),
    mut_arg("secret_file", |a| a.help("Read the JWE secret from a file, less one trailing newline (\\n or \\r\\n); - reads stdin")),
    mut_arg("secret_env", |a| a.help("Read the JWE secret from an environment variable")),
    mut_arg("prompt_secret", |a| a.help("Ask for the JWE secret (a PBES2 password, say) on the terminal, without echo")),
    mut_arg("allow_weak_key", |a| a.hide(true)),
)]
pub struct DecryptArgs {
    #[command(flatten)]
    pub input: TokenArgs,
    // The decryption key: --key (a private PEM, DER, JWK or JWKS) or a secret (dir,
    // AES key wrap, PBES2 password).
    #[command(flatten)]
    pub key: KeyArgs,
    /// Accept only this key-management algorithm (repeatable); by default every one the
    /// key serves
    #[arg(long = "alg", value_parser = key_alg_parser(), value_name = "ALG", action = ArgAction::Append)]
    pub algs: Vec<crate::token::jwe::KeyAlg>,
    /// Accept only this content encryption (repeatable); by default all six
    #[arg(long = "enc", value_parser = enc_parser(), value_name = "ENC", action = ArgAction::Append)]
    pub encs: Vec<crate::token::jwe::Enc>,
    /// Also decrypt RSA1_5 (RSAES-PKCS1-v1_5) tokens, a legacy padding open to
    /// padding-oracle attacks; jwtx answers every padding error like a wrong key
    /// (RFC 7518 §4.2)
    #[arg(long = "allow-rsa1-5")]
    pub allow_rsa1_5: bool,
    /// Open a web framework's session cookie: derive its key from the framework's
    /// secret (--secret-env AUTH_SECRET...) as the framework does. authjs: Auth.js v5
    /// (@auth/core, next-auth 5); nextauth-v4: NextAuth.js 4; auth0: @auth0/nextjs-auth0
    /// and express-openid-connect
    #[arg(long, value_parser = preset_parser(), value_name = "FRAMEWORK", conflicts_with_all = ["key", "algs", "encs", "allow_rsa1_5"])]
    pub preset: Option<crate::token::jwe::presets::Preset>,
    /// With --preset: the session cookie's name, instead of the framework's defaults
    /// (Auth.js derives its key from the name: authjs.session-token and
    /// __Secure-authjs.session-token are tried)
    #[arg(long, value_name = "NAME", requires = "preset")]
    pub cookie_name: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

// `jwtx encrypt`: its examples and arguments. The claim options are sign's.
const ENCRYPT_EXAMPLES: &str = "\
Examples:
  jwtx encrypt --key recipient.pub.pem --sub alice --exp 1h
  jwtx encrypt --key enc.jwk --alg ECDH-ES+A256KW --enc A256CBC-HS512 '{\"scope\":\"read\"}'
  jwtx encrypt --secret-env JWE_KEY --secret-encoding base64url --alg dir --payload-file report.pdf
  jwtx sign --key signing.pem --sub alice | jwtx encrypt --key recipient.pub.pem --jws -

The plaintext is a JSON object of claims (CLAIMS, --claims-file, or standard input when
piped, with sign's claim options on top and iat set to now), any bytes (--payload-file),
or a signed token (--jws), which is nested with cty \"JWT\". The recipient's key decides
the algorithms: an RSA key (2048 bits or more) uses RSA-OAEP-256 by default, an EC or
X25519 key ECDH-ES; a secret needs --alg (dir, A128KW..., A128GCMKW..., or a PBES2
algorithm, with the secret as its password). The content encryption is A256GCM unless
--enc says otherwise. RSA1_5 is never used to encrypt.

Exit codes: 0 encrypted; 2 usage (an algorithm the key cannot serve, claims options with
--payload-file or --jws); 5 unreadable or malformed input; 6 key problem.";

#[derive(Debug, Args)]
#[command(
    group = clap::ArgGroup::new("plaintext_source").multiple(false),
    mut_arg("key", |a| a.value_name("PATH").help("The recipient's key file: a public (or private) PEM or DER key (RSA, EC P-256/P-384/P-521, X25519), or a JWK; - reads stdin")),
    mut_arg("secret", |a| a.help("The JWE secret on the command line: a dir or AES key-wrap key of the algorithm's size, or a PBES2 password (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)")),
    mut_arg("secret_file", |a| a.help("Read the JWE secret from a file, less one trailing newline (\\n or \\r\\n); - reads stdin")),
    mut_arg("secret_env", |a| a.help("Read the JWE secret from an environment variable")),
    mut_arg("prompt_secret", |a| a.help("Ask for the JWE secret (a PBES2 password, say) on the terminal, without echo")),
    mut_arg("allow_weak_key", |a| a.hide(true)),
)]
pub struct EncryptArgs {
    /// Claims as a JSON object; without it, --claims-file, --payload-file, --jws, or stdin
    /// when piped
    #[arg(value_name = "CLAIMS", group = "plaintext_source")]
    pub claims: Option<String>,
    /// Read the claims (a JSON object) from a file; - reads stdin
    #[arg(long, value_name = "PATH", group = "plaintext_source")]
    pub claims_file: Option<PathBuf>,
    /// Encrypt this file's bytes as they are (no claims are added); - reads stdin
    #[arg(long, value_name = "PATH", group = "plaintext_source")]
    pub payload_file: Option<PathBuf>,
    /// Encrypt this signed token (JWS) as a nested JWT (cty "JWT"): the token, @FILE, or -
    /// for standard input
    #[arg(long, value_name = "TOKEN", group = "plaintext_source")]
    pub jws: Option<String>,

    #[command(flatten)]
    pub claim: ClaimFlags,

    /// Key-management algorithm; by default RSA-OAEP-256 for an RSA key and ECDH-ES for
    /// an EC or X25519 key (a secret needs one)
    #[arg(long, value_parser = key_alg_parser(), value_name = "ALG")]
    pub alg: Option<crate::token::jwe::KeyAlg>,
    /// Content encryption
    #[arg(long, value_parser = enc_parser(), value_name = "ENC", default_value = "A256GCM")]
    pub enc: crate::token::jwe::Enc,
    /// Compress the plaintext with DEFLATE first (zip "DEF"); beware compressing secrets
    /// an attacker can mix their own text into
    #[arg(long)]
    pub zip: bool,
    /// PBES2 iteration count (p2c), from 1000 to 1000000
    #[arg(long, value_name = "COUNT", value_parser = clap::value_parser!(u32).range(1000..=1_000_000))]
    pub p2c: Option<u32>,
    /// Key ID header (kid); defaults to the JWK's kid, if any
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// Type header (typ); none by default
    #[arg(long, value_name = "TYP")]
    pub typ: Option<String>,
    /// Set a protected-header parameter: key=value or key:=json (repeatable); alg, enc,
    /// zip and the key-management members are jwtx's to write
    #[arg(long = "header", value_name = "KEY=VALUE", action = ArgAction::Append, value_parser = parse_assignment)]
    pub header: Vec<Assignment>,
    #[command(flatten)]
    pub key: KeyArgs,
    /// Take iat and relative times from this instant instead of the clock: RFC 3339, a
    /// date or a date and time read as UTC, or Unix seconds
    #[arg(long, value_name = "TIME", value_parser = Clock::parse)]
    pub now: Option<Clock>,
    #[command(flatten)]
    pub output: OutputArgs,
}

fn preset_parser()
-> impl clap::builder::TypedValueParser<Value = crate::token::jwe::presets::Preset> {
    PossibleValuesParser::new(crate::token::jwe::presets::Preset::ALL.map(|p| p.name()))
        .try_map(|s| s.parse::<crate::token::jwe::presets::Preset>())
}

// The options that set claims, shared by `sign` and `encrypt`. (A plain comment: a doc
// comment on a flattened struct would replace the subcommand's own description.)
#[derive(Debug, Args)]
pub struct ClaimFlags {
    /// Set a claim: key=value sets a string, key:=json sets any JSON value (repeatable)
    #[arg(short = 'c', long = "claim", value_name = "KEY=VALUE", action = ArgAction::Append, value_parser = parse_assignment)]
    pub set: Vec<Assignment>,
    /// Issuer (iss)
    #[arg(long, value_name = "ISS")]
    pub iss: Option<String>,
    /// Subject (sub)
    #[arg(long, value_name = "SUB")]
    pub sub: Option<String>,
    /// Audience (aud); repeat for several, which makes aud an array
    #[arg(long, value_name = "AUD", action = ArgAction::Append)]
    pub aud: Vec<String>,
    /// JWT ID (jti)
    #[arg(long, value_name = "ID", conflicts_with = "random_jti")]
    pub jti: Option<String>,
    /// Set jti to a random 128-bit identifier
    #[arg(long)]
    pub random_jti: bool,
    /// Expiry: a duration from now (15m, +7d, -1h) or a time: RFC 3339, a date
    /// (2026-12-01, midnight UTC), a date and time read as UTC (2026-12-01T10:00:00), or
    /// Unix seconds (10 digits or more: a bare 3600 is refused, write 3600s or 1h)
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true, value_parser = TimeSpec::parse)]
    pub exp: Option<TimeSpec>,
    /// Not before: a duration from now (+5m, -1h) or a time, as for --exp
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true, value_parser = TimeSpec::parse)]
    pub nbf: Option<TimeSpec>,
    /// Leave out iat, which is otherwise set to now
    #[arg(long)]
    pub no_iat: bool,
}

impl ClaimFlags {
    /// Whether any option sets a claim (`--no-iat` leaves one out, and is not counted).
    pub fn any(&self) -> bool {
        !self.set.is_empty()
            || self.iss.is_some()
            || self.sub.is_some()
            || !self.aud.is_empty()
            || self.jti.is_some()
            || self.random_jti
            || self.exp.is_some()
            || self.nbf.is_some()
    }
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("claims_source").multiple(false))]
pub struct SignArgs {
    /// Claims as a JSON object; without it, --claims-file, --from-json, or stdin when piped
    #[arg(value_name = "CLAIMS", group = "claims_source")]
    pub claims: Option<String>,
    /// Read the claims (a JSON object) from a file; - reads stdin
    #[arg(long, value_name = "PATH", group = "claims_source")]
    pub claims_file: Option<PathBuf>,
    /// Start from the {header, payload} object `jwtx decode --json` prints; - reads stdin
    #[arg(long, value_name = "PATH", group = "claims_source")]
    pub from_json: Option<PathBuf>,
    /// Sign this file's bytes as the payload of a plain JWS (no claims are added)
    #[arg(long, value_name = "PATH", group = "claims_source")]
    pub payload_file: Option<PathBuf>,

    #[command(flatten)]
    pub claim: ClaimFlags,

    /// Key ID header (kid); defaults to the JWK's kid, if any
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// Type header (typ); default JWT for claims, none for --payload-file; "" leaves it out
    #[arg(long, value_name = "TYP")]
    pub typ: Option<String>,
    /// Set a header parameter: key=value or key:=json (repeatable, once per parameter)
    #[arg(long = "header", value_name = "KEY=VALUE", action = ArgAction::Append, value_parser = parse_assignment)]
    pub header: Vec<Assignment>,
    /// Algorithm; by default the key's: HS256 for a secret, RS256 for RSA, ES256/384/512
    /// by curve, EdDSA for Ed25519
    #[arg(long, value_parser = alg_parser(), value_name = "ALG")]
    pub alg: Option<Alg>,
    #[command(flatten)]
    pub key: KeyArgs,
    /// Make an unsecured token (alg none, no signature); only for tests
    #[arg(long, conflicts_with_all = ["key", "secret", "secret_file", "secret_env", "prompt_secret"])]
    pub unsecured: bool,
    /// Take iat and relative times from this instant instead of the clock: RFC 3339, a
    /// date or a date and time read as UTC, or Unix seconds
    #[arg(long, value_name = "TIME", value_parser = Clock::parse)]
    pub now: Option<Clock>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ExpiryArgs {
    #[command(flatten)]
    pub input: TokenArgs,
    /// Exit 3 when the token expires within this duration ("fail if less than 10m left");
    /// leeway does not widen it
    #[arg(long, value_name = "DURATION", value_parser = time::parse_duration)]
    pub within: Option<u64>,
    /// Exit 4 when exp - iat exceeds this duration, or iat is missing
    #[arg(long, value_name = "DURATION", value_parser = time::parse_duration)]
    pub max_lifetime: Option<u64>,
    /// Accept a token without exp (otherwise exit 4)
    #[arg(long)]
    pub allow_no_exp: bool,
    /// Check the claims against this JSON Schema: every violation is exit 4
    #[arg(long, value_name = "FILE")]
    pub claims_schema: Option<PathBuf>,
    /// Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) and judge the signed
    /// token inside; content that is not a signed JWS fails with exit 1
    #[arg(long, value_name = "PATH")]
    pub decrypt_key: Option<PathBuf>,
    /// Verify the signature first with this key source (as in `jwtx verify`)
    #[command(flatten)]
    pub key: KeyArgs,
    #[command(flatten)]
    pub remote: RemoteArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// With a key: accept only this algorithm (repeatable)
    #[arg(long = "alg", value_parser = alg_parser(), value_name = "ALG", action = ArgAction::Append)]
    pub algs: Vec<Alg>,
    #[command(flatten)]
    pub time: ClockArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    /// Findings grouped by token, with a summary
    Text,
    /// JSON Lines: one object per token, then a summary object
    Json,
    /// SARIF 2.1.0, for code scanning
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Critical,
    High,
    Medium,
    Low,
    Info,
    /// Never fail because of findings
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditProfile {
    /// RFC 9068 JWT access tokens
    AccessToken,
    /// OpenID Connect ID tokens
    IdToken,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Tokens: a token, @FILE (one per line), or - for standard input (the default)
    #[arg(value_name = "TOKEN", conflicts_with = "scan")]
    pub tokens: Vec<String>,
    /// Find tokens inside files and directories (recursively, honouring .gitignore); - scans
    /// text on standard input
    #[arg(long, value_name = "PATH", num_args = 1.., action = ArgAction::Append)]
    pub scan: Vec<std::path::PathBuf>,
    /// With --scan: skip paths matching this glob (repeatable), e.g. 'tests/fixtures/**';
    /// relative to each scanned directory, or a path as the report prints it
    #[arg(long, value_name = "GLOB", action = ArgAction::Append, requires = "scan")]
    pub exclude: Vec<String>,
    /// Audit this published key set instead of tokens: a JWKS (or a single JWK) file, - for
    /// standard input, or an https:// URL (fetched and cached as --key URLs are)
    #[arg(long, value_name = "FILE|URL", value_parser = KeyLocation::parse,
          conflicts_with_all = ["tokens", "scan", "key", "oidc", "wordlist", "treat_as_leaks",
                                "reveal_secrets", "reveal_tokens", "profile", "max_lifetime",
                                "claims_schema", "merge", "decrypt_key", "preset"])]
    pub jwks: Option<KeyLocation>,
    /// With --jwks: an older snapshot of the same set (file, - or URL), to report kids reused
    /// for other keys, keys renamed, added and removed
    #[arg(long, value_name = "FILE|URL", value_parser = KeyLocation::parse, requires = "jwks",
          conflicts_with_all = ["tokens", "scan"])]
    pub previous: Option<KeyLocation>,
    /// Combine JSON reports that `audit --format json` wrote (one per shard of a large
    /// tree) into one report, in any --format and gated by --fail-on; - reads stdin
    #[arg(long, value_name = "REPORT", num_args = 1.., action = ArgAction::Append, conflicts_with_all = ["tokens", "scan", "treat_as_leaks", "list_rules", "decrypt_key", "preset"])]
    pub merge: Vec<PathBuf>,
    /// With --scan: read a gzip file up to this many bytes decompressed (K, M, G); a
    /// file that holds more is counted as skipped
    #[arg(long, value_name = "SIZE", default_value = "1G", value_parser = crate::audit::unpack::parse_size, requires = "scan")]
    pub max_decompressed: u64,
    /// Public key (PEM, DER, certificate, JWK, JWKS, or an https:// URL serving one):
    /// report HS tokens MACed with its bytes; - reads stdin
    #[arg(short, long, value_name = "PATH|URL", group = "key_source", value_parser = KeyLocation::parse)]
    pub key: Option<KeyLocation>,
    #[command(flatten)]
    pub remote: RemoteArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Also try every line of this file as an HMAC secret (streamed, any size); - reads stdin
    #[arg(long, value_name = "FILE")]
    pub wordlist: Option<PathBuf>,
    /// Show found HMAC secrets in full instead of masked
    #[arg(long)]
    pub reveal_secrets: bool,
    /// Print whole tokens instead of their fingerprints
    #[arg(long)]
    pub reveal_tokens: bool,
    /// Skip a rule (repeatable); see --list-rules
    #[arg(long, value_name = "ID", action = ArgAction::Append, value_parser = crate::audit::registry::known_rule)]
    pub ignore_rule: Vec<&'static crate::audit::registry::Rule>,
    /// Re-rank a rule: ID=LEVEL, LEVEL one of critical, high, medium, low, info (repeatable)
    #[arg(long, value_name = "ID=LEVEL", action = ArgAction::Append, value_parser = str::parse::<crate::audit::registry::SeverityOverride>)]
    pub severity: Vec<crate::audit::registry::SeverityOverride>,
    /// Suppress findings recorded in an earlier `--format json` report (by fingerprint); -
    /// reads stdin
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Exit 1 when a finding is at or above this severity [default: high, or what
    /// jwtx.toml says]
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,
    /// Longest acceptable token lifetime (exp - iat; without iat, exp - nbf or exp - now)
    /// before lifetime-too-long [default: 24h, or what jwtx.toml says]
    #[arg(long, value_name = "DURATION", value_parser = time::parse_duration)]
    pub max_lifetime: Option<u64>,
    /// Also check the claims this kind of token must carry
    #[arg(long, value_enum, value_name = "PROFILE")]
    pub profile: Option<AuditProfile>,
    /// Report each token given (argument, @FILE, standard input) as exposed, as if --scan had
    /// found it in a file (token-exposed); for lists of tokens pulled out of logs
    #[arg(long, conflicts_with = "scan")]
    pub treat_as_leaks: bool,
    /// Report tokens whose claims do not match this JSON Schema (claims-schema)
    #[arg(long, value_name = "FILE")]
    pub claims_schema: Option<PathBuf>,
    /// Print the rule registry and exit
    #[arg(long)]
    pub list_rules: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = AuditFormat::Text, value_name = "FORMAT")]
    pub format: AuditFormat,
    /// Short for --format json
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Write the report to FILE (whole, or not at all) instead of standard output; the
    /// summary line, and why the gate failed, still go to standard error
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub time: ClockArgs,
    #[command(flatten)]
    pub decrypt: AuditDecryptArgs,
}

impl AuditArgs {
    pub fn format(&self) -> AuditFormat {
        if self.json {
            AuditFormat::Json
        } else {
            self.format
        }
    }
}

const FIND_EXAMPLES: &str = "\
Examples:
  jwtx find logs/ | cut -f2 | jwtx decode
  jwtx find --unique --json capture.har | jq -r .token | jwtx verify --key jwks.json
  kubectl get secret app -o yaml | jwtx find
  jwtx find --files . | xargs -d '\\n' -n 200 -P 4 jwtx audit --format json --fail-on none --scan

Files and directories are read as `jwtx audit --scan` reads them: directories
recursively, honouring .gitignore and --exclude; gzip files decompressed; UTF-16 and
base64-wrapped tokens (a Kubernetes Secret's data, a base64 HAR body, Basic
credentials) found too. Only text the token parser accepts is printed.

Text output is PATH:LINE:COLUMN, a tab and the token, then, for a token found inside
something, a tab and what it was in (`in base64`, `in gzip`); lines count in the
decoded text. --json prints one object per token (source, line, column, kind,
encoding, url_parameter, fingerprint, token).

Exit codes: 0 tokens found; 1 none found; 2 usage error; 5 an input that could not be
read.";

#[derive(Debug, Args)]
pub struct FindArgs {
    /// Files and directories to search (directories recursively, honouring .gitignore); -
    /// or none reads standard input
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Skip paths matching this glob (repeatable), as `audit --exclude` does
    #[arg(long, value_name = "GLOB", action = ArgAction::Append)]
    pub exclude: Vec<String>,
    /// Print each token once, where it was first found
    #[arg(long)]
    pub unique: bool,
    /// Print the files a search would read, one per line, and search nothing (to split a
    /// search or an audit across processes)
    #[arg(long, conflicts_with_all = ["unique", "format", "json"])]
    pub files: bool,
    /// Read a gzip file up to this many bytes decompressed (K, M, G); a file that holds
    /// more is counted as skipped
    #[arg(long, value_name = "SIZE", default_value = "1G", value_parser = crate::audit::unpack::parse_size)]
    pub max_decompressed: u64,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `audit`'s way into JWEs: a decryption key, a JWE secret, or a framework preset with
/// its secret. The content is audited as well as the JWE header.
#[derive(Debug, Args, Default)]
pub struct AuditDecryptArgs {
    /// Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) and audit the content
    /// too (a nested token or claims, reported as the inner layer); a JWE it does not
    /// open is a jwe-not-decrypted finding
    #[arg(long, value_name = "PATH", group = "decrypt_source")]
    pub decrypt_key: Option<PathBuf>,
    /// The JWE secret (dir, AES key wrap, a PBES2 password) or, with --preset, the
    /// framework's secret, on the command line (visible in the process list; prefer
    /// --secret-file or --secret-env)
    #[arg(long, value_name = "SECRET", group = "decrypt_source", value_parser = redacted)]
    pub secret: Option<Redacted>,
    /// Read the JWE or framework secret from a file, less one trailing newline; - reads stdin
    #[arg(long, value_name = "PATH", group = "decrypt_source")]
    pub secret_file: Option<PathBuf>,
    /// Read the JWE or framework secret from an environment variable (AUTH_SECRET...)
    #[arg(long, value_name = "VAR", group = "decrypt_source")]
    pub secret_env: Option<String>,
    /// Ask for the JWE or framework secret on the terminal, without echo
    #[arg(long, group = "decrypt_source")]
    pub prompt_secret: bool,
    /// How the secret's text stands for its bytes
    #[arg(long, value_parser = encoding_parser(), default_value = "utf8", value_name = "ENCODING")]
    pub secret_encoding: SecretEncoding,
    /// Also open RSA1_5 JWEs to audit their content (jwe-rsa1-5 is reported either way)
    #[arg(long = "allow-rsa1-5", requires = "decrypt_key")]
    pub allow_rsa1_5: bool,
    /// The tokens are a web framework's session cookies (authjs, nextauth-v4, auth0):
    /// search the framework secret among weak secrets (built-in list and --wordlist)
    /// through the framework's key derivation, and with the secret, audit the content
    #[arg(long, value_parser = preset_parser(), value_name = "FRAMEWORK", conflicts_with = "decrypt_key")]
    pub preset: Option<crate::token::jwe::presets::Preset>,
    /// With --preset: the session cookie's name, instead of the framework's defaults
    #[arg(long, value_name = "NAME", requires = "preset")]
    pub cookie_name: Option<String>,
}

// ---- jwtx key: the key toolkit (generate, public, convert, thumbprint, set) ----

const KEY_EXAMPLES: &str = "\
Examples:
  jwtx key generate --alg ES256 --out private.pem --public-out public.pem
  jwtx key convert private.pem --to jwk --kid k1 --out private.jwk
  jwtx key public private.pem --format jwk --kid-thumbprint
  jwtx key thumbprint --uri public.pem
  jwtx key set add jwks.json public.pem --kid-thumbprint
  jwtx key set list jwks.json

Private keys and HMAC secrets go to standard output only when it is not a terminal
(a pipe or a file), or with --unsafe-print-private. Files are written whole or not at
all, private ones readable by their owner only (0600), and an existing file is replaced
only with --force.

Exit codes: 0 done; 2 usage error (including an existing output file without --force,
or private material for a terminal); 5 an output file that cannot be written; 6 a key
or key set that cannot be read, or that the asked format or set cannot hold.";

#[derive(Debug, Args)]
pub struct KeyCommandArgs {
    #[command(subcommand)]
    pub command: KeyCommand,
}

impl KeyCommandArgs {
    pub fn wants_json(&self) -> bool {
        match &self.command {
            KeyCommand::Thumbprint(a) => a.json,
            KeyCommand::Set(KeySetArgs {
                command: KeySetCommand::List(a),
            }) => a.json,
            _ => false,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Generate a private key, or an HMAC secret of the algorithm's full size
    #[command(after_help = KEY_GENERATE_EXAMPLES)]
    Generate(KeyGenerateArgs),
    /// Write the public half of a key
    #[command(after_help = KEY_PUBLIC_EXAMPLES)]
    Public(KeyPublicArgs),
    /// Convert a key between PEM (PKCS#8, PKCS#1, SEC 1, SPKI), DER and JWK
    #[command(after_help = KEY_CONVERT_EXAMPLES)]
    Convert(KeyConvertArgs),
    /// Print a key's RFC 7638 JWK thumbprint
    #[command(after_help = KEY_THUMBPRINT_EXAMPLES)]
    Thumbprint(KeyThumbprintArgs),
    /// Build and edit a key set (JWKS): add, remove and list keys
    #[command(after_help = KEY_SET_EXAMPLES, subcommand_required = true)]
    Set(KeySetArgs),
}

const KEY_GENERATE_EXAMPLES: &str = "\
Examples:
  jwtx key generate --alg ES256 --out private.pem --public-out public.pem
  jwtx key generate --alg RS256 --bits 3072 --format jwk --kid-thumbprint --out rsa.jwk
  jwtx key generate --alg HS256 --out secret.jwk
  jwtx key generate --alg EdDSA | jwtx sign --key - --sub alice
  jwtx key generate --alg ES256 --kid-thumbprint --format jwk --out k.jwk --json | jq -r .kid";

const KEY_PUBLIC_EXAMPLES: &str = "\
Examples:
  jwtx key public private.pem > public.pem
  jwtx key public private.pem --format jwk --kid-thumbprint --use sig";

const KEY_CONVERT_EXAMPLES: &str = "\
Examples:
  jwtx key convert public.pem --to jwk --kid k1
  jwtx key convert private.jwk --to pkcs8 --out private.pem
  jwtx key convert rsa.pem --to pkcs1 --der --out rsa.der";

const KEY_THUMBPRINT_EXAMPLES: &str = "\
Examples:
  jwtx key thumbprint public.pem
  jwtx key thumbprint --uri --hash sha512 key.jwk";

const KEY_SET_EXAMPLES: &str = "\
Examples:
  jwtx key set add jwks.json public.pem --kid-thumbprint
  jwtx key set remove jwks.json k1
  jwtx key set list --json jwks.json";

/// What a key is written as. PEM unless --der; a JWK or base64url text are text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyFormatArg {
    /// PEM: PKCS#8 for a private key, SubjectPublicKeyInfo for a public one
    Pem,
    /// DER: PKCS#8 for a private key, SubjectPublicKeyInfo for a public one
    Der,
    /// A JWK (RFC 7517); the only form, with base64url, for an HMAC secret
    Jwk,
    /// PKCS#8 private key (PEM "PRIVATE KEY")
    Pkcs8,
    /// PKCS#1, RSA only (PEM "RSA PRIVATE KEY" or "RSA PUBLIC KEY")
    Pkcs1,
    /// SEC 1, EC private keys only (PEM "EC PRIVATE KEY")
    Sec1,
    /// SubjectPublicKeyInfo: the public half (PEM "PUBLIC KEY")
    Spki,
    /// An HMAC secret's bytes as base64url text, for --secret-file with
    /// --secret-encoding base64url
    Base64url,
}

// The JWK members a written key carries (kid, use, alg).
#[derive(Debug, Args)]
pub struct KidArgs {
    /// Key ID (kid) for JWK output
    #[arg(
        long,
        value_name = "KID",
        conflicts_with = "kid_thumbprint",
        allow_hyphen_values = true
    )]
    pub kid: Option<String>,
    /// Set the kid to the key's RFC 7638 SHA-256 thumbprint
    #[arg(long)]
    pub kid_thumbprint: bool,
    /// The JWK's "use" member: sig (signatures) or enc (encryption)
    #[arg(long = "use", value_name = "USE", value_parser = ["sig", "enc"])]
    pub usage: Option<String>,
}

// Where a key command writes its key.
#[derive(Debug, Args)]
pub struct KeyOutArgs {
    /// Write the key to FILE (whole or not at all; owner-only for private material)
    /// instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace output files that already exist
    #[arg(long)]
    pub force: bool,
    /// Print private key material even when standard output is a terminal
    #[arg(long)]
    pub unsafe_print_private: bool,
}

#[derive(Debug, Args)]
pub struct KeyGenerateArgs {
    /// The algorithm the key is for; its JWK gets this "alg"
    #[arg(long, value_parser = alg_parser(), value_name = "ALG")]
    pub alg: Alg,
    /// RSA modulus size: 2048 (the default), 3072, 4096 or 8192; smaller is refused
    #[arg(long, value_name = "N", value_parser = rsa_bits_parser)]
    pub bits: Option<usize>,
    /// Output format: pem (the default for RSA, EC and EdDSA), der, jwk (the default for
    /// HMAC secrets), pkcs8, pkcs1, sec1, base64url
    #[arg(
        long,
        visible_alias = "to",
        value_enum,
        value_name = "FORMAT",
        hide_possible_values = true
    )]
    pub format: Option<KeyFormatArg>,
    /// With pem, pkcs8, pkcs1 or sec1: write DER instead of PEM
    #[arg(long)]
    pub der: bool,
    #[command(flatten)]
    pub kid: KidArgs,
    #[command(flatten)]
    pub out: KeyOutArgs,
    /// Also write the public half to FILE (SPKI PEM or DER, or a public JWK, as --format)
    #[arg(long, value_name = "FILE")]
    pub public_out: Option<PathBuf>,
    /// Describe the key as one JSON object on standard output (alg, kty, curve or bits,
    /// kid, thumbprint, files written); without --out the key itself is its "key" member
    #[arg(long)]
    pub json: bool,
}

/// `--bits`: a number, at least 2048 (RFC 7518 §3.3).
fn rsa_bits_parser(text: &str) -> Result<usize, String> {
    let bits: usize = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number of bits"))?;
    if bits < crate::token::keys::MIN_RSA_BITS {
        return Err(format!(
            "RSA keys under {} bits are refused (RFC 7518 §3.3)",
            crate::token::keys::MIN_RSA_BITS
        ));
    }
    if !crate::token::keys::generate::RSA_SIZES.contains(&bits) {
        return Err("RSA keys are generated with 2048, 3072, 4096 or 8192 bits".into());
    }
    Ok(bits)
}

#[derive(Debug, Args)]
pub struct KeyPublicArgs {
    /// The key: PEM, DER, a JWK or a one-key JWKS, private or public; - reads stdin
    #[arg(value_name = "KEY")]
    pub key: PathBuf,
    /// Output format: pem (the default: SubjectPublicKeyInfo), der, jwk, spki, pkcs1
    #[arg(
        long,
        visible_alias = "to",
        value_enum,
        value_name = "FORMAT",
        hide_possible_values = true
    )]
    pub format: Option<KeyFormatArg>,
    /// With pem, spki or pkcs1: write DER instead of PEM
    #[arg(long)]
    pub der: bool,
    #[command(flatten)]
    pub kid: KidArgs,
    /// The JWK's "alg" member; it must suit the key (the key's own by default)
    #[arg(long = "alg", value_parser = alg_parser(), value_name = "ALG")]
    pub alg: Option<Alg>,
    #[command(flatten)]
    pub out: KeyOutArgs,
}

#[derive(Debug, Args)]
pub struct KeyConvertArgs {
    /// The key: PEM, DER, a JWK or a one-key JWKS, private or public; - reads stdin
    #[arg(value_name = "KEY")]
    pub key: PathBuf,
    /// Output format: pem, der, jwk, pkcs8, pkcs1, sec1, spki (the public half) or
    /// base64url (an HMAC secret)
    #[arg(
        long,
        visible_alias = "format",
        value_enum,
        value_name = "FORMAT",
        hide_possible_values = true
    )]
    pub to: KeyFormatArg,
    /// With pem, pkcs8, pkcs1, sec1 or spki: write DER instead of PEM
    #[arg(long)]
    pub der: bool,
    #[command(flatten)]
    pub kid: KidArgs,
    /// The JWK's "alg" member; it must suit the key (the key's own by default)
    #[arg(long = "alg", value_parser = alg_parser(), value_name = "ALG")]
    pub alg: Option<Alg>,
    #[command(flatten)]
    pub out: KeyOutArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThumbprintHashArg {
    Sha256,
    Sha384,
    Sha512,
}

#[derive(Debug, Args)]
pub struct KeyThumbprintArgs {
    /// The key: PEM, DER, a JWK or a one-key JWKS; - reads stdin
    #[arg(value_name = "KEY")]
    pub key: PathBuf,
    /// The hash
    #[arg(long, value_enum, default_value_t = ThumbprintHashArg::Sha256, value_name = "HASH")]
    pub hash: ThumbprintHashArg,
    /// Print the RFC 9278 URI (urn:ietf:params:oauth:jwk-thumbprint:sha-256:...)
    #[arg(long)]
    pub uri: bool,
    /// Print a JSON object with the thumbprint, its URI, the hash and the key's kid
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct KeySetArgs {
    #[command(subcommand)]
    pub command: KeySetCommand,
}

#[derive(Debug, Subcommand)]
pub enum KeySetCommand {
    /// Add a key to a JWKS file (created if missing) and print its kid
    Add(KeySetAddArgs),
    /// Remove the key with a kid from a JWKS file
    Remove(KeySetRemoveArgs),
    /// List a JWKS's keys: kid, type, alg, use and thumbprint
    List(KeySetListArgs),
}

#[derive(Debug, Args)]
pub struct KeySetAddArgs {
    /// The JWKS file to edit (created if it does not exist)
    #[arg(value_name = "JWKS_FILE")]
    pub jwks: PathBuf,
    /// The key to add: PEM, DER or a JWK; - reads stdin
    #[arg(value_name = "KEY")]
    pub key: PathBuf,
    #[command(flatten)]
    pub kid: KidArgs,
    /// The JWK's "alg" member; it must suit the key (the key's own by default)
    #[arg(long = "alg", value_parser = alg_parser(), value_name = "ALG")]
    pub alg: Option<Alg>,
    /// Store a private key or an HMAC secret as it is; without this, a private key is
    /// refused (a published key set must hold public keys only)
    #[arg(long)]
    pub allow_private: bool,
}

#[derive(Debug, Args)]
pub struct KeySetRemoveArgs {
    /// The JWKS file to edit
    #[arg(value_name = "JWKS_FILE")]
    pub jwks: PathBuf,
    /// The kid of the key to remove
    #[arg(value_name = "KID", allow_hyphen_values = true)]
    pub kid: String,
}

#[derive(Debug, Args)]
pub struct KeySetListArgs {
    /// The JWKS file; - reads stdin
    #[arg(value_name = "JWKS_FILE")]
    pub jwks: PathBuf,
    /// JSON Lines: one object per key
    #[arg(long)]
    pub json: bool,
}

// ---- end of jwtx key ----

impl Cli {
    /// Whether the command asked for JSON, so a run-level error can be JSON too.
    pub fn wants_json(&self) -> bool {
        let output = match &self.command {
            Command::Decode(a) => &a.output,
            Command::Verify(a) => &a.output,
            Command::Sign(a) => &a.output,
            Command::Expiry(a) => &a.output,
            Command::Audit(a) => return a.format() != AuditFormat::Text,
            Command::Find(a) => &a.output,
            Command::Key(a) => return a.wants_json(),
            Command::Cache(a) => return matches!(a.action, CacheAction::List { json: true }),
            Command::Decrypt(a) => &a.output,
            Command::Encrypt(a) => &a.output,
            Command::Config(_) => return false,
            Command::Completions(_) | Command::Man(_) => return false,
        };
        output.format() == Format::Json
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use serde_json::json;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn json_is_short_for_format_json() {
        let cli = Cli::try_parse_from(["jwtx", "decode", "--json", "x"]).unwrap();
        assert!(cli.wants_json());
        assert!(
            Cli::try_parse_from(["jwtx", "decode", "--json", "--format", "text", "x"]).is_err()
        );
    }

    #[test]
    fn assignments_follow_the_httpie_convention() {
        let parsed = |text: &str| parse_assignment(text).map(|a| (a.name, a.value)).unwrap();
        assert_eq!(parsed("sub=12345"), ("sub".into(), json!("12345")));
        assert_eq!(parsed("n:=12345"), ("n".into(), json!(12345)));
        assert_eq!(parsed("a:=[1,2]"), ("a".into(), json!([1, 2])));
        assert_eq!(parsed("eq=a=b"), ("eq".into(), json!("a=b")));
        assert!(parse_assignment("novalue").is_err());
        assert!(parse_assignment("=x").is_err());
        assert!(parse_assignment("bad:=nope").is_err());
    }

    #[test]
    fn one_key_source_at_a_time() {
        assert!(
            Cli::try_parse_from(["jwtx", "verify", "--secret", "a", "--key", "k", "t"]).is_err()
        );
    }
}
