//! The token core shared by every command: parsing, keys, signing, verification and
//! claim checks. It knows nothing of the command line and prints nothing.

pub mod alg;
pub mod b64;
pub mod claims;
pub mod der;
pub mod json;
pub mod jwe;
pub mod keys;
pub mod parse;
pub mod schema;
pub mod secret;
pub mod sign;
pub mod strict;
pub mod time;
pub mod verify;

pub use alg::Alg;
pub use keys::{KeyError, KeyKind, KeySet, SigningKey, VerifyingKey};
pub use parse::{AlgField, Anomaly, ClaimOf, ClaimRead, Form, ParseError, Payload, Token};
pub use secret::{Secret, SecretEncoding};
pub use verify::{SigFailure, Verifier};

/// Selects aws-lc as jsonwebtoken's crypto backend. jsonwebtoken 11 picks its backend at
/// run time and panics on first use if none (or both) were chosen at build time; jwtx
/// does its own signing through aws-lc-rs, but installs the provider once so that any
/// jsonwebtoken call is safe.
pub fn install_crypto_provider() {
    let _ = jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER.install_default();
}
