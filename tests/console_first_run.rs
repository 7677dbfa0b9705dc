//! The console on a database nothing has come into yet: it opens on a welcome that says how data
//! comes in, and the screens behind it are empty but work.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::App;
use finctl::app::welcome::Welcome;
use finctl::store::Store;
use support::console::*;
use tempfile::TempDir;

/// An empty database (what `finctl init` makes) and the console over it.
fn empty_app() -> (TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("finctl.db");
    let store = Store::open(&path, USER).expect("open store");
    let app = App::new(store, today(), None).expect("app");
    (dir, app)
}

#[test]
fn an_empty_database_opens_on_the_welcome_at_both_sizes() {
    for (w, h) in SIZES {
        let (dir, mut app) = empty_app();
        draw(&mut app, w, h, &finctl::ui::Theme::plain());
        let welcome = app
            .overlays
            .last_mut()
            .and_then(|o| o.view_mut::<Welcome>())
            .expect("the welcome is on top");
        welcome.database = "/tmp/finctl-test/finctl.db".into();
        let text = screen(&mut app, &dir.path().join("finctl.db"), w, h);
        assert!(text.contains("import accounts FILE"), "{text}");
        assert!(text.contains("docs/import.md"), "{text}");
        assert!(text.contains("finctl --demo"), "{text}");
        insta::assert_snapshot!(format!("welcome_{w}x{h}"), text);
    }
}

#[test]
fn the_welcome_closes_and_the_empty_screens_work() {
    let (_dir, mut app) = empty_app();
    assert!(app.top_view::<Welcome>().is_some());
    key(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty(), "Esc closes the welcome");
    for c in ['1', '2', '3', '4', '5', '6'] {
        ch(&mut app, c);
        ch(&mut app, 'j');
        assert!(
            !app.status.is_error() || status_text(&app).contains("nothing"),
            "{c}: {}",
            status_text(&app)
        );
    }
    ch(&mut app, '2');
    ch(&mut app, 'n');
    assert!(
        matches!(app.overlays.last(), Some(finctl::app::Overlay::Form(_))),
        "a new item can be started (its project is then asked for)"
    );
}

#[test]
fn a_database_with_accounts_opens_without_the_welcome() {
    let f = demo_app();
    assert!(f.app.overlays.is_empty());
}
