//! Who edits master data: finance and admins edit accounts, price lists, projects, time and
//! expenses; a manager edits the milestones and progress of the projects they manage (the
//! project's manager is their operating-system name); viewers read. Each operation on a
//! `Writer` checks its own right, whatever the transaction was opened for, so that an import
//! refuses exactly what the console refuses.

use crate::support;

use finctl::domain::rights::{Action, Role};
use finctl::store::Store;
use finctl::store::accounts::upsert_account;
use finctl::store::milestone_edits::{MilestoneInput, upsert_milestone};
use support::store::*;
use support::*;

const MASTER: &str =
    "only finance and admins may edit accounts, price lists, projects, time and expenses";

fn history_rows(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM change_history", [], |r| r.get(0))
        .unwrap()
}

fn milestone(project_id: i64, code: &str) -> MilestoneInput {
    MilestoneInput {
        ext_key: None,
        project_id,
        code: code.into(),
        name: format!("Milestone {code}"),
        due_date: date(2026, 9, 1),
        reached_at: None,
    }
}

#[test]
fn finance_edits_master_data_and_managers_and_viewers_read_it() {
    let mut c = Company::new();
    let mut fay = c.user("fay", Role::Finance);
    let initech = fay.create_account(&account("Initech", "EUR", 30)).unwrap();
    let n1 = fay
        .create_project(&project(
            "N1",
            initech,
            "planned",
            Some(c.price_list),
            vec![],
        ))
        .unwrap();
    fay.launch_project(n1, 1, None).unwrap();
    let report = fay
        .create_time_reports(&[time_report(n1, "ann", "dev", date(2026, 3, 2), "2", true)])
        .unwrap()[0];
    let spent = fay
        .create_expenses(&[expense(n1, date(2026, 3, 2), "Taxi", "12.00", true)])
        .unwrap()[0];
    assert_eq!(fay.project(n1).unwrap().updated_by, "fay");

    let mut mia = c.user("mia", Role::Manager);
    let mut vic = c.open_as("vic");
    let rows = history_rows(&c.store);
    for (who, store) in [("mia is manager", &mut mia), ("vic is viewer", &mut vic)] {
        let expected = format!("{who}: {MASTER}");
        // Reading is fine.
        let a = store.account(initech).unwrap();
        let p = store.project(n1).unwrap();
        let t = store.time_report(report).unwrap();
        let e = store.expense(spent).unwrap();
        let mut renamed = a.input();
        renamed.name = "Initech Group".into();
        assert_eq!(
            refused(store.update_account(initech, a.version, &renamed, None)),
            expected
        );
        assert_eq!(
            refused(store.create_account(&account("Hooli", "EUR", 30))),
            expected
        );
        assert_eq!(
            refused(store.update_project(n1, p.version, &p.input(), None)),
            expected
        );
        assert_eq!(refused(store.close_project(n1, p.version, None)), expected);
        let mut more = t.input();
        more.hours = d("3");
        assert_eq!(
            refused(store.update_time_report(report, t.version, &more, None)),
            expected
        );
        assert_eq!(
            refused(store.delete_time_report(report, t.version, None)),
            expected
        );
        assert_eq!(
            refused(store.delete_expense(spent, e.version, None)),
            expected
        );
        let list = store.price_list(c.price_list).unwrap();
        assert_eq!(
            refused(store.update_price_list(c.price_list, list.version, &list.input(), None)),
            expected
        );
    }
    // A manager's transaction opened for milestones still cannot upsert an account through
    // it: the operation checks its own right.
    assert_eq!(
        refused(mia.write(Action::EditMilestones, |w| {
            upsert_account(w, &account("Hooli", "EUR", 30), Some("import a.csv"))
        })),
        format!("mia is manager: {MASTER}")
    );
    // Nor can a viewer, through a transaction opened to read.
    assert_eq!(
        refused(vic.write(Action::Read, |w| {
            upsert_account(w, &account("Hooli", "EUR", 30), None)
        })),
        format!("vic is viewer: {MASTER}")
    );
    assert_eq!(history_rows(&c.store), rows, "refusals write nothing");
    c.assert_sound();
}

#[test]
fn a_manager_edits_the_milestones_and_progress_of_their_own_projects() {
    let mut c = Company::new();
    // P1 and the other fixture projects are mia's; A1 is ann's.
    let mut a1 = project("A1", c.acme, "launched", None, vec![]);
    a1.manager = "ann".into();
    let a1 = c.store.create_project(&a1).unwrap();
    let ma = c.store.create_milestone(&milestone(a1, "MA")).unwrap();
    let mut mia = c.user("mia", Role::Manager);
    let mut ann = c.user("ann", Role::Manager);

    // Her own project: milestones (create, edit, reach, delete) and progress.
    let m9 = mia.create_milestone(&milestone(c.p1, "M9")).unwrap();
    let mut edit = mia.milestone(m9).unwrap().input();
    edit.name = "Pilot".into();
    mia.update_milestone(m9, 1, &edit, None).unwrap();
    mia.set_milestone_reached(m9, 2, true).unwrap();
    mia.set_milestone_reached(m9, 3, false).unwrap();
    mia.delete_milestone(m9, 4, None).unwrap();
    let v = mia.project_version(c.p1).unwrap();
    mia.set_project_progress(c.p1, v, d("40")).unwrap();

    // Ann's project: refused, naming whose it is.
    let rows = history_rows(&c.store);
    let not_hers = |what: &str| {
        format!(
            "mia is manager, not of project A1 (managed by ann): managers edit the {what} of \
             their own projects; finance and admins edit any"
        )
    };
    assert_eq!(
        refused(mia.create_milestone(&milestone(a1, "MB"))),
        not_hers("milestones")
    );
    let seen = mia.milestone(ma).unwrap();
    let mut renamed = seen.input();
    renamed.name = "Mine now".into();
    assert_eq!(
        refused(mia.update_milestone(ma, seen.version, &renamed, None)),
        not_hers("milestones")
    );
    assert_eq!(
        refused(mia.set_milestone_reached(ma, seen.version, true)),
        not_hers("milestones")
    );
    assert_eq!(
        refused(mia.delete_milestone(ma, seen.version, None)),
        not_hers("milestones")
    );
    assert_eq!(
        refused(mia.write(Action::EditMilestones, |w| {
            upsert_milestone(w, &renamed, Some("import m.csv"))
        })),
        not_hers("milestones")
    );
    let v = mia.project_version(a1).unwrap();
    assert_eq!(
        refused(mia.set_project_progress(a1, v, d("50"))),
        not_hers("progress")
    );
    assert_eq!(
        refused(mia.set_milestone_progress(ma, seen.version, d("50"))),
        not_hers("progress")
    );
    assert_eq!(history_rows(&c.store), rows, "refusals write nothing");

    // Ann edits her own; finance edits any.
    ann.set_milestone_reached(ma, seen.version, true).unwrap();
    ann.set_project_progress(a1, v, d("50")).unwrap();
    let mut fay = c.user("fay", Role::Finance);
    let ma_now = fay.milestone(ma).unwrap();
    fay.set_milestone_progress(ma, ma_now.version, d("75"))
        .unwrap();
    fay.create_milestone(&milestone(a1, "MB")).unwrap();
    c.assert_sound();
}
