//! People's cost rates (`domain::cost_rate`): reading them, and creating, editing, upserting
//! and deleting one (finance and admins), each with its history rows; an edit seen at an older
//! version is refused with who changed it and when. One rate per person, currency and first
//! day: an import finds the rate to update by these three. What a time report costs is summed
//! by the report's SQL (`reports.rs`, [`RATE_OF_REPORT`], [`COST_OF_REPORT`]).

use super::codec;
use super::error::{Result, StoreError};
use super::master_data::{Stamp, Upserted, history_changes, history_created};
use super::{Store, Writer};
use crate::domain::Currency;
use crate::domain::cost_rate::{CostRate, CostRateInput};
use crate::domain::master_field::{MasterField, changes};
use crate::domain::rights::Action;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use rust_decimal::Decimal;

/// The id of the cost rate of time report `t` on project `p`: the person's latest rate in the
/// project's currency that began on or before the report's date (NULL when there is none).
/// One seek of the UNIQUE index (person, currency, valid_from) per report.
pub const RATE_OF_REPORT: &str = "(SELECT c.id FROM cost_rates c
      WHERE c.person = t.person AND c.currency = p.currency AND c.valid_from <= t.work_date
      ORDER BY c.valid_from DESC LIMIT 1)";

/// The cost of time report `t` in minor units at the rate `c` joined to it: hours (micros)
/// times the hourly cost (minor units), rounded half away from zero (both are never negative),
/// as `domain::cost_rate::cost_minor` computes it.
pub const COST_OF_REPORT: &str = "((t.hours_micros * c.hourly_cost_minor + 500000) / 1000000)";

/// A cost rate as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCostRate {
    pub id: i64,
    pub person: String,
    pub currency: Currency,
    pub valid_from: NaiveDate,
    pub hourly_cost: Decimal,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

impl StoredCostRate {
    /// The rate as an input: what an edit form starts from.
    pub fn input(&self) -> CostRateInput {
        CostRateInput {
            person: self.person.clone(),
            currency: self.currency.code().to_string(),
            valid_from: self.valid_from,
            hourly_cost: self.hourly_cost,
        }
    }

    fn checked(&self) -> CostRate {
        CostRate {
            person: self.person.clone(),
            currency: self.currency,
            valid_from: self.valid_from,
            hourly_cost: self.hourly_cost,
        }
    }

    fn from_row(r: &Row<'_>) -> Result<StoredCostRate> {
        let currency = codec::currency(&r.get::<_, String>(2)?)?;
        Ok(StoredCostRate {
            id: r.get(0)?,
            person: r.get(1)?,
            currency,
            valid_from: r.get(3)?,
            hourly_cost: currency.from_minor(r.get(4)?),
            version: r.get(5)?,
            updated_by: r.get(6)?,
            updated_at: r.get(7)?,
        })
    }

    /// "ada EUR from 2026-01-01": how messages and the history name it.
    pub fn describe(&self) -> String {
        describe(&self.person, self.currency, self.valid_from)
    }
}

fn describe(person: &str, currency: Currency, from: NaiveDate) -> String {
    format!("{person} {currency} from {from}")
}

const COLUMNS: &str = "id, person, currency, valid_from, hourly_cost_minor, version, updated_by,
    updated_at";

fn rates_where(
    conn: &Connection,
    filter: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<StoredCostRate>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM cost_rates {filter}"))?;
    let mut rows = stmt.query(args)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(StoredCostRate::from_row(r)?);
    }
    Ok(out)
}

/// Cost rate `id`, or `NotFound`.
pub fn load_cost_rate(conn: &Connection, id: i64) -> Result<StoredCostRate> {
    rates_where(conn, "WHERE id = ?1", &[&id])?
        .pop()
        .ok_or(StoreError::NotFound {
            object: "cost rate",
            id,
        })
}

/// The rate of this person and currency that begins on this day, if there is one.
fn find(conn: &Connection, r: &CostRate) -> Result<Option<StoredCostRate>> {
    Ok(rates_where(
        conn,
        "WHERE person = ?1 AND currency = ?2 AND valid_from = ?3",
        &[&r.person, &r.currency.code(), &r.valid_from],
    )?
    .pop())
}

/// Refuses a second rate of a person and currency from the same day.
fn check_unique(conn: &Connection, r: &CostRate, id: i64) -> Result<()> {
    let taken: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM cost_rates WHERE person = ?1 AND currency = ?2 AND valid_from = ?3
               AND id <> ?4",
        )?
        .query_row(
            params![r.person, r.currency.code(), r.valid_from, id],
            |row| row.get(0),
        )
        .optional()?;
    match taken {
        Some(_) => Err(StoreError::Invalid {
            field: MasterField::ValidFrom,
            message: format!(
                "{} has a {} cost rate from {} already: change that one",
                r.person, r.currency, r.valid_from
            ),
        }),
        None => Ok(()),
    }
}

/// Creates a cost rate (finance and admins).
pub fn insert_cost_rate(w: &Writer<'_>, r: &CostRateInput, reason: Option<&str>) -> Result<i64> {
    w.require(Action::EditMasterData)?;
    let r = r.checked()?;
    check_unique(w.tx(), &r, 0)?;
    let id: i64 = w
        .tx()
        .prepare_cached(
            "INSERT INTO cost_rates (person, currency, valid_from, hourly_cost_minor, updated_by,
                updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        )?
        .query_row(
            params![
                r.person,
                r.currency.code(),
                r.valid_from,
                codec::minor(r.currency, r.hourly_cost)?,
                w.user(),
                w.at()
            ],
            |row| row.get(0),
        )?;
    history_created(w, "cost_rate", id, &r.fields(), reason)?;
    Ok(id)
}

/// Edits cost rate `id` to `r` (finance and admins); `seen`: the version the user saw (`None`
/// for an import, which judges the row as it finds it). Returns the changed fields' names.
pub fn update_cost_rate_at(
    w: &Writer<'_>,
    id: i64,
    seen: Option<i64>,
    r: &CostRateInput,
    reason: Option<&str>,
) -> Result<Vec<&'static str>> {
    w.require(Action::EditMasterData)?;
    let stored = load_cost_rate(w.tx(), id)?;
    let stamp = Stamp {
        version: stored.version,
        updated_by: stored.updated_by.clone(),
        updated_at: stored.updated_at.clone(),
    };
    stamp.check_seen("cost rate", id, seen)?;
    let new = r.checked()?;
    let changes = changes(&stored.checked().fields(), &new.fields());
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    check_unique(w.tx(), &new, id)?;
    let v = w.bump_version("cost_rates", "cost rate", id, Some(stored.version))?;
    w.tx().execute(
        "UPDATE cost_rates SET person = ?1, currency = ?2, valid_from = ?3, hourly_cost_minor = ?4
         WHERE id = ?5",
        params![
            new.person,
            new.currency.code(),
            new.valid_from,
            codec::minor(new.currency, new.hourly_cost)?,
            id
        ],
    )?;
    history_changes(w, "cost_rate", id, v, &changes, reason)
}

/// Creates the rate, or updates the one of the same person, currency and first day to it.
pub fn upsert_cost_rate(
    w: &Writer<'_>,
    r: &CostRateInput,
    reason: Option<&str>,
) -> Result<Upserted> {
    w.require(Action::EditMasterData)?;
    let checked = r.checked()?;
    match find(w.tx(), &checked)? {
        Some(found) => Ok(Upserted::of_edit(
            found.id,
            update_cost_rate_at(w, found.id, None, r, reason)?,
        )),
        None => Ok(Upserted::New(insert_cost_rate(w, r, reason)?)),
    }
}

/// Deletes cost rate `id` seen at `seen`; what it was stays in the change history. The hours it
/// priced fall to the rate before it, or to no rate.
pub fn delete_cost_rate_at(
    w: &Writer<'_>,
    id: i64,
    seen: Option<i64>,
    reason: Option<&str>,
) -> Result<()> {
    w.require(Action::EditMasterData)?;
    let stored = load_cost_rate(w.tx(), id)?;
    let v = w.bump_version("cost_rates", "cost rate", id, seen)?;
    w.tx()
        .execute("DELETE FROM cost_rates WHERE id = ?1", [id])?;
    let old = format!("{}: {} an hour", stored.describe(), stored.hourly_cost);
    w.history("cost_rate", id, v, "deleted", Some(&old), None, reason)
}

impl Store {
    /// Every cost rate, by person, currency and first day (a company has a few per person).
    pub fn cost_rates(&self) -> Result<Vec<StoredCostRate>> {
        rates_where(
            self.conn(),
            "ORDER BY person, currency, valid_from, id",
            &[],
        )
    }

    pub fn cost_rate(&self, id: i64) -> Result<StoredCostRate> {
        load_cost_rate(self.conn(), id)
    }

    pub fn create_cost_rate(&mut self, r: &CostRateInput) -> Result<i64> {
        self.write(Action::EditMasterData, |w| insert_cost_rate(w, r, None))
    }

    /// Edits a cost rate seen at `version`; returns the changed fields' names.
    pub fn update_cost_rate(
        &mut self,
        id: i64,
        version: i64,
        r: &CostRateInput,
    ) -> Result<Vec<&'static str>> {
        self.write(Action::EditMasterData, |w| {
            update_cost_rate_at(w, id, Some(version), r, None)
        })
    }

    pub fn delete_cost_rate(&mut self, id: i64, version: i64) -> Result<()> {
        self.write(Action::EditMasterData, |w| {
            delete_cost_rate_at(w, id, Some(version), None)
        })
    }
}
