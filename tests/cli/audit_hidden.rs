//! Tokens where they hide from a plain scan, found by `audit --scan` and `jwtx find`:
//! base64-wrapped (a Kubernetes Secret, a HAR body, Basic credentials), UTF-16 files with and without a byte-order mark, a UTF-8 BOM, and
//! gzip logs (with a cap that stops a bomb, counted as skipped).

use std::io::Write as _;
use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use crate::util::*;

fn hs(sub: &str) -> String {
    sign(&[
        "--secret",
        "a-secret-long-enough-for-hs256-0123",
        "--sub",
        sub,
    ])
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let text = if bom {
        format!("\u{FEFF}{text}")
    } else {
        text.to_owned()
    };
    text.encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// `jwtx find --json` over the directory: (source, line, column, encoding, token).
fn found(dir: &Path, extra: &[&str]) -> Vec<(String, u64, u64, Value, String)> {
    let assert = run(["find", "--json", "."])
        .args(extra)
        .current_dir(dir)
        .assert()
        .code(0);
    json_lines(&assert.get_output().stdout)
        .into_iter()
        .map(|r| {
            (
                r["source"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("./")
                    .to_owned(),
                r["line"].as_u64().unwrap(),
                r["column"].as_u64().unwrap(),
                r["encoding"].clone(),
                r["token"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn base64_wrapped_tokens_are_found_at_their_outer_location() {
    let (a, b, c, d) = (hs("k8s"), hs("har"), hs("basic"), hs("docker"));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write(
        p,
        "secret.yaml",
        format!(
            "apiVersion: v1\nkind: Secret\ndata:\n  token: {}\n",
            STANDARD.encode(&a)
        ),
    );
    let body = format!("<html><script>var t = \"{b}\";</script></html>");
    write(
        p,
        "capture.har",
        format!(
            "{{\"log\": {{\"entries\": [{{\"response\": {{\"content\": {{\n  \"text\": \"{}\",\n  \"encoding\": \"base64\"\n}}}}}}]}}}}\n",
            STANDARD.encode(&body)
        ),
    );
    write(
        p,
        "access.log",
        format!(
            "10.0.0.1 - - \"GET /\" 200 Authorization: Basic {}\n",
            STANDARD.encode(format!("svc:{c}"))
        ),
    );
    let auth = STANDARD.encode(format!("oauth2accesstoken:{d}"));
    let config = format!("{{\"auths\":{{\"registry.example\":{{\"auth\":\"{auth}\"}}}}}}");
    write(
        p,
        "pull-secret.yaml",
        format!("data:\n  .dockerconfigjson: {}\n", STANDARD.encode(&config)),
    );
    let found = found(p, &[]);
    let at = |name: &str| found.iter().find(|f| f.0 == name).cloned().unwrap();
    // A token encoded twice (the Docker auth inside the Secret) is beyond the bound.
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found.iter().all(|f| f.4 != d), "{found:?}");
    assert_eq!(
        at("secret.yaml"),
        ("secret.yaml".into(), 4, 10, json!("base64"), a)
    );
    let har = at("capture.har");
    // The group holding the token's first byte, in the encoded body on line 2.
    let offset = body.find(&b).unwrap() / 3 * 4;
    assert_eq!(
        har,
        (
            "capture.har".into(),
            2,
            12 + offset as u64,
            json!("base64"),
            b
        )
    );
    let basic = at("access.log");
    assert_eq!((basic.1, basic.3, basic.4), (1, json!("base64"), c));
    // Decoded once by hand, as `jq -r '.data[".dockerconfigjson"]' | base64 -d` would.
    let assert = run(["find", "-"]).write_stdin(config).assert().code(0);
    let line = stdout_of(&assert);
    assert!(
        line.starts_with("stdin:1:") && line.ends_with(&format!("\t{d}\tin base64\n")),
        "{line}"
    );
}

#[test]
fn audit_reports_wrapped_tokens_as_exposed_with_the_wrapping_noted() {
    let a = hs("k8s");
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "secret.yaml",
        format!("data:\n  token: {}\n", STANDARD.encode(&a)),
    );
    let assert = run([
        "audit",
        "--now",
        NOW,
        "--scan",
        ".",
        "--format",
        "json",
        "--fail-on",
        "none",
    ])
    .current_dir(dir.path())
    .assert()
    .code(0);
    let records = json_lines(&assert.get_output().stdout);
    let token = &records[0];
    assert_eq!(token["locations"][0]["encoding"], "base64", "{token}");
    let rules: Vec<&str> = token["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"token-exposed"), "{rules:?}");
    // Text: the location says what the token was inside.
    let assert = run(["audit", "--now", NOW, "--scan", ".", "--fail-on", "none"])
        .current_dir(dir.path())
        .assert()
        .code(0);
    let text = stdout_of(&assert);
    assert!(
        text.starts_with("./secret.yaml:2:10 (in base64)  token "),
        "{text}"
    );
}

#[test]
fn utf16_files_and_a_utf8_bom() {
    let (a, b, c, d) = (hs("le"), hs("be"), hs("le-nobom"), hs("bom8"));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write(
        p,
        "a.log",
        utf16(&format!("first line\r\nuser=x token={a}\r\n"), false, true),
    );
    write(
        p,
        "b.log",
        utf16(&format!("first line\nuser=x token={b}\n"), true, true),
    );
    write(
        p,
        "c.log",
        utf16(&format!("first line\nuser=x token={c}\n"), false, false),
    );
    write(
        p,
        "d.log",
        [b"\xEF\xBB\xBF".as_slice(), format!("{d}\n").as_bytes()].concat(),
    );
    let found = found(p, &[]);
    assert_eq!(
        found,
        [
            ("a.log".into(), 2, 14, json!("utf-16le"), a),
            ("b.log".into(), 2, 14, json!("utf-16be"), b),
            ("c.log".into(), 2, 14, json!("utf-16le"), c),
            // The BOM is not a column.
            ("d.log".into(), 1, 1, Value::Null, d),
        ]
    );
}

#[test]
fn gzip_logs_are_read_and_a_bomb_is_cut_short_and_counted() {
    let (a, b) = (hs("rotated"), hs("deep"));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // A rotated log (two members, as logrotate and cat a.gz b.gz make), named without .gz.
    let log = [
        gzip(b"start\n"),
        gzip(format!("GET /x?access_token={a}\n").as_bytes()),
    ]
    .concat();
    write(p, "app.log.1", log);
    // UTF-16 inside gzip.
    write(
        p,
        "win.log.gz",
        gzip(&utf16(&format!("x {a}\n"), false, true)),
    );
    let found = found(p, &[]);
    assert_eq!(
        found,
        [
            ("app.log.1".into(), 2, 21, json!("gzip"), a.clone()),
            (
                "win.log.gz".into(),
                1,
                3,
                json!("gzip, utf-16le"),
                a.clone()
            ),
        ]
    );
    // A bomb: 8 MiB of zeros then a token, read with a 1 MiB cap: cut short, counted as
    // skipped (not an error), and memory never holds it.
    let mut bomb = vec![0u8; 8 << 20];
    bomb.extend_from_slice(format!("\n{b}\n").as_bytes());
    write(p, "bomb.gz", gzip(&bomb));
    let assert = run([
        "audit",
        "--now",
        NOW,
        "--scan",
        ".",
        "--format",
        "json",
        "--fail-on",
        "none",
        "--max-decompressed",
        "1M",
    ])
    .current_dir(p)
    .assert()
    .code(0);
    let records = json_lines(&assert.get_output().stdout);
    let summary = records.last().unwrap();
    assert_eq!(
        summary["skipped"],
        json!({"compressed": 0, "unreadable": 0, "decompressed_over_cap": 1})
    );
    assert_eq!(
        summary["tokens"], 1,
        "the token after the cap is not seen: {records:?}"
    );
    let stderr = stderr_of(&assert);
    assert_eq!(
        stderr,
        "jwtx: --scan skipped 1 file: 1 gzip decompressing to more than --max-decompressed (scanned up to it)\n"
    );
    // The default cap reads it whole.
    let found_all = run(["find", "bomb.gz"]).current_dir(p).assert().code(0);
    assert_eq!(
        stdout_of(&found_all),
        format!("bomb.gz:2:1\t{b}\tin gzip\n")
    );
    // A corrupt gzip stream is unreadable (5), with the file named.
    write(
        p,
        "broken.gz",
        [&gzip(b"hello world, some text")[..12], b"garbage"].concat(),
    );
    let assert = run(["find", "broken.gz"]).current_dir(p).assert().code(5);
    assert!(
        stderr_of(&assert).contains("broken.gz"),
        "{}",
        stderr_of(&assert)
    );
}
