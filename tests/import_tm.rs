//! Imported time prices the time-and-materials items of its project in the same call: the
//! item's amount is what its billable time now comes to, with one history row naming the
//! cause; importing the same file again changes nothing.

use crate::support;

use support::cli::{count, import, init_db, printed};
use support::import::{example, file};

fn ex(name: &str) -> String {
    example(name).display().to_string()
}

fn amount_of(db: &str, key: &str) -> i64 {
    count(
        db,
        &format!("SELECT planned_amount_minor FROM revenue_items WHERE ext_key = '{key}'"),
    )
}

#[test]
fn imported_time_prices_the_items_of_its_project_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path());
    let setup = import(
        &db,
        &[
            "accounts",
            &ex("accounts.csv"),
            "price-lists",
            &ex("price-lists.csv"),
            "projects",
            &ex("projects.csv"),
            "milestones",
            &ex("milestones.csv"),
            "revenue-items",
            &ex("revenue-items.csv"),
        ],
    );
    assert!(setup.status.success(), "{}", printed(&setup));
    // RI-4: time and materials on P-1002 at a unit price of 1,150.00, planned 2026-03-31.
    assert_eq!(amount_of(&db, "RI-4"), 0, "no time yet: nothing to collect");

    let hours = file(
        dir.path(),
        "march.csv",
        "key,project,person,role,date,hours,billable,description\n\
         M-1,P-1002,erik,consultant,2026-03-02,3,yes,Sprint planning\n\
         M-2,P-1002,erik,consultant,2026-03-03,1.5,yes,Review\n\
         M-3,P-1002,erik,consultant,2026-03-04,2,no,Internal\n\
         M-4,P-1002,erik,consultant,2026-04-02,5,yes,After the planned date\n",
    );
    let hours = hours.display().to_string();
    let out = import(&db, &["time-reports", &hours]);
    assert!(out.status.success(), "{}", printed(&out));
    // 4.5 billable hours up to 2026-03-31 at 1,150.00.
    assert_eq!(amount_of(&db, "RI-4"), 517_500);
    let priced = count(
        &db,
        "SELECT count(*) FROM change_history h JOIN revenue_items i ON i.id = h.object_id
         WHERE h.object = 'revenue_item' AND i.ext_key = 'RI-4' AND h.field = 'planned_amount'",
    );
    assert_eq!(priced, 1, "one history row for the new amount");

    let history = count(&db, "SELECT count(*) FROM change_history");
    let again = import(&db, &["time-reports", &hours]);
    assert!(again.status.success(), "{}", printed(&again));
    assert_eq!(amount_of(&db, "RI-4"), 517_500);
    assert_eq!(
        count(&db, "SELECT count(*) FROM change_history"),
        history,
        "the same file again writes nothing"
    );
}
