//! The demo's cost rates: what an hour of each person costs, in euros from the start and in
//! dollars for some, one raise forty-five days ago, so that the report shows cost, margin and
//! utilisation, and hours without a cost rate (two people have no dollar rate).

use super::catalog::PEOPLE;
use crate::domain::cost_rate::CostRateInput;
use crate::domain::dates;
use crate::store::{Result, Store};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Hourly cost in cents: in euros, and in dollars where the person has a rate.
const COSTS: [(i64, Option<i64>); 5] = [
    (5_500, Some(6_000)),
    (7_200, Some(8_500)),
    (6_000, Some(6_500)),
    (5_800, None),
    (6_800, None),
];

pub fn create(store: &mut Store, today: NaiveDate) -> Result<()> {
    let raise_from = today
        .checked_sub_days(chrono::Days::new(45))
        .unwrap_or(today);
    for (&(person, _), &(eur, usd)) in PEOPLE.iter().zip(COSTS.iter()) {
        let mut rates = vec![("EUR", dates::FIRST, eur)];
        if let Some(usd) = usd {
            rates.push(("USD", dates::FIRST, usd));
        }
        // The senior consultant's raise.
        if eur == 7_200 {
            rates.push(("EUR", raise_from, 7_800));
        }
        for (currency, valid_from, cents) in rates {
            store.create_cost_rate(&CostRateInput {
                person: person.to_string(),
                currency: currency.to_string(),
                valid_from,
                hourly_cost: Decimal::new(cents, 2),
            })?;
        }
    }
    Ok(())
}
