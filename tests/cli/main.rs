//! Integration tests for the `jwtx` binary: one test binary, one module per area.
//! Every test runs the real binary (see `util::jwtx`) with a clean environment, an
//! explicit standard input and a fixed instant.

mod util;

mod audit;
mod decode;
mod expiry;
mod input;
mod sign;
mod vectors;
mod verify;
