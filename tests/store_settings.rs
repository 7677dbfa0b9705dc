//! The seller's settings in the store: the default VAT rate that new revenue items, billing
//! plans and contract lines start with (`seller.default_vat_rate`, 25.5 while it is not set).

use crate::support;

use finctl::domain::rights::Role;
use support::d;
use support::store::{Company, refused};

#[test]
fn the_default_vat_rate_is_25_5_until_the_seller_sets_one() {
    let c = Company::new();
    assert_eq!(c.store.default_vat_rate().unwrap(), d("25.5"));
    assert!(
        finctl::store::settings::KEYS
            .iter()
            .any(|(k, meaning)| *k == "seller.default_vat_rate" && meaning.contains("25.5")),
        "settings show lists the key and its fallback"
    );
}

#[test]
fn the_default_vat_rate_is_set_checked_and_cleared() {
    let mut c = Company::new();
    c.store
        .set_setting("seller.default_vat_rate", "24")
        .unwrap();
    assert_eq!(c.store.default_vat_rate().unwrap(), d("24"));
    // Written as a plain figure, `%` after it or not; stored as the figure.
    c.store
        .set_setting("seller.default_vat_rate", " 14.000% ")
        .unwrap();
    assert_eq!(c.store.default_vat_rate().unwrap(), d("14"));
    assert_eq!(
        c.store.setting_values().unwrap()["seller.default_vat_rate"],
        "14"
    );
    for bad in ["101", "-1", "25,5", "twenty", "1.0000001"] {
        let why = refused(c.store.set_setting("seller.default_vat_rate", bad));
        assert!(why.contains("VAT rate"), "{bad}: {why}");
        assert_eq!(c.store.default_vat_rate().unwrap(), d("14"), "{bad}");
    }
    // Cleared: the fallback again.
    c.store.set_setting("seller.default_vat_rate", "").unwrap();
    assert_eq!(c.store.default_vat_rate().unwrap(), d("25.5"));
    // Admins only, as every setting.
    let mut finance = c.user("fin", Role::Finance);
    assert!(
        finance
            .set_setting("seller.default_vat_rate", "10")
            .is_err()
    );
    assert_eq!(finance.default_vat_rate().unwrap(), d("25.5"));
    c.assert_sound();
}
