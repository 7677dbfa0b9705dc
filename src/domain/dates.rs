//! The dates finctl keeps: from 1970-01-01 to 2100-12-31, whether typed (forms, quick edits,
//! the command line's `--today`), imported or computed (a due date, a plan part's date from
//! its offset, a billing period's end, a planned date moved with its milestone). The database
//! refuses any other (migration 18, docs/schema.md). One range for everything, so that a date
//! one path takes in is a date every other path can show, compare and write.

use super::DomainError;
use chrono::{Datelike, Days, Months, NaiveDate};

/// The first date finctl keeps.
pub const FIRST: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The last date finctl keeps.
pub const LAST: NaiveDate = match NaiveDate::from_ymd_opt(2100, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// `1970-01-01 to 2100-12-31`, as refusals name the range.
pub fn range_text() -> String {
    format!("{FIRST} to {LAST}")
}

/// Whether finctl keeps `date`.
pub fn is_kept(date: NaiveDate) -> bool {
    (FIRST..=LAST).contains(&date)
}

/// `date`, or the refusal naming the range: `2101-01-30 is outside 1970-01-01 to 2100-12-31`.
pub fn check(date: NaiveDate) -> Result<NaiveDate, DomainError> {
    if is_kept(date) {
        Ok(date)
    } else {
        Err(outside(&date.to_string()))
    }
}

fn outside(shown: &str) -> DomainError {
    DomainError::new(format!("{shown} is outside {}", range_text()))
}

/// A date typed as `YYYY-MM-DD` (spaces around it dropped), inside the range: the one reading
/// of a typed date, for every form, quick edit and command-line flag.
pub fn parse(input: &str) -> Result<NaiveDate, DomainError> {
    let t = input.trim();
    let not_a_date = || DomainError::new(format!("{t:?} is not a date: use YYYY-MM-DD"));
    let date = NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .filter(|_| t.len() == 10)
        .ok_or_else(not_a_date)?;
    if !is_kept(date) {
        // `0000-01-01`, `-001-01-01`: a date, but not one finctl keeps.
        return Err(outside(t));
    }
    // chrono also takes a sign and one-digit months and days (`+2000-1-01`): a typed date is
    // written as it is shown, four digits, two and two.
    let shape = t.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    if !shape {
        return Err(not_a_date());
    }
    Ok(date)
}

/// `days` days after `date` (before it when negative), inside the range.
pub fn add_days(date: NaiveDate, days: i64) -> Result<NaiveDate, DomainError> {
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    let shown = || {
        let n = days.unsigned_abs();
        let unit = if n == 1 { "day" } else { "days" };
        let sign = if days >= 0 { '+' } else { '-' };
        format!("{date} {sign} {n} {unit}")
    };
    match moved {
        Some(d) if is_kept(d) => Ok(d),
        Some(d) => Err(outside(&format!("{d} ({})", shown()))),
        None => Err(outside(&shown())),
    }
}

/// `months` months after `date` (a day past the month's end falls on its last day), inside
/// the range.
pub fn add_months(date: NaiveDate, months: u32) -> Result<NaiveDate, DomainError> {
    match date.checked_add_months(Months::new(months)) {
        Some(d) if is_kept(d) => Ok(d),
        Some(d) => Err(outside(&format!("{d} ({date} + {months} months)"))),
        None => Err(outside(&format!("{date} + {months} months"))),
    }
}

/// The years of the range, for what counts in months (a report's range, an adjustment's
/// month).
pub fn years() -> std::ops::RangeInclusive<i32> {
    FIRST.year()..=LAST.year()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Issue "Records that hold": `0000-01-01`, `9999-12-31` and `-001-01-01` were read as
    /// dates, and the database then failed with a raw CHECK error.
    #[test]
    fn typed_dates_stay_inside_the_range() {
        assert_eq!(parse(" 2026-12-01 "), Ok(day(2026, 12, 1)));
        assert_eq!(parse("1970-01-01"), Ok(FIRST));
        assert_eq!(parse("2100-12-31"), Ok(LAST));
        for (typed, shown) in [
            ("0000-01-01", "0000-01-01"),
            ("9999-12-31", "9999-12-31"),
            ("-001-01-01", "-001-01-01"),
            ("1969-12-31", "1969-12-31"),
            (" 2101-01-01", "2101-01-01"),
        ] {
            assert_eq!(
                parse(typed).unwrap_err().0,
                format!("{shown} is outside 1970-01-01 to 2100-12-31"),
                "{typed}"
            );
        }
        for bad in [
            "2026-13-01",
            "1.12.2026",
            "2026-2-1",
            "",
            "+2026-01-01",
            "2026-02-30",
        ] {
            assert!(parse(bad).unwrap_err().0.contains("YYYY-MM-DD"), "{bad}");
        }
    }

    #[test]
    fn computed_dates_stay_inside_the_range() {
        assert_eq!(add_days(day(2026, 1, 31), 30), Ok(day(2026, 3, 2)));
        assert_eq!(add_days(day(2026, 1, 31), -31), Ok(day(2025, 12, 31)));
        assert_eq!(
            add_days(LAST, 30).unwrap_err().0,
            "2101-01-30 (2100-12-31 + 30 days) is outside 1970-01-01 to 2100-12-31"
        );
        assert_eq!(
            add_days(FIRST, -1).unwrap_err().0,
            "1969-12-31 (1970-01-01 - 1 day) is outside 1970-01-01 to 2100-12-31"
        );
        assert!(add_days(FIRST, i64::MAX).is_err());
        assert!(add_days(FIRST, i64::MIN).is_err());
        assert_eq!(add_months(day(2026, 1, 31), 1), Ok(day(2026, 2, 28)));
        assert!(add_months(day(2100, 12, 1), 1).is_err());
        assert!(add_months(FIRST, u32::MAX).is_err());
        assert_eq!(check(LAST), Ok(LAST));
        assert!(check(day(2101, 1, 1)).is_err());
        assert_eq!(years(), 1970..=2100);
    }

    proptest! {
        /// Whatever is typed: a date inside the range that writes back as typed, or a
        /// refusal that says why.
        #[test]
        fn fuzz_typed_dates(text in prop_oneof![
            any::<String>(),
            "[-+ 0-9]{0,5}-[0-9]{1,3}-[0-9]{1,3} ?",
            "(19[0-9]{2}|20[0-9]{2}|21[0-9]{2})-(0[0-9]|1[0-3])-([0-3][0-9])",
        ]) {
            match parse(&text) {
                Ok(d) => {
                    prop_assert!(is_kept(d));
                    prop_assert_eq!(d.to_string(), text.trim());
                    prop_assert_eq!(parse(&d.to_string()), Ok(d));
                }
                Err(e) => prop_assert!(!e.0.trim().is_empty()),
            }
        }

        #[test]
        fn fuzz_computed_dates(days in any::<i64>(), months in any::<u32>(), from in 0i64..50_000) {
            let date = FIRST + Days::new(from as u64);
            match add_days(date, days) {
                Ok(d) => prop_assert!(is_kept(d)),
                Err(e) => prop_assert!(e.0.contains("is outside 1970-01-01 to 2100-12-31")),
            }
            match add_months(date, months) {
                Ok(d) => prop_assert!(is_kept(d)),
                Err(e) => prop_assert!(e.0.contains("is outside 1970-01-01 to 2100-12-31")),
            }
        }
    }
}
