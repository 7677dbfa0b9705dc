//! Filtering revenue items by text: the trigram name index stays in step with every write, and
//! the sparse path (starting from the matching ids) returns exactly what the scan in list order
//! returns.

use crate::support;

use chrono::NaiveDate;
use finctl::store::item_list::{ItemFilter, item_rows, rows_within};
use finctl::store::item_totals::item_totals;
use finctl::store::revenue_items::ItemEdit;
use finctl::store::{Bound, Store};
use support::store::demo_store_of;

fn filters(today: NaiveDate) -> Vec<ItemFilter> {
    let mut out = Vec::new();
    for text in [
        "hosting",
        "HOSTING 0",
        "north",
        "P-0003",
        "2026-00001",
        "zzz",
        "se",
        "50%",
        "a_b",
        // Shorter than the trigram index takes, in no name (`item_names` answers).
        "zq",
        "Q",
    ] {
        for due_until in [None, Some(today)] {
            out.push(ItemFilter {
                due_until,
                text: text.into(),
                today: None,
            });
        }
    }
    out
}

/// All items, narrowed by `text`.
fn all_items(text: &str) -> ItemFilter {
    ItemFilter {
        due_until: None,
        text: text.into(),
        today: None,
    }
}

/// The ids of the first 100 rows `filter` shows, found with the scan budget `budget`.
fn ids_shown(store: &Store, filter: &ItemFilter, budget: u32) -> Vec<i64> {
    rows_within(store.conn(), filter, &Bound::Start, 100, budget)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect()
}

#[test]
fn the_sparse_path_returns_what_the_ordered_scan_returns() {
    let (_dir, _path, store) = demo_store_of(400, 5);
    let today = NaiveDate::from_ymd_opt(2026, 12, 28).unwrap();
    for filter in filters(today) {
        let ordered = rows_within(store.conn(), &filter, &Bound::Start, 50, u32::MAX).unwrap();
        let sparse = rows_within(store.conn(), &filter, &Bound::Start, 50, 0).unwrap();
        // A scan out of budget at once: the sample sends a dense filter back to the scan, a
        // sparse one to its matches; the same rows either way.
        let fallen = rows_within(store.conn(), &filter, &Bound::Start, 50, 1).unwrap();
        let ids = |rows: &[finctl::store::item_list::ItemRow]| {
            rows.iter().map(|r| r.id).collect::<Vec<_>>()
        };
        assert_eq!(ids(&ordered), ids(&sparse), "{filter:?}");
        assert_eq!(ids(&ordered), ids(&fallen), "{filter:?}");
        // Paging from a key, both ways, agrees too.
        if let Some(mid) = ordered.get(ordered.len() / 2) {
            for bound in [
                Bound::After(mid.key()),
                Bound::Before(mid.key()),
                Bound::End,
            ] {
                let a = rows_within(store.conn(), &filter, &bound, 20, u32::MAX).unwrap();
                let b = rows_within(store.conn(), &filter, &bound, 20, 0).unwrap();
                assert_eq!(ids(&a), ids(&b), "{filter:?} {bound:?}");
            }
        }
        assert_eq!(
            ids(&item_rows(store.conn(), &filter, &Bound::Start, 50).unwrap()),
            ids(&ordered)
        );
        let total: i64 = item_totals(store.conn(), &filter)
            .unwrap()
            .iter()
            .map(|t| t.count)
            .sum();
        assert!(total as usize >= ordered.len(), "{filter:?}");
        if ordered.len() < 50 {
            assert_eq!(total as usize, ordered.len(), "{filter:?}");
        }
    }
}

/// A scan stopped part-way keeps the rows it found and goes on from the last of them when
/// they fill half the window: whatever the point it stops at, in either direction, the window
/// is the one an unstopped scan shows, each row once.
#[test]
fn a_scan_stopped_part_way_shows_the_same_window() {
    let (_dir, _path, store) = demo_store_of(400, 5);
    let today = NaiveDate::from_ymd_opt(2026, 12, 28).unwrap();
    let ids = |rows: Vec<finctl::store::item_list::ItemRow>| {
        rows.iter().map(|r| r.id).collect::<Vec<_>>()
    };
    for filter in filters(today) {
        let whole = rows_within(store.conn(), &filter, &Bound::Start, 40, u32::MAX).unwrap();
        let mut bounds = vec![Bound::Start, Bound::End];
        if let Some(mid) = whole.get(whole.len() / 2) {
            bounds.extend([
                Bound::From(mid.key()),
                Bound::After(mid.key()),
                Bound::Before(mid.key()),
            ]);
        }
        for bound in &bounds {
            let expected = ids(rows_within(store.conn(), &filter, bound, 40, u32::MAX).unwrap());
            // A budget counts SQLite's steps by the thousand: these stop the scan before its
            // first row, among its rows and after it.
            for budget in 1..=12 {
                let shown = ids(rows_within(store.conn(), &filter, bound, 40, budget).unwrap());
                assert_eq!(shown, expected, "{filter:?} {bound:?} budget {budget}");
            }
        }
    }
}

#[test]
fn the_name_index_follows_renames_and_deletions() {
    let (_dir, _path, mut store) = demo_store_of(400, 5);
    let find = |store: &Store, text: &str| ids_shown(store, &all_items(text), 0);
    let row = item_rows(store.conn(), &ItemFilter::all(), &Bound::Start, 400)
        .unwrap()
        .into_iter()
        .find(|r| {
            !r.status.is_on_invoice()
                && store.revenue_item(r.id).unwrap().origin
                    == finctl::domain::revenue_status::Origin::Manual
        })
        .expect("a manual item off any invoice");
    let item = store.revenue_item(row.id).unwrap();
    assert!(find(&store, "Quokka").is_empty());
    store
        .update_revenue_item(
            row.id,
            item.version,
            &ItemEdit {
                name: Some("Quokka licence".into()),
                ..ItemEdit::default()
            },
        )
        .unwrap();
    assert_eq!(find(&store, "quokka"), [row.id]);
    assert_eq!(find(&store, "okka lic"), [row.id]);
    let version = store.revenue_item(row.id).unwrap().version;
    store.delete_revenue_item(row.id, version).unwrap();
    assert!(find(&store, "quokka").is_empty());
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn verify_finds_a_name_changed_behind_the_index() {
    let (_dir, _path, store) = demo_store_of(400, 5);
    assert!(store.verify().unwrap().is_empty());
    store
        .conn()
        .execute(
            "UPDATE revenue_items SET name = 'Renamed by hand' WHERE id = 3",
            [],
        )
        .unwrap();
    let found = store.verify().unwrap();
    assert!(found.iter().any(|v| v.check == "name index"), "{found:?}");
}

/// One and two letters: whether any name has them is read from the names seen
/// (`item_names`), so every way a name comes in must put it there: a new item, a batch of new
/// items, a rename. Until then such a filter shows nothing, without reading the items.
#[test]
fn short_filters_find_names_however_they_came_in() {
    let (_dir, _path, mut store) = demo_store_of(400, 5);
    let find = |store: &Store, text: &str| -> Vec<i64> {
        let filter = all_items(text);
        let ordered = ids_shown(store, &filter, u32::MAX);
        assert_eq!(ordered, ids_shown(store, &filter, 0), "{text}");
        let counted: i64 = item_totals(store.conn(), &filter)
            .unwrap()
            .iter()
            .map(|t| t.count)
            .sum();
        assert_eq!(counted as usize, ordered.len(), "{text}");
        ordered
    };
    for text in ["zq", "qj", "jx"] {
        assert!(find(&store, text).is_empty(), "{text}");
    }
    let project = store.project_by_code("P-0001").unwrap().unwrap();
    let new = |name: &str| finctl::store::revenue_items::NewRevenueItem {
        project_id: project.id,
        milestone_id: None,
        name: name.into(),
        item_type: "Services".into(),
        billing_rule: finctl::domain::billing_rule::BillingRule::Fixed,
        unit_price: None,
        planned_amount: rust_decimal::Decimal::new(10_000, 2),
        planned_invoice_date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        status: finctl::domain::revenue_status::RevenueStatus::Open,
        vat_rate: rust_decimal::Decimal::new(24, 0),
        invoice_description: String::new(),
        internal_description: String::new(),
        origin: finctl::domain::revenue_status::Origin::Manual,
    };
    let batch = store
        .create_revenue_items(&[new("Qj audit"), new("Second qj audit")])
        .unwrap();
    assert_eq!(find(&store, "qj"), batch);
    assert_eq!(find(&store, "QJ"), batch, "any case, as LIKE");
    let one = store.create_revenue_items(&[new("Review")]).unwrap()[0];
    let version = store.revenue_item(one).unwrap().version;
    store
        .update_revenue_item(
            one,
            version,
            &ItemEdit {
                name: Some("Jx review".into()),
                ..ItemEdit::default()
            },
        )
        .unwrap();
    assert_eq!(find(&store, "jx"), [one]);
    assert!(find(&store, "zq").is_empty());
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn verify_finds_a_name_missing_from_the_names_seen() {
    let (_dir, _path, store) = demo_store_of(400, 5);
    let name: String = store
        .conn()
        .query_row("SELECT name FROM revenue_items WHERE id = 3", [], |r| {
            r.get(0)
        })
        .unwrap();
    store
        .conn()
        .execute("DELETE FROM item_names WHERE name = ?1", [&name])
        .unwrap();
    let found = store.verify().unwrap();
    assert!(
        found
            .iter()
            .any(|v| v.check == "name index" && v.message.contains(&name)),
        "{found:?}"
    );
}
