//! A milestone of a project, new or edited, from the project's milestones (`n`, `e`), and its
//! deletion (asked; refused while an item or contract line refers to it). A new due date moves
//! the planned invoice date of the milestone's open and billable items, with history; once
//! reached, its code and due date stay.

use super::super::form::{Field, Form};
use super::super::work::{Confirm, Ctx, FormAction, ScreenAccess};
use super::master_form::{FieldLabels, edit_outcome, mark, take};
use crate::domain::input::parse_date;
use crate::domain::master_field::MasterField;
use crate::store::milestone_edits::MilestoneInput;
use crate::store::project_overview::MilestoneLine;
use crate::store::{Store, StoreError};

pub const CODE: &str = "Code";
pub const NAME: &str = "Name";
pub const DUE: &str = "Due date";

const LABELS: FieldLabels = &[
    (MasterField::Code, CODE),
    (MasterField::Name, NAME),
    (MasterField::DueDate, DUE),
];

pub struct NewMilestone {
    pub project_id: i64,
}

/// Saving a milestone's form, based on the version the user saw.
pub struct EditMilestone {
    pub id: i64,
    pub version: i64,
}

/// The dialog's yes: delete the milestone seen at `version`.
pub struct DeleteMilestone {
    pub id: i64,
    pub version: i64,
    pub code: String,
}

pub fn new_milestone_form(project_code: &str) -> Form {
    Form::new(
        format!("New milestone of {project_code}"),
        vec![
            Field::line(CODE, ""),
            Field::line(NAME, ""),
            Field::line(DUE, ""),
        ],
    )
}

pub fn edit_milestone_form(project_code: &str, m: &MilestoneLine) -> Form {
    let reached = "reached: its code and due date stay (reopen it on screen 5 first)";
    let (code, due) = if m.reached.is_some() {
        (
            Field::read_only(CODE, &m.code, reached),
            Field::read_only(DUE, &m.due_date.to_string(), reached),
        )
    } else {
        (
            Field::line(CODE, &m.code),
            Field::line(DUE, &m.due_date.to_string()),
        )
    };
    Form::new(
        format!("Milestone {} of {project_code}", m.code),
        vec![code, Field::line(NAME, &m.name), due],
    )
    .with_note("A new due date moves its open and billable items' planned dates by as many days.")
}

fn due(form: &mut Form) -> Option<chrono::NaiveDate> {
    parse_date(&form.value(DUE))
        .map_err(|e| form.set_error(DUE, e.0))
        .ok()
}

impl FormAction for NewMilestone {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let Some(due_date) = due(form) else {
            form.focus_first_error();
            return Ok(None);
        };
        let input = MilestoneInput {
            ext_key: None,
            project_id: self.project_id,
            code: form.value(CODE),
            name: form.value(NAME),
            due_date,
            reached_at: None,
        };
        cx.store
            .create_milestone(&input)
            .inspect_err(|e| mark(form, LABELS, e))?;
        Ok(Some(format!("milestone {} created", input.code.trim())))
    }
}

impl FormAction for EditMilestone {
    fn watched(&self) -> Vec<(&'static str, i64)> {
        vec![(
            crate::domain::object_kind::ObjectKind::Milestone.as_str(),
            self.id,
        )]
    }

    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let stored = cx.store.milestone(self.id)?;
        let mut input = stored.input();
        take(form, CODE, &mut input.code);
        take(form, NAME, &mut input.name);
        if form
            .field(DUE)
            .is_some_and(|f| f.is_editable() && f.changed())
        {
            match due(form) {
                Some(d) => input.due_date = d,
                None => return Ok(None),
            }
        }
        let fields = cx
            .store
            .update_milestone(self.id, self.version, &input, None)
            .inspect_err(|e| mark(form, LABELS, e))?;
        Ok(Some(edit_outcome(
            "milestone",
            &stored.code,
            &input.code,
            &fields,
        )))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = store.milestone(self.id)?.version;
        Ok(true)
    }
}

impl Confirm for DeleteMilestone {
    fn run(self: Box<Self>, cx: &mut Ctx, _: &mut dyn ScreenAccess) {
        let result = cx.store.delete_milestone(self.id, self.version, None);
        if cx.report(result).is_some() {
            cx.changed();
            cx.info(format!("milestone {} deleted", self.code));
        }
    }
}
