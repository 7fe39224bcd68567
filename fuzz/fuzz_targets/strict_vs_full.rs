//! Differential: whenever the verification fast path accepts a text, the full parser
//! accepts it without a single anomaly and reads the same alg, kid and claims.
#![no_main]

use jwtx::token::Token;
use jwtx::token::claims::{Claims, IdentityClaim, TimeClaim};
use jwtx::token::strict::{Scratch, Strict};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut scratch = Scratch::default();
    let Some(strict) = Strict::parse(text, &mut scratch) else {
        return;
    };
    let full = match Token::parse(text) {
        Ok(full) => full,
        Err(e) => panic!("fast path accepted what the full parser refuses: {e}"),
    };
    assert!(
        full.anomalies().is_empty(),
        "fast path accepted a token with anomalies: {:?}",
        full.anomalies()
    );
    assert_eq!(strict.alg(), full.alg());
    assert_eq!(strict.kid(), full.kid());
    assert!(full.header().get("crit").is_none());
    assert_eq!(strict.signed().signing_input, full.signing_input());
    assert_eq!(strict.signed().signature, full.signature());
    match (strict.claims(), full.claims()) {
        (Some(lean), Some(tree)) => {
            for which in [TimeClaim::Exp, TimeClaim::Nbf, TimeClaim::Iat] {
                assert_eq!(lean.date(which), tree.date(which));
            }
            assert_eq!(lean.audiences(), tree.audiences());
            for which in [IdentityClaim::Iss, IdentityClaim::Sub] {
                assert_eq!(lean.identity(which), tree.identity(which));
            }
            for name in tree.keys() {
                assert!(lean.contains(name), "fast path lost claim {name:?}");
            }
        }
        (None, None) => {}
        (lean, tree) => panic!(
            "claims read by the fast path: {}, by the full parser: {}",
            lean.is_some(),
            tree.is_some()
        ),
    }
});
