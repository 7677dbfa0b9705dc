//! Dates and times in the format a file declares, and the range of dates finctl keeps
//! (`domain::dates`): 1970-01-01 to 2100-12-31.

use crate::domain::dates;
use chrono::format::{Item, StrftimeItems};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// The first and last dates an import takes in: those finctl keeps.
pub fn date_range() -> (NaiveDate, NaiveDate) {
    (dates::FIRST, dates::LAST)
}

/// A date inside `date_range`.
pub fn in_range(date: NaiveDate) -> Result<NaiveDate, String> {
    dates::check(date).map_err(|e| e.0)
}

/// A format chrono can use (formatting with a broken one would panic).
fn usable(format: &str) -> Result<(), String> {
    if format.trim().is_empty() || StrftimeItems::new(format).any(|i| matches!(i, Item::Error)) {
        return Err(format!(
            "{format:?} is not a date or time format (e.g. %d.%m.%Y, %H:%M)"
        ));
    }
    Ok(())
}

/// What a format writes, or `None` where it asks for what the value lacks (a time of a date).
fn written(value: impl std::fmt::Display) -> Option<String> {
    use std::fmt::Write;
    let mut text = String::new();
    write!(text, "{value}").ok()?;
    Some(text)
}

/// A date format that writes and reads back a date with its day, month and year
/// (2026-11-23, whose day cannot pass for a month).
pub fn check_date_format(format: &str) -> Result<(), String> {
    usable(format)?;
    let probe = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    let back = written(probe.format(format)).map(|t| NaiveDate::parse_from_str(&t, format));
    match back {
        Some(Ok(back)) if back == probe => Ok(()),
        _ => Err(format!(
            "{format:?} does not give a whole date: it needs a year, a month and a day"
        )),
    }
}

/// A time format that writes and reads back a time of day with its hour and minutes.
pub fn check_time_format(format: &str) -> Result<(), String> {
    usable(format)?;
    let probe = NaiveTime::from_hms_opt(13, 45, 0).unwrap_or_default();
    let back = written(probe.format(format)).map(|t| NaiveTime::parse_from_str(&t, format));
    match back {
        Some(Ok(back)) if back == probe => Ok(()),
        _ => Err(format!(
            "{format:?} does not give a time of day: it needs hours and minutes"
        )),
    }
}

/// A date-and-time format that reads back both.
pub fn check_datetime_format(format: &str) -> Result<(), String> {
    usable(format)?;
    let probe = NaiveDate::from_ymd_opt(2026, 11, 23)
        .and_then(|d| d.and_hms_opt(13, 45, 0))
        .unwrap_or_default();
    let back = written(probe.format(format)).map(|t| NaiveDateTime::parse_from_str(&t, format));
    match back {
        Some(Ok(back)) if back == probe => Ok(()),
        _ => Err(format!(
            "{format:?} does not give a date and a time: it needs a year, a month, a day, \
             hours and minutes"
        )),
    }
}

pub fn read_date(text: &str, format: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    let date = NaiveDate::parse_from_str(t, format)
        .map_err(|_| format!("{t:?} is not a date in the format {format}"))?;
    in_range(date)
}

pub fn read_time(text: &str, format: &str) -> Result<NaiveTime, String> {
    let t = text.trim();
    NaiveTime::parse_from_str(t, format)
        .map_err(|_| format!("{t:?} is not a time of day in the format {format}"))
}

pub fn read_datetime(text: &str, format: &str) -> Result<NaiveDateTime, String> {
    let t = text.trim();
    let at = NaiveDateTime::parse_from_str(t, format)
        .map_err(|_| format!("{t:?} is not a date and time in the format {format}"))?;
    in_range(at.date())?;
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_in_the_declared_format_and_range() {
        assert_eq!(read_date("2026-03-04", "%Y-%m-%d"), Ok(date(2026, 3, 4)));
        assert_eq!(read_date(" 04.03.2026 ", "%d.%m.%Y"), Ok(date(2026, 3, 4)));
        assert_eq!(read_date("03/04/2026", "%m/%d/%Y"), Ok(date(2026, 3, 4)));
        assert!(read_date("2026-03-04", "%d.%m.%Y").is_err());
        assert!(read_date("31.02.2026", "%d.%m.%Y").is_err());
        assert!(read_date("2026-03-04x", "%Y-%m-%d").is_err());
        assert_eq!(read_date("1970-01-01", "%Y-%m-%d"), Ok(date(1970, 1, 1)));
        assert_eq!(read_date("2100-12-31", "%Y-%m-%d"), Ok(date(2100, 12, 31)));
        let e = read_date("1969-12-31", "%Y-%m-%d").unwrap_err();
        assert_eq!(e, "1969-12-31 is outside 1970-01-01 to 2100-12-31");
        assert!(read_date("2101-01-01", "%Y-%m-%d").is_err());
        assert!(read_date("+12026-01-01", "%Y-%m-%d").is_err());
    }

    #[test]
    fn formats_are_checked_before_use() {
        for good in ["%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y", "%d %b %Y", "%F"] {
            assert_eq!(check_date_format(good), Ok(()), "{good}");
        }
        for bad in ["%Y-%m", "%d.%m", "", "%Q", "%Y-%m-%", "%H:%M"] {
            assert!(check_date_format(bad).is_err(), "{bad}");
        }
        for good in ["%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p", "%T"] {
            assert_eq!(check_time_format(good), Ok(()), "{good}");
        }
        // Without AM/PM a 12-hour clock loses the afternoon.
        for bad in ["%I:%M", "%H", "%M:%S", "%Y"] {
            assert!(check_time_format(bad).is_err(), "{bad}");
        }
        assert_eq!(check_datetime_format("%Y-%m-%d %H:%M:%S"), Ok(()));
        assert!(check_datetime_format("%Y-%m-%d").is_err());
    }

    #[test]
    fn times_of_day() {
        let t = |h, m, s| NaiveTime::from_hms_opt(h, m, s).unwrap();
        assert_eq!(read_time("13:05:09", "%H:%M:%S"), Ok(t(13, 5, 9)));
        assert_eq!(read_time("01:05:09 PM", "%I:%M:%S %p"), Ok(t(13, 5, 9)));
        assert_eq!(read_time("12:00 AM", "%I:%M %p"), Ok(t(0, 0, 0)));
        assert!(read_time("25:00", "%H:%M").is_err());
        assert!(read_time("10:23 AM", "%I:%M:%S %p").is_err());
        let at = read_datetime("2026-03-04 10:00", "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(at, date(2026, 3, 4).and_hms_opt(10, 0, 0).unwrap());
        assert!(read_datetime("1960-03-04 10:00", "%Y-%m-%d %H:%M").is_err());
    }

    proptest! {
        #[test]
        fn no_text_or_format_panics(text in "\\PC{0,24}", format in "[%a-zA-Z.:/ -]{0,12}") {
            if check_date_format(&format).is_ok() {
                let _ = read_date(&text, &format);
            }
            if check_time_format(&format).is_ok() {
                let _ = read_time(&text, &format);
            }
            if check_datetime_format(&format).is_ok() {
                let _ = read_datetime(&text, &format);
            }
        }
    }
}
