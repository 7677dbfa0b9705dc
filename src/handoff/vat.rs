//! The EN 16931 VAT category (UNCL 5305) of a rate. finctl keeps only a rate per line, so a
//! 0 % rate is told apart by where the buyer is: at home it is zero-rated (Z); outside the EU
//! it is an export (G); in another member state, to a buyer with a VAT id, it is a reverse
//! charge (AE). The categories that need one carry the exemption reason the rules ask for
//! (BR-G-10, BR-AE-10); Z must carry none (BR-Z-10).

use super::party::in_eu;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    /// UNCL 5305 code.
    pub code: &'static str,
    /// VATEX code and text, where the rules require a reason.
    pub exemption: Option<(&'static str, &'static str)>,
}

const STANDARD: Category = Category {
    code: "S",
    exemption: None,
};
const ZERO_RATED: Category = Category {
    code: "Z",
    exemption: None,
};
const EXPORT: Category = Category {
    code: "G",
    exemption: Some(("VATEX-EU-G", "Export outside the EU")),
};
const REVERSE_CHARGE: Category = Category {
    code: "AE",
    exemption: Some(("VATEX-EU-AE", "Reverse charge")),
};

/// The category of `rate` (percent) on a document from a seller in `seller_country` to a buyer
/// in `buyer_country`, who has a VAT id or not.
pub fn category(
    rate: Decimal,
    seller_country: &str,
    buyer_country: &str,
    buyer_has_vat_id: bool,
) -> Category {
    if !rate.is_zero() {
        STANDARD
    } else if buyer_country == seller_country {
        ZERO_RATED
    } else if !in_eu(buyer_country) {
        EXPORT
    } else if buyer_has_vat_id && in_eu(seller_country) {
        REVERSE_CHARGE
    } else {
        ZERO_RATED
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories() {
        let r = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(category(r("24"), "FI", "US", false).code, "S");
        assert_eq!(category(r("0"), "FI", "FI", true).code, "Z");
        assert_eq!(category(r("0.000000"), "FI", "US", false).code, "G");
        assert_eq!(category(r("0"), "FI", "DE", true).code, "AE");
        assert_eq!(category(r("0"), "FI", "DE", false).code, "Z");
        assert!(category(r("0"), "FI", "US", false).exemption.is_some());
    }
}
