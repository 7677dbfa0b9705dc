//! The records an import produces: typed, checked values of one row (or, for price lists and
//! projects with rates, of the rows kept together), with the place they came from. References
//! to other objects stay text for the store to resolve: an account by its key or name, a
//! project by its key or code, a price list by its key or name, a milestone by its key or code
//! (within the item's project).
//!
//! An optional field left empty is `None` (a list: empty): not given.

use super::error::Place;
use crate::domain::Currency;
use crate::domain::billing_rule::BillingRule;
use crate::domain::project::ProjectStatus;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRecord {
    pub at: Place,
    pub key: Option<String>,
    pub name: String,
    pub billing_contact: Option<String>,
    pub email: Option<String>,
    /// `address_line_1` to `address_line_3`, the empty ones left out.
    pub address_lines: Vec<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    /// Two upper-case letters.
    pub country_code: Option<String>,
    pub vat_id: Option<String>,
    pub currency: Currency,
    /// 0 to 365.
    pub payment_terms_days: Option<u32>,
    pub business_unit: Option<String>,
}

/// An hourly rate of a role, or of one person in a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateRecord {
    pub at: Place,
    pub role: String,
    pub person: Option<String>,
    /// Zero or more, at most 6 decimals, below 1,000,000,000,000.
    pub hourly_rate: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceListRecord {
    /// The first row of the price list.
    pub at: Place,
    pub key: Option<String>,
    pub name: String,
    pub currency: Currency,
    /// One per row that has one, in the file's order.
    pub rates: Vec<RateRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectRecord {
    /// The first row of the project.
    pub at: Place,
    pub key: Option<String>,
    pub code: String,
    pub name: String,
    /// The account's key or name.
    pub account: String,
    pub currency: Currency,
    /// An operating-system account.
    pub manager: String,
    pub status: Option<ProjectStatus>,
    pub start_date: Option<NaiveDate>,
    /// The price list's key or name.
    pub price_list: Option<String>,
    pub business_unit: Option<String>,
    /// The project's own rates, overriding its price list's.
    pub rates: Vec<RateRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneRecord {
    pub at: Place,
    pub key: Option<String>,
    /// The project's key or code.
    pub project: String,
    pub code: String,
    pub name: String,
    pub due_date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeReportRecord {
    pub at: Place,
    pub key: Option<String>,
    /// The project's key or code.
    pub project: String,
    pub person: String,
    pub role: String,
    pub date: NaiveDate,
    /// 0 to 24, at most 6 decimals.
    pub hours: Decimal,
    pub billable: bool,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpenseRecord {
    pub at: Place,
    pub key: Option<String>,
    /// The project's key or code.
    pub project: String,
    pub date: NaiveDate,
    pub description: String,
    /// Zero or more, at most 6 decimals here: the store checks it against the project's
    /// currency.
    pub amount: Decimal,
    pub billable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevenueItemRecord {
    pub at: Place,
    pub key: Option<String>,
    /// The project's key or code.
    pub project: String,
    pub name: String,
    /// Services, Hosting, Licences, Travel, ...
    pub item_type: String,
    /// Fixed, time and materials or milestone (progress items are made by progress statuses).
    pub billing_rule: BillingRule,
    /// The planned amount: zero or more; the store checks it against the project's currency.
    /// Fixed and milestone items have one.
    pub amount: Option<Decimal>,
    /// Zero or more, at most 6 decimals.
    pub unit_price: Option<Decimal>,
    pub planned_invoice_date: NaiveDate,
    /// A percentage from 0 to 100.
    pub vat_rate: Decimal,
    /// The milestone's key or code within the project: milestone items have one, others none.
    pub milestone: Option<String>,
    pub invoice_description: Option<String>,
    pub internal_description: Option<String>,
}

/// A person's cost rate; the store finds it by person, currency and first day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostRateRecord {
    pub at: Place,
    pub person: String,
    /// The first day it applies; none: always (from the first day finctl keeps).
    pub valid_from: Option<NaiveDate>,
    /// Zero or more; the store checks it against the currency (and its limit).
    pub hourly_cost: Decimal,
    pub currency: Currency,
}

/// A record of any kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Account(AccountRecord),
    PriceList(PriceListRecord),
    Project(ProjectRecord),
    Milestone(MilestoneRecord),
    TimeReport(TimeReportRecord),
    Expense(ExpenseRecord),
    RevenueItem(RevenueItemRecord),
    CostRate(CostRateRecord),
}

impl Record {
    /// Where it came from (its first row).
    pub fn at(&self) -> &Place {
        match self {
            Record::Account(r) => &r.at,
            Record::PriceList(r) => &r.at,
            Record::Project(r) => &r.at,
            Record::Milestone(r) => &r.at,
            Record::TimeReport(r) => &r.at,
            Record::Expense(r) => &r.at,
            Record::RevenueItem(r) => &r.at,
            Record::CostRate(r) => &r.at,
        }
    }

    /// Its key in the system it comes from, if the file gives one.
    pub fn key(&self) -> Option<&str> {
        match self {
            Record::Account(r) => r.key.as_deref(),
            Record::PriceList(r) => r.key.as_deref(),
            Record::Project(r) => r.key.as_deref(),
            Record::Milestone(r) => r.key.as_deref(),
            Record::TimeReport(r) => r.key.as_deref(),
            Record::Expense(r) => r.key.as_deref(),
            Record::RevenueItem(r) => r.key.as_deref(),
            Record::CostRate(_) => None,
        }
    }
}
