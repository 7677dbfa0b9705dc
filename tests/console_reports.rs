//! The revenue and billing report (screen 6): what it draws at 80x24 and 160x48, and what its
//! keys do, headless over the demo company; its figures against the exports, to the cent.

use crate::support;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use finctl::app::reports::{Breakdown, Reports};
use finctl::domain::Currency;
use finctl::domain::report::{GroupBy, Measure, YearMonth};
use finctl::store::Store;
use finctl::store::reports::ReportQuery;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use support::console::snapshot_both;
use support::console::*;

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

#[test]
fn report_screen() {
    snapshot_both!("report", |app| ch(app, '6'));
}

#[test]
fn report_by_business_unit_in_usd() {
    snapshot_both!("report_bu_usd", |app| {
        ch(app, '6');
        ch(app, 'b');
        ch(app, 'b');
        ch(app, 'c');
    });
}

#[test]
fn breakdown_of_a_figure() {
    snapshot_both!("report_breakdown", |app| {
        ch(app, '6');
        ch(app, 'h'); // billing
        key(app, KeyCode::Enter);
    });
}

#[test]
fn adjustment_form() {
    snapshot_both!("report_adjustment_form", |app| {
        ch(app, '6');
        ch(app, 'n');
    });
}

#[test]
fn keys_switch_grouping_currency_and_range() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '6');
    assert_eq!(reports(app).query.group, GroupBy::Project);
    ch(app, 'b');
    assert_eq!(reports(app).query.group, GroupBy::Account);
    assert_eq!(status_text(app), "grouped by account");
    ch(app, 'b');
    assert_eq!(reports(app).query.group, GroupBy::BusinessUnit);
    let eur = reports(app).currency;
    ch(app, 'c');
    assert_ne!(reports(app).currency, eur);
    assert!(status_text(app).starts_with("figures in "));
    let from = reports(app).query.from;
    ch(app, '[');
    assert_eq!(reports(app).query.from, from.plus(-1));
    ch(app, ']');
    ch(app, ']');
    assert_eq!(reports(app).query.from, from.plus(1));
    ch(app, 'r');
    fill(app, "2026-01");
    key(app, KeyCode::Tab);
    fill(app, "2025-12");
    ctrl(app, 's');
    assert!(
        status_text(app).contains("check the fields"),
        "{}",
        status_text(app)
    );
    fill(app, "2026-12");
    ctrl(app, 's');
    assert_eq!(status_text(app), "report from 2026-01 to 2026-12");
    assert_eq!(reports(app).months.len(), 12);
    // The figure under the cursor moves with h and l, round the row.
    assert_eq!(reports(app).measure, Measure::Revenue);
    ch(app, 'l');
    ch(app, 'l');
    assert_eq!(reports(app).measure, Measure::Difference);
    for then in [
        Measure::Cost,
        Measure::Margin,
        Measure::Utilisation,
        Measure::Forecast,
    ] {
        ch(app, 'l');
        assert_eq!(reports(app).measure, then);
    }
}

#[test]
fn adjustments_are_made_changed_and_deleted_with_reasons() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '6');
    let row = reports(app).current().cloned().expect("a row");
    let revenue_before = row.figures.revenue();
    // n: for the project and month under the cursor.
    ch(app, 'n');
    key(app, KeyCode::Tab);
    key(app, KeyCode::Tab);
    typ(app, "1,250.50");
    ctrl(app, 's');
    assert!(
        status_text(app).contains("check the fields"),
        "no reason given: {}",
        status_text(app)
    );
    key(app, KeyCode::Tab);
    typ(app, "Work done in the month, invoiced later");
    ctrl(app, 's');
    assert!(status_text(app).contains("made"), "{}", status_text(app));
    let now = reports(app).current().cloned().expect("a row");
    assert_eq!(
        (now.group.clone(), now.month),
        (row.group.clone(), row.month)
    );
    assert_eq!(now.figures.adjustments, d("1250.50"));
    assert_eq!(now.figures.revenue(), revenue_before + d("1250.50"));
    // A: every adjustment of the range; e changes it with a reason.
    ch(app, 'A');
    let Some(b) = app
        .overlays
        .last_mut()
        .and_then(|o| o.view_mut::<Breakdown>())
    else {
        panic!("the adjustments")
    };
    // The demo's accrual and deferral, and the new one.
    assert_eq!(b.parts.len(), 3);
    b.cursor = b
        .parts
        .iter()
        .position(|p| p.text == "Work done in the month, invoiced later")
        .expect("the new adjustment");
    let id = b.parts[b.cursor].id;
    ch(app, 'e');
    key(app, KeyCode::Tab);
    key(app, KeyCode::Tab);
    fill(app, "-300");
    key(app, KeyCode::Tab);
    key(app, KeyCode::Tab);
    typ(app, "Deferred: delivery slipped");
    ctrl(app, 's');
    assert_eq!(status_text(app), format!("adjustment {id} changed"));
    let Some(b) = app.top_view::<Breakdown>() else {
        panic!("the adjustments stay open")
    };
    let changed = b.parts.iter().find(|p| p.id == id).expect("still listed");
    assert_eq!(changed.amount.amount, d("-300.00"));
    // The adjustment keeps why it was made; why it changed is in the history.
    assert_eq!(changed.text, "Work done in the month, invoiced later");
    // Delete asks a reason, then deletes.
    key(app, KeyCode::Delete);
    key(app, KeyCode::Enter);
    assert!(
        status_text(app).contains("check the fields"),
        "{}",
        status_text(app)
    );
    typ(app, "Booked twice");
    key(app, KeyCode::Enter);
    assert_eq!(status_text(app), format!("adjustment {id} deleted"));
    let history = app
        .store()
        .history_of("revenue_adjustment", id)
        .expect("history");
    let reasons: Vec<String> = history.iter().filter_map(|c| c.reason.clone()).collect();
    assert!(reasons.contains(&"Work done in the month, invoiced later".to_string()));
    assert!(reasons.contains(&"Deferred: delivery slipped".to_string()));
    assert!(reasons.contains(&"Booked twice".to_string()));
    key(app, KeyCode::Esc);
    let back = reports(app).current().cloned().expect("a row");
    assert_eq!(back.figures.revenue(), revenue_before);
    assert!(app.store().verify().expect("verify").is_empty());
}

#[test]
fn enter_on_a_figure_lists_what_adds_up_to_it() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '6');
    for m in Measure::ALL.into_iter().filter(|m| m.is_money()) {
        app.screens
            .get_mut::<Reports>()
            .expect("the report")
            .measure = m;
        for _ in 0..reports(app).shown.len().min(30) {
            let row = reports(app).current().cloned().expect("row");
            key(app, KeyCode::Enter);
            let Some(b) = app.top_view::<Breakdown>() else {
                panic!("a breakdown")
            };
            let sum: Decimal = b.parts.iter().map(|p| p.amount.amount).sum();
            let expected = row.figures.get(m).expect("an amount");
            assert_eq!(sum, expected, "{m:?} of {row:?}");
            key(app, KeyCode::Esc);
            key(app, KeyCode::Down);
        }
        key(app, KeyCode::Home);
    }
}

type Sums = BTreeMap<(String, String, String), [Decimal; 3]>;

/// Forecast, billing and revenue per (project, currency, month), from the export rows.
fn from_exports(store: &Store, from: YearMonth, to: YearMonth) -> Sums {
    let mut sums: Sums = BTreeMap::new();
    let in_range = |date: &str| {
        let m = YearMonth::of(NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date"));
        (from <= m && m <= to).then(|| m.to_string())
    };
    store
        .for_each_revenue_item_row(|i| {
            if matches!(i.status.as_str(), "open" | "billable")
                && let Some(m) = in_range(&i.planned_invoice_date)
            {
                sums.entry((i.project.clone(), i.currency.clone(), m))
                    .or_default()[0] += d(&i.planned_amount);
            }
            Ok(())
        })
        .expect("items");
    store
        .for_each_invoice_row(|v| {
            if let Some(m) = in_range(&v.invoice_date) {
                let sign = if v.kind == "credit_note" {
                    -Decimal::ONE
                } else {
                    Decimal::ONE
                };
                for l in &v.lines {
                    let e = sums
                        .entry((l.project.clone(), v.currency.clone(), m.clone()))
                        .or_default();
                    e[1] += sign * d(&l.net);
                    if v.status == "confirmed" {
                        e[2] += sign * d(&l.net);
                    }
                }
            }
            Ok(())
        })
        .expect("invoices");
    sums.retain(|_, v| v.iter().any(|x| !x.is_zero()));
    sums
}

#[test]
fn figures_match_the_exports_to_the_cent_both_ways() {
    let f = demo_app();
    let store = f.app.store();
    let from = YearMonth::parse("2025-01").unwrap();
    let to = YearMonth::parse("2027-12").unwrap();
    let report = store
        .report(&ReportQuery {
            from,
            to,
            group: GroupBy::Project,
        })
        .expect("report");
    let mut from_report: Sums = BTreeMap::new();
    // Rows of time alone (cost, hours) are not in the item and invoice exports.
    for r in report.iter().filter(|r| {
        !(r.figures.forecast.is_zero()
            && r.figures.billing.is_zero()
            && r.figures.invoiced_revenue.is_zero())
    }) {
        from_report.insert(
            (
                r.group.key.clone(),
                r.currency.code().to_string(),
                r.month.to_string(),
            ),
            [
                r.figures.forecast,
                r.figures.billing,
                r.figures.invoiced_revenue,
            ],
        );
    }
    let exported = from_exports(store, from, to);
    assert!(
        exported.len() > 20,
        "the demo has figures: {}",
        exported.len()
    );
    for (k, v) in &exported {
        assert_eq!(from_report.get(k), Some(v), "export -> report {k:?}");
    }
    for (k, v) in &from_report {
        assert_eq!(exported.get(k), Some(v), "report -> export {k:?}");
    }
    // Adjustments: the report's equal the listed ones, both ways.
    let mut listed: BTreeMap<(String, String, String), Decimal> = BTreeMap::new();
    for a in store.adjustments(from, to).expect("adjustments") {
        *listed
            .entry((
                a.project_code,
                a.currency.code().to_string(),
                a.month.to_string(),
            ))
            .or_default() += a.amount;
    }
    let reported: BTreeMap<(String, String, String), Decimal> = report
        .iter()
        .filter(|r| !r.figures.adjustments.is_zero())
        .map(|r| {
            (
                (
                    r.group.key.clone(),
                    r.currency.code().to_string(),
                    r.month.to_string(),
                ),
                r.figures.adjustments,
            )
        })
        .collect();
    assert_eq!(listed.len(), 2, "the demo's accrual and deferral");
    assert_eq!(listed, reported);
    // Grouped otherwise, the totals per currency stay the same.
    let total = |g: GroupBy| -> BTreeMap<Currency, [Decimal; 3]> {
        let mut t: BTreeMap<Currency, [Decimal; 3]> = BTreeMap::new();
        for r in store
            .report(&ReportQuery { from, to, group: g })
            .expect("report")
        {
            let e = t.entry(r.currency).or_default();
            e[0] += r.figures.forecast;
            e[1] += r.figures.billing;
            e[2] += r.figures.revenue();
        }
        t
    };
    assert_eq!(total(GroupBy::Project), total(GroupBy::Account));
    assert_eq!(total(GroupBy::Project), total(GroupBy::BusinessUnit));
}

/// Issue 13: at 120 columns the bars' value labels ran together (`.5M.2M.2M`, `1M█.1M`).
/// Every size: the bars carry no text at all; the axis left of them holds whole scale figures;
/// under them only the bars' letters and the months.
#[test]
fn chart_labels_are_whole_or_left_out() {
    let f = demo_app();
    for (w, h) in [(80u16, 24u16), (120, 40), (160, 48)] {
        let mut app = app_as(&f.path, USER);
        draw(&mut app, w, h, &finctl::ui::Theme::plain());
        ch(&mut app, '6');
        let term = draw(&mut app, w, h, &finctl::ui::Theme::plain());
        let buf = term.backend().buffer().clone();
        let row = |y: u16| -> String { (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect() };
        let letters_at = (2..h)
            .find(|&y| row(y).contains(" F  B  R"))
            .unwrap_or_else(|| panic!("{w}x{h}: the bars' letters"));
        let bars = 2..letters_at;
        assert!(bars.len() >= 3, "{w}x{h}: bars {bars:?}");
        let scale = |t: &str| {
            let digits = t.trim_end_matches("bn").trim_end_matches(['k', 'M']);
            !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
                && !digits.starts_with('.')
                && !digits.ends_with('.')
        };
        let mut axis_labels = 0;
        for y in bars {
            let text = row(y);
            let (axis, rest) = text
                .split_once('┤')
                .map_or(("", text.as_str()), |(a, r)| (a, r));
            for token in axis.split_whitespace() {
                assert!(
                    scale(token),
                    "{w}x{h} row {y}: axis label {token:?} in {text:?}"
                );
                axis_labels += 1;
            }
            assert!(
                rest.chars().all(|c| c == ' ' || ('▁'..='█').contains(&c)),
                "{w}x{h} row {y}: text among the bars: {text:?}"
            );
        }
        assert!(axis_labels >= 2, "{w}x{h}: a scale with its top and 0");
        for token in row(letters_at).split_whitespace() {
            assert!(
                ["F", "B", "R", "F-", "B-", "R-"].contains(&token),
                "{w}x{h}: {token:?} under the bars"
            );
        }
        let months = row(letters_at + 1);
        let words: Vec<&str> = months.split_whitespace().collect();
        assert!(!words.is_empty());
        for pair in words.chunks(2) {
            assert!(
                pair.len() == 2 && pair[0].len() == 3 && pair[1].len() == 2,
                "{w}x{h}: months {months:?}"
            );
        }
    }
}

/// Cost, margin and utilisation equal their parts: the time reports a figure lists (their
/// cost, and for margin the revenue's documents and adjustments less that cost), and the
/// hours they add up to.
#[test]
fn cost_margin_and_utilisation_equal_their_parts() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '6');
    let mut checked = 0;
    for m in [Measure::Cost, Measure::Margin, Measure::Utilisation] {
        app.screens
            .get_mut::<Reports>()
            .expect("the report")
            .measure = m;
        key(app, KeyCode::Home);
        for _ in 0..reports(app).shown.len().min(40) {
            let row = reports(app).current().cloned().expect("row");
            key(app, KeyCode::Enter);
            let Some(b) = app.top_view::<Breakdown>() else {
                panic!("a breakdown")
            };
            let sum: Decimal = b.parts.iter().map(|p| p.amount.amount).sum();
            let hours = b.hours.unwrap_or_default();
            assert_eq!(hours.all, row.figures.hours, "{m:?} {row:?}");
            assert_eq!(hours.billable, row.figures.billable_hours, "{m:?} {row:?}");
            assert_eq!(
                hours.without_cost, row.figures.hours_without_cost,
                "{m:?} {row:?}"
            );
            match m {
                Measure::Cost | Measure::Utilisation => {
                    assert_eq!(sum, row.figures.cost, "{row:?}");
                    let u = finctl::domain::cost_rate::utilisation(hours.billable, hours.all);
                    assert_eq!(u, row.figures.utilisation(), "{row:?}");
                }
                _ => assert_eq!(sum, row.figures.margin(), "{row:?}"),
            }
            if !row.figures.hours.is_zero() {
                checked += 1;
            }
            key(app, KeyCode::Esc);
            key(app, KeyCode::Down);
        }
    }
    assert!(checked > 10, "rows with hours: {checked}");
}

/// Grouped by person: each person's cost and utilisation per month, no revenue; the totals
/// equal the project grouping's.
#[test]
fn by_person_the_report_has_cost_and_utilisation_only() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '6');
    let by_project = reports(app).total;
    ch(app, 'b');
    ch(app, 'b');
    ch(app, 'b');
    assert_eq!(reports(app).query.group, GroupBy::Person);
    assert_eq!(
        reports(app).measure,
        Measure::Cost,
        "revenue is not per person"
    );
    let by_person = reports(app).total;
    assert_eq!(by_person.cost, by_project.cost);
    assert_eq!(by_person.hours, by_project.hours);
    assert_eq!(by_person.billable_hours, by_project.billable_hours);
    assert!(by_person.revenue().is_zero() && by_person.billing.is_zero());
    assert!(
        by_person.hours_without_cost.is_zero(),
        "every euro hour has a rate"
    );
    ch(app, 'l');
    assert_eq!(reports(app).measure, Measure::Utilisation);
    ch(app, 'l');
    assert_eq!(reports(app).measure, Measure::Cost, "round the two");
    let people: std::collections::BTreeSet<String> = reports(app)
        .visible_rows()
        .map(|r| r.group.key.clone())
        .collect();
    assert!(people.contains("Eva Laine"), "{people:?}");
    // In dollars two people have no rate: their hours are said, not costed at zero.
    ch(app, 'c');
    assert_eq!(reports(app).currency, Some(Currency::USD));
    assert!(!reports(app).total.hours_without_cost.is_zero());
    let uncosted: Vec<_> = reports(app)
        .visible_rows()
        .filter(|r| !r.figures.hours_without_cost.is_zero())
        .map(|r| r.group.key.clone())
        .collect();
    assert!(
        uncosted
            .iter()
            .all(|p| p == "Hugo Weber" || p == "Ines Costa"),
        "{uncosted:?}"
    );
}

/// `/` narrows the report, and `A` then lists only the adjustments of what it narrows to.
#[test]
fn adjustments_of_a_narrowed_report_keep_the_filter() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '6');
    ch(app, 'A');
    let all = app
        .top_view::<Breakdown>()
        .expect("adjustments")
        .parts
        .clone();
    assert_eq!(all.len(), 2, "the demo's accrual and deferral");
    key(app, KeyCode::Esc);
    let project = all[0].reference.clone();
    ch(app, '/');
    typ(app, &format!("project:{project}"));
    key(app, KeyCode::Enter);
    assert!(reports(app).visible_rows().all(|r| r.group.key == project));
    ch(app, 'A');
    let b = app.top_view::<Breakdown>().expect("adjustments");
    assert!(
        b.title.ends_with(&format!("/project:{project}")),
        "{}",
        b.title
    );
    assert_eq!(b.parts.len(), 1);
    assert!(b.parts.iter().all(|p| p.reference == project));
}

#[test]
fn report_by_person_screen() {
    snapshot_both!("report_by_person", |app| {
        ch(app, '6');
        ch(app, 'b');
        ch(app, 'b');
        ch(app, 'b');
    });
}

/// Over a million items a sum takes longer than a key may wait: the report is summed on the
/// list thread. The screen shows at once with "summing…", keys that act on rows wait for the
/// sum, and the keys that only ask for another range or grouping (or leave) go ahead.
#[test]
fn the_report_is_summed_off_the_input_path() {
    let (_dir, path, store) = support::store::demo_store();
    let today = support::store::today();
    let mut app =
        finctl::app::App::new(store, today, Some(std::sync::Arc::new(|| {}))).expect("app");
    app.settle();
    ch(&mut app, '6');
    assert!(reports(&app).summing, "the sum is on its way");
    assert!(reports(&app).rows.is_empty(), "nothing summed here");
    assert!(app.awaits_rows());
    let press = |c| crossterm::event::KeyEvent::from(KeyCode::Char(c));
    for c in ['j', 'c', 'x'] {
        assert!(app.key_waits(&press(c)), "{c} acts on the rows: it waits");
    }
    for c in [']', '[', 'b', '1', '?'] {
        assert!(!app.key_waits(&press(c)), "{c} goes ahead");
    }
    let shown = screen(&mut app, &path, 80, 24);
    assert!(shown.contains("summing…"), "{shown}");
    app.settle();
    let r = reports(&app);
    assert!(!r.summing);
    assert!(!app.awaits_rows());
    let store = Store::open(&path, "tester").expect("store");
    assert_eq!(r.rows, store.report(&r.query).expect("the report"));
    assert!(!r.rows.is_empty());
}

/// A sum that fails on the list thread says why, and the report stops saying "summing…".
#[test]
fn a_sum_that_fails_says_so_and_stops_summing() {
    let (_dir, path, store) = support::store::demo_store();
    let today = support::store::today();
    let mut app =
        finctl::app::App::new(store, today, Some(std::sync::Arc::new(|| {}))).expect("app");
    app.settle();
    // Behind the console's back, so that the list thread's sum fails.
    rusqlite::Connection::open(&path)
        .expect("a second connection")
        .execute_batch("ALTER TABLE forecast_months RENAME TO gone")
        .expect("rename");
    ch(&mut app, '6');
    assert!(reports(&app).summing);
    app.settle();
    assert!(!reports(&app).summing, "no rows are on their way any more");
    assert!(!app.awaits_rows());
    let status = status_text(&app);
    assert!(status.contains("background query"), "{status}");
    let shown = screen(&mut app, &path, 80, 24);
    assert!(!shown.contains("summing…"), "{shown}");
}
