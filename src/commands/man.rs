//! `jwtx man [COMMAND]`: print a man page generated from the CLI definition.

use anyhow::Result;

use crate::cli::ManArgs;
use crate::docs;
use crate::exit::Exit;
use crate::output::Printer;

pub fn run(args: ManArgs, out: &mut Printer) -> Result<Exit> {
    docs::man_page(args.command.as_deref(), out)?;
    Ok(Exit::Ok)
}
