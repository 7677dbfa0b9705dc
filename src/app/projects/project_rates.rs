//! A project's own rates (`r`), which override its price list's: one per line, as in a price
//! list's form.

use super::super::form::{Field, Form};
use super::super::work::{Ctx, FormAction, ScreenAccess};
use super::master_form::mark;
use super::rates_text::{rates_text, read_rates};
use crate::domain::master_field::MasterField;
use crate::store::projects::Project;
use crate::store::{Store, StoreError};

pub const RATES: &str = "Rates (role; person; rate)";

/// Saving the project's rates, based on the version the user saw.
pub struct ProjectRates {
    pub id: i64,
    pub version: i64,
}

pub fn open_rates_form(p: &Project, cx: &mut Ctx) {
    let form = Form::new(
        format!("Own rates of project {}", p.code),
        vec![Field::multi(RATES, &rates_text(&p.rates, cx.numbers()))],
    )
    .with_note("They win over the price list's. One per line: role; rate, or role; person; rate.");
    cx.open_form(
        form,
        ProjectRates {
            id: p.id,
            version: p.version,
        },
    );
}

impl FormAction for ProjectRates {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let rates = match read_rates(&form.value(RATES), cx.numbers()) {
            Ok(r) => r,
            Err(e) => {
                form.set_error(RATES, e);
                return Ok(None);
            }
        };
        let stored = cx.store.project(self.id)?;
        let mut input = stored.input();
        input.rates = rates;
        let fields = cx
            .store
            .update_project(self.id, self.version, &input, None)
            .inspect_err(|e| mark(form, &[(MasterField::Rates, RATES)], e))?;
        Ok(Some(if fields.is_empty() {
            format!("rates of {}: nothing changed", stored.code)
        } else {
            format!("rates of {} saved", stored.code)
        }))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = store.project(self.id)?.version;
        Ok(true)
    }
}
