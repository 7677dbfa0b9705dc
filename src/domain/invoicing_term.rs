//! The invoicing term of a contract line: how long one billing period runs.

use super::DomainError;
use super::dates;
use chrono::{Days, Months, NaiveDate};
use serde::Serialize;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    Monthly,
    Quarterly,
    Percentages,
}

impl Term {
    pub const ALL: [Term; 3] = [Self::Monthly, Self::Quarterly, Self::Percentages];

    /// The stored and exported name (also what the line form offers).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Monthly => "monthly",
            Self::Quarterly => "quarterly",
            Self::Percentages => "percentages",
        }
    }

    /// Months in one billing period (percentage plans default to a month).
    pub fn months(self) -> u32 {
        match self {
            Self::Quarterly => 3,
            _ => 1,
        }
    }

    /// The last day of the billing period that starts on `start`.
    pub fn period_end(self, start: NaiveDate) -> Result<NaiveDate, DomainError> {
        let end = start
            .checked_add_months(Months::new(self.months()))
            .and_then(|d| d.checked_sub_days(Days::new(1)))
            .ok_or_else(|| DomainError::new(format!("no billing period follows {start}")))?;
        dates::check(end).map_err(|e| DomainError::new(format!("the billing period's end {}", e.0)))
    }
}

impl FromStr for Term {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| DomainError::new(format!("unknown invoicing term {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn names_round_trip() {
        for t in Term::ALL {
            assert_eq!(t.as_str().parse::<Term>().unwrap(), t);
        }
        assert!("weekly".parse::<Term>().is_err());
    }

    #[test]
    fn periods_run_a_month_or_a_quarter() {
        assert_eq!(
            Term::Monthly.period_end(day(2026, 3, 1)).unwrap(),
            day(2026, 3, 31)
        );
        assert_eq!(
            Term::Quarterly.period_end(day(2026, 1, 1)).unwrap(),
            day(2026, 3, 31)
        );
        assert_eq!(
            Term::Percentages.period_end(day(2026, 5, 1)).unwrap(),
            day(2026, 5, 31)
        );
        assert!(Term::Monthly.period_end(NaiveDate::MAX).is_err());
        // Issue "Records that hold": a period ends within the dates finctl keeps.
        assert_eq!(
            Term::Monthly.period_end(day(2100, 12, 1)).unwrap(),
            day(2100, 12, 31)
        );
        assert_eq!(
            Term::Quarterly.period_end(day(2100, 12, 1)).unwrap_err().0,
            "the billing period's end 2101-02-28 is outside 1970-01-01 to 2100-12-31"
        );
    }
}
