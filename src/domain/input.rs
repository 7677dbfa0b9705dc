//! Reading what a user typed into a field: dates, decimals and percentages (in the user's
//! number format), each refusal worded for the field it is shown next to.

use super::error::DomainError;
use super::figure::{Unread, read_plain};
use super::number_format::NumberFormat;
use super::scaled::SCALE;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A date typed as `YYYY-MM-DD`, from 1970-01-01 to 2100-12-31 (`dates`).
pub fn parse_date(input: &str) -> Result<NaiveDate, DomainError> {
    super::dates::parse(input)
}

pub use super::figure::MAX_WHOLE_DIGITS;

/// A decimal with at most 6 decimals and 12 digits before the decimal mark, typed in the
/// user's number format (`number_format`): a text that reads two ways is refused with both.
pub fn parse_decimal(input: &str, numbers: NumberFormat) -> Result<Decimal, DomainError> {
    numbers
        .parse(input, SCALE)
        .map_err(|e| refusal(e, input, numbers))
}

/// A decimal written plainly by a program (a file's cell already read, `1234.5`): `.` as the
/// decimal point, no thousands marks.
pub fn parse_plain_decimal(input: &str) -> Result<Decimal, DomainError> {
    read_plain(input.trim(), SCALE).map_err(|e| refusal(e, input, NumberFormat::CommaPoint))
}

fn refusal(e: Unread, input: &str, numbers: NumberFormat) -> DomainError {
    match e {
        Unread::NotANumber => DomainError::new(format!("{:?} is not a number", input.trim())),
        Unread::TooLarge => DomainError::new(format!(
            "too large: quantities, prices and amounts stay below {}",
            numbers.format(Decimal::from(1_000_000_000_000i64))
        )),
        Unread::TooManyDecimals => DomainError::new(format!("at most {SCALE} decimals")),
        e => DomainError::new(numbers.mark_refusal(input, e).unwrap_or_default()),
    }
}

/// A percentage from 0 to 100, typed in the user's number format, `%` after it or not.
pub fn parse_percent(input: &str, numbers: NumberFormat) -> Result<Decimal, DomainError> {
    let range = || DomainError::new("a percentage from 0 to 100");
    let text = input.trim().trim_end_matches('%');
    let value = numbers.parse(text, SCALE).map_err(|e| match e {
        Unread::TooLarge => range(),
        e => refusal(e, text, numbers),
    })?;
    if value.is_sign_negative() || value > Decimal::ONE_HUNDRED {
        return Err(range());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::billing_plan;
    use crate::domain::billing_rule::{PricedTime, time_and_materials_amount};
    use crate::domain::money::{Currency, parse_amount};
    use crate::domain::plan_input::{PartReading, parse_parts};
    use crate::domain::progress::{self, Billed, Cumulative, Line};
    use crate::domain::test_support::d;
    use proptest::prelude::*;

    const N: NumberFormat = NumberFormat::CommaPoint;

    #[test]
    fn dates() {
        assert_eq!(
            parse_date(" 2026-12-01 ").unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
        assert!(parse_date("2026-13-01").is_err());
        assert!(parse_date("1.12.2026").is_err());
        assert!(parse_date("2026-2-1").is_err());
        assert!(parse_date("").unwrap_err().0.contains("YYYY-MM-DD"));
        // Issue "Records that hold": these were read as dates.
        for outside in ["0000-01-01", "9999-12-31", "-001-01-01"] {
            assert_eq!(
                parse_date(outside).unwrap_err().0,
                format!("{outside} is outside 1970-01-01 to 2100-12-31")
            );
        }
    }

    #[test]
    fn decimals_and_percentages() {
        assert_eq!(parse_decimal("1,234.5", N).unwrap(), d("1234.5"));
        assert_eq!(parse_decimal("0.000001", N).unwrap(), d("0.000001"));
        assert!(parse_decimal("0.0000001", N).is_err());
        assert!(parse_decimal("1e3", N).is_err());
        assert!(parse_decimal("--1", N).is_err());
        assert_eq!(parse_percent("25.5%", N).unwrap(), d("25.5"));
        assert!(parse_percent("101", N).is_err());
        assert!(parse_percent("-1", N).is_err());
    }

    /// Issue 11: each figure reads under the user's format; what reads otherwise is refused
    /// with what it would mean, or with both readings.
    #[test]
    fn figures_read_in_the_users_format() {
        let de = NumberFormat::PointComma;
        assert_eq!(parse_decimal("1234,56", de).unwrap(), d("1234.56"));
        assert_eq!(parse_decimal("1,5", de).unwrap(), d("1.5"));
        assert_eq!(parse_percent("12,5 %", de).unwrap(), d("12.5"));
        assert_eq!(
            parse_decimal("1234,56", N).unwrap_err().0,
            "\"1234,56\" does not read in 1,234.56, where \".\" marks decimals: type 1234.56"
        );
        assert!(parse_decimal("1,5", N).unwrap_err().0.ends_with("type 1.5"));
        assert_eq!(
            parse_decimal("1,234", N).unwrap_err().0,
            "\"1,234\" reads two ways, 1234 or 1.234: type one of them"
        );
        assert_eq!(
            parse_percent("12,5%", N).unwrap_err().0,
            "\"12,5\" does not read in 1,234.56, where \".\" marks decimals: type 12.5"
        );
        assert!(
            parse_decimal("1.000.000.000.000", de)
                .unwrap_err()
                .0
                .contains("1.000.000.000.000")
        );
        // What a program wrote: a decimal point and nothing else.
        assert_eq!(parse_plain_decimal("-1234.5").unwrap(), d("-1234.5"));
        assert!(parse_plain_decimal("1,234").is_err());
    }

    /// Regression: a figure of 27 digits was read and then overflowed the arithmetic.
    #[test]
    fn figures_too_large_to_be_real_are_refused() {
        let eur = Currency::EUR;
        // 12 digits before the point is the most a quantity, price or amount has.
        assert_eq!(
            parse_decimal("999,999,999,999.999999", N).unwrap(),
            d("999999999999.999999")
        );
        assert!(
            parse_decimal("1,000,000,000,000", N)
                .unwrap_err()
                .0
                .contains("too large")
        );
        assert!(
            parse_decimal("999999999999999999999999999", N)
                .unwrap_err()
                .0
                .contains("too large")
        );
        assert_eq!(
            parse_amount("-999,999,999,999.99", eur, N).unwrap(),
            d("-999999999999.99")
        );
        assert!(
            parse_amount("1,000,000,000,000.00", eur, N)
                .unwrap_err()
                .0
                .contains("too large")
        );
        assert!(
            parse_percent("79228162514264337593543950335", N)
                .unwrap_err()
                .0
                .contains("from 0 to 100")
        );
        // Leading zeros and trailing decimal zeros are no digits of the figure.
        assert_eq!(
            parse_decimal("000000000000000000000001.500000000000000000000000000000", N).unwrap(),
            d("1.5")
        );
        assert_eq!(parse_amount("0012.5000000", eur, N).unwrap(), d("12.50"));
        // Decimals past what a decimal holds are refused, not rounded away to zero.
        assert!(
            parse_decimal("0.00000000000000000000000000000001", N)
                .unwrap_err()
                .0
                .contains("decimals")
        );
        for bad in ["", "-", ".", "-.", "1.2.3", "1-", "--1"] {
            assert!(parse_decimal(bad, N).is_err(), "{bad:?}");
            assert!(parse_amount(bad, eur, N).is_err(), "{bad:?}");
        }
    }

    /// Typed text of every kind: digits of any length, separators, signs, anything.
    fn typed() -> impl Strategy<Value = String> {
        prop_oneof![
            "-?[0-9]{0,34}(\\.[0-9]{0,34})?",
            "-?[0-9]{0,14}(\\.[0-9]{0,8})?",
            "[-0-9 ,.%'\u{a0}]{0,40}",
            any::<String>(),
        ]
    }

    proptest! {
        /// Whatever is typed into a figure, reading it and billing with it answers or
        /// refuses: it never panics. Each figure that does not read falls back to a plain one
        /// so that the arithmetic still runs.
        #[test]
        fn no_typed_figure_panics(
            quantity in typed(),
            price in typed(),
            progress in typed(),
            billed in typed(),
            total in typed(),
            part_a in typed(),
            part_b in typed(),
            n in prop::sample::select(NumberFormat::ALL.to_vec()),
        ) {
            let eur = Currency::EUR;
            let q = parse_decimal(&quantity, n).unwrap_or(Decimal::ONE);
            let p = parse_decimal(&price, n).unwrap_or(Decimal::ONE);
            let pct = parse_percent(&progress, n).unwrap_or(Decimal::TEN);
            let line = Line { quantity: q, unit_price: p, currency: eur };
            let _ = line.total();
            let _ = progress::check_figures(q, p).and_then(|_| progress::check_total(&line));
            let before = progress::refresh(&line, Cumulative::default(), pct)
                .map(|(_, b)| b.after(Cumulative::default()))
                .unwrap_or_default();
            let _ = parse_percent(&billed, n).and_then(|b| progress::edit_percent(&line, before, b));
            let _ = parse_decimal(&billed, n).and_then(|b| progress::edit_quantity(&line, before, b));
            let _ = parse_decimal(&billed, n).and_then(|b| progress::edit_amount(&line, before, b));
            let _ = parse_amount(&billed, eur, n).and_then(|b| progress::edit_amount(&line, before, b));
            let validated = Billed { percent: pct, quantity: q, amount: p };
            let _ = progress::remaining_forecast(&line, &[validated, validated]);
            let time = [PricedTime { hours: q, rate: p }, PricedTime { hours: p, rate: q }];
            let _ = time_and_materials_amount(&time, &[q, p], eur);
            let total = parse_amount(&total, eur, n).unwrap_or(Decimal::ONE_HUNDRED);
            let lines = [
                format!("a; {part_a}; 2027-01-15"),
                format!("b; {part_b}; 2027-02-15"),
            ];
            if let Ok(parts) = parse_parts(&lines, &PartReading::plain(None, n)) {
                let _ = billing_plan::amounts(&parts, total, eur);
            }
        }
    }
}
