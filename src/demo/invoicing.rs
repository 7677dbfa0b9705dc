//! The demo's invoicing history: months of drafts confirmed on their day, credit notes (full,
//! partial and a draft one) and today's open drafts.

use super::company::{Company, offset};
use super::rng::Rng;
use super::{DemoOptions, DemoSummary, Observer, Step};
use crate::domain::revenue_status::RevenueStatus;
use crate::store::{Result, Store};

pub fn run(
    store: &mut Store,
    rng: &mut Rng,
    opts: &DemoOptions,
    _company: &Company,
    summary: &mut DemoSummary,
    observer: &mut dyn Observer,
) -> Result<()> {
    let per_month = (opts.revenue_items / 100).clamp(20, 2000) as usize;
    let mut confirmed_invoices = Vec::new();
    let mut invoices = 0u64;
    observer.progress(Step::Invoices, 0, None);
    for months_ago in (1..=5).rev() {
        let day = offset(opts.today, -30 * months_ago);
        let items = store.billable_item_ids(offset(day, -30), day, per_month)?;
        let made = store.make_drafts(&items, day)?;
        // A few drafts of each month are left for finance to look at.
        let to_confirm: Vec<i64> = made
            .invoices
            .iter()
            .copied()
            .filter(|_| !rng.chance(4))
            .collect();
        let run = store.confirm_many(&to_confirm, day)?;
        summary.drafts += made.invoices.len() - run.confirmed.len();
        confirmed_invoices.extend(run.confirmed.iter().map(|c| (c.id, day)));
        summary.confirmed_invoices += run.confirmed.len();
        invoices += made.invoices.len() as u64;
        observer.progress(Step::Invoices, invoices, None);
    }
    // Credit notes: one in full, one partial, one left as a draft.
    let credits: Vec<(i64, chrono::NaiveDate)> = confirmed_invoices
        .iter()
        .step_by(7)
        .take(3)
        .copied()
        .collect();
    for (k, (invoice_id, day)) in credits.into_iter().enumerate() {
        let credit_day = offset(day, 10);
        let note = if k == 1 {
            let (line_id, left) = store.creditable(invoice_id)?[0];
            let currency = store.invoice(invoice_id)?.currency;
            let half = currency.round(left / rust_decimal::Decimal::TWO);
            store.create_credit_note(invoice_id, Some(&[(line_id, half)]), credit_day)?
        } else {
            store.create_credit_note(invoice_id, None, credit_day)?
        };
        invoices += 1;
        if k < 2 {
            store.confirm(note, credit_day)?;
            summary.credit_notes += 1;
        } else {
            summary.drafts += 1;
        }
        if k == 0 {
            // A fully credited item can be invoiced again.
            let invoice = store.invoice(invoice_id)?;
            if let Some(item_id) = invoice.lines[0].revenue_item_id {
                let version = store.revenue_item(item_id)?.version;
                store.set_status(&[(item_id, version)], RevenueStatus::Billable)?;
            }
        }
    }
    let today_items =
        store.billable_item_ids(offset(opts.today, -20), opts.today, (per_month / 4).max(8))?;
    let today_drafts = store.make_drafts(&today_items, opts.today)?.invoices.len();
    summary.drafts += today_drafts;
    observer.progress(Step::Invoices, invoices + today_drafts as u64, None);
    Ok(())
}
