//! A hand-off folder ahead of its database, end to end with the binary: a database restored
//! from a backup (or one that lost its last commit) finds files and journal lines of documents
//! it has no mark of. What is in the folder with the same content (SHA-256) is recognised and
//! marked, never written or journaled twice; another document under the same number is
//! refused loudly, and nothing is written; so is a line no hand-off wrote.

use crate::support;

use finctl::store::Store;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use support::handoff::Demo;
use support::{date, sibling, text};

/// Every file of `dir` by name, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// `finctl backup` of the demo's database: the file it wrote.
fn backup(demo: &Demo, name: &str) -> PathBuf {
    let path = demo.path(name);
    let out = demo.cli(&["backup", "--output", path.to_str().unwrap()], &[]);
    assert!(out.status.success(), "backup: {}", text(&out.stderr));
    path
}

/// The demo's database replaced by the backup at `from`, as a restore would.
fn restore(demo: &Demo, from: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(sibling(&demo.db, suffix));
    }
    fs::copy(from, &demo.db).unwrap();
}

/// The demo's admin (the operating-system user that made it), at the store.
fn admin(demo: &Demo) -> Store {
    let conn = rusqlite::Connection::open(&demo.db).unwrap();
    let name: String = conn
        .query_row("SELECT name FROM users WHERE role = 'admin'", [], |r| {
            r.get(0)
        })
        .unwrap();
    Store::open(&demo.db, &name).unwrap()
}

/// Confirms the `nth` draft invoice of the demo; its number.
fn confirm_draft(demo: &Demo, nth: usize) -> String {
    let mut store = admin(demo);
    let ids: Vec<i64> = store
        .conn()
        .prepare("SELECT id FROM invoices WHERE status = 'draft' AND kind = 'invoice' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let confirmed = store.confirm(ids[nth], date(2026, 11, 28)).unwrap();
    store.invoice(confirmed.id).unwrap().number.unwrap()
}

#[test]
fn a_folder_ahead_of_its_restored_database_is_recognised_and_nothing_is_handed_off_twice() {
    let demo = Demo::new();
    demo.hand_off_killed(5, "committed");
    let saved = backup(&demo, "saved.db");
    demo.hand_off(&[]);
    let out = demo.out();
    let folder = snapshot(&out);
    let all = demo.confirmed().len();

    // The database goes back to the backup: 6 marks, while the folder has them all.
    restore(&demo, &saved);
    assert_eq!(demo.marks().len(), 6);
    let run = demo.hand_off(&[]);
    assert!(
        !run.contains(" -> "),
        "documents in the folder were written again: {run}"
    );
    assert!(
        run.contains(&format!("{} document(s) found", all - 6)),
        "{run}"
    );
    assert!(run.contains("nothing new"), "{run}");
    assert_eq!(
        snapshot(&out),
        folder,
        "no second journal line, no file rewritten"
    );
    demo.assert_each_handed_off_once();
    demo.assert_verifies();
    let again = demo.hand_off(&[]);
    assert!(
        again.contains("nothing new") && !again.contains("repaired"),
        "{again}"
    );
    assert_eq!(snapshot(&out), folder);

    // A new document after that is handed off as usual, after what the folder had.
    let number = confirm_draft(&demo, 0);
    let run = demo.hand_off(&[]);
    assert!(run.contains(&format!(" {number} -> ")), "{run}");
    demo.assert_each_handed_off_once();
    demo.assert_verifies();
}

#[test]
fn another_document_under_a_number_the_folder_has_is_refused_loudly() {
    let demo = Demo::new();
    let saved = backup(&demo, "saved.db");
    let number = confirm_draft(&demo, 0);
    demo.hand_off(&[]);
    let out = demo.out();
    let folder = snapshot(&out);

    // Restored to before that confirmation: the folder's other documents are recognised, and
    // the line of the number this database has no document under is left as it is.
    restore(&demo, &saved);
    let run = demo.hand_off(&[]);
    assert!(
        run.contains("left 1 journal.csv line(s)") && run.contains(&number),
        "{run}"
    );
    assert!(!run.contains(" -> "), "{run}");
    assert_eq!(snapshot(&out), folder, "the folder changed");
    let marks = demo.marks();
    assert_eq!(marks.len(), demo.confirmed().len());

    // The database gives the number to another draft: refused, loudly, and nothing written.
    assert_eq!(confirm_draft(&demo, 1), number);
    let refused = demo.cli(&["handoff", "--output", out.to_str().unwrap()], &[]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stdout));
    let message = text(&refused.stderr);
    assert!(
        message.contains(&number) && message.contains("another document"),
        "{message}"
    );
    assert_eq!(snapshot(&out), folder, "the folder changed");
    assert_eq!(demo.marks(), marks);

    // The ERP moved the journal away: the file alone is refused as well, never written over.
    fs::rename(out.join("journal.csv"), demo.path("booked.csv")).unwrap();
    let folder = snapshot(&out);
    let refused = demo.cli(&["handoff", "--output", out.to_str().unwrap()], &[]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stdout));
    let message = text(&refused.stderr);
    assert!(
        message.contains(&format!("{number}.xml")) && message.contains("another document"),
        "{message}"
    );
    assert_eq!(snapshot(&out), folder);
    assert_eq!(demo.marks(), marks);
}

#[test]
fn a_document_file_that_is_not_what_its_journal_line_names_is_refused() {
    let demo = Demo::new();
    let saved = backup(&demo, "saved.db");
    demo.hand_off(&[]);
    let out = demo.out();
    restore(&demo, &saved);
    let number = demo.confirmed().keys().nth(4).unwrap().clone();
    let file = out.join(format!("{number}.xml"));
    let mut bytes = fs::read(&file).unwrap();
    bytes.extend_from_slice(b"<!-- changed -->\n");
    fs::write(&file, &bytes).unwrap();
    let folder = snapshot(&out);
    let refused = demo.cli(&["handoff", "--output", out.to_str().unwrap()], &[]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stdout));
    let message = text(&refused.stderr);
    assert!(
        message.contains(&*file.to_string_lossy()) && message.contains("journal line"),
        "{message}"
    );
    assert_eq!(snapshot(&out), folder);
    assert!(demo.marks().is_empty());
}

#[test]
fn a_line_no_hand_off_wrote_before_the_journals_last_is_refused() {
    let demo = Demo::new();
    demo.hand_off_killed(3, "committed");
    let journal = demo.out().join("journal.csv");
    let text_before = fs::read_to_string(&journal).unwrap();
    let mut lines: Vec<&str> = text_before.lines().collect();
    lines.insert(2, "2026-000099,invoice,somebody was here");
    fs::write(&journal, format!("{}\n", lines.join("\n"))).unwrap();
    let folder = snapshot(&demo.out());
    let refused = demo.cli(&["handoff", "--output", demo.out().to_str().unwrap()], &[]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stdout));
    let message = text(&refused.stderr);
    assert!(
        message.contains("line 3 of") && message.contains("journal.csv"),
        "{message}"
    );
    assert_eq!(snapshot(&demo.out()), folder);
    assert_eq!(demo.marks().len(), 4);
}
