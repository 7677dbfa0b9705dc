//! Reading what a user typed into a field: dates, decimals and percentages, each refusal worded
//! for the field it is shown next to.

use super::error::DomainError;
use super::scaled::SCALE;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A date typed as `YYYY-MM-DD`.
pub fn parse_date(input: &str) -> Result<NaiveDate, DomainError> {
    let t = input.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .filter(|_| t.len() == 10)
        .ok_or_else(|| DomainError::new(format!("{t:?} is not a date: use YYYY-MM-DD")))
}

/// Digits a typed quantity, unit price, percentage or amount may have before the decimal
/// point: every figure stays below 1,000,000,000,000, the amount limit
/// (`money::check_amount_range`), which keeps it exact and far inside what a decimal holds.
pub const MAX_WHOLE_DIGITS: usize = 12;

/// Why typed text is not a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unread {
    NotANumber,
    TooLarge,
    TooManyDecimals,
}

/// Typed text without its thousands separators (`,`, space, no-break space).
pub(crate) fn without_separators(input: &str) -> String {
    input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}'))
        .collect()
}

/// A figure from typed text without separators: digits with at most one `.` and an optional
/// leading `-`. The digits are counted before anything is computed: at most
/// `MAX_WHOLE_DIGITS` before the point and `decimals` after it, leading zeros and trailing
/// decimal zeros aside. The typed scale is kept (`12.50` stays `12.50`).
pub(crate) fn read_figure(text: &str, decimals: u32) -> Result<Decimal, Unread> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits_only = whole
        .bytes()
        .chain(fraction.bytes())
        .all(|b| b.is_ascii_digit());
    if !digits_only || (whole.is_empty() && fraction.is_empty()) {
        return Err(Unread::NotANumber);
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > MAX_WHOLE_DIGITS {
        return Err(Unread::TooLarge);
    }
    let significant = fraction.trim_end_matches('0').len();
    let decimals = decimals as usize;
    if significant > decimals {
        return Err(Unread::TooManyDecimals);
    }
    // Only zeros lie past `decimals`: dropping them keeps the value.
    let fraction = &fraction[..fraction.len().min(decimals)];
    let mantissa: i128 = format!("0{whole}{fraction}")
        .parse()
        .map_err(|_| Unread::NotANumber)?;
    let mantissa = if negative { -mantissa } else { mantissa };
    Decimal::try_from_i128_with_scale(mantissa, fraction.len() as u32).map_err(|_| Unread::TooLarge)
}

/// A decimal with at most 6 decimals and 12 digits before the point, `.` as point, `,` or
/// space as thousands separators.
pub fn parse_decimal(input: &str) -> Result<Decimal, DomainError> {
    read_figure(&without_separators(input), SCALE).map_err(|e| refusal(e, input))
}

fn refusal(e: Unread, input: &str) -> DomainError {
    match e {
        Unread::NotANumber => DomainError::new(format!("{:?} is not a number", input.trim())),
        Unread::TooLarge => DomainError::new(
            "too large: quantities, prices and amounts stay below 1,000,000,000,000",
        ),
        Unread::TooManyDecimals => DomainError::new(format!("at most {SCALE} decimals")),
    }
}

/// A percentage from 0 to 100.
pub fn parse_percent(input: &str) -> Result<Decimal, DomainError> {
    let range = || DomainError::new("a percentage from 0 to 100");
    let text = input.trim().trim_end_matches('%');
    let value = read_figure(&without_separators(text), SCALE).map_err(|e| match e {
        Unread::TooLarge => range(),
        e => refusal(e, text),
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
    use crate::domain::plan_input::parse_parts;
    use crate::domain::progress::{self, Billed, Cumulative, Line};
    use crate::domain::test_support::d;
    use proptest::prelude::*;

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
    }

    #[test]
    fn decimals_and_percentages() {
        assert_eq!(parse_decimal("1,234.5").unwrap(), d("1234.5"));
        assert_eq!(parse_decimal("0.000001").unwrap(), d("0.000001"));
        assert!(parse_decimal("0.0000001").is_err());
        assert!(parse_decimal("1e3").is_err());
        assert!(parse_decimal("--1").is_err());
        assert_eq!(parse_percent("25.5%").unwrap(), d("25.5"));
        assert!(parse_percent("101").is_err());
        assert!(parse_percent("-1").is_err());
    }

    /// Regression: a figure of 27 digits was read and then overflowed the arithmetic.
    #[test]
    fn figures_too_large_to_be_real_are_refused() {
        let eur = Currency::EUR;
        // 12 digits before the point is the most a quantity, price or amount has.
        assert_eq!(
            parse_decimal("999,999,999,999.999999").unwrap(),
            d("999999999999.999999")
        );
        assert!(
            parse_decimal("1,000,000,000,000")
                .unwrap_err()
                .0
                .contains("too large")
        );
        assert!(
            parse_decimal("999999999999999999999999999")
                .unwrap_err()
                .0
                .contains("too large")
        );
        assert_eq!(
            parse_amount("-999,999,999,999.99", eur).unwrap(),
            d("-999999999999.99")
        );
        assert!(
            parse_amount("1,000,000,000,000.00", eur)
                .unwrap_err()
                .0
                .contains("too large")
        );
        assert!(
            parse_percent("79228162514264337593543950335")
                .unwrap_err()
                .0
                .contains("from 0 to 100")
        );
        // Leading zeros and trailing decimal zeros are no digits of the figure.
        assert_eq!(
            parse_decimal("000000000000000000000001.500000000000000000000000000000").unwrap(),
            d("1.5")
        );
        assert_eq!(parse_amount("0012.5000000", eur).unwrap(), d("12.50"));
        // Decimals past what a decimal holds are refused, not rounded away to zero.
        assert!(
            parse_decimal("0.00000000000000000000000000000001")
                .unwrap_err()
                .0
                .contains("decimals")
        );
        for bad in ["", "-", ".", "-.", "1.2.3", "1-", "--1"] {
            assert!(parse_decimal(bad).is_err(), "{bad:?}");
            assert!(parse_amount(bad, eur).is_err(), "{bad:?}");
        }
    }

    /// Typed text of every kind: digits of any length, separators, signs, anything.
    fn typed() -> impl Strategy<Value = String> {
        prop_oneof![
            "-?[0-9]{0,34}(\\.[0-9]{0,34})?",
            "-?[0-9]{0,14}(\\.[0-9]{0,8})?",
            "[-0-9 ,.%]{0,40}",
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
        ) {
            let eur = Currency::EUR;
            let q = parse_decimal(&quantity).unwrap_or(Decimal::ONE);
            let p = parse_decimal(&price).unwrap_or(Decimal::ONE);
            let pct = parse_percent(&progress).unwrap_or(Decimal::TEN);
            let line = Line { quantity: q, unit_price: p, currency: eur };
            let _ = line.total();
            let _ = progress::check_figures(q, p).and_then(|_| progress::check_total(&line));
            let before = progress::refresh(&line, Cumulative::default(), pct)
                .map(|(_, b)| b.after(Cumulative::default()))
                .unwrap_or_default();
            let _ = parse_percent(&billed).and_then(|b| progress::edit_percent(&line, before, b));
            let _ = parse_decimal(&billed).and_then(|b| progress::edit_quantity(&line, before, b));
            let _ = parse_decimal(&billed).and_then(|b| progress::edit_amount(&line, before, b));
            let _ = parse_amount(&billed, eur).and_then(|b| progress::edit_amount(&line, before, b));
            let validated = Billed { percent: pct, quantity: q, amount: p };
            let _ = progress::remaining_forecast(&line, &[validated, validated]);
            let time = [PricedTime { hours: q, rate: p }, PricedTime { hours: p, rate: q }];
            let _ = time_and_materials_amount(&time, &[q, p], eur);
            let total = parse_amount(&total, eur).unwrap_or(Decimal::ONE_HUNDRED);
            let lines = [
                format!("a; {part_a}; 2027-01-15"),
                format!("b; {part_b}; 2027-02-15"),
            ];
            if let Ok(parts) = parse_parts(&lines, None) {
                let _ = billing_plan::amounts(&parts, total, eur);
            }
        }
    }
}
