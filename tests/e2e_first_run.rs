//! A company's first day, end to end, with the real binary in a pty and no demo: `finctl init`
//! makes an empty database; in the console an account, a project (launched), its rate, a
//! milestone, a milestone item and a time-and-materials item are made by keys; time reports
//! come in with `finctl import`; the item shows what they come to; the milestone is reached, a
//! draft made and confirmed; the export and `verify` agree.

use crate::support;

use rust_decimal::Decimal;
use support::e2e::rows::dec;
use support::e2e::{Console, DemoDb, Key};

/// The End key: to the end of the focused line field.
const END: &str = "\x1b[F";

/// Replaces the text of the focused line field with `text`.
fn retype(c: &mut Console, text: &str) {
    c.send(END);
    c.repeat(Key::Backspace, 20);
    c.send(text);
}

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

/// Makes the account, project, rate, milestone and items by keys, from the welcome on.
fn set_up_by_keys(c: &mut Console) {
    c.wait_for("Welcome to finctl");
    c.send_key(Key::Esc);
    c.wait_gone("Welcome to finctl");
    c.send("7");
    c.wait_until("the projects screen", |c| c.footer().contains("n new"));

    // a: an account, by a name no account has.
    c.send("a");
    c.wait_for("Which account?");
    c.send("Acme Oy");
    c.wait_for("nothing matches");
    c.send_key(Key::Enter);
    c.wait_for("New account");
    c.send_key(Key::Tab);
    c.send("Ada Berg");
    c.send_key(Key::Tab);
    c.send("billing@acme.example");
    c.send_key(Key::Tab);
    c.send("Satamakatu 1");
    c.repeat(Key::Tab, 2);
    c.send("00100");
    c.send_key(Key::Tab);
    c.send("Helsinki");
    c.send_key(Key::Tab);
    c.send("FI");
    c.send_key(Key::Tab);
    c.send("FI12345678");
    c.send_key(Key::CtrlS);
    c.wait_status("account Acme Oy created");

    // n: the project, its account taken from the picker.
    c.send("n");
    c.wait_for("New project");
    c.send("P-1");
    c.send_key(Key::Tab);
    c.send("Pilot");
    c.send_key(Key::Tab);
    c.send("acme");
    c.wait_for("Acme Oy  EUR");
    c.send_key(Key::Enter);
    c.repeat(Key::Tab, 2);
    c.send("2026-11-02");
    c.send_key(Key::CtrlS);
    c.wait_status("project P-1 created (planned)");

    // L: launched, asked first.
    c.send("L");
    c.wait_for("Launch it?");
    c.send("y");
    c.wait_status("project P-1 launched");

    // r: the project's own rate.
    c.send("r");
    c.wait_for("Own rates of project P-1");
    c.send("consultant; 100");
    c.send_key(Key::CtrlS);
    c.wait_status("rates of P-1 saved");

    // M: a milestone.
    c.send("M");
    c.wait_for("Milestones of P-1");
    c.send("n");
    c.wait_for("New milestone of P-1");
    c.send("M1");
    c.send_key(Key::Tab);
    c.send("Go-live");
    c.send_key(Key::Tab);
    c.send("2026-11-20");
    c.send_key(Key::CtrlS);
    c.wait_status("milestone M1 created");
    c.send_key(Key::Esc);
    c.wait_gone("Milestones of P-1");

    // 2, n: a milestone item, then a time-and-materials item.
    c.send("2");
    c.wait_until("the items screen", |c| c.footer().contains("n new"));
    c.send("n");
    c.wait_for("New revenue item");
    c.send("P-1");
    c.wait_for("Pilot · Acme Oy");
    c.send_key(Key::Enter);
    c.send("Go-live fee");
    c.repeat(Key::Tab, 2);
    c.send("  ");
    c.wait_for(" milestone ");
    c.send_key(Key::Tab);
    c.send("M1");
    c.wait_for("Go-live · due 2026-11-20");
    c.send_key(Key::Enter);
    c.send_key(Key::Tab);
    c.send("1000");
    c.send_key(Key::Tab);
    retype(c, "2026-11-25");
    c.send_key(Key::CtrlS);
    c.wait_status("created (open)");

    c.send("n");
    c.wait_for("New revenue item");
    c.send("P-1");
    c.wait_for("Pilot · Acme Oy");
    c.send_key(Key::Enter);
    c.send("Consulting November");
    c.repeat(Key::Tab, 2);
    c.send(" ");
    c.repeat(Key::Tab, 4);
    retype(c, "2026-11-30");
    let before = c.status_line();
    c.send_key(Key::CtrlS);
    c.wait_until("the second item created", |c| {
        c.status_line() != before && c.status_line().contains("created (open)")
    });
}

#[test]
fn an_empty_database_to_a_confirmed_invoice_by_keys_and_one_import() {
    let db = DemoDb::empty();
    let mut c = db.console(24, 80);
    set_up_by_keys(&mut c);
    c.send("q");
    assert!(c.wait_exit().success());

    let items = db.export("revenue-items");
    let tm = |items: &[serde_json::Value]| {
        items
            .iter()
            .find(|i| i["name"] == "Consulting November")
            .cloned()
            .expect("the T&M item")
    };
    assert_eq!(tm(&items)["billing_rule"], "time_and_materials");
    assert_eq!(dec(&tm(&items)["planned_amount"]), d("0"), "no time yet");

    // Time reports come in from a file: 11.5 billable hours up to the item's date.
    let hours = db.home().join("hours.csv");
    std::fs::write(
        &hours,
        "key,project,person,role,date,hours,billable,description\n\
         H-1,P-1,ada,consultant,2026-11-03,7.5,yes,Workshop\n\
         H-2,P-1,ada,consultant,2026-11-04,4,yes,Report\n\
         H-3,P-1,bo,consultant,2026-11-05,2,no,Internal\n",
    )
    .expect("write the hours");
    let out = db.cli(&["import", "time-reports", hours.to_str().expect("a path")]);
    assert!(
        out.status.success(),
        "import: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("time-reports: 3 new"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let items = db.export("revenue-items");
    assert_eq!(
        dec(&tm(&items)["planned_amount"]),
        d("1150.00"),
        "11.5 h at 100"
    );

    // The console shows it; the T&M item billable, the milestone reached, one draft.
    let mut c = db.console(24, 80);
    c.wait_for("? shows the keys");
    c.send("2");
    // The name is cut at 80 columns; the amount is whole.
    c.wait_for("Consulting No");
    c.wait_for("1,150.00");
    c.send("j");
    c.wait_until("the cursor on the T&M item", |c| {
        c.cursor_row()
            .is_some_and(|r| c.row_text(r).contains("Consulting"))
    });
    c.send("b");
    c.wait_status("1 item(s) set billable");
    c.send("5");
    c.wait_for("Go-live");
    c.send("m");
    c.wait_for("It releases 1 item(s)");
    c.send("y");
    c.wait_status("milestone reached: 1 item(s) released");

    c.send("1");
    c.wait_for("Consulting");
    c.wait_for("Go-live fee");
    c.send("a");
    c.wait_status("2 selected");
    c.send("i");
    c.wait_for("Make draft invoices");
    c.send("y");
    c.wait_status("1 draft invoice(s) made");

    c.send("3");
    c.wait_for("Number ");
    c.send("g");
    c.wait_for("draft ");
    c.send("c");
    c.wait_for("Confirm invoices");
    c.send("y");
    c.wait_status("1 confirmed: ");
    c.send("q");
    assert!(c.wait_exit().success());

    // The export: one confirmed invoice of both items, 2,150.00 net; verify agrees.
    let invoices = db.export("invoices");
    assert_eq!(invoices.len(), 1, "{invoices:#?}");
    let invoice = &invoices[0];
    assert_eq!(invoice["status"], "confirmed");
    assert_eq!(invoice["account"], "Acme Oy");
    assert_eq!(dec(&invoice["net"]), d("2150.00"));
    let items = db.export("revenue-items");
    assert!(
        items.iter().all(|i| i["status"] == "invoiced"),
        "{items:#?}"
    );
    db.assert_verifies();
}
