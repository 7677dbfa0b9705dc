//! A revenue item's summary: revenue and billing information, descriptions, what a time and
//! materials item collected, and the change history.

use super::super::screens::DrawView;
use super::super::widgets::terminal_text::{clean, fit};
use super::super::widgets::theme::Theme;
use crate::app::revenue_item::ItemSummary;
use crate::domain::NumberFormat;
use crate::domain::collected_line::CollectedLine;
use crate::presentation::change_sentence::sentence;
use crate::presentation::{amount, price};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

fn pair(label: &str, value: String, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("  {label:<22}"), theme.dim()),
        Span::raw(clean(&value).into_owned()),
    ])
}

fn heading(text: &str, theme: &Theme) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), theme.title()))
}

impl DrawView for ItemSummary {
    fn draw(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        today: NaiveDate,
        n: NumberFormat,
        theme: &Theme,
    ) {
        draw(frame, area, self, (today, n), theme);
    }
}

fn draw(
    frame: &mut Frame<'_>,
    area: Rect,
    s: &ItemSummary,
    (today, n): (NaiveDate, NumberFormat),
    theme: &Theme,
) {
    let item = &s.item;
    let c = &s.context;
    let mut lines = vec![heading("Revenue", theme)];
    lines.push(pair("Item", format!("{} ({})", item.name, item.id), theme));
    lines.push(pair(
        "Project",
        format!(
            "{} {} ({})",
            c.project_code, c.project_name, c.project_status
        ),
        theme,
    ));
    lines.push(pair(
        "Type / rule",
        format!("{} / {}", item.item_type, item.billing_rule.label()),
        theme,
    ));
    lines.push(pair("Status", item.status.label().to_string(), theme));
    lines.push(pair("Origin", item.origin.label().to_string(), theme));
    lines.push(pair(
        item.amount_label(),
        format!("{} {}", item.currency, amount(n, item.planned_amount)),
        theme,
    ));
    // Kept apart and said to be one: an estimate is never money to invoice.
    if let Some(e) = item.estimate {
        lines.push(pair(
            "Estimate (not billed)",
            format!("{} {}", item.currency, amount(n, e)),
            theme,
        ));
    }
    if let Some(a) = item.actual_amount {
        lines.push(pair(
            "Invoiced amount",
            format!("{} {}", item.currency, amount(n, a)),
            theme,
        ));
    }
    if let Some(p) = item.unit_price {
        lines.push(pair("Unit price", price(n, p), theme));
    }
    lines.push(pair(
        "Planned invoice date",
        item.planned_invoice_date.to_string(),
        theme,
    ));
    lines.push(pair(
        "VAT rate",
        format!("{}%", n.plain(item.vat_rate)),
        theme,
    ));
    if let Some((code, name, due, reached)) = &c.milestone {
        let state = if *reached { "reached" } else { "not reached" };
        lines.push(pair(
            "Milestone",
            format!("{code} {name}, due {due}, {state}"),
            theme,
        ));
    }
    if let Some(w) = item.warning(c.milestone.as_ref().map(|m| m.3), today) {
        lines.push(Line::from(Span::styled(
            format!("  Warning: {}", w.label()),
            theme.warning(),
        )));
    }
    lines.push(Line::from(""));
    lines.push(heading("Billing", theme));
    lines.push(pair("Account", c.account_name.clone(), theme));
    lines.push(pair("Billing contact", c.billing_contact.clone(), theme));
    lines.push(pair("Address", c.address.clone(), theme));
    lines.push(pair(
        "VAT id",
        if c.vat_id.is_empty() {
            "none".into()
        } else {
            c.vat_id.clone()
        },
        theme,
    ));
    lines.push(pair(
        "Payment terms",
        format!("{} days", c.payment_terms_days),
        theme,
    ));
    lines.push(pair("Business unit", c.business_unit.clone(), theme));
    if let Some((number, id)) = &c.invoice {
        lines.push(pair(
            "Invoice",
            number.clone().unwrap_or_else(|| format!("draft {id}")),
            theme,
        ));
    }
    lines.push(Line::from(""));
    lines.push(heading("Invoice description", theme));
    for l in item.invoice_description.lines() {
        lines.push(Line::from(format!("  {}", clean(l))));
    }
    lines.push(heading(
        "Internal description (never on the invoice)",
        theme,
    ));
    for l in item.internal_description.lines() {
        lines.push(Line::from(format!("  {}", clean(l))));
    }
    if let Some(e) = &s.collect_error {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("Time and expenses: {}", clean(e)),
            theme.error(),
        )));
    }
    if !s.collected.is_empty() {
        lines.push(Line::from(""));
        let what = if item.status.is_on_invoice() {
            "collected"
        } else {
            "would collect now"
        };
        lines.push(heading(&format!("Time and expenses it {what}"), theme));
        for line in &s.collected {
            lines.push(Line::from(match line {
                CollectedLine::Time {
                    date,
                    person,
                    role,
                    hours,
                    rate,
                    amount: a,
                    ..
                } => format!(
                    "  {date} {:<14} {:<12} {:>6} h x {:>8} = {:>12}",
                    fit(person, 14),
                    fit(role, 12),
                    n.plain(*hours),
                    price(n, *rate),
                    amount(n, *a)
                ),
                CollectedLine::Expense {
                    date,
                    description,
                    amount: a,
                    ..
                } => {
                    format!(
                        "  {date} {:<39} expense = {:>12}",
                        fit(description, 39),
                        amount(n, *a)
                    )
                }
            }));
        }
        let total: rust_decimal::Decimal = s.collected.iter().map(CollectedLine::amount).sum();
        lines.push(Line::from(format!(
            "  {:>60} {:>12}",
            "total",
            amount(n, total)
        )));
    }
    lines.push(Line::from(""));
    lines.push(heading("Change history", theme));
    for ch in &s.history {
        lines.push(Line::from(format!(
            "  {}",
            clean(&sentence(n, &ch.as_row()))
        )));
    }
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((s.scroll, 0))
            .block(Block::default().borders(Borders::ALL).title(Span::styled(
                format!(" Revenue item {} ", item.id),
                theme.title(),
            ))),
        area,
    );
}
