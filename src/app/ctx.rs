//! What a screen's keys, a form's save or a dialog's answer may touch besides their own state:
//! the store, the overlay stack, the status line, the background work, and follow-ups for the
//! console to carry out once they return (other screens show a change, selections move on).

use super::actions::{Confirm, FormAction};
use super::background::{Answer, Background, FileJob, FileStarted, ListId, Query};
use super::form::Form;
use super::overlays::{Dialog, FormOverlay, Overlay};
use super::status_line::StatusLine;
use super::view::View;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;

/// A follow-up the console carries out after a key's work, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The database changed: every screen and every open view shows it.
    Changed,
    /// The user's own edit of a revenue item: a selection holding it takes its new version,
    /// so that one's own edit never makes one's selection stale.
    ItemEdited(i64),
    /// Revenue items were acted on as selected (status, drafts, confirmation): the item
    /// selections have done their work and are cleared.
    ItemSelectionsDone,
    ItemDeleted(i64),
    /// Invoices were acted on as selected.
    InvoiceSelectionsDone,
    InvoiceDeleted(i64),
    /// Leave the console.
    Quit,
}

pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub today: NaiveDate,
    pub overlays: &'a mut Vec<Overlay>,
    pub status: &'a mut StatusLine,
    pub background: &'a mut Background,
    pub(super) events: &'a mut Vec<Event>,
}

impl Ctx<'_> {
    pub fn info(&mut self, text: impl Into<String>) {
        self.status.info(text);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status.error(text);
    }

    /// The value of a store call, or `None` with its error on the status line.
    pub fn report<T>(&mut self, result: Result<T, StoreError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(e.to_string());
                None
            }
        }
    }

    /// A yes/no question; `action` runs on yes.
    pub fn ask(&mut self, title: impl Into<String>, lines: Vec<String>, action: impl Confirm) {
        self.overlays.push(Overlay::Dialog(Dialog {
            title: title.into(),
            lines,
            action: Box::new(action),
        }));
    }

    pub fn open_form(&mut self, form: Form, action: impl FormAction) {
        self.overlays.push(Overlay::Form(Box::new(FormOverlay {
            form,
            action: Box::new(action),
        })));
    }

    pub fn open_view(&mut self, view: impl View) {
        self.overlays.push(Overlay::View(Box::new(view)));
    }

    /// The database changed: every screen and open view shows it once the key's work is done.
    pub fn changed(&mut self) {
        self.emit(Event::Changed);
    }

    pub fn emit(&mut self, event: Event) {
        self.events.push(event);
    }

    /// Asks a list query: off the input path (`Ok(None)`, the answer comes later) or here and
    /// now when there is no background thread.
    pub fn query(&mut self, list: ListId, query: Query) -> Result<Option<Answer>, StoreError> {
        self.background.query(self.store, list, query)
    }

    /// Writes a file off the input path; the status line says what happens.
    pub fn write_file(&mut self, job: FileJob) {
        match self.background.write_file(self.store, self.today, job) {
            FileStarted::Writing(path) => {
                self.info(format!("writing {}…", path.display()));
            }
            FileStarted::Done(done) => match done.message() {
                Ok(m) => self.info(m),
                Err(m) => self.error(m),
            },
        }
    }
}
