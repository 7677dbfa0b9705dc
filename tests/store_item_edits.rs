//! Editing revenue items through the store: quick edits and status changes recorded with who
//! changed what, items made by a milestone changed only by date, deleted items kept in the
//! history with their ids never reused, and amounts that could never be invoiced refused.

use crate::support;

use finctl::domain::revenue_item::ItemField;
use finctl::domain::revenue_status::RevenueStatus;
use finctl::store::StoreError;
use finctl::store::revenue_items::ItemEdit;
use support::store::*;
use support::*;

#[test]
fn a_deleted_item_id_is_not_reused() {
    let mut c = Company::new();
    let ids = c
        .store
        .create_revenue_items(&[fixed_item(
            c.p1,
            "Short-lived",
            "5.00",
            "24",
            RevenueStatus::Open,
        )])
        .unwrap();
    let max: i64 = c
        .store
        .conn()
        .query_row("SELECT max(id) FROM revenue_items", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ids[0], max, "the newest item has the largest id");
    c.store.delete_revenue_item(ids[0], 1).unwrap();
    let next = c
        .store
        .create_revenue_items(&[fixed_item(
            c.p1,
            "Newcomer",
            "6.00",
            "24",
            RevenueStatus::Open,
        )])
        .unwrap();
    assert_ne!(next[0], ids[0]);
    let old: Vec<_> = c
        .store
        .history_of("revenue_item", ids[0])
        .unwrap()
        .into_iter()
        .map(|r| r.field)
        .collect();
    assert_eq!(old, ["created", "deleted"]);
    let new = c.store.history_of("revenue_item", next[0]).unwrap();
    assert_eq!(new.len(), 1);
    assert!(new[0].new.as_deref().unwrap().contains("Newcomer"));
    c.assert_sound();
}

#[test]
fn quick_edits_record_who_changed_what() {
    let mut c = Company::new();
    let mut mia = c.user("mia", finctl::domain::rights::Role::Manager);
    let before = mia.revenue_item(c.extra).unwrap();
    mia.update_revenue_item(
        c.extra,
        before.version,
        &ItemEdit {
            planned_invoice_date: Some(date(2026, 5, 31)),
            planned_amount: Some(d("262.51")),
            ..Default::default()
        },
    )
    .unwrap();
    let after = mia.revenue_item(c.extra).unwrap();
    assert_eq!(after.planned_invoice_date, date(2026, 5, 31));
    assert_eq!(after.planned_amount, d("262.51"));
    assert_eq!(after.version, before.version + 1);
    assert_eq!(after.updated_by, "mia");
    let h = mia.history_of("revenue_item", c.extra).unwrap();
    assert_eq!(h[0].field, "created");
    assert_eq!(h[0].user, ADMIN);
    let rows: Vec<_> = h[1..]
        .iter()
        .map(|r| {
            (
                r.user.as_str(),
                r.version,
                r.field.as_str(),
                r.old.as_deref(),
                r.new.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("mia", 2, "planned_amount", Some("250.00"), Some("262.51")),
            (
                "mia",
                2,
                "planned_invoice_date",
                Some("2026-03-15"),
                Some("2026-05-31")
            ),
        ]
    );
    // An edit that changes nothing writes nothing.
    mia.update_revenue_item(
        c.extra,
        after.version,
        &ItemEdit {
            planned_amount: Some(d("262.51")),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(mia.revenue_item(c.extra).unwrap().version, after.version);
    assert_eq!(mia.history_of("revenue_item", c.extra).unwrap().len(), 3);

    // Status changes by hand, several at once, each in history.
    let change = mia
        .set_status(
            &[
                (c.extra, after.version),
                (c.waiting_item, version(&mia, c.waiting_item)),
            ],
            RevenueStatus::Billable,
        )
        .unwrap();
    assert_eq!(change.changed, [c.extra]);
    assert_eq!(
        change.refused,
        [(
            c.waiting_item,
            "the item waits for its milestone: mark the milestone reached first".to_string()
        )]
    );
    let last = mia
        .history_of("revenue_item", c.extra)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (
            last.user.as_str(),
            last.field.as_str(),
            last.old.as_deref(),
            last.new.as_deref()
        ),
        ("mia", "status", Some("open"), Some("billable"))
    );
    let change = mia
        .set_status(
            &[(c.extra, version(&mia, c.extra))],
            RevenueStatus::Invoiced,
        )
        .unwrap();
    assert!(change.changed.is_empty());
    assert_eq!(
        change.refused,
        [(
            c.extra,
            "only invoicing sets an item to draft invoice or invoiced".to_string()
        )]
    );

    // Items made by a milestone: only the planned invoice date can change.
    let m = mia.revenue_item(c.milestone_item).unwrap();
    assert_eq!(
        refused(mia.update_revenue_item(
            c.milestone_item,
            m.version,
            &ItemEdit {
                planned_amount: Some(d("1")),
                ..Default::default()
            }
        )),
        "made by a milestone: only the planned invoice date can be changed"
    );
    mia.update_revenue_item(
        c.milestone_item,
        m.version,
        &ItemEdit {
            planned_invoice_date: Some(date(2026, 3, 25)),
            ..Default::default()
        },
    )
    .unwrap();

    // Deleting an item keeps its fields in history.
    let extra = mia.revenue_item(c.extra).unwrap();
    mia.delete_revenue_item(c.extra, extra.version).unwrap();
    assert!(matches!(
        mia.revenue_item(c.extra),
        Err(StoreError::NotFound { .. })
    ));
    let last = mia
        .history_of("revenue_item", c.extra)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(last.field, "deleted");
    assert_eq!(
        last.old.as_deref(),
        Some("Extra | fixed | 262.51 EUR | 2026-05-31")
    );
    c.assert_sound();
}

#[test]
fn negative_amounts_never_reach_an_invoice() {
    let mut c = Company::new();
    let id = c.acme_billable()[0];
    let item = c.store.revenue_item(id).unwrap();
    let edit = finctl::store::revenue_items::ItemEdit {
        planned_amount: Some(d("-100")),
        ..Default::default()
    };
    let err = c
        .store
        .update_revenue_item(id, item.version, &edit)
        .unwrap_err();
    assert!(err.to_string().contains("cannot be negative"), "{err}");
    let edit = finctl::store::revenue_items::ItemEdit {
        unit_price: Some(Some(d("-5"))),
        ..Default::default()
    };
    assert!(
        c.store
            .update_revenue_item(id, item.version, &edit)
            .is_err()
    );
    let edit = finctl::store::revenue_items::ItemEdit {
        planned_amount: Some(d("1000000000000")),
        ..Default::default()
    };
    assert!(
        c.store
            .update_revenue_item(id, item.version, &edit)
            .is_err()
    );
    assert!(c.store.verify().unwrap().is_empty());
}

#[test]
fn amounts_the_currency_cannot_hold_are_refused_not_rounded() {
    let mut c = Company::new();
    let before = c.store.revenue_item_count().unwrap();
    // A new item of 12.505 EUR: a decimal more than EUR holds.
    let err = c
        .store
        .create_revenue_items(&[fixed_item(c.p1, "Odd", "12.505", "24", RevenueStatus::Open)])
        .unwrap_err();
    assert_eq!(err.to_string(), "12.505: EUR allows at most 2 decimals");
    assert!(matches!(
        err,
        StoreError::Field {
            field: ItemField::PlannedAmount,
            ..
        }
    ));
    assert_eq!(c.store.revenue_item_count().unwrap(), before);
    // An edit to 262.505 EUR: refused, the item keeps its amount.
    let item = c.store.revenue_item(c.extra).unwrap();
    let err = c
        .store
        .update_revenue_item(
            c.extra,
            item.version,
            &ItemEdit {
                planned_amount: Some(d("262.505")),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        refused(Err::<(), _>(err)),
        "262.505: EUR allows at most 2 decimals"
    );
    let after = c.store.revenue_item(c.extra).unwrap();
    assert_eq!(
        (after.planned_amount, after.version),
        (d("250.00"), item.version)
    );
    // JPY holds no decimals at all: 1500.5 is refused, 1500 is kept as it is.
    let yen = c
        .store
        .create_account(&account("Nakamura", "JPY", 30))
        .unwrap();
    let tokyo = c
        .store
        .create_project(&project("T1", yen, "launched", None, vec![]))
        .unwrap();
    let half = fixed_item(tokyo, "Half yen", "1500.5", "10", RevenueStatus::Open);
    let err = c.store.create_revenue_items(&[half]).unwrap_err();
    assert_eq!(err.to_string(), "1500.5: JPY has no decimals");
    let whole = fixed_item(tokyo, "Whole yen", "1500", "10", RevenueStatus::Open);
    let id = c.store.create_revenue_items(&[whole]).unwrap()[0];
    assert_eq!(
        c.store.revenue_item(id).unwrap().planned_amount.to_string(),
        "1500"
    );
    c.assert_sound();
}

/// The field a refusal names, and its message; panics on any other outcome.
fn field_refused<T: std::fmt::Debug>(r: Result<T, StoreError>) -> (ItemField, String) {
    match r {
        Err(StoreError::Field { field, message }) => (field, message),
        other => panic!("expected a refused field, got {other:?}"),
    }
}

#[test]
fn a_refused_item_names_the_field() {
    let mut c = Company::new();
    let open = RevenueStatus::Open;
    let mut cases = Vec::new();
    let mut nameless = fixed_item(c.p1, " ", "10", "24", open);
    nameless.name = "  ".into();
    cases.push((nameless, ItemField::Name, "the name cannot be empty"));
    let mut no_milestone = fixed_item(c.p1, "Go-live", "10", "24", open);
    no_milestone.billing_rule = finctl::domain::billing_rule::BillingRule::Milestone;
    cases.push((
        no_milestone,
        ItemField::Milestone,
        "a milestone item needs its milestone",
    ));
    let mut not_a_milestone_item = fixed_item(c.p1, "Go-live", "10", "24", open);
    not_a_milestone_item.milestone_id = Some(c.m1);
    cases.push((
        not_a_milestone_item,
        ItemField::Milestone,
        "only milestone items have a milestone",
    ));
    let mut elsewhere = fixed_item(c.p2, "Go-live", "10", "24", open);
    elsewhere.billing_rule = finctl::domain::billing_rule::BillingRule::Milestone;
    elsewhere.milestone_id = Some(c.m1);
    cases.push((
        elsewhere,
        ItemField::Milestone,
        "the milestone belongs to another project",
    ));
    let mut priced = fixed_item(c.p1, "Priced", "10", "24", open);
    priced.unit_price = Some(d("-1"));
    cases.push((
        priced,
        ItemField::UnitPrice,
        "the unit price cannot be negative",
    ));
    cases.push((
        fixed_item(c.p1, "Taxed", "10", "100.5", open),
        ItemField::VatRate,
        "VAT rate 100.5% must be between 0 and 100",
    ));
    cases.push((
        fixed_item(c.p1, "Refund", "-10", "24", open),
        ItemField::PlannedAmount,
        "the planned amount cannot be negative",
    ));
    cases.push((
        fixed_item(c.p1, "Early", "10", "24", RevenueStatus::Invoiced),
        ItemField::Status,
        "only invoicing sets an item to draft invoice or invoiced",
    ));
    let before = c.store.revenue_item_count().unwrap();
    for (item, field, message) in cases {
        let got = field_refused(c.store.create_revenue_items(&[item]));
        assert_eq!(got, (field, message.to_string()));
    }
    assert_eq!(c.store.revenue_item_count().unwrap(), before);

    // Edits: the field changed is the one named, locks included.
    let extra = c.store.revenue_item(c.extra).unwrap();
    let edits = [
        (
            ItemEdit {
                name: Some(String::new()),
                ..Default::default()
            },
            ItemField::Name,
            "the name cannot be empty",
        ),
        (
            ItemEdit {
                vat_rate: Some(d("-1")),
                ..Default::default()
            },
            ItemField::VatRate,
            "VAT rate -1% must be between 0 and 100",
        ),
        (
            ItemEdit {
                unit_price: Some(Some(d("0.0000001"))),
                ..Default::default()
            },
            ItemField::UnitPrice,
            "the unit price 0.0000001 has more than 6 decimals",
        ),
    ];
    for (edit, field, message) in edits {
        let got = field_refused(c.store.update_revenue_item(c.extra, extra.version, &edit));
        assert_eq!(got, (field, message.to_string()));
    }
    let made = c.store.make_drafts(&[c.workshop], draft_day()).unwrap();
    assert_eq!(made.invoices.len(), 1);
    let workshop = c.store.revenue_item(c.workshop).unwrap();
    let got = field_refused(c.store.update_revenue_item(
        c.workshop,
        workshop.version,
        &ItemEdit {
            planned_invoice_date: Some(date(2026, 4, 1)),
            vat_rate: Some(d("10")),
            ..Default::default()
        },
    ));
    assert_eq!(
        got,
        (
            ItemField::VatRate,
            "the item is draft invoice: its amount cannot be changed".to_string()
        )
    );
    assert_eq!(c.store.revenue_item(c.extra).unwrap(), extra);
    c.assert_sound();
}
