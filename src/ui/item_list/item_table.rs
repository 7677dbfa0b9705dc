//! The revenue item lists: planned date, account, project, item, rule, amount, status, draft
//! invoice, warning; the cursor in reverse video, selected rows marked; a scrollbar. The
//! warning column says it all where the terminal is wide enough, in short words where not.

use super::super::widgets::columns::{Col, col, flex, right};
use super::super::widgets::list_table::{self, totals_line};
use super::super::widgets::terminal_text::fit as fit_text;
use super::super::widgets::theme::Theme;
use crate::app::item_list::{ItemList, QuickField};
use crate::domain::NumberFormat;
use crate::domain::billing_rule::BillingRule;
use crate::domain::revenue_status::RevenueStatus;
use crate::presentation::{amount, money};
use crate::store::item_list::ItemRow;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

/// The columns on a wide terminal: the warning column holds every warning in full.
const WIDE: [Col; 11] = [
    col(" ", 1, 0),
    col("Planned", 11, 0),
    flex("Account", 10, 3),
    col("Project", 7, 4),
    flex("Item", 13, 1),
    col("Rule", 9, 6),
    right("Amount", 12, 0),
    col("Cur", 3, 2),
    col("Status", 13, 2),
    right("Draft", 6, 7),
    col("Warning", 18, 2),
];

/// The columns on a narrow terminal: warnings in their short words.
const COLS: [Col; 11] = [
    col(" ", 1, 0),
    col("Planned", 11, 0),
    flex("Account", 10, 3),
    col("Project", 7, 4),
    flex("Item", 13, 1),
    col("Rule", 9, 6),
    right("Amount", 12, 0),
    col("Cur", 3, 2),
    col("Status", 13, 2),
    right("Draft", 6, 7),
    col("Warning", 9, 2),
];

fn rule_label(rule: BillingRule) -> &'static str {
    match rule {
        BillingRule::TimeAndMaterials => "T&M",
        other => other.label(),
    }
}

/// Whether every column fits with the full warnings.
fn wide(width: u16) -> bool {
    let need: u16 = WIDE.iter().map(|c| c.width).sum::<u16>() + WIDE.len() as u16 - 1;
    // One column is the scrollbar's.
    width.saturating_sub(1) >= need
}

fn cells(
    row: &ItemRow,
    today: NaiveDate,
    list: &ItemList,
    (n, theme): (NumberFormat, &Theme),
    wide: bool,
) -> Vec<Cell<'static>> {
    let warning = row
        .warning(today)
        .map(|w| if wide { w.label() } else { w.short() });
    let quick = list.quick.as_ref().filter(|q| q.item_id == row.id);
    let editing = |field: QuickField, shown: String| match quick {
        Some(q) if q.field == field => {
            Cell::from(Span::styled(format!("{}▏", q.text), theme.input()))
        }
        _ => Cell::from(shown),
    };
    let status_style = match row.status {
        RevenueStatus::DraftInvoice => theme.draft(),
        RevenueStatus::Rejected => theme.dim(),
        _ => ratatui::style::Style::new(),
    };
    vec![
        Cell::from(if list.selection.contains(row.id) {
            "*"
        } else {
            " "
        }),
        editing(
            QuickField::PlannedDate,
            row.planned_invoice_date.to_string(),
        ),
        Cell::from(fit_text(&row.account, 40)),
        Cell::from(fit_text(&row.project, 12)),
        Cell::from(fit_text(&row.name, 80)),
        Cell::from(rule_label(row.billing_rule)),
        match quick {
            Some(q) if q.field == QuickField::Amount => Cell::from(
                Line::from(Span::styled(format!("{}▏", q.text), theme.input())).right_aligned(),
            ),
            _ => Cell::from(Line::from(money(n, row.amount)).right_aligned()),
        },
        Cell::from(row.amount.currency.code().to_string()),
        Cell::from(Span::styled(row.status.label(), status_style)),
        Cell::from(
            Line::from(row.draft_invoice.map(|d| d.to_string()).unwrap_or_default())
                .right_aligned(),
        ),
        Cell::from(Span::styled(warning.unwrap_or(""), theme.warning())),
    ]
}

pub fn draw(
    frame: &mut Frame<'_>,
    area: Rect,
    list: &ItemList,
    today: NaiveDate,
    n: NumberFormat,
    theme: &Theme,
) {
    let (visible, cursor) = list.view.visible();
    let wide = wide(area.width);
    let rows = visible
        .iter()
        .map(|row| {
            (
                cells(row, today, list, (n, theme), wide),
                list.selection.contains(row.id),
            )
        })
        .collect();
    list_table::draw_table(
        frame,
        area,
        list_table::ListTable {
            cols: if wide { &WIDE } else { &COLS },
            rows,
            cursor,
            filter: &list.filter.text,
            total: list.view.total(),
            position: list.view.position(),
        },
        theme,
    );
}

/// "shown: 1,234 · EUR … | selected: 3 · EUR …", or the filter being typed.
pub fn draw_totals(
    frame: &mut Frame<'_>,
    area: Rect,
    list: &ItemList,
    n: NumberFormat,
    theme: &Theme,
) {
    let mut prefix = Vec::new();
    if let Some(until) = list.filter.horizon() {
        prefix.push(Span::styled(format!("to {until} "), theme.dim()));
    }
    list_table::draw_under(
        frame,
        area,
        list_table::Under {
            filter_input: list.filter_input.as_deref(),
            filter: &list.filter.text,
            filtering: list.filtering,
            totals: list.totals.as_deref(),
            shown: |t, numbers| {
                let count: i64 = t.iter().map(|c| c.count).sum();
                match totals_line(numbers, t) {
                    line if line.is_empty() => amount(numbers, count.into()),
                    line => format!("{} · {line}", amount(numbers, count.into())),
                }
            },
            numbers: n,
            selection: &list.selection,
            prefix,
        },
        theme,
    );
}
