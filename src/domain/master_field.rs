//! The fields of master data (accounts, price lists, projects, milestones, time reports and
//! expenses) and the checks of their values, each refusal naming its field so that a form can
//! show it beside that field and an import beside the column: the pattern of
//! `revenue_item::FieldError`, shared by every master-data object. Also the comparison of two
//! states of a record, field by field, that the change history records.

use super::money::check_amount_range;
use super::scaled::SCALE;
use super::{Currency, DomainError};
use rust_decimal::Decimal;
use std::fmt;

/// A field of a master-data record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MasterField {
    /// The row's key in the system it was imported from.
    ExtKey,
    Name,
    Code,
    BillingContact,
    Email,
    AddressLine1,
    AddressLine2,
    Postcode,
    City,
    CountryCode,
    VatId,
    Currency,
    PaymentTerms,
    BusinessUnit,
    Account,
    Manager,
    Status,
    StartDate,
    EstimatedProgress,
    PriceList,
    Rates,
    Project,
    DueDate,
    Person,
    Role,
    WorkDate,
    Hours,
    Billable,
    Description,
    ExpenseDate,
    Amount,
    /// The first day a cost rate applies.
    ValidFrom,
    /// What an hour of a person's time costs the company.
    HourlyCost,
}

impl MasterField {
    /// How the field reads in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Self::ExtKey => "external key",
            Self::Name => "name",
            Self::Code => "code",
            Self::BillingContact => "billing contact",
            Self::Email => "email",
            Self::AddressLine1 => "address line 1",
            Self::AddressLine2 => "address line 2",
            Self::Postcode => "postcode",
            Self::City => "city",
            Self::CountryCode => "country code",
            Self::VatId => "VAT id",
            Self::Currency => "currency",
            Self::PaymentTerms => "payment terms",
            Self::BusinessUnit => "business unit",
            Self::Account => "account",
            Self::Manager => "manager",
            Self::Status => "status",
            Self::StartDate => "start date",
            Self::EstimatedProgress => "estimated progress",
            Self::PriceList => "price list",
            Self::Rates => "rates",
            Self::Project => "project",
            Self::DueDate => "due date",
            Self::Person => "person",
            Self::Role => "role",
            Self::WorkDate => "date",
            Self::Hours => "hours",
            Self::Billable => "billable",
            Self::Description => "description",
            Self::ExpenseDate => "date",
            Self::Amount => "amount",
            Self::ValidFrom => "valid from",
            Self::HourlyCost => "hourly cost",
        }
    }

    /// The name the change history records the field under (its column, mostly).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ExtKey => "ext_key",
            Self::Name => "name",
            Self::Code => "code",
            Self::BillingContact => "billing_contact",
            Self::Email => "email",
            Self::AddressLine1 => "address_line1",
            Self::AddressLine2 => "address_line2",
            Self::Postcode => "postcode",
            Self::City => "city",
            Self::CountryCode => "country_code",
            Self::VatId => "vat_id",
            Self::Currency => "currency",
            Self::PaymentTerms => "payment_terms_days",
            Self::BusinessUnit => "business_unit",
            Self::Account => "account_id",
            Self::Manager => "manager",
            Self::Status => "status",
            Self::StartDate => "start_date",
            Self::EstimatedProgress => "estimated_progress",
            Self::PriceList => "price_list_id",
            Self::Rates => "rates",
            Self::Project => "project_id",
            Self::DueDate => "due_date",
            Self::Person => "person",
            Self::Role => "role",
            Self::WorkDate => "work_date",
            Self::Hours => "hours",
            Self::Billable => "billable",
            Self::Description => "description",
            Self::ExpenseDate => "expense_date",
            Self::Amount => "amount",
            Self::ValidFrom => "valid_from",
            Self::HourlyCost => "hourly_cost",
        }
    }
}

impl fmt::Display for MasterField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A rule refused the value of one field of a master-data record; the message says which rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct MasterFieldError {
    pub field: MasterField,
    pub message: String,
}

impl MasterFieldError {
    pub fn new(field: MasterField, message: impl Into<String>) -> Self {
        MasterFieldError {
            field,
            message: message.into(),
        }
    }

    pub fn of(field: MasterField, e: DomainError) -> Self {
        Self::new(field, e.0)
    }
}

pub type Checked<T> = Result<T, MasterFieldError>;

/// Longest name or code, in characters.
pub const MAX_NAME: usize = 200;
/// Longest other text (contact, address line, description), in characters.
pub const MAX_TEXT: usize = 1000;
/// Longest payment terms, in days.
pub const MAX_PAYMENT_TERMS: i64 = 365;
/// Most hours one time report holds: one day.
pub const MAX_HOURS: i64 = 24;

/// Text trimmed, at most `max` characters, without control characters (line breaks allowed
/// where `lines`).
fn clean(field: MasterField, value: &str, max: usize, lines: bool) -> Checked<String> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err(MasterFieldError::new(
            field,
            format!("the {field} is longer than {max} characters"),
        ));
    }
    let allowed = |c: char| lines && (c == '\n' || c == '\t');
    if value.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(MasterFieldError::new(
            field,
            format!("the {field} holds a control character"),
        ));
    }
    Ok(value.to_string())
}

/// A name or code that cannot be empty.
pub fn required(field: MasterField, value: &str) -> Checked<String> {
    let value = clean(field, value, MAX_NAME, false)?;
    if value.is_empty() {
        return Err(MasterFieldError::new(
            field,
            format!("the {field} cannot be empty"),
        ));
    }
    Ok(value)
}

/// One line of optional text (a contact, an address line, a manager).
pub fn line(field: MasterField, value: &str) -> Checked<String> {
    clean(field, value, MAX_TEXT, false)
}

/// Optional text over several lines (a description).
pub fn text(field: MasterField, value: &str) -> Checked<String> {
    clean(field, value, MAX_TEXT, true)
}

/// An external key: absent, or one non-empty line.
pub fn ext_key(value: Option<&str>) -> Checked<Option<String>> {
    value.map(|k| required(MasterField::ExtKey, k)).transpose()
}

/// An ISO 3166-1 alpha-2 country code (two letters, upper case), or empty.
pub fn country_code(value: &str) -> Checked<String> {
    let code = value.trim().to_ascii_uppercase();
    if code.is_empty() || (code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase())) {
        return Ok(code);
    }
    Err(MasterFieldError::new(
        MasterField::CountryCode,
        format!(
            "{:?} is not a country code: use two letters, e.g. FI",
            value.trim()
        ),
    ))
}

/// An email address of the usual shape (`name@example.com`), or empty.
pub fn email(value: &str) -> Checked<String> {
    let value = line(MasterField::Email, value)?;
    if value.is_empty() {
        return Ok(value);
    }
    let shaped = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if shaped && value.len() <= 254 {
        Ok(value)
    } else {
        Err(MasterFieldError::new(
            MasterField::Email,
            format!("{value:?} is not an email address"),
        ))
    }
}

/// A currency finctl knows.
pub fn currency(value: &str) -> Checked<Currency> {
    value
        .parse::<Currency>()
        .map_err(|e| MasterFieldError::of(MasterField::Currency, e))
}

/// Payment terms in days: from 0 to a year.
pub fn payment_terms(days: i64) -> Checked<i64> {
    if (0..=MAX_PAYMENT_TERMS).contains(&days) {
        Ok(days)
    } else {
        Err(MasterFieldError::new(
            MasterField::PaymentTerms,
            format!("payment terms of {days} days: use 0 to {MAX_PAYMENT_TERMS} days"),
        ))
    }
}

/// A figure with at most 6 decimals (trailing zeros aside).
fn six_decimals(field: MasterField, value: Decimal) -> Checked<Decimal> {
    let value = value.normalize();
    if value.scale() > SCALE {
        return Err(MasterFieldError::new(
            field,
            format!("the {field} {value} has more than {SCALE} decimals"),
        ));
    }
    Ok(value)
}

/// A percentage from 0 to 100 with at most 6 decimals.
pub fn percent(field: MasterField, value: Decimal) -> Checked<Decimal> {
    if value.is_sign_negative() && !value.is_zero() || value > Decimal::ONE_HUNDRED {
        return Err(MasterFieldError::new(
            field,
            format!("the {field} {value}% must be between 0 and 100"),
        ));
    }
    six_decimals(field, value)
}

/// Hours of one time report: from 0 to 24 with at most 6 decimals.
pub fn hours(value: Decimal) -> Checked<Decimal> {
    let field = MasterField::Hours;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(MasterFieldError::new(field, "hours cannot be negative"));
    }
    if value > Decimal::from(MAX_HOURS) {
        return Err(MasterFieldError::new(
            field,
            format!("{value} hours in one report: a report holds at most {MAX_HOURS} hours"),
        ));
    }
    six_decimals(field, value)
}

/// A rate or price: zero or more, below the amount limit, with at most 6 decimals.
pub fn rate(field: MasterField, value: Decimal) -> Checked<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(MasterFieldError::new(
            field,
            format!("a rate cannot be negative ({value})"),
        ));
    }
    check_amount_range(value).map_err(|e| MasterFieldError::of(field, e))?;
    six_decimals(field, value)
}

/// An amount of `currency`: zero or more, below the amount limit, with at most the currency's
/// decimals (refused, never rounded).
pub fn amount(field: MasterField, value: Decimal, currency: Currency) -> Checked<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(MasterFieldError::new(
            field,
            format!("the {field} cannot be negative"),
        ));
    }
    check_amount_range(value).map_err(|e| MasterFieldError::of(field, e))?;
    let value = value.normalize();
    if value.scale() > currency.minor_digits() {
        let holds = match currency.minor_digits() {
            0 => format!("{currency} has no decimals"),
            n => format!("{currency} allows at most {n} decimals"),
        };
        return Err(MasterFieldError::new(field, format!("{value}: {holds}")));
    }
    Ok(value)
}

/// One field of a record as the change history records it (`None`: absent).
pub type FieldText = (MasterField, Option<String>);

/// A field whose value differs between two states of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: MasterField,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The fields that differ from `old` to `new` (both listing the same fields in the same
/// order), in that order.
pub fn changes(old: &[FieldText], new: &[FieldText]) -> Vec<Change> {
    old.iter()
        .zip(new)
        .filter(|((_, o), (_, n))| o != n)
        .map(|((field, o), (_, n))| Change {
            field: *field,
            old: o.clone(),
            new: n.clone(),
        })
        .collect()
}

/// The fields as one JSON object (the change history's row of a creation).
pub fn as_json(fields: &[FieldText]) -> serde_json::Value {
    let map = fields
        .iter()
        .filter_map(|(f, v)| {
            v.as_ref()
                .map(|v| (f.as_str().to_string(), v.clone().into()))
        })
        .collect();
    serde_json::Value::Object(map)
}

/// A text field as recorded.
pub fn some(value: impl ToString) -> Option<String> {
    Some(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;
    use MasterField as F;

    fn field_of<T: fmt::Debug>(r: Checked<T>) -> (MasterField, String) {
        let e = r.unwrap_err();
        (e.field, e.message)
    }

    #[test]
    fn names_are_trimmed_and_never_empty() {
        assert_eq!(required(F::Name, "  Acme ").unwrap(), "Acme");
        assert_eq!(
            field_of(required(F::Code, "  ")),
            (F::Code, "the code cannot be empty".into())
        );
        assert_eq!(field_of(required(F::Name, &"x".repeat(201))).0, F::Name);
        assert_eq!(
            field_of(required(F::Name, "a\u{7}b")),
            (F::Name, "the name holds a control character".into())
        );
        assert_eq!(text(F::Description, "two\nlines").unwrap(), "two\nlines");
        assert!(line(F::City, "two\nlines").is_err());
        assert_eq!(ext_key(None).unwrap(), None);
        assert_eq!(ext_key(Some(" A-1 ")).unwrap().as_deref(), Some("A-1"));
        assert_eq!(field_of(ext_key(Some(""))).0, F::ExtKey);
    }

    #[test]
    fn country_codes_and_emails_have_their_shape() {
        assert_eq!(country_code(" fi ").unwrap(), "FI");
        assert_eq!(country_code("").unwrap(), "");
        for bad in ["FIN", "F", "F1", "Ä1"] {
            assert_eq!(field_of(country_code(bad)).0, F::CountryCode, "{bad}");
        }
        assert_eq!(
            field_of(country_code("Finland")).1,
            "\"Finland\" is not a country code: use two letters, e.g. FI"
        );
        assert_eq!(email(" ap@acme.example ").unwrap(), "ap@acme.example");
        assert_eq!(email("").unwrap(), "");
        for bad in [
            "acme.example",
            "@acme.example",
            "ap@acme",
            "ap@.acme",
            "a b@acme.fi",
            "a@b@c.fi",
        ] {
            assert_eq!(field_of(email(bad)).0, F::Email, "{bad}");
        }
    }

    #[test]
    fn figures_stay_in_their_ranges() {
        assert_eq!(currency("eur").unwrap(), Currency::EUR);
        assert_eq!(
            field_of(currency("XYZ")),
            (F::Currency, "unknown currency \"XYZ\"".into())
        );
        assert_eq!(payment_terms(0).unwrap(), 0);
        assert_eq!(payment_terms(365).unwrap(), 365);
        assert_eq!(field_of(payment_terms(-1)).0, F::PaymentTerms);
        assert_eq!(field_of(payment_terms(366)).0, F::PaymentTerms);
        assert_eq!(hours(d("7.50")).unwrap(), d("7.5"));
        assert_eq!(hours(d("24")).unwrap(), d("24"));
        assert_eq!(
            field_of(hours(d("24.5"))).1,
            "24.5 hours in one report: a report holds at most 24 hours"
        );
        assert_eq!(
            field_of(hours(d("-1"))),
            (F::Hours, "hours cannot be negative".into())
        );
        assert_eq!(field_of(hours(d("1.0000001"))).0, F::Hours);
        assert_eq!(rate(F::Rates, d("99.5")).unwrap(), d("99.5"));
        assert_eq!(field_of(rate(F::Rates, d("-1"))).0, F::Rates);
        assert_eq!(field_of(rate(F::Rates, d("1000000000000"))).0, F::Rates);
        assert_eq!(percent(F::EstimatedProgress, d("100")).unwrap(), d("100"));
        assert_eq!(
            field_of(percent(F::EstimatedProgress, d("100.1"))).0,
            F::EstimatedProgress
        );
        assert_eq!(
            field_of(percent(F::EstimatedProgress, d("-0.1"))).0,
            F::EstimatedProgress
        );
    }

    #[test]
    fn amounts_are_refused_never_rounded() {
        assert_eq!(
            amount(F::Amount, d("12.50"), Currency::EUR).unwrap(),
            d("12.5")
        );
        assert_eq!(
            field_of(amount(F::Amount, d("12.505"), Currency::EUR)),
            (F::Amount, "12.505: EUR allows at most 2 decimals".into())
        );
        let yen: Currency = "JPY".parse().unwrap();
        assert_eq!(
            field_of(amount(F::Amount, d("1.5"), yen)).1,
            "1.5: JPY has no decimals"
        );
        assert_eq!(
            field_of(amount(F::Amount, d("-1"), Currency::EUR)).1,
            "the amount cannot be negative"
        );
        assert!(amount(F::Amount, d("1000000000000"), Currency::EUR).is_err());
        assert!(amount(F::Amount, d("999999999999.99"), Currency::EUR).is_ok());
    }

    #[test]
    fn changes_lists_what_differs_in_order() {
        let old = [
            (F::Name, some("Acme")),
            (F::City, some("Oulu")),
            (F::ExtKey, None),
        ];
        let new = [
            (F::Name, some("Acme")),
            (F::City, some("Espoo")),
            (F::ExtKey, some("A-1")),
        ];
        let c = changes(&old, &new);
        assert_eq!(
            c.iter().map(|c| c.field).collect::<Vec<_>>(),
            [F::City, F::ExtKey]
        );
        assert_eq!(
            (c[0].old.as_deref(), c[0].new.as_deref()),
            (Some("Oulu"), Some("Espoo"))
        );
        assert!(changes(&old, &old).is_empty());
        assert_eq!(
            as_json(&old),
            serde_json::json!({"name": "Acme", "city": "Oulu"})
        );
    }
}
