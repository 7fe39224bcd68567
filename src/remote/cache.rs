//! The on-disk key cache: one JSON file per URL in the user's cache directory
//! (`JWTX_CACHE_DIR`, else `$XDG_CACHE_HOME/jwtx` on Linux, `~/Library/Caches/jwtx` on
//! macOS, `%LOCALAPPDATA%\jwtx` on Windows), written atomically and readable by the
//! owner only. A file that cannot be read back is ignored and replaced by the next fetch.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Freshness when the server says nothing about it.
pub const DEFAULT_FRESH: u64 = 10 * 60;
/// The least a fetched document stays fresh, whatever the server says (`no-cache`,
/// `max-age=0`): one run of jwtx after another does not refetch.
pub const MIN_FRESH: u64 = 60;
/// The most a fetched document stays fresh, whatever the server says.
pub const MAX_FRESH: u64 = 24 * 60 * 60;
/// How long past its freshness a copy may stand in when the server cannot be reached.
pub const MAX_STALE: u64 = 7 * 24 * 60 * 60;
/// A key set checked less than this long ago is not refetched because a token's kid is
/// missing from it: a flood of unknown kids costs one request per URL per minute at most.
pub const REFETCH_COOLDOWN: u64 = 60;

const FORMAT_VERSION: u32 = 1;
const ENTRIES: &str = "keys";

/// Seconds since the Unix epoch, now.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// One cached document.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    pub version: u32,
    pub url: String,
    /// When the body was last received (Unix seconds).
    pub fetched: u64,
    /// When the server last confirmed it (a 200 or a 304).
    pub checked: u64,
    /// Seconds the copy is fresh after `checked`.
    pub max_age: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    pub body: String,
}

impl Entry {
    pub fn new(url: &str, body: String, freshness: &Freshness) -> Entry {
        let now = now();
        Entry {
            version: FORMAT_VERSION,
            url: url.to_owned(),
            fetched: now,
            checked: now,
            max_age: freshness.max_age,
            etag: freshness.etag.clone(),
            last_modified: freshness.last_modified.clone(),
            body,
        }
    }

    /// Seconds since the server last confirmed this copy. A copy "confirmed" more than a
    /// minute in the future (written while the clock ran ahead) counts as very old: it
    /// is neither fresh nor within the refetch cooldown.
    pub fn age(&self) -> u64 {
        let now = now();
        if self.checked > now.saturating_add(60) {
            return u64::MAX / 2;
        }
        now.saturating_sub(self.checked)
    }

    pub fn is_fresh(&self) -> bool {
        self.age() < self.max_age
    }

    /// Whether the copy may still stand in for an unreachable server.
    pub fn may_stand_in(&self) -> bool {
        self.age() < self.max_age.saturating_add(MAX_STALE)
    }
}

/// What the response headers say about keeping a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Freshness {
    pub max_age: u64,
    /// `Cache-Control: no-store`: keep it for this run only.
    pub store: bool,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Freshness {
    /// From `Cache-Control`, `ETag` and `Last-Modified`; `max-age` is held within
    /// [`MIN_FRESH`]..=[`MAX_FRESH`], [`DEFAULT_FRESH`] when absent or unreadable.
    pub fn from_headers(
        cache_control: Option<&str>,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Freshness {
        let mut max_age = None;
        let mut store = true;
        for directive in cache_control.unwrap_or_default().split(',') {
            let directive = directive.trim().to_ascii_lowercase();
            let (name, value) = match directive.split_once('=') {
                Some((n, v)) => (
                    n.trim().to_owned(),
                    Some(v.trim().trim_matches('"').to_owned()),
                ),
                None => (directive.clone(), None),
            };
            match (name.as_str(), value) {
                ("no-store", _) => store = false,
                ("no-cache", _) => max_age = Some(0),
                ("max-age", Some(v)) if max_age.is_none() => {
                    // A run of digits too long for a number is "very long" (RFC 9111
                    // §1.2.2: the ceiling); anything else invalid is no value at all.
                    max_age = match v.parse::<u64>() {
                        Ok(n) => Some(n),
                        Err(_) if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => {
                            Some(MAX_FRESH)
                        }
                        Err(_) => None,
                    };
                }
                _ => {}
            }
        }
        Freshness {
            max_age: max_age.unwrap_or(DEFAULT_FRESH).clamp(MIN_FRESH, MAX_FRESH),
            store,
            etag: etag.map(str::to_owned),
            last_modified: last_modified.map(str::to_owned),
        }
    }
}

/// The cache directory and its entries.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache at its usual place: `JWTX_CACHE_DIR`, else the platform's user cache
    /// directory; `None` when neither is known (no home directory).
    pub fn locate() -> Option<Cache> {
        let dir = match std::env::var_os("JWTX_CACHE_DIR").filter(|v| !v.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => dirs::cache_dir()?.join("jwtx"),
        };
        Some(Cache { dir })
    }

    pub fn at(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn entries_dir(&self) -> PathBuf {
        self.dir.join(ENTRIES)
    }

    /// The file for `url`: a hash of the URL, so any URL is a safe file name.
    pub fn path_for(&self, url: &str) -> PathBuf {
        let digest = Sha256::digest(url.as_bytes());
        let name = crate::token::b64::hex(&digest[..20]);
        self.entries_dir().join(format!("{name}.json"))
    }

    /// The cached copy of `url`, if there is a readable one.
    pub fn read(&self, url: &str) -> Option<Entry> {
        let text = read_private(&self.path_for(url))?;
        let mut entry: Entry = serde_json::from_slice(&text).ok()?;
        // Whatever the file says, freshness stays within bounds.
        entry.max_age = entry.max_age.clamp(MIN_FRESH, MAX_FRESH);
        (entry.version == FORMAT_VERSION && entry.url == url).then_some(entry)
    }

    /// Stores `entry`, atomically (a temporary file renamed over the old one) and with
    /// owner-only permissions.
    pub fn write(&self, entry: &Entry) -> std::io::Result<()> {
        let dir = self.entries_dir();
        create_private_dir(&dir)?;
        make_private(&self.dir)?;
        make_private(&dir)?;
        let mut file = tempfile::Builder::new()
            .prefix(".entry-")
            .suffix(".tmp")
            .tempfile_in(&dir)?;
        let json = serde_json::to_vec_pretty(entry).map_err(std::io::Error::other)?;
        file.write_all(&json)?;
        file.write_all(b"\n")?;
        file.as_file().sync_all()?;
        file.persist(self.path_for(&entry.url))
            .map_err(|e| e.error)?;
        Ok(())
    }

    /// Every readable entry, by URL.
    pub fn list(&self) -> std::io::Result<Vec<Entry>> {
        let mut entries = Vec::new();
        let dir = match std::fs::read_dir(self.entries_dir()) {
            Ok(dir) => dir,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(entries),
            Err(e) => return Err(e),
        };
        for item in dir {
            let path = item?.path();
            if path.extension().is_some_and(|e| e == "json")
                && let Some(entry) = std::fs::read(&path)
                    .ok()
                    .and_then(|t| serde_json::from_slice::<Entry>(&t).ok())
            {
                entries.push(entry);
            }
        }
        entries.sort_by(|a, b| a.url.cmp(&b.url));
        Ok(entries)
    }

    /// Removes the entry for `url`; whether there was one.
    pub fn remove(&self, url: &str) -> std::io::Result<bool> {
        match std::fs::remove_file(self.path_for(url)) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Removes every entry file (and leftovers of interrupted writes); how many.
    pub fn clear(&self) -> std::io::Result<usize> {
        let dir = match std::fs::read_dir(self.entries_dir()) {
            Ok(dir) => dir,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        let mut removed = 0;
        for item in dir {
            let path = item?.path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let ours = name.is_some_and(|n| n.ends_with(".json") || n.starts_with(".entry-"));
            if ours && path.is_file() {
                std::fs::remove_file(&path)?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Makes a cache directory the owner's alone, or refuses one that belongs to another
/// user: keys planted there would be trusted.
#[cfg(unix)]
fn make_private(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let meta = std::fs::symlink_metadata(dir)?;
    if !meta.is_dir() {
        return Err(std::io::Error::other(format!(
            "{} is not a directory",
            dir.display()
        )));
    }
    if meta.uid() != rustix::process::geteuid().as_raw() {
        return Err(std::io::Error::other(format!(
            "{} belongs to another user",
            dir.display()
        )));
    }
    if meta.mode() & 0o077 != 0 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn make_private(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// A cache file's bytes, if it is a regular file (not a link) that only its owner,
/// this user, can read and write, in a directory only this user can write.
#[cfg(unix)]
fn read_private(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read as _;
    use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _};
    let me = rustix::process::geteuid().as_raw();
    let dir = std::fs::metadata(path.parent()?).ok()?;
    if dir.uid() != me || dir.mode() & 0o022 != 0 {
        return None;
    }
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)
        .ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.uid() != me || meta.mode() & 0o077 != 0 {
        return None;
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

#[cfg(not(unix))]
fn read_private(path: &Path) -> Option<Vec<u8>> {
    std::fs::read(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freshness_is_bounded() {
        let f = |cc: Option<&str>| Freshness::from_headers(cc, None, None);
        assert_eq!(f(None).max_age, DEFAULT_FRESH);
        assert_eq!(f(Some("public, max-age=3600")).max_age, 3600);
        assert_eq!(f(Some("max-age=5")).max_age, MIN_FRESH);
        assert_eq!(f(Some("no-cache")).max_age, MIN_FRESH);
        assert_eq!(
            f(Some("max-age=99999999999999999999999")).max_age,
            MAX_FRESH
        );
        assert_eq!(f(Some("max-age=-3")).max_age, DEFAULT_FRESH);
        assert_eq!(f(Some("max-age=1.5")).max_age, DEFAULT_FRESH);
        assert_eq!(f(Some("max-age=\"120\"")).max_age, 120);
        assert_eq!(f(Some("max-age=nonsense")).max_age, DEFAULT_FRESH);
        assert!(!f(Some("no-store")).store);
        assert!(f(Some("private")).store);
    }

    #[test]
    fn entries_round_trip_privately() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("c"));
        let url = "https://keys.example.invalid/jwks";
        let entry = Entry::new(
            url,
            "{\"keys\":[]}".into(),
            &Freshness::from_headers(Some("max-age=300"), Some("\"v1\""), None),
        );
        cache.write(&entry).unwrap();
        let back = cache.read(url).unwrap();
        assert_eq!(back.body, entry.body);
        assert_eq!(back.etag.as_deref(), Some("\"v1\""));
        assert!(back.is_fresh());
        assert!(cache.read("https://other.example.invalid/").is_none());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&cache.path_for(url)), 0o600);
            assert_eq!(mode(&dir.path().join("c").join(ENTRIES)), 0o700);
        }
        assert_eq!(cache.list().unwrap().len(), 1);
        assert_eq!(cache.clear().unwrap(), 1);
        assert!(cache.read(url).is_none());
    }
}
