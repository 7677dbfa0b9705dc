//! Refused before asking: a role that may not do a thing is told so when it presses the key,
//! before any dialog or form, and the footer shows only the keys the role can use. A quick edit
//! of an item that cannot change is refused when pressed, not after typing.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::App;
use finctl::app::keymap::{self, Context};
use finctl::app::status_line::StatusKind;
use finctl::domain::revenue_status::{Origin, RevenueStatus};
use finctl::domain::rights::Role;
use support::console::*;
use support::store::demo_store;

fn footer_keys(app: &App) -> Vec<String> {
    keymap::footer(app.context(), app.store().actor().role)
        .into_iter()
        .map(|(key, word)| format!("{key} {word}"))
        .collect()
}

fn refused_at_once(app: &App, who: &str, what: &str) {
    assert!(
        app.overlays.is_empty(),
        "{what}: nothing opens, no dialog asks"
    );
    assert_eq!(app.status.get().map(|s| s.kind), Some(StatusKind::Error));
    let text = status_text(app);
    assert!(text.contains(who), "{what}: {text}");
}

fn users() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path, mut store) = demo_store();
    store.set_role("vera", Role::Viewer).unwrap();
    store.set_role("max", Role::Manager).unwrap();
    drop(store);
    (dir, path)
}

#[test]
fn a_manager_is_refused_drafts_and_confirming_at_the_key() {
    let (_dir, path) = users();
    let mut max = app_as(&path, "max");
    ch(&mut max, '1');
    ch(&mut max, 'i');
    refused_at_once(&max, "max is manager: only finance and admins", "i");
    ch(&mut max, 'c');
    refused_at_once(&max, "only finance and admins may confirm", "c");
    ch(&mut max, '3');
    for k in ['c', 'r'] {
        ch(&mut max, k);
        refused_at_once(&max, "max is manager", &k.to_string());
    }
    key(&mut max, KeyCode::Delete);
    refused_at_once(&max, "max is manager", "Delete");
    // Milestones and progress of a project max does not manage: refused before the dialog.
    ch(&mut max, '5');
    ch(&mut max, 'm');
    refused_at_once(&max, "max is manager, not of project", "m on milestones");
    ch(&mut max, '4');
    for k in ['v', 'R', 'E'] {
        ch(&mut max, k);
        refused_at_once(&max, "max is manager, not of project", &k.to_string());
    }
}

#[test]
fn a_viewer_cannot_open_a_quick_edit_or_an_item_form() {
    let (_dir, path) = users();
    let mut vera = app_as(&path, "vera");
    ch(&mut vera, '2');
    for k in ['t', 'm', 'n', 'e', 'p'] {
        ch(&mut vera, k);
        refused_at_once(&vera, "vera is viewer", &k.to_string());
        assert!(items(&vera).list.quick.is_none(), "{k} opened a quick edit");
    }
}

#[test]
fn the_footer_shows_only_the_keys_the_role_can_use() {
    let (_dir, path) = users();
    /// A user on a screen, the footer entries they must not see and some they must.
    type Case = (
        &'static str,
        char,
        Context,
        &'static [&'static str],
        &'static [&'static str],
    );
    let cases: [Case; 3] = [
        (
            "vera",
            '1',
            finctl::app::finance_control::keys::FINANCE_CONTROL,
            &["i invoice", "c confirm", "b billable", "t date", "m amount"],
            &["? help", "q quit"],
        ),
        (
            "max",
            '1',
            finctl::app::finance_control::keys::FINANCE_CONTROL,
            &["i invoice", "c confirm"],
            &["b billable", "t date"],
        ),
        (
            "max",
            '3',
            finctl::app::invoices::keys::INVOICES,
            &["c confirm", "r credit", "e edit"],
            &["? help"],
        ),
    ];
    for (user, tab, ctx, hidden, shown) in cases {
        let mut app = app_as(&path, user);
        ch(&mut app, tab);
        assert_eq!(app.context(), ctx);
        let footer = footer_keys(&app);
        for h in hidden {
            assert!(!footer.iter().any(|f| f == h), "{user}: {h} in {footer:?}");
        }
        for s in shown {
            assert!(
                footer.iter().any(|f| f == s),
                "{user}: {s} not in {footer:?}"
            );
        }
    }
    // Finance sees them all.
    let mut f = demo_app();
    ch(&mut f.app, '1');
    let footer = footer_keys(&f.app);
    assert!(footer.iter().any(|k| k == "i invoice"), "{footer:?}");
}

/// Regression: `m` on an item on a draft invoice opened the quick edit; the refusal came after
/// the amount was typed.
#[test]
fn a_quick_edit_of_an_item_that_cannot_change_is_refused_when_pressed() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    let row = seek_item_with(app, 400, |store, r| {
        r.status == RevenueStatus::DraftInvoice
            && store
                .revenue_item(r.id)
                .is_ok_and(|i| i.origin == Origin::Manual)
    });
    ch(app, 'm');
    assert!(items(app).list.quick.is_none(), "the quick edit stays shut");
    let text = status_text(app);
    assert!(
        text == format!(
            "item {}: the item is draft invoice: its amount cannot be changed",
            row.id
        ),
        "{text}"
    );
    // Its date can still move.
    ch(app, 't');
    assert!(items(app).list.quick.is_some(), "{}", status_text(app));
}
