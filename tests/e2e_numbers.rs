//! Numbers in the user's format, end to end: the real binary in a pseudo-terminal, its locale
//! naming the format (`LANG=de_DE.UTF-8`: `1.234,56`), a quick edit typed that way, and
//! `export` saying what was stored.

use crate::support;

use rust_decimal::Decimal;
use support::e2e::rows::dec;
use support::e2e::{DemoDb, Key};

/// Issue 11: `1234,5` typed by a user whose locale writes `1.234,56` is 1234.50, shown as
/// `1.234,50`; `#` then shows the format and where it came from.
#[test]
fn the_locale_names_the_format_the_console_reads_and_shows() {
    let db = DemoDb::new();
    let mut c = db.console_with_env(24, 80, &[("LANG", "de_DE.UTF-8")]);
    c.wait_for("? shows the keys");
    c.send("2");
    c.wait_until("the revenue items screen", |c| c.footer().contains("n new"));
    c.wait_list_ready();
    let status_col = c.header_col("Status").expect("a Status column");
    let open = c
        .list_rows()
        .into_iter()
        .map(|(row, _)| row)
        .find(|row| c.word_at(*row, status_col) == "open")
        .expect("an open item on screen");
    c.move_cursor_to(open);
    c.send("m");
    c.wait_until("the quick edit", |c| c.footer().contains("Esc cancel"));
    for _ in 0..20 {
        c.send_key(Key::Backspace);
    }
    c.send("1234,5");
    c.wait_for("1234,5▏");
    c.send_key(Key::Enter);
    c.wait_status("planned amount set to 1234,5");
    c.wait_for("1.234,50");

    c.send("#");
    c.wait_for("How numbers are shown and typed");
    c.wait_for("locale: 1.234,56 here");
    c.wait_for("-1.234.567,89");
    c.send_key(Key::Esc);
    c.wait_gone("How numbers are shown and typed");
    c.send("q");
    let status = c.wait_exit();
    assert!(status.success(), "exit status {status:?}");

    let items = db.export("revenue-items");
    let edited: Vec<_> = items
        .iter()
        .filter(|i| dec(&i["planned_amount"]) == Decimal::new(123450, 2))
        .collect();
    assert_eq!(edited.len(), 1, "one item of 1234.50: {edited:?}");
    db.assert_verifies();
}
