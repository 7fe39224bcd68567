//! `jwtx decrypt --preset`: session cookies made by the frameworks' own code
//! (`tests/fixtures/cookies/generate.mjs`: `@auth/core`, `next-auth` 4,
//! `@auth0/nextjs-auth0`, `express-openid-connect`) open with the framework's secret,
//! chunked cookies are joined, and every wrong guess (secret, cookie name, framework)
//! fails with a line that says what was tried and why it most likely failed.

use serde_json::Value;

use crate::util::*;

fn fixtures() -> Value {
    let text = std::fs::read_to_string(fixture("cookies/cookies.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn cookie(name: &str) -> String {
    fixtures()["cookies"][name]["value"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn secret() -> String {
    fixtures()["secret"].as_str().unwrap().to_owned()
}

/// `jwtx decrypt --preset PRESET --secret-env AUTH_SECRET ARGS...` with the test secret.
fn open(preset: &str, secret: &str, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = run(["decrypt", "--preset", preset, "--secret-env", "AUTH_SECRET"]);
    cmd.args(args).env("AUTH_SECRET", secret);
    cmd
}

fn claims_of(stdout: &str) -> Value {
    serde_json::from_str(stdout.trim()).unwrap()
}

#[test]
fn authjs_cookies_open_under_either_default_name() {
    let expected = &fixtures()["claims"];
    for (fixture_name, cookie_name) in [
        ("authjs", "authjs.session-token"),
        ("authjs_secure", "__Secure-authjs.session-token"),
    ] {
        let assert = open("authjs", &secret(), &[&cookie(fixture_name)])
            .assert()
            .success();
        let claims = claims_of(&stdout_of(&assert));
        for member in ["name", "email", "sub"] {
            assert_eq!(claims[member], expected[member], "{fixture_name}");
        }
        assert!(claims["exp"].is_i64() && claims["jti"].is_string());
        let stderr = stderr_of(&assert);
        assert!(
            stderr.starts_with(&format!(
                "jwtx: Auth.js v5 session cookie; key derived for cookie name {cookie_name}; kid "
            )),
            "{stderr}"
        );
        assert!(stderr.ends_with(" matches it\n"), "{stderr}");
    }
}

#[test]
fn authjs_json_reports_the_cookie_name_and_kid() {
    let token = cookie("authjs_secure");
    let assert = open("authjs", &secret(), &["--json", &token])
        .assert()
        .success();
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["preset"]["name"], "authjs");
    assert_eq!(
        record["preset"]["cookie_name"],
        "__Secure-authjs.session-token"
    );
    assert_eq!(record["preset"]["kid"], header_of(&token)["kid"]);
    assert_eq!(record["enc"], "A256CBC-HS512");
    assert_eq!(record["claims"]["sub"], "user-42");
}

#[test]
fn authjs_cookie_name_option_sets_the_salt() {
    let token = cookie("authjs_custom");
    open(
        "authjs",
        &secret(),
        &["--cookie-name", "myapp.session", &token],
    )
    .assert()
    .success();
    // Without it, the default names are tried and neither derives the kid.
    let assert = open("authjs", &secret(), &[&token]).assert().code(1);
    assert_eq!(stdout_of(&assert), "");
    let kid = header_of(&token)["kid"].as_str().unwrap().to_owned();
    assert_eq!(
        stderr_of(&assert),
        format!(
            "jwtx: not decrypted: not decrypted as an Auth.js v5 cookie (dir/A256CBC-HS512, HKDF-SHA256 salted with the cookie name \"authjs.session-token\" or \"__Secure-authjs.session-token\"); its kid {kid} is the thumbprint of none of the derived keys: a wrong secret, or a cookie name other than those tried (--cookie-name NAME sets the name the app uses)\n"
        )
    );
}

#[test]
fn authjs_cookie_header_names_the_cookie() {
    let token = cookie("authjs_secure");
    let header = format!("Cookie: theme=dark; __Secure-authjs.session-token={token}; lang=en");
    let assert = open("authjs", &secret(), &[&header]).assert().success();
    assert!(stderr_of(&assert).contains("cookie name __Secure-authjs.session-token;"));
    // The name in the header is the salt: the same value under the other name fails.
    let wrong = format!("authjs.session-token={token}");
    let assert = open("authjs", &secret(), &[&wrong]).assert().code(1);
    assert!(
        stderr_of(&assert).contains("salted with the cookie name \"authjs.session-token\");"),
        "{}",
        stderr_of(&assert)
    );
}

#[test]
fn chunked_authjs_cookie_is_joined() {
    let fx = fixtures();
    let entry = &fx["cookies"]["authjs_chunked"];
    let chunks: Vec<String> = entry["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{}={}",
                c["name"].as_str().unwrap(),
                c["value"].as_str().unwrap()
            )
        })
        .collect();
    assert!(chunks.len() >= 2);
    let groups = entry["groups"].as_u64().unwrap() as usize;
    // As a Cookie: header, out of order, with another cookie between the chunks.
    let mut shuffled = chunks.clone();
    shuffled.reverse();
    shuffled.insert(1, "csrf=abc".into());
    let header = format!("Cookie: {}", shuffled.join("; "));
    // As several arguments, and as one header line on standard input.
    let runs = [
        open("authjs", &secret(), &[&header]).assert().success(),
        open(
            "authjs",
            &secret(),
            &chunks.iter().map(String::as_str).collect::<Vec<_>>(),
        )
        .assert()
        .success(),
        open("authjs", &secret(), &[])
            .write_stdin(format!("{header}\n"))
            .assert()
            .success(),
    ];
    for assert in runs {
        let claims = claims_of(&stdout_of(&assert));
        assert_eq!(claims["groups"].as_array().unwrap().len(), groups);
        assert!(
            stderr_of(&assert).ends_with(&format!("; {} chunks joined\n", chunks.len())),
            "{}",
            stderr_of(&assert)
        );
    }
    // A missing chunk is named.
    let gap = format!("{}; {}", chunks[0], chunks[2]);
    let assert = open("authjs", &secret(), &[&gap]).assert().code(5);
    assert_eq!(
        stderr_of(&assert),
        "jwtx: malformed: chunk 1 of authjs.session-token is missing (chunks are numbered from 0 with no gaps)\n"
    );
}

#[test]
fn nextauth_v4_cookie_opens() {
    let assert = open("nextauth-v4", &secret(), &[&cookie("nextauth_v4")])
        .assert()
        .success();
    let claims = claims_of(&stdout_of(&assert));
    assert_eq!(claims["email"], "ada@example.com");
    assert_eq!(stderr_of(&assert), "jwtx: NextAuth.js v4 session cookie\n");
}

#[test]
fn auth0_cookies_open() {
    let assert = open("auth0", &secret(), &[&cookie("auth0_nextjs")])
        .assert()
        .success();
    let session = claims_of(&stdout_of(&assert));
    assert_eq!(session["user"]["sub"], "user-42");
    let assert = open(
        "auth0",
        &secret(),
        &[&format!("appSession={}", cookie("auth0_express"))],
    )
    .assert()
    .success();
    assert_eq!(claims_of(&stdout_of(&assert))["state"], "abc");
    // @auth0/nextjs-auth0 4 chunks as __session__N: cut the cookie in two.
    let value = cookie("auth0_nextjs");
    let (a, b) = value.split_at(value.len() / 2);
    let header = format!("__session__1={b}; __session__0={a}");
    let assert = open("auth0", &secret(), &[&header]).assert().success();
    assert_eq!(claims_of(&stdout_of(&assert))["user"]["sub"], "user-42");
}

#[test]
fn wrong_secret_says_what_was_tried() {
    let wrong = "not-the-secret";
    let assert = open("nextauth-v4", wrong, &[&cookie("nextauth_v4")])
        .assert()
        .code(1);
    assert_eq!(
        stderr_of(&assert),
        "jwtx: not decrypted: not decrypted as a NextAuth.js v4 cookie (dir/A256GCM, HKDF-SHA256 with an empty salt); most likely a wrong secret, or a cookie of another framework\n"
    );
    let token = cookie("authjs");
    let kid = header_of(&token)["kid"].as_str().unwrap().to_owned();
    let assert = open("authjs", wrong, &[&token]).assert().code(1);
    assert!(
        stderr_of(&assert).contains(&format!(
            "its kid {kid} is the thumbprint of none of the derived keys: a wrong secret"
        )),
        "{}",
        stderr_of(&assert)
    );
    let assert = open("auth0", wrong, &["--json", &cookie("auth0_nextjs")])
        .assert()
        .code(1);
    let record = one_json_line(&assert.get_output().stdout);
    assert_eq!(record["decrypted"], false);
    assert_eq!(record["error"]["id"], "decryption-failed");
}

#[test]
fn v4_cookie_as_v5_and_v5_as_v4() {
    let assert = open("authjs", &secret(), &[&cookie("nextauth_v4")])
        .assert()
        .code(1);
    assert_eq!(
        stderr_of(&assert),
        "jwtx: not decrypted: not decrypted as an Auth.js v5 cookie (dir/A256GCM, HKDF-SHA256 salted with the cookie name \"authjs.session-token\" or \"__Secure-authjs.session-token\"); it is a NextAuth.js v4 cookie under the same secret: use the nextauth-v4 preset\n"
    );
    let assert = open("nextauth-v4", &secret(), &[&cookie("authjs")])
        .assert()
        .code(1);
    assert_eq!(
        stderr_of(&assert),
        "jwtx: not decrypted: the token's enc is \"A256CBC-HS512\"; NextAuth.js v4 session cookies use A256GCM (dir with A256CBC-HS512 and a kid is an Auth.js v5 cookie: try the authjs preset)\n"
    );
    // NextAuth v4 and Auth0 cookies look alike; the same secret tells them apart.
    let assert = open("auth0", &secret(), &[&cookie("nextauth_v4")])
        .assert()
        .code(1);
    assert!(
        stderr_of(&assert).ends_with(
            "it is a NextAuth.js v4 cookie under the same secret: use the nextauth-v4 preset\n"
        ),
        "{}",
        stderr_of(&assert)
    );
}

#[test]
fn usage_errors() {
    let token = cookie("authjs");
    let assert = run(["decrypt", "--preset", "authjs", &token])
        .assert()
        .code(2);
    assert!(stderr_of(&assert).contains("--preset authjs needs the framework's secret"));
    run(["decrypt", "--cookie-name", "x", "--secret", "s", &token])
        .assert()
        .code(2);
    run([
        "decrypt",
        "--preset",
        "authjs",
        "--key",
        &key("rfc7515-a2.rsa.jwk"),
        &token,
    ])
    .assert()
    .code(2);
    let assert = open("authjs", &secret(), &["theme=dark; lang=en"])
        .assert()
        .code(5);
    assert_eq!(
        stderr_of(&assert),
        "jwtx: malformed: no session cookie named authjs.session-token or __Secure-authjs.session-token among the cookies given (theme, lang)\n"
    );
    // The secret never reaches the output.
    let assert = open("authjs", "wrong-secret-value", &["--json", &token])
        .assert()
        .code(1);
    let out = assert.get_output();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("wrong-secret-value"));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("wrong-secret-value"));
}
