//! Projects and their own rates: reading one, finding one by its external key or its code,
//! creating, editing and upserting one, and launching and closing it (finance and admins),
//! each with its history rows. What may change once figures exist is the domain's
//! (`domain::project_input`, `domain::project`); this file gathers the facts.

use super::billing_plans::move_plan_dates;
use super::codec;
use super::error::{Result, StoreError};
use super::master_data::{
    RateOwner, Stamp, Upserted, history_changes, history_created, load_rates, merged_key, touches,
    write_rates,
};
use super::{Store, Writer};
use crate::domain::Currency;
use crate::domain::master_field::{Change, MasterField, changes};
use crate::domain::project::{ProjectStatus, StatusFacts};
pub use crate::domain::project_input::ProjectInput;
use crate::domain::project_input::{
    ProjectFacts, check_account_change, check_currency_change, check_price_list,
};
use crate::domain::rates::Rate;
use crate::domain::rights::Action;
use crate::domain::scaled::from_micros;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use rust_decimal::Decimal;

/// A project as stored, with its own rates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub id: i64,
    pub ext_key: Option<String>,
    pub code: String,
    pub name: String,
    pub account_id: i64,
    pub currency: Currency,
    /// The operating-system user who manages it.
    pub manager: String,
    pub status: ProjectStatus,
    pub start_date: Option<NaiveDate>,
    pub estimated_progress: Decimal,
    pub price_list_id: Option<i64>,
    pub business_unit: String,
    /// Its own rates, which override its price list's.
    pub rates: Vec<Rate>,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

impl Project {
    /// The project as an input: what an edit form starts from.
    pub fn input(&self) -> ProjectInput {
        ProjectInput {
            ext_key: self.ext_key.clone(),
            code: self.code.clone(),
            name: self.name.clone(),
            account_id: self.account_id,
            currency: Some(self.currency.code().to_string()),
            manager: self.manager.clone(),
            status: self.status.as_str().to_string(),
            start_date: self.start_date,
            estimated_progress: self.estimated_progress,
            price_list_id: self.price_list_id,
            business_unit: self.business_unit.clone(),
            rates: self.rates.clone(),
        }
    }

    fn stamp(&self) -> Stamp {
        Stamp {
            version: self.version,
            updated_by: self.updated_by.clone(),
            updated_at: self.updated_at.clone(),
        }
    }

    /// The project of a row that starts with `PROJECT_COLUMNS` (its rates still empty).
    fn from_row(r: &Row<'_>) -> Result<Project> {
        Ok(Project {
            id: r.get(0)?,
            ext_key: r.get(1)?,
            code: r.get(2)?,
            name: r.get(3)?,
            account_id: r.get(4)?,
            currency: codec::currency(&r.get::<_, String>(5)?)?,
            manager: r.get(6)?,
            status: codec::parse(&r.get::<_, String>(7)?)?,
            start_date: r.get(8)?,
            estimated_progress: from_micros(r.get(9)?),
            price_list_id: r.get(10)?,
            business_unit: r.get(11)?,
            rates: Vec::new(),
            version: r.get(12)?,
            updated_by: r.get(13)?,
            updated_at: r.get(14)?,
        })
    }
}

/// The columns of a project, in the order `Project::from_row` reads them.
const PROJECT_COLUMNS: &str = "id, ext_key, code, name, account_id, currency, manager, status,
    start_date, estimated_progress_micros, price_list_id, business_unit, version, updated_by,
    updated_at";

/// The projects `filter` (a `WHERE` clause on `?1`) selects, with their rates.
fn projects_where(
    conn: &Connection,
    filter: &str,
    arg: &dyn rusqlite::ToSql,
) -> Result<Vec<Project>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PROJECT_COLUMNS} FROM projects WHERE {filter}"
    ))?;
    let mut rows = stmt.query([arg])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut p = Project::from_row(r)?;
        p.rates = load_rates(conn, RateOwner::Project, p.id)?;
        out.push(p);
    }
    Ok(out)
}

/// Project `id`, or `NotFound`.
pub fn load_project(conn: &Connection, id: i64) -> Result<Project> {
    projects_where(conn, "id = ?1", &id)?
        .pop()
        .ok_or(StoreError::NotFound {
            object: "project",
            id,
        })
}

/// The project with this external key, if there is one.
pub fn project_by_key(conn: &Connection, key: &str) -> Result<Option<Project>> {
    Ok(projects_where(conn, "ext_key = ?1", &key.trim())?.pop())
}

/// The project with this code (trimmed, any case), if there is one.
pub fn project_by_code(conn: &Connection, code: &str) -> Result<Option<Project>> {
    let mut found = projects_where(conn, "code = ?1 COLLATE NOCASE ORDER BY id", &code.trim())?;
    if found.len() > 1 {
        return Err(StoreError::refused(format!(
            "{} projects have code {:?} in some case: give the row its key",
            found.len(),
            code.trim()
        )));
    }
    Ok(found.pop())
}

/// The project an input is about: by its external key, else by its code.
pub fn find_project(conn: &Connection, key: Option<&str>, code: &str) -> Result<Option<Project>> {
    if let Some(found) = key.map(|k| project_by_key(conn, k)).transpose()?.flatten() {
        return Ok(Some(found));
    }
    project_by_code(conn, code)
}

/// What the project holds that is priced in its currency or billed to its account.
fn facts(conn: &Connection, id: i64) -> Result<ProjectFacts> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM invoice_lines WHERE project_id = ?1),
                (SELECT count(*) FROM revenue_items WHERE project_id = ?1),
                (SELECT count(*) FROM expenses WHERE project_id = ?1),
                (SELECT count(*) FROM contract_lines WHERE project_id = ?1),
                (SELECT count(*) FROM billing_plans WHERE project_id = ?1),
                (SELECT count(*) FROM revenue_adjustments WHERE project_id = ?1)",
        [id],
        |r| {
            Ok(ProjectFacts {
                invoice_lines: r.get(0)?,
                revenue_items: r.get(1)?,
                expenses: r.get(2)?,
                contract_lines: r.get(3)?,
                billing_plans: r.get(4)?,
                adjustments: r.get(5)?,
            })
        },
    )?)
}

/// Revenue items of the project still to invoice: open, billable or on a draft.
fn status_facts(conn: &Connection, id: i64) -> Result<StatusFacts> {
    Ok(StatusFacts {
        waiting_items: conn.query_row(
            "SELECT count(*) FROM revenue_items
             WHERE project_id = ?1 AND status IN ('open', 'billable', 'draft_invoice')",
            [id],
            |r| r.get(0),
        )?,
    })
}

/// The currency of an account, refused naming the field when there is no such account.
fn account_currency(conn: &Connection, account_id: i64) -> Result<String> {
    conn.prepare_cached("SELECT currency FROM accounts WHERE id = ?1")?
        .query_row([account_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::Invalid {
            field: MasterField::Account,
            message: format!("account {account_id} does not exist"),
        })
}

/// A project's price list is in its currency.
fn check_list(conn: &Connection, price_list_id: Option<i64>, currency: &str) -> Result<()> {
    let Some(id) = price_list_id else {
        return Ok(());
    };
    let (name, list_currency): (String, String) = conn
        .prepare_cached("SELECT name, currency FROM price_lists WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| StoreError::Invalid {
            field: MasterField::PriceList,
            message: format!("price list {id} does not exist"),
        })?;
    Ok(check_price_list(&name, &list_currency, currency)?)
}

fn check_unique(conn: &Connection, p: &ProjectInput, id: i64) -> Result<()> {
    let taken: Option<String> = conn
        .prepare_cached("SELECT code FROM projects WHERE code = ?1 COLLATE NOCASE AND id <> ?2")?
        .query_row(params![p.code, id], |r| r.get(0))
        .optional()?;
    if let Some(other) = taken {
        return Err(StoreError::Invalid {
            field: MasterField::Code,
            message: format!("project code {other} is taken"),
        });
    }
    if let Some(key) = &p.ext_key {
        let other: Option<String> = conn
            .prepare_cached("SELECT code FROM projects WHERE ext_key = ?1 AND id <> ?2")?
            .query_row(params![key, id], |r| r.get(0))
            .optional()?;
        if let Some(other) = other {
            return Err(StoreError::Invalid {
                field: MasterField::ExtKey,
                message: format!("key {key:?} is project {other}'s"),
            });
        }
    }
    Ok(())
}

/// Creates a project with its own rates (finance and admins); without a currency it bills in
/// its account's. Its price list is in its currency.
pub fn insert_project(w: &Writer<'_>, p: &ProjectInput, reason: Option<&str>) -> Result<i64> {
    w.require(Action::EditMasterData)?;
    let mut p = p.checked()?;
    let account_currency = account_currency(w.tx(), p.account_id)?;
    let currency = p.currency.get_or_insert(account_currency).clone();
    check_list(w.tx(), p.price_list_id, &currency)?;
    check_unique(w.tx(), &p, 0)?;
    let id: i64 = w.tx().query_row(
        "INSERT INTO projects (ext_key, code, name, account_id, currency, manager, status,
            start_date, estimated_progress_micros, price_list_id, business_unit, updated_by,
            updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id",
        params![
            p.ext_key,
            p.code,
            p.name,
            p.account_id,
            currency,
            p.manager,
            p.status,
            p.start_date,
            codec::micros(p.estimated_progress)?,
            p.price_list_id,
            p.business_unit,
            w.user(),
            w.at()
        ],
        |r| r.get(0),
    )?;
    write_rates(w, RateOwner::Project, id, &p.rates)?;
    history_created(w, "project", id, &p.fields(), reason)?;
    Ok(id)
}

/// The rules an edit of a project passes, judged on what it changes.
fn check_edit(
    conn: &Connection,
    stored: &Project,
    new: &ProjectInput,
    ch: &[Change],
) -> Result<()> {
    check_unique(conn, new, stored.id)?;
    let code = &stored.code;
    let currency = new.currency.as_deref().unwrap_or(stored.currency.code());
    if touches(ch, MasterField::Account) || touches(ch, MasterField::Currency) {
        let facts = facts(conn, stored.id)?;
        if touches(ch, MasterField::Account) {
            account_currency(conn, new.account_id)?;
            check_account_change(code, &facts)?;
        }
        if touches(ch, MasterField::Currency) {
            check_currency_change(code, stored.currency.code(), &facts)?;
        }
    }
    if touches(ch, MasterField::PriceList) || touches(ch, MasterField::Currency) {
        check_list(conn, new.price_list_id, currency)?;
    }
    if touches(ch, MasterField::Status) {
        let to = new.status()?;
        stored
            .status
            .check_transition(to, code, &status_facts(conn, stored.id)?)
            .map_err(|e| StoreError::Invalid {
                field: MasterField::Status,
                message: e.0,
            })?;
    }
    if touches(ch, MasterField::StartDate) && new.start_date.is_none() {
        let plans: i64 = conn.query_row(
            "SELECT count(*) FROM billing_plans WHERE project_id = ?1",
            [stored.id],
            |r| r.get(0),
        )?;
        if plans > 0 {
            return Err(StoreError::Invalid {
                field: MasterField::StartDate,
                message: format!(
                    "project {code} has a billing plan whose dates follow its start: it keeps a start date"
                ),
            });
        }
    }
    Ok(())
}

/// Edits project `id` to `p` (finance and admins), its own rates too; `seen` as for accounts.
/// A new start date moves the billing plan's dates that follow it (and their items). Returns
/// the changed fields' names.
pub fn update_project_at(
    w: &Writer<'_>,
    id: i64,
    seen: Option<i64>,
    p: &ProjectInput,
    reason: Option<&str>,
) -> Result<Vec<&'static str>> {
    w.require(Action::EditMasterData)?;
    let stored = load_project(w.tx(), id)?;
    stored.stamp().check_seen("project", id, seen)?;
    let mut new = p.checked()?;
    let what = format!("project {}", stored.code);
    new.ext_key = merged_key(&what, &stored.ext_key, &new.ext_key)?;
    if new.currency.is_none() {
        new.currency = Some(stored.currency.code().to_string());
    }
    let changes = changes(&stored.input().fields(), &new.fields());
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    check_edit(w.tx(), &stored, &new, &changes)?;
    let v = w.bump_version("projects", "project", id, Some(stored.version))?;
    w.tx().execute(
        "UPDATE projects SET ext_key = ?1, code = ?2, name = ?3, account_id = ?4, currency = ?5,
            manager = ?6, status = ?7, start_date = ?8, estimated_progress_micros = ?9,
            price_list_id = ?10, business_unit = ?11
         WHERE id = ?12",
        params![
            new.ext_key,
            new.code,
            new.name,
            new.account_id,
            new.currency,
            new.manager,
            new.status,
            new.start_date,
            codec::micros(new.estimated_progress)?,
            new.price_list_id,
            new.business_unit,
            id
        ],
    )?;
    if touches(&changes, MasterField::Rates) {
        write_rates(w, RateOwner::Project, id, &new.rates)?;
        w.reprice_project(id, format!("project {} rates changed", stored.code));
    }
    if touches(&changes, MasterField::PriceList) {
        w.reprice_project(id, format!("project {} price list changed", stored.code));
    }
    let changed = history_changes(w, "project", id, v, &changes, reason)?;
    if let (true, Some(start)) = (touches(&changes, MasterField::StartDate), new.start_date) {
        move_plan_dates(w, id, start)?;
    }
    Ok(changed)
}

/// Creates the project, or updates the one with its key (else its code) to it.
pub fn upsert_project(w: &Writer<'_>, p: &ProjectInput, reason: Option<&str>) -> Result<Upserted> {
    w.require(Action::EditMasterData)?;
    let p = p.checked()?;
    match find_project(w.tx(), p.ext_key.as_deref(), &p.code)? {
        Some(found) => Ok(Upserted::of_edit(
            found.id,
            update_project_at(w, found.id, None, &p, reason)?,
        )),
        None => Ok(Upserted::New(insert_project(w, &p, reason)?)),
    }
}

/// Moves project `id` (seen at `seen`) to status `to` (finance and admins): launching a
/// planned or closed project, closing one with nothing left to invoice.
pub fn set_project_status(
    w: &Writer<'_>,
    id: i64,
    seen: Option<i64>,
    to: ProjectStatus,
    reason: Option<&str>,
) -> Result<()> {
    w.require(Action::EditMasterData)?;
    let stored = load_project(w.tx(), id)?;
    stored.stamp().check_seen("project", id, seen)?;
    stored
        .status
        .check_transition(to, &stored.code, &status_facts(w.tx(), id)?)?;
    let mut input = stored.input();
    input.status = to.as_str().to_string();
    update_project_at(w, id, seen, &input, reason).map(|_| ())
}

impl Store {
    /// Project `id` with its own rates, or `NotFound`.
    pub fn project(&self, id: i64) -> Result<Project> {
        load_project(self.conn(), id)
    }

    pub fn project_by_key(&self, key: &str) -> Result<Option<Project>> {
        project_by_key(self.conn(), key)
    }

    /// The project with this key, else with this code.
    pub fn find_project(&self, key: Option<&str>, code: &str) -> Result<Option<Project>> {
        find_project(self.conn(), key, code)
    }

    pub fn create_project(&mut self, p: &ProjectInput) -> Result<i64> {
        self.write(Action::EditMasterData, |w| insert_project(w, p, None))
    }

    /// Edits a project seen at `version`; returns the changed fields' names.
    pub fn update_project(
        &mut self,
        id: i64,
        version: i64,
        p: &ProjectInput,
        reason: Option<&str>,
    ) -> Result<Vec<&'static str>> {
        self.write(Action::EditMasterData, |w| {
            update_project_at(w, id, Some(version), p, reason)
        })
    }

    /// Launches a planned project (invoices can be made for it), or a closed one again.
    pub fn launch_project(&mut self, id: i64, version: i64, reason: Option<&str>) -> Result<()> {
        self.write(Action::EditMasterData, |w| {
            set_project_status(w, id, Some(version), ProjectStatus::Launched, reason)
        })
    }

    /// Closes a project with nothing left to invoice.
    pub fn close_project(&mut self, id: i64, version: i64, reason: Option<&str>) -> Result<()> {
        self.write(Action::EditMasterData, |w| {
            set_project_status(w, id, Some(version), ProjectStatus::Closed, reason)
        })
    }
}
