//! Manual revenue adjustments: an accrual (positive) or deferral (negative) of an amount to a
//! month, per project. Each is made, changed and deleted with a reason, in the change history.

use super::codec;
use super::error::{Result, StoreError};
use super::{Store, Writer};
use crate::domain::Currency;
use crate::domain::report::YearMonth;
use crate::domain::rights::Action;
use rusqlite::{OptionalExtension, params};
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjustment {
    pub id: i64,
    pub project_id: i64,
    pub project_code: String,
    pub month: YearMonth,
    pub amount: Decimal,
    pub currency: Currency,
    pub reason: String,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

/// What an adjustment is made or changed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustmentInput {
    pub project_id: i64,
    pub month: YearMonth,
    pub amount: Decimal,
    pub reason: String,
}

const SELECT: &str = "SELECT a.id, a.project_id, p.code, a.month, a.amount_minor, a.currency,
                             a.reason, a.version, a.updated_by, a.updated_at
                      FROM revenue_adjustments a JOIN projects p ON p.id = a.project_id";

type Raw = (Adjustment, String, String, i64);

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        Adjustment {
            id: r.get(0)?,
            project_id: r.get(1)?,
            project_code: r.get(2)?,
            month: YearMonth { year: 0, month: 1 },
            amount: Decimal::ZERO,
            currency: Currency::EUR,
            reason: r.get(6)?,
            version: r.get(7)?,
            updated_by: r.get(8)?,
            updated_at: r.get(9)?,
        },
        r.get(3)?,
        r.get(5)?,
        r.get(4)?,
    ))
}

fn finish(raw: Raw) -> Result<Adjustment> {
    let (mut a, month, cur, minor) = raw;
    a.month = YearMonth::parse(&month)?;
    a.currency = codec::currency(&cur)?;
    a.amount = a.currency.from_minor(minor);
    Ok(a)
}

fn check(input: &AdjustmentInput, currency: Currency) -> Result<()> {
    if input.reason.trim().is_empty() {
        return Err(StoreError::refused("an adjustment needs a reason"));
    }
    if input.amount.is_zero() {
        return Err(StoreError::refused(
            "an adjustment of zero changes nothing: type a positive accrual or a negative deferral",
        ));
    }
    if currency.round(input.amount) != input.amount {
        return Err(StoreError::refused(format!(
            "{currency} amounts have at most {} decimals",
            currency.minor_digits()
        )));
    }
    crate::domain::money::check_amount_range(input.amount.abs())?;
    Ok(())
}

fn load(conn: &rusqlite::Connection, id: i64) -> Result<Adjustment> {
    let raw = conn
        .prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?
        .query_row([id], read)
        .optional()?
        .ok_or(StoreError::NotFound {
            object: "revenue adjustment",
            id,
        })?;
    finish(raw)
}

fn describe(a: &Adjustment) -> String {
    format!("{} {} {} {}", a.project_code, a.month, a.currency, a.amount)
}

impl Store {
    /// The adjustments of a range of months (both included), by month and project.
    pub fn adjustments(&self, from: YearMonth, to: YearMonth) -> Result<Vec<Adjustment>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{SELECT} WHERE a.month BETWEEN ?1 AND ?2 ORDER BY a.month, p.code, a.id"
        ))?;
        let raw: Vec<Raw> = stmt
            .query_map(params![from.to_string(), to.to_string()], read)?
            .collect::<rusqlite::Result<_>>()?;
        raw.into_iter().map(finish).collect()
    }

    pub fn adjustment(&self, id: i64) -> Result<Adjustment> {
        load(self.conn(), id)
    }

    /// A new adjustment, in the project's currency.
    pub fn create_adjustment(&mut self, input: &AdjustmentInput) -> Result<i64> {
        self.write(Action::EditRevenue, |w| {
            let currency = super::master_data::project_currency(w, input.project_id)?;
            check(input, currency)?;
            let id: i64 = w.tx().query_row(
                "INSERT INTO revenue_adjustments (project_id, month, amount_minor, currency, reason,
                    updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
                params![
                    input.project_id,
                    input.month.to_string(),
                    codec::minor(currency, input.amount)?,
                    currency.code(),
                    input.reason.trim(),
                    w.user(),
                    w.at()
                ],
                |r| r.get(0),
            )?;
            let a = load(w.tx(), id)?;
            w.history(
                "revenue_adjustment",
                id,
                1,
                "created",
                None,
                Some(&describe(&a)),
                Some(input.reason.trim()),
            )?;
            Ok(id)
        })
    }

    /// Changes an adjustment (project, month, amount, its reason); `why` says why it changes
    /// and goes into the change history.
    pub fn update_adjustment(
        &mut self,
        id: i64,
        version: i64,
        input: &AdjustmentInput,
        why: &str,
    ) -> Result<()> {
        if why.trim().is_empty() {
            return Err(StoreError::refused("changing an adjustment needs a reason"));
        }
        self.write(Action::EditRevenue, |w| {
            let old = load(w.tx(), id)?;
            let currency = super::master_data::project_currency(w, input.project_id)?;
            check(input, currency)?;
            let v = w.bump_version(
                "revenue_adjustments",
                "revenue adjustment",
                id,
                Some(version),
            )?;
            w.tx().execute(
                "UPDATE revenue_adjustments SET project_id = ?1, month = ?2, amount_minor = ?3,
                    currency = ?4, reason = ?5 WHERE id = ?6",
                params![
                    input.project_id,
                    input.month.to_string(),
                    codec::minor(currency, input.amount)?,
                    currency.code(),
                    input.reason.trim(),
                    id
                ],
            )?;
            let new = load(w.tx(), id)?;
            record(w, id, v, &old, &new, why.trim())
        })
    }

    /// Deletes an adjustment; the reason stays in the history.
    pub fn delete_adjustment(&mut self, id: i64, version: i64, reason: &str) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(StoreError::refused("deleting an adjustment needs a reason"));
        }
        self.write(Action::EditRevenue, |w| {
            let old = load(w.tx(), id)?;
            let v = w.bump_version(
                "revenue_adjustments",
                "revenue adjustment",
                id,
                Some(version),
            )?;
            w.tx()
                .execute("DELETE FROM revenue_adjustments WHERE id = ?1", [id])?;
            w.history(
                "revenue_adjustment",
                id,
                v,
                "deleted",
                Some(&describe(&old)),
                None,
                Some(reason.trim()),
            )
        })
    }
}

/// One history row per changed field, all with the reason; at least one row per version.
fn record(
    w: &Writer<'_>,
    id: i64,
    v: i64,
    old: &Adjustment,
    new: &Adjustment,
    reason: &str,
) -> Result<()> {
    let fields = [
        (
            "project",
            old.project_code.clone(),
            new.project_code.clone(),
        ),
        ("month", old.month.to_string(), new.month.to_string()),
        (
            "amount",
            format!("{} {}", old.currency, old.amount),
            format!("{} {}", new.currency, new.amount),
        ),
        ("reason", old.reason.clone(), new.reason.clone()),
    ];
    let mut any = false;
    for (field, a, b) in &fields {
        if a != b {
            w.history(
                "revenue_adjustment",
                id,
                v,
                field,
                Some(a),
                Some(b),
                Some(reason),
            )?;
            any = true;
        }
    }
    if !any {
        w.history(
            "revenue_adjustment",
            id,
            v,
            "unchanged",
            None,
            None,
            Some(reason),
        )?;
    }
    Ok(())
}
