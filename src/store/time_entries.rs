//! Time reports and expenses: reading one, finding one by its external key, creating,
//! editing, upserting and deleting one (finance and admins), each with its history rows. One
//! that a time-and-materials item collected for an invoice never changes; a closed project
//! takes none. Collecting them is `time_and_materials.rs`.

use super::codec;
use super::error::{Result, StoreError};
use super::master_data::{Stamp, Upserted, history_changes, history_created, merged_key};
use super::{Store, Writer};
use crate::domain::Currency;
use crate::domain::master_field::{MasterField, changes};
use crate::domain::project::ProjectStatus;
use crate::domain::revenue_status::RevenueStatus;
use crate::domain::rights::Action;
use crate::domain::scaled::from_micros;
use crate::domain::time_entry::check_change;
pub use crate::domain::time_entry::{ExpenseInput, TimeReportInput};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use rust_decimal::Decimal;

/// A time report as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeReport {
    pub id: i64,
    pub ext_key: Option<String>,
    pub project_id: i64,
    pub person: String,
    pub role: String,
    pub work_date: NaiveDate,
    pub hours: Decimal,
    pub billable: bool,
    pub description: String,
    /// The time-and-materials item that collected it, and the rate it was priced at.
    pub revenue_item_id: Option<i64>,
    pub rate: Option<Decimal>,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

impl TimeReport {
    /// The report as an input: what an edit form starts from.
    pub fn input(&self) -> TimeReportInput {
        TimeReportInput {
            ext_key: self.ext_key.clone(),
            project_id: self.project_id,
            person: self.person.clone(),
            role: self.role.clone(),
            work_date: self.work_date,
            hours: self.hours,
            billable: self.billable,
            description: self.description.clone(),
        }
    }

    fn from_row(r: &Row<'_>) -> rusqlite::Result<TimeReport> {
        Ok(TimeReport {
            id: r.get(0)?,
            ext_key: r.get(1)?,
            project_id: r.get(2)?,
            person: r.get(3)?,
            role: r.get(4)?,
            work_date: r.get(5)?,
            hours: from_micros(r.get(6)?),
            billable: r.get(7)?,
            description: r.get(8)?,
            revenue_item_id: r.get(9)?,
            rate: r.get::<_, Option<i64>>(10)?.map(from_micros),
            version: r.get(11)?,
            updated_by: r.get(12)?,
            updated_at: r.get(13)?,
        })
    }
}

/// An expense as stored; its amount is in its project's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expense {
    pub id: i64,
    pub ext_key: Option<String>,
    pub project_id: i64,
    pub expense_date: NaiveDate,
    pub description: String,
    pub amount: Decimal,
    pub currency: Currency,
    pub billable: bool,
    /// The time-and-materials item that collected it.
    pub revenue_item_id: Option<i64>,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

impl Expense {
    /// The expense as an input: what an edit form starts from.
    pub fn input(&self) -> ExpenseInput {
        ExpenseInput {
            ext_key: self.ext_key.clone(),
            project_id: self.project_id,
            expense_date: self.expense_date,
            description: self.description.clone(),
            amount: self.amount,
            billable: self.billable,
        }
    }

    fn from_row(r: &Row<'_>) -> Result<Expense> {
        let currency = codec::currency(&r.get::<_, String>(5)?)?;
        Ok(Expense {
            id: r.get(0)?,
            ext_key: r.get(1)?,
            project_id: r.get(2)?,
            expense_date: r.get(3)?,
            description: r.get(4)?,
            amount: currency.from_minor(r.get(6)?),
            currency,
            billable: r.get(7)?,
            revenue_item_id: r.get(8)?,
            version: r.get(9)?,
            updated_by: r.get(10)?,
            updated_at: r.get(11)?,
        })
    }
}

const REPORT_COLUMNS: &str = "id, ext_key, project_id, person, role, work_date, hours_micros,
    billable, description, revenue_item_id, rate_micros, version, updated_by, updated_at";

const EXPENSE_COLUMNS: &str = "e.id, e.ext_key, e.project_id, e.expense_date, e.description,
    p.currency, e.amount_minor, e.billable, e.revenue_item_id, e.version, e.updated_by,
    e.updated_at";

fn report_where(
    conn: &Connection,
    filter: &str,
    arg: &dyn rusqlite::ToSql,
) -> Result<Option<TimeReport>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {REPORT_COLUMNS} FROM time_reports WHERE {filter}"
        ))?
        .query_row([arg], TimeReport::from_row)
        .optional()?)
}

fn expense_where(
    conn: &Connection,
    filter: &str,
    arg: &dyn rusqlite::ToSql,
) -> Result<Option<Expense>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EXPENSE_COLUMNS} FROM expenses e JOIN projects p ON p.id = e.project_id
         WHERE {filter}"
    ))?;
    let mut rows = stmt.query([arg])?;
    rows.next()?.map(Expense::from_row).transpose()
}

/// Time report `id`, or `NotFound`.
pub fn load_time_report(conn: &Connection, id: i64) -> Result<TimeReport> {
    report_where(conn, "id = ?1", &id)?.ok_or(StoreError::NotFound {
        object: "time report",
        id,
    })
}

/// The time report with this external key, if there is one.
pub fn time_report_by_key(conn: &Connection, key: &str) -> Result<Option<TimeReport>> {
    report_where(conn, "ext_key = ?1", &key.trim())
}

/// Expense `id`, or `NotFound`.
pub fn load_expense(conn: &Connection, id: i64) -> Result<Expense> {
    expense_where(conn, "e.id = ?1", &id)?.ok_or(StoreError::NotFound {
        object: "expense",
        id,
    })
}

/// The expense with this external key, if there is one.
pub fn expense_by_key(conn: &Connection, key: &str) -> Result<Option<Expense>> {
    expense_where(conn, "e.ext_key = ?1", &key.trim())
}

/// The project's currency, refused (naming the field) for a closed project or none: a closed
/// project takes no new or changed `what`.
fn open_project(conn: &Connection, project_id: i64, what: &str) -> Result<Currency> {
    let (code, status, currency): (String, String, String) = conn
        .prepare_cached("SELECT code, status, currency FROM projects WHERE id = ?1")?
        .query_row([project_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| StoreError::Invalid {
            field: MasterField::Project,
            message: format!("project {project_id} does not exist"),
        })?;
    codec::parse::<ProjectStatus>(&status)?
        .check_takes_work(&code, what)
        .map_err(|e| StoreError::Invalid {
            field: MasterField::Project,
            message: e.0,
        })?;
    codec::currency(&currency)
}

/// The item that collected a report or an expense, with its status.
fn collected_by(conn: &Connection, item: Option<i64>) -> Result<Option<(i64, RevenueStatus)>> {
    let Some(item) = item else { return Ok(None) };
    let status: String = conn
        .prepare_cached("SELECT status FROM revenue_items WHERE id = ?1")?
        .query_row([item], |r| r.get(0))?;
    Ok(Some((item, codec::parse(&status)?)))
}

/// Refuses a key another row of `table` has.
fn check_key(
    conn: &Connection,
    table: &str,
    what: &str,
    key: &Option<String>,
    id: i64,
) -> Result<()> {
    let Some(key) = key else { return Ok(()) };
    let other: Option<i64> = conn
        .prepare_cached(&format!(
            "SELECT id FROM {table} WHERE ext_key = ?1 AND id <> ?2"
        ))?
        .query_row(params![key, id], |r| r.get(0))
        .optional()?;
    match other {
        Some(other) => Err(StoreError::Invalid {
            field: MasterField::ExtKey,
            message: format!("key {key:?} is {what} {other}'s"),
        }),
        None => Ok(()),
    }
}

/// An upsert of a time report or an expense finds it by its key only: without one, importing
/// the same file again would add it again.
fn needs_key(key: &Option<String>, what: &str) -> Result<()> {
    if key.is_some() {
        return Ok(());
    }
    Err(StoreError::Invalid {
        field: MasterField::ExtKey,
        message: format!(
            "a {what} is imported with its key in the source system, so that importing it again updates it"
        ),
    })
}

/// Notes the project a changed row was billable on, and the one it is billable on now: what
/// their time-and-materials items collect may differ (a row billable on neither changes
/// nothing they collect).
fn reprice_both(
    w: &Writer<'_>,
    (was_on, was_billable): (i64, bool),
    (now_on, now_billable): (i64, bool),
    cause: impl Fn() -> String,
) {
    if was_billable {
        w.reprice_project(was_on, cause());
    }
    if now_billable {
        w.reprice_project(now_on, cause());
    }
}

/// Creates a time report (finance and admins) on a project that is not closed.
pub fn insert_time_report(
    w: &Writer<'_>,
    t: &TimeReportInput,
    reason: Option<&str>,
) -> Result<i64> {
    w.require(Action::EditMasterData)?;
    let t = t.checked()?;
    open_project(w.tx(), t.project_id, "time reports")?;
    check_key(w.tx(), "time_reports", "time report", &t.ext_key, 0)?;
    let id: i64 = w
        .tx()
        .prepare_cached(
            "INSERT INTO time_reports (ext_key, project_id, person, role, work_date, hours_micros,
                billable, description, updated_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        )?
        .query_row(
            params![
                t.ext_key,
                t.project_id,
                t.person,
                t.role,
                t.work_date,
                codec::micros(t.hours)?,
                t.billable,
                t.description,
                w.user(),
                w.at()
            ],
            |r| r.get(0),
        )?;
    history_created(w, "time_report", id, &t.fields(), reason)?;
    if t.billable {
        w.reprice_project(t.project_id, format!("time report {id} added"));
    }
    Ok(id)
}

/// Edits time report `id` to `t` (finance and admins); `seen` as for accounts. Refused once an
/// item collected it, and on a closed project. Returns the changed fields' names.
pub fn update_time_report_at(
    w: &Writer<'_>,
    id: i64,
    seen: Option<i64>,
    t: &TimeReportInput,
    reason: Option<&str>,
) -> Result<Vec<&'static str>> {
    w.require(Action::EditMasterData)?;
    let stored = load_time_report(w.tx(), id)?;
    let stamp = Stamp {
        version: stored.version,
        updated_by: stored.updated_by.clone(),
        updated_at: stored.updated_at.clone(),
    };
    stamp.check_seen("time report", id, seen)?;
    let mut new = t.checked()?;
    new.ext_key = merged_key(&format!("time report {id}"), &stored.ext_key, &new.ext_key)?;
    let changes = changes(&stored.input().fields(), &new.fields());
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    check_change("time report", collected_by(w.tx(), stored.revenue_item_id)?)?;
    open_project(w.tx(), stored.project_id, "time reports")?;
    open_project(w.tx(), new.project_id, "time reports")?;
    check_key(w.tx(), "time_reports", "time report", &new.ext_key, id)?;
    let v = w.bump_version("time_reports", "time report", id, Some(stored.version))?;
    w.tx().execute(
        "UPDATE time_reports SET ext_key = ?1, project_id = ?2, person = ?3, role = ?4,
            work_date = ?5, hours_micros = ?6, billable = ?7, description = ?8
         WHERE id = ?9",
        params![
            new.ext_key,
            new.project_id,
            new.person,
            new.role,
            new.work_date,
            codec::micros(new.hours)?,
            new.billable,
            new.description,
            id
        ],
    )?;
    reprice_both(
        w,
        (stored.project_id, stored.billable),
        (new.project_id, new.billable),
        || format!("time report {id} changed"),
    );
    history_changes(w, "time_report", id, v, &changes, reason)
}

/// Creates the time report, or updates the one with its key (which it needs).
pub fn upsert_time_report(
    w: &Writer<'_>,
    t: &TimeReportInput,
    reason: Option<&str>,
) -> Result<Upserted> {
    w.require(Action::EditMasterData)?;
    let t = t.checked()?;
    needs_key(&t.ext_key, "time report")?;
    match t
        .ext_key
        .as_deref()
        .map(|k| time_report_by_key(w.tx(), k))
        .transpose()?
        .flatten()
    {
        Some(found) => Ok(Upserted::of_edit(
            found.id,
            update_time_report_at(w, found.id, None, &t, reason)?,
        )),
        None => Ok(Upserted::New(insert_time_report(w, &t, reason)?)),
    }
}

/// Deletes a time report seen at `seen` that no item collected; its fields stay in the change
/// history.
pub fn delete_time_report_at(
    w: &Writer<'_>,
    id: i64,
    seen: Option<i64>,
    reason: Option<&str>,
) -> Result<()> {
    w.require(Action::EditMasterData)?;
    let stored = load_time_report(w.tx(), id)?;
    check_change("time report", collected_by(w.tx(), stored.revenue_item_id)?)?;
    open_project(w.tx(), stored.project_id, "time reports")?;
    let v = w.bump_version("time_reports", "time report", id, seen)?;
    w.tx()
        .execute("DELETE FROM time_reports WHERE id = ?1", [id])?;
    let old = format!(
        "{} | {} | {} | {} h",
        stored.person, stored.role, stored.work_date, stored.hours
    );
    if stored.billable {
        w.reprice_project(stored.project_id, format!("time report {id} deleted"));
    }
    w.history("time_report", id, v, "deleted", Some(&old), None, reason)
}

/// Creates an expense (finance and admins) on a project that is not closed, in its currency.
pub fn insert_expense(w: &Writer<'_>, e: &ExpenseInput, reason: Option<&str>) -> Result<i64> {
    w.require(Action::EditMasterData)?;
    let currency = open_project(w.tx(), e.project_id, "expenses")?;
    let e = e.checked(currency)?;
    check_key(w.tx(), "expenses", "expense", &e.ext_key, 0)?;
    let id: i64 = w
        .tx()
        .prepare_cached(
            "INSERT INTO expenses (ext_key, project_id, expense_date, description, amount_minor,
                billable, updated_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        )?
        .query_row(
            params![
                e.ext_key,
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
    history_created(w, "expense", id, &e.fields(), reason)?;
    if e.billable {
        w.reprice_project(e.project_id, format!("expense {id} added"));
    }
    Ok(id)
}

/// Edits expense `id` to `e` (finance and admins); as time reports. Its amount is in its
/// (new) project's currency. Returns the changed fields' names.
pub fn update_expense_at(
    w: &Writer<'_>,
    id: i64,
    seen: Option<i64>,
    e: &ExpenseInput,
    reason: Option<&str>,
) -> Result<Vec<&'static str>> {
    w.require(Action::EditMasterData)?;
    let stored = load_expense(w.tx(), id)?;
    let stamp = Stamp {
        version: stored.version,
        updated_by: stored.updated_by.clone(),
        updated_at: stored.updated_at.clone(),
    };
    stamp.check_seen("expense", id, seen)?;
    let currency: String = w
        .tx()
        .query_row(
            "SELECT currency FROM projects WHERE id = ?1",
            [e.project_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| stored.currency.code().to_string());
    let mut new = e.checked(codec::currency(&currency)?)?;
    new.ext_key = merged_key(&format!("expense {id}"), &stored.ext_key, &new.ext_key)?;
    let changes = changes(&stored.input().fields(), &new.fields());
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    check_change("expense", collected_by(w.tx(), stored.revenue_item_id)?)?;
    open_project(w.tx(), stored.project_id, "expenses")?;
    let currency = open_project(w.tx(), new.project_id, "expenses")?;
    check_key(w.tx(), "expenses", "expense", &new.ext_key, id)?;
    let v = w.bump_version("expenses", "expense", id, Some(stored.version))?;
    w.tx().execute(
        "UPDATE expenses SET ext_key = ?1, project_id = ?2, expense_date = ?3, description = ?4,
            amount_minor = ?5, billable = ?6
         WHERE id = ?7",
        params![
            new.ext_key,
            new.project_id,
            new.expense_date,
            new.description,
            codec::minor(currency, new.amount)?,
            new.billable,
            id
        ],
    )?;
    reprice_both(
        w,
        (stored.project_id, stored.billable),
        (new.project_id, new.billable),
        || format!("expense {id} changed"),
    );
    history_changes(w, "expense", id, v, &changes, reason)
}

/// Creates the expense, or updates the one with its key (which it needs).
pub fn upsert_expense(w: &Writer<'_>, e: &ExpenseInput, reason: Option<&str>) -> Result<Upserted> {
    w.require(Action::EditMasterData)?;
    needs_key(&e.ext_key, "expense")?;
    let found = e
        .ext_key
        .as_deref()
        .map(|k| expense_by_key(w.tx(), k))
        .transpose()?
        .flatten();
    match found {
        Some(found) => Ok(Upserted::of_edit(
            found.id,
            update_expense_at(w, found.id, None, e, reason)?,
        )),
        None => Ok(Upserted::New(insert_expense(w, e, reason)?)),
    }
}

/// Deletes an expense seen at `seen` that no item collected.
pub fn delete_expense_at(
    w: &Writer<'_>,
    id: i64,
    seen: Option<i64>,
    reason: Option<&str>,
) -> Result<()> {
    w.require(Action::EditMasterData)?;
    let stored = load_expense(w.tx(), id)?;
    check_change("expense", collected_by(w.tx(), stored.revenue_item_id)?)?;
    open_project(w.tx(), stored.project_id, "expenses")?;
    let v = w.bump_version("expenses", "expense", id, seen)?;
    w.tx().execute("DELETE FROM expenses WHERE id = ?1", [id])?;
    let old = format!(
        "{} | {} | {} {}",
        stored.expense_date, stored.description, stored.amount, stored.currency
    );
    if stored.billable {
        w.reprice_project(stored.project_id, format!("expense {id} deleted"));
    }
    w.history("expense", id, v, "deleted", Some(&old), None, reason)
}

impl Store {
    pub fn time_report(&self, id: i64) -> Result<TimeReport> {
        load_time_report(self.conn(), id)
    }

    pub fn time_report_by_key(&self, key: &str) -> Result<Option<TimeReport>> {
        time_report_by_key(self.conn(), key)
    }

    /// Creates time reports in one transaction; returns their ids.
    pub fn create_time_reports(&mut self, reports: &[TimeReportInput]) -> Result<Vec<i64>> {
        self.write(Action::EditMasterData, |w| {
            reports
                .iter()
                .map(|t| insert_time_report(w, t, None))
                .collect()
        })
    }

    /// Edits a time report seen at `version`; returns the changed fields' names.
    pub fn update_time_report(
        &mut self,
        id: i64,
        version: i64,
        t: &TimeReportInput,
        reason: Option<&str>,
    ) -> Result<Vec<&'static str>> {
        self.write(Action::EditMasterData, |w| {
            update_time_report_at(w, id, Some(version), t, reason)
        })
    }

    pub fn delete_time_report(
        &mut self,
        id: i64,
        version: i64,
        reason: Option<&str>,
    ) -> Result<()> {
        self.write(Action::EditMasterData, |w| {
            delete_time_report_at(w, id, Some(version), reason)
        })
    }

    pub fn expense(&self, id: i64) -> Result<Expense> {
        load_expense(self.conn(), id)
    }

    pub fn expense_by_key(&self, key: &str) -> Result<Option<Expense>> {
        expense_by_key(self.conn(), key)
    }

    /// Creates expenses in one transaction; returns their ids.
    pub fn create_expenses(&mut self, expenses: &[ExpenseInput]) -> Result<Vec<i64>> {
        self.write(Action::EditMasterData, |w| {
            expenses
                .iter()
                .map(|e| insert_expense(w, e, None))
                .collect()
        })
    }

    /// Edits an expense seen at `version`; returns the changed fields' names.
    pub fn update_expense(
        &mut self,
        id: i64,
        version: i64,
        e: &ExpenseInput,
        reason: Option<&str>,
    ) -> Result<Vec<&'static str>> {
        self.write(Action::EditMasterData, |w| {
            update_expense_at(w, id, Some(version), e, reason)
        })
    }

    pub fn delete_expense(&mut self, id: i64, version: i64, reason: Option<&str>) -> Result<()> {
        self.write(Action::EditMasterData, |w| {
            delete_expense_at(w, id, Some(version), reason)
        })
    }
}
