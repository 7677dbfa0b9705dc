//! The fields of each kind: their names (the column names of a file without a mapping),
//! whether a row must have them, and what they hold.

use super::kind::Kind;

/// What a field holds, and so how its text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// The row's id in the system it comes from: one line of text.
    Key,
    /// One line of text.
    Text,
    /// Text over several lines.
    Description,
    /// A reference to another object (its key, code or name), resolved by the store.
    Reference,
    /// An operating-system account: one word.
    Login,
    Email,
    /// Two letters (ISO 3166-1 alpha-2), upper case.
    CountryCode,
    /// A currency finctl knows (`EUR`).
    Currency,
    /// Whole days from 0 to 365.
    Days,
    Date,
    /// A time of day.
    Time,
    /// A date and a time of day.
    DateTime,
    /// A duration from 0 to 24 hours.
    Hours,
    /// An amount, zero or more.
    Amount,
    /// An hourly rate or unit price, zero or more, at most 6 decimals.
    Rate,
    /// A percentage from 0 to 100.
    Percent,
    Bool,
    /// `planned`, `launched` or `closed`.
    ProjectStatus,
    /// `fixed`, `time_and_materials` or `milestone`.
    BillingRule,
}

impl FieldType {
    /// Whether a mapping may build the field from several columns (their texts joined).
    pub fn is_text(self) -> bool {
        matches!(
            self,
            FieldType::Key | FieldType::Text | FieldType::Description | FieldType::Reference
        )
    }
}

/// Whether a row must have the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
}

/// One field of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub need: Need,
    pub ty: FieldType,
}

const fn req(name: &'static str, ty: FieldType) -> Field {
    Field {
        name,
        need: Need::Required,
        ty,
    }
}

const fn opt(name: &'static str, ty: FieldType) -> Field {
    Field {
        name,
        need: Need::Optional,
        ty,
    }
}

use FieldType as T;

const KEY: Field = opt("key", T::Key);

/// The rate of a price list or a project: one per row, rows of one record kept together.
const RATE: [Field; 3] = [
    opt("rate_role", T::Text),
    opt("rate_person", T::Text),
    opt("hourly_rate", T::Rate),
];

const ACCOUNTS: &[Field] = &[
    KEY,
    req("name", T::Text),
    opt("billing_contact", T::Text),
    opt("email", T::Email),
    opt("address_line_1", T::Text),
    opt("address_line_2", T::Text),
    opt("address_line_3", T::Text),
    opt("postcode", T::Text),
    opt("city", T::Text),
    opt("country_code", T::CountryCode),
    opt("vat_id", T::Text),
    req("currency", T::Currency),
    opt("payment_terms_days", T::Days),
    opt("business_unit", T::Text),
];

const PRICE_LISTS: &[Field] = &[
    KEY,
    req("name", T::Text),
    req("currency", T::Currency),
    RATE[0],
    RATE[1],
    RATE[2],
];

const PROJECTS: &[Field] = &[
    KEY,
    req("code", T::Text),
    req("name", T::Text),
    req("account", T::Reference),
    req("currency", T::Currency),
    req("manager", T::Login),
    opt("status", T::ProjectStatus),
    opt("start_date", T::Date),
    opt("price_list", T::Reference),
    opt("business_unit", T::Text),
    RATE[0],
    RATE[1],
    RATE[2],
];

const MILESTONES: &[Field] = &[
    KEY,
    req("project", T::Reference),
    req("code", T::Text),
    req("name", T::Text),
    req("due_date", T::Date),
];

/// `date` and `hours`, or where the work started and ended: `start_date` with `start_time`
/// (or `start`) and `end_time` with an optional `end_date` (or `end`).
const TIME_REPORTS: &[Field] = &[
    KEY,
    req("project", T::Reference),
    req("person", T::Text),
    req("role", T::Text),
    opt("date", T::Date),
    opt("hours", T::Hours),
    opt("start_date", T::Date),
    opt("start_time", T::Time),
    opt("end_date", T::Date),
    opt("end_time", T::Time),
    opt("start", T::DateTime),
    opt("end", T::DateTime),
    req("billable", T::Bool),
    opt("description", T::Description),
];

const EXPENSES: &[Field] = &[
    KEY,
    req("project", T::Reference),
    req("date", T::Date),
    req("description", T::Description),
    req("amount", T::Amount),
    req("billable", T::Bool),
];

const REVENUE_ITEMS: &[Field] = &[
    KEY,
    req("project", T::Reference),
    req("name", T::Text),
    req("type", T::Text),
    req("billing_rule", T::BillingRule),
    opt("amount", T::Amount),
    opt("unit_price", T::Rate),
    req("planned_invoice_date", T::Date),
    req("vat_rate", T::Percent),
    opt("milestone", T::Reference),
    opt("invoice_description", T::Description),
    opt("internal_description", T::Description),
];

/// A cost rate has no key of its own: a person, a currency and a first day name it.
const COST_RATES: &[Field] = &[
    req("person", T::Text),
    opt("valid_from", T::Date),
    req("hourly_cost", T::Amount),
    req("currency", T::Currency),
];

/// The fields of a kind, in the order the docs list them.
pub fn fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Accounts => ACCOUNTS,
        Kind::PriceLists => PRICE_LISTS,
        Kind::Projects => PROJECTS,
        Kind::Milestones => MILESTONES,
        Kind::TimeReports => TIME_REPORTS,
        Kind::Expenses => EXPENSES,
        Kind::RevenueItems => REVENUE_ITEMS,
        Kind::CostRates => COST_RATES,
    }
}

/// The field of a kind by its name.
pub fn field(kind: Kind, name: &str) -> Option<&'static Field> {
    fields(kind).iter().find(|f| f.name == name)
}

/// A column name as a field name: trimmed, lower case, spaces and hyphens as underscores
/// (`Payment terms days` names `payment_terms_days`).
pub fn normalized(column: &str) -> String {
    column
        .trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The names of a kind's fields, for messages.
pub fn names(kind: Kind) -> String {
    let names: Vec<&str> = fields(kind).iter().map(|f| f.name).collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_key_and_unique_names() {
        for kind in Kind::ALL {
            let fs = fields(kind);
            // A cost rate is named by its person, currency and first day instead.
            if kind != Kind::CostRates {
                assert_eq!(fs[0].name, "key");
            }
            for (i, f) in fs.iter().enumerate() {
                assert!(
                    fs[i + 1..].iter().all(|g| g.name != f.name),
                    "{kind} {}",
                    f.name
                );
                assert_eq!(normalized(f.name), f.name);
            }
        }
        assert_eq!(normalized(" Payment terms-Days "), "payment_terms_days");
        assert!(field(Kind::TimeReports, "hours").is_some());
        assert!(field(Kind::Expenses, "hours").is_none());
    }
}
