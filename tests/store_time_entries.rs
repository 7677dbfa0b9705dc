//! Time reports and expenses as master data: created and edited with their history, never
//! changed or deleted once a time-and-materials item collected them for an invoice (until the
//! draft is deleted), and upserted by an import by their key, twice without a change.

use crate::support;

use finctl::domain::master_field::MasterField;
use finctl::domain::rights::Action;
use finctl::store::StoreError;
use finctl::store::master_data::Upserted;
use finctl::store::time_entries::{
    ExpenseInput, TimeReportInput, upsert_expense, upsert_time_report,
};
use support::store::*;
use support::*;

fn invalid<T: std::fmt::Debug>(r: Result<T, StoreError>) -> (MasterField, String) {
    match r {
        Err(StoreError::Invalid { field, message }) => (field, message),
        other => panic!("expected a refused field, got {other:?}"),
    }
}

fn history_rows(c: &Company) -> i64 {
    count(
        &c.store,
        "SELECT count(*) FROM change_history WHERE ?1 = ?1",
        0,
    )
}

/// A billable report of P1 from the time tracker, before the T&M item's planned date.
fn tracked(c: &Company, key: &str, hours: &str) -> TimeReportInput {
    let mut t = time_report(c.p1, "dan", "dev", date(2026, 3, 6), hours, true);
    t.ext_key = Some(key.into());
    t.description = "Data migration\nscripts".into();
    t
}

fn keyed_expense(c: &Company, key: &str, amount: &str) -> ExpenseInput {
    let mut e = expense(c.p1, date(2026, 3, 12), "Taxi", amount, true);
    e.ext_key = Some(key.into());
    e
}

#[test]
fn a_time_report_is_created_and_edited_with_its_history() {
    let mut c = Company::new();
    let id = c
        .store
        .create_time_reports(&[tracked(&c, "T-1", "7.50")])
        .unwrap()[0];
    let t = c.store.time_report(id).unwrap();
    assert_eq!(
        (t.hours, t.description.as_str(), t.ext_key.as_deref()),
        (d("7.5"), "Data migration\nscripts", Some("T-1"))
    );
    let mut edit = t.input();
    edit.hours = d("8");
    edit.billable = false;
    let changed = c
        .store
        .update_time_report(id, 1, &edit, Some("corrected by ann"))
        .unwrap();
    assert_eq!(changed, ["hours", "billable"]);
    let h = c.store.history_of("time_report", id).unwrap();
    assert_eq!(
        h.iter()
            .map(|h| (
                h.field.as_str(),
                h.old.as_deref(),
                h.new.as_deref(),
                h.reason.as_deref()
            ))
            .collect::<Vec<_>>()[1..],
        [
            ("hours", Some("7.5"), Some("8"), Some("corrected by ann")),
            (
                "billable",
                Some("true"),
                Some("false"),
                Some("corrected by ann")
            ),
        ]
    );
    let mut too_long = edit.clone();
    too_long.hours = d("24.5");
    assert_eq!(
        invalid(c.store.update_time_report(id, 2, &too_long, None)),
        (
            MasterField::Hours,
            "24.5 hours in one report: a report holds at most 24 hours".into()
        )
    );
    assert!(matches!(
        c.store.update_time_report(id, 1, &edit, None),
        Err(StoreError::Stale { .. })
    ));
    let mut nobody = edit.clone();
    nobody.person = " ".into();
    assert_eq!(
        invalid(c.store.update_time_report(id, 2, &nobody, None)).0,
        MasterField::Person
    );
    c.assert_sound();
}

#[test]
fn collected_time_and_expenses_never_change_until_the_draft_goes() {
    let mut c = Company::new();
    let report = c
        .store
        .create_time_reports(&[tracked(&c, "T-1", "2")])
        .unwrap()[0];
    let spent = c
        .store
        .create_expenses(&[keyed_expense(&c, "E-1", "25.00")])
        .unwrap()[0];
    let made = c.store.make_drafts(&[c.tm], draft_day()).unwrap();
    let draft = made.invoices[0];
    assert_eq!(
        c.store.time_report(report).unwrap().revenue_item_id,
        Some(c.tm)
    );
    let rows = history_rows(&c);

    let t = c.store.time_report(report).unwrap();
    let mut edit = t.input();
    edit.hours = d("3");
    let collected = format!(
        "the time report is collected by revenue item {}, which is draft invoice: it cannot \
         change (delete the draft, or credit the invoice, first)",
        c.tm
    );
    assert_eq!(
        refused(c.store.update_time_report(report, t.version, &edit, None)),
        collected
    );
    assert_eq!(
        refused(c.store.delete_time_report(report, t.version, None)),
        collected
    );
    let e = c.store.expense(spent).unwrap();
    let mut cheaper = e.input();
    cheaper.amount = d("20");
    assert!(
        refused(c.store.update_expense(spent, e.version, &cheaper, None))
            .starts_with("the expense is collected by revenue item")
    );
    assert!(refused(c.store.delete_expense(spent, e.version, None)).contains("cannot change"));
    // The import of the same rows again changes nothing and is no refusal; a change is.
    let file = Some("import time.csv");
    let (same, more) = (tracked(&c, "T-1", "2"), tracked(&c, "T-1", "2.5"));
    let unchanged = c
        .store
        .write(Action::EditMasterData, |w| {
            upsert_time_report(w, &same, file)
        })
        .unwrap();
    assert_eq!(unchanged, Upserted::Unchanged(report));
    assert_eq!(
        refused(
            c.store
                .write(Action::EditMasterData, |w| upsert_time_report(
                    w, &more, file
                ))
        ),
        collected
    );
    assert_eq!(history_rows(&c), rows, "refusals write nothing");

    // The draft deleted, the report is given back and may change.
    let v = c.store.invoice(draft).unwrap().version;
    c.store.delete_draft(draft, v).unwrap();
    let t = c.store.time_report(report).unwrap();
    assert_eq!(t.revenue_item_id, None);
    c.store
        .update_time_report(report, t.version, &edit, None)
        .unwrap();
    let e = c.store.expense(spent).unwrap();
    c.store
        .delete_expense(spent, e.version, Some("duplicate"))
        .unwrap();
    c.assert_sound();
}

#[test]
fn time_reports_and_expenses_not_collected_are_deleted_with_their_history() {
    let mut c = Company::new();
    let id = c
        .store
        .create_time_reports(&[tracked(&c, "T-1", "2")])
        .unwrap()[0];
    c.store
        .delete_time_report(id, 1, Some("booked twice"))
        .unwrap();
    assert!(matches!(
        c.store.time_report(id),
        Err(StoreError::NotFound {
            object: "time report",
            ..
        })
    ));
    let last = c
        .store
        .history_of("time_report", id)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (
            last.version,
            last.field.as_str(),
            last.old.as_deref(),
            last.reason.as_deref()
        ),
        (
            2,
            "deleted",
            Some("dan | dev | 2026-03-06 | 2 h"),
            Some("booked twice")
        )
    );
    let e = c
        .store
        .create_expenses(&[keyed_expense(&c, "E-1", "25.00")])
        .unwrap()[0];
    assert!(matches!(
        c.store.delete_expense(e, 9, None),
        Err(StoreError::Stale { .. })
    ));
    c.store.delete_expense(e, 1, None).unwrap();
    let last = c.store.history_of("expense", e).unwrap().pop().unwrap();
    assert_eq!(last.old.as_deref(), Some("2026-03-12 | Taxi | 25.00 EUR"));
    c.assert_sound();
}

#[test]
fn an_expense_is_in_its_projects_currency() {
    let mut c = Company::new();
    assert_eq!(
        invalid(
            c.store
                .create_expenses(&[keyed_expense(&c, "E-1", "12.345")])
        ),
        (
            MasterField::Amount,
            "12.345: EUR allows at most 2 decimals".into()
        )
    );
    assert_eq!(
        invalid(c.store.create_expenses(&[keyed_expense(&c, "E-1", "-5")])),
        (MasterField::Amount, "the amount cannot be negative".into())
    );
    let id = c
        .store
        .create_expenses(&[keyed_expense(&c, "E-1", "12.30")])
        .unwrap()[0];
    let e = c.store.expense(id).unwrap();
    assert_eq!((e.amount, e.currency.code()), (d("12.30"), "EUR"));
    // Moved to Globex's project: the amount is now in dollars.
    let mut moved = e.input();
    moved.project_id = c.u1;
    moved.amount = d("13.40");
    assert_eq!(
        c.store.update_expense(id, 1, &moved, None).unwrap(),
        ["project_id", "amount"]
    );
    let e = c.store.expense(id).unwrap();
    assert_eq!((e.amount, e.currency.code()), (d("13.40"), "USD"));
    c.assert_sound();
}

#[test]
fn an_import_upserts_time_and_expenses_by_their_key() {
    let mut c = Company::new();
    let file = Some("import time.csv");
    let mut no_key = tracked(&c, "T-1", "2");
    no_key.ext_key = None;
    let (field, message) = invalid(c.store.write(Action::EditMasterData, |w| {
        upsert_time_report(w, &no_key, file)
    }));
    assert_eq!(field, MasterField::ExtKey);
    assert!(
        message.contains("importing it again updates it"),
        "{message}"
    );

    let row = tracked(&c, "T-1", "2");
    let first = c
        .store
        .write(Action::EditMasterData, |w| {
            upsert_time_report(w, &row, file)
        })
        .unwrap();
    let Upserted::New(id) = first else {
        panic!("{first:?}")
    };
    assert_eq!(
        c.store.history_of("time_report", id).unwrap()[0]
            .reason
            .as_deref(),
        file
    );
    let rows = history_rows(&c);
    let second = c
        .store
        .write(Action::EditMasterData, |w| {
            upsert_time_report(w, &row, file)
        })
        .unwrap();
    assert_eq!(second, Upserted::Unchanged(id));
    assert_eq!(history_rows(&c), rows);
    assert_eq!(c.store.time_report_by_key("T-1").unwrap().unwrap().id, id);

    let spent = keyed_expense(&c, "E-1", "25.00");
    let Upserted::New(e) = c
        .store
        .write(Action::EditMasterData, |w| upsert_expense(w, &spent, file))
        .unwrap()
    else {
        panic!("a new expense")
    };
    let mut dearer = spent.clone();
    dearer.amount = d("27.5");
    let changed = c
        .store
        .write(Action::EditMasterData, |w| {
            Ok((
                upsert_expense(w, &dearer, file)?,
                upsert_expense(w, &dearer, file)?,
            ))
        })
        .unwrap();
    assert_eq!(
        changed,
        (Upserted::Changed(e, vec!["amount"]), Upserted::Unchanged(e))
    );
    assert_eq!(
        c.store.expense_by_key("E-1").unwrap().unwrap().amount,
        d("27.5")
    );
    c.assert_sound();
}
