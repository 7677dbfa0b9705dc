//! The pending period's form: its dates and one billed figure; the other two follow as you type,
//! from the same domain functions the store uses. Only typing drives them: moving through a
//! derived figure does not recompute from it.

use super::super::form::{Field, Form};
use super::super::work::Ctx;
use super::super::work::FormAction;
use super::super::work::ScreenAccess;
use super::lines_and_periods::period_name;
use crate::domain::NumberFormat;
use crate::domain::input::{parse_date, parse_decimal, parse_percent};
use crate::domain::progress::{self, BilledField, Cumulative, Line};
use crate::presentation::{amount, figure};
use crate::store::progress::{ContractLine, ProgressEdit, ProgressStatus, billed_before};
use crate::store::{Store, StoreError};

pub const PERIOD_START: &str = "Period start";
pub const PERIOD_END: &str = "Period end";
pub const INVOICE_DATE: &str = "Invoice date";
pub const BILLED_PERCENT: &str = "Billed %";
pub const BILLED_QUANTITY: &str = "Billed quantity";
pub const BILLED_AMOUNT: &str = "Billed amount";

/// Which billed figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Billed {
    Percent,
    Quantity,
    Amount,
}

impl Billed {
    pub fn label(self) -> &'static str {
        match self {
            Billed::Percent => BILLED_PERCENT,
            Billed::Quantity => BILLED_QUANTITY,
            Billed::Amount => BILLED_AMOUNT,
        }
    }

    fn of_label(label: &str) -> Option<Billed> {
        [Billed::Percent, Billed::Quantity, Billed::Amount]
            .into_iter()
            .find(|b| b.label() == label)
    }
}

/// Saving the pending period; `typed` is the billed figure the user typed last (the one saved).
pub struct PeriodForm {
    pub status_id: i64,
    pub version: i64,
    pub line_id: i64,
    pub typed: Option<Billed>,
    /// The line's figures and what the periods before this one billed, for the figures that
    /// follow the typed one.
    line: Line,
    before: Cumulative,
    /// The user's number format: the figures that follow are written in it.
    numbers: NumberFormat,
}

pub fn open_period_form(
    line: &ContractLine,
    periods: &[ProgressStatus],
    p: &ProgressStatus,
    cx: &mut Ctx,
) {
    let before = billed_before(periods, p.seq);
    let n = cx.numbers();
    let form = Form::new(
        format!("Line {} {}: {}", line.id, period_name(p), line.description),
        vec![
            Field::line(PERIOD_START, &p.period_start.to_string()),
            Field::line(PERIOD_END, &p.period_end.to_string()),
            Field::line(INVOICE_DATE, &p.invoice_date.to_string()),
            Field::line(BILLED_PERCENT, &n.plain(p.billed.percent.normalize())),
            Field::line(BILLED_QUANTITY, &n.plain(p.billed.quantity.normalize())),
            Field::line(BILLED_AMOUNT, &n.plain(p.billed.amount)),
        ],
    )
    .with_note(format!(
        "Type one billed figure, the other two follow. Billed before: {} % = {} of {} {}.",
        figure(n, before.percent),
        amount(n, before.amount),
        line.currency,
        amount(n, line.total)
    ));
    cx.open_form(
        form,
        PeriodForm {
            status_id: p.id,
            version: p.version,
            line_id: line.id,
            typed: None,
            line: line.line(),
            before,
            numbers: n,
        },
    );
}

fn field_date(form: &mut Form, label: &str) -> Option<chrono::NaiveDate> {
    parse_date(&form.value(label))
        .map_err(|e| form.set_error(label, e.0))
        .ok()
}

impl FormAction for PeriodForm {
    fn typed(&mut self, form: &mut Form) {
        let Some(kind) = form.focused().and_then(|f| Billed::of_label(&f.label)) else {
            return;
        };
        self.typed = Some(kind);
        let value = form.value(kind.label());
        let (l, before, n) = (&self.line, self.before, self.numbers);
        let billed = match kind {
            Billed::Percent => {
                parse_percent(&value, n).and_then(|v| progress::edit_percent(l, before, v))
            }
            Billed::Quantity => {
                parse_decimal(&value, n).and_then(|v| progress::edit_quantity(l, before, v))
            }
            Billed::Amount => {
                parse_decimal(&value, n).and_then(|v| progress::edit_amount(l, before, v))
            }
        };
        for f in form.fields.iter_mut() {
            if Billed::of_label(&f.label).is_some() {
                f.error = None;
            }
        }
        match billed {
            Ok(b) => {
                for (other, text) in [
                    (Billed::Percent, n.plain(b.percent.normalize())),
                    (Billed::Quantity, n.plain(b.quantity.normalize())),
                    (Billed::Amount, n.plain(b.amount)),
                ] {
                    if other != kind
                        && let Some(f) = form.field_mut(other.label())
                    {
                        f.set_text(&text);
                    }
                }
            }
            Err(e) if !value.trim().is_empty() => form.set_error(kind.label(), e.0),
            Err(_) => {}
        }
    }

    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let start = field_date(form, PERIOD_START);
        let end = field_date(form, PERIOD_END);
        let invoice = field_date(form, INVOICE_DATE);
        let billed = match self.typed {
            None => None,
            Some(kind) => {
                let text = form.value(kind.label());
                let n = self.numbers;
                let parsed = match kind {
                    Billed::Percent => parse_percent(&text, n).map(BilledField::Percent),
                    Billed::Quantity => parse_decimal(&text, n).map(BilledField::Quantity),
                    Billed::Amount => parse_decimal(&text, n).map(BilledField::Amount),
                };
                match parsed {
                    Ok(b) => Some(b),
                    Err(e) => {
                        form.set_error(kind.label(), e.0);
                        return Ok(None);
                    }
                }
            }
        };
        let (Some(start), Some(end), Some(invoice)) = (start, end, invoice) else {
            return Ok(None);
        };
        if end < start {
            form.set_error(PERIOD_END, "the period ends before it starts");
            return Ok(None);
        }
        cx.store.edit_progress(
            self.status_id,
            self.version,
            &ProgressEdit {
                period_start: Some(start),
                period_end: Some(end),
                invoice_date: Some(invoice),
                billed,
            },
        )?;
        Ok(Some("pending period saved: v validates it".into()))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        let Some(p) = store
            .progress_statuses(self.line_id)?
            .into_iter()
            .find(|p| p.id == self.status_id)
        else {
            return Ok(false);
        };
        self.version = p.version;
        Ok(true)
    }
}
