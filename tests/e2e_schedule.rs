//! End-to-end tests of the progress (4) and milestones (5) screens: the real binary in a
//! pseudo-terminal, keys in, screen out, then the database checked through `export` and
//! `verify`.

use crate::support;

use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeSet;
use support::e2e::rows::{confirmed_number, dec, item_rows};
use support::e2e::{Console, DemoDb, Key};

const RIGHT: &str = "\x1b[C";
const PAGE_DOWN: &str = "\x1b[6~";

/// Clears a form field (it holds at most `len` characters) and types `text`.
fn retype(c: &mut Console, len: usize, text: &str) {
    c.repeat(Key::Backspace, len);
    c.send(text);
}

/// Adds the next period of the line whose periods have the focus, bills `percent` of the
/// line through the edit form and validates it.
fn bill_period(c: &mut Console, first: bool, percent: &str) {
    c.send("n");
    if first {
        c.wait_for("First billing period of line");
        c.send_key(Key::CtrlS);
    }
    c.wait_status("added, pending");
    c.send("e");
    c.wait_for("Type one billed figure");
    c.repeat(Key::Tab, 3);
    retype(c, 12, percent);
    c.send_key(Key::CtrlS);
    c.wait_status("pending period saved");
    c.send("v");
    c.wait_for("Validate period");
    c.send("y");
    c.wait_status("period validated");
}

#[test]
fn three_periods_validated_the_middle_refused_the_last_unvalidated_and_deleted() {
    let db = DemoDb::new();
    let mut c = db.console(24, 80);
    c.wait_for("? shows the keys");
    c.send("4");
    c.wait_for("Periods of line");
    assert!(c.row_text(0).contains("4 Progress"));

    // A new contract line: P-0001 (prefilled from the line under the cursor), 100 x 10.00.
    c.send("n");
    c.wait_for("New contract line");
    c.repeat(Key::Tab, 2);
    c.send("Roll-out support");
    c.send_key(Key::Tab);
    retype(&mut c, 4, "100");
    c.send_key(Key::Tab);
    c.send("10");
    c.repeat(Key::Tab, 3);
    retype(&mut c, 10, "2026-08-01");
    c.send_key(Key::CtrlS);
    let status = c.wait_status("created");
    let line_id: i64 = status
        .split("contract line ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("a line id in {status:?}"));
    c.send("G");
    c.wait_for("Periods of line");
    c.wait_for("Roll-out support · EUR 1,000.00");
    c.send_key(Key::Enter);
    c.wait_for("▶ Periods of line");

    bill_period(&mut c, true, "30");
    bill_period(&mut c, false, "20");
    bill_period(&mut c, false, "10");
    c.wait_for("billed 600.00 of EUR 1,000.00");

    // The middle period cannot be unvalidated while the last is validated.
    c.send_key(Key::Up);
    c.send("u");
    c.wait_status("the next period (3) is validated: unvalidate it first");
    assert!(!c.screen().contains("Unvalidate period"), "no dialog");

    // The last one is unvalidated, then deleted.
    c.send_key(Key::Down);
    c.send("u");
    c.wait_for("Unvalidate period");
    c.send("y");
    c.wait_status("period unvalidated");
    c.send_key(Key::Delete);
    c.wait_for("Delete period");
    c.send("y");
    c.wait_status("period deleted");
    c.wait_for("billed 500.00 of EUR 1,000.00");
    c.send("q");
    assert!(c.wait_exit().success());

    let statuses: Vec<Value> = db
        .export("progress-statuses")
        .into_iter()
        .filter(|s| s["line_id"].as_i64() == Some(line_id))
        .collect();
    let shown: Vec<(String, Decimal, Decimal)> = statuses
        .iter()
        .map(|s| {
            (
                s["status"].as_str().unwrap_or_default().to_string(),
                dec(&s["billed_percent"]),
                dec(&s["billed_amount"]),
            )
        })
        .collect();
    let d = |s: &str| s.parse::<Decimal>().expect("decimal");
    assert_eq!(
        shown,
        [
            ("to_be_invoiced".to_string(), d("30"), d("300.00")),
            ("to_be_invoiced".to_string(), d("20"), d("200.00")),
        ]
    );
    let line = db
        .export("contract-lines")
        .into_iter()
        .find(|l| l["id"].as_i64() == Some(line_id))
        .expect("the new line");
    assert_eq!(dec(&line["scheduled_total"]), dec(&line["total"]));
    assert_eq!(dec(&line["billed_total"]), d("500.00"));
    db.assert_verifies();
}

/// The rows of the upper list on a split screen (above its title line).
fn upper_rows(c: &Console, title: &str) -> Vec<(u16, String)> {
    let rows = c.list_rows();
    let end = rows
        .iter()
        .find(|(_, t)| t.contains(title))
        .map(|(r, _)| *r)
        .unwrap_or(u16::MAX);
    rows.into_iter().filter(|(r, _)| *r < end).collect()
}

/// The row of the first milestone on screen that `pred` (project, code, reached, open items)
/// accepts.
fn milestone_row(c: &Console, pred: impl Fn(&str, &str, &str, u32) -> bool) -> Option<u16> {
    let project = c.header_col("Project")?;
    let code = c.header_col("Ms")?;
    let reached = c.header_col("Reached")?;
    let open_end = c.header_col("Open")? + "Open".len() as u16;
    upper_rows(c, "illing plan")
        .into_iter()
        .find_map(|(row, _)| {
            let open: u32 = c.word_ending_at(row, open_end).parse().ok()?;
            pred(
                &c.word_at(row, project),
                &c.word_at(row, code),
                &c.word_at(row, reached),
                open,
            )
            .then_some(row)
        })
}

#[test]
fn a_milestone_reached_releases_its_items_which_are_invoiced_and_confirmed() {
    let db = DemoDb::new();
    let before = db.export("revenue-items");
    let mut c = db.console(48, 160);
    c.wait_for("? shows the keys");
    c.send("5");
    c.wait_for("Reached");
    let mut found = None;
    for _ in 0..40 {
        if let Some(row) = milestone_row(&c, |_, _, reached, open| reached == "no" && open > 0) {
            found = Some(row);
            break;
        }
        c.send(PAGE_DOWN);
    }
    let row =
        found.unwrap_or_else(|| panic!("no unreached milestone with open items:\n{}", c.screen()));
    let project = c.word_at(row, c.header_col("Project").unwrap());
    let code = c.word_at(row, c.header_col("Ms").unwrap());
    c.move_cursor_to(row);

    // The dialog lists what reaching it releases.
    c.send("m");
    c.wait_for("Milestone reached");
    let screen = c.screen();
    let released: BTreeSet<i64> = screen
        .lines()
        .filter(|l| l.contains("open -> billable"))
        .filter_map(|l| l.split("item ").nth(1)?.split(' ').next()?.parse().ok())
        .collect();
    let linked: BTreeSet<i64> = before
        .iter()
        .filter(|i| i["project"] == project.as_str() && i["milestone"] == code.as_str())
        .filter(|i| i["status"] == "open")
        .map(|i| i["id"].as_i64().expect("id"))
        .collect();
    assert!(!released.is_empty(), "{screen}");
    assert_eq!(released, linked, "{screen}");
    c.send("y");
    c.wait_status("released to finance control");

    // Finance control: the project's billable items, the released ones among them.
    c.send("1");
    c.wait_list_ready();
    c.send("/");
    c.wait_for("Enter keeps the filter");
    c.send(&project);
    c.send_key(Key::Enter);
    c.wait_gone("Enter keeps the filter");
    c.wait_list_ready();
    // Released items, as the export had them before (open): planned date and amount.
    let released_rows: Vec<(String, Decimal)> = before
        .iter()
        .filter(|i| released.contains(&i["id"].as_i64().expect("id")))
        .map(|i| {
            (
                i["planned_invoice_date"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                dec(&i["planned_amount"]),
            )
        })
        .collect();
    let rows: Vec<u16> = item_rows(&c)
        .into_iter()
        .filter(|r| r.status == "billable")
        .filter(|r| released_rows.contains(&(r.planned.clone(), r.amount)))
        .map(|r| r.row)
        .collect();
    assert_eq!(rows.len(), released.len(), "{}", c.screen());
    for (n, row) in rows.iter().enumerate() {
        c.move_cursor_to(*row);
        c.send_key(Key::Space);
        c.wait_status(&format!("{} selected", n + 1));
    }
    c.send("i");
    c.wait_for("Make draft invoices");
    c.send("y");
    c.wait_status("draft invoice(s) made");
    // The same rows, now drafts, confirmed from finance control.
    for (n, row) in rows.iter().enumerate() {
        c.move_cursor_to(*row);
        c.send_key(Key::Space);
        c.wait_status(&format!("{} selected", n + 1));
    }
    c.send("c");
    c.wait_for("Confirm invoices");
    c.send("y");
    let status = c.wait_status("confirmed: ");
    let number = confirmed_number(&status);
    c.send("q");
    assert!(c.wait_exit().success());

    let after = db.export("revenue-items");
    for id in &released {
        let item = after
            .iter()
            .find(|i| i["id"].as_i64() == Some(*id))
            .expect("the item");
        assert_eq!(item["status"], "invoiced", "{item}");
        assert_eq!(item["invoice"], number.as_str(), "{item}");
    }
    db.assert_verifies();
}

#[test]
fn a_plan_from_a_template_moves_with_the_project_start() {
    let db = DemoDb::new();
    let mut c = db.console(24, 80);
    c.wait_for("? shows the keys");
    c.send("5");
    c.wait_for("Reached");
    // The first milestone whose project has no plan yet.
    for _ in 0..60 {
        if c.screen().contains("has no billing plan") {
            break;
        }
        let before = c.screen();
        c.send_key(Key::Down);
        c.wait_until("the next milestone", |c| c.screen() != before);
    }
    let title = c
        .screen()
        .lines()
        .find(|l| l.contains("has no billing plan"))
        .expect("the plan title")
        .to_string();
    let project = title
        .split_whitespace()
        .next()
        .expect("a project code")
        .to_string();

    c.send("P");
    c.wait_for("Billing plan of which project?");
    c.send_key(Key::Enter);
    c.wait_for("Parts: `label; 30%; +60`");
    retype(&mut c, 12, "2027-01-01");
    c.send_key(Key::Tab);
    c.send("9000");
    c.repeat(Key::Tab, 2);
    c.send(RIGHT);
    c.wait_for("30-50-20");
    c.send_key(Key::CtrlS);
    c.wait_status("3 part(s)");
    for date in ["2027-01-01", "2027-04-01", "2027-05-31"] {
        c.wait_for(date);
    }
    c.wait_for("start+150");

    // Moving the start moves the parts, and their revenue items with them.
    c.send("P");
    c.wait_for("Billing plan of which project?");
    c.send_key(Key::Enter);
    c.wait_for("Parts: `label; 30%; +60`");
    retype(&mut c, 12, "2027-02-01");
    c.send_key(Key::CtrlS);
    c.wait_status("start now 2027-02-01, dates moved");
    for date in ["2027-02-01", "2027-05-02", "2027-07-01"] {
        c.wait_for(date);
    }
    c.send("q");
    assert!(c.wait_exit().success());

    let items = db.export("revenue-items");
    let mut plan: Vec<(String, Decimal)> = items
        .iter()
        // The demo has other items of origin billing_plan: the parts are named by the template.
        .filter(|i| i["project"] == project.as_str() && i["origin"] == "billing_plan")
        .filter(|i| {
            ["Kick-off", "Delivery", "Acceptance"].contains(&i["name"].as_str().unwrap_or(""))
        })
        .map(|i| {
            (
                i["planned_invoice_date"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                dec(&i["planned_amount"]),
            )
        })
        .collect();
    plan.sort();
    let d = |s: &str| s.parse::<Decimal>().expect("decimal");
    assert_eq!(
        plan,
        [
            ("2027-02-01".to_string(), d("2700.00")),
            ("2027-05-02".to_string(), d("4500.00")),
            ("2027-07-01".to_string(), d("1800.00")),
        ]
    );
    db.assert_verifies();
}
