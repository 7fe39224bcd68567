//! The `jwtx` binary: parse the command line, run, print any error once, exit with the
//! documented code.

use std::io::ErrorKind;
use std::process::ExitCode;

use clap::Parser;
use jwtx::cli::Cli;
use jwtx::commands;
use jwtx::exit::Exit;

fn main() -> ExitCode {
    jwtx::token::install_crypto_provider();
    let cli = Cli::parse();
    let json = cli.wants_json();
    match commands::run(cli) {
        Ok(exit) => exit.into(),
        Err(err) => {
            // `jwtx decode ... | head` closes the pipe early: that is not an error.
            if err
                .chain()
                .filter_map(|c| c.downcast_ref::<std::io::Error>())
                .any(|e| e.kind() == ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            let exit = Exit::for_error(&err);
            let message = format!("{err:#}");
            if json {
                eprintln!("{}", commands::run_error_json(exit, &message));
            } else {
                eprintln!("jwtx: {}", jwtx::output::escape(&message));
            }
            exit.into()
        }
    }
}
