//! One record written: its references found, its values made the store's input for its kind,
//! and the store's upsert of that kind run on it, with the rules and the history rows the
//! console's edits have.
//!
//! A field the row leaves empty is written empty (the row gives the whole object), except where
//! an empty value would be a change the row does not mean: an account's payment terms and a
//! project's status stay as stored (new: 30 days, planned), and a project's estimated progress,
//! which no import carries, stays too.

use super::records::{
    AccountRecord, CostRateRecord, ExpenseRecord, MilestoneRecord, PriceListRecord, ProjectRecord,
    RateRecord, Record, RevenueItemRecord, TimeReportRecord,
};
use super::references::References;
use crate::domain::cost_rate::CostRateInput;
use crate::domain::dates;
use crate::domain::rates::Rate;
use crate::store::accounts::{AccountInput, find_account, upsert_account};
use crate::store::cost_rates::upsert_cost_rate;
use crate::store::master_data::Upserted;
use crate::store::milestone_edits::{MilestoneInput, upsert_milestone};
use crate::store::price_lists::{PriceListInput, upsert_price_list};
use crate::store::projects::{ProjectInput, find_project, upsert_project};
use crate::store::revenue_item_upsert::{ItemInput, upsert_revenue_item};
use crate::store::time_entries::{
    ExpenseInput, TimeReportInput, upsert_expense, upsert_time_report,
};
use crate::store::{StoreError, Writer};
use rust_decimal::Decimal;

/// Payment terms of a new account whose row gives none (as the console's form proposes).
const DEFAULT_TERMS: i64 = 30;

/// Why a record was not written.
#[derive(Debug)]
pub enum Failed {
    /// A field of the row (the kind's field name) and why: a reference that finds nothing.
    Field(&'static str, String),
    /// The store refused it (a rule, naming its field or not), or the database failed.
    Store(StoreError),
}

impl From<StoreError> for Failed {
    fn from(e: StoreError) -> Self {
        Failed::Store(e)
    }
}

/// Writes one record; `reason` goes to its history rows.
pub fn apply(
    w: &Writer<'_>,
    refs: &mut References,
    record: &Record,
    reason: &str,
) -> Result<Upserted, Failed> {
    let reason = Some(reason);
    match record {
        Record::Account(r) => Ok(upsert_account(w, &account(w, r)?, reason)?),
        Record::PriceList(r) => Ok(upsert_price_list(w, &price_list(r), reason)?),
        Record::Project(r) => Ok(upsert_project(w, &project(w, refs, r)?, reason)?),
        Record::Milestone(r) => Ok(upsert_milestone(w, &milestone(w, refs, r)?, reason)?),
        Record::TimeReport(r) => Ok(upsert_time_report(w, &time_report(w, refs, r)?, reason)?),
        Record::Expense(r) => Ok(upsert_expense(w, &expense(w, refs, r)?, reason)?),
        Record::RevenueItem(r) => Ok(upsert_revenue_item(w, &item(w, refs, r)?, reason)?),
        Record::CostRate(r) => Ok(upsert_cost_rate(w, &cost_rate(r), reason)?),
    }
}

/// The reference in `field`, found by `find`, or the row refused at that field: nothing
/// answers to it, or several objects do.
fn found(
    field: &'static str,
    what: &str,
    text: &str,
    find: impl FnOnce() -> crate::store::Result<Option<i64>>,
) -> Result<i64, Failed> {
    match find() {
        Ok(Some(id)) => Ok(id),
        Ok(None) => Err(Failed::Field(
            field,
            format!(
                "no {what} has the key or {} {:?}",
                natural(what),
                text.trim()
            ),
        )),
        Err(StoreError::Refused(message)) => Err(Failed::Field(field, message)),
        Err(e) => Err(e.into()),
    }
}

/// What names an object besides its key.
fn natural(what: &str) -> &'static str {
    match what {
        "project" | "milestone of the project" => "code",
        _ => "name",
    }
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn account(w: &Writer<'_>, r: &AccountRecord) -> Result<AccountInput, Failed> {
    let payment_terms_days = match r.payment_terms_days {
        Some(days) => i64::from(days),
        None => find_account(w.tx(), r.key.as_deref(), &r.name)?
            .map_or(DEFAULT_TERMS, |a| a.payment_terms_days),
    };
    // The store keeps two address lines: a third one given joins the second.
    let mut lines = r.address_lines.iter();
    let address_line1 = lines.next().cloned().unwrap_or_default();
    let address_line2 = lines.map(String::as_str).collect::<Vec<_>>().join(", ");
    Ok(AccountInput {
        ext_key: r.key.clone(),
        name: r.name.clone(),
        billing_contact: text(&r.billing_contact),
        email: text(&r.email),
        address_line1,
        address_line2,
        postcode: text(&r.postcode),
        city: text(&r.city),
        country_code: text(&r.country_code),
        vat_id: text(&r.vat_id),
        currency: r.currency.code().to_string(),
        payment_terms_days,
        business_unit: text(&r.business_unit),
    })
}

fn rates(rates: &[RateRecord]) -> Vec<Rate> {
    rates
        .iter()
        .map(|r| Rate {
            role: r.role.clone(),
            person: r.person.clone(),
            rate: r.hourly_rate,
        })
        .collect()
}

fn price_list(r: &PriceListRecord) -> PriceListInput {
    PriceListInput {
        ext_key: r.key.clone(),
        name: r.name.clone(),
        currency: r.currency.code().to_string(),
        rates: rates(&r.rates),
    }
}

fn project(
    w: &Writer<'_>,
    refs: &mut References,
    r: &ProjectRecord,
) -> Result<ProjectInput, Failed> {
    let account_id = found("account", "account", &r.account, || {
        refs.account(w, &r.account)
    })?;
    let price_list_id = match &r.price_list {
        Some(list) => Some(found("price_list", "price list", list, || {
            refs.price_list(w, list)
        })?),
        None => None,
    };
    let stored = find_project(w.tx(), r.key.as_deref(), &r.code)?;
    let status = match (r.status, &stored) {
        (Some(s), _) => s.as_str().to_string(),
        (None, Some(p)) => p.status.as_str().to_string(),
        (None, None) => "planned".to_string(),
    };
    Ok(ProjectInput {
        ext_key: r.key.clone(),
        code: r.code.clone(),
        name: r.name.clone(),
        account_id,
        currency: Some(r.currency.code().to_string()),
        manager: r.manager.clone(),
        status,
        start_date: r.start_date,
        estimated_progress: stored.map_or(Decimal::ZERO, |p| p.estimated_progress),
        price_list_id,
        business_unit: text(&r.business_unit),
        rates: rates(&r.rates),
    })
}

/// The project a row of work names.
fn project_id(w: &Writer<'_>, refs: &mut References, text: &str) -> Result<i64, Failed> {
    found("project", "project", text, || refs.project(w, text))
}

fn milestone(
    w: &Writer<'_>,
    refs: &mut References,
    r: &MilestoneRecord,
) -> Result<MilestoneInput, Failed> {
    Ok(MilestoneInput {
        ext_key: r.key.clone(),
        project_id: project_id(w, refs, &r.project)?,
        code: r.code.clone(),
        name: r.name.clone(),
        due_date: r.due_date,
        reached_at: None,
    })
}

fn time_report(
    w: &Writer<'_>,
    refs: &mut References,
    r: &TimeReportRecord,
) -> Result<TimeReportInput, Failed> {
    Ok(TimeReportInput {
        ext_key: r.key.clone(),
        project_id: project_id(w, refs, &r.project)?,
        person: r.person.clone(),
        role: r.role.clone(),
        work_date: r.date,
        hours: r.hours,
        billable: r.billable,
        description: text(&r.description),
    })
}

fn expense(
    w: &Writer<'_>,
    refs: &mut References,
    r: &ExpenseRecord,
) -> Result<ExpenseInput, Failed> {
    Ok(ExpenseInput {
        ext_key: r.key.clone(),
        project_id: project_id(w, refs, &r.project)?,
        expense_date: r.date,
        description: r.description.clone(),
        amount: r.amount,
        billable: r.billable,
    })
}

fn item(w: &Writer<'_>, refs: &mut References, r: &RevenueItemRecord) -> Result<ItemInput, Failed> {
    let Some(ext_key) = r.key.clone() else {
        return Err(Failed::Field(
            "key",
            "a revenue item is imported with its key in the source system, so that importing it again updates it".to_string(),
        ));
    };
    let project_id = project_id(w, refs, &r.project)?;
    let milestone_id = match &r.milestone {
        Some(m) => Some(found("milestone", "milestone of the project", m, || {
            refs.milestone(w, project_id, m)
        })?),
        None => None,
    };
    Ok(ItemInput {
        ext_key,
        project_id,
        milestone_id,
        name: r.name.clone(),
        item_type: r.item_type.clone(),
        billing_rule: r.billing_rule,
        unit_price: r.unit_price,
        planned_amount: r.amount.unwrap_or(Decimal::ZERO),
        planned_invoice_date: r.planned_invoice_date,
        vat_rate: r.vat_rate,
        invoice_description: text(&r.invoice_description),
        internal_description: text(&r.internal_description),
    })
}

/// A cost rate without a first day applies from the first day finctl keeps: always.
fn cost_rate(r: &CostRateRecord) -> CostRateInput {
    CostRateInput {
        person: r.person.clone(),
        currency: r.currency.code().to_string(),
        valid_from: r.valid_from.unwrap_or(dates::FIRST),
        hourly_cost: r.hourly_cost,
    }
}
