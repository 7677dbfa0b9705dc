//! Milestones as master data: created and edited with their history, their code and due date
//! kept once reached, their open and billable items moved with a new due date (items on an
//! invoice stay), deleted only when nothing refers to them, and upserted by an import within
//! their project.

use crate::support;

use finctl::domain::billing_rule::BillingRule;
use finctl::domain::master_field::MasterField;
use finctl::domain::revenue_status::{Origin, RevenueStatus};
use finctl::domain::rights::Action;
use finctl::store::StoreError;
use finctl::store::master_data::Upserted;
use finctl::store::milestone_edits::{MilestoneInput, upsert_milestone};
use finctl::store::revenue_items::NewRevenueItem;
use support::store::*;
use support::*;

fn invalid<T: std::fmt::Debug>(r: Result<T, StoreError>) -> (MasterField, String) {
    match r {
        Err(StoreError::Invalid { field, message }) => (field, message),
        other => panic!("expected a refused field, got {other:?}"),
    }
}

fn milestone(project_id: i64, code: &str, due: chrono::NaiveDate) -> MilestoneInput {
    MilestoneInput {
        ext_key: None,
        project_id,
        code: code.into(),
        name: format!("Milestone {code}"),
        due_date: due,
        reached_at: None,
    }
}

/// An item of milestone `m` of P1, planned on `day`, with `status`.
fn item_of(
    c: &Company,
    m: i64,
    name: &str,
    day: chrono::NaiveDate,
    status: RevenueStatus,
) -> NewRevenueItem {
    let mut item = fixed_item(c.p1, name, "100.00", "24", status);
    item.billing_rule = BillingRule::Milestone;
    item.milestone_id = Some(m);
    item.origin = Origin::Milestone;
    item.planned_invoice_date = day;
    item
}

#[test]
fn a_milestone_is_created_and_edited_with_its_history() {
    let mut c = Company::new();
    let mut m3 = milestone(c.p1, " M3 ", date(2026, 9, 1));
    m3.ext_key = Some("PSA-M3".into());
    let id = c.store.create_milestone(&m3).unwrap();
    let stored = c.store.milestone(id).unwrap();
    assert_eq!((stored.code.as_str(), stored.version), ("M3", 1));
    let mut edit = stored.input();
    edit.name = "Training done".into();
    edit.code = "M3a".into();
    let changed = c
        .store
        .update_milestone(id, 1, &edit, Some("renamed in the plan"))
        .unwrap();
    assert_eq!(changed, ["code", "name"]);
    let h = c.store.history_of("milestone", id).unwrap();
    assert_eq!(
        h.iter()
            .map(|h| (h.version, h.field.as_str(), h.reason.as_deref()))
            .collect::<Vec<_>>(),
        [
            (1, "created", None),
            (2, "code", Some("renamed in the plan")),
            (2, "name", Some("renamed in the plan"))
        ]
    );
    // A code is unique within the project (any case); a stale edit is refused.
    let mut clash = edit.clone();
    clash.code = "m1".into();
    assert_eq!(
        invalid(c.store.update_milestone(id, 2, &clash, None)),
        (
            MasterField::Code,
            "the project has a milestone M1 already".into()
        )
    );
    assert!(matches!(
        c.store.update_milestone(id, 1, &edit, None),
        Err(StoreError::Stale { .. })
    ));
    // A milestone stays with its project.
    let mut moved = edit.clone();
    moved.project_id = c.p2;
    assert_eq!(
        invalid(c.store.update_milestone(id, 2, &moved, None)).0,
        MasterField::Project
    );
    c.assert_sound();
}

#[test]
fn a_reached_milestone_keeps_its_code_and_due_date() {
    let mut c = Company::new();
    let m1 = c.store.milestone(c.m1).unwrap();
    let mut later = m1.input();
    later.due_date = date(2026, 4, 1);
    assert_eq!(
        invalid(c.store.update_milestone(c.m1, m1.version, &later, None)),
        (
            MasterField::DueDate,
            "milestone M1 is reached: its due date stays (reopen it first)".into()
        )
    );
    let mut recoded = m1.input();
    recoded.code = "GL".into();
    assert_eq!(
        invalid(c.store.update_milestone(c.m1, m1.version, &recoded, None)).0,
        MasterField::Code
    );
    let mut renamed = m1.input();
    renamed.name = "Go-live (production)".into();
    assert_eq!(
        c.store
            .update_milestone(c.m1, m1.version, &renamed, None)
            .unwrap(),
        ["name"]
    );
    c.assert_sound();
}

fn planned(c: &Company, item: i64) -> chrono::NaiveDate {
    c.store.revenue_item(item).unwrap().planned_invoice_date
}

#[test]
fn a_new_due_date_moves_the_open_and_billable_items_only() {
    let mut c = Company::new();
    let m3 = c
        .store
        .create_milestone(&milestone(c.p1, "M3", date(2026, 3, 10)))
        .unwrap();
    let ids = c
        .store
        .create_revenue_items(&[
            item_of(&c, m3, "Design fee", date(2026, 3, 10), RevenueStatus::Open),
            item_of(&c, m3, "Build fee", date(2026, 3, 15), RevenueStatus::Open),
            item_of(
                &c,
                m3,
                "Dropped fee",
                date(2026, 3, 15),
                RevenueStatus::Rejected,
            ),
        ])
        .unwrap();
    let (design, build, dropped) = (ids[0], ids[1], ids[2]);
    c.store.set_milestone_reached(m3, 1, true).unwrap();
    c.store.make_drafts(&[design], draft_day()).unwrap();
    // Reopened: the build fee goes back to open, the design fee stays on its draft.
    c.store.set_milestone_reached(m3, 2, false).unwrap();
    assert_eq!(status(&c.store, build), RevenueStatus::Open);
    assert_eq!(status(&c.store, design), RevenueStatus::DraftInvoice);

    let mut later = c.store.milestone(m3).unwrap().input();
    later.due_date = date(2026, 3, 20);
    let changed = c
        .store
        .update_milestone(m3, 3, &later, Some("customer asked for ten more days"))
        .unwrap();
    assert_eq!(changed, ["due_date"]);
    assert_eq!(
        planned(&c, build),
        date(2026, 3, 25),
        "moved by as many days"
    );
    assert_eq!(planned(&c, design), date(2026, 3, 10), "on a draft: stays");
    assert_eq!(planned(&c, dropped), date(2026, 3, 15), "rejected: stays");
    let last = c
        .store
        .history_of("revenue_item", build)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (
            last.field.as_str(),
            last.old.as_deref(),
            last.new.as_deref(),
            last.reason.as_deref()
        ),
        (
            "planned_invoice_date",
            Some("2026-03-15"),
            Some("2026-03-25"),
            Some("customer asked for ten more days")
        )
    );
    // Without a reason, the item's history says why it moved.
    let mut again = c.store.milestone(m3).unwrap().input();
    again.due_date = date(2026, 3, 18);
    c.store.update_milestone(m3, 4, &again, None).unwrap();
    assert_eq!(planned(&c, build), date(2026, 3, 23));
    let last = c
        .store
        .history_of("revenue_item", build)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(last.reason.as_deref(), Some("milestone M3 due date moved"));
    c.assert_sound();
}

#[test]
fn a_milestone_is_deleted_only_when_nothing_refers_to_it() {
    let mut c = Company::new();
    let m2 = c.store.milestone(c.m2).unwrap();
    assert_eq!(
        refused(c.store.delete_milestone(c.m2, m2.version, None)),
        "milestone M2 has 1 revenue item: it cannot be deleted"
    );
    let id = c
        .store
        .create_milestone(&milestone(c.p1, "M9", date(2026, 9, 1)))
        .unwrap();
    assert!(matches!(
        c.store.delete_milestone(id, 7, None),
        Err(StoreError::Stale { .. })
    ));
    c.store
        .delete_milestone(id, 1, Some("planned twice"))
        .unwrap();
    assert!(matches!(
        c.store.milestone(id),
        Err(StoreError::NotFound {
            object: "milestone",
            ..
        })
    ));
    let h = c.store.history_of("milestone", id).unwrap();
    let last = h.last().unwrap();
    assert_eq!(
        (
            last.version,
            last.field.as_str(),
            last.old.as_deref(),
            last.reason.as_deref()
        ),
        (
            2,
            "deleted",
            Some("M9 | Milestone M9 | 2026-09-01"),
            Some("planned twice")
        )
    );
    c.assert_sound();
}

#[test]
fn an_import_upserts_milestones_within_their_project() {
    let mut c = Company::new();
    let file = Some("import milestones.csv");
    let mut row = milestone(c.p1, "M2", date(2026, 6, 30));
    row.name = "Acceptance".into();
    row.ext_key = Some("PSA-M2".into());
    let upsert = |c: &mut Company, row: &MilestoneInput| {
        c.store
            .write(Action::EditMilestones, |w| upsert_milestone(w, row, file))
    };
    // Found by its code in its project, it gets its key; then it is found by the key.
    assert_eq!(
        upsert(&mut c, &row).unwrap(),
        Upserted::Changed(c.m2, vec!["ext_key"])
    );
    assert_eq!(upsert(&mut c, &row).unwrap(), Upserted::Unchanged(c.m2));
    row.code = "ACC".into();
    assert_eq!(
        upsert(&mut c, &row).unwrap(),
        Upserted::Changed(c.m2, vec!["code"])
    );
    assert_eq!(
        c.store
            .find_milestone(c.p1, Some("PSA-M2"), "")
            .unwrap()
            .map(|m| m.code),
        Some("ACC".to_string())
    );
    // Keys are unique per project: the same key in another project is another milestone.
    let mut other = row.clone();
    other.project_id = c.p2;
    let Upserted::New(id) = upsert(&mut c, &other).unwrap() else {
        panic!("a new milestone of P2")
    };
    assert_ne!(id, c.m2);
    // An unchanged reached milestone upserts as unchanged; a moved due date is refused.
    let mut m1 = c.store.milestone(c.m1).unwrap().input();
    assert_eq!(upsert(&mut c, &m1).unwrap(), Upserted::Unchanged(c.m1));
    m1.due_date = date(2026, 3, 27);
    assert_eq!(invalid(upsert(&mut c, &m1)).0, MasterField::DueDate);
    c.assert_sound();
}
