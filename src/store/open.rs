//! Opening a database file: refuse what is not ours or is too new before touching it, then set
//! the connection up and migrate.

use super::chain_key_file::{self, Sharing};
use super::error::{Result, StoreError};
use super::migrations::{self, APPLICATION_ID, LATEST};
use crate::domain::chain_key::ChainKey;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// How long a writer waits for another one before giving up.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// What a file is, read without writing anything to it.
enum FileState {
    New,
    Finctl(i64),
}

fn inspect(path: &Path) -> Result<FileState> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::New),
        Err(e) => return Err(e.into()),
        Ok(m) if m.len() == 0 => return Ok(FileState::New),
        Ok(_) => {}
    }
    let unreadable = |e: rusqlite::Error| unreadable(path, e);
    let conn = open_for_inspection(path).map_err(unreadable)?;
    let read = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    // A file that is not SQLite fails here, on the first read of its header; so does an
    // SQLite file cut short (its header counts pages the file no longer has).
    let app_id = read("PRAGMA application_id").map_err(unreadable)?;
    let version = read("PRAGMA user_version").map_err(unreadable)?;
    let tables = read("SELECT count(*) FROM sqlite_schema").map_err(unreadable)?;
    if app_id == 0 && version == 0 && tables == 0 {
        return Ok(FileState::New);
    }
    if app_id != APPLICATION_ID {
        return Err(StoreError::NotFinctl(path.to_path_buf()));
    }
    if version > LATEST {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            known: LATEST,
        });
    }
    Ok(FileState::Finctl(version))
}

/// What a file SQLite could not read is: damaged when it starts as every SQLite file does (a
/// database cut short or overwritten in part: a truncated copy), else no finctl database.
fn unreadable(path: &Path, e: rusqlite::Error) -> StoreError {
    const MAGIC: &[u8; 16] = b"SQLite format 3\0";
    let mut start = [0u8; 16];
    let sqlite = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut start))
        .is_ok_and(|()| &start == MAGIC);
    if !sqlite {
        return StoreError::NotFinctl(path.to_path_buf());
    }
    let reason = match &e {
        rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
        other => other.to_string(),
    };
    StoreError::Damaged {
        path: path.to_path_buf(),
        reason,
    }
}

/// Refuses, untouched, a file that is not a finctl database at this finctl's schema: what
/// reads without migrating (`Store::open_read_only`) reads only such a file. An older one
/// is `StoreError::OlderSchema`: opening it to write migrates it.
pub(super) fn check_current(path: &Path) -> Result<()> {
    match inspect(path)? {
        FileState::Finctl(v) if v == LATEST => Ok(()),
        FileState::Finctl(v) => Err(StoreError::OlderSchema {
            path: path.to_path_buf(),
            found: v,
        }),
        FileState::New => Err(StoreError::NotFinctl(path.to_path_buf())),
    }
}

/// Opens a file read-only for `inspect`. A read-only connection to a WAL database creates
/// `-wal` and `-shm` files and cannot remove them, which would leave litter next to a file that
/// is then refused. So while no `-wal` exists (no connection has the database open), the file
/// is opened immutable, which creates nothing; otherwise the live WAL is read as usual.
fn open_for_inspection(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if let (false, Some(p)) = (Path::new(&wal).exists(), path.to_str()) {
        let escaped = p
            .replace('%', "%25")
            .replace('?', "%3f")
            .replace('#', "%23");
        let authority = if path.is_absolute() { "//" } else { "" };
        let uri = format!("file:{authority}{escaped}?immutable=1");
        return Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI);
    }
    Connection::open_with_flags(path, flags)
}

/// Opens (creating if needed) and migrates a finctl database.
pub fn open_connection(path: &Path) -> Result<Connection> {
    open_connection_at(path, LATEST)
}

/// Opens a database and migrates it to `target`, for the migration tests.
pub fn open_connection_at(path: &Path, target: i64) -> Result<Connection> {
    Ok(open_database(path, target, Sharing::Private)?.0)
}

/// Opens (creating if needed, in a folder that exists) and migrates the database at `path`,
/// with the key of its chains: made with a new database, or for the migration that starts
/// the keyed chains; a database already keyed needs its own.
pub(super) fn open_database(
    path: &Path,
    target: i64,
    sharing: Sharing,
) -> Result<(Connection, ChainKey)> {
    let state = inspect(path)?;
    // No folder is made: a mistyped path leaves nothing behind.
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = folder.filter(|d| !d.is_dir()) {
        return Err(StoreError::Refused(format!(
            "the folder {} does not exist: finctl makes no folders; check the path",
            dir.display()
        )));
    }
    let key = match state {
        FileState::Finctl(v) if v >= migrations::KEYED => chain_key_file::read(path)?
            .ok_or_else(|| StoreError::KeyMissing(chain_key_file::key_path(path)))?,
        _ => chain_key_file::read_or_make(path, sharing)?,
    };
    if !path.exists() {
        // Made with the mode its sharing asks whatever the umask (set after creation: the
        // mode given at creation is narrowed by the umask); SQLite gives the log and
        // shared-memory files the database's mode.
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .custom_flags(nix::libc::O_NOFOLLOW)
            .mode(sharing.database_mode())
            .open(path)?;
        file.set_permissions(std::fs::Permissions::from_mode(sharing.database_mode()))?;
    }
    let mut conn = Connection::open(path)?;
    // Waits for another user's write in steps, telling the console (see `lock_wait`).
    conn.busy_handler(Some(super::lock_wait::on_busy))?;
    // An 8 MiB page cache (negative cache_size is KiB): the console stays small; bulk loads
    // ask for more (Store::tune_for_bulk_load). `synchronous = FULL`: in WAL mode NORMAL syncs
    // the log only at checkpoints, so a commit shown on screen (a confirmed number) could roll
    // back after a power loss; FULL syncs the log at every commit.
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA cache_size = -8192;
         PRAGMA temp_store = MEMORY;",
    )?;
    super::sql_functions::add(&conn)?;
    let from = match state {
        FileState::New => 0,
        FileState::Finctl(v) => v,
    };
    if from < target {
        migrations::migrate_to(&mut conn, target, &key)?;
    }
    if target >= migrations::KEYED {
        check_fingerprint(&conn, path, &key)?;
    }
    Ok((conn, key))
}

/// A database sealed with another key is refused: what it would seal next could not be
/// checked with the key it has.
fn check_fingerprint(conn: &Connection, path: &Path, key: &ChainKey) -> Result<()> {
    let recorded: String =
        conn.query_row("SELECT fingerprint FROM chain_key WHERE id = 1", [], |r| {
            r.get(0)
        })?;
    if recorded != key.fingerprint() {
        return Err(StoreError::WrongKey {
            path: path.to_path_buf(),
            key: chain_key_file::key_path(path),
            recorded,
            found: key.fingerprint(),
        });
    }
    Ok(())
}

/// A read-only connection to a database that `open_connection` has already set up, for
/// queries off the input path (list totals) while the main connection stays free.
pub fn open_reader(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.execute_batch("PRAGMA cache_size = -8192; PRAGMA temp_store = MEMORY;")?;
    super::sql_functions::add(&conn)?;
    Ok(conn)
}
