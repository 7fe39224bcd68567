//! The arrows ARCHITECTURE.md forbids, checked on the source: the token core knows no
//! command, flag or output; audit knows no command; only the output module touches the
//! standard streams (the last is also clippy.toml's `disallowed-methods`).

use std::path::{Path, PathBuf};

fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).expect("source directory") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source file");
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut out);
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

/// The code of a file without its `#[cfg(test)]` module (always last in this crate).
fn non_test(text: &str) -> &str {
    text.split("#[cfg(test)]").next().unwrap_or(text)
}

fn offenders(dir: &str, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in sources(dir) {
        for (n, line) in non_test(&text).lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for word in forbidden {
                if code.contains(word) {
                    found.push(format!("{}:{}: {word}: {code}", path.display(), n + 1));
                }
            }
        }
    }
    found
}

#[test]
fn the_token_core_knows_no_command_flag_or_output() {
    let found = offenders(
        "src/token",
        &[
            "crate::commands",
            "crate::cli",
            "crate::audit",
            "crate::input",
            "crate::output",
            "clap",
            "diag!",
            "std::fs",
            "std::env",
        ],
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
    // A flag in a message: the commands add that context.
    let mut flags = Vec::new();
    for (path, text) in sources("src/token") {
        for (n, line) in non_test(&text).lines().enumerate() {
            if !line.trim_start().starts_with("//") && names_a_flag(line) {
                flags.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        flags.is_empty(),
        "core messages name flags:\n{}",
        flags.join("\n")
    );
}

/// Whether `line` holds something like `--flag` (but not a PEM `-----BEGIN`).
fn names_a_flag(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.windows(4).any(|w| {
        matches!(w[0], b'"' | b' ' | b'(' | b'`')
            && w[1] == b'-'
            && w[2] == b'-'
            && w[3].is_ascii_lowercase()
    })
}

#[test]
fn flag_detection_is_real() {
    assert!(names_a_flag("\"use --allow-no-exp\""));
    assert!(names_a_flag("\"--secret is empty\""));
    assert!(!names_a_flag("find(\"-----BEGIN \")"));
    assert!(!names_a_flag("a - b -- c"));
}

#[test]
fn audit_knows_no_command_or_command_line() {
    let found = offenders("src/audit", &["crate::commands", "crate::cli", "clap::"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}
