//! Billing rules: how a revenue item's amount comes about.

use super::money::{check_amount_range, checked_sum};
use super::{Currency, DomainError};
use rust_decimal::Decimal;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BillingRule {
    /// The amount is the planned amount.
    Fixed,
    /// Billable time (hours x rate) plus billable expenses, collected up to the planned date.
    TimeAndMaterials,
    /// Made by a validated progress status.
    Progress,
    /// A fixed amount released when its milestone is reached.
    Milestone,
}

impl BillingRule {
    pub const ALL: [BillingRule; 4] = [
        Self::Fixed,
        Self::TimeAndMaterials,
        Self::Progress,
        Self::Milestone,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fixed => "fixed",
            Self::TimeAndMaterials => "time_and_materials",
            Self::Progress => "progress",
            Self::Milestone => "milestone",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Fixed => "fixed",
            Self::TimeAndMaterials => "time & materials",
            Self::Progress => "progress",
            Self::Milestone => "milestone",
        }
    }
}

impl FromStr for BillingRule {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| DomainError::new(format!("unknown billing rule {s:?}")))
    }
}

/// One billable time report with the rate that prices it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedTime {
    pub hours: Decimal,
    pub rate: Decimal,
}

impl PricedTime {
    /// The line's price, rounded to the currency on its own (each line shows its price).
    /// Refused past what a decimal holds.
    pub fn amount(&self, currency: Currency) -> Result<Decimal, DomainError> {
        self.hours
            .checked_mul(self.rate)
            .map(|a| currency.round(a))
            .ok_or_else(|| {
                DomainError::new(format!(
                    "{} hours at {} come to more than any amount",
                    self.hours, self.rate
                ))
            })
    }
}

/// The amount of a time-and-materials item: each time line priced and rounded, plus expenses.
/// Refused when it reaches the amount limit (it becomes an invoice line).
pub fn time_and_materials_amount(
    time: &[PricedTime],
    expenses: &[Decimal],
    currency: Currency,
) -> Result<Decimal, DomainError> {
    let priced = time
        .iter()
        .map(|t| t.amount(currency))
        .collect::<Result<Vec<_>, _>>()?;
    let total = checked_sum(
        "the time and expenses",
        priced.into_iter().chain(expenses.iter().copied()),
    )?;
    let total = currency.round(total);
    check_amount_range(total)
        .map_err(|e| DomainError::new(format!("the time and expenses collected: {}", e.0)))?;
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;

    #[test]
    fn names_round_trip() {
        for r in BillingRule::ALL {
            assert_eq!(r.as_str().parse::<BillingRule>().unwrap(), r);
        }
    }

    #[test]
    fn time_and_materials_prices_each_line() {
        let time = [
            PricedTime {
                hours: d("7.5"),
                rate: d("95.00"),
            },
            PricedTime {
                hours: d("0.333333"),
                rate: d("120"),
            },
        ];
        // 712.50 + 40.00 (39.99996 rounded) + 12.30 + 80
        let total = time_and_materials_amount(&time, &[d("12.30"), d("80")], Currency::EUR);
        assert_eq!(total.unwrap(), d("844.80"));
        assert_eq!(time[1].amount(Currency::EUR).unwrap().to_string(), "40.00");
    }
}
