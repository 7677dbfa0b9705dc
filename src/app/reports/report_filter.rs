//! `/` on the report: the projects, accounts or business units it sums, typed as on the lists
//! (`domain::filter_query`, `ListKind::Report`; the typing itself is `filter_typing`, as every
//! list's). Each text that reads sums the report again off the input path; one that does not is
//! said as it is typed while the report keeps the last filter that read. Enter keeps it, Esc
//! clears it.

use super::super::background::Answer;
use super::super::filter_typing::{FilterLine, Typed, forget_error};
use super::super::work::Ctx;
use super::report::Reports;
use crate::domain::filter_query::{self, ListKind};
use crossterm::event::KeyEvent;

/// Why a text does not read as the report's filter.
fn check(text: &str) -> Result<(), String> {
    filter_query::parse(text, ListKind::Report)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

impl Reports {
    /// `/`: the input opens with the filter kept.
    pub(super) fn open_filter(&mut self) {
        self.filter_input = Some(self.filter.text.clone());
    }

    fn filter_line(&mut self) -> FilterLine<'_> {
        FilterLine {
            input: &mut self.filter_input,
            error: &mut self.filter_error,
        }
    }

    /// A key while the filter is typed: Enter keeps it, Esc clears it, the rest types.
    pub(super) fn type_filter_key(&mut self, ev: &KeyEvent, cx: &mut Ctx) {
        let typed = self.filter_line().key(ev, check, cx);
        self.follow(typed, cx);
    }

    /// A pasted line at the end of the filter being typed.
    pub(super) fn paste_filter(&mut self, line: &str, cx: &mut Ctx) {
        let typed = self.filter_line().paste(line, check, cx);
        self.follow(typed, cx);
    }

    fn follow(&mut self, typed: Typed, cx: &mut Ctx) {
        match typed {
            Typed::Done => {}
            Typed::Cleared => self.clear_filter(cx),
            Typed::Text(text) => self.typed(text, cx),
        }
    }

    /// Esc: the whole report again.
    pub(super) fn clear_filter(&mut self, cx: &mut Ctx) {
        forget_error(&mut self.filter_error, cx);
        self.filter.text.clear();
        let r = self.sum(cx);
        if cx.report(r).is_some() {
            cx.info("filter cleared");
        }
    }

    /// The report summed off the input path.
    pub(super) fn take_answer(&mut self, answer: Answer) {
        if let Answer::ReportRows(rows) = answer {
            self.summing = false;
            self.take_rows(rows);
        }
    }

    /// The filter text is now `typed` (it reads): the report follows it.
    fn typed(&mut self, typed: String, cx: &mut Ctx) {
        self.filter.text = typed;
        let r = self.sum(cx);
        cx.report(r);
    }
}
