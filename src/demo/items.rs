//! The demo's revenue items, written in large batches.

use super::catalog::*;
use super::company::{Company, offset};
use super::rng::Rng;
use super::{DemoOptions, DemoSummary, Observer, Step};
use crate::domain::billing_rule::BillingRule;
use crate::domain::revenue_status::{Origin, RevenueStatus};
use crate::store::revenue_items::NewRevenueItem;
use crate::store::{Result, Store};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// Items per write: the name index is written once per write, and large batches keep it from
/// merging small segments over and over (20,000 took a fifth longer for a million items). The
/// items are made as they are written, so a batch costs no memory.
const BATCH: usize = 100_000;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn status_for(rng: &mut Rng, date: NaiveDate, today: NaiveDate, launched: bool) -> RevenueStatus {
    let due_soon = (date - today).num_days() <= 30;
    let roll = rng.range(0, 100);
    match (launched, due_soon) {
        (false, _) if roll < 90 => RevenueStatus::Open,
        (false, _) => RevenueStatus::Rejected,
        (true, true) if roll < 60 => RevenueStatus::Billable,
        (true, true) if roll < 94 => RevenueStatus::Open,
        (true, false) if roll < 12 => RevenueStatus::Billable,
        (true, false) if roll < 94 => RevenueStatus::Open,
        _ => RevenueStatus::Rejected,
    }
}

fn make(rng: &mut Rng, opts: &DemoOptions, company: &Company, n: u64) -> NewRevenueItem {
    let project = &company.projects[(n as usize) % company.projects.len()];
    let item_type = *rng.pick(ITEM_TYPES);
    let mut date = offset(opts.today, rng.range(-150, 240));
    let roll = rng.range(0, 100);
    let (rule, origin, mut milestone_id) = match roll {
        0..=59 if roll < 12 => (BillingRule::Fixed, Origin::BillingPlan, None),
        0..=59 => (BillingRule::Fixed, Origin::Manual, None),
        60..=74 if project.has_time => (BillingRule::TimeAndMaterials, Origin::Manual, None),
        60..=74 => (BillingRule::Fixed, Origin::Manual, None),
        75..=84 => (BillingRule::Milestone, Origin::Milestone, None),
        _ => (BillingRule::Progress, Origin::ProgressStatus, None),
    };
    let mut rule = rule;
    let mut origin = origin;
    let mut status = status_for(rng, date, opts.today, project.launched);
    if rule == BillingRule::Milestone {
        match project.milestones.get(rng.range(0, 3) as usize) {
            Some(m) => {
                milestone_id = Some(m.id);
                date = m.due_date;
                status = match (m.reached, project.launched, status) {
                    (_, _, RevenueStatus::Rejected) => RevenueStatus::Rejected,
                    (true, true, _) => RevenueStatus::Billable,
                    _ => RevenueStatus::Open,
                };
            }
            None => (rule, origin) = (BillingRule::Fixed, Origin::Manual),
        }
    }
    let period = format!("{:02}/{}", date.month(), date.year());
    let name = match rule {
        BillingRule::Milestone => format!("Milestone payment {period}"),
        BillingRule::Progress => format!("Progress billing {period}"),
        BillingRule::TimeAndMaterials => format!("Time and materials {period}"),
        BillingRule::Fixed => format!("{item_type} {period}"),
    };
    let vat_rate: Decimal = if project.usd {
        Decimal::ZERO
    } else {
        rng.pick(EUR_VAT_RATES).parse().unwrap_or_default()
    };
    NewRevenueItem {
        project_id: project.id,
        milestone_id,
        name,
        item_type: item_type.into(),
        billing_rule: rule,
        unit_price: None,
        planned_amount: Decimal::new(rng.range(50_000, 5_000_000), 2),
        planned_invoice_date: date,
        status,
        vat_rate,
        invoice_description: format!(
            "{item_type}, {} {}",
            MONTHS[date.month0() as usize],
            date.year()
        ),
        internal_description: if rng.chance(10) {
            "Check the hours with the project manager before invoicing.".into()
        } else {
            String::new()
        },
        origin,
    }
}

pub fn create(
    store: &mut Store,
    rng: &mut Rng,
    opts: &DemoOptions,
    company: &Company,
    summary: &mut DemoSummary,
    observer: &mut dyn Observer,
) -> Result<()> {
    // The progress billing makes the rest of the items asked for.
    let wanted = opts.revenue_items.saturating_sub(
        super::progress::line_count(company, opts.revenue_items) as u64
            * super::progress::ITEMS_PER_LINE
            + super::plans::plan_count(company, opts.revenue_items) as u64
                * super::plans::ITEMS_PER_PLAN,
    );
    let mut n = 0u64;
    observer.progress(Step::RevenueItems, 0, Some(wanted));
    while n < wanted {
        let size = (wanted - n).min(BATCH as u64);
        // Made as they are written: a batch is never held whole.
        let batch = (n..n + size).map(|k| {
            let mut item = make(rng, opts, company, k);
            if k == 0 {
                // Text from the database must reach the terminal harmlessly.
                item.name = "Hosting \u{1b}[31mrenewal\u{1b}[0m \u{7}".into();
                (item.billing_rule, item.origin, item.milestone_id) =
                    (BillingRule::Fixed, Origin::Manual, None);
            }
            item
        });
        store.create_revenue_items_made(batch, &mut |made| {
            observer.progress(Step::RevenueItems, n + made as u64, Some(wanted));
        })?;
        n += size;
    }
    summary.revenue_items = n;
    Ok(())
}
