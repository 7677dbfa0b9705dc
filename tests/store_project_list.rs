//! The projects list and a project's billing overview: rows by code with their sums by status,
//! windows from any key and a filter, totals per currency; the overview's items by rule and
//! status, milestones and billed totals, which follow confirmations and credit notes.

use crate::support;

use finctl::domain::billing_rule::BillingRule;
use finctl::domain::project::ProjectStatus;
use finctl::domain::revenue_status::RevenueStatus;
use finctl::store::Bound;
use finctl::store::project_list::{ProjectFilter, ProjectRow};
use support::d;
use support::store::{Company, confirm_day};

fn all(c: &Company, text: &str) -> Vec<ProjectRow> {
    let filter = ProjectFilter { text: text.into() };
    c.store.project_rows(&filter, &Bound::Start, 100).unwrap()
}

fn codes(rows: &[ProjectRow]) -> Vec<&str> {
    rows.iter().map(|r| r.code.as_str()).collect()
}

#[test]
fn projects_by_code_with_their_sums_by_status() {
    let c = Company::new();
    let rows = all(&c, "");
    assert_eq!(codes(&rows), ["P1", "P2", "P3", "U1"]);
    let p1 = &rows[0];
    assert_eq!(p1.account, "Acme");
    assert_eq!(p1.status, ProjectStatus::Launched);
    assert_eq!(p1.milestones, 2);
    // Open: Extra 250 + the milestone item waiting for M2 400. Billable: Workshop 1000,
    // the T&M item (what it collects, 1213.45) and the reached milestone's 300.
    assert_eq!(p1.open.amount, d("650.00"));
    assert_eq!(p1.billable.amount, d("2513.45"));
    assert_eq!(p1.invoiced.amount, d("0"));
    assert_eq!(p1.open.currency.code(), "EUR");
    assert_eq!(rows[2].status, ProjectStatus::Planned);
    assert_eq!(rows[3].billable.amount, d("2000.00"));
    assert_eq!(rows[3].billable.currency.code(), "USD");
}

#[test]
fn windows_from_any_key_and_the_filter() {
    let c = Company::new();
    let f = ProjectFilter::default();
    let after = c
        .store
        .project_rows(&f, &Bound::After("P1".into()), 2)
        .unwrap();
    assert_eq!(codes(&after), ["P2", "P3"]);
    let before = c
        .store
        .project_rows(&f, &Bound::Before("U1".into()), 2)
        .unwrap();
    assert_eq!(codes(&before), ["P2", "P3"], "in list order");
    let end = c.store.project_rows(&f, &Bound::End, 1).unwrap();
    assert_eq!(codes(&end), ["U1"]);
    // Account, code or manager; wildcards are characters.
    assert_eq!(codes(&all(&c, "globex")), ["U1"]);
    assert_eq!(codes(&all(&c, "p3")), ["P3"]);
    assert!(all(&c, "%").is_empty());
}

#[test]
fn totals_count_projects_and_what_is_billable_per_currency() {
    let c = Company::new();
    let totals = c.store.project_totals(&ProjectFilter::default()).unwrap();
    let eur = totals
        .iter()
        .find(|t| t.amount.currency.code() == "EUR")
        .unwrap();
    assert_eq!(eur.count, 3);
    // P1 2513.45 + P2 500 + P3 700.
    assert_eq!(eur.amount.amount, d("3713.45"));
    let usd = totals
        .iter()
        .find(|t| t.amount.currency.code() == "USD")
        .unwrap();
    assert_eq!((usd.count, usd.amount.amount), (1, d("2000.00")));
    let acme = c
        .store
        .project_totals(&ProjectFilter { text: "P2".into() })
        .unwrap();
    assert_eq!(acme.len(), 1);
    assert_eq!((acme[0].count, acme[0].amount.amount), (1, d("500.00")));
}

#[test]
fn the_overview_follows_invoices_and_credit_notes() {
    let mut c = Company::new();
    let o = c.store.project_overview(c.p1).unwrap();
    assert_eq!(o.price_list.as_deref(), Some("Standard 2026"));
    assert_eq!(o.milestones.len(), 2);
    assert_eq!(o.milestones[0].code, "M1");
    assert!(o.milestones[0].reached.is_some());
    assert_eq!(o.milestones[1].amount.amount, d("400.00"));
    let group = |o: &finctl::store::project_overview::ProjectOverview,
                 rule: BillingRule,
                 status: RevenueStatus| {
        o.items
            .iter()
            .find(|g| g.rule == rule && g.status == status)
            .map(|g| (g.count, g.amount.amount))
    };
    assert_eq!(
        group(&o, BillingRule::Fixed, RevenueStatus::Billable),
        Some((1, d("1000.00")))
    );
    assert_eq!(
        group(&o, BillingRule::Milestone, RevenueStatus::Open),
        Some((1, d("400.00")))
    );
    assert_eq!(o.invoiced.amount, d("0"));

    let (acme, _) = c.confirmed_invoices();
    let o = c.store.project_overview(c.p1).unwrap();
    // Workshop 1000 + what the T&M item collected 1213.45 + the milestone's 300.
    assert_eq!(o.invoiced.amount, d("2513.45"));
    assert_eq!(o.on_drafts.amount, d("0"));
    assert_eq!(
        group(&o, BillingRule::TimeAndMaterials, RevenueStatus::Invoiced),
        Some((1, d("1213.45")))
    );
    let row = c.store.project_row(c.p1).unwrap();
    assert_eq!(row.invoiced.amount, d("2513.45"));

    // Credit 100.00 of the workshop's line: credited, and net billed less.
    let inv = c.store.invoice(acme).unwrap();
    let workshop_line = inv
        .lines
        .iter()
        .find(|l| l.revenue_item_id == Some(c.workshop))
        .unwrap()
        .id;
    let cn = c
        .store
        .create_credit_note(acme, Some(&[(workshop_line, d("100.00"))]), confirm_day())
        .unwrap();
    c.store.confirm(cn, confirm_day()).unwrap();
    let o = c.store.project_overview(c.p1).unwrap();
    assert_eq!(o.credited.amount, d("100.00"));
    assert_eq!(o.net_billed().amount, d("2413.45"));
    // Other projects' billing is not in it.
    let p3 = c.store.project_overview(c.p3).unwrap();
    assert_eq!(p3.invoiced.amount, d("0"));
    assert!(p3.milestones.is_empty() && p3.plan.is_empty() && p3.contract_lines.is_empty());
}

#[test]
fn a_project_that_does_not_exist_is_not_found() {
    let c = Company::new();
    assert!(matches!(
        c.store.project_overview(9999),
        Err(finctl::store::StoreError::NotFound { .. })
    ));
}
