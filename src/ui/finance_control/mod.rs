//! Screen 1, finance control: the item table and, under it, the horizon, what is shown and
//! what is selected.

use super::item_list::item_table;
use super::layout::ScreenArea;
use super::screens::DrawScreen;
use super::theme::Theme;
use crate::app::finance_control::FinanceControl;
use crate::domain::NumberFormat;
use chrono::NaiveDate;
use ratatui::Frame;

impl DrawScreen for FinanceControl {
    fn draw(
        &self,
        frame: &mut Frame<'_>,
        area: ScreenArea,
        today: NaiveDate,
        n: NumberFormat,
        theme: &Theme,
    ) {
        item_table::draw(frame, area.body, &self.list, today, n, theme);
        item_table::draw_totals(frame, area.under, &self.list, n, theme);
    }
}
