//! Screen 3, invoices: the invoice table and the line under it; an invoice opened over it.

mod invoice_table;
mod invoice_view;

use super::layout::ScreenArea;
use super::screens::DrawScreen;
use super::theme::Theme;
use crate::app::invoices::Invoices;
use crate::domain::NumberFormat;
use chrono::NaiveDate;
use ratatui::Frame;

impl DrawScreen for Invoices {
    fn draw(
        &self,
        frame: &mut Frame<'_>,
        area: ScreenArea,
        _today: NaiveDate,
        n: NumberFormat,
        theme: &Theme,
    ) {
        invoice_table::draw(frame, area.body, self, n, theme);
        invoice_table::draw_totals(frame, area.under, self, n, theme);
    }
}
