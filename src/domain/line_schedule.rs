//! What a contract line's periods decide beyond their figures: the planned date of the line's
//! remaining forecast (its next period's invoice date), and whether the whole line may go.

use super::DomainError;
use super::dates;
use super::invoicing_term::Term;
use super::progress_state::ProgressState;
use chrono::NaiveDate;

/// What the schedule needs of one period, in the line's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodDates {
    pub seq: i64,
    pub state: ProgressState,
    pub period_end: NaiveDate,
    pub invoice_date: NaiveDate,
}

/// The invoice date of the line's next period, the first one not validated: the pending
/// period's, or, when every period is validated, that of the period the term makes after the
/// last one (it runs from the day after the last end and is invoiced on its own last day, as
/// a new period is). `None` while the line has no period: the forecast keeps the date it was
/// given (the end of the first period the line was made for).
pub fn forecast_date(
    term: Term,
    periods: &[PeriodDates],
) -> Result<Option<NaiveDate>, DomainError> {
    if let Some(p) = periods.iter().find(|p| p.state == ProgressState::Pending) {
        return Ok(Some(p.invoice_date));
    }
    let Some(last) = periods.last() else {
        return Ok(None);
    };
    let start = dates::add_days(last.period_end, 1)
        .map_err(|e| DomainError::new(format!("the next billing period's start {}", e.0)))?;
    term.period_end(start).map(Some)
}

/// A contract line is deleted whole (its periods and its forecast with it) only while none of
/// its periods is validated: a validated period's item is the line's, billed or about to be.
pub fn check_delete_line(periods: &[PeriodDates]) -> Result<(), DomainError> {
    let validated: Vec<String> = periods
        .iter()
        .filter(|p| p.state != ProgressState::Pending)
        .map(|p| format!("{} ({})", p.seq, p.state.label()))
        .collect();
    if validated.is_empty() {
        return Ok(());
    }
    Err(DomainError::new(format!(
        "the line has validated period{} {}: a line is deleted only while none of its periods is \
         validated (unvalidate them from the last, u; an invoiced one stays for good)",
        if validated.len() == 1 { "" } else { "s" },
        validated.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn period(state: ProgressState, end: NaiveDate) -> PeriodDates {
        PeriodDates {
            seq: i64::from(end.month()),
            state,
            period_end: end,
            invoice_date: end,
        }
    }

    #[test]
    fn the_forecast_goes_to_the_first_period_not_validated() {
        use ProgressState::*;
        assert_eq!(forecast_date(Term::Monthly, &[]).unwrap(), None);
        let mut pending = period(Pending, day(2025, 2, 28));
        pending.invoice_date = day(2025, 3, 5);
        let periods = [period(ToBeInvoiced, day(2025, 1, 31)), pending];
        assert_eq!(
            forecast_date(Term::Monthly, &periods).unwrap(),
            Some(day(2025, 3, 5))
        );
        // All validated: the period after the last, as `n` would add it.
        let periods = [
            period(Invoiced, day(2025, 1, 31)),
            period(ToBeInvoiced, day(2025, 2, 28)),
        ];
        assert_eq!(
            forecast_date(Term::Monthly, &periods).unwrap(),
            Some(day(2025, 3, 31))
        );
        assert_eq!(
            forecast_date(Term::Quarterly, &periods).unwrap(),
            Some(day(2025, 5, 31))
        );
        let last = [period(ToBeInvoiced, day(2100, 12, 31))];
        assert!(forecast_date(Term::Monthly, &last).is_err());
    }

    #[test]
    fn a_line_goes_only_while_no_period_is_validated() {
        use ProgressState::*;
        let pending = [period(Pending, day(2025, 1, 31))];
        assert!(check_delete_line(&pending).is_ok());
        assert!(check_delete_line(&[]).is_ok());
        let two = [
            period(Invoiced, day(2025, 1, 31)),
            period(ToBeInvoiced, day(2025, 2, 28)),
            period(Pending, day(2025, 3, 31)),
        ];
        assert_eq!(
            check_delete_line(&two).unwrap_err().0,
            "the line has validated periods 1 (invoiced), 2 (to invoice): a line is deleted \
             only while none of its periods is validated (unvalidate them from the last, u; an \
             invoiced one stays for good)"
        );
    }
}
