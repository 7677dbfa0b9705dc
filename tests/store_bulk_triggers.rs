//! The bulk item moves of drafting and confirming run with the connection's triggers off
//! (`store/triggers_off.rs`): drafting keeps the forecast sums itself, confirming moves only
//! items on a draft invoice, and every other write keeps the triggers that guard the file.

use crate::support;

use chrono::NaiveDate;
use finctl::domain::revenue_status::RevenueStatus;
use support::store::*;

/// Items over several months and two projects, most billable, some open (the forecast counts
/// both; drafting takes only the billable ones), more than one statement moves (1,024).
fn items_over_months(c: &mut Company) -> Vec<i64> {
    let items: Vec<_> = (0..1_500)
        .map(|k| {
            let project = if k % 3 == 0 { c.u1 } else { c.p1 };
            let status = if k % 10 == 0 {
                RevenueStatus::Open
            } else {
                RevenueStatus::Billable
            };
            let mut item = fixed_item(
                project,
                &format!("Item {k}"),
                &format!("{}.{:02}", 50 + k, k % 100),
                "24",
                status,
            );
            // Six months, 2025-10 to 2026-03. The open items (every tenth) fall in every
            // other month only, so that drafting empties the sums of the others.
            let month = k % 6;
            item.planned_invoice_date = NaiveDate::from_ymd_opt(
                if month < 3 { 2025 } else { 2026 },
                if month < 3 {
                    10 + month as u32
                } else {
                    month as u32 - 2
                },
                1 + (k % 28) as u32,
            )
            .unwrap();
            item
        })
        .collect();
    c.store.create_revenue_items(&items).unwrap()
}

/// A forecast sum: month, project, currency, amount in minor units, items.
type Sum = (String, i64, String, i64, i64);

fn sums(c: &Company, sql: &str) -> Vec<Sum> {
    let mut stmt = c.store.conn().prepare(sql).unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// The forecast sums as stored, in order.
fn stored_forecast(c: &Company) -> Vec<Sum> {
    sums(
        c,
        "SELECT month, project_id, currency, amount_minor, items FROM forecast_months
         ORDER BY month, project_id, currency",
    )
}

/// The forecast sums counted from the items themselves: what the triggers keep.
fn counted_forecast(c: &Company) -> Vec<Sum> {
    sums(
        c,
        "SELECT substr(planned_invoice_date, 1, 7) AS month, project_id, currency,
                sum(planned_amount_minor), count(*)
         FROM revenue_items WHERE status IN ('open', 'billable')
         GROUP BY month, project_id, currency ORDER BY month, project_id, currency",
    )
}

/// The billable ones of `ids`.
fn billable_of(c: &Company, ids: &[i64]) -> Vec<i64> {
    ids.iter()
        .copied()
        .filter(|&id| status(&c.store, id) == RevenueStatus::Billable)
        .collect()
}

#[test]
fn drafting_in_bulk_takes_its_items_out_of_the_forecast_as_the_triggers_would() {
    let mut c = Company::new();
    let ids = items_over_months(&mut c);
    let before = stored_forecast(&c);
    assert_eq!(before, counted_forecast(&c));
    let billable = billable_of(&c, &ids);
    let made = c.store.make_drafts(&billable, draft_day()).unwrap();
    assert!(made.skipped.is_empty(), "{:?}", made.skipped.first());
    let after = stored_forecast(&c);
    assert_eq!(
        after,
        counted_forecast(&c),
        "the sums still match the items"
    );
    assert_ne!(after, before, "the drafted items left the forecast");
    // Every drafted item left it, and only those (the company's own items stay).
    let counted =
        |sums: &[(String, i64, String, i64, i64)]| -> i64 { sums.iter().map(|row| row.4).sum() };
    assert_eq!(counted(&after), counted(&before) - billable.len() as i64);
    assert!(
        after.iter().all(|row| row.4 > 0),
        "no sum is left without items"
    );
    assert!(
        after.len() < before.len(),
        "sums of billable items only went"
    );
    // Confirming changes no sum: items on drafts count in none.
    let run = c.store.confirm_many(&made.invoices, confirm_day()).unwrap();
    assert!(run.refused.is_empty(), "{:?}", run.refused);
    assert_eq!(stored_forecast(&c), after);
    c.assert_sound();
}

#[test]
fn confirming_refuses_a_draft_whose_item_was_moved_behind_finctls_back() {
    let mut c = Company::new();
    let ids = items_over_months(&mut c);
    let billable = billable_of(&c, &ids);
    let made = c.store.make_drafts(&billable, draft_day()).unwrap();
    let odd = billable[5];
    c.store
        .conn()
        .execute(
            "UPDATE revenue_items SET status = 'billable' WHERE id = ?1",
            [odd],
        )
        .unwrap();
    let err = c
        .store
        .confirm_many(&made.invoices, confirm_day())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&format!("revenue item {odd}")) && err.contains("billable"),
        "{err}"
    );
    // Nothing was confirmed, nothing moved.
    for &invoice in &made.invoices {
        assert!(c.store.invoice(invoice).unwrap().number.is_none());
    }
    for &id in &billable {
        let expected = if id == odd {
            RevenueStatus::Billable
        } else {
            RevenueStatus::DraftInvoice
        };
        assert_eq!(status(&c.store, id), expected, "item {id}");
    }
}

#[test]
fn the_guarding_triggers_still_refuse_after_bulk_moves() {
    let mut c = Company::new();
    let ids = items_over_months(&mut c);
    let billable = billable_of(&c, &ids);
    let made = c.store.make_drafts(&billable, draft_day()).unwrap();
    c.store.confirm_many(&made.invoices, confirm_day()).unwrap();
    let conn = c.store.conn();
    // A confirmed invoice, its lines and the history refuse changes on the same connection.
    let refused = [
        format!(
            "UPDATE invoices SET number = 'X' WHERE id = {}",
            made.invoices[0]
        ),
        format!(
            "DELETE FROM invoice_lines WHERE invoice_id = {}",
            made.invoices[0]
        ),
        "UPDATE change_history SET new = 'x' WHERE id = 1".to_string(),
    ];
    for sql in refused {
        assert!(conn.execute(&sql, []).is_err(), "{sql} was let through");
    }
    // And the forecast trigger keeps the sums of a plain edit.
    conn.execute(
        "UPDATE revenue_items SET status = 'billable' WHERE status = 'open'",
        [],
    )
    .unwrap();
    assert_eq!(stored_forecast(&c), counted_forecast(&c));
}

/// The triggers the bulk moves were weighed against (`store/triggers_off.rs` says why each
/// is safe to leave out of them). A new trigger on `revenue_items` fails this test until it
/// has been weighed too.
#[test]
fn the_triggers_on_revenue_items_are_the_ones_the_bulk_moves_were_weighed_against() {
    let c = Company::new();
    let mut stmt = c
        .store
        .conn()
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'revenue_items'
             ORDER BY name",
        )
        .unwrap();
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        names,
        [
            "forecast_months_delete",
            "forecast_months_insert",
            "forecast_months_update_new",
            "forecast_months_update_old",
            "revenue_items_dates_insert",
            "revenue_items_dates_update",
        ]
    );
}
