//! A price list as it is created, edited or imported: a name, a currency and hourly rates per
//! role (and optionally per person).

use super::master_field::{self as mf, Checked, FieldText, MasterField, MasterFieldError, some};
use super::rates::{Rate, check_rates, rates_text};

/// A price list's fields, new or edited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PriceListInput {
    /// The list's key in the system it comes from; `None` leaves a stored key as it is.
    pub ext_key: Option<String>,
    pub name: String,
    pub currency: String,
    pub rates: Vec<Rate>,
}

impl PriceListInput {
    /// The input trimmed, its currency in upper case and its rates in their stored order, or
    /// the first field a rule refuses.
    pub fn checked(&self) -> Checked<PriceListInput> {
        Ok(PriceListInput {
            ext_key: mf::ext_key(self.ext_key.as_deref())?,
            name: mf::required(MasterField::Name, &self.name)?,
            currency: mf::currency(&self.currency)?.code().to_string(),
            rates: check_rates(&self.rates)?,
        })
    }

    /// Its fields as the change history records them.
    pub fn fields(&self) -> Vec<FieldText> {
        vec![
            (MasterField::ExtKey, self.ext_key.clone()),
            (MasterField::Name, some(&self.name)),
            (MasterField::Currency, some(&self.currency)),
            (MasterField::Rates, some(rates_text(&self.rates))),
        ]
    }
}

/// A price list's currency is its projects' (its rates price their time): it changes only
/// while no project uses the list.
pub fn check_currency_change(name: &str, from: &str, projects: i64) -> Checked<()> {
    if projects == 0 {
        return Ok(());
    }
    Err(MasterFieldError::new(
        MasterField::Currency,
        format!(
            "price list {name} prices {projects} project{} in {from}: its currency stays {from}",
            if projects == 1 { "" } else { "s" }
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;

    #[test]
    fn a_price_list_is_checked_and_its_currency_stays_while_used() {
        let list = PriceListInput {
            ext_key: Some("PL-1".into()),
            name: " Standard 2026 ".into(),
            currency: "eur".into(),
            rates: vec![Rate {
                role: "dev".into(),
                person: None,
                rate: d("100.00"),
            }],
        }
        .checked()
        .unwrap();
        assert_eq!(
            (list.name.as_str(), list.currency.as_str()),
            ("Standard 2026", "EUR")
        );
        assert_eq!(
            list.fields()[3],
            (MasterField::Rates, Some("dev 100".into()))
        );
        let mut bad = list.clone();
        bad.currency = "EU".into();
        assert_eq!(bad.checked().unwrap_err().field, MasterField::Currency);
        bad = list.clone();
        bad.name = String::new();
        assert_eq!(bad.checked().unwrap_err().field, MasterField::Name);

        assert!(check_currency_change("Standard", "EUR", 0).is_ok());
        let e = check_currency_change("Standard", "EUR", 2).unwrap_err();
        assert_eq!(
            (e.field, e.message.as_str()),
            (
                MasterField::Currency,
                "price list Standard prices 2 projects in EUR: its currency stays EUR"
            )
        );
    }
}
