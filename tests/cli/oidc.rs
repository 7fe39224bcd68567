//! `jwtx verify` against a real OpenID provider: oidc-provider, the certified Node.js
//! implementation, run on 127.0.0.1 by `tests/oidc/provider.mjs`. The provider issues an
//! RFC 9068 JWT access token through its own token endpoint; jwtx finds its keys from a
//! JWKS file, from the `jwks_uri` and by OpenID discovery (`--oidc`).
//!
//! The provider stamps its tokens with the real current time, so these tests run jwtx
//! without `--now`; they assert nothing that depends on the clock's exact value.
//!
//! Node and `npm ci --prefix tests/oidc` are needed. Without `tests/oidc/node_modules`
//! the tests skip with one line on stderr, unless `CI` is set: then they fail.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;
use tempfile::NamedTempFile;

use crate::util::*;

/// How long the provider may take to start and print its token.
const STARTUP: Duration = Duration::from_secs(20);
const INSTALL: &str = "npm ci --prefix tests/oidc";

/// A running `tests/oidc/provider.mjs` and what it printed; killed on drop.
struct Provider {
    child: Child,
    /// Held open: the provider exits when its standard input closes.
    _stdin: ChildStdin,
    issuer: String,
    jwks_uri: String,
    audience: String,
    token: String,
}

impl Provider {
    /// Starts the provider with an RS256 access token, or returns `None` (skip) when
    /// its packages are not installed outside CI.
    fn start() -> Option<Provider> {
        Provider::start_with(&[])
    }

    fn start_with(args: &[&str]) -> Option<Provider> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        if !root.join("tests/oidc/node_modules").is_dir() {
            assert!(
                std::env::var_os("CI").is_none(),
                "tests/oidc/node_modules is missing: run {INSTALL}"
            );
            eprintln!("skipping: oidc-provider is not installed; run {INSTALL}");
            return None;
        }
        // stderr goes to a file: read on failure, and never a pipe that fills up.
        let stderr = NamedTempFile::new().expect("temp file for node's stderr");
        let mut child = Command::new("node")
            .arg(Path::new("tests").join("oidc").join("provider.mjs"))
            .args(args)
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr.reopen().expect("reopen node's stderr file"))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start node (is Node.js installed?): {e}"));
        let stdin = child.stdin.take().expect("node's stdin is piped");
        let stdout = child.stdout.take().expect("node's stdout is piped");

        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let read = BufReader::new(stdout).read_line(&mut line).map(|_| line);
            // The receiver is gone only when the test gave up waiting.
            let _ = sender.send(read);
        });
        let line = match receiver.recv_timeout(STARTUP) {
            Ok(Ok(line)) if !line.is_empty() => line,
            Ok(Ok(_)) => fail(child, &stderr, "exited before printing its token"),
            Ok(Err(e)) => fail(child, &stderr, &format!("stdout unreadable: {e}")),
            Err(_) => fail(child, &stderr, &format!("printed nothing in {STARTUP:?}")),
        };
        let info: Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("provider.mjs printed no JSON ({e}): {line:?}"));
        let field = |name: &str| {
            info[name]
                .as_str()
                .unwrap_or_else(|| panic!("provider.mjs printed no {name}: {line}"))
                .to_owned()
        };
        Some(Provider {
            issuer: field("issuer"),
            jwks_uri: field("jwks_uri"),
            audience: field("audience"),
            token: field("access_token"),
            child,
            _stdin: stdin,
        })
    }

    /// The provider's port, from its issuer `http://127.0.0.1:PORT`.
    fn port(&self) -> &str {
        self.issuer
            .strip_prefix("http://127.0.0.1:")
            .unwrap_or_else(|| panic!("issuer is not http://127.0.0.1:PORT: {}", self.issuer))
    }

    /// The provider's JWKS, fetched from its `jwks_uri`.
    fn jwks(&self) -> String {
        ureq::get(&self.jwks_uri)
            .call()
            .and_then(|mut response| response.body_mut().read_to_string())
            .unwrap_or_else(|e| panic!("GET {}: {e}", self.jwks_uri))
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Kills node and panics with `what` and everything node wrote on stderr.
fn fail(mut child: Child, stderr: &NamedTempFile, what: &str) -> ! {
    let _ = child.kill();
    let _ = child.wait();
    let log = std::fs::read_to_string(stderr.path()).unwrap_or_default();
    let script: PathBuf = ["tests", "oidc", "provider.mjs"].iter().collect();
    panic!("{} {what}; its stderr:\n{log}", script.display());
}

/// `jwtx verify --key <the provider's JWKS, saved to a file> --aud AUD --iss ISS TOKEN`
/// succeeds, naming the algorithm and the kid in the token's header.
fn verifies_with_jwks_file(provider: &Provider, alg: &str) {
    let jwks = temp_file(provider.jwks());
    let header = header_of(&provider.token);
    assert_eq!(header["alg"], alg, "the provider signed with {alg}");
    let kid = header["kid"].as_str().expect("the provider sets a kid");
    let assert = run(["verify", "--key", &path_of(&jwks)])
        .args(["--aud", &provider.audience, "--iss", &provider.issuer])
        .arg(&provider.token)
        .assert()
        .code(0);
    let stdout = stdout_of(&assert);
    let expected = format!("valid ({alg}; key kid \"{kid}\"; expires in ");
    assert!(
        stdout.starts_with(&expected) && stdout.ends_with(")\n"),
        "stdout: {stdout:?}, expected {expected:?}..."
    );
}

#[test]
fn oidc_provider_token_verifies_with_its_jwks_file() {
    let Some(provider) = Provider::start() else {
        return;
    };
    verifies_with_jwks_file(&provider, "RS256");

    // An RFC 9068 access token, issued by the provider for the resource.
    let assert = run(["decode", "--json", &provider.token]).assert().code(0);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["header"]["typ"], "at+jwt");
    assert_eq!(record["payload"]["iss"], provider.issuer.as_str());
    assert_eq!(record["payload"]["aud"], provider.audience.as_str());
}

#[test]
fn oidc_provider_es256_token_verifies_with_its_jwks_file() {
    let Some(provider) = Provider::start_with(&["--alg", "ES256"]) else {
        return;
    };
    verifies_with_jwks_file(&provider, "ES256");
}

#[test]
fn oidc_discovery_verifies_a_real_provider_token() {
    let Some(provider) = Provider::start() else {
        return;
    };
    let assert = run(["verify", "--oidc", &provider.issuer])
        .args(["--aud", &provider.audience, &provider.token])
        .assert()
        .code(0);
    let stdout = stdout_of(&assert);
    assert!(stdout.starts_with("valid (RS256"), "stdout: {stdout:?}");
}

#[test]
fn oidc_wrong_audience_is_a_claim_failure() {
    let Some(provider) = Provider::start() else {
        return;
    };
    let assert = run(["verify", "--oidc", &provider.issuer])
        .args(["--aud", "https://other.example", &provider.token])
        .assert()
        .code(4);
    let said = format!("{}{}", stdout_of(&assert), stderr_of(&assert));
    for part in ["aud", "https://other.example", provider.audience.as_str()] {
        assert!(said.contains(part), "no {part:?} in: {said:?}");
    }
}

#[test]
fn oidc_issuer_spelled_differently_is_refused() {
    let Some(provider) = Provider::start() else {
        return;
    };
    // The same server, but its discovery document names http://127.0.0.1:PORT.
    let localhost = format!("http://localhost:{}", provider.port());
    let assert = run(["verify", "--oidc", &localhost])
        .args(["--aud", &provider.audience, &provider.token])
        .assert()
        .code(6);
    let stderr = stderr_of(&assert);
    for spelling in [localhost.as_str(), provider.issuer.as_str()] {
        assert!(stderr.contains(spelling), "no {spelling:?} in: {stderr:?}");
    }
}

#[test]
fn oidc_jwks_from_url() {
    let Some(provider) = Provider::start() else {
        return;
    };
    run(["verify", "--key", &provider.jwks_uri])
        .args(["--aud", &provider.audience, &provider.token])
        .assert()
        .code(0);
}
