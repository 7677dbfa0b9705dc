//! The key file of a database's keyed chains: `NAME.key` beside `NAME` (`finctl.db.key`). It
//! is made once, with the database (or by the migration to keyed chains), from the operating
//! system's random source, and never changes: without it finctl neither confirms nor
//! verifies. Who may read it decides what the chain protects (docs/security.md): in the group
//! install only finctl's group; in a single-user install its user, who could then also
//! recompute the chain (the ERP's journal, which holds every document's value, still shows
//! any change to what was handed off).

use super::error::{Result, StoreError};
use crate::domain::chain_key::{ChainKey, KEY_BYTES};
use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Who shares a database's files: its one user, or finctl's group (the group install).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sharing {
    /// The database and its log 0600, the key 0600.
    #[default]
    Private,
    /// The database and its log 0660, the key 0640: the group reads and writes through the
    /// setgid finctl only, and no member's process but finctl's writes the key.
    Group,
}

impl Sharing {
    pub fn database_mode(self) -> u32 {
        match self {
            Sharing::Private => 0o600,
            Sharing::Group => 0o660,
        }
    }

    pub fn key_mode(self) -> u32 {
        match self {
            Sharing::Private => 0o600,
            Sharing::Group => 0o640,
        }
    }
}

/// Where the key of the database at `db` is.
pub fn key_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

/// Reads the key of the database at `db`; `None` when there is no key file.
pub fn read(db: &Path) -> Result<Option<ChainKey>> {
    let path = key_path(db);
    let mut text = String::new();
    // Never through a link: a planted link would give finctl someone else's file as its key.
    match std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(nix::libc::O_NOFOLLOW)
        .open(&path)
    {
        Ok(mut f) => f.read_to_string(&mut text)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    ChainKey::parse(&text).map(Some).ok_or_else(|| {
        StoreError::Refused(format!(
            "{} is not a finctl chain key (64 hexadecimal digits): restore the database's key file",
            path.display()
        ))
    })
}

/// Reads the key of the database at `db`, making one if there is none (a new database, or one
/// the migration to keyed chains is about to seal).
pub fn read_or_make(db: &Path, sharing: Sharing) -> Result<ChainKey> {
    if let Some(key) = read(db)? {
        return Ok(key);
    }
    let key = ChainKey::from_bytes(random_bytes()?);
    let path = key_path(db);
    let made = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .custom_flags(nix::libc::O_NOFOLLOW)
        .mode(sharing.key_mode())
        .open(&path);
    match made {
        Ok(mut f) => {
            // The mode asked for at creation is narrowed by the umask: set it as meant.
            f.set_permissions(std::fs::Permissions::from_mode(sharing.key_mode()))?;
            f.write_all(key.to_text().as_bytes())?;
            f.sync_all()?;
            Ok(key)
        }
        // Another process made it first: theirs is the key.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read(db)?.ok_or_else(|| {
            StoreError::Refused(format!("{} vanished while it was read", path.display()))
        }),
        Err(e) => Err(e.into()),
    }
}

fn random_bytes() -> Result<[u8; KEY_BYTES]> {
    let mut bytes = [0u8; KEY_BYTES];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn a_key_is_made_once_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        assert!(read(&db).unwrap().is_none());
        let key = read_or_make(&db, Sharing::Private).unwrap();
        assert_eq!(read_or_make(&db, Sharing::Private).unwrap(), key);
        let meta = std::fs::metadata(key_path(&db)).unwrap();
        assert_eq!(meta.mode() & 0o777, 0o600);
        let other = dir.path().join("y.db");
        assert_ne!(read_or_make(&other, Sharing::Group).unwrap(), key);
        let meta = std::fs::metadata(key_path(&other)).unwrap();
        assert_eq!(meta.mode() & 0o777, 0o640);
    }

    #[test]
    fn a_linked_or_damaged_key_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::write(&elsewhere, ChainKey::from_bytes([1; 32]).to_text()).unwrap();
        std::os::unix::fs::symlink(&elsewhere, key_path(&db)).unwrap();
        assert!(read(&db).is_err());
        std::fs::remove_file(key_path(&db)).unwrap();
        std::fs::write(key_path(&db), "not a key").unwrap();
        let e = read(&db).unwrap_err().to_string();
        assert!(e.contains("not a finctl chain key"), "{e}");
    }
}
