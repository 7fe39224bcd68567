//! In-process throughput figures that a shell benchmark cannot isolate:
//! - aws-lc-rs's raw ES256 verification rate, the ceiling for `jwtx verify` on ES256;
//! - the weak-secret search's candidates per second per core on one HS256 token with
//!   a ~200-byte signing input.
//!
//! Run with `cargo bench --bench throughput`. Whole-command figures are in bench/run.sh.
#![allow(clippy::print_stdout)] // a benchmark prints its figures

use std::time::{Duration, Instant};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{
    self, ECDSA_P256_SHA256_FIXED, ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair,
    ParsedPublicKey,
};
use hmac::{Hmac, Mac};
use jwtx::audit::weak::{Search, Target};
use jwtx::token::Alg;

/// Runs `f` repeatedly for about `budget`, returning calls per second.
fn rate(budget: Duration, mut f: impl FnMut() -> usize) -> f64 {
    let start = Instant::now();
    let mut done = 0usize;
    while start.elapsed() < budget {
        done += f();
    }
    done as f64 / start.elapsed().as_secs_f64()
}

fn es256_raw() {
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
    let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref()).unwrap();
    let key = ParsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, pair.public_key().as_ref()).unwrap();
    let message = vec![b'x'; 200];
    let sig = pair.sign(&rng, &message).unwrap();
    let per_second = rate(Duration::from_secs(3), || {
        for _ in 0..100 {
            key.verify_sig(&message, sig.as_ref()).unwrap();
        }
        100
    });
    println!("aws-lc ES256 raw verify, 1 thread: {per_second:.0} verifications/s");
    let _ = signature::ED25519;
}

fn weak_secret_search() {
    // A typical HS256 signing input: ~200 bytes.
    let input = format!(
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.{}",
        "eyJzdWIiOiJ1c2VyLTAwMDAwMDAxIiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmV4YW1wbGUuY29tIiwiYXVkIjoiYXBpIiwiZXhwIjo0MDcwOTA4ODAwLCJzY29wZSI6InJlYWQgd3JpdGUifQ"
    );
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(b"not-in-any-list-7f3a").unwrap();
    mac.update(input.as_bytes());
    let tag = mac.finalize().into_bytes();
    // Candidates that are not base64 (so each is tried once, as text).
    let candidates: Vec<String> = (0..1_000_000).map(|i| format!("cand!{i:07}")).collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let per_second = pool.install(|| {
        rate(Duration::from_secs(5), || {
            let target = Target::new(0, Alg::HS256, input.as_bytes(), &tag).unwrap();
            let mut search = Search::new(vec![target]);
            let hits = search.offer(&candidates);
            assert!(hits.is_empty());
            candidates.len()
        })
    });
    println!(
        "weak-secret search, HS256, {}-byte signing input, 1 thread: {per_second:.0} candidates/s",
        input.len()
    );
}

fn main() {
    es256_raw();
    weak_secret_search();
}
