//! What the summary and the form show around a revenue item: its project, account (billing
//! contact, VAT id), milestone and invoice; and finding projects and milestones by code.

use super::Store;
use super::error::Result;
use crate::domain::Currency;
use rusqlite::OptionalExtension;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemContext {
    pub project_code: String,
    pub project_name: String,
    pub project_status: String,
    pub account_name: String,
    pub billing_contact: String,
    pub address: String,
    pub vat_id: String,
    pub payment_terms_days: i64,
    pub business_unit: String,
    /// Code, name, due date and whether reached.
    pub milestone: Option<(String, String, String, bool)>,
    /// The latest invoice the item is on: number (None for a draft) and invoice id.
    pub invoice: Option<(Option<String>, i64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectRef {
    pub id: i64,
    pub currency: Currency,
}

impl Store {
    pub fn item_context(&self, item_id: i64) -> Result<ItemContext> {
        let ctx = self.conn().query_row(
            "SELECT p.code, p.name, p.status, a.name, a.billing_contact, a.address, a.vat_id,
                    a.payment_terms_days, a.business_unit, m.code, m.name, m.due_date,
                    m.reached_at IS NOT NULL,
                    (SELECT v.number FROM invoice_lines l JOIN invoices v ON v.id = l.invoice_id
                     WHERE l.revenue_item_id = i.id AND v.kind = 'invoice' ORDER BY l.id DESC LIMIT 1),
                    (SELECT v.id FROM invoice_lines l JOIN invoices v ON v.id = l.invoice_id
                     WHERE l.revenue_item_id = i.id AND v.kind = 'invoice' ORDER BY l.id DESC LIMIT 1)
             FROM revenue_items i JOIN projects p ON p.id = i.project_id
             JOIN accounts a ON a.id = i.account_id
             LEFT JOIN milestones m ON m.id = i.milestone_id
             WHERE i.id = ?1",
            [item_id],
            |r| {
                let milestone = match r.get::<_, Option<String>>(9)? {
                    Some(code) => Some((code, r.get(10)?, r.get(11)?, r.get(12)?)),
                    None => None,
                };
                let invoice = r.get::<_, Option<i64>>(14)?.map(|id| (None, id));
                Ok((
                    ItemContext {
                        project_code: r.get(0)?,
                        project_name: r.get(1)?,
                        project_status: r.get(2)?,
                        account_name: r.get(3)?,
                        billing_contact: r.get(4)?,
                        address: r.get(5)?,
                        vat_id: r.get(6)?,
                        payment_terms_days: r.get(7)?,
                        business_unit: r.get(8)?,
                        milestone,
                        invoice,
                    },
                    r.get::<_, Option<String>>(13)?,
                ))
            },
        )?;
        let (mut context, number) = ctx;
        if let Some((_, id)) = context.invoice {
            context.invoice = Some((number, id));
        }
        Ok(context)
    }

    /// The invoice or draft (not a credit note) revenue item `item_id` is on: the latest, when
    /// it was credited and invoiced again.
    pub fn invoice_of_item(&self, item_id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT v.id FROM invoice_lines l JOIN invoices v ON v.id = l.invoice_id
                 WHERE l.revenue_item_id = ?1 AND v.kind = 'invoice' ORDER BY l.id DESC LIMIT 1",
                [item_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The project with this code (any case), if there is one.
    pub fn project_by_code(&self, code: &str) -> Result<Option<ProjectRef>> {
        let row: Option<(i64, String)> = self
            .conn()
            .query_row(
                "SELECT id, currency FROM projects WHERE code = ?1 COLLATE NOCASE",
                [code.trim()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(id, cur)| {
            Ok(ProjectRef {
                id,
                currency: super::codec::currency(&cur)?,
            })
        })
        .transpose()
    }

    /// The milestone of a project with this code (any case), if there is one.
    pub fn milestone_by_code(&self, project_id: i64, code: &str) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM milestones WHERE project_id = ?1 AND code = ?2 COLLATE NOCASE",
                rusqlite::params![project_id, code.trim()],
                |r| r.get(0),
            )
            .optional()?)
    }
}
