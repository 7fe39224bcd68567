//! `jwtx audit`: the offline security review. Rules live in a registry and read the
//! token core's parse (anomalies included) and key loader; nothing here parses a token.

pub mod checks;
pub mod finder;
pub mod registry;
pub mod report;
pub mod rules;
pub mod sensitive;
pub mod weak;
