//! The open forecast item of a contract line: the total less what the validated periods bill,
//! planned on the invoice date of the line's next period.

use super::*;
use crate::domain::billing_rule::BillingRule;
use crate::domain::line_schedule::{self, PeriodDates};
use crate::domain::progress::{self, Billed};
use crate::domain::revenue_status::{Origin, RevenueStatus};
use crate::store::Writer;
use crate::store::codec;
use crate::store::error::Result;
use crate::store::forecast_dates::FOLLOWS;
use crate::store::item_rows::ItemProjects;
use crate::store::new_items::insert_item;
use crate::store::revenue_items::{NewRevenueItem, load_item, search_add, search_forget};
use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;

/// What the schedule rules need of the periods.
pub(super) fn period_dates(statuses: &[ProgressStatus]) -> Vec<PeriodDates> {
    statuses
        .iter()
        .map(|s| PeriodDates {
            seq: s.seq,
            state: s.state,
            period_end: s.period_end,
            invoice_date: s.invoice_date,
        })
        .collect()
}

/// Keeps the line's open forecast item at the total less what the validated periods bill, on
/// the invoice date of the line's next period (`line_schedule::forecast_date`). `planned` dates
/// a forecast made anew while the line has no period.
pub(super) fn sync_forecast(w: &Writer<'_>, line: &ContractLine, planned: NaiveDate) -> Result<()> {
    let statuses = load_statuses(w.tx(), line)?;
    let next = line_schedule::forecast_date(line.term, &period_dates(&statuses))?;
    let validated: Vec<Billed> = statuses
        .iter()
        .filter(|s| s.state != ProgressState::Pending)
        .map(|s| s.billed)
        .collect();
    let rest = progress::remaining_forecast(&line.line(), &validated)?;
    let c = line.currency;
    match (line.forecast_item_id, rest > Decimal::ZERO) {
        (Some(id), true) => {
            let item = load_item(w.tx(), id)?;
            let date = next.unwrap_or(item.planned_invoice_date);
            if item.planned_amount == rest && item.planned_invoice_date == date {
                return Ok(());
            }
            let v = w.bump_version("revenue_items", "revenue item", id, None)?;
            w.tx().execute(
                "UPDATE revenue_items SET planned_amount_minor = ?1, planned_invoice_date = ?2
                 WHERE id = ?3",
                params![codec::minor(c, rest)?, date, id],
            )?;
            if item.planned_amount != rest {
                w.history(
                    "revenue_item",
                    id,
                    v,
                    "planned_amount",
                    Some(&item.planned_amount.to_string()),
                    Some(&rest.to_string()),
                    Some("progress forecast"),
                )?;
            }
            if item.planned_invoice_date != date {
                w.history(
                    "revenue_item",
                    id,
                    v,
                    "planned_invoice_date",
                    Some(&item.planned_invoice_date.to_string()),
                    Some(&date.to_string()),
                    Some(FOLLOWS),
                )?;
            }
        }
        (Some(id), false) => {
            // Everything is validated: the forecast has nothing left to hold.
            let item = load_item(w.tx(), id)?;
            let lv = w.bump_version("contract_lines", "contract line", line.id, None)?;
            w.tx().execute(
                "UPDATE contract_lines SET forecast_item_id = NULL WHERE id = ?1",
                [line.id],
            )?;
            w.history(
                "contract_line",
                line.id,
                lv,
                "forecast_item",
                Some(&id.to_string()),
                None,
                None,
            )?;
            let v = w.bump_version("revenue_items", "revenue item", id, None)?;
            search_forget(w, id, &item.name)?;
            w.tx()
                .execute("DELETE FROM revenue_items WHERE id = ?1", [id])?;
            w.history(
                "revenue_item",
                id,
                v,
                "deleted",
                Some("progress forecast, fully validated"),
                None,
                None,
            )?;
        }
        (None, true) => {
            let item = forecast_item(line, rest, next.unwrap_or(planned));
            let id = insert_item(w, &mut ItemProjects::default(), &item)?;
            search_add(w, id)?;
            let lv = w.bump_version("contract_lines", "contract line", line.id, None)?;
            w.tx().execute(
                "UPDATE contract_lines SET forecast_item_id = ?1 WHERE id = ?2",
                params![id, line.id],
            )?;
            w.history(
                "contract_line",
                line.id,
                lv,
                "forecast_item",
                None,
                Some(&id.to_string()),
                None,
            )?;
        }
        (None, false) => {}
    }
    Ok(())
}

pub(super) fn forecast_item(
    line: &ContractLine,
    amount: Decimal,
    planned: NaiveDate,
) -> NewRevenueItem {
    NewRevenueItem {
        project_id: line.project_id,
        milestone_id: None,
        name: format!("Progress forecast: {}", line.description),
        item_type: "Services".into(),
        billing_rule: BillingRule::Progress,
        unit_price: None,
        planned_amount: amount,
        planned_invoice_date: planned,
        status: RevenueStatus::Open,
        vat_rate: line.vat_rate,
        invoice_description: line.description.clone(),
        internal_description: "The part of the contract line not validated yet.".into(),
        origin: Origin::ProgressStatus,
    }
}
