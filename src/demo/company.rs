//! Accounts, price lists, projects, milestones, time reports and expenses of the demo.

use super::catalog::*;
use super::rng::Rng;
use super::{DemoOptions, DemoSummary, Observer, Step};
use crate::domain::rates::Rate;
use crate::store::Result;
use crate::store::Store;
use crate::store::accounts::AccountInput;
use crate::store::milestone_edits::MilestoneInput;
use crate::store::price_lists::PriceListInput;
use crate::store::projects::ProjectInput;
use crate::store::time_entries::{ExpenseInput, TimeReportInput};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

pub struct Milestone {
    pub id: i64,
    pub reached: bool,
    pub due_date: NaiveDate,
}

pub struct Project {
    pub id: i64,
    pub launched: bool,
    /// Has time reports and expenses to collect.
    pub has_time: bool,
    pub usd: bool,
    pub milestones: Vec<Milestone>,
}

pub struct Company {
    pub projects: Vec<Project>,
}

fn days(today: NaiveDate, offset: i64) -> NaiveDate {
    if offset >= 0 {
        today + Days::new(offset as u64)
    } else {
        today - Days::new(offset.unsigned_abs())
    }
}

fn rates(factor: &str) -> Vec<Rate> {
    let factor: Decimal = factor.parse().unwrap_or(Decimal::ONE);
    ROLE_RATES
        .iter()
        .map(|(role, rate)| Rate {
            role: role.to_string(),
            person: None,
            rate: rate.parse::<Decimal>().unwrap_or_default() * factor,
        })
        .collect()
}

pub fn create(
    store: &mut Store,
    rng: &mut Rng,
    opts: &DemoOptions,
    summary: &mut DemoSummary,
    observer: &mut dyn Observer,
) -> Result<Company> {
    let eur_list = store.create_price_list(&PriceListInput {
        ext_key: None,
        name: "Standard EUR 2026".into(),
        currency: "EUR".into(),
        rates: rates("1"),
    })?;
    let usd_list = store.create_price_list(&PriceListInput {
        ext_key: None,
        name: "Standard USD 2026".into(),
        currency: "USD".into(),
        rates: rates("1.1"),
    })?;
    let project_count = (opts.revenue_items / 150).clamp(12, 8000) as usize;
    // About eight projects per customer in large demos; the named customers in small ones.
    let account_count = (project_count / 8).clamp(ACCOUNT_NAMES.len(), 1000);
    let total = Some((account_count + project_count) as u64);
    observer.progress(Step::Company, 0, total);
    let mut accounts = Vec::new();
    for i in 0..account_count {
        let base = ACCOUNT_NAMES[i % ACCOUNT_NAMES.len()];
        let name = match i / ACCOUNT_NAMES.len() {
            0 => base.to_string(),
            k => format!("{base} #{}", k + 1),
        };
        let usd = i % ACCOUNT_NAMES.len() >= FIRST_USD_ACCOUNT;
        let id = store.create_account(&AccountInput {
            ext_key: Some(format!("CRM-{:04}", i + 1)),
            name: name.clone(),
            billing_contact: format!("Accounts Payable, {name}"),
            email: format!("invoices@{}.example", slug(&name)),
            address_line1: if usd {
                format!("{} Market Street", 100 + i)
            } else {
                format!("Esplanadi {}", 10 + i)
            },
            postcode: if usd { "" } else { "00100" }.into(),
            city: if usd { "Springfield" } else { "Helsinki" }.into(),
            country_code: if usd { "US" } else { "FI" }.into(),
            vat_id: if usd {
                String::new()
            } else {
                format!("FI{:08}", 10_000_000 + i * 7919)
            },
            currency: if usd { "USD" } else { "EUR" }.into(),
            payment_terms_days: *rng.pick(&[14, 30, 30, 45]),
            business_unit: BUSINESS_UNITS[i % BUSINESS_UNITS.len()].into(),
            ..Default::default()
        })?;
        accounts.push((id, usd));
        observer.progress(Step::Company, accounts.len() as u64, total);
    }
    summary.accounts = accounts.len();

    let mut projects = Vec::with_capacity(project_count);
    for n in 0..project_count {
        let (account_id, usd) = accounts[n % accounts.len()];
        // Every status appears, even in the smallest demo.
        let status = match n % 10 {
            4 => "planned",
            7 => "closed",
            _ => "launched",
        };
        let start = days(opts.today, -rng.range(30, 400));
        let own_rates = if n % 7 == 3 {
            vec![Rate {
                role: "developer".into(),
                person: None,
                rate: Decimal::new(9900, 2),
            }]
        } else {
            Vec::new()
        };
        let id = store.create_project(&ProjectInput {
            ext_key: None,
            code: format!("P-{:04}", n + 1),
            name: format!(
                "{} {}",
                PROJECT_WORDS[n % PROJECT_WORDS.len()],
                n / PROJECT_WORDS.len() + 1
            ),
            account_id,
            currency: None,
            manager: rng.pick(MANAGERS).to_string(),
            status: status.into(),
            start_date: Some(start),
            estimated_progress: Decimal::from(rng.range(0, 101)),
            price_list_id: Some(if usd { usd_list } else { eur_list }),
            business_unit: String::new(),
            rates: own_rates,
        })?;
        let launched = status == "launched";
        let mut milestones = Vec::new();
        if launched && n < 400 {
            // Reached, due (within 14 days) and missed (passed, not reached).
            for (code, offset, reached) in [
                ("M1", -rng.range(20, 90), true),
                ("M2", rng.range(1, 14), false),
                ("M3", -rng.range(1, 20), false),
            ] {
                let due_date = days(opts.today, offset);
                let mid = store.create_milestone(&MilestoneInput {
                    ext_key: None,
                    project_id: id,
                    code: code.into(),
                    name: match code {
                        "M1" => "Specification approved",
                        "M2" => "Pilot delivered",
                        _ => "Go-live",
                    }
                    .into(),
                    due_date,
                    reached_at: reached.then(|| format!("{due_date}T12:00:00.000Z")),
                })?;
                milestones.push(Milestone {
                    id: mid,
                    reached,
                    due_date,
                });
            }
        }
        summary.milestones += milestones.len();
        let has_time = launched && n < 60;
        if has_time {
            time_and_expenses(store, rng, opts, id)?;
        }
        projects.push(Project {
            id,
            launched,
            has_time,
            usd,
            milestones,
        });
        let done = accounts.len() + projects.len();
        observer.progress(Step::Company, done as u64, total);
    }
    summary.projects = projects.len();
    Ok(Company { projects })
}

fn time_and_expenses(
    store: &mut Store,
    rng: &mut Rng,
    opts: &DemoOptions,
    project_id: i64,
) -> Result<()> {
    let mut reports = Vec::new();
    for _ in 0..rng.range(10, 30) {
        let (person, role) = *rng.pick(PEOPLE);
        reports.push(TimeReportInput {
            ext_key: None,
            project_id,
            person: person.into(),
            role: role.into(),
            work_date: days(opts.today, -rng.range(0, 75)),
            hours: Decimal::new(rng.range(2, 17) * 5, 1),
            billable: rng.chance(85),
            description: String::new(),
        });
    }
    store.create_time_reports(&reports)?;
    let expenses: Vec<ExpenseInput> = (0..rng.range(1, 4))
        .map(|_| ExpenseInput {
            ext_key: None,
            project_id,
            expense_date: days(opts.today, -rng.range(0, 75)),
            description: rng.pick(EXPENSES).to_string(),
            amount: Decimal::new(rng.range(2_000, 90_000), 2),
            billable: true,
        })
        .collect();
    store.create_expenses(&expenses)?;
    Ok(())
}

/// A name as the part of an email domain: `Quarry & Stone Ltd` -> `quarry-stone-ltd`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

pub fn offset(today: NaiveDate, days_offset: i64) -> NaiveDate {
    days(today, days_offset)
}
