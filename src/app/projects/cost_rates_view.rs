//! People's cost rates (`K` on the projects screen): every rate by person, currency and first
//! day; `n` adds one (for the person under the cursor), `e` edits the one under the cursor,
//! Delete deletes it (asked), `H` shows its history. Finance and admins change them, as other
//! master data; everyone may look.

use super::super::history::{Root, open_history};
use super::super::keymap::{Cmd, Context};
use super::super::list_view::move_index;
use super::super::work::{Ctx, View, ViewStep};
use super::cost_rate_form::{
    DeleteCostRate, EditCostRate, NewCostRate, edit_cost_rate_form, new_cost_rate_form,
};
use super::keys::COST_RATES;
use crate::domain::Money;
use crate::domain::object_kind::ObjectKind;
use crate::domain::rights::Action;
use crate::presentation::money_with_code;
use crate::store::cost_rates::StoredCostRate;
use crate::store::{Result, Store};

pub struct CostRates {
    pub rows: Vec<StoredCostRate>,
    pub cursor: usize,
}

const NONE_YET: &str = "no cost rate yet: n adds one, or finctl import cost-rates FILE";

impl CostRates {
    pub fn load(store: &Store) -> Result<CostRates> {
        Ok(CostRates {
            rows: store.cost_rates()?,
            cursor: 0,
        })
    }

    pub fn current(&self) -> Option<&StoredCostRate> {
        self.rows.get(self.cursor)
    }
}

impl View for CostRates {
    fn keys(&self) -> Context {
        COST_RATES
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> ViewStep {
        match cmd {
            Cmd::Back => return ViewStep::Close,
            _ if cmd.is_motion() => {
                self.cursor = move_index(self.cursor, self.rows.len(), 10, cmd);
            }
            Cmd::History => match self.current() {
                Some(r) => open_history(
                    format!("cost rate {}", r.describe()),
                    vec![Root::Object(ObjectKind::CostRate, r.id)],
                    cx,
                ),
                None => cx.error(NONE_YET),
            },
            Cmd::New => {
                if cx.allowed(Action::EditMasterData) {
                    let (person, currency) = self
                        .current()
                        .map(|r| (r.person.clone(), r.currency.code().to_string()))
                        .unwrap_or_else(|| (String::new(), "EUR".to_string()));
                    cx.open_form(new_cost_rate_form(&person, &currency), NewCostRate);
                }
            }
            Cmd::Edit | Cmd::Delete => {
                let Some(r) = self.current().cloned() else {
                    cx.error(NONE_YET);
                    return ViewStep::Stay;
                };
                if !cx.allowed(Action::EditMasterData) {
                    return ViewStep::Stay;
                }
                if cmd == Cmd::Edit {
                    cx.open_form(
                        edit_cost_rate_form(&r, cx.numbers()),
                        EditCostRate {
                            id: r.id,
                            version: r.version,
                        },
                    );
                } else {
                    let cost = money_with_code(cx.numbers(), Money::new(r.hourly_cost, r.currency));
                    cx.ask(
                        "Delete cost rate",
                        vec![
                            format!("{}: {cost} an hour", r.describe()),
                            "Delete it? Its hours then cost at the rate before it, or count as without a cost rate. Its change history stays.".into(),
                        ],
                        DeleteCostRate {
                            id: r.id,
                            version: r.version,
                            describe: r.describe(),
                        },
                    );
                }
            }
            _ => return ViewStep::NotHere,
        }
        ViewStep::Stay
    }

    /// After a change: the rates as they are now, the cursor on the rate it was on.
    fn reload(&mut self, store: &Store) -> Result<bool> {
        let on = self.current().map(|r| r.id);
        let fresh = CostRates::load(store)?;
        let cursor = fresh
            .rows
            .iter()
            .position(|r| Some(r.id) == on)
            .unwrap_or(self.cursor)
            .min(fresh.rows.len().saturating_sub(1));
        *self = CostRates { cursor, ..fresh };
        Ok(true)
    }
}
