//! Making draft invoices from the selected billable items (one per account and currency), after
//! a dialog with what they come to.

use super::super::item_list::ItemList;
use super::super::work::Confirm;
use super::super::work::ScreenAccess;
use super::super::work::{Ctx, Event};
use crate::presentation::amounts_line;

/// Items with the version the user selected.
pub struct MakeDrafts(pub Vec<(i64, Option<i64>)>);

pub fn ask_make_drafts(list: &ItemList, cx: &mut Ctx) {
    let targets = list.targets();
    let ids: Vec<i64> = targets.iter().map(|(id, _)| *id).collect();
    if ids.is_empty() {
        return cx.error("select billable items first (Space), then press i");
    }
    let Some(preview) = cx.report(cx.store.draft_preview(&ids)) else {
        return;
    };
    if preview.drafts == 0 {
        let why = preview
            .skipped
            .first()
            .map(|s| s.1.clone())
            .unwrap_or_default();
        return cx.error(format!("nothing to invoice: {why}"));
    }
    let mut lines = vec![
        format!(
            "{} item(s) into {} draft invoice(s), one per account and currency:",
            preview.items, preview.drafts
        ),
        amounts_line(cx.numbers(), preview.totals.iter().map(|t| t.amount)),
    ];
    if let Some((_, why)) = preview.skipped.first() {
        lines.push(format!(
            "{} item(s) skipped, e.g. {why}",
            preview.skipped.len()
        ));
    }
    lines.push("Make the drafts?".into());
    let seen = targets.into_iter().map(|(id, v)| (id, Some(v))).collect();
    cx.ask("Make draft invoices", lines, MakeDrafts(seen));
}

impl Confirm for MakeDrafts {
    fn run(self: Box<Self>, cx: &mut Ctx, _: &mut dyn ScreenAccess) {
        let result = cx.store.make_drafts_seen(&self.0, cx.today);
        let Some(made) = cx.report(result) else {
            return;
        };
        cx.emit(Event::ItemSelectionsDone);
        cx.changed();
        let mut msg = format!("{} draft invoice(s) made", made.invoices.len());
        if let Some((id, why)) = made.skipped.first() {
            msg.push_str(&format!(
                "; {} item(s) skipped (item {id}: {why})",
                made.skipped.len()
            ));
        }
        cx.info(msg);
    }
}
