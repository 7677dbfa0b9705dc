//! Pickers: a form field naming a project or a milestone lists the matching choices as the user
//! types; the arrows move in the list, Enter takes the highlighted one, Esc closes the list and
//! not the form. Keys in one burst act on the list the keys before them produced.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::form::Form;
use finctl::app::keymap::shared::{PICK_FIELD, PICK_LIST};
use finctl::app::{App, Overlay};
use finctl::store::pickers::PickOf;
use support::console::*;

fn form(app: &App) -> &Form {
    match app.overlays.last() {
        Some(Overlay::Form(top)) => &top.form,
        other => panic!(
            "expected a form, got {:?}",
            other.map(|_| "another overlay")
        ),
    }
}

fn choices(app: &App) -> Vec<String> {
    let f = form(app);
    f.focused()
        .map(|field| field.list.options.iter().map(|o| o.key.clone()).collect())
        .unwrap_or_default()
}

/// The new item form on the revenue items screen, its project picker focused.
fn new_item(app: &mut App) {
    ch(app, '2');
    ch(app, 'n');
    assert_eq!(app.context(), PICK_FIELD);
}

#[test]
fn typing_narrows_the_projects_and_enter_takes_the_highlighted_one() {
    let mut f = demo_app();
    let app = &mut f.app;
    new_item(app);
    typ(app, "00");
    assert_eq!(app.context(), PICK_LIST, "typing opens the list");
    let wanted = app.store().pick(PickOf::Project, "00").unwrap();
    assert!(wanted.len() > 2, "the demo has several projects");
    assert_eq!(
        choices(app),
        wanted.iter().map(|o| o.key.clone()).collect::<Vec<_>>()
    );
    key(app, KeyCode::Down);
    key(app, KeyCode::Down);
    key(app, KeyCode::Up);
    key(app, KeyCode::Enter);
    assert_eq!(form(app).value("Project"), wanted[1].key);
    assert_eq!(form(app).fields[0].chosen(), Some(wanted[1].id));
    assert_eq!(
        form(app).focus,
        1,
        "Enter took the choice and went on to the name"
    );
    assert!(!form(app).fields[0].list.open, "the list closed");
    // Back on it, typing forgets the choice and narrows anew.
    key(app, KeyCode::BackTab);
    assert_eq!(app.context(), PICK_FIELD);
    backspace(app, 1);
    assert_eq!(form(app).focused().unwrap().chosen(), None);
    assert_eq!(app.context(), PICK_LIST);
}

#[test]
fn esc_closes_the_list_first_then_the_form() {
    let mut f = demo_app();
    let app = &mut f.app;
    new_item(app);
    typ(app, "P-");
    assert_eq!(app.context(), PICK_LIST);
    key(app, KeyCode::Esc);
    assert_eq!(app.context(), PICK_FIELD);
    assert_eq!(form(app).value("Project"), "P-", "the text stays as typed");
    // Ctrl-Space opens the list again without typing.
    app.handle_key(crossterm::event::KeyEvent::new(
        KeyCode::Char(' '),
        crossterm::event::KeyModifiers::CONTROL,
    ));
    assert_eq!(app.context(), PICK_LIST);
    assert!(!choices(app).is_empty());
    // Tab leaves the field: the list closes, the text stays.
    key(app, KeyCode::Tab);
    assert_eq!(form(app).value("Project"), "P-");
    assert!(form(app).fields.iter().all(|field| !field.list.open));
}

#[test]
fn a_burst_of_keys_takes_the_choice_the_typed_text_lists() {
    let mut f = demo_app();
    let app = &mut f.app;
    new_item(app);
    // Pasted or typed ahead: the text, Down, Enter arrive before any drawing.
    let wanted = app.store().pick(PickOf::Project, "P-000").unwrap();
    for c in "P-000".chars() {
        ch(app, c);
    }
    key(app, KeyCode::Down);
    key(app, KeyCode::Enter);
    assert_eq!(form(app).value("Project"), wanted[1].key);
}

#[test]
fn the_milestone_picker_lists_the_milestones_of_the_project_typed() {
    let mut f = demo_app();
    let app = &mut f.app;
    let with_milestones: String = app
        .store()
        .conn()
        .query_row(
            "SELECT p.code FROM projects p JOIN milestones m ON m.project_id = p.id \
             GROUP BY p.id ORDER BY count(*) DESC, p.code LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let theirs = app
        .store()
        .pick(
            PickOf::Milestone {
                project_code: &with_milestones,
            },
            "",
        )
        .unwrap();
    assert!(!theirs.is_empty());
    new_item(app);
    typ(app, &with_milestones);
    key(app, KeyCode::Enter);
    assert_eq!(form(app).value("Project"), with_milestones);
    // On to the milestone field.
    while form(app).focused().unwrap().label != "Milestone" {
        key(app, KeyCode::Tab);
    }
    app.handle_key(crossterm::event::KeyEvent::new(
        KeyCode::F(4),
        crossterm::event::KeyModifiers::NONE,
    ));
    assert_eq!(
        choices(app),
        theirs.iter().map(|o| o.key.clone()).collect::<Vec<_>>()
    );
}

#[test]
fn nothing_matching_is_said_in_the_list() {
    let mut f = demo_app();
    let app = &mut f.app;
    new_item(app);
    typ(app, "zzz");
    assert!(choices(app).is_empty());
    let text = screen(app, &f.path, 80, 24);
    assert!(text.contains("nothing matches \"zzz\""), "{text}");
    // Nothing to take: Enter is the form's (on to the next field), the text stays for the
    // save to refuse beside the field.
    key(app, KeyCode::Enter);
    assert_eq!(form(app).focus, 1);
    assert_eq!(form(app).value("Project"), "zzz");
    ctrl(app, 's');
    assert_eq!(
        form(app).field("Project").and_then(|f| f.error.clone()),
        Some("no project with code \"zzz\"".to_string())
    );
}

#[test]
fn enter_on_the_last_field_takes_the_choice_and_saves() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '5');
    ch(app, 'P');
    fill(app, "p-0005");
    key(app, KeyCode::Enter);
    let Some(Overlay::Form(top)) = app.overlays.last() else {
        panic!("the plan form opens");
    };
    assert!(top.form.title.contains("P-0005"), "{}", top.form.title);
}

#[test]
fn the_open_list_is_drawn_under_its_field_at_both_sizes() {
    snapshot_both!("project_list", |app: &mut App| {
        new_item(app);
        typ(app, "P-00");
        key(app, KeyCode::Down);
    });
}
