//! Making draft invoices from the selected billable items (one per account and currency), after
//! a dialog with what they come to.

use super::super::item_list::ItemList;
use super::super::work::Confirm;
use super::super::work::ScreenAccess;
use super::super::work::{Ctx, Event};
use crate::presentation::amounts_line;

/// How many items planned after the horizon the dialog names one by one.
const LATER_NAMED: usize = 5;

/// Items with the version the user selected.
pub struct MakeDrafts(pub Vec<(i64, Option<i64>)>);

pub fn ask_make_drafts(list: &ItemList, cx: &mut Ctx) {
    let targets = list.targets();
    let ids: Vec<i64> = targets.iter().map(|(id, _)| *id).collect();
    if ids.is_empty() {
        return cx.error("select billable items first (Space), then press i");
    }
    let horizon = list.filter.horizon();
    let Some(preview) = cx.report(cx.store.draft_preview_until(&ids, horizon)) else {
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
    // Selected before the horizon moved in (or kept from a wider one): named, never drafted
    // unseen.
    if let (Some(h), [.., last]) = (horizon, preview.later.as_slice()) {
        lines.push(format!(
            "{} of them planned after {h}, the horizon:",
            preview.later.len()
        ));
        for (id, date, label) in preview.later.iter().take(LATER_NAMED) {
            lines.push(format!("  item {id} {date} {label}"));
        }
        if preview.later.len() > LATER_NAMED {
            lines.push(format!(
                "  and {} more, the last planned {}",
                preview.later.len() - LATER_NAMED,
                last.1
            ));
        }
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
