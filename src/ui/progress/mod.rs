//! The progress screen: contract lines above; the periods of the line under the cursor below,
//! each figure shown and the state in its colour (pending, to be invoiced, invoiced).

use super::layout::ScreenArea;
use super::screens::DrawScreen;
use super::widgets::columns::{Col, col, flex, holding, right};
use super::widgets::list_table::{self, ListTable};
use super::widgets::split_pane::split;
use super::widgets::terminal_text::{clean, fit as fit_text};
use super::widgets::theme::Theme;
use crate::app::progress::{ProgressBilling, ProgressFocus};
use crate::domain::NumberFormat;
use crate::domain::progress_state::ProgressState;
use crate::presentation::{amount, money};
use crate::store::progress::ProgressStatus;
use crate::store::progress_list::ProgressLineRow;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph};
use rust_decimal::Decimal;

const LINE_COLS: [Col; 11] = [
    right("Line", 5, 0),
    col("Project", 7, 0),
    col("Ms", 3, 5),
    flex("Description", 12, 1),
    col("Term", 9, 6),
    right("Total", 13, 0),
    right("Billed", 13, 0),
    col("Cur", 3, 3),
    right("Est %", 7, 4),
    col("Pending", 10, 1),
    col("Refresh", 7, 2),
];

const PERIOD_COLS: [Col; 13] = [
    right("#", 2, 0),
    col("Start", 10, 4),
    col("End", 10, 0),
    col("Invoice", 10, 5),
    col("State", 10, 0),
    right("Est %", 9, 3),
    right("Est qty", 10, 7),
    right("Est amount", 12, 6),
    right("Bill %", 9, 1),
    right("Bill qty", 10, 2),
    right("Bill amount", 12, 0),
    right("Item", 7, 8),
    col("Refresh", 7, 1),
];

fn r(text: String) -> Cell<'static> {
    Cell::from(Line::from(text).right_aligned())
}

/// A percentage or quantity as typed: without trailing zeros, ungrouped.
fn pct(n: NumberFormat, d: Decimal) -> String {
    n.plain(d.normalize())
}

/// The figures of a contract line, by column: each column as wide as its widest.
fn line_figures(row: &ProgressLineRow, n: NumberFormat) -> [(usize, String); 3] {
    [
        (5, money(n, row.total)),
        (6, money(n, row.billed)),
        (8, pct(n, row.estimated_progress)),
    ]
}

/// The figures of a period, by column.
fn period_figures(p: &ProgressStatus, n: NumberFormat) -> [(usize, String); 6] {
    [
        (5, pct(n, p.estimated.percent)),
        (6, pct(n, p.estimated.quantity)),
        (7, amount(n, p.estimated.amount)),
        (8, pct(n, p.billed.percent)),
        (9, pct(n, p.billed.quantity)),
        (10, amount(n, p.billed.amount)),
    ]
}

/// `cols` with each figure column as wide as the widest of `figures`.
fn holding_all<const N: usize, const F: usize>(
    mut cols: [Col; N],
    figures: impl Iterator<Item = [(usize, String); F]>,
) -> [Col; N] {
    let mut widths = [0usize; N];
    for row in figures {
        for (at, text) in row {
            widths[at] = widths[at].max(text.chars().count());
        }
    }
    for (at, w) in widths.into_iter().enumerate() {
        cols[at] = holding(cols[at], w);
    }
    cols
}

fn line_cells(row: &ProgressLineRow, n: NumberFormat, theme: &Theme) -> Vec<Cell<'static>> {
    let pending = row
        .pending
        .as_ref()
        .map(|p| format!("#{} {}", p.seq, p.period_end.format("%m-%d")))
        .unwrap_or_default();
    let refresh = row.pending.as_ref().is_some_and(|p| p.refresh_requested);
    vec![
        r(row.id.to_string()),
        Cell::from(fit_text(&row.project_code, 12)),
        Cell::from(clean(row.milestone_code.as_deref().unwrap_or("")).into_owned()),
        Cell::from(fit_text(&row.description, 60)),
        Cell::from(row.term.clone()),
        r(money(n, row.total)),
        r(money(n, row.billed)),
        Cell::from(row.total.currency.code().to_string()),
        r(pct(n, row.estimated_progress)),
        Cell::from(Span::styled(pending, theme.pending())),
        Cell::from(Span::styled(
            if refresh { "refresh" } else { "" },
            theme.warning(),
        )),
    ]
}

pub fn state_style(state: ProgressState, theme: &Theme) -> ratatui::style::Style {
    match state {
        ProgressState::Pending => theme.pending(),
        ProgressState::ToBeInvoiced => theme.to_invoice(),
        ProgressState::Invoiced => theme.invoiced(),
    }
}

fn period_cells(p: &ProgressStatus, n: NumberFormat, theme: &Theme) -> Vec<Cell<'static>> {
    vec![
        r(p.seq.to_string()),
        Cell::from(p.period_start.to_string()),
        Cell::from(p.period_end.to_string()),
        Cell::from(p.invoice_date.to_string()),
        Cell::from(Span::styled(p.state.label(), state_style(p.state, theme))),
        r(pct(n, p.estimated.percent)),
        r(pct(n, p.estimated.quantity)),
        r(amount(n, p.estimated.amount)),
        r(pct(n, p.billed.percent)),
        r(pct(n, p.billed.quantity)),
        r(amount(n, p.billed.amount)),
        r(p.revenue_item_id.map(|i| i.to_string()).unwrap_or_default()),
        Cell::from(Span::styled(
            if p.refresh_requested { "refresh" } else { "" },
            theme.warning(),
        )),
    ]
}

impl DrawScreen for ProgressBilling {
    fn draw(
        &self,
        frame: &mut Frame<'_>,
        area: ScreenArea,
        _today: NaiveDate,
        n: NumberFormat,
        theme: &Theme,
    ) {
        draw(frame, area.body, self, n, theme);
        draw_totals(frame, area.under, self, n, theme);
    }
}

fn draw(
    frame: &mut Frame<'_>,
    area: Rect,
    screen: &ProgressBilling,
    n: NumberFormat,
    theme: &Theme,
) {
    let parts = split(area);
    let (visible, cursor) = screen.lines.view.visible();
    list_table::draw_table(
        frame,
        parts.upper,
        ListTable {
            cols: &holding_all(LINE_COLS, visible.iter().map(|l| line_figures(l, n))),
            rows: visible
                .iter()
                .map(|l| (line_cells(l, n, theme), false))
                .collect(),
            cursor,
            filter: screen.lines.filter_text(),
            total: screen.lines.view.total(),
            position: screen.lines.view.position(),
        },
        theme,
    );
    let title = match (&screen.line, screen.lines.view.current()) {
        (Some(line), Some(row)) => {
            let focus = if screen.focus == ProgressFocus::Periods {
                "▶ "
            } else {
                ""
            };
            // The figures are shown whole: the description gives way, then the hint.
            let head = format!("{focus}Periods of line {} · ", line.id);
            let figures = format!(
                " · {} {} · est. {} %",
                line.currency,
                amount(n, line.total),
                pct(n, row.estimated_progress)
            );
            let hint = if screen.focus == ProgressFocus::Lines {
                " · Enter: go to the periods"
            } else {
                ""
            };
            let width = parts.title.width as usize;
            let fixed = head.chars().count() + figures.chars().count();
            let hint = if fixed + 12 + hint.chars().count() <= width {
                hint
            } else {
                ""
            };
            let room = width.saturating_sub(fixed + hint.chars().count());
            format!("{head}{}{figures}{hint}", fit_text(&line.description, room))
        }
        _ if !screen.lines.filter_text().is_empty() => {
            "No contract line matches the filter: Esc clears it.".to_string()
        }
        _ => "No contract line yet: n adds one.".to_string(),
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            fit_text(&title, parts.title.width as usize),
            theme.title(),
        )),
        parts.title,
    );
    let rows: Vec<(Vec<Cell<'static>>, bool)> = screen
        .periods
        .iter()
        .map(|p| (period_cells(p, n, theme), false))
        .collect();
    // The lower pane shows its cursor only while it has the focus.
    let cursor = match screen.focus {
        ProgressFocus::Periods => screen.period_cursor,
        ProgressFocus::Lines => usize::MAX,
    };
    let skip = list_table::scroll_for(cursor, screen.periods.len(), parts.lower.height as usize);
    let shown: Vec<_> = rows.into_iter().skip(skip).collect();
    list_table::draw_table(
        frame,
        parts.lower,
        ListTable {
            cols: &holding_all(
                PERIOD_COLS,
                screen.periods.iter().map(|p| period_figures(p, n)),
            ),
            rows: shown,
            cursor: cursor.wrapping_sub(skip),
            filter: "",
            total: Some(screen.periods.len()),
            position: Some(cursor.min(screen.periods.len())),
        },
        theme,
    );
}

/// The line under the progress screen: the filter being typed; or the filter kept, how many
/// lines it shows, and what the keys reach.
fn draw_totals(
    frame: &mut Frame<'_>,
    area: Rect,
    screen: &ProgressBilling,
    n: NumberFormat,
    theme: &Theme,
) {
    let list = &screen.lines;
    if let Some(input) = &list.filter_input {
        let line = list_table::typing_line(
            input,
            list.filter_error.as_deref(),
            list.filtering,
            area.width,
            theme,
        );
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let mut spans: Vec<Span<'static>> = list_table::kept_filter(list.filter_text(), theme)
        .into_iter()
        .collect();
    spans.push(Span::styled("contract lines ", theme.dim()));
    spans.push(Span::raw(match list.view.total() {
        _ if list.filtering => "filtering…".to_string(),
        Some(lines) => amount(n, Decimal::from(lines as u64)),
        None => "counting…".to_string(),
    }));
    if let Some(p) = screen.pending() {
        spans.push(Span::styled("  pending ", theme.dim()));
        spans.push(Span::styled(
            format!("period {} to {}", p.seq, p.period_end),
            theme.pending(),
        ));
    }
    if let Some(line) = &screen.line {
        let billed: Decimal = screen
            .periods
            .iter()
            .filter(|p| p.state != ProgressState::Pending)
            .map(|p| p.billed.amount)
            .sum();
        spans.push(Span::styled("  billed ", theme.dim()));
        spans.push(Span::raw(amount(n, billed)));
        spans.push(Span::raw(format!(
            " of {} {}",
            line.currency,
            amount(n, line.total)
        )));
    }
    // Each figure whole or not at all.
    let spans = list_table::whole_spans(spans, area.width as usize);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
