//! Secret rules: HMAC tokens anyone can forge (the empty secret, a guessable secret,
//! the public key's bytes used as the secret). Key confusion is a per-token check; the
//! empty and guessable secrets are found by [`SecretSearch`] over a whole batch.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::audit::checks::{Config, Finding, Out};
use crate::audit::registry::{Rule, Severity};
use crate::audit::sensitive;
use crate::audit::weak::{self, Encoding, Search, Target};
use crate::exit::InputError;
use crate::input::Source;
use crate::output::escape;
use crate::token::alg::Family;
use crate::token::{Alg, AlgField, Token, VerifyingKey};

const CATEGORY: &str = "secret";

pub static HMAC_EMPTY_SECRET: Rule = Rule {
    id: "hmac-empty-secret",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "HMAC signed with an empty secret",
    why: "A token MACed with the empty key can be forged by anyone.",
    fix: "Generate a random secret of at least as many bytes as the hash output (32 for HS256) and rotate it.",
    reference: "RFC 7518 §3.2; RFC 8725 §3.5",
};

pub static HMAC_WEAK_SECRET: Rule = Rule {
    id: "hmac-weak-secret",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "HMAC signed with a guessable secret",
    why: "The token's HMAC secret was found in a list of known, default or common secrets, so anyone can forge tokens with it.",
    fix: "Replace the secret with at least 32 random bytes, rotate it, and invalidate tokens signed with the old one.",
    reference: "RFC 8725 §3.5; RFC 7518 §3.2",
};

pub static KEY_CONFUSION: Rule = Rule {
    id: "key-confusion",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "HMAC signed with the public key (algorithm confusion)",
    why: "The HS* token verifies when the given public key's bytes are used as the HMAC secret: a verifier that takes alg from the token accepts this forgery.",
    fix: "Pin the algorithm per key in every verifier; never let the token's alg choose the key type.",
    reference: "RFC 8725 §2.1, §3.1; CVE-2016-10555; CVE-2022-29217",
};

pub(crate) fn key_confusion(token: &Token, config: &Config, out: &mut Out<'_>) {
    let Some(alg) = token.alg().known() else {
        return;
    };
    if alg.family() != Family::Hmac {
        return;
    }
    for (label, key) in config.confusion_keys.iter() {
        if key
            .verify(alg, token.signing_input(), token.signature())
            .unwrap_or(false)
        {
            out.add(
                &KEY_CONFUSION,
                format!("the {alg} signature verifies with the public key's {label} as the HMAC secret: a forged token"),
                Some("signature".into()),
            );
            return;
        }
    }
}

/// HS tokens with a longer signing input are not searched for weak secrets: the cost
/// grows with the token, and such tokens are already reported as oversized.
const MAX_SEARCHED_INPUT: usize = 64 * 1024;

/// A parsed token of the batch and the findings it has so far.
pub struct Suspect<'a> {
    pub token: &'a Token,
    pub findings: &'a mut Vec<Finding>,
}

/// The weak-secret search (rules `hmac-empty-secret` and `hmac-weak-secret`), run
/// candidate-major over a whole batch of tokens; see [`crate::audit::weak`].
pub struct SecretSearch<'a> {
    /// Try the empty secret.
    pub empty: bool,
    /// Try the built-in list and the wordlist.
    pub weak: bool,
    /// Show found secrets in full instead of masked.
    pub reveal: bool,
    /// A regular file (see [`Wordlist`]).
    pub wordlist: Option<&'a Path>,
}

impl SecretSearch<'_> {
    /// Searches the secrets of every HS token among `suspects`: the empty secret, the
    /// built-in list, then the wordlist; each hit is re-verified by the token core and
    /// added to its token's findings.
    pub fn run(&self, suspects: &mut [Suspect<'_>]) -> Result<()> {
        if !self.empty && !self.weak {
            return Ok(());
        }
        let targets: Vec<Target> = suspects
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let alg = c.token.alg().known()?;
                if c.token.signing_input().len() > MAX_SEARCHED_INPUT {
                    return None;
                }
                Target::new(i, alg, c.token.signing_input(), c.token.signature())
            })
            .collect();
        if targets.is_empty() {
            return Ok(());
        }
        let mut search = Search::new(targets);
        if self.empty {
            for hit in search.offer(&[""]) {
                self.record_secret(
                    suspects,
                    hit.target,
                    b"",
                    &HMAC_EMPTY_SECRET,
                    "the empty secret",
                );
            }
        }
        if !self.weak {
            return Ok(());
        }
        let builtin = &*weak::BUILTIN;
        let base = search.offered();
        for hit in search.offer(builtin) {
            let secret = builtin[hit.candidate - base].as_bytes();
            self.record_candidate(suspects, hit, secret, "the built-in list");
        }
        let Some(path) = self.wordlist else {
            return Ok(());
        };
        if !search.pending() {
            return Ok(());
        }
        weak::wordlist_chunks(path, |lines, numbers| {
            let base = search.offered();
            for hit in search.offer(lines) {
                let i = hit.candidate - base;
                let from = format!("the wordlist (line {})", numbers[i]);
                self.record_candidate(suspects, hit, lines[i], &from);
            }
            search.pending()
        })
    }

    fn record_candidate(
        &self,
        suspects: &mut [Suspect<'_>],
        hit: weak::Hit,
        text: &[u8],
        from: &str,
    ) {
        let secret: Vec<u8> = match hit.encoding {
            Encoding::Text => text.to_vec(),
            Encoding::Base64Decoded => {
                let mut decoded = Vec::new();
                if !weak::decode_base64(text, &mut decoded) {
                    return;
                }
                decoded
            }
        };
        let shown = String::from_utf8_lossy(text);
        let shown = if self.reveal {
            format!("{:?}", escape(&shown))
        } else {
            sensitive::mask(&shown)
        };
        let how = match hit.encoding {
            Encoding::Text => "as text".to_owned(),
            Encoding::Base64Decoded => "base64-decoded".to_owned(),
        };
        let description = format!("{shown} from {from}, {how}");
        self.record_secret(
            suspects,
            hit.target,
            &secret,
            &HMAC_WEAK_SECRET,
            &description,
        );
    }

    /// Re-verifies a guessed secret through the token core and, if it holds, adds the
    /// finding to its token.
    fn record_secret(
        &self,
        suspects: &mut [Suspect<'_>],
        target: usize,
        secret: &[u8],
        rule: &'static Rule,
        description: &str,
    ) {
        let Some(c) = suspects.get_mut(target) else {
            return;
        };
        let AlgField::Known(alg) = *c.token.alg() else {
            return;
        };
        if !matches!(alg, Alg::HS256 | Alg::HS384 | Alg::HS512)
            || !VerifyingKey::hmac_matches(
                secret,
                alg,
                c.token.signing_input(),
                c.token.signature(),
            )
        {
            return;
        }
        c.findings.push(Finding {
            rule,
            severity: rule.severity,
            message: format!(
                "the {alg} signature verifies with {description}: anyone can forge tokens"
            ),
            location: Some("signature".into()),
        });
    }
}

/// `--wordlist`, readable once per batch: a pipe or a FIFO could only be read once, so
/// such a wordlist is first copied to a temporary file, deleted when this is dropped.
pub struct Wordlist {
    path: PathBuf,
    _copy: Option<tempfile::NamedTempFile>,
}

impl Wordlist {
    /// The wordlist at `source`: a regular file as it is; standard input, a pipe or a
    /// device copied to a temporary file first.
    pub fn open(source: &Source) -> Result<Wordlist> {
        let name = source.label();
        let unreadable = |e: io::Error| InputError(format!("cannot read wordlist {name}: {e}"));
        let mut reader: Box<dyn Read> = match source {
            Source::File(path) => {
                let file = File::open(path).map_err(unreadable)?;
                if file.metadata().map_err(unreadable)?.is_file() {
                    return Ok(Wordlist {
                        path: path.to_owned(),
                        _copy: None,
                    });
                }
                Box::new(file)
            }
            Source::Stdin => Box::new(io::stdin().lock()),
            Source::Argument => Box::new(io::empty()),
        };
        let mut copy = tempfile::NamedTempFile::new().map_err(unreadable)?;
        io::copy(&mut reader, copy.as_file_mut()).map_err(unreadable)?;
        Ok(Wordlist {
            path: copy.path().to_owned(),
            _copy: Some(copy),
        })
    }

    /// The regular file to read.
    pub fn path(&self) -> &Path {
        &self.path
    }
}
