//! The parties of a document: the buyer's address split out of the account's one-line address,
//! and the electronic address (PEPPOL EndpointID) each party is reached at.

/// A postal address as UBL wants it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub street: String,
    pub city: String,
    pub postcode: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

/// Splits an account's address, written `street, postcode city, CC` (the postcode and the
/// country may be missing: `110 Market Street, Springfield, US`). Without a country at the end
/// the buyer is taken to be in `default_country` (the seller's).
pub fn parse_address(text: &str, default_country: &str) -> Address {
    let mut parts: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let country = match parts.last() {
        Some(last) if last.len() == 2 && last.chars().all(|c| c.is_ascii_alphabetic()) => {
            let c = last.to_ascii_uppercase();
            parts.pop();
            c
        }
        _ => default_country.to_string(),
    };
    // The part before the country holds the city, led by the postcode when there is one
    // (a postcode has a digit: "00100", "SW1A 1AA" is left to the city).
    let (postcode, city) = match parts.len() {
        0 | 1 => (String::new(), String::new()),
        _ => {
            let place = parts.pop().unwrap_or_default();
            match place.split_once(' ') {
                Some((code, city)) if code.chars().any(|c| c.is_ascii_digit()) => {
                    (code.to_string(), city.trim().to_string())
                }
                _ => (String::new(), place.to_string()),
            }
        }
    };
    Address {
        street: parts.join(", "),
        city,
        postcode,
        country,
    }
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
