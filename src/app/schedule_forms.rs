//! The forms of the progress and milestone screens: a new or changed contract line, the first
//! period's start, the pending period (dates and one billed figure, the other two following as
//! you type), and an estimated progress %.

use super::form::{Field, Form};
use super::format::amount;
use super::progress_actions::period_name;
use super::state::{App, Overlay};
use super::views::FormPurpose;
use crate::domain::input::{parse_date, parse_decimal, parse_percent};
use crate::domain::progress;
use crate::store::progress::{
    BilledField, NewContractLine, ProgressEdit, ProgressStatus, Term, billed_before,
};
use crate::store::{Store, StoreError};
use chrono::Datelike;

/// What a schedule form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleForm {
    NewLine,
    EditLine {
        line_id: i64,
        version: i64,
    },
    FirstPeriod {
        line_id: i64,
    },
    /// The pending period; `typed` is the billed figure the user typed last (the one saved).
    Period {
        status_id: i64,
        version: i64,
        line_id: i64,
        typed: Option<Billed>,
    },
    ProjectProgress {
        project_id: i64,
        version: i64,
    },
    MilestoneProgress {
        milestone_id: i64,
        version: i64,
    },
    /// Which project's plan to open.
    PlanProject,
    /// A project's billing plan (`plan_version` is `None` for a new plan).
    Plan {
        project_id: i64,
        currency: crate::domain::Currency,
        plan_version: Option<i64>,
        project_version: i64,
    },
}

/// Which billed figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Billed {
    Percent,
    Quantity,
    Amount,
}

pub const PROJECT: &str = "Project";
pub const MILESTONE: &str = "Milestone (code, optional)";
pub const DESCRIPTION: &str = "Description";
pub const QUANTITY: &str = "Quantity";
pub const UNIT_PRICE: &str = "Unit price";
pub const TERM: &str = "Invoicing term";
pub const VAT: &str = "VAT %";
pub const FIRST_START: &str = "First period starts";
pub const PERIOD_START: &str = "Period start";
pub const PERIOD_END: &str = "Period end";
pub const INVOICE_DATE: &str = "Invoice date";
pub const BILLED_PERCENT: &str = "Billed %";
pub const BILLED_QUANTITY: &str = "Billed quantity";
pub const BILLED_AMOUNT: &str = "Billed amount";
pub const PROGRESS: &str = "Estimated progress %";

const TERMS: [&str; 3] = ["monthly", "quarterly", "percentages"];

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

fn push(app: &mut App, form: Form, purpose: ScheduleForm) {
    app.overlays.push(Overlay::Form(
        Box::new(form),
        FormPurpose::Schedule(purpose),
    ));
}

/// The first day of the month of `d`.
fn month_start(d: chrono::NaiveDate) -> chrono::NaiveDate {
    d.with_day(1).unwrap_or(d)
}

impl App {
    pub(super) fn open_new_line_form(&mut self) {
        let project = self
            .progress
            .lines
            .current()
            .map(|r| r.project_code.clone())
            .unwrap_or_default();
        let form = Form::new(
            "New contract line (billed by progress)",
            vec![
                Field::line(PROJECT, &project),
                Field::line(MILESTONE, ""),
                Field::line(DESCRIPTION, ""),
                Field::line(QUANTITY, "1"),
                Field::line(UNIT_PRICE, ""),
                Field::choice(TERM, &TERMS, 0),
                Field::line(VAT, "25.5"),
                Field::line(FIRST_START, &month_start(self.today).to_string()),
            ],
        );
        push(self, form, ScheduleForm::NewLine);
    }

    pub(super) fn open_line_edit_form(&mut self) {
        let Some(line) = self.progress.line.clone() else {
            return self.error("no contract line here: n adds one");
        };
        let mut form = Form::new(
            format!("Contract line {}: {}", line.id, line.description),
            vec![
                Field::line(QUANTITY, &line.quantity.normalize().to_string()),
                Field::line(UNIT_PRICE, &line.unit_price.normalize().to_string()),
            ],
        );
        form.note =
            Some("A new quantity or price flags the pending period \"refresh requested\".".into());
        push(
            self,
            form,
            ScheduleForm::EditLine {
                line_id: line.id,
                version: line.version,
            },
        );
    }

    pub(super) fn open_first_period_form(&mut self, line: &crate::store::progress::ContractLine) {
        let form = Form::new(
            format!("First billing period of line {}", line.id),
            vec![Field::line(
                FIRST_START,
                &month_start(self.today).to_string(),
            )],
        );
        push(self, form, ScheduleForm::FirstPeriod { line_id: line.id });
    }

    pub(super) fn open_progress_edit_form(&mut self, p: &ProgressStatus) {
        let Some(line) = self.progress.line.clone() else {
            return;
        };
        let before = billed_before(&self.progress.periods, p.seq);
        let mut form = Form::new(
            format!("Line {} {}: {}", line.id, period_name(p), line.description),
            vec![
                Field::line(PERIOD_START, &p.period_start.to_string()),
                Field::line(PERIOD_END, &p.period_end.to_string()),
                Field::line(INVOICE_DATE, &p.invoice_date.to_string()),
                Field::line(BILLED_PERCENT, &p.billed.percent.normalize().to_string()),
                Field::line(BILLED_QUANTITY, &p.billed.quantity.normalize().to_string()),
                Field::line(BILLED_AMOUNT, &p.billed.amount.to_string()),
            ],
        );
        form.note = Some(format!(
            "Type one billed figure, the other two follow. Billed before: {} % = {} of {} {}.",
            before.percent.normalize(),
            amount(before.amount),
            line.currency,
            amount(line.total)
        ));
        push(
            self,
            form,
            ScheduleForm::Period {
                status_id: p.id,
                version: p.version,
                line_id: line.id,
                typed: None,
            },
        );
    }

    pub(super) fn open_line_progress_form(&mut self) {
        let Some(row) = self.progress.lines.current().cloned() else {
            return self.error("no contract line here");
        };
        let (title, purpose) = match (row.milestone_id, row.milestone_version) {
            (Some(id), Some(version)) => (
                format!(
                    "Estimated progress of milestone {} {}",
                    row.project_code,
                    row.milestone_code.clone().unwrap_or_default()
                ),
                ScheduleForm::MilestoneProgress {
                    milestone_id: id,
                    version,
                },
            ),
            _ => (
                format!("Estimated progress of project {}", row.project_code),
                ScheduleForm::ProjectProgress {
                    project_id: row.project_id,
                    version: row.project_version,
                },
            ),
        };
        let form = Form::new(
            title,
            vec![Field::line(
                PROGRESS,
                &row.estimated_progress.normalize().to_string(),
            )],
        );
        push(self, form, purpose);
    }

    pub(super) fn open_milestone_progress_form(&mut self) {
        let Some(row) = self.milestones.list.current().cloned() else {
            return self.error("no milestone here");
        };
        let form = Form::new(
            format!(
                "Estimated progress of milestone {} {}",
                row.project_code, row.code
            ),
            vec![Field::line(
                PROGRESS,
                &row.estimated_progress.normalize().to_string(),
            )],
        );
        push(
            self,
            form,
            ScheduleForm::MilestoneProgress {
                milestone_id: row.id,
                version: row.version,
            },
        );
    }

    /// After typing in a form: in the pending period's form, the billed figure being typed
    /// drives the other two.
    pub(super) fn follow_typing(&mut self) {
        let Some(Overlay::Form(form, FormPurpose::Schedule(purpose))) = self.overlays.last_mut()
        else {
            return;
        };
        let ScheduleForm::Period {
            line_id,
            status_id,
            typed,
            ..
        } = purpose
        else {
            return;
        };
        let Some(kind) = form
            .fields
            .get(form.focus)
            .and_then(|f| Billed::of_label(&f.label))
        else {
            return;
        };
        *typed = Some(kind);
        let Some(line) = self.progress.line.as_ref().filter(|l| l.id == *line_id) else {
            return;
        };
        let Some(seq) = self
            .progress
            .periods
            .iter()
            .find(|p| p.id == *status_id)
            .map(|p| p.seq)
        else {
            return;
        };
        let before = billed_before(&self.progress.periods, seq);
        let value = form.value(kind.label());
        let l = line.line();
        let billed = match kind {
            Billed::Percent => {
                parse_percent(&value).and_then(|v| progress::edit_percent(&l, before, v))
            }
            Billed::Quantity => {
                parse_decimal(&value).and_then(|v| progress::edit_quantity(&l, before, v))
            }
            Billed::Amount => {
                parse_decimal(&value).and_then(|v| progress::edit_amount(&l, before, v))
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
                    (Billed::Percent, b.percent.normalize().to_string()),
                    (Billed::Quantity, b.quantity.normalize().to_string()),
                    (Billed::Amount, b.amount.to_string()),
                ] {
                    if other == kind {
                        continue;
                    }
                    if let Some(f) = form.fields.iter_mut().find(|f| f.label == other.label()) {
                        f.set_text(&text);
                    }
                }
            }
            Err(e) if !value.trim().is_empty() => form.set_error(kind.label(), e.0),
            Err(_) => {}
        }
    }

    /// The same form based on the versions the rows are at now (after a stale edit), or
    /// `None` when a row is gone.
    pub(super) fn fresh_schedule(&self, sf: &ScheduleForm) -> Option<ScheduleForm> {
        let s = &self.store;
        Some(match sf {
            ScheduleForm::NewLine
            | ScheduleForm::FirstPeriod { .. }
            | ScheduleForm::PlanProject => return None,
            ScheduleForm::EditLine { line_id, .. } => ScheduleForm::EditLine {
                line_id: *line_id,
                version: s.contract_line(*line_id).ok()?.version,
            },
            ScheduleForm::Period {
                status_id,
                line_id,
                typed,
                ..
            } => ScheduleForm::Period {
                status_id: *status_id,
                version: s
                    .progress_statuses(*line_id)
                    .ok()?
                    .into_iter()
                    .find(|p| p.id == *status_id)?
                    .version,
                line_id: *line_id,
                typed: *typed,
            },
            ScheduleForm::ProjectProgress { project_id, .. } => ScheduleForm::ProjectProgress {
                project_id: *project_id,
                version: s.project_version(*project_id).ok()?,
            },
            ScheduleForm::MilestoneProgress { milestone_id, .. } => {
                ScheduleForm::MilestoneProgress {
                    milestone_id: *milestone_id,
                    version: s.milestone_version(*milestone_id).ok()?,
                }
            }
            ScheduleForm::Plan {
                project_id,
                currency,
                ..
            } => ScheduleForm::Plan {
                project_id: *project_id,
                currency: *currency,
                plan_version: s.billing_plan(*project_id).ok()?.map(|p| p.version),
                project_version: s.project_start(*project_id).ok()?.1,
            },
        })
    }

    /// Saves a schedule form; `Ok(None)` when a field is wrong (marked in the form).
    pub(super) fn save_schedule(
        &mut self,
        form: &mut Form,
        purpose: &ScheduleForm,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        match purpose {
            ScheduleForm::NewLine => {
                let Some(line) = read_new_line(form, &self.store) else {
                    return Ok(None);
                };
                let id = self.store.create_contract_line(&line)?;
                self.refresh_progress();
                self.show_new_line();
                Ok(Some(format!(
                    "contract line {id} created: Enter opens its periods, n there adds the first"
                )))
            }
            ScheduleForm::EditLine { line_id, version } => {
                let q = field_decimal(form, QUANTITY);
                let p = field_decimal(form, UNIT_PRICE);
                let (Some(q), Some(p)) = (q, p) else {
                    return Ok(None);
                };
                let before = self.store.contract_line(*line_id)?;
                self.store.update_contract_line(*line_id, *version, q, p)?;
                let after = self.store.contract_line(*line_id)?;
                let pending = self
                    .store
                    .progress_statuses(*line_id)?
                    .into_iter()
                    .any(|s| {
                        s.state == crate::store::progress::ProgressState::Pending
                            && s.refresh_requested
                    });
                Ok(Some(if after.version == before.version {
                    format!("line {line_id} unchanged")
                } else if pending {
                    format!(
                        "line {line_id}: total {} {}; its pending period asks for a refresh (R)",
                        after.currency,
                        amount(after.total)
                    )
                } else {
                    format!(
                        "line {line_id}: total {} {}",
                        after.currency,
                        amount(after.total)
                    )
                }))
            }
            ScheduleForm::FirstPeriod { line_id } => {
                let Some(start) = field_date(form, FIRST_START) else {
                    return Ok(None);
                };
                self.store.add_progress_status(*line_id, start)?;
                Ok(Some(format!(
                    "period 1 of line {line_id} added, pending: R refreshes it, e edits it"
                )))
            }
            ScheduleForm::Period {
                status_id,
                version,
                typed,
                ..
            } => {
                let start = field_date(form, PERIOD_START);
                let end = field_date(form, PERIOD_END);
                let invoice = field_date(form, INVOICE_DATE);
                let billed = match typed {
                    None => None,
                    Some(kind) => {
                        let text = form.value(kind.label());
                        let parsed = match kind {
                            Billed::Percent => parse_percent(&text).map(BilledField::Percent),
                            Billed::Quantity => parse_decimal(&text).map(BilledField::Quantity),
                            Billed::Amount => parse_decimal(&text).map(BilledField::Amount),
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
                self.store.edit_progress(
                    *status_id,
                    *version,
                    &ProgressEdit {
                        period_start: Some(start),
                        period_end: Some(end),
                        invoice_date: Some(invoice),
                        billed,
                    },
                )?;
                Ok(Some("pending period saved: v validates it".into()))
            }
            ScheduleForm::ProjectProgress {
                project_id,
                version,
            } => {
                let Some(p) = field_percent(form) else {
                    return Ok(None);
                };
                self.store.set_project_progress(*project_id, *version, p)?;
                Ok(Some(format!(
                    "project estimated at {} %: R refreshes a pending period from it",
                    p.normalize()
                )))
            }
            ScheduleForm::MilestoneProgress {
                milestone_id,
                version,
            } => {
                let Some(p) = field_percent(form) else {
                    return Ok(None);
                };
                self.store
                    .set_milestone_progress(*milestone_id, *version, p)?;
                Ok(Some(format!(
                    "milestone estimated at {} %: R refreshes a pending period from it",
                    p.normalize()
                )))
            }
            ScheduleForm::PlanProject => self.open_plan_of_typed(form),
            ScheduleForm::Plan {
                project_id,
                currency,
                plan_version,
                project_version,
            } => self.save_plan(
                form,
                *project_id,
                *currency,
                *plan_version,
                *project_version,
            ),
        }
    }
}

fn field_decimal(form: &mut Form, label: &str) -> Option<rust_decimal::Decimal> {
    parse_decimal(&form.value(label))
        .map_err(|e| form.set_error(label, e.0))
        .ok()
}

fn field_date(form: &mut Form, label: &str) -> Option<chrono::NaiveDate> {
    parse_date(&form.value(label))
        .map_err(|e| form.set_error(label, e.0))
        .ok()
}

fn field_percent(form: &mut Form) -> Option<rust_decimal::Decimal> {
    match parse_percent(&form.value(PROGRESS)) {
        Ok(p) if p.is_sign_negative() || p > rust_decimal::Decimal::ONE_HUNDRED => {
            form.set_error(PROGRESS, "a percentage from 0 to 100");
            None
        }
        Ok(p) => Some(p),
        Err(e) => {
            form.set_error(PROGRESS, e.0);
            None
        }
    }
}

fn read_new_line(form: &mut Form, store: &Store) -> Option<NewContractLine> {
    let project = match store.project_by_code(&form.value(PROJECT)) {
        Ok(Some(p)) => Some(p),
        Ok(None) => {
            let code = form.value(PROJECT);
            form.set_error(PROJECT, format!("no project with code {:?}", code.trim()));
            None
        }
        Err(e) => {
            form.set_error(PROJECT, e.to_string());
            None
        }
    };
    let code = form.value(MILESTONE).trim().to_string();
    let mut milestone_id = None;
    if let (Some(p), false) = (&project, code.is_empty()) {
        match store.milestone_by_code(p.id, &code) {
            Ok(Some(id)) => milestone_id = Some(id),
            _ => form.set_error(MILESTONE, format!("the project has no milestone {code:?}")),
        }
    }
    let description = form.value(DESCRIPTION).trim().to_string();
    if description.is_empty() {
        form.set_error(DESCRIPTION, "enter a description");
    }
    let quantity = field_decimal(form, QUANTITY);
    if quantity.is_some_and(|q| q <= rust_decimal::Decimal::ZERO) {
        form.set_error(QUANTITY, "above zero");
    }
    let unit_price = field_decimal(form, UNIT_PRICE);
    if unit_price.is_some_and(|p| p.is_sign_negative()) {
        form.set_error(UNIT_PRICE, "cannot be negative");
    }
    let vat = match parse_percent(&form.value(VAT)) {
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
    let term = match form.value(TERM).as_str() {
        "quarterly" => Term::Quarterly,
        "percentages" => Term::Percentages,
        _ => Term::Monthly,
    };
    if form.has_errors() {
        return None;
    }
    Some(NewContractLine {
        project_id: project?.id,
        milestone_id,
        description,
        quantity: quantity?,
        unit_price: unit_price?,
        invoicing_term: term,
        vat_rate: vat?,
        first_period_start: start?,
    })
}
