//! The report's forms: the range of months, and a revenue adjustment made, changed or deleted
//! (each with the reason that goes into the change history).

use super::super::form::{Field, Form, Pick};
use super::super::work::Ctx;
use super::super::work::FormAction;
use super::super::work::ScreenAccess;
use super::report::Reports;
use crate::domain::money::parse_amount;
use crate::domain::report::YearMonth;
use crate::store::adjustments::AdjustmentInput;
use crate::store::{Store, StoreError};

pub const FROM: &str = "From month";
pub const TO: &str = "To month";
pub const PROJECT: &str = "Project";
pub const MONTH: &str = "Month";
pub const AMOUNT: &str = "Amount (+ accrual, - deferral)";
pub const REASON: &str = "Reason";
pub const WHY: &str = "Why it changes";

/// The report's range of months.
pub struct Range;

pub struct NewAdjustment;

pub struct EditAdjustment {
    pub id: i64,
    pub version: i64,
}

pub struct DeleteAdjustment {
    pub id: i64,
    pub version: i64,
}

/// Where a new adjustment goes unless the user says otherwise: a project code (or nothing) and
/// a month.
pub struct AdjustmentDefaults {
    pub project: String,
    pub month: YearMonth,
}

pub fn open_range_form(reports: &Reports, cx: &mut Ctx) {
    let q = reports.query;
    let form = Form::new(
        "Report range (months, both included)",
        vec![
            Field::line(FROM, &q.from.to_string()),
            Field::line(TO, &q.to.to_string()),
        ],
    );
    cx.open_form(form, Range);
}

/// A new adjustment (`id` is `None`), placed where `defaults` say (this month otherwise), or the
/// form of an existing one.
pub fn open_adjustment_form(id: Option<i64>, defaults: Option<AdjustmentDefaults>, cx: &mut Ctx) {
    let Some(id) = id else {
        let (project, month) = match defaults {
            Some(d) => (d.project, d.month),
            None => (String::new(), YearMonth::of(cx.today)),
        };
        let form = Form::new(
            "New revenue adjustment",
            vec![
                Field::pick(PROJECT, Pick::Project, &project),
                Field::line(MONTH, &month.to_string()),
                Field::line(AMOUNT, ""),
                Field::line(REASON, ""),
            ],
        )
        .with_note("An accrual adds revenue to the month, a deferral (negative) takes it away.");
        return cx.open_form(form, NewAdjustment);
    };
    let Some(a) = cx.report(cx.store.adjustment(id)) else {
        return;
    };
    let form = Form::new(
        format!("Revenue adjustment {id} ({})", a.currency),
        vec![
            Field::pick(PROJECT, Pick::Project, &a.project_code),
            Field::line(MONTH, &a.month.to_string()),
            Field::line(AMOUNT, &cx.numbers().plain(a.amount)),
            Field::line(REASON, &a.reason),
            Field::line(WHY, ""),
        ],
    )
    .with_note("Say why it changes: that goes into the change history.");
    cx.open_form(
        form,
        EditAdjustment {
            id,
            version: a.version,
        },
    );
}

pub fn open_adjustment_delete(id: i64, cx: &mut Ctx) {
    let Some(a) = cx.report(cx.store.adjustment(id)) else {
        return;
    };
    let form = Form::new(
        format!(
            "Delete adjustment {id}: {} {} {} {}",
            a.project_code,
            a.month,
            a.currency,
            cx.numbers().plain(a.amount)
        ),
        vec![Field::line(REASON, "")],
    )
    .with_note("Say why; Enter deletes, Esc keeps it.");
    cx.open_form(
        form,
        DeleteAdjustment {
            id,
            version: a.version,
        },
    );
}

impl FormAction for Range {
    fn changes_data(&self) -> bool {
        false
    }

    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        screens: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let from = month_field(form, FROM);
        let to = month_field(form, TO);
        let (Some(from), Some(to)) = (from, to) else {
            return Ok(None);
        };
        if to < from {
            form.set_error(TO, "the range ends before it starts");
            return Ok(None);
        }
        if from.through(to).len() > 36 {
            form.set_error(TO, "at most 36 months at a time");
            return Ok(None);
        }
        let Some(reports) = screens.get_mut::<Reports>() else {
            return Err(StoreError::refused("the report is not on the tab bar"));
        };
        reports.query.from = from;
        reports.query.to = to;
        reports.cursor = 0;
        reports.sum(cx)?;
        Ok(Some(format!("report from {from} to {to}")))
    }
}

impl FormAction for NewAdjustment {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let Some(input) = read_adjustment(form, cx.store)? else {
            return Ok(None);
        };
        let id = cx.store.create_adjustment(&input)?;
        Ok(Some(format!(
            "adjustment {id} made: {} to {}",
            cx.numbers().plain(input.amount),
            input.month
        )))
    }
}

impl FormAction for EditAdjustment {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let Some(input) = read_adjustment(form, cx.store)? else {
            return Ok(None);
        };
        let why = form.value(WHY);
        if why.trim().is_empty() {
            form.set_error(WHY, "say why it changes");
            return Ok(None);
        }
        cx.store
            .update_adjustment(self.id, self.version, &input, &why)?;
        Ok(Some(format!("adjustment {} changed", self.id)))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = store.adjustment(self.id)?.version;
        Ok(true)
    }
}

impl FormAction for DeleteAdjustment {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let reason = form.value(REASON);
        if reason.trim().is_empty() {
            form.set_error(REASON, "say why it goes");
            return Ok(None);
        }
        cx.store.delete_adjustment(self.id, self.version, &reason)?;
        Ok(Some(format!("adjustment {} deleted", self.id)))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = store.adjustment(self.id)?.version;
        Ok(true)
    }
}

/// The adjustment a form describes: `Ok(None)` with the fields marked when one is wrong.
fn read_adjustment(form: &mut Form, store: &Store) -> Result<Option<AdjustmentInput>, StoreError> {
    let code = form.value(PROJECT);
    let project = store.project_by_code(&code)?;
    if project.is_none() {
        form.set_error(PROJECT, format!("no project with code {:?}", code.trim()));
    }
    let month = month_field(form, MONTH);
    let currency = project
        .as_ref()
        .map_or(crate::domain::Currency::EUR, |p| p.currency);
    let amount = match parse_amount(&form.value(AMOUNT), currency, store.numbers()) {
        Ok(a) if a.is_zero() => {
            form.set_error(
                AMOUNT,
                "a positive accrual or a negative deferral, not zero",
            );
            None
        }
        Ok(a) => Some(a),
        Err(e) => {
            form.set_error(AMOUNT, e.0);
            None
        }
    };
    let reason = form.value(REASON).trim().to_string();
    if reason.is_empty() {
        form.set_error(REASON, "say why: it goes into the change history");
    }
    match (project, month, amount, reason.is_empty()) {
        (Some(p), Some(month), Some(amount), false) => Ok(Some(AdjustmentInput {
            project_id: p.id,
            month,
            amount,
            reason,
        })),
        _ => Ok(None),
    }
}

fn month_field(form: &mut Form, label: &str) -> Option<YearMonth> {
    YearMonth::parse(&form.value(label))
        .map_err(|e| form.set_error(label, e.0))
        .ok()
}
