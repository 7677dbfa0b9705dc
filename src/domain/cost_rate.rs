//! A person's cost rate: what an hour of their time costs the company, in a currency, from a
//! day on (until the next rate of the same person and currency begins). The cost of a time
//! report is its hours times the rate valid on its date, in its project's currency, rounded
//! half away from zero to the currency's minor unit, each report on its own; a report with no
//! such rate has no cost, and its hours are counted as hours without a cost rate instead
//! (never as a cost of zero). See docs/rules.md, "Profitability and utilisation".

use super::dates;
use super::master_field::{self as mf, Checked, FieldText, MasterField, MasterFieldError, some};
use super::{Currency, DomainError};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// An hourly cost stays below this (in its currency's units): hours (at most 24 a report) in
/// micros times the cost in minor units then fits 64 bits, in SQL as here.
pub const MAX_HOURLY_COST: i64 = 1_000_000;

/// A cost rate, new or edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostRateInput {
    pub person: String,
    pub currency: String,
    /// The first day it applies; [`dates::FIRST`] when the source gives none (always).
    pub valid_from: NaiveDate,
    pub hourly_cost: Decimal,
}

/// A cost rate as checked: the person trimmed, a known currency, the cost normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostRate {
    pub person: String,
    pub currency: Currency,
    pub valid_from: NaiveDate,
    pub hourly_cost: Decimal,
}

impl CostRateInput {
    /// The rate checked, or the first field a rule refuses: a person, a known currency, a day
    /// finctl keeps, and an hourly cost from 0 to below [`MAX_HOURLY_COST`] with at most the
    /// currency's decimals (refused, never rounded).
    pub fn checked(&self) -> Checked<CostRate> {
        let person = mf::required(MasterField::Person, &self.person)?;
        let currency = mf::currency(&self.currency)?;
        dates::check(self.valid_from)
            .map_err(|e| MasterFieldError::of(MasterField::ValidFrom, e))?;
        let field = MasterField::HourlyCost;
        if self.hourly_cost >= Decimal::from(MAX_HOURLY_COST) {
            return Err(MasterFieldError::new(
                field,
                format!(
                    "an hourly cost of {} is too large: it stays below {MAX_HOURLY_COST}",
                    self.hourly_cost
                ),
            ));
        }
        let hourly_cost = mf::amount(field, self.hourly_cost, currency)?;
        Ok(CostRate {
            person,
            currency,
            valid_from: self.valid_from,
            hourly_cost,
        })
    }
}

impl CostRate {
    /// Its fields as the change history records them.
    pub fn fields(&self) -> Vec<FieldText> {
        vec![
            (MasterField::Person, some(&self.person)),
            (MasterField::Currency, some(self.currency)),
            (MasterField::ValidFrom, some(self.valid_from)),
            // Normalized: 55.00 as stored and 55 as typed are the same cost.
            (MasterField::HourlyCost, some(self.hourly_cost.normalize())),
        ]
    }
}

/// The cost of `hours` at `hourly_cost`, in `currency`'s minor units: rounded half away from
/// zero, with checked arithmetic. The store's SQL computes the same from micros and minor units
/// (`store/cost_rates.rs`, which a test holds to this).
pub fn cost_minor(
    hours: Decimal,
    hourly_cost: Decimal,
    currency: Currency,
) -> Result<i64, DomainError> {
    let cost = hours
        .checked_mul(hourly_cost)
        .ok_or_else(|| DomainError::new("the cost of the hours is too large"))?;
    currency.to_minor(currency.round(cost))
}

/// Billable utilisation: billable hours over all hours, as a percentage rounded half away from
/// zero to one decimal; `None` without hours (no utilisation, rather than 0 %).
pub fn utilisation(billable: Decimal, all: Decimal) -> Option<Decimal> {
    if all <= Decimal::ZERO {
        return None;
    }
    let ratio = billable
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(all)?;
    Some(super::rounding::round_half_away(ratio, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;
    use proptest::prelude::*;

    fn input(cost: &str, currency: &str) -> CostRateInput {
        CostRateInput {
            person: " ada ".into(),
            currency: currency.into(),
            valid_from: dates::FIRST,
            hourly_cost: d(cost),
        }
    }

    #[test]
    fn a_rate_is_checked_field_by_field() {
        let ok = input("62.50", "EUR").checked().unwrap();
        assert_eq!(ok.person, "ada");
        assert_eq!(ok.hourly_cost, d("62.5"));
        let field = |i: CostRateInput| i.checked().unwrap_err().field;
        assert_eq!(field(input("62.505", "EUR")), MasterField::HourlyCost);
        assert_eq!(field(input("-1", "EUR")), MasterField::HourlyCost);
        assert_eq!(field(input("1000000", "EUR")), MasterField::HourlyCost);
        assert_eq!(field(input("5000.5", "JPY")), MasterField::HourlyCost);
        assert_eq!(field(input("10", "XXX")), MasterField::Currency);
        let mut nobody = input("10", "EUR");
        nobody.person = "  ".into();
        assert_eq!(field(nobody), MasterField::Person);
        assert!(input("999999.99", "EUR").checked().is_ok());
    }

    #[test]
    fn a_report_costs_its_hours_at_the_rate_rounded_half_away() {
        assert_eq!(cost_minor(d("7.5"), d("62.50"), Currency::EUR), Ok(46875));
        // 0.333333 h x 10.00 = 3.33333 -> 3.33
        assert_eq!(cost_minor(d("0.333333"), d("10"), Currency::EUR), Ok(333));
        // 0.25 h x 0.02 = 0.005 -> 0.01 (half away from zero)
        assert_eq!(cost_minor(d("0.25"), d("0.02"), Currency::EUR), Ok(1));
        let yen: Currency = "JPY".parse().unwrap();
        assert_eq!(cost_minor(d("1.5"), d("5001"), yen), Ok(7502));
    }

    #[test]
    fn utilisation_is_billable_over_all_hours() {
        assert_eq!(utilisation(d("30"), d("40")), Some(d("75.0")));
        assert_eq!(utilisation(d("1"), d("3")), Some(d("33.3")));
        assert_eq!(utilisation(d("2"), d("3")), Some(d("66.7")));
        assert_eq!(utilisation(d("0"), d("8")), Some(d("0")));
        assert_eq!(utilisation(d("0"), d("0")), None, "no hours: none, not 0 %");
    }

    proptest! {
        /// The cost the store's SQL computes in integers equals the domain's, to the minor
        /// unit, for every report and rate the checks let in.
        #[test]
        fn integer_cost_equals_the_decimal_cost(hours in 0i64..=24_000_000, cost in 0i64..100_000_000) {
            let integer = (hours * cost + 500_000) / 1_000_000;
            let decimal = cost_minor(crate::domain::scaled::from_micros(hours), Decimal::new(cost, 2), Currency::EUR);
            prop_assert_eq!(Ok(integer), decimal);
        }
    }
}
