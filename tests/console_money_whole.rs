//! Money is shown whole or not at all: the largest figure an amount may have,
//! 999,999,999,999.99, in every money column and total of the lists, at 80x24 and 160x48. A
//! figure cut on screen reads as another figure ("99,999,999,999.99", "00,912.27"), so every
//! figure on screen must be exactly the one put in.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::App;
use finctl::app::finance_control::FinanceControl;
use finctl::app::invoices::Invoices;
use finctl::app::item_list::ItemList;
use finctl::app::milestones::Milestones;
use finctl::app::progress::ProgressBilling;
use finctl::app::projects::Projects;
use finctl::app::reports::Reports;
use finctl::app::revenue_items::RevenueItems;
use finctl::domain::{Currency, Money};
use finctl::store::list_query::CurrencyTotal;
use finctl::ui::Theme;
use rust_decimal::Decimal;
use support::console::*;

const HUGE: &str = "999,999,999,999.99";

fn huge() -> Decimal {
    Decimal::new(99_999_999_999_999, 2)
}

fn totals() -> Option<Vec<CurrencyTotal>> {
    Some(vec![
        CurrencyTotal {
            count: 1,
            amount: Money::new(huge(), Currency::EUR),
        },
        CurrencyTotal {
            count: 1,
            amount: Money::new(huge(), Currency::USD),
        },
    ])
}

fn huge_items(list: &mut ItemList) {
    let mut rows = list.view.visible().0.to_vec();
    for r in &mut rows {
        r.amount = Money::new(huge(), r.amount.currency);
    }
    let n = rows.len() + 1;
    list.view.show_top(rows, n);
    list.totals = totals();
}

/// Every figure of the lists and their totals made the largest there may be.
fn make_every_figure_huge(app: &mut App) {
    let s = &mut app.screens;
    huge_items(&mut s.get_mut::<FinanceControl>().unwrap().list);
    huge_items(&mut s.get_mut::<RevenueItems>().unwrap().list);
    let invoices: &mut Invoices = s.get_mut::<Invoices>().unwrap();
    let mut rows = invoices.view.visible().0.to_vec();
    for r in &mut rows {
        r.net = Money::new(huge(), r.net.currency);
        r.vat = Money::new(huge(), r.vat.currency);
        r.gross = Money::new(huge(), r.gross.currency);
    }
    let n = rows.len() + 1;
    invoices.view.show_top(rows, n);
    invoices.totals = totals();
    let projects: &mut Projects = s.get_mut::<Projects>().unwrap();
    let mut rows = projects.view.visible().0.to_vec();
    for r in &mut rows {
        r.open = Money::new(huge(), r.open.currency);
        r.billable = Money::new(huge(), r.billable.currency);
        r.invoiced = Money::new(huge(), r.invoiced.currency);
    }
    let n = rows.len() + 1;
    projects.view.show_top(rows, n);
    projects.totals = totals();
    let milestones: &mut Milestones = s.get_mut::<Milestones>().unwrap();
    let mut rows = milestones.list.view.visible().0.to_vec();
    for r in &mut rows {
        r.amount = Money::new(huge(), r.amount.currency);
    }
    let n = rows.len() + 1;
    milestones.list.view.show_top(rows, n);
    for p in &mut milestones.plan {
        p.item.planned_amount = huge();
    }
    let progress: &mut ProgressBilling = s.get_mut::<ProgressBilling>().unwrap();
    let mut rows = progress.lines.view.visible().0.to_vec();
    for r in &mut rows {
        r.total = Money::new(huge(), r.total.currency);
        r.billed = Money::new(huge(), r.billed.currency);
    }
    let n = rows.len() + 1;
    progress.lines.view.show_top(rows, n);
    for p in &mut progress.periods {
        p.estimated.amount = huge();
        p.billed.amount = huge();
    }
    let reports: &mut Reports = s.get_mut::<Reports>().unwrap();
    for row in &mut reports.rows {
        row.figures.forecast = huge();
        row.figures.billing = huge();
        row.figures.invoiced_revenue = huge();
        // Revenue is invoiced revenue plus adjustments, margin revenue less cost: kept to
        // the one figure.
        row.figures.adjustments = Decimal::ZERO;
        row.figures.cost = Decimal::ZERO;
    }
    reports.total.adjustments = Decimal::ZERO;
    reports.total.cost = Decimal::ZERO;
    reports.total.forecast = huge();
    reports.total.billing = huge();
    reports.total.invoiced_revenue = huge();
}

/// What the screens may show: the figure put in, and sums of it (a line's billed periods).
const SUMS: [&str; 3] = [HUGE, "1,999,999,999,999.98", "2,999,999,999,999.97"];

/// The figures on screen: words of digits and group marks with two decimals.
fn figures(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map(|w| w.trim_matches(|c| c == ',' || c == '.'))
        .filter(|w| w.contains("99,9") || w.contains("9,99"))
        .map(str::to_string)
        .collect()
}

/// Draws the screen a key leads to and checks that every huge figure on it is whole.
fn check(app: &mut App, f: &Fixture, tab: char, w: u16, h: u16, least: usize) -> String {
    ch(app, tab);
    // Some screens read their figures again when shown (the report).
    make_every_figure_huge(app);
    let text = screen(app, &f.path, w, h);
    let found = figures(&text);
    assert!(
        found.len() >= least,
        "screen {tab} at {w}x{h}: {} whole figures, {least} expected:\n{text}",
        found.len()
    );
    for figure in &found {
        assert!(
            SUMS.contains(&figure.as_str()),
            "screen {tab} at {w}x{h} cut a figure ({figure}):\n{text}"
        );
    }
    text
}

#[test]
fn the_largest_figure_shows_whole_in_every_list_and_total_at_both_sizes() {
    for (w, h) in SIZES {
        let f = demo_app();
        let mut app = app_as(&f.path, USER);
        draw(&mut app, w, h, &Theme::plain());
        // Selected on the item lists: the selection's total is a figure too.
        ch(&mut app, '2');
        ch(&mut app, '1');
        make_every_figure_huge(&mut app);
        ch(&mut app, ' ');
        let text = check(&mut app, &f, '1', w, h, 4);
        insta::assert_snapshot!(format!("finance_control_huge_{w}x{h}"), text);
        check(&mut app, &f, '2', w, h, 4);
        let text = check(&mut app, &f, '3', w, h, 4);
        insta::assert_snapshot!(format!("invoices_huge_{w}x{h}"), text);
        check(&mut app, &f, '4', w, h, 2);
        check(&mut app, &f, '5', w, h, 2);
        check(&mut app, &f, '6', w, h, 1);
        check(&mut app, &f, '7', w, h, 2);
        key(&mut app, KeyCode::Esc);
    }
}

#[test]
fn below_80x24_a_notice_replaces_the_screen() {
    let f = demo_app();
    let mut app = app_as(&f.path, USER);
    for (w, h) in [(40, 24), (79, 24), (80, 23)] {
        let text = screen(&mut app, &f.path, w, h);
        assert!(
            text.contains("terminal too small") && text.contains("80x24 needed"),
            "{w}x{h}:\n{text}"
        );
        assert!(!text.contains("EUR"), "no figure is drawn at {w}x{h}");
    }
    assert!(!screen(&mut app, &f.path, 80, 24).contains("too small"));
}

/// A status message longer than the line wraps rather than losing its end.
#[test]
fn a_long_status_message_wraps() {
    let f = demo_app();
    let mut app = app_as(&f.path, USER);
    let long = format!(
        "item 7 was changed by another user (alice, 2026-12-01 14:02) since you opened it: \
         yours were not saved. Ctrl-S again saves your values over that change; Esc discards \
         them {}",
        "END"
    );
    app.status.error(long);
    let text = screen(&mut app, &f.path, 80, 24);
    assert!(text.contains("END"), "{text}");
    assert!(text.contains("discards them END"), "{text}");
}
