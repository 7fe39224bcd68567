//! In-process JWE figures, the ceilings for `jwtx decrypt` and `audit --preset`:
//! - aws-lc-rs's raw AES-256-GCM open of a token-sized payload (key already set up, and
//!   with the key set up per token, as a `dir` token costs);
//! - aws-lc-rs's raw RSA-2048 OAEP-SHA256 decryption of a 32-byte content key;
//! - the Auth.js framework-secret search (HKDF per candidate and cookie name, then the
//!   kid or tag check) on one thread.
//!
//! An example rather than a `cargo bench` target so that it builds with the release
//! profile's dependencies as they are (a bench target rebuilds them all to unwind):
//! `cargo build --release --example jwe_rates`, then
//! `taskset -c 0 target/release/examples/jwe_rates` (single-threaded figures). The
//! whole-command figures are in bench/jwe.sh and bench/cookie-secrets.sh.
#![allow(clippy::print_stdout)] // a benchmark prints its figures

use std::time::{Duration, Instant};

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::rsa::{
    OAEP_SHA256_MGF1SHA256, OaepPrivateDecryptingKey, OaepPublicEncryptingKey, PrivateDecryptingKey,
};
use jwtx::audit::cookie::{Search, Target};
use jwtx::token::Token;
use jwtx::token::jwe::presets::{Preset, authjs_kid, derive_key};
use jwtx::token::jwe::{Enc, EncryptSpec, KeyAlg, encrypt};
use jwtx::token::keys::EncryptionKey;

/// The process's CPU time (user and system) in seconds, from /proc/self/stat (Linux,
/// 100 ticks a second): on a shared machine the wall clock counts other processes' turns.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// Operations per second, by the wall clock and by CPU time.
struct Rate {
    wall: f64,
    cpu: Option<f64>,
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.0}/s wall", self.wall)?;
        if let Some(cpu) = self.cpu {
            write!(f, ", {cpu:.0}/s of CPU time")?;
        }
        Ok(())
    }
}

/// Runs `f` repeatedly for about `budget`; `f` returns how many operations it did.
fn rate(budget: Duration, mut f: impl FnMut() -> usize) -> Rate {
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let mut done = 0usize;
    while start.elapsed() < budget {
        done += f();
    }
    let wall = start.elapsed().as_secs_f64();
    let cpu = match (cpu_start, cpu_seconds()) {
        (Some(a), Some(b)) if b > a => Some(done as f64 / (b - a)),
        _ => None,
    };
    Rate {
        wall: done as f64 / wall,
        cpu,
    }
}

/// A typical token's claims: about 300 bytes.
fn claims() -> Vec<u8> {
    br#"{"sub":"user-00000001","iss":"https://auth.example.com","aud":"api","exp":4070908800,"iat":1764633600,"scope":"read write","name":"Ada Lovelace","email":"ada@example.com","roles":["admin","editor","viewer"],"sid":"4f1c2a9e-8d7b-4c3a-9f2e-1b6d5a4c3e2f","jti":"0123456789abcdef"}"#.to_vec()
}

fn aes_gcm() {
    let key_bytes = [7u8; 32];
    let plain = claims();
    let aad = b"eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0";
    let nonce = [9u8; 12];
    let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &key_bytes).unwrap());
    let mut sealed = plain.clone();
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        Aad::from(&aad[..]),
        &mut sealed,
    )
    .unwrap();
    let mut buf = Vec::with_capacity(sealed.len());
    let prepared = rate(Duration::from_secs(2), || {
        for _ in 0..1000 {
            buf.clear();
            buf.extend_from_slice(&sealed);
            key.open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(&aad[..]),
                &mut buf,
            )
            .unwrap();
        }
        1000
    });
    let per_token = rate(Duration::from_secs(2), || {
        for _ in 0..1000 {
            let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &key_bytes).unwrap());
            buf.clear();
            buf.extend_from_slice(&sealed);
            key.open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(&aad[..]),
                &mut buf,
            )
            .unwrap();
        }
        1000
    });
    println!(
        "aws-lc AES-256-GCM open, {}-byte payload, 1 thread: {prepared} with the key set up once; {per_token} with a key set up per open",
        plain.len()
    );
}

fn rsa_oaep() {
    let der = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/keys/rsa2048.pkcs8.der"
    ))
    .unwrap();
    let private = PrivateDecryptingKey::from_pkcs8(&der).unwrap();
    let public = OaepPublicEncryptingKey::new(private.public_key()).unwrap();
    let cek = [5u8; 32];
    let mut wrapped = vec![0u8; public.ciphertext_size()];
    let wrapped = public
        .encrypt(&OAEP_SHA256_MGF1SHA256, &cek, &mut wrapped, None)
        .unwrap()
        .to_vec();
    let oaep = OaepPrivateDecryptingKey::new(private).unwrap();
    let mut out = vec![0u8; oaep.min_output_size()];
    let per_second = rate(Duration::from_secs(3), || {
        for _ in 0..20 {
            let n = oaep
                .decrypt(&OAEP_SHA256_MGF1SHA256, &wrapped, &mut out, None)
                .unwrap()
                .len();
            assert_eq!(n, 32);
        }
        20
    });
    println!("aws-lc RSA-2048 OAEP-SHA256 decrypt, 1 thread: {per_second}");
}

fn authjs_search() {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let names: Vec<String> = Preset::AuthJs
        .cookie_names()
        .iter()
        .map(|n| (*n).to_owned())
        .collect();
    let candidates: Vec<String> = (0..200_000).map(|i| format!("cand!{i:07}")).collect();
    for with_kid in [true, false] {
        let key = derive_key(
            Preset::AuthJs,
            b"not-in-any-list-7f3a",
            &names[0],
            Enc::A256CbcHs512,
        )
        .unwrap();
        let mut spec = EncryptSpec::new(KeyAlg::Dir, Enc::A256CbcHs512);
        if with_kid {
            spec.header.insert("kid".into(), authjs_kid(&key).into());
        }
        let token = encrypt(&claims(), &EncryptionKey::from_secret(key).unwrap(), &spec).unwrap();
        let token = Token::parse(&token).unwrap();
        let per_second = pool.install(|| {
            rate(Duration::from_secs(4), || {
                let target = Target::new(0, Preset::AuthJs, &token).unwrap();
                let mut search = Search::new(Preset::AuthJs, &names, vec![target]);
                assert!(search.offer(&candidates).is_empty());
                candidates.len()
            })
        });
        println!(
            "Auth.js secret search, A256CBC-HS512 {} ({} cookie names), 1 thread: {per_second} secrets",
            if with_kid {
                "with kid (thumbprint check)"
            } else {
                "without kid (HMAC tag check)"
            },
            names.len()
        );
    }
}

fn main() {
    aes_gcm();
    rsa_oaep();
    authjs_search();
}
