//! `jwtx audit`: the offline security review. Rules live in a registry and read the
//! token core's parse (anomalies included) and key loader; nothing here parses a token.
//! The engine runs the rules over batches of tokens from the scan sources and hands the
//! findings, filtered by the policy, to a report.

pub mod checks;
pub mod confusion;
pub mod cookie;
pub mod credentials;
pub mod engine;
pub mod finder;
pub mod fingerprint;
pub mod keyset;
pub mod merge;
pub mod nested;
pub mod paths;
pub mod policy;
pub mod registry;
pub mod report;
pub mod rules;
pub mod scan;
pub mod sensitive;
pub mod unpack;
pub mod weak;
