//! `/` on the report: the projects, accounts or business units it sums, typed as on the lists
//! (`domain::filter_query`, `ListKind::Report`). Each text that reads sums the report again off
//! the input path; one that does not is said as it is typed while the report keeps the last
//! filter that read. Enter keeps it, Esc clears it.

use super::super::background::{Answer, Query};
use super::super::filter_input::edit_line;
use super::super::filtered_list::MAX_FILTER_CHARS;
use super::super::keymap::{self, Cmd, shared};
use super::super::work::{Ctx, Event};
use super::report::{Reports, TITLE};
use crate::domain::filter_query::{self, ListKind};
use crossterm::event::KeyEvent;

impl Reports {
    /// `/`: the input opens with the filter kept.
    pub(super) fn open_filter(&mut self) {
        self.filter_input = Some(self.filter.text.clone());
    }

    /// A key while the filter is typed: Enter keeps it, Esc clears it, the rest types.
    pub(super) fn type_filter_key(&mut self, ev: &KeyEvent, cx: &mut Ctx) {
        match keymap::lookup(shared::FILTER_INPUT, ev) {
            Some(Cmd::Quit) => return cx.emit(Event::Quit),
            Some(Cmd::Save) => {
                if let Some(e) = &self.filter_error {
                    return cx.error(format!("the filter does not read: {e}"));
                }
                self.filter_input = None;
                return;
            }
            Some(Cmd::Back) => {
                self.filter_input = None;
                return self.clear_filter(cx);
            }
            _ => {}
        }
        let Some(input) = self.filter_input.as_mut() else {
            return;
        };
        let before = input.clone();
        if !edit_line(input, ev) {
            return;
        }
        if input.chars().count() > MAX_FILTER_CHARS {
            *input = before;
            return cx.error(too_long());
        }
        let typed = input.clone();
        self.typed(typed, cx);
    }

    /// A pasted line at the end of the filter being typed.
    pub(super) fn paste_filter(&mut self, line: &str, cx: &mut Ctx) {
        let Some(input) = self.filter_input.as_mut() else {
            return;
        };
        if line.is_empty() {
            return;
        }
        if input.chars().count() + line.chars().count() > MAX_FILTER_CHARS {
            return cx.error(format!("{}: nothing pasted", too_long()));
        }
        input.push_str(line);
        let typed = input.clone();
        self.typed(typed, cx);
    }

    /// Esc: the whole report again.
    pub(super) fn clear_filter(&mut self, cx: &mut Ctx) {
        if self.filter_error.take().is_some() {
            cx.status.clear();
        }
        self.filter.text.clear();
        let r = self.sum(cx);
        if cx.report(r).is_some() {
            cx.info("filter cleared");
        }
    }

    /// A newly typed filter's report (off the input path).
    pub(super) fn take_answer(&mut self, answer: Answer) {
        if let Answer::ReportRows(rows) = answer {
            self.filtering = false;
            self.take_rows(rows);
        }
    }

    /// The filter text is now `typed`: the report follows it when it reads, else the filter
    /// line says why.
    fn typed(&mut self, typed: String, cx: &mut Ctx) {
        if let Err(e) = filter_query::parse(&typed, ListKind::Report) {
            // In full on the status line (which wraps); the filter line says it if it fits.
            cx.error(e.to_string());
            self.filter_error = Some(e.to_string());
            return;
        }
        if self.filter_error.take().is_some() {
            cx.status.clear();
        }
        self.filter.text = typed;
        let query = Query::Report(self.query, self.filter.clone());
        match cx.query(TITLE, query) {
            Ok(Some(a)) => self.take_answer(a),
            Ok(None) => self.filtering = true,
            Err(e) => cx.error(e.to_string()),
        }
    }
}

fn too_long() -> String {
    format!("a filter holds at most {MAX_FILTER_CHARS} characters")
}
