//! Hours worked: decimal hours, `H:MM` or `H:MM:SS`, or the time between a start and an end;
//! from 0 to 24 hours, kept to 6 decimals (a second is 0.000278 h).

use super::numbers::{NumberFormat, figure, plain_figure};
use crate::domain::scaled::round6;
use chrono::NaiveDateTime;
use rust_decimal::Decimal;
use std::str::FromStr;

/// How a file writes a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DurationFormat {
    /// `7.5` (under the file's number format: `7,5` with a decimal comma).
    #[default]
    Decimal,
    /// `7:30`
    HoursMinutes,
    /// `7:30:00`
    HoursMinutesSeconds,
}

impl FromStr for DurationFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<DurationFormat, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "decimal" => Ok(DurationFormat::Decimal),
            "h:mm" => Ok(DurationFormat::HoursMinutes),
            "h:mm:ss" => Ok(DurationFormat::HoursMinutesSeconds),
            _ => Err(format!(
                "duration {s:?}: use \"decimal\", \"h:mm\" or \"h:mm:ss\""
            )),
        }
    }
}

const SECONDS_A_DAY: i64 = 24 * 3600;

/// Hours from 0 to 24.
pub fn check_hours(hours: Decimal) -> Result<Decimal, String> {
    if hours.is_sign_negative() && !hours.is_zero() {
        return Err(format!("{hours} hours: a duration cannot be negative"));
    }
    if hours > Decimal::from(24) {
        return Err(format!("{hours} hours: more than 24 hours in one report"));
    }
    Ok(hours)
}

/// Seconds as hours, to 6 decimals, from 0 to 24 hours.
pub fn hours_of_seconds(seconds: i64) -> Result<Decimal, String> {
    if seconds < 0 {
        return Err("a duration cannot be negative".to_string());
    }
    if seconds > SECONDS_A_DAY {
        return Err("more than 24 hours in one report".to_string());
    }
    Ok(round6(Decimal::from(seconds) / Decimal::from(3600)))
}

/// A duration as the file declares it.
pub fn read_hours(
    text: &str,
    duration: DurationFormat,
    numbers: &NumberFormat,
) -> Result<Decimal, String> {
    let t = text.trim();
    match duration {
        DurationFormat::Decimal => {
            if t.contains(':') {
                return Err(format!(
                    "{t:?} is not decimal hours, the duration format declared (h:mm or h:mm:ss \
                     are declared with `duration`)"
                ));
            }
            check_hours(figure(&plain_figure(t, numbers)?)?)
        }
        DurationFormat::HoursMinutes => clock(t, 2, "h:mm"),
        DurationFormat::HoursMinutesSeconds => clock(t, 3, "h:mm:ss"),
    }
}

/// `H:MM` (`parts` 2) or `H:MM:SS` (3): hours of any number of digits, minutes and seconds of
/// two, below 60.
fn clock(t: &str, parts: usize, name: &str) -> Result<Decimal, String> {
    if t.starts_with('-') {
        return Err(format!("{t:?}: a duration cannot be negative"));
    }
    let wrong = || format!("{t:?} is not a duration in the format {name}");
    let fields: Vec<&str> = t.split(':').collect();
    if fields.len() != parts
        || fields
            .iter()
            .any(|f| !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(wrong());
    }
    let hours = fields[0];
    if hours.is_empty() {
        return Err(wrong());
    }
    let hours = hours.trim_start_matches('0');
    if hours.len() > 2 {
        return Err(format!("{t:?}: more than 24 hours in one report"));
    }
    let mut seconds: i64 = hours.parse().unwrap_or(0) * 3600;
    for (i, f) in fields.iter().enumerate().skip(1) {
        let value: i64 = f.parse().map_err(|_| wrong())?;
        if f.len() != 2 || value >= 60 {
            return Err(wrong());
        }
        seconds += value * if i == 1 { 60 } else { 1 };
    }
    hours_of_seconds(seconds).map_err(|e| format!("{t:?}: {e}"))
}

/// The hours from `start` to `end`.
pub fn hours_between(start: NaiveDateTime, end: NaiveDateTime) -> Result<Decimal, String> {
    let seconds = (end - start).num_seconds();
    hours_of_seconds(seconds).map_err(|e| format!("from {start} to {end}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn decimal_hours_under_the_number_format() {
        let point = NumberFormat::default();
        let comma = NumberFormat::new(",", None).unwrap();
        let read = |t, f| read_hours(t, DurationFormat::Decimal, f);
        assert_eq!(read("7.5", &point), Ok(d("7.5")));
        assert_eq!(read("7,5", &comma), Ok(d("7.5")));
        assert_eq!(read("24", &point), Ok(d("24")));
        assert_eq!(read("0", &point), Ok(d("0")));
        assert!(read("7,5", &point).is_err());
        assert!(
            read("24.000001", &point)
                .unwrap_err()
                .contains("more than 24")
        );
        assert!(read("-1", &point).unwrap_err().contains("negative"));
        assert!(read("7:30", &point).unwrap_err().contains("decimal hours"));
        assert!(read("0.0000001", &point).unwrap_err().contains("decimals"));
    }

    #[test]
    fn clock_durations() {
        let f = NumberFormat::default();
        let hm = |t| read_hours(t, DurationFormat::HoursMinutes, &f);
        let hms = |t| read_hours(t, DurationFormat::HoursMinutesSeconds, &f);
        assert_eq!(hm("7:30"), Ok(d("7.5")));
        assert_eq!(hm("07:45"), Ok(d("7.75")));
        assert_eq!(hm("0:20"), Ok(d("0.333333")));
        assert_eq!(hm("24:00"), Ok(d("24")));
        assert_eq!(hms("01:00:01"), Ok(d("1.000278")));
        assert_eq!(hms("00:00:00"), Ok(d("0")));
        assert_eq!(hms("8:00:00"), Ok(d("8")));
        for bad in [
            "7:5", "7:60", "7", "7:30:00", ":30", "7.5", "-0:30", "24:01", "100:00",
        ] {
            assert!(hm(bad).is_err(), "{bad}");
        }
        for bad in ["7:30", "25:00:00", "7:30:60", "1:2:3", "24:00:01"] {
            assert!(hms(bad).is_err(), "{bad}");
        }
        assert!("hh:mm".parse::<DurationFormat>().is_err());
        assert_eq!("H:MM:SS".parse(), Ok(DurationFormat::HoursMinutesSeconds));
    }

    #[test]
    fn start_and_end() {
        let at = |day, h, m| {
            NaiveDate::from_ymd_opt(2026, 3, day)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        assert_eq!(hours_between(at(4, 9, 0), at(4, 10, 30)), Ok(d("1.5")));
        assert_eq!(hours_between(at(4, 23, 30), at(5, 0, 45)), Ok(d("1.25")));
        assert!(
            hours_between(at(4, 10, 0), at(4, 9, 0))
                .unwrap_err()
                .contains("negative")
        );
        assert!(
            hours_between(at(4, 9, 0), at(5, 9, 1))
                .unwrap_err()
                .contains("24")
        );
    }

    proptest! {
        #[test]
        fn no_duration_text_panics(text in "[-0-9:.,]{0,16}|\\PC{0,16}") {
            let f = NumberFormat::default();
            for format in [
                DurationFormat::Decimal,
                DurationFormat::HoursMinutes,
                DurationFormat::HoursMinutesSeconds,
            ] {
                if let Ok(h) = read_hours(&text, format, &f) {
                    prop_assert!(h >= Decimal::ZERO && h <= Decimal::from(24));
                }
            }
        }
    }
}
