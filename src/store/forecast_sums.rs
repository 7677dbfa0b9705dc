//! The forecast sums (`forecast_months`) kept in code for the bulk move of items onto drafts,
//! which runs with the triggers that keep them otherwise turned off (`triggers_off.rs`): each
//! item that leaves the open and billable ones leaves its month's sum, as the trigger
//! `forecast_months_update_old` takes it out, and a sum left with no item goes. Which items the
//! forecast counts is `RevenueStatus::is_forecast`.

use super::error::{Result, StoreError};
use super::multi_row;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// One forecast sum: its month (`YYYY-MM`), project and currency.
type Key = (String, i64, String);

/// What the items leaving the forecast take out of its sums: amount and count per sum.
#[derive(Debug, Default)]
pub(super) struct Leaving {
    sums: BTreeMap<Key, (i64, i64)>,
}

/// The month of a sum from a planned date as stored: `substr(date, 1, 7)`, as the triggers
/// take it (the first seven characters).
pub(super) fn month(date: &str) -> String {
    date.chars().take(7).collect()
}

impl Leaving {
    /// An item of sum `(month, project, currency)` and planned amount `amount_minor` leaves.
    pub(super) fn add(
        &mut self,
        month: String,
        project: i64,
        currency: String,
        amount_minor: i64,
    ) -> Result<()> {
        let (sum, items) = self
            .sums
            .entry((month, project, currency))
            .or_insert((0, 0));
        *sum = sum.checked_add(amount_minor).ok_or_else(|| {
            StoreError::refused("the forecast of one month is beyond what an amount can hold")
        })?;
        *items += 1;
        Ok(())
    }

    /// Takes the sums out of `forecast_months`, and drops the sums left with no item.
    pub(super) fn apply(self, conn: &Connection) -> Result<()> {
        let rows: Vec<(Key, (i64, i64))> = self.sums.into_iter().collect();
        for chunk in multi_row::chunks(&rows) {
            let mut update = conn.prepare_cached(&format!(
                "UPDATE forecast_months
                    SET amount_minor = amount_minor - v.column4, items = items - v.column5
                   FROM (VALUES {}) AS v
                  WHERE month = v.column1 AND project_id = v.column2 AND currency = v.column3",
                multi_row::placeholders(chunk.len(), 5, 1)
            ))?;
            for (k, ((month, project, currency), (sum, items))) in chunk.iter().enumerate() {
                let p = 1 + 5 * k;
                update.raw_bind_parameter(p, month)?;
                update.raw_bind_parameter(p + 1, project)?;
                update.raw_bind_parameter(p + 2, currency)?;
                update.raw_bind_parameter(p + 3, sum)?;
                update.raw_bind_parameter(p + 4, items)?;
            }
            update.raw_execute()?;
            let mut emptied = conn.prepare_cached(&format!(
                "DELETE FROM forecast_months
                  WHERE items = 0 AND (month, project_id, currency) IN (VALUES {})",
                multi_row::placeholders(chunk.len(), 3, 1)
            ))?;
            for (k, ((month, project, currency), _)) in chunk.iter().enumerate() {
                let p = 1 + 3 * k;
                emptied.raw_bind_parameter(p, month)?;
                emptied.raw_bind_parameter(p + 1, project)?;
                emptied.raw_bind_parameter(p + 2, currency)?;
            }
            emptied.raw_execute()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_the_first_seven_characters_of_a_date() {
        assert_eq!(month("2026-03-15"), "2026-03");
        assert_eq!(month("2026-03"), "2026-03");
        assert_eq!(month("26-3"), "26-3");
    }

    #[test]
    fn sums_gather_by_month_project_and_currency_and_refuse_to_wrap() {
        let mut leaving = Leaving::default();
        leaving.add("2026-11".into(), 1, "EUR".into(), 100).unwrap();
        leaving.add("2026-11".into(), 1, "EUR".into(), 250).unwrap();
        leaving.add("2026-11".into(), 1, "USD".into(), 7).unwrap();
        assert_eq!(leaving.sums[&("2026-11".into(), 1, "EUR".into())], (350, 2));
        assert_eq!(leaving.sums[&("2026-11".into(), 1, "USD".into())], (7, 1));
        assert!(
            leaving
                .add("2026-11".into(), 1, "EUR".into(), i64::MAX)
                .is_err()
        );
    }
}
