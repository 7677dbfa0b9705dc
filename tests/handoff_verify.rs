//! `finctl verify --handoff DIR` (issue: records that hold): the ERP's copy of the hand-off
//! folder anchors the database. Each journal line carries its document's keyed chain value;
//! verify checks every mark against its file and journal line, and every journal line against
//! the database, so that a database rolled back (or a document removed with its chain heads
//! moved back, which `verify` alone cannot see) is found.

use crate::support;

use finctl::store::Store;
use support::handoff::*;
use support::text;

fn verify_handoff(demo: &Demo) -> (bool, String) {
    let out = demo.cli(&["verify", "--handoff", demo.out().to_str().unwrap()], &[]);
    (
        out.status.success(),
        format!("{}{}", text(&out.stdout), text(&out.stderr)),
    )
}

fn os_user() -> String {
    nix::unistd::User::from_uid(nix::unistd::getuid())
        .unwrap()
        .unwrap()
        .name
}

#[test]
fn a_sound_folder_verifies_and_its_lines_carry_the_chain() {
    let demo = Demo::new();
    demo.hand_off(&[]);
    let journal = demo.journal();
    assert!(!journal.is_empty());
    for line in &journal {
        let chain = &line["chain"];
        assert_eq!(chain.len(), 64, "{line:?}");
    }
    let (ok, said) = verify_handoff(&demo);
    assert!(ok, "{said}");
    assert!(said.contains("journal line(s) checked"), "{said}");
}

#[test]
fn a_changed_file_is_named() {
    let demo = Demo::new();
    demo.hand_off(&[]);
    let number = demo.journal()[0]["number"].clone();
    let file = demo.out().join(format!("{number}.xml"));
    let mut xml = std::fs::read(&file).unwrap();
    xml.extend_from_slice(b"<!-- changed -->");
    std::fs::write(&file, xml).unwrap();
    let (ok, said) = verify_handoff(&demo);
    assert!(!ok, "{said}");
    assert!(
        said.contains(&format!(
            "{number}.xml: the file is not what was handed off"
        )),
        "{said}"
    );
}

#[test]
fn a_database_rolled_back_behind_its_hand_off_is_found() {
    let demo = Demo::new();
    demo.hand_off(&[]);
    // The file as it was, kept aside.
    let old = demo.path("old.db");
    {
        let store = Store::open(&demo.db, &os_user()).unwrap();
        store
            .conn()
            .execute("VACUUM INTO ?1", [old.to_str().unwrap()])
            .unwrap();
    }
    // One more document confirmed and handed off.
    let mut store = Store::open(&demo.db, &os_user()).unwrap();
    let draft: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM invoices WHERE status = 'draft' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let confirmed = store
        .confirm(
            draft,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        )
        .unwrap();
    drop(store);
    demo.hand_off(&[]);
    let number = demo.journal().last().unwrap()["number"].clone();
    assert_eq!(number, confirmed.number);
    // The file rolled back to the copy: on its own it verifies.
    std::fs::rename(&old, &demo.db).unwrap();
    demo.assert_verifies();
    let (ok, said) = verify_handoff(&demo);
    assert!(!ok, "{said}");
    assert!(
        said.contains(&format!(
            "{number} was handed off but the database holds no document under that number: it was removed"
        )),
        "{said}"
    );
}
