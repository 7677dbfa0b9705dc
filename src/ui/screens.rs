//! Which drawing shows which screen and view of the app: one line each, as in
//! `app/screens.rs`.

use super::layout::ScreenArea;
use super::theme::Theme;
use crate::app::finance_control::FinanceControl;
use crate::app::history::HistoryView;
use crate::app::invoices::{InvoiceView, Invoices};
use crate::app::milestones::Milestones;
use crate::app::progress::ProgressBilling;
use crate::app::projects::{CostRates, ProjectMilestones, ProjectOverview, Projects};
use crate::app::reports::{Breakdown, Reports};
use crate::app::revenue_item::ItemSummary;
use crate::app::revenue_items::RevenueItems;
use crate::app::screen::Screen;
use crate::app::welcome::Welcome;
use crate::app::work::View;
use crate::domain::NumberFormat;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use std::any::Any;

/// How a screen of the tab bar is drawn: its body and the line under it, figures in the
/// user's number format `n`.
pub trait DrawScreen: 'static {
    fn draw(
        &self,
        frame: &mut Frame<'_>,
        area: ScreenArea,
        today: NaiveDate,
        n: NumberFormat,
        theme: &Theme,
    );
}

/// How a view over a screen is drawn, figures in the user's number format `n`.
pub trait DrawView: 'static {
    fn draw(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        today: NaiveDate,
        n: NumberFormat,
        theme: &Theme,
    );
}

type FindScreen = fn(&dyn Any) -> Option<&dyn DrawScreen>;
type FindView = fn(&dyn Any) -> Option<&dyn DrawView>;

fn screen<T: DrawScreen>(any: &dyn Any) -> Option<&dyn DrawScreen> {
    any.downcast_ref::<T>().map(|s| s as &dyn DrawScreen)
}

fn view<T: DrawView>(any: &dyn Any) -> Option<&dyn DrawView> {
    any.downcast_ref::<T>().map(|v| v as &dyn DrawView)
}

/// The registration: one line per screen.
const SCREENS: &[FindScreen] = &[
    screen::<FinanceControl>,
    screen::<RevenueItems>,
    screen::<Invoices>,
    screen::<ProgressBilling>,
    screen::<Milestones>,
    screen::<Reports>,
    screen::<Projects>,
];

/// The registration: one line per view.
const VIEWS: &[FindView] = &[
    view::<ItemSummary>,
    view::<InvoiceView>,
    view::<Breakdown>,
    view::<Welcome>,
    view::<ProjectOverview>,
    view::<ProjectMilestones>,
    view::<CostRates>,
    view::<HistoryView>,
];

pub fn draw_screen(
    frame: &mut Frame<'_>,
    area: ScreenArea,
    s: &dyn Screen,
    today: NaiveDate,
    n: NumberFormat,
    theme: &Theme,
) {
    let any = s as &dyn Any;
    if let Some(d) = SCREENS.iter().find_map(|find| find(any)) {
        d.draw(frame, area, today, n, theme);
    }
}

pub fn draw_view(
    frame: &mut Frame<'_>,
    area: Rect,
    v: &dyn View,
    today: NaiveDate,
    n: NumberFormat,
    theme: &Theme,
) {
    let any = v as &dyn Any;
    if let Some(d) = VIEWS.iter().find_map(|find| find(any)) {
        d.draw(frame, area, today, n, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_screen_is_drawn() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
        let screens = crate::app::screens::all(today);
        for i in 0..screens.len() {
            let any = screens.at(i) as &dyn Any;
            assert!(
                SCREENS.iter().any(|find| find(any).is_some()),
                "{} has no drawing in ui/screens.rs",
                screens.entries()[i].title
            );
        }
    }
}
