//! How far ahead finance control looks: a date, or no limit.

use super::super::form::{Field, Form};
use super::super::work::Ctx;
use super::super::work::FormAction;
use super::super::work::ScreenAccess;
use super::control_list::FinanceControl;
use crate::domain::input::parse_date;
use crate::store::StoreError;
use crate::store::item_list::no_horizon;

const UP_TO: &str = "Planned up to";

pub struct Horizon;

pub fn open_horizon_form(screen: &FinanceControl, cx: &mut Ctx) {
    let until = screen.list.filter.horizon();
    let form = Form::new(
        "Finance control: items planned up to (empty: no limit)",
        vec![Field::line(
            UP_TO,
            &until.map(|d| d.to_string()).unwrap_or_default(),
        )],
    );
    cx.open_form(form, Horizon);
}

impl FormAction for Horizon {
    fn changes_data(&self) -> bool {
        false
    }

    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        screens: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let text = form.value(UP_TO);
        let until = if text.trim().is_empty() {
            no_horizon()
        } else {
            match parse_date(&text) {
                Ok(d) => d,
                Err(e) => {
                    form.set_error(UP_TO, e.0);
                    return Ok(None);
                }
            }
        };
        let Some(screen) = screens.get_mut::<FinanceControl>() else {
            return Err(StoreError::refused("finance control is not on the tab bar"));
        };
        screen.list.filter.due_until = Some(until);
        screen.list.load(cx)?;
        Ok(Some(if until == no_horizon() {
            "finance control: every billable and draft-invoice item, whatever its date".into()
        } else {
            format!("finance control: items planned up to {until}")
        }))
    }
}
