//! "Save as template": the billing plan of a project (the milestone's by default) saved under a
//! name, as shares of the total and days from the project start; the plan form then offers it
//! beside the built-in templates. A name already taken is refused beside the name.

use super::super::form::{Field, Form, Pick};
use super::super::work::{Ctx, FormAction, ScreenAccess};
use super::due_milestones::Milestones;
use crate::domain::master_field::MasterField;
use crate::domain::plan_templates::NAME_LIMIT;
use crate::store::StoreError;

pub const PROJECT: &str = "Plan of project";
pub const NAME: &str = "Template name";

/// The form's save: the plan of the project typed, under the name typed.
pub struct SaveTemplate;

/// Opens the form, the project of the milestone under the cursor filled in.
pub fn ask_save_template(screen: &Milestones, cx: &mut Ctx) {
    let code = screen
        .list
        .view
        .current()
        .map(|r| r.project_code.clone())
        .unwrap_or_default();
    let form = Form::new(
        "Save a billing plan as a template",
        vec![
            Field::pick(PROJECT, Pick::Project, &code),
            Field::line(NAME, ""),
        ],
    )
    .with_note(format!(
        "Parts become shares of the total and days from the start. A new name, at most \
         {NAME_LIMIT} characters."
    ));
    cx.open_form(form, SaveTemplate);
}

impl FormAction for SaveTemplate {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let code = form.value(PROJECT).trim().to_uppercase();
        let Some(project) = cx.store.project_by_code(&code)? else {
            form.set_error(PROJECT, format!("no project with code {code:?}"));
            return Ok(None);
        };
        let name = form.value(NAME);
        match cx.store.save_plan_template(project.id, &name) {
            Ok(_) => Ok(Some(format!(
                "plan of {code} saved as template \"{}\": P offers it",
                name.trim()
            ))),
            Err(StoreError::Invalid {
                field: MasterField::Name,
                message,
            }) => {
                form.set_error(NAME, message);
                Ok(None)
            }
            Err(StoreError::Refused(why)) => {
                form.set_error(PROJECT, why);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}
