//! Rounding, the one way finctl rounds: half away from zero.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds half away from zero at `dp` decimals: 0.005 -> 0.01, -0.005 -> -0.01.
pub fn round_half_away(value: Decimal, dp: u32) -> Decimal {
    let mut r = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    // Always carry exactly `dp` decimals so that "1234.5" prints as "1234.50".
    r.rescale(dp);
    r
}
