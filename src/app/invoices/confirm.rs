//! Confirming drafts, from the invoice list, an open draft or finance control: a dialog with the
//! count and the gross total, then numbers given in one transaction.

use super::super::work::Confirm;
use super::super::work::ScreenAccess;
use super::super::work::{Ctx, Event};
use crate::domain::Money;
use crate::domain::invoice_status::InvoiceStatus;
use crate::domain::numbering::DocumentKind;
use crate::presentation::amounts_line;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Drafts to confirm, each with the version the user saw when known.
pub struct ConfirmDrafts(pub Vec<(i64, Option<i64>)>);

/// Asks before confirming `drafts`; refuses at once when one is not a draft.
pub fn ask_confirm(drafts: Vec<(i64, Option<i64>)>, cx: &mut Ctx) {
    if drafts.is_empty() {
        return cx.error("no draft invoice here: make drafts first (i in finance control)");
    }
    let mut totals: BTreeMap<crate::domain::Currency, Decimal> = BTreeMap::new();
    // One query for all of them, without their lines: a filter's thousand drafts at once.
    let ids: Vec<i64> = drafts.iter().map(|&(id, _)| id).collect();
    let Some(picks) = cx.report(cx.store.invoice_picks_of(&ids)) else {
        return;
    };
    if picks.len() < ids.len() {
        return cx.error(format!(
            "{} of the {} selected are gone (deleted meanwhile): select again",
            ids.len() - picks.len(),
            ids.len()
        ));
    }
    for inv in picks {
        if inv.status != InvoiceStatus::Draft {
            return cx.error(format!(
                "{} is already confirmed: only drafts are confirmed (status:draft then a selects the drafts)",
                inv.number.as_deref().unwrap_or("the invoice")
            ));
        }
        // Credit notes take away.
        let signed = match inv.kind {
            DocumentKind::CreditNote => -inv.gross.amount,
            DocumentKind::Invoice => inv.gross.amount,
        };
        let sum = totals.entry(inv.gross.currency).or_default();
        match sum.checked_add(signed) {
            Some(s) => *sum = s,
            None => return cx.error("the drafts add up to more than can be shown: confirm fewer"),
        }
    }
    cx.ask(
        "Confirm invoices",
        vec![
            format!(
                "Confirm {} draft(s), gross total {}?",
                drafts.len(),
                amounts_line(
                    cx.numbers(),
                    totals.into_iter().map(|(c, a)| Money::new(a, c))
                )
            ),
            "Confirmed invoices get their number and never change.".into(),
        ],
        ConfirmDrafts(drafts),
    );
}

impl Confirm for ConfirmDrafts {
    fn run(self: Box<Self>, cx: &mut Ctx, _: &mut dyn ScreenAccess) {
        let result = cx.store.confirm_seen(&self.0, cx.today);
        let Some(run) = cx.report(result) else {
            return;
        };
        cx.emit(Event::InvoiceSelectionsDone);
        cx.emit(Event::ItemSelectionsDone);
        cx.changed();
        let numbers: Vec<&str> = run.confirmed.iter().map(|c| c.number.as_str()).collect();
        // A bulk run names its first and last numbers, not a thousand of them.
        let named = match numbers.as_slice() {
            [first, _, _, _, .., last] => format!("{first} to {last}"),
            few => few.join(", "),
        };
        let mut msg = format!("{} confirmed: {named}", run.confirmed.len());
        if let Some((id, why)) = run.refused.first() {
            msg.push_str(&format!(
                "; {} refused (draft {id}: {why})",
                run.refused.len()
            ));
            return cx.error(msg);
        }
        cx.info(msg);
    }
}
