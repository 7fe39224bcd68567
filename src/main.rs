//! The `jwtx` binary: parse the command line, run, print any error once, exit with the
//! documented code.

use std::io::ErrorKind;
use std::process::ExitCode;

use clap::Parser;
use jwtx::cli::Cli;
use jwtx::commands;
use jwtx::exit::Exit;

/// The exit status after standard output was closed early (128 + SIGPIPE).
const EXIT_BROKEN_PIPE: u8 = 141;

fn main() -> ExitCode {
    jwtx::token::install_crypto_provider();
    let cli = Cli::parse();
    let json = cli.wants_json();
    match commands::run(cli) {
        Ok(exit) => exit.into(),
        Err(err) => {
            // `jwtx ... | head` closed the pipe early: stop quietly, but never with 0,
            // since the tokens not yet checked have no verdict. 141 is what a process
            // killed by SIGPIPE reports, which `set -o pipefail` scripts expect.
            if err
                .chain()
                .filter_map(|c| c.downcast_ref::<std::io::Error>())
                .any(|e| e.kind() == ErrorKind::BrokenPipe)
            {
                return ExitCode::from(EXIT_BROKEN_PIPE);
            }
            let exit = Exit::for_error(&err);
            let message = format!("{err:#}");
            if json {
                jwtx::diag!("{}", commands::run_error_json(exit, &message));
            } else {
                jwtx::diag!("jwtx: {}", jwtx::output::escape(&message));
            }
            exit.into()
        }
    }
}
