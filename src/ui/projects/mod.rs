//! Screen 7, projects: the project table and the line under it; a project's billing overview
//! opened over it.

mod cost_rates_view;
mod milestone_view;
mod overview;
mod project_table;

use super::layout::ScreenArea;
use super::screens::DrawScreen;
use super::theme::Theme;
use crate::app::projects::Projects;
use crate::domain::NumberFormat;
use chrono::NaiveDate;
use ratatui::Frame;

impl DrawScreen for Projects {
    fn draw(
        &self,
        frame: &mut Frame<'_>,
        area: ScreenArea,
        _today: NaiveDate,
        n: NumberFormat,
        theme: &Theme,
    ) {
        project_table::draw(frame, area.body, self, n, theme);
        project_table::draw_totals(frame, area.under, self, n, theme);
    }
}
