//! Fuzzing the console's form readers, quick edits and filters: the headless console over the
//! demo company, every form opened as a user opens it, its fields pasted with arbitrary text or
//! with nearly valid figures, dates, percentages, plan parts and rates (a paste goes through the
//! same cleaning a terminal's paste does: no control characters, one line in a one-line field),
//! then saved with Ctrl-S; a form that a save opens is filled and saved in turn. Properties:
//!
//! 1. no panic;
//! 2. every refusal is a message that says something: a form that stays open after Ctrl-S
//!    shows an error (beside a field, for the whole form, or on the status line), and every
//!    error shown is not empty; a form that closes says what was done;
//! 3. a filter of any text shows its rows without an error of the database (the cases type
//!    on into the filter the case before left, so it grows to its 200 characters).
//!
//! What is accepted and written is checked by the store's own tests and `verify`: after the
//! run, the database still verifies.
//!
//! `cargo test --test integration fuzz_console::` runs proptest's default 256 cases per test;
//! the long run (docs/performance.md, "Fuzzing") sets `PROPTEST_CASES`.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::form::FieldKind;
use finctl::app::form::TextField;
use finctl::app::status_line::StatusLine;
use finctl::app::{App, Overlay};
use finctl::domain::invoice_status::InvoiceStatus;
use finctl::domain::numbering::DocumentKind;
use finctl::domain::revenue_status::{Origin, RevenueStatus};
use finctl::store::invoice_list::InvoiceListRow;
use finctl::store::item_list::ItemRow;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::cell::RefCell;
use support::console::*;

/// What a field may be given: its value kept, or a text pasted over it.
#[derive(Debug, Clone)]
enum Input {
    Keep,
    Paste(String),
    Choose(usize),
}

fn arbitrary() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(any::<char>(), 0..24).prop_map(|c| c.into_iter().collect()),
    ]
}

/// Text nearly valid for one field or another.
fn near() -> impl Strategy<Value = String> {
    prop_oneof![
        "-?[0-9]{0,14}([,.][0-9]{0,8}){0,2}",
        "[-0-9 ,.'\u{a0}%]{0,16}",
        "[0-9]{1,3}([.,][0-9]{1,6})? ?%",
        "(19[0-9]{2}|20[0-9]{2}|21[0-9]{2})-(0[0-9]|1[0-3])-([0-3][0-9])",
        "(19|20|21)[0-9]{2}-(0?[0-9]|1[0-3])",
        "[A-Za-z][A-Za-z0-9 ]{0,10}",
        "[a-z]{1,5}@[a-z]{1,5}\\.[a-z]{2}",
        "[A-Z]{2,3}",
        // Plan parts and rates, one per line.
        prop::collection::vec(
            prop_oneof![
                "[A-Za-z ]{1,8}; [0-9]{1,3}([.,][0-9]{1,3})?%; [-+][0-9]{1,4}",
                "[A-Za-z ]{1,8}; [0-9]{1,7}([.,][0-9]{2})?; 20[0-9]{2}-[01][0-9]-[0-3][0-9]",
                "[a-z]{1,6}; [0-9]{1,4}([.,][0-9]{2})?",
                "[a-z]{1,6}; [a-z]{1,6}; [0-9]{1,4}([.,][0-9]{2})?",
            ],
            1..4
        )
        .prop_map(|lines| lines.join("\n")),
    ]
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        4 => Just(Input::Keep),
        3 => near().prop_map(Input::Paste),
        2 => arbitrary().prop_map(Input::Paste),
        1 => Just(Input::Paste(String::new())),
        1 => (0usize..8).prop_map(Input::Choose),
    ]
}

/// Moves the cursor of the current item list to a row that `pred` accepts, from `from` rows
/// down; false if none within 150 rows.
fn seek(app: &mut App, from: usize, pred: impl Fn(&App, &ItemRow) -> bool) -> bool {
    rows_down(app, from);
    for _ in 0..150 {
        if let Some(row) = current_item(app)
            && pred(app, &row)
        {
            return true;
        }
        key(app, KeyCode::Down);
    }
    false
}

fn manual(app: &App, row: &ItemRow) -> bool {
    row.status == RevenueStatus::Open
        && app
            .store()
            .revenue_item(row.id)
            .is_ok_and(|item| item.origin == Origin::Manual)
}

/// A manual item open or billable (finance control shows the billable ones).
fn manual_not_invoiced(app: &App, row: &ItemRow) -> bool {
    matches!(row.status, RevenueStatus::Open | RevenueStatus::Billable)
        && app
            .store()
            .revenue_item(row.id)
            .is_ok_and(|item| item.origin == Origin::Manual)
}

/// Moves the invoice list's cursor to a row that `pred` accepts, from `from` rows down.
fn seek_invoice(app: &mut App, from: usize, pred: impl Fn(&InvoiceListRow) -> bool) -> bool {
    rows_down(app, from);
    for _ in 0..300 {
        if invoices(app).view.current().is_some_and(&pred) {
            return true;
        }
        ch(app, 'j');
    }
    false
}

/// How a form is opened: from finance control, `down` rows down the list it is opened from.
type Open = fn(&mut App, usize);

/// The forms, as a user opens each: from the finance control screen, with no overlay.
const FORMS: &[(&str, Open)] = &[
    ("horizon", |app, _| ch(app, 'h')),
    ("number format", |app, _| ch(app, '#')),
    ("new item", |app, _| {
        ch(app, '2');
        ch(app, 'n');
    }),
    ("edit item", |app, down| {
        ch(app, '2');
        if seek(app, down, manual) {
            ch(app, 'e');
        }
    }),
    ("copy item", |app, down| {
        ch(app, '2');
        rows_down(app, down);
        ch(app, 'p');
    }),
    ("credit note", |app, down| {
        ch(app, '3');
        let confirmed = |r: &InvoiceListRow| {
            r.status == InvoiceStatus::Confirmed && r.kind == DocumentKind::Invoice
        };
        if seek_invoice(app, down, confirmed) {
            ch(app, 'r');
        }
    }),
    ("draft dates", |app, down| {
        ch(app, '3');
        if seek_invoice(app, down % 8, |r| r.number.is_none()) {
            key(app, KeyCode::Enter);
            ch(app, 'e');
        }
    }),
    ("draft line amount", |app, down| {
        ch(app, '3');
        if seek_invoice(app, down % 8, |r| r.number.is_none()) {
            key(app, KeyCode::Enter);
            ch(app, 'm');
        }
    }),
    ("draft line text", |app, down| {
        ch(app, '3');
        if seek_invoice(app, down % 8, |r| r.number.is_none()) {
            key(app, KeyCode::Enter);
            ch(app, 'd');
        }
    }),
    ("new contract line", |app, _| {
        ch(app, '4');
        ch(app, 'n');
    }),
    ("pending period", |app, down| {
        ch(app, '4');
        rows_down(app, down % 8);
        ch(app, 'e');
    }),
    ("contract line", |app, down| {
        ch(app, '4');
        rows_down(app, down % 8);
        ch(app, 'E');
    }),
    ("estimated progress", |app, down| {
        ch(app, '4');
        rows_down(app, down % 8);
        ch(app, '%');
    }),
    ("next period", |app, _| {
        ch(app, '4');
        key(app, KeyCode::Enter);
        ch(app, 'n');
    }),
    ("milestone progress", |app, down| {
        ch(app, '5');
        rows_down(app, down % 30);
        ch(app, '%');
    }),
    ("billing plan", |app, down| {
        ch(app, '5');
        rows_down(app, down % 30);
        ch(app, 'P');
    }),
    ("report range", |app, _| {
        ch(app, '6');
        ch(app, 'r');
    }),
    ("new adjustment", |app, _| {
        ch(app, '6');
        ch(app, 'n');
    }),
    ("adjustments", |app, _| {
        ch(app, '6');
        ch(app, 'A');
        key(app, KeyCode::Enter);
    }),
    ("new project", |app, _| {
        ch(app, '7');
        ch(app, 'n');
    }),
    ("edit project", |app, down| {
        ch(app, '7');
        rows_down(app, down % 12);
        ch(app, 'e');
    }),
    ("account", |app, down| {
        ch(app, '7');
        rows_down(app, down % 12);
        ch(app, 'a');
    }),
    ("price list", |app, down| {
        ch(app, '7');
        rows_down(app, down % 12);
        ch(app, 'l');
    }),
    ("project rates", |app, down| {
        ch(app, '7');
        rows_down(app, down % 12);
        ch(app, 'r');
    }),
    ("new milestone", |app, _| {
        ch(app, '7');
        ch(app, 'M');
        ch(app, 'n');
    }),
];

/// Back to finance control with nothing open: Esc until every overlay, filter and quick edit
/// is gone (a form with changes asks first: yes, discard them).
fn reset(app: &mut App) {
    for _ in 0..12 {
        match app.overlays.last() {
            Some(Overlay::Dialog(_)) => ch(app, 'y'),
            Some(_) => key(app, KeyCode::Esc),
            None if app.context().is_text_entry() => key(app, KeyCode::Esc),
            None => break,
        }
    }
    assert!(app.overlays.is_empty(), "an overlay stays open");
    // The progress screen back on its contract lines.
    ch(app, '4');
    key(app, KeyCode::Esc);
    ch(app, '1');
}

/// Moves the cursor of the list on screen `down` rows from the top (after the recipe's screen
/// key), so that the cases open their forms on different rows.
fn rows_down(app: &mut App, down: usize) {
    ch(app, 'g');
    for _ in 0..down {
        ch(app, 'j');
    }
}

/// Every error the form shows says something.
fn form_errors(app: &App) -> Result<Option<String>, TestCaseError> {
    let Some(Overlay::Form(top)) = app.overlays.last() else {
        return Ok(None);
    };
    let mut shown = None;
    for f in &top.form.fields {
        if let Some(e) = &f.error {
            prop_assert!(!e.trim().is_empty(), "an empty error beside {}", f.label);
            shown = Some(format!("{}: {e}", f.label));
        }
    }
    if let Some(e) = &top.form.error {
        prop_assert!(!e.trim().is_empty(), "an empty error on {}", top.form.title);
        shown = Some(e.clone());
    }
    Ok(shown)
}

fn status_says_something(app: &App) -> Result<(), TestCaseError> {
    if app.status.is_error() {
        prop_assert!(!status_text(app).trim().is_empty(), "an empty error");
    }
    Ok(())
}

/// Fills the form on top with `inputs` (one per field, in order; what is left keeps its
/// value), saves it and checks what it shows. Returns whether another form opened on top.
fn fill_and_save(
    app: &mut App,
    inputs: &mut std::slice::Iter<'_, Input>,
) -> Result<bool, TestCaseError> {
    let Some(Overlay::Form(top)) = app.overlays.last_mut() else {
        return Ok(false);
    };
    let title = top.form.title.clone();
    for i in 0..top.form.fields.len() {
        let Some(input) = inputs.next() else { break };
        let Some(Overlay::Form(top)) = app.overlays.last_mut() else {
            break;
        };
        let field = &mut top.form.fields[i];
        match (&field.kind, input) {
            (FieldKind::ReadOnly(_), _) | (_, Input::Keep) => {}
            (FieldKind::Choice(options), Input::Choose(k)) => {
                field.choice = k % options.len().max(1);
            }
            (FieldKind::Choice(_), Input::Paste(_)) | (_, Input::Choose(_)) => {}
            (_, Input::Paste(text)) => {
                field.text = TextField::new("");
                top.form.focus = i;
                app.paste(text);
                status_says_something(app)?;
            }
        }
    }
    ctrl(app, 's');
    status_says_something(app)?;
    let shown = form_errors(app)?;
    match app.overlays.last() {
        Some(Overlay::Form(top)) if top.form.title == title => {
            prop_assert!(
                shown.is_some() || (app.status.is_error() && !status_text(app).trim().is_empty()),
                "{title}: Ctrl-S kept the form open without saying why"
            );
            Ok(false)
        }
        Some(Overlay::Form(_)) => Ok(true),
        Some(_) => Ok(false),
        None => {
            prop_assert!(
                !status_text(app).trim().is_empty(),
                "{title}: saved without a word"
            );
            Ok(false)
        }
    }
}

/// Runs `cases` of `strategy` against one console over the demo company, resetting it before
/// each case, then checks the database.
fn run_on_console<S: Strategy>(
    strategy: S,
    test: impl Fn(&mut App, S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let fixture = RefCell::new(demo_app());
    let mut runner = TestRunner::new(Config::default());
    let result = runner.run(&strategy, |value| {
        let mut f = fixture.borrow_mut();
        reset(&mut f.app);
        test(&mut f.app, value)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let f = fixture.borrow();
    let violations = f.app.store().verify().expect("verify");
    assert!(violations.is_empty(), "{violations:#?}");
}

/// Every form, filled and saved (up to three forms deep), from a console whose state the
/// cases before left.
#[test]
fn fuzz_forms() {
    run_on_console(
        (
            0..FORMS.len(),
            0usize..60,
            prop::collection::vec(input(), 0..40),
        ),
        |app, (form, down, inputs)| {
            let (name, open) = FORMS[form];
            open(app, down);
            status_says_something(app)?;
            let mut inputs = inputs.iter();
            for _ in 0..3 {
                if !matches!(app.overlays.last(), Some(Overlay::Form(_))) {
                    break;
                }
                if !fill_and_save(app, &mut inputs)
                    .map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?
                {
                    break;
                }
            }
            Ok(())
        },
    );
}

/// The quick edits of a planned date and a planned amount, on both item lists.
#[test]
fn fuzz_quick_edits() {
    run_on_console(
        (
            any::<bool>(),
            any::<bool>(),
            0usize..60,
            prop_oneof![near(), arbitrary()],
        ),
        |app, (all_items, amount, down, text)| {
            if all_items {
                ch(app, '2');
            }
            if !seek(app, down, manual_not_invoiced) {
                return Ok(());
            }
            ch(app, if amount { 'm' } else { 't' });
            if !app.context().is_text_entry() {
                status_says_something(app)?;
                return Ok(());
            }
            // Clear what it starts with, then paste.
            backspace(app, 30);
            app.paste(&text);
            status_says_something(app)?;
            key(app, KeyCode::Enter);
            status_says_something(app)?;
            let said = !status_text(app).trim().is_empty();
            if app.context().is_text_entry() {
                prop_assert!(
                    app.status.is_error() && said,
                    "{text:?}: kept without a refusal"
                );
            } else {
                prop_assert!(said, "{text:?}: the quick edit ended without a word");
            }
            Ok(())
        },
    );
}

/// The `/` filter of every list with one: any text shows its rows (or none) and its totals,
/// never an error of the database.
#[test]
fn fuzz_filters() {
    run_on_console(
        (
            prop::sample::select(vec!['1', '2', '3', '7']),
            prop_oneof![
                near(),
                arbitrary(),
                "[%_\\\\\"'*()^:-]{1,6}[a-z]{0,4}",
                "(services|Helix|2026-0|P-00|NEAR|AND|OR|NOT)[ \"*]{0,3}",
            ],
        ),
        |app, (screen, text)| {
            ch(app, screen);
            ch(app, '/');
            app.status = StatusLine::default();
            app.paste(&text);
            key(app, KeyCode::Enter);
            // Refused (a paste of several lines, a filter past 200 characters) or taken; never
            // a database error (a filter past SQLite's longest LIKE pattern was one).
            prop_assert!(
                !status_text(app).contains("database error"),
                "{text:?} on screen {screen}: {}",
                status_text(app)
            );
            status_says_something(app)?;
            if matches!(screen, '1' | '2') {
                // The footer's totals are the store's for the filter the list took.
                let list = item_list(app);
                let direct = app.store().item_totals(&list.filter);
                prop_assert!(direct.is_ok(), "{text:?}: {direct:?}");
                if let (Some(shown), Ok(direct)) = (&list.totals, direct) {
                    prop_assert_eq!(shown, &direct, "{:?}", text);
                }
                let rows = app.store().item_first_rows(&list.filter, 50);
                prop_assert!(rows.is_ok(), "{text:?}: {rows:?}");
            }
            Ok(())
        },
    );
}

/// The harness reaches what it fuzzes: a form opens, a paste lands in its field, a filter is
/// taken and its totals are the store's.
#[test]
fn the_harness_reaches_forms_and_filters() {
    let mut f = demo_app();
    let app = &mut f.app;
    reset(app);
    FORMS[2].1(app, 0);
    assert!(
        matches!(app.overlays.last(), Some(Overlay::Form(_))),
        "{}",
        status_text(app)
    );
    let mut inputs = [Input::Keep, Input::Paste("Fuzzed".into())].to_vec();
    inputs.truncate(2);
    let stayed = fill_and_save(app, &mut inputs.iter()).map_err(|e| e.to_string());
    assert_eq!(stayed, Ok(false));
    assert!(
        form_errors(app).unwrap().is_some(),
        "a new item without a project is refused"
    );
    reset(app);
    ch(app, '2');
    ch(app, '/');
    app.paste("Helix");
    key(app, KeyCode::Enter);
    let list = item_list(app);
    assert_eq!(list.filter.text, "Helix");
    let totals = list.totals.clone().expect("footer totals");
    assert!(totals.iter().map(|t| t.count).sum::<i64>() > 0);
    assert_eq!(app.store().item_totals(&list.filter).unwrap(), totals);
}
