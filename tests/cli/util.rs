//! Hermetic helpers: every test runs the real `jwtx` binary with a clean environment,
//! an explicit standard input and a fixed instant, so no result depends on the machine,
//! the user's shell or the wall clock.

use std::io::Write as _;
use std::path::PathBuf;

use assert_cmd::Command;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;
use tempfile::NamedTempFile;

/// The instant every time-sensitive command is evaluated at.
pub(crate) const NOW: &str = "2026-01-01T00:00:00Z";
/// [`NOW`] as Unix seconds.
pub(crate) const NOW_UNIX: i64 = 1_767_225_600;
/// A second full-size HMAC secret: the wrong one, for tests of bad signatures.
pub(crate) const OTHER_SECRET: &str = "another jwtx test secret, 32+ bytes long";
/// The HMAC secret most tests share: 64 bytes, full size for HS256, HS384 and HS512.
pub(crate) const SECRET: &str = "jwtx-test-secret: 64 bytes, as long as HS512 asks (RFC 7518 3.2)";
/// The `exp` of the RFC 7515 / RFC 7519 vectors (2011-03-22T18:43:00Z).
pub(crate) const VECTOR_EXP: i64 = 1_300_819_380;
/// One second before [`VECTOR_EXP`]: the vectors' signatures check out as valid.
pub(crate) const BEFORE_VECTOR_EXP: &str = "1300819379";
/// Exactly [`VECTOR_EXP`]: the vectors are expired.
pub(crate) const AT_VECTOR_EXP: &str = "1300819380";

/// Exit codes the README documents; anything else (101 is a Rust panic) is a bug.
pub(crate) const DOCUMENTED_EXIT_CODES: [i32; 7] = [0, 1, 2, 3, 4, 5, 6];

/// `jwtx` with NO_COLOR=1, no JWTX_* variables and an empty standard input (call
/// `.write_stdin(...)` again to give it one).
pub(crate) fn jwtx() -> Command {
    let mut cmd = Command::cargo_bin("jwtx").expect("the jwtx binary is built");
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("JWTX_") {
            cmd.env_remove(&name);
        }
    }
    // Fetches go only where a test points them: no proxy or CA bundle from the machine,
    // and a cache directory of the test run's own (a test that counts requests gives
    // its own with `JWTX_CACHE_DIR`).
    for name in [
        "SSL_CERT_FILE",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        cmd.env_remove(name);
    }
    cmd.env("JWTX_CACHE_DIR", shared_cache_dir());
    cmd.env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .write_stdin("");
    cmd
}

/// The key cache every test shares unless it sets its own: a temporary directory that
/// lives as long as the test binary.
fn shared_cache_dir() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary directory"))
        .path()
}

/// `jwtx --color never <args...>` with a clean environment and empty stdin.
pub(crate) fn run<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut cmd = jwtx();
    cmd.arg("--color").arg("never").args(args);
    cmd
}

/// Path of a key fixture under tests/fixtures/keys.
pub(crate) fn key(name: &str) -> String {
    fixture(&format!("keys/{name}"))
}

/// Path of a file under tests/fixtures.
pub(crate) fn fixture(rel: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", rel]
        .iter()
        .collect();
    assert!(path.exists(), "missing fixture {}", path.display());
    path.to_string_lossy().into_owned()
}

/// Every vector file, sorted by name.
pub(crate) fn vector_files() -> Vec<PathBuf> {
    let dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "vectors"]
        .iter()
        .collect();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("vectors directory")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// A vector (tests/fixtures/vectors/NAME.json) as JSON.
pub(crate) fn vector(name: &str) -> Value {
    let path = fixture(&format!("vectors/{name}.json"));
    let text = std::fs::read_to_string(path).expect("vector file");
    serde_json::from_str(&text).expect("vector is JSON")
}

/// The token of a vector.
pub(crate) fn vector_token(name: &str) -> String {
    vector(name)["token"]
        .as_str()
        .expect("vector has a token")
        .to_owned()
}

/// A temporary file holding `contents`; it lives as long as the handle.
pub(crate) fn temp_file(contents: impl AsRef<[u8]>) -> NamedTempFile {
    let mut file = NamedTempFile::new().expect("temp file");
    file.write_all(contents.as_ref()).expect("write temp file");
    file.flush().expect("flush temp file");
    file
}

/// The path of a temporary file, as an argument.
pub(crate) fn path_of(file: &NamedTempFile) -> String {
    file.path().to_string_lossy().into_owned()
}

/// `jwtx sign --now NOW <args>`: asserts success, that stdout is exactly one token and
/// a newline, and that stderr is empty but for the warnings about a token invalid when
/// made (tests mint expired and never-valid tokens on purpose) and, with
/// `--allow-weak-key`, the weak-key warning; returns the token.
pub(crate) fn sign(args: &[&str]) -> String {
    let out = run(["sign", "--now", NOW])
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).expect("sign stdout is UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let weak_allowed = args.contains(&"--allow-weak-key");
    assert!(
        stderr.lines().all(|l| {
            l.starts_with("jwtx: warning: the token is already expired: ")
                || l.starts_with("jwtx: warning: the token is never valid: ")
                // The test's stdin is an empty pipe whose writer may not have closed it
                // within sign's 200 ms look on a loaded machine: timing, not a defect.
                || l.starts_with("jwtx: warning: standard input is a pipe and was not read")
                || (weak_allowed
                    && l.starts_with("jwtx: warning: ")
                    && l.ends_with("used because of --allow-weak-key"))
        }),
        "sign wrote to stderr: {stderr}"
    );
    assert_is_one_token_line(&stdout);
    stdout.trim_end_matches('\n').to_owned()
}

/// Asserts `stdout` is exactly one compact JWS and a newline.
pub(crate) fn assert_is_one_token_line(stdout: &str) {
    let token = stdout
        .strip_suffix('\n')
        .unwrap_or_else(|| panic!("stdout does not end with a newline: {stdout:?}"));
    assert!(!token.contains('\n'), "more than one line: {stdout:?}");
    let segments: Vec<&str> = token.split('.').collect();
    assert_eq!(segments.len(), 3, "not a compact JWS: {token:?}");
    for (i, s) in segments.iter().enumerate() {
        assert!(
            s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "segment {i} is not unpadded base64url: {s:?}"
        );
    }
}

pub(crate) fn b64url(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn b64url_decode(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD
        .decode(text)
        .unwrap_or_else(|e| panic!("{text:?} is not base64url: {e}"))
}

fn segment_json(token: &str, index: usize) -> Value {
    let segment = token.split('.').nth(index).expect("segment");
    serde_json::from_slice(&b64url_decode(segment)).expect("segment is JSON")
}

/// A token's decoded header.
pub(crate) fn header_of(token: &str) -> Value {
    segment_json(token, 0)
}

/// A token's decoded payload (when it is JSON).
pub(crate) fn payload_of(token: &str) -> Value {
    segment_json(token, 1)
}

/// A compact token from raw header and payload bytes and a signature, exactly as given
/// (for malformed and forged tokens).
pub(crate) fn compact(header: &str, payload: &str, signature: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        b64url(header),
        b64url(payload),
        b64url(signature)
    )
}

/// An HS256 token over `payload` bytes exactly as given, signed by jwtx itself with
/// [`SECRET`] (header `{"alg":"HS256"}`). For payloads jwtx's claim builder would
/// never produce: duplicate members, invalid UTF-8, strings as exp...
pub(crate) fn hs256_over_raw_payload(payload: &[u8]) -> String {
    let file = temp_file(payload);
    sign(&["--secret", SECRET, "--payload-file", &path_of(&file)])
}

/// stdout parsed as JSON Lines; every record must carry `"version": 1`.
pub(crate) fn json_lines(stdout: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(stdout).expect("stdout is UTF-8");
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "JSON Lines must end with a newline: {text:?}"
    );
    text.lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line:?}"));
            assert_eq!(value["version"], 1, "record without version 1: {line}");
            value
        })
        .collect()
}

/// The single JSON Lines record on stdout.
pub(crate) fn one_json_line(stdout: &[u8]) -> Value {
    let mut records = json_lines(stdout);
    assert_eq!(records.len(), 1, "expected one record, got {records:?}");
    records.remove(0)
}

pub(crate) fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("stdout is UTF-8")
}

pub(crate) fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

/// The exit code, asserting the process exited normally with a documented code.
pub(crate) fn documented_code(assert: &assert_cmd::assert::Assert) -> i32 {
    let output = assert.get_output();
    let code = output
        .status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal: {:?}", output.status));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "jwtx panicked: {stderr}");
    assert!(
        DOCUMENTED_EXIT_CODES.contains(&code),
        "undocumented exit code {code}; stderr: {stderr}"
    );
    code
}
