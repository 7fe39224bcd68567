//! Every runnable command in README.md works as shown. Commands live in ```console
//! blocks: a line `$ COMMAND` (continued with a trailing `\`), then the exact standard
//! output, and `[exit N]` when the exit status is not 0. Each runs in bash from the
//! repository root, with the freshly built `jwtx` first on PATH, `cargo run --quiet --`
//! standing for `jwtx`, NO_COLOR set and empty stdin. Standard error is not compared.

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use regex::Regex;

use crate::httpd::{Reply, Request, Server, ca_path};

struct Example {
    line: usize,
    command: String,
    stdout: String,
    code: i32,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn examples() -> Vec<Example> {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let exit_line = Regex::new(r"^\[exit (\d+)\]$").expect("regex");
    let mut out = Vec::new();
    let mut in_console = false;
    let mut current: Option<Example> = None;
    let mut continuing = false;
    for (i, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            if in_console {
                out.extend(current.take());
            }
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if continuing {
            let ex = current.as_mut().expect("a command");
            ex.command.push('\n');
            ex.command.push_str(line);
            continuing = line.ends_with('\\');
        } else if let Some(command) = line.strip_prefix("$ ") {
            out.extend(current.take());
            current = Some(Example {
                line: i + 1,
                command: command.to_owned(),
                stdout: String::new(),
                code: 0,
            });
            continuing = command.ends_with('\\');
        } else if let Some(caps) = exit_line.captures(line) {
            current.as_mut().expect("a command").code = caps[1].parse().expect("code");
        } else {
            let ex = current.as_mut().expect("output follows a command");
            ex.stdout.push_str(line);
            ex.stdout.push('\n');
        }
    }
    out
}

fn bin_dir() -> PathBuf {
    assert_cmd::cargo::cargo_bin("jwtx")
        .parent()
        .expect("bin dir")
        .to_owned()
}

#[test]
fn readme_opens_with_the_two_commands_a_newcomer_needs() {
    let commands: Vec<String> = examples().into_iter().map(|e| e.command).collect();
    assert_eq!(
        commands[0],
        "cargo run --quiet -- decode --now 2026-01-01T00:00:00Z @samples/token.jwt"
    );
    assert_eq!(commands[1], "cargo test");
}

#[test]
fn every_readme_command_works_as_shown() {
    let path = format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // "Keys from a URL" fetches the sample key set from a local identity provider.
    let jwks =
        std::fs::read_to_string(root().join("samples/jwks.json")).expect("samples/jwks.json");
    let issuer = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let named = issuer.clone();
    let provider = Server::https(move |request: &Request| {
        let issuer = named.lock().expect("lock").clone();
        match request.path.as_str() {
            "/.well-known/openid-configuration" => Reply::json(
                200,
                serde_json::json!({"issuer": issuer, "jwks_uri": format!("{issuer}/jwks.json")})
                    .to_string(),
            ),
            "/jwks.json" => Reply::json(200, jwks.clone()),
            _ => Reply::status(404),
        }
    });
    let issuer_url = provider.url("/").trim_end_matches('/').to_owned();
    *issuer.lock().expect("lock") = issuer_url.clone();
    let cache = tempfile::tempdir().expect("tempdir");
    let mut failures = Vec::new();
    let mut ran = 0;
    for ex in examples() {
        let command = match ex.command.as_str() {
            // This very test runs under `cargo test`; CI runs it from a clean clone.
            "cargo test" => continue,
            "cargo install --path ." => {
                install_works();
                continue;
            }
            c => c.replace("cargo run --quiet -- ", "jwtx "),
        };
        let out = Process::new("bash")
            .args(["--norc", "--noprofile", "-c"])
            .arg(format!("set -o pipefail\n{command}"))
            .current_dir(root())
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .env_remove("JWT_SECRET")
            .env("ISSUER", &issuer_url)
            .env("SSL_CERT_FILE", ca_path())
            .env("JWTX_CACHE_DIR", cache.path())
            .env_remove("HTTPS_PROXY")
            .env_remove("https_proxy")
            .env_remove("ALL_PROXY")
            .env_remove("all_proxy")
            .stdin(Stdio::null())
            .output()
            .expect("bash runs");
        ran += 1;
        let stdout = String::from_utf8_lossy(&out.stdout);
        if out.status.code() != Some(ex.code) || stdout != ex.stdout {
            failures.push(format!(
                "README.md:{}: $ {}\n--- expected (exit {})\n{}--- actual (exit {:?})\n{}--- stderr\n{}",
                ex.line,
                ex.command,
                ex.code,
                ex.stdout,
                out.status.code(),
                stdout,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(ran >= 15, "only {ran} README commands found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `cargo install --path .`, into a scratch root, reusing this build's artefacts.
fn install_works() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let target = bin_dir().parent().expect("target dir").to_owned();
    let status = Process::new(env!("CARGO"))
        .args([
            "install",
            "--path",
            ".",
            "--debug",
            "--locked",
            "--offline",
            "--quiet",
        ])
        .arg("--root")
        .arg(scratch.path())
        .arg("--target-dir")
        .arg(&target)
        .current_dir(root())
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cargo install --path . failed");
    let installed = scratch.path().join("bin/jwtx");
    let version = Process::new(&installed)
        .arg("--version")
        .output()
        .expect("installed jwtx runs");
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("jwtx "));
}
