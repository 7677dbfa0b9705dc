//! End-to-end tests of the console: the real `finctl` binary in a pseudo-terminal, driven by
//! key presses and read from the parsed screen, then checked through `export` and `verify`.

use crate::support;

use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use support::e2e::rows::{by_id, confirmed_number, dec, item_of_row, item_rows};
use support::e2e::{Console, DemoDb, Key};

/// Asserts the console ended cleanly: status 0, alternate screen left, raw mode off.
fn assert_clean_exit(c: &mut Console) {
    let status = c.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(status.exit_code(), 0);
    let raw = c.raw_output();
    let enter = find_last(&raw, b"\x1b[?1049h").expect("the console entered the alternate screen");
    let leave = find_last(&raw, b"\x1b[?1049l").expect("the console left the alternate screen");
    assert!(
        leave > enter,
        "the alternate screen was left after it was entered"
    );
    // After leaving, at most the cursor is shown again: nothing is drawn on the user's screen.
    let tail = &raw[leave + b"\x1b[?1049l".len()..];
    assert!(
        tail.is_empty() || tail == b"\x1b[?25h",
        "output after leaving the alternate screen: {:?}",
        String::from_utf8_lossy(tail)
    );
    assert!(!c.with_screen(|s| s.alternate_screen()));
    assert!(!c.with_screen(|s| s.hide_cursor()), "the cursor is visible");
    if let Some(cooked) = c.terminal_is_cooked() {
        assert!(cooked, "echo and line editing are back on");
    }
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The last word of the form line that holds `label` (the field's value, if one word).
fn form_value(c: &Console, label: &str) -> Option<String> {
    let screen = c.screen();
    let line = screen.lines().find(|l| l.contains(label))?;
    let line = line.trim_end_matches([' ', '│']);
    line.rsplit(' ').next().map(str::to_string)
}

/// Clears a text field or quick edit (it holds at most `len` characters) and types `text`.
fn retype(c: &mut Console, len: usize, text: &str) {
    c.repeat(Key::Backspace, len);
    c.send(text);
}

/// Finance control: filters on an account, selects two of its billable items, makes a draft,
/// confirms it in invoices, raises a partial credit note; export and verify agree.
#[test]
fn invoicing_confirming_and_crediting() {
    let db = DemoDb::new();
    let before = db.export("revenue-items");
    // Accounts with at least two billable items that are not time and materials (one line
    // each), so that the draft has exactly one line per item.
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for i in &before {
        if i["status"] == "billable" && i["billing_rule"] != "time_and_materials" {
            *counts
                .entry(i["account"].as_str().expect("an account"))
                .or_default() += 1;
        }
    }
    let candidates: Vec<&str> = counts
        .iter()
        .filter(|(_, n)| **n >= 2)
        .map(|(a, _)| *a)
        .collect();
    assert!(!candidates.is_empty(), "the demo has billable items");

    let mut c = db.console(24, 80);
    c.wait_for("? shows the keys");
    c.wait_list_ready();
    assert!(c.row_text(0).contains("1 Finance"));

    // Filter on each candidate account until the list shows two billable items of it.
    let mut chosen: Option<(&str, Vec<(u16, i64)>)> = None;
    for account in &candidates {
        c.send("/");
        c.wait_for("Enter keeps the filter");
        c.send(account);
        c.wait_for(&format!("{account}▏"));
        c.send_key(Key::Enter);
        c.wait_gone("Enter keeps the filter");
        c.wait_list_ready();
        let rows: Vec<(u16, i64)> = item_rows(&c)
            .into_iter()
            .filter(|r| r.status == "billable")
            .map(|r| (r.row, item_of_row(&before, &r, Some(account))))
            .filter(|(_, item)| item["billing_rule"] != "time_and_materials")
            .map(|(row, item)| (row, item["id"].as_i64().expect("an id")))
            .take(2)
            .collect();
        if rows.len() == 2 {
            chosen = Some((account, rows));
            break;
        }
        c.send_key(Key::Esc);
        c.wait_status("filter cleared");
    }
    let (account, rows) = chosen.unwrap_or_else(|| {
        panic!(
            "no account shows two billable items in finance control; the screen:\n{}",
            c.screen()
        )
    });
    let chosen_ids: BTreeSet<i64> = rows.iter().map(|(_, id)| *id).collect();

    // Select both (Space moves the cursor down), make the draft.
    for (n, (row, _)) in rows.iter().enumerate() {
        c.move_cursor_to(*row);
        c.send_key(Key::Space);
        c.wait_status(&format!("{} selected", n + 1));
        assert_eq!(
            c.cells_text(*row, 0, 1),
            "*",
            "row {row} is marked selected"
        );
    }
    c.send("i");
    c.wait_for("Make draft invoices");
    assert!(
        c.screen()
            .contains("2 item(s) into 1 draft invoice(s), one per account and currency"),
        "{}",
        c.screen()
    );
    c.send("y");
    c.wait_status("1 draft invoice(s) made");
    c.wait_gone("Make draft invoices");
    // Both rows now say "draft invoice".
    c.wait_until("the items to show as draft invoice", |c| {
        rows.iter()
            .all(|(row, _)| c.word_at(*row, c.header_col("Status").unwrap()) == "draft")
    });

    // The draft, as the database has it.
    let invoices = db.export("invoices");
    let draft = invoices
        .iter()
        .find(|v| {
            v["status"] == "draft"
                && v["kind"] == "invoice"
                && v["lines"]
                    .as_array()
                    .expect("lines")
                    .iter()
                    .map(|l| l["revenue_item_id"].as_i64().expect("an item id"))
                    .collect::<BTreeSet<_>>()
                    == chosen_ids
        })
        .unwrap_or_else(|| panic!("a draft of items {chosen_ids:?} in {invoices:#?}"));
    let draft_id = draft["id"].as_i64().expect("a draft id");
    assert_eq!(draft["account"], account);

    // Invoices: the newest invoices are at the top ('g' goes there; see the ignored test
    // `a_new_draft_shows_at_the_top_of_invoices` for the list not showing it by itself).
    c.send("3");
    c.wait_for("Number ");
    c.send("g");
    let label = format!("draft {draft_id} ");
    c.wait_for(&label);
    let row = c
        .list_rows()
        .into_iter()
        .find(|(_, t)| t.contains(&label))
        .map(|(r, _)| r)
        .expect("the draft's row");
    assert_eq!(row, 2, "the new draft is the first row:\n{}", c.screen());
    c.move_cursor_to(row);
    c.send("c");
    c.wait_for("Confirm invoices");
    assert!(c.screen().contains("Confirm 1 draft(s)"), "{}", c.screen());
    c.send("y");
    let status = c.wait_status("1 confirmed: ");
    let number = confirmed_number(&status);
    c.wait_gone("Confirm invoices");
    c.wait_until("the number on the cursor row", |c| {
        c.cursor_row()
            .is_some_and(|r| c.row_text(r).contains(&number))
    });

    // A partial credit note: 100 on the first line, nothing on the second.
    c.send("r");
    c.wait_for(&format!("Credit note for {number}"));
    c.wait_for("> 1. ");
    assert!(c.screen().contains("  2. "), "{}", c.screen());
    retype(&mut c, 20, "100");
    c.wait_until("100 in the first field", |c| {
        form_value(c, "> 1. ").as_deref() == Some("100")
    });
    c.send_key(Key::Tab);
    c.wait_for("> 2. ");
    retype(&mut c, 20, "0");
    c.wait_until("0 in the second field", |c| {
        form_value(c, "> 2. ").as_deref() == Some("0")
    });
    assert_eq!(form_value(&c, "  1. ").as_deref(), Some("100"));
    c.send_key(Key::CtrlS);
    let status = c.wait_status("credit note draft");
    assert!(status.contains(&format!("for {number}")), "{status}");
    c.wait_gone("Credit note for");
    c.send("q");
    assert_clean_exit(&mut c);

    // What the database says.
    let after = db.export("revenue-items");
    let before_ids = by_id(&before);
    let invoiced: BTreeSet<i64> = after
        .iter()
        .filter(|i| {
            let id = i["id"].as_i64().unwrap();
            i["status"] == "invoiced" && before_ids[&id]["status"] == "billable"
        })
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(invoiced, chosen_ids, "the two selected items are invoiced");
    for i in &after {
        if chosen_ids.contains(&i["id"].as_i64().unwrap()) {
            assert_eq!(i["invoice"], number.as_str());
        }
    }
    let invoices = db.export("invoices");
    let invoice = invoices
        .iter()
        .find(|v| v["number"] == number.as_str())
        .expect("the confirmed invoice");
    assert_eq!(invoice["status"], "confirmed");
    assert_eq!(invoice["kind"], "invoice");
    assert_eq!(invoice["id"].as_i64(), Some(draft_id));
    let lines: BTreeSet<i64> = invoice["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["revenue_item_id"].as_i64().unwrap())
        .collect();
    assert_eq!(lines, chosen_ids);
    let notes: Vec<&Value> = invoices
        .iter()
        .filter(|v| v["kind"] == "credit_note" && v["credited_invoice"] == number.as_str())
        .collect();
    assert_eq!(notes.len(), 1, "one credit note for {number}: {notes:#?}");
    assert_eq!(notes[0]["status"], "draft");
    assert_eq!(dec(&notes[0]["net"]), Decimal::from(100));
    db.assert_verifies();
}

/// Revenue items: quick edits of the amount and the date (a bad date is refused and the edit
/// stays open), then an item set rejected; export and verify agree.
#[test]
fn quick_edits_and_rejecting() {
    let db = DemoDb::new();
    let before = db.export("revenue-items");
    let mut c = db.console(24, 80);
    c.wait_for("? shows the keys");
    c.send("2");
    c.wait_until("the revenue items screen", |c| c.footer().contains("n new"));
    c.wait_list_ready();
    let status_col = c.header_col("Status").expect("a Status column");

    // The first open item on screen.
    let rows = item_rows(&c);
    let open = rows
        .iter()
        .find(|r| r.status == "open")
        .expect("an open item on screen")
        .clone();
    let item = item_of_row(&before, &open, None);
    let id = item["id"].as_i64().unwrap();
    c.move_cursor_to(open.row);

    // The amount.
    c.send("m");
    c.wait_until("the quick edit", |c| c.footer().contains("Esc cancel"));
    retype(&mut c, 20, "1234.5");
    c.wait_for("1234.5▏");
    c.send_key(Key::Enter);
    c.wait_status(&format!("item {id}: planned amount set to 1234.5"));
    c.wait_for("1,234.50");
    assert_eq!(
        c.cursor_row(),
        Some(open.row),
        "the cursor stays on the item"
    );

    // A bad date: refused, the edit stays open with what was typed; Esc cancels it.
    c.send("t");
    c.wait_until("the quick edit", |c| c.footer().contains("Esc cancel"));
    retype(&mut c, 12, "2027-13-45");
    c.wait_until("the typed date", |c| {
        c.row_text(open.row).contains("2027-13-45")
    });
    c.send_key(Key::Enter);
    c.wait_status("\"2027-13-45\" is not a date: use YYYY-MM-DD");
    assert!(c.footer().contains("Esc cancel"), "the edit is still open");
    assert!(c.row_text(open.row).contains("2027-13-45"));
    c.send_key(Key::Esc);
    c.wait_status("quick edit cancelled");
    assert!(
        c.row_text(open.row).contains(&open.planned),
        "the date is back"
    );

    // A good date.
    c.send("t");
    c.wait_until("the quick edit", |c| c.footer().contains("Esc cancel"));
    retype(&mut c, 12, "2027-01-15");
    c.wait_until("the typed date", |c| {
        c.row_text(open.row).contains("2027-01-15")
    });
    c.send_key(Key::Enter);
    c.wait_status(&format!(
        "item {id}: planned invoice date set to 2027-01-15"
    ));
    c.wait_until("the quick edit to close", |c| {
        !c.footer().contains("Esc cancel")
    });

    // Reject another open or billable item.
    c.wait_list_ready();
    let target = item_rows(&c)
        .into_iter()
        .find(|r| {
            (r.status == "open" || r.status == "billable")
                && !(r.planned == "2027-01-15" && r.amount == Decimal::new(123450, 2))
        })
        .expect("another open or billable item on screen");
    let rejected = item_of_row(&before, &target, None);
    let rejected_id = rejected["id"].as_i64().unwrap();
    assert_ne!(rejected_id, id);
    c.move_cursor_to(target.row);
    c.send("x");
    c.wait_status("1 item(s) set rejected");
    c.wait_until("the row to say rejected", |c| {
        c.word_at(target.row, status_col) == "rejected"
    });
    c.send("q");
    assert_clean_exit(&mut c);

    let after = db.export("revenue-items");
    let after_ids = by_id(&after);
    let edited = after_ids[&id];
    assert_eq!(edited["planned_invoice_date"], "2027-01-15");
    assert_eq!(dec(&edited["planned_amount"]), Decimal::new(12345, 1));
    assert_eq!(
        edited["status"], item["status"],
        "the edits keep the status"
    );
    assert_eq!(after_ids[&rejected_id]["status"], "rejected");
    // Nothing else changed status.
    let before_ids = by_id(&before);
    let changed: Vec<i64> = after_ids
        .iter()
        .filter(|(k, v)| v["status"] != before_ids[*k]["status"])
        .map(|(k, _)| *k)
        .collect();
    assert_eq!(changed, vec![rejected_id]);
    db.assert_verifies();
}

/// `q` typed into a form goes into the field; Esc asks before discarding; `q` then quits and
/// the terminal is restored.
#[test]
fn q_in_a_form_is_text_and_q_outside_quits() {
    let db = DemoDb::new();
    let mut c = db.console(24, 80);
    c.wait_for("? shows the keys");
    c.send("2");
    c.wait_until("the revenue items screen", |c| c.footer().contains("n new"));
    c.send("n");
    c.wait_for("New revenue item");
    c.send("quality");
    c.wait_until("quality in the first field", |c| {
        c.screen()
            .lines()
            .any(|l| l.contains("> Project") && l.contains("quality"))
    });
    assert!(c.with_screen(|s| s.alternate_screen()), "still running");
    // The first Esc closes the project picker's list (nothing matches "quality"), the second
    // asks about the form.
    c.wait_for("nothing matches");
    c.send_key(Key::Esc);
    c.wait_until("the list closed", |c| c.footer().contains("choices"));
    c.send_key(Key::Esc);
    c.wait_for("Discard changes");
    assert!(
        c.screen().contains("quality"),
        "the form is still under the dialog"
    );
    c.send("y");
    c.wait_status("changes discarded");
    c.wait_gone("New revenue item");
    c.send("q");
    assert_clean_exit(&mut c);
    let raw = c.raw_output();
    assert!(
        raw.ends_with(b"\x1b[?1049l") || raw.ends_with(b"\x1b[?1049l\x1b[?25h"),
        "the output ends leaving the alternate screen: {:?}",
        String::from_utf8_lossy(&raw[raw.len().saturating_sub(40)..])
    );
}

/// Ctrl-C quits at once from the filter input, with status 0 and the terminal restored.
#[test]
fn ctrl_c_quits_from_the_filter_input() {
    let db = DemoDb::new();
    let mut c = db.console(24, 80);
    c.wait_for("? shows the keys");
    c.send("/");
    c.wait_for("Enter keeps the filter");
    c.send("Nor");
    c.wait_for("Nor▏");
    c.send_key(Key::CtrlC);
    assert_clean_exit(&mut c);
    db.assert_verifies();
}

/// Item 1's name holds an escape sequence and a bell: they show as harmless text.
#[test]
fn escape_sequences_in_names_show_harmlessly() {
    let db = DemoDb::new();
    let mut c = db.console(24, 80);
    c.wait_for("? shows the keys");
    c.send("2");
    c.wait_until("the revenue items screen", |c| c.footer().contains("n new"));
    c.send("/");
    c.wait_for("Enter keeps the filter");
    c.send("Hosting");
    c.wait_for("Hosting▏");
    c.send_key(Key::Enter);
    c.wait_gone("Enter keeps the filter");
    c.wait_list_ready();
    let (row, _) = c
        .list_rows()
        .into_iter()
        .find(|(_, t)| t.contains("Hosting [31m"))
        .unwrap_or_else(|| panic!("item 1 in the list:\n{}", c.screen()));
    assert_no_colour_on(&c, row, "Hosting [31m");
    c.move_cursor_to(row);
    c.send_key(Key::Enter);
    // (The list row shows the whole name too: the summary's line names the project after it.)
    c.wait_for("Hosting [31mrenewal[0m  (1)");
    let (row, _) = c
        .list_rows()
        .into_iter()
        .find(|(_, t)| t.contains("Hosting [31mrenewal[0m  (1)"))
        .expect("the summary line");
    assert!(
        c.row_text(row).contains("Hosting [31mrenewal[0m  (1)"),
        "{}",
        c.row_text(row)
    );
    assert_no_colour_on(&c, row, "Hosting [31mrenewal[0m");
    c.send_key(Key::Esc);
    c.wait_gone("Hosting [31mrenewal[0m  (1)");
    c.send("q");
    assert_clean_exit(&mut c);
    let raw = c.raw_output();
    assert!(find_last(&raw, b"\x1b[31mrenewal").is_none());
    assert!(!raw.contains(&0x07), "no bell reaches the terminal");
}

/// The cells of `text` on `row` carry no colour.
fn assert_no_colour_on(c: &Console, row: u16, text: &str) {
    let line = c.row_text(row);
    let start = line[..line.find(text).expect("the text on the row")]
        .chars()
        .count() as u16;
    c.with_screen(|s| {
        for col in start..start + text.chars().count() as u16 {
            let cell = s.cell(row, col).expect("a cell");
            assert_eq!(
                (cell.fgcolor(), cell.bgcolor()),
                (vt100::Color::Default, vt100::Color::Default),
                "colour at row {row} column {col} ({:?})",
                cell.contents()
            );
        }
    });
}

/// A wide terminal shows every column of finance control; `?` lists the keys.
#[test]
fn wide_terminal_shows_every_column_and_the_help() {
    let db = DemoDb::new();
    let mut c = db.console(48, 160);
    c.wait_for("? shows the keys");
    c.wait_list_ready();
    let header = c.row_text(1);
    for title in [
        "Planned", "Account", "Project", "Item", "Rule", "Amount", "Cur", "Status", "Draft",
        "Warning",
    ] {
        assert!(header.contains(title), "{title} in the header: {header:?}");
    }
    // With colours on, something is coloured (NO_COLOR's test checks the opposite).
    assert!(c.with_screen(|s| {
        (0..48).any(|r| {
            (0..160).any(|col| {
                s.cell(r, col)
                    .is_some_and(|cell| cell.fgcolor() != vt100::Color::Default)
            })
        })
    }));
    c.send("?");
    c.wait_for("Keys: Finance control");
    // The box may arrive in more than one write: wait for each line rather than read once.
    for text in [
        "make draft invoices",
        "confirm the drafts",
        "filter as you type",
        "select or unselect the row",
        "go to invoices",
    ] {
        c.wait_for(text);
    }
    c.send_key(Key::Esc);
    c.wait_gone("Keys: Finance control");
    c.send("q");
    assert_clean_exit(&mut c);
}

/// NO_COLOR: the cursor row is still reverse video, and nothing has a colour.
#[test]
fn no_color_keeps_reverse_video_and_drops_colours() {
    let db = DemoDb::new();
    let mut c = db.console_with_env(24, 80, &[("NO_COLOR", "1")]);
    c.wait_for("? shows the keys");
    c.wait_list_ready();
    let table_width = c.cols - 1;
    let check = |c: &Console, cursor: u16| {
        c.with_screen(|s| {
            for col in 0..table_width {
                let cell = s.cell(cursor, col).expect("a cell");
                assert!(cell.inverse(), "reverse video at row {cursor} column {col}");
            }
            for row in 0..c.rows {
                for col in 0..c.cols {
                    let cell = s.cell(row, col).expect("a cell");
                    assert_eq!(
                        (cell.fgcolor(), cell.bgcolor()),
                        (vt100::Color::Default, vt100::Color::Default),
                        "colour at row {row} column {col} ({:?}):\n{}",
                        cell.contents(),
                        c.screen()
                    );
                }
            }
        });
    };
    assert_eq!(c.cursor_row(), Some(2));
    check(&c, 2);
    c.send_key(Key::Down);
    c.wait_until("the cursor on the second row", |c| {
        c.cursor_row() == Some(3)
    });
    check(&c, 3);
    assert!(!c.with_screen(|s| s.cell(2, 1).unwrap().inverse()));
    // Invoices has drafts and credit notes (coloured otherwise).
    c.send("3");
    c.wait_for("Number ");
    c.wait_list_ready();
    assert_eq!(c.cursor_row(), Some(2));
    check(&c, 2);
    c.send("q");
    assert_clean_exit(&mut c);
}

/// Making a draft while invoices shows its first rows: the new draft (dated today, the newest)
/// should be the first row when going to invoices.
#[test]
fn a_new_draft_shows_at_the_top_of_invoices() {
    let db = DemoDb::new();
    let before = db.export("revenue-items");
    let mut c = db.console(24, 80);
    c.wait_for("? shows the keys");
    c.wait_list_ready();
    let billable = item_rows(&c)
        .into_iter()
        .find(|r| {
            r.status == "billable"
                && item_of_row(&before, r, None)["billing_rule"] != "time_and_materials"
        })
        .expect("a billable item");
    c.move_cursor_to(billable.row);
    c.send("i");
    c.wait_for("Make draft invoices");
    c.send("y");
    c.wait_status("1 draft invoice(s) made");
    let newest = db
        .export("invoices")
        .iter()
        .map(|v| v["id"].as_i64().unwrap())
        .max()
        .unwrap();
    c.send("3");
    c.wait_for("Number ");
    c.wait_list_ready();
    let first = c.row_text(2);
    assert!(
        first.contains(&format!("draft {newest} ")),
        "the new draft {newest} is the first row:\n{}",
        c.screen()
    );
    c.send("q");
    assert_clean_exit(&mut c);
}

/// On a tall terminal the help box shows every key of the screen, down to the last ones.
#[test]
fn help_shows_every_key_on_a_tall_terminal() {
    let db = DemoDb::new();
    let mut c = db.console(48, 160);
    c.wait_for("? shows the keys");
    c.send("?");
    c.wait_for("Keys: Finance control");
    for text in [
        "make draft invoices",
        "quit (asks first if unsaved changes or a file would be lost)",
        "quit at once, from anywhere",
    ] {
        c.wait_for(text);
    }
    c.send_key(Key::Esc);
    c.wait_gone("Keys: Finance control");
    c.send("q");
    assert_clean_exit(&mut c);
}

/// Growing and shrinking the terminal redraws the list to fit: more columns when wider, fewer
/// when narrower, nothing left over from the larger screen.
#[test]
fn resizing_redraws_to_fit() {
    let db = DemoDb::new();
    let mut c = db.console(24, 80);
    c.wait_list_ready();
    assert!(
        !c.row_text(1).contains("Account"),
        "80 columns leave Account out"
    );
    c.resize(40, 160);
    c.wait_until("the wide header after growing", |c| {
        c.row_text(1).contains("Account")
    });
    c.wait_until("the footer on the last row", |c| {
        c.footer().contains("quit")
    });
    c.resize(24, 80);
    c.wait_until("the narrow header after shrinking", |c| {
        !c.row_text(1).contains("Account") && c.row_text(1).contains("Planned")
    });
    c.wait_until("the footer on row 24", |c| c.footer().contains("quit"));
    c.send("q");
    assert!(c.wait_exit().success());
}
