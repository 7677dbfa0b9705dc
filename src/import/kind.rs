//! The kinds of data an import reads, as the command line names them.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Accounts,
    PriceLists,
    Projects,
    Milestones,
    TimeReports,
    Expenses,
    RevenueItems,
    /// People's cost rates (`domain::cost_rate`), for the report's cost and margin.
    CostRates,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Accounts,
        Kind::PriceLists,
        Kind::Projects,
        Kind::Milestones,
        Kind::TimeReports,
        Kind::Expenses,
        Kind::RevenueItems,
        Kind::CostRates,
    ];

    /// The name the command line and a mapping file use: `price-lists`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Accounts => "accounts",
            Kind::PriceLists => "price-lists",
            Kind::Projects => "projects",
            Kind::Milestones => "milestones",
            Kind::TimeReports => "time-reports",
            Kind::Expenses => "expenses",
            Kind::RevenueItems => "revenue-items",
            Kind::CostRates => "cost-rates",
        }
    }

    /// Whether rows of this kind carry rates, several rows making one record.
    pub fn has_rates(self) -> bool {
        matches!(self, Kind::PriceLists | Kind::Projects)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Kind, String> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                format!("unknown kind {s:?}: one of {}", names.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(k.as_str().parse::<Kind>(), Ok(k));
        }
        assert_eq!("Time_Reports".parse::<Kind>(), Ok(Kind::TimeReports));
        assert!(
            "invoices"
                .parse::<Kind>()
                .unwrap_err()
                .contains("time-reports")
        );
    }
}
