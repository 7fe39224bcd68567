//! A token line that is not a token but has a recognisable shape gets a one-line hint
//! naming it, in text and in `--json`: a UTF-16 file, a JSON response, a form body, a
//! token wrapped over several lines, a stray byte-order mark. A UTF-8 byte-order mark at
//! the start of a file or standard input is read past silently.

use serde_json::Value;

use crate::util::*;

fn token() -> String {
    sign(&["--secret", SECRET, "--sub", "alice"])
}

/// The token as UTF-16LE with its byte-order mark, as Windows tools write it.
fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

/// `jwtx verify --secret SECRET @file`, `jwtx expiry @file` and `jwtx decode @file`.
fn commands(file: &str) -> Vec<assert_cmd::Command> {
    let at = format!("@{file}");
    let mut verify = run(["verify", "--now", NOW, "--secret", SECRET]);
    verify.arg(&at);
    let mut expiry = run(["expiry", "--now", NOW]);
    expiry.arg(&at);
    let mut decode = run(["decode", "--now", NOW]);
    decode.arg(&at);
    vec![verify, expiry, decode]
}

/// Every command fails with exit 5 and, for the first failing line, shows a hint line
/// with `message` in text and a hint with `id` and the same message in JSON.
fn assert_hint(contents: &[u8], id: &str, message: &str) {
    let file = temp_file(contents);
    let path = path_of(&file);
    for mut cmd in commands(&path) {
        let assert = cmd.assert().code(5);
        let stderr = stderr_of(&assert);
        let hint = stderr
            .lines()
            .find(|l| l.contains(": hint: "))
            .unwrap_or_else(|| panic!("no hint line in: {stderr}"));
        assert!(hint.starts_with(&format!("jwtx: {path}:")), "{hint}");
        assert!(hint.ends_with(&format!("hint: {message}")), "{hint}");
    }
    for mut cmd in commands(&path) {
        let assert = cmd.arg("--json").assert().code(5);
        let records = json_lines(&assert.get_output().stdout);
        let first = records
            .iter()
            .find(|r| r.get("error").is_some())
            .unwrap_or_else(|| panic!("no error record in {records:?}"));
        assert_eq!(first["error"]["code"], 5, "{first}");
        assert_eq!(
            first["hints"],
            serde_json::json!([{"id": id, "message": message}]),
            "{first}"
        );
    }
}

#[test]
fn a_utf8_byte_order_mark_at_the_start_is_read_past() {
    let token = token();
    let file = temp_file(format!("\u{feff}{token}\n"));
    run(["verify", "--now", NOW, "--secret", SECRET])
        .arg(format!("@{}", path_of(&file)))
        .assert()
        .success();
    let assert = run(["decode", "--now", NOW, "--json"])
        .write_stdin(format!("\u{feff}{token}\n"))
        .assert()
        .success();
    assert_eq!(
        one_json_line(&assert.get_output().stdout)["payload"]["sub"],
        "alice"
    );
}

#[test]
fn a_byte_order_mark_elsewhere_is_named() {
    let token = token();
    let contents = format!("{token}\n\u{feff}{token}\n");
    let file = temp_file(&contents);
    let assert = run(["verify", "--now", NOW, "--secret", SECRET, "--json"])
        .arg(format!("@{}", path_of(&file)))
        .assert()
        .code(5);
    let records = json_lines(&assert.get_output().stdout);
    assert_eq!(records[0]["valid"], true);
    assert_eq!(records[1]["line"], 2);
    assert_eq!(records[1]["hints"][0]["id"], "input-bom");
}

#[test]
fn a_utf16_file_is_named_with_the_conversion() {
    assert_hint(
        &utf16le(&format!("{}\r\n", token())),
        "input-utf16",
        "the input looks like UTF-16; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)",
    );
}

#[test]
fn utf16_without_a_mark_is_seen_by_its_nul_bytes() {
    let bytes = utf16le(&token());
    let file = temp_file(&bytes[2..]);
    let assert = run(["decode", "--now", NOW])
        .arg(format!("@{}", path_of(&file)))
        .assert()
        .code(5);
    assert!(
        stderr_of(&assert).contains("hint: the input looks like UTF-16"),
        "{}",
        stderr_of(&assert)
    );
}

#[test]
fn a_json_response_names_the_member_holding_the_token() {
    let line = format!(
        "{{\"token_type\": \"Bearer\", \"access_token\": \"{}\", \"expires_in\": 3600}}\n",
        token()
    );
    assert_hint(
        line.as_bytes(),
        "input-json-member",
        "the line is a JSON object with the token in its \"access_token\" member; \
         take it out first (jq -r '.access_token')",
    );
    let line = format!("{{\"id_token\":\"{}\"}}\n", token());
    assert_hint(
        line.as_bytes(),
        "input-json-member",
        "the line is a JSON object with the token in its \"id_token\" member; \
         take it out first (jq -r '.id_token')",
    );
}

#[test]
fn a_form_body_names_the_field_holding_the_token() {
    let line = format!("grant_type=refresh&access_token={}&scope=read\n", token());
    assert_hint(
        line.as_bytes(),
        "input-form-field",
        "the line looks like a form body or query string with the token in its \
         \"access_token\" field; pass only the value after \"access_token=\"",
    );
    let line = format!("token={}\n", token());
    assert_hint(
        line.as_bytes(),
        "input-form-field",
        "the line looks like a form body or query string with the token in its \
         \"token\" field; pass only the value after \"token=\"",
    );
}

#[test]
fn a_token_wrapped_over_lines_is_named_with_its_lines() {
    let token = token();
    let (a, rest) = token.split_at(30);
    let (b, c) = rest.split_at(40);
    // A good token first, so the wrapped one is lines 2-4.
    let contents = format!("{token}\n{a}\n{b}\n{c}\n");
    assert_hint(
        contents.as_bytes(),
        "input-split-token",
        "the token seems split across lines 2-4; join them into one line",
    );
    let file = temp_file(&contents);
    let assert = run(["verify", "--now", NOW, "--secret", SECRET, "--json"])
        .arg(format!("@{}", path_of(&file)))
        .assert()
        .code(5);
    let records = json_lines(&assert.get_output().stdout);
    let ids: Vec<&Value> = records.iter().map(|r| &r["hints"][0]["id"]).collect();
    assert_eq!(records[0]["valid"], true);
    assert_eq!(ids[1..], ["input-split-token"; 3]);
}

/// `token` cut into lines of `width` characters, as wrapping tools do.
fn wrap(token: &str, width: usize) -> Vec<String> {
    token
        .as_bytes()
        .chunks(width)
        .map(|c| String::from_utf8(c.to_vec()).expect("ASCII"))
        .collect()
}

#[test]
fn a_wrap_whose_first_line_parses_is_named_on_the_lines_after_it() {
    // Wrapped past the second dot: the first line is a token with a cut signature, and
    // only the rest fails. fold's 80 columns (two lines), and a narrower wrap of three.
    let short = sign(&["--secret", SECRET, "--no-iat", "{}"]);
    let long = sign(&["--secret", SECRET, "--alg", "HS512", "--no-iat", "{}"]);
    for lines in [wrap(&short, 80), wrap(&long, 48)] {
        assert!(lines[0].matches('.').count() == 2, "{lines:?}");
        let file = temp_file(lines.join("\n") + "\n");
        let assert = run(["decode", "--now", NOW, "--json"])
            .arg(format!("@{}", path_of(&file)))
            .assert()
            .code(5);
        let records = json_lines(&assert.get_output().stdout);
        assert_eq!(records.len(), lines.len(), "{records:?}");
        assert!(records[0].get("error").is_none(), "{}", records[0]);
        for record in &records[1..] {
            assert_eq!(
                record["hints"][0]["message"],
                format!(
                    "the token seems split across lines 1-{}; join them into one line",
                    lines.len()
                ),
                "{record}"
            );
        }
    }
}

#[test]
fn a_short_line_after_a_token_is_not_taken_for_its_wrap() {
    let token = token();
    let file = temp_file(format!(
        "{token}
abc
"
    ));
    let assert = run(["decode", "--now", NOW])
        .arg(format!("@{}", path_of(&file)))
        .assert()
        .code(5);
    assert!(
        !stderr_of(&assert).contains("hint:"),
        "{}",
        stderr_of(&assert)
    );
}

#[test]
fn a_token_wrapped_inside_an_argument_is_named() {
    let token = token();
    let (a, b) = token.split_at(50);
    let assert = run(["decode", "--now", NOW, "--json"])
        .arg(format!("{a}\n{b}"))
        .assert()
        .code(5);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["hints"][0]["id"], "input-split-token");
}

#[test]
fn lines_with_no_known_shape_get_no_hint() {
    // Two unrelated short lines do not join into a token, and garbage is just garbage.
    let file = temp_file("abc.def\nhello world\n{\"a\": 1}\nx=1&y=2\n");
    for mut cmd in commands(&path_of(&file)) {
        let assert = cmd.assert().code(5);
        let stderr = stderr_of(&assert);
        assert!(!stderr.contains("hint:"), "{stderr}");
    }
}
