//! A revenue item's summary as PDF: what the summary view shows (revenue and billing
//! information, project and account, descriptions, collected time and expenses, change
//! history), from the same `ItemSummary` the store reads for the console. Long texts (a
//! description, a change to one) run on over as many pages as they need.

use super::font::Weight;
use super::layout::{Flow, LEFT, Page, RIGHT, Style, render, wrap};
use crate::domain::NumberFormat;
use crate::domain::collected_line::CollectedLine;
use crate::presentation::change_sentence::sentence;
use crate::presentation::{amount, figure, price, short};
use crate::store::Store;
use crate::store::item_summary::ItemSummary;
use anyhow::Result;
use chrono::NaiveDate;
use std::path::Path;

const TITLE: Style = Style::new(14.0, Weight::Bold);
const HEADING: Style = Style::new(11.0, Weight::Bold);
const BODY: Style = Style::new(9.0, Weight::Regular);
const LABEL: Style = BODY.dim();
const SMALL: Style = Style::new(8.0, Weight::Regular);
const VALUE_X: f32 = LEFT + 130.0;

/// Writes the summary of revenue item `item_id` (warnings as of `today`), its figures in number
/// format `n`; returns the number of pages.
pub fn item_summary_pdf(
    store: &Store,
    item_id: i64,
    today: NaiveDate,
    path: &Path,
    n: NumberFormat,
) -> Result<usize> {
    let s = store.item_summary(item_id)?;
    let title = format!("Revenue item {}: {}", s.item.id, s.item.name);
    let pages = layout(&s, today, &title, n);
    let seller = store.settings()?.seller_name;
    let footer = format!("{seller} · revenue item {} · as of {today}", s.item.id);
    render(&pages, &title, footer.trim_start_matches(" · "), path)
}

/// Prints each paragraph wrapped at `x`, page breaks between lines.
fn para(flow: &mut Flow<'_>, x: f32, style: Style, text: &str) {
    flow.lines(x, style, &wrap(text, style, RIGHT - x));
}

fn description(flow: &mut Flow<'_>, text: &str) {
    if text.trim().is_empty() {
        para(flow, LEFT, LABEL, "none");
    } else {
        para(flow, LEFT, BODY, text);
    }
}

fn heading(flow: &mut Flow<'_>, text: &str) {
    flow.y += 8.0;
    // A heading never ends a page alone.
    flow.room(HEADING.leading() + 2.0 * BODY.leading());
    let y = flow.y;
    flow.page().text(LEFT, y, HEADING, text);
    flow.y += HEADING.leading();
}

/// A label and its value beside it; a value longer than a page runs on.
fn pair(flow: &mut Flow<'_>, label: &str, value: &str) {
    let lines = wrap(value, BODY, RIGHT - VALUE_X);
    flow.keep(lines.len() as f32 * BODY.leading(), BODY.leading());
    let y = flow.y;
    flow.page().text(LEFT, y, LABEL, label);
    flow.lines(VALUE_X, BODY, &lines);
}

fn layout(s: &ItemSummary, today: NaiveDate, title: &str, n: NumberFormat) -> Vec<Page> {
    let (item, c) = (&s.item, &s.context);
    let mut flow = Flow::new(|page, index, _| {
        let style = if index == 0 { TITLE } else { BODY.dim() };
        let first = wrap(title, style, RIGHT - LEFT).swap_remove(0);
        page.text(LEFT, 64.0, style, &first);
        page.rule(LEFT, RIGHT, 72.0, 0.8);
        90.0
    });
    heading(&mut flow, "Revenue");
    pair(&mut flow, "Item", &format!("{} ({})", item.name, item.id));
    let project = format!(
        "{} {} ({})",
        c.project_code, c.project_name, c.project_status
    );
    pair(&mut flow, "Project", &project);
    let rule = format!("{} / {}", item.item_type, item.billing_rule.label());
    pair(&mut flow, "Type / rule", &rule);
    pair(&mut flow, "Status", item.status.label());
    pair(&mut flow, "Origin", item.origin.label());
    let planned = format!("{} {}", item.currency, amount(n, item.planned_amount));
    pair(&mut flow, item.amount_label(), &planned);
    if let Some(e) = item.estimate {
        let estimate = format!("{} {}", item.currency, amount(n, e));
        pair(&mut flow, "Estimate (not billed)", &estimate);
    }
    if let Some(a) = item.actual_amount {
        pair(
            &mut flow,
            "Invoiced amount",
            &format!("{} {}", item.currency, amount(n, a)),
        );
    }
    if let Some(p) = item.unit_price {
        pair(&mut flow, "Unit price", &price(n, p));
    }
    let date = item.planned_invoice_date.to_string();
    pair(&mut flow, "Planned invoice date", &date);
    pair(
        &mut flow,
        "VAT rate",
        &format!("{}%", figure(n, item.vat_rate)),
    );
    if let Some((code, name, due, reached)) = &c.milestone {
        let state = if *reached { "reached" } else { "not reached" };
        pair(
            &mut flow,
            "Milestone",
            &format!("{code} {name}, due {due}, {state}"),
        );
    }
    let reached = c.milestone.as_ref().map(|m| m.3);
    if let Some(w) = item.warning(reached, today) {
        pair(&mut flow, "Warning", w.label());
    }

    heading(&mut flow, "Billing");
    pair(&mut flow, "Account", &c.account_name);
    pair(&mut flow, "Billing contact", &c.billing_contact);
    pair(&mut flow, "Address", &c.address);
    let vat_id = if c.vat_id.is_empty() {
        "none"
    } else {
        &c.vat_id
    };
    pair(&mut flow, "VAT id", vat_id);
    let terms = format!("{} days", c.payment_terms_days);
    pair(&mut flow, "Payment terms", &terms);
    pair(&mut flow, "Business unit", &c.business_unit);
    if let Some((number, id)) = &c.invoice {
        let shown = number.clone().unwrap_or_else(|| format!("draft {id}"));
        pair(&mut flow, "Invoice", &shown);
    }

    heading(&mut flow, "Invoice description");
    description(&mut flow, &item.invoice_description);
    heading(&mut flow, "Internal description (never on the invoice)");
    description(&mut flow, &item.internal_description);

    if let Some(e) = &s.collect_error {
        heading(&mut flow, "Time and expenses");
        para(&mut flow, LEFT, BODY, e);
    }
    if !s.collected.is_empty() {
        let what = if item.status.is_on_invoice() {
            "collected"
        } else {
            "would collect now"
        };
        heading(&mut flow, &format!("Time and expenses it {what}"));
        collected(&mut flow, &s.collected, n);
    }

    heading(&mut flow, "Change history");
    for ch in &s.history {
        // One sentence per change across the page (running on over pages if it is that long:
        // a change of a long description).
        let lines = wrap(&sentence(n, &ch.as_row()), SMALL, RIGHT - LEFT);
        flow.keep(lines.len() as f32 * SMALL.leading(), SMALL.leading());
        flow.lines(LEFT, SMALL, &lines);
        flow.y += 2.0;
    }
    flow.finish()
}

fn collected(flow: &mut Flow<'_>, lines: &[CollectedLine], n: NumberFormat) {
    let (date_x, who_x, role_x) = (LEFT, LEFT + 60.0, LEFT + 190.0);
    let (hours_r, rate_r) = (LEFT + 330.0, LEFT + 400.0);
    for line in lines {
        flow.room(SMALL.leading());
        let y = flow.y;
        let page = flow.page();
        match line {
            CollectedLine::Time {
                date,
                person,
                role,
                hours,
                rate,
                amount: a,
                ..
            } => {
                page.text(date_x, y, SMALL, &date.to_string());
                page.text(who_x, y, SMALL, &short(person, 24));
                page.text(role_x, y, SMALL, &short(role, 20));
                page.text_right(hours_r, y, SMALL, &format!("{} h", figure(n, *hours)));
                page.text_right(rate_r, y, SMALL, &format!("x {}", price(n, *rate)));
                page.text_right(RIGHT, y, SMALL, &amount(n, *a));
            }
            CollectedLine::Expense {
                date,
                description,
                amount: a,
                ..
            } => {
                page.text(date_x, y, SMALL, &date.to_string());
                page.text(who_x, y, SMALL, &short(description, 50));
                page.text_right(rate_r, y, SMALL, "expense");
                page.text_right(RIGHT, y, SMALL, &amount(n, *a));
            }
        }
        flow.y += SMALL.leading();
    }
    let total: rust_decimal::Decimal = lines.iter().map(CollectedLine::amount).sum();
    flow.room(SMALL.leading() + 4.0);
    let y = flow.y + 2.0;
    let page = flow.page();
    page.rule(RIGHT - 120.0, RIGHT, y - SMALL.size - 1.0, 0.5);
    page.text_right(rate_r, y, SMALL, "total");
    page.text_right(RIGHT, y, SMALL, &amount(n, total));
    flow.y = y + SMALL.leading();
}
