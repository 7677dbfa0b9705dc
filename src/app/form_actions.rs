//! Opening forms and saving them: items, a draft's dates, a line amount, a credit note.

use super::form::{Field, Form};
use super::item_form;
use super::state::{App, Overlay, Tab};
use super::views::{FormPurpose, InvoiceView};
use crate::domain::credit;
use crate::domain::input::parse_date;
use crate::domain::money::parse_amount;
use crate::domain::numbering::DocumentKind;
use crate::store::StoreError;
use crate::store::documents::InvoiceStatus;
use chrono::NaiveDate;

const INVOICE_DATE: &str = "Invoice date";
const DUE_DATE: &str = "Due date";
const LINE_AMOUNT: &str = "Amount";
const REASON: &str = "Reason";
const DESCRIPTION: &str = "Description";
const UP_TO: &str = "Planned up to";

/// "No limit" for the finance control horizon: a date every planned date sorts before (dates
/// are compared as text in SQL, so chrono's MAX, "+262142-12-31", would sort first).
pub fn no_horizon() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

impl App {
    /// New (`None`), edit, or copy (`copy`) of an item.
    pub(super) fn open_item_form(&mut self, id: Option<i64>, copy: bool) {
        let form = match id {
            None => (item_form::new_form(None, self.today), FormPurpose::NewItem),
            Some(id) => {
                let Some(item) = self.report(self.store.revenue_item(id)) else {
                    return;
                };
                let Some(ctx) = self.report(self.store.item_context(id)) else {
                    return;
                };
                if copy {
                    (
                        item_form::new_form(Some((&item, &ctx)), self.today),
                        FormPurpose::NewItem,
                    )
                } else {
                    (
                        item_form::edit_form(&item, &ctx),
                        FormPurpose::EditItem {
                            id,
                            version: item.version,
                        },
                    )
                }
            }
        };
        self.overlays.push(Overlay::Form(Box::new(form.0), form.1));
    }

    fn current_invoice(&self) -> Option<&InvoiceView> {
        match self.overlays.last() {
            Some(Overlay::Invoice(v)) => Some(v),
            _ => None,
        }
    }

    pub(super) fn open_dates_form(&mut self) {
        let Some(view) = self.current_invoice() else {
            return;
        };
        let inv = &view.invoice;
        let form = Form::new(
            format!("Dates of draft {}", inv.id),
            vec![
                Field::line(INVOICE_DATE, &inv.invoice_date.to_string()),
                Field::line(DUE_DATE, &inv.due_date.to_string()),
            ],
        );
        let purpose = FormPurpose::DraftDates {
            invoice_id: inv.id,
            version: inv.version,
        };
        self.overlays.push(Overlay::Form(Box::new(form), purpose));
    }

    /// A form on the draft line under the cursor: its amount (with a reason) or its text.
    pub(super) fn open_line_form(&mut self, amount: bool) {
        let Some(view) = self.current_invoice() else {
            return;
        };
        let inv = &view.invoice;
        let Some(line) = inv.lines.get(view.cursor) else {
            return self.error("the draft has no lines");
        };
        let (invoice_id, version, line_id) = (inv.id, inv.version, line.id);
        let title = format!(
            "Line {} of draft {}: {}",
            line.position, inv.id, line.description
        );
        let (fields, purpose) = if amount {
            (
                vec![
                    Field::line(LINE_AMOUNT, &line.net.to_string()),
                    Field::line(REASON, ""),
                ],
                FormPurpose::LineAmount {
                    invoice_id,
                    version,
                    line_id,
                },
            )
        } else {
            (
                vec![Field::line(DESCRIPTION, &line.description)],
                FormPurpose::LineText {
                    invoice_id,
                    version,
                    line_id,
                },
            )
        };
        self.overlays
            .push(Overlay::Form(Box::new(Form::new(title, fields)), purpose));
    }

    /// How far ahead the finance control list looks.
    pub(super) fn open_horizon_form(&mut self) {
        let until = self.finance.filter.due_until.filter(|d| *d < no_horizon());
        let form = Form::new(
            "Finance control: items planned up to (empty: no limit)",
            vec![Field::line(
                UP_TO,
                &until.map(|d| d.to_string()).unwrap_or_default(),
            )],
        );
        self.overlays
            .push(Overlay::Form(Box::new(form), FormPurpose::Horizon));
    }

    /// A credit note form for a confirmed invoice: every line in full by default.
    pub(super) fn open_credit_form(&mut self, invoice_id: i64) {
        let Some(view) = self.report(InvoiceView::load(&self.store, invoice_id)) else {
            return;
        };
        let inv = &view.invoice;
        if inv.kind != DocumentKind::Invoice || inv.status != InvoiceStatus::Confirmed {
            return self.error("only a confirmed invoice can be credited: confirm the draft first");
        }
        let mut fields = Vec::new();
        let mut line_ids = Vec::new();
        for (line, (_, left)) in inv.lines.iter().zip(&view.creditable) {
            // Short enough for the label column at 80 columns: position, description, limit.
            let label = format!(
                "{}. {} (max {})",
                line.position,
                line.description.chars().take(12).collect::<String>(),
                super::format::amount(*left)
            );
            fields.push(if left.is_zero() {
                Field::read_only(&label, "0", "credited in full already")
            } else {
                Field::line(&label, &left.to_string())
            });
            line_ids.push(line.id);
        }
        if line_ids.len() == view.creditable.iter().filter(|(_, l)| l.is_zero()).count() {
            return self.error(format!(
                "{} is credited in full already",
                inv.number.as_deref().unwrap_or("the invoice")
            ));
        }
        let form = Form::new(
            format!(
                "Credit note for {} (amounts to credit, net)",
                inv.number.as_deref().unwrap_or("?")
            ),
            fields,
        );
        self.overlays.push(Overlay::Form(
            Box::new(form),
            FormPurpose::CreditNote {
                invoice_id,
                line_ids,
            },
        ));
    }

    pub(super) fn save_form(&mut self) {
        let Some(Overlay::Form(mut form, purpose)) = self.overlays.pop() else {
            return;
        };
        let result = self.save(&mut form, &purpose);
        match result {
            Ok(Some(message)) => {
                self.refresh_all();
                self.reload_open_views();
                self.info(message);
            }
            Ok(None) => {
                self.error("check the fields marked in the form");
                self.overlays.push(Overlay::Form(form, purpose));
            }
            Err(e) => {
                // What was typed stays; the message says what refused it. After a stale edit
                // the form takes the current version, so a second Ctrl-S saves these values
                // over the other change on purpose, never by accident.
                let mut purpose = purpose;
                let mut message = e.to_string();
                if let (StoreError::Stale { .. }, FormPurpose::Schedule(sf)) = (&e, &purpose) {
                    if let Some(fresh) = self.fresh_schedule(sf) {
                        purpose = FormPurpose::Schedule(fresh);
                        message.push_str(
                            ". Ctrl-S again saves your values over that change; Esc discards them",
                        );
                    }
                } else if let StoreError::Stale { .. } = e
                    && let Some(current) = self.current_version(&purpose)
                {
                    purpose = purpose.with_version(current);
                    message.push_str(
                        ". Ctrl-S again saves your values over that change; Esc discards them",
                    );
                }
                form.error = Some(message.clone());
                self.error(message);
                self.overlays.push(Overlay::Form(form, purpose));
            }
        }
    }

    /// The version the row a form edits is at now.
    fn current_version(&self, purpose: &FormPurpose) -> Option<i64> {
        match purpose {
            FormPurpose::EditItem { id, .. } => {
                self.store.revenue_item(*id).ok().map(|i| i.version)
            }
            FormPurpose::DraftDates { invoice_id, .. }
            | FormPurpose::LineAmount { invoice_id, .. } => {
                self.store.invoice(*invoice_id).ok().map(|i| i.version)
            }
            FormPurpose::LineText { invoice_id, .. } => {
                self.store.invoice(*invoice_id).ok().map(|i| i.version)
            }
            FormPurpose::NewItem
            | FormPurpose::CreditNote { .. }
            | FormPurpose::Horizon
            | FormPurpose::Schedule(_)
            | FormPurpose::Report(_) => None,
        }
    }

    /// Saves; `Ok(None)` when a field is wrong (marked in the form).
    fn save(
        &mut self,
        form: &mut Form,
        purpose: &FormPurpose,
    ) -> Result<Option<String>, StoreError> {
        match purpose {
            FormPurpose::Schedule(s) => self.save_schedule(form, s),
            FormPurpose::Report(r) => self.save_report_form(form, r),
            FormPurpose::NewItem => {
                let Some(items) = item_form::read_new(form, &self.store) else {
                    return Ok(None);
                };
                let ids = self.store.create_revenue_items(&items)?;
                Ok(Some(match ids.as_slice() {
                    [one] => format!("item {one} created (open)"),
                    many => format!(
                        "{} items created (open), {} to {}",
                        many.len(),
                        many[0],
                        many[many.len() - 1]
                    ),
                }))
            }
            FormPurpose::EditItem { id, version } => {
                let item = self.store.revenue_item(*id)?;
                let Some(edit) = item_form::read_edit(form, &item) else {
                    return Ok(None);
                };
                self.store.update_revenue_item(*id, *version, &edit)?;
                self.repick(*id);
                Ok(Some(format!("item {id} saved")))
            }
            FormPurpose::DraftDates {
                invoice_id,
                version,
            } => {
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
                self.store
                    .set_draft_dates(*invoice_id, *version, date, due)?;
                Ok(Some(format!(
                    "draft {invoice_id}: invoice date {date}, due {due}"
                )))
            }
            FormPurpose::LineAmount {
                invoice_id,
                version,
                line_id,
            } => {
                form.clear_errors();
                let inv = self.store.invoice(*invoice_id)?;
                let amount = parse_amount(&form.value(LINE_AMOUNT), inv.currency)
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
                self.store.set_draft_line_amount(
                    *invoice_id,
                    *version,
                    *line_id,
                    amount,
                    reason.trim(),
                )?;
                Ok(Some(format!(
                    "draft {invoice_id}: line amount set to {amount}"
                )))
            }
            FormPurpose::LineText {
                invoice_id,
                version,
                line_id,
            } => {
                form.clear_errors();
                let text = form.value(DESCRIPTION);
                if text.trim().is_empty() {
                    form.set_error(DESCRIPTION, "a line needs a description");
                    return Ok(None);
                }
                self.store
                    .set_draft_line_description(*invoice_id, *version, *line_id, &text)?;
                Ok(Some(format!(
                    "draft {invoice_id}: line description changed"
                )))
            }
            FormPurpose::Horizon => {
                form.clear_errors();
                let text = form.value(UP_TO);
                let until = if text.trim().is_empty() {
                    no_horizon()
                } else {
                    match parse_date(&text) {
                        Ok(d) => d,
                        Err(e) => {
                            form.set_error(UP_TO, e.0);
                            return Ok(None);
                        }
                    }
                };
                self.finance.filter.due_until = Some(until);
                self.load_list(Tab::FinanceControl)?;
                Ok(Some(if until == no_horizon() {
                    "finance control: every billable and draft-invoice item, whatever its date"
                        .into()
                } else {
                    format!("finance control: items planned up to {until}")
                }))
            }
            FormPurpose::CreditNote {
                invoice_id,
                line_ids,
            } => {
                form.clear_errors();
                let creditable = self.store.creditable(*invoice_id)?;
                let inv = self.store.invoice(*invoice_id)?;
                let mut credits = Vec::new();
                let labels: Vec<String> = form.fields.iter().map(|f| f.label.clone()).collect();
                for ((label, line_id), (_, left)) in labels.iter().zip(line_ids).zip(&creditable) {
                    let text = form.value(label);
                    match parse_amount(&text, inv.currency) {
                        Ok(a) => {
                            match credit::check_credit(*left, rust_decimal::Decimal::ZERO, a) {
                                Ok(()) => credits.push((*line_id, a)),
                                Err(e) => form.set_error(label, e.0),
                            }
                        }
                        Err(e) => form.set_error(label, e.0),
                    }
                }
                if form.has_errors() {
                    form.focus_first_error();
                    return Ok(None);
                }
                if credits.iter().all(|(_, a)| a.is_zero()) {
                    form.error = Some("every amount is 0: nothing to credit".into());
                    return Ok(None);
                }
                let id = self
                    .store
                    .create_credit_note(*invoice_id, Some(&credits), self.today)?;
                let note = self.store.invoice(id)?;
                Ok(Some(format!(
                    "credit note draft {id} for {}: {} {} gross; confirm it with c in invoices",
                    inv.number.as_deref().unwrap_or("?"),
                    note.currency,
                    super::format::amount(note.gross)
                )))
            }
        }
    }

    /// The invoice or summary under a saved form shows the new state.
    fn reload_open_views(&mut self) {
        let store = &self.store;
        for overlay in &mut self.overlays {
            match overlay {
                Overlay::Invoice(view) => {
                    if let Ok(mut fresh) = InvoiceView::load(store, view.invoice.id) {
                        fresh.cursor = view.cursor.min(fresh.invoice.lines.len().saturating_sub(1));
                        **view = fresh;
                    }
                }
                Overlay::Summary(summary) => {
                    if let Ok(mut fresh) = super::views::ItemSummary::load(store, summary.item.id) {
                        fresh.scroll = summary.scroll;
                        **summary = fresh;
                    }
                }
                _ => {}
            }
        }
    }
}
