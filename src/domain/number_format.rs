//! How a user writes figures: `1,234.56`, `1 234,56`, `1.234,56` or `1'234.56`. Each user has
//! one (kept with the user in the database); the console shows figures in it and reads what is
//! typed under it. The rules of reading (docs/rules.md, "Numbers typed and shown"):
//!
//! 1. Digits, an optional leading `-`, at most one decimal mark (the format's: `.` or `,`) with
//!    digits after it, and marks between thousands before it.
//! 2. Thousands are grouped by the format's own mark (`,` in `1,234.56`, `.` in `1.234,56`) or
//!    by a space (plain, no-break U+00A0, narrow no-break U+202F) or an apostrophe (`'`, `’`)
//!    in every format: no format reads those as a decimal mark. Grouped, the first group has
//!    one to three digits and does not start with `0`, every other group exactly three.
//! 3. A text that reads only with the other convention's decimal mark (`1,5` or `1234,56` in
//!    `1,234.56`; `1.5` in `1.234,56`) is refused, saying what it would then be.
//! 4. A text whose only mark is one `,` (`.`) of the format grouping three digits (`1,234` in
//!    `1,234.56`) reads two ways when those three digits also read as decimals of the field
//!    (a quantity, a price, a percentage: up to 6 decimals; an amount in euros: 2, and zeros
//!    past them, so `1,250` could be 1.25): it is refused with both readings. Where they
//!    could not (`1,234` in euros), it is the thousands. Likewise a text that reads both with
//!    the other decimal mark and with that mark grouping thousands (`1.234` in `1 234,56`) is
//!    refused with both readings. In a field without decimals (yen) the three digits are never
//!    decimals, not even `000`: `1.000` is 1000.
//! 5. The limits of every typed figure: 12 digits before the decimal mark, the field's
//!    decimals after it (`figure::read_plain`).

use super::error::DomainError;
use super::figure::{Unread, read_plain};
use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

/// The four ways of writing a figure, named by how they write 1234.56.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum NumberFormat {
    /// `1,234.56`: the default where the locale names none.
    #[default]
    CommaPoint,
    /// `1 234,56` (shown with a no-break space, so that a figure never breaks across lines).
    SpaceComma,
    /// `1.234,56`.
    PointComma,
    /// `1'234.56`.
    ApostrophePoint,
}

/// What groups thousands in every format: spaces (plain, no-break, narrow no-break) and
/// apostrophes (straight, typographic). No format reads any of them as a decimal mark.
const ANY_FORMAT_GROUPS: [char; 5] = [' ', '\u{a0}', '\u{202f}', '\'', '\u{2019}'];

impl NumberFormat {
    pub const ALL: [NumberFormat; 4] = [
        NumberFormat::CommaPoint,
        NumberFormat::SpaceComma,
        NumberFormat::PointComma,
        NumberFormat::ApostrophePoint,
    ];

    /// 1234.56 written in this format, with a plain space: its name on the command line, in
    /// the console, in the database and in the docs.
    pub fn sample(self) -> &'static str {
        match self {
            NumberFormat::CommaPoint => "1,234.56",
            NumberFormat::SpaceComma => "1 234,56",
            NumberFormat::PointComma => "1.234,56",
            NumberFormat::ApostrophePoint => "1'234.56",
        }
    }

    /// The mark before the decimals.
    pub fn decimal_mark(self) -> char {
        match self {
            NumberFormat::CommaPoint | NumberFormat::ApostrophePoint => '.',
            NumberFormat::SpaceComma | NumberFormat::PointComma => ',',
        }
    }

    /// The mark shown between thousands.
    pub fn group_mark(self) -> char {
        match self {
            NumberFormat::CommaPoint => ',',
            NumberFormat::SpaceComma => '\u{a0}',
            NumberFormat::PointComma => '.',
            NumberFormat::ApostrophePoint => '\'',
        }
    }

    /// The `,` or `.` that groups thousands in this format, if one does.
    fn dot_or_comma_group(self) -> Option<char> {
        match self {
            NumberFormat::CommaPoint => Some(','),
            NumberFormat::PointComma => Some('.'),
            NumberFormat::SpaceComma | NumberFormat::ApostrophePoint => None,
        }
    }

    /// The other convention's decimal mark: `,` where `.` marks decimals, and back.
    fn other_mark(self) -> char {
        match self.decimal_mark() {
            '.' => ',',
            _ => '.',
        }
    }

    /// A figure with its thousands grouped, at its own decimals: `-1,234,567.50`,
    /// `1 234,5` (no-break space), `1.234`.
    pub fn format(self, value: Decimal) -> String {
        let text = value.to_string();
        let (sign, digits) = match text.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", text.as_str()),
        };
        let (whole, fraction) = match digits.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (digits, None),
        };
        let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
        out.push_str(sign);
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push(self.group_mark());
            }
            out.push(c);
        }
        if let Some(f) = fraction {
            out.push(self.decimal_mark());
            out.push_str(f);
        }
        out
    }

    /// A figure at `decimals` decimals (rounded half away from zero when it has more), grouped.
    pub fn format_to(self, value: Decimal, decimals: u32) -> String {
        let mut v = super::rounding::round_half_away(value, decimals);
        v.rescale(decimals);
        self.format(v)
    }

    /// A figure without grouping, at its own decimals (`1234,5`): what a field to edit starts
    /// with, and a reading shown in a refusal. It always reads back as itself.
    pub fn plain(self, value: Decimal) -> String {
        value
            .to_string()
            .replace('.', &self.decimal_mark().to_string())
    }

    /// Reads typed text under this format, with at most `decimals` decimals; the typed scale is
    /// kept. Never panics; see the module's rules for what is refused.
    pub fn parse(self, text: &str, decimals: u32) -> Result<Decimal, Unread> {
        let t = text.trim();
        let mark = self.decimal_mark();
        let other = self.other_mark();
        match read_marked(t, mark, self.dot_or_comma_group(), decimals) {
            Ok(value) => {
                // Rule 4: one `,` (`.`) of the format and no decimal mark, in a field that
                // takes decimals (in one that takes none, yen, three digits are never
                // decimals, not even zeros: `1.000` is 1000, as the screens show it).
                let lone = decimals > 0
                    && self
                        .dot_or_comma_group()
                        .is_some_and(|g| t.matches(g).count() == 1)
                    && !t.contains(mark);
                if lone
                    && let Ok(decimal) = read_marked(t, other, Some(mark), decimals)
                    && decimal != value
                {
                    return Err(Unread::TwoReadings {
                        grouped: value,
                        decimal,
                    });
                }
                Ok(value)
            }
            // Rules 3 and 4: the other mark as the decimal mark, or grouping thousands.
            Err(Unread::NotANumber) => {
                let as_decimal = read_marked(t, other, Some(mark), decimals).ok();
                let as_group = read_marked(t, mark, Some(other), decimals).ok();
                match (as_group, as_decimal) {
                    (Some(grouped), Some(decimal)) if grouped != decimal && decimals > 0 => {
                        Err(Unread::TwoReadings { grouped, decimal })
                    }
                    (Some(v), _) | (None, Some(v)) => Err(Unread::OtherMark(v)),
                    (None, None) => Err(Unread::NotANumber),
                }
            }
            Err(e) => Err(e),
        }
    }

    /// The refusal of text whose marks do not read under this format (rules 3 and 4), with the
    /// reading(s) written as this format reads them back; `None` for other refusals.
    pub fn mark_refusal(self, typed: &str, unread: Unread) -> Option<String> {
        let typed = typed.trim();
        match unread {
            Unread::OtherMark(meant) => Some(format!(
                "{typed:?} does not read in {}, where {:?} marks decimals: type {}",
                self.sample(),
                self.decimal_mark().to_string(),
                self.plain(meant)
            )),
            Unread::TwoReadings { grouped, decimal } => Some(format!(
                "{typed:?} reads two ways, {} or {}: type one of them",
                self.plain(grouped),
                self.plain(decimal)
            )),
            _ => None,
        }
    }
}

/// Reads `text` with `decimal` as the decimal mark and `group` (besides the marks of every
/// format) grouping thousands before it: rules 1, 2 and 5.
fn read_marked(
    text: &str,
    decimal: char,
    group: Option<char>,
    decimals: u32,
) -> Result<Decimal, Unread> {
    let is_group = |c: char| ANY_FORMAT_GROUPS.contains(&c) || Some(c) == group;
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = match body.split_once(decimal) {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let whole: String = if whole.contains(is_group) {
        let mut groups = whole.split(is_group);
        let first = groups.next().unwrap_or_default();
        let first_fits = (1..=3).contains(&first.len()) && digits(first) && !first.starts_with('0');
        if !first_fits || !groups.all(|g| g.len() == 3 && digits(g)) {
            return Err(Unread::NotANumber);
        }
        whole.chars().filter(|c| !is_group(*c)).collect()
    } else {
        whole.to_string()
    };
    // Only digits are left: a second decimal mark, the other convention's mark where this
    // reading has no use for it, or any other character is no number.
    if !digits(&whole) || !fraction.is_none_or(digits) {
        return Err(Unread::NotANumber);
    }
    let plain = match fraction {
        Some(f) => format!("{sign}{whole}.{f}"),
        None => format!("{sign}{whole}"),
    };
    read_plain(&plain, decimals)
}

impl fmt::Display for NumberFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.sample())
    }
}

impl FromStr for NumberFormat {
    type Err = DomainError;

    /// A format by its sample (`1.234,56`); any space may stand for the space of `1 234,56`
    /// and `’` for the apostrophe.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted: String = s
            .trim()
            .chars()
            .map(|c| match c {
                '\u{a0}' | '\u{202f}' => ' ',
                '\u{2019}' => '\'',
                c => c,
            })
            .collect();
        NumberFormat::ALL
            .into_iter()
            .find(|f| f.sample() == wanted)
            .ok_or_else(|| {
                DomainError::new(format!(
                    "unknown number format {:?}: use {}",
                    s.trim(),
                    NumberFormat::ALL
                        .map(|f| format!("{:?}", f.sample()))
                        .join(", ")
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;
    use NumberFormat::*;
    use proptest::prelude::*;

    #[test]
    fn formats_group_thousands_at_the_figures_own_decimals() {
        let v = d("-1234567.50");
        assert_eq!(CommaPoint.format(v), "-1,234,567.50");
        assert_eq!(SpaceComma.format(v), "-1\u{a0}234\u{a0}567,50");
        assert_eq!(PointComma.format(v), "-1.234.567,50");
        assert_eq!(ApostrophePoint.format(v), "-1'234'567.50");
        assert_eq!(PointComma.format(d("999")), "999");
        assert_eq!(PointComma.format(d("0.07")), "0,07");
        assert_eq!(CommaPoint.format(d("100000")), "100,000");
        assert_eq!(PointComma.format_to(d("1234.5"), 2), "1.234,50");
        assert_eq!(CommaPoint.format_to(d("2.675"), 2), "2.68");
        assert_eq!(SpaceComma.plain(d("-1234.5")), "-1234,5");
    }

    /// Issue 11: `1234,56` and `1,5` are what a decimal-comma user means.
    #[test]
    fn a_decimal_comma_format_reads_the_comma_as_decimals() {
        assert_eq!(PointComma.parse("1234,56", 2), Ok(d("1234.56")));
        assert_eq!(PointComma.parse("1,5", 6), Ok(d("1.5")));
        assert_eq!(PointComma.parse("1.234,56", 2), Ok(d("1234.56")));
        assert_eq!(PointComma.parse(" -1.234.567 ", 2), Ok(d("-1234567")));
        assert_eq!(SpaceComma.parse("1 234,56", 2), Ok(d("1234.56")));
        assert_eq!(SpaceComma.parse("1\u{a0}234,56", 2), Ok(d("1234.56")));
        assert_eq!(
            SpaceComma.parse("1\u{202f}234\u{202f}567,5", 2),
            Ok(d("1234567.5"))
        );
        assert_eq!(ApostrophePoint.parse("1'234.56", 2), Ok(d("1234.56")));
        assert_eq!(ApostrophePoint.parse("1’234.56", 2), Ok(d("1234.56")));
        // Spaces and apostrophes group thousands in every format.
        assert_eq!(CommaPoint.parse("1 234.50", 2), Ok(d("1234.50")));
        assert_eq!(PointComma.parse("1'234,5", 2), Ok(d("1234.5")));
    }

    /// Issue 11: under `1,234.56` the same text is refused with what it would mean, never
    /// read as 123,456.00 or 15.
    #[test]
    fn the_other_decimal_mark_is_refused_with_what_it_would_mean() {
        assert_eq!(
            CommaPoint.parse("1234,56", 2),
            Err(Unread::OtherMark(d("1234.56")))
        );
        assert_eq!(CommaPoint.parse("1,5", 6), Err(Unread::OtherMark(d("1.5"))));
        assert_eq!(
            CommaPoint.parse("1.234,56", 2),
            Err(Unread::OtherMark(d("1234.56")))
        );
        assert_eq!(PointComma.parse("1.5", 6), Err(Unread::OtherMark(d("1.5"))));
        assert_eq!(
            PointComma.parse("1,234.56", 2),
            Err(Unread::OtherMark(d("1234.56")))
        );
        assert_eq!(
            SpaceComma.parse("12.5", 6),
            Err(Unread::OtherMark(d("12.5")))
        );
        assert_eq!(
            ApostrophePoint.parse("0,25", 6),
            Err(Unread::OtherMark(d("0.25")))
        );
        // A first group starting with 0 is no grouping.
        assert_eq!(
            CommaPoint.parse("0,123", 6),
            Err(Unread::OtherMark(d("0.123")))
        );
        let message = CommaPoint
            .mark_refusal("1234,56", Unread::OtherMark(d("1234.56")))
            .unwrap();
        assert_eq!(
            message,
            "\"1234,56\" does not read in 1,234.56, where \".\" marks decimals: type 1234.56"
        );
        let message = PointComma
            .mark_refusal("1.5", Unread::OtherMark(d("1.5")))
            .unwrap();
        assert!(message.ends_with("type 1,5"), "{message}");
    }

    #[test]
    fn a_lone_group_mark_of_three_digits_reads_two_ways_where_decimals_could_be() {
        let two = |grouped: &str, decimal: &str| {
            Err(Unread::TwoReadings {
                grouped: d(grouped),
                decimal: d(decimal),
            })
        };
        assert_eq!(CommaPoint.parse("1,234", 6), two("1234", "1.234"));
        assert_eq!(CommaPoint.parse("-12,345", 6), two("-12345", "-12.345"));
        assert_eq!(CommaPoint.parse("1 234,567", 6), two("1234567", "1234.567"));
        assert_eq!(PointComma.parse("1.234", 6), two("1234", "1.234"));
        assert_eq!(SpaceComma.parse("1.234", 6), two("1234", "1.234"));
        assert_eq!(ApostrophePoint.parse("1,234", 6), two("1234", "1.234"));
        // With two decimals at most (an amount in euros) only the thousands fit.
        assert_eq!(CommaPoint.parse("1,234", 2), Ok(d("1234")));
        assert_eq!(PointComma.parse("1.234", 0), Ok(d("1234")));
        // Issue "Records that hold": without decimals (yen) three zeros are no decimals
        // either. `1.000` is how the screens show 1000 yen; the fuzzer found it refused as
        // "1000 or 1".
        assert_eq!(PointComma.parse("1.000", 0), Ok(d("1000")));
        assert_eq!(CommaPoint.parse("-12,000", 0), Ok(d("-12000")));
        assert_eq!(
            SpaceComma.parse("1.000", 0),
            Err(Unread::OtherMark(d("1000")))
        );
        assert_eq!(CommaPoint.parse("1,000", 2), two("1000", "1"));
        // Two groups, or a decimal mark as well: one reading only.
        assert_eq!(CommaPoint.parse("1,234,567", 6), Ok(d("1234567")));
        assert_eq!(CommaPoint.parse("1,234.5", 6), Ok(d("1234.5")));
        // The format's own decimal mark is never in doubt.
        assert_eq!(CommaPoint.parse("1.234", 6), Ok(d("1.234")));
        assert_eq!(PointComma.parse("1,234", 6), Ok(d("1.234")));
        let message = CommaPoint
            .mark_refusal(
                "1,234",
                Unread::TwoReadings {
                    grouped: d("1234"),
                    decimal: d("1.234"),
                },
            )
            .unwrap();
        assert_eq!(
            message,
            "\"1,234\" reads two ways, 1234 or 1.234: type one of them"
        );
        let message = PointComma
            .mark_refusal(
                "1.234",
                Unread::TwoReadings {
                    grouped: d("1234"),
                    decimal: d("1.234"),
                },
            )
            .unwrap();
        assert_eq!(
            message,
            "\"1.234\" reads two ways, 1234 or 1,234: type one of them"
        );
    }

    #[test]
    fn limits_and_nonsense() {
        assert_eq!(
            CommaPoint.parse("999,999,999,999.99", 2),
            Ok(d("999999999999.99"))
        );
        assert_eq!(
            CommaPoint.parse("1,000,000,000,000", 2),
            Err(Unread::TooLarge)
        );
        assert_eq!(PointComma.parse("0,001", 2), Err(Unread::TooManyDecimals));
        for f in NumberFormat::ALL {
            for bad in [
                "", "-", ",", ".", "1,,5", "1..5", "1,2,3", "1.2.3", "--1", "1-", "1e3",
            ] {
                assert!(f.parse(bad, 6).is_err(), "{f} {bad:?}");
            }
            assert_eq!(f.parse("12", 0), Ok(d("12")));
            assert_eq!(f.parse("-0012", 6), Ok(d("-12")));
            assert_eq!(f.parse("1 2", 6), Err(Unread::NotANumber), "{f}");
            assert_eq!(f.parse("12 34", 6), Err(Unread::NotANumber), "{f}");
        }
    }

    #[test]
    fn formats_by_name() {
        for f in NumberFormat::ALL {
            assert_eq!(f.sample().parse::<NumberFormat>(), Ok(f));
            assert_eq!(f.to_string(), f.sample());
        }
        assert_eq!("1\u{a0}234,56".parse::<NumberFormat>(), Ok(SpaceComma));
        assert_eq!(" 1’234.56 ".parse::<NumberFormat>(), Ok(ApostrophePoint));
        let e = "1234.56".parse::<NumberFormat>().unwrap_err();
        assert!(e.0.contains("\"1.234,56\""), "{}", e.0);
    }

    fn any_format() -> impl Strategy<Value = NumberFormat> {
        prop::sample::select(NumberFormat::ALL.to_vec())
    }

    proptest! {
        /// Whatever figure is shown, grouped or plain, reads back as itself under the same
        /// format with the decimals it was shown at (or more).
        #[test]
        fn format_then_parse_returns_the_value(
            f in any_format(),
            mantissa in any::<i64>(),
            decimals in 0u32..=6,
            more in 1u32..=6,
        ) {
            // At most 12 digits before the decimal mark, as every typed figure.
            let value = Decimal::new(mantissa % 10i64.pow(12 + decimals), decimals);
            prop_assert_eq!(f.parse(&f.format(value), decimals), Ok(value));
            prop_assert_eq!(f.parse(&f.plain(value), decimals), Ok(value));
            prop_assert_eq!(f.parse(&f.plain(value), 6), Ok(value));
            // Shown with decimals, a figure also reads in a field that allows more.
            if decimals > 0 {
                let wider = (decimals + more).min(6);
                prop_assert_eq!(f.parse(&f.format(value), wider), Ok(value));
            }
        }

        /// Any text at all reads or is refused, under every format: nothing panics, and a
        /// refusal of its marks can be worded.
        #[test]
        fn any_text_reads_or_is_refused(
            f in any_format(),
            text in prop_oneof![
                "[-0-9 ,.'\u{a0}\u{202f}’]{0,24}",
                "-?[0-9]{0,16}([,.][0-9]{0,8}){0,3}",
                any::<String>(),
            ],
            decimals in 0u32..=30,
        ) {
            match f.parse(&text, decimals) {
                Ok(v) => {
                    prop_assert!(v.abs() < Decimal::from(1_000_000_000_000i64));
                    // Read only from the format's own marks: never through the other one.
                    let own = |c: char| {
                        c.is_ascii_digit()
                            || c == '-'
                            || c == f.decimal_mark()
                            || Some(c) == f.dot_or_comma_group()
                            || ANY_FORMAT_GROUPS.contains(&c)
                    };
                    prop_assert!(text.trim().chars().all(own), "{:?} read as {}", text, v);
                }
                Err(e @ (Unread::OtherMark(_) | Unread::TwoReadings { .. })) => {
                    prop_assert!(f.mark_refusal(&text, e).is_some());
                }
                Err(_) => {}
            }
        }
    }
}
