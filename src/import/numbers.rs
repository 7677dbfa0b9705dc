//! Strict numbers: a figure is read under the decimal and thousands separators the file
//! declares, and a text that another reading could take for a figure 1,000 times larger or
//! smaller is refused, whatever was declared. The rules (docs/import.md, "Numbers"):
//!
//! 1. Digits, an optional leading `-`, the declared decimal separator (at most once) and the
//!    declared thousands separator; any other `.` or `,` is refused.
//! 2. Thousands separators only before the decimal separator, in groups of three digits after
//!    a first group of one to three digits that does not start with `0`.
//! 3. A text whose only separator is one `.` or `,` with one to three digits before it (not
//!    starting with `0`) and exactly three after it (`1,234`, `12.500`) is refused: one
//!    convention reads it as a decimal separator and the other as a thousands separator.
//! 4. At least one digit after a decimal separator; no exponent.
//!
//! The figure found then meets the limits of typed figures (`domain::input`): at most 12
//! digits before the point and 6 after.

use crate::domain::input::parse_plain_decimal;
use rust_decimal::Decimal;

/// How a file writes its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberFormat {
    /// `.` or `,`.
    pub decimal: char,
    /// `,`, `.`, space, `'`, or none.
    pub thousands: Option<char>,
}

impl Default for NumberFormat {
    /// `1,234.56`: decimal point, comma between thousands.
    fn default() -> NumberFormat {
        NumberFormat {
            decimal: '.',
            thousands: Some(','),
        }
    }
}

impl NumberFormat {
    /// A format from a mapping's `decimal` and `thousands` (absent: `,` with a decimal point,
    /// `.` with a decimal comma; `""` for none).
    pub fn new(decimal: &str, thousands: Option<&str>) -> Result<NumberFormat, String> {
        let decimal = match decimal {
            "." => '.',
            "," => ',',
            other => return Err(format!("decimal {other:?}: use \".\" or \",\"")),
        };
        let thousands = match thousands {
            None if decimal == '.' => Some(','),
            None => Some('.'),
            Some("") => None,
            Some(t @ ("," | "." | " " | "'")) => t.chars().next(),
            Some(other) => {
                return Err(format!(
                    "thousands {other:?}: use \",\", \".\", \" \", \"'\" or \"\" for none"
                ));
            }
        };
        if thousands == Some(decimal) {
            return Err(format!(
                "thousands and decimal are both {decimal:?}: a figure could not be read"
            ));
        }
        Ok(NumberFormat { decimal, thousands })
    }

    fn is_thousands(&self, c: char) -> bool {
        match self.thousands {
            Some(' ') => matches!(c, ' ' | '\u{a0}' | '\u{202f}'),
            Some(t) => c == t,
            None => false,
        }
    }
}

/// The figure a text writes under `format`, as plain text: `-1234.5`.
pub fn plain_figure(text: &str, format: &NumberFormat) -> Result<String, String> {
    let t = text.trim();
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let not_a_number = || format!("{t:?} is not a number");
    if body.is_empty() {
        return Err(not_a_number());
    }
    check_ambiguous(t, body, format)?;
    for c in body.chars() {
        if c.is_ascii_digit() || c == format.decimal || format.is_thousands(c) {
            continue;
        }
        if c == '.' || c == ',' {
            return Err(format!(
                "{t:?}: {c:?} is not the decimal separator declared ({:?}) nor its thousands \
                 separator ({})",
                format.decimal,
                describe(format.thousands)
            ));
        }
        return Err(not_a_number());
    }
    let mut parts = body.split(format.decimal);
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next();
    if parts.next().is_some() {
        return Err(format!(
            "{t:?} has more than one {:?}, the decimal separator declared",
            format.decimal
        ));
    }
    let digits = whole_digits(t, whole, format)?;
    let mut plain = String::with_capacity(t.len());
    if negative {
        plain.push('-');
    }
    plain.push_str(&digits);
    if let Some(fraction) = fraction {
        if fraction.is_empty() {
            return Err(format!("{t:?} has no digits after its decimal separator"));
        }
        if !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "{t:?} has a thousands separator after its decimal separator (the decimal \
                 separator declared is {:?})",
                format.decimal
            ));
        }
        plain.push('.');
        plain.push_str(fraction);
    } else if digits.is_empty() {
        return Err(not_a_number());
    }
    Ok(plain)
}

/// Rule 3: one `.` or `,` between 1 to 3 digits (not starting with `0`) and exactly 3.
fn check_ambiguous(t: &str, body: &str, format: &NumberFormat) -> Result<(), String> {
    let Some(at) = body.find(['.', ',']) else {
        return Ok(());
    };
    let (before, after) = (&body[..at], &body[at + 1..]);
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let ambiguous = (1..=3).contains(&before.len())
        && !before.starts_with('0')
        && digits(before)
        && after.len() == 3
        && digits(after);
    if !ambiguous {
        return Ok(());
    }
    let sign = if t.starts_with('-') { "-" } else { "" };
    Err(format!(
        "{t:?} could be {sign}{before}{after} or {sign}{before}.{after}: write \
         {sign}{before}{after} without a thousands separator, or {sign}{before}{}{after}0 with \
         a fourth decimal",
        format.decimal
    ))
}

/// The digits before the decimal separator, thousands separators checked (rule 2) and taken
/// out.
fn whole_digits(t: &str, whole: &str, format: &NumberFormat) -> Result<String, String> {
    if !whole.chars().any(|c| format.is_thousands(c)) {
        return Ok(whole.to_string());
    }
    let mut digits = String::with_capacity(whole.len());
    for (i, group) in whole.split(|c| format.is_thousands(c)).enumerate() {
        let fits = if i == 0 {
            (1..=3).contains(&group.len()) && !group.starts_with('0')
        } else {
            group.len() == 3
        };
        if !fits {
            return Err(format!(
                "{t:?} is not grouped in thousands: write it without thousands separators, or \
                 with groups of three digits ({})",
                describe(format.thousands)
            ));
        }
        digits.push_str(group);
    }
    Ok(digits)
}

fn describe(thousands: Option<char>) -> String {
    match thousands {
        Some(' ') => "a space".to_string(),
        Some(c) => format!("{c:?}"),
        None => "none".to_string(),
    }
}

/// A figure a file typed as a number (JSON, a numeric workbook cell): digits, an optional
/// leading `-` and an optional `.` with decimals; no exponent.
pub fn typed_figure(text: &str) -> Result<String, String> {
    let t = text.trim();
    if t.contains(['e', 'E']) {
        return Err(format!("{t} has an exponent: write the number out"));
    }
    let body = t.strip_prefix('-').unwrap_or(t);
    let (whole, fraction) = body.split_once('.').unwrap_or((body, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(whole) && digits(fraction) {
        Ok(t.to_string())
    } else {
        Err(format!("{t:?} is not a number"))
    }
}

/// A figure within the limits of typed figures: at most 12 digits before the point and 6
/// after it.
pub fn figure(plain: &str) -> Result<Decimal, String> {
    parse_plain_decimal(plain).map_err(|e| e.0)
}

/// A workbook's number as Excel shows it: at most 15 significant digits, so that a sum
/// stored as `0.30000000000000004` reads `0.3`.
pub fn excel_number(value: f64) -> Result<String, String> {
    if !value.is_finite() {
        return Err("the cell holds no finite number".to_string());
    }
    if value == 0.0 {
        return Ok("0".to_string());
    }
    // `d.dddddddddddddde±x`: 15 significant digits and an exponent.
    let scientific = format!("{value:.14e}");
    let (mantissa, exponent) = scientific
        .split_once('e')
        .ok_or_else(|| format!("{value} is not a number"))?;
    let exponent: i32 = exponent
        .parse()
        .map_err(|_| format!("{value} is not a number"))?;
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    // The value is 0.digits x 10^(exponent + 1).
    let point = exponent + 1;
    let mut text = String::new();
    if negative {
        text.push('-');
    }
    if point <= 0 {
        text.push_str("0.");
        text.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        text.push_str(&digits);
    } else if point as usize >= digits.len() {
        text.push_str(&digits);
        text.extend(std::iter::repeat_n('0', point as usize - digits.len()));
    } else {
        text.push_str(&digits[..point as usize]);
        text.push('.');
        text.push_str(&digits[point as usize..]);
    }
    if text.contains('.') {
        let trimmed = text.trim_end_matches('0').trim_end_matches('.');
        text = trimmed.to_string();
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn point() -> NumberFormat {
        NumberFormat::default()
    }

    fn comma() -> NumberFormat {
        NumberFormat::new(",", None).unwrap()
    }

    fn read(text: &str, format: &NumberFormat) -> Result<Decimal, String> {
        plain_figure(text, format).and_then(|p| figure(&p))
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn decimal_point_with_thousands_commas() {
        let f = point();
        assert_eq!(read("1,234.56", &f), Ok(d("1234.56")));
        assert_eq!(read("1234.56", &f), Ok(d("1234.56")));
        assert_eq!(read("-1,234,567.5", &f), Ok(d("-1234567.5")));
        assert_eq!(read("1,234,567", &f), Ok(d("1234567")));
        assert_eq!(read(" 12 ", &f), Ok(d("12")));
        assert_eq!(read("0.125", &f), Ok(d("0.125")));
        assert_eq!(read("1234.567", &f), Ok(d("1234.567")));
        assert_eq!(read(".5", &f), Ok(d("0.5")));
        for bad in [
            "1.234,56",
            "1,5",
            "12,50",
            "1.234.567",
            "1,23,456",
            "0,123",
            "1.",
            "-",
            "",
            "1e3",
            "1 234",
            "12a",
            "--1",
            "1-",
            ",5",
            "1,,234",
        ] {
            assert!(read(bad, &f).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn decimal_comma_with_thousands_points() {
        let f = comma();
        assert_eq!(read("1.234,56", &f), Ok(d("1234.56")));
        assert_eq!(read("1234,56", &f), Ok(d("1234.56")));
        assert_eq!(read("1.234.567", &f), Ok(d("1234567")));
        assert_eq!(read("7,5", &f), Ok(d("7.5")));
        for bad in ["1,234.56", "1.5", "1,234,567", "12.50"] {
            assert!(read(bad, &f).is_err(), "{bad:?}");
        }
        let spaces = NumberFormat::new(",", Some(" ")).unwrap();
        assert_eq!(read("1 234 567,5", &spaces), Ok(d("1234567.5")));
        assert_eq!(read("1\u{a0}234,5", &spaces), Ok(d("1234.5")));
        let swiss = NumberFormat::new(".", Some("'")).unwrap();
        assert_eq!(read("1'234.50", &swiss), Ok(d("1234.50")));
        let none = NumberFormat::new(".", Some("")).unwrap();
        assert!(read("1,234.5", &none).is_err());
        assert!(NumberFormat::new(",", Some(",")).is_err());
        assert!(NumberFormat::new(";", None).is_err());
    }

    /// One separator between 1 to 3 digits and exactly 3 is refused under every declared
    /// format: one convention reads it 1,000 times the other.
    #[test]
    fn one_separator_before_three_digits_is_refused() {
        for f in [point(), comma(), NumberFormat::new(".", Some("")).unwrap()] {
            for text in ["1,234", "1.234", "12.500", "-999,000", "100.000"] {
                let e = read(text, &f).unwrap_err();
                assert!(e.contains("could be"), "{text:?}: {e}");
            }
            // Leading zero, four digits or two digits: only one reading.
            assert!(read("0.125", &f).is_ok() || read("0,125", &f).is_ok());
        }
        let e = read("1,234", &point()).unwrap_err();
        assert_eq!(
            e,
            "\"1,234\" could be 1234 or 1.234: write 1234 without a thousands separator, or \
             1.2340 with a fourth decimal"
        );
        assert_eq!(read("1.2340", &point()), Ok(d("1.234")));
        assert_eq!(read("1,2340", &comma()), Ok(d("1.234")));
    }

    #[test]
    fn limits_of_typed_figures() {
        let f = point();
        assert_eq!(
            read("999,999,999,999.999999", &f),
            Ok(d("999999999999.999999"))
        );
        assert!(
            read("1,000,000,000,000", &f)
                .unwrap_err()
                .contains("too large")
        );
        assert!(read("0.0000001", &f).unwrap_err().contains("6 decimals"));
    }

    #[test]
    fn typed_numbers() {
        assert_eq!(typed_figure("1234.5"), Ok("1234.5".to_string()));
        assert_eq!(typed_figure("-0.25"), Ok("-0.25".to_string()));
        assert!(typed_figure("1e3").is_err());
        assert!(typed_figure("1.").is_err());
        assert!(typed_figure(".5").is_err());
        assert!(typed_figure("").is_err());
        assert_eq!(excel_number(1234.56).unwrap(), "1234.56");
        assert_eq!(excel_number(0.1 + 0.2).unwrap(), "0.3");
        assert_eq!(excel_number(7.5).unwrap(), "7.5");
        assert_eq!(excel_number(30.0).unwrap(), "30");
        assert_eq!(excel_number(-0.000125).unwrap(), "-0.000125");
        assert_eq!(excel_number(1e15).unwrap(), "1000000000000000");
        assert!(excel_number(f64::NAN).is_err());
    }

    /// A figure written out in some convention: decimal point or comma, thousands grouped
    /// with some separator or not, maybe trailing zeros.
    fn written(value: Decimal, decimal: char, thousands: Option<char>, zeros: usize) -> String {
        let text = value.abs().to_string();
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let mut out = String::new();
        if value.is_sign_negative() && !value.is_zero() {
            out.push('-');
        }
        for (i, c) in whole.chars().enumerate() {
            if let Some(t) = thousands.filter(|_| i > 0 && (whole.len() - i) % 3 == 0) {
                out.push(t);
            }
            out.push(c);
        }
        let fraction = format!("{fraction}{}", "0".repeat(zeros));
        if !fraction.is_empty() {
            out.push(decimal);
            out.push_str(&fraction);
        }
        out
    }

    fn formats() -> impl Strategy<Value = NumberFormat> {
        (
            prop::bool::ANY,
            prop::sample::select(vec!["", ",", ".", " ", "'"]),
        )
            .prop_filter_map("thousands apart from decimal", |(comma, t)| {
                NumberFormat::new(if comma { "," } else { "." }, Some(t)).ok()
            })
    }

    proptest! {
        /// Whatever convention a figure was written in and whatever format is declared, it
        /// reads as itself or not at all: never 10, 100 or 1,000 times another figure.
        #[test]
        fn a_figure_reads_as_itself_or_not_at_all(
            mantissa in -999_999_999_999_999i64..999_999_999_999_999,
            scale in 0u32..7,
            written_as in formats(),
            grouped in prop::bool::ANY,
            zeros in 0usize..3,
            declared in formats(),
        ) {
            let value = Decimal::new(mantissa, scale);
            let thousands = if grouped { written_as.thousands } else { None };
            let text = written(value, written_as.decimal, thousands, zeros);
            if let Ok(read) = read(&text, &declared) {
                prop_assert_eq!(read, value, "{:?} declared {:?}", text, declared);
            }
            // Read as written, it reads unless rule 3 finds it ambiguous.
            let same = NumberFormat { decimal: written_as.decimal, thousands };
            match read(&text, &same) {
                Ok(read) => prop_assert_eq!(read, value),
                Err(e) => prop_assert!(
                    e.contains("could be") || e.contains("too large") || e.contains("decimals"),
                    "{:?}: {}", text, e
                ),
            }
        }

        /// No text makes the reading panic.
        #[test]
        fn no_text_panics(text in "\\PC{0,30}", declared in formats(), typed in "[-0-9.,eE ]{0,20}") {
            let _ = read(&text, &declared);
            let _ = typed_figure(&typed).and_then(|p| figure(&p));
        }

        #[test]
        fn excel_numbers_read_back(value in -1e12f64..1e12) {
            let text = excel_number(value).unwrap();
            let back: f64 = text.parse().unwrap();
            prop_assert!((back - value).abs() <= value.abs() * 1e-14 + 1e-300);
            prop_assert!(typed_figure(&text).is_ok(), "{}", text);
        }
    }
}
