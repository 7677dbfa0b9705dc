//! Several writes as one: `Store::all_or_nothing` commits every write inside it at its end, or
//! none of them. The demo is one such: stopped half-way by its long-work observer (as Ctrl-C
//! stops it), it leaves the database as it was, and it fills it when run again.

use crate::support;

use finctl::demo::{self, DemoOptions, Observer, Step};
use finctl::store::long_work::set_long_work_observer;
use finctl::store::{Store, StoreError};
use support::store::{account, today};
use support::temp_db;

fn accounts(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))
        .unwrap()
}

fn new_store() -> (tempfile::TempDir, Store) {
    let (dir, path) = temp_db();
    let store = Store::open(&path, "admin").unwrap();
    (dir, store)
}

#[test]
fn the_writes_inside_are_committed_together_at_the_end() {
    let (dir, mut store) = new_store();
    let other = Store::open(&dir.path().join("finctl.db"), "admin").unwrap();
    store
        .all_or_nothing(|s| {
            s.create_account(&account("Acme", "EUR", 30))?;
            s.create_account(&account("Globex", "EUR", 30))?;
            // Nothing is committed yet: another connection sees none of it.
            assert_eq!(accounts(&other), 0);
            Ok(())
        })
        .unwrap();
    assert_eq!(accounts(&other), 2);
    // Every write kept its history.
    let created: i64 = other
        .conn()
        .query_row(
            "SELECT count(*) FROM change_history WHERE object = 'account' AND version = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(created >= 2, "{created}");
}

#[test]
fn one_failed_write_inside_undoes_them_all_even_when_its_error_is_ignored() {
    let (_dir, mut store) = new_store();
    let err = store
        .all_or_nothing(|s| {
            s.create_account(&account("Acme", "EUR", 30))?;
            // Refused (no such currency): the caller goes on as if nothing happened.
            let refused = s.create_account(&account("Broken", "XXX", 30));
            assert!(refused.is_err(), "{refused:?}");
            Ok(())
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Refused(_)), "{err:?}");
    assert_eq!(accounts(&store), 0, "nothing was written");
    // The store writes on as usual afterwards.
    store.create_account(&account("Acme", "EUR", 30)).unwrap();
    assert_eq!(accounts(&store), 1);
}

/// Stops the demo once it has written `after` revenue items.
struct StopAfter {
    after: u64,
    seen: Vec<(Step, u64, Option<u64>)>,
}

impl Observer for StopAfter {
    fn progress(&mut self, step: Step, done: u64, total: Option<u64>) {
        self.seen.push((step, done, total));
        if step == Step::RevenueItems && done >= self.after {
            set_long_work_observer(Some(Box::new(|_| false)));
        }
    }
}

#[test]
fn a_demo_stopped_half_way_writes_nothing_and_runs_again() {
    let (_dir, mut store) = new_store();
    let opts = DemoOptions {
        revenue_items: 5_000,
        seed: 1,
        today: today(),
    };
    set_long_work_observer(Some(Box::new(|_| true)));
    let mut stop = StopAfter {
        after: 2_000,
        seen: Vec::new(),
    };
    let err = demo::fill_observed(&mut store, &opts, &mut stop).unwrap_err();
    set_long_work_observer(None);
    assert_eq!(err.to_string(), "stopped: nothing was saved");
    // It was told the steps in order, the items counted of all of them.
    let steps: Vec<Step> = stop.seen.iter().map(|s| s.0).collect();
    assert_eq!(steps.first(), Some(&Step::Company), "{:?}", stop.seen);
    assert!(
        stop.seen
            .iter()
            .any(|s| s.0 == Step::RevenueItems && s.1 == 2_000 && s.2.is_some()),
        "{:?}",
        stop.seen
    );
    assert!(!steps.contains(&Step::Invoices), "{:?}", stop.seen);
    for table in [
        "accounts",
        "projects",
        "revenue_items",
        "invoices",
        "settings",
    ] {
        let n: i64 = store
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    let summary = demo::fill(&mut store, &opts).unwrap();
    assert_eq!(summary.revenue_items, 5_000);
    assert!(store.verify().unwrap().is_empty());
}
