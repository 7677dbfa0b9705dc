//! Changing a draft before it is confirmed: its dates, a line's amount (with a reason kept in the
//! history) or text, or deleting it (its items become billable again).

use super::super::form::{Field, Form};
use super::super::work::ScreenAccess;
use super::super::work::{Confirm, FormAction};
use super::super::work::{Ctx, Event};
use crate::domain::input::parse_date;
use crate::domain::money::parse_amount;
use crate::store::documents::Invoice;
use crate::store::{Store, StoreError};

const INVOICE_DATE: &str = "Invoice date";
const DUE_DATE: &str = "Due date";
const LINE_AMOUNT: &str = "Amount";
const REASON: &str = "Reason";
const DESCRIPTION: &str = "Description";

/// The draft's invoice and due dates.
pub struct DraftDates {
    pub invoice_id: i64,
    pub version: i64,
}

/// A line's amount, with the reason the history keeps.
pub struct LineAmount {
    pub invoice_id: i64,
    pub version: i64,
    pub line_id: i64,
}

/// A line's description.
pub struct LineText {
    pub invoice_id: i64,
    pub version: i64,
    pub line_id: i64,
}

pub struct DeleteDraft {
    pub id: i64,
    pub version: i64,
}

pub fn open_dates_form(inv: &Invoice, cx: &mut Ctx) {
    let form = Form::new(
        format!("Dates of draft {}", inv.id),
        vec![
            Field::line(INVOICE_DATE, &inv.invoice_date.to_string()),
            Field::line(DUE_DATE, &inv.due_date.to_string()),
        ],
    );
    cx.open_form(
        form,
        DraftDates {
            invoice_id: inv.id,
            version: inv.version,
        },
    );
}

/// A form on line `index` of the draft: its amount (with a reason) or its text.
pub fn open_line_form(inv: &Invoice, index: usize, amount: bool, cx: &mut Ctx) {
    let Some(line) = inv.lines.get(index) else {
        return cx.error("the draft has no lines");
    };
    let (invoice_id, version, line_id) = (inv.id, inv.version, line.id);
    let title = format!(
        "Line {} of draft {}: {}",
        line.position, inv.id, line.description
    );
    if amount {
        let fields = vec![
            Field::line(LINE_AMOUNT, &cx.numbers().plain(line.net)),
            Field::line(REASON, ""),
        ];
        cx.open_form(
            Form::new(title, fields),
            LineAmount {
                invoice_id,
                version,
                line_id,
            },
        );
    } else {
        let fields = vec![Field::line(DESCRIPTION, &line.description)];
        cx.open_form(
            Form::new(title, fields),
            LineText {
                invoice_id,
                version,
                line_id,
            },
        );
    }
}

/// Asks before deleting a draft; `lines` say which and what happens.
pub fn ask_delete_draft(id: i64, version: i64, lines: Vec<String>, cx: &mut Ctx) {
    cx.ask("Delete draft", lines, DeleteDraft { id, version });
}

fn invoice_version(store: &Store, id: i64) -> Result<i64, StoreError> {
    Ok(store.invoice(id)?.version)
}

impl FormAction for DraftDates {
    fn watched(&self) -> Vec<(&'static str, i64)> {
        vec![(
            crate::domain::object_kind::ObjectKind::Invoice.as_str(),
            self.invoice_id,
        )]
    }

    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let date = parse_date(&form.value(INVOICE_DATE))
            .map_err(|e| form.set_error(INVOICE_DATE, e.0))
            .ok();
        let due = parse_date(&form.value(DUE_DATE))
            .map_err(|e| form.set_error(DUE_DATE, e.0))
            .ok();
        let (Some(date), Some(due)) = (date, due) else {
            return Ok(None);
        };
        if due < date {
            form.set_error(DUE_DATE, "the due date cannot be before the invoice date");
            return Ok(None);
        }
        let id = self.invoice_id;
        cx.store.set_draft_dates(id, self.version, date, due)?;
        Ok(Some(format!("draft {id}: invoice date {date}, due {due}")))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = invoice_version(store, self.invoice_id)?;
        Ok(true)
    }
}

impl FormAction for LineAmount {
    fn watched(&self) -> Vec<(&'static str, i64)> {
        vec![(
            crate::domain::object_kind::ObjectKind::Invoice.as_str(),
            self.invoice_id,
        )]
    }

    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let inv = cx.store.invoice(self.invoice_id)?;
        let amount = parse_amount(&form.value(LINE_AMOUNT), inv.currency, cx.numbers())
            .map_err(|e| form.set_error(LINE_AMOUNT, e.0))
            .ok();
        let reason = form.value(REASON);
        if reason.trim().is_empty() {
            form.set_error(REASON, "say why the amount changes (kept in the history)");
        }
        let Some(amount) = amount.filter(|_| !form.has_errors()) else {
            form.focus_first_error();
            return Ok(None);
        };
        let id = self.invoice_id;
        cx.store
            .set_draft_line_amount(id, self.version, self.line_id, amount, reason.trim())?;
        Ok(Some(format!(
            "draft {id}: line amount set to {}",
            cx.numbers().plain(amount)
        )))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = invoice_version(store, self.invoice_id)?;
        Ok(true)
    }
}

impl FormAction for LineText {
    fn watched(&self) -> Vec<(&'static str, i64)> {
        vec![(
            crate::domain::object_kind::ObjectKind::Invoice.as_str(),
            self.invoice_id,
        )]
    }

    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let text = form.value(DESCRIPTION);
        if text.trim().is_empty() {
            form.set_error(DESCRIPTION, "a line needs a description");
            return Ok(None);
        }
        let id = self.invoice_id;
        cx.store
            .set_draft_line_description(id, self.version, self.line_id, &text)?;
        Ok(Some(format!("draft {id}: line description changed")))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = invoice_version(store, self.invoice_id)?;
        Ok(true)
    }
}

impl Confirm for DeleteDraft {
    fn run(self: Box<Self>, cx: &mut Ctx, _: &mut dyn ScreenAccess) {
        let result = cx.store.delete_draft(self.id, self.version);
        if cx.report(result).is_some() {
            cx.emit(Event::InvoiceDeleted(self.id));
            // Its items changed version.
            cx.emit(Event::ItemSelectionsDone);
            cx.changed();
            cx.info(format!(
                "draft {} deleted: its items are billable again",
                self.id
            ));
        }
    }
}
