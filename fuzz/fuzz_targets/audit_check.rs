//! The per-token audit rules (everything but the batch-wide weak-secret search), on any
//! text the parser accepts: findings or none, never a panic. A thin call to the public
//! entry point, so it follows the audit code wherever it moves.
#![no_main]

use jwtx::audit::checks::{self, Config, DEFAULT_MAX_LIFETIME, Profile};
use jwtx::token::Token;
use jwtx::token::claims::TimePolicy;
use jwtx::token::time::Clock;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(token) = Token::parse(text) else {
        return;
    };
    for profile in [None, Some(Profile::AccessToken), Some(Profile::IdToken)] {
        let mut config = Config::new(
            TimePolicy {
                clock: Clock::at(1_767_225_600.0),
                leeway: 60,
            },
            DEFAULT_MAX_LIFETIME,
            true,
        );
        config.profile = profile;
        for finding in checks::check(&token, &config) {
            assert!(!finding.message.is_empty(), "{}", finding.rule.id);
        }
    }
});
