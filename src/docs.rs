//! Shell completions and man pages, generated from the one clap definition
//! ([`Cli`]). `jwtx completions SHELL` and `jwtx man [COMMAND]` print
//! them; `completions/` and `man/` hold the committed copies, which a test keeps in step.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::Man;
use roff::{Roff, bold, italic, roman};

use crate::cli::Cli;
use crate::exit::EXIT_CODES_HELP;

/// The shells jwtx ships completions for, with the file each goes in.
pub const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "jwtx.bash"),
    (Shell::Zsh, "_jwtx"),
    (Shell::Fish, "jwtx.fish"),
    (Shell::PowerShell, "_jwtx.ps1"),
    (Shell::Elvish, "jwtx.elv"),
];

/// Writes the completion script for `shell`.
pub fn completions(shell: Shell, out: &mut dyn Write) {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "jwtx", out);
}

/// The subcommands that get their own page (`jwtx-NAME.1`), nested ones too
/// (`jwtx-key-set-add.1`), as the SUBCOMMANDS sections name them.
pub fn pages() -> Vec<String> {
    fn walk(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
            // clap's own `help` subcommands get no page.
            if sub.get_name() == "help" {
                continue;
            }
            let name = format!("{prefix}{}", sub.get_name());
            out.push(name.clone());
            walk(sub, &format!("{name}-"), out);
        }
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "", &mut out);
    out
}

/// The (sub)command whose page is `page` (`key-set-add` is `jwtx key set add`).
fn find_page(cmd: &clap::Command, page: &str) -> Option<clap::Command> {
    cmd.get_subcommands().find_map(|sub| {
        let name = sub.get_name();
        if page == name {
            Some(sub.clone())
        } else {
            let rest = page.strip_prefix(name)?.strip_prefix('-')?;
            find_page(sub, rest)
        }
    })
}

/// The date in the pages' footer: the day this version's pages were last revised.
/// A constant, so that regenerating the pages is reproducible.
const REVISED: &str = "2026-11-23";

/// Environment variables jwtx reads, for the ENVIRONMENT sections.
const ENVIRONMENT: [(&str, &str); 3] = [
    (
        "NO_COLOR",
        "When set to a non-empty value, jwtx prints no colour (unless --color always). Colour is only ever used on a terminal.",
    ),
    (
        "RAYON_NUM_THREADS",
        "The number of threads jwtx checks tokens with (verify, expiry, audit); all cores by default.",
    ),
    (
        "the variable named by --secret-env",
        "Holds the HMAC secret, read with --secret-encoding.",
    ),
];

const SECURITY: &str = "A secret given with --secret is visible to other local users in the process list (ps, /proc); prefer --secret-file, --secret-env or --prompt-secret. jwtx never prints a secret unless asked (audit --reveal-secrets), keeps secrets out of its debug output, never lets a token's header choose the algorithm (the key decides), and never accepts alg none when verifying. decode does not verify: do not trust what it shows until verify agrees.";

/// Renders one man page: `None` for `jwtx.1`, or a subcommand's name.
pub fn man_page(page: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
    let mut root = Cli::command();
    root.build();
    let (cmd, name) = match page {
        None => (root.clone(), "jwtx".to_owned()),
        Some(sub) => {
            let cmd = find_page(&root, sub).ok_or_else(|| {
                io::Error::new(io::ErrorKind::NotFound, format!("no command {sub:?}"))
            })?;
            (
                cmd.display_name(format!("jwtx-{sub}")),
                format!("jwtx-{sub}"),
            )
        }
    };
    let examples = cmd.get_after_help().map(|h| h.to_string());
    let man = Man::new(
        cmd.clone()
            .after_help(None::<&str>)
            .after_long_help(None::<&str>),
    )
    .title(name.to_uppercase())
    .manual("jwtx manual")
    .date(REVISED)
    .source(format!("jwtx {}", env!("CARGO_PKG_VERSION")));
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(out)?;
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(out)?;
    }

    let mut roff = Roff::default();
    if let Some(text) = examples {
        render_examples(&mut roff, &text);
    }
    roff.control("SH", ["EXIT STATUS"]);
    exit_status(&mut roff);
    roff.control("SH", ["ENVIRONMENT"]);
    for (var, what) in ENVIRONMENT {
        roff.control("TP", []);
        if var.starts_with("the ") {
            roff.text([italic(var)]);
        } else {
            roff.text([bold(var)]);
        }
        roff.text([roman(what)]);
    }
    roff.control("SH", ["SECURITY"]);
    roff.text([roman(SECURITY)]);
    roff.control("SH", ["SEE ALSO"]);
    let mut see: Vec<String> = std::iter::once("jwtx".to_owned())
        .chain(pages().into_iter().map(|p| format!("jwtx-{p}")))
        .filter(|p| *p != name)
        .map(|p| format!("{p}(1)"))
        .collect();
    see.sort();
    roff.text([roman(see.join(", "))]);
    roff.to_writer(out)?;
    man.render_version_section(out)
}

/// The exit-code table: one tagged paragraph per code (with its indented continuation
/// lines), then the closing sentence as a plain paragraph.
fn exit_status(roff: &mut Roff) {
    let mut entry: Option<(String, String)> = None;
    let flush = |roff: &mut Roff, entry: &mut Option<(String, String)>| {
        if let Some((code, meaning)) = entry.take() {
            roff.control("TP", []);
            roff.text([bold(code)]);
            roff.text([roman(meaning)]);
        }
    };
    for line in EXIT_CODES_HELP.lines().skip(1) {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        match trimmed.split_once("  ") {
            Some((code, meaning)) if indent == 2 && code.bytes().all(|b| b.is_ascii_digit()) => {
                flush(roff, &mut entry);
                entry = Some((code.to_owned(), meaning.trim().to_owned()));
            }
            _ if indent > 2 => {
                if let Some((_, meaning)) = &mut entry {
                    meaning.push(' ');
                    meaning.push_str(trimmed);
                }
            }
            _ => {
                flush(roff, &mut entry);
                roff.control("PP", []);
                roff.text([roman(trimmed)]);
            }
        }
    }
    flush(roff, &mut entry);
}

/// The "Examples:" block of a command's after-help, one example per line, up to the
/// first blank line (what follows is the exit-code summary, in EXIT STATUS already).
fn render_examples(roff: &mut Roff, text: &str) {
    let mut lines = text.lines();
    if lines.next().map(str::trim) != Some("Examples:") {
        return;
    }
    roff.control("SH", ["EXAMPLES"]);
    for line in lines.take_while(|l| !l.trim().is_empty()) {
        roff.control("TP", []);
        roff.text([bold(line.trim())]);
    }
}

/// Every generated file, by path relative to the repository root.
pub fn all_files() -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for (shell, file) in SHELLS {
        let mut bytes = Vec::new();
        completions(shell, &mut bytes);
        files.push((format!("completions/{file}"), bytes));
    }
    let mut bytes = Vec::new();
    man_page(None, &mut bytes)?;
    files.push(("man/jwtx.1".to_owned(), bytes));
    for page in pages() {
        let mut bytes = Vec::new();
        man_page(Some(&page), &mut bytes)?;
        files.push((format!("man/jwtx-{page}.1"), bytes));
    }
    Ok(files)
}
