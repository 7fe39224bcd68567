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
    /// Show or empty the cache of keys fetched from URLs
    #[command(after_help = CACHE_EXAMPLES)]
    Cache(CacheArgs),
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
    #[arg(value_name = "COMMAND", value_parser = ["decode", "verify", "sign", "expiry", "audit", "cache", "completions", "man"])]
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

Exit codes: 0 no finding at or above --fail-on (default high); 1 a finding at or above it;
2 usage error (including two inputs reading standard input); 5 unreadable input;
6 unusable --key.";

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
    /// exactly ISSUER unless --iss says otherwise
    #[arg(long, value_name = "ISSUER", group = "key_source", help_heading = REMOTE)]
    pub oidc: Option<String>,
    /// Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s;
    /// connecting alone is limited to 5s
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_timeout, help_heading = REMOTE)]
    pub timeout: Duration,
    /// Trust the CA certificates in this PEM file instead of the built-in web PKI roots
    #[arg(long, value_name = "FILE", env = "SSL_CERT_FILE", hide_env_values = true, help_heading = REMOTE)]
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
    #[arg(long, default_value = "0", value_name = "DURATION", value_parser = time::parse_duration)]
    pub leeway: u64,
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
    /// Require this claim to be present (repeatable)
    #[arg(long, value_name = "CLAIM", action = ArgAction::Append)]
    pub require: Vec<String>,
    /// Do not check exp: a signature-only check (nbf and iat still apply)
    #[arg(long)]
    pub ignore_exp: bool,
    #[command(flatten)]
    pub time: ClockArgs,
    #[command(flatten)]
    pub output: OutputArgs,
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

    /// Key ID header (kid); defaults to the JWK's kid, if any
    #[arg(long, value_name = "KID")]
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
    /// Verify the signature first with this key source (as in `jwtx verify`)
    #[command(flatten)]
    pub key: KeyArgs,
    #[command(flatten)]
    pub remote: RemoteArgs,
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
    /// Public key (PEM, DER, certificate, JWK, JWKS, or an https:// URL serving one):
    /// report HS tokens MACed with its bytes; - reads stdin
    #[arg(short, long, value_name = "PATH|URL", group = "key_source", value_parser = KeyLocation::parse)]
    pub key: Option<KeyLocation>,
    #[command(flatten)]
    pub remote: RemoteArgs,
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
    /// Exit 1 when a finding is at or above this severity
    #[arg(long, value_enum, default_value_t = FailOn::High, value_name = "LEVEL")]
    pub fail_on: FailOn,
    /// Longest acceptable token lifetime (exp - iat) before lifetime-too-long
    #[arg(long, default_value = "24h", value_name = "DURATION", value_parser = time::parse_duration)]
    pub max_lifetime: u64,
    /// Also check the claims this kind of token must carry
    #[arg(long, value_enum, value_name = "PROFILE")]
    pub profile: Option<AuditProfile>,
    /// Report each token given (argument, @FILE, standard input) as exposed, as if --scan had
    /// found it in a file (token-exposed); for lists of tokens pulled out of logs
    #[arg(long, conflicts_with = "scan")]
    pub treat_as_leaks: bool,
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

impl Cli {
    /// Whether the command asked for JSON, so a run-level error can be JSON too.
    pub fn wants_json(&self) -> bool {
        let output = match &self.command {
            Command::Decode(a) => &a.output,
            Command::Verify(a) => &a.output,
            Command::Sign(a) => &a.output,
            Command::Expiry(a) => &a.output,
            Command::Audit(a) => return a.format() != AuditFormat::Text,
            Command::Cache(a) => return matches!(a.action, CacheAction::List { json: true }),
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
