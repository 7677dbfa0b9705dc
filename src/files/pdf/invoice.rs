//! An invoice or credit note as PDF: seller, buyer, number, dates, lines, VAT per rate, totals
//! and payment terms. Every page repeats the header (seller and document), pages inside the
//! lines repeat the table header too.

use super::font::Weight;
use super::layout::{Flow, LEFT, Page, RIGHT, Style, clean, render, wrap};
use crate::app::format::{amount, price};
use crate::domain::numbering::DocumentKind;
use crate::store::Store;
use crate::store::documents::{Invoice, InvoiceLine, InvoiceStatus};
use crate::store::settings::Settings;
use anyhow::{Context, Result};
use std::path::Path;

const NAME: Style = Style::new(13.0, Weight::Bold);
const TITLE: Style = Style::new(16.0, Weight::Bold);
const BODY: Style = Style::new(9.0, Weight::Regular);
const BOLD: Style = Style::new(9.0, Weight::Bold);
const LABEL: Style = BODY.dim();
const SMALL: Style = Style::new(7.5, Weight::Regular).dim();
const TOTAL: Style = Style::new(11.0, Weight::Bold);

/// Right edges (and the description's left edge and width) of the line table's columns.
const POS_R: f32 = LEFT + 20.0;
const DESC_X: f32 = LEFT + 28.0;
const DESC_W: f32 = 222.0;
const QTY_R: f32 = LEFT + 298.0;
const PRICE_R: f32 = LEFT + 372.0;
const VAT_R: f32 = LEFT + 414.0;

/// `Flow::state` while the line table runs: a page break repeats its header.
const IN_TABLE: u8 = 1;

/// The buyer as the invoice prints it.
struct Buyer {
    name: String,
    contact: String,
    address: String,
    vat_id: String,
}

fn buyer(store: &Store, account_id: i64) -> Result<Buyer> {
    let b = store
        .handoff_buyer(account_id)
        .with_context(|| format!("account {account_id} of the invoice"))?;
    Ok(Buyer {
        name: b.name,
        contact: b.billing_contact,
        address: b.address,
        vat_id: b.vat_id,
    })
}

/// Writes invoice or credit note `invoice_id` (drafts too, marked DRAFT) as a PDF; returns the
/// number of pages.
pub fn invoice_pdf(store: &Store, invoice_id: i64, path: &Path) -> Result<usize> {
    let inv = store.invoice(invoice_id)?;
    let seller = store.settings()?;
    let buyer = buyer(store, inv.account_id)?;
    let pages = layout(&inv, &seller, &buyer);
    let footer = [
        seller.seller_name.clone(),
        labelled("VAT id", &seller.seller_vat_id),
        labelled("IBAN", &seller.seller_iban),
        labelled("BIC", &seller.seller_bic),
        seller.seller_email.clone(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let title = format!("{} {}", kind_title(&inv), number(&inv));
    render(&pages, &title, &footer, path)
}

fn labelled(label: &str, value: &str) -> String {
    if value.trim().is_empty() {
        String::new()
    } else {
        format!("{label} {value}")
    }
}

fn kind_title(inv: &Invoice) -> &'static str {
    match inv.kind {
        DocumentKind::Invoice => "Invoice",
        DocumentKind::CreditNote => "Credit note",
    }
}

/// Drafts have no number yet.
fn number(inv: &Invoice) -> String {
    inv.number.clone().unwrap_or_else(|| "DRAFT".into())
}

/// Label-value rows right-aligned against the right margin, from `y`; returns the next `y`.
fn pairs(page: &mut Page, mut y: f32, rows: &[(&str, String)]) -> f32 {
    for (label, value) in rows {
        page.text(RIGHT - 200.0, y, LABEL, label);
        page.text_right(RIGHT, y, BOLD, value);
        y += BODY.leading();
    }
    y
}

fn head(page: &mut Page, inv: &Invoice, seller: &Settings) -> f32 {
    page.text(LEFT, 64.0, NAME, &seller.seller_name);
    page.text_right(RIGHT, 64.0, TITLE, &kind_title(inv).to_uppercase());
    let city = format!("{} {}", seller.seller_postcode, seller.seller_city);
    let mut left_y = 82.0;
    for line in [
        seller.seller_street.clone(),
        city.trim().to_string(),
        seller.seller_country.clone(),
        labelled("VAT id", &seller.seller_vat_id),
        labelled("Business ID", &seller.seller_company_id),
    ] {
        if !line.is_empty() {
            page.text(LEFT, left_y, BODY, &line);
            left_y += BODY.leading();
        }
    }
    let mut rows = vec![
        ("Number", number(inv)),
        ("Invoice date", inv.invoice_date.to_string()),
        ("Due date", inv.due_date.to_string()),
    ];
    if let Some(credited) = &inv.credited_invoice_number {
        rows.push(("Credits invoice", credited.clone()));
    }
    let right_y = pairs(page, 82.0, &rows);
    let y = left_y.max(right_y) + 4.0;
    page.rule(LEFT, RIGHT, y, 0.8);
    y + 20.0
}

fn table_head(page: &mut Page, y: f32, inv: &Invoice) -> f32 {
    page.text_right(POS_R, y, BOLD, "Pos");
    page.text(DESC_X, y, BOLD, "Description");
    page.text_right(QTY_R, y, BOLD, "Qty");
    page.text_right(PRICE_R, y, BOLD, "Unit price");
    page.text_right(VAT_R, y, BOLD, "VAT");
    page.text_right(RIGHT, y, BOLD, &format!("Net {}", inv.currency));
    page.rule(LEFT, RIGHT, y + 5.0, 0.6);
    y + 5.0 + BODY.leading() + 2.0
}

/// The one project of all lines, if they share one: then it is said once, not per line.
fn single_project(inv: &Invoice) -> Option<&str> {
    let first = inv.lines.first()?;
    inv.lines
        .iter()
        .all(|l| l.project_id == first.project_id)
        .then_some(first.project_code.as_str())
}

fn layout(inv: &Invoice, seller: &Settings, buyer: &Buyer) -> Vec<Page> {
    let mut flow = Flow::new(|page, _index, state| {
        let y = head(page, inv, seller);
        if state == IN_TABLE {
            table_head(page, y, inv)
        } else {
            y
        }
    });
    buyer_block(&mut flow, inv, buyer);
    let y = flow.y;
    flow.y = table_head(flow.page(), y, inv);
    flow.state = IN_TABLE;
    let per_line = single_project(inv).is_none();
    for line in &inv.lines {
        line_row(&mut flow, inv, line, per_line);
    }
    flow.state = 0;
    totals(&mut flow, inv);
    payment(&mut flow, inv, seller);
    flow.finish()
}

fn buyer_block(flow: &mut Flow<'_>, inv: &Invoice, buyer: &Buyer) {
    let top = flow.y;
    let page = flow.page();
    page.text(LEFT, top, LABEL, "Bill to");
    let mut y = top + BODY.leading();
    page.text(LEFT, y, BOLD, &buyer.name);
    let width = RIGHT - 220.0 - LEFT;
    let mut lines = vec![buyer.contact.clone()];
    lines.extend(wrap(&buyer.address, BODY, width));
    lines.push(labelled("VAT id", &buyer.vat_id));
    for line in lines.iter().filter(|l| !l.trim().is_empty()) {
        y += BODY.leading();
        page.text(LEFT, y, BODY, line);
    }
    let days = (inv.due_date - inv.invoice_date).num_days();
    let terms = match days {
        0 => "due on receipt".to_string(),
        d => format!("{d} days net"),
    };
    let mut rows = vec![
        ("Payment terms", terms),
        ("Currency", inv.currency.code().to_string()),
    ];
    if let Some(code) = single_project(inv) {
        rows.push(("Project", code.to_string()));
    }
    let right = pairs(page, top + BODY.leading(), &rows);
    flow.y = y.max(right) + 24.0;
}

fn line_row(flow: &mut Flow<'_>, inv: &Invoice, line: &InvoiceLine, project: bool) {
    let desc = wrap(&line.description, BODY, DESC_W);
    let below = if project { SMALL.leading() } else { 0.0 };
    let height = desc.len() as f32 * BODY.leading() + below + 3.0;
    flow.room(height);
    let y = flow.y;
    let page = flow.page();
    page.text_right(POS_R, y, BODY, &line.position.to_string());
    for (i, text) in desc.iter().enumerate() {
        page.text(DESC_X, y + i as f32 * BODY.leading(), BODY, text);
    }
    if project {
        let below = y + desc.len() as f32 * BODY.leading() - 2.0;
        let code = format!("project {}", line.project_code);
        page.text(DESC_X, below, SMALL, &code);
    }
    page.text_right(QTY_R, y, BODY, &line.quantity.normalize().to_string());
    page.text_right(
        PRICE_R,
        y,
        BODY,
        &price(inv.currency.round(line.unit_price)),
    );
    page.text_right(VAT_R, y, BODY, &format!("{}%", line.vat_rate.normalize()));
    page.text_right(RIGHT, y, BODY, &amount(line.net));
    flow.y += height;
}

fn totals(flow: &mut Flow<'_>, inv: &Invoice) {
    let per_rate = inv.computed_totals().per_rate;
    let height = (per_rate.len() + 3) as f32 * BODY.leading() + TOTAL.leading() + 12.0;
    flow.room(height);
    let x = RIGHT - 230.0;
    let mut y = flow.y;
    let page = flow.page();
    page.rule(LEFT, RIGHT, y - BODY.size, 0.6);
    y += 4.0;
    let row = |page: &mut Page, y: &mut f32, label: String, value: String, style: Style| {
        page.text(x, *y, style, &label);
        page.text_right(RIGHT, *y, style, &value);
        *y += style.leading();
    };
    row(page, &mut y, "Net total".into(), amount(inv.net), BODY);
    for r in &per_rate {
        let label = format!("VAT {}% of {}", r.rate.normalize(), amount(r.base));
        row(page, &mut y, label, amount(r.vat), BODY);
    }
    row(page, &mut y, "VAT total".into(), amount(inv.vat), BODY);
    y += 2.0;
    page.rule(x, RIGHT, y - BODY.size, 0.6);
    y += 4.0;
    let total = format!("Total {}", inv.currency);
    row(page, &mut y, total, amount(inv.gross), TOTAL);
    flow.y = y + 16.0;
}

fn payment(flow: &mut Flow<'_>, inv: &Invoice, seller: &Settings) {
    let gross = format!("{} {}", inv.currency, amount(inv.gross));
    let mut text = match (inv.status, inv.kind, &inv.number) {
        (InvoiceStatus::Draft, _, _) | (_, _, None) => {
            "Draft: not a valid invoice until it is confirmed and numbered.".to_string()
        }
        (_, DocumentKind::CreditNote, Some(n)) => format!(
            "Credit note {n} credits invoice {}: {gross} is credited to your account.",
            inv.credited_invoice_number.as_deref().unwrap_or("?")
        ),
        (_, DocumentKind::Invoice, Some(n)) => {
            // Without settings there is no account to name; the sentence still holds.
            let bank = [
                labelled("IBAN", &seller.seller_iban),
                labelled("BIC", &seller.seller_bic),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
            let to = if bank.is_empty() {
                String::new()
            } else {
                format!(" to {bank}")
            };
            format!("Please pay {gross} by {}{to}, quoting {n}.", inv.due_date)
        }
    };
    if !seller.seller_email.is_empty() {
        text.push_str(&format!(" Questions: {}.", clean(&seller.seller_email)));
    }
    let lines = wrap(&text, BODY, RIGHT - LEFT);
    flow.room(lines.len() as f32 * BODY.leading());
    for line in &lines {
        let y = flow.y;
        flow.page().text(LEFT, y, BODY, line);
        flow.y += BODY.leading();
    }
}
