//! The exit-code contract, documented once. `--help`, the man pages and the README
//! all quote [`EXIT_CODES_HELP`].

use std::process::ExitCode;

use crate::remote::FetchError;
use crate::token::keys::KeyError;
use crate::token::secret::SecretError;
use crate::token::time::TimeError;
use crate::token::{ParseError, SigFailure};

/// What a run, or one token, came to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Exit {
    /// Everything checked out.
    #[default]
    Ok = 0,
    /// Verification failed: bad signature, algorithm not allowed, `alg: none`;
    /// for `audit`, a finding at or above `--fail-on`.
    Invalid = 1,
    /// The command line is wrong.
    Usage = 2,
    /// The token is expired or not yet valid.
    Expired = 3,
    /// A claim check failed (iss, aud, sub, a required claim, a malformed time claim).
    Claim = 4,
    /// Malformed token or unreadable input.
    Malformed = 5,
    /// Key problem: unreadable, unsupported, wrong type for the algorithm, no key for the kid.
    Key = 6,
}

pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  ok
  1  verification failed (bad signature, algorithm not allowed, alg none, revoked);
     audit: a finding at or above --fail-on; find: no token found
  2  usage error
  3  expired or not yet valid
  4  a claim check failed (iss, aud, sub, required claim, malformed time claim)
  5  malformed token or unreadable input
  6  key problem (unreadable, unsupported, wrong type for the algorithm, too small,
     no key for the kid, a key URL that cannot be fetched)
With several tokens the most serious outcome wins: 1 > 6 > 5 > 4 > 3 > 0.";

impl Exit {
    pub fn code(self) -> u8 {
        self as u8
    }

    /// Seriousness for combining per-token outcomes: 1 > 6 > 5 > 4 > 3 > 0.
    fn rank(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::Expired => 1,
            Exit::Claim => 2,
            Exit::Malformed => 3,
            Exit::Key => 4,
            Exit::Invalid => 5,
            Exit::Usage => 6,
        }
    }

    /// The more serious of two outcomes.
    pub fn worst(self, other: Exit) -> Exit {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }

    /// A short stable name for JSON output.
    pub fn kind(self) -> &'static str {
        match self {
            Exit::Ok => "ok",
            Exit::Invalid => "invalid",
            Exit::Usage => "usage",
            Exit::Expired => "expired",
            Exit::Claim => "claim",
            Exit::Malformed => "malformed",
            Exit::Key => "key",
        }
    }

    /// The outcome of a signature check that did not succeed.
    pub fn for_sig_failure(f: &SigFailure) -> Exit {
        match f {
            SigFailure::Encrypted | SigFailure::Anomalies(_) => Exit::Malformed,
            SigFailure::NoKeyForKid(_)
            | SigFailure::AmbiguousKid(..)
            | SigFailure::Key(_)
            | SigFailure::WeakKey(_) => Exit::Key,
            SigFailure::Unsecured
            | SigFailure::Critical(_)
            | SigFailure::AlgNotAllowed { .. }
            | SigFailure::BadSignature => Exit::Invalid,
        }
    }

    /// The exit code for a run-level error, from the typed error at its root.
    pub fn for_error(err: &anyhow::Error) -> Exit {
        for cause in err.chain() {
            if cause.is::<KeyError>()
                || cause.is::<SecretError>()
                || cause.is::<KeyRefused>()
                || cause.is::<FetchError>()
            {
                return Exit::Key;
            }
            if cause.is::<UsageError>() || cause.is::<TimeError>() {
                return Exit::Usage;
            }
            if cause.is::<ParseError>() || cause.is::<InputError>() || cause.is::<std::io::Error>()
            {
                return Exit::Malformed;
            }
        }
        Exit::Malformed
    }
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e.code())
    }
}

/// A key the core refused, explained in the command line's terms (exit 6).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct KeyRefused(pub String);

/// A command line that cannot work, found after clap accepted it (exit 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seriousness_order() {
        let order = [
            Exit::Ok,
            Exit::Expired,
            Exit::Claim,
            Exit::Malformed,
            Exit::Key,
            Exit::Invalid,
        ];
        for pair in order.windows(2) {
            assert_eq!(pair[0].worst(pair[1]), pair[1]);
            assert_eq!(pair[1].worst(pair[0]), pair[1]);
        }
    }
}

/// Input that cannot be read or is not what the command needs (exit 5).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);
