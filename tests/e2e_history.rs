//! End-to-end: the real binary in a pty changes a draft's line amount with a reason, reads it
//! back in the draft's change history (`H`), goes from the line to its item (`Enter`) and back
//! to the invoice (`I`), and from an item on screen 2 to its invoice; `finctl export history`
//! holds the change afterwards and `verify` is clean.

use crate::support;

use support::e2e::{DemoDb, Key};

#[test]
fn history_of_a_draft_and_from_a_line_to_its_item_and_back() {
    let db = DemoDb::new();
    let mut c = db.console(48, 160);
    c.wait_for("? shows the keys");
    c.send("3");
    c.wait_for("Number ");
    // The newest invoice, a draft, opened.
    c.send("g");
    c.send_key(Key::Enter);
    c.wait_for("Invoice draft ");
    c.send("m");
    c.wait_for("Reason");
    c.repeat(Key::Backspace, 20);
    c.send("1234.50");
    c.send_key(Key::Tab);
    c.send("agreed by phone");
    c.send_key(Key::CtrlS);
    c.wait_status("line amount set to 1234.50");

    c.send("H");
    c.wait_for("Change history of draft invoice");
    c.wait_for("agreed by phone");
    c.wait_for("1,234.50");
    c.wait_for("line 1");
    c.wait_until("the footer of the history", |c| {
        c.footer().contains("Esc back")
    });
    c.send_key(Key::Esc);
    c.wait_gone("Change history of draft invoice");
    c.wait_for("Invoice draft ");

    // The line's item, then back to the invoice with I.
    c.send_key(Key::Enter);
    c.wait_for("Revenue item ");
    c.wait_status("I opens its invoice");
    c.send("I");
    c.wait_gone("Revenue item ");
    c.wait_for("Invoice draft ");
    c.send_key(Key::Esc);
    c.wait_gone("Invoice draft ");

    // Screen 2: an item on a confirmed invoice (filtered by its number), its invoice opened
    // from the list.
    c.send("2");
    c.wait_until("the revenue items screen", |c| c.footer().contains("n new"));
    c.send("/2026-000");
    c.send_key(Key::Enter);
    c.wait_until("the filtered rows", |c| {
        c.screen().contains("/2026-000 shown")
    });
    c.send("I");
    c.wait_for("Invoice 2026-000");
    c.send_key(Key::Esc);
    c.wait_gone("Invoice 2026-000");
    c.send("q");
    assert!(c.wait_exit().success());

    let history = db.export("history");
    let row = history
        .iter()
        .find(|r| r["reason"] == "agreed by phone" && r["field"] == "line 1 amount")
        .unwrap_or_else(|| panic!("the change in the export: {history:#?}"));
    assert_eq!(row["new"], "1234.50");
    assert_eq!(row["object"], "invoice");
    db.assert_verifies();
}
