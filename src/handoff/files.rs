//! File steps of the hand-off, each durable before the next begins: a document is written to
//! a hidden temporary file and synced, then renamed into place (atomic on one file system) and
//! the folder synced, so a crash leaves either no file or a whole one.

use sha2::{Digest, Sha256};
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The hidden temporary name a file is written under before it is renamed into place.
pub fn temp_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".{name}.tmp"))
}

pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Writes `bytes` to `path` and syncs them to disk.
pub fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// The bytes of a file, or None when it does not exist.
pub fn read_if_there(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
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
        .and_then(|mut f| io::Read::read_exact(&mut f, &mut buf))
        .map_err(|e| io::Error::new(e.kind(), format!("reading /dev/urandom: {e}")))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// Removes the temporary files a run that died left behind.
pub fn remove_temporaries(dir: &Path) -> io::Result<usize> {
    let mut removed = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(".tmp") && entry.file_type()?.is_file() {
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
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| io::Error::new(e.kind(), format!("opening {}: {e}", path.display())))?;
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
}
