//! Several writers on one file: gapless numbering when two users (threads or processes) confirm
//! the same drafts at once, and stale versions refused with the name of who changed the row.

mod support;

use chrono::NaiveDate;
use finctl::domain::invoice_status::InvoiceStatus;
use finctl::domain::revenue_status::RevenueStatus;
use finctl::domain::rights::Role;
use finctl::store::revenue_items::ItemEdit;
use finctl::store::{Store, StoreError};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Barrier};
use support::store::*;
use support::*;

const DRAFTS: usize = 40;

fn confirm_day_2026() -> NaiveDate {
    date(2026, 6, 30)
}

/// The company with `DRAFTS` more single-line drafts on top of the fixture: one per call of
/// make_drafts, alternating between the EUR and the USD account.
fn many_drafts(c: &mut Company) -> Vec<i64> {
    let mut drafts = Vec::new();
    for i in 0..DRAFTS {
        let project = if i % 2 == 0 { c.p1 } else { c.u1 };
        let amount = format!("{}.{:02}", 100 + i, i);
        let ids = c
            .store
            .create_revenue_items(&[fixed_item(
                project,
                &format!("Item {i}"),
                &amount,
                "24",
                RevenueStatus::Billable,
            )])
            .unwrap();
        let made = c.store.make_drafts(&ids, draft_day()).unwrap();
        assert_eq!(made.invoices.len(), 1);
        drafts.extend(made.invoices);
    }
    drafts
}

/// Confirms every draft in `drafts` as `store`'s user, accepting "already confirmed"
/// refusals; returns the numbers this user gave.
fn confirm_all(store: &mut Store, drafts: &[i64]) -> Result<Vec<String>, String> {
    let mut numbers = Vec::new();
    for &id in drafts {
        match store.confirm(id, confirm_day_2026()) {
            Ok(c) => numbers.push(c.number),
            Err(StoreError::Refused(msg)) if msg.contains("was already confirmed as") => {}
            Err(e) => return Err(format!("draft {id}: {e}")),
        }
    }
    Ok(numbers)
}

/// Every draft confirmed exactly once, numbered 2026-000001..N without gaps or repeats, the
/// numbers each user reported are the ones stored, and verify is clean.
fn assert_gapless(path: &Path, drafts: &[i64], reported: &[Vec<String>]) {
    let store = Store::open(path, ADMIN).unwrap();
    let all: Vec<&String> = reported.iter().flatten().collect();
    assert_eq!(
        all.len(),
        drafts.len(),
        "each draft confirmed exactly once: {reported:?}"
    );
    let unique: BTreeSet<&String> = all.iter().copied().collect();
    assert_eq!(unique.len(), drafts.len(), "no number given twice");
    let expected: BTreeSet<String> = (1..=drafts.len()).map(|n| format!("2026-{n:06}")).collect();
    assert_eq!(
        unique,
        expected.iter().collect(),
        "numbers 1..N without gaps"
    );
    let mut stored = BTreeSet::new();
    for &id in drafts {
        let inv = store.invoice(id).unwrap();
        assert_eq!(inv.status, InvoiceStatus::Confirmed, "draft {id}");
        let number = inv.number.clone().unwrap();
        let numbered: Vec<_> = store
            .history_of("invoice", id)
            .unwrap()
            .into_iter()
            .filter(|h| h.field == "number")
            .collect();
        assert_eq!(numbered.len(), 1, "invoice {id} numbered once");
        assert_eq!(numbered[0].new.as_deref(), Some(number.as_str()));
        assert_eq!(numbered[0].user, inv.confirmed_by.clone().unwrap());
        for line in &inv.lines {
            let item = store.revenue_item(line.revenue_item_id.unwrap()).unwrap();
            assert_eq!(item.status, RevenueStatus::Invoiced);
        }
        stored.insert(number);
    }
    assert_eq!(stored, expected);
    let (last, chain): (i64, i64) = store
        .conn()
        .query_row(
            "SELECT (SELECT last_seq FROM number_series WHERE series = 'INV' AND year = 2026),
                    (SELECT last_seq FROM chain_head)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((last, chain), (drafts.len() as i64, drafts.len() as i64));
    let v = store.verify().unwrap();
    assert!(v.is_empty(), "{v:#?}");
}

#[test]
fn two_threads_confirming_the_same_drafts_number_them_gaplessly() {
    let mut c = Company::new();
    c.store.set_role("fin1", Role::Finance).unwrap();
    c.store.set_role("fin2", Role::Finance).unwrap();
    let drafts = Arc::new(many_drafts(&mut c));
    let start = Arc::new(Barrier::new(2));
    let workers: Vec<_> = ["fin1", "fin2"]
        .into_iter()
        .map(|user| {
            let (path, drafts, start) = (c.path.clone(), drafts.clone(), start.clone());
            std::thread::spawn(move || {
                let mut store = Store::open(&path, user).unwrap();
                start.wait();
                confirm_all(&mut store, &drafts)
            })
        })
        .collect();
    let reported: Vec<Vec<String>> = workers
        .into_iter()
        .map(|w| w.join().expect("worker panicked").expect("worker failed"))
        .collect();
    assert_gapless(&c.path, &drafts, &reported);
}

#[test]
fn the_same_user_in_two_threads_numbers_gaplessly_with_confirm_many() {
    let mut c = Company::new();
    let drafts = Arc::new(many_drafts(&mut c));
    let start = Arc::new(Barrier::new(2));
    let workers: Vec<_> = [false, true]
        .into_iter()
        .map(|reverse| {
            let (path, drafts, start) = (c.path.clone(), drafts.clone(), start.clone());
            std::thread::spawn(move || {
                let mut store = Store::open(&path, ADMIN).unwrap();
                let mut mine: Vec<i64> = drafts.to_vec();
                if reverse {
                    mine.reverse();
                }
                start.wait();
                // In batches of 5: each batch is one transaction.
                let mut numbers = Vec::new();
                for batch in mine.chunks(5) {
                    let run = store.confirm_many(batch, confirm_day_2026()).unwrap();
                    for (id, why) in &run.refused {
                        assert!(
                            why.contains("was already confirmed as"),
                            "draft {id}: {why}"
                        );
                    }
                    numbers.extend(run.confirmed.into_iter().map(|c| c.number));
                }
                numbers
            })
        })
        .collect();
    let reported: Vec<Vec<String>> = workers.into_iter().map(|w| w.join().unwrap()).collect();
    assert_gapless(&c.path, &drafts, &reported);
}

const CHILD_DB: &str = "FINCTL_TEST_CHILD_DB";
const CHILD_USER: &str = "FINCTL_TEST_CHILD_USER";
const CHILD_GO: &str = "FINCTL_TEST_CHILD_GO";
const RESULT_PREFIX: &str = "FINCTL-CHILD-NUMBERS:";

/// In a child process: open the store, wait for the go file, confirm everything, and print
/// the numbers given on one line for the parent.
fn run_child(db: &str) {
    let user = std::env::var(CHILD_USER).unwrap();
    let go = std::env::var(CHILD_GO).unwrap();
    let mut store = Store::open(Path::new(db), &user).unwrap();
    let drafts: Vec<i64> = store
        .conn()
        .prepare("SELECT id FROM invoices WHERE status = 'draft' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !Path::new(&go).exists() {
        assert!(std::time::Instant::now() < deadline, "no go signal");
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let numbers = confirm_all(&mut store, &drafts).unwrap();
    // On a line of its own: libtest has already printed "test ... " without a newline.
    println!("\n{RESULT_PREFIX}{}", numbers.join(","));
}

#[test]
fn two_processes_confirming_the_same_drafts_number_them_gaplessly() {
    if let Ok(db) = std::env::var(CHILD_DB) {
        return run_child(&db);
    }
    let mut c = Company::new();
    c.store.set_role("fin1", Role::Finance).unwrap();
    c.store.set_role("fin2", Role::Finance).unwrap();
    let drafts = many_drafts(&mut c);
    let go = c.dir.path().join("go");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = ["fin1", "fin2"]
        .into_iter()
        .map(|user| {
            std::process::Command::new(&exe)
                .args([
                    "--exact",
                    "two_processes_confirming_the_same_drafts_number_them_gaplessly",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(CHILD_DB, &c.path)
                .env(CHILD_USER, user)
                .env(CHILD_GO, &go)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // Let both children open the file and list the drafts, then start them together.
    std::thread::sleep(std::time::Duration::from_millis(200));
    std::fs::write(&go, b"go").unwrap();
    let mut reported = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "child failed: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = stdout
            .lines()
            .find_map(|l| l.split_once(RESULT_PREFIX).map(|(_, numbers)| numbers))
            .unwrap_or_else(|| panic!("the child ran no confirmation: {stdout}"));
        reported.push(
            line.split(',')
                .filter(|n| !n.is_empty())
                .map(String::from)
                .collect::<Vec<_>>(),
        );
    }
    assert_gapless(&c.path, &drafts, &reported);
}

#[test]
fn a_stale_edit_is_refused_and_names_who_changed_the_item() {
    let mut c = Company::new();
    let mut ann = c.user("ann", Role::Manager);
    let mut bob = c.user("bob", Role::Manager);
    let seen_by_ann = ann.revenue_item(c.extra).unwrap();
    let seen_by_bob = bob.revenue_item(c.extra).unwrap();
    let v = seen_by_bob.version;
    assert_eq!(seen_by_ann.version, v);

    ann.update_revenue_item(
        c.extra,
        v,
        &ItemEdit {
            planned_amount: Some(d("275.00")),
            ..Default::default()
        },
    )
    .unwrap();
    let err = bob
        .update_revenue_item(
            c.extra,
            v,
            &ItemEdit {
                planned_amount: Some(d("300.00")),
                ..Default::default()
            },
        )
        .unwrap_err();
    match &err {
        StoreError::Stale { object, id, by, .. } => {
            assert_eq!(
                (*object, *id, by.as_str()),
                ("revenue item", c.extra, "ann")
            );
        }
        other => panic!("expected a stale refusal, got {other:?}"),
    }
    let msg = err.to_string();
    assert!(msg.contains("was changed by ann at"), "{msg}");
    assert!(msg.contains("reload it and try again"), "{msg}");
    assert!(err.is_refusal());

    let now = bob.revenue_item(c.extra).unwrap();
    assert_eq!(now.planned_amount, d("275.00"), "ann's value stays");
    assert_eq!((now.version, now.updated_by.as_str()), (v + 1, "ann"));
    let h = bob.history_of("revenue_item", c.extra).unwrap();
    let edits: Vec<_> = h
        .iter()
        .filter(|r| r.field != "created")
        .map(|r| {
            (
                r.user.as_str(),
                r.field.as_str(),
                r.old.as_deref(),
                r.new.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        edits,
        [("ann", "planned_amount", Some("250.00"), Some("275.00"))]
    );

    // The other writes that take a version are refused the same way.
    let change = bob
        .set_status(&[(c.extra, v)], RevenueStatus::Rejected)
        .unwrap();
    assert!(change.changed.is_empty());
    assert_eq!(change.refused.len(), 1);
    assert!(
        change.refused[0].1.contains("was changed by ann"),
        "{:?}",
        change.refused
    );
    let err = bob.delete_revenue_item(c.extra, v).unwrap_err();
    assert!(
        matches!(&err, StoreError::Stale { by, .. } if by == "ann"),
        "{err:?}"
    );
    assert_eq!(bob.revenue_item(c.extra).unwrap(), now);

    // Reloaded, bob's edit goes through.
    bob.update_revenue_item(
        c.extra,
        now.version,
        &ItemEdit {
            planned_amount: Some(d("300.00")),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(ann.revenue_item(c.extra).unwrap().updated_by, "bob");
    c.assert_sound();
}

#[test]
fn a_stale_draft_edit_names_who_changed_the_draft() {
    let mut c = Company::new();
    let mut fay = c.user("fay", Role::Finance);
    let id = c
        .store
        .make_drafts(&c.acme_billable(), draft_day())
        .unwrap()
        .invoices[0];
    let seen = fay.invoice(id).unwrap();
    c.store
        .set_draft_dates(id, seen.version, date(2026, 4, 1), date(2026, 5, 1))
        .unwrap();
    let err = fay
        .set_draft_line_amount(id, seen.version, seen.lines[0].id, d("1.00"), "typo")
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Stale { object: "invoice", by, .. } if by == ADMIN),
        "{err:?}"
    );
    let err = fay.delete_draft(id, seen.version).unwrap_err();
    assert!(
        err.to_string()
            .contains(&format!("invoice {id} was changed by admin")),
        "{err}"
    );
    assert_eq!(fay.invoice(id).unwrap().lines, seen.lines);
    c.assert_sound();
}
