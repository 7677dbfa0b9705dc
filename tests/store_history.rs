//! The change history as the console lists it and `finctl export history` writes it: an
//! object's rows with its parts' (an invoice's lines, a contract line's periods), labelled,
//! newest first, a window at a time through the index of version 19; and every row streamed in
//! id order, chosen by kind of object and by days.

use crate::support;

use finctl::domain::invoicing_term::Term;
use finctl::domain::object_kind::ObjectKind;
use finctl::store::Bound;
use finctl::store::export_history::{EXPORT_SQL, HistoryFilter};
use finctl::store::history_window::{HistoryRow, Subject};
use finctl::store::progress::NewContractLine;
use finctl::store::revenue_items::ItemEdit;
use support::store::*;
use support::*;

fn window(c: &Company, subjects: &[Subject], bound: Bound<i64>, n: usize) -> Vec<HistoryRow> {
    c.store.history_window(subjects, &bound, n).unwrap()
}

fn ids(rows: &[HistoryRow]) -> Vec<i64> {
    rows.iter().map(|r| r.id).collect()
}

/// Moves the planned date of `item` `n` times: `n` history rows.
fn many_edits(c: &mut Company, item: i64, n: u32) {
    for k in 0..n {
        let v = version(&c.store, item);
        let edit = ItemEdit {
            planned_invoice_date: Some(date(2026, 4, 1 + k % 28)),
            ..ItemEdit::default()
        };
        c.store.update_revenue_item(item, v, &edit).unwrap();
    }
}

#[test]
fn an_invoice_lists_its_line_amounts_with_reasons_its_dates_and_its_confirmation_newest_first() {
    let mut c = Company::new();
    let made = c
        .store
        .make_drafts(&c.acme_billable(), draft_day())
        .unwrap();
    let id = made.invoices[0];
    let inv = c.store.invoice(id).unwrap();
    let line = &inv.lines[0];
    c.store
        .set_draft_line_amount(id, inv.version, line.id, d("900"), "discount agreed")
        .unwrap();
    let v = c.store.invoice(id).unwrap().version;
    c.store
        .set_draft_dates(id, v, date(2026, 3, 30), date(2026, 4, 30))
        .unwrap();
    c.store.confirm(id, confirm_day()).unwrap();

    let subjects = c.store.history_subjects(ObjectKind::Invoice, id).unwrap();
    assert_eq!(subjects.len(), 1, "its lines' changes are its own rows");
    assert_eq!(subjects[0].label, "invoice");
    let rows = window(&c, &subjects, Bound::Start, 100);
    assert_eq!(rows.len(), c.store.history_count(&subjects).unwrap());
    let mut oldest_first = c.store.history_of("invoice", id).unwrap();
    oldest_first.reverse();
    assert_eq!(
        rows.iter().map(|r| r.field.as_str()).collect::<Vec<_>>(),
        oldest_first
            .iter()
            .map(|r| r.field.as_str())
            .collect::<Vec<_>>(),
        "newest first"
    );
    assert!(ids(&rows).windows(2).all(|w| w[0] > w[1]));
    let amount = rows.iter().find(|r| r.field == "line 1 amount").unwrap();
    assert_eq!(amount.reason.as_deref(), Some("discount agreed"));
    assert_eq!(
        (amount.old.as_deref(), amount.new.as_deref()),
        (Some("1000.00"), Some("900.00"))
    );
    assert!(rows.iter().any(|r| r.field == "invoice_date"));
    assert!(
        rows.iter()
            .any(|r| r.field == "status" && r.new.as_deref() == Some("confirmed"))
    );
    assert_eq!(rows.last().unwrap().field, "created");
}

#[test]
fn windows_page_by_the_rows_ids_both_ways() {
    let mut c = Company::new();
    let extra = c.extra;
    many_edits(&mut c, extra, 25);
    let subjects = c
        .store
        .history_subjects(ObjectKind::RevenueItem, c.extra)
        .unwrap();
    let mut all: Vec<i64> = c
        .store
        .history_of("revenue_item", c.extra)
        .unwrap()
        .iter()
        .map(|h| h.version)
        .collect();
    assert_eq!(all.len(), 26);
    let everything = window(&c, &subjects, Bound::Start, 1000);
    assert_eq!(everything.len(), 26);
    all.reverse();
    assert_eq!(
        everything.iter().map(|r| r.version).collect::<Vec<_>>(),
        all
    );
    let first = window(&c, &subjects, Bound::Start, 10);
    assert_eq!(ids(&first), ids(&everything[..10]));
    let next = window(&c, &subjects, Bound::After(first[9].id), 10);
    assert_eq!(ids(&next), ids(&everything[10..20]));
    let from = window(&c, &subjects, Bound::From(first[9].id), 3);
    assert_eq!(ids(&from), ids(&everything[9..12]));
    let before = window(&c, &subjects, Bound::Before(next[0].id), 4);
    assert_eq!(ids(&before), ids(&everything[6..10]), "in list order");
    let end = window(&c, &subjects, Bound::End, 5);
    assert_eq!(ids(&end), ids(&everything[21..]));
    // Another item's rows never mix in.
    assert!(everything.iter().all(|r| r.object_id == c.extra));
}

#[test]
fn a_window_reads_through_the_index_from_its_key_on() {
    let c = Company::new();
    let index: String = c
        .store
        .conn()
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'change_history_object_row'",
            [],
            |r| r.get(0),
        )
        .expect("migration 19 made the index");
    assert!(index.contains("(object, object_id, id)"), "{index}");
    let subjects = c
        .store
        .history_subjects(ObjectKind::RevenueItem, c.extra)
        .unwrap();
    for bound in [Bound::Start, Bound::After(5), Bound::Before(5), Bound::End] {
        let plan = c.store.history_window_plan(&subjects, &bound).unwrap();
        assert!(
            plan.contains("USING INDEX change_history_object_row (object=? AND object_id=?"),
            "{bound:?}: {plan}"
        );
    }
    let plan = c
        .store
        .history_window_plan(&subjects, &Bound::After(5))
        .unwrap();
    assert!(
        plan.contains("id<?"),
        "the key bounds the index range: {plan}"
    );
    assert!(
        !plan.contains("TEMP B-TREE"),
        "rows come in the index's order: {plan}"
    );
}

#[test]
fn a_contract_line_lists_its_periods_labelled() {
    let mut c = Company::new();
    let line = c
        .store
        .create_contract_line(&NewContractLine {
            project_id: c.p1,
            milestone_id: None,
            description: "Implementation".into(),
            quantity: d("120"),
            unit_price: d("850"),
            invoicing_term: Term::Monthly,
            vat_rate: d("24"),
            first_period_start: date(2026, 1, 1),
        })
        .unwrap();
    let first = c.store.add_progress_status(line, date(2026, 1, 1)).unwrap();
    let subjects = c
        .store
        .history_subjects(ObjectKind::ContractLine, line)
        .unwrap();
    let labels: Vec<&str> = subjects.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["contract line", "period 1"]);
    assert_eq!(subjects[1].id, first);
    let rows = window(&c, &subjects, Bound::Start, 100);
    let newest = &rows[0];
    assert_eq!(
        (
            newest.object.as_str(),
            newest.object_id,
            newest.field.as_str()
        ),
        ("progress_status", first, "created"),
        "the period was made last"
    );
    assert!(
        rows.iter()
            .any(|r| r.object == "contract_line" && r.field == "created")
    );
    assert_eq!(rows.len(), c.store.history_count(&subjects).unwrap());
    assert!(rows.iter().all(|r| subjects.iter().any(|s| r.is_of(s))));
    // The period alone.
    let period = c
        .store
        .history_subjects(ObjectKind::ProgressStatus, first)
        .unwrap();
    assert_eq!(period[0].label, "period 1");
    assert!(
        window(&c, &period, Bound::Start, 100)
            .iter()
            .all(|r| r.object == "progress_status")
    );
}

#[test]
fn a_deleted_object_keeps_its_history_and_objects_are_named_for_their_rows() {
    let mut c = Company::new();
    let v = version(&c.store, c.extra);
    c.store.delete_revenue_item(c.extra, v).unwrap();
    let subjects = c
        .store
        .history_subjects(ObjectKind::RevenueItem, c.extra)
        .unwrap();
    let rows = window(&c, &subjects, Bound::Start, 10);
    assert_eq!(rows[0].field, "deleted");
    let label = |kind, id| c.store.history_subjects(kind, id).unwrap()[0].label.clone();
    assert_eq!(label(ObjectKind::Project, c.p1), "project P1");
    assert_eq!(label(ObjectKind::Account, c.acme), "account Acme");
    assert_eq!(label(ObjectKind::Milestone, c.m1), "milestone M1");
    assert!(c.store.plan_history_subjects(c.p1).unwrap().is_empty());
}

#[test]
fn the_export_walks_every_row_in_id_order_chosen_by_kind_and_days() {
    let mut c = Company::new();
    let extra = c.extra;
    many_edits(&mut c, extra, 3);
    let all_rows = |filter: HistoryFilter| {
        let mut rows = Vec::new();
        c.store
            .for_each_history_row(&filter, |r| {
                rows.push(r);
                Ok(())
            })
            .unwrap();
        rows
    };
    let total: i64 = c
        .store
        .conn()
        .query_row("SELECT count(*) FROM change_history", [], |r| r.get(0))
        .unwrap();
    let all = all_rows(HistoryFilter::default());
    assert_eq!(all.len() as i64, total);
    assert!(ids(&all).windows(2).all(|w| w[0] < w[1]), "oldest first");
    let items = all_rows(HistoryFilter {
        object: Some(ObjectKind::RevenueItem),
        ..HistoryFilter::default()
    });
    assert!(!items.is_empty() && items.iter().all(|r| r.object == "revenue_item"));
    assert_eq!(
        items.len(),
        all.iter().filter(|r| r.object == "revenue_item").count()
    );
    // Days of the rows' time stamps, both ends included.
    let day: chrono::NaiveDate = all[0].at[..10].parse().unwrap();
    let that_day = all_rows(HistoryFilter {
        from: Some(day),
        to: Some(day),
        ..HistoryFilter::default()
    });
    assert_eq!(that_day.len(), all.len());
    let next = day.succ_opt().unwrap();
    let later = all_rows(HistoryFilter {
        from: Some(next),
        ..HistoryFilter::default()
    });
    assert!(later.is_empty());
    let earlier = all_rows(HistoryFilter {
        to: Some(day.pred_opt().unwrap()),
        ..HistoryFilter::default()
    });
    assert!(earlier.is_empty());
    // Streamed: a scan in id order, no sort of the whole history first.
    let plan: Vec<String> = c
        .store
        .conn()
        .prepare(&format!("EXPLAIN QUERY PLAN {EXPORT_SQL}"))
        .unwrap()
        .query_map(
            rusqlite::params![Some("revenue_item"), None::<String>, None::<String>],
            |r| r.get(3),
        )
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let plan = plan.join("\n");
    assert!(plan.starts_with("SCAN change_history"), "{plan}");
    assert!(!plan.contains("TEMP B-TREE"), "{plan}");
}

/// Each history row writes one index entry by object, not two (migration 24): the bulk work of
/// drafting and confirming writes a row per changed field, at random places in the index.
/// An object's history still reads in version order.
#[test]
fn the_history_has_one_index_by_object_and_reads_in_version_order() {
    let mut c = Company::new();
    let extra = c.extra;
    many_edits(&mut c, extra, 5);
    let indexes: Vec<String> = c
        .store
        .conn()
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'change_history'
             AND sql IS NOT NULL ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(indexes, ["change_history_object_row"]);
    let changes = c.store.history_of("revenue_item", c.extra).unwrap();
    let versions: Vec<i64> = changes.iter().map(|h| h.version).collect();
    assert_eq!(versions, (1..=6).collect::<Vec<_>>());
}
