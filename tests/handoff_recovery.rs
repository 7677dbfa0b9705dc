//! The ERP hand-off when things go wrong, end to end with the binary: a run killed at any step
//! is completed once by the next; the journal only grows, keeps what the ERP was given and is
//! not refilled when the ERP moves or empties it; a document a dead run finished is marked as
//! it is, never written again (refused while it is not what the database would write); one
//! run per folder (an operating-system lock); two folders never get the same document.

use crate::support;

use std::collections::BTreeSet;
use std::fs::{self, OpenOptions, TryLockError};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};
use support::handoff::{Demo, LOCK_FILE, STEPS, assert_files_match_journal, files_of, sha256};
use support::text;

#[test]
fn a_hand_off_killed_at_any_step_is_completed_once_by_the_next_run() {
    for step in STEPS {
        let demo = Demo::new();
        demo.hand_off_killed(3, step);
        let marked = demo.marks().len();
        let expected = if matches!(step, "committed") { 4 } else { 3 };
        assert_eq!(marked, expected, "{step}: marks after the crash");
        let next = demo.hand_off(&[]);
        if step == "journaled" {
            assert!(next.contains("found finished and marked"), "{step}: {next}");
        }
        demo.assert_each_handed_off_once();
        demo.assert_verifies();
        assert!(demo.hand_off(&[]).contains("nothing new"), "{step}");
    }
}

/// The numbers of the lines of the journal at `path`.
fn numbers(path: &Path) -> Vec<String> {
    let mut r = csv::Reader::from_path(path).unwrap();
    r.records()
        .map(|l| l.unwrap().get(0).unwrap().to_string())
        .collect()
}

/// The last line of the journal in `dir` (with its newline) and the document number it is of.
fn last_line(dir: &Path) -> (String, String) {
    let journal = fs::read_to_string(dir.join("journal.csv")).unwrap();
    let line = format!("{}\n", journal.lines().last().unwrap());
    let number = line.split(',').next().unwrap().to_string();
    (line, number)
}

#[test]
fn the_journal_only_grows_and_is_not_refilled_when_the_erp_moves_or_empties_it() {
    let demo = Demo::new();
    let journal = demo.out().join("journal.csv");
    demo.hand_off_killed(2, "written");
    let first = fs::read_to_string(&journal).unwrap();
    assert_eq!(first.lines().count(), 3, "{first}");

    // Renaming every account changes no line the ERP was given: lines are never rendered again.
    demo.sql("UPDATE accounts SET name = name || ' Renamed'")
        .unwrap();
    assert!(demo.hand_off(&[]).contains("handed off invoice"));
    let second = fs::read_to_string(&journal).unwrap();
    assert!(
        second.starts_with(&first),
        "the journal was rewritten:\n{second}"
    );
    let added: Vec<&str> = second[first.len()..].lines().collect();
    assert_eq!(added.len(), demo.confirmed().len() - 2);
    assert!(added.iter().all(|l| l.contains(" Renamed")), "{added:?}");
    assert!(!first.contains(" Renamed"));
    demo.assert_each_handed_off_once();
    let before = fs::read(&journal).unwrap();
    assert!(demo.hand_off(&[]).contains("nothing new"));
    assert_eq!(fs::read(&journal).unwrap(), before);

    // The ERP moves the journal away: the next run starts a new one with only its own lines.
    let booked = demo.dir.path().join("booked.csv");
    fs::rename(&journal, &booked).unwrap();
    assert!(demo.hand_off(&[]).contains("nothing new"));
    assert!(!journal.exists(), "old lines added again");
    let number = numbers(&booked)[1].clone();
    let run = demo.hand_off(&["--again", &number]);
    assert!(!run.contains("repaired"), "{run}");
    let fresh = fs::read_to_string(&journal).unwrap();
    assert!(fresh.starts_with("number,kind,"), "{fresh}");
    assert_eq!(numbers(&journal), vec![number.clone()]);
    assert_files_match_journal(&demo.out());

    // Emptied by the ERP (or cut back to its header), it stays so.
    for left in [
        "",
        "number,kind,date,account,currency,net,vat,gross,file,sha256\n",
    ] {
        fs::write(&journal, left).unwrap();
        assert!(demo.hand_off(&[]).contains("nothing new"));
        assert_eq!(fs::read_to_string(&journal).unwrap(), left);
    }
    demo.hand_off(&["--again", &number]);
    assert_eq!(numbers(&journal), vec![number.clone()]);
    let marks = demo.marks();
    assert_eq!(marks.len(), demo.confirmed().len() + 2);
    assert_eq!(
        marks
            .iter()
            .filter(|(n, again)| *n == number && *again)
            .count(),
        2
    );
    demo.assert_verifies();
}

#[test]
fn a_document_a_dead_run_finished_is_marked_as_it_is_and_never_written_again() {
    let demo = Demo::new();
    demo.hand_off_killed(3, "journaled");
    assert_eq!(demo.marks().len(), 3);
    let journal = demo.out().join("journal.csv");
    let journal_before = fs::read_to_string(&journal).unwrap();
    let (line, number) = last_line(&demo.out());
    let file = demo.out().join(format!("{number}.xml"));
    let file_before = fs::read(&file).unwrap();

    // The seller and every account change before the next run: the folder's document is no
    // longer what this database would write under its number, which could as well be another
    // document under that number (tests/handoff_ahead.rs). Refused, nothing written.
    let set_seller = |name: &str| {
        let set = demo.cli(&["settings", "set", "seller.name", name], &[]);
        assert!(set.status.success(), "{}", text(&set.stderr));
    };
    set_seller("Renamed Seller Oy");
    demo.sql("UPDATE accounts SET name = name || ' Renamed'")
        .unwrap();
    let refused = demo.cli(&["handoff", "--output", demo.out().to_str().unwrap()], &[]);
    assert_eq!(refused.status.code(), Some(1));
    let message = text(&refused.stderr);
    assert!(
        message.contains(&number) && message.contains("set them back"),
        "{message}"
    );
    assert_eq!(fs::read_to_string(&journal).unwrap(), journal_before);
    assert_eq!(fs::read(&file).unwrap(), file_before);
    assert_eq!(demo.marks().len(), 3);

    // Set back as they were, the document is recognised: marked as it is, not written again.
    set_seller("Aurora Consulting Oy");
    demo.sql("UPDATE accounts SET name = substr(name, 1, length(name) - 8)")
        .unwrap();
    let run = demo.hand_off(&[]);
    assert!(
        run.contains("1 document(s) found finished and marked"),
        "{run}"
    );
    assert!(run.contains(&format!("marked {number} ")), "{run}");
    assert!(
        !run.contains(&format!(" {number} ->")),
        "{number} written again: {run}"
    );
    assert_eq!(fs::read(&file).unwrap(), file_before, "{number} rewritten");
    let after = fs::read_to_string(&journal).unwrap();
    assert!(after.starts_with(&journal_before), "journal rewritten");
    let mark = demo
        .mark_rows()
        .into_iter()
        .find(|m| m.number == number)
        .unwrap();
    assert_eq!(
        (mark.sha256, mark.journal_line),
        (sha256(&file_before), line)
    );
    demo.assert_each_handed_off_once();
    demo.assert_verifies();

    // The ERP took the file of a finished document before the next run: its journal line
    // vouches for it (it is appended only once the file is in place), so it is marked, and
    // not written again.
    let demo = Demo::new();
    demo.hand_off_killed(3, "journaled");
    let (line, number) = last_line(&demo.out());
    fs::remove_file(demo.out().join(format!("{number}.xml"))).unwrap();
    let run = demo.hand_off(&[]);
    assert!(run.contains(&format!("marked {number} ")), "{run}");
    assert!(!demo.out().join(format!("{number}.xml")).exists());
    let lines: Vec<String> = numbers(&demo.out().join("journal.csv"));
    assert_eq!(lines.iter().filter(|n| **n == number).count(), 1);
    assert_eq!(lines.len(), demo.confirmed().len());
    let mark = demo.mark_rows().into_iter().find(|m| m.number == number);
    assert_eq!(mark.map(|m| m.journal_line), Some(line));
    demo.assert_journal_is_the_marks_lines(&demo.out());
    demo.assert_verifies();
}

#[test]
fn a_journal_line_cut_short_by_a_crash_is_dropped_and_its_document_handed_off() {
    let demo = Demo::new();
    demo.hand_off_killed(3, "journaled");
    let journal = demo.out().join("journal.csv");
    let bytes = fs::read(&journal).unwrap();
    fs::write(&journal, &bytes[..bytes.len() - 30]).unwrap();
    let (_, number) = last_line(&demo.out());
    let run = demo.hand_off(&[]);
    assert!(run.contains("unfinished journal.csv line dropped"), "{run}");
    assert!(run.contains(&format!(" {number} ->")), "{run}");
    assert!(!run.contains(&format!("marked {number} ")), "{run}");
    demo.assert_each_handed_off_once();
    demo.assert_verifies();
}

#[test]
fn a_locked_folder_is_refused_at_once_and_its_lock_left_alone() {
    let demo = Demo::new();
    let dir = demo.out();
    fs::create_dir_all(&dir).unwrap();
    let lock_path = dir.join(LOCK_FILE);
    let open = || {
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .unwrap()
    };
    // Another hand-off (here: this test) holds the folder.
    let held = open();
    held.try_lock().unwrap();
    let started = Instant::now();
    let refused = demo.cli(&["handoff", "--output", dir.to_str().unwrap()], &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(started.elapsed() < Duration::from_secs(5), "it waited");
    let message = format!(
        "another hand-off is writing to {}",
        fs::canonicalize(&dir).unwrap().display()
    );
    assert!(
        text(&refused.stderr).contains(&message),
        "{}",
        text(&refused.stderr)
    );
    assert!(demo.marks().is_empty());
    assert_eq!(files_of(&dir), BTreeSet::from([LOCK_FILE.to_string()]));
    // The refused run neither removed nor took the holder's lock.
    assert!(matches!(open().try_lock(), Err(TryLockError::WouldBlock)));
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(
            held.metadata().unwrap().ino(),
            fs::metadata(&lock_path).unwrap().ino()
        );
    }
    drop(held);

    // A lock file with anything in it, left by a run that died, stops no one.
    fs::write(&lock_path, "4242").unwrap();
    demo.hand_off(&[]);
    demo.assert_each_handed_off_once();

    // Runs started together into one folder: each either hands off or is refused, and every
    // document is handed off once.
    let demo = Demo::new();
    let dir = demo.out();
    let args = ["handoff", "--output", dir.to_str().unwrap()];
    let children: Vec<_> = (0..3)
        .map(|_| {
            demo.command(&args, &[])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut succeeded = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            succeeded += 1;
        } else {
            assert!(
                text(&out.stderr).contains("another hand-off is writing to"),
                "{}",
                text(&out.stderr)
            );
        }
    }
    assert!(succeeded >= 1);
    demo.assert_each_handed_off_once();
    demo.assert_verifies();
}

#[test]
fn two_folders_never_get_the_same_document() {
    // Two runs at once, into two folders: every document goes to one of them, once.
    for _ in 0..3 {
        let demo = Demo::new();
        let folders = [demo.folder("erp-a"), demo.folder("erp-b")];
        let children: Vec<_> = folders
            .iter()
            .map(|d| {
                demo.command(&["handoff", "--output", d.to_str().unwrap()], &[])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", text(&out.stderr));
        }
        assert_split_once(&demo, &folders);
        for d in &folders {
            assert!(demo.hand_off_into(d, &[]).contains("nothing new"));
        }
    }

    // A run died in folder A after finishing a document; folder B got it before A's next run,
    // which drops A's line of it rather than mark it twice.
    let demo = Demo::new();
    let folders = [demo.folder("erp-a"), demo.folder("erp-b")];
    demo.hand_off_killed_into(&folders[0], 3, "journaled");
    let (_, number) = last_line(&folders[0]);
    assert!(
        demo.hand_off_into(&folders[1], &[])
            .contains(&format!(" {number} ->"))
    );
    let run = demo.hand_off_into(&folders[0], &[]);
    assert!(
        run.contains("unfinished journal.csv line dropped") && run.contains("nothing new"),
        "{run}"
    );
    assert_eq!(numbers(&folders[0].join("journal.csv")).len(), 3);
    assert_split_once(&demo, &folders);

    // The database refuses a second first hand-off of a document whatever the folder.
    let second = demo.sql(
        "INSERT INTO handoffs (invoice_id, number, dir, file, sha256, journal_line, again,
             handed_off_by, handed_off_at)
         SELECT invoice_id, number, 'elsewhere', file, sha256, journal_line, 0, 'x', 'now'
         FROM handoffs LIMIT 1",
    );
    assert!(second.is_err(), "{second:?}");
    demo.assert_verifies();
}

/// Every confirmed document is in exactly one of `folders`' journals, marked once into that
/// folder; each journal is its marks' lines and names the files of its folder.
fn assert_split_once(demo: &Demo, folders: &[std::path::PathBuf]) {
    let confirmed = demo.confirmed();
    let mut all = Vec::new();
    for d in folders {
        if d.join("journal.csv").exists() {
            demo.assert_journal_is_the_marks_lines(d);
            assert_files_match_journal(d);
            all.extend(numbers(&d.join("journal.csv")));
        }
    }
    all.sort();
    assert_eq!(
        all,
        confirmed.keys().cloned().collect::<Vec<_>>(),
        "each document once"
    );
    let marks = demo.marks();
    assert_eq!(marks.len(), confirmed.len());
    assert!(marks.iter().all(|(_, again)| !again));
}
