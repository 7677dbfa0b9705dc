//! Currencies, rounding and the conversion between decimals and integer minor units.

use super::error::DomainError;
use super::figure::Unread;
use super::number_format::NumberFormat;
pub use super::rounding::round_half_away;
use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

/// An ISO 4217 currency with its number of minor-unit digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: [u8; 3],
    minor_digits: u32,
}

/// The currencies finctl knows; others are refused rather than guessed.
const KNOWN: &[(&str, u32)] = &[
    ("EUR", 2),
    ("USD", 2),
    ("GBP", 2),
    ("CHF", 2),
    ("SEK", 2),
    ("NOK", 2),
    ("DKK", 2),
    ("PLN", 2),
    ("CZK", 2),
    ("JPY", 0),
];

impl Currency {
    /// Every currency finctl knows.
    pub fn known() -> impl Iterator<Item = Currency> {
        KNOWN.iter().map(|(code, digits)| {
            let b = code.as_bytes();
            Currency {
                code: [b[0], b[1], b[2]],
                minor_digits: *digits,
            }
        })
    }

    pub const EUR: Currency = Currency {
        code: *b"EUR",
        minor_digits: 2,
    };
    pub const USD: Currency = Currency {
        code: *b"USD",
        minor_digits: 2,
    };

    pub fn code(&self) -> &str {
        // The code is built only from the ASCII table above.
        std::str::from_utf8(&self.code).unwrap_or("???")
    }

    pub fn minor_digits(&self) -> u32 {
        self.minor_digits
    }

    /// Rounds an amount to this currency's minor unit, half away from zero.
    pub fn round(&self, amount: Decimal) -> Decimal {
        round_half_away(amount, self.minor_digits)
    }

    /// Converts an amount to integer minor units. Refuses amounts with more decimals than the
    /// currency has (round first, on purpose) and amounts that do not fit in 64 bits.
    pub fn to_minor(&self, amount: Decimal) -> Result<i64, DomainError> {
        if amount.normalize().scale() > self.minor_digits {
            return Err(DomainError::new(format!(
                "{} has more than {} decimals for {}",
                amount,
                self.minor_digits,
                self.code()
            )));
        }
        let scaled = amount
            .checked_mul(Decimal::from(10i64.pow(self.minor_digits)))
            .ok_or_else(|| DomainError::new(format!("amount {amount} is too large")))?;
        i64::try_from(scaled.trunc())
            .map_err(|_| DomainError::new(format!("amount {amount} is too large")))
    }

    /// The amount of `minor` minor units, with exactly the currency's number of decimals.
    pub fn from_minor(&self, minor: i64) -> Decimal {
        Decimal::new(minor, self.minor_digits)
    }
}

impl FromStr for Currency {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let upper = s.trim().to_ascii_uppercase();
        KNOWN
            .iter()
            .find(|(code, _)| *code == upper)
            .map(|(code, digits)| {
                let b = code.as_bytes();
                Currency {
                    code: [b[0], b[1], b[2]],
                    minor_digits: *digits,
                }
            })
            .ok_or_else(|| DomainError::new(format!("unknown currency {s:?}")))
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Amounts stay below this (a trillion) in absolute value, everywhere: stored as minor units
/// they fit 64 bits with room to spare, and SQL sums of a million of them stay inside 64 bits.
pub const AMOUNT_LIMIT: i64 = 1_000_000_000_000;

/// The refusal of an amount past `AMOUNT_LIMIT`.
const TOO_LARGE: &str = "amounts stay below 1,000,000,000,000";

/// The largest amount finctl accepts anywhere: below `AMOUNT_LIMIT`.
pub fn check_amount_range(amount: Decimal) -> Result<(), DomainError> {
    if amount.abs() >= Decimal::from(AMOUNT_LIMIT) {
        return Err(DomainError::new(format!(
            "{amount} is too large: {TOO_LARGE}"
        )));
    }
    Ok(())
}

/// The sum of figures, refused instead of overflowing what a decimal holds (about 7.9e28).
/// `what` names the figures in the refusal ("the parts", "the credits of line 2").
pub fn checked_sum(
    what: &str,
    values: impl IntoIterator<Item = Decimal>,
) -> Result<Decimal, DomainError> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |sum, v| sum.checked_add(v))
        .ok_or_else(|| DomainError::new(format!("{what} add up to more than any amount")))
}

/// Parses an amount typed by a user in their number format (`number_format`): an optional
/// leading minus, at most the currency's decimals and 12 digits before the decimal mark (below
/// `AMOUNT_LIMIT`). Refuses anything else with a message; a text that reads two ways is
/// refused with both readings.
pub fn parse_amount(
    input: &str,
    currency: Currency,
    numbers: NumberFormat,
) -> Result<Decimal, DomainError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(DomainError::new(format!(
            "enter an amount, e.g. {}",
            numbers.format(Decimal::new(123450, 2))
        )));
    }
    let value = numbers
        .parse(text, currency.minor_digits())
        .map_err(|e| match e {
            Unread::NotANumber => DomainError::new(format!(
                "{text:?} is not an amount: write it as {} (digits, {:?} before the decimals)",
                numbers.format(Decimal::new(123450, 2)),
                numbers.decimal_mark().to_string()
            )),
            Unread::TooLarge => DomainError::new(format!(
                "too large: amounts stay below {}",
                numbers.format(Decimal::from(AMOUNT_LIMIT))
            )),
            Unread::TooManyDecimals => DomainError::new(format!(
                "{} allows at most {} decimals",
                currency,
                currency.minor_digits()
            )),
            e => DomainError::new(numbers.mark_refusal(text, e).unwrap_or_default()),
        })?;
    Ok(round_half_away(value, currency.minor_digits()))
}

/// An amount in its currency: what a list row, a total, a selection or a file cell carries, so
/// that a figure never travels apart from the currency that says how to read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    pub amount: Decimal,
    pub currency: Currency,
}

impl Money {
    pub fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    pub fn zero(currency: Currency) -> Money {
        Money::new(Decimal::ZERO, currency)
    }

    /// An amount stored as integer minor units.
    pub fn from_minor(minor: i64, currency: Currency) -> Money {
        Money::new(currency.from_minor(minor), currency)
    }

    /// The sum with an amount of the same currency; refused across currencies or past what a
    /// decimal holds.
    pub fn checked_add(self, other: Money) -> Result<Money, DomainError> {
        if self.currency != other.currency {
            return Err(DomainError::new(format!(
                "{} and {} amounts do not add up",
                self.currency, other.currency
            )));
        }
        self.amount
            .checked_add(other.amount)
            .map(|a| Money::new(a, self.currency))
            .ok_or_else(|| DomainError::new("the amounts add up to more than any amount"))
    }

    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }
}

impl std::ops::Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money::new(-self.amount, self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_adds_within_its_currency_only() {
        let eur = |s: &str| Money::new(s.parse().unwrap(), Currency::EUR);
        assert_eq!(eur("1.50").checked_add(eur("2.25")), Ok(eur("3.75")));
        assert_eq!(-eur("1.50"), eur("-1.50"));
        let usd = Money::new(Decimal::ONE, Currency::USD);
        assert!(eur("1").checked_add(usd).is_err());
        assert!(
            eur("1")
                .checked_add(Money::new(Decimal::MAX, Currency::EUR))
                .is_err()
        );
        assert_eq!(Money::from_minor(123, Currency::EUR), eur("1.23"));
    }
    use crate::domain::test_support::d;
    use proptest::prelude::*;

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_half_away(d("0.005"), 2), d("0.01"));
        assert_eq!(round_half_away(d("-0.005"), 2), d("-0.01"));
        assert_eq!(round_half_away(d("2.675"), 2), d("2.68"));
        assert_eq!(round_half_away(d("2.665"), 2), d("2.67"));
        assert_eq!(round_half_away(d("0.5"), 0), d("1"));
        assert_eq!(round_half_away(d("-1.5"), 0), d("-2"));
        assert_eq!(round_half_away(d("1234.5"), 2).to_string(), "1234.50");
    }

    #[test]
    fn minor_units_round_trip() {
        let eur = Currency::EUR;
        assert_eq!(eur.to_minor(d("1234.50")).unwrap(), 123450);
        assert_eq!(eur.from_minor(123450).to_string(), "1234.50");
        assert_eq!(eur.from_minor(-5).to_string(), "-0.05");
        assert!(eur.to_minor(d("0.001")).is_err());
        let jpy: Currency = "jpy".parse().unwrap();
        assert_eq!(jpy.to_minor(d("1500")).unwrap(), 1500);
        assert_eq!(jpy.from_minor(1500).to_string(), "1500");
        assert!("XXX".parse::<Currency>().is_err());
    }

    #[test]
    fn parses_typed_amounts() {
        let eur = Currency::EUR;
        let n = NumberFormat::CommaPoint;
        assert_eq!(
            parse_amount("1,234.5", eur, n).unwrap().to_string(),
            "1234.50"
        );
        assert_eq!(parse_amount(" 1 234.50 ", eur, n).unwrap(), d("1234.50"));
        assert_eq!(parse_amount("-12", eur, n).unwrap().to_string(), "-12.00");
        assert!(parse_amount("12,5e3", eur, n).is_err());
        assert!(parse_amount("1.234", eur, n).is_err());
        assert!(parse_amount("", eur, n).unwrap_err().0.contains("1,234.50"));
        assert!(parse_amount("1-2", eur, n).is_err());
        // Two decimals at most: `1,234` can only be the thousands, but `1,250` could be 1.25.
        assert_eq!(parse_amount("1,234", eur, n).unwrap(), d("1234.00"));
        assert_eq!(
            parse_amount("1,250", eur, n).unwrap_err().0,
            "\"1,250\" reads two ways, 1250 or 1.25: type one of them"
        );
    }

    /// Issue 11: `1234,56` was stored as 123,456.00 and `1,5` as 15.00.
    #[test]
    fn amounts_read_in_the_users_format() {
        let eur = Currency::EUR;
        let de = NumberFormat::PointComma;
        assert_eq!(parse_amount("1234,56", eur, de).unwrap(), d("1234.56"));
        assert_eq!(parse_amount("1,5", eur, de).unwrap().to_string(), "1.50");
        assert_eq!(parse_amount("1.234,5", eur, de).unwrap(), d("1234.50"));
        assert_eq!(
            parse_amount("1 234,56", eur, NumberFormat::SpaceComma).unwrap(),
            d("1234.56")
        );
        let en = NumberFormat::CommaPoint;
        assert_eq!(
            parse_amount("1234,56", eur, en).unwrap_err().0,
            "\"1234,56\" does not read in 1,234.56, where \".\" marks decimals: type 1234.56"
        );
        assert!(
            parse_amount("1,5", eur, en)
                .unwrap_err()
                .0
                .ends_with("type 1.5")
        );
        assert!(parse_amount("1,5", eur, de).unwrap() != d("15"));
        assert!(
            parse_amount("1.5", eur, de)
                .unwrap_err()
                .0
                .ends_with("type 1,5")
        );
        assert!(
            parse_amount("x", eur, de)
                .unwrap_err()
                .0
                .contains("write it as 1.234,50")
        );
    }

    proptest! {
        /// Rounding half away from zero agrees with integer arithmetic at every scale.
        #[test]
        fn rounding_matches_integer_reference(mantissa in -10_000_000_000i64..10_000_000_000, scale in 0u32..9, dp in 0u32..7) {
            let value = Decimal::new(mantissa, scale);
            let rounded = round_half_away(value, dp);
            if dp >= scale {
                prop_assert_eq!(rounded, value);
            } else {
                let factor = 10i128.pow(scale - dp);
                let m = mantissa as i128;
                let q = m / factor;
                let r = (m % factor).abs();
                let expected = if r * 2 >= factor { q + m.signum() } else { q };
                prop_assert_eq!(rounded, Decimal::from_i128_with_scale(expected, dp));
            }
            // Symmetric around zero.
            prop_assert_eq!(round_half_away(-value, dp), -rounded);
        }

        #[test]
        fn minor_round_trip(minor in -1_000_000_000_000i64..1_000_000_000_000) {
            let eur = Currency::EUR;
            prop_assert_eq!(eur.to_minor(eur.from_minor(minor)).unwrap(), minor);
        }
    }
}
