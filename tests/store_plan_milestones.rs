//! Plan parts tied to a milestone in the store: the part's item is a milestone item that waits
//! until the milestone is reached (then billable); the part's date is the milestone's due date
//! and follows it, unless set by hand (then it stays); untying makes it a plain plan item.

use crate::support;

use chrono::NaiveDate;
use finctl::domain::NumberFormat;
use finctl::domain::billing_plan::PlanPart;
use finctl::domain::billing_rule::BillingRule;
use finctl::domain::plan_input::{PartReading, keep_flags, parse_parts};
use finctl::domain::revenue_status::{Origin, RevenueStatus};
use finctl::store::milestone_edits::MilestoneInput;
use finctl::store::revenue_items::{ItemEdit, RevenueItem};
use support::store::*;
use support::*;

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

/// Parts as the plan form reads them for P1 (start 2026-01-01, milestones M1 reached on
/// 2026-03-20 and M2 open, due 2026-06-30), each keeping its flags where its text is as it
/// was.
fn typed(c: &Company, lines: &[&str]) -> Vec<PlanPart> {
    let milestones = c.store.plan_milestones(c.p1).unwrap();
    let reading = PartReading {
        start: Some(day(2026, 1, 1)),
        numbers: NumberFormat::CommaPoint,
        milestones: &milestones,
    };
    let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut parts = parse_parts(&lines, &reading).unwrap();
    for (old, new) in c
        .store
        .billing_plan_parts(c.p1)
        .unwrap()
        .iter()
        .zip(&mut parts)
    {
        keep_flags(&old.part, new);
    }
    parts
}

fn items(c: &Company) -> Vec<RevenueItem> {
    c.store
        .billing_plan_parts(c.p1)
        .unwrap()
        .iter()
        .map(|p| c.store.revenue_item(p.revenue_item_id).unwrap())
        .collect()
}

fn m2_due(c: &mut Company, due: NaiveDate) {
    let m = c.store.milestone(c.m2).unwrap();
    let mut input = m.input();
    input.due_date = due;
    c.store
        .update_milestone(m.id, m.version, &input, None)
        .unwrap();
}

#[test]
fn a_tied_part_is_a_milestone_item_released_when_the_milestone_is_reached() {
    let mut c = Company::new();
    let parts = typed(
        &c,
        &[
            "Kick-off; 20%; +0",
            "Go-live; 30%; @m1",
            "Acceptance; 50%; @M2",
        ],
    );
    c.store
        .create_billing_plan(c.p1, d("1000"), d("24"), &parts)
        .unwrap();
    let i = items(&c);
    assert_eq!(
        (
            i[0].origin,
            i[0].billing_rule,
            i[0].milestone_id,
            i[0].status
        ),
        (
            Origin::BillingPlan,
            BillingRule::Fixed,
            None,
            RevenueStatus::Open
        )
    );
    // M1 is reached already: its part's item is billable at once, on M1's date.
    assert_eq!(
        (
            i[1].origin,
            i[1].billing_rule,
            i[1].milestone_id,
            i[1].status
        ),
        (
            Origin::Milestone,
            BillingRule::Milestone,
            Some(c.m1),
            RevenueStatus::Billable
        )
    );
    assert_eq!(i[1].planned_invoice_date, day(2026, 3, 20));
    // M2 is not: the item waits, and cannot be made billable by hand.
    assert_eq!(
        (i[2].status, i[2].planned_invoice_date),
        (RevenueStatus::Open, day(2026, 6, 30))
    );
    let change = c
        .store
        .set_status(&[(i[2].id, i[2].version)], RevenueStatus::Billable)
        .unwrap();
    assert!(change.changed.is_empty());
    assert!(
        change.refused[0].1.contains("waits for its milestone"),
        "{change:?}"
    );
    // Reaching M2 releases it with the milestone's other items; reopening takes it back.
    let m2 = c.store.milestone(c.m2).unwrap();
    let effects = c
        .store
        .set_milestone_reached(c.m2, m2.version, true)
        .unwrap();
    assert!(
        effects
            .iter()
            .any(|e| e.item_id == i[2].id && e.to == Some(RevenueStatus::Billable))
    );
    assert_eq!(status(&c.store, i[2].id), RevenueStatus::Billable);
    let m2 = c.store.milestone(c.m2).unwrap();
    c.store
        .set_milestone_reached(c.m2, m2.version, false)
        .unwrap();
    assert_eq!(status(&c.store, i[2].id), RevenueStatus::Open);
    // The milestone cannot be deleted while the part's item refers to it.
    let m2 = c.store.milestone(c.m2).unwrap();
    assert!(refused(c.store.delete_milestone(c.m2, m2.version, None)).contains("revenue item"));
    c.assert_sound();
}

#[test]
fn the_part_follows_the_due_date_unless_its_date_was_set_by_hand() {
    let mut c = Company::new();
    let parts = typed(&c, &["Build; 60%; @M2", "Acceptance; 40%; 2026-07-15 @M2"]);
    c.store
        .create_billing_plan(c.p1, d("1000"), d("24"), &parts)
        .unwrap();
    let plan_version = c.store.billing_plan(c.p1).unwrap().unwrap().version;
    m2_due(&mut c, day(2026, 8, 31));
    let stored = c.store.billing_plan_parts(c.p1).unwrap();
    let i = items(&c);
    // Following: the part and its item are on the new due date, still following.
    assert_eq!(
        (
            stored[0].part.date,
            stored[0].part.date_set_by_hand,
            i[0].planned_invoice_date
        ),
        (day(2026, 8, 31), false, day(2026, 8, 31))
    );
    let part_rows = c.store.history_of("plan_part", stored[0].id).unwrap();
    let last = part_rows.last().unwrap();
    assert_eq!(
        (
            last.field.as_str(),
            last.new.as_deref(),
            last.reason.as_deref()
        ),
        (
            "planned_date",
            Some("2026-08-31"),
            Some("milestone M2 due date moved")
        )
    );
    // Set by hand: both stay.
    assert_eq!(
        (
            stored[1].part.date,
            stored[1].part.date_set_by_hand,
            i[1].planned_invoice_date
        ),
        (day(2026, 7, 15), true, day(2026, 7, 15))
    );
    // The plan's version moved: a plan form opened before is stale.
    assert!(c.store.billing_plan(c.p1).unwrap().unwrap().version > plan_version);

    // The following part's date set through its item pins it: the next move leaves it.
    let item = c.store.revenue_item(i[0].id).unwrap();
    c.store
        .update_revenue_item(
            item.id,
            item.version,
            &ItemEdit {
                planned_invoice_date: Some(day(2026, 9, 10)),
                ..ItemEdit::default()
            },
        )
        .unwrap();
    m2_due(&mut c, day(2026, 10, 1));
    let dates: Vec<NaiveDate> = items(&c).iter().map(|i| i.planned_invoice_date).collect();
    assert_eq!(dates, [day(2026, 9, 10), day(2026, 7, 15)]);
    c.assert_sound();
}

#[test]
fn editing_a_plan_ties_and_unties_parts_with_history() {
    let mut c = Company::new();
    let parts = typed(&c, &["Build; 60%; +30", "Acceptance; 40%; +90"]);
    c.store
        .create_billing_plan(c.p1, d("1000"), d("24"), &parts)
        .unwrap();
    let v = c.store.billing_plan(c.p1).unwrap().unwrap().version;
    let parts = typed(&c, &["Build; 60%; +30", "Acceptance; 40%; @M2"]);
    c.store
        .update_billing_plan(c.p1, v, d("1000"), &parts)
        .unwrap();
    let i = items(&c);
    assert_eq!(
        (
            i[1].origin,
            i[1].milestone_id,
            i[1].status,
            i[1].planned_invoice_date
        ),
        (
            Origin::Milestone,
            Some(c.m2),
            RevenueStatus::Open,
            day(2026, 6, 30)
        )
    );
    let fields: Vec<String> = c
        .store
        .history_of("revenue_item", i[1].id)
        .unwrap()
        .iter()
        .filter(|h| h.version == i[1].version)
        .map(|h| h.field.clone())
        .collect();
    assert_eq!(
        fields,
        [
            "planned_invoice_date",
            "billing_rule",
            "origin",
            "milestone"
        ]
    );
    // Untied again: a plain plan item, dated from the start.
    let v = c.store.billing_plan(c.p1).unwrap().unwrap().version;
    let parts = typed(&c, &["Build; 60%; +30", "Acceptance; 40%; +120"]);
    c.store
        .update_billing_plan(c.p1, v, d("1000"), &parts)
        .unwrap();
    let i = items(&c);
    assert_eq!(
        (
            i[1].origin,
            i[1].billing_rule,
            i[1].milestone_id,
            i[1].planned_invoice_date
        ),
        (
            Origin::BillingPlan,
            BillingRule::Fixed,
            None,
            day(2026, 5, 1)
        )
    );
    // A milestone of another project, or none, is refused.
    let v = c.store.billing_plan(c.p1).unwrap().unwrap().version;
    let mut parts = typed(&c, &["Build; 60%; +30", "Acceptance; 40%; @M2"]);
    parts[1].milestone = Some("M9".into());
    assert_eq!(
        refused(c.store.update_billing_plan(c.p1, v, d("1000"), &parts)),
        "the project has no milestone M9"
    );
    c.store
        .create_milestone(&MilestoneInput {
            ext_key: None,
            project_id: c.p2,
            code: "Z1".into(),
            name: "Elsewhere".into(),
            due_date: day(2026, 4, 1),
            reached_at: None,
        })
        .unwrap();
    parts[1].milestone = Some("Z1".into());
    assert!(
        c.store
            .update_billing_plan(c.p1, v, d("1000"), &parts)
            .is_err()
    );
    c.assert_sound();
}
