//! The weak-secret search over framework session cookies (`audit --preset`): each
//! candidate secret (the built-in list, then `--wordlist`) goes through the framework's
//! key derivation once per cookie name, and the derived key is tested against every
//! cookie of the batch by the cheapest check that proves it: an Auth.js `kid` (the
//! derived key's RFC 7638 thumbprint: one hash, no decryption), else the content's own
//! authentication tag (HMAC-SHA-512 for A256CBC-HS512, an AES-256-GCM open for A256GCM).
//! HKDF's extract step is keyed with the salt (the cookie name), so that HMAC state is
//! computed once per name, not per candidate. A match is only a lead: the caller opens
//! the cookie through the token core before reporting it.

use std::path::Path;

use anyhow::Result;
use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use rayon::prelude::*;
use sha2::{Digest, Sha256, Sha512};
use zeroize::Zeroizing;

use super::checks::Finding;
use super::rules::encryption::SESSION_COOKIE_WEAK_SECRET;
use super::sensitive;
use super::weak;
use crate::output::escape;
use crate::token::jwe::presets::{self, Preset};
use crate::token::jwe::{Enc, KeyAlg, Parts};
use crate::token::{Secret, Token};

type HmacSha256 = Hmac<Sha256>;
type HmacSha512 = Hmac<Sha512>;

/// Candidates tested per parallel work unit.
const PER_TASK: usize = 512;
/// Cookies with more ciphertext than this are tested by their kid only (the tag check
/// grows with the cookie; browsers cap a cookie at 4 KiB, chunks joined at a few times that).
const MAX_TAGGED: usize = 64 * 1024;

/// How a derived key is recognised as a cookie's.
enum Check {
    /// Auth.js: the `kid` is the SHA-512 (64-byte key) or SHA-256 (32-byte key)
    /// thumbprint of the derived key as an `oct` JWK.
    Kid(Vec<u8>),
    /// A256CBC-HS512: the first 32 bytes of HMAC-SHA-512, keyed with the first half of
    /// the key, over AAD || IV || ciphertext || AL (RFC 7518 §5.2.2.1).
    CbcTag { input: Vec<u8>, tag: Vec<u8> },
    /// A256GCM: the tag is checked by opening the content.
    Gcm {
        aad: Vec<u8>,
        iv: [u8; 12],
        sealed: Vec<u8>,
    },
}

/// One cookie under test.
pub struct Target {
    /// The caller's identifier.
    pub id: usize,
    enc: Enc,
    check: Check,
}

impl Target {
    /// A cookie `preset`'s framework could have made: `dir`, one of its content
    /// encryptions, well-formed parts. `None` for anything else.
    pub fn new(id: usize, preset: Preset, token: &Token) -> Option<Target> {
        let parts = Parts::of(token).ok()?;
        let header = parts.header;
        if header.get("alg")?.as_str()? != KeyAlg::Dir.name() {
            return None;
        }
        let enc: Enc = header.get("enc")?.as_str()?.parse().ok()?;
        if !preset.encs().contains(&enc)
            || parts.iv.len() != enc.iv_len()
            || parts.tag.len() != enc.tag_len()
        {
            return None;
        }
        let kid = header
            .get("kid")
            .and_then(|k| k.as_str())
            .filter(|_| preset == Preset::AuthJs)
            .and_then(|k| {
                base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(k)
                    .ok()
            })
            .filter(|k| k.len() == if enc == Enc::A256Gcm { 32 } else { 64 });
        let check = match kid {
            Some(kid) => Check::Kid(kid),
            None if parts.ciphertext.len() > MAX_TAGGED => return None,
            None if enc == Enc::A256Gcm => {
                let mut sealed = parts.ciphertext.clone();
                sealed.extend_from_slice(&parts.tag);
                Check::Gcm {
                    aad: parts.aad.as_bytes().to_vec(),
                    iv: parts.iv.as_slice().try_into().ok()?,
                    sealed,
                }
            }
            None => {
                let aad = parts.aad.as_bytes();
                let mut input = Vec::with_capacity(aad.len() + 16 + parts.ciphertext.len() + 8);
                input.extend_from_slice(aad);
                input.extend_from_slice(&parts.iv);
                input.extend_from_slice(&parts.ciphertext);
                input.extend_from_slice(&(aad.len() as u64 * 8).to_be_bytes());
                Check::CbcTag {
                    input,
                    tag: parts.tag.clone(),
                }
            }
        };
        Some(Target { id, enc, check })
    }

    fn matches(&self, key: &[u8], scratch: &mut Vec<u8>) -> bool {
        match &self.check {
            Check::Kid(kid) => thumbprint_matches(key, kid),
            Check::CbcTag { input, tag } => {
                let Ok(mut mac) = HmacSha512::new_from_slice(&key[..32]) else {
                    return false;
                };
                mac.update(input);
                mac.finalize().into_bytes()[..32] == tag[..]
            }
            Check::Gcm { aad, iv, sealed } => {
                let Ok(unbound) = UnboundKey::new(&AES_256_GCM, key) else {
                    return false;
                };
                let key = LessSafeKey::new(unbound);
                scratch.clear();
                scratch.extend_from_slice(sealed);
                key.open_in_place(
                    Nonce::assume_unique_for_key(*iv),
                    Aad::from(aad.as_slice()),
                    scratch,
                )
                .is_ok()
            }
        }
    }
}

/// Whether `kid` is the RFC 7638 thumbprint Auth.js computes for `key`.
fn thumbprint_matches(key: &[u8], kid: &[u8]) -> bool {
    let mut json = [0u8; 128];
    let k = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let head = b"{\"k\":\"";
    let tail = b"\",\"kty\":\"oct\"}";
    json[..head.len()].copy_from_slice(head);
    let Ok(n) = k.encode_slice(key, &mut json[head.len()..]) else {
        return false;
    };
    let end = head.len() + n;
    json[end..end + tail.len()].copy_from_slice(tail);
    let json = &json[..end + tail.len()];
    if kid.len() == 64 {
        Sha512::digest(json)[..] == kid[..]
    } else {
        Sha256::digest(json)[..] == kid[..]
    }
}

/// One HKDF-SHA256 derivation the framework makes: the extract step keyed with the salt
/// (computed once), the info, the output length.
struct Derivation {
    salt: HmacSha256,
    info: Vec<u8>,
    /// 64 when any target needs A256CBC-HS512's key; a 32-byte key is its first half
    /// (HKDF's first output block does not depend on the length asked).
    len: usize,
}

impl Derivation {
    /// `None` only if HMAC refused the salt as a key, which it never does.
    fn new(preset: Preset, cookie_name: &str, len: usize) -> Option<Derivation> {
        let (salt, info) = match preset {
            Preset::AuthJs => (
                cookie_name.as_bytes(),
                format!("Auth.js Generated Encryption Key ({cookie_name})").into_bytes(),
            ),
            Preset::NextAuthV4 => (&b""[..], b"NextAuth.js Generated Encryption Key".to_vec()),
            Preset::Auth0 => (&b""[..], b"JWE CEK".to_vec()),
        };
        Some(Derivation {
            // An empty salt is HMAC's all-zero key, which HMAC pads to anyway.
            salt: HmacSha256::new_from_slice(salt).ok()?,
            info,
            len,
        })
    }

    /// HKDF-SHA256 (RFC 5869) of `secret` into `out` (`self.len` bytes).
    fn derive(&self, secret: &[u8], out: &mut [u8; 64]) {
        let mut extract = self.salt.clone();
        extract.update(secret);
        let prk = extract.finalize().into_bytes();
        let Ok(expand) = HmacSha256::new_from_slice(&prk) else {
            return;
        };
        let mut t1 = expand.clone();
        t1.update(&self.info);
        t1.update(&[1]);
        let t1 = t1.finalize().into_bytes();
        out[..32].copy_from_slice(&t1);
        if self.len == 64 {
            let mut t2 = expand;
            t2.update(&t1);
            t2.update(&self.info);
            t2.update(&[2]);
            out[32..].copy_from_slice(&t2.finalize().into_bytes());
        }
    }
}

/// A match: target `target` opens with candidate number `candidate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub target: usize,
    pub candidate: usize,
}

/// The cookies still unmatched.
pub struct Search {
    derivations: Vec<Derivation>,
    targets: Vec<Target>,
    offered: usize,
}

impl Search {
    /// A search over `targets`, all cookies of `preset`, deriving for each of
    /// `cookie_names` (Auth.js) or once (the others, which do not salt with the name).
    pub fn new(preset: Preset, cookie_names: &[String], targets: Vec<Target>) -> Search {
        let len = if targets.iter().any(|t| t.enc == Enc::A256CbcHs512) {
            64
        } else {
            32
        };
        let derivations = if preset.salted_by_cookie_name() {
            cookie_names
                .iter()
                .filter_map(|name| Derivation::new(preset, name, len))
                .collect()
        } else {
            Derivation::new(preset, "", len).into_iter().collect()
        };
        Search {
            derivations,
            targets,
            offered: 0,
        }
    }

    pub fn pending(&self) -> bool {
        !self.targets.is_empty()
    }

    pub fn offered(&self) -> usize {
        self.offered
    }

    /// Tests the next candidates against every unmatched cookie, in parallel; for each
    /// cookie the earliest matching candidate wins. Returns the new matches by the
    /// targets' ids.
    pub fn offer<S: AsRef<[u8]> + Sync>(&mut self, candidates: &[S]) -> Vec<Hit> {
        let base = self.offered;
        self.offered += candidates.len();
        if self.targets.is_empty() || candidates.is_empty() {
            return Vec::new();
        }
        let found: Vec<Hit> = candidates
            .par_chunks(PER_TASK)
            .enumerate()
            .flat_map_iter(|(task, chunk)| {
                let mut hits = Vec::new();
                let mut key = Zeroizing::new([0u8; 64]);
                let mut scratch = Vec::new();
                for (i, candidate) in chunk.iter().enumerate() {
                    let secret = candidate.as_ref();
                    if secret.is_empty() {
                        continue;
                    }
                    for derivation in &self.derivations {
                        derivation.derive(secret, &mut key);
                        for (position, target) in self.targets.iter().enumerate() {
                            let len = target.enc.cek_len();
                            if target.matches(&key[..len], &mut scratch) {
                                hits.push(Hit {
                                    target: position,
                                    candidate: base + task * PER_TASK + i,
                                });
                            }
                        }
                    }
                }
                hits
            })
            .collect();
        let mut first: Vec<Option<usize>> = vec![None; self.targets.len()];
        for hit in found {
            let slot = &mut first[hit.target];
            if slot.is_none_or(|c| hit.candidate < c) {
                *slot = Some(hit.candidate);
            }
        }
        let mut kept = Vec::with_capacity(self.targets.len());
        let mut new = Vec::new();
        for (target, hit) in std::mem::take(&mut self.targets).into_iter().zip(first) {
            match hit {
                Some(candidate) => new.push(Hit {
                    target: target.id,
                    candidate,
                }),
                None => kept.push(target),
            }
        }
        self.targets = kept;
        new
    }
}

/// A cookie of the batch and the findings it has so far.
pub struct Suspect<'a> {
    pub token: &'a Token,
    pub findings: &'a mut Vec<Finding>,
}

/// The session-cookie weak-secret search of one run (rule `session-cookie-weak-secret`).
pub struct CookieSearch<'a> {
    pub preset: Preset,
    pub cookie_names: &'a [String],
    /// Show found secrets in full instead of masked.
    pub reveal: bool,
    /// A regular file (see [`super::rules::secret::Wordlist`]).
    pub wordlist: Option<&'a Path>,
}

impl CookieSearch<'_> {
    /// Searches the secret of every cookie among `suspects`: the built-in list, then the
    /// wordlist; each hit is confirmed by opening the cookie through the token core.
    pub fn run(&self, suspects: &mut [Suspect<'_>]) -> Result<()> {
        let targets: Vec<Target> = suspects
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Target::new(i, self.preset, s.token))
            .collect();
        if targets.is_empty() {
            return Ok(());
        }
        let mut search = Search::new(self.preset, self.cookie_names, targets);
        let builtin = &*weak::BUILTIN;
        for hit in search.offer(builtin) {
            let text = builtin[hit.candidate].as_str();
            let from = format!("the built-in list ({})", builtin_class(text));
            self.record(suspects, hit.target, text.as_bytes(), &from);
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
                self.record(suspects, hit.target, lines[i], &from);
            }
            search.pending()
        })
    }

    /// Opens the cookie with the guessed secret through the token core and, if it opens,
    /// adds the finding.
    fn record(&self, suspects: &mut [Suspect<'_>], target: usize, secret: &[u8], from: &str) {
        let Some(s) = suspects.get_mut(target) else {
            return;
        };
        let Ok(parts) = Parts::of(s.token) else {
            return;
        };
        let Ok(opened) = presets::decrypt_cookie(
            &parts,
            self.preset,
            &Secret::new(secret.to_vec()),
            self.cookie_names,
        ) else {
            return;
        };
        let text = String::from_utf8_lossy(secret);
        let shown = if self.reveal {
            format!("{:?}", escape(&text))
        } else {
            sensitive::mask(&text)
        };
        let name = opened
            .cookie_name
            .map(|n| format!(" (key derived for cookie name {})", escape(&n)))
            .unwrap_or_default();
        s.findings.push(Finding {
            rule: &SESSION_COOKIE_WEAK_SECRET,
            severity: SESSION_COOKIE_WEAK_SECRET.severity,
            message: format!(
                "the {} session cookie decrypts with the framework secret {shown} from {from}{name}: anyone can read its sessions and forge new ones",
                self.preset.title()
            ),
            location: Some("header.enc".into()),
        });
    }
}

/// The section of the built-in list a candidate comes from ("documentation and
/// tutorial secrets", "common passwords"...), for the report.
fn builtin_class(candidate: &str) -> &'static str {
    let mut section = "weak secrets";
    let mut variants = false;
    for line in weak::BUILTIN_TEXT.lines() {
        if let Some(name) = line.strip_prefix("# == ") {
            section = name.trim_end_matches(" ==").trim_end_matches('=').trim();
            variants = line == weak::VARIANT_SECTION;
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == candidate || (variants && is_variant(line, candidate)) {
            return section;
        }
    }
    "weak secrets"
}

/// Whether `candidate` is one of the built-in list's variants of `word` (capitalised,
/// upper case, with a common suffix).
fn is_variant(word: &str, candidate: &str) -> bool {
    let stem = weak::SUFFIXES
        .iter()
        .find_map(|s| candidate.strip_suffix(s))
        .into_iter()
        .chain(std::iter::once(candidate));
    stem.into_iter().any(|s| s.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::jwe::{EncryptSpec, encrypt};
    use crate::token::keys::EncryptionKey;

    fn cookie(preset: Preset, secret: &[u8], name: &str, enc: Enc, kid: bool) -> Token {
        let key = presets::derive_key(preset, secret, name, enc).unwrap();
        let mut spec = EncryptSpec::new(KeyAlg::Dir, enc);
        if kid {
            spec.header
                .insert("kid".into(), presets::authjs_kid(&key).into());
        }
        let key = EncryptionKey::from_secret(key).unwrap();
        let token = encrypt(br#"{"sub":"alice"}"#, &key, &spec).unwrap();
        Token::parse(&token).unwrap()
    }

    fn names(preset: Preset) -> Vec<String> {
        preset
            .cookie_names()
            .iter()
            .map(|n| (*n).to_owned())
            .collect()
    }

    #[test]
    fn finds_the_secret_by_kid_by_cbc_tag_and_by_gcm_tag() {
        let cases = [
            (
                Preset::AuthJs,
                "__Secure-authjs.session-token",
                Enc::A256CbcHs512,
                true,
            ),
            (
                Preset::AuthJs,
                "authjs.session-token",
                Enc::A256CbcHs512,
                false,
            ),
            (Preset::AuthJs, "authjs.session-token", Enc::A256Gcm, true),
            (Preset::AuthJs, "authjs.session-token", Enc::A256Gcm, false),
            (Preset::NextAuthV4, "", Enc::A256Gcm, false),
            (Preset::Auth0, "", Enc::A256Gcm, false),
        ];
        for (preset, name, enc, kid) in cases {
            let token = cookie(preset, b"changeme", name, enc, kid);
            let target = Target::new(7, preset, &token).unwrap();
            assert_eq!(matches!(target.check, Check::Kid(_)), kid);
            let mut search = Search::new(preset, &names(preset), vec![target]);
            assert!(search.offer(&["secret", "password"]).is_empty());
            let hits = search.offer(&["nope", "changeme", "changeme"]);
            assert_eq!(
                hits,
                [Hit {
                    target: 7,
                    candidate: 3
                }],
                "{preset} {enc} kid {kid}"
            );
            assert!(!search.pending());
        }
    }

    #[test]
    fn the_derivation_is_the_token_cores() {
        for preset in Preset::ALL {
            for enc in preset.encs() {
                let d = Derivation::new(preset, "authjs.session-token", 64).unwrap();
                let mut out = [0u8; 64];
                d.derive(b"s3cret", &mut out);
                let core =
                    presets::derive_key(preset, b"s3cret", "authjs.session-token", *enc).unwrap();
                assert_eq!(&out[..core.len()], core.expose(), "{preset} {enc}");
            }
        }
    }

    #[test]
    fn other_tokens_are_not_targets() {
        let gcm = cookie(
            Preset::AuthJs,
            b"x",
            "authjs.session-token",
            Enc::A256CbcHs512,
            true,
        );
        // A v5 (CBC) cookie is nothing a v4 or Auth0 app would have made.
        assert!(Target::new(0, Preset::NextAuthV4, &gcm).is_none());
        let jws =
            Token::parse("eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo")
                .unwrap();
        assert!(Target::new(0, Preset::AuthJs, &jws).is_none());
    }

    #[test]
    fn builtin_classes_are_the_lists_sections() {
        assert_eq!(builtin_class("Password123"), "common passwords");
        assert_eq!(builtin_class("no such secret, surely"), "weak secrets");
    }
}
