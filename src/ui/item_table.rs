//! The revenue item lists: planned date, account, project, item, rule, amount, status, draft
//! invoice, warning; the cursor in reverse video, selected rows marked; a scrollbar.

use super::columns::{Col, col, constraints, fit, flex, right};
use super::text::fit as fit_text;
use super::theme::Theme;
use crate::app::App;
use crate::app::format::amount;
use crate::app::item_list::{ItemList, QuickField};
use crate::app::list_actions::totals_line;
use crate::domain::billing_rule::BillingRule;
use crate::domain::status::RevenueStatus;
use crate::domain::warnings::item_warning;
use crate::store::item_list::ItemRow;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Cell, Paragraph, Row, Scrollbar, ScrollbarOrientation, ScrollbarState, Table,
};

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

fn cells(row: &ItemRow, app: &App, list: &ItemList, theme: &Theme) -> Vec<Cell<'static>> {
    let warning = item_warning(
        row.status,
        row.planned_invoice_date,
        row.milestone_reached,
        app.today,
    );
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
            _ => Cell::from(Line::from(amount(row.amount)).right_aligned()),
        },
        Cell::from(row.currency.code().to_string()),
        Cell::from(Span::styled(row.status.label(), status_style)),
        Cell::from(
            Line::from(row.draft_invoice.map(|d| d.to_string()).unwrap_or_default())
                .right_aligned(),
        ),
        Cell::from(Span::styled(
            warning.map(|w| w.label()).unwrap_or(""),
            theme.warning(),
        )),
    ]
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, list: &ItemList, theme: &Theme) {
    let kept = fit(&COLS, area.width.saturating_sub(1));
    let header = Row::new(kept.iter().map(|&i| {
        let c = COLS[i];
        if c.right {
            Cell::from(Line::from(c.title).right_aligned())
        } else {
            Cell::from(c.title)
        }
    }))
    .style(theme.header());
    let (visible, cursor) = list.view.visible();
    let rows = visible.iter().enumerate().map(|(i, row)| {
        let all = cells(row, app, list, theme);
        let mut style = if list.selection.contains(row.id) {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        if i == cursor {
            style = style.patch(theme.cursor());
        }
        Row::new(kept.iter().map(|&k| all[k].clone())).style(style)
    });
    let table_area = Rect {
        width: area.width.saturating_sub(1),
        ..area
    };
    frame.render_widget(
        Table::new(rows, constraints(&COLS, &kept)).header(header),
        table_area,
    );
    if visible.is_empty() {
        let msg = if list.filter.text.is_empty() {
            "Nothing here.".to_string()
        } else {
            format!(
                "Nothing matches {:?}: Esc clears the filter.",
                list.filter.text
            )
        };
        frame.render_widget(
            Paragraph::new(msg).style(theme.dim()),
            Rect {
                y: area.y + 1,
                height: 1,
                ..area
            },
        );
    }
    // A scrollbar beside the rows (not the header), only when they do not all fit.
    let rows_area = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    if let (Some(total), Some(pos)) = (list.view.total(), list.view.position()) {
        if total > rows_area.height as usize {
            let mut state = ScrollbarState::new(total).position(pos);
            frame.render_stateful_widget(
                Scrollbar::new(ScrollbarOrientation::VerticalRight)
                    .begin_symbol(None)
                    .end_symbol(None),
                rows_area,
                &mut state,
            );
        }
    }
}

/// "shown: 1,234 · EUR … | selected: 3 · EUR …", or the filter being typed.
pub fn draw_totals(
    frame: &mut Frame<'_>,
    area: Rect,
    list: &ItemList,
    filtering: bool,
    theme: &Theme,
) {
    let line = if let Some(input) = &list.filter_input {
        Line::from(vec![
            Span::styled("/", theme.key()),
            Span::styled(format!("{input}▏"), theme.input()),
            Span::styled(
                if filtering {
                    "  filtering…"
                } else {
                    "  Enter keeps the filter, Esc clears it"
                },
                theme.dim(),
            ),
        ])
    } else {
        let mut spans = Vec::new();
        if let Some(until) = list.filter.due_until {
            if until < crate::app::form_actions::no_horizon() {
                spans.push(Span::styled(format!("to {until} "), theme.dim()));
            }
        }
        if !list.filter.text.is_empty() {
            spans.push(Span::styled(
                format!("/{} ", fit_text(&list.filter.text, 20)),
                theme.key(),
            ));
        }
        spans.push(Span::styled("shown ", theme.dim()));
        spans.push(Span::raw(match &list.totals {
            _ if filtering => "filtering…".to_string(),
            Some(t) => {
                let n: i64 = t.iter().map(|c| c.count).sum();
                format!("{} · {}", amount(n.into()), totals_line(t))
            }
            None => "counting…".to_string(),
        }));
        if !list.selection.is_empty() {
            spans.push(Span::styled("  selected ", theme.dim()));
            spans.push(Span::styled(
                format!(
                    "{} · {}",
                    list.selection.len(),
                    totals_line(&list.selection.totals())
                ),
                theme.selected(),
            ));
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}
