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
