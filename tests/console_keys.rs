//! Every key of the key table reaches a handler that does something on its screen: for each
//! context of each registered screen (and the shared ones), the console is led there and each
//! binding's keys are pressed, one console per key; the key must be answered (not "in the key
//! table but nothing answers it") and must change what is on the terminal (the screen, the
//! status line, or quit). A context without a way to reach it below fails the test, so a new
//! screen adds its recipe here (see docs/architecture.md, "Adding a screen").

use crate::support;

use crossterm::event::{KeyCode, KeyEvent};
use finctl::app::keymap::{self, Cmd, Context, Key, shared};
use finctl::app::screens::{OTHER_VIEWS, SCREENS};
use finctl::app::{App, KeyResult};
use finctl::ui::Theme;
use ratatui::buffer::Buffer;
use support::console::*;

const WIDTH: u16 = 160;
const HEIGHT: u16 = 48;

/// The keys that lead from a fresh console to a context; `None` when there is no recipe.
fn reach(app: &mut App, ctx: Context) -> Option<()> {
    match ctx.title {
        "Finance control" => {}
        "Revenue items" => ch(app, '2'),
        "Invoices" => ch(app, '3'),
        "Progress: contract lines" => ch(app, '4'),
        "Progress: periods of a line" => {
            ch(app, '4');
            key(app, KeyCode::Enter);
        }
        "Milestones and plans" => ch(app, '5'),
        "Revenue and billing" => ch(app, '6'),
        "What a figure is made of" => {
            ch(app, '6');
            // A figure made of several lines.
            for _ in 0..60 {
                key(app, KeyCode::Enter);
                if status_text(app).contains("line(s)") && !status_text(app).starts_with("1 ") {
                    return Some(());
                }
                key(app, KeyCode::Esc);
                ch(app, 'j');
            }
            panic!("no report figure of several lines");
        }
        "Revenue item summary" => {
            ch(app, '2');
            key(app, KeyCode::Enter);
        }
        "Draft invoice" | "Confirmed invoice" => {
            ch(app, '3');
            let draft = ctx.title == "Draft invoice";
            for _ in 0..200 {
                let row = invoices(app).view.current().cloned().expect("invoice rows");
                if row.number.is_none() == draft && row.lines > 1 {
                    key(app, KeyCode::Enter);
                    return Some(());
                }
                ch(app, 'j');
            }
            panic!("no {} of several lines", ctx.title);
        }
        "Form" => {
            ch(app, '2');
            ch(app, 'n');
            // Past the project picker, to the name.
            key(app, KeyCode::Tab);
        }
        "Form: a picker" => {
            ch(app, '2');
            ch(app, 'n');
        }
        "Form: a picker's choices" => {
            ch(app, '2');
            ch(app, 'n');
            typ(app, "P-");
        }
        "Dialog" => {
            ch(app, '2');
            seek_item_with(app, 100, is_manual_open);
            key(app, KeyCode::Delete);
        }
        "Filter" => {
            ch(app, '2');
            ch(app, '/');
        }
        "Quick edit" => {
            ch(app, '2');
            seek_item_with(app, 100, is_manual_open);
            ch(app, 't');
        }
        "Projects" => ch(app, '7'),
        "Project billing overview" => {
            ch(app, '7');
            key(app, KeyCode::Enter);
        }
        "Milestones of a project" => {
            ch(app, '7');
            ch(app, 'M');
        }
        "Cost rates" => {
            ch(app, '7');
            ch(app, 'K');
        }
        "Help" => ch(app, '?'),
        // A contract line's history: its periods' rows make it long enough to move in.
        "Change history" => {
            ch(app, '4');
            ch(app, 'H');
        }
        // The console opens on it over an empty database (see `app_for`).
        "Welcome" => {}
        _ => return None,
    }
    Some(())
}

fn press(app: &mut App, key: &Key) -> KeyResult {
    app.handle_key(KeyEvent::new(key.code, key.mods))
}

/// Before a motion, the cursor goes where the motion can be seen: away from the end it moves
/// to, with the context's own keys.
fn prepare(app: &mut App, ctx: Context, cmd: Cmd) {
    let key_of = |wanted: Cmd| {
        keymap::groups(ctx)
            .into_iter()
            .flat_map(|g| g.iter())
            .find(|b| b.cmd == wanted)
            .and_then(|b| b.keys.first().copied())
    };
    match cmd {
        // Two rows down: up, a page up and the top all show from there.
        Cmd::Up | Cmd::PageUp | Cmd::Top => {
            if let Some(k) = key_of(Cmd::Down) {
                press(app, &k);
                press(app, &k);
            }
        }
        Cmd::Down | Cmd::PageDown | Cmd::Bottom => {
            if let Some(k) = key_of(Cmd::Top) {
                press(app, &k);
            }
        }
        _ => {}
    }
}

/// The terminal as drawn: characters and their styles (the cursor is reverse video).
fn drawn(app: &mut App) -> Buffer {
    draw(app, WIDTH, HEIGHT, &Theme::plain())
        .backend()
        .buffer()
        .clone()
}

#[test]
fn every_key_of_every_context_is_answered_and_shows() {
    let f = demo_app();
    let exports = tempfile::tempdir().expect("temp dir");
    let mut contexts: Vec<Context> = SCREENS
        .iter()
        .flat_map(|e| e.contexts.iter().copied())
        .collect();
    contexts.extend(OTHER_VIEWS);
    contexts.extend(shared::SHARED_CONTEXTS);
    let empty = tempfile::tempdir().expect("temp dir");
    let empty_db = empty.path().join("empty.db");
    drop(finctl::store::Store::open(&empty_db, USER).expect("an empty database"));
    let mut failures = Vec::new();
    let mut pressed = 0;
    for ctx in contexts {
        for binding in keymap::groups(ctx).into_iter().flat_map(|g| g.iter()) {
            for k in binding.keys {
                // The welcome is what an empty database opens on; the rest need the demo.
                let db = if ctx.title == "Welcome" {
                    &empty_db
                } else {
                    &f.path
                };
                let mut app = app_as(db, USER);
                app.set_export_dir(exports.path().to_path_buf());
                draw(&mut app, WIDTH, HEIGHT, &Theme::plain());
                if reach(&mut app, ctx).is_none() {
                    failures.push(format!("{}: no way to reach it in this test", ctx.title));
                    break;
                }
                assert_eq!(app.context(), ctx, "reached {}", ctx.title);
                prepare(&mut app, ctx, binding.cmd);
                let shown = app.screens.current_index();
                let before = drawn(&mut app);
                let result = press(&mut app, k);
                pressed += 1;
                let after = drawn(&mut app);
                let what = format!("{} in {} ({:?})", k.label(), ctx.title, binding.cmd);
                if result != KeyResult::Done {
                    failures.push(format!("{what}: {result:?}: {}", status_text(&app)));
                    continue;
                }
                // The digit of the screen on show leaves it as it is: nothing to see.
                let same_screen = binding.cmd == Cmd::GoTab(shown) && app.overlays.is_empty();
                if before == after && !app.should_quit() && !same_screen {
                    failures.push(format!("{what}: nothing changed on the terminal"));
                }
            }
        }
    }
    assert!(pressed > 150, "only {pressed} keys pressed");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
