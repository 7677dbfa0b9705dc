//! A person's cost rate, new or edited, from the cost rates (`n`, `e`), and its deletion
//! (asked). An edit carries only the fields the user changed and is refused, with who and when,
//! when the rate changed since the form opened; a refusal naming a field shows beside it.

use super::super::form::{Field, Form};
use super::super::work::{Confirm, Ctx, FormAction, ScreenAccess};
use super::master_form::{FieldLabels, edit_outcome, mark, take};
use crate::domain::NumberFormat;
use crate::domain::cost_rate::CostRateInput;
use crate::domain::dates;
use crate::domain::input::{parse_date, parse_decimal};
use crate::domain::master_field::MasterField;
use crate::domain::object_kind::ObjectKind;
use crate::store::cost_rates::StoredCostRate;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;

pub const PERSON: &str = "Person";
pub const CURRENCY: &str = "Currency";
pub const FROM: &str = "Valid from";
pub const COST: &str = "Hourly cost";

const LABELS: FieldLabels = &[
    (MasterField::Person, PERSON),
    (MasterField::Currency, CURRENCY),
    (MasterField::ValidFrom, FROM),
    (MasterField::HourlyCost, COST),
];

const NOTE: &str = "The cost of an hour of the person's time, from the day given (empty: always) until their next rate in the currency. Projects in the currency cost their hours at it.";

pub struct NewCostRate;

/// Saving a cost rate's form, based on the version the user saw.
pub struct EditCostRate {
    pub id: i64,
    pub version: i64,
}

/// The dialog's yes: delete the rate seen at `version`.
pub struct DeleteCostRate {
    pub id: i64,
    pub version: i64,
    pub describe: String,
}

/// The first day as the form shows it: empty for always.
fn from_text(day: NaiveDate) -> String {
    if day == dates::FIRST {
        String::new()
    } else {
        day.to_string()
    }
}

/// The form, the hourly cost as typed text (ungrouped, in the user's format, so that it reads
/// back as itself).
fn form(title: String, r: &CostRateInput, cost: &str) -> Form {
    Form::new(
        title,
        vec![
            Field::line(PERSON, &r.person),
            Field::line(CURRENCY, &r.currency),
            Field::line(FROM, &from_text(r.valid_from)),
            Field::line(COST, cost),
        ],
    )
    .with_note(NOTE)
}

pub fn new_cost_rate_form(person: &str, currency: &str) -> Form {
    let blank = CostRateInput {
        person: person.to_string(),
        currency: currency.to_string(),
        valid_from: dates::FIRST,
        hourly_cost: Default::default(),
    };
    form("New cost rate".into(), &blank, "")
}

pub fn edit_cost_rate_form(r: &StoredCostRate, n: NumberFormat) -> Form {
    form(
        format!("Cost rate of {}", r.describe()),
        &r.input(),
        &n.plain(r.hourly_cost),
    )
}

/// The first day typed (empty: always), or the field marked.
fn valid_from(form: &mut Form) -> Option<NaiveDate> {
    let text = form.value(FROM);
    if text.trim().is_empty() {
        return Some(dates::FIRST);
    }
    parse_date(&text)
        .map_err(|e| form.set_error(FROM, e.0))
        .ok()
}

/// The hourly cost typed in the user's number format, or the field marked.
fn hourly_cost(form: &mut Form, n: NumberFormat) -> Option<rust_decimal::Decimal> {
    let text = form.value(COST);
    if text.trim().is_empty() {
        form.set_error(COST, "type what an hour costs, e.g. 62.50");
        return None;
    }
    parse_decimal(&text, n)
        .map_err(|e| form.set_error(COST, e.0))
        .ok()
}

impl FormAction for NewCostRate {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let from = valid_from(form);
        let cost = hourly_cost(form, cx.numbers());
        let (Some(valid_from), Some(hourly_cost)) = (from, cost) else {
            form.focus_first_error();
            return Ok(None);
        };
        let input = CostRateInput {
            person: form.value(PERSON),
            currency: form.value(CURRENCY).trim().to_uppercase(),
            valid_from,
            hourly_cost,
        };
        cx.store
            .create_cost_rate(&input)
            .inspect_err(|e| mark(form, LABELS, e))?;
        Ok(Some(format!(
            "cost rate of {} created",
            input.person.trim()
        )))
    }
}

impl FormAction for EditCostRate {
    fn watched(&self) -> Vec<(&'static str, i64)> {
        vec![(ObjectKind::CostRate.as_str(), self.id)]
    }

    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let stored = cx.store.cost_rate(self.id)?;
        let mut input = stored.input();
        take(form, PERSON, &mut input.person);
        if let Some(c) = super::master_form::changed(form, CURRENCY) {
            input.currency = c.to_uppercase();
        }
        if form.field(FROM).is_some_and(|f| f.changed()) {
            match valid_from(form) {
                Some(d) => input.valid_from = d,
                None => return Ok(None),
            }
        }
        if form.field(COST).is_some_and(|f| f.changed()) {
            match hourly_cost(form, cx.numbers()) {
                Some(c) => input.hourly_cost = c,
                None => return Ok(None),
            }
        }
        let fields = cx
            .store
            .update_cost_rate(self.id, self.version, &input)
            .inspect_err(|e| mark(form, LABELS, e))?;
        Ok(Some(edit_outcome(
            "cost rate",
            &stored.describe(),
            &format!("of {}", input.person.trim()),
            &fields,
        )))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = store.cost_rate(self.id)?.version;
        Ok(true)
    }
}

impl Confirm for DeleteCostRate {
    fn run(self: Box<Self>, cx: &mut Ctx, _: &mut dyn ScreenAccess) {
        let result = cx.store.delete_cost_rate(self.id, self.version);
        if cx.report(result).is_some() {
            cx.changed();
            cx.info(format!("cost rate {} deleted", self.describe));
        }
    }
}
