//! Accounts and price lists as master data: created checked and trimmed, edited at the version
//! a user saw (one history row per changed field, with the reason), refused naming the field,
//! and upserted by an import: found by key, else by name; the same row twice changes nothing.

use crate::support;

use finctl::domain::master_field::MasterField;
use finctl::domain::rights::{Action, Role};
use finctl::store::StoreError;
use finctl::store::accounts::{AccountInput, upsert_account};
use finctl::store::master_data::Upserted;
use finctl::store::price_lists::{PriceListInput, upsert_price_list};
use support::store::*;
use support::*;

fn history_rows(c: &Company) -> i64 {
    count(
        &c.store,
        "SELECT count(*) FROM change_history WHERE ?1 = ?1",
        0,
    )
}

/// The field and message of a refusal about one field of master data.
fn invalid<T: std::fmt::Debug>(r: Result<T, StoreError>) -> (MasterField, String) {
    match r {
        Err(StoreError::Invalid { field, message }) => (field, message),
        other => panic!("expected a refused field, got {other:?}"),
    }
}

/// A way to spoil a sound account, the field refused and the refusal.
type Case = (fn(&mut AccountInput), MasterField, &'static str);

fn initech() -> AccountInput {
    AccountInput {
        ext_key: Some("CRM-7".into()),
        name: " Initech Oy ".into(),
        billing_contact: "Accounts Payable".into(),
        email: "ap@initech.example".into(),
        address_line1: "Kaivokatu 1".into(),
        address_line2: "Floor 3".into(),
        postcode: "00100".into(),
        city: "Helsinki".into(),
        country_code: "fi".into(),
        vat_id: "FI87654321".into(),
        currency: "eur".into(),
        payment_terms_days: 21,
        business_unit: "Digital".into(),
    }
}

#[test]
fn an_account_is_created_checked_and_trimmed() {
    let mut c = Company::new();
    let id = c.store.create_account(&initech()).unwrap();
    let a = c.store.account(id).unwrap();
    assert_eq!(a.name, "Initech Oy");
    assert_eq!((a.country_code.as_str(), a.currency.code()), ("FI", "EUR"));
    assert_eq!(a.address, "Kaivokatu 1, Floor 3, 00100 Helsinki, FI");
    assert_eq!(a.ext_key.as_deref(), Some("CRM-7"));
    assert_eq!(a.version, 1);
    let h = c.store.history_of("account", id).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!((h[0].field.as_str(), h[0].version), ("created", 1));
    let created: serde_json::Value = serde_json::from_str(h[0].new.as_deref().unwrap()).unwrap();
    assert_eq!(created["name"], "Initech Oy");
    assert_eq!(created["email"], "ap@initech.example");
    assert_eq!(created["ext_key"], "CRM-7");
    // The hand-off sends the parts, line 2 included.
    let buyer = c.store.handoff_buyer(id).unwrap();
    assert_eq!(buyer.parts, a.address_parts());
    assert_eq!(buyer.email, "ap@initech.example");
    c.assert_sound();
}

#[test]
fn each_refusal_names_its_field_and_writes_nothing() {
    let mut c = Company::new();
    let rows = history_rows(&c);
    let cases: [Case; 7] = [
        (
            |a| a.name = "  ".into(),
            MasterField::Name,
            "the name cannot be empty",
        ),
        (
            |a| a.name = "acme".into(),
            MasterField::Name,
            "an account named \"Acme\" exists already",
        ),
        (
            |a| a.email = "ap(at)initech".into(),
            MasterField::Email,
            "\"ap(at)initech\" is not an email address",
        ),
        (
            |a| a.country_code = "Finland".into(),
            MasterField::CountryCode,
            "\"Finland\" is not a country code: use two letters, e.g. FI",
        ),
        (
            |a| a.currency = "FIM".into(),
            MasterField::Currency,
            "unknown currency \"FIM\"",
        ),
        (
            |a| a.payment_terms_days = -1,
            MasterField::PaymentTerms,
            "payment terms of -1 days: use 0 to 365 days",
        ),
        (
            |a| a.ext_key = Some(" ".into()),
            MasterField::ExtKey,
            "the external key cannot be empty",
        ),
    ];
    for (spoil, field, message) in cases {
        let mut a = initech();
        spoil(&mut a);
        assert_eq!(
            invalid(c.store.create_account(&a)),
            (field, message.to_string())
        );
    }
    assert_eq!(history_rows(&c), rows, "refusals write nothing");
}

#[test]
fn an_edit_records_each_changed_field_with_its_reason() {
    let mut c = Company::new();
    let id = c.store.create_account(&initech()).unwrap();
    let before = c.store.account(id).unwrap();
    let mut edit = before.input();
    edit.city = "Espoo".into();
    edit.postcode = "02100".into();
    edit.payment_terms_days = 30;
    let changed = c
        .store
        .update_account(id, before.version, &edit, Some("moved offices"))
        .unwrap();
    assert_eq!(changed, ["postcode", "city", "payment_terms_days"]);
    let after = c.store.account(id).unwrap();
    assert_eq!(after.version, 2);
    assert_eq!(after.address, "Kaivokatu 1, Floor 3, 02100 Espoo, FI");
    let h = c.store.history_of("account", id).unwrap();
    let rows: Vec<_> = h[1..]
        .iter()
        .map(|h| {
            (
                h.version,
                h.field.as_str(),
                h.old.as_deref(),
                h.new.as_deref(),
                h.reason.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                2,
                "postcode",
                Some("00100"),
                Some("02100"),
                Some("moved offices")
            ),
            (
                2,
                "city",
                Some("Helsinki"),
                Some("Espoo"),
                Some("moved offices")
            ),
            (
                2,
                "payment_terms_days",
                Some("21"),
                Some("30"),
                Some("moved offices")
            ),
        ]
    );
    // The same values again: nothing to write, no version, no history.
    let again = c.store.update_account(id, 2, &edit, None).unwrap();
    assert!(again.is_empty());
    assert_eq!(c.store.account(id).unwrap().version, 2);
    assert_eq!(c.store.history_of("account", id).unwrap().len(), 4);
    // A key is set once and never changes to another.
    let mut rekeyed = edit.clone();
    rekeyed.ext_key = Some("CRM-8".into());
    let (field, message) = invalid(c.store.update_account(id, 2, &rekeyed, None));
    assert_eq!(field, MasterField::ExtKey);
    assert!(message.contains("a key never changes"), "{message}");
    // An input without a key leaves the stored one.
    rekeyed.ext_key = None;
    assert!(
        c.store
            .update_account(id, 2, &rekeyed, None)
            .unwrap()
            .is_empty()
    );
    c.assert_sound();
}

#[test]
fn a_stale_edit_names_who_changed_the_account_and_when() {
    let mut c = Company::new();
    let mut fay = c.user("fay", Role::Finance);
    let seen = c.store.account(c.acme).unwrap();
    let mut mine = seen.input();
    mine.vat_id = "FI11111111".into();
    fay.update_account(c.acme, seen.version, &mine, None)
        .unwrap();
    let mut theirs = seen.input();
    theirs.email = "ap@acme.example".into();
    match c.store.update_account(c.acme, seen.version, &theirs, None) {
        Err(StoreError::Stale { object, id, by, at }) => {
            assert_eq!((object, id, by.as_str()), ("account", c.acme, "fay"));
            assert_eq!(at, c.store.account(c.acme).unwrap().updated_at);
        }
        other => panic!("expected a stale refusal, got {other:?}"),
    }
    // Even the same values seen at an old version are stale: the user saw another account.
    assert!(matches!(
        c.store.update_account(c.acme, seen.version, &mine, None),
        Err(StoreError::Stale { .. })
    ));
    assert_eq!(c.store.account(c.acme).unwrap().email, "");
}

#[test]
fn an_import_upserts_by_key_else_by_name_and_twice_changes_nothing() {
    let mut c = Company::new();
    let file = Some("import accounts.csv");
    let first = c
        .store
        .write(Action::EditMasterData, |w| {
            upsert_account(w, &initech(), file)
        })
        .unwrap();
    let Upserted::New(id) = first else {
        panic!("{first:?}")
    };
    let history = c.store.history_of("account", id).unwrap();
    assert_eq!(history[0].reason.as_deref(), file);
    let rows = history_rows(&c);
    let second = c
        .store
        .write(Action::EditMasterData, |w| {
            upsert_account(w, &initech(), file)
        })
        .unwrap();
    assert_eq!(second, Upserted::Unchanged(id));
    assert_eq!(history_rows(&c), rows, "an unchanged row writes nothing");
    assert_eq!(c.store.account(id).unwrap().version, 1);

    // Renamed in the source system: found by its key.
    let mut renamed = initech();
    renamed.name = "Initech Group".into();
    let third = c
        .store
        .write(Action::EditMasterData, |w| {
            upsert_account(w, &renamed, file)
        })
        .unwrap();
    assert_eq!(third, Upserted::Changed(id, vec!["name"]));
    let last = c.store.history_of("account", id).unwrap().pop().unwrap();
    assert_eq!(
        (
            last.old.as_deref(),
            last.new.as_deref(),
            last.reason.as_deref()
        ),
        (Some("Initech Oy"), Some("Initech Group"), file)
    );

    // An account made by hand is found by its name (any case) and gets its key.
    let mut acme = c.store.account(c.acme).unwrap().input();
    acme.name = "ACME".into();
    acme.ext_key = Some("CRM-1".into());
    let found = c
        .store
        .write(Action::EditMasterData, |w| upsert_account(w, &acme, file))
        .unwrap();
    assert_eq!(found, Upserted::Changed(c.acme, vec!["ext_key", "name"]));
    assert_eq!(
        c.store.account_by_key("CRM-1").unwrap().map(|a| a.id),
        Some(c.acme)
    );
    assert_eq!(
        c.store.account_by_name("acme").unwrap().map(|a| a.id),
        Some(c.acme)
    );
    // Another key for the account of that name is another account: refused, not merged.
    acme.ext_key = Some("CRM-99".into());
    let (field, _) = invalid(
        c.store
            .write(Action::EditMasterData, |w| upsert_account(w, &acme, file)),
    );
    assert_eq!(field, MasterField::ExtKey);
    c.assert_sound();
}

#[test]
fn an_import_is_all_or_nothing() {
    let mut c = Company::new();
    let rows = history_rows(&c);
    let mut bad = initech();
    bad.name = "Umbrella".into();
    bad.ext_key = Some("CRM-9".into());
    bad.country_code = "XYZ".into();
    let err = c
        .store
        .write(Action::EditMasterData, |w| {
            upsert_account(w, &initech(), Some("import a.csv"))?;
            upsert_account(w, &bad, Some("import a.csv"))
        })
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Invalid {
            field: MasterField::CountryCode,
            ..
        }
    ));
    assert_eq!(c.store.account_by_key("CRM-7").unwrap(), None);
    assert_eq!(history_rows(&c), rows);
}

fn standard() -> PriceListInput {
    PriceListInput {
        ext_key: Some("PL-1".into()),
        name: "Standard 2027".into(),
        currency: "EUR".into(),
        rates: vec![rate("dev", None, "100"), rate("pm", None, "120")],
    }
}

#[test]
fn a_price_list_keeps_its_rates_and_their_history() {
    let mut c = Company::new();
    let id = c.store.create_price_list(&standard()).unwrap();
    let list = c.store.price_list(id).unwrap();
    assert_eq!(list.rates, standard().rates);
    let created = &c.store.history_of("price_list", id).unwrap()[0];
    assert!(created.new.as_deref().unwrap().contains("dev 100; pm 120"));

    let mut edit = list.input();
    edit.rates.push(rate("dev", Some("bob"), "110.50"));
    edit.rates[0].rate = d("105");
    let changed = c
        .store
        .update_price_list(id, list.version, &edit, Some("2027 rates"))
        .unwrap();
    assert_eq!(changed, ["rates"]);
    let after = c.store.price_list(id).unwrap();
    assert_eq!(
        after.rates,
        [
            rate("dev", None, "105"),
            rate("dev", Some("bob"), "110.5"),
            rate("pm", None, "120")
        ]
    );
    let h = c.store.history_of("price_list", id).unwrap().pop().unwrap();
    assert_eq!(
        (h.old.as_deref(), h.new.as_deref(), h.reason.as_deref()),
        (
            Some("dev 100; pm 120"),
            Some("dev 105; dev/bob 110.5; pm 120"),
            Some("2027 rates")
        )
    );
    // Two rates for one role and person are refused, naming the rates.
    let mut twice = after.input();
    twice.rates.push(rate("pm", None, "125"));
    assert_eq!(
        invalid(c.store.update_price_list(id, after.version, &twice, None)),
        (MasterField::Rates, "two rates for pm".into())
    );
    // The same list from an import twice: unchanged, found by key.
    let again = c
        .store
        .write(Action::EditMasterData, |w| {
            upsert_price_list(w, &after.input(), Some("import lists.csv"))
        })
        .unwrap();
    assert_eq!(again, Upserted::Unchanged(id));
    c.assert_sound();
}

#[test]
fn a_price_list_in_use_keeps_its_currency() {
    let mut c = Company::new();
    let list = c.store.price_list(c.price_list).unwrap();
    let mut usd = list.input();
    usd.currency = "USD".into();
    assert_eq!(
        invalid(
            c.store
                .update_price_list(c.price_list, list.version, &usd, None)
        ),
        (
            MasterField::Currency,
            "price list Standard 2026 prices 3 projects in EUR: its currency stays EUR".into()
        )
    );
    // An unused list may change its currency; its name stays unique in any case.
    let id = c.store.create_price_list(&standard()).unwrap();
    let mut other = standard();
    other.currency = "USD".into();
    assert_eq!(
        c.store.update_price_list(id, 1, &other, None).unwrap(),
        ["currency"]
    );
    let mut clash = standard();
    clash.ext_key = None;
    clash.name = "STANDARD 2026".into();
    assert_eq!(
        invalid(c.store.create_price_list(&clash)),
        (
            MasterField::Name,
            "a price list named \"Standard 2026\" exists already".into()
        )
    );
    c.assert_sound();
}
