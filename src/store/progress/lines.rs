//! Contract lines: created with their forecast, read, and changed (quantity, unit price).

use super::forecast::sync_forecast;
use super::*;
use crate::domain::money::checked_sum;
use crate::domain::progress::{self, Line};
use crate::domain::rights::Action;
use crate::store::codec;
use crate::store::error::{Result, StoreError};
use crate::store::{Store, Writer};
use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;

impl Store {
    /// A contract line, with its open forecast item for the whole total.
    pub fn create_contract_line(&mut self, l: &NewContractLine) -> Result<i64> {
        if l.description.trim().is_empty() {
            return Err(StoreError::refused("the line needs a description"));
        }
        progress::check_figures(l.quantity, l.unit_price)?;
        self.write(Action::EditProgress, |w| {
            let currency = crate::store::master_data::project_currency(w, l.project_id)?;
            w.require_project(Action::EditProgress, l.project_id)?;
            let line = Line {
                quantity: l.quantity,
                unit_price: l.unit_price,
                currency,
            };
            let total = progress::check_total(&line)?;
            let id: i64 = w.tx().query_row(
                "INSERT INTO contract_lines (project_id, milestone_id, description, quantity_micros,
                    unit_price_micros, total_minor, currency, invoicing_term, vat_rate_micros,
                    updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
                params![
                    l.project_id,
                    l.milestone_id,
                    l.description.trim(),
                    codec::micros(l.quantity)?,
                    codec::micros(l.unit_price)?,
                    codec::minor(currency, total)?,
                    currency.code(),
                    l.invoicing_term.as_str(),
                    codec::micros(l.vat_rate)?,
                    w.user(),
                    w.at()
                ],
                |r| r.get(0),
            )?;
            w.history_created(
                "contract_line",
                id,
                &serde_json::to_value(l).unwrap_or_default(),
            )?;
            let created = load_line(w.tx(), id)?;
            sync_forecast(
                w,
                &created,
                l.invoicing_term.period_end(l.first_period_start)?,
            )?;
            Ok(id)
        })
    }

    pub fn contract_line(&self, id: i64) -> Result<ContractLine> {
        load_line(self.conn(), id)
    }

    /// Changes a line's quantity or unit price: the total and the forecast follow, and every
    /// pending period is flagged "refresh requested" until refreshed. Refused below what the
    /// validated periods already bill, and once they bill 100 % (`progress::check_line_edit`).
    pub fn update_contract_line(
        &mut self,
        line_id: i64,
        version: i64,
        quantity: Decimal,
        unit_price: Decimal,
    ) -> Result<()> {
        progress::check_figures(quantity, unit_price)?;
        self.write(Action::EditProgress, |w| {
            let old = load_line(w.tx(), line_id)?;
            w.require_project(Action::EditProgress, old.project_id)?;
            if old.version != version {
                return w.bump_version("contract_lines", "contract line", line_id, Some(version)).map(|_| ());
            }
            let statuses = load_statuses(w.tx(), &old)?;
            let validated: Vec<_> = statuses
                .iter()
                .filter(|s| s.state != ProgressState::Pending)
                .map(|s| s.billed)
                .collect();
            progress::check_line_edit(&validated)?;
            if (old.quantity, old.unit_price) == (quantity.normalize(), unit_price.normalize()) {
                // Nothing changes: no new version without a history row for it.
                return Ok(());
            }
            let line = Line { quantity, unit_price, currency: old.currency };
            let total = progress::check_total(&line)?;
            let validated = checked_sum("the validated periods", validated.iter().map(|b| b.amount))?;
            if total < validated {
                return Err(StoreError::refused(format!(
                    "the validated periods bill {validated} already: the total cannot go below it"
                )));
            }
            let v = w.bump_version("contract_lines", "contract line", line_id, Some(version))?;
            w.tx().execute(
                "UPDATE contract_lines SET quantity_micros = ?1, unit_price_micros = ?2, total_minor = ?3 WHERE id = ?4",
                params![codec::micros(quantity)?, codec::micros(unit_price)?, codec::minor(old.currency, total)?, line_id],
            )?;
            for (field, o, n) in [
                ("quantity", old.quantity, quantity.normalize()),
                ("unit_price", old.unit_price, unit_price.normalize()),
                ("total", old.total, total),
            ] {
                if o != n {
                    w.history("contract_line", line_id, v, field, Some(&o.to_string()), Some(&n.to_string()), None)?;
                }
            }
            for s in statuses.iter().filter(|s| s.state == ProgressState::Pending) {
                let sv = w.bump_version("progress_statuses", "progress status", s.id, None)?;
                w.tx().execute("UPDATE progress_statuses SET refresh_requested = 1 WHERE id = ?1", [s.id])?;
                w.history("progress_status", s.id, sv, "refresh_requested", Some("false"), Some("true"), Some("line quantity or price changed"))?;
            }
            let planned = statuses.last().map_or(w_today(w)?, |s| s.invoice_date);
            sync_forecast(w, &load_line(w.tx(), line_id)?, planned)
        })
    }
}

fn w_today(w: &Writer<'_>) -> Result<NaiveDate> {
    // The transaction's own timestamp, as a date: a planned date for a new forecast.
    NaiveDate::parse_from_str(w.at().get(..10).unwrap_or_default(), "%Y-%m-%d")
        .map_err(|_| StoreError::refused("no date in the transaction time"))
}
