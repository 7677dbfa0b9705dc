//! Rows of accounts, price lists, projects, milestones and cost rates as records.

use super::convert::RowReader;
use super::error::ImportError;
use super::records::{
    AccountRecord, CostRateRecord, MilestoneRecord, PriceListRecord, ProjectRecord, RateRecord,
};
use crate::domain::Currency;
use chrono::NaiveDate;

pub fn account(mut r: RowReader<'_>) -> Result<AccountRecord, Vec<ImportError>> {
    let record = AccountRecord {
        key: r.text("key"),
        name: r.text("name").unwrap_or_default(),
        billing_contact: r.text("billing_contact"),
        email: r.text("email"),
        address_lines: ["address_line_1", "address_line_2", "address_line_3"]
            .iter()
            .filter_map(|l| r.text(l))
            .collect(),
        postcode: r.text("postcode"),
        city: r.text("city"),
        country_code: r.text("country_code"),
        vat_id: r.text("vat_id"),
        currency: r.currency("currency").unwrap_or(Currency::EUR),
        payment_terms_days: r.days("payment_terms_days"),
        business_unit: r.text("business_unit"),
        at: r.at.clone(),
    };
    r.finish(record)
}

/// The rate a row of a price list or a project carries, if any: a role with its hourly rate,
/// maybe for one person.
fn rate(r: &mut RowReader<'_>) -> Option<RateRecord> {
    let role = r.text("rate_role");
    let person = r.text("rate_person");
    let hourly_rate = r.decimal("hourly_rate");
    match (role, hourly_rate) {
        (Some(role), Some(hourly_rate)) => Some(RateRecord {
            at: r.at.clone(),
            role,
            person,
            hourly_rate,
        }),
        (None, None) if person.is_none() => None,
        (role, rate) => {
            if role.is_none() {
                r.require("rate_role", None::<String>);
            }
            if rate.is_none() {
                r.require("hourly_rate", None::<String>);
            }
            None
        }
    }
}

pub fn price_list(mut r: RowReader<'_>) -> Result<PriceListRecord, Vec<ImportError>> {
    let key = r.text("key");
    let name = r.text("name").unwrap_or_default();
    let currency = r.currency("currency").unwrap_or(Currency::EUR);
    let rates = rate(&mut r).into_iter().collect();
    let record = PriceListRecord {
        at: r.at.clone(),
        key,
        name,
        currency,
        rates,
    };
    r.finish(record)
}

pub fn project(mut r: RowReader<'_>) -> Result<ProjectRecord, Vec<ImportError>> {
    let record = ProjectRecord {
        key: r.text("key"),
        code: r.text("code").unwrap_or_default(),
        name: r.text("name").unwrap_or_default(),
        account: r.text("account").unwrap_or_default(),
        currency: r.currency("currency").unwrap_or(Currency::EUR),
        manager: r.text("manager").unwrap_or_default(),
        status: r.status("status"),
        start_date: r.date("start_date"),
        price_list: r.text("price_list"),
        business_unit: r.text("business_unit"),
        rates: rate(&mut r).into_iter().collect(),
        at: r.at.clone(),
    };
    r.finish(record)
}

pub fn milestone(mut r: RowReader<'_>) -> Result<MilestoneRecord, Vec<ImportError>> {
    let record = MilestoneRecord {
        key: r.text("key"),
        project: r.text("project").unwrap_or_default(),
        code: r.text("code").unwrap_or_default(),
        name: r.text("name").unwrap_or_default(),
        due_date: r.date("due_date").unwrap_or(NaiveDate::MIN),
        at: r.at.clone(),
    };
    r.finish(record)
}

pub fn cost_rate(mut r: RowReader<'_>) -> Result<CostRateRecord, Vec<ImportError>> {
    let record = CostRateRecord {
        person: r.text("person").unwrap_or_default(),
        valid_from: r.date("valid_from"),
        hourly_cost: r.decimal("hourly_cost").unwrap_or_default(),
        currency: r.currency("currency").unwrap_or(Currency::EUR),
        at: r.at.clone(),
    };
    r.finish(record)
}
