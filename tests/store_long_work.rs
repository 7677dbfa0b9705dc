//! A long write (drafts from many items) tells whoever runs it how long it has run, and can be
//! stopped: the transaction is rolled back and nothing is written.

use crate::support;

use finctl::store::item_list::ItemFilter;
use finctl::store::long_work::set_long_work_observer;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::store::{demo_store, today};

fn billable(store: &finctl::store::Store) -> Vec<i64> {
    store
        .item_picks(&ItemFilter::finance_control(
            today() + chrono::Days::new(400),
        ))
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect()
}

fn drafts(store: &finctl::store::Store) -> usize {
    store
        .invoice_rows(&Default::default(), &finctl::store::Bound::Start, 10_000)
        .unwrap()
        .iter()
        .filter(|r| r.number.is_none())
        .count()
}

#[test]
fn a_long_write_is_told_how_long_it_ran_and_can_be_stopped() {
    let (_dir, _path, mut store) = demo_store();
    let ids = billable(&store);
    assert!(ids.len() > 10, "billable items to draft: {}", ids.len());
    let before = drafts(&store);

    // Stopped at the first call: nothing is written.
    set_long_work_observer(Some(Box::new(|_| false)));
    let err = store.make_drafts(&ids, today()).unwrap_err();
    assert_eq!(err.to_string(), "stopped: nothing was saved");
    assert_eq!(drafts(&store), before, "no draft was made");

    // Told as it runs, in order, and it goes through.
    let told: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let seen = told.clone();
    set_long_work_observer(Some(Box::new(move |ran| {
        seen.lock().unwrap().push(ran);
        true
    })));
    let made = store.make_drafts(&ids, today()).unwrap();
    set_long_work_observer(None);
    let told = told.lock().unwrap().clone();
    assert!(told.len() > 10, "told at every change: {}", told.len());
    assert!(told.windows(2).all(|w| w[0] <= w[1]), "{told:?}");
    assert!(drafts(&store) > before, "{made:?}");
}

#[test]
fn drafting_counts_its_progress_over_the_items_given_once() {
    use finctl::store::long_work::{Progress, current_progress};
    let (_dir, _path, mut store) = demo_store();
    let ids = billable(&store);
    assert!(ids.len() > 10, "billable items to draft: {}", ids.len());
    // Every item given twice: the counts still run to the number of items.
    let mut given = ids.clone();
    given.extend(&ids);
    let seen: Arc<Mutex<Vec<Progress>>> = Arc::default();
    let told = seen.clone();
    set_long_work_observer(Some(Box::new(move |_| {
        if let Some(p) = current_progress() {
            told.lock().unwrap().push(p);
        }
        true
    })));
    let made = store.make_drafts(&given, today()).unwrap();
    set_long_work_observer(None);
    let seen = seen.lock().unwrap().clone();
    let of =
        |what: &str| -> Vec<Progress> { seen.iter().copied().filter(|p| p.what == what).collect() };
    let drafted = of("items drafted");
    assert!(!drafted.is_empty(), "{seen:?}");
    assert!(
        drafted
            .iter()
            .all(|p| p.total == ids.len() && p.done < p.total)
    );
    assert!(drafted.windows(2).all(|w| w[0].done <= w[1].done));
    let moved = of("items moved onto drafts");
    assert!(!moved.is_empty(), "{seen:?}");
    assert!(
        moved
            .iter()
            .all(|p| p.total == ids.len() - made.skipped.len() && p.done < p.total),
        "{moved:?}"
    );
}
