//! An account (a customer) as it is created, edited or imported: the check of its fields, and
//! its postal address in parts (as UBL and the import carry it) or as the one line that
//! invoices print.

use super::master_field::{self as mf, Checked, FieldText, MasterField, some};

/// An account's fields, new or edited. Text is trimmed by [`AccountInput::checked`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountInput {
    /// The account's key in the system it comes from; `None` leaves a stored key as it is.
    pub ext_key: Option<String>,
    pub name: String,
    pub billing_contact: String,
    pub email: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postcode: String,
    pub city: String,
    /// ISO 3166-1 alpha-2; empty: the seller's country.
    pub country_code: String,
    pub vat_id: String,
    /// The currency its new projects bill in.
    pub currency: String,
    pub payment_terms_days: i64,
    pub business_unit: String,
}

impl AccountInput {
    /// The input with its text trimmed and its country code in upper case, or the first field
    /// (in the form's order) a rule refuses.
    pub fn checked(&self) -> Checked<AccountInput> {
        Ok(AccountInput {
            ext_key: mf::ext_key(self.ext_key.as_deref())?,
            name: mf::required(MasterField::Name, &self.name)?,
            billing_contact: mf::line(MasterField::BillingContact, &self.billing_contact)?,
            email: mf::email(&self.email)?,
            address_line1: mf::line(MasterField::AddressLine1, &self.address_line1)?,
            address_line2: mf::line(MasterField::AddressLine2, &self.address_line2)?,
            postcode: mf::line(MasterField::Postcode, &self.postcode)?,
            city: mf::line(MasterField::City, &self.city)?,
            country_code: mf::country_code(&self.country_code)?,
            vat_id: mf::line(MasterField::VatId, &self.vat_id)?,
            currency: mf::currency(&self.currency)?.code().to_string(),
            payment_terms_days: mf::payment_terms(self.payment_terms_days)?,
            business_unit: mf::line(MasterField::BusinessUnit, &self.business_unit)?,
        })
    }

    /// Its fields as the change history records them, in the form's order.
    pub fn fields(&self) -> Vec<FieldText> {
        use MasterField::*;
        vec![
            (ExtKey, self.ext_key.clone()),
            (Name, some(&self.name)),
            (BillingContact, some(&self.billing_contact)),
            (Email, some(&self.email)),
            (AddressLine1, some(&self.address_line1)),
            (AddressLine2, some(&self.address_line2)),
            (Postcode, some(&self.postcode)),
            (City, some(&self.city)),
            (CountryCode, some(&self.country_code)),
            (VatId, some(&self.vat_id)),
            (Currency, some(&self.currency)),
            (PaymentTerms, some(self.payment_terms_days)),
            (BusinessUnit, some(&self.business_unit)),
        ]
    }

    pub fn address(&self) -> AddressParts {
        AddressParts {
            line1: self.address_line1.clone(),
            line2: self.address_line2.clone(),
            postcode: self.postcode.clone(),
            city: self.city.clone(),
            country: self.country_code.clone(),
        }
    }
}

/// The fields of an account's address.
pub const ADDRESS_FIELDS: [MasterField; 5] = [
    MasterField::AddressLine1,
    MasterField::AddressLine2,
    MasterField::Postcode,
    MasterField::City,
    MasterField::CountryCode,
];

/// A postal address in parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressParts {
    pub line1: String,
    pub line2: String,
    pub postcode: String,
    pub city: String,
    /// ISO 3166-1 alpha-2; empty: not said (the seller's country).
    pub country: String,
}

impl AddressParts {
    /// The address on one line, as invoices print it: `line 1, line 2, postcode city, CC`
    /// (empty parts left out). [`split_address`] reads it back into the same parts.
    pub fn one_line(&self) -> String {
        let place = [self.postcode.trim(), self.city.trim()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [
            self.line1.trim(),
            self.line2.trim(),
            place.as_str(),
            self.country.trim(),
        ]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// Splits a one-line address written `street, postcode city, CC` (the postcode and the
/// country may be missing: `110 Market Street, Springfield, US`) into its parts: the rule the
/// ERP hand-off has always read such lines by. Without two letters at the end the country is
/// left empty (the seller's). Everything before the place is the street, on one line.
pub fn split_address(text: &str) -> AddressParts {
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
        _ => String::new(),
    };
    // The part before the country holds the city, led by the postcode when there is one
    // (a postcode has a digit: "00100"; "SW1A 1AA" is left to the city).
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
    AddressParts {
        line1: parts.join(", "),
        line2: String::new(),
        postcode,
        city,
        country,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Makes one field of a sound input wrong.
    type Spoil<T> = fn(&mut T);

    fn acme() -> AccountInput {
        AccountInput {
            ext_key: Some(" CRM-1 ".into()),
            name: " Acme Oy ".into(),
            billing_contact: "Accounts Payable".into(),
            email: "ap@acme.example".into(),
            address_line1: "Esplanadi 10".into(),
            postcode: "00100".into(),
            city: "Helsinki".into(),
            country_code: "fi".into(),
            vat_id: "FI12345678".into(),
            currency: "eur".into(),
            payment_terms_days: 30,
            ..Default::default()
        }
    }

    #[test]
    fn a_sound_account_comes_back_trimmed() {
        let a = acme().checked().unwrap();
        assert_eq!(a.ext_key.as_deref(), Some("CRM-1"));
        assert_eq!(a.name, "Acme Oy");
        assert_eq!(
            (a.country_code.as_str(), a.currency.as_str()),
            ("FI", "EUR")
        );
        assert_eq!(a.checked().unwrap(), a, "checking twice changes nothing");
    }

    #[test]
    fn each_refusal_names_its_field() {
        let cases: [(Spoil<AccountInput>, MasterField); 6] = [
            (|a| a.name = " ".into(), MasterField::Name),
            (|a| a.email = "ap at acme".into(), MasterField::Email),
            (|a| a.country_code = "FIN".into(), MasterField::CountryCode),
            (|a| a.currency = "FIM".into(), MasterField::Currency),
            (|a| a.payment_terms_days = -5, MasterField::PaymentTerms),
            (|a| a.ext_key = Some(String::new()), MasterField::ExtKey),
        ];
        for (spoil, field) in cases {
            let mut a = acme();
            spoil(&mut a);
            assert_eq!(a.checked().unwrap_err().field, field);
        }
    }

    #[test]
    fn the_one_line_address_reads_back_into_its_parts() {
        let a = acme().checked().unwrap();
        assert_eq!(a.address().one_line(), "Esplanadi 10, 00100 Helsinki, FI");
        assert_eq!(split_address(&a.address().one_line()), a.address());
        let us = split_address("110 Market Street, Springfield, US");
        assert_eq!(
            (
                us.line1.as_str(),
                us.postcode.as_str(),
                us.city.as_str(),
                us.country.as_str()
            ),
            ("110 Market Street", "", "Springfield", "US")
        );
        assert_eq!(us.one_line(), "110 Market Street, Springfield, US");
        let no_country = split_address("Kaivokatu 1, 00100 Helsinki");
        assert_eq!(
            (no_country.city.as_str(), no_country.country.as_str()),
            ("Helsinki", "")
        );
        assert_eq!(split_address("1 Main Street").line1, "1 Main Street");
        assert_eq!(split_address(""), AddressParts::default());
        let two = AddressParts {
            line1: "Unit 4".into(),
            line2: "Harbour Road 2".into(),
            city: "Oslo".into(),
            country: "NO".into(),
            ..Default::default()
        };
        assert_eq!(two.one_line(), "Unit 4, Harbour Road 2, Oslo, NO");
    }
}
