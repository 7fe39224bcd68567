//! jwtx: a command-line JWT toolkit. The binary is a thin shell over this library so
//! that tests and benchmarks reach the same code.

pub mod audit;
pub mod cli;
pub mod commands;
pub mod config;
pub mod docs;
pub mod exit;
pub mod input;
pub mod outfile;
pub mod output;
pub mod remote;
pub mod token;
