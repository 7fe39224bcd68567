//! Duration and instant parsing (`--leeway`, `--max-lifetime`, `--now`, `--exp`,
//! `--nbf`): a value or an error, never a panic; instants stay within the supported
//! range, and a whole-second instant survives formatting as RFC 3339 and parsing back.
#![no_main]

use jwtx::token::time::{
    self, Clock, MAX_SECONDS, MIN_SECONDS, TimeSpec, parse_duration, parse_instant,
};
use libfuzzer_sys::fuzz_target;

fn check_instant(secs: f64) {
    assert!(
        secs.is_finite() && (MIN_SECONDS..=MAX_SECONDS).contains(&secs),
        "{secs}"
    );
    let text = time::rfc3339(secs);
    let back = parse_instant(&text).unwrap_or_else(|e| panic!("{secs} -> {text:?}: {e}"));
    if secs.fract() == 0.0 {
        assert_eq!(back, secs, "{text}");
    } else {
        assert!((back - secs).abs() < 1e-3, "{secs} -> {text} -> {back}");
    }
    let _ = (time::span(secs), time::relative(secs, 0.0));
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(secs) = parse_instant(text) {
        check_instant(secs);
        assert_eq!(Clock::parse(text).map(|c| c.now()), Ok(secs));
    }
    if let Ok(secs) = parse_duration(text) {
        assert!(secs as f64 <= MAX_SECONDS - MIN_SECONDS, "{secs}");
        assert_eq!(parse_duration(&secs.to_string()), Ok(secs));
        let _ = time::span(secs as f64);
    }
    if let Ok(spec) = TimeSpec::parse(text) {
        for now in [0.0, 1_767_225_600.0, MIN_SECONDS, MAX_SECONDS] {
            if let Ok(secs) = spec.at(Clock::at(now)) {
                check_instant(secs);
            }
        }
    }
});
