//! The store-level fixtures: a small services company in a fresh database file with the ids of
//! everything it made (`Company`) and the builders it is made with; the demo company in a fresh
//! file (`demo_store`); small readers of items and of the schema.

use super::{d, date, temp_db};
use chrono::NaiveDate;
use finctl::demo::{self, DemoOptions};
use finctl::domain::billing_rule::BillingRule;
use finctl::domain::rates::Rate;
use finctl::domain::revenue_status::{Origin, RevenueStatus};
use finctl::domain::rights::Role;
use finctl::store::accounts::AccountInput;
use finctl::store::milestone_edits::MilestoneInput;
use finctl::store::price_lists::PriceListInput;
use finctl::store::projects::ProjectInput;
use finctl::store::revenue_items::NewRevenueItem;
use finctl::store::time_entries::{ExpenseInput, TimeReportInput};
use finctl::store::{Store, StoreError};
use rust_decimal::Decimal;
use std::path::PathBuf;
use tempfile::TempDir;

/// The first user of every fixture database, hence its admin.
pub const ADMIN: &str = "admin";

/// The message of a refusal (of a rule, or of a rule about one field of an item or of master
/// data); panics on any other outcome.
pub fn refused<T: std::fmt::Debug>(r: Result<T, StoreError>) -> String {
    match r {
        Err(StoreError::Refused(msg)) => msg,
        Err(StoreError::Field { message, .. }) => message,
        Err(StoreError::Invalid { message, .. }) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The version of a revenue item now (what a user who just read it would hold).
pub fn version(store: &Store, item: i64) -> i64 {
    store.revenue_item(item).unwrap().version
}

/// The status of a revenue item now.
pub fn status(store: &Store, item: i64) -> RevenueStatus {
    store.revenue_item(item).unwrap().status
}

/// The one integer `sql` selects with `?1` bound to `id` (usually a `count(*)`).
pub fn count(store: &Store, sql: &str, id: i64) -> i64 {
    store.conn().query_row(sql, [id], |r| r.get(0)).unwrap()
}

/// The schema as SQLite records it, for comparing two files.
pub fn schema(conn: &rusqlite::Connection) -> Vec<(String, String, Option<String>)> {
    conn.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

pub fn pragma_i64(conn: &rusqlite::Connection, name: &str) -> i64 {
    conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .unwrap()
}

pub fn account(name: &str, currency: &str, terms: i64) -> AccountInput {
    AccountInput {
        name: name.into(),
        billing_contact: format!("Billing of {name}"),
        address_line1: "1 Main Street".into(),
        vat_id: format!("VAT-{name}"),
        currency: currency.into(),
        payment_terms_days: terms,
        business_unit: "Consulting".into(),
        ..Default::default()
    }
}

pub fn project(
    code: &str,
    account_id: i64,
    status: &str,
    price_list_id: Option<i64>,
    rates: Vec<Rate>,
) -> ProjectInput {
    ProjectInput {
        ext_key: None,
        code: code.into(),
        name: format!("Project {code}"),
        account_id,
        currency: None,
        manager: "mia".into(),
        status: status.into(),
        start_date: Some(date(2026, 1, 1)),
        estimated_progress: Decimal::ZERO,
        price_list_id,
        business_unit: String::new(),
        rates,
    }
}

pub fn rate(role: &str, person: Option<&str>, r: &str) -> Rate {
    Rate {
        role: role.into(),
        person: person.map(Into::into),
        rate: d(r),
    }
}

/// A manual fixed-price item.
pub fn fixed_item(
    project_id: i64,
    name: &str,
    amount: &str,
    vat: &str,
    status: RevenueStatus,
) -> NewRevenueItem {
    NewRevenueItem {
        project_id,
        milestone_id: None,
        name: name.into(),
        item_type: "Services".into(),
        billing_rule: BillingRule::Fixed,
        unit_price: None,
        planned_amount: d(amount),
        planned_invoice_date: date(2026, 3, 15),
        status,
        vat_rate: d(vat),
        invoice_description: format!("{name} (invoice text)"),
        internal_description: format!("{name} internal note"),
        origin: Origin::Manual,
    }
}

pub fn time_report(
    project_id: i64,
    person: &str,
    role: &str,
    day: NaiveDate,
    hours: &str,
    billable: bool,
) -> TimeReportInput {
    TimeReportInput {
        ext_key: None,
        project_id,
        person: person.into(),
        role: role.into(),
        work_date: day,
        hours: d(hours),
        billable,
        description: String::new(),
    }
}

pub fn expense(
    project_id: i64,
    day: NaiveDate,
    what: &str,
    amount: &str,
    billable: bool,
) -> ExpenseInput {
    ExpenseInput {
        ext_key: None,
        project_id,
        expense_date: day,
        description: what.into(),
        amount: d(amount),
        billable,
    }
}

/// The day the fixture makes drafts, and the day it confirms them.
pub const fn draft_day() -> NaiveDate {
    match NaiveDate::from_ymd_opt(2026, 3, 31) {
        Some(day) => day,
        None => panic!(),
    }
}

pub const fn confirm_day() -> NaiveDate {
    match NaiveDate::from_ymd_opt(2026, 4, 2) {
        Some(day) => day,
        None => panic!(),
    }
}

/// A small company:
///
/// - account Acme (EUR, 30 days) with launched projects P1 (price list, own `pm` rate) and P2,
///   and planned project P3; account Globex (USD, 14 days) with launched project U1;
/// - price list "Standard 2026" (EUR): dev 100, dev/bob 110, pm 120; P1 overrides pm with 90;
/// - billable fixed items: P1 "Workshop" 1000.00 @24%, P2 "Licences" 500.00 @10%,
///   U1 "Hosting" 2000.00 @0%, P3 "Planning" 700.00 @24% (planned project);
/// - an open fixed item on P1 "Extra" 250.00 @24%;
/// - a billable time-and-materials item on P1 planned for 2026-03-31 that collects
///   7.5h dev ann (750.00) + 2h dev bob (220.00) + 1.333333h pm cat at the project's 90
///   (119.99997 -> 120.00) + expense 123.45 = 1213.45, and leaves out non-billable time,
///   time after the planned date, P2's time and non-billable or later expenses;
/// - milestone M1 of P1 (reached) with a billable milestone item 300.00 @24%, and milestone
///   M2 (not reached) with an open milestone item 400.00 @24%.
pub struct Company {
    pub dir: TempDir,
    pub path: PathBuf,
    pub store: Store,
    pub acme: i64,
    pub globex: i64,
    pub price_list: i64,
    pub p1: i64,
    pub p2: i64,
    pub p3: i64,
    pub u1: i64,
    pub m1: i64,
    pub m2: i64,
    pub workshop: i64,
    pub licences: i64,
    pub hosting: i64,
    pub planning: i64,
    pub extra: i64,
    pub tm: i64,
    pub milestone_item: i64,
    pub waiting_item: i64,
}

/// What the time-and-materials item collects.
pub const TM_AMOUNT: &str = "1213.45";

impl Company {
    pub fn new() -> Company {
        let (dir, path) = temp_db();
        let mut store = Store::open(&path, ADMIN).expect("open new database");
        assert_eq!(store.actor().role, Role::Admin);
        let acme = store.create_account(&account("Acme", "EUR", 30)).unwrap();
        let globex = store.create_account(&account("Globex", "USD", 14)).unwrap();
        let price_list = store
            .create_price_list(&PriceListInput {
                ext_key: None,
                name: "Standard 2026".into(),
                currency: "EUR".into(),
                rates: vec![
                    rate("dev", None, "100"),
                    rate("dev", Some("bob"), "110"),
                    rate("pm", None, "120"),
                ],
            })
            .unwrap();
        let p1 = store
            .create_project(&project(
                "P1",
                acme,
                "launched",
                Some(price_list),
                vec![rate("pm", None, "90")],
            ))
            .unwrap();
        let p2 = store
            .create_project(&project("P2", acme, "launched", Some(price_list), vec![]))
            .unwrap();
        let p3 = store
            .create_project(&project("P3", acme, "planned", Some(price_list), vec![]))
            .unwrap();
        let u1 = store
            .create_project(&project("U1", globex, "launched", None, vec![]))
            .unwrap();
        let m1 = store
            .create_milestone(&MilestoneInput {
                ext_key: None,
                project_id: p1,
                code: "M1".into(),
                name: "Go-live".into(),
                due_date: date(2026, 3, 20),
                reached_at: Some("2026-03-20T10:00:00.000Z".into()),
            })
            .unwrap();
        let m2 = store
            .create_milestone(&MilestoneInput {
                ext_key: None,
                project_id: p1,
                code: "M2".into(),
                name: "Acceptance".into(),
                due_date: date(2026, 6, 30),
                reached_at: None,
            })
            .unwrap();
        use RevenueStatus::{Billable, Open};
        let mut tm = fixed_item(p1, "Consulting March", "0", "24", Billable);
        tm.billing_rule = BillingRule::TimeAndMaterials;
        tm.planned_invoice_date = date(2026, 3, 31);
        let mut milestone_item = fixed_item(p1, "Go-live fee", "300.00", "24", Billable);
        milestone_item.billing_rule = BillingRule::Milestone;
        milestone_item.milestone_id = Some(m1);
        milestone_item.origin = Origin::Milestone;
        let mut waiting_item = fixed_item(p1, "Acceptance fee", "400.00", "24", Open);
        waiting_item.billing_rule = BillingRule::Milestone;
        waiting_item.milestone_id = Some(m2);
        waiting_item.origin = Origin::Milestone;
        let ids = store
            .create_revenue_items(&[
                fixed_item(p1, "Workshop", "1000.00", "24", Billable),
                fixed_item(p2, "Licences", "500.00", "10", Billable),
                fixed_item(u1, "Hosting", "2000.00", "0", Billable),
                fixed_item(p3, "Planning", "700.00", "24", Billable),
                fixed_item(p1, "Extra", "250.00", "24", Open),
                tm,
                milestone_item,
                waiting_item,
            ])
            .unwrap();
        store
            .create_time_reports(&[
                time_report(p1, "ann", "dev", date(2026, 3, 2), "7.5", true),
                time_report(p1, "bob", "dev", date(2026, 3, 3), "2", true),
                time_report(p1, "cat", "pm", date(2026, 3, 4), "1.333333", true),
                time_report(p1, "ann", "dev", date(2026, 3, 5), "1", false),
                time_report(p1, "ann", "dev", date(2026, 4, 2), "4", true),
                time_report(p2, "ann", "dev", date(2026, 3, 2), "5", true),
            ])
            .unwrap();
        store
            .create_expenses(&[
                expense(p1, date(2026, 3, 10), "Train to Acme", "123.45", true),
                expense(p1, date(2026, 3, 11), "Team lunch", "40.00", false),
                expense(p1, date(2026, 4, 5), "Hotel", "200.00", true),
            ])
            .unwrap();
        Company {
            dir,
            path,
            store,
            acme,
            globex,
            price_list,
            p1,
            p2,
            p3,
            u1,
            m1,
            m2,
            workshop: ids[0],
            licences: ids[1],
            hosting: ids[2],
            planning: ids[3],
            extra: ids[4],
            tm: ids[5],
            milestone_item: ids[6],
            waiting_item: ids[7],
        }
    }

    /// Opens a second store on the same file for another user.
    pub fn open_as(&self, user: &str) -> Store {
        Store::open(&self.path, user).expect("open as another user")
    }

    /// Registers `user` with `role` (as the admin) and opens a store for them.
    pub fn user(&mut self, user: &str, role: Role) -> Store {
        self.store.set_role(user, role).unwrap();
        self.open_as(user)
    }

    /// The billable EUR items of Acme that go on one draft.
    pub fn acme_billable(&self) -> Vec<i64> {
        vec![self.workshop, self.tm, self.licences, self.milestone_item]
    }

    /// Makes the Acme and Globex drafts and confirms them: (acme invoice, globex invoice).
    pub fn confirmed_invoices(&mut self) -> (i64, i64) {
        let mut ids = self.acme_billable();
        ids.push(self.hosting);
        let made = self.store.make_drafts(&ids, draft_day()).unwrap();
        assert_eq!(made.invoices.len(), 2, "{made:?}");
        assert!(made.skipped.is_empty(), "{made:?}");
        let (acme, globex) = {
            let a = self.store.invoice(made.invoices[0]).unwrap();
            if a.account_id == self.acme {
                (made.invoices[0], made.invoices[1])
            } else {
                (made.invoices[1], made.invoices[0])
            }
        };
        self.store.confirm(acme, confirm_day()).unwrap();
        self.store.confirm(globex, confirm_day()).unwrap();
        (acme, globex)
    }

    pub fn assert_sound(&self) {
        let v = self.store.verify().unwrap();
        assert!(v.is_empty(), "verify found: {v:#?}");
    }
}

/// The first user of every demo database, hence its admin. Never the OS user.
pub const DEMO_USER: &str = "finance-tester";

/// The day the demo company is made around.
pub fn today() -> NaiveDate {
    date(2026, 11, 28)
}

/// The demo company (300 revenue items, seed 1, made on [`today`] by [`DEMO_USER`]) in a fresh
/// file: the folder, the file and the store on it.
pub fn demo_store() -> (TempDir, PathBuf, Store) {
    demo_store_of(300, 1)
}

/// The demo company with `revenue_items` items from `seed`, as [`demo_store`].
pub fn demo_store_of(revenue_items: u64, seed: u64) -> (TempDir, PathBuf, Store) {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path, DEMO_USER).expect("open a new database");
    let opts = DemoOptions {
        revenue_items,
        seed,
        today: today(),
    };
    demo::fill(&mut store, &opts).expect("demo fill");
    (dir, path, store)
}
