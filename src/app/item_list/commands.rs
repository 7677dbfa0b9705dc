//! The keys both revenue item lists answer: motion, filter, selection, opening the summary and
//! the status changes.

use super::super::history::{Root, open_history};
use super::super::keymap::Cmd;
use super::super::revenue_item::{ItemSummary, open_invoice_of};
use super::super::screen::Handled;
use super::super::selection::Picked;
use super::super::work::{Ctx, Event};
use super::filtered_items::ItemList;
use super::quick_edit::{QuickEdit, QuickField};
use crate::domain::billing_rule::BillingRule;
use crate::domain::object_kind::ObjectKind;
use crate::domain::revenue_item::{ItemField, check_field_edit};
use crate::domain::revenue_status::RevenueStatus;
use crate::store::item_list::ItemRow;

/// Why the field of the row cannot be edited (refused when the key is pressed, not after
/// typing), by the rule the store applies on save; `None` when it can.
fn cannot_edit(row: &ItemRow, field: QuickField, cx: &mut Ctx) -> Option<String> {
    let item_field = match field {
        QuickField::PlannedDate => ItemField::PlannedInvoiceDate,
        QuickField::Amount => ItemField::PlannedAmount,
    };
    let origin = match cx.store.revenue_item(row.id) {
        Ok(item) => item.origin,
        Err(e) => return Some(format!("item {}: {e}", row.id)),
    };
    check_field_edit(row.status, origin, item_field)
        .err()
        .map(|e| format!("item {}: {}", row.id, e.0))
}

impl ItemList {
    /// A command both item lists answer; `Handled::No` leaves it to the screen.
    pub fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
        if self.rows.run(cmd, cx) == Handled::Yes {
            return Handled::Yes;
        }
        match cmd {
            Cmd::SelectAll => self.select_all(cx),
            Cmd::Open => {
                let Some(id) = self.view.current().map(|r| r.id) else {
                    cx.error("nothing to open: the list is empty");
                    return Handled::Yes;
                };
                if let Some(summary) = cx.report(ItemSummary::load(cx.store, id)) {
                    cx.open_view(summary);
                }
            }
            Cmd::History | Cmd::OpenInvoice => {
                let Some(row) = self.view.current().cloned() else {
                    cx.error("no item here: the list is empty");
                    return Handled::Yes;
                };
                if cmd == Cmd::History {
                    let title = format!("item {} {}", row.id, row.name);
                    open_history(
                        title,
                        vec![Root::Object(ObjectKind::RevenueItem, row.id)],
                        cx,
                    );
                } else {
                    open_invoice_of(row.id, cx);
                }
            }
            Cmd::SetOpen => self.set_status(RevenueStatus::Open, cx),
            Cmd::SetBillable => self.set_status(RevenueStatus::Billable, cx),
            Cmd::SetRejected => self.set_status(RevenueStatus::Rejected, cx),
            Cmd::EditDate | Cmd::EditAmount => {
                let field = if cmd == Cmd::EditDate {
                    QuickField::PlannedDate
                } else {
                    QuickField::Amount
                };
                match self.view.current() {
                    // Its amount is what its time and expenses come to: nothing to type.
                    Some(row)
                        if field == QuickField::Amount
                            && row.billing_rule == BillingRule::TimeAndMaterials =>
                    {
                        cx.error(format!(
                            "item {} is time and materials: its amount is what its time and \
                             expenses come to; its estimate is in the form (Enter, then e)",
                            row.id
                        ))
                    }
                    Some(row) => match cannot_edit(row, field, cx) {
                        Some(why) => cx.error(why),
                        None => self.quick = Some(QuickEdit::of(row, field, cx.numbers())),
                    },
                    None => cx.error("nothing to edit: the list is empty"),
                }
            }
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn select_all(&mut self, cx: &mut Ctx) {
        self.select_every(cx, |store, filter| {
            Ok(store
                .item_picks(filter)?
                .into_iter()
                .map(|p| {
                    let picked = Picked {
                        version: p.version,
                        amount: p.amount,
                    };
                    (p.id, picked)
                })
                .collect())
        });
    }

    fn set_status(&mut self, to: RevenueStatus, cx: &mut Ctx) {
        let targets = self.targets();
        if targets.is_empty() {
            return cx.error("nothing selected and the list is empty");
        }
        let result = cx.store.set_status(&targets, to);
        let Some(change) = cx.report(result) else {
            return;
        };
        // Every changed item has a new version: a selection elsewhere would be stale.
        cx.emit(Event::ItemSelectionsDone);
        cx.changed();
        let mut msg = format!("{} item(s) set {}", change.changed.len(), to.label());
        let unchanged = targets.len() - change.changed.len() - change.refused.len();
        if unchanged > 0 {
            msg.push_str(&format!(", {unchanged} already were"));
        }
        match change.refused.first() {
            Some((id, why)) => {
                msg.push_str(&format!(
                    "; {} refused (item {id}: {why})",
                    change.refused.len()
                ));
                cx.error(msg);
            }
            None => cx.info(msg),
        }
    }
}
