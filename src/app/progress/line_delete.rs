//! Deleting a contract line whole (`D` on the line list): a dialog that names its periods and
//! its forecast item, or the refusal (a validated period) said at the key.

use super::super::work::Confirm;
use super::super::work::Ctx;
use super::super::work::ScreenAccess;
use super::lines_and_periods::ProgressBilling;
use crate::presentation::money_with_code;

/// The dialog's yes: the line at the version the user saw.
pub struct DeleteLine {
    pub id: i64,
    pub version: i64,
}

pub(super) fn ask_delete_line(screen: &ProgressBilling, cx: &mut Ctx) {
    let Some(line) = &screen.line else {
        return cx.error("no contract line here: n adds one");
    };
    let what = match cx.store.contract_line_deletion(line.id) {
        Ok(what) => what,
        Err(e) => return cx.error(format!("contract line {} stays: {e}", line.id)),
    };
    let n = cx.numbers();
    let forecast = match what.forecast {
        Some((item, amount)) => format!(
            "its forecast item {item} ({}, not validated yet)",
            money_with_code(n, amount)
        ),
        None => "no forecast item".to_string(),
    };
    cx.ask(
        "Delete contract line",
        vec![
            format!("Delete contract line {} ({})?", line.id, what.description),
            format!(
                "It deletes its {} period(s), none validated, and {forecast}.",
                what.periods
            ),
            "The change history keeps every row deleted.".into(),
        ],
        DeleteLine {
            id: line.id,
            version: line.version,
        },
    );
}

impl Confirm for DeleteLine {
    fn run(self: Box<Self>, cx: &mut Ctx, _: &mut dyn ScreenAccess) {
        let result = cx.store.delete_contract_line(self.id, self.version);
        let Some(done) = cx.report(result) else {
            return;
        };
        cx.changed();
        cx.info(format!(
            "contract line {} deleted with {} period(s){}",
            done.line_id,
            done.periods,
            match done.forecast {
                Some((item, _)) => format!(" and forecast item {item}"),
                None => String::new(),
            }
        ));
    }
}
