//! What the console draws: every screen, dialog and form of the demo company on ratatui's
//! `TestBackend` at 80x24 and 160x48, kept as insta snapshots (tests/snapshots/), plus the
//! colour rules of the two themes.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::invoices::InvoiceView;
use finctl::app::revenue_item::ItemSummary;
use finctl::app::{App, Overlay};
use finctl::domain::billing_rule::BillingRule;
use finctl::domain::invoice_status::InvoiceStatus;
use finctl::domain::numbering::DocumentKind;
use finctl::domain::revenue_status::RevenueStatus;
use finctl::ui::Theme;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use support::console::snapshot_both;
use support::console::*;

/// An invoice list row that is a confirmed invoice (not a credit note) with a few lines.
fn to_confirmed_invoice(app: &mut App) {
    ch(app, '3');
    for _ in 0..100 {
        let row = support::console::invoices(app)
            .view
            .current()
            .cloned()
            .expect("invoice rows");
        if row.status == InvoiceStatus::Confirmed
            && row.kind == DocumentKind::Invoice
            && row.lines >= 3
        {
            return;
        }
        key(app, KeyCode::Down);
    }
    panic!("the demo has no confirmed invoice with 3 lines");
}

/// A time-and-materials item that is invoiced, so its summary lists the time it collected.
fn to_invoiced_time_item(app: &mut App) {
    ch(app, '2');
    seek_item(app, 300, |r| {
        r.billing_rule == BillingRule::TimeAndMaterials && r.status == RevenueStatus::Invoiced
    });
}

#[test]
fn finance_control() {
    snapshot_both!("finance_control", |_| {});
}

#[test]
fn revenue_items() {
    snapshot_both!("revenue_items", |app| ch(app, '2'));
}

#[test]
fn invoices() {
    snapshot_both!("invoices", |app| ch(app, '3'));
}

#[test]
fn item_summary() {
    snapshot_both!("item_summary", |app| {
        to_invoiced_time_item(app);
        key(app, KeyCode::Enter);
        let Some(s) = app.top_view::<ItemSummary>() else {
            panic!("Enter opens the summary");
        };
        assert!(!s.collected.is_empty(), "the item collected time");
    });
}

/// At 80x24 the collected time is below the fold: scrolled down, it shows.
#[test]
fn item_summary_scrolled_to_collected_time() {
    let mut f = demo_app();
    draw(&mut f.app, 80, 24, &Theme::plain());
    to_invoiced_time_item(&mut f.app);
    key(&mut f.app, KeyCode::Enter);
    for _ in 0..20 {
        ch(&mut f.app, 'j');
    }
    let text = screen(&mut f.app, &f.path, 80, 24);
    assert!(text.contains("Time and expenses it collected"), "{text}");
    assert!(text.contains(" h x "), "{text}");
    insta::assert_snapshot!("item_summary_collected_80x24", text);
}

#[test]
fn item_summary_collected_time_fits_80_columns() {
    let mut f = demo_app();
    draw(&mut f.app, 80, 24, &Theme::plain());
    to_invoiced_time_item(&mut f.app);
    key(&mut f.app, KeyCode::Enter);
    for _ in 0..20 {
        ch(&mut f.app, 'j');
    }
    let text = screen(&mut f.app, &f.path, 80, 24);
    for line in text.lines().filter(|l| l.contains(" h x ")) {
        let (_, after) = line.split_once(" = ").expect("a priced line");
        assert!(
            after.chars().any(|c| c.is_ascii_digit()),
            "the amount wrapped away: {line}"
        );
    }
}

#[test]
fn invoice_view_of_a_confirmed_invoice() {
    snapshot_both!("invoice_view_confirmed", |app| {
        to_confirmed_invoice(app);
        key(app, KeyCode::Enter);
        assert!(app.top_view::<InvoiceView>().is_some());
    });
}

#[test]
fn help_popup() {
    snapshot_both!("help_finance_control", |app| ch(app, '?'));
}

#[test]
fn help_popup_shows_every_key_when_there_is_room() {
    let (_, text) = screens("help", |app| ch(app, '?')).pop().expect("160x48");
    assert!(text.contains("quit at once, from anywhere"), "{text}");
}

#[test]
fn make_drafts_dialog() {
    snapshot_both!("make_drafts_dialog", |app| {
        for _ in 0..2 {
            seek_item(app, 40, |r| {
                r.status == RevenueStatus::Billable
                    && r.billing_rule != BillingRule::TimeAndMaterials
            });
            ch(app, ' ');
        }
        ch(app, 'i');
        assert!(matches!(app.overlays.last(), Some(Overlay::Dialog(_))));
    });
}

#[test]
fn confirm_dialog() {
    snapshot_both!("confirm_dialog", |app| {
        ch(app, '3');
        // The newest draft is first.
        assert!(
            support::console::invoices(app)
                .view
                .current()
                .unwrap()
                .number
                .is_none()
        );
        ch(app, 'c');
        assert!(matches!(app.overlays.last(), Some(Overlay::Dialog(_))));
    });
}

#[test]
fn item_form_with_an_error_beside_a_field() {
    snapshot_both!("item_form_date_error", |app| {
        ch(app, '2');
        ch(app, 'n');
        typ(app, "P-0001");
        key(app, KeyCode::Tab);
        typ(app, "Hosting 2027");
        for _ in 0..5 {
            key(app, KeyCode::Tab);
        }
        typ(app, "1,200.00");
        key(app, KeyCode::Tab);
        backspace(app, 10);
        typ(app, "2026-31-12");
        ctrl(app, 's');
        let Some(Overlay::Form(top)) = app.overlays.last() else {
            panic!("the form stays open");
        };
        let form = &top.form;
        assert_eq!(form.value("Planned invoice date"), "2026-31-12");
        assert!(
            form.field("Planned invoice date")
                .and_then(|f| f.error.as_deref())
                .is_some_and(|e| e.contains("not a date"))
        );
    });
}

#[test]
fn credit_note_form() {
    for (snap, text) in screens("credit_note_form", |app| {
        to_confirmed_invoice(app);
        ch(app, 'r');
        assert!(matches!(app.overlays.last(), Some(Overlay::Form(..))));
    }) {
        let field_line = text
            .lines()
            .find(|l| l.contains("> 1. "))
            .expect("the first line's field");
        assert!(
            field_line.contains("(max ") || field_line.contains('…'),
            "label cut without a mark and glued to the value: {field_line}"
        );
        insta::assert_snapshot!(snap, text);
    }
}

#[test]
fn quick_edit_in_place() {
    snapshot_both!("quick_edit_date", |app| {
        ch(app, 't');
        backspace(app, 10);
        typ(app, "2026-12-1");
        assert!(finance(app).list.quick.is_some());
    });
}

#[test]
fn quick_edit_shows_its_caret_at_once() {
    for (_, text) in screens("quick_edit", |app| ch(app, 't')) {
        assert!(text.contains('▏'), "{text}");
    }
}

#[test]
fn filter_input_line() {
    snapshot_both!("filter_input", |app| {
        ch(app, '2');
        ch(app, '/');
        typ(app, "renewal");
    });
}

/// The demo's item named "Hosting \x1b[31mrenewal\x1b[0m \x07" reaches the screen without
/// its control characters.
#[test]
fn escape_sequences_in_names_never_reach_the_screen() {
    for (_, text) in screens("hosting", |app| {
        ch(app, '2');
        ch(app, '/');
        typ(app, "renewal");
        key(app, KeyCode::Enter);
        key(app, KeyCode::Enter);
    }) {
        assert!(text.contains("Hosting [31mrenewal[0m"), "{text}");
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
    }
}

fn assert_named_colours(buf: &Buffer, what: &str) {
    for (i, cell) in buf.content.iter().enumerate() {
        for c in [cell.fg, cell.bg, cell.underline_color] {
            assert!(
                !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                "{what}: cell {i} uses {c:?}: only the 16 named colours are allowed"
            );
        }
    }
}

fn assert_no_colour(buf: &Buffer, what: &str) {
    for (i, cell) in buf.content.iter().enumerate() {
        assert_eq!(
            (cell.fg, cell.bg),
            (Color::Reset, Color::Reset),
            "{what}: cell {i} ({:?}) is coloured under the plain theme",
            cell.symbol()
        );
    }
}

/// Keys that bring a screen up.
type Setup = Box<dyn Fn(&mut App)>;

/// Screens that use every style: selection, drafts, warnings, a dialog, a form with an error,
/// the help, a summary, an invoice.
fn styled_screens() -> Vec<(&'static str, Setup)> {
    vec![
        ("finance control", Box::new(|_: &mut App| {})),
        (
            "selection",
            Box::new(|app: &mut App| {
                ch(app, 'j');
                ch(app, ' ');
            }),
        ),
        ("invoices", Box::new(|app: &mut App| ch(app, '3'))),
        ("help", Box::new(|app: &mut App| ch(app, '?'))),
        (
            "dialog",
            Box::new(|app: &mut App| {
                ch(app, '3');
                ch(app, 'c');
            }),
        ),
        (
            "form error",
            Box::new(|app: &mut App| {
                ch(app, '2');
                ch(app, 'n');
                ctrl(app, 's');
            }),
        ),
        (
            "summary",
            Box::new(|app: &mut App| {
                to_invoiced_time_item(app);
                key(app, KeyCode::Enter);
            }),
        ),
        (
            "invoice",
            Box::new(|app: &mut App| {
                to_confirmed_invoice(app);
                key(app, KeyCode::Enter);
            }),
        ),
        (
            "refusal",
            Box::new(|app: &mut App| {
                seek_item(app, 40, |r| r.status == RevenueStatus::DraftInvoice);
                ch(app, 'x');
            }),
        ),
    ]
}

#[test]
fn colour_theme_uses_reverse_video_for_the_cursor_and_named_colours_only() {
    let color = Theme { color: true };
    for (w, h) in SIZES {
        let mut f = demo_app();
        draw(&mut f.app, w, h, &color);
        ch(&mut f.app, 'j');
        let terminal = draw(&mut f.app, w, h, &color);
        let buf = terminal.backend().buffer();
        // Row 0 tabs, row 1 header, rows 2.. the list: the cursor is on the second row.
        let cursor_y = 3;
        for x in 0..w - 1 {
            assert!(
                buf[(x, cursor_y)].modifier.contains(Modifier::REVERSED),
                "{w}x{h}: cursor row cell {x} is not reverse video"
            );
            assert!(
                !buf[(x, cursor_y - 1)].modifier.contains(Modifier::REVERSED),
                "{w}x{h}: the row above the cursor is reverse video at {x}"
            );
        }
        // Something is coloured at all: this is the colour theme.
        assert!(
            buf.content.iter().any(|c| c.fg != Color::Reset),
            "nothing coloured"
        );
        // None of these screens writes: one database serves them all.
        for (what, setup) in styled_screens() {
            let mut app = app_as(&f.path, USER);
            draw(&mut app, w, h, &color);
            setup(&mut app);
            let terminal = draw(&mut app, w, h, &color);
            assert_named_colours(terminal.backend().buffer(), &format!("{what} {w}x{h}"));
        }
    }
}

#[test]
fn plain_theme_puts_no_colour_on_any_cell() {
    let f = demo_app();
    for (w, h) in SIZES {
        // None of these screens writes: one database serves them all.
        for (what, setup) in styled_screens() {
            let mut app = app_as(&f.path, USER);
            draw(&mut app, w, h, &Theme::plain());
            setup(&mut app);
            let terminal = draw(&mut app, w, h, &Theme::plain());
            let buf = terminal.backend().buffer();
            assert_no_colour(buf, &format!("{what} {w}x{h}"));
            // Emphasis stays without colour: the cursor is still reverse video.
            if what == "finance control" {
                assert!(buf[(2, 2)].modifier.contains(Modifier::REVERSED));
            }
        }
    }
}

/// The draft at the top of the invoice list, opened.
fn to_open_draft(app: &mut App) {
    ch(app, '3');
    let row = support::console::invoices(app)
        .view
        .current()
        .cloned()
        .expect("invoice rows");
    assert_eq!(
        row.status,
        InvoiceStatus::Draft,
        "the newest invoice is a draft"
    );
    key(app, KeyCode::Enter);
}

#[test]
fn draft_invoice_view() {
    snapshot_both!("draft_invoice_view", to_open_draft);
}

#[test]
fn draft_dates_form() {
    snapshot_both!("draft_dates_form", |app| {
        to_open_draft(app);
        ch(app, 'e');
    });
}

#[test]
fn line_amount_form_asks_a_reason() {
    snapshot_both!("line_amount_form", |app| {
        to_open_draft(app);
        ch(app, 'm');
        ctrl(app, 's');
        // Saving without a reason marks the reason field.
        assert!(matches!(app.overlays.last(), Some(Overlay::Form(..))));
    });
}

#[test]
fn line_description_form() {
    snapshot_both!("line_description_form", |app| {
        to_open_draft(app);
        ch(app, 'd');
    });
}

#[test]
fn delete_draft_dialog() {
    snapshot_both!("delete_draft_dialog", |app| {
        to_open_draft(app);
        key(app, KeyCode::Delete);
    });
}

#[test]
fn delete_item_dialog() {
    snapshot_both!("delete_item_dialog", |app| {
        ch(app, '2');
        seek_item(app, 300, |r| r.status == RevenueStatus::Open);
        key(app, KeyCode::Delete);
    });
}

#[test]
fn discard_changes_dialog() {
    snapshot_both!("discard_changes_dialog", |app| {
        ch(app, '2');
        ch(app, 'n');
        typ(app, "P-0001");
        // The first Esc closes the project picker's list, the second the form.
        key(app, KeyCode::Esc);
        key(app, KeyCode::Esc);
    });
}

#[test]
fn edit_form_of_an_item_made_by_a_billing_plan() {
    snapshot_both!("edit_form_read_only_fields", |app| {
        ch(app, '2');
        let row = seek_item(app, 300, |r| {
            r.billing_rule == BillingRule::Progress && !r.status.is_on_invoice()
        });
        ch(app, 'e');
        let Some(Overlay::Form(top)) = app.overlays.last() else {
            panic!("the edit form of item {}", row.id);
        };
        let form = &top.form;
        // Only the planned date can change; the form says why for the rest.
        assert!(
            form.field("Planned invoice date")
                .is_some_and(|f| f.is_editable())
        );
        assert!(
            form.field("Planned amount")
                .is_some_and(|f| !f.is_editable())
        );
    });
}

#[test]
fn horizon_form() {
    snapshot_both!("horizon_form", |app| ch(app, 'h'));
}
