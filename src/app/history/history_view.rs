//! The change history view: the rows of an object and of its parts, newest first, a window at a
//! time (`ListView` over the store's `history_window`), each labelled with what it is of when
//! there are several (an invoice's lines, a contract line's periods, a plan's parts, a project's
//! account). The row under the cursor is written out in full under the table.

use super::super::keymap::{Cmd, Context};
use super::super::list_view::{Keyed, ListView, move_view};
use super::super::work::{Ctx, View, ViewStep};
use super::keys::HISTORY;
use crate::domain::object_kind::ObjectKind;
use crate::store::history_window::{HistoryRow, Subject};
use crate::store::list_query::Bound;
use crate::store::{Result, Store};

/// Lines under the table that write out the row under the cursor (a rule above them).
pub const DETAIL_LINES: u16 = 3;

/// Lines of the view that are not list rows: its frame, the table's header, the rule and the
/// detail lines.
const CHROME: usize = 2 + 1 + 1 + DETAIL_LINES as usize;

impl Keyed for HistoryRow {
    type Key = i64;
    fn key(&self) -> i64 {
        self.id
    }
}

/// What a history is of: an object (with its parts, as `Store::history_subjects` names them),
/// or the billing plan of a project with its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    Object(ObjectKind, i64),
    PlanOfProject(i64),
}

pub struct HistoryView {
    /// What it is the history of, as the frame says: `invoice 2026-000123`.
    pub title: String,
    pub roots: Vec<Root>,
    /// The objects whose rows are listed, with their labels (read again after each change: a
    /// new period joins its line's history).
    pub subjects: Vec<Subject>,
    pub rows: ListView<HistoryRow>,
}

impl HistoryView {
    pub fn load(store: &Store, title: String, roots: Vec<Root>) -> Result<HistoryView> {
        let mut view = HistoryView {
            title,
            roots,
            subjects: Vec::new(),
            rows: ListView::default(),
        };
        view.read(store, false)?;
        Ok(view)
    }

    /// Reads the subjects, the count and the window: from the newest row, or (`keep`) where
    /// the window was.
    fn read(&mut self, store: &Store, keep: bool) -> Result<()> {
        let _snapshot = store.read_snapshot()?;
        let mut subjects = Vec::new();
        for root in &self.roots {
            subjects.extend(match *root {
                Root::Object(kind, id) => store.history_subjects(kind, id)?,
                Root::PlanOfProject(project) => store.plan_history_subjects(project)?,
            });
        }
        self.subjects = subjects;
        let subjects = &self.subjects;
        self.rows.set_total(store.history_count(subjects)?);
        let mut load = |b: &Bound<i64>, n| store.history_window(subjects, b, n);
        if keep {
            self.rows.reload(&mut load)
        } else {
            self.rows.top(&mut load)
        }
    }

    /// Whether the rows are of several objects, or of an invoice whose lines' changes are its
    /// own: then each row says what it is of.
    pub fn labelled(&self) -> bool {
        self.subjects.len() > 1
            || (self.subjects.first()).is_some_and(|s| s.kind == ObjectKind::Invoice)
    }

    /// What a row is of: its object's label (`period 3`, `account Acme`).
    pub fn label_of<'a>(&'a self, row: &'a HistoryRow) -> &'a str {
        (self.subjects.iter())
            .find(|s| row.is_of(s))
            .map_or(row.object.as_str(), |s| s.label.as_str())
    }
}

/// Opens the history of `roots` over what is shown; `title` names what it is of.
pub fn open_history(title: impl Into<String>, roots: Vec<Root>, cx: &mut Ctx) {
    let Some(view) = cx.report(HistoryView::load(cx.store, title.into(), roots)) else {
        return;
    };
    let said = match view.rows.total().unwrap_or(0) {
        0 => "no change recorded".to_string(),
        n => format!("{n} change(s), newest first"),
    };
    cx.info(format!("change history: {said}"));
    cx.open_view(view);
}

impl View for HistoryView {
    fn keys(&self) -> Context {
        HISTORY
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> ViewStep {
        match cmd {
            Cmd::Back => ViewStep::Close,
            _ if cmd.is_motion() => {
                let store = &*cx.store;
                let subjects = &self.subjects;
                let moved = move_view(&mut self.rows, cmd, &mut |b, n| {
                    store.history_window(subjects, b, n)
                });
                cx.report(moved);
                ViewStep::Stay
            }
            _ => ViewStep::NotHere,
        }
    }

    fn reload(&mut self, store: &Store) -> Result<bool> {
        self.read(store, true)?;
        Ok(true)
    }

    fn set_height(&mut self, rows: usize) {
        // The view fills the body: a list's rows and its header.
        self.rows
            .set_height((rows + 1).saturating_sub(CHROME).max(1));
    }
}
