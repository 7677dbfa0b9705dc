//! The hand-off folder cannot be fooled, end to end with the binary: a folder moved or copied
//! is handed off into as before (it is known by the identity it carries, not by its path), and
//! so is a folder handed off into before folders carried one; another database's folder is
//! refused; a folder that is, or holds, a symbolic link is refused and no link is followed.

use crate::support;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;
use support::handoff::{
    Demo, IDENTITY_FILE, assert_files_match_journal, folder_identity, journal_of,
};
use support::text;

/// `cp -a FROM TO`, as a user copies a folder (hidden files, times and modes kept).
fn cp_a(from: &Path, to: &Path) {
    let out = Command::new("cp")
        .arg("-a")
        .arg(from)
        .arg(to)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cp -a: {}",
        support::text(&out.stderr)
    );
}

/// The numbers of the lines of the journal in `dir`, in order.
fn numbers(dir: &Path) -> Vec<String> {
    journal_of(dir)
        .into_iter()
        .map(|l| l["number"].clone())
        .collect()
}

/// Runs the hand-off into `dir` `times` times: each hands off nothing, repairs nothing and
/// leaves the journal byte for byte as it was.
fn runs_change_nothing(demo: &Demo, dir: &Path, times: usize) {
    let journal = fs::read(dir.join("journal.csv")).unwrap();
    for run in 0..times {
        let printed = demo.hand_off_into(dir, &[]);
        assert!(
            printed.contains("nothing new") && !printed.contains("repaired"),
            "run {run} into {}: {printed}",
            dir.display()
        );
        assert_eq!(
            fs::read(dir.join("journal.csv")).unwrap(),
            journal,
            "run {run} changed the journal of {}",
            dir.display()
        );
    }
}

#[test]
fn a_moved_or_copied_folder_is_handed_off_into_as_before() {
    let demo = Demo::new();
    demo.hand_off(&[]);
    let out = demo.out();
    let all = numbers(&out);
    assert_eq!(all.len(), demo.confirmed().len());

    // A copy: runs into either change neither, however many.
    let moved = demo.path("moved");
    cp_a(&out, &moved);
    runs_change_nothing(&demo, &moved, 3);
    runs_change_nothing(&demo, &out, 3);
    assert_eq!(numbers(&moved), all);
    assert_eq!(numbers(&out), all);
    assert_files_match_journal(&moved);
    demo.assert_verifies();

    // A folder moved away: the same.
    let renamed = demo.path("renamed");
    fs::rename(&moved, &renamed).unwrap();
    runs_change_nothing(&demo, &renamed, 2);
    assert_eq!(numbers(&renamed), all);

    // A folder copied halfway through: the copy goes on where its original stopped, and the
    // original keeps what it had.
    let demo = Demo::new();
    demo.hand_off_killed(5, "committed");
    let out = demo.out();
    let first = fs::read_to_string(out.join("journal.csv")).unwrap();
    assert_eq!(numbers(&out).len(), 6);
    let moved = demo.path("moved");
    cp_a(&out, &moved);
    let run = demo.hand_off_into(&moved, &[]);
    assert!(!run.contains("dropped"), "{run}");
    let journal = fs::read_to_string(moved.join("journal.csv")).unwrap();
    assert!(
        journal.starts_with(&first),
        "the copy's journal was cut:\n{journal}"
    );
    assert_eq!(
        numbers(&moved),
        demo.confirmed().keys().cloned().collect::<Vec<_>>(),
        "each document once, in number order"
    );
    assert_files_match_journal(&moved);
    runs_change_nothing(&demo, &moved, 3);
    runs_change_nothing(&demo, &out, 3);
    assert_eq!(fs::read_to_string(out.join("journal.csv")).unwrap(), first);
    demo.assert_verifies();
}

#[test]
fn a_folder_handed_off_into_before_its_identity_keeps_its_marks_and_may_move_from_then_on() {
    let demo = Demo::new();
    demo.hand_off_killed(5, "committed");
    let out = demo.out();
    // What schema 15 left: no identity file, marks known by the folder's path alone.
    fs::remove_file(out.join(IDENTITY_FILE)).unwrap();
    let path = fs::canonicalize(&out).unwrap();
    demo.sql("DROP TRIGGER handoffs_no_update").unwrap();
    demo.sql("UPDATE handoffs SET folder = NULL").unwrap();
    demo.sql(
        "CREATE TRIGGER handoffs_no_update BEFORE UPDATE ON handoffs
         BEGIN SELECT RAISE(ABORT, 'hand-off marks are never changed'); END",
    )
    .unwrap();
    let first = fs::read_to_string(out.join("journal.csv")).unwrap();

    let run = demo.hand_off(&[]);
    assert!(!run.contains("repaired"), "{run}");
    assert_eq!(folder_identity(&out), path.to_string_lossy());
    let journal = fs::read_to_string(out.join("journal.csv")).unwrap();
    assert!(journal.starts_with(&first), "{journal}");
    demo.assert_each_handed_off_once();
    let marks = demo.mark_rows();
    assert!(marks[..6].iter().all(|m| m.folder.is_none()));
    assert!(
        marks[6..]
            .iter()
            .all(|m| m.folder.as_deref() == Some(&*path.to_string_lossy()))
    );

    let moved = demo.path("moved");
    fs::rename(&out, &moved).unwrap();
    runs_change_nothing(&demo, &moved, 2);
    demo.assert_journal_is_the_marks_lines(&moved);
    demo.assert_verifies();
}

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

#[test]
fn another_databases_folder_is_refused_naming_both() {
    let first = Demo::new();
    first.hand_off(&[]);
    let out = first.out();
    let before = snapshot(&out);
    // Another database with the same numbers (the demo's), as a second company or a test copy
    // made with `finctl demo` would have.
    let second = Demo::new();
    let refused = second.cli(&["handoff", "--output", out.to_str().unwrap()], &[]);
    assert_eq!(refused.status.code(), Some(1));
    let message = text(&refused.stderr);
    for db in [&first.db, &second.db] {
        let db = fs::canonicalize(db).unwrap();
        assert!(
            message.contains(&*db.to_string_lossy()),
            "{} not named: {message}",
            db.display()
        );
    }
    assert!(message.contains("another database"), "{message}");
    assert_eq!(
        snapshot(&out),
        before,
        "the first database's folder changed"
    );
    assert!(second.marks().is_empty());
    // Each hands off into a folder of its own.
    second.hand_off(&[]);
    second.assert_each_handed_off_once();
    runs_change_nothing(&first, &out, 1);

    // A folder with hand-off files and no identity, which this database never handed off
    // into (one another database made before folders carried one), is refused too.
    fs::remove_file(out.join(IDENTITY_FILE)).unwrap();
    let before = snapshot(&out);
    let refused = second.cli(&["handoff", "--output", out.to_str().unwrap()], &[]);
    assert_eq!(refused.status.code(), Some(1));
    let message = text(&refused.stderr);
    assert!(
        message.contains(IDENTITY_FILE) && message.contains("journal.csv"),
        "{message}"
    );
    assert_eq!(snapshot(&out), before);
    assert_eq!(second.marks().len(), second.confirmed().len());
}

/// A hand-off into `dir` that must be refused: its message.
fn refused(demo: &Demo, dir: &Path) -> String {
    let out = demo.cli(&["handoff", "--output", dir.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    text(&out.stderr)
}

#[test]
fn links_in_the_folder_or_the_folder_a_link_are_refused_and_never_followed() {
    let demo = Demo::new();
    let numbers: Vec<String> = demo.confirmed().keys().cloned().collect();
    // Another user's home, with a private file.
    let home = demo.path("home-of-another");
    fs::create_dir(&home).unwrap();
    let private = home.join("private.txt");
    fs::write(&private, "another user's private file\n").unwrap();
    let planted = home.join("planted.csv");
    // A group member plants links where the hand-off writes.
    let out = demo.out();
    let tmp = out.join(format!(".{}.xml.tmp", numbers[3]));
    symlink(&private, &tmp).unwrap();
    symlink(&planted, out.join("journal.csv")).unwrap();
    let untouched = |demo: &Demo| {
        assert_eq!(
            fs::read_to_string(&private).unwrap(),
            "another user's private file\n"
        );
        assert!(!planted.exists(), "a file was made in another user's home");
        assert!(demo.marks().is_empty());
    };
    let mut links = vec![tmp.clone(), out.join("journal.csv")];
    while let Some(link) = links.pop() {
        let message = refused(&demo, &out);
        assert!(message.contains("symbolic link"), "{message}");
        for l in links.iter().chain([&link]) {
            assert!(message.contains(&*l.to_string_lossy()), "{message}");
        }
        untouched(&demo);
        fs::remove_file(&link).unwrap();
    }

    // The folder itself a link (to a folder of this database's, or anywhere): refused.
    let link = demo.path("erp-link");
    symlink(&out, &link).unwrap();
    let message = refused(&demo, &link);
    assert!(message.contains("symbolic link"), "{message}");
    assert!(message.contains(&*link.to_string_lossy()), "{message}");
    let message = refused(&demo, &link.join(""));
    assert!(message.contains("symbolic link"), "{message}");
    untouched(&demo);

    // Without the links, the hand-off goes on; a link planted later stops the next run.
    demo.hand_off_killed(2, "committed");
    for name in [".finctl-handoff", "journal.csv", ".handoff.lock"] {
        let path = out.join(name);
        let kept = fs::read(&path).unwrap();
        fs::remove_file(&path).unwrap();
        symlink(&private, &path).unwrap();
        let message = refused(&demo, &out);
        assert!(message.contains(&*path.to_string_lossy()), "{message}");
        fs::remove_file(&path).unwrap();
        fs::write(&path, kept).unwrap();
    }
    assert_eq!(
        fs::read_to_string(&private).unwrap(),
        "another user's private file\n"
    );
    assert_eq!(demo.marks().len(), 3);
    demo.hand_off(&[]);
    demo.assert_each_handed_off_once();
    demo.assert_verifies();
}

#[test]
fn a_missing_folder_is_refused_and_never_made() {
    // A mistyped path would start a second hand-off nobody reads: nothing is made, nothing marked.
    let demo = Demo::new();
    for missing in [demo.path("erp-typo"), demo.path("nx").join("deeper")] {
        let message = refused(&demo, &missing);
        assert!(message.contains("does not exist"), "{message}");
        assert!(message.contains(&*missing.to_string_lossy()), "{message}");
        assert!(!missing.exists(), "{} was made", missing.display());
        assert!(!demo.path("nx").exists());
        assert!(demo.marks().is_empty());
    }
    // Once made, the same path hands off.
    let out = demo.folder("erp-typo");
    let run = demo.hand_off_into(&out, &[]);
    assert!(!run.contains("nothing new"), "{run}");
    assert_eq!(demo.marks().len(), demo.confirmed().len());
}
