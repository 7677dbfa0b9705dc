//! Master data from screen 7, keyboard only: accounts, projects (new, edit, launch, close), price
//! lists with rates, a project's own rates and its milestones; each saved with history, refusals
//! beside their field with what was typed kept, and roles refused at the key.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::form::Form;
use finctl::app::projects::{ProjectMilestones, Projects};
use finctl::app::{App, Overlay};
use finctl::domain::project::ProjectStatus;
use finctl::domain::rights::Role;
use finctl::store::Store;
use support::console::*;
use support::d;

fn form(app: &App) -> &Form {
    match app.overlays.last() {
        Some(Overlay::Form(top)) => &top.form,
        _ => panic!("expected a form; status: {}", app.status.text()),
    }
}

fn projects(app: &App) -> &Projects {
    app.screens.get::<Projects>().expect("the projects screen")
}

/// Moves the focus to the field `label` of the top form (Tab wraps around).
fn to_field(app: &mut App, label: &str) {
    for _ in 0..30 {
        if form(app).focused().is_some_and(|f| f.label == label) {
            return;
        }
        key(app, KeyCode::Tab);
    }
    panic!("no field {label}");
}

/// Types `text` into the field `label`, replacing what it held.
fn set(app: &mut App, label: &str, text: &str) {
    to_field(app, label);
    key(app, KeyCode::End);
    backspace(app, 80);
    typ(app, text);
    // A picker's list opened by typing closes without taking anything.
    if form(app).focused().is_some_and(|f| f.list.open) {
        key(app, KeyCode::Esc);
    }
}

/// Puts the cursor of the projects list on the project with this code.
fn seek_project(app: &mut App, code: &str) {
    ch(app, 'g');
    for _ in 0..100 {
        if projects(app).view.current().is_some_and(|r| r.code == code) {
            return;
        }
        ch(app, 'j');
    }
    panic!("no project {code}");
}

#[test]
fn a_new_account_and_a_new_project_on_it_then_launched() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '7');
    // a: which account? A name no account has makes a new one.
    ch(app, 'a');
    set(app, "Account", "Nordlicht Studios");
    key(app, KeyCode::Enter);
    assert_eq!(form(app).title, "New account");
    assert_eq!(form(app).value("Name"), "Nordlicht Studios");
    set(app, "Billing contact", "Ada Berg");
    set(app, "Email", "billing@nordlicht.example");
    set(app, "Address line 1", "Hafenstrasse 5");
    set(app, "Postcode", "20457");
    set(app, "City", "Hamburg");
    set(app, "Country code", "de");
    set(app, "VAT id", "DE123456789");
    set(app, "Payment terms (days)", "14");
    ctrl(app, 's');
    assert!(app.overlays.is_empty(), "{}", status_text(app));
    assert_eq!(status_text(app), "account Nordlicht Studios created");
    let account = app
        .store()
        .account_by_name("Nordlicht Studios")
        .unwrap()
        .expect("the account");
    assert_eq!(account.city, "Hamburg");
    assert_eq!(account.country_code, "DE", "upper-cased by the rule");
    assert_eq!(account.payment_terms_days, 14);

    // n: the project, its account chosen with the picker.
    ch(app, 'n');
    set(app, "Code", "P-9001");
    set(app, "Name", "Studio website");
    to_field(app, "Account");
    typ(app, "nordl");
    assert_eq!(
        form(app).focused().unwrap().list.options.len(),
        1,
        "the picker narrows to the new account"
    );
    key(app, KeyCode::Enter);
    assert_eq!(form(app).value("Account"), "Nordlicht Studios");
    set(app, "Start date", "2026-12-01");
    ctrl(app, 's');
    assert!(app.overlays.is_empty(), "{}", status_text(app));
    assert_eq!(status_text(app), "project P-9001 created (planned)");
    let project = app
        .store()
        .find_project(None, "P-9001")
        .unwrap()
        .expect("the project");
    assert_eq!(project.account_id, account.id);
    assert_eq!(project.currency.code(), "EUR", "the account's");
    assert_eq!(project.status, ProjectStatus::Planned);
    assert_eq!(project.manager, USER, "the user, until changed");

    // L asks, y launches; the change is in the history.
    seek_project(app, "P-9001");
    ch(app, 'L');
    assert!(matches!(app.overlays.last(), Some(Overlay::Dialog(_))));
    ch(app, 'y');
    assert_eq!(status_text(app), "project P-9001 launched");
    assert_eq!(
        app.store().project(project.id).unwrap().status,
        ProjectStatus::Launched
    );
    let history = app.store().history_of("project", project.id).unwrap();
    assert!(
        history
            .iter()
            .any(|c| c.field == "status" && c.new.as_deref() == Some("launched")),
        "{history:?}"
    );
    assert_eq!(
        projects(app).view.current().map(|r| r.code.as_str()),
        Some("P-9001"),
        "the cursor stays on the project acted on"
    );
    // L again: refused at the key.
    ch(app, 'L');
    assert!(app.overlays.is_empty());
    assert_eq!(status_text(app), "project P-9001 is launched already");
}

#[test]
fn a_refusal_goes_beside_its_field_and_the_form_keeps_what_was_typed() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '7');
    ch(app, 'a');
    set(app, "Account", "Typo GmbH");
    key(app, KeyCode::Enter);
    set(app, "Email", "not an address");
    set(app, "Payment terms (days)", "30");
    ctrl(app, 's');
    let f = form(app);
    assert_eq!(f.title, "New account", "the form stays");
    assert!(
        f.field("Email").unwrap().error.is_some(),
        "the refusal is beside the email"
    );
    assert_eq!(f.value("Email"), "not an address");
    assert_eq!(f.focused().unwrap().label, "Email");
    assert!(app.store().account_by_name("Typo GmbH").unwrap().is_none());
    // Days that are not a whole number: beside the field too.
    set(app, "Email", "");
    set(app, "Payment terms (days)", "two weeks");
    ctrl(app, 's');
    assert!(
        form(app)
            .field("Payment terms (days)")
            .unwrap()
            .error
            .as_deref()
            .is_some_and(|e| e.contains("whole number")),
    );
}

#[test]
fn editing_a_project_changes_only_what_was_typed_with_history() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '7');
    let row = projects(app).view.current().cloned().unwrap();
    ch(app, 'e');
    assert_eq!(form(app).title, format!("Project {}", row.code));
    assert_eq!(form(app).value("Account"), row.account);
    set(app, "Name", "Renamed rollout");
    ctrl(app, 's');
    assert!(app.overlays.is_empty(), "{}", status_text(app));
    assert!(status_text(app).contains("saved"), "{}", status_text(app));
    let p = app.store().project(row.id).unwrap();
    assert_eq!(p.name, "Renamed rollout");
    assert_eq!(p.manager, row.manager, "untouched");
    let history = app.store().history_of("project", row.id).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.field, "name");
    assert_eq!(last.user, USER);
    assert_eq!(
        projects(app).view.current().map(|r| r.name.as_str()),
        Some("Renamed rollout"),
        "the list shows it at once"
    );
}

#[test]
fn closing_a_project_with_items_waiting_is_refused_with_the_count() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '7');
    let row = projects(app).view.current().cloned().unwrap();
    assert!(row.open.amount > d("0"), "P-0001 has open items");
    ch(app, 'C');
    ch(app, 'y');
    assert!(
        status_text(app).contains("not invoiced yet"),
        "{}",
        status_text(app)
    );
    assert_eq!(
        app.store().project(row.id).unwrap().status,
        ProjectStatus::Launched
    );
}

#[test]
fn a_price_list_with_rates_and_a_projects_own_rates() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '7');
    ch(app, 'l');
    set(app, "Price list", "Rates 2027");
    key(app, KeyCode::Enter);
    assert_eq!(form(app).title, "New price list");
    to_field(app, "Rates (role; person; rate)");
    typ(app, "dev; 100");
    key(app, KeyCode::Enter);
    typ(app, "dev bob 110");
    ctrl(app, 's');
    assert_eq!(
        form(app)
            .field("Rates (role; person; rate)")
            .unwrap()
            .error
            .as_deref(),
        Some("line 2: write role; rate or role; person; rate")
    );
    assert!(
        form(app)
            .value("Rates (role; person; rate)")
            .ends_with("dev bob 110"),
        "kept as typed"
    );
    backspace(app, 11);
    typ(app, "dev; bob; 110.50");
    ctrl(app, 's');
    assert!(app.overlays.is_empty(), "{}", status_text(app));
    let list = app
        .store()
        .price_list_by_name("Rates 2027")
        .unwrap()
        .expect("the list");
    assert_eq!(list.rates.len(), 2);
    assert_eq!(list.rates[1].person.as_deref(), Some("bob"));
    assert_eq!(list.rates[1].rate, d("110.50"));

    // r: the project's own rates.
    let row = projects(app).view.current().cloned().unwrap();
    ch(app, 'r');
    to_field(app, "Rates (role; person; rate)");
    // Down moves inside the text: to its last line, its end, and a new line.
    for _ in 0..20 {
        key(app, KeyCode::Down);
    }
    key(app, KeyCode::End);
    key(app, KeyCode::Enter);
    typ(app, "architect; 150");
    ctrl(app, 's');
    assert!(app.overlays.is_empty(), "{}", status_text(app));
    let p = app.store().project(row.id).unwrap();
    assert!(
        p.rates
            .iter()
            .any(|r| r.role == "architect" && r.rate == d("150")),
        "{:?}",
        p.rates
    );
}

#[test]
fn milestones_of_a_project_new_edit_with_items_following_and_delete() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '7');
    let row = projects(app).view.current().cloned().unwrap();
    ch(app, 'M');
    let before = app.top_view::<ProjectMilestones>().unwrap().rows.len();
    ch(app, 'n');
    set(app, "Code", "M9");
    set(app, "Name", "Handover");
    set(app, "Due date", "2027-02-15");
    ctrl(app, 's');
    assert_eq!(status_text(app), "milestone M9 created");
    let view = app.top_view::<ProjectMilestones>().unwrap();
    assert_eq!(view.rows.len(), before + 1, "the view shows it at once");
    let m9 = view.rows.iter().find(|m| m.code == "M9").unwrap().clone();

    // An open item of the milestone, five days after its due date.
    let item = {
        let mut store = Store::open(&f.path, USER).unwrap();
        let new = finctl::store::revenue_items::NewRevenueItem {
            project_id: row.id,
            milestone_id: Some(m9.id),
            name: "Handover fee".into(),
            item_type: "Services".into(),
            billing_rule: finctl::domain::billing_rule::BillingRule::Milestone,
            unit_price: None,
            planned_amount: d("900.00"),
            planned_invoice_date: support::date(2027, 2, 20),
            status: finctl::domain::revenue_status::RevenueStatus::Open,
            vat_rate: d("24"),
            invoice_description: String::new(),
            internal_description: String::new(),
            origin: finctl::domain::revenue_status::Origin::Milestone,
        };
        store.create_revenue_items(&[new]).unwrap()[0]
    };
    key(app, KeyCode::Esc);
    ch(app, 'M');
    let at = app
        .top_view::<ProjectMilestones>()
        .unwrap()
        .rows
        .iter()
        .position(|m| m.code == "M9")
        .unwrap();
    for _ in 0..at {
        ch(app, 'j');
    }
    // Delete is refused at the key while the item refers to it.
    key(app, KeyCode::Delete);
    assert!(
        status_text(app).contains("cannot be deleted"),
        "{}",
        status_text(app)
    );
    // A new due date moves the item by as many days.
    ch(app, 'e');
    set(app, "Due date", "2027-03-01");
    ctrl(app, 's');
    assert!(status_text(app).contains("saved"), "{}", status_text(app));
    let moved = app.store().revenue_item(item).unwrap();
    assert_eq!(moved.planned_invoice_date, support::date(2027, 3, 6));
    assert_eq!(
        app.top_view::<ProjectMilestones>()
            .unwrap()
            .current()
            .map(|m| m.code.as_str()),
        Some("M9"),
        "the cursor stays on the milestone edited"
    );

    // A milestone nothing refers to: Delete asks, y deletes.
    ch(app, 'n');
    set(app, "Code", "M10");
    set(app, "Name", "Spare");
    set(app, "Due date", "2027-04-01");
    ctrl(app, 's');
    let at = app
        .top_view::<ProjectMilestones>()
        .unwrap()
        .rows
        .iter()
        .position(|m| m.code == "M10")
        .unwrap();
    ch(app, 'g');
    for _ in 0..at {
        ch(app, 'j');
    }
    key(app, KeyCode::Delete);
    assert!(matches!(app.overlays.last(), Some(Overlay::Dialog(_))));
    ch(app, 'y');
    assert_eq!(status_text(app), "milestone M10 deleted");
    assert_eq!(
        app.top_view::<ProjectMilestones>().unwrap().rows.len(),
        before + 1
    );
}

#[test]
fn roles_are_refused_at_the_key() {
    let (_dir, path, mut store) = demo_store();
    store.set_role("vera", Role::Viewer).unwrap();
    store.set_role("max", Role::Manager).unwrap();
    let p1 = store
        .project_rows(&Default::default(), &finctl::store::Bound::Start, 1)
        .unwrap()
        .remove(0);
    drop(store);

    let mut viewer = app_as(&path, "vera");
    ch(&mut viewer, '7');
    for k in ['n', 'e', 'a', 'l', 'r', 'L', 'C'] {
        ch(&mut viewer, k);
        assert!(viewer.overlays.is_empty(), "{k} opened something");
        assert!(
            status_text(&viewer).contains("vera is viewer"),
            "{k}: {}",
            status_text(&viewer)
        );
    }
    // Viewers read: the overview and the milestones open.
    key(&mut viewer, KeyCode::Enter);
    assert!(viewer.overlays.len() == 1);
    key(&mut viewer, KeyCode::Esc);
    ch(&mut viewer, 'M');
    ch(&mut viewer, 'n');
    assert!(status_text(&viewer).contains("vera is viewer"));

    // A manager edits the milestones of their own projects only.
    let mut manager = app_as(&path, "max");
    ch(&mut manager, '7');
    ch(&mut manager, 'n');
    assert!(status_text(&manager).contains("only finance and admins"));
    ch(&mut manager, 'M');
    ch(&mut manager, 'n');
    assert!(
        status_text(&manager).contains(&format!("not of project {}", p1.code)),
        "{}",
        status_text(&manager)
    );
}
