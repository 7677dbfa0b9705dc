//! The parties of a document: the buyer's postal address from the account's parts, and the
//! electronic address (PEPPOL EndpointID) each party is reached at.

use crate::domain::account::{AddressParts, split_address};

/// A postal address as UBL wants it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub street: String,
    /// The second address line (UBL `AdditionalStreetName`), often empty.
    pub additional_street: String,
    pub city: String,
    pub postcode: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

/// The address of an account's parts; without a country the buyer is taken to be in
/// `default_country` (the seller's).
pub fn address_of(parts: &AddressParts, default_country: &str) -> Address {
    let country = match parts.country.trim() {
        "" => default_country.to_string(),
        c => c.to_ascii_uppercase(),
    };
    Address {
        street: parts.line1.trim().to_string(),
        additional_street: parts.line2.trim().to_string(),
        city: parts.city.trim().to_string(),
        postcode: parts.postcode.trim().to_string(),
        country,
    }
}

/// Splits a one-line address, written `street, postcode city, CC` (the postcode and the
/// country may be missing: `110 Market Street, Springfield, US`), by
/// `domain::account::split_address`; without a country at the end the buyer is taken to be in
/// `default_country` (the seller's).
pub fn parse_address(text: &str, default_country: &str) -> Address {
    address_of(&split_address(text), default_country)
}

/// The PEPPOL electronic address scheme (EAS) of VAT identifiers, by the VAT id's country
/// prefix. Countries whose VAT number has no scheme of its own in the EAS list are absent.
const VAT_SCHEMES: &[(&str, &str)] = &[
    ("AT", "9914"),
    ("BE", "9925"),
    ("BG", "9926"),
    ("CH", "9927"),
    ("CY", "9928"),
    ("CZ", "9929"),
    ("DE", "9930"),
    ("EE", "9931"),
    ("EL", "9933"),
    ("ES", "9920"),
    ("FI", "0213"),
    ("FR", "9957"),
    ("GB", "9932"),
    ("GR", "9933"),
    ("HR", "9934"),
    ("HU", "9910"),
    ("IE", "9935"),
    ("LT", "9937"),
    ("LU", "9938"),
    ("LV", "9939"),
    ("MT", "9943"),
    ("NL", "9944"),
    ("PL", "9945"),
    ("PT", "9946"),
    ("RO", "9947"),
    ("SI", "9949"),
    ("SK", "9950"),
];

/// The US Employer Identification Number scheme.
const US_EIN: &str = "9959";

/// An electronic address: scheme (EAS code) and identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub scheme: &'static str,
    pub id: String,
}

/// The electronic address of a party known by its VAT identifier, if its country has a VAT
/// scheme.
pub fn vat_endpoint(vat_id: &str) -> Option<Endpoint> {
    let vat_id = vat_id.trim();
    let prefix = vat_id.get(..2)?.to_ascii_uppercase();
    VAT_SCHEMES
        .iter()
        .find(|(c, _)| *c == prefix)
        .map(|(_, scheme)| Endpoint {
            scheme,
            id: vat_id.to_string(),
        })
}

/// The buyer's electronic address: its VAT identifier where it has one of a known scheme. A
/// buyer in the United States (no VAT) is addressed by its EIN when the account's VAT field
/// holds one, else by its customer key in finctl under the EIN scheme: PEPPOL requires an
/// address, the ERP that receives the hand-off matches customers by it, and no registry knows
/// these customers by anything else we hold.
pub fn buyer_endpoint(vat_id: &str, country: &str, account_id: i64) -> Option<Endpoint> {
    if let Some(e) = vat_endpoint(vat_id) {
        return Some(e);
    }
    if country != "US" {
        return None;
    }
    let id = match vat_id.trim() {
        "" => format!("FINCTL-ACCOUNT-{account_id}"),
        ein => ein.to_string(),
    };
    Some(Endpoint { scheme: US_EIN, id })
}

/// Member states of the European Union (VAT area), for the VAT category of a 0 % line.
const EU: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

pub fn in_eu(country: &str) -> bool {
    EU.contains(&country)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        let a = parse_address("Esplanadi 10, 00100 Helsinki, FI", "SE");
        assert_eq!(
            (
                a.street.as_str(),
                a.postcode.as_str(),
                a.city.as_str(),
                a.country.as_str()
            ),
            ("Esplanadi 10", "00100", "Helsinki", "FI")
        );
        let a = parse_address("110 Market Street, Springfield, US", "FI");
        assert_eq!(
            (
                a.street.as_str(),
                a.postcode.as_str(),
                a.city.as_str(),
                a.country.as_str()
            ),
            ("110 Market Street", "", "Springfield", "US")
        );
        let a = parse_address("Kaivokatu 1, 00100 Helsinki", "FI");
        assert_eq!((a.city.as_str(), a.country.as_str()), ("Helsinki", "FI"));
        let a = parse_address("", "FI");
        assert_eq!((a.street.as_str(), a.country.as_str()), ("", "FI"));
        let parts = AddressParts {
            line1: "Unit 4".into(),
            line2: "Harbour Road 2".into(),
            postcode: "0150".into(),
            city: "Oslo".into(),
            country: "no".into(),
        };
        let a = address_of(&parts, "FI");
        assert_eq!(
            (
                a.street.as_str(),
                a.additional_street.as_str(),
                a.postcode.as_str(),
                a.city.as_str(),
                a.country.as_str()
            ),
            ("Unit 4", "Harbour Road 2", "0150", "Oslo", "NO")
        );
        assert_eq!(address_of(&AddressParts::default(), "FI").country, "FI");
        // The parts a one-line address splits into give the address it always gave.
        let line = "Esplanadi 10, 00100 Helsinki, FI";
        assert_eq!(
            address_of(&split_address(line), "SE"),
            parse_address(line, "SE")
        );
    }

    #[test]
    fn endpoints() {
        assert_eq!(
            vat_endpoint("FI27818141"),
            Some(Endpoint {
                scheme: "0213",
                id: "FI27818141".into()
            })
        );
        assert_eq!(vat_endpoint("SE556036079301"), None);
        assert_eq!(buyer_endpoint("", "US", 7).unwrap().id, "FINCTL-ACCOUNT-7");
        assert_eq!(buyer_endpoint("", "FI", 7), None);
    }
}
