//! Help that teaches: the CLI definition is consistent, every flag has help, every
//! command ends its long help with examples, and --version prints the version.

use clap::CommandFactory;
use jwtx::cli::Cli;

use crate::util::run;

#[test]
fn cli_definition_passes_clap_debug_assert() {
    Cli::command().debug_assert();
}

#[test]
fn every_argument_has_help() {
    fn check(cmd: &clap::Command, path: &str) {
        for arg in cmd.get_arguments() {
            if arg.is_hide_set() || matches!(arg.get_id().as_str(), "help" | "version") {
                continue;
            }
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            assert!(
                !help.trim().is_empty(),
                "{path} --{} has no help",
                arg.get_id()
            );
        }
        for sub in cmd.get_subcommands() {
            check(sub, &format!("{path} {}", sub.get_name()));
        }
    }
    check(&Cli::command(), "jwtx");
}

#[test]
fn every_command_ends_its_help_with_examples() {
    for sub in Cli::command().get_subcommands() {
        let name = sub.get_name().to_owned();
        let assert = run([name.as_str(), "--help"]).assert().success();
        let help = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
        let examples = help
            .split("Examples:")
            .nth(1)
            .unwrap_or_else(|| panic!("jwtx {name} --help has no examples:\n{help}"));
        let count = examples
            .lines()
            .take_while(|l| !l.trim().is_empty() || l.is_empty())
            .filter(|l| {
                l.trim_start().starts_with("jwtx ") || l.trim_start().starts_with("source ")
            })
            .count();
        assert!(count >= 2, "jwtx {name}: {count} examples");
    }
}

#[test]
fn version_prints_the_package_version() {
    run(["--version"])
        .assert()
        .success()
        .stdout(format!("jwtx {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn top_level_help_lists_commands_and_exit_codes() {
    let assert = run(["--help"]).assert().success();
    let help = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    for word in [
        "decode",
        "verify",
        "sign",
        "expiry",
        "audit",
        "completions",
        "man",
        "Exit codes",
    ] {
        assert!(help.contains(word), "{word} missing from --help");
    }
}
