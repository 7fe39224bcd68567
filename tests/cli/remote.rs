//! Keys from a URL: `--key https://...` and the key cache, against a real HTTPS server on
//! 127.0.0.1 with a test CA (`crate::httpd`). Every test has its own cache directory and
//! its own server, so request counts are exact.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tempfile::TempDir;

use crate::httpd::{ConnectProxy, Reply, Request, Server, ca_path, with_etag};
use crate::util::{NOW, key, run, sign};

/// The RFC 7515 A.3 P-256 public key as a JWK with `kid`.
fn ec_jwk(kid: &str) -> Value {
    let text = std::fs::read_to_string(key("rfc7515-a3.ec.pub.jwk")).expect("fixture");
    let mut jwk: Value = serde_json::from_str(&text).expect("JWK");
    jwk["kid"] = json!(kid);
    jwk
}

/// The RFC 7515 A.4 P-521 public key as a JWK with `kid`.
fn ec521_jwk(kid: &str) -> Value {
    let text = std::fs::read_to_string(key("rfc7515-a4.ec521.pub.jwk")).expect("fixture");
    let mut jwk: Value = serde_json::from_str(&text).expect("JWK");
    jwk["kid"] = json!(kid);
    jwk
}

fn jwks(keys: &[Value]) -> String {
    json!({ "keys": keys }).to_string()
}

/// An ES256 token with `kid`, valid at [`NOW`] for an hour.
fn es256_token(kid: &str) -> String {
    sign(&[
        "--key",
        &key("rfc7515-a3.ec.jwk"),
        "--kid",
        kid,
        "--exp",
        "+1h",
        "--sub",
        "remote",
    ])
}

/// An ES512 token with `kid`, valid at [`NOW`] for an hour.
fn es512_token(kid: &str) -> String {
    sign(&[
        "--key",
        &key("rfc7515-a4.ec521.jwk"),
        "--kid",
        kid,
        "--exp",
        "+1h",
    ])
}

/// A JWKS endpoint whose body a test can change (key rotation).
fn rotating(body: String) -> (Arc<Mutex<String>>, impl Fn(&Request) -> Reply + Send + Sync) {
    let shared = Arc::new(Mutex::new(body));
    let inner = shared.clone();
    (shared, move |_: &Request| {
        Reply::json(200, inner.lock().expect("lock").clone())
    })
}

/// `jwtx verify --now NOW --ca-file CA` with its own cache directory.
fn verify(cache: &TempDir) -> assert_cmd::Command {
    let mut cmd = run(["verify", "--now", NOW, "--ca-file", &ca_path()]);
    cmd.env("JWTX_CACHE_DIR", cache.path());
    cmd
}

fn cache() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Moves every cached entry `seconds` into the past, as if that much time had passed.
fn age_cache(cache: &TempDir, seconds: u64) {
    let dir = cache.path().join("keys");
    for entry in std::fs::read_dir(dir).expect("cache entries") {
        let path = entry.expect("entry").path();
        let mut json: Value =
            serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
        for field in ["fetched", "checked"] {
            json[field] = json!(json[field].as_u64().expect("a time").wrapping_sub(seconds));
        }
        std::fs::write(&path, json.to_string()).expect("write");
    }
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

#[test]
fn a_jwks_url_verifies_and_the_second_run_needs_no_network() {
    let body = jwks(&[ec_jwk("k1")]);
    let mut server = Server::https(move |_: &Request| {
        Reply::json(200, body.clone()).header("Cache-Control", "public, max-age=600")
    });
    let url = server.url("/jwks.json");
    let token = es256_token("k1");
    let cache = cache();
    let first = verify(&cache)
        .args(["--key", &url, &token])
        .assert()
        .success();
    assert!(
        stdout_of(&first).starts_with("valid (ES256"),
        "{}",
        stdout_of(&first)
    );
    assert_eq!(server.count("/jwks.json"), 1);
    let request = &server.requests()[0];
    let agent = request.header("user-agent").expect("a User-Agent");
    assert!(
        agent.starts_with(concat!("jwtx/", env!("CARGO_PKG_VERSION"))),
        "{agent}"
    );
    assert!(
        request
            .header("accept")
            .unwrap_or_default()
            .contains("application/jwk-set+json")
    );

    // The server is gone: the fresh cached copy answers.
    server.stop();
    verify(&cache)
        .args(["--key", &url, &token])
        .assert()
        .success();

    // The cache file is the owner's alone.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let entries: Vec<_> = std::fs::read_dir(cache.path().join("keys"))
            .expect("entries")
            .map(|e| e.expect("entry").path())
            .collect();
        assert_eq!(entries.len(), 1);
        let mode = std::fs::metadata(&entries[0])
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let dir_mode = std::fs::metadata(cache.path().join("keys"))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(dir_mode & 0o777, 0o700);
    }
}

#[test]
fn a_stale_copy_is_revalidated_with_its_etag() {
    let server = Server::https(with_etag(jwks(&[ec_jwk("k1")]), "\"v1\""));
    let url = server.url("/jwks");
    let token = es256_token("k1");
    let cache = cache();
    verify(&cache)
        .args(["--key", &url, &token])
        .assert()
        .success();
    age_cache(&cache, 3600);
    verify(&cache)
        .args(["--key", &url, &token])
        .assert()
        .success();
    assert_eq!(server.statuses("/jwks"), [200, 304]);
    assert_eq!(server.requests()[1].header("if-none-match"), Some("\"v1\""));
    // Revalidated just now: fresh again, no request.
    verify(&cache)
        .args(["--key", &url, &token])
        .assert()
        .success();
    assert_eq!(server.count("/jwks"), 2);
}

#[test]
fn a_batch_fetches_each_url_once() {
    let body = jwks(&[ec_jwk("k1")]);
    let server = Server::https(move |_: &Request| Reply::json(200, body.clone()));
    let url = server.url("/jwks");
    let token = es256_token("k1");
    let tokens = format!("{token}\n").repeat(500);
    let cache = cache();
    let assert = verify(&cache)
        .args(["--key", &url])
        .write_stdin(tokens)
        .assert()
        .success();
    assert!(stderr_of(&assert).contains("500 tokens: 500 valid"));
    assert_eq!(server.count("/jwks"), 1);
}

#[test]
fn a_missing_kid_refetches_once_then_rotated_keys_verify() {
    let (body, handler) = rotating(jwks(&[ec_jwk("old")]));
    let server = Server::https(handler);
    let url = server.url("/jwks");
    let cache = cache();
    verify(&cache)
        .args(["--key", &url, &es256_token("old")])
        .assert()
        .success();
    // The issuer rotates to a new key; a minute later a token signed with it arrives.
    *body.lock().expect("lock") = jwks(&[ec521_jwk("new")]);
    age_cache(&cache, 120);
    let new = es512_token("new");
    let unknown = es256_token("never-published");
    let batch = format!("{new}\n{unknown}\n{unknown}\n{unknown}\n");
    let assert = verify(&cache)
        .args(["--key", &url])
        .write_stdin(batch)
        .assert()
        .code(6);
    let stdout = stdout_of(&assert);
    assert!(stdout.starts_with("line 1: valid (ES512"), "{stdout}");
    // One refetch for the whole batch, however many unknown kids.
    assert_eq!(server.count("/jwks"), 2);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("not in the new key set either"), "{stderr}");

    // Right after, a flood of unknown kids asks nothing: the cooldown holds.
    let assert = verify(&cache)
        .args(["--key", &url, "--json", &unknown])
        .assert()
        .code(6);
    assert_eq!(server.count("/jwks"), 2);
    let record: Value =
        serde_json::from_str(stdout_of(&assert).lines().next().expect("a record")).expect("JSON");
    let hints = record["hints"].as_array().expect("hints");
    let refetch = hints
        .iter()
        .find(|h| h["id"] == "keys-refetched")
        .unwrap_or_else(|| panic!("no keys-refetched hint in {record}"));
    assert!(
        refetch["message"]
            .as_str()
            .unwrap_or_default()
            .contains("not fetched again"),
        "{refetch}"
    );
}

#[test]
fn a_stale_copy_stands_in_when_the_server_fails() {
    let failing = Arc::new(AtomicUsize::new(0));
    let flag = failing.clone();
    let body = jwks(&[ec_jwk("k1")]);
    let server = Server::https(move |_: &Request| {
        if flag.load(Ordering::SeqCst) == 1 {
            Reply::status(503)
        } else {
            Reply::json(200, body.clone())
        }
    });
    let url = server.url("/jwks");
    let token = es256_token("k1");
    let cache = cache();
    verify(&cache)
        .args(["--key", &url, &token])
        .assert()
        .success();
    failing.store(1, Ordering::SeqCst);
    age_cache(&cache, 3 * 3600);
    let assert = verify(&cache)
        .args(["--key", &url, &token])
        .assert()
        .success();
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("HTTP 503"), "{stderr}");
    assert!(stderr.contains("using the copy cached 3h ago"), "{stderr}");

    // Beyond the bound (a week past freshness) the stale copy is not used.
    age_cache(&cache, 8 * 24 * 3600);
    let assert = verify(&cache)
        .args(["--key", &url, &token])
        .assert()
        .code(6);
    assert!(stderr_of(&assert).contains("HTTP 503"));
}

#[test]
fn offline_uses_only_the_cache() {
    let body = jwks(&[ec_jwk("k1")]);
    let server = Server::https(move |_: &Request| Reply::json(200, body.clone()));
    let url = server.url("/jwks");
    let token = es256_token("k1");
    let cache = cache();
    let assert = verify(&cache)
        .args(["--offline", "--key", &url, &token])
        .assert()
        .code(6);
    assert!(stderr_of(&assert).contains("is not in the key cache"));
    assert_eq!(server.count("/jwks"), 0);
    verify(&cache)
        .args(["--key", &url, &token])
        .assert()
        .success();
    // Old as it may be, the cached copy serves --offline, with a warning.
    age_cache(&cache, 30 * 24 * 3600);
    let assert = verify(&cache)
        .args(["--offline", "--key", &url, &token])
        .assert()
        .success();
    assert!(stderr_of(&assert).contains("--offline"));
    assert_eq!(server.count("/jwks"), 1);
    // --refresh-keys asks although the copy is fresh.
    verify(&cache)
        .args(["--key", &url, &token])
        .assert()
        .success();
    verify(&cache)
        .args(["--refresh-keys", "--key", &url, &token])
        .assert()
        .success();
    assert_eq!(server.count("/jwks"), 3);
}

#[test]
fn plain_http_is_refused_beyond_loopback() {
    let cache = cache();
    let assert = verify(&cache)
        .args(["--key", "http://keys.example.invalid/jwks", "x.y.z"])
        .assert()
        .code(6);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("jwtx will not fetch http://keys.example.invalid/jwks"),
        "{stderr}"
    );
    assert!(stderr.contains("--allow-http"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // Loopback http is fine (a local identity provider under test).
    let body = jwks(&[ec_jwk("k1")]);
    let server = Server::http(move |_: &Request| Reply::json(200, body.clone()));
    verify(&cache)
        .args(["--key", &server.url("/jwks"), &es256_token("k1")])
        .assert()
        .success();
}

#[test]
fn a_redirect_to_http_is_refused() {
    let plain = Server::http(|_: &Request| Reply::json(200, "{}"));
    let target = plain.url("/jwks");
    let server = Server::https(move |_: &Request| Reply::status(302).header("Location", &target));
    let cache = cache();
    let assert = verify(&cache)
        .args(["--key", &server.url("/jwks"), &es256_token("k1")])
        .assert()
        .code(6);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("which is not https"), "{stderr}");
    assert_eq!(plain.count("/jwks"), 0);
}

#[test]
fn redirects_within_https_are_followed_a_few_times() {
    let body = jwks(&[ec_jwk("k1")]);
    let server = Server::https(move |r: &Request| match r.path.as_str() {
        "/old" => Reply::status(301).header("Location", "/jwks"),
        "/loop" => Reply::status(302).header("Location", "/loop"),
        _ => Reply::json(200, body.clone()),
    });
    let cache = cache();
    verify(&cache)
        .args(["--key", &server.url("/old"), &es256_token("k1")])
        .assert()
        .success();
    let assert = verify(&cache)
        .args(["--key", &server.url("/loop"), &es256_token("k1")])
        .assert()
        .code(6);
    assert!(stderr_of(&assert).contains("more than 5 redirects"));
    assert_eq!(server.count("/loop"), 6);
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = Server::https(|_: &Request| Reply::Hang);
    let cache = cache();
    let started = Instant::now();
    let assert = verify(&cache)
        .args(["--timeout", "1s", "--key", &server.url("/jwks"), "x.y.z"])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(6);
    assert!(started.elapsed() < Duration::from_secs(10));
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("no complete answer within 1s"), "{stderr}");
}

#[test]
fn bad_answers_are_one_clear_line_and_exit_6() {
    let huge = vec![b' '; 2 * 1024 * 1024];
    let server = Server::https(move |r: &Request| match r.path.as_str() {
        "/missing" => Reply::status(404),
        "/broken" => Reply::status(500),
        "/login" => Reply::bytes(200, "text/html", "<!doctype html><title>Sign in</title>"),
        "/garbage" => Reply::json(200, "{\"keys\": 42}"),
        "/huge" => Reply::json(200, huge.clone()),
        "/private" => Reply::status(401),
        _ => Reply::Close,
    });
    let cache = cache();
    for (path, expected) in [
        ("/missing", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error"),
        ("/login", "HTML page"),
        ("/garbage", "did not answer with a key set"),
        ("/huge", "larger than 1024 KiB"),
        ("/private", "HTTP 401"),
        ("/closed", "cannot fetch"),
    ] {
        let url = server.url(path);
        let assert = verify(&cache)
            .args(["--key", &url, "x.y.z"])
            .assert()
            .code(6);
        let stderr = stderr_of(&assert);
        assert!(stderr.contains(expected), "{path}: {stderr}");
        assert!(stderr.contains(&url), "{path}: the URL is named: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{path}: {stderr}");
    }
    // Nothing bad was cached.
    assert!(
        std::fs::read_dir(cache.path().join("keys")).map_or(true, |d| d.count() == 0),
        "a bad answer was cached"
    );
}

#[test]
fn tls_trust_follows_ca_file_and_ssl_cert_file() {
    let body = jwks(&[ec_jwk("k1")]);
    let server = Server::https(move |_: &Request| Reply::json(200, body.clone()));
    let url = server.url("/jwks");
    let token = es256_token("k1");
    let cache = cache();
    // The test CA is in no public trust store.
    let mut plain = run(["verify", "--now", NOW, "--key", &url, &token]);
    let assert = plain.env("JWTX_CACHE_DIR", cache.path()).assert().code(6);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("not signed by a publicly trusted CA"),
        "{stderr}"
    );
    assert!(stderr.contains("--ca-file"), "{stderr}");
    // SSL_CERT_FILE does what --ca-file does.
    let mut env = run(["verify", "--now", NOW, "--key", &url, &token]);
    env.env("JWTX_CACHE_DIR", cache.path())
        .env("SSL_CERT_FILE", ca_path())
        .assert()
        .success();
    // An unreadable CA file is a key problem named as such.
    let mut missing = run([
        "verify",
        "--now",
        NOW,
        "--refresh-keys",
        "--key",
        &url,
        &token,
    ]);
    let assert = missing
        .env("JWTX_CACHE_DIR", cache.path())
        .args(["--ca-file", "/nonexistent/ca.pem"])
        .assert()
        .code(6);
    assert!(stderr_of(&assert).contains("cannot read CA file /nonexistent/ca.pem"));
}

#[test]
fn untrusted_and_expired_certificates_are_refused() {
    let body = jwks(&[ec_jwk("k1")]);
    let untrusted = {
        let body = body.clone();
        Server::https_with("untrusted.pem", "untrusted.key", move |_: &Request| {
            Reply::json(200, body.clone())
        })
    };
    let expired = Server::https_with("expired.pem", "expired.key", move |_: &Request| {
        Reply::json(200, body.clone())
    });
    let cache = cache();
    let assert = verify(&cache)
        .args(["--key", &untrusted.url("/jwks"), "x.y.z"])
        .assert()
        .code(6);
    assert!(stderr_of(&assert).contains("does not chain to a CA in --ca-file"));
    let assert = verify(&cache)
        .args(["--key", &expired.url("/jwks"), "x.y.z"])
        .assert()
        .code(6);
    assert!(stderr_of(&assert).contains("certificate has expired"));
    assert_eq!(untrusted.count("/jwks") + expired.count("/jwks"), 0);
}

#[test]
fn https_proxy_carries_remote_hosts_but_never_loopback() {
    let body = jwks(&[ec_jwk("k1")]);
    let server = Server::https(move |_: &Request| Reply::json(200, body.clone()));
    // The proxy resolves keys.example.invalid to the loopback server, as a real proxy
    // resolves names for its clients: jwtx itself never looks the name up.
    let proxy = ConnectProxy::start_routing("keys.example.invalid", server.port());
    let token = es256_token("k1");
    let cache = cache();
    let remote = format!("https://keys.example.invalid:{}/jwks", server.port());
    verify(&cache)
        .env("HTTPS_PROXY", proxy.url())
        .args(["--key", &remote, &token])
        .assert()
        .success();
    assert_eq!(
        proxy.targets(),
        [format!("keys.example.invalid:{}", server.port())]
    );
    assert_eq!(server.count("/jwks"), 1);
    // Loopback never goes through the proxy, even one that is down.
    verify(&cache)
        .env("HTTPS_PROXY", "http://127.0.0.1:9")
        .env("http_proxy", "http://127.0.0.1:9")
        .args(["--key", &server.url("/jwks"), &token])
        .assert()
        .success();
    // NO_PROXY names hosts that go direct: with it, the (unresolvable) name is not sent
    // to the proxy. `--offline` keeps jwtx from resolving it itself.
    let assert = verify(&cache)
        .env("HTTPS_PROXY", proxy.url())
        .env("NO_PROXY", ".example.invalid")
        .args([
            "--offline",
            "--key",
            "https://other.example.invalid/jwks",
            &token,
        ])
        .assert()
        .code(6);
    assert!(stderr_of(&assert).contains("not in the key cache"));
    assert_eq!(proxy.targets().len(), 1);
}

#[test]
fn an_empty_ssl_cert_file_is_no_value_and_local_keys_ignore_it() {
    let token = es256_token("k1");
    let pem = key("rfc7515-a3.ec.pub.pem");
    for value in ["", "/nonexistent/ca.pem"] {
        run(["verify", "--now", NOW, "--key", &pem, &token])
            .env("SSL_CERT_FILE", value)
            .assert()
            .success();
    }
    // Plain http to loopback needs no CA file, even a broken one.
    let body = jwks(&[ec_jwk("k1")]);
    let server = Server::http(move |_: &Request| Reply::json(200, body.clone()));
    let cache = cache();
    run([
        "verify",
        "--now",
        NOW,
        "--key",
        &server.url("/jwks"),
        &token,
    ])
    .env("JWTX_CACHE_DIR", cache.path())
    .env("SSL_CERT_FILE", "/nonexistent/ca.pem")
    .assert()
    .success();
}

#[test]
fn credentials_in_urls_are_never_printed() {
    let server = Server::https(|_: &Request| {
        Reply::status(302).header("Location", "http://bob:s3cret@127.0.0.1:1/jwks")
    });
    let cache = cache();
    let assert = verify(&cache)
        .args([
            "--key",
            "https://alice:hunter2@keys.example.invalid/jwks",
            "x.y.z",
        ])
        .assert()
        .code(6);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("carries credentials") && !stderr.contains("hunter2"),
        "{stderr}"
    );
    let assert = verify(&cache)
        .args(["--key", &server.url("/jwks"), "x.y.z"])
        .assert()
        .code(6);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("not https") && !stderr.contains("s3cret"),
        "{stderr}"
    );
}

#[test]
fn a_cache_from_the_future_or_planted_by_someone_else_is_not_trusted() {
    let body = jwks(&[ec_jwk("k1")]);
    let server = Server::https(move |_: &Request| Reply::json(200, body.clone()));
    let url = server.url("/jwks");
    let token = es256_token("k1");
    let cache = cache();
    verify(&cache)
        .args(["--key", &url, &token])
        .assert()
        .success();
    // Written while the clock ran ten years ahead: not fresh, so asked again.
    age_cache(&cache, 0u64.wrapping_sub(10 * 365 * 86_400));
    verify(&cache)
        .args(["--key", &url, &token])
        .assert()
        .success();
    assert_eq!(server.count("/jwks"), 2);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // A cache directory others may write to is made private again on the next write,
        // and an entry others could have written is ignored.
        let keys = cache.path().join("keys");
        std::fs::set_permissions(&keys, std::fs::Permissions::from_mode(0o777)).expect("chmod");
        verify(&cache)
            .args(["--key", &url, &token])
            .assert()
            .success();
        assert_eq!(
            server.count("/jwks"),
            3,
            "a world-writable directory is not trusted"
        );
        let mode = std::fs::metadata(&keys).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        for entry in std::fs::read_dir(&keys).expect("entries") {
            let path = entry.expect("entry").path();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        }
        verify(&cache)
            .args(["--key", &url, &token])
            .assert()
            .success();
        assert_eq!(
            server.count("/jwks"),
            4,
            "a readable-by-others entry is not trusted"
        );
    }
}

#[test]
fn expiry_with_oidc_requires_the_issuer() {
    let body = jwks(&[ec_jwk("k1")]);
    let issuer = Arc::new(Mutex::new(String::new()));
    let named = issuer.clone();
    let server = Server::https(move |r: &Request| {
        let issuer = named.lock().expect("lock").clone();
        match r.path.as_str() {
            "/.well-known/openid-configuration" => Reply::json(
                200,
                json!({"issuer": issuer, "jwks_uri": format!("{issuer}/keys")}).to_string(),
            ),
            "/keys" => Reply::json(200, body.clone()),
            _ => Reply::status(404),
        }
    });
    let iss = server.url("/").trim_end_matches('/').to_owned();
    *issuer.lock().expect("lock") = iss.clone();
    let cache = cache();
    let other = sign(&[
        "--key",
        &key("rfc7515-a3.ec.jwk"),
        "--kid",
        "k1",
        "--iss",
        "https://elsewhere.example.invalid",
        "--exp",
        "+1h",
    ]);
    let assert = run([
        "expiry",
        "--now",
        NOW,
        "--ca-file",
        &ca_path(),
        "--oidc",
        &iss,
        &other,
    ])
    .env("JWTX_CACHE_DIR", cache.path())
    .assert()
    .code(4);
    assert!(
        stderr_of(&assert).contains("expected"),
        "{}",
        stderr_of(&assert)
    );
    // A malformed issuer is a usage error.
    run(["verify", "--oidc", "not a url", "x.y.z"])
        .assert()
        .code(2);
}

#[test]
fn discovery_that_finds_nothing_names_both_places() {
    let server = Server::https(|_: &Request| Reply::status(404));
    let cache = cache();
    let issuer = server.url("/realm");
    let assert = verify(&cache)
        .args(["--oidc", &issuer, "x.y.z"])
        .assert()
        .code(6);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("/realm/.well-known/openid-configuration"),
        "{stderr}"
    );
    assert!(
        stderr.contains("/.well-known/oauth-authorization-server/realm"),
        "{stderr}"
    );
    assert!(stderr.contains("both answered 404"), "{stderr}");
}

#[test]
fn a_pem_or_a_single_jwk_at_a_url_works_too() {
    let pem = std::fs::read_to_string(key("rfc7515-a3.ec.pub.pem")).expect("fixture");
    let jwk = ec_jwk("k1").to_string();
    let server = Server::https(move |r: &Request| match r.path.as_str() {
        "/key.pem" => Reply::bytes(200, "application/x-pem-file", pem.clone()),
        _ => Reply::json(200, jwk.clone()),
    });
    let cache = cache();
    let token = es256_token("k1");
    for path in ["/key.pem", "/key.jwk"] {
        verify(&cache)
            .args(["--key", &server.url(path), &token])
            .assert()
            .success();
    }
}

#[test]
fn expiry_and_audit_take_a_key_url() {
    let body = jwks(&[ec_jwk("k1")]);
    let server = Server::https(move |_: &Request| Reply::json(200, body.clone()));
    let url = server.url("/jwks");
    let cache = cache();
    let token = es256_token("k1");
    let assert = run([
        "expiry",
        "--now",
        NOW,
        "--ca-file",
        &ca_path(),
        "--key",
        &url,
        &token,
    ])
    .env("JWTX_CACHE_DIR", cache.path())
    .assert()
    .success();
    assert!(
        stdout_of(&assert).contains("expires in 1h"),
        "{}",
        stdout_of(&assert)
    );
    // audit: an HS256 token MACed with the published key's bytes is key confusion.
    let jwk_text = ec_jwk("k1").to_string();
    let confused = sign(&["--secret", &jwk_text, "--allow-weak-key", "--exp", "+1h"]);
    let assert = run([
        "audit",
        "--now",
        NOW,
        "--ca-file",
        &ca_path(),
        "--key",
        &url,
        "--json",
        &confused,
    ])
    .env("JWTX_CACHE_DIR", cache.path())
    .assert();
    let stdout = stdout_of(&assert);
    assert!(stdout.contains("key-confusion"), "{stdout}");
    assert_eq!(server.count("/jwks"), 1, "audit used the cached copy");
}

#[test]
fn sign_refuses_a_key_url() {
    let assert = run(["sign", "--key", "https://keys.example.invalid/jwks", "{}"])
        .assert()
        .code(2);
    assert!(stderr_of(&assert).contains("signing needs a private key from a file"));
}

#[test]
fn oidc_discovery_falls_back_to_rfc8414_metadata() {
    let body = jwks(&[ec_jwk("k1")]);
    let issuer = Arc::new(Mutex::new(String::new()));
    let named = issuer.clone();
    let server = Server::https(move |r: &Request| {
        let issuer = named.lock().expect("lock").clone();
        match r.path.as_str() {
            "/.well-known/oauth-authorization-server/tenant" => Reply::json(
                200,
                json!({"issuer": issuer, "jwks_uri": format!("{issuer}/keys")}).to_string(),
            ),
            "/tenant/keys" => Reply::json(200, body.clone()),
            _ => Reply::status(404),
        }
    });
    *issuer.lock().expect("lock") = server.url("/tenant");
    let issuer = server.url("/tenant");
    let token = sign(&[
        "--key",
        &key("rfc7515-a3.ec.jwk"),
        "--kid",
        "k1",
        "--iss",
        &issuer,
        "--exp",
        "+1h",
    ]);
    let cache = cache();
    verify(&cache)
        .args(["--oidc", &issuer, &token])
        .assert()
        .success();
    assert_eq!(server.count("/tenant/.well-known/openid-configuration"), 1);
    // A token from another issuer fails the iss check --oidc implies.
    let other = sign(&[
        "--key",
        &key("rfc7515-a3.ec.jwk"),
        "--kid",
        "k1",
        "--iss",
        "https://elsewhere.example.invalid",
        "--exp",
        "+1h",
    ]);
    let assert = verify(&cache)
        .args(["--oidc", &issuer, &other])
        .assert()
        .code(4);
    let out = format!("{}{}", stdout_of(&assert), stderr_of(&assert));
    assert!(out.contains("elsewhere.example.invalid"), "{out}");
    // Everything came from the cache the second time.
    assert_eq!(server.count("/tenant/keys"), 1);
}

#[test]
fn the_cache_can_be_listed_and_cleared() {
    let body = jwks(&[ec_jwk("k1")]);
    let server =
        Server::https(move |_: &Request| Reply::json(200, body.clone()).header("ETag", "\"abc\""));
    let url = server.url("/jwks");
    let cache = cache();
    verify(&cache)
        .args(["--key", &url, &es256_token("k1")])
        .assert()
        .success();
    let cached = |args: &[&str]| {
        let mut cmd = run(["cache"]);
        cmd.args(args).env("JWTX_CACHE_DIR", cache.path());
        cmd.assert()
    };
    let listed = cached(&["list"]).success();
    let text = stdout_of(&listed);
    assert!(text.starts_with("fresh"), "{text}");
    assert!(
        text.contains(&url) && text.contains("revalidates"),
        "{text}"
    );
    let json = cached(&["list", "--json"]).success();
    let record: Value = serde_json::from_str(stdout_of(&json).trim()).expect("JSON");
    assert_eq!(record["url"], url);
    assert_eq!(record["etag"], "\"abc\"");
    assert_eq!(record["state"], "fresh");
    let dir = cached(&["dir"]).success();
    assert_eq!(stdout_of(&dir).trim(), cache.path().display().to_string());
    let cleared = cached(&["clear", &url]).success();
    assert!(stderr_of(&cleared).contains("removed"));
    let empty = cached(&["list"]).success();
    assert_eq!(stdout_of(&empty), "");
    assert!(stderr_of(&empty).contains("the key cache is empty"));
}
