//! Screen 3, invoices: drafts, confirmed invoices and credit notes, newest first, filtered as you
//! type, selected for confirmation; an invoice opens over the list with its lines.

mod confirm;
mod credit_note;
mod document_list;
mod draft_edits;
mod excel;
mod invoice_view;
pub mod keys;
mod pdf;

pub use confirm::{ConfirmDrafts, ask_confirm};
pub use credit_note::CreditNote;
pub use document_list::{Documents, Invoices, TITLE};
pub use draft_edits::{DeleteDraft, DraftDates, LineAmount, LineText};
pub use excel::excel_job;
pub use invoice_view::{InvoiceView, open_document_history};
pub use pdf::invoice_pdf;

use super::background::{Answer, FileJob};
use super::keymap::{Cmd, Context};
use super::screen::{Handled, Screen, ScreenEntry};
use super::work::{Ctx, Event};
use crate::domain::invoice_status::InvoiceStatus;
use crate::store::StoreError;
use crossterm::event::KeyEvent;

pub const SCREEN: ScreenEntry = ScreenEntry {
    title: TITLE,
    short_title: "Invoices",
    name: "invoices",
    contexts: &[keys::INVOICES, keys::DRAFT_VIEW, keys::CONFIRMED_VIEW],
    make: |_| Box::new(Invoices::default()),
};

impl Screen for Invoices {
    fn keys(&self) -> Context {
        self.list.keys(keys::INVOICES)
    }

    fn load(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        self.list.load(cx)
    }

    fn refresh(&mut self, cx: &mut Ctx, shown: bool) -> Result<(), StoreError> {
        self.list.refresh(cx, shown)
    }

    fn set_height(&mut self, rows: usize) {
        self.view.set_height(rows);
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
        if self.list.run(cmd, cx) == Handled::Yes {
            return Handled::Yes;
        }
        match cmd {
            Cmd::SelectAll => self.select_all(cx),
            Cmd::Open | Cmd::Edit => {
                let Some(row) = self.view.current().cloned() else {
                    cx.error("nothing to open: the list is empty");
                    return Handled::Yes;
                };
                if cmd == Cmd::Edit && row.status == InvoiceStatus::Confirmed {
                    cx.error(format!(
                        "{} is confirmed and never changes: raise a credit note with r",
                        row.number.as_deref().unwrap_or("the invoice")
                    ));
                    return Handled::Yes;
                }
                if let Some(view) = cx.report(InvoiceView::load(cx.store, row.id)) {
                    cx.open_view(view);
                }
            }
            Cmd::Confirm => ask_confirm(self.targets_seen(), cx),
            Cmd::History => match self.view.current() {
                Some(row) => open_document_history(row.id, row.kind, row.number.as_deref(), cx),
                None => cx.error("nothing here: the list is empty"),
            },
            Cmd::Credit => match self.view.current() {
                Some(row) => credit_note::open_credit_form(row.id, cx),
                None => cx.error("nothing to credit: the list is empty"),
            },
            Cmd::Delete => self.ask_delete(cx),
            Cmd::New | Cmd::Copy => cx.error(
                "invoices are made from billable items: select them in finance control (1) and press i",
            ),
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn type_key(&mut self, ev: &KeyEvent, cx: &mut Ctx) {
        self.list.type_filter_key(ev, cx);
    }

    fn paste(&mut self, line: &str, cx: &mut Ctx) {
        self.list.paste_filter(line, cx);
    }

    fn notify(&mut self, event: &Event, _cx: &mut Ctx) {
        match event {
            Event::InvoiceSelectionsDone => self.selection.clear(),
            Event::InvoiceDeleted(id) => self.selection.remove(*id),
            _ => {}
        }
    }

    fn is_filtering(&self) -> bool {
        self.filtering
    }

    fn query_failed(&mut self) {
        self.filtering = false;
    }

    fn answer(&mut self, answer: Answer) {
        self.list.answer(answer);
    }

    fn excel(&self, _today: chrono::NaiveDate) -> Result<FileJob, String> {
        Ok(excel_job(self.filter.clone()))
    }

    fn pdf(&self, _today: chrono::NaiveDate) -> Result<FileJob, String> {
        let row = self
            .view
            .current()
            .ok_or("nothing here to write as PDF: the list is empty")?;
        Ok(invoice_pdf(row.id, row.number.as_deref()))
    }
}
