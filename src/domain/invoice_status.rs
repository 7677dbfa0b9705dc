//! Invoice and credit note statuses: a draft changes freely, a confirmed document never.

use super::DomainError;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InvoiceStatus {
    Draft,
    Confirmed,
}

impl InvoiceStatus {
    pub const ALL: [InvoiceStatus; 2] = [Self::Draft, Self::Confirmed];

    /// The stored and exported name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Confirmed => "confirmed",
        }
    }

    /// The name a person reads (lists, workbooks).
    pub fn label(self) -> &'static str {
        self.as_str()
    }
}

impl FromStr for InvoiceStatus {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| DomainError::new(format!("unknown invoice status {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in InvoiceStatus::ALL {
            assert_eq!(s.as_str().parse::<InvoiceStatus>().unwrap(), s);
        }
        assert_eq!(InvoiceStatus::Draft.label(), "draft");
        assert_eq!(InvoiceStatus::Confirmed.label(), "confirmed");
        assert!("paid".parse::<InvoiceStatus>().is_err());
    }
}
