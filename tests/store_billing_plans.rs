//! Billing plans in the store: parts from a template become revenue items that total the
//! plan; moving the project start moves the dates not set by hand, items included; editing a
//! plan rewrites, adds and deletes parts with their items, never once one is on an invoice.

use crate::support;

use chrono::NaiveDate;
use finctl::domain::NumberFormat;
use finctl::domain::billing_plan::{PlanPart, Share, TemplatePart, from_template};
use finctl::domain::plan_input::{PartReading, format_part, keep_flags, parse_parts};
use finctl::domain::plan_templates;
use finctl::domain::revenue_status::{Origin, RevenueStatus};
use finctl::store::StoreError;
use finctl::store::billing_plan_edit::BillingPlan;
use finctl::store::history::Change;
use finctl::store::revenue_items::{ItemEdit, RevenueItem};
use rust_decimal::Decimal;
use support::store::*;
use support::*;

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

fn template() -> Vec<TemplatePart> {
    vec![
        TemplatePart {
            label: "Kick-off".into(),
            percent: d("30"),
            offset_days: 0,
        },
        TemplatePart {
            label: "Delivery".into(),
            percent: d("50"),
            offset_days: 90,
        },
        TemplatePart {
            label: "Acceptance".into(),
            percent: d("20"),
            offset_days: 120,
        },
    ]
}

#[test]
fn a_plan_from_a_template_follows_the_project_start() {
    let mut c = Company::new();
    let parts = from_template(&template(), day(2026, 1, 15)).unwrap();
    c.store
        .create_billing_plan(c.p1, d("145.05"), d("24"), &parts)
        .unwrap();
    let stored = c.store.billing_plan_parts(c.p1).unwrap();
    let items: Vec<_> = stored
        .iter()
        .map(|s| c.store.revenue_item(s.revenue_item_id).unwrap())
        .collect();
    assert_eq!(
        items.iter().map(|i| i.planned_amount).collect::<Vec<_>>(),
        [d("43.52"), d("72.52"), d("29.01")]
    );
    assert_eq!(
        items.iter().map(|i| i.planned_amount).sum::<Decimal>(),
        d("145.05")
    );
    assert!(items.iter().all(|i| i.origin == Origin::BillingPlan));
    assert_eq!(items[1].planned_invoice_date, day(2026, 4, 15));

    // The acceptance date is set by hand (through its item); then the start moves.
    let acceptance = &items[2];
    c.store
        .update_revenue_item(
            acceptance.id,
            acceptance.version,
            &ItemEdit {
                planned_invoice_date: Some(day(2026, 6, 30)),
                ..ItemEdit::default()
            },
        )
        .unwrap();
    let version = c.store.project_version(c.p1).unwrap();
    c.store
        .move_project_start(c.p1, version, day(2026, 2, 1))
        .unwrap();
    let stored = c.store.billing_plan_parts(c.p1).unwrap();
    let dates: Vec<NaiveDate> = stored
        .iter()
        .map(|s| {
            c.store
                .revenue_item(s.revenue_item_id)
                .unwrap()
                .planned_invoice_date
        })
        .collect();
    assert_eq!(dates, [day(2026, 2, 1), day(2026, 5, 2), day(2026, 6, 30)]);
    assert!(stored[2].part.date_set_by_hand);
    // Plan items are read-only except their date, and the plan is made once.
    let err = c
        .store
        .update_revenue_item(
            items[0].id,
            c.store.revenue_item(items[0].id).unwrap().version,
            &ItemEdit {
                planned_amount: Some(d("1")),
                ..ItemEdit::default()
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("billing plan"), "{err}");
    assert!(
        c.store
            .create_billing_plan(c.p1, d("1"), d("24"), &parts)
            .is_err()
    );
    assert!(
        c.store.verify().unwrap().is_empty(),
        "{:?}",
        c.store.verify().unwrap()
    );
}

#[test]
fn parts_must_total_100_percent() {
    let mut c = Company::new();
    let mut t = template();
    t[2].percent = d("10");
    let parts = from_template(&t, day(2026, 1, 15)).unwrap();
    let err = c
        .store
        .create_billing_plan(c.p1, d("1000"), d("24"), &parts)
        .unwrap_err();
    assert!(err.to_string().contains("not 100%"), "{err}");
    assert!(c.store.billing_plan_parts(c.p1).unwrap().is_empty());
}

/// A plan from a built-in template on P1 (which starts on 2026-01-01), as a form loads it.
fn plan_from(c: &mut Company, template: &str, total: &str) -> BillingPlan {
    let t = plan_templates::find(template).unwrap();
    let parts = from_template(&t.parts(), day(2026, 1, 1)).unwrap();
    c.store
        .create_billing_plan(c.p1, d(total), d("24"), &parts)
        .unwrap();
    c.store.billing_plan(c.p1).unwrap().unwrap()
}

/// The parts typed in a form, each keeping its flags when its date was left as it was.
fn typed(plan: &BillingPlan, lines: &[&str]) -> Vec<PlanPart> {
    let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut parts = parse_parts(
        &lines,
        &PartReading::plain(plan.project_start, NumberFormat::CommaPoint),
    )
    .unwrap();
    for (old, new) in plan.parts.iter().zip(parts.iter_mut()) {
        keep_flags(&old.part, new);
    }
    parts
}

fn items(c: &Company) -> Vec<RevenueItem> {
    let plan = c.store.billing_plan(c.p1).unwrap().unwrap();
    plan.parts
        .iter()
        .map(|s| c.store.revenue_item(s.revenue_item_id).unwrap())
        .collect()
}

/// (field, old, new) of the history rows of one version.
fn changes(c: &Company, object: &str, id: i64, version: i64) -> Vec<(String, String, String)> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    c.store
        .history_of(object, id)
        .unwrap()
        .iter()
        .filter(|h: &&Change| h.version == version)
        .map(|h| (h.field.clone(), text(&h.old), text(&h.new)))
        .collect()
}

fn row(field: &str, old: &str, new: &str) -> (String, String, String) {
    (field.into(), old.into(), new.into())
}

#[test]
fn editing_a_plan_changes_amounts_and_dates_with_history() {
    let mut c = Company::new();
    let plan = plan_from(&mut c, "30-50-20", "1000");
    assert_eq!(
        (plan.version, plan.total, plan.project_start),
        (1, d("1000.00"), Some(day(2026, 1, 1)))
    );
    let shown: Vec<String> = plan
        .parts
        .iter()
        .map(|s| format_part(&s.part, NumberFormat::CommaPoint))
        .collect();
    assert_eq!(
        shown,
        [
            "Kick-off; 30%; +0",
            "Delivery; 50%; +90",
            "Acceptance; 20%; +150"
        ]
    );
    let parts = typed(
        &plan,
        &[
            "Kick-off; 30%; +0",
            "Delivery; 40%; +60",
            "Final acceptance; 30%; 2026-09-30",
        ],
    );
    c.store
        .update_billing_plan(c.p1, plan.version, d("1200"), &parts)
        .unwrap();

    let after = c.store.billing_plan(c.p1).unwrap().unwrap();
    assert_eq!((after.version, after.total), (2, d("1200.00")));
    let ids = |p: &BillingPlan| {
        p.parts
            .iter()
            .map(|s| (s.id, s.revenue_item_id))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&after),
        ids(&plan),
        "the same parts and items, rewritten"
    );
    let items = items(&c);
    assert_eq!(
        items.iter().map(|i| i.planned_amount).collect::<Vec<_>>(),
        [d("360.00"), d("480.00"), d("360.00")]
    );
    assert_eq!(
        items
            .iter()
            .map(|i| i.planned_invoice_date)
            .collect::<Vec<_>>(),
        [day(2026, 1, 1), day(2026, 3, 2), day(2026, 9, 30)]
    );
    assert_eq!(items[2].name, "Final acceptance");
    assert_eq!(items[2].invoice_description, "Final acceptance");
    assert!(items.iter().all(|i| i.status == RevenueStatus::Open));
    assert_eq!(
        (
            after.parts[2].part.offset_days,
            after.parts[2].part.date_set_by_hand
        ),
        (None, true)
    );

    assert!(changes(&c, "billing_plan", plan.id, 2).contains(&row("total", "1000.00", "1200.00")));
    assert!(
        changes(&c, "plan_part", plan.parts[0].id, 2).is_empty(),
        "Kick-off did not change"
    );
    assert_eq!(
        changes(&c, "plan_part", plan.parts[1].id, 2),
        [
            row("percent", "50", "40"),
            row("planned_date", "2026-04-01", "2026-03-02"),
            row("offset_days", "90", "60"),
        ]
    );
    assert_eq!(
        changes(&c, "revenue_item", items[0].id, items[0].version),
        [row("planned_amount", "300.00", "360.00")]
    );
    assert_eq!(
        changes(&c, "revenue_item", items[2].id, items[2].version),
        [
            row("name", "Acceptance", "Final acceptance"),
            row("invoice_description", "Acceptance", "Final acceptance"),
            row("planned_amount", "200.00", "360.00"),
            row("planned_invoice_date", "2026-05-31", "2026-09-30"),
        ]
    );
    c.assert_sound();
}

#[test]
fn adding_and_removing_parts_keeps_the_plan_whole_and_verify_clean() {
    let mut c = Company::new();
    let plan = plan_from(&mut c, "50-50", "145.05");
    // A billable part stays billable through edits.
    let first = c.store.revenue_item(plan.parts[0].revenue_item_id).unwrap();
    c.store
        .set_status(&[(first.id, first.version)], RevenueStatus::Billable)
        .unwrap();
    let total_is = |c: &Company, total: &str| {
        let sum: Decimal = items(c).iter().map(|i| i.planned_amount).sum();
        assert_eq!(sum, d(total));
        c.assert_sound();
    };

    let parts = typed(
        &plan,
        &[
            "Kick-off; 33.333333%; +0",
            "",
            "Build; 33.333333%; +30",
            "Quarter end; 33.333334%; +60",
        ],
    );
    c.store
        .update_billing_plan(c.p1, 1, d("145.05"), &parts)
        .unwrap();
    total_is(&c, "145.05");
    let three = items(&c);
    assert_eq!(three.len(), 3);
    assert_eq!(three[0].status, RevenueStatus::Billable);
    assert_eq!(
        (three[2].vat_rate, three[2].origin, three[2].status),
        (d("24"), Origin::BillingPlan, RevenueStatus::Open)
    );
    let found: i64 = c
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM revenue_item_search WHERE name LIKE '%arter en%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(found, 1, "the new item's name is searchable");

    let plan = c.store.billing_plan(c.p1).unwrap().unwrap();
    let parts = typed(&plan, &["Kick-off; 100.05; +0", "Rest; 45.00; 2026-12-31"]);
    c.store
        .update_billing_plan(c.p1, plan.version, d("145.05"), &parts)
        .unwrap();
    total_is(&c, "145.05");
    let removed = &plan.parts[2];
    assert!(c.store.revenue_item(removed.revenue_item_id).is_err());
    let last = |object, id| c.store.history_of(object, id).unwrap().pop().unwrap().field;
    assert_eq!(last("plan_part", removed.id), "deleted");
    assert_eq!(last("revenue_item", removed.revenue_item_id), "deleted");
    assert_eq!(items(&c)[0].status, RevenueStatus::Billable);

    let plan = c.store.billing_plan(c.p1).unwrap().unwrap();
    let wrong = typed(&plan, &["Kick-off; 100.05; +0", "Rest; 45.01; 2026-12-31"]);
    let err = refused(
        c.store
            .update_billing_plan(c.p1, plan.version, d("145.05"), &wrong),
    );
    assert!(err.contains("not the plan's 145.05"), "{err}");
    let err = refused(
        c.store
            .update_billing_plan(c.p1, plan.version, d("145.05"), &[]),
    );
    assert!(err.contains("at least one part"), "{err}");
    let cents = typed(&plan, &["Kick-off; 145.055; +0"]);
    let err = refused(
        c.store
            .update_billing_plan(c.p1, plan.version, d("145.055"), &cents),
    );
    assert!(err.contains("at most 2 decimals"), "{err}");
    assert_eq!(
        c.store.billing_plan(c.p1).unwrap().unwrap(),
        plan,
        "refusals change nothing"
    );
    total_is(&c, "145.05");
}

#[test]
fn a_stale_plan_version_is_refused() {
    let mut c = Company::new();
    let plan = plan_from(&mut c, "30-50-20", "1000");
    let parts: Vec<PlanPart> = plan.parts.iter().map(|s| s.part.clone()).collect();
    // Saving what is there changes nothing, not even the version.
    c.store
        .update_billing_plan(c.p1, plan.version, d("1000"), &parts)
        .unwrap();
    assert_eq!(c.store.billing_plan(c.p1).unwrap().unwrap().version, 1);
    c.store
        .update_billing_plan(c.p1, plan.version, d("2000"), &parts)
        .unwrap();
    let err = c
        .store
        .update_billing_plan(c.p1, plan.version, d("3000"), &parts)
        .unwrap_err();
    assert!(matches!(err, StoreError::Stale { .. }), "{err}");
    assert!(err.to_string().contains("billing plan"), "{err}");
    assert_eq!(
        c.store.billing_plan(c.p1).unwrap().unwrap().total,
        d("2000.00")
    );
    c.assert_sound();
}

#[test]
fn a_plan_with_a_part_on_a_draft_invoice_is_refused_naming_the_part() {
    let mut c = Company::new();
    let plan = plan_from(&mut c, "30-50-20", "1000");
    let delivery = c.store.revenue_item(plan.parts[1].revenue_item_id).unwrap();
    c.store
        .set_status(&[(delivery.id, delivery.version)], RevenueStatus::Billable)
        .unwrap();
    let made = c.store.make_drafts(&[delivery.id], draft_day()).unwrap();
    assert_eq!(made.invoices.len(), 1, "{made:?}");
    let parts = typed(&plan, &["Kick-off; 50%; +0", "Delivery; 50%; +90"]);
    let err = refused(
        c.store
            .update_billing_plan(c.p1, plan.version, d("1000"), &parts),
    );
    assert!(err.contains("\"Delivery\" is on a draft invoice"), "{err}");
    assert_eq!(c.store.billing_plan(c.p1).unwrap().unwrap(), plan);

    // Once the draft is gone the plan can change again.
    let draft = c.store.invoice(made.invoices[0]).unwrap();
    c.store.delete_draft(draft.id, draft.version).unwrap();
    c.store
        .update_billing_plan(c.p1, plan.version, d("1000"), &parts)
        .unwrap();
    assert_eq!(items(&c).len(), 2);
    c.assert_sound();
}

#[test]
fn a_template_replaces_a_three_part_plan_by_two_parts() {
    let mut c = Company::new();
    let plan = plan_from(&mut c, "30-50-20", "1000");
    let fifty = plan_templates::find("50-50").unwrap();
    let parts = from_template(&fifty.parts(), plan.project_start.unwrap()).unwrap();
    c.store
        .update_billing_plan(c.p1, plan.version, d("1000"), &parts)
        .unwrap();
    let after = c.store.billing_plan(c.p1).unwrap().unwrap();
    assert_eq!(after.parts.len(), 2);
    let items = items(&c);
    assert_eq!(
        items
            .iter()
            .map(|i| (i.name.as_str(), i.planned_amount, i.planned_invoice_date))
            .collect::<Vec<_>>(),
        [
            ("Kick-off", d("500.00"), day(2026, 1, 1)),
            ("Acceptance", d("500.00"), day(2026, 4, 1))
        ]
    );
    assert!(c.store.revenue_item(plan.parts[2].revenue_item_id).is_err());
    // The new dates still follow the start.
    let version = c.store.project_version(c.p1).unwrap();
    c.store
        .move_project_start(c.p1, version, day(2026, 2, 1))
        .unwrap();
    let dates: Vec<NaiveDate> = self::items(&c)
        .iter()
        .map(|i| i.planned_invoice_date)
        .collect();
    assert_eq!(dates, [day(2026, 2, 1), day(2026, 5, 2)]);
    c.assert_sound();
}

#[test]
fn a_date_set_by_hand_or_a_moved_start_makes_an_open_plan_form_stale() {
    let mut c = Company::new();
    let plan = plan_from(&mut c, "30-50-20", "1000");
    let parts: Vec<PlanPart> = plan.parts.iter().map(|s| s.part.clone()).collect();
    // Someone pins the second part's date through its item.
    let item = c.store.revenue_item(plan.parts[1].revenue_item_id).unwrap();
    c.store
        .update_revenue_item(
            item.id,
            item.version,
            &ItemEdit {
                planned_invoice_date: Some(day(2027, 6, 1)),
                ..ItemEdit::default()
            },
        )
        .unwrap();
    let err = c
        .store
        .update_billing_plan(c.p1, plan.version, d("1000"), &parts)
        .unwrap_err();
    assert!(matches!(err, StoreError::Stale { .. }), "{err}");
    // Moving the start does the same.
    let now = c.store.billing_plan(c.p1).unwrap().unwrap();
    c.store
        .move_project_start(c.p1, now.project_version, day(2026, 3, 1))
        .unwrap();
    let err = c
        .store
        .update_billing_plan(c.p1, now.version, d("1000"), &parts)
        .unwrap_err();
    assert!(matches!(err, StoreError::Stale { .. }), "{err}");
    c.assert_sound();
}

#[test]
fn the_plan_form_saves_plan_and_start_together_or_not_at_all() {
    use finctl::store::plan_save::PlanSave;
    let mut c = Company::new();
    let plan = plan_from(&mut c, "30-50-20", "1000");
    let parts: Vec<PlanPart> = plan.parts.iter().map(|s| s.part.clone()).collect();
    // Someone changes the project meanwhile: its version moves.
    c.store
        .set_project_progress(c.p1, plan.project_version, d("10"))
        .unwrap();
    let err = c
        .store
        .save_billing_plan(&PlanSave {
            project_id: c.p1,
            plan_version: Some(plan.version),
            project_version: plan.project_version,
            start: Some(day(2026, 6, 1)),
            total: d("2000"),
            vat_rate: Decimal::ZERO,
            parts: &parts,
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Stale { .. }), "{err}");
    // Neither the total nor the start changed.
    let now = c.store.billing_plan(c.p1).unwrap().unwrap();
    assert_eq!((now.total, now.version), (d("1000.00"), plan.version));
    assert_eq!(now.project_start, plan.project_start);
    // With the current versions both change, in one go.
    let moved = c
        .store
        .save_billing_plan(&PlanSave {
            project_id: c.p1,
            plan_version: Some(now.version),
            project_version: now.project_version,
            start: Some(day(2026, 6, 1)),
            total: d("2000"),
            vat_rate: Decimal::ZERO,
            parts: &parts,
        })
        .unwrap();
    assert!(moved);
    let after = c.store.billing_plan(c.p1).unwrap().unwrap();
    assert_eq!(after.total, d("2000.00"));
    assert_eq!(after.project_start, Some(day(2026, 6, 1)));
    assert_eq!(after.parts[0].part.date, day(2026, 6, 1));
    c.assert_sound();
}

/// A part typed as an amount, pinned to a date.
fn amount_part(label: &str, amount: &str) -> PlanPart {
    PlanPart {
        label: label.into(),
        share: Share::Amount(d(amount)),
        date: day(2026, 3, 1),
        offset_days: None,
        date_set_by_hand: true,
        milestone: None,
    }
}

/// Regression: amount parts that add up past what a decimal holds (about 7.9e28) panicked
/// while a new plan summed them.
#[test]
fn plan_parts_past_any_amount_are_refused_not_a_panic() {
    use finctl::store::plan_save::PlanSave;
    let mut c = Company::new();
    let parts = [
        amount_part("Kick-off", "50000000000000000000000000000"),
        amount_part("Delivery", "50000000000000000000000000000"),
    ];
    let err = refused(
        c.store
            .create_billing_plan(c.p1, d("1000"), d("24"), &parts),
    );
    assert!(
        err.contains("\"Kick-off\"") && err.contains("too large"),
        "{err}"
    );
    let save = PlanSave {
        project_id: c.p1,
        plan_version: None,
        project_version: c.store.project_start(c.p1).unwrap().1,
        start: None,
        total: d("1000"),
        vat_rate: d("24"),
        parts: &parts,
    };
    let err = refused(c.store.save_billing_plan(&save));
    assert!(err.contains("too large"), "{err}");
    assert!(c.store.billing_plan(c.p1).unwrap().is_none());
    // An existing plan refuses them the same way.
    let plan = plan_from(&mut c, "50-50", "1000");
    let err = refused(
        c.store
            .update_billing_plan(c.p1, plan.version, d("1000"), &parts),
    );
    assert!(err.contains("too large"), "{err}");
    c.assert_sound();
}

/// A new plan used to round a part of 12.505 to 12.51 (and take 12.51 + 87.49 = 100) where an
/// edit refused it: both run the same part checks now.
#[test]
fn a_new_plan_and_an_edited_plan_both_refuse_a_part_of_12_505() {
    let mut c = Company::new();
    let parts = [
        amount_part("Kick-off", "12.505"),
        amount_part("Delivery", "87.49"),
    ];
    let msg = "the part \"Kick-off\": EUR allows at most 2 decimals";
    let err = refused(c.store.create_billing_plan(c.p1, d("100"), d("24"), &parts));
    assert_eq!(err, msg);
    assert!(c.store.billing_plan(c.p1).unwrap().is_none());
    let plan = plan_from(&mut c, "50-50", "100");
    let err = refused(
        c.store
            .update_billing_plan(c.p1, plan.version, d("100"), &parts),
    );
    assert_eq!(err, msg);
    // Every other part check is shared too: an empty label, a negative total, no parts.
    let mut blank = parts.clone();
    blank[0] = amount_part("  ", "12.50");
    blank[1] = amount_part("Delivery", "87.50");
    let plan = c.store.billing_plan(c.p1).unwrap().unwrap();
    for (total, parts, rule) in [
        ("100", &blank[..], "label cannot be empty"),
        ("-100", &parts[..], "cannot be negative"),
        ("100", &[][..], "at least one part"),
    ] {
        let err = refused(
            c.store
                .update_billing_plan(c.p1, plan.version, d(total), parts),
        );
        assert!(err.contains(rule), "update: {err}");
        let mut other = Company::new();
        let err = refused(
            other
                .store
                .create_billing_plan(other.p1, d(total), d("24"), parts),
        );
        assert!(err.contains(rule), "create: {err}");
    }
    c.assert_sound();
}
