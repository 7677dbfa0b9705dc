//! A copy of the database made while others work: SQLite's online backup copies one
//! consistent snapshot of what is committed (another user's change in progress is not in it).
//! The copy is one file (no log beside it), readable by its owner only, and never written over
//! an existing file.

use super::Store;
use super::error::{Result, StoreError};
use super::open::open_reader;
use crate::domain::rights::Role;
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};
use std::path::Path;
use std::time::Duration;

impl Store {
    /// A read-only store on a database finctl has set up, as `user` (a viewer if the database
    /// does not know them): reading never waits for another user's change, nor writes.
    pub fn open_read_only(path: &Path, user: &str) -> Result<Store> {
        // What is not a finctl database at this finctl's schema is refused before it is
        // opened for reading (a refused file keeps no -wal or -shm beside it).
        super::open::check_current(path)?;
        let conn = open_reader(path)?;
        let role = super::users::role_of(&conn, user).unwrap_or(Role::Viewer);
        let chosen = super::user_numbers::chosen_by(&conn, user).unwrap_or(None);
        Ok(Store {
            conn,
            actor: super::Actor {
                name: user.to_string(),
                role,
            },
            path: path.to_path_buf(),
            // The user's own number format, if the database knows them.
            numbers: super::user_numbers::Numbers {
                chosen,
                ..Default::default()
            },
            // Without a key file (a copy) the keyed chains are not checked: verify says so.
            key: super::chain_key_file::read(path)
                .ok()
                .flatten()
                .map(std::sync::Arc::new),
            enclosure: None,
            checkpointer: None,
        })
    }

    /// Copies the database to `out`, which must not exist yet (its folder must).
    pub fn backup_to(&self, out: &Path) -> Result<()> {
        self.backup_to_watched(out, &mut |_, _| true)
    }

    /// As [`backup_to`](Self::backup_to), telling `pages` how many pages of how many are
    /// copied after each step of [`STEP_PAGES`]; `false` stops it (nothing is left behind).
    pub fn backup_to_watched(
        &self,
        out: &Path,
        pages: &mut dyn FnMut(u64, u64) -> bool,
    ) -> Result<()> {
        if out.exists() {
            return Err(StoreError::Refused(format!(
                "{} exists: a backup never writes over a file; name a new one",
                out.display()
            )));
        }
        let folder = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !folder.is_dir() {
            return Err(StoreError::Refused(format!(
                "{} is not a folder: a backup goes into an existing one",
                folder.display()
            )));
        }
        let made = copy_into(&self.conn, out, pages);
        if made.is_err() {
            // A copy cut short is no backup: nothing is left behind.
            let _ = std::fs::remove_file(out);
        }
        made
    }

    /// Checks a backup as `verify` checks a database, through a plain connection to it: the
    /// copy stays as it was made (no user added, no log beside it).
    pub fn verify_copy(&self, copy: &Path) -> Result<Vec<super::verify::Violation>> {
        self.verify_copy_watched(copy, &mut |_, _, _| {}, || false)
    }

    /// As [`verify_copy`](Self::verify_copy), told and asked as
    /// [`verify_watched`](Self::verify_watched) is.
    pub fn verify_copy_watched(
        &self,
        copy: &Path,
        checking: &mut dyn FnMut(&'static str, usize, usize),
        stop: fn() -> bool,
    ) -> Result<Vec<super::verify::Violation>> {
        let conn = Connection::open_with_flags(copy, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        super::sql_functions::add(&conn)?;
        let store = Store {
            conn,
            actor: self.actor.clone(),
            path: copy.to_path_buf(),
            numbers: self.numbers,
            // The copy is checked with its database's key: it holds no key of its own.
            key: self.key.clone(),
            enclosure: None,
            checkpointer: None,
        };
        store.verify_watched(checking, stop)
    }
}

/// Pages copied in one step (4 MiB of 4 KiB pages): between steps the progress is told.
pub const STEP_PAGES: i32 = 1024;

/// What a stopped backup says.
pub const BACKUP_STOPPED: &str = "the backup was stopped: no backup was made";

fn copy_into(from: &Connection, out: &Path, pages: &mut dyn FnMut(u64, u64) -> bool) -> Result<()> {
    let mut copy = Connection::open(out)?;
    private(out)?;
    // One read snapshot held over every step: another user's commit meanwhile neither enters
    // the copy nor makes it start again (the backup reads inside the open read transaction).
    let snapshot = from.unchecked_transaction()?;
    snapshot.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
    {
        let backup = Backup::new(&snapshot, &mut copy)?;
        // Busy or locked (the copy's own file): tried again a few times.
        let mut tries = 0;
        loop {
            match backup.step(STEP_PAGES)? {
                StepResult::Done => break,
                StepResult::More => {
                    let p = backup.progress();
                    let total = u64::try_from(p.pagecount).unwrap_or(0);
                    let left = u64::try_from(p.remaining).unwrap_or(0);
                    if !pages(total.saturating_sub(left), total) {
                        return Err(StoreError::Refused(BACKUP_STOPPED.into()));
                    }
                }
                StepResult::Busy | StepResult::Locked if tries < 50 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(100));
                }
                _ => {
                    return Err(StoreError::Refused(
                        "the database stayed locked: no backup was made; try again".into(),
                    ));
                }
            }
        }
        let p = backup.progress();
        let total = u64::try_from(p.pagecount).unwrap_or(0);
        pages(total, total);
    }
    snapshot.finish()?;
    // One file, whatever the original's journal: finctl sets the log up again on open.
    copy.execute_batch("PRAGMA journal_mode = DELETE;")?;
    Ok(())
}

/// Readable and writable by its owner only: a backup holds everything the database does.
fn private(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    Ok(())
}
