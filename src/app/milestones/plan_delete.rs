//! Deleting a project's billing plan whole: a dialog that names how many parts and revenue
//! items go and what they hold, or the refusal (a part's item on an invoice) said at once.

use super::super::work::Confirm;
use super::super::work::Ctx;
use super::super::work::ScreenAccess;
use crate::presentation::money_with_code;
use crate::store::plan_delete::PlanDeletion;

/// The dialog's yes: the plan of `project_id` at the version the dialog read.
pub struct DeletePlan {
    pub project_id: i64,
    pub version: i64,
    pub code: String,
}

/// Why the plan of the project cannot be deleted, if it cannot.
pub fn refusal(cx: &Ctx, project_id: i64, code: &str) -> Result<(), String> {
    cx.store
        .billing_plan_deletion(project_id)
        .map(|_| ())
        .map_err(|e| format!("the billing plan of {code} stays: {e}"))
}

/// Asks whether to delete the plan, naming what goes with it; or says why it cannot go.
pub fn ask_delete_plan(cx: &mut Ctx, project_id: i64, code: &str) -> Result<(), String> {
    let what: PlanDeletion = cx
        .store
        .billing_plan_deletion(project_id)
        .map_err(|e| e.to_string())?;
    let n = cx.numbers();
    let billable = match what.billable {
        0 => String::new(),
        b => format!(", {b} of them billable now"),
    };
    cx.ask(
        "Delete billing plan",
        vec![
            format!("Delete the billing plan of {code}?"),
            format!(
                "It deletes its {} part(s) and their {} unbilled revenue item(s), {} in all{billable}.",
                what.parts,
                what.parts,
                money_with_code(n, what.total)
            ),
            "None is on an invoice; the change history keeps every row deleted.".into(),
        ],
        DeletePlan {
            project_id,
            version: what.version,
            code: code.to_string(),
        },
    );
    Ok(())
}

impl Confirm for DeletePlan {
    fn run(self: Box<Self>, cx: &mut Ctx, _: &mut dyn ScreenAccess) {
        let result = cx.store.delete_billing_plan(self.project_id, self.version);
        let Some(done) = cx.report(result) else {
            return;
        };
        let n = cx.numbers();
        cx.changed();
        cx.info(format!(
            "plan of {} deleted: {} item(s), {}",
            self.code,
            done.parts,
            money_with_code(n, done.total)
        ));
    }
}
