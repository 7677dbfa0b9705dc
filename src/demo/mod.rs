//! `finctl demo`: a realistic, deterministic demo company, written through the store's own
//! operations (so rights, history and invariants hold exactly as for real work).

mod catalog;
mod company;
mod costs;
mod invoicing;
mod items;
mod plans;
mod progress;
mod rng;

use crate::domain::dates;
use crate::domain::report::YearMonth;
use crate::store::adjustments::AdjustmentInput;
use crate::store::{Result, Store, StoreError};
use chrono::{Months, NaiveDate};
use rng::Rng;
use rust_decimal::Decimal;

#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub revenue_items: u64,
    pub seed: u64,
    /// The day the demo is built around (planned dates, due and missed milestones).
    pub today: NaiveDate,
}

/// What the demo made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub accounts: usize,
    pub projects: usize,
    pub milestones: usize,
    pub revenue_items: u64,
    pub drafts: usize,
    pub confirmed_invoices: usize,
    pub credit_notes: usize,
    pub contract_lines: usize,
    pub billing_plans: usize,
}

/// Fills an empty database with the demo company.
/// The demo company's own details.
const SELLER: &[(&str, &str)] = &[
    ("seller.name", "Aurora Consulting Oy"),
    ("seller.vat_id", "FI27818141"),
    ("seller.company_id", "2781814-1"),
    ("seller.street", "Mannerheimintie 12"),
    ("seller.city", "Helsinki"),
    ("seller.postcode", "00100"),
    ("seller.country", "FI"),
    ("seller.iban", "FI2112345600000785"),
    ("seller.bic", "NDEAFIHH"),
    ("seller.email", "billing@aurora-consulting.example"),
];

/// What the demo is making.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Accounts and projects (with their milestones, time reports and expenses).
    Company,
    RevenueItems,
    /// Contract lines of progress billing, and billing plans.
    Schedules,
    /// Months of drafts confirmed, credit notes and today's drafts.
    Invoices,
}

impl Step {
    /// What the step counts, for people.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Company => "accounts and projects",
            Step::RevenueItems => "revenue items",
            Step::Schedules => "contract lines and billing plans",
            Step::Invoices => "invoices",
        }
    }
}

/// The years the demo's dates may reach either side of the day it is built around (projects
/// started up to 400 days before it, items planned up to 8 months after, periods and due
/// dates after those).
const MARGIN_YEARS: u32 = 2;

/// Whether the demo can be built around `today`: all its dates must stay within the dates
/// finctl keeps (`domain::dates`).
pub fn check_today(today: NaiveDate) -> Result<()> {
    let months = MARGIN_YEARS * 12;
    let first = dates::FIRST
        .checked_add_months(Months::new(months))
        .unwrap_or(dates::FIRST);
    let last = dates::LAST
        .checked_sub_months(Months::new(months))
        .unwrap_or(dates::LAST);
    if (first..=last).contains(&today) {
        return Ok(());
    }
    Err(StoreError::refused(format!(
        "the demo's dates run up to two years either side of --today, so it must be from \
         {first} to {last} (dates stay within {}), not {today}",
        dates::range_text()
    )))
}

/// Told how far the demo is as it goes (the command line draws it).
pub trait Observer {
    /// `done` of the step's rows are written, of `total` when it is known ahead.
    fn progress(&mut self, step: Step, done: u64, total: Option<u64>);
}

/// Nobody is told.
impl Observer for () {
    fn progress(&mut self, _: Step, _: u64, _: Option<u64>) {}
}

/// The demo's page cache: more of the million-item indexes stay in memory, under 150 MiB in
/// all.
const DEMO_CACHE_MIB: u32 = 88;

/// Fills an empty database with the demo company, all or nothing: one transaction, so that a
/// demo stopped half-way (Ctrl-C: the store's long-work observer says stop) or failing leaves
/// the database as it was, and it can be run again.
pub fn fill(store: &mut Store, opts: &DemoOptions) -> Result<DemoSummary> {
    fill_observed(store, opts, &mut ())
}

/// As [`fill`], telling `observer` how far it is.
pub fn fill_observed(
    store: &mut Store,
    opts: &DemoOptions,
    observer: &mut dyn Observer,
) -> Result<DemoSummary> {
    check_today(opts.today)?;
    // The items are made as they are written (items.rs), so their memory goes to the cache.
    store.tune_for_bulk_load_with(DEMO_CACHE_MIB)?;
    let summary = store.all_or_nothing(|store| {
        let existing: i64 = store.conn().query_row(
            "SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM revenue_items)",
            [],
            |r| r.get(0),
        )?;
        if existing > 0 {
            return Err(StoreError::refused(format!(
                "{} already holds data: the demo fills an empty database only",
                store.path().display()
            )));
        }
        let mut rng = Rng::new(opts.seed);
        let mut summary = DemoSummary::default();
        // The seller: what invoices print and the hand-off sends.
        store.set_settings(SELLER)?;
        let company = company::create(store, &mut rng, opts, &mut summary, observer)?;
        items::create(store, &mut rng, opts, &company, &mut summary, observer)?;
        let schedules = (progress::line_count(&company, opts.revenue_items)
            + plans::plan_count(&company, opts.revenue_items)) as u64;
        observer.progress(Step::Schedules, 0, Some(schedules));
        summary.contract_lines = progress::create(store, opts, &company)?;
        summary.billing_plans = plans::create(store, opts, &company)?;
        observer.progress(Step::Schedules, schedules, Some(schedules));
        summary.revenue_items = store.revenue_item_count()? as u64;
        invoicing::run(store, &mut rng, opts, &company, &mut summary, observer)?;
        adjustments(store, opts, &company)?;
        costs::create(store, opts.today)?;
        Ok(summary)
    })?;
    store.optimize()?;
    Ok(summary)
}

/// Two manual revenue adjustments, so the report lists both kinds: an accrual of work done
/// last month and invoiced later, and a deferral of a licence billed ahead.
fn adjustments(store: &mut Store, opts: &DemoOptions, company: &company::Company) -> Result<()> {
    let last_month = YearMonth::of(opts.today).plus(-1);
    for (project, amount, reason) in [
        (
            0,
            Decimal::new(250_000, 2),
            "Accrued: October work invoiced in November",
        ),
        (
            1,
            Decimal::new(-120_000, 2),
            "Deferred: licence billed for the next quarter",
        ),
    ] {
        let Some(p) = company.projects.get(project) else {
            continue;
        };
        store.create_adjustment(&AdjustmentInput {
            project_id: p.id,
            month: last_month,
            amount,
            reason: reason.into(),
        })?;
    }
    Ok(())
}
