//! Filtering revenue items by text: the trigram name index stays in step with every write, and
//! the sparse path (starting from the matching ids) returns exactly what the scan in list order
//! returns.

mod support;

use chrono::NaiveDate;
use finctl::store::item_list::{ItemFilter, item_rows, item_totals, rows_within};
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

#[test]
fn the_sparse_path_returns_what_the_ordered_scan_returns() {
    let (_dir, _path, store) = demo_store_of(400, 5);
    let today = NaiveDate::from_ymd_opt(2026, 12, 28).unwrap();
    for filter in filters(today) {
        let ordered = rows_within(store.conn(), &filter, &Bound::Start, 50, u32::MAX).unwrap();
        let sparse = rows_within(store.conn(), &filter, &Bound::Start, 50, 0).unwrap();
        let ids = |rows: &[finctl::store::item_list::ItemRow]| {
            rows.iter().map(|r| r.id).collect::<Vec<_>>()
        };
        assert_eq!(ids(&ordered), ids(&sparse), "{filter:?}");
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

#[test]
fn the_name_index_follows_renames_and_deletions() {
    let (_dir, _path, mut store) = demo_store_of(400, 5);
    let find = |store: &Store, text: &str| -> Vec<i64> {
        let filter = ItemFilter {
            due_until: None,
            text: text.into(),
            today: None,
        };
        rows_within(store.conn(), &filter, &Bound::Start, 100, 0)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect()
    };
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
