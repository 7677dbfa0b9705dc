//! What a time-and-materials item collects: billable time reports, each priced at its rate,
//! and billable expenses; and what they come to.

use super::billing_rule::{PricedTime, time_and_materials_amount};
use super::money::checked_sum;
use super::{Currency, DomainError};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One collected (or collectable) time report or expense with its price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CollectedLine {
    Time {
        id: i64,
        date: NaiveDate,
        person: String,
        role: String,
        hours: Decimal,
        rate: Decimal,
        amount: Decimal,
    },
    Expense {
        id: i64,
        date: NaiveDate,
        description: String,
        amount: Decimal,
    },
}

impl CollectedLine {
    /// A time line priced at `rate`, rounded to the currency on its own.
    #[allow(clippy::too_many_arguments)]
    pub fn time(
        id: i64,
        date: NaiveDate,
        person: String,
        role: String,
        hours: Decimal,
        rate: Decimal,
        currency: Currency,
    ) -> Result<CollectedLine, DomainError> {
        let amount = PricedTime { hours, rate }.amount(currency)?;
        Ok(CollectedLine::Time {
            id,
            date,
            person,
            role,
            hours,
            rate,
            amount,
        })
    }

    pub fn amount(&self) -> Decimal {
        match self {
            Self::Time { amount, .. } | Self::Expense { amount, .. } => *amount,
        }
    }
}

/// What the lines invoice: each time line rounded on its own, plus the expenses; refused at
/// the amount limit.
pub fn collected_amount(
    lines: &[CollectedLine],
    currency: Currency,
) -> Result<Decimal, DomainError> {
    let time: Vec<PricedTime> = lines
        .iter()
        .filter_map(|l| match l {
            CollectedLine::Time { hours, rate, .. } => Some(PricedTime {
                hours: *hours,
                rate: *rate,
            }),
            CollectedLine::Expense { .. } => None,
        })
        .collect();
    let expenses: Vec<Decimal> = lines
        .iter()
        .filter_map(|l| match l {
            CollectedLine::Expense { amount, .. } => Some(*amount),
            CollectedLine::Time { .. } => None,
        })
        .collect();
    time_and_materials_amount(&time, &expenses, currency)
}

/// The plain sum of the lines' prices, refused when it is past what a decimal holds (the
/// summary shows this total).
pub fn check_lines_total(lines: &[CollectedLine]) -> Result<Decimal, DomainError> {
    checked_sum(
        "the time and expenses",
        lines.iter().map(CollectedLine::amount),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    #[test]
    fn lines_are_priced_and_summed() {
        let eur = Currency::EUR;
        let lines = vec![
            CollectedLine::time(
                1,
                day(2),
                "ann".into(),
                "dev".into(),
                d("7.5"),
                d("95"),
                eur,
            )
            .unwrap(),
            CollectedLine::time(
                2,
                day(3),
                "cat".into(),
                "pm".into(),
                d("0.333333"),
                d("120"),
                eur,
            )
            .unwrap(),
            CollectedLine::Expense {
                id: 1,
                date: day(4),
                description: "Train".into(),
                amount: d("12.30"),
            },
        ];
        assert_eq!(lines[1].amount(), d("40.00"));
        assert_eq!(collected_amount(&lines, eur).unwrap(), d("764.80"));
        assert_eq!(check_lines_total(&lines).unwrap(), d("764.80"));
    }

    #[test]
    fn lines_past_any_amount_are_refused() {
        let big = CollectedLine::Expense {
            id: 1,
            date: day(1),
            description: "x".into(),
            amount: Decimal::MAX,
        };
        assert!(check_lines_total(&[big.clone(), big.clone()]).is_err());
        assert!(collected_amount(&[big], Currency::EUR).is_err());
    }
}
