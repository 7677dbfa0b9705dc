//! Draft invoices: made from billable items (one per account and currency, one line per item),
//! edited, and deleted without losing anything.

use super::codec;
use super::documents::{load_invoice, store_totals, write_totals};
use super::draft_preview::nothing_to_invoice;
use super::drafted_items::{insert_lines, move_drafted};
use super::error::{Result, StoreError};
use super::revenue_items::load_item;
use super::selected_items::Selected;
use super::time_and_materials::{collect, preview_amount, release_collected};
use super::{Store, Writer};
use crate::domain::Currency;
use crate::domain::billing_rule::BillingRule;
use crate::domain::credit::{self, LineCredit};
use crate::domain::dates;
use crate::domain::grouping::plan_drafts;
use crate::domain::invoice_status::InvoiceStatus;
use crate::domain::invoice_totals::{self, LineAmount};
use crate::domain::numbering::DocumentKind;
use crate::domain::revenue_status::RevenueStatus;
use crate::domain::rights::Action;
use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;

/// What making drafts did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftsMade {
    pub invoices: Vec<i64>,
    /// Items left out, with the rule that left them out.
    pub skipped: Vec<(i64, String)>,
}

/// Inserts an invoice or credit note head (totals follow from its lines); its id and due date.
pub(super) fn insert_head(
    w: &Writer<'_>,
    kind: DocumentKind,
    account_id: i64,
    currency: &str,
    invoice_date: NaiveDate,
    credited_invoice_id: Option<i64>,
) -> Result<(i64, NaiveDate)> {
    let terms: i64 = w
        .tx()
        .prepare_cached("SELECT payment_terms_days FROM accounts WHERE id = ?1")?
        .query_row([account_id], |r| r.get(0))?;
    let invoice_date = dates::check(invoice_date)
        .map_err(|e| StoreError::refused(format!("the invoice date {}", e.0)))?;
    let due = dates::add_days(invoice_date, terms.max(0)).map_err(|e| {
        StoreError::refused(format!(
            "the due date, {terms} days after the invoice date, {}",
            e.0
        ))
    })?;
    let id: i64 = w
        .tx()
        .prepare_cached(
            "INSERT INTO invoices (kind, status, account_id, currency, invoice_date, due_date,
            credited_invoice_id, created_by, created_at, updated_by, updated_at)
         VALUES (?1, 'draft', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?8) RETURNING id",
        )?
        .query_row(
            params![
                kind.as_str(),
                account_id,
                currency,
                invoice_date,
                due,
                credited_invoice_id,
                w.user(),
                w.at()
            ],
            |r| r.get(0),
        )?;
    Ok((id, due))
}

/// One line to insert.
pub(super) struct NewLine<'a> {
    pub position: i64,
    pub revenue_item_id: Option<i64>,
    pub project_id: i64,
    pub description: &'a str,
    pub amount: Decimal,
    pub vat_rate_micros: i64,
    pub credited_line_id: Option<i64>,
}

pub(super) fn insert_line(
    w: &Writer<'_>,
    invoice_id: i64,
    currency: &str,
    line: &NewLine<'_>,
) -> Result<i64> {
    let cur = codec::currency(currency)?;
    Ok(w.tx()
        .prepare_cached(
            "INSERT INTO invoice_lines (invoice_id, position, revenue_item_id, project_id,
                description, quantity_micros, unit_price_micros, vat_rate_micros, net_minor,
                credited_line_id)
             VALUES (?1, ?2, ?3, ?4, ?5, 1000000, ?6, ?7, ?8, ?9) RETURNING id",
        )?
        .query_row(
            params![
                invoice_id,
                line.position,
                line.revenue_item_id,
                line.project_id,
                line.description,
                codec::micros(line.amount)?,
                line.vat_rate_micros,
                codec::minor(cur, line.amount)?,
                line.credited_line_id
            ],
            |r| r.get(0),
        )?)
}

/// Records an invoice's creation with its head and totals, as stored.
pub(super) fn history_invoice_created(w: &Writer<'_>, id: i64) -> Result<()> {
    let inv = load_invoice(w.tx(), id)?;
    let created = Created {
        id,
        kind: inv.kind,
        account_id: inv.account_id,
        currency: inv.currency,
        invoice_date: inv.invoice_date,
        due_date: inv.due_date,
        lines: inv.lines.len(),
        net: inv.net,
        vat: inv.vat,
        gross: inv.gross,
        credited_invoice_id: inv.credited_invoice_id,
    };
    created.record(w)
}

/// An invoice just written, as its creation's history row records it.
struct Created {
    id: i64,
    kind: DocumentKind,
    account_id: i64,
    currency: Currency,
    invoice_date: NaiveDate,
    due_date: NaiveDate,
    lines: usize,
    net: Decimal,
    vat: Decimal,
    gross: Decimal,
    credited_invoice_id: Option<i64>,
}

impl Created {
    fn record(&self, w: &Writer<'_>) -> Result<()> {
        // Each total as reading it back gives it (the currency's decimals), whichever way it
        // was computed.
        let stored = |a: Decimal| -> Result<String> {
            Ok(self
                .currency
                .from_minor(codec::minor(self.currency, a)?)
                .to_string())
        };
        w.history_created(
            "invoice",
            self.id,
            &serde_json::json!({
                "kind": self.kind.as_str(),
                "account_id": self.account_id,
                "currency": self.currency.code(),
                "invoice_date": self.invoice_date.to_string(),
                "due_date": self.due_date.to_string(),
                "lines": self.lines,
                "net": stored(self.net)?,
                "vat": stored(self.vat)?,
                "gross": stored(self.gross)?,
                "credited_invoice_id": self.credited_invoice_id,
            }),
        )
    }
}

fn load_draft(w: &Writer<'_>, id: i64) -> Result<super::documents::Invoice> {
    let inv = load_invoice(w.tx(), id)?;
    if inv.status != InvoiceStatus::Draft {
        return Err(StoreError::refused(format!(
            "invoice {} is confirmed: it cannot be changed (raise a credit note)",
            inv.number.as_deref().unwrap_or("?")
        )));
    }
    Ok(inv)
}

impl Store {
    /// Turns billable items into draft invoices dated `today`: one per account and currency,
    /// one line per item. Items that cannot be invoiced are reported, not invoiced.
    pub fn make_drafts(&mut self, item_ids: &[i64], today: NaiveDate) -> Result<DraftsMade> {
        let items: Vec<(i64, Option<i64>)> = item_ids.iter().map(|id| (*id, None)).collect();
        self.make_drafts_seen(&items, today)
    }

    /// Like `make_drafts`, skipping each item that changed since the version the user saw
    /// (`Some(version)`): what gets invoiced is what was selected.
    pub fn make_drafts_seen(
        &mut self,
        items: &[(i64, Option<i64>)],
        today: NaiveDate,
    ) -> Result<DraftsMade> {
        // The console's page cache: drafting holds its items already, and a larger cache
        // saved it only a twentieth (`bulk_cache.rs`).
        self.write(Action::Invoice, |w| {
            let mut made = DraftsMade::default();
            // The version seen of each item, by id (sorted: a hundred thousand of them in a
            // map would take twice the memory). An item given twice is checked against the
            // version given last, and not at all if that is `None`.
            let mut seen: Vec<(i64, Option<i64>)> = items.to_vec();
            // Stable: the entries of one id stay in the order given, and the last one's
            // version is the one kept.
            seen.sort_by_key(|s| s.0);
            seen.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 = later.1;
                }
                same
            });
            // Only the checks: `make_drafts` asks for none, and then holds none.
            seen.retain(|s| s.1.is_some());
            seen.shrink_to_fit();
            // An item given twice is drafted once (`Selected::read`).
            let mut selected = Selected::read(w.tx(), items.iter().map(|i| i.0))?;
            let total = selected.candidates.len() + selected.missing.len();
            made.skipped = std::mem::take(&mut selected.missing);
            // Planned, the grouping facts are let go: from here on the items' own are held.
            let plan = plan_drafts(&std::mem::take(&mut selected.candidates));
            made.skipped.extend(plan.skipped);
            let mut done = made.skipped.len();
            // Each item drafted and what its line invoices.
            let mut drafted: Vec<(i64, Decimal)> = Vec::with_capacity(total);
            for group in plan.groups {
                let mut lines = Vec::new();
                for id in group.item_ids {
                    super::long_work::progress("items drafted", done, total)?;
                    done += 1;
                    let item = selected.item(id)?;
                    let seen_at = seen
                        .binary_search_by_key(&id, |s| s.0)
                        .ok()
                        .and_then(|k| seen[k].1);
                    if seen_at.is_some_and(|v| v != item.version) {
                        // Who changed it: read now, as it was read above (the same
                        // transaction).
                        let now = load_item(w.tx(), id)?;
                        made.skipped.push((
                            id,
                            format!(
                                "item {id} was changed by {} at {} after you selected it",
                                now.updated_by, now.updated_at
                            ),
                        ));
                        continue;
                    }
                    // What it would invoice, read before anything is written: an item that
                    // cannot be priced or has nothing to invoice is skipped, not collected.
                    // A time-and-materials item is read whole to be priced.
                    let whole = if item.billing_rule == BillingRule::TimeAndMaterials {
                        Some(load_item(w.tx(), id)?)
                    } else {
                        None
                    };
                    let amount = match &whole {
                        Some(whole) => match preview_amount(w.tx(), whole) {
                            Ok(a) => a,
                            Err(e) if e.is_refusal() => {
                                made.skipped.push((id, format!("item {id}: {e}")));
                                continue;
                            }
                            Err(e) => return Err(e),
                        },
                        None => item.planned_amount,
                    };
                    if amount <= Decimal::ZERO {
                        made.skipped.push((id, nothing_to_invoice(item, amount)));
                        continue;
                    }
                    let amount = match &whole {
                        Some(whole) => collect(w, whole)?,
                        None => amount,
                    };
                    lines.push((item, amount));
                }
                if lines.is_empty() {
                    continue;
                }
                let cur = group.currency.code();
                let (invoice_id, due) =
                    insert_head(w, DocumentKind::Invoice, group.account_id, cur, today, None)?;
                // The lines many to a statement; the items move once every draft is written.
                insert_lines(w, invoice_id, group.currency, &lines)?;
                drafted.extend(lines.iter().map(|(item, amount)| (item.id, *amount)));
                let amounts: Vec<LineAmount> = lines
                    .iter()
                    .map(|(item, amount)| LineAmount {
                        net: *amount,
                        vat_rate: item.vat_rate,
                    })
                    .collect();
                // The totals from the lines just written, not read back.
                let totals = invoice_totals::totals(&amounts, group.currency);
                write_totals(w.tx(), invoice_id, group.currency, &totals)?;
                Created {
                    id: invoice_id,
                    kind: DocumentKind::Invoice,
                    account_id: group.account_id,
                    currency: group.currency,
                    invoice_date: today,
                    due_date: due,
                    lines: lines.len(),
                    net: totals.net,
                    vat: totals.vat,
                    gross: totals.gross,
                    credited_invoice_id: None,
                }
                .record(w)?;
                made.invoices.push(invoice_id);
            }
            move_drafted(w, &selected, &mut drafted)?;
            Ok(made)
        })
    }

    /// Deletes a draft invoice or credit note seen at `version`; its items return to billable.
    pub fn delete_draft(&mut self, id: i64, version: i64) -> Result<()> {
        self.write(Action::Invoice, |w| {
            let inv = load_draft(w, id)?;
            let v = w.bump_version("invoices", "invoice", id, Some(version))?;
            if inv.kind == DocumentKind::Invoice {
                for line in &inv.lines {
                    let Some(item_id) = line.revenue_item_id else { continue };
                    let item = load_item(w.tx(), item_id)?;
                    let iv = w.bump_version("revenue_items", "revenue item", item_id, None)?;
                    w.tx().execute(
                        "UPDATE revenue_items SET status = 'billable', actual_amount_minor = NULL WHERE id = ?1",
                        [item_id],
                    )?;
                    w.history("revenue_item", item_id, iv, "status", Some(item.status.as_str()),
                        Some(RevenueStatus::Billable.as_str()), None)?;
                    let old = item.actual_amount.map(|a| a.to_string());
                    w.history("revenue_item", item_id, iv, "actual_amount", old.as_deref(), None, None)?;
                    release_collected(w, &item, &format!("draft invoice {id} deleted"))?;
                }
            }
            w.tx().execute("DELETE FROM invoice_lines WHERE invoice_id = ?1", [id])?;
            w.tx().execute("DELETE FROM invoices WHERE id = ?1", [id])?;
            let old = format!("{} {} {} {}", inv.kind.as_str(), inv.account_name, inv.gross, inv.currency);
            w.history("invoice", id, v, "deleted", Some(&old), None, None)
        })
    }

    /// Changes a draft's invoice and due dates.
    pub fn set_draft_dates(
        &mut self,
        id: i64,
        version: i64,
        invoice_date: NaiveDate,
        due_date: NaiveDate,
    ) -> Result<()> {
        if due_date < invoice_date {
            return Err(StoreError::refused(
                "the due date cannot be before the invoice date",
            ));
        }
        self.write(Action::Invoice, |w| {
            let inv = load_draft(w, id)?;
            if (inv.invoice_date, inv.due_date) == (invoice_date, due_date) {
                // Nothing changes: no new version without a history row for it.
                if inv.version != version {
                    return Err(StoreError::Stale {
                        object: "invoice",
                        id,
                        by: inv.updated_by,
                        at: inv.updated_at,
                    });
                }
                return Ok(());
            }
            let v = w.bump_version("invoices", "invoice", id, Some(version))?;
            w.tx().execute(
                "UPDATE invoices SET invoice_date = ?1, due_date = ?2 WHERE id = ?3",
                params![invoice_date, due_date, id],
            )?;
            if inv.invoice_date != invoice_date {
                w.history(
                    "invoice",
                    id,
                    v,
                    "invoice_date",
                    Some(&inv.invoice_date.to_string()),
                    Some(&invoice_date.to_string()),
                    None,
                )?;
            }
            if inv.due_date != due_date {
                w.history(
                    "invoice",
                    id,
                    v,
                    "due_date",
                    Some(&inv.due_date.to_string()),
                    Some(&due_date.to_string()),
                    None,
                )?;
            }
            Ok(())
        })
    }

    /// Changes the amount of one line of a draft, with the reason the change history keeps.
    /// On a credit note the amount stays within what is left to credit.
    pub fn set_draft_line_amount(
        &mut self,
        invoice_id: i64,
        version: i64,
        line_id: i64,
        amount: Decimal,
        reason: &str,
    ) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(StoreError::refused("give a reason for changing an amount"));
        }
        self.write(Action::Invoice, |w| {
            let inv = load_draft(w, invoice_id)?;
            let line = inv.lines.iter().find(|l| l.id == line_id).ok_or(StoreError::NotFound { object: "invoice line", id: line_id })?;
            let amount = inv.currency.round(amount);
            if let Some(credited) = line.credited_line_id {
                let (net, others) = credit_state(w, credited, Some(line.id))?;
                let credit = LineCredit {
                    net: inv.currency.from_minor(net),
                    credited: inv.currency.from_minor(others),
                    currency: inv.currency,
                };
                credit::check_credit(credit, amount, w.numbers())?;
            } else if amount <= Decimal::ZERO {
                return Err(StoreError::refused(
                    "an invoice line amount must be above zero: to leave the item out, delete the draft and make it again without it",
                ));
            }
            crate::domain::money::check_amount_range(amount)?;
            let v = w.bump_version("invoices", "invoice", invoice_id, Some(version))?;
            w.tx().execute(
                "UPDATE invoice_lines SET quantity_micros = 1000000, unit_price_micros = ?1, net_minor = ?2 WHERE id = ?3",
                params![codec::micros(amount)?, codec::minor(inv.currency, amount)?, line_id],
            )?;
            let field = format!("line {} amount", line.position);
            w.history("invoice", invoice_id, v, &field, Some(&line.net.to_string()), Some(&amount.to_string()), Some(reason))?;
            let totals = store_totals(w.tx(), invoice_id)?;
            w.history("invoice", invoice_id, v, "gross", Some(&inv.gross.to_string()), Some(&totals.gross.to_string()), Some(reason))?;
            if let (Some(item_id), None) = (line.revenue_item_id, line.credited_line_id) {
                let iv = w.bump_version("revenue_items", "revenue item", item_id, None)?;
                w.tx().execute(
                    "UPDATE revenue_items SET actual_amount_minor = ?1 WHERE id = ?2",
                    params![codec::minor(inv.currency, amount)?, item_id],
                )?;
                w.history("revenue_item", item_id, iv, "actual_amount", Some(&line.net.to_string()), Some(&amount.to_string()), Some(reason))?;
            }
            Ok(())
        })
    }
}

impl Store {
    /// Changes the description of one line of a draft (what the customer reads).
    pub fn set_draft_line_description(
        &mut self,
        invoice_id: i64,
        version: i64,
        line_id: i64,
        description: &str,
    ) -> Result<()> {
        let description = description.trim();
        if description.is_empty() {
            return Err(StoreError::refused("a line needs a description"));
        }
        self.write(Action::Invoice, |w| {
            let inv = load_draft(w, invoice_id)?;
            let line = inv
                .lines
                .iter()
                .find(|l| l.id == line_id)
                .ok_or(StoreError::NotFound {
                    object: "invoice line",
                    id: line_id,
                })?;
            if line.description == description {
                return Ok(());
            }
            let v = w.bump_version("invoices", "invoice", invoice_id, Some(version))?;
            w.tx().execute(
                "UPDATE invoice_lines SET description = ?1 WHERE id = ?2",
                params![description, line_id],
            )?;
            let field = format!("line {} description", line.position);
            w.history(
                "invoice",
                invoice_id,
                v,
                &field,
                Some(&line.description),
                Some(description),
                None,
            )
        })
    }
}

/// The net of an invoice line and what credit notes (draft or confirmed, other than the line
/// `except`) already credit on it, in minor units.
pub(super) fn credit_state(
    w: &Writer<'_>,
    line_id: i64,
    except: Option<i64>,
) -> Result<(i64, i64)> {
    Ok(w.tx()
        .prepare_cached(
            "SELECT l.net_minor, (SELECT coalesce(sum(c.net_minor), 0) FROM invoice_lines c
                              WHERE c.credited_line_id = l.id AND c.id IS NOT ?2)
         FROM invoice_lines l WHERE l.id = ?1",
        )?
        .query_row(params![line_id, except], |r| Ok((r.get(0)?, r.get(1)?)))?)
}
