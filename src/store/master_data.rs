//! Accounts, price lists, projects, milestones, time reports and expenses: the data revenue
//! items and invoices are made from.

use super::codec;
use super::error::{Result, StoreError};
use super::{Store, Writer};
use crate::domain::Currency;
use crate::domain::project::ProjectStatus;
use crate::domain::rates::Rate;
use crate::domain::rights::Action;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct NewAccount {
    pub name: String,
    pub billing_contact: String,
    pub address: String,
    pub vat_id: String,
    pub currency: String,
    pub payment_terms_days: i64,
    pub business_unit: String,
}

/// An account as stored: who is billed, where, and on what terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub billing_contact: String,
    pub address: String,
    pub vat_id: String,
    pub currency: Currency,
    pub payment_terms_days: i64,
    pub business_unit: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewPriceList {
    pub name: String,
    pub currency: String,
    #[serde(skip)]
    pub rates: Vec<Rate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewProject {
    pub code: String,
    pub name: String,
    pub account_id: i64,
    /// The account's currency when absent.
    pub currency: Option<String>,
    pub manager: String,
    pub status: String,
    pub start_date: Option<NaiveDate>,
    pub estimated_progress: Decimal,
    pub price_list_id: Option<i64>,
    /// The project's own rates, which override its price list.
    #[serde(skip)]
    pub rates: Vec<Rate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewMilestone {
    pub project_id: i64,
    pub code: String,
    pub name: String,
    pub due_date: NaiveDate,
    /// Created already reached (for imports and demo data), at this timestamp.
    pub reached_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewTimeReport {
    pub project_id: i64,
    pub person: String,
    pub role: String,
    pub work_date: NaiveDate,
    pub hours: Decimal,
    pub billable: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewExpense {
    pub project_id: i64,
    pub expense_date: NaiveDate,
    pub description: String,
    pub amount: Decimal,
    pub billable: bool,
}

fn check_name(what: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(StoreError::refused(format!("{what} cannot be empty")));
    }
    Ok(())
}

fn insert_rates(w: &Writer<'_>, owner: &str, owner_id: i64, rates: &[Rate]) -> Result<()> {
    let sql = format!(
        "INSERT INTO rates ({owner}, role, person, rate_micros) VALUES (?1, ?2, ?3, ?4) RETURNING id"
    );
    let mut stmt = w.tx().prepare_cached(&sql)?;
    for rate in rates {
        let id: i64 = stmt.query_row(
            params![owner_id, rate.role, rate.person, codec::micros(rate.rate)?],
            |r| r.get(0),
        )?;
        w.history_created(
            "rate",
            id,
            &serde_json::json!({owner: owner_id, "role": rate.role, "person": rate.person, "rate": rate.rate}),
        )?;
    }
    Ok(())
}

impl Store {
    /// Account `id`, or `NotFound`.
    pub fn account(&self, id: i64) -> Result<Account> {
        let row = self
            .conn()
            .prepare_cached(
                "SELECT name, billing_contact, address, vat_id, currency, payment_terms_days,
                        business_unit
                 FROM accounts WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })
            .optional()?;
        let Some((name, billing_contact, address, vat_id, currency, terms, business_unit)) = row
        else {
            return Err(StoreError::NotFound {
                object: "account",
                id,
            });
        };
        Ok(Account {
            id,
            name,
            billing_contact,
            address,
            vat_id,
            currency: codec::currency(&currency)?,
            payment_terms_days: terms,
            business_unit,
        })
    }

    pub fn create_account(&mut self, a: &NewAccount) -> Result<i64> {
        check_name("the account name", &a.name)?;
        codec::currency(&a.currency)?;
        self.write(Action::EditRevenue, |w| {
            let id: i64 = w.tx().query_row(
                "INSERT INTO accounts (name, billing_contact, address, vat_id, currency,
                    payment_terms_days, business_unit, updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
                params![
                    a.name,
                    a.billing_contact,
                    a.address,
                    a.vat_id,
                    a.currency,
                    a.payment_terms_days,
                    a.business_unit,
                    w.user(),
                    w.at()
                ],
                |r| r.get(0),
            )?;
            w.history_created("account", id, &serde_json::to_value(a).unwrap_or_default())?;
            Ok(id)
        })
    }

    pub fn create_price_list(&mut self, p: &NewPriceList) -> Result<i64> {
        check_name("the price list name", &p.name)?;
        codec::currency(&p.currency)?;
        self.write(Action::EditRevenue, |w| {
            let id: i64 = w.tx().query_row(
                "INSERT INTO price_lists (name, currency, updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4) RETURNING id",
                params![p.name, p.currency, w.user(), w.at()],
                |r| r.get(0),
            )?;
            w.history_created(
                "price_list",
                id,
                &serde_json::to_value(p).unwrap_or_default(),
            )?;
            insert_rates(w, "price_list_id", id, &p.rates)?;
            Ok(id)
        })
    }

    pub fn create_project(&mut self, p: &NewProject) -> Result<i64> {
        check_name("the project code", &p.code)?;
        check_name("the project name", &p.name)?;
        codec::parse::<ProjectStatus>(&p.status)?;
        self.write(Action::EditRevenue, |w| {
            let account_currency: String = w
                .tx()
                .query_row(
                    "SELECT currency FROM accounts WHERE id = ?1",
                    [p.account_id],
                    |r| r.get(0),
                )
                .map_err(|_| StoreError::NotFound {
                    object: "account",
                    id: p.account_id,
                })?;
            let currency = p.currency.clone().unwrap_or(account_currency);
            codec::currency(&currency)?;
            let id: i64 = w.tx().query_row(
                "INSERT INTO projects (code, name, account_id, currency, manager, status, start_date,
                    estimated_progress_micros, price_list_id, updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
                params![
                    p.code,
                    p.name,
                    p.account_id,
                    currency,
                    p.manager,
                    p.status,
                    p.start_date,
                    codec::micros(p.estimated_progress)?,
                    p.price_list_id,
                    w.user(),
                    w.at()
                ],
                |r| r.get(0),
            )?;
            w.history_created("project", id, &serde_json::to_value(p).unwrap_or_default())?;
            insert_rates(w, "project_id", id, &p.rates)?;
            Ok(id)
        })
    }

    pub fn create_milestone(&mut self, m: &NewMilestone) -> Result<i64> {
        check_name("the milestone code", &m.code)?;
        self.write(Action::EditMilestones, |w| {
            let reached_by = m.reached_at.as_ref().map(|_| w.user().to_string());
            let id: i64 = w.tx().query_row(
                "INSERT INTO milestones (project_id, code, name, due_date, reached_at, reached_by,
                    updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
                params![
                    m.project_id,
                    m.code,
                    m.name,
                    m.due_date,
                    m.reached_at,
                    reached_by,
                    w.user(),
                    w.at()
                ],
                |r| r.get(0),
            )?;
            w.history_created(
                "milestone",
                id,
                &serde_json::to_value(m).unwrap_or_default(),
            )?;
            Ok(id)
        })
    }

    pub fn create_time_reports(&mut self, reports: &[NewTimeReport]) -> Result<()> {
        self.write(Action::EditRevenue, |w| {
            let mut stmt = w.tx().prepare_cached(
                "INSERT INTO time_reports (project_id, person, role, work_date, hours_micros,
                    billable, updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
            )?;
            for t in reports {
                if t.hours.is_sign_negative() {
                    return Err(StoreError::refused("hours cannot be negative"));
                }
                let id: i64 = stmt.query_row(
                    params![
                        t.project_id,
                        t.person,
                        t.role,
                        t.work_date,
                        codec::micros(t.hours)?,
                        t.billable,
                        w.user(),
                        w.at()
                    ],
                    |r| r.get(0),
                )?;
                w.history_created(
                    "time_report",
                    id,
                    &serde_json::to_value(t).unwrap_or_default(),
                )?;
            }
            Ok(())
        })
    }

    pub fn create_expenses(&mut self, expenses: &[NewExpense]) -> Result<()> {
        self.write(Action::EditRevenue, |w| {
            let mut stmt = w.tx().prepare_cached(
                "INSERT INTO expenses (project_id, expense_date, description, amount_minor, billable,
                    updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
            )?;
            for e in expenses {
                let currency = project_currency(w, e.project_id)?;
                let id: i64 = stmt.query_row(
                    params![
                        e.project_id,
                        e.expense_date,
                        e.description,
                        codec::minor(currency, e.amount)?,
                        e.billable,
                        w.user(),
                        w.at()
                    ],
                    |r| r.get(0),
                )?;
                w.history_created("expense", id, &serde_json::to_value(e).unwrap_or_default())?;
            }
            Ok(())
        })
    }
}

/// The currency of a project, or a clear error when the project does not exist.
pub(super) fn project_currency(w: &Writer<'_>, project_id: i64) -> Result<Currency> {
    let code: String = w
        .tx()
        .prepare_cached("SELECT currency FROM projects WHERE id = ?1")?
        .query_row([project_id], |r| r.get(0))
        .map_err(|_| StoreError::NotFound {
            object: "project",
            id: project_id,
        })?;
    codec::currency(&code)
}
