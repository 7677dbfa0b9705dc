//! Rows of time reports, expenses and revenue items as records.

use super::convert::RowReader;
use super::error::ImportError;
use super::hours::hours_between;
use super::records::{ExpenseRecord, RevenueItemRecord, TimeReportRecord};
use crate::domain::billing_rule::BillingRule;
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

pub fn time_report(mut r: RowReader<'_>) -> Result<TimeReportRecord, Vec<ImportError>> {
    let key = r.text("key");
    let project = r.text("project").unwrap_or_default();
    let person = r.text("person").unwrap_or_default();
    let role = r.text("role").unwrap_or_default();
    let date = if r.has("date") {
        let date = r.date("date");
        r.require("date", date)
    } else {
        None
    };
    let (date, hours) = if r.has("hours") {
        let hours = r.decimal("hours");
        (date, r.require("hours", hours))
    } else {
        let start = start(&mut r, date);
        let end = end(&mut r, start.map(|s| s.date()));
        let hours = match (start, end) {
            (Some(start), Some(end)) => match hours_between(start, end) {
                Ok(h) => Some(h),
                Err(e) => {
                    let column = if r.has("end") { "end" } else { "end_time" };
                    r.fail(column, e);
                    None
                }
            },
            _ => None,
        };
        (date.or(start.map(|s| s.date())), hours)
    };
    let record = TimeReportRecord {
        at: r.at.clone(),
        key,
        project,
        person,
        role,
        date: date.unwrap_or(NaiveDate::MIN),
        hours: hours.unwrap_or_default(),
        billable: r.flag("billable").unwrap_or_default(),
        description: r.text("description"),
    };
    r.finish(record)
}

/// Where the work started: `start`, or `start_date` (else `date`) at `start_time`.
fn start(r: &mut RowReader<'_>, date: Option<NaiveDate>) -> Option<NaiveDateTime> {
    if r.has("start") {
        let start = r.datetime("start");
        return r.require("start", start);
    }
    let day = if r.has("start_date") {
        let day = r.date("start_date");
        r.require("start_date", day)
    } else {
        date
    };
    let time = r.time("start_time");
    let time = r.require("start_time", time);
    Some(day?.and_time(time?))
}

/// Where the work ended: `end`, or `end_date` (else the start's day) at `end_time`.
fn end(r: &mut RowReader<'_>, start_day: Option<NaiveDate>) -> Option<NaiveDateTime> {
    if r.has("end") {
        let end = r.datetime("end");
        return r.require("end", end);
    }
    let day = match r.date("end_date") {
        Some(day) => Some(day),
        None => start_day,
    };
    let time = r.time("end_time");
    let time = r.require("end_time", time);
    Some(day?.and_time(time?))
}

pub fn expense(mut r: RowReader<'_>) -> Result<ExpenseRecord, Vec<ImportError>> {
    let record = ExpenseRecord {
        key: r.text("key"),
        project: r.text("project").unwrap_or_default(),
        date: r.date("date").unwrap_or(NaiveDate::MIN),
        description: r.text("description").unwrap_or_default(),
        amount: r.decimal("amount").unwrap_or_default(),
        billable: r.flag("billable").unwrap_or_default(),
        at: r.at.clone(),
    };
    r.finish(record)
}

pub fn revenue_item(mut r: RowReader<'_>) -> Result<RevenueItemRecord, Vec<ImportError>> {
    let key = r.text("key");
    let project = r.text("project").unwrap_or_default();
    let name = r.text("name").unwrap_or_default();
    let item_type = r.text("type").unwrap_or_default();
    let billing_rule = r.rule("billing_rule");
    let amount = r.decimal("amount");
    let unit_price = r.decimal("unit_price");
    let planned_invoice_date = r.date("planned_invoice_date");
    let vat_rate = r.decimal("vat_rate");
    let milestone = r.text("milestone");
    match billing_rule {
        Some(BillingRule::Fixed | BillingRule::Milestone) if amount.is_none() => {
            r.require("amount", amount);
        }
        _ => {}
    }
    match (billing_rule, &milestone) {
        (Some(BillingRule::Milestone), None) => {
            r.require("milestone", milestone.clone());
        }
        (Some(rule), Some(_)) if rule != BillingRule::Milestone => {
            r.fail("milestone", "only milestone items have a milestone");
        }
        _ => {}
    }
    let record = RevenueItemRecord {
        at: r.at.clone(),
        key,
        project,
        name,
        item_type,
        billing_rule: billing_rule.unwrap_or(BillingRule::Fixed),
        amount,
        unit_price,
        planned_invoice_date: planned_invoice_date.unwrap_or(NaiveDate::MIN),
        vat_rate: vat_rate.unwrap_or(Decimal::ZERO),
        milestone,
        invoice_description: r.text("invoice_description"),
        internal_description: r.text("internal_description"),
    };
    r.finish(record)
}
