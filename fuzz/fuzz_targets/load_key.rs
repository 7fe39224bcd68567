//! Key loading from bytes (PEM, DER, JWK, JWKS), as `--key` reads a file: it loads or
//! refuses, never panics; a loaded key answers every question asked of it, and a loaded
//! private key verifies what it signs. The audit's lenient reading of a key set
//! (`audit --jwks`) reads the same bytes and never panics either; its rules judge what it
//! found without panicking, and its key spans lie inside the document.
#![no_main]

use jwtx::audit::confusion::confusion_secrets;
use jwtx::audit::rules::keyset;
use jwtx::token::claims::TimePolicy;
use jwtx::token::keys::inspect::{Lines, inspect_set};
use jwtx::token::time::Clock;
use jwtx::token::{KeySet, SigningKey};
use libfuzzer_sys::fuzz_target;

const MESSAGE: &[u8] = b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmdXp6In0";

fuzz_target!(|data: &[u8]| {
    if let Ok(set) = inspect_set(data) {
        let lines = Lines::new(data);
        for key in &set.keys {
            if let Some((start, end)) = key.span {
                assert!(start <= end && end < data.len(), "span {start}..{end}");
                assert!(lines.line_of(start) <= lines.line_of(end));
            }
        }
        let time = TimePolicy {
            clock: Clock::at(1.7e9),
            leeway: 60,
        };
        let found = keyset::check(&set, Some(&set), &time);
        assert_eq!(found.keys.len(), set.keys.len());
    }
    if let Ok(set) = KeySet::load(data) {
        let _ = (set.format().to_string(), set.is_set());
        assert_eq!(set.original(), data);
        for (label, secret) in confusion_secrets(&set) {
            assert!(!secret.is_empty(), "empty confusion secret {label:?}");
        }
        for key in set.keys() {
            let kind = key.kind();
            let _ = (kind.to_string(), kind.bits(), kind.kty(), kind.curve());
            let _ = (key.kid(), key.pinned_alg(), key.unusable_reason());
            let _ = (key.is_roca(), key.describe());
            let _ = (key.spki_der(), key.public_jwk(), key.thumbprint());
            for &alg in kind.allowed_algs() {
                let _ = key.accepts(alg);
                assert_ne!(
                    key.verify(alg, MESSAGE, b""),
                    Ok(true),
                    "empty {alg} signature"
                );
            }
        }
    }
    if let Ok(key) = SigningKey::load(data) {
        let kind = key.kind();
        let _ = (key.kid(), key.pinned_alg(), format!("{key:?}"));
        let alg = kind.default_alg();
        let public = key
            .verifying_key()
            .expect("a signing key has a public half");
        assert_eq!(public.kind(), kind);
        let signature = key.sign(alg, MESSAGE).expect("a loaded key signs");
        assert_eq!(
            public.verify(alg, MESSAGE, &signature),
            Ok(true),
            "{kind} key does not verify its own {alg} signature"
        );
    }
});
