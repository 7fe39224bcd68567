//! `--prompt-secret` on a real (pseudo-)terminal: the secret is read without echo from
//! the controlling terminal, also when stdin carries tokens, and a run without any
//! terminal fails with a clear message instead of hanging.

use std::process::Command as Process;

use rexpect::session::spawn_command;

use crate::util::{NOW, run};

const SECRET: &str = "pty-typed-s3cret, long enough for HS256";

fn jwtx_path() -> String {
    assert_cmd::cargo::cargo_bin("jwtx").display().to_string()
}

/// Everything the terminal showed, minus the line the prompt waits on.
fn session_output(mut command: Process) -> String {
    command.env("NO_COLOR", "1");
    let mut session = spawn_command(command, Some(20_000)).expect("spawn on a pty");
    session.exp_string("Secret: ").expect("prompt appears");
    session.send_line(SECRET).expect("type the secret");
    session.exp_eof().expect("jwtx exits")
}

#[test]
fn typed_secret_signs_without_echo_and_the_token_verifies() {
    let mut sign = Process::new(jwtx_path());
    sign.args([
        "sign",
        "--prompt-secret",
        "--sub",
        "pty",
        "--now",
        NOW,
        "--exp",
        "1h",
    ]);
    let shown = session_output(sign);
    assert!(!shown.contains(SECRET), "the secret was echoed: {shown:?}");
    let token = shown
        .split_whitespace()
        .find(|w| w.starts_with("eyJ"))
        .unwrap_or_else(|| panic!("no token in {shown:?}"))
        .to_owned();
    run(["verify", "--secret", SECRET, "--now", NOW, &token])
        .assert()
        .success();
}

#[test]
fn prompt_reads_the_terminal_while_tokens_come_on_stdin() {
    let token = crate::util::sign(&["--secret", SECRET, "--sub", "pty", "--exp", "1h"]);
    let mut verify = Process::new("sh");
    verify.args([
        "-c",
        &format!(
            "printf '%s\\n' '{}' | '{}' --color never verify --prompt-secret --now {NOW}",
            token.trim(),
            jwtx_path()
        ),
    ]);
    let shown = session_output(verify);
    assert!(!shown.contains(SECRET), "the secret was echoed: {shown:?}");
    assert!(shown.contains("valid (HS256"), "{shown:?}");
}

#[test]
fn without_a_terminal_the_prompt_fails_clearly() {
    // setsid detaches jwtx from any controlling terminal, as in CI.
    let out = Process::new("setsid")
        .args(["-w", &jwtx_path(), "verify", "--prompt-secret", "x.y.z"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("setsid runs");
    assert_eq!(out.status.code(), Some(6), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no terminal"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}
