//! The VAT rate that a new revenue item, a new billing plan and a new contract line start with:
//! one for all of them, the seller's setting `seller.default_vat_rate`, else [`FALLBACK`]. The
//! user may type another rate in each form; what was stored keeps its own rate.

use super::error::DomainError;
use super::figure::read_plain;
use super::scaled::SCALE;
use rust_decimal::Decimal;

/// The default while the seller has set none: 25.5 %, Finland's general VAT rate since
/// 2024-09-01.
pub const FALLBACK: Decimal = Decimal::from_parts(255, 0, 0, false, 1);

/// The rate a setting's text names: a plain figure (`.` as the decimal point, no thousands
/// marks, `%` after it or not) from 0 to 100 with at most 6 decimals; an empty text is no rate.
pub fn read_setting(text: &str) -> Result<Option<Decimal>, DomainError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let refused = || {
        DomainError::new(format!(
            "{text:?} is not a VAT rate: a percentage from 0 to 100 with at most {SCALE} \
             decimals, written with a point (25.5)"
        ))
    };
    let rate = read_plain(text.trim_end_matches('%').trim_end(), SCALE).map_err(|_| refused())?;
    if rate.is_sign_negative() || rate > Decimal::ONE_HUNDRED {
        return Err(refused());
    }
    Ok(Some(rate.normalize()))
}

/// The default VAT rate, given the setting's stored text (if any).
pub fn default_rate(setting: Option<&str>) -> Result<Decimal, DomainError> {
    Ok(setting
        .map(read_setting)
        .transpose()?
        .flatten()
        .unwrap_or(FALLBACK))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;

    #[test]
    fn the_fallback_is_25_5() {
        assert_eq!(FALLBACK, d("25.5"));
        assert_eq!(default_rate(None).unwrap(), d("25.5"));
        assert_eq!(default_rate(Some("")).unwrap(), d("25.5"));
    }

    #[test]
    fn a_setting_reads_plainly() {
        assert_eq!(default_rate(Some("24")).unwrap(), d("24"));
        assert_eq!(read_setting(" 14.000% ").unwrap(), Some(d("14")));
        assert_eq!(read_setting("0").unwrap(), Some(d("0")));
        assert_eq!(read_setting("100").unwrap(), Some(d("100")));
        for bad in ["101", "-1", "-0.5", "25,5", "1 000", "x", "1.0000001", "%"] {
            let e = read_setting(bad).unwrap_err();
            assert!(e.0.contains("not a VAT rate"), "{bad}: {e:?}");
        }
    }
}
