//! Named plan templates in the store: a plan saved under a name (shares and days from the
//! start), listed by name, applied to another project as the built-in ones are; a name taken
//! (saved or built in, any case) is refused as a refusal of the name field; history kept.

use crate::support;

use chrono::NaiveDate;
use finctl::domain::billing_plan::{PlanPart, Share, TemplatePart, from_template};
use finctl::domain::master_field::MasterField;
use finctl::domain::plan_templates;
use finctl::domain::rights::Role;
use finctl::store::StoreError;
use support::store::*;
use support::*;

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

fn name_refusal(err: StoreError) -> String {
    match err {
        StoreError::Invalid {
            field: MasterField::Name,
            message,
        } => message,
        other => panic!("not a refusal of the name: {other:?}"),
    }
}

#[test]
fn a_plan_saved_as_a_template_dates_another_project_from_its_start() {
    let mut c = Company::new();
    // P1 starts on 2026-01-01: a 50-50 plan whose second part is pinned to a date of its own.
    let mut parts = from_template(
        &plan_templates::find("50-50").unwrap().parts(),
        day(2026, 1, 1),
    )
    .unwrap();
    parts[1].date = day(2026, 2, 15);
    parts[1].date_set_by_hand = true;
    c.store
        .create_billing_plan(c.p1, d("800"), d("24"), &parts)
        .unwrap();
    let id = c.store.save_plan_template(c.p1, " Half and half ").unwrap();
    assert_eq!(c.store.plan_template_names().unwrap(), ["Half and half"]);
    let t = c.store.plan_template("HALF AND HALF").unwrap().unwrap();
    assert_eq!(t.name, "Half and half");
    assert_eq!(
        t.parts,
        [
            TemplatePart {
                label: "Kick-off".into(),
                percent: d("50"),
                offset_days: 0
            },
            TemplatePart {
                label: "Acceptance".into(),
                percent: d("50"),
                offset_days: 45
            },
        ]
    );
    // Its history keeps what it was made of.
    let rows = c.store.history_of("plan_template", id).unwrap();
    assert_eq!(rows.len(), 1);
    let created: serde_json::Value = serde_json::from_str(rows[0].new.as_deref().unwrap()).unwrap();
    assert_eq!(created["name"], "Half and half");
    assert_eq!(created["parts"][1]["offset_days"], 45);

    // Applied to P2 from its own start, as a built-in template is.
    let v = c.store.project_version(c.p2).unwrap();
    c.store
        .move_project_start(c.p2, v, day(2026, 5, 1))
        .unwrap();
    let parts = from_template(&t.parts, day(2026, 5, 1)).unwrap();
    c.store
        .create_billing_plan(c.p2, d("100"), d("24"), &parts)
        .unwrap();
    let dates: Vec<NaiveDate> = c
        .store
        .billing_plan_parts(c.p2)
        .unwrap()
        .iter()
        .map(|p| p.part.date)
        .collect();
    assert_eq!(dates, [day(2026, 5, 1), day(2026, 6, 15)]);
    c.assert_sound();
}

#[test]
fn a_name_taken_is_refused_beside_the_name() {
    let mut c = Company::new();
    let parts = from_template(
        &plan_templates::find("30-50-20").unwrap().parts(),
        day(2026, 1, 1),
    )
    .unwrap();
    c.store
        .create_billing_plan(c.p1, d("1000"), d("24"), &parts)
        .unwrap();
    c.store.save_plan_template(c.p1, "Three steps").unwrap();
    assert_eq!(
        name_refusal(c.store.save_plan_template(c.p1, "three STEPS").unwrap_err()),
        "a template is called Three steps already: choose another name"
    );
    assert_eq!(
        name_refusal(c.store.save_plan_template(c.p1, "Quarterly-4").unwrap_err()),
        "quarterly-4 is a built-in template: choose another name"
    );
    assert_eq!(
        name_refusal(c.store.save_plan_template(c.p1, "   ").unwrap_err()),
        "a template needs a name"
    );
    // A project without a plan has nothing to save; a viewer may not.
    assert_eq!(
        refused(c.store.save_plan_template(c.p2, "Other")),
        "the project has no billing plan to save"
    );
    let mut viewer = c.user("vic", Role::Viewer);
    assert!(refused(viewer.save_plan_template(c.p1, "Other")).contains("only managers"));
    assert_eq!(c.store.plan_template_names().unwrap(), ["Three steps"]);
    c.assert_sound();
}

#[test]
fn an_amount_plan_saves_as_shares_that_total_100() {
    let mut c = Company::new();
    let part = |label: &str, amount: &str, date| PlanPart {
        label: label.into(),
        share: Share::Amount(d(amount)),
        date,
        offset_days: None,
        date_set_by_hand: true,
        milestone: None,
    };
    let parts = [
        part("Deposit", "100.00", day(2026, 1, 1)),
        part("Build", "100.00", day(2026, 3, 2)),
        part("Support", "100.00", day(2026, 4, 1)),
    ];
    c.store
        .create_billing_plan(c.p1, d("300"), d("24"), &parts)
        .unwrap();
    c.store.save_plan_template(c.p1, "Thirds").unwrap();
    let t = c.store.plan_template("Thirds").unwrap().unwrap();
    let shares: Vec<_> = t.parts.iter().map(|p| (p.percent, p.offset_days)).collect();
    assert_eq!(
        shares,
        [
            (d("33.333333"), 0),
            (d("33.333334"), 60),
            (d("33.333333"), 90)
        ]
    );
    c.assert_sound();
}
