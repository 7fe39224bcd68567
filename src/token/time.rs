//! Time, decided once: instants as Unix seconds (`f64`, since RFC 7519 NumericDates may
//! be fractional), `--now` parsing, durations, and the readable phrases ("expired 3h 2m
//! ago"). Nothing here reads the wall clock except [`Clock::system`].

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

/// The latest instant jwtx treats as a date: 9999-12-31T23:59:59Z.
pub const MAX_SECONDS: f64 = 253_402_300_799.0;
/// The earliest: 0001-01-01T00:00:00Z.
pub const MIN_SECONDS: f64 = -62_135_596_800.0;

/// The instant every check is made at: the wall clock, or `--now`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clock {
    now: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error(
        "{0:?} is not a time: give RFC 3339 (2026-01-31T12:00:00Z), a date (2026-01-31, midnight UTC), a date and time read as UTC (2026-01-31T12:00:00) or Unix seconds"
    )]
    BadInstant(String),
    #[error(
        "{text:?} is ambiguous: a bare number is a time in Unix seconds, and this one is {at}; for a duration from now give its unit ({text}s), for that time write it as {at}"
    )]
    BareNumber { text: String, at: String },
    #[error(
        "{0:?} is not a duration: give a number of seconds or units such as 90s, 15m, 1h30m, 7d"
    )]
    BadDuration(String),
    #[error("{0:?} is out of range")]
    OutOfRange(String),
}

impl Clock {
    pub fn system() -> Clock {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs() as f64);
        Clock { now }
    }

    pub fn at(now: f64) -> Clock {
        Clock { now }
    }

    /// Parses `--now`: RFC 3339, or Unix seconds (possibly fractional).
    pub fn parse(text: &str) -> Result<Clock, TimeError> {
        parse_instant(text).map(Clock::at)
    }

    pub fn now(&self) -> f64 {
        self.now
    }
}

/// RFC 3339, a date (`2026-12-01`, midnight UTC), a date and time without an offset
/// (`2026-12-01T10:00:00`, read as UTC), or Unix seconds.
pub fn parse_instant(text: &str) -> Result<f64, TimeError> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<f64>()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return in_range(secs, text);
    }
    let parsed = match DateTime::parse_from_rfc3339(text) {
        Ok(t) => t.with_timezone(&Utc),
        Err(_) => utc_without_offset(text).ok_or_else(|| TimeError::BadInstant(text.to_owned()))?,
    };
    let secs = parsed.timestamp() as f64 + f64::from(parsed.timestamp_subsec_nanos()) / 1e9;
    in_range(secs, text)
}

/// A date (midnight) or a date and time with no offset, read as UTC.
fn utc_without_offset(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(date.and_hms_opt(0, 0, 0)?.and_utc());
    }
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .map(|t| t.and_utc())
}

fn in_range(secs: f64, text: &str) -> Result<f64, TimeError> {
    if secs.is_finite() && (MIN_SECONDS..=MAX_SECONDS).contains(&secs) {
        Ok(secs)
    } else {
        Err(TimeError::OutOfRange(text.to_owned()))
    }
}

/// A duration in whole seconds: a bare number is seconds, otherwise units
/// (`90s`, `15m`, `1h30m`, `7d`, `2w`).
pub fn parse_duration(text: &str) -> Result<u64, TimeError> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text
            .parse::<u64>()
            .ok()
            .filter(|&secs| secs as f64 <= MAX_SECONDS - MIN_SECONDS)
            .ok_or_else(|| TimeError::OutOfRange(text.to_owned()));
    }
    let d = humantime::parse_duration(text).map_err(|_| TimeError::BadDuration(text.to_owned()))?;
    if d.as_secs_f64() > MAX_SECONDS - MIN_SECONDS {
        return Err(TimeError::OutOfRange(text.to_owned()));
    }
    Ok(d.as_secs())
}

/// The smallest bare number `--exp` and `--nbf` take as Unix seconds: 10 digits,
/// 2001-09-09T01:46:40Z. Below it a number is more likely a duration missing its unit
/// (`--exp 3600`) than a time before 2001, so it is refused rather than read as 1970.
pub const MIN_BARE_SECONDS: f64 = 1_000_000_000.0;

/// `--exp` and `--nbf` as given: seconds from now, or an instant. Parsed once, when the
/// command line is read; [`TimeSpec::at`] places it once the clock is known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TimeSpec {
    /// Seconds from now (negative: in the past).
    FromNow(f64),
    /// Unix seconds.
    At(f64),
}

impl TimeSpec {
    /// A duration relative to now (`15m`, `+7d`, `-1h`), or an absolute time: RFC 3339,
    /// a date or a date and time read as UTC (see [`parse_instant`]), or a bare number of
    /// Unix seconds from [`MIN_BARE_SECONDS`] on (a duration needs its unit).
    pub fn parse(text: &str) -> Result<TimeSpec, TimeError> {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix('+') {
            return Ok(TimeSpec::FromNow(parse_duration(rest)? as f64));
        }
        if let Some(rest) = text.strip_prefix('-') {
            return Ok(TimeSpec::FromNow(-(parse_duration(rest)? as f64)));
        }
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            let at = parse_instant(text)?;
            if at < MIN_BARE_SECONDS {
                return Err(TimeError::BareNumber {
                    text: text.to_owned(),
                    at: rfc3339(at),
                });
            }
            return Ok(TimeSpec::At(at));
        }
        if looks_like_date(text) {
            return parse_instant(text).map(TimeSpec::At);
        }
        Ok(TimeSpec::FromNow(parse_duration(text)? as f64))
    }

    /// The instant it stands for at `clock`'s now.
    pub fn at(self, clock: Clock) -> Result<f64, TimeError> {
        match self {
            TimeSpec::At(at) => Ok(at),
            TimeSpec::FromNow(secs) => {
                in_range(clock.now() + secs, &format!("{secs:+} seconds from now"))
            }
        }
    }
}

fn looks_like_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit)
}

/// RFC 3339 in UTC, with fractions only when the instant has them.
pub fn rfc3339(secs: f64) -> String {
    let whole = secs.floor();
    let nanos = ((secs - whole) * 1e9).round().min(999_999_999.0) as u32;
    match DateTime::<Utc>::from_timestamp(whole as i64, nanos) {
        Some(t) if nanos == 0 => t.to_rfc3339_opts(SecondsFormat::Secs, true),
        Some(t) => t.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        None => format!("{secs} (out of range)"),
    }
}

/// A span as its two largest units: `3h 2m`, `14m 3s`, `2y 41d`, `0s`.
pub fn span(seconds: f64) -> String {
    let mut out = String::new();
    write_span(&mut out, seconds);
    out
}

/// Appends [`span`] to `out` without allocating.
pub fn write_span(out: &mut String, seconds: f64) {
    use std::fmt::Write as _;
    const UNITS: [(u64, &str); 5] = [
        (365 * 86_400, "y"),
        (86_400, "d"),
        (3_600, "h"),
        (60, "m"),
        (1, "s"),
    ];
    let mut rest = seconds.abs().round() as u64;
    let mut written = 0;
    for (size, name) in UNITS {
        if rest >= size {
            if written > 0 {
                out.push(' ');
            }
            let _ = write!(out, "{}{name}", rest / size);
            rest %= size;
            written += 1;
        } else if written > 0 {
            // The second unit is the next one down; when it is zero ("1h 0m") stop.
            break;
        }
        if written == 2 {
            break;
        }
    }
    if written == 0 {
        out.push_str("0s");
    }
}

/// "in 14m 3s", "2h 5m ago" or "just now", from `now` to `at`.
pub fn relative(at: f64, now: f64) -> String {
    let mut out = String::new();
    write_relative(&mut out, at, now);
    out
}

/// Appends [`relative`] to `out`.
pub fn write_relative(out: &mut String, at: f64, now: f64) {
    if (at - now).abs() < 0.5 {
        out.push_str("just now");
    } else if at > now {
        out.push_str("in ");
        write_span(out, at - now);
    } else {
        write_span(out, now - at);
        out.push_str(" ago");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_parse() {
        assert_eq!(parse_instant("1300819380").unwrap(), 1_300_819_380.0);
        assert_eq!(
            parse_instant("2011-03-22T18:43:00Z").unwrap(),
            1_300_819_380.0
        );
        assert_eq!(
            parse_instant("2011-03-22T19:43:00+01:00").unwrap(),
            1_300_819_380.0
        );
        assert_eq!(parse_instant("2011-03-22").unwrap(), 1_300_752_000.0);
        assert_eq!(
            parse_instant("2011-03-22T18:43:00").unwrap(),
            1_300_819_380.0
        );
        assert_eq!(parse_instant("2011-03-22T18:43").unwrap(), 1_300_819_380.0);
        assert!(parse_instant("2011-02-30").is_err());
        assert!(parse_instant("yesterday").is_err());
        assert!(parse_instant("1e300").is_err());
    }

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("90").unwrap(), 90);
        assert_eq!(parse_duration("90s").unwrap(), 90);
        assert_eq!(parse_duration("1h30m").unwrap(), 5400);
        assert_eq!(parse_duration("7d").unwrap(), 604_800);
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("").is_err());
    }

    fn parse_time_spec(text: &str, clock: Clock) -> Result<f64, TimeError> {
        TimeSpec::parse(text)?.at(clock)
    }

    #[test]
    fn durations_beyond_the_date_range_are_refused_in_either_form() {
        // Found by fuzzing: the unit form was range-checked, the bare number was not.
        let limit = (MAX_SECONDS - MIN_SECONDS) as u64;
        for text in [format!("{limit}"), format!("{limit}s")] {
            assert_eq!(parse_duration(&text), Ok(limit), "{text}");
        }
        for text in [format!("{}", limit + 1), format!("{}s", limit + 1)] {
            assert_eq!(
                parse_duration(&text),
                Err(TimeError::OutOfRange(text.clone())),
                "{text}"
            );
        }
    }

    #[test]
    fn time_specs_are_relative_or_absolute() {
        let clock = Clock::at(1000.0);
        assert_eq!(parse_time_spec("15m", clock).unwrap(), 1900.0);
        assert_eq!(parse_time_spec("+15m", clock).unwrap(), 1900.0);
        assert_eq!(parse_time_spec("-100s", clock).unwrap(), 900.0);
        assert_eq!(
            parse_time_spec("1300819380", clock).unwrap(),
            1_300_819_380.0
        );
        assert!(matches!(
            parse_time_spec("3600", clock),
            Err(TimeError::BareNumber { .. })
        ));
        assert_eq!(
            parse_time_spec("2011-03-22", clock).unwrap(),
            1_300_752_000.0
        );
        assert_eq!(
            parse_time_spec("1970-01-01T01:00:00Z", clock).unwrap(),
            3600.0
        );
    }

    #[test]
    fn spans_read_well() {
        assert_eq!(span(0.0), "0s");
        assert_eq!(span(59.0), "59s");
        assert_eq!(span(3.0 * 3600.0 + 2.0 * 60.0 + 9.0), "3h 2m");
        assert_eq!(span(3600.0), "1h");
        assert_eq!(span(14.0 * 60.0 + 3.0), "14m 3s");
        assert_eq!(relative(100.0, 0.0), "in 1m 40s");
        assert_eq!(relative(0.0, 7200.0), "2h ago");
        assert_eq!(relative(5.0, 5.0), "just now");
    }

    #[test]
    fn rfc3339_keeps_fractions_only_when_present() {
        assert_eq!(rfc3339(1_300_819_380.0), "2011-03-22T18:43:00Z");
        assert_eq!(rfc3339(1_300_819_380.5), "2011-03-22T18:43:00.500Z");
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::*;
        use super::parse_time_spec;

        const YEAR: u64 = 365 * 86_400;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// An instant printed as RFC 3339 parses back to itself (to the second, or
            /// to well under a millisecond when it has a fraction).
            #[test]
            fn rfc3339_round_trips(secs in MIN_SECONDS as i64..=MAX_SECONDS as i64, millis in 0..1000u32) {
                let whole = secs as f64;
                prop_assert_eq!(parse_instant(&rfc3339(whole)), Ok(whole));
                if secs < MAX_SECONDS as i64 {
                    let fractional = whole + f64::from(millis) / 1000.0;
                    let back = parse_instant(&rfc3339(fractional)).unwrap();
                    prop_assert!((back - fractional).abs() < 1e-4, "{} -> {}", fractional, back);
                }
                prop_assert_eq!(parse_instant(&secs.to_string()), Ok(whole));
            }

            /// The readable span of a duration (under a year: jwtx's year is 365 days,
            /// humantime's 365.25) reads back as a duration with the same span, never
            /// longer than the original.
            #[test]
            fn spans_read_back_as_durations(secs in 0..YEAR) {
                let phrase = span(secs as f64);
                let back = parse_duration(&phrase).unwrap();
                prop_assert!(back <= secs, "{} -> {:?} -> {}", secs, phrase, back);
                prop_assert_eq!(span(back as f64), phrase);
            }

            /// A signed duration is relative to the clock; a bare number is absolute.
            #[test]
            fn time_specs_move_the_clock(now in 0..4_000_000_000u64, secs in 0..10 * YEAR) {
                let clock = Clock::at(now as f64);
                prop_assert_eq!(parse_time_spec(&format!("+{secs}s"), clock), Ok((now + secs) as f64));
                prop_assert_eq!(parse_time_spec(&format!("{secs}s"), clock), Ok((now + secs) as f64));
                prop_assert_eq!(
                    parse_time_spec(&format!("-{secs}s"), clock),
                    Ok(now as f64 - secs as f64)
                );
                // A bare number is an absolute time, and one before 2001 (fewer than
                // ten digits) is refused as ambiguous rather than read as 1970.
                let bare = parse_time_spec(&secs.to_string(), clock);
                if secs as f64 >= MIN_BARE_SECONDS {
                    prop_assert_eq!(bare, Ok(secs as f64));
                } else {
                    let refused = matches!(bare, Err(TimeError::BareNumber { .. }));
                    prop_assert!(refused, "{:?}", bare);
                }
            }

            /// Absolute bare numbers from 2001 on read as themselves.
            #[test]
            fn bare_unix_seconds_are_absolute(now in 0..4_000_000_000u64, at in 1_000_000_000..4_000_000_000u64) {
                let clock = Clock::at(now as f64);
                prop_assert_eq!(parse_time_spec(&at.to_string(), clock), Ok(at as f64));
            }
        }
    }
}
