//! The README's audit rule table is the registry: same rules in the same order, with
//! the same severity, category and title as `jwtx audit --list-rules --format json`.

use serde_json::Value;

use crate::util::*;

/// The rows of the table under `### Rules` in the README: (id, severity, category, title).
fn readme_rows() -> Vec<[String; 4]> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let section = readme
        .split_once("\n### Rules\n")
        .expect("a ### Rules section in the README")
        .1;
    let rows: Vec<[String; 4]> = section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // header and separator
        .map(|line| {
            let cells: Vec<String> = line
                .trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_owned())
                .collect();
            assert_eq!(
                cells.len(),
                4,
                "README rule row with {} cells: {line}",
                cells.len()
            );
            let id = cells[0]
                .strip_prefix('`')
                .and_then(|c| c.strip_suffix('`'))
                .unwrap_or_else(|| panic!("rule id not in backticks: {line}"))
                .to_owned();
            [id, cells[1].clone(), cells[2].clone(), cells[3].clone()]
        })
        .collect();
    assert!(!rows.is_empty(), "no rule rows under ### Rules");
    rows
}

fn registry_rows() -> Vec<[String; 4]> {
    let assert = run(["audit", "--list-rules", "--format", "json"])
        .assert()
        .code(0);
    json_lines(&assert.get_output().stdout)
        .iter()
        .map(|r: &Value| {
            ["id", "severity", "category", "title"].map(|f| {
                r[f].as_str()
                    .unwrap_or_else(|| panic!("rule record without {f}: {r}"))
                    .to_owned()
            })
        })
        .collect()
}

#[test]
fn readme_rule_table_matches_the_registry() {
    let readme = readme_rows();
    let registry = registry_rows();
    for (i, (doc, reg)) in readme.iter().zip(&registry).enumerate() {
        assert_eq!(
            doc,
            reg,
            "README rule row {} differs from the registry",
            i + 1
        );
    }
    assert_eq!(
        readme.len(),
        registry.len(),
        "the README lists {} rules, the registry {}",
        readme.len(),
        registry.len()
    );
}
