//! The milestones of one project, over the projects screen: due date, code, name, reached,
//! items and amount (as wide as its widest figure), the cursor in reverse video.

use super::super::screens::DrawView;
use super::super::widgets::columns::{Col, col, flex, right};
use super::super::widgets::list_table::{self, ListTable, scroll_for};
use super::super::widgets::terminal_text::{clean, fit as fit_text};
use super::super::widgets::theme::Theme;
use crate::app::projects::ProjectMilestones;
use crate::domain::NumberFormat;
use crate::presentation::money;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph};

const AMOUNT: usize = 5;

const COLS: [Col; 6] = [
    col("Due", 10, 0),
    col("Code", 8, 0),
    flex("Name", 12, 1),
    col("Reached", 10, 2),
    right("Items", 5, 3),
    right("Amount", 6, 0),
];

impl DrawView for ProjectMilestones {
    fn draw(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        _today: NaiveDate,
        n: NumberFormat,
        theme: &Theme,
    ) {
        frame.render_widget(Clear, area);
        let p = &self.project;
        let block = Block::bordered().title(Span::styled(
            fit_text(
                &format!(" Milestones of {} {} ", p.code, p.name),
                area.width.saturating_sub(4) as usize,
            ),
            theme.title(),
        ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [table, under] =
            Layout::vertical([Constraint::Min(2), Constraint::Length(1)]).areas(inner);
        let mut cols = COLS;
        let widest = self
            .rows
            .iter()
            .map(|m| money(n, m.amount).chars().count())
            .max()
            .unwrap_or(0);
        cols[AMOUNT].width = cols[AMOUNT]
            .width
            .max(u16::try_from(widest).unwrap_or(u16::MAX));
        let skip = scroll_for(self.cursor, self.rows.len(), table.height as usize);
        let rows = self
            .rows
            .iter()
            .skip(skip)
            .take(table.height as usize)
            .map(|m| {
                (
                    vec![
                        Cell::from(m.due_date.to_string()),
                        Cell::from(fit_text(&m.code, 16)),
                        Cell::from(fit_text(&m.name, 80)),
                        Cell::from(
                            m.reached
                                .map(|d| d.to_string())
                                .unwrap_or_else(|| "no".into()),
                        ),
                        Cell::from(Line::from(m.items.to_string()).right_aligned()),
                        Cell::from(Line::from(money(n, m.amount)).right_aligned()),
                    ],
                    false,
                )
            })
            .collect();
        list_table::draw_table(
            frame,
            table,
            ListTable {
                cols: &cols,
                rows,
                cursor: self.cursor.wrapping_sub(skip),
                filter: "",
                total: Some(self.rows.len()),
                position: Some(self.cursor),
            },
            theme,
        );
        let line = format!(
            "{} milestone(s) · manager {} · amounts in {}",
            self.rows.len(),
            clean(if p.manager.is_empty() {
                "none"
            } else {
                &p.manager
            }),
            p.open.currency.code()
        );
        frame.render_widget(Paragraph::new(Span::styled(line, theme.dim())), under);
    }
}
