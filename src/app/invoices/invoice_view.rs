//! An invoice or credit note opened over a list: its lines (a cursor on one) and totals. A draft
//! is changed here (dates, a line's amount or text), confirmed or deleted; a confirmed invoice
//! is credited. `Enter` opens the item of the line under the cursor, `H` the history.

use super::super::background::FileJob;
use super::super::history::{Root, open_history};
use super::super::keymap::{Cmd, Context};
use super::super::list_view::move_index;
use super::super::work::{Ctx, Event};
use super::super::work::{View, ViewStep};
use super::confirm::ask_confirm;
use super::credit_note::open_credit_form;
use super::draft_edits::{ask_delete_draft, open_dates_form, open_line_form};
use super::keys::{CONFIRMED_VIEW, DRAFT_VIEW};
use super::pdf::invoice_pdf;
use crate::domain::invoice_status::InvoiceStatus;
use crate::domain::invoice_totals::Totals;
use crate::domain::numbering::DocumentKind;
use crate::domain::object_kind::ObjectKind;
use crate::store::documents::Invoice;
use crate::store::{Result, Store, StoreError};
use rust_decimal::Decimal;

/// An invoice or credit note with its lines and totals; a cursor on the lines.
pub struct InvoiceView {
    pub invoice: Invoice,
    pub totals: Totals,
    pub cursor: usize,
    /// What is left to credit per line (confirmed invoices only).
    pub creditable: Vec<(i64, Decimal)>,
}

impl InvoiceView {
    pub fn load(store: &Store, id: i64) -> Result<InvoiceView> {
        let invoice = store.invoice(id)?;
        let totals = invoice.computed_totals();
        let creditable = if invoice.status == InvoiceStatus::Confirmed
            && invoice.kind == DocumentKind::Invoice
        {
            store.creditable(id)?
        } else {
            Vec::new()
        };
        Ok(InvoiceView {
            invoice,
            totals,
            cursor: 0,
            creditable,
        })
    }

    fn is_draft(&self) -> bool {
        self.invoice.status == InvoiceStatus::Draft
    }

    fn name(&self) -> String {
        self.invoice
            .number
            .clone()
            .unwrap_or_else(|| format!("draft {}", self.invoice.id))
    }

    /// `Enter`: the summary of the item of the line under the cursor.
    fn open_line_item(&self, cx: &mut Ctx) {
        match self.invoice.lines.get(self.cursor) {
            Some(line) => match line.revenue_item_id {
                Some(item) => cx.emit(Event::OpenItem(item)),
                None => cx.error(format!(
                    "line {} of {} has no revenue item",
                    line.position,
                    self.name()
                )),
            },
            None => cx.error(format!("{} has no line", self.name())),
        }
    }
}

/// `H`: the history of the invoice or credit note `id`, named as its view names it.
pub fn open_document_history(id: i64, kind: DocumentKind, number: Option<&str>, cx: &mut Ctx) {
    let kind = match kind {
        DocumentKind::Invoice => "invoice",
        DocumentKind::CreditNote => "credit note",
    };
    let title = match number {
        Some(n) => format!("{kind} {n}"),
        None => format!("draft {kind} {id}"),
    };
    open_history(title, vec![Root::Object(ObjectKind::Invoice, id)], cx);
}

impl View for InvoiceView {
    fn keys(&self) -> Context {
        if self.is_draft() {
            DRAFT_VIEW
        } else {
            CONFIRMED_VIEW
        }
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> ViewStep {
        let (id, version) = (self.invoice.id, self.invoice.version);
        let draft = self.is_draft();
        match cmd {
            Cmd::Back => return ViewStep::Close,
            _ if cmd.is_motion() => {
                self.cursor = move_index(self.cursor, self.invoice.lines.len(), 10, cmd);
            }
            Cmd::Edit if draft => open_dates_form(&self.invoice, cx),
            Cmd::EditAmount if draft => open_line_form(&self.invoice, self.cursor, true, cx),
            Cmd::EditText if draft => open_line_form(&self.invoice, self.cursor, false, cx),
            Cmd::Confirm if draft => ask_confirm(vec![(id, Some(version))], cx),
            Cmd::Delete if draft => ask_delete_draft(
                id,
                version,
                vec![format!(
                    "Delete {}? Its items return to billable.",
                    self.name()
                )],
                cx,
            ),
            Cmd::Credit => open_credit_form(id, cx),
            Cmd::Open => self.open_line_item(cx),
            Cmd::History => {
                open_document_history(id, self.invoice.kind, self.invoice.number.as_deref(), cx)
            }
            Cmd::Edit | Cmd::EditAmount | Cmd::EditText | Cmd::Delete | Cmd::Confirm => {
                cx.error(format!(
                    "{} is confirmed and never changes: raise a credit note with r",
                    self.name()
                ))
            }
            _ => return ViewStep::NotHere,
        }
        ViewStep::Stay
    }

    fn reload(&mut self, store: &Store) -> Result<bool> {
        match InvoiceView::load(store, self.invoice.id) {
            Ok(mut fresh) => {
                fresh.cursor = self.cursor.min(fresh.invoice.lines.len().saturating_sub(1));
                *self = fresh;
                Ok(true)
            }
            Err(StoreError::NotFound { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn pdf(&self, _today: chrono::NaiveDate) -> std::result::Result<FileJob, String> {
        Ok(invoice_pdf(self.invoice.id, self.invoice.number.as_deref()))
    }
}
