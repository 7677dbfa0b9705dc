//! The billing plan form of a project: its start date, the plan's total, and the parts, typed
//! one per field (`label; 30%; +60`, `label; 30%; @M1`) or taken from a template (built in or
//! saved by name). First a question: which project (the milestone's by default, any other by
//! its code); the same question leads to deleting a plan (`plan_delete`).

use super::super::form::{Field, Form, Pick};
use super::super::work::Ctx;
use super::super::work::FormAction;
use super::super::work::ScreenAccess;
use super::due_milestones::Milestones;
use super::plan_delete;
use crate::domain::Currency;
use crate::domain::billing_plan::{PlanPart, from_template};
use crate::domain::input::{parse_date, parse_percent};
use crate::domain::money::parse_amount;
use crate::domain::plan_input::{PartReading, format_part, keep_flags, parse_parts};
use crate::domain::plan_templates::{TEMPLATES, find};
use crate::store::plan_save::PlanSave;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use rust_decimal::Decimal;

pub const PROJECT: &str = "Project code";
pub const START: &str = "Project start";
pub const TOTAL: &str = "Plan total";
pub const VAT: &str = "VAT % (new items)";
pub const TEMPLATE: &str = "Template";
/// How many part fields the form has.
pub const PART_FIELDS: usize = 8;
const NO_TEMPLATE: &str = "none: the parts below";

fn part_label(i: usize) -> String {
    format!("Part {}", i + 1)
}

/// What the question of which project leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanPurpose {
    /// The plan form.
    Edit,
    /// The dialog that deletes the plan.
    Delete,
}

/// Which project's plan to open or delete (the question before the plan form or the dialog).
pub struct PlanProject {
    pub purpose: PlanPurpose,
}

/// A project's billing plan (`plan_version` is `None` for a new plan).
pub struct Plan {
    pub project_id: i64,
    pub currency: Currency,
    pub plan_version: Option<i64>,
    pub project_version: i64,
}

/// Asks which project's plan to edit or delete: the one of the milestone under the cursor by
/// default, any other by its code (projects without milestones have plans too). The plan shown
/// below that cannot be deleted is refused at the key, before the question.
pub fn ask_plan_project(screen: &Milestones, cx: &mut Ctx, purpose: PlanPurpose) {
    let current = screen.list.view.current();
    let code = current.map(|r| r.project_code.clone()).unwrap_or_default();
    if purpose == PlanPurpose::Delete
        && let Some(row) = current
        && !screen.plan.is_empty()
        && let Err(why) = plan_delete::refusal(cx, row.project_id, &row.project_code)
    {
        return cx.error(why);
    }
    let (title, note) = match purpose {
        PlanPurpose::Edit => (
            "Billing plan of which project?",
            "Enter opens the plan of this project; type to choose another from the list.",
        ),
        PlanPurpose::Delete => (
            "Delete the billing plan of which project?",
            "Enter asks before it deletes the plan of this project; type to choose another.",
        ),
    };
    let form = Form::new(title, vec![Field::pick(PROJECT, Pick::Project, &code)]).with_note(note);
    cx.open_form(form, PlanProject { purpose });
}

impl FormAction for PlanProject {
    fn changes_data(&self) -> bool {
        false
    }

    /// Opens the plan form of the project typed; `Ok(None)` marks the field.
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let code = form.value(PROJECT).trim().to_string();
        let Some(project) = cx.store.project_by_code(&code)? else {
            form.set_error(PROJECT, format!("no project with code {code:?}"));
            return Ok(None);
        };
        if self.purpose == PlanPurpose::Delete {
            return Ok(
                match plan_delete::ask_delete_plan(cx, project.id, &code.to_uppercase()) {
                    Ok(()) => Some(format!("delete the plan of {}?", code.to_uppercase())),
                    Err(why) => {
                        form.set_error(PROJECT, why);
                        None
                    }
                },
            );
        }
        let (plan_form, plan) =
            plan_form(cx.store, project.id, &code.to_uppercase(), project.currency)?;
        cx.open_form(plan_form, plan);
        Ok(Some(format!("plan of {}", code.to_uppercase())))
    }
}

fn plan_form(
    store: &Store,
    project_id: i64,
    code: &str,
    currency: Currency,
) -> Result<(Form, Plan), StoreError> {
    let n = store.numbers();
    let (start, project_version) = store.project_start(project_id)?;
    let plan = store.billing_plan(project_id)?;
    let saved = store.plan_template_names()?;
    let mut options = vec![NO_TEMPLATE];
    options.extend(TEMPLATES.iter().map(|t| t.name));
    options.extend(saved.iter().map(String::as_str));
    let mut fields = vec![
        Field::line(START, &start.map(|d| d.to_string()).unwrap_or_default()),
        Field::line(
            TOTAL,
            &plan.as_ref().map(|p| n.plain(p.total)).unwrap_or_default(),
        ),
    ];
    fields.push(match &plan {
        Some(_) => Field::read_only(VAT, "as before", "parts keep their items' VAT rate"),
        None => Field::line(VAT, &n.plain(store.default_vat_rate()?)),
    });
    fields.push(Field::choice(TEMPLATE, &options, 0));
    let parts: Vec<String> = plan
        .as_ref()
        .map(|p| p.parts.iter().map(|s| format_part(&s.part, n)).collect())
        .unwrap_or_default();
    for i in 0..PART_FIELDS.max(parts.len()) {
        fields.push(Field::line(
            &part_label(i),
            parts.get(i).map(String::as_str).unwrap_or(""),
        ));
    }
    let form = Form::new(
        format!(
            "Billing plan of {code}{}",
            if plan.is_none() { " (new)" } else { "" }
        ),
        fields,
    )
    .with_note(format!(
        "Parts: `label; 30%; +60` (follows the start), `label; {}; 2027-01-15` (pinned) \
         or `label; 30%; @M1` (waits for M1). A template replaces them.",
        n.format(Decimal::new(120000, 2))
    ));
    Ok((
        form,
        Plan {
            project_id,
            currency,
            plan_version: plan.map(|p| p.version),
            project_version,
        },
    ))
}

impl FormAction for Plan {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let start = match form.value(START).trim() {
            "" => None,
            t => match parse_date(t) {
                Ok(d) => Some(d),
                Err(e) => {
                    form.set_error(START, e.0);
                    return Ok(None);
                }
            },
        };
        let total = match parse_amount(&form.value(TOTAL), self.currency, cx.numbers()) {
            Ok(t) if t > Decimal::ZERO => Some(t),
            Ok(_) => {
                form.set_error(TOTAL, "above zero");
                None
            }
            Err(e) => {
                form.set_error(TOTAL, e.0);
                None
            }
        };
        let vat = match self.plan_version {
            Some(_) => Some(Decimal::ZERO),
            None => match parse_percent(&form.value(VAT), cx.numbers()) {
                Ok(v) if !v.is_sign_negative() => Some(v),
                Ok(_) => {
                    form.set_error(VAT, "cannot be negative");
                    None
                }
                Err(e) => {
                    form.set_error(VAT, e.0);
                    None
                }
            },
        };
        let has_plan = self.plan_version.is_some();
        let Some(parts) = read_parts(form, cx.store, self.project_id, start, has_plan)? else {
            return Ok(None);
        };
        let (Some(total), Some(vat)) = (total, vat) else {
            return Ok(None);
        };
        let n = parts.len();
        let moved = cx.store.save_billing_plan(&PlanSave {
            project_id: self.project_id,
            plan_version: self.plan_version,
            project_version: self.project_version,
            start,
            total,
            vat_rate: vat,
            parts: &parts,
        })?;
        // Short enough for an 80-column status line.
        Ok(Some(match (moved, start) {
            (true, Some(start)) => {
                format!("plan saved, {n} part(s); start now {start}, dates moved")
            }
            _ => format!("plan saved, {n} part(s) as revenue items"),
        }))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.plan_version = store.billing_plan(self.project_id)?.map(|p| p.version);
        self.project_version = store.project_start(self.project_id)?.1;
        Ok(true)
    }
}

/// The parts the form gives: the template's, or the typed ones (keeping how unchanged
/// dates were set). `Ok(None)` with the fields marked when something is wrong.
fn read_parts(
    form: &mut Form,
    store: &Store,
    project_id: i64,
    start: Option<NaiveDate>,
    has_plan: bool,
) -> Result<Option<Vec<PlanPart>>, StoreError> {
    let lines: Vec<String> = (0..)
        .map(part_label)
        .map_while(|l| form.field(&l).map(|f| f.value()))
        .collect();
    let template = form.value(TEMPLATE);
    if template != NO_TEMPLATE {
        let typed =
            (0..lines.len()).any(|i| form.field(&part_label(i)).is_some_and(|f| f.changed()));
        if typed {
            form.set_error(
                TEMPLATE,
                "choose a template or type parts, not both (the template replaces them)",
            );
            return Ok(None);
        }
        let Some(start) = start else {
            form.set_error(START, "a template dates its parts from the project start");
            return Ok(None);
        };
        let parts = match find(&template) {
            Some(t) => t.parts(),
            None => match store.plan_template(&template)? {
                Some(t) => t.parts,
                None => {
                    form.set_error(TEMPLATE, "no such template (deleted since?)");
                    return Ok(None);
                }
            },
        };
        return match from_template(&parts, start) {
            Ok(p) => Ok(Some(p)),
            Err(e) => {
                form.set_error(TEMPLATE, e.0);
                Ok(None)
            }
        };
    }
    let milestones = store.plan_milestones(project_id)?;
    let reading = PartReading {
        start,
        numbers: store.numbers(),
        milestones: &milestones,
    };
    let mut parts = match parse_parts(&lines, &reading) {
        Ok(p) => p,
        Err((i, e)) => {
            form.set_error(&part_label(i), e.0);
            return Ok(None);
        }
    };
    if parts.is_empty() {
        form.set_error(
            &part_label(0),
            "a plan needs at least one part (D on the milestones screen deletes a whole plan)",
        );
        return Ok(None);
    }
    if has_plan {
        let old = store.billing_plan_parts(project_id)?;
        for (new, old) in parts.iter_mut().zip(&old) {
            keep_flags(&old.part, new);
        }
    }
    Ok(Some(parts))
}
