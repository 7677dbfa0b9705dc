//! The demo's billing plans: the built-in 30-50-20 template (30/50/20% from the project start)
//! on a few launched projects.

use super::DemoOptions;
use super::company::Company;
use crate::domain::billing_plan::from_template;
use crate::domain::plan_templates;
use crate::store::{Result, Store};
use rust_decimal::Decimal;

/// Revenue items each plan makes.
pub const ITEMS_PER_PLAN: u64 = 3;

/// How many plans the demo makes: up to three, never more items than were asked for.
pub fn plan_count(company: &Company, revenue_items: u64) -> usize {
    let launched = company.projects.iter().filter(|p| p.launched).count();
    launched
        .saturating_sub(6)
        .min(3)
        .min((revenue_items / ITEMS_PER_PLAN / 20) as usize)
}

pub fn create(store: &mut Store, opts: &DemoOptions, company: &Company) -> Result<usize> {
    // Built in and unit-tested, so it is always there.
    let template = plan_templates::find("30-50-20")
        .expect("built-in template 30-50-20")
        .parts();
    let count = plan_count(company, opts.revenue_items);
    // The projects after those that carry the progress lines.
    let projects = company
        .projects
        .iter()
        .filter(|p| p.launched)
        .skip(6)
        .take(count);
    let mut made = 0;
    for (k, project) in projects.enumerate() {
        let start = super::company::offset(opts.today, -60 + 30 * k as i64);
        // The plan's dates count from the project start: the start is moved there first, so
        // that the first part is due, the others ahead.
        let (_, version) = store.project_start(project.id)?;
        store.move_project_start(project.id, version, start)?;
        let parts = from_template(&template, start)?;
        let vat = if project.usd {
            Decimal::ZERO
        } else {
            Decimal::from(24)
        };
        store.create_billing_plan(
            project.id,
            Decimal::new(4_800_000 + 1_000_000 * k as i64, 2),
            vat,
            &parts,
        )?;
        made += 1;
    }
    Ok(made)
}
