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
        let conn = open_reader(path)?;
        let role = super::users::role_of(&conn, user).unwrap_or(Role::Viewer);
        Ok(Store {
            conn,
            actor: super::Actor {
                name: user.to_string(),
                role,
            },
            path: path.to_path_buf(),
            numbers: Default::default(),
            enclosure: None,
        })
    }

    /// Copies the database to `out`, which must not exist yet (its folder must).
    pub fn backup_to(&self, out: &Path) -> Result<()> {
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
        let made = copy_into(&self.conn, out);
        if made.is_err() {
            // A copy cut short is no backup: nothing is left behind.
            let _ = std::fs::remove_file(out);
        }
        made
    }

    /// Checks a backup as `verify` checks a database, through a plain connection to it: the
    /// copy stays as it was made (no user added, no log beside it).
    pub fn verify_copy(&self, copy: &Path) -> Result<Vec<super::verify::Violation>> {
        let store = Store {
            conn: Connection::open_with_flags(copy, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?,
            actor: self.actor.clone(),
            path: copy.to_path_buf(),
            numbers: self.numbers,
            enclosure: None,
        };
        store.verify()
    }
}

fn copy_into(from: &Connection, out: &Path) -> Result<()> {
    let mut copy = Connection::open(out)?;
    private(out)?;
    {
        let backup = Backup::new(from, &mut copy)?;
        // Every page in one step (a negative count): a snapshot that no other user's commit
        // can restart. Busy or locked (the copy's own file): tried again a few times.
        let mut tries = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
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
    }
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
