//! Numbers read the way the user writes them: the figures typed into the console's forms and
//! quick edits are read under the user's number format, a text that reads two ways is refused
//! beside its field with both readings, and the screens show figures in that format.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::form::Form;
use finctl::app::number_format_form::FORMAT;
use finctl::app::progress::Billed;
use finctl::app::revenue_item::item_form::{AMOUNT, UNIT_PRICE};
use finctl::app::{App, Overlay};
use finctl::domain::NumberFormat;
use finctl::domain::invoice_status::InvoiceStatus;
use finctl::domain::numbering::DocumentKind;
use finctl::presentation::money;
use finctl::store::Store;
use finctl::ui::Theme;
use support::console::*;

/// The form on top, or a panic saying what the status line says instead.
fn open_form(app: &App) -> &Form {
    match app.overlays.last() {
        Some(Overlay::Form(top)) => &top.form,
        _ => panic!("the form stays open: {}", status_text(app)),
    }
}

fn error_of(form: &Form, label: &str) -> String {
    form.field(label)
        .and_then(|f| f.error.clone())
        .unwrap_or_default()
}

/// A new item on P-0001 named `name`, its amount typed as `amount`, saved with Ctrl-S.
fn new_item_with_amount(app: &mut App, name: &str, amount: &str) {
    ch(app, '2');
    ch(app, 'n');
    typ(app, "P-0001");
    key(app, KeyCode::Tab);
    typ(app, name);
    // Type, Billing rule, Milestone, Unit price: as they are.
    for _ in 0..5 {
        key(app, KeyCode::Tab);
    }
    typ(app, amount);
    ctrl(app, 's');
}

/// The bug of issue 11: under the default format (`1,234.56`) `1234,56` was stored as
/// 123,456.00. It is refused beside the amount, saying what it would mean, and the form keeps
/// the text.
#[test]
fn a_decimal_comma_under_a_decimal_point_format_is_refused_beside_the_field() {
    let mut f = demo_app();
    let app = &mut f.app;
    let before = app.store().revenue_item_count().unwrap();
    new_item_with_amount(app, "Decimal comma", "1234,56");
    let form = open_form(app);
    let error = error_of(form, AMOUNT);
    assert!(error.contains("1234.56"), "{error:?}");
    assert!(error.contains("\".\""), "names the decimal mark: {error:?}");
    assert!(!error.contains("123456"), "{error:?}");
    assert_eq!(form.value(AMOUNT), "1234,56", "what was typed stays");
    assert_eq!(app.store().revenue_item_count().unwrap(), before);
}

/// `1,5` was stored as 15.00: it is refused too, saying it would be 1.5.
#[test]
fn one_comma_five_is_not_fifteen() {
    let mut f = demo_app();
    let app = &mut f.app;
    let before = app.store().revenue_item_count().unwrap();
    new_item_with_amount(app, "One and a half", "1,5");
    let form = open_form(app);
    let error = error_of(form, AMOUNT);
    assert!(error.contains("1.5"), "{error:?}");
    assert_eq!(form.value(AMOUNT), "1,5");
    assert_eq!(app.store().revenue_item_count().unwrap(), before);
}

/// `#`, the number format form, set to `sample` (whatever it showed) and saved.
fn choose_format(app: &mut App, sample: &str) {
    ch(app, '#');
    for _ in 0..5 {
        if open_form(app).value(FORMAT) == sample {
            break;
        }
        ch(app, ' ');
    }
    assert_eq!(open_form(app).value(FORMAT), sample);
    ctrl(app, 's');
    assert!(app.overlays.is_empty(), "saved: {}", status_text(app));
}

/// The demo console as its user after choosing `1.234,56` (kept in the database).
fn decimal_comma_app() -> (Fixture, App) {
    let f = demo_app();
    {
        let mut store = Store::open(&f.path, USER).unwrap();
        store
            .set_number_format(USER, Some(NumberFormat::PointComma))
            .unwrap();
    }
    let app = app_as(&f.path, USER);
    (f, app)
}

/// Issue 11: a user of `1.234,56` types `1234,56` and `1,5` and gets what they wrote.
#[test]
fn a_decimal_comma_user_types_amounts_as_they_write_them() {
    let (_f, mut app) = decimal_comma_app();
    let app = &mut app;
    assert_eq!(app.numbers(), NumberFormat::PointComma);
    for (typed, stored) in [
        ("1234,56", "1234.56"),
        ("1,5", "1.50"),
        ("1.234,5", "1234.50"),
    ] {
        new_item_with_amount(app, typed, typed);
        assert!(app.overlays.is_empty(), "{typed}: {}", status_text(app));
        let id: i64 = status_text(app)
            .split_whitespace()
            .nth(1)
            .and_then(|n| n.parse().ok())
            .expect("item N created");
        let item = app.store().revenue_item(id).unwrap();
        assert_eq!(item.planned_amount.to_string(), stored, "{typed}");
    }
    // `1.5` is the other convention's: refused with what it would be, the text kept.
    new_item_with_amount(app, "Point", "1.5");
    let form = open_form(app);
    assert!(
        error_of(form, AMOUNT).ends_with("type 1,5"),
        "{}",
        error_of(form, AMOUNT)
    );
    assert_eq!(form.value(AMOUNT), "1.5");
}

/// The quick amount edit starts from the amount in the user's format and reads it back so;
/// the row then shows the new amount grouped in that format.
#[test]
fn the_quick_amount_edit_reads_the_users_format() {
    let (f, mut app) = decimal_comma_app();
    let app = &mut app;
    draw(app, 160, 48, &Theme::plain());
    ch(app, '2');
    let row = seek_item_with(app, 100, is_manual_open);
    ch(app, 'm');
    let quick = item_list(app).quick.clone().expect("quick edit open");
    let mut plain = row.amount.amount;
    plain.rescale(2);
    assert_eq!(quick.text, plain.to_string().replace('.', ","));
    backspace(app, 30);
    typ(app, "2.500,75");
    key(app, KeyCode::Enter);
    assert!(item_list(app).quick.is_none(), "{}", status_text(app));
    let item = app.store().revenue_item(row.id).unwrap();
    assert_eq!(item.planned_amount.to_string(), "2500.75");
    let shown = screen(app, &f.path, 160, 48);
    assert!(shown.contains("2.500,75"), "{shown}");
    // Under `1,234.56` the same text is refused beside the row, and the edit keeps it.
    choose_format(app, "1,234.56");
    ch(app, 'm');
    backspace(app, 30);
    typ(app, "2500,75");
    key(app, KeyCode::Enter);
    let quick = item_list(app).quick.clone().expect("the edit stays open");
    assert_eq!(quick.text, "2500,75");
    let error = quick.error.unwrap_or_default();
    assert!(error.ends_with("type 2500.75"), "{error}");
    assert_eq!(
        app.store()
            .revenue_item(row.id)
            .unwrap()
            .planned_amount
            .to_string(),
        "2500.75"
    );
}

/// Under `1,234.56` a lone comma with three digits reads two ways where the three digits could
/// be decimals of the field (a unit price has up to 6): refused with both readings. An amount
/// in euros has 2: `1,234` is the thousands there.
#[test]
fn a_text_that_reads_two_ways_is_refused_with_both_readings() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    ch(app, 'n');
    typ(app, "P-0001");
    key(app, KeyCode::Tab);
    typ(app, "Ambiguous");
    for _ in 0..4 {
        key(app, KeyCode::Tab);
    }
    typ(app, "1,250");
    key(app, KeyCode::Tab);
    typ(app, "1,234");
    ctrl(app, 's');
    let form = open_form(app);
    assert_eq!(
        error_of(form, UNIT_PRICE),
        "\"1,250\" reads two ways, 1250 or 1.250: type one of them"
    );
    assert_eq!(form.value(UNIT_PRICE), "1,250");
    assert_eq!(
        error_of(form, AMOUNT),
        "",
        "an amount has two decimals: 1234.00"
    );
}

/// `#` chooses the format from any screen: kept with the user, at once on every screen, and
/// still there when the console opens again.
#[test]
fn the_format_is_chosen_with_a_key_and_kept_with_the_user() {
    let f = demo_app();
    let mut app = app_as(&f.path, USER);
    let app = &mut app;
    draw(app, 160, 48, &Theme::plain());
    let row = current_item(app).expect("a row");
    let before = screen(app, &f.path, 160, 48);
    assert!(before.contains(&money(NumberFormat::CommaPoint, row.amount)));
    choose_format(app, "1 234,56");
    assert!(
        status_text(app).contains("numbers now read 1 234,56"),
        "{}",
        status_text(app)
    );
    let after = screen(app, &f.path, 160, 48);
    let spaced = money(NumberFormat::SpaceComma, row.amount);
    assert!(after.contains(&spaced), "{spaced:?} not on\n{after}");
    let store = Store::open(&f.path, USER).unwrap();
    assert_eq!(store.numbers(), NumberFormat::SpaceComma);
    assert_eq!(
        store
            .users()
            .unwrap()
            .iter()
            .find(|u| u.name == USER)
            .unwrap()
            .number_format,
        Some(NumberFormat::SpaceComma)
    );
    let again = app_as(&f.path, USER);
    assert_eq!(again.numbers(), NumberFormat::SpaceComma);
    // Back to the locale's: the database keeps no choice.
    let mut app = again;
    ch(&mut app, '#');
    for _ in 0..5 {
        if open_form(&app).value(FORMAT) == "locale" {
            break;
        }
        ch(&mut app, ' ');
    }
    ctrl(&mut app, 's');
    assert!(
        status_text(&app).contains("as your locale writes them"),
        "{}",
        status_text(&app)
    );
    assert_eq!(
        Store::open(&f.path, USER).unwrap().number_choice().chosen,
        None
    );
}

/// The credit note form starts from each line's amount in the user's format and reads it back.
#[test]
fn a_credit_note_in_a_decimal_comma_format() {
    let (_f, mut app) = decimal_comma_app();
    let app = &mut app;
    ch(app, '3');
    for _ in 0..200 {
        let row = invoices(app).view.current().cloned().expect("invoice rows");
        if row.status == InvoiceStatus::Confirmed && row.kind == DocumentKind::Invoice {
            break;
        }
        ch(app, 'j');
    }
    ch(app, 'r');
    let form = open_form(app);
    let first = form
        .fields
        .iter()
        .find(|f| f.is_editable())
        .expect("an amount to credit")
        .clone();
    assert!(first.value().contains(','), "{}", first.value());
    assert!(
        first.label.contains(','),
        "the limit in the label: {}",
        first.label
    );
    ctrl(app, 's');
    assert!(app.overlays.is_empty(), "{}", status_text(app));
    assert!(
        status_text(app).contains("credit note draft"),
        "{}",
        status_text(app)
    );
}

/// The pending period's billed % typed with a decimal comma: the quantity and amount that
/// follow are written with one too, and the period saves.
#[test]
fn a_progress_period_in_a_decimal_comma_format() {
    let (_f, mut app) = decimal_comma_app();
    let app = &mut app;
    ch(app, '4');
    key(app, KeyCode::Enter);
    ch(app, 'e');
    let form = open_form(app);
    assert!(form.title.starts_with("Line "), "{}", form.title);
    for _ in 0..3 {
        key(app, KeyCode::Tab);
    }
    fill(app, "12,5");
    let form = open_form(app);
    assert_eq!(error_of(form, Billed::Percent.label()), "");
    let amount = form.value(Billed::Amount.label());
    assert!(amount.contains(',') && !amount.contains('.'), "{amount}");
    ctrl(app, 's');
    assert!(status_text(app).contains("saved"), "{}", status_text(app));
    let period = progress(app)
        .pending()
        .cloned()
        .expect("the pending period");
    assert_eq!(period.billed.percent.normalize().to_string(), "12.5");
}

/// A confirmed invoice in euros of three lines or more on the invoices screen (its VAT rate
/// has decimals: 25.5 %).
fn to_confirmed_invoice(app: &mut App) {
    ch(app, '3');
    for _ in 0..100 {
        let row = invoices(app).view.current().cloned().expect("invoice rows");
        if row.status == InvoiceStatus::Confirmed
            && row.kind == DocumentKind::Invoice
            && row.lines >= 3
            && row.gross.currency.code() == "EUR"
        {
            return;
        }
        key(app, KeyCode::Down);
    }
    panic!("the demo has no confirmed invoice with 3 lines");
}

/// An invoice in `1.234,56`: lines, VAT rates and totals with decimal commas.
#[test]
fn invoice_view_in_a_decimal_comma_format() {
    snapshot_both!("invoice_view_point_comma", |app| {
        choose_format(app, "1.234,56");
        to_confirmed_invoice(app);
        key(app, KeyCode::Enter);
        assert!(app.overlays.last().is_some_and(|o| o.form().is_none()));
    });
}

/// Finance control in `1 234,56`: amounts and totals grouped by no-break spaces.
#[test]
fn finance_control_in_a_space_format() {
    snapshot_both!("finance_control_space_comma", |app| {
        choose_format(app, "1 234,56");
    });
}

/// `#`: the formats on one line, the locale's last, and an example of the one chosen.
#[test]
fn the_number_format_form() {
    snapshot_both!("number_format_form", |app| ch(app, '#'));
}

/// Issue "Records that hold": the credit form refused an amount over what is left with "net
/// 17985.00, credited 0" whatever credit notes had credited: it names the line's net and what
/// is credited already, a draft credit note included, as money in the user's format.
#[test]
fn an_over_credit_names_the_lines_net_and_what_is_credited() {
    let (f, mut app) = decimal_comma_app();
    let app = &mut app;
    let (invoice, line, net_minor): (i64, i64, i64) = rusqlite::Connection::open(&f.path)
        .unwrap()
        .query_row(
            "SELECT i.id, l.id, l.net_minor FROM invoices i
             JOIN invoice_lines l ON l.invoice_id = i.id
             WHERE i.kind = 'invoice' AND i.status = 'confirmed' AND i.currency = 'EUR'
               AND l.position = 1 AND l.net_minor >= 200000
               AND NOT EXISTS (SELECT 1 FROM invoice_lines c WHERE c.credited_line_id = l.id)
             ORDER BY i.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let credited = rust_decimal::Decimal::new(100_000, 2);
    Store::open(&f.path, USER)
        .unwrap()
        .create_credit_note(invoice, Some(&[(line, credited)]), today())
        .unwrap();
    ch(app, '3');
    for _ in 0..300 {
        if invoices(app).view.current().map(|r| r.id) == Some(invoice) {
            break;
        }
        ch(app, 'j');
    }
    assert_eq!(invoices(app).view.current().map(|r| r.id), Some(invoice));
    ch(app, 'r');
    let label = open_form(app)
        .fields
        .iter()
        .find(|f| f.is_editable())
        .expect("line 1 to credit")
        .label
        .clone();
    let net = rust_decimal::Decimal::new(net_minor, 2);
    let de = NumberFormat::PointComma;
    fill(app, &de.plain(net));
    ctrl(app, 's');
    let money = |v| de.format_to(v, 2);
    assert_eq!(
        error_of(open_form(app), &label),
        format!(
            "only {} is left to credit on this line (net {}, credited 1.000,00 so far, drafts \
             included)",
            money(net - credited),
            money(net)
        )
    );
}

/// A cost rate's hourly cost (issue 13's new form) is read as every amount is: `55,5` under the
/// default format is refused beside the field, naming what it would mean, the text kept and
/// nothing saved.
#[test]
fn a_cost_rate_typed_with_a_decimal_comma_is_refused_beside_its_field() {
    // The form's label (`app/projects/cost_rate_form.rs`).
    const COST: &str = "Hourly cost";
    let mut f = demo_app();
    let app = &mut f.app;
    let count = |app: &App| -> i64 {
        app.store()
            .conn()
            .query_row("SELECT count(*) FROM cost_rates", [], |r| r.get(0))
            .unwrap()
    };
    let before = count(app);
    ch(app, '7');
    ch(app, 'K');
    ch(app, 'n');
    // Person, Currency, Valid from: as they are.
    for _ in 0..3 {
        key(app, KeyCode::Tab);
    }
    typ(app, "55,5");
    ctrl(app, 's');
    let form = open_form(app);
    let error = error_of(form, COST);
    assert!(error.contains("55.5"), "{error:?}");
    assert!(!error.contains("555"), "{error:?}");
    assert_eq!(form.value(COST), "55,5", "what was typed stays");
    assert_eq!(count(app), before);
}
