//! The one token parser, on any text: it returns a token or an error, never panics, and
//! what it returns holds together (the signing input is the text up to the second dot).
#![no_main]

use jwtx::token::{Form, Token};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(token) = Token::parse(text) else {
        return;
    };
    assert_eq!(token.raw(), text);
    for anomaly in token.anomalies() {
        let _ = (anomaly.id(), anomaly.to_string());
    }
    let _ = (token.alg().known(), token.alg().as_str(), token.kid());
    match token.form() {
        Form::Jws => {
            let input = token.signing_input();
            assert!(text.as_bytes().starts_with(input));
            assert_eq!(text.as_bytes()[input.len()], b'.');
            assert_eq!(input.iter().filter(|&&b| b == b'.').count(), 1);
        }
        Form::Jwe => {
            assert!(token.signing_input().is_empty());
            assert!(token.claims().is_none());
        }
    }
    if let Some(Ok(inner)) = token.nested() {
        let _ = inner.anomalies().len();
    }
});
