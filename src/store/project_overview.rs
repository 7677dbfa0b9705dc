//! One project's billing at a glance: its items by billing rule and status, its billing plan,
//! its contract lines, its milestones, and what confirmed invoices and credit notes billed of
//! it. Read for one project by its indexes.

use super::Store;
use super::codec;
use super::error::Result;
use super::project_list::{ProjectFilter, ProjectRow, project_rows};
use crate::domain::Money;
use crate::domain::billing_rule::BillingRule;
use crate::domain::revenue_status::RevenueStatus;
use crate::domain::scaled::from_micros;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use rust_decimal::Decimal;

/// Items of one billing rule in one status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemGroup {
    pub rule: BillingRule,
    pub status: RevenueStatus,
    pub count: i64,
    pub amount: Money,
}

/// A part of the billing plan with where its item stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLine {
    pub label: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub status: RevenueStatus,
}

/// A contract line billed by progress: its total and what validated periods billed of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractLineSum {
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub total: Money,
    pub billed: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneLine {
    pub id: i64,
    pub version: i64,
    pub code: String,
    pub name: String,
    pub due_date: NaiveDate,
    pub reached: Option<NaiveDate>,
    /// Its items (not rejected) and their amount.
    pub items: i64,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectOverview {
    pub project: ProjectRow,
    pub price_list: Option<String>,
    pub items: Vec<ItemGroup>,
    pub plan: Vec<PlanLine>,
    pub contract_lines: Vec<ContractLineSum>,
    pub milestones: Vec<MilestoneLine>,
    /// Net of its lines on confirmed invoices, on confirmed credit notes (as a positive
    /// figure: what was taken back), and on drafts not confirmed yet.
    pub invoiced: Money,
    pub credited: Money,
    pub on_drafts: Money,
}

impl ProjectOverview {
    /// Invoiced less credited.
    pub fn net_billed(&self) -> Money {
        Money::new(
            self.invoiced.amount - self.credited.amount,
            self.invoiced.currency,
        )
    }
}

impl Store {
    /// The project with this id as the projects list shows it.
    pub fn project_row(&self, id: i64) -> Result<ProjectRow> {
        let not_found = || super::StoreError::NotFound {
            object: "project",
            id,
        };
        let code: String = self
            .conn()
            .prepare_cached("SELECT code FROM projects WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .ok_or_else(not_found)?;
        let rows = project_rows(
            self.conn(),
            &ProjectFilter::default(),
            &super::Bound::From(code),
            1,
        )?;
        rows.into_iter().next().ok_or_else(not_found)
    }

    /// The milestones of a project by due date, with their items (not rejected) and amount.
    pub fn project_milestones(&self, project_id: i64) -> Result<Vec<MilestoneLine>> {
        let project = self.project_row(project_id)?;
        let currency = project.open.currency;
        let mut milestones = Vec::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT m.code, m.name, m.due_date, substr(m.reached_at, 1, 10),
                    (SELECT count(*) FROM revenue_items i
                     WHERE i.milestone_id = m.id AND i.status <> 'rejected'),
                    (SELECT coalesce(sum(coalesce(i.actual_amount_minor, i.planned_amount_minor)), 0)
                     FROM revenue_items i WHERE i.milestone_id = m.id AND i.status <> 'rejected'),
                    m.id, m.version
             FROM milestones m WHERE m.project_id = ?1 ORDER BY m.due_date, m.code",
        )?;
        let mut rows = stmt.query([project_id])?;
        while let Some(r) = rows.next()? {
            milestones.push(MilestoneLine {
                id: r.get(6)?,
                version: r.get(7)?,
                code: r.get(0)?,
                name: r.get(1)?,
                due_date: r.get(2)?,
                reached: r.get(3)?,
                items: r.get(4)?,
                amount: Money::from_minor(r.get(5)?, currency),
            });
        }
        Ok(milestones)
    }

    pub fn project_overview(&self, id: i64) -> Result<ProjectOverview> {
        let project = self.project_row(id)?;
        let currency = project.open.currency;
        let money = |minor: i64| Money::from_minor(minor, currency);
        let conn = self.conn();
        let price_list: Option<String> = conn
            .prepare_cached(
                "SELECT l.name FROM projects p JOIN price_lists l ON l.id = p.price_list_id
                 WHERE p.id = ?1",
            )?
            .query_row([id], |r| r.get(0))
            .optional()?;

        let mut items = Vec::new();
        let mut stmt = conn.prepare_cached(
            "SELECT billing_rule, status, count(*),
                    sum(coalesce(actual_amount_minor, planned_amount_minor))
             FROM revenue_items WHERE project_id = ?1
             GROUP BY billing_rule, status",
        )?;
        let mut rows = stmt.query([id])?;
        while let Some(r) = rows.next()? {
            items.push(ItemGroup {
                rule: codec::parse(&r.get::<_, String>(0)?)?,
                status: codec::parse(&r.get::<_, String>(1)?)?,
                count: r.get(2)?,
                amount: money(r.get(3)?),
            });
        }
        items.sort_by_key(|g| {
            (
                BillingRule::ALL.iter().position(|x| *x == g.rule),
                RevenueStatus::ALL.iter().position(|x| *x == g.status),
            )
        });

        let mut plan = Vec::new();
        let mut stmt = conn.prepare_cached(
            "SELECT pp.label, pp.planned_date,
                    coalesce(i.actual_amount_minor, i.planned_amount_minor), i.status
             FROM billing_plans b JOIN plan_parts pp ON pp.plan_id = b.id
             JOIN revenue_items i ON i.id = pp.revenue_item_id
             WHERE b.project_id = ?1 ORDER BY pp.position",
        )?;
        let mut rows = stmt.query([id])?;
        while let Some(r) = rows.next()? {
            plan.push(PlanLine {
                label: r.get(0)?,
                date: r.get(1)?,
                amount: money(r.get(2)?),
                status: codec::parse(&r.get::<_, String>(3)?)?,
            });
        }

        let mut contract_lines = Vec::new();
        let mut stmt = conn.prepare_cached(
            "SELECT c.description, c.quantity_micros, c.unit_price_micros, c.total_minor,
                    (SELECT coalesce(sum(s.billed_amount_minor), 0) FROM progress_statuses s
                     WHERE s.line_id = c.id AND s.status = 'validated')
             FROM contract_lines c WHERE c.project_id = ?1 ORDER BY c.id",
        )?;
        let mut rows = stmt.query([id])?;
        while let Some(r) = rows.next()? {
            contract_lines.push(ContractLineSum {
                description: r.get(0)?,
                quantity: from_micros(r.get(1)?),
                unit_price: from_micros(r.get(2)?),
                total: money(r.get(3)?),
                billed: money(r.get(4)?),
            });
        }

        let milestones = self.project_milestones(id)?;

        let (invoiced, credited, on_drafts): (i64, i64, i64) = conn
            .prepare_cached(
                "SELECT
                   coalesce(sum(CASE WHEN d.status = 'confirmed' AND d.kind = 'invoice'
                                     THEN l.net_minor END), 0),
                   coalesce(sum(CASE WHEN d.status = 'confirmed' AND d.kind = 'credit_note'
                                     THEN l.net_minor END), 0),
                   coalesce(sum(CASE WHEN d.status = 'draft' AND d.kind = 'invoice'
                                     THEN l.net_minor END), 0)
                 FROM invoice_lines l JOIN invoices d ON d.id = l.invoice_id
                 WHERE l.project_id = ?1",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;

        Ok(ProjectOverview {
            project,
            price_list,
            items,
            plan,
            contract_lines,
            milestones,
            invoiced: money(invoiced),
            credited: money(credited.abs()),
            on_drafts: money(on_drafts),
        })
    }
}
