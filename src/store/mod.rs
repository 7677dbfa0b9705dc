//! The SQLite store: schema, migrations, queries and the change history. Every mutation runs
//! in one write transaction together with its history rows and its rights check; the store
//! never knows a screen.

pub mod accounts;
pub mod adjustments;
mod backup;
pub mod billing_plan_edit;
pub mod billing_plans;
mod bulk_cache;
mod chain_key_file;
mod checkpointer;
mod codec;
mod collectable;
mod company_size;
pub mod confirm;
pub mod cost_rates;
pub mod credit_notes;
mod document_chain;
pub mod documents;
pub mod draft_preview;
mod drafted_items;
pub mod drafts;
mod error;
pub mod export_history;
pub mod export_progress;
pub mod export_rows;
pub mod filter_sql;
mod forecast_dates;
mod forecast_sums;
pub mod handoff;
pub mod history;
mod history_many;
mod history_seal;
pub mod history_window;
mod identity;
pub mod invoice_list;
mod invoice_lookup;
mod invoiced_items;
pub mod item_context;
pub mod item_edits;
pub mod item_list;
mod item_rows;
pub mod item_summary;
pub mod item_totals;
pub mod list_query;
pub mod lock_wait;
pub mod long_work;
pub mod master_data;
pub mod master_export;
pub mod migrations;
pub mod milestone_edits;
pub mod milestone_list;
pub mod milestones;
mod multi_row;
mod new_items;
mod open;
pub mod outside_changes;
pub mod pickers;
pub mod plan_delete;
mod plan_milestones;
pub mod plan_save;
pub mod plan_templates;
mod plan_version;
pub mod price_lists;
pub mod progress;
pub mod progress_list;
pub mod project_list;
pub mod project_overview;
pub mod projects;
mod report_tally;
pub mod reports;
pub mod revenue_item_upsert;
pub mod revenue_items;
mod selected_items;
pub mod settings;
pub mod snapshot;
mod sql_functions;
pub mod time_and_materials;
pub mod time_entries;
mod tm_amounts;
mod triggers_off;
pub mod user_numbers;
pub mod users;
pub mod verify;
mod verify_pages;
mod writer;

pub use chain_key_file::{Sharing, key_path as chain_key_path};
pub use error::{Result, StoreError};
pub use list_query::Bound;
pub use open::{open_connection, open_connection_at, open_reader};
pub use writer::Writer;

use crate::domain::chain_key::ChainKey;
use crate::domain::rights::{self, Action, Role};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The key a write seals with: a store without one (opened read-only) does not write.
fn chain_key<'k>(key: &'k Option<Arc<ChainKey>>, path: &Path) -> Result<&'k ChainKey> {
    key.as_deref()
        .ok_or_else(|| StoreError::KeyMissing(chain_key_file::key_path(path)))
}

/// Who is acting: an operating-system account and its role in this database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub role: Role,
}

/// Stops a store's query in progress, from any thread.
pub struct Interrupter(rusqlite::InterruptHandle);

impl Interrupter {
    pub fn interrupt(&self) {
        self.0.interrupt();
    }
}

/// One open database and the user acting on it.
pub struct Store {
    conn: Connection,
    actor: Actor,
    path: PathBuf,
    /// The acting user's number format (`user_numbers.rs`).
    numbers: user_numbers::Numbers,
    /// The key of the keyed chains (`chain_key_file.rs`); a store opened read-only from a
    /// copy may have none, and then cannot check them.
    key: Option<Arc<ChainKey>>,
    /// Inside [`Store::all_or_nothing`]: its transaction, which every write is part of.
    enclosure: Option<Enclosure>,
    /// The thread that checkpoints after this store's commits, when the console asked for one
    /// (`checkpointer.rs`).
    checkpointer: Option<checkpointer::Checkpointer>,
}

impl Store {
    /// Opens (creating and migrating if needed) the database at `path` for `user`, the
    /// operating-system account. The first user of a new database becomes admin; other
    /// newcomers are viewers until an admin gives them a role.
    pub fn open(path: &Path, user: &str) -> Result<Store> {
        Store::open_shared(path, user, Sharing::Private)
    }

    /// As [`open`](Self::open), with the files a new database gets shared as `sharing` says
    /// (the group install's 0660, see `chain_key_file::Sharing`).
    pub fn open_shared(path: &Path, user: &str, sharing: Sharing) -> Result<Store> {
        let (mut conn, key) = open::open_database(path, migrations::LATEST, sharing)?;
        let actor = users::ensure_user(&mut conn, &key, user)?;
        let chosen = user_numbers::chosen_by(&conn, user)?;
        Ok(Store {
            conn,
            actor,
            path: path.to_path_buf(),
            numbers: user_numbers::Numbers {
                chosen,
                ..Default::default()
            },
            key: Some(Arc::new(key)),
            enclosure: None,
            checkpointer: None,
        })
    }

    /// The same database through a read-only connection, as the same user: for reading off
    /// the input path (a file written while the user goes on). Writing through it fails.
    pub fn reader(&self) -> Result<Store> {
        Ok(Store {
            conn: open_reader(&self.path)?,
            actor: self.actor.clone(),
            path: self.path.clone(),
            numbers: self.numbers,
            key: self.key.clone(),
            enclosure: None,
            checkpointer: None,
        })
    }

    /// What stops this store's query in progress from another thread (a newer request
    /// supersedes it); the query then fails with an error that `is_interrupted`.
    pub fn interrupter(&self) -> Interrupter {
        Interrupter(self.conn.get_interrupt_handle())
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A 64 MiB page cache, so that the list indexes of a million items stay in memory while
    /// large batches are written.
    pub fn tune_for_bulk_load(&self) -> Result<()> {
        self.tune_for_bulk_load_with(64)
    }

    /// As [`tune_for_bulk_load`](Self::tune_for_bulk_load), with a page cache of `mib` MiB.
    pub fn tune_for_bulk_load_with(&self, mib: u32) -> Result<()> {
        let kib = i64::from(mib) * 1024;
        Ok(self
            .conn
            .execute_batch(&format!("PRAGMA cache_size = -{kib};"))?)
    }

    /// Leaves checkpoints to a thread of their own (`checkpointer.rs`): a commit then returns
    /// once its log is synced, without also copying the log into the database file. For the
    /// console, where a bulk write's status line would otherwise wait for that copy.
    pub fn checkpoint_in_background(&mut self) -> Result<()> {
        if self.checkpointer.is_none() {
            let checkpointer = checkpointer::Checkpointer::start(&self.path)?;
            self.conn.execute_batch("PRAGMA wal_autocheckpoint = 0;")?;
            self.checkpointer = Some(checkpointer);
        }
        Ok(())
    }

    /// How many checkpoints the thread of [`checkpoint_in_background`](Self::checkpoint_in_background)
    /// has finished that copied the whole log (`None` without one): how a test knows the thread
    /// has been at work.
    pub fn background_checkpoints(&self) -> Option<u64> {
        self.checkpointer
            .as_ref()
            .map(checkpointer::Checkpointer::finished)
    }

    /// After a commit: the checkpoint thread, if any, copies it into the database file.
    fn committed(&self) {
        if let Some(c) = &self.checkpointer {
            c.nudge();
        }
    }

    /// Writes the log back into the database file and empties it: the file alone then holds
    /// every change. A clean exit of the console does this (its background connections would
    /// otherwise leave the log behind). Another user's open read leaves part of it: that is
    /// written back at the next checkpoint.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Refreshes the query planner's statistics where they are missing or stale (bounded
    /// work, as SQLite recommends for long-lived connections and after bulk loads).
    pub fn optimize(&self) -> Result<()> {
        Ok(self
            .conn
            .execute_batch("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;")?)
    }

    /// Runs `work` in one immediate write transaction after checking, inside it, that the
    /// acting user's current role allows `action`. Before it commits, the time-and-materials
    /// items of the projects the work noted are priced again (`tm_amounts.rs`). Nothing is
    /// written unless all of it is. Inside [`all_or_nothing`](Self::all_or_nothing) it is part
    /// of that one transaction, committed with the rest (and its failure fails the rest).
    pub fn write<T>(
        &mut self,
        action: Action,
        work: impl FnOnce(&Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        if self.enclosure.is_some() {
            // The enclosing transaction watches the whole of its work.
            return self.enclosed(|store| store.write_watched(action, work));
        }
        // A long write tells the console how long it has run, and may be stopped.
        long_work::watch(&self.conn);
        let out = self.write_watched(action, work);
        long_work::unwatch(&self.conn);
        out
    }

    fn write_watched<T>(
        &mut self,
        action: Action,
        work: impl FnOnce(&Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = begin(&mut self.conn, self.enclosure)?;
        let role = users::role_of(&tx, &self.actor.name)?;
        rights::check(&self.actor.name, role, action)?;
        self.actor.role = role;
        let writer = Writer::new(
            tx,
            chain_key(&self.key, &self.path)?,
            &self.actor.name,
            role,
            self.numbers.current(),
        )?;
        let out = work(&writer)?;
        let by = writer::WrittenBy {
            user: writer.user(),
            at: writer.at(),
        };
        tm_amounts::settle(writer.tx(), &by, writer.take_repricing())?;
        writer.commit()?;
        // Inside `all_or_nothing` nothing is committed yet: its own commit nudges.
        if self.enclosure.is_none() {
            self.committed();
        }
        Ok(out)
    }

    /// As [`write`](Self::write), but `work` says whether what it wrote is kept: `false` rolls
    /// all of it back (a dry run, or an import that found refusals and reported every one;
    /// inside [`all_or_nothing`](Self::all_or_nothing), all of that too).
    pub fn write_or_undo<T>(
        &mut self,
        action: Action,
        work: impl FnOnce(&Writer<'_>) -> Result<(T, bool)>,
    ) -> Result<T> {
        if self.enclosure.is_some() {
            return self.enclosed(|store| {
                let (out, keep) = store.write_watched(action, work)?;
                if keep {
                    Ok(out)
                } else {
                    Err(StoreError::Refused(
                        "undone inside a larger write: none of it is kept".into(),
                    ))
                }
            });
        }
        let tx = begin(&mut self.conn, None)?;
        let role = users::role_of(&tx, &self.actor.name)?;
        rights::check(&self.actor.name, role, action)?;
        self.actor.role = role;
        let writer = Writer::new(
            tx,
            chain_key(&self.key, &self.path)?,
            &self.actor.name,
            role,
            self.numbers.current(),
        )?;
        let (out, keep) = work(&writer)?;
        if keep {
            // What is kept prices its time-and-materials items as every write does.
            let by = writer::WrittenBy {
                user: writer.user(),
                at: writer.at(),
            };
            tm_amounts::settle(writer.tx(), &by, writer.take_repricing())?;
            writer.commit()?;
            self.committed();
        }
        Ok(out)
    }

    /// Runs one write inside [`all_or_nothing`](Self::all_or_nothing): when it fails, the
    /// enclosing transaction fails with it, whatever its caller does with the error.
    fn enclosed<T>(&mut self, write: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let out = write(self);
        if out.is_err() {
            self.enclosure = Some(Enclosure::Failed);
        }
        out
    }

    /// Runs `work`, any number of this store's writes, in one transaction: all of it is
    /// committed at the end, or none of it when it fails, when one of its writes failed, or
    /// when its long-work observer stops it (`long_work.rs`: asked all along, not per write).
    /// Each write inside keeps its rights check, its history and its pricing. A process that
    /// ends before the end (a second Ctrl-C, a crash) has committed nothing.
    pub fn all_or_nothing<T>(&mut self, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        if self.enclosure.is_some() {
            return work(self);
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        self.enclosure = Some(Enclosure::Open);
        long_work::watch(&self.conn);
        let out = work(self);
        long_work::unwatch(&self.conn);
        let failed = self.enclosure.take() == Some(Enclosure::Failed);
        let out = out.and_then(|v| {
            if failed {
                return Err(StoreError::Refused(
                    "a write inside failed: nothing was saved".into(),
                ));
            }
            if self.conn.is_autocommit() {
                // SQLite rolled it back already (an interrupted statement, a full disk).
                return Err(StoreError::Refused(error::STOPPED.into()));
            }
            self.conn.execute_batch("COMMIT")?;
            self.committed();
            Ok(v)
        });
        if !self.conn.is_autocommit() {
            // Failed, stopped, or the commit itself failed: nothing of it stays.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        out
    }
}

/// The transaction [`Store::all_or_nothing`] keeps open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Enclosure {
    Open,
    /// One of its writes failed: it is rolled back at the end.
    Failed,
}

/// The transaction a write runs in: its own (immediate: the write lock at once), or the
/// enclosing one, which must still be open.
fn begin(conn: &mut Connection, enclosure: Option<Enclosure>) -> Result<writer::Scope<'_>> {
    match enclosure {
        None => {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            Ok(writer::Scope::Own(tx))
        }
        Some(Enclosure::Open) if !conn.is_autocommit() => Ok(writer::Scope::Enclosed(conn)),
        Some(_) => Err(StoreError::Refused(error::STOPPED.into())),
    }
}
