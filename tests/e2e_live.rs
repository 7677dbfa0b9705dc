//! Live, through the real binary in a terminal: another user's change shows in an open console
//! within a second or so, with who made it, without a key pressed.

use crate::support;

use finctl::domain::revenue_status::RevenueStatus;
use finctl::store::Store;
use finctl::store::item_list::ItemFilter;
use finctl::store::list_query::Bound;
use std::time::{Duration, Instant};
use support::e2e::DemoDb;

#[test]
fn another_users_change_shows_without_a_key() {
    let db = DemoDb::new();
    let out = db.cli(&["user", "set", "alice", "finance"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut c = db.console(24, 80);
    c.wait_for("? shows the keys");
    c.wait_list_ready();
    // The first row of finance control, rejected by alice in her own console.
    let mut alice = Store::open(&db.db, "alice").unwrap();
    let row = alice
        .item_rows(
            &ItemFilter::finance_control(chrono::NaiveDate::from_ymd_opt(2026, 12, 28).unwrap()),
            &Bound::Start,
            1,
        )
        .unwrap()
        .remove(0);
    assert!(c.screen().contains(&row.project), "{}", c.screen());
    let changed = Instant::now();
    alice
        .set_status(&[(row.id, row.version)], RevenueStatus::Rejected)
        .unwrap();
    c.wait_until("the change named on the status line", |c| {
        c.status_line().contains("1 revenue item changed by alice")
    });
    let seen = changed.elapsed();
    assert!(seen < Duration::from_secs(2), "seen after {seen:?}");
    c.send("q");
    assert!(c.wait_exit().success());
}
