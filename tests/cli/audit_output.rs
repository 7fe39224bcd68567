//! `jwtx audit --output FILE` on what may already sit at FILE: a symlink is followed
//! (its target replaced, the link kept), a device is written in place, a directory is
//! refused with exit 5, and a report that fails midway leaves the old file untouched.

use serde_json::json;
use tempfile::TempDir;

use crate::util::*;

/// A token with findings (alg none, no exp): exit 1 under the default --fail-on.
fn token() -> String {
    compact(
        &json!({"alg": "none"}).to_string(),
        &json!({"sub": "user-1"}).to_string(),
        b"",
    )
}

fn audit_to(path: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    run(["audit", "--now", NOW, "--format", "json", "--output", path])
        .args(extra)
        .arg(token())
        .assert()
}

#[cfg(unix)]
#[test]
fn a_symlink_is_followed_and_kept() {
    let dir = TempDir::new().unwrap();
    let real = dir.path().join("real.json");
    let link = dir.path().join("link.json");
    std::fs::write(&real, "old\n").unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    audit_to(link.to_str().unwrap(), &[]).code(1).stdout("");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link itself was replaced"
    );
    let written = std::fs::read_to_string(&real).unwrap();
    assert!(written.contains("\"alg-none\""), "{written}");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["link.json", "real.json"],
        "nothing else left behind"
    );
}

#[cfg(unix)]
#[test]
fn a_device_is_written_in_place() {
    audit_to("/dev/null", &[]).code(1).stdout("");
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
}

#[test]
fn a_directory_is_refused() {
    let dir = TempDir::new().unwrap();
    let assert = audit_to(dir.path().to_str().unwrap(), &[])
        .code(5)
        .stdout("");
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert!(stderr.contains("it is a directory"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn a_failed_run_leaves_the_old_report_untouched() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("report.json");
    std::fs::write(&out, "previous report\n").unwrap();
    let missing = dir.path().join("missing.json");
    audit_to(
        out.to_str().unwrap(),
        &["--baseline", missing.to_str().unwrap()],
    )
    .code(5)
    .stdout("");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous report\n");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
