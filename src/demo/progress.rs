//! The demo's progress billing: a contract line on a few launched projects, with periods in
//! every state (invoiced once the invoicing history runs, to be invoiced, pending).

use super::DemoOptions;
use super::company::{Company, offset};
use crate::domain::invoicing_term::Term;
use crate::store::progress::NewContractLine;
use crate::store::{Result, Store};
use rust_decimal::Decimal;

/// Revenue items each line ends with: its forecast and two validated periods.
pub const ITEMS_PER_LINE: u64 = 3;

/// How many lines the demo makes: up to six, and never more items than were asked for.
pub fn line_count(company: &Company, revenue_items: u64) -> usize {
    let launched = company.projects.iter().filter(|p| p.launched).count();
    launched
        .min(6)
        .min((revenue_items / ITEMS_PER_LINE / 10) as usize)
}

pub fn create(store: &mut Store, opts: &DemoOptions, company: &Company) -> Result<usize> {
    let mut lines = 0;
    let count = line_count(company, opts.revenue_items);
    for (k, project) in company
        .projects
        .iter()
        .filter(|p| p.launched)
        .take(count)
        .enumerate()
    {
        let start = offset(opts.today, -150);
        let line = store.create_contract_line(&NewContractLine {
            project_id: project.id,
            milestone_id: None,
            description: ["Implementation", "Integration", "Data migration"][k % 3].into(),
            quantity: Decimal::from(40 + 20 * k as i64),
            unit_price: Decimal::new(85_000 + 2_500 * k as i64, 2),
            invoicing_term: if k % 2 == 0 {
                Term::Monthly
            } else {
                Term::Quarterly
            },
            vat_rate: if project.usd {
                Decimal::ZERO
            } else {
                Decimal::from(24)
            },
            first_period_start: start,
        })?;
        // Progress grows period by period; the last period stays pending.
        for percent in [20, 45, 70] {
            let status = store.add_progress_status(line, start)?;
            let version = store.project_version(project.id)?;
            store.set_project_progress(project.id, version, Decimal::from(percent))?;
            let v = |store: &Store| -> Result<i64> {
                Ok(store
                    .progress_statuses(line)?
                    .into_iter()
                    .find(|s| s.id == status)
                    .map(|s| s.version)
                    .unwrap_or_default())
            };
            store.refresh_progress(status, v(store)?)?;
            if percent < 70 {
                store.validate_progress(status, v(store)?)?;
            }
        }
        lines += 1;
    }
    Ok(lines)
}
