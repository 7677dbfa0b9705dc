//! The forms of a contract line: a new line, its quantity and price changed, and the start of
//! its first period.

use super::super::form::{Field, Form, Pick};
use super::super::work::Ctx;
use super::super::work::FormAction;
use super::super::work::ScreenAccess;
use super::lines_and_periods::ProgressBilling;
use crate::domain::NumberFormat;
use crate::domain::input::{parse_date, parse_decimal, parse_percent};
use crate::domain::invoicing_term::Term;
use crate::domain::progress;
use crate::domain::progress_state::ProgressState;
use crate::presentation::amount;
use crate::store::progress::{ContractLine, NewContractLine};
use crate::store::{Store, StoreError};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

pub const PROJECT: &str = "Project";
pub const MILESTONE: &str = "Milestone (code, optional)";
pub const DESCRIPTION: &str = "Description";
pub const QUANTITY: &str = "Quantity";
pub const UNIT_PRICE: &str = "Unit price";
pub const TERM: &str = "Invoicing term";
pub const VAT: &str = "VAT %";
pub const FIRST_START: &str = "First period starts";

const TERMS: [&str; 3] = [
    Term::Monthly.as_str(),
    Term::Quarterly.as_str(),
    Term::Percentages.as_str(),
];

/// A new contract line.
pub struct NewLine;

/// A line's quantity and unit price, based on the version the user saw.
pub struct EditLine {
    pub line_id: i64,
    pub version: i64,
}

/// The start of a line's first period.
pub struct FirstPeriod {
    pub line_id: i64,
}

/// The first day of the month of `d`.
fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

pub fn open_new_line_form(screen: &ProgressBilling, cx: &mut Ctx) {
    let Some(vat) = cx.report(cx.store.default_vat_rate()) else {
        return;
    };
    let project = screen
        .lines
        .view
        .current()
        .map(|r| r.project_code.clone())
        .unwrap_or_default();
    let form = Form::new(
        "New contract line (billed by progress)",
        vec![
            Field::pick(PROJECT, Pick::Project, &project),
            Field::pick(
                MILESTONE,
                Pick::Milestone {
                    project_field: PROJECT,
                },
                "",
            ),
            Field::line(DESCRIPTION, ""),
            Field::line(QUANTITY, "1"),
            Field::line(UNIT_PRICE, ""),
            Field::choice(TERM, &TERMS, 0),
            Field::line(VAT, &cx.numbers().plain(vat)),
            Field::line(FIRST_START, &month_start(cx.today).to_string()),
        ],
    );
    cx.open_form(form, NewLine);
}

pub fn open_line_edit_form(screen: &ProgressBilling, cx: &mut Ctx) {
    let Some(line) = &screen.line else {
        return cx.error("no contract line here: n adds one");
    };
    // Told at the key, not after typing: the store refuses it too.
    let validated: Vec<_> = screen
        .periods
        .iter()
        .filter(|p| p.state != ProgressState::Pending)
        .map(|p| p.billed)
        .collect();
    if let Err(e) = progress::check_line_edit(&validated) {
        return cx.error(e.0);
    }
    let form = Form::new(
        format!("Contract line {}: {}", line.id, line.description),
        vec![
            Field::line(QUANTITY, &cx.numbers().plain(line.quantity.normalize())),
            Field::line(UNIT_PRICE, &cx.numbers().plain(line.unit_price.normalize())),
        ],
    )
    .with_note("A new quantity or price flags the pending period \"refresh requested\".");
    cx.open_form(
        form,
        EditLine {
            line_id: line.id,
            version: line.version,
        },
    );
}

pub fn open_first_period_form(line: &ContractLine, cx: &mut Ctx) {
    let form = Form::new(
        format!("First billing period of line {}", line.id),
        vec![Field::line(FIRST_START, &month_start(cx.today).to_string())],
    );
    cx.open_form(form, FirstPeriod { line_id: line.id });
}

fn field_decimal(form: &mut Form, label: &str, n: NumberFormat) -> Option<Decimal> {
    parse_decimal(&form.value(label), n)
        .map_err(|e| form.set_error(label, e.0))
        .ok()
}

fn field_date(form: &mut Form, label: &str) -> Option<NaiveDate> {
    parse_date(&form.value(label))
        .map_err(|e| form.set_error(label, e.0))
        .ok()
}

impl FormAction for NewLine {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        screens: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let Some(line) = read_new_line(form, cx.store)? else {
            return Ok(None);
        };
        let id = cx.store.create_contract_line(&line)?;
        let mut cleared = false;
        if let Some(screen) = screens.get_mut::<ProgressBilling>() {
            cleared = screen.show_new_line(id, cx)?;
        }
        let filter = if cleared {
            " (the filter, which hid it, is cleared)"
        } else {
            ""
        };
        Ok(Some(format!(
            "contract line {id} created{filter}: Enter opens its periods, n there adds the first"
        )))
    }
}

impl FormAction for EditLine {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let q = field_decimal(form, QUANTITY, cx.numbers());
        let p = field_decimal(form, UNIT_PRICE, cx.numbers());
        let (Some(q), Some(p)) = (q, p) else {
            return Ok(None);
        };
        let line_id = self.line_id;
        let before = cx.store.contract_line(line_id)?;
        cx.store.update_contract_line(line_id, self.version, q, p)?;
        let after = cx.store.contract_line(line_id)?;
        let pending = cx
            .store
            .progress_statuses(line_id)?
            .into_iter()
            .any(|s| s.state == ProgressState::Pending && s.refresh_requested);
        let total = format!("{} {}", after.currency, amount(cx.numbers(), after.total));
        Ok(Some(if after.version == before.version {
            format!("line {line_id} unchanged")
        } else if pending {
            format!("line {line_id}: total {total}; its pending period asks for a refresh (R)")
        } else {
            format!("line {line_id}: total {total}")
        }))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = store.contract_line(self.line_id)?.version;
        Ok(true)
    }
}

impl FormAction for FirstPeriod {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let Some(start) = field_date(form, FIRST_START) else {
            return Ok(None);
        };
        cx.store.add_progress_status(self.line_id, start)?;
        Ok(Some(format!(
            "period 1 of line {} added, pending: R refreshes it, e edits it",
            self.line_id
        )))
    }
}

/// The new line a form describes: `Ok(None)` with the fields marked when one is wrong, `Err`
/// when the database could not answer a lookup.
fn read_new_line(form: &mut Form, store: &Store) -> Result<Option<NewContractLine>, StoreError> {
    let n = store.numbers();
    let project = store.project_by_code(&form.value(PROJECT))?;
    if project.is_none() {
        let code = form.value(PROJECT);
        form.set_error(PROJECT, format!("no project with code {:?}", code.trim()));
    }
    let code = form.value(MILESTONE).trim().to_string();
    let mut milestone_id = None;
    if let (Some(p), false) = (&project, code.is_empty()) {
        match store.milestone_by_code(p.id, &code)? {
            Some(id) => milestone_id = Some(id),
            None => form.set_error(MILESTONE, format!("the project has no milestone {code:?}")),
        }
    }
    let description = form.value(DESCRIPTION).trim().to_string();
    if description.is_empty() {
        form.set_error(DESCRIPTION, "enter a description");
    }
    let quantity = field_decimal(form, QUANTITY, n);
    if quantity.is_some_and(|q| q <= Decimal::ZERO) {
        form.set_error(QUANTITY, "above zero");
    }
    let unit_price = field_decimal(form, UNIT_PRICE, n);
    if unit_price.is_some_and(|p| p.is_sign_negative()) {
        form.set_error(UNIT_PRICE, "cannot be negative");
    }
    let vat = match parse_percent(&form.value(VAT), n) {
        Ok(v) if v.is_sign_negative() => {
            form.set_error(VAT, "cannot be negative");
            None
        }
        Ok(v) => Some(v),
        Err(e) => {
            form.set_error(VAT, e.0);
            None
        }
    };
    let start = field_date(form, FIRST_START);
    let term = form.value(TERM).parse().unwrap_or(Term::Monthly);
    if form.has_errors() {
        return Ok(None);
    }
    let (Some(project), Some(quantity), Some(unit_price), Some(vat), Some(start)) =
        (project, quantity, unit_price, vat, start)
    else {
        return Ok(None);
    };
    Ok(Some(NewContractLine {
        project_id: project.id,
        milestone_id,
        description,
        quantity,
        unit_price,
        invoicing_term: term,
        vat_rate: vat,
        first_period_start: start,
    }))
}
