//! Export rows for contract lines and progress statuses (`finctl export contract-lines |
//! progress-statuses`), for the ERP and for checking: every amount an exact decimal string.

use super::Store;
use super::error::Result;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContractLineRow {
    pub id: i64,
    pub project: String,
    pub milestone: Option<String>,
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub total: String,
    pub currency: String,
    pub invoicing_term: String,
    /// What the line's scheduled items (validated periods and the forecast) add up to.
    pub scheduled_total: String,
    /// What the validated periods bill.
    pub billed_total: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgressStatusRow {
    pub id: i64,
    pub line_id: i64,
    pub period_start: String,
    pub period_end: String,
    pub invoice_date: String,
    pub status: String,
    pub estimated_percent: String,
    pub estimated_quantity: String,
    pub estimated_amount: String,
    pub billed_percent: String,
    pub billed_quantity: String,
    pub billed_amount: String,
    pub revenue_item_id: Option<i64>,
    pub refresh_requested: bool,
}

impl Store {
    pub fn for_each_contract_line_row(
        &self,
        mut each: impl FnMut(ContractLineRow) -> Result<()>,
    ) -> Result<()> {
        let ids: Vec<i64> = self
            .conn()
            .prepare("SELECT id FROM contract_lines ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            let line = self.contract_line(id)?;
            let statuses = self.progress_statuses(id)?;
            let (project, milestone): (String, Option<String>) = self.conn().query_row(
                "SELECT p.code, m.code FROM contract_lines l JOIN projects p ON p.id = l.project_id
                 LEFT JOIN milestones m ON m.id = l.milestone_id WHERE l.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let mut scheduled = rust_decimal::Decimal::ZERO;
            let mut billed = rust_decimal::Decimal::ZERO;
            for s in &statuses {
                if let Some(item) = s.revenue_item_id {
                    scheduled += self.revenue_item(item)?.planned_amount;
                    billed += s.billed.amount;
                }
            }
            if let Some(f) = line.forecast_item_id {
                scheduled += self.revenue_item(f)?.planned_amount;
            }
            let c = line.currency;
            each(ContractLineRow {
                id,
                project,
                milestone,
                description: line.description.clone(),
                quantity: line.quantity.to_string(),
                unit_price: line.unit_price.to_string(),
                total: line.total.to_string(),
                currency: c.code().to_string(),
                invoicing_term: line.term.as_str().to_string(),
                scheduled_total: c.round(scheduled).to_string(),
                billed_total: c.round(billed).to_string(),
            })?;
        }
        Ok(())
    }

    pub fn for_each_progress_status_row(
        &self,
        mut each: impl FnMut(ProgressStatusRow) -> Result<()>,
    ) -> Result<()> {
        let ids: Vec<i64> = self
            .conn()
            .prepare("SELECT id FROM contract_lines ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for line_id in ids {
            for s in self.progress_statuses(line_id)? {
                each(ProgressStatusRow {
                    id: s.id,
                    line_id,
                    period_start: s.period_start.to_string(),
                    period_end: s.period_end.to_string(),
                    invoice_date: s.invoice_date.to_string(),
                    status: s.state.as_str().to_string(),
                    estimated_percent: s.estimated.percent.to_string(),
                    estimated_quantity: s.estimated.quantity.to_string(),
                    estimated_amount: s.estimated.amount.to_string(),
                    billed_percent: s.billed.percent.to_string(),
                    billed_quantity: s.billed.quantity.to_string(),
                    billed_amount: s.billed.amount.to_string(),
                    revenue_item_id: s.revenue_item_id,
                    refresh_requested: s.refresh_requested,
                })?;
            }
        }
        Ok(())
    }
}
