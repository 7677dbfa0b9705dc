//! The report's forms: the range of months, and a revenue adjustment made, changed or deleted
//! (each with the reason that goes into the change history).

use super::form::{Field, Form};
use super::state::{App, Overlay};
use super::views::FormPurpose;
use crate::domain::money::parse_amount;
use crate::domain::report::YearMonth;
use crate::store::StoreError;
use crate::store::adjustments::AdjustmentInput;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportForm {
    Range,
    NewAdjustment,
    EditAdjustment { id: i64, version: i64 },
    DeleteAdjustment { id: i64, version: i64 },
}

pub const FROM: &str = "From month";
pub const TO: &str = "To month";
pub const PROJECT: &str = "Project";
pub const MONTH: &str = "Month";
pub const AMOUNT: &str = "Amount (+ accrual, - deferral)";
pub const REASON: &str = "Reason";
pub const WHY: &str = "Why it changes";

fn push(app: &mut App, form: Form, purpose: ReportForm) {
    app.overlays
        .push(Overlay::Form(Box::new(form), FormPurpose::Report(purpose)));
}

impl App {
    pub(super) fn open_range_form(&mut self) {
        let q = self.reports.query;
        let form = Form::new(
            "Report range (months, both included)",
            vec![
                Field::line(FROM, &q.from.to_string()),
                Field::line(TO, &q.to.to_string()),
            ],
        );
        push(self, form, ReportForm::Range);
    }

    /// A new adjustment (for the project and month under the cursor when grouped by project),
    /// or the form of an existing one.
    pub(super) fn open_adjustment_form(&mut self, id: Option<i64>) {
        let Some(id) = id else {
            let (project, month) = match self.reports.current() {
                Some(r) if self.reports.query.group == crate::domain::report::GroupBy::Project => {
                    (r.group.key.clone(), r.month.to_string())
                }
                Some(r) => (String::new(), r.month.to_string()),
                None => (String::new(), YearMonth::of(self.today).to_string()),
            };
            let mut form = Form::new(
                "New revenue adjustment",
                vec![
                    Field::line(PROJECT, &project),
                    Field::line(MONTH, &month),
                    Field::line(AMOUNT, ""),
                    Field::line(REASON, ""),
                ],
            );
            form.note = Some(
                "An accrual adds revenue to the month, a deferral (negative) takes it away.".into(),
            );
            return push(self, form, ReportForm::NewAdjustment);
        };
        let Some(a) = self.report(self.store.adjustment(id)) else {
            return;
        };
        let mut form = Form::new(
            format!("Revenue adjustment {id} ({})", a.currency),
            vec![
                Field::line(PROJECT, &a.project_code),
                Field::line(MONTH, &a.month.to_string()),
                Field::line(AMOUNT, &a.amount.to_string()),
                Field::line(REASON, &a.reason),
                Field::line(WHY, ""),
            ],
        );
        form.note = Some("Say why it changes: that goes into the change history.".into());
        push(
            self,
            form,
            ReportForm::EditAdjustment {
                id,
                version: a.version,
            },
        );
    }

    pub(super) fn open_adjustment_delete(&mut self, id: i64) {
        let Some(a) = self.report(self.store.adjustment(id)) else {
            return;
        };
        let mut form = Form::new(
            format!(
                "Delete adjustment {id}: {} {} {} {}",
                a.project_code, a.month, a.currency, a.amount
            ),
            vec![Field::line(REASON, "")],
        );
        form.note = Some("Say why; Enter deletes, Esc keeps it.".into());
        push(
            self,
            form,
            ReportForm::DeleteAdjustment {
                id,
                version: a.version,
            },
        );
    }

    pub(super) fn save_report_form(
        &mut self,
        form: &mut Form,
        purpose: &ReportForm,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        match purpose {
            ReportForm::Range => {
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
                self.reports.query.from = from;
                self.reports.query.to = to;
                self.reports.cursor = 0;
                Ok(Some(format!("report from {from} to {to}")))
            }
            ReportForm::NewAdjustment => {
                let Some(input) = self.read_adjustment(form)? else {
                    return Ok(None);
                };
                let id = self.store.create_adjustment(&input)?;
                Ok(Some(format!(
                    "adjustment {id} made: {} to {}",
                    input.amount, input.month
                )))
            }
            ReportForm::EditAdjustment { id, version } => {
                let Some(input) = self.read_adjustment(form)? else {
                    return Ok(None);
                };
                let why = form.value(WHY);
                if why.trim().is_empty() {
                    form.set_error(WHY, "say why it changes");
                    return Ok(None);
                }
                self.store.update_adjustment(*id, *version, &input, &why)?;
                Ok(Some(format!("adjustment {id} changed")))
            }
            ReportForm::DeleteAdjustment { id, version } => {
                let reason = form.value(REASON);
                if reason.trim().is_empty() {
                    form.set_error(REASON, "say why it goes");
                    return Ok(None);
                }
                self.store.delete_adjustment(*id, *version, &reason)?;
                Ok(Some(format!("adjustment {id} deleted")))
            }
        }
    }

    fn read_adjustment(&self, form: &mut Form) -> Result<Option<AdjustmentInput>, StoreError> {
        let code = form.value(PROJECT);
        let project = self.store.project_by_code(&code)?;
        if project.is_none() {
            form.set_error(PROJECT, format!("no project with code {:?}", code.trim()));
        }
        let month = month_field(form, MONTH);
        let amount = match (
            &project,
            parse_amount(
                &form.value(AMOUNT),
                project
                    .as_ref()
                    .map_or(crate::domain::Currency::EUR, |p| p.currency),
            ),
        ) {
            (_, Ok(a)) if a.is_zero() => {
                form.set_error(
                    AMOUNT,
                    "a positive accrual or a negative deferral, not zero",
                );
                None
            }
            (_, Ok(a)) => Some(a),
            (_, Err(e)) => {
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
}

fn month_field(form: &mut Form, label: &str) -> Option<YearMonth> {
    YearMonth::parse(&form.value(label))
        .map_err(|e| form.set_error(label, e.0))
        .ok()
}
