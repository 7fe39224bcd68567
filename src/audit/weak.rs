//! The weak-secret search: the hot loop of `jwtx audit`. It goes candidate-major: each
//! candidate secret's HMAC key state (the compressed ipad and opad blocks) is computed
//! once and reused across every pending HS token, and each token's signing input is
//! padded into hash blocks once, so testing a candidate against a token costs only the
//! compression calls, with no allocation. sha2's compression functions use the CPU's
//! SHA extensions when present. A match found here is only a lead: the caller
//! re-verifies it through the token core before reporting it.

use std::sync::LazyLock;

use base64::Engine as _;
use rayon::prelude::*;
use sha2::digest::generic_array::GenericArray;
use sha2::digest::generic_array::typenum::{U64, U128};
use sha2::{Digest, Sha256, Sha384, Sha512, compress256, compress512};

use crate::token::Alg;

/// FIPS 180-4 initial hash values.
const IV256: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
const IV384: [u64; 8] = [
    0xcbbb9d5dc1059ed8,
    0x629a292a367cd507,
    0x9159015a3070dd17,
    0x152fecd8f70e5939,
    0x67332667ffc00b31,
    0x8eb44a8768581511,
    0xdb0c2e0d64f98fa7,
    0x47b5481dbefa4fa4,
];
const IV512: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

type Block64 = GenericArray<u8, U64>;
type Block128 = GenericArray<u8, U128>;

/// How a candidate's text became the secret's bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// The text's own bytes.
    Text,
    /// The text read as base64 (standard or URL-safe).
    Base64Decoded,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Text => "utf8",
            Encoding::Base64Decoded => "base64-decoded",
        }
    }
}

/// A token to crack: its signing input padded into the blocks the inner hash reads
/// after the key block, and the expected tag as hash words.
enum Prepared {
    Sha256 {
        blocks: Vec<Block64>,
        expect: [u32; 8],
    },
    Sha512 {
        /// HS384 or HS512.
        alg384: bool,
        blocks: Vec<Block128>,
        expect: [u64; 8],
    },
}

/// One HS token under test, with the caller's identifier.
pub struct Target {
    pub id: usize,
    prepared: Prepared,
}

impl Target {
    /// Prepares an HS token. `None` when the algorithm is not HMAC or the signature
    /// cannot be an HMAC tag of that algorithm (no candidate could ever match).
    pub fn new(id: usize, alg: Alg, signing_input: &[u8], signature: &[u8]) -> Option<Target> {
        let prepared = match alg {
            Alg::HS256 if signature.len() == 32 => {
                let mut expect = [0u32; 8];
                for (w, b) in expect.iter_mut().zip(signature.chunks_exact(4)) {
                    *w = u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
                }
                Prepared::Sha256 {
                    blocks: pad64(signing_input),
                    expect,
                }
            }
            Alg::HS384 | Alg::HS512
                if signature.len() == if alg == Alg::HS384 { 48 } else { 64 } =>
            {
                let mut expect = [0u64; 8];
                for (w, b) in expect.iter_mut().zip(signature.chunks_exact(8)) {
                    *w = u64::from_be_bytes(b.try_into().unwrap_or_default());
                }
                Prepared::Sha512 {
                    alg384: alg == Alg::HS384,
                    blocks: pad128(signing_input),
                    expect,
                }
            }
            _ => return None,
        };
        Some(Target { id, prepared })
    }
}

/// The message after a 64-byte key block, padded for SHA-256 (FIPS 180-4 §5.1.1).
fn pad64(message: &[u8]) -> Vec<Block64> {
    let bits = ((64 + message.len()) as u64) * 8;
    let mut bytes = message.to_vec();
    bytes.push(0x80);
    while bytes.len() % 64 != 56 {
        bytes.push(0);
    }
    bytes.extend_from_slice(&bits.to_be_bytes());
    bytes
        .chunks_exact(64)
        .map(|c| *Block64::from_slice(c))
        .collect()
}

/// The message after a 128-byte key block, padded for SHA-384/512 (FIPS 180-4 §5.1.2).
fn pad128(message: &[u8]) -> Vec<Block128> {
    let bits = ((128 + message.len()) as u128) * 8;
    let mut bytes = message.to_vec();
    bytes.push(0x80);
    while bytes.len() % 128 != 112 {
        bytes.push(0);
    }
    bytes.extend_from_slice(&bits.to_be_bytes());
    bytes
        .chunks_exact(128)
        .map(|c| *Block128::from_slice(c))
        .collect()
}

/// HMAC-SHA-256 key state: the compressed ipad and opad blocks.
struct Key256 {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl Key256 {
    fn new(secret: &[u8]) -> Key256 {
        let mut block = [0u8; 64];
        if secret.len() > 64 {
            block[..32].copy_from_slice(&Sha256::digest(secret));
        } else {
            block[..secret.len()].copy_from_slice(secret);
        }
        let mut inner = IV256;
        let mut outer = IV256;
        compress256(&mut inner, &[Block64::from(block.map(|b| b ^ 0x36))]);
        compress256(&mut outer, &[Block64::from(block.map(|b| b ^ 0x5c))]);
        Key256 { inner, outer }
    }

    fn matches(&self, blocks: &[Block64], expect: &[u32; 8]) -> bool {
        let mut state = self.inner;
        compress256(&mut state, blocks);
        let mut block = Block64::default();
        for (chunk, word) in block.chunks_exact_mut(4).zip(state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        block[32] = 0x80;
        block[56..].copy_from_slice(&((64u64 + 32) * 8).to_be_bytes());
        let mut tag = self.outer;
        compress256(&mut tag, std::slice::from_ref(&block));
        tag == *expect
    }
}

/// HMAC-SHA-384 or -512 key state.
struct Key512 {
    inner: [u64; 8],
    outer: [u64; 8],
    /// Digest length in 64-bit words: 6 for SHA-384, 8 for SHA-512.
    words: usize,
}

impl Key512 {
    fn new(secret: &[u8], alg384: bool) -> Key512 {
        let mut block = [0u8; 128];
        if secret.len() > 128 {
            if alg384 {
                block[..48].copy_from_slice(&Sha384::digest(secret));
            } else {
                block[..64].copy_from_slice(&Sha512::digest(secret));
            }
        } else {
            block[..secret.len()].copy_from_slice(secret);
        }
        let iv = if alg384 { IV384 } else { IV512 };
        let mut inner = iv;
        let mut outer = iv;
        compress512(&mut inner, &[Block128::from(block.map(|b| b ^ 0x36))]);
        compress512(&mut outer, &[Block128::from(block.map(|b| b ^ 0x5c))]);
        Key512 {
            inner,
            outer,
            words: if alg384 { 6 } else { 8 },
        }
    }

    fn matches(&self, blocks: &[Block128], expect: &[u64; 8]) -> bool {
        let mut state = self.inner;
        compress512(&mut state, blocks);
        let mut block = Block128::default();
        for (chunk, word) in block.chunks_exact_mut(8).zip(&state[..self.words]) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        let digest_len = self.words * 8;
        block[digest_len] = 0x80;
        block[112..].copy_from_slice(&((128u128 + digest_len as u128) * 8).to_be_bytes());
        let mut tag = self.outer;
        compress512(&mut tag, std::slice::from_ref(&block));
        tag[..self.words] == expect[..self.words]
    }
}

/// A match: target `target` verifies with candidate number `candidate` (in the order
/// candidates were offered), read with `encoding`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub target: usize,
    pub candidate: usize,
    pub encoding: Encoding,
}

/// Candidates tested per parallel work unit.
const PER_TASK: usize = 2048;

/// Targets still unmatched, and the matches found so far.
pub struct Search {
    targets: Vec<Target>,
    hits: Vec<Hit>,
    offered: usize,
    has256: bool,
    has384: bool,
    has512: bool,
}

impl Search {
    pub fn new(targets: Vec<Target>) -> Search {
        let mut search = Search {
            targets,
            hits: Vec::new(),
            offered: 0,
            has256: false,
            has384: false,
            has512: false,
        };
        search.refresh_families();
        search
    }

    fn refresh_families(&mut self) {
        self.has256 = false;
        self.has384 = false;
        self.has512 = false;
        for t in &self.targets {
            match t.prepared {
                Prepared::Sha256 { .. } => self.has256 = true,
                Prepared::Sha512 { alg384: true, .. } => self.has384 = true,
                Prepared::Sha512 { alg384: false, .. } => self.has512 = true,
            }
        }
    }

    /// Whether any target is still unmatched.
    pub fn pending(&self) -> bool {
        !self.targets.is_empty()
    }

    /// How many candidates have been offered so far.
    pub fn offered(&self) -> usize {
        self.offered
    }

    /// Tests the next candidates, in order, against every unmatched target, in
    /// parallel. For each target the earliest matching candidate wins. Returns the new
    /// matches (as [`Hit::target`] ids), while the caller still holds the candidates.
    pub fn offer<S: AsRef<[u8]> + Sync>(&mut self, candidates: &[S]) -> Vec<Hit> {
        if self.targets.is_empty() || candidates.is_empty() {
            self.offered += candidates.len();
            return Vec::new();
        }
        let base = self.offered;
        let found: Vec<Hit> = candidates
            .par_chunks(PER_TASK)
            .enumerate()
            .flat_map_iter(|(task, chunk)| {
                let mut hits = Vec::new();
                let mut decoded = Vec::with_capacity(128);
                for (i, candidate) in chunk.iter().enumerate() {
                    let number = base + task * PER_TASK + i;
                    let text = candidate.as_ref();
                    self.test(text, number, Encoding::Text, &mut hits);
                    if decode_base64(text, &mut decoded) {
                        self.test(&decoded, number, Encoding::Base64Decoded, &mut hits);
                    }
                }
                hits
            })
            .collect();
        self.offered += candidates.len();
        if found.is_empty() {
            return Vec::new();
        }
        let mut first: Vec<Option<Hit>> = vec![None; self.targets.len()];
        for hit in found {
            let slot = &mut first[hit.target];
            if slot.is_none_or(|h| {
                (hit.candidate, hit.encoding as u8) < (h.candidate, h.encoding as u8)
            }) {
                *slot = Some(hit);
            }
        }
        let mut kept = Vec::with_capacity(self.targets.len());
        let mut new = Vec::new();
        for (target, hit) in std::mem::take(&mut self.targets).into_iter().zip(first) {
            match hit {
                Some(hit) => new.push(Hit {
                    target: target.id,
                    ..hit
                }),
                None => kept.push(target),
            }
        }
        self.targets = kept;
        self.refresh_families();
        self.hits.extend_from_slice(&new);
        new
    }

    /// Tests one secret against every pending target; `hits` get target positions.
    fn test(&self, secret: &[u8], number: usize, encoding: Encoding, hits: &mut Vec<Hit>) {
        let k256 = self.has256.then(|| Key256::new(secret));
        let k384 = self.has384.then(|| Key512::new(secret, true));
        let k512 = self.has512.then(|| Key512::new(secret, false));
        for (position, target) in self.targets.iter().enumerate() {
            let matched = match (&target.prepared, &k256, &k384, &k512) {
                (Prepared::Sha256 { blocks, expect }, Some(k), _, _) => k.matches(blocks, expect),
                (
                    Prepared::Sha512 {
                        alg384: true,
                        blocks,
                        expect,
                    },
                    _,
                    Some(k),
                    _,
                ) => k.matches(blocks, expect),
                (
                    Prepared::Sha512 {
                        alg384: false,
                        blocks,
                        expect,
                    },
                    _,
                    _,
                    Some(k),
                ) => k.matches(blocks, expect),
                _ => false,
            };
            if matched {
                hits.push(Hit {
                    target: position,
                    candidate: number,
                    encoding,
                });
            }
        }
    }

    /// The matches, by the targets' caller ids.
    pub fn into_hits(self) -> Vec<Hit> {
        self.hits
    }
}

/// Decodes `text` as base64 (standard or URL-safe, padded or not) into `out`, when it
/// looks like base64 at all and decodes to something other than itself.
pub fn decode_base64(text: &[u8], out: &mut Vec<u8>) -> bool {
    if text.len() < 4
        || !text
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_' | b'='))
    {
        return false;
    }
    let unpadded = match text.iter().rposition(|&b| b != b'=') {
        Some(end) => &text[..=end],
        None => return false,
    };
    out.clear();
    let url = unpadded.iter().any(|&b| b == b'-' || b == b'_');
    let engine = if url {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
    } else {
        base64::engine::general_purpose::STANDARD_NO_PAD
    };
    engine.decode_vec(unpadded, out).is_ok() && !out.is_empty() && out.as_slice() != text
}

/// The built-in list: `weak_secrets.txt`, embedded in the binary, with the simple
/// variants of its common-passwords section. Curated in this repository.
pub static BUILTIN: LazyLock<Vec<String>> = LazyLock::new(|| builtin_list(BUILTIN_TEXT));

pub(crate) const BUILTIN_TEXT: &str = include_str!("weak_secrets.txt");

/// The section whose entries also get variants.
pub(crate) const VARIANT_SECTION: &str = "# == common passwords ==";
pub(crate) const SUFFIXES: [&str; 6] = ["1", "123", "!", "2024", "2025", "2026"];

fn builtin_list(text: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut push = |s: String, out: &mut Vec<String>| {
        if seen.insert(s.clone()) {
            out.push(s);
        }
    };
    let mut variants = false;
    for line in text.lines() {
        if line.starts_with("# ") || line == "#" {
            if line.starts_with("# == ") {
                variants = line == VARIANT_SECTION;
            }
            continue;
        }
        if line.is_empty() {
            continue;
        }
        push(line.to_owned(), &mut out);
        if variants {
            let mut forms = vec![line.to_owned()];
            let mut chars = line.chars();
            if let Some(first) = chars.next() {
                forms.push(first.to_uppercase().chain(chars).collect());
            }
            forms.push(line.to_uppercase());
            for form in &forms {
                push(form.clone(), &mut out);
                for suffix in SUFFIXES {
                    push(format!("{form}{suffix}"), &mut out);
                }
            }
        }
    }
    out
}

/// Wordlist bytes read per chunk of candidates.
const WORDLIST_CHUNK: usize = 4 << 20;
/// Longer wordlist lines are skipped (no secret worth guessing is that long).
const MAX_CANDIDATE: usize = 4096;

/// Reads a wordlist in chunks of about 4 MiB of candidates, one per line (line ends
/// trimmed, lines over 4 KiB skipped), and hands each chunk to `chunk` with every
/// candidate's line number. One arena per chunk: no allocation per candidate. Stops
/// at the end of the file or when `chunk` returns false.
pub(crate) fn wordlist_chunks(
    path: &std::path::Path,
    mut chunk: impl FnMut(&[&[u8]], &[usize]) -> bool,
) -> anyhow::Result<()> {
    use crate::input::{Line, read_line_bounded};
    let unreadable = |e: std::io::Error| {
        crate::exit::InputError(format!("cannot read wordlist {}: {e}", path.display()))
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    let mut arena: Vec<u8> = Vec::with_capacity(WORDLIST_CHUNK + MAX_CANDIDATE);
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    let mut numbers: Vec<usize> = Vec::new();
    let mut line = Vec::with_capacity(256);
    let mut number = 0usize;
    loop {
        arena.clear();
        ranges.clear();
        numbers.clear();
        while arena.len() < WORDLIST_CHUNK {
            match read_line_bounded(&mut reader, &mut line, MAX_CANDIDATE).map_err(unreadable)? {
                Line::Eof => break,
                Line::TooLong => number += 1,
                Line::Read => {
                    number += 1;
                    let text = line.strip_suffix(b"\n").unwrap_or(&line);
                    let text = text.strip_suffix(b"\r").unwrap_or(text);
                    let start = arena.len();
                    arena.extend_from_slice(text);
                    ranges.push(start..arena.len());
                    numbers.push(number);
                }
            }
        }
        if ranges.is_empty() {
            return Ok(());
        }
        let lines: Vec<&[u8]> = ranges.iter().map(|r| &arena[r.clone()]).collect();
        if !chunk(&lines, &numbers) {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, Mac};

    fn tag<M: Mac + hmac::digest::KeyInit>(key: &[u8], msg: &[u8]) -> Vec<u8> {
        let mut m = <M as Mac>::new_from_slice(key).unwrap();
        m.update(msg);
        m.finalize().into_bytes().to_vec()
    }

    fn targets_for(secret: &[u8], input: &[u8]) -> Vec<Target> {
        vec![
            Target::new(0, Alg::HS256, input, &tag::<Hmac<Sha256>>(secret, input)).unwrap(),
            Target::new(1, Alg::HS384, input, &tag::<Hmac<Sha384>>(secret, input)).unwrap(),
            Target::new(2, Alg::HS512, input, &tag::<Hmac<Sha512>>(secret, input)).unwrap(),
        ]
    }

    #[test]
    fn finds_the_secret_for_every_hmac_size_and_input_length() {
        for len in [0, 1, 55, 56, 63, 64, 111, 112, 127, 128, 200, 1000] {
            let input = vec![b'x'; len];
            for secret in [&b"secret"[..], b"", &[7u8; 64], &[9u8; 65], &[1u8; 129]] {
                let mut search = Search::new(targets_for(secret, &input));
                let _ = search.offer(&[b"nope".to_vec(), secret.to_vec(), b"later".to_vec()]);
                let hits = search.into_hits();
                assert_eq!(hits.len(), 3, "len {len} secret {secret:?}");
                assert!(
                    hits.iter()
                        .all(|h| h.candidate == 1 && h.encoding == Encoding::Text)
                );
            }
        }
    }

    #[test]
    fn base64_forms_are_tried() {
        let input = b"header.payload";
        let secret = b"\x00\x01binary\xff";
        let encoded = base64::engine::general_purpose::STANDARD.encode(secret);
        let mut search = Search::new(targets_for(secret, input));
        let _ = search.offer(&[encoded]);
        let hits = search.into_hits();
        assert_eq!(hits.len(), 3);
        assert!(hits.iter().all(|h| h.encoding == Encoding::Base64Decoded));
    }

    #[test]
    fn earliest_candidate_wins_and_matched_targets_leave() {
        let input = b"a.b";
        let mut search = Search::new(targets_for(b"k", input));
        assert_eq!(search.offer(&["x", "k"]).len(), 3);
        assert!(!search.pending());
        assert!(search.offer(&["k"]).is_empty());
        let hits = search.into_hits();
        assert!(hits.iter().all(|h| h.candidate == 1));
    }

    #[test]
    fn wrong_length_signatures_are_not_targets() {
        assert!(Target::new(0, Alg::HS256, b"a", &[0; 31]).is_none());
        assert!(Target::new(0, Alg::RS256, b"a", &[0; 256]).is_none());
    }

    #[test]
    fn builtin_list_has_the_jwt_io_secret_and_variants() {
        let list =
            builtin_list("# == docs ==\nyour-256-bit-secret\n# == common passwords ==\npassword\n");
        assert!(list.contains(&"your-256-bit-secret".to_owned()));
        for v in [
            "password",
            "Password",
            "PASSWORD",
            "password123",
            "Password!",
        ] {
            assert!(list.contains(&v.to_owned()), "{v}");
        }
        assert!(!list.contains(&"your-256-bit-secret123".to_owned()));
    }
}
