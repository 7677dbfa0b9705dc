//! Screen 3, invoices: drafts, confirmed invoices and credit notes, newest first, filtered as you
//! type, selected for confirmation; an invoice opens over the list with its lines.

mod confirm;
mod credit_note;
mod draft_edits;
mod invoice_view;
pub mod keys;

pub use confirm::{ConfirmDrafts, ask_confirm};
pub use credit_note::CreditNote;
pub use draft_edits::{DeleteDraft, DraftDates, LineAmount, LineText};
pub use invoice_view::InvoiceView;

use super::background::{Answer, FileJob, Query};
use super::ctx::{Ctx, Event};
use super::filter_input::edit_line;
use super::keymap::{self, Cmd, Context, shared};
use super::list_view::{Keyed, ListView, move_view};
use super::screen::{Handled, Screen, ScreenEntry};
use super::selection::{Picked, Selection};
use crate::domain::numbering::DocumentKind;
use crate::presentation::amount;
use crate::store::StoreError;
use crate::store::documents::InvoiceStatus;
use crate::store::invoice_list::{InvoiceFilter, InvoiceKey, InvoiceListRow};
use crate::store::list_query::CurrencyTotal;
use crossterm::event::KeyEvent;

pub const SCREEN: ScreenEntry = ScreenEntry {
    title: "Invoices",
    short_title: "Invoices",
    name: "invoices",
    contexts: &[keys::INVOICES, keys::DRAFT_VIEW, keys::CONFIRMED_VIEW],
    make: |_| Box::new(Invoices::default()),
};

impl Keyed for InvoiceListRow {
    type Key = InvoiceKey;
    fn key(&self) -> InvoiceKey {
        InvoiceListRow::key(self)
    }
}

#[derive(Default)]
pub struct Invoices {
    pub filter: InvoiceFilter,
    pub view: ListView<InvoiceListRow>,
    pub selection: Selection,
    pub filter_input: Option<String>,
    /// Footer totals of what the filter shows; `None` while they are computed.
    pub totals: Option<Vec<CurrencyTotal>>,
    /// A newly typed filter's first rows are on their way.
    pub filtering: bool,
}

/// An invoice PDF (`v`), named after its number (or `draft-ID`).
pub fn invoice_pdf(id: i64, number: Option<&str>) -> FileJob {
    let stem = match number {
        Some(n) => n.to_string(),
        None => format!("draft-{id}"),
    };
    FileJob::new(stem, "pdf", "page(s)", move |store, path, _| {
        crate::files::invoice_pdf(store, id, path)
    })
}

impl Invoices {
    pub fn picked(row: &InvoiceListRow) -> Picked {
        Picked {
            version: row.version,
            currency: row.currency,
            // As in the list's footer: credit notes take away.
            amount: match row.kind {
                DocumentKind::CreditNote => -row.gross,
                DocumentKind::Invoice => row.gross,
            },
        }
    }

    /// Ids of the selected invoices (or the cursor's) with the version the user saw.
    pub fn targets_seen(&self) -> Vec<(i64, Option<i64>)> {
        if self.selection.is_empty() {
            self.view
                .current()
                .map(|r| vec![(r.id, Some(r.version))])
                .unwrap_or_default()
        } else {
            self.selection
                .ids_with_versions()
                .into_iter()
                .map(|(id, v)| (id, Some(v)))
                .collect()
        }
    }

    fn move_cursor(&mut self, cmd: Cmd, cx: &mut Ctx) {
        let (store, filter) = (&*cx.store, &self.filter);
        let result = move_view(&mut self.view, cmd, &mut |b, n| {
            store.invoice_rows(filter, b, n)
        });
        cx.report(result);
    }

    fn request_totals(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        self.totals = None;
        if let Some(a) = cx.query(SCREEN.title, Query::InvoiceTotals(self.filter.clone()))? {
            self.answer(a);
        }
        Ok(())
    }

    fn filter_changed(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        self.view.clear_total();
        self.totals = None;
        let window = Query::InvoiceWindow(self.filter.clone(), self.view.first_chunk());
        match cx.query(SCREEN.title, window)? {
            Some(a) => self.answer(a),
            None => self.filtering = true,
        }
        if let Some(a) = cx.query(SCREEN.title, Query::InvoiceTotals(self.filter.clone()))? {
            self.answer(a);
        }
        Ok(())
    }

    fn ask_delete(&mut self, cx: &mut Ctx) {
        let Some(row) = self.view.current().cloned() else {
            return cx.error("nothing to delete: the list is empty");
        };
        if row.status == InvoiceStatus::Confirmed {
            return cx.error(format!(
                "{} is confirmed: nothing confirmed is deleted (raise a credit note with r)",
                row.number.as_deref().unwrap_or("the invoice")
            ));
        }
        draft_edits::ask_delete_draft(
            row.id,
            row.version,
            vec![
                format!(
                    "Draft {} for {}, {} {}",
                    row.id,
                    row.account,
                    row.currency,
                    amount(row.gross)
                ),
                "Delete it? Its items return to billable.".into(),
            ],
            cx,
        );
    }
}

impl Screen for Invoices {
    fn keys(&self) -> Context {
        if self.filter_input.is_some() {
            shared::FILTER_INPUT
        } else {
            keys::INVOICES
        }
    }

    fn load(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        cx.background.cancel_window(SCREEN.title);
        self.filtering = false;
        self.view.clear_total();
        let (store, filter) = (&*cx.store, &self.filter);
        self.view
            .top(&mut |b, n| store.invoice_rows(filter, b, n))?;
        self.request_totals(cx)
    }

    fn refresh(&mut self, cx: &mut Ctx, _shown: bool) -> Result<(), StoreError> {
        cx.background.cancel_window(SCREEN.title);
        self.filtering = false;
        let (store, filter) = (&*cx.store, &self.filter);
        self.view
            .reload(&mut |b, n| store.invoice_rows(filter, b, n))?;
        self.request_totals(cx)
    }

    fn set_height(&mut self, rows: usize) {
        self.view.set_height(rows);
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
        match cmd {
            _ if cmd.is_motion() => self.move_cursor(cmd, cx),
            Cmd::Filter => self.filter_input = Some(self.filter.text.clone()),
            Cmd::ToggleSelect => {
                let Some(row) = self.view.current().cloned() else {
                    cx.error("nothing to select: the list is empty");
                    return Handled::Yes;
                };
                self.selection.toggle(row.id, Invoices::picked(&row));
                let n = self.selection.len();
                self.move_cursor(Cmd::Down, cx);
                cx.info(format!("{n} selected"));
            }
            Cmd::SelectAll if !self.selection.is_empty() => {
                self.selection.clear();
                cx.info("selection cleared");
            }
            Cmd::SelectAll => cx.error(
                "select invoices one by one with Space (a selects every item in the revenue lists)",
            ),
            Cmd::Back => {
                if !self.selection.is_empty() {
                    self.selection.clear();
                    cx.info("selection cleared");
                } else if !self.filter.text.is_empty() {
                    self.filter.text.clear();
                    let r = self.load(cx);
                    if cx.report(r).is_some() {
                        cx.info("filter cleared");
                    }
                } else {
                    cx.info("nothing to go back from: no selection, no filter");
                }
            }
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
        match keymap::lookup(shared::FILTER_INPUT, ev) {
            Some(Cmd::Quit) => return cx.emit(Event::Quit),
            Some(Cmd::Save) => {
                self.filter_input = None;
                return;
            }
            Some(Cmd::Back) => {
                self.filter_input = None;
                self.filter.text.clear();
                let r = self.load(cx);
                if cx.report(r).is_some() {
                    cx.info("filter cleared");
                }
                return;
            }
            _ => {}
        }
        if let Some(input) = self.filter_input.as_mut()
            && edit_line(input, ev)
        {
            self.filter.text = input.clone();
            let r = self.filter_changed(cx);
            cx.report(r);
        }
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

    fn answer(&mut self, answer: Answer) {
        match answer {
            Answer::Totals(totals) => {
                let count = totals.iter().map(|t| t.count).sum::<i64>();
                self.view.set_total(usize::try_from(count).unwrap_or(0));
                self.totals = Some(totals);
            }
            Answer::InvoiceRows(rows, limit) => {
                self.filtering = false;
                self.view.show_top(rows, limit);
            }
            Answer::ItemRows(..) => {}
        }
    }

    fn excel(&self, _today: chrono::NaiveDate) -> Result<FileJob, String> {
        let filter = self.filter.clone();
        Ok(FileJob::new(
            "invoices",
            "xlsx",
            "row(s)",
            move |store, path, progress| {
                crate::files::write_invoices(store, &filter, path, progress)
            },
        ))
    }

    fn pdf(&self, _today: chrono::NaiveDate) -> Result<FileJob, String> {
        let row = self
            .view
            .current()
            .ok_or("nothing here to write as PDF: the list is empty")?;
        Ok(invoice_pdf(row.id, row.number.as_deref()))
    }
}
