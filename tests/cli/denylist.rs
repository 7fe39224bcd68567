//! --denylist: revoked tokens fail verification with their own id, whatever the list
//! keys them by; a list that cannot be read is an error, never a pass.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::util::{NOW, SECRET, path_of, run, sign, temp_file};

fn token(jti: &str) -> String {
    sign(&["--secret", SECRET, "--jti", jti, "--exp", "+1h"])
}

#[test]
fn revoked_by_jti_token_or_digest() {
    let by_jti = token("r-1");
    let by_token = token("r-2");
    let by_digest = token("r-3");
    let fine = token("ok-1");
    let digest: String = Sha256::digest(by_digest.as_bytes())
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    let list = temp_file(format!(
        "# revoked refresh tokens\nr-1\n\n{by_token}\n{digest}\n"
    ));
    let denylist = path_of(&list);
    for revoked in [&by_jti, &by_token, &by_digest] {
        let a = run([
            "verify",
            "--now",
            NOW,
            "--secret",
            SECRET,
            "--denylist",
            &denylist,
            revoked,
        ])
        .assert()
        .code(1);
        let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
        assert!(err.contains("token is revoked"), "{err}");
        assert!(err.contains(&denylist), "{err}");
    }
    run([
        "verify",
        "--now",
        NOW,
        "--secret",
        SECRET,
        "--denylist",
        &denylist,
        &fine,
    ])
    .assert()
    .success();
    let a = run([
        "verify",
        "--now",
        NOW,
        "--secret",
        SECRET,
        "--denylist",
        &denylist,
        "--json",
        &by_jti,
    ])
    .assert()
    .code(1);
    let record: Value = serde_json::from_slice(&a.get_output().stdout).expect("JSON");
    assert_eq!(record["error"]["id"], "revoked", "{record}");
}

#[test]
fn a_bad_signature_is_not_reported_as_revoked() {
    let list = temp_file("r-1\n");
    let forged = sign(&[
        "--secret",
        "another secret that is long enough, 32+",
        "--jti",
        "r-1",
    ]);
    let a = run([
        "verify",
        "--now",
        NOW,
        "--secret",
        SECRET,
        "--denylist",
        &path_of(&list),
        &forged,
    ])
    .assert()
    .code(1);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(
        err.contains("signature") && !err.contains("revoked"),
        "{err}"
    );
}

#[test]
fn an_unreadable_denylist_is_an_error() {
    let a = run([
        "verify",
        "--now",
        NOW,
        "--secret",
        SECRET,
        "--denylist",
        "/nonexistent/denylist.txt",
        &token("x"),
    ])
    .assert()
    .code(5);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains("denylist /nonexistent/denylist.txt"), "{err}");
}

/// A real `redis-server` on 127.0.0.1, stopped on drop.
struct RedisServer {
    child: std::process::Child,
    port: u16,
}

impl RedisServer {
    /// Starts one, or returns `None` (and says so) when redis-server is not installed
    /// and CI is not set; under CI a missing server fails the test.
    fn start() -> Option<RedisServer> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = std::process::Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .args([
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        let child = match child {
            Ok(child) => child,
            Err(e) if std::env::var_os("CI").is_none() => {
                eprintln!("skipping: redis-server cannot run ({e}); apt-get install redis-server");
                return None;
            }
            Err(e) => panic!("redis-server cannot run ({e}); .ci/run installs it"),
        };
        let server = RedisServer { child, port };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while server.connection().is_none() {
            assert!(
                std::time::Instant::now() < deadline,
                "redis-server did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Some(server)
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/0", self.port)
    }

    fn connection(&self) -> Option<redis::Connection> {
        let mut c = redis::Client::open(self.url())
            .ok()?
            .get_connection()
            .ok()?;
        redis::cmd("PING").query::<String>(&mut c).ok()?;
        Some(c)
    }

    fn set(&self, key: &str) {
        let mut c = self.connection().expect("connected");
        redis::cmd("SET")
            .arg(key)
            .arg(1)
            .arg("EX")
            .arg(3600)
            .query::<()>(&mut c)
            .expect("SET");
    }

    /// Commands the server has run of a kind (`exists`), from INFO commandstats.
    fn calls(&self, command: &str) -> u64 {
        let mut c = self.connection().expect("connected");
        let info: String = redis::cmd("INFO")
            .arg("commandstats")
            .query(&mut c)
            .expect("INFO");
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("cmdstat_{command}:calls=")))
            .and_then(|rest| rest.split(',').next()?.parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn redis_denylist_by_jti_and_digest_in_one_round_trip_per_batch() {
    let Some(server) = RedisServer::start() else {
        return;
    };
    let revoked = token("rt-revoked");
    let fine = token("rt-fine");
    server.set("revoked:rt-revoked");
    let batch = format!("{fine}\n{revoked}\n").repeat(50);
    let a = run([
        "verify",
        "--now",
        NOW,
        "--secret",
        SECRET,
        "--denylist",
        &server.url(),
    ])
    .write_stdin(batch)
    .assert()
    .code(1);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains("100 tokens: 50 valid, 50 not"), "{err}");
    assert!(
        err.contains("key \"revoked:rt-revoked\" exists in the denylist redis://127.0.0.1"),
        "{err}"
    );
    // 100 tokens, two distinct keys: one pipeline of two EXISTS, not 100 round trips.
    assert_eq!(server.calls("exists"), 2);

    let digest: String = Sha256::digest(fine.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    server.set(&format!("rt:{digest}"));
    run([
        "verify",
        "--now",
        NOW,
        "--secret",
        SECRET,
        "--denylist",
        &server.url(),
        "--denylist-key",
        "rt:{sha256}",
        &fine,
    ])
    .assert()
    .code(1);
}

#[test]
fn an_unreachable_redis_is_an_error_not_a_pass() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let url = format!("redis://:hunter2@127.0.0.1:{port}/0");
    let a = run([
        "verify",
        "--now",
        NOW,
        "--secret",
        SECRET,
        "--denylist",
        &url,
        &token("x"),
    ])
    .assert()
    .code(5);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains("cannot reach it"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
    let a = run([
        "verify",
        "--now",
        NOW,
        "--secret",
        SECRET,
        "--denylist",
        "redis://127.0.0.1:1/0",
        "--denylist-key",
        "revoked",
        &token("x"),
    ])
    .assert()
    .code(2);
    assert!(String::from_utf8_lossy(&a.get_output().stderr).contains("names no {jti}"));
}
