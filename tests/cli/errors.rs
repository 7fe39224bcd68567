//! Run-level errors: one line on stderr and the documented exit code, and a JSON error
//! object when the command line asked for JSON, even when clap refused the arguments.

use serde_json::Value;

use crate::util::*;

fn json_error(args: &[&str]) -> Value {
    let assert = run(args).assert().code(2).stdout("");
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    serde_json::from_str(&stderr).unwrap_or_else(|e| panic!("{e}: {stderr}"))
}

#[test]
fn a_bad_flag_in_json_mode_is_a_json_error_object() {
    for args in [
        &["verify", "--json", "--no-such-flag", "t"][..],
        &["decode", "--format", "json", "--no-such-flag", "t"],
        &["decode", "--format=json", "--no-such-flag", "t"],
        &[
            "audit",
            "--format",
            "sarif",
            "--fail-on",
            "catastrophic",
            "t",
        ],
        &["expiry", "--json", "--leeway"],
    ] {
        let record = json_error(args);
        assert_eq!(record["version"], 1, "{args:?}");
        assert_eq!(record["error"]["code"], 2, "{args:?}");
        assert_eq!(record["error"]["kind"], "usage", "{args:?}");
        let message = record["error"]["message"].as_str().unwrap();
        assert!(
            !message.is_empty() && !message.starts_with("error:"),
            "{message}"
        );
    }
}

#[test]
fn a_bad_flag_in_text_mode_stays_clap_text() {
    let assert = run(["verify", "--no-such-flag", "t"]).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.starts_with("error: unexpected argument"), "{stderr}");
    // After `--`, "--json" is a token, not a request for JSON.
    let assert = run(["verify", "--no-such-flag", "--", "--json"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.starts_with("error: "), "{stderr}");
}

#[test]
fn help_in_json_mode_is_still_help() {
    run(["verify", "--json", "--help"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("Usage: jwtx verify"));
}
