//! What the work of a key may touch and leave behind, in one place because each part names the
//! others: the context a screen's command, a form's save or a dialog's answer runs with
//! ([`Ctx`]: the store, the overlay stack, the status line, the background work), the overlays
//! it may open over the screens (views, forms, dialogs, the help), the traits of those views,
//! form saves and dialog answers, and the follow-ups ([`Event`]) the console carries out once
//! the work returns.

use super::background::{Answer, Background, FileJob, FileStarted, ListId, Query};
use super::form::Form;
use super::keymap::{Cmd, Context};
use super::status_line::StatusLine;
use crate::domain::rights::{self, Action};
use crate::domain::{DomainError, NumberFormat};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::any::Any;

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
    /// Open the invoice or draft with this id over what is shown (a revenue item's `I`): the
    /// views of items and invoices open each other through here, so that neither names the
    /// other. When the view under the top one shows it already, the top one closes instead.
    OpenInvoice(i64),
    /// Open the summary of the revenue item with this id (an invoice line's `Enter`), as
    /// `OpenInvoice` does.
    OpenItem(i64),
    /// Leave the console.
    Quit,
}

/// The context a key's work runs with: what it may touch besides its own state.
pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub today: NaiveDate,
    pub overlays: &'a mut Vec<Overlay>,
    pub status: &'a mut StatusLine,
    pub background: &'a mut Background,
    pub(super) events: &'a mut Vec<Event>,
}

impl Ctx<'_> {
    /// The user's number format: figures shown, written into fields and read back in it.
    pub fn numbers(&self) -> NumberFormat {
        self.store.numbers()
    }

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

    /// Whether the user may do `action`; if not, the status line says who may, and nothing
    /// opens (refused at the key, not after typing a form).
    pub fn allowed(&mut self, action: Action) -> bool {
        let actor = self.store.actor();
        let checked = rights::check(&actor.name, actor.role, action);
        self.allowed_if(checked)
    }

    /// As [`Ctx::allowed`], for work on the project with this code and manager (a manager
    /// edits the milestones and progress of their own projects only).
    pub fn allowed_on_project(&mut self, action: Action, code: &str, manager: &str) -> bool {
        let actor = self.store.actor();
        let checked = rights::check_project(&actor.name, actor.role, action, code, manager);
        self.allowed_if(checked)
    }

    /// As [`Ctx::allowed_on_project`], for the project with this code (its manager looked up).
    pub fn allowed_on_project_code(&mut self, action: Action, code: &str) -> bool {
        match self.store.find_project(None, code) {
            Ok(Some(p)) => self.allowed_on_project(action, &p.code, &p.manager),
            Ok(None) => {
                self.error(format!("no project with code {code:?}"));
                false
            }
            Err(e) => {
                self.error(e.to_string());
                false
            }
        }
    }

    fn allowed_if(&mut self, checked: Result<(), DomainError>) -> bool {
        match checked {
            Ok(()) => true,
            Err(e) => {
                self.error(e.0);
                false
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

/// What sits on top of the screens; `Esc` pops the top one.
pub enum Overlay {
    View(Box<dyn View>),
    Form(Box<FormOverlay>),
    Dialog(Dialog),
    Help { context: Context, scroll: u16 },
}

/// A form and what saving it does.
pub struct FormOverlay {
    pub form: Form,
    pub action: Box<dyn FormAction>,
}

impl FormOverlay {
    /// The action, when it is a `T`.
    pub fn action<T: FormAction>(&self) -> Option<&T> {
        (self.action.as_ref() as &dyn Any).downcast_ref::<T>()
    }
}

/// A yes/no question before an action that changes or ends something.
pub struct Dialog {
    pub title: String,
    pub lines: Vec<String>,
    pub action: Box<dyn Confirm>,
}

impl Overlay {
    /// The view, when it is a `T`.
    pub fn view<T: View>(&self) -> Option<&T> {
        match self {
            Overlay::View(v) => (v.as_ref() as &dyn Any).downcast_ref::<T>(),
            _ => None,
        }
    }

    pub fn view_mut<T: View>(&mut self) -> Option<&mut T> {
        match self {
            Overlay::View(v) => (v.as_mut() as &mut dyn Any).downcast_mut::<T>(),
            _ => None,
        }
    }

    pub fn form(&self) -> Option<&FormOverlay> {
        match self {
            Overlay::Form(f) => Some(f),
            _ => None,
        }
    }

    pub fn dialog(&self) -> Option<&Dialog> {
        match self {
            Overlay::Dialog(d) => Some(d),
            _ => None,
        }
    }
}

/// What a command did to a view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewStep {
    /// Done (or said why not) and the view stays.
    Stay,
    /// The view closes.
    Close,
    /// The view has nothing for this command.
    NotHere,
}

pub trait View: Any {
    /// The keys that apply on the view.
    fn keys(&self) -> Context;

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> ViewStep;

    /// Reads again what it shows, after a change; `Ok(false)` when that is gone (the view
    /// closes).
    fn reload(&mut self, store: &Store) -> Result<bool, StoreError>;

    /// `X`: the rows it lists as an Excel file; `Err` says why there is nothing.
    fn excel(&self, _today: NaiveDate) -> Result<FileJob, String> {
        Err("nothing listed here to write to Excel".into())
    }

    /// Rows a screen's list has on the terminal (as [`Screen::set_height`](super::Screen)),
    /// told before each draw: a view that keeps a window of rows sizes it by this.
    fn set_height(&mut self, _rows: usize) {}

    /// `v`: a PDF of what it shows.
    fn pdf(&self, _today: NaiveDate) -> Result<FileJob, String> {
        Err("nothing here to write as PDF".into())
    }
}

/// What saving a form does.
pub trait FormAction: Any {
    /// Reads the form and saves: `Ok(Some(message))` when done, `Ok(None)` when a field is
    /// wrong (marked in the form, which stays open with what was typed), `Err` when the store
    /// refused (said in the form and the status line).
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        screens: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError>;

    /// After a stale refusal: take the versions the rows are at now, so that saving again
    /// overwrites the other change on purpose. `Ok(false)` when there is nothing to take (the
    /// form makes something new) or a row is gone.
    fn take_current_versions(&mut self, _store: &Store) -> Result<bool, StoreError> {
        Ok(false)
    }

    /// The user changed the value of the focused field (figures that follow it follow).
    fn typed(&mut self, _form: &mut Form) {}

    /// The rows the form edits, as the change history names them (`("revenue_item", 12)`): a
    /// change by someone else is said in the form as soon as the console sees it.
    fn watched(&self) -> Vec<(&'static str, i64)> {
        Vec::new()
    }

    /// Whether a save changes the database (then every screen and open view shows it); forms
    /// that only choose what a screen shows say no.
    fn changes_data(&self) -> bool {
        true
    }
}

/// What a dialog's yes does.
pub trait Confirm: Any {
    fn run(self: Box<Self>, cx: &mut Ctx, screens: &mut dyn ScreenAccess);
}

/// The screens, for a form or dialog that changes what its own screen shows (the horizon, the
/// report's range): it finds its screen by type.
pub trait ScreenAccess {
    fn screens_mut(&mut self) -> Vec<&mut dyn Any>;
}

impl dyn ScreenAccess + '_ {
    /// The screen of type `T`, when it is on the tab bar.
    pub fn get_mut<T: Any>(&mut self) -> Option<&mut T> {
        self.screens_mut()
            .into_iter()
            .find_map(|s| s.downcast_mut::<T>())
    }
}
