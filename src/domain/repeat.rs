//! New items that repeat: one item per month, quarter or year up to a date, each planned one
//! period later than the one before; "date in name" appends the period as `MM/YYYY`.

use super::DomainError;
use chrono::{Datelike, Months, NaiveDate};

/// More than this many items from one form is surely a typo in the repeat-until date.
pub const MAX_REPEATS: usize = 240;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepeatPeriod {
    Month,
    Quarter,
    Year,
}

impl RepeatPeriod {
    pub const ALL: [RepeatPeriod; 3] = [Self::Month, Self::Quarter, Self::Year];

    fn months(self) -> u32 {
        match self {
            Self::Month => 1,
            Self::Quarter => 3,
            Self::Year => 12,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Year => "year",
        }
    }
}

/// The planned dates: `first`, then every period after it up to `until` (inclusive). Days past
/// a month's end fall on its last day (31 January + 1 month = 28 or 29 February), counted from
/// `first` each time so that the 31st comes back in months that have one.
pub fn repeat_dates(
    first: NaiveDate,
    period: RepeatPeriod,
    until: NaiveDate,
) -> Result<Vec<NaiveDate>, DomainError> {
    if until < first {
        return Err(DomainError::new(format!(
            "repeat until {until} is before the first planned date {first}"
        )));
    }
    let mut dates = Vec::new();
    for k in 0.. {
        let Some(date) = first.checked_add_months(Months::new(k * period.months())) else {
            break;
        };
        if date > until {
            break;
        }
        if dates.len() == MAX_REPEATS {
            return Err(DomainError::new(format!(
                "that would make more than {MAX_REPEATS} items: check the repeat-until date"
            )));
        }
        dates.push(date);
    }
    Ok(dates)
}

/// `name MM/YYYY`.
pub fn name_with_period(name: &str, date: NaiveDate) -> String {
    format!("{} {:02}/{}", name.trim_end(), date.month(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn monthly_from_the_31st() {
        let dates = repeat_dates(d(2026, 1, 31), RepeatPeriod::Month, d(2026, 5, 31)).unwrap();
        assert_eq!(
            dates,
            [
                d(2026, 1, 31),
                d(2026, 2, 28),
                d(2026, 3, 31),
                d(2026, 4, 30),
                d(2026, 5, 31)
            ]
        );
    }

    #[test]
    fn quarterly_and_yearly() {
        let q = repeat_dates(d(2026, 1, 15), RepeatPeriod::Quarter, d(2026, 12, 31)).unwrap();
        assert_eq!(q.len(), 4);
        let y = repeat_dates(d(2024, 2, 29), RepeatPeriod::Year, d(2026, 3, 1)).unwrap();
        assert_eq!(y, [d(2024, 2, 29), d(2025, 2, 28), d(2026, 2, 28)]);
        assert_eq!(
            repeat_dates(d(2026, 1, 1), RepeatPeriod::Month, d(2026, 1, 1))
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn refuses_backwards_and_runaway_repeats() {
        assert!(repeat_dates(d(2026, 2, 1), RepeatPeriod::Month, d(2026, 1, 1)).is_err());
        assert!(repeat_dates(d(2026, 1, 1), RepeatPeriod::Month, d(2099, 1, 1)).is_err());
    }

    #[test]
    fn period_in_name() {
        assert_eq!(
            name_with_period("Hosting ", d(2026, 3, 1)),
            "Hosting 03/2026"
        );
    }
}
