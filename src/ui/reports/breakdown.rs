//! What a report figure is made of, over the report: date, reference, text, status, amount,
//! and the sum, which is the figure.

use super::super::layout::centered;
use super::super::screens::DrawView;
use super::super::widgets::columns::{Col, col, flex, holding, right, widest};
use super::super::widgets::list_table::{self, ListTable, scroll_for};
use super::super::widgets::terminal_text::fit as fit_text;
use super::super::widgets::theme::Theme;
use crate::app::reports::Breakdown;
use crate::domain::NumberFormat;
use crate::domain::cost_rate::utilisation;
use crate::presentation::{figure, money, money_with_code};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph};

const COLS: [Col; 5] = [
    col("Date", 10, 0),
    col("Reference", 14, 1),
    flex("What", 12, 0),
    col("Status", 18, 2),
    right("Amount", 13, 0),
];

impl DrawView for Breakdown {
    fn draw(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        _today: NaiveDate,
        n: NumberFormat,
        theme: &Theme,
    ) {
        draw(frame, area, self, n, theme);
    }
}

fn draw(frame: &mut Frame<'_>, area: Rect, b: &Breakdown, n: NumberFormat, theme: &Theme) {
    let outer = centered(area, area.width, area.height);
    frame.render_widget(Clear, outer);
    let block = Block::bordered().title(Span::styled(
        format!(
            " {} ",
            fit_text(&b.title, outer.width.saturating_sub(4) as usize)
        ),
        theme.title(),
    ));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let [table, sum] = Layout::vertical([Constraint::Min(2), Constraint::Length(1)]).areas(inner);
    let skip = scroll_for(b.cursor, b.parts.len(), table.height as usize);
    let rows = b
        .parts
        .iter()
        .skip(skip)
        .take(table.height as usize)
        .map(|p| {
            (
                vec![
                    Cell::from(p.date.clone()),
                    Cell::from(fit_text(&p.reference, 20)),
                    Cell::from(fit_text(&p.text, 80)),
                    Cell::from(fit_text(&p.status.replace('_', " "), 24)),
                    Cell::from(Line::from(money(n, p.amount)).right_aligned()),
                ],
                false,
            )
        })
        .collect();
    list_table::draw_table(
        frame,
        table,
        ListTable {
            cols: &{
                let mut cols = COLS;
                cols[4] = holding(cols[4], widest(b.parts.iter().map(|p| money(n, p.amount))));
                cols
            },
            rows,
            cursor: b.cursor.wrapping_sub(skip),
            filter: "",
            total: Some(b.parts.len()),
            position: Some(b.cursor),
        },
        theme,
    );
    let totals: Vec<String> = b.totals.iter().map(|m| money_with_code(n, *m)).collect();
    // The hours of the time reports listed: utilisation is billable over all of them.
    let hours = b.hours.map_or(String::new(), |h| {
        let share = utilisation(h.billable, h.all)
            .map_or(String::new(), |u| format!(", {} %", figure(n, u)));
        let without = if h.without_cost.is_zero() {
            String::new()
        } else {
            format!(", {} h without cost rate", figure(n, h.without_cost))
        };
        format!(
            "  {} h, {} billable{share}{without}",
            figure(n, h.all),
            figure(n, h.billable)
        )
    });
    let line = format!(
        "{} line(s){}  sum {}{hours}",
        b.parts.len(),
        if b.truncated { " (the first ones)" } else { "" },
        if totals.is_empty() {
            "0".to_string()
        } else {
            totals.join(" · ")
        }
    );
    frame.render_widget(Paragraph::new(Span::styled(line, theme.dim())), sum);
}
