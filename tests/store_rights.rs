//! Who may do what: viewers read, managers edit revenue items, finance also invoices, confirms
//! and credits, admins also manage users. Refusals name the user, the role and the rule, and
//! write nothing.

use crate::support;

use finctl::domain::revenue_status::RevenueStatus;
use finctl::domain::rights::Role;
use finctl::store::Store;
use finctl::store::milestone_edits::MilestoneInput;
use finctl::store::revenue_items::ItemEdit;
use support::store::*;
use support::*;

fn history_rows(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM change_history", [], |r| r.get(0))
        .unwrap()
}

const EDIT: &str = "only managers, finance and admins may edit revenue items";
const MASTER: &str =
    "only finance and admins may edit accounts, price lists, projects, time and expenses";

#[test]
fn a_viewer_reads_but_cannot_edit() {
    let mut c = Company::new();
    let (acme, _) = c.confirmed_invoices();
    let mut vic = c.open_as("vic");
    assert_eq!(vic.actor().role, Role::Viewer, "newcomers are viewers");
    let rows = history_rows(&vic);

    // Reading is fine.
    assert_eq!(
        vic.invoice(acme).unwrap().number.as_deref(),
        Some("2026-000001")
    );
    assert_eq!(vic.revenue_item(c.extra).unwrap().name, "Extra");
    assert!(!vic.history_of("revenue_item", c.extra).unwrap().is_empty());
    assert!(vic.verify().unwrap().is_empty());

    let extra = vic.revenue_item(c.extra).unwrap();
    let viewer = |rule: &str| format!("vic is viewer: {rule}");
    assert_eq!(
        refused(vic.create_revenue_items(&[fixed_item(
            c.p1,
            "Mine",
            "1.00",
            "24",
            RevenueStatus::Open
        )])),
        viewer(EDIT)
    );
    assert_eq!(
        refused(vic.update_revenue_item(
            c.extra,
            extra.version,
            &ItemEdit {
                planned_amount: Some(d("1.00")),
                ..Default::default()
            }
        )),
        viewer(EDIT)
    );
    assert_eq!(
        refused(vic.set_status(&[(c.extra, extra.version)], RevenueStatus::Billable)),
        viewer(EDIT)
    );
    assert_eq!(
        refused(vic.delete_revenue_item(c.extra, extra.version)),
        viewer(EDIT)
    );
    assert_eq!(
        refused(vic.create_account(&account("Initech", "EUR", 30))),
        viewer(MASTER)
    );
    assert_eq!(
        refused(vic.create_time_reports(&[time_report(
            c.p1,
            "vic",
            "dev",
            date(2026, 3, 9),
            "1",
            true
        )])),
        viewer(MASTER)
    );
    assert_eq!(
        refused(vic.create_milestone(&MilestoneInput {
            ext_key: None,
            project_id: c.p1,
            code: "M9".into(),
            name: "Mine".into(),
            due_date: date(2026, 9, 1),
            reached_at: None,
        })),
        viewer("only managers, finance and admins may edit milestones")
    );
    assert_eq!(
        refused(vic.make_drafts(&[c.workshop], draft_day())),
        viewer("only finance and admins may make or edit invoices")
    );
    assert_eq!(
        refused(vic.create_credit_note(acme, None, confirm_day())),
        viewer("only finance and admins may create credit notes")
    );
    assert_eq!(
        refused(vic.set_role("vic", Role::Admin)),
        viewer("only admins may manage users")
    );
    assert_eq!(
        refused(vic.set_role("eve", Role::Viewer)),
        viewer("only admins may manage users")
    );

    assert_eq!(vic.revenue_item(c.extra).unwrap(), extra);
    assert_eq!(history_rows(&vic), rows, "refusals write nothing");
    assert_eq!(vic.users().unwrap().len(), 2, "admin and vic only");
    c.assert_sound();
}

#[test]
fn a_manager_edits_items_but_does_not_invoice() {
    let mut c = Company::new();
    let mut mia = c.user("mia", Role::Manager);
    assert_eq!(mia.actor().role, Role::Manager);

    // Managers edit revenue items, and the milestones of the projects they manage.
    let ids = mia
        .create_revenue_items(&[fixed_item(
            c.p1,
            "Review",
            "80.00",
            "24",
            RevenueStatus::Open,
        )])
        .unwrap();
    mia.update_revenue_item(
        ids[0],
        1,
        &ItemEdit {
            planned_amount: Some(d("90.00")),
            ..Default::default()
        },
    )
    .unwrap();
    let change = mia
        .set_status(&[(ids[0], 2)], RevenueStatus::Billable)
        .unwrap();
    assert_eq!(change.changed, ids);
    assert_eq!(
        refused(mia.create_account(&account("Initech", "EUR", 45))),
        format!("mia is manager: {MASTER}")
    );
    mia.create_milestone(&MilestoneInput {
        ext_key: None,
        project_id: c.p2,
        code: "M3".into(),
        name: "Handover".into(),
        due_date: date(2026, 9, 1),
        reached_at: None,
    })
    .unwrap();
    assert_eq!(mia.revenue_item(ids[0]).unwrap().updated_by, "mia");

    // But no invoicing, confirming or crediting.
    let draft = c
        .store
        .make_drafts(&c.acme_billable(), draft_day())
        .unwrap()
        .invoices[0];
    let rows = history_rows(&mia);
    let manager = |what: &str| format!("mia is manager: only finance and admins may {what}");
    let inv = mia.invoice(draft).unwrap();
    assert_eq!(
        refused(mia.make_drafts(&[ids[0]], draft_day())),
        manager("make or edit invoices")
    );
    assert_eq!(
        refused(mia.set_draft_dates(draft, inv.version, date(2026, 4, 1), date(2026, 5, 1))),
        manager("make or edit invoices")
    );
    assert_eq!(
        refused(mia.set_draft_line_amount(draft, inv.version, inv.lines[0].id, d("1"), "why not")),
        manager("make or edit invoices")
    );
    assert_eq!(
        refused(mia.delete_draft(draft, inv.version)),
        manager("make or edit invoices")
    );
    assert_eq!(
        refused(mia.confirm(draft, confirm_day())),
        manager("confirm invoices")
    );
    assert_eq!(
        refused(mia.confirm_many(&[draft], confirm_day())),
        manager("confirm invoices")
    );
    assert_eq!(
        refused(mia.set_role("vic", Role::Viewer)),
        "mia is manager: only admins may manage users"
    );
    assert_eq!(history_rows(&mia), rows, "refusals write nothing");
    assert_eq!(mia.invoice(draft).unwrap(), inv);

    c.store.confirm(draft, confirm_day()).unwrap();
    let rows = history_rows(&mia);
    assert_eq!(
        refused(mia.create_credit_note(draft, None, confirm_day())),
        manager("create credit notes")
    );
    assert_eq!(history_rows(&mia), rows);
    c.assert_sound();
}

#[test]
fn finance_invoices_confirms_and_credits_but_does_not_manage_users() {
    let mut c = Company::new();
    let mut fay = c.user("fay", Role::Finance);
    // Finance edits items too (every right of the roles below).
    let extra = fay.revenue_item(c.extra).unwrap();
    fay.set_status(&[(c.extra, extra.version)], RevenueStatus::Billable)
        .unwrap();

    let mut ids = c.acme_billable();
    ids.push(c.extra);
    let made = fay.make_drafts(&ids, draft_day()).unwrap();
    let draft = made.invoices[0];
    let inv = fay.invoice(draft).unwrap();
    assert_eq!(inv.lines.len(), 5);
    fay.set_draft_line_amount(draft, inv.version, inv.lines[4].id, d("200.00"), "goodwill")
        .unwrap();
    let confirmed = fay.confirm(draft, confirm_day()).unwrap();
    assert_eq!(confirmed.number, "2026-000001");
    assert_eq!(
        fay.invoice(draft).unwrap().confirmed_by.as_deref(),
        Some("fay")
    );
    let cn = fay.create_credit_note(draft, None, confirm_day()).unwrap();
    assert_eq!(
        fay.confirm(cn, confirm_day()).unwrap().number,
        "CN-2026-000001"
    );

    let rows = history_rows(&fay);
    assert_eq!(
        refused(fay.set_role("vic", Role::Manager)),
        "fay is finance: only admins may manage users"
    );
    assert_eq!(
        refused(fay.set_role("admin", Role::Viewer)),
        "fay is finance: only admins may manage users"
    );
    assert_eq!(history_rows(&fay), rows);
    c.assert_sound();
}

#[test]
fn only_admins_set_roles_and_changes_apply_to_open_sessions() {
    let mut c = Company::new();
    let mut vic = c.open_as("vic");
    assert_eq!(vic.actor().role, Role::Viewer);
    let new = fixed_item(c.p1, "From vic", "1.00", "24", RevenueStatus::Open);
    assert!(
        refused(vic.create_revenue_items(std::slice::from_ref(&new))).starts_with("vic is viewer")
    );

    // Promoted while the session is open: the next write sees the new role.
    c.store.set_role("vic", Role::Manager).unwrap();
    let ids = vic
        .create_revenue_items(std::slice::from_ref(&new))
        .unwrap();
    assert_eq!(vic.actor().role, Role::Manager);
    let users = c.store.users().unwrap();
    let vic_user = users.iter().find(|u| u.name == "vic").unwrap();
    assert_eq!((vic_user.role, vic_user.version), (Role::Manager, 2));
    let vic_id: i64 = c
        .store
        .conn()
        .query_row("SELECT id FROM users WHERE name = 'vic'", [], |r| r.get(0))
        .unwrap();
    let h = c.store.history_of("user", vic_id).unwrap();
    let last = h.last().unwrap();
    assert_eq!(
        (
            last.user.as_str(),
            last.field.as_str(),
            last.old.as_deref(),
            last.new.as_deref()
        ),
        (ADMIN, "role", Some("viewer"), Some("manager"))
    );

    // Demoted again: refused at once, with the role it has now.
    c.store.set_role("vic", Role::Viewer).unwrap();
    let v = vic.revenue_item(ids[0]).unwrap().version;
    assert_eq!(
        refused(vic.set_status(&[(ids[0], v)], RevenueStatus::Billable)),
        format!("vic is viewer: {EDIT}")
    );

    // An admin cannot demote themselves, so a database always keeps an admin...
    assert_eq!(
        refused(c.store.set_role(ADMIN, Role::Finance)),
        "you cannot take admin rights from yourself: ask another admin"
    );
    // ...but another admin can.
    let mut ada = c.user("ada", Role::Admin);
    ada.set_role(ADMIN, Role::Finance).unwrap();
    assert_eq!(
        refused(c.store.set_role("vic", Role::Manager)),
        "admin is finance: only admins may manage users"
    );
    // Registering a user who has never opened the file.
    ada.set_role("zoe", Role::Finance).unwrap();
    let zoe = c.open_as("zoe");
    assert_eq!(zoe.actor().role, Role::Finance);
    // Unknown names cannot act.
    match Store::open(&c.path, "  ") {
        Err(finctl::store::StoreError::Refused(msg)) => {
            assert_eq!(msg, "cannot act without a user name")
        }
        Err(e) => panic!("unexpected error {e:?}"),
        Ok(_) => panic!("a blank user name was accepted"),
    }
    c.assert_sound();
}

/// Issue 11: anyone sets their own number format (a viewer too), only admins another's; each
/// change is a new version with its history row, and the chosen format wins over the locale's.
#[test]
fn anyone_sets_their_own_number_format_and_admins_anyones() {
    use finctl::domain::NumberFormat;
    let mut c = Company::new();
    let mut vic = c.open_as("vic");
    vic.set_locale_numbers(NumberFormat::SpaceComma);
    assert_eq!(
        vic.numbers(),
        NumberFormat::SpaceComma,
        "the locale's while none is chosen"
    );
    vic.set_number_format("vic", Some(NumberFormat::PointComma))
        .unwrap();
    assert_eq!(vic.numbers(), NumberFormat::PointComma, "at once");
    assert_eq!(
        refused(vic.set_number_format(ADMIN, Some(NumberFormat::PointComma))),
        "vic is viewer: only admins may manage users"
    );
    c.store
        .set_number_format("vic", Some(NumberFormat::ApostrophePoint))
        .unwrap();
    assert_eq!(
        refused(c.store.set_number_format("nobody", None)),
        "nobody is not a user of this database"
    );
    let vic_user = c
        .store
        .users()
        .unwrap()
        .into_iter()
        .find(|u| u.name == "vic")
        .unwrap();
    assert_eq!(vic_user.number_format, Some(NumberFormat::ApostrophePoint));
    assert_eq!(vic_user.version, 3);
    let vic_id: i64 = c
        .store
        .conn()
        .query_row("SELECT id FROM users WHERE name = 'vic'", [], |r| r.get(0))
        .unwrap();
    let changes: Vec<(String, Option<String>, Option<String>)> = c
        .store
        .history_of("user", vic_id)
        .unwrap()
        .into_iter()
        .filter(|h| h.field == "number_format")
        .map(|h| (h.user, h.old, h.new))
        .collect();
    assert_eq!(
        changes,
        [
            ("vic".to_string(), None, Some("1.234,56".to_string())),
            (
                ADMIN.to_string(),
                Some("1.234,56".to_string()),
                Some("1'234.56".to_string())
            ),
        ]
    );
    // Opened again, the choice is read with the user.
    assert_eq!(c.open_as("vic").numbers(), NumberFormat::ApostrophePoint);
    // Back to the locale's: nothing chosen.
    let mut vic = c.open_as("vic");
    vic.set_number_format("vic", None).unwrap();
    vic.set_locale_numbers(NumberFormat::PointComma);
    assert_eq!(vic.numbers(), NumberFormat::PointComma);
    assert!(c.store.verify().unwrap().is_empty());
}
