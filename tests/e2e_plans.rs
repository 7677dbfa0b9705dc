//! Plans and contract lines end to end: the real binary in a pseudo-terminal saves a plan as a
//! named template, deletes the plan, makes it again from that template, ties a part to a
//! milestone, and deletes a contract line; then the database is read back through `export`
//! (items, contract lines, the change history) and `verify`.

use crate::support;

use rust_decimal::Decimal;
use serde_json::Value;
use support::e2e::rows::dec;
use support::e2e::{Console, DemoDb, Key};

const RIGHT: &str = "\x1b[C";

/// Moves down the milestones until the plan pane's title says `wanted`; returns the project
/// code that title names.
fn seek_title(c: &mut Console, wanted: &str) -> String {
    for _ in 0..60 {
        if let Some(line) = c.screen().lines().find(|l| l.contains(wanted)) {
            let words: Vec<&str> = line.split_whitespace().collect();
            // "P-0001 Name has no billing plan" or "Billing plan of P-0001 Name ..."
            let code = match words.iter().position(|w| *w == "of") {
                Some(i) if wanted.starts_with("Billing plan of") => words[i + 1],
                _ => words[0],
            };
            return code.to_string();
        }
        let before = c.screen();
        c.send_key(Key::Down);
        c.wait_until("the next milestone", |c| c.screen() != before);
    }
    panic!(
        "no milestone whose plan pane says {wanted:?}:\n{}",
        c.screen()
    );
}

fn history(db: &DemoDb, object: &str) -> Vec<Value> {
    let out = db.cli(&["export", "history", "--format", "json", "--object", object]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .expect("JSON")
        .as_array()
        .expect("an array")
        .clone()
}

/// The plan items of a project: (name, amount), sorted.
fn plan_items(db: &DemoDb, project: &str) -> Vec<(String, Decimal)> {
    let mut items: Vec<(String, Decimal)> = db
        .export("revenue-items")
        .iter()
        .filter(|i| i["project"] == project && i["origin"] == "billing_plan")
        .map(|i| {
            (
                i["name"].as_str().unwrap_or("").to_string(),
                dec(&i["planned_amount"]),
            )
        })
        .collect();
    items.sort();
    items
}

/// `all` less one of each of `gone` (both sorted).
fn without(all: &[(String, Decimal)], gone: &[(String, Decimal)]) -> Vec<(String, Decimal)> {
    let mut rest = gone.to_vec();
    all.iter()
        .filter(|x| match rest.iter().position(|y| y == *x) {
            Some(i) => {
                rest.remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

#[test]
fn a_plan_saved_as_a_template_deleted_and_made_again_from_it() {
    let db = DemoDb::new();
    let mut c = db.console(24, 80);
    c.wait_for("? shows the keys");
    c.send("5");
    c.wait_for("Reached");
    let project = seek_title(&mut c, "Billing plan of");
    let before = plan_items(&db, &project);
    assert!(!before.is_empty());

    c.send("T");
    c.wait_for("Save a billing plan as a template");
    c.send_key(Key::Tab);
    c.send("E2E steps");
    c.send_key(Key::CtrlS);
    c.wait_status("saved as template \"E2E steps\"");

    c.send("D");
    c.wait_for("Delete the billing plan of which project?");
    c.send_key(Key::Enter);
    c.wait_for("unbilled revenue item(s)");
    c.send("y");
    c.wait_status(&format!("plan of {project} deleted"));
    c.wait_for("has no billing plan");
    // The demo's other items of origin billing plan (made without a plan) stay.
    let stray = plan_items(&db, &project);
    let deleted = without(&before, &stray);
    assert!(!deleted.is_empty());

    // Made again from the saved template, by name.
    c.send("P");
    c.wait_for("Billing plan of which project?");
    c.send_key(Key::Enter);
    c.wait_for("Parts: `label; 30%; +60`");
    c.send_key(Key::Tab);
    c.send("6000");
    c.repeat(Key::Tab, 2);
    for _ in 0..6 {
        if c.screen().contains("E2E steps") {
            break;
        }
        c.send(RIGHT);
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    c.wait_for("E2E steps");
    c.send_key(Key::CtrlS);
    c.wait_status("part(s)");
    c.send("q");
    assert!(c.wait_exit().success());

    let made = without(&plan_items(&db, &project), &stray);
    assert_eq!(
        made.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        deleted.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        "the template keeps the parts' labels"
    );
    let total: Decimal = made.iter().map(|(_, a)| *a).sum();
    assert_eq!(total, "6000.00".parse::<Decimal>().unwrap());
    let plans = history(&db, "billing_plan");
    assert!(
        plans.iter().any(|r| r["field"] == "deleted"),
        "the plan's deletion is kept"
    );
    let parts = history(&db, "plan_part");
    assert_eq!(
        parts.iter().filter(|r| r["field"] == "deleted").count(),
        deleted.len()
    );
    let templates = history(&db, "plan_template");
    assert_eq!(templates.len(), 1);
    assert!(
        templates[0]["new"]
            .as_str()
            .unwrap_or("")
            .contains("E2E steps")
    );
    db.assert_verifies();
}

#[test]
fn a_part_tied_to_a_milestone_and_a_contract_line_deleted() {
    let db = DemoDb::new();
    let mut c = db.console(24, 80);
    c.wait_for("? shows the keys");
    c.send("5");
    c.wait_for("Reached");
    c.send("g");
    let project = seek_title(&mut c, "has no billing plan");
    c.send("P");
    c.wait_for("Billing plan of which project?");
    c.send_key(Key::Enter);
    c.wait_for("Parts: `label; 30%; +60`");
    c.repeat(Key::Backspace, 12);
    c.send("2027-01-01");
    c.send_key(Key::Tab);
    c.send("2500");
    c.repeat(Key::Tab, 3);
    c.send("Go-live; 100%; @m1");
    c.send_key(Key::CtrlS);
    c.wait_status("1 part(s)");
    c.wait_for("@M1");

    // A new contract line, its first period added, then deleted whole.
    c.send("4");
    c.wait_for("Periods of line");
    c.send("n");
    c.wait_for("New contract line");
    c.repeat(Key::Tab, 2);
    c.send("Roll-out support");
    c.send_key(Key::Tab);
    c.send("100");
    c.send_key(Key::Tab);
    c.send("10");
    c.send_key(Key::CtrlS);
    c.wait_status("created");
    c.send_key(Key::Enter);
    c.send("n");
    c.wait_for("First billing period of line");
    c.send_key(Key::CtrlS);
    c.wait_status("added, pending");
    c.send_key(Key::Esc);
    c.send("D");
    c.wait_for("Delete contract line");
    c.wait_for("1 period(s), none validated");
    c.send("y");
    c.wait_status("deleted with 1 period(s) and forecast item");
    c.send("q");
    assert!(c.wait_exit().success());

    let items = db.export("revenue-items");
    let go_live: Vec<&Value> = items
        .iter()
        .filter(|i| i["project"] == project.as_str() && i["name"] == "Go-live")
        .collect();
    assert_eq!(go_live.len(), 1, "{go_live:?}");
    assert_eq!(go_live[0]["origin"], "milestone");
    assert_eq!(go_live[0]["billing_rule"], "milestone");
    assert_eq!(
        dec(&go_live[0]["planned_amount"]),
        "2500.00".parse::<Decimal>().unwrap()
    );
    let milestones = db.export("milestones");
    let m1 = milestones
        .iter()
        .find(|m| m["project"] == project.as_str() && m["code"] == "M1")
        .expect("M1 of the project");
    assert_eq!(go_live[0]["planned_invoice_date"], m1["due_date"]);
    assert!(
        !db.export("contract-lines")
            .iter()
            .any(|l| l["description"] == "Roll-out support"),
        "the line is gone"
    );
    let lines = history(&db, "contract_line");
    assert!(lines.iter().any(|r| r["field"] == "deleted"));
    db.assert_verifies();
}
