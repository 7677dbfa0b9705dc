//! `finctl demo`: a realistic, deterministic demo company, written through the store's own
//! operations (so rights, history and invariants hold exactly as for real work).

mod catalog;
mod company;
mod invoicing;
mod items;
mod plans;
mod progress;
mod rng;

use crate::store::{Result, Store, StoreError};
use chrono::NaiveDate;
use rng::Rng;

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

pub fn fill(store: &mut Store, opts: &DemoOptions) -> Result<DemoSummary> {
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
    store.tune_for_bulk_load()?;
    let mut rng = Rng::new(opts.seed);
    let mut summary = DemoSummary::default();
    // The seller: what invoices print and the hand-off sends.
    store.set_settings(SELLER)?;
    let company = company::create(store, &mut rng, opts, &mut summary)?;
    items::create(store, &mut rng, opts, &company, &mut summary)?;
    summary.contract_lines = progress::create(store, opts, &company)?;
    summary.billing_plans = plans::create(store, opts, &company)?;
    summary.revenue_items = store.revenue_item_count()? as u64;
    invoicing::run(store, &mut rng, opts, &company, &mut summary)?;
    store.optimize()?;
    Ok(summary)
}
