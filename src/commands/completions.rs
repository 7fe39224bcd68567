//! `jwtx completions SHELL`: print a completion script generated from the CLI definition.

use anyhow::Result;

use crate::cli::CompletionsArgs;
use crate::docs;
use crate::exit::Exit;
use crate::output::Printer;

pub fn run(args: CompletionsArgs, out: &mut Printer) -> Result<Exit> {
    docs::completions(args.shell, out);
    Ok(Exit::Ok)
}
