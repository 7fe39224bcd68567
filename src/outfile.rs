//! A file written whole or not at all, for any command's `--output FILE`: the bytes go
//! to a temporary file in the target's directory (readable by its owner only while it
//! is written) that replaces the target only on [`OutFile::commit`]; dropped
//! uncommitted, it leaves nothing behind. A symlink is followed and its target
//! replaced, never the link itself; a FIFO or device, which cannot be replaced, gets
//! the whole content in one write at commit.

use std::fs::{self, File, Permissions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// Why an output file could not be written: `cannot write PATH: REASON`.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct OutFileError {
    path: String,
    source: io::Error,
}

impl OutFileError {
    fn new(path: &Path, source: io::Error) -> OutFileError {
        OutFileError {
            path: path.display().to_string(),
            source,
        }
    }
}

/// An output file being written; see the module documentation.
pub struct OutFile {
    /// What the user named, for messages.
    shown: PathBuf,
    /// Where the content lands: the symlink's target, if the name was a link.
    target: PathBuf,
    pending: Pending,
}

enum Pending {
    Replace {
        temp: BufWriter<NamedTempFile>,
        /// The replaced file's mode, kept; `None` for a new file.
        permissions: Option<Permissions>,
    },
    Special {
        buffer: Vec<u8>,
    },
}

impl OutFile {
    /// Prepares to write `path`. A directory is refused.
    pub fn create(path: &Path) -> Result<OutFile, OutFileError> {
        let cannot = |e: io::Error| OutFileError::new(path, e);
        // Follow a symlink to what it names; a dangling one is written through.
        let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        let permissions = match fs::metadata(&target) {
            Ok(meta) if meta.is_dir() => {
                return Err(cannot(io::Error::other("it is a directory")));
            }
            Ok(meta) if !meta.is_file() => {
                return Ok(OutFile {
                    shown: path.to_owned(),
                    target,
                    pending: Pending::Special { buffer: Vec::new() },
                });
            }
            Ok(meta) => Some(meta.permissions()),
            Err(_) => None,
        };
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let temp = NamedTempFile::new_in(dir).map_err(cannot)?;
        Ok(OutFile {
            shown: path.to_owned(),
            target,
            pending: Pending::Replace {
                temp: BufWriter::new(temp),
                permissions,
            },
        })
    }

    /// Puts the whole content in place. Until this returns `Ok`, the target is
    /// untouched.
    pub fn commit(self) -> Result<(), OutFileError> {
        let cannot = |e: io::Error| OutFileError::new(&self.shown, e);
        match self.pending {
            Pending::Replace { temp, permissions } => {
                let temp = temp.into_inner().map_err(|e| cannot(e.into_error()))?;
                // A replaced file keeps its mode; a new file gets the usual 0644 rather
                // than the temporary file's 0600.
                match permissions {
                    Some(p) => temp.as_file().set_permissions(p).map_err(cannot)?,
                    None => set_new_file_permissions(temp.as_file()).map_err(cannot)?,
                }
                temp.persist(&self.target).map_err(|e| cannot(e.error))?;
            }
            Pending::Special { buffer } => {
                let mut file = fs::OpenOptions::new()
                    .write(true)
                    .open(&self.target)
                    .map_err(cannot)?;
                file.write_all(&buffer).map_err(cannot)?;
                file.flush().map_err(cannot)?;
            }
        }
        Ok(())
    }
}

impl Write for OutFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.pending {
            Pending::Replace { temp, .. } => temp.write(buf),
            Pending::Special { buffer } => buffer.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.pending {
            Pending::Replace { temp, .. } => temp.flush(),
            Pending::Special { .. } => Ok(()),
        }
    }
}

#[cfg(unix)]
fn set_new_file_permissions(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_new_file_permissions(_file: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn commit_writes_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        let mut out = OutFile::create(&path).unwrap();
        out.write_all(b"one\n").unwrap();
        assert!(!path.exists(), "nothing at the target before commit");
        out.write_all(b"two\n").unwrap();
        out.commit().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one\ntwo\n");
        assert_eq!(entries(dir.path()), ["report.json"]);
    }

    #[test]
    fn dropped_without_commit_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        let mut out = OutFile::create(&path).unwrap();
        out.write_all(b"partial").unwrap();
        drop(out);
        assert!(entries(dir.path()).is_empty());
        // An existing file is left as it was.
        fs::write(&path, b"old").unwrap();
        let mut out = OutFile::create(&path).unwrap();
        out.write_all(b"new").unwrap();
        drop(out);
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(entries(dir.path()), ["report.json"]);
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = OutFile::create(dir.path()).err().expect("refused");
        assert!(err.to_string().ends_with(": it is a directory"), "{err}");
        assert!(err.to_string().starts_with("cannot write "), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn modes_new_file_0644_replaced_file_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new");
        let out = OutFile::create(&path).unwrap();
        out.commit().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o644);
        let kept = dir.path().join("kept");
        fs::write(&kept, b"x").unwrap();
        fs::set_permissions(&kept, Permissions::from_mode(0o600)).unwrap();
        OutFile::create(&kept).unwrap().commit().unwrap();
        assert_eq!(mode(&kept), 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_followed_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        let link = dir.path().join("link");
        fs::write(&real, b"old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let mut out = OutFile::create(&link).unwrap();
        out.write_all(b"new").unwrap();
        out.commit().unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_not_replaced() {
        let path = Path::new("/dev/null");
        let mut out = OutFile::create(path).unwrap();
        out.write_all(b"discarded").unwrap();
        out.commit().unwrap();
        assert!(!fs::metadata(path).unwrap().is_file());
    }
}
