//! Quantities, percentages, unit prices and VAT rates carry 6 decimals; they are stored as
//! integers scaled by 10^6 ("micros") so that SQL sums stay exact.

use super::error::DomainError;
use super::rounding::round_half_away;
use rust_decimal::Decimal;

/// Decimals kept for quantities, percentages, rates and unit prices.
pub const SCALE: u32 = 6;

/// Rounds to 6 decimals, half away from zero.
pub fn round6(value: Decimal) -> Decimal {
    round_half_away(value, SCALE)
}

/// A decimal as an integer scaled by 10^6, rounding half away from zero past 6 decimals.
pub fn to_micros(value: Decimal) -> Result<i64, DomainError> {
    let scaled = round6(value)
        .checked_mul(Decimal::from(1_000_000))
        .ok_or_else(|| DomainError::new(format!("{value} is too large")))?;
    i64::try_from(scaled.trunc()).map_err(|_| DomainError::new(format!("{value} is too large")))
}

/// The decimal of an integer scaled by 10^6, trailing zeros removed ("7.5", not "7.500000").
pub fn from_micros(micros: i64) -> Decimal {
    Decimal::new(micros, SCALE).normalize()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;
    use proptest::prelude::*;

    #[test]
    fn converts() {
        assert_eq!(to_micros(d("7.5")).unwrap(), 7_500_000);
        assert_eq!(to_micros(d("0.0000005")).unwrap(), 1);
        assert_eq!(to_micros(d("-0.0000005")).unwrap(), -1);
        assert_eq!(from_micros(24_000_000).to_string(), "24");
        assert_eq!(from_micros(1_234_567).to_string(), "1.234567");
    }

    proptest! {
        #[test]
        fn round_trip(m in -1_000_000_000_000_000i64..1_000_000_000_000_000) {
            prop_assert_eq!(to_micros(from_micros(m)).unwrap(), m);
        }
    }
}
