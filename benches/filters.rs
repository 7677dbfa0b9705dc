//! Every kind of filter term on the 1,000,000-item database (issue "The finance desk"): for each
//! query, the first window of rows as a keystroke gets it (`Store::item_first_rows`, 50 rows)
//! and the footer totals, on all items and on finance control, beside SQLite's own time for the
//! same first rows by the simplest query a person would write for them with `sqlite3`. A report,
//! not a pass/fail test.
//!
//! `FINCTL_BENCH_DB=/path/to.db` uses a copy of that database (opened here, so migrated here),
//! else a 1,000,000-item demo is built first (about a minute); `FINCTL_BENCH_ITEMS=N` sets its
//! size.

#[path = "support/mod.rs"]
mod support;

use chrono::{Days, NaiveDate};
use finctl::store::Store;
use finctl::store::invoice_list::InvoiceFilter;
use finctl::store::item_list::ItemFilter;
use finctl::store::list_query::Bound;
use support::{database_copy, load_average, median, ms};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
}

/// A query, and the plain SQL for its first 50 rows on all items (the floor).
const ITEM_QUERIES: &[(&str, &str)] = &[
    (
        "status:rejected",
        "status = 'rejected' ORDER BY planned_invoice_date, id",
    ),
    (
        "status:billable,draft",
        "status IN ('billable', 'draft_invoice') ORDER BY planned_invoice_date, id",
    ),
    (
        "rule:tm",
        "billing_rule = 'time_and_materials' ORDER BY planned_invoice_date, id",
    ),
    (
        "rule:milestone",
        "billing_rule = 'milestone' ORDER BY planned_invoice_date, id",
    ),
    (
        "type:hosting",
        "item_type LIKE '%hosting%' ORDER BY planned_invoice_date, id",
    ),
    (
        "account:northwind",
        "account_id IN (SELECT id FROM accounts WHERE name LIKE '%northwind%') \
         ORDER BY planned_invoice_date, id",
    ),
    (
        "project:P-0012",
        "project_id IN (SELECT id FROM projects WHERE code LIKE '%P-0012%') \
         ORDER BY planned_invoice_date, id",
    ),
    (
        "bu:consulting",
        "account_id IN (SELECT id FROM accounts WHERE business_unit LIKE '%consulting%') \
         ORDER BY planned_invoice_date, id",
    ),
    (
        "currency:SEK",
        "currency = 'SEK' ORDER BY planned_invoice_date, id",
    ),
    (
        "currency:USD",
        "currency = 'USD' ORDER BY planned_invoice_date, id",
    ),
    (
        "date:2026-12",
        "planned_invoice_date BETWEEN '2026-12-01' AND '2026-12-31' \
         ORDER BY planned_invoice_date, id",
    ),
    (
        "date:2026-12-01..2027-01-15",
        "planned_invoice_date BETWEEN '2026-12-01' AND '2027-01-15' \
         ORDER BY planned_invoice_date, id",
    ),
    (
        "amount:>10000",
        "coalesce(actual_amount_minor, planned_amount_minor) > 1000000 \
         ORDER BY planned_invoice_date, id",
    ),
    (
        "amount:>9999999",
        "coalesce(actual_amount_minor, planned_amount_minor) > 999999900 \
         ORDER BY planned_invoice_date, id",
    ),
    (
        "warning:overdue",
        "status IN ('open', 'billable') AND planned_invoice_date < '2026-11-28' \
         ORDER BY planned_invoice_date, id",
    ),
    (
        "warning:missed",
        "milestone_id IN (SELECT id FROM milestones WHERE reached_at IS NULL) \
         AND planned_invoice_date < '2026-11-28' ORDER BY planned_invoice_date, id",
    ),
    (
        "milestone:M2",
        "milestone_id IN (SELECT id FROM milestones WHERE code = 'M2') \
         ORDER BY planned_invoice_date, id",
    ),
    (
        "services status:open rule:fixed",
        "id IN (SELECT rowid FROM revenue_item_search WHERE name LIKE '%services%') \
         AND status = 'open' AND billing_rule = 'fixed' ORDER BY planned_invoice_date, id",
    ),
    (
        "zzz status:billable",
        "id IN (SELECT rowid FROM revenue_item_search WHERE name LIKE '%zzz%') \
         AND status = 'billable' ORDER BY planned_invoice_date, id",
    ),
];

const INVOICE_QUERIES: &[&str] = &[
    "status:draft",
    "kind:credit",
    "status:confirmed date:2026-11",
    "amount:>100000",
    "currency:SEK",
];

fn main() {
    let (db, _dir) = database_copy();
    let store = Store::open(&db, "bench").expect("open");
    store.conn().execute_batch("ANALYZE").ok();
    let items: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM revenue_items", [], |r| r.get(0))
        .expect("count");
    println!(
        "{items} revenue items; load average at the start: {}",
        load_average()
    );
    println!(
        "{:<34} {:>10} {:>10} {:>7} {:>11} {:>10} {:>10}",
        "query (all items)", "rows ms", "sqlite ms", "ratio", "totals ms", "shown", "control ms"
    );
    let until = today() + Days::new(30);
    for (text, floor_sql) in ITEM_QUERIES {
        let all = ItemFilter {
            text: text.to_string(),
            ..ItemFilter::all()
        }
        .on(today());
        let control = ItemFilter {
            text: text.to_string(),
            ..ItemFilter::finance_control(until)
        }
        .on(today());
        let rows = median(5, || {
            store.item_first_rows(&all, 50).expect("rows");
        });
        let floor_sql = format!("SELECT id FROM revenue_items WHERE {floor_sql} LIMIT 50");
        let floor = median(5, || {
            let mut stmt = store.conn().prepare_cached(&floor_sql).expect("floor sql");
            let ids: Vec<i64> = stmt
                .query_map([], |r| r.get(0))
                .expect("floor rows")
                .collect::<Result<_, _>>()
                .expect("floor ids");
            std::hint::black_box(ids);
        });
        let mut shown = 0;
        let totals = median(3, || {
            shown = store
                .item_totals(&all)
                .expect("totals")
                .iter()
                .map(|t| t.count)
                .sum::<i64>();
        });
        let control_rows = median(5, || {
            store.item_first_rows(&control, 50).expect("rows");
        });
        println!(
            "{:<34} {:>10.1} {:>10.1} {:>7.1} {:>11.1} {:>10} {:>10.1}",
            text,
            ms(rows),
            ms(floor),
            rows.as_secs_f64() / floor.as_secs_f64().max(1e-6),
            ms(totals),
            shown,
            ms(control_rows)
        );
    }
    println!(
        "{:<34} {:>10} {:>11} {:>10}",
        "query (invoices)", "rows ms", "totals ms", "shown"
    );
    for text in INVOICE_QUERIES {
        let filter = InvoiceFilter {
            text: text.to_string(),
        };
        let rows = median(5, || {
            store
                .invoice_rows(&filter, &Bound::Start, 50)
                .expect("rows");
        });
        let mut shown = 0;
        let totals = median(3, || {
            shown = store
                .invoice_totals(&filter)
                .expect("totals")
                .iter()
                .map(|t| t.count)
                .sum::<i64>();
        });
        println!(
            "{:<34} {:>10.1} {:>11.1} {:>10}",
            text,
            ms(rows),
            ms(totals),
            shown
        );
    }
    println!("load average at the end: {}", load_average());
}
