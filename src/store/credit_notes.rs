//! Credit notes: drafts that credit a confirmed invoice in full, by chosen lines or by part
//! amounts, never more than what is left to credit on a line.

use super::Store;
use super::codec;
use super::documents::{load_invoice, store_totals};
use super::drafts::{NewLine, credit_state, history_invoice_created, insert_head, insert_line};
use super::error::{Result, StoreError};
use crate::domain::credit::{self, LineCredit};
use crate::domain::money::checked_sum;
use crate::domain::numbering::DocumentKind;
use crate::domain::rights::Action;
use chrono::NaiveDate;
use rust_decimal::Decimal;

impl Store {
    /// What is left to credit on each line of a confirmed invoice: `(line id, amount)`.
    pub fn creditable(&self, invoice_id: i64) -> Result<Vec<(i64, Decimal)>> {
        Ok(self
            .line_credits(invoice_id)?
            .into_iter()
            .map(|(id, c)| (id, c.left()))
            .collect())
    }

    /// Each line of an invoice with its net and what credit notes, drafts included, credit
    /// of it: `(line id, credit)`.
    pub fn line_credits(&self, invoice_id: i64) -> Result<Vec<(i64, LineCredit)>> {
        let inv = load_invoice(self.conn(), invoice_id)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT coalesce(sum(net_minor), 0) FROM invoice_lines WHERE credited_line_id = ?1",
        )?;
        inv.lines
            .iter()
            .map(|l| {
                let credited: i64 = stmt.query_row([l.id], |r| r.get(0))?;
                let credit = LineCredit {
                    net: l.net,
                    credited: inv.currency.from_minor(credited),
                    currency: inv.currency,
                };
                Ok((l.id, credit))
            })
            .collect()
    }

    /// Drafts a credit note for a confirmed invoice. `credits` gives `(line id, amount)` pairs;
    /// `None` credits everything that is left on every line.
    pub fn create_credit_note(
        &mut self,
        invoice_id: i64,
        credits: Option<&[(i64, Decimal)]>,
        today: NaiveDate,
    ) -> Result<i64> {
        self.write(Action::Credit, |w| {
            let original = load_invoice(w.tx(), invoice_id)?;
            credit::check_creditable(
                original.kind,
                original.status,
                original.credited_invoice_number.as_deref(),
            )
            .map_err(|e| StoreError::refused(e.0))?;
            if let Some(credits) = credits
                && let Some((id, _)) = credits
                    .iter()
                    .find(|(id, _)| !original.lines.iter().any(|l| l.id == *id))
            {
                return Err(StoreError::refused(format!(
                    "line {id} is not on invoice {}",
                    original.number.as_deref().unwrap_or("?")
                )));
            }
            let cur = original.currency;
            let mut lines = Vec::new();
            for line in &original.lines {
                let (net, credited) = credit_state(w, line.id, None)?;
                let credit = LineCredit {
                    net: cur.from_minor(net),
                    credited: cur.from_minor(credited),
                    currency: cur,
                };
                let amount = match credits {
                    None => credit.left(),
                    Some(c) => cur.round(checked_sum(
                        &format!("the credits of line {}", line.position),
                        c.iter().filter(|(id, _)| *id == line.id).map(|(_, a)| *a),
                    )?),
                };
                credit::check_credit(credit, amount, w.numbers())
                    .map_err(|e| StoreError::refused(format!("line {}: {}", line.position, e.0)))?;
                if !amount.is_zero() {
                    lines.push((line, amount));
                }
            }
            if lines.is_empty() {
                return Err(StoreError::refused(
                    "nothing left to credit on this invoice",
                ));
            }
            let (id, _) = insert_head(
                w,
                DocumentKind::CreditNote,
                original.account_id,
                cur.code(),
                today,
                Some(invoice_id),
            )?;
            for (pos, (line, amount)) in lines.iter().enumerate() {
                insert_line(
                    w,
                    id,
                    cur.code(),
                    &NewLine {
                        position: pos as i64 + 1,
                        revenue_item_id: line.revenue_item_id,
                        project_id: line.project_id,
                        description: &line.description,
                        amount: *amount,
                        vat_rate_micros: codec::micros(line.vat_rate)?,
                        credited_line_id: Some(line.id),
                    },
                )?;
            }
            store_totals(w.tx(), id)?;
            history_invoice_created(w, id)?;
            Ok(id)
        })
    }
}
