//! An import call written: every file of every kind, in dependency order, in one transaction.
//! Each record is written inside a savepoint, so that a refused one leaves nothing behind and
//! the rows after it see a consistent state; every refusal is told as it is found, and the
//! reading goes on to the end. Then everything is committed, or, after any refusal, in a dry
//! run or when the user stops it, rolled back: all or nothing.

use super::apply::{Failed, apply};
use super::error::{ImportError, Place};
use super::kind::Kind;
use super::mapping::Mapping;
use super::plan::Plan;
use super::reading::open;
use super::records::Record;
use super::references::References;
use super::refusals::{field_of, is_fatal};
use super::tally::Tally;
use crate::domain::rights::Action;
use crate::store::master_data::Upserted;
use crate::store::{Result, Store, StoreError, Writer};
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;

/// How often (in rows) the observer hears how far the call is.
const PROGRESS_EVERY: u64 = 4096;

/// Statements the store prepares for the rows of an import, kept prepared between rows.
const STATEMENT_CACHE: usize = 64;

/// Who follows an import: the command line prints refusals and draws a progress bar.
pub trait Observer {
    /// A refusal, as soon as it is found: it is not kept, so a file with millions of bad rows
    /// takes no memory for them.
    fn refused(&mut self, e: &ImportError);
    /// How far the call is.
    fn progress(&mut self, p: &Progress<'_>);
    /// Whether the user asked to stop (Ctrl-C): then nothing is written.
    fn interrupted(&self) -> bool;
}

/// How far an import call is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress<'a> {
    pub kind: Kind,
    pub file: &'a str,
    /// Rows of the call read so far.
    pub rows: u64,
    /// Bytes of the call's files read so far, and of all of them.
    pub bytes: u64,
    pub total_bytes: u64,
}

/// What an import call did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Per kind of the call, in the order written.
    pub tallies: Vec<Tally>,
    /// Refusals told to the observer (of rows, headers, files).
    pub refusals: u64,
    /// Whether it was committed: no refusal, no dry run, not interrupted.
    pub written: bool,
    pub interrupted: bool,
}

/// Imports `plan` into `store` as its user (finance or admin: anyone else is refused once,
/// before any row is read).
pub fn import(store: &mut Store, plan: &Plan, observer: &mut dyn Observer) -> Result<Report> {
    store.tune_for_bulk_load()?;
    let total_bytes = plan
        .files()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum();
    store.write_or_undo(Action::EditMasterData, |w| {
        w.tx()
            .set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        let mut run = Run {
            w,
            observer,
            refs: References::default(),
            refusals: 0,
            rows: 0,
            bytes_before: 0,
            total_bytes,
        };
        let mut tallies = Vec::new();
        for part in &plan.parts {
            let tally = run.kind(part.kind, &part.files, plan.mapping.as_ref())?;
            tallies.push(tally);
            if run.observer.interrupted() {
                break;
            }
            // Here a kind's deferred work would run once per call: re-pricing the
            // time-and-materials items of the projects whose time reports or expenses
            // changed, once per project rather than once per row.
        }
        w.set_reason(None);
        let interrupted = run.observer.interrupted();
        let written = run.refusals == 0 && !plan.dry_run && !interrupted;
        let report = Report {
            tallies,
            refusals: run.refusals,
            written,
            interrupted,
        };
        Ok((report, written))
    })
}

struct Run<'w, 'o> {
    w: &'w Writer<'w>,
    observer: &'o mut dyn Observer,
    refs: References,
    refusals: u64,
    rows: u64,
    /// Bytes of the files finished before the one being read.
    bytes_before: u64,
    total_bytes: u64,
}

/// The rows written so far in one kind, by the id of what they wrote and where they came
/// from: a second row about the same object is refused, not read as an edit of the first.
#[derive(Default)]
struct Seen {
    files: Vec<Arc<str>>,
    /// Id -> (file index, line): about 35 MiB at a million rows.
    rows: HashMap<i64, (u32, u32)>,
}

impl Seen {
    fn first(&self, id: i64) -> Option<String> {
        let (file, line) = self.rows.get(&id)?;
        Some(format!("{}:{line}", self.files[*file as usize]))
    }

    fn note(&mut self, id: i64, at: &Place) {
        if !self.files.last().is_some_and(|f| Arc::ptr_eq(f, &at.file)) {
            self.files.push(Arc::clone(&at.file));
        }
        let file = (self.files.len() - 1) as u32;
        let line = u32::try_from(at.line).unwrap_or(u32::MAX);
        self.rows.insert(id, (file, line));
    }
}

impl Run<'_, '_> {
    fn refuse(&mut self, e: &ImportError) {
        self.refusals += 1;
        self.observer.refused(e);
    }

    /// Reads and writes every file of one kind.
    fn kind(&mut self, kind: Kind, files: &[PathBuf], mapping: Option<&Mapping>) -> Result<Tally> {
        // What earlier kinds wrote may be referred to now.
        self.refs.clear();
        let mut tally = Tally::new(kind);
        let mut seen = Seen::default();
        for path in files {
            let size = std::fs::metadata(path).map_or(0, |m| m.len());
            let mut records = match open(kind, path, mapping) {
                Ok(records) => records,
                Err(errors) => {
                    errors.iter().for_each(|e| self.refuse(e));
                    self.bytes_before += size;
                    continue;
                }
            };
            let reason: Rc<str> = Rc::from(format!("import {}", records.file()));
            self.w.set_reason(Some(Rc::clone(&reason)));
            while let Some(outcome) = records.next() {
                if self.observer.interrupted() {
                    return Ok(tally);
                }
                self.rows += 1;
                match outcome {
                    Err(errors) => {
                        tally.refused += 1;
                        errors.iter().for_each(|e| self.refuse(e));
                    }
                    Ok(record) => {
                        let column = |field: &str| records.column(field).to_string();
                        match self.write(&record, &reason, &mut seen) {
                            Ok(done) => tally.count(&done),
                            Err(failed) => {
                                tally.refused += 1;
                                let e = refusal(&record, failed, column)?;
                                self.refuse(&e);
                            }
                        }
                    }
                }
                if self.rows.is_multiple_of(PROGRESS_EVERY) {
                    self.tell(kind, records.file(), records.bytes_read());
                }
            }
            self.bytes_before += size;
            self.tell(kind, records.file(), 0);
        }
        Ok(tally)
    }

    fn tell(&mut self, kind: Kind, file: &str, bytes_of_file: u64) {
        self.observer.progress(&Progress {
            kind,
            file,
            rows: self.rows,
            bytes: self.bytes_before + bytes_of_file,
            total_bytes: self.total_bytes,
        });
    }

    /// Writes one record inside its savepoint; a second row about an object this call wrote
    /// already is undone and refused.
    fn write(
        &mut self,
        record: &Record,
        reason: &str,
        seen: &mut Seen,
    ) -> std::result::Result<Upserted, Failed> {
        let w = self.w;
        let refs = &mut self.refs;
        let done = w.attempt(|| {
            let done = apply(w, refs, record, reason)?;
            if let Some(first) = seen.first(done.id()) {
                let message = format!(
                    "the same {} as the row at {first}: an import gives each once",
                    singular(record)
                );
                return Err(match record.key() {
                    Some(_) => Failed::Field("key", message),
                    None => Failed::Store(StoreError::Refused(message)),
                });
            }
            Ok(done)
        })?;
        seen.note(done.id(), record.at());
        Ok(done)
    }
}

/// The object a record is, for messages.
fn singular(record: &Record) -> &'static str {
    match record {
        Record::Account(_) => "account",
        Record::PriceList(_) => "price list",
        Record::Project(_) => "project",
        Record::Milestone(_) => "milestone",
        Record::TimeReport(_) => "time report",
        Record::Expense(_) => "expense",
        Record::RevenueItem(_) => "revenue item",
        Record::CostRate(_) => "cost rate",
    }
}

/// A record's failure as the import reports it, at the column of the field it names (as the
/// file names it: `column`); the database failing stops the import instead.
fn refusal(
    record: &Record,
    failed: Failed,
    column: impl Fn(&str) -> String,
) -> Result<ImportError> {
    let at = record.at();
    Ok(match failed {
        Failed::Field(field, message) => ImportError::cell(at, &column(field), message),
        Failed::Store(e) if is_fatal(&e) => return Err(e),
        Failed::Store(e) => match field_of(&e) {
            Some(field) => ImportError::cell(at, &column(field), e.to_string()),
            None => ImportError::row(at, e.to_string()),
        },
    })
}
