//! Errors the console used to swallow: each is said on the status line (or beside the field),
//! after what succeeded, never instead of it. The database is broken under the console from a
//! second connection (a table renamed away), as a failing disk or a damaged file would.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::revenue_item::ItemSummary;
use finctl::app::{App, Overlay};
use std::path::Path;
use std::sync::Arc;
use support::console::*;

/// Runs SQL on the database behind the console's back.
fn sql(path: &Path, statement: &str) {
    let conn = rusqlite::Connection::open(path).expect("open a second connection");
    conn.execute_batch(statement).expect("the statement runs");
}

/// Regression: a reload error after a save was overwritten by "saved", so the screens showed
/// old figures and nothing said so.
#[test]
fn an_error_while_showing_a_save_is_added_to_the_saved_message() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    let row = seek_item_with(app, 100, is_manual_open);
    ch(app, 'e');
    typ(app, " (revised)");
    // The progress screen reads the contract lines: they go away under it.
    sql(
        &f.path,
        "ALTER TABLE contract_lines RENAME TO contract_lines_elsewhere",
    );
    ctrl(app, 's');
    let status = status_text(app);
    assert!(
        status.starts_with(&format!("item {} saved", row.id)),
        "{status}"
    );
    assert!(status.contains("Progress"), "{status}");
    assert!(status.contains("no such table: contract_lines"), "{status}");
    assert!(app.status.is_error(), "said as an error");
    let item = app.store().revenue_item(row.id).expect("the item");
    assert_eq!(
        item.name,
        format!("{} (revised)", row.name),
        "the save stands"
    );
}

/// Regression: a database error while looking up the milestone read "project has no milestone".
#[test]
fn a_database_error_looking_up_a_milestone_is_said_as_such() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    ch(app, 'n');
    typ(app, "P-0001");
    key(app, KeyCode::Tab);
    typ(app, "Kick-off");
    key(app, KeyCode::Tab); // Type
    key(app, KeyCode::Tab); // Billing rule
    key(app, KeyCode::Left); // milestone
    key(app, KeyCode::Tab); // Milestone
    typ(app, "M1");
    key(app, KeyCode::Tab); // Unit price
    key(app, KeyCode::Tab); // Planned amount
    typ(app, "100.00");
    sql(
        &f.path,
        "ALTER TABLE milestones RENAME TO milestones_elsewhere",
    );
    ctrl(app, 's');
    let status = status_text(app);
    assert!(status.contains("no such table: milestones"), "{status}");
    assert!(!status.contains("has no milestone"), "{status}");
    let Some(Overlay::Form(top)) = app.overlays.last() else {
        panic!("the form stays open with what was typed: {status}");
    };
    assert_eq!(top.form.value("Name"), "Kick-off");
    assert!(
        top.form
            .error
            .as_deref()
            .is_some_and(|e| e.contains("no such table")),
        "{:?}",
        top.form.error
    );
    assert!(
        top.form.fields.iter().all(|f| f
            .error
            .as_deref()
            .is_none_or(|e| !e.contains("has no milestone"))),
        "no field blames the milestone code"
    );
}

/// Regression: a view that failed to reload after a change stayed on screen with old figures,
/// silently.
#[test]
fn a_view_that_cannot_be_reloaded_is_said() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    let row = seek_item_with(app, 100, is_manual_open);
    key(app, KeyCode::Enter);
    assert!(
        app.top_view::<ItemSummary>().is_some(),
        "the summary is open"
    );
    ch(app, 'e');
    typ(app, " (revised)");
    // The summary reads the project's account; so do the lists.
    sql(&f.path, "ALTER TABLE accounts RENAME TO accounts_elsewhere");
    ctrl(app, 's');
    let status = status_text(app);
    assert!(
        status.starts_with(&format!("item {} saved", row.id)),
        "{status}"
    );
    assert!(status.contains("Revenue item summary"), "{status}");
    assert!(status.contains("no such table: accounts"), "{status}");
    assert!(app.status.is_error());
    assert!(
        app.top_view::<ItemSummary>().is_some(),
        "the summary stays, and the status line says it could not be shown anew"
    );
}

/// Regression: when the background thread died, footer totals never came ("counting…") and
/// nothing said why. Now the console says so and counts here.
#[test]
fn a_dead_background_thread_is_said_and_its_work_done_here() {
    let (_dir, _path, store) = demo_store();
    let mut app = App::new(store, today(), Some(Arc::new(|| {}))).expect("app");
    app.settle();
    ch(&mut app, '2');
    app.stop_list_thread_for_test();
    ch(&mut app, '/');
    typ(&mut app, "hosting");
    app.poll_background();
    let status = status_text(&app);
    assert!(status.contains("stopped"), "{status}");
    assert!(app.status.is_error());
    let list = item_list(&app);
    assert!(list.totals.is_some(), "totals are counted here instead");
    assert!(!app.is_filtering(), "the rows are here too");
    let (rows, _) = list.view.visible();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| format!("{} {} {}", r.name, r.project, r.account)
                .to_lowercase()
                .contains("hosting")),
        "the filter applies"
    );
}

/// Regression: when the list thread ended while keys waited for its rows, nothing woke the
/// console, so the keys waited for ever. Its end now wakes the console, which then finds it
/// gone, stops waiting and does the work here.
#[test]
fn a_background_thread_that_ends_wakes_the_console() {
    let (_dir, _path, store) = demo_store();
    let (tx, rx) = std::sync::mpsc::channel();
    let notify: finctl::app::background::Notify = Arc::new(move || {
        let _ = tx.send(());
    });
    let mut app = App::new(store, today(), Some(notify)).expect("app");
    app.settle();
    ch(&mut app, '2');
    ch(&mut app, '/');
    typ(&mut app, "hosting");
    key(&mut app, KeyCode::Enter);
    app.settle();
    app.stop_list_thread_for_test();
    // Wakes for answers given before may still come: the one that matters is the end's.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !status_text(&app).contains("stopped") {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        rx.recv_timeout(left)
            .expect("the thread's end wakes the console");
        app.poll_background();
    }
    assert!(!app.awaits_rows());
}

/// Issue "Records that hold": the fuzzer found a filter of more than 50,000 bytes (the longest
/// LIKE pattern SQLite takes) failing with "database error: LIKE or GLOB pattern too complex".
/// A filter holds at most 200 characters: more, pasted or typed, is refused with that said, and
/// the filter keeps what it held.
#[test]
fn a_filter_holds_at_most_200_characters() {
    let mut f = demo_app();
    let app = &mut f.app;
    for screen in ['1', '2', '3', '7'] {
        ch(app, screen);
        ch(app, '/');
        app.paste(&"x".repeat(60_000));
        assert!(app.status.is_error(), "screen {screen}");
        assert_eq!(
            status_text(app),
            "a filter holds at most 200 characters: nothing pasted",
            "screen {screen}"
        );
        app.paste(&"a".repeat(200));
        assert!(
            !status_text(app).contains("database error"),
            "screen {screen}: {}",
            status_text(app)
        );
        typ(app, "b");
        assert_eq!(
            status_text(app),
            "a filter holds at most 200 characters",
            "screen {screen}"
        );
        key(app, KeyCode::Enter);
        let held = match screen {
            '1' | '2' => item_list(app).filter.text.clone(),
            '3' => invoices(app).list.filter_text().to_string(),
            _ => String::new(),
        };
        if screen != '7' {
            assert_eq!(held, "a".repeat(200), "screen {screen}");
        }
        key(app, KeyCode::Esc);
    }
}
