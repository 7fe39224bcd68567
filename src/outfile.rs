//! A file written whole or not at all, for any command's `--output FILE`: the bytes go
//! to a temporary file in the target's directory (readable by its owner only while it
//! is written) that replaces the target only on [`OutFile::commit`]; dropped
//! uncommitted, it leaves nothing behind. A symlink is followed and its target
//! replaced, never the link itself; a FIFO or device, which cannot be replaced, gets
//! the whole content in one write at commit. [`OutOptions`] asks for more: owner-only
//! permissions (private keys), no replacing of an existing file, no terminal.

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

    /// Whether the file was refused because it exists ([`OutOptions::no_clobber`]).
    pub fn exists(&self) -> bool {
        self.source.kind() == io::ErrorKind::AlreadyExists
    }

    /// Whether the target was refused because it is a terminal
    /// ([`OutOptions::refuse_terminal`]).
    pub fn is_terminal(&self) -> bool {
        self.source.kind() == io::ErrorKind::Unsupported
    }
}

/// How an [`OutFile`] is written, beyond whole-or-nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutOptions {
    /// Owner-only permissions (0600), whatever a replaced file had: for private keys.
    pub private: bool,
    /// Never replace an existing file (or what a symlink names), checked when the file
    /// is created and again, atomically, when it is committed. Devices and FIFOs are
    /// written to as usual.
    pub no_clobber: bool,
    /// Refuse a terminal (`/dev/tty`, `/dev/stdout` on a terminal) as the target.
    pub refuse_terminal: bool,
}

/// An output file being written; see the module documentation.
pub struct OutFile {
    /// What the user named, for messages.
    shown: PathBuf,
    /// Where the content lands: the symlink's target, if the name was a link.
    target: PathBuf,
    pending: Pending,
    options: OutOptions,
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
        OutFile::create_with(path, OutOptions::default())
    }

    /// Prepares to write `path` as `options` say. A directory is refused.
    pub fn create_with(path: &Path, options: OutOptions) -> Result<OutFile, OutFileError> {
        let cannot = |e: io::Error| OutFileError::new(path, e);
        if options.no_clobber && clobbers(path) {
            return Err(cannot(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "it exists",
            )));
        }
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
                    options,
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
            options,
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
                // than the temporary file's 0600; a private one is 0600 either way.
                match permissions {
                    _ if self.options.private => {
                        set_private_permissions(temp.as_file()).map_err(cannot)?;
                    }
                    Some(p) => temp.as_file().set_permissions(p).map_err(cannot)?,
                    None => set_new_file_permissions(temp.as_file()).map_err(cannot)?,
                }
                if self.options.no_clobber {
                    temp.persist_noclobber(&self.target)
                        .map_err(|e| cannot(e.error))?;
                } else {
                    temp.persist(&self.target).map_err(|e| cannot(e.error))?;
                }
            }
            Pending::Special { buffer } => {
                let mut file = fs::OpenOptions::new()
                    .write(true)
                    .open(&self.target)
                    .map_err(cannot)?;
                if self.options.refuse_terminal && std::io::IsTerminal::is_terminal(&file) {
                    return Err(cannot(io::Error::new(
                        io::ErrorKind::Unsupported,
                        "it is a terminal",
                    )));
                }
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

/// Whether writing `path` would replace a file: it is a regular file, a symlink to
/// one, or a dangling symlink (whose target would be created).
fn clobbers(path: &Path) -> bool {
    match fs::metadata(path) {
        Ok(meta) => meta.is_file(),
        Err(_) => fs::symlink_metadata(path).is_ok(),
    }
}

#[cfg(unix)]
fn set_private_permissions(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn set_private_permissions(_file: &File) -> io::Result<()> {
    Ok(())
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
    fn private_files_are_owner_only_and_never_clobbered() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.pem");
        let private = OutOptions {
            private: true,
            no_clobber: true,
            refuse_terminal: true,
        };
        let mut out = OutFile::create_with(&path, private).unwrap();
        out.write_all(b"secret").unwrap();
        out.commit().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        let err = OutFile::create_with(&path, private).err().expect("refused");
        assert!(err.exists(), "{err}");
        // Created between create and commit: still not replaced.
        let late = dir.path().join("late.pem");
        let mut out = OutFile::create_with(&late, private).unwrap();
        out.write_all(b"new").unwrap();
        fs::write(&late, b"old").unwrap();
        assert!(out.commit().is_err());
        assert_eq!(fs::read(&late).unwrap(), b"old");
        assert_eq!(entries(dir.path()), ["key.pem", "late.pem"]);
        // Replacing (as with --force) a 0644 file makes it 0600.
        fs::set_permissions(&late, Permissions::from_mode(0o644)).unwrap();
        let forced = OutOptions {
            no_clobber: false,
            ..private
        };
        OutFile::create_with(&late, forced)
            .unwrap()
            .commit()
            .unwrap();
        assert_eq!(mode(&late), 0o600);
        // A dangling symlink counts as a file.
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).unwrap();
        assert!(OutFile::create_with(&link, private).err().unwrap().exists());
        // A device is not a file to clobber.
        OutFile::create_with(Path::new("/dev/null"), private)
            .unwrap()
            .commit()
            .unwrap();
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
