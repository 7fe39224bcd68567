//! The `jwtx` binary: parse the command line, run, print any error once, exit with the
//! documented code.

use std::io::ErrorKind;
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind as ClapErrorKind;
use jwtx::cli::Cli;
use jwtx::commands;
use jwtx::exit::Exit;

// Audit and the batch commands make many small, short-lived allocations on several
// threads; with glibc's allocator a quarter of audit's time went to its slow paths.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The exit status after standard output was closed early (128 + SIGPIPE).
const EXIT_BROKEN_PIPE: u8 = 141;

fn main() -> ExitCode {
    jwtx::token::install_crypto_provider();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(err),
    };
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

/// A command line clap refused: exit 2, with a JSON error object on stderr when the
/// arguments asked for JSON output, so a `--json` caller always gets JSON.
fn usage_error(err: clap::Error) -> ExitCode {
    let informational = matches!(
        err.kind(),
        ClapErrorKind::DisplayHelp
            | ClapErrorKind::DisplayVersion
            | ClapErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if informational || !args_ask_for_json() {
        err.exit();
    }
    let rendered = err.render().to_string();
    let first = rendered.lines().next().unwrap_or_default();
    let message = first.strip_prefix("error: ").unwrap_or(first);
    jwtx::diag!("{}", commands::run_error_json(Exit::Usage, message.trim()));
    Exit::Usage.into()
}

/// Whether the raw arguments ask for JSON (`--json`, `--format json|sarif`), read
/// before clap could make sense of them.
fn args_ask_for_json() -> bool {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .take_while(|a| a != "--")
        .collect();
    args.iter().enumerate().any(|(i, a)| {
        a == "--json"
            || matches!(a.as_str(), "--format=json" | "--format=sarif")
            || (a == "--format" && args.get(i + 1).is_some_and(|v| v == "json" || v == "sarif"))
    })
}
