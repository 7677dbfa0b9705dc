//! The state of a progress billing period: pending until validated, then to invoice until its
//! revenue item reaches an invoice (for good: a credited period stays locked).

use super::DomainError;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProgressState {
    Pending,
    ToBeInvoiced,
    Invoiced,
}

impl ProgressState {
    pub const ALL: [ProgressState; 3] = [Self::Pending, Self::ToBeInvoiced, Self::Invoiced];

    /// A period's state: validated or not, and whether its revenue item is or ever was on an
    /// invoice.
    pub fn of(validated: bool, item_on_invoice: bool) -> ProgressState {
        match (validated, item_on_invoice) {
            (false, _) => Self::Pending,
            (true, true) => Self::Invoiced,
            (true, false) => Self::ToBeInvoiced,
        }
    }

    /// The exported name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::ToBeInvoiced => "to_be_invoiced",
            Self::Invoiced => "invoiced",
        }
    }

    /// How the state reads for people (the periods pane, the workbook).
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::ToBeInvoiced => "to invoice",
            Self::Invoiced => "invoiced",
        }
    }
}

impl FromStr for ProgressState {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|st| st.as_str() == s || st.label() == s)
            .ok_or_else(|| DomainError::new(format!("unknown progress state {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_read() {
        for s in ProgressState::ALL {
            assert_eq!(s.as_str().parse::<ProgressState>().unwrap(), s);
            assert_eq!(s.label().parse::<ProgressState>().unwrap(), s);
        }
        let labels: Vec<_> = ProgressState::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(labels, ["pending", "to invoice", "invoiced"]);
        assert!("validated".parse::<ProgressState>().is_err());
    }

    #[test]
    fn state_of_a_period() {
        assert_eq!(ProgressState::of(false, true), ProgressState::Pending);
        assert_eq!(ProgressState::of(true, false), ProgressState::ToBeInvoiced);
        assert_eq!(ProgressState::of(true, true), ProgressState::Invoiced);
    }
}
