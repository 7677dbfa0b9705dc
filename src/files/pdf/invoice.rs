//! An invoice or credit note as PDF: seller, buyer, number, dates, lines, VAT per rate, totals
//! and payment terms. Every page repeats the header (seller and document), pages inside the
//! lines repeat the table header too. A line whose description is taller than a page runs on
//! over the next pages, below the repeated table header.

use super::font::Weight;
use super::layout::{Flow, LEFT, Page, RIGHT, Style, clean, render, wrap};
use crate::domain::NumberFormat;
use crate::domain::invoice_status::InvoiceStatus;
use crate::domain::numbering::DocumentKind;
use crate::presentation::{amount, figure, price};
use crate::store::Store;
use crate::store::accounts::Account;
use crate::store::documents::{Invoice, InvoiceLine};
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

/// Rows of a description taller than a page that must fit where it starts.
const ROW_START: f32 = 3.0;

/// The buyer as the invoice prints it.
struct Buyer {
    name: String,
    contact: String,
    address: String,
    vat_id: String,
}

impl From<Account> for Buyer {
    fn from(a: Account) -> Buyer {
        Buyer {
            name: a.name,
            contact: a.billing_contact,
            address: a.address,
            vat_id: a.vat_id,
        }
    }
}

fn buyer(store: &Store, account_id: i64) -> Result<Buyer> {
    let account = store
        .account(account_id)
        .with_context(|| format!("account {account_id} of the invoice"))?;
    Ok(account.into())
}

/// Writes invoice or credit note `invoice_id` (drafts too, marked DRAFT) as a PDF, its figures
/// in number format `n` (the user's who asks for it); returns the number of pages.
pub fn invoice_pdf(store: &Store, invoice_id: i64, path: &Path, n: NumberFormat) -> Result<usize> {
    let inv = store.invoice(invoice_id)?;
    let seller = store.settings()?;
    let buyer = buyer(store, inv.account_id)?;
    let pages = layout(&inv, &seller, &buyer, n);
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

fn layout(inv: &Invoice, seller: &Settings, buyer: &Buyer, n: NumberFormat) -> Vec<Page> {
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
        line_row(&mut flow, inv, line, per_line, n);
    }
    flow.state = 0;
    totals(&mut flow, inv, n);
    payment(&mut flow, inv, seller, n);
    flow.finish()
}

fn buyer_block(flow: &mut Flow<'_>, inv: &Invoice, buyer: &Buyer) {
    let top = flow.y;
    let width = RIGHT - 220.0 - LEFT;
    let page = flow.page();
    page.text(LEFT, top, LABEL, "Bill to");
    let name = wrap(&buyer.name, BOLD, width);
    let mut lines = wrap(&buyer.contact, BODY, width);
    lines.extend(wrap(&buyer.address, BODY, width));
    lines.extend(wrap(&labelled("VAT id", &buyer.vat_id), BODY, width));
    lines.retain(|l| !l.trim().is_empty());
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
    // The left column runs on over pages if the account's details are that long.
    let first_page = flow.pages();
    flow.y = top + BODY.leading();
    flow.lines(LEFT, BOLD, &name);
    flow.lines(LEFT, BODY, &lines);
    let bottom = flow.y - BODY.leading();
    flow.y = if flow.pages() == first_page {
        bottom.max(right)
    } else {
        bottom
    } + 24.0;
}

/// One line of the table: its figures on the first row, the description below them. A row
/// stays on one page when a page can hold it; a taller one (a description of pages) starts
/// where its first rows fit and runs on, the table header repeated above each part.
fn line_row(
    flow: &mut Flow<'_>,
    inv: &Invoice,
    line: &InvoiceLine,
    project: bool,
    n: NumberFormat,
) {
    let desc = wrap(&line.description, BODY, DESC_W);
    let below = if project { SMALL.leading() } else { 0.0 };
    let height = desc.len() as f32 * BODY.leading() + below + 3.0;
    flow.keep(height, ROW_START * BODY.leading());
    let y = flow.y;
    let page = flow.page();
    page.text_right(POS_R, y, BODY, &line.position.to_string());
    page.text_right(QTY_R, y, BODY, &figure(n, line.quantity));
    page.text_right(
        PRICE_R,
        y,
        BODY,
        &price(n, inv.currency.round(line.unit_price)),
    );
    page.text_right(VAT_R, y, BODY, &format!("{}%", figure(n, line.vat_rate)));
    page.text_right(RIGHT, y, BODY, &amount(n, line.net));
    flow.lines(DESC_X, BODY, &desc);
    if project {
        flow.room(below);
        let y = flow.y - 2.0;
        let code = format!("project {}", line.project_code);
        flow.page().text(DESC_X, y, SMALL, &code);
    }
    flow.y += below + 3.0;
}

fn totals(flow: &mut Flow<'_>, inv: &Invoice, n: NumberFormat) {
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
    row(page, &mut y, "Net total".into(), amount(n, inv.net), BODY);
    for r in &per_rate {
        let label = format!("VAT {}% of {}", figure(n, r.rate), amount(n, r.base));
        row(page, &mut y, label, amount(n, r.vat), BODY);
    }
    row(page, &mut y, "VAT total".into(), amount(n, inv.vat), BODY);
    y += 2.0;
    page.rule(x, RIGHT, y - BODY.size, 0.6);
    y += 4.0;
    let total = format!("Total {}", inv.currency);
    row(page, &mut y, total, amount(n, inv.gross), TOTAL);
    flow.y = y + 16.0;
}

fn payment(flow: &mut Flow<'_>, inv: &Invoice, seller: &Settings, n: NumberFormat) {
    let gross = format!("{} {}", inv.currency, amount(n, inv.gross));
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
    flow.keep(lines.len() as f32 * BODY.leading(), 2.0 * BODY.leading());
    flow.lines(LEFT, BODY, &lines);
}

#[cfg(test)]
mod tests {
    use super::super::layout::BOTTOM;
    use super::*;
    use crate::domain::Currency;
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    fn line(position: i64, project: &str, description: String) -> InvoiceLine {
        InvoiceLine {
            id: position,
            position,
            revenue_item_id: Some(position),
            project_id: if project == "P-1" { 1 } else { 2 },
            project_code: project.into(),
            description,
            quantity: Decimal::ONE,
            unit_price: Decimal::new(10_000, 2),
            vat_rate: Decimal::new(24, 0),
            net: Decimal::new(10_000, 2),
            credited_line_id: None,
        }
    }

    fn invoice(lines: Vec<InvoiceLine>) -> Invoice {
        let day = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let net: Decimal = lines.iter().map(|l| l.net).sum();
        Invoice {
            id: 1,
            kind: DocumentKind::Invoice,
            status: InvoiceStatus::Draft,
            number: None,
            account_id: 1,
            account_name: "Buyer".into(),
            currency: Currency::EUR,
            invoice_date: day,
            due_date: day,
            net,
            vat: net * Decimal::new(24, 2),
            gross: net * Decimal::new(124, 2),
            credited_invoice_id: None,
            credited_invoice_number: None,
            confirmed_at: None,
            confirmed_by: None,
            version: 1,
            updated_by: "t".into(),
            updated_at: "t".into(),
            lines,
        }
    }

    /// Each page's texts below its head, in drawing order.
    fn words(pages: &[Page]) -> Vec<Vec<String>> {
        pages
            .iter()
            .map(|p| {
                p.texts()
                    .iter()
                    .flat_map(|(_, t)| t.split_whitespace())
                    .filter(|w| w.starts_with('w') && w.len() == 5)
                    .map(str::to_string)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_description_taller_than_a_page_runs_on_above_the_footer() {
        let long: Vec<String> = (0..700).map(|i| format!("w{i:04}")).collect();
        let buyer = Buyer {
            name: "Buyer".into(),
            contact: String::new(),
            address: "Street 1".into(),
            vat_id: String::new(),
        };
        // Two projects, so the project code is printed under each line too.
        for project in ["P-1", "P-2"] {
            let inv = invoice(vec![
                line(1, "P-1", "short".into()),
                line(2, project, long.join(" ")),
                line(3, "P-1", "after".into()),
            ]);
            let pages = layout(&inv, &Settings::default(), &buyer, NumberFormat::CommaPoint);
            assert!(pages.len() >= 3, "{} pages", pages.len());
            for (i, page) in pages.iter().enumerate() {
                for (y, text) in page.texts() {
                    assert!(y <= BOTTOM, "page {i}: {text:?} at {y}, below {BOTTOM}");
                }
            }
            // Every word once, in order; the line starts on the first page, under the first.
            let by_page = words(&pages);
            assert_eq!(by_page.concat(), long);
            assert!(by_page[0].len() > 10, "starts where it is");
            assert!(by_page.iter().filter(|w| !w.is_empty()).count() >= 3);
            // The table header repeats above each continuation.
            for page in &pages[1..pages.len() - 1] {
                assert!(page.texts().iter().any(|(_, t)| *t == "Unit price"));
            }
        }
    }
}
