//! Colour: only when asked (`--color always`) or on a terminal, never with `--color
//! never`, and always from the one colour helper (so the codes are the same everywhere).

use crate::util::*;

fn stdout_with(color: &str, args: &[&str]) -> String {
    let assert = jwtx().arg("--color").arg(color).args(args).assert();
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

#[test]
fn always_paints_results_and_headings() {
    let token = sign(&["--secret", SECRET, "--exp", "1h"]);
    let verify = stdout_with(
        "always",
        &["verify", "--now", NOW, "--secret", SECRET, &token],
    );
    assert!(
        verify.starts_with("\u{1b}[32mvalid\u{1b}[0m ("),
        "{verify:?}"
    );
    let decode = stdout_with("always", &["decode", "--now", NOW, &token]);
    assert!(
        decode.starts_with("\u{1b}[1;36mHeader\u{1b}[0m"),
        "{decode:?}"
    );
    let forged = sign(&["--secret", OTHER_SECRET, "--exp", "1h"]);
    let assert = jwtx()
        .args([
            "--color", "always", "verify", "--now", NOW, "--secret", SECRET,
        ])
        .arg(&forged)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("\u{1b}[31minvalid\u{1b}[0m"), "{stderr:?}");
}

#[test]
fn never_and_no_color_paint_nothing() {
    let token = sign(&["--secret", SECRET, "--exp", "1h"]);
    for color in ["never", "auto"] {
        for args in [
            &["verify", "--now", NOW, "--secret", SECRET, &token][..],
            &["decode", "--now", NOW, &token],
            &["expiry", "--now", NOW, &token],
        ] {
            let out = stdout_with(color, args);
            assert!(!out.contains('\u{1b}'), "{color} {args:?}: {out:?}");
        }
    }
}
