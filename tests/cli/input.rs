//! How tokens come in (argument, `-`, standard input, `@FILE`, `Bearer` and
//! `Authorization:` lines), how many tokens combine into one exit code, and hostile
//! input that must never crash jwtx.

use predicates::prelude::*;

use crate::util::*;

fn valid() -> String {
    sign(&["--secret", SECRET, "--sub", "v", "--exp", "1h"])
}

fn expired() -> String {
    sign(&["--secret", SECRET, "--sub", "e", "--exp", "-1h"])
}

fn forged() -> String {
    sign(&["--secret", OTHER_SECRET, "--sub", "f"])
}

fn verify() -> assert_cmd::Command {
    run(["verify", "--now", NOW, "--secret", SECRET])
}

#[test]
fn token_as_an_argument() {
    verify()
        .arg(valid())
        .assert()
        .code(0)
        .stdout("valid (HS256; expires in 1h)\n");
}

#[test]
fn dash_reads_standard_input() {
    verify()
        .arg("-")
        .write_stdin(format!("{}\n", valid()))
        .assert()
        .code(0)
        .stdout("line 1: valid (HS256; expires in 1h)\n");
}

#[test]
fn no_argument_reads_standard_input() {
    verify()
        .write_stdin(format!("{}\n", valid()))
        .assert()
        .code(0)
        .stdout("line 1: valid (HS256; expires in 1h)\n");
    run(["decode", "--now", NOW, "--claim", "sub"])
        .write_stdin(valid())
        .assert()
        .code(0)
        .stdout("v\n");
}

#[test]
fn dash_given_twice_is_a_usage_error() {
    verify()
        .args(["-", "-"])
        .write_stdin(valid())
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn file_with_several_tokens_reports_in_order_with_line_numbers() {
    let file = temp_file(format!("{}\n\n{}\n   \n{}\n", valid(), expired(), valid()));
    let path = path_of(&file);
    let assert = verify().arg(format!("@{path}")).assert().code(3);
    assert_eq!(
        stdout_of(&assert),
        format!("{path}:1: valid (HS256; expires in 1h)\n{path}:5: valid (HS256; expires in 1h)\n")
    );
    let stderr = stderr_of(&assert);
    assert!(stderr.contains(&format!("{path}:3: expired")), "{stderr}");
    assert!(stderr.contains("3 tokens: 2 valid, 1 not"), "{stderr}");
}

#[test]
fn file_records_in_json_carry_line_and_source() {
    let file = temp_file(format!("{}\n\n{}\r\n{}", valid(), forged(), valid()));
    let path = path_of(&file);
    let assert = verify()
        .args(["--json", &format!("@{path}")])
        .assert()
        .code(1);
    let records = json_lines(&assert.get_output().stdout);
    let lines: Vec<_> = records.iter().map(|r| r["line"].clone()).collect();
    assert_eq!(lines, [1, 3, 4]);
    let valid: Vec<_> = records.iter().map(|r| r["valid"].clone()).collect();
    assert_eq!(valid, [true, false, true]);
    assert!(records.iter().all(|r| r["source"] == path.as_str()));
    assert_eq!(records[1]["error"]["code"], 1);
}

#[test]
fn decode_file_records_carry_line_numbers() {
    let file = temp_file(format!("\n{}\n{}\n", valid(), expired()));
    let assert = run(["decode", "--now", NOW, "--json"])
        .arg(format!("@{}", path_of(&file)))
        .assert()
        .code(0);
    let records = json_lines(&assert.get_output().stdout);
    let lines: Vec<_> = records.iter().map(|r| r["line"].clone()).collect();
    assert_eq!(lines, [2, 3]);
    assert_eq!(records[0]["payload"]["sub"], "v");
    assert_eq!(records[1]["payload"]["sub"], "e");
}

#[test]
fn many_tokens_keep_input_order() {
    // Enough tokens to be checked in parallel; every 7th is forged.
    let (good, bad) = (valid(), forged());
    let text: String = (1..=150)
        .map(|i| format!("{}\n", if i % 7 == 0 { &bad } else { &good }))
        .collect();
    let assert = verify().arg("--json").write_stdin(text).assert().code(1);
    let records = json_lines(&assert.get_output().stdout);
    assert_eq!(records.len(), 150);
    for (i, record) in records.iter().enumerate() {
        let line = i + 1;
        assert_eq!(record["line"], line);
        assert_eq!(record["source"], "stdin");
        assert_eq!(record["valid"], line % 7 != 0, "line {line}");
    }
    // The text-mode summary line stays out of a JSON run's stderr.
    assert!(!stderr_of(&assert).contains("150 tokens"));
}

#[test]
fn missing_token_file_is_unreadable_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("tokens.txt");
    verify()
        .arg(format!("@{}", missing.display()))
        .assert()
        .code(5)
        .stderr(predicate::str::contains("tokens.txt"));
}

#[test]
fn bearer_prefix_is_stripped() {
    for text in [
        format!("Bearer {}", valid()),
        format!("bearer {}", valid()),
        format!("BEARER   {}", valid()),
    ] {
        verify().arg(&text).assert().code(0);
    }
}

#[test]
fn authorization_header_line_is_stripped() {
    verify()
        .arg(format!("Authorization: Bearer {}", valid()))
        .assert()
        .code(0);
    verify()
        .write_stdin(format!("authorization: bearer {}\r\n", valid()))
        .assert()
        .code(0);
}

#[test]
fn surrounding_whitespace_and_quotes_are_stripped() {
    for text in [
        format!("  \t{}  \n", valid()),
        format!("\"{}\"", valid()),
        format!("'{}'", valid()),
    ] {
        verify().arg(&text).assert().code(0);
    }
    verify()
        .write_stdin(format!("\n   {}   \n\n", valid()))
        .assert()
        .code(0)
        .stdout("line 2: valid (HS256; expires in 1h)\n");
}

#[test]
fn whitespace_inside_a_token_is_malformed() {
    let token = valid();
    let (head, tail) = token.split_at(20);
    verify().arg(format!("{head} {tail}")).assert().code(5);
}

#[test]
fn several_arguments_are_numbered_by_position() {
    let assert = verify().args([valid(), forged(), valid()]).assert().code(1);
    assert_eq!(
        stdout_of(&assert),
        "argument 1: valid (HS256; expires in 1h)\nargument 3: valid (HS256; expires in 1h)\n"
    );
    assert!(stderr_of(&assert).contains("argument 2: invalid"));
}

#[test]
fn decode_titles_each_of_several_tokens() {
    let assert = run(["decode", "--now", NOW])
        .args([valid(), expired()])
        .assert()
        .code(0);
    let stdout = stdout_of(&assert);
    assert!(stdout.contains("== argument 1 =="), "{stdout}");
    assert!(stdout.contains("== argument 2 =="), "{stdout}");
}

#[test]
fn expired_and_forged_exit_1() {
    verify().args([expired(), forged()]).assert().code(1);
    verify().args([forged(), expired()]).assert().code(1);
}

#[test]
fn expired_and_malformed_exit_5() {
    verify()
        .args([expired(), "a.b".to_owned()])
        .assert()
        .code(5);
    verify()
        .args(["a.b".to_owned(), expired()])
        .assert()
        .code(5);
}

#[test]
fn expired_and_claim_failure_exit_4() {
    let other_subject = sign(&["--secret", SECRET, "--sub", "v"]);
    let expired_right_subject = sign(&["--secret", SECRET, "--sub", "w", "--exp", "-1h"]);
    verify()
        .args(["--sub", "w", &other_subject, &expired_right_subject])
        .assert()
        .code(4);
}

#[test]
fn forged_outranks_a_key_problem() {
    let unknown_kid = sign(&["--key", &key("rfc7515-a3.ec.jwk"), "--kid", "nope"]);
    let forged = sign(&["--key", &key("ec-p256.sec1.pem"), "--kid", "ec-1"]);
    run(["verify", "--now", NOW, "--key", &key("jwks.json")])
        .args([&unknown_kid, &forged])
        .assert()
        .code(1);
    run(["verify", "--now", NOW, "--key", &key("jwks.json")])
        .args([&unknown_kid, "a.b"])
        .assert()
        .code(6);
}

#[test]
fn all_valid_exit_0() {
    verify()
        .args([valid(), valid()])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("2 tokens: 2 valid, 0 not"));
}

#[test]
fn per_token_errors_are_json_records_with_line() {
    let assert = verify()
        .arg("--json")
        .write_stdin(format!("{}\nnot-a-token\n{}\n", valid(), expired()))
        .assert()
        .code(5);
    let records = json_lines(&assert.get_output().stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(records[1]["line"], 2);
    assert_eq!(records[1]["error"]["code"], 5);
    assert_eq!(records[1]["error"]["kind"], "malformed");
    assert_eq!(records[2]["line"], 3);
    assert_eq!(records[2]["error"]["code"], 3);
    assert_eq!(records[2]["error"]["kind"], "expired");
}

#[test]
fn decode_per_token_errors_are_json_records_with_line() {
    let assert = run(["decode", "--now", NOW, "--json"])
        .write_stdin(format!("{}\n..\n", valid()))
        .assert()
        .code(5);
    let records = json_lines(&assert.get_output().stdout);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["payload"]["sub"], "v");
    assert_eq!(records[1]["line"], 2);
    assert_eq!(records[1]["source"], "stdin");
    assert_eq!(records[1]["error"]["code"], 5);
}

#[test]
fn invalid_utf8_line_is_one_bad_record_among_good_ones() {
    let mut stdin = format!("{}\n", valid()).into_bytes();
    stdin.extend_from_slice(b"\xff\xfe\n");
    stdin.extend_from_slice(format!("{}\n", valid()).as_bytes());
    let assert = verify().arg("--json").write_stdin(stdin).assert().code(5);
    let records = json_lines(&assert.get_output().stdout);
    let valid: Vec<_> = records.iter().map(|r| r["valid"].clone()).collect();
    assert_eq!(valid, [true, false, true]);
    assert_eq!(records[1]["line"], 2);
}

#[test]
fn verify_with_no_token_is_not_success() {
    // Regression: empty input used to exit 0, as if every (zero) token were valid.
    for stdin in ["", "\n  \n"] {
        verify()
            .write_stdin(stdin)
            .assert()
            .code(5)
            .stdout("")
            .stderr(predicate::str::contains("no token"));
    }
    let file = temp_file("");
    verify()
        .arg(format!("@{}", path_of(&file)))
        .assert()
        .code(5);
}

// ---- hostile input -------------------------------------------------------------------

/// Runs decode and verify on `input` as standard input (and as an argument when it can
/// be one) and checks that jwtx neither panics nor accepts it.
fn survives(input: &[u8]) {
    let as_arg = std::str::from_utf8(input)
        .ok()
        .filter(|s| !s.contains('\0') && s.len() < 100_000 && !s.starts_with(['@', '-']));
    let mut runs: Vec<(&str, assert_cmd::Command)> = Vec::new();
    for command in ["decode", "verify"] {
        let mut cmd = run([command, "--now", NOW]);
        if command == "verify" {
            cmd.args(["--secret", SECRET]);
        }
        cmd.write_stdin(input.to_vec());
        runs.push((command, cmd));
        if let Some(text) = as_arg {
            let mut cmd = run([command, "--now", NOW]);
            if command == "verify" {
                cmd.args(["--secret", SECRET]);
            }
            cmd.arg(text);
            runs.push((command, cmd));
        }
    }
    for (command, mut cmd) in runs {
        let assert = cmd.timeout(std::time::Duration::from_secs(60)).assert();
        let code = documented_code(&assert);
        if command == "verify" {
            assert_ne!(code, 0, "verify accepted hostile input {:?}", lossy(input));
        }
    }
}

fn lossy(input: &[u8]) -> String {
    let text = String::from_utf8_lossy(input);
    text.chars().take(80).collect()
}

const HS256: &str = r#"{"alg":"HS256"}"#;

fn hs256_claims(payload: &str) -> String {
    compact(HS256, payload, b"s")
}

fn cty_jwt(payload: &str) -> String {
    compact(r#"{"alg":"HS256","cty":"JWT"}"#, payload, b"s")
}

fn deeply_nested_json(depth: usize) -> String {
    format!("{{\"a\":{}{}}}", "[".repeat(depth), "]".repeat(depth))
}

macro_rules! hostile {
    ($($name:ident: $input:expr;)*) => {
        $(
            #[test]
            fn $name() {
                survives(AsRef::<[u8]>::as_ref(&$input));
            }
        )*
    };
}

hostile! {
    hostile_empty: b"";
    hostile_dot: b".";
    hostile_two_dots: b"..";
    hostile_three_dots: b"...";
    hostile_plain_segments: b"a.b.c";
    hostile_five_garbage_segments: b"a.b.c.d.e";
    hostile_five_empty_segments: b"....";
    hostile_header_json_array: compact("[]", "{}", b"sig");
    hostile_header_json_null: compact("null", "{}", b"");
    hostile_header_json_string: compact("\"HS256\"", "{}", b"");
    hostile_header_alg_number: compact(r#"{"alg":1}"#, "{}", b"");
    hostile_header_alg_object: compact(r#"{"alg":{"a":1}}"#, "{}", b"sig");
    hostile_empty_objects: b"e30.e30.e30";
    hostile_empty_header_segment: format!(".{}.{}", b64url("{}"), b64url("s"));
    hostile_exp_out_of_f64_range: hs256_claims(r#"{"exp":1e999}"#);
    hostile_exp_negative_huge: hs256_claims(r#"{"exp":-1e308}"#);
    hostile_exp_u64_max: hs256_claims(r#"{"exp":18446744073709551615}"#);
    hostile_nested_cty_garbage: cty_jwt("a.b.c");
    hostile_nested_cty_ten_deep: (0..10).fold("x".to_owned(), |inner, _| cty_jwt(&inner));
    hostile_deep_json_nesting: hs256_claims(&deeply_nested_json(100_000));
    hostile_huge_segment: format!("{}.{}.AAAA", b64url(HS256), "A".repeat(2_000_000));
    hostile_huge_header: compact(&format!(r#"{{"alg":"HS256","x":"{}"}}"#, "x".repeat(1 << 20)),
        "{}", b"s");
    hostile_binary_bytes: (0u8..=255).cycle().take(10_000).collect::<Vec<u8>>();
    hostile_nul_bytes: b"eyJhbGciOiJIUzI1NiJ9\0.e30.\0\n\0\0";
    hostile_non_ascii: "é.é.é\n\u{202e}.\u{1b}[2J.x";
    hostile_long_line_of_dots: ".".repeat(100_000);
    hostile_bearer_only: b"Bearer \nAuthorization: \n\"\"\n";
    hostile_padding_everywhere: b"===.===.===";
    hostile_jwe_with_bad_segments: b"eyJhbGciOiJkaXIifQ.!.b.c.d";
}

// One notion of standard input: every name of it counts, and one run reads it once.

#[test]
fn secret_and_claims_both_from_stdin_is_a_usage_error_naming_both() {
    run(["sign", "--now", NOW, "--claims-file", "/dev/stdin"])
        .args(["--secret-file", "-"])
        .write_stdin("s3cret\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "--secret-file - and --claims-file /dev/stdin both read standard input",
        ));
}

#[test]
fn every_name_of_stdin_is_one_reader_among_the_inputs() {
    for name in ["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"] {
        run(["sign", "--now", NOW, "--key", "-", "--from-json", name])
            .write_stdin("{}")
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "--key - and --from-json {name} both read standard input"
            )));
        run(["verify", "--now", NOW, "--key", name])
            .arg(format!("@{name}"))
            .write_stdin(valid())
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "TOKEN @{name} and --key {name} both read standard input"
            )));
    }
}

#[test]
fn tokens_read_from_stdin_by_a_device_name_are_standard_input() {
    let assert = verify()
        .args(["--json", "@/dev/stdin"])
        .write_stdin(format!("{}\n", valid()))
        .assert()
        .code(0);
    assert_eq!(
        one_json_line(&assert.get_output().stdout)["source"],
        "stdin"
    );
    verify()
        .args(["-", "@/dev/stdin"])
        .write_stdin(valid())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "TOKEN - and TOKEN @/dev/stdin both read standard input",
        ));
}

#[test]
fn implicit_token_input_and_a_key_on_stdin_name_both() {
    run(["verify", "--now", NOW, "--secret-file", "/dev/fd/0"])
        .write_stdin(valid())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "no TOKEN is given) and --secret-file /dev/fd/0 both read standard input",
        ));
}

#[test]
fn files_named_stdin_or_argument_are_reported_as_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["stdin", "argument"] {
        std::fs::write(dir.path().join(name), format!("{}\n..\n", valid())).expect("write");
        let at = format!("@{name}");
        let assert = run(["decode", "--now", NOW, "--json", &at])
            .current_dir(dir.path())
            .assert()
            .code(5);
        let records = json_lines(&assert.get_output().stdout);
        let sources: Vec<_> = records.iter().map(|r| r["source"].clone()).collect();
        assert_eq!(sources, [format!("./{name}"), format!("./{name}")]);

        let assert = run(["decode", "--now", NOW, &at])
            .current_dir(dir.path())
            .assert()
            .code(5);
        assert!(stdout_of(&assert).starts_with(&format!("== ./{name}:1 ==\n")));
        assert!(
            stderr_of(&assert).contains(&format!("jwtx: ./{name}:2: ")),
            "{}",
            stderr_of(&assert)
        );

        let assert = verify()
            .args(["--json", &at])
            .current_dir(dir.path())
            .assert()
            .code(5);
        let records = json_lines(&assert.get_output().stdout);
        assert!(records.iter().all(|r| r["source"] == format!("./{name}")));
    }
}

// Flag values are parsed to types once, by the command-line parser: a bad one is a usage
// error naming the flag before any key or input is read.

#[test]
fn bad_flag_values_are_usage_errors_naming_the_flag() {
    let token = valid();
    let cases: [(&str, &str, &str); 10] = [
        ("verify", "--now", "soon"),
        ("verify", "--leeway", "soon"),
        ("expiry", "--now", "yesterday"),
        ("expiry", "--leeway", "5x"),
        ("expiry", "--within", "later"),
        ("expiry", "--max-lifetime", "long"),
        ("decode", "--now", "2026-13-01"),
        ("sign", "--now", "noon"),
        ("sign", "--claim", "novalue"),
        ("sign", "--header", "=x"),
    ];
    for (command, flag, value) in cases {
        let mut cmd = run([command, flag, value]);
        if command != "sign" {
            cmd.arg(&token);
        }
        cmd.assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "invalid value '{value}' for '{flag} <"
            )));
    }
}

#[test]
fn a_bad_time_for_sign_is_found_before_the_key_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.pem");
    for (flag, value) in [("--exp", "soon"), ("--nbf", "3600"), ("--claim", "x")] {
        run(["sign", "--now", NOW, "--key"])
            .arg(&missing)
            .args([flag, value])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!("'{flag} <")));
    }
}

/// Each token read from a pipe is answered before the writer sends the next one
/// (`tail -f access.log | jwtx decode --claim sub`), in every batch-reading command.
#[test]
fn tokens_from_a_pipe_are_answered_as_they_arrive() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    use std::sync::mpsc;
    use std::time::Duration;

    let bin = assert_cmd::cargo::cargo_bin!("jwtx");
    let commands: [&[&str]; 4] = [
        &["decode", "--claim", "sub"],
        &["decode", "--json"],
        &["verify", "--secret", SECRET, "--json"],
        &["expiry", "--json"],
    ];
    for args in commands {
        let mut child = Command::new(bin)
            .args(args)
            .args(["--now", NOW])
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("jwtx runs");
        let mut stdin = child.stdin.take().expect("a pipe");
        let stdout = child.stdout.take().expect("a pipe");
        let (lines, answers) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if lines.send(line.expect("output")).is_err() {
                    break;
                }
            }
        });
        let token = valid();
        let (head, tail) = token.split_at(token.len() / 2);
        // A block-buffered writer often sends part of the next line with a whole one,
        // and lines without a token (blank ones) come between tokens: each whole token
        // is answered while the rest is awaited.
        let writes = [
            format!("{token}\n{head}"),
            format!("{tail}\n\n"),
            format!("{token}\n \r\n\n{head}"),
        ];
        for (round, text) in writes.iter().enumerate() {
            write!(stdin, "{text}").expect("jwtx reads");
            stdin.flush().expect("jwtx reads");
            // The pipe stays open: an answer now can only come from this token.
            let answer = answers.recv_timeout(Duration::from_secs(20));
            assert!(
                answer.is_ok(),
                "{args:?}: no answer to token {round} while the pipe is open"
            );
        }
        writeln!(stdin, "{tail}").expect("jwtx reads");
        drop(stdin);
        assert!(child.wait().expect("jwtx exits").success(), "{args:?}");
        reader.join().expect("reader");
        assert_eq!(
            answers.iter().count(),
            1,
            "{args:?}: the last token's answer"
        );
    }
}
