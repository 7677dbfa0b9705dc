//! `H` on every screen: the change history of the object under the cursor opens over it
//! (newest first, its parts' rows labelled), for every role, and `Esc` goes back to where it
//! was opened; drawn at 80x24 and 160x48 with money whole.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::App;
use finctl::app::history::HistoryView;
use finctl::app::invoices::InvoiceView;
use finctl::app::keymap;
use finctl::app::projects::{ProjectMilestones, ProjectOverview, Projects};
use finctl::app::reports::Breakdown;
use finctl::app::revenue_item::ItemSummary;
use finctl::app::screens::{OTHER_VIEWS, SCREENS};
use finctl::app::status_line::StatusKind;
use finctl::domain::invoice_status::InvoiceStatus;
use finctl::domain::object_kind::ObjectKind;
use finctl::domain::rights::Role;
use finctl::store::history_window::HistoryRow;
use finctl::ui::Theme;
use support::console::*;
use support::store::demo_store;

/// The history view on top: (kind, id) of each object it lists, and its first rows.
fn history(app: &App) -> (Vec<(ObjectKind, i64)>, Vec<HistoryRow>) {
    let Some(v) = app.top_view::<HistoryView>() else {
        panic!("H opens the history: {}", status_text(app));
    };
    let subjects = v.subjects.iter().map(|s| (s.kind, s.id)).collect();
    (subjects, v.rows.visible().0.to_vec())
}

/// H opens the history of `(kind, id)` first, with rows newest first, and Esc closes it
/// leaving `overlays_before` overlays.
fn opens_then_back(app: &mut App, kind: ObjectKind, id: i64) -> Vec<(ObjectKind, i64)> {
    let before = app.overlays.len();
    ch(app, 'H');
    let (subjects, rows) = history(app);
    assert_eq!(subjects[0], (kind, id), "{}", status_text(app));
    assert!(!rows.is_empty(), "{kind:?} {id} has a history");
    assert!(rows.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    assert!(
        status_text(app).starts_with("change history: "),
        "{}",
        status_text(app)
    );
    key(app, KeyCode::Esc);
    assert_eq!(app.overlays.len(), before, "Esc goes back");
    subjects
}

#[test]
fn h_opens_the_history_of_what_is_under_the_cursor_on_every_screen() {
    let mut f = demo_app();
    let app = &mut f.app;
    // 1 and 2: the item, from the list and from its summary.
    for screen in ['1', '2'] {
        ch(app, screen);
        ch(app, 'j');
        let row = current_item(app).expect("an item");
        opens_then_back(app, ObjectKind::RevenueItem, row.id);
    }
    key(app, KeyCode::Enter);
    assert!(app.top_view::<ItemSummary>().is_some());
    let row = current_item(app).expect("an item");
    opens_then_back(app, ObjectKind::RevenueItem, row.id);
    assert!(
        app.top_view::<ItemSummary>().is_some(),
        "back on the summary"
    );
    key(app, KeyCode::Esc);

    // 3: the invoice or credit note, from the list and opened.
    ch(app, '3');
    let doc = invoices(app).view.current().cloned().expect("an invoice");
    opens_then_back(app, ObjectKind::Invoice, doc.id);
    key(app, KeyCode::Enter);
    opens_then_back(app, ObjectKind::Invoice, doc.id);
    assert!(app.top_view::<InvoiceView>().is_some());
    key(app, KeyCode::Esc);

    // 4: the contract line with its periods; on the periods, the period.
    ch(app, '4');
    let line = progress(app).lines.view.current().cloned().expect("a line");
    let periods = progress(app).periods.clone();
    assert!(!periods.is_empty(), "the demo's first line has periods");
    let subjects = opens_then_back(app, ObjectKind::ContractLine, line.id);
    let periods_listed: Vec<i64> = subjects
        .iter()
        .filter(|(k, _)| *k == ObjectKind::ProgressStatus)
        .map(|(_, id)| *id)
        .collect();
    assert_eq!(
        periods_listed,
        periods.iter().map(|p| p.id).collect::<Vec<_>>()
    );
    key(app, KeyCode::Enter);
    let period = progress(app)
        .period_under_cursor()
        .cloned()
        .expect("a period");
    assert_eq!(
        opens_then_back(app, ObjectKind::ProgressStatus, period.id).len(),
        1
    );
    key(app, KeyCode::Esc);

    // 5: the milestone, with the billing plan of its project when it has one.
    ch(app, '5');
    let m = milestones(app)
        .list
        .view
        .current()
        .cloned()
        .expect("a milestone");
    let subjects = opens_then_back(app, ObjectKind::Milestone, m.id);
    let has_plan = !milestones(app).plan.is_empty();
    assert_eq!(
        subjects.iter().any(|(k, _)| *k == ObjectKind::BillingPlan),
        has_plan
    );
    assert_eq!(
        subjects
            .iter()
            .filter(|(k, _)| *k == ObjectKind::PlanPart)
            .count(),
        milestones(app).plan.len()
    );

    // 6: a figure has none of its own; an adjustment in the list of adjustments has.
    ch(app, '6');
    ch(app, 'H');
    assert!(app.overlays.is_empty());
    assert!(status_text(app).contains("Enter lists what makes it up"));
    ch(app, 'A');
    let adjustment = app
        .top_view::<Breakdown>()
        .and_then(|b| b.current().cloned())
        .expect("the demo's adjustments");
    opens_then_back(app, ObjectKind::RevenueAdjustment, adjustment.id);
    key(app, KeyCode::Esc);

    // 7: the project with its account; from its overview; a milestone of it.
    ch(app, '7');
    let p = app
        .screen::<Projects>()
        .and_then(|s| s.view.current().cloned())
        .expect("a project");
    let subjects = opens_then_back(app, ObjectKind::Project, p.id);
    assert_eq!(subjects[1], (ObjectKind::Account, p.account_id));
    key(app, KeyCode::Enter);
    assert!(app.top_view::<ProjectOverview>().is_some());
    opens_then_back(app, ObjectKind::Project, p.id);
    key(app, KeyCode::Esc);
    ch(app, 'M');
    let first = app
        .top_view::<ProjectMilestones>()
        .and_then(|v| v.current().cloned());
    match first {
        Some(ms) => {
            opens_then_back(app, ObjectKind::Milestone, ms.id);
        }
        None => {
            ch(app, 'H');
            assert_eq!(app.status.get().map(|s| s.kind), Some(StatusKind::Error));
        }
    }
}

#[test]
fn every_screen_binds_h_for_every_role_and_the_footer_shows_it() {
    for ctx in SCREENS.iter().flat_map(|e| e.contexts.iter()) {
        let history = keymap::groups(*ctx)
            .into_iter()
            .flat_map(|g| g.iter())
            .find(|b| b.keys.iter().any(|k| k.label() == "H"));
        let Some(binding) = history else {
            panic!("{}: no H", ctx.title)
        };
        for role in Role::ALL {
            assert!(binding.usable_by(role), "{}: {role:?}", ctx.title);
            assert!(
                keymap::footer(*ctx, role)
                    .iter()
                    .any(|(k, w)| k == "H" && *w == "history"),
                "{}: the footer of {role:?}",
                ctx.title
            );
        }
    }
    // The history view itself lists its keys for the docs and the help.
    let view = OTHER_VIEWS
        .iter()
        .find(|c| c.title == "Change history")
        .expect("registered for docs/keys.md");
    let help = keymap::help(*view, &[], Some(Role::Viewer));
    assert!(help.iter().any(|(k, _)| k == "Esc"), "{help:?}");
}

#[test]
fn a_viewer_reads_the_history_a_manager_cannot_change() {
    let (_dir, path, mut store) = demo_store();
    store.set_role("vera", Role::Viewer).unwrap();
    drop(store);
    let mut vera = app_as(&path, "vera");
    ch(&mut vera, '3');
    let doc = invoices(&vera).view.current().cloned().expect("an invoice");
    opens_then_back(&mut vera, ObjectKind::Invoice, doc.id);
    ch(&mut vera, '4');
    let line = progress(&vera)
        .lines
        .view
        .current()
        .cloned()
        .expect("a line");
    opens_then_back(&mut vera, ObjectKind::ContractLine, line.id);
}

/// The newest draft opened, its first line's amount changed to `amount` for `reason`.
fn change_first_line(app: &mut App, amount: &str, reason: &str) {
    ch(app, '3');
    let row = invoices(app).view.current().cloned().expect("invoices");
    assert_eq!(row.status, InvoiceStatus::Draft, "the newest is a draft");
    key(app, KeyCode::Enter);
    ch(app, 'm');
    fill(app, amount);
    key(app, KeyCode::Tab);
    typ(app, reason);
    ctrl(app, 's');
    assert_eq!(
        app.status.get().map(|s| s.kind),
        Some(StatusKind::Info),
        "{}",
        status_text(app)
    );
}

#[test]
fn a_draft_shows_its_line_amount_change_with_the_reason_labelled_by_line() {
    let mut f = demo_app();
    let app = &mut f.app;
    change_first_line(app, "1234.5", "client agreed");
    ch(app, 'H');
    let Some(v) = app.top_view::<HistoryView>() else {
        panic!("the history: {}", status_text(app))
    };
    assert!(v.labelled(), "an invoice's rows say which line they are of");
    let (rows, cursor) = v.rows.visible();
    assert_eq!(cursor, 0);
    // Newest first: the gross the change made, then the line's amount.
    assert_eq!(rows[0].field, "gross");
    assert_eq!(rows[1].field, "line 1 amount");
    assert_eq!(rows[1].new.as_deref(), Some("1234.50"));
    assert_eq!(rows[1].reason.as_deref(), Some("client agreed"));
    let text = screen(app, &f.path, 160, 48);
    assert!(text.contains("line 1"), "{text}");
    assert!(text.contains("1,234.50"), "{text}");
    assert!(text.contains("client agreed"), "{text}");
}

#[test]
fn money_is_shown_whole_at_80_columns() {
    let mut f = demo_app();
    draw(&mut f.app, 80, 24, &Theme::plain());
    change_first_line(&mut f.app, "987654321.98", "framework contract");
    ch(&mut f.app, 'H');
    ch(&mut f.app, 'j');
    let text = screen(&mut f.app, &f.path, 80, 24);
    // The row of the line's amount, in the table (not only in the full line under it).
    let row = text
        .lines()
        .find(|l| l.contains("amount") && l.contains("987,654,321.98"))
        .unwrap_or_else(|| panic!("the amount whole in its row:\n{text}"));
    assert!(row.contains("line 1"), "{row}");
}

#[test]
fn paging_reads_the_older_rows_and_the_end_is_the_creation() {
    let mut f = demo_app();
    let app = &mut f.app;
    change_first_line(app, "1000", "first");
    ch(app, 'H');
    ch(app, 'G');
    let Some(v) = app.top_view::<HistoryView>() else {
        panic!("the history")
    };
    let last = v.rows.current().expect("a row");
    assert_eq!(last.field, "created", "the oldest row is the creation");
    assert_eq!(v.rows.position(), v.rows.total().map(|t| t - 1));
    ch(app, 'g');
    let v = app.top_view::<HistoryView>().expect("still open");
    assert_eq!(v.rows.current().map(|r| r.field.as_str()), Some("gross"));
}

#[test]
fn history_of_an_edited_draft() {
    for (w, h) in SIZES {
        let mut f = demo_app();
        draw(&mut f.app, w, h, &Theme::plain());
        change_first_line(&mut f.app, "1234.5", "client agreed");
        ch(&mut f.app, 'H');
        let text = screen(&mut f.app, &f.path, w, h);
        insta::assert_snapshot!(format!("history_of_an_edited_draft_{w}x{h}"), text);
    }
}

#[test]
fn history_of_a_contract_line_and_its_periods() {
    snapshot_both!("history_of_a_contract_line", |app| {
        ch(app, '4');
        ch(app, 'H');
        assert!(app.top_view::<HistoryView>().is_some());
    });
}

#[test]
fn history_of_a_project_and_its_account() {
    snapshot_both!("history_of_a_project", |app| {
        ch(app, '7');
        ch(app, 'H');
        assert!(app.top_view::<HistoryView>().is_some());
    });
}
