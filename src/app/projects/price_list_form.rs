//! Price lists from the projects screen: `l` asks which (a picker, the project's list first);
//! one chosen opens its form, a name no list has opens a new one. The form holds the name, the
//! currency and the rates, one per line.

use super::super::form::{Field, Form, Pick};
use super::super::work::{Ctx, FormAction, ScreenAccess};
use super::master_form::{FieldLabels, changed, edit_outcome, mark, take};
use super::rates_text::{rates_text, read_rates};
use crate::domain::NumberFormat;
use crate::domain::master_field::MasterField;
use crate::store::price_lists::{PriceList, PriceListInput};
use crate::store::{Store, StoreError};

pub const WHICH: &str = "Price list";
pub const NAME: &str = "Name";
pub const CURRENCY: &str = "Currency";
pub const RATES: &str = "Rates (role; person; rate)";

const LABELS: FieldLabels = &[
    (MasterField::Name, NAME),
    (MasterField::Currency, CURRENCY),
    (MasterField::Rates, RATES),
];

/// Which price list: the one picked, or a new one by the name typed.
pub struct PriceListQuestion;

pub struct NewPriceList;

/// Saving a price list's form, based on the version the user saw.
pub struct EditPriceList {
    pub id: i64,
    pub version: i64,
}

/// Asks which price list to edit (or which name to make one with), `current` offered first.
pub fn ask_price_list(current: &str, cx: &mut Ctx) {
    let form = Form::new(
        "Which price list?",
        vec![Field::pick(WHICH, Pick::PriceList, current)],
    )
    .with_note("Enter edits the price list chosen; a name no list has makes a new one.");
    cx.open_form(form, PriceListQuestion);
}

fn price_list_form(title: String, p: &PriceListInput, n: NumberFormat) -> Form {
    Form::new(
        title,
        vec![
            Field::line(NAME, &p.name),
            Field::line(CURRENCY, &p.currency),
            Field::multi(RATES, &rates_text(&p.rates, n)),
        ],
    )
    .with_note("One rate per line: role; rate, or role; person; rate (the person's wins).")
}

fn edit_form(p: &PriceList, n: NumberFormat) -> Form {
    price_list_form(format!("Price list {}", p.name), &p.input(), n)
}

/// The rates of the form, or the field marked.
fn rates(form: &mut Form, n: NumberFormat) -> Option<Vec<crate::domain::rates::Rate>> {
    read_rates(&form.value(RATES), n)
        .map_err(|e| form.set_error(RATES, e))
        .ok()
}

impl FormAction for PriceListQuestion {
    fn changes_data(&self) -> bool {
        false
    }

    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let name = form.value(WHICH).trim().to_string();
        if name.is_empty() {
            form.set_error(WHICH, "type a name, or choose a price list from the list");
            return Ok(None);
        }
        let found = match form.field(WHICH).and_then(|f| f.chosen()) {
            Some(id) => Some(cx.store.price_list(id)?),
            None => cx.store.price_list_by_name(&name)?,
        };
        match found {
            Some(p) => {
                let version = p.version;
                cx.open_form(
                    edit_form(&p, cx.numbers()),
                    EditPriceList { id: p.id, version },
                );
                Ok(Some(format!("price list {}", p.name)))
            }
            None => {
                let input = PriceListInput {
                    name,
                    currency: "EUR".into(),
                    ..PriceListInput::default()
                };
                cx.open_form(
                    price_list_form("New price list".into(), &input, cx.numbers()),
                    NewPriceList,
                );
                Ok(Some(format!("new price list {}", input.name)))
            }
        }
    }
}

impl FormAction for NewPriceList {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let Some(rates) = rates(form, cx.numbers()) else {
            form.focus_first_error();
            return Ok(None);
        };
        let input = PriceListInput {
            ext_key: None,
            name: form.value(NAME),
            currency: form.value(CURRENCY).trim().to_uppercase(),
            rates,
        };
        cx.store
            .create_price_list(&input)
            .inspect_err(|e| mark(form, LABELS, e))?;
        Ok(Some(format!("price list {} created", input.name.trim())))
    }
}

impl FormAction for EditPriceList {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let stored = cx.store.price_list(self.id)?;
        let mut input = stored.input();
        take(form, NAME, &mut input.name);
        if let Some(c) = changed(form, CURRENCY) {
            input.currency = c.to_uppercase();
        }
        if changed(form, RATES).is_some() {
            match rates(form, cx.numbers()) {
                Some(r) => input.rates = r,
                None => {
                    form.focus_first_error();
                    return Ok(None);
                }
            }
        }
        let fields = cx
            .store
            .update_price_list(self.id, self.version, &input, None)
            .inspect_err(|e| mark(form, LABELS, e))?;
        Ok(Some(edit_outcome(
            "price list",
            &stored.name,
            &input.name,
            &fields,
        )))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = store.price_list(self.id)?.version;
        Ok(true)
    }
}
