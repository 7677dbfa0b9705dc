//! Marking a milestone reached, or reopening it, after a dialog that lists the items it releases
//! to invoicing or takes back.

use super::super::work::Confirm;
use super::super::work::Ctx;
use super::super::work::ScreenAccess;
use crate::domain::{Money, NumberFormat};
use crate::presentation::{amounts_line, money_with_code, short};
use crate::store::milestone_list::MilestoneRow;
use crate::store::milestones::ItemEffect;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// How many effect lines a dialog lists before "and N more".
const LISTED: usize = 8;

/// The dialog's yes: reach (`reach`) or reopen, with the version the user saw.
pub struct Reach {
    pub id: i64,
    pub version: i64,
    pub reach: bool,
}

fn effect_line(e: &ItemEffect, n: NumberFormat) -> String {
    let what = format!(
        "item {} {} {}",
        e.item_id,
        short(&e.name, 24),
        money_with_code(n, e.amount)
    );
    match (&e.to, &e.kept) {
        (Some(to), _) => format!("{what}: {} -> {}", e.from.as_str(), to.as_str()),
        (None, Some(why)) => format!("{what}: stays {} ({why})", e.from.as_str()),
        (None, None) => format!("{what}: stays {}", e.from.as_str()),
    }
}

/// "EUR 1,200.00 · USD 50.00" for the items that move.
fn moved_total(effects: &[&ItemEffect], n: NumberFormat) -> String {
    let mut sums: BTreeMap<crate::domain::Currency, Decimal> = BTreeMap::new();
    for e in effects {
        let sum = sums.entry(e.amount.currency).or_default();
        *sum = sum.saturating_add(e.amount.amount);
    }
    amounts_line(n, sums.into_iter().map(|(c, a)| Money::new(a, c)))
}

pub fn ask_reach(row: &MilestoneRow, cx: &mut Ctx) {
    let reach = row.reached.is_none();
    let Some(effects) = cx.report(cx.store.milestone_effects(row.id, reach)) else {
        return;
    };
    let numbers = cx.numbers();
    let who = format!("{} {} ({})", row.project_code, row.code, row.name);
    let mut lines = vec![if reach {
        format!("Mark {who} reached?")
    } else {
        format!("Reopen {who}?")
    }];
    let moving: Vec<&ItemEffect> = effects.iter().filter(|e| e.to.is_some()).collect();
    let kept: Vec<&ItemEffect> = effects.iter().filter(|e| e.to.is_none()).collect();
    lines.push(match (reach, moving.len()) {
        (true, 0) => "It releases no item (none is waiting for it).".into(),
        (true, n) => format!(
            "It releases {n} item(s) for invoicing ({}):",
            moved_total(&moving, numbers)
        ),
        (false, 0) => "It takes back no item.".into(),
        (false, n) => format!(
            "It takes back {n} item(s) ({}):",
            moved_total(&moving, numbers)
        ),
    });
    for e in moving.iter().chain(kept.iter()).take(LISTED) {
        lines.push(format!("  {}", effect_line(e, numbers)));
    }
    if effects.len() > LISTED {
        lines.push(format!("  and {} more", effects.len() - LISTED));
    }
    cx.ask(
        if reach {
            "Milestone reached"
        } else {
            "Reopen milestone"
        },
        lines,
        Reach {
            id: row.id,
            version: row.version,
            reach,
        },
    );
}

impl Confirm for Reach {
    fn run(self: Box<Self>, cx: &mut Ctx, _: &mut dyn ScreenAccess) {
        let result = cx
            .store
            .set_milestone_reached(self.id, self.version, self.reach);
        let Some(effects) = cx.report(result) else {
            return;
        };
        let moved: Vec<&ItemEffect> = effects.iter().filter(|e| e.to.is_some()).collect();
        let kept = effects.len() - moved.len();
        let amount_note = if moved.is_empty() {
            String::new()
        } else {
            format!(" ({})", moved_total(&moved, cx.numbers()))
        };
        cx.changed();
        cx.info(if self.reach {
            format!(
                "milestone reached: {} item(s) released to finance control{amount_note}",
                moved.len()
            )
        } else if kept > 0 {
            format!(
                "milestone reopened: {} item(s) taken back, {kept} kept (on an invoice)",
                moved.len()
            )
        } else {
            format!("milestone reopened: {} item(s) taken back", moved.len())
        });
    }
}
