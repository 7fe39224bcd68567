//! Integration tests for the `jwtx` binary: one test binary, one module per area.
//! Every test runs the real binary (see `util::jwtx`) with a clean environment, an
//! explicit standard input and a fixed instant.
// Tests may report what they measured; the output boundary is for the binary's code.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod util;

mod architecture;
mod audit;
mod audit_ci;
mod audit_corpus;
mod audit_ecdsa;
mod audit_groups;
mod audit_hidden;
mod audit_input;
mod audit_jwks;
mod audit_leaks;
mod audit_merge;
mod audit_output;
mod audit_roca;
mod audit_rules_table;
mod audit_urls;
mod claims_schema;
mod color;
mod config;
mod config_policy;
mod decode;
mod denylist;
mod docs;
mod errors;
mod expiry;
mod find;
mod hardening;
mod help;
mod httpd;
mod input;
mod jwe_audit;
mod jwe_cookies;
mod jwe_decrypt;
mod jwe_encrypt;
mod jwe_interop;
mod jwe_interop_jwcrypto;
mod jwe_nested;
mod jwe_wycheproof;
mod key_crosscheck;
mod key_generate;
mod key_roundtrip;
mod key_set;
mod keys;
mod oidc;
mod prompt;
mod readme;
mod remote;
mod sign;
mod vectors;
mod verify;
mod why;
mod why_claims;
mod why_input;
mod wycheproof;
