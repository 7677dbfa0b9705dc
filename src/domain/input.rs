//! Reading what a user typed into a field: dates, decimals and percentages, each refusal worded
//! for the field it is shown next to.

use super::DomainError;
use super::scaled::SCALE;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

/// A date typed as `YYYY-MM-DD`.
pub fn parse_date(input: &str) -> Result<NaiveDate, DomainError> {
    let t = input.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .filter(|_| t.len() == 10)
        .ok_or_else(|| DomainError::new(format!("{t:?} is not a date: use YYYY-MM-DD")))
}

/// A decimal with at most 6 decimals, `.` as point, `,` or space as thousands separators.
pub fn parse_decimal(input: &str) -> Result<Decimal, DomainError> {
    let cleaned: String = input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}'))
        .collect();
    let valid = !cleaned.is_empty()
        && cleaned
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && c == '-'));
    let value = valid
        .then(|| Decimal::from_str(&cleaned).ok())
        .flatten()
        .ok_or_else(|| DomainError::new(format!("{:?} is not a number", input.trim())))?;
    if value.normalize().scale() > SCALE {
        return Err(DomainError::new(format!("at most {SCALE} decimals")));
    }
    Ok(value)
}

/// A percentage from 0 to 100.
pub fn parse_percent(input: &str) -> Result<Decimal, DomainError> {
    let value = parse_decimal(input.trim().trim_end_matches('%'))?;
    if value.is_sign_negative() || value > Decimal::ONE_HUNDRED {
        return Err(DomainError::new("a percentage from 0 to 100"));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;

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
}
