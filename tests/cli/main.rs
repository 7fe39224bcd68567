//! Integration tests for the `jwtx` binary: one test binary, one module per area.
//! Every test runs the real binary (see `util::jwtx`) with a clean environment, an
//! explicit standard input and a fixed instant.

mod util;

mod audit;
mod audit_ecdsa;
mod audit_output;
mod audit_roca;
mod audit_rules_table;
mod audit_urls;
mod decode;
mod docs;
mod expiry;
mod hardening;
mod help;
mod input;
mod prompt;
mod readme;
mod sign;
mod vectors;
mod verify;
