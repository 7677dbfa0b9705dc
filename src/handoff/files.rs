//! File steps of the hand-off, each durable before the next begins: a document is written to
//! a hidden temporary file and synced, then renamed into place (atomic on one file system) and
//! the folder synced, so a crash leaves either no file or a whole one.
//!
//! A hand-off folder may be writable by others (a group's share), who could plant a symbolic
//! link under a name finctl writes and so send the write into another user's file. So no file
//! of the folder is opened through a link ([`no_follow`]: the open fails instead), and a file
//! finctl makes is made anew, never opened when something is there already (`create_new`).
//! The folder's own check (`folder.rs`) refuses links before anything is opened; these flags
//! also hold for a link planted while a run goes on.

use nix::libc;
use sha2::{Digest, Sha256};
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The hidden temporary name a file is written under before it is renamed into place.
pub fn temp_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".{name}.tmp"))
}

/// Options that never open a file through a symbolic link in its own name (O_NOFOLLOW).
pub fn no_follow() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.custom_flags(libc::O_NOFOLLOW);
    options
}

/// Opens `path` with `options` (from [`no_follow`]), saying what a link or a file in the way is.
pub fn open(options: &OpenOptions, path: &Path) -> io::Result<File> {
    options.open(path).map_err(|e| {
        let message = match e.raw_os_error() {
            Some(libc::ELOOP) => format!(
                "{} is a symbolic link: finctl follows no links in a hand-off folder",
                path.display()
            ),
            Some(libc::EEXIST) => format!(
                "{} is there already: finctl makes its files anew, never through what another left",
                path.display()
            ),
            _ => format!("opening {}: {e}", path.display()),
        };
        io::Error::new(e.kind(), message)
    })
}

pub fn sync_dir(dir: &Path) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_DIRECTORY);
    open(&options, dir)?.sync_all()
}

/// Writes `bytes` to a new file at `path` and syncs them to disk; fails if anything (a file, a
/// link) is there already.
pub fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = open(no_follow().write(true).create_new(true), path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// The bytes of a file, or None when it does not exist.
pub fn read_if_there(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match open(no_follow().read(true), path) {
        Ok(mut f) => {
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes)?;
            Ok(Some(bytes))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The SHA-256 of a file, or None when it does not exist.
pub fn file_sha256(path: &Path) -> io::Result<Option<String>> {
    Ok(read_if_there(path)?.map(|bytes| sha256_hex(&bytes)))
}

/// `bytes` random bytes from the operating system, as hexadecimal digits.
pub fn random_hex(bytes: usize) -> io::Result<String> {
    let mut buf = vec![0; bytes];
    File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| io::Error::new(e.kind(), format!("reading /dev/urandom: {e}")))?;
    Ok(hex::encode(buf))
}

/// Whether `name` is one a file is written under before it is renamed into place.
pub fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

/// Removes the temporary files a run that died left behind.
pub fn remove_temporaries(dir: &Path) -> io::Result<usize> {
    let mut removed = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if is_temporary(&name) && entry.file_type()?.is_file() {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// The lock file in a hand-off folder. It stays there between runs (removing it could let two
/// runs lock two different files); the ERP may lock it too, to move `journal.csv` away while no
/// hand-off is writing.
pub const LOCK_FILE: &str = ".handoff.lock";

/// One hand-off at a time per folder: an advisory lock of the operating system on
/// [`LOCK_FILE`], held as long as this value lives and released by the operating system when
/// the process ends in any way (so a run that died leaves no stale lock behind).
pub struct FolderLock {
    _file: File,
}

impl FolderLock {
    /// Takes the lock of `dir`, or fails at once if another hand-off holds it.
    pub fn take(dir: &Path) -> io::Result<FolderLock> {
        let path = dir.join(LOCK_FILE);
        let file = open(
            no_follow()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false),
            &path,
        )?;
        match file.try_lock() {
            Ok(()) => Ok(FolderLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(io::Error::new(
                io::ErrorKind::WouldBlock,
                format!(
                    "another hand-off is writing to {}: try again when it has finished",
                    dir.display()
                ),
            )),
            Err(TryLockError::Error(e)) => Err(io::Error::new(
                e.kind(),
                format!("could not lock {}: {e}", path.display()),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_lock_per_folder_at_a_time_and_the_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::take(dir.path()).unwrap();
        let err = FolderLock::take(dir.path()).err().expect("refused");
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
        assert!(
            err.to_string().contains("another hand-off is writing to"),
            "{err}"
        );
        drop(first);
        assert!(dir.path().join(LOCK_FILE).exists());
        let _again = FolderLock::take(dir.path()).unwrap();
    }

    /// A link planted under a name the hand-off opens, to an existing file or to none.
    fn planted(dir: &Path, name: &str) -> (PathBuf, PathBuf, PathBuf) {
        let private = dir.join("private.txt");
        fs::write(&private, "private\n").unwrap();
        let link = dir.join(name);
        std::os::unix::fs::symlink(&private, &link).unwrap();
        let dangling = dir.join(format!("{name}.dangling"));
        std::os::unix::fs::symlink(dir.join("made-elsewhere"), &dangling).unwrap();
        (private, link, dangling)
    }

    #[test]
    fn no_file_is_written_read_or_locked_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let (private, link, dangling) = planted(dir.path(), ".2026-000036.xml.tmp");
        for path in [&link, &dangling] {
            let err = write_synced(path, b"<Invoice/>").unwrap_err();
            assert!(err.to_string().contains("is there already"), "{err}");
            let err = read_if_there(path).unwrap_err();
            assert!(err.to_string().contains("is a symbolic link"), "{err}");
        }
        let lock_dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(&private, lock_dir.path().join(LOCK_FILE)).unwrap();
        let err = FolderLock::take(lock_dir.path()).err().expect("refused");
        assert!(err.to_string().contains("is a symbolic link"), "{err}");
        assert!(sync_dir(&link).is_err());
        assert_eq!(fs::read_to_string(&private).unwrap(), "private\n");
        assert!(!dir.path().join("made-elsewhere").exists());
    }
}
