//! Confirming drafts: the next number of the series, the final dates and totals, the hash
//! chain and the items' move to invoiced, all in one transaction. Two users confirming at the
//! same moment are serialized by SQLite's write lock, so numbers stay gapless and unique.

use super::codec;
use super::documents::load_invoice;
use super::drafts::credit_state;
use super::error::{Result, StoreError};
use super::invoiced_items::move_invoiced;
use super::{Store, Writer};
use crate::domain::credit::{self, LineCredit};
use crate::domain::dates;
use crate::domain::document_hash::{Confirmation, GENESIS, chain_hash_of};
use crate::domain::invoice_status::InvoiceStatus;
use crate::domain::numbering::{DocumentKind, format_number};
use crate::domain::rights::Action;
use chrono::{Datelike, NaiveDate};
use rusqlite::{OptionalExtension, params};
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmed {
    pub id: i64,
    pub number: String,
    pub gross: Decimal,
    pub currency: String,
}

/// The outcome of confirming several drafts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfirmRun {
    pub confirmed: Vec<Confirmed>,
    pub refused: Vec<(i64, String)>,
}

/// Confirms draft `id`; an invoice's items are added to `invoiced`, which the caller moves to
/// invoiced (`move_invoiced`) before the transaction commits.
fn confirm_one(
    w: &Writer<'_>,
    id: i64,
    seen: Option<i64>,
    today: NaiveDate,
    invoiced: &mut Vec<i64>,
) -> Result<Confirmed> {
    let draft = load_invoice(w.tx(), id)?;
    if draft.status == InvoiceStatus::Confirmed {
        return Err(StoreError::refused(format!(
            "invoice {id} was already confirmed as {} by {} at {}",
            draft.number.as_deref().unwrap_or("?"),
            draft.confirmed_by.as_deref().unwrap_or("?"),
            draft.confirmed_at.as_deref().unwrap_or("?"),
        )));
    }
    if seen.is_some_and(|v| v != draft.version) {
        return Err(StoreError::Stale {
            object: "invoice",
            id,
            by: draft.updated_by.clone(),
            at: draft.updated_at.clone(),
        });
    }
    if draft.lines.is_empty() {
        return Err(StoreError::refused(format!("draft {id} has no lines")));
    }
    if draft.kind == DocumentKind::CreditNote {
        for line in &draft.lines {
            let Some(credited) = line.credited_line_id else {
                continue;
            };
            let (net, others) = credit_state(w, credited, Some(line.id))?;
            let credit = LineCredit {
                net: draft.currency.from_minor(net),
                credited: draft.currency.from_minor(others),
                currency: draft.currency,
            };
            credit::check_credit(credit, line.net, w.numbers())?;
        }
    }
    // The invoice date is the day of confirmation; the draft's payment period is kept.
    let today = dates::check(today)
        .map_err(|e| StoreError::refused(format!("the invoice date {}", e.0)))?;
    let due = dates::add_days(today, (draft.due_date - draft.invoice_date).num_days())
        .map_err(|e| StoreError::refused(format!("the due date {}", e.0)))?;
    let year = today.year();
    let kind = draft.kind;
    // Update the series if it exists, else start it: never an upsert, which the database
    // refuses so that a REPLACE cannot reset a series.
    let next: Option<i64> = w
        .tx()
        .prepare_cached(
            "UPDATE number_series SET last_seq = last_seq + 1 WHERE series = ?1 AND year = ?2
             RETURNING last_seq",
        )?
        .query_row(params![kind.series(), year], |r| r.get(0))
        .optional()?;
    let seq = match next {
        Some(seq) => seq,
        None => {
            w.tx().execute(
                "INSERT INTO number_series (series, year, last_seq) VALUES (?1, ?2, 1)",
                params![kind.series(), year],
            )?;
            1
        }
    };
    let number = format_number(kind, year, seq);
    let v = w.bump_version("invoices", "invoice", id, None)?;
    let (prev_seq, prev_hash): (i64, String) = w
        .tx()
        .prepare_cached("SELECT last_seq, last_hash FROM chain_head WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_string()));
    // The document as it is stored once confirmed, built from the one read above instead of
    // read again: its totals from its lines in the currency's minor units (what reading it
    // back gives), the day's dates and its number. The hash and the keyed chain cover it.
    let mut doc = draft.clone();
    let totals = doc.computed_totals();
    let cur = doc.currency;
    let (net, vat, gross) = (
        codec::minor(cur, totals.net)?,
        codec::minor(cur, totals.vat)?,
        codec::minor(cur, totals.gross)?,
    );
    doc.net = cur.from_minor(net);
    doc.vat = cur.from_minor(vat);
    doc.gross = cur.from_minor(gross);
    doc.invoice_date = today;
    doc.due_date = due;
    doc.number = Some(number.clone());
    // Made canonical once for both chains.
    let canonical = doc.content().canonical();
    let hash = chain_hash_of(&prev_hash, &canonical);
    w.tx()
        .prepare_cached(
            "UPDATE invoices SET invoice_date = ?1, due_date = ?2, net_minor = ?3, vat_minor = ?4,
                gross_minor = ?5, status = 'confirmed', number = ?6, series = ?7,
                series_year = ?8, series_seq = ?9, chain_seq = ?10, prev_hash = ?11, hash = ?12,
                confirmed_at = ?13, confirmed_by = ?14
             WHERE id = ?15 AND status = 'draft'",
        )?
        .execute(params![
            today,
            due,
            net,
            vat,
            gross,
            number,
            kind.series(),
            year,
            seq,
            prev_seq + 1,
            prev_hash,
            hash,
            w.at(),
            w.user(),
            id
        ])?;
    let moved = w
        .tx()
        .prepare_cached("UPDATE chain_head SET last_seq = ?1, last_hash = ?2 WHERE id = 1")?
        .execute(params![prev_seq + 1, hash])?;
    if moved == 0 {
        w.tx().execute(
            "INSERT INTO chain_head (id, last_seq, last_hash) VALUES (1, ?1, ?2)",
            params![prev_seq + 1, hash],
        )?;
    }
    // The keyed chain: the document, its place, who confirmed it and when, under the key.
    let confirmation = Confirmation {
        seq: prev_seq + 1,
        by: w.user(),
        at: w.at(),
    };
    super::document_chain::seal(w.tx(), w.key(), id, &canonical, confirmation)?;
    w.history(
        "invoice",
        id,
        v,
        "status",
        Some("draft"),
        Some("confirmed"),
        None,
    )?;
    w.history("invoice", id, v, "number", None, Some(&number), None)?;
    if draft.invoice_date != today {
        w.history(
            "invoice",
            id,
            v,
            "invoice_date",
            Some(&draft.invoice_date.to_string()),
            Some(&today.to_string()),
            None,
        )?;
    }
    if draft.due_date != due {
        w.history(
            "invoice",
            id,
            v,
            "due_date",
            Some(&draft.due_date.to_string()),
            Some(&due.to_string()),
            None,
        )?;
    }
    if kind == DocumentKind::Invoice {
        // Its items move to invoiced with the other confirmed invoices' (`move_invoiced`):
        // those of its lines, as read above.
        invoiced.extend(draft.lines.iter().filter_map(|l| l.revenue_item_id));
    }
    tracing::info!(id, number = %number, user = w.user(), "confirmed");
    Ok(Confirmed {
        id,
        number,
        gross: doc.gross,
        currency: codec::currency(doc.currency.code())?.code().to_string(),
    })
}

impl Store {
    /// Confirms one draft invoice or credit note, dated `today`.
    pub fn confirm(&mut self, id: i64, today: NaiveDate) -> Result<Confirmed> {
        self.write(Action::Confirm, |w| {
            let mut invoiced = Vec::new();
            let confirmed = confirm_one(w, id, None, today, &mut invoiced)?;
            move_invoiced(w, invoiced)?;
            Ok(confirmed)
        })
    }

    /// Confirms several drafts in one transaction; drafts a rule refuses are reported and left
    /// as drafts (every check runs before that draft's first write).
    pub fn confirm_many(&mut self, ids: &[i64], today: NaiveDate) -> Result<ConfirmRun> {
        let drafts: Vec<(i64, Option<i64>)> = ids.iter().map(|id| (*id, None)).collect();
        self.confirm_seen(&drafts, today)
    }

    /// Like `confirm_many`, refusing each draft that changed since the version the user saw
    /// (`Some(version)`): what gets a number is what was checked.
    pub fn confirm_seen(
        &mut self,
        drafts: &[(i64, Option<i64>)],
        today: NaiveDate,
    ) -> Result<ConfirmRun> {
        // A larger page cache for the moves (`bulk_cache.rs`).
        self.with_bulk_cache(|store| {
            store.write(Action::Confirm, |w| {
                let mut run = ConfirmRun::default();
                let mut invoiced = Vec::new();
                for (done, &(id, seen)) in drafts.iter().enumerate() {
                    super::long_work::progress("drafts confirmed", done, drafts.len())?;
                    match confirm_one(w, id, seen, today, &mut invoiced) {
                        Ok(c) => run.confirmed.push(c),
                        Err(e) if e.is_refusal() => run.refused.push((id, e.to_string())),
                        Err(e) => return Err(e),
                    }
                }
                move_invoiced(w, invoiced)?;
                Ok(run)
            })
        })
    }
}
