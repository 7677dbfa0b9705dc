//! Conversions at the store's edge between domain decimals and stored integers.

use super::error::{Result, StoreError};
use crate::domain::{Currency, scaled};
use rust_decimal::Decimal;

pub fn currency(code: &str) -> Result<Currency> {
    code.parse::<Currency>()
        .map_err(|e| StoreError::refused(format!("stored {}", e.0)))
}

pub fn minor(currency: Currency, amount: Decimal) -> Result<i64> {
    Ok(currency.to_minor(amount)?)
}

pub fn micros(value: Decimal) -> Result<i64> {
    Ok(scaled::to_micros(value)?)
}

/// Parses a stored enum name, turning a bad value into a clear error instead of a panic.
pub fn parse<T: std::str::FromStr<Err = crate::domain::DomainError>>(s: &str) -> Result<T> {
    s.parse::<T>()
        .map_err(|e| StoreError::refused(format!("stored value: {}", e.0)))
}
