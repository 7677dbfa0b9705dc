//! What the keys of the milestones screen do: move, mark a milestone reached or reopen it
//! (after a dialog listing what it releases or takes back), set its progress, edit the plan.

use super::dialog::Pending;
use super::format::amount;
use super::keymap::Cmd;
use super::list_actions::move_view;
use super::state::App;
use crate::store::StoreError;
use crate::store::milestones::ItemEffect;

/// How many effect lines a dialog lists before "and N more".
const LISTED: usize = 8;

fn effect_line(e: &ItemEffect) -> String {
    let name = super::format::short(&e.name, 24);
    let what = format!(
        "item {} {} {} {}",
        e.item_id,
        name,
        e.currency,
        amount(e.amount)
    );
    match (&e.to, &e.kept) {
        (Some(to), _) => format!("{what}: {} -> {}", e.from.as_str(), to.as_str()),
        (None, Some(why)) => format!("{what}: stays {} ({why})", e.from.as_str()),
        (None, None) => format!("{what}: stays {}", e.from.as_str()),
    }
}

/// "EUR 1,200.00 · USD 50.00" for the items that move.
fn moved_total(effects: &[&ItemEffect]) -> String {
    let mut sums: std::collections::BTreeMap<String, rust_decimal::Decimal> = Default::default();
    for e in effects {
        *sums.entry(e.currency.code().to_string()).or_default() += e.amount;
    }
    sums.iter()
        .map(|(c, a)| format!("{c} {}", amount(*a)))
        .collect::<Vec<_>>()
        .join(" · ")
}

impl App {
    pub(super) fn load_milestones(&mut self) -> Result<(), StoreError> {
        let store = &self.store;
        let m = &mut self.milestones;
        m.list.set_total(store.milestone_count()?);
        m.list.top(&mut |b, n| store.milestone_rows(b, n))?;
        m.load_plan(store, true)
    }

    pub(super) fn refresh_milestones(&mut self) {
        let store = &self.store;
        let m = &mut self.milestones;
        let result = store.milestone_count().and_then(|n| {
            m.list.set_total(n);
            m.list.reload(&mut |b, n| store.milestone_rows(b, n))?;
            m.load_plan(store, true)
        });
        self.report(result);
    }

    pub(super) fn milestone_cmd(&mut self, cmd: Cmd) {
        match cmd {
            Cmd::Down | Cmd::Up | Cmd::PageDown | Cmd::PageUp | Cmd::Top | Cmd::Bottom => {
                let store = &self.store;
                let m = &mut self.milestones;
                let result = move_view(&mut m.list, cmd, &mut |b, n| store.milestone_rows(b, n))
                    .and_then(|_| m.load_plan(store, false));
                self.report(result);
            }
            Cmd::Reach => self.ask_reach(),
            Cmd::SetProgress => self.open_milestone_progress_form(),
            Cmd::EditPlan => self.ask_plan_project(),
            _ => {}
        }
    }

    fn ask_reach(&mut self) {
        let Some(row) = self.milestones.list.current().cloned() else {
            return self.error("no milestone here");
        };
        let reach = row.reached.is_none();
        let Some(effects) = self.report(self.store.milestone_effects(row.id, reach)) else {
            return;
        };
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
                moved_total(&moving)
            ),
            (false, 0) => "It takes back no item.".into(),
            (false, n) => format!("It takes back {n} item(s) ({}):", moved_total(&moving)),
        });
        for e in moving.iter().chain(kept.iter()).take(LISTED) {
            lines.push(format!("  {}", effect_line(e)));
        }
        if effects.len() > LISTED {
            lines.push(format!("  and {} more", effects.len() - LISTED));
        }
        self.ask(
            if reach {
                "Milestone reached"
            } else {
                "Reopen milestone"
            },
            lines,
            Pending::Reach {
                id: row.id,
                version: row.version,
                reach,
            },
        );
    }

    pub(super) fn reach_milestone(&mut self, id: i64, version: i64, reach: bool) {
        let result = self.store.set_milestone_reached(id, version, reach);
        let Some(effects) = self.report(result) else {
            return;
        };
        let moved: Vec<&ItemEffect> = effects.iter().filter(|e| e.to.is_some()).collect();
        let kept = effects.len() - moved.len();
        let amount_note = if moved.is_empty() {
            String::new()
        } else {
            format!(" ({})", moved_total(&moved))
        };
        self.refresh_all();
        self.info(if reach {
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
