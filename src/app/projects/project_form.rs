//! A project's form, new (`n`) or edited (`e`): code, name, account and price list chosen with
//! pickers, currency (the account's when left empty), manager, start date, business unit. A
//! new project starts planned or launched; an edited one changes status with `L` and `C`.

use super::super::form::{Field, Form, Pick};
use super::super::work::{Ctx, FormAction, ScreenAccess};
use super::master_form::{FieldLabels, changed, edit_outcome, mark, take};
use crate::domain::input::parse_date;
use crate::domain::master_field::MasterField;
use crate::store::projects::{Project, ProjectInput};
use crate::store::{Store, StoreError};
use rust_decimal::Decimal;

pub const CODE: &str = "Code";
pub const NAME: &str = "Name";
pub const ACCOUNT: &str = "Account";
pub const CURRENCY: &str = "Currency";
pub const MANAGER: &str = "Manager";
pub const START: &str = "Start date";
pub const PRICE_LIST: &str = "Price list";
pub const UNIT: &str = "Business unit";
pub const STATUS: &str = "Status";

const LABELS: FieldLabels = &[
    (MasterField::Code, CODE),
    (MasterField::Name, NAME),
    (MasterField::Account, ACCOUNT),
    (MasterField::Currency, CURRENCY),
    (MasterField::Manager, MANAGER),
    (MasterField::StartDate, START),
    (MasterField::PriceList, PRICE_LIST),
    (MasterField::BusinessUnit, UNIT),
    (MasterField::Status, STATUS),
];

pub struct NewProject;

/// Saving a project's form, based on the version the user saw.
pub struct EditProject {
    pub id: i64,
    pub version: i64,
}

/// The form of a new project; its manager is the user until changed.
pub fn new_project_form(manager: &str) -> Form {
    Form::new(
        "New project",
        vec![
            Field::line(CODE, ""),
            Field::line(NAME, ""),
            Field::pick(ACCOUNT, Pick::Account, ""),
            Field::line(CURRENCY, ""),
            Field::line(MANAGER, manager),
            Field::line(START, ""),
            Field::pick(PRICE_LIST, Pick::PriceList, ""),
            Field::line(UNIT, ""),
            Field::choice(STATUS, &["planned", "launched"], 0),
        ],
    )
    .with_note("Currency left empty: the account's. Price list left empty: none.")
}

/// The form of a stored project: `account` and `price_list` are the names of its own.
pub fn edit_project_form(p: &Project, account: &str, price_list: Option<&str>) -> Form {
    Form::new(
        format!("Project {}", p.code),
        vec![
            Field::line(CODE, &p.code),
            Field::line(NAME, &p.name),
            Field::pick(ACCOUNT, Pick::Account, account),
            Field::line(CURRENCY, p.currency.code()),
            Field::line(MANAGER, &p.manager),
            Field::line(
                START,
                &p.start_date.map(|d| d.to_string()).unwrap_or_default(),
            ),
            Field::pick(PRICE_LIST, Pick::PriceList, price_list.unwrap_or_default()),
            Field::line(UNIT, &p.business_unit),
            Field::read_only(STATUS, p.status.as_str(), "L launches, C closes"),
        ],
    )
}

/// The account the field names: the one picked, else the one with that name.
fn account_id(store: &Store, form: &mut Form) -> Result<Option<i64>, StoreError> {
    if let Some(id) = form.field(ACCOUNT).and_then(|f| f.chosen()) {
        return Ok(Some(id));
    }
    let name = form.value(ACCOUNT).trim().to_string();
    if name.is_empty() {
        form.set_error(ACCOUNT, "choose the account the project bills");
        return Ok(None);
    }
    match store.account_by_name(&name) {
        Ok(Some(a)) => Ok(Some(a.id)),
        Ok(None) => {
            form.set_error(
                ACCOUNT,
                format!("no account named {name:?}: a makes one, or choose from the list"),
            );
            Ok(None)
        }
        Err(StoreError::Refused(message)) => {
            form.set_error(ACCOUNT, message);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// The price list the field names (`Some(None)`: none), else the field marked (`None`).
fn price_list_id(store: &Store, form: &mut Form) -> Result<Option<Option<i64>>, StoreError> {
    if let Some(id) = form.field(PRICE_LIST).and_then(|f| f.chosen()) {
        return Ok(Some(Some(id)));
    }
    let name = form.value(PRICE_LIST).trim().to_string();
    if name.is_empty() {
        return Ok(Some(None));
    }
    match store.price_list_by_name(&name) {
        Ok(Some(l)) => Ok(Some(Some(l.id))),
        Ok(None) => {
            form.set_error(
                PRICE_LIST,
                format!("no price list named {name:?}: l makes one, or choose from the list"),
            );
            Ok(None)
        }
        Err(StoreError::Refused(message)) => {
            form.set_error(PRICE_LIST, message);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// The start date typed (`Some(None)`: none), else the field marked.
fn start(form: &mut Form) -> Option<Option<chrono::NaiveDate>> {
    match form.value(START).trim() {
        "" => Some(None),
        text => match parse_date(text) {
            Ok(d) => Some(Some(d)),
            Err(e) => {
                form.set_error(START, e.0);
                None
            }
        },
    }
}

fn currency(text: &str) -> Option<String> {
    match text.trim() {
        "" => None,
        c => Some(c.to_uppercase()),
    }
}

impl FormAction for NewProject {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let account = account_id(cx.store, form)?;
        let price_list = price_list_id(cx.store, form)?;
        let start = start(form);
        let (Some(account_id), Some(price_list_id), Some(start_date)) =
            (account, price_list, start)
        else {
            form.focus_first_error();
            return Ok(None);
        };
        let input = ProjectInput {
            ext_key: None,
            code: form.value(CODE),
            name: form.value(NAME),
            account_id,
            currency: currency(&form.value(CURRENCY)),
            manager: form.value(MANAGER),
            status: form.value(STATUS),
            start_date,
            estimated_progress: Decimal::ZERO,
            price_list_id,
            business_unit: form.value(UNIT),
            rates: Vec::new(),
        };
        cx.store
            .create_project(&input)
            .inspect_err(|e| mark(form, LABELS, e))?;
        Ok(Some(format!(
            "project {} created ({})",
            input.code.trim(),
            input.status
        )))
    }
}

impl FormAction for EditProject {
    fn watched(&self) -> Vec<(&'static str, i64)> {
        vec![(
            crate::domain::object_kind::ObjectKind::Project.as_str(),
            self.id,
        )]
    }

    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let stored = cx.store.project(self.id)?;
        let mut input = stored.input();
        take(form, CODE, &mut input.code);
        take(form, NAME, &mut input.name);
        take(form, MANAGER, &mut input.manager);
        take(form, UNIT, &mut input.business_unit);
        if let Some(c) = changed(form, CURRENCY) {
            input.currency = currency(&c);
        }
        if changed(form, ACCOUNT).is_some() {
            match account_id(cx.store, form)? {
                Some(id) => input.account_id = id,
                None => return Ok(None),
            }
        }
        if changed(form, PRICE_LIST).is_some() {
            match price_list_id(cx.store, form)? {
                Some(id) => input.price_list_id = id,
                None => return Ok(None),
            }
        }
        if changed(form, START).is_some() {
            match start(form) {
                Some(d) => input.start_date = d,
                None => return Ok(None),
            }
        }
        let fields = cx
            .store
            .update_project(self.id, self.version, &input, None)
            .inspect_err(|e| mark(form, LABELS, e))?;
        Ok(Some(edit_outcome(
            "project",
            &stored.code,
            &input.code,
            &fields,
        )))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = store.project(self.id)?.version;
        Ok(true)
    }
}
