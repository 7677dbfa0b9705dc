//! `Delete` on a selection: every selected item goes, after a dialog that names how many and
//! their total, in one transaction; an item a rule keeps (on an invoice, changed by someone
//! else since it was selected) stays and is named, as `o` `b` `x` do.

use super::super::work::{Confirm, Ctx, Event, ScreenAccess};
use super::filtered_items::ItemList;
use crate::presentation::amounts_line;

/// Deleting the selected items seen at their versions (the dialog's yes).
pub struct DeleteItems {
    pub targets: Vec<(i64, i64)>,
}

/// Asks before deleting the selection of `list`.
pub fn ask_delete_selected(list: &ItemList, cx: &mut Ctx) {
    let targets = list.selection.ids_with_versions();
    let total = amounts_line(
        cx.numbers(),
        list.selection.totals().into_iter().map(|t| t.amount),
    );
    cx.ask(
        "Delete revenue items",
        vec![
            format!("Delete {} selected item(s), {total}?", targets.len()),
            "Items on an invoice are kept; the change history of every item stays.".into(),
        ],
        DeleteItems { targets },
    );
}

impl Confirm for DeleteItems {
    fn run(self: Box<Self>, cx: &mut Ctx, _: &mut dyn ScreenAccess) {
        let result = cx.store.delete_revenue_items(&self.targets);
        let Some(change) = cx.report(result) else {
            return;
        };
        cx.emit(Event::ItemSelectionsDone);
        cx.changed();
        let mut msg = format!("{} item(s) deleted", change.changed.len());
        match change.refused.first() {
            Some((id, why)) => {
                msg.push_str(&format!(
                    "; {} kept (item {id}: {why})",
                    change.refused.len()
                ));
                cx.error(msg);
            }
            None => cx.info(msg),
        }
    }
}
