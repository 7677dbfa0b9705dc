//! What can go wrong in the store, worded for the person who asked.

use crate::domain::DomainError;
use crate::domain::master_field::{MasterField, MasterFieldError};
use crate::domain::revenue_item::{FieldError, ItemField};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A business rule or a right refused the work; the message names the rule.
    #[error("{0}")]
    Refused(String),
    /// A rule refused the value of one field of a revenue item (shown beside that field).
    #[error("{message}")]
    Field { field: ItemField, message: String },
    /// A rule refused the value of one field of an account, price list, project, milestone,
    /// time report or expense (shown beside that field, or that column of an import).
    #[error("{message}")]
    Invalid { field: MasterField, message: String },
    /// The row changed since it was read.
    #[error("{object} {id} was changed by {by} at {at}: reload it and try again")]
    Stale {
        object: &'static str,
        id: i64,
        by: String,
        at: String,
    },
    #[error("{object} {id} does not exist")]
    NotFound { object: &'static str, id: i64 },
    #[error("{} is not a finctl database: it was left untouched", .0.display())]
    NotFinctl(PathBuf),
    /// An SQLite file that SQLite cannot read (cut short, overwritten in part).
    #[error(
        "{} is damaged: SQLite cannot read it ({reason}). It was left untouched: restore it from a backup",
        .path.display()
    )]
    Damaged { path: PathBuf, reason: String },
    #[error(
        "{} was written by a newer finctl (schema version {found}, this finctl knows up to {known}): it was left untouched; upgrade finctl",
        .path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// A database at an older schema, which a read-only open does not migrate.
    #[error(
        "{} is at schema version {found}: open it once to write (the console, or any command \
         that changes it) to bring it up to date",
        .path.display()
    )]
    OlderSchema { path: PathBuf, found: i64 },
    #[error(
        "the chain key {} is missing: finctl neither confirms nor verifies without it; put the \
         database's key file back beside it (a backup of the database does not hold it)",
        .0.display()
    )]
    KeyMissing(PathBuf),
    #[error(
        "{} was sealed with another chain key (fingerprint {recorded}, {} has {found}): put the \
         database's own key file beside it",
        .path.display(), .key.display()
    )]
    WrongKey {
        path: PathBuf,
        key: PathBuf,
        recorded: String,
        found: String,
    },
    /// Not a `#[source]`: the message already holds the error's text, and a source would
    /// print it again after it (`finctl: database error: X: X: Error code 1: ...`).
    #[error("{}", sqlite_message(.0))]
    Sqlite(rusqlite::Error),
    /// Not a `#[source]` either, for the same reason.
    #[error("{0}")]
    Io(std::io::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e)
    }
}

/// What a write stopped while it ran says (`long_work`).
pub const STOPPED: &str = "stopped: nothing was saved";

/// An SQLite error as the user reads it: a write that gave up waiting for another user's lock
/// says so, a file SQLite cannot read is damaged; anything else is a database error.
fn sqlite_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase, OperationInterrupted};
    let code = e.sqlite_error_code();
    // Interrupted: a long write its observer stopped (`long_work`).
    if code == Some(OperationInterrupted) {
        STOPPED.to_string()
    } else if matches!(code, Some(DatabaseCorrupt | NotADatabase)) {
        format!("the database is damaged: SQLite cannot read it ({e}); restore it from a backup")
    } else if super::lock_wait::is_lock_wait_given_up(e) {
        "nothing was saved: another user's change held the database (you stopped waiting, or \
         it held it over 10 s); try again"
            .to_string()
    } else {
        format!("database error: {e}")
    }
}

impl From<DomainError> for StoreError {
    fn from(e: DomainError) -> Self {
        StoreError::Refused(e.0)
    }
}

impl From<FieldError> for StoreError {
    fn from(e: FieldError) -> Self {
        StoreError::Field {
            field: e.field,
            message: e.message,
        }
    }
}

impl From<MasterFieldError> for StoreError {
    fn from(e: MasterFieldError) -> Self {
        StoreError::Invalid {
            field: e.field,
            message: e.message,
        }
    }
}

impl StoreError {
    pub fn refused(msg: impl Into<String>) -> Self {
        StoreError::Refused(msg.into())
    }

    /// Whether the query was stopped by an [`Interrupter`](super::Interrupter).
    pub fn is_interrupted(&self) -> bool {
        matches!(
            self,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::OperationInterrupted
        )
    }

    /// Whether a rule, a right or a concurrent change refused the work (exit code 1 material),
    /// as opposed to the database itself failing.
    pub fn is_refusal(&self) -> bool {
        !matches!(
            self,
            StoreError::Sqlite(_) | StoreError::Io(_) | StoreError::Damaged { .. }
        )
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
