//! Rules ignored by path (`[[audit.ignore-path]]` in jwtx.toml): a token found in a test
//! fixture may be left out of the report for some rules, or for all of them, while the
//! same token found anywhere else is still reported.
//!
//! Each location where a token was found gets a mask: bit `i` is set when entry `i`'s
//! globs match the location's path. A finding is dropped when every location of its
//! token ignores its rule; a location is dropped when nothing about its token is reported
//! there. Locations without a path (arguments, standard input) match no entry.

use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::registry::Rule;
use super::report::Origin;
use crate::input::Source;

/// One entry: where, and which rules (`None`: every rule).
struct Entry {
    globs: GlobSet,
    rules: Option<Vec<&'static str>>,
}

/// The entries of a run, with the directory their globs are relative to.
#[derive(Default)]
pub struct PathIgnores {
    entries: Vec<Entry>,
    /// The configuration file's directory, absolute.
    base: PathBuf,
    /// The directory relative paths are read from, absolute.
    cwd: PathBuf,
}

/// Which entries match a location: bit `i` for entry `i`.
pub type Mask = u64;

/// The most entries a run may have (one bit each in a [`Mask`]).
pub const MAX_ENTRIES: usize = Mask::BITS as usize;

impl PathIgnores {
    /// Entries relative to `base`, each its globs and the rule ids it ignores (`None`:
    /// all); relative locations are read from `cwd`. A glob that does not compile, or
    /// more than [`MAX_ENTRIES`] entries, is an error naming it.
    pub fn new<'a>(
        base: &Path,
        cwd: &Path,
        entries: impl IntoIterator<Item = (&'a [String], Option<Vec<&'static str>>)>,
    ) -> Result<PathIgnores, String> {
        let mut built = Vec::new();
        for (globs, rules) in entries {
            let mut set = GlobSetBuilder::new();
            for glob in globs {
                set.add(
                    GlobBuilder::new(glob.trim_start_matches("./"))
                        .literal_separator(true)
                        .build()
                        .map_err(|e| format!("{glob:?} is not a glob ({e})"))?,
                );
            }
            let globs = set.build().map_err(|e| e.to_string())?;
            built.push(Entry { globs, rules });
        }
        if built.len() > MAX_ENTRIES {
            return Err(format!(
                "{} ignore-path entries; at most {MAX_ENTRIES}",
                built.len()
            ));
        }
        let cwd = normalize(cwd, Path::new(""));
        Ok(PathIgnores {
            base: normalize(&cwd, base),
            cwd,
            entries: built,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries that match a location's path.
    pub fn mask(&self, origin: &Origin) -> Mask {
        match &origin.source {
            Some(Source::File(path)) if !self.entries.is_empty() => self.mask_of(path),
            _ => 0,
        }
    }

    /// The entries that match `path` (as jwtx found or was given it) or a directory
    /// above it, below the base.
    pub fn mask_of(&self, path: &Path) -> Mask {
        let full = normalize(&self.cwd, path);
        let Ok(relative) = full.strip_prefix(&self.base) else {
            return 0;
        };
        let mut mask = 0;
        for (i, entry) in self.entries.iter().enumerate() {
            if relative
                .ancestors()
                .filter(|p| !p.as_os_str().is_empty())
                .any(|p| entry.globs.is_match(p))
            {
                mask |= 1 << i;
            }
        }
        mask
    }

    /// Whether a location with `mask` ignores `rule`.
    pub fn ignores(&self, mask: Mask, rule: &Rule) -> bool {
        self.entries.iter().enumerate().any(|(i, e)| {
            mask & (1 << i) != 0
                && e.rules
                    .as_ref()
                    .is_none_or(|rules| rules.contains(&rule.id))
        })
    }

    /// Whether a location with `mask` ignores every rule.
    pub fn ignores_all(&self, mask: Mask) -> bool {
        self.entries
            .iter()
            .enumerate()
            .any(|(i, e)| mask & (1 << i) != 0 && e.rules.is_none())
    }
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved by their names (the
/// paths compared are the ones jwtx prints, not where links lead).
fn normalize(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in cwd.join(path).components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::claims::{MISSING_JTI, TYP_MISSING};

    fn ignores(globs: &[&str], rules: Option<Vec<&'static str>>) -> PathIgnores {
        let globs: Vec<String> = globs.iter().map(|g| (*g).to_owned()).collect();
        PathIgnores::new(
            Path::new("/repo"),
            Path::new("/repo/sub"),
            [(globs.as_slice(), rules)],
        )
        .unwrap()
    }

    #[test]
    fn globs_match_below_the_base_whatever_the_spelling() {
        let set = ignores(&["tests/fixtures/**"], None);
        assert_eq!(set.mask_of(Path::new("../tests/fixtures/a/b.txt")), 1);
        assert_eq!(set.mask_of(Path::new("/repo/tests/fixtures/x.jwt")), 1);
        assert_eq!(set.mask_of(Path::new("./../tests/./fixtures/x.jwt")), 1);
        assert_eq!(set.mask_of(Path::new("../tests/other/x.jwt")), 0);
        assert_eq!(set.mask_of(Path::new("/elsewhere/tests/fixtures/x")), 0);
        // A directory covers what is below it; `*` stays within one directory.
        let set = ignores(&["tests/fixtures", "*.jwt"], None);
        assert_eq!(set.mask_of(Path::new("/repo/tests/fixtures/deep/x.txt")), 1);
        assert_eq!(set.mask_of(Path::new("/repo/top.jwt")), 1);
        assert_eq!(set.mask_of(Path::new("/repo/src/deep.jwt")), 0);
    }

    #[test]
    fn an_entry_ignores_its_rules_or_all() {
        let some = ignores(&["**"], Some(vec![MISSING_JTI.id]));
        let mask = some.mask_of(Path::new("/repo/a"));
        assert!(some.ignores(mask, &MISSING_JTI));
        assert!(!some.ignores(mask, &TYP_MISSING));
        assert!(!some.ignores_all(mask));
        assert!(!some.ignores(0, &MISSING_JTI));
        let all = ignores(&["**"], None);
        assert!(all.ignores(1, &TYP_MISSING));
        assert!(all.ignores_all(1));
        assert!(
            PathIgnores::new(
                Path::new("/"),
                Path::new("/"),
                [(&["a[".to_owned()][..], None)]
            )
            .is_err()
        );
    }
}
