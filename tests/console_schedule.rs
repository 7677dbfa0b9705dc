//! The progress (4) and milestones (5) screens: what they draw at 80x24 and 160x48 (insta
//! snapshots) and what their keys do, headless over the demo company.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::milestones::Milestones;
use finctl::app::{App, Overlay};
use finctl::domain::progress_state::ProgressState;
use finctl::domain::revenue_status::RevenueStatus;
use rust_decimal::Decimal;
use support::console::snapshot_both;
use support::console::*;
use support::date;

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

#[test]
fn progress_screen() {
    snapshot_both!("progress", |app| ch(app, '4'));
}

#[test]
fn progress_periods() {
    snapshot_both!("progress_periods", |app| {
        ch(app, '4');
        key(app, KeyCode::Down);
        key(app, KeyCode::Enter);
        key(app, KeyCode::Up);
    });
}

#[test]
fn progress_edit_form() {
    snapshot_both!("progress_edit", |app| {
        ch(app, '4');
        ch(app, 'e');
    });
}

#[test]
fn milestones_screen() {
    snapshot_both!("milestones", |app| ch(app, '5'));
}

#[test]
fn milestone_with_a_plan() {
    snapshot_both!("milestones_plan", |app| {
        ch(app, '5');
        seek_plan(app);
    });
}

#[test]
fn plan_form() {
    snapshot_both!("plan_form", |app| {
        ch(app, '5');
        seek_plan(app);
        ch(app, 'P');
        key(app, KeyCode::Enter);
    });
}

#[test]
fn reach_dialog() {
    snapshot_both!("reach_dialog", |app| {
        ch(app, '5');
        seek_milestone(app, |r| r.reached.is_none() && r.open_items > 0);
        ch(app, 'm');
    });
}

/// Moves down the milestones to the first whose project has a plan.
fn seek_plan(app: &mut App) {
    for _ in 0..200 {
        if !milestones(app).plan.is_empty() {
            return;
        }
        key(app, KeyCode::Down);
    }
    panic!("no milestone of a project with a plan");
}

fn seek_milestone(
    app: &mut App,
    pred: impl Fn(&finctl::store::milestone_list::MilestoneRow) -> bool,
) -> finctl::store::milestone_list::MilestoneRow {
    for _ in 0..200 {
        let row = milestones(app)
            .list
            .view
            .current()
            .cloned()
            .expect("milestones");
        if pred(&row) {
            return row;
        }
        key(app, KeyCode::Down);
    }
    panic!("no such milestone");
}

/// A new contract line through the form: P-0001, 100 units at 10.00, monthly from August.
fn new_line(app: &mut App) {
    ch(app, '4');
    ch(app, 'n');
    // Project (prefilled), milestone, description, quantity, unit price, term, VAT, start.
    key(app, KeyCode::Tab);
    key(app, KeyCode::Tab);
    fill(app, "Roll-out support");
    key(app, KeyCode::Tab);
    fill(app, "100");
    key(app, KeyCode::Tab);
    fill(app, "10");
    key(app, KeyCode::Tab);
    key(app, KeyCode::Tab);
    key(app, KeyCode::Tab);
    fill(app, "2026-08-01");
    ctrl(app, 's');
    assert!(status_text(app).contains("created"), "{}", status_text(app));
    assert_eq!(
        progress(app).line.as_ref().map(|l| l.description.as_str()),
        Some("Roll-out support"),
        "the cursor goes to the new line"
    );
    ch(app, 'G');
    assert_eq!(
        progress(app).line.as_ref().map(|l| l.description.as_str()),
        Some("Roll-out support")
    );
}

/// Adds the next period, types its billed % and validates it.
fn bill_period(app: &mut App, percent: &str) {
    ch(app, 'n');
    if matches!(app.overlays.last(), Some(Overlay::Form(..))) {
        ctrl(app, 's'); // the first period's start
    }
    ch(app, 'e');
    for _ in 0..3 {
        key(app, KeyCode::Tab);
    }
    fill(app, percent);
    ctrl(app, 's');
    assert!(status_text(app).contains("saved"), "{}", status_text(app));
    ch(app, 'v');
    ch(app, 'y');
    assert!(
        status_text(app).contains("validated"),
        "{}",
        status_text(app)
    );
}

#[test]
fn three_periods_then_unvalidate_from_the_last() {
    let mut f = demo_app();
    let app = &mut f.app;
    new_line(app);
    key(app, KeyCode::Enter);
    bill_period(app, "30");
    bill_period(app, "20");
    bill_period(app, "10");
    let periods = progress(app).periods.clone();
    assert_eq!(periods.len(), 3);
    assert!(
        periods
            .iter()
            .all(|p| p.state == ProgressState::ToBeInvoiced)
    );
    assert_eq!(
        periods.iter().map(|p| p.billed.amount).collect::<Vec<_>>(),
        [d("300.00"), d("200.00"), d("100.00")]
    );
    // The middle one is refused, naming the rule.
    key(app, KeyCode::Up);
    ch(app, 'u');
    assert!(
        status_text(app).contains("the next period (3) is validated: unvalidate it first"),
        "{}",
        status_text(app)
    );
    assert!(app.overlays.is_empty());
    // The last one: unvalidated, then deleted.
    key(app, KeyCode::Down);
    ch(app, 'u');
    ch(app, 'y');
    assert!(
        status_text(app).contains("unvalidated"),
        "{}",
        status_text(app)
    );
    assert_eq!(progress(app).periods[2].state, ProgressState::Pending);
    key(app, KeyCode::Delete);
    ch(app, 'y');
    assert_eq!(status_text(app), "period deleted");
    assert_eq!(progress(app).periods.len(), 2);
    let line = progress(app).line.clone().expect("line");
    let problems = app.store().verify().expect("verify");
    assert!(problems.is_empty(), "{problems:?}");
    // What the line list shows: billed so far.
    let row = progress(app).lines.view.current().cloned().expect("row");
    assert_eq!((row.id, row.billed.amount), (line.id, d("500.00")));
}

#[test]
fn billed_figures_follow_as_you_type() {
    let mut f = demo_app();
    let app = &mut f.app;
    new_line(app);
    key(app, KeyCode::Enter);
    ch(app, 'n');
    ctrl(app, 's');
    ch(app, 'e');
    for _ in 0..5 {
        key(app, KeyCode::Tab);
    }
    // The amount field: 250 of 1,000 is 25 % and 25 units.
    fill(app, "250");
    let Some(Overlay::Form(top)) = app.overlays.last() else {
        panic!("the period form")
    };
    let form = &top.form;
    assert_eq!(form.value("Billed %"), "25");
    assert_eq!(form.value("Billed quantity"), "25");
    // Too much is marked next to the field, and what was typed stays.
    typ(app, "0");
    let Some(Overlay::Form(top)) = app.overlays.last() else {
        panic!("the period form")
    };
    let form = &top.form;
    let err = form.field("Billed amount").and_then(|f| f.error.clone());
    assert!(
        err.as_deref()
            .is_some_and(|e| e.contains("more than the line's total")),
        "{err:?}"
    );
    assert_eq!(form.value("Billed amount"), "2500");
    // Tabbing through the other figures does not recompute from them.
    backspace(app, 1);
    key(app, KeyCode::BackTab);
    key(app, KeyCode::BackTab);
    ctrl(app, 's');
    let p = progress(app).pending().cloned().expect("pending");
    assert_eq!(
        (p.billed.percent, p.billed.quantity, p.billed.amount),
        (d("25"), d("25"), d("250.00"))
    );
}

#[test]
fn refresh_takes_the_project_progress() {
    let mut f = demo_app();
    let app = &mut f.app;
    new_line(app);
    key(app, KeyCode::Enter);
    ch(app, 'n');
    ctrl(app, 's');
    ch(app, '%');
    fill(app, "40");
    key(app, KeyCode::Enter);
    assert!(status_text(app).contains("40 %"), "{}", status_text(app));
    ch(app, 'R');
    assert!(
        status_text(app).contains("refreshed"),
        "{}",
        status_text(app)
    );
    let p = progress(app).pending().cloned().expect("pending");
    assert_eq!(p.billed.amount, d("400.00"));
    // A line change asks for a refresh, shown on the period.
    ch(app, 'E');
    fill(app, "10");
    key(app, KeyCode::Tab);
    fill(app, "20");
    ctrl(app, 's');
    assert!(
        progress(app).pending().is_some_and(|p| p.refresh_requested),
        "{}",
        status_text(app)
    );
}

#[test]
fn refusals_say_which_rule() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '4');
    key(app, KeyCode::Enter);
    // Line 1 of the demo: two invoiced periods and a pending one.
    key(app, KeyCode::Up);
    ch(app, 'u');
    assert!(
        status_text(app).contains("on an invoice"),
        "{}",
        status_text(app)
    );
    key(app, KeyCode::Up);
    key(app, KeyCode::Delete);
    assert!(
        status_text(app).contains("only the last period"),
        "{}",
        status_text(app)
    );
    ch(app, 'n');
    assert!(
        status_text(app).contains("one pending period per line"),
        "{}",
        status_text(app)
    );
}

#[test]
fn reaching_a_milestone_releases_its_items_for_invoicing() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '5');
    let row = seek_milestone(app, |r| r.reached.is_none() && r.open_items > 0);
    ch(app, 'm');
    let Some(Overlay::Dialog(dialog)) = app.overlays.last() else {
        panic!("a dialog first")
    };
    assert!(dialog.lines[1].contains("releases"), "{:?}", dialog.lines);
    assert!(dialog.lines.iter().any(|l| l.contains("open -> billable")));
    ch(app, 'y');
    assert!(
        status_text(app).contains("released to finance control (EUR "),
        "{}",
        status_text(app)
    );
    let now = milestones(app).list.view.current().cloned().expect("row");
    assert_eq!((now.id, now.open_items), (row.id, 0));
    assert!(now.reached.is_some());
    // Reopening takes them back.
    ch(app, 'm');
    ch(app, 'y');
    assert!(
        status_text(app).contains("taken back"),
        "{}",
        status_text(app)
    );
    let back = milestones(app).list.view.current().cloned().expect("row");
    assert_eq!(back.open_items, row.open_items);
    assert!(app.screens.is_current::<Milestones>());
}

#[test]
fn a_plan_from_a_template_follows_the_project_start() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '5');
    let row = seek_milestone(app, |r| r.reached.is_none());
    assert!(milestones(app).plan.is_empty(), "the project has a plan");
    ch(app, 'P');
    // Which project: the milestone's.
    key(app, KeyCode::Enter);
    // Start, total, VAT, template.
    fill(app, "2027-01-01");
    key(app, KeyCode::Tab);
    fill(app, "9000");
    key(app, KeyCode::Tab);
    key(app, KeyCode::Tab);
    key(app, KeyCode::Right); // 30-50-20
    ctrl(app, 's');
    assert!(
        status_text(app).contains("3 part(s)"),
        "{}",
        status_text(app)
    );
    let dates: Vec<String> = milestones(app)
        .plan
        .iter()
        .map(|p| p.part.part.date.to_string())
        .collect();
    assert_eq!(dates, ["2027-01-01", "2027-04-01", "2027-05-31"]);
    let amounts: Vec<Decimal> = milestones(app)
        .plan
        .iter()
        .map(|p| p.item.planned_amount)
        .collect();
    assert_eq!(amounts, [d("2700.00"), d("4500.00"), d("1800.00")]);
    // Moving the start moves the parts and their items.
    ch(app, 'P');
    key(app, KeyCode::Enter);
    fill(app, "2027-02-01");
    ctrl(app, 's');
    assert!(status_text(app).contains("moved"), "{}", status_text(app));
    let moved: Vec<(String, String)> = milestones(app)
        .plan
        .iter()
        .map(|p| {
            (
                p.part.part.date.to_string(),
                p.item.planned_invoice_date.to_string(),
            )
        })
        .collect();
    assert_eq!(
        moved,
        [
            ("2027-02-01".into(), "2027-02-01".into()),
            ("2027-05-02".into(), "2027-05-02".into()),
            ("2027-07-01".into(), "2027-07-01".into())
        ]
    );
    assert_eq!(milestones(app).plan_project, Some(row.project_id));
    assert!(
        milestones(app)
            .plan
            .iter()
            .all(|p| p.item.status == RevenueStatus::Open)
    );
}

#[test]
fn unvalidate_from_the_line_list_says_the_pending_period_goes_first() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '4');
    // Line 2 of the demo: invoiced, to be invoiced, pending.
    key(app, KeyCode::Down);
    ch(app, 'u');
    assert!(
        status_text(app).contains("the next period (3) is pending: delete it first"),
        "{}",
        status_text(app)
    );
    assert!(
        app.overlays.is_empty(),
        "no dialog for a step the store refuses"
    );
    // Deleting the pending one lets the last validated one be unvalidated.
    key(app, KeyCode::Delete);
    ch(app, 'y');
    ch(app, 'u');
    ch(app, 'y');
    assert!(
        status_text(app).contains("unvalidated"),
        "{}",
        status_text(app)
    );
}

#[test]
fn a_stale_period_form_keeps_what_was_typed_and_saves_on_the_second_try() {
    let mut f = demo_app();
    let path = f.path.clone();
    let app = &mut f.app;
    ch(app, '4');
    ch(app, 'e');
    for _ in 0..3 {
        key(app, KeyCode::Tab);
    }
    fill(app, "30");
    // Another user refreshes the same period meanwhile.
    let mut other = finctl::store::Store::open(&path, USER).expect("store");
    let line = progress(app).line.clone().expect("line");
    let pending = other
        .progress_statuses(line.id)
        .unwrap()
        .into_iter()
        .find(|p| p.state == ProgressState::Pending)
        .expect("pending");
    other.refresh_progress(pending.id, pending.version).unwrap();
    ctrl(app, 's');
    assert!(
        status_text(app).contains("Ctrl-S again saves your values"),
        "{}",
        status_text(app)
    );
    let Some(Overlay::Form(top)) = app.overlays.last() else {
        panic!("the form stays open")
    };
    let form = &top.form;
    assert_eq!(form.value("Billed %"), "30");
    ctrl(app, 's');
    assert!(status_text(app).contains("saved"), "{}", status_text(app));
    let p = progress(app).pending().cloned().expect("pending");
    assert_eq!(p.billed.percent, d("30"));
}

#[test]
fn a_project_without_milestones_gets_a_plan_by_its_code() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '5');
    ch(app, 'P');
    fill(app, "nope");
    key(app, KeyCode::Enter);
    let Some(Overlay::Form(top)) = app.overlays.last() else {
        panic!("the question stays")
    };
    let form = &top.form;
    assert_eq!(
        form.field("Project code").and_then(|f| f.error.clone()),
        Some("no project with code \"nope\"".to_string())
    );
    // P-0005 is planned (not launched): no milestones in the demo.
    fill(app, "p-0005");
    key(app, KeyCode::Enter);
    let Some(Overlay::Form(top)) = app.overlays.last() else {
        panic!("the plan form")
    };
    let form = &top.form;
    assert!(form.title.contains("P-0005 (new)"), "{}", form.title);
    fill(app, "2027-03-01");
    key(app, KeyCode::Tab);
    fill(app, "1000");
    for _ in 0..3 {
        key(app, KeyCode::Tab);
    }
    typ(app, "Design; 40%; +0");
    key(app, KeyCode::Tab);
    typ(app, "Build; 60%; 2027-06-30");
    ctrl(app, 's');
    assert!(
        status_text(app).contains("2 part(s)"),
        "{}",
        status_text(app)
    );
    let project = app.store().project_by_code("P-0005").unwrap().unwrap();
    let plan = app
        .store()
        .billing_plan(project.id)
        .unwrap()
        .expect("a plan");
    let parts: Vec<(String, bool)> = plan
        .parts
        .iter()
        .map(|p| (p.part.date.to_string(), p.part.date_set_by_hand))
        .collect();
    assert_eq!(
        parts,
        [("2027-03-01".into(), false), ("2027-06-30".into(), true)]
    );
}

#[test]
fn e_on_a_line_validated_to_100_percent_is_refused_at_the_key() {
    let mut f = demo_app();
    let app = &mut f.app;
    new_line(app);
    key(app, KeyCode::Enter);
    bill_period(app, "60");
    // Below 100 %: E opens the line's form.
    ch(app, 'E');
    assert!(
        matches!(app.overlays.last(), Some(Overlay::Form(..))),
        "{}",
        status_text(app)
    );
    key(app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
    bill_period(app, "40");
    let locked = "the line's validated periods bill 100 %: its quantity and unit price are locked";
    // At 100 %: refused at the key, on either pane, before any form.
    for pane in ["periods", "lines"] {
        if pane == "lines" {
            key(app, KeyCode::Esc);
        }
        ch(app, 'E');
        assert!(app.overlays.is_empty(), "{pane}: no form opens");
        assert_eq!(status_text(app), locked, "{pane}");
    }
    let line = progress(app).line.clone().expect("the line");
    assert_eq!(
        (line.quantity, line.unit_price),
        (d("100"), d("10")),
        "unchanged"
    );
}

#[test]
fn the_items_of_a_milestone_line_wait_in_finance_control_for_the_milestone() {
    let f = demo_app();
    // A launched project's milestone that is not reached, and a line tied to it whose first
    // period (November, invoiced on the 30th, inside finance control's 30 days) is validated.
    let mut store = finctl::store::Store::open(&f.path, USER).unwrap();
    let (milestone, project): (i64, i64) = store
        .conn()
        .query_row(
            "SELECT m.id, m.project_id FROM milestones m JOIN projects p ON p.id = m.project_id
             WHERE m.reached_at IS NULL AND p.status = 'launched' ORDER BY m.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let line = store
        .create_contract_line(&finctl::store::progress::NewContractLine {
            project_id: project,
            milestone_id: Some(milestone),
            description: "Waiting acceptance".into(),
            quantity: d("10"),
            unit_price: d("1000"),
            invoicing_term: finctl::domain::invoicing_term::Term::Monthly,
            vat_rate: d("24"),
            first_period_start: date(2026, 11, 1),
        })
        .unwrap();
    let mv: i64 = store
        .conn()
        .query_row(
            "SELECT version FROM milestones WHERE id = ?1",
            [milestone],
            |r| r.get(0),
        )
        .unwrap();
    store
        .set_milestone_progress(milestone, mv, d("30"))
        .unwrap();
    let period = store.add_progress_status(line, date(2026, 11, 1)).unwrap();
    let v = |s: &finctl::store::Store| s.progress_statuses(line).unwrap()[0].version;
    store.refresh_progress(period, v(&store)).unwrap();
    let item = store.validate_progress(period, v(&store)).unwrap();
    drop(store);

    // The console opened after the change (one open before would be told the milestone
    // changed when reaching it).
    let mut app = app_as(&f.path, USER);
    let app = &mut app;
    let in_finance_control = |app: &mut App| {
        ch(app, '1');
        ch(app, '/');
        typ(app, "Waiting acceptance");
        key(app, KeyCode::Enter);
        let (rows, _) = finance(app).list.view.visible();
        let there = rows.iter().any(|r| r.id == item);
        key(app, KeyCode::Esc);
        there
    };
    assert!(!in_finance_control(app), "waits for its milestone");
    assert_eq!(
        app.store().revenue_item(item).unwrap().status,
        RevenueStatus::Open
    );

    // Reaching the milestone (screen 5, m, y) releases it to finance control.
    ch(app, '5');
    seek_milestone(app, |r| r.id == milestone);
    ch(app, 'm');
    ch(app, 'y');
    assert!(
        status_text(app).contains("released to finance control"),
        "{}",
        status_text(app)
    );
    assert_eq!(
        app.store().revenue_item(item).unwrap().status,
        RevenueStatus::Billable
    );
    assert!(in_finance_control(app), "released");
}
