//! A figure written plainly: digits, at most one `.` and an optional leading `-`, with the
//! limits every typed figure meets. What a user typed reaches this only after their number
//! format has been read off it (`number_format`).

use rust_decimal::Decimal;

/// Digits a typed quantity, unit price, percentage or amount may have before the decimal
/// point: every figure stays below 1,000,000,000,000, the amount limit
/// (`money::check_amount_range`), which keeps it exact and far inside what a decimal holds.
pub const MAX_WHOLE_DIGITS: usize = 12;

/// Why typed text is not a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unread {
    NotANumber,
    TooLarge,
    TooManyDecimals,
    /// The text reads only with the other convention's decimal mark (`1,5` where `.` marks
    /// decimals): what it would then be.
    OtherMark(Decimal),
    /// The text reads two ways: its one `,` or `.` groups thousands (`grouped`) or marks
    /// decimals (`decimal`), and both fit the field.
    TwoReadings {
        grouped: Decimal,
        decimal: Decimal,
    },
}

/// A figure from plain text: digits with at most one `.` and an optional leading `-`. The
/// digits are counted before anything is computed: at most `MAX_WHOLE_DIGITS` before the point
/// and `decimals` after it, leading zeros and trailing decimal zeros aside. The typed scale is
/// kept (`12.50` stays `12.50`).
pub fn read_plain(text: &str, decimals: u32) -> Result<Decimal, Unread> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;

    #[test]
    fn plain_figures() {
        assert_eq!(read_plain("12.50", 2), Ok(d("12.50")));
        assert_eq!(read_plain("-.5", 6), Ok(d("-0.5")));
        assert_eq!(read_plain("0012.5000000", 2), Ok(d("12.50")));
        assert_eq!(read_plain("1.234", 2), Err(Unread::TooManyDecimals));
        assert_eq!(read_plain("1000000000000", 2), Err(Unread::TooLarge));
        for bad in ["", "-", ".", "1,5", "1 000", "+1", "1.2.3", "1e3"] {
            assert_eq!(read_plain(bad, 6), Err(Unread::NotANumber), "{bad:?}");
        }
    }
}
