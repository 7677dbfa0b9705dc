//! The revenue item lists: planned date, account, project, item, rule, amount, status, draft
//! invoice, warning; the cursor in reverse video, selected rows marked; a scrollbar. The
//! warning column says it all where the terminal is wide enough, in short words where not.

use super::super::widgets::columns::{Col, col, flex, holding, right, widest};
use super::super::widgets::list_table::{self, totals_line};
use super::super::widgets::terminal_text::{clean, fit as fit_text};
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

/// Where the amount is among the columns: it is widened to its widest figure.
const AMOUNT: usize = 6;
/// Where the project code is: as wide as the longest code on screen.
const PROJECT: usize = 3;

/// The columns on a wide terminal: the warning column holds every warning in full.
const WIDE: [Col; 11] = [
    col(" ", 1, 0),
    col("Planned", 10, 0),
    flex("Account", 10, 6),
    col("Project", 7, 2),
    // A name with its period ("Time and materials 07/2026") tells the rows apart.
    flex("Item", 26, 1),
    col("Rule", 9, 7),
    right("Amount", 6, 0),
    col("Cur", 3, 0),
    col("Status", 13, 3),
    right("Draft", 5, 4),
    col("Warning", 18, 5),
];

/// The columns on a narrow terminal: short warnings, and the draft's number in the status
/// ("draft 21"). At 80 columns the row is still told by its date, project, name and period,
/// amount, status with its draft, and warning.
const COLS: [Col; 11] = [
    col(" ", 1, 0),
    col("Planned", 10, 0),
    flex("Account", 10, 6),
    col("Project", 7, 2),
    flex("Item", 26, 1),
    col("Rule", 9, 7),
    right("Amount", 6, 0),
    col("Cur", 3, 0),
    col("Status", 8, 3),
    // Said in the status here: the first to give way.
    right("Draft", 5, 9),
    col("Warning", 8, 5),
];

/// Where the status is: as wide as its longest word on screen.
const STATUS: usize = 8;

/// The status as the row shows it; where room is short, a draft says its number.
fn status_label(row: &ItemRow, wide: bool) -> String {
    match (row.status, row.draft_invoice) {
        (RevenueStatus::DraftInvoice, Some(id)) if !wide => format!("draft {id}"),
        (RevenueStatus::DraftInvoice, None) if !wide => "draft".into(),
        (other, _) => other.label().into(),
    }
}

/// What is typed in the field of the row edited in place, with its caret.
fn typed(row: &ItemRow, list: &ItemList, field: QuickField) -> Option<String> {
    list.quick
        .as_ref()
        .filter(|q| q.item_id == row.id && q.field == field)
        .map(|q| format!("{}▏", q.text))
}

/// Where the planned date is: wider while a date is typed in place (its caret shows).
const PLANNED: usize = 1;

fn rule_label(rule: BillingRule) -> &'static str {
    match rule {
        BillingRule::TimeAndMaterials => "T&M",
        other => other.label(),
    }
}

/// Whether every column fits with the full words.
fn wide(cols: &[Col], width: u16) -> bool {
    let need: u16 = cols.iter().map(|c| c.width).sum::<u16>() + cols.len() as u16 - 1;
    // One column is the scrollbar's.
    width.saturating_sub(1) >= need
}

/// The columns for these rows: the amount as wide as its widest figure, the project as its
/// longest code; the full words where everything fits.
fn columns(visible: &[ItemRow], list: &ItemList, n: NumberFormat, width: u16) -> ([Col; 11], bool) {
    let figure = widest(
        visible
            .iter()
            .map(|r| typed(r, list, QuickField::Amount).unwrap_or_else(|| money(n, r.amount))),
    );
    let date = widest(
        visible
            .iter()
            .filter_map(|r| typed(r, list, QuickField::PlannedDate)),
    );
    let code = widest(visible.iter().map(|r| clean(&r.project).into_owned()));
    let size = |mut cols: [Col; 11]| {
        cols[AMOUNT] = holding(cols[AMOUNT], figure);
        cols[PROJECT] = holding(cols[PROJECT], code);
        cols[PLANNED] = holding(cols[PLANNED], date);
        cols
    };
    let wide_cols = size(WIDE);
    if wide(&wide_cols, width) {
        (wide_cols, true)
    } else {
        let mut cols = size(COLS);
        let status = widest(visible.iter().map(|r| status_label(r, false)));
        cols[STATUS] = holding(cols[STATUS], status);
        (cols, false)
    }
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
        Cell::from(clean(&row.project).into_owned()),
        Cell::from(fit_text(&row.name, 80)),
        Cell::from(rule_label(row.billing_rule)),
        match quick {
            Some(q) if q.field == QuickField::Amount => Cell::from(
                Line::from(Span::styled(format!("{}▏", q.text), theme.input())).right_aligned(),
            ),
            _ => Cell::from(Line::from(money(n, row.amount)).right_aligned()),
        },
        Cell::from(row.amount.currency.code().to_string()),
        Cell::from(Span::styled(status_label(row, wide), status_style)),
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
    let (cols, wide) = columns(visible, list, n, area.width);
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
            cols: &cols,
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
            filter_error: list.filter_error.as_deref(),
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
