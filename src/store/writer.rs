//! A write transaction that knows who acts (and with which role) and when, checks rights,
//! records the change history and notes the projects whose time-and-materials items must be
//! priced again before it commits (`tm_amounts.rs` does that).

use super::error::{Result, StoreError};
use crate::domain::NumberFormat;
use crate::domain::chain_key::ChainKey;
use crate::domain::rights::{self, Action, Role};
use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Deref;
use std::rc::Rc;

/// What a `Writer` writes in: a transaction of its own, or the transaction that encloses it
/// (`Store::all_or_nothing`), which commits it with the rest or rolls all of it back.
pub(super) enum Scope<'a> {
    Own(Transaction<'a>),
    /// No savepoint of its own: a savepoint per write makes SQLite journal again, at every
    /// statement, the pages the enclosing transaction changed before it, which grows with the
    /// transaction (a million-item demo took minutes instead of seconds). A write that fails
    /// fails the enclosing transaction instead.
    Enclosed(&'a Connection),
}

impl Deref for Scope<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        match self {
            Scope::Own(tx) => tx,
            Scope::Enclosed(conn) => conn,
        }
    }
}

impl Scope<'_> {
    /// Commits its own transaction; the enclosing one commits later.
    fn commit(self) -> Result<()> {
        match self {
            Scope::Own(tx) => tx.commit()?,
            Scope::Enclosed(_) => {}
        }
        Ok(())
    }
}

pub struct Writer<'a> {
    tx: Scope<'a>,
    /// The key of the chains: history rows are sealed with it at commit, documents with it
    /// as they are confirmed.
    key: &'a ChainKey,
    /// The newest history row when the transaction began: it seals the rows after it.
    history_from: i64,
    user: String,
    role: Role,
    /// The number format the acting user reads figures in, for the figures of a refusal.
    numbers: NumberFormat,
    at: String,
    repricing: RefCell<BTreeMap<i64, Causes>>,
    /// The reason of history rows whose operation gives none (see [`Writer::set_reason`]).
    reason: RefCell<Option<Rc<str>>>,
}

/// Why a project's time-and-materials items are priced again: the first few causes as they
/// were noted, and how many more (an import notes thousands; the history row names a few).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Causes {
    pub first: Vec<String>,
    pub more: usize,
}

/// How many causes a history row names before it counts the rest.
const NAMED_CAUSES: usize = 3;

impl Causes {
    fn add(&mut self, cause: String) {
        if self.first.contains(&cause) {
            return;
        }
        if self.first.len() < NAMED_CAUSES {
            self.first.push(cause);
        } else {
            self.more += 1;
        }
    }

    /// The reason a history row gives: `time report 12 added; expense 3 changed and 8 more`.
    pub fn text(&self) -> String {
        let named = self.first.join("; ");
        match self.more {
            0 => named,
            n => format!("{named} and {n} more"),
        }
    }
}

impl<'a> Writer<'a> {
    pub(super) fn new(
        tx: Scope<'a>,
        key: &'a ChainKey,
        user: &str,
        role: Role,
        numbers: NumberFormat,
    ) -> Result<Self> {
        super::triggers_off::ensure_on(&tx)?;
        let history_from = super::history_seal::newest_row(&tx)?;
        Ok(Writer {
            tx,
            key,
            history_from,
            user: user.to_string(),
            role,
            numbers,
            at: Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
            repricing: RefCell::new(BTreeMap::new()),
            reason: RefCell::new(None),
        })
    }

    /// Sets the reason that history rows written from now on carry when the operation that
    /// writes them gives none (`None`: no such reason). An import sets `import FILE` for each
    /// row, so that every row it writes names its file, also those that operations written for
    /// the console record without a reason (a new revenue item's creation).
    pub fn set_reason(&self, reason: Option<Rc<str>>) {
        *self.reason.borrow_mut() = reason;
    }

    /// The reason history rows carry when their operation gives none.
    pub(super) fn fallback_reason(&self) -> Option<Rc<str>> {
        self.reason.borrow().clone()
    }

    /// The number format the acting user reads figures in: a refusal shows its figures so.
    pub fn numbers(&self) -> NumberFormat {
        self.numbers
    }

    /// Runs `work` inside a savepoint: when it fails, what it wrote is undone and the
    /// transaction goes on as it was before, so that one refused row of an import leaves no
    /// partial writes and the rows after it see a consistent state.
    pub fn attempt<T, E: From<StoreError>>(
        &self,
        work: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let run = |sql: &str| -> Result<()> {
            self.tx.prepare_cached(sql)?.execute([])?;
            Ok(())
        };
        run("SAVEPOINT attempt")?;
        match work() {
            Ok(v) => {
                run("RELEASE attempt")?;
                Ok(v)
            }
            Err(e) => {
                run("ROLLBACK TO attempt")?;
                run("RELEASE attempt")?;
                Err(e)
            }
        }
    }

    /// Notes that what the time-and-materials items of project `project_id` collect may have
    /// changed, and why (`time report 12 added`). They are priced again once, before the
    /// transaction commits, however many changes were noted: an import of many reports into
    /// one project prices it once.
    pub fn reprice_project(&self, project_id: i64, cause: impl Into<String>) {
        self.repricing
            .borrow_mut()
            .entry(project_id)
            .or_default()
            .add(cause.into());
    }

    /// The projects noted so far, with their causes; noting starts afresh.
    pub(super) fn take_repricing(&self) -> BTreeMap<i64, Causes> {
        std::mem::take(&mut *self.repricing.borrow_mut())
    }

    /// Seals the history rows this transaction wrote, then commits.
    pub(super) fn commit(self) -> Result<()> {
        super::history_seal::seal(&self.tx, self.key, self.history_from)?;
        self.tx.commit()
    }

    /// The key of the chains (a confirmation seals its document with it).
    pub(super) fn key(&self) -> &ChainKey {
        self.key
    }

    /// The connection inside the write's transaction (or savepoint).
    pub fn tx(&self) -> &Connection {
        &self.tx
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    /// The acting user's role, as read inside this transaction.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The timestamp of this transaction, shared by all its history rows.
    pub fn at(&self) -> &str {
        &self.at
    }

    /// Refuses unless the acting user's role allows `action` (whatever action the
    /// transaction was opened for): each operation on a `Writer` checks its own right.
    pub fn require(&self, action: Action) -> Result<()> {
        Ok(rights::check(&self.user, self.role, action)?)
    }

    /// As [`require`](Self::require), on one project: a manager edits the milestones and the
    /// progress of the projects they manage only (`domain::rights::check_project`).
    pub fn require_project(&self, action: Action, project_id: i64) -> Result<()> {
        self.require(action)?;
        if self.role >= Role::Finance {
            return Ok(());
        }
        let (code, manager): (String, String) = self
            .tx
            .prepare_cached("SELECT code, manager FROM projects WHERE id = ?1")?
            .query_row([project_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or(StoreError::NotFound {
                object: "project",
                id: project_id,
            })?;
        Ok(rights::check_project(
            &self.user, self.role, action, &code, &manager,
        )?)
    }

    /// Appends one change-history row.
    #[allow(clippy::too_many_arguments)]
    pub fn history(
        &self,
        object: &str,
        object_id: i64,
        version: i64,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
        reason: Option<&str>,
    ) -> Result<()> {
        let fallback = self.reason.borrow();
        let by = WrittenBy {
            user: &self.user,
            at: &self.at,
        };
        history_row(
            &self.tx,
            &by,
            object,
            object_id,
            version,
            field,
            old,
            new,
            reason.or(fallback.as_deref()),
        )
    }

    /// Records that a row was created, with its fields as JSON.
    pub fn history_created(&self, object: &str, id: i64, fields: &serde_json::Value) -> Result<()> {
        self.history_created_because(object, id, fields, None)
    }

    /// Records that a row was created, with its fields as JSON and why (an import's file).
    pub fn history_created_because(
        &self,
        object: &str,
        id: i64,
        fields: &serde_json::Value,
        reason: Option<&str>,
    ) -> Result<()> {
        self.history(
            object,
            id,
            1,
            "created",
            None,
            Some(&fields.to_string()),
            reason,
        )
    }

    /// Records that rows were created, each `(id, fields as JSON)`, as
    /// [`history_created`](Self::history_created) does one by one: the same rows in the same
    /// order, many to a statement (`multi_row.rs` says why).
    pub fn history_created_many(&self, object: &str, rows: &[(i64, String)]) -> Result<()> {
        let fallback = self.reason.borrow();
        let reason = fallback.as_deref();
        for chunk in super::multi_row::chunks(rows) {
            // Who, when, what and why are shared (?1 to ?4); each row adds its id and fields.
            let values = super::multi_row::templated(
                chunk.len(),
                "(?1, ?2, ?3, #, 1, 'created', NULL, #, ?4)",
                5,
            );
            let mut stmt = self.tx.prepare_cached(&format!(
                "INSERT INTO change_history (at, user, object, object_id, version, field, old,
                     new, reason) VALUES {values}"
            ))?;
            stmt.raw_bind_parameter(1, &self.at)?;
            stmt.raw_bind_parameter(2, &self.user)?;
            stmt.raw_bind_parameter(3, object)?;
            stmt.raw_bind_parameter(4, reason)?;
            for (k, (id, new)) in chunk.iter().enumerate() {
                // As `history_row`: every row lets a long write be told and stopped.
                super::long_work::tick()?;
                stmt.raw_bind_parameter(5 + 2 * k, id)?;
                stmt.raw_bind_parameter(6 + 2 * k, new)?;
            }
            stmt.raw_execute()?;
        }
        Ok(())
    }

    /// Moves a row to its next version if it is still at `expected`; otherwise says who changed
    /// it and when. Returns the new version.
    pub fn bump_version(
        &self,
        table: &'static str,
        object: &'static str,
        id: i64,
        expected: Option<i64>,
    ) -> Result<i64> {
        let sql = format!(
            "UPDATE {table} SET version = version + 1, updated_by = ?1, updated_at = ?2
             WHERE id = ?3 AND (?4 IS NULL OR version = ?4) RETURNING version"
        );
        let bumped: Option<i64> = self
            .tx
            .prepare_cached(&sql)?
            .query_row(params![self.user, self.at, id, expected], |r| r.get(0))
            .optional()?;
        match bumped {
            Some(v) => Ok(v),
            None => Err(self.stale(table, object, id)?),
        }
    }

    /// Why a write at a version found no row: who changed row `id` last and when, or that it
    /// is gone (a failure to read that is the error instead).
    pub(super) fn stale(
        &self,
        table: &'static str,
        object: &'static str,
        id: i64,
    ) -> Result<StoreError> {
        let current: Option<(String, String)> = self
            .tx
            .query_row(
                &format!("SELECT updated_by, updated_at FROM {table} WHERE id = ?1"),
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(match current {
            Some((by, at)) => StoreError::Stale { object, id, by, at },
            None => StoreError::NotFound { object, id },
        })
    }
}

/// Who writes and when: the acting user and the transaction's timestamp, or a migration.
#[derive(Debug, Clone, Copy)]
pub struct WrittenBy<'a> {
    pub user: &'a str,
    pub at: &'a str,
}

/// Appends one change-history row (what `Writer::history` does, for writes without a `Writer`:
/// a migration).
#[allow(clippy::too_many_arguments)]
pub(super) fn history_row(
    conn: &Connection,
    by: &WrittenBy<'_>,
    object: &str,
    object_id: i64,
    version: i64,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
    reason: Option<&str>,
) -> Result<()> {
    // Every change writes a row here: where a long write (many short statements) tells the
    // console how long it has run, and may be stopped.
    super::long_work::tick()?;
    conn.prepare_cached(
        "INSERT INTO change_history (at, user, object, object_id, version, field, old, new, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        by.at, by.user, object, object_id, version, field, old, new, reason
    ])?;
    Ok(())
}
