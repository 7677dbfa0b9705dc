//! Percentages billed over several invoices. Parts are never rounded on their own (145.05 at
//! 30% + 70% would bill 145.06): each part is the rounded cumulative target minus what the
//! parts before it billed, so the parts always add up to the total to the cent.

use super::money::checked_sum;
use super::{Currency, DomainError};
use rust_decimal::Decimal;

/// The amount to bill now so that, with `already_billed`, the cumulative `percent` of `total`
/// is billed: round(total x percent / 100) - already_billed.
pub fn cumulative_part(
    total: Decimal,
    cumulative_percent: Decimal,
    already_billed: Decimal,
    currency: Currency,
) -> Result<Decimal, DomainError> {
    total
        .checked_mul(cumulative_percent)
        .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
        .and_then(|x| currency.round(x).checked_sub(already_billed))
        .ok_or_else(|| DomainError::new(format!("{total} is too large to split")))
}

/// Splits `total` into parts by percentages that must add up to exactly 100.
pub fn split_by_percentages(
    total: Decimal,
    percents: &[Decimal],
    currency: Currency,
) -> Result<Vec<Decimal>, DomainError> {
    let sum = checked_sum("the percentages", percents.iter().copied())?;
    if sum != Decimal::ONE_HUNDRED {
        return Err(DomainError::new(format!(
            "the parts total {}%, not 100%",
            sum.normalize()
        )));
    }
    let mut cumulative = Decimal::ZERO;
    let mut billed = Decimal::ZERO;
    let mut parts = Vec::with_capacity(percents.len());
    // Each partial sum lies between two sums already checked (non-negative percentages, parts
    // that add up to the rounded total); with negative ones the checks below refuse instead.
    let overflow = || DomainError::new(format!("{total} is too large to split"));
    for (i, p) in percents.iter().enumerate() {
        cumulative = cumulative.checked_add(*p).ok_or_else(overflow)?;
        let part = if i + 1 == percents.len() {
            currency
                .round(total)
                .checked_sub(billed)
                .ok_or_else(overflow)?
        } else {
            cumulative_part(total, cumulative, billed, currency)?
        };
        billed = billed.checked_add(part).ok_or_else(overflow)?;
        parts.push(part);
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;
    use proptest::prelude::*;

    #[test]
    fn thirty_seventy_of_145_05() {
        let parts = split_by_percentages(d("145.05"), &[d("30"), d("70")], Currency::EUR).unwrap();
        assert_eq!(parts, [d("43.52"), d("101.53")]);
        assert!(split_by_percentages(d("1"), &[d("30"), d("60")], Currency::EUR).is_err());
    }

    proptest! {
        #[test]
        fn parts_add_up_to_total(total in 0i64..1_000_000_000, weights in prop::collection::vec(1u32..1000, 1..12)) {
            let total = Decimal::new(total, 2);
            // Percentages with up to 6 decimals that add up to exactly 100.
            let sum: u32 = weights.iter().sum();
            let mut percents: Vec<Decimal> = weights.iter()
                .map(|w| (Decimal::from(*w) * Decimal::ONE_HUNDRED / Decimal::from(sum)).round_dp(6))
                .collect();
            let drift = Decimal::ONE_HUNDRED - percents.iter().copied().sum::<Decimal>();
            *percents.last_mut().unwrap() += drift;
            let parts = split_by_percentages(total, &percents, Currency::EUR).unwrap();
            prop_assert_eq!(parts.iter().copied().sum::<Decimal>(), total);
            let mut cum_pct = Decimal::ZERO;
            let mut cum = Decimal::ZERO;
            for (p, part) in percents.iter().zip(&parts) {
                cum_pct += p;
                cum += part;
                // Every cumulative figure is the rounded cumulative target.
                prop_assert_eq!(cum, Currency::EUR.round(total * cum_pct / Decimal::ONE_HUNDRED));
            }
        }
    }
}
