//! People's cost rates, over the projects screen: person, currency, first day ("always" for
//! none), hourly cost (as wide as its widest figure), who changed it last.

use super::super::screens::DrawView;
use super::super::widgets::columns::{Col, col, flex, holding, right, widest};
use super::super::widgets::list_table::{self, ListTable, scroll_for};
use super::super::widgets::terminal_text::fit as fit_text;
use super::super::widgets::theme::Theme;
use crate::app::projects::CostRates;
use crate::domain::{Money, NumberFormat, dates};
use crate::presentation::money;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph};

const COST: usize = 3;

const COLS: [Col; 5] = [
    flex("Person", 12, 0),
    col("Currency", 8, 1),
    col("Valid from", 10, 0),
    right("Hourly cost", 11, 0),
    col("Changed by", 12, 2),
];

impl DrawView for CostRates {
    fn draw(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        _today: NaiveDate,
        n: NumberFormat,
        theme: &Theme,
    ) {
        frame.render_widget(Clear, area);
        let block = Block::bordered().title(Span::styled(" Cost rates ", theme.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [table, under] =
            Layout::vertical([Constraint::Min(2), Constraint::Length(1)]).areas(inner);
        let cost = |r: &crate::store::cost_rates::StoredCostRate| {
            money(n, Money::new(r.hourly_cost, r.currency))
        };
        let mut cols = COLS;
        cols[COST] = holding(cols[COST], widest(self.rows.iter().map(cost)));
        let skip = scroll_for(self.cursor, self.rows.len(), table.height as usize);
        let rows = self
            .rows
            .iter()
            .skip(skip)
            .take(table.height as usize)
            .map(|r| {
                let from = if r.valid_from == dates::FIRST {
                    "always".to_string()
                } else {
                    r.valid_from.to_string()
                };
                (
                    vec![
                        Cell::from(fit_text(&r.person, 60)),
                        Cell::from(r.currency.code().to_string()),
                        Cell::from(from),
                        Cell::from(Line::from(cost(r)).right_aligned()),
                        Cell::from(fit_text(&r.updated_by, 32)),
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
        let line = "A time report costs its hours at its person's rate in its project's currency on its date; hours with none count as without a cost rate (screen 6).";
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit_text(line, under.width as usize),
                theme.dim(),
            )),
            under,
        );
    }
}
