//! Projects as master data: created in their account's currency, edited at a version with one
//! history row per field, their currency and account kept once money is in them, launched and
//! closed (never with items waiting), closed to new work, their billing plan moved with their
//! start, and upserted by an import.

use crate::support;

use chrono::NaiveDate;
use finctl::domain::billing_plan::{TemplatePart, from_template};
use finctl::domain::master_field::MasterField;
use finctl::domain::project::ProjectStatus;
use finctl::domain::rights::Action;
use finctl::store::StoreError;
use finctl::store::master_data::Upserted;
use finctl::store::milestone_edits::MilestoneInput;
use finctl::store::projects::{ProjectInput, upsert_project};
use support::store::*;
use support::*;

fn invalid<T: std::fmt::Debug>(r: Result<T, StoreError>) -> (MasterField, String) {
    match r {
        Err(StoreError::Invalid { field, message }) => (field, message),
        other => panic!("expected a refused field, got {other:?}"),
    }
}

/// A planned project of Acme without price list, items or anything else.
fn bare(c: &mut Company, code: &str) -> i64 {
    let mut p = project(code, c.acme, "planned", None, vec![]);
    p.ext_key = Some(format!("PSA-{code}"));
    c.store.create_project(&p).unwrap()
}

#[test]
fn a_project_is_created_in_its_accounts_currency() {
    let mut c = Company::new();
    let mut p = project(
        "G2",
        c.globex,
        "launched",
        None,
        vec![rate("dev", None, "150")],
    );
    p.business_unit = " Managed Services ".into();
    p.manager = "ann".into();
    let id = c.store.create_project(&p).unwrap();
    let g2 = c.store.project(id).unwrap();
    assert_eq!(g2.currency.code(), "USD");
    assert_eq!(g2.business_unit, "Managed Services");
    assert_eq!(g2.status, ProjectStatus::Launched);
    assert_eq!(g2.rates, [rate("dev", None, "150")]);
    let created = &c.store.history_of("project", id).unwrap()[0];
    let json: serde_json::Value = serde_json::from_str(created.new.as_deref().unwrap()).unwrap();
    assert_eq!(
        (json["currency"].as_str(), json["rates"].as_str()),
        (Some("USD"), Some("dev 150"))
    );

    let refusals = [
        (
            project("p1", c.acme, "planned", None, vec![]),
            MasterField::Code,
            "project code P1 is taken",
        ),
        (
            project("G3", c.globex, "planned", Some(c.price_list), vec![]),
            MasterField::PriceList,
            "price list Standard 2026 is in EUR: the project bills in USD",
        ),
        (
            project("G4", 999, "planned", None, vec![]),
            MasterField::Account,
            "account 999 does not exist",
        ),
        (
            project("G5", c.acme, "started", None, vec![]),
            MasterField::Status,
            "unknown project status \"started\"",
        ),
    ];
    for (p, field, message) in refusals {
        assert_eq!(
            invalid(c.store.create_project(&p)),
            (field, message.to_string())
        );
    }
    c.assert_sound();
}

#[test]
fn a_project_keeps_its_currency_and_account_once_money_is_in_them() {
    let mut c = Company::new();
    let p1 = c.store.project(c.p1).unwrap();
    let mut usd = p1.input();
    usd.currency = Some("USD".into());
    usd.price_list_id = None;
    assert_eq!(
        invalid(c.store.update_project(c.p1, p1.version, &usd, None)),
        (
            MasterField::Currency,
            "project P1 has revenue items: its currency stays EUR".into()
        )
    );
    let mut moved = p1.input();
    moved.account_id = c.globex;
    assert_eq!(
        invalid(c.store.update_project(c.p1, p1.version, &moved, None)),
        (
            MasterField::Account,
            "project P1 has revenue items billed to its account: its account stays".into()
        )
    );
    c.confirmed_invoices();
    let p2 = c.store.project(c.p2).unwrap();
    let mut usd = p2.input();
    usd.currency = Some("USD".into());
    usd.price_list_id = None;
    assert_eq!(
        invalid(c.store.update_project(c.p2, p2.version, &usd, None)).1,
        "project P2 has invoices: its currency stays EUR"
    );
    // With nothing in it yet, a project changes both.
    let id = bare(&mut c, "N1");
    let mut edit = c.store.project(id).unwrap().input();
    edit.currency = Some("USD".into());
    edit.account_id = c.globex;
    let changed = c
        .store
        .update_project(id, 1, &edit, Some("signed by Globex"))
        .unwrap();
    assert_eq!(changed, ["account_id", "currency"]);
    let n1 = c.store.project(id).unwrap();
    assert_eq!(
        (n1.account_id, n1.currency.code(), n1.version),
        (c.globex, "USD", 2)
    );
    // A price list in another currency is refused.
    let mut listed = n1.input();
    listed.price_list_id = Some(c.price_list);
    assert_eq!(
        invalid(c.store.update_project(id, 2, &listed, None)).0,
        MasterField::PriceList
    );
    c.assert_sound();
}

#[test]
fn projects_are_launched_then_closed_with_nothing_left_to_invoice() {
    let mut c = Company::new();
    let p3 = c.store.project(c.p3).unwrap();
    c.store
        .launch_project(c.p3, p3.version, Some("contract signed"))
        .unwrap();
    let p3 = c.store.project(c.p3).unwrap();
    assert_eq!(p3.status, ProjectStatus::Launched);
    let last = c.store.history_of("project", c.p3).unwrap().pop().unwrap();
    assert_eq!(
        (
            last.field.as_str(),
            last.old.as_deref(),
            last.new.as_deref(),
            last.reason.as_deref(),
            last.version
        ),
        (
            "status",
            Some("planned"),
            Some("launched"),
            Some("contract signed"),
            2
        )
    );
    // Its billable item waits to be invoiced.
    assert_eq!(
        refused(c.store.close_project(c.p3, p3.version, None)),
        "project P3 has 1 revenue item not invoiced yet (open, billable or on a draft): \
         invoice or reject it before closing it"
    );
    // A stale launch names who changed the project.
    assert!(matches!(
        c.store.close_project(c.p3, 1, None),
        Err(StoreError::Stale { by, .. }) if by == ADMIN
    ));

    let id = bare(&mut c, "N1");
    c.store.close_project(id, 1, Some("never started")).unwrap();
    assert_eq!(
        refused(c.store.close_project(id, 2, None)),
        "project N1 is closed already"
    );
    c.store.launch_project(id, 2, Some("late work")).unwrap();
    let mut planned = c.store.project(id).unwrap().input();
    planned.status = "planned".into();
    assert_eq!(
        invalid(c.store.update_project(id, 3, &planned, None)),
        (
            MasterField::Status,
            "project N1 is launched: a project does not go back to planned".into()
        )
    );
    c.store.close_project(id, 3, None).unwrap();
    let statuses: Vec<_> = c
        .store
        .history_of("project", id)
        .unwrap()
        .iter()
        .filter(|h| h.field == "status")
        .map(|h| h.new.clone().unwrap())
        .collect();
    assert_eq!(statuses, ["closed", "launched", "closed"]);
    c.assert_sound();
}

#[test]
fn a_closed_project_takes_no_new_work() {
    let mut c = Company::new();
    let id = bare(&mut c, "N1");
    c.store.close_project(id, 1, None).unwrap();
    let closed = "project N1 is closed: it takes no new or changed";
    let (field, message) = invalid(c.store.create_time_reports(&[time_report(
        id,
        "ann",
        "dev",
        date(2026, 3, 2),
        "1",
        true,
    )]));
    assert_eq!(field, MasterField::Project);
    assert_eq!(
        message,
        format!("{closed} time reports; launch it again first")
    );
    let (_, message) =
        invalid(
            c.store
                .create_expenses(&[expense(id, date(2026, 3, 2), "Taxi", "10", true)]),
        );
    assert!(
        message.starts_with(&format!("{closed} expenses")),
        "{message}"
    );
    let (_, message) = invalid(c.store.create_milestone(&MilestoneInput {
        ext_key: None,
        project_id: id,
        code: "M1".into(),
        name: "Kick-off".into(),
        due_date: date(2026, 3, 2),
        reached_at: None,
    }));
    assert!(
        message.starts_with(&format!("{closed} milestones")),
        "{message}"
    );
}

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    date(y, m, dd)
}

#[test]
fn a_new_start_date_moves_the_billing_plan_with_it() {
    let mut c = Company::new();
    let template = [("Kick-off", "30", 0), ("Delivery", "70", 90)].map(|(l, p, o)| TemplatePart {
        label: l.into(),
        percent: d(p),
        offset_days: o,
    });
    let parts = from_template(&template, day(2026, 1, 15)).unwrap();
    c.store
        .create_billing_plan(c.p1, d("1000"), d("24"), &parts)
        .unwrap();
    let p1 = c.store.project(c.p1).unwrap();
    let mut edit = p1.input();
    edit.start_date = Some(day(2026, 2, 1));
    let changed = c
        .store
        .update_project(c.p1, p1.version, &edit, Some("kick-off moved"))
        .unwrap();
    assert_eq!(changed, ["start_date"]);
    let dates: Vec<NaiveDate> = c
        .store
        .billing_plan_parts(c.p1)
        .unwrap()
        .iter()
        .map(|s| {
            c.store
                .revenue_item(s.revenue_item_id)
                .unwrap()
                .planned_invoice_date
        })
        .collect();
    assert_eq!(dates, [day(2026, 2, 1), day(2026, 5, 2)]);
    // A project with a plan keeps a start date.
    let mut none = c.store.project(c.p1).unwrap().input();
    none.start_date = None;
    assert_eq!(
        invalid(c.store.update_project(c.p1, p1.version + 1, &none, None)).0,
        MasterField::StartDate
    );
    c.assert_sound();
}

#[test]
fn an_import_upserts_projects_by_key_else_by_code() {
    let mut c = Company::new();
    let file = Some("import projects.csv");
    let mut row: ProjectInput = project("X1", c.acme, "launched", Some(c.price_list), vec![]);
    row.ext_key = Some("PSA-1".into());
    row.rates = vec![rate("pm", None, "95")];
    let upsert = |c: &mut Company, row: &ProjectInput| {
        c.store
            .write(Action::EditMasterData, |w| upsert_project(w, row, file))
            .unwrap()
    };
    let Upserted::New(id) = upsert(&mut c, &row) else {
        panic!("a new project")
    };
    let rows = count(
        &c.store,
        "SELECT count(*) FROM change_history WHERE ?1 = ?1",
        0,
    );
    assert_eq!(upsert(&mut c, &row), Upserted::Unchanged(id));
    assert_eq!(
        count(
            &c.store,
            "SELECT count(*) FROM change_history WHERE ?1 = ?1",
            0
        ),
        rows
    );
    row.rates.push(rate("dev", Some("ann"), "130"));
    row.name = "Rollout phase 2".into();
    assert_eq!(
        upsert(&mut c, &row),
        Upserted::Changed(id, vec!["name", "rates"])
    );
    assert_eq!(c.store.project(id).unwrap().rates.len(), 2);
    // P1, made by hand, is found by its code and gets the key of its source row.
    let mut p1 = c.store.project(c.p1).unwrap().input();
    p1.ext_key = Some("PSA-0".into());
    p1.code = "p1".into();
    assert_eq!(
        upsert(&mut c, &p1),
        Upserted::Changed(c.p1, vec!["ext_key", "code"])
    );
    assert_eq!(
        c.store
            .find_project(Some("PSA-0"), "")
            .unwrap()
            .map(|p| p.code),
        Some("p1".to_string())
    );
    assert_eq!(
        c.store.find_project(None, "X1").unwrap().map(|p| p.id),
        Some(id)
    );
    c.assert_sound();
}

#[test]
fn a_revenue_item_is_found_by_its_key() {
    let c = Company::new();
    assert_eq!(c.store.revenue_item_by_key("ERP-1").unwrap(), None);
    c.store
        .conn()
        .execute(
            "UPDATE revenue_items SET ext_key = 'ERP-1' WHERE id = ?1",
            [c.workshop],
        )
        .unwrap();
    let item = c.store.revenue_item_by_key(" ERP-1 ").unwrap().unwrap();
    assert_eq!(
        (item.id, item.ext_key.as_deref()),
        (c.workshop, Some("ERP-1"))
    );
    assert_eq!(c.store.revenue_item(c.extra).unwrap().ext_key, None);
}
