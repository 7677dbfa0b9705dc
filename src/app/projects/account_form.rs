//! Accounts from the projects screen: `a` asks which (a picker, the project's account first);
//! one chosen opens its form, a name no account has opens a new one. The form holds the billing
//! details, the address in parts, VAT id, currency, payment terms and business unit.

use super::super::form::{Field, Form, Pick};
use super::super::work::{Ctx, FormAction, ScreenAccess};
use super::master_form::{FieldLabels, changed, days, edit_outcome, mark, take};
use crate::domain::master_field::MasterField;
use crate::store::accounts::{Account, AccountInput};
use crate::store::{Store, StoreError};

pub const WHICH: &str = "Account";
pub const NAME: &str = "Name";
pub const CONTACT: &str = "Billing contact";
pub const EMAIL: &str = "Email";
pub const LINE1: &str = "Address line 1";
pub const LINE2: &str = "Address line 2";
pub const POSTCODE: &str = "Postcode";
pub const CITY: &str = "City";
pub const COUNTRY: &str = "Country code";
pub const VAT_ID: &str = "VAT id";
pub const CURRENCY: &str = "Currency";
pub const TERMS: &str = "Payment terms (days)";
pub const UNIT: &str = "Business unit";

const LABELS: FieldLabels = &[
    (MasterField::Name, NAME),
    (MasterField::BillingContact, CONTACT),
    (MasterField::Email, EMAIL),
    (MasterField::AddressLine1, LINE1),
    (MasterField::AddressLine2, LINE2),
    (MasterField::Postcode, POSTCODE),
    (MasterField::City, CITY),
    (MasterField::CountryCode, COUNTRY),
    (MasterField::VatId, VAT_ID),
    (MasterField::Currency, CURRENCY),
    (MasterField::PaymentTerms, TERMS),
    (MasterField::BusinessUnit, UNIT),
];

/// Which account: the one picked, or a new one by the name typed.
pub struct AccountQuestion;

pub struct NewAccount;

/// Saving an account's form, based on the version the user saw.
pub struct EditAccount {
    pub id: i64,
    pub version: i64,
}

/// Asks which account to edit (or which name to make one with), `current` offered first.
pub fn ask_account(current: &str, cx: &mut Ctx) {
    let form = Form::new(
        "Which account?",
        vec![Field::pick(WHICH, Pick::Account, current)],
    )
    .with_note("Enter edits the account chosen; a name no account has makes a new one.");
    cx.open_form(form, AccountQuestion);
}

fn account_form(title: String, a: &AccountInput) -> Form {
    Form::new(
        title,
        vec![
            Field::line(NAME, &a.name),
            Field::line(CONTACT, &a.billing_contact),
            Field::line(EMAIL, &a.email),
            Field::line(LINE1, &a.address_line1),
            Field::line(LINE2, &a.address_line2),
            Field::line(POSTCODE, &a.postcode),
            Field::line(CITY, &a.city),
            Field::line(COUNTRY, &a.country_code),
            Field::line(VAT_ID, &a.vat_id),
            Field::line(CURRENCY, &a.currency),
            Field::line(TERMS, &a.payment_terms_days.to_string()),
            Field::line(UNIT, &a.business_unit),
        ],
    )
}

/// The form of a new account named `name`.
pub fn new_account_form(name: &str) -> Form {
    let input = AccountInput {
        name: name.trim().to_string(),
        currency: "EUR".into(),
        payment_terms_days: 30,
        ..AccountInput::default()
    };
    account_form("New account".into(), &input)
}

pub fn edit_account_form(a: &Account) -> Form {
    account_form(format!("Account {}", a.name), &a.input())
}

/// Every field of the form as an account (a new one).
fn read_all(form: &mut Form) -> Option<AccountInput> {
    form.clear_errors();
    let terms = days(form, TERMS);
    let input = AccountInput {
        ext_key: None,
        name: form.value(NAME),
        billing_contact: form.value(CONTACT),
        email: form.value(EMAIL),
        address_line1: form.value(LINE1),
        address_line2: form.value(LINE2),
        postcode: form.value(POSTCODE),
        city: form.value(CITY),
        country_code: form.value(COUNTRY),
        vat_id: form.value(VAT_ID),
        currency: form.value(CURRENCY).trim().to_uppercase(),
        payment_terms_days: terms?,
        business_unit: form.value(UNIT),
    };
    Some(input)
}

/// The stored account with the fields the user changed put in.
fn read_changes(form: &mut Form, mut a: AccountInput) -> Option<AccountInput> {
    form.clear_errors();
    take(form, NAME, &mut a.name);
    take(form, CONTACT, &mut a.billing_contact);
    take(form, EMAIL, &mut a.email);
    take(form, LINE1, &mut a.address_line1);
    take(form, LINE2, &mut a.address_line2);
    take(form, POSTCODE, &mut a.postcode);
    take(form, CITY, &mut a.city);
    take(form, COUNTRY, &mut a.country_code);
    take(form, VAT_ID, &mut a.vat_id);
    take(form, UNIT, &mut a.business_unit);
    if let Some(c) = changed(form, CURRENCY) {
        a.currency = c.to_uppercase();
    }
    if changed(form, TERMS).is_some() {
        a.payment_terms_days = days(form, TERMS)?;
    }
    Some(a)
}

impl FormAction for AccountQuestion {
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
            form.set_error(WHICH, "type a name, or choose an account from the list");
            return Ok(None);
        }
        let chosen = form.field(WHICH).and_then(|f| f.chosen());
        let found = match chosen {
            Some(id) => Some(cx.store.account(id)?),
            None => find_by_name(cx.store, form, &name)?,
        };
        match found {
            Some(a) => {
                let version = a.version;
                cx.open_form(edit_account_form(&a), EditAccount { id: a.id, version });
                Ok(Some(format!("account {}", a.name)))
            }
            None if form.has_errors() => Ok(None),
            None => {
                cx.open_form(new_account_form(&name), NewAccount);
                Ok(Some(format!("new account {name}")))
            }
        }
    }
}

/// The account with this name; a name several accounts share is marked (choose from the list).
fn find_by_name(store: &Store, form: &mut Form, name: &str) -> Result<Option<Account>, StoreError> {
    match store.account_by_name(name) {
        Ok(found) => Ok(found),
        Err(StoreError::Refused(message)) => {
            form.set_error(WHICH, message);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

impl FormAction for NewAccount {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        let Some(input) = read_all(form) else {
            form.focus_first_error();
            return Ok(None);
        };
        cx.store
            .create_account(&input)
            .inspect_err(|e| mark(form, LABELS, e))?;
        Ok(Some(format!("account {} created", input.name.trim())))
    }
}

impl FormAction for EditAccount {
    fn watched(&self) -> Vec<(&'static str, i64)> {
        vec![(
            crate::domain::object_kind::ObjectKind::Account.as_str(),
            self.id,
        )]
    }

    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        let stored = cx.store.account(self.id)?;
        let Some(input) = read_changes(form, stored.input()) else {
            form.focus_first_error();
            return Ok(None);
        };
        let fields = cx
            .store
            .update_account(self.id, self.version, &input, None)
            .inspect_err(|e| mark(form, LABELS, e))?;
        Ok(Some(edit_outcome(
            "account",
            &stored.name,
            &input.name,
            &fields,
        )))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = store.account(self.id)?.version;
        Ok(true)
    }
}
