//! Shell integration: the committed completions and man pages match what the CLI
//! definition generates, bash completion works in a real bash, and every man page
//! renders without warnings.

use std::path::Path;
use std::process::Command as Process;

use crate::util::run;

const REGENERATE: &str = "scripts/generate-docs.sh";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn committed_completions_and_man_pages_are_up_to_date() {
    let files = jwtx::docs::all_files().expect("generate");
    let mut stale = Vec::new();
    for (path, generated) in &files {
        match std::fs::read(root().join(path)) {
            Ok(committed) if &committed == generated => {}
            Ok(_) => stale.push(format!("{path} differs")),
            Err(e) => stale.push(format!("{path}: {e}")),
        }
    }
    // Nothing stale lies around either: every committed file is one that is generated.
    for dir in ["completions", "man"] {
        for entry in std::fs::read_dir(root().join(dir)).expect("directory exists") {
            let name = format!(
                "{dir}/{}",
                entry.expect("entry").file_name().to_string_lossy()
            );
            if !files.iter().any(|(p, _)| *p == name) {
                stale.push(format!("{name} is not generated any more"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "generated files are out of date; run `{REGENERATE}` and commit the result:\n  {}",
        stale.join("\n  ")
    );
}

#[test]
fn completions_command_prints_the_committed_script() {
    for (shell, file) in [
        ("bash", "jwtx.bash"),
        ("zsh", "_jwtx"),
        ("fish", "jwtx.fish"),
        ("powershell", "_jwtx.ps1"),
        ("elvish", "jwtx.elv"),
    ] {
        let committed = std::fs::read(root().join("completions").join(file)).expect(file);
        run(["completions", shell])
            .assert()
            .success()
            .stdout(committed);
    }
    run(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_command_prints_the_committed_pages() {
    let committed = std::fs::read(root().join("man/jwtx.1")).expect("jwtx.1");
    run(["man"]).assert().success().stdout(committed);
    let committed = std::fs::read(root().join("man/jwtx-verify.1")).expect("jwtx-verify.1");
    run(["man", "verify"]).assert().success().stdout(committed);
    run(["man", "nonsense"]).assert().code(2);
}

/// Asks the bash completion what it offers after `words` (the last one being typed).
fn bash_complete(words: &[&str]) -> Vec<String> {
    let script = root().join("completions/jwtx.bash");
    let words_list = words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let program = format!(
        r#"source '{}'
spec=$(complete -p jwtx) || exit 3
func=$(printf '%s\n' "$spec" | sed -n 's/.*-F \([^ ]*\).*/\1/p')
[ -n "$func" ] || exit 4
COMP_WORDS=({words_list})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE="${{COMP_WORDS[*]}}"
COMP_POINT=${{#COMP_LINE}}
"$func" jwtx "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#,
        script.display()
    );
    let out = Process::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "bash completion failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_subcommands_and_flags() {
    assert_eq!(bash_complete(&["jwtx", "ver"]), ["verify"]);
    let audit = bash_complete(&["jwtx", "a"]);
    assert_eq!(audit, ["audit"]);
    let flags = bash_complete(&["jwtx", "verify", "--secret-e"]);
    assert!(flags.contains(&"--secret-env".to_owned()), "{flags:?}");
    assert!(flags.contains(&"--secret-encoding".to_owned()), "{flags:?}");
    let formats = bash_complete(&["jwtx", "audit", "--format", ""]);
    for f in ["text", "json", "sarif"] {
        assert!(formats.contains(&f.to_owned()), "{formats:?}");
    }
}

#[test]
fn every_man_page_renders_without_warnings() {
    let pages: Vec<_> = std::fs::read_dir(root().join("man"))
        .expect("man/")
        .map(|e| e.expect("entry").path())
        .collect();
    assert!(pages.len() >= 8, "{pages:?}");
    for page in pages {
        let out = Process::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(&page)
            .output()
            .expect("groff runs (install groff-base)");
        assert!(out.status.success(), "{}", page.display());
        assert!(
            out.stderr.is_empty(),
            "{}: {}",
            page.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let text = Process::new("groff")
            .args(["-man", "-Tutf8", "-P-cbou"])
            .arg(&page)
            .output()
            .expect("groff runs");
        let text = String::from_utf8_lossy(&text.stdout);
        for section in ["NAME", "SYNOPSIS", "EXIT STATUS", "ENVIRONMENT", "SECURITY"] {
            assert!(text.contains(section), "{} lacks {section}", page.display());
        }
    }
}

#[test]
fn man_pages_carry_exit_codes_environment_examples_and_security() {
    let page = std::fs::read_to_string(root().join("man/jwtx-verify.1")).expect("page");
    assert!(page.contains("NO_COLOR"));
    assert!(page.contains("process list"));
    assert!(page.contains("jwks.json"), "examples are in the page");
    assert!(page.contains("key problem"));
}
